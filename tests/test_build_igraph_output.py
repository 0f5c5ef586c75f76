"""``output="igraph"``: the same graph as networkx's, and every measure agrees on both."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet.exceptions import PatnetInputError


@pytest.fixture(scope="module")
def corpus():
    c = pn.datasets.synthetic_corpus(1500, seed=3)
    c, _ = pn.geo.normalize(c)
    c, _ = pn.classify.assign_sectors(c)
    return c


BUILDERS = {
    "org": lambda c, o: pn.build.org_graph(c, output=o),
    "org_frac_norm": lambda c, o: pn.build.org_graph(c, counting="fractional", min_weight=0.1,
                                                      output=o),
    "inventor": lambda c, o: pn.build.inventor_graph(c, counting="fractional", output=o),
    "geo": lambda c, o: pn.build.geo_graph(c, normalize="association_strength", output=o),
    "geo_loops": lambda c, o: pn.build.geo_graph(c, level="country", self_loops=True, output=o),
    "field": lambda c, o: pn.build.graph(c, "field", nodes=None, output=o),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_same_graph_both_ways(corpus, name):
    G, g = BUILDERS[name](corpus, "networkx"), BUILDERS[name](corpus, "igraph")
    assert g.vs["name"] == list(G)
    names = g.vs["name"]
    assert [(names[a], names[b]) for a, b in g.get_edgelist()] == list(G.edges())
    for attr in g.es.attributes():
        assert g.es[attr] == [d[attr] for *_, d in G.edges(data=True)]
    for attr in g.vs.attributes():
        if attr != "name":
            assert g.vs[attr] == [d[attr] for _, d in G.nodes(data=True)]
    public = {k: v for k, v in G.graph.items() if not k.startswith("_")}
    assert {k: g[k] for k in public} == public
    assert g["_provenance"] is not None


@pytest.mark.parametrize("name", ["inventor", "geo_loops"])
def test_edges_streamed_to_igraph_in_parts_make_the_same_graph(corpus, name, monkeypatch):
    from patnet.build import graphs

    whole = BUILDERS[name](corpus, "igraph")
    monkeypatch.setattr(graphs, "IGRAPH_EDGE_CHUNK", 7)
    parts = BUILDERS[name](corpus, "igraph")
    assert whole.ecount() > 7 * 3
    assert parts.get_edgelist() == whole.get_edgelist()
    assert parts.vs["name"] == whole.vs["name"]
    for attr in whole.es.attributes():
        assert parts.es[attr] == whole.es[attr]


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_measures_agree_on_both_kinds(corpus, name):
    G, g = BUILDERS[name](corpus, "networkx"), BUILDERS[name](corpus, "igraph")
    for f in ("degree", "strength", "pagerank", "eigenvector", "closeness", "betweenness"):
        for backend in ("igraph", "networkx", "auto"):
            a = getattr(pn.measures, f)(G, backend=backend)
            b = getattr(pn.measures, f)(g, backend=backend)
            assert a.index.equals(b.index), (f, backend)
            assert a.attrs.keys() == b.attrs.keys(), (f, backend)
            for key, x in a.attrs.items():  # the eigenvalue, from two starting vectors
                assert b.attrs[key] == (pytest.approx(x, rel=1e-9)
                                        if isinstance(x, float) else x), (f, backend, key)
            np.testing.assert_allclose(a.to_numpy(), b.to_numpy(), atol=1e-10,
                                       err_msg=f"{f}, backend {backend}")
    if any(d.get("weight", 1) > 0 for *_, d in G.edges(data=True)) and not G.graph["self_loops"]:
        p1 = pn.measures.communities(G, seed=1, n_starts=2)
        p2 = pn.measures.communities(g, seed=1, n_starts=2)
        assert p1.equals(p2) and p1.attrs["modularity"] == p2.attrs["modularity"]
        assert pn.measures.modularity(G, p1) == pn.measures.modularity(g, p1)
        for f in ("internal_weight", "internal_share", "ei_index", "conductance"):
            assert getattr(pn.measures, f)(G, p1).equals(getattr(pn.measures, f)(g, p1)), f


def test_networkx_backend_on_igraph_input(corpus):
    G, g = pn.build.org_graph(corpus), pn.build.org_graph(corpus, output="igraph")
    a = pn.measures.pagerank(G, backend="networkx")
    b = pn.measures.pagerank(g, backend="networkx")
    np.testing.assert_allclose(a.to_numpy(), b.to_numpy(), atol=1e-10)
    p1 = pn.measures.communities(G, method="louvain", backend="networkx", seed=2, n_starts=1)
    p2 = pn.measures.communities(g, method="louvain", backend="networkx", seed=2, n_starts=1)
    assert p1.attrs["modularity"] == pytest.approx(p2.attrs["modularity"], abs=1e-12)


def test_sector_measures_and_attribute_partitions_on_igraph(corpus):
    G, g = pn.build.org_graph(corpus), pn.build.org_graph(corpus, output="igraph")
    assert pn.measures.sector_mix(G, "sector").equals(pn.measures.sector_mix(g, "sector"))
    assert pn.measures.internal_share(G, "sector").equals(pn.measures.internal_share(g, "sector"))


def test_bad_output_and_unsupported_measure():
    c = pn.testing.make_corpus({"1": ["CN", "US"]})
    with pytest.raises(PatnetInputError, match="output='igraph'"):
        pn.build.geo_graph(c, level="country", output="graph-tool")
    g = pn.build.geo_graph(c, level="country", output="igraph")
    with pytest.raises(PatnetInputError, match="from_igraph"):
        pn.measures.openness(g)


def _same_values(a, b):
    """Equal element by element, of the same types, NaN equal to NaN, NA to NA."""
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert type(x) is type(y)
        assert x is y or x == y or (isinstance(x, float) and x != x and y != y)


@given(st.lists(st.one_of(st.none(), st.sampled_from(["CN", "US", "inventor", ""])),
                min_size=1, max_size=60),
       st.lists(st.one_of(st.sampled_from([1.0, 0.5, 2.0, 1 / 3]), st.just(float("nan"))),
                min_size=1, max_size=60),
       st.lists(st.integers(-3, 10**12), min_size=1, max_size=60))
@settings(max_examples=60, deadline=None)
def test_shared_attribute_values_equal_tolist(text, floats, ints):
    # values that repeat are shared objects; the lists equal tolist() value by value
    import pandas as pd

    import patnet.build.graphs as graphs

    cols = [pd.Series(text, dtype="string"), pd.Series(text, dtype=object),
            np.array(floats), np.array(ints * 5, dtype=np.int64),
            pd.Series([True, False] * len(ints))]
    old = graphs.SHARE_VALUES_FROM
    try:
        graphs.SHARE_VALUES_FROM = 0
        for col in cols:
            want = pd.Series(col).tolist()
            got = graphs._py_list(col)
            _same_values(got, want)
            distinct = pd.Series(col).nunique(dropna=False)
            if distinct * 4 <= len(want):  # repeated values are one object each
                assert len({id(v) for v in got}) <= distinct
    finally:
        graphs.SHARE_VALUES_FROM = old
