r"""Structural holes (Burt): constraint, effective size and efficiency.

A node spans structural holes when its partners are not partners of each
other: it brokers between otherwise separate groups. Burt's measures are
built from the *proportional tie strength*

.. math::

    p_{ij} = \frac{a_{ij} + a_{ji}}{\sum_{k \neq i} (a_{ik} + a_{ki})}

(the share of :math:`i`'s ties invested in :math:`j`; :math:`a_{ij}` is the
weight of the edge, 1 when unweighted, and both directions count in a
directed graph) and the *marginal strength*
:math:`m_{ij} = (a_{ij} + a_{ji}) / \max_k (a_{ik} + a_{ki})`. These are the
definitions of networkx's ``constraint`` and ``effective_size``.

Conventions: self-loops are ignored (a tie to oneself is not a contact);
nodes without contacts get NaN (the measures are undefined there); weights
must be positive (``weight=None``: every edge counts 1, a reciprocated arc
of a directed graph 2). The networkx backend runs networkx on the loop-free
undirected graph of mutual weights :math:`a_{ij} + a_{ji}`, on which the
measures depend (networkx's directed code gives NaN to nodes with in-edges
only); the igraph backend lists the triangles
with igraph and does the arithmetic in numpy (every non-zero term of the
formulas sits on a triangle), in memory proportional to the number of
triangles. Both agree to 1e-9. (networkx's own all-nodes shortcut for the
weighted or directed effective size divides by the marginal maximum along the
wrong axis in networkx 3.6, networkx PR #8906; patnet uses networkx's
per-node code, which follows the formula.)

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of
   Competition*. Harvard University Press.
.. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy
   measures. *Connections* 20(1), 35-38.

Functions: :func:`constraint`, :func:`effective_size`, :func:`burt_efficiency`.

Examples
--------
>>> import networkx as nx
>>> from patnet.measures import structural
>>> G = nx.Graph([("broker", "a"), ("broker", "b"), ("a", "a2"), ("b", "b2")])
>>> float(structural.constraint(G, weight=None)["broker"])
0.5
>>> float(structural.effective_size(G, weight=None)["broker"])
2.0
"""

from __future__ import annotations

import numpy as np
import networkx as nx
import pandas as pd

from .centrality import _edges, _Edges, _ig_graph, _series, _which_backend
from .registry import register_measure

__all__ = ["constraint", "effective_size", "burt_efficiency"]

#: Triangles processed at a time by the igraph backend (bounds memory).
_TRIANGLE_CHUNK = 1_000_000


def _mutual(E: _Edges):
    """Loop-free undirected mutual-weight graph: pairs (a < b), weights, neighbour counts."""
    keep = ~E.loops
    a = np.minimum(E.src[keep], E.dst[keep])
    b = np.maximum(E.src[keep], E.dst[keep])
    key = a * max(E.n, 1) + b
    uniq, inv = np.unique(key, return_inverse=True)
    mw = np.bincount(inv.reshape(-1), E.w[keep], minlength=len(uniq))
    a = uniq // max(E.n, 1)
    b = uniq % max(E.n, 1)
    return a, b, mw


def _holes_igraph(E: _Edges):
    """Constraint and effective size of every node from the triangles."""
    n = E.n
    a, b, mw = _mutual(E)
    # both directions: entry (i -> j) with mutual weight
    i_all = np.concatenate([a, b])
    j_all = np.concatenate([b, a])
    m_all = np.concatenate([mw, mw])
    contacts = np.bincount(i_all, minlength=n).astype(float)
    total = np.bincount(i_all, m_all, minlength=n).astype(float)
    top = np.zeros(n)
    np.maximum.at(top, i_all, m_all)
    order = np.argsort(i_all * n + j_all, kind="stable")
    keys = (i_all * n + j_all)[order]
    p_sorted = (m_all / total[i_all])[order]          # p_ij
    mm_sorted = (m_all / top[i_all])[order]           # m_ij
    indirect = np.zeros(len(keys))                    # sum_q p_iq p_qj on entry (i, j)
    redundancy = np.zeros(n)                          # sum_j sum_q p_iq m_jq
    if len(a):
        g = _ig_graph(n, a, b, False)
        tri = np.asarray(g.list_triangles(), dtype=np.int64).reshape(-1, 3)
        perms = ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0))
        for start in range(0, len(tri), _TRIANGLE_CHUNK):
            t = tri[start:start + _TRIANGLE_CHUNK]
            i = np.concatenate([t[:, p[0]] for p in perms])
            j = np.concatenate([t[:, p[1]] for p in perms])
            q = np.concatenate([t[:, p[2]] for p in perms])
            ij = np.searchsorted(keys, i * n + j)
            iq = np.searchsorted(keys, i * n + q)
            qj = np.searchsorted(keys, q * n + j)
            jq = np.searchsorted(keys, j * n + q)
            indirect += np.bincount(ij, p_sorted[iq] * p_sorted[qj], minlength=len(keys))
            redundancy += np.bincount(i, p_sorted[iq] * mm_sorted[jq], minlength=n)
    owner = keys // max(n, 1)
    cons = np.bincount(owner, (p_sorted + indirect) ** 2, minlength=n).astype(float)
    esize = (contacts - redundancy).astype(float)
    none = contacts == 0
    cons[none] = np.nan
    esize[none] = np.nan
    return cons, esize, contacts


def _mutual_nx(E: _Edges):
    """The undirected, loop-free graph of mutual weights ``a_ij + a_ji`` on 0..n-1.

    Burt's measures depend on the mutual weights only, so a directed graph
    gives the same values as this graph; networkx's own directed code tests
    for isolated nodes on successors only (a node with in-edges only gets NaN).
    """
    a, b, mw = _mutual(E)
    H = nx.Graph()
    H.add_nodes_from(range(E.n))
    H.add_edges_from((u, v, {"w": x}) for u, v, x in zip(a.tolist(), b.tolist(), mw.tolist()))
    return H


def _values(d, n):
    return np.fromiter((d[i] for i in range(n)), dtype=float, count=n)


@register_measure(level="node", requires=("weight",))
def constraint(G, *, weight="weight", backend="auto") -> pd.Series:
    r"""Burt's constraint: how much a node's contacts are tied to each other.

    .. math::

        c_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q \in N(i),\, q \ne j} p_{iq}\, p_{qj}\Big)^2

    with :math:`p` the proportional tie strength of
    :mod:`patnet.measures.structural` [1]_. High constraint (up to 1 for a
    single contact; more in dense cliques of few members) means few,
    redundant contacts; a broker between separate groups has low constraint.
    NaN for nodes without contacts; self-loops are ignored.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    weight : str or None
    backend : {"auto", "networkx", "igraph"}

    Returns
    -------
    pandas.Series

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of
       Competition*. Harvard University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.structural import constraint
    >>> constraint(nx.complete_graph(3), weight=None).round(4).tolist()
    [1.125, 1.125, 1.125]
    >>> constraint(nx.star_graph(2), weight=None).tolist()
    [0.5, 1.0, 1.0]
    """
    E = _edges(G, weight, "constraint")
    which = _which_backend(E.n, backend, len(E.src))
    if E.n == 0:
        c = np.zeros(0)
    elif which == "networkx":
        c = _values(nx.constraint(_mutual_nx(E), weight="w"), E.n)
    else:
        c = _holes_igraph(E)[0]
    return _series(E, c, "constraint", weight=weight, backend=which)


@register_measure(level="node", requires=("weight",))
def effective_size(G, *, weight="weight", backend="auto") -> pd.Series:
    r"""Burt's effective size: the number of contacts, less their redundancy.

    .. math::

        e_i = \sum_{j \in N(i)} \Big(1 - \sum_{q \in N(i),\, q \ne j} p_{iq}\, m_{jq}\Big)

    with :math:`p` and :math:`m` as in :mod:`patnet.measures.structural`
    [1]_. Unweighted and undirected, this is Borgatti's
    :math:`e_i = n_i - 2 t_i / n_i` with :math:`n_i` contacts and :math:`t_i`
    ties among them [2]_. NaN for nodes without contacts; self-loops are
    ignored.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    weight : str or None
    backend : {"auto", "networkx", "igraph"}

    Returns
    -------
    pandas.Series

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of
       Competition*. Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's
       redundancy measures. *Connections* 20(1), 35-38.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.structural import effective_size
    >>> effective_size(nx.complete_graph(4), weight=None).tolist()   # 3 - 2*3/3
    [1.0, 1.0, 1.0, 1.0]
    >>> effective_size(nx.star_graph(3), weight=None).tolist()
    [3.0, 1.0, 1.0, 1.0]
    """
    E = _edges(G, weight, "effective_size")
    which = _which_backend(E.n, backend, len(E.src))
    if E.n == 0:
        e = np.zeros(0)
    elif which == "networkx":
        # nodes= selects networkx's per-node code: its all-nodes sparse shortcut
        # normalises m_jq along the wrong axis in networkx <= 3.6 (weighted or
        # directed graphs; networkx PR #8906) and builds a dense n x n matrix
        H = _mutual_nx(E)
        unweighted = weight is None and not E.directed   # Borgatti's shortcut applies
        e = _values(nx.effective_size(H, nodes=list(H), weight=None if unweighted else "w"), E.n)
    else:
        e = _holes_igraph(E)[1]
    return _series(E, e, "effective_size", weight=weight, backend=which)


@register_measure(level="node", requires=("weight",))
def burt_efficiency(G, *, weight="weight", backend="auto") -> pd.Series:
    r"""Burt's efficiency: effective size per contact, :math:`e_i / n_i`.

    :math:`n_i` is the number of distinct contacts of :math:`i` (self-loops
    left out); 1 when no two contacts are tied, lower when they are
    redundant [1]_. NaN for nodes without contacts. (Named so to keep it
    apart from Latora and Marchiori's path-based efficiency.)

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    weight : str or None
    backend : {"auto", "networkx", "igraph"}

    Returns
    -------
    pandas.Series

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of
       Competition*. Harvard University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> from patnet.measures.structural import burt_efficiency
    >>> burt_efficiency(nx.complete_graph(4), weight=None).round(4).tolist()
    [0.3333, 0.3333, 0.3333, 0.3333]
    """
    e = effective_size(G, weight=weight, backend=backend)
    E = _edges(G, None, "burt_efficiency")
    a, b, _ = _mutual(E)
    contacts = np.bincount(np.concatenate([a, b]), minlength=E.n).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        eff = np.where(contacts > 0, e.to_numpy() / np.where(contacts > 0, contacts, 1), np.nan)
    return _series(E, eff, "burt_efficiency", weight=weight, backend=e.attrs["backend"])
