"""How concentrated counts are: top-k shares (CR_k), the Herfindahl-Hirschman index.

Each function takes the counts as a table of :func:`patnet.stats.count`
(its ``patents`` column; rows with a missing key -- patents without a
unit -- are left out), a pandas Series, a dict ``unit -> count`` or a list
of counts. That makes them usable on a paper's published aggregates as well
as on a corpus.

Two denominators
----------------
``denominator="counted"`` (default)
    The sum of the counts, :math:`C = \\sum_i c_i`. Under full counting a
    patent with two partner countries is in this total twice, so :math:`C`
    can exceed the number of patents; shares of :math:`C` add up to 1, which
    the HHI needs.
``denominator="patents"``
    The number of patents counted (``attrs["n_patents"]`` of a count
    table): "the top five partners' patents are x % of all cooperation
    patents". Under full counting these shares can add up to more than 1.

A number may also be given as the denominator. The HHI is always on shares
of the counted total.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..exceptions import PatnetInputError
from ..schema import did_you_mean

__all__ = ["top_share", "hhi", "n_units", "concentration"]

_DENOMINATORS = ("counted", "patents")


def _counts(counts) -> tuple[pd.Series, dict]:
    """Counts as a float Series indexed by unit (missing keys dropped), and the attrs."""
    attrs = {}
    if isinstance(counts, pd.DataFrame):
        if "patents" not in counts.columns:
            raise PatnetInputError(
                "a counts table needs a 'patents' column",
                hint="Pass a table of pn.stats.count(...), a Series or a dict unit -> count")
        attrs = dict(counts.attrs)
        s = counts["patents"]
    elif isinstance(counts, pd.Series):
        attrs = dict(counts.attrs)
        s = counts
    elif isinstance(counts, Mapping):
        s = pd.Series(list(counts.values()), index=list(counts.keys()), dtype=object)
    else:
        try:
            values = list(counts)
        except TypeError:
            raise PatnetInputError(
                f"cannot read counts from a {type(counts).__name__}",
                hint="Pass a count table, a Series, a dict unit -> count or a list of counts"
            ) from None
        s = pd.Series(values, dtype=object)
    idx = s.index
    if isinstance(idx, pd.MultiIndex):
        na = np.zeros(len(idx), dtype=bool)
        for i in range(idx.nlevels):
            na |= np.asarray(pd.isna(idx.get_level_values(i)), dtype=bool)
    else:
        na = np.asarray(pd.isna(idx), dtype=bool)
    s = s[~na]
    try:
        values = pd.to_numeric(pd.Series(s.to_numpy(), dtype=object), errors="raise")
    except (ValueError, TypeError):
        raise PatnetInputError("counts must be numbers",
                               hint="Pass counts such as {'SG': 663, 'IN': 349}") from None
    values = values.astype("float64").to_numpy()
    if np.isnan(values).any():
        raise PatnetInputError("counts must not be missing",
                               hint="Use 0 for a unit without patents, or drop it")
    if (values < 0).any():
        raise PatnetInputError("counts must not be negative", value=float(values.min()))
    return pd.Series(values, index=s.index), attrs


def _denominator(denominator, s: pd.Series, attrs: dict) -> tuple[float, str]:
    if isinstance(denominator, str):
        if denominator == "counted":
            return float(s.sum()), "counted"
        if denominator == "patents":
            if "n_patents" not in attrs:
                raise PatnetInputError(
                    "denominator='patents' needs a count table (attrs['n_patents'])",
                    hint="Pass the table of pn.stats.count(...), or give the number of patents "
                         "as denominator=1730")
            return float(attrs["n_patents"]), "patents"
        raise PatnetInputError(
            f"unknown denominator {denominator!r}{did_you_mean(denominator, _DENOMINATORS)}",
            hint="Use 'counted', 'patents' or a number")
    if isinstance(denominator, (bool, np.bool_)) or not isinstance(denominator, (int, float, np.number)):
        raise PatnetInputError("denominator must be 'counted', 'patents' or a number",
                               value=denominator)
    if not denominator > 0:
        raise PatnetInputError("denominator must be positive", value=denominator)
    return float(denominator), "given"


def _ranked(s: pd.Series) -> pd.Series:
    """Largest first; ties in index order (by key where keys sort)."""
    order = np.argsort(-s.to_numpy(), kind="stable")
    return s.iloc[order]


def _check_k(k) -> int:
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)) or k < 1:
        raise PatnetInputError("k must be a positive integer", value=k, hint="For example k=5")
    return int(k)


def top_share(counts, k: int = 5, *, denominator="counted") -> float:
    """The share of the k largest units, CR_k.

    .. math::

        CR_k = \\frac{\\sum_{i=1}^{k} c_{(i)}}{D}

    where :math:`c_{(1)} \\ge c_{(2)} \\ge \\dots` are the counts in
    decreasing order and :math:`D` the denominator (see the module notes).
    Ties at rank k do not change the value. With fewer than k units, all of
    them are summed.

    Parameters
    ----------
    counts : count table, Series, dict or list
    k : int, default 5
    denominator : {"counted", "patents"} or number

    Returns
    -------
    float

    Examples
    --------
    >>> from patnet.stats import top_share
    >>> top_share([50, 30, 10, 5, 5], 1), top_share([50, 30, 10, 5, 5], 3)
    (0.5, 0.9)
    >>> round(top_share({"SG": 663, "IN": 349, "RU": 153, "IL": 148, "MY": 87}, 5,
    ...                 denominator=1730), 4)
    0.8092
    """
    k = _check_k(k)
    s, attrs = _counts(counts)
    d, _ = _denominator(denominator, s, attrs)
    if d == 0:
        return float("nan")
    return float(_ranked(s).iloc[:k].sum() / d)


def hhi(counts) -> float:
    """The Herfindahl-Hirschman index of counts, on shares of their total.

    .. math::

        HHI = \\sum_i s_i^2, \\qquad s_i = c_i / \\sum_j c_j

    It lies in ``[1/n, 1]`` for ``n`` units with any count (multiply by
    10,000 for the antitrust convention); ``1/HHI`` is the "equivalent
    number" of equally sized units.

    Parameters
    ----------
    counts : count table, Series, dict or list

    Returns
    -------
    float
        NaN when all counts are zero.

    Examples
    --------
    >>> from patnet.stats import hhi
    >>> round(hhi([50, 30, 10, 5, 5]), 6)
    0.355
    """
    s, _ = _counts(counts)
    total = s.sum()
    if total == 0:
        return float("nan")
    shares = s.to_numpy() / total
    return float(np.sum(shares * shares))


def n_units(counts) -> int:
    """The number of units with a positive count (e.g. partner countries with any cooperation).

    Examples
    --------
    >>> from patnet.stats import n_units
    >>> n_units({"SG": 3, "IN": 0, "RU": 1})
    2
    """
    s, _ = _counts(counts)
    return int((s > 0).sum())


def concentration(counts, k=(1, 3, 5), *, denominator="counted") -> pd.DataFrame:
    """Top-k shares, HHI and the number of units with any count, in one table.

    Parameters
    ----------
    counts : count table, Series, dict or list
    k : int or sequence of int, default (1, 3, 5)
    denominator : {"counted", "patents"} or number
        For the top-k shares (see the module notes). HHI always uses the
        counted total.

    Returns
    -------
    pandas.DataFrame
        Index ``measure``: ``CR1``, ``CR3``, ... , ``HHI``, ``n_units``;
        columns ``value`` (float), ``numerator`` (sum of the top-k counts;
        NaN for the others), ``denominator`` (the CR denominator; the
        counted total for HHI; NaN for ``n_units``) and ``units`` (the top
        k units, ``"|"``-joined, largest first, ties in input order; empty
        for the others). ``attrs``: ``denominator`` (``"counted"``,
        ``"patents"`` or ``"given"``), ``counting`` (of the input table, if
        known), ``k``, ``total`` (counted total), ``n_patents`` (if known).

    Examples
    --------
    >>> from patnet.stats import concentration
    >>> concentration({"a": 50, "b": 30, "c": 10, "d": 5, "e": 5})  # doctest: +NORMALIZE_WHITESPACE
             value  numerator  denominator      units
    measure
    CR1      0.500       50.0        100.0          a
    CR3      0.900       90.0        100.0      a|b|c
    CR5      1.000      100.0        100.0  a|b|c|d|e
    HHI      0.355        NaN        100.0
    n_units  5.000        NaN          NaN
    """
    ks = [k] if isinstance(k, (int, np.integer)) and not isinstance(k, bool) else list(k)
    ks = [_check_k(x) for x in ks]
    s, attrs = _counts(counts)
    d, kind = _denominator(denominator, s, attrs)
    ranked = _ranked(s)
    total = float(s.sum())
    rows = []
    for kk in ks:
        top = ranked.iloc[:kk]
        num = float(top.sum())
        keys = ["/".join(map(str, x)) if isinstance(x, tuple) else str(x) for x in top.index]
        rows.append((f"CR{kk}", num / d if d else float("nan"), num, d, "|".join(keys)))
    rows.append(("HHI", hhi(s), float("nan"), total, ""))
    rows.append(("n_units", float((s > 0).sum()), float("nan"), float("nan"), ""))
    out = pd.DataFrame(rows, columns=["measure", "value", "numerator", "denominator", "units"])
    out["units"] = out["units"].astype("string")
    out = out.set_index("measure")
    out.index = out.index.astype("string")
    out.attrs = {"denominator": kind, "counting": attrs.get("counting"), "k": ks,
                 "total": total, "n_patents": attrs.get("n_patents")}
    return out
