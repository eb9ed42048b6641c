"""Where a command's single output goes: `-o PATH`, written so that nothing is half-written,
and errors the user can act on instead of tracebacks."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from riskcard.formats.errors import OutputError
from riskcard.publish.atomic import write_chunks

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EFBIG: "the file would exceed the file-size limit",
    errno.EPIPE: "the reader closed the pipe",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "a part of the path is a file, not a folder",
}


def describe(error: OSError) -> str:
    """A plain reason for an operating-system error."""
    return _REASONS.get(error.errno or 0) or error.strerror or type(error).__name__


def output_error(path: Path | str, error: OSError) -> OutputError:
    return OutputError(f"cannot write {path}: {describe(error)}")


def write_output(path: Path, text: str | Iterable[str]) -> None:
    """Write `text` (or its pieces, one in memory at a time) to `path`.

    A regular file (or a new name) is replaced atomically. A device, a FIFO, a socket or a
    link to one of them (`/dev/null`, `/dev/stdout`) is written into, never replaced. A
    folder, an empty name or an unwritable place is an `OutputError` (exit 2)."""
    if str(path) in ("", "."):
        raise OutputError("-o needs a file name, not an empty one")
    pieces = [text] if isinstance(text, str) else text
    data = (piece.encode("utf-8") for piece in pieces)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise output_error(path, exc) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {path}: it is a folder; give a file name")
    try:
        if mode is not None and (not stat.S_ISREG(mode) or path.is_symlink()):
            _write_into(path, data)
        else:
            write_chunks(path, data)
    except OSError as exc:
        raise output_error(path, exc) from None


def _write_into(path: Path, data: Iterable[bytes]) -> None:
    """Write through to an existing special file or link, as `cat > PATH` would."""
    with open(path, "wb") as stream:
        for piece in data:
            stream.write(piece)
        stream.flush()
