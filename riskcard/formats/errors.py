"""The one error root. Every failure riskcard expects derives from RiskcardError.

Each class carries the exit code the CLI reports for it, so the CLI has a
single handler and never guesses.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class RiskcardError(Exception):
    """Base of every error riskcard raises on purpose."""

    exit_code = EXIT_INTERNAL


class UsageError(RiskcardError):
    """The command line asked for something that cannot be done (bad option, missing path)."""

    exit_code = EXIT_USAGE


class InputError(RiskcardError):
    """An input file is unusable as a whole (unreadable, not a riskcard file)."""

    exit_code = EXIT_FINDINGS


class OutputError(RiskcardError):
    """An output cannot be written where it was asked for (a folder, no permission, a full
    disk, a file-size limit, a closed stdout). Nothing half-written is left behind."""

    exit_code = EXIT_USAGE


class UnknownFrameworkError(UsageError):
    """A framework id or version named on the command line is not known."""
