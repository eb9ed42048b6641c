"""`riskcard diff`: what changed between two framework versions, proven over every profile."""

from __future__ import annotations

from pathlib import Path

from riskcard.analysis.diff import diff_frameworks
from riskcard.checks.collection import bundled_registry, load_framework_file
from riskcard.commands.common import emit
from riskcard.commands.console import Console
from riskcard.formats.models import Framework
from riskcard.formats.registry import Registry
from riskcard.renderers.diff import REPORTERS
from riskcard.results.diff import DiffReport


def framework_arg(text: str, registry: Registry) -> Framework:
    """`ID@VERSION` of a known framework, or the path of a framework file (a working copy)."""
    candidate = Path(text)
    if candidate.is_file():
        return load_framework_file(candidate)
    return registry.parse_ref(text)


def run(
    console: Console,
    old: str,
    new: str,
    output_format: str = "text",
    output: Path | None = None,
    fail_on: str | None = None,
) -> int:
    registry, _ = bundled_registry()
    result = diff_frameworks(framework_arg(old, registry), framework_arg(new, registry), registry)
    report = DiffReport(result, fail_on)
    emit(console, REPORTERS[output_format](report), output)
    return 1 if report.failing else 0
