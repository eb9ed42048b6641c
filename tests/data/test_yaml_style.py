"""Issue 13 "What to build" 4: one YAML style for every data file, checked in CI (the rules are
in tests/yaml_style.py and docs/DATA.md), and restyling never changes what a file loads to."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from yaml_style import restyle, style_problems

from conftest import ROOT
from riskcard.inputs.loader import load_bytes

DATA_FOLDERS = (
    "scorecards",
    "riskcard/frameworks",
    "riskcard/crosswalks",
    "riskcard/laws",
    "riskcard/compliance",
    "riskcard/compliance-documents",
)
DATA_FILES = sorted(p for folder in DATA_FOLDERS for p in (ROOT / folder).rglob("*.yaml"))
IDS = [str(p.relative_to(ROOT)) for p in DATA_FILES]


def test_the_style_check_covers_every_data_folder() -> None:
    folders = {p.parent.name for p in DATA_FILES} | {p.parent.parent.name for p in DATA_FILES}
    assert len(DATA_FILES) > 100
    expected = {"scorecards", "frameworks", "crosswalks", "laws", "compliance"}
    assert expected | {"compliance-documents"} <= folders


@pytest.mark.parametrize("path", DATA_FILES, ids=IDS)
def test_data_file_follows_the_yaml_style(path: Path) -> None:
    problems = style_problems(path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(f"{path.relative_to(ROOT)}:{p}" for p in problems)


@pytest.mark.parametrize("path", DATA_FILES, ids=IDS)
def test_restyling_keeps_every_value_and_every_comment(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    styled = restyle(text)
    assert styled == text  # a file in the house style is a fixed point
    old, new = load_bytes(text.encode(), path.name), load_bytes(styled.encode(), path.name)
    assert new.data == old.data and new.ok == old.ok


BROKEN = """\
# yaml-language-server: $schema=../../schema/scorecard.schema.json
framework:
  id: x
  version: '2'  # stays a string
notes:
- date: "2025-01-01"
  text: 'it''s "quoted" \\ and long ................................................................................................................'
  tags:
  - a
  - b
"""


def test_the_check_catches_each_rule_and_restyle_fixes_them_without_changing_values() -> None:
    problems = style_problems(BROKEN)
    assert any("single-quoted" in p for p in problems)
    assert any("indent a list under its key" in p for p in problems)
    assert any("characters (at most 120" in p for p in problems)
    fixed = restyle(BROKEN)
    assert style_problems(fixed) == []
    assert yaml.safe_load(fixed) == yaml.safe_load(BROKEN)
    assert "# stays a string" in fixed and 'version: "2"' in fixed
    assert any("tab" in p for p in style_problems(BROKEN.replace("  id: x", "\tid: x")))


def test_document_markers_tabs_and_missing_newline_are_reported() -> None:
    good = "a: 1\n"
    assert style_problems(good) == []
    assert any("document marker" in p for p in style_problems("---\n" + good))
    assert any("exactly one newline" in p for p in style_problems("a: 1"))
    assert any("trailing space" in p for p in style_problems("a: 1 \n"))
