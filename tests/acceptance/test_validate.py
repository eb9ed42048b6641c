"""`riskcard validate` on the bundled data and on mutations of a bundled scorecard."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES

Mutation = Callable[[list[str]], int]


def _index(lines: list[str], pattern: str) -> int:
    for index, line in enumerate(lines):
        if re.search(pattern, line):
            return index
    raise AssertionError(f"no line matches {pattern!r}")


def duplicate_key(lines: list[str]) -> int:
    i = _index(lines, r"^  name: ")
    lines.insert(i + 1, lines[i])
    return i + 2


def unknown_level(lines: list[str]) -> int:
    i = _index(lines, r"^    post: ")
    lines[i] = "    post: hgh"
    return i + 1


def no_as_level(lines: list[str]) -> int:
    i = _index(lines, r"^    pre: ")
    lines[i] = "    pre: no"
    return i + 1


def post_above_pre(lines: list[str]) -> int:
    i = _index(lines, r"^    pre: low")
    j = _index(lines[i:], r"^    post: ") + i
    lines[j] = "    post: critical"
    return j + 1


def impossible_date(lines: list[str]) -> int:
    i = _index(lines, r"^assessed: ")
    lines[i] = 'assessed: "2024-02-30"'
    return i + 1


def yaml_alias(lines: list[str]) -> int:
    i = _index(lines, r"^  developer: ")
    lines[i] = "  developer: *lab"
    return i + 1


def unknown_category(lines: list[str]) -> int:
    i = _index(lines, r"^  cbrn:")
    lines[i] = "  cbrm:"
    return i + 1


MUTATIONS = {
    "duplicated key": (duplicate_key, "yaml.duplicate-key"),
    "unknown level": (unknown_level, "scorecard.unknown-level"),
    "no as a level": (no_as_level, "scorecard.unknown-level"),
    "post above pre": (post_above_pre, "scorecard.post-above-pre"),
    "impossible date": (impossible_date, "schema.value"),
    "alias": (yaml_alias, "yaml.alias"),
    "unknown category": (unknown_category, "scorecard.unknown-category"),
}


def test_bundled_data_validates(cli) -> None:
    run = cli("validate")
    assert run.code == 0, run.out
    assert run.out.startswith("ok: 0 error(s)")


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutation_is_caught_at_its_line(name: str, cli, tmp_path: Path, pure: bool) -> None:
    mutate, rule = MUTATIONS[name]
    lines = EXAMPLE.read_text("utf-8").splitlines()
    line = mutate(lines)
    target = tmp_path / "mutated.yaml"
    target.write_text("\n".join(lines) + "\n", "utf-8")
    run = cli("validate", str(target))
    assert run.code == 1, run.out
    located = [x for x in run.out.splitlines() if f" {rule} " in x]
    assert located, run.out
    assert located[0].startswith(f"{target}:{line}:"), run.out
    assert "(fix: " in located[0]


def test_no_as_level_gets_a_suggestion(cli, tmp_path: Path) -> None:
    lines = EXAMPLE.read_text("utf-8").splitlines()
    no_as_level(lines)
    target = tmp_path / "no.yaml"
    target.write_text("\n".join(lines) + "\n", "utf-8")
    run = cli("validate", str(target))
    assert "level 'no' is not on the scale" in run.out


def test_category_alias_is_resolved_with_a_warning(cli, tmp_path: Path) -> None:
    text = EXAMPLE.read_text("utf-8")
    lines = text.splitlines()
    i = _index(lines, r"^  cbrn:")
    lines[i] = "  Biological Threats:"
    target = tmp_path / "alias.yaml"
    target.write_text("\n".join(lines) + "\n", "utf-8")
    run = cli("validate", str(target))
    assert run.code == 0
    assert f"{target}:{i + 1}:3: warning scorecard.category-alias" in run.out
    assert "write 'cbrn'" in run.out


def test_unknown_category_suggests_the_closest(cli, tmp_path: Path) -> None:
    lines = EXAMPLE.read_text("utf-8").splitlines()
    unknown_category(lines)
    target = tmp_path / "cat.yaml"
    target.write_text("\n".join(lines) + "\n", "utf-8")
    assert "did you mean 'cbrn'?" in cli("validate", str(target)).out


def test_json_envelope(cli, tmp_path: Path) -> None:
    lines = EXAMPLE.read_text("utf-8").splitlines()
    line = unknown_level(lines)
    target = tmp_path / "bad.yaml"
    target.write_text("\n".join(lines) + "\n", "utf-8")
    run = cli("validate", "--format", "json", str(target), str(EXAMPLE))
    data = json.loads(run.out)
    assert run.code == 1
    assert data["status"] == "fail"
    assert data["checked"] == 2
    assert data["riskcard"]
    finding = next(
        f
        for f in data["findings"]
        if f["path"] == str(target) and f["rule"] != "scorecard.duplicate-assessment"
    )
    assert set(finding) >= {"path", "line", "column", "severity", "rule", "message", "hint"}
    assert (finding["path"], finding["line"], finding["rule"]) == (
        str(target),
        line,
        "scorecard.unknown-level",
    )


def _card(tmp_path: Path, name: str, replace: dict[str, str]) -> Path:
    text = (FIXTURES / "gate" / "beta-illustrative.yaml").read_text("utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    target = tmp_path / name
    target.write_text(text, "utf-8")
    return target


@pytest.mark.parametrize(
    ("replace", "rule"),
    [
        ({'version: "beta"': 'version: "3"'}, "scorecard.unknown-framework"),
        ({"id: openai-preparedness": "id: openai-preparednes"}, "scorecard.unknown-framework"),
        ({"url: https://example.org": "url: http://example.org"}, "source.insecure-url"),
        ({'assessed: "2025-01-10"': 'assessed: "2099-01-10"'}, "scorecard.future-date"),
        ({"source: doc": "source: dock"}, "source.unknown"),
        ({"  persuasion:\n": "  persuasion_x:\n"}, "scorecard.missing-category"),
        (
            {
                "    pre: low\n    post: low\n    cite: {source: doc, locator: fixture}\n  cbrn:": "    level: low\n    cite: {source: doc, locator: fixture}\n  cbrn:"
            },
            "scorecard.rating-shape",
        ),
        ({"format_version: 1": "format_version: 2"}, "schema.value"),
        ({"  name: Beta": "  nmae: Beta"}, "schema.unknown-field"),
        (
            {"model:\n  id: example/beta-illustrative": "model:\n  id: Example/Beta Illustrative"},
            "schema.value",
        ),
    ],
)
def test_semantic_and_schema_rules(replace: dict[str, str], rule: str, cli, tmp_path: Path) -> None:
    target = _card(tmp_path, "card.yaml", replace)
    run = cli("validate", str(target))
    assert run.code == 1, run.out
    assert f" error {rule} " in run.out, run.out


def test_a_card_assessed_before_release_is_valid(cli, tmp_path: Path) -> None:
    target = _card(tmp_path, "pre.yaml", {'released: "2025-01-10"': 'released: "2025-02-10"'})
    run = cli("validate", str(target))
    assert run.code == 0, run.out
    assert "date-order" not in run.out


def test_unquoted_numeric_version_gets_a_quote_hint(cli, tmp_path: Path) -> None:
    target = _card(tmp_path, "v.yaml", {'version: "beta"': "version: 2"})
    run = cli("validate", str(target))
    assert run.code == 1
    assert 'quote it: "2"' in run.out


def test_one_scorecard_per_model_and_date(cli, tmp_path: Path) -> None:
    _card(tmp_path, "a.yaml", {})
    _card(tmp_path, "b.yaml", {})
    run = cli("validate", str(tmp_path))
    assert run.code == 1
    assert "scorecard.duplicate-assessment" in run.out
    assert "a.yaml" in run.out


def test_missing_path_is_a_usage_error(cli) -> None:
    run = cli("validate", "no/such/file.yaml")
    assert run.code == 2
    assert "no such file or folder" in run.err


def test_not_a_riskcard_file(cli, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("name: x\n")
    run = cli("validate", str(other))
    assert run.code == 1
    assert "input.unknown-kind" in run.out


def test_list_and_frameworks(cli) -> None:
    listing = json.loads(cli("list", "--format", "json", str(EXAMPLE)).out)
    row = listing["scorecards"][0]
    assert row["model"] == "openai/o3-mini"
    assert row["framework"] == {"id": "openai-preparedness", "version": "beta"}
    assert row["ratings"]["cbrn"] == {"pre": "medium", "post": "medium"}
    frameworks = json.loads(cli("frameworks", "--format", "json").out)["frameworks"]
    beta = next(f for f in frameworks if f["version"] == "beta")
    assert beta["levels"] == ["low", "medium", "high", "critical"]
    assert {c["id"] for c in beta["categories"]} == {
        "cybersecurity",
        "cbrn",
        "persuasion",
        "model_autonomy",
    }
    text = cli("frameworks").out
    assert "openai-preparedness@2" in text
