"""Pins on the bundled laws, compliance maps and their results."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from riskcard.analysis.comply import comply
from riskcard.checks.collection import bundled_registry

AS_OF = dt.date(2026, 8, 1)


def test_bundled_laws_and_maps_load_without_findings() -> None:
    registry, findings = bundled_registry()
    assert findings == []
    assert sorted(registry.laws) == [
        ("ca-sb53", "2025"),
        ("eu-cop-ss", "2025"),
        ("ny-raise", "2025"),
    ]
    framework_maps = [cmap for cmap, _ in registry.compliance.values() if cmap.framework]
    assert len(framework_maps) == len(registry.frameworks) * len(registry.laws) == 63
    assert sorted(registry.documents) == [("anthropic-fcf", "2"), ("openai-fgf", "2026-05-28")]
    document_maps = sorted(key for key, (cmap, _) in registry.compliance.items() if cmap.document)
    assert document_maps == [
        (document, law)
        for document in sorted(registry.documents)
        for law in [("ca-sb53", "2025"), ("ny-raise", "2025")]
    ]


def test_every_met_or_partial_entry_quotes_the_framework() -> None:
    registry, _ = bundled_registry()
    statuses: Counter[str] = Counter()
    for cmap, _origin in registry.compliance.values():
        for entry in cmap.entries:
            statuses[entry.status] += 1
            if entry.status in ("met", "partial"):
                assert entry.locator and entry.quote and len(entry.quote.split()) <= 40
                if cmap.document:  # the compliance documents' maps quote at most 30 words
                    assert len(entry.quote.split()) <= 30
    # The pin says how much is still unread: change it only with the maps.
    assert statuses == Counter(
        {"unverified": 0, "partial": 339, "met": 271, "absent": 37, "not_applicable": 2}
    )


def test_law_quotes_are_short_and_summaries_carry_none() -> None:
    registry, _ = bundled_registry()
    for law in registry.laws.values():
        for requirement in law.requirements:
            if requirement.text_basis == "summary":
                assert requirement.quote is None
            else:
                assert requirement.quote and len(requirement.quote.split()) <= 25


def test_preparedness_v2_dropped_persuasion_against_harmful_manipulation() -> None:
    registry, _ = bundled_registry()
    eu = registry.law("eu-cop-ss@2025")
    beta = comply(registry.get("openai-preparedness", "beta"), eu, registry, as_of=AS_OF)
    v2 = comply(registry.get("openai-preparedness", "2"), eu, registry, as_of=AS_OF)
    assert {r.risk: r.status for r in beta.risks}["harmful_manipulation"] == "covered"
    assert {r.risk: r.status for r in v2.risks}["harmful_manipulation"] == "absent"


def test_no_bundled_result_is_met_without_a_source() -> None:
    registry, _ = bundled_registry()
    for law in registry.laws.values():
        for framework in registry.all():
            for row in comply(framework, law, registry, as_of=AS_OF).rows:
                if row.status == "met":
                    assert row.locator and (row.quote or row.applies_to == "deadline")
