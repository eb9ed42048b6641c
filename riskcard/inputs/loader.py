"""Strict YAML loading: bytes -> plain Python values, with the position of every value.

riskcard reads YAML as data, not as a programming language. The loader walks
the parser's event stream itself, so that nothing of YAML 1.1 reaches the
models: ``no``/``yes``/``on``/``off`` stay text, numbers are numbers only when
reading them loses nothing (``1.10``, ``0755`` and ``1e3`` stay text),
``.nan``/``.inf`` are text, and anchors, aliases, merge keys, non-core tags,
duplicate keys, non-string keys and several documents are located findings.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from riskcard.formats.findings import Finding, Severity

try:
    from yaml import CSafeLoader as _LibyamlLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    HAVE_LIBYAML = False

DEFAULT_MAX_BYTES = 1024 * 1024
DEFAULT_MAX_DEPTH = 32

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]

_CORE = "tag:yaml.org,2002:"
_CORE_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_INT = re.compile(r"-?[0-9]+")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass(slots=True)
class Document:
    """A loaded YAML file: its data, where each value stood, and what went wrong."""

    path: str
    data: Any = None
    sha256: str = ""
    findings: list[Finding] = field(default_factory=list)
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)
    plain: set[Path_] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(
            f.severity is Severity.ERROR for f in self.findings
        )

    def locate(self, path: Path_, *, key: bool = False) -> Mark:
        """Best position for a path: the key or value itself, else its nearest parent."""
        table = self.key_marks if key else self.marks
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.marks:
                return self.marks[prefix]
        return (1, 1)


class _Stop(Exception):
    """Raised inside the walk when a finding makes the rest of the file meaningless."""


def resolve_plain(text: str) -> Any:
    """Resolve an untagged plain scalar the way riskcard reads YAML (a strict core schema)."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        number = int(text)
        return number if str(number) == text else text
    if _FLOAT.fullmatch(text):
        real = float(text)
        return real if repr(real) == text else text
    return text


def load_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, pure: bool = False, label: str | None = None
) -> Document:
    """Read and load one file; unreadable files become findings, not exceptions."""
    name = label if label is not None else str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _refuse(
                name,
                "yaml.too-large",
                f"file is {size} bytes; the limit is {max_bytes}",
                "split the file, or raise the limit with --max-bytes",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return _refuse(
            name,
            "input.unreadable",
            f"cannot read file: {exc.strerror or exc}",
            "check the path and its permissions",
        )
    return load_bytes(raw, name, max_bytes=max_bytes, pure=pure)


def load_bytes(
    raw: bytes,
    path: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    pure: bool = False,
) -> Document:
    """Load one YAML document from bytes under riskcard's strict rules."""
    if len(raw) > max_bytes:
        return _refuse(
            path,
            "yaml.too-large",
            f"file is {len(raw)} bytes; the limit is {max_bytes}",
            "split the file, or raise the limit with --max-bytes",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _offset_mark(raw, exc.start)
        return _refuse(
            path,
            "yaml.encoding",
            f"not UTF-8: byte 0x{raw[exc.start]:02x} is invalid",
            "save the file as UTF-8",
            line,
            column,
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = Document(path, sha256=hashlib.sha256(raw).hexdigest())
    walker = _Walker(doc, max_depth)
    loader_class = yaml.SafeLoader if pure or not HAVE_LIBYAML else _LibyamlLoader
    loader = None
    try:
        loader = loader_class(text)
        walker.walk(_events(loader))
    except _Stop:
        doc.data = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        doc.findings.append(
            Finding(
                path,
                line,
                column,
                "yaml.syntax",
                Severity.ERROR,
                f"invalid YAML: {problem.replace('<stream end>', 'the end of the file')}",
                "fix the YAML syntax at this point",
            )
        )
        doc.data = None
    except yaml.reader.ReaderError as exc:  # the pure reader has a position, not a mark
        line, column = _position_mark(text, exc.position)
        doc.findings.append(
            Finding(
                path,
                line,
                column,
                "yaml.syntax",
                Severity.ERROR,
                f"invalid YAML: character #x{exc.character:04x} is not allowed",
                "remove control characters; use plain UTF-8 text",
            )
        )
        doc.data = None
    finally:
        if loader is not None:
            loader.dispose()
    return doc


def _events(loader: Any) -> Iterator[yaml.Event]:
    while loader.check_event():
        yield loader.get_event()


def _refuse(
    path: str, rule: str, message: str, hint: str, line: int = 1, column: int = 1
) -> Document:
    return Document(
        path, findings=[Finding(path, line, column, rule, Severity.ERROR, message, hint)]
    )


def _offset_mark(raw: bytes, offset: int) -> Mark:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    return line, len(before[start:].decode("utf-8", "replace")) + 1


def _position_mark(text: str, position: int) -> Mark:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


class _Walker:
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
                    raise _Stop
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
            raise _Stop
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
            raise _Stop

    def node(self, event: yaml.Event, events: Iterator[yaml.Event], path: Path_, depth: int) -> Any:
        if isinstance(event, yaml.AliasEvent):
            self.error(
                event,
                "yaml.alias",
                f"alias *{event.anchor} is not allowed",
                "write the value out in full; riskcard files do not use aliases",
            )
            raise _Stop
        assert isinstance(event, yaml.NodeEvent)
        if event.anchor is not None:
            self.error(
                event,
                "yaml.anchor",
                f"anchor &{event.anchor} is not allowed",
                "remove the anchor; riskcard files do not share values",
            )
            raise _Stop
        if depth > self.max_depth:
            self.error(
                event,
                "yaml.too-deep",
                f"nesting is deeper than {self.max_depth} levels",
                "flatten the structure",
            )
            raise _Stop
        self.doc.marks[path] = _mark(event)
        tag: str | None = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _CORE_TAGS:
            self.error(
                event,
                "yaml.tag",
                f"tag {tag} is not allowed",
                "remove the tag; only plain YAML values are read",
            )
            raise _Stop
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
            raise _Stop
        return value

    def sequence(self, events: Iterator[yaml.Event], path: Path_, depth: int) -> list[Any]:
        items: list[Any] = []
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            items.append(self.node(event, events, (*path, len(items)), depth + 1))
        raise _Stop  # pragma: no cover - the parser always closes what it opens

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
                raise _Stop
            self.doc.key_marks[key_path] = key_mark
            result[key] = self.node(next(events), events, key_path, depth + 1)
        raise _Stop  # pragma: no cover

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
            raise _Stop
        if event.anchor is not None:
            self.error(
                event, "yaml.anchor", f"anchor &{event.anchor} is not allowed", "remove the anchor"
            )
            raise _Stop
        if not event.style and event.value == "<<" and event.tag is None:
            self.error(
                event,
                "yaml.merge-key",
                "merge keys (<<) are not allowed",
                "write the merged entries out in full",
            )
            raise _Stop
        if event.tag not in (None, "!", _CORE + "str"):
            self.error(
                event, "yaml.tag", f"tag {event.tag} is not allowed on a key", "remove the tag"
            )
            raise _Stop
        value = event.value if event.style or event.tag else resolve_plain(event.value)
        if not isinstance(value, str):
            self.error(
                event,
                "yaml.non-string-key",
                f"the key {event.value!r} is read as {_kind(value)}, not text",
                f'quote it ("{event.value}") or use a word',
            )
            raise _Stop
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
