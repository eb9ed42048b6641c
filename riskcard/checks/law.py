"""Law and compliance-map files: typing them and checking what the schema cannot say.

A law's requirement ids must be unique and its quotes must fit how its text was read; a
compliance map must name a known framework version and law version, cover every requirement
about the framework document, and back each `met` or `partial` entry with a locator and quote.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from riskcard.checks.schema_errors import validate_model
from riskcard.formats.findings import Finding, Severity
from riskcard.formats.law import ComplianceDocument, ComplianceMap, Law
from riskcard.formats.models import Framework
from riskcard.formats.registry import (
    BUNDLED_COMPLIANCE,
    BUNDLED_DOCUMENTS,
    BUNDLED_LAWS,
    Registry,
    bundled_files,
)
from riskcard.inputs.loader import Document, Path_, load_file


def _finding(doc: Document, path: Path_, rule: str, message: str, hint: str) -> Finding:
    line, column = doc.locate(path)
    return Finding(doc.path, line, column, rule, Severity.ERROR, message, hint)


def check_law(doc: Document, law: Law) -> list[Finding]:
    """Meaning checks of one law file."""
    found: list[Finding] = []
    ids = {
        "requirements": [r.id for r in law.requirements],
        "risks": [r.id for r in law.risks],
    }
    for field, items in ids.items():
        seen: set[str] = set()
        for index, item_id in enumerate(items):
            if item_id in seen:
                found.append(
                    _finding(
                        doc,
                        (field, index, "id"),
                        "law.duplicate-id",
                        f"two {field} share the id '{item_id}'",
                        "give each a stable id of its own",
                    )
                )
            seen.add(item_id)
    for index, requirement in enumerate(law.requirements):
        where = ("requirements", index)
        summary = requirement.text_basis == "summary"
        if summary == (requirement.quote is not None):
            message = (
                "a requirement read only in a summary carries a quote"
                if summary
                else "a requirement read in the law's text has no quote"
            )
            found.append(
                _finding(
                    doc,
                    (*where, "quote"),
                    "law.quote-basis",
                    message,
                    "quote the law's own words, or mark `text_basis: summary` and drop the quote",
                )
            )
        clocked = requirement.applies_to in ("deadline", "incident")
        if clocked and requirement.deadline is None:
            found.append(
                _finding(
                    doc,
                    where,
                    "law.deadline-missing",
                    f"requirement '{requirement.id}' sets a clock but has no `deadline` parameters",
                    "add `deadline: {kind: ..., months|days|hours: N}`",
                )
            )
    return found


def check_compliance_document(
    doc: Document, document: ComplianceDocument, registry: Registry
) -> list[Finding]:
    """Meaning checks of one compliance document: the framework it complements is known, and
    its id is no framework's (`comply ID@VERSION` and the compliance maps must name one thing)."""
    found = []
    if registry.versions(document.id):
        found.append(
            _finding(
                doc,
                ("id",),
                "document.shadows-framework",
                f"'{document.id}' is the id of a framework",
                "give the compliance document an id of its own (e.g. the framework's with -cd)",
            )
        )
    if not registry.versions(document.complements):
        found.append(
            _finding(
                doc,
                ("complements",),
                "document.unknown-framework",
                f"no known framework has the id '{document.complements}'",
                "allowed: " + ", ".join(registry.ids()),
            )
        )
    return found


def complemented(registry: Registry, document: ComplianceDocument) -> Framework | None:
    """The version of the complemented framework in force when the document took effect:
    the categories a document's risk coverage names are that version's."""
    return registry.in_force(document.complements, document.effective)


def _subject(
    doc: Document, cmap: ComplianceMap, registry: Registry, found: list[Finding]
) -> Framework | None:
    """The framework whose categories the map's risk coverage names; findings when the map
    does not name exactly one known framework or document."""
    if (cmap.framework is None) == (cmap.document is None):
        found.append(
            _finding(
                doc,
                ("framework",) if cmap.framework is not None else (),
                "compliance.one-subject",
                "a compliance map names "
                + (
                    "both a framework and a document"
                    if cmap.framework
                    else "neither framework nor document"
                ),
                "give exactly one of `framework: {id, version}` and `document: {id, version}`",
            )
        )
        return None
    if cmap.document is not None:
        ref = cmap.document
        document = registry.documents.get((ref.id, ref.version))
        if document is None:
            found.append(
                _finding(
                    doc,
                    ("document",),
                    "compliance.unknown-document",
                    f"unknown compliance document {ref.id}@{ref.version}",
                    "name a document under riskcard/compliance-documents or give its file",
                )
            )
            return None
        return complemented(registry, document)
    assert cmap.framework is not None
    framework = registry.find(cmap.framework.id, cmap.framework.version)
    if framework is None:
        found.append(
            _finding(
                doc,
                ("framework",),
                "compliance.unknown-framework",
                f"unknown framework {cmap.framework.id}@{cmap.framework.version}",
                "name a framework version riskcard knows (riskcard frameworks)",
            )
        )
    return framework


def check_compliance(doc: Document, cmap: ComplianceMap, registry: Registry) -> list[Finding]:
    """Meaning checks of one compliance map against the known frameworks, documents and laws."""
    found: list[Finding] = []
    framework = _subject(doc, cmap, registry, found)
    law = registry.laws.get((cmap.law.id, cmap.law.version))
    if law is None:
        found.append(
            _finding(
                doc,
                ("law",),
                "compliance.unknown-law",
                f"unknown law {cmap.law.id}@{cmap.law.version}",
                "name a law version under riskcard/laws or give its file as an input",
            )
        )
    found += _check_entries(doc, cmap, law)
    by_document = cmap.framework is None and cmap.document is not None
    known_document = by_document and cmap.subject in registry.documents
    if law is not None and (framework is not None or known_document):
        risks = {risk.id for risk in law.risks}
        categories = {category.id for category in framework.categories} if framework else set()
        for index, coverage in enumerate(cmap.risks):
            if coverage.risk not in risks:
                found.append(
                    _finding(
                        doc,
                        ("risks", index, "risk"),
                        "compliance.unknown-risk",
                        f"the law names no specified risk '{coverage.risk}'",
                        "allowed: " + (", ".join(sorted(risks)) or "none"),
                    )
                )
            for position, category in enumerate(coverage.categories):
                if category not in categories:
                    found.append(
                        _finding(
                            doc,
                            ("risks", index, "categories", position),
                            "compliance.unknown-category",
                            f"the framework has no category '{category}'",
                            "allowed: " + (", ".join(sorted(categories)) or "none"),
                        )
                    )
    return found


def _check_entries(doc: Document, cmap: ComplianceMap, law: Law | None) -> Iterator[Finding]:
    known = {r.id: r for r in law.requirements} if law is not None else None
    seen: set[str] = set()
    for index, entry in enumerate(cmap.entries):
        where = ("entries", index)
        if entry.requirement in seen:
            yield _finding(
                doc,
                (*where, "requirement"),
                "compliance.duplicate-requirement",
                f"requirement '{entry.requirement}' is mapped twice",
                "keep one entry per requirement",
            )
        seen.add(entry.requirement)
        if known is not None and entry.requirement not in known:
            yield _finding(
                doc,
                (*where, "requirement"),
                "compliance.unknown-requirement",
                f"the law has no requirement '{entry.requirement}'",
                "allowed: " + ", ".join(sorted(known)),
            )
        if entry.status in ("met", "partial") and not (entry.locator and entry.quote):
            yield _finding(
                doc,
                where,
                "compliance.missing-evidence",
                f"a `{entry.status}` entry needs the framework's locator and a short quote",
                "add `locator:` and `quote:` from the framework text, or mark it `unverified`",
            )
        if entry.status != "met" and not entry.reason:
            yield _finding(
                doc,
                where,
                "compliance.missing-reason",
                f"a `{entry.status}` entry needs a reason",
                "add `reason:` saying what is missing or why it does not apply",
            )
    if known is not None:
        for requirement in known.values():
            if requirement.applies_to == "framework_document" and requirement.id not in seen:
                yield _finding(
                    doc,
                    ("entries",),
                    "compliance.missing-requirement",
                    f"requirement '{requirement.id}' about the framework document has no entry",
                    "add an entry; mark it `unverified` with a reason if the text was not checked",
                )


def load_law_doc(doc: Document) -> tuple[Law | None, list[Finding]]:
    """Schema, then meaning, of one loaded law file."""
    if not doc.ok:
        return None, doc.findings
    law, found = validate_model(doc, Law)
    if law is None:
        return None, found
    found = check_law(doc, law)
    return (None if found else law), found


def load_compliance_doc(
    doc: Document, registry: Registry
) -> tuple[ComplianceMap | None, list[Finding]]:
    """Schema, then meaning, of one loaded compliance map."""
    if not doc.ok:
        return None, doc.findings
    cmap, found = validate_model(doc, ComplianceMap)
    if cmap is None:
        return None, found
    found = check_compliance(doc, cmap, registry)
    return (None if found else cmap), found


def load_document_doc(
    doc: Document, registry: Registry
) -> tuple[ComplianceDocument | None, list[Finding]]:
    """Schema, then meaning, of one loaded compliance document."""
    if not doc.ok:
        return None, doc.findings
    document, found = validate_model(doc, ComplianceDocument)
    if document is None:
        return None, found
    found = check_compliance_document(doc, document, registry)
    return (None if found else document), found


def add_compliance(registry: Registry, cmap: ComplianceMap, origin: str) -> None:
    key = (cmap.subject, (cmap.law.id, cmap.law.version))
    registry.compliance[key] = (cmap, origin)


def _load_folder(folder: str) -> tuple[Document, ...]:
    return tuple(
        load_file(path, label=f"riskcard/{folder}/{path.name}") for path in bundled_files(folder)
    )


@lru_cache(maxsize=1)
def _bundled_docs() -> tuple[tuple[Document, ...], tuple[Document, ...], tuple[Document, ...]]:
    return (
        _load_folder(BUNDLED_LAWS),
        _load_folder(BUNDLED_DOCUMENTS),
        _load_folder(BUNDLED_COMPLIANCE),
    )


_Typed = tuple[list[Law], list[ComplianceDocument], list[tuple[ComplianceMap, str]], list[Finding]]
_TYPED: list[_Typed] = []


def add_bundled_laws(registry: Registry) -> list[Finding]:
    """Add the bundled laws, compliance documents and compliance maps to a registry of the
    bundled frameworks; their findings. They are typed and checked once per process (the
    bundled files do not change while it runs)."""
    if not _TYPED:
        law_docs, document_docs, map_docs = _bundled_docs()
        laws: list[Law] = []
        documents: list[ComplianceDocument] = []
        maps: list[tuple[ComplianceMap, str]] = []
        findings: list[Finding] = []
        for doc in law_docs:
            law, found = load_law_doc(doc)
            findings += found
            if law is not None:
                laws.append(law)
                registry.laws[(law.id, law.version)] = law
        for doc in document_docs:
            document, found = load_document_doc(doc, registry)
            findings += found
            if document is not None:
                documents.append(document)
                registry.documents[(document.id, document.version)] = document
        for doc in map_docs:
            cmap, found = load_compliance_doc(doc, registry)
            findings += found
            if cmap is not None:
                maps.append((cmap, doc.path))
        _TYPED.append((laws, documents, maps, findings))
    laws, documents, maps, findings = _TYPED[0]
    for law in laws:
        registry.laws[(law.id, law.version)] = law
    for document in documents:
        registry.documents[(document.id, document.version)] = document
    for cmap, origin in maps:
        add_compliance(registry, cmap, origin)
    return list(findings)
