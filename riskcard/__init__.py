"""riskcard: validate, gate and audit frontier-AI risk scorecards.

The core API lives in :mod:`riskcard.api`; it is imported lazily so that
``riskcard --version`` stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from riskcard.formats.version import __version__

__all__ = [
    "Registry",
    "__version__",
    "diff",
    "evaluate",
    "load",
    "load_framework",
    "load_scorecard",
    "render",
    "validate",
]

if TYPE_CHECKING:
    from riskcard.api import (
        Registry,
        diff,
        evaluate,
        load,
        load_framework,
        load_scorecard,
        render,
        validate,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        from riskcard import api

        return getattr(api, name)
    raise AttributeError(f"module 'riskcard' has no attribute {name!r}")
