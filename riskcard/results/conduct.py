"""The conduct ledger as a typed result: counts, the exit decision and its JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any

from riskcard.analysis.conduct import Ledger
from riskcard.formats.vocabulary import OUTCOME_ORDER, Outcome
from riskcard.results.envelope import envelope, status_of

FAIL_ON = {
    "broken": frozenset({Outcome.BROKEN}),
    "unverifiable": frozenset({Outcome.BROKEN, Outcome.UNVERIFIABLE}),
}
"""`--fail-on` values and the outcomes that make the command exit 1."""


@dataclass(frozen=True)
class ConductRun:
    """`riskcard conduct` over one collection."""

    ledger: Ledger
    fail_on: str | None = None
    """`--fail-on`: broken or unverifiable."""

    def outcomes(self) -> Iterator[str]:
        """Every item's outcome: determinations' and commitments'."""
        for d in self.ledger.determinations:
            yield from (i.outcome for i in d.items)
        for c in self.ledger.commitments:
            yield from (i.outcome for i in c.items)

    @cached_property
    def _counted(self) -> Counter[str]:
        """Counted once: the ledger's records are read from disk."""
        return Counter(self.outcomes())

    def counts(self) -> dict[str, int]:
        counted = self._counted
        return {str(o): counted.get(o, 0) for o in sorted(Outcome, key=OUTCOME_ORDER.__getitem__)}

    def failing(self, fail_on: str | None = None) -> bool:
        fail_on = fail_on or self.fail_on
        if fail_on is None:
            return False
        bad = FAIL_ON[fail_on]
        return any(self._counted[o] for o in bad)

    def section(self, lazy: bool = False) -> dict[str, object]:
        """The ledger as JSON: what `conduct` prints after its envelope, and the `conduct`
        key of `audit`. `lazy`: determinations and commitments are made afresh each time a
        template reads them, never held as one list (for pages rendered piece by piece)."""
        ledger = self.ledger
        shown: Callable[[Iterable[Any], Callable[[Any], Any]], object] = Fresh if lazy else _listed
        return {
            "as_of": ledger.as_of.isoformat(),
            "window_days": ledger.window,
            "counts": self.counts(),
            "determinations": shown(ledger.determinations, _as_json),
            "commitments": shown(ledger.commitments, _as_json),
            "timelines": {who: shown(events, asdict) for who, events in ledger.timelines.items()},
        }

    def to_json(self, lazy: bool = False) -> dict[str, object]:
        payload = {"kind": "conduct", **self.section(lazy)}
        return envelope("conduct", status_of(self.failing()), self.counts(), payload)


class Fresh:
    """A sequence of records read as JSON, each made when it is reached (and dropped after)."""

    def __init__(self, records: Iterable[Any], shown: Callable[[Any], Any]) -> None:
        self.records = records
        self.shown = shown

    def __iter__(self) -> Iterator[Any]:
        return (self.shown(record) for record in self.records)


def _as_json(record: Any) -> Any:
    return record.to_json()


def _listed(records: Iterable[Any], shown: Callable[[Any], Any]) -> list[Any]:
    return [shown(record) for record in records]
