"""The pieces every file format shares: dates, ids, sources, citations, framework refs.

The JSON Schemas in ``schema/`` are generated from these classes, so the
docstring under each field is also the schema's description of it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Protocol

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(value: Any) -> Any:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real date ({exc})") from None
    if isinstance(value, str):
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")
    return value


IsoDate = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
]
"""A calendar date written YYYY-MM-DD (as text in YAML: riskcard reads no timestamps)."""

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
ModelId = Annotated[
    str, Field(pattern=r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9._-]*$", max_length=120)
]
Url = Annotated[str, Field(pattern=r"^[a-z][a-z0-9+.-]*://[^\s]+$", max_length=2000)]
Text = Annotated[str, Field(min_length=1)]
NonBlank = Annotated[str, Field(min_length=1, pattern=r"\S")]
"""Text with at least one character that is not white space."""
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Strict(BaseModel):
    model_config = ConfigDict(
        strict=True, extra="forbid", frozen=True, use_attribute_docstrings=True
    )


# --------------------------------------------------------------------------- shared pieces


class Source(Strict):
    """A document that values cite."""

    id: Slug
    """Short name that values use to cite this document (e.g. `card`)."""
    title: Text
    """The document's own title."""
    url: Url
    """Where the document is published. Must be https."""
    date: IsoDate | None = None
    """Publication date."""
    kind: Literal["primary", "secondary"] = "primary"
    """`primary`: published by the developer itself; `secondary`: anyone else reporting on it."""
    sha256: Sha256 | None = None
    """SHA-256 of the copy that was read, where one was kept."""
    reports: list[Literal["capabilities", "safeguards"]] = []
    """Which of the model's own published reports this document is (a system or model card
    usually reports both). A framework's promise to publish a report at release is kept only
    by a document marked here, never by a launch post or another model's card."""


class Citation(Strict):
    """Where in a source a fact stands."""

    source: Slug
    """Id of an entry in the file's `sources`."""
    locator: Text
    """Page, section or table where the fact is stated."""
    quote: Text | None = None
    """A short exact quote that states the fact."""


class FrameworkRef(Strict):
    """The framework version the assessment was made under."""

    id: Slug
    """Framework id, e.g. `openai-preparedness`."""
    version: Annotated[str, Field(min_length=1, max_length=40)]
    """Framework version as text, e.g. `beta` or `"2"` (quote versions in YAML)."""


class PublishedDocument(Protocol):
    """What `published_facts` reads: a framework version or a compliance document."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def publisher(self) -> str: ...
    @property
    def effective(self) -> dt.date: ...
    @property
    def url(self) -> str: ...


def published_facts(doc: PublishedDocument) -> dict[str, str]:
    """Identity and provenance of a published document, as reports show them."""
    return {
        "id": doc.id,
        "version": doc.version,
        "title": doc.title,
        "publisher": doc.publisher,
        "effective": doc.effective.isoformat(),
        "url": doc.url,
    }
