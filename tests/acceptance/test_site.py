"""`riskcard site`: the static dashboard renders for the bundled data, its links resolve,
nothing loads from elsewhere, data is escaped, output is deterministic, and a real headless
Chromium renders every page."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import riskcard.publish.site
from conftest import EXAMPLE, FIXTURES, ROOT, SCORECARDS
from riskcard.analysis import spill
from riskcard.checks.collection import load_collection
from riskcard.cli import app
from riskcard.publish.site import MANIFEST, SiteData, plan_site, tier, write_site

XSS = "<script>alert(1)</script>"
GATE = FIXTURES / "gate"
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _site(out: Path, *paths: str) -> dict[Path, bytes]:
    """Run `riskcard site OUT [PATHS]` from the repository root; every file it wrote."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        result = CliRunner().invoke(app, ["site", str(out), *paths], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stderr
    return {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Path, bytes]]:
    out = tmp_path_factory.mktemp("site")
    return out, _site(out)


def _pages(files: dict[Path, bytes]) -> dict[Path, str]:
    return {p: b.decode("utf-8") for p, b in files.items() if p.suffix == ".html"}


class _Page(HTMLParser):
    """The links, sources, ids, inline styles and element names of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.sources: list[str] = []
        self.ids: set[str] = set()
        self.styles: list[str] = []
        self.tags: set[str] = set()
        self.h1: list[str] = []
        self._in_h1 = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            value = value or ""
            if name in ("href", "xlink:href"):
                self.links.append(value)
            elif name in ("src", "srcset", "data", "poster", "action", "formaction"):
                self.sources.append(value)
            elif name == "id":
                self.ids.add(value)
            elif name == "style":
                self.styles.append(value)
        self._in_h1 = self._in_h1 or tag == "h1"
        self._in_style = tag == "style"
        if tag == "h1":
            self.h1.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1[-1] += data
        if self._in_style:
            self.styles.append(data)


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def _expected_headings() -> dict[str, set[str]]:
    collection = load_collection([SCORECARDS])
    return {
        "index.html": {"Frontier-AI risk dashboard"},
        "gates": {"Deployment gate report"},
        "models": {s.card.model.name for s in collection.scorecards},
        "frameworks": {f.title for f in collection.registry.all()},
        "compliance": {
            f"Compliance matrix: {law.title}" for law in collection.registry.laws.values()
        },
        "conduct": {f"Conduct timeline: {s.card.model.developer}" for s in collection.scorecards},
    }


# --------------------------------------------------------------------------- unit


def test_site_pages_link_and_stay_inside(site: tuple[Path, dict[Path, bytes]]) -> None:
    out, files = site
    pages = _pages(files)
    parsed = {p: _parse(t) for p, t in pages.items()}
    assert Path("index.html") in pages
    kinds = {p.parts[0] for p in pages if len(p.parts) > 1}
    assert kinds == {"models", "gates", "frameworks", "compliance", "conduct"}
    expected = _expected_headings()
    root = out.resolve()
    for relative, page in parsed.items():
        text = pages[relative]
        assert '<meta name="viewport"' in text, relative
        assert "<script" not in text.casefold(), relative
        assert not page.tags & {"script", "iframe", "img", "link", "object", "embed"}, relative
        assert len(page.h1) == 1, (relative, page.h1)
        assert page.h1[0].strip() in expected[relative.parts[0]], (relative, page.h1)
        for source in page.sources:
            assert "://" not in source and not source.startswith("//"), (relative, source)
        for style in page.styles:
            for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", style):
                assert not re.match(r"(https?:)?//", url.strip(), re.IGNORECASE), (relative, url)
            assert "@import" not in style, relative
        for link in page.links:
            assert not link.casefold().startswith("javascript:"), (relative, link)
            if EXTERNAL.match(link):
                continue
            target_text, _, fragment = link.partition("#")
            target = (
                relative
                if not target_text
                else Path(os.path.normpath((relative.parent / target_text).as_posix()))
            )
            assert (root / target).resolve().is_relative_to(root), (relative, link)
            assert target in pages, f"{relative}: {link} does not resolve to a written page"
            if fragment:
                assert fragment in parsed[target].ids, f"{relative}: no #{fragment} in {target}"


def test_site_index_shows_matrix_timeline_and_marks(site: tuple[Path, dict[Path, bytes]]) -> None:
    _, files = site
    index = files[Path("index.html")].decode()
    svg = re.search(r"<svg[^>]*>", index)
    assert svg is not None
    assert 'role="img"' in svg.group(0) and "aria-label=" in svg.group(0)
    assert re.search(r"<svg.*?<title[^>]*>.+?</title>\s*<desc[^>]*>.+?</desc>", index, re.S)
    # Every level is labelled in words as well as coloured, and gates are shown per model.
    assert re.search(r'class="chip lv-[a-z]+">[^<]*\w', index)
    assert "deploy: " in index and "develop: " in index
    # Each framework version carries its verdict against the previous one, in words.
    assert "first version" in index
    assert re.search(r"(looser|stricter|mixed|unchanged) vs ", index)
    if "loosening" in index or "LOOSER" in index:
        assert "loud-line" in index
    assert "first High" in index


def test_site_is_deterministic(tmp_path: Path) -> None:
    snapshot = tmp_path / "scorecards"
    shutil.copytree(SCORECARDS, snapshot)  # the same inputs for both runs
    first = _site(tmp_path / "one", str(snapshot))
    second = _site(tmp_path / "two", str(snapshot))
    assert sorted(first) == sorted(second)
    for name, data in first.items():
        assert second[name] == data, f"{name} differs between two runs"


def _row_marks(index: str, name: str) -> list[str]:
    """The "first ..." marks on the matrix row of the model called `name`."""
    cell = re.search(r'<th scope="row"><a [^>]*>' + re.escape(name) + r"</a>(.*?)</th>", index)
    assert cell is not None, name
    return re.findall(r'<span class="mark [^"]*"[^>]*>([^<]*)</span>', cell.group(1))


def test_site_escapes_names_and_marks_firsts(tmp_path: Path) -> None:
    card = EXAMPLE.read_text("utf-8")
    card = card.replace("id: openai/o3-mini", "id: openai/o3-mini-escape-test", 1)
    card = card.replace("name: OpenAI o3-mini", f"name: '{XSS}'", 1)
    assert XSS in card
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(card, "utf-8")
    # A High determination, then a later Critical one, in the same framework family.
    critical = (GATE / "v2-critical-attested.yaml").read_text("utf-8")
    later = tmp_path / "critical-later.yaml"
    later.write_text(critical.replace('assessed: "2025-01-10"', 'assessed: "2025-02-20"'), "utf-8")
    collection = load_collection(
        [SCORECARDS / "openai", hostile, later, GATE / "v2-high-attested.yaml"]
    )
    assert any(s.card.model.name == XSS for s in collection.scorecards)
    assert not [f for f in collection.findings if f.severity == "error"]
    files = {
        page: text if isinstance(text, str) else "".join(text)
        for page, text in plan_site(SiteData.of(collection), tmp_path / "out")
    }
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    seen = [p for p, text in files.items() if escaped in text]
    assert Path("index.html") in seen
    assert any(p.parts[0] == "models" for p in seen) and any(p.parts[0] == "gates" for p in seen)
    for name, text in files.items():
        assert XSS not in text and "<script" not in text.casefold(), name
    for page in files:
        assert (tmp_path / "out" / page).resolve().is_relative_to((tmp_path / "out").resolve())
    index = files[Path("index.html")]
    assert _row_marks(index, "High attested") == ["first High"]
    assert _row_marks(index, "Critical attested") == ["first Critical"]
    assert _row_marks(index, escaped) == []


def test_site_tiers_are_generic() -> None:
    assert [tier(list("ab"), x) for x in "ab"] == ["lv-low", "lv-top"]
    assert [tier(list("abc"), x) for x in "abc"] == ["lv-low", "lv-high", "lv-top"]
    assert [tier(list("abcde"), x) for x in "abcde"] == [
        "lv-low",
        "lv-mid",
        "lv-mid",
        "lv-high",
        "lv-top",
    ]
    assert tier(["only"], "only") == "lv-low"
    assert tier(list("abc"), "z") == "lv-na"


def test_site_removes_its_own_stale_pages_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    (out / "models" / "gone").mkdir(parents=True)
    (out / "models" / "gone" / "old.html").write_text("old")
    (out / "mine.txt").write_text("kept")
    (out / MANIFEST).write_text("models/gone/old.html\n../outside.txt\nmine.txt/..\n")
    (tmp_path / "outside.txt").write_text("kept")
    monkeypatch.setattr(
        riskcard.publish.site, "plan_site", lambda *_: [(Path("index.html"), "<!doctype html>\n")]
    )
    nothing = load_collection([])
    empty = SiteData.of(nothing)
    assert write_site(empty, out) == 1
    assert not (out / "models" / "gone" / "old.html").exists()
    assert (out / "mine.txt").read_text() == "kept"
    assert (tmp_path / "outside.txt").read_text() == "kept"
    assert (out / MANIFEST).read_text() == "index.html\n"


# --------------------------------------------------------------------------- browser

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ERROR_TEXT = (
    "ERR_",
    "This site can",
    "This page isn",
    "Traceback",
    "internal error",
    "UndefinedError",
    "is undefined",
)
browser = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium is not installed (apt-get install chromium); "
    "with CI set this test runs and fails without it",
)


def _chromium() -> str:
    assert CHROMIUM is not None, "chromium is required in CI: apt-get install -y chromium"
    return CHROMIUM


def png_colours(data: bytes) -> set[tuple[int, ...]]:
    """The distinct pixel colours of an 8-bit, non-interlaced RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0 and colour in (2, 6), header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    previous = bytearray(stride)
    colours: set[tuple[int, ...]] = set()
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = previous[i], previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(zip(*(line[k::bpp] for k in range(bpp)), strict=True))
        previous = line
    return colours


class _DevTools:
    """One headless Chromium driven over --remote-debugging-pipe (fd 3 in, fd 4 out), so
    every page is loaded by one browser instead of one launch per page."""

    def __init__(self, chromium: str, profile: Path) -> None:
        to_browser, self._to_browser = os.pipe()
        self._from_browser, from_browser = os.pipe()

        def wire() -> None:  # in the child, before exec: the pipe ends become fds 3 and 4
            high_in = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10)
            high_out = fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self.process = subprocess.Popen(
            [
                chromium,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "--window-size=1280,900",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire,  # the test is single-threaded
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            assert chunk, "chromium closed the DevTools pipe"
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return dict(json.loads(message))

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                assert "error" not in reply, (method, reply["error"])
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> None:
        while not any(
            e.get("method") == method and e.get("sessionId") == session for e in self.events
        ):
            self.events.append(self._read())

    def close(self) -> None:
        with contextlib.suppress(AssertionError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


@pytest.fixture
def devtools(tmp_path: Path) -> Iterator[_DevTools]:
    tools = _DevTools(_chromium(), tmp_path / "profile")
    try:
        yield tools
    finally:
        tools.close()


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_chromium(), *FLAGS, f"--user-data-dir={tmp_path / 'profile-cli'}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@browser
def test_browser_renders_index_screenshot(
    site: tuple[Path, dict[Path, bytes]], tmp_path: Path
) -> None:
    out, _ = site
    url = (out / "index.html").resolve().as_uri()
    dumped = _run_chromium(tmp_path, "--dump-dom", url)
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    assert re.search(r"<h1[^>]*>Frontier-AI risk dashboard</h1>", dumped.stdout)
    assert "<svg" in dumped.stdout and not any(e in dumped.stdout for e in ERROR_TEXT)
    png = tmp_path / "index.png"
    shot = _run_chromium(tmp_path, f"--screenshot={png}", "--window-size=1280,900", url)
    assert shot.returncode == 0 and png.is_file(), shot.stderr[-2000:]
    colours = png_colours(png.read_bytes())
    assert len(colours) > 32, f"the index screenshot looks blank ({len(colours)} colours)"


@browser
def test_browser_loads_every_page(
    site: tuple[Path, dict[Path, bytes]], devtools: _DevTools
) -> None:
    out, files = site
    expected = _expected_headings()
    target = devtools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = devtools.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
        "sessionId"
    ]
    devtools.send("Page.enable", session=session)
    devtools.send("Network.enable", session=session)
    pages = sorted(p for p in files if p.suffix == ".html")
    for relative in pages:
        devtools.events.clear()
        devtools.send(
            "Page.navigate", {"url": (out / relative).resolve().as_uri()}, session=session
        )
        devtools.wait_for("Page.loadEventFired", session)
        dom = devtools.send(
            "Runtime.evaluate",
            {
                "expression": "JSON.stringify({h1: [...document.querySelectorAll('h1')]"
                ".map(e => e.textContent.trim()), text: document.body.innerText, "
                "url: location.href, scripts: document.scripts.length})",
                "returnByValue": True,
            },
            session=session,
        )["result"]["value"]
        state = json.loads(dom)
        assert state["url"].startswith("file://"), (relative, state["url"])
        assert len(state["h1"]) == 1, (relative, state["h1"])
        assert state["h1"][0] in expected[relative.parts[0]], (relative, state["h1"])
        assert state["scripts"] == 0, relative
        assert not [e for e in ERROR_TEXT if e in state["text"]], relative
        requested = [
            e["params"]["request"]["url"]
            for e in devtools.events
            if e.get("method") == "Network.requestWillBeSent"
        ]
        assert requested and all(u.startswith("file://") for u in requested), (relative, requested)


def test_pages_read_back_from_many_small_spill_runs_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site keeps its rows on disk and merges sorted runs of them: with runs of two
    records and chunks of one, every page is what it is when everything fits one run."""

    def pages() -> dict[Path, str]:
        planned = plan_site(SiteData.of(load_collection([SCORECARDS])), tmp_path / "out")
        return {p: t if isinstance(t, str) else "".join(t) for p, t in planned}

    whole = pages()
    monkeypatch.setattr(spill, "RUN", 2)
    monkeypatch.setattr(spill, "RUN_CHUNK", 1)
    monkeypatch.setattr(spill, "CHUNK", 1)
    assert pages() == whole
    assert len([p for p in whole if p.parts[0] == "models"]) > 40
