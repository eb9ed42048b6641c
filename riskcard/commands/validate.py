"""`riskcard validate`: schema and meaning checks of every input, streamed."""

from __future__ import annotations

from pathlib import Path

from riskcard.checks.collection import iter_collection, new_collection
from riskcard.commands.common import default_paths, emit
from riskcard.commands.console import Console
from riskcard.renderers.findings import REPORTERS, finding_line, summary_line
from riskcard.results.validation import ValidationResult


def run(
    console: Console,
    paths: list[Path] | None,
    output_format: str = "text",
    output: Path | None = None,
    max_bytes: int = 1024 * 1024,
    jobs: int | None = None,
) -> int:
    chosen = paths or default_paths()
    collection = new_collection(include_bundled_findings=not paths)
    findings = iter_collection(
        collection,
        chosen,
        keep=False,
        max_bytes=max_bytes,
        progress=console.progress(),
        jobs=jobs,
    )
    if output_format == "text" and output is None:
        # Stream: each finding is printed as soon as it is made.
        kept = list(collection.findings)
        for finding in kept:
            console.line(finding_line(finding))
        for finding in findings:
            console.clear_progress()
            console.line(finding_line(finding))
            kept.append(finding)
        console.clear_progress()
        result = ValidationResult(collection.checked, kept, tuple(collection.paths))
        console.line(summary_line(result))
        return 1 if result.errors else 0
    everything = sorted([*collection.findings, *findings])
    console.clear_progress()
    result = ValidationResult(collection.checked, everything, tuple(collection.paths))
    emit(console, REPORTERS[output_format](result), output, styled=output_format == "text")
    return 1 if result.errors else 0
