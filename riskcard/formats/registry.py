"""The frameworks and crosswalks riskcard knows: the bundled ones plus any given as input."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Literal

from riskcard.formats.errors import UnknownFrameworkError
from riskcard.formats.law import ComplianceDocument, ComplianceMap, Law
from riskcard.formats.models import Category, Crosswalk, Framework

BUNDLED_FRAMEWORKS = "frameworks"
BUNDLED_CROSSWALKS = "crosswalks"
BUNDLED_LAWS = "laws"
BUNDLED_COMPLIANCE = "compliance"
BUNDLED_DOCUMENTS = "compliance-documents"


def bundled_files(folder: str) -> list[Path]:
    """The YAML files shipped inside the package under `folder`, sorted."""
    root = resources.files("riskcard") / folder
    if not root.is_dir():
        return []
    return sorted(Path(str(entry)) for entry in root.iterdir() if entry.name.endswith(".yaml"))


@dataclass(frozen=True)
class Scale:
    """A framework's level scale with its ranks and per-category name lookup."""

    framework: Framework

    @cached_property
    def rank(self) -> dict[str, int]:
        return {level.id: index for index, level in enumerate(self.framework.levels)}

    @cached_property
    def by_name(self) -> dict[str, Category]:
        table: dict[str, Category] = {}
        for category in self.framework.categories:
            table[category.id.casefold()] = category
            table[category.name.casefold()] = category
            for alias in category.aliases:
                table[alias.casefold()] = category
        return table

    @cached_property
    def categories(self) -> dict[str, Category]:
        return {category.id: category for category in self.framework.categories}

    @cached_property
    def tracked(self) -> list[Category]:
        return [c for c in self.framework.categories if c.kind == "tracked"]

    def category(self, name: str) -> Category | None:
        return self.categories.get(name) or self.by_name.get(name.casefold())

    def levels_of(self, category: Category) -> list[str]:
        return category.levels if category.levels is not None else list(self.rank)


@dataclass(frozen=True)
class Origin:
    """Where a framework or crosswalk came from: shipped with riskcard, or an input file."""

    kind: Literal["bundled", "input"]
    path: str
    sha256: str

    def as_dict(self) -> dict[str, str]:
        return {"origin": self.kind, "path": self.path, "sha256": self.sha256}


@dataclass
class Registry:
    """Framework versions by id and version, and crosswalks between them."""

    frameworks: dict[tuple[str, str], Framework] = field(default_factory=dict)
    crosswalks: dict[tuple[tuple[str, str], tuple[str, str]], Crosswalk] = field(
        default_factory=dict
    )
    origins: dict[tuple[str, str], str] = field(default_factory=dict)
    laws: dict[tuple[str, str], Law] = field(default_factory=dict)
    """Law versions by id and version."""
    compliance: dict[tuple[tuple[str, str], tuple[str, str]], tuple[ComplianceMap, str]] = field(
        default_factory=dict
    )
    """(framework or document key, law key) -> (compliance map, the file it came from)."""
    documents: dict[tuple[str, str], ComplianceDocument] = field(default_factory=dict)
    """Compliance document versions by id and version."""
    provenance: dict[tuple[str, str], Origin] = field(default_factory=dict)
    crosswalk_provenance: dict[tuple[tuple[str, str], tuple[str, str]], Origin] = field(
        default_factory=dict
    )
    _scales: dict[tuple[str, str], Scale] = field(default_factory=dict)

    def add_framework(self, framework: Framework, origin: str | Origin) -> None:
        """Register a framework version (a later one with the same id@version replaces it:
        callers that must not shadow check `find` first)."""
        key = (framework.id, framework.version)
        where = origin if isinstance(origin, Origin) else Origin("input", origin, "")
        self.frameworks[key] = framework
        self.origins[key] = where.path
        self.provenance[key] = where
        self._scales.pop(key, None)

    def add_crosswalk(self, crosswalk: Crosswalk, origin: Origin | None = None) -> None:
        key = crosswalk_key(crosswalk)
        self.crosswalks[key] = crosswalk
        if origin is not None:
            self.crosswalk_provenance[key] = origin

    def origin(self, framework: Framework) -> Origin | None:
        """Where the framework version registered under this id@version came from."""
        return self.provenance.get((framework.id, framework.version))

    def find(self, framework_id: str, version: str) -> Framework | None:
        return self.frameworks.get((framework_id, version))

    def get(self, framework_id: str, version: str) -> Framework:
        found = self.find(framework_id, version)
        if found is None:
            known = ", ".join(f"{i}@{v}" for i, v in sorted(self.frameworks)) or "none"
            raise UnknownFrameworkError(
                f"unknown framework {framework_id}@{version} (known: {known})"
            )
        return found

    def parse_ref(self, text: str) -> Framework:
        """Resolve `ID@VERSION` as written on the command line."""
        framework_id, sep, version = text.partition("@")
        if not sep or not framework_id or not version:
            raise UnknownFrameworkError(f"write the framework as ID@VERSION, not {text!r}")
        return self.get(framework_id, version)

    def scale(self, framework: Framework) -> Scale:
        key = (framework.id, framework.version)
        if key not in self._scales:
            self._scales[key] = Scale(framework)
        return self._scales[key]

    def ids(self) -> list[str]:
        return sorted({framework_id for framework_id, _ in self.frameworks})

    def versions(self, framework_id: str) -> list[Framework]:
        """All versions of one framework, oldest first."""
        found = [f for (i, _), f in self.frameworks.items() if i == framework_id]
        return sorted(found, key=lambda f: (f.effective, f.version))

    def all(self) -> list[Framework]:
        return [f for framework_id in self.ids() for f in self.versions(framework_id)]

    def predecessor(self, framework: Framework) -> Framework | None:
        versions = self.versions(framework.id)
        index = versions.index(framework)
        return versions[index - 1] if index > 0 else None

    def in_force(self, framework_id: str, when: object) -> Framework | None:
        """The version in force on a date: the newest that took effect on or before it."""
        current = None
        for framework in self.versions(framework_id):
            if framework.effective <= when:  # type: ignore[operator]
                current = framework
        return current

    def law(self, text: str) -> Law:
        """Resolve a law written `ID@VERSION`, or `ID` when only one version is known."""
        law_id, sep, version = text.partition("@")
        found = [law for (i, v), law in sorted(self.laws.items()) if i == law_id]
        if sep:
            found = [law for law in found if law.version == version]
        if len(found) != 1:
            known = ", ".join(f"{i}@{v}" for i, v in sorted(self.laws)) or "none"
            what = "ambiguous" if found else "unknown"
            raise UnknownFrameworkError(f"{what} law {text!r} (known: {known})")
        return found[0]

    def document(self, text: str) -> ComplianceDocument | None:
        """The compliance document written `ID@VERSION`, or None when it names none."""
        document_id, _, version = text.partition("@")
        return self.documents.get((document_id, version))

    def crosswalk(self, source: Framework, target: Framework) -> Crosswalk | None:
        return self.crosswalks.get(((source.id, source.version), (target.id, target.version)))


def crosswalk_key(crosswalk: Crosswalk) -> tuple[tuple[str, str], tuple[str, str]]:
    """The pair of framework versions a crosswalk maps between."""
    return (
        (crosswalk.source.id, crosswalk.source.version),
        (crosswalk.target.id, crosswalk.target.version),
    )
