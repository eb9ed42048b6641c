"""The bundled data gives the outcomes its frameworks imply."""

from __future__ import annotations

import json

import pytest

from conftest import SCORECARDS

# Beta: every published rating is post-mitigation medium or below and no pre-mitigation
# rating reached high, so deployment is allowed, development continues, security baseline.
BETA = ("allowed", "continue", "baseline")
# Beta, with a pre-mitigation level the source does not state (`pre_stated: false`): the
# security rule reads the pre level, so security cannot be decided.
BETA_PRE_UNSTATED = ("allowed", "continue", "undetermined")
# Version 2, nothing at High: no rule fires.
BELOW_HIGH = ("allowed", "continue", "baseline-security")
# Version 2, High with the High-standard safeguards attested.
HIGH_ATTESTED = ("allowed_with_safeguards", "continue", "high-security")

OPENAI = {
    "gpt-4o--2024-05-13": BETA,
    "gpt-4o--2024-08-08": BETA,
    "o1-preview": BETA,
    "o1-mini": BETA,
    "o1": BETA,
    # Pre-mitigation stated for CBRN and model autonomy only; cyber is inherited from GPT-4o.
    "operator": BETA_PRE_UNSTATED,
    "o3-mini": BETA,
    "deep-research": BETA_PRE_UNSTATED,
    "gpt-4.5": BETA_PRE_UNSTATED,
    "o3": BELOW_HIGH,
    "o4-mini": BELOW_HIGH,
    "gpt-oss-120b": BELOW_HIGH,
    "gpt-5.4-mini": BELOW_HIGH,
    # The card's determinations name gpt-oss-120b only: every category is not_published.
    "gpt-oss-20b": ("undetermined", "undetermined", "undetermined"),
    "gpt-5-thinking": HIGH_ATTESTED,
    "gpt-5.2-thinking": HIGH_ATTESTED,
    "gpt-5.1-codex-max": HIGH_ATTESTED,
    # The GPT-5.1 addendum: High in bio (carried from GPT-5), below High elsewhere.
    "gpt-5.1-thinking": HIGH_ATTESTED,
    "gpt-5.2-codex": HIGH_ATTESTED,
    # High in bio and (precautionary) in cyber, safeguards attested for both.
    "gpt-5.4-thinking": HIGH_ATTESTED,
    "gpt-5.6-sol": HIGH_ATTESTED,
    "gpt-5.6-terra": HIGH_ATTESTED,
    "gpt-5.6-luna": HIGH_ATTESTED,
    # High in bio with safeguards attested; cyber and self-improvement unverified, so
    # development (Critical would halt it) and security cannot be decided.
    "chatgpt-agent": ("allowed_with_safeguards", "undetermined", "undetermined"),
    "gpt-5.3-codex": ("allowed_with_safeguards", "undetermined", "undetermined"),
    # The addendum states no AI self-improvement determination (not_published).
    "gpt-5-codex": ("allowed_with_safeguards", "undetermined", "undetermined"),
    # Critical in cyber. Path to Astra says its safeguards "sufficiently minimize the risk of
    # severe harm for release", so deployment is allowed with safeguards; development and
    # security need a Critical standard that PF v2 never defines (`defined: false`) and that
    # OpenAI's protections are described against without saying they meet it (`unknown`).
    "gpt-6-astra": ("allowed_with_safeguards", "undetermined", "undetermined"),
    "gpt-6.1-sol": ("allowed_with_safeguards", "undetermined", "undetermined"),
}


def _results(cli, *paths: str) -> dict[str, dict]:
    run = cli("gate", "--format", "json", *paths)
    return {r["path"].rsplit("/", 1)[1][:-5]: r for r in json.loads(run.out)["results"]}


def test_every_openai_determination_gets_what_its_framework_implies(cli) -> None:
    results = _results(cli, str(SCORECARDS / "openai"))
    assert set(results) == set(OPENAI)
    got = {
        name: (r["deploy"]["status"], r["develop"]["status"], r["security"]["status"])
        for name, r in results.items()
    }
    assert got == OPENAI
    # Security counts: High security is required at High and no card attests it yet.
    passing = {name for name, r in results.items() if r["passes"]}
    assert passing == {
        "gpt-4o--2024-05-13",
        "gpt-4o--2024-08-08",
        "gpt-5.4-mini",
        "gpt-oss-120b",
        "o1-mini",
        "o1-preview",
        "o1",
        "o3-mini",
        "o3",
        "o4-mini",
    }
    assert not results["gpt-5-thinking"]["security"]["met"]


def test_claude_opus_4_requires_asl_3_and_it_is_attested(cli) -> None:
    result = _results(cli, str(SCORECARDS / "anthropic" / "claude-opus-4.yaml"))["claude-opus-4"]
    assert result["deploy"]["status"] == "allowed_with_safeguards"
    assert {(r["safeguard"], r["attested"]) for r in result["deploy"]["requires"]} >= {
        ("asl-3-deployment", True)
    }
    assert result["categories"][0]["rating"]["precautionary"] is True


def test_gemini_2_5_pro_alert_threshold_is_a_warning_not_a_block(cli) -> None:
    path = SCORECARDS / "google-deepmind" / "gemini-2.5-pro.yaml"
    run = cli("gate", "--format", "json", str(path))
    result = json.loads(run.out)["results"][0]
    assert run.code == 0
    assert (result["deploy"]["status"], result["develop"]["status"]) == ("allowed", "continue")
    warned = [t["category"] for w in result["warnings"] for t in w["triggers"]]
    assert warned == ["cyber_uplift_1"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("xai-rmf@2025-12-30", "xai-rmf@2026-06-30"),
        ("xai-rmf@2025-08-20", "xai-rmf@2026-06-30"),
    ],
)
def test_known_loosenings_are_found(cli, old: str, new: str) -> None:
    run = cli("diff", old, new, "--format", "json", "--fail-on", "loosening")
    data = json.loads(run.out)
    assert (run.code, data["verdict"]) == (1, "loosening")
    assert data["profiles"]["stricter"] == 0


def test_meta_critical_no_longer_stops_development(cli) -> None:
    data = json.loads(
        cli("diff", "meta-frontier-ai@1.1", "meta-frontier-ai@2", "--format", "json").out
    )
    kinds = {c["detail"].split(" in ")[0] for c in data["changes"] if "example" in c}
    # Looser where 1.1 halted or blocked; stricter only through loss_of_control, which v2
    # adds and which is judged at every level (never held at its lowest).
    assert data["verdict"] == "mixed" and data["quantified"] == ["loss_of_control"]
    assert data["profiles"]["looser"] > 0 and data["profiles"]["both"] > 0
    stricter = [c for c in data["changes"] if c["direction"] == "stricter"]
    assert stricter and all(c["example"]["translated"]["loss_of_control"] for c in stricter)
    assert "develop: halt -> continue_with_safeguards" in kinds
    assert "deploy: blocked -> allowed_with_safeguards" in kinds


def test_xai_removal_of_numeric_criteria(cli) -> None:
    data = json.loads(
        cli("diff", "xai-rmf@2025-12-30", "xai-rmf@2026-06-30", "--format", "json").out
    )
    freed = next(c for c in data["changes"] if c["detail"].startswith("deploy: blocked -> allowed"))
    assert any(value >= 0.05 for value in freed["example"]["metrics"].values()) or any(
        value >= 0.5 for value in freed["example"]["metrics"].values()
    )
    assert any(c["kind"] == "rule-removed" for c in data["changes"])


def test_audit_of_the_bundled_data(cli) -> None:
    data = json.loads(cli("audit", "--format", "json").out)
    flips = {(f["model"], f["to"]["version"], f["decision"]): f for f in data["flips"]}
    sol = flips[("openai/gpt-5.6-sol", "beta", "deploy")]
    assert (sol["before"], sol["after"], sol["direction"]) == (
        "allowed_with_safeguards",
        "blocked",
        "stricter",
    )
    gpt5 = next(h for h in data["history"] if h["model"] == "openai/gpt-5-thinking")
    assert gpt5["retrospectives"][0]["category"] == "biological_chemical"
    assert gpt5["retrospectives"][0]["date"] == "2026-03-17"
    assert "does not support classifying GPT-5 as Bio High" in gpt5["retrospectives"][0]["quote"]
    verdicts = {(f["id"], f["version"]): f["verdict"] for f in data["frameworks"]}
    assert verdicts[("openai-preparedness", "2")] == "mixed"
    # v2 adds loss_of_control with its own rules: judged at every level, that tightens
    # some profiles, so the verdict is mixed (the loosenings stand: see the diff tests).
    assert verdicts[("meta-frontier-ai", "2")] == "mixed"


def test_frameworks_lists_every_encoded_version(cli) -> None:
    listed = {
        (f["id"], f["version"])
        for f in json.loads(cli("frameworks", "--format", "json").out)["frameworks"]
    }
    expected = {
        *(
            ("anthropic-rsp", v)
            for v in ("1.0", "2.0", "2.1", "2.2", "3.0", "3.1", "3.2", "3.3", "3.4")
        ),
        *(("gdm-fsf", v) for v in ("1.0", "2.0", "3.0", "3.1")),
        ("meta-frontier-ai", "1.1"),
        ("meta-frontier-ai", "2"),
        ("xai-rmf", "2025-08-20"),
        ("xai-rmf", "2025-12-30"),
        ("xai-rmf", "2026-06-30"),
        ("openai-preparedness", "beta"),
        ("openai-preparedness", "2"),
        ("amazon-fmsf", "2025-02"),
    }
    assert listed == expected


def test_attested_safeguards_carry_over_through_the_crosswalk(cli) -> None:
    path = SCORECARDS / "anthropic" / "claude-opus-4.yaml"
    run = cli("gate", "--format", "json", "--framework", "anthropic-rsp@3.0", str(path))
    result = json.loads(run.out)["results"][0]
    assert result["translated"]["via"] == "crosswalk"
    assert result["deploy"]["status"] == "allowed_with_safeguards"
    assert result["deploy"]["requires"][0]["safeguard"] == "asl-3-protections"
    assert result["deploy"]["requires"][0]["attested"] is True


def test_gpt_6_astra_development_is_undetermined_not_halted(cli) -> None:
    """Critical cyber: the framework requires a Critical standard it never defines, and the
    sources describe protections without saying they meet it: neither halt nor continue."""
    result = _results(cli, str(SCORECARDS / "openai" / "gpt-6-astra.yaml"))["gpt-6-astra"]
    assert result["overall"] == "critical"
    assert result["develop"]["status"] == "undetermined"
    assert not result["passes"]
    run = cli("gate", str(SCORECARDS / "openai" / "gpt-6-astra.yaml"))
    assert run.code == 1
    assert "never defines it" in run.out
