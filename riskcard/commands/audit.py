"""`riskcard audit`: every scorecard under every version, or what each git commit changed."""

from __future__ import annotations

from pathlib import Path

from riskcard.analysis.audit import audit as run_audit
from riskcard.analysis.gitaudit import git_audit
from riskcard.commands.common import checked_collection, emit, parse_date
from riskcard.commands.console import Console
from riskcard.renderers.audit import GIT_REPORTERS, REPORTERS
from riskcard.results.audit import AuditReport, GitAuditReport


def collection_audit(
    console: Console,
    paths: list[Path] | None,
    output_format: str = "text",
    output: Path | None = None,
    as_of: str | None = None,
) -> int:
    collection = checked_collection(paths, console)
    result = run_audit(collection, parse_date(as_of))
    inputs = [(s.path, s.sha256) for s in collection.scorecards]
    emit(console, REPORTERS[output_format](AuditReport(result, inputs)), output)
    return 0


def history_audit(
    console: Console,
    repo: Path,
    revision_range: str | None,
    output_format: str = "text",
    output: Path | None = None,
) -> int:
    commits = git_audit(repo, revision_range)
    report = GitAuditReport(str(repo), revision_range, commits)
    emit(console, GIT_REPORTERS[output_format](report), output)
    return 0
