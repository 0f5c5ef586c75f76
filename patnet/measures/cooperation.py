"""Cluster-level cooperation: how much a group of nodes cooperates inside and outside itself.

A *cluster* is any group of nodes: a detected community, a region, a
province, a technology field, a user-defined group of organisations. The
measures here take a graph and a *partition* (every node's cluster) and
work on sparse matrices, as in scikit-network: with ``A`` the symmetric
weighted adjacency matrix (n x n) and ``M`` the node x cluster membership
matrix (n x k, ``M[i, c] = 1`` when node i is in cluster c), the cluster x
cluster matrix

.. math:: K = M^\\top A M

holds on its diagonal twice the internal weight of each cluster and off the
diagonal the weight between two clusters; ``A M`` gives every node's
strength towards every cluster. One aggregation serves every measure and
every level of network (provinces, organisations, inventors). The sums the
per-cluster measures need (the diagonal of K and its row sums) are taken
over the edge list by cluster code, in time linear in the edges; ``A``,
``M`` and ``K`` themselves are formed only by the measures that use them
(participation, the cluster matrix).

Conventions, the same in every function:

* the weight of an edge is its ``weight`` attribute (1 where it is missing;
  ``weight=None`` gives every edge weight 1, so the measures count ties);
  weights must be non-negative;
* a cluster's **internal weight** :math:`I_c` counts each edge with both ends
  in c once (a self-loop is an internal edge, counted once); its **external
  weight** :math:`E_c` counts each edge with exactly one end in c once.
  Summed over clusters, :math:`\\sum_c I_c + \\tfrac12 \\sum_c E_c` is the
  total edge weight of the graph;
* the **strength** (weighted degree) of a node counts a self-loop twice, as
  ``G.degree(weight=...)`` does; a cluster's **volume** is the sum of its
  nodes' strengths, :math:`\\mathrm{vol}(c) = 2 I_c + E_c`;
* a partition is a dict or Series ``node -> cluster``, the name of a node
  attribute holding the cluster (``"community"``, ``"province"``), or a list
  of disjoint node sets (what ``networkx.community.louvain_communities``
  returns; clusters are then numbered 0, 1, ... in list order). Every node
  of the graph needs a cluster; nodes of the partition absent from the
  graph are ignored;
* results are indexed by the clusters that have at least one node in the
  graph, sorted, in an index named ``"cluster"``; ``attrs`` records the
  definition and the options. A quantity with a zero denominator is NaN.

Registered measures (use them with :func:`patnet.measures.compute_clusters`
and :func:`patnet.measures.compute`): :func:`internal_weight`,
:func:`external_weight`, :func:`internal_share`, :func:`ei_index`,
:func:`internal_density`, :func:`conductance`, :func:`cluster_matrix`,
:func:`sector_mix`, :func:`cross_sector_share` (cluster level) and
:func:`participation` (node level, takes the partition as its
``partition`` option). :func:`openness` and :func:`openness_by_region`
describe the focal-versus-partner geography of a province-country graph.

References
----------
.. [1] D. Krackhardt and R. N. Stern, "Informal networks and organizational
   crises: an experimental simulation", Social Psychology Quarterly 51(2),
   123-140 (1988).
.. [2] R. Guimerà and L. A. N. Amaral, "Functional cartography of complex
   metabolic networks", Nature 433, 895-900 (2005).
.. [3] N. J. van Eck and L. Waltman, "How to normalize cooccurrence data? An
   analysis of some well-known similarity measures", JASIST 60(8),
   1635-1651 (2009).
.. [4] R. Kannan, S. Vempala and A. Vetta, "On clusterings: good, bad and
   spectral", Journal of the ACM 51(3), 497-515 (2004).

Examples
--------
Two triangles joined by one edge of weight 0.5:

>>> import networkx as nx
>>> from patnet.measures import compute_clusters
>>> G = nx.Graph()
>>> G.add_weighted_edges_from([("a", "b", 1), ("b", "c", 2), ("a", "c", 1), ("c", "d", 0.5),
...                            ("d", "e", 1), ("e", "f", 3), ("d", "f", 1)])
>>> part = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y", "f": "Y"}
>>> compute_clusters(G, ["internal_weight", "external_weight", "ei_index"], part).round(4)
... # doctest: +NORMALIZE_WHITESPACE
         internal_weight  external_weight  ei_index
cluster
X                    4.0              0.5   -0.7778
Y                    5.0              0.5   -0.8182
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .. import schema
from .._fast import factorize_sorted
from ..exceptions import PatnetInputError
from . import _graphs
from ..schema import did_you_mean
from .registry import register_measure

__all__ = [
    "COOPERATION_MEASURES",
    "partition_labels",
    "internal_weight",
    "external_weight",
    "internal_share",
    "ei_index",
    "internal_density",
    "conductance",
    "participation",
    "cluster_matrix",
    "sector_mix",
    "cross_sector_share",
    "openness",
    "openness_by_region",
]

#: The registered cluster-level measures of this module, for
#: ``compute_clusters(G, COOPERATION_MEASURES, partition)``.
COOPERATION_MEASURES = ("internal_weight", "external_weight", "internal_share", "ei_index",
                        "internal_density", "conductance", "cross_sector_share")

#: Sectors of the firm-university-government triple helix.
TRIPLE_HELIX = ("firm", "university", "government")


# ---------------------------------------------------------------------------
# the sparse core


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and math.isnan(value)


def _sorted(values) -> list:
    values = list(values)
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=lambda v: (type(v).__name__, repr(v)))


def _check_choice(name, value, choices):
    if value not in choices:
        raise PatnetInputError(
            f"unknown {name}={value!r}{did_you_mean(value, [str(c) for c in choices])}",
            hint=f"Valid values of {name} are {', '.join(map(repr, choices))}")
    return value


def _check_graph(G, igraph_ok=False):
    if _graphs.is_igraph(G):
        if not igraph_ok:
            raise PatnetInputError("this measure reads node attributes through networkx",
                                   hint="Convert the graph first: pn.build.from_igraph(g)")
        if G.is_directed():
            raise PatnetInputError(
                "cooperation measures need an undirected graph, got a directed one",
                hint="Pass g.as_undirected() (decide first how reciprocal weights combine)")
        return
    if not isinstance(G, nx.Graph):
        raise PatnetInputError(f"expected a networkx graph, got {type(G).__name__}",
                               hint="Build one with patnet.build (e.g. pn.build.org_graph)")
    if G.is_directed():
        raise PatnetInputError(
            "cooperation measures need an undirected graph, got a directed one",
            hint="Pass G.to_undirected() (decide first how reciprocal weights combine)")


def partition_labels(G, partition) -> list:
    """The cluster of every node of ``G``, in ``G``'s node order.

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, pandas.Series, str or list of sets
        ``node -> cluster`` (dict or Series), the name of a node attribute
        holding the cluster, or a list of disjoint node sets (clusters
        numbered 0, 1, ... in list order).

    Returns
    -------
    list
        One hashable, non-missing cluster label per node.

    Raises
    ------
    PatnetInputError
        A node has no cluster (or a missing one), a node is in two sets, or
        ``partition`` is none of the above.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.cooperation import partition_labels
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> partition_labels(G, [{"c"}, {"a", "b"}])
    [1, 1, 0]
    """
    if partition is None:
        raise PatnetInputError(
            "this measure needs a partition (every node's cluster)",
            hint="Pass a dict node -> cluster, a node attribute name such as 'community', or a "
                 "list of node sets (e.g. from networkx.community.louvain_communities)")
    if isinstance(partition, str) and _graphs.is_igraph(G):
        attr = partition
        labels = []
        for n, v in zip(_graphs.node_ids(G), _graphs.node_attribute(G, attr)):
            if _missing(v) or (isinstance(v, str) and v == ""):
                raise PatnetInputError(
                    f"node {n!r} has no value of the node attribute {attr!r} used as partition",
                    value=n, hint=f"Give every node a {attr!r} attribute, or pass the partition "
                                  "as a dict node -> cluster")
            labels.append(v)
    elif isinstance(partition, str):
        attr = partition
        labels = []
        for n, d in G.nodes(data=True):
            v = d.get(attr)
            if _missing(v) or (isinstance(v, str) and v == ""):
                raise PatnetInputError(
                    f"node {n!r} has no value of the node attribute {attr!r} used as partition",
                    value=n, hint=f"Give every node a {attr!r} attribute, or pass the partition "
                                  "as a dict node -> cluster")
            labels.append(v)
    else:
        if isinstance(partition, pd.Series):
            mapping = partition.to_dict()
        elif isinstance(partition, Mapping):
            mapping = partition
        elif isinstance(partition, (list, tuple)) and all(
                isinstance(b, (set, frozenset, list, tuple)) for b in partition):
            mapping = {}
            for i, block in enumerate(partition):
                for n in block:
                    if n in mapping:
                        raise PatnetInputError(f"node {n!r} is in two clusters of the partition",
                                               value=n, hint="Clusters must be disjoint")
                    mapping[n] = i
        else:
            raise PatnetInputError(
                f"cannot read a partition from a {type(partition).__name__}",
                hint="Pass a dict node -> cluster, a pandas Series, a node attribute name, or a "
                     "list of node sets")
        labels = []
        for n in (_graphs.node_ids(G) if _graphs.is_igraph(G) else G):
            try:
                v = mapping[n]
            except KeyError:
                raise PatnetInputError("a node of the graph has no cluster in the partition",
                                       value=n, hint="Give every node of the graph a cluster") \
                    from None
            if _missing(v):
                raise PatnetInputError("a node of the graph has a missing cluster",
                                       value=n, hint="Give every node of the graph a cluster")
            labels.append(v)
    for v in labels:
        try:
            hash(v)
        except TypeError:
            raise PatnetInputError(f"cluster labels must be hashable, got {type(v).__name__}",
                                   value=v) from None
    return labels


def _edge_arrays(G, index, weight):
    """Endpoint indices and weights of every edge (parallel edges of a multigraph included)."""
    if _graphs.is_igraph(G):
        eu, ev = _graphs.endpoints(G)
        w = _graphs.weights(G, weight, "cooperation measure")
    else:
        eu, ev, w = _nx_edge_arrays(G, index, weight)
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise PatnetInputError(f"edge weights must be finite and non-negative ({weight!r})",
                               value=float(w[i]),
                               hint="Cooperation weights count patents or shares of patents")
    return eu, ev, w


def _nx_edge_arrays(G, index, weight):
    m = G.number_of_edges()
    eu = np.empty(m, dtype=np.int64)
    ev = np.empty(m, dtype=np.int64)
    w = np.ones(m, dtype=np.float64)
    if weight is None:
        for i, (u, v) in enumerate(G.edges()):
            eu[i] = index[u]
            ev[i] = index[v]
    else:
        for i, (u, v, x) in enumerate(G.edges(data=weight, default=1)):
            eu[i] = index[u]
            ev[i] = index[v]
            try:
                w[i] = float(x)
            except (TypeError, ValueError):
                raise PatnetInputError(f"edge ({u!r}, {v!r}) has a non-numeric {weight!r}",
                                       value=x, hint="Pass weight=None to count ties") from None
    return eu, ev, w


class _Agg:
    """A graph aggregated over a partition.

    The per-cluster sums (internal weight, volume, sizes) are bincounts over
    the edge list, in time linear in the edges; the sparse matrices ``A``
    (n x n, symmetric, self-loops 2w on the diagonal), ``M`` (n x k
    membership) and ``K = M.T @ A @ M`` (k x k) are built on first use, by
    the measures that need them.
    """

    def __init__(self, nodes, clusters, code, eu, ev, w):
        self.nodes = nodes          # node ids, in the graph's order (list or pd.Index)
        self.clusters = clusters    # sorted cluster labels
        self.code = code            # cluster code of each node
        self.eu, self.ev, self.w = eu, ev, w

    @property
    def index(self) -> pd.Index:
        return pd.Index(self.clusters, name="cluster")

    @functools.cached_property
    def cu(self) -> np.ndarray:
        """Cluster code of each edge's first end (gathered once for every sum that needs it:
        on tens of millions of edges each gather is a pass of cache misses)."""
        return self.code[self.eu]

    @functools.cached_property
    def cv(self) -> np.ndarray:
        """Cluster code of each edge's second end."""
        return self.code[self.ev]

    @functools.cached_property
    def internal(self) -> np.ndarray:
        inside = self.cu == self.cv
        return np.bincount(self.cu[inside], weights=self.w[inside],
                           minlength=len(self.clusters)).astype(np.float64)

    @functools.cached_property
    def volume(self) -> np.ndarray:
        k = len(self.clusters)
        return (np.bincount(self.cu, weights=self.w, minlength=k)
                + np.bincount(self.cv, weights=self.w, minlength=k)).astype(np.float64)

    @property
    def external(self) -> np.ndarray:
        return self.volume - 2.0 * self.internal

    @property
    def sizes(self) -> np.ndarray:
        return np.bincount(self.code, minlength=len(self.clusters)).astype(np.int64)

    @functools.cached_property
    def A(self) -> sp.csr_array:
        eu, ev, w = self.eu, self.ev, self.w
        n = len(self.code)
        loop = eu == ev
        rows = np.concatenate([eu, ev[~loop]])
        cols = np.concatenate([ev, eu[~loop]])
        vals = np.concatenate([np.where(loop, 2.0 * w, w), w[~loop]])
        return sp.csr_array(sp.coo_array((vals, (rows, cols)), shape=(n, n)))

    @functools.cached_property
    def M(self) -> sp.csr_array:
        n = len(self.code)
        return sp.csr_array((np.ones(n), (np.arange(n), self.code)),
                            shape=(n, len(self.clusters)))

    @functools.cached_property
    def K(self) -> sp.csr_array:
        """k x k: each edge adds w to (c_u, c_v) and to (c_v, c_u) (a loop 2w on the diagonal)."""
        cu, cv, k = self.cu, self.cv, len(self.clusters)
        return sp.csr_array(sp.coo_array((np.concatenate([self.w, self.w]),
                                          (np.concatenate([cu, cv]), np.concatenate([cv, cu]))),
                                         shape=(k, k)))


def _aggregate(G, partition, weight="weight") -> _Agg:
    _check_graph(G, igraph_ok=True)
    nodes = _graphs.node_ids(G) if _graphs.is_igraph(G) else list(G)
    clusters, code = _label_codes(G, nodes, partition)
    if _graphs.is_igraph(G):
        eu, ev, w = _edge_arrays(G, None, weight)
    else:
        eu, ev, w = _edge_arrays(G, {n: i for i, n in enumerate(nodes)}, weight)
    return _Agg(nodes, clusters, code, eu, ev, w)


def _label_codes(G, nodes, partition) -> tuple[list, np.ndarray]:
    """The sorted cluster labels and each node's code into them.

    A Series of integer, float or text labels with a unique index is aligned
    to the nodes and coded in bulk (a partition of millions of nodes, as
    :func:`patnet.measures.communities` returns); anything else goes through
    :func:`partition_labels`, node by node. Both give the same labels, codes
    and errors.
    """
    fast = _label_codes_bulk(nodes, partition)
    if fast is not None:
        return fast
    labels = partition_labels(G, partition)
    clusters = _sorted(dict.fromkeys(labels))
    cindex = {c: i for i, c in enumerate(clusters)}
    return clusters, np.array([cindex[v] for v in labels], dtype=np.int64)


def _label_codes_bulk(nodes, partition):
    if not isinstance(partition, pd.Series) or isinstance(partition.index, pd.MultiIndex):
        return None
    dtype = partition.dtype
    numeric = isinstance(dtype, np.dtype) and dtype.kind in "iuf"
    text = pd.api.types.is_string_dtype(dtype) and dtype != np.dtype(object)
    if not (numeric or text) or not partition.index.is_unique:
        return None
    if any(isinstance(n, tuple) for n in nodes[:1]):
        return None  # tuple node ids: left to the node-by-node path
    target = _graphs.node_index(nodes)
    pos = partition.index.get_indexer(target) if len(target) else np.zeros(0, dtype=np.intp)
    if (pos < 0).any():
        raise PatnetInputError("a node of the graph has no cluster in the partition",
                               value=nodes[int(np.flatnonzero(pos < 0)[0])],
                               hint="Give every node of the graph a cluster")
    values = partition.array[pos] if len(pos) else partition.array[:0]
    missing = np.asarray(pd.isna(values), dtype=bool)
    if missing.any():
        raise PatnetInputError("a node of the graph has a missing cluster",
                               value=nodes[int(np.flatnonzero(missing)[0])],
                               hint="Give every node of the graph a cluster")
    if numeric:
        vals = np.asarray(values)
        if vals.dtype.kind in "iu" and len(vals) and 0 <= vals.min() \
                and vals.max() < 4 * len(vals) + 1024:
            # small non-negative integers (community numbers): ranked by a table, not a sort
            present = np.zeros(int(vals.max()) + 1, dtype=bool)
            present[vals] = True
            rank = np.cumsum(present) - 1
            return np.flatnonzero(present).tolist(), rank[vals].astype(np.int64)
        uniq, code = np.unique(vals, return_inverse=True)
        return uniq.tolist(), code.astype(np.int64).reshape(-1)
    code, uniq = factorize_sorted(values)  # text in code point order, as Python sorts it
    return uniq.tolist(), code


def _series(values, agg, name, definition, **attrs) -> pd.Series:
    out = pd.Series(np.asarray(values, dtype=np.float64), index=agg.index, name=name)
    out.attrs = {"measure": name, "definition": definition, **attrs}
    return out


def _ratio(num, den):
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    out = np.full(num.shape, np.nan)
    ok = den > 0
    out[ok] = num[ok] / den[ok]
    return out


# ---------------------------------------------------------------------------
# inside and outside


@register_measure(level="cluster", requires=("weight",))
def internal_weight(G, partition, *, weight="weight") -> pd.Series:
    """Weight of the ties inside each cluster.

    .. math:: I_c = \\sum_{\\{i, j\\} \\in E,\\; i, j \\in c} w_{ij}
              = \\tfrac12 (M^\\top A M)_{cc}

    Each edge with both ends in c counts once (a self-loop once).

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, Series, str or list of sets
        Every node's cluster (see :func:`partition_labels`).
    weight : str or None
        Edge attribute; ``None`` counts ties.

    Returns
    -------
    pandas.Series
        Indexed by cluster.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.cooperation import internal_weight
    >>> G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0})])
    >>> internal_weight(G, {"a": 0, "b": 0, "c": 1}).tolist()
    [2.0, 0.0]
    """
    agg = _aggregate(G, partition, weight)
    return _series(agg.internal, agg, "internal_weight",
                   "sum of the weights of edges with both ends in the cluster, each edge once",
                   weight=weight)


@register_measure(level="cluster", requires=("weight",))
def external_weight(G, partition, *, weight="weight") -> pd.Series:
    """Weight of the ties between each cluster and the rest of the graph.

    .. math:: E_c = \\sum_{\\{i, j\\} \\in E,\\; i \\in c,\\; j \\notin c} w_{ij}
              = \\sum_{d \\ne c} (M^\\top A M)_{cd}

    Each boundary edge counts once for each of its two clusters, so
    :math:`\\sum_c I_c + \\tfrac12 \\sum_c E_c` is the graph's total weight.

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, Series, str or list of sets
    weight : str or None

    Returns
    -------
    pandas.Series

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.cooperation import external_weight
    >>> G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0})])
    >>> external_weight(G, {"a": 0, "b": 0, "c": 1}).tolist()
    [1.0, 1.0]
    """
    agg = _aggregate(G, partition, weight)
    return _series(agg.external, agg, "external_weight",
                   "sum of the weights of edges with exactly one end in the cluster, each edge "
                   "once", weight=weight)


@register_measure(level="cluster", requires=("weight",))
def internal_share(G, partition, *, weight="weight") -> pd.Series:
    """Share of a cluster's cooperation that stays inside it.

    .. math:: \\mathrm{share}_c = \\frac{I_c}{I_c + E_c}

    with :math:`I_c` the internal weight (each internal edge once) and
    :math:`E_c` the external weight (each boundary edge once): the share of
    the cluster's ties, by weight, that join two of its members. It is not
    the share of the cluster's volume :math:`2I_c + E_c` (which counts an
    internal tie from both ends). NaN for a cluster without ties.

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, Series, str or list of sets
    weight : str or None

    Returns
    -------
    pandas.Series

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.cooperation import internal_share
    >>> G = nx.Graph([("a", "b", {"weight": 3.0}), ("b", "c", {"weight": 1.0})])
    >>> internal_share(G, {"a": 0, "b": 0, "c": 1}).tolist()
    [0.75, 0.0]
    """
    agg = _aggregate(G, partition, weight)
    I, E = agg.internal, agg.external
    return _series(_ratio(I, I + E), agg, "internal_share",
                   "I / (I + E): internal weight (each internal edge once) over internal plus "
                   "external weight (each boundary edge once)", weight=weight)


@register_measure(level="cluster", requires=("weight",))
def ei_index(G, partition, *, weight="weight", weighted=True) -> pd.Series:
    """Krackhardt and Stern's E-I index of each cluster.

    .. math:: EI_c = \\frac{E_c - I_c}{E_c + I_c} \\in [-1, 1]

    -1 when all of a cluster's ties stay inside it, +1 when all go outside.
    ``weighted=True`` uses the internal and external weights;
    ``weighted=False`` counts ties, as Krackhardt and Stern did (the same as
    ``weight=None``). NaN for a cluster without ties. ``attrs["graph"]``
    holds the index of the whole partition, :math:`(E - I) / (E + I)` with
    E the weight between clusters and I the weight inside them.

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, Series, str or list of sets
    weight : str or None
    weighted : bool
        Weights (default) or numbers of ties.

    Returns
    -------
    pandas.Series

    References
    ----------
    .. [1] D. Krackhardt and R. N. Stern, "Informal networks and
       organizational crises: an experimental simulation", Social
       Psychology Quarterly 51(2), 123-140 (1988).

    Examples
    --------
    A cluster {a, b} with one inside tie and two ties out:

    >>> import networkx as nx
    >>> from patnet.measures.cooperation import ei_index
    >>> G = nx.Graph([("a", "b"), ("a", "c"), ("b", "c")])
    >>> s = ei_index(G, {"a": 0, "b": 0, "c": 1})
    >>> round(float(s[0]), 4), float(s[1]), round(s.attrs["graph"], 4)
    (0.3333, 1.0, 0.3333)
    """
    if not isinstance(weighted, (bool, np.bool_)):
        raise PatnetInputError(f"weighted must be True or False, got {weighted!r}")
    agg = _aggregate(G, partition, weight if weighted else None)
    I, E = agg.internal, agg.external
    tot_i, tot_e = float(I.sum()), float(E.sum()) / 2.0
    graph = (tot_e - tot_i) / (tot_e + tot_i) if tot_e + tot_i > 0 else float("nan")
    return _series(_ratio(E - I, E + I), agg, "ei_index",
                   "(E - I) / (E + I), E external and I internal "
                   + ("weight" if weighted else "number of ties") + " (Krackhardt & Stern 1988)",
                   weight=weight if weighted else None, weighted=bool(weighted), graph=graph)


@register_measure(level="cluster")
def internal_density(G, partition) -> pd.Series:
    """Density of the ties inside each cluster (unweighted).

    .. math:: d_c = \\frac{L_c}{\\binom{n_c}{2}}

    with :math:`L_c` the number of distinct pairs of members joined by an
    edge (self-loops and parallel edges not counted twice) and
    :math:`n_c` the number of members. NaN for a cluster of one node.

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, Series, str or list of sets

    Returns
    -------
    pandas.Series

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.cooperation import internal_density
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> internal_density(G, {"a": 0, "b": 0, "c": 0, "d": 1}).tolist()
    [0.6666666666666666, nan]
    """
    agg = _aggregate(G, partition, None)
    inside = (agg.cu == agg.cv) & (agg.eu != agg.ev)
    lo = np.minimum(agg.eu[inside], agg.ev[inside])
    hi = np.maximum(agg.eu[inside], agg.ev[inside])
    pairs = np.unique(np.stack([lo, hi]), axis=1) if inside.any() else np.zeros((2, 0), np.int64)
    L = np.bincount(agg.code[pairs[0]], minlength=len(agg.clusters)).astype(np.float64)
    n = agg.sizes.astype(np.float64)
    return _series(_ratio(L, n * (n - 1) / 2.0), agg, "internal_density",
                   "pairs of members joined by an edge / C(n, 2), n members")


@register_measure(level="cluster", requires=("weight",))
def conductance(G, partition, *, weight="weight") -> pd.Series:
    """Conductance of each cluster: its cut over the smaller of the two volumes.

    .. math:: \\phi(c) = \\frac{\\mathrm{cut}(c)}
              {\\min(\\mathrm{vol}(c), \\mathrm{vol}(V \\setminus c))}

    ``cut(c)`` is the external weight :math:`E_c`; ``vol`` sums weighted
    degrees (a self-loop counts twice), so :math:`\\mathrm{vol}(c) = 2I_c +
    E_c`. Low values mark well separated clusters. The same value as
    :func:`networkx.conductance` (``cut_size / min(volume(S), volume(T))``);
    NaN where either volume is zero (a cluster without ties, or a partition
    with a single cluster).

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, Series, str or list of sets
    weight : str or None

    Returns
    -------
    pandas.Series

    References
    ----------
    .. [1] R. Kannan, S. Vempala and A. Vetta, "On clusterings: good, bad
       and spectral", Journal of the ACM 51(3), 497-515 (2004).

    Examples
    --------
    Two triangles of unit weight joined by one edge: cut 1, volumes 7 and 7.

    >>> import networkx as nx
    >>> from patnet.measures.cooperation import conductance
    >>> G = nx.barbell_graph(3, 0)
    >>> (conductance(G, {0: "L", 1: "L", 2: "L", 3: "R", 4: "R", 5: "R"}) * 7).tolist()
    [1.0, 1.0]
    """
    agg = _aggregate(G, partition, weight)
    vol = agg.volume
    rest = vol.sum() - vol
    return _series(_ratio(agg.external, np.minimum(vol, rest)), agg, "conductance",
                   "cut / min(vol(C), vol(V - C)), volumes on weighted degrees (self-loops "
                   "twice)", weight=weight)


# ---------------------------------------------------------------------------
# nodes that bridge clusters


@register_measure(level="node", requires=("weight",), needs_partition=True)
def participation(G, partition=None, *, weight="weight") -> pd.Series:
    """Guimerà and Amaral's participation coefficient: who spreads ties over clusters.

    .. math:: P_i = 1 - \\sum_{s} \\left(\\frac{k_{is}}{k_i}\\right)^2

    with :math:`k_{is}` the strength of node i towards the nodes of
    cluster s (its own included; row i of :math:`A M`) and :math:`k_i` its
    strength. 0 when all of a node's ties stay in one cluster, approaching
    1 when they spread evenly over many; always below 1 (at most
    :math:`1 - 1/K` with K clusters). NaN for a node without ties (0/0;
    the Brain Connectivity Toolbox reports 0: use ``.fillna(0)`` for that
    convention).

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, Series, str or list of sets
        Every node's cluster (see :func:`partition_labels`). With
        :func:`patnet.measures.compute`, pass it as an option, e.g.
        ``compute(G, ["participation"], partition="community")`` for a node
        attribute named ``community``, or ``partition=dict``.
    weight : str or None
        ``None`` counts ties (degrees instead of strengths).

    Returns
    -------
    pandas.Series
        Indexed by node, in ``G``'s order.

    References
    ----------
    .. [1] R. Guimerà and L. A. N. Amaral, "Functional cartography of
       complex metabolic networks", Nature 433, 895-900 (2005).

    Examples
    --------
    ``c`` has strength 3 inside its cluster and 1 to the other:
    1 - (3/4)² - (1/4)² = 0.375.

    >>> import networkx as nx
    >>> from patnet.measures import compute
    >>> G = nx.Graph()
    >>> G.add_weighted_edges_from([("a", "c", 1.0), ("b", "c", 2.0), ("c", "d", 1.0)])
    >>> nx.set_node_attributes(G, {"a": 0, "b": 0, "c": 0, "d": 1}, "community")
    >>> compute(G, ["participation"], partition="community")["participation"].tolist()
    [0.0, 0.375, 0.0, 0.0]
    """
    agg = _aggregate(G, partition, weight)
    S = sp.csr_array(agg.A @ agg.M)
    k = np.asarray(S.sum(axis=1)).ravel()
    sq = np.asarray(S.multiply(S).sum(axis=1)).ravel()
    P = np.full(len(agg.nodes), np.nan)
    ok = k > 0
    P[ok] = np.clip(1.0 - sq[ok] / k[ok] ** 2, 0.0, 1.0)
    out = pd.Series(P, index=pd.Index(agg.nodes, name="node"), name="participation")
    out.attrs = {"measure": "participation",
                 "definition": "1 - sum_s (k_is / k_i)^2 (Guimera & Amaral 2005), strengths",
                 "weight": weight}
    return out


# ---------------------------------------------------------------------------
# the inter-cluster matrix


#: Normalisations of :func:`cluster_matrix`.
MATRIX_NORMALIZATIONS = (None, "association_strength")


@register_measure(level="cluster", requires=("weight",))
def cluster_matrix(G, partition, *, weight="weight", normalize=None) -> pd.DataFrame:
    """The cluster x cluster cooperation matrix, raw or association-strength normalised.

    Computed sparse as :math:`K = M^\\top A M`. The returned matrix C has
    :math:`C_{cd} = K_{cd}` off the diagonal (the weight of the ties between
    c and d, each edge once) and :math:`C_{cc} = K_{cc}/2 = I_c` on it (the
    internal weight, each edge once). So the sum of the upper triangle with
    the diagonal is the graph's total weight m, and the sum of all cells is
    m plus the weight between clusters.

    ``normalize="association_strength"`` divides by what the weights would
    be if ties formed in proportion to the clusters' total link strengths
    :math:`s_c = \\sum_d K_{cd} = \\mathrm{vol}(c)` (Van Eck & Waltman):

    .. math:: AS_{cd} = \\frac{2m\\, C_{cd}}{s_c s_d} \\; (c \\ne d),
              \\qquad AS_{cc} = \\frac{4m\\, I_c}{s_c^2}

    both :math:`2m K_{cd} / (s_c s_d)`: the observed weight over the weight
    expected at random (:math:`s_c s_d / 2m` between two clusters,
    :math:`s_c^2 / 4m` inside one), so 1 at independence, above 1 for
    clusters that cooperate more than their size predicts. NaN in the rows
    and columns of clusters without ties.

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, Series, str or list of sets
    weight : str or None
    normalize : {None, "association_strength"}

    Returns
    -------
    pandas.DataFrame
        Square, symmetric, index and columns named ``"cluster"``.

    References
    ----------
    .. [1] N. J. van Eck and L. Waltman, "How to normalize cooccurrence
       data? An analysis of some well-known similarity measures", JASIST
       60(8), 1635-1651 (2009).

    Examples
    --------
    Two triangles (weights 1, 2, 1 and 1, 3, 1) joined by an edge of 0.5:
    m = 9.5, s_X = 2 x 4 + 0.5 = 8.5, s_Y = 10.5.

    >>> import networkx as nx
    >>> from patnet.measures.cooperation import cluster_matrix
    >>> G = nx.Graph()
    >>> G.add_weighted_edges_from([("a", "b", 1), ("b", "c", 2), ("a", "c", 1), ("c", "d", 0.5),
    ...                            ("d", "e", 1), ("e", "f", 3), ("d", "f", 1)])
    >>> part = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y", "f": "Y"}
    >>> cluster_matrix(G, part)  # doctest: +NORMALIZE_WHITESPACE
    cluster    X    Y
    cluster
    X        4.0  0.5
    Y        0.5  5.0
    >>> round(float(cluster_matrix(G, part, normalize="association_strength").loc["X", "Y"]), 6)
    0.106443
    """
    _check_choice("normalize", normalize, MATRIX_NORMALIZATIONS)
    agg = _aggregate(G, partition, weight)
    K = agg.K.toarray()
    C = K.copy()
    np.fill_diagonal(C, np.diagonal(K) / 2.0)
    m = float(np.triu(C).sum())
    definition = ("weight between clusters (each edge once); diagonal: internal weight "
                  "(each edge once)")
    if normalize == "association_strength":
        s = K.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            C = 2.0 * m * K / np.outer(s, s)
        C[(s == 0)[:, None] | (s == 0)[None, :]] = np.nan
        definition = ("association strength 2m K_cd / (s_c s_d) with K = M'AM (diagonal twice "
                      "the internal weight) and s_c the cluster's total link strength "
                      "(Van Eck & Waltman 2009)")
    out = pd.DataFrame(C, index=agg.index, columns=pd.Index(agg.clusters, name="cluster"))
    out.attrs = {"measure": "cluster_matrix", "definition": definition, "weight": weight,
                 "normalize": "none" if normalize is None else normalize, "total_weight": m}
    return out


# ---------------------------------------------------------------------------
# sectors inside clusters


def _sector_labels(G, sector):
    out = []
    values = (_graphs.node_attribute(G, sector) if _graphs.is_igraph(G)
              else (d.get(sector) for _, d in G.nodes(data=True)))
    for v in values:
        out.append("unknown" if _missing(v) or (isinstance(v, str) and v.strip() == "") else v)
    return out


def _sector_universe(labels):
    extra = _sorted({s for s in labels if s not in schema.SECTORS})
    return list(schema.SECTORS) + extra


@register_measure(level="cluster", requires=("sector",))
def sector_mix(G, partition, *, sector="sector", value="share") -> pd.DataFrame:
    """The sectors of each cluster's members (firms, universities, government, ...).

    Parameters
    ----------
    G : networkx.Graph
        Nodes carry a sector attribute (organisation graphs of
        :func:`patnet.build.org_graph` do); a node without one (or with
        ``""``) counts as ``"unknown"``.
    partition : dict, Series, str or list of sets
    sector : str
        The node attribute holding the sector.
    value : {"share", "count"}
        Share of the cluster's members in each sector (rows sum to 1), or
        their number.

    Returns
    -------
    pandas.DataFrame
        Index ``"cluster"``; one column per sector of
        :data:`patnet.schema.SECTORS` (every one, zeros included; other
        labels found on nodes follow, sorted), columns named ``"sector"``.
        ``attrs["n_nodes"]`` holds the cluster sizes.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.cooperation import sector_mix
    >>> G = nx.Graph([("u", "f"), ("f", "g")])
    >>> nx.set_node_attributes(G, {"u": "university", "f": "firm", "g": "government"}, "sector")
    >>> sector_mix(G, {"u": 0, "f": 0, "g": 1}, value="count")[["firm", "university",
    ...                                                         "government"]]
    ... # doctest: +NORMALIZE_WHITESPACE
    sector   firm  university  government
    cluster
    0           1           1           0
    1           0           0           1
    """
    _check_choice("value", value, ("share", "count"))
    agg = _aggregate(G, partition, None)
    labels = _sector_labels(G, sector)
    universe = _sector_universe(labels)
    sindex = {s: i for i, s in enumerate(universe)}
    scode = np.array([sindex[s] for s in labels], dtype=np.int64)
    counts = np.zeros((len(agg.clusters), len(universe)), dtype=np.int64)
    np.add.at(counts, (agg.code, scode), 1)
    cols = pd.Index(universe, name="sector")
    if value == "count":
        out = pd.DataFrame(counts, index=agg.index, columns=cols)
    else:
        n = counts.sum(axis=1, keepdims=True).astype(np.float64)
        out = pd.DataFrame(counts / np.where(n > 0, n, 1.0), index=agg.index, columns=cols)
    out.attrs = {"measure": "sector_mix", "sector": sector, "value": value,
                 "definition": "members of the cluster in each sector"
                               + (" over members of the cluster" if value == "share" else ""),
                 "n_nodes": dict(zip(agg.clusters, agg.sizes.tolist(), strict=True))}
    return out


@register_measure(level="cluster", requires=("weight", "sector"))
def cross_sector_share(G, partition, *, weight="weight", sector="sector",
                       sectors=None) -> pd.Series:
    """Share of a cluster's internal cooperation that joins different sectors.

    .. math:: X_c = \\frac{\\sum_{\\{i,j\\} \\subset c,\\; \\sigma_i \\ne \\sigma_j,\\;
              \\sigma_i, \\sigma_j \\in S} w_{ij}}
              {\\sum_{\\{i,j\\} \\subset c,\\; \\sigma_i, \\sigma_j\\ \\mathrm{known}} w_{ij}}

    over the internal ties of the cluster (both ends in c), with
    :math:`\\sigma_i` the sector of node i. Ties with an end of unknown
    sector (``"unknown"``, missing or ``""``) cannot be classified and are
    left out of both sums; ``attrs["unknown_weight"]`` holds their internal
    weight per cluster. With ``sectors=None`` S is every known sector (any
    cross-sector tie counts); ``sectors=("firm", "university",
    "government")`` measures firm-university-government (triple-helix)
    cooperation: the share of the cluster's internal cooperation that joins
    two *different* sectors of that set. NaN for a cluster without
    classifiable internal ties.

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, Series, str or list of sets
    weight : str or None
    sector : str
        Node attribute holding the sector.
    sectors : iterable of str or "triple_helix", optional
        Sectors whose mutual ties count in the numerator;
        ``"triple_helix"`` is firm, university and government.

    Returns
    -------
    pandas.Series

    Examples
    --------
    Inside cluster 0: firm-university 2, firm-firm 1, university-research 1.

    >>> import networkx as nx
    >>> from patnet.measures.cooperation import cross_sector_share
    >>> G = nx.Graph()
    >>> G.add_weighted_edges_from([("f1", "u", 2), ("f1", "f2", 1), ("u", "r", 1), ("r", "x", 5)])
    >>> nx.set_node_attributes(G, {"f1": "firm", "f2": "firm", "u": "university",
    ...                            "r": "research", "x": "firm"}, "sector")
    >>> part = {"f1": 0, "f2": 0, "u": 0, "r": 0, "x": 1}
    >>> cross_sector_share(G, part).tolist()
    [0.75, nan]
    >>> cross_sector_share(G, part, sectors="triple_helix").tolist()
    [0.5, nan]
    """
    if isinstance(sectors, str):
        if sectors != "triple_helix":
            raise PatnetInputError(
                f"unknown sectors={sectors!r}{did_you_mean(sectors, ['triple_helix'])}",
                hint="Pass 'triple_helix' or a list of sectors such as ['firm', 'university']")
        wanted = set(TRIPLE_HELIX)
        label = "triple_helix"
    elif sectors is None:
        wanted = None
        label = "all"
    else:
        wanted = set(sectors)
        for s in wanted:
            _check_choice("sector", s, schema.SECTORS)
        label = ",".join(s for s in schema.SECTORS if s in wanted)
    agg = _aggregate(G, partition, weight)
    labels = np.array(_sector_labels(G, sector), dtype=object)
    su, sv = labels[agg.eu], labels[agg.ev]
    inside = agg.cu == agg.cv
    known = (su != "unknown") & (sv != "unknown")
    cross = known & (su != sv)
    if wanted is not None:
        member = np.array([s in wanted for s in labels], dtype=bool)
        cross &= member[agg.eu] & member[agg.ev]
    k = len(agg.clusters)
    cl = agg.cu
    den = np.bincount(cl[inside & known], weights=agg.w[inside & known], minlength=k)
    num = np.bincount(cl[inside & cross], weights=agg.w[inside & cross], minlength=k)
    unk = np.bincount(cl[inside & ~known], weights=agg.w[inside & ~known], minlength=k)
    return _series(_ratio(num, den), agg, "cross_sector_share",
                   "internal weight of ties between two different sectors (of 'sectors') over "
                   "the internal weight of ties whose two sectors are known",
                   weight=weight, sector=sector, sectors=label,
                   unknown_weight=dict(zip(agg.clusters, unk.tolist(), strict=True)))


# ---------------------------------------------------------------------------
# focal versus partner: openness of provinces


def _blank(v) -> bool:
    return _missing(v) or (isinstance(v, str) and v.strip() == "")


def _focal_nodes(G, focal_attr, focal, country):
    out = []
    for n, d in G.nodes(data=True):
        kind = d.get("kind")
        if _blank(kind):
            is_focal = not _blank(d.get(focal_attr))
        else:
            is_focal = kind == focal_attr
        if not is_focal:
            continue
        home = d.get(country)
        home = focal if _blank(home) else home
        if focal is not None and home != focal:
            continue
        out.append((n, home))
    order = _sorted(n for n, _ in out)
    homes = dict(out)
    return [(n, homes[n]) for n in order]


def _partner_regions(G, nodes, country, region, group):
    """Region of each node: its ``region`` attribute, else looked up from its country."""
    from ..geo import region_of

    reg = {}
    lookup = []
    for n in nodes:
        d = G.nodes[n]
        r = d.get(region) if region is not None else None
        if _blank(r):
            c = d.get(country)
            if not _blank(c) and group is not None:
                lookup.append((n, c))
            reg[n] = None
        else:
            reg[n] = r
    if lookup:
        codes = _sorted({c for _, c in lookup})
        found = dict(zip(codes, region_of(codes, group=group).tolist(), strict=True))
        for n, c in lookup:
            r = found[c]
            reg[n] = None if _missing(r) else r
    return reg


def _openness_parts(G, focal_attr, focal, country, region, group, weight):
    _check_graph(G)
    rows = _focal_nodes(G, focal_attr, focal, country)
    partners = {m for n, _ in rows for m in G[n]}
    regions = _partner_regions(G, _sorted(partners | {n for n, _ in rows}), country, region,
                               group)
    table = []
    for n, home in rows:
        home_region = regions.get(n)
        for m, data in G[n].items():
            ds = data.values() if G.is_multigraph() else [data]
            w = 0.0
            for dd in ds:
                x = 1.0 if weight is None else dd.get(weight, 1)
                try:
                    x = float(x)
                except (TypeError, ValueError):
                    raise PatnetInputError(f"edge ({n!r}, {m!r}) has a non-numeric {weight!r}",
                                           value=x, hint="Pass weight=None to count ties") \
                        from None
                w += x
            d = G.nodes[m]
            c = d.get(country)
            if m == n or (not _blank(c) and c == home):
                status = "domestic"
            elif not _blank(c):
                status = "foreign"
            elif regions.get(m) is not None and regions.get(m) != home_region:
                status = "foreign"  # a region node of other countries
            else:
                status = "unknown"
            r = regions.get(m) if status == "foreign" else None
            table.append((n, m, w, status, "other" if r is None else r))
    return rows, table


def openness(G, *, focal_attr="province", focal=None, country="country", region="region",
             group="bri", weight="weight") -> pd.DataFrame:
    """Share of each focal unit's cooperation that is with foreign partners.

    For each focal node i (a province of a province-country graph of
    :func:`patnet.build.geo_graph`) with home country :math:`h_i`:

    .. math:: \\mathrm{foreign\\_share}_i = \\frac{\\sum_{j:\\, c_j \\ne h_i} w_{ij}}
              {\\sum_j w_{ij}}

    where j runs over i's neighbours and :math:`c_j` is j's country. A
    neighbour is *domestic* when its country is :math:`h_i` (other
    provinces, ``"province:unresolved"``, the focal country's own node),
    *foreign* when it has another country (or, for a region node without a
    country, when the region is not the focal node's), and *unknown*
    otherwise. A self-loop is domestic and counted once. Self-loops aside,
    ``strength = domestic + foreign + unknown`` is the node's weighted degree.

    Parameters
    ----------
    G : networkx.Graph
        Nodes carry ``kind``, ``country`` and (optionally) ``region``
        attributes, as the graphs of :func:`patnet.build.geo_graph` do.
    focal_attr : str
        Which nodes are rows: those whose ``kind`` is ``focal_attr``
        (``"province"``: every province node, the unresolved one included);
        in a graph without ``kind`` attributes, the nodes with a non-empty
        ``focal_attr`` attribute.
    focal : str, optional
        Keep only focal nodes of this home country (e.g. ``"CN"``). A
        node's home country is its ``country`` attribute (``focal`` when it
        has none).
    country : str
        Node attribute holding the ISO country code.
    region, group
        Used by :func:`openness_by_region`; accepted here so both take the
        same options.
    weight : str or None

    Returns
    -------
    pandas.DataFrame
        Index ``"node"`` (focal nodes, sorted); columns ``label``,
        ``country`` (home), ``strength``, ``domestic``, ``foreign``,
        ``unknown`` (weights) and ``foreign_share`` (NaN without ties).

    See Also
    --------
    openness_by_region : the foreign weight split by region group.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.measures.cooperation import openness
    >>> from patnet.testing import make_corpus
    >>> js, bj = {"country": "CN", "province": "CN-JS"}, {"country": "CN", "province": "CN-BJ"}
    >>> c = make_corpus({"1": [js, "SG"], "2": [js, bj], "3": [bj, "US"], "4": [js, "IN"]})
    >>> G = pn.build.geo_graph(c)
    >>> openness(G)[["strength", "foreign", "foreign_share"]]
    ... # doctest: +NORMALIZE_WHITESPACE
                    strength  foreign  foreign_share
    node
    province:CN-BJ       2.0      1.0       0.500000
    province:CN-JS       3.0      2.0       0.666667
    """
    rows, table = _openness_parts(G, focal_attr, focal, country, region, group, weight)
    idx = {n: i for i, (n, _) in enumerate(rows)}
    parts = {k: np.zeros(len(rows)) for k in ("domestic", "foreign", "unknown")}
    for n, _m, w, status, _r in table:
        parts[status][idx[n]] += w
    strength = parts["domestic"] + parts["foreign"] + parts["unknown"]
    out = pd.DataFrame({
        "label": [str(G.nodes[n].get("label", n)) for n, _ in rows],
        "country": ["" if _blank(h) else h for _, h in rows],
        "strength": strength, **parts,
        "foreign_share": _ratio(parts["foreign"], strength),
    }, index=pd.Index([n for n, _ in rows], name="node"))
    out.attrs = {"measure": "openness", "focal_attr": focal_attr,
                 "focal": "none" if focal is None else focal, "weight": weight,
                 "definition": "weight of ties with nodes of another country over the node's "
                               "total tie weight (self-loops once, domestic)"}
    return out


def openness_by_region(G, *, focal_attr="province", focal=None, country="country",
                       region="region", group="bri", weight="weight") -> pd.DataFrame:
    """Where each focal unit's foreign cooperation goes, by region group.

    Splits the foreign weight of :func:`openness` by the region of the
    partner: its ``region`` node attribute when non-empty, otherwise the
    region of its country in ``group`` (:func:`patnet.geo.region_of`);
    foreign partners outside the group are region ``"other"``.

    Parameters
    ----------
    G : networkx.Graph
    focal_attr, focal, country, weight
        As in :func:`openness`.
    region : str or None
        Node attribute holding the region; ``None`` always looks the region
        up from the country (use it when the graph was built with another
        group).
    group : str, DataFrame or None
        Region group (``"bri"``: the seven Belt and Road regions); its
        regions are the rows of every focal node, zeros included. ``None``:
        only regions found on node attributes.

    Returns
    -------
    pandas.DataFrame
        Index ``(node, region)``: every focal node x every region of the
        group (in the group's order; regions found only on nodes follow,
        sorted) and ``"other"``. Columns ``weight``, ``share_of_foreign``
        (sums to 1 over a node's regions when it has foreign ties) and
        ``share_of_strength`` (sums to the node's ``foreign_share``).

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.measures.cooperation import openness_by_region
    >>> from patnet.testing import make_corpus
    >>> js, bj = {"country": "CN", "province": "CN-JS"}, {"country": "CN", "province": "CN-BJ"}
    >>> c = make_corpus({"1": [js, "SG"], "2": [js, bj], "3": [bj, "US"], "4": [js, "IN"]})
    >>> t = openness_by_region(pn.build.geo_graph(c))
    >>> t.loc["province:CN-JS"].query("weight > 0")  # doctest: +NORMALIZE_WHITESPACE
                weight  share_of_foreign  share_of_strength
    region
    ASEAN          1.0               0.5           0.333333
    South Asia     1.0               0.5           0.333333
    """
    from ..geo import group as group_table

    rows, table = _openness_parts(G, focal_attr, focal, country, region, group, weight)
    universe = []
    if group is not None:
        gt = group_table(table=group) if isinstance(group, pd.DataFrame) else group_table(group)
        universe = list(dict.fromkeys(gt["region"].tolist()))
    found = _sorted({r for *_, s, r in table if s == "foreign" and r != "other"} - set(universe))
    universe = universe + found + ["other"]
    ridx = {r: i for i, r in enumerate(universe)}
    nidx = {n: i for i, (n, _) in enumerate(rows)}
    W = np.zeros((len(rows), len(universe)))
    strength = np.zeros(len(rows))
    for n, _m, w, status, r in table:
        strength[nidx[n]] += w
        if status == "foreign":
            W[nidx[n], ridx[r]] += w
    foreign = W.sum(axis=1, keepdims=True)
    index = pd.MultiIndex.from_product([[n for n, _ in rows], universe],
                                       names=["node", "region"])
    out = pd.DataFrame({
        "weight": W.ravel(),
        "share_of_foreign": _ratio(W, np.broadcast_to(foreign, W.shape)).ravel(),
        "share_of_strength": _ratio(W, np.broadcast_to(strength[:, None], W.shape)).ravel(),
    }, index=index)
    out.attrs = {"measure": "openness_by_region", "focal_attr": focal_attr,
                 "focal": "none" if focal is None else focal, "weight": weight,
                 "group": group if isinstance(group, str) or group is None else "table",
                 "definition": "weight of ties with foreign nodes of each region; region from "
                               "the node attribute, else the country's region in the group; "
                               "'other' outside the group"}
    return out
