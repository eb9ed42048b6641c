"""Evaluate stage: a rating profile under a framework version -> three decisions.

Everything framework-specific comes from the framework file's rules; this
module only knows the rule shapes (level test, metric test) and effects
(block, require, warn). Three-valued logic: a known rating that blocks
decides; otherwise a test that depends on a missing rating, an attestation
whose status is unknown or a standard the framework never defines makes the
decision `undetermined`, so a gate never passes on missing data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from riskcard.engine.records import Firing, Judgement, Profile, Requirement, Trigger, Verdict
from riskcard.engine.waivers import DEFAULT_MAX_DAYS, WaiverCheck, WaiverState, screen
from riskcard.formats.models import Framework, LevelTest, MetricTest, Rule, Safeguard, Waiver
from riskcard.formats.vocabulary import STATUS_OF, Decision, Resolution, Status

NO_STANDARD = "none"
"""Security status when no standard is required."""

__all__ = [
    "Firing",
    "Judgement",
    "Profile",
    "Requirement",
    "Trigger",
    "Verdict",
    "decide",
    "fire",
]


@dataclass(frozen=True, slots=True)
class LevelCheck:
    """One level test on one category: the levels that make it hold, and the whole scale.

    `hits` is None when the rule's level is not on the category's scale: the test
    cannot apply, so any rating there leaves it unknown (never silently false).
    """

    category: str
    stage: str
    hits: frozenset[str] | None
    scale: frozenset[str]


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule with its level test expanded per tracked category it covers."""

    rule: Rule
    checks: tuple[LevelCheck, ...]


_COMPILED: dict[int, tuple[Framework, tuple[CompiledRule, ...]]] = {}


def compiled(framework: Framework) -> tuple[CompiledRule, ...]:
    """Rules with their level tests expanded per category, cached per framework object."""
    cached = _COMPILED.get(id(framework))
    if cached is not None and cached[0] is framework:
        return cached[1]
    rules = _compile_rules(framework)
    if len(_COMPILED) > 64:
        _COMPILED.clear()
    _COMPILED[id(framework)] = (framework, rules)
    return rules


def _compile_rules(framework: Framework) -> tuple[CompiledRule, ...]:
    scale = [level.id for level in framework.levels]
    tracked = [c for c in framework.categories if c.kind == "tracked"]
    compiled = []
    for rule in framework.rules:
        test = rule.when
        checks: list[LevelCheck] = []
        if isinstance(test, LevelTest):
            named = None if test.categories == "tracked" else set(test.categories)
            for category in tracked:  # research categories are monitored, never gate
                if named is not None and category.id not in named:
                    continue
                order = category.levels if category.levels is not None else scale
                hits = (
                    frozenset(order[order.index(test.at_least) :])
                    if test.at_least in order
                    else None
                )
                checks.append(LevelCheck(category.id, test.stage, hits, frozenset(order)))
        compiled.append(CompiledRule(rule, tuple(checks)))
    return tuple(compiled)


def _test(compiled: CompiledRule, profile: Profile) -> Firing | None:
    test = compiled.rule.when
    if isinstance(test, MetricTest):
        value = profile.metrics.get(test.metric)
        trigger = (Trigger(test.metric, "metric", None if value is None else f"{value:g}"),)
        if value is None:
            return Firing(compiled.rule, "unknown", trigger)
        fired = {
            "lt": value < test.threshold,
            "le": value <= test.threshold,
            "gt": value > test.threshold,
            "ge": value >= test.threshold,
        }[test.op]
        return Firing(compiled.rule, "fired", trigger) if fired else None
    hits: list[Trigger] = []
    unknown: list[Trigger] = []
    for check in compiled.checks:
        level = profile.levels.get(check.category, {}).get(check.stage)
        if level is None or check.hits is None or level not in check.scale:
            unknown.append(Trigger(check.category, check.stage, level))
        elif level in check.hits:
            hits.append(Trigger(check.category, check.stage, level))
    if hits:
        return Firing(compiled.rule, "fired", tuple(hits))
    if unknown:
        return Firing(compiled.rule, "unknown", tuple(unknown))
    return None


def fire(framework: Framework, profile: Profile) -> tuple[Firing, ...]:
    """Every rule whose test held or could not be decided on `profile`."""
    firings = []
    for rule in compiled(framework):
        firing = _test(rule, profile)
        if firing is not None:
            firings.append(firing)
    return tuple(firings)


def decide(
    framework: Framework,
    profile: Profile,
    waivers: tuple[Waiver, ...] = (),
    as_of: dt.date | None = None,
    firings: tuple[Firing, ...] | None = None,
    max_days: int = DEFAULT_MAX_DAYS,
) -> Judgement:
    """Evaluate every rule of `framework` on `profile` and combine them into decisions.

    A waiver sets a fired rule aside only when it passes `waivers.screen` and the
    decision it would change is otherwise determined.
    """
    if firings is None:
        firings = fire(framework, profile)
    safeguards = {s.id: s for s in framework.safeguards}
    live, checks = screen(framework, waivers, as_of or dt.date.today(), max_days)
    by_decision: dict[Decision, list[Firing]] = {d: [] for d in Decision}
    warnings: list[Firing] = []
    for firing in firings:
        if firing.rule.effect == "warn":
            if firing.state == "fired":
                warnings.append(firing)
            continue
        by_decision[Decision(firing.rule.decision)].append(firing)
    verdicts: dict[Decision, Verdict] = {}
    for kind, found in by_decision.items():
        plain = _verdict(framework, kind, found, profile, safeguards)
        waivable = [f for f in found if f.state == "fired" and f.rule.id in live]
        if waivable and (
            plain.status == Status.UNDETERMINED
            or any(_reads_unknown(framework, f.rule, profile) for f in waivable)
        ):
            for f in waivable:
                check = live.pop(f.rule.id)
                checks.append(
                    WaiverCheck(
                        check.waiver,
                        WaiverState.UNDETERMINED,
                        f"waiver of {f.rule.id} not applied: the {kind} decision is "
                        "undetermined (missing, unverified or unknown data)",
                        check.expires_in,
                    )
                )
            waivable = []
        kept = [f for f in found if f not in waivable]
        verdict = _verdict(framework, kind, kept, profile, safeguards) if waivable else plain
        waived = tuple(
            Firing(f.rule, f.state, f.triggers, live[f.rule.id].waiver) for f in waivable
        )
        verdicts[kind] = Verdict(kind, verdict.status, verdict.requires, verdict.firings, waived)
    applied = [f for v in verdicts.values() for f in v.waived]
    for f in applied:
        check = live.pop(f.rule.id)
        checks.append(
            WaiverCheck(
                check.waiver,
                WaiverState.APPLIED,
                f"waiver of {f.rule.id} applied",
                check.expires_in,
            )
        )
    checks.extend(live.values())
    return Judgement(
        deploy=verdicts[Decision.DEPLOY],
        develop=verdicts[Decision.DEVELOP],
        security=verdicts[Decision.SECURITY],
        warnings=tuple(warnings),
        waived=tuple(applied),
        waivers=tuple(checks),
        overall=overall_level(framework, profile),
    )


def _reads_unknown(framework: Framework, rule: Rule, profile: Profile) -> bool:
    """True when `rule` reads a rating or metric that is missing, or cannot apply."""
    for entry in compiled(framework):
        if entry.rule is not rule:
            continue
        if isinstance(rule.when, MetricTest):
            return rule.when.metric not in profile.metrics
        for check in entry.checks:
            level = profile.levels.get(check.category, {}).get(check.stage)
            if level is None or check.hits is None or level not in check.scale:
                return True
    return False


def _verdict(
    framework: Framework,
    kind: Decision,
    firings: list[Firing],
    profile: Profile,
    safeguards: dict[str, Safeguard],
) -> Verdict:
    if kind == Decision.SECURITY:
        return _security(framework, firings, profile, safeguards)
    return _gate(kind, firings, profile, safeguards)


def _covers(
    covered: Mapping[str, frozenset[str] | None], safeguard: str, cats: tuple[str, ...]
) -> bool:
    if safeguard not in covered:
        return False
    scope = covered[safeguard]
    return scope is None or all(c in scope for c in cats)


def _requirement(firing: Firing, profile: Profile, safeguards: dict[str, Safeguard]) -> Requirement:
    safeguard_id = firing.rule.safeguard or ""
    categories = tuple(t.subject for t in firing.triggers)
    safeguard = safeguards.get(safeguard_id)
    if safeguard is None:
        placeholder = Safeguard(
            id=safeguard_id or "unknown", name=safeguard_id or "unknown", kind="deployment"
        )
        return Requirement(
            placeholder,
            firing.rule.id,
            categories,
            "unknown",
            f"the framework defines no safeguard {safeguard_id!r}",
        )
    if not safeguard.defined:
        return Requirement(
            safeguard,
            firing.rule.id,
            categories,
            "unknown",
            f"the framework requires {safeguard.id} but never defines it",
        )
    if _covers(profile.attested, safeguard.id, categories):
        return Requirement(safeguard, firing.rule.id, categories, "met", f"{safeguard.id} attested")
    if _covers(profile.unknown, safeguard.id, categories) or safeguard.id in profile.unknown:
        return Requirement(
            safeguard,
            firing.rule.id,
            categories,
            "unknown",
            f"the source does not say whether {safeguard.id} is met",
        )
    return Requirement(
        safeguard, firing.rule.id, categories, "unmet", f"{safeguard.id} not attested"
    )


def _gate(
    kind: Decision,
    firings: list[Firing],
    profile: Profile,
    safeguards: dict[str, Safeguard],
) -> Verdict:
    names = STATUS_OF[kind]
    fired = [f for f in firings if f.state == "fired"]
    requires = tuple(
        _requirement(f, profile, safeguards) for f in fired if f.rule.effect == "require"
    )
    if any(f.rule.effect == "block" for f in fired) or any(r.met == "unmet" for r in requires):
        status: str = names[Resolution.BLOCK]
    elif any(f.state == "unknown" for f in firings) or any(r.met == "unknown" for r in requires):
        status = Status.UNDETERMINED
    elif requires:
        status = names[Resolution.SAFEGUARDS]
    else:
        status = names[Resolution.OK]
    return Verdict(kind, status, requires, tuple(firings))


def _security(
    framework: Framework, firings: list[Firing], profile: Profile, safeguards: dict[str, Safeguard]
) -> Verdict:
    default = safeguards.get(framework.security_default or "")
    best = default
    for firing in firings:
        candidate = safeguards.get(firing.rule.safeguard or "")
        if (
            firing.state == "fired"
            and candidate is not None
            and (best is None or candidate.rank > best.rank)
        ):
            best = candidate
    requires = tuple(_requirement(f, profile, safeguards) for f in firings if f.state == "fired")
    undecided = any(
        f.state == "unknown"
        and (
            (s := safeguards.get(f.rule.safeguard or "")) is None
            or best is None
            or s.rank > best.rank
        )
        for f in firings
    ) or any(r.met == "unknown" for r in requires)
    status = Status.UNDETERMINED if undecided else (best.id if best else NO_STANDARD)
    return Verdict(Decision.SECURITY, status, requires, tuple(firings))


def overall_level(framework: Framework, profile: Profile) -> str:
    """The highest level across tracked categories (post-mitigation where rated pre/post).

    Categories with their own scales are compared by how far up their own scale
    they are, then by the framework's order.
    """
    stage = "post" if framework.rating == "pre_post" else "level"
    scale = [level.id for level in framework.levels]
    best: tuple[int, int] | None = None
    best_level: str = Status.UNDETERMINED
    missing = False
    top = True
    for category in framework.categories:
        if category.kind != "tracked":
            continue
        order = category.levels if category.levels is not None else scale
        level = profile.levels.get(category.id, {}).get(stage)
        if level is None or level not in order:
            missing = True
            continue
        key = (order.index(level), scale.index(level) if level in scale else -1)
        if best is None or key > best:
            best, best_level = key, level
            top = order.index(level) == len(order) - 1
    if best is not None and (not missing or top):
        return best_level
    return Status.UNDETERMINED
