"""`riskcard site`: a static, self-contained HTML dashboard of a whole collection.

Every page is computed before anything is written: an index (per framework family a
matrix of determinations by category, the gate decisions, and a timeline drawn as inline
SVG), a page per model, a gate report per assessment and a page per framework version.
Nothing is framework-specific: "High" and "Critical" tiers are the two highest levels a
category can take in its own framework version (never its lowest level).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from riskcard.analysis.audit import AuditResult, audit
from riskcard.analysis.diff import DiffResult, diff_dict
from riskcard.checks.collection import Collection, LoadedScorecard
from riskcard.engine.evaluation import Evaluation, evaluate
from riskcard.formats.models import (
    Category,
    Framework,
    LevelRating,
    LevelTest,
    MetricTest,
    PrePostRating,
    Rule,
    Unrated,
)
from riskcard.formats.registry import Registry
from riskcard.publish.compliance_page import compliance_pages
from riskcard.publish.conduct_page import conduct_pages
from riskcard.publish.folder import NameBook, write_folder
from riskcard.renderers.templating import render_template
from riskcard.results.gate import GateRun, envelope

MANIFEST = ".riskcard-site-files"

TIER_LOW, TIER_MID, TIER_HIGH, TIER_TOP, TIER_NONE = (
    "lv-low",
    "lv-mid",
    "lv-high",
    "lv-top",
    "lv-na",
)
TIERS = [
    {"class": TIER_LOW, "label": "lowest level"},
    {"class": TIER_MID, "label": "intermediate level"},
    {"class": TIER_HIGH, "label": "second-highest level (High tier)"},
    {"class": TIER_TOP, "label": "highest level (Critical tier)"},
    {"class": TIER_NONE, "label": "no confirmed rating"},
]
FIRST_HIGH, FIRST_TOP = "first High", "first Critical"
VERDICT_WORD = {
    "loosening": "looser",
    "tightening": "stricter",
    "mixed": "mixed",
    "unchanged": "unchanged",
    "not comparable": "not comparable",
}
VERDICT_CLASS = {"loosening": "v-looser", "tightening": "v-stricter", "mixed": "v-mixed"}


# --------------------------------------------------------------------------- levels


def tier(order: list[str], level: str) -> str:
    """The colour tier of `level` on a category's ordered scale (lowest first)."""
    if level not in order:
        return TIER_NONE
    index, top = order.index(level), len(order) - 1
    if index == 0:
        return TIER_LOW
    if index == top:
        return TIER_TOP
    if index == top - 1:
        return TIER_HIGH
    return TIER_MID


def _level_names(framework: Framework) -> dict[str, str]:
    return {level.id: level.name for level in framework.levels}


def _chips(
    rating: PrePostRating | LevelRating | Unrated | None,
    framework: Framework,
    category: Category,
    registry: Registry,
) -> list[dict[str, Any]]:
    """What one cell of the matrix shows: each stage's level with its tier, or the status."""
    order = registry.scale(framework).levels_of(category)
    names = _level_names(framework)

    def chip(stage: str, level: str, note: str = "") -> dict[str, Any]:
        return {
            "stage": stage,
            "level": level,
            "text": names.get(level, level),
            "tier": tier(order, level),
            "note": note,
        }

    if rating is None:
        return [{"stage": "", "level": "", "text": "not rated", "tier": TIER_NONE, "note": ""}]
    if isinstance(rating, PrePostRating):
        return [chip("pre", rating.pre), chip("post", rating.post)]
    if isinstance(rating, LevelRating):
        return [chip("", rating.level, "precautionary" if rating.precautionary else "")]
    reported = f"reported {names.get(rating.reported, rating.reported)}" if rating.reported else ""
    return [
        {
            "stage": "",
            "level": "",
            "text": rating.status.replace("_", " "),
            "tier": TIER_NONE,
            "note": reported,
        }
    ]


def _test_text(test: LevelTest | MetricTest, framework: Framework) -> str:
    if isinstance(test, MetricTest):
        return f"{test.metric} {test.op} {test.threshold:g}"
    names = _level_names(framework)
    where = "any tracked category" if test.categories == "tracked" else ", ".join(test.categories)
    stage = "" if test.stage == "level" else f"{test.stage}-mitigation "
    return f"{stage}level at or above {names.get(test.at_least, test.at_least)} in {where}"


def _profile_text(example: dict[str, Any]) -> str:
    parts = [
        f"{category} " + "/".join(stages.values())
        for category, stages in sorted(example["ratings"].items())
    ]
    parts += [f"{metric}={value:g}" for metric, value in sorted(example["metrics"].items())]
    attested = ", ".join(example["attested"]) or "no safeguard"
    return f"{'; '.join(parts) or 'no ratings'}; attested: {attested}"


# --------------------------------------------------------------------------- the plan


@dataclass
class _Determination:
    """One scorecard judged under the framework version it was assessed under."""

    loaded: LoadedScorecard
    evaluation: Evaluation
    result: dict[str, Any]
    gate_page: Path
    marks: list[dict[str, str]] = field(default_factory=list)

    @property
    def key(self) -> tuple[dt.date, str, str]:
        card = self.loaded.card
        return (card.assessed, card.model.id, self.loaded.path)


def _rel(page: Path, target: Path) -> str:
    """The relative link from `page` to `target` (both relative to the site root)."""
    start = page.parent.as_posix() or "."
    return posixpath.relpath(target.as_posix(), start)


def _linker(page: Path) -> Any:
    def href(target: str | Path) -> str:
        return _rel(page, Path(target))

    return href


def _nav(page: Path, index: Path, *links: tuple[str, Path]) -> Markup:
    parts = [Markup('<a href="{}">Dashboard</a>').format(_rel(page, index))]
    parts += [
        Markup('<a href="{}">{}</a>').format(_rel(page, target), text) for text, target in links
    ]
    return Markup("").join(parts)


def plan_site(
    collection: Collection, out_dir: Path, as_of: dt.date | None = None
) -> dict[Path, str]:
    """Every page of the site and its text, computed before anything is written."""
    registry = collection.registry
    names = NameBook(out_dir)
    index = names.claim("index", suffix=".html")
    audited = audit(collection, as_of)
    diffs = audited.diffs

    framework_pages = {
        (f.id, f.version): names.claim("frameworks", f.id, f.version, suffix=".html")
        for f in registry.all()
    }
    determinations: list[_Determination] = []
    for loaded in sorted(
        collection.scorecards, key=lambda s: (s.card.assessed, s.card.model.id, s.path)
    ):
        card = loaded.card
        evaluation = evaluate(loaded, registry, None, as_of)
        developer, _, model = card.model.id.partition("/")
        page = names.claim(
            "gates", developer, f"{model}--{card.assessed.isoformat()}", suffix=".html"
        )
        result = envelope(GateRun([evaluation], as_of))["results"][0]
        determinations.append(_Determination(loaded, evaluation, result, page))
    model_pages: dict[str, Path] = {}
    for determination in sorted(determinations, key=lambda d: d.loaded.card.model.id):
        model_id = determination.loaded.card.model.id
        if model_id not in model_pages:
            developer, _, model = model_id.partition("/")
            model_pages[model_id] = names.claim("models", developer, model, suffix=".html")

    families = _families(determinations, registry, audited, framework_pages, model_pages)
    files: dict[Path, str] = {}
    files[index] = render_template(
        "site_index.html",
        href=_linker(index),
        families=families,
        tiers=TIERS,
        timeline=_timeline(families),
        summary=_summary(determinations, registry, audited),
        riskcard=_version(),
    )
    for determination in determinations:
        card = determination.loaded.card
        page = determination.gate_page
        nav = _nav(page, index, (card.model.name, model_pages[card.model.id]))
        files[page] = render_template(
            "gate.html", data=envelope(GateRun([determination.evaluation], as_of)), nav=nav
        )
    for model_id, page in model_pages.items():
        mine = [d for d in determinations if d.loaded.card.model.id == model_id]
        files[page] = render_template(
            "site_model.html",
            href=_linker(page),
            index=index,
            model=_model(model_id, mine, registry, audited, framework_pages),
            tiers=TIERS,
            riskcard=_version(),
        )
    for framework in registry.all():
        key = (framework.id, framework.version)
        page = framework_pages[key]
        files[page] = render_template(
            "site_framework.html",
            href=_linker(page),
            index=index,
            framework=_framework(
                framework, registry, diffs.get(key), framework_pages, determinations, model_pages
            ),
            riskcard=_version(),
        )
    files.update(compliance_pages(collection, names, index, framework_pages, as_of))
    files.update(conduct_pages(collection, names, index, as_of))
    return files


def write_site(collection: Collection, out_dir: Path, as_of: dt.date | None = None) -> list[Path]:
    """Write the planned pages atomically, then remove pages an earlier run wrote and this
    one did not (only files inside `out_dir` that the earlier run listed)."""
    return write_folder(out_dir, plan_site(collection, out_dir, as_of), MANIFEST)


def _version() -> str:
    from riskcard.formats.version import __version__

    return __version__


# --------------------------------------------------------------------------- index


def _verdicts(audited: AuditResult) -> dict[tuple[str, str], dict[str, Any]]:
    return {(f["id"], f["version"]): f for f in audited.frameworks}


def _version_entry(
    framework: Framework, audited: AuditResult, framework_pages: dict[tuple[str, str], Path]
) -> dict[str, Any]:
    timeline = _verdicts(audited).get((framework.id, framework.version), {})
    verdict = timeline.get("verdict")
    return {
        **framework.facts(),
        "page": framework_pages[(framework.id, framework.version)],
        "verdict": verdict,
        "against": timeline.get("against"),
        "word": VERDICT_WORD.get(verdict, "first version") if verdict else "first version",
        "class": VERDICT_CLASS.get(verdict or "", "v-same"),
        "profiles": timeline.get("profiles"),
    }


def _ratings_row(
    determination: _Determination, registry: Registry
) -> dict[str, list[dict[str, Any]] | None]:
    """Per category id of the card's own framework: the chips of its rating."""
    card = determination.loaded.card
    framework = determination.evaluation.framework
    scale = registry.scale(framework)
    written: dict[str, PrePostRating | LevelRating | Unrated] = {}
    for name, rating in card.ratings.items():
        category = scale.category(name)
        if category is not None:
            written[category.id] = rating
    return {
        category.id: _chips(written.get(category.id), framework, category, registry)
        for category in framework.categories
    }


def _mark_firsts(rows: list[dict[str, Any]], framework_for: dict[str, Framework]) -> None:
    """Mark the first determination of a family reaching the High tier (either of the two
    highest levels of a tracked category) and the first reaching the top level."""
    seen: set[str] = set()
    for row in rows:
        framework = framework_for[row["path"]]
        tracked = {c.id: c.name for c in framework.categories if c.kind == "tracked"}
        reached: dict[str, list[str]] = {FIRST_HIGH: [], FIRST_TOP: []}
        for category_id, chips in row["cells"].items():
            if category_id not in tracked or chips is None:
                continue
            for chip in chips:
                label = f"{chip['text']} ({tracked[category_id]})"
                if chip["tier"] in (TIER_HIGH, TIER_TOP) and label not in reached[FIRST_HIGH]:
                    reached[FIRST_HIGH].append(label)
                if chip["tier"] == TIER_TOP and label not in reached[FIRST_TOP]:
                    reached[FIRST_TOP].append(label)
        for kind in (FIRST_HIGH, FIRST_TOP):
            if reached[kind] and kind not in seen:
                seen.add(kind)
                row["marks"].append(
                    {
                        "kind": kind,
                        "detail": ", ".join(reached[kind]),
                        "class": "first-top" if kind == FIRST_TOP else "first-high",
                    }
                )


def _families(
    determinations: list[_Determination],
    registry: Registry,
    audited: AuditResult,
    framework_pages: dict[tuple[str, str], Path],
    model_pages: dict[str, Path],
) -> list[dict[str, Any]]:
    families = []
    for framework_id in registry.ids():
        versions = registry.versions(framework_id)
        mine = sorted(
            (d for d in determinations if d.evaluation.framework.id == framework_id),
            key=lambda d: d.key,
        )
        used = [f for f in versions if any(d.evaluation.framework is f for d in mine)]
        columns: dict[str, dict[str, Any]] = {}
        for framework in used:
            rated = {
                c
                for d in mine
                if d.evaluation.framework is framework
                for c, chips in _ratings_row(d, registry).items()
                if chips and chips[0]["text"] != "not rated"
            }
            for category in framework.categories:
                if category.kind == "tracked" or category.id in rated:
                    columns[category.id] = {
                        "id": category.id,
                        "name": category.name,
                        "kind": category.kind,
                    }
        rows = []
        framework_for: dict[str, Framework] = {}
        for determination in mine:
            card = determination.loaded.card
            framework = determination.evaluation.framework
            framework_for[determination.loaded.path] = framework
            cells = _ratings_row(determination, registry)
            rows.append(
                {
                    "path": determination.loaded.path,
                    "model": card.model.id,
                    "name": card.model.name,
                    "developer": card.model.developer,
                    "assessed": card.assessed.isoformat(),
                    "title": card.title,
                    "version": framework.version,
                    "framework_page": framework_pages[(framework.id, framework.version)],
                    "model_page": model_pages[card.model.id],
                    "gate_page": determination.gate_page,
                    "cells": {c: cells.get(c) for c in columns},
                    "deploy": determination.result["deploy"]["status"],
                    "develop": determination.result["develop"]["status"],
                    "marks": determination.marks,
                }
            )
        _mark_firsts(rows, framework_for)
        newest = versions[-1]
        families.append(
            {
                "id": framework_id,
                "title": newest.title,
                "publisher": newest.publisher,
                "versions": [_version_entry(f, audited, framework_pages) for f in versions],
                "columns": list(columns.values()),
                "rows": rows,
            }
        )
    return families


def _summary(
    determinations: list[_Determination], registry: Registry, audited: AuditResult
) -> dict[str, Any]:
    verdicts = [f["verdict"] for f in audited.frameworks if f["verdict"]]
    return {
        "models": len({d.loaded.card.model.id for d in determinations}),
        "determinations": len(determinations),
        "passing": sum(1 for d in determinations if d.result["passes"]),
        "frameworks": len(registry.ids()),
        "versions": len(registry.all()),
        "loosenings": verdicts.count("loosening"),
        "mixed": verdicts.count("mixed"),
        "flips": len(audited.flips),
    }


# --------------------------------------------------------------------------- timeline

_WIDTH, _LEFT, _RIGHT = 1100, 190, 30
_ROW, _CHAR = 15, 6.6


def _stack(items: list[dict[str, Any]]) -> int:
    """Give each label (sorted by x) the first row where it does not overlap; return rows."""
    ends: list[float] = []
    limit = _WIDTH - 8
    for item in items:
        width = len(item["label"]) * _CHAR + 12
        if item["x"] + width > limit:  # near the right edge: the label ends at its marker
            item["anchor"], item["tx"], start = "end", item["x"] - 4, item["x"] - width
        else:
            item["anchor"], item["tx"], start = "start", item["x"] + 4, item["x"] - 4
        for row, end in enumerate(ends):
            if start > end:
                ends[row] = start + width
                item["row"] = row
                break
        else:
            item["row"] = len(ends)
            ends.append(start + width)
    return len(ends)


def _timeline(families: list[dict[str, Any]]) -> dict[str, Any]:
    dates = [dt.date.fromisoformat(v["effective"]) for f in families for v in f["versions"]]
    dates += [dt.date.fromisoformat(r["assessed"]) for f in families for r in f["rows"]]
    if not dates:
        return {
            "lanes": [],
            "ticks": [],
            "width": _WIDTH,
            "height": 60,
            "events": [],
            "desc": "No framework versions or determinations.",
        }
    first = min(dates) - dt.timedelta(days=45)
    last = max(dates) + dt.timedelta(days=45)
    span = max((last - first).days, 1)

    def x_of(text: str) -> float:
        days = (dt.date.fromisoformat(text) - first).days
        return round(_LEFT + (_WIDTH - _LEFT - _RIGHT) * days / span, 1)

    lanes, events = [], []
    y = 40
    for family in families:
        versions = []
        for v in family["versions"]:
            loud = v["verdict"] in ("loosening", "mixed")
            label = f"{v['version']} {v['word'].upper() if loud else v['word']}"
            versions.append(
                {
                    "x": x_of(v["effective"]),
                    "label": label,
                    "page": v["page"],
                    "class": v["class"],
                    "loud": loud,
                    "title": f"{v['title']} ({v['effective']}): {v['word']}"
                    + (f" than {v['against']}" if v["against"] else ""),
                }
            )
            events.append(
                (
                    v["effective"],
                    0,
                    family["id"],
                    f"{family['id']} {v['version']} took effect",
                    v["word"],
                    v["page"],
                )
            )
        dets = []
        for r in family["rows"]:
            marks = " ".join(f"[{m['kind']}]" for m in r["marks"])
            label = f"{r['name']}{' ' + marks if marks else ''}"
            dets.append(
                {
                    "x": x_of(r["assessed"]),
                    "label": label,
                    "page": r["model_page"],
                    "marked": bool(r["marks"]),
                    "title": f"{r['name']} ({r['assessed']}, under {family['id']} "
                    f"{r['version']}): deploy {r['deploy']}, develop "
                    f"{r['develop']}"
                    + "".join(f"; {m['kind']}: {m['detail']}" for m in r["marks"]),
                }
            )
            detail = "; ".join(f"{m['kind']}: {m['detail']}" for m in r["marks"])
            events.append(
                (
                    r["assessed"],
                    1,
                    family["id"],
                    f"{r['name']} assessed",
                    detail or f"deploy {r['deploy']}, develop {r['develop']}",
                    r["model_page"],
                )
            )
        versions.sort(key=lambda v: (v["x"], v["label"]))
        dets.sort(key=lambda d: (d["x"], d["label"]))
        top_rows, bottom_rows = _stack(versions), _stack(dets)
        axis = y + top_rows * _ROW + 8
        for v in versions:
            v["ty"] = axis - 8 - (top_rows - 1 - v["row"]) * _ROW
        for d in dets:
            d["ty"] = axis + 22 + d["row"] * _ROW
        height = top_rows * _ROW + 8 + 14 + max(bottom_rows, 1) * _ROW + 12
        lanes.append(
            {
                "id": family["id"],
                "publisher": family["publisher"],
                "top": y,
                "axis": axis,
                "bottom": y + height,
                "versions": versions,
                "dets": dets,
            }
        )
        y += height + 14
    ticks = []
    for year in range(first.year, last.year + 1):
        for month in (1, 7):
            day = dt.date(year, month, 1)
            if first <= day <= last:
                ticks.append(
                    {
                        "x": x_of(day.isoformat()),
                        "major": month == 1,
                        "label": str(year) if month == 1 else "",
                    }
                )
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
    desc = (
        f"Timeline from {first.isoformat()} to {last.isoformat()}: "
        f"{sum(len(f['versions']) for f in families)} framework versions in "
        f"{len(families)} frameworks and {sum(len(f['rows']) for f in families)} "
        "determinations. Loosening versions: "
        f"{', '.join(loosenings) or 'none'}. {'; '.join(firsts) or 'No first High.'}"
    )
    events.sort(key=lambda e: (e[0], e[1], e[2], e[3]))
    return {
        "lanes": lanes,
        "ticks": ticks,
        "width": _WIDTH,
        "height": y + 10,
        "desc": desc,
        "events": [
            {"date": d, "family": f, "what": w, "detail": x, "page": p}
            for d, _, f, w, x, p in events
        ],
    }


# --------------------------------------------------------------------------- model pages


def _model(
    model_id: str,
    mine: list[_Determination],
    registry: Registry,
    audited: AuditResult,
    framework_pages: dict[tuple[str, str], Path],
) -> dict[str, Any]:
    latest = mine[-1].loaded.card
    assessments = []
    sources: dict[tuple[str, str], dict[str, Any]] = {}
    for determination in mine:
        card = determination.loaded.card
        framework = determination.evaluation.framework
        cells = _ratings_row(determination, registry)
        categories = {c.id: c for c in framework.categories}
        judged = [
            dict(e, page=framework_pages[(e["framework"]["id"], e["framework"]["version"])])
            for e in audited.evaluations
            if e["path"] == determination.loaded.path and not e["native"]
        ]
        result = determination.result
        assessments.append(
            {
                "path": determination.loaded.path,
                "sha256": determination.loaded.sha256,
                "assessed": card.assessed.isoformat(),
                "title": card.title,
                "framework": {
                    "id": framework.id,
                    "version": framework.version,
                    "title": framework.title,
                },
                "framework_page": framework_pages[(framework.id, framework.version)],
                "gate_page": determination.gate_page,
                "ratings": [
                    {"name": categories[c].name, "kind": categories[c].kind, "chips": chips}
                    for c, chips in cells.items()
                    if chips is not None
                ],
                "deploy": result["deploy"]["status"],
                "develop": result["develop"]["status"],
                "security": result["security"]["status"],
                "overall": result["overall"],
                "passes": result["passes"],
                "judged": sorted(
                    judged, key=lambda e: (e["framework"]["id"], e["framework"]["version"])
                ),
                "flips": [f for f in audited.flips if f["path"] == determination.loaded.path],
                "notes": [n.model_dump(mode="json") for n in card.notes],
            }
        )
        for source in card.sources:
            sources.setdefault((source.url, source.title), source.model_dump(mode="json"))
    history = next((h for h in audited.history if h["model"] == model_id), None)
    return {
        "id": model_id,
        "name": latest.model.name,
        "developer": latest.model.developer,
        "released": latest.model.released.isoformat() if latest.model.released else None,
        "assessments": assessments,
        "history": history,
        "sources": [sources[k] for k in sorted(sources)],
    }


# --------------------------------------------------------------------------- framework pages


def _rule(rule: Rule, framework: Framework) -> dict[str, Any]:
    return {
        "id": rule.id,
        "decision": rule.decision,
        "effect": rule.effect,
        "when": _test_text(rule.when, framework),
        "safeguard": rule.safeguard,
        "summary": rule.summary,
        "quote": rule.quote,
        "locator": rule.locator,
    }


def _framework(
    framework: Framework,
    registry: Registry,
    diff: DiffResult | str | None,
    framework_pages: dict[tuple[str, str], Path],
    determinations: list[_Determination],
    model_pages: dict[str, Path],
) -> dict[str, Any]:
    scale = registry.scale(framework)
    names = _level_names(framework)
    previous = registry.predecessor(framework)
    versions = registry.versions(framework.id)
    position = versions.index(framework)
    following = versions[position + 1] if position + 1 < len(versions) else None
    changes: dict[str, Any] | None = None
    if isinstance(diff, DiffResult):
        data = diff_dict(diff)
        changes = {
            "verdict": data["verdict"],
            "word": VERDICT_WORD.get(data["verdict"], ""),
            "class": VERDICT_CLASS.get(data["verdict"], "v-same"),
            "profiles": data["profiles"],
            "route": data["route"],
            "held": data["quantified"],
            "semantic": [
                dict(c.as_dict(), example_text=_profile_text(c.example))
                if c.example is not None
                else c.as_dict()
                for c in diff.semantic
            ],
            "structural": [c.as_dict() for c in diff.structural],
        }
    assessed = [
        {
            "name": d.loaded.card.model.name,
            "assessed": d.loaded.card.assessed.isoformat(),
            "page": model_pages[d.loaded.card.model.id],
            "gate_page": d.gate_page,
        }
        for d in determinations
        if d.evaluation.framework is framework
    ]
    return {
        **framework.facts(),
        "sha256": framework.sha256,
        "rating": framework.rating,
        "origin": registry.origins.get((framework.id, framework.version)),
        "supersedes": framework.supersedes,
        "previous": (
            {"version": previous.version, "page": framework_pages[(previous.id, previous.version)]}
            if previous
            else None
        ),
        "next": (
            {
                "version": following.version,
                "page": framework_pages[(following.id, following.version)],
            }
            if following
            else None
        ),
        "levels": [
            {"id": lv.id, "name": lv.name, "meaning": lv.meaning} for lv in framework.levels
        ],
        "categories": [
            {
                "id": c.id,
                "name": c.name,
                "kind": c.kind,
                "aliases": c.aliases,
                "levels": [
                    {
                        "stage": "",
                        "level": lv,
                        "text": names.get(lv, lv),
                        "note": "",
                        "tier": tier(scale.levels_of(c), lv),
                    }
                    for lv in scale.levels_of(c)
                ],
                "definitions": [
                    {"level": names.get(d.level, d.level), "text": d.text, "locator": d.locator}
                    for d in c.definitions
                ],
            }
            for c in framework.categories
        ],
        "safeguards": [s.model_dump(mode="json") for s in framework.safeguards],
        "security_default": framework.security_default,
        "rules": [_rule(r, framework) for r in framework.rules],
        "notes": list(framework.notes),
        "changes": changes,
        "not_comparable": diff if isinstance(diff, str) else None,
        "assessed": assessed,
    }
