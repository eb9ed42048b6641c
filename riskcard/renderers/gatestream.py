"""Gate reporters that write as the evaluations arrive: text, JSON and GitHub annotations
piece by piece, SARIF and JUnit from small per-scorecard records (findings and rule texts),
never from the evaluations themselves. Each gives the same text as its whole-run reporter
in renderers/gate.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from riskcard.formats.models import Framework
from riskcard.renderers.ci import RuleDoc, Suite, file_suites, github, junit, sarif
from riskcard.renderers.findings import finding_line, validation_docs
from riskcard.renderers.gate import (
    TableRow,
    framework_rule_docs,
    junit_cases,
    table_row,
    text_lines,
    text_tail,
)
from riskcard.results.findings import gate_findings
from riskcard.results.gatestream import GateStream, json_chunks


def text_chunks(stream: GateStream) -> Iterator[str]:
    for problem in stream.problems:
        yield finding_line(problem) + "\n"
    rows: list[TableRow] = []  # a few short cells per scorecard, for the closing table
    for evaluation, entry in stream.results():
        rows.append(table_row(entry))
        yield "".join(line + "\n" for line in text_lines(evaluation, entry))
    yield "".join(line + "\n" for line in text_tail(stream.envelope([]), rows))


def sarif_chunks(stream: GateStream) -> Iterator[str]:
    findings = list(stream.problems)
    docs: dict[str, RuleDoc] = dict(validation_docs()) if stream.problems else {}
    previous: Framework | None = None
    for evaluation, _ in stream.results():
        findings += gate_findings(evaluation)
        if evaluation.framework is not previous:  # the last framework to name a rule wins
            docs.update(framework_rule_docs(evaluation.framework))
            previous = evaluation.framework
    yield sarif(findings, docs)


def junit_chunks(stream: GateStream) -> Iterator[str]:
    suites: list[Suite] = file_suites(stream.problems, [])
    for evaluation, _ in stream.results():
        framework = evaluation.framework
        name = f"{evaluation.card.model.id} @ {framework.id}@{framework.version}"
        suites.append((name, junit_cases(evaluation)))
    yield junit(suites)


def github_chunks(stream: GateStream) -> Iterator[str]:
    yield github(stream.problems)
    for evaluation, _ in stream.results():
        yield github(gate_findings(evaluation))


STREAMERS: dict[str, Callable[[GateStream], Iterator[str]]] = {
    "text": text_chunks,
    "json": json_chunks,
    "sarif": sarif_chunks,
    "junit": junit_chunks,
    "github": github_chunks,
}
