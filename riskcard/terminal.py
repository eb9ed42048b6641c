"""The Console the CLI hands to commands: stdout and stderr, colour, and a progress line.

Part of the command-line stage: the only place besides the renderers that writes to the terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from riskcard.commands.console import Progress
from riskcard.formats.errors import EXIT_INTERNAL, RiskcardError
from riskcard.renderers.escape import visible

_PAINT = {
    "error": "\x1b[31;1m",
    "warning": "\x1b[33m",
    "note": "\x1b[36m",
    "FAIL": "\x1b[31;1m",
    "PASS": "\x1b[32;1m",
    "fail:": "\x1b[31;1m",
    "ok:": "\x1b[32m",
    "pass:": "\x1b[32m",
}


class Terminal:
    """The Console commands write to: stdout and stderr, colour, and a progress line."""

    def __init__(self) -> None:
        self.color = False
        self.progress_shown = False

    def line(self, text: str) -> None:
        if self.color:
            for word, code in _PAINT.items():
                if f" {word} " in f" {text} ":
                    text = text.replace(f"{word} ", f"{code}{word}\x1b[0m ", 1)
                    break
        sys.stdout.write(text + "\n")

    def out(self, text: str, *, styled: bool = False) -> None:
        if styled and self.color:
            for each in text.splitlines():
                self.line(each)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()

    def err(self, text: str) -> None:
        sys.stderr.write(visible(text) + "\n")
        sys.stderr.flush()

    def progress(self) -> Progress | None:
        """A progress line on stderr for long runs on a terminal; none in CI logs or pipes."""
        if not sys.stderr.isatty() or os.environ.get("CI"):
            return None

        def show(done: int, total: int) -> None:
            if total >= 500 and (done % 100 == 0 or done == total):
                sys.stderr.write(f"\rriskcard: {done}/{total} files")
                sys.stderr.flush()
                self.progress_shown = True

        return show

    def clear_progress(self) -> None:
        if self.progress_shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.progress_shown = False


TERMINAL = Terminal()


def color_enabled(choice: str) -> bool:
    """`--color` wins; otherwise colour only on a terminal and never with NO_COLOR set."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def run_command(command: Callable[..., int], *args: Any) -> int:
    """The one error handler: expected errors exit with their code, anything else with 3."""
    try:
        code = command(TERMINAL, *[_plain(a) for a in args])
    except RiskcardError as exc:
        TERMINAL.err(f"riskcard: {exc}")
        code = exc.exit_code
    except KeyboardInterrupt:
        TERMINAL.err("riskcard: interrupted")
        code = 130
    except Exception as exc:  # the last line of defence: users never see a traceback
        if os.environ.get("RISKCARD_DEBUG"):
            raise
        TERMINAL.err(
            f"riskcard: internal error: {type(exc).__name__}: {exc} "
            "(set RISKCARD_DEBUG=1 for a traceback, and please report it)"
        )
        code = EXIT_INTERNAL
    return code


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, StrEnum) else value
