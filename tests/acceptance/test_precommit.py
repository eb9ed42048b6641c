"""The pre-commit hooks, run through pre-commit itself on a scorecard repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=repo, capture_output=True, text=True, check=False)


@pytest.fixture
def scorecard_repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is required")
    repo = tmp_path / "cards"
    (repo / "scorecards" / "example").mkdir(parents=True)
    shutil.copy(FIXTURES / "gate" / "beta-illustrative.yaml", repo / "scorecards" / "example")
    (repo / "notes.yaml").write_text("not: a scorecard\n")
    # The hooks as this repository publishes them, run by pre-commit with the riskcard that
    # is installed here (language: system) instead of a fresh virtualenv.
    hooks = []
    for hook in HOOKS:
        local = {k: v for k, v in hook.items() if k != "language"}
        local["language"] = "system"
        local["entry"] = f"{sys.executable} -m riskcard {hook['entry'].split(' ', 1)[1]}"
        hooks.append(local)
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    for args in (["git", "init", "-q"], ["git", "add", "-A"]):
        assert _run(repo, *args).returncode == 0
    return repo


def _pre_commit(repo: Path, hook: str) -> subprocess.CompletedProcess[str]:
    return _run(
        repo, sys.executable, "-m", "pre_commit", "run", hook, "--all-files", "--color", "never"
    )


def test_hooks_file_declares_both_hooks() -> None:
    ids = {hook["id"]: hook for hook in HOOKS}
    assert set(ids) == {"riskcard-validate", "riskcard-gate"}
    # Both read the whole configured collection, never just the changed files.
    assert ids["riskcard-gate"]["pass_filenames"] is False
    assert ids["riskcard-validate"]["pass_filenames"] is False


def test_validate_hook_passes_then_catches_a_bad_file(scorecard_repo: Path) -> None:
    ok = _pre_commit(scorecard_repo, "riskcard-validate")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout
    card = scorecard_repo / "scorecards" / "example" / "beta-illustrative.yaml"
    card.write_text(card.read_text().replace("    post: low\n", "    post: lw\n", 1))
    _run(scorecard_repo, "git", "add", "-A")
    bad = _pre_commit(scorecard_repo, "riskcard-validate")
    assert bad.returncode == 1
    assert "scorecard.unknown-level" in bad.stdout
    assert "notes.yaml" not in bad.stdout


def test_gate_hook_judges_the_whole_collection(scorecard_repo: Path) -> None:
    ok = _pre_commit(scorecard_repo, "riskcard-gate")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    shutil.copy(FIXTURES / "gate" / "beta-critical.yaml", scorecard_repo / "scorecards")
    _run(scorecard_repo, "git", "add", "-A")
    bad = _pre_commit(scorecard_repo, "riskcard-gate")
    assert bad.returncode == 1
    assert "FAIL example/beta-critical" in bad.stdout
