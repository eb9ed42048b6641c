"""How the ratings of one scorecard moved between two versions of its file."""

from __future__ import annotations

from typing import Any

from riskcard.formats.models import LevelRating, PrePostRating, Scorecard
from riskcard.formats.registry import Registry


def _level_of(rating: Any) -> tuple[str, str] | None:
    if isinstance(rating, PrePostRating):
        return ("post", rating.post)
    if isinstance(rating, LevelRating):
        return ("level", rating.level)
    return None


def rating_changes(old: Scorecard, new: Scorecard, registry: Registry) -> list[dict[str, Any]]:
    """Each category whose judged level changed: raised, lowered, or changed (other scale)."""
    framework = registry.find(new.framework.id, new.framework.version)
    rank = {lv.id: i for i, lv in enumerate(framework.levels)} if framework else {}
    out = []
    for name in sorted(set(old.ratings) | set(new.ratings)):
        a = _level_of(old.ratings.get(name))
        b = _level_of(new.ratings.get(name))
        if a == b:
            continue
        moved = "changed"
        if a and b and a[1] in rank and b[1] in rank and a[0] == b[0]:
            moved = "raised" if rank[b[1]] > rank[a[1]] else "lowered"
        out.append(
            {
                "category": name,
                "from": a[1] if a else None,
                "to": b[1] if b else None,
                "change": moved,
            }
        )
    return out
