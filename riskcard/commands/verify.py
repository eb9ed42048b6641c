"""`riskcard verify`: recompute a JSON gate report and say what changed."""

from __future__ import annotations

import json
from pathlib import Path

from riskcard.commands.console import Console
from riskcard.renderers.escape import lead_path
from riskcard.results.verify import verify_report


def run(console: Console, report_file: Path, output_format: str = "text") -> int:
    verification = verify_report(report_file)
    if output_format == "json":
        console.out(json.dumps(verification.to_json(), indent=2, ensure_ascii=False) + "\n")
        return 0 if verification.ok else 1
    for difference in verification.differences:
        console.line(lead_path(difference.line()))
    console.line(
        "verified: every field of the report recomputes from its inputs"
        if verification.ok
        else f"{len(verification.differences)} difference(s)"
    )
    return 0 if verification.ok else 1
