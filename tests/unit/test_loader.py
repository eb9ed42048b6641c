"""Every bad input named in the foundation issue: a located finding and exit 1, both loaders."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskcard.inputs.loader import load_bytes

BAD = {
    "duplicate-key": (b"a: 1\nb: 2\na: 3\n", "yaml.duplicate-key", 3, 1),
    "anchor": (b"a: &x 1\nb: 2\n", "yaml.anchor", 1, 4),
    "alias": (b"a: 1\nb: *x\n", "yaml.alias", 2, 4),
    "merge-key": (b"a: {x: 1}\nb:\n  <<: {x: 2}\n", "yaml.merge-key", 3, 3),
    "tag": (b"a: !!python/object:os.system 1\n", "yaml.tag", 1, 4),
    "custom-tag": (b"a: !secret x\n", "yaml.tag", 1, 4),
    "non-string-key": (b"a: 1\n2024: x\n", "yaml.non-string-key", 2, 1),
    "null-key": (b"a: 1\nnull: x\n", "yaml.non-string-key", 2, 1),
    "several-documents": (b"a: 1\n---\nb: 2\n", "yaml.multiple-documents", 2, 1),
    "empty": (b"", "yaml.empty", 1, 1),
    "only-comment": (b"# nothing\n", "yaml.empty", 1, 1),
    "top-level-list": (b"- a\n- b\n", "yaml.not-mapping", 1, 1),
    "top-level-scalar": (b"hello\n", "yaml.not-mapping", 1, 1),
    "not-utf8": (b"a: 1\nb: caf\xe9\n", "yaml.encoding", 2, 7),
    "control-character": (b"a: 1\nb: \x07\n", "yaml.syntax", 2, 4),
    "syntax": (b"a: [1, 2\nb: 3\n", "yaml.syntax", 2, 2),
    "too-deep": (
        b"a:\n" + b"".join(b"  " * i + b"k:\n" for i in range(1, 40)) + b"  " * 40 + b"v\n",
        "yaml.too-deep",
        33,
        65,
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_a_located_finding(name: str, pure: bool) -> None:
    raw, rule, line, column = BAD[name]
    doc = load_bytes(raw, "bad.yaml", pure=pure)
    assert doc.data is None
    assert [(f.rule, f.line) for f in doc.findings] == [(rule, line)], doc.findings
    finding = doc.findings[0]
    assert finding.column == column
    assert finding.hint


def test_alias_after_anchor_reports_the_anchor_first(pure: bool) -> None:
    doc = load_bytes(b"a: &x 1\nb: *x\n", "f.yaml", pure=pure)
    assert doc.findings[0].rule == "yaml.anchor"


def test_duplicate_key_names_both_places(pure: bool) -> None:
    doc = load_bytes(b"model:\n  id: a\n  name: b\n  id: c\n", "f.yaml", pure=pure)
    finding = doc.findings[0]
    assert (finding.line, finding.column) == (4, 3)
    assert "line 2, column 3" in finding.message


def test_size_limit(tmp_path: Path) -> None:
    doc = load_bytes(b"a: " + b"x" * 100 + b"\n", "big.yaml", max_bytes=50)
    assert doc.findings[0].rule == "yaml.too-large"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("NO", "NO"),
        ("1.10", "1.10"),
        ("0755", "0755"),
        ("0o755", "0o755"),
        ("0x1F", "0x1F"),
        (".nan", ".nan"),
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        ("1e3", "1e3"),
        ("1_000", "1_000"),
        ("+5", "+5"),
        ("2024-02-30", "2024-02-30"),
        ("12:30:00", "12:30:00"),
        ("0.5", 0.5),
        ("10", 10),
        ("-3", -3),
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("2.0", 2.0),
    ],
)
def test_yaml_11_surprises_stay_text(text: str, value: object, pure: bool) -> None:
    doc = load_bytes(f"v: {text}\n".encode(), "f.yaml", pure=pure)
    assert doc.findings == []
    assert doc.data == {"v": value}
    assert type(doc.data["v"]) is type(value)


def test_quoted_scalars_are_text_and_positions_are_kept(pure: bool) -> None:
    doc = load_bytes(b"a:\n  b: '1'\n  c:\n    - x\n    - \"y\"\n", "f.yaml", pure=pure)
    assert doc.data == {"a": {"b": "1", "c": ["x", "y"]}}
    assert doc.marks[("a", "c", 1)] == (5, 7)
    assert doc.key_marks[("a", "b")] == (2, 3)


@pytest.mark.parametrize("name", ["duplicate-key", "anchor", "not-utf8", "several-documents"])
def test_cli_validate_reports_the_location_and_exits_1(
    name: str, cli, tmp_path: Path, pure: bool
) -> None:
    raw, rule, line, column = BAD[name]
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(raw)
    run = cli("validate", str(bad))
    assert run.code == 1
    assert f"bad.yaml:{line}:{column}: error {rule} " in run.out
    assert "Traceback" not in run.out + run.err
