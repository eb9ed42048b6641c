"""`riskcard report`: the gate reports of a collection, written into one folder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from riskcard.atomic import write_text
from riskcard.collection import Collection
from riskcard.evaluation import evaluate
from riskcard.gate import GateRun, envelope
from riskcard.outputs import NameBook
from riskcard.reporters.gate import html, markdown
from riskcard.reporters.templating import render_template

MANIFEST = ".riskcard-files"


def plan_reports(collection: Collection, out_dir: Path, as_of: dt.date | None) -> dict[Path, str]:
    """Every file of the report folder and its text, computed before anything is written."""
    names = NameBook(out_dir)
    evaluations = sorted(
        (evaluate(s, collection.registry, None, as_of) for s in collection.scorecards),
        key=lambda e: (e.card.model.developer.casefold(), e.card.assessed, e.card.model.id),
    )
    files: dict[Path, str] = {}
    rows = []
    for evaluation in evaluations:
        card = evaluation.card
        developer, _, model = card.model.id.partition("/")
        stem = f"{model}--{card.assessed.isoformat()}"
        single = GateRun([evaluation], as_of)
        page = names.claim(developer, stem, suffix=".html")
        files[page] = html(single)
        files[page.with_suffix(".md")] = markdown(single)
        names.taken.add(page.with_suffix(".md").as_posix().casefold())
        data = envelope(single)["results"][0]
        rows.append(
            {"result": data, "html": page.as_posix(), "md": page.with_suffix(".md").as_posix()}
        )
    run = GateRun(evaluations, as_of)
    data = envelope(run)
    files[Path("index.html")] = render_template("index.html", data=data, rows=rows)
    files[Path("index.md")] = render_template("index.md", data=data, rows=rows)
    files[Path("gate.json")] = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return files


def write_reports(collection: Collection, out_dir: Path, as_of: dt.date | None) -> list[Path]:
    """Write the planned files atomically, then remove files an earlier run wrote and this
    one did not."""
    files = plan_reports(collection, out_dir, as_of)
    manifest = out_dir / MANIFEST
    previous = set(manifest.read_text("utf-8").split()) if manifest.is_file() else set()
    for relative, text in sorted(files.items()):
        write_text(out_dir / relative, text)
    current = {p.as_posix() for p in files}
    for stale in sorted(previous - current):
        target = (out_dir / stale).resolve()
        if target.is_relative_to(out_dir.resolve()) and target.is_file():
            target.unlink()
    write_text(manifest, "".join(f"{name}\n" for name in sorted(current)))
    return sorted(files)
