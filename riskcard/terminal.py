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
from riskcard.formats.errors import (
    EXIT_INTERNAL,
    EXIT_USAGE,
    OutputError,
    RiskcardError,
    UsageError,
)
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
        self.quiet = False
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

    def note(self, text: str) -> None:
        """A note or a "wrote N files" line on stderr; nothing with `--quiet`."""
        if not self.quiet:
            self.err(text)

    def progress(self) -> Progress | None:
        """A progress line on stderr for long runs on a terminal; none in CI logs, pipes or
        with `--quiet`."""
        if self.quiet or not sys.stderr.isatty() or os.environ.get("CI"):
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


ValidateFormat = StrEnum("ValidateFormat", ["text", "json", "sarif", "junit", "github"])
GateFormat = StrEnum("GateFormat", ["text", "markdown", "html", "json", "sarif", "junit", "github"])
DiffFormat = StrEnum("DiffFormat", ["text", "markdown", "html", "json"])
ListFormat = StrEnum("ListFormat", ["text", "json"])
FailOn = StrEnum("FailOn", ["loosening", "tightening", "any"])
ComplyFailOn = StrEnum("ComplyFailOn", ["absent", "partial"])
ConductFailOn = StrEnum("ConductFailOn", ["broken", "unverifiable"])
"""The choices of the command line's options."""

COLORS = ("auto", "always", "never")
APP_HELP = (
    "Validate, gate and audit frontier-AI risk scorecards.\n\nExit codes: 0 ok; 1 findings "
    "(errors, blocked or undetermined decisions); 2 usage error; 3 internal error.\n\n"
    "Every command also takes, before or after its name: --color auto|always|never (colour "
    "text output; auto: a terminal without NO_COLOR) and -q/--quiet (no notes, progress or "
    "'wrote N files' lines; errors and results are still shown). --version prints the version."
)


def global_options(argv: list[str]) -> list[str]:
    """Take `--color WHEN`, `--color=WHEN`, `-q` and `--quiet` from anywhere on the command
    line (up to a `--`), set the terminal from them, and return the other arguments, so the
    options work before and after the command name alike. A bad `--color` is a UsageError."""
    rest: list[str] = []
    color, quiet = "auto", False
    args = iter(argv)
    for arg in args:
        if arg == "--":
            rest += [arg, *args]
            break
        if arg in ("-q", "--quiet"):
            quiet = True
        elif arg == "--color" or arg.startswith("--color="):
            color = arg.partition("=")[2] if "=" in arg else next(args, "")
            if color not in COLORS:
                raise UsageError(f"--color takes auto, always or never, not {color!r}")
        else:
            rest.append(arg)
    TERMINAL.color = color_enabled(color)
    TERMINAL.quiet = quiet
    return rest


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


APP_SETTINGS: dict[str, Any] = {
    "name": "riskcard",
    "no_args_is_help": True,
    "add_completion": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
"""How the command line behaves: plain help, completion, -h, never a pretty traceback."""

HELP = {
    "new_model": "The model id, developer/model (e.g. openai/o3).",
    "new_framework": "The framework version to assess under: ID@VERSION.",
    "explain": "A rule, check rule, safeguard, category, framework or ID@VERSION[:NAME].",
    "paths": "Scorecard or framework files, or folders of them (default: the collection in "
    "riskcard.toml, else ./scorecards; see the README).",
    "stdin": "Scorecard or framework files, or folders of them; - reads one from standard "
    "input (default: the collection in riskcard.toml, else ./scorecards).",
    "output": "Write here (atomically) instead of stdout.",
    "format": "Output format (json: the envelope described in the README).",
    "judge": "Judge under ID@VERSION instead of the version each scorecard names "
    "(ratings are translated).",
    "as_of": "Date for waiver expiry and what was in force; default today.",
    "force": "Write into any non-empty folder.",
    "strict": "Warnings fail too (exit 1).",
    "model": "Only this model id.",
    "developer": "Only this developer's scorecards.",
    "under": "Only scorecards assessed under this framework (any version, or that one).",
    "check": "Exit 1 if the files differ from the models.",
    "diff_fail": "Exit 1 when the diff loosens, tightens, or changes anything.",
    "version": "Print the version.",
    "jobs": "Processes to use (default: all cores once there are enough files).",
    "max_bytes": "Largest input file accepted.",
    "git": "Walk the git history of the repository instead.",
    "range": "With --git: a revision range, e.g. main~50..main.",
    "repo": "With --git: the repository.",
    "report": "A JSON gate report (gate -f json).",
    "window": "Days a revision counts as recent.",
    "out_dir": "Folder to write into.",
    "old": "Earlier version: ID@VERSION or a framework file.",
    "new": "Later version: ID@VERSION or a framework file.",
    "site_dir": "Folder to write the site into.",
    "comply_framework": "ID@VERSION of a framework (default: every one).",
    "law": "ID@VERSION of a law (default: every law).",
    "fail_any": "Exit 1 when any item is this (or worse).",
    "comply_diff": "A later ID@VERSION: what it dropped.",
}
"""Help texts of the command line's options (kept here so cli.py stays small)."""
