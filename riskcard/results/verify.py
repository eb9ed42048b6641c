"""`riskcard verify`: recompute a JSON gate report and say what differs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from riskcard.checks.collection import load_collection
from riskcard.engine.evaluation import evaluate
from riskcard.formats.errors import InputError
from riskcard.results.gate import result

COMPARED = ("deploy", "develop", "security")


def verify_report(report_file: Path) -> list[str]:
    """Differences between the report and a fresh evaluation of its inputs (empty: verified)."""
    try:
        data = json.loads(report_file.read_text("utf-8"))
        inputs = {entry["path"]: entry["sha256"] for entry in data["inputs"]}
        results = data["results"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"{report_file}: not a riskcard JSON gate report ({exc})") from None
    problems = []
    for path, digest in sorted(inputs.items()):
        try:
            actual = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError as exc:
            problems.append(f"{path}: cannot read ({exc.strerror})")
            continue
        if actual != digest:
            problems.append(f"{path}: changed (sha256 {digest[:12]}… is now {actual[:12]}…)")
    readable = [Path(p) for p in inputs if Path(p).is_file()]
    collection = load_collection(readable) if readable else None
    for old in results:
        problems += _recheck(old, collection)
    return problems


def _recheck(old: dict[str, Any], collection: Any) -> list[str]:
    path = old.get("path")
    loaded = (
        next((s for s in collection.scorecards if s.path == path), None) if collection else None
    )
    if loaded is None:
        return [f"{path}: no longer a valid scorecard"]
    framework = collection.registry.find(old["framework"]["id"], old["framework"]["version"])
    if framework is None:
        return [
            f"{path}: framework {old['framework']['id']}@{old['framework']['version']} "
            "is no longer known"
        ]
    as_of = dt.date.fromisoformat(old["as_of"]) if "as_of" in old else None
    new = result(evaluate(loaded, collection.registry, framework, as_of), as_of)
    problems = []
    for decision in COMPARED:
        before, after = old[decision]["status"], new[decision]["status"]
        if before != after:
            problems.append(f"{path}: {decision} was {before}, is now {after}")
    if old.get("overall") != new["overall"]:
        problems.append(f"{path}: overall was {old.get('overall')}, is now {new['overall']}")
    return problems
