"""Reporters for `riskcard comply`: the requirement table in every output format."""

from __future__ import annotations

import json
from collections.abc import Callable

from riskcard.analysis.comply import ComplianceResult
from riskcard.analysis.comply_diff import Change
from riskcard.formats.findings import Finding, Severity
from riskcard.renderers.ci import RuleDoc, github, junit, sarif
from riskcard.renderers.templating import render_template

CSP = "default-src 'none'; style-src 'unsafe-inline'"


def web_link(url: str | None) -> str:
    """The URL when it is http(s), else nothing: data never becomes another kind of link."""
    if url and url.split(":", 1)[0].casefold() in ("http", "https") and "://" in url:
        return url
    return ""


def plain(text: object) -> str:
    """One line of terminal text: control characters never reach the terminal."""
    return "".join(ch if ch.isprintable() else " " for ch in str(text))


def _title(result: ComplianceResult) -> str:
    f, law = result.framework, result.law
    return f"{f['id']}@{f['version']} under {law['id']}@{law['version']}"


def text(result: ComplianceResult) -> str:
    counts = ", ".join(f"{n} {status}" for status, n in result.counts().items())
    lines = [plain(f"{_title(result)}: {counts}"), plain(f"  law: {result.law['title']}")]
    if result.kind == "document":
        what = f"{result.framework['title']}, complements {result.framework['complements']}"
        lines.append(plain(f"  compliance document: {what}"))
    for row in result.rows:
        where = f" [{row.locator}]" if row.locator else ""
        lines.append(plain(f"  {row.status:14} {row.id:26} {row.section}{where}"))
        if row.quote:
            lines.append(plain(f"                 “{row.quote}”"))
        if row.reason:
            lines.append(plain(f"                 {row.reason}"))
    if result.risks:
        lines.append("  specified risks:")
        for risk in result.risks:
            cats = ", ".join(risk.categories) or "none"
            lines.append(plain(f"  {risk.status:14} {risk.risk:26} categories: {cats}"))
    for note in result.notes:
        lines.append(plain(f"  note: {note}"))
    return "\n".join(lines) + "\n"


def as_json(result: ComplianceResult) -> str:
    return json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"


def markdown(result: ComplianceResult) -> str:
    return render_template("comply.md", data=result.to_json(), title=_title(result))


def html(result: ComplianceResult) -> str:
    return render_template(
        "comply.html", data=result.to_json(), title=_title(result), link=web_link, csp=CSP
    )


def findings(result: ComplianceResult) -> list[Finding]:
    """One finding per requirement that is not met (partial is a warning)."""
    path = result.map_origin or f"{result.law['id']}@{result.law['version']}"
    found = []
    for row in result.rows:
        if row.status in ("met", "not_applicable", "not_due"):
            continue
        severity = Severity.WARNING if row.status == "partial" else Severity.ERROR
        message = f"{row.id} ({row.section}) is {row.status}" + (
            f": {row.reason}" if row.reason else ""
        )
        found.append(
            Finding(path, 1, 1, f"comply.{row.status}", severity, message, "see the compliance map")
        )
    return found


RULES = {
    f"comply.{status}": RuleDoc(f"comply.{status}", text_, text_, text_)
    for status, text_ in {
        "partial": "The framework meets the requirement only in part.",
        "absent": "The framework does not meet the requirement.",
        "missed": "A computed deadline was missed.",
        "unverified": "The framework text was not checked for the requirement.",
        "unknown": "The data needed to decide is not public or not recorded.",
    }.items()
}


def as_sarif(result: ComplianceResult) -> str:
    return sarif(findings(result), RULES)


def as_junit(result: ComplianceResult) -> str:
    cases = []
    for row in result.rows:
        problems = [f for f in findings(result) if f.message.startswith(f"{row.id} (")]
        cases.append((f"riskcard.comply.{result.law['id']}", row.id, problems))
    return junit([(_title(result), cases)])


REPORTERS: dict[str, Callable[[ComplianceResult], str]] = {
    "text": text,
    "markdown": markdown,
    "html": html,
    "json": as_json,
    "sarif": as_sarif,
    "junit": as_junit,
    "github": lambda result: github(findings(result)),
}


def diff_text(old: ComplianceResult, new: ComplianceResult, changes: list[Change]) -> str:
    lines = [plain(f"{_title(old)} -> {new.framework['id']}@{new.framework['version']}")]
    dropped = sum(c.direction == "dropped" for c in changes)
    lines.append(f"  {dropped} dropped, {len(changes) - dropped} other change(s)")
    for change in changes:
        lines.append(
            plain(
                f"  {change.direction:8} {change.kind:12} {change.id}: {change.old} -> {change.new}"
            )
        )
    return "\n".join(lines) + "\n"


def diff_json(old: ComplianceResult, new: ComplianceResult, changes: list[Change]) -> str:
    data = {
        "kind": "compliance-diff",
        "law": old.law,
        "from": old.framework,
        "to": new.framework,
        "changes": [change.__dict__ for change in changes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
