"""Audit a collection over time: every scorecard under every framework version, decision
flips, per-model rating histories, and the framework timeline with diff verdicts."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from riskcard.analysis.diff import DiffResult, diff_frameworks
from riskcard.checks.collection import Collection, LoadedScorecard
from riskcard.engine.evaluation import Evaluation, evaluate
from riskcard.engine.records import Verdict
from riskcard.formats.errors import UsageError
from riskcard.formats.models import Framework, LevelRating, PrePostRating, Scorecard
from riskcard.formats.registry import Registry
from riskcard.formats.vocabulary import GATED, Direction, direction


@dataclass
class AuditResult:
    evaluations: list[dict[str, Any]] = field(default_factory=list)
    flips: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    frameworks: list[dict[str, Any]] = field(default_factory=list)
    diffs: dict[tuple[str, str], DiffResult | str] = field(default_factory=dict)
    """Each framework version's diff against its predecessor (or why there is none)."""


def _ref(framework: Framework) -> dict[str, str]:
    return {"id": framework.id, "version": framework.version}


def judges_for(loaded: LoadedScorecard, registry: Registry) -> list[Framework]:
    """Every version of the card's own framework, and others reachable by a crosswalk."""
    card = loaded.card
    native = registry.get(card.framework.id, card.framework.version)
    judges = list(registry.versions(native.id))
    for (source, target), _ in sorted(registry.crosswalks.items()):
        if source == (native.id, native.version) and target[0] != native.id:
            other = registry.find(*target)
            if other is not None:
                judges.append(other)
    return judges


def _summary(
    evaluation: Evaluation, native: Framework, in_force: Framework | None
) -> dict[str, Any]:
    outcome = evaluation.outcome
    return {
        "path": evaluation.path,
        "model": evaluation.card.model.id,
        "assessed": evaluation.card.assessed.isoformat(),
        "framework": _ref(evaluation.framework),
        "native": evaluation.framework is native,
        "in_force": evaluation.framework is in_force,
        "translated": evaluation.translation is not None,
        "deploy": outcome.deploy.status,
        "develop": outcome.develop.status,
        "security": outcome.security.status,
        "overall": outcome.overall,
        "passes": outcome.passes,
    }


def judge_everywhere(
    loaded: LoadedScorecard,
    registry: Registry,
    as_of: dt.date | None,
    base: Evaluation | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One scorecard under its own version and every other that can judge it: a summary per
    judgement (its own first) and a flip per decision that moved. `base`: its evaluation
    under its own version, when the caller has it already."""
    card = loaded.card
    native = registry.get(card.framework.id, card.framework.version)
    in_force = registry.in_force(native.id, card.assessed)
    base = base or evaluate(loaded, registry, None, as_of)
    summaries = [_summary(base, native, in_force)]
    flips: list[dict[str, Any]] = []
    for judge in judges_for(loaded, registry):
        if judge is native:
            continue
        try:
            other = evaluate(loaded, registry, judge, as_of)
        except UsageError:
            continue  # no defensible mapping: not judged
        summaries.append(_summary(other, native, in_force))
        for decision in GATED:
            before = base.outcome.of(decision).status
            after = other.outcome.of(decision).status
            moved = direction(before, after)
            if moved == Direction.SAME:
                continue
            flips.append(
                {
                    "model": card.model.id,
                    "path": loaded.path,
                    "assessed": card.assessed.isoformat(),
                    "from": _ref(native),
                    "to": _ref(judge),
                    "decision": decision,
                    "before": before,
                    "after": after,
                    "direction": moved,
                    "causes": flip_causes(base.outcome.of(decision), other.outcome.of(decision)),
                }
            )
    return summaries, flips


def evaluate_everywhere(collection: Collection, as_of: dt.date | None, result: AuditResult) -> None:
    registry = collection.registry
    for loaded in sorted(collection.scorecards, key=lambda s: (s.card.assessed, s.path)):
        summaries, flips = judge_everywhere(loaded, registry, as_of)
        result.evaluations.extend(summaries)
        result.flips.extend(flips)


def flip_causes(before: Verdict, after: Verdict) -> list[str]:
    """What moved a decision: the rules (with the categories that triggered them) that act
    on one side and not the other, e.g. `rsp-3.0.asl3-deploy (cbrn, cyber)`; a requirement
    of a safeguard counts as its rule. Empty when the two sides share every rule."""

    def acting(verdict: Verdict) -> dict[str, str]:
        found: dict[str, str] = {}
        for firing in verdict.firings:
            subjects = sorted({t.subject for t in firing.triggers})
            found[firing.rule.id] = ", ".join(subjects)
        for requirement in verdict.requires:
            found.setdefault(requirement.rule, ", ".join(requirement.categories))
        return found

    old, new = acting(before), acting(after)
    changed = {k: v for k, v in {**old, **new}.items() if (k in old) != (k in new)}
    return [f"{rule} ({where})" if where else rule for rule, where in sorted(changed.items())]


def _levels(card: Scorecard) -> dict[str, str]:
    """Comparable level per category: post-mitigation or the single level."""
    out = {}
    for name, rating in card.ratings.items():
        if isinstance(rating, PrePostRating):
            out[name] = rating.post
        elif isinstance(rating, LevelRating):
            out[name] = rating.level
    return out


@dataclass(frozen=True, slots=True)
class HistoryFacts:
    """What a model's rating history reads of one of its scorecards."""

    path: str
    assessed: dt.date
    framework: tuple[str, str]
    levels: dict[str, str]
    """Comparable level per category: post-mitigation or the single level."""
    justified: frozenset[str]
    """Categories a retrospective or correction note explains."""
    evidenced: frozenset[str]
    """Categories with evidence in the scorecard."""
    retrospectives: tuple[dict[str, Any], ...]

    @classmethod
    def of(cls, loaded: LoadedScorecard) -> HistoryFacts:
        card = loaded.card
        notes = [n for n in card.notes if n.kind in ("retrospective", "correction")]
        return cls(
            loaded.path,
            card.assessed,
            (card.framework.id, card.framework.version),
            _levels(card),
            frozenset(n.category for n in notes if n.category is not None),
            frozenset(e.category for e in card.evidence if e.category is not None),
            tuple(
                {
                    "date": n.date.isoformat(),
                    "category": n.category,
                    "text": n.text,
                    "quote": n.cite.quote if n.cite else None,
                }
                for n in notes
            ),
        )


def model_history(model: str, facts: list[HistoryFacts], registry: Registry) -> dict[str, Any]:
    """One model's assessments in order (`facts` sorted by date, then path) with each rating
    change against the assessment before it under the same framework."""
    entries = []
    previous: HistoryFacts | None = None
    for fact in facts:
        entry: dict[str, Any] = {
            "path": fact.path,
            "assessed": fact.assessed.isoformat(),
            "framework": {"id": fact.framework[0], "version": fact.framework[1]},
            "ratings": dict(fact.levels),
            "changes": [],
            "retrospectives": [dict(r) for r in fact.retrospectives],
        }
        if previous is not None and previous.framework[0] == fact.framework[0]:
            entry["changes"] = _rating_changes(previous, fact, registry)
        entries.append(entry)
        previous = fact
    flagged = [c for e in entries for c in e["changes"] if c["flag"]]
    retro = [r for e in entries for r in e["retrospectives"]]
    return {"model": model, "assessments": entries, "flags": flagged, "retrospectives": retro}


def rating_history(collection: Collection, result: AuditResult) -> None:
    by_model: dict[str, list[HistoryFacts]] = {}
    for loaded in collection.scorecards:
        by_model.setdefault(loaded.card.model.id, []).append(HistoryFacts.of(loaded))
    for model, facts in sorted(by_model.items()):
        facts.sort(key=lambda f: (f.assessed, f.path))
        result.history.append(model_history(model, facts, collection.registry))


def _rating_changes(
    old: HistoryFacts, new: HistoryFacts, registry: Registry
) -> list[dict[str, Any]]:
    framework = registry.get(*new.framework)
    rank = {level.id: i for i, level in enumerate(framework.levels)}
    old_fw = registry.get(*old.framework)
    old_rank = {level.id: i for i, level in enumerate(old_fw.levels)}
    before, after = old.levels, new.levels
    justified, evidenced = new.justified, new.evidenced
    changes = []
    for category in sorted(set(before) & set(after)):
        a, b = before[category], after[category]
        if a == b or a not in old_rank or b not in rank:
            continue
        if old_fw is not framework and (a not in rank):
            continue
        went = "up" if rank[b] > rank.get(a, old_rank[a]) else "down"
        flag = went == "down" and category not in justified and category not in evidenced
        changes.append(
            {
                "category": category,
                "from": a,
                "to": b,
                "change": went,
                "flag": flag,
                "reason": "downgrade without new evidence or a retrospective note"
                if flag
                else None,
            }
        )
    return changes


def version_diffs(registry: Registry) -> dict[tuple[str, str], DiffResult | str]:
    """Each framework version against its predecessor: the diff, or why there is none."""
    found: dict[tuple[str, str], DiffResult | str] = {}
    for framework_id in registry.ids():
        for previous, framework in itertools.pairwise(registry.versions(framework_id)):
            try:
                found[(framework.id, framework.version)] = diff_frameworks(
                    previous, framework, registry
                )
            except UsageError as exc:
                found[(framework.id, framework.version)] = str(exc)
    return found


def framework_timeline(registry: Registry, result: AuditResult) -> None:
    for framework in registry.all():
        entry: dict[str, Any] = {**framework.facts(), "verdict": None, "against": None}
        previous = registry.predecessor(framework)
        diff = result.diffs.get((framework.id, framework.version))
        if previous is not None:
            entry["against"] = previous.version
            if isinstance(diff, DiffResult):
                entry["verdict"] = diff.verdict
                entry["profiles"] = {
                    "total": diff.total,
                    "looser": diff.looser,
                    "stricter": diff.stricter,
                }
            else:
                entry["verdict"] = "not comparable"
                entry["reason"] = diff
        result.frameworks.append(entry)


def audit(collection: Collection, as_of: dt.date | None = None) -> AuditResult:
    result = AuditResult()
    evaluate_everywhere(collection, as_of, result)
    rating_history(collection, result)
    result.diffs = version_diffs(collection.registry)
    framework_timeline(collection.registry, result)
    return result


def audit_dict(result: AuditResult, inputs: list[tuple[str, str]]) -> dict[str, Any]:
    from riskcard.formats.version import __version__

    return {
        "riskcard": __version__,
        "evaluations": result.evaluations,
        "flips": result.flips,
        "history": result.history,
        "frameworks": result.frameworks,
        "inputs": [{"path": p, "sha256": h} for p, h in sorted(inputs)],
    }
