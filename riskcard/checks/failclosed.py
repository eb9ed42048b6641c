"""Meaning checks that keep the policy engine fail-closed: a rule that cannot apply, an
ambiguous metric or a waiver beyond its limits is an error at validation, not a silent
pass at the gate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from riskcard.formats.limits import DEFAULT_MAX_DAYS, not_waivable
from riskcard.formats.models import Framework, LevelTest, Scorecard
from riskcard.formats.registry import Registry
from riskcard.inputs.loader import Path_

Issue = tuple[Path_, str, str, str]
"""(where, rule id, message, fix)."""


def framework_issues(framework: Framework) -> Iterator[Issue]:
    """Rules whose level is not on the scale of a category they cover."""
    scale = [level.id for level in framework.levels]
    for index, rule in enumerate(framework.rules):
        test = rule.when
        if not isinstance(test, LevelTest) or test.at_least not in scale:
            continue  # an unknown level is reported as framework.unknown-level
        for category in framework.categories:
            if category.kind != "tracked" or category.levels is None:
                continue
            if test.categories != "tracked" and category.id not in test.categories:
                continue
            if test.at_least not in category.levels:
                yield (
                    ("rules", index, "when", "at_least"),
                    "framework.rule-off-scale",
                    f"rule {rule.id} tests '{test.at_least}', which is not on the scale of "
                    f"'{category.id}' ({', '.join(category.levels)}); it could never apply there",
                    f"use a level of '{category.id}', or name the categories it covers",
                )


def scorecard_issues(
    card: Scorecard, registry: Registry, max_days: int = DEFAULT_MAX_DAYS
) -> Iterator[Issue]:
    """Metrics reported twice, and waivers beyond their limits."""
    seen: dict[str, int] = {}
    for index, evidence in enumerate(card.evidence):
        if evidence.metric is None:
            continue
        if evidence.metric in seen:
            yield (
                ("evidence", index, "metric"),
                "scorecard.duplicate-metric",
                f"metric {evidence.metric!r} is reported twice (first at evidence "
                f"{seen[evidence.metric] + 1}); a rule cannot tell which value holds",
                "keep one result per metric id, or give the other its own id",
            )
        else:
            seen[evidence.metric] = index
    for index, waiver in enumerate(card.waivers):
        span = (waiver.expires - waiver.starts).days
        if span < 0:
            yield (
                ("waivers", index, "expires"),
                "scorecard.date-order",
                f"waiver expires {waiver.expires}, before it starts {waiver.starts}",
                "check the two dates",
            )
        elif span > max_days:
            yield (
                ("waivers", index, "expires"),
                "scorecard.waiver-span",
                f"waiver of {waiver.rule} runs {span} days; the longest allowed is {max_days}",
                f"end it by {waiver.starts + dt.timedelta(days=max_days)}",
            )
        framework = registry.find(waiver.framework.id, waiver.framework.version)
        if framework is None:
            yield (
                ("waivers", index, "framework"),
                "scorecard.unknown-framework",
                f"waiver names unknown framework {waiver.framework.id}@{waiver.framework.version}",
                "name a framework version riskcard knows",
            )
            continue
        rules = {r.id: r for r in framework.rules}
        rule = rules.get(waiver.rule)
        if rule is None:
            yield (
                ("waivers", index, "rule"),
                "scorecard.unknown-rule",
                f"{framework.id}@{framework.version} has no rule {waiver.rule!r}",
                "allowed: " + ", ".join(sorted(rules)),
            )
        elif (why := not_waivable(framework, rule)) is not None:
            yield (
                ("waivers", index, "rule"),
                "scorecard.waiver-not-waivable",
                why,
                "meet the rule",
            )
