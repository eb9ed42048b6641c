"""The one checker of a document: classify a loaded file and run every check for its kind.

The collection, the parallel workers, the git-history walk and `verify` all
call `check_document`, so a file that `validate` rejects is rejected
everywhere, and nothing judges a value that has not passed every check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from riskcard.checks.crosswalk import check_crosswalk
from riskcard.checks.framework import check_framework
from riskcard.checks.law import check_compliance, check_compliance_document, check_law
from riskcard.checks.schema_errors import validate_model
from riskcard.checks.scorecard import check_scorecard
from riskcard.formats.findings import Finding, Severity
from riskcard.formats.law import ComplianceDocument, ComplianceMap, Law
from riskcard.formats.models import Crosswalk, Framework, Scorecard
from riskcard.formats.registry import Registry
from riskcard.inputs.loader import Document


class Kind(StrEnum):
    """What a riskcard file is, read from the keys at its top level."""

    SCORECARD = "scorecard"
    FRAMEWORK = "framework"
    CROSSWALK = "crosswalk"
    LAW = "law"
    COMPLIANCE = "compliance"
    COMPLIANCE_DOCUMENT = "compliance-document"


Value = Scorecard | Framework | Crosswalk | Law | ComplianceMap | ComplianceDocument


@dataclass(frozen=True)
class CheckedDocument:
    """A document after every check of its kind.

    `value` is the typed value when the file passed the schema (it may still
    have meaning errors); `usable` is the value only when no check found an error.
    """

    doc: Document
    kind: Kind | None
    value: Value | None
    findings: tuple[Finding, ...]

    @property
    def path(self) -> str:
        return self.doc.path

    @property
    def ok(self) -> bool:
        return self.value is not None and not any(
            f.severity is Severity.ERROR for f in self.findings
        )

    @property
    def usable(self) -> Value | None:
        return self.value if self.ok else None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


@dataclass(frozen=True)
class LoadedScorecard:
    """A scorecard that passed every check, with its document for positions."""

    doc: Document
    card: Scorecard
    sha256: str

    @property
    def path(self) -> str:
        return self.doc.path


@dataclass(frozen=True, slots=True)
class CardKey:
    """What a streaming run keeps of a valid scorecard between its two passes: where it is,
    the digest it was checked with, and the keys its outputs are ordered by."""

    path: str
    sha256: str
    model: str
    developer: str
    assessed: dt.date
    framework: tuple[str, str]
    """The framework id and version the scorecard is assessed under."""

    @classmethod
    def of(cls, doc: Document, card: Scorecard) -> CardKey:
        under = (card.framework.id, card.framework.version)
        return cls(doc.path, doc.sha256, card.model.id, card.model.developer, card.assessed, under)


def kind_of(doc: Document) -> Kind | None:
    """Scorecards have `model`; frameworks `levels` and `rules`; crosswalks `from` and `to`;
    laws `requirements`; compliance maps `law` and `entries`; compliance documents
    `complements`."""
    data = doc.data
    if not isinstance(data, dict):
        return None
    if "model" in data:
        return Kind.SCORECARD
    if "levels" in data and "rules" in data:
        return Kind.FRAMEWORK
    if "from" in data and "to" in data:
        return Kind.CROSSWALK
    if "requirements" in data:
        return Kind.LAW
    if "complements" in data:
        return Kind.COMPLIANCE_DOCUMENT
    if "law" in data and "entries" in data:
        return Kind.COMPLIANCE
    return None


def unknown_kind(path: str) -> Finding:
    return Finding(
        path,
        1,
        1,
        "input.unknown-kind",
        Severity.ERROR,
        "not a riskcard file: no `model` (scorecard), `levels` and `rules` (framework), "
        "`from` and `to` (crosswalk), `requirements` (law), `law` and `entries` "
        "(compliance map) or `complements` (compliance document)",
        "to write a scorecard, start from `riskcard new developer/model --framework ID@VERSION`",
    )


Meaning = Callable[[Document, Any, Registry, dt.date], list[Finding]]

_CHECKS: dict[Kind, tuple[type[Value], Meaning]] = {
    Kind.SCORECARD: (Scorecard, check_scorecard),
    Kind.FRAMEWORK: (Framework, lambda doc, value, registry, today: check_framework(doc, value)),
    Kind.CROSSWALK: (
        Crosswalk,
        lambda doc, value, registry, today: check_crosswalk(doc, value, registry),
    ),
    Kind.LAW: (Law, lambda doc, value, registry, today: check_law(doc, value)),
    Kind.COMPLIANCE: (
        ComplianceMap,
        lambda doc, value, registry, today: check_compliance(doc, value, registry),
    ),
    Kind.COMPLIANCE_DOCUMENT: (
        ComplianceDocument,
        lambda doc, value, registry, today: check_compliance_document(doc, value, registry),
    ),
}
"""Per kind: the model its schema is, and the meaning checks that run once it passes."""


def check_document(doc: Document, registry: Registry, today: dt.date) -> CheckedDocument:
    """Every check for the document's kind: YAML, schema, then meaning.

    A scorecard is checked against its framework in `registry`, a crosswalk
    against both of its frameworks, a compliance map against its framework and
    law; a framework or a law only against itself.
    """
    if not doc.ok:
        return CheckedDocument(doc, kind_of(doc), None, tuple(doc.findings))
    kind = kind_of(doc)
    if kind is not None:
        model, meaning = _CHECKS[kind]
        value, found = validate_model(doc, model)
        if value is not None:
            found = found + meaning(doc, value, registry, today)
        return CheckedDocument(doc, kind, value, tuple(found))
    return CheckedDocument(doc, None, None, (*doc.findings, unknown_kind(doc.path)))


def needs_registry(doc: Document, registry: Registry) -> bool:
    """True when the document refers to frameworks that `registry` does not hold yet.

    A compliance map always waits: it is checked after every framework and law among
    the inputs is known.
    """
    kind = kind_of(doc)
    if kind is Kind.COMPLIANCE:
        return True
    if kind is Kind.COMPLIANCE_DOCUMENT:
        return not registry.versions(str(doc.data.get("complements")))
    if kind is Kind.SCORECARD:
        return not _known(doc.data.get("framework"), registry)
    if kind is Kind.CROSSWALK:
        return not (_known(doc.data.get("from"), registry) and _known(doc.data.get("to"), registry))
    return False


def _known(reference: object, registry: Registry) -> bool:
    return (
        isinstance(reference, dict)
        and registry.find(str(reference.get("id")), str(reference.get("version"))) is not None
    )
