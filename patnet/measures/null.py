"""Significance against null models: is a cooperation stronger than chance?

The null model keeps what a cooperation network cannot choose: each
patent's team size (its number of distinct units: provinces, organisations,
sectors, ...) and each unit's activity (its number of patents). It draws
patent x unit incidence matrices uniformly at random among all binary
matrices with exactly these row and column sums, and compares a statistic of
the observed incidence with its distribution over the random ones:

.. math::

    z = \\frac{x_{obs} - \\bar x_{null}}{s_{null}}, \\qquad
    p = \\frac{1 + \\#\\{x_{null} \\ge x_{obs}\\}}{1 + n},

with :math:`s_{null}` the sample standard deviation (``ddof=1``) of the
:math:`n` null values and :math:`p` the one-sided empirical p-value
(Phipson & Smyth 2010: it is never 0, and it is exact for a test at level
:math:`\\alpha` when the null draws are exchangeable with the observation).

Samplers (``method=``)
----------------------
``"curveball"`` (default)
    Strona et al.'s (2014) curveball algorithm: pick two rows, pool the
    columns that only one of them has, and deal them back at random, each
    row getting back as many as it gave. Row and column sums are kept
    exactly; Carstens (2015) proved the chain samples uniformly. patnet
    runs it as *global* curveball rounds (Carstens, Berger & Strona 2016):
    every round pairs all rows at random and trades every pair at once,
    vectorised on the sparse matrix (no Python loop over patents). The
    trades run along the shorter side of the matrix (units, usually), so
    each trade reshuffles many patents.
``"swap"``
    The classical degree-preserving checkerboard swap (edge switching):
    pick two links ``(p1, u1)``, ``(p2, u2)`` at random and replace them by
    ``(p1, u2)``, ``(p2, u1)`` when neither exists. Uniform too, but a
    Python loop: a reference for small data.

Both are Markov chains started at the observed matrix: the first sample is
taken after ``burn_in + n_swaps`` steps, each following one ``n_swaps``
steps later. The curveball default is ten global rounds between samples
and forty before the first: a planted block structure (5,000 patents, 60
or 2,000 units) decays to its null level within five to ten rounds, and the
tests check the samples against exact enumeration on small matrices. A
round sorts every link once: about 0.2 s for 800,000 links on one core, so
``n=200`` samples of such a matrix take some minutes. Every random number
comes from a private :class:`numpy.random.Generator` seeded by ``seed``;
the global ``random`` and numpy states are left as they were.

Only the *binary* incidence is randomised (unit present on a patent or
not): link-row counts (two Beijing inventors on one patent) are not part of
the null model, and every statistic is computed on binary incidences,
observed included.

Functions
---------
:func:`null_model`
    The random incidences themselves.
:func:`edge_significance`
    z-score and p-value of every tie's weight.
:func:`metric_significance`
    Any statistic of an incidence (a cluster metric, triple-helix T, ...).
:func:`measure_significance`
    Any registered measure (graph, cluster, node or edge level) of a graph
    built by :mod:`patnet.build`, recomputed on null graphs projected like
    it.

These are not registered measures themselves: significance needs the
incidence a graph was projected from, which the graph measure contract does
not carry; they work on a corpus, an :class:`~patnet.build.Incidence`, or a
graph built by :mod:`patnet.build` (its ``G.graph["_provenance"]``).

References
----------
Strona, G., Nappo, D., Boccacci, F., Fattorini, S. and San-Miguel-Ayanz, J.
(2014). A fast and unbiased procedure to randomize ecological binary
matrices with fixed row and column totals. *Nature Communications*, 5,
4114. https://doi.org/10.1038/ncomms5114

Carstens, C. J. (2015). Proof of uniform sampling of binary matrices with
fixed row sums and column sums for the fast Curveball algorithm.
*Physical Review E*, 91, 042812. https://doi.org/10.1103/PhysRevE.91.042812

Carstens, C. J., Berger, A. and Strona, G. (2016). Curveball: a new
generation of sampling algorithms for graphs with fixed degree sequence.
arXiv:1609.05137.

Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be
zero. *Statistical Applications in Genetics and Molecular Biology*, 9(1),
39.

Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery
rate. *Journal of the Royal Statistical Society B*, 57(1), 289-300.

Examples
--------
Two organisations, ``a`` and ``b``, file together far more often than their
activity explains:

>>> import pandas as pd
>>> from patnet.measures.null import edge_significance
>>> rows = [(f"p{k}", u) for k in range(12) for u in ("a", "b")]
>>> rows += [(f"q{k}", u) for k in range(12) for u in (["c", "d"], ["c", "e"], ["d", "e"])[k % 3]]
>>> rows += [(f"r{k}", u) for k, u in enumerate("abcdeabcde")]
>>> links = pd.DataFrame(rows, columns=["patent_id", "unit"])
>>> res = edge_significance(links, n=99, seed=1)
>>> res.loc[("a", "b"), ["observed", "p_value"]].tolist()
[12.0, 0.01]
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..build import SECTOR_ORDER, Incidence, incidence, level_incidence, occurrences, project
from ..build.graphs import on_focal_side
from ..build.weights import normalized_values
from ..corpus import PatentCorpus
from .._fast import unique_sorted
from ..exceptions import PatnetInputError
from ..schema import did_you_mean

__all__ = [
    "METHODS",
    "ALTERNATIVES",
    "null_model",
    "edge_significance",
    "metric_significance",
    "measure_significance",
]

#: Samplers of the null model.
METHODS = ("curveball", "swap")
#: Alternatives of the tests: the observed value is greater (stronger) than chance, less, or either.
ALTERNATIVES = ("greater", "less", "two-sided")
_P_DEFINITION = {
    "greater": "(1 + #null >= observed) / (1 + n_null)",
    "less": "(1 + #null <= observed) / (1 + n_null)",
    "two-sided": "min(1, 2 * min(p_greater, p_less))",
}


# --------------------------------------------------------------------------
# inputs

def _check_choice(name, value, choices):
    if value not in choices:
        raise PatnetInputError(f"unknown {name}={value!r}{did_you_mean(value, choices)}",
                               hint=f"Valid values of {name} are {', '.join(map(repr, choices))}")


def _check_count(name, value, minimum):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise PatnetInputError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _binary(M) -> sp.csr_array:
    """Canonical binary CSR (int64 ones, sorted indices, no explicit zeros)."""
    M = sp.csr_array(M)
    M.sum_duplicates()
    M.eliminate_zeros()
    M.sort_indices()
    return sp.csr_array((np.ones(M.nnz, dtype=np.int64), M.indices.astype(np.int64),
                         M.indptr.astype(np.int64)), shape=M.shape)


def _prepare(data):
    """``(binary csr, wrap)``: ``wrap(csr)`` gives a sample in the input's type."""
    if isinstance(data, Incidence):
        inc = data

        def wrap(M, info=None):
            return Incidence(M, inc.patents, inc.units, nodes=inc.nodes,
                             info={**inc.info, **(info or {})})

        return _binary(inc.matrix), wrap
    if isinstance(data, pd.DataFrame):
        return _prepare(incidence(data))
    if sp.issparse(data):
        return _binary(data), (lambda M, info=None: M)
    if isinstance(data, np.ndarray):
        if data.ndim != 2:
            raise PatnetInputError(f"an incidence array must be 2-D, got {data.ndim}-D")
        return _binary(sp.csr_array(data != 0)), (lambda M, info=None: M.toarray())
    raise PatnetInputError(
        "expected an Incidence, a link table, or a patent x unit matrix, got "
        f"{type(data).__name__}",
        hint="Build an incidence with pn.build.level_incidence(corpus, level)")


# --------------------------------------------------------------------------
# samplers (Markov chains on binary matrices with fixed margins)

def _ranges(starts, lengths):
    """Concatenated ``arange(s, s + l)`` for every (s, l)."""
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return offsets + np.arange(total, dtype=np.int64)


class _Curveball:
    """Global curveball rounds on the rows of a CSR matrix (row lengths never change)."""

    def __init__(self, M, rng):
        self.indptr = M.indptr.astype(np.int64)
        self.indices = M.indices.astype(np.int64).copy()
        self.n_rows, self.n_cols = M.shape
        self.rng = rng
        self.row_of = np.repeat(np.arange(self.n_rows, dtype=np.int64), np.diff(self.indptr))

    @property
    def pairs_per_round(self):
        return self.n_rows // 2

    def round(self):
        """One global round: pair all rows at random and trade every pair.

        Rows keep their slots in ``indices`` (their lengths never change); a
        trade deals the units that only one row of the pair has at random
        over the slots those units held, so each row gets back as many as it
        gave, a uniformly random subset of the pooled units.
        """
        r, m = self.n_rows, self.n_rows // 2
        if m == 0 or not len(self.indices):
            return
        rng = self.rng
        perm = rng.permutation(r)
        pair = np.full(r, -1, dtype=np.int64)
        pair[perm[:m]] = np.arange(m)
        pair[perm[m:2 * m]] = np.arange(m)
        units = self.indices
        ep = pair[self.row_of]
        paired = np.flatnonzero(ep >= 0)
        # units both rows of a pair have stay where they are
        key = ep[paired] * self.n_cols + units[paired]
        order = np.argsort(key)
        ks = key[order]
        dup = np.zeros(len(ks), dtype=bool)
        if len(ks) > 1:
            same = ks[1:] == ks[:-1]
            dup[1:] |= same
            dup[:-1] |= same
        free = paired[order[~dup]]                  # slots traded, grouped by pair
        if not len(free):
            return
        # a uniformly random permutation of the pooled units within each pair
        shuffle = rng.permutation(len(free))
        groups = ep[free][shuffle].astype(np.uint16 if m <= 2**16 else np.int64)  # radix sort
        shuffle = shuffle[np.argsort(groups, kind="stable")]
        new = units.copy()
        new[free] = units[free[shuffle]]
        self.indices = new

    def steps(self, n_trades):
        per = max(self.pairs_per_round, 1)
        for _ in range(int(math.ceil(n_trades / per))):
            self.round()

    def matrix(self):
        M = sp.csr_array((np.ones(len(self.indices), dtype=np.int64), self.indices.copy(),
                          self.indptr.copy()), shape=(self.n_rows, self.n_cols))
        M.has_sorted_indices = False
        M.sort_indices()
        return M


class _Swap:
    """Checkerboard swaps (edge switching) on the links of a binary matrix."""

    def __init__(self, M, rng):
        coo = sp.coo_array(M)
        self.shape = M.shape
        self.rows = coo.coords[0].astype(np.int64).tolist()
        self.cols = coo.coords[1].astype(np.int64).tolist()
        m = max(self.shape[1], 1)
        self.m = m
        self.keys = {p * m + u for p, u in zip(self.rows, self.cols)}
        self.rng = rng

    def steps(self, n_attempts):
        E = len(self.rows)
        if E < 2:
            return
        R, C, keys, m = self.rows, self.cols, self.keys, self.m
        left = int(n_attempts)
        while left > 0:
            k = min(left, 65536)
            left -= k
            I = self.rng.integers(0, E, size=k).tolist()
            J = self.rng.integers(0, E, size=k).tolist()
            for i, j in zip(I, J):
                p1, p2 = R[i], R[j]
                if p1 == p2:
                    continue
                u1, u2 = C[i], C[j]
                if u1 == u2:
                    continue
                k12, k21 = p1 * m + u2, p2 * m + u1
                if k12 in keys or k21 in keys:
                    continue
                keys.discard(p1 * m + u1)
                keys.discard(p2 * m + u2)
                keys.add(k12)
                keys.add(k21)
                C[i], C[j] = u2, u1

    def matrix(self):
        return _binary(sp.csr_array((np.ones(len(self.rows), dtype=np.int64),
                                     (np.asarray(self.rows, dtype=np.int64),
                                      np.asarray(self.cols, dtype=np.int64))), shape=self.shape))


def _defaults(D, method, n_swaps, burn_in):
    if method == "curveball":
        short = min(D.shape)
        default = 10 * max(short // 2, 1)          # ten global rounds
    else:
        default = 5 * max(D.nnz, 1)                # five attempts per link
    n_swaps = default if n_swaps is None else _check_count("n_swaps", n_swaps, 1)
    burn_in = 4 * n_swaps if burn_in is None else _check_count("burn_in", burn_in, 0)
    return n_swaps, burn_in


def _chain(D, *, n, rng, method, n_swaps, burn_in):
    """Yield ``n`` binary CSR samples with D's row and column sums."""
    if method == "curveball":
        transposed = D.shape[0] > D.shape[1]
        M = _binary(D.T) if transposed else D
        sampler = _Curveball(M, rng)
    else:
        transposed = False
        sampler = _Swap(D, rng)
    sampler.steps(burn_in)
    for _ in range(n):
        sampler.steps(n_swaps)
        M = sampler.matrix()
        yield _binary(M.T) if transposed else M


def _seed_label(seed):
    if seed is None:
        return "none"
    return int(seed) if isinstance(seed, (int, np.integer)) else "generator"


def _rng(seed):
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)


def null_model(data, *, n=100, seed=0, method="curveball", n_swaps=None, burn_in=None):
    """Random patent x unit incidences with the observed team sizes and unit activities.

    Every sample is a binary patent x unit matrix with exactly the observed
    number of distinct units on each patent (row sums) and of patents of
    each unit (column sums), drawn from a Markov chain whose stationary
    distribution is uniform over all such matrices (see the module
    docstring).

    Parameters
    ----------
    data : Incidence, pandas.DataFrame, sparse matrix or numpy array
        The observed incidence (:func:`patnet.build.level_incidence`), a link
        table ``patent_id, unit`` (see :func:`patnet.build.incidence`), or a
        patent x unit matrix (entries > 0 count as links).
    n : int
        Number of samples.
    seed : int, numpy.random.Generator or None
        Seed of a private generator (global random states are untouched).
    method : {"curveball", "swap"}
        Sampler; see the module docstring.
    n_swaps : int, optional
        Steps between successive samples: trades of two rows for
        ``"curveball"`` (rounded up to whole global rounds; default ten
        rounds, 10 x (shorter side // 2) trades), attempted swaps for
        ``"swap"`` (default 5 x the number of links).
    burn_in : int, optional
        Extra steps before the first sample (default 4 x ``n_swaps``).

    Returns
    -------
    iterator
        ``n`` samples of the input's type: :class:`~patnet.build.Incidence`
        (same patents, units and node attributes; binary matrix; ``info``
        adds ``null_model``, ``null_sample``, ``seed``) for an incidence or
        a link table, ``scipy.sparse.csr_array`` for a sparse matrix, and
        a 0/1 numpy array for an array.

    Examples
    --------
    >>> import numpy as np
    >>> from patnet.measures.null import null_model
    >>> B = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [1, 0, 0, 1], [0, 0, 1, 1], [1, 1, 1, 0]])
    >>> samples = list(null_model(B, n=50, seed=3))
    >>> all((S.sum(axis=1) == B.sum(axis=1)).all() and (S.sum(axis=0) == B.sum(axis=0)).all()
    ...     for S in samples)
    True
    >>> len({S.tobytes() for S in samples}) > 1
    True
    >>> all((a == b).all() for a, b in zip(samples, null_model(B, n=50, seed=3)))
    True
    """
    _check_choice("method", method, METHODS)
    n = _check_count("n", n, 0)
    D, wrap = _prepare(data)
    n_swaps, burn_in = _defaults(D, method, n_swaps, burn_in)
    rng = _rng(seed)
    seed_label = _seed_label(seed)

    def samples():
        for k, M in enumerate(_chain(D, n=n, rng=rng, method=method, n_swaps=n_swaps,
                                     burn_in=burn_in)):
            yield wrap(M, {"null_model": method, "null_sample": k, "seed": seed_label})

    return samples()


# --------------------------------------------------------------------------
# statistics against the null

class _Tally:
    """Running mean and variance (Welford) and exceedance counts, vectorised."""

    def __init__(self, observed):
        self.obs = np.asarray(observed, dtype=np.float64)
        k = self.obs.shape
        self.n = np.zeros(k, dtype=np.int64)
        self.mean = np.zeros(k)
        self.m2 = np.zeros(k)
        self.ge = np.zeros(k, dtype=np.int64)
        self.le = np.zeros(k, dtype=np.int64)
        self.tol = 1e-9 * np.maximum(1.0, np.abs(np.nan_to_num(self.obs)))

    def add(self, x):
        x = np.asarray(x, dtype=np.float64)
        ok = ~np.isnan(x)
        xs = np.where(ok, x, 0.0)
        self.n += ok
        nn = np.maximum(self.n, 1)
        delta = xs - self.mean
        self.mean = np.where(ok, self.mean + delta / nn, self.mean)
        self.m2 = np.where(ok, self.m2 + delta * (xs - self.mean), self.m2)
        self.ge += ok & (xs >= self.obs - self.tol)
        self.le += ok & (xs <= self.obs + self.tol)

    def table(self, alternative):
        n = self.n
        with np.errstate(invalid="ignore", divide="ignore"):
            sd = np.where(n > 1, np.sqrt(self.m2 / np.maximum(n - 1, 1)), np.nan)
            z = np.where(sd > 0, (self.obs - self.mean) / np.where(sd > 0, sd, 1.0), np.nan)
            p_ge = (1 + self.ge) / (1 + n)
            p_le = (1 + self.le) / (1 + n)
        if alternative == "greater":
            p = p_ge
        elif alternative == "less":
            p = p_le
        else:
            p = np.minimum(1.0, 2 * np.minimum(p_ge, p_le))
        bad = np.isnan(self.obs) | (n == 0)
        mean = np.where(n > 0, self.mean, np.nan)
        return {"observed": self.obs, "null_mean": mean, "null_sd": sd, "z": z,
                "p_value": np.where(bad, np.nan, p), "n_null": n}


def _bh(p):
    """Benjamini-Hochberg adjusted p-values (NaN stay NaN)."""
    p = np.asarray(p, dtype=np.float64)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    if not len(ok):
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    m = len(order)
    adj = p[order] * m / np.arange(1, m + 1)
    adj = np.minimum.accumulate(adj[::-1])[::-1]
    out[order] = np.minimum(adj, 1.0)
    return out


def _pair_values(W, keys, n_units):
    """Values of the symmetric matrix W at the pairs ``keys = r * n_units + c``."""
    coo = sp.coo_array(W)
    r, c = coo.coords
    up = r < c
    wk = r[up].astype(np.int64) * n_units + c[up].astype(np.int64)
    order = np.argsort(wk)
    wk, wv = wk[order], coo.data[up][order]
    if not len(wk):
        return np.zeros(len(keys))
    pos = np.minimum(np.searchsorted(wk, keys), len(wk) - 1)
    return np.where(wk[pos] == keys, wv[pos], 0.0)


def _edge_input(data, level, counting, options):
    """``(Incidence or matrix, unit labels, counting, info, edges to report or None)``."""
    edges = None
    info = {}
    if isinstance(data, PatentCorpus):
        if level is None:
            raise PatnetInputError("edge_significance() of a corpus needs level=",
                                   hint="e.g. level='province+country', 'org', 'country'")
        inc = level_incidence(data, level, **options)
        info["level"] = level
    else:
        if level is not None or options:
            raise PatnetInputError("level= and level options apply to a corpus only",
                                   hint="An incidence or a graph already has its level")
        if isinstance(data, nx.Graph):
            inc = data.graph.get("_provenance")
            if not isinstance(inc, Incidence):
                raise PatnetInputError(
                    "this graph does not carry the incidence it was projected from",
                    hint="Use a graph built by patnet.build, or pass the corpus with level=")
            if counting is None:
                counting = data.graph.get("counting", "full")
            info["level"] = data.graph.get("level", "links")
            edges = [(u, v) for u, v in data.edges() if u != v]
        elif isinstance(data, Incidence):
            inc = data
            info["level"] = str(inc.info.get("level", "links"))
        elif isinstance(data, pd.DataFrame):
            inc = incidence(data)
            info["level"] = "links"
        else:
            D, _ = _prepare(data)
            inc = Incidence(D, np.array([str(i) for i in range(D.shape[0])], dtype=object),
                            np.arange(D.shape[1], dtype=object))
            info["level"] = "matrix"
    return inc, "full" if counting is None else counting, info, edges


def edge_significance(data, level=None, *, counting=None, n=200, seed=0, method="curveball",
                      n_swaps=None, burn_in=None, alternative="greater", **options) -> pd.DataFrame:
    """Is each tie stronger than chance? Observed edge weights against the null model.

    For every pair of units that share a patent, the observed weight
    :math:`w_{uv}` (the projection of the incidence under ``counting``, see
    :func:`patnet.build.project`) is compared with its distribution over
    ``n`` incidences of :func:`null_model` (same team sizes, same unit
    activities):

    .. math::

        z_{uv} = \\frac{w_{uv} - \\bar w^{null}_{uv}}{s^{null}_{uv}}, \\qquad
        p_{uv} = \\frac{1 + \\#\\{w^{null}_{uv} \\ge w_{uv}\\}}{1 + n}.

    Parameters
    ----------
    data : PatentCorpus, Incidence, networkx.Graph, link table or matrix
        A corpus (with ``level=``), an incidence, a graph built by
        :mod:`patnet.build` (its edges are reported, its provenance
        incidence randomised, its ``counting`` used), a link table
        ``patent_id, unit``, or a patent x unit matrix.
    level : str, optional
        For a corpus: see :func:`patnet.build.level_incidence`.
    counting : {"full", "fractional", "patent_share"}, optional
        How a patent weighs its pairs (default ``"full"``: patents shared,
        or the graph's counting). Team sizes are kept by the null model, so
        every counting is fair.
    n : int
        Null samples.
    seed : int, numpy.random.Generator or None
        Seed (private generator; global random states untouched).
    method, n_swaps, burn_in
        Sampler; see :func:`null_model`.
    alternative : {"greater", "less", "two-sided"}
        ``"greater"`` (default): the tie is stronger than chance.
    **options
        Level options of :func:`patnet.build.level_incidence` (for a corpus).

    Returns
    -------
    pandas.DataFrame
        One row per observed tie, indexed by ``(u, v)`` (unit ids, ``u``
        before ``v`` in sorted order), with ``observed`` (weight),
        ``n_patents`` (patents shared), ``null_mean``, ``null_sd``, ``z``
        (NaN when the null sd is 0), ``p_value`` and ``q_value``
        (Benjamini-Hochberg adjusted over the table's ties, for reading
        many ties at once). ``attrs`` records every option and the
        p-value's definition.

    Examples
    --------
    A tie planted on twelve patents stands out (the c-d-e triangle, four
    patents a pair, is above chance too, less clearly):

    >>> import pandas as pd
    >>> from patnet.measures.null import edge_significance
    >>> rows = [(f"p{k}", u) for k in range(12) for u in ("a", "b")]
    >>> rows += [(f"q{k}", u) for k in range(12)
    ...          for u in (["c", "d"], ["c", "e"], ["d", "e"])[k % 3]]
    >>> rows += [(f"r{k}", u) for k, u in enumerate("abcdeabcde")]
    >>> res = edge_significance(pd.DataFrame(rows, columns=["patent_id", "unit"]),
    ...                         n=99, seed=1)
    >>> res["p_value"].round(2).to_dict()
    {('a', 'b'): 0.01, ('c', 'd'): 0.06, ('c', 'e'): 0.05, ('d', 'e'): 0.06}
    """
    _check_choice("method", method, METHODS)
    _check_choice("alternative", alternative, ALTERNATIVES)
    n = _check_count("n", n, 1)
    inc, counting, info, edges = _edge_input(data, level, counting, options)
    _check_choice("counting", counting, ("full", "fractional", "patent_share"))
    D = _binary(inc.matrix)
    units = np.asarray(inc.units, dtype=object)
    n_units = D.shape[1]
    W = project(D, counting)
    F = project(D, "full")
    if edges is None:
        coo = sp.coo_array(F)
        r, c = coo.coords
        up = r < c
        keys = unique_sorted(r[up].astype(np.int64) * n_units + c[up].astype(np.int64))
    else:
        pos = inc.unit_index.get_indexer([x for e in edges for x in e]).reshape(-1, 2) \
            if edges else np.zeros((0, 2), dtype=np.int64)
        if (pos < 0).any():
            raise PatnetInputError(
                "a graph edge joins a node that is not in its provenance incidence")
        lo, hi = pos.min(axis=1), pos.max(axis=1)
        keys = unique_sorted(lo.astype(np.int64) * n_units + hi)
    r, c = keys // max(n_units, 1), keys % max(n_units, 1)
    observed = _pair_values(W, keys, n_units)
    tally = _Tally(observed)
    n_swaps, burn_in = _defaults(D, method, n_swaps, burn_in)
    for M in _chain(D, n=n, rng=_rng(seed), method=method, n_swaps=n_swaps, burn_in=burn_in):
        tally.add(_pair_values(project(M, counting), keys, n_units))
    cols = tally.table(alternative)
    index = pd.MultiIndex.from_arrays([units[r], units[c]], names=["u", "v"])
    out = pd.DataFrame({
        "observed": cols["observed"],
        "n_patents": _pair_values(F, keys, n_units).astype(np.int64),
        "null_mean": cols["null_mean"], "null_sd": cols["null_sd"], "z": cols["z"],
        "p_value": cols["p_value"], "q_value": _bh(cols["p_value"]),
    }, index=index)
    out.attrs = {"measure": "edge_significance", **info, "counting": counting,
                 "null_model": method, "n": n, "n_swaps": n_swaps, "burn_in": burn_in,
                 "seed": _seed_label(seed),
                 "alternative": alternative, "p_value_definition": _P_DEFINITION[alternative],
                 "q_value_definition": "Benjamini-Hochberg over the rows of this table",
                 "preserved": "distinct units per patent and patents per unit (binary incidence)"}
    return out


def _as_stats(value, where):
    if isinstance(value, pd.Series):
        return {k: value[k] for k in value.index}
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (bool, int, float, np.integer, np.floating, np.bool_)):
        return {"value": value}
    raise PatnetInputError(
        f"the statistic must return a number, a dict or a pandas Series; got "
        f"{type(value).__name__} on {where}",
        hint="e.g. lambda inc: float(...) or a Series indexed by cluster")


def _float(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return float("nan")


def metric_significance(func, data, *, n=200, seed=0, method="curveball", n_swaps=None,
                        burn_in=None, alternative="greater", return_null=False):
    """Any statistic of an incidence against the null model (cluster metrics, T, ...).

    ``func`` is computed on the observed incidence and on ``n`` samples of
    :func:`null_model`; each of its values gets a z-score and an empirical
    p-value (see the module docstring).

    Parameters
    ----------
    func : callable
        ``func(incidence) -> float | dict | pandas.Series``; it receives
        incidences of the type :func:`null_model` yields for ``data``
        (binary, observed included), and must return the same keys each
        time (a key missing from a null sample counts as NaN; NaN values
        are left out of that key's null distribution).
    data : Incidence, pandas.DataFrame, sparse matrix or numpy array
        The observed incidence (see :func:`null_model`).
    n, seed, method, n_swaps, burn_in
        See :func:`null_model`.
    alternative : {"greater", "less", "two-sided"}
        ``"less"`` for statistics where chance would be higher (a negative
        triple-helix T: more synergy than chance).
    return_null : bool
        Also return the null values (an ``n x statistics`` DataFrame).

    Returns
    -------
    pandas.DataFrame or (pandas.DataFrame, pandas.DataFrame)
        Indexed by ``statistic`` (``"value"`` for a scalar; the dict keys or
        Series index otherwise), with ``observed``, ``null_mean``,
        ``null_sd``, ``z``, ``p_value`` and ``n_null`` (valid null values).

    Examples
    --------
    Share of co-invention links inside two clusters of units:

    >>> import numpy as np, pandas as pd
    >>> from patnet.build import incidence, project
    >>> from patnet.measures.null import metric_significance
    >>> rows = [(f"p{k}", u) for k in range(10) for u in (("a", "b"), ("c", "d"))[k % 2]]
    >>> rows += [(f"q{k}", u) for k, u in enumerate("abcdabcd")]
    >>> rows += [("x1", "a"), ("x1", "c"), ("x2", "b"), ("x2", "d")]
    >>> inc = incidence(pd.DataFrame(rows, columns=["patent_id", "unit"]))
    >>> cluster = np.array([0, 0, 1, 1])                         # a, b | c, d
    >>> def inside(inc):
    ...     W = project(inc.matrix).toarray()
    ...     return float(W[cluster[:, None] == cluster[None, :]].sum() / W.sum())
    >>> res = metric_significance(inside, inc, n=99, seed=0)
    >>> round(float(res.loc["value", "observed"]), 3), bool(res.loc["value", "p_value"] < 0.05)
    (0.833, True)
    """
    if not callable(func):
        raise PatnetInputError(f"func must be callable, got {type(func).__name__}")
    _check_choice("method", method, METHODS)
    _check_choice("alternative", alternative, ALTERNATIVES)
    n = _check_count("n", n, 1)
    D, wrap = _prepare(data)
    observed = _as_stats(func(wrap(D, {"null_model": "observed"})), "the observed incidence")
    names = list(observed)
    tally = _Tally([_float(observed[k]) for k in names])
    seed_label = _seed_label(seed)
    n_swaps, burn_in = _defaults(D, method, n_swaps, burn_in)
    null_rows = []
    for k, M in enumerate(_chain(D, n=n, rng=_rng(seed), method=method, n_swaps=n_swaps,
                                 burn_in=burn_in)):
        res = _as_stats(func(wrap(M, {"null_model": method, "null_sample": k, "seed": seed_label})),
                        f"null sample {k}")
        row = [_float(res.get(key, float("nan"))) for key in names]
        tally.add(row)
        if return_null:
            null_rows.append(row)
    cols = tally.table(alternative)
    out = pd.DataFrame(cols, index=pd.Index(names, name="statistic"))
    out = out[["observed", "null_mean", "null_sd", "z", "p_value", "n_null"]]
    out.attrs = {"measure": "metric_significance", "statistic": getattr(func, "__name__", "func"),
                 "null_model": method, "n": n, "n_swaps": n_swaps, "burn_in": burn_in,
                 "seed": seed_label, "alternative": alternative,
                 "p_value_definition": _P_DEFINITION[alternative],
                 "preserved": "distinct units per patent and patents per unit (binary incidence)"}
    if return_null:
        null = pd.DataFrame(null_rows, columns=pd.Index(names, name="statistic"),
                            index=pd.RangeIndex(n, name="sample"))
        return out, null
    return out


def _unset(value):
    return value is None or value == "none"


def _null_graph_factory(G):
    """``(incidence, build(M, info) -> Graph)`` for null graphs projected like ``G``."""
    inc = G.graph.get("_provenance")
    if not isinstance(inc, Incidence):
        raise PatnetInputError("this graph does not carry the incidence it was projected from",
                               hint="Use a graph built by patnet.build (graph, geo_graph, "
                                    "org_graph, ...)")
    g = G.graph
    if G.is_directed() or G.is_multigraph():
        raise PatnetInputError("measure_significance() takes the undirected graphs of patnet.build")
    unsupported = [k for k in ("min_weight", "top_k") if not _unset(g.get(k))]
    if g.get("self_loops") is True:
        unsupported.append("self_loops")
    restrict = g.get("restrict") is True
    if restrict and g.get("builder") != "geo_graph":  # pragma: no cover - only geo_graph restricts
        unsupported.append("restrict")
    if unsupported:
        raise PatnetInputError(
            f"null graphs cannot repeat the edge filter(s) {', '.join(unsupported)} of this graph",
            hint="Build the graph without them, or test the statistic on the incidence with "
                 "metric_significance()")
    counting = g.get("counting", "full")
    norm = None if _unset(g.get("normalize")) else g["normalize"]
    units = np.asarray(inc.units, dtype=object)
    n_units = len(units)
    keep = np.array([u in G for u in units], dtype=bool)
    # restrict=True (geo_graph): the graph's nodes are the focal side (provinces and the
    # focal country) and the partners; an edge is kept when it joins the two sides, as
    # the builder keeps them
    attrs = [G.nodes[u] if u in G else {} for u in units]
    focal_side = keep & on_focal_side([a.get("kind") for a in attrs],
                                      [a.get("country") for a in attrs], g.get("focal"))
    with_pairs = any("sector_pair" in d for _, _, d in G.edges(data=True))
    rank = {s: i for i, s in enumerate(SECTOR_ORDER)}
    nodes = list(G.nodes(data=True))
    graph_attrs = {k: v for k, v in g.items() if k != "_provenance"}

    def build(M, info):
        W = sp.coo_array(project(M, counting))
        F = project(M, "full")
        r, c, link = W.coords[0].astype(np.int64), W.coords[1].astype(np.int64), W.data
        value = link if norm is None else normalized_values(norm, r, c, link, n_units,
                                                            occurrences(M))
        up = (r < c) & keep[r] & keep[c]
        if restrict:
            up &= focal_side[r] != focal_side[c]
        r, c, value, link = r[up], c[up], value[up], link[up]
        full = _pair_values(F, r * n_units + c, n_units)
        H = nx.Graph()
        H.graph.update(graph_attrs)
        H.graph.update(info)
        H.graph["_provenance"] = Incidence(M, inc.patents, inc.units, nodes=inc.nodes,
                                           info={**inc.info, **info})
        H.add_nodes_from((n, dict(d)) for n, d in nodes)
        for k in range(len(r)):
            u, v = units[r[k]], units[c[k]]
            attrs = {"weight": float(value[k]), "n_patents": int(full[k])}
            if norm is not None:
                attrs["link_weight"] = float(link[k])
            if with_pairs:
                a, b = G.nodes[u].get("sector", ""), G.nodes[v].get("sector", "")
                if rank.get(b, len(rank)) < rank.get(a, len(rank)):
                    a, b = b, a
                attrs["sector_pair"] = f"{a}|{b}"
            H.add_edge(u, v, **attrs)
        return H

    return inc, build


def measure_significance(measure, G, partition=None, *, n=200, seed=0, method="curveball",
                         n_swaps=None, burn_in=None, alternative="greater", return_null=False,
                         **options):
    """A registered measure of a patnet graph against graphs projected from the null model.

    The graph's provenance incidence (``G.graph["_provenance"]``) is
    randomised by :func:`null_model`; each random incidence is projected
    like ``G`` (same counting and normalisation, same nodes with the same
    attributes; team sizes and unit patent counts are preserved, so
    ``n_patents`` stays right), the measure is computed on it, and each value
    of the measure gets a z-score and an empirical p-value
    (see :func:`metric_significance`). The observed value is computed on
    ``G`` re-projected from its binary incidence the same way (equal to
    ``G`` for the graphs this function accepts), so both sides are computed
    alike.

    Parameters
    ----------
    measure : str, Measure or callable
        A registered measure (see :func:`patnet.measures.available_measures`)
        of any level, or a function ``f(G, **options)`` (``f(G, partition,
        **options)`` when ``partition`` is given).
    G : networkx.Graph
        Built by :mod:`patnet.build` without ``min_weight``, ``top_k`` or
        ``self_loops`` (null graphs cannot repeat those filters; test such
        statistics on the incidence with :func:`metric_significance`). A
        graph of :func:`patnet.build.geo_graph` with ``restrict=True`` is
        accepted: each null graph keeps the same nodes and, like the
        builder, only the edges between the focal side and a partner.
    partition : dict, optional
        For cluster measures: node -> cluster.
    n, seed, method, n_swaps, burn_in, alternative, return_null
        See :func:`metric_significance`.
    **options
        Passed to the measure.

    Returns
    -------
    pandas.DataFrame or (pandas.DataFrame, pandas.DataFrame)
        As :func:`metric_significance`; the index is the measure's (``value``
        for a scalar, the dict keys, or the nodes / clusters / edges).

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> from patnet.measures.null import measure_significance
    >>> c = make_corpus({**{f"a{k}": ["CN", "SG"] for k in range(8)},
    ...                  **{f"b{k}": ["US", "DE"] for k in range(8)},
    ...                  **{f"c{k}": pair for k, pair in enumerate(
    ...                      [["CN", "US"], ["SG", "DE"], ["CN", "DE"], ["SG", "US"]])}})
    >>> G = pn.build.geo_graph(c, level="country")
    >>> part = {"country:CN": 0, "country:SG": 0, "country:US": 1, "country:DE": 1}
    >>> def inside(G, partition):
    ...     w = [d["weight"] for u, v, d in G.edges(data=True) if partition[u] == partition[v]]
    ...     return sum(w) / G.size(weight="weight")
    >>> res = measure_significance(inside, G, part, n=99, seed=0)
    >>> round(float(res.loc["value", "observed"]), 2), bool(res.loc["value", "p_value"] < 0.05)
    (0.8, True)
    """
    from .registry import Measure, get_measure

    if isinstance(measure, Measure):
        func, needs = measure.func, measure.needs_partition
    elif isinstance(measure, str):
        meas = get_measure(measure)
        func, needs = meas.func, meas.needs_partition
    elif callable(measure):
        func, needs = measure, partition is not None
    else:
        raise PatnetInputError(f"measure must be a name, a Measure or a function, got "
                               f"{type(measure).__name__}")
    if needs and partition is None:
        raise PatnetInputError("this is a cluster measure: pass partition= (node -> cluster)")
    if not isinstance(G, nx.Graph):
        raise PatnetInputError(f"expected a networkx graph built by patnet.build, got "
                               f"{type(G).__name__}")
    inc, build = _null_graph_factory(G)
    args = (partition,) if needs else ()

    def stat(s):
        # the observed graph is re-projected too, so that both sides are computed alike
        info = {k: s.info[k] for k in ("null_model", "null_sample", "seed") if k in s.info}
        res = func(build(s.matrix, info), *args, **options)
        if isinstance(res, pd.DataFrame):
            res = res.stack()
        return res

    out = metric_significance(stat, inc, n=n, seed=seed, method=method, n_swaps=n_swaps,
                              burn_in=burn_in, alternative=alternative, return_null=return_null)
    table = out[0] if return_null else out
    table.attrs["statistic"] = getattr(measure, "name", getattr(func, "__name__", "measure"))
    table.attrs["measure"] = "measure_significance"
    return out
