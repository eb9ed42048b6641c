"""Located findings for meaning checks: one file, a path inside it, a rule and a hint."""

from __future__ import annotations

import difflib

from riskcard.formats.findings import Finding, Severity
from riskcard.inputs.loader import Document, Path_


class Located:
    """Collects findings on one document, each placed at the position of a path in it."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.findings: list[Finding] = []

    def add(
        self,
        path: Path_,
        rule: str,
        message: str,
        hint: str,
        *,
        severity: Severity = Severity.ERROR,
        key: bool = False,
    ) -> None:
        line, column = self.doc.locate(path, key=key)
        self.findings.append(Finding(self.doc.path, line, column, rule, severity, message, hint))


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    if close:
        return f"did you mean '{close[0]}'?"
    return "allowed: " + ", ".join(choices)
