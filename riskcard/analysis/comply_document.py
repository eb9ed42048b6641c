"""A lab's compliance document measured against a law: the same requirement table as a
framework version's, from the document's own compliance map.

A compliance document has no scorecards of its own. Per-model transparency reports are
judged with the framework it complements (`riskcard comply FRAMEWORK@VERSION`), so here
they are `not_applicable` with that reason; the yearly review is counted from the
document's own version dates; the other clocks are `unknown` as for a framework.
"""

from __future__ import annotations

import datetime as dt

from riskcard.analysis.comply import (
    ComplianceResult,
    Row,
    base_fields,
    finish,
    requirement_rows,
    review_row,
)
from riskcard.formats.law import ComplianceDocument, Law, Requirement
from riskcard.formats.registry import Registry


def document_versions(registry: Registry, document_id: str) -> list[ComplianceDocument]:
    """All versions of one compliance document, oldest first."""
    found = [d for (i, _), d in registry.documents.items() if i == document_id]
    return sorted(found, key=lambda d: (d.effective, d.version))


def comply_document(
    document: ComplianceDocument, law: Law, registry: Registry, as_of: dt.date | None = None
) -> ComplianceResult:
    """Measure the compliance `document` against `law`."""
    when = as_of or dt.date.today()
    key = ((document.id, document.version), (law.id, law.version))
    cmap, origin = registry.compliance.get(key) or (None, None)
    facts = dict(document.facts(), complements=document.complements)
    result = ComplianceResult(facts, law.facts(), origin, when, kind="document")
    versions = document_versions(registry, document.id)

    def report(requirement: Requirement) -> Row:
        return Row(
            **base_fields(requirement),
            status="not_applicable",
            reason=f"judged per model with the framework this document complements "
            f"({document.complements}): riskcard comply {document.complements}@VERSION",
        )

    result.rows = requirement_rows(
        law,
        cmap,
        lambda requirement, months: review_row(requirement, months, document, versions, law, when),
        report,
    )
    framework = registry.in_force(document.complements, document.effective)
    finish(result, law, framework, cmap, *document.notes)
    return result
