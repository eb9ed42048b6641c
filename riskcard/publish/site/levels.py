"""How the site shows levels: colour tiers on a category's own scale, and rating chips.

Nothing is framework-specific: "High" and "Critical" tiers are the two highest levels a
category can take in its own framework version (never its lowest level).
"""

from __future__ import annotations

from typing import Any

from riskcard.formats.models import (
    Category,
    Framework,
    LevelRating,
    LevelTest,
    MetricTest,
    PrePostRating,
    Unrated,
)
from riskcard.formats.registry import Registry

TIER_LOW, TIER_MID, TIER_HIGH, TIER_TOP, TIER_NONE = (
    "lv-low",
    "lv-mid",
    "lv-high",
    "lv-top",
    "lv-na",
)
TIERS = [
    {"class": TIER_LOW, "label": "lowest level"},
    {"class": TIER_MID, "label": "intermediate level"},
    {"class": TIER_HIGH, "label": "second-highest level (High tier)"},
    {"class": TIER_TOP, "label": "highest level (Critical tier)"},
    {"class": TIER_NONE, "label": "no confirmed rating"},
]
VERDICT_WORD = {
    "loosening": "looser",
    "tightening": "stricter",
    "mixed": "mixed",
    "unchanged": "unchanged",
    "not comparable": "not comparable",
}
VERDICT_CLASS = {"loosening": "v-looser", "tightening": "v-stricter", "mixed": "v-mixed"}

Rating = PrePostRating | LevelRating | Unrated


def tier(order: list[str], level: str) -> str:
    """The colour tier of `level` on a category's ordered scale (lowest first)."""
    if level not in order:
        return TIER_NONE
    index, top = order.index(level), len(order) - 1
    if index == 0:
        return TIER_LOW
    if index == top:
        return TIER_TOP
    if index == top - 1:
        return TIER_HIGH
    return TIER_MID


def level_names(framework: Framework) -> dict[str, str]:
    return {level.id: level.name for level in framework.levels}


def chips(
    rating: Rating | None,
    framework: Framework,
    category: Category,
    registry: Registry,
) -> list[dict[str, Any]]:
    """What one cell of the matrix shows: each stage's level with its tier, or the status."""
    order = registry.scale(framework).levels_of(category)
    names = level_names(framework)

    def chip(stage: str, level: str, note: str = "") -> dict[str, Any]:
        return {
            "stage": stage,
            "level": level,
            "text": names.get(level, level),
            "tier": tier(order, level),
            "note": note,
        }

    if rating is None:
        return [{"stage": "", "level": "", "text": "not rated", "tier": TIER_NONE, "note": ""}]
    if isinstance(rating, PrePostRating):
        return [chip("pre", rating.pre), chip("post", rating.post)]
    if isinstance(rating, LevelRating):
        return [chip("", rating.level, "precautionary" if rating.precautionary else "")]
    reported = f"reported {names.get(rating.reported, rating.reported)}" if rating.reported else ""
    return [
        {
            "stage": "",
            "level": "",
            "text": rating.status.replace("_", " "),
            "tier": TIER_NONE,
            "note": reported,
        }
    ]


def condition_text(test: LevelTest | MetricTest, framework: Framework) -> str:
    """A rule's condition in words."""
    if isinstance(test, MetricTest):
        return f"{test.metric} {test.op} {test.threshold:g}"
    names = level_names(framework)
    where = "any tracked category" if test.categories == "tracked" else ", ".join(test.categories)
    stage = "" if test.stage == "level" else f"{test.stage}-mitigation "
    return f"{stage}level at or above {names.get(test.at_least, test.at_least)} in {where}"


def profile_text(example: dict[str, Any]) -> str:
    """A diff's smallest example profile in one line."""
    parts = [
        f"{category} " + "/".join(stages.values())
        for category, stages in sorted(example["ratings"].items())
    ]
    parts += [f"{metric}={value:g}" for metric, value in sorted(example["metrics"].items())]
    attested = ", ".join(example["attested"]) or "no safeguard"
    return f"{'; '.join(parts) or 'no ratings'}; attested: {attested}"
