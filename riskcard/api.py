"""The Python API: the same core the CLI uses, with typed results and no printing.

import riskcard
collection = riskcard.load(["scorecards"])
for card in collection.scorecards:
    result = riskcard.evaluate(card, collection.registry)
    print(card.card.model.id, result.outcome.deploy.status)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from riskcard.analysis.diff import DiffResult, diff_frameworks
from riskcard.checks.collection import (
    Collection,
    LoadedScorecard,
    bundled_registry,
    load_collection,
    load_framework_file,
)
from riskcard.engine.evaluation import Evaluation
from riskcard.engine.evaluation import evaluate as _evaluate
from riskcard.formats.errors import InputError
from riskcard.formats.findings import Finding, Severity
from riskcard.formats.models import Framework
from riskcard.formats.registry import Registry
from riskcard.results.gate import GateRun
from riskcard.results.validation import ValidationResult

__all__ = [
    "Collection",
    "DiffResult",
    "Evaluation",
    "Finding",
    "Registry",
    "ValidationResult",
    "diff",
    "evaluate",
    "load",
    "load_framework",
    "load_scorecard",
    "render",
    "validate",
]


def load_scorecard(path: str | Path) -> LoadedScorecard:
    """Load and check one scorecard; raises InputError listing its errors."""
    collection = load_collection([Path(path)])
    errors = [f for f in collection.findings if f.severity is Severity.ERROR]
    if errors or not collection.scorecards:
        detail = "; ".join(f"{f.line}:{f.column} {f.rule} {f.message}" for f in errors)
        raise InputError(f"{path}: {detail or 'not a scorecard'}")
    return collection.scorecards[0]


def load_framework(ref: str | Path, registry: Registry | None = None) -> Framework:
    """A framework by `ID@VERSION` (bundled) or by file path."""
    if isinstance(ref, Path) or Path(ref).is_file():
        return load_framework_file(Path(ref))
    known = registry or bundled_registry()[0]
    return known.parse_ref(ref)


def load(paths: Iterable[str | Path]) -> Collection:
    """Every scorecard, framework and crosswalk under `paths`, typed and checked."""
    return load_collection([Path(p) for p in paths])


def validate(paths: Iterable[str | Path]) -> ValidationResult:
    """What `riskcard validate PATH ...` reports, as a value."""
    collection = load_collection([Path(p) for p in paths])
    return ValidationResult(collection.checked, collection.findings)


def evaluate(
    scorecard: LoadedScorecard,
    registry: Registry | None = None,
    framework: Framework | str | None = None,
    as_of: dt.date | None = None,
) -> Evaluation:
    """Gate decisions for one scorecard (under `framework`, default the one it names)."""
    known = registry or bundled_registry()[0]
    target = known.parse_ref(framework) if isinstance(framework, str) else framework
    return _evaluate(scorecard, known, target, as_of)


def diff(
    old: Framework | str, new: Framework | str, registry: Registry | None = None
) -> DiffResult:
    """Structural and exhaustive semantic difference between two framework versions."""
    known = registry or bundled_registry()[0]
    before = known.parse_ref(old) if isinstance(old, str) else old
    after = known.parse_ref(new) if isinstance(new, str) else new
    return diff_frameworks(before, after, known)


def render(result: Any, format: str = "text") -> str:
    """Render a ValidationResult, an Evaluation (or list of them), or a DiffResult."""
    if isinstance(result, ValidationResult):
        from riskcard.renderers.findings import REPORTERS as validation

        return validation[format](result)
    if isinstance(result, DiffResult):
        from riskcard.renderers.diff import REPORTERS as diffs
        from riskcard.results.diff import DiffReport

        return diffs[format](DiffReport(result))
    if isinstance(result, Evaluation):
        result = [result]
    if isinstance(result, list) and all(isinstance(r, Evaluation) for r in result):
        from riskcard.renderers.gate import REPORTERS as gates

        return gates[format](GateRun(result))
    raise TypeError(f"cannot render {type(result).__name__}")
