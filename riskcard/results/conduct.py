"""The conduct ledger as a typed result: counts, the exit decision and its JSON."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

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

    def section(self) -> dict[str, object]:
        """The ledger as JSON: what `conduct` prints after its envelope, and the `conduct`
        key of `audit`."""
        ledger = self.ledger
        return {
            "as_of": ledger.as_of.isoformat(),
            "window_days": ledger.window,
            "counts": self.counts(),
            "determinations": [d.to_json() for d in ledger.determinations],
            "commitments": [c.to_json() for c in ledger.commitments],
            "timelines": {
                who: [e.__dict__ for e in events] for who, events in ledger.timelines.items()
            },
        }

    def to_json(self) -> dict[str, object]:
        payload = {"kind": "conduct", **self.section()}
        return envelope("conduct", status_of(self.failing()), self.counts(), payload)
