"""Two passes over the inputs, so memory stays flat however many scorecards there are.

The first pass checks every input exactly as `validate` does (in parallel when there are
many files) and keeps only small keys: the registry, the findings, and a `CardKey` per valid
scorecard. The second pass loads, checks and hands over one scorecard at a time; its
document is dropped as soon as the consumer is done with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from riskcard.checks.collection import Collection, iter_collection, new_collection
from riskcard.checks.document import CardKey, LoadedScorecard, check_document
from riskcard.checks.scorecard import Assessment
from riskcard.formats.errors import InputError
from riskcard.formats.models import Scorecard
from riskcard.inputs.loader import DEFAULT_MAX_BYTES, Document, load_file

__all__ = ["CardKey", "Checked", "check_inputs"]


@dataclass(frozen=True)
class Checked:
    """Every input checked once: the collection keeps no scorecards, only their keys."""

    collection: Collection
    today: dt.date
    max_bytes: int = DEFAULT_MAX_BYTES
    extra: dict[str, Document] = field(default_factory=dict)
    """Documents that cannot be read again (standard input), by the label they carry."""

    @property
    def keys(self) -> list[CardKey]:
        """The valid scorecards, in the order a whole-collection load lists them."""
        return self.collection.valid

    def scorecards(self, keys: Iterable[CardKey] | None = None) -> Iterator[LoadedScorecard]:
        """Load and check each scorecard of `keys` (default: all, in collection order) again,
        one at a time.

        A file that changed since the first pass is an input error, never judged: its
        digest must be the one the first pass checked (and the duplicate check saw)."""
        registry = self.collection.registry
        for key in self.keys if keys is None else keys:
            doc = self.extra.get(key.path) or load_file(
                Path(key.path), max_bytes=self.max_bytes, label=key.path
            )
            checked = check_document(doc, registry, self.today)
            card = checked.usable
            if doc.sha256 != key.sha256 or not isinstance(card, Scorecard):
                raise InputError(
                    f"{key.path} changed while riskcard was reading it; nothing was judged "
                    "from it — run again"
                )
            yield LoadedScorecard(doc, card, doc.sha256)


def check_inputs(
    paths: Iterable[Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: dt.date | None = None,
    jobs: int | None = None,
    extra: Sequence[Document] = (),
    context: Sequence[Assessment] = (),
) -> Checked:
    """The first pass: every finding (sorted by file and position) and the valid scorecards'
    keys, with no document kept but `extra` (already in memory, and not readable again)."""
    when = today or dt.date.today()
    collection = new_collection()
    collection.findings += iter_collection(
        collection,
        paths,
        keep=False,
        max_bytes=max_bytes,
        today=when,
        jobs=jobs,
        extra=extra,
        context=context,
    )
    collection.findings.sort()
    return Checked(collection, when, max_bytes, {doc.path: doc for doc in extra})
