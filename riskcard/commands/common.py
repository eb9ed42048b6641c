"""What several commands share: the default inputs, a checked collection, and output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from riskcard.checks.collection import Collection, load_collection
from riskcard.commands.console import Console
from riskcard.formats.errors import InputError, UsageError
from riskcard.formats.findings import Severity
from riskcard.inputs.config import collection_paths, read_config
from riskcard.publish.output import write_output
from riskcard.renderers.findings import finding_line


def default_paths(paths: list[Path] | None = None) -> list[Path]:
    """The collection every command reads: the paths given, else the configured (or
    default) scorecard folders, always with the configured framework and crosswalk folders."""
    return collection_paths(paths, read_config())


def parse_date(text: str | None, option: str = "--as-of") -> dt.date | None:
    """The date given, else the configuration's `as-of`, else None (today)."""
    if text is None:
        return read_config().as_of if option == "--as-of" else None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} takes a date YYYY-MM-DD, not {text!r}") from None


def checked_collection(paths: list[Path] | None, console: Console) -> Collection:
    """Load inputs; refuse to judge anything when an input has errors."""
    return judgeable(load_collection(default_paths(paths)), console)


def judgeable(collection: Collection, console: Console) -> Collection:
    """The collection, if it can be judged: every input valid and some scorecard in it."""
    errors = [f for f in collection.findings if f.severity is Severity.ERROR]
    if errors:
        for finding in errors:
            console.err(finding_line(finding))
        raise InputError(f"{len(errors)} error(s) in the inputs; nothing was judged")
    if not collection.scorecards:
        # A gate that passes on nothing would hide a mistyped path in CI.
        raise UsageError("no scorecards found in the inputs; nothing was judged")
    return collection


def emit(console: Console, text: str, output: Path | None, *, styled: bool = False) -> None:
    """A rendered report to stdout, or to `output` (replaced atomically when it is a file)."""
    if output is None:
        console.out(text, styled=styled)
    else:
        write_output(output, text)
