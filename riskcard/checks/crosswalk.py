"""Meaning checks of one crosswalk: everything it maps exists on its side of the map.

A crosswalk carries ratings from one framework version to another. A category,
level, stage or safeguard that does not exist on its side would make a
translation silently drop or invent a rating, so each is a located error.
"""

from __future__ import annotations

from collections.abc import Sequence

from riskcard.checks.located import Located
from riskcard.formats.findings import Finding
from riskcard.formats.models import Crosswalk, Framework, FrameworkRef
from riskcard.formats.registry import Registry
from riskcard.inputs.loader import Document, Path_

SIDES = (("from", "source"), ("to", "target"))


def check_crosswalk(doc: Document, crosswalk: Crosswalk, registry: Registry) -> list[Finding]:
    """Both frameworks known; categories, levels, stage and safeguards defined on each side."""
    report = Located(doc)
    source = _framework(report, "from", crosswalk.source, registry)
    target = _framework(report, "to", crosswalk.target, registry)
    # The stage names which of the source's stages is read, so it must exist in the source.
    if source is not None and (crosswalk.stage == "level") != (source.rating == "level"):
        report.add(
            ("stage",),
            "crosswalk.stage",
            f"stage {crosswalk.stage!r} does not exist in {source.id}@{source.version}, "
            f"which rates with {source.rating!r}",
            "use stage: level from a level framework, and pre or post from a pre_post one",
        )
    _mappings(report, crosswalk, source, target)
    return report.findings


def _framework(
    report: Located, key: str, ref: FrameworkRef, registry: Registry
) -> Framework | None:
    found = registry.find(ref.id, ref.version)
    if found is not None:
        return found
    versions = [f.version for f in registry.versions(ref.id)]
    if versions:
        report.add(
            (key, "version"),
            "crosswalk.unknown-framework",
            f"framework {ref.id} has no version {ref.version!r}",
            report.did_you_mean(ref.version, versions),
        )
    else:
        report.add(
            (key, "id"),
            "crosswalk.unknown-framework",
            f"unknown framework {ref.id!r}",
            report.did_you_mean(ref.id, registry.ids()),
        )
    return None


def _mappings(
    report: Located, crosswalk: Crosswalk, source: Framework | None, target: Framework | None
) -> None:
    def ids(framework: Framework | None, what: str) -> list[str] | None:
        if framework is None:
            return None
        if what == "categories":
            return [c.id for c in framework.categories]
        if what == "levels":
            return [level.id for level in framework.levels]
        return [s.id for s in framework.safeguards]

    rules = {
        "categories": "crosswalk.unknown-category",
        "levels": "crosswalk.unknown-level",
        "safeguards": "crosswalk.unknown-safeguard",
    }
    for what, rule in rules.items():
        mine, theirs = ids(source, what), ids(target, what)
        entries = getattr(crosswalk, what)
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            path: Path_ = (what, index)
            if entry.source in seen:
                report.add(
                    (*path, "source"),
                    "crosswalk.duplicate-mapping",
                    f"{what} maps {entry.source!r} twice",
                    "keep one mapping per source entry",
                )
            seen.add(entry.source)
            _exists(report, (*path, "source"), rule, what, entry.source, mine, source)
            targets = entry.targets if what == "categories" else [entry.target]
            for position, name in enumerate(targets):
                where: Path_ = (
                    (*path, "targets", position) if what == "categories" else (*path, "target")
                )
                _exists(report, where, rule, what, name, theirs, target)


def _exists(
    report: Located,
    path: Path_,
    rule: str,
    what: str,
    name: str,
    known: Sequence[str] | None,
    framework: Framework | None,
) -> None:
    if known is None or framework is None or name in known:
        return
    singular = {"categories": "category", "levels": "level", "safeguards": "safeguard"}[what]
    report.add(
        path,
        rule,
        f"{framework.id}@{framework.version} has no {singular} {name!r}",
        report.did_you_mean(name, list(known)),
    )
