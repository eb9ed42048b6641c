"""Pins of the conduct ledger on the bundled collection (issue 15)."""

from __future__ import annotations

from functools import lru_cache

from conftest import ROOT
from riskcard.analysis.conduct import Ledger, build_ledger
from riskcard.checks.collection import load_collection


@lru_cache(maxsize=1)
def ledger() -> Ledger:
    collection = load_collection([ROOT / "scorecards"])
    return build_ledger(collection.scorecards, collection.registry)


def _item(model: str, subject: str) -> tuple[str, str]:
    found = [d for d in ledger().determinations if d.loaded.card.model.id == model]
    assert len(found) == 1, model
    item = next(i for i in found[0].items if i.subject == subject)
    return item.outcome, item.reason


def test_beta_model_released_at_post_mitigation_medium_is_kept() -> None:
    outcome, reason = _item("openai/o3-mini", "deploy")
    assert outcome == "kept" and "released 2025-01-31" in reason and "allowed" in reason


def test_version_2_high_model_released_with_attested_safeguards_is_kept() -> None:
    outcome, reason = _item("openai/gpt-5-thinking", "deploy")
    assert outcome == "kept" and "allowed_with_safeguards" in reason


def test_first_critical_model_deploy_kept_develop_unverifiable_update_broken() -> None:
    assert _item("openai/gpt-6-astra", "deploy")[0] == "kept"
    outcome, reason = _item("openai/gpt-6-astra", "develop")
    assert "develop decision undetermined" in reason
    assert outcome == "unverifiable"
    update = next(
        c
        for c in ledger().commitments
        if c.framework.version == "2" and c.commitment.id == "update-before-critical"
    )
    assert update.commitment.wording == "expectation"
    assert "before reaching such a level with any model" in update.commitment.quote
    [item] = [i for i in update.items if i.subject == "openai/gpt-6-astra"]
    assert item.outcome == "broken"
    assert "no version of openai-preparedness after 2 took effect" in item.reason


def test_gpt_5_2_thinking_safeguards_statement_makes_its_release_kept() -> None:
    # Issue 13 item 1: the card's §5 safeguards statement is now attested (it was missing).
    outcome, reason = _item("openai/gpt-5.2-thinking", "deploy")
    assert outcome == "kept" and "allowed_with_safeguards" in reason


def test_every_determination_and_commitment_has_a_result() -> None:
    result = ledger()
    assert len(result.determinations) == len(load_collection([ROOT / "scorecards"]).scorecards)
    assert all(len(d.items) == 2 for d in result.determinations)
    assert result.commitments and all(c.items for c in result.commitments)
    assert "OpenAI" in result.timelines
