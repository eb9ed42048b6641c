"""Compliance documents: checked like a framework's map, measured under a law, never
more permissive than their map and never judged on another document's data."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from test_comply import AS_OF, framework, law, row

from riskcard.analysis.comply_document import comply_document
from riskcard.checks.collection import load_collection
from riskcard.formats.law import ComplianceDocument, ComplianceMap
from riskcard.formats.registry import Registry

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rules"


def document(version: str = "1", effective: str = "2025-06-01") -> ComplianceDocument:
    return ComplianceDocument.model_validate(
        {
            "format_version": 1,
            "id": "lab-cd",
            "version": version,
            "title": "Lab compliance document",
            "publisher": "Lab",
            "url": "https://example.org/cd",
            "effective": effective,
            "complements": "lab-fw",
        }
    )


def registry(doc: ComplianceDocument, entries: list[dict[str, Any]] | None) -> Registry:
    reg = Registry()
    reg.add_framework(framework("1", "2025-01-01"), "test")
    reg.laws[("act", "1")] = law()
    reg.documents[(doc.id, doc.version)] = doc
    if entries is not None:
        cmap = ComplianceMap.model_validate(
            {
                "format_version": 1,
                "document": {"id": doc.id, "version": doc.version},
                "law": {"id": "act", "version": "1"},
                "assessed": "2026-01-01",
                "entries": entries,
            }
        )
        reg.compliance[(cmap.subject, ("act", "1"))] = (cmap, "map.yaml")
    return reg


def test_a_document_map_gives_its_rows_and_the_report_is_left_to_the_framework() -> None:
    doc = document()
    entry = {"requirement": "fw-a", "status": "met", "locator": "p. 2", "quote": "we do a"}
    result = comply_document(doc, law(), registry(doc, [entry]), AS_OF)
    assert result.kind == "document" and result.to_json()["document"]["complements"] == "lab-fw"
    assert "framework" not in result.to_json()
    assert row(result, "fw-a").status == "met" and row(result, "fw-a").quote == "we do a"
    report = row(result, "report")
    assert report.status == "not_applicable" and "lab-fw" in (report.reason or "")
    assert row(result, "yearly").status == "unknown"  # due 2026-06-01, no later version


def test_the_yearly_review_counts_the_documents_own_versions() -> None:
    old, new = document("1", "2025-06-01"), document("2", "2026-03-01")
    reg = registry(old, None)
    reg.documents[(new.id, new.version)] = new
    assert row(comply_document(old, law(), reg, AS_OF), "yearly").status == "met"


def test_without_a_map_every_document_element_is_unverified() -> None:
    doc = document()
    result = comply_document(doc, law(), registry(doc, None), AS_OF)
    assert row(result, "fw-a").status == "unverified"
    assert result.failing("absent")


STATUSES = st.sampled_from(["met", "partial", "absent", "not_applicable", "unverified"])


@given(status=STATUSES, mapped=st.booleans())
def test_a_document_row_is_met_only_with_its_maps_evidence(status: str, mapped: bool) -> None:
    doc = document()
    entry: dict[str, Any] = {"requirement": "fw-a", "status": status, "reason": "r"}
    if status in ("met", "partial"):
        entry.update(locator="p. 1", quote="q")
    result = comply_document(doc, law(), registry(doc, [entry] if mapped else None), AS_OF)
    for item in result.rows:
        if item.status == "met":
            assert item.applies_to == "framework_document" and item.locator and item.quote
    assert row(result, "fw-a").status == (status if mapped else "unverified")


def test_a_document_and_its_map_load_clean_and_are_checked(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name in ("framework.yaml", "law.yaml"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "doc.yaml").write_text(
        'format_version: 1\nid: example-doc\nversion: "1.0"\ntitle: Doc\npublisher: Lab\n'
        'url: https://example.org/doc\neffective: "2025-06-01"\ncomplements: example-framework\n',
        "utf-8",
    )
    text = (FIXTURES / "compliance.yaml").read_text("utf-8")
    # The map comes first in read order: it must still be checked after the document.
    (folder / "a-map.yaml").write_text(
        text.replace("framework: {id: example-framework", "document: {id: example-doc"), "utf-8"
    )
    collection = load_collection([folder], today=dt.date(2026, 1, 1))
    assert collection.findings == []
    assert ("example-doc", "1.0") in collection.registry.documents
    # The risk coverage names the complemented framework's categories, and is checked.
    (folder / "a-map.yaml").write_text(
        text.replace("framework: {id: example-framework", "document: {id: example-doc").replace(
            "categories: [bio]", "categories: [biology]"
        ),
        "utf-8",
    )
    rules = [f.rule for f in load_collection([folder], today=dt.date(2026, 1, 1)).findings]
    assert rules == ["compliance.unknown-category"]
