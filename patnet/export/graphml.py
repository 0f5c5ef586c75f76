"""GraphML: every node, edge and graph attribute, typed (Gephi, yEd, Cytoscape, igraph)."""

from __future__ import annotations

import json

import networkx as nx

from ..exceptions import PatnetInputError
from ._common import as_path, from_json, prepare, to_json

__all__ = ["write_graphml", "read_graphml"]

#: Graph attribute in which patnet records which attributes it wrote as JSON text.
JSON_KEYS_ATTR = "patnet_json"
_RESERVED = (JSON_KEYS_ATTR, "node_default", "edge_default")


def write_graphml(G, path) -> None:
    """Write a co-invention graph as GraphML.

    Every public attribute of the graph, its nodes and its edges is written
    with a GraphML type: ``boolean``, ``long``, ``double`` or ``string``.
    Values GraphML cannot type (lists, dicts, tuples; attributes mixing text
    and numbers; ints beyond 64 bits) are written as JSON text, and the names
    of those attributes are recorded in the graph attribute ``patnet_json``
    so that :func:`read_graphml` parses them back. See
    :func:`~patnet.export.sanitize` for what is cleaned and dropped (control
    characters, private ``_`` attributes, missing values).

    Parameters
    ----------
    G : networkx.Graph
        Undirected simple graph with text node ids.
    path : str or path-like
        File to write (UTF-8).

    See Also
    --------
    read_graphml, networkx.read_graphml

    Notes
    -----
    Limits: line breaks are written as line feeds (an XML parser turns a
    carriage return in element text into a line feed anyway); booleans are
    written ``True``/``False`` as networkx does; ints and floats mixed in one
    attribute are read back as floats.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph(counting="full", years=[2010, 2018])
    >>> G.add_node("province:CN-JS", label="Jiangsu", n_patents=12)
    >>> G.add_node("country:SG", label="=Singapore", n_patents=7)
    >>> G.add_edge("province:CN-JS", "country:SG", weight=3)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pn.export.write_graphml(G, Path(d) / "g.graphml")
    ...     H = pn.export.read_graphml(Path(d) / "g.graphml")
    ...     raw = nx.read_graphml(Path(d) / "g.graphml")
    >>> H.graph
    {'counting': 'full', 'years': [2010, 2018]}
    >>> H.nodes["country:SG"]
    {'label': '=Singapore', 'n_patents': 7}
    >>> H.edges["province:CN-JS", "country:SG"]
    {'weight': 3}
    >>> raw.graph["years"], raw.graph["patnet_json"]
    ('[2010, 2018]', '{"graph": ["years"], "node": [], "edge": []}')
    """
    p = prepare(G, reserved_graph=_RESERVED)
    json_keys = {
        "graph": [k for k, t in p.types["graph"].items() if t == "json"],
        "node": [k for k, t in p.types["node"].items() if t == "json"],
        "edge": [k for k, t in p.types["edge"].items() if t == "json"],
    }

    def enc(d, scope):
        return {k: (to_json(v) if p.types[scope][k] == "json" else v) for k, v in d.items()}

    H = nx.Graph()
    H.graph.update(enc(p.graph, "graph"))
    if any(json_keys.values()):
        H.graph[JSON_KEYS_ATTR] = json.dumps(json_keys, ensure_ascii=False)
    H.add_nodes_from((n, enc(d, "node")) for n, d in p.nodes)
    H.add_edges_from((u, v, enc(d, "edge")) for u, v, d in p.edges)
    nx.write_graphml(H, as_path(path), encoding="utf-8", prettyprint=True)


def read_graphml(path) -> nx.Graph:
    """Read a GraphML file into an undirected :class:`networkx.Graph`.

    Reads with :func:`networkx.read_graphml`, then undoes what
    :func:`write_graphml` did to carry values GraphML cannot type: the
    attributes named in the ``patnet_json`` graph attribute are parsed back
    from JSON, and the empty ``node_default``/``edge_default`` dicts networkx
    adds are removed. Files written by other programs read as networkx reads
    them.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    networkx.Graph

    Raises
    ------
    PatnetInputError
        If the file holds a directed graph or parallel edges.

    Examples
    --------
    A round trip (:func:`write_graphml` shows what the file holds):

    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph(counting="full")
    >>> G.add_node("country:SG", label="Singapore", n_patents=7)
    >>> G.add_node("province:CN-JS", label="Jiangsu", n_patents=12)
    >>> G.add_edge("country:SG", "province:CN-JS", weight=3)
    >>> folder = Path(tempfile.mkdtemp())
    >>> pn.export.write_graphml(G, folder / "g.graphml")
    >>> H = pn.export.read_graphml(folder / "g.graphml")
    >>> H.graph, H.nodes["country:SG"], H.nodes["province:CN-JS"]
    ({'counting': 'full'}, {'label': 'Singapore', 'n_patents': 7}, {'label': 'Jiangsu', 'n_patents': 12})
    >>> list(H.edges(data=True))
    [('country:SG', 'province:CN-JS', {'weight': 3})]
    """
    path = as_path(path)
    try:
        G = nx.read_graphml(path)
    except nx.NetworkXError as err:
        raise PatnetInputError("not a GraphML graph patnet can read", file=path,
                               hint=str(err)) from err
    if G.is_directed() or G.is_multigraph():
        raise PatnetInputError("the GraphML graph is directed or has parallel edges", file=path,
                               hint="Read it with networkx.read_graphml")
    for k in ("node_default", "edge_default"):
        if G.graph.get(k) == {}:
            del G.graph[k]
    marker = G.graph.pop(JSON_KEYS_ATTR, None)
    if marker is None:
        return G
    keys = from_json(marker, where=f"{path}: graph attribute {JSON_KEYS_ATTR!r}")
    for k in keys.get("graph", []):
        if k in G.graph:
            G.graph[k] = from_json(G.graph[k], where=f"{path}: graph attribute {k!r}")
    node_keys = keys.get("node", [])
    if node_keys:
        for n, d in G.nodes(data=True):
            for k in node_keys:
                if k in d:
                    d[k] = from_json(d[k], where=f"{path}: node {n!r}, attribute {k!r}")
    edge_keys = keys.get("edge", [])
    if edge_keys:
        for u, v, d in G.edges(data=True):
            for k in edge_keys:
                if k in d:
                    d[k] = from_json(d[k], where=f"{path}: edge ({u!r}, {v!r}), attribute {k!r}")
    return G
