"""`riskcard list` and `riskcard frameworks`: what the collection holds."""

from __future__ import annotations

from pathlib import Path

from riskcard.checks.collection import bundled_registry, load_collection
from riskcard.commands.common import FilterArg, Filters, default_paths, emit
from riskcard.commands.console import Console
from riskcard.formats.findings import has_errors
from riskcard.renderers.listing import (
    frameworks_json,
    frameworks_text,
    scorecards_json,
    scorecards_text,
)


def scorecards(
    console: Console,
    paths: list[Path] | None,
    output_format: str,
    output: Path | None,
    filters: FilterArg = None,
) -> int:
    collection = load_collection(default_paths(paths))
    cards = Filters.of(filters).apply(collection.scorecards)
    failing = has_errors(collection.findings)
    if output_format == "json":
        emit(console, scorecards_json(cards, failing), output)
    else:
        emit(console, scorecards_text(cards), output)
    if failing:
        console.err("riskcard: some files have errors and are not listed; run `riskcard validate`")
        return 1
    return 0


def frameworks(console: Console, output_format: str, output: Path | None) -> int:
    registry, findings = bundled_registry()
    if output_format == "json":
        emit(console, frameworks_json(registry, bool(findings)), output)
    else:
        emit(console, frameworks_text(registry), output)
    return 1 if findings else 0
