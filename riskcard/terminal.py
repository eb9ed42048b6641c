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
from riskcard.formats.errors import EXIT_INTERNAL, EXIT_USAGE, OutputError, RiskcardError
from riskcard.publish.output import describe, output_error
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
        _write_stdout(text + "\n")

    def out(self, text: str, *, styled: bool = False) -> None:
        if styled and self.color:
            for each in text.splitlines():
                self.line(each)
        else:
            _write_stdout(text)
        _write_stdout("", flush=True)

    def err(self, text: str) -> None:
        try:
            sys.stderr.write(visible(text) + "\n")
            sys.stderr.flush()
        except (OSError, ValueError, AttributeError):
            pass  # stderr closed too: the exit code is all that is left

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


def _write_stdout(text: str, *, flush: bool = False) -> None:
    """Write to stdout; a closed stdout, a full disk, a file-size limit or a closed pipe is an
    OutputError (exit 2), never a traceback or a silently cut output with exit 0."""
    stream = sys.stdout
    if stream is None:
        raise OutputError("cannot write the output: stdout is closed")
    try:
        if text:
            _write_all(stream, text)
        if flush:
            stream.flush()
    except ValueError:  # the stream was closed under us
        raise OutputError("cannot write the output: stdout is closed") from None
    except OSError as exc:
        _silence_stdout()
        raise output_error("stdout", exc) from None


def _write_all(stream: Any, text: str) -> None:
    """Write every byte to the file descriptor, so a short write (a file-size limit) is
    retried and reported; a stream without one (a test runner's) is written as a stream."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        stream.write(text)
        return
    stream.flush()
    data = text.encode(stream.encoding or "utf-8", errors="replace")
    while data:
        written = os.write(descriptor, data)
        data = data[written:]


def _silence_stdout() -> None:
    """After a failed write, point stdout at the null device so that Python's own flush at
    exit does not print a second error."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def color_enabled(choice: str) -> bool:
    """`--color` wins; otherwise colour only on a terminal and never with NO_COLOR set."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout is not None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def run_command(command: Callable[..., int], *args: Any) -> int:
    """The one error handler: expected errors exit with their code, anything else with 3."""
    try:
        code = command(TERMINAL, *[_plain(a) for a in args])
        _write_stdout("", flush=True)
    except RiskcardError as exc:
        TERMINAL.err(f"riskcard: {exc}")
        code = exc.exit_code
    except KeyboardInterrupt:
        TERMINAL.err("riskcard: interrupted")
        code = 130
    except MemoryError:
        TERMINAL.err("riskcard: out of memory; give fewer or smaller inputs")
        code = EXIT_USAGE
    except OSError as exc:  # the environment, not a bug: a plain message, exit 2
        where = f" {exc.filename}" if exc.filename else ""
        TERMINAL.err(f"riskcard: cannot continue:{where} {describe(exc)}")
        code = EXIT_USAGE
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
