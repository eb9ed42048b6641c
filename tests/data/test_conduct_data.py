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
    found = [d for d in ledger().determinations if d.facts.model == model]
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
    assert "requires critical-safeguards but never defines it" in reason
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


def test_every_bundled_determination_outside_amazon_has_conduct_from_a_primary_source() -> None:
    # Issue 15 item 6: no determination reports "no conduct recorded" except where no primary
    # text was found (Amazon's is owned by another change).
    missing = [
        d.facts.model
        for d in ledger().determinations
        if any(i.reason == "no conduct recorded" for i in d.items)
    ]
    assert all(model.startswith("amazon/") for model in missing), missing


def test_release_a_day_before_its_attestation_date_stays_unverifiable() -> None:
    # The Codex changelog dates GPT-5.1-Codex-Max 2025-11-18; its safeguards attestation is dated
    # 2025-11-19. A later attestation never makes the release kept.
    outcome, reason = _item("openai/gpt-5.1-codex-max", "deploy")
    assert outcome == "unverifiable"
    assert "released 2025-11-18 (consumer_app)" in reason
    assert "attested only after release (high-safeguards)" in reason


def test_muse_spark_released_a_day_after_the_framework_loosened_its_gate() -> None:
    outcome, reason = _item("meta/muse-spark", "deploy")
    assert outcome == "kept" and "released 2026-04-08 (consumer_app)" in reason
    [determination] = [d for d in ledger().determinations if d.facts.model == "meta/muse-spark"]
    assert any("looser" in flag for flag in determination.in_force.flags())


def test_limited_preview_release_of_mythos_5_is_kept_under_rsp_3_3() -> None:
    outcome, reason = _item("anthropic/claude-mythos-5", "deploy")
    assert outcome == "kept" and "released 2026-06-09 (limited_preview)" in reason


def test_every_decided_or_undecided_gate_item_names_its_sources() -> None:
    """An outcome about a gate rule carries the framework text (or the card) behind it; only
    an item about missing conduct has nothing to cite."""
    for d in ledger().determinations:
        for item in d.items:
            if item.rule != "-" and item.outcome != "not_applicable":
                assert item.sources, (d.facts.model, item.subject, item.reason)


def test_a_release_before_the_framework_took_effect_is_not_judged_by_its_gate() -> None:
    # Claude 2 shipped on 2023-07-11; RSP 1.0, which names it, took effect on 2023-09-19.
    outcome, reason = _item("anthropic/claude-2", "deploy")
    assert outcome == "not_applicable"
    assert "before anthropic-rsp@1.0 took effect (2023-09-19)" in reason
