"""Meaning checks of one scorecard, and the cross-file check of duplicate assessments."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from riskcard.checks.failclosed import scorecard_issues
from riskcard.checks.located import Located
from riskcard.formats.findings import Finding, Severity
from riskcard.formats.models import (
    Citation,
    Framework,
    LevelRating,
    PrePostRating,
    Scorecard,
    Unrated,
)
from riskcard.formats.registry import Registry
from riskcard.inputs.loader import Document, Path_

_NUMERIC = re.compile(r"[0-9][0-9.]*")


def check_scorecard(
    doc: Document, card: Scorecard, registry: Registry, today: dt.date
) -> list[Finding]:
    report = Located(doc)
    _check_placeholders(report, doc.data, ())
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
            f"framework.version: the version {card.framework.version} is written without "
            "quotes, so other YAML tools read a number (1.10 as 1.1)",
            f'quote it: "{card.framework.version}"',
        )
    _check_ratings(report, card, framework, registry)
    _check_references(report, card, framework)
    _check_third_party(report, card, framework, registry)
    for path, rule, message, hint in scorecard_issues(card, registry):
        report.add(path, rule, message, hint)
    return report.findings


PLACEHOLDER = "TODO"
"""The marker `riskcard new` leaves where the writer must fill something in."""


def _check_placeholders(report: Located, value: object, path: Path_) -> None:
    """Every text value still holding the TODO marker of a skeleton, as a warning."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_placeholders(report, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_placeholders(report, item, (*path, index))
    elif isinstance(value, str) and PLACEHOLDER in value:
        field = ".".join(str(p) for p in path)
        report.add(
            path,
            "scorecard.placeholder",
            f"{field} is still a placeholder: {value[:60]!r}",
            f"replace it with the real value from the source, then remove {PLACEHOLDER}",
            severity=Severity.WARNING,
        )


def _unknown_framework(report: Located, card: Scorecard, registry: Registry) -> None:
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


def _check_sources(report: Located, card: Scorecard) -> None:
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
    for path, cite in _citations(card):
        if cite.source not in seen:
            report.add(
                (*path, "source"),
                "source.unknown",
                f"cites source {cite.source!r}, which is not in `sources`",
                report.did_you_mean(cite.source, sorted(seen)),
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
    for index, entry in enumerate(card.conduct):
        yield ("conduct", index, "cite"), entry.cite
    for index, assessment in enumerate(card.third_party):
        yield ("third_party", index, "cite"), assessment.cite
        for name, rating in assessment.ratings.items():
            yield ("third_party", index, "ratings", name, "cite"), rating.cite


def _check_dates(report: Located, card: Scorecard, today: dt.date) -> None:
    dates: list[tuple[Path_, dt.date]] = [(("assessed",), card.assessed)]
    if card.model.released is not None:
        dates.append((("model", "released"), card.model.released))
    dates += [(("sources", i, "date"), s.date) for i, s in enumerate(card.sources) if s.date]
    dates += [(("notes", i, "date"), n.date) for i, n in enumerate(card.notes)]
    dates += [(("safeguards", i, "date"), a.date) for i, a in enumerate(card.safeguards)]
    dates += [(("conduct", i, "date"), c.date) for i, c in enumerate(card.conduct)]
    dates += [(("third_party", i, "date"), t.date) for i, t in enumerate(card.third_party)]
    for path, when in dates:
        if when > today:
            report.add(
                path,
                "scorecard.future-date",
                f"{when} is in the future",
                "record published determinations only",
            )
    # A model may be assessed before its release (a pre-release system card) or after it:
    # neither order is an error. Waiver dates are checked in failclosed.py.


def _check_ratings(
    report: Located, card: Scorecard, framework: Framework, registry: Registry
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


def _check_third_party(
    report: Located, card: Scorecard, framework: Framework, registry: Registry
) -> None:
    """A third-party rating names a category and level of the card's framework, in its shape."""
    scale = registry.scale(framework)
    for index, assessment in enumerate(card.third_party):
        for name, rating in assessment.ratings.items():
            path: Path_ = ("third_party", index, "ratings", name)
            category = scale.category(name)
            levels: list[str] = []
            if isinstance(rating, LevelRating):
                levels = [rating.level]
            elif isinstance(rating, PrePostRating):
                levels = [rating.pre, rating.post]
            shape = "level" if isinstance(rating, LevelRating) else "pre_post"
            if category is None:
                problem = f"{framework.id}@{framework.version} has no category {name!r}"
            elif not isinstance(rating, Unrated) and shape != framework.rating:
                problem = f"{framework.id}@{framework.version} rates with {framework.rating}"
            elif any(level not in scale.levels_of(category) for level in levels):
                problem = f"a level is not on the scale of '{category.id}'"
            else:
                continue
            report.add(
                path,
                "scorecard.third-party-rating",
                f"third-party rating: {problem}",
                "rate with the card's framework categories, levels and shape",
                key=True,
            )


def _check_level(
    report: Located, path: Path_, level: str, category: str, allowed: list[str]
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


def _check_references(report: Located, card: Scorecard, framework: Framework) -> None:
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


def check_duplicate_assessments(
    seen: list[Assessment], context: Sequence[Assessment] = ()
) -> list[Finding]:
    """One scorecard per model, framework and assessment date.

    Every checked copy is blamed, naming the others: riskcard cannot tell which file is the
    newer, so a full check flags each. `context` holds the rest of the collection, read for
    identity only (when just the new file is checked, as a pre-commit hook does): it is
    compared with, never blamed, so the finding lands on the new file."""
    groups: dict[tuple[str, str, dt.date], list[Assessment]] = {}
    for item in [*seen, *context]:
        groups.setdefault((item.model, item.framework, item.assessed), []).append(item)
    checked = {id(item) for item in seen}
    findings = []
    for group in groups.values():
        paths = list(dict.fromkeys(item.path for item in group))
        if len(paths) < 2:
            continue
        for item in group:
            if id(item) not in checked:
                continue
            others = ", ".join(p for p in paths if p != item.path)
            findings.append(
                Finding(
                    item.path,
                    item.line,
                    item.column,
                    "scorecard.duplicate-assessment",
                    Severity.ERROR,
                    f"{item.model} already has a {item.framework} assessment "
                    f"dated {item.assessed} in {others}",
                    "merge the two files, or correct the date",
                )
            )
    return findings
