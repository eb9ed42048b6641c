"""JSON Schemas (Draft 2020-12) written from the models; `schema/` holds the committed copies."""

from __future__ import annotations

import json

from pydantic import BaseModel

from riskcard.formats.law import ComplianceMap, Law
from riskcard.formats.models import Crosswalk, Framework, Scorecard

DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE = "https://riskcard.dev/schema/"
SCHEMAS: dict[str, type[BaseModel]] = {
    "scorecard.schema.json": Scorecard,
    "framework.schema.json": Framework,
    "crosswalk.schema.json": Crosswalk,
    "law.schema.json": Law,
    "compliance.schema.json": ComplianceMap,
}


def schema_texts() -> dict[str, str]:
    """File name -> schema text, exactly as committed in `schema/`."""
    texts = {}
    for name, model in SCHEMAS.items():
        body = model.model_json_schema(by_alias=True)
        schema = {"$schema": DIALECT, "$id": BASE + name, **body}
        texts[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts
