"""Issue 13 "What to build" 2: the determinations added from the developers' own publications
give the gate decisions their frameworks imply, and values known only in part stay open."""

from __future__ import annotations

import json

import pytest

from conftest import SCORECARDS
from riskcard.checks.collection import load_collection


def _gate(cli, rel: str) -> tuple[int, dict]:
    run = cli("gate", "--format", "json", str(SCORECARDS / rel))
    return run.code, json.loads(run.out)["results"][0]


def _decisions(result: dict) -> tuple[str, str, str]:
    return (result["deploy"]["status"], result["develop"]["status"], result["security"]["status"])


def _tracked(result: dict) -> dict[str, dict]:
    return {c["id"]: c["rating"] for c in result["categories"] if c["kind"] == "tracked"}


ADDED = {
    "openai/gpt-5.4-thinking.yaml": (
        1,  # High-standard security controls are not attested in the card
        ("allowed_with_safeguards", "continue", "high-security"),
        {
            "biological_chemical": "high",
            "cybersecurity": "high",
            "ai_self_improvement": "below_high",
        },
    ),
    "openai/gpt-5.1-codex-max.yaml": (
        1,  # High-standard security controls are not attested in the card
        ("allowed_with_safeguards", "continue", "high-security"),
        {"biological_chemical": "high", "cybersecurity": "below_high"},
    ),
    # The GPT-5.1 addendum names both GPT-5.1 models; recorded once, for GPT-5.1 Thinking.
    "openai/gpt-5.1-thinking.yaml": (
        1,  # High-standard security controls are not attested in the addendum
        ("allowed_with_safeguards", "continue", "high-security"),
        {
            "biological_chemical": "high",
            "cybersecurity": "below_high",
            "ai_self_improvement": "below_high",
        },
    ),
    "openai/gpt-5.2-codex.yaml": (
        1,  # High-standard security controls are not attested in the card
        ("allowed_with_safeguards", "continue", "high-security"),
        {"biological_chemical": "high", "cybersecurity": "below_high"},
    ),
    # No AI self-improvement determination in the addendum: development stays open.
    "openai/gpt-5-codex.yaml": (
        1,
        ("allowed_with_safeguards", "undetermined", "undetermined"),
        {"biological_chemical": "high", "cybersecurity": "below_high"},
    ),
    "anthropic/claude-sonnet-4-6.yaml": (
        0,
        ("allowed_with_safeguards", "continue_with_safeguards", "asl-3-security"),
        {"cbrn": "cbrn_3", "ai_rnd": "below_ai_rnd_4"},
    ),
    "anthropic/claude-2.yaml": (
        0,
        ("allowed", "continue", "asl-2-security"),
        {"asl": "asl_2"},
    ),
    # Anthropic's launch page: the Claude 3 family "remains at AI Safety Level 2 (ASL-2)" (RSP 1.0).
    "anthropic/claude-3-opus.yaml": (
        0,
        ("allowed", "continue", "asl-2-security"),
        {"asl": "asl_2"},
    ),
    # Anthropic's launch page: "Claude 3.5 Sonnet remains at ASL-2" (RSP 1.0).
    "anthropic/claude-3-5-sonnet.yaml": (
        0,
        ("allowed", "continue", "asl-2-security"),
        {"asl": "asl_2"},
    ),
    # Anthropic's launch page: for the upgraded model "the ASL-2 Standard ... remains
    # appropriate" (RSP 2.0), so both ASL-3 thresholds are ruled out.
    "anthropic/claude-3-5-sonnet-upgraded.yaml": (
        0,
        ("allowed", "continue", "asl-2-security"),
        {"cbrn": "below_cbrn_3", "ai_rnd": "below_autonomous_ai_rnd"},
    ),
    "anthropic/claude-mythos-5.yaml": (
        0,
        ("allowed_with_safeguards", "continue", "none"),
        {"chem_bio": "non_novel_chem_bio", "automated_rnd": "below_automated_rnd"},
    ),
    "anthropic/claude-mythos-5-1.yaml": (
        0,
        ("allowed_with_safeguards", "continue", "none"),
        {"chem_bio": "non_novel_chem_bio", "automated_rnd": "below_automated_rnd"},
    ),
    # OpenAI's own addendum: Critical in cyber, High in bio, below High in AI self-improvement.
    # The High standard is attested for launch; the Critical standard the framework requires for
    # development and security is never defined, and the card never says it is met: undetermined.
    "openai/gpt-6.1-sol.yaml": (
        1,
        ("allowed_with_safeguards", "undetermined", "undetermined"),
        {
            "biological_chemical": "high",
            "cybersecurity": "critical",
            "ai_self_improvement": "below_high",
        },
    ),
    # Meta's first determination under its framework version 2: High (pre-mitigation) in
    # chemical & biological, deployed with mitigations validated to moderate or lower.
    "meta/muse-spark.yaml": (
        0,
        ("allowed_with_safeguards", "continue", "none"),
        {"chemical_biological": "high", "cybersecurity": "moderate", "loss_of_control": "moderate"},
    ),
}


@pytest.mark.parametrize("rel", sorted(ADDED))
def test_an_added_determination_gets_what_its_framework_implies(cli, rel: str) -> None:
    code, decisions, levels = ADDED[rel]
    got_code, result = _gate(cli, rel)
    assert (got_code, _decisions(result)) == (code, decisions)
    tracked = _tracked(result)
    assert {c: tracked[c].get("level") for c in levels} == levels


def test_mythos_5_rates_under_the_rsp_version_its_card_names(cli) -> None:
    _, result = _gate(cli, "anthropic/claude-mythos-5.yaml")
    assert (result["framework"]["id"], result["framework"]["version"]) == ("anthropic-rsp", "3.3")
    assert _tracked(result)["chem_bio"]["precautionary"] is True
    warned = {t["category"] for w in result["warnings"] for t in w["triggers"]}
    assert "high_stakes_sabotage" in warned


def test_gemini_3_flash_has_no_level_of_its_own(cli) -> None:
    # The card relies on Gemini 3 Pro's results: no CCL result for Flash, so deploy stays open.
    code, result = _gate(cli, "google-deepmind/gemini-3-flash.yaml")
    assert code == 1
    assert result["deploy"]["status"] == "undetermined"
    assert {r["status"] for r in _tracked(result).values()} == {"not_published"}


def test_nova_premier_is_recorded_but_not_rated_under_amazons_framework(cli) -> None:
    # Only the report's abstract and introduction were read: every domain is unverified.
    code, result = _gate(cli, "amazon/nova-premier.yaml")
    assert code == 1
    assert (result["framework"]["id"], result["framework"]["version"]) == ("amazon-fmsf", "2025-02")
    assert result["deploy"]["status"] == "undetermined"
    assert set(_tracked(result)) == {"cbrn", "offensive_cyber", "automated_ai_rnd"}
    assert {r["status"] for r in _tracked(result).values()} == {"unverified"}


def test_amazons_framework_requires_safeguards_at_a_critical_threshold(cli) -> None:
    data = json.loads(cli("frameworks", "--format", "json").out)
    amazon = [f for f in data["frameworks"] if f["id"] == "amazon-fmsf"]
    assert [f["version"] for f in amazon] == ["2025-02"]
    shown = cli("gate", "--framework", "amazon-fmsf@2025-02", str(SCORECARDS / "amazon")).out
    assert "amazon/nova-premier" in shown and "undetermined" in shown


def test_the_collection_spans_five_developers_with_meta_and_amazon(cli) -> None:
    listing = json.loads(cli("list", "--format", "json").out)
    developers = {row["model"].split("/")[0] for row in listing["scorecards"]}
    assert {"openai", "anthropic", "google-deepmind", "meta", "amazon"} <= developers


def test_gpt_6_1_sol_records_the_critical_standard_as_unknown_not_attested(cli) -> None:
    _, result = _gate(cli, "openai/gpt-6.1-sol.yaml")
    assert result["overall"] == "critical"
    assert not result["passes"]
    shown = cli("gate", str(SCORECARDS / "openai" / "gpt-6.1-sol.yaml")).out
    assert "meeting a Critical standard for cybersecurity: not known to be met" in shown
    assert "meeting the High standard for biological_chemical, cybersecurity: attested" in shown


def test_the_collection_holds_at_least_48_determinations(cli) -> None:
    listing = json.loads(cli("list", "--format", "json").out)
    rows = listing["scorecards"]
    assert len(rows) >= 48
    per_developer: dict[str, int] = {}
    for row in rows:
        developer = row["model"].split("/")[0]
        per_developer[developer] = per_developer.get(developer, 0) + 1
    assert len(per_developer) >= 5
    assert per_developer["meta"] >= 1 and per_developer["amazon"] >= 1


def test_confirmed_determinations_per_developer() -> None:
    # A scorecard counts as a confirmed determination when at least one category carries a
    # rating (a level or a pre/post split) rather than `unverified` or `not_published`.
    confirmed: dict[str, int] = {}
    unconfirmed: set[str] = set()
    for card in load_collection([SCORECARDS]).scorecards:
        model = card.card.model.id
        rated = any(getattr(r, "status", None) is None for r in card.card.ratings.values())
        if rated:
            developer = model.split("/")[0]
            confirmed[developer] = confirmed.get(developer, 0) + 1
        else:
            unconfirmed.add(model)
    assert confirmed == {"openai": 27, "anthropic": 15, "google-deepmind": 5, "meta": 1}
    assert sum(confirmed.values()) >= 48
    # Amazon's only determination is on record but not confirmed in Amazon's own text.
    assert unconfirmed == {
        "amazon/nova-premier",
        "google-deepmind/gemini-3-flash",
        "openai/gpt-oss-20b",
    }
