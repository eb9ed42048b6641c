"""Translate ratings between framework versions through a crosswalk."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from riskcard.formats.errors import UsageError
from riskcard.formats.models import Crosswalk, Framework
from riskcard.formats.registry import Registry

Levels = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Translation:
    """How a profile was carried from one framework version to another."""

    source: Framework
    target: Framework
    crosswalk: Crosswalk | None
    lines: tuple[str, ...]
    """Human-readable account of each mapping used, lossy ones marked."""


def find_route(registry: Registry, source: Framework, target: Framework) -> Crosswalk | None:
    """The crosswalk to use, None for identity. Raises when the versions cannot be compared."""
    if source is target:
        return None
    crosswalk = registry.crosswalk(source, target)
    if crosswalk is not None:
        return crosswalk
    if identity_possible(source, target):
        return None
    raise UsageError(
        f"no crosswalk from {source.id}@{source.version} to {target.id}@{target.version}, "
        "and their categories or levels differ"
    )


def identity_possible(source: Framework, target: Framework) -> bool:
    """Same framework family with the same rating shape: categories map by id, levels by id."""
    return source.id == target.id and source.rating == target.rating


def translate(
    levels: Levels, source: Framework, target: Framework, crosswalk: Crosswalk | None
) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Carry `levels` into `target`'s categories and scale. Unmapped categories drop out."""
    if crosswalk is None:
        target_levels = {level.id for level in target.levels}
        target_categories = {c.id for c in target.categories}
        result = {
            category: {stage: level for stage, level in stages.items() if level in target_levels}
            for category, stages in levels.items()
            if category in target_categories
        }
        return result, []
    level_map = {m.source: m.target for m in crosswalk.levels}
    rank = {level.id: index for index, level in enumerate(target.levels)}
    out: dict[str, dict[str, str]] = {}
    lines: list[str] = []
    for mapping in crosswalk.categories:
        stages = levels.get(mapping.source)
        if not mapping.targets:
            lines.append(
                f"{mapping.source}: no counterpart in {target.id}@{target.version}"
                f" (dropped; {mapping.basis})"
            )
            continue
        if stages is None:
            continue
        value = _single(stages, source, target, crosswalk, level_map)
        if value is None:
            continue
        for category in mapping.targets:
            current = out.setdefault(category, {})
            for stage, level in value.items():
                previous = current.get(stage)
                if previous is None or rank[level] > rank[previous]:
                    current[stage] = level
        mark = " (lossy)" if mapping.lossy else ""
        lines.append(f"{mapping.source} -> {', '.join(mapping.targets)}{mark}: {mapping.basis}")
    return out, lines


def _single(
    stages: Mapping[str, str],
    source: Framework,
    target: Framework,
    crosswalk: Crosswalk,
    level_map: Mapping[str, str],
) -> dict[str, str] | None:
    if source.rating == target.rating:
        mapped = {stage: level_map[level] for stage, level in stages.items() if level in level_map}
        return mapped or None
    if target.rating == "level":
        level = stages.get(crosswalk.stage)
        return {"level": level_map[level]} if level is not None and level in level_map else None
    level = stages.get("level")
    if level is None or level not in level_map:
        return None
    return {"pre": level_map[level], "post": level_map[level]}


def translate_attested(
    attested: Mapping[str, frozenset[str] | None],
    target: Framework,
    crosswalk: Crosswalk | None,
    categories: Mapping[str, list[str]] | None = None,
) -> dict[str, frozenset[str] | None]:
    """Carry attestations over: by id where the target has the same safeguard, else through
    the crosswalk's safeguard map. Covered categories follow the category mapping."""
    known = {s.id for s in target.safeguards}
    renamed = {m.source: m.target for m in crosswalk.safeguards} if crosswalk else {}
    out: dict[str, frozenset[str] | None] = {}
    for safeguard, covered in attested.items():
        name = safeguard if safeguard in known else renamed.get(safeguard)
        if name is None or name not in known:
            continue
        if covered is not None and categories is not None:
            covered = frozenset(t for c in covered for t in categories.get(c, [c]))
        previous = out.get(name, frozenset())
        out[name] = None if covered is None or previous is None else previous | covered
    return out
