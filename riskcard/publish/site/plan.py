"""Which pages the site has, where each lives, and their text, one page at a time: a gate
report per assessment (written as each scorecard is judged), then an index, a page per model,
a page per framework version, the compliance matrices and the conduct timelines, read back
from what `gather` kept. The page builders receive evaluations and audit records; they
compute neither."""

from __future__ import annotations

import datetime as dt
import itertools
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from riskcard.analysis.audit import AuditResult, framework_timeline, version_diffs
from riskcard.checks.collection import Collection, LoadedScorecard
from riskcard.checks.document import CardKey
from riskcard.checks.stream import Checked
from riskcard.formats.registry import Registry
from riskcard.formats.version import __version__
from riskcard.publish.compliance_page import compliance_pages
from riskcard.publish.conduct_page import conduct_pages
from riskcard.publish.folder import NameBook, gate_page_parts
from riskcard.publish.site.gather import (
    Gathered,
    add,
    gate_order,
    model_page_parts,
)
from riskcard.publish.site.index import families, summary
from riskcard.publish.site.levels import TIERS
from riskcard.publish.site.pages import framework_page, model_page
from riskcard.publish.site.timeline import timeline
from riskcard.renderers.templating import render_template, stream_template


@dataclass(frozen=True)
class SiteData:
    """What the site is built from: the scorecards, streamed in gate order, and the registry
    that judges them."""

    registry: Registry
    scorecards: Iterable[LoadedScorecard]
    """Every scorecard, one at a time, in gate order (`gate_order`: date, model, path)."""
    models: list[str]
    """Every model id among them (the model pages are named before the scorecards come)."""
    as_of: dt.date | None = None

    @classmethod
    def of(cls, collection: Collection, as_of: dt.date | None = None) -> SiteData:
        """The site of a collection held in memory."""
        ordered = sorted(collection.scorecards, key=gate_order)
        models = sorted({s.card.model.id for s in ordered})
        return cls(collection.registry, ordered, models, as_of)

    @classmethod
    def streamed(
        cls, checked: Checked, keys: list[CardKey], as_of: dt.date | None = None
    ) -> SiteData:
        """The site of checked inputs, each scorecard read again when its turn comes."""
        ordered = sorted(keys, key=lambda k: (k.assessed, k.model, k.path))  # gate_order
        models = sorted({k.model for k in keys})
        return cls(checked.collection.registry, checked.scorecards(ordered), models, as_of)


def _rel(page: Path, target: Path) -> str:
    """The relative link from `page` to `target` (both relative to the site root)."""
    start = page.parent.as_posix() or "."
    return posixpath.relpath(target.as_posix(), start)


def _linker(page: Path) -> Any:
    def href(target: str | Path) -> str:
        return _rel(page, Path(target))

    return href


def _nav(page: Path, index: Path, *links: tuple[str, Path]) -> Markup:
    parts = [Markup('<a href="{}">Dashboard</a>').format(_rel(page, index))]
    parts += [
        Markup('<a href="{}">{}</a>').format(_rel(page, target), text) for text, target in links
    ]
    return Markup("").join(parts)


def plan_site(data: SiteData, out_dir: Path) -> Iterator[tuple[Path, str | Iterable[str]]]:
    """Every page of the site and its text, one at a time, so the writer holds one page.

    The gate pages come first, written as each scorecard is judged; the pages that list
    many scorecards come after, read back from what `gather` kept on disk."""
    registry = data.registry
    names = NameBook(out_dir)
    index = names.claim("index", suffix=".html")
    framework_pages = {
        (f.id, f.version): names.claim("frameworks", f.id, f.version, suffix=".html")
        for f in registry.all()
    }
    # Names, not Paths, for the one mapping that grows with the collection.
    model_pages = {
        m: names.claim("models", *model_page_parts(m), suffix=".html").as_posix()
        for m in data.models
    }
    pages: dict[str, Any] = {"frameworks": framework_pages, "models": model_pages}
    gathered = Gathered(registry, data.as_of)
    try:
        for loaded in data.scorecards:
            card = loaded.card
            parts = gate_page_parts(card.model.id, card.assessed)
            page = names.claim("gates", *parts, suffix=".html")
            report = add(gathered, loaded, {**pages, "gate": page})
            nav = _nav(page, index, (card.model.name, Path(model_pages[card.model.id])))
            yield page, render_template("gate.html", data=report, nav=nav)
        yield from _rest(data, gathered, names, index, framework_pages, model_pages)
    finally:
        gathered.close()


def _rest(
    data: SiteData,
    gathered: Gathered,
    names: NameBook,
    index: Path,
    framework_pages: dict[tuple[str, str], Path],
    model_pages: dict[str, str],
) -> Iterator[tuple[Path, str | Iterable[str]]]:
    registry = data.registry
    audited = AuditResult(diffs=version_diffs(registry))
    framework_timeline(registry, audited)
    found = families(gathered.rows, gathered.rated, registry, audited, framework_pages)
    counts = {
        "models": len(model_pages),
        "determinations": gathered.determinations,
        "passing": gathered.passing,
        "flips": gathered.flips,
    }
    yield (
        index,
        stream_template(
            "site_index.html",
            href=_linker(index),
            families=found,
            tiers=TIERS,
            timeline=timeline(found),
            summary=summary(counts, registry, audited),
            riskcard=__version__,
        ),
    )
    for model_id, group in itertools.groupby(gathered.pieces, key=lambda p: p.model):
        page = Path(model_pages[model_id])
        yield (
            page,
            render_template(
                "site_model.html",
                href=_linker(page),
                index=index,
                model=model_page(model_id, list(group), registry),
                tiers=TIERS,
                riskcard=__version__,
            ),
        )
    for framework in registry.all():
        key = (framework.id, framework.version)
        page = framework_pages[key]
        yield (
            page,
            render_template(
                "site_framework.html",
                href=_linker(page),
                index=index,
                framework=framework_page(
                    framework,
                    registry,
                    audited.diffs.get(key),
                    framework_pages,
                    gathered.assessed.get(key, ()),
                ),
                riskcard=__version__,
            ),
        )
    when = data.as_of or max([f.effective for f in registry.all()] + [gathered.last or dt.date.min])
    yield from compliance_pages(
        registry, gathered.compliance, names, index, framework_pages, when
    ).items()
    with gathered.ledger.ledger(data.as_of) as ledger:
        yield from conduct_pages(ledger, names, index)
