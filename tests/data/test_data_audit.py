"""Issue 13 "What to build" 3: the data audit. Every rating shipped as a level (or a pre/post
split) carries an exact quote, or names the table or figure it is read from; the audit lists each
value's evidence state and fails on any rating that has neither."""

from __future__ import annotations

from conftest import SCORECARDS
from riskcard.analysis.evidence import evidence_states, state_counts, unsupported
from riskcard.checks.collection import load_collection

MAX_QUOTE_WORDS = 25
"""docs/DATA.md: a short exact quote, at most about 25 words."""


def _audit() -> list:
    collection = load_collection([SCORECARDS])
    assert collection.scorecards, "no bundled scorecard loaded"
    assert not [f for f in collection.findings if f.severity.name == "ERROR"]
    return evidence_states(collection)


def test_every_verified_rating_has_a_quote_or_a_table_locator() -> None:
    missing = unsupported(_audit())
    listing = "\n".join(f"{m.path}: {m.category} = {m.value} ({m.locator})" for m in missing)
    assert not missing, f"ratings with neither a quote nor a table/figure locator:\n{listing}"


def test_the_audit_covers_every_rating_of_every_scorecard() -> None:
    evidence = _audit()
    collection = load_collection([SCORECARDS])
    assert len(evidence) == sum(len(c.card.ratings) for c in collection.scorecards)
    counts = state_counts(evidence)
    assert sum(counts.values()) == len(evidence)
    # The pinned counts: a change to the data shows here and in the report.
    assert counts == {
        "quoted": 132,
        "table": 3,
        "locator-only": 0,
        "unverified": 10,
        "not_published": 25,
    }


def test_rating_quotes_are_short() -> None:
    collection = load_collection([SCORECARDS])
    long = [
        f"{card.path}: {name} ({len(rating.cite.quote.split())} words)"
        for card in collection.scorecards
        for name, rating in card.card.ratings.items()
        if getattr(rating, "status", None) is None
        and rating.cite.quote
        and len(rating.cite.quote.split()) > MAX_QUOTE_WORDS
    ]
    assert not long, "rating quotes over 25 words:\n" + "\n".join(long)


def test_table_values_name_the_table_they_are_read_from() -> None:
    tables = [e for e in _audit() if e.state == "table"]
    assert {(e.path.rsplit("/", 1)[-1], e.category) for e in tables} == {
        ("gpt-4o--2024-05-13.yaml", "cbrn"),
        ("gpt-4o--2024-05-13.yaml", "cybersecurity"),
        ("gpt-4o--2024-05-13.yaml", "model_autonomy"),
    }
    assert all("table" in e.locator.lower() for e in tables)
