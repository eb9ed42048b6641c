"""The one definition of a repository's collection: which folders every command reads.

`riskcard.toml` (top-level keys) or `[tool.riskcard]` in `pyproject.toml`, in the
working folder, names the folders and defaults:

    scorecards = ["scorecards"]      # folders or files of scorecards
    frameworks = ["frameworks"]      # input framework versions (never replacing bundled ones)
    crosswalks = ["crosswalks"]
    as-of = "2026-01-31"             # the date waivers are judged on, when --as-of is not given

Without a configuration the collection is `./scorecards`, plus `./frameworks` and
`./crosswalks` when they exist, plus the bundled frameworks: the same for
validate, gate, report, site, audit, audit --git and both pre-commit hooks.
Nothing falls back to the package's own folders.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from riskcard.formats.errors import UsageError

CONFIG_FILE = "riskcard.toml"
PYPROJECT = "pyproject.toml"
FOLDER_KEYS = ("scorecards", "frameworks", "crosswalks")
KEYS = (*FOLDER_KEYS, "as-of")
DEFAULT_SCORECARDS = "scorecards"


@dataclass(frozen=True)
class Config:
    """The folders of the collection and the defaults of the commands."""

    source: str | None
    """The file the configuration was read from; None for the defaults."""
    scorecards: tuple[Path, ...]
    frameworks: tuple[Path, ...]
    crosswalks: tuple[Path, ...]
    as_of: dt.date | None = None

    @property
    def extras(self) -> tuple[Path, ...]:
        """The framework and crosswalk folders: read with any paths given on the command line."""
        return (*self.frameworks, *self.crosswalks)


def read_config(folder: Path = Path(".")) -> Config:
    """The configuration in `folder`; the defaults when there is none."""
    table, source = _find(folder)
    if table is None:
        return Config(
            None,
            (folder / DEFAULT_SCORECARDS,),
            tuple(p for p in (folder / "frameworks",) if p.is_dir()),
            tuple(p for p in (folder / "crosswalks",) if p.is_dir()),
        )
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise UsageError(
            f"{source}: unknown key(s) {', '.join(unknown)}; riskcard reads {', '.join(KEYS)}"
        )
    folders = {key: _paths(table, key, folder, source) for key in FOLDER_KEYS}
    if "scorecards" not in table:
        folders["scorecards"] = (folder / DEFAULT_SCORECARDS,)
    as_of = table.get("as-of")
    if as_of is not None and not isinstance(as_of, dt.date):
        try:
            as_of = dt.date.fromisoformat(str(as_of))
        except ValueError:
            raise UsageError(f"{source}: as-of takes a date YYYY-MM-DD, not {as_of!r}") from None
    if isinstance(as_of, dt.datetime):
        raise UsageError(f"{source}: as-of takes a date YYYY-MM-DD, not a date and time")
    return Config(
        source, folders["scorecards"], folders["frameworks"], folders["crosswalks"], as_of
    )


def _find(folder: Path) -> tuple[dict[str, Any] | None, str]:
    own = folder / CONFIG_FILE
    pyproject = folder / PYPROJECT
    from_own = _read(own) if own.is_file() else None
    from_pyproject = None
    if pyproject.is_file():
        tool = _read(pyproject).get("tool", {})
        from_pyproject = tool.get("riskcard") if isinstance(tool, dict) else None
    if from_own is not None and from_pyproject is not None:
        raise UsageError(
            f"both {own} and [tool.riskcard] in {pyproject} configure riskcard; keep one"
        )
    if from_own is not None:
        return from_own, str(own)
    if from_pyproject is not None:
        if not isinstance(from_pyproject, dict):
            raise UsageError(f"{pyproject}: [tool.riskcard] must be a table")
        return from_pyproject, f"{pyproject} [tool.riskcard]"
    return None, ""


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the configuration ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None


def _paths(table: dict[str, Any], key: str, folder: Path, source: str) -> tuple[Path, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise UsageError(f"{source}: {key} takes a folder or a list of folders")
    paths = tuple(folder / v for v in value)
    for path in paths:
        if not path.exists():
            raise UsageError(f"{source}: {key} names {path}, which does not exist")
    return paths


def collection_paths(paths: Sequence[Path] | None, config: Config) -> list[Path]:
    """What a command reads: the paths given (else the configured scorecards), always with
    the configured framework and crosswalk folders, so every command judges under the
    same rules."""
    if paths:
        chosen = list(paths)
    else:
        missing = [p for p in config.scorecards if not p.exists()]
        if missing:
            where = f" (named in {config.source})" if config.source else ""
            raise UsageError(
                f"no paths given and no {missing[0]} folder here{where}; give paths, or name "
                f"the folders in {CONFIG_FILE} or [tool.riskcard] in {PYPROJECT}"
            )
        chosen = list(config.scorecards)
    return list(dict.fromkeys([*chosen, *config.extras]))
