"""`riskcard new MODEL --framework ID@VERSION`: write a scorecard skeleton to fill in."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from riskcard.checks.collection import bundled_registry
from riskcard.checks.schema_words import slugify
from riskcard.commands.console import Console
from riskcard.formats.errors import UsageError
from riskcard.publish.output import write_output
from riskcard.renderers.skeleton import skeleton

MODEL_ID = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9._-]*$")
SCHEMA = Path("schema") / "scorecard.schema.json"
"""Where the `$schema` line points, relative to the current folder (`riskcard schema`
writes it there)."""


def run(
    console: Console,
    model: str,
    framework_ref: str,
    output: Path | None,
    force: bool,
    today: dt.date | None = None,
) -> int:
    registry, _ = bundled_registry()
    framework = registry.parse_ref(framework_ref)
    if not MODEL_ID.fullmatch(model):
        developer = slugify(framework.publisher.split()[0]) or "developer"
        parts = model.split("/", 1) if "/" in model else [developer, model]
        guess = "/".join(slugify(part) or "model" for part in parts)
        raise UsageError(
            f"the model id {model!r} is not `developer/model` in lowercase letters, digits "
            f"and '-'; did you mean '{guess}'?"
        )
    base = output.parent if output is not None else Path()
    schema_path = Path(os.path.relpath(SCHEMA.resolve(), base.resolve())).as_posix()
    text = skeleton(model, framework, today or dt.date.today(), schema_path)
    if output is None:
        console.out(text)
    else:
        if output.is_file() and not force:
            raise UsageError(f"{output} exists; give --force to replace it")
        write_output(output, text)
        console.err(f"riskcard: wrote {output}; fill in each TODO, then `riskcard validate`")
    if not SCHEMA.is_file():
        console.err(
            f"riskcard: {SCHEMA.as_posix()} does not exist yet; write it with "
            "`riskcard schema --out-dir schema` so editors can complete the vocabulary"
        )
    return 0
