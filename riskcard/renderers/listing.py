"""`riskcard list` and `riskcard frameworks` output."""

from __future__ import annotations

import json
from typing import Any

from riskcard.checks.collection import LoadedScorecard
from riskcard.formats.models import LevelRating, PrePostRating, Scorecard, Unrated
from riskcard.formats.registry import Registry
from riskcard.renderers.escape import lead, visible
from riskcard.results.envelope import envelope, status_of


def rating_dict(rating: PrePostRating | LevelRating | Unrated) -> dict[str, Any]:
    if isinstance(rating, PrePostRating):
        return {"pre": rating.pre, "post": rating.post}
    if isinstance(rating, LevelRating):
        return {"level": rating.level, "precautionary": rating.precautionary}
    return {"status": rating.status}


def rating_text(rating: PrePostRating | LevelRating | Unrated) -> str:
    if isinstance(rating, PrePostRating):
        return rating.post if rating.pre == rating.post else f"{rating.pre}/{rating.post}"
    if isinstance(rating, LevelRating):
        return rating.level + ("*" if rating.precautionary else "")
    return rating.status.replace("_", " ")


def _row(card: Scorecard) -> str:
    ratings = ", ".join(f"{name}={rating_text(r)}" for name, r in card.ratings.items())
    return (
        f"{lead(card.model.id)}  {visible(card.framework.id)}@{visible(card.framework.version)}"
        f"  {card.assessed}  {visible(ratings)}"
    )


def scorecards_text(cards: list[LoadedScorecard]) -> str:
    lines = [f"{_row(c.card)}  ({visible(c.path)})" for c in cards]
    lines.append(f"{len(cards)} scorecard(s); * = precautionary; pre/post where they differ")
    return "\n".join(lines) + "\n"


def scorecards_json(cards: list[LoadedScorecard], failing: bool = False) -> str:
    """`list -f json`: `failing` when some inputs had errors (and are not listed)."""
    rows = [
        {
            "path": c.path,
            "model": c.card.model.id,
            "name": c.card.model.name,
            "framework": {"id": c.card.framework.id, "version": c.card.framework.version},
            "assessed": c.card.assessed.isoformat(),
            "ratings": {name: rating_dict(r) for name, r in c.card.ratings.items()},
        }
        for c in cards
    ]
    data = envelope("list", status_of(failing), {"scorecards": len(rows)}, {"scorecards": rows})
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def frameworks_text(registry: Registry) -> str:
    lines = []
    for f in registry.all():
        v = visible
        lines.append(f"{lead(f.id)}@{v(f.version)}  {v(f.title)} ({v(f.publisher)}, {f.effective})")
        lines.append(f"  levels: {v(' < '.join(level.id for level in f.levels))}")
        for c in f.categories:
            lines.append(f"  {c.kind:8} {v(c.id)}  ({v(c.name)})")
        for s in f.safeguards:
            kind = "security standard" if s.kind == "security" else f"{s.kind} safeguard"
            lines.append(f"  {kind:22} {v(s.id)}  ({v(s.name)})")
    return "\n".join(lines) + "\n"


def frameworks_json(registry: Registry, failing: bool = False) -> str:
    """`frameworks -f json`: `failing` when a bundled framework had findings."""
    rows = [
        {
            "id": f.id,
            "version": f.version,
            "title": f.title,
            "publisher": f.publisher,
            "effective": f.effective.isoformat(),
            "supersedes": f.supersedes,
            "url": f.url,
            "levels": [level.id for level in f.levels],
            "categories": [
                {"id": c.id, "name": c.name, "kind": c.kind, "aliases": c.aliases}
                for c in f.categories
            ],
            "safeguards": [
                {"id": s.id, "name": s.name, "kind": s.kind, "defined": s.defined}
                for s in f.safeguards
            ],
            "rules": [r.id for r in f.rules],
        }
        for f in registry.all()
    ]
    summary = {"frameworks": len(rows)}
    data = envelope("frameworks", status_of(failing), summary, {"frameworks": rows})
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
