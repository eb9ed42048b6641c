"""What several commands share: the default inputs, a checked collection, and output."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from riskcard.checks.collection import (
    Collection,
    LoadedScorecard,
    identity_context,
    load_collection,
)
from riskcard.checks.document import CardKey
from riskcard.checks.scorecard import Assessment
from riskcard.checks.stream import Checked, check_inputs
from riskcard.commands.console import Console
from riskcard.formats.errors import InputError, UsageError
from riskcard.formats.findings import Finding, Severity
from riskcard.inputs.config import collection_paths, read_config
from riskcard.inputs.loader import DEFAULT_MAX_BYTES, Document, load_bytes
from riskcard.publish.output import write_output
from riskcard.renderers.findings import finding_line


def default_paths(paths: list[Path] | None = None) -> list[Path]:
    """The collection every command reads: the paths given, else the configured (or
    default) scorecard folders, always with the configured framework and crosswalk folders."""
    return collection_paths(paths, read_config())


@dataclass(frozen=True)
class Filters:
    """`--model` (an id), `--developer` (its name in any case, or the id's prefix: `openai`)
    and `--framework` (ID or ID@VERSION the scorecard is assessed under): which scorecards a
    command reports on. Every input is still read and checked."""

    model: str | None = None
    developer: str | None = None
    framework: str | None = None

    @classmethod
    def of(cls, given: Filters | tuple[str | None, ...] | None) -> Filters:
        """Filters from the command line's `(model, developer, framework)`."""
        if isinstance(given, Filters):
            return given
        return cls(*given) if given else cls()

    def __bool__(self) -> bool:
        return any((self.model, self.developer, self.framework))

    def keeps(self, key: CardKey) -> bool:
        framework_id, version = key.framework
        return (
            self.model in (None, key.model)
            and (
                self.developer is None
                or self.developer.casefold()
                in (key.developer.casefold(), key.model.partition("/")[0])
            )
            and self.framework in (None, framework_id, f"{framework_id}@{version}")
        )

    def apply(self, scorecards: list[LoadedScorecard]) -> list[LoadedScorecard]:
        """The scorecards kept; none kept out of some is a usage error (a mistyped filter
        must not make a gate pass on nothing)."""
        kept = [s for s in scorecards if self.keeps(CardKey.of(s.doc, s.card))]
        return self._some(scorecards, kept)

    def apply_keys(self, keys: list[CardKey]) -> list[CardKey]:
        """`apply` for the keys of a streamed run."""
        return self._some(keys, [k for k in keys if self.keeps(k)])

    def _some(self, given: list[Any], kept: list[Any]) -> list[Any]:
        if not self:
            return given
        if given and not kept:
            named = ", ".join(
                f"--{name} {value}" for name, value in vars(self).items() if value is not None
            )
            raise UsageError(f"no scorecard matches {named}; see `riskcard list`")
        return kept


FilterArg = Filters | tuple[str | None, ...] | None
"""What commands accept as filters: a Filters, or the command line's three values."""

STDIN = "<stdin>"
"""The name a document read from standard input (`-`) is reported under."""


@dataclass(frozen=True)
class Inputs:
    """What `validate` and `gate` read: files and folders, a document from standard input,
    and the rest of the collection for identity (duplicate assessments)."""

    paths: list[Path]
    extra: list[Document]
    context: list[Assessment]
    given: bool
    """True when the user named the inputs (not the configured collection)."""


def read_inputs(paths: list[Path] | None, max_bytes: int = DEFAULT_MAX_BYTES) -> Inputs:
    """The paths given (`-` is standard input, read once as bytes through the same loader),
    else the configured collection. When a named file lies in the configured scorecard
    folders, the rest of those folders is read for identity, so a new file that duplicates
    an assessment is caught even when it is checked alone (as the pre-commit hook does)."""
    named = [p for p in paths or [] if str(p) != "-"]
    extra = []
    if paths and len(named) < len(paths):
        raw = sys.stdin.buffer.read(max_bytes + 1)
        extra.append(load_bytes(raw, STDIN, max_bytes=max_bytes))
    if not paths:
        return Inputs(default_paths(), [], [], False)
    config = read_config()
    chosen = collection_paths(named, config) if named else list(config.extras)
    folders = [folder for folder in config.scorecards if folder.exists()]
    # Only a file of the collection has a "rest of the collection"; a draft elsewhere does not.
    inside = any(
        folder == path or folder in path.parents
        for path in (p.resolve() for p in named)
        for folder in (f.resolve() for f in folders)
    )
    context = identity_context(folders, named) if inside else []
    return Inputs(chosen, extra, context, True)


def parse_date(text: str | None, option: str = "--as-of") -> dt.date | None:
    """The date given, else the configuration's `as-of`, else None (today)."""
    if text is None:
        return read_config().as_of if option == "--as-of" else None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} takes a date YYYY-MM-DD, not {text!r}") from None


def checked_collection(
    paths: list[Path] | None, console: Console, filters: FilterArg = None
) -> Collection:
    """Load inputs; refuse to judge anything when an input has errors; keep the scorecards
    the filters select."""
    collection = judgeable(load_collection(default_paths(paths)), console)
    collection.scorecards = Filters.of(filters).apply(collection.scorecards)
    return collection


def judgeable(collection: Collection, console: Console) -> Collection:
    """The collection, if it can be judged: every input valid and some scorecard in it."""
    _refuse_errors(collection.findings, console)
    if not collection.scorecards:
        # A gate that passes on nothing would hide a mistyped path in CI.
        raise UsageError("no scorecards found in the inputs; nothing was judged")
    return collection


def refuse(checked: Checked, console: Console) -> list[CardKey]:
    """`judgeable` for a streamed run: the valid scorecards' keys."""
    _refuse_errors(checked.collection.findings, console)
    if not checked.keys:
        raise UsageError("no scorecards found in the inputs; nothing was judged")
    return checked.keys


def _refuse_errors(findings: list[Finding], console: Console) -> None:
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        for finding in errors:
            console.err(finding_line(finding))
        raise InputError(f"{len(errors)} error(s) in the inputs; nothing was judged")


def checked_inputs(paths: list[Path] | None, console: Console) -> tuple[Checked, list[CardKey]]:
    """The first pass over the configured or given inputs (see checks/stream.py), refused
    when an input has errors or there is no scorecard."""
    checked = check_inputs(default_paths(paths))
    return checked, refuse(checked, console)


def emit(
    console: Console, text: str | Iterable[str], output: Path | None, *, styled: bool = False
) -> None:
    """A rendered report (or its pieces, written as they come) to stdout, or to `output`
    (replaced atomically when it is a file, once every piece is written)."""
    if output is None:
        for piece in [text] if isinstance(text, str) else text:
            console.out(piece, styled=styled)
    else:
        write_output(output, text)
