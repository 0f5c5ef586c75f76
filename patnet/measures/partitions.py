"""Partitions of a graph's nodes: normalising them and comparing two of them.

A *partition* maps every node to a cluster label. patnet accepts it in the
forms researchers already have: a mapping (``dict`` or :class:`pandas.Series`,
node -> label, such as the result of
:func:`patnet.measures.community.communities`), a list of node sets (what
networkx's community functions return), or a plain sequence of labels (one
per position, as igraph's ``membership``).

:func:`compare_partitions` gives three standard scores:

=======  =============================================================  ===========
score    definition                                                     identical
=======  =============================================================  ===========
``nmi``  normalised mutual information, *arithmetic* normalisation      1
         ``2 I(A;B) / (H(A) + H(B))`` (Danon et al. 2005; Vinh et al.
         2010 call it NMI_sum; igraph's ``"nmi"``, scikit-learn's
         default)
``ari``  adjusted Rand index (Hubert & Arabie 1985); 0 in expectation   1
         for random partitions, can be negative
``vi``   variation of information ``H(A) + H(B) - 2 I(A;B)`` in *nats*  0
         (natural logarithm, as igraph's ``"vi"``; divide by ``ln 2``
         for bits) (Meila 2007)
=======  =============================================================  ===========

References
----------
.. [1] L. Danon, A. Diaz-Guilera, J. Duch and A. Arenas, "Comparing community
   structure identification", J. Stat. Mech. P09008 (2005).
.. [2] L. Hubert and P. Arabie, "Comparing partitions", Journal of
   Classification 2, 193-218 (1985).
.. [3] M. Meila, "Comparing clusterings - an information based distance",
   Journal of Multivariate Analysis 98(5), 873-895 (2007).
.. [4] N. X. Vinh, J. Epps and J. Bailey, "Information theoretic measures for
   clusterings comparison", JMLR 11, 2837-2854 (2010).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..exceptions import PatnetInputError

__all__ = ["as_membership", "compare_partitions"]


def _is_node_sets(partition) -> bool:
    if isinstance(partition, (str, bytes, Mapping, pd.Series, np.ndarray)):
        return False
    try:
        items = list(partition)
    except TypeError:
        return False
    return bool(items) and all(isinstance(c, (set, frozenset)) for c in items)


def as_membership(partition, nodes=None, *, where: str = "the graph") -> pd.Series:
    """A partition as a Series node -> cluster label.

    Parameters
    ----------
    partition : mapping, Series, list of node sets, or sequence of labels
        A ``dict``/Series maps nodes to labels; a list of sets (networkx
        style) numbers its sets 0, 1, ... in the order given; a plain
        sequence of labels (igraph style) is indexed by position.
    nodes : iterable, optional
        The nodes the partition must cover (e.g. ``list(G)``). When given,
        the result is indexed by exactly these nodes, in this order; a node
        without a label raises, and labels of nodes outside ``nodes`` are
        an error too.
    where : str
        What ``nodes`` are, for error messages.

    Returns
    -------
    pandas.Series

    Raises
    ------
    PatnetInputError
        A node is in two sets, a node has no label (or a missing label such
        as NaN or None), or a label is given for a node not in ``nodes``.

    Examples
    --------
    >>> from patnet.measures.partitions import as_membership
    >>> as_membership([{"a", "b"}, {"c"}], nodes=["a", "b", "c"]).tolist()
    [0, 0, 1]
    >>> as_membership({"x": "red", "y": "blue"}).to_dict()
    {'x': 'red', 'y': 'blue'}
    """
    if isinstance(partition, pd.Series):
        s = partition.copy()
        s.attrs = {}
    elif isinstance(partition, Mapping):
        s = pd.Series(dict(partition), dtype=object)
    elif _is_node_sets(partition):
        keys, vals = [], []
        for i, c in enumerate(partition):
            keys.extend(c)
            vals.extend([i] * len(c))
        s = pd.Series(vals, index=pd.Index(keys, dtype=object), dtype="int64")
        if s.index.has_duplicates:
            dup = s.index[s.index.duplicated()][0]
            raise PatnetInputError("a node is in more than one community", value=dup,
                                   hint="Give each node exactly one community")
    elif isinstance(partition, (str, bytes)):
        raise PatnetInputError(f"a partition cannot be the string {partition!r}",
                               hint="Pass a dict node -> cluster, a list of node sets, or a "
                                    "sequence of labels")
    else:
        try:
            s = pd.Series(list(partition))
        except TypeError:
            raise PatnetInputError(
                f"cannot read a partition from a {type(partition).__name__}",
                hint="Pass a dict node -> cluster, a list of node sets, or a sequence of "
                     "labels") from None
    if s.index.has_duplicates:
        raise PatnetInputError("the partition names a node twice", value=s.index[s.index.duplicated()][0])
    if nodes is not None:
        nodes = list(nodes)
        idx = pd.Index(nodes, dtype=object) if nodes else pd.Index([], dtype=object)
        keys = pd.Index(s.index, dtype=object)
        extra = keys.difference(idx, sort=False) if len(keys) else keys
        if len(extra):
            raise PatnetInputError(f"{len(extra)} node(s) of the partition are not in {where}",
                                   value=extra[0], hint=f"Pass a partition of the nodes of {where}")
        pos = keys.get_indexer(idx)
        if (pos < 0).any():
            raise PatnetInputError(f"{int((pos < 0).sum())} node(s) of {where} have no cluster in the "
                                   "partition", value=nodes[int(np.flatnonzero(pos < 0)[0])],
                                   hint=f"Give every node of {where} a cluster")
        s = pd.Series(s.to_numpy()[pos] if len(pos) else s.to_numpy()[:0], index=idx)
    if len(s) and s.isna().any():
        raise PatnetInputError("a node has a missing cluster label", value=s.index[s.isna().to_numpy()][0],
                               hint="Give every node a cluster (NaN and None are not labels)")
    return s


def _codes(s: pd.Series) -> np.ndarray:
    codes, _ = pd.factorize(s.to_numpy(dtype=object), sort=False)
    return codes.astype(np.int64)


def _xlogx_sum(counts) -> float:
    c = np.asarray(counts, dtype=np.float64)
    c = c[c > 0]
    return math.fsum((c * np.log(c)).tolist())


def _entropy(counts, n) -> float:
    # H = log n - (1/n) sum c log c; fsum makes it independent of the order of the counts
    return max(0.0, math.log(n) - _xlogx_sum(counts) / n)


def _compare_codes(a: np.ndarray, b: np.ndarray) -> dict:
    """NMI, ARI and VI of two integer label arrays (0..k-1) of equal length."""
    n = int(a.size)
    if n == 0:
        return {"nmi": math.nan, "ari": math.nan, "vi": math.nan}
    ka = int(a.max()) + 1
    kb = int(b.max()) + 1
    ca = np.bincount(a, minlength=ka)
    cb = np.bincount(b, minlength=kb)
    _, cab = np.unique(a * np.int64(kb) + b, return_counts=True)
    ha = _entropy(ca, n)
    hb = _entropy(cb, n)
    hab = _entropy(cab, n)
    mi = ha + hb - hab
    if ha + hb == 0.0:
        nmi = 1.0  # both partitions put every node in one cluster: they are equal
    else:
        nmi = min(1.0, max(0.0, 2.0 * mi / (ha + hb)))
    vi = max(0.0, ha + hb - 2.0 * mi)
    # adjusted Rand index in exact integer arithmetic, one rounding at the end
    pairs = lambda x: int(np.sum(x.astype(np.int64) * (x.astype(np.int64) - 1) // 2))  # noqa: E731
    index, sa, sb = pairs(cab), pairs(ca), pairs(cb)
    total = n * (n - 1) // 2
    num = 2 * (index * total - sa * sb)
    den = (sa + sb) * total - 2 * sa * sb
    ari = 1.0 if den == 0 else num / den
    return {"nmi": float(nmi), "ari": float(ari), "vi": float(vi)}


def _positional(p) -> bool:
    return not isinstance(p, (Mapping, pd.Series)) and not _is_node_sets(p)


def compare_partitions(a, b) -> dict:
    """Normalised mutual information, adjusted Rand index and variation of information.

    .. math::

        \\mathrm{NMI} = \\frac{2\\, I(A;B)}{H(A) + H(B)}, \\qquad
        \\mathrm{VI} = H(A) + H(B) - 2\\, I(A;B),

    with entropies and mutual information of the cluster sizes and of the
    contingency table in natural logarithms, and

    .. math::

        \\mathrm{ARI} = \\frac{\\sum_{ij} \\binom{n_{ij}}{2} - E}
                             {\\tfrac12\\left[\\sum_i \\binom{a_i}{2} + \\sum_j \\binom{b_j}{2}\\right] - E},
        \\qquad E = \\frac{\\sum_i \\binom{a_i}{2} \\sum_j \\binom{b_j}{2}}{\\binom{n}{2}}.

    Parameters
    ----------
    a, b : mapping, Series, list of node sets, or sequence of labels
        Two partitions of the same nodes (see :func:`as_membership`). When
        both name their nodes they are aligned by node, and must cover the
        same nodes; two plain label sequences are aligned by position.
        Labels only need to be equal within one partition: renaming the
        clusters changes nothing.

    Returns
    -------
    dict
        ``{"nmi": float, "ari": float, "vi": float}``; NMI uses the
        arithmetic normalisation, VI is in nats. NaN for partitions of no
        nodes. Conventions for degenerate cases: NMI is 1 when both
        partitions have one cluster (igraph agrees); ARI is 1 when its
        denominator vanishes, which happens only when both partitions are
        all-singletons or both one cluster, i.e. equal (igraph returns NaN,
        scikit-learn 1).

    Raises
    ------
    PatnetInputError
        The partitions cover different nodes or have different lengths.

    References
    ----------
    .. [1] L. Danon, A. Diaz-Guilera, J. Duch and A. Arenas, "Comparing
       community structure identification", J. Stat. Mech. P09008 (2005).
    .. [2] L. Hubert and P. Arabie, "Comparing partitions", Journal of
       Classification 2, 193-218 (1985).
    .. [3] M. Meila, "Comparing clusterings - an information based distance",
       Journal of Multivariate Analysis 98(5), 873-895 (2007).

    Examples
    --------
    >>> from patnet.measures.partitions import compare_partitions
    >>> compare_partitions([0, 0, 1, 1], ["x", "x", "y", "y"])
    {'nmi': 1.0, 'ari': 1.0, 'vi': 0.0}
    >>> r = compare_partitions({"a": 0, "b": 0, "c": 1, "d": 1}, [{"a", "c"}, {"b", "d"}])
    >>> r["nmi"], r["ari"], round(r["vi"], 6)   # independent splits; VI = 2 ln 2
    (0.0, -0.5, 1.386294)
    """
    sa = as_membership(a)
    sb = as_membership(b)
    if _positional(a) and _positional(b):
        if len(sa) != len(sb):
            raise PatnetInputError(f"the partitions have {len(sa)} and {len(sb)} labels",
                                   hint="Compare two partitions of the same nodes")
        return _compare_codes(_codes(sa), _codes(sb))
    if _positional(a) or _positional(b):
        raise PatnetInputError(
            "one partition names its nodes and the other is a plain sequence of labels",
            hint="Pass both as mappings node -> cluster (or both as sequences in the same node order)")
    sb = as_membership(sb, nodes=list(sa.index), where="the first partition")
    return _compare_codes(_codes(sa), _codes(sb))
