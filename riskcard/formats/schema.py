"""JSON Schemas (Draft 2020-12) written from the models; `schema/` holds the committed copies."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from riskcard.formats.law import ComplianceDocument, ComplianceMap, Law
from riskcard.formats.models import Crosswalk, Framework, Scorecard
from riskcard.formats.registry import Scale

DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE = "https://riskcard.dev/schema/"
SCHEMAS: dict[str, type[BaseModel]] = {
    "scorecard.schema.json": Scorecard,
    "framework.schema.json": Framework,
    "crosswalk.schema.json": Crosswalk,
    "law.schema.json": Law,
    "compliance.schema.json": ComplianceMap,
    "compliance-document.schema.json": ComplianceDocument,
}


def schema_texts(frameworks: Sequence[Framework]) -> dict[str, str]:
    """File name -> schema text, exactly as committed in `schema/`.

    The scorecard schema also holds, per framework version given, the categories, levels
    and safeguard ids a scorecard under it may use, so an editor offers them.
    """
    texts = {}
    for name, model in SCHEMAS.items():
        body = model.model_json_schema(by_alias=True)
        schema: dict[str, Any] = {"$schema": DIALECT, "$id": BASE + name, **body}
        if model is Scorecard and frameworks:
            schema["allOf"] = vocabulary(frameworks)
        texts[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


def vocabulary(frameworks: Sequence[Framework]) -> list[dict[str, Any]]:
    """`if`/`then` per framework version: its categories, levels and safeguards.

    Generated from the framework data, so the schema never names a value the framework
    does not define. Scorecards under a framework not listed here get the structure only.
    """
    ids = sorted({f.id for f in frameworks})
    versions = sorted({f.version for f in frameworks})
    offered: dict[str, Any] = {
        "properties": {
            "framework": {
                "properties": {"id": {"examples": ids}, "version": {"examples": versions}}
            }
        }
    }
    return [offered, *(_under(framework) for framework in frameworks)]


def _under(framework: Framework) -> dict[str, Any]:
    scale = Scale(framework)
    categories = [c.id for c in framework.categories]
    ratings = {c.id: _rating(framework, scale.levels_of(c)) for c in framework.categories}
    rating_map = {"propertyNames": {"enum": categories}, "properties": ratings}
    safeguards = [s.id for s in framework.safeguards]
    category_list = {"items": {"enum": categories}}
    return {
        "if": {
            "properties": {
                "framework": {
                    "properties": {
                        "id": {"const": framework.id},
                        "version": {"const": framework.version},
                    },
                    "required": ["id", "version"],
                }
            },
            "required": ["framework"],
        },
        "then": {
            "properties": {
                "ratings": {**rating_map, "required": [c.id for c in scale.tracked]},
                "safeguards": {
                    "items": {
                        "properties": {
                            "safeguard": {"enum": safeguards},
                            "categories": category_list,
                        }
                    }
                },
                "evidence": {"items": {"properties": {"category": {"enum": categories}}}},
                "third_party": {"items": {"properties": {"ratings": rating_map}}},
            }
        },
    }


def _rating(framework: Framework, levels: list[str]) -> dict[str, Any]:
    level = {"enum": levels}
    if framework.rating == "level":
        shape: dict[str, Any] = {"level": level, "pre": False, "post": False}
    else:
        shape = {"pre": level, "post": level, "level": False}
    return {"properties": {**shape, "reported": level}}
