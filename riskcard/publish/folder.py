"""Output file names derived from data, kept inside the output folder."""

from __future__ import annotations

import re
from pathlib import Path

from riskcard.formats.errors import InputError

_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def safe_part(text: str) -> str:
    """One path component from free text: lower case, no separators, never `.` or `..`."""
    part = _UNSAFE.sub("-", text.casefold()).strip("-.")
    return part or "unnamed"


class NameBook:
    """Hands out relative output paths; refuses escapes and case-insensitive collisions."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.taken: set[str] = set()

    def claim(self, *parts: str, suffix: str) -> Path:
        relative = Path(*[safe_part(p) for p in parts[:-1]], safe_part(parts[-1]) + suffix)
        candidate = relative
        counter = 2
        while candidate.as_posix().casefold() in self.taken:
            candidate = relative.with_name(f"{relative.stem}-{counter}{suffix}")
            counter += 1
        target = (self.root / candidate).resolve()
        if not target.is_relative_to(self.root):
            raise InputError(f"refusing to write outside {self.root}: {candidate}")
        self.taken.add(candidate.as_posix().casefold())
        return candidate


def write_folder(out_dir: Path, files: dict[Path, str], manifest_name: str) -> list[Path]:
    """Write every planned file atomically, then remove the files an earlier run listed in
    its manifest and this run did not write (never anything outside `out_dir`)."""
    from riskcard.publish.atomic import write_text

    manifest = out_dir / manifest_name
    previous = set(manifest.read_text("utf-8").split()) if manifest.is_file() else set()
    for relative, text in sorted(files.items()):
        write_text(out_dir / relative, text)
    current = {p.as_posix() for p in files}
    root = out_dir.resolve()
    for stale in sorted(previous - current):
        target = (out_dir / stale).resolve()
        if target.is_relative_to(root) and target.is_file():
            target.unlink()
    write_text(manifest, "".join(f"{name}\n" for name in sorted(current)))
    return sorted(files)
