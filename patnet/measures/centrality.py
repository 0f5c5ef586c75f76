r"""Centrality of nodes: degree, strength, betweenness, closeness, eigenvector, PageRank, HITS.

Every function takes a networkx graph ``G`` first and its options
keyword-only, and returns a float :class:`pandas.Series` indexed by every
node of ``G`` (in ``G``'s node order, index name ``"node"``), named after the
measure, with the parameters it used in ``Series.attrs``.

Conventions
-----------
Weights
    ``weight="weight"`` reads that edge attribute (an edge without it counts
    1, as in networkx); ``weight=None`` counts every edge 1. Weights must be
    positive finite numbers (:func:`strength` accepts any finite number).
Weight to distance
    Betweenness and closeness follow shortest paths, and in a co-invention
    network a strong tie is a *short* one: by default the length of an edge is
    ``distance = 1 / weight`` (``distance="inverse"``; Newman 2001, Brandes
    2001, Opsahl et al. 2010). ``distance="weight"`` takes the weight itself
    as the length; a callable receives the numpy array of edge weights and
    returns the array of lengths, e.g. ``lambda w: -np.log(w / w.max())``
    (lengths must be positive). With ``weight=None`` every edge has length 1.
    ``Series.attrs["distance"]`` states the conversion used.
Self-loops
    A self-loop adds 2 to a node's degree and twice its weight to its
    strength (networkx and igraph agree). In the adjacency matrix used by
    eigenvector, PageRank and HITS it puts its weight once on the diagonal
    (networkx's ``to_scipy_sparse_array``; the igraph backend is given half
    the weight, since igraph counts an undirected loop twice). Loops never
    lie on shortest paths.
Backends
    ``backend="networkx"`` runs networkx; ``backend="igraph"`` runs
    python-igraph (C, much faster on large graphs); ``backend="auto"`` (the
    default) uses igraph when ``G`` has more than :data:`IGRAPH_MIN_NODES`
    nodes or more than :data:`IGRAPH_MIN_EDGES` edges. Both compute the same definitions and agree to 1e-9 (the test
    suite compares them on Zachary's karate club, weighted and unweighted,
    and on random graphs). The backend used is in ``Series.attrs["backend"]``.
Directed graphs
    Degree and strength count in- plus out-edges; betweenness counts
    directed paths; closeness uses *incoming* distances (as networkx);
    PageRank and HITS use directions; eigenvector centrality is defined here
    for undirected graphs only. Multigraphs are refused (collapse them first).

References
----------
.. [1] Freeman, L. C. (1978). Centrality in social networks: conceptual
   clarification. *Social Networks* 1(3), 215-239.
.. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality.
   *Journal of Mathematical Sociology* 25(2), 163-177.
.. [3] Newman, M. E. J. (2001). Scientific collaboration networks. II.
   Shortest paths, weighted networks, and centrality. *Physical Review E*
   64, 016132.
.. [4] Opsahl, T., Agneessens, F., & Skvoretz, J. (2010). Node centrality in
   weighted networks: generalizing degree and shortest paths. *Social
   Networks* 32(3), 245-251.

Examples
--------
>>> import networkx as nx
>>> from patnet.measures import centrality
>>> G = nx.karate_club_graph()
>>> b = centrality.betweenness(G, weight=None)
>>> round(float(b[0]), 6), b.attrs["normalization"]
(0.437635, '2/((n-1)(n-2))')
>>> centrality.betweenness(G).attrs["distance"]
'1/weight'
"""

from __future__ import annotations

import math
import random
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from typing import NoReturn

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph

from ..exceptions import PatnetInputError
from . import _graphs
from ..schema import did_you_mean
from .registry import register_measure

__all__ = [
    "IGRAPH_MIN_NODES",
    "IGRAPH_MIN_EDGES",
    "BACKENDS",
    "DISTANCES",
    "degree",
    "strength",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "hub",
    "authority",
]

#: ``backend="auto"`` uses igraph when the graph has more nodes than this
#: (set ``patnet.measures.centrality.IGRAPH_MIN_NODES`` to change it) ...
IGRAPH_MIN_NODES = 5000
#: ... or more edges than this (dense graphs of few nodes are slow in networkx too).
IGRAPH_MIN_EDGES = 50_000

#: Valid values of ``backend``.
BACKENDS = ("auto", "networkx", "igraph")

#: Named weight-to-distance conversions (a callable is accepted too).
DISTANCES = ("inverse", "weight")

#: Eigenvalues of two components closer than this (relative) are a tie.
_EIG_TIE = 1e-9
#: networkx PageRank tolerance (networkx stops when the L1 change < n * tol).
_PAGERANK_TOL = 1e-12
#: Largest integer path length for which both backends resolve ties alike
#: (igraph treats lengths within 1e-10 relative as equal).
_EXACT_LIMIT = 2 ** 31
#: Largest denominator tried when reading lengths as fractions.
_MAX_DENOMINATOR = 10 ** 6


# ---------------------------------------------------------------------------
# graph -> arrays
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Edges:
    """A graph as arrays: nodes in ``G`` order, edges in ``G.edges()`` order."""

    nodes: list
    src: np.ndarray
    dst: np.ndarray
    w: np.ndarray
    directed: bool

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def loops(self) -> np.ndarray:
        return self.src == self.dst


def _check_graph(G, what: str) -> None:
    if _graphs.is_igraph(G):
        _graphs.check_simple(G, what)
        return
    if not isinstance(G, nx.Graph):
        raise PatnetInputError(f"{what}() takes a networkx or igraph graph, got "
                               f"{type(G).__name__}")
    if G.is_multigraph():
        raise PatnetInputError(f"{what}() does not take multigraphs",
                               hint="Collapse parallel edges first, e.g. with "
                                    "patnet.build or nx.Graph(G) after summing weights")


def _edges(G, weight, what: str, *, positive: bool = True) -> _Edges:
    """``G`` as arrays; check the weights (finite, and positive if asked)."""
    _check_graph(G, what)
    if _graphs.is_igraph(G):
        src, dst = _graphs.endpoints(G)
        w = _igraph_weights(G, weight, what, positive=positive)
        return _Edges(_graphs.node_ids(G), src, dst, w, G.is_directed())
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    m = G.number_of_edges()
    if weight is None:
        pairs = list(G.edges())
        ws = None
    else:
        triples = list(G.edges(data=weight, default=1))
        pairs = [(u, v) for u, v, _ in triples]
        ws = [x for _, _, x in triples]
    src = np.fromiter((index[u] for u, _ in pairs), dtype=np.int64, count=m)
    dst = np.fromiter((index[v] for _, v in pairs), dtype=np.int64, count=m)
    if ws is None:
        w = np.ones(m)
    else:
        try:
            w = np.asarray(ws, dtype=float).reshape(m)
        except (TypeError, ValueError):
            k = next(i for i, x in enumerate(ws) if not _is_number(x))
            raise PatnetInputError(f"edge {pairs[k]!r} has a non-numeric {weight!r}",
                                   value=ws[k],
                                   hint="Give every edge a numeric weight, or pass weight=None"
                                   ) from None
        bad = ~np.isfinite(w) | ((w <= 0) if positive else False)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            need = "a positive finite" if positive else "a finite"
            raise PatnetInputError(
                f"{what}() needs {need} {weight!r} on every edge; edge {pairs[k]!r} has "
                f"{ws[k]!r}", value=ws[k],
                hint="Remove such edges (G.remove_edges_from(...)) or pass weight=None")
    return _Edges(nodes, src, dst, w, G.is_directed())


def _igraph_weights(g, weight, what: str, *, positive: bool) -> np.ndarray:
    """An igraph graph's edge weights, checked as :func:`_edges` checks networkx ones."""
    w = _graphs.weights(g, weight, what)
    bad = ~np.isfinite(w) | ((w <= 0) if positive else False)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        need = "a positive finite" if positive else "a finite"
        raise PatnetInputError(
            f"{what}() needs {need} {weight!r} on every edge; edge {g.es[k].tuple!r} has "
            f"{w[k]!r}", value=w[k], hint="Remove such edges or pass weight=None")
    return w


def _is_number(x) -> bool:
    try:
        float(x)
    except (TypeError, ValueError):
        return False
    return True


def _which_backend(n: int, backend, m: int = 0) -> str:
    if backend == "auto":
        return "igraph" if n > IGRAPH_MIN_NODES or m > IGRAPH_MIN_EDGES else "networkx"
    if backend in ("networkx", "igraph"):
        return backend
    raise PatnetInputError(f"unknown backend {backend!r}{did_you_mean(backend, BACKENDS)}",
                           hint=f"Use one of {', '.join(map(repr, BACKENDS))}")


def _series(E: _Edges, values, name: str, **attrs) -> pd.Series:
    s = pd.Series(np.asarray(values, dtype=float).reshape(E.n),
                  index=_graphs.node_index(E.nodes), name=name)
    s.attrs.update({"measure": name, **attrs})
    return s


def _nx_graph(E: _Edges, w=None) -> nx.Graph:
    """networkx graph on 0..n-1 with lengths/weights in the edge attribute ``"w"``."""
    H = nx.DiGraph() if E.directed else nx.Graph()
    H.add_nodes_from(range(E.n))
    w = E.w if w is None else w
    H.add_edges_from((u, v, {"w": x}) for u, v, x in zip(E.src.tolist(), E.dst.tolist(),
                                                          w.tolist()))
    return H


def _ig_graph(n: int, src, dst, directed: bool):
    import igraph as ig

    # a list of int pairs is what igraph reads fastest (faster than a NumPy array)
    edges = list(zip(np.asarray(src).tolist(), np.asarray(dst).tolist()))
    return ig.Graph(n=n, edges=edges, directed=directed)


@contextmanager
def _quiet_igraph():
    """Run igraph without touching Python's global ``random`` state or warning.

    python-igraph draws its random numbers from the ``random`` module (ARPACK
    start vectors, for instance): seed it for reproducibility and restore the
    caller's state afterwards. Its "graph may not be connected" warnings are
    moot here, since patnet calls it per connected component.
    """
    state = random.getstate()
    try:
        random.seed(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            yield
    finally:
        random.setstate(state)


def _adjacency_weights_for_igraph(E: _Edges, w=None) -> list:
    """igraph counts an undirected loop twice in adjacency measures: halve it."""
    w = E.w if w is None else w
    if not E.directed:
        w = np.where(E.loops, w / 2.0, w)
    return w.tolist()


def _components(n: int, src, dst) -> tuple[int, np.ndarray]:
    """Weakly connected components: (count, label per node)."""
    if n == 0:
        return 0, np.zeros(0, dtype=np.int64)
    A = sp.coo_array((np.ones(len(src)), (src, dst)), shape=(n, n)).tocsr()
    k, labels = csgraph.connected_components(A, directed=False)
    return int(k), labels.astype(np.int64)


# ---------------------------------------------------------------------------
# lengths
# ---------------------------------------------------------------------------

def _distance_name(weight, distance) -> str:
    if weight is None:
        return "1 (unweighted)"
    if distance == "inverse":
        return f"1/{weight}"
    if distance == "weight":
        return str(weight)
    return getattr(distance, "__name__", repr(distance))


def _lengths(E: _Edges, weight, distance, what: str) -> np.ndarray:
    """Edge lengths for shortest paths (see the module docstring)."""
    if weight is None:
        if not (callable(distance) or distance in DISTANCES):
            _bad_distance(distance)
        return np.ones(len(E.w))
    if distance == "inverse":
        return 1.0 / E.w
    if distance == "weight":
        return E.w.copy()
    if callable(distance):
        d = np.asarray(distance(E.w.copy()), dtype=float)
        if d.shape != E.w.shape:
            raise PatnetInputError(
                f"the distance function of {what}() returned {d.shape[0] if d.ndim else 1} "
                f"value(s) for {len(E.w)} edges",
                hint="It receives the numpy array of edge weights and must return one "
                     "length per edge")
        bad = ~np.isfinite(d) | (d <= 0)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise PatnetInputError(
                f"the distance function of {what}() gave a length that is not positive and "
                f"finite to edge {(E.nodes[E.src[k]], E.nodes[E.dst[k]])!r}", value=d[k],
                hint="Shortest paths need positive lengths")
        return d
    _bad_distance(distance)


def _bad_distance(distance) -> NoReturn:
    raise PatnetInputError(
        f"unknown distance {distance!r}{did_you_mean(distance, DISTANCES)}",
        hint="Use 'inverse' (length = 1/weight), 'weight' (length = weight) or a function "
             "of the weight array")


def _path_bound(E: _Edges, d: np.ndarray) -> float:
    """An upper bound on every shortest-path length."""
    if len(d) == 0:
        return 0.0
    k, labels = _components(E.n, E.src, E.dst)
    if E.directed:
        largest = int(np.bincount(labels).max())
        return float(d.max()) * max(largest - 1, 1)
    # diameter <= 2 * eccentricity of any node of the component
    reps = np.unique(labels, return_index=True)[1]
    keep = ~E.loops
    A = sp.coo_array((d[keep], (E.src[keep], E.dst[keep])), shape=(E.n, E.n)).tocsr()
    dist = csgraph.dijkstra(A, directed=False, indices=reps, min_only=True)
    return 2.0 * float(dist[np.isfinite(dist)].max()) + float(d.max())


def _tie_safe(E: _Edges, d: np.ndarray):
    """Lengths on which networkx (exact ``==``) and igraph (1e-10 relative) see the same ties.

    Returns ``(lengths, how)``; the lengths are proportional to ``d`` (up to
    the rounding described in :func:`betweenness`), which is all betweenness
    needs.
    """
    if len(d) == 0 or np.all(d == d[0]):
        return np.ones(len(d)), "exact"
    ref = float(d.min())
    bound = _path_bound(E, d) / ref
    ratio = d / ref
    uniq, inverse = np.unique(ratio, return_inverse=True)
    if len(uniq) <= 100_000:
        fracs = []
        for x in uniq.tolist():
            f = Fraction(x).limit_denominator(_MAX_DENOMINATOR)
            if abs(float(f) - x) > 1e-12 * x:
                break
            fracs.append(f)
        else:
            L = math.lcm(*(f.denominator for f in fracs))
            if bound * L < _EXACT_LIMIT:
                ints = np.asarray([float(f * L) for f in fracs])
                return ints[inverse.reshape(-1)], "exact"
    # lengths on a grid of q = 2^j: sums are exact, and distinct sums differ by
    # >= q > 1e-10 * (any two path lengths), so both backends see the same ties
    q = 2.0 ** math.ceil(math.log2(bound / 2 ** 30))
    snapped = np.maximum(np.round(ratio / q), 1.0)
    return snapped, f"lengths rounded to multiples of 2**{int(math.log2(q))} x the shortest edge"


# ---------------------------------------------------------------------------
# degree and strength
# ---------------------------------------------------------------------------

@register_measure(level="node")
def degree(G, *, normalized: bool = True, backend="auto") -> pd.Series:
    r"""Degree centrality: the number of partners, as a share of the possible ones.

    .. math::

        C_D(i) = \frac{k_i}{n - 1}

    where :math:`k_i` is the number of edges at :math:`i` (a self-loop counts
    2; in a directed graph in- plus out-edges) and :math:`n` the number of
    nodes [1]_. ``normalized=False`` gives :math:`k_i`.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    normalized : bool
        Divide by :math:`n - 1` (NaN on a one-node graph: there is no
        possible partner; networkx returns 1 there).
    backend : {"auto", "networkx", "igraph"}

    Returns
    -------
    pandas.Series
        Float, one value per node.

    References
    ----------
    .. [1] Freeman, L. C. (1978). Centrality in social networks: conceptual
       clarification. *Social Networks* 1(3), 215-239.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.centrality import degree
    >>> degree(nx.star_graph(3)).tolist()
    [1.0, 0.3333333333333333, 0.3333333333333333, 0.3333333333333333]
    >>> degree(nx.star_graph(3), normalized=False).tolist()
    [3.0, 1.0, 1.0, 1.0]
    """
    E = _edges(G, None, "degree")
    which = _which_backend(E.n, backend, len(E.src))
    if which == "networkx":
        H = _nx_graph(E) if _graphs.is_igraph(G) else G
        k = np.fromiter((d for _, d in H.degree()), dtype=float, count=E.n)
    else:
        g = _ig_graph(E.n, E.src, E.dst, E.directed)
        k = np.asarray(g.degree(mode="all", loops=True), dtype=float)
    if normalized:
        k = k / (E.n - 1) if E.n > 1 else np.full(E.n, np.nan)
    return _series(E, k, "degree", normalized=normalized,
                   normalization="n-1" if normalized else None, backend=which)


@register_measure(level="node", requires=("weight",))
def strength(G, *, weight="weight", normalized: bool = False, backend="auto") -> pd.Series:
    r"""Strength: the sum of the weights of a node's edges.

    .. math::

        s_i = \sum_j w_{ij}, \qquad \text{normalised: } \frac{s_i}{n - 1}

    (a self-loop counts twice, as in the degree; in a directed graph in- plus
    out-weights) [1]_. With ``weight=None`` strength is the degree. The
    normalised form is the mean weight per possible partner, the weighted
    counterpart of :func:`degree` centrality (NaN on a one-node graph).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    weight : str or None
        Edge attribute (missing on an edge: 1). Any finite number.
    normalized : bool
        Divide by :math:`n - 1`.
    backend : {"auto", "networkx", "igraph"}

    Returns
    -------
    pandas.Series

    References
    ----------
    .. [1] Barrat, A., Barthelemy, M., Pastor-Satorras, R., & Vespignani, A.
       (2004). The architecture of complex weighted networks. *PNAS* 101(11),
       3747-3752.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.centrality import strength
    >>> G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 0.5})])
    >>> strength(G).to_dict()
    {'a': 2.0, 'b': 2.5, 'c': 0.5}
    """
    E = _edges(G, weight, "strength", positive=False)
    which = _which_backend(E.n, backend, len(E.src))
    if which == "networkx":
        if _graphs.is_igraph(G):  # the checked weights, 1 where missing, as networkx reads them
            H, key = _nx_graph(E), "w"
        else:
            H, key = G, weight
        s = np.fromiter((d for _, d in H.degree(weight=key)), dtype=float, count=E.n)
    else:
        g = _ig_graph(E.n, E.src, E.dst, E.directed)
        s = np.asarray(g.strength(mode="all", loops=True, weights=E.w.tolist()), dtype=float)
    if normalized:
        s = s / (E.n - 1) if E.n > 1 else np.full(E.n, np.nan)
    return _series(E, s, "strength", weight=weight, normalized=normalized,
                   normalization="n-1" if normalized else None, backend=which)


# ---------------------------------------------------------------------------
# shortest paths: betweenness and closeness
# ---------------------------------------------------------------------------

def _sample_sources(E: _Edges, k, seed):
    """``k`` source indices drawn reproducibly, or None (all nodes) if ``k >= n``."""
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise PatnetInputError("k (the number of sampled sources) must be a positive whole "
                               "number", value=k)
    if k >= E.n:
        return None
    order = sorted(range(E.n), key=lambda i: repr(E.nodes[i]))
    rng = np.random.default_rng(seed)
    picked = rng.choice(E.n, size=int(k), replace=False)
    return np.sort(np.asarray(order, dtype=np.int64)[picked])


@register_measure(level="node", requires=("weight",))
def betweenness(G, *, weight="weight", distance="inverse", normalized: bool = True,
                k: int | None = None, seed=None, backend="auto") -> pd.Series:
    r"""Betweenness centrality: the share of shortest paths that pass through a node.

    .. math::

        C_B(v) = \sum_{s \ne v \ne t} \frac{\sigma_{st}(v)}{\sigma_{st}}

    where :math:`\sigma_{st}` is the number of shortest paths between
    :math:`s` and :math:`t` and :math:`\sigma_{st}(v)` those through
    :math:`v` [1]_ (Brandes' algorithm [2]_). In an undirected graph each
    unordered pair counts once. ``normalized=True`` multiplies by
    :math:`2 / ((n-1)(n-2))` (undirected) or :math:`1 / ((n-1)(n-2))`
    (directed), networkx's convention, so that the centre of a star scores 1;
    graphs with two nodes or fewer score 0.

    Edge lengths are ``distance = 1/weight`` by default (a strong tie is a
    short one), see :mod:`patnet.measures.centrality`.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    weight : str or None
        Edge attribute holding the tie strength; None: every edge has length 1.
    distance : {"inverse", "weight"} or callable
        Weight-to-length conversion.
    normalized : bool
    k : int, optional
        Estimate from ``k`` source nodes drawn at random instead of all
        [3]_: :math:`\hat C_B(v) = \frac{n}{k}\sum_{s \in S}\sum_t
        \sigma_{st}(v)/\sigma_{st}` (halved in undirected graphs), then
        normalised as above; ``k`` at least the number of nodes gives the
        exact value (handy on time slices of varying size). Sources are drawn with
        ``numpy.random.default_rng(seed)`` from the nodes sorted by their
        ``repr``, so the same graph gives the same sample whatever its
        insertion order, and both backends use the same sources.
    seed : int, optional
        For ``k``.
    backend : {"auto", "networkx", "igraph"}

    Returns
    -------
    pandas.Series

    Notes
    -----
    Which paths are *equally* short decides betweenness, and floating-point
    sums make that fragile (``1/3 + 1/6`` need not equal ``1/2``; networkx
    compares lengths exactly, igraph within 1e-10 relative: on the weighted
    karate club, networkx run on lengths ``1/w`` misses ties that exact
    arithmetic finds and differs at 8 nodes). patnet therefore
    computes on lengths where ties are exact and both backends agree. When
    every length, divided by the shortest, is a fraction with a denominator
    up to :math:`10^6` (within 1e-12: integer weights, fractional counts,
    either divided by a common constant), the lengths are scaled to integers
    and ties are those of exact arithmetic. Otherwise lengths are rounded to
    a common grid :math:`q = 2^j`, about :math:`2^{-30}` times an upper bound
    of the longest shortest path: each edge moves by at most :math:`q/2`, so
    only paths whose lengths differ by a few grid steps (relative
    :math:`\sim 10^{-9}`) can be tied or untied by the rounding, and both
    backends see the same ties. ``Series.attrs["ties"]`` says which was used;
    unweighted paths are always exact; closeness does not depend on ties and
    uses the lengths unrounded.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on
       betweenness. *Sociometry* 40(1), 35-41.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       *Journal of Mathematical Sociology* 25(2), 163-177.
    .. [3] Brandes, U., & Pich, C. (2007). Centrality estimation in large
       networks. *International Journal of Bifurcation and Chaos* 17(7),
       2303-2318.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.centrality import betweenness
    >>> betweenness(nx.path_graph(3)).tolist()
    [0.0, 1.0, 0.0]
    >>> G = nx.Graph([("a", "b", {"weight": 1}), ("b", "c", {"weight": 1}),
    ...               ("a", "c", {"weight": 0.25})])
    >>> betweenness(G).to_dict()   # a-c is weak (length 4): paths go through b
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    >>> betweenness(G, weight=None).to_dict()
    {'a': 0.0, 'b': 0.0, 'c': 0.0}
    """
    E = _edges(G, weight, "betweenness")
    which = _which_backend(E.n, backend, len(E.src))
    d = _lengths(E, weight, distance, "betweenness")
    lengths, ties = _tie_safe(E, d) if weight is not None else (d, "exact")
    sources = _sample_sources(E, k, seed) if k is not None else None
    n = E.n
    if n == 0:
        b = np.zeros(0)
    elif which == "networkx":
        H = _nx_graph(E, lengths)
        wk = "w" if weight is not None else None
        if sources is None:
            bd = nx.betweenness_centrality(H, normalized=False, weight=wk)
        else:
            bd = nx.betweenness_centrality_subset(H, sources.tolist(), list(range(n)),
                                                  normalized=False, weight=wk)
        b = np.fromiter((bd[i] for i in range(n)), dtype=float, count=n)
    else:
        g = _ig_graph(n, E.src, E.dst, E.directed)
        kw = {"sources": sources.tolist()} if sources is not None else {}
        b = np.asarray(g.betweenness(directed=E.directed,
                                     weights=lengths.tolist() if weight is not None else None,
                                     **kw), dtype=float)
    if sources is not None:
        b = b * (n / len(sources))
    if normalized and n > 2:
        b = b * ((1.0 if E.directed else 2.0) / ((n - 1) * (n - 2)))
    norm = None if not normalized else ("1/((n-1)(n-2))" if E.directed else "2/((n-1)(n-2))")
    return _series(E, b, "betweenness", weight=weight,
                   distance=_distance_name(weight, distance), normalized=normalized,
                   normalization=norm, k=k, seed=seed if k is not None else None,
                   sources=n if sources is None else len(sources), ties=ties, backend=which)


@register_measure(level="node", requires=("weight",))
def closeness(G, *, weight="weight", distance="inverse", normalized: bool = True,
              backend="auto") -> pd.Series:
    r"""Closeness centrality, with the Wasserman-Faust correction for disconnected graphs.

    .. math::

        C_C(u) = \frac{r(u)}{n - 1} \cdot \frac{r(u)}{\sum_{v} d(v, u)}

    where the sum runs over the :math:`r(u)` nodes that can reach :math:`u`
    (its component, less :math:`u`, in an undirected graph) and :math:`n` is
    the number of nodes [1]_ [2]_. On a connected graph it is the usual
    :math:`(n-1)/\sum_v d(v,u)`; a node that nobody reaches scores 0. This is
    networkx's ``closeness_centrality`` (``wf_improved=True``); igraph's own
    closeness omits the factor :math:`r(u)/(n-1)`, which patnet adds, so both
    backends give the definition above. ``normalized=False`` gives the raw
    :math:`1/\sum_v d(v,u)` (0 if nobody reaches :math:`u`).

    Edge lengths are ``distance = 1/weight`` by default, see
    :mod:`patnet.measures.centrality`. In a directed graph :math:`d(v, u)`
    follows edge directions into :math:`u`.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    weight : str or None
    distance : {"inverse", "weight"} or callable
    normalized : bool
    backend : {"auto", "networkx", "igraph"}

    Returns
    -------
    pandas.Series

    References
    ----------
    .. [1] Freeman, L. C. (1978). Centrality in social networks: conceptual
       clarification. *Social Networks* 1(3), 215-239.
    .. [2] Wasserman, S., & Faust, K. (1994). *Social Network Analysis:
       Methods and Applications*. Cambridge University Press, p. 201.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.centrality import closeness
    >>> closeness(nx.path_graph(3)).tolist()
    [0.6666666666666666, 1.0, 0.6666666666666666]
    >>> G = nx.Graph([("a", "b", {"weight": 2.0})]); G.add_node("z")
    >>> closeness(G).to_dict()   # (1/2) * 1/(1/2); z reaches nobody
    {'a': 1.0, 'b': 1.0, 'z': 0.0}
    """
    E = _edges(G, weight, "closeness")
    which = _which_backend(E.n, backend, len(E.src))
    d = _lengths(E, weight, distance, "closeness")
    n = E.n
    if n == 0:
        c = np.zeros(0)
    elif which == "networkx":
        H = _nx_graph(E, d)
        wk = "w" if weight is not None else None
        wf = nx.closeness_centrality(H, distance=wk, wf_improved=True)
        c = np.fromiter((wf[i] for i in range(n)), dtype=float, count=n)
        if not normalized:
            plain = nx.closeness_centrality(H, distance=wk, wf_improved=False)
            p = np.fromiter((plain[i] for i in range(n)), dtype=float, count=n)
            # wf = plain * r/(n-1) and plain = r/sum(d): recover r, then 1/sum(d) = plain/r
            with np.errstate(invalid="ignore", divide="ignore"):
                r = np.where(p > 0, np.round(c / p * (n - 1)), 0.0)
                c = np.where(r > 0, p / r, 0.0)
    else:
        g = _ig_graph(n, E.src, E.dst, E.directed)
        wts = d.tolist() if weight is not None else None
        mode = "in" if E.directed else "all"
        with _quiet_igraph():
            raw = np.asarray(g.closeness(mode=mode, weights=wts, normalized=False), dtype=float)
            if E.directed:
                per = np.asarray(g.closeness(mode=mode, weights=wts, normalized=True),
                                 dtype=float)
        reached = np.isfinite(raw) & (raw > 0)
        if E.directed:
            r = np.zeros(n)
            r[reached] = np.round(per[reached] / raw[reached])
        else:
            _, labels = _components(n, E.src, E.dst)
            r = (np.bincount(labels)[labels] - 1).astype(float)
        raw = np.where(reached, raw, 0.0)
        c = raw * r * r / (n - 1) if (normalized and n > 1) else raw
    return _series(E, c, "closeness", weight=weight, distance=_distance_name(weight, distance),
                   normalized=normalized,
                   normalization="Wasserman-Faust: r/(n-1) * r/sum(d)" if normalized else None,
                   backend=which)


# ---------------------------------------------------------------------------
# spectral: eigenvector, hubs and authorities
# ---------------------------------------------------------------------------

def _perron_small(ws, w_loop):
    """Leading eigenpair of a 1- or 2-node component in closed form."""
    if len(w_loop) == 1:
        return float(w_loop[0]), np.ones(1)
    a, c = w_loop
    b = ws
    lam = (a + c) / 2.0 + math.hypot((a - c) / 2.0, b)
    v = np.array([b, lam - a])
    return lam, v / np.linalg.norm(v)


def _perron(n, src, dst, w, which):
    """Principal eigenvector of a symmetric non-negative adjacency matrix.

    ``A[i, j] = A[j, i] = w`` for an edge, ``A[i, i] = w`` for a loop. Each
    connected component has its own Perron vector and eigenvalue; the result
    is the Perron vector (unit norm, non-negative) of the component with the
    largest eigenvalue, zero elsewhere. Components whose eigenvalues tie
    (within ``_EIG_TIE``) share it: the sum of their unit Perron vectors,
    scaled to unit norm. Returns ``(x, eigenvalue, tied components)``;
    ``x`` is all NaN when the largest eigenvalue is 0 (no edges).
    """
    if n == 0:
        return np.zeros(0), math.nan, 0
    loops = src == dst
    k, labels = _components(n, src, dst)
    rowsum = (np.bincount(src, w, minlength=n)
              + np.bincount(dst[~loops], w[~loops], minlength=n))
    bound = np.zeros(k)
    np.maximum.at(bound, labels, rowsum)
    node_order = np.argsort(labels, kind="stable")
    node_starts = np.searchsorted(labels[node_order], np.arange(k + 1))
    elab = labels[src]
    edge_order = np.argsort(elab, kind="stable")
    edge_starts = np.searchsorted(elab[edge_order], np.arange(k + 1))
    local = np.empty(n, dtype=np.int64)
    found = []  # (eigenvalue, members, vector)
    best = 0.0
    for c in np.argsort(-bound, kind="stable").tolist():
        if bound[c] <= 0 or bound[c] < best * (1 - _EIG_TIE):
            break
        members = node_order[node_starts[c]:node_starts[c + 1]]
        es = edge_order[edge_starts[c]:edge_starts[c + 1]]
        local[members] = np.arange(len(members))
        ls, ld, lw = local[src[es]], local[dst[es]], w[es]
        if len(members) <= 2:
            w_loop = np.zeros(len(members))
            lp = ls == ld
            np.add.at(w_loop, ls[lp], lw[lp])
            lam, vec = _perron_small(float(lw[~lp].sum()), w_loop)
        else:
            lam, vec = _perron_component(len(members), ls, ld, lw, which)
        found.append((lam, members, vec))
        best = max(best, lam)
    if best <= 0:
        return np.full(n, np.nan), 0.0 if k else math.nan, 0
    x = np.zeros(n)
    tied = [(m, v) for lam, m, v in found if lam >= best * (1 - _EIG_TIE)]
    for members, vec in tied:
        x[members] = vec
    x /= math.sqrt(len(tied))
    return x, best, len(tied)


def _perron_component(m, ls, ld, lw, which):
    """Leading eigenpair of one connected component (m >= 3 nodes)."""
    if which == "networkx":
        H = nx.Graph()
        H.add_nodes_from(range(m))
        H.add_edges_from((u, v, {"w": x}) for u, v, x in zip(ls.tolist(), ld.tolist(),
                                                              lw.tolist()))
        xd = nx.eigenvector_centrality_numpy(H, weight="w", max_iter=10_000)
        vec = np.fromiter((xd[i] for i in range(m)), dtype=float, count=m)
    else:
        g = _ig_graph(m, ls, ld, False)
        with _quiet_igraph():
            vec = np.asarray(g.eigenvector_centrality(
                weights=np.where(ls == ld, lw / 2.0, lw).tolist()), dtype=float)
    vec = vec * (1.0 if vec.sum() >= 0 else -1.0)
    vec = np.clip(vec, 0.0, None)
    vec /= np.linalg.norm(vec)
    # eigenvalue: Rayleigh quotient x'Ax (x of unit norm)
    off = ls != ld
    lam = 2.0 * float(np.sum(lw[off] * vec[ls[off]] * vec[ld[off]])) \
        + float(np.sum(lw[~off] * vec[ls[~off]] ** 2))
    return lam, vec


_NORMS = ("l2", "max", "sum")


def _rescale(x, norm, what):
    if norm not in _NORMS:
        raise PatnetInputError(f"unknown norm {norm!r}{did_you_mean(norm, _NORMS)} for {what}()",
                               hint="Use 'l2' (unit Euclidean norm), 'max' (largest = 1) or "
                                    "'sum' (values sum to 1)")
    if len(x) == 0 or np.isnan(x).all():
        return x
    if norm == "l2":
        return x / np.linalg.norm(x)
    if norm == "max":
        return x / x.max()
    return x / x.sum()


@register_measure(level="node", requires=("weight",))
def eigenvector(G, *, weight="weight", norm="l2", backend="auto") -> pd.Series:
    r"""Eigenvector centrality: a node is central when its partners are.

    The principal eigenvector of the (weighted) adjacency matrix,

    .. math::

        \lambda x_i = \sum_j A_{ij} x_j, \qquad x \geq 0,

    with :math:`\lambda` the largest eigenvalue [1]_, scaled to unit
    Euclidean norm (``norm="l2"``, networkx's ``eigenvector_centrality_numpy``;
    ``"max"`` makes the largest 1, as igraph; ``"sum"`` makes them sum to 1).

    *Disconnected graphs.* Each connected component has its own principal
    eigenvector; the leading eigenvector of the whole graph lives on the
    component with the largest eigenvalue and is zero everywhere else, which
    is what patnet returns. If several components tie for the largest
    eigenvalue (within relative 1e-9), where the eigenvector is not unique,
    patnet gives each of them its own unit-norm Perron vector, sums them and
    rescales: a definition that does not depend on node order. A graph with
    no edges has no principal direction: all values are NaN. Scores are
    never negative (the sign is fixed so). The eigenvalue and the number of
    tied components are in ``Series.attrs``.

    Parameters
    ----------
    G : networkx.Graph
        Undirected (for directed graphs use :func:`pagerank`, :func:`hub` or
        :func:`authority`).
    weight : str or None
    norm : {"l2", "max", "sum"}
    backend : {"auto", "networkx", "igraph"}
        Per component: networkx ``eigenvector_centrality_numpy`` (ARPACK,
        tol=0) or igraph ``eigenvector_centrality``; components of one or two
        nodes are solved in closed form.

    Returns
    -------
    pandas.Series

    References
    ----------
    .. [1] Bonacich, P. (1972). Factoring and weighting approaches to status
       scores and clique identification. *Journal of Mathematical Sociology*
       2(1), 113-120.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.centrality import eigenvector
    >>> G = nx.path_graph(3)
    >>> eigenvector(G).round(4).tolist()
    [0.5, 0.7071, 0.5]
    >>> G.add_edge(7, 8)                  # a smaller component scores 0
    >>> eigenvector(G, norm="max").round(4).tolist()
    [0.7071, 1.0, 0.7071, 0.0, 0.0]
    """
    E = _edges(G, weight, "eigenvector")
    if E.directed:
        raise PatnetInputError("eigenvector() is defined here for undirected graphs",
                               hint="Use pagerank(), hub() or authority() on a directed graph, "
                                    "or G.to_undirected()")
    which = _which_backend(E.n, backend, len(E.src))
    x, lam, tied = _perron(E.n, E.src, E.dst, E.w, which)
    return _series(E, _rescale(x, norm, "eigenvector"), "eigenvector", weight=weight, norm=norm,
                   eigenvalue=lam, tied_components=tied, backend=which)


@register_measure(level="node", requires=("weight",))
def pagerank(G, *, weight="weight", alpha: float = 0.85, backend="auto") -> pd.Series:
    r"""PageRank: the stationary distribution of a random walk with teleportation.

    .. math::

        p_i = \frac{1-\alpha}{n} + \alpha \sum_j p_j \frac{A_{ji}}{s_j}
              + \alpha \sum_{j:\, s_j = 0} \frac{p_j}{n}

    where :math:`s_j = \sum_k A_{jk}` is the (out-)strength of :math:`j`;
    dangling nodes (no out-edges: isolates in an undirected graph) send
    their walk to a uniformly chosen node, and :math:`\alpha = 0.85` [1]_.
    The scores sum to 1. An undirected edge is walked both ways; a self-loop
    puts its weight once on the diagonal.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    weight : str or None
    alpha : float
        Damping factor, in [0, 1).
    backend : {"auto", "networkx", "igraph"}
        networkx ``pagerank`` (power iteration run to ``tol=1e-12``) or
        igraph PRPACK (a direct solver).

    Returns
    -------
    pandas.Series

    References
    ----------
    .. [1] Brin, S., & Page, L. (1998). The anatomy of a large-scale
       hypertextual Web search engine. *Computer Networks and ISDN Systems*
       30, 107-117.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.centrality import pagerank
    >>> p = pagerank(nx.star_graph(2))
    >>> p.round(4).tolist(), round(float(p.sum()), 12)
    ([0.4865, 0.2568, 0.2568], 1.0)
    """
    if not (isinstance(alpha, (int, float)) and 0 <= alpha < 1):
        raise PatnetInputError("alpha (the damping factor) must be in [0, 1)", value=alpha)
    if _graphs.is_igraph(G) and backend in ("auto", "igraph") and G.ecount() \
            and (backend == "igraph" or _which_backend(G.vcount(), backend, G.ecount()) == "igraph"):
        return _pagerank_igraph(G, weight, alpha)
    E = _edges(G, weight, "pagerank")
    if not (isinstance(alpha, (int, float)) and 0 <= alpha < 1):
        raise PatnetInputError("alpha (the damping factor) must be in [0, 1)", value=alpha)
    which = _which_backend(E.n, backend, len(E.src))
    n = E.n
    if n == 0:
        p = np.zeros(0)
    elif which == "networkx":
        H = _nx_graph(E)
        pd_ = nx.pagerank(H, alpha=alpha, weight="w", tol=_PAGERANK_TOL, max_iter=100_000)
        p = np.fromiter((pd_[i] for i in range(n)), dtype=float, count=n)
    else:
        # an igraph input is used as it is (no copy); the arrays were read to check it
        g = G if _graphs.is_igraph(G) else _ig_graph(n, E.src, E.dst, E.directed)
        p = np.asarray(g.pagerank(directed=True, damping=alpha,
                                  weights=_adjacency_weights_for_igraph(E),
                                  implementation="prpack"), dtype=float)
    return _series(E, p, "pagerank", weight=weight, alpha=alpha, backend=which)


def _pagerank_igraph(g, weight, alpha) -> pd.Series:
    """PageRank of an igraph graph, on the graph itself: its weights are read once, checked,
    and passed as they are (loops halved only when there are loops)."""
    _check_graph(g, "pagerank")
    w = _igraph_weights(g, weight, "pagerank", positive=True)
    weights = None
    if not g.is_directed() and not g.is_simple():  # loops (parallel edges were refused)
        loops = np.asarray(g.is_loop(), dtype=bool)
        w = np.where(loops, w / 2.0, w)
    elif weight is not None and weight in g.es.attributes():
        weights = weight  # checked above; igraph reads its own attribute without a copy
    p = np.asarray(g.pagerank(directed=True, damping=alpha,
                              weights=w.tolist() if weights is None else weights,
                              implementation="prpack"), dtype=float)
    s = pd.Series(p, index=_graphs.node_index(_graphs.node_ids(g)), name="pagerank")
    s.attrs.update({"measure": "pagerank", "weight": weight, "alpha": alpha,
                    "backend": "igraph"})
    return s


def _hits(G, weight, backend, what):
    E = _edges(G, weight, what)
    which = _which_backend(E.n, backend, len(E.src))
    n = E.n
    if not E.directed:
        x, lam, tied = _perron(n, E.src, E.dst, E.w, which)
        return E, x, x, lam, tied, which
    # HITS = eigenvector centrality of the bipartite double cover [[0, A], [A', 0]]:
    # hub copy i -- authority copy n + j for every arc i -> j
    x, lam, tied = _perron(2 * n, E.src, E.dst + n, E.w, which)
    return E, x[:n], x[n:], lam, tied, which


_HITS_DOC = r"""Kleinberg's {kind} score (HITS).

    Hubs point to good authorities and authorities are pointed to by good
    hubs: with :math:`A_{{ij}}` the weight of the arc :math:`i \to j`,

    .. math::

        h = \frac{{1}}{{\sigma}} A a, \qquad a = \frac{{1}}{{\sigma}} A^\top h,

    i.e. :math:`h` and :math:`a` are the leading left and right singular
    vectors of :math:`A` [1]_, scaled to sum 1 (``norm="sum"``, networkx's
    ``hits``). patnet computes them as the eigenvector centrality of the
    bipartite "double cover" (hub copies linked to authority copies), so the
    treatment of disconnected graphs and ties is that of :func:`eigenvector`
    and both backends agree.

    *Where it makes sense.* HITS is meant for directed graphs. On an
    undirected graph (co-invention networks are) :math:`A` is symmetric, hub
    and authority scores are equal to each other and to eigenvector
    centrality (rescaled to sum 1); patnet returns exactly that, so that the
    measure is defined on every graph.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    weight : str or None
    norm : {{"sum", "l2", "max"}}
    backend : {{"auto", "networkx", "igraph"}}

    Returns
    -------
    pandas.Series

    References
    ----------
    .. [1] Kleinberg, J. M. (1999). Authoritative sources in a hyperlinked
       environment. *Journal of the ACM* 46(5), 604-632.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.centrality import hub, authority
    >>> D = nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d")])
    >>> {kind}(D).round(4).to_dict()
    {example}
"""


def hub(G, *, weight="weight", norm="sum", backend="auto") -> pd.Series:
    E, h, _, lam, tied, which = _hits(G, weight, backend, "hub")
    return _series(E, _rescale(h, norm, "hub"), "hub", weight=weight, norm=norm,
                   singular_value=lam, tied_components=tied, backend=which)


def authority(G, *, weight="weight", norm="sum", backend="auto") -> pd.Series:
    E, _, a, lam, tied, which = _hits(G, weight, backend, "authority")
    return _series(E, _rescale(a, norm, "authority"), "authority", weight=weight, norm=norm,
                   singular_value=lam, tied_components=tied, backend=which)


hub.__doc__ = _HITS_DOC.format(
    kind="hub", example="{'a': 0.382, 'c': 0.0, 'b': 0.618, 'd': 0.0}")
authority.__doc__ = _HITS_DOC.format(
    kind="authority", example="{'a': 0.0, 'c': 0.618, 'b': 0.0, 'd': 0.382}")
register_measure(hub, level="node", requires=("weight",))
register_measure(authority, level="node", requires=("weight",))
