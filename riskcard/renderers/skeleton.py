"""The scorecard skeleton `riskcard new` writes: every tracked category of one framework
version, a source stub and a commented `safeguards:` example, with TODO placeholders that
`riskcard validate` reports (rule `scorecard.placeholder`) until they are filled in."""

from __future__ import annotations

import datetime as dt
import json
import re

from riskcard.formats.models import Framework
from riskcard.formats.registry import Scale

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def comment(text: str) -> str:
    """Text safe inside a YAML comment: one line, no control characters."""
    return " ".join(_UNSAFE.sub(" ", text).split())


def skeleton(model_id: str, framework: Framework, assessed: dt.date, schema_path: str) -> str:
    """The skeleton of a scorecard for `model_id` under `framework`."""
    scale = Scale(framework)
    ref = f"{framework.id}@{framework.version}"
    lines = [
        f"# yaml-language-server: $schema={schema_path}",
        f"# Scorecard of {model_id} under {ref} ({comment(framework.title)}).",
        "# Replace every TODO; `riskcard validate` reports those left (scorecard.placeholder).",
        "# The line above lets an editor complete categories, levels and safeguard ids; write",
        "# the schema it points at once with `riskcard schema --out-dir schema`.",
        "format_version: 1",
        "model:",
        f"  id: {model_id}",
        '  name: "TODO: the name the developer gives the model"',
        "  developer: " + json.dumps(f"TODO: the developer, e.g. {comment(framework.publisher)}"),
        '  # released: "YYYY-MM-DD"  # public release, before or after `assessed`',
        "framework:",
        f"  id: {framework.id}",
        f"  version: {json.dumps(framework.version)}",
        f'assessed: "{assessed.isoformat()}"  # when the system card was published',
        "title: system card",
        "sources:",
        "  - id: card",
        '    title: "TODO: the document\'s own title"',
        "    url: https://example.org/TODO",
        '    # date: "YYYY-MM-DD"',
        "    kind: primary  # published by the developer; `secondary` for anyone else",
        "ratings:",
        *_rating_help(framework, scale),
    ]
    for category in scale.tracked:
        levels = ", ".join(scale.levels_of(category))
        lines += [
            f"  {category.id}:  # {comment(category.name)}; levels: {levels}",
            "    status: not_published",
            '    cite: {source: card, locator: "TODO: page or section"}',
        ]
    research = [c.id for c in framework.categories if c.kind == "research"]
    if research:
        lines.append(f"  # research categories (monitored, never gate): {', '.join(research)}")
    lines += _safeguards(framework, scale)
    return "\n".join(lines) + "\n"


def _rating_help(framework: Framework, scale: Scale) -> list[str]:
    levels = scale.levels_of(scale.tracked[0]) if scale.tracked else ["LEVEL"]
    example = levels[min(1, len(levels) - 1)]
    if framework.rating == "level":
        form = f"`level: {example}` (add `precautionary: true` when treated as at the level)"
    else:
        form = f"`pre: {example}` and `post: {example}` (before and after mitigations)"
    return [
        "  # Each tracked category: `status: not_published` until the source gives a rating,",
        f"  # then {form}",
        "  # and a `cite:` of the page that states it.",
    ]


def _safeguards(framework: Framework, scale: Scale) -> list[str]:
    if not framework.safeguards:
        return [f"# {framework.id}@{framework.version} defines no safeguard standards."]
    first = framework.safeguards[0]
    category = scale.tracked[0].id if scale.tracked else "all"
    lines = [
        "# Safeguards the source attests as in place (the gate requires some of them):",
        "# safeguards:",
        f"#   - safeguard: {first.id}",
        f"#     categories: [{category}]  # or: all",
        "#     status: attested  # or `unknown` when the source does not say it meets it",
        "#     approver: TODO who attests it",
        '#     date: "YYYY-MM-DD"',
        '#     cite: {source: card, locator: "TODO: page or section"}',
        f"# Safeguard ids of {framework.id}@{framework.version}"
        " (`riskcard explain ID` says what each means):",
    ]
    width = max(len(s.id) for s in framework.safeguards)
    for safeguard in framework.safeguards:
        lines.append(f"#   {safeguard.id:{width}}  {safeguard.kind:11} {comment(safeguard.name)}")
    return lines
