"""One test per check rule id: each rule in the rulebook is emitted, located, by a small input.

Every case edits the synthetic framework and scorecard in tests/fixtures/rules and checks them
the way `riskcard validate` does; a last test fails when a rule id has no case here.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES
from riskcard.checks.collection import load_collection
from riskcard.formats import models
from riskcard.formats.findings import Finding
from riskcard.formats.rulebook import VALIDATION_RULES

BASE = FIXTURES / "rules"
Edit = Callable[[Path], None]


def replace(name: str, old: str, new: str, count: int = 1) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / name
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, count), "utf-8")

    return edit


def write(name: str, data: bytes) -> Edit:
    def edit(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return edit


def append(name: str, text: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / name
        path.write_text(path.read_text("utf-8") + text, "utf-8")

    return edit


def unreadable(folder: Path) -> None:
    (folder / "scorecard.yaml").chmod(0)


CARD, FRAMEWORK = "scorecard.yaml", "framework.yaml"
LAW, MAP = "law.yaml", "compliance.yaml"
INPUTS = (CARD, FRAMEWORK, LAW, MAP)


def waiver(rule: str, starts: str, expires: str) -> str:
    return (
        'waivers:\n  - framework: {id: example-framework, version: "1.0"}\n'
        f"    rule: {rule}\n    justification: test\n    approver: Board\n"
        f'    starts: "{starts}"\n    expires: "{expires}"\n'
    )


EVIDENCE = (
    "evidence:\n"
    "  - {evaluation: Refusals, metric: refusal_rate, result: 0.9, unit: fraction,"
    " cite: {source: doc, locator: p. 6}}\n"
)
WALK = """format_version: 1
from: {id: example-framework, version: "1.0"}
to: {id: example-framework, version: "1.0"}
stage: level
basis: test
url: https://example.org/walk
categories:
  - {source: bio, targets: [bio], basis: same}
levels:
  - {source: low, target: low}
safeguards:
  - {source: high-safeguards, target: high-safeguards, basis: same}
"""


DOC = """format_version: 1
id: example-doc
version: "1"
title: Example Compliance Document
publisher: Example Lab
url: https://example.org/doc
effective: "2025-06-01"
complements: example-framework
"""


def document(old: str = "", new: str = "", name: str = "doc.yaml") -> Edit:
    def edit(folder: Path) -> None:
        assert old in DOC
        (folder / name).write_text(DOC.replace(old, new, 1), "utf-8")

    return edit


def crosswalk(old: str = "", new: str = "", name: str = "walk.yaml") -> Edit:
    def edit(folder: Path) -> None:
        assert old in WALK
        (folder / name).write_text(WALK.replace(old, new, 1) if old else WALK, "utf-8")

    return edit


def dangling(folder: Path) -> None:
    (folder / "gone.yaml").symlink_to(folder / "missing.yaml")


def shadow(folder: Path) -> None:
    from riskcard.formats.registry import bundled_files

    bundled = next(p for p in bundled_files("frameworks") if p.name == "gdm-fsf-3.1.yaml")
    text = bundled.read_text("utf-8")
    assert "\ntitle: " in text
    (folder / "copy.yaml").write_text(text.replace("\ntitle: ", "\ntitle: Edited ", 1))


def twin(folder: Path) -> None:
    (folder / "twin.yaml").write_bytes((folder / FRAMEWORK).read_bytes())


CASES: dict[str, Edit] = {
    "input.symlink": dangling,
    "framework.shadows-bundled": shadow,
    "framework.duplicate-version": twin,
    "crosswalk.unknown-framework": crosswalk(
        'to: {id: example-framework, version: "1.0"}', 'to: {id: example-framework, version: "9"}'
    ),
    "crosswalk.unknown-category": crosswalk("targets: [bio]", "targets: [bioo]"),
    "crosswalk.unknown-level": crosswalk("target: low}", "target: lw}"),
    "crosswalk.unknown-safeguard": crosswalk("target: high-safeguards,", "target: hi-safeguards,"),
    "crosswalk.stage": crosswalk("stage: level", "stage: pre"),
    "crosswalk.duplicate-mapping": crosswalk(
        "  - {source: low, target: low}\n",
        "  - {source: low, target: low}\n  - {source: low, target: high}\n",
    ),
    "crosswalk.duplicate": [crosswalk(), crosswalk(name="again.yaml")],  # type: ignore[dict-item]
    "input.unreadable": unreadable,
    "input.unknown-kind": write(CARD, b"hello: world\n"),
    "yaml.syntax": write(CARD, b"a: [1, 2\n"),
    "yaml.encoding": write(CARD, b"name: caf\xe9\n"),
    "yaml.too-large": write(CARD, b"#" * (1024 * 1024 + 1) + b"\n"),
    "yaml.too-deep": write(CARD, b"a: " + b"[" * 40 + b"]" * 40 + b"\n"),
    "yaml.empty": write(CARD, b""),
    "yaml.not-mapping": write(CARD, b"- a\n- b\n"),
    "yaml.multiple-documents": write(CARD, b"a: 1\n---\nb: 2\n"),
    "yaml.duplicate-key": replace(CARD, "  name: Example model\n", "  name: A\n  name: B\n"),
    "yaml.anchor": replace(CARD, "  developer: Example Lab", "  developer: &lab Example Lab"),
    "yaml.alias": replace(CARD, "  developer: Example Lab", "  developer: *lab"),
    "yaml.merge-key": replace(CARD, "  developer: Example Lab", "  <<: {developer: X}"),
    "yaml.tag": replace(CARD, "  developer: Example Lab", "  developer: !custom Example Lab"),
    "yaml.non-string-key": replace(
        CARD, "  developer: Example Lab", "  developer: Example Lab\n  1: x"
    ),
    "schema.missing": replace(CARD, 'assessed: "2025-02-01"\n', ""),
    "schema.unknown-field": replace(CARD, "assessed:", "colour: red\nassessed:"),
    "schema.type": replace(CARD, "  name: Example model", "  name: [Example model]"),
    "schema.value": replace(CARD, 'assessed: "2025-02-01"', 'assessed: "2025-02-30"'),
    "source.duplicate-id": replace(
        CARD, "sources:\n", "sources:\n  - {id: doc, title: Again, url: https://example.org/x}\n"
    ),
    "source.insecure-url": replace(CARD, "https://example.org/card", "http://example.org/card"),
    "source.unknown": replace(CARD, "{source: doc, locator: p. 3}", "{source: dco, locator: p. 3}"),
    "scorecard.unknown-framework": replace(CARD, "  id: example-framework", "  id: example-frame"),
    "scorecard.unquoted-version": [
        replace(FRAMEWORK, 'version: "1.0"', 'version: "1.10"'),
        replace(CARD, '  version: "1.0"', "  version: 1.10"),
    ],  # type: ignore[dict-item]
    "scorecard.unknown-category": replace(CARD, "  cyber:\n", "  cyberr:\n"),
    "scorecard.category-alias": replace(CARD, "  bio:\n", "  Bio:\n"),
    "scorecard.duplicate-category": replace(
        CARD,
        "  bio:\n",
        "  Biology:\n    status: not_published\n    cite: {source: doc, locator: p. 9}\n  bio:\n",
    ),
    "scorecard.unknown-level": replace(CARD, "    level: low", "    level: lwo"),
    "scorecard.rating-shape": replace(CARD, "    level: low", "    pre: low\n    post: low"),
    "scorecard.post-above-pre": [
        replace(FRAMEWORK, "rating: level", "rating: pre_post"),
        replace(CARD, "    level: high", "    pre: high\n    post: high"),
        replace(CARD, "    level: low", "    pre: low\n    post: high"),
        replace(FRAMEWORK, "stage: level", "stage: post", 2),
    ],  # type: ignore[dict-item]
    "scorecard.missing-category": replace(
        CARD, "  cyber:\n    level: low\n    cite: {source: doc, locator: p. 4}\n", ""
    ),
    "scorecard.secondary-rating": replace(
        CARD,
        "    url: https://example.org/card\n",
        "    url: https://example.org/card\n    kind: secondary\n",
    ),
    "scorecard.placeholder": replace(CARD, "locator: p. 3}", "locator: TODO page or section}"),
    "scorecard.future-date": replace(CARD, 'assessed: "2025-02-01"', 'assessed: "2999-01-01"'),
    "scorecard.date-order": append(
        CARD,
        waiver("deploy.high", "2025-02-01", "2025-01-01"),
    ),
    "scorecard.duplicate-assessment": lambda folder: (folder / "copy.yaml").write_bytes(
        (folder / CARD).read_bytes()
    ),
    "scorecard.unknown-safeguard": replace(
        CARD, "  - safeguard: high-safeguards", "  - safeguard: high-safeguard"
    ),
    "scorecard.unknown-rule": append(
        CARD,
        waiver("deploy.hihg", "2025-02-01", "2025-03-01"),
    ),
    "scorecard.duplicate-metric": append(CARD, EVIDENCE + EVIDENCE.split("\n", 1)[1]),
    "scorecard.third-party-rating": append(
        CARD,
        'third_party:\n  - assessor: Example Institute\n    date: "2025-02-02"\n'
        "    cite: {source: doc, locator: p. 8}\n"
        "    ratings:\n      bio: {level: extreme, cite: {source: doc, locator: p. 8}}\n",
    ),
    "scorecard.waiver-span": append(CARD, waiver("deploy.high", "2025-02-01", "2025-12-01")),
    "scorecard.waiver-not-waivable": append(
        CARD, waiver("develop.critical", "2025-02-01", "2025-03-01")
    ),
    "framework.rule-off-scale": replace(
        FRAMEWORK, "    name: Biology\n", "    name: Biology\n    levels: [low, high]\n"
    ),
    "framework.duplicate-id": replace(FRAMEWORK, "  - id: cyber\n", "  - id: bio\n"),
    "framework.alias-clash": replace(
        FRAMEWORK, "    name: Cybersecurity", "    name: Cybersecurity\n    aliases: [Bio]"
    ),
    "framework.unknown-level": replace(FRAMEWORK, "at_least: critical", "at_least: extreme"),
    "framework.unknown-category": replace(
        FRAMEWORK,
        "categories: tracked}\n    effect: block",
        "categories: [chem]}\n    effect: block",
    ),
    "framework.unknown-safeguard": replace(
        FRAMEWORK,
        "safeguard: high-safeguards\n    summary",
        "safeguard: top-safeguards\n    summary",
    ),
    "framework.unknown-metric": replace(
        FRAMEWORK,
        "    when: {stage: level, at_least: critical, categories: tracked}",
        "    when: {metric: honesty, op: lt, threshold: 0.5}",
    ),
    "framework.rule-stage": replace(
        FRAMEWORK, "{stage: level, at_least: critical", "{stage: pre, at_least: critical"
    ),
    "framework.rule-safeguard": replace(
        FRAMEWORK, "    safeguard: high-safeguards\n    summary", "    summary"
    ),
    "framework.rule-effect": replace(FRAMEWORK, "    decision: develop", "    decision: security"),
    "law.duplicate-id": replace(LAW, "  - id: fw-incidents", "  - id: fw-thresholds"),
    "law.quote-basis": replace(LAW, "    quote: Responding to incidents.\n", ""),
    "law.deadline-missing": replace(LAW, "    deadline: {kind: review_interval, months: 12}\n", ""),
    "law.duplicate-version": lambda folder: (folder / "law-copy.yaml").write_text(
        (folder / LAW)
        .read_text("utf-8")
        .replace("title: Example Act", "title: Example Act, draft"),
        "utf-8",
    ),
    "compliance.duplicate": lambda folder: (folder / "map-copy.yaml").write_text(
        (folder / MAP).read_text("utf-8").replace("p. 1", "p. 2"), "utf-8"
    ),
    "compliance.unknown-framework": replace(MAP, "id: example-framework", "id: example-frame"),
    "compliance.one-subject": replace(
        MAP, "law: {id", 'document: {id: example-doc, version: "1"}\nlaw: {id'
    ),
    "compliance.unknown-document": replace(
        MAP, "framework: {id: example-framework", "document: {id: example-doc"
    ),
    "document.unknown-framework": document("complements: example-framework", "complements: x"),
    "document.shadows-framework": document("id: example-doc", "id: example-framework"),
    "document.duplicate-version": [
        document(),
        document("title: Example", "title: Edited", name="doc-copy.yaml"),
    ],
    "compliance.unknown-law": replace(MAP, "id: example-law", "id: example-lwa"),
    "compliance.unknown-requirement": replace(
        MAP, "requirement: fw-incidents", "requirement: fw-incident"
    ),
    "compliance.duplicate-requirement": replace(
        MAP, "risks:\n", "  - {requirement: fw-incidents, status: absent, reason: Again.}\nrisks:\n"
    ),
    "compliance.missing-requirement": replace(
        MAP,
        "  - requirement: fw-incidents\n    status: absent\n"
        "    reason: The framework says nothing about incidents.\n",
        "",
    ),
    "compliance.missing-evidence": replace(
        MAP, "    quote: Deploy High only with safeguards.\n", ""
    ),
    "compliance.missing-reason": replace(
        MAP, "    reason: The framework says nothing about incidents.\n", ""
    ),
    "compliance.unknown-risk": replace(MAP, "  - risk: manipulation", "  - risk: manipulatoin"),
    "compliance.unknown-category": replace(MAP, "categories: [bio]", "categories: [biology]"),
}


def findings_for(rule: str, tmp_path: Path) -> list[Finding]:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name in INPUTS:
        (folder / name).write_bytes((BASE / name).read_bytes())
    edits = CASES[rule]
    for edit in edits if isinstance(edits, list) else [edits]:
        edit(folder)
    try:
        return load_collection([folder], today=dt.date(2026, 1, 1)).findings
    finally:
        for path in folder.iterdir():
            if not path.is_symlink():
                path.chmod(0o644)


def test_the_unedited_inputs_are_clean(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name in INPUTS:
        (folder / name).write_bytes((BASE / name).read_bytes())
    assert load_collection([folder]).findings == []


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_is_emitted_and_located(
    rule: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if rule == "input.unreadable":
        # Root reads a file whatever its mode (CI runs as root): refuse the read as the OS would.
        real = Path.read_bytes

        def refuse(self: Path) -> bytes:
            if (self.name == CARD and not os.access(self, os.R_OK, effective_ids=False)) or (
                self.name == CARD and self.stat().st_mode & 0o777 == 0
            ):
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    found = findings_for(rule, tmp_path)
    matching = [f for f in found if f.rule == rule]
    assert matching, f"{rule} not emitted; got {[(f.rule, f.message) for f in found]}"
    for finding in matching:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.message and finding.hint


def test_every_rule_in_the_rulebook_has_a_case() -> None:
    assert sorted(set(VALIDATION_RULES) - set(CASES)) == []
    assert sorted(set(CASES) - set(VALIDATION_RULES)) == []


# Messages a user sees name the fix in words: no regex, no Python type or class name.
FORBIDDEN = re.compile(
    r"\^\[|\]\*\$|\\S|\[\^|String should|Input should|instance of|Value error|"
    r"\b(dict|NoneType|str|int|float|bool|list\[|literal\[)\b|constrained-|schema/|"
    + "|".join(
        rf"\b{name}\b"
        for name in sorted(
            {m.__name__ for m in vars(models).values() if isinstance(m, type)}
            | {"PrePostRating", "LevelRating", "Unrated", "ModelInfo", "FrameworkRef"}
        )
        if sum(c.isupper() for c in name) > 1 or name == "Unrated"
    )
)


def _words_only(findings: list[Finding]) -> list[str]:
    return [
        f"{f.rule}: {text}"
        for f in findings
        for text in (f.message, f.hint)
        if FORBIDDEN.search(text)
    ]


@pytest.mark.parametrize("rule", sorted(CASES))
def test_every_rule_speaks_in_words(
    rule: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if rule == "input.unreadable":
        pytest.skip("the read is refused by the OS; its message is the OS's own")
    assert _words_only(findings_for(rule, tmp_path)) == []


V2 = FIXTURES / "gate" / "v2-high-attested.yaml"
MESSAGES = {
    "level in capitals": (
        "    level: high\n",
        "    level: High\n",
        "schema.value",
        "level",
        "did you mean 'high'?",
    ),
    "model id without developer": (
        "  id: example/",
        "  id: ",
        "schema.value",
        "model.id",
        "did you mean 'example-lab/",
    ),
    "scalar rating": (
        "  cybersecurity:\n    level: below_high\n",
        "  cybersecurity: below_high\n  x-cyber:\n    level: below_high\n",
        "schema.type",
        "ratings.cybersecurity",
        "level: high",
    ),
    "missing cite": (
        "    precautionary: true\n    cite:",
        "    precautionary: true\n    citation:",
        "schema.missing",
        "'ratings.biological_chemical'",
        "add `cite: {source:",
    ),
    "tab": ("  name: ", "\tname: ", "yaml.syntax", "tab", "replace the tab with spaces"),
    "yes": (
        "    precautionary: true\n",
        "    precautionary: yes\n",
        "schema.type",
        "precautionary",
        "use true or false",
    ),
    "version 2.2": ('version: "2"', "version: 2.2", "scorecard.unquoted-version", "2.2", '"2.2"'),
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_messages_name_the_fix(name: str, tmp_path: Path) -> None:
    old, new, rule, where, fix = MESSAGES[name]
    text = V2.read_text("utf-8")
    assert old in text, old
    (tmp_path / "card.yaml").write_text(text.replace(old, new, 1), "utf-8")
    found = [f for f in load_collection([tmp_path]).findings if f.rule == rule]
    assert found, [(f.rule, f.message) for f in load_collection([tmp_path]).findings]
    assert any(where in f.message and fix in f.hint for f in found), found
    assert _words_only(found) == []


def test_a_release_after_the_assessment_is_allowed(tmp_path: Path) -> None:
    text = (
        (BASE / CARD).read_text("utf-8").replace('released: "2025-02-01"', 'released: "2025-03-01"')
    )
    (tmp_path / CARD).write_text(text, "utf-8")
    (tmp_path / FRAMEWORK).write_bytes((BASE / FRAMEWORK).read_bytes())
    assert load_collection([tmp_path], today=dt.date(2026, 1, 1)).findings == []
