"""A framework diff as a typed record with its JSON document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from riskcard.analysis.diff import DiffResult, diff_dict


@dataclass(frozen=True)
class DiffReport:
    """`riskcard diff`: what changed between two framework versions."""

    result: DiffResult

    def to_json(self) -> dict[str, Any]:
        return diff_dict(self.result)
