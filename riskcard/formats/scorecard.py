"""Scorecards: one assessment of one model under one framework version."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from riskcard.formats.base import (
    Citation,
    FrameworkRef,
    IsoDate,
    ModelId,
    NonBlank,
    Slug,
    Source,
    Strict,
    Text,
)


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
    """A safeguard standard declared in place (or described without saying it meets it)."""

    safeguard: Slug
    """Id of a safeguard or security standard the framework defines."""
    categories: list[Slug] | Literal["all"] = "all"
    """The categories it covers."""
    status: Literal["attested", "unknown"] = "attested"
    """`attested`: the source says the standard is met; `unknown`: the source describes
    protections without saying whether they meet the standard (the decision that requires
    it is then `undetermined`, never allowed and never blocked)."""
    approver: Text
    """Who attests it (the developer, a safety board)."""
    date: IsoDate
    """When it was attested."""
    cite: Citation
    """Where the attestation is published."""
    note: Text | None = None
    """Why the status is what it is, e.g. what the source says and what it leaves open."""


class Waiver(Strict):
    """An approved, time-limited exception to one gate rule of one framework version.

    It applies only under that framework version, never to a decision that is
    undetermined, and never to a rule that halts development or sits at the top of
    the scale unless the framework marks the rule `waivable`. Reported apart, never
    hidden.
    """

    framework: FrameworkRef
    """The framework version whose rule it waives; under any other version it does not apply."""
    rule: Slug
    """The gate rule id it waives (version-free, e.g. `deploy.high-safeguards`)."""
    justification: NonBlank
    """Why the rule is waived."""
    approver: NonBlank
    """Who approved the waiver (not blank)."""
    starts: IsoDate
    """The first day it applies."""
    expires: IsoDate
    """The last day it applies. The span from `starts` may not exceed the configured
    maximum (90 days unless configured otherwise)."""


Channel = Literal["api", "consumer_app", "open_weights", "limited_preview", "internal_only"]
"""How a model was made available."""


class Released(Strict):
    """The developer made the model available (any channel counts as deployment)."""

    action: Literal["released"]
    """`released`."""
    channel: Channel | None = None
    """How: `api`, `consumer_app`, `open_weights`, `limited_preview` or `internal_only`
    (left out when the source does not say; every channel counts as deployment)."""
    date: IsoDate
    """When it became available."""
    cite: Citation
    """Where the release is stated (the developer's launch post or system card)."""
    note: Text | None = None
    """Anything a reader needs to know about the record."""


class Conduct(Strict):
    """Something else the developer did with the model, dated and cited."""

    action: Literal[
        "withheld", "delayed", "development_paused", "safeguards_active", "framework_changed"
    ]
    """`withheld`: not released; `delayed`: release postponed; `development_paused`: training or
    development stopped; `safeguards_active`: safeguards stated as active; `framework_changed`:
    the developer changed its framework or a threshold for this model."""
    date: IsoDate
    """When it happened (or was stated)."""
    cite: Citation
    """Where it is stated."""
    categories: list[Slug] | Literal["all"] = "all"
    """The categories it concerns (for `safeguards_active`, the ones covered)."""
    note: Text | None = None
    """Anything a reader needs to know about the record."""


def _conduct_shape(value: Any) -> str:
    if isinstance(value, dict) and value.get("action") == "released":
        return "released"
    return "other"


ConductEntry = Annotated[
    Annotated[Released, Tag("released")] | Annotated[Conduct, Tag("other")],
    Discriminator(_conduct_shape),
]


class ThirdParty(Strict):
    """An assessment of the model by someone other than the developer."""

    assessor: NonBlank
    """Who assessed it (a safety institute, an evaluator, a watchdog)."""
    date: IsoDate
    """When the assessment was published."""
    ratings: dict[str, Rating]
    """Per category id of the card's framework: the assessor's rating (same shapes as
    `ratings`); categories it does not rate are left out."""
    cite: Citation
    """Where the assessment is published (a source in `sources`, usually `kind: secondary`)."""
    note: Text | None = None
    """What the assessor measured, in the editor's words."""


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
    conduct: list[ConductEntry] = []
    """What the developer did with the model, each dated and cited: released (with channel),
    withheld, delayed, development paused, safeguards stated active, framework changed."""
    third_party: list[ThirdParty] = []
    """Assessments by others than the developer, shown beside the developer's own."""
