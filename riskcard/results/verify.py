"""`riskcard verify`: recompute a whole JSON gate report from its inputs and compare every field.

Input paths are resolved against the folder the report records (`base`), never
the working folder, so a report verifies from anywhere. The inputs are read
under the names the report gives them, checked with the one document checker,
judged again, and the fresh envelope is compared with the recorded one field by
field: a changed `passes`, a missing or extra result, a changed summary or a
changed input all come back as typed differences.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskcard.checks.collection import collect_documents, new_collection
from riskcard.engine.evaluation import evaluate
from riskcard.formats.errors import UsageError
from riskcard.formats.findings import Severity
from riskcard.inputs.loader import Document, load_file
from riskcard.results.envelope import envelope as wrap
from riskcard.results.envelope import status_of
from riskcard.results.gate import GateRun, envelope

REQUIRED = ("riskcard", "passes", "summary", "results", "inputs", "frameworks")


@dataclass(frozen=True)
class Difference:
    """One field whose recorded value is not what the inputs give today."""

    where: str
    """A JSON pointer into the report (e.g. `/results/0/passes`), or an input's path."""
    recorded: Any
    recomputed: Any

    def as_dict(self) -> dict[str, Any]:
        return {"where": self.where, "recorded": self.recorded, "recomputed": self.recomputed}

    def line(self) -> str:
        show = json.dumps
        return f"{self.where}: recorded {show(self.recorded)}, recomputed {show(self.recomputed)}"


@dataclass
class Verification:
    """The outcome of verifying one report."""

    report: str
    base: str
    differences: list[Difference] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences

    def to_json(self) -> dict[str, Any]:
        payload = {
            "report": self.report,
            "base": self.base,
            "verified": self.ok,
            "differences": [d.as_dict() for d in self.differences],
        }
        summary = {"differences": len(self.differences)}
        return wrap("verify", status_of(not self.ok), summary, payload)


def read_report(report_file: Path) -> dict[str, Any]:
    """The report's JSON; anything that is not a riskcard gate report is a usage error."""
    try:
        data = json.loads(report_file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{report_file}: not a riskcard JSON gate report ({exc})") from None
    if not isinstance(data, dict) or any(key not in data for key in REQUIRED):
        raise UsageError(
            f"{report_file}: not a riskcard JSON gate report (write one with "
            "`riskcard gate --format json --output FILE`)"
        )
    good = (
        isinstance(data["results"], list)
        and isinstance(data["inputs"], list)
        and all(isinstance(i, dict) and isinstance(i.get("path"), str) for i in data["inputs"])
        and all(isinstance(r, dict) for r in data["results"])
    )
    if not good:
        raise UsageError(f"{report_file}: not a riskcard JSON gate report (malformed inputs)")
    if not isinstance(data.get("base"), str):
        raise UsageError(
            f"{report_file}: the report records no base folder for its inputs; "
            "write it again with this riskcard"
        )
    return data


def verify_report(report_file: Path) -> Verification:
    """Recompute the report from the inputs it names; every differing field is listed."""
    data = read_report(report_file)
    base = Path(data["base"])
    if not base.is_absolute():
        base = report_file.parent / base
    verification = Verification(str(report_file), base.as_posix())
    docs: list[Document] = []
    for index, entry in enumerate(data["inputs"]):
        path = entry["path"]
        file = Path(path) if Path(path).is_absolute() else base / path
        try:
            actual = hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError as exc:
            verification.differences.append(
                Difference(f"/inputs/{index}", path, f"cannot read {file}: {exc.strerror}")
            )
            continue
        if actual != entry.get("sha256"):
            verification.differences.append(
                Difference(f"/inputs/{index}/sha256", entry.get("sha256"), actual)
            )
        docs.append(load_file(file, label=path))
    fresh = _recompute(data, docs)
    verification.differences += compare(data, fresh)
    return verification


def _recompute(data: dict[str, Any], docs: list[Document]) -> dict[str, Any]:
    collection = new_collection()
    findings = collect_documents(collection, docs)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        return {
            "inputs": "invalid",
            "findings": [f"{first.path}:{first.line}:{first.column}: {first.rule} {first.message}"],
        }
    registry = collection.registry
    translated = [r for r in data["results"] if r.get("translated")]
    target = None
    if translated:
        ref = translated[0].get("framework") or {}
        target = registry.find(str(ref.get("id")), str(ref.get("version")))
    as_of = next((r["as_of"] for r in data["results"] if isinstance(r.get("as_of"), str)), None)
    when = dt.date.fromisoformat(as_of) if as_of else None
    order = {r.get("path"): i for i, r in enumerate(data["results"])}
    cards = sorted(collection.scorecards, key=lambda s: (order.get(s.path, len(order)), s.path))
    evaluations = [evaluate(s, registry, target, when) for s in cards]
    strict = data.get("strict") is True
    problems = findings if strict else []
    run = GateRun(evaluations, when, registry, data["base"], problems, strict)
    fresh: dict[str, Any] = json.loads(json.dumps(envelope(run)))
    return fresh


def compare(recorded: Any, fresh: Any, where: str = "") -> list[Difference]:
    """Every leaf where two JSON values differ, as JSON pointers."""
    if isinstance(recorded, dict) and isinstance(fresh, dict):
        out: list[Difference] = []
        for key in sorted(set(recorded) | set(fresh), key=str):
            pointer = f"{where}/{_escape(str(key))}"
            if key not in fresh:
                out.append(Difference(pointer, recorded[key], None))
            elif key not in recorded:
                out.append(Difference(pointer, None, fresh[key]))
            else:
                out += compare(recorded[key], fresh[key], pointer)
        return out
    if isinstance(recorded, list) and isinstance(fresh, list):
        out = []
        for index in range(max(len(recorded), len(fresh))):
            pointer = f"{where}/{index}"
            if index >= len(fresh):
                out.append(Difference(pointer, recorded[index], None))
            elif index >= len(recorded):
                out.append(Difference(pointer, None, fresh[index]))
            else:
                out += compare(recorded[index], fresh[index], pointer)
        return out
    if type(recorded) is not type(fresh) or recorded != fresh:
        return [Difference(where or "/", recorded, fresh)]
    return []


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
