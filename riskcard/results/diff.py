"""A framework diff as a typed record with its JSON document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from riskcard.analysis.diff import DiffResult, diff_dict
from riskcard.results.envelope import envelope, status_of


@dataclass(frozen=True)
class DiffReport:
    """`riskcard diff`: what changed between two framework versions."""

    result: DiffResult
    fail_on: str | None = None
    """`--fail-on`: loosening, tightening or any."""

    @property
    def failing(self) -> bool:
        result = self.result
        found = {
            "loosening": bool(result.looser),
            "tightening": bool(result.stricter),
            "any": bool(result.looser or result.stricter or result.changes),
        }
        return self.fail_on is not None and found[self.fail_on]

    def to_json(self) -> dict[str, Any]:
        result = self.result
        summary = {
            "profiles": result.total,
            "looser": result.looser,
            "stricter": result.stricter,
            "changes": len(result.changes),
        }
        return envelope("diff", status_of(self.failing), summary, diff_dict(result))
