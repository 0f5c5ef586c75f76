"""What every exporter shares: text cleaning, value normalisation, attribute
types, spreadsheet formula guarding and partitions.

Nothing here writes files. :func:`sanitize` is public (it shows a graph as
the exporters will write it); the rest is private to :mod:`patnet.export`.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import numbers
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from ..exceptions import PatnetInputError

__all__ = ["sanitize"]

#: Characters no export keeps: C0 controls other than tab and line feed
#: (carriage returns are turned into line feeds first), DEL, C1 controls,
#: lone surrogates and the non-characters U+FFFE and U+FFFF. XML 1.0 cannot
#: carry most of them, UTF-8 cannot carry surrogates, and in the other formats
#: they are noise that breaks line-based readers and spreadsheets.
_CTRL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

#: First characters that make a spreadsheet read a text cell as a formula
#: (OWASP "CSV injection"): such cells, empty text cells (CSV only) and text
#: cells starting with the guard itself get a leading apostrophe.
FORMULA_TRIGGERS = "=+-@\t\r"
GUARD = "'"

_INT64 = (-(2**63), 2**63 - 1)
_EXACT_FLOAT_INT = 2**53

MISSING = object()


# ---------------------------------------------------------------------------
# text
# ---------------------------------------------------------------------------

def clean_text(s: str) -> str:
    """``s`` with line breaks normalised to ``\\n`` and control characters removed.

    >>> clean_text("a\\r\\nb\\rc\\x00d\\te")
    'a\\nb\\ncd\\te'
    """
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    return str(_CTRL.sub("", s))


def one_line(s: str) -> str:
    """Clean text for line-based formats: tabs and line breaks become spaces.

    >>> one_line("a\\tb\\nc")
    'a b c'
    """
    return clean_text(s).replace("\t", " ").replace("\n", " ")


def guard(s: str, *, empty: bool = True) -> str:
    """A text cell that a spreadsheet shows as text, never runs as a formula.

    A leading apostrophe is added when the text starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return, when it starts with an
    apostrophe itself, and (with ``empty=True``) when it is empty, so that an
    empty string stays distinguishable from a missing value.
    :func:`unguard` undoes it.

    >>> [guard(s) for s in ["=1+1", "-x", "'a", "", "ok"]]
    ["'=1+1", "'-x", "''a", "'", 'ok']
    """
    if s == "":
        return GUARD if empty else s
    if s[0] in FORMULA_TRIGGERS or s[0] == GUARD:
        return GUARD + s
    return s


def unguard(s: str) -> str:
    """Undo :func:`guard`.

    Only an apostrophe that :func:`guard` could have added is removed: one
    followed by nothing, by a formula trigger or by another apostrophe. Text
    such as ``'s-Hertogenbosch`` written by another program stays as it is.

    >>> [unguard(s) for s in ["'=1+1", "''a", "'", "'s-Hertogenbosch"]]
    ['=1+1', "'a", '', "'s-Hertogenbosch"]
    """
    if s.startswith(GUARD) and (len(s) == 1 or s[1] in FORMULA_TRIGGERS or s[1] == GUARD):
        return s[1:]
    return s


# ---------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------

def format_number(v) -> str:
    """Exact text of an int or float (``repr`` of floats round-trips)."""
    if isinstance(v, bool):
        raise TypeError("booleans are not numbers here")
    if isinstance(v, int):
        return str(v)
    return repr(float(v))


_INT_RE = re.compile(r"^[+-]?\d+$")


def parse_number(s: str):
    """int for integer text, float otherwise (raises ValueError)."""
    s = s.strip()
    if _INT_RE.match(s):
        return int(s)
    return float(s)


def is_number(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))


def weight_value(v, *, where: str, name: str = "weight"):
    """A link weight as a Python int or float; ``None`` when missing.

    NaN is refused: in every format it would read back as missing or as 1.
    """
    if v is None or v is pd.NA:
        return None
    if not is_number(v):
        raise PatnetInputError(
            f"edge attribute {name!r} must be a number",
            value=f"{where}: {v!r}",
            hint="Convert the weights to int or float (or pass weight=None where supported)",
        )
    v = int(v) if isinstance(v, numbers.Integral) else float(v)
    if isinstance(v, float) and math.isnan(v):
        raise PatnetInputError(
            f"edge attribute {name!r} is NaN",
            value=where,
            hint="Remove the edge or give it a weight; a NaN weight has no meaning in any export format",
        )
    return v


# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------

def _is_missing_scalar(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, np.floating) and np.isnan(v):
        return True
    if isinstance(v, np.datetime64) and np.isnat(v):
        return True
    return False


def _json_value(v, where):
    """A value inside a list or dict, as plain JSON data (None for missing)."""
    if _is_missing_scalar(v):
        return None
    out = normalise_value(v, where)
    return None if out is MISSING else out


def normalise_value(v, where: str):
    """One attribute value as plain Python data, or :data:`MISSING`.

    None, NaN, ``pd.NA`` and ``NaT`` are missing; NumPy scalars become Python
    scalars; strings are cleaned (:func:`clean_text`); dates become ISO text;
    tuples, sets and arrays become lists (sets sorted); dict keys become text.
    """
    if _is_missing_scalar(v):
        return MISSING
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, numbers.Real):
        return float(v)
    if isinstance(v, str):
        return clean_text(v)
    if isinstance(v, (_dt.date, _dt.time)):  # datetime and pd.Timestamp too
        return v.isoformat()
    if isinstance(v, np.datetime64):
        return pd.Timestamp(v).isoformat()
    if isinstance(v, (np.ndarray, pd.Series, pd.Index)):
        v = v.tolist()
    if isinstance(v, (set, frozenset)):
        items = [_json_value(x, where) for x in v]
        return sorted(items, key=lambda x: (type(x).__name__, json.dumps(x, sort_keys=True)))
    if isinstance(v, (list, tuple)):
        return [_json_value(x, where) for x in v]
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            key = clean_text(str(k))
            if key in out:
                raise PatnetInputError("two keys of a dict attribute become the same text",
                                       value=f"{where}: {k!r}",
                                       hint="Give the dict distinct text keys")
            out[key] = _json_value(x, where)
        return out
    if hasattr(v, "item") and callable(v.item):  # other NumPy scalars
        return normalise_value(v.item(), where)
    raise PatnetInputError(
        f"cannot export a value of type {type(v).__name__}",
        value=where,
        hint="Store text, numbers, booleans, lists or dicts as attributes (str(value) if nothing else fits)",
    )


def kind_of(v) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    return "json"


def unify(kinds: set[str], values) -> str:
    """The one kind a column of values with these kinds is written as.

    All booleans: bool; all ints within int64: int; ints and floats: float
    (when every int is exactly representable); all text: str; anything else
    (lists, dicts, mixtures of text and numbers, ...): json.
    """
    if kinds == {"bool"}:
        return "bool"
    if kinds == {"int"}:
        if all(_INT64[0] <= v <= _INT64[1] for v in values):
            return "int"
        return "json"
    if kinds == {"float"}:
        return "float"
    if kinds == {"int", "float"}:
        if all(isinstance(v, float) or abs(v) <= _EXACT_FLOAT_INT for v in values):
            return "float"
        return "json"
    if kinds == {"str"}:
        return "str"
    return "json"


def convert(v, kind: str):
    """A normalised value as its column kind (ints widen to floats)."""
    if kind == "float" and isinstance(v, int):
        return float(v)
    return v


def to_json(v) -> str:
    return json.dumps(v, ensure_ascii=False)


def from_json(s: str, *, where: str):
    try:
        return json.loads(s)
    except ValueError as err:
        raise PatnetInputError("a JSON value cannot be read", value=f"{where}: {s!r}",
                               hint="The file was changed after patnet wrote it") from err


# ---------------------------------------------------------------------------
# graphs
# ---------------------------------------------------------------------------

def check_graph(G, what: str = "G") -> None:
    if not isinstance(G, nx.Graph):
        raise PatnetInputError(f"{what} must be a networkx.Graph, got {type(G).__name__}",
                               hint="Build graphs with patnet.build")
    if G.is_directed() or G.is_multigraph():
        raise PatnetInputError(
            f"{what} must be an undirected simple networkx.Graph, got {type(G).__name__}",
            hint="patnet's co-invention graphs are undirected; convert with networkx.Graph(G) "
                 "after deciding how to merge parallel or reciprocal links",
        )


def node_ids(G, *, text=clean_text, what: str = "node id") -> dict:
    """Map each node of ``G`` to its exported id (checked to stay distinct)."""
    out = {}
    seen: dict[str, str] = {}
    for n in G:
        if not isinstance(n, str):
            raise PatnetInputError(
                f"{what}s must be text", value=repr(n),
                hint="patnet identifiers are strings; relabel with networkx.relabel_nodes(G, str)",
            )
        t = text(n)
        if t in seen:
            raise PatnetInputError(
                f"two {what}s become the same text in this format",
                value=f"{seen[t]!r} and {n!r} -> {t!r}",
                hint="Remove control characters, tabs and line breaks from node identifiers",
            )
        seen[t] = n
        out[n] = t
    return out


def _attr_key(k, where: str) -> str | None:
    """The exported name of an attribute key, or None for a private key."""
    if not isinstance(k, str):
        raise PatnetInputError("attribute names must be text", value=f"{where}: {k!r}",
                               hint="Rename the attribute with a str key")
    if k.startswith("_"):
        return None
    return clean_text(k)


def normalise_attrs(d: dict, where: str) -> dict:
    """Public attributes of one node, edge or graph, normalised; missing dropped."""
    out = {}
    for k, v in d.items():
        key = _attr_key(k, where)
        if key is None:
            continue
        if key in out:
            raise PatnetInputError("two attribute names become the same text",
                                   value=f"{where}: {k!r}",
                                   hint="Remove control characters from attribute names")
        val = normalise_value(v, f"{where}, attribute {k!r}")
        if val is not MISSING:
            out[key] = val
    return out


def unify_columns(rows: list[dict]) -> dict[str, str]:
    """Kind of every key over many attribute dicts; converts the dicts in place."""
    kinds: dict[str, set] = {}
    values: dict[str, list] = {}
    for d in rows:
        for k, v in d.items():
            kinds.setdefault(k, set()).add(kind_of(v))
            values.setdefault(k, []).append(v)
    types = {k: unify(kinds[k], values[k]) for k in kinds}
    widen = [k for k, t in types.items() if t == "float" and "int" in kinds[k]]
    if widen:
        for d in rows:
            for k in widen:
                if k in d:
                    d[k] = convert(d[k], "float")
    return types


class Prepared:
    """A graph as the attribute-carrying formats write it.

    ``nodes``: list of (id, attrs); ``edges``: list of (u, v, attrs) with
    exported ids; ``graph``: graph attributes; ``types``: per scope
    ("node", "edge", "graph") the kind of every attribute.
    """

    def __init__(self, nodes, edges, graph, types):
        self.nodes = nodes
        self.edges = edges
        self.graph = graph
        self.types = types


def normalise_graph(G, what: str = "G"):
    """Nodes, edges and graph attributes of ``G`` normalised (kinds not unified)."""
    check_graph(G, what)
    ids = node_ids(G)
    nodes = [(ids[n], normalise_attrs(d, f"node {n!r}")) for n, d in G.nodes(data=True)]
    edges = []
    for u, v, d in G.edges(data=True):
        where = f"edge ({u!r}, {v!r})"
        attrs = normalise_attrs({k: x for k, x in d.items() if k != "weight"}, where)
        if "weight" in d:
            w = weight_value(d["weight"], where=where)
            if w is not None:
                attrs = {"weight": w, **attrs}
        edges.append((ids[u], ids[v], attrs))
    graph = normalise_attrs(G.graph, f"{what}.graph")
    return nodes, edges, graph


def prepare(G, *, reserved_graph=()) -> Prepared:
    """Normalise ``G`` and give every attribute one kind."""
    nodes, edges, graph = normalise_graph(G)
    for k in reserved_graph:
        if k in graph:
            raise PatnetInputError(f"graph attribute {k!r} is reserved by patnet's exporters",
                                   hint="Rename it")
    types = {
        "node": unify_columns([a for _, a in nodes]),
        "edge": unify_columns([a for _, _, a in edges]),
        "graph": {k: kind_of(v) for k, v in graph.items()},
    }
    return Prepared(nodes, edges, graph, types)


def sanitize(G) -> nx.Graph:
    """The graph as patnet's exporters write it, before any format-specific limit.

    Every export starts from this view, and the formats that carry attributes
    (GraphML, GEXF, CSV) read back exactly this graph with patnet's readers.

    - node ids, attribute names and text values: carriage returns become line
      feeds; other control characters (C0 except tab and line feed, DEL, C1),
      lone surrogates, U+FFFE and U+FFFF are removed;
    - attributes whose name starts with ``_`` (private) are dropped, on the
      graph, the nodes and the edges;
    - None, NaN, ``pd.NA`` and ``NaT`` are missing: the attribute is dropped
      from that node or edge;
    - NumPy scalars become Python scalars, dates ISO text, tuples, sets and
      arrays lists (sets sorted), dict keys text; inside lists and dicts a
      missing value is ``None``;
    - an attribute holding ints on some nodes and floats on others becomes
      float everywhere (when the ints are exactly representable).

    Node ids must be text and ``weight`` a number (never NaN).

    Parameters
    ----------
    G : networkx.Graph
        Undirected simple graph with text node ids.

    Returns
    -------
    networkx.Graph
        A new graph; ``G`` is not changed.

    Examples
    --------
    >>> import networkx as nx
    >>> import numpy as np
    >>> import patnet as pn
    >>> G = nx.Graph(_seed=1, counting="full")
    >>> G.add_node("org:1", label="A\\x00cme", n_patents=np.int64(3), sector=None)
    >>> G.add_node("org:2", label="B", n_patents=2.5, tags=("x", "y"))
    >>> G.add_edge("org:1", "org:2", weight=np.float32(0.5))
    >>> H = pn.export.sanitize(G)
    >>> H.graph
    {'counting': 'full'}
    >>> dict(H.nodes(data=True))
    {'org:1': {'label': 'Acme', 'n_patents': 3.0}, 'org:2': {'label': 'B', 'n_patents': 2.5, 'tags': ['x', 'y']}}
    >>> H.edges["org:1", "org:2"]
    {'weight': 0.5}
    """
    p = prepare(G)
    H = nx.Graph()
    H.graph.update(p.graph)
    H.add_nodes_from(p.nodes)
    H.add_edges_from(p.edges)
    return H


# ---------------------------------------------------------------------------
# partitions
# ---------------------------------------------------------------------------

def partition_map(partition, G) -> dict | None:
    """A partition (mapping node -> community, or iterable of node sets) as a dict."""
    if partition is None:
        return None
    if hasattr(partition, "items"):
        part = dict(partition.items())
    else:
        part = {}
        for i, block in enumerate(partition):
            if isinstance(block, str):
                raise PatnetInputError(
                    "partition must be a mapping node -> community or an iterable of node sets",
                    value=repr(block))
            for n in block:
                if n in part:
                    raise PatnetInputError("a node is in two communities of the partition",
                                           value=repr(n))
                part[n] = i
    missing = [n for n in G if n not in part]
    if missing:
        raise PatnetInputError(
            f"the partition has no community for {len(missing)} node(s)",
            value=", ".join(map(repr, missing[:5])),
            hint="Give every node a community (an isolate can be its own community)",
        )
    extra = [n for n in part if n not in G]
    if extra:
        raise PatnetInputError(
            f"the partition names {len(extra)} node(s) that are not in the graph",
            value=", ".join(map(repr, extra[:5])),
            hint="Pass the partition computed on this graph",
        )
    for n, c in part.items():
        if _is_missing_scalar(c):
            raise PatnetInputError("a node has a missing community", value=repr(n))
    return part


def cluster_codes(part: dict, G, *, low: int | None = None, high: int | None = None) -> tuple[dict, dict]:
    """Integer cluster codes for a partition: (node -> code, community -> code).

    Community ids that are already integers within ``[low, high]`` are kept.
    Otherwise communities are numbered ``low, low+1, ...`` from the largest to
    the smallest (ties: the community of the earlier node in ``G``), as
    VOSviewer numbers its clusters.
    """
    comms = [part[n] for n in G]
    ints = all(isinstance(c, numbers.Integral) and not isinstance(c, (bool, np.bool_)) for c in comms)
    if ints and all((low is None or int(c) >= low) and (high is None or int(c) <= high) for c in comms):
        code = {c: int(c) for c in comms}
    else:
        size = Counter(comms)
        first: dict = {}
        for i, c in enumerate(comms):
            first.setdefault(c, i)
        order = sorted(size, key=lambda c: (-size[c], first[c]))
        start = 1 if low is None else low
        if high is not None and start + len(order) - 1 > high:
            raise PatnetInputError(
                f"{len(order)} communities do not fit the format's cluster numbers {start}..{high}",
                hint="Merge small communities (or export without a partition)",
            )
        code = {c: start + i for i, c in enumerate(order)}
    return {n: code[part[n]] for n in G}, code


def as_path(path) -> Path:
    return Path(path)
