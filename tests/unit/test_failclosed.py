"""Every case of issue 11's "Why", each giving the fail-closed result."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pydantic
import pytest

from riskcard.analysis import semantic
from riskcard.analysis.diff import diff_frameworks
from riskcard.checks.collection import bundled_registry
from riskcard.checks.failclosed import framework_issues
from riskcard.engine.policy import Profile, decide
from riskcard.engine.translate import find_route
from riskcard.formats.errors import UsageError
from riskcard.formats.models import Framework, FrameworkRef, Waiver
from riskcard.formats.registry import Registry

AS_OF = dt.date(2025, 6, 1)
REGISTRY, _ = bundled_registry()


def framework(**changes: Any) -> Framework:
    """A small level-rated framework: one category, low < medium < high < critical."""
    data: dict[str, Any] = {
        "format_version": 1,
        "id": "toy",
        "version": "1",
        "title": "Toy",
        "publisher": "Test",
        "effective": "2025-01-01",
        "url": "https://example.org/toy",
        "rating": "level",
        "levels": [{"id": i, "name": i} for i in ("low", "medium", "high", "critical")],
        "categories": [{"id": "bio", "name": "Bio"}, {"id": "cyber", "name": "Cyber"}],
        "safeguards": [
            {"id": "guard", "name": "Guard", "kind": "deployment"},
            {"id": "sec-base", "name": "Base", "kind": "security", "rank": 0},
            {"id": "sec-high", "name": "High security", "kind": "security", "rank": 1},
        ],
        "security_default": "sec-base",
        "rules": [
            _rule("deploy.block-high", "deploy", "block", "high"),
            _rule("develop.halt-critical", "develop", "block", "critical"),
            _rule("security.high", "security", "require", "high", safeguard="sec-high"),
        ],
    }
    data.update(changes)
    return Framework.model_validate(data)


def _rule(rid: str, decision: str, effect: str, at_least: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": rid,
        "decision": decision,
        "when": {"stage": "level", "at_least": at_least, **extra.pop("when", {})},
        "effect": effect,
        "summary": rid,
        "quote": rid,
        "locator": "p. 1",
        **extra,
    }


def waiver(rule: str, *, days: int = 30, version: str = "1", approver: str = "Board") -> Waiver:
    return Waiver(
        framework=FrameworkRef(id="toy", version=version),
        rule=rule,
        justification="preview",
        approver=approver,
        starts=AS_OF - dt.timedelta(days=1),
        expires=AS_OF - dt.timedelta(days=1) + dt.timedelta(days=days),
    )


def levels(**ratings: str) -> dict[str, dict[str, str]]:
    return {c: {"level": level} for c, level in ratings.items()}


# --------------------------------------------------------------------------- waivers


def test_a_blank_approver_is_rejected_by_the_format() -> None:
    with pytest.raises(pydantic.ValidationError):
        waiver("deploy.block-high", approver=" ")


def test_a_waiver_on_the_halt_development_rule_never_applies() -> None:
    fw = framework()
    outcome = decide(
        fw, Profile(levels(bio="critical", cyber="low")), (waiver("develop.halt-critical"),), AS_OF
    )
    assert outcome.develop.status == "halt" and not outcome.develop.waived
    assert [c.state for c in outcome.waivers] == ["rejected"]
    assert "halt development" in outcome.waivers[0].reason


def test_a_waiver_longer_than_the_limit_never_applies() -> None:
    fw = framework()
    long = waiver("deploy.block-high", days=9999)
    outcome = decide(fw, Profile(levels(bio="high", cyber="low")), (long,), AS_OF)
    assert outcome.deploy.status == "blocked"
    assert "longest allowed is 90 days" in outcome.waivers[0].reason
    configured = decide(
        fw, Profile(levels(bio="high", cyber="low")), (long,), AS_OF, max_days=10_000
    )
    assert configured.deploy.status == "allowed"


def test_a_waiver_of_the_top_level_needs_the_framework_to_mark_it_waivable() -> None:
    rules = [_rule("deploy.critical", "deploy", "block", "critical")]
    strict = framework(rules=rules)
    profile = Profile(levels(bio="critical", cyber="low"))
    assert decide(strict, profile, (waiver("deploy.critical"),), AS_OF).deploy.status == "blocked"
    marked = framework(rules=[{**rules[0], "waivable": True}])
    assert decide(marked, profile, (waiver("deploy.critical"),), AS_OF).deploy.status == "allowed"


def test_a_waiver_never_applies_to_an_undetermined_decision() -> None:
    fw = framework()
    # bio is known high, cyber is unverified: the rule reads missing data, so it stays.
    outcome = decide(fw, Profile(levels(bio="high")), (waiver("deploy.block-high"),), AS_OF)
    assert outcome.deploy.status == "blocked" and not outcome.deploy.waived
    assert [c.state for c in outcome.waivers] == ["undetermined"]
    # develop is undetermined (cyber could be critical): a waiver of it never applies.
    rules = [{**_rule("develop.halt-critical", "develop", "block", "critical"), "waivable": True}]
    halting = framework(rules=rules)
    unknown = decide(halting, Profile(levels(bio="low")), (waiver("develop.halt-critical"),), AS_OF)
    assert unknown.develop.status == "undetermined" and not unknown.develop.waived


def test_a_waiver_applies_only_under_the_version_it_names() -> None:
    fw = framework()
    outcome = decide(
        fw,
        Profile(levels(bio="high", cyber="low")),
        (waiver("deploy.block-high", version="0"),),
        AS_OF,
    )
    assert outcome.deploy.status == "blocked"
    assert outcome.waivers[0].state == "other_framework"


def test_a_waived_decision_carries_who_and_until_when() -> None:
    fw = framework()
    outcome = decide(
        fw, Profile(levels(bio="high", cyber="low")), (waiver("deploy.block-high", days=10),), AS_OF
    )
    assert outcome.deploy.status == "allowed"
    (waived,) = outcome.deploy.waived
    assert (waived.rule.id, waived.waiver and waived.waiver.approver) == (
        "deploy.block-high",
        "Board",
    )
    (check,) = outcome.waivers
    assert check.state == "applied" and check.expiring


# --------------------------------------------------------------------------- security


def test_an_unattested_security_standard_fails_the_gate() -> None:
    fw = framework()
    outcome = decide(
        fw, Profile(levels(bio="medium", cyber="high")), (waiver("deploy.block-high"),), AS_OF
    )
    assert outcome.security.status == "sec-high" and not outcome.security.met
    assert not outcome.passes
    attested = decide(
        fw,
        Profile(levels(bio="medium", cyber="high"), attested={"sec-high": None}),
        (waiver("deploy.block-high"),),
        AS_OF,
    )
    assert attested.security.met and attested.passes


def test_an_undetermined_security_decision_fails_the_gate() -> None:
    fw = framework(
        rules=[_rule("security.high", "security", "require", "high", safeguard="sec-high")]
    )
    outcome = decide(fw, Profile(levels(bio="low")), (), AS_OF)
    assert outcome.security.status == "undetermined"
    assert outcome.deploy.status == "allowed" and not outcome.passes


# --------------------------------------------------------------------------- unknown


def test_an_unknown_attestation_makes_the_decision_undetermined() -> None:
    fw = framework(rules=[_rule("deploy.guard", "deploy", "require", "high", safeguard="guard")])
    outcome = decide(
        fw, Profile(levels(bio="high", cyber="low"), unknown={"guard": None}), (), AS_OF
    )
    assert outcome.deploy.status == "undetermined"
    assert "does not say" in outcome.deploy.requires[0].reason


def test_an_undefined_standard_is_undetermined_even_when_attested() -> None:
    safeguards = [{"id": "guard", "name": "Guard", "kind": "deployment", "defined": False}]
    fw = framework(
        safeguards=safeguards,
        security_default=None,
        rules=[_rule("deploy.guard", "deploy", "require", "high", safeguard="guard")],
    )
    outcome = decide(
        fw, Profile(levels(bio="high", cyber="low"), attested={"guard": None}), (), AS_OF
    )
    assert outcome.deploy.status == "undetermined"
    assert "never defines" in outcome.deploy.requires[0].reason


# --------------------------------------------------------------------------- rules that apply


def test_a_rule_off_a_categorys_scale_is_a_framework_error_and_never_passes() -> None:
    categories = [{"id": "bio", "name": "Bio", "levels": ["low", "high"]}]
    fw = framework(
        categories=categories, rules=[_rule("deploy.medium", "deploy", "block", "medium")]
    )
    assert [i[1] for i in framework_issues(fw)] == ["framework.rule-off-scale"]
    assert decide(fw, Profile(levels(bio="high")), (), AS_OF).deploy.status == "undetermined"


def test_conflicting_metric_values_are_unknown(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from riskcard.engine.evaluation import card_metrics
    from riskcard.formats.models import Scorecard

    card = Scorecard.model_validate(_card_with_metrics([0.9, 0.1]))
    assert card_metrics(card) == {}
    assert card_metrics(Scorecard.model_validate(_card_with_metrics([0.9]))) == {"m": 0.9}


def _card_with_metrics(values: list[float]) -> dict[str, Any]:
    cite = {"source": "doc", "locator": "p. 1"}
    return {
        "format_version": 1,
        "model": {"id": "x/y", "name": "Y", "developer": "X"},
        "framework": {"id": "toy", "version": "1"},
        "assessed": "2025-01-01",
        "sources": [{"id": "doc", "title": "Doc", "url": "https://example.org/doc"}],
        "ratings": {},
        "evidence": [
            {"evaluation": "e", "metric": "m", "result": v, "unit": "fraction", "cite": cite}
            for v in values
        ],
    }


def test_an_unstated_pre_mitigation_level_is_unknown() -> None:
    from riskcard.engine.evaluation import native_levels

    reg = REGISTRY
    beta = reg.get("openai-preparedness", "beta")
    rule = next(r for r in beta.rules if r.when.stage == "pre")  # type: ignore[union-attr]
    profile = Profile({"cybersecurity": {"post": "low"}})
    firing = [f for f in decide(beta, profile, (), AS_OF).security.firings if f.rule.id == rule.id]
    assert firing and firing[0].state == "unknown"
    assert native_levels  # the loader keeps `post` only when pre_stated is false (bundled pins)


# --------------------------------------------------------------------------- diffs


def test_versions_with_no_direct_crosswalk_compose_the_chain() -> None:
    old, new = REGISTRY.get("gdm-fsf", "1.0"), REGISTRY.get("gdm-fsf", "3.0")
    route = find_route(REGISTRY, old, new)
    assert [(s.source.version, s.target.version) for s in route] == [("1.0", "2.0"), ("2.0", "3.0")]
    result = diff_frameworks(old, new, REGISTRY)
    assert result.route.startswith("route: gdm-fsf@1.0 -> gdm-fsf@2.0 (crosswalk)")
    assert any("[gdm-fsf@1.0 -> gdm-fsf@2.0 (crosswalk)]" in c.detail for c in result.structural)


def test_with_no_route_the_diff_refuses() -> None:
    registry = Registry()
    a = framework()
    b = framework(id="other", rating="pre_post", rules=[])
    registry.add_framework(a, "a")
    registry.add_framework(b, "b")
    with pytest.raises(UsageError, match="no route"):
        diff_frameworks(a, b, registry)


def test_unchanged_means_no_rule_and_no_decision_changed() -> None:
    registry = Registry()
    a = framework()
    b = framework(
        version="2",
        rules=[
            *framework().model_dump()["rules"][:2],
            _rule(
                "security.high",
                "security",
                "require",
                "high",
                safeguard="sec-high",
                summary="reworded",
            ),
        ],
    )
    registry.add_framework(a, "a")
    registry.add_framework(b, "b")
    assert diff_frameworks(a, a, registry).verdict == "unchanged"
    moved = framework(version="3", rules=[_rule("deploy.block-high", "deploy", "block", "medium")])
    registry.add_framework(moved, "c")
    result = diff_frameworks(a, moved, registry)
    assert result.verdict != "unchanged"


def test_consecutive_versions_keep_their_rule_ids() -> None:
    old, new = REGISTRY.get("anthropic-rsp", "3.2"), REGISTRY.get("anthropic-rsp", "3.3")
    result = diff_frameworks(old, new, REGISTRY)
    kinds = {c.kind for c in result.structural}
    assert "rule-removed" not in kinds and "rule-added" not in kinds


def test_the_comparison_stops_at_the_work_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "WORK_LIMIT", 3)
    old, new = REGISTRY.get("openai-preparedness", "beta"), REGISTRY.get("openai-preparedness", "2")
    with pytest.raises(UsageError, match="work limit"):
        diff_frameworks(old, new, REGISTRY)
