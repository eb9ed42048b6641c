"""`riskcard explain ID`: what a gate rule, check rule, safeguard, category or framework
means, in the framework's own words with their locator, and an example of its use."""

from __future__ import annotations

from collections.abc import Iterator

from riskcard.formats.framework import Category, Framework, LevelTest, Rule, Safeguard
from riskcard.formats.registry import Registry, Scale
from riskcard.formats.rulebook import VALIDATION_RULES
from riskcard.renderers.escape import visible as v

Found = tuple[Framework, Rule | Safeguard | Category]


def explain(registry: Registry, what: str) -> str | None:
    """The explanation of `what`, or None when nothing bears that name.

    `ID@VERSION` names a framework version, `ID@VERSION:NAME` a rule, safeguard or
    category of that version; a bare name is looked up in riskcard's check rules and in
    every framework (the latest version that has it is explained, the others listed).
    """
    ref, colon, name = what.partition(":")
    framework_id, at, version = ref.partition("@")
    if at:
        framework = registry.find(framework_id, version)
        if framework is None:
            return None
        if not colon:
            return _framework(registry, framework)
        found = [(framework, item) for item in _named(framework, name)]
        return "\n".join(_item(registry, f, item, []) for f, item in found) or None
    parts = []
    if what in VALIDATION_RULES:
        parts.append(_check_rule(what))
    if what in registry.ids():
        parts.append(_framework(registry, registry.versions(what)[-1]))
    by_kind: dict[str, list[Found]] = {}
    for framework in registry.all():
        for item in _named(framework, what):
            by_kind.setdefault(type(item).__name__, []).append((framework, item))
    for found in by_kind.values():
        framework, item = found[-1]
        parts.append(_item(registry, framework, item, [f for f, _ in found[:-1]]))
    return "\n".join(parts) or None


def known_names(registry: Registry) -> list[str]:
    """Every name `explain` knows, for "did you mean"."""
    names = set(VALIDATION_RULES) | set(registry.ids())
    for framework in registry.all():
        names |= {r.id for r in framework.rules} | {s.id for s in framework.safeguards}
        names |= {c.id for c in framework.categories}
    return sorted(names)


def _named(framework: Framework, name: str) -> Iterator[Rule | Safeguard | Category]:
    yield from (r for r in framework.rules if r.id == name)
    yield from (s for s in framework.safeguards if s.id == name)
    category = Scale(framework).category(name)
    if category is not None:
        yield category


def _item(
    registry: Registry,
    framework: Framework,
    item: Rule | Safeguard | Category,
    older: list[Framework],
) -> str:
    if isinstance(item, Rule):
        lines = _rule(framework, item)
    elif isinstance(item, Safeguard):
        lines = _safeguard(framework, item)
    else:
        lines = _category(registry, framework, item)
    if older:
        lines.append("Also in: " + ", ".join(f"{v(f.id)}@{v(f.version)}" for f in older))
    return "\n".join(lines) + "\n"


def _ref(framework: Framework) -> str:
    return f"{v(framework.id)}@{v(framework.version)}"


def _rule(framework: Framework, rule: Rule) -> list[str]:
    scale = Scale(framework)
    effect = {"block": "blocks", "require": "requires a safeguard for", "warn": "warns on"}
    lines = [
        f"{v(rule.id)}: a gate rule of {_ref(framework)} ({v(framework.title)})",
        f"  It {effect[rule.effect]} the `{rule.decision}` decision"
        + (f": safeguard {v(rule.safeguard)}" if rule.safeguard else "")
        + (" (waivable)" if rule.waivable else ""),
    ]
    when = rule.when
    if isinstance(when, LevelTest):
        names = [c.id for c in scale.tracked] if when.categories == "tracked" else when.categories
        lines.append(
            f"  When: the {when.stage} rating of any of {v(', '.join(names))} "
            f"is at least {v(when.at_least)}"
        )
        example = _rating_lines(framework, names[0] if names else "CATEGORY", when.at_least)
    else:
        lines.append(f"  When: evidence metric {v(when.metric)} is {when.op} {when.threshold}")
        example = [
            "  evidence:",
            f"    - {{evaluation: ..., metric: {v(when.metric)}, result: ..., unit: ...}}",
        ]
    lines += [
        f"  Means: {v(rule.summary)}",
        f'  The framework\'s words: "{v(rule.quote)}" ({v(rule.locator)})',
        f"  Example: a scorecard under {_ref(framework)} with",
        *example,
    ]
    if rule.safeguard:
        lines += ["  needs, to pass this rule:", *_attestation(rule.safeguard, "    ")]
    lines.append(
        f"  A waiver names it as `rule: {v(rule.id)}` with "
        f'`framework: {{id: {v(framework.id)}, version: "{v(framework.version)}"}}`.'
    )
    return lines


def _rating_lines(framework: Framework, category: str, level: str) -> list[str]:
    if framework.rating == "level":
        rating = f"level: {v(level)}"
    else:
        rating = f"pre: {v(level)}, post: {v(level)}"
    return [
        "  ratings:",
        f"    {v(category)}: {{{rating}, cite: {{source: card, locator: p. 3}}}}",
    ]


def _attestation(safeguard: str, indent: str) -> list[str]:
    return [
        f"{indent}safeguards:",
        f"{indent}  - safeguard: {v(safeguard)}",
        f"{indent}    categories: all",
        f"{indent}    approver: the developer",
        f'{indent}    date: "2025-01-31"',
        f"{indent}    cite: {{source: card, locator: p. 12}}",
    ]


def _safeguard(framework: Framework, safeguard: Safeguard) -> list[str]:
    lines = [
        f"{v(safeguard.id)}: a {safeguard.kind} safeguard standard of {_ref(framework)}",
        f"  The framework's name: {v(safeguard.name)}",
    ]
    if not safeguard.defined:
        lines.append("  The framework never defines what meets it: a decision that requires it")
        lines.append("  is undetermined, attested or not.")
    for rule in framework.rules:
        if rule.safeguard == safeguard.id:
            lines.append(f"  Required by {v(rule.id)}: {v(rule.summary)}")
            lines.append(f'    "{v(rule.quote)}" ({v(rule.locator)})')
    if framework.security_default == safeguard.id:
        lines.append("  Every model needs it (the framework's default security standard).")
    lines += ["  Example: attest it in a scorecard when the source says it is in place:"]
    return lines + _attestation(safeguard.id, "    ")


def _category(registry: Registry, framework: Framework, category: Category) -> list[str]:
    levels = registry.scale(framework).levels_of(category)
    lines = [
        f"{v(category.id)}: a {category.kind} category of {_ref(framework)}",
        f"  The framework's name: {v(category.name)}",
        f"  Levels, lowest first: {v(', '.join(levels))}",
    ]
    if category.aliases:
        lines.append(f"  Also written: {v(', '.join(category.aliases))}")
    for definition in category.definitions:
        lines.append(f'  {v(definition.level)}: "{v(definition.text)}" ({v(definition.locator)})')
    if category.kind == "research":
        lines.append("  Research categories are monitored and never gate.")
    lines.append("  Example rating:")
    return lines + _rating_lines(framework, category.id, levels[-1])[1:]


def _framework(registry: Registry, framework: Framework) -> str:
    scale = registry.scale(framework)
    versions = [f.version for f in registry.versions(framework.id)]
    lines = [
        f"{_ref(framework)}: {v(framework.title)} ({v(framework.publisher)}, "
        f"{framework.effective})",
        f"  Source: {v(framework.url)}",
        f"  Versions: {v(', '.join(versions))}",
        f"  Ratings are written as {'`level:`' if framework.rating == 'level' else '`pre:`/`post:`'}"
        f" on the scale {v(' < '.join(level.id for level in framework.levels))}",
        f"  Tracked categories: {v(', '.join(c.id for c in scale.tracked))}",
        f"  Safeguards: {v(', '.join(s.id for s in framework.safeguards)) or 'none'}",
        f"  Gate rules: {v(', '.join(r.id for r in framework.rules)) or 'none'}",
        f"  Example: riskcard new developer/model --framework {_ref(framework)}",
    ]
    return "\n".join(lines) + "\n"


def _check_rule(rule: str) -> str:
    return (
        f"{rule}: a check of riskcard's own (riskcard validate)\n"
        f"  Means: {VALIDATION_RULES[rule]}\n"
        "  Example: riskcard validate prints it as FILE:LINE:COLUMN: error "
        f"{rule} <what is wrong> (fix: <how to fix it>)\n"
    )
