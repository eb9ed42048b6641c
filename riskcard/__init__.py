"""riskcard: validate, gate and audit frontier-AI risk scorecards.

The core API lives in :mod:`riskcard.api`; it is imported lazily so that
``riskcard --version`` stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = (
    "load_scorecard",
    "load_framework",
    "load_collection",
    "validate_paths",
    "evaluate",
    "diff_frameworks",
    "render",
    "Registry",
)

__all__ = ["__version__", *_API]

if TYPE_CHECKING:
    from riskcard.api import (
        Registry,
        diff_frameworks,
        evaluate,
        load_collection,
        load_framework,
        load_scorecard,
        render,
        validate_paths,
    )


def __getattr__(name: str) -> Any:
    if name in _API:
        from riskcard import api

        return getattr(api, name)
    raise AttributeError(f"module 'riskcard' has no attribute {name!r}")
