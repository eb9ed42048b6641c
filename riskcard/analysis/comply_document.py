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
    map_row,
    review_row,
    risk_rows,
)
from riskcard.formats.law import ComplianceDocument, Law
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
    for requirement in law.requirements:
        deadline = requirement.deadline
        if requirement.applies_to == "framework_document":
            row = map_row(requirement, cmap)
        elif deadline is not None and deadline.kind == "review_interval" and deadline.months:
            row = review_row(requirement, deadline.months, document, versions, law, when)
        elif requirement.applies_to == "model_report":
            row = Row(
                **base_fields(requirement),
                status="not_applicable",
                reason=f"judged per model with the framework this document complements "
                f"({document.complements}): riskcard comply {document.complements}@VERSION",
            )
        elif deadline is not None and deadline.kind == "republish_after_change":
            row = Row(
                **base_fields(requirement),
                status="unknown",
                reason="when a modification was made is not published; only the version date is",
            )
        else:
            row = Row(
                **base_fields(requirement),
                status="unknown",
                reason="incident reports are not public",
            )
        result.rows.append(row)
    framework = registry.in_force(document.complements, document.effective)
    result.risks = risk_rows(law, framework, cmap)
    if not law.risks:
        result.notes.append("The law file encodes no specified risks, so risk coverage is unknown.")
    result.notes += law.notes + (cmap.notes if cmap else []) + document.notes
    return result
