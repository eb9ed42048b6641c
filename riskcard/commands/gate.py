"""`riskcard gate`: deploy, develop and security decisions for every scorecard.

Every input is checked first, keeping no documents; then each scorecard is loaded, judged
and written out in turn, so memory does not grow with the collection (Markdown and HTML,
whose templates take the whole run, hold every result)."""

from __future__ import annotations

from pathlib import Path

from riskcard.checks.stream import check_inputs
from riskcard.commands.common import FilterArg, Filters, emit, parse_date, read_inputs, refuse
from riskcard.commands.console import Console
from riskcard.engine.evaluation import evaluate
from riskcard.formats.findings import Severity, has_errors
from riskcard.renderers.gate import REPORTERS
from riskcard.renderers.gatestream import STREAMERS
from riskcard.results.gate import GateRun, recorded_base
from riskcard.results.gatestream import GateStream

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
    checked = check_inputs(inputs.paths, extra=inputs.extra, context=inputs.context)
    collection = checked.collection
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
    keys = Filters.of(filters).apply_keys(refuse(checked, console))
    registry = collection.registry
    target = registry.parse_ref(framework) if framework else None
    evaluations = (evaluate(s, registry, target, when) for s in checked.scorecards(keys))
    base = recorded_base(output.parent if output is not None else None)
    # With --strict the inputs' warnings are part of the run (and fail it).
    problems = collection.findings if strict else []
    styled = output_format == "text"
    if output_format in STREAMERS:
        stream = GateStream(evaluations, when, registry, base, problems, strict)
        emit(console, STREAMERS[output_format](stream), output, styled=styled)
        return 0 if stream.status == "pass" else 1
    result = GateRun(list(evaluations), when, registry, base, problems, strict)
    emit(console, REPORTERS[output_format](result), output, styled=styled)
    return 0 if result.status == "pass" else 1
