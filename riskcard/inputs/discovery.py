"""Find the input files under the given paths, and never drop one silently.

Folders are walked without following symlinks blindly: a symlink is followed
only when it leads to a file or folder inside the given paths; a dangling
symlink, a loop, or one leading outside is a located error. Names ending in
`.yaml` or `.yml` in any case are inputs. A folder that cannot be read, or an
entry that is neither a file nor a folder, is a located error too.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from riskcard.formats.errors import UsageError
from riskcard.formats.findings import Finding, Severity

YAML_SUFFIXES = (".yaml", ".yml")


def is_yaml_name(name: str) -> bool:
    """`.yaml` or `.yml`, in any case."""
    return name.casefold().endswith(YAML_SUFFIXES)


@dataclass
class Discovery:
    """The files found, in a stable order, and a finding for each entry that was not read."""

    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _error(path: Path | str, rule: str, message: str, hint: str) -> Finding:
    return Finding(str(path), 1, 1, rule, Severity.ERROR, message, hint)


def _inside(real: str, roots: Sequence[str]) -> bool:
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def discover(paths: Sequence[Path]) -> Discovery:
    """Expand folders into their YAML files; a path that does not exist is a usage error."""
    found = Discovery()
    roots = [os.path.realpath(p) for p in paths if p.is_dir()]
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()
    for path in paths:
        if path.is_symlink() and not path.exists():
            found.findings.append(_dangling(path))
        elif path.is_dir():
            _walk(path, roots, found, seen_files, seen_dirs)
        elif path.exists():
            _add_file(path, found, seen_files)
        else:
            raise UsageError(f"no such file or folder: {path}")
    return found


def _dangling(path: Path) -> Finding:
    return _error(
        path,
        "input.symlink",
        "dangling symlink: it leads to nothing",
        "fix or remove the link",
    )


def _add_file(path: Path, found: Discovery, seen_files: set[str]) -> None:
    real = os.path.realpath(path)
    if real in seen_files:
        return
    seen_files.add(real)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        found.findings.append(
            _error(path, "input.unreadable", f"cannot read: {exc.strerror}", "check permissions")
        )
        return
    if not stat.S_ISREG(mode):
        found.findings.append(
            _error(
                path,
                "input.unreadable",
                "not a regular file (a device, pipe or socket)",
                "inputs are plain files",
            )
        )
        return
    found.files.append(path)


def _walk(
    folder: Path, roots: list[str], found: Discovery, seen_files: set[str], seen_dirs: set[str]
) -> None:
    real = os.path.realpath(folder)
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        found.findings.append(
            _error(
                folder,
                "input.unreadable",
                f"cannot read folder: {exc.strerror or exc}",
                "check the folder's permissions; riskcard never skips a folder silently",
            )
        )
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                _symlink(path, roots, found, seen_files, seen_dirs)
            elif entry.is_dir(follow_symlinks=False):
                _walk(path, roots, found, seen_files, seen_dirs)
            elif is_yaml_name(entry.name):
                _add_file(path, found, seen_files)
        except OSError as exc:  # the entry vanished or cannot be inspected
            found.findings.append(
                _error(path, "input.unreadable", f"cannot read: {exc.strerror}", "check the path")
            )


def _symlink(
    path: Path, roots: list[str], found: Discovery, seen_files: set[str], seen_dirs: set[str]
) -> None:
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 raises this for a loop
        found.findings.append(_loop(path))
        return
    except OSError as exc:
        found.findings.append(_loop(path) if exc.errno == errno.ELOOP else _dangling(path))
        return
    is_dir = target.is_dir()
    if not is_dir and not is_yaml_name(path.name):
        return
    if not _inside(str(target), roots):
        found.findings.append(
            _error(
                path,
                "input.symlink",
                f"symlink leads outside the input folders (to {target}); not followed",
                "copy the file into the folder, or give its folder as an input",
            )
        )
        return
    if is_dir:
        _walk(path, roots, found, seen_files, seen_dirs)
    else:
        _add_file(path, found, seen_files)


def _loop(path: Path) -> Finding:
    return _error(path, "input.symlink", "symlink loop: it leads back to itself", "remove the link")
