"""What the streamed commands rely on: a spill gives back exactly what went in, in order,
and a sorted spill gives back exactly `sorted()` of what went in (stable), whatever the run
size, however often it is read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from riskcard.analysis import spill
from riskcard.analysis.spill import SortedSpill, Spill

records = st.lists(st.tuples(st.integers(-5, 5), st.text(max_size=8)), max_size=700)


@settings(max_examples=60, deadline=None)
@given(records)
def test_a_spill_reads_back_what_was_written_in_order(items: list[tuple[int, str]]) -> None:
    with Spill(items) as kept:
        assert len(kept) == len(items)
        assert list(kept) == items
        assert list(kept) == items  # read twice
        kept.append((9, "late"))
        assert list(kept) == [*items, (9, "late")]


@settings(max_examples=60, deadline=None)
@given(records, st.integers(1, 50))
def test_a_sorted_spill_is_the_stable_sort_of_what_was_added(
    items: list[tuple[int, str]], run: int
) -> None:
    with SortedSpill(lambda r: r[0], run=run) as ordered:
        for item in items:
            ordered.add(item)
        assert len(ordered) == len(items)
        assert list(ordered) == sorted(items, key=lambda r: r[0])
        assert list(ordered) == sorted(items, key=lambda r: r[0])


def test_two_readers_at_once_do_not_disturb_each_other() -> None:
    items = list(range(spill.CHUNK * 3 + 7))
    with Spill(items) as kept:
        assert [(a, b) for a, b in zip(kept, kept, strict=True)] == list(
            zip(items, items, strict=True)
        )


def test_a_truncated_spill_file_is_an_error_not_a_short_read() -> None:
    kept = Spill(range(spill.CHUNK * 2))
    list(kept)
    kept._file.truncate(10)
    try:
        list(kept)
    except OSError as error:
        assert "ended early" in str(error)
    else:
        raise AssertionError("a truncated spill read back without error")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(), max_size=200),
    st.integers(1, 9),
    st.integers(0, 210),
    st.integers(0, 210),
)
def test_a_part_of_a_spill_is_that_slice_of_its_records(
    items: list[int], chunk: int, start: int, stop: int
) -> None:
    start, stop = min(start, len(items)), min(max(start, stop), len(items))
    with Spill(items, chunk=chunk) as kept:
        part = kept.part(start, stop)
        assert len(part) == stop - start
        assert list(part) == items[start:stop]
        assert list(part) == items[start:stop]  # read twice
