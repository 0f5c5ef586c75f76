"""pn.stats stages: summaries for given breaks, exact change-point segmentation."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet import stats
from patnet.stats.stages import _segment_cost

YEARS = range(2001, 2018)
JIANGSU_LIKE = dict(zip(YEARS, [1, 2, 1, 2, 3, 2, 5, 6, 4, 7, 5, 6, 5, 9, 10, 9, 10]))


def test_stage_summaries_reproduce_the_paper():
    t = stats.stages(JIANGSU_LIKE, [2007, 2014], labels=["start-up", "volatile", "rapid"])
    assert t.index.name == "stage" and t.index.tolist() == [1, 2, 3]
    assert list(t.columns) == ["label", "first_year", "last_year", "years", "years_with_data",
                               "total", "mean", "share", "mean_ratio", "cagr"]
    assert t["first_year"].tolist() == [2001, 2007, 2014]
    assert t["last_year"].tolist() == [2006, 2013, 2017]
    assert t["years"].tolist() == [6, 7, 4]
    assert t["total"].tolist() == [11, 38, 38]
    assert t["mean"].round(2).tolist() == [1.83, 5.43, 9.5]
    assert t["share"].tolist() == pytest.approx([11 / 87, 38 / 87, 38 / 87])
    assert t["mean_ratio"].round(2).tolist() == [1.0, 2.96, 5.18]
    assert t.loc[3, "cagr"] == pytest.approx((10 / 9) ** (1 / 3) - 1)
    assert t["label"].tolist() == ["start-up", "volatile", "rapid"]
    assert t.attrs["breaks"] == [2007, 2014]


def test_stage_with_missing_year_and_zero_start():
    s = {2001: 0, 2002: 2, 2003: 4, 2005: 6, 2006: 8}     # 2004 missing
    t = stats.stages(s, 2004)
    assert t["years"].tolist() == [3, 3]
    assert t["years_with_data"].tolist() == [3, 2]
    assert t["mean"].tolist() == pytest.approx([2.0, 7.0])   # over years with data
    assert np.isnan(t.loc[1, "cagr"])                        # from a zero count
    assert t.loc[2, "cagr"] == pytest.approx(8 / 6 - 1)


def test_bad_breaks():
    with pytest.raises(pn.PatnetInputError, match="outside"):
        stats.stages(JIANGSU_LIKE, [2001])
    with pytest.raises(pn.PatnetInputError, match="increase"):
        stats.stages(JIANGSU_LIKE, [2010, 2007])
    with pytest.raises(pn.PatnetInputError, match="label"):
        stats.stages(JIANGSU_LIKE, [2007], labels=["one"])


@pytest.mark.parametrize("cost", ["l2", "poisson"])
def test_find_stages_recovers_piecewise_constant_breaks(cost):
    # breaks at 2003 and 2011: not multiples of 5
    values = [2] * 2 + [20] * 8 + [60] * 7
    s = dict(zip(YEARS, values))
    breaks, table = stats.find_stages(s, n_stages=3, cost=cost)
    assert breaks == [2003, 2011]
    assert table["total"].tolist() == [4, 160, 420]
    if cost == "l2":
        assert table.attrs["total_cost"] == pytest.approx(0.0, abs=1e-9)
    assert table.attrs["n_stages"] == 3 and table.attrs["cost"] == cost


def test_find_stages_paper_like_series():
    breaks, table = stats.find_stages(JIANGSU_LIKE, n_stages=3)
    assert breaks == [2007, 2014]
    assert table["mean"].round(2).tolist() == [1.83, 5.43, 9.5]


def test_find_stages_linear():
    # slope 1 until 2008, then slope 5
    values = [float(t) for t in range(8)] + [20.0 + 5 * t for t in range(1, 10)]
    s = dict(zip(YEARS, values))
    breaks, _ = stats.find_stages(s, n_stages=2, cost="linear", min_size=3)
    assert breaks == [2009]


def test_find_stages_penalty():
    values = [2] * 6 + [10] * 5 + [30] * 6
    s = dict(zip(YEARS, values))
    rng = np.random.default_rng(1)
    noisy = {y: v + float(rng.normal(0, 0.5)) for y, v in s.items()}
    breaks, table = stats.find_stages(noisy, penalty=2 * 0.25 * np.log(17))
    assert breaks == [2007, 2012]
    assert table.attrs["n_stages"] == 3
    breaks, _ = stats.find_stages(noisy, penalty=1e9)
    assert breaks == []
    breaks, _ = stats.find_stages(noisy, penalty=0.0, min_size=1, max_stages=17)
    assert len(breaks) >= 2


def test_find_stages_errors():
    with pytest.raises(pn.PatnetInputError, match="either n_stages or penalty"):
        stats.find_stages(JIANGSU_LIKE)
    with pytest.raises(pn.PatnetInputError, match="either n_stages or penalty"):
        stats.find_stages(JIANGSU_LIKE, n_stages=2, penalty=1.0)
    with pytest.raises(pn.PatnetInputError, match="did you mean 'poisson'"):
        stats.find_stages(JIANGSU_LIKE, n_stages=2, cost="poison")
    with pytest.raises(pn.PatnetInputError, match="cannot make"):
        stats.find_stages(JIANGSU_LIKE, n_stages=9, min_size=2)


def _brute(values, k, min_size, cost):
    n = len(values)
    seg = _segment_cost(np.asarray(values, float), np.arange(n, dtype=float), cost)
    best, arg = float("inf"), None
    for cuts in itertools.combinations(range(1, n), k - 1):
        bounds = (0, *cuts, n)
        if any(b - a < min_size for a, b in zip(bounds, bounds[1:])):
            continue
        v = sum(seg(a, b) for a, b in zip(bounds, bounds[1:]))
        if v < best - 1e-9:
            best, arg = v, list(cuts)
    return best, arg


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=4, max_size=9), st.integers(1, 3),
       st.sampled_from(["l2", "poisson"]))
def test_dp_is_exact(values, k, cost):
    s = dict(zip(range(2000, 2000 + len(values)), values))
    breaks, table = stats.find_stages(s, n_stages=k, cost=cost, min_size=1)
    best, _ = _brute(values, k, 1, cost)
    assert table.attrs["total_cost"] == pytest.approx(best, rel=1e-9, abs=1e-9)
    assert len(breaks) == k - 1
