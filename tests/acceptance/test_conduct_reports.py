"""The conduct ledger where users read it beside `riskcard conduct`: the `audit` section, the
reports folder and the site, with a third party's rating shown beside the developer's and a
disagreement flagged (issue 15, items 4 and 5)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from test_escaping import _cells_per_row
from test_site import _DevTools, browser, devtools  # noqa: F401  (devtools is a fixture)

from conftest import EXAMPLE

INSTITUTE = "Example AI Safety Institute"
SOURCE = (
    "  - id: institute\n"
    "    title: Pre-deployment evaluation of o3-mini\n"
    "    url: https://example.org/o3-mini-evaluation\n"
    '    date: "2025-03-01"\n'
    "    kind: secondary\n"
)
THIRD_PARTY = (
    "third_party:\n"
    f"  - assessor: {INSTITUTE}\n"
    '    date: "2025-03-01"\n'
    "    cite: {source: institute, locator: §3 Findings}\n"
    "    ratings:\n"
    "      cbrn: {pre: high, post: high, cite: {source: institute, locator: §3.1}}\n"
    "      cybersecurity: {pre: low, post: low, cite: {source: institute, locator: §3.2}}\n"
)


@pytest.fixture
def assessed(tmp_path: Path) -> Path:
    """o3-mini (rated Medium in CBRN by OpenAI) with an outside assessment rating it High.

    The URL stays https: a scorecard's URLs are checked to be https before anything renders
    (tests/acceptance/test_escaping.py covers a javascript: URL in every report page)."""
    folder = tmp_path / "scorecards" / "openai"
    folder.mkdir(parents=True)
    text = EXAMPLE.read_text("utf-8").replace("\nratings:\n", "\n" + SOURCE + "ratings:\n", 1)
    card = folder / "o3-mini.yaml"
    card.write_text(text + THIRD_PARTY, "utf-8")
    return card


class _Cells(HTMLParser):
    """The visible text of every table row: one list of cell texts per `<tr>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def rows(page: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(page)
    return parser.rows


DISAGREE_ROW = [
    "OpenAI o3-mini",
    "cbrn",
    "pre medium, post medium",
    "pre high, post high",
    f"{INSTITUTE} (2025-03-01)",
    "disagree",
    "Pre-deployment evaluation of o3-mini (§3 Findings)",
]
AGREE_ROW = [*DISAGREE_ROW[:1], "cybersecurity", "pre low, post low", "pre low, post low"]


def test_conduct_shows_both_ratings_and_flags_the_disagreement(cli: Any, assessed: Path) -> None:
    out = cli("conduct", str(assessed)).out
    assert (
        f"  disagreement: {INSTITUTE} (2025-03-01) rates cbrn pre high, post high; "
        "developer: pre medium, post medium\n"
    ) in out
    assert (
        f"  third party agrees: {INSTITUTE} (2025-03-01) rates cybersecurity pre low, post low; "
        "developer: pre low, post low\n"
    ) in out
    md = cli("conduct", str(assessed), "-f", "markdown").out
    assert (
        f"| openai/o3-mini | cbrn | pre medium, post medium | pre high, post high | {INSTITUTE} "
        "(2025-03-01) | **disagree** | [Pre-deployment evaluation of o3-mini]"
        "(https://example.org/o3-mini-evaluation) (§3 Findings) |"
    ) in md
    assert "| openai/o3-mini | cybersecurity | pre low, post low | pre low, post low |" in md
    page = rows(cli("conduct", str(assessed), "-f", "html").out)
    assert DISAGREE_ROW in page
    assert any(r[:4] == AGREE_ROW and r[5] == "agree" for r in page)


def test_the_report_folder_has_the_ledger_and_the_index_links_it(
    cli: Any, assessed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    assert cli("report", str(assessed), "--out-dir", str(out)).code == 0
    page = (out / "conduct.html").read_text("utf-8")
    assert "<h1>Conduct ledger</h1>" in page
    assert DISAGREE_ROW in rows(page)
    deploy = next(r for r in rows(page) if r[:1] == ["OpenAI o3-mini"] and r[3:4] == ["deploy"])
    assert deploy[:5] == [
        "OpenAI o3-mini",
        "2025-01-31",
        "openai-preparedness@beta",
        "deploy",
        "kept",
    ]
    md = (out / "conduct.md").read_text("utf-8")
    assert "| **disagree** |" in md and "| pre high, post high |" in md
    index = (out / "index.html").read_text("utf-8")
    assert '<a href="conduct.html">conduct ledger</a>' in index
    assert "[conduct ledger](conduct.md)" in (out / "index.md").read_text("utf-8")


def test_the_site_timeline_shows_the_assessment_beside_the_determination(
    cli: Any, assessed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert cli("site", str(out), str(assessed)).code == 0
    page = (out / "conduct" / "openai.html").read_text("utf-8")
    found = rows(page)
    assert [*DISAGREE_ROW[:1], "2025-01-31", *DISAGREE_ROW[1:]] in found
    assert f"OpenAI o3-mini: assessed by {INSTITUTE}; disagrees with the developer on cbrn" in page


def test_audit_carries_the_same_ledger_in_every_format(cli: Any, assessed: Path) -> None:
    conduct = json.loads(cli("conduct", str(assessed), "-f", "json").out)
    audit = json.loads(cli("audit", str(assessed), "-f", "json").out)
    assert audit["command"] == "audit" and audit["status"] == "pass"
    assert list(audit)[:4] == ["riskcard", "command", "status", "summary"]
    expected = {k: v for k, v in conduct.items() if k not in ("riskcard", "command", "status")}
    expected.pop("summary")
    expected.pop("kind")
    assert audit["conduct"] == expected
    (card,) = audit["conduct"]["determinations"]
    assert card["disagreements"] == 1
    text = cli("audit", str(assessed)).out
    assert "\nConduct ledger:\nconduct as of " in text
    assert f"  disagreement: {INSTITUTE} (2025-03-01) rates cbrn pre high, post high;" in text
    md = cli("audit", str(assessed), "-f", "markdown").out
    assert "## Conduct ledger" in md and "### Third-party assessments" in md
    assert "| **disagree** |" in md
    assert DISAGREE_ROW in rows(cli("audit", str(assessed), "-f", "html").out)


def test_hostile_assessment_text_is_escaped_everywhere(
    cli: Any, assessed: Path, tmp_path: Path
) -> None:
    text = assessed.read_text("utf-8").replace(INSTITUTE, '"<script>x</script> | *b* \\e[31m"')
    assessed.write_text(text, "utf-8")
    run = cli("conduct", str(assessed))
    assert run.code == 0 and "\x1b" not in run.out and "<script>x</script> | *b*" in run.out
    out = tmp_path / "reports"
    assert cli("report", str(assessed), "--out-dir", str(out)).code == 0
    pages = {
        "report": (out / "conduct.html").read_text("utf-8"),
        **{c: cli(c, str(assessed), "-f", "html").out for c in ("conduct", "audit")},
    }
    for name, page in pages.items():
        assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page, name
    for command in ("conduct", "audit"):
        md = cli(command, str(assessed), "-f", "markdown").out
        assert "<script>" not in md and "\x1b" not in md, command
        assert "&lt;script&gt;x&lt;/script&gt; \\| \\*b\\* \\\\x1b\\[31m" in md, command
        tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(md)
        flat = [c for tok in tokens for c in [tok, *(tok.children or [])]]
        assert not [tok for tok in flat if tok.type in ("html_inline", "html_block")], command
        tables = _cells_per_row(tokens)
        assert tables and all(len(counts) == 1 for counts in tables), (command, tables)


@browser
def test_chromium_renders_the_ledger_pages(
    cli: Any,
    assessed: Path,
    tmp_path: Path,
    devtools: _DevTools,  # noqa: F811
) -> None:
    reports, site = tmp_path / "reports", tmp_path / "site"
    assert cli("report", str(assessed), "--out-dir", str(reports)).code == 0
    assert cli("site", str(site), str(assessed)).code == 0
    target = devtools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = devtools.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
        "sessionId"
    ]
    devtools.send("Page.enable", session=session)
    pages = {
        reports / "conduct.html": "Conduct ledger",
        reports / "index.html": "Gate reports",
        site / "conduct" / "openai.html": "Conduct timeline: OpenAI",
    }
    for path, heading in pages.items():
        devtools.events.clear()
        devtools.send("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
        devtools.wait_for("Page.loadEventFired", session)
        state = json.loads(
            devtools.send(
                "Runtime.evaluate",
                {
                    "expression": "JSON.stringify({h1: [...document.querySelectorAll('h1')]"
                    ".map(e => e.textContent.trim()), text: document.body.innerText, "
                    "scripts: document.scripts.length})",
                    "returnByValue": True,
                },
                session=session,
            )["result"]["value"]
        )
        assert state["h1"] == [heading] and state["scripts"] == 0, (path, state["h1"])
        if path.name == "index.html":
            assert "conduct ledger" in state["text"]
            continue
        assert "pre medium, post medium\tpre high, post high" in state["text"], path
        assert f"{INSTITUTE} (2025-03-01)\tdisagree" in state["text"], path
