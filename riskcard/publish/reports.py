"""`riskcard report`: the gate reports of a collection, written into one folder.

The scorecards arrive one at a time in page order; each one's pages are written at once and
only a small index row is kept, and gate.json's results wait in a spool on disk."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from riskcard.analysis.conduct import LedgerBuilder
from riskcard.analysis.spill import Spill
from riskcard.checks.document import CardKey, LoadedScorecard
from riskcard.engine.evaluation import Evaluation, evaluate
from riskcard.formats.registry import Registry
from riskcard.publish.folder import NameBook, gate_page_parts, write_files
from riskcard.renderers import conduct
from riskcard.renderers.gate import html, markdown
from riskcard.renderers.templating import stream_template
from riskcard.results.causes import cause_kinds, ranked, result_causes
from riskcard.results.conduct import ConductRun
from riskcard.results.gate import GateRun, recorded_base
from riskcard.results.gatestream import GateStream, ResultSpool

MANIFEST = ".riskcard-files"
CONDUCT_PAGES = (Path("conduct.html"), Path("conduct.md"))
"""The conduct ledger's pages, beside the index."""


def page_order(keys: Iterable[CardKey]) -> list[CardKey]:
    """The order of the report's pages and index rows: developer, date, model."""
    return sorted(keys, key=lambda k: (k.developer.casefold(), k.assessed, k.model))


@dataclass(frozen=True, slots=True)
class IndexRow:
    """What the index shows of one result (kept instead of the result itself)."""

    name: str
    developer: str
    assessed: str
    framework: str
    deploy: str
    develop: str
    security: str
    overall: str
    html: str
    md: str
    causes: tuple[str, ...]

    @classmethod
    def of(cls, data: dict[str, Any], page: Path) -> IndexRow:
        framework = data["framework"]
        return cls(
            data["name"],
            data["developer"],
            data["assessed"],
            f"{framework['id']}@{framework['version']}",
            data["deploy"]["status"],
            data["develop"]["status"],
            data["security"]["status"],
            data["overall"],
            page.as_posix(),
            page.with_suffix(".md").as_posix(),
            tuple(result_causes(data)),
        )


def plan_reports(
    scorecards: Iterable[LoadedScorecard],
    registry: Registry,
    out_dir: Path,
    as_of: dt.date | None,
) -> Iterator[tuple[Path, str | Iterable[str]]]:
    """Every file of the report folder and its text, one at a time (the writer holds one).

    `scorecards`: in `page_order`, one at a time; each is judged under the framework version
    it names and joins the conduct ledger (`conduct.html` and `conduct.md`, linked from the
    index); `registry` says where each framework came from."""
    with LedgerBuilder(registry) as builder, Spill[IndexRow]() as rows, ResultSpool() as spool:
        yield from _planned(scorecards, registry, out_dir, as_of, builder, rows, spool)


def _planned(
    scorecards: Iterable[LoadedScorecard],
    registry: Registry,
    out_dir: Path,
    as_of: dt.date | None,
    builder: LedgerBuilder,
    rows: Spill[IndexRow],
    spool: ResultSpool,
) -> Iterator[tuple[Path, str | Iterable[str]]]:
    """`plan_reports` with its files on disk (the ledger's records, the index rows, the
    results of gate.json) given, so it is plain which of them the caller closes."""

    def judged() -> Iterator[Evaluation]:
        for loaded in scorecards:
            builder.add(loaded)
            yield evaluate(loaded, registry, None, as_of)

    names = NameBook(out_dir)
    for page in CONDUCT_PAGES:
        names.taken.add(page.as_posix().casefold())
    counted: Counter[str] = Counter()
    stream = GateStream(judged(), as_of, registry, recorded_base(out_dir))
    for evaluation, data in stream.results():
        card = evaluation.card
        single = GateRun([evaluation], as_of, registry)
        page = names.claim(*gate_page_parts(card.model.id, card.assessed), suffix=".html")
        yield page, html(single)
        yield page.with_suffix(".md"), markdown(single)
        names.taken.add(page.with_suffix(".md").as_posix().casefold())
        spool.add(data)
        rows.append(IndexRow.of(data, page))
        counted.update(cause_kinds(data))
    with builder.ledger(as_of) as ledger:
        run = ConductRun(ledger)
        facts = {
            "data": stream.envelope([], inputs=[]),  # the pages name no input: gate.json does
            "rows": rows,
            "causes": ranked(counted),
            "verify": f"riskcard verify {(out_dir / 'gate.json').as_posix()}",
            "conduct": run.counts(),
        }
        yield CONDUCT_PAGES[0], conduct.html_pieces(run)
        yield CONDUCT_PAGES[1], conduct.markdown_pieces(run)
        yield Path("index.html"), stream_template("index.html", **facts)
        yield Path("index.md"), stream_template("index.md", **facts)
        yield Path("gate.json"), spool.document(stream)


def write_reports(
    scorecards: Iterable[LoadedScorecard],
    registry: Registry,
    out_dir: Path,
    as_of: dt.date | None,
    *,
    force: bool = False,
) -> int:
    """Write the planned files into a new folder and swap it in whole (see publish/folder.py);
    how many files were written."""
    planned = plan_reports(scorecards, registry, out_dir, as_of)
    return write_files(out_dir, planned, MANIFEST, force=force)
