"""Build plain values from PyYAML's event stream under riskcard's strict reading of YAML.

Numbers are numbers only when reading them loses nothing, YAML 1.1 words stay
text, and anchors, aliases, merge keys, non-core tags, duplicate keys,
non-string keys and several documents stop the walk with a located finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from riskcard.formats.findings import Finding, Severity
from riskcard.inputs.document import Document, Mark, Path_

_CORE = "tag:yaml.org,2002:"
_CORE_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_INT = re.compile(r"-?[0-9]+")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
MAX_DIGITS = 300
"""A longer run of digits stays text: every number riskcard reads must survive float()
(about 1.8e308) and Python's int-from-text limit (4,300 digits)."""
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


class Stop(Exception):
    """Raised inside the walk when a finding makes the rest of the file meaningless."""


def resolve_plain(text: str) -> Any:
    """Resolve an untagged plain scalar the way riskcard reads YAML (a strict core schema)."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if len(text) > MAX_DIGITS:
        return text
    if _INT.fullmatch(text):
        number = int(text)
        return number if str(number) == text else text
    if _FLOAT.fullmatch(text):
        real = float(text)
        return real if repr(real) == text else text
    return text


class Walker:
    """Builds plain values from parser events and records findings and positions."""

    def __init__(self, doc: Document, max_depth: int) -> None:
        self.doc = doc
        self.max_depth = max_depth

    def error(self, event: yaml.Event, rule: str, message: str, hint: str) -> None:
        line, column = _mark(event)
        self.doc.findings.append(
            Finding(self.doc.path, line, column, rule, Severity.ERROR, message, hint)
        )

    def walk(self, events: Iterator[yaml.Event]) -> None:
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.error(
                        event,
                        "yaml.multiple-documents",
                        "the file holds more than one YAML document",
                        "keep one scorecard or framework per file",
                    )
                    raise Stop
                continue
            if isinstance(event, yaml.NodeEvent):
                self.doc.data = self.node(event, events, (), 1)
        if documents == 0 or self.doc.data is None:
            if not self.doc.findings:
                self.doc.findings.append(
                    Finding(
                        self.doc.path,
                        1,
                        1,
                        "yaml.empty",
                        Severity.ERROR,
                        "the file is empty",
                        "write a YAML mapping",
                    )
                )
            raise Stop
        if not isinstance(self.doc.data, dict):
            line, column = self.doc.marks.get((), (1, 1))
            self.doc.findings.append(
                Finding(
                    self.doc.path,
                    line,
                    column,
                    "yaml.not-mapping",
                    Severity.ERROR,
                    f"the top level is {_kind(self.doc.data)}, not a mapping",
                    "start the file with `key: value` lines",
                )
            )
            raise Stop

    def node(self, event: yaml.Event, events: Iterator[yaml.Event], path: Path_, depth: int) -> Any:
        if isinstance(event, yaml.AliasEvent):
            self.error(
                event,
                "yaml.alias",
                f"alias *{event.anchor} is not allowed",
                "write the value out in full; riskcard files do not use aliases",
            )
            raise Stop
        assert isinstance(event, yaml.NodeEvent)
        if event.anchor is not None:
            self.error(
                event,
                "yaml.anchor",
                f"anchor &{event.anchor} is not allowed",
                "remove the anchor; riskcard files do not share values",
            )
            raise Stop
        if depth > self.max_depth:
            self.error(
                event,
                "yaml.too-deep",
                f"nesting is deeper than {self.max_depth} levels",
                "flatten the structure",
            )
            raise Stop
        self.doc.marks[path] = _mark(event)
        tag: str | None = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _CORE_TAGS:
            self.error(
                event,
                "yaml.tag",
                f"tag {tag} is not allowed",
                "remove the tag; only plain YAML values are read",
            )
            raise Stop
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(events, path, depth)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(events, path, depth)
        raise AssertionError(f"unexpected YAML event {event!r}")  # pragma: no cover

    def scalar(self, event: yaml.ScalarEvent, path: Path_) -> Any:
        tag = event.tag
        if event.style or tag == "!" or tag == _CORE + "str":
            return event.value
        self.doc.plain.add(path)
        value = resolve_plain(event.value)
        if tag is None:
            return value
        wanted = {"int": int, "float": float, "bool": bool, "null": type(None)}.get(
            tag[len(_CORE) :]
        )
        if wanted is None or type(value) is not wanted:
            self.error(
                event, "yaml.tag", f"{event.value!r} does not fit the tag {tag}", "remove the tag"
            )
            raise Stop
        return value

    def sequence(self, events: Iterator[yaml.Event], path: Path_, depth: int) -> list[Any]:
        items: list[Any] = []
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            items.append(self.node(event, events, (*path, len(items)), depth + 1))
        raise Stop  # pragma: no cover - the parser always closes what it opens

    def mapping(self, events: Iterator[yaml.Event], path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for event in events:
            if isinstance(event, yaml.MappingEndEvent):
                return result
            key = self.key(event, path)
            key_path = (*path, key)
            key_mark = _mark(event)
            if key in result:
                first = self.doc.key_marks[key_path]
                self.error(
                    event,
                    "yaml.duplicate-key",
                    f"duplicate key {key!r} (first defined at line {first[0]}, column {first[1]})",
                    "remove one of the two entries",
                )
                raise Stop
            self.doc.key_marks[key_path] = key_mark
            result[key] = self.node(next(events), events, key_path, depth + 1)
        raise Stop  # pragma: no cover

    def key(self, event: yaml.Event, path: Path_) -> str:
        if not isinstance(event, yaml.ScalarEvent):
            if isinstance(event, yaml.AliasEvent):
                self.error(
                    event,
                    "yaml.alias",
                    f"alias *{event.anchor} is not allowed",
                    "write the key out in full",
                )
            else:
                self.error(
                    event,
                    "yaml.non-string-key",
                    "a mapping key must be text",
                    "use a plain word as the key",
                )
            raise Stop
        if event.anchor is not None:
            self.error(
                event, "yaml.anchor", f"anchor &{event.anchor} is not allowed", "remove the anchor"
            )
            raise Stop
        if not event.style and event.value == "<<" and event.tag is None:
            self.error(
                event,
                "yaml.merge-key",
                "merge keys (<<) are not allowed",
                "write the merged entries out in full",
            )
            raise Stop
        if event.tag not in (None, "!", _CORE + "str"):
            self.error(
                event, "yaml.tag", f"tag {event.tag} is not allowed on a key", "remove the tag"
            )
            raise Stop
        value = event.value if event.style or event.tag else resolve_plain(event.value)
        if not isinstance(value, str):
            self.error(
                event,
                "yaml.non-string-key",
                f"the key {event.value!r} is read as {_kind(value)}, not text",
                f'quote it ("{event.value}") or use a word',
            )
            raise Stop
        return value


def _mark(event: yaml.Event) -> Mark:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", str: "text"}.get(
        type(value), type(value).__name__
    )
