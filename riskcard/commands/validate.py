"""`riskcard validate`: schema and meaning checks of every input, streamed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from riskcard.checks.collection import Collection, iter_collection, new_collection
from riskcard.commands.common import emit, read_inputs
from riskcard.commands.console import Console, Progress
from riskcard.formats.errors import UsageError
from riskcard.formats.findings import Finding
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
        console.note(
            f"riskcard: note: --jobs {jobs} is more than the {cores} core(s); using {cores}"
        )
        return cores
    return jobs


def validation(
    paths: list[Path] | None,
    max_bytes: int = 1024 * 1024,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> tuple[Collection, Iterator[Finding]]:
    """What `riskcard validate` checks, for the command and the Python API alike: the paths
    given (else the configured collection, with the bundled frameworks' own findings), and the
    findings as they are made. `-` among the paths reads one document from standard input;
    named inputs are compared with the configured collection for duplicate assessments."""
    inputs = read_inputs(paths, max_bytes)
    collection = new_collection(include_bundled_findings=not inputs.given)
    findings = iter_collection(
        collection,
        inputs.paths,
        keep=False,
        max_bytes=max_bytes,
        progress=progress,
        jobs=jobs,
        extra=inputs.extra,
        context=inputs.context,
    )
    return collection, findings


def run(
    console: Console,
    paths: list[Path] | None,
    output_format: str = "text",
    output: Path | None = None,
    max_bytes: int = 1024 * 1024,
    jobs: int | None = None,
    strict: bool = False,
) -> int:
    """Exit 1 when an input has an error (with `strict`, also a warning), else 0."""
    jobs = bounded_jobs(console, jobs)
    collection, findings = validation(paths, max_bytes, jobs, console.progress())
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
        result = ValidationResult(collection.checked, kept, tuple(collection.paths), strict)
        console.line(summary_line(result))
        return 1 if result.failing else 0
    everything = sorted([*collection.findings, *findings])
    console.clear_progress()
    result = ValidationResult(collection.checked, everything, tuple(collection.paths), strict)
    emit(console, REPORTERS[output_format](result), output, styled=output_format == "text")
    return 1 if result.failing else 0
