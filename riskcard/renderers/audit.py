"""Reporters for `riskcard audit` (collection) and `riskcard audit --git` (history)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from riskcard.renderers.templating import render_template


def _ref(ref: dict[str, str]) -> str:
    return f"{ref['id']}@{ref['version']}"


def text(data: dict[str, Any]) -> str:
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


def git_text(data: dict[str, Any]) -> str:
    lines = []
    for commit in data["commits"]:
        lines.append(
            f"{commit['sha'][:12]} {commit['date']} {commit['author']}: {commit['message']}"
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
    if "summary" in data:
        s = data["summary"]
        lines.append(
            f"summary: {s['commits']} commit(s) walked, {s['invalid']} invalid state(s), "
            f"{s['loosening']} loosening and {s['tightening']} tightening commit(s), "
            f"{s['flips']} flip(s)"
        )
    return "\n".join(lines) + "\n"


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def markdown(data: dict[str, Any]) -> str:
    return render_template("audit.md", data=data)


def html(data: dict[str, Any]) -> str:
    return render_template("audit.html", data=data)


def git_markdown(data: dict[str, Any]) -> str:
    return render_template("gitaudit.md", data=data)


def git_html(data: dict[str, Any]) -> str:
    return render_template("gitaudit.html", data=data)


REPORTERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "text": text,
    "json": as_json,
    "markdown": markdown,
    "html": html,
}
GIT_REPORTERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "text": git_text,
    "json": as_json,
    "markdown": git_markdown,
    "html": git_html,
}
