"""The index page's timeline as inline SVG: one lane per framework family, versions above
the axis, determinations below, labels stacked so that none overlap."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from riskcard.analysis.spill import SortedSpill, Spill

WIDTH, LEFT, RIGHT = 1100, 190, 30
ROW, CHAR = 15, 6.6


def stack(items: Iterable[dict[str, Any]]) -> tuple[Spill[dict[str, Any]], int]:
    """Place each label (items sorted by x) in the first row where it does not overlap.

    Returns new items with `anchor`, `tx` and `row` added (kept on disk: a lane may hold a
    label per scorecard), and the number of rows used.
    """
    ends: list[float] = []
    limit = WIDTH - 8
    placed: Spill[dict[str, Any]] = Spill()
    for item in items:
        width = len(item["label"]) * CHAR + 12
        if item["x"] + width > limit:  # near the right edge: the label ends at its marker
            anchor, tx, start = "end", item["x"] - 4, item["x"] - width
        else:
            anchor, tx, start = "start", item["x"] + 4, item["x"] - 4
        for row, end in enumerate(ends):
            if start > end:
                ends[row] = start + width
                break
        else:
            row = len(ends)
            ends.append(start + width)
        placed.append({**item, "anchor": anchor, "tx": tx, "row": row})
    return placed, len(ends)


class _Lowered:
    """Placed labels with their height on the lane, computed as the page reaches each."""

    def __init__(self, placed: Iterable[dict[str, Any]], top: float) -> None:
        self.placed, self.top = placed, top

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return ({**d, "ty": self.top + d["row"] * ROW} for d in self.placed)


def _axis_span(families: list[dict[str, Any]]) -> tuple[dt.date, dt.date] | None:
    texts = (
        text
        for f in families
        for text in itertools.chain(
            (v["effective"] for v in f["versions"]), (r["assessed"] for r in f["rows"])
        )
    )
    ends: tuple[str, str] | None = None
    for text in texts:  # the rows are many: read once, keeping only the two ends
        ends = (min(text, ends[0]), max(text, ends[1])) if ends else (text, text)
    if ends is None:
        return None
    low, high = dt.date.fromisoformat(ends[0]), dt.date.fromisoformat(ends[1])
    margin = dt.timedelta(days=45)
    # Dates at the ends of the calendar keep their place instead of overflowing.
    first = low - margin if low > dt.date.min + margin else dt.date.min
    last = high + margin if high < dt.date.max - margin else dt.date.max
    return first, last


def _version_marks(family: dict[str, Any], x_of: Any) -> list[dict[str, Any]]:
    marks = []
    for v in family["versions"]:
        loud = v["verdict"] in ("loosening", "mixed")
        marks.append(
            {
                "x": x_of(v["effective"]),
                "label": f"{v['version']} {v['word'].upper() if loud else v['word']}",
                "page": v["page"],
                "class": v["class"],
                "loud": loud,
                "title": f"{v['title']} ({v['effective']}): {v['word']}"
                + (f" than {v['against']}" if v["against"] else ""),
            }
        )
    return sorted(marks, key=lambda v: (v["x"], v["label"]))


def _determination_marks(family: dict[str, Any], x_of: Any) -> Iterator[dict[str, Any]]:
    """The determinations' marks sorted by (x, label): the rows come in date order, so only
    marks at the same x are sorted among themselves."""
    marks: list[dict[str, Any]] = []
    for r in family["rows"]:
        x = x_of(r["assessed"])
        if marks and marks[-1]["x"] != x:
            yield from sorted(marks, key=lambda d: d["label"])
            marks = []
        flags = " ".join(f"[{m['kind']}]" for m in r["marks"])
        marks.append(
            {
                "x": x,
                "label": f"{r['name']}{' ' + flags if flags else ''}",
                "page": r["model_page"],
                "marked": bool(r["marks"]),
                "title": f"{r['name']} ({r['assessed']}, under {family['id']} "
                f"{r['version']}): deploy {r['deploy']}, develop "
                f"{r['develop']}" + "".join(f"; {m['kind']}: {m['detail']}" for m in r["marks"]),
            }
        )
    yield from sorted(marks, key=lambda d: d["label"])


def _event(date: str, kind: int, family: str, what: str, detail: str, page: Any) -> dict[str, Any]:
    return {
        "key": (date, kind, family, what),
        "date": date,
        "family": family,
        "what": what,
        "detail": detail,
        "page": page,
    }


def _events(families: list[dict[str, Any]]) -> SortedSpill[dict[str, Any]]:
    """The timeline as a table, for readers who cannot see the drawing: versions first on a
    day, then determinations."""
    events: SortedSpill[dict[str, Any]] = SortedSpill(lambda e: e["key"])
    for family in families:
        for v in family["versions"]:
            what = f"{family['id']} {v['version']} took effect"
            events.add(_event(v["effective"], 0, family["id"], what, v["word"], v["page"]))
        for r in family["rows"]:
            detail = "; ".join(f"{m['kind']}: {m['detail']}" for m in r["marks"])
            detail = detail or f"deploy {r['deploy']}, develop {r['develop']}"
            what = f"{r['name']} assessed"
            events.add(_event(r["assessed"], 1, family["id"], what, detail, r["model_page"]))
    return events


def _ticks(first: dt.date, last: dt.date, x_of: Any) -> list[dict[str, Any]]:
    ticks = []
    # At most about twenty years are labelled, however long the span (0001 to 9999).
    step = max(1, -(-(last.year - first.year + 1) // 20))
    for year in range(first.year, last.year + 1, step):
        for month in (1, 7) if step == 1 else (1,):
            day = dt.date(year, month, 1)
            if first <= day <= last:
                ticks.append(
                    {
                        "x": x_of(day.isoformat()),
                        "major": month == 1,
                        "label": str(year) if month == 1 else "",
                    }
                )
    return ticks


def _description(families: list[dict[str, Any]], first: dt.date, last: dt.date) -> str:
    loosenings = [
        f"{v['id']} {v['version']}"
        for f in families
        for v in f["versions"]
        if v["verdict"] == "loosening"
    ]
    firsts = [
        f"{m['kind']} under {f['id']}: {r['name']} ({r['assessed']}, {m['detail']})"
        for f in families
        for r in f["rows"]
        for m in r["marks"]
    ]
    return (
        f"Timeline from {first.isoformat()} to {last.isoformat()}: "
        f"{sum(len(f['versions']) for f in families)} framework versions in "
        f"{len(families)} frameworks and {sum(len(f['rows']) for f in families)} "
        "determinations. Loosening versions: "
        f"{', '.join(loosenings) or 'none'}. {'; '.join(firsts) or 'No first High.'}"
    )


def timeline(families: list[dict[str, Any]]) -> dict[str, Any]:
    """Lanes, ticks, size, a text description and an event table for the SVG template."""
    span_of = _axis_span(families)
    if span_of is None:
        return {
            "lanes": [],
            "ticks": [],
            "width": WIDTH,
            "height": 60,
            "events": [],
            "desc": "No framework versions or determinations.",
        }
    first, last = span_of
    span = max((last - first).days, 1)

    def x_of(text: str) -> float:
        days = (dt.date.fromisoformat(text) - first).days
        return round(LEFT + (WIDTH - LEFT - RIGHT) * days / span, 1)

    lanes = []
    y = 40
    for family in families:
        placed, top_rows = stack(_version_marks(family, x_of))
        dets, bottom_rows = stack(_determination_marks(family, x_of))
        axis = y + top_rows * ROW + 8
        versions = [{**v, "ty": axis - 8 - (top_rows - 1 - v["row"]) * ROW} for v in placed]
        lowered = _Lowered(dets, axis + 22)
        height = top_rows * ROW + 8 + 14 + max(bottom_rows, 1) * ROW + 12
        lanes.append(
            {
                "id": family["id"],
                "publisher": family["publisher"],
                "top": y,
                "axis": axis,
                "bottom": y + height,
                "versions": versions,
                "dets": lowered,
            }
        )
        y += height + 14
    return {
        "lanes": lanes,
        "ticks": _ticks(first, last, x_of),
        "width": WIDTH,
        "height": y + 10,
        "desc": _description(families, first, last),
        "events": _events(families),
    }
