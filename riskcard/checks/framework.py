"""Meaning checks of one framework: ids unique, and every reference inside it defined."""

from __future__ import annotations

from riskcard.checks.failclosed import framework_issues
from riskcard.checks.located import Located
from riskcard.formats.findings import Finding
from riskcard.formats.models import Framework, LevelTest
from riskcard.inputs.loader import Document, Path_


def check_framework(doc: Document, framework: Framework) -> list[Finding]:
    report = Located(doc)
    levels = [level.id for level in framework.levels]
    _unique(report, "levels", levels)
    _unique(report, "categories", [c.id for c in framework.categories])
    _unique(report, "safeguards", [s.id for s in framework.safeguards])
    _unique(report, "rules", [r.id for r in framework.rules])
    _unique(report, "commitments", [c.id for c in framework.commitments])
    for index, commitment in enumerate(framework.commitments):
        level = getattr(commitment.check, "at_least", None)
        if level is not None and level not in levels:
            report.add(
                ("commitments", index, "check", "at_least"),
                "framework.unknown-level",
                f"no level {level!r}",
                report.did_you_mean(level, levels),
            )
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
    for where, rule_id, message, hint in framework_issues(framework):
        report.add(where, rule_id, message, hint)
    return report.findings


def _unique(report: Located, field: str, ids: list[str]) -> None:
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
