"""`riskcard conduct`: did each developer do what its framework required at the time?"""

from __future__ import annotations

from pathlib import Path

from riskcard.analysis.conduct import build_ledger
from riskcard.analysis.inforce import WINDOW_DAYS
from riskcard.commands.common import checked_collection, emit, parse_date
from riskcard.commands.console import Console
from riskcard.renderers.conduct import REPORTERS
from riskcard.results.conduct import ConductRun


def run(
    console: Console,
    paths: list[Path] | None,
    output_format: str = "text",
    output: Path | None = None,
    fail_on: str | None = None,
    as_of: str | None = None,
    window: int = WINDOW_DAYS,
) -> int:
    """Exit 1 when `--fail-on` holds (broken: any broken item; unverifiable: also any
    unverifiable one), else 0."""
    collection = checked_collection(paths, console)
    registry, when = collection.registry, parse_date(as_of)
    with build_ledger(collection.scorecards, registry, when, window) as ledger:
        result = ConductRun(ledger, fail_on)
        emit(console, REPORTERS[output_format](result), output, styled=output_format == "text")
        return 1 if result.failing() else 0
