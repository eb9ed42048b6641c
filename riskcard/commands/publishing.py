"""`riskcard report` and `riskcard site`: folders of rendered pages for the whole collection."""

from __future__ import annotations

from pathlib import Path

from riskcard.analysis.audit import audit
from riskcard.commands.common import checked_collection, parse_date
from riskcard.commands.console import Console
from riskcard.engine.evaluation import evaluate
from riskcard.publish.reports import write_reports
from riskcard.publish.site import SiteData, write_site


def report(console: Console, paths: list[Path] | None, out_dir: Path, as_of: str | None) -> int:
    collection = checked_collection(paths, console)
    when = parse_date(as_of)
    evaluations = [evaluate(s, collection.registry, None, when) for s in collection.scorecards]
    written = write_reports(evaluations, out_dir, when)
    console.err(f"wrote {len(written)} file(s) to {out_dir}")
    return 0


def site(console: Console, out_dir: Path, paths: list[Path] | None, as_of: str | None) -> int:
    collection = checked_collection(paths, console)
    when = parse_date(as_of)
    evaluations = [evaluate(s, collection.registry, None, when) for s in collection.scorecards]
    data = SiteData(collection.registry, evaluations, audit(collection, when), when)
    written = write_site(data, out_dir)
    console.err(f"wrote {len(written)} page(s) to {out_dir}")
    return 0
