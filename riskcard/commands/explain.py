"""`riskcard explain ID`: what a rule, check rule, safeguard, category or framework means."""

from __future__ import annotations

import difflib

from riskcard.checks.collection import bundled_registry
from riskcard.commands.console import Console
from riskcard.formats.errors import UsageError
from riskcard.renderers.explain import explain, known_names


def run(console: Console, what: str) -> int:
    registry, _ = bundled_registry()
    text = explain(registry, what)
    if text is None:
        # One word against a few hundred names: plain difflib is cheap enough here.
        close = difflib.get_close_matches(what.rpartition(":")[2], known_names(registry), 3)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
        raise UsageError(
            f"nothing is called {what[:80]!r}: not a gate rule, check rule, safeguard, "
            f"category or framework; {hint}`riskcard frameworks` lists them"
        )
    console.out(text)
    return 0
