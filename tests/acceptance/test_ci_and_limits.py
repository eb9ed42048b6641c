"""CI formats are written even when the inputs are invalid; work is bounded; data and the
environment give exit 1 or 2 with a plain message, never exit 3."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from jsonschema import Draft7Validator

from conftest import FIXTURES, SARIF_SCHEMA

SCENARIO = FIXTURES / "gate" / "beta-example-scenario.yaml"


def _with_evidence(tmp_path: Path, result: str) -> Path:
    card = tmp_path / "card.yaml"
    card.write_text(
        SCENARIO.read_text("utf-8")
        + "evidence:\n  - evaluation: big\n    metric: m1\n    result: "
        + result
        + "\n    unit: fraction\n    cite: {source: doc, locator: fixture}\n",
        "utf-8",
    )
    return card


@pytest.fixture
def invalid(tmp_path: Path) -> Path:
    return _with_evidence(tmp_path, "not-a-number")


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github"])
def test_gate_writes_ci_formats_for_invalid_inputs(cli, invalid: Path, fmt: str) -> None:
    target = invalid.parent / f"gate.{fmt}"
    run = cli("gate", "-f", fmt, "-o", str(target), str(invalid))
    assert run.code == 1
    assert "nothing was judged" in run.err
    text = target.read_text("utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert data["passes"] is False and data["results"] == []
        assert {f["rule"] for f in data["input_findings"]} == {"schema.type"}
    elif fmt == "sarif":
        log = json.loads(text)
        assert list(Draft7Validator(json.loads(SARIF_SCHEMA.read_text())).iter_errors(log)) == []
        assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"schema.type"}
    elif fmt == "junit":
        root = ET.fromstring(text)
        assert root.get("failures") == "1"
    else:
        assert text.startswith("::error file=") and "title=schema.type" in text


def test_gate_github_on_stdout_is_annotations_for_invalid_inputs(cli, invalid: Path) -> None:
    run = cli("gate", "-f", "github", str(invalid))
    assert run.code == 1
    assert all(line.startswith("::error ") for line in run.out.splitlines())


def test_jobs_beyond_the_cores_are_clamped_with_a_note(cli) -> None:
    run = cli("validate", "--jobs", "99999999999999999999", str(SCENARIO))
    assert run.code == 0
    assert f"using {os.cpu_count() or 1}" in run.err


@pytest.mark.parametrize("jobs", ["0", "-3"])
def test_jobs_below_one_is_a_usage_error(cli, jobs: str) -> None:
    assert cli("validate", "--jobs", jobs, str(SCENARIO)).code == 2


def test_dates_at_the_ends_of_the_calendar_do_not_break_the_site(cli, tmp_path: Path) -> None:
    card = tmp_path / "old.yaml"
    card.write_text(
        SCENARIO.read_text("utf-8")
        .replace('assessed: "2025-01-10"', 'assessed: "0001-01-01"')
        .replace('released: "2025-01-10"', 'released: "0001-01-01"')
    )
    run = cli("site", str(tmp_path / "out"), str(card))
    assert run.code == 0, run.err
    assert "0001-01-01" in (tmp_path / "out" / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    "content",
    ["not json", "[1]", '{"inputs": 5, "results": []}', '{"inputs": [], "results": [{}]}'],
)
def test_malformed_verify_input_is_a_plain_error(cli, tmp_path: Path, content: str) -> None:
    report = tmp_path / "gate.json"
    report.write_text(content)
    run = cli("verify", str(report))
    assert run.code in (1, 2)
    assert "internal error" not in run.err


@pytest.mark.xfail(strict=True, reason="inputs/loader.py (issue 10 helper): int() of 5,001 digits")
def test_a_5001_digit_integer_is_a_located_error(cli, tmp_path: Path) -> None:
    card = tmp_path / "big.yaml"
    card.write_text(
        SCENARIO.read_text("utf-8").replace("format_version: 1", "format_version: " + "9" * 5001)
    )
    run = cli("validate", str(card))
    assert run.code == 1 and "big.yaml:3:" in run.out


@pytest.mark.xfail(strict=True, reason="engine/checks (issues 10/11): float() of a 400-digit int")
def test_a_400_digit_evidence_result_is_not_exit_3(cli, tmp_path: Path) -> None:
    card = _with_evidence(tmp_path, "9" * 400)
    run = cli("gate", str(card))
    assert run.code in (1, 2) and "internal error" not in run.err
