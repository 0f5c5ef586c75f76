"""Centrality and structural-hole measures: known values, backend agreement, the contract."""

from __future__ import annotations

import math
import time
from fractions import Fraction

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patnet.exceptions import PatnetError, PatnetInputError
from patnet.measures import centrality, structural
from patnet.measures.contract import check_measure, contract_graphs

NODE_MEASURES = {
    "degree": centrality.degree,
    "strength": centrality.strength,
    "betweenness": centrality.betweenness,
    "closeness": centrality.closeness,
    "eigenvector": centrality.eigenvector,
    "pagerank": centrality.pagerank,
    "hub": centrality.hub,
    "authority": centrality.authority,
    "constraint": structural.constraint,
    "effective_size": structural.effective_size,
    "burt_efficiency": structural.burt_efficiency,
}
WEIGHTED = [name for name in NODE_MEASURES if name != "degree"]
DIRECTED = ["degree", "strength", "betweenness", "closeness", "pagerank", "hub", "authority",
            "constraint", "effective_size", "burt_efficiency"]
TOL = 1e-9


def both(name, G, **kw):
    f = NODE_MEASURES[name]
    a = f(G, backend="networkx", **kw)
    b = f(G, backend="igraph", **kw)
    assert a.attrs["backend"] == "networkx" and b.attrs["backend"] == "igraph"
    return a, b


def assert_agree(a, b, what=""):
    assert list(a.index) == list(b.index), what
    assert (a.isna() == b.isna()).all(), what
    diff = (a - b).abs().max() if len(a) and not a.isna().all() else 0.0
    assert diff <= TOL, f"{what}: backends differ by {diff}"


def as_array(d, nodes):
    return np.array([d[n] for n in nodes], dtype=float)


@pytest.fixture(scope="module")
def karate():
    return nx.karate_club_graph()


# ---------------------------------------------------------------------------
# Zachary's karate club: known values and backend agreement
# ---------------------------------------------------------------------------

def test_karate_betweenness_documented_value(karate):
    for backend in ("networkx", "igraph"):
        b = centrality.betweenness(karate, weight=None, backend=backend)
        assert b[0] == pytest.approx(0.43763528138528146, abs=1e-12)


@pytest.mark.parametrize("backend", ["networkx", "igraph"])
def test_karate_unweighted_equals_networkx(karate, backend):
    nodes = list(karate)
    ref = {
        "degree": nx.degree_centrality(karate),
        "betweenness": nx.betweenness_centrality(karate),
        "closeness": nx.closeness_centrality(karate),
        "eigenvector": nx.eigenvector_centrality_numpy(karate),
        "pagerank": nx.pagerank(karate, weight=None, tol=1e-14, max_iter=10_000),
    }
    hubs, auths = nx.hits(nx.Graph(karate.edges()), tol=1e-14, max_iter=10_000)  # unweighted
    ref["hub"], ref["authority"] = hubs, auths
    ref["constraint"] = nx.constraint(karate)
    ref["effective_size"] = nx.effective_size(karate)
    for name, expected in ref.items():
        kw = {} if name == "degree" else {"weight": None}
        got = NODE_MEASURES[name](karate, backend=backend, **kw)
        np.testing.assert_allclose(got.to_numpy(), as_array(expected, nodes), rtol=0, atol=TOL,
                                   err_msg=name)


@pytest.mark.parametrize("backend", ["networkx", "igraph"])
def test_karate_weighted_equals_networkx(karate, backend):
    nodes = list(karate)
    H = karate.copy()
    for u, v, w in karate.edges(data="weight"):
        H[u][v]["length"] = 1.0 / w
    cases = {
        "strength": dict(karate.degree(weight="weight")),
        "closeness": nx.closeness_centrality(H, distance="length"),
        "eigenvector": nx.eigenvector_centrality_numpy(karate, weight="weight"),
        "pagerank": nx.pagerank(karate, weight="weight", tol=1e-14, max_iter=10_000),
        "constraint": nx.constraint(karate, weight="weight"),
        "effective_size": nx.effective_size(karate, nodes=list(karate), weight="weight"),
    }
    cases["hub"], cases["authority"] = nx.hits(karate, tol=1e-14, max_iter=10_000)
    for name, expected in cases.items():
        got = NODE_MEASURES[name](karate, backend=backend)
        np.testing.assert_allclose(got.to_numpy(), as_array(expected, nodes), rtol=0, atol=TOL,
                                   err_msg=name)


@pytest.mark.parametrize("weight", ["weight", None])
@pytest.mark.parametrize("name", list(NODE_MEASURES))
def test_karate_backends_agree(karate, name, weight):
    kw = {} if name == "degree" else {"weight": weight}
    a, b = both(name, karate, **kw)
    assert_agree(a, b, f"{name} weight={weight}")
    assert len(a) == 34 and a.dtype == float and a.name == name


def test_weighted_betweenness_is_exact(karate):
    # networkx run on lengths 1/w compares float sums exactly and misses ties
    # such as 1/3 + 1/6 == 1/2; exact arithmetic (Fractions) is the reference
    H = nx.Graph()
    H.add_nodes_from(karate)
    for u, v, w in karate.edges(data="weight"):
        H.add_edge(u, v, exact=Fraction(1, w), floating=1.0 / w)
    exact = as_array(nx.betweenness_centrality(H, weight="exact"), list(karate))
    floating = as_array(nx.betweenness_centrality(H, weight="floating"), list(karate))
    assert np.abs(exact - floating).max() > 1e-3   # the trap is real
    for backend in ("networkx", "igraph"):
        b = centrality.betweenness(karate, backend=backend)
        np.testing.assert_allclose(b.to_numpy(), exact, rtol=0, atol=1e-12)
        assert b.attrs["ties"] == "exact"
    # a common irrational factor does not hide the exact ties
    scaled = karate.copy()
    for u, v in scaled.edges:
        scaled[u][v]["weight"] *= math.pi
    for backend in ("networkx", "igraph"):
        b = centrality.betweenness(scaled, backend=backend)
        np.testing.assert_allclose(b.to_numpy(), exact, rtol=0, atol=1e-12)


def test_generic_float_weights_use_a_grid(karate):
    rng = np.random.default_rng(3)
    G = karate.copy()
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.uniform(0.1, 10))
    a, b = both("betweenness", G)
    assert_agree(a, b)
    assert a.attrs["ties"].startswith("lengths rounded")
    H = nx.Graph()
    for u, v, w in G.edges(data="weight"):
        H.add_edge(u, v, length=1.0 / w)
    ref = as_array(nx.betweenness_centrality(H, weight="length"), list(G))
    np.testing.assert_allclose(a.to_numpy(), ref, atol=1e-12)


# ---------------------------------------------------------------------------
# random graphs: both backends agree
# ---------------------------------------------------------------------------

WEIGHTS = {
    "integer": st.integers(1, 5).map(float),
    "fraction": st.integers(1, 12).map(lambda k: k / 6),
    "float": st.floats(0.05, 20, allow_nan=False, allow_infinity=False),
}


@st.composite
def graphs(draw, directed=False, max_nodes=11):
    n = draw(st.integers(0, max_nodes))
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(f"v{i}" for i in range(n))
    pairs = [(i, j) for i in range(n) for j in range(n)
             if (i != j if directed else i < j)]
    density = draw(st.sampled_from([0.15, 0.3, 0.6]))
    kind = draw(st.sampled_from(sorted(WEIGHTS)))
    for i, j in pairs:
        if draw(st.floats(0, 1)) < density:
            G.add_edge(f"v{i}", f"v{j}", weight=draw(WEIGHTS[kind]))
    if n and draw(st.booleans()):
        k = draw(st.integers(0, n - 1))
        G.add_edge(f"v{k}", f"v{k}", weight=draw(WEIGHTS[kind]))
    return G


SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(G=graphs(), weighted=st.booleans())
def test_random_graphs_backends_agree(G, weighted):
    for name in NODE_MEASURES:
        kw = {} if name == "degree" else {"weight": "weight" if weighted else None}
        a, b = both(name, G, **kw)
        assert_agree(a, b, f"{name} weighted={weighted} on {sorted(G.edges(data='weight'))}")


@SETTINGS
@given(G=graphs(directed=True, max_nodes=9), weighted=st.booleans())
def test_random_digraphs_backends_agree(G, weighted):
    for name in DIRECTED:
        kw = {} if name == "degree" else {"weight": "weight" if weighted else None}
        a, b = both(name, G, **kw)
        assert_agree(a, b, f"{name} weighted={weighted} on {sorted(G.edges(data='weight'))}")


@SETTINGS
@given(G=graphs(max_nodes=9))
def test_random_graphs_match_networkx_definitions(G):
    nodes = list(G)
    loopless = nx.Graph(G)
    loopless.remove_edges_from(list(nx.selfloop_edges(G)))
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from((u, v, {"length": 1.0 / w}) for u, v, w in G.edges(data="weight"))
    for backend in ("networkx", "igraph"):
        c = centrality.closeness(G, backend=backend)
        np.testing.assert_allclose(c.to_numpy(),
                                   as_array(nx.closeness_centrality(H, distance="length"), nodes),
                                   atol=TOL)
        p = centrality.pagerank(G, backend=backend)
        if len(G):
            ref = nx.pagerank(G, weight="weight", tol=1e-14, max_iter=10_000)
            np.testing.assert_allclose(p.to_numpy(), as_array(ref, nodes), atol=TOL)
        k = centrality.degree(G, normalized=False, backend=backend)
        assert k.tolist() == [float(d) for _, d in G.degree()]
        s = structural.effective_size(G, backend=backend)
        ref = nx.effective_size(loopless, nodes=list(loopless), weight="weight")
        np.testing.assert_allclose(s.to_numpy(), as_array(ref, nodes), atol=TOL)


# ---------------------------------------------------------------------------
# conventions
# ---------------------------------------------------------------------------

def test_betweenness_normalisation():
    star = nx.star_graph(4)
    assert centrality.betweenness(star).tolist() == [1.0, 0, 0, 0, 0]
    assert centrality.betweenness(star, normalized=False).tolist() == [6.0, 0, 0, 0, 0]
    D = nx.DiGraph([(1, 0), (0, 2), (0, 3), (2, 0)])
    for backend in ("networkx", "igraph"):
        b = centrality.betweenness(D, weight=None, backend=backend)
        ref = nx.betweenness_centrality(D)
        assert b.tolist() == pytest.approx(as_array(ref, list(D)).tolist(), abs=1e-12)
        assert b.attrs["normalization"] == "1/((n-1)(n-2))"
    assert centrality.betweenness(nx.path_graph(2)).tolist() == [0.0, 0.0]


def test_closeness_disconnected_wasserman_faust():
    G = nx.Graph([(0, 1), (1, 2), (3, 4)])
    G.add_node(5)
    expected = nx.closeness_centrality(G)   # wf_improved=True
    for backend in ("networkx", "igraph"):
        c = centrality.closeness(G, weight=None, backend=backend)
        assert c.tolist() == pytest.approx(as_array(expected, list(G)).tolist(), abs=1e-12)
        raw = centrality.closeness(G, weight=None, normalized=False, backend=backend)
        assert raw.tolist() == pytest.approx([1 / 3, 1 / 2, 1 / 3, 1.0, 1.0, 0.0])
    D = nx.DiGraph([(0, 1), (1, 2), (3, 2)])
    for backend in ("networkx", "igraph"):
        c = centrality.closeness(D, weight=None, backend=backend)
        assert c.tolist() == pytest.approx(
            as_array(nx.closeness_centrality(D), list(D)).tolist(), abs=1e-12)
        raw = centrality.closeness(D, weight=None, normalized=False, backend=backend)
        assert raw.tolist() == pytest.approx([0.0, 1.0, 1 / 4, 0.0])


def test_degree_and_strength():
    G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 0.5})])
    G.add_edge("c", "c", weight=3.0)
    G.add_node("z")
    for backend in ("networkx", "igraph"):
        assert centrality.degree(G, normalized=False, backend=backend).tolist() == [1, 2, 3, 0]
        assert centrality.degree(G, backend=backend).tolist() == [1 / 3, 2 / 3, 1.0, 0.0]
        assert centrality.strength(G, backend=backend).tolist() == [2.0, 2.5, 6.5, 0.0]
        assert centrality.strength(G, weight=None, backend=backend).tolist() == [1, 2, 3, 0]
        assert centrality.strength(G, normalized=True, backend=backend)["b"] == 2.5 / 3
    one = nx.Graph()
    one.add_node("x")
    assert math.isnan(centrality.degree(one)["x"])
    assert centrality.degree(one, normalized=False).tolist() == [0.0]
    negative = nx.Graph([("a", "b", {"weight": -1.0})])
    assert centrality.strength(negative).tolist() == [-1.0, -1.0]


def test_eigenvector_disconnected_and_ties():
    G = nx.path_graph(3)
    G.add_edge(10, 11)
    for backend in ("networkx", "igraph"):
        x = centrality.eigenvector(G, weight=None, backend=backend)
        assert x.tolist() == pytest.approx([0.5, 2 ** -0.5, 0.5, 0.0, 0.0])
        assert x.attrs["eigenvalue"] == pytest.approx(math.sqrt(2))
    twins = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(3))
    for backend in ("networkx", "igraph"):
        x = centrality.eigenvector(twins, backend=backend)
        assert x.tolist() == pytest.approx([6 ** -0.5] * 6)
        assert x.attrs["tied_components"] == 2
    # a heavy isolated pair outranks a light larger component
    H = nx.path_graph(4)
    H.add_edge("x", "y", weight=10.0)
    for backend in ("networkx", "igraph"):
        x = centrality.eigenvector(H, backend=backend)
        assert x.tolist() == pytest.approx([0, 0, 0, 0, 2 ** -0.5, 2 ** -0.5])
    edgeless = nx.empty_graph(3)
    assert centrality.eigenvector(edgeless).isna().all()
    assert centrality.eigenvector(nx.Graph()).empty
    star = nx.star_graph(3)   # bipartite: -lambda is an eigenvalue too
    for backend in ("networkx", "igraph"):
        x = centrality.eigenvector(star, norm="max", backend=backend)
        assert x.tolist() == pytest.approx([1.0] + [3 ** -0.5] * 3)
        assert (centrality.eigenvector(star, norm="sum", backend=backend).sum()
                == pytest.approx(1.0))
    with pytest.raises(PatnetInputError, match="undirected"):
        centrality.eigenvector(nx.DiGraph([(0, 1)]))
    with pytest.raises(PatnetInputError, match="unknown norm 'l1'"):
        centrality.eigenvector(star, norm="l1")


def test_self_loops_follow_networkx_adjacency():
    G = nx.Graph([(0, 1, {"weight": 1.0}), (1, 2, {"weight": 2.0}), (2, 2, {"weight": 3.0}),
                  (2, 3, {"weight": 1.0}), (3, 0, {"weight": 1.0})])
    G.add_node(4)
    ref_pr = nx.pagerank(G, tol=1e-14, max_iter=10_000)
    ref_ev = nx.eigenvector_centrality_numpy(G.subgraph(range(4)), weight="weight")
    ref_ev[4] = 0.0   # the isolate
    for backend in ("networkx", "igraph"):
        p = centrality.pagerank(G, backend=backend)
        assert p.tolist() == pytest.approx(as_array(ref_pr, list(G)).tolist(), abs=TOL)
        x = centrality.eigenvector(G, backend=backend)
        assert x.tolist() == pytest.approx(as_array(ref_ev, list(G)).tolist(), abs=TOL)
        # loops never lie on shortest paths
        loopless = G.copy()
        loopless.remove_edge(2, 2)
        assert_agree(centrality.betweenness(G, backend=backend),
                     centrality.betweenness(loopless, backend=backend))


def test_pagerank_dangling_and_sum():
    G = nx.Graph([(0, 1), (1, 2)])
    G.add_node(3)
    ref = nx.pagerank(G, tol=1e-14, max_iter=10_000)
    for backend in ("networkx", "igraph"):
        p = centrality.pagerank(G, backend=backend)
        assert p.sum() == pytest.approx(1.0, abs=1e-12)
        assert p.tolist() == pytest.approx(as_array(ref, list(G)).tolist(), abs=TOL)
    D = nx.DiGraph([(0, 1), (1, 2)])   # 2 is dangling
    ref = nx.pagerank(D, tol=1e-14, max_iter=10_000)
    a, b = both("pagerank", D)
    assert a.tolist() == pytest.approx(as_array(ref, list(D)).tolist(), abs=TOL)
    assert_agree(a, b)
    with pytest.raises(PatnetInputError, match="alpha"):
        centrality.pagerank(G, alpha=1.0)
    single = nx.Graph()
    single.add_node("a")
    assert centrality.pagerank(single).tolist() == [1.0]


def test_hits_directed_and_undirected(karate):
    D = nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d"), ("d", "a"), ("a", "b")])
    h_ref, a_ref = nx.hits(D, tol=1e-14, max_iter=10_000)
    for backend in ("networkx", "igraph"):
        h = centrality.hub(D, backend=backend)
        a = centrality.authority(D, backend=backend)
        assert h.tolist() == pytest.approx(as_array(h_ref, list(D)).tolist(), abs=TOL)
        assert a.tolist() == pytest.approx(as_array(a_ref, list(D)).tolist(), abs=TOL)
        assert h.sum() == pytest.approx(1.0) and a.sum() == pytest.approx(1.0)
    # undirected: hubs = authorities = eigenvector centrality scaled to sum 1
    for backend in ("networkx", "igraph"):
        h = centrality.hub(karate, backend=backend)
        a = centrality.authority(karate, backend=backend)
        ev = centrality.eigenvector(karate, norm="sum", backend=backend)
        assert_agree(h, a)
        assert_agree(h.rename("eigenvector"), ev)
    # two disjoint arcs tie
    two = nx.DiGraph([("a", "b"), ("c", "d")])
    for backend in ("networkx", "igraph"):
        assert centrality.hub(two, backend=backend).tolist() == pytest.approx([.5, 0, .5, 0])
        assert centrality.authority(two, backend=backend).tolist() == pytest.approx([0, .5, 0, .5])


# ---------------------------------------------------------------------------
# weights, distances and options
# ---------------------------------------------------------------------------

def test_distance_conversions(karate):
    nodes = list(karate)
    by_weight = nx.betweenness_centrality(karate, weight="weight")
    raw = nx.closeness_centrality(karate, distance="weight")
    for backend in ("networkx", "igraph"):
        b = centrality.betweenness(karate, distance="weight", backend=backend)
        assert b.tolist() == pytest.approx(as_array(by_weight, nodes).tolist(), abs=1e-12)
        assert b.attrs["distance"] == "weight"
        c = centrality.closeness(karate, distance="weight", backend=backend)
        assert c.tolist() == pytest.approx(as_array(raw, nodes).tolist(), abs=1e-12)
        inv = centrality.closeness(karate, backend=backend)
        same = centrality.closeness(karate, distance=lambda w: 1.0 / w, backend=backend)
        assert_agree(inv, same)
        assert inv.attrs["distance"] == "1/weight"
        squared = centrality.closeness(karate, distance=lambda w: 1.0 / w ** 2, backend=backend)
        assert not np.allclose(squared, inv)


def test_weights_missing_default_to_one():
    G = nx.Graph([(0, 1, {"weight": 1.0}), (1, 2)])
    assert centrality.strength(G).tolist() == [1.0, 2.0, 1.0]
    assert_agree(centrality.closeness(G), centrality.closeness(G, weight=None))


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf"), "heavy", None])
def test_bad_weights_raise(bad):
    G = nx.Graph([("a", "b", {"weight": bad}), ("b", "c", {"weight": 1.0})])
    for name in ["betweenness", "closeness", "eigenvector", "pagerank", "constraint"]:
        with pytest.raises(PatnetInputError, match="'a', 'b'"):
            NODE_MEASURES[name](G)
        NODE_MEASURES[name](G, weight=None)   # unweighted is fine


def test_bad_options_raise(karate):
    with pytest.raises(PatnetInputError, match="did you mean 'igraph'"):
        centrality.betweenness(karate, backend="igrph")
    with pytest.raises(PatnetInputError, match="did you mean 'inverse'"):
        centrality.closeness(karate, distance="inverted")
    with pytest.raises(PatnetInputError, match="positive"):
        centrality.closeness(karate, distance=lambda w: w - 1)
    with pytest.raises(PatnetInputError, match="one length per edge"):
        centrality.betweenness(karate, distance=lambda w: w[:3])
    with pytest.raises(PatnetInputError, match="multigraph"):
        centrality.pagerank(nx.MultiGraph([(0, 1), (0, 1)]))
    with pytest.raises(PatnetInputError, match="networkx or igraph graph"):
        centrality.degree({"a": ["b"]})
    with pytest.raises(PatnetInputError, match="k "):
        centrality.betweenness(karate, k=0)
    assert_agree(centrality.betweenness(karate, k=100), centrality.betweenness(karate))
    assert centrality.betweenness(nx.Graph(), k=5).empty
    assert issubclass(PatnetInputError, PatnetError)


def test_sampled_betweenness(karate):
    exact = centrality.betweenness(karate)
    for backend in ("networkx", "igraph"):
        assert_agree(centrality.betweenness(karate, k=34, seed=1, backend=backend), exact)
    a, b = both("betweenness", karate, k=8, seed=5)
    assert_agree(a, b)
    assert a.attrs["k"] == 8 and a.attrs["seed"] == 5 and a.attrs["sources"] == 8
    assert not np.allclose(a, exact)
    assert_agree(a, centrality.betweenness(karate, k=8, seed=5))
    # the sample does not depend on insertion order
    shuffled = nx.Graph()
    order = list(karate)[::-1]
    shuffled.add_nodes_from(order)
    shuffled.add_edges_from((v, u, d) for u, v, d in list(karate.edges(data=True))[::-1])
    again = centrality.betweenness(shuffled, k=8, seed=5).reindex(list(karate))
    assert_agree(a, again)
    # estimate is unbiased-ish: the mean over many seeds is near the exact value
    mean = sum(centrality.betweenness(karate, weight=None, k=10, seed=s) for s in range(60)) / 60
    exact_unw = centrality.betweenness(karate, weight=None)
    assert abs(mean[0] - exact_unw[0]) < 0.1


def test_auto_backend_threshold(monkeypatch, karate):
    assert centrality.pagerank(karate).attrs["backend"] == "networkx"
    monkeypatch.setattr(centrality, "IGRAPH_MIN_NODES", 10)
    assert centrality.pagerank(karate).attrs["backend"] == "igraph"
    assert structural.constraint(karate).attrs["backend"] == "igraph"


def test_result_shape_and_index():
    G = nx.Graph([("b", "a"), ("a", "c")])
    G.add_node("z")
    for name, f in NODE_MEASURES.items():
        s = f(G)
        assert list(s.index) == ["b", "a", "c", "z"], name
        assert s.index.name == "node" and s.name == name and s.dtype == float
        assert s.attrs["measure"] == name
    empty = nx.Graph()
    for name, f in NODE_MEASURES.items():
        s = f(empty)
        assert s.empty and s.dtype == float, name


def test_global_random_state_is_left_alone(karate):
    import random

    H = karate.copy()
    H.add_edge("x", "y")
    for f in NODE_MEASURES.values():
        for backend in ("networkx", "igraph"):
            random.seed(1)
            np.random.seed(1)
            before = (random.getstate(), np.random.get_state()[1].copy())
            f(H, backend=backend)
            f(H, backend=backend, **({} if f is centrality.degree else {"weight": None}))
            assert random.getstate() == before[0]
            assert (np.random.get_state()[1] == before[1]).all()
    a = centrality.betweenness(H, k=5, seed=2, backend="igraph")
    assert random.getstate() == before[0]
    assert_agree(a, centrality.betweenness(H, k=5, seed=2, backend="igraph"))


def test_tuple_nodes():
    T = nx.Graph([((0, 1), (1, 2)), ((1, 2), (2, 3))])
    for f in NODE_MEASURES.values():
        s = f(T)
        assert list(s.index) == list(T) and not isinstance(s.index, pd.MultiIndex)


def test_graph_is_not_mutated(karate):
    G = karate.copy()
    G.add_edge(0, 0, weight=2.0)
    before = (list(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph))
    for f in NODE_MEASURES.values():
        for backend in ("networkx", "igraph"):
            f(G, backend=backend)
    assert (list(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph)) == before


# ---------------------------------------------------------------------------
# structural holes
# ---------------------------------------------------------------------------

def test_structural_holes_known_values():
    broker = nx.Graph([("x", "a"), ("x", "b"), ("a", "a2"), ("b", "b2")])
    tri = nx.complete_graph(3)
    for backend in ("networkx", "igraph"):
        assert structural.constraint(broker, weight=None, backend=backend)["x"] == 0.5
        assert structural.effective_size(broker, weight=None, backend=backend)["x"] == 2.0
        assert structural.burt_efficiency(broker, weight=None, backend=backend)["x"] == 1.0
        assert structural.constraint(tri, backend=backend).tolist() == pytest.approx([1.125] * 3)
        assert structural.effective_size(tri, backend=backend).tolist() == pytest.approx([1.0] * 3)
        assert structural.burt_efficiency(tri, backend=backend).tolist() == pytest.approx([0.5] * 3)


def test_weighted_effective_size_follows_the_formula():
    G = contract_graphs()["two_triangles"][0]

    def mutual(u, v):
        return 2 * G[u][v]["weight"] if G.has_edge(u, v) else 0.0

    def p(u, v):
        return mutual(u, v) / sum(mutual(u, w) for w in G[u])

    def m(u, v):
        return mutual(u, v) / max(mutual(u, w) for w in G[u])

    expected = [sum(1 - sum(p(u, q) * m(v, q) for q in G[u] if q != v) for v in G[u]) for u in G]
    for backend in ("networkx", "igraph"):
        got = structural.effective_size(G, backend=backend)
        assert got.tolist() == pytest.approx(expected, abs=1e-12)


def test_structural_holes_ignore_self_loops_and_isolates():
    G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0}),
                  ("a", "c", {"weight": 1.0}), ("c", "d", {"weight": 4.0})])
    L = G.copy()
    L.add_edge("c", "c", weight=5.0)
    L.add_edge("e", "e", weight=1.0)
    L.add_node("z")
    for name in ("constraint", "effective_size", "burt_efficiency"):
        for backend in ("networkx", "igraph"):
            f = NODE_MEASURES[name]
            with_loops = f(L, backend=backend)
            assert_agree(with_loops[list(G)], f(G, backend=backend), name)
            assert with_loops[["e", "z"]].isna().all()


# ---------------------------------------------------------------------------
# the measure contract
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(NODE_MEASURES))
def test_check_measure(name):
    assert check_measure(name).func is NODE_MEASURES[name]
    check_measure(name, backend="igraph")
    if name != "degree":
        check_measure(name, weight=None)


# ---------------------------------------------------------------------------
# a large sparse graph through igraph
# ---------------------------------------------------------------------------

@pytest.mark.slow
def test_large_graph_smoke():
    G = nx.gnm_random_graph(20_000, 50_000, seed=7)
    rng = np.random.default_rng(7)
    for (u, v), w in zip(G.edges, rng.integers(1, 6, G.number_of_edges())):
        G[u][v]["weight"] = float(w)
    timings = {}
    runs = {
        "degree": dict(), "strength": dict(), "eigenvector": dict(), "pagerank": dict(),
        "hub": dict(), "constraint": dict(), "effective_size": dict(),
        "betweenness": dict(k=32, seed=1),
    }
    for name, kw in runs.items():
        t = time.perf_counter()
        s = NODE_MEASURES[name](G, backend="igraph", **kw)
        timings[name] = time.perf_counter() - t
        assert len(s) == 20_000 and s.attrs["backend"] == "igraph"
        assert s.notna().sum() > 19_000
    assert centrality.pagerank(G, backend="igraph").sum() == pytest.approx(1.0)
    print({k: round(v, 2) for k, v in timings.items()})


def test_structural_holes_on_directed_graphs_use_mutual_weights():
    D = nx.DiGraph([("a", "b", {"weight": 2.0}), ("b", "a", {"weight": 1.0}),
                    ("b", "c", {"weight": 1.0}), ("c", "a", {"weight": 4.0}),
                    ("d", "c", {"weight": 1.0})])          # d has out-edges only, ...
    D.add_edge("c", "e", weight=2.0)                       # ... e in-edges only
    U = nx.Graph()
    U.add_nodes_from(D)
    for u, v, w in D.edges(data="weight"):
        old = U[u][v]["weight"] if U.has_edge(u, v) else 0.0
        U.add_edge(u, v, weight=old + w)
    for name in ("constraint", "effective_size", "burt_efficiency"):
        for backend in ("networkx", "igraph"):
            f = NODE_MEASURES[name]
            got = f(D, backend=backend)
            assert_agree(got, f(U, backend=backend), name)
            assert got.notna().all(), name


def test_auto_backend_counts_edges_too():
    import networkx as nx

    from patnet.measures import centrality

    G = nx.complete_graph(400)  # few nodes, 79,800 edges
    assert centrality.degree(G).attrs["backend"] == "igraph"
    assert centrality.IGRAPH_MIN_EDGES < G.number_of_edges()
    assert centrality.degree(nx.path_graph(5)).attrs["backend"] == "networkx"


def test_igraph_input_parallel_edges_refused_loops_kept():
    """An igraph graph is checked once for parallel edges; a self-loop is allowed, and
    PageRank on it equals PageRank on the same networkx graph."""
    import igraph as ig

    from patnet.measures.centrality import pagerank
    from patnet.measures.community import communities

    multi = ig.Graph(n=3, edges=[(0, 1), (0, 1), (1, 2)])
    multi.es["weight"] = [1.0, 2.0, 1.0]
    for f in (lambda g: pagerank(g, backend="igraph"), lambda g: communities(g, seed=0)):
        with pytest.raises(PatnetInputError, match="parallel edges"):
            f(multi)
    loop = ig.Graph(n=3, edges=[(0, 1), (1, 1), (1, 2)])
    loop.vs["name"] = ["a", "b", "c"]
    loop.es["weight"] = [1.0, 3.0, 2.0]
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 1.0), ("b", "b", 3.0), ("b", "c", 2.0)])
    got = pagerank(loop, backend="igraph")
    want = pagerank(G, backend="networkx")
    pd.testing.assert_series_equal(got.sort_index(), want.sort_index(), check_names=False,
                                   check_index_type=False, atol=1e-9)
