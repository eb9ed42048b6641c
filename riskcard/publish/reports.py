"""`riskcard report`: the gate reports of a collection, written into one folder."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from riskcard.engine.evaluation import Evaluation
from riskcard.formats.registry import Registry
from riskcard.publish.folder import NameBook, write_folder
from riskcard.renderers import conduct
from riskcard.renderers.gate import html, markdown
from riskcard.renderers.templating import render_template
from riskcard.results.causes import cause_counts, result_causes
from riskcard.results.conduct import ConductRun
from riskcard.results.gate import GateRun, recorded_base

MANIFEST = ".riskcard-files"
CONDUCT_PAGES = (Path("conduct.html"), Path("conduct.md"))
"""The conduct ledger's pages, beside the index."""


def plan_reports(
    evaluations: list[Evaluation],
    registry: Registry,
    out_dir: Path,
    as_of: dt.date | None,
    ledger: ConductRun,
) -> Iterator[tuple[Path, str]]:
    """Every file of the report folder and its text, one at a time (the writer holds one).

    `evaluations`: each scorecard judged under the framework version it names; `registry`
    says where each framework came from; `ledger`: the conduct ledger of the same scorecards
    (`conduct.html` and `conduct.md`, linked from the index)."""
    names = NameBook(out_dir)
    for page in CONDUCT_PAGES:
        names.taken.add(page.as_posix().casefold())
    evaluations = sorted(
        evaluations,
        key=lambda e: (e.card.model.developer.casefold(), e.card.assessed, e.card.model.id),
    )
    rows = []
    for evaluation in evaluations:
        card = evaluation.card
        developer, _, model = card.model.id.partition("/")
        stem = f"{model}--{card.assessed.isoformat()}"
        single = GateRun([evaluation], as_of, registry)
        page = names.claim(developer, stem, suffix=".html")
        yield page, html(single)
        yield page.with_suffix(".md"), markdown(single)
        names.taken.add(page.with_suffix(".md").as_posix().casefold())
        data = single.to_json()["results"][0]
        rows.append(
            {
                "result": data,
                "html": page.as_posix(),
                "md": page.with_suffix(".md").as_posix(),
                "causes": result_causes(data),
            }
        )
    run = GateRun(evaluations, as_of, registry, recorded_base(out_dir))
    data = run.to_json()
    facts = {
        "data": data,
        "rows": rows,
        "causes": cause_counts(data["results"]),
        "verify": f"riskcard verify {(out_dir / 'gate.json').as_posix()}",
        "conduct": ledger.counts(),
    }
    yield CONDUCT_PAGES[0], conduct.html(ledger)
    yield CONDUCT_PAGES[1], conduct.markdown(ledger)
    yield Path("index.html"), render_template("index.html", **facts)
    yield Path("index.md"), render_template("index.md", **facts)
    yield Path("gate.json"), json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_reports(
    evaluations: list[Evaluation],
    registry: Registry,
    out_dir: Path,
    as_of: dt.date | None,
    ledger: ConductRun,
    *,
    force: bool = False,
) -> list[Path]:
    """Write the planned files into a new folder and swap it in whole (see publish/folder.py)."""
    planned = plan_reports(evaluations, registry, out_dir, as_of, ledger)
    return write_folder(out_dir, planned, MANIFEST, force=force)
