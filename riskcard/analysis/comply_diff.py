"""What a framework revision dropped: two compliance results compared requirement by
requirement and risk by risk."""

from __future__ import annotations

from dataclasses import dataclass

from riskcard.analysis.comply import RANK, ComplianceResult

RISK_RANK = {"covered": 3, "partial": 2, "absent": 1}


@dataclass(frozen=True)
class Change:
    """One requirement or risk whose status differs between two framework versions."""

    kind: str
    id: str
    old: str
    new: str
    direction: str


def compare(old: ComplianceResult, new: ComplianceResult) -> list[Change]:
    """What a revision dropped (`dropped`), gained (`gained`) or changed in a way that cannot
    be ranked (`changed`, e.g. to or from `unverified`), requirement by requirement."""
    changes: list[Change] = []
    pairs: list[tuple[str, dict[str, str], dict[str, str], dict[str, int]]] = [
        (
            "requirement",
            {r.id: r.status for r in old.rows},
            {r.id: r.status for r in new.rows},
            RANK,
        ),
        (
            "risk",
            {r.risk: r.status for r in old.risks},
            {r.risk: r.status for r in new.risks},
            RISK_RANK,
        ),
    ]
    for kind, before, after, rank in pairs:
        for key in [*before, *(k for k in after if k not in before)]:
            was, now = before.get(key, "missing"), after.get(key, "missing")
            if was == now:
                continue
            if was in rank and now in rank:
                direction = "dropped" if rank[now] < rank[was] else "gained"
            else:
                direction = "changed"
            changes.append(Change(kind, key, was, now, direction))
    return changes
