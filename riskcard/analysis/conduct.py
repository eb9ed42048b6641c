"""Did they keep their word? Every determination's conduct, every framework commitment, and
a timeline per developer of framework versions, determinations and conduct."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from riskcard.analysis.commitments import CommitmentResult, check_commitment
from riskcard.analysis.inforce import WINDOW_DAYS, InForce, in_force
from riskcard.analysis.ledger import Item, cited, deploy_item, develop_item
from riskcard.checks.collection import LoadedScorecard
from riskcard.formats.registry import Registry
from riskcard.formats.scorecard import LevelRating, PrePostRating, Rating, Released
from riskcard.formats.vocabulary import Outcome, worst


@dataclass(frozen=True)
class Comparison:
    """A third party's rating of one category beside the developer's."""

    assessor: str
    date: str
    category: str
    developer: str | None
    third_party: str | None
    agree: bool | None
    """None when either side is unrated (cannot be compared)."""
    source: dict[str, str | None]


@dataclass(frozen=True)
class DeterminationLedger:
    """One scorecard's conduct judged against its gate, with the framework in force."""

    loaded: LoadedScorecard
    items: tuple[Item, ...]
    in_force: InForce
    third_party: tuple[Comparison, ...]

    @property
    def outcome(self) -> str:
        return worst([i.outcome for i in self.items])

    def to_json(self) -> dict[str, object]:
        card = self.loaded.card
        return {
            "path": self.loaded.path,
            "model": {
                "id": card.model.id,
                "name": card.model.name,
                "developer": card.model.developer,
            },
            "framework": {"id": card.framework.id, "version": card.framework.version},
            "assessed": card.assessed.isoformat(),
            "outcome": self.outcome,
            "items": [i.to_json() for i in self.items],
            "in_force": self.in_force.to_json(),
            "third_party": [c.__dict__ for c in self.third_party],
            "disagreements": sum(c.agree is False for c in self.third_party),
        }


@dataclass(frozen=True)
class Event:
    """One dated entry of a developer's timeline."""

    date: str
    kind: str
    """`framework`, `determination`, `third_party`, a conduct action, or `commitment`."""
    text: str
    outcome: str | None = None


@dataclass(frozen=True)
class Ledger:
    """The whole conduct ledger of a collection."""

    determinations: tuple[DeterminationLedger, ...]
    commitments: tuple[CommitmentResult, ...]
    timelines: dict[str, tuple[Event, ...]]
    as_of: dt.date
    window: int


def _shown(rating: Rating) -> str | None:
    if isinstance(rating, LevelRating):
        return rating.level
    if isinstance(rating, PrePostRating):
        return f"pre {rating.pre}, post {rating.post}"
    return None


def compare_third_party(loaded: LoadedScorecard) -> tuple[Comparison, ...]:
    card = loaded.card
    found = []
    for assessment in card.third_party:
        for name, rating in sorted(assessment.ratings.items()):
            own = card.ratings.get(name)
            mine, theirs = (_shown(own) if own else None), _shown(rating)
            agree = None if mine is None or theirs is None else mine == theirs
            source = cited(card, assessment.cite).to_json()
            found.append(
                Comparison(
                    assessment.assessor,
                    assessment.date.isoformat(),
                    name,
                    mine,
                    theirs,
                    agree,
                    source,
                )
            )
    return tuple(found)


def _determination(loaded: LoadedScorecard, registry: Registry, window: int) -> DeterminationLedger:
    items = (deploy_item(loaded, registry), develop_item(loaded, registry))
    return DeterminationLedger(
        loaded, items, in_force(loaded, registry, window), compare_third_party(loaded)
    )


def build_ledger(
    scorecards: list[LoadedScorecard],
    registry: Registry,
    as_of: dt.date | None = None,
    window: int = WINDOW_DAYS,
) -> Ledger:
    """The ledger. Without `as_of`, the newest date in the data (same inputs, same output)."""
    cards = sorted(scorecards, key=lambda s: (s.card.assessed, s.card.model.id, s.path))
    dates = [f.effective for f in registry.all()] + [s.card.assessed for s in cards]
    dates += [c.date for s in cards for c in s.card.conduct]
    when = as_of or max(dates)
    determinations = tuple(_determination(s, registry, window) for s in cards)
    commitments = tuple(
        check_commitment(f, c, cards, registry, when) for f in registry.all() for c in f.commitments
    )
    return Ledger(
        determinations, commitments, _timelines(determinations, commitments, registry), when, window
    )


def _timelines(
    determinations: tuple[DeterminationLedger, ...],
    commitments: tuple[CommitmentResult, ...],
    registry: Registry,
) -> dict[str, tuple[Event, ...]]:
    frameworks: dict[str, set[str]] = {}
    events: dict[str, list[Event]] = {}
    for d in determinations:
        card = d.loaded.card
        who = card.model.developer
        frameworks.setdefault(who, set()).add(card.framework.id)
        mine = events.setdefault(who, [])
        ref = f"{card.framework.id}@{card.framework.version}"
        mine.append(
            Event(
                card.assessed.isoformat(),
                "determination",
                f"{card.model.name}: determination under {ref}",
                d.outcome,
            )
        )
        for assessment in card.third_party:
            views = [
                c
                for c in d.third_party
                if (c.assessor, c.date) == (assessment.assessor, assessment.date.isoformat())
            ]
            differ = sorted({c.category for c in views if c.agree is False})
            mine.append(
                Event(
                    assessment.date.isoformat(),
                    "third_party",
                    f"{card.model.name}: assessed by {assessment.assessor}"
                    + (f"; disagrees with the developer on {', '.join(differ)}" if differ else ""),
                )
            )
        for entry in card.conduct:
            how = f" ({entry.channel})" if isinstance(entry, Released) else ""
            mine.append(
                Event(
                    entry.date.isoformat(),
                    entry.action,
                    f"{card.model.name}: {entry.action.replace('_', ' ')}{how}",
                )
            )
    for who, ids in frameworks.items():
        for framework_id in ids:
            for f in registry.versions(framework_id):
                events[who].append(
                    Event(
                        f.effective.isoformat(),
                        "framework",
                        f"{f.id}@{f.version} takes effect: {f.title}",
                    )
                )
        for result in commitments:
            if result.framework.id not in ids:
                continue
            for item in result.items:
                if item.outcome in (Outcome.BROKEN, Outcome.UNVERIFIABLE):
                    day = dict(item.dates).get("deadline") or max(
                        (v for _, v in item.dates), default=result.framework.effective.isoformat()
                    )
                    events[who].append(
                        Event(
                            day,
                            "commitment",
                            f"{result.framework.id}@{result.framework.version} "
                            f"{result.commitment.id} ({item.subject}): {item.reason}",
                            item.outcome,
                        )
                    )
    order = {"framework": 0, "determination": 1, "commitment": 3}
    return {
        who: tuple(sorted(found, key=lambda e: (e.date, order.get(e.kind, 2), e.text)))
        for who, found in sorted(events.items())
    }
