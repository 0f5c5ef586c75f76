"""Communities of co-invention networks: seeded, multi-start, with one modularity.

:func:`communities` finds a partition of a graph's nodes with a named method
and returns it as a Series node -> community, with every parameter, the
modularity, the objective value and the stability across random starts in
``Series.attrs``. :func:`modularity` is the one function that computes
modularity for every method (and agrees with
:func:`networkx.community.modularity`); :func:`cluster_modularity` splits it
into each cluster's contribution and is registered as the cluster-level
measure ``"modularity"``. Partitions are compared with
:func:`patnet.measures.partitions.compare_partitions` (NMI, ARI, VI).

=======================  =========  ============================================
method                   backend    what it does
=======================  =========  ============================================
``"leiden"``             igraph     Leiden (Traag et al. 2019) on the
                                    *modularity* objective (``objective="cpm"``
                                    for the Constant Potts Model), run until
                                    stable by default
``"louvain"``            igraph     Louvain (Blondel et al. 2008): igraph's
                         networkx   ``community_multilevel`` by default,
                                    networkx's ``louvain_communities`` with
                                    ``backend="networkx"``
``"greedy"``             networkx   greedy agglomeration of Clauset, Newman &
                         igraph     Moore (2004): networkx's
                                    ``greedy_modularity_communities`` by
                                    default, igraph's ``community_fastgreedy``
                                    cut at its maximum modularity with
                                    ``backend="igraph"``
``"walktrap"``           igraph     Pons & Latapy (2005), random walks of 4
                                    steps, dendrogram cut at its maximum
                                    modularity
``"infomap"``            igraph     Infomap (Rosvall & Bergstrom 2008): minimum
                                    map-equation code length
``"label_propagation"``  igraph     Raghavan, Albert & Kumara (2007)
``"vosviewer"``          igraph     VOSviewer's clustering: association-strength
                                    normalised weights, Leiden on the CPM
                                    objective with unit node weights (Waltman,
                                    van Eck & Noyons 2010; Waltman & van Eck
                                    2013; Traag et al. 2019)
=======================  =========  ============================================

Two library defaults are traps, and patnet never relies on them: igraph's
``community_leiden`` optimises CPM unless told otherwise (on an unweighted
graph at resolution 1 that returns singletons), and draws its random numbers
from Python's global :mod:`random` module. Here every random method is given
a private ``random.Random(seed)`` through
:func:`igraph.set_random_number_generator` (under a lock, since that setting
is global to igraph) and igraph is pointed back at the :mod:`random` module
(its default) afterwards; networkx's algorithms get the integer seed, from
which they make their own private generator. Neither the state of
:mod:`random` nor NumPy's global generator changes.

Multi-start: start ``i`` of ``n_starts`` uses the seed ``seed + i``; the
partition with the best objective is kept (ties go to the smallest seed), so
``communities(G, method, seed=s.attrs["best_seed"], n_starts=1)`` reproduces
a result. The stability across starts is the mean pairwise NMI and ARI of the
starts' partitions.

References
----------
.. [1] V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden:
   guaranteeing well-connected communities", Scientific Reports 9, 5233
   (2019).
.. [2] V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast
   unfolding of communities in large networks", J. Stat. Mech. P10008
   (2008).
.. [3] A. Clauset, M. E. J. Newman and C. Moore, "Finding community structure
   in very large networks", Phys. Rev. E 70, 066111 (2004).
.. [4] L. Waltman and N. J. van Eck, "A smart local moving algorithm for
   large-scale modularity-based community detection", Eur. Phys. J. B 86,
   471 (2013).
.. [5] L. Waltman, N. J. van Eck and E. C. M. Noyons, "A unified approach to
   mapping and clustering of bibliometric networks", Journal of
   Informetrics 4(4), 629-635 (2010).
.. [6] M. E. J. Newman and M. Girvan, "Finding and evaluating community
   structure in networks", Phys. Rev. E 69, 026113 (2004).
.. [7] J. Reichardt and S. Bornholdt, "Statistical mechanics of community
   detection", Phys. Rev. E 74, 016110 (2006).
.. [8] V. A. Traag, P. Van Dooren and Y. Nesterov, "Narrow scope for
   resolution-limit-free community detection", Phys. Rev. E 84, 016114
   (2011).
.. [9] P. Pons and M. Latapy, "Computing communities in large networks using
   random walks", ISCIS 2005, LNCS 3733, 284-293 (2005).
.. [10] M. Rosvall and C. T. Bergstrom, "Maps of random walks on complex
   networks reveal community structure", PNAS 105(4), 1118-1123 (2008).
.. [11] U. N. Raghavan, R. Albert and S. Kumara, "Near linear time algorithm
   to detect community structures in large-scale networks", Phys. Rev. E 76,
   036106 (2007).

Examples
--------
>>> import networkx as nx
>>> from patnet.measures.community import communities, modularity
>>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"),
...               ("d", "e"), ("e", "f"), ("d", "f")])
>>> part = communities(G, "leiden", seed=1)
>>> part.tolist()
[0, 0, 0, 1, 1, 1]
>>> part.attrs["modularity"] == modularity(G, part) == 5 / 14
True
"""

from __future__ import annotations

import math
import random
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import combinations
from numbers import Integral, Real

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._progress import Stages, wanted
from ..build.weights import association_strength
from ..exceptions import PatnetInputError, PatnetWarning
from . import _graphs
from ..schema import did_you_mean
from .partitions import _codes, _compare_codes, as_membership
from .registry import register_measure

__all__ = [
    "METHODS",
    "BACKENDS",
    "OBJECTIVES",
    "communities",
    "modularity",
    "cluster_modularity",
]

#: Community detection methods of :func:`communities`.
METHODS = ("leiden", "louvain", "greedy", "walktrap", "infomap", "label_propagation",
           "vosviewer")

#: Backends per method; the first is the default.
BACKENDS = {
    "leiden": ("igraph",),
    "louvain": ("igraph", "networkx"),
    "greedy": ("networkx", "igraph"),
    "walktrap": ("igraph",),
    "infomap": ("igraph",),
    "label_propagation": ("igraph",),
    "vosviewer": ("igraph",),
}

#: Objectives per method; the first is the default. "modularity" for the
#: methods that do not optimise it themselves (walktrap, label propagation)
#: means that their dendrogram cut or their best start is chosen by it.
OBJECTIVES = {
    "leiden": ("modularity", "cpm"),
    "louvain": ("modularity",),
    "greedy": ("modularity",),
    "walktrap": ("modularity",),
    "infomap": ("map_equation",),
    "label_propagation": ("modularity",),
    "vosviewer": ("cpm",),
}

# methods whose result depends on a resolution parameter (for the given backend)
_RESOLUTION = {("leiden", "igraph"), ("louvain", "igraph"), ("louvain", "networkx"),
               ("greedy", "networkx"), ("vosviewer", "igraph")}
_DETERMINISTIC = {"greedy", "walktrap"}
_WALKTRAP_STEPS = 4
_LEIDEN_BETA = 0.01
#: Passes of the Leiden algorithm at most when it runs until stable (``n_iterations=-1``).
LEIDEN_MAX_PASSES = 1000
#: Edges x starts from which :func:`communities` shows a progress bar by default
#: (``progress=None``): Leiden takes about a second per million edges and start here.
PROGRESS_EDGES = 2_000_000
#: Edges from which Leiden run until stable by default (``n_iterations=None``) warns that
#: it can take many passes: on an inventor graph of 3.3 million edges, each pass took about
#: 4 s and the 40th still raised modularity by about 1e-5.
LONG_LEIDEN_EDGES = 1_000_000

_IGRAPH_RNG_LOCK = threading.RLock()


# ---------------------------------------------------------------------------
# the graph as arrays

@dataclass(frozen=True)
class _Arrays:
    nodes: list
    u: np.ndarray  # int64 positions of the edge ends, in G.edges() order
    v: np.ndarray
    w: np.ndarray  # float64 weights

    @property
    def n(self) -> int:
        return len(self.nodes)


def _check_graph(G) -> None:
    if _graphs.is_igraph(G):
        if G.is_directed():
            raise PatnetInputError("communities and modularity here are for undirected graphs",
                                   hint="Pass g.as_undirected(mode='collapse') (co-invention "
                                        "is symmetric)")
        _graphs.check_simple(G, "communities")
        return
    if not isinstance(G, nx.Graph):
        raise PatnetInputError(f"expected a networkx or igraph graph, got {type(G).__name__}")
    if G.is_directed():
        raise PatnetInputError("communities and modularity here are for undirected graphs",
                               hint="Pass G.to_undirected() (co-invention is symmetric)")
    if G.is_multigraph():
        raise PatnetInputError("communities and modularity here are for simple graphs, not "
                               "multigraphs",
                               hint="Collapse parallel edges first, summing their weights")


def _igraph_arrays(g, weight) -> _Arrays:
    u, v = _graphs.endpoints(g)
    w = _graphs.weights(g, weight, "communities")
    if len(w) and not np.all(np.isfinite(w)):
        raise PatnetInputError(f"edge attribute {weight!r} is NaN or infinite on some edge",
                               value=float(w[~np.isfinite(w)][0]))
    if len(w) and (w < 0).any():
        raise PatnetInputError(f"edge attribute {weight!r} is negative on some edge",
                               value=float(w[w < 0][0]),
                               hint="Modularity and these methods need non-negative weights")
    return _Arrays(_graphs.node_ids(g), u, v, w)


def _arrays(G, weight) -> _Arrays:
    _check_graph(G)
    if _graphs.is_igraph(G):
        return _igraph_arrays(G, weight)
    nodes = list(G)
    pos = {n: i for i, n in enumerate(nodes)}
    m = G.number_of_edges()
    u = np.empty(m, dtype=np.int64)
    v = np.empty(m, dtype=np.int64)
    if weight is None:
        for k, (a, b) in enumerate(G.edges()):
            u[k], v[k] = pos[a], pos[b]
        w = np.ones(m, dtype=np.float64)
    else:
        vals = []
        for k, (a, b, x) in enumerate(G.edges(data=weight, default=1)):
            u[k], v[k] = pos[a], pos[b]
            vals.append(x)
        try:
            w = np.asarray(vals, dtype=np.float64).reshape(m)
        except (TypeError, ValueError):
            bad = next(x for x in vals if not isinstance(x, Real))
            raise PatnetInputError(f"edge attribute {weight!r} is not a number on every edge",
                                   value=bad, hint="Pass weight=None to ignore weights") from None
        if m and not np.all(np.isfinite(w)):
            raise PatnetInputError(f"edge attribute {weight!r} is NaN or infinite on some edge",
                                   value=float(w[~np.isfinite(w)][0]))
        if m and (w < 0).any():
            raise PatnetInputError(f"edge attribute {weight!r} is negative on some edge",
                                   value=float(w[w < 0][0]),
                                   hint="Modularity and these methods need non-negative weights")
    return _Arrays(nodes, u, v, w)


def _contributions(arr: _Arrays, codes: np.ndarray, resolution: float):
    """Each cluster's term of the modularity sum (NaN if the total weight is 0)."""
    k = int(codes.max()) + 1 if codes.size else 0
    deg = (np.bincount(arr.u, weights=arr.w, minlength=arr.n)
           + np.bincount(arr.v, weights=arr.w, minlength=arr.n))
    deg_sum = math.fsum(deg.tolist())
    if deg_sum == 0:
        return np.full(k, np.nan)
    m = deg_sum / 2
    norm = 1 / deg_sum ** 2
    cu = codes[arr.u]
    within = cu == codes[arr.v]
    L = np.bincount(cu[within], weights=arr.w[within], minlength=k)
    D = np.bincount(codes, weights=deg, minlength=k)
    # the order of operations of networkx.community.modularity
    return L / m - resolution * D * D * norm


def _modularity(arr: _Arrays, codes: np.ndarray, resolution: float) -> float:
    c = _contributions(arr, codes, resolution)
    if c.size == 0 or np.isnan(c).any():
        return math.nan
    return math.fsum(c.tolist())


def _check_resolution(resolution) -> float:
    if isinstance(resolution, bool) or not isinstance(resolution, Real) \
            or not math.isfinite(resolution) or resolution < 0:
        raise PatnetInputError(f"resolution must be a finite number >= 0, got {resolution!r}")
    return float(resolution)


def _membership(G, partition, nodes):
    if isinstance(partition, str) and _graphs.is_igraph(G):
        values = _graphs.node_attribute(G, partition)
        missing = [n for n, v in zip(nodes, values) if v is None]
        if missing:
            raise PatnetInputError(f"node attribute {partition!r} (the partition) is missing on "
                                   f"{len(missing)} node(s)", value=missing[0])
        partition = dict(zip(nodes, values))
    if isinstance(partition, str):
        attr = partition
        missing = [n for n, d in G.nodes(data=True) if attr not in d]
        if missing:
            raise PatnetInputError(f"node attribute {attr!r} (the partition) is missing on "
                                   f"{len(missing)} node(s)", value=missing[0])
        partition = {n: d[attr] for n, d in G.nodes(data=True)}
    return as_membership(partition, nodes=nodes)


def modularity(G, partition, *, weight="weight", resolution=1.0) -> float:
    """Newman's modularity of a partition, with a resolution parameter.

    .. math::

        Q = \\sum_c \\left[ \\frac{L_c}{m}
            - \\gamma \\left( \\frac{d_c}{2m} \\right)^2 \\right]

    where ``L_c`` is the total weight of the edges inside community ``c``,
    ``d_c`` the sum of the (weighted) degrees of its nodes (a self-loop
    counts twice in a degree and once in ``L_c``), ``m`` the total edge
    weight and ``gamma`` the resolution (Newman & Girvan 2004; Reichardt &
    Bornholdt 2006). The terms are those of
    :func:`networkx.community.modularity`, summed with :func:`math.fsum`, so
    the value does not depend on the order of the nodes or of the
    communities.

    Parameters
    ----------
    G : networkx.Graph
        Undirected, not a multigraph.
    partition : mapping, Series, list of node sets, or str
        Every node's community: a ``dict``/Series node -> label (such as the
        result of :func:`communities`), a list of node sets (networkx
        style), or the name of a node attribute.
    weight : str or None
        Edge attribute holding weights (missing means 1); None for an
        unweighted graph.
    resolution : float
        ``gamma`` >= 0; 1 is the classical modularity.

    Returns
    -------
    float
        NaN when the graph has no edges (or only edges of weight 0).

    Raises
    ------
    PatnetInputError
        A node has no community, the partition names a node not in ``G``,
        weights are negative or not numbers, or ``G`` is directed or a
        multigraph.

    References
    ----------
    .. [1] M. E. J. Newman and M. Girvan, "Finding and evaluating community
       structure in networks", Phys. Rev. E 69, 026113 (2004).
    .. [2] J. Reichardt and S. Bornholdt, "Statistical mechanics of community
       detection", Phys. Rev. E 74, 016110 (2006).

    Examples
    --------
    Two triangles joined by one edge: each triangle has ``L_c = 3`` of
    ``m = 7`` edges and degree sum 7, so ``Q = 2 (3/7 - 1/4) = 5/14``.

    >>> import networkx as nx
    >>> from patnet.measures.community import modularity
    >>> G = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)])
    >>> modularity(G, [{0, 1, 2}, {3, 4, 5}]) == 5 / 14
    True
    >>> round(modularity(G, {n: 0 for n in G}), 12)   # one community: 1 - 1
    0.0
    """
    resolution = _check_resolution(resolution)
    arr = _arrays(G, weight)
    if arr.n == 0:
        return math.nan
    codes = _codes(_membership(G, partition, arr.nodes))
    return _modularity(arr, codes, resolution)


@register_measure(name="modularity", level="cluster", requires=("weight",))
def cluster_modularity(G, partition, *, weight="weight", resolution=1.0) -> pd.Series:
    """Each cluster's contribution to modularity; they sum to :func:`modularity`.

    .. math:: Q_c = \\frac{L_c}{m} - \\gamma \\left( \\frac{d_c}{2m} \\right)^2

    the fraction of the edge weight inside cluster ``c`` minus the fraction
    expected if edges were placed at random keeping the degrees (see
    :func:`modularity` for the notation). Registered as the cluster-level
    measure ``"modularity"``.

    Parameters
    ----------
    G : networkx.Graph
    partition : mapping, Series, list of node sets, or str
        Every node's cluster (see :func:`modularity`).
    weight : str or None
    resolution : float

    Returns
    -------
    pandas.Series
        Float, indexed by cluster (``"cluster"``) in the order the clusters
        first appear in ``G``'s nodes; NaN when the graph has no edges.

    Examples
    --------
    >>> import math, networkx as nx
    >>> from patnet.measures.community import cluster_modularity
    >>> G = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)])
    >>> q = cluster_modularity(G, {0: "x", 1: "x", 2: "x", 3: "y", 4: "y", 5: "y"})
    >>> q.round(4).to_dict()
    {'x': 0.1786, 'y': 0.1786}
    >>> math.isclose(q.sum(), 5 / 14)
    True
    """
    resolution = _check_resolution(resolution)
    arr = _arrays(G, weight)
    memb = _membership(G, partition, arr.nodes)
    codes, uniques = pd.factorize(memb.to_numpy(dtype=object), sort=False)
    values = _contributions(arr, codes.astype(np.int64), resolution) if arr.n else np.empty(0)
    return pd.Series(values, index=pd.Index(list(uniques), name="cluster", tupleize_cols=False),
                     dtype=float, name="modularity")


# ---------------------------------------------------------------------------
# the methods

def _leiden(g, n_iterations: int, note=None, **kwargs) -> list:
    """igraph's Leiden membership after ``n_iterations`` passes, or with -1 after the first
    pass that does not increase the quality (at most :data:`LEIDEN_MAX_PASSES` passes).

    igraph's own -1 runs until a pass moves no node, which need not happen: a node can
    move between communities of equal quality on every pass (igraph 1.0 never returns on
    some graphs of seven nodes). The passes chained here are the same passes igraph
    chains (each starts from the last membership and draws on the same random stream:
    ``n_iterations=k`` and k chained passes give the same membership), stopped when the
    quality stops increasing, which is what igraph documents for -1. ``note(text)``, when
    given, is told of each pass.
    """
    if n_iterations > 0:
        return g.community_leiden(n_iterations=n_iterations, **kwargs).membership
    c = g.community_leiden(n_iterations=1, **kwargs)
    membership, quality = c.membership, c.quality
    for k in range(2, LEIDEN_MAX_PASSES + 1):
        if note is not None:
            note(f"pass {k}")
        c = g.community_leiden(n_iterations=1, initial_membership=membership, **kwargs)
        membership, gain = c.membership, c.quality - quality
        if not gain > 1e-12 * max(1.0, abs(quality)):  # (rounding is no gain)
            break
        quality = c.quality
    return membership


@contextmanager
def _igraph_rng(seed):
    """Give igraph a private generator seeded with ``seed``; point it back at ``random`` after."""
    with _IGRAPH_RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def _igraph(arr: _Arrays, keep=None) -> ig.Graph:
    u, v = (arr.u, arr.v) if keep is None else (arr.u[keep], arr.v[keep])
    return ig.Graph(n=arr.n, edges=list(zip(u.tolist(), v.tolist())), directed=False)


def _networkx_from_arrays(arr: _Arrays, weight) -> nx.Graph:
    """A networkx graph on 0..n-1 with the arrays' edges, in their order (for the networkx
    backends given an igraph graph)."""
    H = nx.Graph()
    H.add_nodes_from(range(arr.n))
    key = weight or "weight"
    H.add_edges_from((a, b, {key: x}) for a, b, x in zip(arr.u.tolist(), arr.v.tolist(),
                                                          arr.w.tolist()))
    return H


def _positional_copy(G, weight) -> nx.Graph:
    """``G`` with nodes renamed 0..n-1 in ``G``'s order, neighbour order kept exactly.

    networkx's algorithms break ties by comparing node labels; on this copy
    they depend only on the graph and its order (never on the names, and
    never fail on names of mixed types), and give what they give on ``G``
    when its nodes are already 0..n-1 in order.
    """
    pos = {n: i for i, n in enumerate(G)}
    H = nx.Graph()
    H.add_nodes_from(range(len(pos)))
    adj = H._adj  # filled directly to keep each node's neighbour order
    shared: dict[tuple[int, int], dict] = {}
    for u, nbrs in G.adjacency():
        i = pos[u]
        for v, d in nbrs.items():
            j = pos[v]
            key = (i, j) if i <= j else (j, i)
            data = shared.get(key)
            if data is None:
                data = shared[key] = {} if weight is None else {weight: d.get(weight, 1)}
            adj[i][j] = data
    return H


def _from_sets(sets, arr: _Arrays) -> np.ndarray:
    codes = np.full(arr.n, -1, dtype=np.int64)
    for k, c in enumerate(sets):
        codes[list(c)] = k
    if (codes < 0).any():  # pragma: no cover - the backends return partitions
        raise AssertionError("a backend left a node without a community")
    return codes


def _cpm_quality(arr: _Arrays, codes: np.ndarray, w: np.ndarray, keep, resolution) -> float:
    """CPM quality with unit node weights: (sum_c 2 W_c - gamma sum_c n_c^2) / (2 W)."""
    u, v = arr.u[keep], arr.v[keep]
    within = codes[u] == codes[v]
    inside = math.fsum(w[within].tolist())
    sizes = np.bincount(codes).astype(np.float64)
    total = math.fsum(w.tolist())
    return (2 * inside - resolution * math.fsum((sizes * sizes).tolist())) / (2 * total)


class _Run:
    """One method on one graph: ``start(seed) -> (codes, quality)``."""

    def __init__(self, G, arr, method, backend, objective, resolution, weight, n_iterations):
        self.arr, self.method, self.backend = arr, method, backend
        self.objective, self.resolution, self.weight = objective, resolution, weight
        self.n_iterations = n_iterations
        self.keep = None
        self.g = None
        self.weights_arg = None  # what igraph is given as weights; None: self.w as a list
        if backend == "networkx" and _graphs.is_igraph(G):
            G = _networkx_from_arrays(arr, weight)
        self.H = _positional_copy(G, weight) if backend == "networkx" else None
        self.w = arr.w
        if backend == "igraph":
            if method == "vosviewer":
                # VOSviewer ignores self-links and edges of weight 0 carry nothing
                self.keep = (arr.u != arr.v) & (arr.w > 0)
                u, v, a = arr.u[self.keep], arr.v[self.keep], arr.w[self.keep]
                if a.size:
                    W = sp.csr_array((np.r_[a, a], (np.r_[u, v], np.r_[v, u])),
                                     shape=(arr.n, arr.n))
                    self.w = np.asarray(association_strength(W)[u, v], dtype=np.float64).ravel()
                else:
                    self.w = a
            # an igraph input is used as it is when every edge takes part (no copy), and
            # reads its own weight attribute (checked in ``arr``) without a list made here
            own = _graphs.is_igraph(G) and self.keep is None
            self.g = G if own else _igraph(arr, self.keep)
            if own and weight is not None and weight in G.es.attributes():
                self.weights_arg = weight
        self.strength = (np.bincount(arr.u, weights=arr.w, minlength=arr.n)
                         + np.bincount(arr.v, weights=arr.w, minlength=arr.n))

    @property
    def empty(self) -> bool:
        """No edge weight to cluster on: every node is its own community."""
        w = self.w if self.keep is not None else self.arr.w
        return w.size == 0 or not (w > 0).any()

    def _quality_modularity(self, codes):
        return _modularity(self.arr, codes, self.resolution)

    def start(self, seed, note=None):
        """``(codes, quality)`` of one start; ``note(text)`` hears of Leiden's passes."""
        m, b, arr, g = self.method, self.backend, self.arr, self.g
        w = self.w.tolist() if self.weights_arg is None else self.weights_arg
        if m == "leiden" or m == "vosviewer":
            if self.objective == "modularity":
                with _igraph_rng(seed):
                    membership = _leiden(g, self.n_iterations, note,
                                         objective_function="modularity",
                                         weights=w, resolution=self.resolution,
                                         beta=_LEIDEN_BETA, node_weights=self.strength.tolist())
                codes = np.asarray(membership, dtype=np.int64)
                return codes, self._quality_modularity(codes)
            with _igraph_rng(seed):
                membership = _leiden(g, self.n_iterations, note, objective_function="CPM", weights=w,
                                     resolution=self.resolution, beta=_LEIDEN_BETA,
                                     node_weights=[1.0] * arr.n)
            codes = np.asarray(membership, dtype=np.int64)
            keep = self.keep if self.keep is not None else np.ones(arr.u.size, dtype=bool)
            return codes, _cpm_quality(arr, codes, self.w, keep, self.resolution)
        if m == "louvain":
            if b == "networkx":
                sets = nx.community.louvain_communities(self.H, weight=self.weight,
                                                        resolution=self.resolution, seed=seed)
                codes = _from_sets(sets, arr)
            else:
                with _igraph_rng(seed):
                    c = g.community_multilevel(weights=w, resolution=self.resolution)
                codes = np.asarray(c.membership, dtype=np.int64)
            return codes, self._quality_modularity(codes)
        if m == "greedy":
            if b == "networkx":
                sets = nx.community.greedy_modularity_communities(self.H, weight=self.weight,
                                                                  resolution=self.resolution)
                codes = _from_sets(sets, arr)
            else:
                codes = np.asarray(g.community_fastgreedy(weights=w).as_clustering().membership,
                                   dtype=np.int64)
            return codes, self._quality_modularity(codes)
        if m == "walktrap":
            d = g.community_walktrap(weights=w, steps=_WALKTRAP_STEPS)
            codes = np.asarray(d.as_clustering().membership, dtype=np.int64)
            return codes, self._quality_modularity(codes)
        if m == "infomap":
            with _igraph_rng(seed):
                c = g.community_infomap(edge_weights=w, trials=1)
            return np.asarray(c.membership, dtype=np.int64), float(c.codelength)
        if m == "label_propagation":
            with _igraph_rng(seed):
                c = g.community_label_propagation(weights=w)
            codes = np.asarray(c.membership, dtype=np.int64)
            return codes, self._quality_modularity(codes)
        raise AssertionError(m)  # pragma: no cover - validated


def _canonical(codes: np.ndarray) -> np.ndarray:
    """Labels 0, 1, ... by community size (largest first), then by first node in G's order."""
    if codes.size == 0:
        return codes.astype(np.int64)
    uniq, first, inverse, counts = np.unique(codes, return_index=True, return_inverse=True,
                                             return_counts=True)
    order = np.lexsort((first, -counts))
    new = np.empty(uniq.size, dtype=np.int64)
    new[order] = np.arange(uniq.size, dtype=np.int64)
    return new[inverse.ravel()]


def _choice(value, valid, what, method=None):
    if value not in valid:
        where = f" for method {method!r}" if method else ""
        raise PatnetInputError(f"unknown {what} {value!r}{where}{did_you_mean(str(value), valid)}",
                               hint=f"Valid {what}s{where} are {', '.join(map(repr, valid))}")
    return value


def communities(G, method="leiden", *, resolution=1.0, weight="weight", seed=None,
                n_starts=10, objective=None, backend=None, n_iterations=None,
                progress=None) -> pd.Series:
    """Communities of a graph by a named method: node -> community, with modularity.

    Random methods run ``n_starts`` times with the seeds ``seed, seed + 1,
    ...`` and keep the start with the best objective (ties go to the
    smallest seed); the stability of the result is the mean pairwise NMI and
    ARI of the starts' partitions. See the module docstring for the methods.

    Parameters
    ----------
    G : networkx.Graph
        Undirected, not a multigraph. Isolated nodes are communities of
        their own.
    method : {"leiden", "louvain", "greedy", "walktrap", "infomap", \
"label_propagation", "vosviewer"}
        ``"vosviewer"`` is VOSviewer's clustering: edge weights (``weight``)
        normalised by association strength ``a_ij 2m / (s_i s_j)``
        (:func:`patnet.build.weights.association_strength`; self-loops and
        zero weights left out, as VOSviewer does), then Leiden on the
        Constant Potts Model with unit node weights,
        ``sum_c [W_c - gamma n_c (n_c - 1) / 2]`` with ``W_c`` the
        normalised weight inside cluster ``c`` and ``n_c`` its number of
        nodes, at ``resolution`` gamma (VOSviewer's default 1; higher gives
        more, smaller clusters). VOSviewer's option to merge clusters
        below a minimum size is not applied.
    resolution : float
        Resolution of modularity (``"leiden"``, ``"louvain"``, networkx
        ``"greedy"``) or of CPM (``"vosviewer"``, ``objective="cpm"``);
        higher values give smaller communities. The other methods have no
        resolution and accept only 1.
    weight : str or None
        Edge attribute holding the weights (missing means 1); None ignores
        weights. Note that ``networkx.karate_club_graph()`` is weighted.
    seed : int, optional
        Base seed of the random methods. None draws one from the operating
        system (without touching :mod:`random`); it is recorded in
        ``attrs["seed"]`` so the result can be reproduced. Ignored by the
        deterministic methods (``"greedy"``, ``"walktrap"``), which run once.
    n_starts : int
        Number of random starts (>= 1).
    objective : str, optional
        ``"modularity"`` (default) or ``"cpm"`` for ``"leiden"``; each other
        method has one objective (see :data:`OBJECTIVES`).
    backend : str, optional
        ``"igraph"`` or ``"networkx"`` where both exist (see
        :data:`BACKENDS`; the first listed is the default).
    n_iterations : int, optional
        Leiden iterations per start (``"leiden"``, ``"vosviewer"``): None
        (the default) and -1 run until an iteration no longer increases the
        quality (at most :data:`LEIDEN_MAX_PASSES`); a positive number stops
        earlier (igraph's default is 2, VOSviewer's 10). On large graphs
        with weak structure, running until stable can take many iterations
        of seconds each, so the default warns (:class:`PatnetWarning`) from
        :data:`LONG_LEIDEN_EDGES` edges (one million); -1 runs until stable
        without the warning.
    progress : bool, optional
        Show a progress bar over the starts (and Leiden's passes); by
        default shown when edges x starts reaches :data:`PROGRESS_EDGES`
        (two million).

    Returns
    -------
    pandas.Series
        Named ``"community"``, indexed by node in ``G``'s order (index name
        ``"node"``), int64 labels 0, 1, ... numbered by community size
        (largest first), ties by the community's first node in ``G``'s
        order. ``attrs`` holds:

        ``method``, ``backend``, ``objective``, ``weight``
            as used;
        ``resolution``, ``n_iterations``
            as used, or None for methods without one;
        ``seed``, ``n_starts``, ``best_seed``
            base seed (None for deterministic methods), number of starts
            run, seed of the start kept;
        ``quality``
            the objective of the kept start: modularity at ``resolution``,
            CPM quality ``(sum_c 2 W_c - gamma sum_c n_c^2) / (2 W)``
            (igraph's normalisation), or the Infomap code length as igraph
            reports it (bits; lower is better); NaN for a graph without edge weight;
        ``modularity``
            Newman modularity at resolution 1 with ``weight``, by
            :func:`modularity` for every method; NaN without edges;
        ``n_communities``
            number of communities;
        ``stability_nmi``, ``stability_ari``
            mean pairwise NMI (arithmetic) and ARI over the starts; NaN
            with fewer than two starts;
        ``n_distinct``
            number of different partitions among the starts;
        ``start_seeds``, ``start_qualities``
            every start's seed and objective.

    Raises
    ------
    PatnetInputError
        Unknown method, backend or objective (with the valid choices), a
        resolution other than 1 for a method without one, a bad
        ``n_starts`` or ``seed``, negative or non-numeric weights, or a
        directed graph or multigraph.

    See Also
    --------
    modularity, patnet.measures.partitions.compare_partitions

    Notes
    -----
    Leiden runs with randomness ``beta = 0.01`` (igraph's and VOSviewer's
    default) and node weights given explicitly (strengths for modularity,
    1 for CPM). A graph without
    edges (or whose edges all weigh 0) gets singletons without running the
    method. networkx's Louvain on large graphs is much slower than igraph's;
    prefer ``"leiden"`` there.

    References
    ----------
    .. [1] V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to
       Leiden: guaranteeing well-connected communities", Scientific Reports
       9, 5233 (2019).
    .. [2] V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre,
       "Fast unfolding of communities in large networks", J. Stat. Mech.
       P10008 (2008).
    .. [3] A. Clauset, M. E. J. Newman and C. Moore, "Finding community
       structure in very large networks", Phys. Rev. E 70, 066111 (2004).
    .. [4] L. Waltman and N. J. van Eck, "A smart local moving algorithm for
       large-scale modularity-based community detection", Eur. Phys. J. B 86,
       471 (2013).
    .. [5] L. Waltman, N. J. van Eck and E. C. M. Noyons, "A unified approach
       to mapping and clustering of bibliometric networks", Journal of
       Informetrics 4(4), 629-635 (2010).

    Examples
    --------
    Zachary's karate club, unweighted: Leiden on modularity finds the
    optimum, four communities with Q = 0.41979.

    >>> import networkx as nx
    >>> from patnet.measures.community import communities
    >>> G = nx.karate_club_graph()
    >>> part = communities(G, "leiden", weight=None, seed=0)
    >>> part.value_counts().sort_index().tolist()
    [12, 11, 6, 5]
    >>> print(f"{part.attrs['modularity']:.5f}", part.attrs["stability_nmi"])
    0.41979 1.0
    >>> part.attrs["objective"], part.attrs["n_starts"], part.attrs["best_seed"]
    ('modularity', 10, 0)

    The greedy method of Clauset, Newman and Moore is deterministic:

    >>> g = communities(G, "greedy", weight=None)
    >>> g.attrs["n_communities"], g.attrs["seed"], round(g.attrs["modularity"], 4)
    (3, None, 0.3807)

    VOSviewer's clustering of the weighted club at resolution 1:

    >>> v = communities(G, "vosviewer", seed=0)
    >>> v.attrs["objective"], v.attrs["n_communities"] < G.number_of_nodes()
    ('cpm', True)
    """
    _choice(method, METHODS, "method")
    backend = BACKENDS[method][0] if backend is None else \
        _choice(backend, BACKENDS[method], "backend", method)
    objective = OBJECTIVES[method][0] if objective is None else \
        _choice(objective.lower() if isinstance(objective, str) else objective,
                OBJECTIVES[method], "objective", method)
    resolution = _check_resolution(resolution)
    has_resolution = (method, backend) in _RESOLUTION
    if not has_resolution and resolution != 1.0:
        raise PatnetInputError(
            f"method {method!r} (backend {backend!r}) has no resolution parameter, got "
            f"resolution={resolution!r}",
            hint="Leave resolution=1, or use 'leiden', 'louvain', networkx 'greedy' or "
                 "'vosviewer', which take one")
    defaulted = n_iterations is None
    if defaulted:
        n_iterations = -1
    if isinstance(n_iterations, bool) or not isinstance(n_iterations, Integral) \
            or not (n_iterations == -1 or int(n_iterations) >= 1):
        raise PatnetInputError(f"n_iterations must be -1 (until stable) or an integer >= 1, "
                               f"got {n_iterations!r}")
    has_iterations = method in ("leiden", "vosviewer")
    if not has_iterations and n_iterations != -1:
        raise PatnetInputError(f"method {method!r} has no n_iterations parameter",
                               hint="n_iterations applies to 'leiden' and 'vosviewer'")
    if isinstance(n_starts, bool) or not isinstance(n_starts, Integral) or n_starts < 1:
        raise PatnetInputError(f"n_starts must be an integer >= 1, got {n_starts!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, Integral)):
        raise PatnetInputError(f"seed must be an integer or None, got {seed!r}")
    if weight is not None and not isinstance(weight, str):
        raise PatnetInputError(f"weight must be an edge attribute name or None, got {weight!r}")
    wanted(progress, size=0, threshold=1)  # a bad value fails before any work
    arr = _arrays(G, weight)

    deterministic = method in _DETERMINISTIC
    if deterministic:
        seed, n_starts = None, 1
    elif seed is None:
        seed = random.SystemRandom().randrange(2 ** 32)
    else:
        seed = int(seed)
    n_starts = int(n_starts)

    if defaulted and has_iterations and arr.u.size >= LONG_LEIDEN_EDGES:
        warnings.warn(PatnetWarning(
            f"{method} communities run until stable (the default n_iterations) on "
            f"{arr.u.size:,} edges, {n_starts} start(s): on graphs this large Leiden can take "
            "tens of passes of seconds each per start (3.3 million inventor edges: about 4 s a "
            "pass, still gaining 1e-5 modularity at the 40th). Pass n_iterations=10 "
            "(VOSviewer's setting) to bound it, or -1 to run until stable without this warning"),
            stacklevel=2)
    run = _Run(G, arr, method, backend, objective, resolution, weight, int(n_iterations))
    seeds = [None] if deterministic else [seed + i for i in range(n_starts)]
    show = wanted(progress, size=arr.u.size * len(seeds), threshold=PROGRESS_EDGES)
    with Stages(f"{method} communities", len(seeds) + (len(seeds) >= 2), show=show) as bar:
        if arr.n == 0 or run.empty:
            parts = [np.arange(arr.n, dtype=np.int64) for _ in seeds]
            qualities = [math.nan for _ in seeds]
            best = 0
        else:
            parts, qualities = [], []
            best, best_key = 0, None
            for i, s in enumerate(seeds):
                head = f"start {i + 1}/{len(seeds)}" + ("" if s is None else f" (seed {s})")
                bar.stage(head)
                codes, q = run.start(s, lambda text, head=head: bar.note(f"{head}, {text}"))
                parts.append(_canonical(codes))
                qualities.append(float(q))
                key = -q if objective == "map_equation" else q
                if best_key is None or key > best_key + 1e-12 * max(1.0, abs(best_key)):
                    best, best_key = i, key
        labels = _canonical(parts[best])

        if len(parts) >= 2 and arr.n:
            bar.stage("stability of the starts")
            pairs = [_compare_codes(a, b) for a, b in combinations(parts, 2)]
            stab_nmi = math.fsum(p["nmi"] for p in pairs) / len(pairs)
            stab_ari = math.fsum(p["ari"] for p in pairs) / len(pairs)
        else:
            stab_nmi = stab_ari = math.nan
    n_distinct = len({p.tobytes() for p in parts})

    index = _graphs.node_index(arr.nodes) if arr.n else \
        pd.Index([], name="node", dtype=object)
    out = pd.Series(labels, index=index, dtype="int64", name="community")
    out.attrs = {
        "method": method,
        "backend": backend,
        "objective": objective,
        "resolution": resolution if has_resolution else None,
        "n_iterations": int(n_iterations) if has_iterations else None,
        "weight": weight,
        "seed": seed,
        "n_starts": len(seeds),
        "best_seed": seeds[best],
        "quality": qualities[best],
        "modularity": _modularity(arr, labels, 1.0) if arr.n else math.nan,
        "n_communities": int(labels.max()) + 1 if labels.size else 0,
        "stability_nmi": float(stab_nmi),
        "stability_ari": float(stab_ari),
        "n_distinct": n_distinct,
        "start_seeds": list(seeds),
        "start_qualities": qualities,
    }
    return out
