"""Fast paths shared by the loaders and builders.

Vectorised helpers on string columns (pandas' own are slow on Arrow strings):
text as Arrow data, membership, positions, sorted factorisation, row order
and reordering; and two helpers for large loads: Arrow memory that is handed
back at once (:func:`lean_arrow_memory`) and reading ahead on a thread
(:func:`prefetch`).
"""

from __future__ import annotations

import contextlib
import gc
import os

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["arrow_text", "isin", "positions", "strings", "is_identity", "take_rows", "sort_order", "pair_order",
           "text_order", "repeats_previous",
           "prefetch", "kept_memory", "factorize_sorted", "text_buffers", "chunks_of", "blocks", "map_blocks"]


_TEXT = pd.StringDtype("pyarrow")


def arrow_text(values, *, combine: bool = True) -> pa.Array | pa.ChunkedArray:
    """Text values as Arrow ``large_string`` data (the storage of pandas' ``string`` dtype).

    A text column already stored in Arrow is used as it is, not copied; with
    ``combine=False`` a chunked column stays chunked (the compute functions
    read it so, and joining its chunks copies the whole column).

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet._fast import arrow_text
    >>> arrow_text(pd.Series(["a", None], dtype="string")).to_pylist(), arrow_text([1]).type
    (['a', None], DataType(large_string))
    """
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        arr = values
    else:
        if isinstance(values, pd.Index):
            values = values.to_series()
        if isinstance(values, pd.Series):
            text = values.array if values.dtype == _TEXT else values.astype(_TEXT).array
        else:
            if not isinstance(values, (list, np.ndarray, pd.api.extensions.ExtensionArray)):
                values = list(values)
            text = pd.array(values, dtype=_TEXT)
        arr = pa.array(text, from_pandas=True)
    if combine and isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr if arr.type == pa.large_string() else arr.cast(pa.large_string())


def chunks_of(arr) -> list:
    """The chunks of an Arrow chunked array, or ``[arr]`` for a plain array.

    Examples
    --------
    >>> import pyarrow as pa
    >>> from patnet._fast import chunks_of
    >>> [len(c) for c in chunks_of(pa.chunked_array([[1], [2, 3]]))], len(chunks_of(pa.array([1])))
    ([1, 2], 1)
    """
    return arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]


def text_buffers(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The offsets (int64, one more than the values) and the data bytes of one string or
    binary array, as NumPy views of its buffers (no copy of the data).

    ``data[offsets[i]:offsets[i + 1]]`` are the bytes of value ``i`` (of a null:
    whatever the array holds there, usually nothing).

    Examples
    --------
    >>> import pyarrow as pa
    >>> from patnet._fast import text_buffers
    >>> off, data = text_buffers(pa.array(["ab", "", "c"]).slice(1))
    >>> off.tolist(), bytes(data[off[0]:off[-1]])
    ([2, 2, 3], b'c')
    """
    bufs = chunk.buffers()
    wide = pa.types.is_large_string(chunk.type) or pa.types.is_large_binary(chunk.type)
    n = len(chunk)
    if bufs[1] is None:
        return np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.uint8)
    raw = np.frombuffer(bufs[1], dtype=np.int64 if wide else np.int32)
    off: np.ndarray = raw[chunk.offset:chunk.offset + n + 1].astype(np.int64, copy=False)
    data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None else np.zeros(0, np.uint8)
    return off, data


def _memory_key(a: pa.Array | pa.ChunkedArray) -> tuple:
    """What memory an Arrow array (or each chunk of a chunked one) views: equal keys mean
    the very same memory, not just equal values."""
    if isinstance(a, pa.ChunkedArray):
        return tuple(_memory_key(chunk) for chunk in a.chunks)
    return (len(a), a.offset, *(x.address if x is not None else None for x in a.buffers()))


def _same_buffers(a: pa.Array, b: pa.Array) -> bool:
    """Whether two Arrow arrays are views of the very same memory (not just equal values)."""
    return _memory_key(a) == _memory_key(b)


def factorize_text(values) -> tuple[np.ndarray, pa.Array]:
    """Codes of text values in order of first appearance, hashed in Arrow.

    Returns int64 codes (-1 where missing) and the distinct values (an Arrow
    ``large_string`` array, unsorted). See :func:`factorize_sorted` for codes
    in sorted order.

    Examples
    --------
    >>> from patnet._fast import factorize_text
    >>> codes, uniq = factorize_text(["b", None, "a", "b"])
    >>> codes.tolist(), uniq.to_pylist()
    ([0, -1, 1, 0], ['b', 'a'])
    """
    # a chunked column is encoded as it is (its chunks share one dictionary), and the
    # codes are written chunk by chunk: no copy of the text, no column-long temporaries
    enc = pc.dictionary_encode(arrow_text(values, combine=False))
    parts = chunks_of(enc)
    if any(not _same_buffers(p.dictionary, parts[0].dictionary) for p in parts[1:]):
        parts = enc.unify_dictionaries().chunks  # Arrow shares one; not relied upon
    dictionary = parts[0].dictionary if parts else pa.array([], pa.large_string())
    codes = map_blocks(pa.chunked_array(parts, type=enc.type), lambda part: pc.fill_null(
        part.indices, -1).to_numpy(zero_copy_only=False))
    return codes, dictionary


#: Text arrays at least this long are sorted in two parts on two threads (see :func:`text_order`).
SPLIT_SORT_FROM = 1 << 20


def cpus() -> int:
    """Processors this process may run on (its affinity, as a container or ``taskset``
    sets it), which can be fewer than the machine has.

    Examples
    --------
    >>> from patnet._fast import cpus
    >>> cpus() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def text_order(values) -> np.ndarray:
    """Positions that sort text values in code-point order (stable; missing values last).

    The same positions as ``pc.sort_indices``. Arrow sorts on one thread;
    an array of a million values or more, with no missing value, is split
    at a pivot (the median of 1,025 evenly spaced values) into the values
    below it and the others, which are sorted at once on two threads when
    two processors are free: on the 9.8 million distinct inventor ids of a
    whole PatentsView release, 4-5 s instead of 7-9 s.

    Examples
    --------
    >>> from patnet._fast import text_order
    >>> text_order(["b", None, "a", "b"]).tolist()
    [2, 0, 3, 1]
    """
    arr = arrow_text(values)
    if len(arr) < SPLIT_SORT_FROM or arr.null_count or cpus() < 2:
        return pc.sort_indices(arr).to_numpy(zero_copy_only=False)
    sample = arr.take(pa.array(np.linspace(0, len(arr) - 1, 1025).astype(np.int64)))
    pivot = sample.take(pc.sort_indices(sample))[512]
    low = pc.less(arr, pivot).to_numpy(zero_copy_only=False)
    parts = [np.flatnonzero(low), np.flatnonzero(~low)]  # filter keeps order: still stable
    if not len(parts[0]):  # the pivot is the smallest value: nothing to split
        return pc.sort_indices(arr).to_numpy(zero_copy_only=False)
    from concurrent.futures import ThreadPoolExecutor

    def sort(rows):  # Arrow sorts without the interpreter lock: the two parts run at once
        return rows[pc.sort_indices(arr.take(pa.array(rows))).to_numpy(zero_copy_only=False)]

    with ThreadPoolExecutor(2, thread_name_prefix="patnet-sort") as pool:
        return np.concatenate(list(pool.map(sort, parts)))


def factorize_sorted(values, *, prefix: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values, sort=True)`` for text, hashed and sorted in Arrow.

    Returns int64 codes (-1 where missing) into the sorted distinct values
    (an object array). pandas sorts the distinct values as Python objects,
    which dominates on millions of ids; Arrow sorts UTF-8 bytes, which is
    the same order (code point order). With ``prefix``, the distinct values
    come with it in front (joined in Arrow, before they become Python
    strings; the order is the same).

    Examples
    --------
    >>> from patnet._fast import factorize_sorted
    >>> codes, uniq = factorize_sorted(["b", None, "a", "b", ""])
    >>> codes.tolist(), uniq.tolist()
    ([2, -1, 1, 2, 0], ['', 'a', 'b'])
    >>> factorize_sorted(["b", "", "a"], prefix="x:")[1].tolist()
    ['x:', 'x:a', 'x:b']
    """
    codes, dictionary = factorize_text(values)
    order = text_order(dictionary)
    rank = np.empty(len(order) + 1, dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    rank[-1] = -1  # missing values (code -1) stay -1
    for a in range(0, len(codes), BLOCK):  # in place, a block at a time
        codes[a:a + BLOCK] = rank[codes[a:a + BLOCK]]
    uniq = dictionary.take(pa.array(order, type=pa.int64()))
    if prefix is not None:
        text = uniq.type
        uniq = pc.binary_join_element_wise(pa.scalar(prefix, text), uniq, pa.scalar("", text))
    uniq = uniq.to_numpy(zero_copy_only=False)
    return codes, np.asarray(uniq, dtype=object)


def isin(series: pd.Series, values) -> np.ndarray:
    """``series.isin(values)`` for string data, as a NumPy bool array (missing -> False).

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet._fast import isin
    >>> isin(pd.Series(["1", None, "3"], dtype="string"), ["3", "4"]).tolist()
    [False, False, True]
    """
    if len(series) == 0:
        return np.zeros(0, dtype=bool)
    out = pc.is_in(arrow_text(series, combine=False), value_set=arrow_text(values),
                   skip_nulls=True)
    return out.fill_null(False).to_numpy(zero_copy_only=False)


def strings(value, n: int, index=None) -> pd.Series:
    """A ``string`` Series of ``n`` copies of ``value`` (missing when ``value`` is None).

    Built in Arrow, not from a Python list: on millions of rows this is
    milliseconds instead of a second.

    Examples
    --------
    >>> from patnet._fast import strings
    >>> strings("US", 2).tolist(), strings(None, 2).isna().all(), str(strings(None, 0).dtype)
    (['US', 'US'], np.True_, 'string')
    """
    if value is None:
        arr = pa.nulls(n, pa.large_string())
    else:
        arr = pa.array([str(value)], pa.large_string()).take(pa.array(np.zeros(n, dtype=np.int64)))
    out = pd.Series(pd.arrays.ArrowStringArray(arr), dtype=_TEXT)
    if index is not None:
        out.index = index
    return out


@contextlib.contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector inside the block; restore its state after.

    Making tens of millions of small objects that hold no reference cycles
    (edge tuples, attribute dicts) triggers collections that scan every
    object made so far; pausing them saves a third to a half of the time on
    graphs of millions of edges (reading the edge list of an igraph graph of
    33 million edges: 7-8 s instead of 11-16 s).

    Examples
    --------
    >>> import gc
    >>> from patnet._fast import gc_paused
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def lean_arrow_memory():
    """Allocate Arrow memory from jemalloc inside the block, when pyarrow has it.

    jemalloc hands the pages of freed memory back to the system after about
    a second (its decay, left at Arrow's default); mimalloc, Arrow's default
    allocator here, keeps more of the many large temporary columns a load
    builds and frees. Measured on a whole PatentsView release (9 M patents,
    2 cores): peak 10.6 GB against 11.2 GB, and a little faster. A decay of
    0 (pages handed back at once) lowered the peak to 9.8 GB but made the
    load 15-25% slower: each page is then zeroed and mapped again on its
    next use. Nothing changes when ``ARROW_DEFAULT_MEMORY_POOL`` is set
    (the user chose) or jemalloc is not built in.

    Examples
    --------
    >>> import pyarrow as pa
    >>> from patnet._fast import lean_arrow_memory
    >>> before = pa.default_memory_pool().backend_name
    >>> with lean_arrow_memory():
    ...     _ = pa.array(["x"])
    >>> pa.default_memory_pool().backend_name == before
    True
    """
    pool = None
    if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        try:
            pool = pa.jemalloc_memory_pool()
        except (NotImplementedError, AttributeError, pa.ArrowException):
            pool = None
    if pool is None:
        yield
        return
    old = pa.default_memory_pool()
    pa.set_memory_pool(pool)
    try:
        yield
    finally:
        pa.set_memory_pool(old)


#: glibc's ``mallopt`` parameters (malloc.h) and its defaults.
_M_TRIM_THRESHOLD, _M_MMAP_MAX = -1, -4
_DEFAULT_TRIM_THRESHOLD, _DEFAULT_MMAP_MAX = 128 * 1024, 65536
_kept_depth = 0


def _glibc():
    """The process's C library when it is glibc (it has ``mallopt`` and ``malloc_trim``),
    else None."""
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018 - glibc only
        return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except (OSError, AttributeError):
        return None


@contextlib.contextmanager
def kept_memory():
    """Keep the memory that NumPy, SciPy and igraph free inside the block for reuse
    (glibc), and hand it back to the system at its end.

    glibc gives every array of more than 32 MiB its own mapping of fresh
    pages and returns them to the system when the array is freed, so each
    large temporary of a graph build (the incidence's codes, the
    projection's entries, the edge columns) is zeroed and mapped again
    page by page. Inside the block, large allocations come from the heap
    and freed memory stays there for the next one; at the end the thresholds
    go back to glibc's defaults and ``malloc_trim`` returns the free pages.
    (Arrays that outlive the block, such as the graph's own, stay in the heap:
    freed later, their memory is reused by the process and handed back at the
    next block's end.)
    Measured on the fractional inventor graph of a whole release (9.7
    million inventors, 2 cores, one run each): 88.7 s against 111.3 s,
    kernel time 25.6 s against 44.4 s, peak memory 19.8 GB against 18.7 GB.
    Nothing changes outside glibc, in a nested block, or when the user set
    glibc's malloc options (``MALLOC_*_`` or ``GLIBC_TUNABLES``).

    Examples
    --------
    >>> import numpy as np
    >>> from patnet._fast import kept_memory
    >>> with kept_memory():
    ...     total = int(np.ones(10_000_000, dtype=np.int8).sum())
    >>> total
    10000000
    """
    global _kept_depth
    chosen = any(k.startswith("MALLOC_") and k.endswith("_") for k in os.environ) or \
        "malloc" in os.environ.get("GLIBC_TUNABLES", "")
    libc = None if _kept_depth or chosen else _glibc()
    _kept_depth += 1
    if libc is not None:
        libc.mallopt(_M_MMAP_MAX, 0)
        libc.mallopt(_M_TRIM_THRESHOLD, -1)  # -1: never trim
    try:
        yield
    finally:
        _kept_depth -= 1
        if libc is not None:
            libc.mallopt(_M_MMAP_MAX, _DEFAULT_MMAP_MAX)
            libc.mallopt(_M_TRIM_THRESHOLD, _DEFAULT_TRIM_THRESHOLD)
            libc.malloc_trim(0)


def prefetch(items, depth=1):
    """Iterate ``items`` with the next ones made on a background thread.

    While the caller works on one item, up to ``depth`` more are produced
    (reading and parsing release the GIL, so on two cores both go on at
    once). Items arrive in order; an exception raised while producing one is
    raised here, at that item. When the caller stops early the producer stops
    after its current item, and ``items`` is closed before this returns.

    Examples
    --------
    >>> from patnet._fast import prefetch
    >>> list(prefetch(str(i) for i in range(4)))
    ['0', '1', '2', '3']
    """
    import queue
    import threading

    box: queue.Queue = queue.Queue(maxsize=max(1, int(depth)))
    stop = threading.Event()
    it = iter(items)

    def put(entry):
        while not stop.is_set():
            try:
                box.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def produce():
        try:
            for item in it:
                if not put((True, item)):
                    return
            put((False, None))
        except BaseException as exc:  # handed to the consumer, raised there
            put((False, exc))

    worker = threading.Thread(target=produce, name="patnet-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            more, item = box.get()
            if not more:
                if item is not None:
                    raise item
                return
            yield item
    finally:
        stop.set()
        worker.join()
        close = getattr(it, "close", None)
        if close is not None:
            close()


def positions(series: pd.Series, values) -> np.ndarray:
    """Position of each value of ``series`` in ``values`` (-1 where absent or missing).

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet._fast import positions
    >>> positions(pd.Series(["b", None, "z"], dtype="string"), ["a", "b"]).tolist()
    [1, -1, -1]
    """
    vals = arrow_text(series, combine=False)
    pool = arrow_text(values)
    if len(pool) > BLOCK // 4:  # each call hashes the pool again: one call for a large one
        pos = pc.index_in(vals, value_set=pool, skip_nulls=True)
        return pc.fill_null(pos, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return map_blocks(vals, lambda block: pc.fill_null(
        pc.index_in(block, value_set=pool, skip_nulls=True), -1).to_numpy(zero_copy_only=False))


#: Rows worked on at once by :func:`blocks`' callers: the temporaries of one block are
#: freed and reused by the next, instead of being made for a whole column of tens of
#: millions of values (fresh memory is the dearest part of such work).
BLOCK = 1 << 20


def blocks(arr):
    """``(first row, block)`` for consecutive slices of at most :data:`BLOCK` rows of an
    Arrow array or chunked array (slices are views, not copies).

    Examples
    --------
    >>> import pyarrow as pa
    >>> from patnet._fast import blocks
    >>> [(i, b.to_pylist()) for i, b in blocks(pa.chunked_array([["a"], ["b", "c"]]))]
    [(0, ['a']), (1, ['b', 'c'])]
    """
    start = 0
    for chunk in chunks_of(arr):
        for a in range(0, len(chunk), BLOCK):
            yield start + a, chunk.slice(a, BLOCK)
        start += len(chunk)


def map_blocks(arr, func) -> np.ndarray:
    """``func`` applied to each of :func:`blocks`' slices of ``arr``, its results (one
    integer per row) written into one int64 array: only one block's temporaries at a time.

    Examples
    --------
    >>> import pyarrow as pa, pyarrow.compute as pc
    >>> from patnet._fast import map_blocks
    >>> map_blocks(pa.chunked_array([["a"], ["bb", "ccc"]]),
    ...            lambda b: pc.utf8_length(b).to_numpy()).tolist()
    [1, 2, 3]
    """
    out = np.empty(len(arr), dtype=np.int64)
    for start, block in blocks(arr):
        out[start:start + len(block)] = func(block)
    return out


def _key_array(s: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The column as Arrow data for sorting and comparing; a chunked text column is passed as
    it is (joining its chunks would copy the whole column, and sorts take chunked data)."""
    if pd.api.types.is_bool_dtype(s.dtype):
        s = s.astype("Int8")
    if pd.api.types.is_datetime64_any_dtype(s):
        return pa.array(s.to_numpy(), from_pandas=True)
    return pa.array(s.array, from_pandas=True)


def repeats_previous(df: pd.DataFrame, columns, order, keys=None) -> np.ndarray:
    """Rows equal on ``columns`` to the row before them in ``order`` (missing equals missing).

    With ``order`` from :func:`sort_order` over keys that start with
    ``columns`` (or include them all), every exact duplicate but the first of
    its group is marked: this is ``df.duplicated(columns)`` computed by one
    sort and a comparison of neighbours, which is linear in memory and much
    faster on millions of text rows. The result is indexed by row position.

    Columns are compared in the order given, each only on the neighbour pairs
    still equal on the columns before it, so after a leading key that is
    nearly unique the rest costs almost nothing. ``keys`` maps a column to
    integer codes that stand for it (equal codes exactly when equal values),
    which are compared instead of the text.

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet._fast import repeats_previous, sort_order
    >>> df = pd.DataFrame({"a": ["2", "1", None, "1", None], "b": [1, 2, 0, 2, 0]})
    >>> repeats_previous(df, ["a", "b"], sort_order(df, ["a", "b"])).tolist()
    [False, False, False, True, True]
    """
    n = len(df)
    out = np.zeros(n, dtype=bool)
    if n < 2:
        return out
    keys = keys or {}
    order = np.asarray(order)
    # neighbour pairs (later[i], earlier[i]) still equal on every column compared so far
    later, earlier = order[1:], order[:-1]
    for c in columns:
        if not len(later):
            break
        if c in keys:
            code = np.asarray(keys[c])
            eq = code[later] == code[earlier]
        else:
            arr = _key_array(df[c])
            a, b = arr.take(pa.array(later)), arr.take(pa.array(earlier))
            eq = pc.fill_null(pc.equal(a, b), False).to_numpy(zero_copy_only=False)
            if arr.null_count:
                eq = eq | pc.and_(pc.is_null(a), pc.is_null(b)).to_numpy(zero_copy_only=False)
        later, earlier = later[eq], earlier[eq]
    out[later] = True
    return out


def unique_sorted(values) -> np.ndarray:
    """The distinct values of an integer array, sorted: ``np.unique(values)``, faster.

    One sort and a comparison of neighbours. NumPy 2.4's ``np.unique`` without
    ``return_*`` arguments takes a hashing path that is many times slower on
    millions of values (9 million 64-bit keys: 3.6-9 s against 0.1 s here).

    Examples
    --------
    >>> from patnet._fast import unique_sorted
    >>> unique_sorted([3, 1, 3, 2, 1]).tolist()
    [1, 2, 3]
    """
    out = np.sort(np.asarray(values).ravel())
    if len(out) > 1:
        out = out[np.concatenate(([True], out[1:] != out[:-1]))]
    return out


def is_identity(order) -> bool:
    """Whether ``order`` is ``0, 1, ..., n-1`` (input already in order: nothing to take).

    Examples
    --------
    >>> from patnet._fast import is_identity
    >>> is_identity([0, 1, 2]), is_identity([1, 0, 2])
    (True, False)
    """
    order = np.asarray(order)
    return bool(len(order) == 0 or (order[0] == 0 and np.all(np.diff(order) == 1)))


def take_rows(df: pd.DataFrame, positions) -> pd.DataFrame:
    """The rows of ``df`` at ``positions`` (a fresh RangeIndex), one column at a time.

    Columns are removed from ``df`` as they are taken, so a large table is
    never held twice (``df`` is left empty: pass a frame nobody else needs).
    When ``positions`` are a few runs of consecutive rows, text columns are
    made of slices of the columns themselves (no copy).

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet._fast import take_rows
    >>> take_rows(pd.DataFrame({"a": ["x", "y", "z"], "b": [1, 2, 3]}), [2, 0])
       a  b
    0  z  3
    1  x  1
    """
    positions = np.asarray(positions, dtype=np.int64)
    n = len(df)
    if len(positions) == n and is_identity(positions):
        return df.reset_index(drop=True)
    runs = _runs(positions, n)
    cols = {}
    idx = None
    done: dict = {}  # text columns taken, by their memory: a column that shares it is not taken twice
    for c in list(df.columns):
        if df[c].dtype != _TEXT:
            cols[c] = df[c].take(positions).reset_index(drop=True)
            del df[c]
            continue
        src = df[c].array._pa_array
        key = _memory_key(src)
        del df[c]
        if key not in done and runs is not None:  # slices of the column itself: no copy
            done[key] = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(
                [c for lo, hi in runs for c in chunks_of(src.slice(lo, hi - lo))],
                type=src.type)), dtype=_TEXT)
        elif key not in done:
            # Arrow joins the chunks of a column before taking from it: joined here, with the
            # chunks freed before the take, the column is held twice at most, not three times
            whole = src.combine_chunks()
            del src
            if idx is None:
                idx = pa.array(positions.astype(np.int32) if n <= np.iinfo(np.int32).max
                               else positions)
            done[key] = pd.Series(pd.arrays.ArrowStringArray(whole.take(idx)), dtype=_TEXT)
            del whole
            # hand the freed pages back now, not after the allocator's decay: a table's
            # columns are reordered one after another, and without this the freed copies
            # of the columns before still counted in the peak (a whole release: up to
            # 12.4 GB against 11.2-12.0 GB)
            pa.default_memory_pool().release_unused()
        cols[c] = done[key]
    return pd.DataFrame(cols, copy=False) if cols else pd.DataFrame(index=pd.RangeIndex(len(positions)))


#: Most runs of consecutive positions :func:`take_rows` turns into slices of the columns
#: (a table in order but for where its rows start, for instance: numbered patents sorted
#: as numbers, whose ids sort as text from 10,000,000 on, come in two runs).
RUNS_AS_SLICES = 64


def _runs(positions: np.ndarray, n: int) -> list | None:
    """``[(start, stop), ...]``: ``positions`` as runs of consecutive positions, when there
    are at most :data:`RUNS_AS_SLICES` of them and they keep most of the ``n`` rows (slices
    hold on to the whole column); else None."""
    if not len(positions) or 2 * len(positions) < n or positions.min() < 0 or positions.max() >= n:
        return None
    cut = np.flatnonzero(np.diff(positions) != 1) + 1
    if len(cut) >= RUNS_AS_SLICES:
        return None
    starts = np.concatenate([[0], cut])
    stops = np.concatenate([cut, [len(positions)]])
    return [(int(positions[a]), int(positions[a]) + int(b - a)) for a, b in zip(starts, stops)]


def pair_order(first, second) -> np.ndarray | None:
    """The stable order by two integer keys, or None when two rows have the same pair.

    ``first`` holds integer codes (none missing); ``second`` is an integer
    column whose missing values sort last. When no two rows are equal on
    both keys, this is the order :func:`sort_order` gives over keys that
    start with these two (the keys after them never decide), and no row can
    repeat another: a link table whose rows are unique on (patent, sequence)
    is sorted by one NumPy sort of a combined integer key (several times
    faster than a sort over all its columns) and needs no search for
    duplicates.

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet._fast import pair_order
    >>> pair_order([1, 0, 1, 0], pd.array([0, None, None, 1], dtype="Int64")).tolist()
    [3, 1, 0, 2]
    >>> pair_order([0, 0], pd.array([1, 1], dtype="Int64")) is None
    True
    """
    first = np.asarray(first, dtype=np.int64)
    n = len(first)
    s = pd.array(second)
    if n < 2 or not pd.api.types.is_integer_dtype(s.dtype) or first.min() < 0:
        return None
    missing = np.asarray(pd.isna(s), dtype=bool)
    vals = np.asarray(s.to_numpy(dtype=np.int64, na_value=0) if missing.any()
                      else s.to_numpy(dtype=np.int64))
    known = vals[~missing]
    lo, hi = (int(known.min()), int(known.max())) if len(known) else (0, 0)
    width = hi - lo + 2  # the last value is the missing one
    if (int(first.max()) + 1) * width >= 2 ** 62:
        return None
    key = first * width
    key += vals
    key -= lo
    key[missing] = first[missing] * width + width - 1
    order = np.argsort(key, kind="stable")
    for a in range(0, n, BLOCK):  # a tie is two neighbours equal in sorted order
        seg = key[order[a:a + BLOCK + 1]]
        if (seg[1:] == seg[:-1]).any():
            return None
    return order


def sort_order(df: pd.DataFrame, keys, codes=None) -> np.ndarray:
    """Positions that sort ``df`` by ``keys`` (ascending, missing values last), stable.

    Sorting on the columns themselves (through Arrow) instead of a joined
    string key keeps memory linear and is fast on millions of rows.
    ``codes`` maps a key column to integer codes in the same order as its
    values (for example ranks in a sorted list of the ids), sorted instead
    of the text: integers sort several times faster than strings.

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet._fast import sort_order
    >>> df = pd.DataFrame({"a": ["2", "1", None, "1"], "b": [1, 2, 0, 1]})
    >>> sort_order(df, ["a", "b"]).tolist()
    [3, 1, 0, 2]
    """
    if len(df) < 2:
        return np.arange(len(df))
    codes = codes or {}
    arrays = {f"k{i}": (pa.array(np.asarray(codes[c])) if c in codes else _key_array(df[c]))
              for i, c in enumerate(keys)}
    order = pc.sort_indices(pa.table(arrays), sort_keys=[(k, "ascending") for k in arrays])
    return order.to_numpy()
