"""`riskcard verify`: recompute a JSON gate report and say what changed."""

from __future__ import annotations

from pathlib import Path

from riskcard.commands.console import Console
from riskcard.renderers.escape import lead_path
from riskcard.results.verify import verify_report


def run(console: Console, report_file: Path) -> int:
    problems = verify_report(report_file)
    for problem in problems:
        console.line(lead_path(problem))
    console.line(
        "verified: inputs and decisions unchanged"
        if not problems
        else f"{len(problems)} difference(s)"
    )
    return 1 if problems else 0
