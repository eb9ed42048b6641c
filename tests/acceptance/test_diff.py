"""`riskcard diff`: structural and exhaustive semantic comparison of framework versions."""

from __future__ import annotations

import json
from pathlib import Path

from riskcard.formats.registry import bundled_files

BETA, V2 = "openai-preparedness@beta", "openai-preparedness@2"


def _diff(cli, *args: str) -> tuple[int, dict]:
    run = cli("diff", *args, "--format", "json")
    return run.code, json.loads(run.out)


def _change(data: dict, detail_start: str) -> dict:
    return next(c for c in data["changes"] if c["detail"].startswith(detail_start))


def test_beta_to_v2_is_mixed_with_the_telling_examples(cli) -> None:
    code, data = _diff(cli, BETA, V2)
    assert code == 0
    assert data["verdict"] == "mixed"
    assert data["from"]["version"] == "beta" and data["to"]["version"] == "2"
    # 4 categories x 10 (pre, post) pairs with post <= pre, x 4 safeguard subsets
    assert data["profiles"]["total"] == 10**4 * 4
    assert data["profiles"]["looser"] > 0 and data["profiles"]["stricter"] > 0
    # A post-mitigation High no longer blocks deployment when safeguards are attested.
    guarded = _change(data, "deploy: blocked -> allowed_with_safeguards")
    assert guarded["direction"] == "looser"
    example = guarded["example"]
    assert "high-safeguards" in example["attested"]
    assert sum(1 for r in example["ratings"].values() if r["post"] == "high") == 1
    # Persuasion no longer gates anything.
    freed = _change(data, "deploy: blocked -> allowed")
    ratings = freed["example"]["ratings"]
    assert ratings["persuasion"] == {"pre": "high", "post": "high"}
    assert all(r == {"pre": "low", "post": "low"} for k, r in ratings.items() if k != "persuasion")
    assert "persuasion" not in freed["example"]["translated"]
    assert _change(data, "'persuasion' -> nothing (lossy)")


def test_fail_on_loosening_stops_ci(cli) -> None:
    run = cli("diff", BETA, V2, "--fail-on", "loosening")
    assert run.code == 1
    assert run.out.startswith("MIXED: openai-preparedness@beta -> openai-preparedness@2")


def test_a_version_against_itself_is_unchanged(cli) -> None:
    for ref in (BETA, V2):
        code, data = _diff(cli, ref, ref, "--fail-on", "any")
        assert (
            code,
            data["verdict"],
            data["profiles"]["looser"],
            data["profiles"]["stricter"],
        ) == (0, "unchanged", 0, 0)


def test_working_copy_diff_finds_a_raised_threshold(cli, tmp_path: Path) -> None:
    source = next(
        p for p in bundled_files("frameworks") if p.name == "openai-preparedness-beta.yaml"
    )
    text = source.read_text("utf-8").replace(
        "when: {stage: post, at_least: high}", "when: {stage: post, at_least: critical}", 1
    )
    copy = tmp_path / "beta-working-copy.yaml"
    copy.write_text(text, "utf-8")
    code, data = _diff(cli, BETA, str(copy), "--fail-on", "loosening")
    assert code == 1
    assert data["verdict"] == "loosening"
    ratings = _change(data, "deploy: blocked -> allowed")["example"]["ratings"]
    assert sorted(r["post"] for r in ratings.values()) == ["high", "low", "low", "low"]
    assert sorted(r["pre"] for r in ratings.values()) == ["high", "low", "low", "low"]
    assert any(c["kind"] == "rule-changed" for c in data["changes"])
    code, back = _diff(cli, str(copy), BETA, "--fail-on", "tightening")
    assert (code, back["verdict"]) == (1, "tightening")


def test_definition_rewording_is_shown(cli) -> None:
    _, data = _diff(cli, BETA, V2)
    reworded = [c for c in data["changes"] if c["kind"] == "definition-reworded"]
    assert reworded and "“" in reworded[0]["detail"]


def test_diff_formats_render(cli) -> None:
    markdown = cli("diff", BETA, V2, "--format", "markdown").out
    assert markdown.startswith("# Framework diff: openai-preparedness@beta")
    assert "**Verdict: mixed.**" in markdown
    html = cli("diff", BETA, V2, "--format", "html").out
    assert '<div class="value">mixed</div>' in html


def test_unknown_framework_is_a_usage_error(cli) -> None:
    run = cli("diff", "openai-preparedness@9", V2)
    assert run.code == 2
    assert "unknown framework openai-preparedness@9" in run.err
