"""The conduct ledger as a typed result: counts, the exit decision and its JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
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

    def outcomes(self) -> list[str]:
        """Every item's outcome: determinations' and commitments'."""
        found = [i.outcome for d in self.ledger.determinations for i in d.items]
        found += [i.outcome for c in self.ledger.commitments for i in c.items]
        return found

    def counts(self) -> dict[str, int]:
        counted = Counter(self.outcomes())
        return {str(o): counted.get(o, 0) for o in sorted(Outcome, key=OUTCOME_ORDER.__getitem__)}

    def failing(self, fail_on: str | None = None) -> bool:
        fail_on = fail_on or self.fail_on
        if fail_on is None:
            return False
        bad = FAIL_ON[fail_on]
        return any(o in bad for o in self.outcomes())

    def section(self, lazy: bool = False) -> dict[str, object]:
        """The ledger as JSON: what `conduct` prints after its envelope, and the `conduct`
        key of `audit`. `lazy`: determinations and commitments are made afresh each time a
        template reads them, never held as one list (for pages rendered piece by piece)."""
        ledger = self.ledger
        shown: Callable[[Sequence[Any]], object] = Fresh if lazy else _listed
        return {
            "as_of": ledger.as_of.isoformat(),
            "window_days": ledger.window,
            "counts": self.counts(),
            "determinations": shown(ledger.determinations),
            "commitments": shown(ledger.commitments),
            "timelines": {
                who: [asdict(e) for e in events] for who, events in ledger.timelines.items()
            },
        }

    def to_json(self, lazy: bool = False) -> dict[str, object]:
        payload = {"kind": "conduct", **self.section(lazy)}
        return envelope("conduct", status_of(self.failing()), self.counts(), payload)


class Fresh:
    """A sequence of records read as JSON, each made when it is reached (and dropped after)."""

    def __init__(self, records: Sequence[Any]) -> None:
        self.records = records

    def __iter__(self) -> Iterator[Any]:
        return (record.to_json() for record in self.records)


def _listed(records: Sequence[Any]) -> list[Any]:
    return [record.to_json() for record in records]
