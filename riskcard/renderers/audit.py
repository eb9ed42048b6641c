"""Reporters for `riskcard audit` (collection) and `riskcard audit --git` (history)."""

from __future__ import annotations

import json
from collections.abc import Callable

from riskcard.renderers.templating import render_template
from riskcard.results.audit import AuditReport, GitAuditReport


def _ref(ref: dict[str, str]) -> str:
    return f"{ref['id']}@{ref['version']}"


def text(report: AuditReport) -> str:
    data = report.to_json()
    lines = ["Framework timeline:"]
    for f in data["frameworks"]:
        verdict = f" — {f['verdict']} against {f['against']}" if f["verdict"] else " — first"
        lines.append(f"  {f['effective']} {f['id']}@{f['version']}{verdict}")
    lines.append(f"Decision flips ({len(data['flips'])}):")
    for flip in data["flips"]:
        lines.append(
            f"  {flip['model']} ({flip['assessed']}): {flip['decision']} "
            f"{flip['before']} under {_ref(flip['from'])} -> {flip['after']} under "
            f"{_ref(flip['to'])} ({flip['direction']})"
        )
    lines.append("Rating history:")
    for h in data["history"]:
        if len(h["assessments"]) < 2 and not h["retrospectives"]:
            continue
        lines.append(f"  {h['model']}:")
        for a in h["assessments"]:
            changes = ", ".join(
                f"{c['category']} {c['from']}->{c['to']}"
                + (" [FLAG: " + c["reason"] + "]" if c["flag"] else "")
                for c in a["changes"]
            )
            lines.append(
                f"    {a['assessed']} {_ref(a['framework'])}" + (f": {changes}" if changes else "")
            )
        for r in h["retrospectives"]:
            lines.append(f"    retrospective {r['date']} ({r['category']}): {r['text']}")
    return "\n".join(lines) + "\n"


def git_text(report: GitAuditReport) -> str:
    data = report.to_json()
    lines = []
    for commit in data["commits"]:
        lines.append(
            f"{commit['sha'][:12]} {commit['date']} {commit['author']}: {commit['message']}"
        )
        for change in commit["changes"]:
            detail = change["change"]
            if change["kind"] == "framework":
                detail += f" {change.get('framework', '')}"
                if change.get("verdict"):
                    detail += f" — {change['verdict']}"
            for rating in change.get("ratings", []):
                detail += (
                    f"; {rating['category']} {rating['from']} -> {rating['to']} "
                    f"({rating['change']})"
                )
            lines.append(f"  {change['path']}: {detail}")
            for line in change.get("structural", []):
                lines.append(f"    {line}")
        for flip in commit["flips"]:
            lines.append(
                f"  flip: {flip['model']} {flip['decision']} {flip['before']} -> "
                f"{flip['after']} ({flip['direction']})"
            )
    lines.append(f"{len(data['commits'])} commit(s) touched riskcard files")
    return "\n".join(lines) + "\n"


def as_json(report: AuditReport | GitAuditReport) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"


def markdown(report: AuditReport) -> str:
    return render_template("audit.md", data=report.to_json())


def html(report: AuditReport) -> str:
    return render_template("audit.html", data=report.to_json())


def git_markdown(report: GitAuditReport) -> str:
    return render_template("gitaudit.md", data=report.to_json())


def git_html(report: GitAuditReport) -> str:
    return render_template("gitaudit.html", data=report.to_json())


REPORTERS: dict[str, Callable[[AuditReport], str]] = {
    "text": text,
    "json": as_json,
    "markdown": markdown,
    "html": html,
}
GIT_REPORTERS: dict[str, Callable[[GitAuditReport], str]] = {
    "text": git_text,
    "json": as_json,
    "markdown": git_markdown,
    "html": git_html,
}
