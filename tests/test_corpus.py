"""PatentCorpus: validation, filters, concat, dedup, repr; the schema as data."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet import schema
from patnet.testing import assert_corpus_equal, make_corpus


def small():
    return make_corpus(
        {"1": ["CN", "SG"], "2": [{"country": "CN", "province": "CN-JS"}], "3": ["US", "JP"],
         "4": ["CN", "IN", "US"]},
        years={"1": 2005, "2": 2016, "3": 2010, "4": 2018},
        applicants={"1": ["Huawei Technologies Co., Ltd."], "3": ["Sony Corporation"]},
        classes={"1": ["H01L 21/02", "G06F 3/048"], "4": ["A61K 8/00"]},
    )


# -- schema ---------------------------------------------------------------

def test_schema_is_one_definition():
    d = schema.describe()
    for t in schema.TABLES:
        assert d.loc[d["table"] == t, "column"].tolist() == schema.column_names(t)
        empty = schema.empty_table(t)
        assert list(empty.columns) == schema.column_names(t)
        assert [str(x) for x in empty.dtypes] == [str(c.dtype) for c in schema.TABLES[t]]
    assert schema.required_columns("patents") == ["patent_id"]


def test_missing_required_column_names_table_column_and_fix():
    with pytest.raises(pn.SchemaError) as e:
        pn.PatentCorpus(patents=pd.DataFrame({"patent_ids": ["1"]}))
    msg = str(e.value)
    assert "'patents'" in msg and "'patent_id'" in msg and "did you mean 'patent_ids'" in msg
    assert "from_dataframes" in msg


def test_numeric_id_column_is_refused_with_fix():
    with pytest.raises(pn.SchemaError, match="dtype=str"):
        pn.PatentCorpus(patents=pd.DataFrame({"patent_id": [1, 2]}))


def test_orphans_are_refused_by_the_strict_core():
    with pytest.raises(pn.SchemaError, match="not in the patents table") as e:
        pn.PatentCorpus(patents=pd.DataFrame({"patent_id": ["1"]}),
                        inventors=pd.DataFrame({"patent_id": ["1", "9"]}))
    assert e.value.value == "9" and e.value.table == "inventors"


def test_bad_scheme_and_sector_are_refused():
    with pytest.raises(pn.SchemaError, match="did you mean 'ipc'"):
        pn.PatentCorpus(patents=pd.DataFrame({"patent_id": ["1"]}),
                        classes=pd.DataFrame({"patent_id": ["1"], "scheme": ["ipcr"], "code": ["H01L"]}))
    with pytest.raises(pn.SchemaError, match="did you mean 'university'"):
        pn.PatentCorpus(patents=pd.DataFrame({"patent_id": ["1"]}),
                        applicants=pd.DataFrame({"patent_id": ["1"], "sector": ["universty"]}))


def test_extra_columns_survive_and_defaults_apply():
    c = pn.PatentCorpus(patents=pd.DataFrame({"patent_id": ["1"]}),
                        applicants=pd.DataFrame({"patent_id": ["1"], "my_note": ["x"]}))
    assert c.applicants["my_note"].tolist() == ["x"]
    assert c.applicants["sector"].tolist() == ["unknown"]
    assert list(c.applicants.columns[:-1]) == schema.column_names("applicants")


def test_namibia_is_not_missing():
    c = make_corpus({"1": ["NA"]})
    assert c.inventors["country"].tolist() == ["NA"]
    assert c.countries().to_dict() == {"NA": 1}


# -- facts and repr ---------------------------------------------------------

def test_repr_and_summary():
    c = small()
    text = repr(c)
    assert "4 patents" in text and "2005-2018 (grant year)" in text
    assert "CN 3" in text and "inventors" in text
    s = c.summary()
    assert s.loc["inventors", "rows"] == 8 and s.loc["classes", "patents"] == 2


def test_year_follows_the_date_basis():
    p = pd.DataFrame({"patent_id": ["1", "2"], "grant_date": ["2010-01-05", "2012-03-01"],
                      "filing_date": ["2007-06-01", None]})
    c = pn.PatentCorpus(patents=p)
    assert c.patents["year"].tolist() == [2010, 2012]
    f = c.with_date_basis("filing")
    assert f.date_basis == "filing"
    assert f.patents["year"].tolist() == [2007, pd.NA]
    with pytest.raises(pn.SchemaError, match="did you mean 'filing'"):
        c.with_date_basis("filling")


# -- filters ----------------------------------------------------------------

def test_filter_years_is_inclusive_and_consistent():
    c = small().filter_years(2005, 2010)
    assert sorted(c.patents["patent_id"]) == ["1", "3"]
    assert set(c.inventors["patent_id"]) == {"1", "3"}
    assert set(c.applicants["patent_id"]) == {"1", "3"}
    assert set(c.classes["patent_id"]) == {"1"}


def test_filter_years_on_filing_basis_warns_about_missing_dates():
    p = pd.DataFrame({"patent_id": ["1", "2"], "grant_date": ["2010-01-05", "2012-03-01"],
                      "filing_date": ["2007-06-01", None]})
    c = pn.PatentCorpus(patents=p)
    with pytest.warns(pn.PatnetWarning, match="1 patent"):
        out = c.filter_years(2000, 2008, basis="filing")
    assert out.patents["patent_id"].tolist() == ["1"]


def test_filter_patents_normalises_ids():
    c = small().filter_patents(["0000001", "4"])
    assert sorted(c.patents["patent_id"]) == ["1", "4"]


def test_filter_countries_keeps_whole_patents():
    c = small()
    sg = c.filter_countries("SG")
    assert sg.inventors["country"].tolist() == ["CN", "SG"]
    only = c.filter_countries(["CN", "SG", "IN"], how="all")
    assert sorted(only.patents["patent_id"]) == ["1", "2"]
    with pytest.raises(pn.SchemaError, match="how="):
        c.filter_countries("CN", how="most")


# -- concat and dedup ---------------------------------------------------------

def test_concat_then_dedup_like_the_seed_study():
    c = small()
    by_partner = [c.filter_countries(x) for x in ("SG", "IN", "US")]  # one search per partner
    stacked = pn.concat(by_partner)
    assert len(stacked.patents) == 4 and stacked.n_duplicates == 1  # patent 4 is in IN and US
    assert "repeated patent ids" in repr(stacked)
    deduped, merged = stacked.dedup("patent_id")
    assert deduped.n_duplicates == 0 and len(deduped.patents) == 3
    assert merged["merged"].tolist() == ["4"] and merged["conflicts"].tolist() == [""]
    assert len(deduped.inventors) == 7  # patent 4's three inventors once, not twice
    again, merged2 = deduped.dedup("patent_id")
    assert len(merged2) == 0
    assert_corpus_equal(again, deduped)


def test_dedup_by_application_moves_link_rows():
    p = pd.DataFrame({"patent_id": ["100", "RE200"], "application_id": ["A1", "A1"],
                      "grant_date": ["2005-01-01", "2009-01-01"]})
    inv = pd.DataFrame({"patent_id": ["100", "RE200", "RE200"], "name": ["X", "X", "Y"]})
    c = pn.PatentCorpus(patents=p, inventors=inv)
    d, merged = c.dedup("application")
    assert d.patents["patent_id"].tolist() == ["100"]
    assert merged.loc[0, "kept"] == "100" and merged.loc[0, "merged"] == "RE200"
    assert "grant_date" in merged.loc[0, "conflicts"]
    assert sorted(d.inventors["name"]) == ["X", "Y"]
    with pytest.raises(pn.SchemaError, match="did you mean 'title'"):
        c.dedup("titel")


def test_concat_refuses_mixed_bases():
    a = small()
    with pytest.raises(pn.SchemaError, match="date bases"):
        pn.concat([a, a.with_date_basis("filing")])


ids = st.sampled_from([str(i) for i in range(1, 8)])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(ids, st.sampled_from(["CN", "SG", "US", None]),
                          st.sampled_from(["2005-01-04", "2010-06-01", None])), min_size=1, max_size=25),
       st.randoms(use_true_random=False))
def test_dedup_is_idempotent_and_order_free(rows, rnd):
    p = pd.DataFrame({"patent_id": [r[0] for r in rows], "grant_date": [r[2] for r in rows]})
    inv = pd.DataFrame({"patent_id": [r[0] for r in rows], "country": [r[1] for r in rows]})
    c = pn.PatentCorpus(patents=p, inventors=inv)
    d1, _ = c.dedup()
    assert d1.n_duplicates == 0
    assert d1.n_patents == c.n_patents
    d2, merged = d1.dedup()
    assert len(merged) == 0
    assert_corpus_equal(d1, d2)
    order = list(range(len(rows)))
    rnd.shuffle(order)
    shuffled = pn.PatentCorpus(patents=p.iloc[order], inventors=inv.iloc[order])
    d3, _ = shuffled.dedup()
    assert_corpus_equal(d1, d3, check_order=False)


def test_data_model_doc_is_generated_from_the_schema():
    from pathlib import Path

    doc = Path(__file__).resolve().parents[1] / "docs" / "data_model.md"
    assert doc.read_text(encoding="utf-8") == schema.to_markdown(), (
        "docs/data_model.md is stale: run python -m patnet.schema > docs/data_model.md")
