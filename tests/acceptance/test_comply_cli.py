"""`riskcard comply` as a user runs it: tables, formats, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from html import unescape
from typing import Any

from riskcard.analysis.comply import ComplianceResult, Row
from riskcard.renderers.comply import html, markdown, text


def test_comply_text_table_with_evidence(cli: Any) -> None:
    run = cli("comply", "openai-preparedness@2", "--law", "ca-sb53@2025", "--as-of", "2026-08-01")
    assert run.code == 0
    assert "openai-preparedness@2 under ca-sb53@2025" in run.out
    assert "met            fw-mitigations" in run.out
    assert "§4.2 Safeguard sufficiency, PDF p. 12" in run.out
    assert "partial        fw-standards" in run.out
    assert "Appendix C.3 Security controls, PDF p. 21" in run.out


def test_an_unread_element_is_shown_unverified_and_fails_absent() -> None:
    # Every bundled map is read now; a synthetic row stands for an element nobody read.
    result = _hostile()
    result.rows[0] = Row("fw-standards", "t", "§1", "framework_document", "q", "copy", "unverified")
    assert "unverified     fw-standards" in text(result)
    assert result.failing("absent") and result.failing("partial")


def test_fail_on_absent_fails_on_unknown_data(cli: Any) -> None:
    # No Amazon release is recorded, so whether its model reports came in time is unknown:
    # missing data fails the gate like an absent element.
    run = cli("comply", "amazon-fmsf@2025-02", "--law", "eu-cop-ss", "--fail-on", "absent")
    assert "unknown        model-report" in run.out
    assert run.code == 1


def test_every_format_for_one_pair(cli: Any) -> None:
    args = ("comply", "gdm-fsf@3.0", "--law", "eu-cop-ss@2025", "--as-of", "2026-08-01", "-f")
    data = json.loads(cli(*args, "json").out)
    assert data["kind"] == "compliance" and data["framework"]["id"] == "gdm-fsf"
    assert {r["id"] for r in data["requirements"]} >= {"fw-acceptance-criteria", "model-report"}
    sarif = json.loads(cli(*args, "sarif").out)
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    suites = ET.fromstring(cli(*args, "junit").out)
    assert int(suites.get("tests", "0")) == len(data["requirements"])
    page = cli(*args, "html").out
    csp = '<meta http-equiv="Content-Security-Policy" content="'
    assert csp + "default-src 'none'; style-src 'unsafe-inline'\"" in unescape(page)
    assert "<h1>Compliance: gdm-fsf@3.0 under eu-cop-ss@2025</h1>" in page
    assert "| fw-acceptance-criteria |" in cli(*args, "markdown").out.replace("\\-", "-")
    assert "::error" in cli(*args, "github").out


def test_all_versions_under_all_laws_and_usage_errors(cli: Any) -> None:
    data = json.loads(cli("comply", "-f", "json").out)
    assert data["command"] == "comply" and data["status"] == "pass"
    # 21 framework versions x 3 laws, then 2 compliance documents x 3 laws
    assert len(data["results"]) == 69
    assert [r["document"]["id"] for r in data["results"] if "document" in r] == [
        "anthropic-fcf",
        "openai-fgf",
    ] * 3
    assert cli("comply", "-f", "html").code == 2  # one table per html page
    assert cli("comply", "openai-preparedness@2", "--law", "no-such-law").code == 2
    assert cli("comply", "no-such@1", "--law", "ca-sb53").code == 2


def test_comply_on_a_compliance_document_text_and_json(cli: Any) -> None:
    args = ("comply", "anthropic-fcf@2", "--law", "ca-sb53@2025", "--as-of", "2026-12-01")
    run = cli(*args)
    assert run.code == 0
    assert "anthropic-fcf@2 under ca-sb53@2025: 8 met, 1 not_applicable, 1 not_due" in run.out
    assert (
        "compliance document: Frontier Compliance Framework, complements anthropic-rsp" in run.out
    )
    assert "met            fw-weight-security         §22757.12(a)(7) [§3 Security Risk" in run.out
    assert "not_applicable transparency-report" in run.out
    assert "riskcard comply anthropic-rsp@VERSION" in run.out
    data = json.loads(cli(*args, "-f", "json").out)
    assert data["document"]["complements"] == "anthropic-rsp" and "framework" not in data
    rows = {r["id"]: r for r in data["requirements"]}
    assert rows["fw-third-parties"]["status"] == "partial"
    assert rows["fw-third-parties"]["locator"] == "§5 Input from External Experts, p. 14"
    assert data["summary"] == {
        "met": 8,
        "not_applicable": 1,
        "not_due": 1,
        "partial": 2,
        "unknown": 3,
    }
    assert data["map"] == "riskcard/compliance/anthropic-fcf-2--ca-sb53-2025.yaml"
    strict = cli("comply", "openai-fgf@2026-05-28", "--law", "ny-raise", "--fail-on", "partial")
    assert strict.code == 1 and "partial        fw-governance" in strict.out


def test_diff_reports_what_a_revision_dropped(cli: Any) -> None:
    run = cli(
        "comply",
        "openai-preparedness@beta",
        "--diff",
        "openai-preparedness@2",
        "--law",
        "eu-cop-ss",
    )
    assert run.code == 0
    assert "dropped  risk         harmful_manipulation: covered -> absent" in run.out
    failing = cli(
        "comply",
        "openai-preparedness@beta",
        "--diff",
        "openai-preparedness@2",
        "--fail-on",
        "absent",
    )
    assert failing.code == 1


def _hostile() -> ComplianceResult:
    evil = "<script>alert(1)</script>|*_[x](javascript:y)"
    result = ComplianceResult(
        {
            "id": "x",
            "version": "1",
            "title": evil,
            "effective": "2025-01-01",
            "url": "javascript:alert(1)",
            "publisher": "p",
        },
        {
            "id": "l",
            "version": "1",
            "title": evil,
            "citation": evil,
            "url": "javascript://x",
            "text_basis": "copy",
        },
        None,
        dt.date(2026, 1, 1),
    )
    result.rows.append(
        Row(
            "fw-a",
            evil,
            "§1",
            "framework_document",
            evil,
            "copy",
            "partial",
            "p. 1",
            evil + "\x1b[31m",
            evil,
        )
    )
    return result


def test_renderers_escape_hostile_data() -> None:
    result = _hostile()
    page = html(result)
    assert "<script>" not in page and "javascript:" not in page.replace("javascript:y", "")
    assert 'href="javascript' not in page
    assert "\x1b" not in text(result)
    md = markdown(result)
    assert "<script>" not in md and "[x](" not in md and "\\[x\\](" in md
