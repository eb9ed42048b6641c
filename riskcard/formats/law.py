"""Laws as data, and compliance maps from a framework version to a law's requirements.

A law file encodes only what was read in the law's text: each requirement has a stable id,
the section, a short quote and what it applies to. A compliance map says, for one framework
version and one law, where the framework meets each requirement, sourced like a scorecard
value. The JSON Schemas in ``schema/`` are generated from these classes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from riskcard.formats.base import FrameworkRef, IsoDate, Slug, Strict, Text, Url, published_facts

LAW_FORMAT = 1
COMPLIANCE_FORMAT = 1
COMPLIANCE_DOCUMENT_FORMAT = 1

TextBasis = Literal["primary", "copy", "summary"]
AppliesTo = Literal["framework_document", "model_report", "deadline", "incident"]
Status = Literal["met", "partial", "absent", "not_applicable", "unverified"]


class Deadline(Strict):
    """The computable parameters of a requirement with a clock."""

    kind: Literal["review_interval", "republish_after_change", "before_deployment", "incident"]
    """`review_interval`: review at least every `months`; `republish_after_change`: publish
    within `days` of a material change; `before_deployment`: at or before the model is
    deployed; `incident`: report within `days` or `hours` of discovering an incident."""
    months: Annotated[int, Field(ge=1, le=120)] | None = None
    """Interval in months (with `review_interval`)."""
    days: Annotated[int, Field(ge=1, le=3650)] | None = None
    """Days allowed (with `republish_after_change` or `incident`)."""
    hours: Annotated[int, Field(ge=1, le=8760)] | None = None
    """Hours allowed (with `incident`)."""


class Requirement(Strict):
    """One requirement of the law, as its text states it."""

    id: Slug
    """Stable id, used by compliance maps (e.g. `fw-thresholds`)."""
    title: Text
    """Short name in the editor's words."""
    section: Text
    """Where the law states it, e.g. `§22757.12(a)(2)`."""
    quote: Text | None = None
    """A short exact quote of the law (at most about 25 words); none when only a summary
    of the text was available."""
    text_basis: TextBasis = "primary"
    """`primary`: read on the official site; `copy`: read in a verbatim copy of the official
    text; `summary`: only a summary was available, so there is no quote."""
    applies_to: AppliesTo
    """What the requirement is about: the framework document, a per-model report, a deadline
    or incident reporting."""
    deadline: Deadline | None = None
    """The clock, for requirements that have one."""
    note: Text | None = None
    """What a reader needs to know about the encoding."""


class SpecifiedRisk(Strict):
    """A risk the law names that a framework is expected to cover."""

    id: Slug
    """Stable id used by compliance maps (e.g. `cbrn`)."""
    name: Text
    """The law's own name for it."""
    section: Text
    """Where the law names it."""
    quote: Text
    """Short exact quote of the law's description."""


class Law(Strict):
    """One version of one law (or code of practice), encoded as data."""

    format_version: Literal[1]
    """Version of this file format."""
    id: Slug
    """Law id, shared by all its versions (e.g. `ca-sb53`)."""
    version: Annotated[str, Field(min_length=1, max_length=40)]
    """Version as text (e.g. the year of the enacted text)."""
    title: Text
    """The law's short title."""
    jurisdiction: Text
    """Who made it."""
    citation: Text
    """Where it is codified or published."""
    enacted: IsoDate | None = None
    """When it was enacted or published, where a source read says so (see `notes`)."""
    effective: IsoDate | None = None
    """When its obligations take effect, where the text read says so."""
    url: Url
    """The official text."""
    text_basis: TextBasis
    """How the text was read, as a whole (see each requirement's own `text_basis`)."""
    text_source: Text
    """Where the encoded text was read, in the editor's words."""
    compute_threshold_ops: Annotated[int, Field(ge=1)] | None = None
    """The training-compute threshold, in integer or floating-point operations, above which a
    model is covered, where the text states one (written out in full: 10^26 is
    100000000000000000000000000)."""
    compute_section: Text | None = None
    """Where the threshold is stated."""
    risks: list[SpecifiedRisk] = Field(default_factory=list)
    """The risks the law names; empty when none were read."""
    requirements: Annotated[list[Requirement], Field(min_length=1)]
    """The requirements."""
    notes: list[Text] = Field(default_factory=list)
    """Limits of the encoding."""

    def facts(self) -> dict[str, str]:
        """Identity and provenance as reports show them."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "citation": self.citation,
            "url": self.url,
            "text_basis": self.text_basis,
        }


class ComplianceDocument(Strict):
    """A lab's compliance document published beside its safety framework (e.g. Anthropic's
    Frontier Compliance Framework): measured against laws like a framework version, but it
    carries no levels or rules, so it never gates anything."""

    format_version: Literal[1]
    """Version of this file format."""
    id: Slug
    """Document id, shared by all its versions (e.g. `anthropic-fcf`)."""
    version: Annotated[str, Field(min_length=1, max_length=40)]
    """Version as text, as the document labels itself (or its publication date)."""
    title: Text
    """The document's own title."""
    publisher: Text
    """Who published it."""
    url: Url
    """Where the developer publishes it."""
    effective: IsoDate
    """When this version took effect (or was published, where it states no effective date)."""
    complements: Slug
    """The id of the safety framework it accompanies (e.g. `anthropic-rsp`)."""
    notes: list[Text] = Field(default_factory=list)
    """How the text was read and what a reader needs to know."""

    def facts(self) -> dict[str, str]:
        """Identity and provenance as reports show them (the keys of a framework's facts)."""
        return published_facts(self)


class DocumentRef(Strict):
    """A compliance document version named by a compliance map."""

    id: Slug
    """Document id."""
    version: Annotated[str, Field(min_length=1, max_length=40)]
    """Document version as text."""


class LawRef(Strict):
    """A law version named by a compliance map."""

    id: Slug
    """Law id."""
    version: Annotated[str, Field(min_length=1, max_length=40)]
    """Law version as text."""


class Entry(Strict):
    """How one framework version stands on one requirement, sourced like a scorecard value."""

    requirement: Slug
    """The requirement id in the law."""
    status: Status
    """`met` (with locator and quote), `partial` (with the reason, and locator and quote of
    what exists), `absent`, `not_applicable` (with the reason) or `unverified` (the framework
    text was not checked for this requirement; with the reason)."""
    locator: Text | None = None
    """Page or section of the framework document."""
    quote: Text | None = None
    """Short exact quote of the framework text."""
    reason: Text | None = None
    """Why the entry is partial, absent, not applicable or unverified."""


class RiskCoverage(Strict):
    """Which framework categories cover one of the law's specified risks."""

    risk: Slug
    """The risk id in the law."""
    categories: list[Slug]
    """Framework category ids that cover it (empty: none does)."""
    basis: Text
    """Why these categories cover the risk, in the framework's and the law's words."""
    partial_reason: Text | None = None
    """Set when the categories cover the risk only in part; coverage is then at most partial."""


class ComplianceMap(Strict):
    """One framework version, or one compliance document version, measured against one law
    version."""

    format_version: Literal[1]
    """Version of this file format."""
    framework: FrameworkRef | None = None
    """The framework version (exactly one of `framework` and `document`)."""
    document: DocumentRef | None = None
    """The compliance document version (exactly one of `framework` and `document`)."""
    law: LawRef
    """The law version."""
    assessed: IsoDate
    """When the map was made."""
    entries: list[Entry]
    """One entry per requirement of the law that applies to a framework document."""
    risks: list[RiskCoverage] = Field(default_factory=list)
    """Coverage of the law's specified risks."""
    notes: list[Text] = Field(default_factory=list)
    """Limits of the map."""

    @property
    def subject(self) -> tuple[str, str]:
        """The id and version of what is measured: the framework, else the document (a map
        naming neither or both never passes its checks)."""
        ref = self.framework or self.document
        return (ref.id, ref.version) if ref is not None else ("", "")
