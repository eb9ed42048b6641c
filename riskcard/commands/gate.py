"""`riskcard gate`: deploy, develop and security decisions for every scorecard."""

from __future__ import annotations

from pathlib import Path

from riskcard.checks.collection import load_collection
from riskcard.commands.common import FilterArg, Filters, emit, judgeable, parse_date, read_inputs
from riskcard.commands.console import Console
from riskcard.engine.evaluation import evaluate
from riskcard.formats.findings import Severity, has_errors
from riskcard.renderers.gate import REPORTERS
from riskcard.results.gate import GateRun, recorded_base

CI_FORMATS = ("json", "sarif", "junit", "github")


def run(
    console: Console,
    paths: list[Path] | None,
    framework: str | None = None,
    output_format: str = "text",
    output: Path | None = None,
    as_of: str | None = None,
    filters: FilterArg = None,
    strict: bool = False,
) -> int:
    """Exit 0 when every scorecard passes (with `strict`, and nothing warns), else 1."""
    when = parse_date(as_of)
    inputs = read_inputs(paths)
    collection = load_collection(inputs.paths, extra=inputs.extra, context=inputs.context)
    if output_format in CI_FORMATS and has_errors(collection.findings):
        # CI formats are always written: the validation findings and a failing status.
        emit(
            console,
            REPORTERS[output_format](
                GateRun([], when, collection.registry, problems=collection.findings)
            ),
            output,
        )
        errors = sum(f.severity is Severity.ERROR for f in collection.findings)
        console.err(f"riskcard: {errors} error(s) in the inputs; nothing was judged")
        return 1
    judgeable(collection, console)
    cards = Filters.of(filters).apply(collection.scorecards)
    target = collection.registry.parse_ref(framework) if framework else None
    evaluations = [evaluate(s, collection.registry, target, when) for s in cards]
    base = recorded_base(output.parent if output is not None else None)
    # With --strict the inputs' warnings are part of the run (and fail it).
    problems = collection.findings if strict else []
    result = GateRun(evaluations, when, collection.registry, base, problems, strict)
    emit(console, REPORTERS[output_format](result), output, styled=output_format == "text")
    return 0 if result.status == "pass" else 1
