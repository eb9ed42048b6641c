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

import bisect
import heapq
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

CHUNK = 256
"""Records pickled together: fewer, larger writes; one chunk is what a reader holds."""

RUN = 1024
"""Records a `SortedSpill` sorts in memory before it writes them out as one run. Memory holds
one run while adding and one chunk of every run while merging, so small runs of small chunks
keep both low: at 10,000 records, 1,024 then 10 x 16."""

RUN_CHUNK = 16
"""Records pickled together in a sorted run (a merge reads one chunk of each run at a time)."""


class Spill(Generic[T]):
    """An append-only sequence of records on disk, read back in the order written.

    Iterating twice, or two iterations at once, is fine: reads use their own offsets."""

    def __init__(self, records: Iterable[T] = (), chunk: int | None = None) -> None:
        # Closed by close() or when the spill is collected; it lives as long as the spill.
        self._file = tempfile.TemporaryFile(prefix="riskcard-spill-")  # noqa: SIM115
        self._chunk = chunk or CHUNK
        self._chunks: list[tuple[int, int]] = []
        self._firsts: list[int] = []
        """The index of each chunk's first record (so a part can start mid-file)."""
        self._end = 0
        self._buffer: list[T] = []
        self._count = 0
        self.extend(records)

    def append(self, record: T) -> None:
        self._buffer.append(record)
        self._count += 1
        if len(self._buffer) >= self._chunk:
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
        self._firsts.append(self._count - len(self._buffer))
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
            yield from self._read(offset, size)

    def _read(self, offset: int, size: int) -> list[T]:
        data = os.pread(self._file.fileno(), size, offset)
        if len(data) != size:
            raise OSError(f"spill file ended early at byte {offset + len(data)}")
        records: list[T] = pickle.loads(data)
        return records

    def part(self, start: int, stop: int) -> SpillPart[T]:
        """Records `start` to `stop` (not included), read without those before them."""
        return SpillPart(self, start, stop)

    def _between(self, start: int, stop: int) -> Iterator[T]:
        self._flush()
        first = max(bisect.bisect_right(self._firsts, start) - 1, 0)
        chunks = list(zip(self._firsts[first:], self._chunks[first:], strict=True))
        for index, (offset, size) in chunks:
            if index >= stop:
                return
            yield from self._read(offset, size)[max(start - index, 0) : stop - index]

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
        self._runs.append(Spill(self._pending, chunk=min(CHUNK, RUN_CHUNK)))
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


class SpillPart(Generic[T]):
    """A run of consecutive records of a `Spill`, re-iterable and counted like one (many
    parts share one file: a group per developer costs no file of its own)."""

    def __init__(self, spill: Spill[T], start: int, stop: int) -> None:
        self.spill, self.start, self.stop = spill, start, stop

    def __iter__(self) -> Iterator[T]:
        return self.spill._between(self.start, self.stop)

    def __len__(self) -> int:
        return self.stop - self.start


class Records(Protocol[T_co]):
    """What a reader of records that may live on disk relies on: iterate them (as often as
    it needs) and count them. Tuples and lists are records too."""

    def __iter__(self) -> Iterator[T_co]: ...

    def __len__(self) -> int: ...
