"""The site's timeline layout on in-memory values: the ends of the calendar fit on the axis."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from riskcard.publish.site.timeline import WIDTH, stack, timeline


def _family(*dates: str) -> dict[str, object]:
    versions = [
        {
            "effective": dates[0],
            "verdict": None,
            "word": "first version",
            "version": "1",
            "page": "f.html",
            "class": "v-same",
            "title": "F",
            "against": None,
            "id": "f",
        }
    ]
    rows = [
        {
            "assessed": day,
            "name": f"M{n}",
            "marks": [],
            "model_page": "m.html",
            "version": "1",
            "deploy": "allowed",
            "develop": "continue",
        }
        for n, day in enumerate(dates)
    ]
    return {"id": "f", "publisher": "P", "versions": versions, "rows": rows}


def test_dates_at_both_ends_of_the_calendar_stay_on_the_axis() -> None:
    drawn = timeline([_family("0001-01-01", "9999-12-31")])
    xs = [d["x"] for lane in drawn["lanes"] for d in lane["dets"]]
    assert min(xs) >= 0 and max(xs) <= WIDTH
    assert 0 < len(drawn["ticks"]) <= 40
    assert "0001-01-01" in drawn["desc"] and "9999-12-31" in drawn["desc"]


def test_stacked_labels_do_not_overlap_and_inputs_are_left_alone() -> None:
    items = [{"x": 200.0 + i, "label": "label"} for i in range(5)]
    placed, rows = stack(items)
    assert rows == 5 and sorted(p["row"] for p in placed) == list(range(5))
    assert all("row" not in item for item in items)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), st.text("ab", max_size=3)),
        max_size=30,
    )
)
def test_determinations_are_laid_out_as_if_all_were_sorted_at_once(
    rows: list[tuple[dt.date, str]],
) -> None:
    """The rows come in date order and are read once from disk; their labels are sorted only
    among marks at the same x, which must give the order a sort of all of them gives."""
    rows.sort(key=lambda r: r[0])
    family = _family("2020-01-01")
    family["rows"] = [
        {
            "assessed": day.isoformat(),
            "name": name,
            "marks": [],
            "model_page": "m.html",
            "version": "1",
            "deploy": "allowed",
            "develop": "continue",
        }
        for day, name in rows
    ]
    drawn = timeline([family])
    laid = [(d["x"], d["label"]) for lane in drawn["lanes"] for d in lane["dets"]]
    assert laid == sorted(laid)
    assert len(laid) == len(rows)
