"""`riskcard conduct` as a user runs it: outcomes, formats, exit codes, escaping."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from conftest import ROOT


def test_conduct_text_lists_outcomes_and_commitments(cli: Any) -> None:
    run = cli("conduct")
    assert run.code == 0
    assert "kept           openai/o3-mini 2025-01-31" in run.out
    assert "update-before-critical" in run.out and "(expectation)" in run.out
    assert "broken         openai-preparedness@2 update-before-critical" in run.out
    assert "kept           openai/gpt-5.2-thinking" in run.out


def test_a_release_without_a_safeguards_statement_is_unverifiable(cli: Any, tmp_path: Path) -> None:
    card = tmp_path / "released.yaml"
    fixture = ROOT / "tests" / "fixtures" / "gate" / "v2-high-unattested.yaml"
    card.write_text(
        fixture.read_text("utf-8")
        + 'conduct:\n  - action: released\n    date: "2025-05-10"\n'
        + "    cite: {source: doc, locator: fixture}\n",
        "utf-8",
    )
    run = cli("conduct", str(card))
    assert "unverifiable   example/v2-high-unattested" in run.out
    assert "no safeguards statement recorded for high-safeguards" in run.out


def test_fail_on_broken_exits_1(cli: Any) -> None:
    assert cli("conduct", "--fail-on", "broken").code == 1
    assert cli("conduct", "scorecards/openai/o3-mini.yaml", "--fail-on", "broken").code == 0
    assert cli("conduct", "scorecards/openai/o3-mini.yaml", "--fail-on", "unverifiable").code == 1


def test_every_format(cli: Any) -> None:
    data = json.loads(cli("conduct", "-f", "json").out)
    assert data["kind"] == "conduct" and data["counts"]["broken"] >= 1
    astra = next(d for d in data["determinations"] if d["model"]["id"] == "openai/gpt-6-astra")
    assert {i["subject"] for i in astra["items"]} == {"deploy", "develop"}
    sarif = json.loads(cli("conduct", "-f", "sarif").out)
    assert any(r["ruleId"] == "conduct.broken" for r in sarif["runs"][0]["results"])
    suites = ET.fromstring(cli("conduct", "-f", "junit").out)
    assert int(suites.get("failures", "0")) >= 1
    assert "::error " in cli("conduct", "-f", "github").out
    page = cli("conduct", "-f", "html").out
    assert "Content-Security-Policy" in page and "<script" not in page
    assert "| openai/o3-mini |" in cli("conduct", "-f", "markdown").out


def test_hostile_text_is_escaped(cli: Any, tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    source = (ROOT / "scorecards" / "openai" / "o3-mini.yaml").read_text("utf-8")
    card.write_text(
        source.replace("name: OpenAI o3-mini", 'name: "<script>x</script> | *b*"'), "utf-8"
    )
    page = cli("conduct", str(card), "-f", "html").out
    assert "<script>x" not in page and "&lt;script&gt;" in page
    md = cli("conduct", str(card), "-f", "markdown").out
    assert "<script>" not in md
