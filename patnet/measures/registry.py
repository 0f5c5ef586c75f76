"""The measure registry: how patnet grows.

A measure is a plain function registered under a name and a *level*:

``"node"``
    ``f(G, **options) -> pandas.Series`` indexed by every node of ``G``;
``"edge"``
    ``f(G, **options) -> pandas.Series`` indexed by a ``(u, v)`` MultiIndex
    with one row per edge, ``u`` and ``v`` in the order ``G.edges()`` gives;
``"cluster"``
    ``f(G, partition, **options) -> pandas.Series`` (or DataFrame) indexed by
    cluster, where ``partition`` maps every node to a cluster;
``"graph"``
    ``f(G, **options) -> float | int | dict`` of Python scalars.

Register with :func:`register_measure`; find with :func:`get_measure`
(which suggests the closest name on a typo) and :func:`available_measures`;
compute several at once with :func:`compute` (one row per node) or
:func:`compute_clusters` (one row per cluster). Installed packages can add
measures through the ``patnet.measures`` entry-point group (each entry
point names a module, imported on first use, or a function decorated with
``register_measure``). Redefining a measure under the same name (re-running
a notebook cell) replaces it.

Examples
--------
>>> import networkx as nx
>>> from patnet.measures import register_measure, compute
>>> @register_measure(level="node", requires=("weight",))
... def foreign_strength(G, *, weight="weight"):
...     '''Strength towards nodes of another country.'''
...     import pandas as pd
...     return pd.Series({n: sum(d.get(weight, 1) for m, d in G[n].items()
...                              if G.nodes[m].get("country") != G.nodes[n].get("country"))
...                       for n in G}, dtype=float)
>>> G = nx.Graph()
>>> G.add_nodes_from([("a", {"country": "CN"}), ("b", {"country": "SG"}), ("c", {"country": "CN"})])
>>> G.add_edge("a", "b", weight=2.0); G.add_edge("a", "c", weight=1.0)
>>> compute(G, ["foreign_strength"])["foreign_strength"].tolist()
[2.0, 2.0, 0.0]
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import PatnetError, PatnetInputError, PatnetWarning
from ..schema import did_you_mean
from . import _graphs

__all__ = [
    "LEVELS",
    "Measure",
    "register_measure",
    "unregister_measure",
    "get_measure",
    "available_measures",
    "compute",
    "compute_edges",
    "compute_clusters",
    "compute_graph",
]

#: Levels a measure can work at.
LEVELS = ("node", "edge", "cluster", "graph")

_REGISTRY: dict[str, Measure] = {}
_ENTRY_POINTS_LOADED = False


@dataclass(frozen=True)
class Measure:
    """A registered measure: its function and what it needs.

    Attributes
    ----------
    name : str
        The registry name.
    func : callable
        The plain function; calling the Measure calls it.
    level : {"node", "edge", "cluster", "graph"}
    requires : tuple of str
        What the graph must carry (``"weight"``, ``"sector"``, ...).
    needs_partition : bool
        Whether the function takes a partition after the graph.
    description : str
        One line (the first line of the docstring by default).
    source : str
        ``module.qualname`` of the function.
    options : tuple of str
        The function's parameters after the graph (those :func:`compute`
        passes on).

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures import get_measure
    >>> m = get_measure("betweenness")
    >>> m.level, m.requires, m.needs_partition, m.source
    ('node', ('weight',), False, 'patnet.measures.centrality.betweenness')
    >>> m(nx.path_graph(3), weight=None).tolist()
    [0.0, 1.0, 0.0]
    """

    name: str
    func: Callable[..., Any]
    level: str
    requires: tuple = ()
    needs_partition: bool = False
    description: str = ""
    source: str = ""
    options: tuple = field(default=())

    def __call__(self, G, *args, **kwargs):
        return self.func(G, *args, **kwargs)


def _first_line(func) -> str:
    doc = inspect.getdoc(func) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def register_measure(func=None, *, name: str | None = None, level: str, requires=(),
                     needs_partition: bool | None = None, description: str | None = None):
    """Register ``func`` as a measure (use as a decorator).

    Parameters
    ----------
    func : callable
        The measure; see the module docstring for the signature per level.
    name : str, optional
        Registry name; the function's name by default.
    level : {"node", "edge", "cluster", "graph"}
    requires : tuple of str
        What the graph must carry, for the docs and for :func:`available_measures`
        (e.g. ``("weight",)``, ``("sector",)``).
    needs_partition : bool, optional
        Whether the function takes a partition; default: ``level == "cluster"``.
    description : str, optional
        One line; the first line of the docstring by default.

    Returns
    -------
    callable
        ``func`` itself, unchanged (so it stays a plain function).

    Examples
    --------
    >>> import networkx as nx
    >>> import pandas as pd
    >>> from patnet.measures import compute, register_measure, unregister_measure
    >>> @register_measure(level="node")
    ... def n_partners(G):
    ...     '''Number of distinct partners of a node.'''
    ...     return pd.Series({n: float(len(G[n])) for n in G}, index=list(G), dtype=float)
    >>> compute(nx.path_graph(3), ["n_partners"])["n_partners"].tolist()
    [1.0, 2.0, 1.0]
    >>> unregister_measure("n_partners")
    """
    if level not in LEVELS:
        raise PatnetInputError(f"unknown measure level {level!r}{did_you_mean(level, LEVELS)}",
                               hint=f"Use one of {', '.join(LEVELS)}")

    def wrap(f):
        key = name or f.__name__
        old = _REGISTRY.get(key)
        src = f"{getattr(f, '__module__', '?')}.{getattr(f, '__qualname__', key)}"
        if old is not None and old.source != src:
            warnings.warn(f"measure {key!r} from {old.source} is replaced by {src}",
                          PatnetWarning, stacklevel=3)
        params = tuple(p for p in inspect.signature(f).parameters)[1:]
        _REGISTRY[key] = Measure(
            name=key, func=f, level=level, requires=tuple(requires),
            needs_partition=(level == "cluster") if needs_partition is None else bool(needs_partition),
            description=description or _first_line(f), source=src, options=params)
        return f

    if func is not None:
        return wrap(func)
    return wrap


def unregister_measure(name: str) -> None:
    """Remove a measure from the registry (no error if it is absent).

    Examples
    --------
    >>> from patnet.measures import available_measures, register_measure, unregister_measure
    >>> _ = register_measure(lambda G: {"nodes": G.number_of_nodes()}, name="size_only",
    ...                      level="graph")
    >>> "size_only" in set(available_measures("graph")["name"])
    True
    >>> unregister_measure("size_only")
    >>> "size_only" in set(available_measures("graph")["name"])
    False
    """
    _REGISTRY.pop(name, None)


def _load_entry_points() -> None:
    global _ENTRY_POINTS_LOADED
    if _ENTRY_POINTS_LOADED:
        return
    _ENTRY_POINTS_LOADED = True
    from importlib.metadata import entry_points

    for ep in entry_points(group="patnet.measures"):
        try:
            ep.load()
        except Exception as exc:  # a broken plug-in must not break patnet
            warnings.warn(f"could not load the measure plug-in {ep.name!r} ({ep.value}): {exc}",
                          PatnetWarning, stacklevel=3)


def _builtins() -> None:
    # importing the topic modules registers the built-in measures
    from . import _builtin  # noqa: F401


def get_measure(name: str) -> Measure:
    """The registered measure ``name``; a typo gets "did you mean".

    Examples
    --------
    >>> from patnet.measures import get_measure
    >>> get_measure("foreign_strength").level
    'node'
    """
    _builtins()
    if name not in _REGISTRY:
        _load_entry_points()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise PatnetError(
            f"no measure named {name!r}{did_you_mean(name, _REGISTRY)}; see "
            "patnet.measures.available_measures()") from None


def available_measures(level: str | None = None) -> pd.DataFrame:
    """Every registered measure: ``name, level, requires, needs_partition, description, source``.

    Parameters
    ----------
    level : {"node", "edge", "cluster", "graph"}, optional
        Only the measures of this level.

    Returns
    -------
    pandas.DataFrame
        One row per measure, sorted by level and name. Measures of installed
        plug-ins (the ``patnet.measures`` entry-point group) are included.

    Examples
    --------
    >>> from patnet.measures import available_measures
    >>> available_measures("cluster")["name"].tolist()[:4]
    ['cluster_matrix', 'conductance', 'cross_sector_share', 'ei_index']
    >>> available_measures().set_index("name").loc["constraint", "source"]
    'patnet.measures.structural.constraint'
    """
    _builtins()
    _load_entry_points()
    if level is not None and level not in LEVELS:
        raise PatnetInputError(f"unknown measure level {level!r}{did_you_mean(level, LEVELS)}",
                               hint=f"Use one of {', '.join(LEVELS)}")
    rows = [{"name": m.name, "level": m.level, "requires": ",".join(m.requires),
             "needs_partition": m.needs_partition, "description": m.description, "source": m.source}
            for m in _REGISTRY.values() if level is None or m.level == level]
    cols = ["name", "level", "requires", "needs_partition", "description", "source"]
    return pd.DataFrame(rows, columns=cols).sort_values(["level", "name"]).reset_index(drop=True)


def _measures(measures, level):
    if isinstance(measures, str):
        measures = [measures]
    out = []
    for m in measures:
        meas = m if isinstance(m, Measure) else get_measure(m)
        if meas.level != level:
            raise PatnetInputError(
                f"measure {meas.name!r} is a {meas.level}-level measure, not {level}-level",
                hint="Node measures go to compute(), edge measures to compute_edges(), cluster "
                     "measures to compute_clusters(), graph measures to compute_graph()")
        out.append(meas)
    return out


def _options_for(meas, options):
    return {k: v for k, v in options.items() if k in meas.options}


def _join(frames, index, index_name):
    out = pd.DataFrame(index=index)
    for name, res in frames:
        if isinstance(res, pd.DataFrame):
            for c in res.columns:
                out[f"{name}.{c}" if len(res.columns) > 1 else name] = res[c].reindex(index)
        else:
            out[name] = pd.Series(res).reindex(index)
    out.index.name = index_name
    return out


def compute(G, measures, **options) -> pd.DataFrame:
    """Node measures as one tidy table: one row per node (in ``G``'s node order).

    ``options`` are passed to each measure that takes them (e.g.
    ``weight="weight"``, ``seed=1``).

    Parameters
    ----------
    G : networkx.Graph
    measures : str, Measure or list of them
        Node-level measures (see :func:`available_measures`).
    **options
        Passed to every measure whose function has a parameter of that name.

    Returns
    -------
    pandas.DataFrame
        Index ``node``; one column per measure (``name.column`` for a measure
        that returns several columns).

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures import compute
    >>> G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0})])
    >>> compute(G, ["degree", "strength"])  # doctest: +NORMALIZE_WHITESPACE
          degree  strength
    node
    a        0.5       2.0
    b        1.0       3.0
    c        0.5       1.0
    """
    ms = _measures(measures, "node")
    index = _graphs.node_index(list(G.nodes()))
    res = [(m.name, m.func(G, **_options_for(m, options))) for m in ms]
    return _join(res, index, "node")


def compute_edges(G, measures, **options) -> pd.DataFrame:
    """Edge measures as one table: one row per edge, indexed by ``(u, v)``.

    Parameters
    ----------
    G : networkx.Graph
    measures : str, Measure or list of them
        Edge-level measures.
    **options
        Passed to every measure that takes them.

    Returns
    -------
    pandas.DataFrame
        Index ``(u, v)`` in ``G.edges()`` order; one column per measure.

    Examples
    --------
    >>> import networkx as nx
    >>> import pandas as pd
    >>> from patnet.measures import compute_edges, register_measure, unregister_measure
    >>> @register_measure(level="edge", requires=("weight",))
    ... def weight_share(G, *, weight="weight"):
    ...     '''An edge's weight over the graph's total weight.'''
    ...     w = [d.get(weight, 1.0) for _, _, d in G.edges(data=True)]
    ...     index = pd.MultiIndex.from_tuples(list(G.edges()), names=["u", "v"])
    ...     return pd.Series([x / sum(w) for x in w], index=index, dtype=float)
    >>> G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0})])
    >>> compute_edges(G, ["weight_share"]).round(4)  # doctest: +NORMALIZE_WHITESPACE
         weight_share
    u v
    a b        0.6667
    b c        0.3333
    >>> unregister_measure("weight_share")
    """
    ms = _measures(measures, "edge")
    index = pd.MultiIndex.from_tuples(list(G.edges()), names=["u", "v"]) if G.number_of_edges() \
        else pd.MultiIndex.from_tuples([], names=["u", "v"])
    res = [(m.name, m.func(G, **_options_for(m, options))) for m in ms]
    out = _join(res, index, None)
    out.index.names = ["u", "v"]
    return out


def compute_clusters(G, measures, partition, **options) -> pd.DataFrame:
    """Cluster measures as one table: one row per cluster of ``partition``.

    ``partition`` maps each node to its cluster (a dict or a Series; a node
    attribute name is read from ``G``).

    Parameters
    ----------
    G : networkx.Graph or igraph.Graph
    measures : str, Measure or list of them
        Cluster-level measures.
    partition : dict, Series or str
        Every node's cluster, or the name of the node attribute holding it.
    **options
        Passed to every measure that takes them.

    Returns
    -------
    pandas.DataFrame
        Index ``cluster`` (sorted); one column per measure.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures import compute_clusters
    >>> G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0})])
    >>> compute_clusters(G, ["internal_weight", "external_weight", "internal_share"],
    ...                  {"a": 0, "b": 0, "c": 1}).round(4)  # doctest: +NORMALIZE_WHITESPACE
             internal_weight  external_weight  internal_share
    cluster
    0                    2.0              1.0          0.6667
    1                    0.0              1.0          0.0000
    """
    nodes = _graphs.node_ids(G) if _graphs.is_igraph(G) else list(G)
    if isinstance(partition, str):
        attr = partition
        if _graphs.is_igraph(G):
            partition = pd.Series(_graphs.node_attribute(G, attr),
                                  index=_graphs.node_index(nodes))
        else:
            partition = {n: d.get(attr) for n, d in G.nodes(data=True)}
    part = partition if isinstance(partition, pd.Series) else pd.Series(partition)
    ms = _measures(measures, "cluster")
    aligned = _aligned(part, nodes)
    values = aligned.to_numpy()
    labels = list(pd.unique(values))
    try:  # numbers in numeric order (community 2 before 10), text in text order
        labels = sorted(labels)
    except TypeError:
        labels = sorted(labels, key=str)
    index = pd.Index(labels, name="cluster")
    # patnet's own measures take the partition as a Series in node order, which they code in
    # bulk; a measure registered by a user gets the dict it always got, and so does every
    # measure when the partition names nodes outside the graph (some measures refuse those)
    whole = len(part) == len(aligned)
    mapping = None
    res = []
    for m in ms:
        if whole and _builtin(m):
            given = aligned
        else:
            mapping = part.to_dict() if mapping is None else mapping
            given = mapping
        res.append((m.name, m.func(G, given, **_options_for(m, options))))
    return _join(res, index, "cluster")


def _builtin(m: Measure) -> bool:
    """Whether ``m`` is one of patnet's own measures."""
    return getattr(m.func, "__module__", "").startswith("patnet.measures.")


def _aligned(part: pd.Series, nodes: list) -> pd.Series:
    """``part`` in node order, indexed by node (an error naming a node without a cluster)."""
    fast = (part.index.is_unique and not isinstance(part.index, pd.MultiIndex)
            and not any(isinstance(n, tuple) for n in nodes[:1]))
    if fast:  # one lookup of every node
        target = _graphs.node_index(nodes)
        pos = part.index.get_indexer(target) if len(target) else np.zeros(0, dtype=np.intp)
        missing = [nodes[i] for i in np.flatnonzero(pos < 0)]
    else:  # tuple ids or repeated labels: node by node
        missing = [n for n in nodes if n not in part.index]
    if missing:
        raise PatnetInputError(f"{len(missing)} node(s) have no cluster in the partition",
                               value=missing[0], hint="Give every node of the graph a cluster")
    if fast:
        out = part.iloc[pos]
        out.index = target
        return out
    return pd.Series(part.reindex(nodes).to_numpy(), index=_graphs.node_index(nodes))


def compute_graph(G, measures, **options) -> pd.Series:
    """Graph measures as one Series (dict-valued measures are flattened as ``name.key``).

    Parameters
    ----------
    G : networkx.Graph
    measures : str, Measure or list of them
        Graph-level measures.
    **options
        Passed to every measure that takes them.

    Returns
    -------
    pandas.Series
        Named ``value``, of dtype object (values keep their Python types).

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures import compute_graph
    >>> s = compute_graph(nx.path_graph(4), ["network_summary"])
    >>> s["network_summary.edges"], s["network_summary.diameter"]
    (3, 3.0)
    """
    ms = _measures(measures, "graph")
    out = {}
    for m in ms:
        v = m.func(G, **_options_for(m, options))
        if isinstance(v, dict):
            out.update({f"{m.name}.{k}": x for k, x in v.items()})
        else:
            out[m.name] = v
    return pd.Series(out, dtype=object, name="value")
