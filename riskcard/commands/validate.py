"""`riskcard validate`: schema and meaning checks of every input, streamed."""

from __future__ import annotations

import os
from pathlib import Path

from riskcard.checks.collection import iter_collection, new_collection
from riskcard.commands.common import default_paths, emit
from riskcard.commands.console import Console
from riskcard.formats.errors import UsageError
from riskcard.renderers.findings import REPORTERS, finding_line, summary_line
from riskcard.results.validation import ValidationResult


def bounded_jobs(console: Console, jobs: int | None) -> int | None:
    """`--jobs` between 1 and the number of cores: more is clamped with a note, fewer than
    one is a usage error (never thousands of forked processes)."""
    if jobs is None:
        return None
    if jobs < 1:
        raise UsageError(f"--jobs takes a number of processes of at least 1, not {jobs}")
    cores = os.cpu_count() or 1
    if jobs > cores:
        console.err(
            f"riskcard: note: --jobs {jobs} is more than the {cores} core(s); using {cores}"
        )
        return cores
    return jobs


def run(
    console: Console,
    paths: list[Path] | None,
    output_format: str = "text",
    output: Path | None = None,
    max_bytes: int = 1024 * 1024,
    jobs: int | None = None,
) -> int:
    jobs = bounded_jobs(console, jobs)
    chosen = default_paths(paths)
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
