"""The GitHub Action (action.yml): a composite action whose command lines run here as they
would on a runner, against a temporary copy of the bundled scorecards."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft7Validator

from conftest import ROOT, SARIF_SCHEMA

ACTION = ROOT / "action.yml"


def _action() -> dict[str, Any]:
    data = yaml.safe_load(ACTION.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _steps() -> list[dict[str, Any]]:
    runs = _action()["runs"]
    assert runs["using"] == "composite"
    return list(runs["steps"])


def test_action_installs_from_its_own_path_and_uploads_sarif() -> None:
    steps = _steps()
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert '"$GITHUB_ACTION_PATH"' in install["run"]
    gate = next(s for s in steps if "riskcard gate" in s.get("run", ""))
    assert "--format sarif" in gate["run"] and "--output" in gate["run"]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action"))
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.output }}"
    assert "always()" in upload["if"]  # a failing gate still uploads its findings


def _run_gate_step(workdir: Path, paths: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The gate step's `run:` line in bash, with the step's env filled from the inputs and
    `riskcard` being this checkout's code."""
    step = next(s for s in _steps() if "riskcard gate" in s.get("run", ""))
    inputs = {name: spec.get("default", "") for name, spec in _action()["inputs"].items()}
    inputs["paths"] = paths
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for name, value in step["env"].items():
        key = value.removeprefix("${{ inputs.").removesuffix(" }}")
        env[name] = inputs[key]
    shim = workdir / "bin"
    shim.mkdir()
    (shim / "riskcard").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m riskcard "$@"\n')
    (shim / "riskcard").chmod(0o755)
    env["PATH"] = f"{shim}{os.pathsep}{env['PATH']}"
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return done, workdir / inputs["output"]


def test_action_gate_step_writes_valid_sarif_for_the_bundled_data(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "scorecards", tmp_path / "scorecards")
    done, sarif = _run_gate_step(tmp_path, "")
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(sarif.read_text("utf-8"))
    Draft7Validator(json.loads(SARIF_SCHEMA.read_text("utf-8"))).validate(report)
    results = report["runs"][0]["results"]
    # The bundled collection has failing decisions: the step fails and the findings say why.
    assert done.returncode == 1 and results
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)


def test_action_gate_step_takes_paths_and_passes_a_passing_card(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "scorecards", tmp_path / "scorecards")
    done, sarif = _run_gate_step(tmp_path, "scorecards/openai/o3-mini.yaml")
    assert done.returncode == 0, done.stderr
    assert json.loads(sarif.read_text("utf-8"))["runs"][0]["results"] == []
