"""The injection cases of the safe-outputs issue, tried as an attacker would, through the CLI."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

from markdown_it import MarkdownIt

from conftest import EXAMPLE, hostile_inputs

FORGED = "x\n::error file=a,line=1::forged\n::add-mask::abc\n\x1b[2J"
JS = "javascript://%0Aalert(1)//"


def _no_forged_lines(text: str) -> None:
    assert "\x1b" not in text
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line


def test_gate_text_shows_a_forged_title_as_escapes(cli, tmp_path: Path) -> None:
    folder = hostile_inputs(tmp_path / "in", FORGED, "https://example.org/f")
    run = cli("gate", "--as-of", "2025-03-01", str(folder))
    assert run.code == 0, run.err
    _no_forged_lines(run.out)
    assert "x\\n::error file=a,line=1::forged\\n::add-mask::abc\\n\\x1b[2J" in run.out


def test_validate_text_shows_a_newline_in_a_file_name_as_an_escape(cli, tmp_path: Path) -> None:
    bad = tmp_path / "a\n::error file=x::forged\x1b[2J.yaml"
    bad.write_text("format_version: 1\nmodel: {}\n", "utf-8")
    run = cli("validate", str(bad))
    assert run.code == 1
    _no_forged_lines(run.out)
    assert "a\\n::error file=x::forged\\x1b[2J.yaml:" in run.out


def test_a_javascript_url_is_never_a_link(cli, tmp_path: Path) -> None:
    folder = hostile_inputs(tmp_path / "in", "Hostile", JS)
    gate = cli("gate", "-f", "html", "--as-of", "2025-03-01", str(folder)).out
    assert "javascript:" in gate and 'href="javascript' not in gate
    assert cli("report", "--out-dir", str(tmp_path / "r"), str(folder)).code == 0
    assert cli("site", str(tmp_path / "s"), str(folder)).code == 0
    pages = [*(tmp_path / "r").rglob("*.html"), *(tmp_path / "s").rglob("*.html")]
    assert len(pages) > 5
    for page in pages:
        text = page.read_text("utf-8")
        assert not re.search(r"href=\"\s*javascript", text, re.IGNORECASE), page
        assert '<meta http-equiv="Content-Security-Policy" content="default-src' in text, page
    for page in (tmp_path / "r").rglob("*.md"):
        tokens = MarkdownIt("commonmark").enable("table").parse(page.read_text("utf-8"))
        links = [c.attrs["href"] for t in tokens for c in t.children or [] if c.type == "link_open"]
        assert not any(str(h).startswith("javascript") for h in links), page


def _cells_per_row(tokens: list) -> list[set[int]]:
    """Per table, the set of cell counts of its rows (one count when no row is broken)."""
    tables: list[set[int]] = []
    cells = 0
    for token in tokens:
        if token.type == "table_open":
            tables.append(set())
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            tables[-1].add(cells)
    return tables


def test_markdown_cannot_close_a_link_or_add_images_or_tags(cli, tmp_path: Path) -> None:
    url = "https://example.org/x)![i](https://evil.example/i.png)<img/src=x>"
    folder = hostile_inputs(
        tmp_path / "in", "<b>raw</b>", "https://example.org/f", version="1`|x", card_url=url
    )
    run = cli("gate", "-f", "markdown", "--as-of", "2025-03-01", str(folder))
    assert run.code == 0, run.err
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(run.out)
    flat = [c for t in tokens for c in [t, *(t.children or [])]]
    assert not [t for t in flat if t.type in ("image", "html_inline", "html_block")]
    hrefs = [str(t.attrs["href"]) for t in flat if t.type == "link_open"]
    assert (
        "https://example.org/x%29!%5Bi%5D%28https://evil.example/i.png%29%3Cimg/src=x%3E" in hrefs
    )
    # A version with a backtick and a pipe leaves every table row whole.
    tables = _cells_per_row(tokens)
    assert tables and all(len(counts) == 1 for counts in tables), tables
    assert "&lt;b&gt;raw&lt;/b&gt;" in run.out


def test_junit_stays_well_formed_with_esc_and_nul(cli, tmp_path: Path) -> None:
    folder = hostile_inputs(tmp_path / "in", "a\x1bb\x00c", "https://example.org/f")
    out = cli("gate", "-f", "junit", "--as-of", "2025-03-01", str(folder)).out
    assert ET.fromstring(out).tag == "testsuites"
    assert "a\\x1bb\\x00c" in out


def test_sarif_uris_are_percent_encoded(cli, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "sp ace"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "m#1%.yaml")
    (folder / "m#1%.yaml").write_text(EXAMPLE.read_text("utf-8") + "unknown: 1\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    log = json.loads(cli("validate", "-f", "sarif", "sp ace/m#1%.yaml").out)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"sp%20ace/m%231%25.yaml"}
