"""The file formats: scorecards and frameworks, as strict pydantic models.

The JSON Schemas in ``schema/`` are generated from these classes, so the
docstring under each field is also the schema's description of it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
)

SCORECARD_FORMAT = 1
FRAMEWORK_FORMAT = 1
CROSSWALK_FORMAT = 1

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


class Citation(Strict):
    """Where in a source a fact stands."""

    source: Slug
    """Id of an entry in the file's `sources`."""
    locator: Text
    """Page, section or table where the fact is stated."""
    quote: Text | None = None
    """A short exact quote that states the fact."""


# --------------------------------------------------------------------------- scorecards


class PrePostRating(Strict):
    """A rating before and after mitigations (Preparedness Framework Beta)."""

    pre: Slug
    """Level before mitigations (a level id of the framework's scale)."""
    post: Slug
    """Level after mitigations."""
    cite: Citation
    """Where the rating is published."""
    pre_stated: bool = True
    """False when the source gives one level and does not state the pre/post split."""


class LevelRating(Strict):
    """A single capability level (Preparedness Framework Version 2, ASL, CCL frameworks)."""

    level: Slug
    """Level reached (a level id of the framework's scale)."""
    precautionary: bool = False
    """True when the developer treats the model as at this level without having shown it."""
    cite: Citation
    """Where the rating is published."""


class Unrated(Strict):
    """A tracked category with no confirmed rating. Never silently missing."""

    status: Literal["not_published", "unverified"]
    """`not_published`: the developer published no rating; `unverified`: a rating is reported
    but was not confirmed in a primary source."""
    reported: Slug | None = None
    """With `unverified`: the level secondary sources report, for information only."""
    cite: Citation
    """The source consulted (and, with `unverified`, the one that reports the value)."""
    note: Text | None = None
    """Why the rating is missing or unconfirmed."""


def _rating_shape(value: Any) -> str:
    if isinstance(value, dict):
        if "status" in value:
            return "unrated"
        if "level" in value:
            return "level"
        return "pre_post"
    return "pre_post"


Rating = Annotated[
    Annotated[PrePostRating, Tag("pre_post")]
    | Annotated[LevelRating, Tag("level")]
    | Annotated[Unrated, Tag("unrated")],
    Discriminator(_rating_shape),
]


class ModelInfo(Strict):
    """The model assessed."""

    id: ModelId
    """Stable id `developer/model`, e.g. `openai/o3-mini`."""
    name: Text
    """Display name as the developer writes it."""
    developer: Text
    """The developer (lab)."""
    released: IsoDate | None = None
    """Public release date, where there was one."""


class FrameworkRef(Strict):
    """The framework version the assessment was made under."""

    id: Slug
    """Framework id, e.g. `openai-preparedness`."""
    version: Annotated[str, Field(min_length=1, max_length=40)]
    """Framework version as text, e.g. `beta` or `"2"` (quote versions in YAML)."""


class Evidence(Strict):
    """One published evaluation result."""

    category: Slug | None = None
    """The category the evaluation informs."""
    evaluation: Text
    """Name of the evaluation."""
    metric: Slug | None = None
    """Metric id where a framework rule tests it (e.g. `restricted-biochem-answer-rate`)."""
    result: float | int
    """The reported value."""
    unit: Text
    """Unit of the value (e.g. `fraction`, `percent`, `pass@1`)."""
    cite: Citation
    """Where the result is published."""


class Note(Strict):
    """A dated remark on the assessment; `retrospective` for later re-assessments."""

    date: IsoDate
    """When the note's source was published."""
    kind: Literal["note", "retrospective", "correction"] = "note"
    """`retrospective`: the developer later re-assessed this rating."""
    category: Slug | None = None
    """The category the note concerns, if one."""
    text: Text
    """The note, in the editor's words (quotes go in `cite.quote`)."""
    cite: Citation | None = None
    """Where the note's facts stand."""


class Attestation(Strict):
    """A safeguard standard declared in place."""

    safeguard: Slug
    """Id of a safeguard or security standard the framework defines."""
    categories: list[Slug] | Literal["all"] = "all"
    """The categories it covers."""
    approver: Text
    """Who attests it (the developer, a safety board)."""
    date: IsoDate
    """When it was attested."""
    cite: Citation
    """Where the attestation is published."""


class Waiver(Strict):
    """An approved exception to one gate rule; reported apart, never hidden."""

    rule: Annotated[str, Field(min_length=1)]
    """The gate rule id it waives."""
    justification: Text
    """Why the rule is waived."""
    approver: Text
    """Who approved the waiver."""
    date: IsoDate
    """When it was approved."""
    expires: IsoDate
    """After this date it no longer applies."""


class Scorecard(Strict):
    """One assessment of one model under one framework version."""

    format_version: Literal[1]
    """Version of this file format."""
    model: ModelInfo
    """The model assessed."""
    framework: FrameworkRef
    """The framework version the assessment was made under."""
    assessed: IsoDate
    """Date of the assessment (the system card's publication date)."""
    title: Text | None = None
    """Short label for this assessment, e.g. `system card` or `launch scorecard`."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """The documents the values cite."""
    ratings: dict[str, Rating]
    """Per category id: a rating, or an explicit `not_published`/`unverified` status."""
    evidence: list[Evidence] = []
    """Published evaluation results."""
    safeguards: list[Attestation] = []
    """Safeguard standards attested as in place."""
    waivers: list[Waiver] = []
    """Approved exceptions to gate rules."""
    notes: list[Note] = []
    """Remarks, including retrospective re-assessments."""


# --------------------------------------------------------------------------- frameworks


class Level(Strict):
    """One step of the framework's ordered scale (lowest first)."""

    id: Slug
    """Level id used in scorecards."""
    name: Text
    """The framework's own name for it."""
    meaning: Text | None = None
    """What the level means in the framework, in brief."""


class Definition(Strict):
    """The framework's definition of one level in one category."""

    level: Slug
    """The level it defines."""
    text: Text
    """Short exact quote of the definition."""
    locator: Text
    """Page or section of the framework document."""


class Category(Strict):
    """A risk category (domain, capability threshold) the framework tracks."""

    id: Slug
    """Category id used in scorecards."""
    name: Text
    """The framework's own name."""
    kind: Literal["tracked", "research"] = "tracked"
    """`tracked` categories gate; `research` categories are monitored and never gate."""
    aliases: list[Text] = []
    """Other names used for it in system cards (matched without case)."""
    levels: list[Slug] | None = None
    """The levels that apply to this category, when not the whole scale."""
    definitions: list[Definition] = []
    """Level definitions, quoted."""


class Safeguard(Strict):
    """A safeguard or security standard rules can require."""

    id: Slug
    """Id used in rules and attestations."""
    name: Text
    """The framework's own name."""
    kind: Literal["deployment", "development", "security"]
    """What the standard protects."""
    rank: int = 0
    """Order among security standards (higher is stricter)."""


class LevelTest(Strict):
    """True when a category's rating is at or above a level."""

    categories: list[Slug] | Literal["tracked"] = "tracked"
    """Categories tested: named ones, or every tracked category (any of them suffices)."""
    stage: Literal["pre", "post", "level"]
    """Which rating: pre- or post-mitigation, or the single level."""
    at_least: Slug
    """The threshold level."""


class MetricTest(Strict):
    """True when a published evidence metric fails a numeric criterion."""

    metric: Slug
    """Evidence metric id."""
    op: Literal["lt", "le", "gt", "ge"]
    """Comparison that makes the rule fire: value `op` threshold."""
    threshold: float
    """The number compared with."""


class Rule(Strict):
    """One gate rule: when its test holds, it acts on one decision."""

    id: Slug
    """Stable rule id, cited in reports, SARIF and waivers."""
    decision: Literal["deploy", "develop", "security"]
    """The decision it acts on."""
    when: LevelTest | MetricTest
    """The test."""
    effect: Literal["block", "require", "warn"]
    """`block`: deployment blocked / development halted; `require`: the safeguard must be
    attested; `warn`: reported, never blocks."""
    safeguard: Slug | None = None
    """With `require`: the safeguard or security standard required."""
    summary: Text
    """What the rule says, in the editor's words."""
    quote: Text
    """Short exact quote of the framework text behind the rule."""
    locator: Text
    """Page or section of the framework document."""


class Framework(Strict):
    """One version of one developer's safety framework, encoded as data."""

    format_version: Literal[1]
    """Version of this file format."""
    id: Slug
    """Framework id, shared by all its versions."""
    version: Annotated[str, Field(min_length=1, max_length=40)]
    """Version as text."""
    title: Text
    """The document's title."""
    publisher: Text
    """Who publishes it."""
    effective: IsoDate
    """Publication or effective date."""
    supersedes: str | None = None
    """The version this one replaces."""
    url: Url
    """Primary source."""
    sha256: Sha256 | None = None
    """SHA-256 of the text copy read when encoding it."""
    rating: Literal["pre_post", "level"]
    """The rating shape scorecards use under this framework."""
    levels: Annotated[list[Level], Field(min_length=1)]
    """The ordered scale, lowest first."""
    categories: Annotated[list[Category], Field(min_length=1)]
    """Tracked and research categories."""
    safeguards: list[Safeguard] = []
    """Safeguard and security standards rules refer to."""
    security_default: Slug | None = None
    """The security standard every model needs (when no rule asks for more)."""
    rules: list[Rule] = []
    """Gate rules. A decision no rule restricts is allowed."""
    metrics: list[Slug] = []
    """Evidence metrics the rules test."""
    notes: list[Text] = []
    """What an encoder needs a reader to know (limits of the encoding)."""

    def facts(self) -> dict[str, str]:
        """Identity and provenance as reports show them."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "publisher": self.publisher,
            "effective": self.effective.isoformat(),
            "url": self.url,
        }


# --------------------------------------------------------------------------- crosswalks


class CategoryMap(Strict):
    """Where one source category goes in the target framework."""

    source: Slug
    """Category id in the `from` framework."""
    targets: list[Slug]
    """Category ids in the `to` framework (empty: the category has no counterpart)."""
    lossy: bool = False
    """True when the mapping loses or invents information."""
    basis: Text
    """Why the mapping holds, with the framework's own words where there are any."""


class LevelMap(Strict):
    """Which target level a source level translates to."""

    source: Slug
    """Level id in the `from` framework."""
    target: Slug
    """Level id in the `to` framework."""


class SafeguardMap(Strict):
    """Which target safeguard an attested source safeguard counts as."""

    source: Slug
    """Safeguard id in the `from` framework."""
    target: Slug
    """Safeguard id in the `to` framework."""
    basis: Text
    """Why an attestation of the one counts as the other."""


class Crosswalk(Strict):
    """How ratings under one framework version translate to another."""

    format_version: Literal[1]
    """Version of this file format."""
    source: FrameworkRef = Field(alias="from")
    """The framework version ratings come from."""
    target: FrameworkRef = Field(alias="to")
    """The framework version ratings go to."""
    stage: Literal["pre", "post", "level"]
    """Which source rating becomes the target's single level (when shapes differ)."""
    categories: list[CategoryMap]
    """Category mappings."""
    levels: list[LevelMap]
    """Level mappings."""
    safeguards: list[SafeguardMap] = []
    """Attested safeguards that carry over under another id (same ids carry over anyway)."""
    basis: Text
    """Summary of the mapping's basis and its limits."""
    url: Url
    """Primary source the mapping rests on."""
