"""`riskcard report` and `riskcard site`: folders of rendered pages for the whole collection."""

from __future__ import annotations

from pathlib import Path

from riskcard.commands.common import checked_collection, parse_date
from riskcard.commands.console import Console
from riskcard.publish.reports import write_reports
from riskcard.publish.site import write_site


def report(console: Console, paths: list[Path] | None, out_dir: Path, as_of: str | None) -> int:
    collection = checked_collection(paths, console)
    written = write_reports(collection, out_dir, parse_date(as_of))
    console.err(f"wrote {len(written)} file(s) to {out_dir}")
    return 0


def site(console: Console, out_dir: Path, paths: list[Path] | None, as_of: str | None) -> int:
    collection = checked_collection(paths, console)
    written = write_site(collection, out_dir, parse_date(as_of))
    console.err(f"wrote {len(written)} page(s) to {out_dir}")
    return 0
