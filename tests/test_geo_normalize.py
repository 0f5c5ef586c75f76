"""pn.geo.normalize: countries and provinces applied to a corpus, with a report."""

from __future__ import annotations

import pandas as pd

import patnet as pn
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
