"""The site's conduct pages: one timeline per developer of framework versions,
determinations, conduct and commitment outcomes, with broken and unverifiable items marked."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path

from riskcard.analysis.conduct import Ledger
from riskcard.formats.version import __version__
from riskcard.publish.folder import NameBook
from riskcard.renderers.templating import stream_template

OUTCOME_CLASS = {
    "kept": "ok",
    "broken": "bad",
    "unverifiable": "unknown",
    "not_applicable": "unknown",
}


class _Theirs:
    """One developer's determinations as JSON, made afresh each time the page reads them."""

    def __init__(self, ledger: Ledger, developer: str) -> None:
        self.ledger, self.developer = ledger, developer

    def __iter__(self) -> Iterator[dict[str, object]]:
        for d in self.ledger.determinations:
            if d.facts.developer == self.developer:
                yield d.to_json()


def conduct_pages(
    ledger: Ledger, names: NameBook, index: Path
) -> Iterator[tuple[Path, Iterator[str]]]:
    """A timeline page per developer, rendered piece by piece (a developer may have many
    determinations; each is made into JSON as the page reaches it)."""
    for developer, events in ledger.timelines.items():
        page = names.claim("conduct", developer, suffix=".html")
        mine = _Theirs(ledger, developer)
        yield (
            page,
            stream_template(
                "site_conduct.html",
                developer=developer,
                events=events,
                determinations=mine,
                css=OUTCOME_CLASS,
                as_of=ledger.as_of.isoformat(),
                window=ledger.window,
                index=posixpath.relpath(index.as_posix(), page.parent.as_posix() or "."),
                riskcard=__version__,
            ),
        )
