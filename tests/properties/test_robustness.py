"""Property tests: whatever the input, riskcard ends in findings or a clean result."""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, FIXTURES, SCORECARDS
from riskcard.checks.collection import load_collection
from riskcard.formats.findings import Severity
from riskcard.inputs.loader import load_bytes

FUZZ = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

REAL = sorted(SCORECARDS.rglob("*.yaml")) + sorted((FIXTURES / "gate").glob("*.yaml"))

yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "no",
            "yes",
            "on",
            "1.10",
            "0755",
            ".nan",
            "2024-02-30",
            "~",
            "<<",
            "*a",
            "&a x",
            "!!python/object x",
            "high",
            "medium",
            "---",
            "...",
        ]
    ),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.one_of(st.text(max_size=10), st.integers()), inner, max_size=4)
    ),
    max_leaves=25,
)


def _check_document(raw: bytes) -> None:
    for pure in (False, True):
        doc = load_bytes(raw, "fuzz.yaml", pure=pure)
        assert (doc.data is not None) or doc.findings
        for finding in doc.findings:
            assert finding.line >= 1 and finding.column >= 1
            assert finding.rule and finding.message and finding.hint


@FUZZ
@given(st.binary(max_size=400))
def test_loader_survives_arbitrary_bytes(raw: bytes) -> None:
    _check_document(raw)


@FUZZ
@given(
    st.text(alphabet=st.sampled_from(list("ab:- \n\t{}[],'\"&*!|>#%@`?~0123456789.")), max_size=200)
)
def test_loader_survives_yaml_shaped_text(text: str) -> None:
    _check_document(text.encode("utf-8"))


@FUZZ
@given(yaml_values)
def test_arbitrary_yaml_documents_end_in_findings_or_clean(value: object) -> None:
    try:
        raw = yaml.safe_dump(value, allow_unicode=True).encode("utf-8")
    except yaml.YAMLError:
        return
    _check_document(raw)
    _check_document(b"format_version: 1\nmodel: " + raw)


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        choice = rng.randrange(8)
        if choice == 0:
            del lines[i]
        elif choice == 1:
            lines.insert(i, lines[i])
        elif choice == 2:
            lines[i] = " " + lines[i]
        elif choice == 3:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif choice == 4:
            lines[i] = lines[i].replace(":", "", 1)
        elif choice == 5:
            word = rng.choice(
                [
                    "no",
                    "hgh",
                    "critical",
                    "&x",
                    "*x",
                    "!!int",
                    "2024-02-30",
                    "[",
                    "{",
                    "'",
                    "1.10",
                    "null",
                    "- x",
                    "<<: {}",
                ]
            )
            lines[i] = lines[i] + " " + word
        elif choice == 6:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = lines[i].replace("low", "high").replace("pre:", "post:", 1)
    return "\n".join(lines) + "\n"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(REAL), st.integers(min_value=0, max_value=2**32))
def test_mutated_real_scorecards_end_in_findings_or_clean(
    tmp_path_factory, path: Path, seed: int
) -> None:
    folder = tmp_path_factory.mktemp("mutant")
    target = folder / "card.yaml"
    target.write_text(_mutate(path.read_text("utf-8"), random.Random(seed)), "utf-8")
    collection = load_collection([target])
    errors = [f for f in collection.findings if f.severity is Severity.ERROR]
    assert bool(collection.scorecards) != bool(errors) or not collection.scorecards
    for finding in collection.findings:
        assert finding.path == str(target) and finding.line >= 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(min_value=0, max_value=2**32))
def test_the_cli_never_exits_3_on_mutants(cli, tmp_path_factory, seed: int) -> None:
    folder = tmp_path_factory.mktemp("cli-mutant")
    target = folder / "card.yaml"
    target.write_text(_mutate(EXAMPLE.read_text("utf-8"), random.Random(seed)), "utf-8")
    for command in (
        ("validate",),
        ("gate",),
        ("validate", "--format", "sarif"),
        ("gate", "--format", "html"),
    ):
        run = cli(*command, str(target))
        assert run.code in (0, 1), (command, run.out, run.err)
        assert "Traceback" not in run.out + run.err
