"""Tests of patnet.datasets: the synthetic generator, the sample and the writers."""

from __future__ import annotations

import csv
import importlib.util
import io
import random
import re
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import patnet as pn
from patnet import schema
from patnet.datasets import load_sample, synthetic_corpus, write_patentsview, write_uspto_xml
from patnet.datasets._tables import read_table
from patnet.datasets.writers import PATENTSVIEW_COLUMNS
from patnet.exceptions import PatnetInputError
from patnet.ids import CANONICAL_PATENT_ID

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA_DIR = REPO / "patnet" / "datasets" / "data"
BRI = set(read_table("partners.csv")["country"])


def _shared_data() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared reference data {SHARED / 'data'} not found (it sits beside the repository)")
    return SHARED / "data"


@pytest.fixture(scope="module")
def corpus():
    return synthetic_corpus(2000, seed=11)


@pytest.fixture(scope="module")
def sample():
    return load_sample()


def _country_sets(c):
    return c.inventors.groupby("patent_id")["country"].apply(lambda s: set(s.dropna()))


# ---------------------------------------------------------------------------
# determinism and reproducibility
# ---------------------------------------------------------------------------

def test_same_seed_gives_identical_corpus():
    a = synthetic_corpus(300, seed=7)
    b = synthetic_corpus(300, seed=7)
    for t in ("patents", "inventors", "applicants", "classes"):
        pd.testing.assert_frame_equal(getattr(a, t), getattr(b, t))
    assert a.meta == b.meta


def test_different_seeds_differ():
    a = synthetic_corpus(300, seed=1)
    b = synthetic_corpus(300, seed=2)
    assert not a.patents["patent_id"].equals(b.patents["patent_id"])
    assert not a.inventors["inventor_id"].reset_index(drop=True).equals(
        b.inventors["inventor_id"].reset_index(drop=True))


def test_global_random_state_untouched():
    np_state = np.random.get_state()
    py_state = random.getstate()
    synthetic_corpus(100, seed=3)
    after = np.random.get_state()
    assert np_state[0] == after[0] and np.array_equal(np_state[1], after[1])
    assert random.getstate() == py_state


def test_meta_records_arguments(corpus):
    m = corpus.meta
    assert m["synthetic"] is True and m["seed"] == 11 and m["n_patents"] == 2000
    assert sum(m["groups"].values()) == 2000
    assert "SG" in m["partners"] and "CN" not in m["partners"]


# ---------------------------------------------------------------------------
# schema
# ---------------------------------------------------------------------------

def test_tables_follow_the_schema(corpus):
    for t in ("patents", "inventors", "applicants", "classes"):
        df = getattr(corpus, t)
        for col in schema.TABLES[t]:
            assert col.name in df.columns
            assert df[col.name].dtype == col.dtype, (t, col.name, df[col.name].dtype)
        again = schema.coerce_table(t, df)
        assert list(again.columns) == list(df.columns)
    assert {"true_province", "first_name", "last_name"} <= set(corpus.inventors.columns)
    assert {"true_sector", "true_province"} <= set(corpus.applicants.columns)
    assert corpus.n_duplicates == 0
    assert corpus.patents["patent_id"].map(lambda s: bool(CANONICAL_PATENT_ID.match(s))).all()


def test_sequences_are_zero_based_and_contiguous(corpus):
    for t in ("inventors", "applicants", "classes"):
        df = getattr(corpus, t)
        expected = df.groupby("patent_id", sort=False).cumcount()
        assert (df["sequence"].to_numpy() == expected.to_numpy()).all(), t


def test_names_are_last_comma_first(corpus):
    inv = corpus.inventors
    assert (inv["name"] == inv["last_name"] + ", " + inv["first_name"]).all()


# ---------------------------------------------------------------------------
# marginals
# ---------------------------------------------------------------------------

def test_cooperation_share_is_the_parameter():
    c = synthetic_corpus(2000, seed=5, cooperation_share=0.3, focal_share=0.2)
    sets = _country_sets(c)
    coop = sets.map(lambda s: "CN" in s and bool(s & BRI))
    assert abs(coop.mean() - 0.3) < 0.005
    cn_only = sets.map(lambda s: "CN" in s and not (s & BRI))
    assert cn_only.mean() >= 0.2


def test_other_focal_and_partners():
    c = synthetic_corpus(400, seed=4, focal="US", partners=["IN", "IL"], cooperation_share=0.5,
                         focal_share=0.1)
    sets = _country_sets(c)
    coop = sets.map(lambda s: "US" in s and bool(s & {"IN", "IL"}))
    assert coop.sum() == 200
    assert c.meta["partners"] == ["IL", "IN"]


def test_team_sizes(corpus):
    k = corpus.inventors.groupby("patent_id").size()
    assert k.min() >= 1 and k.max() <= 10
    assert 2.3 <= k.mean() <= 3.3
    assert len(k) == corpus.n_patents  # every patent has inventors


def test_years_dates_and_patent_numbers(corpus):
    p = corpus.patents
    assert corpus.year_span[0] >= 2001 and corpus.year_span[1] <= 2018
    assert (p["grant_date"].dt.day_of_week == 1).all()  # USPTO issues on Tuesdays
    lag = (p["grant_date"] - p["filing_date"]).dt.days / 365.25
    assert lag.min() >= 0.99 and lag.max() <= 4.01
    by_year = p.groupby("year").size()
    assert by_year.loc[2016:2018].mean() > 2 * by_year.loc[2001:2003].mean()  # growth
    util = p[p["patent_type"] == "utility"].sort_values(["grant_date", "patent_id"])
    nums = util["patent_id"].astype(int)
    assert nums.is_monotonic_increasing
    assert nums.min() >= 6_100_000 and nums.max() < 10_200_000
    design = p[p["patent_type"] == "design"]
    assert len(design) > 0 and design["patent_id"].str.startswith("D").all()
    assert (design["kind"] == "S1").all()
    assert set(util["kind"]) <= {"B1", "B2"}
    assert p["application_id"].str.fullmatch(r"\d{8}").all()
    assert p["application_id"].is_unique and p["patent_id"].is_unique


def test_chinese_inventors_have_true_province(corpus):
    inv = corpus.inventors
    cn = inv[inv["country"] == "CN"]
    assert len(cn) > 100
    assert cn["true_province"].str.fullmatch(r"CN-[A-Z]{2}").all()
    assert inv["province"].isna().all()
    assert inv.loc[inv["country"] != "CN", "true_province"].isna().all()


def test_messy_chinese_city_strings(sample):
    inv = sample.inventors
    cities = inv.loc[inv["country"] == "CN", "city"].dropna()
    kinds = read_table("cn_city_variants.csv")
    kind_of = dict(zip(kinds["city"], kinds["kind"]))
    seen = set(cities.map(kind_of).dropna())
    assert {"clean", "district", "combined", "province", "spacing", "typo", "old", "hanzi"} <= seen
    assert cities.str.contains("District").any()
    assert cities.str.contains(r"[\u4e00-\u9fff]").any()
    assert cities.isin(["Jiangsu", "Guangdong", "Guangdong Province", "Zhejiang"]).any()
    assert (cities.str.upper() == cities).any()
    # one string, several true provinces: the ambiguity a resolver must report
    cn = inv[inv["country"] == "CN"]
    assert cn.groupby("city")["true_province"].nunique().max() >= 2


def test_hong_kong_taiwan_and_raw_codes(sample):
    inv = sample.inventors
    assert {"HK", "TW", "US", "SG", "IN"} <= set(inv["country"])
    assert set(inv.loc[inv["country"] == "HK", "country_raw"]) <= {"HK", "CN"}
    clean = inv["country"].dropna()
    assert clean.str.fullmatch(r"[A-Z]{2}").all()


def test_inventors_and_teams_recur(corpus):
    inv = corpus.inventors
    counts = inv["inventor_id"].value_counts()
    assert counts.max() >= 3
    assert 1.2 < len(inv) / inv["inventor_id"].nunique() < 4
    teams = inv.groupby("patent_id")["inventor_id"].apply(lambda s: tuple(s))
    assert teams[teams.map(len) >= 2].duplicated().any()


def test_applicants(sample):
    app = sample.applicants
    assert (app["sector"] == "unknown").all()
    assert set(app["true_sector"]) <= set(schema.SECTORS)
    assert {"firm", "university", "research", "government", "individual"} <= set(
        app["true_sector"])
    assert set(app["type_code"].dropna()) <= {"2", "3", "4", "5", "6", "7", "9", "12", "13", "14",
                                              "15", "16", "17", "19"}
    ind = app[app["true_sector"] == "individual"]
    assert ind["type_code"].str[-1].isin(["4", "5"]).all()
    assert ind["first_name"].notna().all()
    us_firm = app[(app["true_sector"] == "firm") & (app["country"] == "US")]
    assert us_firm["type_code"].str[-1].eq("2").all()
    names = set(app["name"])
    assert "Tsinghua University" in names
    assert any(n.endswith(("Co., Ltd.", "Inc.", "GmbH", "Corporation")) for n in names)
    assert app["applicant_id"].notna().all()
    # the same organisation keeps its id
    ids = app.groupby("applicant_id")["name"].agg(lambda s: s.str.upper().nunique())
    assert ids.max() == 1


def test_classes(corpus):
    cls = corpus.classes
    assert (cls["scheme"] == "ipc").all()
    assert cls["code"].str.fullmatch(r"[A-H]\d{2}[A-Z] \d{1,4}/\d{2,6}").all()
    first = cls.groupby("patent_id").head(1)
    assert first["is_main"].all() and cls["is_main"].sum() == len(first)
    n = cls.groupby("patent_id").size()
    assert n.min() >= 1 and n.max() <= 4
    designs = set(corpus.patents.loc[corpus.patents["patent_type"] == "design", "patent_id"])
    assert not designs & set(cls["patent_id"])


def test_cooperation_patents_are_mostly_electricity_and_physics(sample):
    sets = _country_sets(sample)
    coop = set(sets.index[sets.map(lambda s: "CN" in s and bool(s & BRI))])
    main = sample.classes[sample.classes["is_main"] & sample.classes["patent_id"].isin(coop)]
    top = main["code"].str[0].value_counts()
    assert list(top.index[:2]) == ["H", "G"]


@pytest.mark.parametrize("kwargs", [
    {"cooperation_share": 1.5}, {"cooperation_share": 0.7, "focal_share": 0.5},
    {"focal": "CHN"}, {"n_patents": -1}, {"partners": ["CN"]}, {"start_year": 2010, "end_year": 2005},
    {"n_patents": 2.5},
])
def test_bad_arguments(kwargs):
    args = {"n_patents": 10, **kwargs}
    with pytest.raises(PatnetInputError):
        synthetic_corpus(**args)


def test_empty_and_tiny_corpora():
    assert synthetic_corpus(0, seed=1).n_patents == 0
    assert synthetic_corpus(1, seed=1).n_patents == 1


# ---------------------------------------------------------------------------
# sample
# ---------------------------------------------------------------------------

def test_load_sample_is_cached_and_fresh():
    t = time.perf_counter()
    a = load_sample()
    assert time.perf_counter() - t < 5
    b = load_sample()
    assert a is not b
    pd.testing.assert_frame_equal(a.inventors, b.inventors)
    assert a.n_patents == 3000 and a.year_span == (2001, 2018)
    sets = _country_sets(a)
    assert sets.map(lambda s: "CN" in s and bool(s & BRI)).sum() == 1500


# ---------------------------------------------------------------------------
# package data
# ---------------------------------------------------------------------------

def test_package_tables_carry_a_source_note_and_stay_small():
    files = sorted(p for p in DATA_DIR.iterdir() if p.is_file())
    assert len(files) >= 9
    for p in files:
        assert p.read_text(encoding="utf-8").startswith("# source:"), p.name
    assert sum(p.stat().st_size for p in files) < 600_000


def test_derivation_is_reproducible(tmp_path):
    shared = _shared_data()
    spec = importlib.util.spec_from_file_location("derive", REPO / "tools" / "derive_synthetic_tables.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    import contextlib
    with contextlib.redirect_stdout(io.StringIO()):
        mod.main(["--shared", str(shared), "--out", str(tmp_path)])
    for p in DATA_DIR.iterdir():
        if p.is_file():
            assert (tmp_path / p.name).read_bytes() == p.read_bytes(), p.name


# ---------------------------------------------------------------------------
# PatentsView writer
# ---------------------------------------------------------------------------

def _read_tsv(path: Path):
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            assert names == [path.name[:-4]]
            text = z.read(names[0]).decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"'))
    return rows[0], rows[1:]


@pytest.mark.parametrize("zipped,disambiguated", [(True, True), (False, False)])
def test_write_patentsview_layout(tmp_path, corpus, zipped, disambiguated):
    paths = write_patentsview(corpus, tmp_path, zipped=zipped, disambiguated=disambiguated)
    kind = "disambiguated" if disambiguated else "not_disambiguated"
    expected = {"g_patent", "g_application", f"g_inventor_{kind}", f"g_assignee_{kind}",
                f"g_location_{kind}", "g_ipc_at_issue"}
    assert set(paths) == expected
    tables = {}
    for t, path in paths.items():
        assert path.name == f"{t}.tsv" + (".zip" if zipped else "")
        header, rows = _read_tsv(path)
        assert tuple(header) == PATENTSVIEW_COLUMNS[t]
        assert all(len(r) == len(header) for r in rows), t
        tables[t] = pd.DataFrame(rows, columns=header)
    pat = tables["g_patent"]
    assert pat["patent_id"].tolist() == corpus.patents["patent_id"].tolist()
    assert pat["patent_title"].tolist() == corpus.patents["title"].tolist()
    assert pat["patent_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert len(tables["g_application"]) == corpus.n_patents
    inv = tables[f"g_inventor_{kind}"]
    assert len(inv) == len(corpus.inventors)
    assert inv["inventor_id"].tolist() == corpus.inventors["inventor_id"].tolist()
    asg = tables[f"g_assignee_{kind}"]
    assert len(asg) == len(corpus.applicants)
    loc = tables[f"g_location_{kind}"]
    if disambiguated:
        assert loc["location_id"].is_unique
        assert set(inv["location_id"]) - {""} <= set(loc["location_id"])
        assert set(loc["disambig_country"]) - {""} <= set(corpus.inventors["country"]) | set(
            corpus.applicants["country"].dropna())
    else:
        assert len(loc) == len(corpus.inventors) + len(corpus.applicants)
        assert loc["rawlocation_id"].is_unique
        assert set(inv["rawlocation_id"]) <= set(loc["rawlocation_id"])
        raw = dict(zip(loc["rawlocation_id"], loc["raw_city"]))
        assert [raw[r] for r in inv["rawlocation_id"]] == corpus.inventors["city"].fillna("").tolist()
    ipc = tables["g_ipc_at_issue"]
    assert len(ipc) == len(corpus.classes)
    rebuilt = ipc["section"] + ipc["ipc_class"] + ipc["subclass"] + " " + ipc["main_group"] + "/" + \
        ipc["subgroup"]
    assert rebuilt.tolist() == corpus.classes["code"].tolist()


def test_write_patentsview_headers_match_patentsview_schema(tmp_path):
    shared = _shared_data()
    spec = pd.read_csv(shared / "patentsview-schema" / "bulk_granted_tables_columns.csv", dtype=str,
                       keep_default_na=False)
    spec["column_order"] = spec["column_order"].astype(int)
    for table, cols in PATENTSVIEW_COLUMNS.items():
        if table == "g_cpc_at_issue_from_xml":
            # not a PatentsView release table: the CPC-as-printed layout of the real
            # grant sample in ../shared, which uses g_cpc_current's columns
            assert cols == PATENTSVIEW_COLUMNS["g_cpc_current"]
            continue
        expected = spec[spec["table"] == table].sort_values("column_order")["column"].tolist()
        assert list(cols) == expected, table
    c = synthetic_corpus(30, seed=1)
    paths = {**write_patentsview(c, tmp_path / "a"),
             **write_patentsview(c, tmp_path / "b", disambiguated=False)}
    for table, path in paths.items():
        header, _ = _read_tsv(path)
        expected = spec[spec["table"] == table].sort_values("column_order")["column"].tolist()
        assert header == expected, table


def _tiny():
    return pn.PatentCorpus(
        patents=pd.DataFrame({
            "patent_id": ["6836899", "D513425"], "kind": ["B1", "S1"],
            "patent_type": ["utility", "design"],
            "grant_date": ["2005-01-04", "2006-01-03"], "filing_date": ["2003-01-09", "2005-06-02"],
            "application_id": ["10339710", "29231270"],
            "title": ['Cup\twith "lid"\nand <straw> & spoon', "Lamp"]}),
        inventors=pd.DataFrame({
            "patent_id": ["6836899", "6836899", "D513425"], "sequence": [0, 1, 0],
            "inventor_id": ["i1", "i2", "i3"],
            "name": ["Hood, III, Charles D.", "Wang, Wei", "Chan, Ka Wai"],
            "first_name": ["Charles D.", "Wei", "Ka Wai"], "last_name": ["Hood, III", "Wang", "Chan"],
            "city": ["Cedar Park", "Kunshan Suzhou", "Hong Kong"], "state": ["TX", None, None],
            "country": ["US", "CN", "HK"], "country_raw": ["US", "CN", "CN"]}),
        applicants=pd.DataFrame({
            "patent_id": ["6836899", "D513425"], "sequence": [0, 0], "applicant_id": ["a1", "a2"],
            "name": ['Smith & "Sons" <Intl> Co.', "Chan, Ka Wai"], "type_code": ["2", "5"],
            "city": ["Austin", "Hong Kong"], "state": ["TX", None], "country": ["US", "HK"]}),
        classes=pd.DataFrame({"patent_id": ["6836899", "6836899"], "scheme": ["ipc", "ipc"],
                              "code": ["H01L 21/02", "G06F 3/041"], "is_main": [True, False],
                              "sequence": [0, 1]}),
    )


def test_write_patentsview_values_and_quoting(tmp_path):
    c = _tiny()
    paths = write_patentsview(c, tmp_path, zipped=False)
    text = paths["g_patent"].read_text(encoding="utf-8")
    assert '"Cup\twith ""lid""\nand <straw> & spoon"' in text
    _, rows = _read_tsv(paths["g_patent"])
    assert rows[0][3] == 'Cup\twith "lid"\nand <straw> & spoon'
    assert rows[1][:3] == ["D513425", "design", "2006-01-03"]
    _, ipc = _read_tsv(paths["g_ipc_at_issue"])
    assert ipc[0][:9] == ["6836899", "0", "A", "H", "01", "L", "21", "02", "F"]
    assert ipc[1][3:9] == ["G", "06", "F", "3", "041", "L"]
    assert ipc[0][12] == "2005-01-04"
    _, inv = _read_tsv(paths["g_inventor_disambiguated"])
    assert inv[0][3:5] == ["Charles D.", "Hood, III"]
    _, asg = _read_tsv(paths["g_assignee_disambiguated"])
    assert asg[0][3:7] == ["", "", 'Smith & "Sons" <Intl> Co.', "2"]
    assert asg[1][3:7] == ["Ka Wai", "Chan", "", "5"]
    _, app = _read_tsv(paths["g_application"])
    assert app[0] == ["10339710", "6836899", "10", "2003-01-09", "10", "0"]
    nd = write_patentsview(c, tmp_path / "nd", zipped=False, disambiguated=False)
    _, loc = _read_tsv(nd["g_location_not_disambiguated"])
    assert [r[2:] for r in loc[:3]] == [["Cedar Park", "TX", "US"], ["Kunshan Suzhou", "", "CN"],
                                        ["Hong Kong", "", "CN"]]


def test_write_patentsview_rejects_non_corpus(tmp_path):
    with pytest.raises(PatnetInputError):
        write_patentsview(pd.DataFrame(), tmp_path)


# ---------------------------------------------------------------------------
# USPTO XML writer
# ---------------------------------------------------------------------------

def _docs(path: Path):
    text = path.read_text(encoding="utf-8")
    parts = text.split("<?xml")[1:]
    return [ET.fromstring("<?xml" + p) for p in parts], parts


@pytest.mark.parametrize("dtd", ["v4.0", "v4.2", "v4.5", "v4.7", "auto"])
def test_write_uspto_xml_parses_document_by_document(tmp_path, corpus, dtd):
    path = write_uspto_xml(corpus, tmp_path / "ipg.xml", dtd=dtd)
    roots, parts = _docs(path)
    assert len(roots) == corpus.n_patents
    assert all(p.lstrip().startswith('version="1.0"') for p in parts)
    assert all("<!DOCTYPE us-patent-grant SYSTEM" in p for p in parts)
    docnums = [r.findtext("us-bibliographic-data-grant/publication-reference/document-id/doc-number")
               for r in roots]
    assert all(len(d) == 8 for d in docnums)
    assert [pn.ids.normalize_patent_id(d)[0] for d in docnums] == corpus.patents["patent_id"].tolist()
    n_inv = 0
    for r in roots:
        b = r.find("us-bibliographic-data-grant")
        if r.get("dtd-version").startswith(("v40", "v4.1", "v4.2")):
            n_inv += len(b.findall("parties/applicants/applicant[@app-type='applicant-inventor']"))
        else:
            n_inv += len(b.findall("us-parties/inventors/inventor"))
    assert n_inv == len(corpus.inventors)
    if dtd == "auto":
        versions = {r.get("dtd-version") for r in roots}
        assert {"v40 2004-12-02", "v4.2 2006-08-23", "v4.5 2014-04-03"} <= versions


def test_write_uspto_xml_values_and_escaping(tmp_path):
    c = _tiny()
    roots, parts = _docs(write_uspto_xml(c, tmp_path / "t.xml", dtd="v4.5"))
    assert "&amp;" in parts[0] and "&lt;straw&gt;" in parts[0]
    b = roots[0].find("us-bibliographic-data-grant")
    assert b.findtext("publication-reference/document-id/doc-number") == "06836899"
    assert b.findtext("publication-reference/document-id/kind") == "B1"
    assert b.findtext("publication-reference/document-id/date") == "20050104"
    assert b.findtext("application-reference/document-id/doc-number") == "10339710"
    assert b.find("application-reference").get("appl-type") == "utility"
    assert b.findtext("invention-title") == 'Cup\twith "lid"\nand <straw> & spoon'
    ipcr = b.findall("classifications-ipcr/classification-ipcr")
    assert [(e.findtext("section"), e.findtext("class"), e.findtext("subclass"),
             e.findtext("main-group"), e.findtext("subgroup"), e.findtext("symbol-position"))
            for e in ipcr] == [("H", "01", "L", "21", "02", "F"), ("G", "06", "F", "3", "041", "L")]
    inv = b.findall("us-parties/inventors/inventor")
    assert [(e.findtext("addressbook/last-name"), e.findtext("addressbook/first-name"),
             e.findtext("addressbook/address/city"), e.findtext("addressbook/address/country"))
            for e in inv] == [("Hood, III", "Charles D.", "Cedar Park", "US"),
                              ("Wang", "Wei", "Kunshan Suzhou", "CN")]
    asg = b.find("assignees/assignee/addressbook")
    assert asg.findtext("orgname") == 'Smith & "Sons" <Intl> Co.'
    assert asg.findtext("role") == "02"
    d = roots[1].find("us-bibliographic-data-grant")
    assert d.findtext("publication-reference/document-id/doc-number") == "D0513425"
    person = d.find("assignees/assignee/addressbook")
    assert person.findtext("last-name") == "Chan" and person.findtext("role") == "05"
    assert d.findtext("us-parties/inventors/inventor/addressbook/address/country") == "CN"
    old, _ = _docs(write_uspto_xml(c, tmp_path / "o.xml", dtd="v4.1"))
    app = old[0].findall("us-bibliographic-data-grant/parties/applicants/applicant")
    assert [a.get("app-type") for a in app] == ["applicant-inventor"] * 2
    assert old[0].get("dtd-version") == "v4.1 2005-08-25"


def test_write_uspto_xml_bad_dtd(tmp_path):
    with pytest.raises(PatnetInputError, match="v4.5"):
        write_uspto_xml(_tiny(), tmp_path / "x.xml", dtd="4.5")


def test_xml_strips_characters_xml_cannot_hold(tmp_path):
    c = _tiny()
    p = c.patents.copy()
    p.loc[1, "title"] = "Lamp\x01\x0b shade"
    c = c.replace(patents=p)
    roots, _ = _docs(write_uspto_xml(c, tmp_path / "x.xml"))
    assert roots[1].findtext("us-bibliographic-data-grant/invention-title") == "Lamp shade"
    assert re.fullmatch(r"US\w+-\d{8}\.XML", roots[1].get("file"))


def test_writers_handle_sparse_and_empty_corpora(tmp_path):
    sparse = pn.PatentCorpus(
        patents=pd.DataFrame({"patent_id": ["1", "2"], "grant_date": ["2005-07-05", "2016-07-05"]}),
        inventors=pd.DataFrame({"patent_id": ["1", "1", "2"], "country": ["CN", "SG", "CN"]}),
        applicants=pd.DataFrame({"patent_id": ["1"], "name": ["Acme Inc."]}),
        classes=pd.DataFrame({"patent_id": ["1", "1"], "scheme": ["ipc", "ipc"],
                              "code": ["H01L 21/02", "H01L"]}))
    paths = write_patentsview(sparse, tmp_path / "s", zipped=False)
    for t, path in paths.items():
        header, rows = _read_tsv(path)
        assert tuple(header) == PATENTSVIEW_COLUMNS[t]
    _, ipc = _read_tsv(paths["g_ipc_at_issue"])
    assert [r[3:8] for r in ipc] == [["H", "01", "L", "21", "02"], ["H", "01", "L", "", ""]]
    _, pat = _read_tsv(paths["g_patent"])
    assert [r[8] for r in pat] == ["ipg050705.xml", "ipg160705.xml"]
    for dtd in ("v4.0", "auto"):
        roots, _ = _docs(write_uspto_xml(sparse, tmp_path / f"s{dtd}.xml", dtd=dtd))
        assert len(roots) == 2
    empty = pn.PatentCorpus()
    paths = write_patentsview(empty, tmp_path / "e")
    for t, path in paths.items():
        header, rows = _read_tsv(path)
        assert tuple(header) == PATENTSVIEW_COLUMNS[t] and rows == []
    assert write_uspto_xml(empty, tmp_path / "e.xml").read_text(encoding="utf-8") == ""
