"""Load stage: find input files, load them strictly, and type them.

The result is a Collection: the typed scorecards and frameworks, a registry
that knows every framework version, and every finding made on the way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from riskcard.checks.law import (
    add_bundled_laws,
    add_compliance,
    load_compliance_doc,
    load_law_doc,
)
from riskcard.checks.meaning import (
    Assessment,
    check_duplicate_assessments,
    check_framework,
    check_scorecard,
)
from riskcard.checks.parallel import Checked, jobs_for, parallel_check
from riskcard.checks.schema_errors import validate_model
from riskcard.formats.errors import UsageError
from riskcard.formats.findings import Finding, Severity
from riskcard.formats.models import Crosswalk, Framework, Scorecard
from riskcard.formats.registry import (
    BUNDLED_CROSSWALKS,
    BUNDLED_FRAMEWORKS,
    Registry,
    bundled_files,
)
from riskcard.inputs.loader import DEFAULT_MAX_BYTES, Document, load_file

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadedScorecard:
    """A scorecard that passed the schema, with its document for positions."""

    doc: Document
    card: Scorecard
    sha256: str

    @property
    def path(self) -> str:
        return self.doc.path


@dataclass
class Collection:
    """Everything one command read."""

    registry: Registry
    scorecards: list[LoadedScorecard] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    checked: int = 0
    paths: list[str] = field(default_factory=list)


def discover(paths: Sequence[Path]) -> list[Path]:
    """Expand folders into their YAML files; a missing path is a usage error."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    return list(dict.fromkeys(found))


def kind_of(doc: Document) -> str | None:
    data = doc.data
    if not isinstance(data, dict):
        return None
    if "model" in data:
        return "scorecard"
    if "levels" in data and "rules" in data:
        return "framework"
    if "from" in data and "to" in data:
        return "crosswalk"
    if "requirements" in data:
        return "law"
    if "entries" in data and "law" in data:
        return "compliance"
    return None


@lru_cache(maxsize=1)
def _bundled() -> tuple[
    tuple[tuple[Framework, str], ...], tuple[Crosswalk, ...], tuple[Finding, ...]
]:
    frameworks: list[tuple[Framework, str]] = []
    crosswalks: list[Crosswalk] = []
    findings: list[Finding] = []
    for path in bundled_files(BUNDLED_FRAMEWORKS):
        doc = load_file(path, label=f"riskcard/{BUNDLED_FRAMEWORKS}/{path.name}")
        framework, found = _framework(doc)
        findings += found
        if framework is not None:
            frameworks.append((framework, doc.path))
    for path in bundled_files(BUNDLED_CROSSWALKS):
        doc = load_file(path, label=f"riskcard/{BUNDLED_CROSSWALKS}/{path.name}")
        crosswalk, found = _crosswalk(doc)
        findings += found
        if crosswalk is not None:
            crosswalks.append(crosswalk)
    return tuple(frameworks), tuple(crosswalks), tuple(findings)


def bundled_registry() -> tuple[Registry, list[Finding]]:
    """A fresh registry of the frameworks and crosswalks shipped with riskcard."""
    frameworks, crosswalks, findings = _bundled()
    registry = Registry()
    for framework, origin in frameworks:
        registry.add_framework(framework, origin)
    for crosswalk in crosswalks:
        registry.add_crosswalk(crosswalk)
    return registry, list(findings) + add_bundled_laws(registry)


def load_framework_file(path: Path) -> Framework:
    """One framework file given by path, fully checked; its problems are an input error."""
    from riskcard.formats.errors import InputError

    doc = load_file(path)
    framework, findings = _framework(doc)
    if framework is None:
        errors = "; ".join(
            f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}"
            for f in findings
            if f.severity is Severity.ERROR
        )
        raise InputError(f"{path} is not a valid framework: {errors or 'not a framework'}")
    return framework


def _framework(doc: Document) -> tuple[Framework | None, list[Finding]]:
    if not doc.ok:
        return None, doc.findings
    framework, findings = validate_model(doc, Framework)
    if framework is None:
        return None, findings
    findings = check_framework(doc, framework)
    bad = any(f.severity is Severity.ERROR for f in findings)
    return (None if bad else framework), findings


def _crosswalk(doc: Document) -> tuple[Crosswalk | None, list[Finding]]:
    if not doc.ok:
        return None, doc.findings
    return validate_model(doc, Crosswalk)


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
) -> Iterator[Finding]:
    """Load, type and check each input in turn, yielding findings as they are made.

    Framework and crosswalk files among the inputs join the registry; a scorecard
    is checked at once when its framework is known, else after every file was read.
    With `keep=False` nothing per file is kept but what the cross-file check needs,
    so memory stays flat however many files there are, and large runs are spread
    over `jobs` processes (default: every core, when there are enough files).
    """
    files = discover(list(paths))
    registry = collection.registry
    when = today or dt.date.today()
    pending: list[Document] = []
    maps: list[Document] = []
    seen: list[Assessment] = []
    workers = 1 if keep else jobs_for(len(files), jobs)
    loaded = (
        (load_file(path, max_bytes=max_bytes) for path in files)
        if workers == 1
        else parallel_check(files, registry, when, max_bytes, workers, seen)
    )
    for index, doc in enumerate(loaded, 1):
        collection.checked += 1
        collection.paths.append(doc.path)
        if progress is not None:
            progress(index, len(files))
        if isinstance(doc, Checked):
            yield from doc.findings
            continue
        if not doc.ok:
            yield from doc.findings
            continue
        kind = kind_of(doc)
        if kind == "scorecard":
            reference = doc.data.get("framework")
            known = (
                isinstance(reference, dict)
                and registry.find(str(reference.get("id")), str(reference.get("version")))
                is not None
            )
            if known:
                yield from _scorecard(collection, doc, when, seen, keep)
            else:
                pending.append(doc)
        elif kind == "framework":
            framework, found = _framework(doc)
            yield from found
            if framework is not None:
                registry.add_framework(framework, doc.path)
        elif kind == "crosswalk":
            crosswalk, found = _crosswalk(doc)
            yield from found
            if crosswalk is not None:
                registry.add_crosswalk(crosswalk)
        elif kind == "law":
            law, found = load_law_doc(doc)
            yield from found
            if law is not None:
                registry.laws[(law.id, law.version)] = law
        elif kind == "compliance":
            maps.append(doc)  # after every framework and law among the inputs is known
        else:
            yield Finding(
                doc.path,
                1,
                1,
                "input.unknown-kind",
                Severity.ERROR,
                "not a riskcard file: no `model` (scorecard), `levels` and `rules` (framework), "
                "`requirements` (law) or `law` and `entries` (compliance map)",
                "start from a bundled scorecard",
            )
    for doc in pending:
        yield from _scorecard(collection, doc, when, seen, keep)
    for doc in maps:
        cmap, found = load_compliance_doc(doc, registry)
        yield from found
        if cmap is not None:
            add_compliance(registry, cmap, doc.path)
    yield from check_duplicate_assessments(seen)


def _scorecard(
    collection: Collection, doc: Document, when: dt.date, seen: list[Assessment], keep: bool
) -> Iterator[Finding]:
    card, findings = check_scorecard_doc(doc, collection.registry, when)
    yield from findings
    if card is None:
        return
    seen.append(Assessment.of(doc, card))
    if keep and not any(f.severity is Severity.ERROR for f in findings):
        collection.scorecards.append(LoadedScorecard(doc, card, doc.sha256))


def check_scorecard_doc(
    doc: Document, registry: Registry, when: dt.date
) -> tuple[Scorecard | None, list[Finding]]:
    """Schema, then meaning: the checks of one loaded scorecard."""
    card, found = validate_model(doc, Scorecard)
    if card is None:
        return None, found
    return card, found + check_scorecard(doc, card, registry, when)


def load_collection(
    paths: Iterable[Path],
    *,
    include_bundled_findings: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: dt.date | None = None,
) -> Collection:
    """Load, type and check every input; findings sorted by file and position."""
    collection = new_collection(include_bundled_findings)
    collection.findings += iter_collection(collection, paths, max_bytes=max_bytes, today=today)
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
