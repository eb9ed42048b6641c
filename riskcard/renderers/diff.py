"""Reporters for framework diffs."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from riskcard.renderers.escape import visible
from riskcard.renderers.templating import render_template
from riskcard.results.diff import DiffReport


def _profile_text(example: dict[str, Any]) -> str:
    parts = []
    for category, stages in example["ratings"].items():
        parts.append(f"{category} " + "/".join(stages.values()))
    for metric, value in example["metrics"].items():
        parts.append(f"{metric}={value:g}")
    attested = ", ".join(example["attested"]) or "no safeguard"
    return f"{'; '.join(parts)}; attested: {attested}"


def text(report: DiffReport) -> str:
    """Plain text: every value from data through `visible`."""
    data = report.to_json()
    v = visible
    old, new = data["from"], data["to"]
    profiles = data["profiles"]
    lines = [
        f"{data['verdict'].upper()}: {v(old['id'])}@{v(old['version'])} -> "
        f"{v(new['id'])}@{v(new['version'])}",
        f"  {profiles['total']} rating profiles judged under both ({v(data['route'])}): "
        f"{profiles['looser']} looser, {profiles['stricter']} stricter"
        + (f" ({profiles['both']} counted in both)" if profiles["both"] else ""),
    ]
    if data["quantified"]:
        lines.append(
            "  categories new in the target, judged at every level: "
            + v(", ".join(data["quantified"]))
        )
    for change in data["changes"]:
        lines.append(f"  {change['direction']:8} {change['kind']}: {v(change['detail'])}")
        if "example" in change:
            lines.append(f"           smallest example: {v(_profile_text(change['example']))}")
    return "\n".join(lines) + "\n"


def as_json(report: DiffReport) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"


def markdown(report: DiffReport) -> str:
    return render_template("diff.md", data=report.to_json(), profile=_profile_text)


def html(report: DiffReport) -> str:
    return render_template("diff.html", data=report.to_json(), profile=_profile_text)


REPORTERS: dict[str, Callable[[DiffReport], str]] = {
    "text": text,
    "json": as_json,
    "markdown": markdown,
    "html": html,
}
