"""A framework version measured against a law: the requirement table and computed checks.

Framework-document requirements come from the compliance map. Deadlines are computed from
the framework's version dates, transparency-report timing and the compute threshold from the
scorecards judged under the version. Missing data never counts as met: it is `unverified`
(the map says the text was not checked) or `unknown` (the data to compute it is not public
or not recorded).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from riskcard.formats.law import ComplianceDocument, ComplianceMap, Law, Requirement
from riskcard.formats.models import Framework, Scorecard
from riskcard.formats.registry import Registry
from riskcard.formats.version import __version__

COMPUTE_METRIC = "training-compute-ops"
"""The evidence metric a scorecard records training compute under (operations)."""

# Statuses a requirement row can take; `ok` ones never fail a `--fail-on` gate.
OK_STATUSES = ("met", "not_applicable", "not_due")
RANK = {"met": 3, "partial": 2, "absent": 1, "missed": 1}


@dataclass(frozen=True)
class Row:
    """One requirement of the law and where the framework stands on it."""

    id: str
    title: str
    section: str
    applies_to: str
    law_quote: str | None
    text_basis: str
    status: str
    locator: str | None = None
    quote: str | None = None
    reason: str | None = None
    due: str | None = None


@dataclass(frozen=True)
class RiskRow:
    """Coverage of one of the law's specified risks by the framework's categories."""

    risk: str
    name: str
    section: str
    status: str
    categories: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class ModelRow:
    """A model judged under the framework version: report timing and compute threshold."""

    model: str
    released: str | None
    report: str
    report_status: str
    compute_status: str
    compute_detail: str


@dataclass
class ComplianceResult:
    """The whole answer for one framework version under one law version."""

    framework: dict[str, str]
    law: dict[str, str]
    map_origin: str | None
    as_of: dt.date
    rows: list[Row] = field(default_factory=list)
    risks: list[RiskRow] = field(default_factory=list)
    models: list[ModelRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    kind: str = "framework"
    """What is measured: a `framework` version or a compliance `document` version."""

    def failing(self, fail_on: str) -> list[Row]:
        """Rows that fail `--fail-on absent` (absent, missed, unverified, unknown) or
        `--fail-on partial` (those and partial)."""
        allowed = OK_STATUSES + (("partial",) if fail_on == "absent" else ())
        return [row for row in self.rows if row.status not in allowed]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        return dict(sorted(counts.items()))

    def to_json(self) -> dict[str, Any]:
        return {
            "riskcard": __version__,
            "kind": "compliance",
            "as_of": self.as_of.isoformat(),
            self.kind: self.framework,
            "law": self.law,
            "map": self.map_origin,
            "counts": self.counts(),
            "requirements": [asdict(row) for row in self.rows],
            "risks": [dict(asdict(r), categories=list(r.categories)) for r in self.risks],
            "models": [asdict(m) for m in self.models],
            "notes": self.notes,
        }


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month where it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 exists in every month


@dataclass(frozen=True, slots=True)
class ModelFacts:
    """What a compliance check reads of a scorecard: the model, its dates and the training
    compute it records (value, whether its source is primary, and where)."""

    model: str
    framework: tuple[str, str]
    released: dt.date | None
    assessed: dt.date
    compute: tuple[tuple[float, bool, str], ...]

    @classmethod
    def of(cls, card: Scorecard) -> ModelFacts:
        kinds = {source.id: source.kind for source in card.sources}
        return cls(
            card.model.id,
            (card.framework.id, card.framework.version),
            card.model.released,
            card.assessed,
            tuple(
                (
                    e.result,
                    kinds.get(e.cite.source) == "primary",
                    f"{e.cite.source}, {e.cite.locator}",
                )
                for e in card.evidence
                if e.metric == COMPUTE_METRIC
            ),
        )


def compute_status(card: Scorecard | ModelFacts, threshold: int | None) -> tuple[str, str]:
    """Whether the model's recorded training compute is above the law's threshold: `above`,
    `not_above` or `unknown` (no threshold, nothing recorded, or only a secondary source)."""
    if threshold is None:
        return "unknown", "the law text read states no compute threshold"
    facts = card if isinstance(card, ModelFacts) else ModelFacts.of(card)
    primary = [(value, where) for value, first_hand, where in facts.compute if first_hand]
    if not primary:
        what = "only in a secondary source" if facts.compute else "not recorded"
        return "unknown", f"training compute is {what} in the scorecard"
    value = max(v for v, _ in primary)
    where = primary[0][1]
    if value > threshold:
        return "above", f"{value:.3g} operations ({where}) > {threshold:.3g}"
    return "not_above", f"{value:.3g} operations ({where}) <= {threshold:.3g}"


def map_row(requirement: Requirement, cmap: ComplianceMap | None) -> Row:
    base = base_fields(requirement)
    entry = next(
        (e for e in (cmap.entries if cmap else []) if e.requirement == requirement.id), None
    )
    if entry is None:
        reason = (
            "no compliance map for this version and law: not read against this law"
            if cmap is None
            else ("the compliance map has no entry for this requirement")
        )
        return Row(**base, status="unverified", reason=reason)
    return Row(
        **base, status=entry.status, locator=entry.locator, quote=entry.quote, reason=entry.reason
    )


def base_fields(requirement: Requirement) -> dict[str, Any]:
    return {
        "id": requirement.id,
        "title": requirement.title,
        "section": requirement.section,
        "applies_to": requirement.applies_to,
        "law_quote": requirement.quote,
        "text_basis": requirement.text_basis,
    }


def review_row(
    requirement: Requirement,
    months: int,
    framework: Framework | ComplianceDocument,
    versions: Sequence[Framework | ComplianceDocument],
    law: Law,
    as_of: dt.date,
) -> Row:
    """The yearly review, counted from the version date: met when a later version of the
    same document (in `versions`, oldest first) took effect in time."""
    due = add_months(framework.effective, months)
    base = dict(base_fields(requirement), due=due.isoformat())
    later = [v for v in versions if v.effective > framework.effective]
    successor = later[0] if later else None
    if successor is not None and successor.effective <= due:
        return Row(
            **base,
            status="met",
            locator=f"{successor.id}@{successor.version}",
            quote=None,
            reason=f"updated to version {successor.version} on {successor.effective} "
            f"(within {months} months of {framework.effective}; counted from the version date)",
        )
    start = law.effective or law.enacted
    if start is not None and due < start:
        return Row(
            **base, status="not_applicable", reason=f"due before the law took effect ({start})"
        )
    if due > as_of:
        return Row(**base, status="not_due", reason=f"next review due by {due}")
    return Row(
        **base,
        status="unknown",
        reason=f"no published update by {due}; a review that changed nothing would not be visible",
    )


def _report_row(requirement: Requirement, models: list[ModelRow]) -> Row:
    base = base_fields(requirement)
    if requirement.deadline is None or requirement.deadline.kind != "before_deployment":
        return Row(
            **base, status="unknown", reason="the report goes to the authority and is not public"
        )
    judged = [m for m in models if m.report_status != "not_applicable"]
    if not judged:
        return Row(
            **base, status="unknown", reason="no scorecard under this version to time against"
        )
    late = [
        f"{m.model} (released {m.released}, its earliest card in the collection {m.report})"
        for m in judged
        if m.report_status == "late"
    ]
    if late:
        return Row(
            **base, status="missed", reason="card published after release: " + ", ".join(late)
        )
    if any(m.report_status == "unknown" for m in judged):
        return Row(
            **base,
            status="unknown",
            reason="a model's release date, or the date the law took effect, is not recorded",
        )
    return Row(
        **base,
        status="partial",
        reason="every card was published at or before release (timing only; contents not checked)",
    )


def risk_rows(law: Law, framework: Framework | None, cmap: ComplianceMap | None) -> list[RiskRow]:
    kinds = {c.id: c.kind for c in framework.categories} if framework else {}
    rows = []
    for risk in law.risks:
        cats: tuple[str, ...] = ()
        coverage = next((c for c in (cmap.risks if cmap else []) if c.risk == risk.id), None)
        if coverage is None:
            status, reason = "unknown", "the compliance map gives no coverage for it"
        elif not coverage.categories:
            status, reason = "absent", coverage.basis
        else:
            cats = tuple(coverage.categories)
            tracked = [name for name in cats if kinds.get(name) == "tracked"]
            if coverage.partial_reason:
                status, reason = "partial", coverage.partial_reason
            elif tracked:
                status, reason = "covered", coverage.basis
            else:
                status, reason = (
                    "partial",
                    "monitored only as research categories, which never gate",
                )
        rows.append(RiskRow(risk.id, risk.name, risk.section, status, cats, reason))
    return rows


def _model_rows(law: Law, cards: Iterable[ModelFacts]) -> list[ModelRow]:
    rows = []
    start = law.effective or law.enacted
    first: dict[str, ModelFacts] = {}
    for card in sorted(cards, key=lambda c: (c.model, c.assessed)):
        first.setdefault(card.model, card)  # the report at deployment is the earliest card
    for card in first.values():
        released = card.released
        if released is None or start is None:
            # Without the law's date, a model released before it is not "late" but unknown.
            status = "unknown"
        elif released < start:
            status = "not_applicable"
        else:
            status = "on_time" if card.assessed <= released else "late"
        compute, detail = compute_status(card, law.compute_threshold_ops)
        rows.append(
            ModelRow(
                card.model,
                released.isoformat() if released else None,
                card.assessed.isoformat(),
                status,
                compute,
                detail,
            )
        )
    return rows


def comply(
    framework: Framework,
    law: Law,
    registry: Registry,
    cards: Iterable[Scorecard | ModelFacts] = (),
    as_of: dt.date | None = None,
) -> ComplianceResult:
    """Measure `framework` against `law`; `cards` are scorecards judged under it (or what a
    streamed run kept of them)."""
    when = as_of or dt.date.today()
    found = registry.compliance.get(((framework.id, framework.version), (law.id, law.version)))
    cmap, origin = found if found else (None, None)
    facts = (c if isinstance(c, ModelFacts) else ModelFacts.of(c) for c in cards)
    mine = [f for f in facts if f.framework == (framework.id, framework.version)]
    result = ComplianceResult(framework.facts(), law.facts(), origin, when)
    result.models = _model_rows(law, mine)
    versions = registry.versions(framework.id)
    result.rows = requirement_rows(
        law,
        cmap,
        lambda requirement, months: review_row(requirement, months, framework, versions, law, when),
        lambda requirement: _report_row(requirement, result.models),
    )
    finish(result, law, framework, cmap)
    return result


def requirement_rows(
    law: Law,
    cmap: ComplianceMap | None,
    review: Callable[[Requirement, int], Row],
    report: Callable[[Requirement], Row],
) -> list[Row]:
    """One row per requirement of `law`: a framework element from the compliance map, the
    review clock by `review`, a per-model report by `report`; clocks the public record cannot
    show are `unknown`."""
    rows = []
    for requirement in law.requirements:
        deadline = requirement.deadline
        if requirement.applies_to == "framework_document":
            row = map_row(requirement, cmap)
        elif deadline is not None and deadline.kind == "review_interval" and deadline.months:
            row = review(requirement, deadline.months)
        elif deadline is not None and deadline.kind == "republish_after_change":
            row = Row(
                **base_fields(requirement),
                status="unknown",
                reason="when a modification was made is not published; only the version date is",
            )
        elif requirement.applies_to == "model_report":
            row = report(requirement)
        else:
            row = Row(
                **base_fields(requirement),
                status="unknown",
                reason="incident reports are not public",
            )
        rows.append(row)
    return rows


def finish(
    result: ComplianceResult,
    law: Law,
    framework: Framework | None,
    cmap: ComplianceMap | None,
    *extra_notes: str,
) -> None:
    """The risk coverage rows and the notes of a result."""
    result.risks = risk_rows(law, framework, cmap)
    if not law.risks:
        result.notes.append("The law file encodes no specified risks, so risk coverage is unknown.")
    result.notes += law.notes + (cmap.notes if cmap else []) + list(extra_notes)
