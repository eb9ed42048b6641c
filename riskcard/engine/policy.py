"""Evaluate stage: a rating profile under a framework version -> three decisions.

Everything framework-specific comes from the framework file's rules; this
module only knows the rule shapes (level test, metric test) and effects
(block, require, warn). Three-valued logic: a known rating that blocks
decides; otherwise a test that depends on a missing rating makes the decision
`undetermined`, so a gate never passes on missing data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from riskcard.formats.models import Framework, LevelTest, MetricTest, Rule, Safeguard, Waiver

Status = str
State = Literal["fired", "unknown"]

DEPLOY_STATUS = {"block": "blocked", "safeguards": "allowed_with_safeguards", "ok": "allowed"}
DEVELOP_STATUS = {"block": "halt", "safeguards": "continue_with_safeguards", "ok": "continue"}
UNDETERMINED = "undetermined"


@dataclass(frozen=True, slots=True)
class Profile:
    """The ratings a decision depends on. A category or stage absent here is unknown."""

    levels: Mapping[str, Mapping[str, str]]
    """Category id -> stage (`pre`, `post` or `level`) -> level id."""
    metrics: Mapping[str, float] = field(default_factory=dict)
    """Evidence metric id -> value."""
    attested: Mapping[str, frozenset[str] | None] = field(default_factory=dict)
    """Safeguard id -> categories it covers (None: all)."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """What made a rule's test true (or unknown): a rating, or a metric value."""

    subject: str
    stage: str
    value: str | None


@dataclass(frozen=True, slots=True)
class Firing:
    """A rule whose test held (`fired`) or could not be decided (`unknown`)."""

    rule: Rule
    state: State
    triggers: tuple[Trigger, ...]
    waiver: Waiver | None = None


@dataclass(frozen=True, slots=True)
class Requirement:
    """A safeguard a fired rule requires, and whether the scorecard attests it."""

    safeguard: Safeguard
    rule: str
    categories: tuple[str, ...]
    attested: bool


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision (deploy, develop or security) and why."""

    kind: str
    status: Status
    requires: tuple[Requirement, ...]
    firings: tuple[Firing, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """All three decisions for one profile."""

    deploy: Decision
    develop: Decision
    security: Decision
    warnings: tuple[Firing, ...]
    waived: tuple[Firing, ...]
    expired: tuple[Waiver, ...]
    overall: str

    @property
    def passes(self) -> bool:
        """True when deployment may go ahead and development may continue."""
        return self.deploy.status in (
            "allowed",
            "allowed_with_safeguards",
        ) and self.develop.status in ("continue", "continue_with_safeguards")


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: Rule
    # level tests: (category, stage, levels at or above the threshold)
    checks: tuple[tuple[str, str, frozenset[str]], ...]


_COMPILED: dict[int, tuple[Framework, tuple[_Compiled, ...]]] = {}


def _compile(framework: Framework) -> tuple[_Compiled, ...]:
    """Rules with their level tests expanded per category, cached per framework object."""
    cached = _COMPILED.get(id(framework))
    if cached is not None and cached[0] is framework:
        return cached[1]
    compiled = _compile_rules(framework)
    _COMPILED[id(framework)] = (framework, compiled)
    return compiled


def _compile_rules(framework: Framework) -> tuple[_Compiled, ...]:
    scale = [level.id for level in framework.levels]
    compiled = []
    for rule in framework.rules:
        test = rule.when
        checks: list[tuple[str, str, frozenset[str]]] = []
        if isinstance(test, LevelTest):
            for category in framework.categories:
                if category.kind != "tracked":
                    continue  # research categories are monitored, never gate
                if test.categories != "tracked" and category.id not in test.categories:
                    continue
                order = category.levels if category.levels is not None else scale
                if test.at_least not in order:
                    continue
                hits = frozenset(order[order.index(test.at_least) :])
                checks.append((category.id, test.stage, hits))
        compiled.append(_Compiled(rule, tuple(checks)))
    return tuple(compiled)


def _test(compiled: _Compiled, profile: Profile) -> Firing | None:
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
    for category, stage, levels in compiled.checks:
        level = profile.levels.get(category, {}).get(stage)
        if level is None:
            unknown.append(Trigger(category, stage, None))
        elif level in levels:
            hits.append(Trigger(category, stage, level))
    if hits:
        return Firing(compiled.rule, "fired", tuple(hits))
    if unknown:
        return Firing(compiled.rule, "unknown", tuple(unknown))
    return None


def fire(framework: Framework, profile: Profile) -> tuple[Firing, ...]:
    """Every rule whose test held or could not be decided on `profile`."""
    firings = []
    for compiled in _compile(framework):
        firing = _test(compiled, profile)
        if firing is not None:
            firings.append(firing)
    return tuple(firings)


def signature(firings: tuple[Firing, ...]) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """What the decisions depend on besides attestations: each rule's state and subjects."""
    return tuple((f.rule.id, f.state, tuple(t.subject for t in f.triggers)) for f in firings)


def decide(
    framework: Framework,
    profile: Profile,
    waivers: tuple[Waiver, ...] = (),
    as_of: dt.date | None = None,
    firings: tuple[Firing, ...] | None = None,
) -> Outcome:
    """Evaluate every rule of `framework` on `profile` and combine them into decisions."""
    if firings is None:
        firings = fire(framework, profile)
    safeguards = {s.id: s for s in framework.safeguards}
    live, expired = _split_waivers(waivers, as_of) if waivers else ({}, ())
    by_decision: dict[str, list[Firing]] = {"deploy": [], "develop": [], "security": []}
    warnings: list[Firing] = []
    waived: list[Firing] = []
    for firing in firings:
        waiver = live.get(firing.rule.id)
        if waiver is not None:
            waived.append(Firing(firing.rule, firing.state, firing.triggers, waiver))
            continue
        if firing.rule.effect == "warn":
            if firing.state == "fired":
                warnings.append(firing)
            continue
        by_decision[firing.rule.decision].append(firing)
    return Outcome(
        deploy=_gate("deploy", by_decision["deploy"], profile, safeguards, DEPLOY_STATUS),
        develop=_gate("develop", by_decision["develop"], profile, safeguards, DEVELOP_STATUS),
        security=_security(framework, by_decision["security"], profile, safeguards),
        warnings=tuple(warnings),
        waived=tuple(waived),
        expired=expired,
        overall=overall_level(framework, profile),
    )


def _split_waivers(
    waivers: tuple[Waiver, ...], as_of: dt.date | None
) -> tuple[dict[str, Waiver], tuple[Waiver, ...]]:
    when = as_of or dt.date.today()
    live = {w.rule: w for w in waivers if w.date <= when <= w.expires}
    expired = tuple(w for w in waivers if w.expires < when)
    return live, expired


def _requirement(firing: Firing, profile: Profile, safeguards: dict[str, Safeguard]) -> Requirement:
    safeguard_id = firing.rule.safeguard or ""
    categories = tuple(t.subject for t in firing.triggers)
    covered = profile.attested.get(safeguard_id, frozenset())
    attested = safeguard_id in profile.attested and (
        covered is None or all(c in covered for c in categories)
    )
    safeguard = safeguards.get(safeguard_id) or Safeguard(
        id=safeguard_id or "unknown", name=safeguard_id, kind="deployment"
    )
    return Requirement(safeguard, firing.rule.id, categories, attested)


def _gate(
    kind: str,
    firings: list[Firing],
    profile: Profile,
    safeguards: dict[str, Safeguard],
    names: dict[str, str],
) -> Decision:
    fired = [f for f in firings if f.state == "fired"]
    requires = tuple(
        _requirement(f, profile, safeguards) for f in fired if f.rule.effect == "require"
    )
    if any(f.rule.effect == "block" for f in fired) or any(not r.attested for r in requires):
        status = names["block"]
    elif any(f.state == "unknown" for f in firings):
        status = UNDETERMINED
    elif requires:
        status = names["safeguards"]
    else:
        status = names["ok"]
    return Decision(kind, status, requires, tuple(firings))


def _security(
    framework: Framework, firings: list[Firing], profile: Profile, safeguards: dict[str, Safeguard]
) -> Decision:
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
    undecided = any(
        f.state == "unknown"
        and (s := safeguards.get(f.rule.safeguard or "")) is not None
        and (best is None or s.rank > best.rank)
        for f in firings
    )
    status = UNDETERMINED if undecided else (best.id if best else "none")
    requires = tuple(_requirement(f, profile, safeguards) for f in firings if f.state == "fired")
    return Decision("security", status, requires, tuple(firings))


def overall_level(framework: Framework, profile: Profile) -> str:
    """The highest level across tracked categories (post-mitigation where rated pre/post).

    Categories with their own scales are compared by how far up their own scale
    they are, then by the framework's order.
    """
    stage = "post" if framework.rating == "pre_post" else "level"
    scale = [level.id for level in framework.levels]
    best: tuple[int, int] | None = None
    best_level = UNDETERMINED
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
    return UNDETERMINED
