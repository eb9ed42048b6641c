"""`riskcard gate`: deploy, develop and security decisions for every scorecard."""

from __future__ import annotations

from pathlib import Path

from riskcard.commands.common import checked_collection, emit, parse_date
from riskcard.commands.console import Console
from riskcard.engine.evaluation import evaluate
from riskcard.renderers.gate import REPORTERS
from riskcard.results.gate import GateRun, recorded_base


def run(
    console: Console,
    paths: list[Path] | None,
    framework: str | None = None,
    output_format: str = "text",
    output: Path | None = None,
    as_of: str | None = None,
) -> int:
    collection = checked_collection(paths, console)
    target = collection.registry.parse_ref(framework) if framework else None
    when = parse_date(as_of)
    evaluations = [evaluate(s, collection.registry, target, when) for s in collection.scorecards]
    base = recorded_base(output.parent if output is not None else None)
    result = GateRun(evaluations, when, collection.registry, base)
    emit(console, REPORTERS[output_format](result), output, styled=output_format == "text")
    return 0 if result.passes else 1
