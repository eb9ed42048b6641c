"""The framework in force on a determination's date, and revisions that changed it just before.

A revision counts as landing "shortly before" a determination when it took effect within
`window` days (default 90: about one model-release cycle) on or before the determination's
date. It *changed* the determination when the card, judged under the previous version
(translated along the crosswalks) and under the revision, gets a different deploy or develop
status. A comparison that cannot be made (no crosswalk route) is reported as unknown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from riskcard.checks.collection import LoadedScorecard
from riskcard.engine.evaluation import evaluate
from riskcard.formats.errors import RiskcardError
from riskcard.formats.framework import Framework
from riskcard.formats.registry import Registry
from riskcard.formats.vocabulary import GATED, direction

WINDOW_DAYS = 90
"""Default window for a framework change that lands shortly before a determination."""


@dataclass(frozen=True, slots=True)
class Flip:
    """One decision that a revision changed."""

    decision: str
    before: str
    after: str
    direction: str


@dataclass(frozen=True, slots=True)
class InForce:
    """Which version was in force on the determination's date, and what that means."""

    named: str
    """The version the scorecard names."""
    in_force: str | None
    """The version in force on the assessment date (None: none had taken effect)."""
    superseded: bool
    """The scorecard names a version that a later one had replaced by its date."""
    revision: str | None = None
    """A version that took effect within the window before the determination."""
    revision_effective: str | None = None
    previous: str | None = None
    flips: tuple[Flip, ...] = ()
    """Decisions the revision changed (previous -> revision)."""
    compared: bool = True
    """False when the card could not be judged under the previous version."""

    def flags(self) -> list[str]:
        """Plain sentences for the reports."""
        found = []
        if self.in_force is None:
            found.append(f"no version was in force on the assessment date (named {self.named})")
        elif self.superseded:
            found.append(f"assessed under {self.named}, superseded by {self.in_force} on its date")
        if self.revision is not None and not self.compared:
            found.append(
                f"{self.revision} took effect {self.revision_effective}, shortly before; "
                f"the card cannot be judged under {self.previous} to see what it changed"
            )
        for flip in self.flips:
            found.append(
                f"{self.revision} (effective {self.revision_effective}) changed {flip.decision} "
                f"from {flip.before} under {self.previous} to {flip.after} ({flip.direction})"
            )
        return found

    def to_json(self) -> dict[str, object]:
        return {
            "named": self.named,
            "in_force": self.in_force,
            "superseded": self.superseded,
            "revision": self.revision,
            "revision_effective": self.revision_effective,
            "previous": self.previous,
            "compared": self.compared,
            "flips": [asdict(flip) for flip in self.flips],
            "flags": self.flags(),
        }


def in_force(loaded: LoadedScorecard, registry: Registry, window: int = WINDOW_DAYS) -> InForce:
    card = loaded.card
    named = registry.get(card.framework.id, card.framework.version)
    current = registry.in_force(named.id, card.assessed)
    ref = f"{named.id}@{named.version}"
    if current is None:
        return InForce(ref, None, False)
    superseded = current.effective > named.effective
    found = InForce(ref, f"{current.id}@{current.version}", superseded)
    revision = current if current.effective >= named.effective else named
    previous = registry.predecessor(revision)
    age = (card.assessed - revision.effective).days
    if previous is None or not 0 <= age <= window:
        return found
    return _compare(found, loaded, registry, previous, revision)


def _compare(
    found: InForce,
    loaded: LoadedScorecard,
    registry: Registry,
    previous: Framework,
    revision: Framework,
) -> InForce:
    base = replace(
        found,
        revision=f"{revision.id}@{revision.version}",
        revision_effective=revision.effective.isoformat(),
        previous=f"{previous.id}@{previous.version}",
    )
    when = loaded.card.assessed
    try:
        before = evaluate(loaded, registry, previous, when).outcome
        after = evaluate(loaded, registry, revision, when).outcome
    except RiskcardError:
        return replace(base, compared=False)
    flips = tuple(
        Flip(str(kind), b, a, str(direction(b, a)))
        for kind in GATED
        if (b := before.of(kind).status) != (a := after.of(kind).status)
    )
    return replace(base, flips=flips)
