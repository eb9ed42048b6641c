"""The Jinja2 environment: HTML templates autoescape, Markdown templates escape by filter."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

STATUS_CLASS = {
    "allowed": "ok",
    "continue": "ok",
    "allowed_with_safeguards": "guarded",
    "continue_with_safeguards": "guarded",
    "blocked": "bad",
    "halt": "bad",
    "undetermined": "unknown",
    "loosening": "bad",
    "tightening": "ok",
    "mixed": "guarded",
    "unchanged": "unknown",
    "looser": "bad",
    "stricter": "ok",
}


def md(value: Any) -> str:
    """Make any value safe inside a Markdown table cell."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    for raw, safe in (
        ("\\", "\\\\"),
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("|", "\\|"),
        ("`", "\\`"),
        ("*", "\\*"),
        ("_", "\\_"),
        ("[", "\\["),
        ("]", "\\]"),
    ):
        text = text.replace(raw, safe)
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
    env.globals["status_class"] = lambda status: STATUS_CLASS.get(str(status), "unknown")
    return env


def render_template(name: str, **context: Any) -> str:
    return str(environment().get_template(name).render(**context))
