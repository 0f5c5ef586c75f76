"""pn.stats concentration: CR_k, HHI and the number of units, with known answers."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet import stats
from patnet.testing import make_corpus

COUNTS = {"a": 50, "b": 30, "c": 10, "d": 5, "e": 5}


def test_known_answers():
    assert stats.top_share(COUNTS, 1) == pytest.approx(0.5)
    assert stats.top_share(COUNTS, 3) == pytest.approx(0.9)
    assert stats.top_share(COUNTS, 5) == pytest.approx(1.0)
    assert stats.top_share(COUNTS, 10) == pytest.approx(1.0)   # fewer units than k
    assert stats.hhi(COUNTS) == pytest.approx(0.355)
    assert stats.n_units({**COUNTS, "f": 0}) == 5
    for form in (list(COUNTS.values()), pd.Series(COUNTS),
                 stats.from_counts(COUNTS)):
        assert stats.hhi(form) == pytest.approx(0.355)
        assert stats.top_share(form, 3) == pytest.approx(0.9)


def test_concentration_table():
    c = stats.concentration(COUNTS)
    assert c.index.name == "measure"
    assert c.index.tolist() == ["CR1", "CR3", "CR5", "HHI", "n_units"]
    assert list(c.columns) == ["value", "numerator", "denominator", "units"]
    assert c["value"].tolist() == pytest.approx([0.5, 0.9, 1.0, 0.355, 5])
    assert c.loc["CR3", "units"] == "a|b|c"
    assert c.loc["CR3", "numerator"] == 90 and c.loc["CR3", "denominator"] == 100
    assert c.attrs["denominator"] == "counted"
    one = stats.concentration(COUNTS, k=2)
    assert one.index.tolist() == ["CR2", "HHI", "n_units"]


def test_denominators():
    t = stats.from_counts(COUNTS, n_patents=80)      # full counting: 100 counted, 80 patents
    assert stats.top_share(t, 1) == pytest.approx(0.5)
    assert stats.top_share(t, 1, denominator="patents") == pytest.approx(50 / 80)
    assert stats.top_share(t, 1, denominator=200) == pytest.approx(0.25)
    c = stats.concentration(t, denominator="patents")
    assert c.loc["CR1", "value"] == pytest.approx(50 / 80)
    assert c.loc["HHI", "value"] == pytest.approx(0.355)   # HHI stays on the counted total
    with pytest.raises(pn.PatnetInputError, match="count table"):
        stats.top_share(COUNTS, 1, denominator="patents")
    with pytest.raises(pn.PatnetInputError, match="did you mean 'counted'"):
        stats.top_share(COUNTS, 1, denominator="count")
    with pytest.raises(pn.PatnetInputError, match="positive integer"):
        stats.top_share(COUNTS, 0)
    with pytest.raises(pn.PatnetInputError, match="negative"):
        stats.hhi([1, -1])


def test_on_a_count_table_missing_keys_left_out():
    js = {"country": "CN", "province": "CN-JS", "country_method": "iso2"}
    cn = {"country": "CN", "country_method": "iso2"}
    c = make_corpus({"1": [js], "2": [js], "3": [cn], "4": [cn]})
    t = stats.by_province(c)
    assert t["patents"].tolist() == [2, 2]             # CN-JS 2, <NA> 2
    con = stats.concentration(t)
    assert con.loc["n_units", "value"] == 1
    assert con.loc["HHI", "value"] == 1.0
    assert con.loc["CR1", "value"] == 1.0
    assert stats.top_share(t, 1, denominator="patents") == 0.5


def test_ties_keep_input_order():
    t = stats.from_counts({"IN": 6, "CZ": 6, "SG": 41})
    assert stats.concentration(t, k=2).loc["CR2", "units"] == "SG|CZ"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=30))
def test_properties(values):
    total = sum(values)
    n = sum(v > 0 for v in values)
    if total == 0:
        assert pd.isna(stats.hhi(values))
        return
    h = stats.hhi(values)
    assert 1 / n - 1e-12 <= h <= 1 + 1e-12
    crs = [stats.top_share(values, k) for k in range(1, len(values) + 1)]
    assert all(b >= a - 1e-12 for a, b in zip(crs, crs[1:]))
    assert crs[-1] == pytest.approx(1.0)
    assert crs[0] == pytest.approx(max(values) / total)
