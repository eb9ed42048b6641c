"""The data audit: what evidence stands behind each rating value of a collection.

Every rating a scorecard records is in one evidence state:

- `quoted`: a level (or pre/post split) whose citation carries an exact quote;
- `table`: a level without a quote whose locator names a table or a figure (the value is read
  from a cell, so there is no sentence to quote);
- `locator-only`: a level with neither, which the data audit refuses;
- `unverified` / `not_published`: no rating, by the category's own `status`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from riskcard.checks.collection import Collection
from riskcard.formats.models import LevelRating, PrePostRating, Scorecard, Unrated

EvidenceState = Literal["quoted", "table", "locator-only", "unverified", "not_published"]

STATES: tuple[EvidenceState, ...] = (
    "quoted",
    "table",
    "locator-only",
    "unverified",
    "not_published",
)
"""Every evidence state, in report order."""

TABLE_LOCATOR = re.compile(r"\b(?:table|figure)s?\b", re.IGNORECASE)
"""A locator naming a table or a figure ("Table 2", "scorecard table", "Figure 5")."""


@dataclass(frozen=True, order=True)
class RatingEvidence:
    """One rating value of one scorecard and the evidence that stands behind it."""

    path: str
    category: str
    state: EvidenceState
    value: str
    locator: str

    @property
    def verified(self) -> bool:
        """True for a rating the collection ships as a level (or a pre/post split)."""
        return self.state in ("quoted", "table", "locator-only")


def _state(rating: LevelRating | PrePostRating | Unrated) -> EvidenceState:
    if isinstance(rating, Unrated):
        return rating.status
    if rating.cite.quote is not None and rating.cite.quote.strip():
        return "quoted"
    if TABLE_LOCATOR.search(rating.cite.locator):
        return "table"
    return "locator-only"


def _value(rating: LevelRating | PrePostRating | Unrated) -> str:
    if isinstance(rating, LevelRating):
        return rating.level
    if isinstance(rating, PrePostRating):
        return f"{rating.pre} -> {rating.post}"
    return rating.status if rating.reported is None else f"{rating.status} ({rating.reported})"


def card_evidence(path: str, card: Scorecard) -> list[RatingEvidence]:
    """The evidence state of each rating in one scorecard, by category id."""
    return [
        RatingEvidence(path, name, _state(rating), _value(rating), rating.cite.locator)
        for name, rating in sorted(card.ratings.items())
    ]


def evidence_states(collection: Collection) -> list[RatingEvidence]:
    """The evidence state of every rating value in the collection, sorted by file and category."""
    out: list[RatingEvidence] = []
    for loaded in collection.scorecards:
        out += card_evidence(loaded.path, loaded.card)
    return sorted(out)


def state_counts(evidence: list[RatingEvidence]) -> dict[EvidenceState, int]:
    """How many rating values are in each evidence state (every state listed, zeros kept)."""
    counts = Counter(item.state for item in evidence)
    return {state: counts.get(state, 0) for state in STATES}


def unsupported(evidence: list[RatingEvidence]) -> list[RatingEvidence]:
    """The ratings shipped as levels with neither a quote nor a table or figure locator."""
    return [item for item in evidence if item.state == "locator-only"]
