"""Why a gate result fails, in words: the causes a report index states instead of a guess.

Read from a result's JSON (`results.gate.result`), so the index, the site and tests agree."""

from __future__ import annotations

from collections import Counter
from typing import Any


def _words(text: str) -> str:
    return str(text).replace("_", " ")


def _rating_status(result: dict[str, Any], category: str) -> str:
    """How a category stands when a rule could not apply to it: its rating's status (not
    rated, unverified, unpublished, ...), or `rated` when a rating is there."""
    for entry in result.get("categories", []):
        if entry.get("id") == category:
            rating = entry.get("rating") or {}
            return _words(rating.get("status", "rated"))
    return "not rated"


def decision_causes(result: dict[str, Any], decision: str) -> list[tuple[str, str]]:
    """(kind, detail) for each reason one decision of a result is not met; kind is what the
    index counts, detail names the rule, the categories and the safeguard."""
    entry = result[decision]
    if entry.get("met"):
        return []
    causes = []
    for rule in entry.get("rules", []):
        if rule.get("state") == "unknown":
            categories = sorted({t["category"] for t in rule.get("triggers", [])})
            statuses = sorted({_rating_status(result, c) for c in categories} - {"rated"})
            if statuses:
                kind = f"a rating it depends on is {' or '.join(statuses)}"
                why = f"{', '.join(categories)} {' or '.join(statuses)}"
            else:
                kind = "a rule cannot be decided from the ratings given"
                why = f"undecided from the ratings of {', '.join(categories)}"
            causes.append((kind, f"rule {rule['rule']} cannot apply: {why}"))
        elif rule.get("state") == "fired" and rule.get("effect") in ("block", "halt"):
            causes.append((f"a rule {rule['effect']}s it", f"rule {rule['rule']} fired"))
    for requirement in entry.get("requires", []):
        if requirement.get("met") == "unmet":
            kind = "a required safeguard is not attested"
        elif requirement.get("met") == "unknown":
            kind = "a required safeguard is not known to be met"
        else:
            continue
        causes.append((kind, f"{requirement['safeguard']} ({requirement['rule']})"))
    if not causes:
        causes.append((f"{decision} is {_words(entry['status'])}", _words(entry["status"])))
    return causes


def result_causes(result: dict[str, Any]) -> list[str]:
    """One line per unmet decision: `deploy undetermined: rule X cannot apply: ...`."""
    lines = []
    for decision in ("deploy", "develop", "security"):
        for _, detail in decision_causes(result, decision):
            lines.append(f"{decision} {_words(result[decision]['status'])}: {detail}")
    return lines


def cause_kinds(result: dict[str, Any]) -> set[str]:
    """The kinds of cause a failing result has (none for a passing one)."""
    if result.get("passes"):
        return set()
    return {
        kind for d in ("deploy", "develop", "security") for kind, _ in decision_causes(result, d)
    }


def ranked(counted: Counter[str]) -> list[tuple[str, int]]:
    """Counted kinds, most first."""
    return sorted(counted.items(), key=lambda item: (-item[1], item[0]))
