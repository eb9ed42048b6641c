"""Semantic checks: what the schema cannot say about a file's meaning."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from riskcard.formats.findings import Finding, Severity
from riskcard.formats.models import (
    Citation,
    Framework,
    LevelRating,
    LevelTest,
    PrePostRating,
    Scorecard,
    Unrated,
)
from riskcard.formats.registry import Registry
from riskcard.formats.suggest import Suggestions
from riskcard.inputs.loader import Document, Path_

_NUMERIC = re.compile(r"[0-9][0-9.]*")


class _Report:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.findings: list[Finding] = []
        self.suggestions = Suggestions()

    def did_you_mean(self, word: str, choices: list[str]) -> str:
        return self.suggestions.did_you_mean(word, choices)

    def add(
        self,
        path: Path_,
        rule: str,
        message: str,
        hint: str,
        *,
        severity: Severity = Severity.ERROR,
        key: bool = False,
    ) -> None:
        line, column = self.doc.locate(path, key=key)
        self.findings.append(Finding(self.doc.path, line, column, rule, severity, message, hint))


# --------------------------------------------------------------------------- scorecards


def check_scorecard(
    doc: Document, card: Scorecard, registry: Registry, today: dt.date
) -> list[Finding]:
    report = _Report(doc)
    _check_sources(report, card)
    _check_dates(report, card, today)
    framework = registry.find(card.framework.id, card.framework.version)
    if framework is None:
        _unknown_framework(report, card, registry)
        return report.findings
    if ("framework", "version") in doc.plain and _NUMERIC.fullmatch(card.framework.version):
        report.add(
            ("framework", "version"),
            "scorecard.unquoted-version",
            f"the version {card.framework.version} is written without quotes",
            f'quote it: version: "{card.framework.version}" (YAML reads 1.10 as 1.1)',
            severity=Severity.WARNING,
        )
    _check_ratings(report, card, framework, registry)
    _check_references(report, card, framework)
    return report.findings


def _unknown_framework(report: _Report, card: Scorecard, registry: Registry) -> None:
    ref = card.framework
    versions = [f.version for f in registry.versions(ref.id)]
    if versions:
        report.add(
            ("framework", "version"),
            "scorecard.unknown-framework",
            f"framework {ref.id} has no version {ref.version!r}",
            report.did_you_mean(ref.version, versions),
        )
    else:
        report.add(
            ("framework", "id"),
            "scorecard.unknown-framework",
            f"unknown framework {ref.id!r}",
            report.did_you_mean(ref.id, registry.ids()),
        )


def _check_sources(report: _Report, card: Scorecard) -> None:
    seen: set[str] = set()
    for index, source in enumerate(card.sources):
        if source.id in seen:
            report.add(
                ("sources", index, "id"),
                "source.duplicate-id",
                f"source id {source.id!r} is used twice",
                "give each source its own id",
            )
        seen.add(source.id)
        if not source.url.startswith("https://"):
            report.add(
                ("sources", index, "url"),
                "source.insecure-url",
                f"source URL is not https: {source.url}",
                "cite the https address of the document",
            )
    known = sorted(seen)
    for path, cite in _citations(card):
        if cite.source not in seen:
            report.add(
                (*path, "source"),
                "source.unknown",
                f"cites source {cite.source!r}, which is not in `sources`",
                report.did_you_mean(cite.source, known),
            )


def _citations(card: Scorecard) -> Iterator[tuple[Path_, Citation]]:
    for name, rating in card.ratings.items():
        yield ("ratings", name, "cite"), rating.cite
    for index, evidence in enumerate(card.evidence):
        yield ("evidence", index, "cite"), evidence.cite
    for index, note in enumerate(card.notes):
        if note.cite is not None:
            yield ("notes", index, "cite"), note.cite
    for index, attestation in enumerate(card.safeguards):
        yield ("safeguards", index, "cite"), attestation.cite


def _check_dates(report: _Report, card: Scorecard, today: dt.date) -> None:
    dates: list[tuple[Path_, dt.date]] = [(("assessed",), card.assessed)]
    if card.model.released is not None:
        dates.append((("model", "released"), card.model.released))
    dates += [(("sources", i, "date"), s.date) for i, s in enumerate(card.sources) if s.date]
    dates += [(("notes", i, "date"), n.date) for i, n in enumerate(card.notes)]
    dates += [(("safeguards", i, "date"), a.date) for i, a in enumerate(card.safeguards)]
    dates += [(("waivers", i, "date"), w.date) for i, w in enumerate(card.waivers)]
    for path, when in dates:
        if when > today:
            report.add(
                path,
                "scorecard.future-date",
                f"{when} is in the future",
                "record published determinations only",
            )
    released = card.model.released
    if released is not None and released > card.assessed:
        report.add(
            ("model", "released"),
            "scorecard.date-order",
            f"released {released} is after the assessment date {card.assessed}",
            "a model is assessed before or when it is released",
        )
    for index, waiver in enumerate(card.waivers):
        if waiver.expires < waiver.date:
            report.add(
                ("waivers", index, "expires"),
                "scorecard.date-order",
                f"waiver expires {waiver.expires}, before it was approved {waiver.date}",
                "check the two dates",
            )


def _check_ratings(
    report: _Report, card: Scorecard, framework: Framework, registry: Registry
) -> None:
    scale = registry.scale(framework)
    rated: set[str] = set()
    secondary = {s.id for s in card.sources if s.kind == "secondary"}
    for name, rating in card.ratings.items():
        path: Path_ = ("ratings", name)
        category = scale.category(name)
        if category is None:
            report.add(
                path,
                "scorecard.unknown-category",
                f"{framework.id}@{framework.version} has no category {name!r}",
                report.did_you_mean(name, list(scale.categories)),
                key=True,
            )
            continue
        if category.id != name:
            report.add(
                path,
                "scorecard.category-alias",
                f"{name!r} is an alias of the category '{category.id}'",
                f"write '{category.id}'",
                severity=Severity.WARNING,
                key=True,
            )
        if category.id in rated:
            report.add(
                path,
                "scorecard.duplicate-category",
                f"category '{category.id}' is rated twice",
                "keep one entry",
                key=True,
            )
        rated.add(category.id)
        allowed = scale.levels_of(category)
        if isinstance(rating, Unrated):
            if rating.reported is not None and rating.reported not in allowed:
                report.add(
                    (*path, "reported"),
                    "scorecard.unknown-level",
                    f"level {rating.reported!r} is not on the scale of '{category.id}'",
                    report.did_you_mean(rating.reported, allowed),
                )
            continue
        if rating.cite.source in secondary:
            report.add(
                (*path, "cite", "source"),
                "scorecard.secondary-rating",
                "a rating cites a secondary source",
                "confirm it in a primary source, or record it as status: unverified",
            )
        shape = "pre_post" if isinstance(rating, PrePostRating) else "level"
        if shape != framework.rating:
            want = "`pre:` and `post:`" if framework.rating == "pre_post" else "`level:`"
            report.add(
                path,
                "scorecard.rating-shape",
                f"{framework.id}@{framework.version} rates with {want}",
                f"write the rating with {want}",
            )
            continue
        if isinstance(rating, LevelRating):
            _check_level(report, (*path, "level"), rating.level, category.id, allowed)
            continue
        ok = _check_level(report, (*path, "pre"), rating.pre, category.id, allowed)
        ok = _check_level(report, (*path, "post"), rating.post, category.id, allowed) and ok
        if ok and scale.rank[rating.post] > scale.rank[rating.pre]:
            report.add(
                (*path, "post"),
                "scorecard.post-above-pre",
                f"post-mitigation '{rating.post}' is above pre-mitigation '{rating.pre}'",
                "mitigations cannot raise risk: check both levels",
            )
    for category in scale.tracked:
        if category.id not in rated:
            report.add(
                ("ratings",),
                "scorecard.missing-category",
                f"tracked category '{category.id}' is neither rated nor marked",
                f"add `{category.id}:` with a rating, or `status: not_published`",
                key=True,
            )


def _check_level(
    report: _Report, path: Path_, level: str, category: str, allowed: list[str]
) -> bool:
    if level in allowed:
        return True
    report.add(
        path,
        "scorecard.unknown-level",
        f"level {level!r} is not on the scale of '{category}'",
        report.did_you_mean(level, allowed),
    )
    return False


def _check_references(report: _Report, card: Scorecard, framework: Framework) -> None:
    safeguards = [s.id for s in framework.safeguards]
    categories = {c.id for c in framework.categories}
    for index, attestation in enumerate(card.safeguards):
        if attestation.safeguard not in safeguards:
            report.add(
                ("safeguards", index, "safeguard"),
                "scorecard.unknown-safeguard",
                f"{framework.id}@{framework.version} defines no safeguard "
                f"{attestation.safeguard!r}",
                report.did_you_mean(attestation.safeguard, safeguards),
            )
        if attestation.categories != "all":
            for position, name in enumerate(attestation.categories):
                if name not in categories:
                    report.add(
                        ("safeguards", index, "categories", position),
                        "scorecard.unknown-category",
                        f"no category {name!r}",
                        report.did_you_mean(name, sorted(categories)),
                    )
    rules = [r.id for r in framework.rules]
    for index, waiver in enumerate(card.waivers):
        if waiver.rule not in rules:
            report.add(
                ("waivers", index, "rule"),
                "scorecard.unknown-rule",
                f"{framework.id}@{framework.version} has no rule {waiver.rule!r}",
                report.did_you_mean(waiver.rule, rules),
            )
    for index, evidence in enumerate(card.evidence):
        if evidence.category is not None and evidence.category not in categories:
            report.add(
                ("evidence", index, "category"),
                "scorecard.unknown-category",
                f"no category {evidence.category!r}",
                report.did_you_mean(evidence.category, sorted(categories)),
            )


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the cross-file check keeps of a scorecard: its key and where its date stands."""

    model: str
    framework: str
    assessed: dt.date
    path: str
    line: int
    column: int

    @classmethod
    def of(cls, doc: Document, card: Scorecard) -> Assessment:
        line, column = doc.locate(("assessed",))
        return cls(card.model.id, card.framework.id, card.assessed, doc.path, line, column)


def check_duplicate_assessments(seen: list[Assessment]) -> list[Finding]:
    """One scorecard per model, framework and assessment date."""
    first: dict[tuple[str, str, dt.date], str] = {}
    findings = []
    for item in seen:
        key = (item.model, item.framework, item.assessed)
        if key not in first:
            first[key] = item.path
            continue
        findings.append(
            Finding(
                item.path,
                item.line,
                item.column,
                "scorecard.duplicate-assessment",
                Severity.ERROR,
                f"{item.model} already has a {item.framework} assessment "
                f"dated {item.assessed} in {first[key]}",
                "merge the two files, or correct the date",
            )
        )
    return findings


# --------------------------------------------------------------------------- frameworks


def check_framework(doc: Document, framework: Framework) -> list[Finding]:
    report = _Report(doc)
    levels = [level.id for level in framework.levels]
    _unique(report, "levels", levels)
    _unique(report, "categories", [c.id for c in framework.categories])
    _unique(report, "safeguards", [s.id for s in framework.safeguards])
    _unique(report, "rules", [r.id for r in framework.rules])
    names: dict[str, str] = {}
    for index, category in enumerate(framework.categories):
        for alias in [category.id, category.name, *category.aliases]:
            owner = names.setdefault(alias.casefold(), category.id)
            if owner != category.id:
                report.add(
                    ("categories", index),
                    "framework.alias-clash",
                    f"the name {alias!r} belongs to both '{owner}' and '{category.id}'",
                    "keep each alias on one category",
                )
        for position, level in enumerate(category.levels or []):
            if level not in levels:
                report.add(
                    ("categories", index, "levels", position),
                    "framework.unknown-level",
                    f"no level {level!r}",
                    report.did_you_mean(level, levels),
                )
        for position, definition in enumerate(category.definitions):
            if definition.level not in levels:
                report.add(
                    ("categories", index, "definitions", position, "level"),
                    "framework.unknown-level",
                    f"no level {definition.level!r}",
                    report.did_you_mean(definition.level, levels),
                )
    safeguards = {s.id: s for s in framework.safeguards}
    if framework.security_default is not None and framework.security_default not in safeguards:
        report.add(
            ("security_default",),
            "framework.unknown-safeguard",
            f"no safeguard {framework.security_default!r}",
            report.did_you_mean(framework.security_default, list(safeguards)),
        )
    categories = [c.id for c in framework.categories]
    for index, rule in enumerate(framework.rules):
        path: Path_ = ("rules", index)
        test = rule.when
        if isinstance(test, LevelTest):
            if test.at_least not in levels:
                report.add(
                    (*path, "when", "at_least"),
                    "framework.unknown-level",
                    f"no level {test.at_least!r}",
                    report.did_you_mean(test.at_least, levels),
                )
            if (test.stage == "level") != (framework.rating == "level"):
                report.add(
                    (*path, "when", "stage"),
                    "framework.rule-stage",
                    f"stage {test.stage!r} does not fit rating shape {framework.rating!r}",
                    "use pre/post for pre_post frameworks and level for level ones",
                )
            if test.categories != "tracked":
                for position, name in enumerate(test.categories):
                    if name not in categories:
                        report.add(
                            (*path, "when", "categories", position),
                            "framework.unknown-category",
                            f"no category {name!r}",
                            report.did_you_mean(name, categories),
                        )
        elif test.metric not in framework.metrics:
            report.add(
                (*path, "when", "metric"),
                "framework.unknown-metric",
                f"metric {test.metric!r} is not listed in `metrics`",
                "add it to `metrics`",
            )
        if rule.effect == "require":
            if rule.safeguard is None:
                report.add(
                    path,
                    "framework.rule-safeguard",
                    f"rule {rule.id} requires a safeguard but names none",
                    "add `safeguard:`",
                )
            elif rule.safeguard not in safeguards:
                report.add(
                    (*path, "safeguard"),
                    "framework.unknown-safeguard",
                    f"no safeguard {rule.safeguard!r}",
                    report.did_you_mean(rule.safeguard, list(safeguards)),
                )
        if rule.decision == "security" and rule.effect == "block":
            report.add(
                (*path, "effect"),
                "framework.rule-effect",
                "a security rule requires a standard; it cannot block",
                "use effect: require with a security safeguard",
            )
    return report.findings


def _unique(report: _Report, field: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            report.add(
                (field, index, "id"),
                "framework.duplicate-id",
                f"{field} id {item!r} is used twice",
                "give each entry its own id",
            )
        seen.add(item)
