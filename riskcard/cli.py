"""The command line: the only module that knows typer. It parses, calls a command, prints.

Heavy modules (pydantic models, jinja2) are imported inside the commands that need them, so
`riskcard --version` and `--help` start fast.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from riskcard.commands import helptext as H
from riskcard.formats.errors import EXIT_USAGE
from riskcard.formats.version import __version__
from riskcard.terminal import TERMINAL, color_enabled, run_command

app = typer.Typer(
    name="riskcard",
    help=H.APP_HELP,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

ValidateFormat = StrEnum("ValidateFormat", ["text", "json", "sarif", "junit", "github"])
GateFormat = StrEnum("GateFormat", ["text", "markdown", "html", "json", "sarif", "junit", "github"])
DiffFormat = StrEnum("DiffFormat", ["text", "markdown", "html", "json"])
ListFormat = StrEnum("ListFormat", ["text", "json"])
FailOn = StrEnum("FailOn", ["loosening", "tightening", "any"])
ComplyFailOn = StrEnum("ComplyFailOn", ["absent", "partial"])
ConductFailOn = StrEnum("ConductFailOn", ["broken", "unverifiable"])
Color = StrEnum("Color", ["auto", "always", "never"])
SCHEMAS = Path("schema")

PathsArg = Annotated[list[Path] | None, typer.Argument(help=H.PATHS_HELP)]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help=H.OUTPUT_HELP)]
FrameworkOpt = Annotated[str | None, typer.Option("--framework", help=H.FRAMEWORK_HELP)]
ValidateFormatOpt = Annotated[ValidateFormat, typer.Option("--format", "-f", help="Output format.")]
GateFormatOpt = Annotated[GateFormat, typer.Option("--format", "-f", help="Output format.")]
DiffFormatOpt = Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")]
ListFormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help=H.AS_OF_HELP)]
ForceOpt = Annotated[bool, typer.Option("--force", help="Write into any non-empty folder.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"riskcard {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option(callback=_version, is_eager=True, help=H.VERSION_HELP)
    ] = False,
    color: Annotated[Color, typer.Option("--color", help=H.COLOR_HELP)] = Color.auto,
) -> None:
    """Validate, gate and audit frontier-AI risk scorecards."""
    TERMINAL.color = color_enabled(str(color))


def _run(name: str, *args: Any) -> None:
    """Run `riskcard.commands.MODULE.FUNCTION` (imported only now, to start fast)."""
    module, _, function = name.partition(".")
    command = getattr(importlib.import_module(f"riskcard.commands.{module}"), function)
    raise typer.Exit(run_command(command, *args))


@app.command()
def validate(
    paths: PathsArg = None,
    output_format: ValidateFormatOpt = ValidateFormat.text,
    output: OutputOpt = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Largest input file accepted.")
    ] = 1024 * 1024,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help=H.JOBS_HELP)] = None,
) -> None:
    """Check scorecards and frameworks against the schema and the frameworks' meaning."""
    _run("validate.run", paths, output_format, output, max_bytes, jobs)


@app.command("list")
def list_scorecards(
    paths: PathsArg = None,
    output_format: ListFormatOpt = ListFormat.text,
    output: OutputOpt = None,
) -> None:
    """One row per scorecard: model, framework, date and ratings."""
    _run("listing.scorecards", paths, output_format, output)


@app.command()
def frameworks(output_format: ListFormatOpt = ListFormat.text, output: OutputOpt = None) -> None:
    """List the known framework versions with their categories and levels."""
    _run("listing.frameworks", output_format, output)


@app.command()
def schema(
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Folder to write into.")] = SCHEMAS,
    check: Annotated[bool, typer.Option("--check", help=H.CHECK_HELP)] = False,
) -> None:
    """Write the JSON Schemas generated from the models (Draft 2020-12)."""
    _run("schema.run", out_dir, check)


@app.command()
def gate(
    paths: PathsArg = None,
    framework: FrameworkOpt = None,
    output_format: GateFormatOpt = GateFormat.text,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Decide deployment, development and security for each scorecard.

    Exit 0 when every scorecard may be deployed (allowed, or with every required
    safeguard attested) and developed further; 1 when any is blocked, halted or
    undetermined.
    """
    _run("gate.run", paths, framework, output_format, output, as_of)


@app.command()
def report(
    paths: PathsArg = None,
    out_dir: Annotated[Path, typer.Option("--out-dir", help=H.REPORTS_HELP)] = Path("reports"),
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write gate reports (HTML, Markdown, JSON) of every scorecard and an index, atomically."""
    _run("publishing.report", paths, out_dir, as_of, force)


@app.command()
def verify(
    report_file: Annotated[Path, typer.Argument(help="A JSON gate report (gate -f json).")],
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
) -> None:
    """Recompute a whole JSON gate report from its inputs; exit 1 if any field differs."""
    _run("verify.run", report_file, output_format.value)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="Earlier version: ID@VERSION or a framework file.")],
    new: Annotated[str, typer.Argument(help="Later version: ID@VERSION or a framework file.")],
    output_format: DiffFormatOpt = DiffFormat.text,
    output: OutputOpt = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", help=H.DIFF_FAIL_HELP)] = None,
) -> None:
    """What changed between two framework versions, proven over every rating profile."""
    _run("diff.run", old, new, output_format, output, fail_on)


@app.command()
def audit(
    paths: PathsArg = None,
    output_format: DiffFormatOpt = DiffFormat.text,
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
    if not git:
        _run("audit.collection_audit", paths, output_format, output, as_of)
    single = paths[0] if paths and len(paths) == 1 and not paths[0].exists() else None
    rng = revision_range or (str(single) if single else None)
    _run("audit.history_audit", repo, rng, output_format, output)


@app.command()
def site(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the site into.")],
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
) -> None:
    """A static HTML dashboard of the collection (no scripts, no external requests)."""
    _run("publishing.site", out_dir, paths, as_of, force)


@app.command()
def comply(
    framework: Annotated[str | None, typer.Argument(help="ID@VERSION (default: all).")] = None,
    law: Annotated[str | None, typer.Option(help="ID@VERSION (default: every law).")] = None,
    output_format: GateFormatOpt = GateFormat.text,
    output: OutputOpt = None,
    fail_on: Annotated[ComplyFailOn | None, typer.Option(help="Exit 1 when any is.")] = None,
    diff: Annotated[str | None, typer.Option(help="Later ID@VERSION: what it dropped.")] = None,
    as_of: AsOfOpt = None,
) -> None:
    """Frameworks against the law (SB 53, RAISE Act, EU CoP): requirements with evidence."""
    _run("comply.run", framework, law, output_format, output, fail_on, diff, as_of)


@app.command()
def conduct(
    paths: PathsArg = None,
    output_format: GateFormatOpt = GateFormat.text,
    output: OutputOpt = None,
    fail_on: Annotated[ConductFailOn | None, typer.Option(help="Exit 1 when any is.")] = None,
    as_of: AsOfOpt = None,
    window: Annotated[int, typer.Option(min=0, help="Days a revision counts as recent.")] = 90,
) -> None:
    """Did they keep their word? Conduct against the gate, commitments, framework in force."""
    _run("conduct.run", paths, output_format, output, fail_on, as_of, window)


@app.command()
def new(
    model: Annotated[str, typer.Argument(help=H.NEW_MODEL_HELP)],
    framework: Annotated[str, typer.Option("--framework", help=H.NEW_FRAMEWORK_HELP)],
    output: OutputOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a scorecard skeleton: every tracked category, a source, safeguard ids."""
    _run("new.run", model, framework, output, force)


@app.command()
def explain(what: Annotated[str, typer.Argument(help=H.EXPLAIN_HELP)]) -> None:
    """What a rule, check rule, safeguard, category or framework means, with an example."""
    _run("explain.run", what)


def main(argv: list[str] | None = None) -> Any:
    """Console entry point."""
    try:
        return app(args=argv, prog_name="riskcard", standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code
        if code is not None and not isinstance(code, int):
            code = EXIT_USAGE
        raise SystemExit(code) from None
