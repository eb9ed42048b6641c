"""`riskcard audit --git`: walk a scorecard repository's history in one streaming pass.

`git log --raw` names the blobs each commit changed; one long-lived
`git cat-file --batch` process hands over their contents. No checkouts, no
process per commit, and every blob is parsed once.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from riskcard.analysis.diff import DiffResult, diff_frameworks
from riskcard.checks.collection import LoadedScorecard, bundled_registry, kind_of
from riskcard.checks.schema_errors import validate_model
from riskcard.engine.evaluation import evaluate
from riskcard.formats.errors import RiskcardError, UsageError
from riskcard.formats.models import Crosswalk, Framework, LevelRating, PrePostRating, Scorecard
from riskcard.formats.registry import Registry
from riskcard.formats.vocabulary import GATED, Direction, direction
from riskcard.inputs.loader import load_bytes

RECORD = "\x1e"
FIELD = "\x1f"
EMPTY = "0" * 40


class GitError(RiskcardError):
    """git failed or the folder is not a repository."""

    exit_code = 2


@dataclass
class Commit:
    sha: str
    date: str
    author: str
    email: str
    message: str
    files: list[tuple[str, str, str]] = field(default_factory=list)  # (path, old, new)


@dataclass
class _Parsed:
    kind: str | None
    model: Scorecard | Framework | Crosswalk | None
    loaded: LoadedScorecard | None
    errors: int


def _git(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    if done.returncode != 0:
        raise GitError(f"git {' '.join(args[:2])} failed: {done.stderr.strip()}")
    return done.stdout


class _Blobs:
    """Blob contents through one `git cat-file --batch` process."""

    def __init__(self, repo: Path) -> None:
        self.process = subprocess.Popen(
            ["git", "-C", str(repo), "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def read(self, sha: str) -> bytes:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(sha.encode() + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            raise GitError(f"git cat-file cannot read blob {sha}")
        data = stdout.read(int(header[2]))
        stdout.read(1)
        return data

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait()


def _commits(stream: IO[str]) -> Iterator[Commit]:
    current: Commit | None = None
    for line in stream:
        line = line.rstrip("\n")
        if line.startswith(RECORD):
            if current is not None:
                yield current
            sha, date, author, email, message = line[1:].split(FIELD, 4)
            current = Commit(sha, date, author, email, message)
        elif line.startswith(":") and current is not None:
            meta, _, path = line.partition("\t")
            parts = meta.split()
            current.files.append((path, parts[2], parts[3]))
    if current is not None:
        yield current


def _yaml(path: str) -> bool:
    return path.endswith((".yaml", ".yml"))


class _State:
    """The repository's riskcard files as of the commit being walked."""

    def __init__(self, blobs: _Blobs) -> None:
        self.blobs = blobs
        self.files: dict[str, str] = {}
        self.parsed: dict[tuple[str, str], _Parsed] = {}
        self.registry, _ = bundled_registry()
        self.diffs: dict[tuple[int, int, int], DiffResult] = {}

    def diff(self, old: Framework, new: Framework) -> DiffResult:
        """A framework diff, computed once per pair of versions (histories revert and redo)."""
        crosswalk = self.registry.crosswalk(old, new)
        key = (id(old), id(new), id(crosswalk))
        if key not in self.diffs:
            self.diffs[key] = diff_frameworks(old, new, self.registry)
        return self.diffs[key]

    def parse(self, path: str, sha: str) -> _Parsed:
        key = (path, sha)
        if key in self.parsed:
            return self.parsed[key]
        doc = load_bytes(self.blobs.read(sha), path)
        parsed = _Parsed(None, None, None, len(doc.findings))
        if doc.ok:
            kind = kind_of(doc)
            parsed.kind = kind
            if kind == "scorecard":
                card, found = validate_model(doc, Scorecard)
                parsed.model, parsed.errors = card, len(found)
                if card is not None:
                    parsed.loaded = LoadedScorecard(doc, card, doc.sha256)
            elif kind == "framework":
                framework, found = validate_model(doc, Framework)
                parsed.model, parsed.errors = framework, len(found)
            elif kind == "crosswalk":
                crosswalk, found = validate_model(doc, Crosswalk)
                parsed.model, parsed.errors = crosswalk, len(found)
        self.parsed[key] = parsed
        return parsed

    def scorecards(self) -> list[LoadedScorecard]:
        out = []
        for path, sha in sorted(self.files.items()):
            parsed = self.parse(path, sha)
            if parsed.loaded is not None:
                out.append(parsed.loaded)
        return out

    def rebuild_registry(self) -> None:
        registry, _ = bundled_registry()
        for path, sha in sorted(self.files.items()):
            parsed = self.parse(path, sha)
            if parsed.kind == "framework" and isinstance(parsed.model, Framework):
                registry.add_framework(parsed.model, path)
            elif parsed.kind == "crosswalk" and isinstance(parsed.model, Crosswalk):
                registry.add_crosswalk(parsed.model)
        self.registry = registry


def _decisions(
    loaded: LoadedScorecard, registry: Registry, framework: Framework | None = None
) -> dict[str, str] | None:
    try:
        outcome = evaluate(loaded, registry, framework).outcome
    except RiskcardError:
        return None
    return {d: outcome.of(d).status for d in GATED}


def _flips(
    model: str, path: str, before: dict[str, str] | None, after: dict[str, str] | None
) -> list[dict[str, Any]]:
    if before is None or after is None:
        return []
    flips = []
    for decision in GATED:
        moved = direction(before[decision], after[decision])
        if moved != Direction.SAME:
            flips.append(
                {
                    "model": model,
                    "path": path,
                    "decision": decision,
                    "before": before[decision],
                    "after": after[decision],
                    "direction": moved,
                }
            )
    return flips


def _level_of(rating: Any) -> tuple[str, str] | None:
    if isinstance(rating, PrePostRating):
        return ("post", rating.post)
    if isinstance(rating, LevelRating):
        return ("level", rating.level)
    return None


def _scorecard_change(
    path: str, old: _Parsed | None, new: _Parsed | None, state: _State, registry_before: Registry
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if new is None or new.loaded is None:
        if new is not None and new.errors:
            return {
                "path": path,
                "kind": "scorecard",
                "change": "invalid",
                "detail": f"{new.errors} error(s); not judged",
            }, []
        return {"path": path, "kind": "scorecard", "change": "removed"}, []
    card = new.loaded.card
    after = _decisions(new.loaded, state.registry)
    if old is None or old.loaded is None:
        return (
            {
                "path": path,
                "kind": "scorecard",
                "change": "added",
                "model": card.model.id,
                "decisions": after,
            },
            [],
        )
    before = _decisions(old.loaded, registry_before)
    ratings = []
    old_card = old.loaded.card
    registry = state.registry
    framework = registry.find(card.framework.id, card.framework.version)
    rank = {lv.id: i for i, lv in enumerate(framework.levels)} if framework else {}
    for name in sorted(set(old_card.ratings) | set(card.ratings)):
        a = _level_of(old_card.ratings.get(name))
        b = _level_of(card.ratings.get(name))
        if a == b:
            continue
        moved = "changed"
        if a and b and a[1] in rank and b[1] in rank and a[0] == b[0]:
            moved = "raised" if rank[b[1]] > rank[a[1]] else "lowered"
        ratings.append(
            {
                "category": name,
                "from": a[1] if a else None,
                "to": b[1] if b else None,
                "change": moved,
            }
        )
    change = {
        "path": path,
        "kind": "scorecard",
        "change": "modified",
        "model": card.model.id,
        "ratings": ratings,
        "decisions": after,
    }
    return change, _flips(card.model.id, path, before, after)


def _framework_change(
    path: str, old: _Parsed | None, new: _Parsed | None, state: _State, registry_before: Registry
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if new is None or not isinstance(new.model, Framework):
        detail = "removed" if new is None else f"invalid ({new.errors} error(s))"
        return {"path": path, "kind": "framework", "change": detail}, []
    framework = new.model
    ref = f"{framework.id}@{framework.version}"
    previous = old.model if old is not None and isinstance(old.model, Framework) else None
    change: dict[str, Any] = {"path": path, "kind": "framework", "framework": ref}
    if previous is None:
        change["change"] = "added"
        predecessor = state.registry.predecessor(framework)
        if predecessor is None:
            return change, []
        previous = predecessor
        change["against"] = f"{predecessor.id}@{predecessor.version}"
    else:
        change["change"] = "modified"
    try:
        diff = state.diff(previous, framework)
    except RiskcardError as exc:
        change["verdict"] = "not comparable"
        change["detail"] = str(exc)
        return change, []
    change["verdict"] = diff.verdict
    change["structural"] = [c.detail for c in diff.structural]
    flips: list[dict[str, Any]] = []
    if change["change"] == "modified":
        for loaded in state.scorecards():
            ref_card = loaded.card.framework
            if (ref_card.id, ref_card.version) != (framework.id, framework.version):
                continue
            flips += _flips(
                loaded.card.model.id,
                loaded.path,
                _decisions(loaded, registry_before),
                _decisions(loaded, state.registry),
            )
    return change, flips


def git_audit(repo: Path, revision_range: str | None) -> list[dict[str, Any]]:
    """One entry per commit that touched YAML files, oldest first."""
    if not repo.is_dir():
        raise UsageError(f"no such folder: {repo}")
    _git(repo, "rev-parse", "--git-dir")
    blobs = _Blobs(repo)
    state = _State(blobs)
    log_args = [
        "log",
        "--reverse",
        "--first-parent",
        "-m",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        f"--format={RECORD}%H{FIELD}%aI{FIELD}%an{FIELD}%ae{FIELD}%s",
    ]
    if revision_range:
        base, dots, _ = revision_range.partition("..")
        if dots and base:
            listing = _git(repo, "ls-tree", "-r", "--full-tree", base)
            for line in listing.splitlines():
                meta, _, path = line.partition("\t")
                if _yaml(path) and meta.split()[1] == "blob":
                    state.files[path] = meta.split()[2]
            state.rebuild_registry()
        log_args.append(revision_range)
    log_args += ["--", "*.yaml", "*.yml"]
    entries: list[dict[str, Any]] = []
    try:
        process = subprocess.Popen(
            ["git", "-C", str(repo), *log_args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as exc:
        blobs.close()
        raise GitError(f"cannot run git: {exc.strerror}") from None
    assert process.stdout is not None
    try:
        for commit in _commits(process.stdout):
            entries.append(_walk_commit(commit, state))
    finally:
        process.stdout.close()
        stderr = process.stderr.read() if process.stderr else ""
        code = process.wait()
        blobs.close()
    if code != 0:
        raise GitError(f"git log failed: {stderr.strip()}")
    return entries


def _walk_commit(commit: Commit, state: _State) -> dict[str, Any]:
    registry_before = state.registry
    before = {path: (old if old != EMPTY else None) for path, old, _ in commit.files}
    framework_touched = False
    for path, _, new in commit.files:
        if not _yaml(path):
            continue
        if new == EMPTY:
            state.files.pop(path, None)
        else:
            state.files[path] = new
            if state.parse(path, new).kind in ("framework", "crosswalk"):
                framework_touched = True
        old_sha = before.get(path)
        if old_sha and state.parse(path, old_sha).kind in ("framework", "crosswalk"):
            framework_touched = True
    if framework_touched:
        state.rebuild_registry()
    changes: list[dict[str, Any]] = []
    flips: list[dict[str, Any]] = []
    for path, _, new in commit.files:
        if not _yaml(path):
            continue
        old_sha = before.get(path)
        old = state.parse(path, old_sha) if old_sha else None
        fresh = state.parse(path, new) if new != EMPTY else None
        known = fresh or old
        kind = known.kind if known is not None else None
        if kind == "framework":
            change, found = _framework_change(path, old, fresh, state, registry_before)
        elif kind == "scorecard":
            change, found = _scorecard_change(path, old, fresh, state, registry_before)
        elif kind == "crosswalk":
            change, found = (
                {
                    "path": path,
                    "kind": "crosswalk",
                    "change": "removed"
                    if fresh is None
                    else ("added" if old is None else "modified"),
                },
                [],
            )
        else:
            change, found = (
                {
                    "path": path,
                    "kind": "other",
                    "change": "invalid" if fresh and fresh.errors else "not a riskcard file",
                },
                [],
            )
        changes.append(change)
        flips += found
    return {
        "sha": commit.sha,
        "date": commit.date,
        "author": commit.author,
        "email": commit.email,
        "message": commit.message,
        "changes": changes,
        "flips": flips,
    }
