"""`riskcard audit` over the collection, and `riskcard audit --git` over history."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES
from riskcard.formats.registry import bundled_files

GATE = FIXTURES / "gate"


def test_audit_lists_flips_history_and_timeline(cli) -> None:
    run = cli(
        "audit",
        "--format",
        "json",
        str(GATE / "v2-high-attested.yaml"),
        str(GATE / "beta-example-scenario.yaml"),
    )
    data = json.loads(run.out)
    assert run.code == 0
    flips = {(f["model"], f["decision"], f["to"]["version"]): f for f in data["flips"]}
    flip = flips[("example/v2-high-attested", "deploy", "beta")]
    assert (flip["before"], flip["after"], flip["direction"]) == (
        "allowed_with_safeguards",
        "blocked",
        "stricter",
    )
    # The Beta example scenario's high rating is in persuasion, which Version 2 dropped.
    assert not [f for f in flips if f[0] == "example/beta-example-scenario"]
    judged = {(e["model"], e["framework"]["version"]): e for e in data["evaluations"]}
    scenario = judged[("example/beta-example-scenario", "2")]
    assert (scenario["translated"], scenario["deploy"], scenario["security"]) == (
        True,
        "allowed",
        "baseline-security",
    )
    assert judged[("example/beta-example-scenario", "beta")]["security"] == "hardened"
    versions = [
        (f["version"], f["verdict"]) for f in data["frameworks"] if f["id"] == "openai-preparedness"
    ]
    assert versions == [("beta", None), ("2", "mixed")]
    assert {e["model"] for e in data["evaluations"]} == {
        "example/v2-high-attested",
        "example/beta-example-scenario",
    }


def _card(assessed: str, cyber: str) -> str:
    text = (GATE / "beta-illustrative.yaml").read_text("utf-8")
    text = text.replace('assessed: "2025-01-10"', f'assessed: "{assessed}"')
    return text.replace(
        "  cybersecurity:\n    pre: low\n    post: low",
        f"  cybersecurity:\n    pre: {cyber}\n    post: {cyber}",
    )


def test_history_flags_an_unexplained_downgrade(cli, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(_card("2025-01-10", "high"))
    (tmp_path / "b.yaml").write_text(_card("2025-02-10", "medium"))
    data = json.loads(cli("audit", "--format", "json", str(tmp_path)).out)
    history = next(h for h in data["history"] if h["model"] == "example/beta-illustrative")
    assert history["flags"] == [
        {
            "category": "cybersecurity",
            "from": "high",
            "to": "medium",
            "change": "down",
            "flag": True,
            "reason": "downgrade without new evidence or a retrospective note",
        }
    ]


def _team(card: str) -> str:
    assert '  version: "beta"\n' in card
    return card.replace('  version: "beta"\n', '  version: "beta-team"\n', 1)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def history_repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is required for the history audit tests")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "auditor@example.org")

    def commit(author: str, message: str) -> None:
        _git(repo, "add", "-A")
        _git(repo, "-c", f"user.name={author}", "commit", "-q", "-m", message)

    framework = next(
        p for p in bundled_files("frameworks") if p.name == "openai-preparedness-beta.yaml"
    )
    (repo / "frameworks").mkdir()
    # A team's own copy gets its own version label: a copy under the bundled id@version
    # that differs from it is an error (it would silently replace the bundled rules).
    (repo / "frameworks" / "beta.yaml").write_text(
        framework.read_text("utf-8").replace("\nversion: beta\n", '\nversion: "beta-team"\n', 1)
    )
    commit("Fran Framework", "Add the Beta framework")
    (repo / "scorecards").mkdir()
    (repo / "scorecards" / "m.yaml").write_text(_team(_card("2025-01-10", "high")))
    commit("Sam Scorer", "Add model M rated high in cyber")
    (repo / "scorecards" / "m.yaml").write_text(_team(_card("2025-01-10", "medium")))
    commit("Lou Lowerer", "Lower M's cyber rating to medium")
    (repo / "scorecards" / "m.yaml").write_text(_team(_card("2025-01-10", "high")))
    commit("Hal Higher", "Put M's cyber rating back to high")
    text = (repo / "frameworks" / "beta.yaml").read_text()
    (repo / "frameworks" / "beta.yaml").write_text(
        text.replace(
            "when: {stage: post, at_least: high}", "when: {stage: post, at_least: critical}", 1
        )
    )
    commit("Tess Threshold", "Raise the deployment threshold to critical")
    return repo


def test_git_audit_reports_each_change(cli, history_repo: Path) -> None:
    run = cli("audit", "--git", "--repo", str(history_repo), "--format", "json")
    assert run.code == 0, run.err
    commits = json.loads(run.out)["commits"]
    shas = _git(history_repo, "log", "--reverse", "--format=%H").split()
    assert [c["sha"] for c in commits] == shas
    added, lowered, raised, threshold = commits[1:]
    assert added["author"] == "Sam Scorer" and added["changes"][0]["change"] == "added"
    assert lowered["author"] == "Lou Lowerer"
    assert lowered["changes"][0]["ratings"] == [
        {"category": "cybersecurity", "from": "high", "to": "medium", "change": "lowered"}
    ]
    assert lowered["flips"] == [
        {
            "model": "example/beta-illustrative",
            "path": "scorecards/m.yaml",
            "decision": "deploy",
            "before": "blocked",
            "after": "allowed",
            "direction": "looser",
        }
    ]
    assert raised["flips"][0]["direction"] == "stricter"
    assert threshold["author"] == "Tess Threshold"
    change = threshold["changes"][0]
    assert (change["kind"], change["verdict"]) == ("framework", "loosening")
    assert any("deploy.post-medium-or-below" in line for line in change["structural"])
    assert threshold["flips"] == [
        {
            "model": "example/beta-illustrative",
            "path": "scorecards/m.yaml",
            "decision": "deploy",
            "before": "blocked",
            "after": "allowed",
            "direction": "looser",
        }
    ]


def test_git_audit_range_and_text(cli, history_repo: Path) -> None:
    run = cli("audit", "--git", "--repo", str(history_repo), "--range", "HEAD~2..HEAD")
    assert run.code == 0
    assert "Hal Higher: Put M's cyber rating back to high" in run.out
    assert "Lou Lowerer" not in run.out
    assert "flip: example/beta-illustrative deploy allowed -> blocked (stricter)" in run.out
    assert "2 commit(s) touched riskcard files" in run.out
    assert run.out.rstrip().endswith(
        "summary: 2 commit(s) walked, 0 invalid state(s), 1 loosening and 1 tightening "
        "commit(s), 2 flip(s)"
    )


def test_git_audit_outside_a_repository(cli, tmp_path: Path) -> None:
    run = cli("audit", "--git", "--repo", str(tmp_path))
    assert run.code == 2
    assert "not a git repository" in run.err
