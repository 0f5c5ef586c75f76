"""Growth rates of yearly series, each under a named, documented definition.

"Average annual growth" means different things in different papers. patnet
never reports an unnamed growth rate; it offers three definitions and says
which one a number is:

:func:`cagr` -- compound annual growth over the span
    :math:`g = (x_{t_1} / x_{t_0})^{1/(t_1 - t_0)} - 1`, with :math:`t_0`
    and :math:`t_1` the first and last years with data. It depends on the
    two end years only.
:func:`mean_yoy` -- mean of year-on-year rates
    :math:`g = \\frac{1}{|T|} \\sum_{t \\in T} (x_t / x_{t-1} - 1)`, over the
    years :math:`T` where the rate is defined: both years have data and
    :math:`x_{t-1} > 0`. Small counts make it large and volatile (a step
    from 1 to 4 patents is +300 %).
:func:`loglinear_growth` -- log-linear trend growth
    :math:`g = e^{b} - 1`, with :math:`b` the least-squares slope of
    :math:`\\ln x_t` on :math:`t` over the years with :math:`x_t > 0`. It
    uses every year and is the least sensitive to the end points.

:func:`growth_table` gives all three side by side.

Series
------
Each function takes a yearly series: a pandas Series indexed by year, a
dict ``year -> count``, or a table of :func:`patnet.stats.by_year` (its
``patents`` column). A year absent from the series (or with a missing
value) is *missing*, not zero: :func:`patnet.stats.by_year` fills zeros for
years without patents, so its series has no missing years, while a series
typed in from a paper may. Rates that need a missing year are skipped, with
a :class:`~patnet.PatnetWarning`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..exceptions import PatnetInputError, PatnetWarning

__all__ = ["cagr", "mean_yoy", "loglinear_growth", "growth_table", "as_series", "DEFINITIONS"]

#: The growth definitions, with their formulas.
DEFINITIONS = {
    "cagr": "(x[last] / x[first]) ** (1 / (last - first)) - 1; first and last years with data",
    "mean_yoy": "mean over t of (x[t] / x[t-1] - 1); years t where t and t-1 have data and "
                "x[t-1] > 0",
    "loglinear": "exp(b) - 1; b = least-squares slope of ln x[t] on t over years with x[t] > 0",
}


def as_series(series, *, start=None, end=None) -> pd.Series:
    """A yearly series as a float Series indexed by int year, sorted, missing years dropped.

    Parameters
    ----------
    series : pandas.Series, dict or DataFrame
        Indexed by year; a DataFrame must have a ``patents`` column and a
        single index level (a :func:`patnet.stats.by_year` table). Rows with
        a missing year are ignored.
    start, end : int, optional
        Keep only these years (inclusive).

    Returns
    -------
    pandas.Series
        ``float64`` values of the years with data, index ``year`` (``int64``).

    Raises
    ------
    PatnetInputError
        Years that are not integers or repeat, negative values.

    Examples
    --------
    >>> from patnet.stats import as_series
    >>> as_series({2012: 15, 2010: 10, 2011: None}).to_dict()
    {2010: 10.0, 2012: 15.0}
    """
    if isinstance(series, pd.DataFrame):
        if "patents" not in series.columns:
            raise PatnetInputError("a yearly table needs a 'patents' column",
                                   hint="Pass pn.stats.by_year(...) or a Series indexed by year")
        if isinstance(series.index, pd.MultiIndex):
            raise PatnetInputError(
                "a yearly series needs a single index level (year), not a cross",
                hint="Take one series out of a cross first, e.g. "
                     "t.xs('CN-JS', level='province')")
        s = series["patents"]
    elif isinstance(series, pd.Series):
        if isinstance(series.index, pd.MultiIndex):
            raise PatnetInputError(
                "a yearly series needs a single index level (year), not a cross",
                hint="Take one series out of a cross first, e.g. s.xs('CN-JS', level='province')")
        s = series
    elif isinstance(series, Mapping):
        s = pd.Series(list(series.values()), index=list(series.keys()), dtype=object)
    else:
        raise PatnetInputError(
            f"cannot read a yearly series from a {type(series).__name__}",
            hint="Pass a Series indexed by year, a dict year -> count or pn.stats.by_year(...)")
    idx = s.index
    keep = ~np.asarray(pd.isna(idx), dtype=bool)
    s = s[keep]
    years = []
    for y in s.index:
        if isinstance(y, (bool, np.bool_)):
            raise PatnetInputError("years must be integers", value=y)
        try:
            fy = float(y)
        except (TypeError, ValueError):
            raise PatnetInputError("years must be integers", value=y,
                                   hint="Index the series by year (2001, 2002, ...)") from None
        if not fy.is_integer():
            raise PatnetInputError("years must be integers", value=y)
        years.append(int(fy))
    try:
        values = pd.to_numeric(pd.Series(s.to_numpy(), dtype=object), errors="raise")
    except (TypeError, ValueError):
        raise PatnetInputError("series values must be numbers (or missing)") from None
    out = pd.Series(values.astype("float64").to_numpy(), index=pd.Index(years, dtype="int64",
                                                                          name="year"))
    if out.index.has_duplicates:
        y = int(out.index[out.index.duplicated()][0])
        raise PatnetInputError("a year appears twice in the series", value=y,
                               hint="Give one value per year")
    if (out.dropna() < 0).any():
        raise PatnetInputError("counts must not be negative", value=float(out.min()))
    out = out.dropna().sort_index()
    if start is not None:
        out = out[out.index >= int(start)]
    if end is not None:
        out = out[out.index <= int(end)]
    out.name = None
    return out


def _fmt_years(years) -> str:
    years = list(years)
    shown = ", ".join(str(y) for y in years[:8])
    return shown + (f", ... ({len(years)} in all)" if len(years) > 8 else "")


def _span_notes(x: pd.Series, start, end) -> list:
    notes = []
    if start is not None and (not len(x) or x.index[0] != int(start)):
        notes.append(f"no data for {int(start)}; the series starts in "
                     f"{x.index[0] if len(x) else 'no year'}")
    if end is not None and (not len(x) or x.index[-1] != int(end)):
        notes.append(f"no data for {int(end)}; the series ends in "
                     f"{x.index[-1] if len(x) else 'no year'}")
    return notes


def _cagr(series, start=None, end=None):
    x = as_series(series, start=start, end=end)
    notes = _span_notes(x, start, end)
    info = {"first_year": None, "last_year": None, "n": 0}
    if len(x) < 2:
        notes.append("CAGR needs two years with data")
        return float("nan"), info, notes
    t0, t1 = int(x.index[0]), int(x.index[-1])
    x0, x1 = float(x.iloc[0]), float(x.iloc[-1])
    info.update(first_year=t0, last_year=t1, n=t1 - t0)
    if x0 == 0:
        notes.append(f"CAGR is undefined from a zero count ({t0}); pass start= a year with "
                     "a positive count")
        return float("nan"), info, notes
    return float((x1 / x0) ** (1.0 / (t1 - t0)) - 1.0), info, notes


def _mean_yoy(series, start=None, end=None):
    x = as_series(series, start=start, end=end)
    notes = _span_notes(x, start, end)
    info = {"first_year": None, "last_year": None, "n": 0}
    if len(x) < 2:
        notes.append("year-on-year rates need two years with data")
        return float("nan"), info, notes
    t0, t1 = int(x.index[0]), int(x.index[-1])
    info.update(first_year=t0, last_year=t1)
    have = x.to_dict()
    rates, missing, zero = [], [], []
    for t in range(t0 + 1, t1 + 1):
        if t not in have or (t - 1) not in have:
            missing.append(t)
        elif have[t - 1] == 0:
            zero.append(t)
        else:
            rates.append(have[t] / have[t - 1] - 1.0)
    if missing:
        notes.append(f"{len(missing)} year-on-year rate(s) undefined because a year is missing "
                     f"and skipped ({_fmt_years(missing)})")
    if zero:
        notes.append(f"{len(zero)} year-on-year rate(s) undefined because the previous year's "
                     f"count is 0 and skipped ({_fmt_years(zero)})")
    info["n"] = len(rates)
    if not rates:
        notes.append("no year-on-year rate is defined")
        return float("nan"), info, notes
    return float(math.fsum(rates) / len(rates)), info, notes


def _loglinear(series, start=None, end=None):
    x = as_series(series, start=start, end=end)
    notes = _span_notes(x, start, end)
    info = {"first_year": None, "last_year": None, "n": 0}
    zeros = x.index[x.to_numpy() == 0].tolist()
    if zeros:
        notes.append(f"{len(zeros)} year(s) with a zero count left out of the log-linear fit "
                     f"({_fmt_years(zeros)})")
    pos = x[x > 0]
    if len(pos) < 2:
        notes.append("the log-linear fit needs two years with a positive count")
        return float("nan"), info, notes
    t = pos.index.to_numpy(dtype=float)
    y = np.log(pos.to_numpy(dtype=float))
    tc = t - t.mean()
    b = float(np.sum(tc * (y - y.mean())) / np.sum(tc * tc))
    info.update(first_year=int(pos.index[0]), last_year=int(pos.index[-1]), n=len(pos))
    return float(math.expm1(b)), info, notes


def _warn(notes, what):
    for n in notes:
        warnings.warn(f"{what}: {n}", PatnetWarning, stacklevel=3)


def cagr(series, start=None, end=None) -> float:
    """Compound annual growth rate over the span of a yearly series.

    .. math::

        g = \\left(\\frac{x_{t_1}}{x_{t_0}}\\right)^{1/(t_1 - t_0)} - 1

    where :math:`t_0` and :math:`t_1` are the first and last years with
    data in ``[start, end]`` (a missing year is not a zero; the exponent is
    the number of calendar years between them).

    Parameters
    ----------
    series : Series, dict or by_year table
        See :func:`as_series`.
    start, end : int, optional
        Restrict the span (inclusive).

    Returns
    -------
    float
        NaN (with a warning) if fewer than two years have data or the first
        count is 0; -1.0 if the last count is 0.

    Warns
    -----
    PatnetWarning
        NaN result, or ``start``/``end`` given without data in that year.

    Examples
    --------
    >>> from patnet.stats import cagr
    >>> round(cagr({2010: 10, 2011: 12, 2012: 15, 2014: 20}), 4)   # 2013 missing
    0.1892
    """
    value, _, notes = _cagr(series, start, end)
    _warn(notes, "cagr")
    return value


def mean_yoy(series, start=None, end=None) -> float:
    """Mean of the year-on-year growth rates of a yearly series.

    .. math::

        g = \\frac{1}{|T|} \\sum_{t \\in T} \\left(\\frac{x_t}{x_{t-1}} - 1\\right)

    over the years :math:`T` whose rate is defined: :math:`t` and
    :math:`t-1` both have data and :math:`x_{t-1} > 0`. A missing year
    makes two rates undefined (into it and out of it); a zero count makes
    the rate out of it undefined. Undefined rates are skipped with a
    warning, never treated as zero or infinite.

    Parameters
    ----------
    series : Series, dict or by_year table
    start, end : int, optional

    Returns
    -------
    float
        NaN (with a warning) if no rate is defined.

    Warns
    -----
    PatnetWarning
        Skipped rates, with their years.

    Examples
    --------
    >>> import warnings
    >>> from patnet.stats import mean_yoy
    >>> round(mean_yoy({2010: 10, 2011: 12, 2012: 15}), 6)   # (0.20 + 0.25) / 2
    0.225
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     g = mean_yoy({2010: 0, 2011: 2, 2012: 3})
    >>> g, str(w[0].message)
    (0.5, "mean_yoy: 1 year-on-year rate(s) undefined because the previous year's count is 0 and skipped (2011)")
    """
    value, _, notes = _mean_yoy(series, start, end)
    _warn(notes, "mean_yoy")
    return value


def loglinear_growth(series, start=None, end=None) -> float:
    """Growth rate of the log-linear trend of a yearly series.

    Fits :math:`\\ln x_t = a + b\\,t` by least squares over the years with
    :math:`x_t > 0` and returns

    .. math::

        g = e^{b} - 1, \\qquad
        b = \\frac{\\sum_t (t - \\bar t)(\\ln x_t - \\overline{\\ln x})}{\\sum_t (t - \\bar t)^2}.

    Years are used at their calendar positions, so missing years need no
    special treatment; years with a zero count have no logarithm and are
    left out with a warning.

    Parameters
    ----------
    series : Series, dict or by_year table
    start, end : int, optional

    Returns
    -------
    float
        NaN (with a warning) with fewer than two positive years.

    Examples
    --------
    >>> from patnet.stats import loglinear_growth
    >>> round(loglinear_growth({2010: 10, 2011: 20, 2012: 40}), 6)
    1.0
    """
    value, _, notes = _loglinear(series, start, end)
    _warn(notes, "loglinear_growth")
    return value


def growth_table(series, start=None, end=None) -> pd.DataFrame:
    """All three growth definitions of a series, named, side by side.

    Parameters
    ----------
    series : Series, dict or by_year table
    start, end : int, optional

    Returns
    -------
    pandas.DataFrame
        Index ``definition`` (``cagr``, ``mean_yoy``, ``loglinear``);
        columns ``value`` (float), ``first_year`` and ``last_year`` (years
        used, ``Int64``), ``n`` (``cagr``: years between the end points;
        ``mean_yoy``: rates averaged; ``loglinear``: years fitted),
        ``formula`` and ``note`` (what was skipped; empty if nothing).

    Warns
    -----
    PatnetWarning
        As the single functions do.

    Examples
    --------
    >>> from patnet.stats import growth_table
    >>> t = growth_table({2010: 10, 2011: 20, 2012: 40, 2013: 80})
    >>> t[["value", "first_year", "last_year", "n"]]  # doctest: +NORMALIZE_WHITESPACE
                value  first_year  last_year  n
    definition
    cagr          1.0        2010       2013  3
    mean_yoy      1.0        2010       2013  3
    loglinear     1.0        2010       2013  4
    """
    rows = []
    for name, fn, label in (("cagr", _cagr, "cagr"), ("mean_yoy", _mean_yoy, "mean_yoy"),
                            ("loglinear", _loglinear, "loglinear_growth")):
        value, info, notes = fn(series, start, end)
        _warn(notes, label)
        rows.append({"definition": name, "value": value, "first_year": info["first_year"],
                     "last_year": info["last_year"], "n": info["n"],
                     "formula": DEFINITIONS[name], "note": "; ".join(notes)})
    out = pd.DataFrame(rows).set_index("definition")
    out.index = out.index.astype("string")
    out["value"] = out["value"].astype("float64")
    for c in ("first_year", "last_year"):
        out[c] = pd.array(out[c].tolist(), dtype="Int64")
    out["n"] = out["n"].astype("int64")
    out["formula"] = out["formula"].astype("string")
    out["note"] = out["note"].astype("string")
    out.attrs = {"start": start, "end": end}
    return out
