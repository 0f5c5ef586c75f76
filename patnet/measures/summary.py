r"""Whole-network summary: size, density, components, paths, clustering, assortativity.

:func:`network_summary` returns a dict of Python scalars, the usual first
table of a network study, and is registered as the graph measure
``"network_summary"`` (so ``compute_graph(G, ["network_summary"])`` gives it
as ``network_summary.<key>`` rows).

Examples
--------
>>> import networkx as nx
>>> from patnet.measures.summary import network_summary
>>> s = network_summary(nx.path_graph(4))
>>> s["nodes"], s["edges"], s["diameter"], s["average_path_length"]
(4, 3, 3.0, 1.6666666666666667)
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from ..exceptions import PatnetInputError
from .centrality import _components, _edges, _ig_graph, _which_backend
from .registry import register_measure

__all__ = ["network_summary", "SUMMARY_KEYS"]

#: Keys of :func:`network_summary`, in order (``total_weight`` and
#: ``self_loop_weight`` are added when ``weight`` is given).
SUMMARY_KEYS = (
    "nodes", "edges", "self_loops", "density", "components", "isolates",
    "largest_component_nodes", "largest_component_share", "diameter", "average_path_length",
    "path_sources", "transitivity", "average_clustering", "degree_assortativity",
    "degree_centralization",
)

#: Sources per igraph distance-matrix call when path lengths are sampled.
_BATCH = 256


@register_measure(level="graph")
def network_summary(G, *, weight=None, backend="auto", path_sources: int | None = None,
                    seed=None) -> dict:
    r"""The standard description of a network, as a dict of Python scalars.

    Self-loops (a unit's cooperation with itself) are counted in
    ``self_loops`` and left out of every other figure. Values that are
    undefined (on an empty graph, for instance) are ``nan``; nothing raises.

    ``nodes``, ``edges``, ``self_loops``
        :math:`n`, :math:`m` (edges between two distinct nodes), loops.
    ``density``
        :math:`2m / (n(n-1))`; NaN if :math:`n < 2`.
    ``components``, ``isolates``
        Connected components (an isolate is one); nodes without a partner.
    ``largest_component_nodes``, ``largest_component_share``
        Size of the largest component and its share of the nodes.
    ``diameter``, ``average_path_length``
        Longest and mean shortest-path length in hops (unweighted) between
        the pairs of nodes of the largest component. If several components
        share the largest size, their pairs are pooled (the diameter is the
        largest of theirs), so the result never depends on node order. NaN
        when the largest component has fewer than 2 nodes.
    ``path_sources``
        Number of source nodes behind the two previous figures: all nodes of
        the largest component(s), or ``path_sources`` if sampling was asked
        for.
    ``transitivity``
        :math:`3 \times \text{triangles} / \text{connected triples}` =
        :math:`\sum_i 2t_i / \sum_i k_i(k_i-1)`; NaN without a triple.
    ``average_clustering``
        Mean over all nodes of :math:`c_i = 2t_i / (k_i(k_i-1))`, with
        :math:`c_i = 0` for :math:`k_i < 2` (Watts-Strogatz, as networkx's
        ``average_clustering``); NaN on an empty graph.
    ``degree_assortativity``
        Pearson correlation of the degrees at either end of an edge, each
        edge counted in both directions (Newman 2002; networkx's
        ``degree_assortativity_coefficient``); NaN without edges or when all
        edge ends have the same degree.
    ``degree_centralization``
        Freeman's centralisation of degree,
        :math:`\sum_i (k_{\max} - k_i) / ((n-1)(n-2))`: 1 for a star, 0 for a
        regular graph; NaN if :math:`n < 3`.
    ``total_weight``, ``self_loop_weight``
        Only with ``weight``: the sum of the weights of the edges and of the
        self-loops.

    Parameters
    ----------
    G : networkx.Graph
        Undirected.
    weight : str, optional
        Edge attribute to total in ``total_weight``; the other figures are
        unweighted.
    backend : {"auto", "networkx", "igraph"}
        For shortest paths and triangles (the rest is computed with numpy
        and scipy either way). ``"auto"`` uses igraph above
        :data:`patnet.measures.centrality.IGRAPH_MIN_NODES` nodes or
        :data:`~patnet.measures.centrality.IGRAPH_MIN_EDGES` edges.
    path_sources : int, optional
        Estimate ``diameter`` (then a lower bound) and
        ``average_path_length`` from this many breadth-first searches from
        nodes of the largest component drawn with
        ``numpy.random.default_rng(seed)`` (from the nodes sorted by their
        ``repr``). Exact all-pairs paths cost :math:`O(nm)`: hours on
        hundreds of thousands of nodes, where a few hundred sources suffice.
    seed : int, optional
        For ``path_sources``.

    Returns
    -------
    dict
        The keys of :data:`SUMMARY_KEYS`, then ``total_weight`` and
        ``self_loop_weight`` with ``weight``.

    References
    ----------
    .. [1] Freeman, L. C. (1978). Centrality in social networks: conceptual
       clarification. *Social Networks* 1(3), 215-239.
    .. [2] Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of
       'small-world' networks. *Nature* 393, 440-442.
    .. [3] Newman, M. E. J. (2002). Assortative mixing in networks. *Physical
       Review Letters* 89, 208701.
    .. [4] Wasserman, S., & Faust, K. (1994). *Social Network Analysis:
       Methods and Applications*. Cambridge University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.summary import network_summary
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"),
    ...               ("d", "e"), ("e", "f"), ("d", "f")])
    >>> s = network_summary(G)
    >>> s["density"] == 7 / 15, s["transitivity"], s["degree_centralization"]
    (True, 0.6, 0.2)
    >>> network_summary(nx.Graph())["density"]
    nan
    """
    E = _edges(G, weight, "network_summary", positive=False)
    if E.directed:
        raise PatnetInputError("network_summary() describes undirected graphs",
                               hint="Pass G.to_undirected()")
    which = _which_backend(E.n, backend, len(E.src))
    n = E.n
    keep = ~E.loops
    src, dst = E.src[keep], E.dst[keep]
    m = int(keep.sum())
    deg = (np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)).astype(np.int64)
    out: dict[str, int | float] = {"nodes": n, "edges": m, "self_loops": int(E.loops.sum())}
    out["density"] = 2.0 * m / (n * (n - 1)) if n >= 2 else math.nan
    k, labels = _components(n, src, dst)
    sizes = np.bincount(labels) if n else np.zeros(0, dtype=np.int64)
    largest = int(sizes.max()) if n else 0
    out["components"] = k
    out["isolates"] = int((deg == 0).sum())
    out["largest_component_nodes"] = largest
    out["largest_component_share"] = largest / n if n else math.nan
    diameter, apl, used = _paths(E, src, dst, labels, sizes, largest, which, path_sources, seed)
    out["diameter"] = diameter
    out["average_path_length"] = apl
    out["path_sources"] = used
    trans, avg_clust = _clustering(n, src, dst, deg, which)
    out["transitivity"] = trans
    out["average_clustering"] = avg_clust
    out["degree_assortativity"] = _assortativity(deg, src, dst)
    out["degree_centralization"] = (float((deg.max() - deg).sum()) / ((n - 1) * (n - 2))
                                    if n >= 3 else math.nan)
    if weight is not None:
        out["total_weight"] = float(E.w[keep].sum())
        out["self_loop_weight"] = float(E.w[~keep].sum())
    return out


def _paths(E, src, dst, labels, sizes, largest, which, path_sources, seed):
    """(diameter, average path length, number of sources) on the largest component(s)."""
    if largest < 2:
        return math.nan, math.nan, 0
    big = np.flatnonzero(sizes == largest)
    members = np.flatnonzero(np.isin(labels, big))
    if path_sources is not None:
        if isinstance(path_sources, bool) or not isinstance(path_sources, (int, np.integer)) \
                or path_sources < 1:
            raise PatnetInputError("path_sources must be a positive whole number",
                                   value=path_sources)
    sampled = path_sources is not None and path_sources < len(members)
    local = np.full(E.n, -1, dtype=np.int64)
    local[members] = np.arange(len(members))
    inside = local[src] >= 0
    ls, ld = local[src[inside]], local[dst[inside]]
    if sampled:
        order = sorted(members.tolist(), key=lambda i: repr(E.nodes[i]))
        rng = np.random.default_rng(seed)
        picked = np.sort(rng.choice(len(order), size=int(path_sources), replace=False))
        sources = np.sort(local[np.asarray(order, dtype=np.int64)[picked]])
    else:
        sources = np.arange(len(members))
    total, pairs, longest = 0.0, 0, 0
    if which == "networkx":
        H = nx.Graph()
        H.add_nodes_from(range(len(members)))
        H.add_edges_from(zip(ls.tolist(), ld.tolist()))
        for s in sources.tolist():
            lengths = nx.single_source_shortest_path_length(H, s)
            total += sum(lengths.values())
            pairs += len(lengths) - 1
            longest = max(longest, max(lengths.values()))
        return float(longest), total / pairs, len(sources)
    g = _ig_graph(len(members), ls, ld, False)
    if not sampled:
        return (float(g.diameter(directed=False, unconn=True)),
                float(g.average_path_length(directed=False, unconn=True)), len(sources))
    for start in range(0, len(sources), _BATCH):
        d = np.asarray(g.distances(source=sources[start:start + _BATCH].tolist()), dtype=float)
        ok = np.isfinite(d) & (d > 0)
        total += float(d[ok].sum())
        pairs += int(ok.sum())
        longest = max(longest, int(d[ok].max()) if ok.any() else 0)
    return float(longest), total / pairs, len(sources)


def _clustering(n, src, dst, deg, which):
    """(transitivity, average clustering) of the loop-free graph."""
    if n == 0:
        return math.nan, math.nan
    triples = float((deg * (deg - 1)).sum())
    if which == "networkx":
        H = nx.Graph()
        H.add_nodes_from(range(n))
        H.add_edges_from(zip(src.tolist(), dst.tolist()))
        trans = nx.transitivity(H) if triples else math.nan
        return float(trans), float(nx.average_clustering(H))
    g = _ig_graph(n, src, dst, False)
    trans = g.transitivity_undirected(mode="nan") if triples else math.nan
    return float(trans), float(g.transitivity_avglocal_undirected(mode="zero"))


def _assortativity(deg, src, dst) -> float:
    if len(src) == 0:
        return math.nan
    x = np.concatenate([deg[src], deg[dst]]).astype(float)
    y = np.concatenate([deg[dst], deg[src]]).astype(float)
    xc = x - x.mean()
    var = float((xc * xc).sum())
    if var <= 1e-12 * float((x * x).sum()):
        return math.nan
    return float((xc * (y - y.mean())).sum()) / var
