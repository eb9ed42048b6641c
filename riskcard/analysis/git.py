"""Git plumbing for the history audit: commits, changed blobs and blob contents.

Every call uses the `-z` forms so any file name survives (non-ASCII, tabs,
newlines, quotes), skips submodules (gitlinks, mode 160000), refuses option-like
`--range`/`--repo` values, and passes `--end-of-options` so a revision can never
be read as an option.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from riskcard.formats.errors import RiskcardError, UsageError

RECORD = "\x1e"
FIELD = "\x1f"
EMPTY = "0" * 40
GITLINK = "160000"


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


def refuse_option(value: str, name: str) -> None:
    """A value that git could read as an option is a usage error, never passed on."""
    if value.startswith("-"):
        raise UsageError(f"{name} takes a revision range or a folder, not {value!r}")


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def run_git(repo: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git {' '.join(args[:1])} failed: {message}")
    return done.stdout


class Blobs:
    """Blob contents through one `git cat-file --batch` process."""

    def __init__(self, repo: Path) -> None:
        try:
            self.process = subprocess.Popen(
                ["git", "-C", str(repo), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        except OSError as exc:
            raise GitError(f"cannot run git: {exc.strerror}") from None

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


def tree_files(repo: Path, revision: str) -> dict[str, str]:
    """Every blob of a commit's tree by path (submodules left out)."""
    refuse_option(revision, "--range")
    listing = run_git(repo, "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", revision)
    files: dict[str, str] = {}
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, sha = _decode(meta).split()
        if kind == "blob" and mode != GITLINK:
            files[_decode(path)] = sha
    return files


def log(repo: Path, revision_range: str | None) -> Iterator[Commit]:
    """First-parent history, oldest first, with the blobs each commit changed."""
    args = [
        "log",
        "-z",
        "--reverse",
        "--first-parent",
        "-m",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        f"--format={RECORD}%H{FIELD}%aI{FIELD}%an{FIELD}%ae{FIELD}%s",
        "--end-of-options",
    ]
    if revision_range:
        refuse_option(revision_range, "--range")
        args.append(revision_range)
    args.append("--")
    yield from parse_log(run_git(repo, *args))


def parse_log(raw: bytes) -> Iterator[Commit]:
    """Commits from `git log -z --raw` output."""
    current: Commit | None = None
    tokens = iter(raw.split(b"\0"))
    for token in tokens:
        text = _decode(token).lstrip("\n")
        if text.startswith(RECORD):
            if current is not None:
                yield current
            sha, date, author, email, message = text[1:].split(FIELD, 4)
            current = Commit(sha, date, author, email, message)
        elif text.startswith(":") and current is not None:
            path = _decode(next(tokens, b""))
            old_mode, new_mode, old, new = text[1:].split()[:4]
            # A submodule is no file of the collection: its side of the change is empty.
            old = EMPTY if old_mode == GITLINK else old
            new = EMPTY if new_mode == GITLINK else new
            if (old, new) != (EMPTY, EMPTY):
                current.files.append((path, old, new))
    if current is not None:
        yield current
