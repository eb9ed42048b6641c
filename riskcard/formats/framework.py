"""Frameworks: one version of one developer's safety framework, encoded as data."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from riskcard.formats.base import IsoDate, Sha256, Slug, Strict, Text, Url, published_facts


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
    defined: bool = True
    """False when the framework requires this standard but never defines what meets it:
    a decision that requires it is then `undetermined`, attested or not."""


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
    waivable: bool = False
    """True when the framework lets a scorecard waive this rule even though it halts
    development or tests the top of the scale (such rules are not waivable otherwise)."""


class UpdateFrameworkBefore(Strict):
    """The framework is revised before a model reaches (or is released at) a level."""

    kind: Literal["update_framework_before"]
    """`update_framework_before`."""
    at_least: Slug
    """The level that triggers it (a determination at or above it in a tracked category)."""
    event: Literal["determination", "release"] = "determination"
    """The deadline: the determination that the level is reached, or the model's release."""


class PublishReportAtRelease(Strict):
    """A capability or safeguards report is published when a model is released."""

    kind: Literal["publish_report_at_release"]
    """`publish_report_at_release`."""
    report: Literal["capabilities", "safeguards"] = "capabilities"
    """Which report."""
    at_least: Slug | None = None
    """Only for models rated at or above this level (None: every released model)."""
    within_days: int = Field(default=0, ge=0, le=365)
    """Days after the release by which the report must be out (0: on the day)."""
    deadline_stated: bool = True
    """False when the text names no deadline ("in a timely manner"): a report by the release
    day (plus `within_days`) is kept, a later one is unverifiable (whether it was timely is a
    judgement riskcard does not make), never broken."""


class ReviewInterval(Strict):
    """The framework is reviewed at a stated cadence."""

    kind: Literal["review_interval"]
    """`review_interval`."""
    months: int = Field(ge=1, le=120)
    """The longest span between reviews."""


class Notify(Strict):
    """A body (a board, an outside body) is told of determinations or decisions."""

    kind: Literal["notify"]
    """`notify`."""
    body: Text
    """Who is told."""


CommitmentCheck = Annotated[
    UpdateFrameworkBefore | PublishReportAtRelease | ReviewInterval | Notify,
    Field(discriminator="kind"),
]


class Commitment(Strict):
    """A promise the framework makes beyond the gate, checked over the collection's timeline."""

    id: Slug
    """Stable id, cited in reports."""
    check: CommitmentCheck
    """What the promise requires, as data."""
    wording: Literal["commitment", "expectation"] = "commitment"
    """`expectation` when the text says "we expect" rather than "we will" (checked alike,
    shown apart)."""
    summary: Text
    """What it promises, in the editor's words."""
    quote: Text
    """Short exact quote of the framework text."""
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
    commitments: list[Commitment] = []
    """Promises beyond the gate (framework updates, reports, reviews, notifications)."""
    notes: list[Text] = []
    """What an encoder needs a reader to know (limits of the encoding)."""

    def facts(self) -> dict[str, str]:
        """Identity and provenance as reports show them."""
        return published_facts(self)
