"""The file formats as strict pydantic models, in one import.

Each format lives in its own module (`base`, `scorecard`, `framework`,
`crosswalk`); this module gathers them for callers that use several.
"""

from __future__ import annotations

from riskcard.formats.base import (
    Citation,
    FrameworkRef,
    IsoDate,
    Slug,
    Source,
    Strict,
)
from riskcard.formats.crosswalk import CategoryMap, Crosswalk, LevelMap, SafeguardMap
from riskcard.formats.framework import (
    Category,
    Definition,
    Framework,
    Level,
    LevelTest,
    MetricTest,
    Rule,
    Safeguard,
)
from riskcard.formats.scorecard import (
    Attestation,
    Evidence,
    LevelRating,
    ModelInfo,
    Note,
    PrePostRating,
    Rating,
    Scorecard,
    Unrated,
    Waiver,
)

__all__ = [
    "Attestation",
    "Category",
    "CategoryMap",
    "Citation",
    "Crosswalk",
    "Definition",
    "Evidence",
    "Framework",
    "FrameworkRef",
    "IsoDate",
    "Level",
    "LevelMap",
    "LevelRating",
    "LevelTest",
    "MetricTest",
    "ModelInfo",
    "Note",
    "PrePostRating",
    "Rating",
    "Rule",
    "Safeguard",
    "SafeguardMap",
    "Scorecard",
    "Slug",
    "Source",
    "Strict",
    "Unrated",
    "Waiver",
]
