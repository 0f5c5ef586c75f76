"""Tests of patnet.classify.ipc: IPC code forms, sections, WIPO fields, assign_fields."""

from __future__ import annotations

import csv
import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patnet.classify.ipc import (
    COUNTINGS,
    LEVELS,
    STUDY1_TABLE4,
    assign_fields,
    ipc,
    ipc_sections,
    normalize_code,
    normalize_codes,
    wipo_concordance,
    wipo_fields,
)
from patnet.exceptions import PatnetInputError
from patnet.testing import make_corpus

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TOOL = REPO / "tools" / "derive_ipc_tables.py"
DATA = REPO / "patnet" / "classify" / "data"


def _shared_data() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared reference data {SHARED / 'data'} not found (it sits beside the repository)")
    return SHARED / "data"


def _tool():
    spec = importlib.util.spec_from_file_location("derive_ipc_tables", TOOL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------------------
# Code forms
# ---------------------------------------------------------------------------

FORMS = [
    # spaced, unspaced, padded (PATSTAT / DOCDB), lower case, blanks around
    ("H01L 21/02", "H01L 21/02"),
    ("H01L21/02", "H01L 21/02"),
    ("H01L  21/02", "H01L 21/02"),
    ("A61K   8/97", "A61K 8/97"),
    ("  h01l 21/02 ", "H01L 21/02"),
    ("H 01 L 21 / 02", "H01L 21/02"),
    ("H04N 101/00", "H04N 101/00"),
    ("A61B 5/1455", "A61B 5/1455"),
    # zero-padded main group (USPTO XML of 2001-2005)
    ("G06F015/16", "G06F 15/16"),
    ("G06F017/00", "G06F 17/00"),
    # official 14-character form
    ("H01L0021020000", "H01L 21/02"),
    ("A01B0001000000", "A01B 1/00"),
    ("A61B0005145500", "A61B 5/1455"),
    ("C07D0471040000", "C07D 471/04"),
    ("A01G0009029000", "A01G 9/029"),
    ("H01L0021100000", "H01L 21/10"),
    # IPC-7 fixed width, as in 2005 grant XML (real strings from the USPTO samples)
    ("A45F  504", "A45F 5/04"),
    ("A43B 1314", "A43B 13/14"),
    ("A43B 2300", "A43B 23/00"),
    ("H01L 21302", "H01L 21/302"),
    ("H01L 31107", "H01L 31/107"),
    ("H01L 2994", "H01L 29/94"),
    ("H01H  102", "H01H 1/02"),
    ("G02F  121", "G02F 1/21"),
    ("C07C24900", "C07C 249/00"),
    ("F25D 2312", "F25D 23/12"),
    # with a version or an EPO date block
    ("H01L 21/02 (2006.01)", "H01L 21/02"),
    ("H01L 21/02(2006.01)", "H01L 21/02"),
    ("H01L  21/02        20060101AFI20051220BHEP", "H01L 21/02"),
    # subgroup written with one digit or trailing zeros
    ("H01L 21/2", "H01L 21/02"),
    ("H01L 21/020", "H01L 21/02"),
    ("H01L 21/3020", "H01L 21/302"),
    # subclass only (PPUBS "ipcAllMainClassification")
    ("H01L", "H01L"),
    ("h01l ", "H01L"),
    # full-width characters (CJK sources)
    ("Ｈ０１Ｌ２１／０２", "H01L 21/02"),
]


@pytest.mark.parametrize("raw, expected", FORMS)
def test_forms(raw, expected):
    assert normalize_code(raw) == expected
    assert normalize_code(expected) == expected
    assert ipc([raw])["code"].iloc[0] == expected


UNREADABLE = [
    "", "   ", "H", "H01", "H01L 21", "Z99Z 1/00", "I01L 21/02", "H00L 21/02", "H01L 0/02",
    "H01L 21/", "H01L /02", "H01L 21/1234567", "H01L 12345/00",
    "A45F 504",             # IPC-7 with its spaces collapsed: ambiguous, not guessed
    "A61B5/11;A61B3/113",   # two codes in one string
    "Y02E 10/50",           # CPC, not IPC
    "H01L2102", "H01L 21 02", "H01L-21/02x", "not a code", "NA",
    None, float("nan"), pd.NA, np.nan, 12345, 3.5, True, b"H01L 21/02", ["H01L 21/02"],
]


@pytest.mark.parametrize("raw", UNREADABLE, ids=repr)
def test_unreadable(raw):
    assert normalize_code(raw) is None
    row = ipc(pd.Series([raw], dtype=object)).iloc[0]
    assert not row["valid"]
    assert pd.isna(row["code"]) and pd.isna(row["section"]) and pd.isna(row["wipo_field"])
    assert row["wipo_reason"] in ("missing", "unreadable code")


def test_cpc_scheme_reads_section_y():
    assert normalize_code("Y02E 10/50", scheme="cpc") == "Y02E 10/50"
    assert normalize_code("y10s0000000000", scheme="cpc") is None  # main group 0
    assert normalize_code("H01L 2224/48091", scheme="cpc") == "H01L 2224/48091"
    with pytest.raises(PatnetInputError, match="unknown scheme"):
        normalize_code("H01L 21/02", scheme="ipcr")


def test_normalize_codes_keeps_index_and_dtype():
    s = pd.Series(["H01L21/02", None, "x", "H01L 21/02"], index=[10, 11, 12, 13], name="ipc")
    out = normalize_codes(s)
    assert out.dtype == "string"
    assert out.index.tolist() == [10, 11, 12, 13] and out.name == "ipc"
    assert out.tolist() == ["H01L 21/02", pd.NA, pd.NA, "H01L 21/02"]
    assert normalize_codes([]).tolist() == []


# ---------------------------------------------------------------------------
# ipc()
# ---------------------------------------------------------------------------

def test_ipc_columns_and_parts():
    t = ipc(["H01L 21/02", "A61K", "C07D0471040000", None])
    assert list(t.columns) == ["input", "code", "section", "class", "subclass", "main_group",
                               "group", "section_title", "wipo_field", "wipo_field_title",
                               "wipo_sector", "valid", "wipo_reason"]
    assert t.dtypes["wipo_field"] == "Int64" and t.dtypes["valid"] == np.dtype(bool)
    assert all(t.dtypes[c] == "string" for c in t.columns if c not in ("wipo_field", "valid"))
    r = t.iloc[0]
    assert (r["section"], r["class"], r["subclass"], r["main_group"], r["group"]) == (
        "H", "H01", "H01L", "H01L 21", "H01L 21/02")
    assert (r["section_title"], r["wipo_field"], r["wipo_field_title"], r["wipo_sector"]) == (
        "Electricity", 8, "Semiconductors", "Electrical engineering")
    assert pd.isna(r["wipo_reason"]) and r["valid"]
    r = t.iloc[1]
    assert r["code"] == "A61K" and r["subclass"] == "A61K" and r["valid"]
    assert pd.isna(r["main_group"]) and pd.isna(r["group"]) and pd.isna(r["wipo_field"])
    assert r["wipo_reason"] == "subclass only, and the table splits this subclass by main group"
    assert t.iloc[2]["main_group"] == "C07D 471" and t.iloc[2]["input"] == "C07D0471040000"
    assert t.iloc[3]["wipo_reason"] == "missing" and pd.isna(t.iloc[3]["input"])


def test_ipc_accepts_scalars_series_and_empty():
    assert len(ipc("H01L 21/02")) == 1
    s = pd.Series(["G06F 3/01", "H01L 21/02"], index=["a", "b"])
    t = ipc(s)
    assert t.index.tolist() == ["a", "b"] and t.loc["a", "wipo_field"] == 6
    assert len(ipc([])) == 0 and list(ipc([]).columns) == list(t.columns)
    t = ipc(np.array(["H01L 21/02", "H01L21/02"], dtype=object))
    assert t["code"].nunique() == 1


SECTION_TITLES = {
    "A": "Human necessities",
    "B": "Performing operations; transporting",
    "C": "Chemistry; metallurgy",
    "D": "Textiles; paper",
    "E": "Fixed constructions",
    "F": "Mechanical engineering; lighting; heating; weapons; blasting",
    "G": "Physics",
    "H": "Electricity",
}


def test_section_titles():
    s = ipc_sections()
    assert dict(zip(s["section"], s["title"])) == SECTION_TITLES
    t = ipc([f"{sec}01B 1/00" for sec in SECTION_TITLES])
    assert t["section_title"].tolist() == list(SECTION_TITLES.values())


# ---------------------------------------------------------------------------
# WIPO concordance
# ---------------------------------------------------------------------------

SPOT = [
    ("H01L 21/02", 8, "Semiconductors"),
    ("G06F 3/01", 6, "Computer technology"),
    ("G06Q 10/00", 7, "IT methods for management"),
    ("A61K 8/97", 14, "Organic fine chemistry"),
    ("A61K 31/40", 16, "Pharmaceuticals"),
    ("A61K 6/00", 16, "Pharmaceuticals"),
    ("A61K 135/00", 16, "Pharmaceuticals"),
    ("G01N 33/48", 11, "Analysis of biological materials"),
    ("G01N 21/00", 10, "Measurement"),
    ("H04N 1/00", 3, "Telecommunications"),
    ("H04N 5/225", 2, "Audio-visual technology"),
    ("H04N 21/24", 4, "Digital communication"),
    ("H04N 101/00", 2, "Audio-visual technology"),
    ("H04L 9/40", 4, "Digital communication"),
    ("C13B 10/00", 18, "Food chemistry"),
    ("C13B 5/00", 29, "Other special machines"),
    ("E01F 8/00", 24, "Environmental technology"),
    ("E01F 9/00", 35, "Civil engineering"),
    ("B01D 53/04", 24, "Environmental technology"),
    ("B01D 1/00", 23, "Chemical engineering"),
    ("F21V 8/00", 1, "Electrical machinery, apparatus, energy"),
    ("C22C 38/00", 20, "Materials, metallurgy"),
    ("B60K 1/02", 32, "Transport"),
    ("B82Y 30/00", 22, "Micro-structural and nano-technology"),
    ("G16H 10/60", 13, "Medical technology"),
    ("A63B 21/00", 33, "Furniture, games"),
    ("E21B 12/02", 35, "Civil engineering"),
]


@pytest.mark.parametrize("code, field, title", SPOT)
def test_wipo_spot_checks(code, field, title):
    r = ipc([code]).iloc[0]
    assert (r["wipo_field"], r["wipo_field_title"]) == (field, title)
    assert pd.isna(r["wipo_reason"])


def test_wipo_main_group_boundaries():
    t = ipc(["A61K 80/12", "A61K 8/12", "A61K 800/00", "H04N 10/00", "H04N 11/00",
             "G01N 3/00", "G01N 33/00", "G01N 333/00", "H10K 50/00"])
    assert t["wipo_field"].tolist()[:2] == [pd.NA, 14]
    assert t["wipo_field"].tolist() == [pd.NA, 14, pd.NA, pd.NA, 2, 10, 11, pd.NA, pd.NA]
    assert set(t.loc[t["wipo_field"].isna(), "wipo_reason"]) == {"no matching prefix in the table"}


def test_wipo_fields_and_sectors():
    f = wipo_fields()
    assert f["field"].tolist() == list(range(1, 36))
    sectors = {
        "Electrical engineering": range(1, 9), "Instruments": range(9, 14),
        "Chemistry": range(14, 25), "Mechanical engineering": range(25, 33),
        "Other fields": range(33, 36),
    }
    for sector, fields in sectors.items():
        assert f.loc[f["sector"] == sector, "field"].tolist() == list(fields)
    assert f["field_title"].is_unique


def test_concordance_table():
    c = wipo_concordance()
    assert len(c) == 764
    assert c["prefix"].is_unique
    assert set(c["field"]) == set(range(1, 36))
    assert c["prefix"].str.fullmatch(r"[A-H]\d{2}[A-Z]( \d{1,4}/)?").all()
    # the prefix is the SQL LIKE pattern without its padding and '%'
    like = c["pattern"].str.replace("%", "", regex=False).str.replace(r"\s+", " ", regex=True)
    assert (like == c["prefix"]).all()
    # no subclass has both a subclass and a main-group pattern
    sub = set(c.loc[c["prefix"].str.len() == 4, "prefix"])
    split = set(c.loc[c["prefix"].str.len() > 4, "prefix"].str[:4])
    assert not sub & split
    assert split == {"A61K", "B01D", "C13B", "E01F", "G01N", "H04N"}
    t = ipc(sorted(split))
    assert t["wipo_field"].isna().all() and t["valid"].all()


def test_every_pattern_matches_its_own_prefix():
    c = wipo_concordance()
    group_level = c["prefix"].str.endswith("/")
    codes = pd.concat([
        c["prefix"].where(group_level, c["prefix"] + " 1/") + "00",  # main group itself
        c["prefix"].where(group_level, c["prefix"] + " 99/") + "123",  # a deep subgroup
        c.loc[~group_level, "prefix"],  # subclass alone, where the subclass is not split
    ])
    fields = pd.concat([c["field"], c["field"], c.loc[~group_level, "field"]])
    t = ipc(codes.tolist())
    assert t["valid"].all()
    assert t["wipo_field"].tolist() == fields.tolist()


def test_main_group_prefix_never_matches_a_longer_main_group():
    c = wipo_concordance()
    prefixes = dict(zip(c["prefix"], c["field"]))
    mg = c.loc[c["prefix"].str.endswith("/"), "prefix"]
    longer = [p[:-1] + d + "/" for p in mg for d in "0123456789" if len(p[5:-1]) < 4]
    t = ipc([p + "00" for p in longer])
    expected = [prefixes.get(p, pd.NA) for p in longer]
    assert t["wipo_field"].tolist() == expected


def test_shipped_tables_match_their_sources():
    shared = _shared_data()
    tool = _tool()
    assert (DATA / "ipc_sections.csv").read_text(encoding="utf-8") == tool.sections_text(shared)
    assert (DATA / "wipo_fields.csv").read_text(encoding="utf-8") == tool.fields_text(shared)


def test_source_concordance_quirks():
    src = _shared_data() / "wipo-ipc-technology" / "ipc_technology.csv"
    raw = src.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: read with utf-8-sig
    with open(src, encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh))[0] == "\ufeffField_number"
    tool = _tool()
    assert tool.pattern_to_prefix("A61K   8/%") == "A61K 8/"
    assert tool.pattern_to_prefix("H04N 101/%") == "H04N 101/"
    assert tool.pattern_to_prefix("F21H%") == "F21H"
    for bad in ("A61K 8/%", "A61K%%", "F21H", "A61K   8/"):
        with pytest.raises(ValueError):
            tool.pattern_to_prefix(bad)


def test_whole_ipc_scheme_parses_and_maps():
    """Every group of the IPC scheme (edition 2020.01) parses from its official form and has a field."""
    src = _shared_data() / "wipo-ipc-technology" / "ipc_scheme_titles.tsv"
    s = pd.read_csv(src, sep="\t", header=None, usecols=[0], names=["code"], dtype=str,
                    keep_default_na=False, quoting=csv.QUOTE_NONE)["code"]
    official = s[s.str.fullmatch(r"[A-H]\d{2}[A-Z]\d{10}")].drop_duplicates()
    assert len(official) > 70000
    t = ipc(official)
    assert t["valid"].all()
    assert t["code"].is_unique  # the official form is read one-to-one
    missing = t.loc[t["wipo_field"].isna(), "code"].tolist()
    assert missing == [], f"groups without a WIPO field: {missing[:20]}"
    subclasses = s[s.str.fullmatch(r"[A-H]\d{2}[A-Z]")]
    t = ipc(subclasses)
    assert t["valid"].all()
    unsplit = t[~t["subclass"].isin(["A61K", "B01D", "C13B", "E01F", "G01N", "H04N"])]
    assert unsplit["wipo_field"].notna().all()


# ---------------------------------------------------------------------------
# Real data: the 483 USPTO sample grants
# ---------------------------------------------------------------------------

def test_real_grant_codes_parse():
    flat = _shared_data() / "uspto-grant-samples" / "flat" / "ipc.csv"
    d = pd.read_csv(flat, dtype=str, keep_default_na=False)
    assert len(d) == 425
    t = ipc(d["ipc"])
    bad = d.loc[~t["valid"].to_numpy(), "ipc"].tolist()
    assert bad == [], f"unreadable IPC codes in the samples: {bad}"
    assert t["group"].notna().all()
    no_field = t.loc[t["wipo_field"].isna(), "code"].tolist()
    assert no_field == [], f"sample codes without a WIPO field: {no_field}"
    ipc7 = d["version"] == "7"
    assert ipc7.sum() == 47
    assert t.loc[ipc7.to_numpy(), "code"].str.fullmatch(r"[A-H]\d{2}[A-Z] \d{1,3}/\d{2,4}").all()


def test_real_grant_codes_agree_with_patentsview_parts():
    """The string form and the split (PatentsView) form give the same codes.

    The derived ``g_ipc_at_issue.tsv`` splits three IPC-7 codes with a
    three-digit subgroup at the wrong place ("H01L 21302" as main group 213,
    subgroup 02); patnet's reading (H01L 21/302) is the one the IPC scheme has.
    """
    shared = _shared_data()
    base = shared / "uspto-grant-samples"
    d = pd.read_csv(base / "flat" / "ipc.csv", dtype=str, keep_default_na=False)
    g = pd.read_csv(base / "patentsview_format" / "g_ipc_at_issue.tsv", sep="\t", dtype=str,
                    keep_default_na=False)
    same_patent = d["patent_number"].str.replace(r"^([A-Z]*)0*", r"\1", regex=True)
    assert (same_patent.to_numpy() == g["patent_id"].to_numpy()).all()
    parts = normalize_codes(g["section"] + g["ipc_class"] + g["subclass"] + " "
                            + g["main_group"] + "/" + g["subgroup"])
    ours = ipc(d["ipc"])["code"]
    differ = (parts.to_numpy() != ours.to_numpy())
    scheme = pd.read_csv(shared / "wipo-ipc-technology" / "ipc_scheme_titles.tsv", sep="\t",
                         header=None, usecols=[0], names=["code"], dtype=str,
                         keep_default_na=False, quoting=csv.QUOTE_NONE)["code"]
    known = set(normalize_codes(scheme[scheme.str.len() == 14]).dropna())
    for raw, mine, theirs in zip(d["ipc"][differ], ours[differ], parts[differ]):
        assert mine in known and theirs not in known, (raw, mine, theirs)
    assert differ.sum() <= 3


def test_real_ppubs_codes_parse():
    doc = _shared_data() / "uspto-grant-samples" / "patent_client_ppubs_doc.json"
    codes, subclasses = [], []

    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k == "ipcCodeFlattened" and v:
                    codes.extend(v.split(";"))
                elif k == "ipcAllMainClassification" and v:
                    subclasses.extend(v)
                else:
                    walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(json.loads(doc.read_text(encoding="utf-8")))
    assert len(codes) > 40 and len(subclasses) > 20
    t = ipc(codes)
    assert t["valid"].all() and t["group"].notna().all() and t["wipo_field"].notna().all()
    t = ipc(subclasses)
    assert t["valid"].all() and t["group"].isna().all()
    split = t["wipo_field"].isna()
    assert set(t.loc[split, "subclass"]) <= {"A61K", "B01D", "C13B", "E01F", "G01N", "H04N"}


def test_synthetic_code_table_agrees():
    d = pd.read_csv(REPO / "patnet" / "datasets" / "data" / "ipc_codes.csv", dtype=str,
                    keep_default_na=False, comment="#")
    t = ipc(d["code"])
    assert t["valid"].all()
    assert (t["wipo_field"].astype("string").to_numpy() == d["field"].to_numpy()).all()


# ---------------------------------------------------------------------------
# assign_fields
# ---------------------------------------------------------------------------

@pytest.fixture
def corpus():
    return make_corpus(
        {"1": ["CN"], "2": ["CN"], "3": ["SG"], "4": ["CN"], "5": ["IN"]},
        classes={
            "1": ["H01L 21/02", "G06F 3/01", "H01L 23/00"],  # H, G; fields 8, 6
            "2": ["A61K 31/40"],                              # A; 16
            "4": ["A61K", "junk"],                            # A; no WIPO field
            "5": ["C22C 38/00", "B60K 1/02", "F21V 8/00"],    # C, B, F; 20, 32, 1
        },
    )


def _rows(df):
    return [tuple(None if pd.isna(v) else v for v in r) for r in df.itertuples(index=False)]


def test_assign_sections_whole_and_fractional(corpus):
    w = assign_fields(corpus, "section")
    assert _rows(w) == [("1", "G", 1.0), ("1", "H", 1.0), ("2", "A", 1.0), ("3", None, 1.0),
                        ("4", "A", 1.0), ("5", "B", 1.0), ("5", "C", 1.0), ("5", "F", 1.0)]
    f = assign_fields(corpus, "section", counting="fractional")
    assert f["weight"].tolist() == [0.5, 0.5, 1.0, 1.0, 1.0, 1 / 3, 1 / 3, 1 / 3]
    assert f.groupby("patent_id")["weight"].sum().tolist() == pytest.approx([1.0] * 5)
    assert list(w.columns) == ["patent_id", "field", "weight"]
    assert w.dtypes["patent_id"] == "string" and w.dtypes["field"] == "string"
    assert w.dtypes["weight"] == "float64"
    assert w.attrs["counting"] == "whole" and f.attrs["counting"] == "fractional"
    assert w.attrs["level"] == "section" and w.attrs["scheme"] == "ipc"
    assert w.attrs["n_patents"] == 5 and w.attrs["unclassified"] == 1
    assert w.attrs["unclassified_without_codes"] == 1
    assert w.attrs["unmapped_codes"] == 1
    assert w.attrs["unmapped_reasons"] == {"unreadable code": 1}
    assert w.attrs["titles"]["B"] == "Performing operations; transporting"


def test_assign_counting_full_is_whole(corpus):
    a = assign_fields(corpus, "section", counting="full")
    b = assign_fields(corpus, "section", counting="whole")
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["counting"] == "whole"


def test_assign_wipo_levels(corpus):
    w = assign_fields(corpus, "wipo_field")
    assert _rows(w) == [("1", "6", 1.0), ("1", "8", 1.0), ("2", "16", 1.0), ("3", None, 1.0),
                        ("4", None, 1.0), ("5", "1", 1.0), ("5", "20", 1.0), ("5", "32", 1.0)]
    assert w.attrs["unclassified"] == 2 and w.attrs["unclassified_without_codes"] == 1
    assert w.attrs["unmapped_reasons"] == {
        "unreadable code": 1, "subclass only, and the table splits this subclass by main group": 1}
    assert w.attrs["titles"]["8"] == "Semiconductors" and len(w.attrs["titles"]) == 35
    s = assign_fields(corpus, "wipo_sector", counting="fractional")
    third = 1 / 3
    assert _rows(s) == [("1", "Electrical engineering", 1.0), ("2", "Chemistry", 1.0),
                        ("3", None, 1.0), ("4", None, 1.0), ("5", "Chemistry", third),
                        ("5", "Electrical engineering", third),
                        ("5", "Mechanical engineering", third)]


def test_assign_class_and_subclass(corpus):
    c = assign_fields(corpus, "class")
    assert c.dropna()["field"].tolist() == ["G06", "H01", "A61", "A61", "B60", "C22", "F21"]
    s = assign_fields(corpus, "subclass", counting="fractional")
    assert _rows(s)[:2] == [("1", "G06F", 0.5), ("1", "H01L", 0.5)]


def test_assign_main_only(corpus):
    m = assign_fields(corpus, "wipo_field", main_only=True)
    assert _rows(m) == [("1", "8", 1.0), ("2", "16", 1.0), ("3", None, 1.0), ("4", None, 1.0),
                        ("5", "20", 1.0)]
    assert m.attrs["main_only"] is True
    cls = corpus.classes.assign(is_main=pd.array([pd.NA] * len(corpus.classes), dtype="boolean"))
    none_main = assign_fields(corpus.replace(classes=cls), "section", main_only=True)
    assert none_main["field"].isna().all()
    assert none_main.attrs["unclassified"] == none_main.attrs["unclassified_without_codes"] == 5


def test_assign_study1_table(corpus):
    t = assign_fields(corpus, STUDY1_TABLE4)
    assert _rows(t) == [("1", "Electricity", 1.0), ("1", "Physics", 1.0),
                        ("2", "Human necessities", 1.0), ("3", None, 1.0),
                        ("4", "Human necessities", 1.0), ("5", "Lighting", 1.0),
                        ("5", "Metallurgy", 1.0), ("5", "Transport", 1.0)]
    assert t.attrs["level"] == "mapping" and t.attrs["mapping"]["F21"] == "Lighting"
    labels = set(STUDY1_TABLE4.values())
    for name in ("Electricity", "Human necessities", "Physics", "Chemistry", "Operations",
                 "Metallurgy", "Mechanical engineering", "Transport", "Lighting"):
        assert name in labels
    with pytest.raises(TypeError):
        STUDY1_TABLE4["F21"] = "Illumination"  # read-only; copy it to edit
    # every IPC class gets exactly the label its subsection says
    t = ipc([f"{c}A 1/00" for c in ("B01", "B60", "B68", "B81", "C01", "C21", "C30", "C40",
                                    "F01", "F21", "F24", "F41", "F42", "D01", "D21")])
    got = assign_fields(make_corpus({str(i): ["CN"] for i in range(len(t))},
                                    classes={str(i): [c] for i, c in enumerate(t["code"])}),
                        STUDY1_TABLE4)
    assert got.sort_values("patent_id", key=lambda s: s.astype(int))["field"].tolist() == [
        "Operations", "Transport", "Transport", "Operations", "Chemistry", "Metallurgy",
        "Metallurgy", "Chemistry", "Mechanical engineering", "Lighting", "Heating", "Weapons",
        "Blasting", "Textiles", "Paper"]


def test_assign_mapping_forms(corpus):
    as_dict = {"A61K   8/%": "cosmetics", "A61K 31": "drugs", "H01L%": "chips", "G": "physics",
               "C22C 38/00": "steel"}
    d = assign_fields(corpus, as_dict)
    frame = pd.DataFrame({"prefix": list(as_dict), "label": list(as_dict.values())})
    f = assign_fields(corpus, frame)
    s = assign_fields(corpus, pd.Series(as_dict))
    pd.testing.assert_frame_equal(d, f)
    pd.testing.assert_frame_equal(d, s)
    assert _rows(d) == [("1", "chips", 1.0), ("1", "physics", 1.0), ("2", "drugs", 1.0),
                        ("3", None, 1.0), ("4", None, 1.0), ("5", "steel", 1.0)]
    assert d.attrs["mapping"] == {"A61K 8/": "cosmetics", "A61K 31/": "drugs", "H01L": "chips",
                                  "G": "physics", "C22C 38/00": "steel"}
    # "A61K" alone is ambiguous under this table; unmapped codes are counted by reason
    assert d.attrs["unmapped_reasons"] == {
        "no matching prefix in the table": 2, "unreadable code": 1,
        "subclass only, and the table splits this subclass by main group": 1}
    # a full group matches exactly, not as a string prefix
    c = make_corpus({"1": ["CN"], "2": ["CN"]}, classes={"1": ["C22C 38/001"], "2": ["C22C 38/00"]})
    assert assign_fields(c, {"C22C 38/00": "x"})["field"].tolist() == [pd.NA, "x"]
    # longest prefix wins, whatever the order of the table
    c = make_corpus({"1": ["CN"]}, classes={"1": ["A61K 8/97"]})
    for table in ({"A": "a", "A61": "b", "A61K": "c", "A61K 8/": "d"},
                  {"A61K 8/": "d", "A61K": "c", "A61": "b", "A": "a"}):
        assert assign_fields(c, table)["field"].tolist() == ["d"]


@pytest.mark.parametrize("bad, match", [
    ({"H01L 2x": "a"}, "cannot read mapping prefix"),
    ({"": "a"}, "cannot read mapping prefix"),
    ({5: "a"}, "mapping prefixes must be text"),
    ({"H01L": None}, "labels must not be missing"),
    ({"H01L": "a", "h01l%": "b"}, "given two labels"),
    ({}, "mapping is empty"),
    (pd.DataFrame({"a": ["H"], "b": ["x"], "c": ["y"]}), "needs columns 'prefix' and 'label'"),
])
def test_assign_bad_mapping(corpus, bad, match):
    with pytest.raises(PatnetInputError, match=match):
        assign_fields(corpus, bad)


def test_assign_bad_options(corpus):
    with pytest.raises(PatnetInputError, match="did you mean 'wipo_field'"):
        assign_fields(corpus, "wipo_fields")
    with pytest.raises(PatnetInputError, match="unknown counting 'fractinal'.*did you mean"):
        assign_fields(corpus, counting="fractinal")
    with pytest.raises(PatnetInputError, match="unknown scheme"):
        assign_fields(corpus, scheme="ipcr")
    with pytest.raises(PatnetInputError, match="level must be"):
        assign_fields(corpus, 3)
    with pytest.raises(PatnetInputError, match="takes a PatentCorpus"):
        assign_fields(corpus.classes)
    with pytest.raises(PatnetInputError, match="cannot give level 'section'"):
        assign_fields(corpus, "section", scheme="wipo")
    assert set(LEVELS) == {"section", "class", "subclass", "wipo_field", "wipo_sector"}
    assert COUNTINGS == ("whole", "fractional")


def test_assign_other_schemes():
    import patnet as pn
    patents = pd.DataFrame({"patent_id": ["1", "2", "3"]})
    classes = pd.DataFrame({
        "patent_id": ["1", "1", "2", "2", "3"],
        "scheme": ["cpc", "cpc", "wipo", "wipo", "ipc"],
        "code": ["Y02E 10/50", "H01L 31/04", "8", "03", "G06F 3/01"],
        "is_main": [True, False, True, False, True],
    })
    c = pn.PatentCorpus(patents=patents, classes=classes)
    cpc = assign_fields(c, "section", scheme="cpc")
    assert _rows(cpc) == [("1", "H", 1.0), ("1", "Y", 1.0), ("2", None, 1.0), ("3", None, 1.0)]
    cpc_w = assign_fields(c, "wipo_field", scheme="cpc")
    assert cpc_w.dropna()["field"].tolist() == ["8"]
    assert cpc_w.attrs["unmapped_reasons"] == {"no matching prefix in the table": 1}
    w = assign_fields(c, "wipo_field", scheme="wipo", counting="fractional")
    assert _rows(w) == [("1", None, 1.0), ("2", "3", 0.5), ("2", "8", 0.5), ("3", None, 1.0)]
    ws = assign_fields(c, "wipo_sector", scheme="wipo", counting="fractional")
    assert _rows(ws)[1] == ("2", "Electrical engineering", 1.0)
    assert _rows(assign_fields(c, "wipo_field"))[2] == ("3", "6", 1.0)


def test_assign_empty_corpus_and_duplicates():
    import patnet as pn
    empty = pn.PatentCorpus()
    out = assign_fields(empty, "wipo_field", counting="fractional")
    assert len(out) == 0 and list(out.columns) == ["patent_id", "field", "weight"]
    assert out.attrs["n_patents"] == 0
    c = make_corpus({"1": ["CN"]}, classes={"1": ["H01L 21/02", "H01L21/02", "H01L 2102"]})
    assert _rows(assign_fields(c, "wipo_field", counting="fractional")) == [("1", "8", 1.0)]


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

@st.composite
def ipc_parts(draw, max_main_group=9999):
    section = draw(st.sampled_from("ABCDEFGH"))
    cls = draw(st.integers(1, 99))
    sub = draw(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    mg = draw(st.integers(1, max_main_group))
    sg = draw(st.text(alphabet="0123456789", min_size=2, max_size=4))
    sg = sg[:2] + sg[2:].rstrip("0")
    return section, f"{cls:02d}", sub, mg, sg


@settings(max_examples=200, deadline=None)
@given(ipc_parts(max_main_group=999))
def test_every_form_gives_the_same_code(parts):
    sec, cls, sub, mg, sg = parts
    canonical = f"{sec}{cls}{sub} {mg}/{sg}"
    forms = [
        canonical,
        f"{sec}{cls}{sub}{mg}/{sg}",
        f"{sec}{cls}{sub} {mg:4d}/{sg}",
        f"{sec}{cls}{sub}{mg:03d}/{sg}",
        f"{sec}{cls}{sub}{mg:04d}{sg.ljust(6, '0')}",
        f"{sec}{cls}{sub}{mg:3d}{sg}",
        f" {canonical.lower()} (2006.01)",
    ]
    assert [normalize_code(f) for f in forms] == [canonical] * len(forms)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=30),
                 st.text(alphabet="ABCDEFGHXYZ0123456789 /%()-.", max_size=20),
                 ipc_parts().map(lambda p: f"{p[0]}{p[1]}{p[2]} {p[3]}/{p[4]}")))
def test_normalisation_is_idempotent(text):
    once = normalize_code(text)
    assert once is None or normalize_code(once) == once
    cpc = normalize_code(text, scheme="cpc")
    assert cpc is None or normalize_code(cpc, scheme="cpc") == cpc
    if once is not None:
        assert cpc == once


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=15),
                          st.sampled_from(["H01L 21/02", "A61K", "A45F  504", "A61K 8/97"])),
                max_size=25))
def test_random_input_never_raises(values):
    t = ipc(pd.Series(values, dtype=object))
    assert len(t) == len(values)
    assert (t["valid"] == t["code"].notna()).all()
    assert t.loc[~t["valid"], "wipo_reason"].notna().all()
    normalize_codes(values)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["H01L 21/02", "A61K", "x", None, "A45F  504", "G06F015/16",
                                 "A61K 8/97", "H10K 50/00", "C07C24900"]), min_size=1, max_size=20),
       st.randoms(use_true_random=False))
def test_ipc_is_order_free(values, rnd):
    order = list(range(len(values)))
    rnd.shuffle(order)
    a = ipc(pd.Series(values, dtype=object)).iloc[order].reset_index(drop=True)
    b = ipc(pd.Series([values[i] for i in order], dtype=object))
    pd.testing.assert_frame_equal(a, b)


CODES = ["H01L 21/02", "G06F 3/01", "A61K 8/97", "A61K 31/40", "A61K", "C22C 38/00",
         "B60K 1/02", "F21V 8/00", "H04N 1/00", "H04N 5/225", "junk", "G01N 33/48", "H10K 50/00"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.text(alphabet="0123456789", min_size=1, max_size=3),
                       st.lists(st.sampled_from(CODES), max_size=5), min_size=1, max_size=8),
       st.sampled_from(["section", "class", "wipo_field", "wipo_sector", "map"]),
       st.booleans())
def test_fractional_weights_sum_to_one(classes, level, main_only):
    corpus = make_corpus({p: ["CN"] for p in classes}, classes=classes)
    if level == "map":
        level = STUDY1_TABLE4
    frac = assign_fields(corpus, level, counting="fractional", main_only=main_only)
    whole = assign_fields(corpus, level, counting="whole", main_only=main_only)
    # every patent is there, with fractional weights summing to 1 (unclassified: one NA row)
    sums = frac.groupby("patent_id")["weight"].sum()
    assert sorted(sums.index) == sorted(classes)
    assert all(math.isclose(v, 1.0) for v in sums)
    assert frac.attrs["unclassified"] == int(frac["field"].isna().sum())
    # same rows under both countings; whole weights are 1 for each distinct field
    pd.testing.assert_frame_equal(frac[["patent_id", "field"]], whole[["patent_id", "field"]])
    assert (whole["weight"] == 1.0).all()
    assert not frac.duplicated(["patent_id", "field"]).any()
    k = frac.groupby("patent_id")["field"].transform("size")
    assert np.allclose(frac["weight"], 1.0 / k)
