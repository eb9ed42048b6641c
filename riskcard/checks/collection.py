"""Check stage: find input files, load them strictly, check each with the one checker.

The result is a Collection: the checked scorecards, a registry that knows
every framework version (bundled, plus the input frameworks that do not shadow
one), and every finding made on the way.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from riskcard.checks.document import (
    CardKey,
    CheckedDocument,
    Kind,
    LoadedScorecard,
    check_document,
    kind_of,
    needs_registry,
)
from riskcard.checks.law import add_bundled_laws, add_compliance
from riskcard.checks.parallel import WorkerResult, jobs_for, parallel_check
from riskcard.checks.scorecard import Assessment, check_duplicate_assessments
from riskcard.formats.errors import InputError
from riskcard.formats.findings import Finding, Severity
from riskcard.formats.law import ComplianceDocument, ComplianceMap, Law
from riskcard.formats.models import Crosswalk, Framework, Scorecard
from riskcard.formats.registry import (
    BUNDLED_CROSSWALKS,
    BUNDLED_FRAMEWORKS,
    Origin,
    Registry,
    bundled_files,
    crosswalk_key,
)
from riskcard.inputs.discovery import discover
from riskcard.inputs.loader import DEFAULT_MAX_BYTES, Document, load_file

__all__ = [
    "Collection",
    "LoadedScorecard",
    "bundled_registry",
    "collect_documents",
    "discover",
    "identity_context",
    "iter_collection",
    "kind_of",
    "load_collection",
    "load_framework_file",
    "new_collection",
]

# Frameworks and crosswalks do not depend on the date; scorecards are never bundled.
_BUNDLED_DAY = dt.date(2000, 1, 1)


@dataclass
class Collection:
    """Everything one command read."""

    registry: Registry
    scorecards: list[LoadedScorecard] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    checked: int = 0
    paths: list[str] = field(default_factory=list)
    valid: list[CardKey] = field(default_factory=list)
    """The scorecards that passed every check, in the order `scorecards` lists them."""


@lru_cache(maxsize=1)
def _bundled() -> tuple[tuple[CheckedDocument, ...], tuple[Finding, ...]]:
    registry = Registry()
    kept: list[CheckedDocument] = []
    findings: list[Finding] = []
    for folder in (BUNDLED_FRAMEWORKS, BUNDLED_CROSSWALKS):
        for path in bundled_files(folder):
            doc = load_file(path, label=f"riskcard/{folder}/{path.name}")
            checked = check_document(doc, registry, _BUNDLED_DAY)
            findings += checked.findings
            if isinstance(checked.usable, Framework):
                registry.add_framework(checked.usable, _bundled_origin(checked))
            elif isinstance(checked.usable, Crosswalk):
                registry.add_crosswalk(checked.usable, _bundled_origin(checked))
            if checked.usable is not None:
                kept.append(checked)
    return tuple(kept), tuple(findings)


def _bundled_origin(checked: CheckedDocument) -> Origin:
    return Origin("bundled", checked.path, checked.doc.sha256)


def bundled_registry() -> tuple[Registry, list[Finding]]:
    """A fresh registry of the frameworks, crosswalks, laws and compliance maps shipped
    with riskcard."""
    kept, findings = _bundled()
    registry = Registry()
    for checked in kept:
        if isinstance(checked.value, Framework):
            registry.add_framework(checked.value, _bundled_origin(checked))
        elif isinstance(checked.value, Crosswalk):
            registry.add_crosswalk(checked.value, _bundled_origin(checked))
    return registry, list(findings) + add_bundled_laws(registry)


def load_framework_file(path: Path) -> Framework:
    """One framework file given by path, fully checked; its problems are an input error."""
    registry, _ = bundled_registry()
    checked = check_document(load_file(path), registry, dt.date.today())
    if not isinstance(checked.usable, Framework):
        errors = "; ".join(
            f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}" for f in checked.errors
        )
        raise InputError(f"{path} is not a valid framework: {errors or 'not a framework'}")
    return checked.usable


def register(registry: Registry, checked: CheckedDocument) -> list[Finding]:
    """Add a checked input framework, crosswalk, law or compliance map to the registry,
    refusing shadowed frameworks and crosswalks.

    An input may not replace a bundled framework (unless it is the same framework),
    and two inputs may not define one id@version or one crosswalk: which rules are
    in force must never depend on the order files are read in.
    """
    value = checked.usable
    origin = Origin("input", checked.path, checked.doc.sha256)
    if isinstance(value, Framework):
        key = (value.id, value.version)
        existing = registry.provenance.get(key)
        if existing is None:
            registry.add_framework(value, origin)
            return []
        if existing.kind == "bundled" and registry.frameworks[key] == value:
            return []
        return [_shadow(checked, f"framework {value.id}@{value.version}", existing)]
    if isinstance(value, Crosswalk):
        pair = crosswalk_key(value)
        known = registry.crosswalk_provenance.get(pair)
        if pair not in registry.crosswalks:
            registry.add_crosswalk(value, origin)
            return []
        if known is not None and known.kind == "bundled" and registry.crosswalks[pair] == value:
            return []
        where = known or Origin("input", "an earlier input", "")
        label = f"crosswalk {pair[0][0]}@{pair[0][1]} -> {pair[1][0]}@{pair[1][1]}"
        return [_shadow(checked, label, where)]
    if isinstance(value, Law):
        key = (value.id, value.version)
        if key not in registry.laws:
            registry.laws[key] = value
            return []
        if registry.laws[key] == value:
            return []
        return [_duplicate(checked, "law.duplicate-version", f"law {value.id}@{value.version}")]
    if isinstance(value, ComplianceDocument):
        key = (value.id, value.version)
        if registry.documents.setdefault(key, value) == value:
            return []
        label = f"compliance document {value.id}@{value.version}"
        return [_duplicate(checked, "document.duplicate-version", label)]
    if isinstance(value, ComplianceMap):
        pair = (value.subject, (value.law.id, value.law.version))
        cmap_known = registry.compliance.get(pair)
        if cmap_known is None:
            add_compliance(registry, value, checked.path)
            return []
        if cmap_known[0] == value:
            return []
        label = f"compliance map of {pair[0][0]}@{pair[0][1]} under {pair[1][0]}@{pair[1][1]}"
        return [_duplicate(checked, "compliance.duplicate", label, cmap_known[1])]
    return []


def _duplicate(checked: CheckedDocument, rule: str, label: str, where: str = "") -> Finding:
    """A law or compliance map that would replace a different one already known: which text is
    in force must never depend on the order files are read in."""
    field = "law" if rule.startswith("compliance") else "version"
    line, column = checked.doc.locate((field,))
    elsewhere = f" ({where})" if where else " (bundled with riskcard, or an earlier input)"
    return Finding(
        checked.path,
        line,
        column,
        rule,
        Severity.ERROR,
        f"{label} is already defined{elsewhere} and this file differs from it",
        "give your draft its own version label, or remove one of the two files",
    )


def _shadow(checked: CheckedDocument, label: str, existing: Origin) -> Finding:
    framework = checked.kind is Kind.FRAMEWORK
    line, column = checked.doc.locate(("version",) if framework else ("from",))
    if existing.kind == "bundled":
        rule = "framework.shadows-bundled" if framework else "crosswalk.duplicate"
        message = (
            f"{label} is bundled with riskcard ({existing.path}) and this file differs from it"
        )
        hint = "give your draft its own version label and compare the two with `riskcard diff`"
    else:
        rule = "framework.duplicate-version" if framework else "crosswalk.duplicate"
        message = f"{label} is defined twice: in {existing.path} and in {checked.path}"
        hint = "keep one file per framework id and version"
    return Finding(checked.path, line, column, rule, Severity.ERROR, message, hint)


Progress = Callable[[int, int], None]


def iter_collection(
    collection: Collection,
    paths: Iterable[Path],
    *,
    keep: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: dt.date | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
    extra: Sequence[Document] = (),
    context: Sequence[Assessment] = (),
) -> Iterator[Finding]:
    """Load and check each input in turn, yielding findings as they are made.

    Framework, crosswalk and law files among the inputs join the registry; a document
    is checked at once when the frameworks it names are known, else after every file
    was read (a compliance map always then, once every framework and law is known). With `keep=False` nothing per file is kept but what the cross-file
    check needs, so memory stays flat however many files there are, and large runs
    are spread over `jobs` processes (default: every core, when there are enough files).
    `extra` are documents loaded already (standard input), checked after the files;
    `context` the rest of the collection, read for identity only (duplicate assessments).
    """
    found = discover(list(paths))
    yield from found.findings
    files = found.files
    registry = collection.registry
    when = today or dt.date.today()
    workers = 1 if keep else jobs_for(len(files), jobs)
    loaded = (
        (load_file(path, max_bytes=max_bytes) for path in files)
        if workers == 1
        else parallel_check(files, registry, when, max_bytes, workers)
    )
    everything = itertools.chain(loaded, extra)
    yield from _consume(
        collection, everything, len(files) + len(extra), when, keep, progress, context
    )


def collect_documents(
    collection: Collection, docs: Sequence[Document], today: dt.date | None = None
) -> list[Finding]:
    """Check documents already loaded (under the labels they are reported by), in order."""
    when = today or dt.date.today()
    return sorted(_consume(collection, iter(docs), len(docs), when, True, None))


def _consume(
    collection: Collection,
    loaded: Iterator[WorkerResult | Document],
    total: int,
    when: dt.date,
    keep: bool,
    progress: Progress | None,
    context: Sequence[Assessment] = (),
) -> Iterator[Finding]:
    registry = collection.registry
    pending: list[Document] = []
    seen: list[Assessment] = []
    for index, item in enumerate(loaded, 1):
        collection.checked += 1
        collection.paths.append(item.path)
        if progress is not None:
            progress(index, total)
        if isinstance(item, WorkerResult):
            if item.assessment is not None:
                seen.append(item.assessment)
            if item.key is not None:
                collection.valid.append(item.key)
            yield from item.findings
        elif item.ok and needs_registry(item, registry):
            pending.append(item)
        else:
            yield from _admit(collection, check_document(item, registry, when), seen, keep)
    # Crosswalks before scorecards: neither changes what the other is checked against.
    # Compliance maps last: they are checked against the compliance documents among inputs.
    pending.sort(
        key=lambda doc: (kind_of(doc) is not Kind.CROSSWALK, kind_of(doc) is Kind.COMPLIANCE)
    )
    for doc in pending:
        yield from _admit(collection, check_document(doc, registry, when), seen, keep)
    yield from check_duplicate_assessments(seen, context)


def identity_context(folders: Sequence[Path], given: Sequence[Path]) -> list[Assessment]:
    """The model, framework and date of every scorecard under `folders` that is not among
    the `given` files: read, never checked or blamed, so that checking only a new file
    still finds the assessment it duplicates. A file too broken to say is left out (it is
    reported when it is itself checked)."""
    skip = {path.resolve() for path in discover(list(given)).files}
    found = []
    for path in discover(list(folders)).files:
        if path.resolve() in skip:
            continue
        doc = load_file(path)
        if not doc.ok or kind_of(doc) is not Kind.SCORECARD or not isinstance(doc.data, dict):
            continue
        try:
            model, framework = doc.data["model"]["id"], doc.data["framework"]["id"]
            assessed = dt.date.fromisoformat(str(doc.data["assessed"]))
        except (KeyError, TypeError, ValueError):
            continue
        line, column = doc.locate(("assessed",))
        found.append(Assessment(str(model), str(framework), assessed, doc.path, line, column))
    return found


def _admit(
    collection: Collection, checked: CheckedDocument, seen: list[Assessment], keep: bool
) -> Iterator[Finding]:
    yield from checked.findings
    if isinstance(checked.value, Scorecard):
        seen.append(Assessment.of(checked.doc, checked.value))
        if checked.ok:
            collection.valid.append(CardKey.of(checked.doc, checked.value))
        if keep and checked.ok:
            collection.scorecards.append(
                LoadedScorecard(checked.doc, checked.value, checked.doc.sha256)
            )
    else:
        yield from register(collection.registry, checked)


def load_collection(
    paths: Iterable[Path],
    *,
    include_bundled_findings: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: dt.date | None = None,
    extra: Sequence[Document] = (),
    context: Sequence[Assessment] = (),
) -> Collection:
    """Load and check every input; findings sorted by file and position."""
    collection = new_collection(include_bundled_findings)
    collection.findings += iter_collection(
        collection, paths, max_bytes=max_bytes, today=today, extra=extra, context=context
    )
    collection.findings.sort()
    return collection


def new_collection(include_bundled_findings: bool = False) -> Collection:
    """An empty collection over the bundled registry (and its findings, when asked)."""
    registry, bundled_findings = bundled_registry()
    collection = Collection(registry)
    if include_bundled_findings:
        collection.findings += bundled_findings
        collection.checked += len(registry.frameworks) + len(registry.crosswalks)
    return collection
