"""Gate results as plain data: the JSON envelope every gate reporter renders from."""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskcard.analysis.spill import SortedSpill
from riskcard.engine.evaluation import Evaluation
from riskcard.engine.policy import Firing, Requirement, Verdict
from riskcard.engine.waivers import WaiverCheck, WaiverState
from riskcard.formats.findings import Finding, Severity
from riskcard.formats.models import (
    Category,
    Framework,
    LevelRating,
    LevelTest,
    PrePostRating,
    Unrated,
)
from riskcard.formats.registry import Registry
from riskcard.results.envelope import envelope as wrap
from riskcard.results.envelope import status_of
from riskcard.results.findings import gate_findings


@dataclass(frozen=True)
class GateRun:
    """Every evaluation of one `riskcard gate` run, or, when the inputs do not validate, the
    validation findings that stopped it (then nothing is judged and the run fails)."""

    evaluations: list[Evaluation]
    as_of: dt.date | None = None
    registry: Registry | None = None
    """Where each framework came from (bundled or an input file, with its sha256)."""
    base: str | None = None
    """The working folder the input paths are relative to (see `recorded_base`)."""
    problems: list[Finding] = field(default_factory=list)
    """Validation findings of the inputs; any error among them fails the run."""
    strict: bool = False
    """`--strict`: a warning (a rule's or an input's) fails the run too."""

    @property
    def passes(self) -> bool:
        inputs_valid = not any(p.severity is Severity.ERROR for p in self.problems)
        return inputs_valid and all(e.passes for e in self.evaluations)

    @property
    def warnings(self) -> int:
        """Warnings of the inputs and warning rules that fired."""
        found = sum(p.severity is Severity.WARNING for p in self.problems)
        return found + sum(len(e.outcome.warnings) for e in self.evaluations)

    @property
    def status(self) -> str:
        """`error` when the inputs stopped the run; `fail` when it does not pass (or, with
        `--strict`, has warnings); else `pass`."""
        if any(p.severity is Severity.ERROR for p in self.problems):
            return "error"
        return status_of(not self.passes or (self.strict and self.warnings > 0))

    def to_json(self) -> dict[str, Any]:
        """The JSON document of a gate run (`riskcard gate -f json`, the templates' data)."""
        return envelope(self)

    def findings(self) -> list[Finding]:
        """Every rule that acted on a decision, as located findings, scorecard by scorecard."""
        return [f for e in self.evaluations for f in gate_findings(e)]


def _firing(firing: Firing, evaluation: Evaluation) -> dict[str, Any]:
    rule = firing.rule
    entry: dict[str, Any] = {
        "rule": rule.id,
        "effect": rule.effect,
        "state": firing.state,
        "summary": rule.summary,
        "quote": rule.quote,
        "locator": rule.locator,
        "source": evaluation.framework.url,
        "triggers": [
            {"category": t.subject, "stage": t.stage, "level": t.value} for t in firing.triggers
        ],
    }
    if rule.safeguard:
        entry["safeguard"] = rule.safeguard
    if firing.waiver is not None:
        entry["waiver"] = firing.waiver.model_dump(mode="json")
    return entry


def _requirement(requirement: Requirement) -> dict[str, Any]:
    return {
        "safeguard": requirement.safeguard.id,
        "name": requirement.safeguard.name,
        "rule": requirement.rule,
        "categories": list(requirement.categories),
        "attested": requirement.attested,
        "met": requirement.met,
        "reason": requirement.reason,
    }


def waived_entries(decision: Verdict) -> list[dict[str, str]]:
    """The waivers that set a rule of this decision aside: `{rule, approver, expires}`."""
    return [
        {
            "rule": f.rule.id,
            "approver": f.waiver.approver,
            "expires": f.waiver.expires.isoformat(),
        }
        for f in decision.waived
        if f.waiver is not None
    ]


def _decision(decision: Verdict, evaluation: Evaluation) -> dict[str, Any]:
    return {
        "status": decision.status,
        "met": decision.met,
        "waived": waived_entries(decision),
        "requires": [_requirement(r) for r in decision.requires],
        "rules": [_firing(f, evaluation) for f in decision.firings + decision.waived],
    }


def _waiver_check(check: WaiverCheck) -> dict[str, Any]:
    return {
        **check.waiver.model_dump(mode="json"),
        "state": check.state,
        "reason": check.reason,
    }


def _rating(rating: PrePostRating | LevelRating | Unrated) -> dict[str, Any]:
    if isinstance(rating, PrePostRating):
        return {"pre": rating.pre, "post": rating.post}
    if isinstance(rating, LevelRating):
        return {"level": rating.level, "precautionary": rating.precautionary}
    return {"status": rating.status, "reported": rating.reported}


def thresholds(framework: Framework, category: Category) -> list[str]:
    """The framework's level tests on this category, as `deploy: block at post ≥ high`."""
    if category.kind != "tracked":
        return []
    order = category.levels if category.levels is not None else [lv.id for lv in framework.levels]
    found = []
    for rule in framework.rules:
        test = rule.when
        if not isinstance(test, LevelTest) or test.at_least not in order:
            continue
        if test.categories != "tracked" and category.id not in test.categories:
            continue
        effect = f"require {rule.safeguard}" if rule.effect == "require" else rule.effect
        stage = "" if test.stage == "level" else f"{test.stage} "
        found.append(f"{rule.decision}: {effect} at {stage}≥ {test.at_least}")
    return found


def categories(evaluation: Evaluation) -> list[dict[str, Any]]:
    """Per category of the judging framework: the rating it was judged on, and the rules."""
    framework = evaluation.framework
    written = evaluation.ratings if evaluation.translation is None else {}
    rows = []
    for category in framework.categories:
        stages = evaluation.profile.levels.get(category.id)
        entry: dict[str, Any] = {
            "id": category.id,
            "name": category.name,
            "kind": category.kind,
            "thresholds": thresholds(framework, category),
        }
        if category.id in written:
            entry["rating"] = _rating(written[category.id])
            entry["line"] = evaluation.lines.get(category.id)
        elif stages:
            entry["rating"] = dict(stages)
        else:
            entry["rating"] = {"status": "not_rated"}
        fired = []
        for decision in evaluation.outcome.verdicts:
            for firing in decision.firings:
                if any(t.subject == category.id for t in firing.triggers):
                    fired.append(
                        {
                            "rule": firing.rule.id,
                            "state": firing.state,
                            "effect": firing.rule.effect,
                        }
                    )
        for firing in evaluation.outcome.warnings:
            if any(t.subject == category.id for t in firing.triggers):
                fired.append({"rule": firing.rule.id, "state": "fired", "effect": "warn"})
        entry["rules"] = fired
        rows.append(entry)
    return rows


def acting_rules(evaluation: Evaluation, category_id: str) -> set[str]:
    """The ids of the rules (decisions and warnings) a rating of this category triggered."""
    outcome = evaluation.outcome
    firings = [
        *outcome.deploy.firings,
        *outcome.develop.firings,
        *outcome.security.firings,
        *outcome.warnings,
    ]
    return {f.rule.id for f in firings if any(t.subject == category_id for t in f.triggers)}


def result(evaluation: Evaluation, as_of: dt.date | None) -> dict[str, Any]:
    card = evaluation.card
    outcome = evaluation.outcome
    framework = evaluation.framework
    entry: dict[str, Any] = {
        "path": evaluation.path,
        "model": card.model.id,
        "name": card.model.name,
        "developer": card.model.developer,
        "assessed": card.assessed.isoformat(),
        "title": card.title,
        "framework": {
            "id": framework.id,
            "version": framework.version,
            "title": framework.title,
            "url": framework.url,
        },
        "assessed_under": {"id": card.framework.id, "version": card.framework.version},
        "translated": None,
        "passes": evaluation.passes,
        "deploy": _decision(outcome.deploy, evaluation),
        "develop": _decision(outcome.develop, evaluation),
        "security": _decision(outcome.security, evaluation),
        "overall": outcome.overall,
        "categories": categories(evaluation),
        "warnings": [_firing(f, evaluation) for f in outcome.warnings],
        "waivers": {
            "applied": [_firing(f, evaluation) for f in outcome.waived],
            "expired": [w.model_dump(mode="json") for w in outcome.expired],
            "not_applied": [
                _waiver_check(c)
                for c in outcome.waivers
                if c.state not in (WaiverState.APPLIED, WaiverState.EXPIRED)
            ],
        },
        "safeguards": [a.model_dump(mode="json") for a in card.safeguards],
        "sources": [s.model_dump(mode="json") for s in card.sources],
        "notes": [n.model_dump(mode="json") for n in card.notes],
        "findings": [f.as_dict() for f in gate_findings(evaluation)],
    }
    if card.waivers:
        entry["as_of"] = (as_of or dt.date.today()).isoformat()
    if evaluation.translation is not None:
        translation = evaluation.translation
        entry["translated"] = {
            "from": {"id": translation.source.id, "version": translation.source.version},
            "via": translation.via,
            "basis": translation.basis,
            "mappings": list(translation.lines),
        }
    return entry


@dataclass
class Tally:
    """What the envelope says about all results besides the results themselves, gathered one
    result at a time (so a streamed run keeps no result)."""

    scorecards: int = 0
    passing: int = 0
    warnings: int = 0
    waivers_applied: int = 0
    waivers_expired: int = 0
    used: dict[tuple[str, str], Framework] = field(default_factory=dict)
    inputs: SortedSpill[tuple[str, str]] = field(default_factory=lambda: SortedSpill(_same))
    """(path, sha256) of every result, on disk (see `input_pairs`)."""

    def add(self, evaluation: Evaluation, entry: dict[str, Any]) -> None:
        self.scorecards += 1
        self.passing += bool(entry["passes"])
        self.warnings += len(evaluation.outcome.warnings)
        self.waivers_applied += len(entry["waivers"]["applied"])
        self.waivers_expired += len(entry["waivers"]["expired"])
        framework = evaluation.framework
        self.used[(framework.id, framework.version)] = framework
        if evaluation.translation is not None:
            source = evaluation.translation.source
            self.used[(source.id, source.version)] = source
        self.inputs.add((evaluation.path, evaluation.sha256))


def _same(pair: tuple[str, str]) -> tuple[str, str]:
    return pair


def input_pairs(tally: Tally, registry: Registry | None) -> Iterator[tuple[str, str]]:
    """Every input's (path, sha256) once, sorted: the results' and the framework files'."""
    used = [_provenance(tally.used[key], registry) for key in sorted(tally.used)]
    files = sorted({(f["path"], f["sha256"]) for f in used if f["origin"] == "input"})
    for pair, _ in itertools.groupby(heapq.merge(tally.inputs, files)):
        yield pair


def status_for(tally: Tally, problems: list[Finding], strict: bool) -> str:
    """`error` when the inputs stopped the run; `fail` when a scorecard fails (or, with
    `strict`, anything warns); else `pass`."""
    if any(p.severity is Severity.ERROR for p in problems):
        return "error"
    warnings = tally.warnings + sum(p.severity is Severity.WARNING for p in problems)
    return status_of(tally.passing < tally.scorecards or (strict and warnings > 0))


def envelope_of(
    tally: Tally,
    results: Any,
    *,
    registry: Registry | None,
    base: str | None,
    problems: list[Finding],
    strict: bool,
    inputs: Any = None,
) -> dict[str, Any]:
    """The JSON document of a gate run, `results` standing for its list of results and
    `inputs`, when given, for its list of inputs."""
    frameworks = [_provenance(tally.used[key], registry) for key in sorted(tally.used)]
    if inputs is None:
        inputs = [{"path": path, "sha256": digest} for path, digest in input_pairs(tally, registry)]
    summary = {
        "scorecards": tally.scorecards,
        "passing": tally.passing,
        "failing": tally.scorecards - tally.passing,
        "warnings": tally.warnings + sum(p.severity is Severity.WARNING for p in problems),
        "waivers_applied": tally.waivers_applied,
        "waivers_expired": tally.waivers_expired,
    }
    inputs_valid = not any(p.severity is Severity.ERROR for p in problems)
    payload: dict[str, Any] = {
        "passes": inputs_valid and tally.passing == tally.scorecards,
        "strict": strict,
        "results": results,
        **({"input_findings": [f.as_dict() for f in problems]} if problems else {}),
        "inputs": inputs,
        "frameworks": frameworks,
    }
    if base is not None:
        payload["base"] = base
    return wrap("gate", status_for(tally, problems, strict), summary, payload)


def envelope(run: GateRun) -> dict[str, Any]:
    """The JSON document of a gate run (`GateRun.to_json`)."""
    results = [result(e, run.as_of) for e in run.evaluations]
    tally = Tally()
    for evaluation, entry in zip(run.evaluations, results, strict=True):
        tally.add(evaluation, entry)
    return envelope_of(
        tally,
        results,
        registry=run.registry,
        base=run.base,
        problems=run.problems,
        strict=run.strict,
    )


def _provenance(framework: Framework, registry: Registry | None) -> dict[str, Any]:
    """A framework used, with where its rules came from; unknown when no registry says."""
    entry: dict[str, Any] = {
        "id": framework.id,
        "version": framework.version,
        "url": framework.url,
    }
    origin = registry.origin(framework) if registry is not None else None
    if origin is None:
        entry.update({"origin": "unknown", "path": None, "sha256": None})
    else:
        entry.update(origin.as_dict())
    return entry


def recorded_base(report_folder: Path | None, cwd: Path | None = None) -> str:
    """The working folder as a report records it: relative to the folder the report is
    written into (so a committed report verifies from any checkout), or absolute when the
    report goes to standard output and its final place is unknown."""
    here = (cwd or Path.cwd()).resolve()
    if report_folder is None:
        return here.as_posix()
    return Path(os.path.relpath(here, report_folder.resolve())).as_posix()
