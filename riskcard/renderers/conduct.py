"""Reporters for `riskcard conduct`: the ledger in every output format, escaped per format."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from riskcard.formats.findings import Finding, Severity
from riskcard.formats.vocabulary import Outcome
from riskcard.renderers.ci import RuleDoc, github, junit, sarif
from riskcard.renderers.comply import plain
from riskcard.renderers.templating import render_template, stream_template
from riskcard.results.conduct import ConductRun

AGREEMENT = {
    False: "disagreement",
    True: "third party agrees",
    None: "third party, not comparable",
}
"""How a third party's rating beside the developer's is flagged in text."""


def text(run: ConductRun) -> str:
    data = run.to_json()
    counts = ", ".join(f"{n} {o}" for o, n in run.counts().items())
    lines = [plain(f"conduct as of {data['as_of']}: {counts} (window {data['window_days']} days)")]
    for d in run.ledger.determinations:
        facts = d.facts
        lines.append(
            plain(
                f"{d.outcome:14} {facts.model} {facts.assessed} "
                f"{'@'.join(facts.framework)}  {facts.path}"
            )
        )
        for item in d.items:
            lines.append(plain(f"  {item.subject:8} {item.outcome:14} {item.rule}: {item.reason}"))
        for flag in d.in_force.flags():
            lines.append(plain(f"  in force: {flag}"))
        for view in d.third_party:
            flag = AGREEMENT[view.agree]
            lines.append(
                plain(
                    f"  {flag}: {view.assessor} ({view.date}) rates {view.category} "
                    f"{view.third_party or 'unrated'}; developer: {view.developer or 'unrated'}"
                )
            )
    lines.append("commitments:")
    for result in run.ledger.commitments:
        f, c = result.framework, result.commitment
        lines.append(
            plain(
                f"{result.outcome:14} {f.id}@{f.version} {c.id} [{c.locator}]"
                + (" (expectation)" if c.wording == "expectation" else "")
            )
        )
        for item in result.items:
            if item.outcome != Outcome.NOT_APPLICABLE or len(result.items) == 1:
                lines.append(plain(f"  {item.outcome:14} {item.subject}: {item.reason}"))
    return "\n".join(lines) + "\n"


def as_json(run: ConductRun) -> str:
    return json.dumps(run.to_json(), indent=2, ensure_ascii=False) + "\n"


def markdown(run: ConductRun) -> str:
    return render_template("conduct.md", data=run.to_json())


def html(run: ConductRun) -> str:
    return render_template("conduct.html", data=run.to_json())


def html_pieces(run: ConductRun) -> Iterator[str]:
    """`html` in pieces, each record made as the page reaches it (for large collections)."""
    return stream_template("conduct.html", data=run.to_json(lazy=True))


def markdown_pieces(run: ConductRun) -> Iterator[str]:
    """`markdown` in pieces (see `html_pieces`)."""
    return stream_template("conduct.md", data=run.to_json(lazy=True))


SEVERITY: dict[str, Severity] = {
    Outcome.BROKEN: Severity.ERROR,
    Outcome.UNVERIFIABLE: Severity.WARNING,
}


def findings(run: ConductRun) -> list[Finding]:
    """One finding per broken (error) or unverifiable (warning) item."""
    found = []
    for d in run.ledger.determinations:
        for item in d.items:
            if item.outcome in SEVERITY:
                found.append(
                    Finding(
                        d.facts.path,
                        1,
                        1,
                        f"conduct.{item.outcome}",
                        SEVERITY[item.outcome],
                        f"{d.facts.model} {item.subject} ({item.rule}): {item.reason}",
                        "record the conduct and its source"
                        if item.outcome != Outcome.BROKEN
                        else "",
                    )
                )
    for result in run.ledger.commitments:
        f = result.framework
        for item in result.items:
            if item.outcome in SEVERITY:
                found.append(
                    Finding(
                        f"{f.id}@{f.version}",
                        1,
                        1,
                        f"conduct.{item.outcome}",
                        SEVERITY[item.outcome],
                        f"{result.commitment.id} ({item.subject}): {item.reason}",
                        "",
                    )
                )
    return found


RULES = {
    "conduct.broken": RuleDoc(
        "conduct.broken",
        "A rule or commitment was broken.",
        "The developer's recorded conduct contradicts what its framework required.",
        "See the rule or commitment and the sources cited.",
    ),
    "conduct.unverifiable": RuleDoc(
        "conduct.unverifiable",
        "Whether a rule or commitment was kept cannot be decided.",
        "The data needed is missing or unknown; it is never counted as kept.",
        "Record the conduct with a cited source.",
    ),
}


def as_sarif(run: ConductRun) -> str:
    return sarif(findings(run), RULES)


def as_junit(run: ConductRun) -> str:
    problems = findings(run)
    cases = []
    for d in run.ledger.determinations:
        mine = [p for p in problems if p.path == d.facts.path]
        cases.append(("riskcard.conduct", f"{d.facts.model}@{d.facts.assessed}", mine))
    for result in run.ledger.commitments:
        ref = f"{result.framework.id}@{result.framework.version}"
        mine = [
            p
            for p in problems
            if p.path == ref and p.message.startswith(f"{result.commitment.id} (")
        ]
        cases.append(("riskcard.conduct.commitment", f"{ref} {result.commitment.id}", mine))
    return junit([("conduct", cases)])


REPORTERS: dict[str, Callable[[ConductRun], str]] = {
    "text": text,
    "markdown": markdown,
    "html": html,
    "json": as_json,
    "sarif": as_sarif,
    "junit": as_junit,
    "github": lambda run: github(findings(run)),
}
