"""`riskcard audit`: every scorecard under every version, or what each git commit changed."""

from __future__ import annotations

from pathlib import Path

from riskcard.analysis.audit import audit as run_audit
from riskcard.analysis.conduct import build_ledger
from riskcard.analysis.gitaudit import git_audit
from riskcard.commands.common import FilterArg, Filters, checked_collection, emit, parse_date
from riskcard.commands.console import Console
from riskcard.formats.errors import UsageError
from riskcard.renderers.audit import GIT_REPORTERS, REPORTERS
from riskcard.results.audit import AuditReport, GitAuditReport
from riskcard.results.conduct import ConductRun


def collection_audit(
    console: Console,
    paths: list[Path] | None,
    output_format: str = "text",
    output: Path | None = None,
    as_of: str | None = None,
    filters: FilterArg = None,
    revision_range: str | None = None,
) -> int:
    if revision_range is not None:
        raise UsageError("--range walks git history: give --git with it")
    collection = checked_collection(paths, console, filters)
    when = parse_date(as_of)
    result = run_audit(collection, when)
    inputs = [(s.path, s.sha256) for s in collection.scorecards]
    with build_ledger(collection.scorecards, collection.registry, when) as ledger:
        report = AuditReport(result, inputs, ConductRun(ledger))
        emit(console, REPORTERS[output_format](report), output)
    return 0


def history_audit(
    console: Console,
    repo: Path,
    revision_range: str | None,
    output_format: str = "text",
    output: Path | None = None,
    filters: FilterArg = None,
) -> int:
    if Filters.of(filters):
        raise UsageError("--model, --developer and --framework do not apply to --git")
    commits = git_audit(repo, revision_range)
    report = GitAuditReport(str(repo), revision_range, commits)
    emit(console, GIT_REPORTERS[output_format](report), output)
    return 0


def run(
    console: Console,
    paths: list[Path] | None,
    output_format: str = "text",
    output: Path | None = None,
    as_of: str | None = None,
    filters: FilterArg = None,
    git: bool = False,
    revision_range: str | None = None,
    repo: Path = Path("."),
) -> int:
    """The collection audit, or with `git` the history audit of `repo` over `revision_range`
    (or over the one path given, when it is not a file: `audit --git main~5..main`)."""
    if not git:
        return collection_audit(
            console, paths, output_format, output, as_of, filters, revision_range
        )
    single = paths[0] if paths and len(paths) == 1 and not paths[0].exists() else None
    rng = revision_range or (str(single) if single else None)
    return history_audit(console, repo, rng, output_format, output, filters)
