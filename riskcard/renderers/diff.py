"""Reporters for framework diffs."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from riskcard.analysis.diff import DiffResult, diff_dict
from riskcard.renderers.templating import render_template


def _profile_text(example: dict[str, Any]) -> str:
    parts = []
    for category, stages in example["ratings"].items():
        parts.append(f"{category} " + "/".join(stages.values()))
    for metric, value in example["metrics"].items():
        parts.append(f"{metric}={value:g}")
    attested = ", ".join(example["attested"]) or "no safeguard"
    return f"{'; '.join(parts)}; attested: {attested}"


def text(result: DiffResult) -> str:
    data = diff_dict(result)
    old, new = data["from"], data["to"]
    profiles = data["profiles"]
    lines = [
        f"{data['verdict'].upper()}: {old['id']}@{old['version']} -> {new['id']}@{new['version']}",
        f"  {profiles['total']} rating profiles judged under both ({data['route']}): "
        f"{profiles['looser']} looser, {profiles['stricter']} stricter"
        + (f" ({profiles['both']} counted in both)" if profiles["both"] else ""),
    ]
    if data["quantified"]:
        lines.append(
            "  categories new in the target, judged at every level: "
            + ", ".join(data["quantified"])
        )
    for change in data["changes"]:
        lines.append(f"  {change['direction']:8} {change['kind']}: {change['detail']}")
        if "example" in change:
            lines.append(f"           smallest example: {_profile_text(change['example'])}")
    return "\n".join(lines) + "\n"


def as_json(result: DiffResult) -> str:
    return json.dumps(diff_dict(result), indent=2, ensure_ascii=False) + "\n"


def markdown(result: DiffResult) -> str:
    return render_template("diff.md", data=diff_dict(result), profile=_profile_text)


def html(result: DiffResult) -> str:
    return render_template("diff.html", data=diff_dict(result), profile=_profile_text)


REPORTERS: dict[str, Callable[[DiffResult], str]] = {
    "text": text,
    "json": as_json,
    "markdown": markdown,
    "html": html,
}
