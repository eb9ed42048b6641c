"""Which waivers may apply: the limits every waiver must keep, checked before any is used.

A waiver names the framework version and rule it waives, runs for at most the
configured span, never waives a rule that halts development or sits at the top
of a scale unless the framework marks the rule `waivable`, and never touches a
decision that is undetermined (that last limit is applied in `policy.decide`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from riskcard.formats.limits import DEFAULT_MAX_DAYS, EXPIRY_WARNING_DAYS, not_waivable
from riskcard.formats.models import Framework, Waiver

__all__ = ["DEFAULT_MAX_DAYS", "WaiverCheck", "WaiverState", "screen"]


class WaiverState(StrEnum):
    """What became of one waiver in one evaluation."""

    APPLIED = "applied"
    """It changed its rule's decision."""
    UNUSED = "unused"
    """In force, but its rule did not fire."""
    UNDETERMINED = "undetermined"
    """Not applied: the decision it would change is undetermined (missing or unknown data)."""
    EXPIRED = "expired"
    PENDING = "pending"
    """Not yet in force."""
    OTHER_FRAMEWORK = "other_framework"
    """It names another framework version than the one judging."""
    REJECTED = "rejected"
    """It breaks a limit (span, unknown rule, rule not waivable)."""


@dataclass(frozen=True, slots=True)
class WaiverCheck:
    """One waiver and what became of it, with the reason."""

    waiver: Waiver
    state: WaiverState
    reason: str
    expires_in: int | None = None
    """Days from the evaluation date to the expiry, for waivers in force."""

    @property
    def expiring(self) -> bool:
        """True when in force and expiring within `EXPIRY_WARNING_DAYS`."""
        return self.expires_in is not None and self.expires_in <= EXPIRY_WARNING_DAYS


def screen(
    framework: Framework,
    waivers: tuple[Waiver, ...],
    as_of: dt.date,
    max_days: int = DEFAULT_MAX_DAYS,
) -> tuple[dict[str, WaiverCheck], list[WaiverCheck]]:
    """Split waivers into those in force by rule id, and the rest with why they do not apply."""
    rules = {rule.id: rule for rule in framework.rules}
    here = f"{framework.id}@{framework.version}"
    live: dict[str, WaiverCheck] = {}
    rest: list[WaiverCheck] = []
    for waiver in waivers:
        named = f"{waiver.framework.id}@{waiver.framework.version}"
        span = (waiver.expires - waiver.starts).days
        rule = rules.get(waiver.rule)
        if named != here:
            rest.append(
                WaiverCheck(
                    waiver,
                    WaiverState.OTHER_FRAMEWORK,
                    f"waiver of {waiver.rule} names {named}; not applied under {here}",
                )
            )
        elif rule is None:
            rest.append(
                WaiverCheck(waiver, WaiverState.REJECTED, f"{here} has no rule {waiver.rule}")
            )
        elif span < 0 or span > max_days:
            rest.append(
                WaiverCheck(
                    waiver,
                    WaiverState.REJECTED,
                    f"waiver of {waiver.rule} runs {span} days ({waiver.starts} to "
                    f"{waiver.expires}); the longest allowed is {max_days} days",
                )
            )
        elif (why := not_waivable(framework, rule)) is not None:
            rest.append(WaiverCheck(waiver, WaiverState.REJECTED, why))
        elif as_of < waiver.starts:
            rest.append(
                WaiverCheck(
                    waiver, WaiverState.PENDING, f"waiver of {waiver.rule} starts {waiver.starts}"
                )
            )
        elif as_of > waiver.expires:
            rest.append(
                WaiverCheck(
                    waiver,
                    WaiverState.EXPIRED,
                    f"waiver of {waiver.rule} expired {waiver.expires}",
                )
            )
        elif waiver.rule in live:
            rest.append(
                WaiverCheck(
                    waiver, WaiverState.REJECTED, f"rule {waiver.rule} is waived twice; keep one"
                )
            )
        else:
            live[waiver.rule] = WaiverCheck(
                waiver,
                WaiverState.UNUSED,
                f"waiver of {waiver.rule} is in force, but the rule did not fire",
                (waiver.expires - as_of).days,
            )
    return live, rest
