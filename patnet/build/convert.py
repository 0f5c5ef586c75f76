"""networkx <-> igraph, keeping attributes, weights and node order.

igraph is what patnet uses for fast measures (Leiden, PageRank, sampled
betweenness on large graphs). :func:`to_igraph` numbers the vertices in
``G``'s node order and its edges in ``G.edges()`` order, stores the node ids
in the vertex attribute ``name`` (igraph's own convention, so that
``g.vs.find(name="province:CN-JS")`` works) and copies every other node,
edge and public graph attribute unchanged; :func:`from_igraph` reverses it,
so ``from_igraph(to_igraph(G))`` equals ``G`` (node order, edge order,
attributes, ``G.graph``). No helper attribute is added on either side.

A node attribute missing on some nodes is ``None`` on those vertices in
igraph (igraph attributes are per graph); :func:`from_igraph` leaves
``None`` values out, so such attributes survive the round trip.

Examples
--------
>>> import patnet as pn
>>> from patnet.testing import make_corpus
>>> G = pn.build.geo_graph(make_corpus({"1": ["CN", "SG"], "2": ["SG", "IN"]}), level="country")
>>> g = pn.build.to_igraph(G)
>>> g.vs["name"], g.es["weight"], g["counting"]
(['country:CN', 'country:IN', 'country:SG'], [1.0, 1.0], 'full')
>>> H = pn.build.from_igraph(g)
>>> list(H.edges(data=True)) == list(G.edges(data=True)), H.graph.get("_provenance")
(True, None)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from ..exceptions import PatnetInputError

if TYPE_CHECKING:  # igraph is imported when a conversion runs: it imports matplotlib
    import igraph as ig

__all__ = ["to_igraph", "from_igraph"]


def _keys(dicts):
    seen = {}
    for d in dicts:
        for k in d:
            seen.setdefault(k, None)
    return list(seen)


def to_igraph(G, *, private: bool = False, name: str = "name") -> ig.Graph:
    """An :class:`igraph.Graph` with the same nodes, edges and attributes as ``G``.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    private : bool
        Also copy graph attributes whose key starts with ``"_"`` (such as
        ``"_provenance"``, which :func:`~patnet.build.edge_patents` reads).
        Default False: only public attributes, as exporters do.
    name : str
        Vertex attribute that holds the node ids.

    Returns
    -------
    igraph.Graph
        Vertex i is ``list(G)[i]``; edge k is ``list(G.edges)[k]``.

    Raises
    ------
    PatnetInputError
        ``G`` is a multigraph, or has a node attribute called ``name``.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.build import to_igraph
    >>> G = nx.Graph(level="country")
    >>> G.add_edge("country:CN", "country:SG", weight=3)
    >>> g = to_igraph(G)
    >>> g.vs["name"], g.es["weight"], g["level"]
    (['country:CN', 'country:SG'], [3], 'country')
    """
    if not isinstance(G, nx.Graph):
        raise PatnetInputError(f"to_igraph() takes a networkx graph, got {type(G).__name__}")
    if G.is_multigraph():
        raise PatnetInputError("to_igraph() does not convert multigraphs",
                               hint="Collapse parallel edges first (nx.Graph(G) keeps one of them)")
    nodes = list(G.nodes)
    node_attrs = [G.nodes[n] for n in nodes]
    if any(name in d for d in node_attrs):
        raise PatnetInputError(f"a node attribute is called {name!r}, which holds node ids in igraph",
                               hint="Pass name='another_name' or rename the attribute")
    index = pd.Index(nodes) if nodes else pd.Index([])
    edges = list(G.edges(data=True))
    if edges:
        us = index.get_indexer([e[0] for e in edges])
        vs = index.get_indexer([e[1] for e in edges])
        pairs = np.column_stack([us, vs]).tolist()
    else:
        pairs = []
    import igraph as ig

    g = ig.Graph(n=len(nodes), edges=pairs, directed=G.is_directed())
    g.vs[name] = nodes
    for k in _keys(node_attrs):
        g.vs[k] = [d.get(k) for d in node_attrs]
    edge_attrs = [e[2] for e in edges]
    for k in _keys(edge_attrs):
        g.es[k] = [d.get(k) for d in edge_attrs]
    for k, v in G.graph.items():
        if private or not str(k).startswith("_"):
            g[k] = v
    return g


def from_igraph(g, *, name: str = "name") -> nx.Graph:
    """A networkx graph from an :class:`igraph.Graph`, in vertex and edge order.

    Parameters
    ----------
    g : igraph.Graph
    name : str
        Vertex attribute holding the node ids (if absent, vertices are
        numbered 0..n-1). It becomes the node and is not kept as an
        attribute.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        ``None`` attribute values are left out.

    Examples
    --------
    >>> import igraph as ig
    >>> from patnet.build import from_igraph
    >>> g = ig.Graph(n=3, edges=[(0, 1), (1, 2)])
    >>> g.vs["name"] = ["a", "b", "c"]
    >>> g.es["weight"] = [2.0, 0.5]
    >>> list(from_igraph(g).edges(data=True))
    [('a', 'b', {'weight': 2.0}), ('b', 'c', {'weight': 0.5})]
    """
    import igraph as ig

    if not isinstance(g, ig.Graph):
        raise PatnetInputError(f"from_igraph() takes an igraph.Graph, got {type(g).__name__}")
    if g.has_multiple():
        raise PatnetInputError("from_igraph() does not convert graphs with parallel edges",
                               hint="Call g.simplify(multiple=True, loops=False, "
                                    "combine_edges='sum') first")
    G = nx.DiGraph() if g.is_directed() else nx.Graph()
    for k in g.attributes():
        G.graph[k] = g[k]
    vattrs = g.vs.attributes()
    ids = g.vs[name] if name in vattrs else list(range(g.vcount()))
    if len(set(ids)) != len(ids):
        raise PatnetInputError(f"vertex attribute {name!r} repeats a node id")
    other = [k for k in vattrs if k != name]
    columns = {k: g.vs[k] for k in other}
    G.add_nodes_from(
        (ids[i], {k: columns[k][i] for k in other if columns[k][i] is not None})
        for i in range(g.vcount()))
    eattrs = g.es.attributes()
    ecols = {k: g.es[k] for k in eattrs}
    G.add_edges_from(
        (ids[s], ids[t], {k: ecols[k][i] for k in eattrs if ecols[k][i] is not None})
        for i, (s, t) in enumerate(g.get_edgelist()))
    return G
