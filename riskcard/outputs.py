"""Output file names derived from data, kept inside the output folder."""

from __future__ import annotations

import re
from pathlib import Path

from riskcard.errors import InputError

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
