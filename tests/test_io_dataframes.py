"""from_dataframes: users' own tables, the Harvard invpat sample, and the load-report contract."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet.io import LoadReport
from patnet.testing import assert_corpus_equal


# -- LoadReport -----------------------------------------------------------------

def test_report_conservation_and_text():
    r = LoadReport("x")
    r.read("inventors", 10)
    r.loaded("inventors", 7)
    r.drop("inventors", "orphan", file="f.tsv", line=3, column="patent_id", value="9")
    r.drop("inventors", "outside years 2001-2018", count=2)
    r.note("inventors.patent_id: leading zeros", 4)
    assert r.conserved and r.rows_dropped == {"inventors": 3}
    assert r.check() is r
    text = str(r)
    assert "orphan: 1" in text and "outside years 2001-2018: 2" in text and "leading zeros: 4" in text
    r.read("patents", 1)
    assert not r.conserved
    with pytest.raises(AssertionError, match="'patents'"):
        r.check()


def test_report_merge():
    a, b = LoadReport("a"), LoadReport("b")
    a.read("patents", 2)
    a.loaded("patents", 2)
    b.read("patents", 1)
    b.drop("patents", "duplicate row", line=2)
    a.merge(b)
    assert a.rows_read == {"patents": 3} and a.rows_dropped == {"patents": 1} and a.conserved


# -- cleaning rules ---------------------------------------------------------------

def test_values_are_cleaned_and_counted():
    pat = pd.DataFrame({
        "patent_id": ["06836899", "D0513425", "6836900.0", "US 7,000,001 B2"],
        "grant_date": ["20050104", "2006-01-03", "01/04/2005", "N/A"],
        "title": ["  A title ", "N/A", "", "x"],
    })
    c, r = pn.io.from_dataframes(patents=pat)
    assert c.patents["patent_id"].tolist() == ["6836899", "6836900", "7000001", "D513425"]
    assert c.patents["title"].isna().sum() == 2
    assert r.normalisations["patents.patent_id: leading zeros"] == 2
    assert r.normalisations["patents.patent_id: float form"] == 1
    assert r.normalisations["patents.grant_date: date in compact format"] == 1
    assert r.normalisations["patents.grant_date: date in us m/d/y format"] == 1
    assert r.normalisations["patents.title: placeholder read as missing"] == 1
    assert r.conserved


def test_rounded_ids_raise_with_row_and_value_or_are_reported():
    pat = pd.DataFrame({"patent_id": ["7000001", "1.23457E+12"]})
    with pytest.raises(pn.PatnetInputError) as e:
        pn.io.from_dataframes(patents=pat)
    assert e.value.line == 2 and e.value.column == "patent_id" and e.value.value == "1.23457E+12"
    assert "re-export the column as text" in str(e.value)
    c, r = pn.io.from_dataframes(patents=pat, errors="report")
    assert c.n_patents == 1
    d = r.dropped
    assert d.loc[0, "reason"] == "unreadable patent id" and d.loc[0, "line"] == 2
    assert r.conserved


def test_bad_date_raises_or_is_read_as_missing_with_warning():
    pat = pd.DataFrame({"patent_id": ["1", "2"], "grant_date": ["2005-01-04", "2005-13-45"]})
    with pytest.raises(pn.PatnetInputError, match="unreadable date") as e:
        pn.io.from_dataframes(patents=pat)
    assert e.value.line == 2 and e.value.column == "grant_date"
    with pytest.warns(pn.PatnetWarning, match="unreadable date"):
        c, r = pn.io.from_dataframes(patents=pat, errors="report")
    assert c.patents["grant_date"].isna().tolist() == [False, True]
    assert r.normalisations["patents.grant_date: unreadable date read as missing"] == 1


@pytest.mark.parametrize("value", ["1650-01-01", "9999-12-31", "16500101"])
def test_dates_outside_the_clock_are_unreadable_not_a_crash(value):
    pat = pd.DataFrame({"patent_id": ["1", "2"], "grant_date": ["2005-01-04", value]})
    with pytest.raises(pn.PatnetInputError, match="unreadable date") as e:
        pn.io.from_dataframes(patents=pat)
    assert e.value.value == value
    with pytest.warns(pn.PatnetWarning, match="unreadable date"):
        c, _ = pn.io.from_dataframes(patents=pat, errors="report")
    assert c.patents["grant_date"].isna().tolist() == [False, True]


def test_duplicates_orphans_and_conflicts_are_reported():
    pat = pd.DataFrame({"patent_id": ["1", "1", "2", "2"],
                        "title": ["same", "same", "Long title", None]})
    inv = pd.DataFrame({"patent_id": ["1", "1", "3"], "name": ["A", "A", "B"],
                        "sequence": ["0", "0", "2.0"]})
    with pytest.warns(pn.PatnetWarning, match="kept the most complete record"):
        c, r = pn.io.from_dataframes(patents=pat, inventors=inv)
    assert c.patents["title"].tolist() == ["same", "Long title"]
    reasons = r.dropped.groupby(["table", "reason"])["count"].sum().to_dict()
    assert reasons[("patents", "duplicate row")] == 1
    assert reasons[("patents", "conflicting duplicate: kept the most complete record")] == 1
    assert reasons[("inventors", "duplicate row")] == 1
    assert reasons[("inventors", "orphan: patent not in the patents table")] == 1
    orphan = r.dropped[r.dropped["reason"].str.startswith("orphan")].iloc[0]
    assert orphan["line"] == 3 and orphan["value"] == "3"
    assert r.normalisations["inventors.sequence: float form such as '2.0' read as integer"] == 1
    assert r.conserved


def test_column_mapping_and_did_you_mean():
    with pytest.raises(pn.PatnetInputError, match="did you mean 'patent_ids'"):
        pn.io.from_dataframes(patents=pd.DataFrame({"patent_ids": ["1"]}))
    inv = pd.DataFrame({"pn": ["1"], "ctry": ["CN"]})
    c, _ = pn.io.from_dataframes(inventors=inv, columns={"inventors": {"pn": "patent_id", "ctry": "country"}})
    assert c.inventors["country"].tolist() == ["CN"] and c.n_patents == 1
    with pytest.raises(pn.PatnetInputError, match="more than once"):
        df = pd.DataFrame([["1", "2"]], columns=["patent_id", "patent_id"])
        pn.io.from_dataframes(patents=df)
    with pytest.raises(pn.PatnetInputError, match="errors="):
        pn.io.from_dataframes(patents=pd.DataFrame({"patent_id": ["1"]}), errors="ignore")


def test_numeric_inputs_become_text():
    pat = pd.DataFrame({"patent_id": [3858241, 3858242]})
    inv = pd.DataFrame({"patent_id": [3858241.0, None], "sequence": [1.0, 2.0]})
    c, r = pn.io.from_dataframes(patents=pat, inventors=inv, errors="report")
    assert c.patents["patent_id"].tolist() == ["3858241", "3858242"]
    assert c.inventors["sequence"].tolist() == [1]
    assert r.rows_dropped == {"inventors": 1} and r.conserved


# -- a real corpus: Harvard invpat, 663 complete patents of 7 Jan 1975 --------------

def test_invpat2_loads(shared_data):
    raw = pd.read_csv(shared_data / "harvard-invpat-samples" / "invpat2.txt", dtype=str,
                      keep_default_na=False)
    inv = raw.assign(name=raw["Lastname"] + ", " + raw["Firstname"],
                     sequence=raw["Unique_Record_ID"].str.split("-").str[-1].astype(int) - 1)
    pat = raw[["Patent", "ApplyYear"]].drop_duplicates("Patent").assign(grant_date="1975-01-07")
    app = raw.loc[raw["Assignee"] != "", ["Patent", "Assignee", "AsgNum"]]
    c, r = pn.io.from_dataframes(
        patents=pat, inventors=inv, applicants=app,
        columns={"patents": {"Patent": "patent_id"},
                 "inventors": {"Patent": "patent_id", "City": "city", "State": "state",
                               "Country": "country"},
                 "applicants": {"Patent": "patent_id", "Assignee": "name", "AsgNum": "applicant_id"}})
    assert c.n_patents == 663
    assert len(c.inventors) == 999
    assert r.conserved
    sizes = c.inventors.groupby("patent_id").size()
    assert sizes.min() == 1 and sizes.max() == 19
    countries = c.countries()
    assert countries.index[0] == "US" and "CN" not in countries.index
    assert c.year_span == (1975, 1975)
    # one assignee row per inventor row in the source: the repeats are reported, not lost
    assert r.rows_dropped["applicants"] == r.rows_read["applicants"] - r.rows_loaded["applicants"]
    assert set(r.dropped.loc[r.dropped["table"] == "applicants", "reason"]) == {"duplicate row"}


# -- properties -------------------------------------------------------------------

text = st.one_of(st.none(), st.text(max_size=12),
                 st.sampled_from(["1", "01", "2.0", "1.2E+12", "NA", "N/A", "", "D0513425", "20050104"]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(text, text, text), max_size=15),
       st.lists(st.tuples(text, text, text), max_size=15),
       st.sampled_from(["raise", "report"]), st.randoms(use_true_random=False))
def test_random_tables_conserve_or_raise_and_shuffles_change_nothing(prows, irows, errors, rnd):
    pat = pd.DataFrame(prows, columns=["patent_id", "grant_date", "title"], dtype=object)
    inv = pd.DataFrame(irows, columns=["patent_id", "sequence", "country"], dtype=object)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pn.PatnetWarning)
        try:
            c, r = pn.io.from_dataframes(patents=pat, inventors=inv, errors=errors)
        except pn.PatnetInputError:
            return
        assert r.conserved
        p2 = pat.sample(frac=1, random_state=rnd.randint(0, 1000))
        i2 = inv.sample(frac=1, random_state=rnd.randint(0, 1000))
        c2, r2 = pn.io.from_dataframes(patents=p2, inventors=i2, errors=errors)
    assert_corpus_equal(c, c2)
    assert r2.summary().equals(r.summary())


_small = st.one_of(st.none(), st.sampled_from(["a", "b", "Wuxi", "Kunshan"]))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["1", "2", "3", "10", "D5"]), max_size=6),
       st.lists(st.tuples(st.sampled_from(["1", "2", "3", "10", "D5", "7"]),
                          st.sampled_from(["0", "1", None]), _small, _small), max_size=25))
def test_link_rows_equal_a_plain_dedup_of_the_kept_rows(pids, rows):
    """Orphans out, exact repeats out (first kept), order by patent then sequence: as pandas would."""
    pat = pd.DataFrame({"patent_id": pids}, dtype=object)
    inv = pd.DataFrame(rows, columns=["patent_id", "sequence", "name", "city"], dtype=object)
    c, r = pn.io.from_dataframes(patents=pat, inventors=inv)
    kept = inv[inv["patent_id"].isin(set(pids))].drop_duplicates()
    got = c.inventors[["patent_id", "sequence", "name", "city"]].astype(object)
    got = got.where(got.notna(), None)
    want = [(p, None if q is None else int(q), n, ci) for p, q, n, ci in kept.to_numpy().tolist()]
    assert sorted(map(tuple, got.to_numpy().tolist()), key=repr) == sorted(want, key=repr)
    assert r.rows_loaded["inventors"] == len(want)
    # canonical order: patent id as text, then sequence (missing last)
    keys = list(zip(got["patent_id"], got["sequence"].map(lambda v: (v is None, v or 0))))
    assert keys == sorted(keys)
