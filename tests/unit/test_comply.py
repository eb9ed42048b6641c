"""Computed compliance checks on synthetic frameworks, laws and scorecards."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from riskcard.analysis.comply import ComplianceResult, add_months, comply, compute_status
from riskcard.analysis.comply_diff import compare
from riskcard.formats.law import ComplianceMap, Law
from riskcard.formats.models import Framework, Scorecard
from riskcard.formats.registry import Registry

AS_OF = dt.date(2026, 8, 1)


def framework(
    version: str, effective: str, categories: list[dict[str, Any]] | None = None
) -> Framework:
    return Framework.model_validate(
        {
            "format_version": 1,
            "id": "lab-fw",
            "version": version,
            "title": f"Lab framework {version}",
            "publisher": "Lab",
            "effective": effective,
            "url": "https://example.org/fw",
            "rating": "level",
            "levels": [{"id": "low", "name": "Low"}],
            "categories": categories
            or [{"id": "bio", "name": "Bio"}, {"id": "persuasion", "name": "Persuasion"}],
        }
    )


def law(**extra: Any) -> Law:
    data: dict[str, Any] = {
        "format_version": 1,
        "id": "act",
        "version": "1",
        "title": "Act",
        "jurisdiction": "X",
        "citation": "X §1",
        "effective": "2025-01-01",
        "url": "https://example.org/act",
        "text_basis": "primary",
        "text_source": "official",
        "compute_threshold_ops": 10**26,
        "risks": [
            {"id": "bio", "name": "Bio", "section": "§1", "quote": "bio"},
            {"id": "manip", "name": "Manipulation", "section": "§1", "quote": "manip"},
        ],
        "requirements": [
            {
                "id": "fw-a",
                "title": "A",
                "section": "§2",
                "quote": "a",
                "applies_to": "framework_document",
            },
            {
                "id": "yearly",
                "title": "Yearly",
                "section": "§3",
                "quote": "y",
                "applies_to": "deadline",
                "deadline": {"kind": "review_interval", "months": 12},
            },
            {
                "id": "report",
                "title": "Report",
                "section": "§4",
                "quote": "r",
                "applies_to": "model_report",
                "deadline": {"kind": "before_deployment"},
            },
        ],
    }
    data.update(extra)
    return Law.model_validate(data)


def registry(
    *frameworks: Framework, cmap: dict[str, Any] | None = None, the_law: Law | None = None
) -> Registry:
    reg = Registry()
    for f in frameworks:
        reg.add_framework(f, "test")
    the_law = the_law or law()
    reg.laws[(the_law.id, the_law.version)] = the_law
    if cmap is not None:
        typed = ComplianceMap.model_validate(cmap)
        reg.compliance[((typed.framework.id, typed.framework.version), ("act", "1"))] = (
            typed,
            "map.yaml",
        )
    return reg


def card(
    released: str | None, assessed: str, compute: float | None = None, kind: str = "primary"
) -> Scorecard:
    data: dict[str, Any] = {
        "format_version": 1,
        "model": {"id": "lab/m", "name": "M", "developer": "Lab", "released": released},
        "framework": {"id": "lab-fw", "version": "1"},
        "assessed": assessed,
        "sources": [{"id": "card", "title": "Card", "url": "https://example.org/c", "kind": kind}],
        "ratings": {},
    }
    if compute is not None:
        data["evidence"] = [
            {
                "evaluation": "Training compute",
                "metric": "training-compute-ops",
                "result": compute,
                "unit": "operations",
                "cite": {"source": "card", "locator": "p. 2"},
            }
        ]
    return Scorecard.model_validate(data)


def row(result: ComplianceResult, requirement: str) -> Any:
    return next(r for r in result.rows if r.id == requirement)


def the_map(
    entries: list[dict[str, Any]], risks: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "format_version": 1,
        "framework": {"id": "lab-fw", "version": "1"},
        "law": {"id": "act", "version": "1"},
        "assessed": "2026-01-01",
        "entries": entries,
        "risks": risks or [],
    }


def test_yearly_review_met_by_an_update_within_twelve_months() -> None:
    old, new = framework("1", "2025-03-01"), framework("2", "2026-02-01")
    result = comply(old, law(), registry(old, new), as_of=AS_OF)
    assert row(result, "yearly").status == "met"
    assert "version 2" in row(result, "yearly").reason


def test_yearly_review_without_update_is_unknown_never_met() -> None:
    old = framework("1", "2025-03-01")
    result = comply(old, law(), registry(old), as_of=AS_OF)
    assert row(result, "yearly").status == "unknown"
    assert row(result, "yearly").due == "2026-03-01"


def test_yearly_review_not_due_yet_and_before_the_law() -> None:
    recent = framework("1", "2026-06-01")
    assert row(comply(recent, law(), registry(recent), as_of=AS_OF), "yearly").status == "not_due"
    ancient = framework("1", "2023-01-01")
    status = row(comply(ancient, law(), registry(ancient), as_of=AS_OF), "yearly").status
    assert status == "not_applicable"


def test_missing_map_makes_every_framework_element_unverified() -> None:
    f = framework("1", "2025-03-01")
    result = comply(f, law(), registry(f), as_of=AS_OF)
    assert row(result, "fw-a").status == "unverified"
    assert {r.status for r in result.risks} == {"unknown"}
    assert result.failing("absent")


def test_map_entries_and_risk_coverage() -> None:
    f = framework(
        "1",
        "2025-03-01",
        [
            {"id": "bio", "name": "Bio"},
            {"id": "persuasion", "name": "Persuasion", "kind": "research"},
        ],
    )
    cmap = the_map(
        [{"requirement": "fw-a", "status": "met", "locator": "p. 1", "quote": "we do a"}],
        [
            {"risk": "bio", "categories": ["bio"], "basis": "bio"},
            {"risk": "manip", "categories": ["persuasion"], "basis": "persuasion"},
        ],
    )
    result = comply(f, law(), registry(f, cmap=cmap), as_of=AS_OF)
    assert row(result, "fw-a").status == "met" and row(result, "fw-a").quote == "we do a"
    assert {r.risk: r.status for r in result.risks} == {"bio": "covered", "manip": "partial"}


def test_a_revision_that_drops_a_risk_is_reported_as_dropped() -> None:
    old, new = (
        framework("1", "2025-03-01"),
        framework("2", "2026-01-01", [{"id": "bio", "name": "Bio"}]),
    )
    maps = {
        "1": [
            {"risk": "bio", "categories": ["bio"], "basis": "b"},
            {"risk": "manip", "categories": ["persuasion"], "basis": "p"},
        ],
        "2": [
            {"risk": "bio", "categories": ["bio"], "basis": "b"},
            {"risk": "manip", "categories": [], "basis": "none"},
        ],
    }
    reg = registry(old, new)
    for version, risks in maps.items():
        typed = ComplianceMap.model_validate(
            dict(
                the_map([{"requirement": "fw-a", "status": "absent", "reason": "no"}], risks),
                framework={"id": "lab-fw", "version": version},
            )
        )
        reg.compliance[(("lab-fw", version), ("act", "1"))] = (typed, "m")
    changes = compare(comply(old, law(), reg, as_of=AS_OF), comply(new, law(), reg, as_of=AS_OF))
    assert [(c.kind, c.id, c.direction) for c in changes if c.kind == "risk"] == [
        ("risk", "manip", "dropped")
    ]


def test_transparency_report_timing() -> None:
    f = framework("1", "2025-03-01")
    reg = registry(f)
    late = comply(f, law(), reg, [card("2025-05-01", "2025-05-20")], AS_OF)
    assert row(late, "report").status == "missed"
    on_time = comply(f, law(), reg, [card("2025-05-01", "2025-05-01")], AS_OF)
    assert row(on_time, "report").status == "partial"  # timing only: contents are not checked
    unknown = comply(f, law(), reg, [card(None, "2025-05-01")], AS_OF)
    assert row(unknown, "report").status == "unknown"
    assert row(comply(f, law(), reg, [], AS_OF), "report").status == "unknown"


def test_a_law_with_no_date_never_makes_a_report_missed() -> None:
    # Without the date the law took effect, a late card may predate the law: unknown.
    f = framework("1", "2025-03-01")
    undated = law(effective=None)
    result = comply(f, undated, registry(f), [card("2025-05-01", "2025-05-20")], AS_OF)
    assert row(result, "report").status == "unknown"
    assert "the date the law took effect" in (row(result, "report").reason or "")


def test_compute_threshold_needs_a_primary_source() -> None:
    assert compute_status(card(None, "2025-05-01", 3e26), 10**26)[0] == "above"
    assert compute_status(card(None, "2025-05-01", 5e25), 10**26)[0] == "not_above"
    assert compute_status(card(None, "2025-05-01", 3e26, kind="secondary"), 10**26)[0] == "unknown"
    assert compute_status(card(None, "2025-05-01"), 10**26)[0] == "unknown"
    assert compute_status(card(None, "2025-05-01", 3e26), None)[0] == "unknown"


STATUSES = ["met", "partial", "absent", "not_applicable", "unverified"]


@given(st.lists(st.sampled_from(STATUSES), min_size=1, max_size=1))
def test_fail_on_partial_fails_whenever_fail_on_absent_does(statuses: list[str]) -> None:
    f = framework("1", "2025-03-01")
    entry: dict[str, Any] = {"requirement": "fw-a", "status": statuses[0], "reason": "r"}
    if statuses[0] in ("met", "partial"):
        entry.update(locator="p. 1", quote="q")
    result = comply(f, law(), registry(f, cmap=the_map([entry])), as_of=AS_OF)
    assert set(map(id, result.failing("absent"))) <= set(map(id, result.failing("partial")))
    # Missing data never passes: the unknown deadline rows fail both gates.
    assert any(r.status == "unknown" for r in result.failing("absent"))


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)), st.integers(1, 120))
def test_add_months_moves_forward_by_about_the_interval(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    assert later > day
    assert abs((later - day).days - months * 30.44) <= 4
