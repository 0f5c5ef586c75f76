"""Patent-number normalisation: the vectorised form agrees with the one-value form."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from patnet.ids import (IdIndex, id_positions, normalize_patent_id, normalize_patent_ids, normalized_ids,
                        patent_keys)

# what patent-number cells hold: digits, type prefixes, US / kind codes, separators,
# float and scientific forms, placeholders, lower case and surrounding blanks
_PIECES = st.sampled_from(["0", "1", "7", "9", "D", "RE", "pp", "US", "B2", " ", "\t", ",",
                           "-", ".", "E+", "e", "x", "", "N/A"])
_CELLS = st.one_of(st.none(), st.lists(_PIECES, max_size=8).map("".join),
                   st.integers(0, 10**9).map(str))


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELLS, max_size=30))
def test_vectorised_equals_one_by_one(cells):
    ids, changed = normalize_patent_ids(pd.Series(cells, dtype="string"))
    expected = [normalize_patent_id(v) for v in cells]
    assert ids.tolist() == [pd.NA if e[0] is None else e[0] for e in expected]
    assert changed.tolist() == [e[1] for e in expected]
    assert str(ids.dtype) == "string"


def test_plain_numbers_take_the_fast_path_and_keep_the_index():
    s = pd.Series(["6836899", " 06836899", "D0513425", None, "1.23457E+12"], index=[5, 4, 3, 2, 1],
                  dtype="string")
    ids, changed = normalize_patent_ids(s)
    assert ids.index.tolist() == [5, 4, 3, 2, 1]
    assert ids.tolist() == ["6836899", "6836899", "D513425", pd.NA, pd.NA]
    assert changed.tolist() == [None, "leading zeros", "leading zeros", "missing", "unrecoverable"]


@settings(max_examples=200, deadline=None)
@given(st.lists(_CELLS, max_size=30))
def test_positions_and_labels_are_the_changed_values(cells):
    ids, where, labels = normalized_ids(pd.Series(cells, dtype="string"))
    expected = [normalize_patent_id(v) for v in cells]
    assert ids.tolist() == [pd.NA if e[0] is None else e[0] for e in expected]
    assert where.tolist() == [i for i, e in enumerate(expected) if e[1] is not None]
    assert labels == [e[1] for e in expected if e[1] is not None]


def test_canonical_chunked_ids_are_returned_as_they_are():
    chunked = pa.chunked_array([pa.array(["6836899", "D513425"], pa.large_string()),
                                pa.array(["RE7"], pa.large_string())])
    s = pd.Series(pd.arrays.ArrowStringArray(chunked), index=[9, 8, 7], dtype="string")
    ids, where, labels = normalized_ids(s)
    out = ids.array._pa_array
    assert out.num_chunks == 2  # not combined, not copied
    assert out.chunk(0).buffers()[2].address == chunked.chunk(0).buffers()[2].address
    assert ids.index.tolist() == [9, 8, 7] and ids.tolist() == ["6836899", "D513425", "RE7"]
    assert where.tolist() == [] and labels == []
    # one value to change sends the column through the full path, chunks and all
    s2 = pd.concat([s, pd.Series([" 012"], index=[6], dtype="string")])
    ids2, where2, labels2 = normalized_ids(s2)
    assert ids2.tolist() == ["6836899", "D513425", "RE7", "12"]
    assert where2.tolist() == [3] and labels2 == ["leading zeros"]


_IDS = st.one_of(st.none(), st.sampled_from(["1", "7", "10", "0", "01", "D5", "D05", "RE7", "X1",
                                             "PP12", "1234567890123456", "US7", "", " 7"]),
                 st.integers(1, 10**15).map(str))


@settings(max_examples=300, deadline=None)
@given(st.lists(_IDS, max_size=20), st.lists(_IDS, max_size=10, unique=True))
def test_id_positions_equal_text_matching(values, pool):
    pool = [p for p in pool if p is not None]
    want = pc.fill_null(pc.index_in(pa.array(values, pa.string()),
                                    value_set=pa.array(pool, pa.string())), -1)
    assert id_positions(pd.Series(values, dtype="string"), pool).tolist() == want.to_pylist()


@given(st.lists(_IDS, max_size=20))
def test_patent_keys_are_equal_exactly_for_equal_canonical_ids(values):
    keys = patent_keys(pd.Series(values, dtype="string"))
    canon = [v is not None and normalize_patent_id(v) == (v, None)
             and len(v.lstrip("ADEHIPRTX")) <= 15 for v in values]  # letters of the prefixes
    assert (keys >= 0).tolist() == canon
    for i in range(len(values)):
        for j in range(len(values)):
            if keys[i] >= 0 and keys[j] >= 0:
                assert (keys[i] == keys[j]) == (values[i] == values[j])
    assert keys.dtype == np.int64


@settings(max_examples=200, deadline=None)
@given(st.lists(_IDS, max_size=20), st.lists(_IDS.filter(lambda v: v is not None), max_size=10))
def test_id_positions_with_repeated_ids_point_at_an_equal_id(values, pool):
    pos = id_positions(pd.Series(values, dtype="string"), pool)
    for v, p in zip(values, pos):
        assert (p >= 0) == (v is not None and v in pool)
        if p >= 0:
            assert pool[p] == v


def test_one_index_matches_several_chunked_columns_on_both_paths():
    # small numbers go through the lookup table; one number past it sends all to binary search
    for pool in (["12", "5", "D7", "RE3"], ["810166555", "5", "D7", "RE3"]):
        index = IdIndex(pd.Series(pool, dtype="string"))
        first = pa.chunked_array([pa.array(["5", None], pa.large_string()),
                                  pa.array(["D7", "8", pool[0]], pa.large_string())])
        s = pd.Series(pd.arrays.ArrowStringArray(first), dtype="string")
        assert index.positions(s).tolist() == [1, -1, 2, -1, 0]
        assert index.positions(["RE3", "X1", "05"]).tolist() == [3, -1, -1]
        assert index.positions(s).tolist() == id_positions(s, pool).tolist()
    assert (IdIndex(["5", "D7"]).table is not None, IdIndex(["810166555"]).table is None) == (True, True)


@settings(max_examples=150, deadline=None)
@given(st.lists(_IDS, max_size=25), st.lists(_IDS.filter(lambda v: v is not None), max_size=8),
       st.lists(st.integers(0, 25), max_size=3), st.integers(1, 4))
def test_keys_and_positions_in_small_blocks_equal_one_block(values, pool, cuts, block):
    from patnet import _fast

    bounds = sorted({0, len(values), *[min(c, len(values)) for c in cuts]})
    chunked = pa.chunked_array([pa.array(values[a:b], pa.large_string())
                                for a, b in zip(bounds, bounds[1:])], type=pa.large_string())
    s = pd.Series(pd.arrays.ArrowStringArray(chunked), dtype="string")
    whole_keys = patent_keys(pd.Series(values, dtype="string"))
    whole_pos = IdIndex(pool).positions(pd.Series(values, dtype="string"))
    old = _fast.BLOCK
    _fast.BLOCK = block  # blocks cut inside and across the chunks
    try:
        assert patent_keys(s).tolist() == whole_keys.tolist()
        assert IdIndex(pool).positions(s).tolist() == whole_pos.tolist()
    finally:
        _fast.BLOCK = old


@settings(max_examples=100, deadline=None)
@given(st.lists(_IDS, max_size=25), st.lists(_IDS.filter(lambda v: v is not None), max_size=12),
       st.integers(1, 12))
def test_text_positions_block_by_block_or_at_once_equal_index_in(values, pool, block):
    from patnet import _fast

    want = pc.fill_null(pc.index_in(pa.array(values, pa.string()),
                                    value_set=pa.array(pool, pa.string())), -1).to_pylist()
    old = _fast.BLOCK
    _fast.BLOCK = block  # small blocks, and pools both under and over a quarter of a block
    try:
        assert _fast.positions(pd.Series(values, dtype="string"), pool).tolist() == want
    finally:
        _fast.BLOCK = old


def test_a_missing_value_matches_nothing_even_when_the_ids_hold_a_missing_one():
    index = IdIndex(pd.Series(["7", None, "X1"], dtype="string"))  # text matching
    assert index.positions(pd.Series([None, "X1", "7"], dtype="string")).tolist() == [-1, 2, 0]
    assert id_positions([None, "7"], ["7", None]).tolist() == [-1, 0]
