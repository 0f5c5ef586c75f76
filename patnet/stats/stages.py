"""Stages of a yearly series: summaries between given break years, or breaks found exactly.

A *stage* is a run of consecutive years. Stages are given by their *break
years*: each break is the first year of a new stage, so ``breaks=[2007,
2014]`` on 2001-2017 gives 2001-2006, 2007-2013 and 2014-2017 (Chen's
start-up, volatile-growth and rapid-growth stages of Jiangsu's series).

:func:`stages` summarises the stages of given breaks; :func:`find_stages`
finds the breaks by exact change-point segmentation (dynamic programming
over every possible set of breaks, so the result is the true optimum of the
stated cost, not a heuristic's) and summarises them the same way. For the
20-odd years of a patent series the search takes milliseconds and needs no
extra dependency.

Costs
-----
``"l2"`` (default)
    Piecewise-constant mean: the sum over stages of squared deviations from
    the stage mean, :math:`\\sum_s \\sum_{t \\in s} (x_t - \\bar x_s)^2`.
``"poisson"``
    Piecewise-constant Poisson rate (counts): the negative log-likelihood
    :math:`\\sum_s (N_s - N_s \\ln(N_s / n_s))` up to a constant, with
    :math:`N_s` the stage total over :math:`n_s` years.
``"linear"``
    Piecewise-linear trend: the residual sum of squares of a straight line
    fitted to each stage (use ``min_size >= 3``; two points fit any line).

With ``n_stages`` the best segmentation into exactly that many stages is
returned; with ``penalty`` the number of stages minimises
``cost + penalty * (stages - 1)`` (for ``"poisson"``, ``penalty = ln n``
is the BIC choice; for ``"l2"``, about ``2 * sigma**2 * ln n`` with
``sigma**2`` the noise variance).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..exceptions import PatnetInputError
from ..schema import did_you_mean
from .growth import _cagr, as_series

__all__ = ["stages", "find_stages", "COSTS"]

#: Segment costs of :func:`find_stages`.
COSTS = ("l2", "poisson", "linear")


def _check_breaks(breaks, first: int, last: int) -> list:
    if breaks is None:
        return []
    if isinstance(breaks, (int, np.integer)) and not isinstance(breaks, bool):
        breaks = [breaks]
    out = []
    for b in breaks:
        if isinstance(b, (bool, np.bool_)) or not isinstance(b, (int, np.integer)):
            raise PatnetInputError("break years must be integers", value=b,
                                   hint="For example breaks=[2007, 2014]")
        out.append(int(b))
    if any(b2 <= b1 for b1, b2 in zip(out, out[1:])):
        raise PatnetInputError("break years must increase", value=out,
                               hint="Give each break once, in order: breaks=[2007, 2014]")
    for b in out:
        if not first < b <= last:
            raise PatnetInputError(
                f"break year {b} is outside the series ({first}-{last})", value=b,
                hint=f"A break is the first year of a new stage: {first + 1} to {last}")
    return out


def stages(series, breaks, *, labels=None) -> pd.DataFrame:
    """Per-stage totals, means and growth of a yearly series, for given break years.

    Parameters
    ----------
    series : Series, dict or by_year table
        See :func:`patnet.stats.as_series`. The stages span its first to
        last year with data.
    breaks : int or list of int
        The first year of each stage after the first (``[2007, 2014]``).
    labels : list of str, optional
        A name per stage (``["start-up", "volatile growth", "rapid growth"]``).

    Returns
    -------
    pandas.DataFrame
        Index ``stage`` (1, 2, ...); columns

        - ``label`` (``string``; missing unless given);
        - ``first_year``, ``last_year``, ``years`` (calendar years,
          ``last - first + 1``), ``years_with_data``;
        - ``total``: sum of the stage's values;
        - ``mean``: ``total / years_with_data`` (per calendar year when no
          year is missing: Chen's 11 patents over 2001-2006 give 1.83);
        - ``share``: ``total`` over the grand total;
        - ``mean_ratio``: ``mean`` over the first stage's ``mean``;
        - ``cagr``: compound annual growth from the stage's first to last
          year with data (:func:`patnet.stats.cagr`; NaN if undefined: a
          zero first count, a single year).

        ``attrs["breaks"]`` holds the break years.

    Examples
    --------
    >>> from patnet.stats import stages
    >>> s = {2001: 1, 2002: 2, 2003: 2, 2004: 8, 2005: 9, 2006: 10}
    >>> cols = ["first_year", "last_year", "years", "total", "mean", "mean_ratio"]
    >>> stages(s, [2004])[cols]  # doctest: +NORMALIZE_WHITESPACE
           first_year  last_year  years  total      mean  mean_ratio
    stage
    1            2001       2003      3      5  1.666667         1.0
    2            2004       2006      3     27  9.000000         5.4
    """
    x = as_series(series)
    if not len(x):
        raise PatnetInputError("the series has no year with data")
    first, last = int(x.index[0]), int(x.index[-1])
    br = _check_breaks(breaks, first, last)
    starts = [first] + br
    ends = [b - 1 for b in br] + [last]
    if labels is not None:
        labels = list(labels)
        if len(labels) != len(starts):
            raise PatnetInputError(f"{len(labels)} label(s) for {len(starts)} stage(s)",
                                   hint="Give one label per stage, or none")
    grand = float(x.sum())
    rows = []
    for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
        part = x[(x.index >= a) & (x.index <= b)]
        total = float(part.sum())
        n = len(part)
        g, _, _ = _cagr(part) if n >= 2 else (float("nan"), None, None)
        rows.append({
            "stage": i + 1,
            "label": None if labels is None else str(labels[i]),
            "first_year": a, "last_year": b, "years": b - a + 1, "years_with_data": n,
            "total": total, "mean": total / n if n else float("nan"),
            "share": total / grand if grand else float("nan"),
            "cagr": g,
        })
    out = pd.DataFrame(rows).set_index("stage")
    out["label"] = pd.array(out["label"].tolist(), dtype="string")
    first_mean = out["mean"].iloc[0]
    out["mean_ratio"] = out["mean"] / first_mean if first_mean else float("nan")
    out = out[["label", "first_year", "last_year", "years", "years_with_data", "total", "mean",
               "share", "mean_ratio", "cagr"]]
    if np.allclose(out["total"], np.round(out["total"])):
        out["total"] = np.round(out["total"]).astype("int64")
    for c in ("first_year", "last_year", "years", "years_with_data"):
        out[c] = out[c].astype("int64")
    for c in ("mean", "share", "mean_ratio", "cagr"):
        out[c] = out[c].astype("float64")
    out.index = out.index.astype("int64")
    out.attrs = {"breaks": br}
    return out


def _segment_cost(x: np.ndarray, t: np.ndarray, cost: str):
    """A function ``seg(i, j)`` giving the cost of observations ``i .. j-1`` in O(1)."""
    def cum(a):
        return np.concatenate([[0.0], np.cumsum(a, dtype=float)])

    s1, s2 = cum(x), cum(x * x)
    if cost == "l2":
        def seg(i, j):
            n = j - i
            a = s1[j] - s1[i]
            return max(s2[j] - s2[i] - a * a / n, 0.0)
    elif cost == "poisson":
        def seg(i, j):
            n = j - i
            a = s1[j] - s1[i]
            return 0.0 if a <= 0 else a - a * math.log(a / n)
    else:  # linear
        tc = t - t[0]
        t1, t2, tx = cum(tc), cum(tc * tc), cum(tc * x)

        def seg(i, j):
            n = j - i
            a = s1[j] - s1[i]
            sxx = s2[j] - s2[i] - a * a / n
            st = t1[j] - t1[i]
            stt = t2[j] - t2[i] - st * st / n
            stx = tx[j] - tx[i] - st * a / n
            rss = sxx - (stx * stx / stt if stt > 0 else 0.0)
            return max(rss, 0.0)
    return seg


def _better(value, best) -> bool:
    return value < best - 1e-9 * max(1.0, abs(best))


def _dp(seg, n: int, k_max: int, min_size: int):
    """F[k][j]: least cost of observations 0..j-1 in k segments; B: the argmin (earliest)."""
    inf = float("inf")
    F = [[inf] * (n + 1) for _ in range(k_max + 1)]
    B = [[-1] * (n + 1) for _ in range(k_max + 1)]
    F[0][0] = 0.0
    for k in range(1, k_max + 1):
        for j in range(k * min_size, n + 1):
            best, arg = inf, -1
            for i in range((k - 1) * min_size, j - min_size + 1):
                if F[k - 1][i] == inf:
                    continue
                v = F[k - 1][i] + seg(i, j)
                if arg < 0 or _better(v, best):
                    best, arg = v, i
            F[k][j], B[k][j] = best, arg
    return F, B


def _backtrack(B, k: int, n: int) -> list:
    cuts, j = [], n
    for kk in range(k, 0, -1):
        i = B[kk][j]
        cuts.append(i)
        j = i
    return sorted(c for c in cuts if c > 0)


def find_stages(series, n_stages=None, *, penalty=None, cost: str = "l2", min_size: int = 2,
                max_stages=None, labels=None):
    """Find the stages of a yearly series by exact change-point segmentation.

    Parameters
    ----------
    series : Series, dict or by_year table
        See :func:`patnet.stats.as_series`. Missing years are skipped (the
        segmentation runs over the years with data in order).
    n_stages : int, optional
        Exactly this many stages. Give this or ``penalty``.
    penalty : float, optional
        Choose the number of stages that minimises
        ``cost + penalty * (n_stages - 1)`` (ties: fewer stages).
    cost : {"l2", "poisson", "linear"}
        See the module notes: piecewise-constant mean, piecewise-constant
        Poisson rate, piecewise-linear trend.
    min_size : int, default 2
        Fewest years with data per stage.
    max_stages : int, optional
        With ``penalty``: the most stages considered (default: as many as
        ``min_size`` allows).
    labels : list of str, optional
        Stage names for the table (one per stage found).

    Returns
    -------
    breaks : list of int
        The first year of each stage after the first.
    table : pandas.DataFrame
        :func:`stages` of those breaks; ``attrs`` adds ``cost``,
        ``total_cost`` (of the optimum), ``penalty``, ``n_stages`` and
        ``min_size``.

    Notes
    -----
    The optimum is exact: with :math:`C(i, j)` the cost of years
    :math:`i..j-1`, :math:`F_k(j) = \\min_i F_{k-1}(i) + C(i, j)` over every
    admissible :math:`i`, in :math:`O(K n^2)` time with :math:`O(1)` segment
    costs from cumulative sums. Among equally good segmentations the one
    with the earliest breaks is returned. Break years are never rounded.

    Examples
    --------
    >>> from patnet.stats import find_stages
    >>> s = dict(zip(range(2001, 2018), [1, 2, 1, 2, 3, 2, 5, 6, 4, 7, 5, 6, 5, 9, 10, 9, 10]))
    >>> breaks, table = find_stages(s, n_stages=3)
    >>> breaks
    [2007, 2014]
    >>> table[["first_year", "last_year", "total", "mean"]].round(2)  # doctest: +NORMALIZE_WHITESPACE
           first_year  last_year  total  mean
    stage
    1            2001       2006     11  1.83
    2            2007       2013     38  5.43
    3            2014       2017     38  9.50
    """
    if cost not in COSTS:
        raise PatnetInputError(f"unknown cost {cost!r}{did_you_mean(cost, COSTS)}",
                               hint=f"Valid costs are {', '.join(map(repr, COSTS))}")
    if (n_stages is None) == (penalty is None):
        raise PatnetInputError("give either n_stages or penalty",
                               hint="n_stages=3 for three stages, or penalty=... to choose "
                                    "the number of stages")
    if isinstance(min_size, bool) or not isinstance(min_size, (int, np.integer)) or min_size < 1:
        raise PatnetInputError("min_size must be a positive integer", value=min_size)
    min_size = int(min_size)
    x = as_series(series)
    n = len(x)
    if n_stages is not None:
        if isinstance(n_stages, bool) or not isinstance(n_stages, (int, np.integer)) or n_stages < 1:
            raise PatnetInputError("n_stages must be a positive integer", value=n_stages)
        k_max = int(n_stages)
    else:
        if isinstance(penalty, bool) or not isinstance(penalty, (int, float, np.number)) \
                or not penalty >= 0:
            raise PatnetInputError("penalty must be a number >= 0", value=penalty)
        k_max = n // min_size if max_stages is None else int(max_stages)
        if k_max < 1:
            k_max = 1
    if k_max * min_size > n:
        raise PatnetInputError(
            f"{n} year(s) with data cannot make {k_max} stage(s) of at least {min_size} year(s)",
            hint="Ask for fewer stages or a smaller min_size")
    seg = _segment_cost(x.to_numpy(dtype=float), x.index.to_numpy(dtype=float), cost)
    F, B = _dp(seg, n, k_max, min_size)
    if n_stages is not None:
        k = k_max
    else:
        k, best = 1, F[1][n]
        for kk in range(2, k_max + 1):
            if F[kk][n] == float("inf"):
                continue
            v = F[kk][n] + penalty * (kk - 1)
            if _better(v, best):
                k, best = kk, v
    cuts = _backtrack(B, k, n)
    breaks = [int(x.index[c]) for c in cuts]
    table = stages(x, breaks, labels=labels)
    table.attrs.update({"cost": cost, "total_cost": float(F[k][n]), "penalty": penalty,
                        "n_stages": k, "min_size": min_size})
    return breaks, table
