"""The Jinja2 environment: HTML templates autoescape and link through `link`; Markdown
templates escape every value from data with `md`, `code` or `md_link` (renderers/escape)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from riskcard.formats.vocabulary import DiffVerdict, Direction, Outcome, Status
from riskcard.renderers.escape import code, html_link, md, md_link

STATUS_CLASS: dict[str, str] = {
    Status.ALLOWED: "ok",
    Status.CONTINUE: "ok",
    Status.ALLOWED_WITH_SAFEGUARDS: "guarded",
    Status.CONTINUE_WITH_SAFEGUARDS: "guarded",
    Status.BLOCKED: "bad",
    Status.HALT: "bad",
    Status.UNDETERMINED: "unknown",
    DiffVerdict.LOOSENING: "bad",
    DiffVerdict.TIGHTENING: "ok",
    DiffVerdict.MIXED: "guarded",
    DiffVerdict.CHANGED: "guarded",
    DiffVerdict.EQUIVALENT: "unknown",
    DiffVerdict.UNCHANGED: "unknown",
    Direction.LOOSER: "bad",
    Direction.STRICTER: "ok",
    Outcome.KEPT: "ok",
    Outcome.BROKEN: "bad",
    Outcome.UNVERIFIABLE: "unknown",
    Outcome.NOT_APPLICABLE: "unknown",
}
"""CSS class per status, verdict, direction and conduct outcome. A waived decision is always
`waived`."""


def decision_class(decision: Any) -> str:
    """CSS class of a decision as the JSON gives it: `waived` beats the status's own class."""
    if decision.get("waived"):
        return "waived"
    if decision.get("met") is False:
        return "bad"
    return STATUS_CLASS.get(str(decision.get("status")), "unknown")


def decision_text(decision: Any, spaced: bool = False) -> str:
    """`allowed (waived: RULE by APPROVER until DATE)`, `critical-security (unmet)`, or the
    status (with spaces for underscores when `spaced`)."""
    text = str(decision.get("status"))
    if spaced:
        text = words(text)
    waived = decision.get("waived") or []
    if waived:
        text += (
            " (waived: "
            + "; ".join(f"{w['rule']} by {w['approver']} until {w['expires']}" for w in waived)
            + ")"
        )
    elif decision.get("met") is False and str(decision.get("status")) not in STATUS_CLASS:
        text += " (unmet)"
    return text


def words(value: Any) -> str:
    return str(value).replace("_", " ")


@lru_cache(maxsize=1)
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("riskcard.renderers", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md
    env.filters["words"] = words
    env.filters["code"] = code
    env.globals["link"] = html_link
    env.globals["md_link"] = md_link
    env.globals["status_class"] = lambda status: STATUS_CLASS.get(str(status), "unknown")
    env.globals["decision_class"] = decision_class
    env.filters["decision"] = decision_text
    return env


def render_template(name: str, **context: Any) -> str:
    return str(environment().get_template(name).render(**context))


def stream_template(name: str, **context: Any) -> Iterator[str]:
    """`render_template` in pieces, so a page of many rows is never held whole."""
    return (str(piece) for piece in environment().get_template(name).generate(**context))
