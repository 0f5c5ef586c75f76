"""networkx <-> igraph conversion keeps attributes, weights and order."""

from __future__ import annotations

import subprocess
import sys

import igraph as ig
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patnet import build
from patnet.exceptions import PatnetInputError
from patnet.testing import make_corpus


def public(G):
    return {k: v for k, v in G.graph.items() if not k.startswith("_")}


def assert_identical(G, H):
    assert type(G) is type(H)
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert list(G.edges(data=True)) == list(H.edges(data=True))
    assert public(G) == public(H)


@pytest.fixture(scope="module")
def corpus():
    cn = lambda p: {"country": "CN", "province": f"CN-{p}", "inventor_id": f"i{p}"}  # noqa: E731
    return make_corpus({
        "1": [cn("JS"), {"country": "SG", "inventor_id": "s1"}],
        "2": [cn("BJ"), cn("BJ"), {"country": "SG", "inventor_id": "s1"}, {"country": "US"}],
        "3": [cn("BJ"), cn("SH")],
        "4": [{"country": "IN", "inventor_id": "n1"}],
    }, applicants={"1": [{"applicant_id": "a", "sector": "firm"},
                         {"applicant_id": "b", "sector": "university"}]})


@pytest.mark.parametrize("make", [
    lambda c: build.geo_graph(c),
    lambda c: build.geo_graph(c, normalize="association_strength", self_loops=False),
    lambda c: build.geo_graph(c, self_loops=True),
    lambda c: build.geo_graph(c, level="country", nodes="provinces"),
    lambda c: build.org_graph(c),
    lambda c: build.inventor_graph(c, counting="fractional"),
    lambda c: build.bipartite(c),
])
def test_round_trip_identical(corpus, make):
    G = make(corpus)
    g = build.to_igraph(G)
    assert g.vs["name"] == list(G.nodes)
    assert g.vcount() == G.number_of_nodes() and g.ecount() == G.number_of_edges()
    assert "_provenance" not in g.attributes()
    H = build.from_igraph(g)
    assert_identical(G, H)
    assert "_provenance" not in H.graph  # no helper or private entry leaks back
    assert all("name" not in d for _, d in H.nodes(data=True))


def test_weights_and_order_in_igraph(corpus):
    G = build.geo_graph(corpus, counting="fractional")
    g = build.to_igraph(G)
    for e, (u, v, w) in zip(g.es, G.edges(data="weight")):
        assert (g.vs[e.source]["name"], g.vs[e.target]["name"]) == (u, v)
        assert e["weight"] == w
    assert g.vs.find(name="province:CN-BJ")["label"] == "Beijing"
    assert g["counting"] == "fractional"
    # igraph algorithms read the weights
    assert g.strength(weights="weight") == [d for _, d in G.degree(weight="weight")]


def test_private_entries_on_request(corpus):
    G = build.geo_graph(corpus)
    g = build.to_igraph(G, private=True)
    H = build.from_igraph(g)
    assert build.edge_patents(H, "country:SG", "province:CN-BJ") == ["2"]


def test_partial_attributes_and_plain_graphs():
    G = nx.karate_club_graph()
    G.nodes[0]["extra"] = 1.5
    H = build.from_igraph(build.to_igraph(G))
    assert_identical(G, H)
    D = nx.DiGraph([("a", "b", {"w": 1}), ("b", "a", {"w": 2})])
    assert_identical(D, build.from_igraph(build.to_igraph(D)))
    E = nx.Graph()
    assert_identical(E, build.from_igraph(build.to_igraph(E)))


def test_unnamed_igraph():
    g = ig.Graph.Ring(4)
    H = build.from_igraph(g)
    assert list(H.nodes) == [0, 1, 2, 3] and H.number_of_edges() == 4


def test_conversion_errors():
    with pytest.raises(PatnetInputError, match="multigraph"):
        build.to_igraph(nx.MultiGraph([(1, 2), (1, 2)]))
    G = nx.Graph()
    G.add_node("a", name="x")
    with pytest.raises(PatnetInputError, match="name"):
        build.to_igraph(G)
    assert build.to_igraph(G, name="id").vs["name"] == ["x"]
    g = ig.Graph([(0, 1), (0, 1)])
    with pytest.raises(PatnetInputError, match="parallel"):
        build.from_igraph(g)
    with pytest.raises(PatnetInputError):
        build.from_igraph(nx.Graph())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9),
                          st.floats(allow_nan=False, allow_infinity=False)), max_size=25),
       st.booleans())
def test_round_trip_random(edges, directed):
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(f"n{i}" for i in (7, 3, 5, 0))  # node order is not sorted
    for u, v, w in edges:
        G.add_edge(f"n{u}", f"n{v}", weight=w)
    G.graph["note"] = "x"
    assert_identical(G, build.from_igraph(build.to_igraph(G)))


def test_building_networkx_graphs_does_not_import_igraph():
    # igraph imports matplotlib (about a second): it is loaded when an igraph graph is asked for
    code = ("import sys, patnet as pn; from patnet.testing import make_corpus; "
            "pn.build.geo_graph(make_corpus({'1': ['CN', 'SG']})); "
            "print('igraph' in sys.modules, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
