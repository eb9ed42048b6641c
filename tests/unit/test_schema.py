"""The committed JSON Schemas: current, valid, and in agreement with `riskcard validate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import FIXTURES, ROOT, SCORECARDS
from riskcard.checks.collection import bundled_registry, load_collection
from riskcard.formats.registry import bundled_files
from riskcard.formats.schema import schema_texts
from riskcard.inputs.loader import load_file

SCHEMA_DIR = ROOT / "schema"


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text("utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _texts() -> dict[str, str]:
    return schema_texts(bundled_registry()[0].all())


def test_committed_schemas_match_the_models(cli) -> None:
    for name, text in _texts().items():
        assert (SCHEMA_DIR / name).read_text("utf-8") == text, f"run `riskcard schema`: {name}"
    assert cli("schema", "--check").code == 0


def test_schema_check_fails_on_drift(cli, tmp_path: Path) -> None:
    (tmp_path / "scorecard.schema.json").write_text("{}\n")
    run = cli("schema", "--check", "--out-dir", str(tmp_path))
    assert run.code == 1
    assert "out of date" in run.err


@pytest.mark.parametrize("name", sorted(_texts()))
def test_schemas_pass_their_metaschema(name: str) -> None:
    Draft202012Validator.check_schema(json.loads((SCHEMA_DIR / name).read_text("utf-8")))


STRUCTURAL = {
    "unknown-field": ("assessed:", "colour: red\nassessed:"),
    "missing-field": ('assessed: "2025-01-10"\n', ""),
    "wrong-type": ("format_version: 1", 'format_version: "1"'),
    "bad-date": ('assessed: "2025-01-10"', 'assessed: "2025-13-01"'),
    "impossible-date": ('assessed: "2025-01-10"', 'assessed: "2025-02-30"'),
    "not-a-date": ('assessed: "2025-01-10"', 'assessed: "January 2025"'),
    "bad-enum": ("id: doc\n", "id: doc\n    kind: tertiary\n"),
    "bad-url": ("url: https://example.org", "url: example.org"),
    "bad-model-id": ("id: example/", "id: Example/"),
    "mixed-rating": ("    pre: low\n", "    pre: low\n    level: low\n"),
    "empty-sources": (
        "sources:\n  - id: doc\n    title: Synthetic fixture\n",
        "sources: []\nx:\n  - id: doc\n    title: Synthetic fixture\n",
    ),
    "number-as-text": ("  name: High attested", "  name: 5"),
    "bool-precautionary": (
        "    level: high\n    precautionary: true",
        '    level: high\n    precautionary: "yes"',
    ),
}


def _instances(tmp_path: Path) -> list[Path]:
    files = sorted(SCORECARDS.rglob("*.yaml")) + sorted((FIXTURES / "gate").glob("*.yaml"))
    base = (FIXTURES / "gate" / "v2-high-attested.yaml").read_text("utf-8")
    for name, (old, new) in STRUCTURAL.items():
        source = (
            base
            if old in base
            else (FIXTURES / "gate" / "beta-illustrative.yaml").read_text("utf-8")
        )
        assert old in source, name
        target = tmp_path / f"{name}.yaml"
        target.write_text(source.replace(old, new, 1), "utf-8")
        files.append(target)
    return files


def test_jsonschema_agrees_with_riskcard_on_every_fixture(tmp_path: Path) -> None:
    """A plain validator with only the committed schema must agree on structure."""
    validator = _validator("scorecard.schema.json")
    disagreements = []
    files = _instances(tmp_path)
    assert len(files) > len(STRUCTURAL) + 5
    invalid = 0
    for path in files:
        doc = load_file(path)
        assert doc.ok, doc.findings
        plain_ok = validator.is_valid(doc.data)
        findings = load_collection([path]).findings
        ours_ok = not any(f.rule.startswith("schema.") for f in findings)
        invalid += not plain_ok
        if plain_ok != ours_ok:
            disagreements.append((path.name, plain_ok, ours_ok, [f.message for f in findings]))
    assert disagreements == []
    assert invalid == len(STRUCTURAL)


def test_bundled_frameworks_pass_the_framework_schema() -> None:
    validator = _validator("framework.schema.json")
    for path in bundled_files("frameworks"):
        doc = load_file(path)
        errors = list(validator.iter_errors(doc.data))
        assert errors == [], (path.name, errors[:1])
    crosswalks = _validator("crosswalk.schema.json")
    for path in bundled_files("crosswalks"):
        assert crosswalks.is_valid(load_file(path).data), path.name


def test_bundled_files_carry_the_editor_schema_line() -> None:
    for path in [
        *SCORECARDS.rglob("*.yaml"),
        *bundled_files("frameworks"),
        *bundled_files("crosswalks"),
    ]:
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), (path, target)


WRONG = {
    "unknown category": ("  cybersecurity:\n", "  cyber-security:\n"),
    "category in capitals": ("  cybersecurity:\n", "  Cybersecurity:\n"),
    "unknown level": ("    level: high\n", "    level: hihg\n"),
    "level of another framework": ("    level: high\n", "    level: asl-3\n"),
    "unknown safeguard": ("  - safeguard: high-security", "  - safeguard: asl-3-security"),
    "safeguard for an unknown category": (
        "categories: [biological_chemical]",
        "categories: [biology]",
    ),
    "pre and post under Version 2": (
        "    level: below_high\n",
        "    pre: below_high\n    post: below_high\n",
    ),
    "tracked category left out": (
        "  ai_self_improvement:\n    level: below_high\n    cite: {source: doc, locator: fixture}\n",
        "",
    ),
}


def test_the_schema_accepts_every_bundled_scorecard() -> None:
    validator = _validator("scorecard.schema.json")
    paths = sorted(SCORECARDS.rglob("*.yaml"))
    assert len(paths) > 10
    for path in paths:
        errors = [e.message for e in validator.iter_errors(load_file(path).data)]
        assert errors == [], (path, errors[:2])


@pytest.mark.parametrize("name", sorted(WRONG))
def test_the_schema_knows_each_frameworks_vocabulary(name: str, tmp_path: Path) -> None:
    """A plain Draft 2020-12 validator rejects what riskcard reports for its meaning (an
    alias of a category is only a warning for riskcard; the schema offers the ids alone)."""
    old, new = WRONG[name]
    text = (FIXTURES / "gate" / "v2-high-attested.yaml").read_text("utf-8")
    assert old in text, old
    target = tmp_path / "card.yaml"
    target.write_text(text.replace(old, new, 1), "utf-8")
    validator = _validator("scorecard.schema.json")
    assert validator.is_valid(load_file(FIXTURES / "gate" / "v2-high-attested.yaml").data)
    assert not validator.is_valid(load_file(target).data)
    assert load_collection([target]).findings  # an error, or for an alias a warning


def test_the_schema_offers_each_bundled_framework() -> None:
    schema = json.loads((SCHEMA_DIR / "scorecard.schema.json").read_text("utf-8"))
    branches = [b["if"]["properties"]["framework"]["properties"] for b in schema["allOf"][1:]]
    named = {(b["id"]["const"], b["version"]["const"]) for b in branches}
    assert named == {(f.id, f.version) for f in bundled_registry()[0].all()}
