"""The decision columns of the site index and the report index are visible at desktop and
phone widths: measured in headless Chromium (over the DevTools pipe, since the pages' CSP
forbids their own scripts), and screenshotted at both widths."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_site import _chromium, _DevTools, browser, png_colours
from typer.testing import CliRunner

from conftest import ROOT
from riskcard.cli import app

WIDTHS = (1280, 390)
MEASURE = """JSON.stringify({
  viewport: window.innerWidth,
  page: document.documentElement.scrollWidth,
  cells: [...document.querySelectorAll('td.gate')].map(cell => {
    const box = cell.getBoundingClientRect();
    const wrap = (cell.closest('.table-wrap') || document.body).getBoundingClientRect();
    return {left: box.left, right: box.right, width: box.width,
            shown_left: wrap.left, shown_right: wrap.right, text: cell.innerText.trim()};
  })
})"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("layout")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        for args in (["site", str(out / "site")], ["report", "--out-dir", str(out / "reports")]):
            done = runner.invoke(app, [*args, "--quiet"], catch_exceptions=False)
            assert done.exit_code == 0, done.output
            assert done.stderr == ""  # --quiet: no "wrote N files" line
    return {"site": out / "site" / "index.html", "reports": out / "reports" / "index.html"}


@pytest.fixture
def tab(tmp_path: Path) -> Iterator[tuple[_DevTools, str]]:
    tools = _DevTools(_chromium(), tmp_path / "profile")
    try:
        target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        tools.send("Page.enable", session=session)
        yield tools, session
    finally:
        tools.close()


@browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", ["site", "reports"])
def test_decision_cells_are_inside_the_viewport(
    pages: dict[str, Path], tab: tuple[_DevTools, str], page: str, width: int, tmp_path: Path
) -> None:
    tools, session = tab
    tools.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500},
        session=session,
    )
    tools.events.clear()
    tools.send("Page.navigate", {"url": pages[page].resolve().as_uri()}, session=session)
    tools.wait_for("Page.loadEventFired", session)
    found = json.loads(
        tools.send(
            "Runtime.evaluate", {"expression": MEASURE, "returnByValue": True}, session=session
        )["result"]["value"]
    )
    assert found["viewport"] == width
    assert found["page"] <= width, f"{page} at {width}px scrolls sideways ({found['page']}px)"
    cells = found["cells"]
    assert len(cells) >= 40, f"{page}: {len(cells)} decision cells"
    for cell in cells:
        assert cell["width"] > 40 and cell["text"], (page, width, cell)
        # Wholly inside the part of its table that is shown, and inside the viewport.
        assert cell["left"] >= max(cell["shown_left"], 0) - 1, (page, width, cell)
        assert cell["right"] <= min(cell["shown_right"], width) + 1, (page, width, cell)
    shot = tools.send(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False}, session
    )
    png = base64.b64decode(shot["data"])
    (tmp_path / f"{page}-{width}.png").write_bytes(png)
    assert len(png_colours(png)) > 32, f"the {page} screenshot at {width}px looks blank"
