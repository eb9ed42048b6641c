"""The conduct ledger, the report folder and gate.json are the same whether their per-scorecard
records fit in one sorted run in memory or go to disk in many tiny runs and chunks: what users
see does not depend on where the records waited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SCORECARDS
from riskcard.analysis import spill
from riskcard.analysis.commitments import check_commitment
from riskcard.analysis.conduct import build_ledger
from riskcard.checks.collection import Collection, LoadedScorecard, load_collection

AS_OF = "2026-01-01"
FORMATS = ["text", "json", "markdown", "html", "sarif", "junit", "github"]


def tiny_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill, "RUN", 3)
    monkeypatch.setattr(spill, "CHUNK", 2)
    monkeypatch.setattr(spill, "RUN_CHUNK", 1)


def test_the_bundled_ledger_is_larger_than_a_tiny_run() -> None:
    collection = load_collection([SCORECARDS])
    assert len(collection.scorecards) > 10 * 3  # so tiny runs really spill, many times


@pytest.mark.parametrize("fmt", FORMATS)
def test_conduct_output_is_the_same_with_tiny_spill_runs(
    cli, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    whole = cli("conduct", "-f", fmt, "--as-of", AS_OF)
    tiny_runs(monkeypatch)
    tiny = cli("conduct", "-f", fmt, "--as-of", AS_OF)
    assert whole.out.strip()
    assert (tiny.code, tiny.out) == (whole.code, whole.out)


def test_audit_conduct_key_is_the_same_with_tiny_spill_runs(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = json.loads(cli("audit", "-f", "json", "--as-of", AS_OF).out)["conduct"]
    tiny_runs(monkeypatch)
    tiny = json.loads(cli("audit", "-f", "json", "--as-of", AS_OF).out)["conduct"]
    assert whole["determinations"] and whole["timelines"]
    assert tiny == whole


def _folder(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_report_folder_is_the_same_with_tiny_spill_runs(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    assert cli("report", "--out-dir", str(out), "--as-of", AS_OF).code == 0
    whole = _folder(out)
    tiny_runs(monkeypatch)
    assert cli("report", "--out-dir", str(out), "--as-of", AS_OF).code == 0
    tiny = _folder(out)
    assert {"conduct.html", "conduct.md", "index.html", "index.md", "gate.json"} <= set(whole)
    assert sorted(tiny) == sorted(whole)
    for name, text in whole.items():
        assert tiny[name] == text, name
    gate = json.loads(whole["gate.json"])
    assert len(gate["inputs"]) == len(gate["results"]) > 30
    manifest = whole[".riskcard-files"].decode().splitlines()
    assert manifest == sorted(set(manifest)) and "conduct.html" in manifest


def test_ledger_records_are_the_same_with_tiny_spill_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    collection = load_collection([SCORECARDS])

    def seen() -> tuple[object, ...]:
        with build_ledger(collection.scorecards, collection.registry) as ledger:
            return (
                list(ledger.determinations),
                [(c.framework.id, c.commitment.id, list(c.items)) for c in ledger.commitments],
                {who: list(events) for who, events in ledger.timelines.items()},
                ledger.as_of,
            )

    whole = seen()
    tiny_runs(monkeypatch)
    assert seen() == whole


@pytest.mark.parametrize("tiny", [False, True])
def test_spilled_ledger_equals_the_in_memory_computation(
    monkeypatch: pytest.MonkeyPatch, tiny: bool
) -> None:
    """The oracle: every commitment checked over a plain list of cards, and the determinations
    in the ledger's order (date, model, path)."""
    if tiny:
        tiny_runs(monkeypatch)
    collection = load_collection([SCORECARDS])
    registry = collection.registry
    with build_ledger(collection.scorecards, registry) as ledger:
        determinations = list(ledger.determinations)
        assert [d.facts.order for d in determinations] == sorted(
            (s.card.assessed, s.card.model.id, s.path) for s in collection.scorecards
        )
        results = iter(ledger.commitments)
        for framework in registry.all():
            for commitment in framework.commitments:
                result = next(results)
                expected = check_commitment(
                    framework, commitment, ordered(collection), registry, ledger.as_of
                )
                assert (result.framework, result.commitment) == (framework, commitment)
                assert list(result.items) == list(expected.items)
                assert len(result.items) == len(expected.items)
        assert next(results, None) is None
        for who, events in ledger.timelines.items():
            found = list(events)
            assert len(found) == len(events) > 0
            assert {e.text for e in found if e.kind == "determination"} == {
                f"{d.facts.name}: determination under {'@'.join(d.facts.framework)}"
                for d in determinations
                if d.facts.developer == who
            }


def ordered(collection: Collection) -> list[LoadedScorecard]:
    return sorted(collection.scorecards, key=lambda s: (s.card.assessed, s.card.model.id, s.path))


def test_a_closed_ledger_is_not_read_again() -> None:
    collection = load_collection([SCORECARDS])
    with build_ledger(collection.scorecards, collection.registry) as ledger:
        assert len(ledger.determinations) == len(collection.scorecards)
    with pytest.raises(ValueError):
        list(ledger.determinations)
