from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from riskcard.cli import app

# CI replays the same fixed budget of examples on every run, so a red build is reproducible;
# local runs keep exploring new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCORECARDS = ROOT / "scorecards"
EXAMPLE = SCORECARDS / "openai" / "o3-mini.yaml"


def shared_dir() -> Path:
    """The shared reference folder beside the checkout (CI lays a copy there)."""
    override = os.environ.get("RISKCARD_SHARED")
    return Path(override) if override else ROOT.parent / "shared"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> object:
    """Run `riskcard ARGS` in-process from the repository root, as a user would."""
    monkeypatch.chdir(ROOT)

    def run(*args: str) -> Run:
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture(params=[False, True], ids=["libyaml", "pure"])
def pure(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run a test under both YAML loaders: libyaml, then the pure-Python fallback."""
    import riskcard.inputs.loader as loader

    if request.param:
        monkeypatch.setattr(loader, "HAVE_LIBYAML", False)
    else:
        assert loader.HAVE_LIBYAML, "PyYAML was built without libyaml"
    return bool(request.param)
