"""patnet.build core: incidence, projection, counting and normalisation.

Known answers on the toy corpus of the issue, and properties on random link
tables (hypothesis).
"""

from __future__ import annotations

from math import comb, sqrt

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patnet import build
from patnet.exceptions import PatnetInputError

# P1 = [BJ, BJ, SH], P2 = [BJ, GD], P3 = [SH, GD, JS, JS], P4 = [BJ]
TOY = {"P1": ["BJ", "BJ", "SH"], "P2": ["BJ", "GD"], "P3": ["SH", "GD", "JS", "JS"], "P4": ["BJ"]}
UNITS = ["BJ", "GD", "JS", "SH"]


def links_of(spec: dict) -> pd.DataFrame:
    rows = [(p, u) for p, us in spec.items() for u in us]
    return pd.DataFrame(rows, columns=["patent_id", "unit"], dtype="string")


@pytest.fixture
def toy():
    return build.incidence(links_of(TOY))


def pairs(W, units):
    """{(u, v): w} for u < v from a symmetric sparse matrix."""
    coo = sp.coo_array(sp.triu(W, k=1))
    return {(units[i], units[j]): float(w) for i, j, w in zip(*coo.coords, coo.data)}


# ---------------------------------------------------------------- known answers
def test_toy_incidence(toy):
    assert toy.patents.tolist() == ["P1", "P2", "P3", "P4"]
    assert toy.units.tolist() == UNITS
    assert toy.matrix.toarray().tolist() == [[2, 0, 0, 1], [1, 1, 0, 0], [0, 1, 2, 1], [1, 0, 0, 0]]
    assert build.units_per_patent(toy).tolist() == [2, 2, 3, 1]  # two BJ make one BJ


def test_toy_full_counting(toy):
    got = pairs(build.project(toy, "full"), UNITS)
    assert got == {("BJ", "SH"): 1, ("BJ", "GD"): 1, ("GD", "SH"): 1, ("JS", "SH"): 1,
                   ("GD", "JS"): 1}
    assert ("BJ", "JS") not in got


def test_toy_fractional_counting(toy):
    got = pairs(build.project(toy, "fractional"), UNITS)
    assert got == {("BJ", "SH"): 1, ("BJ", "GD"): 1, ("GD", "SH"): 0.5, ("JS", "SH"): 0.5,
                   ("GD", "JS"): 0.5}


def test_toy_patent_share_counting(toy):
    got = pairs(build.project(toy, "patent_share"), UNITS)
    assert got == pytest.approx({("BJ", "SH"): 1, ("BJ", "GD"): 1, ("GD", "SH"): 1 / 3,
                                 ("JS", "SH"): 1 / 3, ("GD", "JS"): 1 / 3})
    assert sum(got.values()) == pytest.approx(3)  # three multi-unit patents


def test_toy_unit_counts(toy):
    frac = build.fractional_counts(toy)
    assert frac == pytest.approx([2 / 3 + 1 / 2 + 1, 1 / 2 + 1 / 4, 2 / 4, 1 / 3 + 1 / 4])
    assert frac.round(4).tolist() == [2.1667, 0.75, 0.5, 0.5833]
    assert frac.sum() == pytest.approx(4)  # number of patents
    assert build.fractional_counts(toy, by="units") == pytest.approx(
        [1 / 2 + 1 / 2 + 1, 1 / 2 + 1 / 3, 1 / 3, 1 / 2 + 1 / 3])
    assert build.occurrences(toy).tolist() == [3, 2, 1, 2]
    assert build.internal_counts(toy).tolist() == [1, 0, 1, 0]  # BJ twice on P1, JS twice on P3


def test_toy_normalisations(toy):
    W = build.project(toy, "full")
    occ = build.occurrences(toy)
    i, j = UNITS.index("BJ"), UNITS.index("SH")
    assert build.salton(W, occ)[i, j] == pytest.approx(1 / sqrt(6))      # occurrences 3 and 2
    assert build.jaccard(W, occ)[i, j] == pytest.approx(0.25)             # 1 / (3 + 2 - 1)
    assert build.association_strength(W)[i, j] == pytest.approx(10 / 6)   # 2m = 10, s = 2, 3
    assert build.occurrence_association(W, occ)[i, j] == pytest.approx(1 / 6)
    assert build.inclusion(W, occ)[i, j] == pytest.approx(0.5)
    assert build.equivalence(W, occ)[i, j] == pytest.approx(1 / 6)
    # SH-GD: salton 1/sqrt(2*2), association strength 10/(3*3)
    g, s = UNITS.index("GD"), UNITS.index("SH")
    assert build.salton(W, occ)[g, s] == pytest.approx(0.5)
    assert build.association_strength(W)[g, s] == pytest.approx(10 / 9)
    for m in build.NORMALIZATIONS:
        N = build.normalize(W, m, occurrences=occ)
        assert N.nnz == W.nnz and abs(N - N.T).max() == 0


def test_association_strength_is_not_the_occurrence_variant(toy):
    W = build.project(toy, "full")
    occ = build.occurrences(toy)
    a = build.normalize(W, "association_strength")
    b = build.normalize(W, "occurrence_association", occurrences=occ)
    assert not np.allclose(a.toarray(), b.toarray())


def test_association_strength_on_fractional_counts(toy):
    W = build.project(toy, "fractional")
    s = W.sum(axis=1)
    A = build.association_strength(W)
    i, j = 0, 3
    assert A[i, j] == pytest.approx(W[i, j] * s.sum() / (s[i] * s[j]))


def test_self_loops(toy):
    W = build.project(toy, self_loops=True)
    assert W.diagonal().tolist() == [1, 0, 1, 0]
    assert build.project(toy).diagonal().tolist() == [0, 0, 0, 0]


def test_backbone():
    W = sp.csr_array(np.array([[0, 3, 2, 1], [3, 0, 1, 0], [2, 1, 0, 0], [1, 0, 0, 0.]]))
    assert pairs(build.backbone(W, min_weight=2), "abcd") == {("a", "b"): 3, ("a", "c"): 2}
    assert set(pairs(build.backbone(W, top_k=1), "abcd")) == {("a", "b"), ("a", "c"), ("a", "d")}
    assert pairs(build.backbone(W, min_weight=2, top_k=1), "abcd") == {("a", "b"): 3, ("a", "c"): 2}
    with pytest.raises(PatnetInputError):
        build.backbone(W, top_k=0)


def test_pair_weights():
    assert build.pair_weights([0, 1, 2, 3, 4], "fractional").tolist() == [0, 0, 1, 0.5, 1 / 3]
    assert build.pair_weights([2, 3, 4], "patent_share") == pytest.approx([1, 1 / 3, 1 / 6])


def test_options_are_checked(toy):
    with pytest.raises(PatnetInputError, match="did you mean 'fractional'"):
        build.project(toy, "fractionel")
    with pytest.raises(PatnetInputError, match="salton"):
        build.normalize(build.project(toy), "saltn")
    with pytest.raises(PatnetInputError, match="occurrences"):
        build.normalize(build.project(toy), "salton")
    with pytest.raises(PatnetInputError, match="diagonal"):
        build.normalize(build.project(toy, self_loops=True), "association_strength")
    from patnet.build.weights import check_normalization

    with pytest.raises(PatnetInputError, match="counting='full'"):
        check_normalization("jaccard", "fractional")
    assert check_normalization("association_strength", "patent_share") == "association_strength"


def test_incidence_universes_and_missing():
    links = pd.DataFrame({"patent_id": ["1", "2", None, "3"], "unit": ["a", None, "b", "a"]},
                         dtype="string")
    inc = build.incidence(links, patents=["1", "2", "3", "4"], units=["a", "b", "c"])
    assert inc.shape == (4, 3)
    assert inc.info == {"rows_read": 4, "rows_used": 2, "rows_dropped": 2}
    with pytest.raises(PatnetInputError, match="outside the given universe"):
        build.incidence(links, units=["b"])
    with pytest.raises(PatnetInputError, match="no column 'units'"):
        build.incidence(links, unit="units")


def test_incidence_provenance_and_frame(toy):
    assert toy.patents_of("BJ", "SH") == ["P1"]
    assert toy.patents_of("BJ") == ["P1", "P2", "P4"]
    assert toy.patents_of("JS", "JS") == ["P3"]
    assert toy.patents_of("BJ", "JS") == []
    assert toy.patents_of("XX", "BJ") == []
    f = toy.to_frame()
    assert f.columns.tolist() == ["patent_id", "unit", "rows"]
    assert int(f["rows"].sum()) == 10


def test_node_ids():
    assert build.node_id("field", "H") == "field:H"
    assert build.split_node("org:a:b") == ("org", "a:b")
    with pytest.raises(PatnetInputError):
        build.node_id("city", "x")
    with pytest.raises(PatnetInputError):
        build.split_node("CN-JS")


# ---------------------------------------------------------------- properties
corpora = st.dictionaries(
    keys=st.text("0123456789", min_size=1, max_size=3),
    values=st.lists(st.sampled_from(list("ABCDEFG")), min_size=0, max_size=6),
    min_size=1, max_size=12)

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def as_dict(W, units):
    coo = sp.coo_array(W)
    return {(units[i], units[j]): float(w) for i, j, w in zip(*coo.coords, coo.data) if i < j}


def nx_bipartite(spec):
    B = nx.Graph()
    for p, us in spec.items():
        B.add_node(("p", p), bipartite=0)
        for u in us:
            B.add_node(u, bipartite=1)
            B.add_edge(("p", p), u)
    return B, sorted({u for us in spec.values() for u in us})


@SETTINGS
@given(corpora)
def test_projection_matches_networkx(spec):
    inc = build.incidence(links_of(spec))
    units = inc.units.tolist()
    B, unit_nodes = nx_bipartite(spec)
    assert units == unit_nodes
    full = as_dict(build.project(inc, "full"), units)
    expected = {tuple(sorted((u, v))): float(w) for u, v, w in
                nx.bipartite.weighted_projected_graph(B, unit_nodes).edges(data="weight")}
    assert full == expected
    frac = as_dict(build.project(inc, "fractional"), units)
    newman = {tuple(sorted((u, v))): w for u, v, w in
              nx.bipartite.collaboration_weighted_projected_graph(B, unit_nodes).edges(data="weight")}
    assert frac == pytest.approx(newman)
    k = [len(set(us)) for us in spec.values()]
    assert sum(full.values()) == sum(comb(n, 2) for n in k)


@SETTINGS
@given(corpora)
def test_counting_invariants(spec):
    inc = build.incidence(links_of(spec))
    if not inc.shape[1]:
        return
    D = (inc.matrix > 0).toarray()
    multi = D.sum(axis=1) >= 2
    F = build.project(inc, "fractional")
    assert F.sum(axis=1) == pytest.approx(D[multi].sum(axis=0))  # strength = multi-unit patents
    P = build.project(inc, "patent_share")
    assert P.sum() / 2 == pytest.approx(multi.sum())              # total = multi-unit patents
    linked = int((D.sum(axis=1) > 0).sum())
    assert build.fractional_counts(inc).sum() == pytest.approx(linked)
    assert build.fractional_counts(inc, by="units").sum() == pytest.approx(linked)
    assert build.occurrences(inc).tolist() == D.sum(axis=0).tolist()
    W = build.project(inc, "full")
    assert (W.diagonal() == 0).all()
    assert abs(W - W.T).max() == 0 if W.nnz else True
    S = build.salton(W, build.occurrences(inc))
    J = build.jaccard(W, build.occurrences(inc))
    assert (S.data <= 1 + 1e-12).all() and (J.data <= 1 + 1e-12).all()
    A = build.association_strength(W)
    assert A.nnz == W.nnz


@SETTINGS
@given(corpora, corpora, st.sampled_from(build.COUNTINGS))
def test_disjoint_corpora_add(a, b, counting):
    b = {f"x{p}": us for p, us in b.items()}  # disjoint patent ids
    units = sorted({u for s in (a, b) for us in s.values() for u in us})
    if not units:
        return

    def W(spec):
        return build.project(build.incidence(links_of(spec), units=units), counting).toarray()

    assert W({**a, **b}) == pytest.approx(W(a) + W(b))


@SETTINGS
@given(corpora, st.data(), st.sampled_from(build.COUNTINGS))
def test_removing_patents_never_increases_weights(spec, data, counting):
    units = sorted({u for us in spec.values() for u in us})
    if not units:
        return
    keep = data.draw(st.lists(st.sampled_from(sorted(spec)), unique=True))
    sub = {p: spec[p] for p in keep}

    def W(s):
        return build.project(build.incidence(links_of(s), units=units), counting).toarray()

    assert (W(sub) <= W(spec) + 1e-12).all()


@SETTINGS
@given(corpora, st.randoms(use_true_random=False))
def test_shuffling_rows_changes_nothing(spec, rnd):
    links = links_of(spec)
    order = list(range(len(links)))
    rnd.shuffle(order)
    a = build.incidence(links)
    b = build.incidence(links.iloc[order].reset_index(drop=True))
    assert a.patents.tolist() == b.patents.tolist() and a.units.tolist() == b.units.tolist()
    assert (a.matrix != b.matrix).nnz == 0
    for counting in build.COUNTINGS:
        assert (build.project(a, counting) != build.project(b, counting)).nnz == 0


@SETTINGS
@given(corpora, st.integers(1, 3))
def test_backbone_top_k_properties(spec, k):
    inc = build.incidence(links_of(spec))
    W = build.project(inc, "full")
    T = build.backbone(W, top_k=k)
    assert abs(T - T.T).max() == 0 if T.nnz else True
    # every unit with an edge keeps at least min(k, degree) edges
    deg_w = np.diff(sp.csr_array(W).indptr)
    deg_t = np.diff(sp.csr_array(T).indptr)
    assert (deg_t >= np.minimum(deg_w, k)).all()
    assert ((T != 0) > (W != 0)).nnz == 0  # a subset of W's edges
