"""`riskcard comply`: framework versions measured against laws, and what a revision dropped."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from riskcard.analysis.comply import ComplianceResult, comply
from riskcard.analysis.comply_diff import compare
from riskcard.analysis.comply_document import comply_document, document_versions
from riskcard.checks.collection import load_collection
from riskcard.commands.common import default_paths, emit, parse_date
from riskcard.commands.console import Console
from riskcard.formats.errors import UsageError
from riskcard.formats.law import ComplianceDocument, Law
from riskcard.formats.models import Framework, Scorecard
from riskcard.formats.registry import Registry
from riskcard.renderers.comply import REPORTERS, diff_json, diff_text
from riskcard.results.envelope import envelope, status_of

MANY = ("text", "markdown", "json")


def _inputs() -> tuple[Registry, list[Scorecard]]:
    """The bundled registry (laws and maps included) and the scorecards to time reports by."""
    try:
        paths = default_paths()
    except UsageError:
        paths = []
    collection = load_collection(paths)
    return collection.registry, [loaded.card for loaded in collection.scorecards]


def results(
    framework_ref: str | None,
    law_ref: str | None,
    as_of: str | None = None,
    inputs: tuple[Registry, list[Scorecard]] | None = None,
) -> list[ComplianceResult]:
    """Every requested framework or compliance document version under every requested law
    (without `framework_ref`: every framework version, then every compliance document)."""
    registry, cards = inputs or _inputs()
    laws: list[Law] = (
        [registry.law(law_ref)] if law_ref else [registry.laws[k] for k in sorted(registry.laws)]
    )
    when = parse_date(as_of)
    found = []
    for law in laws:
        for subject in _subjects(registry, framework_ref):
            if isinstance(subject, ComplianceDocument):
                found.append(comply_document(subject, law, registry, when))
            else:
                found.append(comply(subject, law, registry, cards, when))
    return found


def _subjects(registry: Registry, ref: str | None) -> list[Framework | ComplianceDocument]:
    """The framework or compliance document version named `ID@VERSION`, or all of them."""
    if ref is not None:
        document = registry.document(ref)
        return [document] if document is not None else [registry.parse_ref(ref)]
    ids = sorted({document_id for document_id, _ in registry.documents})
    documents = [d for document_id in ids for d in document_versions(registry, document_id)]
    return [*registry.all(), *documents]


def run(
    console: Console,
    framework_ref: str | None,
    law_ref: str | None,
    output_format: str = "text",
    output: Path | None = None,
    fail_on: str | None = None,
    diff_to: str | None = None,
    as_of: str | None = None,
) -> int:
    """Exit 1 when `--fail-on` holds (absent: anything absent, missed, unverified or unknown;
    partial: also partial; with --diff: anything dropped), else 0."""
    if diff_to is not None:
        return _diff(
            console, framework_ref, diff_to, law_ref, output_format, output, fail_on, as_of
        )
    found = results(framework_ref, law_ref, as_of)
    if len(found) > 1 and output_format not in MANY:
        raise UsageError(f"--format {output_format} takes one framework version and one --law")
    failing = fail_on is not None and any(r.failing(fail_on) for r in found)
    if output_format == "json":
        counts: Counter[str] = Counter()
        for result in found:
            counts.update(result.counts())
        payload = (
            found[0].to_json() if len(found) == 1 else {"results": [r.to_json() for r in found]}
        )
        text = _json(envelope("comply", status_of(failing), dict(sorted(counts.items())), payload))
    else:
        text = "\n".join(REPORTERS[output_format](result) for result in found)
    emit(console, text, output)
    return 1 if failing else 0


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _diff(
    console: Console,
    old_ref: str | None,
    new_ref: str,
    law_ref: str | None,
    output_format: str,
    output: Path | None,
    fail_on: str | None,
    as_of: str | None,
) -> int:
    if old_ref is None or output_format not in ("text", "json"):
        raise UsageError("--diff takes FRAMEWORK@VERSION and --format text or json")
    inputs = _inputs()
    texts, dropped, changed = [], 0, 0
    for old in results(old_ref, law_ref, as_of, inputs):
        law = old.law["id"] + "@" + old.law["version"]
        new = results(new_ref, law, as_of, inputs)[0]
        changes = compare(old, new)
        changed += len(changes)
        dropped += sum(c.direction == "dropped" for c in changes)
        texts.append((diff_text if output_format == "text" else diff_json)(old, new, changes))
    failing = fail_on is not None and dropped > 0
    if output_format == "json":
        summary = {"changes": changed, "dropped": dropped}
        diffs = {"diffs": [json.loads(t) for t in texts]}
        texts = [_json(envelope("comply", status_of(failing), summary, diffs))]
    emit(console, "".join(texts), output)
    return 1 if failing else 0
