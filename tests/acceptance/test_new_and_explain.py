"""`riskcard new` writes a skeleton that validates apart from its placeholders; `riskcard
explain` says what an id means in the framework's words; `frameworks` lists safeguards."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from riskcard.checks.collection import bundled_registry
from riskcard.inputs.loader import load_file

FRAMEWORKS = [f"{f.id}@{f.version}" for f in bundled_registry()[0].all()]


@pytest.mark.parametrize("ref", FRAMEWORKS)
def test_new_skeleton_validates_apart_from_placeholders(cli, tmp_path: Path, ref: str) -> None:
    target = tmp_path / "card.yaml"
    run = cli("new", "example/model", "--framework", ref, "-o", str(target))
    assert run.code == 0, run.err
    text = target.read_text("utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (target.parent / first.split("=", 1)[1]).resolve() == ROOT / "schema" / (
        "scorecard.schema.json"
    )
    framework = bundled_registry()[0].parse_ref(ref)
    for category in framework.categories:
        if category.kind == "tracked":
            assert f"\n  {category.id}:  # " in text
    for safeguard in framework.safeguards:
        assert f"#   {safeguard.id} " in text
    check = cli("validate", str(target))
    assert check.code == 0, check.out
    rules = set(re.findall(r" (?:error|warning) (\S+) ", check.out))
    assert rules == {"scorecard.placeholder"}, check.out
    schema = json.loads((ROOT / "schema" / "scorecard.schema.json").read_text("utf-8"))
    assert Draft202012Validator(schema).is_valid(load_file(target).data)


def _fill(text: str, ratings: dict[str, str], safeguards: list[str]) -> str:
    """What a user does by hand: replace each TODO, rate, uncomment the safeguards."""
    text = text.replace('"TODO: the name the developer gives the model"', "Example")
    text = re.sub(r'"TODO: the developer, e.g. [^"]*"', "Example Lab", text)
    text = text.replace('"TODO: the document\'s own title"', "System card")
    text = text.replace("https://example.org/TODO", "https://example.org/card")
    text = text.replace('"TODO: page or section"', "p. 3")
    for category, rating in ratings.items():
        text = re.sub(
            rf"(\n  {category}:  #[^\n]*\n)    status: not_published\n", rf"\1    {rating}\n", text
        )
    lines = []
    assessed = re.findall(r'assessed: "([0-9-]+)"', text)[0]
    for safeguard in safeguards:
        lines += [
            f"  - safeguard: {safeguard}",
            "    approver: Example safety board",
            f'    date: "{assessed}"',
            "    cite: {source: card, locator: p. 9}",
        ]
    return text + ("safeguards:\n" + "\n".join(lines) + "\n" if lines else "")


@pytest.mark.parametrize(
    ("ref", "ratings", "safeguards"),
    [
        (
            "openai-preparedness@2",
            {
                "biological_chemical": "level: high\n    precautionary: true",
                "cybersecurity": "level: below_high",
                "ai_self_improvement": "level: below_high",
            },
            ["high-safeguards", "high-security"],
        ),
        (
            "anthropic-rsp@2.2",
            {"cbrn": "level: cbrn_3", "ai_rnd": "level: below_ai_rnd_4"},
            ["asl-3-deployment", "asl-3-security"],
        ),
    ],
)
def test_a_filled_skeleton_is_valid_and_gated(
    cli, tmp_path: Path, ref: str, ratings: dict[str, str], safeguards: list[str]
) -> None:
    target = tmp_path / "card.yaml"
    assert cli("new", "example/model", "--framework", ref, "-o", str(target)).code == 0
    target.write_text(_fill(target.read_text("utf-8"), ratings, safeguards), "utf-8")
    check = cli("validate", str(target))
    assert check.code == 0 and "0 warning(s)" in check.out, check.out
    gate = cli("gate", str(target))
    assert gate.code == 0, gate.out
    unattested = _fill(target.read_text("utf-8"), {}, [])
    target.write_text(unattested.split("safeguards:\n  - ")[0], "utf-8")
    assert cli("gate", str(target)).code == 1


def test_new_refuses_to_overwrite_without_force(cli, tmp_path: Path) -> None:
    target = tmp_path / "card.yaml"
    target.write_text("mine\n", "utf-8")
    run = cli("new", "example/model", "--framework", "openai-preparedness@2", "-o", str(target))
    assert run.code == 2
    assert "--force" in run.err
    assert target.read_text("utf-8") == "mine\n"
    args = ("new", "example/model", "--framework", "openai-preparedness@2", "-o", str(target))
    assert cli(*args, "--force").code == 0
    assert target.read_text("utf-8").startswith("# yaml-language-server")


def test_new_to_stdout_and_bad_inputs(cli) -> None:
    run = cli("new", "openai/o3", "--framework", "openai-preparedness@2")
    assert run.code == 0 and "  id: openai/o3\n" in run.out
    bad = cli("new", "o3", "--framework", "openai-preparedness@2")
    assert bad.code == 2 and "did you mean 'openai/o3'?" in bad.err
    unknown = cli("new", "openai/o3", "--framework", "openai-preparedness@9")
    assert unknown.code == 2 and "openai-preparedness@2" in unknown.err


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("deploy.high-safeguards", ["a gate rule of openai-preparedness@2", "§4.2", "level: high"]),
        (
            "openai-preparedness@2:deploy.high-safeguards",
            ["requires a safeguard", "safeguard: high-safeguards", "waiver"],
        ),
        ("schema.missing", ["A required field is missing."]),
        ("asl-3-security", ["security safeguard standard", "safeguard: asl-3-security"]),
        ("chem_bio", ["tracked category of anthropic-rsp@3.4", "§1 table", "chem_bio: {level:"]),
        ("anthropic-rsp@3.4", ["Responsible Scaling Policy", "riskcard new developer/model"]),
        ("gdm-fsf", ["gdm-fsf@3.1", "Versions: 1.0, 2.0, 3.0, 3.1"]),
    ],
)
def test_explain(cli, what: str, expected: list[str]) -> None:
    run = cli("explain", what)
    assert run.code == 0, run.err
    for text in expected:
        assert text in run.out, (text, run.out)


def test_explain_unknown_suggests(cli) -> None:
    run = cli("explain", "deploy.hgh-safeguards")
    assert run.code == 2
    assert "did you mean 'deploy.high-safeguards'" in run.err


def test_frameworks_lists_safeguards_and_security_standards(cli) -> None:
    run = cli("frameworks")
    assert "  deployment safeguard   high-safeguards  (" in run.out
    assert "  security standard      asl-3-security  (" in run.out
    data = json.loads(cli("frameworks", "-f", "json").out)
    v2 = next(f for f in data["frameworks"] if f["id"] == "openai-preparedness")
    assert {"id", "name", "kind", "defined"} <= set(v2["safeguards"][0])
