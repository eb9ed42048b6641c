"""A gate run handed over one evaluation at a time, and its JSON written as it goes.

`GateStream` keeps only what the envelope needs besides the results (a `Tally`: counts, the
frameworks used, the inputs' digests); each result's JSON is spooled to a temporary file, so the
document `riskcard gate -f json` writes is byte-identical to `GateRun.to_json()` dumped
whole while memory does not grow with the number of scorecards.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from riskcard.engine.evaluation import Evaluation
from riskcard.formats.findings import Finding
from riskcard.formats.registry import Registry
from riskcard.results.gate import Tally, envelope_of, input_pairs, result, status_for

_CHUNK = 1 << 20


@dataclass
class GateStream:
    """A gate run whose evaluations are produced (and dropped) one at a time.

    Iterate `results()` once; afterwards `status` and `envelope()` describe the whole run,
    exactly as `GateRun` would have."""

    evaluations: Iterable[Evaluation]
    as_of: dt.date | None = None
    registry: Registry | None = None
    base: str | None = None
    problems: list[Finding] = field(default_factory=list)
    strict: bool = False
    tally: Tally = field(default_factory=Tally)

    def results(self) -> Iterator[tuple[Evaluation, dict[str, Any]]]:
        """Each evaluation with its JSON result, counted as it passes."""
        for evaluation in self.evaluations:
            entry = result(evaluation, self.as_of)
            self.tally.add(evaluation, entry)
            yield evaluation, entry

    @property
    def status(self) -> str:
        return status_for(self.tally, self.problems, self.strict)

    def envelope(self, results: Any, inputs: Any = None) -> dict[str, Any]:
        """The JSON document, with `results` standing in for the list of results (and
        `inputs`, when given, for the list of inputs; call after `results()` was consumed)."""
        return envelope_of(
            self.tally,
            results,
            registry=self.registry,
            base=self.base,
            problems=self.problems,
            strict=self.strict,
            inputs=inputs,
        )

    def inputs(self) -> Iterator[tuple[str, str]]:
        """Every input's (path, sha256), sorted, read from disk afresh."""
        return input_pairs(self.tally, self.registry)


class ResultSpool:
    """The results of a run, as the JSON report writes them, kept in a temporary file."""

    def __init__(self) -> None:
        # Closed by __exit__: the spool outlives any one with-block of its creator.
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.count = 0

    def __enter__(self) -> ResultSpool:
        return self

    def __exit__(self, *_: object) -> None:
        self.file.close()

    def add(self, entry: dict[str, Any]) -> None:
        self.file.write((",\n    " if self.count else "") + _entry(entry))
        self.count += 1

    def document(self, stream: GateStream) -> Iterator[str]:
        """`json.dumps(envelope, indent=2, ensure_ascii=False) + "\\n"` in pieces, the
        spooled results and the inputs (from disk) in their places."""
        # Markers no data can contain (fresh random text) show where results and inputs go.
        token = secrets.token_hex(16)
        results, inputs = f"riskcard-results-{token}", f"riskcard-inputs-{token}"
        some = next(stream.inputs(), None) is not None
        whole = json.dumps(
            stream.envelope([results] if self.count else [], [inputs] if some else []),
            indent=2,
            ensure_ascii=False,
        )
        rest = whole
        if self.count:
            head, rest = rest.split(f'"{results}"')
            yield head
            self.file.seek(0)
            while piece := self.file.read(_CHUNK):
                yield piece
        if some:
            head, rest = rest.split(f'"{inputs}"')
            yield head
            for n, (path, digest) in enumerate(stream.inputs()):
                yield (",\n    " if n else "") + _entry({"path": path, "sha256": digest})
        yield rest + "\n"


def _entry(entry: dict[str, Any]) -> str:
    """One entry of a top-level list, as the whole document's `json.dumps` indents it."""
    return json.dumps(entry, indent=2, ensure_ascii=False).replace("\n", "\n    ")


def json_chunks(stream: GateStream) -> Iterator[str]:
    """The JSON report of the run: the results are spooled to a temporary file while the
    counts that precede them are gathered."""
    with ResultSpool() as spool:
        for _, entry in stream.results():
            spool.add(entry)
        yield from spool.document(stream)
