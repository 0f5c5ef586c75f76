"""pn.geo.normalize: countries and provinces applied to a corpus, with a report."""

from __future__ import annotations

import pandas as pd
import pytest

import patnet as pn
from patnet.geo.china import PROVINCES
from patnet.testing import assert_corpus_equal, make_corpus


def corpus():
    return make_corpus({
        "1": [{"country_raw": "CN", "city": "Kunshan"}, {"country_raw": "SG", "city": "Singapore"}],
        "2": [{"country_raw": "CN", "city": "Suzhou"}, {"country_raw": "CN", "city": "Kowloon"},
              {"country_raw": "JA", "city": "Tokyo"}, {"country_raw": "EP", "city": "Munich"}],
        "3": [{"country_raw": "CN", "city": "Suzhou", "state": "Jiangsu"},
              {"country_raw": "CN", "city": "Atlantis"}],
    }, applicants={"1": [{"name": "Tsinghua University", "country_raw": "CN", "city": "Beijing"}]})


def test_countries_provinces_and_hong_kong():
    out, report = pn.geo.normalize(corpus())
    inv = out.inventors.set_index(["patent_id", "sequence"])
    assert inv.loc[("1", 0), "province"] == "CN-JS"
    assert inv.loc[("1", 0), "province_method"] == "county_level"
    assert inv.loc[("2", 0), "province_status"] == "ambiguous"
    assert pd.isna(inv.loc[("2", 0), "province"])            # never guessed
    assert inv.loc[("2", 0), "province_candidates"].startswith("CN-JS|CN-AH")
    assert inv.loc[("2", 1), "country"] == "HK"               # coded CN, lives in Kowloon
    assert inv.loc[("2", 1), "country_method"] == "moved by city"
    assert inv.loc[("2", 2), "country"] == "JP"
    assert pd.isna(inv.loc[("2", 3), "country"]) and inv.loc[("2", 3), "country_flag"]
    assert inv.loc[("3", 0), "province"] == "CN-JS"           # the state settles Suzhou
    assert inv.loc[("3", 1), "province_status"] == "unresolved"
    assert out.applicants.loc[0, "province"] == "CN-BJ"
    assert report.moved == 1
    st = report.provinces.set_index(["table", "status"])["rows"]
    assert st[("inventors", "resolved")] == 2 and st[("inventors", "ambiguous")] == 1
    assert report.unresolved["city"].tolist() == ["Atlantis"]
    text = str(report)
    assert "Atlantis" in text and "pseudo-code" in text


def test_fold_china_keeps_hong_kong_as_cn():
    out, report = pn.geo.normalize(corpus(), fold_china=True)
    row = out.inventors[out.inventors["city"] == "Kowloon"].iloc[0]
    assert row["country"] == "CN" and report.moved == 0


def test_idempotent_and_order_free():
    once, _ = pn.geo.normalize(corpus())
    twice, _ = pn.geo.normalize(once)
    assert_corpus_equal(once, twice)
    c = corpus()
    shuffled = c.replace(inventors=c.inventors.sample(frac=1, random_state=3))
    out, _ = pn.geo.normalize(shuffled)
    assert_corpus_equal(once, out, check_order=False)


def test_on_the_sample_nothing_is_guessed_wrongly():
    out, report = pn.geo.normalize(pn.datasets.load_sample())
    inv = out.inventors.dropna(subset=["true_province"])
    resolved = inv[inv["province_status"] == "resolved"]
    assert len(resolved) / len(inv) > 0.9
    assert (resolved["province"] != resolved["true_province"]).mean() < 0.005
    assert set(out.inventors["province"].dropna()) <= set(pn.geo.china.PROVINCES)


def test_a_province_given_by_the_source_is_kept():
    c = make_corpus({"1": [{"country_raw": "CN", "province": "CN-JS"},
                           {"country_raw": "CN", "city": "Suzhou", "province": "CN-AH"},
                           {"country_raw": "CN", "city": "Beijing", "province": "XX"}]})
    out, report = pn.geo.normalize(c)
    inv = out.inventors
    assert inv["province"].tolist() == ["CN-JS", "CN-AH", "CN-BJ"]
    assert inv["province_method"].tolist()[:2] == ["given in source", "given in source"]
    again, _ = pn.geo.normalize(out)
    assert_corpus_equal(out, again)


def messy_corpus():
    """Messy strings, missing values, duplicates, historic codes, a given province."""
    cities = ["Nanjing", " nanjing ", None, "", "Suzhou", "Suzhou", "Kowloon", "Hong Kong",
              "Taipei", "Shenzehn", "深圳市", "Atlantis", "Kunshan", "Nanjing", "Zhang Jia Gang"]
    states = [None, "", "Jiangsu", None, "Jiangsu", None, None, "", None, None, None, None, "JS",
              None, None]
    raws = ["CN", "China", "chn", None, "CN", "PRC", "CN", "HK", "CN", "CN ", "中国", "CN", "CN",
            "CN", "CN"]
    inventors = {}
    for i, (city, state, raw) in enumerate(zip(cities, states, raws, strict=True)):
        inventors.setdefault(str(i % 6), []).append(
            {"country_raw": raw, "country": "CN" if raw is None else None, "city": city,
             "state": state})
    inventors["6"] = [{"country_raw": "SU", "city": "Moscow"}, {"country_raw": "CS", "city": "Praha"},
                      {"country_raw": "YU", "city": None}, {"country_raw": None, "city": "Nowhere"},
                      {"country_raw": "CN", "city": "Beijing", "province": "CN-BJ"}]
    return make_corpus(inventors, years={str(i): 1985 + 4 * i for i in range(7)},
                       applicants={"1": [{"name": "A", "country_raw": "CN", "city": "Suzhou"},
                                         {"name": "B", "country_raw": "CN", "city": None}],
                                   "2": [{"name": "C", "country_raw": "TW", "city": "Taipei"}]})


@pytest.mark.parametrize("fold_china", [False, True])
def test_normalize_equals_the_row_by_row_reading(fold_china):
    # normalize reads each distinct value once and maps the result back by codes; it must give
    # what reading every row on its own (the public one-value functions) gives
    c = messy_corpus()
    out, report = pn.geo.normalize(c, fold_china=fold_china)
    dates = c.patents.set_index("patent_id")["grant_date"]
    for table in ("inventors", "applicants"):
        src, got = getattr(c, table), getattr(out, table)
        assert len(got) == len(src)
        for i, row in src.iterrows():
            raw = row["country_raw"] if pd.notna(row["country_raw"]) else row["country"]
            nc = pn.geo.normalize_country(pd.Series([raw], dtype=object),
                                          date=[dates[row["patent_id"]]], fold_china=fold_china)
            country, method = nc.loc[0, "country"], nc.loc[0, "method"]
            assert got.loc[i, "country_flag"] == bool(nc.loc[0, "flag"])
            exp = {"province": pd.NA, "province_status": pd.NA, "province_method": pd.NA,
                   "province_candidates": pd.NA}
            is_cn = pd.notna(country) and country == "CN"
            if is_cn and pd.notna(row["province"]) and row["province"] in PROVINCES:
                exp.update(province=row["province"], province_status="resolved",
                           province_method="given in source")
            elif is_cn:
                r = pn.geo.resolve_province(row["city"] if pd.notna(row["city"]) else "",
                                            state=row["state"] if pd.notna(row["state"]) else None)
                r = r.iloc[0]
                exp.update(province=r["province"], province_status=r["status"],
                           province_method=r["method"],
                           province_candidates=r["candidates"] or pd.NA)
                if pd.notna(r["country"]) and r["country"] in ("HK", "MO", "TW"):
                    if fold_china:
                        exp["province_method"] = "not_china (kept as CN: fold_china=True)"
                    else:
                        country, method = r["country"], "moved by city"
            exp.update(country=country, country_method=method)
            for col, v in exp.items():
                if pd.isna(v):
                    assert pd.isna(got.loc[i, col]), (table, i, col)
                else:
                    assert got.loc[i, col] == v, (table, i, col)
    assert report.moved == (0 if fold_china else
                            int((out.inventors["country_method"] == "moved by city").sum()
                                + (out.applicants["country_method"] == "moved by city").sum()))
    # every column as pandas would type it from Python values
    assert str(out.inventors["country_method"].dtype) == "str"
    assert out.inventors["country_flag"].dtype == bool
    for col in ("province_status", "province_method", "province_candidates"):
        assert out.inventors[col].dtype == pd.StringDtype()


def test_normalize_empty_table():
    c = messy_corpus()
    c = c.replace(applicants=c.applicants.iloc[:0])
    out, report = pn.geo.normalize(c)
    assert len(out.applicants) == 0 and "country_method" in out.applicants.columns
    assert (report.countries["table"] == "applicants").sum() == 0
