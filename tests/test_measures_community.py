"""Communities, modularity and partition comparison (patnet.measures.community, .partitions)."""

from __future__ import annotations

import math
import random
import warnings
from fractions import Fraction

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patnet.exceptions import PatnetInputError
from patnet.measures import check_measure, compute_clusters, get_measure
from patnet.measures.community import (
    BACKENDS,
    METHODS,
    OBJECTIVES,
    cluster_modularity,
    communities,
    modularity,
)
from patnet.measures.partitions import as_membership, compare_partitions

LOUVAIN_SEED2 = [{0, 1, 2, 3, 7, 9, 11, 12, 13, 17, 19, 21}, {4, 5, 6, 10, 16},
                 {8, 14, 15, 18, 20, 22, 26, 29, 30, 32, 33}, {23, 24, 25, 27, 28, 31}]


@pytest.fixture
def karate():
    return nx.karate_club_graph()


@pytest.fixture
def two_triangles():
    return nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"), ("e", "f"),
                     ("d", "f")])


def as_sets(part: pd.Series):
    return {frozenset(part.index[part == k]) for k in part.unique()}


def global_states():
    return random.getstate(), np.random.get_state(legacy=False)


def same_numpy_state(a, b):
    return a["bit_generator"] == b["bit_generator"] \
        and np.array_equal(a["state"]["key"], b["state"]["key"]) \
        and a["state"]["pos"] == b["state"]["pos"] \
        and (a["has_gauss"], a["gauss"]) == (b["has_gauss"], b["gauss"])


# ---------------------------------------------------------------------------
# the karate club checks

def test_louvain_networkx_seed2_reproduces_published_partition(karate):
    part = communities(karate, "louvain", backend="networkx", weight=None, seed=2, n_starts=1)
    assert as_sets(part) == {frozenset(c) for c in LOUVAIN_SEED2}
    assert part.attrs["modularity"] == 0.41880341880341876
    assert part.attrs["quality"] == 0.41880341880341876
    assert part.attrs["best_seed"] == 2 and part.attrs["backend"] == "networkx"


def test_leiden_modularity_reaches_the_optimum(karate):
    part = communities(karate, "leiden", weight=None, seed=0, n_starts=10)
    assert part.attrs["objective"] == "modularity"
    assert math.isclose(part.attrs["modularity"], 0.4197896120973046, rel_tol=1e-15)
    assert math.isclose(max(part.attrs["start_qualities"]), 0.4197896120973046, rel_tol=1e-15)
    assert sorted(part.value_counts().tolist()) == [5, 6, 11, 12]
    # the optimum is known exactly: 1277/3042 (Brandes et al.; igraph's optimal_modularity)
    assert part.attrs["modularity"] == pytest.approx(float(Fraction(1277, 3042)), rel=1e-15)


@pytest.mark.parametrize("backend", ["networkx", "igraph"])
def test_greedy_modularity(karate, backend):
    part = communities(karate, "greedy", backend=backend, weight=None)
    assert part.attrs["modularity"] == 0.3806706114398422
    assert sorted(part.value_counts().tolist()) == [8, 9, 17]
    assert part.attrs["seed"] is None and part.attrs["n_starts"] == 1


def test_greedy_backends_agree(karate):
    a = communities(karate, "greedy", backend="networkx", weight=None)
    b = communities(karate, "greedy", backend="igraph", weight=None)
    assert as_sets(a) == as_sets(b)


def test_leiden_weighted_matches_networkx_modularity(karate):
    part = communities(karate, "leiden", seed=0)
    sets = [set(c) for c in as_sets(part)]
    assert math.isclose(part.attrs["modularity"], nx.community.modularity(karate, sets),
                        rel_tol=1e-14)
    assert part.attrs["weight"] == "weight"


def test_cpm_is_not_the_default_objective(karate):
    """igraph's default objective (CPM) gives singletons on the unweighted club; ours does not."""
    cpm = communities(karate, "leiden", objective="cpm", weight=None, seed=0, n_starts=2)
    assert cpm.attrs["n_communities"] == karate.number_of_nodes()
    mod = communities(karate, "leiden", weight=None, seed=0, n_starts=2)
    assert mod.attrs["n_communities"] == 4


def test_cpm_quality_is_igraphs(karate):
    part = communities(karate, "leiden", objective="CPM", weight=None, resolution=0.1, seed=3,
                       n_starts=1)
    g = ig.Graph(n=34, edges=list(karate.edges()))
    ig.set_random_number_generator(random.Random(3))
    try:
        c = g.community_leiden(objective_function="CPM", resolution=0.1, weights=[1.0] * 78,
                               node_weights=[1.0] * 34, n_iterations=-1, beta=0.01)
    finally:
        ig.set_random_number_generator(random)
    assert math.isclose(part.attrs["quality"], c.quality, rel_tol=1e-12)
    assert as_sets(part) == {frozenset(x) for x in c}


# ---------------------------------------------------------------------------
# modularity

def test_two_triangles_is_five_fourteenths(two_triangles):
    q = modularity(two_triangles, [{"a", "b", "c"}, {"d", "e", "f"}])
    assert q == 5 / 14
    assert Fraction(q) == Fraction(5 / 14)
    assert math.isclose(q, float(Fraction(5, 14)), rel_tol=1e-15)
    part = communities(two_triangles, "leiden", seed=0)
    assert part.tolist() == [0, 0, 0, 1, 1, 1]
    assert part.attrs["modularity"] == 5 / 14


def test_modularity_partition_forms(two_triangles):
    sets = [{"a", "b", "c"}, {"d", "e", "f"}]
    mapping = {n: ("x" if n in "abc" else "y") for n in two_triangles}
    G = two_triangles.copy()
    nx.set_node_attributes(G, mapping, "block")
    values = {modularity(two_triangles, sets), modularity(two_triangles, mapping),
              modularity(two_triangles, pd.Series(mapping)), modularity(G, "block")}
    assert values == {5 / 14}


def test_modularity_errors(two_triangles):
    with pytest.raises(PatnetInputError, match="no cluster"):
        modularity(two_triangles, {"a": 0})
    with pytest.raises(PatnetInputError, match="not in the graph"):
        modularity(two_triangles, {**{n: 0 for n in two_triangles}, "zz": 1})
    with pytest.raises(PatnetInputError, match="more than one community"):
        modularity(two_triangles, [{"a", "b", "c"}, {"c", "d", "e", "f"}])
    with pytest.raises(PatnetInputError, match="missing cluster"):
        modularity(two_triangles, {n: (None if n == "a" else 0) for n in two_triangles})
    H = two_triangles.copy()
    H["a"]["b"]["weight"] = -1.0
    with pytest.raises(PatnetInputError, match="negative"):
        modularity(H, {n: 0 for n in H})
    H["a"]["b"]["weight"] = "heavy"
    with pytest.raises(PatnetInputError, match="not a number"):
        modularity(H, {n: 0 for n in H})
    with pytest.raises(PatnetInputError, match="undirected"):
        modularity(nx.DiGraph([(1, 2)]), {1: 0, 2: 0})
    with pytest.raises(PatnetInputError, match="resolution"):
        modularity(two_triangles, {n: 0 for n in two_triangles}, resolution=-1)


def test_modularity_without_edges_is_nan():
    assert math.isnan(modularity(nx.Graph(), {}))
    G = nx.empty_graph(3)
    assert math.isnan(modularity(G, {0: 0, 1: 0, 2: 1}))


@st.composite
def weighted_graphs(draw, max_nodes=12, loops=True):
    n = draw(st.integers(1, max_nodes))
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    edges = draw(st.lists(pairs, max_size=30))
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for u, v in edges:
        if u == v and not loops:
            continue
        G.add_edge(u, v, weight=draw(st.sampled_from([0.5, 1.0, 2.0, 3.25])))
    return G


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(G=weighted_graphs(), data=st.data(), resolution=st.sampled_from([0.0, 0.5, 1.0, 2.0]),
       weighted=st.booleans())
def test_modularity_agrees_with_networkx(G, data, resolution, weighted):
    labels = data.draw(st.lists(st.integers(0, 3), min_size=len(G), max_size=len(G)))
    part = dict(zip(G, labels))
    weight = "weight" if weighted else None
    ours = modularity(G, part, weight=weight, resolution=resolution)
    if G.number_of_edges() == 0:
        assert math.isnan(ours)
        return
    sets = [{n for n in G if part[n] == k} for k in set(labels)]
    theirs = nx.community.modularity(G, sets, weight=weight, resolution=resolution)
    assert math.isclose(ours, theirs, rel_tol=1e-12, abs_tol=1e-14)
    contrib = cluster_modularity(G, part, weight=weight, resolution=resolution)
    assert math.isclose(contrib.sum(), ours, rel_tol=1e-12, abs_tol=1e-14)


def test_cluster_modularity_passes_the_contract():
    meas = check_measure("modularity")
    assert meas.level == "cluster" and meas.func is cluster_modularity
    check_measure("modularity", weight=None, resolution=0.5)
    assert get_measure("modularity").needs_partition


def test_cluster_modularity_through_compute_clusters(two_triangles):
    part = {n: ("x" if n in "abc" else "y") for n in two_triangles}
    table = compute_clusters(two_triangles, ["modularity"], part)
    assert table.index.tolist() == ["x", "y"]
    assert math.isclose(table["modularity"].sum(), 5 / 14)


# ---------------------------------------------------------------------------
# seeding, multi-start and stability

@pytest.mark.parametrize("method", ["leiden", "louvain", "infomap", "label_propagation",
                                    "vosviewer"])
def test_seeded_reproducible_and_global_rng_untouched(karate, method):
    before = global_states()
    a = communities(karate, method, seed=7, n_starts=3)
    after = global_states()
    assert after[0] == before[0]
    assert same_numpy_state(after[1], before[1])
    b = communities(karate, method, seed=7, n_starts=3)
    pd.testing.assert_series_equal(a, b)
    assert a.attrs == b.attrs


def test_louvain_networkx_leaves_global_rng_untouched(karate):
    before = global_states()
    communities(karate, "louvain", backend="networkx", seed=1, n_starts=2)
    after = global_states()
    assert after[0] == before[0] and same_numpy_state(after[1], before[1])


def test_igraph_is_pointed_back_at_the_random_module(karate):
    communities(karate, "leiden", seed=1, n_starts=1)
    g = ig.Graph(n=34, edges=list(karate.edges()))
    state = random.getstate()
    try:
        random.seed(12345)
        seeded = random.getstate()
        g.community_leiden(objective_function="modularity")
        assert random.getstate() != seeded  # igraph draws from `random` again, as by default
    finally:
        random.setstate(state)


def test_seed_none_is_drawn_and_recorded(karate):
    before = global_states()
    a = communities(karate, "louvain", seed=None, n_starts=2)
    assert random.getstate() == before[0]
    assert isinstance(a.attrs["seed"], int)
    b = communities(karate, "louvain", seed=a.attrs["seed"], n_starts=2)
    pd.testing.assert_series_equal(a, b)


def test_multistart_keeps_the_best_start(karate):
    part = communities(karate, "louvain", weight=None, seed=0, n_starts=10)
    q = part.attrs["start_qualities"]
    seeds = part.attrs["start_seeds"]
    assert seeds == list(range(10))
    assert len(set(q)) > 1  # the starts differ here
    best = max(q)
    assert part.attrs["quality"] == best
    assert part.attrs["best_seed"] == seeds[q.index(best)]  # ties: the smallest seed
    single = communities(karate, "louvain", weight=None, seed=part.attrs["best_seed"], n_starts=1)
    pd.testing.assert_series_equal(part, single)
    for s in seeds:
        one = communities(karate, "louvain", weight=None, seed=s, n_starts=1)
        assert one.attrs["quality"] <= part.attrs["quality"]


def test_infomap_keeps_the_shortest_code(karate):
    part = communities(karate, "infomap", weight=None, seed=0, n_starts=4)
    assert part.attrs["objective"] == "map_equation"
    assert part.attrs["quality"] == min(part.attrs["start_qualities"])


def test_stability_in_unit_interval(karate):
    part = communities(karate, "label_propagation", weight=None, seed=0, n_starts=8)
    assert 0 <= part.attrs["stability_nmi"] <= 1
    assert -1 <= part.attrs["stability_ari"] <= 1
    assert 0 <= part.attrs["stability_ari"] <= 1  # these starts agree more than chance
    assert part.attrs["n_distinct"] > 1
    stable = communities(karate, "leiden", weight=None, seed=0, n_starts=4)
    assert stable.attrs["stability_nmi"] == 1.0 and stable.attrs["stability_ari"] == 1.0
    assert stable.attrs["n_distinct"] == 1
    one = communities(karate, "leiden", weight=None, seed=0, n_starts=1)
    assert math.isnan(one.attrs["stability_nmi"]) and math.isnan(one.attrs["stability_ari"])


# ---------------------------------------------------------------------------
# the VOSviewer setting

def test_vosviewer_matches_association_strength_cpm(karate):
    part = communities(karate, "vosviewer", seed=4, n_starts=1)
    assert part.attrs["objective"] == "cpm" and part.attrs["resolution"] == 1.0
    # the same thing by hand: a_ij 2m / (s_i s_j), Leiden CPM with unit node weights
    s = dict(karate.degree(weight="weight"))
    two_m = sum(s.values())
    w = [d["weight"] * two_m / (s[u] * s[v]) for u, v, d in karate.edges(data=True)]
    g = ig.Graph(n=34, edges=list(karate.edges()))
    ig.set_random_number_generator(random.Random(4))
    try:
        c = g.community_leiden(objective_function="CPM", weights=w, resolution=1.0,
                               node_weights=[1.0] * 34, n_iterations=-1, beta=0.01)
    finally:
        ig.set_random_number_generator(random)
    assert as_sets(part) == {frozenset(x) for x in c}
    assert math.isclose(part.attrs["quality"], c.quality, rel_tol=1e-12)


@pytest.mark.parametrize("resolution", [0.5, 1.0])
def test_vosviewer_gives_real_clusters_on_karate(karate, resolution):
    part = communities(karate, "vosviewer", resolution=resolution, seed=0)
    sizes = part.value_counts()
    assert 2 <= part.attrs["n_communities"] <= 10
    assert sizes.max() >= 5
    assert part.attrs["modularity"] > 0.3


def test_vosviewer_higher_resolution_gives_more_clusters(karate):
    counts = [communities(karate, "vosviewer", resolution=r, seed=0, n_starts=3)
              .attrs["n_communities"] for r in (0.5, 1.0, 2.0)]
    assert counts == sorted(counts) and counts[0] < counts[-1]


def test_vosviewer_ignores_self_loops(two_triangles):
    H = two_triangles.copy()
    H.add_edge("a", "a", weight=5.0)
    a = communities(two_triangles, "vosviewer", seed=0, n_starts=2)
    b = communities(H, "vosviewer", seed=0, n_starts=2)
    assert a.tolist() == b.tolist()


# ---------------------------------------------------------------------------
# results, edge cases, errors

@pytest.mark.parametrize("method", METHODS)
def test_every_method_and_backend(two_triangles, method):
    for backend in BACKENDS[method]:
        part = communities(two_triangles, method, backend=backend, seed=0, n_starts=2)
        assert part.name == "community" and part.index.name == "node"
        assert part.index.tolist() == list(two_triangles)
        assert part.dtype == np.int64
        assert part.tolist() == [0, 0, 0, 1, 1, 1]
        assert part.attrs["method"] == method and part.attrs["backend"] == backend
        assert part.attrs["objective"] == OBJECTIVES[method][0]
        assert part.attrs["modularity"] == 5 / 14


@pytest.mark.parametrize("method", METHODS)
def test_empty_single_and_edgeless_graphs(method):
    empty = communities(nx.Graph(), method, seed=0)
    assert len(empty) == 0 and empty.attrs["n_communities"] == 0
    assert math.isnan(empty.attrs["modularity"])
    single = communities(_one_node(), method, seed=0)
    assert single.tolist() == [0] and single.index.tolist() == ["solo"]
    assert math.isnan(single.attrs["modularity"])
    edgeless = communities(nx.empty_graph(3), method, seed=0)
    assert edgeless.tolist() == [0, 1, 2]


def _one_node():
    G = nx.Graph()
    G.add_node("solo")
    return G


def test_isolates_are_their_own_communities(two_triangles):
    H = two_triangles.copy()
    H.add_node("z")
    for method in METHODS:
        part = communities(H, method, seed=0, n_starts=2)
        assert part["z"] == 2 and (part == 2).sum() == 1


def test_labels_numbered_by_size_then_first_node():
    G = nx.Graph([(1, 2), (3, 4), (4, 5), (3, 5), (6, 7)])
    part = communities(G, "greedy")
    # {3,4,5} is largest; {1,2} comes before {6,7} in the node order
    assert part.to_dict() == {1: 1, 2: 1, 3: 0, 4: 0, 5: 0, 6: 2, 7: 2}


def test_networkx_backend_reproduces_networkx_on_named_nodes(karate):
    G = nx.relabel_nodes(karate, {i: f"inventor:{i:02d}" for i in karate})
    for s in (0, 2, 5):
        ours = communities(G, "louvain", backend="networkx", seed=s, n_starts=1)
        theirs = nx.community.louvain_communities(G, seed=s)
        assert as_sets(ours) == {frozenset(c) for c in theirs}


def test_mixed_node_types():
    G = nx.Graph([(1, "a"), ("a", 2), (2, 1), (3, "b"), ("b", (0, 1)), ((0, 1), 3), (1, 3)])
    for method in METHODS:
        for backend in BACKENDS[method]:
            part = communities(G, method, backend=backend, seed=0, n_starts=2)
            assert set(part.index) == set(G)


def test_tuple_nodes_stay_nodes():
    G = nx.Graph([((0, 0), (0, 1)), ((0, 1), (1, 1))])
    part = communities(G, "leiden", seed=0, n_starts=1)
    assert part.index.tolist() == [(0, 0), (0, 1), (1, 1)]
    assert part.index.nlevels == 1


def test_errors(karate):
    with pytest.raises(PatnetInputError, match="did you mean 'leiden'"):
        communities(karate, "leidn")
    with pytest.raises(PatnetInputError, match="backend"):
        communities(karate, "leiden", backend="networkx")
    with pytest.raises(PatnetInputError, match="objective"):
        communities(karate, "louvain", objective="cpm")
    with pytest.raises(PatnetInputError, match="no resolution"):
        communities(karate, "walktrap", resolution=2.0)
    with pytest.raises(PatnetInputError, match="no resolution"):
        communities(karate, "greedy", backend="igraph", resolution=0.5)
    with pytest.raises(PatnetInputError, match="n_starts"):
        communities(karate, n_starts=0)
    with pytest.raises(PatnetInputError, match="seed"):
        communities(karate, seed="1")
    with pytest.raises(PatnetInputError, match="undirected"):
        communities(nx.DiGraph(karate))
    with pytest.raises(PatnetInputError, match="multigraph"):
        communities(nx.MultiGraph(karate))
    H = karate.copy()
    H[0][1]["weight"] = -2
    with pytest.raises(PatnetInputError, match="negative"):
        communities(H, seed=0)


def test_n_iterations(karate):
    until_stable = communities(karate, "leiden", weight=None, seed=0, n_starts=2)
    assert until_stable.attrs["n_iterations"] == -1
    two = communities(karate, "leiden", weight=None, seed=0, n_starts=2, n_iterations=2)
    assert two.attrs["n_iterations"] == 2
    assert two.attrs["quality"] <= until_stable.attrs["quality"] + 1e-15
    assert communities(karate, "vosviewer", seed=0, n_starts=1, n_iterations=10) \
        .attrs["n_iterations"] == 10
    assert communities(karate, "louvain", seed=0, n_starts=1).attrs["n_iterations"] is None
    with pytest.raises(PatnetInputError, match="n_iterations"):
        communities(karate, "louvain", n_iterations=3)
    with pytest.raises(PatnetInputError, match="n_iterations"):
        communities(karate, "leiden", n_iterations=0)


# A graph on which igraph 1.0's own "until stable" Leiden (n_iterations=-1) never returns,
# with the starts communities() makes from seed 3 (a node keeps moving between communities
# of equal quality, so no pass is without a move).
_LOOPING = [(1, 4, 2.0), (0, 5, 0.5), (0, 2, 1.0), (0, 3, 2.0), (1, 2, 1.0), (0, 6, 2.0),
            (2, 5, 2.0), (0, 4, 3.25), (2, 6, 1.0), (4, 5, 0.5), (3, 5, 3.25), (1, 6, 2.0),
            (3, 4, 3.25), (3, 6, 1.0), (2, 4, 1.0), (4, 6, 1.0), (1, 5, 1.0)]


def test_leiden_until_stable_returns_where_igraph_would_loop():
    # in a child process, so that a regression fails the test instead of hanging the suite
    import subprocess
    import sys

    code = (
        "import networkx as nx\n"
        "from patnet.measures import communities\n"
        f"G = nx.Graph(); G.add_nodes_from(range(7)); G.add_weighted_edges_from({_LOOPING!r})\n"
        "c = communities(G, 'leiden', seed=3, n_starts=2)\n"
        "print(c.tolist(), c.attrs['quality'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    labels, quality = out.stdout.rsplit("]", 1)
    # the best partition of two found by fixed numbers of passes
    G = nx.Graph()
    G.add_nodes_from(range(7))
    G.add_weighted_edges_from(_LOOPING)
    fixed = communities(G, "leiden", seed=3, n_starts=2, n_iterations=20)
    assert float(quality) == pytest.approx(fixed.attrs["quality"], rel=1e-12)


def test_leiden_passes_chain_like_igraph_iterations():
    # "until stable" chains single passes: k chained passes must be igraph's k iterations
    from patnet.measures.community import _leiden

    rng = random.Random(5)
    for t in range(40):
        n = rng.randint(2, 30)
        edges = {}
        for _ in range(rng.randint(0, 80)):
            u, v = rng.randrange(n), rng.randrange(n)
            if u != v:
                edges[(min(u, v), max(u, v))] = rng.choice([0.5, 1.0, 2.0, 3.25])
        g = ig.Graph(n=n, edges=list(edges))
        kw = {"objective_function": "modularity", "weights": list(edges.values()),
              "resolution": 1.0, "beta": 0.01}
        for k in (1, 2, 3):
            ig.set_random_number_generator(random.Random(t))
            want = g.community_leiden(n_iterations=k, **kw).membership
            ig.set_random_number_generator(random.Random(t))
            m = None
            for _ in range(k):
                m = g.community_leiden(n_iterations=1, initial_membership=m, **kw).membership
            assert m == want
            ig.set_random_number_generator(random.Random(t))
            assert _leiden(g, k, **kw) == want
        if not edges:
            continue
        # until stable: the first pass, then more only while they increase the quality
        ig.set_random_number_generator(random.Random(t))
        stable = g.modularity(_leiden(g, -1, **kw), weights=kw["weights"])
        ig.set_random_number_generator(random.Random(t))
        assert stable >= g.modularity(_leiden(g, 1, **kw), weights=kw["weights"]) - 1e-12
    ig.set_random_number_generator(random)

def test_resolution_changes_the_result(karate):
    coarse = communities(karate, "leiden", weight=None, resolution=0.5, seed=0)
    fine = communities(karate, "leiden", weight=None, resolution=2.0, seed=0)
    assert coarse.attrs["n_communities"] < fine.attrs["n_communities"]
    assert fine.attrs["resolution"] == 2.0
    assert math.isclose(fine.attrs["quality"],
                        modularity(karate, fine, weight=None, resolution=2.0), rel_tol=1e-15)
    assert communities(karate, "infomap", seed=0, n_starts=1).attrs["resolution"] is None


# ---------------------------------------------------------------------------
# properties

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(G=weighted_graphs(max_nodes=14, loops=False), data=st.data())
def test_labels_invariant_to_node_relabelling(G, data):
    names = data.draw(st.lists(st.text(min_size=1, max_size=4), min_size=len(G), max_size=len(G),
                               unique=True))
    mapping = dict(zip(G, names))
    # relabel_nodes rebuilds adjacency in G.edges() order: compare two graphs built the same way
    G = nx.relabel_nodes(G, {n: n for n in G})
    R = nx.relabel_nodes(G, mapping)  # same node, edge and neighbour order, new names
    for method, kw in [("greedy", {}), ("leiden", {"seed": 3, "n_starts": 2})]:
        a = communities(G, method, **kw)
        b = communities(R, method, **kw)
        assert b.index.tolist() == [mapping[n] for n in a.index]
        assert a.tolist() == b.tolist()
        assert a.attrs["modularity"] == b.attrs["modularity"] or \
            (math.isnan(a.attrs["modularity"]) and math.isnan(b.attrs["modularity"]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(G=weighted_graphs(max_nodes=14), method=st.sampled_from(METHODS))
def test_membership_covers_all_nodes(G, method):
    part = communities(G, method, seed=0, n_starts=2)
    assert part.index.tolist() == list(G)
    k = part.attrs["n_communities"]
    assert sorted(part.unique().tolist()) == list(range(k))
    sizes = part.value_counts().reindex(range(k)).tolist()
    assert sizes == sorted(sizes, reverse=True)


# ---------------------------------------------------------------------------
# compare_partitions

def test_compare_identical_and_renamed():
    a = {"a": 0, "b": 0, "c": 1, "d": 2, "e": 2}
    b = {"e": "z", "d": "z", "c": "y", "b": "x", "a": "x"}
    assert compare_partitions(a, b) == {"nmi": 1.0, "ari": 1.0, "vi": 0.0}
    assert compare_partitions([0, 0, 0], [1, 1, 1]) == {"nmi": 1.0, "ari": 1.0, "vi": 0.0}
    assert compare_partitions([0, 1, 2], [2, 1, 0]) == {"nmi": 1.0, "ari": 1.0, "vi": 0.0}
    assert compare_partitions(["x"], ["y"]) == {"nmi": 1.0, "ari": 1.0, "vi": 0.0}


def test_compare_hand_cases():
    # A = {01}{23}, B = {01}{2}{3}: H(A) = ln 2, H(B) = 1.5 ln 2, I = ln 2
    r = compare_partitions([0, 0, 1, 1], [0, 0, 1, 2])
    assert math.isclose(r["nmi"], 0.8, rel_tol=1e-14)
    assert math.isclose(r["vi"], 0.5 * math.log(2), rel_tol=1e-14)
    assert math.isclose(r["ari"], 4 / 7, rel_tol=1e-15)
    one_vs_singletons = compare_partitions([0, 0, 0, 0], [0, 1, 2, 3])
    assert one_vs_singletons["nmi"] == 0.0 and one_vs_singletons["ari"] == 0.0
    assert math.isclose(one_vs_singletons["vi"], math.log(4), rel_tol=1e-14)
    empty = compare_partitions([], [])
    assert all(math.isnan(v) for v in empty.values())


def test_compare_forms_and_alignment():
    nodes_sets = [{"a", "b"}, {"c"}]
    mapping = {"c": 5, "a": 1, "b": 1}
    assert compare_partitions(nodes_sets, mapping)["ari"] == 1.0
    assert compare_partitions(pd.Series(mapping), nodes_sets)["nmi"] == 1.0
    with pytest.raises(PatnetInputError, match="no cluster"):
        compare_partitions({"a": 0, "b": 0, "c": 1}, {"a": 0, "b": 0})
    with pytest.raises(PatnetInputError, match="labels"):
        compare_partitions([0, 1], [0, 1, 1])
    with pytest.raises(PatnetInputError, match="plain sequence"):
        compare_partitions({"a": 0}, [0])


@settings(max_examples=80, deadline=None)
@given(data=st.data(), n=st.integers(2, 40))
def test_compare_against_igraph(data, n):
    a = data.draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
    b = data.draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
    r = compare_partitions(a, b)
    ca, cb = pd.factorize(pd.Series(a))[0].tolist(), pd.factorize(pd.Series(b))[0].tolist()
    assert math.isclose(r["nmi"], ig.compare_communities(ca, cb, method="nmi"),
                        rel_tol=1e-12, abs_tol=1e-12)
    assert math.isclose(r["vi"], ig.compare_communities(ca, cb, method="vi"),
                        rel_tol=1e-12, abs_tol=1e-12)
    ari = ig.compare_communities(ca, cb, method="adjusted_rand")
    if math.isnan(ari):  # igraph's NaN: both partitions trivial, hence equal
        assert r["ari"] == 1.0 and ca == cb
    else:
        assert math.isclose(r["ari"], ari, rel_tol=1e-12, abs_tol=1e-12)
    assert 0 <= r["nmi"] <= 1 and r["vi"] >= 0 and r["ari"] <= 1
    s = compare_partitions(b, a)
    assert math.isclose(s["nmi"], r["nmi"], abs_tol=1e-15) and s["ari"] == r["ari"]


def test_as_membership():
    s = as_membership([{"a"}, {"b", "c"}], nodes=["c", "b", "a"])
    assert s.tolist() == [1, 1, 0]
    with pytest.raises(PatnetInputError, match="string"):
        as_membership("abc")


def test_leiden_until_stable_by_default_warns_on_large_graphs(monkeypatch):
    import patnet.measures.community as community
    from patnet.exceptions import PatnetWarning

    G = nx.karate_club_graph()
    monkeypatch.setattr(community, "LONG_LEIDEN_EDGES", G.number_of_edges())
    for method in ("leiden", "vosviewer"):
        with pytest.warns(PatnetWarning, match=r"78 edges, 2 start\(s\).*n_iterations=10"):
            warned = communities(G, method, seed=0, n_starts=2)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            quiet = communities(G, method, seed=0, n_starts=2, n_iterations=-1)
            communities(G, method, seed=0, n_starts=2, n_iterations=10)
        # the default is -1, warned about
        assert warned.tolist() == quiet.tolist() and warned.attrs == quiet.attrs
        assert warned.attrs["n_iterations"] == -1
    # methods without iterations, and graphs below the threshold, do not warn
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        communities(G, "louvain", seed=0, n_starts=2)
        monkeypatch.setattr(community, "LONG_LEIDEN_EDGES", G.number_of_edges() + 1)
        communities(G, "leiden", seed=0, n_starts=2)
