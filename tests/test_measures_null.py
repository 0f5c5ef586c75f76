"""Null models: exact margins, uniform sampling, planted ties, reproducibility."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import chisquare

import patnet as pn
from patnet.build import Incidence, incidence, project
from patnet.exceptions import PatnetInputError
from patnet.measures.null import edge_significance, metric_significance, null_model
from patnet.measures.triple_helix import triple_helix_from_table, triple_helix_table
from patnet.testing import make_corpus

METHODS = ("curveball", "swap")


def margins(M):
    M = np.asarray(M.toarray() if sp.issparse(M) else M)
    return M.sum(axis=1).tolist(), M.sum(axis=0).tolist()


binary_matrices = st.integers(1, 7).flatmap(
    lambda r: st.integers(1, 7).flatmap(
        lambda c: st.lists(st.lists(st.booleans(), min_size=c, max_size=c),
                           min_size=r, max_size=r)))


# --------------------------------------------------------------------------
# margins, types, reproducibility

@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=binary_matrices, seed=st.integers(0, 2**32 - 1))
def test_margins_are_preserved_exactly(method, rows, seed):
    B = np.array(rows, dtype=np.int64)
    want = margins(B)
    for S in null_model(B, n=5, seed=seed, method=method, n_swaps=7, burn_in=3):
        assert S.shape == B.shape
        assert set(np.unique(S).tolist()) <= {0, 1}
        assert margins(S) == want


@settings(max_examples=30, deadline=None)
@given(rows=binary_matrices, seed=st.integers(0, 1000))
def test_sparse_input_keeps_margins_and_type(rows, seed):
    B = sp.csr_array(np.array(rows, dtype=np.int64) * 3)   # counts > 1 are links
    want = margins(B > 0)
    for S in null_model(B, n=3, seed=seed):
        assert isinstance(S, sp.csr_array)
        assert margins(S) == want


@pytest.mark.parametrize("method", METHODS)
def test_reproducible_and_global_state_untouched(method):
    rng = np.random.default_rng(0)
    B = (rng.random((30, 12)) < 0.25).astype(int)
    random.seed(123)
    np.random.seed(456)
    before = (random.getstate(), np.random.get_state()[1].copy())
    a = [S.copy() for S in null_model(B, n=10, seed=9, method=method)]
    b = list(null_model(B, n=10, seed=9, method=method))
    c = list(null_model(B, n=10, seed=10, method=method))
    assert random.getstate() == before[0]
    assert (np.random.get_state()[1] == before[1]).all()
    assert all((x == y).all() for x, y in zip(a, b))
    assert any((x != y).any() for x, y in zip(a, c))
    assert len({S.tobytes() for S in a}) > 1
    # a Generator is accepted as the seed
    g = list(null_model(B, n=2, seed=np.random.default_rng(9), method=method))
    assert all(margins(S) == margins(B) for S in g)


def test_incidence_in_incidence_out():
    c = make_corpus({"1": ["CN", "SG", "SG"], "2": ["SG", "US"], "3": ["CN", "US"], "4": ["IN"]})
    inc = pn.build.level_incidence(c, "country")
    out = list(null_model(inc, n=4, seed=1))
    assert len(out) == 4
    for k, s in enumerate(out):
        assert isinstance(s, Incidence)
        assert s.patents.tolist() == inc.patents.tolist()
        assert s.units.tolist() == inc.units.tolist()
        assert s.nodes is inc.nodes
        assert s.info["null_model"] == "curveball" and s.info["null_sample"] == k
        assert s.info["level"] == "country"
        # binary, margins of the binary observed incidence
        assert margins(s.matrix) == margins(inc.matrix > 0)
    links = pd.DataFrame({"patent_id": ["1", "1", "2"], "unit": ["a", "b", "a"]})
    assert isinstance(next(null_model(links, n=1)), Incidence)


def test_degenerate_inputs():
    assert [S.shape for S in null_model(np.zeros((0, 0)), n=2)] == [(0, 0), (0, 0)]
    assert [S.shape for S in null_model(np.zeros((3, 2)), n=2, method="swap")] == [(3, 2)] * 2
    one = np.array([[1, 1, 0]])
    assert all((S == one).all() for S in null_model(one, n=3))
    assert all((S == one).all() for S in null_model(one, n=3, method="swap"))
    # the only matrix with these margins
    full = np.ones((3, 4), dtype=int)
    assert all((S == full).all() for S in null_model(full, n=3))
    assert list(null_model(full, n=0)) == []


def test_option_errors():
    B = np.eye(3, dtype=int)
    with pytest.raises(PatnetInputError, match="did you mean 'swap'"):
        null_model(B, method="swp")
    with pytest.raises(PatnetInputError, match="n must be an integer"):
        null_model(B, n=-1)
    with pytest.raises(PatnetInputError, match="n_swaps must be"):
        null_model(B, n_swaps=0)
    with pytest.raises(PatnetInputError, match="expected an Incidence"):
        null_model([[1, 0]])
    with pytest.raises(PatnetInputError, match="2-D"):
        null_model(np.ones(3))


# --------------------------------------------------------------------------
# uniform over the matrices with the observed margins

def _all_with_margins(rows, cols):
    r, c = len(rows), len(cols)
    out = []
    for bits in itertools.product((0, 1), repeat=r * c):
        M = np.array(bits).reshape(r, c)
        if M.sum(axis=1).tolist() == rows and M.sum(axis=0).tolist() == cols:
            out.append(M.tobytes())
    return out


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("B", [
    [[1, 1, 0], [1, 0, 0], [0, 1, 1], [1, 0, 0]],       # 4 x 3: curveball trades columns
    [[1, 1, 0, 0], [0, 1, 1, 0], [1, 0, 0, 1]],          # 3 x 4: curveball trades rows
])
def test_samples_are_uniform(method, B):
    B = np.array(B, dtype=np.int64)
    space = _all_with_margins(*margins(B))
    assert len(space) > 3
    counts = Counter(S.tobytes() for S in null_model(B, n=3000, seed=2, method=method))
    assert set(counts) <= set(space)
    observed = [counts.get(m, 0) for m in space]
    assert chisquare(observed).pvalue > 0.001


# --------------------------------------------------------------------------
# edge significance

def planted(rng, *, n_patents=120, n_units=15, tie=20):
    """Random teams of 1-3 units, plus ``tie`` patents of units u00 and u01 together."""
    rows = []
    for p in range(n_patents):
        size = int(rng.integers(1, 4))
        for u in rng.choice(n_units, size=size, replace=False):
            rows.append((f"p{p:03d}", f"u{u:02d}"))
    for k in range(tie):
        rows += [(f"t{k:03d}", "u00"), (f"t{k:03d}", "u01")]
    return pd.DataFrame(rows, columns=["patent_id", "unit"])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_planted_tie_gets_a_small_p_value(seed):
    rng = np.random.default_rng(seed)
    links = planted(rng)
    res = edge_significance(links, n=99, seed=seed)
    row = res.loc[("u00", "u01")]
    assert row["p_value"] < 0.05
    assert row["z"] > 3
    assert row["observed"] >= 20 and row["observed"] > row["null_mean"]


def test_background_ties_are_mostly_not_significant():
    rng = np.random.default_rng(1)
    res = edge_significance(planted(rng, tie=0, n_patents=300), n=99, seed=1)
    assert (res["p_value"] < 0.05).mean() < 0.15
    assert (res["q_value"] >= res["p_value"] - 1e-12).all()
    assert res["q_value"].max() <= 1


def test_edge_significance_table():
    rng = np.random.default_rng(3)
    links = planted(rng)
    res = edge_significance(links, n=50, seed=4)
    assert list(res.columns) == ["observed", "n_patents", "null_mean", "null_sd", "z", "p_value",
                                 "q_value"]
    assert res.index.names == ["u", "v"]
    assert all(u < v for u, v in res.index)
    inc = incidence(links)
    W = project(inc)
    for (u, v), row in res.head(10).iterrows():
        i, j = inc.unit_index.get_loc(u), inc.unit_index.get_loc(v)
        assert row["observed"] == W[i, j] == row["n_patents"]
    assert ((res["p_value"] > 0) & (res["p_value"] <= 1)).all()
    assert np.allclose(res["p_value"] * 51, np.round(res["p_value"] * 51))
    assert res.attrs["p_value_definition"].startswith("(1 + #null >= observed)")
    again = edge_significance(links, n=50, seed=4)
    pd.testing.assert_frame_equal(res, again)
    swap = edge_significance(links, n=50, seed=4, method="swap")
    assert swap.loc[("u00", "u01"), "p_value"] < 0.05


def test_fractional_counting_and_alternatives():
    rng = np.random.default_rng(7)
    links = planted(rng)
    frac = edge_significance(links, counting="fractional", n=60, seed=1)
    assert frac.loc[("u00", "u01"), "p_value"] < 0.05
    assert (frac["observed"] <= frac["n_patents"]).all()
    less = edge_significance(links, n=60, seed=1, alternative="less")
    assert less.loc[("u00", "u01"), "p_value"] == 1.0
    two = edge_significance(links, n=60, seed=1, alternative="two-sided")
    assert two.loc[("u00", "u01"), "p_value"] == pytest.approx(2 / 61)
    with pytest.raises(PatnetInputError, match="unknown alternative"):
        edge_significance(links, alternative="bigger")
    with pytest.raises(PatnetInputError, match="unknown counting"):
        edge_significance(links, counting="half")


def test_zero_null_sd_gives_nan_z():
    # the only matrix with its margins: every null weight equals the observed one
    res = edge_significance(np.ones((3, 3), dtype=int), n=10, seed=0)
    assert res["null_sd"].eq(0).all() and res["z"].isna().all()
    assert (res["p_value"] == 1.0).all()


def test_corpus_and_graph_inputs():
    c = make_corpus({
        **{f"a{k}": [{"country": "CN", "province": "CN-JS"}, "SG"] for k in range(15)},
        **{f"b{k}": [{"country": "CN", "province": p}, c2] for k, (p, c2) in enumerate(
            [("CN-BJ", "US"), ("CN-SH", "IN"), ("CN-BJ", "IN"), ("CN-SH", "US"), ("CN-GD", "US"),
             ("CN-GD", "IN"), ("CN-BJ", "SG"), ("CN-SH", "SG"), ("CN-GD", "SG"), ("CN-JS", "US")])},
        **{f"c{k}": [{"country": "CN", "province": p}] for k, p in enumerate(
            ["CN-BJ", "CN-SH", "CN-GD", "CN-JS"] * 3)},
        **{f"d{k}": [u] for k, u in enumerate(["US", "IN", "SG", "US", "IN"])},
    })
    res = edge_significance(c, "province+country", n=99, seed=0)
    assert res.attrs["level"] == "province+country"
    assert res.loc[("country:SG", "province:CN-JS"), "p_value"] < 0.05
    G = pn.build.geo_graph(c, min_weight=2)
    from_graph = edge_significance(G, n=99, seed=0)
    assert len(from_graph) == G.number_of_edges()
    # the same chain, the same ties; only the q-values depend on which ties are read
    cols = ["observed", "n_patents", "null_mean", "null_sd", "z", "p_value"]
    pd.testing.assert_frame_equal(from_graph[cols], res.loc[from_graph.index, cols])
    with pytest.raises(PatnetInputError, match="needs level="):
        edge_significance(c)
    with pytest.raises(PatnetInputError, match="corpus only"):
        edge_significance(G, level="country")
    import networkx as nx
    with pytest.raises(PatnetInputError, match="does not carry"):
        edge_significance(nx.path_graph(3))


# --------------------------------------------------------------------------
# any statistic

def test_metric_significance_shapes():
    rng = np.random.default_rng(2)
    inc = incidence(planted(rng))
    i, j = inc.unit_index.get_loc("u00"), inc.unit_index.get_loc("u01")

    def tie(s):
        return float(project(s.matrix)[i, j])

    one = metric_significance(tie, inc, n=40, seed=1)
    assert one.index.tolist() == ["value"] and one.index.name == "statistic"
    assert one.loc["value", "p_value"] == pytest.approx(1 / 41)
    assert one.loc["value", "n_null"] == 40
    # agrees with edge_significance on the same chain
    edge = edge_significance(inc, n=40, seed=1).loc[("u00", "u01")]
    assert one.loc["value", "null_mean"] == pytest.approx(edge["null_mean"])

    def several(s):
        W = project(s.matrix)
        return pd.Series({"tie": W[i, j], "total": W.sum() / 2})

    res, null = metric_significance(several, inc, n=20, seed=1, return_null=True)
    assert res.index.tolist() == ["tie", "total"]
    assert null.shape == (20, 2) and list(null.columns) == ["tie", "total"]
    # the total pair weight, sum of C(n_p, 2), is fixed by the team sizes
    assert res.loc["total", "null_sd"] == 0
    assert res.loc["total", "null_mean"] == res.loc["total", "observed"]
    assert null["total"].nunique() == 1
    d = metric_significance(lambda s: {"a": 1.0, "b": float("nan")}, inc, n=5, seed=0)
    assert d.loc["a", "null_sd"] == 0 and np.isnan(d.loc["a", "z"])
    assert np.isnan(d.loc["b", "p_value"]) and d.loc["b", "n_null"] == 0
    with pytest.raises(PatnetInputError, match="must return a number"):
        metric_significance(lambda s: "high", inc, n=2)
    with pytest.raises(PatnetInputError, match="callable"):
        metric_significance(3, inc, n=2)


def test_triple_helix_against_the_null():
    """Synergy beyond what organisation activities and team sizes imply."""
    sectors = {"U": "university", "I": "firm", "G": "government"}
    applicants = {}
    k = 0
    # XOR-like structure among organisations: UI, UG, IG patents, and none single-helix
    for cell, n in (("UI", 20), ("UG", 20), ("IG", 20), ("U", 2), ("I", 2), ("G", 2)):
        for _ in range(n):
            applicants[f"p{k:03d}"] = [{"name": f"{sectors[h]}{(k + j) % 4}", "sector": sectors[h]}
                                       for j, h in enumerate(cell)]
            k += 1
    c = make_corpus({p: ["CN"] for p in applicants}, applicants=applicants)
    org = pn.build.level_incidence(c, "org", key="name")

    def t_uig(inc):
        return triple_helix_from_table(triple_helix_table(inc), none="exclude")["T_uig"]

    res = metric_significance(t_uig, org, n=99, seed=0, alternative="less")
    assert res.loc["value", "observed"] < res.loc["value", "null_mean"]
    assert res.loc["value", "p_value"] < 0.05


# --------------------------------------------------------------------------
# registered measures on graphs built by patnet.build

def clustered_corpus():
    inv = {f"a{k}": ["CN", "SG"] for k in range(8)}
    inv.update({f"b{k}": ["US", "DE"] for k in range(8)})
    inv.update({f"c{k}": pair for k, pair in enumerate(
        [["CN", "US"], ["SG", "DE"], ["CN", "DE"], ["SG", "US"], ["CN", "SG", "US"]])})
    inv.update({f"d{k}": [c] for k, c in enumerate(["CN", "US", "IN", "IN"])})
    inv["e0"] = ["IN", "CN"]
    apps = {p: [{"name": f"org-{p[0]}{j}", "sector": s} for j, s in enumerate(
        ["firm", "university", "government"][: len(v)])] for p, v in inv.items()}
    return make_corpus(inv, applicants=apps)


@pytest.mark.parametrize("build", [
    lambda c: pn.build.geo_graph(c, level="country"),
    lambda c: pn.build.geo_graph(c, level="country", counting="fractional"),
    lambda c: pn.build.geo_graph(c, level="country", normalize="association_strength"),
    lambda c: pn.build.geo_graph(c, level="country", normalize="salton", nodes=["country:FR"]),
    lambda c: pn.build.geo_graph(c, level="country", restrict=True),
    lambda c: pn.build.geo_graph(c, level="country", restrict=True, partners=["SG", "US"],
                                 counting="fractional"),
    lambda c: pn.build.geo_graph(c, restrict=True, partners="bri",
                                 normalize="association_strength"),
    lambda c: pn.build.org_graph(c, key="name"),
    lambda c: pn.build.org_graph(c, key="name", sectors=["firm", "university"]),
])
def test_null_graphs_are_projected_like_the_graph(build):
    from patnet.measures.null import _binary, _null_graph_factory

    G = build(clustered_corpus())
    inc, make = _null_graph_factory(G)
    H = make(_binary(inc.matrix), {})
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert sorted(map(sorted, H.edges())) == sorted(map(sorted, G.edges()))
    for u, v, d in G.edges(data=True):
        assert H.edges[u, v].keys() == d.keys()
        for k, x in d.items():
            assert H.edges[u, v][k] == pytest.approx(x) if isinstance(x, float) else \
                H.edges[u, v][k] == x
    assert {k: v for k, v in H.graph.items() if k != "_provenance"} == \
        {k: v for k, v in G.graph.items() if k != "_provenance"}


def test_measure_significance_with_a_registered_cluster_measure():
    from patnet.measures import register_measure, unregister_measure
    from patnet.measures.null import measure_significance

    @register_measure(level="cluster", requires=("weight",))
    def _test_inside_share(G, partition, *, weight="weight"):
        """Share of each cluster's link weight that stays inside it."""
        inside, total = {}, {}
        for u, v, d in G.edges(data=True):
            w = d.get(weight, 1.0)
            for x in (u, v):
                total[partition[x]] = total.get(partition[x], 0.0) + w
                if partition[u] == partition[v]:
                    inside[partition[x]] = inside.get(partition[x], 0.0) + w
        return pd.Series({c: inside.get(c, 0.0) / t for c, t in total.items()}, dtype=float)

    try:
        G = pn.build.geo_graph(clustered_corpus(), level="country")
        part = {"country:CN": "asia", "country:SG": "asia", "country:IN": "asia",
                "country:US": "west", "country:DE": "west"}
        res = measure_significance("_test_inside_share", G, part, n=99, seed=0)
        assert set(res.index) == {"asia", "west"}
        assert (res["p_value"] < 0.05).all() and (res["z"] > 2).all()
        again = measure_significance("_test_inside_share", G, part, n=99, seed=0)
        pd.testing.assert_frame_equal(res, again)
        assert res.attrs["statistic"] == "_test_inside_share"
        with pytest.raises(PatnetInputError, match="partition="):
            measure_significance("_test_inside_share", G, n=5)
    finally:
        unregister_measure("_test_inside_share")


def test_measure_significance_graph_level_and_errors():
    from patnet.measures.null import measure_significance

    G = pn.build.geo_graph(clustered_corpus(), level="country")
    res, null = measure_significance(
        lambda H: {"edges": H.number_of_edges(), "weight": H.size(weight="weight")}, G, n=30,
        seed=1, return_null=True)
    assert res.index.tolist() == ["edges", "weight"]
    # full counting: the total weight is fixed by the team sizes
    assert res.loc["weight", "null_sd"] == 0
    assert null.shape == (30, 2)
    with pytest.raises(PatnetInputError, match="min_weight"):
        measure_significance(lambda H: 1.0, pn.build.geo_graph(clustered_corpus(), min_weight=2))


def test_measure_significance_of_a_restricted_graph_keeps_its_edge_rule():
    """Null graphs of a focal-partner graph have its nodes and only focal-partner edges."""
    from patnet.measures.null import measure_significance

    G = pn.build.geo_graph(clustered_corpus(), level="country", restrict=True,
                           partners=["SG", "US"])
    assert set(G.nodes) == {"country:CN", "country:SG", "country:US"}

    def stats(H):
        off = sum("country:CN" not in (u, v) for u, v in H.edges)  # SG-US: not CN's link
        return {"off_rule": off, "nodes": H.number_of_nodes(), "weight": H.size(weight="weight")}

    res, null = measure_significance(stats, G, n=40, seed=3, return_null=True)
    assert (null["off_rule"] == 0).all() and (null["nodes"] == 3).all()
    assert res.loc["weight", "observed"] == G.size(weight="weight")
    # the null model moves units between patents, so CN's links do change
    assert null["weight"].nunique() > 1
    import networkx as nx
    with pytest.raises(PatnetInputError, match="does not carry"):
        measure_significance(lambda H: 1.0, nx.path_graph(3))
    with pytest.raises(PatnetInputError, match="a name, a Measure or a function"):
        measure_significance(3, G)
