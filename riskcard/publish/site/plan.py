"""Which pages the site has, where each lives, and their text, computed before anything is
written: an index, a page per model, a gate report per assessment and a page per framework
version. The pages receive evaluations and the audit; they compute neither."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from riskcard.analysis.audit import AuditResult
from riskcard.checks.collection import Collection
from riskcard.engine.evaluation import Evaluation
from riskcard.formats.registry import Registry
from riskcard.formats.version import __version__
from riskcard.publish.compliance_page import compliance_pages
from riskcard.publish.conduct_page import conduct_pages
from riskcard.publish.folder import NameBook
from riskcard.publish.site.index import Determination, families, statuses, summary
from riskcard.publish.site.levels import TIERS
from riskcard.publish.site.pages import AuditIndex, framework_page, model_page
from riskcard.publish.site.timeline import timeline
from riskcard.renderers.templating import render_template
from riskcard.results.gate import GateRun


@dataclass(frozen=True)
class SiteData:
    """What the site shows: every scorecard judged under its own framework version, and the
    audit of the collection over every version."""

    registry: Registry
    evaluations: list[Evaluation]
    audited: AuditResult
    collection: Collection
    """The scorecards and registry the compliance and conduct pages read."""
    as_of: dt.date | None = None


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


@dataclass(frozen=True)
class _Layout:
    """Where every page lives."""

    names: NameBook
    index: Path
    frameworks: dict[tuple[str, str], Path]
    models: dict[str, Path]
    gates: list[tuple[Evaluation, Path]]


def _layout(data: SiteData, out_dir: Path) -> _Layout:
    names = NameBook(out_dir)
    index = names.claim("index", suffix=".html")
    frameworks = {
        (f.id, f.version): names.claim("frameworks", f.id, f.version, suffix=".html")
        for f in data.registry.all()
    }
    ordered = sorted(data.evaluations, key=lambda e: (e.card.assessed, e.card.model.id, e.path))
    gates = []
    for evaluation in ordered:
        card = evaluation.card
        developer, _, model = card.model.id.partition("/")
        stem = f"{model}--{card.assessed.isoformat()}"
        gates.append((evaluation, names.claim("gates", developer, stem, suffix=".html")))
    models: dict[str, Path] = {}
    for model_id in sorted({e.card.model.id for e in ordered}):
        developer, _, model = model_id.partition("/")
        models[model_id] = names.claim("models", developer, model, suffix=".html")
    return _Layout(names, index, frameworks, models, gates)


def plan_site(data: SiteData, out_dir: Path) -> Iterator[tuple[Path, str]]:
    """Every page of the site and its text, one at a time, so the writer holds one page."""
    registry, audited = data.registry, data.audited
    layout = _layout(data, out_dir)
    index = layout.index
    determinations = []
    for evaluation, page in layout.gates:
        report = GateRun([evaluation], data.as_of, registry).to_json()
        determinations.append(Determination(evaluation, statuses(report["results"][0]), page))
        nav = _nav(
            page, index, (evaluation.card.model.name, layout.models[evaluation.card.model.id])
        )
        yield page, render_template("gate.html", data=report, nav=nav)
    found = families(determinations, registry, audited, layout.frameworks, layout.models)
    yield (
        index,
        render_template(
            "site_index.html",
            href=_linker(index),
            families=found,
            tiers=TIERS,
            timeline=timeline(found),
            summary=summary(determinations, registry, audited),
            riskcard=__version__,
        ),
    )
    by_model: dict[str, list[Determination]] = defaultdict(list)
    for determination in determinations:
        by_model[determination.evaluation.card.model.id].append(determination)
    looked_up = AuditIndex.of(audited)
    for model_id, page in layout.models.items():
        mine = by_model[model_id]
        yield (
            page,
            render_template(
                "site_model.html",
                href=_linker(page),
                index=index,
                model=model_page(model_id, mine, registry, looked_up, layout.frameworks),
                tiers=TIERS,
                riskcard=__version__,
            ),
        )
    for framework in registry.all():
        key = (framework.id, framework.version)
        page = layout.frameworks[key]
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
                    layout.frameworks,
                    determinations,
                    layout.models,
                ),
                riskcard=__version__,
            ),
        )
    collection = data.collection
    yield from compliance_pages(
        collection, layout.names, index, layout.frameworks, data.as_of
    ).items()
    yield from conduct_pages(collection, layout.names, index, data.as_of).items()
