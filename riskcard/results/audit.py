"""Audit reports as typed records: the collection audit and the git history audit, each with
the JSON document every audit reporter renders from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from riskcard.analysis.audit import AuditResult, audit_dict
from riskcard.analysis.gitaudit import git_summary
from riskcard.results.conduct import ConductRun
from riskcard.results.envelope import envelope


@dataclass(frozen=True)
class AuditReport:
    """`riskcard audit`: the analysis of a collection, and the inputs it read."""

    result: AuditResult
    inputs: list[tuple[str, str]]
    """(path, sha256) of every scorecard judged."""
    conduct: ConductRun
    """The conduct ledger of the same scorecards (`riskcard conduct`), the `conduct` key."""

    def to_json(self) -> dict[str, Any]:
        flips = self.result.flips
        summary = {
            "scorecards": len(self.inputs),
            "evaluations": len(self.result.evaluations),
            "flips": len(flips),
            "looser": sum(f["direction"] == "looser" for f in flips),
            "stricter": sum(f["direction"] == "stricter" for f in flips),
        }
        payload = {**audit_dict(self.result, self.inputs), "conduct": self.conduct.section()}
        return envelope("audit", "pass", summary, payload)


@dataclass(frozen=True)
class GitAuditReport:
    """`riskcard audit --git`: what each commit in a range changed and which decisions flipped."""

    repository: str
    range: str | None
    commits: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        payload = {"repository": self.repository, "range": self.range, "commits": self.commits}
        return envelope("audit", "pass", git_summary(self.commits), payload)
