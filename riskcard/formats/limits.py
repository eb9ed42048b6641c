"""The limits waivers keep, shared by validation and the policy engine."""

from __future__ import annotations

from riskcard.formats.framework import Framework, LevelTest, Rule
from riskcard.formats.vocabulary import Decision

DEFAULT_MAX_DAYS = 90
"""The longest span (from `starts` to `expires`) a waiver may have unless configured."""
EXPIRY_WARNING_DAYS = 14
"""A waiver that expires within this many days is reported with a warning."""


def top_of_scale(framework: Framework, rule: Rule) -> bool:
    """True when the rule's level test is at the top level of a scale it covers."""
    test = rule.when
    if not isinstance(test, LevelTest):
        return False
    scale = [level.id for level in framework.levels]
    if test.at_least == scale[-1]:
        return True
    for category in framework.categories:
        if test.categories != "tracked" and category.id not in test.categories:
            continue
        if category.levels and test.at_least == category.levels[-1]:
            return True
    return False


def not_waivable(framework: Framework, rule: Rule) -> str | None:
    """Why `rule` may not be waived, or None when it may."""
    if rule.waivable:
        return None
    if rule.decision == Decision.DEVELOP.value and rule.effect in ("block", "require"):
        return f"rule {rule.id} can halt development, and the framework does not mark it waivable"
    if top_of_scale(framework, rule):
        return (
            f"rule {rule.id} tests the top of the scale ({_at_least(rule)}), and the framework "
            "does not mark it waivable"
        )
    return None


def _at_least(rule: Rule) -> str:
    test = rule.when
    return test.at_least if isinstance(test, LevelTest) else ""
