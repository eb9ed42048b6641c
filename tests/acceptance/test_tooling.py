"""Everyday-tooling behaviour: start-up, colour, completion, atomic writes, no network, API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES, ROOT

HEAVY = ("typer", "click", "pydantic", "jinja2", "jsonschema", "yaml", "rich")


def _modules_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(','.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(done.stdout.strip().splitlines()[-1].split(","))


def test_version_imports_nothing_heavy() -> None:
    loaded = _modules_after(
        "sys.argv = ['riskcard', '--version']\nfrom riskcard.entry import main\nmain()"
    )
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_help_loads_no_models_templates_or_schemas() -> None:
    loaded = _modules_after("from riskcard.cli import app")
    assert not loaded & {"pydantic", "jinja2", "jsonschema", "yaml"}


def test_version_through_the_installed_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "riskcard", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("riskcard ")


def test_color_follows_the_flag_and_no_color(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    card = str(FIXTURES / "gate" / "beta-critical.yaml")
    assert "\x1b[" in cli("--color", "always", "gate", card).out
    assert "\x1b[" not in cli("--color", "never", "gate", card).out
    assert "\x1b[" not in cli("gate", card).out  # not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli("gate", card).out
    assert "\x1b[" not in cli("--color", "always", "gate", "--format", "json", card).out


def test_shell_completion_script(cli) -> None:
    run = cli("--show-completion", "bash")
    assert run.code == 0
    assert "_riskcard_completion" in run.out


def test_validate_streams_and_shows_no_progress_when_piped(tmp_path: Path) -> None:
    for index in range(3):
        text = EXAMPLE.read_text("utf-8").replace("openai/o3-mini", f"openai/o3-mini-{index}")
        (tmp_path / f"c{index}.yaml").write_text(text.replace("post: medium", "post: hgh", 1))
    done = subprocess.run(
        [sys.executable, "-m", "riskcard", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert len([x for x in lines if "scorecard.unknown-level" in x]) == 3
    assert lines[-1] == "fail: 3 error(s), 0 warning(s) in 3 files checked"


def test_interrupted_write_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from riskcard.publish import atomic

    target = tmp_path / "report.html"
    atomic.write_text(target, "previous\n")

    def killed(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", killed)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(target, "half a new report")
    assert target.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_nothing_opens_a_network_connection(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("riskcard opened a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    gate = str(FIXTURES / "gate")
    for args in (
        ("validate",),
        ("gate", gate, "--format", "html"),
        ("gate", gate, "-f", "sarif"),
        ("report", "--out-dir", str(tmp_path / "r")),
        ("diff", "openai-preparedness@beta", "openai-preparedness@2"),
        ("audit", gate),
    ):
        assert cli(*args).code in (0, 1), args


def test_metric_rules_gate_on_published_evidence(cli, tmp_path: Path) -> None:
    base = """format_version: 1
model: {id: example/metric-model, name: Metric model, developer: Example Lab}
framework: {id: xai-rmf, version: "2025-08-20"}
assessed: "2025-09-01"
sources:
  - {id: doc, title: Synthetic fixture, url: "https://example.org/m"}
ratings:
  biological_chemical: {level: untiered, cite: {source: doc, locator: fixture}}
  radiological_nuclear: {level: untiered, cite: {source: doc, locator: fixture}}
  cyber_critical_infrastructure: {level: untiered, cite: {source: doc, locator: fixture}}
  loss_of_control: {level: untiered, cite: {source: doc, locator: fixture}}
"""
    evidence = """evidence:
  - {evaluation: restricted queries, metric: restricted-biochem-answer-rate, result: %s,
     unit: fraction, cite: {source: doc, locator: fixture}}
  - {evaluation: MASK, metric: mask-dishonesty-rate, result: 0.3, unit: fraction,
     cite: {source: doc, locator: fixture}}
"""
    results = {}
    for name, text in {
        "missing": base,
        "passing": base + evidence % "0.01",
        "failing": base + evidence % "0.05",
    }.items():
        card = tmp_path / f"{name}.yaml"
        card.write_text(text)
        run = cli("gate", "--format", "json", str(card))
        results[name] = (run.code, json.loads(run.out)["results"][0]["deploy"]["status"])
    assert results == {
        "missing": (1, "undetermined"),
        "passing": (0, "allowed"),
        "failing": (1, "blocked"),
    }


def test_python_api() -> None:
    import riskcard

    card = riskcard.load_scorecard(FIXTURES / "gate" / "v2-high-attested.yaml")
    result = riskcard.evaluate(card)
    assert result.outcome.deploy.status == "allowed_with_safeguards"
    assert (
        riskcard.evaluate(card, framework="openai-preparedness@beta").outcome.deploy.status
        == "blocked"
    )
    assert "PASS example/v2-high-attested" in riskcard.render(result)
    diff = riskcard.diff("openai-preparedness@beta", "openai-preparedness@2")
    assert diff.verdict == "mixed"
    assert riskcard.load([FIXTURES / "gate"]).scorecards
    validation = riskcard.validate([FIXTURES / "gate"])
    assert validation.status == "pass" and validation.checked == 10
    assert json.loads(riskcard.render(validation, "json"))["status"] == "pass"


def test_internal_errors_exit_3_without_a_traceback(tmp_path: Path) -> None:
    script = (
        "import riskcard.commands.gate as c\n"
        "def boom(*a, **k):\n    raise ZeroDivisionError('boom')\n"
        "c.check_inputs = boom\n"
        f"import sys\nsys.argv = ['riskcard', 'gate', {str(EXAMPLE)!r}]\n"
        "from riskcard.entry import main\nmain()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "RISKCARD_DEBUG"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 3
    assert "internal error: ZeroDivisionError: boom" in done.stderr
    assert "Traceback" not in done.stderr


def test_parallel_validation_gives_the_same_output(tmp_path: Path) -> None:
    from riskcard.formats.registry import bundled_files

    for index in range(30):
        text = EXAMPLE.read_text("utf-8").replace("openai/o3-mini", f"openai/m-{index % 25}")
        if index % 7 == 0:
            text = text.replace("post: medium", "post: hgh", 1)
        (tmp_path / f"c{index:02d}.yaml").write_text(text)
    (tmp_path / "broken.yaml").write_text("a: [\n")
    framework = next(
        p for p in bundled_files("frameworks") if p.name == "openai-preparedness-beta.yaml"
    )
    (tmp_path / "z-framework.yaml").write_text(
        framework.read_text().replace("version: beta", "version: beta-copy")
    )
    (tmp_path / "z-card.yaml").write_text(
        EXAMPLE.read_text()
        .replace("version: beta", "version: beta-copy")
        .replace("openai/o3-mini", "openai/copy")
    )
    outputs = {}
    for jobs in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "riskcard", "validate", "--jobs", jobs, str(tmp_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        outputs[jobs] = (done.returncode, done.stdout)
    assert outputs["1"] == outputs["2"]
    code, out = outputs["1"]
    assert code == 1
    assert out.count("scorecard.duplicate-assessment") == 10  # both copies of 5 pairs
    assert out.count("scorecard.unknown-level") == 5
    assert "broken.yaml:2:1: error yaml.syntax" in out
    assert "z-card.yaml" not in out


def test_python_validate_reports_what_the_command_reports(cli, tmp_path: Path) -> None:
    """`riskcard.validate(paths)` and `riskcard validate PATHS -f json` are one check."""
    import riskcard

    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text("utf-8").replace("post: medium", "post: hgh", 1), "utf-8")
    for paths in ([str(bad)], [str(FIXTURES / "gate"), str(bad)], None):
        value = riskcard.validate(paths).to_json()
        shown = json.loads(cli("validate", "-f", "json", *(paths or [])).out)
        assert value == shown, paths
