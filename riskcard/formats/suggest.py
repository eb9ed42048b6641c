""" "Did you mean" suggestions with bounded work: a file with thousands of unknown names
against thousands of known ones must not take quadratic time. Each suggestion compares the
word with at most MAX_CANDIDATES known names, those closest to it in length."""

from __future__ import annotations

import bisect
import difflib
from functools import lru_cache

MAX_WORD = 40
"""Longer words get no suggestion (a typo of an id is short)."""
MAX_CANDIDATES = 8
"""At most this many known names, the closest in length, are compared with a word."""
MAX_LISTED = 20
"""At most this many allowed names are listed in a hint."""
MAX_SUGGESTIONS = 500
"""At most this many suggestions are searched for in one document; later hints list the
allowed names instead (the same for the same document, so output stays deterministic)."""


@lru_cache(maxsize=16)
def _by_length(choices: tuple[str, ...]) -> tuple[list[int], list[str]]:
    ordered = sorted(choices, key=lambda c: (len(c), c))
    return [len(c) for c in ordered], ordered


def _candidates(word: str, choices: list[str]) -> list[str]:
    if len(choices) <= MAX_CANDIDATES:
        return choices
    lengths, ordered = _by_length(tuple(choices))
    middle = bisect.bisect_left(lengths, len(word))
    window = ordered[max(0, middle - MAX_CANDIDATES) : middle + MAX_CANDIDATES]
    window.sort(key=lambda c: (abs(len(c) - len(word)), c))
    return window[:MAX_CANDIDATES]


def closest(word: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    """The known name closest to `word`, or None; bounded work whatever the inputs."""
    if not choices or len(word) > MAX_WORD:
        return None
    if word in choices:
        return word
    found = difflib.get_close_matches(word, _candidates(word, choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def listed(choices: list[str]) -> str:
    """Known names for a hint: all of them when few, else the first MAX_LISTED and a count."""
    if len(choices) <= MAX_LISTED:
        return ", ".join(choices)
    return ", ".join(choices[:MAX_LISTED]) + f", … ({len(choices) - MAX_LISTED} more)"


class Suggestions:
    """The suggestion budget of one document."""

    def __init__(self, budget: int = MAX_SUGGESTIONS) -> None:
        self.left = budget

    def did_you_mean(self, word: str, choices: list[str], cutoff: float = 0.5) -> str:
        """`did you mean 'x'?` while the budget lasts and a name is close, else the list."""
        if self.left > 0 and choices:
            self.left -= 1
            close = closest(word, choices, cutoff)
            if close:
                return f"did you mean '{close}'?"
        return "allowed: " + listed(choices)
