"""Did they keep their word? Every determination's conduct, every framework commitment, and
a timeline per developer of framework versions, determinations and conduct."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from riskcard.analysis.commitments import CommitmentResult, card_items, commitment_result
from riskcard.analysis.inforce import WINDOW_DAYS, InForce, in_force
from riskcard.analysis.ledger import Item, cited, deploy_item, develop_item
from riskcard.analysis.spill import Records, SortedSpill, Spill
from riskcard.checks.collection import LoadedScorecard
from riskcard.formats.registry import Registry
from riskcard.formats.scorecard import LevelRating, PrePostRating, Rating, Released
from riskcard.formats.vocabulary import Outcome, worst


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class CardFacts:
    """What the ledger keeps of a scorecard, instead of the scorecard: who, under what, when,
    and the dated entries of its timeline."""

    path: str
    model: str
    name: str
    developer: str
    framework: tuple[str, str]
    assessed: dt.date
    conduct: tuple[tuple[dt.date, str, str], ...]
    """(date, action, how: ` (channel)` for a release, else empty)."""
    assessors: tuple[tuple[str, dt.date], ...]
    """Each third-party assessment's assessor and date."""

    @classmethod
    def of(cls, loaded: LoadedScorecard) -> CardFacts:
        card = loaded.card
        return cls(
            loaded.path,
            card.model.id,
            card.model.name,
            card.model.developer,
            (card.framework.id, card.framework.version),
            card.assessed,
            tuple(
                (e.date, e.action, f" ({e.channel})" if isinstance(e, Released) else "")
                for e in card.conduct
            ),
            tuple((t.assessor, t.date) for t in card.third_party),
        )

    @property
    def order(self) -> tuple[dt.date, str, str]:
        """The ledger's order: date, model, path."""
        return (self.assessed, self.model, self.path)


@dataclass(frozen=True, slots=True)
class DeterminationLedger:
    """One scorecard's conduct judged against its gate, with the framework in force."""

    facts: CardFacts
    items: tuple[Item, ...]
    in_force: InForce
    third_party: tuple[Comparison, ...]

    @property
    def outcome(self) -> str:
        return worst([i.outcome for i in self.items])

    def to_json(self) -> dict[str, object]:
        facts = self.facts
        return {
            "path": facts.path,
            "model": {"id": facts.model, "name": facts.name, "developer": facts.developer},
            "framework": {"id": facts.framework[0], "version": facts.framework[1]},
            "assessed": facts.assessed.isoformat(),
            "outcome": self.outcome,
            "items": [i.to_json() for i in self.items],
            "in_force": self.in_force.to_json(),
            "third_party": [asdict(c) for c in self.third_party],
            "disagreements": sum(c.agree is False for c in self.third_party),
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One dated entry of a developer's timeline."""

    date: str
    kind: str
    """`framework`, `determination`, `third_party`, a conduct action, or `commitment`."""
    text: str
    outcome: str | None = None


@dataclass(frozen=True, slots=True)
class Ledger:
    """The whole conduct ledger of a collection.

    Its per-scorecard records live on disk (`Spill`s): each sequence may be read as often as
    needed and counted, not indexed. `close()` (or a `with` block) removes the files."""

    determinations: Records[DeterminationLedger]
    commitments: tuple[CommitmentResult, ...]
    timelines: dict[str, Records[Event]]
    as_of: dt.date
    window: int
    spills: tuple[Spill[Any], ...] = field(default=(), compare=False, repr=False)
    """The files behind the records, closed with the ledger."""

    def close(self) -> None:
        for spill in self.spills:
            spill.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
        CardFacts.of(loaded), items, in_force(loaded, registry, window), compare_third_party(loaded)
    )


class LedgerBuilder:
    """The ledger gathered one scorecard at a time, in any order: each card leaves its facts
    and items on disk, sorted as they arrive, so a streamed run never holds the collection.
    `close()` (or a `with` block) removes the builder's files; a ledger has its own."""

    def __init__(self, registry: Registry, window: int = WINDOW_DAYS) -> None:
        self.registry = registry
        self.window = window
        self.determinations: SortedSpill[DeterminationLedger] = SortedSpill(_in_order)
        self.promises = [(f, c) for f in registry.all() for c in f.commitments]
        """Every commitment of every framework version, in the ledger's order."""
        self._promise = {(f.id, f.version, c.id): n for n, (f, c) in enumerate(self.promises)}
        self.items: SortedSpill[tuple[int, tuple[dt.date, str, str], Item]] = SortedSpill(
            lambda entry: entry[:2]
        )
        """(commitment's place in `promises`, card's order, item)."""
        self.latest = max(f.effective for f in registry.all())

    def add(self, loaded: LoadedScorecard) -> None:
        card = loaded.card
        determination = _determination(loaded, self.registry, self.window)
        self.determinations.add(determination)
        self.latest = max([self.latest, card.assessed, *(c.date for c in card.conduct)])
        framework = self.registry.get(card.framework.id, card.framework.version)
        for commitment in framework.commitments:
            place = self._promise[(framework.id, framework.version, commitment.id)]
            for item in card_items(framework, commitment, loaded, self.registry):
                self.items.add((place, determination.facts.order, item))

    def ledger(self, as_of: dt.date | None = None) -> Ledger:
        """The ledger. Without `as_of`, the newest date in the data (same inputs, same
        output)."""
        when = as_of or self.latest
        determinations = Spill(self.determinations)
        items, parts = _grouped((place, item) for place, _, item in self.items)
        commitments = tuple(
            commitment_result(f, c, parts.get(n, ()), self.registry, when)
            for n, (f, c) in enumerate(self.promises)
        )
        events, timelines = _timelines(determinations, commitments, self.registry)
        spills = (determinations, items, events)
        return Ledger(determinations, commitments, timelines, when, self.window, spills)

    def close(self) -> None:
        self.determinations.close()
        self.items.close()

    def __enter__(self) -> LedgerBuilder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _in_order(determination: DeterminationLedger) -> tuple[dt.date, str, str]:
    return determination.facts.order


K = TypeVar("K")
R = TypeVar("R")


def _grouped(pairs: Iterable[tuple[K, R]]) -> tuple[Spill[R], dict[K, Records[R]]]:
    """Records that arrive grouped by key (each key's records together), written to one
    spill, and each key's part of it."""
    spill: Spill[R] = Spill()
    bounds: dict[K, int] = {}
    last: Any = None
    for key, record in pairs:
        if not bounds or key != last:
            bounds[key] = len(spill)
            last = key
        spill.append(record)
    ends = [*list(bounds.values())[1:], len(spill)][: len(bounds)]
    parts: dict[K, Records[R]] = {
        key: spill.part(start, end) for (key, start), end in zip(bounds.items(), ends, strict=True)
    }
    return spill, parts


def build_ledger(
    scorecards: Iterable[LoadedScorecard],
    registry: Registry,
    as_of: dt.date | None = None,
    window: int = WINDOW_DAYS,
) -> Ledger:
    """The ledger of `scorecards` (read once, one at a time)."""
    with LedgerBuilder(registry, window) as builder:
        for loaded in scorecards:
            builder.add(loaded)
        return builder.ledger(as_of)


EVENT_ORDER = {"framework": 0, "determination": 1, "commitment": 3}
"""How events of one day are ordered by kind (conduct and third parties: 2)."""


def _event_order(entry: tuple[str, Event]) -> tuple[str, str, int, str]:
    who, event = entry
    return (who, event.date, EVENT_ORDER.get(event.kind, 2), event.text)


def _timelines(
    determinations: Records[DeterminationLedger],
    commitments: tuple[CommitmentResult, ...],
    registry: Registry,
) -> tuple[Spill[Event], dict[str, Records[Event]]]:
    """Each developer's events by date (then kind, then text); ties keep the order they were
    found in: determinations, then framework versions, then commitments."""
    frameworks: dict[str, set[str]] = {}
    with SortedSpill(_event_order) as found:
        for d in determinations:
            facts = d.facts
            who = facts.developer
            frameworks.setdefault(who, set()).add(facts.framework[0])
            for event in _card_events(d):
                found.add((who, event))
        for who, ids in frameworks.items():
            for framework_id in ids:
                for f in registry.versions(framework_id):
                    text = f"{f.id}@{f.version} takes effect: {f.title}"
                    found.add((who, Event(f.effective.isoformat(), "framework", text)))
        for result in commitments:
            whose = [who for who, ids in frameworks.items() if result.framework.id in ids]
            if not whose:
                continue
            for item in result.items:
                if item.outcome in (Outcome.BROKEN, Outcome.UNVERIFIABLE):
                    event = _commitment_event(result, item)
                    for who in whose:
                        found.add((who, event))
        return _grouped(found)


def _card_events(d: DeterminationLedger) -> Iterator[Event]:
    facts = d.facts
    ref = "@".join(facts.framework)
    yield Event(
        facts.assessed.isoformat(),
        "determination",
        f"{facts.name}: determination under {ref}",
        d.outcome,
    )
    for assessor, day in facts.assessors:
        views = [c for c in d.third_party if (c.assessor, c.date) == (assessor, day.isoformat())]
        differ = sorted({c.category for c in views if c.agree is False})
        yield Event(
            day.isoformat(),
            "third_party",
            f"{facts.name}: assessed by {assessor}"
            + (f"; disagrees with the developer on {', '.join(differ)}" if differ else ""),
        )
    for day, action, how in facts.conduct:
        yield Event(day.isoformat(), action, f"{facts.name}: {action.replace('_', ' ')}{how}")


def _commitment_event(result: CommitmentResult, item: Item) -> Event:
    when = dict(item.dates).get("deadline") or max(
        (v for _, v in item.dates), default=result.framework.effective.isoformat()
    )
    return Event(
        when,
        "commitment",
        f"{result.framework.id}@{result.framework.version} "
        f"{result.commitment.id} ({item.subject}): {item.reason}",
        item.outcome,
    )
