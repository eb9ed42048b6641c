"""What `riskcard validate` found, as a typed record with its JSON document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from riskcard.formats.findings import Finding, Severity
from riskcard.results.envelope import envelope, status_of


@dataclass(frozen=True)
class ValidationResult:
    """What `riskcard validate` found: how many files were checked, and every finding."""

    checked: int
    findings: list[Finding]
    paths: tuple[str, ...] = ()
    strict: bool = False
    """`--strict`: warnings fail the run too."""

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def failing(self) -> bool:
        return bool(self.errors or (self.strict and self.warnings))

    @property
    def status(self) -> str:
        return status_of(self.failing)

    def to_json(self) -> dict[str, Any]:
        """The JSON document of `riskcard validate -f json`."""
        counts = {"checked": self.checked, "errors": self.errors, "warnings": self.warnings}
        return envelope(
            "validate",
            self.status,
            counts,
            {**counts, "strict": self.strict, "findings": [f.as_dict() for f in self.findings]},
        )
