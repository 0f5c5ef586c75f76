"""VOSviewer map and network files, and VOSviewer JSON.

Formats as described in the VOSviewer manual (van Eck & Waltman, "VOSviewer
Manual", section "Map and network files"; VOSviewer Online documentation,
"VOSviewer JSON files").
"""

from __future__ import annotations

import csv
import html
import json
import math
import numbers
import re

import networkx as nx
import pandas as pd

from ..exceptions import PatnetInputError
from ._common import (
    as_path,
    check_graph,
    cluster_codes,
    clean_text,
    format_number,
    guard,
    is_number,
    node_ids,
    one_line,
    parse_number,
    partition_map,
    unguard,
    weight_value,
)

__all__ = ["write_vosviewer", "read_vosviewer", "write_vosviewer_json", "read_vosviewer_json"]

LINKS = "Links"
TLS = "Total link strength"
_STANDARD = ("id", "label", "description", "url", "x", "y", "cluster")
_RESERVED = set(_STANDARD) | {LINKS, TLS}
_HEADER = re.compile(r"^(weight|score)<(.*)>$")
MAX_CLUSTER = 1000

DEFAULT_TERMINOLOGY = {
    "item": "unit",
    "items": "units",
    "link": "co-invention link",
    "links": "co-invention links",
    "link_strength": "Co-invention strength",
    "total_link_strength": "Total co-invention strength",
}


# ---------------------------------------------------------------------------
# what both writers need
# ---------------------------------------------------------------------------

def _columns(spec, what):
    if spec is None:
        return None
    if isinstance(spec, str):
        spec = [spec]
    if hasattr(spec, "items"):
        cols = {str(k): v for k, v in spec.items()}
    else:
        cols = {str(a): a for a in spec}
    for label in cols:
        if label in _RESERVED:
            raise PatnetInputError(f"{what} column name {label!r} is reserved in VOSviewer files",
                                   hint="Choose another name (a dict {name: attribute} renames)")
    return cols


def _auto_columns(G):
    """Numeric attributes on every node: non-negative ones as weights, others as scores."""
    if G.number_of_nodes() == 0:
        return {}, {}
    first = {}
    for _, d in G.nodes(data=True):
        for k in d:
            first.setdefault(k, None)
    weights, scores = {}, {}
    for k in first:
        if not isinstance(k, str) or k.startswith("_") or k in _RESERVED:
            continue
        vals = [d.get(k) for _, d in G.nodes(data=True)]
        if not all(is_number(v) and math.isfinite(v) for v in vals):
            continue
        (weights if all(v >= 0 for v in vals) else scores)[k] = k
    return weights, scores


def _number(v, *, where, nonneg):
    if not is_number(v) or not math.isfinite(v):
        raise PatnetInputError("VOSviewer needs a finite number here", value=f"{where}: {v!r}",
                               hint="Fill missing values (or leave the attribute out of weights/scores)")
    if nonneg and v < 0:
        raise PatnetInputError("VOSviewer weights must be non-negative", value=f"{where}: {v!r}",
                               hint="Write the attribute as a score instead (scores=...)")
    return int(v) if isinstance(v, numbers.Integral) else float(v)


def _strengths(G, weight):
    """Link strength of every edge (1 when no edge has a weight)."""
    has = [weight is not None and weight in d and d[weight] is not None for _, _, d in G.edges(data=True)]
    if any(has) and not all(has):
        u, v = next((u, v) for (u, v, _), h in zip(G.edges(data=True), has) if not h)
        raise PatnetInputError(f"some edges have a {weight!r} and others do not",
                               value=f"edge ({u!r}, {v!r})",
                               hint="Give every edge a weight, or pass weight=None for strength 1")
    out = []
    for u, v, d in G.edges(data=True):
        where = f"edge ({u!r}, {v!r})"
        if u == v:
            raise PatnetInputError("VOSviewer has no self-links", value=where,
                                   hint="Remove them with G.remove_edges_from(nx.selfloop_edges(G))")
        w = weight_value(d[weight], where=where, name=weight) if any(has) else 1
        if math.isinf(w) or w < 0:
            raise PatnetInputError("VOSviewer link strengths must be finite and non-negative",
                                   value=f"{where}: {w!r}")
        out.append((u, v, w))
    return out


def _items(G, *, partition, weights, scores, layout, weight):
    """Rows for the items: (node, label, x, y, cluster, weights, scores), plus links."""
    check_graph(G)
    ids = node_ids(G)
    w_cols, s_cols = _columns(weights, "weight"), _columns(scores, "score")
    if w_cols is None and s_cols is None:
        w_cols, s_cols = _auto_columns(G)
    w_cols, s_cols = w_cols or {}, s_cols or {}
    clash = set(w_cols) & set(s_cols)
    if clash:
        raise PatnetInputError("a name is both a weight and a score", value=", ".join(sorted(clash)))
    links = _strengths(G, weight)
    n_links = dict.fromkeys(G, 0)
    tls = dict.fromkeys(G, 0)
    for u, v, w in links:
        n_links[u] += 1
        n_links[v] += 1
        tls[u] += w
        tls[v] += w
    over = next((n for n, t in tls.items() if math.isinf(t)), None)
    if over is not None:
        raise PatnetInputError(
            "a node's total link strength (the sum of its link strengths) is too large for a "
            "floating-point number", value=f"node {over!r}",
            hint="Rescale the weights before exporting (divide them by their largest value, "
                 "or build the graph with normalize=...)")
    codes = comm_code = None
    part = partition_map(partition, G)
    if part is not None:
        codes, comm_code = cluster_codes(part, G, low=1, high=MAX_CLUSTER)
    if layout is not None:
        missing = [n for n in G if n not in layout]
        if missing:
            raise PatnetInputError(f"the layout has no position for {len(missing)} node(s)",
                                   value=", ".join(map(repr, missing[:5])))
    rows = []
    for n, d in G.nodes(data=True):
        lab = d.get("label")
        if lab is None or (isinstance(lab, float) and math.isnan(lab)) or lab is pd.NA:
            lab = n
        if not isinstance(lab, str):
            raise PatnetInputError("VOSviewer labels must be text", value=f"node {n!r}: {lab!r}")
        row = {"node": n, "id": ids[n], "label": clean_text(lab)}
        if layout is not None:
            x, y = layout[n]
            row["x"] = _number(x, where=f"node {n!r}, x", nonneg=False)
            row["y"] = _number(y, where=f"node {n!r}, y", nonneg=False)
        if codes is not None:
            row["cluster"] = codes[n]
        row["weights"] = {LINKS: n_links[n], TLS: tls[n]}
        for name, attr in w_cols.items():
            row["weights"][name] = _number(d.get(attr), where=f"node {n!r}, attribute {attr!r}", nonneg=True)
        row["scores"] = {
            name: _number(d.get(attr), where=f"node {n!r}, attribute {attr!r}", nonneg=False)
            for name, attr in s_cols.items()
        }
        rows.append(row)
    return rows, [(ids[u], ids[v], w) for u, v, w in links], comm_code


# ---------------------------------------------------------------------------
# map and network files
# ---------------------------------------------------------------------------

def _cell(s: str, *, empty: bool = False) -> str:
    """A text cell: formula-guarded, in double quotes when VOSviewer needs them."""
    s = guard(s, empty=empty)
    if any(c in s for c in ',;"'):
        return '"' + s.replace('"', '""') + '"'
    return s


def _description(node_id: str) -> str:
    """The node id as HTML text (VOSviewer shows descriptions as HTML)."""
    return html.escape(node_id, quote=True).replace("\t", "&#9;").replace("\n", "&#10;")


def _header_name(kind, name):
    t = one_line(name)
    if "<" in t or ">" in t:
        raise PatnetInputError(f"a VOSviewer {kind} name cannot contain '<' or '>'", value=name)
    return f"{kind}<{t}>"


def write_vosviewer(G, map_path, network_path, *, partition=None, weights=None, scores=None,
                    layout=None, weight="weight") -> None:
    """Write a graph as a VOSviewer map file and network file.

    The map file is tab-separated (shown with ``|`` in the example) with a
    header line::

        id  label  description  [x  y]  [cluster]  weight<Links>
        weight<Total link strength>  weight<...>...  score<...>...

    one line per node in graph order, ids 1, 2, ... The ``description``
    holds the node id (HTML-escaped), so that :func:`read_vosviewer` gets the
    same nodes back and VOSviewer shows the id when an item is selected.
    ``Links`` and ``Total link strength`` are computed from the graph, as
    VOSviewer computes them. The network file has no header and three
    tab-separated columns ``id1 id2 strength``, one line per edge.

    Parameters
    ----------
    G : networkx.Graph
        Undirected simple graph with text node ids, without self-loops.
    map_path, network_path : str or path-like
        Files to write (UTF-8, no byte order mark).
    partition : mapping or iterable of sets, optional
        Community of every node, written as ``cluster``. Integer ids within
        1..1000 are kept; otherwise communities are numbered from 1 in
        decreasing size (VOSviewer's convention). At most 1000 communities.
    weights, scores : dict or list, optional
        Node attributes written as ``weight<name>`` (non-negative numbers)
        and ``score<name>`` (numbers) columns: a dict ``{name: attribute}``
        or a list of attribute names. When both are None, every numeric
        attribute present on all nodes is written under its own name: as a
        weight when no value is negative, as a score otherwise.
    layout : mapping, optional
        Node -> (x, y). Without it, no coordinates are written and VOSviewer
        computes a layout.
    weight : str or None
        Edge attribute written as link strength (non-negative, finite). If no
        edge has it, or ``weight=None``, every strength is 1.

    Raises
    ------
    PatnetInputError
        For negative, missing or non-finite weights, self-loops, more than
        1000 communities, or a partition that does not cover the graph.

    See Also
    --------
    read_vosviewer, write_vosviewer_json

    Notes
    -----
    VOSviewer map files are meant to be opened in spreadsheets: a text cell
    (label, description) starting with ``=``, ``+``, ``-``, ``@``, a tab or
    an apostrophe gets a leading apostrophe (:func:`read_vosviewer` removes
    it; VOSviewer shows it). Labels are one line (tabs and line breaks become
    spaces; control characters are removed) and are quoted when they contain
    a comma, semicolon or double quote (``"`` doubled). A node without a
    ``label`` attribute is labelled with its id. Other text attributes and
    graph attributes are not carried.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph()
    >>> G.add_node("country:SG", label="Singapore", n_patents=7)
    >>> G.add_node("province:CN-JS", label="Jiangsu, China", n_patents=12)
    >>> G.add_node("org:9", label="-Lab", n_patents=1)
    >>> G.add_edge("country:SG", "province:CN-JS", weight=3)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     m, n = Path(d) / "map.txt", Path(d) / "network.txt"
    ...     pn.export.write_vosviewer(G, m, n, partition={"country:SG": 1, "province:CN-JS": 1, "org:9": 2})
    ...     print((m.read_text() + n.read_text()).replace("\\t", " | "), end="")
    ...     H = pn.export.read_vosviewer(m, n)
    id | label | description | cluster | weight<Links> | weight<Total link strength> | weight<n_patents>
    1 | Singapore | country:SG | 1 | 1 | 3 | 7
    2 | "Jiangsu, China" | province:CN-JS | 1 | 1 | 3 | 12
    3 | '-Lab | org:9 | 2 | 0 | 0 | 1
    1 | 2 | 3
    >>> H.nodes["org:9"]
    {'label': '-Lab', 'cluster': 2, 'Links': 0, 'Total link strength': 0, 'n_patents': 1}
    >>> H.edges["country:SG", "province:CN-JS"]
    {'weight': 3}
    """
    rows, links, _ = _items(G, partition=partition, weights=weights, scores=scores,
                            layout=layout, weight=weight)
    number = {r["id"]: i for i, r in enumerate(rows, start=1)}
    w_names = list(rows[0]["weights"]) if rows else [LINKS, TLS]
    s_names = list(rows[0]["scores"]) if rows else []
    header = ["id", "label", "description"]
    if layout is not None:
        header += ["x", "y"]
    if partition is not None:
        header.append("cluster")
    header += [_header_name("weight", w) for w in w_names] + [_header_name("score", s) for s in s_names]
    lines = ["\t".join(_cell(h) for h in header)]
    for i, r in enumerate(rows, start=1):
        cells = [str(i), _cell(one_line(r["label"])), _cell(_description(r["id"]), empty=True)]
        if layout is not None:
            cells += [format_number(r["x"]), format_number(r["y"])]
        if partition is not None:
            cells.append(str(r["cluster"]))
        cells += [format_number(r["weights"][w]) for w in w_names]
        cells += [format_number(r["scores"][s]) for s in s_names]
        lines.append("\t".join(cells))
    with open(as_path(map_path), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
    with open(as_path(network_path), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("".join(f"{number[u]}\t{number[v]}\t{format_number(w)}\n" for u, v, w in links))


def _delimiter(header: str) -> str:
    for d in ("\t", ";", ","):
        if d in header:
            return d
    return "\t"


def _read_number(s, *, path, line, column):
    try:
        return parse_number(s)
    except ValueError as err:
        raise PatnetInputError("not a number", file=path, line=line, column=column, value=s) from err


def read_vosviewer(map_path, network_path=None, *, node_id="auto") -> nx.Graph:
    """Read a VOSviewer map file (and network file) into a :class:`networkx.Graph`.

    Node attributes: ``label``, ``x``/``y`` and ``cluster`` when present,
    every ``weight<name>`` and ``score<name>`` column as attribute ``name``
    (including ``Links`` and ``Total link strength``), numbers as int when
    written as integers and float otherwise; ``url`` and other columns as
    text. The leading apostrophe :func:`write_vosviewer` adds to text cells
    is removed. Link strengths become the ``weight`` edge attribute.

    Parameters
    ----------
    map_path : str or path-like
        Map file, tab-, semicolon- or comma-separated (from the header line).
    network_path : str or path-like, optional
        Network file (``id1 id2 [strength]`` lines, no header).
    node_id : {"auto", "description", "id", "label"}
        What names the nodes. ``"description"``: the (HTML-unescaped)
        description, where :func:`write_vosviewer` stores node ids; ``"id"``:
        the VOSviewer id as text; ``"label"``: the label. ``"auto"`` uses the
        description when every item has a distinct non-empty one, the id
        otherwise.

    Returns
    -------
    networkx.Graph

    Raises
    ------
    PatnetInputError
        With file, line and column, for unreadable numbers, ragged lines,
        duplicate node names or links, and links to unknown ids.

    Examples
    --------
    A round trip (:func:`write_vosviewer` shows the files); VOSviewer adds
    the ``Links`` and ``Total link strength`` of every item:

    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph(counting="full")
    >>> G.add_node("country:SG", label="Singapore", n_patents=7)
    >>> G.add_node("province:CN-JS", label="Jiangsu", n_patents=12)
    >>> G.add_edge("country:SG", "province:CN-JS", weight=3)
    >>> folder = Path(tempfile.mkdtemp())
    >>> pn.export.write_vosviewer(G, folder / "map.txt", folder / "network.txt")
    >>> H = pn.export.read_vosviewer(folder / "map.txt", folder / "network.txt")
    >>> H.nodes["province:CN-JS"]
    {'label': 'Jiangsu', 'Links': 1, 'Total link strength': 3, 'n_patents': 12}
    >>> list(H.edges(data=True))
    [('country:SG', 'province:CN-JS', {'weight': 3})]
    """
    map_path = as_path(map_path)
    if node_id not in ("auto", "description", "id", "label"):
        raise PatnetInputError(f"node_id must be 'auto', 'description', 'id' or 'label', got {node_id!r}")
    with open(map_path, encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
        fh.seek(0)
        reader = csv.reader(fh, delimiter=_delimiter(first), quotechar='"')
        try:
            header = [unguard(h).strip() for h in next(reader)]
        except StopIteration:
            raise PatnetInputError("the map file is empty", file=map_path) from None
        rows = []
        for row in reader:
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(header):
                raise PatnetInputError(f"a line has {len(row)} fields, the header {len(header)}",
                                       file=map_path, line=reader.line_num)
            rows.append((reader.line_num, row))
    col = {h: i for i, h in enumerate(header)}
    if len(col) != len(header):
        raise PatnetInputError("the map file repeats a column", file=map_path, value="\t".join(header))

    def key_of(row, line):
        vid = row[col["id"]].strip() if "id" in col else str(line - 1)
        return vid

    if node_id == "auto":
        raw = [r[col["description"]] for _, r in rows] if "description" in col else []
        unique = len({html.unescape(unguard(c)) for c in raw}) == len(raw)
        use = "description" if raw and all(raw) and unique else "id"
    else:
        use = node_id
    if use == "description" and "description" not in col:
        raise PatnetInputError("the map file has no description column", file=map_path,
                               hint="Use node_id='id' or 'label'")
    if use == "label" and "label" not in col:
        raise PatnetInputError("the map file has no label column", file=map_path, hint="Use node_id='id'")

    G = nx.Graph()
    by_vid = {}
    for line, row in rows:
        vid = key_of(row, line)
        if use == "description":
            name = html.unescape(unguard(row[col["description"]]))
        elif use == "label":
            name = unguard(row[col["label"]])
        else:
            name = vid
        if name in G:
            raise PatnetInputError(f"two items have the same {use}", file=map_path, line=line, value=name,
                                   hint="Choose another node_id")
        if vid in by_vid:
            raise PatnetInputError("two items have the same id", file=map_path, line=line, value=vid)
        by_vid[vid] = name
        attrs: dict[str, object] = {}
        for h, i in col.items():
            cell = row[i]
            if h == "id" or (h == "description" and use == "description"):
                continue
            if h in ("label", "description", "url"):
                attrs[h] = unguard(cell)
                continue
            if cell.strip() == "":
                continue
            m = _HEADER.match(h)
            if h in ("x", "y") or m:
                name_ = m.group(2) if m else h
                if name_ in attrs:
                    raise PatnetInputError("two columns give the same attribute", file=map_path,
                                           value=name_)
                attrs[name_] = _read_number(cell, path=map_path, line=line, column=h)
            elif h == "cluster":
                v = _read_number(cell, path=map_path, line=line, column=h)
                if not isinstance(v, int):
                    raise PatnetInputError("a cluster is not an integer", file=map_path, line=line,
                                           column=h, value=cell)
                attrs[h] = v
            else:
                attrs[h] = unguard(cell)
        G.add_node(name, **attrs)
    if network_path is not None:
        network_path = as_path(network_path)
        with open(network_path, encoding="utf-8-sig") as fh:
            for line, raw_line in enumerate(fh, start=1):
                text = raw_line.strip()
                if not text:
                    continue
                fields = text.split("\t") if "\t" in text else re.split(r"[;,\s]+", text)
                if len(fields) not in (2, 3):
                    raise PatnetInputError("a network line needs two ids and an optional strength",
                                           file=network_path, line=line, value=text)
                try:
                    u, v = by_vid[fields[0].strip()], by_vid[fields[1].strip()]
                except KeyError as err:
                    raise PatnetInputError("a link names an id that is not in the map file",
                                           file=network_path, line=line, value=text) from err
                if G.has_edge(u, v):
                    raise PatnetInputError("a link is listed twice", file=network_path, line=line,
                                           value=text)
                data = {}
                if len(fields) == 3:
                    data["weight"] = _read_number(fields[2], path=network_path, line=line, column=3)
                G.add_edge(u, v, **data)
    return G


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------

def write_vosviewer_json(G, path, *, partition=None, weights=None, scores=None, layout=None,
                         weight="weight", terminology=None, config=None, info=None) -> None:
    """Write a graph as a VOSviewer JSON file (VOSviewer Online and VOSviewer 1.6.16+).

    The file holds ``{"network": {"items": [...], "links": [...],
    "clusters": [...]}, "config": {...}, "info": {...}}``. Items are
    ``{"id", "label", ["x", "y"], ["cluster"], "weights", "scores"}`` with
    the node id as ``id`` (VOSviewer JSON accepts text ids); links are
    ``{"source_id", "target_id", "strength"}``; with a partition, each
    cluster is listed with its community id as label.

    Parameters
    ----------
    G : networkx.Graph
    path : str or path-like
        File to write (UTF-8 JSON).
    partition, weights, scores, layout, weight
        As in :func:`write_vosviewer`.
    terminology : dict, optional
        VOSviewer terminology (``item``, ``items``, ``link``, ``links``,
        ``link_strength``, ``total_link_strength``); default: co-invention
        terms.
    config : dict, optional
        Further ``config`` entries (e.g. ``{"parameters": {...}}``).
    info : dict, optional
        The ``info`` object (``{"title": ..., "description": ...}``).

    See Also
    --------
    read_vosviewer_json, write_vosviewer

    Notes
    -----
    Carries node ids, labels, coordinates, clusters, numeric weights and
    scores, and link strengths, as in the map and network files; other
    attributes and graph attributes are not carried. Text is cleaned of
    control characters; JSON needs no formula guard.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph()
    >>> G.add_node("country:SG", label="Singapore", n_patents=7)
    >>> G.add_node("province:CN-JS", label="Jiangsu", n_patents=12)
    >>> G.add_edge("country:SG", "province:CN-JS", weight=2.5)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pn.export.write_vosviewer_json(G, Path(d) / "g.json", partition=[{"country:SG", "province:CN-JS"}])
    ...     doc = json.loads((Path(d) / "g.json").read_text())
    ...     H = pn.export.read_vosviewer_json(Path(d) / "g.json")
    >>> doc["network"]["items"][0]  # doctest: +NORMALIZE_WHITESPACE
    {'id': 'country:SG', 'label': 'Singapore', 'cluster': 1,
     'weights': {'Links': 1, 'Total link strength': 2.5, 'n_patents': 7}, 'scores': {}}
    >>> doc["network"]["links"]
    [{'source_id': 'country:SG', 'target_id': 'province:CN-JS', 'strength': 2.5}]
    >>> H.nodes["province:CN-JS"]
    {'label': 'Jiangsu', 'cluster': 1, 'Links': 1, 'Total link strength': 2.5, 'n_patents': 12}
    """
    rows, links, comm_code = _items(G, partition=partition, weights=weights, scores=scores,
                                    layout=layout, weight=weight)
    items = []
    for r in rows:
        item = {"id": r["id"], "label": r["label"]}
        if layout is not None:
            item["x"], item["y"] = r["x"], r["y"]
        if partition is not None:
            item["cluster"] = r["cluster"]
        item["weights"] = r["weights"]
        item["scores"] = r["scores"]
        items.append(item)
    network = {
        "items": items,
        "links": [{"source_id": u, "target_id": v, "strength": w} for u, v, w in links],
    }
    if comm_code is not None:
        network["clusters"] = [{"cluster": code, "label": clean_text(str(c))}
                               for c, code in sorted(comm_code.items(), key=lambda kv: kv[1])]
    cfg = {"terminology": dict(DEFAULT_TERMINOLOGY if terminology is None else terminology)}
    if config:
        cfg.update(config)
    doc = {"network": network, "config": cfg}
    if info is not None:
        doc["info"] = info
    with open(as_path(path), "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1, allow_nan=False)
        fh.write("\n")


def read_vosviewer_json(path) -> nx.Graph:
    """Read a VOSviewer JSON file into a :class:`networkx.Graph`.

    Item ids become node ids (as text); ``label``, ``description``, ``url``,
    ``x``, ``y`` and ``cluster`` become node attributes, and so does every
    entry of ``weights`` and ``scores`` under its own name. Link strengths
    become the ``weight`` edge attribute.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    networkx.Graph

    Examples
    --------
    A round trip (:func:`write_vosviewer_json` shows the file):

    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph(counting="full")
    >>> G.add_node("country:SG", label="Singapore", n_patents=7)
    >>> G.add_node("province:CN-JS", label="Jiangsu", n_patents=12)
    >>> G.add_edge("country:SG", "province:CN-JS", weight=3)
    >>> folder = Path(tempfile.mkdtemp())
    >>> pn.export.write_vosviewer_json(G, folder / "g.json")
    >>> H = pn.export.read_vosviewer_json(folder / "g.json")
    >>> H.nodes["country:SG"]
    {'label': 'Singapore', 'Links': 1, 'Total link strength': 3, 'n_patents': 7}
    >>> list(H.edges(data=True))
    [('country:SG', 'province:CN-JS', {'weight': 3})]
    """
    path = as_path(path)
    try:
        with open(path, encoding="utf-8-sig") as fh:
            doc = json.load(fh)
        net = doc["network"]
    except (ValueError, KeyError, TypeError) as err:
        raise PatnetInputError("not a VOSviewer JSON file", file=path,
                               hint="A VOSviewer JSON file has a top-level 'network' object") from err
    G = nx.Graph()
    for item in net.get("items", []):
        n = str(item["id"])
        if n in G:
            raise PatnetInputError("two items have the same id", file=path, value=n)
        attrs = {k: item[k] for k in ("label", "description", "url", "x", "y", "cluster") if k in item}
        for group in ("weights", "scores"):
            for k, v in (item.get(group) or {}).items():
                if k in attrs:
                    raise PatnetInputError("an item has two values for one name", file=path,
                                           value=f"item {n!r}: {k!r}")
                attrs[k] = v
        G.add_node(n, **attrs)
    for link in net.get("links", []):
        u, v = str(link["source_id"]), str(link["target_id"])
        if u not in G or v not in G:
            raise PatnetInputError("a link names an item that is not in the file", file=path,
                                   value=f"{u!r} - {v!r}")
        if G.has_edge(u, v):
            raise PatnetInputError("a link is listed twice", file=path, value=f"{u!r} - {v!r}")
        data = {"weight": link["strength"]} if "strength" in link else {}
        G.add_edge(u, v, **data)
    return G
