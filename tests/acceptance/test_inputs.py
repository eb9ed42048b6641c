"""Fail closed on inputs: the collection, framework identity, discovery, verify (issue 10)."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, Run
from riskcard.cli import app
from riskcard.formats.registry import bundled_files
from riskcard.inputs.discovery import discover, is_yaml_name

GATE = FIXTURES / "gate"
BETA = next(p for p in bundled_files("frameworks") if p.name == "openai-preparedness-beta.yaml")
CROSSWALK = next(p for p in bundled_files("crosswalks") if p.name.startswith("gdm-fsf-2.0--"))


def run_in(folder: Path, *args: str) -> Run:
    """`riskcard ARGS` run from `folder` (the working folder matters for the defaults)."""
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "scorecards").mkdir()
    shutil.copy(GATE / "beta-critical.yaml", tmp_path / "scorecards")
    return tmp_path


def test_validate_locates_a_crosswalk_level_that_does_not_exist(tmp_path: Path) -> None:
    text = CROSSWALK.read_text("utf-8")
    bad = text.replace("{source: alert, target: alert}", "{source: alert, target: alrt}", 1)
    assert bad != text
    (tmp_path / "walk.yaml").write_text(bad)
    run = run_in(tmp_path, "validate", "walk.yaml")
    assert run.code == 1
    line = next(i for i, t in enumerate(bad.splitlines(), 1) if "target: alrt" in t)
    assert re.search(rf"^walk\.yaml:{line}:\d+: error crosswalk\.unknown-level ", run.out, re.M)
    assert "has no level 'alrt'" in run.out


def test_a_framework_copy_with_no_rules_cannot_replace_the_bundled_one(project: Path) -> None:
    assert run_in(project, "gate").code == 1  # critical: development halted
    (project / "frameworks").mkdir()
    text = BETA.read_text("utf-8")
    rules = text.index("\nrules:")
    end = text.find("\nmetrics:", rules)
    loose = text[:rules] + "\nrules: []" + (text[end:] if end != -1 else "\n")
    (project / "frameworks" / "beta.yaml").write_text(loose)
    run = run_in(project, "gate")
    assert run.code == 1
    assert "framework.shadows-bundled" in run.err
    assert "frameworks/beta.yaml:4:" in run.err
    assert "PASS" not in run.out


def test_an_identical_copy_of_a_bundled_framework_is_accepted(project: Path) -> None:
    (project / "frameworks").mkdir()
    shutil.copy(BETA, project / "frameworks" / "beta.yaml")
    run = run_in(project, "gate", "--format", "json")
    assert run.code == 1
    framework = json.loads(run.out)["frameworks"][0]
    assert (framework["origin"], framework["path"]) == (
        "bundled",
        "riskcard/frameworks/" + BETA.name,
    )


def test_two_inputs_with_one_id_and_version_name_both_files(project: Path) -> None:
    (project / "frameworks").mkdir()
    text = BETA.read_text("utf-8").replace("\nversion: beta\n", '\nversion: "team"\n', 1)
    (project / "frameworks" / "a.yaml").write_text(text)
    (project / "frameworks" / "b.yaml").write_text(text)
    run = run_in(project, "validate")
    assert run.code == 1
    assert "framework.duplicate-version" in run.out
    assert "frameworks/a.yaml and in frameworks/b.yaml" in run.out


def test_reports_record_where_each_framework_came_from(project: Path) -> None:
    (project / "frameworks").mkdir()
    text = BETA.read_text("utf-8").replace("\nversion: beta\n", '\nversion: "team"\n', 1)
    (project / "frameworks" / "team.yaml").write_text(text)
    card = project / "scorecards" / "beta-critical.yaml"
    card.write_text(card.read_text().replace('version: "beta"', 'version: "team"'))
    data = json.loads(run_in(project, "gate", "--format", "json").out)
    import hashlib

    digest = hashlib.sha256((project / "frameworks" / "team.yaml").read_bytes()).hexdigest()
    assert data["frameworks"][0] | {"url": None} == {
        "id": "openai-preparedness",
        "version": "team",
        "url": None,
        "origin": "input",
        "path": "frameworks/team.yaml",
        "sha256": digest,
    }
    assert {"path": "frameworks/team.yaml", "sha256": digest} in data["inputs"]
    for fmt, needle in (
        ("text", "from frameworks/team.yaml"),
        ("markdown", "frameworks/team.yaml"),
    ):
        assert needle in run_in(project, "gate", "--format", fmt).out


def test_no_scorecards_folder_is_a_usage_error_never_a_fallback(tmp_path: Path) -> None:
    run = run_in(tmp_path, "gate")
    assert run.code == 2
    assert "no scorecards folder here" in run.err


def test_the_configuration_names_the_collection(project: Path) -> None:
    (project / "cards").mkdir()
    shutil.move(project / "scorecards" / "beta-critical.yaml", project / "cards")
    (project / "riskcard.toml").write_text('scorecards = ["cards"]\nas-of = "2025-06-01"\n')
    run = run_in(project, "gate")
    assert run.code == 1 and "FAIL example/beta-critical" in run.out
    (project / "riskcard.toml").write_text('scorecard = ["cards"]\n')
    run = run_in(project, "gate")
    assert run.code == 2 and "unknown key(s) scorecard" in run.err


def test_discovery_reads_every_yaml_name_like_an_independent_walk(tmp_path: Path) -> None:
    names = ["a.yaml", "B.YAML", "c.Yml", "d.yml", "e.txt", "ünï.yaml", "tab\tname.yaml"]
    for folder in ("", "x", "x/.hidden", "y/z"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        for name in names:
            (tmp_path / folder / name).write_text("a: 1\n")
    found = discover([tmp_path])
    walked = {
        str(Path(root) / name)
        for root, _, files in os.walk(tmp_path)
        for name in files
        if name.lower().endswith((".yaml", ".yml"))
    }
    assert found.findings == []
    assert {str(p) for p in found.files} == walked
    assert is_yaml_name("X.YML") and not is_yaml_name("x.yaml.txt")


def test_symlinks_that_dangle_loop_or_leave_are_located_errors(tmp_path: Path) -> None:
    inside = tmp_path / "cards"
    inside.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.yaml").write_text("a: 1\n")
    (inside / "real.yaml").write_text("a: 1\n")
    (inside / "dangling.yaml").symlink_to(tmp_path / "missing.yaml")
    (inside / "loop.yaml").symlink_to(inside / "loop.yaml")
    (inside / "out.yaml").symlink_to(outside / "secret.yaml")
    (inside / "outdir").symlink_to(outside)
    (inside / "same.yaml").symlink_to(inside / "real.yaml")
    found = discover([inside])
    assert [p.name for p in found.files] == ["real.yaml"]
    by_name = {Path(f.path).name: f for f in found.findings}
    assert set(by_name) == {"dangling.yaml", "loop.yaml", "out.yaml", "outdir"}
    assert all(f.rule == "input.symlink" for f in found.findings)
    assert "loop" in by_name["loop.yaml"].message
    assert "outside" in by_name["outdir"].message
    run = run_in(tmp_path, "validate", "cards")
    assert run.code == 1 and "cards/out.yaml:1:1: error input.symlink" in run.out


def test_an_unreadable_folder_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.yaml").write_text("a: 1\n")
    locked.chmod(0)
    # Root lists a folder whatever its mode (CI runs as root): refuse it as the OS would.
    real = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).resolve() == locked.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    try:
        found = discover([tmp_path])
    finally:
        locked.chmod(0o755)
    assert [f.rule for f in found.findings] == ["input.unreadable"]
    assert Path(found.findings[0].path).name == "locked"
    assert found.files == []


def _report(project: Path) -> Path:
    assert run_in(project, "gate", "-f", "json", "-o", "out/gate.json").code == 1
    return project / "out" / "gate.json"


def test_verify_from_another_folder_passes(project: Path, tmp_path_factory) -> None:
    report = _report(project)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    run = run_in(elsewhere, "verify", str(report))
    assert run.code == 0, run.out


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.update(passes=True),
        lambda d: d["results"][0].update(passes=True),
        lambda d: d["results"].pop(),
        lambda d: d["summary"].update(failing=0),
        lambda d: d["results"][0]["develop"].update(status="continue"),
        lambda d: d["frameworks"][0].update(sha256="0" * 64),
        lambda d: d["results"].append(dict(d["results"][0], path="other.yaml")),
    ],
)
def test_a_hand_edited_report_fails_verify(project: Path, edit) -> None:
    report = _report(project)
    data = json.loads(report.read_text())
    edit(data)
    report.write_text(json.dumps(data))
    run = run_in(project, "verify", str(report))
    assert run.code == 1
    assert "difference(s)" in run.out
    differences = json.loads(run_in(project, "verify", "-f", "json", str(report)).out)
    assert differences["verified"] is False and differences["differences"]


def test_verify_refuses_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"a": 1}')
    assert run_in(tmp_path, "verify", "x.json").code == 2
