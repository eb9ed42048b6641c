"""Output folders written whole: `report` and `site` build the new folder beside the old one
and swap it in, under a lock, so a reader or a concurrent run never sees old and new pages
mixed. Output file names derived from data stay inside the folder, are safe on Windows and
unique on case-insensitive file systems."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from riskcard.analysis.spill import SortedSpill
from riskcard.formats.errors import InputError, OutputError
from riskcard.publish.output import output_error

_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$")
_LONGEST_PART = 100
_NEW, _OLD, _LOCK = ".riskcard-new-", ".riskcard-old-", ".riskcard-lock"


def gate_page_parts(model_id: str, assessed: dt.date) -> tuple[str, str]:
    """The developer folder and file stem of a scorecard's gate page: `dev`, `model--date`."""
    developer, _, model = model_id.partition("/")
    return developer, f"{model}--{assessed.isoformat()}"


def safe_part(text: str) -> str:
    """One path component from free text: lower case, no separators, never `.` or `..`, not a
    name Windows reserves (`con`, `aux`, `nul`, `com1`…), at most 100 characters."""
    part = _UNSAFE.sub("-", text.casefold()).strip("-.")[:_LONGEST_PART].strip("-.")
    base, dot, rest = part.partition(".")
    if _WINDOWS_RESERVED.match(base):  # reserved whatever follows the first dot
        part = f"{base}_{dot}{rest}"
    return part or "unnamed"


class NameBook:
    """Hands out relative output paths; refuses escapes and case-insensitive collisions."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.taken: set[str] = set()

    def claim(self, *parts: str, suffix: str) -> Path:
        relative = Path(*[safe_part(p) for p in parts[:-1]], safe_part(parts[-1]) + suffix)
        candidate = relative
        counter = 2
        while candidate.as_posix().casefold() in self.taken:
            candidate = relative.with_name(f"{relative.stem}-{counter}{suffix}")
            counter += 1
        target = (self.root / candidate).resolve()
        if not target.is_relative_to(self.root):
            raise InputError(f"refusing to write outside {self.root}: {candidate}")
        self.taken.add(candidate.as_posix().casefold())
        return candidate


def check_target(out_dir: Path, manifest_name: str, *, force: bool = False) -> None:
    """Refuse a folder riskcard must not replace: `/`, the home folder, a file, or a
    non-empty folder an earlier run did not write (unless `force`)."""
    if str(out_dir) == "":
        raise OutputError("the output folder needs a name, not an empty one")
    resolved = out_dir.resolve()
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        raise OutputError(f"refusing to write into {resolved}: give a folder of its own")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir} is a file, not a folder")
    if force or not out_dir.is_dir() or (out_dir / manifest_name).is_file():
        return
    if any(out_dir.iterdir()):
        raise OutputError(
            f"{out_dir} is not empty and riskcard did not write it; "
            "give a new or empty folder, or --force to write into it"
        )


@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """Hold the folder's lock (a file beside it, removed after); a second run refuses with
    exit 2 instead of mixing its pages with ours."""
    lock = out_dir.parent / f".{out_dir.name}{_LOCK}"
    for _ in range(3):
        try:
            handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise output_error(out_dir, exc) from None
        if not _try_lock(handle):
            os.close(handle)
            raise OutputError(f"another riskcard run is writing {out_dir}; try again after it")
        if _same_file(handle, lock):
            break
        os.close(handle)  # the holder removed that lock file as we opened it: take a new one
    else:
        raise OutputError(f"cannot lock {out_dir}; try again")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(handle)


def _same_file(handle: int, path: Path) -> bool:
    try:
        mine, now = os.fstat(handle), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _try_lock(handle: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _recover(out_dir: Path) -> None:
    """Undo what an interrupted run left: restore the old folder if the swap stopped half-way,
    then remove this tool's own staging and backup folders (and nothing else)."""
    parent, name = out_dir.parent, out_dir.name
    backups = sorted(parent.glob(f".{glob_escape(name)}{_OLD}*"))
    if not out_dir.exists() and backups:
        backups[-1].rename(out_dir)
        backups = backups[:-1]
    for leftover in [*parent.glob(f".{glob_escape(name)}{_NEW}*"), *backups]:
        shutil.rmtree(leftover, ignore_errors=True)


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _previous(out_dir: Path, manifest_name: str) -> set[str]:
    manifest = out_dir / manifest_name
    return set(manifest.read_text("utf-8").split()) if manifest.is_file() else set()


def _carry_over(old: Path, new: Path, ours: set[str]) -> None:
    """Copy into the new folder every file of the old one that riskcard did not write there
    (a user's own files, a nested site), unless this run wrote a file of that name."""
    if not old.is_dir():
        return
    for source in sorted(old.rglob("*")):
        relative = source.relative_to(old).as_posix()
        if relative in ours or (new / relative).exists():
            continue
        if source.is_dir() and not source.is_symlink():
            continue
        target = new / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)


def write_folder(
    out_dir: Path,
    files: Iterable[tuple[Path, str | Iterable[str]]] | dict[Path, str],
    manifest_name: str,
    *,
    force: bool = False,
) -> list[Path]:
    """`write_files`, returning the files written, sorted."""
    written: list[Path] = []

    def noted(pages: Iterable[tuple[Path, str | Iterable[str]]]) -> PlannedFiles:
        for relative, text in pages:
            yield relative, text
            written.append(relative)

    write_files(
        out_dir,
        noted(files.items() if isinstance(files, dict) else files),
        manifest_name,
        force=force,
    )
    return sorted(written)


PlannedFiles = Iterator[tuple[Path, str | Iterable[str]]]


def write_files(
    out_dir: Path,
    files: Iterable[tuple[Path, str | Iterable[str]]],
    manifest_name: str,
    *,
    force: bool = False,
) -> int:
    """Write every planned file into a new folder beside `out_dir`, carry over the files an
    earlier run did not write, and swap the new folder in whole. The manifest lists the files
    this run wrote, so the next run knows which it may drop. Returns how many were written;
    their names wait on disk for the manifest, so a folder of any size costs no memory."""
    check_target(out_dir, manifest_name, force=force)
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(out_dir, exc) from None
    with _locked(out_dir), SortedSpill[str](str) as names:
        _recover(out_dir)
        staging = parent / f".{out_dir.name}{_NEW}{os.getpid()}"
        backup = parent / f".{out_dir.name}{_OLD}{os.getpid()}"
        try:
            staging.mkdir()
            for relative, text in files:  # one page (or one piece of one) in memory at a time
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(text, str):
                    target.write_text(text, "utf-8")
                else:
                    with target.open("w", encoding="utf-8") as stream:
                        for piece in text:
                            stream.write(piece)
                names.add(relative.as_posix())
            with (staging / manifest_name).open("w", encoding="utf-8") as manifest:
                for name, _ in itertools.groupby(names):
                    manifest.write(f"{name}\n")
            _carry_over(out_dir, staging, _previous(out_dir, manifest_name) | {manifest_name})
            if out_dir.exists():
                staging.chmod(out_dir.stat().st_mode & 0o7777)
                out_dir.rename(backup)
            staging.rename(out_dir)
        except BaseException as exc:  # an error while planning or writing: leave no trace
            if not out_dir.exists() and backup.exists():
                backup.rename(out_dir)
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, OSError):
                raise output_error(out_dir, exc) from None
            raise
        shutil.rmtree(backup, ignore_errors=True)
        return len(names)
