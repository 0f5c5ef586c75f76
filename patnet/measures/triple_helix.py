"""Triple-helix synergy: Leydesdorff's mutual information among university, industry, government.

Each patent is described by three binary variables, ``u`` (a university is
among its applicants), ``i`` (industry: a firm is) and ``g`` (government),
so a set of patents is a 2 x 2 x 2 table of counts, or equivalently the
seven exclusive cells of a Venn diagram (``U``, ``I``, ``G``, ``UI``,
``UG``, ``IG``, ``UIG``) plus the cell ``none`` of the patents that involve
none of the three. The triple-helix indicator is the mutual information in
three dimensions (McGill 1954; Abramson 1963), in bits, with Leydesdorff's
sign convention:

.. math::

    T_{uig} = H_u + H_i + H_g - H_{ui} - H_{ug} - H_{ig} + H_{uig},
    \\qquad H_X = -\\sum_x p(x) \\log_2 p(x),

and the pairwise mutual informations (never negative)
:math:`T_{ui} = H_u + H_i - H_{ui}` (likewise ``T_ug``, ``T_ig``).

**Negative T_uig means synergy**: the three-way configuration reduces the
uncertainty that the pairwise relations leave, which Leydesdorff reads as
synergy in the triple-helix system; positive T means no synergy (the
three-way configuration adds uncertainty). Closed forms: three independent variables give 0, three
copies of one fair coin give +1 bit, and ``g = u XOR i`` (u, i fair coins)
gives -1 bit.

Functions
---------
:func:`triple_helix_from_table`
    T from a table of counts (the strict core; take any published table).
:func:`helix_cells`, :func:`triple_helix_table`
    The cell of every patent, and the table of cell counts, of a corpus
    (from ``applicants.sector``) or of an :class:`~patnet.build.Incidence`.
:func:`triple_helix`
    The friendly layer: one tidy row per group (the whole corpus, each year,
    each period, each region or cluster), with bootstrap confidence
    intervals.

Choices this module makes
-------------------------
*Sectors to helices.* patnet's sector classifier
(:mod:`patnet.classify.sectors`) has seven sectors; the default mapping
(:data:`DEFAULT_HELIX`) is ``university -> U``, ``firm -> I``,
``government -> G`` and nothing else: research institutes, hospitals and
individuals are no helix by default (a patent of a firm and a research
institute is an ``I`` patent; a patent of research institutes only is a
``none`` patent). Public research organisations are counted with
government in some triple-helix studies and with the academic sphere in
others; pass ``helix={"research": "G"}`` (or ``"U"``) to follow one, and
say so. Applicants of sector ``"unknown"`` never count; a patent whose
applicants are all unknown (or that has none) is *unclassified*: it is
reported, never put in a cell.

*The none cell.* The table functions use the table they are given:
:func:`triple_helix_from_table` keeps a ``none`` cell (or the ``[0, 0, 0]``
entry of an array) in the probability space unless ``none="exclude"``; this
is what the closed forms of binary variables need. :func:`triple_helix`
leaves the ``none`` patents out by default (``none="exclude"``): the
probability space is the patents with at least one of the three helices,
the seven Venn cells of Leydesdorff's tables (the check table
``U 300, I 500, G 100, UI 60, UG 20, IG 15, UIG 5`` gives -0.2335735 bits
that way). Patents of individuals and other sectors would otherwise
dominate the table and pull every T towards 0 (adding 100 ``none``
patents to that table turns -0.2336 into -0.0756). The number of ``none``
patents is reported in every row either way (column ``none``), and
``none="include"`` puts them in the probability space.

*Not a registered measure.* T needs each patent's *set* of sectors; a
sector-attributed graph has already split a university-firm-government
patent into three dyads, so T cannot be computed from it. The functions
here work on corpora, incidences and tables, and are not in the graph
measure registry.

References
----------
Abramson, N. (1963). *Information Theory and Coding*. McGraw-Hill.

Leydesdorff, L. (2003). The mutual information of university-industry-
government relations: An indicator of the Triple Helix dynamics.
*Scientometrics*, 58(2), 445-467. https://doi.org/10.1023/A:1026253130577

Leydesdorff, L. and Park, H. W. (2014). Can synergy in Triple-Helix
relations be quantified? A review of the development of the Triple-Helix
indicator. *Triple Helix*, 1, 4. https://doi.org/10.1186/s40604-014-0004-z

Leydesdorff, L., Park, H. W. and Lengyel, B. (2014). A routine for
measuring synergy in university-industry-government relations: mutual
information as a Triple-Helix and Quadruple-Helix indicator.
*Scientometrics*, 99, 27-35. https://doi.org/10.1007/s11192-013-1079-4

McGill, W. J. (1954). Multivariate information transmission.
*Psychometrika*, 19(2), 97-116.

Efron, B. and Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
Chapman & Hall (percentile intervals).

Examples
--------
>>> import patnet as pn
>>> from patnet.measures.triple_helix import triple_helix_from_table
>>> t = triple_helix_from_table({"U": 300, "I": 500, "G": 100, "UI": 60, "UG": 20,
...                              "IG": 15, "UIG": 5})
>>> round(t["T_uig"], 7), t["synergy"]
(-0.2335735, True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.special import xlogy

from ..build import Incidence, level_incidence, periods_table, windows
from ..corpus import PatentCorpus
from ..exceptions import PatnetInputError
from ..schema import SECTORS, did_you_mean

__all__ = [
    "HELICES",
    "CELLS",
    "DEFAULT_HELIX",
    "SYNERGY_NOTE",
    "triple_helix_from_table",
    "helix_cells",
    "triple_helix_table",
    "triple_helix",
]

#: The three helices: university, industry, government.
HELICES = ("U", "I", "G")
#: The exclusive cells of a helix table (Venn diagram), and the patents involving none.
CELLS = ("U", "I", "G", "UI", "UG", "IG", "UIG", "none")
#: Default sector -> helix mapping (``None``: the sector is no helix).
DEFAULT_HELIX = {
    "firm": "I",
    "university": "U",
    "research": None,
    "government": "G",
    "hospital": None,
    "individual": None,
    "unknown": None,
}
#: How to read the sign of T (kept in ``attrs["note"]`` of every result table).
SYNERGY_NOTE = ("T in bits, Leydesdorff's sign convention T_uig = H_u + H_i + H_g - H_ui - H_ug "
                "- H_ig + H_uig: negative T_uig means synergy (the three-way configuration "
                "reduces uncertainty); pairwise T are mutual informations (>= 0)")

# Cell code of a patent: 4*u + 2*i + g, so that a length-8 vector of counts
# reshaped to (2, 2, 2) is indexed [u, i, g]. Unclassified patents have -1.
_CODE = {"none": 0, "G": 1, "I": 2, "IG": 3, "U": 4, "UG": 5, "UI": 6, "UIG": 7}
_CELL_OF_CODE = {v: k for k, v in _CODE.items()}
_ORDER = np.array([_CODE[c] for c in CELLS])          # CELLS order -> codes
_LN2 = math.log(2.0)


# --------------------------------------------------------------------------
# the core: T from tables of counts (vectorised over leading axes)

def _entropy(m, N, axes):
    s = xlogy(m, m).sum(axis=axes)
    return np.log2(N) - s / (N * _LN2)


def _t_values(cube):
    """Entropies and T's of tables of shape (..., 2, 2, 2); NaN for empty tables."""
    cube = np.asarray(cube, dtype=np.float64)
    N = cube.sum(axis=(-3, -2, -1))
    empty = N <= 0
    Ns = np.where(empty, 1.0, N)
    H = {
        "H_u": _entropy(cube.sum(axis=(-2, -1)), Ns, -1),
        "H_i": _entropy(cube.sum(axis=(-3, -1)), Ns, -1),
        "H_g": _entropy(cube.sum(axis=(-3, -2)), Ns, -1),
        "H_ui": _entropy(cube.sum(axis=-1), Ns, (-2, -1)),
        "H_ug": _entropy(cube.sum(axis=-2), Ns, (-2, -1)),
        "H_ig": _entropy(cube.sum(axis=-3), Ns, (-2, -1)),
        "H_uig": _entropy(cube, Ns, (-3, -2, -1)),
    }
    T = {
        "T_uig": H["H_u"] + H["H_i"] + H["H_g"] - H["H_ui"] - H["H_ug"] - H["H_ig"] + H["H_uig"],
        "T_ui": H["H_u"] + H["H_i"] - H["H_ui"],
        "T_ug": H["H_u"] + H["H_g"] - H["H_ug"],
        "T_ig": H["H_i"] + H["H_g"] - H["H_ig"],
    }
    # a T that is zero in exact arithmetic (independent margins) comes out as +-1e-16 from the
    # entropies' rounding: snap it to 0, so that "T < 0" (synergy) never rests on rounding
    T = {k: np.where(np.abs(v) < _ZERO_BITS, 0.0, v) for k, v in T.items()}
    out = {**T, **H}
    return {k: np.where(empty, np.nan, v) for k, v in out.items()}


#: |T| below this many bits is reported as exactly 0 (float rounding of the entropies).
_ZERO_BITS = 1e-12


def _canonical_cell(key) -> str:
    k = str(key).strip()
    if k.lower() == "none":
        return "none"
    letters = set(k.upper())
    if k and letters <= set(HELICES) and len(letters) == len(k):
        return "".join(h for h in HELICES if h in letters)
    raise PatnetInputError(f"unknown helix cell {key!r}{did_you_mean(key, CELLS)}",
                           hint=f"Cells are {', '.join(CELLS)} (exclusive: 'UI' is university "
                                "and industry without government)")


def _as_cube(counts) -> np.ndarray:
    if isinstance(counts, pd.Series):
        counts = counts.to_dict()
    if isinstance(counts, Mapping):
        flat = np.zeros(8, dtype=np.float64)
        seen: dict[str, object] = {}
        for key, value in counts.items():
            cell = _canonical_cell(key)
            if cell in seen:
                raise PatnetInputError(
                    f"cell {cell!r} is given twice (as {seen[cell]!r} and {key!r})")
            seen[cell] = key
            flat[_CODE[cell]] = _count(value, cell)
        cube = flat.reshape(2, 2, 2)
    else:
        cube = np.asarray(counts, dtype=np.float64)
        if cube.shape != (2, 2, 2):
            raise PatnetInputError(
                f"a helix table is a dict of cells or a 2 x 2 x 2 array, got shape {cube.shape}",
                hint="Index the array [u, i, g] with 0/1 for absent/present")
        for v in cube.ravel():
            _count(v, "array")
    return cube


def _count(value, cell) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise PatnetInputError(f"the count of cell {cell!r} is not a number", value=value) from None
    if not math.isfinite(v) or v < 0:
        raise PatnetInputError(f"the count of cell {cell!r} must be finite and >= 0", value=value)
    return v


def _check_none(none):
    if none not in ("include", "exclude"):
        raise PatnetInputError(f"unknown none={none!r}{did_you_mean(none, ('include', 'exclude'))}",
                               hint="Use none='include' (the none cell is in the probability "
                                    "space) or none='exclude' (it is left out)")


def _check_bootstrap(bootstrap, ci):
    if bootstrap is None:
        bootstrap = 0
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, (int, np.integer)) or bootstrap < 0:
        raise PatnetInputError(f"bootstrap must be a number of resamples >= 0, got {bootstrap!r}")
    try:
        ok = 0 < float(ci) < 1
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise PatnetInputError(f"ci must be a confidence level between 0 and 1, got {ci!r}",
                               hint="e.g. ci=0.95")
    return int(bootstrap)


def _bootstrap_t(cube, n_boot, rng):
    """Bootstrap T_uig of one table: multinomial resamples of its cells."""
    n = int(round(cube.sum()))
    p = cube.ravel() / cube.sum()
    draws = rng.multinomial(n, p, size=n_boot).reshape(n_boot, 2, 2, 2)
    return _t_values(draws)["T_uig"]


def _interval(values, ci):
    lo, hi = np.quantile(values, [(1 - ci) / 2, (1 + ci) / 2])
    return float(lo), float(hi)


def _generators(seed, k):
    if isinstance(seed, np.random.Generator):
        return seed.spawn(k)
    return [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(k)]


def triple_helix_from_table(counts, *, none="include", bootstrap=0, seed=0, ci=0.95) -> dict:
    """Triple-helix mutual information T_uig (and pairwise T) of a table of counts, in bits.

    .. math::

        T_{uig} = H_u + H_i + H_g - H_{ui} - H_{ug} - H_{ig} + H_{uig}, \\qquad
        T_{ui} = H_u + H_i - H_{ui},

    with :math:`H` the Shannon entropies (base 2) of the marginal
    distributions of the binary variables u (university), i (industry) and
    g (government) over the table's patents. **Negative T_uig means
    synergy** (Leydesdorff's sign convention).

    Parameters
    ----------
    counts : dict, pandas.Series or array_like
        Either the exclusive cells ``{"U": .., "I": .., "G": .., "UI": ..,
        "UG": .., "IG": .., "UIG": .., "none": ..}`` (absent cells are 0;
        letters in any order, ``"IU"`` is ``"UI"``), or a 2 x 2 x 2 array
        indexed ``[u, i, g]`` (``[0, 0, 0]`` is the none cell).
    none : {"include", "exclude"}
        Whether the none cell (patents involving none of the three) is in
        the probability space. Default ``"include"``: the table is used as
        given (the closed forms of binary variables need the full table). A
        table of the seven Venn cells alone (Leydesdorff's input) gives the
        same T either way.
    bootstrap : int
        Number of bootstrap resamples for a percentile confidence interval
        of T_uig (0: none). Resampling the table's patents with replacement
        is a multinomial draw of the cell counts with the observed cell
        shares, which is what is drawn (vectorised); counts must be whole
        numbers.
    seed : int, numpy.random.Generator or None
        Seed of the bootstrap (a private generator; the global numpy and
        ``random`` states are left alone).
    ci : float
        Confidence level of the interval.

    Returns
    -------
    dict
        Python floats ``T_uig, T_ui, T_ug, T_ig`` (bits; NaN for an empty
        table), the entropies ``H_u, H_i, H_g, H_ui, H_ug, H_ig, H_uig``,
        ``n`` (patents in the probability space), ``n_none`` (the none cell,
        whether included or not), ``synergy`` (``T_uig < 0``) and, with a
        bootstrap, ``ci_low`` and ``ci_high``.

    References
    ----------
    Leydesdorff, L. (2003). The mutual information of university-industry-
    government relations: An indicator of the Triple Helix dynamics.
    *Scientometrics*, 58(2), 445-467.

    Leydesdorff, L. and Park, H. W. (2014). Can synergy in Triple-Helix
    relations be quantified? *Triple Helix*, 1, 4.

    Examples
    --------
    Exclusive sector counts (Venn cells):

    >>> from patnet.measures.triple_helix import triple_helix_from_table
    >>> t = triple_helix_from_table({"U": 300, "I": 500, "G": 100, "UI": 60, "UG": 20,
    ...                              "IG": 15, "UIG": 5})
    >>> round(t["T_uig"], 7), round(t["T_ui"], 7), t["n"]
    (-0.2335735, 0.3353638, 1000.0)

    Closed forms of binary variables (2 x 2 x 2 arrays indexed [u, i, g]):

    >>> import numpy as np
    >>> triple_helix_from_table(np.ones((2, 2, 2)))["T_uig"]          # independent
    0.0
    >>> copies = np.zeros((2, 2, 2)); copies[0, 0, 0] = copies[1, 1, 1] = 1
    >>> triple_helix_from_table(copies)["T_uig"]                      # u = i = g
    1.0
    >>> xor = np.zeros((2, 2, 2))
    >>> for u in (0, 1):
    ...     for i in (0, 1):
    ...         xor[u, i, u ^ i] = 1
    >>> triple_helix_from_table(xor)["T_uig"]                         # g = u XOR i
    -1.0

    A bootstrap interval (seeded):

    >>> t = triple_helix_from_table({"U": 30, "I": 50, "G": 10, "UI": 6, "UIG": 4},
    ...                             bootstrap=500, seed=1)
    >>> t["ci_low"] <= t["T_uig"] <= t["ci_high"]
    True
    """
    _check_none(none)
    n_boot = _check_bootstrap(bootstrap, ci)
    cube = _as_cube(counts).copy()
    n_none = float(cube[0, 0, 0])
    if none == "exclude":
        cube[0, 0, 0] = 0.0
    vals = _t_values(cube)
    out = {k: float(v) for k, v in vals.items()}
    out = {k: (0.0 if v == 0 else v) for k, v in out.items()}  # no -0.0
    out["n"] = float(cube.sum())
    out["n_none"] = n_none
    out["synergy"] = bool(out["T_uig"] < 0)
    if n_boot:
        if np.any(cube != np.round(cube)):
            raise PatnetInputError(
                "a bootstrap resamples patents: the counts must be whole numbers",
                hint="Pass bootstrap=0 for tables of fractional counts")
        if out["n"] > 0:
            out["ci_low"], out["ci_high"] = _interval(
                _bootstrap_t(cube, n_boot, _generators(seed, 1)[0]), ci)
        else:
            out["ci_low"] = out["ci_high"] = float("nan")
    return out


# --------------------------------------------------------------------------
# from a corpus or an incidence: the cell of every patent

def _helix_map(helix) -> dict:
    mapping = dict(DEFAULT_HELIX)
    if helix is None:
        return mapping
    if not isinstance(helix, Mapping):
        raise PatnetInputError(f"helix must be a dict sector -> 'U', 'I', 'G' or None, got "
                               f"{type(helix).__name__}",
                               hint="e.g. helix={'research': 'G'} (other sectors keep the default)")
    for sector, h in helix.items():
        if sector not in SECTORS:
            raise PatnetInputError(f"unknown sector {sector!r}{did_you_mean(sector, SECTORS)}",
                                   hint=f"Sectors are {', '.join(SECTORS)}")
        if h is not None and h not in HELICES:
            raise PatnetInputError(f"sector {sector!r} is mapped to {h!r}",
                                   hint="Map a sector to 'U', 'I', 'G' or None")
        if sector == "unknown" and h is not None:
            raise PatnetInputError(
                "sector 'unknown' cannot be a helix",
                hint="Classify the applicants first (pn.classify.assign_sectors)")
        mapping[sector] = h
    return mapping


def _helix_label(mapping) -> str:
    return ",".join(f"{s}={mapping[s] or '-'}" for s in SECTORS)


def _not_classified_error():
    return PatnetInputError(
        "no applicant has a known sector (applicants.sector is 'unknown' everywhere)",
        hint="Call pn.classify.assign_sectors(corpus) first; it returns (corpus, summary) "
             "with applicants.sector filled from the names")


def _unit_sectors(inc: Incidence) -> np.ndarray:
    if inc.nodes is not None and "sector" in inc.nodes.columns:
        return inc.nodes["sector"].reindex(inc.units).fillna("").astype(str).to_numpy()
    raise PatnetInputError("this incidence has no sector attribute for its units",
                           hint="Build it with pn.build.level_incidence(corpus, 'sector') or "
                                "level 'org' (units with a sector)")


def _codes_of_incidence(inc: Incidence, mapping) -> np.ndarray:
    """Cell code of every patent (row) of an incidence; -1 for unclassified patents."""
    sectors = _unit_sectors(inc)
    known = ~np.isin(sectors, ["", "unknown"])
    if not known.any():
        raise _not_classified_error()
    D = sp.csr_array(inc.matrix)
    D = sp.csr_array((np.ones(D.nnz, dtype=np.int64), D.indices, D.indptr), shape=D.shape)
    bit = {"U": 4, "I": 2, "G": 1}
    weights = np.array([bit.get(mapping.get(s)) or 0 for s in sectors], dtype=np.int64)
    code = np.zeros(D.shape[0], dtype=np.int64)
    for b in (4, 2, 1):
        has = D @ ((weights & b) > 0).astype(np.int64) if D.shape[1] else np.zeros(D.shape[0])
        code += b * (np.asarray(has) > 0)
    classified = (D @ known.astype(np.int64) > 0) if D.shape[1] else np.zeros(D.shape[0], bool)
    return np.where(np.asarray(classified), code, -1)


def _corpus_codes(data, mapping, ties, key="applicant_id"):
    """``(patent ids, cell codes, info)`` of a corpus or an incidence."""
    if isinstance(data, PatentCorpus):
        app = data.applicants
        if not len(app):
            raise PatnetInputError("the corpus has no applicants, so no sectors",
                                   hint="Triple-helix measures read applicants.sector")
        sector = app["sector"].astype("string").fillna("unknown")
        if not (sector != "unknown").any():
            raise _not_classified_error()
        inc = level_incidence(data, "sector", ties=ties, key=key, include_unknown=False)
        info = {"source": "corpus", "ties": ties}
        if ties == "co_invention":
            info["key"] = key
    elif isinstance(data, Incidence):
        inc = data
        info = {"source": "incidence", "level": str(inc.info.get("level", "links"))}
    else:
        raise PatnetInputError(f"expected a PatentCorpus or an Incidence, got "
                               f"{type(data).__name__}",
                               hint="For a table of counts use triple_helix_from_table()")
    codes = _codes_of_incidence(inc, mapping)
    return np.asarray(inc.patents, dtype=object), codes, info


def _check_ties(ties):
    if ties not in ("co_application", "co_invention"):
        raise PatnetInputError(
            f"unknown ties={ties!r}{did_you_mean(ties, ('co_application', 'co_invention'))}",
            hint="Use 'co_application' (a patent's applicants) or 'co_invention' "
                 "(organisations reached through its inventors)")


def helix_cells(data, *, helix=None, ties="co_application", key="applicant_id") -> pd.Series:
    """The helix cell of every patent: ``"U"``, ``"UI"``, ..., ``"none"``, or NA.

    Parameters
    ----------
    data : PatentCorpus or Incidence
        A corpus with ``applicants.sector`` filled
        (:func:`patnet.classify.assign_sectors`), or an incidence whose
        units carry a sector (``pn.build.level_incidence(corpus, "sector")``
        or ``"org"``, or a randomised one from :mod:`patnet.measures.null`).
    helix : dict, optional
        Sector -> ``"U"``, ``"I"``, ``"G"`` or None, updating
        :data:`DEFAULT_HELIX` (university U, firm I, government G, the other
        sectors no helix).
    ties : {"co_application", "co_invention"}
        For a corpus: the applicants of a patent, or the organisations its
        inventors reach (see :func:`patnet.build.level_incidence`).
    key : {"applicant_id", "name"}
        How organisations are identified with ``ties="co_invention"``.

    Returns
    -------
    pandas.Series
        Indexed by ``patent_id`` (every patent), values from :data:`CELLS`;
        NA for *unclassified* patents (no applicant of known sector).

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> from patnet.measures.triple_helix import helix_cells
    >>> c = make_corpus({"1": ["CN"], "2": ["CN"], "3": ["CN"], "4": ["CN"]}, applicants={
    ...     "1": [{"name": "A", "sector": "firm"}, {"name": "T", "sector": "university"}],
    ...     "2": [{"name": "L", "sector": "individual"}],
    ...     "3": [{"name": "X", "sector": "unknown"}, {"name": "A", "sector": "firm"}]})
    >>> helix_cells(c).tolist()
    ['UI', 'none', 'I', <NA>]
    """
    _check_ties(ties)
    mapping = _helix_map(helix)
    pids, codes, _ = _corpus_codes(data, mapping, ties, key)
    labels = np.array([_CELL_OF_CODE.get(int(k)) for k in codes], dtype=object)
    return pd.Series(pd.array(labels, dtype="string"), index=pd.Index(pids, name="patent_id",
                                                                       dtype="string"),
                     name="cell")


def triple_helix_table(data, *, helix=None, ties="co_application",
                       key="applicant_id") -> pd.Series:
    """Patents per helix cell (the input of :func:`triple_helix_from_table`).

    Parameters
    ----------
    data, helix, ties, key
        See :func:`helix_cells`.

    Returns
    -------
    pandas.Series
        Counts indexed by :data:`CELLS` (``U, I, G, UI, UG, IG, UIG,
        none``), int64. ``attrs``: ``n_patents`` (all patents),
        ``n_unclassified`` (no applicant of known sector; in no cell) and
        the ``helix`` mapping used.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> from patnet.measures.triple_helix import triple_helix_table, triple_helix_from_table
    >>> c = make_corpus({"1": ["CN"], "2": ["CN"], "3": ["CN"]}, applicants={
    ...     "1": [{"name": "A", "sector": "firm"}, {"name": "T", "sector": "university"}],
    ...     "2": [{"name": "M", "sector": "government"}],
    ...     "3": [{"name": "L", "sector": "individual"}]})
    >>> tab = triple_helix_table(c)
    >>> tab.to_dict()
    {'U': 0, 'I': 0, 'G': 1, 'UI': 1, 'UG': 0, 'IG': 0, 'UIG': 0, 'none': 1}
    >>> triple_helix_from_table(tab, none="exclude")["n"]
    2.0
    """
    _check_ties(ties)
    mapping = _helix_map(helix)
    pids, codes, _ = _corpus_codes(data, mapping, ties, key)
    flat = np.bincount(codes[codes >= 0], minlength=8)
    out = pd.Series(flat[_ORDER].astype(np.int64), index=pd.Index(CELLS, name="cell"),
                    name="patents")
    out.attrs = {"n_patents": int(len(pids)), "n_unclassified": int((codes < 0).sum()),
                 "helix": _helix_label(mapping)}
    return out


# --------------------------------------------------------------------------
# groups: the whole corpus, years, periods, a column, a mapping

def _patent_years(corpus, pids):
    pat = corpus.patents.drop_duplicates("patent_id").set_index("patent_id")
    return pat["year"].reindex(pd.Index(pids, dtype="string"))


def _groups(data, pids, by, periods, window, step):
    """``(labels, patent positions, group positions, extra columns, info)``."""
    n = len(pids)
    allp = np.arange(n, dtype=np.int64)
    if by is None:
        if periods is not None or window is not None:
            raise PatnetInputError("periods= and window= need by='period'")
        return ["all"], allp, np.zeros(n, dtype=np.int64), {}, {"by": "none"}
    if isinstance(by, str) and by in ("year", "period"):
        if not isinstance(data, PatentCorpus):
            raise PatnetInputError(f"by={by!r} needs a corpus (patent years)",
                                   hint="Pass the corpus, or a mapping patent -> group")
        years = _patent_years(data, pids)
        has = years.notna().to_numpy()
        yv = years.fillna(-1).to_numpy(dtype=np.int64)
        without = int((~has).sum())
        if by == "year":
            if periods is not None or window is not None:
                raise PatnetInputError("periods= and window= need by='period', not by='year'")
            if not has.any():
                raise PatnetInputError("by='year': the corpus has no patent years")
            lo, hi = int(yv[has].min()), int(yv[has].max())
            labels = list(range(lo, hi + 1))
            return (labels, allp[has], yv[has] - lo, {},
                    {"by": "year", "patents_without_group": without})
        lo_hi = data.year_span
        if window is not None:
            if periods is not None:
                raise PatnetInputError("give either periods= or window=, not both")
            if lo_hi[0] is None:
                raise PatnetInputError("the corpus has no years to cut into windows")
            table = periods_table(windows(lo_hi[0], lo_hi[1], size=window, step=step))
        elif periods is not None:
            table = periods_table(periods, first=lo_hi[0], last=lo_hi[1])
        else:
            raise PatnetInputError("by='period' needs periods= or window=",
                                   hint="e.g. periods={'start-up': (2001, 2006), ...} or window=3")
        pos, grp = [], []
        for k, (s, e) in enumerate(zip(table["start"], table["end"])):
            inside = np.flatnonzero(has & (yv >= int(s)) & (yv <= int(e)))
            pos.append(inside)
            grp.append(np.full(len(inside), k, dtype=np.int64))
        covered = np.zeros(n, dtype=bool)
        for p in pos:
            covered[p] = True
        extra = {"start": table["start"].astype(np.int64).tolist(),
                 "end": table["end"].astype(np.int64).tolist()}
        return (table["period"].tolist(), np.concatenate(pos), np.concatenate(grp), extra,
                {"by": "period", "patents_without_group": int((~covered).sum())})
    if isinstance(by, str):
        if not isinstance(data, PatentCorpus):
            raise PatnetInputError(f"by={by!r} names a patents column and needs a corpus")
        cols = [str(c) for c in data.patents.columns]
        if by not in data.patents.columns:
            raise PatnetInputError(
                f"patents has no column {by!r}{did_you_mean(by, cols + ['year', 'period'])}",
                hint="by is None, 'year', 'period', a patents column, or a mapping "
                     "patent -> group")
        pat = data.patents.drop_duplicates("patent_id").set_index("patent_id")
        long = pd.DataFrame({"patent_id": pd.array(pids, dtype="string"),
                             "group": pat[by].reindex(pd.Index(pids, dtype="string")).to_numpy()})
        return _from_long(long, pids, f"column:{by}")
    if isinstance(by, pd.DataFrame):
        missing = [c for c in ("patent_id", "group") if c not in by.columns]
        if missing:
            raise PatnetInputError(f"a group table needs columns patent_id and group; "
                                   f"{missing[0]!r} is missing")
        long = by[["patent_id", "group"]]
    elif isinstance(by, pd.Series):
        long = pd.DataFrame({"patent_id": by.index.astype(str), "group": by.to_numpy()})
    elif isinstance(by, Mapping):
        rows = []
        for p, g in by.items():
            if isinstance(g, (list, tuple, set, frozenset, np.ndarray)):
                gs = sorted(g, key=str) if isinstance(g, (set, frozenset)) else list(g)
                rows.extend((str(p), x) for x in gs)
            else:
                rows.append((str(p), g))
        long = pd.DataFrame(rows, columns=["patent_id", "group"])
    else:
        raise PatnetInputError(
            f"unknown by={by!r}",
            hint="by is None, 'year', 'period' (with periods= or window=), a patents column, "
                 "or a mapping patent -> group (dict, Series, or DataFrame patent_id, group)")
    return _from_long(long, pids, "mapping")


def _from_long(long, pids, what):
    long = long.copy()
    long["patent_id"] = long["patent_id"].astype("string")
    long = long[long["group"].notna() & long["patent_id"].notna()].drop_duplicates()
    where = pd.Index(pd.array(pids, dtype="string")).get_indexer(long["patent_id"])
    unknown = int((where < 0).sum())
    long = long[where >= 0]
    where = where[where >= 0]
    values = long["group"].tolist()
    try:
        labels = sorted(set(values))
    except TypeError:
        labels = sorted(set(values), key=str)
    index = {g: k for k, g in enumerate(labels)}
    grp = np.array([index[g] for g in values], dtype=np.int64)
    grouped = np.zeros(len(pids), dtype=bool)
    grouped[where] = True
    info = {"by": what, "patents_without_group": int((~grouped).sum()),
            "mapping_ids_not_in_data": unknown}
    return labels, where.astype(np.int64), grp, {}, info


# --------------------------------------------------------------------------
# the friendly layer

def triple_helix(data, *, by=None, periods=None, window=None, step=None, helix=None,
                 none="exclude", ties="co_application", key="applicant_id", bootstrap=1000,
                 seed=0, ci=0.95) -> pd.DataFrame:
    """Triple-helix synergy of a corpus, per group, with bootstrap confidence intervals.

    Each patent is put in a helix cell from the sectors of its applicants
    (:func:`helix_cells`); each group's table of cells gives T_uig and the
    pairwise T (:func:`triple_helix_from_table`), in bits. **Negative T_uig
    means synergy.**

    Parameters
    ----------
    data : PatentCorpus or Incidence
        A corpus with ``applicants.sector`` filled by
        :func:`patnet.classify.assign_sectors` (if every sector is
        ``"unknown"``, a :class:`~patnet.exceptions.PatnetInputError` says
        so), or an incidence whose units carry a sector.
    by : None, "year", "period", str, dict, Series or DataFrame
        Groups. ``None``: the whole corpus (one row, group ``"all"``).
        ``"year"``: one row per year of the corpus's span, empty years
        included (a time series on the corpus's date basis). ``"period"``:
        one row per period of ``periods`` or of ``window``/``step`` year
        windows (see :func:`patnet.build.periods_table`; sliding windows
        share patents). Another string: a column of ``corpus.patents``.
        A mapping patent -> group (a dict whose values may be lists, a
        Series indexed by patent id, or a DataFrame with columns
        ``patent_id`` and ``group``) gives regions or clusters; a patent may
        be in several groups. Patents in no group are counted in
        ``attrs["patents_without_group"]``.
    periods, window, step
        For ``by="period"``.
    helix : dict, optional
        Sector -> ``"U"``, ``"I"``, ``"G"`` or None, updating
        :data:`DEFAULT_HELIX` (university U, firm I, government G; research,
        hospital, individual: no helix).
    none : {"exclude", "include"}
        Default ``"exclude"``: the probability space is the patents with at
        least one helix (Leydesdorff's seven Venn cells); ``"include"`` adds
        the patents whose known sectors are none of the three. Either way
        the column ``none`` counts them.
    ties, key
        See :func:`helix_cells`.
    bootstrap : int
        Resamples for the percentile interval of T_uig (0: no interval).
        Patents of a group are resampled with replacement; this is drawn as
        a multinomial of the group's cell counts with the observed shares,
        which is the same distribution and is vectorised.
    seed : int, numpy.random.Generator or None
        One child generator per group is spawned from it
        (:class:`numpy.random.SeedSequence`), so results are reproducible
        and the global random states are left alone.
    ci : float
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``group``; columns ``T_uig, T_ui, T_ug, T_ig`` (bits, NaN
        for an empty group), ``ci_low, ci_high`` (of T_uig), ``synergy``
        (``T_uig < 0``; nullable boolean, NA when T is NaN), ``n_patents``
        (patents of the group), ``n_table`` (patents in the probability
        space), ``n_unclassified`` (no applicant of known sector: in no
        cell), and the cell counts ``U, I, G, UI, UG, IG, UIG, none``; with
        ``by="period"`` also ``start`` and ``end``. ``attrs["note"]`` says
        that negative T means synergy; ``attrs`` also records every option.

    See Also
    --------
    patnet.measures.null.metric_significance : T against a null model that
        keeps each patent's number of organisations and each organisation's
        number of patents.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> from patnet.measures.triple_helix import triple_helix
    >>> sectors = {"U": ["university"], "I": ["firm"], "G": ["government"],
    ...            "UI": ["university", "firm"], "UIG": ["university", "firm", "government"]}
    >>> plan = ["U"] * 3 + ["I"] * 5 + ["G"] * 2 + ["UI"] * 2 + ["UIG"] * 2
    >>> c = make_corpus({str(k): ["CN"] for k in range(len(plan))},
    ...                 years={str(k): 2010 + k % 2 for k in range(len(plan))},
    ...                 applicants={str(k): [{"name": s, "sector": s} for s in sectors[cell]]
    ...                             for k, cell in enumerate(plan)})
    >>> out = triple_helix(c, bootstrap=200)
    >>> out[["T_uig", "n_table", "UI", "synergy"]].round(4)  # doctest: +NORMALIZE_WHITESPACE
            T_uig  n_table  UI  synergy
    group
    all   -0.5523       14   2     True
    >>> triple_helix(c, by="year", bootstrap=0)["n_patents"].to_dict()
    {2010: 7, 2011: 7}
    >>> "negative T_uig means synergy" in out.attrs["note"]
    True
    """
    _check_none(none)
    _check_ties(ties)
    n_boot = _check_bootstrap(bootstrap, ci)
    mapping = _helix_map(helix)
    pids, codes, info = _corpus_codes(data, mapping, ties, key)
    labels, pos, grp, extra, ginfo = _groups(data, pids, by, periods, window, step)
    k = len(labels)
    cell = codes[pos]
    # counts per group: 8 cells + unclassified (slot 8)
    slot = np.where(cell >= 0, cell, 8)
    counts = np.bincount(grp * 9 + slot, minlength=9 * k).reshape(k, 9) if k else \
        np.zeros((0, 9), dtype=np.int64)
    cube = counts[:, :8].astype(np.float64).copy()
    if none == "exclude":
        cube[:, 0] = 0.0
    vals = _t_values(cube.reshape(k, 2, 2, 2))
    ci_low = np.full(k, np.nan)
    ci_high = np.full(k, np.nan)
    if n_boot:
        gens = _generators(seed, k)
        for j in range(k):
            if cube[j].sum() > 0:
                ci_low[j], ci_high[j] = _interval(
                    _bootstrap_t(cube[j].reshape(2, 2, 2), n_boot, gens[j]), ci)
    t_uig = vals["T_uig"]
    synergy = pd.array([pd.NA if np.isnan(t) else bool(t < 0) for t in t_uig], dtype="boolean")
    index = pd.Index(labels, name="group")
    out = pd.DataFrame({
        "T_uig": t_uig, "T_ui": vals["T_ui"], "T_ug": vals["T_ug"], "T_ig": vals["T_ig"],
        "ci_low": ci_low, "ci_high": ci_high, "synergy": synergy,
        "n_patents": counts.sum(axis=1).astype(np.int64),
        "n_table": cube.sum(axis=1).astype(np.int64),
        "n_unclassified": counts[:, 8].astype(np.int64),
    }, index=index)
    for name in CELLS:
        out[name] = counts[:, _CODE[name]].astype(np.int64)
    for name, values in extra.items():
        out[name] = np.asarray(values, dtype=np.int64)
    out.attrs = {
        "measure": "triple_helix", "unit": "bits", "note": SYNERGY_NOTE,
        "helix": _helix_label(mapping), "none": none, "bootstrap": n_boot,
        "seed": ("none" if seed is None else int(seed)
                 if isinstance(seed, (int, np.integer)) else "generator"),
        "ci": float(ci), "ci_method": "percentile bootstrap over patents (multinomial on cells)",
        **info, **ginfo,
        "n_patents_total": int(len(pids)),
    }
    return out
