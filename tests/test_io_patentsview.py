"""read_patentsview: real sample, zips, filters, cache, bad input and round trips."""

from __future__ import annotations

import os
import shutil
import time
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet.exceptions import PatnetInputError, PatnetWarning
from patnet.ids import normalize_patent_ids
from patnet.io.patentsview import PATENTSVIEW_COLUMNS

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE = SHARED / "data" / "uspto-grant-samples"
DATA = Path(__file__).resolve().parent / "data" / "patentsview"
TABLES = ("patents", "inventors", "applicants", "classes")


def sample_dir() -> Path:
    folder = SAMPLE / "patentsview_format"
    if not folder.is_dir():
        pytest.skip(f"reference data {folder} not found (the shared folder sits beside the "
                    "repository)")
    return folder


def assert_same_corpus(a, b):
    for t in TABLES:
        pd.testing.assert_frame_equal(getattr(a, t), getattr(b, t))


def report_state(r):
    return (r.source, dict(r.rows_read), dict(r.rows_loaded), dict(r.normalisations),
            list(r.warnings), {k: v for k, v in r.options.items() if k != "cache"})


def load(folder, **kw):
    kw.setdefault("cache", False)
    return pn.io.read_patentsview(folder, **kw)


@pytest.fixture(scope="module")
def real():
    return load(sample_dir())


def flat(name):
    df = pd.read_csv(SAMPLE / "flat" / name, dtype=str, keep_default_na=False)
    df["patent_id"] = normalize_patent_ids(df["patent_number"])[0]
    return df


# -- the 483 real grants ---------------------------------------------------------------------
def test_real_sample_loads_and_conserves(real):
    corpus, report = real
    assert report.conserved
    report.check()
    assert corpus.n_patents == 483
    assert report.rows_read == {"patents": 483, "inventors": 1016, "applicants": 410,
                                "classes": 500, "g_application": 483,
                                "g_location_not_disambiguated": 765}
    assert report.rows_dropped == {}
    assert report.options["files"]["inventors"] == "g_inventor_not_disambiguated.tsv"
    assert report.options["cache"] == "off"
    assert set(corpus.classes["scheme"]) == {"ipc", "cpc"}


def test_real_sample_matches_flat_csvs(real):
    corpus, _ = real
    fp, fi, fa = flat("patents.csv"), flat("inventors.csv"), flat("assignees.csv")
    assert sorted(corpus.patents["patent_id"]) == sorted(fp["patent_id"])
    got = corpus.patents.set_index("patent_id")["application_id"].sort_index()
    want = fp.set_index("patent_id")["application_number"].sort_index()
    assert (got == want).all()
    n_inv = corpus.inventors.groupby("patent_id").size()
    assert n_inv.sort_index().equals(fi.groupby("patent_id").size().sort_index())

    def per_patent(df, col):
        return {k: sorted(set(v)) for k, v in df.groupby("patent_id")[col]}

    assert per_patent(corpus.inventors, "country") == per_patent(fi, "country")
    names = corpus.applicants.assign(name=corpus.applicants["name"].fillna(""))
    want = fa.assign(name=np.where(fa["orgname"] != "", fa["orgname"],
                                   (fa["last_name"] + ", " + fa["first_name"]).str.strip(", ")))
    assert {k: sorted(v) for k, v in names.groupby("patent_id")["name"]} == {
        k: sorted(v) for k, v in want.groupby("patent_id")["name"]}


def test_real_sample_values(real):
    corpus, _ = real
    p = corpus.patents.set_index("patent_id")
    assert p.loc["6836899", "grant_date"] == pd.Timestamp("2005-01-04")
    assert p.loc["6836899", "filing_date"] == pd.Timestamp("2003-01-09")
    assert p.loc["6836899", "year"] == 2005
    inv = corpus.inventors[corpus.inventors["patent_id"] == "6836899"]
    assert inv[["name", "city", "state", "country"]].values.tolist() == [
        ["Glasmire, Samuel G.", "Bath", "PA", "US"]]
    ipc = corpus.classes[(corpus.classes["patent_id"] == "6836899")]
    assert ipc[["scheme", "code", "is_main"]].values.tolist() == [["ipc", "A45F 5/04", True]]
    cpc = corpus.classes[(corpus.classes["patent_id"] == "8926509")
                         & (corpus.classes["scheme"] == "cpc")]
    assert cpc["code"].tolist()[:2] == ["A61B 5/0205", "A61B 5/0024"]
    a = corpus.applicants.set_index("patent_id")
    assert a.loc["6837063", "name"] == "Dell Products L.P."
    assert a.loc["6837063", "type_code"] == "2"


def _zip_folder(src: Path, dst: Path, junk=False):
    dst.mkdir()
    for f in src.glob("g_*.tsv"):
        with zipfile.ZipFile(dst / (f.name + ".zip"), "w", zipfile.ZIP_DEFLATED) as z:
            z.write(f, f.name)
            if junk:
                z.writestr(f"__MACOSX/._{f.name}", b"junk")
    return dst


def test_zipped_copy_loads_identically(real, tmp_path):
    corpus, report = real
    z = _zip_folder(sample_dir(), tmp_path / "zipped")
    zc, zr = load(z)
    assert_same_corpus(corpus, zc)
    assert zr.rows_read == report.rows_read and zr.conserved
    assert zr.options["files"]["patents"] == "g_patent.tsv.zip:g_patent.tsv"
    # one archive holding every table works too
    with zipfile.ZipFile(tmp_path / "all.zip", "w") as zf:
        for f in sample_dir().glob("g_*.tsv"):
            zf.write(f, "download/" + f.name)
    ac, _ = load(tmp_path / "all.zip")
    assert_same_corpus(corpus, ac)


def test_zip_junk_members_are_skipped_with_a_warning(real, tmp_path):
    z = _zip_folder(sample_dir(), tmp_path / "junk", junk=True)
    with pytest.warns(PatnetWarning, match="junk member"):
        zc, zr = load(z)
    assert_same_corpus(real[0], zc)
    assert any("junk member" in w for w in zr.warnings)


def test_missing_g_patent_is_a_clear_error(tmp_path):
    shutil.copy(sample_dir() / "g_inventor_not_disambiguated.tsv", tmp_path)
    with pytest.raises(PatnetInputError, match="no g_patent table") as e:
        load(tmp_path)
    assert "g_inventor_not_disambiguated" in str(e.value)
    with pytest.raises(PatnetInputError, match="folder not found"):
        load(tmp_path / "nope")


def test_optional_tables_missing_is_fine(tmp_path):
    shutil.copy(sample_dir() / "g_patent.tsv", tmp_path)
    corpus, report = load(tmp_path)
    assert corpus.n_patents == 483 and len(corpus.inventors) == 0
    assert report.options["missing_tables"] == ["application", "inventors", "applicants",
                                                "classes"]
    assert corpus.patents["filing_date"].isna().all()
    shutil.copy(sample_dir() / "g_inventor_not_disambiguated.tsv", tmp_path)
    with pytest.warns(PatnetWarning, match="no g_location_not_disambiguated table"):
        corpus, report = load(tmp_path)
    assert len(corpus.inventors) == 1016 and corpus.inventors["country"].isna().all()


def test_tables_option_and_unknown_options(real):
    corpus, report = load(sample_dir(), tables=["inventors"])
    assert len(corpus.inventors) == 1016 and len(corpus.classes) == 0
    assert len(corpus.applicants) == 0 and corpus.patents["filing_date"].isna().all()
    assert set(report.rows_read) == {"patents", "inventors", "g_location_not_disambiguated"}
    with pytest.raises(PatnetInputError, match="did you mean 'inventors'"):
        load(sample_dir(), tables=["inventor"])
    with pytest.raises(PatnetInputError, match="unknown date_basis"):
        load(sample_dir(), date_basis="priority")
    with pytest.raises(PatnetInputError, match="unknown errors"):
        load(sample_dir(), errors="ignore")
    with pytest.raises(PatnetInputError, match="disambiguated=True"):
        load(sample_dir(), disambiguated=True)


# -- filters -------------------------------------------------------------------------------------
@pytest.mark.parametrize("kw", [
    dict(years=(2008, 2012)),
    dict(years=(2008, 2012), date_basis="filing"),
    dict(years=(None, 2006)),
    dict(countries=["CN", " jp"]),
    dict(years=(2010, None), countries="TW"),
])
def test_filters_equal_loading_everything_then_filtering(real, kw):
    full = real[0]
    corpus, report = load(sample_dir(), **kw)
    expected = full if kw.get("date_basis", "grant") == "grant" else full.with_date_basis("filing")
    if "years" in kw:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PatnetWarning)
            expected = expected.filter_years(*kw["years"])
    if "countries" in kw:
        cc = [kw["countries"]] if isinstance(kw["countries"], str) else kw["countries"]
        expected = expected.filter_countries([c.strip().upper() for c in cc])
    assert_same_corpus(corpus, expected)
    assert report.conserved
    assert report.rows_read == real[1].rows_read
    d = report.dropped
    filt = d[d["reason"].str.startswith(("outside years", "no inventor in", "no filing date",
                                         "no grant date"))]
    assert filt["line"].isna().all()
    # one summary line per table, reason and file
    assert not filt.duplicated(["table", "reason", "file"]).any()
    assert corpus.n_patents < 483


def test_filter_summary_counts(real):
    corpus, report = load(sample_dir(), years=(2008, 2012))
    d = report.dropped.set_index(["table", "file"])
    assert d.loc[("patents", "g_patent.tsv"), "reason"] == "outside years 2008-2012"
    assert d.loc[("patents", "g_patent.tsv"), "count"] == 483 - corpus.n_patents
    assert d.loc[("inventors", "g_inventor_not_disambiguated.tsv"), "count"] == (
        1016 - len(corpus.inventors))


def test_countries_filter_needs_locations(tmp_path):
    for f in ("g_patent.tsv", "g_inventor_not_disambiguated.tsv"):
        shutil.copy(sample_dir() / f, tmp_path)
    with pytest.raises(PatnetInputError, match="countries=.*g_location_not_disambiguated"):
        load(tmp_path, countries=["CN"])


# -- cache -------------------------------------------------------------------------------------------
def test_cache_hit_miss_invalidation_and_corruption(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(sample_dir(), folder)
    cache = tmp_path / "cache"
    c1, r1 = pn.io.read_patentsview(folder, cache_dir=cache)
    assert r1.options["cache"] == "miss"
    entries = list(cache.iterdir())
    assert len(entries) == 1 and not any(p.name.startswith(".tmp") for p in entries)
    meta = pq.ParquetFile(entries[0] / "inventors.parquet").metadata.row_group(0)
    assert {meta.column(i).compression for i in range(meta.num_columns)} == {"LZ4"}
    c2, r2 = pn.io.read_patentsview(folder, cache_dir=cache)
    assert r2.options["cache"] == "hit"
    assert_same_corpus(c1, c2)
    assert report_state(r1) == report_state(r2)
    pd.testing.assert_frame_equal(r1.dropped, r2.dropped)
    for t in TABLES:
        assert [str(x) for x in getattr(c1, t).dtypes] == [str(x) for x in getattr(c2, t).dtypes]
    # touching a file invalidates
    f = folder / "g_ipc_at_issue.tsv"
    st_ = f.stat()
    os.utime(f, ns=(st_.st_atime_ns, st_.st_mtime_ns + 10**9))
    _, r3 = pn.io.read_patentsview(folder, cache_dir=cache)
    assert r3.options["cache"] == "miss"
    # modifying a file invalidates (and the change shows)
    with open(folder / "g_patent.tsv", "a") as fh:
        fh.write("9999999\tutility\t2020-01-07\tNew\t\tB1\t1\t0\tx\n")
    c4, r4 = pn.io.read_patentsview(folder, cache_dir=cache)
    assert r4.options["cache"] == "miss" and c4.n_patents == 484
    # a corrupted part is rebuilt, never half-used
    c5, r5 = pn.io.read_patentsview(folder, cache_dir=cache)
    assert r5.options["cache"] == "hit"
    entry = max(cache.glob("corpus-*"), key=lambda p: p.stat().st_mtime)
    part = entry / "inventors.parquet"
    part.write_bytes(part.read_bytes()[:100])
    c6, r6 = pn.io.read_patentsview(folder, cache_dir=cache)
    assert r6.options["cache"] == "miss"
    assert_same_corpus(c4, c6)
    _, r7 = pn.io.read_patentsview(folder, cache_dir=cache)
    assert r7.options["cache"] == "hit"
    # an entry without its manifest (an interrupted write) is a miss too
    (entry / "manifest.json").unlink()
    _, r8 = pn.io.read_patentsview(folder, cache_dir=cache)
    assert r8.options["cache"] == "miss"
    # options are part of the key
    _, r9 = pn.io.read_patentsview(folder, cache_dir=cache, years=(2008, 2012))
    assert r9.options["cache"] == "miss"


def test_cache_hit_repeats_the_warnings(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA / "messy", folder)
    with pytest.warns(PatnetWarning) as first:
        c1, r1 = pn.io.read_patentsview(folder, cache_dir=tmp_path / "c")
    with pytest.warns(PatnetWarning) as second:
        c2, r2 = pn.io.read_patentsview(folder, cache_dir=tmp_path / "c")
    assert [str(w.message) for w in first] == [str(w.message) for w in second]
    assert len(first) == 3
    assert r2.options["cache"] == "hit"
    assert report_state(r1) == report_state(r2)
    assert_same_corpus(c1, c2)


def test_default_cache_dir(tmp_path):
    from patnet.io._cache import default_cache_dir

    assert default_cache_dir(tmp_path) == tmp_path / ".patnet-cache"
    if os.access(SAMPLE, os.W_OK) is False:
        assert ".patnet-cache" not in str(default_cache_dir(sample_dir()))


# -- bad input -------------------------------------------------------------------------------------------
MESSY_DROPS = [
    ["patents", "repeated header", "g_patent.tsv", 9, None, 1],
    ["g_application", "orphan: patent not in g_patent", "g_application.tsv", 6, "patent_id", 1],
    ["g_location_disambiguated", "not used by a loaded inventor or assignee row",
     "g_location_disambiguated.tsv", None, None, 1],
    ["g_location_disambiguated", "duplicate row", "g_location_disambiguated.tsv", 8,
     "location_id", 1],
    ["g_location_disambiguated",
     "conflicting duplicate: location id with other values (kept the most complete)",
     "g_location_disambiguated.tsv", 7, "location_id", 1],
    ["patents", "duplicate row", "g_patent.tsv", 7, "patent_id", 1],
    ["patents", "conflicting duplicate: kept the most complete record", "g_patent.tsv", 6,
     "title", 1],
    ["inventors", "orphan: patent not in the patents table", "g_inventor_disambiguated.tsv", 8,
     "patent_id", 1],
    ["inventors", "duplicate row", "g_inventor_disambiguated.tsv", 4, "patent_id", 1],
]


def _messy(errors):
    with pytest.warns(PatnetWarning) as rec:
        corpus, report = load(DATA / "messy", errors=errors)
    return corpus, report, sorted(str(w.message) for w in rec)


@pytest.mark.parametrize("errors", ["raise", "report"])
def test_messy_folder_exact_behaviour(errors):
    corpus, report, warned = _messy(errors)
    assert report.conserved
    d = report.dropped.astype(object).where(report.dropped.notna(), None)
    assert d[["table", "reason", "file", "line", "column", "count"]].values.tolist() == MESSY_DROPS
    assert warned == [
        "g_location_disambiguated: 1 location id(s) repeat with different values; kept the "
        "most complete (see report.dropped)",
        "inventors: 1 row(s) name a location_id that is not in g_location_disambiguated; their "
        "city, state and country are missing",
        "patents: 1 row(s) repeat a key with different values; kept the most complete record "
        "of each (see report.dropped)",
    ]
    assert dict(report.normalisations) == {
        "patents: blank line skipped": 1,
        "patents.patent_id: leading zeros": 1,
        "patents.grant_date: date in compact format": 1,
        "patents.grant_date: date in us m/d/y format": 1,
        "patents.grant_date: date in slash ymd format": 1,
        "g_application.filing_date: placeholder read as missing": 1,
        "g_application.filing_date: date in compact format": 1,
        "inventors.patent_id: leading zeros": 1,
        "inventors.name: placeholder read as missing": 1,
        "inventors.sequence: float form such as '2.0' read as integer": 1,
        "applicants.type_code: float form such as '2.0' written as an integer": 1,
        "classes.code: WIPO field written as float ('2.0') read as '2'": 1,
        "classes.code: written in canonical form": 2,
    }
    p = corpus.patents.set_index("patent_id")
    assert list(p.index) == ["10000001", "10000002", "10000003", "10000005", "D800001"]
    assert p["grant_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2018-06-19", "2018-06-19", "2019-01-01", "2020-03-03", "2018-06-19"]
    assert p.loc["10000003", "title"] == "Thing"
    assert pd.isna(p.loc["10000003", "filing_date"])
    assert p.loc["D800001", "application_id"] == "29000003"
    inv = corpus.inventors
    assert inv[["patent_id", "sequence", "name", "city", "country"]].astype(object).where(
        inv[["patent_id", "sequence", "name", "city", "country"]].notna(), None
    ).values.tolist() == [
        ["10000001", 0, "Smith, John", "Boston", "US"],
        ["10000001", 1, "Wang, Wei", "Beijing", "CN"],
        ["10000002", 2, "Kowalski, Anna", "Warsaw", "PL"],
        ["10000003", 0, "Tanaka", "Tokyo", "JP"],
        ["10000005", 0, "Chen, Li", None, None],
        ["D800001", 0, "Li, Na", "Windhoek", "NA"],
    ]
    app = corpus.applicants
    assert app[["name", "type_code", "country"]].values.tolist() == [
        ["Acme Corp", "2", "US"], ["Doe, Jane", "4", "PL"], ["Tsinghua University", "3", "CN"]]
    cls = corpus.classes
    assert cls[["patent_id", "scheme", "code", "is_main"]].values.tolist() == [
        ["10000001", "cpc", "H01L 21/02", True], ["10000001", "ipc", "H01L 21/02", True],
        ["10000001", "wipo", "8", True], ["10000001", "ipc", "G06F 17/30", False],
        ["10000002", "cpc", "A61B 5/0205", True], ["10000002", "ipc", "A61B 5/0205", True],
        ["10000002", "wipo", "13", True],
    ]


def _all_locations_used(tmp_path):
    """The messy folder without its one location row no loaded row uses."""
    folder = tmp_path / "messy"
    shutil.copytree(DATA / "messy", folder)
    f = folder / "g_location_disambiguated.tsv"
    f.write_text("".join(ln for ln in f.read_text().splitlines(keepends=True)
                         if not ln.startswith("loc9\t")))
    return folder


@pytest.mark.parametrize("at_once", [False, True])
def test_location_table_every_key_used(tmp_path, monkeypatch, at_once):
    # every key used: the rows resolved for the join are reported as they are (no second
    # pass), with the same drops, lines and warnings as when some key is not used
    import patnet.io.patentsview as pv

    if at_once:  # joined once after the people tables are read, as a large table is
        monkeypatch.setattr(pv, "_JOIN_AT_ONCE", 0)
    with pytest.warns(PatnetWarning) as rec:
        corpus, report = load(_all_locations_used(tmp_path), errors="report")
    assert report.conserved
    d = report.dropped.astype(object).where(report.dropped.notna(), None)
    assert d[["table", "reason", "file", "line", "column", "count"]].values.tolist() == [
        row for row in MESSY_DROPS if row[1] != "not used by a loaded inventor or assignee row"]
    assert sorted(str(w.message) for w in rec) == _messy("report")[2]
    assert report.rows_read["g_location_disambiguated"] == 7
    assert report.rows_loaded["g_location_disambiguated"] == 5
    messy = _messy("report")[0]
    for t in ("patents", "inventors", "applicants", "classes"):
        pd.testing.assert_frame_equal(getattr(corpus, t), getattr(messy, t))


@pytest.mark.parametrize("at_once", [False, True])
def test_join_uses_the_kept_row_of_a_repeated_location(tmp_path, monkeypatch, at_once):
    # loc5 twice, "Tokyo-to" first: the rule keeps "Tokyo" (as complete, smaller), and the
    # inventor at loc5 must get the row kept, not the first row of its key
    import patnet.io.patentsview as pv

    if at_once:
        monkeypatch.setattr(pv, "_JOIN_AT_ONCE", 0)
    folder = tmp_path / "messy"
    shutil.copytree(DATA / "messy", folder)
    f = folder / "g_location_disambiguated.tsv"
    lines = f.read_text().splitlines(keepends=True)
    tokyo = [ln for ln in lines if ln.startswith("loc5\t")]
    assert [ln.split("\t")[1] for ln in tokyo] == ["Tokyo", "Tokyo-to"]
    f.write_text("".join(ln for ln in lines if ln not in tokyo) + "".join(tokyo[::-1]))
    with pytest.warns(PatnetWarning):
        corpus, report = load(folder, errors="report")
    inv = corpus.inventors.set_index("name")
    assert inv.loc["Tanaka", "city"] == "Tokyo"
    d = report.dropped
    conflict = d[(d["table"] == "g_location_disambiguated")
                 & d["reason"].str.startswith("conflicting duplicate")]
    assert conflict["value"].tolist() == ["loc5: Tokyo-to, <NA>, JP (kept Tokyo, <NA>, JP)"]


@pytest.mark.parametrize("filtered", [False, True])
def test_large_location_table_joined_at_once(monkeypatch, filtered):
    # a location table with more keys than a chunk holds is joined once, after the people
    # table is read: the same corpus and report as the join chunk by chunk
    import patnet.io.patentsview as pv

    kw = {"years": (2008, 2012)} if filtered else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PatnetWarning)
        c1, r1 = load(sample_dir(), disambiguated=False, **kw)
        monkeypatch.setattr(pv, "_JOIN_AT_ONCE", 0)
        c2, r2 = load(sample_dir(), disambiguated=False, **kw)
    assert c1.inventors["city"].notna().any()
    assert_same_corpus(c1, c2)
    assert report_state(r1) == report_state(r2)


def _resolve_reference(df, key, vals):
    """The rule in plain Python, row by row: values stripped (empty read as missing); per
    key, the row with the fewest missing values, then the smallest values (missing below
    any text), then the first. Returns the kept rows in input order."""
    def value(v):
        v = None if v is None or v is pd.NA else str(v).strip()
        return v or None

    best = {}
    for i, row in enumerate(df.itertuples(index=False)):
        values = tuple(value(getattr(row, c)) for c in vals)
        k = getattr(row, key)
        k = None if k is None or k is pd.NA else k
        rank = (sum(v is None for v in values), [("", "") if v is None else (v,) for v in values],
                i)
        if k not in best or rank < best[k][0]:
            best[k] = (rank, values)
    kept = sorted((rank[2], values) for rank, values in best.values())
    out = df.iloc[[i for i, _ in kept]].reset_index(drop=True)
    for j, c in enumerate(vals):
        out[c] = pd.array([values[j] for _, values in kept], dtype="string[pyarrow]")
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", " a", "", None]),
                          st.sampled_from(["X", " X", "", None, "Y"]),
                          st.sampled_from(["US", "CN", " ", None])), max_size=14))
def test_location_rows_match_the_plain_rule(rows):
    from patnet.io.loadreport import LoadReport
    from patnet.io.patentsview import _location_rows

    table = "g_location_disambiguated"
    vals = ["disambig_city", "disambig_state", "disambig_country"]
    df = pd.DataFrame({
        "location_id": pd.array([r[0] for r in rows], dtype="string[pyarrow]"),
        "disambig_city": pd.array([r[1] for r in rows], dtype="string[pyarrow]"),
        "disambig_state": pd.array([r[1] for r in rows[::-1]], dtype="string[pyarrow]"),
        "disambig_country": pd.array([r[2] for r in rows], dtype="string[pyarrow]"),
        "_line": np.arange(2, len(rows) + 2),
    })
    report = LoadReport("x")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PatnetWarning)
        cleaned, kept = _location_rows(df, table, report)
        got = cleaned[kept].reset_index(drop=True)
    want = _resolve_reference(df, "location_id", vals)
    assert got["_line"].tolist() == want["_line"].tolist()
    pd.testing.assert_frame_equal(got[vals].astype(object), want[vals].astype(object))
    # every row is either kept or recorded as dropped, once
    dropped = report.dropped
    assert sorted(dropped["line"].tolist() + got["_line"].tolist()) == df["_line"].tolist()


def test_rounded_patent_id():
    with pytest.warns(PatnetWarning, match="no g_location_disambiguated"):
        with pytest.raises(PatnetInputError, match="unreadable patent number") as e:
            load(DATA / "excel_ids")
    assert (e.value.file, e.value.line, e.value.value) == (
        "g_inventor_disambiguated.tsv", 3, "1.23457E+12")
    with pytest.warns(PatnetWarning, match="no g_location_disambiguated"):
        corpus, report = load(DATA / "excel_ids", errors="report")
    assert report.dropped[["table", "reason", "line", "value"]].values.tolist() == [
        ["inventors", "unreadable patent id", 3, "1.23457E+12"]]
    assert corpus.inventors["patent_id"].tolist() == ["1234567", "1234568"]
    assert report.conserved


def test_row_with_too_few_fields():
    with pytest.raises(PatnetInputError, match="4 fields, the header 7") as e:
        load(DATA / "bad_rows")
    assert (e.value.file, e.value.line) == ("g_inventor_disambiguated.tsv", 3)
    with pytest.warns(PatnetWarning, match="no g_location_disambiguated"):
        corpus, report = load(DATA / "bad_rows", errors="report")
    assert report.dropped[["table", "reason", "line", "value"]].values.tolist() == [
        ["inventors", "too few fields", 3, "1234567\t1\ti2\tC"]]
    assert report.rows_read["inventors"] == 3 and report.conserved


def test_empty_table_file_is_an_error(tmp_path):
    shutil.copy(sample_dir() / "g_patent.tsv", tmp_path)
    (tmp_path / "g_ipc_at_issue.tsv").write_bytes(b"")
    with pytest.raises(PatnetInputError, match="empty") as e:
        load(tmp_path)
    assert e.value.file == "g_ipc_at_issue.tsv"


def test_gb18030_table(tmp_path):
    shutil.copy(sample_dir() / "g_patent.tsv", tmp_path)
    head = "\t".join(PATENTSVIEW_COLUMNS["g_location_not_disambiguated"])
    (tmp_path / "g_inventor_not_disambiguated.tsv").write_text(
        "\t".join(PATENTSVIEW_COLUMNS["g_inventor_not_disambiguated"]) + "\n"
        "6836899\t0\tr1\t小明\t王\t\trl1\n", encoding="gb18030")
    (tmp_path / "g_location_not_disambiguated.tsv").write_text(head + "\nrl1\t\tX\t\tCN\n")
    with pytest.raises(PatnetInputError, match="gb18030") as e:
        load(tmp_path)
    assert (e.value.file, e.value.line) == ("g_inventor_not_disambiguated.tsv", 2)


# -- properties -------------------------------------------------------------------------------------------
def _copy_small(dst: Path, n_patents=40):
    """The first patents of the real sample with their rows in every table."""
    dst.mkdir(parents=True, exist_ok=True)
    src = sample_dir()
    pat = pd.read_csv(src / "g_patent.tsv", sep="\t", dtype=str, keep_default_na=False)
    keep = set(pat["patent_id"][:n_patents])
    for f in src.glob("g_*.tsv"):
        df = pd.read_csv(f, sep="\t", dtype=str, keep_default_na=False)
        if "patent_id" in df.columns:
            df = df[df["patent_id"].isin(keep)]
        df.to_csv(dst / f.name, sep="\t", index=False)
    return dst


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), junk=st.binary(min_size=1, max_size=40),
       table=st.sampled_from(["g_patent", "g_inventor_not_disambiguated", "g_ipc_at_issue",
                              "g_location_not_disambiguated", "g_application"]),
       errors=st.sampled_from(["raise", "report"]))
def test_random_bytes_give_a_conserving_report_or_a_clear_error(tmp_path_factory, seed, junk,
                                                                  table, errors):
    folder = _copy_small(tmp_path_factory.mktemp("pv"), 15)
    f = folder / f"{table}.tsv"
    data = f.read_bytes()
    pos = np.random.default_rng(seed).integers(0, len(data) + 1)
    f.write_bytes(data[:pos] + junk + data[pos:])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PatnetWarning)
            corpus, report = load(folder, errors=errors)
    except PatnetInputError:
        return
    assert report.conserved


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1))
def test_shuffled_rows_give_identical_tables(tmp_path_factory, seed):
    base = tmp_path_factory.mktemp("base")
    _copy_small(base, 40)
    shuffled = tmp_path_factory.mktemp("shuffled")
    rng = np.random.default_rng(seed)
    for f in base.glob("g_*.tsv"):
        lines = f.read_text().splitlines(keepends=True)
        body = lines[1:]
        order = rng.permutation(len(body))
        (shuffled / f.name).write_text(lines[0] + "".join(body[i] for i in order))
    a, ra = load(base)
    b, rb = load(shuffled)
    assert_same_corpus(a, b)
    assert ra.rows_read == rb.rows_read and rb.conserved


# -- round trip through the writer ---------------------------------------------------------------------------
@pytest.mark.parametrize("zipped,disambiguated", [(True, True), (False, False)])
def test_round_trip_synthetic(tmp_path, zipped, disambiguated):
    writers = pytest.importorskip("patnet.datasets.writers")
    synthetic = pytest.importorskip("patnet.datasets.synthetic")
    corpus = synthetic.synthetic_corpus(300, seed=7)
    writers.write_patentsview(corpus, tmp_path, zipped=zipped, disambiguated=disambiguated)
    back, report = load(tmp_path)
    assert report.conserved and report.rows_dropped == {}
    assert sorted(back.patents["patent_id"]) == sorted(corpus.patents["patent_id"])
    n = corpus.inventors.groupby("patent_id").size().sort_index()
    assert back.inventors.groupby("patent_id").size().sort_index().equals(n)

    def countries(c, col="country"):
        return {k: sorted(set(v.dropna().str.upper()))
                for k, v in c.inventors.groupby("patent_id")[col]}

    # the not-disambiguated tables carry the country as written (Hong Kong may be "CN")
    assert countries(back) == countries(corpus, "country" if disambiguated else "country_raw")
    filtered, fr = load(tmp_path, years=(2005, 2010), countries=["CN"])
    expected = back.filter_years(2005, 2010).filter_countries(["CN"])
    assert_same_corpus(filtered, expected)
    assert fr.conserved


def test_progress_bar_is_optional(tmp_path, capsys):
    corpus, _ = load(sample_dir(), progress=True)
    assert corpus.n_patents == 483
    assert "PatentsView" in capsys.readouterr().err
    t = time.perf_counter()
    load(sample_dir(), progress=False)
    assert time.perf_counter() - t < 30


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(*[st.one_of(st.none(), st.sampled_from(v)) for v in (
    ["H", "h", " G", "", "Z"], ["1", "01", "H01", "", "7"], ["L", "H01L", "l ", ""],
    ["21", "021", "H01L21", "", "0", " 5"], ["02", "2", "21/02", "", "/", "100"])]), max_size=12))
def test_format_ipc_once_per_distinct_parts_equals_row_by_row(rows):
    from patnet.io._clean import _format_ipc_rows, format_ipc

    cols = [pd.Series([r[i] for r in rows], dtype="string") for i in range(5)]
    assert format_ipc(*cols).tolist() == _format_ipc_rows(*cols).tolist()


def test_format_ipc_with_too_many_combinations_for_one_integer_key():
    from patnet.io._clean import _format_ipc_rows, format_ipc

    # 6,000 distinct values in each part: their combinations overflow 62 bits, so the key is
    # compacted on the way; every row is still its own combination
    n = 6000
    cols = [pd.Series([f"{i}{j}" for j in range(n)], dtype="string") for i in range(5)]
    cols[0] = pd.Series([f"{'H' if j % 2 else 'G'}{j}" for j in range(n)], dtype="string")
    assert format_ipc(*cols).tolist() == _format_ipc_rows(*cols).tolist()
    cols[0] = pd.Series(["H"] * n, dtype="string")
    cols[1] = pd.Series(["1"] * n, dtype="string")
    cols[2] = pd.Series(["L"] * n, dtype="string")
    got = format_ipc(*cols)
    assert got.tolist() == _format_ipc_rows(*cols).tolist() and got.nunique() == n


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["0", "00", "-0", "+0", "1", "007", "2.0", "0.00",
                                                      " 3 ", "", "x", "1e3", "+5"]),
                          st.integers(-50, 50).map(str)), max_size=12))
def test_sequence_numbers_equal_the_regex_reading(values):
    from patnet.io.patentsview import _sequence_numbers

    s = pd.Series(values, dtype="string").str.strip()
    number = s.str.fullmatch(r"[+-]?\d+(\.0*)?").fillna(False).to_numpy(dtype=bool)
    zero = s.str.fullmatch(r"[+-]?0+(\.0*)?").fillna(False).to_numpy(dtype=bool)
    got = _sequence_numbers(pd.Series(values, dtype="string"))
    assert got[0].tolist() == number.tolist() and got[1].tolist() == zero.tolist()


def test_names_are_last_comma_first_or_whichever_is_known():
    from patnet.io.patentsview import _name

    last = pd.Series(["Li", "Wu", None, " N/A ", None, "Ma "], dtype="string")
    first = pd.Series(["Ann", None, "Bo", "Jo", None, " "], dtype="string")
    names, placeholders = _name(last, first)
    assert names.tolist() == ["Li, Ann", "Wu", "Bo", "Jo", pd.NA, "Ma"]
    assert names.dtype == "string" and placeholders == 1  # "N/A" (a blank is not counted)


def test_take_index_is_32_bit_when_positions_fit():
    from patnet.io.patentsview import _take, _take_index

    small = _take_index(np.array([2, -1, 0]))
    assert small.type == pa.int32() and small.to_pylist() == [2, None, 0]
    large = _take_index(np.array([2**31, -1]))
    assert large.type == pa.int64() and large.to_pylist() == [2**31, None]
    assert _take_index(np.array([], dtype=np.int64)).to_pylist() == []
    got = _take(pd.Series(["a", "b", "c"], dtype="string"), np.array([2, -1, 0]))
    assert got.tolist() == ["c", pd.NA, "a"]


_SET_IDS = st.one_of(st.none(), st.sampled_from(["1", "7", "10", "D5", "RE7", "PP12", "H1", "X1"]),
                     st.integers(1, 10**15).map(str), st.integers(10**15, 10**17).map(str))


@settings(deadline=None)
@given(st.lists(_SET_IDS, max_size=20), st.lists(_SET_IDS, max_size=20))
def test_id_set_membership_equals_a_python_set(ids, values):
    """The filters' id set (years, countries): a value is in it exactly when it is one of the
    ids; missing values are in no set, even one built from missing ids. Ids of more than 15
    digits have no integer key and are matched as text."""
    from patnet.io.patentsview import _IdSet

    want = [v is not None and v in {i for i in ids if i is not None} for v in values]
    got = _IdSet(pd.Series(ids, dtype="string")).contains(pd.Series(values, dtype="string"))
    assert got.tolist() == want


@pytest.mark.parametrize("option", [{"countries": ["CN"]}, {"years": (2019, 2020)}])
def test_filters_match_ids_without_an_integer_key(tmp_path, option):
    """A canonical id of 16 digits has no integer key: the filters match it as text, so the
    countries filter keeps its patent and the years filter reports its rows as filtered."""
    (tmp_path / "g_patent.tsv").write_text(
        "patent_id\tpatent_type\tpatent_date\n1000000000000000\tutility\t2018-06-19\n"
        "7000001\tutility\t2018-06-19\n")
    (tmp_path / "g_inventor_disambiguated.tsv").write_text(
        "patent_id\tinventor_sequence\tinventor_id\tdisambig_inventor_name_first\t"
        "disambig_inventor_name_last\tgender_code\tlocation_id\n"
        "1000000000000000\t0\tfv1\tAn\tLi\tM\tloc1\n7000001\t0\tfv2\tBo\tWu\tM\tloc1\n")
    (tmp_path / "g_location_disambiguated.tsv").write_text(
        "location_id\tdisambig_city\tdisambig_state\tdisambig_country\nloc1\tBeijing\t\tCN\n")
    corpus, report = pn.io.read_patentsview(tmp_path, cache=False, **option)
    reasons = set(report.dropped["reason"])
    assert not any(r.startswith("orphan") for r in reasons)
    if "countries" in option:
        assert sorted(corpus.patents["patent_id"]) == ["1000000000000000", "7000001"]
        assert len(corpus.inventors) == 2
    else:
        assert len(corpus.patents) == 0
        assert report.dropped.set_index(["table", "reason"])["count"].to_dict()[
            ("inventors", "outside years 2019-2020")] == 2
    assert report.conserved
