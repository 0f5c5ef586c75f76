"""The contract every measure passes: :func:`check_measure`."""

from __future__ import annotations

import copy
import math
import random

import networkx as nx
import numpy as np
import pandas as pd

from .registry import Measure, get_measure

__all__ = ["check_measure", "contract_graphs"]


def contract_graphs():
    """Small weighted graphs with attributes, used by :func:`check_measure`.

    Returns ``{name: (G, partition)}``: an empty graph, a single node, two
    triangles joined by one edge, Zachary's karate club with its weights and a
    made-up sector/country on every node, and a graph with an isolate.

    Examples
    --------
    >>> from patnet.measures import contract_graphs
    >>> graphs = contract_graphs()
    >>> sorted(graphs)
    ['empty', 'isolate', 'karate', 'single', 'two_triangles']
    >>> G, partition = graphs["two_triangles"]
    >>> G.number_of_edges(), partition["a"], G.nodes["d"]["sector"]
    (7, 0, 'government')
    """
    out = {}
    out["empty"] = (nx.Graph(), {})
    g1 = nx.Graph()
    g1.add_node("a", sector="firm", country="CN", label="a")
    out["single"] = (g1, {"a": 0})
    tt = nx.Graph()
    for u, v, w in [("a", "b", 1.0), ("b", "c", 2.0), ("a", "c", 1.0), ("c", "d", 0.5),
                    ("d", "e", 1.0), ("e", "f", 3.0), ("d", "f", 1.0)]:
        tt.add_edge(u, v, weight=w)
    sectors = ["firm", "university", "research", "government", "firm", "hospital"]
    for n, s in zip("abcdef", sectors):
        tt.nodes[n].update(sector=s, country="CN" if n in "abc" else "SG", label=n.upper())
    out["two_triangles"] = (tt, {n: (0 if n in "abc" else 1) for n in tt})
    k = nx.karate_club_graph()
    k = nx.relabel_nodes(k, {i: f"n{i:02d}" for i in k})
    for i, n in enumerate(sorted(k)):
        k.nodes[n].update(sector=["firm", "university", "government"][i % 3],
                          country=["CN", "SG", "IN"][i % 3 == 0], label=n)
        k.nodes[n].pop("club", None)
    out["karate"] = (k, {n: int(d["sector"] == "firm") for n, d in k.nodes(data=True)})
    iso = tt.copy()
    iso.add_node("z", sector="individual", country="US", label="Z")
    p = dict(out["two_triangles"][1])
    p["z"] = 2
    out["isolate"] = (iso, p)
    return out


def _snapshot(G):
    return (sorted((repr(n), repr(sorted(d.items()))) for n, d in G.nodes(data=True)),
            sorted((repr(sorted((repr(u), repr(v)))), repr(sorted(d.items())))
                   for u, v, d in G.edges(data=True)),
            repr(sorted(G.graph.items())))


def _shuffled(G, rng, mapping=None):
    mapping = mapping or {n: n for n in G}
    H = nx.Graph()
    H.graph.update(copy.deepcopy(G.graph))
    nodes = list(G.nodes(data=True))
    rng.shuffle(nodes)
    H.add_nodes_from((mapping[n], copy.deepcopy(d)) for n, d in nodes)
    edges = list(G.edges(data=True))
    rng.shuffle(edges)
    H.add_edges_from((mapping[v], mapping[u], copy.deepcopy(d)) if rng.random() < 0.5
                     else (mapping[u], mapping[v], copy.deepcopy(d)) for u, v, d in edges)
    return H


def _close(a, b, what, name):
    if isinstance(a, (pd.Series, pd.DataFrame)):
        try:
            if isinstance(a, pd.Series):
                pd.testing.assert_series_equal(a, b, check_names=False, rtol=1e-7, atol=1e-9,
                                               check_dtype=False, check_index_type=False)
            else:
                pd.testing.assert_frame_equal(a, b, rtol=1e-7, atol=1e-9, check_dtype=False,
                                              check_index_type=False)
        except AssertionError as exc:
            raise AssertionError(f"measure {name!r} changes {what}: {exc}") from None
        return
    if isinstance(a, dict):
        if set(a) != set(b):
            raise AssertionError(f"measure {name!r} changes {what}: keys differ")
        for k in a:
            _close(a[k], b[k], what, name)
        return
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if not math.isclose(a, b, rel_tol=1e-7, abs_tol=1e-9):
            raise AssertionError(f"measure {name!r} changes {what}: {a} != {b}")
        return
    if a != b:
        raise AssertionError(f"measure {name!r} changes {what}: {a!r} != {b!r}")


def _check_type(meas, res, G, partition, gname):
    name = meas.name
    if meas.level == "graph":
        ok = isinstance(res, (int, float, bool, dict)) and not isinstance(res, np.generic)
        if isinstance(res, dict):
            ok = all(isinstance(v, (int, float, bool, str, type(None))) and not isinstance(v, np.generic)
                     for v in res.values())
        if not ok:
            raise AssertionError(f"graph measure {name!r} must return Python scalars (or a dict of "
                                 f"them), got {type(res).__name__} on {gname}")
        return
    if not isinstance(res, (pd.Series, pd.DataFrame)):
        raise AssertionError(f"{meas.level} measure {name!r} must return a pandas Series or "
                             f"DataFrame, got {type(res).__name__} on {gname}")
    if meas.level == "node":
        if set(res.index) != set(G.nodes()) or len(res) != G.number_of_nodes():
            raise AssertionError(f"node measure {name!r} must have one row per node of the graph "
                                 f"({gname})")
    elif meas.level == "edge":
        want = {frozenset(e) for e in G.edges()}
        got = {frozenset(e) for e in res.index}
        if got != want or len(res) != G.number_of_edges():
            raise AssertionError(f"edge measure {name!r} must have one row per edge ({gname})")
    elif meas.level == "cluster":
        want = set(pd.Series(partition, dtype=object).reindex(list(G.nodes())).tolist()) if len(G) else set()
        if not set(res.index) <= want | set(partition.values()):
            raise AssertionError(f"cluster measure {name!r} must be indexed by cluster ({gname})")


def _canon(meas, res, back=None):
    """Results in a comparable form (node labels mapped back, edges as sorted pairs)."""
    if meas.level == "graph" or not isinstance(res, (pd.Series, pd.DataFrame)):
        return res
    res = res.copy()
    if meas.level == "node" and back is not None:
        res.index = [back[n] for n in res.index]
    if meas.level == "edge":
        pairs = [tuple(sorted(((back or {}).get(u, u), (back or {}).get(v, v)), key=repr))
                 for u, v in res.index]
        res.index = pd.MultiIndex.from_tuples(pairs) if pairs else res.index
    return res.sort_index(key=lambda i: i.map(repr)) if len(res) else res


def check_measure(measure, *, graphs=None, seed: int = 0, **options) -> Measure:
    """Run the measure contract; raise ``AssertionError`` naming what failed.

    The contract, on every graph of :func:`contract_graphs` (or ``graphs``):

    1. it returns the documented type, indexed as documented for its level;
    2. it never mutates the graph (nodes, edges, attributes, ``G.graph``);
    3. the result does not change when nodes are relabelled or when nodes
       and edges are inserted in another order;
    4. it handles the empty and single-node graphs (returning an empty or
       one-row result, or NaN).

    Parameters
    ----------
    measure : str, Measure or callable
        A registered name, a :class:`~patnet.measures.registry.Measure`, or a
        function decorated with ``register_measure``.
    graphs : dict, optional
        ``{name: (G, partition)}`` to use instead of the built-in graphs.
    seed : int
        For the shuffles.
    **options
        Passed to the measure.

    Returns
    -------
    Measure

    Raises
    ------
    AssertionError
        Naming the graph and the rule the measure broke.

    Examples
    --------
    >>> from patnet.measures import check_measure
    >>> check_measure("betweenness").level
    'node'
    """
    if isinstance(measure, Measure):
        meas = measure
    elif isinstance(measure, str):
        meas = get_measure(measure)
    else:
        meas = get_measure(getattr(measure, "__name__", str(measure)))
        if meas.func is not measure:
            raise AssertionError(f"{measure!r} is not the registered measure {meas.name!r}")
    rng = random.Random(seed)
    graphs = graphs or contract_graphs()
    for gname, (G, partition) in graphs.items():
        args = (partition,) if meas.needs_partition else ()
        before = _snapshot(G)
        res = meas.func(G, *args, **options)
        if _snapshot(G) != before:
            raise AssertionError(f"measure {meas.name!r} mutates the graph ({gname})")
        _check_type(meas, res, G, partition, gname)
        # the same graph built in another order
        H = _shuffled(G, rng)
        res2 = meas.func(H, *args, **options)
        _close(_canon(meas, res), _canon(meas, res2), f"with node/edge insertion order ({gname})",
               meas.name)
        # relabelled nodes
        mapping = {n: f"relabelled-{i}" for i, n in enumerate(rng.sample(list(G), len(G)))}
        back = {v: k for k, v in mapping.items()}
        R = _shuffled(G, rng, mapping)
        rargs = ({mapping[n]: c for n, c in partition.items() if n in mapping},) \
            if meas.needs_partition else ()
        res3 = meas.func(R, *rargs, **options)
        _close(_canon(meas, res), _canon(meas, res3, back), f"under node relabelling ({gname})",
               meas.name)
    return meas
