"""From a typed scorecard to a gate result: build its profile, translate, decide."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from riskcard.checks.collection import LoadedScorecard
from riskcard.engine.policy import Outcome, Profile, decide
from riskcard.engine.translate import Translation, find_route, translate, translate_attested
from riskcard.formats.models import Framework, LevelRating, PrePostRating, Rating, Scorecard
from riskcard.formats.registry import Registry


@dataclass(frozen=True)
class Evaluation:
    """One scorecard judged under one framework version."""

    path: str
    sha256: str
    card: Scorecard
    framework: Framework
    outcome: Outcome
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
            levels[category.id] = {"pre": rating.pre, "post": rating.post}
        elif isinstance(rating, LevelRating):
            levels[category.id] = {"level": rating.level}
    return levels


def card_profile(card: Scorecard, levels: dict[str, dict[str, str]]) -> Profile:
    attested: dict[str, frozenset[str] | None] = {}
    for attestation in card.safeguards:
        if attestation.categories == "all":
            attested[attestation.safeguard] = None
        elif attestation.safeguard not in attested or attested[attestation.safeguard] is not None:
            previous = attested.get(attestation.safeguard) or frozenset()
            attested[attestation.safeguard] = previous | frozenset(attestation.categories)
    metrics = {e.metric: float(e.result) for e in card.evidence if e.metric is not None}
    return Profile(levels=levels, metrics=metrics, attested=attested)


def evaluate(
    loaded: LoadedScorecard,
    registry: Registry,
    framework: Framework | None = None,
    as_of: dt.date | None = None,
) -> Evaluation:
    """Judge a scorecard under `framework` (default: the version it names)."""
    card = loaded.card
    native = registry.get(card.framework.id, card.framework.version)
    target = framework or native
    levels = native_levels(card, registry)
    translation = None
    profile = card_profile(card, levels)
    if target is not native:
        crosswalk = find_route(registry, native, target)
        levels, lines = translate(levels, native, target, crosswalk)
        translation = Translation(native, target, crosswalk, tuple(lines))
        mapped = {m.source: m.targets for m in crosswalk.categories} if crosswalk else None
        attested = translate_attested(profile.attested, target, crosswalk, mapped)
        profile = Profile(levels=levels, metrics=profile.metrics, attested=attested)
    outcome = decide(target, profile, tuple(card.waivers), as_of)
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
