"""What several commands share: the default inputs, a checked collection, and output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from riskcard.checks.collection import Collection, load_collection
from riskcard.commands.console import Console
from riskcard.formats.errors import InputError, UsageError
from riskcard.formats.findings import Severity
from riskcard.publish.output import write_output
from riskcard.renderers.findings import finding_line


def default_paths() -> list[Path]:
    """`./scorecards` if present, else the repository's own next to the package."""
    here = Path("scorecards")
    if here.is_dir():
        return [here]
    beside = Path(__file__).resolve().parents[2] / "scorecards"
    if beside.is_dir():
        return [beside]
    raise UsageError("no paths given and no ./scorecards folder here")


def parse_date(text: str | None, option: str = "--as-of") -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} takes a date YYYY-MM-DD, not {text!r}") from None


def checked_collection(paths: list[Path] | None, console: Console) -> Collection:
    """Load inputs; refuse to judge anything when an input has errors."""
    return judgeable(load_collection(paths or default_paths()), console)


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
