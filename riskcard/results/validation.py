"""What `riskcard validate` found, as a typed record with its JSON document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from riskcard.formats.findings import Finding, Severity
from riskcard.formats.version import __version__


@dataclass(frozen=True)
class ValidationResult:
    """What `riskcard validate` found: how many files were checked, and every finding."""

    checked: int
    findings: list[Finding]
    paths: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def status(self) -> str:
        return "fail" if self.errors else "ok"

    def to_json(self) -> dict[str, Any]:
        """The JSON document of `riskcard validate -f json`."""
        return {
            "riskcard": __version__,
            "status": self.status,
            "checked": self.checked,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.as_dict() for f in self.findings],
        }
