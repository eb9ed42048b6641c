"""`riskcard audit --git`: walk a repository's history and judge each valid state of it.

At every commit the collection is what `validate` would read there: every YAML
blob goes through the one document checker under a registry of the bundled
frameworks plus the repository's own (which may not shadow a bundled one). A
commit at which the collection is invalid is reported with its findings, and
nothing is judged or counted there: decisions are compared between consecutive
valid states only. Framework files are compared with the version they replace,
or, when added, with the previous version of their id.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from riskcard.analysis.diff import DiffResult, diff_frameworks
from riskcard.analysis.git import (
    EMPTY,
    Blobs,
    Commit,
    GitError,
    log,
    refuse_option,
    run_git,
    tree_files,
)
from riskcard.analysis.ratings import rating_changes
from riskcard.checks.collection import Collection, bundled_registry, new_collection, register
from riskcard.checks.document import CheckedDocument, Kind, LoadedScorecard, check_document
from riskcard.checks.scorecard import Assessment, check_duplicate_assessments
from riskcard.engine.evaluation import evaluate
from riskcard.formats.errors import RiskcardError, UsageError
from riskcard.formats.findings import Finding, Severity
from riskcard.formats.models import Framework, Scorecard
from riskcard.formats.registry import Registry
from riskcard.formats.vocabulary import GATED, Direction, Status, direction
from riskcard.inputs.config import read_config
from riskcard.inputs.discovery import is_yaml_name
from riskcard.inputs.loader import load_bytes

__all__ = ["GitError", "git_audit", "git_summary"]

Decisions = dict[str, dict[str, str]]  # path -> decision -> status


class _State:
    """The repository's YAML files as of the commit being walked, checked like `validate`."""

    def __init__(self, blobs: Blobs, today: dt.date) -> None:
        self.blobs = blobs
        self.today = today
        self.files: dict[str, str] = {}
        self.docs: dict[tuple[str, str], CheckedDocument] = {}

    def check(self) -> tuple[Collection, list[Finding]]:
        """The collection at this state: frameworks, then crosswalks, then scorecards."""
        collection = new_collection()
        registry = collection.registry
        findings: list[Finding] = []
        loaded = [self._load(path, sha, registry) for path, sha in sorted(self.files.items())]
        order = {Kind.FRAMEWORK: 0, Kind.CROSSWALK: 1}
        seen: list[Assessment] = []
        for first in sorted(loaded, key=lambda c: (order.get(c.kind, 2) if c.kind else 2, c.path)):
            checked = first
            if first.kind is not Kind.FRAMEWORK:
                checked = check_document(first.doc, registry, self.today)
            findings += checked.findings
            self.docs[(checked.path, self.files[checked.path])] = checked
            if isinstance(checked.value, Scorecard):
                seen.append(Assessment.of(checked.doc, checked.value))
                if checked.ok:
                    collection.scorecards.append(
                        LoadedScorecard(checked.doc, checked.value, checked.doc.sha256)
                    )
            else:
                findings += register(registry, checked)
        findings += check_duplicate_assessments(seen)
        return collection, sorted(f for f in findings if f.severity is Severity.ERROR)

    def _load(self, path: str, sha: str, registry: Registry) -> CheckedDocument:
        key = (path, sha)
        if key not in self.docs:
            doc = load_bytes(self.blobs.read(sha), path)
            self.docs[key] = check_document(doc, registry, self.today)
        return self.docs[key]

    def framework(self, path: str, sha: str) -> Framework | None:
        checked = self.docs.get((path, sha))
        value = checked.usable if checked is not None else None
        return value if isinstance(value, Framework) else None


def _decisions(collection: Collection) -> Decisions:
    out: Decisions = {}
    for loaded in collection.scorecards:
        try:
            outcome = evaluate(loaded, collection.registry).outcome
        except RiskcardError:
            out[loaded.path] = {d: str(Status.UNDETERMINED) for d in GATED}
            continue
        out[loaded.path] = {d: str(outcome.of(d).status) for d in GATED}
    return out


def collection_prefixes(repo: Path) -> tuple[str, ...]:
    """The folders of the collection inside the repository, as `validate` would read them."""
    config = read_config(repo)
    if config.source is None:
        return ("scorecards/", "frameworks/", "crosswalks/")
    folders = (*config.scorecards, *config.frameworks, *config.crosswalks)
    return tuple(f"{p.relative_to(repo).as_posix().rstrip('/')}/" for p in folders)


def git_audit(
    repo: Path, revision_range: str | None, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """One entry per commit that touched the collection's YAML files, oldest first."""
    refuse_option(str(repo), "--repo")
    if revision_range is not None:
        refuse_option(revision_range, "--range")
    if not repo.is_dir():
        raise UsageError(f"no such folder: {repo}")
    run_git(repo, "rev-parse", "--git-dir")
    prefixes = collection_prefixes(repo)

    def wanted(path: str) -> bool:
        return is_yaml_name(path) and path.startswith(prefixes)

    blobs = Blobs(repo)
    try:
        state = _State(blobs, today or dt.date.today())
        base, dots, _ = (revision_range or "").partition("..")
        if dots and base:
            state.files = {p: s for p, s in tree_files(repo, base).items() if wanted(p)}
        last: Decisions | None = None
        if state.files:
            collection, errors = state.check()
            last = None if errors else _decisions(collection)
        entries = []
        for commit in log(repo, revision_range):
            changed = [(p, old, new) for p, old, new in commit.files if wanted(p)]
            if changed:
                entry, last = _walk(commit, changed, state, last)
                entries.append(entry)
        return entries
    finally:
        blobs.close()


def _walk(
    commit: Commit, changed: list[tuple[str, str, str]], state: _State, last: Decisions | None
) -> tuple[dict[str, Any], Decisions | None]:
    for path, _, new in changed:
        if new == EMPTY:
            state.files.pop(path, None)
        else:
            state.files[path] = new
    collection, errors = state.check()
    entry: dict[str, Any] = {
        "sha": commit.sha,
        "date": commit.date,
        "author": commit.author,
        "email": commit.email,
        "message": commit.message,
        "valid": not errors,
        "findings": [f.as_dict() for f in errors],
        "changes": [_change(path, old, new, state, collection) for path, old, new in changed],
        "flips": [],
    }
    if errors:
        return entry, last  # nothing judged here; the next valid state is compared with `last`
    decisions = _decisions(collection)
    for change in entry["changes"]:
        if change["kind"] == "scorecard" and change["path"] in decisions:
            change["decisions"] = decisions[change["path"]]
    if last is not None:
        models = {s.path: s.card.model.id for s in collection.scorecards}
        entry["flips"] = _flips(last, decisions, models)
    return entry, decisions


def _flips(before: Decisions, after: Decisions, models: dict[str, str]) -> list[dict[str, Any]]:
    flips = []
    for path in sorted(set(before) & set(after)):
        for decision in GATED:
            moved = direction(before[path][decision], after[path][decision])
            if moved != Direction.SAME:
                flips.append(
                    {
                        "model": models[path],
                        "path": path,
                        "decision": decision,
                        "before": before[path][decision],
                        "after": after[path][decision],
                        "direction": moved,
                    }
                )
    return flips


def _change(path: str, old: str, new: str, state: _State, collection: Collection) -> dict[str, Any]:
    fresh = state.docs.get((path, new)) if new != EMPTY else None
    prior = state.docs.get((path, old)) if old != EMPTY else None
    known = fresh or prior
    kind = known.kind if known is not None else None
    change: dict[str, Any] = {"path": path, "kind": str(kind) if kind else "other"}
    if fresh is None:
        change["change"] = "removed"
    elif not fresh.ok:
        change["change"] = "invalid"
        change["detail"] = f"{len(fresh.errors)} error(s); not judged"
    else:
        change["change"] = "added" if prior is None else "modified"
    if fresh is not None and isinstance(fresh.value, Framework) and fresh.ok:
        change.update(_framework_change(fresh.value, prior, collection.registry))
    elif fresh is not None and fresh.ok and isinstance(fresh.value, Scorecard):
        card = fresh.value
        change["model"] = card.model.id
        if prior is not None and isinstance(prior.value, Scorecard):
            change["ratings"] = rating_changes(prior.value, card, collection.registry)
    return change


def _framework_change(
    framework: Framework, prior: CheckedDocument | None, registry: Registry
) -> dict[str, Any]:
    """Compare with the version this file replaces; when added, with the bundled framework
    it would shadow, else the previous version of its id."""
    out: dict[str, Any] = {"framework": f"{framework.id}@{framework.version}"}
    against = prior.usable if prior is not None else None
    if not isinstance(against, Framework):
        bundled = _bundled_twin(framework)
        against = bundled if bundled is not None else registry.predecessor(framework)
        if against is None:
            return out
        out["against"] = f"{against.id}@{against.version}" + (" (bundled)" if bundled else "")
    try:
        diff: DiffResult = diff_frameworks(against, framework, registry)
    except RiskcardError as exc:
        out.update({"verdict": "not comparable", "detail": str(exc)})
        return out
    out["verdict"] = diff.verdict
    out["structural"] = [c.detail for c in diff.structural]
    return out


def _bundled_twin(framework: Framework) -> Framework | None:
    registry, _ = bundled_registry()
    return registry.find(framework.id, framework.version)


def git_summary(commits: list[dict[str, Any]]) -> dict[str, int]:
    """Commits walked, invalid states, loosening and tightening commits, flips."""
    moves: Counter[str] = Counter()
    for commit in commits:
        if not commit["valid"]:
            continue
        directions = {f["direction"] for f in commit["flips"]}
        directions |= {
            {"loosening": "looser", "tightening": "stricter", "mixed": "both"}.get(
                c.get("verdict", ""), ""
            )
            for c in commit["changes"]
        }
        if directions & {"looser", "both"}:
            moves["loosening"] += 1
        if directions & {"stricter", "both"}:
            moves["tightening"] += 1
    return {
        "commits": len(commits),
        "invalid": sum(not c["valid"] for c in commits),
        "loosening": moves["loosening"],
        "tightening": moves["tightening"],
        "flips": sum(len(c["flips"]) for c in commits),
    }
