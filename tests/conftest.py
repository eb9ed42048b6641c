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


SARIF_SCHEMA = FIXTURES / "sarif-schema-2.1.0.json"
"""The official SARIF 2.1.0 schema (OASIS), vendored so the suite needs nothing beside it."""


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


def hostile_inputs(
    folder: Path, text: str, url: str, *, version: str = "beta", card_url: str | None = None
) -> Path:
    """A framework (id `hostile`) and a scorecard under it, written into `folder`, whose free
    text is `text`, whose framework URL is `url` and whose version is `version`."""
    import yaml

    framework = yaml.safe_load(
        (ROOT / "riskcard" / "frameworks" / "openai-preparedness-beta.yaml").read_text("utf-8")
    )
    framework.update(id="hostile", version=version, title=text, publisher=text, url=url)
    for rule in framework["rules"]:
        rule.update(summary=text, quote=text, locator=text)
    for number, category in enumerate(framework["categories"]):
        category["name"] = f"{text} {number}"  # names double as aliases: keep them apart
    card = yaml.safe_load((FIXTURES / "gate" / "beta-waiver-live.yaml").read_text("utf-8"))
    card["model"].update(name=text, developer=text)
    card["framework"].update(id="hostile", version=version)
    card["title"] = text
    # Scorecards cite https only (a meaning check); frameworks may name any URL.
    https = card_url or (url if url.startswith("https://") else "https://ok.example/a)b|c")
    card["sources"][0].update(title=text, url=https)
    card["waivers"][0].update(
        justification=text, approver=text, framework={"id": "hostile", "version": version}
    )
    card["notes"] = [{"kind": "note", "date": "2025-01-10", "text": text}]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "framework.yaml").write_text(yaml.safe_dump(framework), "utf-8")
    (folder / "card.yaml").write_text(yaml.safe_dump(card), "utf-8")
    return folder
