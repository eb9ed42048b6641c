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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from riskcard.formats.findings import Finding, Severity
from riskcard.inputs.document import Document, Mark, Path_
from riskcard.inputs.yamlwalk import Stop, Walker, resolve_plain

__all__ = ["DEFAULT_MAX_BYTES", "Document", "Path_", "load_bytes", "load_file", "resolve_plain"]

try:
    from yaml import CSafeLoader as _LibyamlLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    HAVE_LIBYAML = False

DEFAULT_MAX_BYTES = 1024 * 1024
DEFAULT_MAX_DEPTH = 32


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
    walker = Walker(doc, max_depth)
    loader_class = yaml.SafeLoader if pure or not HAVE_LIBYAML else _LibyamlLoader
    loader = None
    try:
        loader = loader_class(text)
        walker.walk(_events(loader))
    except Stop:
        doc.data = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is not None and _is_tab(text, mark.line, mark.column):
            problem = "a tab where YAML expects spaces"
        _syntax(doc, line, column, _problem(problem), syntax_hint(problem))
    except yaml.reader.ReaderError as exc:  # the pure reader has a position, not a mark
        line, column = _position_mark(text, exc.position)
        _syntax(
            doc,
            line,
            column,
            f"character #x{exc.character:04x} is not allowed",
            "remove control characters; use plain UTF-8 text",
        )
    finally:
        if loader is not None:
            loader.dispose()
    return doc


def _is_tab(text: str, line: int, column: int) -> bool:
    lines = text.split("\n")
    return 0 <= line < len(lines) and "\t" in lines[line][: column + 1]


def _problem(problem: str) -> str:
    return problem.replace("<stream end>", "the end of the file").replace("'\\t'", "a tab")


SYNTAX_HINTS = (
    ("a tab", "replace the tab with spaces (YAML indents with spaces only)"),
    (
        "mapping values are not allowed",
        "quote a value that holds ': ', or indent this key under its parent",
    ),
    ("could not find expected ':'", "write `key: value` with a space after ':', or quote the text"),
    ("expected <block end>", "line this entry up with the ones before it (same indentation)"),
    ("expected ',' or ']'", "close the list with ']' or separate its items with ','"),
    ("expected ',' or '}'", "close the mapping with '}' or separate its entries with ','"),
    ("found unexpected end of stream", "close the quote or bracket opened earlier"),
    ("while scanning a quoted scalar", "close the quote opened earlier"),
    ("found character", "quote the value (put it in double quotes)"),
)
"""A fix for each kind of YAML syntax error PyYAML reports, matched on its problem text."""


def syntax_hint(problem: str) -> str:
    """How to fix a YAML syntax error, in words."""
    for marker, hint in SYNTAX_HINTS:
        if marker in problem:
            return hint
    return "check the indentation and quoting of this line and the one before it"


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


def _syntax(doc: Document, line: int, column: int, problem: str, hint: str) -> None:
    """The file is not YAML: a located `yaml.syntax` finding, and no data."""
    doc.findings.append(
        Finding(
            doc.path, line, column, "yaml.syntax", Severity.ERROR, f"invalid YAML: {problem}", hint
        )
    )
    doc.data = None
