"""Hostile strings in every free-text field of the inputs reach every output format escaped:
each output is read back with its real parser and has the same structure as for harmless
text (no forged lines, tags, links, rows or elements), links are http(s)/mailto only, and
SARIF stays valid under the official schema."""

from __future__ import annotations

import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator
from markdown_it import MarkdownIt

from conftest import SARIF_SCHEMA, hostile_inputs
from riskcard.checks.collection import load_collection
from riskcard.engine.evaluation import evaluate
from riskcard.formats.findings import Finding, Severity
from riskcard.renderers.findings import REPORTERS as VALIDATION_REPORTERS
from riskcard.renderers.gate import REPORTERS as GATE_REPORTERS
from riskcard.results.gate import GateRun
from riskcard.results.validation import ValidationResult

HOSTILE = [
    "x\n::error file=a,line=1::forged\n::add-mask::abc\n\x1b[2J",
    "  ::warning::indented\r\n%0A::error::encoded",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "](javascript:alert(1)) ![x](https://evil.example/i.png) <b>raw</b>",
    "`code` | a | b |\n| c | d |",
    "a\x00b\x1bc\x07d\x7fe\x85f",
    "\u2028::error::x\u2029\u202eevil",
    "- item",
    "# heading",
    "1. list",
    "> quote",
    "&lt;b&gt; &#60;script&#62;",
    "```\nfenced",
    "--> ]]> <!-- <![CDATA[",
    "*emph* _emph_ ~~strike~~ [ref]: https://evil.example",
    "=====",
]
HOSTILE_URLS = [
    "javascript://%0Aalert(1)//",
    "data://text/html,<script>alert(1)</script>",
    "vbscript://msgbox",
    "https://ok.example/a_(b)|c`d<e>\"f'",
    "https://example.org/x)![i](https://evil.example/i.png)",
]
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=24),
).filter(lambda s: s.strip() != "")
URL = st.one_of(
    st.sampled_from(HOSTILE_URLS),
    st.from_regex(r"\A[a-z][a-z0-9+.-]{0,8}://[!-~]{1,20}\Z"),
)
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]")
SAFE_HREF = re.compile(r"^(?:https?://|mailto:)\S+$|^[^:]*$", re.IGNORECASE)
SCHEMA = Draft7Validator(json.loads(SARIF_SCHEMA.read_text("utf-8")))


def _gate_outputs(text: str, url: str) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        hostile_inputs(Path(folder), text, url)
        collection = load_collection([Path(folder)])
        errors = [f for f in collection.findings if f.severity is Severity.ERROR]
        assert errors == [], [(f.line, f.rule, f.message) for f in errors[:3]]
        run = GateRun(
            [evaluate(s, collection.registry) for s in collection.scorecards],
            as_of=__import__("datetime").date(2025, 6, 1),
        )
        return {name: render(run) for name, render in GATE_REPORTERS.items()}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.csp: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if "href" in found:
            self.hrefs.append(found["href"] or "")
        if found.get("http-equiv") == "Content-Security-Policy":
            self.csp.append(found.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)


def _html(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def _without_links(tags: list[str]) -> list[str]:
    return [t for t in tags if t not in ("a", "/a")]


def _markdown(page: str) -> dict[str, Any]:
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(page)
    flat = [t for token in tokens for t in [token, *(token.children or [])]]
    return {
        "raw_html": [t.content for t in flat if t.type in ("html_inline", "html_block")],
        "images": [t.attrs.get("src") for t in flat if t.type == "image"],
        "hrefs": [str(t.attrs.get("href")) for t in flat if t.type == "link_open"],
        "shape": [
            t.type for t in tokens if t.nesting == 1 and t.type not in ("link_open", "inline")
        ],
    }


def _text_lines(text: str) -> list[str]:
    lines = text.splitlines()
    for line in lines:
        assert not CONTROL.search(line), line
        assert not line.lstrip().startswith("::"), line
    return lines


def _check_gate(hostile: dict[str, str], plain: dict[str, str]) -> None:
    assert len(_text_lines(hostile["text"])) == len(_text_lines(plain["text"]))
    page, baseline = _html(hostile["html"]), _html(plain["html"])
    # Links to unsafe URLs become text: the structure is the same but for `<a>` tags.
    assert _without_links(page.tags) == _without_links(baseline.tags)
    assert all(SAFE_HREF.match(h) for h in page.hrefs), page.hrefs
    assert page.csp and page.csp[0].startswith("default-src 'none'")
    marked, marked_plain = _markdown(hostile["markdown"]), _markdown(plain["markdown"])
    assert marked["raw_html"] == [] and marked["images"] == []
    assert all(SAFE_HREF.match(h) for h in marked["hrefs"]), marked["hrefs"]
    assert marked["shape"] == marked_plain["shape"]
    assert json.loads(hostile["json"])["results"][0]["name"]
    assert [e.tag for e in ET.fromstring(hostile["junit"]).iter()] == [
        e.tag for e in ET.fromstring(plain["junit"]).iter()
    ]
    assert list(SCHEMA.iter_errors(json.loads(hostile["sarif"]))) == []
    github = hostile["github"].splitlines()
    assert len(github) == len(plain["github"].splitlines())
    assert all(re.match(r"^::(error|warning|notice) file=", line) for line in github)
    assert not CONTROL.search(hostile["github"].replace("\n", ""))


PLAIN = _gate_outputs("plain words", "https://example.org/plain")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(text=HOSTILE[0], url=HOSTILE_URLS[0])
@example(text=HOSTILE[3], url=HOSTILE_URLS[4])
@example(text=HOSTILE[4], url=HOSTILE_URLS[3])
@given(text=TEXT, url=URL)
def test_gate_outputs_escape_hostile_text(text: str, url: str) -> None:
    _check_gate(_gate_outputs(text, url), PLAIN)


@settings(max_examples=60, deadline=None)
@example(text=HOSTILE[0])
@example(text="sp ace/m#1%.yaml")
@given(text=TEXT)
def test_validation_outputs_escape_hostile_findings(text: str) -> None:
    findings = [Finding(text, 3, 2, text, Severity.ERROR, text, text)]
    result = ValidationResult(1, findings, (text,))
    out = {name: render(result) for name, render in VALIDATION_REPORTERS.items()}
    assert len(_text_lines(out["text"])) == 2
    assert json.loads(out["json"])["findings"][0]["path"] == text
    log = json.loads(out["sarif"])
    assert list(SCHEMA.iter_errors(log)) == []
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert re.fullmatch(r"[A-Za-z0-9\-._~/%!$&'()*+,;=:@]*", uri["uri"]), uri
    assert len(ET.fromstring(out["junit"]).findall(".//testcase")) == 1
    lines = out["github"].splitlines()
    assert len(lines) == 2 and lines[0].startswith("::error file=")
    assert not lines[1].startswith("::")
