"""Suggestions are bounded: however many unknown names a document has and however many known
names there are, the work per document has a fixed ceiling."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES
from riskcard.checks.collection import load_collection
from riskcard.formats import suggest
from riskcard.formats.suggest import MAX_CANDIDATES, MAX_SUGGESTIONS, Suggestions, closest

IDS = st.text("abcdefgh-", min_size=1, max_size=12)


@given(word=IDS, choices=st.lists(IDS, max_size=200))
def test_closest_compares_a_bounded_number_of_names(word: str, choices: list[str]) -> None:
    compared: list[list[str]] = []
    real = difflib.get_close_matches

    def counting(w: str, possibilities: list[str], n: int, cutoff: float) -> list[str]:
        compared.append(list(possibilities))
        return real(w, possibilities, n, cutoff)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(suggest.difflib, "get_close_matches", counting)
        found = closest(word, choices)
    assert all(len(c) <= MAX_CANDIDATES for c in compared)
    if word in choices:
        assert found == word
    assert found is None or found in choices


def test_a_document_gets_a_bounded_number_of_searches() -> None:
    book = Suggestions()
    hints = [book.did_you_mean(f"x{i}", ["x1", "y2"]) for i in range(MAX_SUGGESTIONS + 5)]
    assert hints[1] == "did you mean 'x1'?"
    assert hints[-1] == "allowed: x1, y2"


def test_thousands_of_unknown_citations_stay_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = (FIXTURES / "gate" / "beta-example-scenario.yaml").read_text("utf-8")
    head, rest = card.split("ratings:\n", 1)
    sources = "".join(
        f"  - id: source-number-{i}\n    title: T\n    url: https://example.org/{i}\n"
        for i in range(1000)
    )
    evidence = "evidence:\n" + "".join(
        f"  - evaluation: e\n    result: 1\n    unit: u\n"
        f"    cite: {{source: sourse-numbre-{i}x, locator: p}}\n"
        for i in range(3000)
    )
    path = tmp_path / "many.yaml"
    path.write_text(
        head.replace("sources:\n", "sources:\n" + sources) + "ratings:\n" + rest + evidence
    )
    calls = []
    real = difflib.SequenceMatcher.ratio
    monkeypatch.setattr(
        difflib.SequenceMatcher, "ratio", lambda self: calls.append(1) or real(self)
    )
    findings = load_collection([path]).findings
    unknown = [f for f in findings if f.rule == "source.unknown"]
    assert len(unknown) == 3000
    assert len(calls) <= 2 * MAX_SUGGESTIONS * MAX_CANDIDATES
    assert unknown[0].hint.startswith("did you mean 'source-number-")
    assert unknown[-1].hint.startswith("allowed: ") and "more)" in unknown[-1].hint
