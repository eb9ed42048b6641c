"""`riskcard report` and `riskcard site`: folders of rendered pages for the whole collection."""

from __future__ import annotations

from pathlib import Path

from riskcard.commands.common import checked_inputs, parse_date
from riskcard.commands.console import Console
from riskcard.publish.folder import check_target
from riskcard.publish.reports import MANIFEST as REPORTS_MANIFEST
from riskcard.publish.reports import page_order, write_reports
from riskcard.publish.site import MANIFEST as SITE_MANIFEST
from riskcard.publish.site import SiteData, write_site


def report(
    console: Console,
    paths: list[Path] | None,
    out_dir: Path,
    as_of: str | None,
    force: bool = False,
) -> int:
    check_target(out_dir, REPORTS_MANIFEST, force=force)  # before the work, not after it
    checked, keys = checked_inputs(paths, console)
    when = parse_date(as_of)
    # One scorecard at a time, in page order: nothing per scorecard is kept but small rows.
    scorecards = checked.scorecards(page_order(keys))
    written = write_reports(scorecards, checked.collection.registry, out_dir, when, force=force)
    console.note(f"wrote {written} file(s) to {out_dir}")
    return 0


def site(
    console: Console,
    out_dir: Path,
    paths: list[Path] | None,
    as_of: str | None,
    force: bool = False,
) -> int:
    check_target(out_dir, SITE_MANIFEST, force=force)
    checked, keys = checked_inputs(paths, console)
    when = parse_date(as_of)
    # One scorecard at a time, in gate order; what the index and other pages need is kept
    # on disk (publish/site/gather.py).
    data = SiteData.streamed(checked, keys, when)
    written = write_site(data, out_dir, force=force)
    console.note(f"wrote {written} page(s) to {out_dir}")
    return 0
