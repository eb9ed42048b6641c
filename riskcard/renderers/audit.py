"""Reporters for `riskcard audit` (collection) and `riskcard audit --git` (history)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from riskcard.renderers.conduct import text as conduct_text
from riskcard.renderers.escape import lead, lead_path, visible
from riskcard.renderers.templating import render_template
from riskcard.results.audit import AuditReport, GitAuditReport


def _ref(ref: dict[str, str]) -> str:
    return f"{visible(ref['id'])}@{visible(ref['version'])}"


def text(report: AuditReport) -> str:
    """Plain text: every value from data through `visible`, and `lead` where one begins a
    line."""
    data = report.to_json()
    v = visible
    lines = ["Framework timeline:"]
    for f in data["frameworks"]:
        verdict = f" — {f['verdict']} against {v(f['against'])}" if f["verdict"] else " — first"
        lines.append(f"  {f['effective']} {v(f['id'])}@{v(f['version'])}{verdict}")
    lines += flip_lines(data["flips"])
    lines.append("Rating history:")
    for h in data["history"]:
        if len(h["assessments"]) < 2 and not h["retrospectives"]:
            continue
        lines.append(f"  {lead(h['model'])}:")
        for a in h["assessments"]:
            changes = ", ".join(
                f"{v(c['category'])} {v(c['from'])}->{v(c['to'])}"
                + (" [FLAG: " + v(c["reason"]) + "]" if c["flag"] else "")
                for c in a["changes"]
            )
            lines.append(
                f"    {a['assessed']} {_ref(a['framework'])}" + (f": {changes}" if changes else "")
            )
        for r in h["retrospectives"]:
            lines.append(f"    retrospective {r['date']} ({v(r['category'])}): {v(r['text'])}")
    lines.append("Conduct ledger:")
    lines += conduct_text(report.conduct).splitlines()
    return "\n".join(lines) + "\n"


def flip_lines(flips: list[dict[str, Any]]) -> list[str]:
    """Flips grouped by model and framework family, each flip once: the later versions that
    give the same move are listed together, with the rules (and categories) behind it."""
    v = visible
    groups: dict[tuple[str, str], dict[tuple[Any, ...], list[dict[str, Any]]]] = {}
    for flip in flips:
        same = (
            flip["assessed"],
            flip["from"]["id"],
            flip["from"]["version"],
            flip["decision"],
            flip["before"],
            flip["after"],
            flip["direction"],
            tuple(flip.get("causes", [])),
        )
        groups.setdefault((flip["model"], flip["to"]["id"]), {}).setdefault(same, []).append(flip)
    distinct = sum(len(moves) for moves in groups.values())
    lines = [f"Decision flips ({distinct} distinct, {len(flips)} judgements):"]
    for (model, family), moves in groups.items():
        lines.append(f"  {lead(model)} under {v(family)}:")
        for same, found in moves.items():
            first = found[0]
            versions = ", ".join(v(f["to"]["version"]) for f in found)
            causes = "; ".join(v(c) for c in same[-1]) or "the same rules on both sides"
            lines.append(
                f"    {first['decision']} {first['before']} -> {first['after']} "
                f"({first['direction']}), assessed {first['assessed']} under "
                f"{_ref(first['from'])}, judged under {v(family)}@{versions}: {causes}"
            )
    directions = Counter(flip["direction"] for flip in flips)
    models = len({flip["model"] for flip in flips})
    lines.append(
        f"  summary: {distinct} distinct flip(s) over {models} model(s) "
        f"({len(flips)} judgements: {directions.get('looser', 0)} looser, "
        f"{directions.get('stricter', 0)} stricter)"
    )
    return lines


def git_text(report: GitAuditReport) -> str:
    """Plain text of a history audit, escaped as `text`."""
    data = report.to_json()
    v = visible
    lines = []
    for commit in data["commits"]:
        lines.append(
            f"{lead(commit['sha'][:12])} {v(commit['date'])} {v(commit['author'])}: "
            f"{v(commit['message'])}"
        )
        if not commit.get("valid", True):
            lines.append(
                f"  invalid: {len(commit['findings'])} error(s); nothing judged at this commit"
            )
            for f in commit["findings"]:
                lines.append(
                    f"    {f['path']}:{f['line']}:{f['column']}: {f['rule']} {f['message']}"
                )
        for change in commit["changes"]:
            detail = v(change["change"])
            if change["kind"] == "framework":
                detail += f" {v(change.get('framework', ''))}"
                if change.get("verdict"):
                    detail += f" — {v(change['verdict'])}"
            for rating in change.get("ratings", []):
                detail += (
                    f"; {v(rating['category'])} {v(rating['from'])} -> {v(rating['to'])} "
                    f"({v(rating['change'])})"
                )
            lines.append(f"  {lead_path(change['path'])}: {detail}")
            for line in change.get("structural", []):
                lines.append(f"    {lead(line)}")
        for flip in commit["flips"]:
            lines.append(
                f"  flip: {v(flip['model'])} {flip['decision']} {flip['before']} -> "
                f"{flip['after']} ({flip['direction']})"
            )
    lines.append(f"{len(data['commits'])} commit(s) touched riskcard files")
    if "summary" in data:
        s = data["summary"]
        lines.append(
            f"summary: {s['commits']} commit(s) walked, {s['invalid']} invalid state(s), "
            f"{s['loosening']} loosening and {s['tightening']} tightening commit(s), "
            f"{s['flips']} flip(s)"
        )
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
