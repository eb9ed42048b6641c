"""`riskcard audit --git` fails closed (issue 10): invalid states, odd names, submodules,
option injection, and framework copies compared with what they replace."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, Run
from riskcard.cli import app
from riskcard.formats.registry import bundled_files

BETA = next(p for p in bundled_files("frameworks") if p.name == "openai-preparedness-beta.yaml")
CARD = (FIXTURES / "gate" / "beta-illustrative.yaml").read_text("utf-8")
HIGH = CARD.replace(
    "  cybersecurity:\n    pre: low\n    post: low",
    "  cybersecurity:\n    pre: high\n    post: high",
)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def audit(repo: Path, *args: str) -> Run:
    result = CliRunner().invoke(
        app, ["audit", "--git", "--repo", str(repo), *args], catch_exceptions=False
    )
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is required")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "a@example.org")
    git(repo, "config", "user.name", "A")
    (repo / "scorecards").mkdir()
    return repo


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


def test_an_invalid_intermediate_commit_is_reported_and_judged_nothing(repo: Path) -> None:
    card = repo / "scorecards" / "m.yaml"
    card.write_text(HIGH)
    commit(repo, "high")
    card.write_text(HIGH.replace("    post: high", "    post: hihg", 1))
    commit(repo, "typo")
    card.write_text(HIGH)
    commit(repo, "fixed")
    run = audit(repo, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    _, typo, fixed = data["commits"]
    assert typo["valid"] is False and typo["flips"] == []
    assert typo["findings"][0]["rule"] == "scorecard.unknown-level"
    assert fixed["valid"] is True and fixed["flips"] == []
    assert data["summary"] == {
        "commits": 3,
        "invalid": 1,
        "loosening": 0,
        "tightening": 0,
        "flips": 0,
    }
    text = audit(repo).out
    assert "invalid: 1 error(s); nothing judged at this commit" in text
    assert "scorecards/m.yaml:" in text and "scorecard.unknown-level" in text


def test_file_names_git_would_quote_survive(repo: Path) -> None:
    names = ["tab\there.yaml", "ünïcode.yaml", 'quo"te.yaml', "new\nline.yaml"]
    for name in names:
        (repo / "scorecards" / name).write_text(
            HIGH.replace("example/beta-illustrative", f"example/m{names.index(name)}")
        )
    commit(repo, "odd names")
    data = json.loads(audit(repo, "--format", "json").out)
    paths = sorted(c["path"] for c in data["commits"][0]["changes"])
    assert paths == sorted(f"scorecards/{n}" for n in names)
    assert data["commits"][0]["valid"] is True


def test_a_submodule_named_like_yaml_is_skipped(repo: Path, tmp_path: Path) -> None:
    (repo / "scorecards" / "m.yaml").write_text(HIGH)
    commit(repo, "card")
    head = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{head},scorecards/sub.yaml")
    git(repo, "commit", "-q", "-m", "submodule")
    run = audit(repo, "--format", "json")
    assert run.code == 0, run.err
    commits = json.loads(run.out)["commits"]
    assert len(commits) == 1  # the submodule commit changed no file of the collection


@pytest.mark.parametrize("option", ["--range", "--repo"])
def test_option_like_values_are_refused_and_never_reach_git(
    repo: Path, tmp_path: Path, option: str
) -> None:
    (repo / "scorecards" / "m.yaml").write_text(HIGH)
    commit(repo, "card")
    target = tmp_path / "pwned"
    args = ["audit", "--git", f"{option}=--output={target}"]
    if option == "--range":
        args += ["--repo", str(repo)]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 2
    assert not target.exists()


def test_a_framework_copy_is_compared_with_the_previous_version(repo: Path) -> None:
    (repo / "scorecards" / "m.yaml").write_text(HIGH)
    commit(repo, "card")
    (repo / "frameworks").mkdir()
    text = BETA.read_text("utf-8").replace("\nversion: beta\n", '\nversion: "beta-2"\n', 1)
    text = text.replace("effective: ", "effective: ", 1)
    loose = text.replace(
        "when: {stage: post, at_least: high}", "when: {stage: post, at_least: critical}", 1
    )
    (repo / "frameworks" / "beta-2.yaml").write_text(loose)
    commit(repo, "a looser copy under its own label")
    data = json.loads(audit(repo, "--format", "json").out)
    change = data["commits"][1]["changes"][0]
    assert change["kind"] == "framework" and change["change"] == "added"
    assert change["against"].startswith("openai-preparedness@")
    assert change["verdict"] == "loosening"
    assert data["summary"]["loosening"] == 1


def test_a_shadowing_copy_is_an_invalid_state_compared_with_the_bundled_one(repo: Path) -> None:
    (repo / "scorecards" / "m.yaml").write_text(HIGH)
    commit(repo, "card")
    (repo / "frameworks").mkdir()
    loose = BETA.read_text("utf-8").replace(
        "when: {stage: post, at_least: high}", "when: {stage: post, at_least: critical}", 1
    )
    (repo / "frameworks" / "beta.yaml").write_text(loose)
    commit(repo, "shadow the bundled beta")
    data = json.loads(audit(repo, "--format", "json").out)
    shadow = data["commits"][1]
    assert shadow["valid"] is False and shadow["flips"] == []
    assert shadow["findings"][0]["rule"] == "framework.shadows-bundled"
    assert shadow["changes"][0]["against"] == "openai-preparedness@beta (bundled)"
    assert shadow["changes"][0]["verdict"] == "loosening"
    assert data["summary"]["flips"] == 0


def test_gate_and_history_agree_on_the_rules_in_force(repo: Path) -> None:
    (repo / "frameworks").mkdir()
    text = BETA.read_text("utf-8").replace("\nversion: beta\n", '\nversion: "team"\n', 1)
    (repo / "frameworks" / "team.yaml").write_text(text)
    (repo / "scorecards" / "m.yaml").write_text(HIGH.replace('version: "beta"', 'version: "team"'))
    commit(repo, "team framework and a card")
    old = Path.cwd()
    os.chdir(repo)
    try:
        gate = CliRunner().invoke(app, ["gate", "--format", "json"], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert gate.exit_code == 1, gate.stderr  # judged under frameworks/team.yaml: blocked
    result = json.loads(gate.stdout)["results"][0]
    history = json.loads(audit(repo, "--format", "json").out)
    assert history["commits"][0]["valid"] is True
    assert result["deploy"]["status"] == "blocked"
    judged = history["commits"][0]["changes"]
    card = next(c for c in judged if c["path"] == "scorecards/m.yaml")
    assert card["decisions"] == {
        "deploy": result["deploy"]["status"],
        "develop": result["develop"]["status"],
    }
