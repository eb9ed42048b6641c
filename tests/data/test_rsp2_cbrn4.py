"""Issue 13 item 9: RSP 2.1/2.2 only "expect" CBRN-4 to require the ASL-4 standards, so a CBRN-4
decision is undetermined (the Required Safeguards are `defined: false`), never allowed and never
blocked; AI R&D-5 keeps the ASL-4 Security Standard the text does require."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

VERSIONS = ("2.1", "2.2")


def _scorecard(tmp_path: Path, version: str, cbrn: str, ai_rnd: str, attested: list[str]) -> Path:
    card = {
        "format_version": 1,
        "model": {"id": "lab/probe", "name": "Probe", "developer": "Lab"},
        "framework": {"id": "anthropic-rsp", "version": version},
        "assessed": "2025-06-01",
        "sources": [{"id": "card", "title": "Card", "url": "https://example.org/card"}],
        "ratings": {
            name: {"level": level, "cite": {"source": "card", "locator": "p.1", "quote": "q"}}
            for name, level in (("cbrn", cbrn), ("ai_rnd", ai_rnd))
        },
        "safeguards": [
            {
                "safeguard": safeguard,
                "approver": "Lab",
                "date": "2025-06-01",
                "cite": {"source": "card", "locator": "p.2", "quote": "q"},
            }
            for safeguard in attested
        ],
    }
    path = tmp_path / f"probe-{version}.yaml"
    path.write_text(yaml.safe_dump(card, sort_keys=False), encoding="utf-8")
    return path


def _gate(cli, path: Path) -> tuple[int, dict]:
    run = cli("gate", "--format", "json", str(path))
    return run.code, json.loads(run.out)["results"][0]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    "attested",
    [
        ["asl-3-deployment", "asl-3-security"],
        ["asl-3-deployment", "asl-3-security", "asl-4-security"],
        [
            "asl-3-deployment",
            "asl-3-security",
            "cbrn-4-required-deployment",
            "cbrn-4-required-security",
        ],
    ],
    ids=["asl-3", "asl-4-security", "cbrn-4-required"],
)
def test_cbrn_4_is_undetermined_whatever_is_attested(cli, tmp_path, version, attested) -> None:
    code, result = _gate(cli, _scorecard(tmp_path, version, "cbrn_4", "below_ai_rnd_4", attested))
    assert code == 1
    assert result["deploy"]["status"] == "undetermined"
    assert result["develop"]["status"] == "undetermined"
    assert result["security"]["status"] == "undetermined"


@pytest.mark.parametrize("version", VERSIONS)
def test_cbrn_4_without_the_asl_3_standards_stays_blocked(cli, tmp_path, version) -> None:
    # The CBRN-3 requirements bind at CBRN-4 too; the undefined CBRN-4 safeguards never loosen them.
    code, result = _gate(cli, _scorecard(tmp_path, version, "cbrn_4", "below_ai_rnd_4", []))
    assert code == 1
    assert (result["deploy"]["status"], result["develop"]["status"]) == ("blocked", "halt")


@pytest.mark.parametrize("version", VERSIONS)
def test_ai_rnd_5_still_requires_the_asl_4_security_standard(cli, tmp_path, version) -> None:
    code, short = _gate(
        cli, _scorecard(tmp_path, version, "below_cbrn_3", "ai_rnd_5", ["asl-3-security"])
    )
    assert code == 1 and not short["passes"]
    both = ["asl-3-security", "asl-4-security"]
    met = _scorecard(tmp_path, version, "below_cbrn_3", "ai_rnd_5", both)
    code, result = _gate(cli, met)
    assert result["security"]["status"] == "asl-4-security"
    assert result["develop"]["status"] == "continue_with_safeguards"


@pytest.mark.parametrize("version", VERSIONS)
def test_the_rules_quote_what_the_text_commits_to(version) -> None:
    data = yaml.safe_load(
        (ROOT / "riskcard" / "frameworks" / f"anthropic-rsp-{version}.yaml").read_text("utf-8")
    )
    rules = {rule["id"]: rule for rule in data["rules"]}
    safeguards = {s["id"]: s for s in data["safeguards"]}
    for rule_id in ("deploy.cbrn-4", "security.cbrn-4", "develop.cbrn-4"):
        assert safeguards[rules[rule_id]["safeguard"]].get("defined") is False
    assert rules["deploy.cbrn-4"]["quote"].startswith("We expect this threshold will require")
    assert "at minimum before training or deploying" in rules["develop.cbrn-4"]["quote"]
    assert rules["security.ai-rnd-5"]["safeguard"] == "asl-4-security"
    assert "asl-4-security" in safeguards and safeguards["asl-4-security"].get("defined", True)
    assert rules["security.ai-rnd-5"]["quote"].startswith("At minimum, the ASL-4 Security Standard")


def test_the_diff_from_rsp_2_2_to_3_0_still_runs(cli) -> None:
    run = cli("diff", "anthropic-rsp@2.2", "anthropic-rsp@3.0")
    assert run.code == 0
    assert run.out.startswith("LOOSENING: anthropic-rsp@2.2 -> anthropic-rsp@3.0")
    assert "deploy: undetermined -> " in run.out
