"""`riskcard site`: a static, self-contained HTML dashboard of a whole collection.

`plan` decides which pages exist and renders them; `gather` judges each scorecard once, in
gate order, and keeps on disk what the other pages read of it; `index` and `pages` build each
page's data; `timeline` lays out the SVG timeline; `levels` colours levels by tier. The
command hands the checked scorecards in as `SiteData`.
"""

from __future__ import annotations

from pathlib import Path

from riskcard.publish.folder import write_files
from riskcard.publish.site.levels import tier
from riskcard.publish.site.plan import SiteData, plan_site

MANIFEST = ".riskcard-site-files"

__all__ = ["MANIFEST", "SiteData", "plan_site", "tier", "write_site"]


def write_site(data: SiteData, out_dir: Path, *, force: bool = False) -> int:
    """Write the planned pages atomically, then remove pages an earlier run wrote and this
    one did not (only files inside `out_dir` that the earlier run listed). Returns how many
    pages were written."""
    return write_files(out_dir, plan_site(data, out_dir), MANIFEST, force=force)
