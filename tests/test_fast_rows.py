"""patnet._fast row helpers: take_rows gives what pandas' own take gives, and pair_order
what the general sort (and the search for duplicates) gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from patnet import _fast
from patnet._fast import pair_order, repeats_previous, sort_order, take_rows

TEXT = pd.StringDtype("pyarrow")


def _chunked(values, cuts):
    """``values`` as an Arrow text column cut into chunks at ``cuts``."""
    arr = pa.array(values, pa.large_string())
    edges = [0, *sorted({min(c, len(values)) for c in cuts}), len(values)]
    return pa.chunked_array([arr.slice(a, b - a) for a, b in zip(edges, edges[1:])],
                            pa.large_string())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet="ab江 ", max_size=3)), min_size=1,
                max_size=30),
       st.lists(st.integers(0, 30), max_size=4), st.data(), st.sampled_from([0, 2, 64]))
def test_take_rows_equals_pandas_take(values, cuts, data, most_runs):
    n = len(values)
    pos = data.draw(st.one_of(
        st.lists(st.integers(0, n - 1), max_size=2 * n),
        # runs of consecutive rows (taken as slices when there are few)
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, n)), max_size=4).map(
            lambda runs: [i for a, k in runs for i in range(a, min(a + k, n))])))
    text = pd.Series(pd.arrays.ArrowStringArray(_chunked(values, cuts)), dtype=TEXT)
    df = pd.DataFrame({"t": text, "shared": text, "n": np.arange(n),
                       "m": pd.array(range(n), dtype="Int64"),
                       "other": pd.Series([str(i) for i in range(n)], dtype=TEXT)})
    want = df.copy().take(pos).reset_index(drop=True)
    saved = _fast.RUNS_AS_SLICES
    _fast.RUNS_AS_SLICES = most_runs
    try:
        got = take_rows(df, pos)
    finally:
        _fast.RUNS_AS_SLICES = saved
    pd.testing.assert_frame_equal(got, want)
    if pos != list(range(n)):  # (the identity returns the frame itself)
        assert df.columns.empty  # taken column by column out of the frame given


def test_columns_sharing_memory_are_taken_once():
    text = pd.Series(pd.arrays.ArrowStringArray(_chunked(["CN", "US", "de", None], [1, 3])),
                     dtype=TEXT)
    got = take_rows(pd.DataFrame({"country": text, "country_raw": text}), [3, 2, 0])
    assert got["country"].tolist() == [pd.NA, "de", "CN"]
    a = got["country"].array._pa_array.chunk(0).buffers()[2]
    b = got["country_raw"].array._pa_array.chunk(0).buffers()[2]
    assert a.address == b.address
    # equal values in other memory are two columns, taken each on its own
    other = pd.Series(["CN", "US", "de", None], dtype=TEXT)
    got = take_rows(pd.DataFrame({"country": text, "copy": other}), [1])
    assert (got["country"].array._pa_array.chunk(0).buffers()[2].address
            != got["copy"].array._pa_array.chunk(0).buffers()[2].address)


def test_few_runs_are_slices_of_the_column():
    # a table in order but for where it starts (ids sorted as numbers, wanted as text):
    # two runs, taken as slices of the column, without a copy
    values = [f"v{i}" for i in range(10)]
    col = _chunked(values, [4])
    df = pd.DataFrame({"t": pd.Series(pd.arrays.ArrowStringArray(col), dtype=TEXT),
                       "n": np.arange(10)})
    pos = [*range(6, 10), *range(0, 6)]
    got = take_rows(df, pos)
    assert got["t"].tolist() == [values[i] for i in pos]
    assert got["n"].tolist() == pos
    data = {c.buffers()[2].address for c in col.chunks}
    assert {c.buffers()[2].address for c in got["t"].array._pa_array.chunks} <= data
    # many runs, or most rows left out: taken (a copy), not sliced
    assert _fast._runs(np.array(pos), 10) == [(6, 10), (0, 6)]
    assert _fast._runs(np.arange(200)[::-1].copy(), 200) is None
    assert _fast._runs(np.array([0, 1]), 10) is None
    assert _fast._runs(np.array([0, 10]), 10) is None  # out of range: take raises


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.one_of(st.none(), st.integers(-3, 40)),
                          st.sampled_from(["x", "y"])), max_size=40),
       st.sampled_from([1, 2, 1 << 20]))
def test_pair_order_is_the_general_order(rows, block):
    df = pd.DataFrame({"patent": [r[0] for r in rows],
                       "sequence": pd.array([r[1] for r in rows], dtype="Int64"),
                       "other": pd.Series([r[2] for r in rows], dtype=TEXT)})
    codes = {"patent": df["patent"].to_numpy()}
    keys = ["patent", "sequence", "other"]
    want = sort_order(df, keys, codes=codes)
    import unittest.mock as mock

    with mock.patch.object(_fast, "BLOCK", block):
        got = pair_order(codes["patent"], df["sequence"].array)
    pairs = [(r[0], r[1]) for r in rows]
    if len(set(pairs)) < len(pairs):  # two rows share a pair (missing equals missing)
        assert got is None
    elif len(rows) >= 2:
        assert got is not None and got.tolist() == want.tolist()
        assert not repeats_previous(df, keys, want, keys=codes).any()


def test_pair_order_declines_what_it_cannot_combine():
    assert pair_order([0, 1], pd.array(["1", "2"], dtype=TEXT)) is None  # not integers
    assert pair_order([0, 0], pd.array([None, None], dtype="Int64")) is None  # missing = missing
    assert pair_order([0, 2 ** 40], pd.array([0, 2 ** 30], dtype="Int64")) is None  # too wide
    assert pair_order([1, 0], pd.array([5, 5], dtype="Int64")).tolist() == [1, 0]


@given(st.lists(st.integers(-(2**62), 2**62), max_size=60))
def test_unique_sorted_equals_numpy_unique(values):
    from patnet._fast import unique_sorted

    a = np.asarray(values, dtype=np.int64)
    got = unique_sorted(a)
    assert got.dtype == a.dtype
    np.testing.assert_array_equal(got, np.unique(a))
