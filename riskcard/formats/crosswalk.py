"""Crosswalks: how ratings under one framework version translate to another."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from riskcard.formats.base import FrameworkRef, Slug, Strict, Text, Url


class CategoryMap(Strict):
    """Where one source category goes in the target framework."""

    source: Slug
    """Category id in the `from` framework."""
    targets: list[Slug]
    """Category ids in the `to` framework (empty: the category has no counterpart)."""
    lossy: bool = False
    """True when the mapping loses or invents information."""
    basis: Text
    """Why the mapping holds, with the framework's own words where there are any."""


class LevelMap(Strict):
    """Which target level a source level translates to."""

    source: Slug
    """Level id in the `from` framework."""
    target: Slug
    """Level id in the `to` framework."""


class SafeguardMap(Strict):
    """Which target safeguard an attested source safeguard counts as."""

    source: Slug
    """Safeguard id in the `from` framework."""
    target: Slug
    """Safeguard id in the `to` framework."""
    basis: Text
    """Why an attestation of the one counts as the other."""


class Crosswalk(Strict):
    """How ratings under one framework version translate to another."""

    format_version: Literal[1]
    """Version of this file format."""
    source: FrameworkRef = Field(alias="from")
    """The framework version ratings come from."""
    target: FrameworkRef = Field(alias="to")
    """The framework version ratings go to."""
    stage: Literal["pre", "post", "level"]
    """Which source rating becomes the target's single level (when shapes differ)."""
    categories: list[CategoryMap]
    """Category mappings."""
    levels: list[LevelMap]
    """Level mappings."""
    safeguards: list[SafeguardMap] = []
    """Attested safeguards that carry over under another id (same ids carry over anyway)."""
    basis: Text
    """Summary of the mapping's basis and its limits."""
    url: Url
    """Primary source the mapping rests on."""
