"""pn.stats counts on a hand-built corpus with known answers, and counting properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet import select, stats
from patnet.testing import make_corpus


def person(country, province=None):
    row = {"country": country, "country_method": "iso2"}
    if province is not None:
        row["province"] = province
    return row


JS, BJ, SH = (person("CN", p) for p in ("CN-JS", "CN-BJ", "CN-SH"))
CN = person("CN")  # province unresolved


def P(c):
    return person(c)


#: patent -> inventors; years; classes. Hand-computed answers in the tests.
INVENTORS = {
    "p1": [JS, JS, P("SG")],
    "p2": [JS, BJ, P("SG"), P("IN")],
    "p3": [BJ, P("RU")],
    "p4": [SH, P("SG"), P("MY")],
    "p5": [CN, P("IL"), P("US")],
    "p6": [BJ, SH, P("PH")],
}
YEARS = {"p1": 2010, "p2": 2011, "p3": 2011, "p4": 2013, "p5": 2013, "p6": 2014}
CLASSES = {
    "p1": ["H01L 21/02"],
    "p2": ["H04L 9/00", "G06F 3/01"],
    "p3": ["A61K 31/40"],
    "p4": ["C07D 213/00"],
    "p6": ["B60L 1/00"],
}


@pytest.fixture(scope="module")
def coop():
    c = make_corpus(INVENTORS, years=YEARS, classes=CLASSES)
    out, record = select.cooperation(c, "CN", "bri")
    assert out.n_patents == 6
    return out


def as_dict(df):
    return {k: v for k, v in zip(df.index.tolist(), df["patents"].tolist(), strict=True)}


def test_by_partner_full(coop):
    t = stats.by_partner(coop)
    assert t.index.name == "partner" and list(t.columns) == ["patents", "share"]
    assert t.index.tolist() == ["SG", "IL", "IN", "MY", "PH", "RU"]   # count desc, then key
    assert as_dict(t) == {"SG": 3, "IL": 1, "IN": 1, "MY": 1, "PH": 1, "RU": 1}
    assert t["patents"].dtype == np.int64
    assert t.loc["SG", "share"] == pytest.approx(3 / 6)
    assert t.attrs["counting"] == "full" and t.attrs["n_patents"] == 6
    assert t.attrs["denominator"] == "patents"
    assert t.attrs["focal"] == "CN" and len(t.attrs["partners"]) == 65
    assert t.attrs["labels"]["SG"] == "Singapore"
    assert "US" not in t.index  # a third country, not a partner


def test_by_partner_fractional(coop):
    t = stats.by_partner(coop, counting="fractional")
    assert t["patents"].dtype == np.float64
    assert as_dict(t) == pytest.approx({"SG": 2.0, "IL": 1.0, "PH": 1.0, "RU": 1.0,
                                        "IN": 0.5, "MY": 0.5})
    assert t["patents"].sum() == pytest.approx(6)
    assert t["share"].sum() == pytest.approx(1)


def test_by_partner_default_without_selection():
    c = make_corpus({"1": [P("CN"), P("SG"), P("US")]})
    t = stats.by_partner(c)   # no selection: every country other than the focal one
    assert as_dict(t) == {"SG": 1, "US": 1}
    assert t.attrs["partners"] is None
    t = stats.by_partner(c, partners=["SG"], complete=True)
    assert as_dict(t) == {"SG": 1}


def test_by_province(coop):
    t = stats.by_province(coop)
    assert t.index.tolist()[:3] == ["CN-BJ", "CN-JS", "CN-SH"]
    assert pd.isna(t.index[-1])
    d = as_dict(t)
    assert d["CN-BJ"] == 3 and d["CN-JS"] == 2 and d["CN-SH"] == 2
    assert t["patents"].iloc[-1] == 1            # p5: Chinese inventor, no province
    assert t.attrs["unassigned"] == 1
    assert t["share"].sum() == pytest.approx(8 / 6)   # full counting: shares add up to > 1
    f = stats.by_province(coop, counting="fractional")
    assert f.loc["CN-BJ", "patents"] == pytest.approx(2.0)
    assert f.loc["CN-JS", "patents"] == pytest.approx(1.5)
    assert f.loc["CN-SH", "patents"] == pytest.approx(1.5)
    assert f["patents"].sum() == pytest.approx(6)
    d = stats.by_province(coop, dropna=True)
    assert d.index.notna().all() and d["patents"].sum() == 7
    c = stats.by_province(coop, complete=True, dropna=True)
    assert len(c) == 31 and c["patents"].sum() == 7
    assert c.loc["CN-XZ", "patents"] == 0


def test_by_province_partner(coop):
    t = stats.by_province_partner(coop, "CN-JS")
    assert as_dict(t) == {"SG": 2, "IN": 1}
    assert t.attrs["n_patents"] == 2 and t.attrs["province"] == "CN-JS"
    assert t["share"].tolist() == [1.0, 0.5]
    f = stats.by_province_partner(coop, "CN-JS", counting="fractional")
    assert as_dict(f) == pytest.approx({"SG": 1.5, "IN": 0.5})
    x = stats.by_province_partner(coop)
    assert x.index.names == ["province", "partner"]
    d = as_dict(x)
    assert d[("CN-JS", "SG")] == 2
    for key in [("CN-JS", "IN"), ("CN-BJ", "SG"), ("CN-BJ", "IN"), ("CN-BJ", "RU"),
                ("CN-SH", "SG"), ("CN-SH", "MY"), ("CN-BJ", "PH"), ("CN-SH", "PH")]:
        assert d[key] == 1
    assert x.index.tolist()[0] == ("CN-JS", "SG")
    na = [k for k in d if pd.isna(k[0])]
    assert len(na) == 1 and na[0][1] == "IL"
    assert sum(d.values()) == 11
    xf = stats.by_province_partner(coop, counting="fractional")
    assert xf.loc[("CN-BJ", "IN"), "patents"] == pytest.approx(0.25)
    assert xf["patents"].sum() == pytest.approx(6)


def test_by_region(coop):
    t = stats.by_region(coop)
    d = as_dict(t)
    assert d == {"ASEAN": 4, "CIS": 1, "South Asia": 1, "West Asia": 1, "Central Asia": 0,
                 "Central and Eastern Europe": 0, "East Asia": 0}
    assert t.index.tolist()[0] == "ASEAN" and len(t) == 7
    f = stats.by_region(coop, counting="fractional", complete=False)
    assert as_dict(f) == pytest.approx({"ASEAN": 3.5, "CIS": 1.0, "West Asia": 1.0,
                                        "South Asia": 0.5})
    a = stats.by_region(coop, group="asean", complete=False)
    assert as_dict(a.iloc[:1]) == {"ASEAN": 4}
    assert pd.isna(a.index[1]) and a["patents"].iloc[1] == 2 and a.attrs["unassigned"] == 2
    assert as_dict(stats.by_region(coop, group="asean", dropna=True)) == {"ASEAN": 4}


def test_by_field(coop):
    t = stats.by_field(coop)
    d = as_dict(t)
    assert {k: v for k, v in d.items() if not pd.isna(k)} == {"H": 2, "A": 1, "B": 1, "C": 1,
                                                              "G": 1}
    assert pd.isna(t.index[-1]) and t["patents"].iloc[-1] == 1   # p5 has no class
    assert t.attrs["labels"]["H"] == "Electricity"
    f = stats.by_field(coop, counting="fractional", dropna=True)
    assert as_dict(f) == pytest.approx({"H": 1.5, "A": 1.0, "B": 1.0, "C": 1.0, "G": 0.5})
    m = stats.by_field(coop, pn.classify.STUDY1_TABLE4, main_only=True, dropna=True)
    assert as_dict(m) == {"Electricity": 2, "Chemistry": 1, "Human necessities": 1,
                          "Transport": 1}
    j = stats.by_field(coop, "section", province="CN-JS")
    assert as_dict(j) == {"H": 2, "G": 1}
    full = stats.by_field(coop, complete=True, dropna=True)
    assert full.index.tolist()[-3:] == ["D", "E", "F"] and len(full) == 8
    w = stats.by_field(coop, "wipo_field", dropna=True)
    assert w.attrs["labels"]["8"] == "Semiconductors"


def test_by_year(coop):
    t = stats.by_year(coop)
    assert t.index.name == "year" and str(t.index.dtype) == "Int64"
    assert as_dict(t) == {2010: 1, 2011: 2, 2012: 0, 2013: 2, 2014: 1}
    t = stats.by_year(coop, years=(2009, 2015))
    assert t.index.tolist() == list(range(2009, 2016))
    assert t.loc[2009, "patents"] == 0 and t.loc[2015, "patents"] == 0
    t = stats.by_year(coop, years=(2011, 2013))
    assert as_dict(t) == {2011: 2, 2012: 0, 2013: 2}
    assert t.attrs["outside_years"] == 2 and t.attrs["n_patents"] == 4
    js = stats.by_year(coop, province="CN-JS")
    assert as_dict(js) == {2010: 1, 2011: 1}


def test_cross_province_year(coop):
    t = stats.count(coop, ["province", "year"])
    assert t.index.names == ["province", "year"]
    # every province has every year of the span
    assert len(t) == 4 * 5
    d = as_dict(t)
    assert d[("CN-BJ", 2011)] == 2 and d[("CN-BJ", 2014)] == 1 and d[("CN-BJ", 2010)] == 0
    assert d[("CN-JS", 2010)] == 1 and d[("CN-JS", 2011)] == 1
    provinces = list(dict.fromkeys(k[0] for k in t.index.tolist()))
    assert provinces[:3] == ["CN-BJ", "CN-JS", "CN-SH"] and pd.isna(provinces[3])
    years = t.xs("CN-BJ", level="province").index.tolist()
    assert years == [2010, 2011, 2012, 2013, 2014]
    fr = stats.count(coop, ["province", "year"], counting="fractional")
    assert fr["patents"].sum() == pytest.approx(6)
    assert fr.loc[("CN-BJ", 2011), "patents"] == pytest.approx(1.5)

def test_cross_with_year_then_growth(coop):
    t = stats.count(coop, ["province", "year"], dropna=True)
    sh = t.xs("CN-SH", level="province")
    assert as_dict(sh) == {2010: 0, 2011: 0, 2012: 0, 2013: 1, 2014: 1}


def test_sector():
    c = make_corpus({"1": [P("CN"), P("SG")], "2": [P("CN"), P("IN")]},
                    applicants={"1": [{"name": "A", "sector": "university"},
                                      {"name": "B", "sector": "firm"}],
                                "2": [{"name": "C", "sector": "firm"}]})
    t = stats.count(c, "sector")
    assert as_dict(t) == {"firm": 2, "university": 1}


def test_options_and_errors(coop):
    with pytest.raises(pn.PatnetInputError, match="did you mean 'province'"):
        stats.count(coop, "provinces")
    with pytest.raises(pn.PatnetInputError, match="counting"):
        stats.count(coop, "partner", counting="fraction")
    with pytest.raises(pn.PatnetInputError, match="years"):
        stats.by_year(coop, years=(2015, 2010))
    with pytest.raises(pn.PatnetInputError, match="twice"):
        stats.count(coop, ["year", "year"])
    assert as_dict(stats.count(coop, "partner", counting="whole")) == as_dict(stats.by_partner(coop))


def test_not_normalised_warns():
    c = make_corpus({"1": ["CN", "SG"]})
    with pytest.warns(pn.PatnetWarning, match="not normalised"):
        stats.by_partner(c)
    stats.by_year(c)   # years only: no residence table used, no warning


def test_from_counts():
    t = stats.from_counts({"b": 2, "a": 2, "c": 5}, by="partner", n_patents=8)
    assert t.index.tolist() == ["c", "a", "b"]
    assert t["share"].tolist() == [5 / 8, 2 / 8, 2 / 8]
    assert t.attrs["n_patents"] == 8 and t.attrs["counting"] == "full"


# ---------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------

COUNTRIES = ["CN", "SG", "IN", "US", "RU"]
PROVINCES = ["CN-JS", "CN-BJ", None]
people = st.builds(
    lambda c, p: person(c, p if c == "CN" else None),
    st.sampled_from(COUNTRIES), st.sampled_from(PROVINCES))
corpora = st.dictionaries(
    st.integers(1, 40).map(lambda i: f"p{i}"),
    st.tuples(st.lists(people, min_size=1, max_size=5), st.integers(2001, 2005),
              st.lists(st.sampled_from(["H01L 21/02", "G06F 3/01", "A61K 31/40"]),
                       max_size=3)),
    min_size=1, max_size=12)


def _build(spec):
    return make_corpus({p: v[0] for p, v in spec.items()},
                       years={p: v[1] for p, v in spec.items()},
                       classes={p: v[2] for p, v in spec.items() if v[2]})


BYS = [["partner"], ["province"], ["region"], ["field"], ["year"], ["country"],
       ["province", "partner"], ["province", "year"], ["field", "partner"]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora, st.sampled_from(BYS))
def test_fractional_sums_to_patents_and_full_dominates(spec, by):
    c = _build(spec)
    full = stats.count(c, by, partners="bri", focal="CN")
    frac = stats.count(c, by, partners="bri", focal="CN", counting="fractional")
    n = c.n_patents
    assert frac["patents"].sum() == pytest.approx(n)
    assert frac.attrs["n_patents"] == full.attrs["n_patents"] == n
    assert full.index.equals(frac.index) or set(full.index) == set(frac.index)
    joined = full[["patents"]].join(frac[["patents"]].rename(columns={"patents": "patents_frac"}))
    assert (joined["patents"] >= joined["patents_frac"] - 1e-9).all()
    assert full["patents"].sum() >= n
    # rows sorted: counts never increase (when no year)
    if "year" not in by:
        known = full[~np.array([any(pd.isna(x) for x in (k if isinstance(k, tuple) else (k,)))
                                for k in full.index])]
        assert (np.diff(known["patents"].to_numpy()) <= 0).all()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora)
def test_row_order_does_not_matter(spec):
    c = _build(spec)
    rng = np.random.default_rng(0)
    shuffled = pn.PatentCorpus(**{t: df.iloc[rng.permutation(len(df))].reset_index(drop=True)
                                  for t, df in c.tables.items()})
    for by in (["province", "partner"], ["year"], ["field"]):
        a = stats.count(c, by, partners="bri")
        b = stats.count(shuffled, by, partners="bri")
        pd.testing.assert_frame_equal(a, b)


def _messy(seed):
    """A random corpus with repeated inventors, unknown countries and provinces, no classes."""
    rng = np.random.default_rng(seed)
    countries = ["CN", "SG", "IN", "US", "MY", None]
    provinces = ["CN-JS", "CN-BJ", None]
    inventors, years, classes = {}, {}, {}
    for p in range(40):
        rows = []
        for _ in range(int(rng.integers(1, 6))):
            c = countries[int(rng.integers(len(countries)))]
            rows.append(person(c, provinces[int(rng.integers(3))] if c == "CN" else None))
        inventors[str(p)] = rows + rows[:int(rng.integers(0, 2))]     # some repeated
        years[str(p)] = int(rng.integers(2008, 2013))
        classes[str(p)] = [f"{s}01B 1/00" for s in rng.choice(list("ABGH"), int(rng.integers(0, 3)))]
    return make_corpus(inventors, years=years, classes=classes)


def _reference(corpus, keys, counting, partners):
    """Patents per unit combination, straight from each patent's unit sets."""
    import itertools

    inv = corpus.inventors
    units = {}
    for pid in corpus.patents["patent_id"]:
        rows = inv[inv["patent_id"] == pid]
        cls = corpus.classes[corpus.classes["patent_id"] == pid]
        year = corpus.patents.set_index("patent_id").loc[pid, "year"]
        sets = {
            "partner": {c for c in rows["country"].dropna() if c in partners},
            "province": {p for c, p in zip(rows["country"], rows["province"], strict=True)
                         if pd.notna(c) and c == "CN" and pd.notna(p)},
            "year": {int(year)},
            "field": {code[0] for code in cls["code"].dropna()},
        }
        units[pid] = [sorted(sets[k]) or [None] for k in keys]
    out: dict = {}
    for combos in units.values():
        prod = list(itertools.product(*combos))
        for combo in prod:
            out[combo] = out.get(combo, 0.0) + (1.0 if counting == "full" else 1.0 / len(prod))
    unassigned = sum(any(u == [None] for u in combos) for combos in units.values())
    return out, unassigned


@pytest.mark.parametrize("keys", [["partner"], ["province"], ["field"], ["province", "partner"],
                                  ["partner", "year"], ["field", "province", "partner"]])
@pytest.mark.parametrize("counting", ["full", "fractional"])
def test_count_equals_the_unit_sets(keys, counting):
    # count() joins the units to the patents by integer positions; the result must be the
    # straightforward one from each patent's sets of units
    partners = ["SG", "IN", "MY"]
    for seed in range(3):
        c = _messy(seed)
        got = stats.count(c, keys, counting=counting, partners=partners, check_normalized=False)
        exp, unassigned = _reference(c, keys, counting, partners)
        got_d = {tuple(None if pd.isna(v) else (int(v) if k == "year" else v)
                       for k, v in zip(keys, ix if isinstance(ix, tuple) else (ix,), strict=True)): n
                 for ix, n in got["patents"].items()}
        got_d = {k: v for k, v in got_d.items() if v != 0 or k in exp}  # years are filled with 0
        assert got_d.keys() == exp.keys()
        for k, v in exp.items():
            assert got_d[k] == pytest.approx(v, rel=1e-12)
        assert got.attrs["n_patents"] == c.n_patents
        assert got.attrs["unassigned"] == unassigned
