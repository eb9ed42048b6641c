"""`riskcard gate`: every decision path, every format, and the committed reports."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from conftest import FIXTURES, ROOT, SARIF_SCHEMA

GATE = FIXTURES / "gate"
AS_OF = "2025-03-01"

EXPECTED = {
    # fixture: (deploy, develop, security, exit code)
    "beta-illustrative": ("allowed", "continue", "baseline", 0),
    "beta-example-scenario": ("allowed", "continue", "hardened", 0),
    "beta-post-high": ("blocked", "continue", "hardened", 1),
    "beta-critical": ("blocked", "halt", "hardened", 1),
    "v2-high-attested": ("allowed_with_safeguards", "continue", "high-security", 0),
    "v2-high-unattested": ("blocked", "continue", "high-security", 1),
    # PF v2 never defines the Critical standard (`defined: false`): attesting it cannot
    # decide development or security.
    "v2-critical-attested": ("allowed_with_safeguards", "undetermined", "undetermined", 1),
    "v2-unpublished": ("undetermined", "undetermined", "undetermined", 1),
    "beta-waiver-expired": ("blocked", "continue", "hardened", 1),
    "beta-waiver-live": ("allowed", "continue", "hardened", 0),
}


def gate_json(cli, *args: str) -> tuple[int, dict]:
    run = cli("gate", "--format", "json", "--as-of", AS_OF, *args)
    return run.code, json.loads(run.out)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_decision_and_exit_code(name: str, cli) -> None:
    deploy, develop, security, code = EXPECTED[name]
    exit_code, data = gate_json(cli, str(GATE / f"{name}.yaml"))
    result = data["results"][0]
    assert (
        result["deploy"]["status"],
        result["develop"]["status"],
        result["security"]["status"],
        exit_code,
    ) == (deploy, develop, security, code)
    assert data["inputs"][0]["sha256"] and data["inputs"][0]["path"].endswith(f"{name}.yaml")


def test_decisions_cite_the_rule_and_its_source(cli) -> None:
    _, data = gate_json(cli, str(GATE / "beta-post-high.yaml"))
    rule = data["results"][0]["deploy"]["rules"][0]
    assert rule["rule"] == "deploy.post-medium-or-below"
    assert (
        rule["quote"]
        == 'Only models with a post-mitigation score of "medium" or below can be deployed.'
    )
    assert rule["locator"].startswith("p. 21")
    assert rule["source"] == "https://cdn.openai.com/openai-preparedness-framework-beta.pdf"
    assert rule["triggers"] == [{"category": "cybersecurity", "stage": "post", "level": "high"}]


def test_unattested_requirement_is_listed(cli) -> None:
    _, data = gate_json(cli, str(GATE / "v2-high-unattested.yaml"))
    requires = data["results"][0]["deploy"]["requires"]
    assert requires == [
        {
            "safeguard": "high-safeguards",
            "name": "Safeguards meeting the High standard",
            "rule": "deploy.high-safeguards",
            "categories": ["biological_chemical"],
            "attested": False,
            "met": "unmet",
            "reason": "high-safeguards not attested",
        }
    ]


def test_waivers_are_reported_never_hidden(cli) -> None:
    _, live = gate_json(cli, str(GATE / "beta-waiver-live.yaml"))
    assert live["summary"]["waivers_applied"] == 1
    assert live["results"][0]["waivers"]["applied"][0]["rule"] == "deploy.post-medium-or-below"
    _, expired = gate_json(cli, str(GATE / "beta-waiver-expired.yaml"))
    assert expired["summary"]["waivers_expired"] == 1
    assert expired["results"][0]["waivers"]["applied"] == []
    text = cli("gate", "--as-of", AS_OF, str(GATE / "beta-waiver-live.yaml")).out
    assert "waivers: 1 applied, 0 expired" in text


def test_collection_exit_code_is_1_when_any_fails(cli) -> None:
    assert cli("gate", "--as-of", AS_OF, str(GATE / "beta-illustrative.yaml")).code == 0
    run = cli(
        "gate",
        "--as-of",
        AS_OF,
        str(GATE / "beta-illustrative.yaml"),
        str(GATE / "beta-critical.yaml"),
    )
    assert run.code == 1
    assert "FAIL example/beta-critical" in run.out


def test_usage_and_input_errors(cli, tmp_path: Path) -> None:
    assert cli("gate", "--framework", "nope@1", str(GATE / "beta-illustrative.yaml")).code == 2
    assert cli("gate", "--format", "pdf").code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("model: [\n")
    run = cli("gate", str(bad))
    assert run.code == 1
    assert "nothing was judged" in run.err


def test_translation_across_versions_is_stated(cli) -> None:
    code, data = gate_json(
        cli, "--framework", "openai-preparedness@beta", str(GATE / "v2-high-attested.yaml")
    )
    result = data["results"][0]
    assert code == 1
    assert result["translated"]["via"] == "crosswalk"
    assert result["deploy"]["status"] == "blocked"
    assert any("biological_chemical -> cbrn" in line for line in result["translated"]["mappings"])
    text = cli(
        "gate", "--framework", "openai-preparedness@beta", str(GATE / "v2-high-attested.yaml")
    ).out
    assert "ratings translated from openai-preparedness@2 via crosswalk" in text


def _renamed(tmp_path: Path, name: str) -> Path:
    text = (GATE / "beta-post-high.yaml").read_text("utf-8")
    text = text.replace("  name: Post high", f"  name: {json.dumps(name)}")
    target = tmp_path / "hostile.yaml"
    target.write_text(text, "utf-8")
    return target


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("src", "href")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_a_hostile_model_name(cli, tmp_path: Path) -> None:
    card = _renamed(tmp_path, "<script>alert(1)</script>")
    html = cli("gate", "--format", "html", str(card)).out
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    parsed = _Collect()
    parsed.feed(html)
    assert "script" not in parsed.tags
    assert "<script>alert(1)</script>" in "".join(parsed.text)
    assert not [u for u in parsed.urls if u.startswith("http") and "src" in u]
    assert "<link" not in html and "@import" not in html


def test_markdown_table_survives_pipes_and_newlines(cli, tmp_path: Path) -> None:
    card = _renamed(tmp_path, "Evil | model\nwith | newline")
    markdown = cli("gate", "--format", "markdown", str(card)).out
    heading = next(line for line in markdown.splitlines() if line.startswith("## "))
    assert heading == "## Evil \\| model with \\| newline (example/beta-post-high)"
    for line in markdown.splitlines():
        if line.startswith("| ") and "Cybersecurity" in line:
            assert len(re.findall(r"(?<!\\)\|", line)) == 5


def test_sarif_is_valid_under_the_official_schema(cli) -> None:
    schema_path = SARIF_SCHEMA
    schema = json.loads(schema_path.read_text("utf-8"))
    run = cli("gate", "--format", "sarif", "--as-of", AS_OF, str(GATE))
    log = json.loads(run.out)
    errors = list(Draft7Validator(schema).iter_errors(log))
    assert errors == [], errors[:2]
    results = log["runs"][0]["results"]
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    blocked = next(
        r
        for r in results
        if r["ruleId"] == "deploy.post-medium-or-below"
        and "beta-post-high" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )
    line = _line_of(GATE / "beta-post-high.yaml", "  cybersecurity:")
    assert blocked["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    assert blocked["level"] == "error"
    rule = rules["deploy.post-medium-or-below"]
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    assert "Only models with a post-mitigation score" in rule["help"]["text"]


def _line_of(path: Path, prefix: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.startswith(prefix):
            return number
    raise AssertionError(prefix)


def test_junit_is_read_by_a_junit_parser(cli, tmp_path: Path) -> None:
    from junitparser import Failure, JUnitXml

    out = tmp_path / "gate.xml"
    run = cli(
        "gate",
        "--format",
        "junit",
        "--output",
        str(out),
        "--as-of",
        AS_OF,
        str(GATE / "beta-post-high.yaml"),
        str(GATE / "beta-illustrative.yaml"),
    )
    assert run.code == 1
    xml = JUnitXml.fromfile(str(out))
    cases = {(s.name, c.name): c for s in xml for c in s}
    assert len(cases) == 8
    failing = cases[("example/beta-post-high @ openai-preparedness@beta", "cybersecurity")]
    assert any(isinstance(r, Failure) for r in failing.result)
    passing = cases[("example/beta-illustrative @ openai-preparedness@beta", "cbrn")]
    assert passing.is_passed


def test_github_annotations(cli) -> None:
    out = cli("gate", "--format", "github", str(GATE / "beta-post-high.yaml")).out
    line = _line_of(GATE / "beta-post-high.yaml", "  cybersecurity:")
    assert re.search(
        rf"^::error file=[^,]*beta-post-high\.yaml,line={line},col=1,"
        r"title=deploy\.post-medium-or-below::deploy blocked",
        out,
        re.M,
    )


def test_same_inputs_give_identical_reports(cli) -> None:
    for fmt in ("html", "markdown", "json", "sarif", "junit"):
        first = cli("gate", "--format", fmt, "--as-of", AS_OF, str(GATE)).out
        second = cli("gate", "--format", fmt, "--as-of", AS_OF, str(GATE)).out
        assert first == second, fmt


def test_verify_catches_a_changed_input(cli, tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    shutil.copy(GATE / "beta-example-scenario.yaml", card)
    report = tmp_path / "report.json"
    assert cli("gate", "--format", "json", "--output", str(report), str(card)).code == 0
    assert cli("verify", str(report)).code == 0
    card.write_text(
        card.read_text().replace("    pre: high\n    post: medium", "    pre: high\n    post: high")
    )
    run = cli("verify", str(report))
    assert run.code == 1
    assert "/inputs/0/sha256: recorded" in run.out
    assert '/results/0/deploy/status: recorded "allowed", recomputed "blocked"' in run.out


def test_verify_rejects_what_is_not_a_report(cli, tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("[1, 2]")
    run = cli("verify", str(junk))
    assert run.code == 2
    assert "not a riskcard JSON gate report" in run.err


def test_output_is_written_atomically(cli, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "report.md"
    cli("gate", "--format", "markdown", "--output", str(out), str(GATE / "beta-illustrative.yaml"))
    assert out.read_text("utf-8").startswith("# riskcard gate report")
    assert [p.name for p in out.parent.iterdir()] == ["report.md"]
    assert out.stat().st_mode & 0o777 == 0o644


def test_committed_reports_are_current(cli, tmp_path: Path) -> None:
    """What the README's main job writes is what is committed."""
    out = tmp_path / "reports"
    assert cli("report", "--out-dir", str(out)).code == 0
    assert cli("site", str(out / "site")).code == 0
    committed = ROOT / "reports"
    fresh = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # gate.json records the working folder relative to its own folder: the same folder
    # (ROOT) seen from the temporary folder here and from reports/ in the repository.
    recorded = json.loads(fresh["gate.json"])["base"]
    assert (out / recorded).resolve() == ROOT.resolve()
    fresh["gate.json"] = fresh["gate.json"].replace(
        f'"base": {json.dumps(recorded)}'.encode(), b'"base": ".."'
    )
    # The index prints the real verify command: for this folder, not reports/.
    real = f"riskcard verify {out.as_posix()}/gate.json".encode()
    for index in ("index.html", "index.md"):
        assert real in fresh[index]
        fresh[index] = fresh[index].replace(real, b"riskcard verify reports/gate.json")
    current = {
        p.relative_to(committed).as_posix(): p.read_bytes()
        for p in committed.rglob("*")
        if p.is_file()
    }
    assert sorted(fresh) == sorted(current), "run the README's main job and commit reports/"
    stale = [name for name in fresh if fresh[name] != current[name]]
    assert stale == [], "run `riskcard report` and commit reports/"


def test_report_names_never_leave_the_folder(tmp_path: Path) -> None:
    from riskcard.publish.folder import NameBook

    book = NameBook(tmp_path)
    assert book.claim("..", "..", "etc", suffix=".html").as_posix() == "unnamed/unnamed/etc.html"
    assert book.claim("/abs", "x", suffix=".html").as_posix() == "abs/x.html"
    assert book.claim("ABS", "X", suffix=".html").as_posix() == "abs/x-2.html"
    assert book.claim("a/../../b", suffix=".md").as_posix() == "a-..-..-b.md"
    for claimed in book.taken:
        assert (tmp_path / claimed).resolve().is_relative_to(tmp_path.resolve())


def test_validate_sarif_has_what_github_code_scanning_requires(cli, tmp_path: Path) -> None:
    schema = json.loads((SARIF_SCHEMA).read_text("utf-8"))
    bad = ROOT / "tests" / "fixtures" / "gate" / "beta-post-high.yaml"
    copy = tmp_path / "bad.yaml"
    copy.write_text(bad.read_text("utf-8").replace("post: high", "post: hgh", 1))
    log = json.loads(cli("validate", "--format", "sarif", str(copy)).out)
    assert list(Draft7Validator(schema).iter_errors(log)) == []
    assert log["version"] == "2.1.0" and log["$schema"]
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "riskcard"
    rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
    [result] = run["results"]
    assert result["ruleId"] in rules and result["message"]["text"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == copy.as_posix()
    assert location["region"]["startLine"] == _line_of(copy, "    post: hgh")
    gate = json.loads(cli("gate", "--format", "sarif", str(bad)).out)
    uri = gate["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "tests/fixtures/gate/beta-post-high.yaml"


def test_a_gate_over_no_scorecards_is_a_usage_error(cli, tmp_path: Path) -> None:
    run = cli("gate", str(tmp_path))
    assert run.code == 2
    assert "no scorecards found" in run.err
