"""`riskcard schema`: write or check the JSON Schemas generated from the models."""

from __future__ import annotations

from pathlib import Path

from riskcard.checks.collection import bundled_registry
from riskcard.commands.console import Console
from riskcard.formats.errors import OutputError
from riskcard.formats.schema import schema_texts
from riskcard.publish.output import write_output


def run(console: Console, out_dir: Path, check: bool) -> int:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"--out-dir {out_dir} is a file, not a folder")
    stale = []
    registry, _ = bundled_registry()
    for name, text in schema_texts(registry.all()).items():
        target = out_dir / name
        current = target.read_text("utf-8") if target.is_file() else None
        if current == text:
            continue
        stale.append(name)
        if not check:
            write_output(target, text)
    if check and stale:
        console.err(f"riskcard: out of date: {', '.join(stale)}; run `riskcard schema`")
        return 1
    return 0
