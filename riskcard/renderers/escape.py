"""One escaping rule per output format. Renderers apply them to every value that comes
from data; callers never escape.

- text (terminal, CI log): control characters, newlines and invisible direction marks are
  shown as visible escapes (`\\x1b`, `\\n`), and a value that begins a line cannot start a
  workflow command (`::error`) or any other line syntax.
- HTML and Markdown: only http, https and mailto URLs become links; other URLs are text.
- Markdown: its own syntax is escaped, raw HTML never passes, code spans stay closed.
- XML: characters XML 1.0 forbids are shown as visible escapes.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

# C0 and C1 controls, DEL, line and paragraph separators, and bidirectional overrides.
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LINE_START = re.compile(r"[A-Za-z0-9._/~(\"'-]")
_LINKABLE = re.compile(r"(?:https?://|mailto:)[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _visible_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: Any) -> str:
    """Text output: every control character from data as a visible escape."""
    return _CONTROL.sub(_visible_char, "" if value is None else str(value))


def lead(value: Any) -> str:
    """Text output for a value that may begin a line (after any indentation): as `visible`,
    and prefixed with a backslash unless it starts with a letter, digit or `./_~-("'`."""
    text = visible(value)
    return text if not text or _LINE_START.match(text) else "\\" + text


def lead_path(value: Any) -> str:
    """A file path that may begin a line: as `lead`, but prefixed with `./` (the same file)."""
    text = visible(value)
    return text if not text or _LINE_START.match(text) else "./" + text


def linkable(url: Any) -> bool:
    """Whether a URL from data may become a link: http, https or mailto, no spaces or
    control characters anywhere (browsers ignore some, which would hide the scheme)."""
    return isinstance(url, str) and _LINKABLE.fullmatch(url) is not None


def html_link(url: Any, text: Any) -> Markup:
    """`<a href>` for a linkable URL; otherwise the text and the URL, both as plain text."""
    if linkable(url):
        return Markup('<a href="{}">{}</a>').format(url, text)
    if url is None or url == "" or str(url) == str(text):
        return Markup("{}").format(text)
    return Markup("{} ({})").format(text, url)


def md(value: Any) -> str:
    """Any value as inline Markdown text: safe in a table cell, list item or heading, even at
    the start of a line; no raw HTML, link, image or emphasis can come from data."""
    text = visible(" ".join(("" if value is None else str(value)).split()))
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
        ("!", "\\!"),
        ("~", "\\~"),
        ("#", "\\#"),
    ):
        text = text.replace(raw, safe)
    # What only matters at the start of a line: list, quote, heading, thematic break.
    if text[:1] in ("-", "+", "="):
        text = "\\" + text
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def code(value: Any) -> str:
    """A value as a Markdown code span; as escaped text when a code span cannot hold it
    (a backtick, a table pipe, or spaces at either end)."""
    text = visible(" ".join(("" if value is None else str(value)).split()))
    if not text or "`" in text or "|" in text:
        return md(text)
    return f"`{text}`"


def md_destination(url: str) -> str:
    """A linkable URL as a Markdown link destination: characters Markdown or a table would
    read are percent-encoded."""
    return quote(url, safe="/:?#@$&+,;=%-._~*'!")


def md_link(url: Any, text: Any) -> str:
    """`[text](url)` for a linkable URL; otherwise the text and the URL as Markdown text."""
    if linkable(url):
        return f"[{md(text)}]({md_destination(url)})"
    if url is None or url == "" or str(url) == str(text):
        return md(text)
    return f"{md(text)} ({md(url)})"


def xml_text(value: Any) -> str:
    """Text for an XML attribute or element: characters XML 1.0 forbids as visible escapes
    (the serializer escapes markup characters)."""
    return _XML_FORBIDDEN.sub(_visible_char, "" if value is None else str(value))
