"""igraph graphs as measure input: the same arrays the networkx paths read, without a copy.

Graphs built with ``output="igraph"`` (see :func:`patnet.build.graph`) are
read here: node ids are the vertex attribute ``name`` (vertex indices when
absent), edges come in igraph's edge order, and a missing weight attribute
counts every edge as 1, as networkx's ``default=1`` does.
"""

from __future__ import annotations

import ctypes
import itertools
import sys

import numpy as np
import pandas as pd
import pyarrow as pa

from .._fast import gc_paused
from ..exceptions import PatnetInputError


def is_igraph(G) -> bool:
    """``G`` is an :class:`igraph.Graph` (without importing igraph when it is not loaded)."""
    ig = sys.modules.get("igraph")
    return ig is not None and isinstance(G, ig.Graph)


def node_ids(g) -> list:
    """Node ids of an igraph graph: the ``name`` attribute, else the vertex indices."""
    if "name" in g.vs.attributes():
        return g.vs["name"]  # a new list on every call
    return list(range(g.vcount()))


#: The dtype pandas gives an index of text ("str" from pandas 3, object before).
_TEXT_INDEX = pd.Index(["x"]).dtype


def node_index(ids, name: str = "node") -> pd.Index:
    """Node ids as the index of a result: ``pd.Index(ids, tupleize_cols=False)``.

    Text ids go through Arrow: the same index as pandas builds from the list,
    several times faster on graphs of millions of nodes (pandas inspects every
    value to infer the type). Other ids (integers, tuples) are left to pandas.

    Examples
    --------
    >>> from patnet.measures._graphs import node_index
    >>> ids = ["org:A", "org:B"]
    >>> pd.testing.assert_index_equal(node_index(ids), pd.Index(ids, name="node"))
    >>> node_index([(1, 2), (3, 4)]).tolist()
    [(1, 2), (3, 4)]
    """
    if _TEXT_INDEX == np.dtype(object):  # pandas < 3 keeps text as objects: nothing to convert
        return pd.Index(ids, name=name, tupleize_cols=False)
    try:
        text = pa.array(ids, type=pa.large_string())
    except (pa.ArrowTypeError, pa.ArrowInvalid, TypeError):
        return pd.Index(ids, name=name, tupleize_cols=False)
    if not len(text) or text.null_count:
        return pd.Index(ids, name=name, tupleize_cols=False)
    return pd.Index(pd.array(text, dtype=_TEXT_INDEX), name=name)


def node_attribute(g, attr) -> list:
    """One value per vertex (None where the attribute is absent)."""
    if attr in g.vs.attributes():
        return list(g.vs[attr])
    return [None] * g.vcount()


def check_simple(g, what: str) -> None:
    """Refuse an igraph graph with parallel edges (self-loops are allowed).

    ``is_simple`` first: igraph remembers it, and with it that the graph has
    no loops and no parallel edges, so the checks that follow are free; only
    a graph that is not simple is searched for parallel edges again.
    """
    if not g.is_simple() and g.has_multiple():
        raise PatnetInputError(f"{what}() does not take graphs with parallel edges",
                               hint="Collapse them first: g.simplify(combine_edges='sum')")


def endpoints(g) -> tuple[np.ndarray, np.ndarray]:
    """Source and target vertex index of every edge, in edge order: the pairs
    ``g.get_edgelist()`` gives, as two int64 arrays.

    They are copied from the graph's own edge columns (:func:`stored_endpoints`)
    where those can be found and checked, else read through ``get_edgelist``.

    Examples
    --------
    >>> import igraph as ig
    >>> from patnet.measures._graphs import endpoints
    >>> g = ig.Graph([(0, 1), (2, 1), (3, 3)])
    >>> [a.tolist() for a in endpoints(g)]
    [[0, 1, 3], [1, 2, 3]]
    >>> g.get_edgelist()
    [(0, 1), (1, 2), (3, 3)]
    """
    if not g.ecount():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    stored = stored_endpoints(g)
    if stored is not None:
        return stored
    return listed_endpoints(g)


def listed_endpoints(g) -> tuple[np.ndarray, np.ndarray]:
    """:func:`endpoints` through ``g.get_edgelist()``: a Python tuple per edge, which for
    tens of millions of edges takes seconds and gigabytes."""
    m = g.ecount()
    if not m:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    # flattened as it is read: about half the time of converting the list of pairs; the
    # collector is paused while the list's tuples are made (none of them is cyclic)
    with gc_paused():
        e = np.fromiter(itertools.chain.from_iterable(g.get_edgelist()), dtype=np.int64,
                        count=2 * m).reshape(m, 2)
    return e[:, 0].copy(), e[:, 1].copy()


#: Byte offsets in igraph's ``igraph_t`` (``include/igraph_datatype.h`` of the C library
#: 0.10 and 1.0, under python-igraph 0.11 and 1.0) of the vertex count and of the ``from``
#: and ``to`` edge columns, each an ``igraph_vector_int_t`` of three pointers
#: (``stor_begin``, ``stor_end``, ``end``). Another layout (the C library's 0.9 kept the
#: ends as doubles; a build with 32-bit integers) fails the checks and is not used.
_N_AT, _FROM_AT, _TO_AT = 0, 16, 40

#: Edges compared one by one with igraph's own answer after a copy.
_SPOT_CHECKS = 16


def stored_endpoints(g) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`endpoints` copied from the graph's edge columns in C memory, or None.

    python-igraph gives the address of the C graph (``Graph._raw_pointer()``,
    meant for passing the graph to C code); igraph keeps every edge's two
    ends in two columns of 64-bit vertex indices, the larger end first for an
    undirected edge. Copying them takes a fraction of a second for tens of
    millions of edges, where ``get_edgelist`` makes a Python tuple per edge.

    Nothing is read past the graph's own header before the layout is
    confirmed: the vertex count must match ``g.vcount()`` and each column
    must hold exactly ``g.ecount()`` values. After the copy every index must
    be a vertex, an undirected edge's ends must be in igraph's order, and
    :data:`_SPOT_CHECKS` edges spread over the graph must be the pairs igraph
    itself reports. None (read the edges another way) when any of this
    fails, on a platform whose pointers are not 64-bit, or on a python-igraph
    without ``_raw_pointer``.
    """
    m, n = g.ecount(), g.vcount()
    raw = getattr(g, "_raw_pointer", None)
    if raw is None or ctypes.sizeof(ctypes.c_void_p) != 8 or not m:
        return None
    try:
        base = int(raw())
        if not base or ctypes.c_int64.from_address(base + _N_AT).value != n:
            return None
        columns = []
        for at in (_FROM_AT, _TO_AT):
            begin, capacity, end = (ctypes.c_uint64 * 3).from_address(base + at)
            if not begin or begin % 8 or end - begin != 8 * m or capacity < end:
                return None
            column = np.empty(m, dtype=np.int64)
            ctypes.memmove(column.ctypes.data, begin, 8 * m)
            columns.append(column)
    except (AttributeError, TypeError, ValueError, OverflowError):
        return None
    first, second = columns
    for column in columns:
        if column.min() < 0 or column.max() >= n:
            return None
    if g.is_directed():
        u, v = first, second
    else:
        if (first < second).any():
            return None
        u, v = second, first  # igraph reports an undirected edge smaller end first
    for k in np.unique(np.linspace(0, m - 1, _SPOT_CHECKS).astype(np.int64)).tolist():
        if g.es[k].tuple != (int(u[k]), int(v[k])):
            return None
    return u, v


def weights(g, weight, what: str) -> np.ndarray:
    """Edge weights as floats (1 where ``weight`` is None or not an edge attribute)."""
    m = g.ecount()
    if weight is None or weight not in g.es.attributes():
        return np.ones(m)
    values = g.es[weight]
    try:
        return np.asarray(values, dtype=float).reshape(m)
    except (TypeError, ValueError):
        k = next(i for i, x in enumerate(values) if not _is_number(x))
        raise PatnetInputError(f"{what}(): edge {g.es[k].tuple!r} has a non-numeric {weight!r}",
                               value=values[k],
                               hint="Give every edge a numeric weight, or pass weight=None"
                               ) from None


def _is_number(x) -> bool:
    try:
        float(x)
    except (TypeError, ValueError):
        return False
    return True
