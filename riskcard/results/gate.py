"""Gate results as plain data: the JSON envelope every gate reporter renders from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from riskcard.engine.evaluation import Evaluation
from riskcard.engine.policy import Decision, Firing, Requirement
from riskcard.formats.findings import Finding, Severity
from riskcard.formats.models import (
    Category,
    Framework,
    LevelRating,
    LevelTest,
    PrePostRating,
    Unrated,
)
from riskcard.formats.version import __version__

UNRATED_SEVERITY = Severity.ERROR


@dataclass(frozen=True)
class GateRun:
    """Every evaluation of one `riskcard gate` run, or, when the inputs do not validate, the
    validation findings that stopped it (then nothing is judged and the run fails)."""

    evaluations: list[Evaluation]
    as_of: dt.date | None = None
    problems: list[Finding] = field(default_factory=list)
    """Validation findings of the inputs; any error among them fails the run."""

    @property
    def passes(self) -> bool:
        inputs_valid = not any(p.severity is Severity.ERROR for p in self.problems)
        return inputs_valid and all(e.passes for e in self.evaluations)

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
    }


def _decision(decision: Decision, evaluation: Evaluation) -> dict[str, Any]:
    return {
        "status": decision.status,
        "requires": [_requirement(r) for r in decision.requires],
        "rules": [_firing(f, evaluation) for f in decision.firings],
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
        for decision in (
            evaluation.outcome.deploy,
            evaluation.outcome.develop,
            evaluation.outcome.security,
        ):
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
            "via": "crosswalk" if translation.crosswalk else "identity",
            "basis": translation.crosswalk.basis
            if translation.crosswalk
            else "same framework: categories and levels matched by id",
            "mappings": list(translation.lines),
        }
    return entry


def envelope(run: GateRun) -> dict[str, Any]:
    """The JSON document of a gate run (`GateRun.to_json`)."""
    results = [result(e, run.as_of) for e in run.evaluations]
    inputs = sorted({(e.path, e.sha256) for e in run.evaluations})
    frameworks = sorted(
        {(e.framework.id, e.framework.version, e.framework.url) for e in run.evaluations}
    )
    return {
        "riskcard": __version__,
        "passes": run.passes,
        "summary": {
            "scorecards": len(results),
            "passing": sum(r["passes"] for r in results),
            "failing": sum(not r["passes"] for r in results),
            "waivers_applied": sum(len(r["waivers"]["applied"]) for r in results),
            "waivers_expired": sum(len(r["waivers"]["expired"]) for r in results),
        },
        "results": results,
        **({"input_findings": [f.as_dict() for f in run.problems]} if run.problems else {}),
        "inputs": [{"path": path, "sha256": digest} for path, digest in inputs],
        "frameworks": [{"id": i, "version": v, "url": u} for i, v, u in frameworks],
    }


def gate_findings(evaluation: Evaluation) -> list[Finding]:
    """Each rule that acted on a decision, as a finding located at the triggering rating."""
    outcome = evaluation.outcome
    findings: list[Finding] = []
    for decision in (outcome.deploy, outcome.develop, outcome.security):
        attested = {r.rule: r.attested for r in decision.requires}
        for firing in decision.firings:
            rule = firing.rule
            if firing.state == "unknown":
                missing = ", ".join(t.subject for t in firing.triggers)
                severity, text = (
                    UNRATED_SEVERITY,
                    (
                        f"{decision.kind} undetermined: rule {rule.id} depends on {missing}, "
                        "which has no confirmed rating"
                    ),
                )
                hint = "publish or confirm the rating; a gate never passes on missing data"
            elif rule.effect == "block":
                severity, text = (
                    Severity.ERROR,
                    f"{decision.kind} {decision.status}: {rule.summary}",
                )
                hint = f"framework text: “{rule.quote}” ({rule.locator})"
            elif decision.kind == "security":
                severity, text = (
                    Severity.NOTE,
                    f"security requires {rule.safeguard}: {rule.summary}",
                )
                hint = f"framework text: “{rule.quote}” ({rule.locator})"
            elif attested.get(rule.id):
                severity, text = (
                    Severity.NOTE,
                    (f"{decision.kind} requires {rule.safeguard} (attested): {rule.summary}"),
                )
                hint = f"framework text: “{rule.quote}” ({rule.locator})"
            else:
                severity, text = (
                    Severity.ERROR,
                    (
                        f"{decision.kind} {decision.status}: requires {rule.safeguard}, "
                        f"not attested. {rule.summary}"
                    ),
                )
                hint = f"attest {rule.safeguard} under `safeguards:` with its source"
            findings.append(_located(evaluation, firing, rule.id, severity, text, hint))
    for firing in outcome.warnings:
        findings.append(
            _located(
                evaluation,
                firing,
                firing.rule.id,
                Severity.WARNING,
                f"warning: {firing.rule.summary}",
                f"framework text: “{firing.rule.quote}” ({firing.rule.locator})",
            )
        )
    for firing in outcome.waived:
        waiver = firing.waiver
        assert waiver is not None
        findings.append(
            _located(
                evaluation,
                firing,
                firing.rule.id,
                Severity.WARNING,
                f"waived until {waiver.expires} by {waiver.approver}: {firing.rule.summary}",
                waiver.justification,
            )
        )
    return findings


def _located(
    evaluation: Evaluation, firing: Firing, rule: str, severity: Severity, message: str, hint: str
) -> Finding:
    line = 1
    if evaluation.translation is None:
        lines = [
            evaluation.lines[t.subject] for t in firing.triggers if t.subject in evaluation.lines
        ]
        line = min(lines) if lines else _ratings_line(evaluation)
    else:
        line = _ratings_line(evaluation)
    return Finding(evaluation.path, line, 1, rule, severity, message, hint)


def _ratings_line(evaluation: Evaluation) -> int:
    return min(evaluation.lines.values(), default=1)
