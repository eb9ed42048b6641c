"""The house YAML style of riskcard's data files: the check, and a restyler that fixes it.

Rules (docs/DATA.md "YAML style"), read from PyYAML's own parse so comments stay in place:

- no tab, no trailing space, no `---` or `...` document marker, exactly one newline at the end,
  lines at most 120 characters;
- block collections indent 2 spaces per level, and a list's `-` sits 2 spaces under its key;
- a quoted scalar is double-quoted, never single-quoted; a scalar too long for one line is a folded
  block (`>-`) whose text is indented 2 spaces under its key.

`restyle(text)` rewrites only what breaks a rule (single quotes, lists flush with their key, long
one-line scalars) and never changes a loaded value: `python tests/yaml_style.py --fix FILE...`.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import yaml

MAX_LINE = 120
INDENT = 2


def _unbreakable(line: str) -> bool:
    """A long line that is one word after its key (a URL): folding cannot shorten it."""
    words = line.strip().removeprefix("- ").split(" ")
    if words[0].endswith(":"):
        words = words[1:]
    return len(words) == 1


def _layout_problems(text: str) -> list[str]:
    problems: list[str] = []
    if not text.endswith("\n") or text.endswith("\n\n"):
        problems.append("end: must end with exactly one newline")
    for number, line in enumerate(text.split("\n"), start=1):
        if "\t" in line:
            problems.append(f"{number}: tab (indent with spaces)")
        if line != line.rstrip(" "):
            problems.append(f"{number}: trailing space")
        if line in ("---", "...") or line.startswith(("--- ", "... ")):
            problems.append(f"{number}: document marker (one document per file, no marker)")
        if len(line) > MAX_LINE and not _unbreakable(line):
            problems.append(f"{number}: {len(line)} characters (at most {MAX_LINE}; fold with >-)")
    return problems


def _at(mark: yaml.Mark) -> str:
    return f"{mark.line + 1}:{mark.column + 1}"


def _node_problems(node: yaml.Node, column: int, out: list[str]) -> None:
    """`node` is the value of a key (or a list item) whose own column is `column`."""
    if isinstance(node, yaml.ScalarNode):
        if node.style == "'":
            out.append(f"{_at(node.start_mark)}: single-quoted scalar (use double quotes)")
        if node.style in (">", "|"):
            lines = node.start_mark.buffer[node.start_mark.index :].split("\n", 2)
            first = lines[1] if len(lines) > 1 else ""
            indent = len(first) - len(first.lstrip(" "))
            if first.strip() and indent != column + INDENT:
                out.append(
                    f"{_at(node.start_mark)}: block text indented {indent}, "
                    f"expected {column + INDENT}"
                )
        return
    if node.flow_style:
        return
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            dash = item.start_mark.column - INDENT
            if dash != column + INDENT:
                out.append(
                    f"{_at(item.start_mark)}: '-' at column {dash + 1}, "
                    f"expected {column + INDENT + 1} (indent a list under its key)"
                )
            _node_problems(item, dash, out)
        return
    for key, value in node.value:
        if key.start_mark.column != column + INDENT:
            out.append(
                f"{_at(key.start_mark)}: key at column {key.start_mark.column + 1}, "
                f"expected {column + INDENT + 1}"
            )
        _node_problems(value, key.start_mark.column, out)


def style_problems(text: str) -> list[str]:
    """Every departure of one data file's text from the house style, as `line[:column]: what`."""
    problems = _layout_problems(text)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return [*problems, f"does not parse: {error}"]
    if root is not None:
        _node_problems(root, -INDENT, problems)
    return problems


# --- the restyler -------------------------------------------------------------------------


def _scalars(node: yaml.Node, column: int) -> list[tuple[yaml.ScalarNode, int]]:
    if isinstance(node, yaml.ScalarNode):
        return [(node, column)]
    out: list[tuple[yaml.ScalarNode, int]] = []
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            out += _scalars(item, item.start_mark.column - INDENT)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out += _scalars(value, key.start_mark.column)
    return out


def _flush_sequences(node: yaml.Node, column: int) -> list[yaml.SequenceNode]:
    """Block sequences whose `-` is not 2 columns under their key (outermost first)."""
    if isinstance(node, yaml.SequenceNode) and not node.flow_style:
        if node.value and node.value[0].start_mark.column - INDENT != column + INDENT:
            return [node]
        out: list[yaml.SequenceNode] = []
        for item in node.value:
            out += _flush_sequences(item, item.start_mark.column - INDENT)
        return out
    if isinstance(node, yaml.MappingNode) and not node.flow_style:
        out = []
        for key, value in node.value:
            out += _flush_sequences(value, key.start_mark.column)
        return out
    return []


def _double_quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _foldable(value: str) -> bool:
    return (
        bool(value)
        and value == value.strip(" ")
        and "\n" not in value
        and "\t" not in value
        and "  " not in value
    )


def _folded(value: str, column: int) -> str:
    pad = " " * (column + INDENT)
    lines = textwrap.wrap(
        value,
        width=MAX_LINE,
        initial_indent=pad,
        subsequent_indent=pad,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return ">-\n" + "\n".join(lines)


def _edit_once(text: str) -> str | None:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return None
    flush = _flush_sequences(root, -INDENT)
    if flush:
        lines = text.split("\n")
        seq = flush[0]
        last = seq.value[-1].end_mark
        stop = last.line if last.column == 0 else last.line + 1
        for i in range(seq.start_mark.line, stop):
            if lines[i].strip():
                lines[i] = " " * INDENT + lines[i]
        return "\n".join(lines)
    long_lines = {
        i
        for i, line in enumerate(text.split("\n"))
        if len(line) > MAX_LINE and not _unbreakable(line)
    }
    for node, column in reversed(_scalars(root, -INDENT)):
        start, end = node.start_mark, node.end_mark
        rest = "" if node.style == ">" else text[end.index :].split("\n", 1)[0]
        spans = set(range(start.line, end.line + 1))
        header = text[start.index : start.index + 2]
        if node.style == "|" or (node.style == ">" and header != ">-"):
            continue
        if node.tag != "tag:yaml.org,2002:str":
            continue
        if spans & long_lines and _foldable(node.value) and not rest.strip():
            tail = "\n" if node.style == ">" and text[end.index - 1] == "\n" else ""
            return text[: start.index] + _folded(node.value, column) + tail + text[end.index :]
        if node.style == "'":
            return text[: start.index] + _double_quoted(node.value) + text[end.index :]
    return None


def restyle(text: str) -> str:
    """`text` in the house style where it can be fixed mechanically; values never change."""
    while (edited := _edit_once(text)) is not None and edited != text:
        if yaml.safe_load(edited) != yaml.safe_load(text):
            raise ValueError("restyling would change a value")
        text = edited
    return text


def main(argv: list[str]) -> int:
    """`--fix FILE...` rewrites the files; `FILE...` lists their problems (exit 1 if any)."""
    fix = "--fix" in argv
    failed = 0
    for name in (a for a in argv if a != "--fix"):
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        if fix:
            path.write_text(restyle(text), encoding="utf-8")
            text = path.read_text(encoding="utf-8")
        for problem in style_problems(text):
            failed = 1
            print(f"{name}:{problem}")
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
