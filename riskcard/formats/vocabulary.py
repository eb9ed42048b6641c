"""The one vocabulary of decisions and statuses, with their one ordering.

StrEnums, so JSON, templates and comparisons with plain text see the exact
strings (`Status.BLOCKED == "blocked"`). The diff, the audit, the git walk and
the templates all order statuses with `direction` and nothing else.
"""

from __future__ import annotations

from enum import StrEnum


class Decision(StrEnum):
    """What the gate decides."""

    DEPLOY = "deploy"
    DEVELOP = "develop"
    SECURITY = "security"


GATED = (Decision.DEPLOY, Decision.DEVELOP)
"""The decisions whose statuses are ordered by permissiveness (security is a standard)."""


class Status(StrEnum):
    """The status of a deploy or develop decision (and `undetermined` for any decision)."""

    ALLOWED = "allowed"
    ALLOWED_WITH_SAFEGUARDS = "allowed_with_safeguards"
    BLOCKED = "blocked"
    CONTINUE = "continue"
    CONTINUE_WITH_SAFEGUARDS = "continue_with_safeguards"
    HALT = "halt"
    UNDETERMINED = "undetermined"


class Resolution(StrEnum):
    """How a rule's outcome combines into a decision, by decision kind."""

    BLOCK = "block"
    SAFEGUARDS = "safeguards"
    OK = "ok"


STATUS_OF: dict[Decision, dict[Resolution, Status]] = {
    Decision.DEPLOY: {
        Resolution.BLOCK: Status.BLOCKED,
        Resolution.SAFEGUARDS: Status.ALLOWED_WITH_SAFEGUARDS,
        Resolution.OK: Status.ALLOWED,
    },
    Decision.DEVELOP: {
        Resolution.BLOCK: Status.HALT,
        Resolution.SAFEGUARDS: Status.CONTINUE_WITH_SAFEGUARDS,
        Resolution.OK: Status.CONTINUE,
    },
}
"""The status a deploy or develop decision takes for each outcome."""

PERMISSIVENESS: dict[str, int] = {
    Status.BLOCKED: 0,
    Status.HALT: 0,
    Status.ALLOWED_WITH_SAFEGUARDS: 1,
    Status.CONTINUE_WITH_SAFEGUARDS: 1,
    Status.ALLOWED: 2,
    Status.CONTINUE: 2,
}
"""The one ordering of known statuses: higher lets more through. `undetermined` has no
place on it: a move to or from it is a change, never looser or stricter."""

PASSING = frozenset(s for s, rank in PERMISSIVENESS.items() if rank > 0)
"""Statuses under which a deploy or develop decision lets the gate pass."""


class Direction(StrEnum):
    """How a status moved."""

    SAME = "same"
    LOOSER = "looser"
    STRICTER = "stricter"
    CHANGED = "changed"


def direction(before: str, after: str) -> Direction:
    """Whether moving from `before` to `after` is looser, stricter, the same or only changed."""
    if before == after:
        return Direction.SAME
    if before in PERMISSIVENESS and after in PERMISSIVENESS:
        return ranked(PERMISSIVENESS[before], PERMISSIVENESS[after])
    return Direction.CHANGED


def ranked(before: int, after: int) -> Direction:
    """Direction between two positions on a permissiveness scale (higher lets more through)."""
    if before == after:
        return Direction.SAME
    return Direction.LOOSER if after > before else Direction.STRICTER


class DiffVerdict(StrEnum):
    """A diff's one-word summary."""

    LOOSENING = "loosening"
    TIGHTENING = "tightening"
    MIXED = "mixed"
    CHANGED = "changed"
    """Decisions moved, but only to or from `undetermined` (neither looser nor stricter)."""
    EQUIVALENT = "equivalent"
    """Rules changed, but no decision changed on any profile."""
    UNCHANGED = "unchanged"
    """No rule and no decision changed."""


def standard_direction(before_rank: int, after_rank: int) -> Direction:
    """Direction between two required security standards: a higher standard is stricter."""
    return ranked(-before_rank, -after_rank)


class Outcome(StrEnum):
    """Whether a developer did what its framework required (the conduct ledger)."""

    KEPT = "kept"
    BROKEN = "broken"
    UNVERIFIABLE = "unverifiable"
    """The data to decide is missing or unknown: never counted as kept."""
    NOT_APPLICABLE = "not_applicable"


OUTCOME_ORDER: dict[str, int] = {
    Outcome.NOT_APPLICABLE: 0,
    Outcome.KEPT: 1,
    Outcome.UNVERIFIABLE: 2,
    Outcome.BROKEN: 3,
}
"""Severity of outcomes: a group takes its worst member's outcome."""


def worst(outcomes: list[str]) -> str:
    """The most severe outcome of a group (`not_applicable` for none)."""
    return max(outcomes, key=OUTCOME_ORDER.__getitem__, default=Outcome.NOT_APPLICABLE)
