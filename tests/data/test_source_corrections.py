"""Issue 13 "Why": each value the developers' own text contradicted is fixed, and the gate a
user runs shows the corrected decisions (one test per fixed item)."""

from __future__ import annotations

import json

import riskcard
from conftest import SCORECARDS


def _gate(cli, rel: str) -> tuple[int, dict]:
    run = cli("gate", "--format", "json", str(SCORECARDS / rel))
    return run.code, json.loads(run.out)["results"][0]


def _decisions(result: dict) -> tuple[str, str, str]:
    return (result["deploy"]["status"], result["develop"]["status"], result["security"]["status"])


def _rating(result: dict, category: str) -> dict:
    return next(c["rating"] for c in result["categories"] if c["id"] == category)


def test_gpt_5_2_thinking_ships_with_its_attested_bio_safeguards(cli) -> None:
    # Item 1: the card says the High safeguards were applied and rules out High self-improvement.
    code, result = _gate(cli, "openai/gpt-5.2-thinking.yaml")
    assert _decisions(result) == ("allowed_with_safeguards", "continue", "high-security")
    assert {(r["safeguard"], r["attested"]) for r in result["deploy"]["requires"]} == {
        ("high-safeguards", True)
    }
    assert _rating(result, "ai_self_improvement")["level"] == "below_high"
    # The card states no High-standard security controls, so the gate still fails on security.
    assert (code, result["security"]["met"]) == (1, False)
    text = cli("gate", str(SCORECARDS / "openai/gpt-5.2-thinking.yaml")).out
    assert "deploy: allowed_with_safeguards" in text
    assert "security: high-security (unmet)" in text


def test_claude_opus_4_is_below_ai_rnd_4_so_development_and_security_are_decided(cli) -> None:
    # Item 3: "below the ASL-4 Autonomy threshold" is the AI R&D-4 rule-out.
    code, result = _gate(cli, "anthropic/claude-opus-4.yaml")
    assert code == 0
    assert _decisions(result) == (
        "allowed_with_safeguards",
        "continue_with_safeguards",
        "asl-3-security",
    )
    assert _rating(result, "ai_rnd")["level"] == "below_ai_rnd_4"


def test_sonnet_4_5_haiku_4_5_and_opus_4_1_read_from_primary_cards(cli) -> None:
    # Item 4: Sonnet 4.5 and Haiku 4.5 are fully determined by their own cards; Opus 4.1's ASL-3
    # (precautionary) is confirmed in later cards, its AI R&D-4 finding is still unread.
    code, sonnet = _gate(cli, "anthropic/claude-sonnet-4-5.yaml")
    assert code == 0
    assert _decisions(sonnet) == (
        "allowed_with_safeguards",
        "continue_with_safeguards",
        "asl-3-security",
    )
    assert _rating(sonnet, "cbrn") == {"level": "cbrn_3", "precautionary": True}
    assert _rating(sonnet, "ai_rnd")["level"] == "below_ai_rnd_4"

    code, haiku = _gate(cli, "anthropic/claude-haiku-4-5.yaml")
    assert code == 0
    assert _decisions(haiku) == ("allowed", "continue", "asl-2-security")

    code, opus = _gate(cli, "anthropic/claude-opus-4-1.yaml")
    assert code == 1
    assert _decisions(opus) == ("allowed_with_safeguards", "undetermined", "undetermined")
    assert _rating(opus, "cbrn") == {"level": "cbrn_3", "precautionary": True}
    assert _rating(opus, "ai_rnd")["status"] == "unverified"


def test_gpt_5_4_mini_is_below_high_everywhere_and_dated_by_its_appendix(cli) -> None:
    # Item 5: one sentence rules out High in all three categories; the appendix is of 2026-03-17,
    # and so is the retrospective note on GPT-5 that it carries.
    code, result = _gate(cli, "openai/gpt-5.4-mini.yaml")
    assert code == 0
    assert _decisions(result) == ("allowed", "continue", "baseline-security")
    assert result["assessed"] == "2026-03-17"
    gpt5 = riskcard.load_scorecard(SCORECARDS / "openai/gpt-5-thinking.yaml").card
    retro = [n for n in gpt5.notes if n.kind == "retrospective"]
    assert [str(n.date) for n in retro] == ["2026-03-17"]
    assert "not changed" not in retro[0].text


def test_gpt_oss_20b_has_no_rating_the_card_does_not_state(cli) -> None:
    # Item 6: the card's determinations name gpt-oss-120b; nothing rates gpt-oss-20b.
    code, result = _gate(cli, "openai/gpt-oss-20b.yaml")
    assert code == 1
    assert _decisions(result) == ("undetermined", "undetermined", "undetermined")
    tracked = {c["id"]: c["rating"] for c in result["categories"] if c["kind"] == "tracked"}
    assert set(tracked) == {"biological_chemical", "cybersecurity", "ai_self_improvement"}
    assert {r["status"] for r in tracked.values()} == {"not_published"}


def test_pre_mitigation_levels_the_sources_state_are_recorded_as_stated() -> None:
    # Item 7: the GPT-4o launch table has a pre-mitigation column; Operator's card states the
    # pre-mitigation level for CBRN and model autonomy, and inherits the other two from GPT-4o.
    gpt4o = riskcard.load_scorecard(SCORECARDS / "openai/gpt-4o--2024-05-13.yaml").card
    assert {c: r.pre_stated for c, r in gpt4o.ratings.items()} == {
        "cybersecurity": True,
        "cbrn": True,
        "persuasion": True,
        "model_autonomy": True,
    }
    operator = riskcard.load_scorecard(SCORECARDS / "openai/operator.yaml").card
    assert {c: r.pre_stated for c, r in operator.ratings.items()} == {
        "cybersecurity": False,
        "cbrn": True,
        "persuasion": False,
        "model_autonomy": True,
    }
