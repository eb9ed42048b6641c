"""Write outputs so that a reader never sees half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: write a temporary file beside it, then rename."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    write_chunks(path, (data,))


def write_chunks(path: Path, chunks: Iterable[bytes]) -> None:
    """Replace `path` with the concatenated `chunks` in one step, holding one chunk at a time;
    an error while producing them leaves the old file as it was."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    # A short temporary name: a target name near the length limit must still work.
    handle, temporary = tempfile.mkstemp(prefix=".riskcard-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            for data in chunks:
                stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
