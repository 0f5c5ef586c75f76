"""Edges of an igraph graph as arrays: the copy from igraph's own edge columns
(``stored_endpoints``) against ``get_edgelist``, every check of the copy, and the
measures that read them."""

import ctypes
import pickle

import igraph as ig
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet.measures import _graphs
from patnet.measures._graphs import endpoints, listed_endpoints, stored_endpoints
from patnet.measures.community import _igraph_rng

NATIVE = ctypes.sizeof(ctypes.c_void_p) == 8


def _pairs(g):
    u, v = endpoints(g)
    return list(zip(u.tolist(), v.tolist()))


@st.composite
def graphs(draw):
    """igraph graphs of every kind the copy meets: directed or not, loops, parallel edges,
    edges deleted and added after construction, rewired."""
    n = draw(st.integers(1, 30))
    directed = draw(st.booleans())
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    g = ig.Graph(n=n, edges=draw(st.lists(pair, max_size=80)), directed=directed)
    if g.ecount() and draw(st.booleans()):
        g.delete_edges(draw(st.lists(st.integers(0, g.ecount() - 1), max_size=5, unique=True)))
    g.add_edges(draw(st.lists(pair, max_size=10)))
    if draw(st.booleans()) and g.ecount() > 3 and not directed and g.is_simple():
        with _igraph_rng(draw(st.integers(0, 2**16))):  # igraph's own stream, seeded
            g.rewire(n=5)
    # graphs made from graphs: a copy, a pickled one, a simplified one, an induced subgraph,
    # the other kind of graph
    made = draw(st.sampled_from(["as is", "copy", "pickle", "simplify", "subgraph", "flip"]))
    if made == "copy":
        g = g.copy()
    elif made == "pickle":
        g = pickle.loads(pickle.dumps(g))
    elif made == "simplify":
        g.simplify()
    elif made == "subgraph":
        g = g.induced_subgraph(sorted(set(draw(st.lists(st.integers(0, n - 1), min_size=1)))))
    elif made == "flip":
        g = g.as_undirected() if directed else g.as_directed(mode="mutual")
    return g


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_endpoints_are_the_pairs_igraph_reports(g):
    assert _pairs(g) == g.get_edgelist()
    u, v = endpoints(g)
    assert u.dtype == v.dtype == np.int64
    if NATIVE and g.ecount():
        stored = stored_endpoints(g)
        assert stored is not None, "the copy should find igraph's edge columns here"
        assert [a.tolist() for a in stored] == [a.tolist() for a in listed_endpoints(g)]


def test_the_copy_is_taken_on_a_large_graph():
    if not NATIVE:
        pytest.skip("the copy from igraph's edge columns needs 64-bit pointers")
    g = ig.Graph.Erdos_Renyi(n=20_000, m=100_000, directed=False)
    g.es["weight"] = 1.5
    u, v = stored_endpoints(g)
    a, b = listed_endpoints(g)
    assert np.array_equal(u, a) and np.array_equal(v, b)
    assert (u <= v).all()  # the smaller end first, as igraph reports it
    # the copy is the caller's: changing it leaves the graph alone
    u[:] = 0
    assert g.get_edgelist()[:3] == list(zip(a[:3].tolist(), b[:3].tolist()))


def test_graph_without_edges():
    g = ig.Graph(n=4)
    assert stored_endpoints(g) is None
    assert [a.tolist() for a in endpoints(g)] == [[], []]


# -- every check of the copy, on a header made by hand -----------------------------------
class _Header:
    """An ``igraph_t`` header in ctypes memory (vertex count, directed flag, the two edge
    columns), behind an object with the few methods ``stored_endpoints`` calls, so that
    each field can be spoiled in turn."""

    class _Edge:
        def __init__(self, pair):
            self.tuple = pair

    def __init__(self, n, pairs, directed=False, reported=None):
        self.n, self.directed = n, directed
        # stored as igraph stores them: an undirected edge's larger end in ``from``
        stored = [(a, b) if directed or a >= b else (b, a) for a, b in pairs]
        self.cols = [(ctypes.c_int64 * max(len(pairs), 1))(*[p[i] for p in stored])
                     for i in (0, 1)]
        self.mem = (ctypes.c_uint64 * 8)()
        self.mem[0] = n
        self.mem[1] = int(directed)
        for k, col in enumerate(self.cols):
            begin = ctypes.addressof(col)
            self.mem[2 + 3 * k: 5 + 3 * k] = [begin, begin + 8 * len(pairs),
                                               begin + 8 * len(pairs)]
        self.pairs = list(pairs)
        self.reported = list(pairs if reported is None else reported)
        self.es = [self._Edge(p) for p in self.reported]

    def ecount(self):
        return len(self.pairs)

    def vcount(self):
        return self.n

    def is_directed(self):
        return self.directed

    def _raw_pointer(self):
        return ctypes.addressof(self.mem)


PAIRS = [(0, 1), (1, 2), (2, 2), (0, 3)]


@pytest.mark.skipif(not NATIVE, reason="the header made here has 64-bit fields")
def test_a_faithful_header_is_read():
    u, v = stored_endpoints(_Header(4, PAIRS))
    assert list(zip(u.tolist(), v.tolist())) == PAIRS
    u, v = stored_endpoints(_Header(4, [(3, 0), (1, 1)], directed=True))
    assert (u.tolist(), v.tolist()) == ([3, 1], [0, 1])


@pytest.mark.skipif(not NATIVE, reason="the header made here has 64-bit fields")
@pytest.mark.parametrize("spoil", [
    "vertex count", "null column", "misaligned column", "short column", "capacity",
    "index past the vertices", "negative index", "ends swapped", "other pairs reported",
])
def test_each_check_refuses_a_spoiled_header(spoil):
    h = _Header(4, PAIRS)
    if spoil == "vertex count":
        h.mem[0] = 5
    elif spoil == "null column":
        h.mem[2] = 0
    elif spoil == "misaligned column":
        h.mem[5] += 4
    elif spoil == "short column":
        h.mem[4] -= 8
    elif spoil == "capacity":
        h.mem[3] = h.mem[4] - 8
    elif spoil == "index past the vertices":
        h.cols[0][1] = 4
    elif spoil == "negative index":
        h.cols[1][0] = -1
    elif spoil == "ends swapped":  # an undirected edge's smaller end in ``from``
        h.cols[0][0], h.cols[1][0] = h.cols[1][0], h.cols[0][0]
    elif spoil == "other pairs reported":
        h = _Header(4, PAIRS, reported=[(0, 1), (1, 2), (2, 2), (1, 3)])
    assert stored_endpoints(h) is None


def test_no_copy_without_raw_pointer():
    class Plain:
        def ecount(self):
            return 1

        def vcount(self):
            return 2

    assert stored_endpoints(Plain()) is None


def test_wrong_offsets_are_caught(monkeypatch):
    """Columns read at the wrong place (igraph's edge indexes ``oi`` and ``ii``, which
    have as many values as there are edges) are refused, not returned."""
    if not NATIVE:
        pytest.skip("needs 64-bit pointers")
    g = ig.Graph([(0, 5), (1, 4), (2, 3), (3, 3), (4, 0), (5, 1)])
    monkeypatch.setattr(_graphs, "_FROM_AT", 64)
    monkeypatch.setattr(_graphs, "_TO_AT", 88)
    assert stored_endpoints(g) is None
    assert _pairs(g) == g.get_edgelist()  # endpoints() falls back to the list


# -- the measures read the same edges either way -----------------------------------------
def test_measures_agree_with_the_listed_edges(monkeypatch):
    g = ig.Graph.Erdos_Renyi(n=300, m=1_500, directed=False)
    g.vs["name"] = [f"inv:{i:04d}" for i in range(g.vcount())]
    g.es["weight"] = np.random.default_rng(0).integers(1, 5, g.ecount()).astype(float).tolist()

    def run():
        part = pn.measures.communities(g, "leiden", seed=3, n_starts=2, n_iterations=2)
        return (part, pn.measures.internal_share(g, part),
                pn.measures.conductance(g, part), pn.measures.strength(g))

    fast = run()
    monkeypatch.setattr(_graphs, "stored_endpoints", lambda g: None)
    slow = run()
    for a, b in zip(fast, slow):
        assert a.equals(b)
    assert fast[0].attrs["quality"] == slow[0].attrs["quality"]
