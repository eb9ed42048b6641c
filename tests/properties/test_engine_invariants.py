"""Fail-closed invariants of the policy engine, over every bundled framework version.

Each test draws rating profiles with hypothesis and checks one promise:
raising a rating, removing an attestation or losing data never makes a decision
more permissive, and a waiver touches only its own rule's decision.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskcard.checks.collection import bundled_registry
from riskcard.engine.policy import Judgement, Profile, decide
from riskcard.formats.limits import not_waivable
from riskcard.formats.models import Framework, FrameworkRef, MetricTest, Waiver
from riskcard.formats.vocabulary import GATED, PASSING, Direction, direction

REGISTRY, _ = bundled_registry()
FRAMEWORKS = REGISTRY.all()
IDS = [f"{f.id}@{f.version}" for f in FRAMEWORKS]
AS_OF = dt.date(2025, 6, 1)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _scale(framework: Framework, category_id: str) -> list[str]:
    category = next(c for c in framework.categories if c.id == category_id)
    return category.levels or [level.id for level in framework.levels]


def _stages(framework: Framework) -> tuple[str, ...]:
    return ("level",) if framework.rating == "level" else ("pre", "post")


def _tracked(framework: Framework) -> list[str]:
    return [c.id for c in framework.categories if c.kind == "tracked"]


def _safeguards(framework: Framework) -> list[str]:
    return [s.id for s in framework.safeguards]


def _metrics(framework: Framework) -> list[str]:
    return sorted({r.when.metric for r in framework.rules if isinstance(r.when, MetricTest)})


@st.composite
def profiles(draw: st.DrawFn, framework: Framework) -> Profile:
    """A fully known profile: every tracked category at some level, every metric valued."""
    levels = {}
    for category in _tracked(framework):
        scale = _scale(framework, category)
        levels[category] = {s: draw(st.sampled_from(scale)) for s in _stages(framework)}
    metrics = {m: draw(st.floats(0, 1, allow_nan=False)) for m in _metrics(framework)}
    attested = (
        draw(st.sets(st.sampled_from(_safeguards(framework)))) if framework.safeguards else set()
    )
    return Profile(levels, metrics, dict.fromkeys(attested))


def _standard_rank(framework: Framework, status: str) -> int:
    ranks = {s.id: s.rank for s in framework.safeguards}
    return ranks.get(status, -1)


def _never_looser(framework: Framework, before: Judgement, after: Judgement) -> None:
    for decision in GATED:
        a, b = before.of(decision).status, after.of(decision).status
        assert direction(a, b) != Direction.LOOSER, f"{decision}: {a} -> {b}"
        if a not in PASSING:
            assert b not in PASSING, f"{decision}: {a} -> {b}"
    if not before.security.met:
        assert not after.security.met, "security became met"
    a, b = before.security.status, after.security.status
    if a in {s.id for s in framework.safeguards} and b in {s.id for s in framework.safeguards}:
        assert _standard_rank(framework, b) >= _standard_rank(framework, a), f"security {a}->{b}"


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=IDS)
@FAST
@given(data=st.data())
def test_raising_any_one_rating_never_loosens(framework: Framework, data: st.DataObject) -> None:
    profile = data.draw(profiles(framework))
    category = data.draw(st.sampled_from(_tracked(framework)))
    stage = data.draw(st.sampled_from(_stages(framework)))
    scale = _scale(framework, category)
    current = scale.index(profile.levels[category][stage])
    higher = data.draw(st.integers(current, len(scale) - 1))
    raised = {c: dict(s) for c, s in profile.levels.items()}
    raised[category][stage] = scale[higher]
    before = decide(framework, profile, as_of=AS_OF)
    after = decide(framework, Profile(raised, profile.metrics, profile.attested), as_of=AS_OF)
    _never_looser(framework, before, after)


@pytest.mark.parametrize(
    "framework", [f for f in FRAMEWORKS if f.safeguards], ids=lambda f: f"{f.id}@{f.version}"
)
@FAST
@given(data=st.data())
def test_removing_an_attestation_never_loosens(framework: Framework, data: st.DataObject) -> None:
    profile = data.draw(profiles(framework))
    if not profile.attested:
        return
    gone = data.draw(st.sampled_from(sorted(profile.attested)))
    fewer = {k: v for k, v in profile.attested.items() if k != gone}
    before = decide(framework, profile, as_of=AS_OF)
    after = decide(framework, Profile(profile.levels, profile.metrics, fewer), as_of=AS_OF)
    _never_looser(framework, before, after)


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=IDS)
@FAST
@given(data=st.data())
def test_unknown_data_never_passes(framework: Framework, data: st.DataObject) -> None:
    """Forget some ratings and metrics: a decision that reads them is never passing, and
    is blocked only when a known rating already blocks."""
    profile = data.draw(profiles(framework))
    forget = data.draw(st.sets(st.sampled_from(_tracked(framework)), min_size=1))
    forget_metrics = (
        data.draw(st.sets(st.sampled_from(_metrics(framework)))) if _metrics(framework) else set()
    )
    known = {c: s for c, s in profile.levels.items() if c not in forget}
    metrics = {m: v for m, v in profile.metrics.items() if m not in forget_metrics}
    partial = decide(framework, Profile(known, metrics, profile.attested), as_of=AS_OF)
    for decision in GATED:
        verdict = partial.of(decision)
        if any(f.state == "unknown" for f in verdict.firings):
            assert verdict.status not in PASSING, f"{decision} {verdict.status} on unknown data"
        if verdict.status not in PASSING and verdict.status != "undetermined":
            # a known block: every completion blocks too
            full = decide(framework, profile, as_of=AS_OF)
            assert full.of(decision).status not in PASSING
    if partial.security.status == "undetermined":
        assert not partial.security.met


@pytest.mark.parametrize(
    "framework", [f for f in FRAMEWORKS if f.rules], ids=lambda f: f"{f.id}@{f.version}"
)
@FAST
@given(data=st.data())
def test_a_waiver_changes_only_its_own_rules_decision(
    framework: Framework, data: st.DataObject
) -> None:
    profile = data.draw(profiles(framework))
    rule = data.draw(st.sampled_from(framework.rules))
    waiver = Waiver(
        framework=FrameworkRef(id=framework.id, version=framework.version),
        rule=rule.id,
        justification="test",
        approver="board",
        starts=AS_OF - dt.timedelta(days=10),
        expires=AS_OF + dt.timedelta(days=10),
    )
    plain = decide(framework, profile, as_of=AS_OF)
    waived = decide(framework, profile, (waiver,), as_of=AS_OF)
    for verdict in waived.verdicts:
        if verdict.kind != rule.decision:
            assert verdict.status == plain.of(verdict.kind).status
            assert verdict.met == plain.of(verdict.kind).met
            assert not verdict.waived
    own = waived.of(rule.decision)
    assert direction(own.status, plain.of(rule.decision).status) != Direction.LOOSER
    if not_waivable(framework, rule) is not None:
        assert own.status == plain.of(rule.decision).status and not own.waived
