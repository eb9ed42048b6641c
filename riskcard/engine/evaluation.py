"""From a typed scorecard to a gate result: build its profile, translate, decide."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from riskcard.checks.collection import LoadedScorecard
from riskcard.engine.policy import Judgement, Profile, decide
from riskcard.engine.translate import Translation, find_route, translate_route
from riskcard.engine.waivers import DEFAULT_MAX_DAYS
from riskcard.formats.models import Framework, LevelRating, PrePostRating, Rating, Scorecard
from riskcard.formats.registry import Registry


@dataclass(frozen=True)
class Evaluation:
    """One scorecard judged under one framework version."""

    path: str
    sha256: str
    card: Scorecard
    framework: Framework
    outcome: Judgement
    translation: Translation | None
    profile: Profile
    lines: dict[str, int]
    """Canonical category id of the card's own framework -> line of its rating."""
    ratings: dict[str, Rating]
    """The card's ratings by canonical category id of its own framework."""

    @property
    def passes(self) -> bool:
        return self.outcome.passes


def native_levels(card: Scorecard, registry: Registry) -> dict[str, dict[str, str]]:
    """The card's known ratings by canonical category id (unrated categories are absent)."""
    framework = registry.get(card.framework.id, card.framework.version)
    scale = registry.scale(framework)
    levels: dict[str, dict[str, str]] = {}
    for name, rating in card.ratings.items():
        category = scale.category(name)
        if category is None:
            continue
        if isinstance(rating, PrePostRating):
            # An unstated pre-mitigation level is unknown to every rule that reads it.
            levels[category.id] = (
                {"pre": rating.pre, "post": rating.post}
                if rating.pre_stated
                else {"post": rating.post}
            )
        elif isinstance(rating, LevelRating):
            levels[category.id] = {"level": rating.level}
    return levels


def _scopes(card: Scorecard, status: str) -> dict[str, frozenset[str] | None]:
    scopes: dict[str, frozenset[str] | None] = {}
    for attestation in card.safeguards:
        if attestation.status != status:
            continue
        if attestation.categories == "all":
            scopes[attestation.safeguard] = None
        elif attestation.safeguard not in scopes or scopes[attestation.safeguard] is not None:
            previous = scopes.get(attestation.safeguard) or frozenset()
            scopes[attestation.safeguard] = previous | frozenset(attestation.categories)
    return scopes


def card_metrics(card: Scorecard) -> dict[str, float]:
    """Evidence metric values by id. A metric reported twice with different values is left
    out (unknown): which one holds cannot be decided, so no rule may pass on it."""
    values: dict[str, set[float]] = {}
    for evidence in card.evidence:
        if evidence.metric is not None:
            values.setdefault(evidence.metric, set()).add(float(evidence.result))
    return {metric: next(iter(found)) for metric, found in values.items() if len(found) == 1}


def card_profile(card: Scorecard, levels: dict[str, dict[str, str]]) -> Profile:
    return Profile(
        levels=levels,
        metrics=card_metrics(card),
        attested=_scopes(card, "attested"),
        unknown=_scopes(card, "unknown"),
    )


def evaluate(
    loaded: LoadedScorecard,
    registry: Registry,
    framework: Framework | None = None,
    as_of: dt.date | None = None,
    max_days: int = DEFAULT_MAX_DAYS,
) -> Evaluation:
    """Judge a scorecard under `framework` (default: the version it names)."""
    card = loaded.card
    native = registry.get(card.framework.id, card.framework.version)
    target = framework or native
    levels = native_levels(card, registry)
    translation = None
    profile = card_profile(card, levels)
    if target is not native:
        route = find_route(registry, native, target)
        profile, lines = translate_route(profile, route)
        translation = Translation(native, target, route, tuple(lines))
    outcome = decide(target, profile, tuple(card.waivers), as_of, max_days=max_days)
    scale = registry.scale(native)
    lines_of = {}
    ratings: dict[str, Rating] = {}
    for name, rating in card.ratings.items():
        category = scale.category(name)
        canonical = category.id if category else name
        lines_of[canonical] = loaded.doc.locate(("ratings", name), key=True)[0]
        ratings[canonical] = rating
    return Evaluation(
        loaded.path,
        loaded.sha256,
        card,
        target,
        outcome,
        translation,
        profile,
        lines_of,
        ratings,
    )
