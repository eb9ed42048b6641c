"""Engine and input modules on in-memory values: waiver screening, configuration, structural
diff of two framework versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from riskcard.analysis.structural import structural_changes
from riskcard.checks.collection import bundled_registry
from riskcard.engine.waivers import WaiverState, screen
from riskcard.formats.errors import UsageError
from riskcard.formats.models import Framework, FrameworkRef, Waiver
from riskcard.inputs.config import read_config

REGISTRY = bundled_registry()[0]
BETA = REGISTRY.get("openai-preparedness", "beta")
RULE = "deploy.post-medium-or-below"


def _waiver(starts: str, expires: str, version: str = "beta", rule: str = RULE) -> Waiver:
    return Waiver(
        framework=FrameworkRef(id="openai-preparedness", version=version),
        rule=rule,
        justification="research preview",
        approver="Safety board",
        starts=dt.date.fromisoformat(starts),
        expires=dt.date.fromisoformat(expires),
    )


def _state(waiver: Waiver, as_of: str, framework: Framework = BETA) -> WaiverState:
    live, rest = screen(framework, (waiver,), dt.date.fromisoformat(as_of))
    return live[waiver.rule].state if waiver.rule in live else rest[0].state


def test_a_waiver_in_force_is_live_and_warns_near_its_end() -> None:
    waiver = _waiver("2025-01-01", "2025-03-01")
    live, _ = screen(BETA, (waiver,), dt.date(2025, 2, 20))
    assert live[RULE].expiring and live[RULE].expires_in == 9
    live, _ = screen(BETA, (waiver,), dt.date(2025, 1, 2))
    assert not live[RULE].expiring


@pytest.mark.parametrize(
    ("waiver", "as_of", "state"),
    [
        (_waiver("2025-01-01", "2025-03-01"), "2025-03-02", WaiverState.EXPIRED),
        (_waiver("2025-01-01", "2025-03-01"), "2024-12-31", WaiverState.PENDING),
        (_waiver("2025-01-01", "2025-12-31"), "2025-02-01", WaiverState.REJECTED),
        (
            _waiver("2025-01-01", "2025-03-01", version="2"),
            "2025-02-01",
            WaiverState.OTHER_FRAMEWORK,
        ),
        (
            _waiver("2025-01-01", "2025-03-01", rule="deploy.nope"),
            "2025-02-01",
            WaiverState.REJECTED,
        ),
    ],
    ids=["expired", "pending", "too long", "other version", "unknown rule"],
)
def test_a_waiver_outside_its_limits_never_applies(waiver: Waiver, as_of: str, state: str) -> None:
    assert _state(waiver, as_of) == state


def test_a_rule_that_halts_development_cannot_be_waived() -> None:
    halting = next(r.id for r in BETA.rules if r.decision == "develop" and r.effect == "block")
    waiver = _waiver("2025-01-01", "2025-03-01", rule=halting)
    assert _state(waiver, "2025-02-01") == WaiverState.REJECTED


def test_configuration_defaults_and_refusals(tmp_path: Path) -> None:
    config = read_config(tmp_path)
    assert config.source is None and config.scorecards == (tmp_path / "scorecards",)
    assert config.frameworks == () and config.crosswalks == ()
    (tmp_path / "riskcard.toml").write_text('scorecard = ["x"]\n')
    with pytest.raises(UsageError, match="unknown key"):
        read_config(tmp_path)
    (tmp_path / "riskcard.toml").write_text('as-of = "2025-02-30"\n')
    with pytest.raises(UsageError, match="as-of takes a date"):
        read_config(tmp_path)


def test_structural_diff_names_what_changed_between_versions() -> None:
    v2 = REGISTRY.get("openai-preparedness", "2")
    assert structural_changes(BETA, BETA) == []
    kinds = {change.kind for change in structural_changes(BETA, v2)}
    assert kinds, "Beta and Version 2 differ in levels, categories and rules"
    details = " ".join(change.detail for change in structural_changes(BETA, v2))
    assert "persuasion" in details.casefold()
