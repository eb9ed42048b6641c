"""The one JSON envelope every command's `--format json` output is wrapped in.

    {"riskcard": VERSION, "command": NAME, "status": STATUS, "summary": {COUNTS}, ...payload}

`status` is one of STATUSES and always agrees with the exit code: `pass` (exit 0), `fail`
(exit 1: findings, a failing decision, a `--fail-on` or `--strict` condition) or `error`
(exit 1: the inputs could not be checked or judged at all). `summary` is a flat dict of
counts. The command's own payload keys follow unchanged.
"""

from __future__ import annotations

from typing import Any

from riskcard.formats.version import __version__

STATUSES = ("pass", "fail", "error")
ENVELOPE_KEYS = ("riskcard", "command", "status", "summary")


def status_of(failing: bool, error: bool = False) -> str:
    """`error` when nothing could be judged, else `fail` or `pass`."""
    return "error" if error else "fail" if failing else "pass"


def envelope(
    command: str, status: str, summary: dict[str, int], payload: dict[str, Any]
) -> dict[str, Any]:
    """The envelope keys first, then the payload's own keys (an envelope key in the payload
    is replaced by the envelope's)."""
    if status not in STATUSES:
        raise ValueError(f"status {status!r} is not one of {STATUSES}")
    head: dict[str, Any] = {
        "riskcard": __version__,
        "command": command,
        "status": status,
        "summary": summary,
    }
    return {**head, **{k: v for k, v in payload.items() if k not in ENVELOPE_KEYS}}
