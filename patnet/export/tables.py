"""Plain node and edge tables: CSV files (with a JSON sidecar) and DataFrames."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import networkx as nx
import pandas as pd

from ..exceptions import PatnetInputError
from ._common import (
    as_path,
    guard,
    parse_number,
    prepare,
    to_json,
    unguard,
)

__all__ = ["write_csv", "read_csv", "to_dataframes"]

META_FORMAT = "patnet-graph-csv"
_DTYPES = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean", "json": object}


def default_meta_path(nodes_path) -> Path:
    """``nodes.csv`` -> ``nodes.meta.json``."""
    return as_path(nodes_path).with_suffix(".meta.json")


def _cell(v, kind) -> str:
    if kind == "str":
        return guard(v)
    if kind == "json":
        return guard(to_json(v))
    if kind == "bool":
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    return str(v)


def _columns(types, reserved, what):
    for r in reserved:
        if r in types:
            raise PatnetInputError(f"{what} attribute {r!r} clashes with the {r!r} column of the CSV table",
                                   hint="Rename the attribute")
    return list(types)


def write_csv(G, nodes_path, edges_path, *, meta_path=None, encoding="utf-8-sig") -> None:
    """Write a graph as a node table and an edge table (CSV), plus a JSON sidecar.

    ``nodes_path``: columns ``id`` and every public node attribute, one row
    per node (isolates included) in graph order. ``edges_path``: columns
    ``source``, ``target``, ``weight`` (when any edge has one) and every other
    public edge attribute, one row per edge. The sidecar (default
    ``nodes.meta.json`` beside ``nodes.csv``) records graph attributes and
    the kind of every column, so that :func:`read_csv` restores types.

    Cells are written so that they survive spreadsheets and read back
    exactly:

    - numbers are written as numbers (``-0.5`` stays a number; ``repr``
      precision; ``inf``/``-inf``), booleans as ``true``/``false``;
    - a missing value (None, NaN, NA) is an empty cell;
    - a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
      carriage return (a spreadsheet formula), that starts with an apostrophe,
      or that is the empty string gets a leading apostrophe (OWASP advice:
      spreadsheets show it as text and hide the apostrophe); this applies to
      ids and column names too, and :func:`read_csv` removes it;
    - lists, dicts and attributes mixing kinds are JSON text (guarded the
      same way);
    - line breaks inside cells are kept (quoted cells); other cleaning as in
      :func:`~patnet.export.sanitize`.

    Parameters
    ----------
    G : networkx.Graph
        Undirected simple graph with text node ids.
    nodes_path, edges_path : str or path-like
    meta_path : str, path-like or False, optional
        Where to write the sidecar; False writes none.
    encoding : str
        Default ``"utf-8-sig"`` (UTF-8 with a byte order mark, so that Excel
        reads non-ASCII text correctly; pandas and R's readr skip the mark).

    See Also
    --------
    read_csv, to_dataframes

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph(counting="full")
    >>> G.add_node("org:1", label="=HYPERLINK(1)", sector="firm", n_patents=3)
    >>> G.add_node("org:2", label="", sector=None, n_patents=1)
    >>> G.add_edge("org:1", "org:2", weight=-0.5, years=[2015, 2016])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     n, e = Path(d) / "nodes.csv", Path(d) / "edges.csv"
    ...     pn.export.write_csv(G, n, e)
    ...     print(n.read_text(encoding="utf-8-sig"), e.read_text(encoding="utf-8-sig"), sep="")
    ...     H = pn.export.read_csv(n, e)
    id,label,sector,n_patents
    org:1,'=HYPERLINK(1),firm,3
    org:2,',,1
    source,target,weight,years
    org:1,org:2,-0.5,"[2015, 2016]"
    <BLANKLINE>
    >>> dict(H.nodes(data=True))
    {'org:1': {'label': '=HYPERLINK(1)', 'sector': 'firm', 'n_patents': 3}, 'org:2': {'label': '', 'n_patents': 1}}
    >>> H.edges["org:1", "org:2"], H.graph
    ({'weight': -0.5, 'years': [2015, 2016]}, {'counting': 'full'})
    """
    p = prepare(G)
    nt, et = p.types["node"], p.types["edge"]
    node_cols = _columns(nt, ("id",), "node")
    edge_cols = _columns(et, ("source", "target"), "edge")
    if "weight" in edge_cols:
        edge_cols.remove("weight")
        edge_cols.insert(0, "weight")
    with open(as_path(nodes_path), "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow([guard(c) for c in ["id", *node_cols]])
        for n, d in p.nodes:
            w.writerow([guard(n)] + [(_cell(d[k], nt[k]) if k in d else "") for k in node_cols])
    with open(as_path(edges_path), "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow([guard(c) for c in ["source", "target", *edge_cols]])
        for u, v, d in p.edges:
            w.writerow([guard(u), guard(v)] + [(_cell(d[k], et[k]) if k in d else "") for k in edge_cols])
    if meta_path is False:
        return
    meta = {
        "format": META_FORMAT,
        "version": 1,
        "directed": False,
        "graph": p.graph,
        "nodes": {"file": as_path(nodes_path).name, "columns": {"id": "str", **{k: nt[k] for k in node_cols}}},
        "edges": {"file": as_path(edges_path).name,
                  "columns": {"source": "str", "target": "str", **{k: et[k] for k in edge_cols}}},
    }
    path = default_meta_path(nodes_path) if meta_path is None else as_path(meta_path)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def _parse(cell, kind, *, path, line, column):
    if cell == "":
        return None
    try:
        if kind == "str":
            return unguard(cell)
        if kind == "json":
            return json.loads(unguard(cell))
        if kind == "int":
            return int(cell)
        if kind == "float":
            return float(cell)
        if kind == "bool":
            low = cell.strip().lower()
            if low in ("true", "1"):
                return True
            if low in ("false", "0"):
                return False
            raise ValueError(cell)
        if kind == "number":
            return parse_number(cell)
    except ValueError as err:
        raise PatnetInputError(f"a cell cannot be read as {kind}", file=path, line=line, column=column,
                               value=cell) from err
    raise PatnetInputError(f"unknown column kind {kind!r} in the sidecar", file=path, column=column)


def _read_table(path, first_cols, kinds, encoding, *, default_kind):
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = [unguard(h) for h in next(reader)]
        except StopIteration:
            raise PatnetInputError("the table is empty", file=path) from None
        if header[: len(first_cols)] != list(first_cols):
            raise PatnetInputError(f"the table must start with the column(s) {', '.join(first_cols)}",
                                   file=path, line=1, value=",".join(header[: len(first_cols)]))
        if len(set(header)) != len(header):
            raise PatnetInputError("the table repeats a column", file=path, line=1)
        col_kinds = [kinds.get(h, default_kind(h)) for h in header]
        rows = []
        for row in reader:
            if not row:
                continue
            if len(row) != len(header):
                raise PatnetInputError(f"a row has {len(row)} cells, the header {len(header)}",
                                       file=path, line=reader.line_num)
            vals = [_parse(c, k, path=path, line=reader.line_num, column=h)
                    for c, k, h in zip(row, col_kinds, header)]
            rows.append((reader.line_num, vals))
    return header, rows


def read_csv(nodes_path, edges_path, *, meta_path=None, encoding="utf-8-sig") -> nx.Graph:
    """Read node and edge tables (CSV) into a :class:`networkx.Graph`.

    With the sidecar :func:`write_csv` writes (found beside ``nodes_path``
    unless ``meta_path`` says otherwise), every column gets its kind back
    (text, int, float, bool, JSON), the apostrophe guard is removed, empty
    cells are missing values (the attribute is absent), and the graph
    attributes are restored. Without a sidecar, every column is text except
    ``weight`` (int for integer text, float otherwise).

    Parameters
    ----------
    nodes_path : str or path-like
        Table with an ``id`` column first.
    edges_path : str or path-like
        Table with ``source`` and ``target`` columns first.
    meta_path : str, path-like or False, optional
        The sidecar; default ``nodes.meta.json`` beside ``nodes.csv`` if it
        exists; False ignores it.
    encoding : str
        Default ``"utf-8-sig"`` (reads UTF-8 with or without a byte order mark).

    Returns
    -------
    networkx.Graph

    Raises
    ------
    PatnetInputError
        With the file, physical line and column, for unreadable cells,
        ragged rows, duplicate nodes or edges, and edges to unknown nodes.

    Examples
    --------
    A round trip (:func:`write_csv` shows the files and the sidecar):

    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph(counting="full")
    >>> G.add_node("country:SG", label="Singapore", n_patents=7)
    >>> G.add_node("province:CN-JS", label="Jiangsu", n_patents=12)
    >>> G.add_edge("country:SG", "province:CN-JS", weight=3)
    >>> folder = Path(tempfile.mkdtemp())
    >>> pn.export.write_csv(G, folder / "nodes.csv", folder / "edges.csv")
    >>> H = pn.export.read_csv(folder / "nodes.csv", folder / "edges.csv")
    >>> H.graph, H.nodes["province:CN-JS"], list(H.edges(data=True))
    ({'counting': 'full'}, {'label': 'Jiangsu', 'n_patents': 12}, [('country:SG', 'province:CN-JS', {'weight': 3})])
    """
    nodes_path, edges_path = as_path(nodes_path), as_path(edges_path)
    meta = None
    if meta_path is not False:
        mp = default_meta_path(nodes_path) if meta_path is None else as_path(meta_path)
        if meta_path is not None or mp.exists():
            try:
                with open(mp, encoding="utf-8") as fh:
                    meta = json.load(fh)
            except (OSError, ValueError) as err:
                raise PatnetInputError("the CSV sidecar cannot be read", file=mp, hint=str(err)) from err
            if not isinstance(meta, dict) or meta.get("format") != META_FORMAT:
                raise PatnetInputError("not a patnet CSV sidecar", file=mp)
    if meta is not None:
        nkinds = dict(meta["nodes"]["columns"])
        ekinds = dict(meta["edges"]["columns"])
    else:
        nkinds = {"id": "str"}
        ekinds = {"source": "str", "target": "str", "weight": "number"}
    header, rows = _read_table(nodes_path, ("id",), nkinds, encoding, default_kind=lambda h: "str")
    G = nx.Graph()
    if meta is not None:
        G.graph.update(meta.get("graph", {}))
    for line, vals in rows:
        n = vals[0]
        if n is None:
            raise PatnetInputError("a node has no id", file=nodes_path, line=line, column="id")
        if n in G:
            raise PatnetInputError("a node id appears twice", file=nodes_path, line=line, column="id", value=n)
        G.add_node(n, **{h: v for h, v in zip(header[1:], vals[1:]) if v is not None})
    header, rows = _read_table(edges_path, ("source", "target"), ekinds, encoding,
                               default_kind=lambda h: "str")
    for line, vals in rows:
        u, v = vals[0], vals[1]
        for x, c in ((u, "source"), (v, "target")):
            if x not in G:
                raise PatnetInputError("an edge names a node that is not in the node table",
                                       file=edges_path, line=line, column=c, value=x)
        if G.has_edge(u, v):
            raise PatnetInputError("an edge appears twice", file=edges_path, line=line, value=f"{u} - {v}")
        G.add_edge(u, v, **{h: x for h, x in zip(header[2:], vals[2:]) if x is not None})
    return G


def to_dataframes(G) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node and edge tables of a graph as DataFrames, as :func:`write_csv` writes them.

    Values are those of :func:`~patnet.export.sanitize`. Columns: ``id`` and
    node attributes; ``source``, ``target``, ``weight`` and edge attributes.
    Dtypes are nullable: ``string``, ``Int64``, ``Float64``, ``boolean``;
    lists, dicts and mixed attributes stay Python objects (``object``).
    Missing values are ``pd.NA`` (``None`` in object columns).

    Parameters
    ----------
    G : networkx.Graph

    Returns
    -------
    nodes, edges : pandas.DataFrame

    Examples
    --------
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph()
    >>> G.add_node("country:SG", label="Singapore", n_patents=7)
    >>> G.add_node("country:IN", label="India")
    >>> G.add_edge("country:SG", "country:IN", weight=2)
    >>> nodes, edges = pn.export.to_dataframes(G)
    >>> nodes
               id      label  n_patents
    0  country:SG  Singapore          7
    1  country:IN      India       <NA>
    >>> edges.dtypes.astype(str).to_dict()
    {'source': 'string', 'target': 'string', 'weight': 'Int64'}
    """
    p = prepare(G)
    nt, et = p.types["node"], p.types["edge"]
    node_cols = _columns(nt, ("id",), "node")
    edge_cols = _columns(et, ("source", "target"), "edge")
    if "weight" in edge_cols:
        edge_cols.remove("weight")
        edge_cols.insert(0, "weight")

    def frame(records, cols, types, first):
        data = {c: pd.array([r[i] for r in records], dtype="string") for i, c in enumerate(first)}
        for c in cols:
            vals = [r[-1].get(c) for r in records]
            dtype = _DTYPES[types[c]]
            if dtype is object:
                data[c] = pd.Series(vals, dtype=object)
            else:
                data[c] = pd.array(vals, dtype=dtype)
        return pd.DataFrame(data, columns=[*first, *cols])

    nodes = frame([(n, d) for n, d in p.nodes], node_cols, nt, ["id"])
    edges = frame([(u, v, d) for u, v, d in p.edges], edge_cols, et, ["source", "target"])
    return nodes, edges
