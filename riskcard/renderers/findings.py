"""Reporters for validation results: one function per format, chosen by name."""

from __future__ import annotations

import json
from collections.abc import Callable

from riskcard.formats.findings import Finding
from riskcard.renderers.ci import RuleDoc
from riskcard.renderers.escape import lead_path, visible
from riskcard.results.validation import ValidationResult


def finding_line(finding: Finding, *, hint: bool = True) -> str:
    """`path:line:column: severity rule message (fix: hint)`; data shown with visible escapes
    and a path that cannot start a workflow command."""
    line = (
        f"{lead_path(finding.path)}:{finding.line}:{finding.column}: {finding.severity} "
        f"{visible(finding.rule)} {visible(finding.message)}"
    )
    return f"{line} (fix: {visible(finding.hint)})" if hint and finding.hint else line


def summary_line(result: ValidationResult) -> str:
    files = "file" if result.checked == 1 else "files"
    word = "ok" if result.status == "pass" else result.status
    if result.strict and result.warnings and not result.errors:
        word += " (--strict: warnings fail)"
    return (
        f"{word}: {result.errors} error(s), {result.warnings} warning(s) "
        f"in {result.checked} {files} checked"
    )


def text(result: ValidationResult) -> str:
    return "".join(finding_line(f) + "\n" for f in result.findings) + summary_line(result) + "\n"


def as_json(result: ValidationResult) -> str:
    return json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"


def validation_docs() -> dict[str, RuleDoc]:
    """What SARIF shows for each validation rule."""
    from riskcard.formats.rulebook import VALIDATION_RULES

    return {
        rule: RuleDoc(rule, text, text, f"{text} See docs/DATA.md and the schema in schema/.")
        for rule, text in VALIDATION_RULES.items()
    }


def as_sarif(result: ValidationResult) -> str:
    from riskcard.renderers.ci import sarif

    return sarif(result.findings, validation_docs())


def as_junit(result: ValidationResult) -> str:
    from riskcard.renderers.ci import junit_by_file

    return junit_by_file(result.findings, result.paths)


def as_github(result: ValidationResult) -> str:
    from riskcard.renderers.ci import github

    return github(result.findings) + summary_line(result) + "\n"


REPORTERS: dict[str, Callable[[ValidationResult], str]] = {
    "text": text,
    "json": as_json,
    "sarif": as_sarif,
    "junit": as_junit,
    "github": as_github,
}
