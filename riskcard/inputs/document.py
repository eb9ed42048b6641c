"""A loaded YAML file: its plain data, where each value stood, and what went wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from riskcard.formats.findings import Finding, Severity

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]


@dataclass(slots=True)
class Document:
    """A loaded YAML file: its data, where each value stood, and what went wrong."""

    path: str
    data: Any = None
    sha256: str = ""
    findings: list[Finding] = field(default_factory=list)
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)
    plain: set[Path_] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(
            f.severity is Severity.ERROR for f in self.findings
        )

    def locate(self, path: Path_, *, key: bool = False) -> Mark:
        """Best position for a path: the key or value itself, else its nearest parent."""
        table = self.key_marks if key else self.marks
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.marks:
                return self.marks[prefix]
        return (1, 1)
