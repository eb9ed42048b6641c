"""Reporters for gate runs, chosen by name. All render from the JSON envelope."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from riskcard.formats.findings import Finding, Severity
from riskcard.renderers.ci import RuleDoc, github, junit, sarif
from riskcard.renderers.templating import decision_text, render_template
from riskcard.results.gate import GateRun, envelope


def _findings(data: dict[str, Any]) -> list[Finding]:
    return [Finding.from_dict(f) for r in data["results"] for f in r["findings"]]


def as_json(run: GateRun) -> str:
    return json.dumps(envelope(run), indent=2, ensure_ascii=False) + "\n"


def text(run: GateRun) -> str:
    data = envelope(run)
    lines: list[str] = []
    for r in data["results"]:
        verdict = "PASS" if r["passes"] else "FAIL"
        lines.append(
            f"{verdict} {r['model']} ({r['title'] or 'assessment'}, {r['assessed']}) "
            f"under {r['framework']['id']}@{r['framework']['version']}"
        )
        if r["translated"]:
            t = r["translated"]
            lines.append(
                f"  ratings translated from {t['from']['id']}@{t['from']['version']} via {t['via']}"
            )
        lines.append(
            f"  deploy: {decision_text(r['deploy'])}  develop: {decision_text(r['develop'])}  "
            f"security: {decision_text(r['security'])}  overall: {r['overall']}"
        )
        for requirement in r["deploy"]["requires"] + r["develop"]["requires"]:
            mark = "attested" if requirement["attested"] else "NOT attested"
            lines.append(
                f"  requires {requirement['name']} for "
                f"{', '.join(requirement['categories'])}: {mark}"
            )
        for f in r["findings"]:
            lines.append(
                f"  {f['path']}:{f['line']}:{f['column']}: {f['severity']} "
                f"{f['rule']} {f['message']}"
            )
    lines += [f"  {line}" for line in provenance_lines(data)]
    s = data["summary"]
    lines.append(
        f"{'pass' if data['passes'] else 'fail'}: {s['scorecards']} scorecard(s), "
        f"{s['passing']} may deploy and continue, {s['failing']} blocked, halted, "
        f"undetermined or short of a security standard; waivers: {s['waivers_applied']} applied, "
        f"{s['waivers_expired']} expired"
    )
    return "\n".join(lines) + "\n"


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
    return render_template("gate.md", data=envelope(run))


def html(run: GateRun) -> str:
    return render_template("gate.html", data=envelope(run))


def rule_docs(run: GateRun) -> dict[str, RuleDoc]:
    docs = {}
    for evaluation in run.evaluations:
        framework = evaluation.framework
        for rule in framework.rules:
            docs[rule.id] = RuleDoc(
                rule.id,
                rule.summary,
                f"{framework.title} ({framework.id}@{framework.version}): {rule.summary}",
                f"“{rule.quote}” — {framework.title}, {rule.locator}. Source: {framework.url}",
                framework.url,
            )
    return docs


def as_sarif(run: GateRun) -> str:
    return sarif(_findings(envelope(run)), rule_docs(run))


def as_junit(run: GateRun) -> str:
    data = envelope(run)
    suites = []
    for r in data["results"]:
        findings = [Finding.from_dict(f) for f in r["findings"]]
        cases = []
        for category in r["categories"]:
            if category["kind"] != "tracked":
                continue
            rules = {x["rule"] for x in category["rules"]}
            problems = [f for f in findings if f.rule in rules]
            cases.append((r["model"], category["id"], problems))
        if not r["passes"] and not any(
            p.severity is Severity.ERROR for _, _, ps in cases for p in ps
        ):
            cases.append(
                (
                    r["model"],
                    "decision",
                    [
                        Finding(
                            r["path"],
                            1,
                            1,
                            "gate.decision",
                            Severity.ERROR,
                            f"deploy {r['deploy']['status']}, develop {r['develop']['status']}",
                            "",
                        )
                    ],
                )
            )
        name = f"{r['model']} @ {r['framework']['id']}@{r['framework']['version']}"
        suites.append((name, cases))
    return junit(suites)


def as_github(run: GateRun) -> str:
    return github(_findings(envelope(run)))


REPORTERS: dict[str, Callable[[GateRun], str]] = {
    "text": text,
    "json": as_json,
    "markdown": markdown,
    "html": html,
    "sarif": as_sarif,
    "junit": as_junit,
    "github": as_github,
}
