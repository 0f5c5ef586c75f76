"""pn.select.cooperation: the cooperation patents of a focal country and partners."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import patnet as pn
from patnet import select
from patnet.testing import assert_corpus_equal, make_corpus


def _norm(spec):
    """Inventor / applicant specs with country_method set, as after pn.geo.normalize."""
    out = {}
    for p, people in spec.items():
        rows = []
        for x in people:
            row = dict(x) if isinstance(x, dict) else {"country": x}
            row.setdefault("country_method", "iso2")
            rows.append(row)
        out[p] = rows
    return out


def corpus(inventors, **kw):
    if "applicants" in kw and kw["applicants"] is not None:
        kw["applicants"] = _norm(kw["applicants"])
    return make_corpus(_norm(inventors), **kw)


SEARCH_SG = {"2": ["CN", "SG"], "3": ["CN", "SG", "US"]}
BASE = {"1": ["CN"], "2": ["CN", "SG"], "3": ["CN", "SG", "US"], "4": ["SG"], "5": ["CN", "DE"]}


@pytest.fixture
def stacked():
    """Five patents plus a second search that retrieved 2 and 3 again."""
    return pn.concat([corpus(BASE), corpus(SEARCH_SG)])


def steps(record):
    return {r["step"]: (r["patents_before"], r["patents_kept"], r["patents_removed"])
            for r in record.steps.to_dict("records")}


def ids(c):
    return sorted(c.patents["patent_id"].tolist())


def test_rules_keep_and_remove_exactly(stacked):
    assert stacked.n_duplicates == 2
    coop, record = select.cooperation(stacked, focal="CN", partners=pn.geo.group("bri"))
    assert ids(coop) == ["2", "3"]
    assert list(record.steps.columns) == list(select.STEP_COLUMNS)
    assert steps(record) == {"dedup": (7, 5, 2), "focal": (5, 4, 1), "partner": (4, 2, 2)}
    assert record.n_input == 7 and record.n_selected == 2
    assert len(record.merged) == 2
    assert record.others.to_dict("records") == [{"country": "US", "patents": 1}]
    assert coop.n_duplicates == 0
    # whole patents: the US inventor of patent 3 is kept
    assert sorted(coop.inventors.loc[coop.inventors["patent_id"] == "3", "country"]) == \
        ["CN", "SG", "US"]
    # chained counts
    s = record.steps
    assert (s["patents_before"] == s["patents_kept"] + s["patents_removed"]).all()
    assert (s["patents_before"].iloc[1:].to_numpy() == s["patents_kept"].iloc[:-1].to_numpy()).all()


def test_exclude_others_drops_third_countries(stacked):
    coop, record = select.cooperation(stacked, "CN", "bri", exclude_others=True)
    assert ids(coop) == ["2"]
    assert steps(record)["exclude_others"] == (2, 1, 1)
    assert record.others.empty


def test_partner_forms_agree(stacked):
    a, _ = select.cooperation(stacked, "CN", "bri")
    b, _ = select.cooperation(stacked, "CN", pn.geo.group("bri"))
    c, _ = select.cooperation(stacked, "CN", ["SG", "IN"])
    d, _ = select.cooperation(stacked, "CN", "SG")
    assert ids(a) == ids(b) == ids(c) == ids(d) == ["2", "3"]
    # DE as a partner brings in patent 5
    e, rec = select.cooperation(stacked, "CN", ["SG", "DE"])
    assert ids(e) == ["2", "3", "5"]
    assert rec.partners == ("DE", "SG")


def test_focal_removed_from_partners(stacked):
    coop, record = select.cooperation(stacked, "CN", ["CN", "SG"])
    assert record.partners == ("SG",)
    assert record.options["focal_removed_from_partners"] is True
    # CN-only patent 1 is not a cooperation patent even though CN was listed
    assert ids(coop) == ["2", "3"]
    with pytest.raises(pn.PatnetInputError, match="no partner countries left"):
        select.cooperation(stacked, "CN", ["CN"])


def test_group_with_focal_inside():
    c = corpus({"1": ["SG", "MY"], "2": ["SG"], "3": ["MY", "CN"]})
    coop, record = select.cooperation(c, "SG", pn.geo.group("asean"))
    assert ids(coop) == ["1"]
    assert "SG" not in record.partners and len(record.partners) == 9


def test_residence_by_applicants():
    inv = {"1": ["CN", "SG"], "2": ["CN", "US"], "3": ["CN"]}
    app = {"1": [{"name": "A", "country": "US"}],
           "2": [{"name": "B", "country": "CN"}, {"name": "C", "country": "SG"}],
           "3": [{"name": "D", "country": "CN"}]}
    c = corpus(inv, applicants=app)
    by_inv, _ = select.cooperation(c, "CN", ["SG"])
    by_app, rec = select.cooperation(c, "CN", ["SG"], residence="applicants")
    either, _ = select.cooperation(c, "CN", ["SG"], residence="either")
    assert ids(by_inv) == ["1"]
    assert ids(by_app) == ["2"]
    assert ids(either) == ["1", "2"]
    assert "applicants" in rec.steps["rule"].iloc[-1]
    # "either" mixes tables: patent 3 has CN inventors and a CN applicant, no partner
    with pytest.raises(pn.PatnetInputError, match="did you mean 'applicants'"):
        select.cooperation(c, "CN", ["SG"], residence="applicant")


def _dated():
    c = corpus({"1": ["CN", "SG"], "2": ["CN", "SG"], "3": ["CN", "SG"], "4": ["CN", "SG"]},
               years={"1": 2012, "2": 2013, "3": 2018, "4": 2010})
    p = c.patents.copy()
    p["filing_date"] = pd.to_datetime(["2009-05-01", "2011-03-01", "2016-12-31", None])
    p["grant_date"] = pd.to_datetime(["2012-03-01", "2013-06-30", "2018-02-28", "2010-07-01"])
    return c.replace(patents=p)


def test_period_on_grant_and_filing_dates():
    c = _dated()
    g, rec = select.cooperation(c, "CN", ["SG"], period=(2010, 2012))
    assert ids(g) == ["1", "4"]
    assert steps(rec)["period"] == (4, 2, 2)
    assert g.date_basis == "grant" and rec.options["date_basis"] == "grant"
    with pytest.warns(pn.PatnetWarning, match="1 patent.*no filing date"):
        f, rec = select.cooperation(c, "CN", ["SG"], date_basis="filing", period=(2010, 2012))
    assert ids(f) == ["2"]
    assert steps(rec)["date"] == (4, 3, 1)
    assert steps(rec)["period"] == (3, 1, 2)
    assert f.date_basis == "filing"
    assert f.patents["year"].tolist() == [2011]


def test_period_open_ended_and_by_date():
    c = _dated()
    a, _ = select.cooperation(c, "CN", ["SG"], period=(2013, None))
    assert ids(a) == ["2", "3"]
    b, _ = select.cooperation(c, "CN", ["SG"], period=(None, 2012))
    assert ids(b) == ["1", "4"]
    # the paper's window: 2001 to February 2018, by date
    d, rec = select.cooperation(c, "CN", ["SG"], period=("2012-03-01", "2018-02-27"))
    assert ids(d) == ["1", "2"]
    assert "2018-02-27" in rec.steps.loc[rec.steps["step"] == "period", "rule"].item()
    e, _ = select.cooperation(c, "CN", ["SG"], period=("2012-03-02", "2018-02-28"))
    assert ids(e) == ["2", "3"]
    with pytest.raises(pn.PatnetInputError, match="ends before it starts"):
        select.cooperation(c, "CN", ["SG"], period=(2015, 2012))
    with pytest.raises(pn.PatnetInputError, match="pair"):
        select.cooperation(c, "CN", ["SG"], period=2012)


def test_shuffling_rows_changes_nothing(stacked):
    rng = np.random.default_rng(7)
    tables = {}
    for t in ("patents", "inventors", "applicants", "classes"):
        df = getattr(stacked, t)
        tables[t] = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    shuffled = pn.PatentCorpus(**tables)
    for kw in ({}, {"exclude_others": True}):
        a, ra = select.cooperation(stacked, "CN", "bri", **kw)
        b, rb = select.cooperation(shuffled, "CN", "bri", **kw)
        pd.testing.assert_frame_equal(ra.steps, rb.steps)
        assert_corpus_equal(a, b, check_order=False)


def test_not_normalised_warns():
    c = make_corpus({"1": ["CN", "SG"]})
    with pytest.warns(pn.PatnetWarning, match="not normalised"):
        select.cooperation(c, "CN", ["SG"])
    select.cooperation(c, "CN", ["SG"], check_normalized=False)  # silent


def test_normalised_corpus_does_not_warn():
    c = make_corpus({"1": ["CN", "SG"], "2": ["SG"]})
    n, _ = pn.geo.normalize(c)
    coop, _ = select.cooperation(n, "CN", "bri")
    assert ids(coop) == ["1"]


def test_unknown_country_rows_are_ignored():
    c = corpus({"1": ["CN", "SG", {"country": None}], "2": ["CN", {"country": None}]})
    coop, rec = select.cooperation(c, "CN", ["SG"], exclude_others=True)
    assert ids(coop) == ["1"]
    assert rec.options["kept_with_unknown_country"] == 1


def test_no_dedup_keeps_repeated_records(stacked):
    coop, rec = select.cooperation(stacked, "CN", "bri", dedup=None)
    assert "dedup" not in set(rec.steps["step"])
    assert coop.n_duplicates == 2 and coop.n_patents == 2


def test_meta_and_str(stacked):
    coop, rec = select.cooperation(stacked, "CN", ["SG", "IN"])
    sel = coop.meta["selection"]
    assert sel["focal"] == "CN" and sel["partners"] == ["IN", "SG"]
    assert [s["step"] for s in sel["steps"]] == ["dedup", "focal", "partner"]
    import json
    json.dumps(sel)  # JSON-ready
    text = str(rec)
    assert "merge records with the same patent_id" in text and "US 1" in text


def test_bad_inputs(stacked):
    with pytest.raises(pn.PatnetInputError, match="unknown group"):
        select.cooperation(stacked, "CN", "brii")
    with pytest.raises(pn.PatnetInputError, match="iso2"):
        select.cooperation(stacked, "CN", pd.DataFrame({"code": ["SG"]}))
    with pytest.raises(pn.PatnetInputError, match="focal"):
        select.cooperation(stacked, "", ["SG"])
    with pytest.raises(pn.SchemaError, match="date basis"):
        select.cooperation(stacked, "CN", ["SG"], date_basis="priority")
    with pytest.raises(pn.PatnetInputError, match="PatentCorpus"):
        select.cooperation(stacked.patents, "CN", ["SG"])
    with pytest.warns(pn.PatnetWarning, match="XX"):
        select.partner_codes(["SG", "XX"])


def test_provinces():
    js = {"country": "CN", "province": "CN-JS"}
    c = corpus({"1": [js, "SG"], "2": [{"country": "CN", "province": "CN-BJ"}, "SG"], "3": ["SG"]})
    assert ids(select.provinces(c, "CN-JS")) == ["1"]
    assert ids(select.provinces(c, ["CN-JS", "cn-bj"])) == ["1", "2"]
    with pytest.raises(pn.PatnetInputError, match="ISO 3166-2:CN"):
        select.provinces(c, "Jiangsu")


@pytest.mark.parametrize("exclude_others", [False, True])
def test_cooperation_equals_the_per_patent_rules(exclude_others):
    # the rules run as masks over integer patent codes; they must keep exactly the patents
    # (and count exactly the steps) that the rules applied patent by patent give
    rng = np.random.default_rng(7)
    countries = ["CN", "SG", "IN", "US", None]
    spec, years = {}, {}
    for p in range(60):
        spec[str(p)] = [countries[int(i)] for i in rng.integers(0, 5, int(rng.integers(1, 5)))]
        if p % 7:
            years[str(p)] = int(rng.integers(1998, 2021))
    spec = {p: [{"country": c, "country_method": "iso2"} for c in v] for p, v in spec.items()}
    c = make_corpus(spec, years=years)
    with pytest.warns(pn.PatnetWarning, match="no grant date"):
        coop, record = select.cooperation(c, "CN", ["SG", "IN"], period=(2001, 2017),
                                          exclude_others=exclude_others)
    kept, n_period, n_focal, n_partner = [], 0, 0, 0
    for p, people in spec.items():
        if p not in years or not 2001 <= years[p] <= 2017:
            continue
        n_period += 1
        have = {x["country"] for x in people} - {None}
        if "CN" not in have:
            continue
        n_focal += 1
        if not have & {"SG", "IN"}:
            continue
        n_partner += 1
        if exclude_others and have - {"CN", "SG", "IN"}:
            continue
        kept.append(p)
    assert sorted(coop.patents["patent_id"]) == sorted(kept)
    steps = record.steps.set_index("step")["patents_kept"]
    assert steps["date"] == len(years) and steps["period"] == n_period
    assert steps["focal"] == n_focal and steps["partner"] == n_partner
    if exclude_others:
        assert steps["exclude_others"] == len(kept)
    sel = c.inventors[c.inventors["patent_id"].isin(kept)]
    assert len(coop.inventors) == len(sel)
    assert record.options["kept_with_unknown_country"] == sel.loc[sel["country"].isna(),
                                                                  "patent_id"].nunique()
