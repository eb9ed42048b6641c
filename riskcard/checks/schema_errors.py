"""Turn pydantic validation errors into located findings."""

from __future__ import annotations

import dataclasses
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError

from riskcard.checks.schema_words import TYPE_KINDS, show, words
from riskcard.formats.findings import Finding, Severity
from riskcard.formats.suggest import closest
from riskcard.inputs.loader import Document, Path_

M = TypeVar("M", bound=BaseModel)


def validate_model(doc: Document, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate a loaded document against a model; every error becomes a finding.

    Errors on one field from the branches of a union (a list or `all`) become one finding.
    """
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        findings: dict[tuple[Path_, Path_], Finding] = {}
        for err in exc.errors(include_url=False):
            loc = _strip_tags(model, tuple(err["loc"]))
            key = _data_path(doc.data, loc)
            finding = _finding(doc, model, err, *key)
            if key in findings:
                finding = _either(findings[key], finding)
            findings[key] = finding
        return None, list(findings.values())


def _either(first: Finding, second: Finding) -> Finding:
    """One finding for a field whose value fits none of a union's forms."""
    head, _, one = first.message.partition(": ")
    _, _, other = second.message.partition(": ")
    return dataclasses.replace(
        first,
        message=f"{head}: {one.split(' (got ')[0]}, or {other}",
        hint=second.hint if "did you mean" in second.hint else first.hint,
    )


def _finding(doc: Document, model: type[BaseModel], err: Any, path: Path_, extra: Path_) -> Finding:
    kind = err["type"]
    value = err.get("input")
    field = ".".join(str(p) for p in (*path, *extra)) or "(top level)"
    if kind == "missing":
        line, column = doc.locate(path)
        name = extra[-1] if extra else field
        return Finding(
            doc.path,
            line,
            column,
            "schema.missing",
            Severity.ERROR,
            f"missing required field '{name}' in {_where(path)}",
            _missing_hint(str(name)),
        )
    if kind == "extra_forbidden":
        line, column = doc.locate(path, key=True)
        name = str(path[-1]) if path else field
        known = _known_fields(model, path[:-1])
        close = closest(name, known)
        hint = (
            f"did you mean '{close}'?"
            if close
            else (f"allowed here: {', '.join(sorted(known))}" if known else "remove it")
        )
        return Finding(
            doc.path,
            line,
            column,
            "schema.unknown-field",
            Severity.ERROR,
            f"unknown field '{name}' in {_where(path[:-1])}",
            hint,
        )
    line, column = doc.locate(path)
    if (
        path
        and path[-1] == "version"
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and model.__name__ == "Scorecard"
    ):
        return Finding(
            doc.path,
            line,
            column,
            "scorecard.unquoted-version",
            Severity.ERROR,
            f"{field}: the version {value} is written without quotes, so YAML reads a number",
            f'quote it: "{value}"',
        )
    rule = "schema.type" if kind in TYPE_KINDS else "schema.value"
    what, hint = words(kind, err, field, doc.data)
    return Finding(
        doc.path, line, column, rule, Severity.ERROR, f"{field}: {what} (got {show(value)})", hint
    )


MISSING_HINTS = {
    "cite": "add `cite: {source: <source id>, locator: <page or section>}`",
    "sources": "add `sources:` with `- id: card`, `title:` and an https `url:`",
    "assessed": 'add `assessed: "YYYY-MM-DD"` (the system card\'s publication date)',
    "framework": 'add `framework: {id: <framework id>, version: "<version>"}` '
    "(`riskcard frameworks` lists them)",
    "format_version": "add `format_version: 1`",
}


def _missing_hint(name: str) -> str:
    return MISSING_HINTS.get(name, f"add `{name}:`")


def _strip_tags(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop the tags pydantic puts into a location inside a discriminated union.

    A rating tagged `level` has a field `level` too, so tags cannot be told from fields by
    looking at the data: the models say where a tag stands.
    """
    kept: list[Any] = []
    annotation: Any = model
    for step in loc:
        annotation = _unwrap(annotation)
        tags = _tags(annotation)
        if tags is not None and step in tags:
            annotation = tags[step]
            continue
        kept.append(step)
        annotation = _child(annotation, step)
    return tuple(kept)


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _tags(annotation: Any) -> dict[str, Any] | None:
    if get_origin(annotation) not in (Union, UnionType):
        return None
    found = {}
    for arg in get_args(annotation):
        if get_origin(arg) is Annotated:
            for meta in arg.__metadata__:
                if isinstance(meta, Tag):
                    found[meta.tag] = get_args(arg)[0]
    return found or None


def _child(annotation: Any, step: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            if step in (name, info.alias):
                return info.annotation
        return None
    origin = get_origin(annotation)
    if origin is dict:
        return get_args(annotation)[1]
    if origin is list:
        return get_args(annotation)[0]
    if origin in (Union, UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        return _child(_unwrap(members[0]), step) if len(members) == 1 else None
    return None


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Path_, Path_]:
    """Split a pydantic location into the part present in the data and the rest.

    Union tags and model names that pydantic puts into locations are skipped.
    """
    path: list[str | int] = []
    node = data
    rest = list(loc)
    while rest:
        step = rest.pop(0)
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        ):
            path.append(step)
            node = node[step]
        elif not isinstance(step, int) and (rest or not isinstance(node, dict)):
            continue  # the name of a union's member, such as 'list[constrained-str]'
        else:
            return tuple(path), (step,)
    return tuple(path), ()


def _known_fields(model: type[BaseModel], path: Path_) -> list[str]:
    current: Any = model
    for step in path:
        if isinstance(step, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or step not in fields:
            return []
        current = _inner_model(fields[step].annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return [f.alias or name for name, f in fields.items()] if fields else []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _where(path: Path_) -> str:
    return "'" + ".".join(str(p) for p in path) + "'" if path else "the top level"
