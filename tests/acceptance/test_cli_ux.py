"""The command line as a user meets it: one JSON envelope, -h, --color/--quiet anywhere,
--strict, stdin, filters, usage errors, the gate's decision table and duplicate assessments
caught when only the new file is checked."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE, ROOT
from riskcard.cli import app
from riskcard.results.envelope import ENVELOPE_KEYS, STATUSES

EXIT_OF = {"pass": 0, "fail": 1, "error": 1}


def _alias_card(folder: Path) -> Path:
    """o3-mini under another model id, with a category written by its name: one warning."""
    text = EXAMPLE.read_text("utf-8").replace("openai/o3-mini", "openai/o3-mini-copy")
    text = re.sub(r"(?m)^  cbrn:", "  Biological Threats:", text, count=1)
    target = folder / "alias.yaml"
    target.write_text(text, "utf-8")
    return target


JSON_COMMANDS = [
    ("validate", ["validate", "-f", "json", str(EXAMPLE)], {"checked", "errors", "findings"}),
    ("list", ["list", "-f", "json"], {"scorecards"}),
    ("frameworks", ["frameworks", "-f", "json"], {"frameworks"}),
    ("gate", ["gate", "-f", "json", str(EXAMPLE)], {"passes", "results", "inputs"}),
    ("gate", ["gate", "-f", "json"], {"passes", "results"}),
    ("verify", ["verify", "-f", "json", "reports/gate.json"], {"verified", "differences"}),
    (
        "diff",
        ["diff", "-f", "json", "anthropic-rsp@2.2", "anthropic-rsp@3.0"],
        {"verdict", "changes"},
    ),
    ("audit", ["audit", "-f", "json"], {"flips", "evaluations", "history"}),
    ("audit", ["audit", "-f", "json", "--git", "--range", "HEAD~1..HEAD"], {"commits"}),
    ("comply", ["comply", "-f", "json", "gdm-fsf@3.0", "--law", "eu-cop-ss"], {"requirements"}),
    ("comply", ["comply", "-f", "json"], {"results"}),
    ("conduct", ["conduct", "-f", "json"], {"determinations", "commitments"}),
]


@pytest.mark.parametrize(("command", "args", "payload"), JSON_COMMANDS)
def test_every_command_speaks_one_json_envelope(
    cli: Any, command: str, args: list[str], payload: set[str]
) -> None:
    run = cli(*args)
    data = json.loads(run.out)
    assert list(data)[:4] == list(ENVELOPE_KEYS)
    assert data["command"] == command
    assert data["status"] in STATUSES
    assert EXIT_OF[data["status"]] == run.code, (data["status"], run.code)
    assert isinstance(data["summary"], dict) and data["summary"]
    assert all(isinstance(v, int) for v in data["summary"].values()), data["summary"]
    assert payload <= set(data)


def test_gate_status_says_error_when_nothing_could_be_judged(cli: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("model: [\n", "utf-8")
    run = cli("gate", "-f", "json", str(broken))
    data = json.loads(run.out)
    assert run.code == 1 and data["status"] == "error" and data["passes"] is False


@pytest.mark.parametrize(
    "command",
    [
        "validate",
        "list",
        "frameworks",
        "schema",
        "gate",
        "report",
        "verify",
        "diff",
        "audit",
        "site",
        "comply",
        "conduct",
    ],
)
def test_dash_h_works_everywhere_and_help_has_no_type_metavars(cli: Any, command: str) -> None:
    run = cli(command, "-h")
    assert run.code == 0 and "Usage: riskcard " + command in run.out
    assert "<list[" not in run.out and "<str>" not in run.out and "<path>" not in run.out
    if "--format" in run.out:
        assert re.search(r"--format\s.*\n?\s*Output format", run.out)


def test_top_help_lists_whole_summaries(cli: Any) -> None:
    run = cli("-h")
    assert run.code == 0
    commands = run.out.split("Commands:")[1]
    assert "..." not in commands  # no summary truncated mid-sentence


def test_color_and_quiet_after_the_command(cli: Any, tmp_path: Path) -> None:
    assert "\x1b[" in cli("gate", str(EXAMPLE), "--color", "always").out
    assert "\x1b[" in cli("gate", "--color=always", str(EXAMPLE)).out
    assert "\x1b[" not in cli("gate", str(EXAMPLE), "--color", "never").out
    assert cli("gate", str(EXAMPLE), "--color", "purple").code == 2
    loud = cli("report", "--out-dir", str(tmp_path / "a"))
    quiet = cli("report", "--out-dir", str(tmp_path / "b"), "-q")
    assert "wrote" in loud.err and quiet.err == "" and quiet.code == 0
    assert cli("--quiet", "report", "--out-dir", str(tmp_path / "c")).err == ""


def test_strict_makes_warnings_fail(cli: Any, tmp_path: Path) -> None:
    card = _alias_card(tmp_path)
    assert cli("validate", str(card)).code == 0
    strict = cli("validate", "--strict", str(card))
    assert strict.code == 1 and "warning scorecard.category-alias" in strict.out
    assert strict.out.splitlines()[-1].startswith("ok (--strict") is False
    data = json.loads(cli("validate", "--strict", "-f", "json", str(card)).out)
    assert data["status"] == "fail" and data["strict"] is True
    assert cli("gate", str(card)).code == 0
    gate = cli("gate", "--strict", "-f", "json", str(card))
    data = json.loads(gate.out)
    assert gate.code == 1 and data["status"] == "fail" and data["passes"] is True
    assert data["summary"]["warnings"] >= 1


def test_stdin_is_read_by_validate_and_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    raw = EXAMPLE.read_bytes().replace(b"openai/o3-mini", b"openai/from-stdin")
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", "-"], input=raw)
    assert ok.exit_code == 0 and "in 1 file checked" in ok.stdout
    bad = runner.invoke(app, ["validate", "-"], input=raw.replace(b"post: medium", b"post: hgh"))
    assert bad.exit_code == 1 and "<stdin>:" in bad.stdout and "did you mean" in bad.stdout
    gate = runner.invoke(app, ["gate", "-f", "json", "-"], input=raw)
    data = json.loads(gate.stdout)
    assert gate.exit_code == 0 and [r["path"] for r in data["results"]] == ["<stdin>"]


def test_filters_on_list_gate_and_audit(cli: Any) -> None:
    one = json.loads(cli("list", "-f", "json", "--model", "openai/o3-mini").out)
    assert [s["model"] for s in one["scorecards"]] == ["openai/o3-mini"]
    rsp = json.loads(cli("list", "-f", "json", "--framework", "anthropic-rsp@2.2").out)
    assert rsp["scorecards"] and {s["framework"]["version"] for s in rsp["scorecards"]} == {"2.2"}
    gate = json.loads(cli("gate", "-f", "json", "--developer", "openai").out)
    assert gate["results"] and {r["developer"] for r in gate["results"]} == {"OpenAI"}
    under = json.loads(cli("gate", "-f", "json", "--assessed-under", "gdm-fsf").out)
    assert {r["framework"]["id"] for r in under["results"]} == {"gdm-fsf"}
    audit = json.loads(cli("audit", "-f", "json", "--model", "anthropic/claude-opus-4").out)
    assert {f["model"] for f in audit["flips"]} == {"anthropic/claude-opus-4"}
    nothing = cli("gate", "--model", "nobody/none")
    assert nothing.code == 2 and "no scorecard matches --model nobody/none" in nothing.err


def test_audit_range_without_git_is_a_usage_error(cli: Any) -> None:
    run = cli("audit", "--range", "HEAD~3..HEAD")
    assert run.code == 2 and "--git" in run.err


def test_gate_text_ends_with_an_aligned_decision_table(cli: Any) -> None:
    run = cli("gate")
    lines = run.out.splitlines()
    start = lines.index("Decisions:")
    table = [line for line in lines[start + 1 : -1] if not line.startswith("  * ")]
    assert table[0].split() == ["model", "framework", "deploy", "develop", "security", "result"]
    assert len(table) == 1 + json.loads(cli("gate", "-f", "json").out)["summary"]["scorecards"]
    columns = [m.start() for m in re.finditer(r"\S+", table[0])]
    for row in table[1:]:
        cells = [m.start() for m in re.finditer(r"\S+", row)]
        assert cells == columns, row  # every cell starts under its heading
        assert row.split()[-1] in ("pass", "fail")
    assert lines[-1].startswith(("pass:", "fail:"))


def test_duplicate_found_when_only_the_new_file_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "scorecards", tmp_path / "scorecards")
    old = Path("scorecards/openai/o3-mini.yaml")
    new = Path("scorecards/openai/o3-mini-again.yaml")
    (tmp_path / new).write_bytes((tmp_path / old).read_bytes())
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(app, ["validate", str(new)])
    assert run.exit_code == 1
    found = [line for line in run.stdout.splitlines() if "duplicate-assessment" in line]
    assert len(found) == 1 and found[0].startswith(f"{new}:")  # the new file is blamed
    assert f"in {old}" in found[0]  # and names the one it duplicates
    whole = CliRunner().invoke(app, ["validate"])
    blamed = {
        line.split(":")[0] for line in whole.stdout.splitlines() if "duplicate-assessment" in line
    }
    assert blamed == {str(old), str(new)}  # a full check cannot tell which is new: both
