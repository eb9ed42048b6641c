"""The site's conduct pages: one timeline per developer of framework versions,
determinations, conduct and commitment outcomes, with broken and unverifiable items marked."""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path

from riskcard.analysis.conduct import build_ledger
from riskcard.checks.collection import Collection
from riskcard.formats.version import __version__
from riskcard.publish.folder import NameBook
from riskcard.renderers.templating import render_template
from riskcard.results.conduct import ConductRun

OUTCOME_CLASS = {
    "kept": "ok",
    "broken": "bad",
    "unverifiable": "unknown",
    "not_applicable": "unknown",
}


def conduct_pages(
    collection: Collection, names: NameBook, index: Path, as_of: dt.date | None = None
) -> dict[Path, str]:
    """A timeline page per developer (the ledger is judged as of the newest date in the data
    unless `as_of` is given, so the same inputs give the same pages)."""
    run = ConductRun(build_ledger(collection.scorecards, collection.registry, as_of))
    files: dict[Path, str] = {}
    for developer, events in run.ledger.timelines.items():
        page = names.claim("conduct", developer, suffix=".html")
        mine = [d.to_json() for d in run.ledger.determinations if d.facts.developer == developer]
        files[page] = render_template(
            "site_conduct.html",
            developer=developer,
            events=events,
            determinations=mine,
            css=OUTCOME_CLASS,
            as_of=run.ledger.as_of.isoformat(),
            window=run.ledger.window,
            index=posixpath.relpath(index.as_posix(), page.parent.as_posix() or "."),
            riskcard=__version__,
        )
    return files
