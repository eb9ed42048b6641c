"""Where a command's output goes. The CLI implements it; commands never print themselves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

Progress = Callable[[int, int], None]


class Console(Protocol):
    """The terminal as a command sees it."""

    def out(self, text: str, *, styled: bool = False) -> None:
        """Write rendered output to stdout (`styled`: plain text that may be coloured)."""

    def line(self, text: str) -> None:
        """Write one line of text output to stdout as soon as it is known (streaming)."""

    def err(self, text: str) -> None:
        """Write one message line to stderr."""

    def note(self, text: str) -> None:
        """Write a note (not an error) to stderr; `--quiet` silences it."""

    def progress(self) -> Progress | None:
        """A progress callback for long runs, or None where progress is not shown."""

    def clear_progress(self) -> None:
        """Erase the progress line, if one is shown."""
