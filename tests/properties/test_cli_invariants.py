"""Invariants of part B of issue 14: duplicate assessments never blame a file read only for
identity and always blame every checked copy; the envelope's status
agrees with failing and error."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from riskcard.checks.scorecard import Assessment, check_duplicate_assessments
from riskcard.results.envelope import ENVELOPE_KEYS, STATUSES, envelope, status_of

assessments = st.builds(
    Assessment,
    model=st.sampled_from(["a/x", "a/y", "b/x"]),
    framework=st.sampled_from(["f", "g"]),
    assessed=st.sampled_from([dt.date(2025, 1, 1), dt.date(2025, 1, 2)]),
    path=st.sampled_from([f"p{i}.yaml" for i in range(6)]),
    line=st.just(1),
    column=st.just(1),
)


@given(st.lists(assessments, max_size=8), st.lists(assessments, max_size=8))
def test_duplicates_blame_checked_copies_only(
    seen: list[Assessment], context: list[Assessment]
) -> None:
    context = [c for c in context if c.path not in {s.path for s in seen}]
    findings = check_duplicate_assessments(seen, context)
    blamed = {f.path for f in findings}
    assert blamed <= {s.path for s in seen}
    for item in seen:
        key = (item.model, item.framework, item.assessed)
        others = {
            o.path for o in [*seen, *context] if (o.model, o.framework, o.assessed) == key
        } - {item.path}
        if others:  # a checked copy with a twin elsewhere is always blamed
            assert item.path in blamed
    for finding in findings:  # and a blamed file always has a twin
        assert any(
            s.path == finding.path
            and any(
                (o.model, o.framework, o.assessed) == (s.model, s.framework, s.assessed)
                and o.path != s.path
                for o in [*seen, *context]
            )
            for s in seen
        )


@given(st.booleans(), st.booleans(), st.dictionaries(st.text(), st.integers()))
def test_envelope_status_is_one_of_few_and_keys_come_first(
    failing: bool, error: bool, payload: dict[str, int]
) -> None:
    status = status_of(failing, error)
    assert status in STATUSES
    assert (status == "pass") == (not failing and not error)
    data = envelope("gate", status, {"n": 1}, {**payload, "status": "bogus"})
    assert tuple(data)[:4] == ENVELOPE_KEYS and data["status"] == status
