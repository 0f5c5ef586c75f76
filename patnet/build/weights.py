"""Link counting and normalisation on sparse co-occurrence matrices.

Every function here works on SciPy sparse matrices (or arrays) and NumPy
vectors, never on Python loops over patents or units. Names say what they
compute:

==========================  ==================================================
counting (pair weights)     weight a pair of units gets from one patent with
                            ``n`` distinct units
==========================  ==================================================
``"full"``                  1 (the edge weight is the number of patents the
                            two units share)
``"fractional"``            1/(n-1) (Newman 2001; Perianes-Rodriguez, Waltman
                            & van Eck 2016): a unit's total link strength is
                            its number of multi-unit patents
``"patent_share"``          1/C(n, 2): the pairs of a patent share one unit of
                            weight, so the total edge weight is the number of
                            multi-unit patents
==========================  ==================================================

``n`` counts *distinct* units: a patent with two Beijing inventors and one
Shanghai inventor has n = 2 at the province level.

==========================  ==================================================
normalisation               value of an edge with weight a_ij
==========================  ==================================================
``association_strength``    a_ij 2m / (s_i s_j) on *total link strengths*
                            s_i = sum_j a_ij and total weight m (Van Eck &
                            Waltman; what VOSviewer computes)
``occurrence_association``  a_ij / (c_i c_j) on *occurrences* c_i (patents of
                            unit i): the variant bibliometrix's
                            ``normalizeSimilarity`` calls "association"
``salton``                  a_ij / sqrt(c_i c_j) (cosine), occurrences
``jaccard``                 a_ij / (c_i + c_j - a_ij), occurrences
``inclusion``               a_ij / min(c_i, c_j), occurrences
``equivalence``             a_ij^2 / (c_i c_j), occurrences
==========================  ==================================================

References
----------
.. [1] M. E. J. Newman, "Scientific collaboration networks. II. Shortest
   paths, weighted networks, and centrality", Phys. Rev. E 64, 016132 (2001).
.. [2] A. Perianes-Rodriguez, L. Waltman and N. J. van Eck, "Constructing
   bibliometric networks: A comparison between full and fractional
   counting", Journal of Informetrics 10(4), 1178-1195 (2016).
.. [3] N. J. van Eck and L. Waltman, "How to normalize cooccurrence data? An
   analysis of some well-known similarity measures", JASIST 60(8),
   1635-1651 (2009).
.. [4] N. J. van Eck and L. Waltman, "Software survey: VOSviewer, a computer
   program for bibliometric mapping", Scientometrics 84, 523-538 (2010).
.. [5] M. Aria and C. Cuccurullo, "bibliometrix: An R-tool for comprehensive
   science mapping analysis", Journal of Informetrics 11(4), 959-975 (2017).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..exceptions import PatnetInputError
from ..schema import did_you_mean

__all__ = [
    "COUNTINGS",
    "NORMALIZATIONS",
    "OCCURRENCE_NORMALIZATIONS",
    "check_counting",
    "check_normalization",
    "pair_weights",
    "normalize",
    "association_strength",
    "occurrence_association",
    "salton",
    "jaccard",
    "inclusion",
    "equivalence",
    "backbone",
    "top_k_mask",
    "normalized_values",
    "describe_weight",
]

#: Ways to count a link between two units, by what one patent contributes.
COUNTINGS = ("full", "fractional", "patent_share")

#: Normalisations of a co-occurrence matrix, each named for what it computes.
NORMALIZATIONS = ("association_strength", "occurrence_association", "salton", "jaccard",
                  "inclusion", "equivalence")

#: The normalisations defined on occurrences (numbers of patents), which
#: assume full counting: a_ij is then a number of patents, at most min(c_i, c_j).
OCCURRENCE_NORMALIZATIONS = NORMALIZATIONS[1:]

_COUNTING_TEXT = {
    "full": "number of patents on which both units appear (full counting)",
    "fractional": "sum over shared patents of 1/(n-1), n distinct units on the patent "
                  "(fractional counting, Newman 2001)",
    "patent_share": "sum over shared patents of 1/C(n,2), n distinct units on the patent "
                    "(each patent's pairs share one unit of weight)",
}
_NORMALIZATION_TEXT = {
    "association_strength": "association strength a_ij*2m/(s_i*s_j) on total link strengths "
                            "(Van Eck & Waltman, as VOSviewer computes it)",
    "occurrence_association": "a_ij/(c_i*c_j) on occurrences c (patents per unit), the "
                              "variant bibliometrix calls 'association'",
    "salton": "Salton's cosine a_ij/sqrt(c_i*c_j) on occurrences c (patents per unit)",
    "jaccard": "Jaccard index a_ij/(c_i+c_j-a_ij) on occurrences c (patents per unit)",
    "inclusion": "inclusion index a_ij/min(c_i,c_j) on occurrences c (patents per unit)",
    "equivalence": "equivalence index a_ij^2/(c_i*c_j) on occurrences c (patents per unit)",
}


def check_counting(counting) -> str:
    """Return ``counting`` if it is one of :data:`COUNTINGS`, else raise PatnetInputError."""
    if counting not in COUNTINGS:
        raise PatnetInputError(
            f"unknown counting {counting!r}{did_you_mean(counting, COUNTINGS)}",
            hint=f"Valid countings are {', '.join(map(repr, COUNTINGS))}")
    return counting


def check_normalization(method, counting="full"):
    """Return ``method`` (or None) if valid with ``counting``, else raise PatnetInputError.

    The occurrence-based normalisations compare a number of shared patents
    with numbers of patents, so they need ``counting="full"``;
    ``association_strength`` works on total link strengths and accepts any
    counting.
    """
    if method is None:
        return None
    if method not in NORMALIZATIONS:
        raise PatnetInputError(
            f"unknown normalization {method!r}{did_you_mean(method, NORMALIZATIONS)}",
            hint=f"Valid normalizations are None, {', '.join(map(repr, NORMALIZATIONS))}")
    if method in OCCURRENCE_NORMALIZATIONS and counting != "full":
        raise PatnetInputError(
            f"normalization {method!r} divides by occurrences (patents per unit) and needs "
            f"counting='full', not {counting!r}",
            hint="Use counting='full', or normalization='association_strength', which works on "
                 "total link strengths under any counting")
    return method


def describe_weight(counting, normalization=None) -> str:
    """A sentence saying what an edge weight is (recorded as ``G.graph["weight_definition"]``).

    Examples
    --------
    >>> from patnet.build.weights import describe_weight
    >>> describe_weight("full")
    'number of patents on which both units appear (full counting)'
    """
    check_counting(counting)
    check_normalization(normalization, counting)
    if normalization is None:
        return _COUNTING_TEXT[counting]
    return f"{_NORMALIZATION_TEXT[normalization]}, of link weights a = {_COUNTING_TEXT[counting]}"


def pair_weights(n, counting="full") -> np.ndarray:
    """Weight each pair of units gets from a patent with ``n`` distinct units.

    Parameters
    ----------
    n : array-like of int
        Number of distinct units on each patent.
    counting : {"full", "fractional", "patent_share"}
        ``"full"``: 1; ``"fractional"``: 1/(n-1); ``"patent_share"``:
        1/C(n, 2) = 2/(n(n-1)). Patents with fewer than two units have no
        pairs and get 0.

    Returns
    -------
    numpy.ndarray of float64

    Examples
    --------
    A patent with inventors in Shanghai, Guangdong and Jiangsu (twice) has
    n = 3 distinct provinces and three pairs:

    >>> from patnet.build.weights import pair_weights
    >>> pair_weights([1, 2, 3], "full").tolist()
    [0.0, 1.0, 1.0]
    >>> pair_weights([1, 2, 3], "fractional").tolist()   # each province's pairs sum to 1
    [0.0, 1.0, 0.5]
    >>> pair_weights([1, 2, 3], "patent_share").round(4).tolist()  # the 3 pairs sum to 1
    [0.0, 1.0, 0.3333]
    """
    check_counting(counting)
    n = np.asarray(n, dtype=np.float64)
    out = np.zeros(n.shape, dtype=np.float64)
    multi = n >= 2
    if counting == "full":
        out[multi] = 1.0
    elif counting == "fractional":
        out[multi] = 1.0 / (n[multi] - 1.0)
    elif counting == "patent_share":
        out[multi] = 2.0 / (n[multi] * (n[multi] - 1.0))
    else:  # pragma: no cover - check_counting raised
        raise AssertionError(counting)
    return out


def _entries(W):
    """(rows, cols, values, shape) of a square sparse matrix with an empty diagonal."""
    if not sp.issparse(W):
        raise PatnetInputError(f"expected a SciPy sparse matrix, got {type(W).__name__}",
                               hint="Build one with patnet.build.project(...)")
    if W.shape[0] != W.shape[1]:
        raise PatnetInputError(f"expected a square co-occurrence matrix, got shape {W.shape}")
    coo = sp.coo_array(W)
    coo.sum_duplicates()
    r, c = coo.coords
    if np.any((r == c) & (coo.data != 0)):
        raise PatnetInputError(
            "the co-occurrence matrix has a non-empty diagonal",
            hint="Normalise the projection without self-loops (project(..., self_loops=False))")
    return r, c, coo.data.astype(np.float64), coo.shape


def _rebuild(r, c, values, shape):
    return sp.csr_array((values, (r, c)), shape=shape)


def _occ(occurrences, n):
    if occurrences is None:
        raise PatnetInputError(
            "this normalisation divides by occurrences (patents per unit): pass occurrences=",
            hint="Use patnet.build.occurrences(B) on the patent x unit incidence matrix")
    c = np.asarray(occurrences, dtype=np.float64).ravel()
    if c.shape != (n,):
        raise PatnetInputError(f"occurrences has {c.size} values for {n} units")
    return c


def association_strength(W):
    """Association strength on total link strengths, as VOSviewer computes it.

    .. math:: AS_{ij} = \\frac{2m\\, a_{ij}}{s_i s_j}, \\qquad
              s_i = \\sum_{j \\ne i} a_{ij}, \\qquad m = \\tfrac12 \\sum_i s_i

    ``s_i`` is unit i's *total link strength* (the sum of its edge weights,
    self-loops excluded) and ``m`` the total edge weight. The value is the
    ratio of the observed weight to the weight expected if links formed at
    random in proportion to strength; it is 1 at independence.

    Parameters
    ----------
    W : sparse matrix
        Symmetric unit x unit link weights with an empty diagonal, under any
        counting.

    Returns
    -------
    scipy.sparse.csr_array

    References
    ----------
    .. [1] N. J. van Eck and L. Waltman, "How to normalize cooccurrence data?",
       JASIST 60(8), 1635-1651 (2009); VOSviewer manual, "association strength".

    Examples
    --------
    The four-patent toy corpus (provinces P1 = BJ, BJ, SH; P2 = BJ, GD;
    P3 = SH, GD, JS, JS; P4 = BJ) has full-count edges BJ-SH, BJ-GD, SH-GD,
    SH-JS, GD-JS of weight 1, so m = 5, s_BJ = 2, s_SH = 3 and
    AS(BJ, SH) = 1 x 10 / (2 x 3) = 10/6:

    >>> import numpy as np, scipy.sparse as sp
    >>> from patnet.build.weights import association_strength
    >>> # units in order BJ, GD, JS, SH
    >>> W = sp.csr_array(np.array([[0, 1, 0, 1], [1, 0, 1, 1], [0, 1, 0, 1], [1, 1, 1, 0]], float))
    >>> round(float(association_strength(W)[0, 3]), 4)
    1.6667
    """
    r, c, a, shape = _entries(W)
    return _rebuild(r, c, normalized_values("association_strength", r, c, a, shape[0]), shape)


def occurrence_association(W, occurrences):
    """``a_ij / (c_i c_j)`` on occurrences: what bibliometrix calls "association".

    .. math:: A_{ij} = \\frac{a_{ij}}{c_i c_j}

    ``c_i`` is the number of patents on which unit i appears (its
    occurrences, single-unit patents included), as in bibliometrix's
    ``normalizeSimilarity(type = "association")``. It is *not* VOSviewer's
    :func:`association_strength`, which divides by total link strengths and
    multiplies by 2m.

    Examples
    --------
    Toy corpus: BJ is on 3 patents, SH on 2, they share 1: 1/(3 x 2).

    >>> import numpy as np, scipy.sparse as sp
    >>> from patnet.build.weights import occurrence_association
    >>> W = sp.csr_array(np.array([[0, 1.], [1, 0]]))
    >>> float(occurrence_association(W, [3, 2])[0, 1]) == 1 / 6
    True
    """
    r, c, a, shape = _entries(W)
    return _rebuild(r, c, normalized_values('occurrence_association', r, c, a, shape[0], occurrences), shape)


def salton(W, occurrences):
    """Salton's cosine on occurrences.

    .. math:: S_{ij} = \\frac{a_{ij}}{\\sqrt{c_i c_j}}

    with ``c_i`` the number of patents of unit i (single-unit patents
    included) and ``a_ij`` the number of patents the two share.

    Examples
    --------
    Toy corpus: BJ on 3 patents (P1, P2, P4), SH on 2 (P1, P3), one shared:
    1/sqrt(6).

    >>> import numpy as np, scipy.sparse as sp
    >>> from patnet.build.weights import salton
    >>> W = sp.csr_array(np.array([[0, 1.], [1, 0]]))
    >>> round(float(salton(W, [3, 2])[0, 1]), 4), round(1 / 6 ** 0.5, 4)
    (0.4082, 0.4082)
    """
    r, c, a, shape = _entries(W)
    return _rebuild(r, c, normalized_values('salton', r, c, a, shape[0], occurrences), shape)


def jaccard(W, occurrences):
    """Jaccard index on occurrences.

    .. math:: J_{ij} = \\frac{a_{ij}}{c_i + c_j - a_{ij}}

    the number of shared patents over the number of patents of either unit.

    Examples
    --------
    Toy corpus: BJ-SH share 1 patent of the 3 + 2 - 1 = 4 patents of either:

    >>> import numpy as np, scipy.sparse as sp
    >>> from patnet.build.weights import jaccard
    >>> float(jaccard(sp.csr_array(np.array([[0, 1.], [1, 0]])), [3, 2])[0, 1])
    0.25
    """
    r, c, a, shape = _entries(W)
    return _rebuild(r, c, normalized_values('jaccard', r, c, a, shape[0], occurrences), shape)


def inclusion(W, occurrences):
    """Inclusion index on occurrences.

    .. math:: I_{ij} = \\frac{a_{ij}}{\\min(c_i, c_j)}

    1 when every patent of the smaller unit is shared with the other.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> from patnet.build.weights import inclusion
    >>> float(inclusion(sp.csr_array(np.array([[0, 1.], [1, 0]])), [3, 2])[0, 1])
    0.5
    """
    r, c, a, shape = _entries(W)
    return _rebuild(r, c, normalized_values('inclusion', r, c, a, shape[0], occurrences), shape)


def equivalence(W, occurrences):
    """Equivalence index (Callon et al.) on occurrences.

    .. math:: E_{ij} = \\frac{a_{ij}^2}{c_i c_j}

    the square of :func:`salton`.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> from patnet.build.weights import equivalence
    >>> float(equivalence(sp.csr_array(np.array([[0, 1.], [1, 0]])), [3, 2])[0, 1]) == 1 / 6
    True
    """
    r, c, a, shape = _entries(W)
    return _rebuild(r, c, normalized_values('equivalence', r, c, a, shape[0], occurrences), shape)


def normalized_values(method, r, c, a, n, occurrences=None) -> np.ndarray:
    """Normalised values of the off-diagonal entries ``(r, c, a)`` of an n x n matrix.

    The triplet form of :func:`normalize` (entries in any order, both
    triangles present); used where values must stay aligned with other
    arrays.
    """
    check_normalization(method)
    a = np.asarray(a, dtype=np.float64)
    if method == "association_strength":
        s = np.bincount(r, weights=a, minlength=n)
        two_m = s.sum()
        return a * two_m / (s[r] * s[c])
    occ = _occ(occurrences, n)
    ci, cj = occ[r], occ[c]
    if method == "occurrence_association":
        return a / (ci * cj)
    if method == "salton":
        return a / np.sqrt(ci * cj)
    if method == "jaccard":
        return a / (ci + cj - a)
    if method == "inclusion":
        return a / np.minimum(ci, cj)
    if method == "equivalence":
        return a * a / (ci * cj)
    raise AssertionError(method)  # pragma: no cover


def top_k_mask(r, c, v, n, k) -> np.ndarray:
    """Which entries ``(r, c, v)`` of a symmetric n x n matrix :func:`backbone` keeps for ``top_k=k``."""
    k = int(k)
    if k < 1:
        raise PatnetInputError(f"top_k must be a positive integer, got {k!r}")
    r = np.asarray(r, dtype=np.int64)
    c = np.asarray(c, dtype=np.int64)
    order = np.lexsort((c, -np.asarray(v, dtype=np.float64), r))
    rs = r[order]
    starts = np.searchsorted(rs, rs, side="left")
    rank = np.arange(len(rs)) - starts
    chosen = np.zeros(len(r), dtype=bool)
    chosen[order[rank < k]] = True
    n = np.int64(n)
    chosen_keys = (r * n + c)[chosen]
    return chosen | np.isin(c * n + r, chosen_keys)


def normalize(W, method, *, occurrences=None):
    """Normalise a co-occurrence matrix by name.

    Parameters
    ----------
    W : sparse matrix
        Symmetric unit x unit link weights with an empty diagonal.
    method : {"association_strength", "occurrence_association", "salton", \
"jaccard", "inclusion", "equivalence"}
        See the module table; each is also a function of this module.
    occurrences : array-like, optional
        Patents per unit (see :func:`patnet.build.occurrences`); needed by
        every method except ``association_strength``.

    Returns
    -------
    scipy.sparse.csr_array
        Same sparsity pattern as ``W``.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> from patnet.build.weights import normalize
    >>> W = sp.csr_array(np.array([[0, 2.], [2, 0]]))
    >>> float(normalize(W, "salton", occurrences=[4, 4])[0, 1])
    0.5
    """
    check_normalization(method)
    r, c, a, shape = _entries(W)
    return _rebuild(r, c, normalized_values(method, r, c, a, shape[0], occurrences), shape)


def backbone(W, *, min_weight=None, top_k=None):
    """Keep the strong edges of a symmetric weight matrix.

    Parameters
    ----------
    W : sparse matrix
        Symmetric unit x unit weights.
    min_weight : float, optional
        Drop edges whose weight is below this value (``weight >= min_weight``
        is kept).
    top_k : int, optional
        Keep, for every unit, its ``top_k`` heaviest edges; an edge stays
        when it is among the top ``k`` of *either* end (the union rule, so
        the result is symmetric and no unit with edges is left without one).
        Equal weights are broken by unit order (the unit with the smaller
        index first), so the result is deterministic. Applied after
        ``min_weight``.

    Returns
    -------
    scipy.sparse.csr_array

    Examples
    --------
    A star with weights 3, 2, 1 from node 0, and an edge 1-2 of weight 1:

    >>> import numpy as np, scipy.sparse as sp
    >>> from patnet.build.weights import backbone
    >>> W = sp.csr_array(np.array([[0, 3, 2, 1], [3, 0, 1, 0], [2, 1, 0, 0], [1, 0, 0, 0.]]))
    >>> backbone(W, min_weight=2).nnz // 2
    2
    >>> B = backbone(W, top_k=1)   # 0-1 (top of 0 and 1), 0-2 (top of 2), 0-3 (top of 3)
    >>> sorted(zip(*[x.tolist() for x in sp.triu(B, k=1).coords]))
    [(0, 1), (0, 2), (0, 3)]
    """
    coo = sp.coo_array(W)
    coo.sum_duplicates()
    r, c = coo.coords
    v = coo.data
    keep = np.ones(v.shape, dtype=bool)
    if min_weight is not None:
        keep &= v >= float(min_weight)
    r, c, v = r[keep], c[keep], v[keep]
    if top_k is not None:
        sym = top_k_mask(r, c, v, coo.shape[0], top_k)
        r, c, v = r[sym], c[sym], v[sym]
    return sp.csr_array((v, (r, c)), shape=coo.shape)
