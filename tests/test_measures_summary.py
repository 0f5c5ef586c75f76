"""network_summary: hand-computed graphs, networkx definitions, both backends, contract."""

from __future__ import annotations

import math
import time

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patnet.exceptions import PatnetInputError
from patnet.measures import compute_graph
from patnet.measures.contract import check_measure
from patnet.measures.summary import SUMMARY_KEYS, network_summary

BACKENDS = ("networkx", "igraph")


def same(a, b, tol=1e-12):
    assert list(a) == list(b)
    for k in a:
        x, y = a[k], b[k]
        assert type(x) is type(y), k
        if isinstance(x, float) and math.isnan(x):
            assert math.isnan(y), k
        else:
            assert x == pytest.approx(y, abs=tol), k


def two_triangles():
    return nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"),
                     ("d", "e"), ("e", "f"), ("d", "f")])


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_triangles_by_hand(backend):
    s = network_summary(two_triangles(), backend=backend)
    assert list(s) == list(SUMMARY_KEYS)
    assert s["nodes"] == 6 and s["edges"] == 7 and s["self_loops"] == 0
    assert s["density"] == pytest.approx(7 / 15)
    assert s["components"] == 1 and s["isolates"] == 0
    assert s["largest_component_nodes"] == 6 and s["largest_component_share"] == 1.0
    # a-e is a-c-d-e; distance sums from a, b, e, f: 10 each; from c, d: 7 each
    assert s["diameter"] == 3.0
    assert s["average_path_length"] == pytest.approx((4 * 10 + 2 * 7) / 30)   # 1.8
    assert s["path_sources"] == 6
    # 2 triangles; connected triples: a, b, e, f one each, c and d three each
    assert s["transitivity"] == pytest.approx(3 * 2 / 10)                     # 0.6
    assert s["average_clustering"] == pytest.approx((4 * 1 + 2 * (1 / 3)) / 6)
    # degree deviations from the mean 17/7: -3/7 (degree 2), 4/7 (degree 3)
    assert s["degree_assortativity"] == pytest.approx(-1 / 6)
    # Freeman: sum(3 - k_i) / ((n-1)(n-2)) = 4 / 20
    assert s["degree_centralization"] == pytest.approx(0.2)
    assert all(type(v) in (int, float) for v in s.values())


@pytest.mark.parametrize("backend", BACKENDS)
def test_star_path_and_complete(backend):
    star = network_summary(nx.star_graph(5), backend=backend)
    assert star["degree_centralization"] == 1.0
    assert star["degree_assortativity"] == pytest.approx(-1.0)
    assert star["transitivity"] == 0.0                 # triples but no triangle
    assert star["diameter"] == 2.0
    k5 = network_summary(nx.complete_graph(5), backend=backend)
    assert k5["density"] == 1.0 and k5["transitivity"] == 1.0 and k5["average_clustering"] == 1.0
    assert k5["degree_centralization"] == 0.0
    assert math.isnan(k5["degree_assortativity"])      # every edge end has degree 4
    path = network_summary(nx.path_graph(3), backend=backend)
    assert path["transitivity"] == 0.0 and path["average_clustering"] == 0.0
    edge = network_summary(nx.Graph([(0, 1)]), backend=backend)
    assert math.isnan(edge["transitivity"])            # no connected triple
    assert math.isnan(edge["degree_centralization"])   # n < 3


@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_single_and_isolates(backend):
    empty = network_summary(nx.Graph(), backend=backend)
    assert list(empty) == list(SUMMARY_KEYS)
    assert empty["nodes"] == 0 and empty["edges"] == 0 and empty["components"] == 0
    for k in ("density", "largest_component_share", "diameter", "average_path_length",
              "transitivity", "average_clustering", "degree_assortativity",
              "degree_centralization"):
        assert math.isnan(empty[k]), k
    one = nx.Graph()
    one.add_node("x")
    single = network_summary(one, backend=backend)
    assert single["nodes"] == 1 and single["components"] == 1 and single["isolates"] == 1
    assert single["largest_component_share"] == 1.0
    assert math.isnan(single["density"]) and math.isnan(single["diameter"])
    G = two_triangles()
    G.add_nodes_from(["z1", "z2"])
    s = network_summary(G, backend=backend)
    assert s["components"] == 3 and s["isolates"] == 2
    assert s["largest_component_share"] == pytest.approx(6 / 8)
    assert s["average_clustering"] == pytest.approx((4 + 2 / 3) / 8)   # isolates count 0
    assert s["density"] == pytest.approx(7 / 28)


@pytest.mark.parametrize("backend", BACKENDS)
def test_self_loops_are_counted_apart(backend):
    G = two_triangles()
    for u, v in G.edges:
        G[u][v]["weight"] = 2.0
    G.add_edge("a", "a", weight=5.0)
    G.add_edge("q", "q", weight=1.0)          # a node with only a loop is an isolate
    s = network_summary(G, weight="weight", backend=backend)
    assert s["self_loops"] == 2 and s["edges"] == 7 and s["isolates"] == 1
    assert s["total_weight"] == 14.0 and s["self_loop_weight"] == 6.0
    base = network_summary(two_triangles(), backend=backend)
    for k in ("transitivity", "average_path_length", "diameter", "degree_assortativity"):
        assert s[k] == base[k], k
    assert list(s)[-2:] == ["total_weight", "self_loop_weight"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_tied_largest_components_are_pooled(backend):
    path = nx.path_graph(["a", "b", "c", "d"])         # 4 nodes, diameter 3
    clique = nx.complete_graph(["w", "x", "y", "z"])   # 4 nodes, diameter 1
    G = nx.union(path, clique)
    s = network_summary(G, backend=backend)
    assert s["largest_component_nodes"] == 4 and s["largest_component_share"] == 0.5
    assert s["diameter"] == 3.0
    # path pairs: 3*1 + 2*2 + 1*3 = 10 over 6; clique 6 pairs of 1
    assert s["average_path_length"] == pytest.approx((10 + 6) / 12)
    assert s["path_sources"] == 8


@pytest.mark.parametrize("backend", BACKENDS)
def test_karate_matches_networkx(backend):
    G = nx.karate_club_graph()
    s = network_summary(G, backend=backend)
    assert s["density"] == pytest.approx(nx.density(G))
    assert s["diameter"] == nx.diameter(G)
    assert s["average_path_length"] == pytest.approx(nx.average_shortest_path_length(G))
    assert s["transitivity"] == pytest.approx(nx.transitivity(G))
    assert s["average_clustering"] == pytest.approx(nx.average_clustering(G))
    assert s["degree_assortativity"] == pytest.approx(nx.degree_assortativity_coefficient(G),
                                                      abs=1e-12)
    k = np.array([d for _, d in G.degree()])
    assert s["degree_centralization"] == pytest.approx((k.max() - k).sum() / (33 * 32))
    w = network_summary(G, weight="weight", backend=backend)
    assert w["total_weight"] == G.size(weight="weight")


def test_path_sampling():
    G = nx.karate_club_graph()
    exact = network_summary(G)
    for backend in BACKENDS:
        full = network_summary(G, path_sources=34, backend=backend)
        assert full["average_path_length"] == pytest.approx(exact["average_path_length"])
    a = network_summary(G, path_sources=10, seed=3, backend="networkx")
    b = network_summary(G, path_sources=10, seed=3, backend="igraph")
    same(a, b)
    assert a["path_sources"] == 10
    assert a["diameter"] <= exact["diameter"]
    assert abs(a["average_path_length"] - exact["average_path_length"]) < 0.5
    with pytest.raises(PatnetInputError, match="path_sources"):
        network_summary(G, path_sources=0)


def test_bad_input():
    with pytest.raises(PatnetInputError, match="undirected"):
        network_summary(nx.DiGraph([(0, 1)]))
    with pytest.raises(PatnetInputError, match="did you mean 'networkx'"):
        network_summary(nx.Graph(), backend="netwrkx")


@st.composite
def graphs(draw):
    n = draw(st.integers(0, 14))
    G = nx.Graph()
    G.add_nodes_from(range(n))
    p = draw(st.sampled_from([0.1, 0.25, 0.5]))
    for i in range(n):
        for j in range(i + 1, n):
            if draw(st.floats(0, 1)) < p:
                G.add_edge(i, j, weight=draw(st.integers(1, 4)))
    if n and draw(st.booleans()):
        G.add_edge(0, 0, weight=1)
    return G


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(G=graphs())
def test_random_graphs_backends_agree_and_match_networkx(G):
    a = network_summary(G, weight="weight", backend="networkx")
    b = network_summary(G, weight="weight", backend="igraph")
    same(a, b)
    H = nx.Graph(G)
    H.remove_edges_from(list(nx.selfloop_edges(H)))
    if len(H):
        assert a["average_clustering"] == pytest.approx(nx.average_clustering(H))
        assert a["components"] == nx.number_connected_components(H)
        assert a["isolates"] == nx.number_of_isolates(H)
    if len(H) > 1:
        assert a["density"] == pytest.approx(nx.density(H))
    if not math.isnan(a["degree_assortativity"]):
        assert a["degree_assortativity"] == pytest.approx(
            nx.degree_assortativity_coefficient(H), abs=1e-9)
    if not math.isnan(a["transitivity"]):
        assert a["transitivity"] == pytest.approx(nx.transitivity(H))
    if a["largest_component_nodes"] >= 2:
        big = [c for c in nx.connected_components(H) if len(c) == a["largest_component_nodes"]]
        assert a["diameter"] == max(nx.diameter(H.subgraph(c)) for c in big)


def test_check_measure_and_compute_graph():
    assert check_measure("network_summary").func is network_summary
    check_measure("network_summary", backend="igraph", weight="weight")
    row = compute_graph(two_triangles(), ["network_summary"])
    assert row["network_summary.transitivity"] == pytest.approx(0.6)
    assert row["network_summary.nodes"] == 6


@pytest.mark.slow
def test_large_graph_smoke():
    G = nx.gnm_random_graph(20_000, 50_000, seed=11)
    t = time.perf_counter()
    s = network_summary(G, backend="igraph", path_sources=64, seed=1)
    elapsed = time.perf_counter() - t
    assert s["nodes"] == 20_000 and s["edges"] == 50_000 and s["path_sources"] == 64
    assert 0.9 < s["largest_component_share"] <= 1.0
    assert 3 < s["average_path_length"] < 15
    print(f"network_summary on 20k nodes, 64 path sources: {elapsed:.2f} s")
