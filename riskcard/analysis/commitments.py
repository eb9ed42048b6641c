"""Framework commitments checked over the collection's timeline.

Every commitment of every framework version gets a result: one item per determination that
triggers it (or one `not_applicable` item when none does). The timeline is the collection:
its framework versions with their effective dates, the scorecards with their assessment dates,
sources and conduct. What the collection cannot show is `unverifiable`, never `kept`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from riskcard.analysis.ledger import Cited, Item, cited, releases
from riskcard.analysis.spill import Records
from riskcard.checks.collection import LoadedScorecard
from riskcard.engine.evaluation import native_levels
from riskcard.formats.framework import (
    Commitment,
    Framework,
    Notify,
    PublishReportAtRelease,
    ReviewInterval,
    UpdateFrameworkBefore,
)
from riskcard.formats.registry import Registry
from riskcard.formats.vocabulary import Outcome, worst


@dataclass(frozen=True)
class CommitmentResult:
    """One commitment of one framework version and its items (which may live on disk: read
    them as often as needed, or count them)."""

    framework: Framework
    commitment: Commitment
    items: Records[Item]

    @cached_property
    def outcome(self) -> str:
        return worst([i.outcome for i in self.items])

    @property
    def source(self) -> Cited:
        f = self.framework
        return Cited(f.title, f.url, self.commitment.locator, self.commitment.quote)

    def to_json(self) -> dict[str, object]:
        c = self.commitment
        return {
            "framework": {"id": self.framework.id, "version": self.framework.version},
            "id": c.id,
            "kind": c.check.kind,
            "check": c.check.model_dump(mode="json"),
            "wording": c.wording,
            "summary": c.summary,
            "quote": c.quote,
            "locator": c.locator,
            "outcome": self.outcome,
            "items": [i.to_json() for i in self.items],
        }


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(f"no day {day.day} in {year}-{month}")  # pragma: no cover


def reached(loaded: LoadedScorecard, registry: Registry, level: str) -> bool | None:
    """True when a tracked category's capability (pre-mitigation or single level) is at or
    above `level`; None when it is not and a tracked category is unrated (unknown)."""
    framework = registry.get(loaded.card.framework.id, loaded.card.framework.version)
    scale = registry.scale(framework)
    stage = "level" if framework.rating == "level" else "pre"
    levels = native_levels(loaded.card, registry)
    unknown = False
    for category in scale.tracked:
        order = scale.levels_of(category)
        value = levels.get(category.id, {}).get(stage)
        if value is None or level not in order or value not in order:
            unknown = True
        elif order.index(value) >= order.index(level):
            return True
    return None if unknown else False


def check_commitment(
    framework: Framework,
    commitment: Commitment,
    cards: list[LoadedScorecard],
    registry: Registry,
    as_of: dt.date,
) -> CommitmentResult:
    """One commitment over the collection's cards (those judged under `framework`)."""
    items = [i for c in cards for i in card_items(framework, commitment, c, registry)]
    return commitment_result(framework, commitment, items, registry, as_of)


def card_items(
    framework: Framework, commitment: Commitment, loaded: LoadedScorecard, registry: Registry
) -> list[Item]:
    """The items one scorecard adds to a commitment (none unless it is judged under
    `framework` and the commitment is about determinations or releases)."""
    card = loaded.card
    if (card.framework.id, card.framework.version) != (framework.id, framework.version):
        return []
    check = commitment.check
    if isinstance(check, UpdateFrameworkBefore):
        return _update_before(framework, commitment, check, [loaded], registry)
    if isinstance(check, PublishReportAtRelease):
        return _publish(commitment, check, [loaded], registry)
    return []


def commitment_result(
    framework: Framework,
    commitment: Commitment,
    items: Records[Item],
    registry: Registry,
    as_of: dt.date,
) -> CommitmentResult:
    """The result of a commitment from its cards' items (in collection order; kept as given
    unless a list, which becomes a tuple); reviews and notifications are about the framework,
    not a card."""
    check = commitment.check
    if isinstance(check, ReviewInterval):
        items = (_review(framework, commitment, check, registry, as_of),)
    elif isinstance(check, Notify):
        items = (_notify(commitment, check),)
    if not len(items):
        items = (Item("-", Outcome.NOT_APPLICABLE, commitment.id, "no determination triggers it"),)
    return CommitmentResult(
        framework, commitment, tuple(items) if isinstance(items, list) else items
    )


def _update_before(
    framework: Framework,
    commitment: Commitment,
    check: UpdateFrameworkBefore,
    under: list[LoadedScorecard],
    registry: Registry,
) -> list[Item]:
    items = []
    for loaded in under:
        card = loaded.card
        hit = reached(loaded, registry, check.at_least)
        if hit is False:
            continue
        if hit is None:
            items.append(
                Item(
                    card.model.id,
                    Outcome.UNVERIFIABLE,
                    commitment.id,
                    f"a tracked category is unrated: whether it reached {check.at_least} is "
                    "unknown",
                    (("assessed", card.assessed.isoformat()),),
                )
            )
            continue
        if check.event == "determination":
            deadline: dt.date | None = card.assessed
        else:
            out = releases(card)
            deadline = out[0].date if out else None
        if deadline is None:
            items.append(
                Item(
                    card.model.id,
                    Outcome.UNVERIFIABLE,
                    commitment.id,
                    "reached the level; no release is recorded",
                )
            )
            continue
        newer = [
            v
            for v in registry.versions(framework.id)
            if framework.effective < v.effective <= deadline
        ]
        dates = (
            ("effective", framework.effective.isoformat()),
            (check.event, deadline.isoformat()),
        )
        if newer:
            items.append(
                Item(
                    card.model.id,
                    Outcome.KEPT,
                    commitment.id,
                    f"{framework.id}@{newer[0].version} took effect {newer[0].effective}",
                    dates,
                )
            )
            continue
        items.append(
            Item(
                card.model.id,
                Outcome.BROKEN,
                commitment.id,
                f"{card.model.name} reached {check.at_least} ({check.event} {deadline}) and no "
                f"version of {framework.id} after {framework.version} took effect by then "
                "(the collection's framework versions)",
                dates,
                tuple(
                    cited(card, r.cite)
                    for r in card.ratings.values()
                    if getattr(r, "level", None) == check.at_least
                )[:1],
            )
        )
    return items


def _publish(
    commitment: Commitment,
    check: PublishReportAtRelease,
    under: list[LoadedScorecard],
    registry: Registry,
) -> list[Item]:
    items = []
    for loaded in under:
        card = loaded.card
        if check.at_least is not None:
            hit = reached(loaded, registry, check.at_least)
            if hit is False:
                continue
            if hit is None:
                items.append(
                    Item(
                        card.model.id,
                        Outcome.UNVERIFIABLE,
                        commitment.id,
                        f"whether it reached {check.at_least} is unknown",
                    )
                )
                continue
        out = releases(card)
        if not out:
            items.append(
                Item(card.model.id, Outcome.UNVERIFIABLE, commitment.id, "no release recorded")
            )
            continue
        deadline = out[0].date + dt.timedelta(days=check.within_days)
        dates = (("released", out[0].date.isoformat()), ("deadline", deadline.isoformat()))
        reports = [s for s in card.sources if s.kind == "primary" and check.report in s.reports]
        on_time = [s for s in reports if s.date is not None and s.date <= deadline]
        if on_time:
            first = min(on_time, key=lambda s: (s.date or deadline, s.id))
            items.append(
                Item(
                    card.model.id,
                    Outcome.KEPT,
                    commitment.id,
                    f"{check.report} report published {first.date}: {first.title}",
                    dates,
                    (Cited(first.title, first.url, "whole document"),),
                )
            )
        elif reports and not check.deadline_stated and all(s.date for s in reports):
            first = min(reports, key=lambda s: (s.date or deadline, s.id))
            items.append(
                Item(
                    card.model.id,
                    Outcome.UNVERIFIABLE,
                    commitment.id,
                    f"{check.report} report published {first.date}, after {deadline}; the text "
                    "names no deadline, so whether that was timely is not decided",
                    dates,
                    (Cited(first.title, first.url, "whole document"),),
                )
            )
        elif not reports or any(s.date is None for s in reports):
            why = (
                f"a {check.report} report of the model has no date"
                if reports
                else f"no {check.report} report of the model is recorded"
            )
            items.append(Item(card.model.id, Outcome.UNVERIFIABLE, commitment.id, why, dates))
        else:
            items.append(
                Item(
                    card.model.id,
                    Outcome.BROKEN,
                    commitment.id,
                    f"no {check.report} report of the model dated by {deadline}",
                    dates,
                    tuple(Cited(s.title, s.url, "whole document") for s in reports),
                )
            )
    return items


def _review(
    framework: Framework,
    commitment: Commitment,
    check: ReviewInterval,
    registry: Registry,
    as_of: dt.date,
) -> Item:
    deadline = add_months(framework.effective, check.months)
    dates = (("effective", framework.effective.isoformat()), ("deadline", deadline.isoformat()))
    ref = f"{framework.id}@{framework.version}"
    newer = [
        v for v in registry.versions(framework.id) if framework.effective < v.effective <= deadline
    ]
    if newer:
        return Item(
            ref,
            Outcome.KEPT,
            commitment.id,
            f"revised: {newer[0].version} took effect {newer[0].effective}",
            dates,
        )
    if as_of < deadline:
        return Item(ref, Outcome.NOT_APPLICABLE, commitment.id, f"not due until {deadline}", dates)
    return Item(
        ref,
        Outcome.UNVERIFIABLE,
        commitment.id,
        f"no revision by {deadline}; a review need not be published",
        dates,
    )


def _notify(commitment: Commitment, check: Notify) -> Item:
    return Item(
        "-",
        Outcome.UNVERIFIABLE,
        commitment.id,
        f"notifying {check.body} is internal; no public record shows it",
    )
