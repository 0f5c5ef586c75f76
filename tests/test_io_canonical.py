"""write_corpus / read_corpus: a lossless round trip, dtypes included."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet.testing import assert_corpus_equal, make_corpus


def tricky():
    p = pd.DataFrame({
        "patent_id": ["0001234", "D513425", "RE45678"],
        "grant_date": ["2005-01-04", "2006-01-03", None],
        "title": ['comma, "quote"\nand a newline', "", None],
    })
    inv = pd.DataFrame({"patent_id": ["0001234", "0001234", "D513425"],
                        "country": ["NA", "CN", None], "sequence": [0, 1, None],
                        "city": ["Zhang Jia Gang", "苏州", "\u00c9vry"], "extra": [1.5, None, 3.25]})
    cl = pd.DataFrame({"patent_id": ["0001234"], "scheme": ["ipc"], "code": ["H01L 21/02"],
                       "is_main": [True]})
    return pn.PatentCorpus(patents=p, inventors=inv, classes=cl, name="tricky",
                           meta={"note": "x"})


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_round_trip_is_exact(tmp_path, fmt):
    c = tricky()
    d = pn.io.write_corpus(c, tmp_path / "c", format=fmt)
    back, report = pn.io.read_corpus(d)
    assert_corpus_equal(c, back)
    assert back.name == "tricky" and back.meta == {"note": "x"}
    assert back.patents["title"].tolist()[1] == ""          # empty string stays empty
    assert back.patents["title"].isna().tolist()[2]         # missing stays missing
    assert report.conserved and report.rows_loaded["inventors"] == 3


def test_round_trip_keeps_date_basis(tmp_path):
    c = make_corpus({"1": ["CN"]}).with_date_basis("filing")
    back, _ = pn.io.read_corpus(pn.io.write_corpus(c, tmp_path / "c"))
    assert back.date_basis == "filing"
    rebased, _ = pn.io.read_corpus(tmp_path / "c", date_basis="grant")
    assert rebased.year_span == (2010, 2010)


def test_write_refuses_to_clobber(tmp_path):
    c = make_corpus({"1": ["CN"]})
    pn.io.write_corpus(c, tmp_path / "c")
    with pytest.raises(pn.PatnetInputError, match="overwrite=True"):
        pn.io.write_corpus(c, tmp_path / "c")
    pn.io.write_corpus(c, tmp_path / "c", overwrite=True, format="csv")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "precious.txt").write_text("x")
    with pytest.raises(pn.PatnetInputError, match="not a patnet corpus folder"):
        pn.io.write_corpus(c, tmp_path / "other", overwrite=True)
    with pytest.raises(pn.PatnetInputError, match="did you mean 'parquet'"):
        pn.io.write_corpus(c, tmp_path / "d", format="parket")


def test_damaged_folders_are_named(tmp_path):
    d = pn.io.write_corpus(make_corpus({"1": ["CN"], "2": ["SG"]}), tmp_path / "c", format="csv")
    header = (d / "inventors.csv").read_text(encoding="utf-8").splitlines()[0]
    (d / "inventors.csv").write_text(header + "\n", encoding="utf-8")
    with pytest.raises(pn.PatnetInputError, match="inventors.csv holds 0 rows"):
        pn.io.read_corpus(d)
    (d / "inventors.csv").write_text("patent_id\n1\n", encoding="utf-8")
    with pytest.raises(pn.PatnetInputError, match="inventors.csv has columns"):
        pn.io.read_corpus(d)
    (d / "classes.csv").unlink()
    meta = json.loads((d / "corpus.json").read_text())
    meta["schema_version"] = 999
    (d / "corpus.json").write_text(json.dumps(meta))
    with pytest.raises(pn.PatnetInputError, match="schema version 999"):
        pn.io.read_corpus(d)
    with pytest.raises(pn.PatnetInputError, match="not a folder"):
        pn.io.read_corpus(tmp_path / "nope")


cell = st.one_of(st.none(), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text("0123456789DRE", min_size=1, max_size=8), cell, cell), max_size=8,
                unique_by=lambda r: r[0]),
       st.sampled_from(["parquet", "csv"]))
def test_round_trip_property(tmp_path_factory, rows, fmt):
    p = pd.DataFrame(rows, columns=["patent_id", "title", "source"], dtype=object)
    inv = pd.DataFrame({"patent_id": [r[0] for r in rows], "city": [r[1] for r in rows],
                        "name": [r[2] for r in rows]}, dtype=object)
    c = pn.PatentCorpus(patents=p if len(rows) else None, inventors=inv if len(rows) else None)
    d = pn.io.write_corpus(c, tmp_path_factory.mktemp("rt") / "c", format=fmt)
    back, _ = pn.io.read_corpus(d)
    assert_corpus_equal(c, back)


def test_plain_canonical_csvs_are_read_and_cleaned(tmp_path):
    d = tmp_path / "mine"
    d.mkdir()
    (d / "patents.csv").write_text(
        "patent_id,grant_date,title\n06836899,20050104,\"A, b\"\n6836899,2005-01-04,\"A, b\"\n"
        "D0513425,2006-01-03,x\n", encoding="utf-8")
    (d / "inventors.csv").write_text(
        "patent_id,sequence,country,city\n6836899,0,NA,Windhoek\n6836899,1,CN,Kunshan,extra\n"
        "999,0,US,Nowhere\n", encoding="utf-8")
    with pytest.raises(pn.PatnetInputError) as e:
        pn.io.read_corpus(d)
    assert e.value.line == 3 and "inventors.csv" in str(e.value)
    c, r = pn.io.read_corpus(d, errors="report")
    assert c.patents["patent_id"].tolist() == ["6836899", "D513425"]
    assert c.inventors["country"].tolist() == ["NA"]
    reasons = dict(r.dropped.groupby("reason")["count"].sum())
    assert reasons["duplicate row"] == 1 and reasons["orphan: patent not in the patents table"] == 1
    assert r.conserved


def test_csv_cells_are_quoted_and_missing_values_left_empty(tmp_path):
    """The bytes of a CSV table: every value quoted (quotes doubled, line breaks kept inside),
    a missing value an unquoted empty field, numbers and flags as ``str`` writes them."""
    from patnet.io.canonical import _write_csv

    df = pd.DataFrame({
        "text": pd.array(['a"b', "", None, "x,\ny"], dtype="string"),
        "n": pd.array([1, None, -3, 40], dtype="Int64"),
        "flag": pd.array([True, None, False, True], dtype="boolean"),
        "w": [0.1, 1.0, 1e-20, 2.5],
    })
    _write_csv(df, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_bytes().decode("utf-8") == (
        'text,n,flag,w\n'
        '"a""b","1","True","0.1"\n'
        '"",,,"1.0"\n'
        ',"-3","False","1e-20"\n'
        '"x,\ny","40","True","2.5"\n')
    _write_csv(df.iloc[:0], tmp_path / "empty.csv")
    assert (tmp_path / "empty.csv").read_text(encoding="utf-8") == "text,n,flag,w\n"
