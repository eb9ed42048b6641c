"""Invariants of the conduct ledger: missing conduct never decides, attestations never excuse."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from riskcard.analysis.ledger import deploy_item, develop_item
from riskcard.checks.collection import Collection, LoadedScorecard, load_collection


@lru_cache(maxsize=1)
def collection() -> Collection:
    return load_collection([ROOT / "scorecards"])


def _with(loaded: LoadedScorecard, **changes: object) -> LoadedScorecard:
    return LoadedScorecard(loaded.doc, loaded.card.model_copy(update=changes), loaded.sha256)


def _outcomes(loaded: LoadedScorecard) -> list[str]:
    registry = collection().registry
    return [deploy_item(loaded, registry).outcome, develop_item(loaded, registry).outcome]


CARDS = st.integers(min_value=0, max_value=10_000)


@settings(max_examples=40, deadline=None)
@given(CARDS)
def test_no_conduct_is_never_kept_or_broken(index: int) -> None:
    cards = collection().scorecards
    loaded = _with(cards[index % len(cards)], conduct=[])
    assert not {"kept", "broken"} & set(_outcomes(loaded))


@settings(max_examples=60, deadline=None)
@given(CARDS, st.data())
def test_removing_an_attestation_never_turns_broken_into_kept(
    index: int, data: st.DataObject
) -> None:
    released = [c for c in collection().scorecards if c.card.conduct and c.card.safeguards]
    loaded = released[index % len(released)]
    drop = data.draw(st.integers(min_value=0, max_value=len(loaded.card.safeguards) - 1))
    fewer = [a for i, a in enumerate(loaded.card.safeguards) if i != drop]
    before = _outcomes(loaded)
    after = _outcomes(_with(loaded, safeguards=fewer))
    for old, new in zip(before, after, strict=True):
        assert not (old == "broken" and new == "kept")
        assert not (old != "kept" and new == "kept")


BETA_LEVELS = st.sampled_from(["low", "medium", "high", "critical"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(BETA_LEVELS, BETA_LEVELS), min_size=4, max_size=4))
def test_a_third_party_rating_is_flagged_exactly_when_it_differs(
    levels: list[tuple[str, str]],
) -> None:
    """Every category a third party rates is shown beside the developer's rating, flagged
    `disagree` exactly when the two differ, in the analysis and in every report format."""
    from riskcard.analysis.conduct import build_ledger, compare_third_party
    from riskcard.formats.scorecard import PrePostRating, ThirdParty
    from riskcard.renderers.conduct import REPORTERS
    from riskcard.results.conduct import ConductRun

    loaded = next(c for c in collection().scorecards if c.card.model.id == "openai/o3-mini")
    card = loaded.card
    names = sorted(card.ratings)
    cite = card.ratings[names[0]].cite
    theirs = {
        name: PrePostRating(pre=pre, post=post, cite=cite)
        for name, (pre, post) in zip(names, levels, strict=True)
    }
    assessment = ThirdParty(assessor="Watchdog", date=card.assessed, ratings=theirs, cite=cite)
    changed = _with(loaded, third_party=[assessment])
    views = compare_third_party(changed)
    assert [v.category for v in views] == names
    differ = 0
    for view in views:
        mine = card.ratings[view.category]
        same = (mine.pre, mine.post) == (theirs[view.category].pre, theirs[view.category].post)
        assert view.agree is same
        differ += not same
    run = ConductRun(build_ledger([changed], collection().registry))
    assert REPORTERS["markdown"](run).count("| **disagree** |") == differ
    assert REPORTERS["html"](run).count('<span class="badge bad">disagree</span>') == differ
    assert REPORTERS["text"](run).count("\n  disagreement: Watchdog") == differ


@settings(max_examples=60, deadline=None)
@given(CARDS, st.booleans(), st.integers(min_value=-30, max_value=60))
def test_only_a_report_of_the_model_keeps_a_report_promise(
    index: int, stated: bool, shift: int
) -> None:
    """A promise to publish a report at release is kept only by a source marked as the model's
    report; with no deadline in the text, a late report is undecided, never broken."""
    import datetime as dt

    from riskcard.analysis.commitments import check_commitment
    from riskcard.formats.framework import Commitment, PublishReportAtRelease

    released = [c for c in collection().scorecards if c.card.conduct]
    loaded = released[index % len(released)]
    registry = collection().registry
    framework = registry.get(loaded.card.framework.id, loaded.card.framework.version)
    check = PublishReportAtRelease(kind="publish_report_at_release", deadline_stated=stated)
    promise = Commitment(
        id="p", check=check, wording="commitment", summary="s", quote="q", locator="l"
    )
    release = (
        min(c.date for c in loaded.card.conduct if c.action == "released")
        if any(c.action == "released" for c in loaded.card.conduct)
        else None
    )
    sources = [
        s.model_copy(update={"reports": [], "date": s.date})
        if not s.reports
        else s.model_copy(
            update={"date": (release + dt.timedelta(days=shift)) if release else s.date}
        )
        for s in loaded.card.sources
    ]
    unmarked = [s.model_copy(update={"reports": []}) for s in sources]

    def outcome(with_sources: list[object]) -> str:
        card = _with(loaded, sources=with_sources)
        return check_commitment(framework, promise, [card], registry, dt.date(2030, 1, 1)).outcome

    assert outcome(unmarked) != "kept"  # launch posts and other pages never count
    if not stated:
        assert outcome(sources) != "broken"
