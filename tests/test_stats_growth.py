"""pn.stats growth definitions: known answers, missing years, zeros."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet import stats

GAPPED = {2010: 10, 2011: 12, 2012: 15, 2014: 20}   # 2013 missing


def test_cagr_known_answers():
    assert stats.cagr(GAPPED) == pytest.approx(2 ** 0.25 - 1)
    assert round(100 * stats.cagr(GAPPED), 2) == 18.92
    assert stats.cagr({2001: 100, 2011: 200}) == pytest.approx(2 ** 0.1 - 1)
    assert stats.cagr(GAPPED, start=2011) == pytest.approx((20 / 12) ** (1 / 3) - 1)
    assert stats.cagr(GAPPED, end=2012) == pytest.approx(0.5 ** 0 * (15 / 10) ** 0.5 - 1)
    assert stats.cagr({2010: 5, 2012: 0}) == -1.0


def test_missing_is_not_zero():
    # a NaN value is a missing year, like an absent one
    s = pd.Series([10, 12, 15, np.nan, 20], index=range(2010, 2015))
    assert stats.cagr(s) == pytest.approx(stats.cagr(GAPPED))
    with pytest.warns(pn.PatnetWarning):
        assert stats.mean_yoy(s) == pytest.approx(0.225)
    zero = pd.Series([10, 12, 15, 0, 20], index=range(2010, 2015))
    with pytest.warns(pn.PatnetWarning, match="previous year's count is 0"):
        g = stats.mean_yoy(zero)
    assert g == pytest.approx((0.2 + 0.25 - 1.0) / 3)


def test_cagr_undefined_cases_warn():
    with pytest.warns(pn.PatnetWarning, match="zero count"):
        assert math.isnan(stats.cagr({2010: 0, 2011: 3, 2012: 5}))
    with pytest.warns(pn.PatnetWarning, match="two years"):
        assert math.isnan(stats.cagr({2010: 3}))
    with pytest.warns(pn.PatnetWarning, match="no data for 2009"):
        assert stats.cagr(GAPPED, start=2009) == pytest.approx(2 ** 0.25 - 1)


def test_mean_yoy_known_answers():
    assert stats.mean_yoy({2010: 10, 2011: 12, 2012: 15}) == pytest.approx(0.225)
    assert stats.mean_yoy({2010: 4, 2011: 2, 2012: 4}) == pytest.approx((-0.5 + 1.0) / 2)
    with pytest.warns(pn.PatnetWarning, match=r"2 year-on-year rate\(s\).*missing.*2013, 2014"):
        assert stats.mean_yoy(GAPPED) == pytest.approx(0.225)
    with pytest.warns(pn.PatnetWarning, match="previous year's count is 0.*2011"):
        assert stats.mean_yoy({2010: 0, 2011: 5, 2012: 10}) == pytest.approx(1.0)
    with pytest.warns(pn.PatnetWarning) as w:
        assert math.isnan(stats.mean_yoy({2010: 0, 2011: 0}))
    assert any("no year-on-year rate" in str(x.message) for x in w)


def test_loglinear_known_answers():
    s = {2000 + t: 10 * 1.1 ** t for t in range(12)}
    assert stats.loglinear_growth(s) == pytest.approx(0.1)
    # with a gap, the fit uses calendar positions
    gapped = {t: v for t, v in s.items() if t != 2005}
    assert stats.loglinear_growth(gapped) == pytest.approx(0.1)
    # reference: least squares by numpy
    t = np.array([2010, 2011, 2012, 2014])
    b = np.polyfit(t, np.log([10, 12, 15, 20]), 1)[0]
    assert stats.loglinear_growth(GAPPED) == pytest.approx(math.exp(b) - 1)
    with pytest.warns(pn.PatnetWarning, match="zero count left out"):
        g = stats.loglinear_growth({2010: 0, 2011: 10, 2012: 20})
    assert g == pytest.approx(1.0)


def test_growth_table():
    with pytest.warns(pn.PatnetWarning, match="mean_yoy"):
        t = stats.growth_table(GAPPED)
    assert t.index.name == "definition"
    assert t.index.tolist() == ["cagr", "mean_yoy", "loglinear"]
    assert list(t.columns) == ["value", "first_year", "last_year", "n", "formula", "note"]
    assert t.loc["cagr", "value"] == pytest.approx(2 ** 0.25 - 1)
    assert t.loc["mean_yoy", "value"] == pytest.approx(0.225)
    assert t.loc["cagr", "n"] == 4 and t.loc["mean_yoy", "n"] == 2 and t.loc["loglinear", "n"] == 4
    assert "missing" in t.loc["mean_yoy", "note"] and t.loc["cagr", "note"] == ""
    assert t.loc["cagr", "formula"] == stats.DEFINITIONS["cagr"]


def test_inputs():
    s = pd.Series([1, 2, 4], index=pd.Index([2010, 2011, 2012], name="year"))
    frame = s.rename("patents").to_frame()
    assert stats.cagr(frame) == pytest.approx(1.0)
    with pytest.raises(pn.PatnetInputError, match="twice"):
        stats.as_series(pd.Series([1, 2], index=[2010, 2010]))
    with pytest.raises(pn.PatnetInputError, match="integers"):
        stats.as_series({"x": 1})
    with pytest.raises(pn.PatnetInputError, match="negative"):
        stats.cagr({2010: -1, 2011: 2})
    with pytest.raises(pn.PatnetInputError, match="single index level"):
        stats.cagr(pd.Series([1], index=pd.MultiIndex.from_tuples([("a", 2010)])))


def test_by_year_series_feeds_growth():
    from patnet.testing import make_corpus
    c = make_corpus({str(i): ["CN"] for i in range(7)},
                    years={"0": 2010, "1": 2011, "2": 2011, "3": 2012, "4": 2012, "5": 2012,
                           "6": 2012})
    y = stats.by_year(c)
    assert stats.cagr(y) == pytest.approx(1.0)
    assert stats.mean_yoy(y) == pytest.approx((1.0 + 1.0) / 2)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(1, 500), min_size=2, max_size=20))
def test_definitions_agree_on_geometric_and_cagr_matches_mean_log(values):
    s = dict(zip(range(2000, 2000 + len(values)), values))
    g = stats.cagr(s)
    # CAGR is the geometric mean of the yearly ratios when no year is missing
    ratios = [b / a for a, b in zip(values, values[1:])]
    assert g == pytest.approx(math.exp(np.mean(np.log(ratios))) - 1, rel=1e-9, abs=1e-12)
    # arithmetic mean of rates >= geometric mean (AM-GM)
    assert stats.mean_yoy(s) >= g - 1e-12
