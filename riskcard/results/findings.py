"""Gate findings: each rule that acted on a decision, and each waiver, as a finding located at
the rating that triggered it (the form SARIF, JUnit, GitHub annotations and the text use)."""

from __future__ import annotations

from riskcard.engine.evaluation import Evaluation
from riskcard.engine.policy import Firing, Requirement, Verdict
from riskcard.engine.waivers import WaiverState
from riskcard.formats.findings import Finding, Severity

UNRATED_SEVERITY = Severity.ERROR


def _requirement_finding(
    decision: Verdict, rule_summary: str, requirement: Requirement
) -> tuple[Severity, str, str]:
    name = requirement.safeguard.id
    if requirement.met == "met":
        return (
            Severity.NOTE,
            f"{decision.kind} requires {name} (attested): {rule_summary}",
            "",
        )
    if requirement.met == "unknown":
        return (
            Severity.ERROR,
            f"{decision.kind} undetermined: {requirement.reason}. {rule_summary}",
            "a standard that is not known to be met never passes the gate",
        )
    return (
        Severity.ERROR,
        f"{decision.kind} {decision.status}: requires {name}, not attested (unmet). {rule_summary}",
        f"attest {name} under `safeguards:` with its source",
    )


def gate_findings(evaluation: Evaluation) -> list[Finding]:
    """Each rule that acted on a decision, as a finding located at the triggering rating."""
    outcome = evaluation.outcome
    findings: list[Finding] = []
    for decision in outcome.verdicts:
        requirements = {r.rule: r for r in decision.requires}
        for firing in decision.firings:
            rule = firing.rule
            quoted = f"framework text: “{rule.quote}” ({rule.locator})"
            requirement = requirements.get(rule.id)
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
                hint = quoted
            elif requirement is not None:
                severity, text, hint = _requirement_finding(decision, rule.summary, requirement)
                hint = hint or quoted
            else:
                continue
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
                f"waived: {firing.rule.id} by {waiver.approver} until {waiver.expires}: "
                f"{firing.rule.summary}",
                waiver.justification,
            )
        )
    findings.extend(_waiver_findings(evaluation))
    return findings


_WAIVER_SEVERITY = {
    WaiverState.REJECTED: Severity.ERROR,
    WaiverState.UNDETERMINED: Severity.WARNING,
    WaiverState.OTHER_FRAMEWORK: Severity.NOTE,
    WaiverState.PENDING: Severity.NOTE,
    WaiverState.UNUSED: Severity.NOTE,
}


def _waiver_findings(evaluation: Evaluation) -> list[Finding]:
    """Waivers that did not apply (and why), and those about to expire."""
    findings = []
    line = _ratings_line(evaluation)
    for check in evaluation.outcome.waivers:
        rule = check.waiver.rule
        severity = _WAIVER_SEVERITY.get(check.state)
        if severity is not None:
            findings.append(
                Finding(
                    evaluation.path,
                    line,
                    1,
                    rule,
                    severity,
                    check.reason,
                    "a waiver applies only within its limits; see docs/DATA.md, Waivers",
                )
            )
        if check.state == WaiverState.APPLIED and check.expiring:
            findings.append(
                Finding(
                    evaluation.path,
                    line,
                    1,
                    rule,
                    Severity.WARNING,
                    f"waiver of {rule} expires in {check.expires_in} day(s), on "
                    f"{check.waiver.expires}",
                    "renew it with a new approval, or meet the rule",
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
