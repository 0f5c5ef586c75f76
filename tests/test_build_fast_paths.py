"""patnet.build: the fast paths give what the general paths give.

Link tables grouped by patent in patent order (as the readers write them)
take shortcuts: patent codes from the runs of the column, row pointers from
counts, a patents table used as it is when already sorted. Each test builds
the same corpus in that order and shuffled (which takes the general paths)
and checks that the graphs, incidences and counts are identical.
"""

from __future__ import annotations

import sys
from unittest import mock

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patnet import build
from patnet.build import _levels
from patnet.build.incidence import (
    DENSE_PAIR_UNITS, _offdiagonal, _projections, from_codes, sorted_distinct,
)
from patnet.build.weights import pair_weights
from patnet.testing import make_corpus

incidence_module = sys.modules["patnet.build.incidence"]
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def cn(*provinces):
    return [{"country": "CN"} if p is None else {"country": "CN", "province": f"CN-{p}"}
            for p in provinces]


@pytest.fixture(scope="module")
def mixed():
    """Missing provinces, other countries, a missing country, duplicate rows, a patent
    without inventors, and ids whose code-point order is not their numeric order."""
    return make_corpus({
        "10": cn("BJ", "BJ", None) + ["SG", "US"],
        "9": cn("SH") + ["SG", "SG", None],
        "11": cn(None, None),
        "100": ["US", "JP", "JP"] + cn("GD", "JS", "JS"),
        "2": cn("BJ"),
        "3": [],
        "4": ["DE", "FR"] + cn("SH", "BJ"),
    })


@pytest.fixture(scope="module")
def linked(mixed):
    """``mixed`` without its patent that has no inventors (every patent has link rows)."""
    return mixed.filter_patents([p for p in mixed.patents["patent_id"] if p != "3"])


def shuffled(corpus, seed=0):
    """The same corpus with its patents and inventor rows in another order."""
    rng = np.random.default_rng(seed)
    inv = corpus.inventors
    pat = corpus.patents
    return corpus.replace(inventors=inv.iloc[rng.permutation(len(inv))].reset_index(drop=True),
                          patents=pat.iloc[rng.permutation(len(pat))].reset_index(drop=True))


def grouped(corpus):
    """The same corpus with patents sorted and inventor rows grouped in patent order."""
    pat = corpus.patents.sort_values("patent_id", kind="stable").reset_index(drop=True)
    inv = corpus.inventors.sort_values("patent_id", kind="stable").reset_index(drop=True)
    return corpus.replace(inventors=inv, patents=pat)


def public(G):
    return {k: v for k, v in G.graph.items() if not k.startswith("_")}


def assert_same_graph(G, H):
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert list(G.edges(data=True)) == list(H.edges(data=True))
    assert public(G) == public(H)
    a, b = G.graph["_provenance"], H.graph["_provenance"]
    assert a.patents.tolist() == b.patents.tolist() and a.units.tolist() == b.units.tolist()
    assert (a.matrix != b.matrix).nnz == 0


@pytest.mark.parametrize("corpus", ["mixed", "linked"])
@pytest.mark.parametrize("level", ["country", "province+country", "province", "region"])
@pytest.mark.parametrize("counting", ["full", "fractional", "patent_share"])
def test_geo_graph_same_in_any_row_order(corpus, level, counting, request):
    corpus = request.getfixturevalue(corpus)
    G = build.geo_graph(grouped(corpus), level=level, counting=counting)
    for seed in range(3):
        assert_same_graph(G, build.geo_graph(shuffled(corpus, seed), level=level,
                                             counting=counting))


def test_grouped_tables_take_the_fast_path(linked, monkeypatch):
    G = build.geo_graph(grouped(linked), counting="fractional")

    def no_lookup(*args, **kwargs):
        raise AssertionError("patent ids were looked up")

    monkeypatch.setattr(_levels, "id_positions", no_lookup)
    assert_same_graph(G, build.geo_graph(grouped(linked), counting="fractional"))
    with pytest.raises(AssertionError, match="looked up"):
        build.geo_graph(shuffled(linked), counting="fractional")


def test_geo_graph_known_answers(mixed):
    G = build.geo_graph(grouped(mixed), counting="fractional", unresolved="drop")
    assert G.graph["n_patents"] == 7 and G.graph["rows_unresolved"] == 3
    assert G.graph["rows_dropped_missing_country"] == 1
    # patent "10": BJ, SG, US distinct units (the unresolved row dropped): pairs get 1/2
    assert G.edges["province:CN-BJ", "country:US"]["weight"] == 0.5
    assert G.nodes["province:CN-BJ"]["internal_patents"] == 1
    assert G.graph["_provenance"].patents.tolist() == ["10", "100", "11", "2", "3", "4", "9"]
    H = build.geo_graph(grouped(mixed), restrict=True, partners=["SG"], self_loops=False)
    assert sorted(H.edges) == [("country:SG", "province:CN-BJ"),
                               ("country:SG", "province:CN-SH"),
                               ("country:SG", "province:unresolved")]


@pytest.mark.parametrize("level", ["province", "province+country"])
def test_provinces_of_other_countries_are_not_units(level):
    # only focal-country rows are split into provinces; a province given on another
    # country's row (a stray value) makes no node, and the row keeps its country
    c = make_corpus({"1": [{"country": "SG", "province": "CN-JS"}] + cn("BJ"),
                     "2": [{"country": "US", "province": "CN-SH"}] + cn(None)})
    inc = build.level_incidence(c, level)
    expected = (["province:CN-BJ", "province:unresolved"] if level == "province" else
                ["country:SG", "country:US", "province:CN-BJ", "province:unresolved"])
    assert inc.units.tolist() == expected
    assert inc.info["rows_unresolved"] == 1
    assert inc.info["rows_used"] == (2 if level == "province" else 4)


def test_incidence_patents_are_an_object_array(mixed):
    inc = build.level_incidence(grouped(mixed), "province+country")
    assert isinstance(inc.patents, np.ndarray) and inc.patents.dtype == object
    assert inc.patents.tolist() == sorted(mixed.patents["patent_id"])
    assert inc.patents is inc.patents  # made once
    assert inc.patents_of("province:CN-BJ", "country:SG") == ["10"]


def reference_codes(links, patents):
    return pd.Index(np.asarray(patents, dtype=object)).get_indexer(
        np.asarray(links, dtype=object)).tolist()


ids = st.text("0123456789ab", min_size=1, max_size=3)


@SETTINGS
@given(st.lists(ids, min_size=0, max_size=12, unique=True), st.data())
def test_patent_codes(patents, data):
    links = data.draw(st.lists(st.sampled_from(patents), max_size=20)) if patents else []
    if data.draw(st.booleans()):
        links = sorted(links)
    universe = sorted_distinct(pd.Series(patents, dtype="string"))
    df = pd.DataFrame({"patent_id": pd.array(links, dtype="string")})
    codes = _levels._patent_codes(df, universe)
    assert codes.tolist() == reference_codes(links, universe.to_pylist())
    assert universe.to_pylist() == sorted(set(patents))


def test_patent_codes_outside_and_missing():
    universe = pa.array(["1", "2", "3"], type=pa.large_string())
    df = pd.DataFrame({"patent_id": pd.array(["1", "1", "4", None, "3"], dtype="string")})
    assert _levels._patent_codes(df, universe).tolist() == [0, 0, -1, -1, 2]
    df = pd.DataFrame({"patent_id": pd.array(["1", "2", "2", "3"], dtype="string")})
    assert _levels._patent_codes(df, pa.array(["1", "2", "3"])).tolist() == [0, 1, 1, 2]


@SETTINGS
@given(st.lists(st.tuples(st.integers(-1, 5), st.integers(-1, 4)), max_size=30))
def test_from_codes_any_order(pairs):
    p = np.array([a for a, _ in pairs], dtype=np.int64)
    u = np.array([b for _, b in pairs], dtype=np.int64)
    keep_p, keep_u = p.copy(), u.copy()
    order = np.argsort(p, kind="stable")
    a = from_codes(p, u, [str(i) for i in range(6)], list("abcde"))
    b = from_codes(p[order], u[order], [str(i) for i in range(6)], list("abcde"))
    assert np.array_equal(p, keep_p) and np.array_equal(u, keep_u)  # the caller's codes
    dense = np.zeros((6, 5), dtype=np.int64)
    ok = (p >= 0) & (u >= 0)
    np.add.at(dense, (p[ok], u[ok]), 1)
    for inc in (a, b):
        assert inc.matrix.has_canonical_format and inc.matrix.dtype == np.int64
        assert inc.matrix.toarray().tolist() == dense.tolist()


def reference_projection(B, counting):
    """The projection as first written: D[multi].T @ diag(w) @ D[multi], diagonal removed."""
    D = sp.csr_array((np.ones(B.nnz), B.indices, B.indptr), shape=B.shape)
    n = np.diff(D.indptr)
    multi = np.flatnonzero(n >= 2)
    Dm = D[multi]
    W = sp.coo_array(Dm.T @ (sp.diags_array(pair_weights(n[multi], counting)) @ Dm))
    keep = W.coords[0] != W.coords[1]
    return sp.csr_array((W.data[keep], (W.coords[0][keep], W.coords[1][keep])), shape=W.shape)


corpora = st.dictionaries(keys=st.text("0123456789", min_size=1, max_size=3),
                          values=st.lists(st.sampled_from(list("ABCDEFG")), max_size=7),
                          min_size=1, max_size=15)


@SETTINGS
@given(corpora, st.sampled_from(["full", "fractional", "patent_share"]),
       st.sampled_from([0, DENSE_PAIR_UNITS]), st.sampled_from([1, 2, 5, 1 << 20]))
def test_projection_is_exactly_the_reference(spec, counting, dense_limit, block):
    rows = [(p, u) for p, us in spec.items() for u in us]
    inc = build.incidence(pd.DataFrame(rows, columns=["patent_id", "unit"], dtype="string"),
                          units=list("ABCDEFG"))
    # dense_limit 0: the sparse product; otherwise the pairs summed in a dense table, whose
    # pairs are listed `block` pairs at a time (a patent with more pairs is one block)
    with mock.patch.object(incidence_module, "DENSE_PAIR_UNITS", dense_limit), \
            mock.patch.object(incidence_module, "BLOCK", block):
        W = build.project(inc, counting)
        full, other = _projections(inc.matrix, ("full", counting))
        assert (full != build.project(inc, "full")).nnz == 0 and (other != W).nnz == 0
    R = reference_projection(inc.matrix, counting)
    assert W.has_sorted_indices and W.dtype == np.float64
    assert (W != R).nnz == 0  # bit for bit, not approximately


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from([0.0, 0.5, 1.0, -1.0])),
                max_size=40))
def test_offdiagonal_equals_the_coordinate_rule(entries):
    # repeated cells (summed), explicit zeros and cells summing to zero, unsorted rows
    entries = sorted(entries, key=lambda e: e[0])  # grouped by row, as CSR stores them
    r = np.array([e[0] for e in entries], dtype=np.int32)
    c = np.array([e[1] for e in entries], dtype=np.int32)
    v = np.array([e[2] for e in entries], dtype=float)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(r, minlength=6))]).astype(np.int32)
    W = sp.csr_array((v, c, indptr), shape=(6, 6))  # stored as given: repeats and zeros kept
    dense = np.zeros((6, 6))
    np.add.at(dense, (r, c), v)
    np.fill_diagonal(dense, 0)
    out = _offdiagonal(W.copy(), (6, 6))
    assert out.has_sorted_indices
    assert np.array_equal(out.toarray(), dense)
    assert (out.data != 0).all()
    ref = sp.csr_array(dense)  # no stored zeros, sorted
    assert np.array_equal(out.indptr, ref.indptr) and np.array_equal(out.indices, ref.indices)


def test_dense_and_sparse_projections_agree_on_a_corpus(mixed):
    inc = build.level_incidence(mixed, "province+country")
    for counting in ("full", "fractional", "patent_share"):
        dense = build.project(inc, counting)
        with mock.patch.object(incidence_module, "DENSE_PAIR_UNITS", 0):
            sparse = build.project(inc, counting)
        assert (dense != sparse).nnz == 0 and dense.nnz == sparse.nnz > 0


def test_fractional_counts_with_empty_rows():
    B = sp.csr_array(np.array([[2, 0, 1], [0, 0, 0], [1, 1, 0], [0, 0, 0], [0, 0, 3]]))
    shares = build.fractional_counts(B)
    assert shares.tolist() == [2 / 3 + 1 / 2, 1 / 2, 1 / 3 + 1]


# -- sector pairs of organisation edges -------------------------------------------------
def _sector_pairs_by_edge(sectors, er, ec):
    """The rule spelled out edge by edge: SECTOR_ORDER first, others after, ties as given."""
    from patnet.build.graphs import SECTOR_ORDER

    rank = {s: i for i, s in enumerate(SECTOR_ORDER)}
    out = []
    for i, j in zip(er, ec):
        a, b = sectors[i], sectors[j]
        if rank.get(b, len(rank)) < rank.get(a, len(rank)):
            a, b = b, a
        out.append(f"{a}|{b}")
    return out


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["firm", "university", "government", "research_institute",
                                 "individual", "unknown", "hospital", "ngo", None]),
                min_size=1, max_size=12),
       st.data())
def test_sector_pairs_equal_the_edge_by_edge_rule(sectors, data):
    from patnet.build.graphs import _sector_pairs

    n = len(sectors)
    edges = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                               max_size=30))
    er = np.array([e[0] for e in edges], dtype=np.int64)
    ec = np.array([e[1] for e in edges], dtype=np.int64)
    arr = np.array(sectors, dtype=object)
    got = _sector_pairs(arr)(er, ec)["sector_pair"]
    assert got.dtype == object
    assert got.tolist() == _sector_pairs_by_edge(arr, er, ec)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=4),
                          st.sampled_from(["", "a", "A", "é", "中", "𝔸", "inventor:1"])),
                max_size=30), st.lists(st.integers(0, 30), max_size=4))
def test_factorize_sorted_equals_pandas(values, cuts):
    from patnet._fast import factorize_sorted

    s = pd.Series(values, dtype="string")
    want_codes, want_uniq = pd.factorize(s, sort=True)
    # the column as one array, and cut into chunks (encoded without joining them)
    bounds = [0, *sorted(min(c, len(values)) for c in cuts), len(values)]
    chunked = pa.chunked_array([pa.array(values[a:b], pa.large_string())
                                for a, b in zip(bounds, bounds[1:])], pa.large_string())
    for given_ in (s, chunked, pd.Series(pd.arrays.ArrowStringArray(chunked))):
        codes, uniq = factorize_sorted(given_)
        assert codes.dtype == np.int64 and uniq.dtype == object
        assert codes.tolist() == want_codes.tolist()
        assert uniq.tolist() == list(want_uniq)
        # with a prefix (node ids): the same codes, every value prefixed
        codes, uniq = factorize_sorted(given_, prefix="inventor:")
        assert codes.tolist() == want_codes.tolist() and uniq.dtype == object
        assert uniq.tolist() == [f"inventor:{u}" for u in want_uniq]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # patched per example
@given(st.lists(st.one_of(st.none(), st.text(max_size=4),
                          st.sampled_from(["", "a", "A", "é", "中", "𝔸", "a\x00", "b"])),
                max_size=60))
def test_text_order_in_two_parts_equals_arrows_sort(monkeypatch, values):
    """Split at a pivot and sorted on two threads, the order is Arrow's own (stable, missing
    values last), whatever the pivot falls on: the smallest value, a repeated one, the largest."""
    import patnet._fast as fast

    arr = pa.array(values, pa.large_string())
    want = pc.sort_indices(arr).to_numpy().tolist()
    with monkeypatch.context() as m:
        m.setattr(fast, "SPLIT_SORT_FROM", 2)
        m.setattr(fast, "cpus", lambda: 2)
        assert fast.text_order(arr).tolist() == want
        assert fast.text_order(arr.drop_null()).tolist() == pc.sort_indices(
            arr.drop_null()).to_numpy().tolist()
        # a factorization through it is pandas' sorted one
        codes, uniq = fast.factorize_sorted(arr)
    want_codes, want_uniq = pd.factorize(pd.Series(values, dtype="string"), sort=True)
    assert codes.tolist() == want_codes.tolist() and uniq.tolist() == list(want_uniq)


def test_text_order_splits_only_large_arrays_without_missing_values(monkeypatch):
    """Two threads sort when the array is long, complete and two processors are free."""
    import patnet._fast as fast

    calls = []
    real = fast.pc.sort_indices
    monkeypatch.setattr(fast.pc, "sort_indices", lambda a: calls.append(len(a)) or real(a))
    monkeypatch.setattr(fast, "SPLIT_SORT_FROM", 4)
    monkeypatch.setattr(fast, "cpus", lambda: 2)
    values = ["d", "b", "e", "a", "c", "f", "b"]
    assert fast.text_order(values).tolist() == [3, 1, 6, 4, 0, 2, 5]
    assert sorted(calls[1:]) == [3, 4]  # the sample, then the two parts (below "c", the rest)
    calls.clear()
    fast.text_order(values[:3])  # short
    fast.text_order(values + [None])  # a missing value
    monkeypatch.setattr(fast, "cpus", lambda: 1)
    fast.text_order(values)  # one processor
    assert calls == [3, 8, 7]


def test_factorize_sorted_with_a_dictionary_per_chunk(monkeypatch):
    """Chunks encoded each with a dictionary of its own are unified first."""
    import patnet._fast as fast

    encode = pc.dictionary_encode

    def per_chunk(arr):
        if isinstance(arr, pa.ChunkedArray):
            return pa.chunked_array([encode(c) for c in arr.chunks])
        return encode(arr)

    monkeypatch.setattr(fast.pc, "dictionary_encode", per_chunk)
    # the first two chunks' dictionaries are as long as each other, with other values
    values = pa.chunked_array([["b", None, "a"], ["c", "b"]], pa.large_string())
    codes, uniq = fast.factorize_sorted(values)
    assert uniq.tolist() == ["a", "b", "c"] and codes.tolist() == [1, -1, 0, 2, 1]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-1, 5), max_size=40), st.integers(1, 6),
       st.sampled_from([1, 3, 1 << 20]))
def test_compact_keeps_used_ids_sorted(code, n_ids, block):
    """Codes of the used ids, sorted; the codes come back as they are when nothing moves."""
    code = np.array([c if c < n_ids else -1 for c in code], dtype=np.int64)
    ids = np.array([f"u{k}" for k in range(n_ids)][::-1], dtype=object)  # not sorted
    for given_ids in (ids, ids[::-1].copy()):
        with mock.patch.object(_levels, "BLOCK", block):
            new, kept = _levels._compact(code, given_ids)
        used = sorted({given_ids[c] for c in code if c >= 0})
        assert kept.tolist() == used
        assert [kept[c] if c >= 0 else None for c in new] == \
            [given_ids[c] if c >= 0 else None for c in code]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=3), min_size=1, max_size=8, unique=True), st.data())
def test_compact_with_any_ids_in_any_order(ids, data):
    """Ids sorted, nearly sorted or not, non-ASCII: the sorted check agrees with sorting."""
    if data.draw(st.booleans()):
        ids = sorted(ids)  # the usual case: returned as they are
    code = np.array(data.draw(st.lists(st.integers(-1, len(ids) - 1), max_size=20)), dtype=np.int64)
    new, kept = _levels._compact(code, np.array(ids, dtype=object))
    assert kept.tolist() == sorted({ids[c] for c in code if c >= 0})
    assert [kept[c] if c >= 0 else None for c in new] == [ids[c] if c >= 0 else None for c in code]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["1", "10", "2", "D5", "RE7", "X1", "0123", "x y", None]),
                max_size=25),
       st.lists(st.sampled_from(["1", "10", "2", "D5", "RE7", "X1", "0123", "x y"]),
                unique=True, max_size=8))
def test_patent_codes_match_the_text_lookup(links, patents):
    """Codes of link rows in any order, canonical ids or not, equal Arrow's text lookup."""
    pool = pa.array(sorted(patents), pa.large_string())
    df = pd.DataFrame({"patent_id": pd.array(links, dtype="string")})
    want = pc.index_in(pa.array(links, pa.large_string()), value_set=pool).fill_null(-1)
    assert _levels._patent_codes(df, pool).tolist() == want.to_pylist()


def test_factorize_sorted_in_small_blocks(monkeypatch):
    """Codes written block by block (blocks cut inside and across chunks) are the same."""
    import patnet._fast as fast

    values = ["b", None, "a", "c", "b", "", "a"]
    chunked = pa.chunked_array([values[:3], values[3:4], values[4:]], pa.large_string())
    want = fast.factorize_sorted(chunked)
    monkeypatch.setattr(fast, "BLOCK", 2)
    codes, uniq = fast.factorize_sorted(chunked)
    assert codes.tolist() == want[0].tolist() == [2, -1, 1, 3, 2, 0, 1]
    assert uniq.tolist() == want[1].tolist() == ["", "a", "b", "c"]


def _mode_by_rule(code, values, n_units, exclude=None):
    """Most frequent value per unit, ties to the smallest, "" where none: row by row."""
    counts = {}
    for u, v in zip(code, values):
        if u < 0 or v is None or v is pd.NA or v == exclude:
            continue
        counts.setdefault(u, {}).setdefault(v, 0)
        counts[u][v] += 1
    out = [""] * n_units
    for u, c in counts.items():
        out[u] = min(c, key=lambda v: (-c[v], v))
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(-1, 5),
                          st.one_of(st.none(), st.sampled_from(["b", "a", "B", "é", "", "x"]))),
                max_size=40),
       st.sampled_from([None, "x"]))
def test_mode_equals_the_row_by_row_rule(rows, exclude):
    # units with one value throughout, with ties, with missing values only, and unused units
    code = np.array([r[0] for r in rows], dtype=np.int64)
    values = pd.Series([r[1] for r in rows], dtype="string")
    got = _levels._mode(code, values, 7, exclude=exclude)
    assert got.dtype == object
    assert got.tolist() == _mode_by_rule(code.tolist(), [r[1] for r in rows], 7, exclude)
