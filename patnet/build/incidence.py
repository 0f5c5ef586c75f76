"""Patent x unit incidence matrices and their projections.

The core of :mod:`patnet.build` works the way scikit-network does: a link
table (one row per patent x unit, e.g. per inventor with their province)
becomes a sparse patent x unit incidence matrix ``B`` whose entry ``B[p, u]``
is the number of link rows of unit ``u`` on patent ``p`` (two Beijing
inventors on a patent give 2). The co-occurrence matrix of the units is the
projection ``D.T @ diag(w) @ D`` of the binary matrix ``D = (B > 0)`` with
per-patent pair weights ``w`` (see :mod:`patnet.build.weights`); the same
code serves inventors, organisations, countries, provinces, region groups,
sectors and technology fields.

Patents and units are integer codes (sorted ids, so orders are
deterministic); memory is linear in the number of link rows and nothing
loops over patents in Python.

Examples
--------
The toy corpus of four patents whose inventors live in
P1 = [BJ, BJ, SH], P2 = [BJ, GD], P3 = [SH, GD, JS, JS], P4 = [BJ]:

>>> import pandas as pd
>>> from patnet.build import incidence, project, occurrences, fractional_counts
>>> links = pd.DataFrame({
...     "patent_id": ["P1", "P1", "P1", "P2", "P2", "P3", "P3", "P3", "P3", "P4"],
...     "unit": ["BJ", "BJ", "SH", "BJ", "GD", "SH", "GD", "JS", "JS", "BJ"]})
>>> inc = incidence(links)
>>> inc.units.tolist()
['BJ', 'GD', 'JS', 'SH']
>>> inc.matrix.toarray().tolist()        # rows P1..P4, columns BJ, GD, JS, SH
[[2, 0, 0, 1], [1, 1, 0, 0], [0, 1, 2, 1], [1, 0, 0, 0]]
>>> project(inc.matrix).toarray().tolist()
[[0.0, 1.0, 0.0, 1.0], [1.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0], [1.0, 1.0, 1.0, 0.0]]
>>> occurrences(inc.matrix).tolist()
[3, 2, 1, 2]
>>> fractional_counts(inc.matrix).round(4).tolist()
[2.1667, 0.75, 0.5, 0.5833]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from .._fast import BLOCK, arrow_text, factorize_sorted, text_order
from ..exceptions import PatnetInputError
from ..schema import did_you_mean
from .weights import check_counting, pair_weights

__all__ = [
    "Incidence",
    "incidence",
    "project",
    "binary",
    "occurrences",
    "fractional_counts",
    "internal_counts",
    "units_per_patent",
    "KINDS",
    "node_id",
    "split_node",
]

#: Node kinds; a node id is ``"<kind>:<key>"`` (``"province:CN-JS"``, ``"country:SG"``).
KINDS = ("patent", "inventor", "org", "country", "province", "region", "sector", "field")


def node_id(kind: str, key) -> str:
    """The namespaced node id of ``key`` of a given kind.

    Namespaces keep an inventor id from ever colliding with a patent number
    or a country code.

    Examples
    --------
    >>> from patnet.build import node_id
    >>> node_id("province", "CN-JS"), node_id("country", "SG")
    ('province:CN-JS', 'country:SG')
    """
    if kind not in KINDS:
        raise PatnetInputError(f"unknown node kind {kind!r}{did_you_mean(kind, KINDS)}",
                               hint=f"Valid kinds are {', '.join(KINDS)}")
    return f"{kind}:{key}"


def split_node(node: str) -> tuple[str, str]:
    """``(kind, key)`` of a namespaced node id.

    Examples
    --------
    >>> from patnet.build import split_node
    >>> split_node("inventor:fl:pi_ln:morel-1")
    ('inventor', 'fl:pi_ln:morel-1')
    """
    kind, sep, key = str(node).partition(":")
    if not sep or kind not in KINDS:
        raise PatnetInputError(f"{node!r} is not a namespaced node id",
                               hint="Node ids look like 'province:CN-JS'; kinds are "
                                    + ", ".join(KINDS))
    return kind, key


def sorted_distinct(values) -> pa.Array | pa.ChunkedArray:
    """Distinct non-missing strings of ``values`` in code-point order, as an Arrow array.

    A column that is already strictly increasing (patent ids as the readers
    write them) is returned as it is, after one vectorised comparison.
    """
    arr = arrow_text(values, combine=False).drop_null()
    if len(arr) < 2 or pc.all(pc.greater(arr[1:], arr[:-1])).as_py():
        return arr
    uniq = pc.unique(arr)
    return uniq.take(pa.array(text_order(uniq)))


def sorted_strings(values) -> np.ndarray:
    """Distinct strings of ``values`` in code-point order, as an object array (Arrow sort)."""
    if not len(values):
        return np.zeros(0, dtype=object)
    return np.asarray(sorted_distinct(values).to_numpy(zero_copy_only=False), dtype=object)


def _csr(B) -> sp.csr_array:
    if isinstance(B, Incidence):
        B = B.matrix
    if not sp.issparse(B):
        raise PatnetInputError(f"expected a sparse patent x unit matrix, got {type(B).__name__}",
                               hint="Build one with patnet.build.incidence(...)")
    if type(B) is sp.csr_array and B.has_canonical_format and B.data.all():
        return B  # the canonical-format check is cached on B, so repeated calls cost nothing
    out = sp.csr_array(B)
    out.sum_duplicates()
    out.eliminate_zeros()
    return out


def binary(B) -> sp.csr_array:
    """``D = (B > 0)`` as float64: 1 where a unit is on a patent, whatever its row count.

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.build import incidence, binary
    >>> inc = incidence(pd.DataFrame({"patent_id": ["P1", "P1", "P1", "P2", "P2"],
    ...                               "unit": ["BJ", "BJ", "SH", "BJ", "GD"]}))
    >>> inc.units.tolist(), inc.matrix.toarray().tolist(), binary(inc).toarray().tolist()
    (['BJ', 'GD', 'SH'], [[2, 0, 1], [1, 1, 0]], [[1.0, 0.0, 1.0], [1.0, 1.0, 0.0]])
    """
    B = _csr(B)
    return sp.csr_array((np.ones(B.nnz, dtype=np.float64), B.indices.copy(), B.indptr.copy()),
                        shape=B.shape)


def units_per_patent(B) -> np.ndarray:
    """Number of *distinct* units on each patent (``n`` in the counting formulas).

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.build import incidence, units_per_patent
    >>> inc = incidence(pd.DataFrame({"patent_id": ["P1", "P1", "P1", "P2", "P2"],
    ...                               "unit": ["BJ", "BJ", "SH", "BJ", "GD"]}))
    >>> units_per_patent(inc).tolist()   # P1: BJ, SH; P2: BJ, GD
    [2, 2]
    """
    return np.diff(_csr(B).indptr).astype(np.int64)


def occurrences(B) -> np.ndarray:
    """Occurrences: the number of patents on which each unit appears (full counting).

    Single-unit patents count; this is the ``c_i`` of the occurrence-based
    normalisations and the ``n_patents`` node attribute.

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.build import incidence, occurrences
    >>> inc = incidence(pd.DataFrame({"patent_id": ["P1", "P1", "P1", "P2", "P2"],
    ...                               "unit": ["BJ", "BJ", "SH", "BJ", "GD"]}))
    >>> dict(zip(inc.units, occurrences(inc).tolist()))
    {'BJ': 2, 'GD': 1, 'SH': 1}
    """
    B = _csr(B)
    return np.bincount(B.indices, minlength=B.shape[1]).astype(np.int64)


def fractional_counts(B, *, by="rows") -> np.ndarray:
    """Fractional patent counts of each unit: every patent shares one unit of credit.

    Parameters
    ----------
    B : sparse matrix or Incidence
        Patent x unit matrix of link-row counts.
    by : {"rows", "units"}
        ``"rows"`` (inventor-share counting, the default): a patent's credit
        is shared among its link rows, so unit u gets ``B[p, u] / sum_v
        B[p, v]`` (two Beijing inventors of three give Beijing 2/3).
        ``"units"``: shared equally among its distinct units, ``1 / n_p``.
        Either way the counts of all units sum to the number of patents
        that have at least one unit.

    Examples
    --------
    Toy corpus: BJ gets 2/3 (P1) + 1/2 (P2) + 1 (P4) = 2.1667 by rows, and
    1/2 + 1/2 + 1 = 2 by units.

    >>> import pandas as pd
    >>> from patnet.build import incidence, fractional_counts
    >>> inc = incidence(pd.DataFrame({
    ...     "patent_id": ["P1", "P1", "P1", "P2", "P2", "P3", "P3", "P3", "P3", "P4"],
    ...     "unit": ["BJ", "BJ", "SH", "BJ", "GD", "SH", "GD", "JS", "JS", "BJ"]}))
    >>> fractional_counts(inc).round(4).tolist(), round(float(fractional_counts(inc).sum()), 9)
    ([2.1667, 0.75, 0.5, 0.5833], 4.0)
    >>> fractional_counts(inc, by="units").tolist()
    [2.0, 0.8333333333333333, 0.3333333333333333, 0.8333333333333333]
    """
    B = _csr(B)
    if by == "rows":
        if np.issubdtype(B.data.dtype, np.integer):
            # each patent's row total, from the (exact, integer) running sum of the counts
            running = np.concatenate([[0], np.cumsum(B.data)])
            totals = (running[B.indptr[1:]] - running[B.indptr[:-1]]).astype(np.float64)
        else:
            totals = np.asarray(B.sum(axis=1), dtype=np.float64).ravel()
        share = B.data.astype(np.float64) / np.repeat(totals, np.diff(B.indptr))
    elif by == "units":
        n = np.diff(B.indptr)
        share = np.repeat(1.0 / np.maximum(n, 1), n)
    else:
        raise PatnetInputError(f"unknown by={by!r}", hint="Use by='rows' or by='units'")
    return np.bincount(B.indices, weights=share, minlength=B.shape[1])


def internal_counts(B) -> np.ndarray:
    """Patents on which a unit appears on at least two link rows.

    A province "co-inventing with itself": two Beijing inventors on one
    patent. patnet keeps this as the ``internal_patents`` node attribute
    rather than a self-loop (unless asked for self-loops).

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.build import incidence, internal_counts
    >>> inc = incidence(pd.DataFrame({"patent_id": ["P1", "P1", "P1", "P2", "P2"],
    ...                               "unit": ["BJ", "BJ", "SH", "BJ", "GD"]}))
    >>> dict(zip(inc.units, internal_counts(inc).tolist()))   # two BJ rows on P1
    {'BJ': 1, 'GD': 0, 'SH': 0}
    """
    B = _csr(B)
    return np.bincount(B.indices[B.data >= 2], minlength=B.shape[1]).astype(np.int64)


def _offdiagonal(W, shape) -> sp.csr_array:
    """``W`` without its diagonal and explicit zeros, canonical (sorted indices).

    Entries are dropped from the CSR arrays in place of a round trip through
    COO: a product's rows are already rows, and rebuilding them from
    coordinates (with a check for repeats) took most of a projection's time
    past tens of millions of entries.
    """
    W = sp.csr_array(W)
    W.sum_duplicates()  # a product has no repeated entries; any other input is summed first
    rows = np.repeat(np.arange(W.shape[0], dtype=W.indices.dtype), np.diff(W.indptr))
    keep = (rows != W.indices) & (W.data != 0)
    indptr = np.zeros(shape[0] + 1, dtype=W.indptr.dtype)
    np.cumsum(np.bincount(rows[keep], minlength=shape[0]), out=indptr[1:])
    out = sp.csr_array((W.data[keep], W.indices[keep], indptr), shape=shape)
    out.sort_indices()
    return out


def project(B, counting="full", *, self_loops=False) -> sp.csr_array:
    """Unit x unit co-occurrence matrix of a patent x unit incidence matrix.

    .. math:: W = D^\\top \\operatorname{diag}(w) D, \\qquad D = [B > 0],
              \\qquad w_p = \\begin{cases} 1 & \\text{full} \\\\
              1/(n_p - 1) & \\text{fractional} \\\\
              1/\\binom{n_p}{2} & \\text{patent\\_share} \\end{cases}

    with ``n_p`` the number of *distinct* units on patent p (patents with
    fewer than two units contribute nothing). The diagonal is empty unless
    ``self_loops=True``.

    Parameters
    ----------
    B : sparse matrix or Incidence
        Patent x unit matrix of link-row counts.
    counting : {"full", "fractional", "patent_share"}
        ``"full"``: ``W[i, j]`` is the number of patents on which both i and
        j appear. ``"fractional"``: each patent gives each of its pairs
        1/(n-1), so a unit's total link strength (row sum) equals its number
        of multi-unit patents. ``"patent_share"``: each patent's C(n, 2)
        pairs share one unit of weight, so the total edge weight (sum over
        i < j) equals the number of multi-unit patents.
    self_loops : bool
        Put :func:`internal_counts` (patents with at least two link rows of
        the unit) on the diagonal. Only meaningful with ``counting="full"``,
        where the diagonal is then a number of patents like the rest.

    Returns
    -------
    scipy.sparse.csr_array
        Symmetric, float64, sorted indices.

    Examples
    --------
    Worked example, toy corpus (units BJ, GD, JS, SH). Full counting: every
    pair that shares a patent gets 1; BJ and JS share none. Fractional
    counting: P3 has n = 3 provinces (JS counts once), so its pairs SH-GD,
    SH-JS and GD-JS get 1/2 each, while P1 (BJ-SH) and P2 (BJ-GD) have
    n = 2 and give 1. BJ's strength is 1 + 1 = 2, its number of multi-unit
    patents; SH's is 1 + 1/2 + 1/2 = 2 (P1, P3).

    >>> import pandas as pd
    >>> from patnet.build import incidence, project
    >>> inc = incidence(pd.DataFrame({
    ...     "patent_id": ["P1", "P1", "P1", "P2", "P2", "P3", "P3", "P3", "P3", "P4"],
    ...     "unit": ["BJ", "BJ", "SH", "BJ", "GD", "SH", "GD", "JS", "JS", "BJ"]}))
    >>> project(inc, "fractional").toarray().tolist()
    [[0.0, 1.0, 0.0, 1.0], [1.0, 0.0, 0.5, 0.5], [0.0, 0.5, 0.0, 0.5], [1.0, 0.5, 0.5, 0.0]]
    >>> project(inc, "fractional").sum(axis=1).tolist()
    [2.0, 2.0, 1.0, 2.0]
    >>> round(float(project(inc, "patent_share").sum()) / 2, 9)   # 3 multi-unit patents
    3.0
    >>> project(inc, self_loops=True).diagonal().tolist()     # two BJ on P1, two JS on P3
    [1.0, 0.0, 1.0, 0.0]
    """
    check_counting(counting)
    B = _csr(B)
    (W,) = _projections(B, (counting,))
    if self_loops:
        diag = internal_counts(B).astype(np.float64)
        if diag.any():
            W = W + sp.diags_array(diag, format="csr")
            W = sp.csr_array(W)
            W.sort_indices()
    return W


#: Up to this many units (countries, provinces, regions, sectors, fields), projections
#: are summed pair by pair into a dense units x units table, which is faster than a
#: sparse product; with more units (organisations, inventors), a sparse product.
DENSE_PAIR_UNITS = 1024


def _projections(B: sp.csr_array, countings) -> list:
    """Off-diagonal projections of a canonical ``B`` under several countings.

    The work shared by the countings (the binary matrix of the multi-unit
    patents, or their unit pairs) is done once for all of them (see
    :func:`project`).
    """
    shape = (B.shape[1], B.shape[1])
    n = np.diff(B.indptr)
    multi = np.flatnonzero(n >= 2)
    if not len(multi):
        return [sp.csr_array(shape, dtype=np.float64) for _ in countings]
    if B.shape[1] <= DENSE_PAIR_UNITS:
        # only patents with two units or more have pairs: the others are left out first
        # (most patents of a geographic level have one unit), in order, so the sums are alike
        return _pair_sums(B if len(multi) == B.shape[0] else B[multi], countings)
    D = binary(B)
    Dm = D[multi]
    if len(countings) == 2 and countings[0] == "full" and countings[1] != "full":
        return _full_and_weighted(Dm, pair_weights(n[multi], countings[1]), shape)
    Dt = sp.csr_array(Dm.T)  # transposed once, so no product converts an operand again
    out = []
    for counting in countings:
        if counting == "full":
            W = Dt @ Dm
        else:
            # diag(w) @ Dm: each patent's row of ones scaled by its pair weight
            w = np.repeat(pair_weights(n[multi], counting), n[multi])
            W = Dt @ sp.csr_array((w, Dm.indices, Dm.indptr), shape=Dm.shape)
        out.append(_offdiagonal(W, shape))
    return out


def _full_and_weighted(Dm: sp.csr_array, w: np.ndarray, shape) -> list:
    """The full-counting projection and one weighted by ``w`` (per patent), in one product.

    Each patent's row of ones carries ``1 + w_p i`` in the left operand of
    ``weighted.T @ Dm``: the real parts count the shared patents and the imaginary parts
    add the weights, term by term in the same order as two separate products (each term
    ``(1 + w i)(1 + 0 i)`` is exactly ``1 + w i``), so both come out bit for bit as
    those would, for the price of one traversal. The two matrices share their index
    arrays.
    """
    both = sp.csr_array((1.0 + 1j * np.repeat(w, np.diff(Dm.indptr)), Dm.indices, Dm.indptr),
                        shape=Dm.shape)
    W = _offdiagonal(sp.csr_array(both.T) @ Dm, shape)
    return [sp.csr_array((W.data.real.copy(), W.indices, W.indptr), shape=shape),
            sp.csr_array((W.data.imag.copy(), W.indices, W.indptr), shape=shape)]


def _pair_sums(B: sp.csr_array, countings) -> list:
    """:func:`_projections` by listing every patent's unit pairs (few units).

    Each pair ``i < j`` of a patent's units adds the patent's pair weight to
    cell ``(i, j)``, patent after patent, so the sums are the same, bit for
    bit, as the sparse product's (which adds the same terms in the same order).
    The pairs' cells are listed a block of patents at a time (the temporaries
    stay small), into one array summed at once.
    """
    n_units = B.shape[1]
    indptr, units = B.indptr.astype(np.int64), B.indices.astype(np.int64)
    n = np.diff(indptr)
    n_pairs = n * (n - 1) // 2
    ends = np.cumsum(n_pairs)  # pairs up to and including each patent
    cell = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
    a = 0
    while a < len(n):
        # patents a..b-1 list at most BLOCK pairs (or one patent, if it alone lists more)
        done = ends[a - 1] if a else 0
        b = max(a + 1, int(np.searchsorted(ends, done + BLOCK, side="right")))
        lo, hi = indptr[a], indptr[b]
        nb = n[a:b]
        # every link is paired with the links after it on its patent
        after = np.repeat(nb, nb) - (np.arange(hi - lo) - np.repeat(indptr[a:b] - lo, nb)) - 1
        first = np.repeat(np.arange(hi - lo), after)
        second = first + 1 + np.arange(len(first)) - (np.cumsum(after) - after)[first]
        u = units[lo:hi]
        cell[done:ends[b - 1]] = u[first] * n_units + u[second]
        a = b
    full = np.bincount(cell, minlength=n_units * n_units)
    upper = np.flatnonzero(full)  # cells (i, j), i < j, of pairs that occur
    i, j = np.divmod(upper, n_units)
    rows, cols = np.concatenate([i, j]), np.concatenate([j, i])
    out = []
    for counting in countings:
        if counting == "full":
            values = full[upper].astype(np.float64)
        else:
            # pairs are listed patent by patent: each takes its patent's weight
            weight = np.repeat(pair_weights(n, counting), n_pairs)
            sums = np.bincount(cell, weights=weight, minlength=n_units * n_units)
            values = np.asarray(sums, dtype=np.float64)[upper]
        W = sp.csr_array((np.concatenate([values, values]), (rows, cols)),
                         shape=(n_units, n_units))
        W.sort_indices()
        out.append(W)
    return out


class _PatentIds:
    """Descriptor of :attr:`Incidence.patents`: ids given as an Arrow string array are
    turned into the object array on first read (a graph build need not pay for it)."""

    def __set_name__(self, owner, name):
        self.slot = f"_{name}"

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        ids = obj.__dict__[self.slot]
        if isinstance(ids, (pa.Array, pa.ChunkedArray)):
            ids = np.asarray(ids.to_numpy(zero_copy_only=False), dtype=object)
            obj.__dict__[self.slot] = ids
        return ids

    def __set__(self, obj, value):
        obj.__dict__[self.slot] = value


@dataclass(frozen=True, eq=False, repr=False, init=False)
class Incidence:
    """A patent x unit incidence matrix with the ids of its rows and columns.

    Attributes
    ----------
    matrix : scipy.sparse.csr_array
        ``matrix[p, u]`` = number of link rows of unit u on patent p (int64).
    patents : numpy.ndarray
        Patent ids of the rows, sorted (object array of str). Patents
        without any unit are rows of zeros. May be given as an Arrow string
        array, which becomes the object array when first read.
    units : numpy.ndarray
        Unit (node) ids of the columns, sorted.
    nodes : pandas.DataFrame, optional
        Node attributes indexed by unit id (``label, kind, country,
        province, region, sector``), when built from a corpus.
    info : dict
        What was read and left out (rows read, rows dropped by reason, ...).

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.build import incidence
    >>> inc = incidence(pd.DataFrame({"patent_id": ["1", "1", "2"], "unit": ["a", "b", "a"]}))
    >>> inc.shape, inc.patents_of("a", "b")
    ((2, 2), ['1'])
    """

    matrix: sp.csr_array
    units: np.ndarray
    nodes: pd.DataFrame | None
    info: dict
    patents = _PatentIds()

    def __init__(self, matrix: sp.csr_array, patents, units: np.ndarray,
                 nodes: pd.DataFrame | None = None, info: dict | None = None):
        for name, value in (("matrix", matrix), ("patents", patents), ("units", units),
                            ("nodes", nodes), ("info", {} if info is None else info)):
            object.__setattr__(self, name, value)

    @property
    def shape(self):
        """``(n_patents, n_units)``."""
        return self.matrix.shape

    def __repr__(self) -> str:
        level = self.info.get("level")
        at = f" at level {level!r}" if level else ""
        return (f"<Incidence{at}: {self.shape[0]:,} patents x {self.shape[1]:,} units, "
                f"{self.matrix.nnz:,} links>")

    @cached_property
    def unit_index(self) -> pd.Index:
        """Position of each unit id (a pandas Index over :attr:`units`)."""
        return pd.Index(self.units)

    @cached_property
    def patent_index(self) -> pd.Index:
        """Position of each patent id."""
        return pd.Index(self.patents)

    @cached_property
    def _csc(self):
        out = sp.csc_array(self.matrix)
        out.sort_indices()
        return out

    def _column(self, unit):
        i = self.unit_index.get_indexer([unit])[0]
        if i < 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        M = self._csc
        lo, hi = M.indptr[i], M.indptr[i + 1]
        return M.indices[lo:hi], M.data[lo:hi]

    def patents_of(self, u, v=None) -> list:
        """Patents behind a unit or a pair (provenance).

        ``patents_of(u)``: patents on which u appears; ``patents_of(u, v)``:
        patents on which both appear; ``patents_of(u, u)``: patents with at
        least two link rows of u (the internal patents). Sorted ids; empty
        for an unknown unit.
        """
        rows_u, data_u = self._column(u)
        if v is None:
            rows = rows_u
        elif v == u:
            rows = rows_u[data_u >= 2]
        else:
            rows_v, _ = self._column(v)
            rows = np.intersect1d(rows_u, rows_v, assume_unique=True)
        return self.patents[np.sort(rows)].tolist()

    def to_frame(self) -> pd.DataFrame:
        """The incidence as a tidy link table: ``patent_id``, ``unit``, ``rows``."""
        coo = sp.coo_array(self.matrix)
        order = np.lexsort((coo.coords[1], coo.coords[0]))
        r, c = coo.coords[0][order], coo.coords[1][order]
        return pd.DataFrame({
            "patent_id": pd.array(self.patents[r], dtype="string"),
            "unit": pd.array(self.units[c], dtype="string"),
            "rows": coo.data[order].astype(np.int64),
        })


def _codes(values: pd.Series, universe=None):
    """Integer codes of ``values`` into sorted distinct values (or into ``universe``)."""
    s = pd.Series(values, copy=False).astype("string")
    codes, uniq = factorize_sorted(s)
    uniq = np.asarray(uniq.astype(object), dtype=object)
    codes = codes.astype(np.int64)
    if universe is None:
        return codes, uniq
    universe = np.asarray(universe, dtype=object)
    where = pd.Index(universe).get_indexer(uniq) if len(uniq) else np.zeros(0, dtype=np.int64)
    out = np.where(codes >= 0, where[np.maximum(codes, 0)] if len(uniq) else -1, -1)
    return out.astype(np.int64), universe


def from_codes(patent_codes, unit_codes, patents, units, *, nodes=None, info=None) -> Incidence:
    """An :class:`Incidence` from integer codes (rows with a negative code are skipped).

    ``patents`` may be an Arrow string array (see :attr:`Incidence.patents`).
    """
    patent_codes = np.asarray(patent_codes, dtype=np.int64)
    unit_codes = np.asarray(unit_codes, dtype=np.int64)
    ok = (patent_codes >= 0) & (unit_codes >= 0)
    shape = (len(patents), len(units))
    # the index type scipy would pick (int32 when it can), so that it keeps the arrays
    # as given instead of converting them
    index = np.int32 if max(*shape, int(ok.sum())) < np.iinfo(np.int32).max else np.int64
    if ok.all():  # no row to skip: the codes are read as they are
        rows, cols = patent_codes, unit_codes.astype(index)
    else:
        rows, cols = patent_codes[ok], unit_codes[ok].astype(index, copy=False)
    # cols is a copy either way: sum_duplicates works in place
    ones = np.ones(len(rows), dtype=np.int64)
    if len(rows) and (rows[1:] >= rows[:-1]).all():
        # rows grouped by patent in order (as link tables usually are): no COO conversion
        indptr = np.zeros(shape[0] + 1, dtype=index)
        np.cumsum(np.bincount(rows, minlength=shape[0]), out=indptr[1:])
        M = sp.csr_array((ones, cols, indptr), shape=shape)
    else:
        M = sp.csr_array((ones, (rows, cols)), shape=shape)
    M.sum_duplicates()
    M.sort_indices()
    if not isinstance(patents, (pa.Array, pa.ChunkedArray)):
        patents = np.asarray(patents, dtype=object)
    return Incidence(M, patents, np.asarray(units, dtype=object), nodes=nodes,
                     info=dict(info or {}))


def incidence(links: pd.DataFrame, *, patent: str = "patent_id", unit: str = "unit",
              patents=None, units=None) -> Incidence:
    """Build the patent x unit incidence matrix of a link table.

    Parameters
    ----------
    links : pandas.DataFrame
        One row per link (e.g. per inventor of a patent), with a patent
        column and a unit column. Repeated rows count: two Beijing inventors
        on a patent give ``B[p, BJ] = 2``. Rows with a missing patent or
        unit are skipped and counted in ``info["rows_dropped"]``.
    patent, unit : str
        Column names.
    patents, units : sequence of str, optional
        The row and column universes (e.g. every patent of a corpus, or
        every province). By default the sorted distinct values of the
        columns. A value outside a given universe raises.

    Returns
    -------
    Incidence

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.build import incidence
    >>> inc = incidence(pd.DataFrame({"patent_id": ["2", "1", "1"], "unit": ["x", "y", "x"]}),
    ...                 units=["x", "y", "z"])
    >>> inc.patents.tolist(), inc.units.tolist(), inc.matrix.toarray().tolist()
    (['1', '2'], ['x', 'y', 'z'], [[1, 1, 0], [1, 0, 0]])
    """
    if not isinstance(links, pd.DataFrame):
        raise PatnetInputError(f"incidence() takes a DataFrame link table, got {type(links).__name__}",
                               hint="For a corpus use patnet.build.level_incidence(corpus, level)")
    for col in (patent, unit):
        if col not in links.columns:
            raise PatnetInputError(
                f"link table has no column {col!r}{did_you_mean(col, [str(c) for c in links.columns])}",
                hint="Name the columns with patent= and unit=")
    pcodes, pvals = _codes(links[patent], None if patents is None else sorted_strings(patents))
    ucodes, uvals = _codes(links[unit], None if units is None else sorted_strings(units))
    missing_p = links[patent].isna().to_numpy()
    missing_u = links[unit].isna().to_numpy()
    for name, codes, missing in (("patent", pcodes, missing_p), ("unit", ucodes, missing_u)):
        outside = (codes < 0) & ~missing
        if outside.any():
            col = patent if name == "patent" else unit
            raise PatnetInputError(
                f"{int(outside.sum())} row(s) have a {name} outside the given universe",
                column=col, value=links[col].to_numpy()[np.flatnonzero(outside)[0]],
                hint=f"Add it to {name}s=, or leave {name}s=None")
    dropped = int((missing_p | missing_u).sum())
    info = {"rows_read": int(len(links)), "rows_used": int(len(links)) - dropped,
            "rows_dropped": dropped}
    return from_codes(pcodes, ucodes, pvals, uvals, info=info)
