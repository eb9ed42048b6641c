"""The Jinja2 environment: HTML templates autoescape and link through `link`; Markdown
templates escape every value from data with `md`, `code` or `md_link` (renderers/escape)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from riskcard.renderers.escape import code, html_link, md, md_link

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
    return env


def render_template(name: str, **context: Any) -> str:
    return str(environment().get_template(name).render(**context))
