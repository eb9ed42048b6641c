"""The conduct ledger's records, and what a determination's conduct says about its gate.

A determination's deploy and develop decisions are judged under the framework version its
scorecard names, on the date of the conduct that acts on them. Missing or unknown data is
`unverifiable`, never `kept`; a scorecard with no conduct recorded is never kept or broken.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from riskcard.checks.collection import LoadedScorecard
from riskcard.engine.evaluation import Evaluation, evaluate
from riskcard.formats.base import Citation
from riskcard.formats.registry import Registry
from riskcard.formats.scorecard import Conduct, Released, Scorecard
from riskcard.formats.vocabulary import Decision, Outcome, Status


@dataclass(frozen=True, slots=True)
class Cited:
    """A source behind an outcome: the document and where in it."""

    title: str
    url: str
    locator: str
    quote: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"title": self.title, "url": self.url, "locator": self.locator, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class Item:
    """One outcome: a rule or commitment, kept, broken, unverifiable or not applicable."""

    subject: str
    """What is judged: `deploy`, `develop`, or a model id for a commitment."""
    outcome: str
    rule: str
    """The gate rule(s) or commitment id behind it."""
    reason: str
    dates: tuple[tuple[str, str], ...] = ()
    """(what, YYYY-MM-DD) pairs the outcome rests on."""
    sources: tuple[Cited, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "subject": self.subject,
            "outcome": self.outcome,
            "rule": self.rule,
            "reason": self.reason,
            "dates": {label: day for label, day in self.dates},
            "sources": [s.to_json() for s in self.sources],
        }


def cited(card: Scorecard, cite: Citation) -> Cited:
    """A citation resolved against the card's sources (checked to exist by validation)."""
    source = next((s for s in card.sources if s.id == cite.source), None)
    title = source.title if source else cite.source
    url = source.url if source else ""
    return Cited(title, url, cite.locator, cite.quote)


def releases(card: Scorecard) -> list[Released]:
    """The card's release records, earliest first."""
    return sorted((c for c in card.conduct if isinstance(c, Released)), key=lambda c: c.date)


def actions(card: Scorecard, *names: str) -> list[Conduct]:
    """The card's other conduct records with one of the given actions, earliest first."""
    found = [c for c in card.conduct if isinstance(c, Conduct) and c.action in names]
    return sorted(found, key=lambda c: c.date)


def rule_sources(evaluation: Evaluation, decision: Decision) -> tuple[Cited, ...]:
    """The framework text behind the rules acting on a decision."""
    framework = evaluation.framework
    firings = sorted(evaluation.outcome.of(decision).firings, key=lambda f: f.rule.id)
    return tuple(
        Cited(framework.title, framework.url, f.rule.locator, f.rule.quote) for f in firings
    )


def _rules(evaluation: Evaluation, decision: Decision) -> str:
    verdict = evaluation.outcome.of(decision)
    ids = sorted({f.rule.id for f in verdict.firings})
    return ", ".join(ids) or "no rule fires"


def deploy_item(loaded: LoadedScorecard, registry: Registry) -> Item:
    """Released while the gate was blocked is broken; released within it is kept; withheld is
    kept; anything that cannot be decided is unverifiable."""
    card = loaded.card
    if not card.conduct:
        return Item("deploy", Outcome.UNVERIFIABLE, "-", "no conduct recorded")
    released = releases(card)
    if not released:
        held = actions(card, "withheld", "delayed")
        if held:
            return Item(
                "deploy",
                Outcome.KEPT,
                "-",
                f"{held[0].action}: not released, which no gate forbids",
                ((held[0].action, held[0].date.isoformat()),),
                (cited(card, held[0].cite),),
            )
        return Item("deploy", Outcome.UNVERIFIABLE, "-", "no release or withholding recorded")
    first = released[0]
    framework = registry.get(card.framework.id, card.framework.version)
    if first.date < framework.effective:
        return Item(
            "deploy",
            Outcome.NOT_APPLICABLE,
            "-",
            f"released {first.date}, before {framework.id}@{framework.version} took effect "
            f"({framework.effective}): its gate did not yet apply to the release",
            (("released", first.date.isoformat()), ("effective", framework.effective.isoformat())),
            (cited(card, first.cite),),
        )
    evaluation = evaluate(loaded, registry, None, first.date)
    verdict = evaluation.outcome.deploy
    rule = _rules(evaluation, Decision.DEPLOY)
    dates = (("released", first.date.isoformat()), ("assessed", card.assessed.isoformat()))
    sources = (cited(card, first.cite),)
    where = f"released {first.date} ({first.channel or 'channel not stated'})"
    blocking = [
        f.rule.id for f in verdict.firings if f.state == "fired" and f.rule.effect == "block"
    ]
    if verdict.status == Status.BLOCKED and blocking:
        return Item(
            "deploy",
            Outcome.BROKEN,
            ", ".join(blocking),
            f"{where} while deploy was blocked",
            dates,
            sources,
        )
    if verdict.status == Status.BLOCKED:
        # Blocked only for want of an attestation: the record is silent, which shows no breach.
        unmet = ", ".join(r.safeguard.id for r in verdict.requires if r.met == "unmet")
        return Item(
            "deploy",
            Outcome.UNVERIFIABLE,
            rule,
            f"{where}; no safeguards statement recorded for {unmet}",
            dates,
            sources,
        )
    if verdict.status == Status.UNDETERMINED:
        reasons = "; ".join(r.reason for r in verdict.requires if r.met == "unknown")
        why = reasons or "a rating the rules read is missing or unverified"
        return Item(
            "deploy",
            Outcome.UNVERIFIABLE,
            rule,
            f"{where}; deploy decision undetermined: {why}",
            dates,
            sources,
        )
    late = _late_attestations(card, [r.safeguard.id for r in verdict.requires], first.date)
    if late:
        return Item(
            "deploy",
            Outcome.UNVERIFIABLE,
            rule,
            f"{where}; required safeguards attested only after release ({', '.join(late)})",
            dates,
            sources,
        )
    attested = [
        cited(card, a.cite)
        for a in card.safeguards
        if a.status == "attested" and a.safeguard in {r.safeguard.id for r in verdict.requires}
    ]
    return Item(
        "deploy",
        Outcome.KEPT,
        rule,
        f"{where}; deploy was {verdict.status}",
        dates,
        sources + tuple(attested),
    )


def _late_attestations(card: Scorecard, required: list[str], released: dt.date) -> list[str]:
    """Required safeguards whose every attestation (and active statement) postdates release."""
    late = []
    for safeguard in required:
        dates = [a.date for a in card.safeguards if a.safeguard == safeguard]
        dates += [c.date for c in actions(card, "safeguards_active")]
        if dates and min(dates) > released:
            late.append(safeguard)
    return late


def develop_item(loaded: LoadedScorecard, registry: Registry) -> Item:
    """A halt is kept only by a recorded pause; a release alone never shows whether
    development went on, so it is unverifiable."""
    card = loaded.card
    if not card.conduct:
        return Item("develop", Outcome.UNVERIFIABLE, "-", "no conduct recorded")
    paused = actions(card, "development_paused")
    when = paused[0].date if paused else max(c.date for c in card.conduct)
    evaluation = evaluate(loaded, registry, None, when)
    status = evaluation.outcome.develop.status
    rule = _rules(evaluation, Decision.DEVELOP)
    framework_text = rule_sources(evaluation, Decision.DEVELOP)
    dates = (("judged at", when.isoformat()),)
    if status == Status.UNDETERMINED:
        verdict = evaluation.outcome.develop
        reasons = "; ".join(r.reason for r in verdict.requires if r.met == "unknown")
        why = reasons or "a rating the rules read is missing or unverified"
        return Item(
            "develop",
            Outcome.UNVERIFIABLE,
            rule,
            f"develop decision undetermined: {why}",
            dates,
            framework_text,
        )
    if status == Status.CONTINUE:
        return Item("develop", Outcome.NOT_APPLICABLE, rule, "no rule restricts development")
    if paused:
        return Item(
            "develop",
            Outcome.KEPT,
            rule,
            f"development paused {paused[0].date}; develop was {status}",
            (("paused", paused[0].date.isoformat()),),
            (cited(card, paused[0].cite), *framework_text),
        )
    if status == Status.CONTINUE_WITH_SAFEGUARDS:
        attested = tuple(cited(card, a.cite) for a in card.safeguards if a.status == "attested")
        return Item(
            "develop",
            Outcome.KEPT,
            rule,
            "development safeguards attested",
            dates,
            framework_text + attested,
        )
    return Item(
        "develop",
        Outcome.UNVERIFIABLE,
        rule,
        "the framework halts further development; no pause is recorded and whether "
        "development went on is not public",
        dates,
        framework_text,
    )
