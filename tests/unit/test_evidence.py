"""The evidence-state rule of the data audit, on in-memory scorecards."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from riskcard.analysis.evidence import card_evidence, state_counts, unsupported
from riskcard.formats.models import Scorecard


def _card(ratings: dict[str, Any]) -> Scorecard:
    return Scorecard.model_validate(
        {
            "format_version": 1,
            "model": {"id": "lab/m", "name": "M", "developer": "Lab"},
            "framework": {"id": "openai-preparedness", "version": "2"},
            "assessed": "2025-01-01",
            "sources": [{"id": "card", "title": "Card", "url": "https://example.org/card"}],
            "ratings": ratings,
        }
    )


def _states(ratings: dict[str, Any]) -> dict[str, str]:
    return {e.category: e.state for e in card_evidence("x.yaml", _card(ratings))}


def test_each_state_by_its_rule() -> None:
    cite = {"source": "card", "locator": "§5.1"}
    states = _states(
        {
            "a": {"level": "high", "cite": {**cite, "quote": "We treat it as High."}},
            "b": {"level": "high", "cite": {"source": "card", "locator": "Table 2, row Cyber"}},
            "c": {"pre": "low", "post": "low", "cite": {"source": "card", "locator": "Figure 5"}},
            "d": {"level": "high", "cite": cite},
            "e": {"status": "unverified", "reported": "high", "cite": cite},
            "f": {"status": "not_published", "cite": cite},
            "g": {"level": "high", "cite": {"source": "card", "locator": "§3 (notable results)"}},
        }
    )
    assert states == {
        "a": "quoted",
        "b": "table",
        "c": "table",
        "d": "locator-only",
        "e": "unverified",
        "f": "not_published",
        "g": "locator-only",
    }


def test_a_word_that_only_contains_table_is_not_a_table() -> None:
    states = _states(
        {"a": {"level": "high", "cite": {"source": "card", "locator": "§2 Acceptable risk"}}}
    )
    assert states == {"a": "locator-only"}


_locators = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1)


@given(locator=_locators, quote=st.none() | _locators)
def test_a_level_without_quote_or_table_is_always_reported(locator: str, quote: str | None) -> None:
    """Fail closed: a level is never counted as supported unless a quote or a table/figure
    locator stands behind it, and an unrated category is never counted as a rating."""
    cite: dict[str, Any] = {"source": "card", "locator": locator}
    if quote is not None:
        cite["quote"] = quote
    try:
        card = _card(
            {"a": {"level": "high", "cite": cite}, "b": {"status": "unverified", "cite": cite}}
        )
    except ValueError:
        return  # text the format rejects never reaches the audit
    evidence = card_evidence("x.yaml", card)
    level = evidence[0]
    has_quote = bool(quote and quote.strip())
    names_table = any(w in locator.lower() for w in ("table", "figure"))
    if not has_quote and not names_table:
        assert level in unsupported(evidence)
    assert level.verified and not evidence[1].verified
    assert sum(state_counts(evidence).values()) == 2
