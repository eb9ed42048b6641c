"""The command line: the only module that knows typer. It parses, calls a command, prints.
Commands are imported only when run, so `--version` and `--help` start fast; help texts and
option choices live in `riskcard.terminal`."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperGroup

import riskcard.terminal as t
from riskcard.formats.errors import EXIT_USAGE, UsageError
from riskcard.formats.version import __version__


class _Group(TyperGroup):
    """Takes --color and --quiet from anywhere on the line (before or after the command
    name; see terminal.global_options), and answers --version."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            rest = t.global_options(args)
        except UsageError as exc:
            raise typer.BadParameter(str(exc), ctx=ctx, param_hint="'--color'") from None
        if rest[:1] == ["--version"]:
            typer.echo(f"riskcard {__version__}")
            ctx.exit()
        return super().parse_args(ctx, rest)


# Arguments' metavars name their type (PATH, REPORT, ID@VERSION); no `<list[Path]>` beside them.
TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]

app = typer.Typer(cls=_Group, help=t.APP_HELP, **t.APP_SETTINGS)


def _opt(*names: str, key: str, metavar: str | None = None, **kw: Any) -> Any:
    return typer.Option(*names, help=t.HELP[key], metavar=metavar, **kw)


def _arg(key: str, metavar: str) -> Any:
    return typer.Argument(help=t.HELP[key], metavar=metavar)


PathsArg = Annotated[list[Path] | None, _arg("paths", "PATH")]
StdinArg = Annotated[list[Path] | None, _arg("stdin", "PATH|-")]
OutputOpt = Annotated[Path | None, _opt("--output", "-o", key="output", metavar="FILE")]
FrameworkOpt = Annotated[str | None, _opt("--framework", key="judge", metavar="ID@VERSION")]
FORMAT = _opt("--format", "-f", key="format")
AsOfOpt = Annotated[str | None, _opt("--as-of", key="as_of", metavar="YYYY-MM-DD")]
ForceOpt = Annotated[bool, _opt("--force", key="force")]
StrictOpt = Annotated[bool, _opt("--strict", key="strict")]
ModelOpt = Annotated[str | None, _opt("--model", key="model", metavar="DEVELOPER/MODEL")]
DeveloperOpt = Annotated[str | None, _opt("--developer", key="developer", metavar="DEVELOPER")]
UnderOpt = Annotated[str | None, _opt("--framework", key="under", metavar="ID[@VERSION]")]
UnderGateOpt = Annotated[str | None, _opt("--assessed-under", key="under", metavar="ID[@VER]")]
DirOpt = Annotated[Path, _opt("--out-dir", key="out_dir", metavar="DIR")]
MaxBytesOpt = Annotated[int, _opt("--max-bytes", key="max_bytes", metavar="BYTES", min=1)]
FailAnyOpt = _opt("--fail-on", key="fail_any")


def _run(name: str, *args: Any) -> None:
    """Run `riskcard.commands.MODULE.FUNCTION` (imported only now, to start fast)."""
    module, _, function = name.partition(".")
    command = getattr(importlib.import_module(f"riskcard.commands.{module}"), function)
    raise typer.Exit(t.run_command(command, *args))


@app.command()
def validate(
    paths: StdinArg = None,
    output_format: Annotated[t.ValidateFormat, FORMAT] = t.ValidateFormat.text,
    output: OutputOpt = None,
    max_bytes: MaxBytesOpt = 1024 * 1024,
    jobs: Annotated[int | None, _opt("--jobs", "-j", key="jobs", metavar="N", min=1)] = None,
    strict: StrictOpt = False,
) -> None:
    """Check inputs against the schema and the frameworks."""
    _run("validate.run", paths, output_format, output, max_bytes, jobs, strict)


@app.command("list")
def list_scorecards(
    paths: PathsArg = None,
    output_format: Annotated[t.ListFormat, FORMAT] = t.ListFormat.text,
    output: OutputOpt = None,
    model: ModelOpt = None,
    developer: DeveloperOpt = None,
    under: UnderOpt = None,
) -> None:
    """One row per scorecard: model, framework, date, ratings."""
    _run("listing.scorecards", paths, output_format, output, (model, developer, under))


@app.command()
def frameworks(
    output_format: Annotated[t.ListFormat, FORMAT] = t.ListFormat.text, output: OutputOpt = None
) -> None:
    """The known framework versions, categories and levels."""
    _run("listing.frameworks", output_format, output)


@app.command()
def schema(
    out_dir: DirOpt = Path("schema"), check: Annotated[bool, _opt("--check", key="check")] = False
) -> None:
    """Write the JSON Schemas (Draft 2020-12) of the models."""
    _run("schema.run", out_dir, check)


@app.command()
def gate(
    paths: StdinArg = None,
    framework: FrameworkOpt = None,
    output_format: Annotated[t.GateFormat, FORMAT] = t.GateFormat.text,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
    developer: DeveloperOpt = None,
    under: UnderGateOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Decide deploy, develop and security per scorecard.

    Exit 0 when every scorecard may be deployed (allowed, or with every required safeguard
    attested) and developed further; 1 when any is blocked, halted or undetermined (with
    --strict, also when a rule or an input warns)."""
    filters = (model, developer, under)
    _run("gate.run", paths, framework, output_format, output, as_of, filters, strict)


@app.command()
def report(
    paths: PathsArg = None,
    out_dir: DirOpt = Path("reports"),
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write gate reports (HTML, Markdown, JSON) and an index."""
    _run("publishing.report", paths, out_dir, as_of, force)


@app.command()
def verify(
    report_file: Annotated[Path, _arg("report", "REPORT")],
    output_format: Annotated[t.ListFormat, FORMAT] = t.ListFormat.text,
) -> None:
    """Recompute a JSON gate report; exit 1 if it differs."""
    _run("verify.run", report_file, output_format)


@app.command()
def diff(
    old: Annotated[str, _arg("old", "OLD")],
    new: Annotated[str, _arg("new", "NEW")],
    output_format: Annotated[t.DiffFormat, FORMAT] = t.DiffFormat.text,
    output: OutputOpt = None,
    fail_on: Annotated[t.FailOn | None, _opt("--fail-on", key="diff_fail")] = None,
) -> None:
    """What changed between two framework versions."""
    _run("diff.run", old, new, output_format, output, fail_on)


@app.command()
def audit(
    paths: PathsArg = None,
    output_format: Annotated[t.DiffFormat, FORMAT] = t.DiffFormat.text,
    output: OutputOpt = None,
    git: Annotated[bool, _opt("--git", key="git")] = False,
    revision_range: Annotated[str | None, _opt("--range", key="range", metavar="RANGE")] = None,
    repo: Annotated[Path, _opt("--repo", key="repo", metavar="DIR")] = Path("."),
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
    developer: DeveloperOpt = None,
    under: UnderOpt = None,
) -> None:
    """Decision flips across framework versions or commits.

    Flips with the rules behind them, rating history and the framework timeline."""
    filters = (model, developer, under)
    args = (paths, output_format, output, as_of, filters, git, revision_range, repo)
    _run("audit.run", *args)


@app.command()
def site(
    out_dir: Annotated[Path, _arg("site_dir", "DIR")],
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
) -> None:
    """A static HTML dashboard (no scripts, no requests)."""
    _run("publishing.site", out_dir, paths, as_of, force)


@app.command()
def comply(
    framework: Annotated[str | None, _arg("comply_framework", "ID@VERSION")] = None,
    law: Annotated[str | None, _opt("--law", key="law", metavar="ID@VERSION")] = None,
    output_format: Annotated[t.GateFormat, FORMAT] = t.GateFormat.text,
    output: OutputOpt = None,
    fail_on: Annotated[t.ComplyFailOn | None, FailAnyOpt] = None,
    diff: Annotated[str | None, _opt("--diff", key="comply_diff", metavar="ID@VERSION")] = None,
    as_of: AsOfOpt = None,
) -> None:
    """Frameworks against the law, with the evidence."""
    _run("comply.run", framework, law, output_format, output, fail_on, diff, as_of)


@app.command()
def conduct(
    paths: PathsArg = None,
    output_format: Annotated[t.GateFormat, FORMAT] = t.GateFormat.text,
    output: OutputOpt = None,
    fail_on: Annotated[t.ConductFailOn | None, FailAnyOpt] = None,
    as_of: AsOfOpt = None,
    window: Annotated[int, _opt("--window", key="window", metavar="DAYS", min=0)] = 90,
) -> None:
    """Did developers keep their word? Conduct vs the gate."""
    _run("conduct.run", paths, output_format, output, fail_on, as_of, window)


@app.command()
def new(
    model: Annotated[str, _arg("new_model", "DEVELOPER/MODEL")],
    framework: Annotated[str, _opt("--framework", key="new_framework", metavar="ID@VERSION")],
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write a scorecard skeleton for a framework version."""
    _run("new.run", model, framework, output, force)


@app.command()
def explain(what: Annotated[str, _arg("explain", "ID")]) -> None:
    """Explain a rule, safeguard, category or framework."""
    _run("explain.run", what)


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: exit codes are always numbers (a usage error is 2)."""
    try:
        return app(args=argv, prog_name="riskcard", standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code
        raise SystemExit(code if code is None or isinstance(code, int) else EXIT_USAGE) from None
