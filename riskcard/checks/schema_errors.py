"""Turn pydantic validation errors into located findings."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from riskcard.formats.findings import Finding, Severity
from riskcard.formats.suggest import closest
from riskcard.inputs.loader import Document, Path_

M = TypeVar("M", bound=BaseModel)


def validate_model(doc: Document, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate a loaded document against a model; every error becomes a finding."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_finding(doc, model, err) for err in exc.errors(include_url=False)]


def _finding(doc: Document, model: type[BaseModel], err: Any) -> Finding:
    path, extra = _data_path(doc.data, err["loc"])
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
            f"add `{name}:`",
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
    hint = "see the schema in schema/ for the allowed values"
    if kind in ("string_type", "str_type") and isinstance(value, int | float | bool):
        hint = f'quote it: "{_written(value)}" (YAML read it as {type(value).__name__})'
        rule = "schema.type"
    elif kind.endswith("_type") or kind in (
        "model_type",
        "dict_type",
        "list_type",
        "union_tag_invalid",
        "model_attributes_type",
    ):
        rule = "schema.type"
        hint = "check the value's type against the schema"
    else:
        rule = "schema.value"
    message = err["msg"]
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    return Finding(
        doc.path,
        line,
        column,
        rule,
        Severity.ERROR,
        f"{field}: {message} (got {_show(value)})",
        hint,
    )


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
        elif rest and not isinstance(step, int):
            continue  # a union tag such as 'pre_post'
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


def _written(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
