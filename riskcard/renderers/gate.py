"""Reporters for gate runs, chosen by name. Each takes the typed GateRun; the templates and
the text render from its JSON document, the CI formats from its typed findings."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from typing import Any

from riskcard.engine.evaluation import Evaluation
from riskcard.formats.findings import Finding, Severity
from riskcard.formats.models import Framework
from riskcard.renderers.ci import RuleDoc, file_suites, github, junit, sarif
from riskcard.renderers.escape import visible
from riskcard.renderers.findings import finding_line, validation_docs
from riskcard.renderers.templating import decision_text, render_template
from riskcard.results.findings import gate_findings
from riskcard.results.gate import GateRun, acting_rules


def as_json(run: GateRun) -> str:
    return json.dumps(run.to_json(), indent=2, ensure_ascii=False) + "\n"


def text(run: GateRun) -> str:
    """Plain text: every value from data through `visible`, so no data starts a line."""
    data = run.to_json()
    lines = [finding_line(p) for p in run.problems]
    for evaluation, r in zip(run.evaluations, data["results"], strict=True):
        lines += text_lines(evaluation, r)
    lines += text_tail(data, [table_row(r) for r in data["results"]])
    return "\n".join(lines) + "\n"


def text_lines(evaluation: Evaluation, r: dict[str, Any]) -> list[str]:
    """The text of one scorecard's result."""
    v = visible
    verdict = "PASS" if r["passes"] else "FAIL"
    framework = r["framework"]
    lines = [
        f"{verdict} {v(r['model'])} ({v(r['title'] or 'assessment')}, {r['assessed']}) "
        f"under {v(framework['id'])}@{v(framework['version'])}"
    ]
    if r["translated"]:
        t = r["translated"]
        lines.append(
            f"  ratings translated from {v(t['from']['id'])}@{v(t['from']['version'])} "
            f"via {t['via']}"
        )
    lines.append(
        f"  deploy: {v(decision_text(r['deploy']))}  develop: {v(decision_text(r['develop']))}  "
        f"security: {v(decision_text(r['security']))}  overall: {v(r['overall'])}"
    )
    for requirement in r["deploy"]["requires"] + r["develop"]["requires"]:
        mark = {"met": "attested", "unknown": "not known to be met"}.get(
            str(requirement["met"]), "NOT attested"
        )
        lines.append(
            f"  requires {v(requirement['name'])} for "
            f"{v(', '.join(requirement['categories']))}: {mark}"
        )
    for finding in gate_findings(evaluation):
        lines.append("  " + finding_line(finding, hint=False))
    return lines


def text_tail(data: dict[str, Any], rows: list[TableRow]) -> list[str]:
    """What ends the text of a run: provenance, the decision table of `rows` and the
    summary line."""
    lines = [f"  {visible(line)}" for line in provenance_lines(data)]
    if rows:
        lines += ["Decisions:", *decision_table(rows)]
    s = data["summary"]
    lines.append(
        f"{'pass' if data['passes'] else 'fail'}: {s['scorecards']} scorecard(s), "
        f"{s['passing']} may deploy and continue, {s['failing']} blocked, halted, "
        f"undetermined or short of a security standard; waivers: {s['waivers_applied']} applied, "
        f"{s['waivers_expired']} expired"
    )
    return lines


TABLE_HEAD = ("model", "framework", "deploy", "develop", "security", "result")
TableRow = tuple[tuple[str, ...], bool]
"""A row of the decision table (its cells, escaped) and whether a decision in it was waived."""


def cell_width(text: str) -> int:
    """Columns a cell takes on a terminal: wide (East Asian) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table_row(r: dict[str, Any]) -> TableRow:
    """One scorecard's row: model, framework, the three decisions and pass/fail. Cells go
    through `visible` before they are measured, so an escape never shifts a column; a
    waived decision is marked `*`."""

    def decision(entry: dict[str, Any]) -> str:
        return visible(str(entry["status"])) + ("*" if entry["waived"] else "")

    cells = (
        visible(r["model"]),
        f"{visible(r['framework']['id'])}@{visible(r['framework']['version'])}",
        decision(r["deploy"]),
        decision(r["develop"]),
        decision(r["security"]),
        "pass" if r["passes"] else "fail",
    )
    return cells, any(r[key]["waived"] for key in ("deploy", "develop", "security"))


def decision_table(rows: list[TableRow]) -> list[str]:
    """One aligned line per row under TABLE_HEAD, and a key when a decision was waived."""
    cells = [TABLE_HEAD] + [row for row, _ in rows]
    widths = [max(cell_width(row[i]) for row in cells) for i in range(len(TABLE_HEAD))]
    lines = [
        "  "
        + "  ".join(
            cell + " " * (width - cell_width(cell)) for cell, width in zip(row, widths, strict=True)
        )
        for row in cells
    ]
    if any(waived for _, waived in rows):
        lines.append("  * waived")
    return [line.rstrip() for line in lines]


def provenance_lines(data: dict[str, Any]) -> list[str]:
    """One line per framework used: where its rules came from and the sha256 of its file."""
    lines = []
    for f in data["frameworks"]:
        where = "bundled" if f["origin"] == "bundled" else f"from {f['path']}"
        if f["origin"] == "unknown":
            where = "origin unknown"
        digest = f" sha256 {f['sha256']}" if f["sha256"] else ""
        lines.append(f"framework {f['id']}@{f['version']}: {where}{digest}")
    return lines


def markdown(run: GateRun) -> str:
    return render_template("gate.md", data=run.to_json())


def html(run: GateRun) -> str:
    return render_template("gate.html", data=run.to_json())


def rule_docs(run: GateRun) -> dict[str, RuleDoc]:
    docs: dict[str, RuleDoc] = {}
    for evaluation in run.evaluations:
        docs.update(framework_rule_docs(evaluation.framework))
    return docs


def framework_rule_docs(framework: Framework) -> dict[str, RuleDoc]:
    """The help of each rule of `framework`, as SARIF shows it."""
    return {
        rule.id: RuleDoc(
            rule.id,
            rule.summary,
            f"{framework.title} ({framework.id}@{framework.version}): {rule.summary}",
            f"“{rule.quote}” — {framework.title}, {rule.locator}. Source: {framework.url}",
            framework.url,
        )
        for rule in framework.rules
    }


def as_sarif(run: GateRun) -> str:
    docs = {**validation_docs(), **rule_docs(run)} if run.problems else rule_docs(run)
    return sarif([*run.problems, *run.findings()], docs)


def junit_cases(evaluation: Evaluation) -> list[tuple[str, str, list[Finding]]]:
    """One case per tracked category (failing on the rules it triggered), and a `decision`
    case when the scorecard fails for a reason no category case shows."""
    model = evaluation.card.model.id
    findings = gate_findings(evaluation)
    cases = []
    for category in evaluation.framework.categories:
        if category.kind != "tracked":
            continue
        rules = acting_rules(evaluation, category.id)
        cases.append((model, category.id, [f for f in findings if f.rule in rules]))
    shown = any(p.severity is Severity.ERROR for _, _, problems in cases for p in problems)
    if not evaluation.passes and not shown:
        outcome = evaluation.outcome
        message = f"deploy {outcome.deploy.status}, develop {outcome.develop.status}"
        decision = Finding(evaluation.path, 1, 1, "gate.decision", Severity.ERROR, message, "")
        cases.append((model, "decision", [decision]))
    return cases


def as_junit(run: GateRun) -> str:
    suites = file_suites(run.problems, [])
    for evaluation in run.evaluations:
        framework = evaluation.framework
        name = f"{evaluation.card.model.id} @ {framework.id}@{framework.version}"
        suites.append((name, junit_cases(evaluation)))
    return junit(suites)


def as_github(run: GateRun) -> str:
    return github([*run.problems, *run.findings()])


REPORTERS: dict[str, Callable[[GateRun], str]] = {
    "text": text,
    "json": as_json,
    "markdown": markdown,
    "html": html,
    "sarif": as_sarif,
    "junit": as_junit,
    "github": as_github,
}
