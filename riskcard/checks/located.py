"""Located findings for meaning checks: one file, a path inside it, a rule and a hint."""

from __future__ import annotations

from riskcard.formats.findings import Finding, Severity
from riskcard.formats.suggest import Suggestions
from riskcard.inputs.loader import Document, Path_


class Located:
    """Collects findings on one document, each placed at the position of a path in it."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.findings: list[Finding] = []
        self.suggestions = Suggestions()

    def did_you_mean(self, word: str, choices: list[str]) -> str:
        """`did you mean 'x'?` or the allowed names, within this document's suggestion budget
        (bounded work whatever the document holds; see formats/suggest.py)."""
        return self.suggestions.did_you_mean(word, choices)

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
