"""`riskcard list` and `riskcard frameworks`: what the collection holds."""

from __future__ import annotations

from pathlib import Path

from riskcard.checks.collection import bundled_registry, load_collection
from riskcard.commands.common import default_paths, emit
from riskcard.commands.console import Console
from riskcard.formats.findings import has_errors
from riskcard.renderers.listing import (
    frameworks_json,
    frameworks_text,
    scorecards_json,
    scorecards_text,
)


def scorecards(
    console: Console, paths: list[Path] | None, output_format: str, output: Path | None
) -> int:
    collection = load_collection(default_paths(paths))
    render = scorecards_json if output_format == "json" else scorecards_text
    emit(console, render(collection.scorecards), output)
    if has_errors(collection.findings):
        console.err("riskcard: some files have errors and are not listed; run `riskcard validate`")
        return 1
    return 0


def frameworks(console: Console, output_format: str, output: Path | None) -> int:
    registry, findings = bundled_registry()
    render = frameworks_json if output_format == "json" else frameworks_text
    emit(console, render(registry), output)
    return 1 if findings else 0
