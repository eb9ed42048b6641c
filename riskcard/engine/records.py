"""The records the policy engine speaks: a rating profile in, firings and verdicts out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from riskcard.engine.waivers import WaiverCheck, WaiverState
from riskcard.formats.models import Rule, Safeguard, Waiver
from riskcard.formats.vocabulary import PASSING, Decision, Status

State = Literal["fired", "unknown"]
Met = Literal["met", "unmet", "unknown"]


@dataclass(frozen=True, slots=True)
class Profile:
    """The ratings a decision depends on. A category or stage absent here is unknown."""

    levels: Mapping[str, Mapping[str, str]]
    """Category id -> stage (`pre`, `post` or `level`) -> level id."""
    metrics: Mapping[str, float] = field(default_factory=dict)
    """Evidence metric id -> value (a metric reported with conflicting values is absent)."""
    attested: Mapping[str, frozenset[str] | None] = field(default_factory=dict)
    """Safeguard id -> categories it covers (None: all)."""
    unknown: Mapping[str, frozenset[str] | None] = field(default_factory=dict)
    """Safeguard id -> categories described without saying they meet it (None: all)."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """What made a rule's test true (or unknown): a rating, or a metric value."""

    subject: str
    stage: str
    value: str | None


@dataclass(frozen=True, slots=True)
class Firing:
    """A rule whose test held (`fired`) or could not be decided (`unknown`)."""

    rule: Rule
    state: State
    triggers: tuple[Trigger, ...]
    waiver: Waiver | None = None


@dataclass(frozen=True, slots=True)
class Requirement:
    """A safeguard a fired rule requires, and whether the scorecard shows it met."""

    safeguard: Safeguard
    rule: str
    categories: tuple[str, ...]
    met: Met
    reason: str

    @property
    def attested(self) -> bool:
        return self.met == "met"


@dataclass(frozen=True, slots=True)
class Verdict:
    """One decision (deploy, develop or security) and why."""

    kind: Decision
    status: str
    requires: tuple[Requirement, ...]
    firings: tuple[Firing, ...]
    waived: tuple[Firing, ...] = ()
    """Firings a waiver set aside; the status is what remains without them."""

    @property
    def met(self) -> bool:
        """True when the decision lets the gate pass."""
        if self.kind == Decision.SECURITY:
            return self.status != Status.UNDETERMINED and all(r.attested for r in self.requires)
        return self.status in PASSING


@dataclass(frozen=True, slots=True)
class Judgement:
    """All three decisions for one profile."""

    deploy: Verdict
    develop: Verdict
    security: Verdict
    warnings: tuple[Firing, ...]
    waived: tuple[Firing, ...]
    waivers: tuple[WaiverCheck, ...]
    """Every waiver the scorecard holds and what became of it."""
    overall: str

    @property
    def expired(self) -> tuple[Waiver, ...]:
        return tuple(c.waiver for c in self.waivers if c.state == WaiverState.EXPIRED)

    @property
    def verdicts(self) -> tuple[Verdict, Verdict, Verdict]:
        return (self.deploy, self.develop, self.security)

    def of(self, decision: Decision | str) -> Verdict:
        """The verdict for one decision."""
        return {v.kind: v for v in self.verdicts}[Decision(decision)]

    @property
    def passes(self) -> bool:
        """True when deployment may go ahead, development may continue and every required
        security standard is attested."""
        return all(v.met for v in self.verdicts)
