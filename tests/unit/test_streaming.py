"""Streamed gate outputs are the whole-run outputs, piece by piece; the second pass over the
inputs refuses a file that changed after the first."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, SCORECARDS
from riskcard.checks.collection import load_collection
from riskcard.checks.stream import check_inputs
from riskcard.engine.evaluation import evaluate
from riskcard.formats.errors import InputError
from riskcard.formats.findings import Finding, Severity
from riskcard.publish.folder import write_folder
from riskcard.renderers.gate import REPORTERS
from riskcard.renderers.gatestream import STREAMERS
from riskcard.results.gate import GateRun
from riskcard.results.gatestream import GateStream, ResultSpool

AS_OF = dt.date(2026, 1, 1)


WARNING = Finding("x.yaml", 3, 1, "scorecard.future-date", Severity.WARNING, "w\n::error x", "h")


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("name", sorted(STREAMERS))
def test_every_streamed_format_is_the_whole_run_report(name: str, strict: bool) -> None:
    collection = load_collection([SCORECARDS])
    registry = collection.registry
    evaluations = [evaluate(s, registry, None, AS_OF) for s in collection.scorecards]
    problems = [WARNING] if strict else []
    run = GateRun(evaluations, AS_OF, registry, "base", problems, strict)
    stream = GateStream(iter(evaluations), AS_OF, registry, "base", problems, strict)
    assert "".join(STREAMERS[name](stream)) == REPORTERS[name](run)
    assert stream.status == run.status


def test_the_two_passes_judge_the_same_scorecards_as_one_load() -> None:
    whole = load_collection([SCORECARDS])
    checked = check_inputs([SCORECARDS])
    assert checked.collection.findings == whole.findings
    assert [s.path for s in checked.scorecards()] == [s.path for s in whole.scorecards]
    registry = whole.registry
    for full, again in zip(whole.scorecards, checked.scorecards(), strict=True):
        assert evaluate(again, registry, None, AS_OF) == evaluate(full, registry, None, AS_OF)


def test_a_scorecard_changed_after_it_was_checked_is_refused(tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    shutil.copy(EXAMPLE, card)
    checked = check_inputs([card])
    assert [k.path for k in checked.keys] == [str(card)]
    card.write_text(EXAMPLE.read_text("utf-8") + "\n# edited\n", "utf-8")
    with pytest.raises(InputError, match="changed while riskcard was reading it"):
        list(checked.scorecards())


def test_a_page_that_fails_half_way_leaves_the_old_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_folder(out, {Path("index.html"): "old"}, ".m")

    def pieces() -> object:
        yield "new "
        raise InputError("a scorecard changed")

    with pytest.raises(InputError):
        write_folder(out, [(Path("index.html"), pieces())], ".m")  # type: ignore[list-item]
    assert (out / "index.html").read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.dictionaries(st.text(), json_values, max_size=4), max_size=4))
def test_spooled_results_are_the_json_dump_of_the_whole_document(
    entries: list[dict[str, object]],
) -> None:
    stream = GateStream([], AS_OF, None, "base")
    with ResultSpool() as spool:
        for entry in entries:
            spool.add(entry)
        streamed = "".join(spool.document(stream))
    assert streamed == json.dumps(stream.envelope(entries), indent=2, ensure_ascii=False) + "\n"
