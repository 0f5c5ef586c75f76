"""The measure registry and the measure contract."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

import patnet as pn
from patnet.measures import (available_measures, check_measure, compute, compute_clusters,
                             compute_edges, compute_graph, get_measure, register_measure,
                             unregister_measure)


@pytest.fixture
def registered():
    names = []

    def add(func, **kw):
        register_measure(func, **kw)
        names.append(kw.get("name", func.__name__))
        return func

    yield add
    for n in names:
        unregister_measure(n)


def foreign_share(G, *, weight="weight"):
    """Share of a node's link strength that goes to another country."""
    out = {}
    for n in G:
        total = sum(d.get(weight, 1.0) for d in G[n].values())
        foreign = sum(d.get(weight, 1.0) for m, d in G[n].items()
                      if G.nodes[m].get("country") != G.nodes[n].get("country"))
        out[n] = foreign / total if total else float("nan")
    return pd.Series(out, index=list(G), dtype=float)


def test_a_measure_defined_here_works_end_to_end(registered):
    registered(foreign_share, level="node", requires=("weight", "country"))
    assert check_measure("foreign_share").level == "node"
    G = nx.Graph()
    G.add_nodes_from([("a", {"country": "CN"}), ("b", {"country": "SG"}), ("c", {"country": "CN"})])
    G.add_edge("a", "b", weight=3.0)
    G.add_edge("a", "c", weight=1.0)
    table = compute(G, ["foreign_share"])
    assert table.index.name == "node" and table["foreign_share"].tolist() == [0.75, 1.0, 0.0]
    row = available_measures("node").set_index("name").loc["foreign_share"]
    assert row["requires"] == "weight,country"
    assert row["description"].startswith("Share of a node's link strength")


def test_redefining_replaces_without_failing(registered):
    def m(G):
        return pd.Series(1.0, index=list(G))

    registered(m, level="node", name="tmp_measure")

    def m(G):  # noqa: F811  (a notebook cell run again)
        return pd.Series(2.0, index=list(G))

    registered(m, level="node", name="tmp_measure")
    assert compute(nx.path_graph(2), ["tmp_measure"])["tmp_measure"].tolist() == [2.0, 2.0]


def test_replacing_someone_elses_measure_warns(registered):
    def one(G):
        return pd.Series(1.0, index=list(G))

    def other(G):
        return pd.Series(2.0, index=list(G))

    registered(one, level="node", name="tmp_clash")
    with pytest.warns(pn.PatnetWarning, match="is replaced by"):
        registered(other, level="node", name="tmp_clash")


def test_typos_and_levels():
    with pytest.raises(pn.PatnetError, match="no measure named"):
        get_measure("no_such_measure_at_all")
    with pytest.raises(pn.PatnetInputError, match="did you mean 'node'"):
        register_measure(level="nodes")(lambda G: None)
    with pytest.raises(pn.PatnetInputError, match="did you mean 'cluster'"):
        available_measures("clusters")


def test_other_levels(registered):
    def sizes(G, partition):
        """Nodes per cluster."""
        return pd.Series(partition).reindex(list(G)).value_counts().astype(float)

    def w(G, *, weight="weight"):
        """Edge weight."""
        idx = pd.MultiIndex.from_tuples(list(G.edges()), names=["u", "v"])
        return pd.Series([d.get(weight, 1.0) for _, _, d in G.edges(data=True)], index=idx,
                         dtype=float)

    def n_nodes(G):
        """Number of nodes."""
        return G.number_of_nodes()

    registered(sizes, level="cluster")
    registered(w, level="edge")
    registered(n_nodes, level="graph")
    for name in ("sizes", "w", "n_nodes"):
        check_measure(name)
    G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0})])
    assert compute_clusters(G, ["sizes"], {"a": 0, "b": 0, "c": 1})["sizes"].tolist() == [2.0, 1.0]
    assert compute_edges(G, ["w"])["w"].tolist() == [2.0, 1.0]
    assert compute_graph(G, ["n_nodes"])["n_nodes"] == 3
    with pytest.raises(pn.PatnetInputError, match="compute_clusters"):
        compute(G, ["sizes"])
    with pytest.raises(pn.PatnetInputError, match="no cluster"):
        compute_clusters(G, ["sizes"], {"a": 0})


def test_the_contract_catches_broken_measures(registered):
    def mutates(G):
        G.graph["touched"] = True
        return pd.Series(0.0, index=list(G))

    def order_dependent(G):
        return pd.Series(range(len(G)), index=list(G), dtype=float)

    def wrong_index(G):
        return pd.Series([1.0])

    def numpy_scalar(G):
        import numpy as np

        return np.float64(1.0)

    registered(mutates, level="node")
    registered(order_dependent, level="node")
    registered(wrong_index, level="node")
    registered(numpy_scalar, level="graph")
    with pytest.raises(AssertionError, match="mutates"):
        check_measure("mutates")
    with pytest.raises(AssertionError, match="changes"):
        check_measure("order_dependent")
    with pytest.raises(AssertionError, match="one row per node"):
        check_measure("wrong_index")
    with pytest.raises(AssertionError, match="Python scalars"):
        check_measure("numpy_scalar")


def test_every_built_in_measure_passes_the_contract():
    table = available_measures()
    built_in = table[table["source"].str.startswith("patnet.measures.")]
    for name in built_in["name"]:
        check_measure(name)


def test_compute_clusters_orders_numeric_clusters_numerically():
    import networkx as nx

    G = nx.path_graph([f"n{i}" for i in range(12)])
    part = {f"n{i}": i for i in range(12)}
    out = pn.measures.compute_clusters(G, ["internal_weight"], part)
    assert out.index.tolist() == list(range(12))
