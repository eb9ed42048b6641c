"""What a schema error means, in words: pydantic's error types -> a message and a fix.

Nothing of pydantic's own wording (regexes, "Input should", class and Python type names)
reaches a user; every kind of error gets a sentence that says what is wrong and how to fix
it, with "did you mean" where the allowed values form a closed list.
"""

from __future__ import annotations

import re
from typing import Any

from riskcard.formats.suggest import closest

_SLUG_TEXT = "lowercase letters, digits, '-', '_' or '.', starting with a letter or digit"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_MODEL_ID = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9._-]*$")
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")

TYPE_WORDS = {
    "string_type": "text",
    "str_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "date_type": 'a date written "YYYY-MM-DD"',
    "list_type": "a list (lines starting with `- `)",
    "dict_type": "a mapping of `key: value` lines",
    "model_type": "a mapping of `key: value` lines",
    "model_attributes_type": "a mapping of `key: value` lines",
}
"""What a value of each type looks like in YAML, for `must be ...`."""

TYPE_KINDS = frozenset(TYPE_WORDS)


def slugify(text: str) -> str:
    """The id a human-written name most likely means: `High` -> `high`, `Bio Risk` -> `bio-risk`."""
    lowered = re.sub(r"[^a-z0-9_.-]+", "-", text.strip().lower()).strip("-")
    return lowered if _SLUG.fullmatch(lowered) else ""


def written(value: Any) -> str:
    """A value as it would be written in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def show(value: Any) -> str:
    """A short, safe description of what was found."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return written(value)
    if value is None:
        return "nothing"
    if isinstance(value, int | float):
        return f"the number {value}"
    text = repr(str(value))
    return text if len(text) <= 60 else text[:57] + "..."


def words(kind: str, err: dict[str, Any], field: str, data: Any) -> tuple[str, str]:
    """(what is wrong, how to fix it) for one pydantic error on `field`."""
    value = err.get("input")
    ctx = err.get("ctx") or {}
    last = field.rsplit(".", 1)[-1]
    if kind == "string_pattern_mismatch":
        return _pattern(str(ctx.get("pattern", "")), str(value), field, data)
    if kind == "literal_error":
        allowed = _QUOTED.findall(str(ctx.get("expected", ""))) or [
            a.strip() for a in str(ctx.get("expected", "")).split(" or ")
        ]
        return _one_of(allowed, value, last)
    if kind == "bool_type":
        return "must be true or false", f"use true or false (no quotes), e.g. `{last}: true`"
    if kind in ("string_type", "str_type") and isinstance(value, int | float | bool):
        return (
            f"must be text; YAML read {written(value)} as a "
            + ("true/false value" if isinstance(value, bool) else "number"),
            f'quote it: "{written(value)}"',
        )
    if kind == "date_type":
        return (
            'must be a date written "YYYY-MM-DD"',
            f'write it in quotes, e.g. `{last}: "2025-01-31"`',
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be {TYPE_WORDS[kind]}", _mapping_hint(field)
    if kind in TYPE_WORDS:
        return f"must be {TYPE_WORDS[kind]}", f"write {TYPE_WORDS[kind]} here"
    if kind in ("string_too_short", "too_short"):
        least = ctx.get("min_length", 1)
        thing = "character" if kind == "string_too_short" else "entry"
        return f"needs at least {least} {thing}(s)", f"fill in `{last}`"
    if kind in ("string_too_long", "too_long"):
        most = ctx.get("max_length")
        thing = "characters" if kind == "string_too_long" else "entries"
        return f"has more than {most} {thing}", f"shorten `{last}` to {most} {thing} or fewer"
    for op, text in (("greater_than", ">"), ("less_than", "<")):
        if kind.startswith(op):
            bound = next(iter(ctx.values()), "")
            sign = text + ("=" if kind.endswith("_equal") else "")
            return f"must be {sign} {bound}", f"write a number {sign} {bound}"
    if kind == "value_error":
        message = str(err.get("msg", "")).removeprefix("Value error, ")
        return message, f"correct `{last}`"
    return "is not a value this field takes", f"compare `{last}` with a bundled scorecard"


def _pattern(pattern: str, value: str, field: str, data: Any) -> tuple[str, str]:
    last = field.rsplit(".", 1)[-1]
    if "/" in pattern:  # a model id
        if "/" not in value:
            developer = slugify(str(_developer(data))) or "developer"
            guess = f"{developer}/{slugify(value) or 'model'}"
            return (
                "a model id is `developer/model`, and this one has no developer",
                f"did you mean '{guess}'?",
            )
        guess = "/".join(slugify(part) for part in value.split("/", 1))
        hint = (
            f"did you mean '{guess}'?"
            if _MODEL_ID.fullmatch(guess)
            else "write `developer/model` in lowercase letters, digits and '-', e.g. openai/o3-mini"
        )
        return "a model id is `developer/model` in lowercase, e.g. openai/o3-mini", hint
    if "://" in pattern:
        return (
            "must be a web address such as https://example.org/page",
            "write the full https:// address",
        )
    if pattern == r"\S":
        return "must not be blank", f"write something in `{last}`"
    if "{64}" in pattern:
        return (
            "must be the 64 lowercase hexadecimal digits of a SHA-256",
            "copy the output of `sha256sum`",
        )
    guess = slugify(value)
    hint = f"did you mean '{guess}'?" if guess and guess != value else f"write {_SLUG_TEXT}"
    return f"an id is written in {_SLUG_TEXT}", hint


def _developer(data: Any) -> object:
    model = data.get("model") if isinstance(data, dict) else None
    return model.get("developer", "") if isinstance(model, dict) else ""


def _one_of(allowed: list[str], value: Any, last: str) -> tuple[str, str]:
    listing = ", ".join(allowed)
    must = f"must be '{allowed[0]}'" if len(allowed) == 1 else f"must be one of: {listing}"
    if isinstance(value, str) and value in allowed:
        return f"must be the number {value}, not text", f"write `{last}: {value}` without quotes"
    if isinstance(value, str):
        close = closest(value.lower(), allowed) or closest(value, allowed)
        if close:
            return must, f"did you mean '{close}'?"
    elif isinstance(value, int | float) and str(value) in allowed:
        return must, f"write `{last}: {value}`"
    return must, f"write one of: {listing}"


def _mapping_hint(field: str) -> str:
    parts = field.split(".")
    if len(parts) >= 2 and parts[-2] == "ratings":
        return (
            "write the rating as a mapping, e.g. `level: high` (or `pre:` and `post:`) "
            "with `cite: {source: card, locator: p. 3}` under the category"
        )
    if parts[-1] in ("cite",):
        return "write `cite: {source: <source id>, locator: <page or section>}`"
    return "write `key: value` lines indented under it"
