"""GEXF 1.3 (Gephi): static graphs, and time slices as one dynamic graph with spells."""

from __future__ import annotations

import json
import math
import numbers
import re
import xml.etree.ElementTree as ET

import networkx as nx
import numpy as np

from ..exceptions import PatnetInputError
from ._common import (
    as_path,
    convert,
    from_json,
    kind_of,
    normalise_graph,
    prepare,
    to_json,
    unify,
)

__all__ = ["write_gexf", "read_gexf", "read_gexf_slices"]

NS = "http://gexf.net/1.3"
_GEXF_TYPE = {"bool": "boolean", "int": "long", "float": "double", "str": "string", "json": "string"}
#: Marker of the metadata block patnet writes in ``<meta><description>``.
META_KEY = "patnet_gexf"
_YEAR = re.compile(r"^\s*(\d{1,4})\s*$")
_YEAR_RANGE = re.compile(r"^\s*(\d{1,4})\s*[-\u2013/]\s*(\d{1,4})\s*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isinf(v):
            return "INF" if v > 0 else "-INF"
        return repr(v)
    if isinstance(v, int):
        return str(v)
    return v


def _value(v, kind):
    return to_json(v) if kind == "json" else _text(v)


def _plain_label(label):
    """A period label with NumPy scalars made Python scalars."""
    if isinstance(label, tuple):
        return tuple(_plain_label(x) for x in label)
    if isinstance(label, (bool, np.bool_)):
        return label
    if isinstance(label, numbers.Integral):
        return int(label)
    if isinstance(label, numbers.Real):
        return float(label)
    return label


def _period_bounds(label, G=None):
    """(start, end, timeformat) of one slice: ``G.graph`` start/end, else its label."""
    if G is not None and "start" in G.graph and "end" in G.graph:
        span = _plain_label((G.graph["start"], G.graph["end"]))
        try:
            return _period_bounds(span)
        except PatnetInputError:
            pass
    if isinstance(label, tuple) and len(label) == 2:
        s, e = label
        if all(isinstance(x, int) and not isinstance(x, bool) for x in (s, e)):
            return s, e, "integer"
        if all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (s, e)):
            return float(s), float(e), "double"
        if all(isinstance(x, str) and _DATE.match(x) for x in (s, e)):
            return s, e, "date"
    elif isinstance(label, bool):
        pass
    elif isinstance(label, int):
        return label, label, "integer"
    elif isinstance(label, float) and math.isfinite(label):
        return label, label, "double"
    elif isinstance(label, str):
        m = _YEAR_RANGE.match(label)
        if m:
            return int(m.group(1)), int(m.group(2)), "integer"
        m = _YEAR.match(label)
        if m:
            return int(m.group(1)), int(m.group(1)), "integer"
        if _DATE.match(label):
            return label, label, "date"
    raise PatnetInputError(
        "a time slice label is not a period GEXF can place on a time line",
        value=repr(label),
        hint="Label slices with a year (2015), a year range ('2010-2014'), an ISO date "
             "('2015-06-30') or a (start, end) pair of numbers or ISO dates, or record "
             "G.graph['start'] and G.graph['end'] as patnet.build.slices does",
    )


def _slices(obj):
    """[(label, Graph)] from a dict or a list of pairs, or None for one graph."""
    if isinstance(obj, nx.Graph):
        return None
    if hasattr(obj, "items"):
        pairs = list(obj.items())
    else:
        try:
            pairs = [tuple(p) for p in obj]
        except TypeError:
            raise PatnetInputError(
                "expected a networkx.Graph, a dict {period: Graph} or a list of (period, Graph)",
                value=type(obj).__name__) from None
    if not pairs:
        raise PatnetInputError("no time slices to write")
    for p in pairs:
        if len(p) != 2 or not isinstance(p[1], nx.Graph):
            raise PatnetInputError("each time slice must be a (period, Graph) pair", value=repr(p)[:80])
    pairs = [(_plain_label(label), G) for label, G in pairs]
    labels = [p[0] for p in pairs]
    if len(set(map(repr, labels))) != len(labels):
        raise PatnetInputError("two time slices have the same period label", value=repr(labels))
    return pairs


def _json_label(label):
    if isinstance(label, tuple):
        return list(label)
    return label


def _meta_text(payload) -> str:
    return json.dumps({META_KEY: 1, **payload}, ensure_ascii=False)


def _attributes_block(graph_el, cls, mode, titles, types, prefix):
    ids = {}
    if not titles:
        return ids
    block = ET.SubElement(graph_el, "attributes", {"class": cls, "mode": mode})
    for i, t in enumerate(titles):
        # Gephi recognises a dynamic edge weight by its title; the id must not be
        # "weight", which networkx's reader reserves for the static weight.
        # Gephi's edge weight is a double: declare it so (the meta block says if it was int).
        aid = f"{prefix}{i}"
        gtype = "double" if (cls == "edge" and t == "weight") else _GEXF_TYPE[types[t]]
        ET.SubElement(block, "attribute", {"id": aid, "title": t, "type": gtype})
        ids[t] = aid
    return ids


def _write_tree(root, path):
    ET.indent(root, space="  ")
    tree = ET.ElementTree(root)
    tree.write(as_path(path), encoding="utf-8", xml_declaration=True)


def _root(meta_payload):
    root = ET.Element("gexf", {"xmlns": NS, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "patnet"
    ET.SubElement(meta, "description").text = _meta_text(meta_payload)
    return root


def _check_label(nt):
    if nt.get("label", "str") != "str":
        raise PatnetInputError(
            "GEXF node labels must be text", value=f"label attribute of kind {nt['label']}",
            hint="Convert the label attribute to str (or rename it)",
        )


def _write_static(G, path):
    p = prepare(G)
    nt, et = p.types["node"], p.types["edge"]
    _check_label(nt)
    node_titles = [k for k in nt if k != "label"]
    edge_titles = [k for k in et if k != "weight"]
    root = _root({
        "graph": p.graph,
        "json": {"node": [k for k in nt if nt[k] == "json"], "edge": [k for k in et if et[k] == "json"]},
        "weight": et.get("weight"),
    })
    g = ET.SubElement(root, "graph", {"defaultedgetype": "undirected", "mode": "static"})
    nid = _attributes_block(g, "node", "static", node_titles, nt, "n")
    eid = _attributes_block(g, "edge", "static", edge_titles, et, "e")
    nodes_el = ET.SubElement(g, "nodes")
    for n, d in p.nodes:
        kw = {"id": n}
        if "label" in d:
            kw["label"] = d["label"]
        el = ET.SubElement(nodes_el, "node", kw)
        vals = [(nid[k], _value(v, nt[k])) for k, v in d.items() if k in nid]
        if vals:
            av = ET.SubElement(el, "attvalues")
            for aid, text in vals:
                ET.SubElement(av, "attvalue", {"for": aid, "value": text})
    edges_el = ET.SubElement(g, "edges")
    for u, v, d in p.edges:
        kw = {"source": u, "target": v}
        if "weight" in d:
            kw["weight"] = _text(d["weight"])
        el = ET.SubElement(edges_el, "edge", kw)
        vals = [(eid[k], _value(x, et[k])) for k, x in d.items() if k in eid]
        if vals:
            av = ET.SubElement(el, "attvalues")
            for aid, text in vals:
                ET.SubElement(av, "attvalue", {"for": aid, "value": text})
    _write_tree(root, path)


def _write_dynamic(pairs, path):
    periods = []
    formats = set()
    for label, G in pairs:
        s, e, fmt = _period_bounds(label, G)
        if s > e:
            raise PatnetInputError("a time slice ends before it starts", value=repr(label))
        periods.append((s, e))
        formats.add(fmt)
    if len(formats) > 1:
        raise PatnetInputError("time slice labels mix numbers and dates", value=repr([l for l, _ in pairs]))
    timeformat = formats.pop()
    order = sorted(range(len(periods)), key=lambda i: periods[i])
    for a, b in zip(order, order[1:]):
        if periods[b][0] <= periods[a][1]:
            raise PatnetInputError(
                "two time slices overlap; a dynamic GEXF gives one weight per moment",
                value=f"{pairs[a][0]!r} and {pairs[b][0]!r}",
                hint="Write overlapping (moving-window) slices to separate files",
            )
    normalised = [normalise_graph(G, what=f"slice {label!r}") for label, G in pairs]

    # one kind per attribute over all slices
    def kinds(rows):
        ks, vs = {}, {}
        for d in rows:
            for k, v in d.items():
                ks.setdefault(k, set()).add(kind_of(v))
                vs.setdefault(k, []).append(v)
        return {k: unify(ks[k], vs[k]) for k in ks}

    nt = kinds([d for nodes, _, _ in normalised for _, d in nodes])
    et = kinds([d for _, edges, _ in normalised for _, _, d in edges])
    _check_label(nt)
    for k in ("spells",):
        if k in nt or k in et:
            raise PatnetInputError(f"attribute name {k!r} is reserved in dynamic GEXF", hint="Rename it")

    # union of nodes and edges, in order of first appearance
    node_order, node_seen = [], {}
    edge_order, edge_seen = [], {}
    for i, (nodes, edges, _) in enumerate(normalised):
        for n, d in nodes:
            if n not in node_seen:
                node_seen[n] = {}
                node_order.append(n)
            node_seen[n][i] = {k: convert(v, nt[k]) for k, v in d.items()}
        for u, v, d in edges:
            key = frozenset((u, v))
            if key not in edge_seen:
                edge_seen[key] = ({}, (u, v))
                edge_order.append(key)
            edge_seen[key][0][i] = {k: convert(x, et[k]) for k, x in d.items()}

    def split(per_period, types, always_dynamic=()):
        """Attribute titles that are static (same value wherever present) and dynamic."""
        static, dynamic = [], []
        for k in types:
            if k in always_dynamic:
                dynamic.append(k)
                continue
            varies = False
            for by_period in per_period:
                vals = [to_json(d[k]) if k in d else None for d in by_period.values()]
                if len(set(vals)) > 1:
                    varies = True
                    break
            (dynamic if varies else static).append(k)
        return static, dynamic

    node_static, node_dynamic = split([node_seen[n] for n in node_order], nt)
    edge_static, edge_dynamic = split([edge_seen[k][0] for k in edge_order], et, always_dynamic=("weight",))
    if "label" in node_dynamic:
        raise PatnetInputError(
            "a node's label differs between time slices (or is missing in some)",
            hint="Give every node the same label in every slice",
        )
    node_static_titles = [k for k in node_static if k != "label"]

    root = _root({
        "graph": {},
        "json": {"node": [k for k in nt if nt[k] == "json"], "edge": [k for k in et if et[k] == "json"]},
        "weight": et.get("weight"),
        "periods": [{"label": _json_label(label), "start": s, "end": e, "graph": g}
                    for (label, _), (s, e), (_, _, g) in zip(pairs, periods, normalised)],
    })
    g = ET.SubElement(root, "graph", {"defaultedgetype": "undirected", "mode": "dynamic",
                                      "timeformat": timeformat, "timerepresentation": "interval"})
    n_static = _attributes_block(g, "node", "static", node_static_titles, nt, "n")
    n_dyn = _attributes_block(g, "node", "dynamic", node_dynamic, nt, "nd")
    e_static = _attributes_block(g, "edge", "static", edge_static, et, "e")
    e_dyn = _attributes_block(g, "edge", "dynamic", edge_dynamic, et, "ed")

    def add_values(el, by_period, static_ids, dyn_ids, types):
        rows = []
        for k, aid in static_ids.items():
            v = next((d[k] for d in by_period.values() if k in d), None)
            if v is not None:
                rows.append({"for": aid, "value": _value(v, types[k])})
        for k, aid in dyn_ids.items():
            for i, d in by_period.items():
                if k in d:
                    s, e = periods[i]
                    rows.append({"for": aid, "value": _value(d[k], types[k]), "start": str(s), "end": str(e)})
        if rows:
            av = ET.SubElement(el, "attvalues")
            for r in rows:
                ET.SubElement(av, "attvalue", r)

    def add_spells(el, present):
        sp = ET.SubElement(el, "spells")
        for i in present:
            s, e = periods[i]
            ET.SubElement(sp, "spell", {"start": str(s), "end": str(e)})

    nodes_el = ET.SubElement(g, "nodes")
    for n in node_order:
        by_period = node_seen[n]
        kw = {"id": n}
        if "label" in node_static:
            lab = next((d["label"] for d in by_period.values() if "label" in d), None)
            if lab is not None:
                kw["label"] = lab
        el = ET.SubElement(nodes_el, "node", kw)
        add_values(el, by_period, n_static, n_dyn, nt)
        add_spells(el, sorted(by_period))
    edges_el = ET.SubElement(g, "edges")
    for key in edge_order:
        by_period, (u, v) = edge_seen[key]
        el = ET.SubElement(edges_el, "edge", {"source": u, "target": v})
        add_values(el, by_period, e_static, e_dyn, et)
        add_spells(el, sorted(by_period))
    _write_tree(root, path)


def write_gexf(G_or_slices, path) -> None:
    """Write a graph, or time slices of one, as GEXF 1.3 (Gephi 0.9.3 and later).

    A single graph is written as a static GEXF graph: node ids, the ``label``
    attribute as the GEXF label, ``weight`` as the edge weight, and every
    other public attribute as a typed GEXF attribute (``boolean``, ``long``,
    ``double``, ``string``; lists, dicts and mixed attributes as JSON text).

    Time slices (a dict ``{period: Graph}`` or a list of ``(period, Graph)``)
    are written as one dynamic graph for Gephi's timeline: every node and edge
    has one ``<spell>`` per slice it is present in; edge weights are dynamic
    attribute values (``<attvalue for="weight" start=... end=...>``, one per
    slice); node and edge attributes that change between slices are dynamic
    too, the others are static. A slice's span is its graph attributes
    ``start`` and ``end`` when it has them (as :func:`patnet.build.slices`
    records), otherwise its label: a year (``2015``, spell 2015-2015), a year
    range (``"2010-2014"``), an ISO date, or a ``(start, end)`` pair. Spells
    are inclusive; slices must not overlap.

    Graph attributes, the period labels and each slice's graph attributes are
    kept in ``<meta><description>`` as JSON, for :func:`read_gexf` and
    :func:`read_gexf_slices`.

    Parameters
    ----------
    G_or_slices : networkx.Graph, dict or list of (period, networkx.Graph)
    path : str or path-like
        File to write (UTF-8).

    See Also
    --------
    read_gexf, read_gexf_slices, networkx.read_gexf, sanitize

    Notes
    -----
    Limits: what :func:`~patnet.export.sanitize` cleans; the GEXF label must be
    text; edges carry no GEXF id (optional in GEXF 1.3), so an edge attribute
    called ``id`` survives networkx's reader. With networkx's reader alone,
    JSON-encoded attributes stay text, int weights read as floats and graph
    attributes are not restored.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> def g(w):
    ...     G = nx.Graph(year_window=1)
    ...     G.add_nodes_from([("country:SG", {"label": "Singapore"}), ("province:CN-JS", {"label": "Jiangsu"})])
    ...     if w:
    ...         G.add_edge("country:SG", "province:CN-JS", weight=w)
    ...     return G
    >>> slices = {2016: g(2), 2017: g(5), 2018: g(None)}
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pn.export.write_gexf(slices, Path(d) / "t.gexf")
    ...     back = pn.export.read_gexf_slices(Path(d) / "t.gexf")
    ...     union = nx.read_gexf(Path(d) / "t.gexf")
    >>> {year: list(H.edges(data="weight")) for year, H in back.items()}
    {2016: [('country:SG', 'province:CN-JS', 2)], 2017: [('country:SG', 'province:CN-JS', 5)], 2018: []}
    >>> union.edges["country:SG", "province:CN-JS"]["spells"]
    [(2016, 2016), (2017, 2017)]
    """
    pairs = _slices(G_or_slices)
    if pairs is None:
        _write_static(G_or_slices, path)
    else:
        _write_dynamic(pairs, path)


# ---------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------

def _read_meta(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise PatnetInputError("not a readable GEXF (XML) file", file=path, hint=str(err)) from err
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] == "description" and el.text:
            try:
                meta = json.loads(el.text)
            except ValueError:
                return None
            if isinstance(meta, dict) and META_KEY in meta:
                return meta
    return None


def _nx_read(path):
    try:
        G = nx.read_gexf(path)
    except (nx.NetworkXError, KeyError, TypeError, ValueError) as err:
        raise PatnetInputError("not a GEXF graph patnet can read", file=path, hint=str(err)) from err
    if G.is_directed() or G.is_multigraph():
        raise PatnetInputError("the GEXF graph is directed or has parallel edges", file=path,
                               hint="Read it with networkx.read_gexf")
    return G


def _fix(G, meta, path):
    """Undo patnet's GEXF encodings on a graph read by networkx."""
    json_node = set(meta.get("json", {}).get("node", []))
    json_edge = set(meta.get("json", {}).get("edge", []))
    int_weight = meta.get("weight") == "int"

    def dec(v, k, where):
        return from_json(v, where=f"{path}: {where}, attribute {k!r}")

    def fix_value(d, k, keys, where, as_int=False):
        v = d[k]
        if isinstance(v, list):  # dynamic: [(value, start, end), ...]
            out = []
            for val, s, e in v:
                if k in keys:
                    val = dec(val, k, where)
                elif as_int:
                    val = int(val)
                out.append((val, s, e))
            d[k] = out
        elif k in keys:
            d[k] = dec(v, k, where)
        elif as_int:
            d[k] = int(v)

    for n, d in G.nodes(data=True):
        if d.get("label") is None:
            d.pop("label", None)
        for k in list(d):
            if k in json_node:
                fix_value(d, k, json_node, f"node {n!r}")
    for u, v, d in G.edges(data=True):
        for k in list(d):
            if k in json_edge or (k == "weight" and int_weight):
                fix_value(d, k, json_edge, f"edge ({u!r}, {v!r})", as_int=(k == "weight" and int_weight))
    G.graph.clear()
    return G


def read_gexf(path) -> nx.Graph:
    """Read a GEXF file into an undirected :class:`networkx.Graph`.

    Reads with :func:`networkx.read_gexf` and, for files :func:`write_gexf`
    wrote, restores what GEXF cannot type: graph attributes, JSON-encoded
    attributes and int weights; nodes without a label get no ``label``
    attribute. A dynamic file reads as networkx
    reads it (``spells`` lists and dynamic values as ``(value, start, end)``
    lists); use :func:`read_gexf_slices` to get the slices back.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph(counting="fractional")
    >>> G.add_node("org:1", label="Acme", sector="firm", ipc=["H01", "G06"])
    >>> G.add_node("org:2", sector=None)
    >>> G.add_edge("org:1", "org:2", weight=2, patents=2)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pn.export.write_gexf(G, Path(d) / "g.gexf")
    ...     H = pn.export.read_gexf(Path(d) / "g.gexf")
    >>> H.graph, dict(H.nodes(data=True))
    ({'counting': 'fractional'}, {'org:1': {'sector': 'firm', 'ipc': ['H01', 'G06'], 'label': 'Acme'}, 'org:2': {}})
    >>> H.edges["org:1", "org:2"]
    {'patents': 2, 'weight': 2}
    """
    path = as_path(path)
    meta = _read_meta(path)
    G = _nx_read(path)
    if meta is None:
        return G
    _fix(G, meta, path)
    G.graph.update(meta.get("graph", {}))
    return G


def _covers(s, e, start, end):
    return (start is None or start <= s) and (end is None or end >= e)


def read_gexf_slices(path) -> dict:
    """Read a dynamic GEXF file back into time slices ``{period: Graph}``.

    For files :func:`write_gexf` wrote from slices, the periods come back
    with their labels (a tuple label comes back as a tuple) and each slice
    with its graph attributes. For other dynamic files, one slice per
    distinct spell ``(start, end)`` is made, labelled ``start`` when
    ``start == end`` and ``(start, end)`` otherwise. A node or edge is in a
    slice when one of its spells covers the period (or it has no spells);
    its attributes are the static ones plus the dynamic values covering the
    period. Nodes keep the order of the file.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    dict
        period label -> networkx.Graph, in time order of the file's periods.

    Examples
    --------
    Two periods written as one dynamic file come back as two graphs:

    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> early = nx.Graph([("country:SG", "province:CN-JS", {"weight": 3})])
    >>> late = nx.Graph([("country:SG", "province:CN-JS", {"weight": 5}),
    ...                  ("country:IN", "province:CN-JS", {"weight": 1})])
    >>> path = Path(tempfile.mkdtemp()) / "slices.gexf"
    >>> pn.export.write_gexf({(2001, 2008): early, (2009, 2017): late}, path)
    >>> for period, H in pn.export.read_gexf_slices(path).items():
    ...     print(period, sorted(H.edges(data="weight")))
    (2001, 2008) [('country:SG', 'province:CN-JS', 3)]
    (2009, 2017) [('country:SG', 'province:CN-JS', 5), ('province:CN-JS', 'country:IN', 1)]
    """
    path = as_path(path)
    meta = _read_meta(path)
    G = _nx_read(path)
    if meta is not None:
        _fix(G, meta, path)
    if meta is not None and "periods" in meta:
        periods = []
        for p in meta["periods"]:
            label = tuple(p["label"]) if isinstance(p["label"], list) else p["label"]
            periods.append((label, p["start"], p["end"], p.get("graph", {})))
    else:
        spans: set[tuple] = set()
        for _, d in G.nodes(data=True):
            spans.update(tuple(s) for s in d.get("spells", []))
        for _, _, d in G.edges(data=True):
            spans.update(tuple(s) for s in d.get("spells", []))
        if not spans:
            raise PatnetInputError("the GEXF file has no spells: it is not a dynamic graph", file=path,
                                   hint="Read it with read_gexf")
        periods = [((s if s == e else (s, e)), s, e, {}) for s, e in sorted(spans)]

    def present(d, s, e):
        spells = d.get("spells")
        return not spells or any(_covers(s, e, a, b) for a, b in spells)

    def attrs(d, s, e):
        out = {}
        for k, v in d.items():
            if k == "spells":
                continue
            if isinstance(v, list) and v and isinstance(v[0], tuple) and len(v[0]) == 3:
                for val, a, b in v:
                    if _covers(s, e, a, b):
                        out[k] = val
                        break
            else:
                out[k] = v
        return out

    out = {}
    for label, s, e, graph in periods:
        H = nx.Graph()
        H.graph.update(graph)
        H.add_nodes_from((n, attrs(d, s, e)) for n, d in G.nodes(data=True) if present(d, s, e))
        H.add_edges_from((u, v, attrs(d, s, e)) for u, v, d in G.edges(data=True) if present(d, s, e))
        out[label] = H
    return out
