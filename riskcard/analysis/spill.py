"""Records kept on disk instead of in memory, for runs over large collections.

A `Spill` is an append-only list in a private temporary file: memory holds one chunk of
records and the chunks' offsets, never the records. A `SortedSpill` gives its records back in
key order by sorting runs of them and merging the runs (an external merge sort), so a page
that lists every scorecard in an order other than the one they arrived in still costs one run
of memory, not the collection.

The files hold only records this process wrote a moment before (never read from anyone else,
mode 0600, removed when closed), which is why `pickle` is safe here.
"""

from __future__ import annotations

import heapq
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

CHUNK = 256
"""Records pickled together: fewer, larger writes; one chunk is what a reader holds."""

RUN = 1024
"""Records a `SortedSpill` sorts in memory before it writes them out as one run."""

RUN_CHUNK = 16
"""Records per chunk of a run: merging reads a chunk of every run at once, so memory holds
runs x RUN_CHUNK records (a few hundred at 10,000), not runs x CHUNK."""


class Spill(Generic[T]):
    """An append-only sequence of records on disk, read back in the order written.

    Iterating twice, or two iterations at once, is fine: reads use their own offsets."""

    def __init__(self, records: Iterable[T] = (), chunk: int | None = None) -> None:
        # Closed by close() or when the spill is collected; it lives as long as the spill.
        self._file = tempfile.TemporaryFile(prefix="riskcard-spill-")  # noqa: SIM115
        self._chunks: list[tuple[int, int]] = []
        self._end = 0
        self._buffer: list[T] = []
        self._count = 0
        self.chunk = chunk or CHUNK
        self.extend(records)

    def append(self, record: T) -> None:
        self._buffer.append(record)
        self._count += 1
        if len(self._buffer) >= self.chunk:
            self._flush()

    def extend(self, records: Iterable[T]) -> None:
        for record in records:
            self.append(record)

    def _flush(self) -> None:
        if not self._buffer:
            return
        data = pickle.dumps(self._buffer, protocol=pickle.HIGHEST_PROTOCOL)
        os.pwrite(self._file.fileno(), data, self._end)
        self._chunks.append((self._end, len(data)))
        self._end += len(data)
        self._buffer = []

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[T]:
        self._flush()
        chunks = list(self._chunks)
        for offset, size in chunks:
            data = os.pread(self._file.fileno(), size, offset)
            if len(data) != size:
                raise OSError(f"spill file ended early at byte {offset + len(data)}")
            yield from pickle.loads(data)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spill[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SortedSpill(Generic[T]):
    """Records given back sorted by `key` (stable: equal keys keep the order they were added).

    At most `run` records are in memory while adding; reading merges the runs on disk."""

    def __init__(self, key: Callable[[T], Any], run: int | None = None) -> None:
        self.key = key
        self.run = run or RUN
        self._runs: list[Spill[tuple[Any, int, T]]] = []
        self._pending: list[tuple[Any, int, T]] = []
        self._count = 0

    def add(self, record: T) -> None:
        # The running count breaks ties, so equal keys come back in the order they were added
        # and records themselves are never compared.
        self._pending.append((self.key(record), self._count, record))
        self._count += 1
        if len(self._pending) >= self.run:
            self._spill()

    def _spill(self) -> None:
        self._pending.sort(key=lambda entry: entry[:2])
        self._runs.append(Spill(self._pending, chunk=RUN_CHUNK))
        self._pending = []

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[T]:
        pending = sorted(self._pending, key=lambda entry: entry[:2])
        sources: list[Iterable[tuple[Any, int, T]]] = [*self._runs, pending]
        for _, _, record in heapq.merge(*sources, key=lambda entry: entry[:2]):
            yield record

    def close(self) -> None:
        for run in self._runs:
            run.close()

    def __enter__(self) -> SortedSpill[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
