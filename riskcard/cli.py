"""The command line. The only module that knows typer: it parses, calls the core, prints.

Heavy modules (pydantic models, jsonschema, jinja2) are imported inside the
commands that need them, so `riskcard --version` and `--help` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from riskcard.formats.errors import EXIT_INTERNAL, EXIT_USAGE, RiskcardError
from riskcard.formats.version import __version__

app = typer.Typer(
    name="riskcard",
    help="Validate, gate and audit frontier-AI risk scorecards.\n\n"
    "Exit codes: 0 ok; 1 findings (errors, blocked or undetermined decisions); "
    "2 usage error; 3 internal error.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


class GateFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


class FailOn(StrEnum):
    loosening = "loosening"
    tightening = "tightening"
    any = "any"


class ListFormat(StrEnum):
    text = "text"
    json = "json"


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Scorecard or framework files, or folders of them "
        "(default: ./scorecards and the bundled frameworks)."
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")
]


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


_COLOR = {"enabled": False}
_PROGRESS = {"shown": False}
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


def _color_enabled(choice: Color) -> bool:
    """`--color` wins; otherwise colour only on a terminal and never with NO_COLOR set."""
    if choice is Color.always:
        return True
    if choice is Color.never or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _echo(line: str) -> None:
    """Print one line of text output, coloured when colour is on."""
    if _COLOR["enabled"]:
        for word, code in _PAINT.items():
            if f" {word} " in f" {line} ":
                line = line.replace(f"{word} ", f"{code}{word}\x1b[0m ", 1)
                break
    sys.stdout.write(line + "\n")


def _progress_printer() -> Callable[[int, int], None] | None:
    """A progress line on stderr for long runs on a terminal; none in CI logs or pipes."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int) -> None:
        if total >= 500 and (done % 100 == 0 or done == total):
            sys.stderr.write(f"\rriskcard: {done}/{total} files")
            sys.stderr.flush()
            _PROGRESS["shown"] = True

    return show


def _clear_progress() -> None:
    if _PROGRESS["shown"]:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
        _PROGRESS["shown"] = False


def _version(value: bool) -> None:
    if value:
        typer.echo(f"riskcard {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
    color: Annotated[
        Color,
        typer.Option(
            "--color",
            help="Colour text output: auto (a terminal without NO_COLOR), always or never.",
        ),
    ] = Color.auto,
) -> None:
    """Validate, gate and audit frontier-AI risk scorecards."""
    _COLOR["enabled"] = _color_enabled(color)


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"riskcard: {message}", err=True)
    raise typer.Exit(code)


def _guarded(command: Callable[[], int]) -> None:
    """The one error handler: expected errors exit with their code, anything else with 3."""
    try:
        code = command()
    except RiskcardError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except Exception as exc:  # the last line of defence: users never see a traceback
        if os.environ.get("RISKCARD_DEBUG"):
            raise
        _fail(
            f"internal error: {type(exc).__name__}: {exc} "
            "(set RISKCARD_DEBUG=1 for a traceback, and please report it)",
            EXIT_INTERNAL,
        )
    raise typer.Exit(code)


def _emit(text: str, output: Path | None, *, styled: bool = False) -> None:
    """Write a rendered report to stdout (coloured when `styled` text) or to a file."""
    if output is None:
        if styled and _COLOR["enabled"]:
            for line in text.splitlines():
                _echo(line)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
        return
    from riskcard.publish.atomic import write_text

    write_text(output, text)


def default_paths() -> list[Path]:
    """`./scorecards` if present, else the repository's own next to the package."""
    here = Path("scorecards")
    if here.is_dir():
        return [here]
    beside = Path(__file__).resolve().parent.parent / "scorecards"
    if beside.is_dir():
        return [beside]
    from riskcard.formats.errors import UsageError

    raise UsageError("no paths given and no ./scorecards folder here")


@app.command()
def validate(
    paths: PathsArg = None,
    output_format: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ValidateFormat.text,
    output: OutputOpt = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Largest input file accepted.")
    ] = 1024 * 1024,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes to use (default: all cores once there are enough files).",
        ),
    ] = None,
) -> None:
    """Check scorecards and frameworks against the schema and the frameworks' meaning."""

    def run() -> int:
        from riskcard.checks.collection import iter_collection, new_collection
        from riskcard.renderers.findings import (
            REPORTERS,
            ValidationResult,
            finding_line,
            summary_line,
        )

        chosen = paths or default_paths()
        collection = new_collection(include_bundled_findings=not paths)
        findings = iter_collection(
            collection,
            chosen,
            keep=False,
            max_bytes=max_bytes,
            progress=_progress_printer(),
            jobs=jobs,
        )
        if output_format is ValidateFormat.text and output is None:
            # Stream: each finding is printed as soon as it is made.
            kept = list(collection.findings)
            for finding in kept:
                _echo(finding_line(finding))
            for finding in findings:
                _clear_progress()
                _echo(finding_line(finding))
                kept.append(finding)
            _clear_progress()
            result = ValidationResult(collection.checked, kept, tuple(collection.paths))
            _echo(summary_line(result))
            return 1 if result.errors else 0
        everything = sorted([*collection.findings, *findings])
        _clear_progress()
        result = ValidationResult(collection.checked, everything, tuple(collection.paths))
        _emit(
            REPORTERS[output_format.value](result),
            output,
            styled=output_format is ValidateFormat.text,
        )
        return 1 if result.errors else 0

    _guarded(run)


@app.command("list")
def list_scorecards(
    paths: PathsArg = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
    output: OutputOpt = None,
) -> None:
    """One row per scorecard: model, framework, date and ratings."""

    def run() -> int:
        from riskcard.checks.collection import load_collection
        from riskcard.renderers.listing import scorecards_json, scorecards_text

        collection = load_collection(paths or default_paths())
        render = scorecards_json if output_format is ListFormat.json else scorecards_text
        _emit(render(collection.scorecards), output)
        if collection.findings and any(f.severity == "error" for f in collection.findings):
            typer.echo(
                "riskcard: some files have errors and are not listed; run `riskcard validate`",
                err=True,
            )
            return 1
        return 0

    _guarded(run)


@app.command()
def frameworks(
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
    output: OutputOpt = None,
) -> None:
    """List the known framework versions with their categories and levels."""

    def run() -> int:
        from riskcard.checks.collection import bundled_registry
        from riskcard.renderers.listing import frameworks_json, frameworks_text

        registry, findings = bundled_registry()
        render = frameworks_json if output_format is ListFormat.json else frameworks_text
        _emit(render(registry), output)
        return 1 if findings else 0

    _guarded(run)


@app.command()
def schema(
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Folder to write into.")] = Path(
        "schema"
    ),
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if the files differ from the models.")
    ] = False,
) -> None:
    """Write the JSON Schemas generated from the models (Draft 2020-12)."""

    def run() -> int:
        from riskcard.formats.schema import schema_texts
        from riskcard.publish.atomic import write_text

        stale = []
        for name, text in schema_texts().items():
            target = out_dir / name
            current = target.read_text("utf-8") if target.is_file() else None
            if current == text:
                continue
            stale.append(name)
            if not check:
                write_text(target, text)
        if check and stale:
            typer.echo(
                f"riskcard: out of date: {', '.join(stale)}; run `riskcard schema`", err=True
            )
            return 1
        return 0

    _guarded(run)


FrameworkOpt = Annotated[
    str | None,
    typer.Option(
        "--framework",
        help="Judge under ID@VERSION instead of the version each "
        "scorecard names (ratings are translated).",
    ),
]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD) for waiver expiry; default today.")
]


def _as_of(text: str | None) -> Any:
    if text is None:
        return None
    import datetime as dt

    from riskcard.formats.errors import UsageError

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of takes a date YYYY-MM-DD, not {text!r}") from None


def _checked_collection(paths: list[Path] | None) -> Any:
    """Load inputs; refuse to judge anything when an input has errors."""
    from riskcard.checks.collection import load_collection
    from riskcard.renderers.findings import finding_line

    collection = load_collection(paths or default_paths())
    errors = [f for f in collection.findings if f.severity == "error"]
    if errors:
        for finding in errors:
            typer.echo(finding_line(finding), err=True)
        from riskcard.formats.errors import InputError

        raise InputError(f"{len(errors)} error(s) in the inputs; nothing was judged")
    if not collection.scorecards:
        from riskcard.formats.errors import UsageError

        # A gate that passes on nothing would hide a mistyped path in CI.
        raise UsageError("no scorecards found in the inputs; nothing was judged")
    return collection


@app.command()
def gate(
    paths: PathsArg = None,
    framework: FrameworkOpt = None,
    output_format: Annotated[GateFormat, typer.Option("--format", "-f")] = GateFormat.text,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Decide deployment, development and security for each scorecard.

    Exit 0 when every scorecard may be deployed (allowed, or with every required
    safeguard attested) and developed further; 1 when any is blocked, halted or
    undetermined.
    """

    def run() -> int:
        from riskcard.engine.evaluation import evaluate
        from riskcard.renderers.gate import REPORTERS
        from riskcard.results.gate import GateRun

        collection = _checked_collection(paths)
        target = collection.registry.parse_ref(framework) if framework else None
        when = _as_of(as_of)
        evaluations = [
            evaluate(s, collection.registry, target, when) for s in collection.scorecards
        ]
        result = GateRun(evaluations, when)
        _emit(
            REPORTERS[output_format.value](result), output, styled=output_format is GateFormat.text
        )
        return 0 if result.passes else 1

    _guarded(run)


@app.command()
def report(
    paths: PathsArg = None,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Folder for the reports.")] = Path(
        "reports"
    ),
    as_of: AsOfOpt = None,
) -> None:
    """Write gate reports (HTML, Markdown, JSON) of every scorecard and an index, atomically."""

    def run() -> int:
        from riskcard.publish.reports import write_reports

        collection = _checked_collection(paths)
        written = write_reports(collection, out_dir, _as_of(as_of))
        typer.echo(f"wrote {len(written)} file(s) to {out_dir}", err=True)
        return 0

    _guarded(run)


@app.command()
def verify(
    report_file: Annotated[
        Path, typer.Argument(help="A JSON gate report (riskcard gate -f json).")
    ],
) -> None:
    """Recompute a JSON gate report from the files it names; exit 1 if anything changed."""

    def run() -> int:
        from riskcard.results.verify import verify_report

        problems = verify_report(report_file)
        for problem in problems:
            typer.echo(problem)
        typer.echo(
            "verified: inputs and decisions unchanged"
            if not problems
            else f"{len(problems)} difference(s)"
        )
        return 1 if problems else 0

    _guarded(run)


def _framework_arg(text: str, registry: Any) -> Any:
    """`ID@VERSION` of a known framework, or the path of a framework file (a working copy)."""
    candidate = Path(text)
    if candidate.is_file():
        from riskcard.checks.collection import load_framework_file

        return load_framework_file(candidate)
    return registry.parse_ref(text)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="Earlier version: ID@VERSION or a framework file.")],
    new: Annotated[str, typer.Argument(help="Later version: ID@VERSION or a framework file.")],
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.text,
    output: OutputOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Exit 1 when the diff loosens, tightens, or changes anything."
        ),
    ] = None,
) -> None:
    """What changed between two framework versions, proven over every rating profile."""

    def run() -> int:
        from riskcard.analysis.diff import diff_frameworks
        from riskcard.checks.collection import bundled_registry
        from riskcard.renderers.diff import REPORTERS

        registry, _ = bundled_registry()
        result = diff_frameworks(
            _framework_arg(old, registry), _framework_arg(new, registry), registry
        )
        _emit(REPORTERS[output_format.value](result), output)
        if fail_on is FailOn.loosening and result.looser:
            return 1
        if fail_on is FailOn.tightening and result.stricter:
            return 1
        if fail_on is FailOn.any and (result.looser or result.stricter or result.changes):
            return 1
        return 0

    _guarded(run)


@app.command()
def audit(
    paths: PathsArg = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.text,
    output: OutputOpt = None,
    git: Annotated[
        bool, typer.Option("--git", help="Walk the git history of the repository instead.")
    ] = False,
    revision_range: Annotated[
        str | None,
        typer.Option("--range", help="With --git: a revision range, e.g. main~50..main."),
    ] = None,
    repo: Annotated[Path, typer.Option("--repo", help="With --git: the repository.")] = Path("."),
    as_of: AsOfOpt = None,
) -> None:
    """Every scorecard under every framework version, flips, rating history and the framework
    timeline; with --git, what each commit changed and which decisions flipped."""

    def run() -> int:
        from riskcard.renderers.audit import GIT_REPORTERS, REPORTERS

        if git:
            from riskcard.analysis.gitaudit import git_audit
            from riskcard.formats.version import __version__

            rng = revision_range or (
                str(paths[0]) if paths and len(paths) == 1 and not paths[0].exists() else None
            )
            commits = git_audit(repo, rng)
            data = {
                "riskcard": __version__,
                "repository": str(repo),
                "range": rng,
                "commits": commits,
            }
            _emit(GIT_REPORTERS[output_format.value](data), output)
            return 0
        from riskcard.analysis.audit import audit as run_audit
        from riskcard.analysis.audit import audit_dict

        collection = _checked_collection(paths)
        result = run_audit(collection, _as_of(as_of))
        inputs = [(s.path, s.sha256) for s in collection.scorecards]
        _emit(REPORTERS[output_format.value](audit_dict(result, inputs)), output)
        return 0

    _guarded(run)


@app.command()
def site(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the site into.")],
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
) -> None:
    """Write a static HTML dashboard of the whole collection (no scripts, no external
    requests): a matrix and timeline, a page per model, gate report and framework version."""

    def run() -> int:
        from riskcard.publish.site import write_site

        collection = _checked_collection(paths)
        written = write_site(collection, out_dir, _as_of(as_of))
        typer.echo(f"wrote {len(written)} page(s) to {out_dir}", err=True)
        return 0

    _guarded(run)


def main(argv: list[str] | None = None) -> Any:
    """Console entry point."""
    try:
        return app(args=argv, prog_name="riskcard", standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code
        if code is not None and not isinstance(code, int):
            code = EXIT_USAGE
        if code == 2 or code is None or code in (0, 1, 3, 130):
            raise SystemExit(code) from None
        raise
