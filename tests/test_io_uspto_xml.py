"""Tests of patnet.io.read_uspto_xml: real USPTO grants, damaged and hostile inputs."""

from __future__ import annotations

import re
import shutil
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet.exceptions import PatnetInputError, PatnetWarning
from patnet.ids import normalize_patent_ids
from patnet.io import read_uspto_xml
from patnet.io import uspto_xml as ux
from patnet.io._clean import normalize_class_code

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "xml"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLES = SHARED / "data" / "uspto-grant-samples"
XML = SAMPLES / "xml"
FLAT = SAMPLES / "flat"


SKIP_REASON = f"{SHARED / 'data'} not found (reference data kept beside the repository)"


def _need_shared():
    if not XML.is_dir():
        pytest.skip(SKIP_REASON)


def _flat(name):
    return pd.read_csv(FLAT / name, dtype=str, keep_default_na=False)


def _ids(values):
    return normalize_patent_ids(pd.Series(values, dtype="string"))[0]


def _per_patent(df, id_col, value_col):
    """patent id -> sorted list of values (missing as '')."""
    return (df.assign(_v=df[value_col].astype("string").fillna(""))
              .groupby(id_col)["_v"].apply(lambda s: sorted(s)).to_dict())


# ---------------------------------------------------------------------------
# real data: the 483 grants of ../shared/data/uspto-grant-samples
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real():
    _need_shared()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus, report = read_uspto_xml(XML, errors="raise")
    return corpus, report


def test_real_samples_all_load(real):
    corpus, report = real
    # SOURCE.txt: "patents.csv (483 unique grants 2005-2023)", in 64 files, DTD v4.0 to v4.7
    documented = re.search(r"(\d+) unique grants", (SAMPLES / "SOURCE.txt").read_text())
    assert documented and int(documented.group(1)) == 483
    assert corpus.n_patents == 483
    report.check()
    assert report.conserved
    assert corpus.patents["patent_id"].is_unique
    assert corpus.patents["grant_date"].dt.year.between(2005, 2023).all()
    docs = report.dropped[report.dropped["table"] == "documents"]
    reasons = docs.groupby("reason")["count"].sum().to_dict()
    # 12 sequence listings sit in the files as documents of their own; 23 grants appear
    # twice (weekly excerpts overlap, xml_2012_4 == xml_2012_5, a repeated design in
    # ipgb20221025): the repeat is dropped at document level, with the line of both
    assert reasons == {"not a patent grant (root element <sequence-cwu>)": 12,
                       "duplicate document: the same grant was already read": 23}
    assert report.rows_read["documents"] == 518
    assert report.rows_loaded["documents"] == 483
    assert docs["line"].notna().all() and docs["file"].notna().all()
    # nothing else dropped: every inventor, assignee and class of a loaded grant is kept
    assert set(report.rows_dropped) == {"documents"}
    assert set(corpus.patents["office"].dropna()) == {"US"}
    assert corpus.patents["title"].notna().all()


def test_real_samples_match_flat_patents(real):
    corpus, _ = real
    flat = _flat("patents.csv")
    flat["patent_id"] = _ids(flat["patent_number"])
    assert set(flat["patent_id"]) == set(corpus.patents["patent_id"])
    m = corpus.patents.merge(flat, on="patent_id", suffixes=("", "_flat"))
    assert len(m) == 483
    assert (m["kind"] == m["kind_flat"]).all()
    assert (m["application_id"] == m["application_number"]).all()
    assert (m["grant_date"].dt.strftime("%Y%m%d") == m["grant_date_flat"]).all()
    assert (m["filing_date"].dt.strftime("%Y%m%d") == m["application_date"]).all()
    assert (m["title"] == m["title_flat"]).all()
    # intentional difference: appl-type "sir" is written as PatentsView writes it
    expected = m["appl_type"].replace({"sir": "statutory invention registration"})
    assert (m["patent_type"] == expected).all()
    assert (m["appl_type"] == "sir").sum() == 1


def test_real_samples_match_flat_inventors(real):
    corpus, _ = real
    flat = _flat("inventors.csv")
    flat["patent_id"] = _ids(flat["patent_number"])
    inv = corpus.inventors
    assert len(inv) == len(flat) == 1016
    assert (inv.groupby("patent_id").size().sort_index()
            == flat.groupby("patent_id").size().sort_index()).all()
    assert _per_patent(inv, "patent_id", "country") == _per_patent(flat, "patent_id", "country")
    # row by row: sequence "001" is 0, name "Last, First", city and state as written
    flat = flat.assign(sequence=flat["sequence"].astype(int) - 1,
                       name=flat["last_name"] + ", " + flat["first_name"])
    cols = ["name", "city", "state", "country"]
    ours = inv.astype({"sequence": "int64"}).set_index(["patent_id", "sequence"])[cols]
    theirs = flat.set_index(["patent_id", "sequence"])[cols]
    pd.testing.assert_frame_equal(ours.astype("string").fillna("").sort_index(),
                                  theirs.astype("string").sort_index())
    assert inv["inventor_id"].isna().all()
    assert (inv["country_raw"].fillna("") == inv["country"].fillna("")).all()


def test_real_samples_match_flat_assignees(real):
    corpus, _ = real
    flat = _flat("assignees.csv")
    flat["patent_id"] = _ids(flat["patent_number"])
    person = (flat["last_name"] + ", " + flat["first_name"]).str.strip(", ")
    flat["name"] = flat["orgname"].where(flat["orgname"] != "", person)
    ours = _per_patent(corpus.applicants, "patent_id", "name")
    theirs = _per_patent(flat, "patent_id", "name")
    # Intentional difference: in 4 grants the <assignee> holds <orgname> and <role>
    # directly, without <addressbook> (allowed by the DTD). The flat CSV has an empty
    # row there; the XML (checked by hand) names the assignee, and so do we.
    direct = {"6859910": "Bluestreak.com",
              "D656301": "The Vermont Teddy Bear Company, Inc.",
              "PP34694": "Danziger \u201cDan\u201d Flower Farm",
              "RE49258": "JAGUAR LAND ROVER LIMITED"}
    for pid, name in direct.items():
        assert theirs[pid] == [""]
        assert ours[pid] == [name]
        theirs[pid] = [name]
    assert ours == theirs
    codes = _per_patent(corpus.applicants, "patent_id", "type_code")
    flat["role"] = flat["role"].str.lstrip("0")
    flat_codes = _per_patent(flat, "patent_id", "role")
    for pid in direct:
        flat_codes[pid] = codes[pid]
    assert codes == flat_codes  # "02" in the XML is "2" in patnet, as in PatentsView
    assert set(corpus.applicants["type_code"].dropna()) <= {"2", "3", "4", "5", "6"}


def test_real_samples_match_flat_classes(real):
    corpus, _ = real
    ipc = _flat("ipc.csv")
    ipc["patent_id"] = _ids(ipc["patent_number"])
    ipc["code"] = ipc["ipc"].map(normalize_class_code)
    assert ipc["code"].notna().all()
    cls = corpus.classes
    ours = cls[cls["scheme"] == "ipc"]
    assert _per_patent(ours, "patent_id", "code") == _per_patent(ipc, "patent_id", "code")
    # IPC-7 main classes of 2005 grants are is_main
    main7 = ipc[ipc["first_or_inventive"] == "main-classification"]
    flagged = ours[ours["is_main"].fillna(False).astype(bool)]
    assert set(zip(main7["patent_id"], main7["code"])) <= \
        set(zip(flagged["patent_id"], flagged["code"]))
    cpc = _flat("cpc.csv")
    cpc["patent_id"] = _ids(cpc["patent_number"])
    ours = cls[cls["scheme"] == "cpc"]
    assert _per_patent(ours, "patent_id", "code") == _per_patent(cpc, "patent_id", "cpc")
    # one main CPC per patent that has CPC
    assert (ours[ours["is_main"].fillna(False).astype(bool)].groupby("patent_id").size() == 1).all()
    uspc = cls[cls["scheme"] == "uspc"]
    assert uspc["patent_id"].nunique() > 400
    assert not uspc["code"].str.contains(" ").any()


def test_real_zip_gives_same_corpus(real, tmp_path):
    corpus, _ = real
    src = XML / "PatentsView-DB__ipgxml_ipg050104.small.xml"
    archive = tmp_path / "ipg050104.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.write(src, "ipg050104.xml")
    plain, _ = read_uspto_xml(src)
    zipped, report = read_uspto_xml(archive)
    pn.testing.assert_corpus_equal(plain.replace(patents=plain.patents.drop(columns="source")),
                                   zipped.replace(patents=zipped.patents.drop(columns="source")))
    assert zipped.patents["source"].iloc[0] == "ipg050104.zip:ipg050104.xml"
    assert report.conserved


def test_real_order_does_not_matter():
    _need_shared()
    files = sorted(XML.glob("PatentsView-DB__xml_2011_*.xml"))
    a, _ = read_uspto_xml(files)
    b, _ = read_uspto_xml(files[::-1])
    pn.testing.assert_corpus_equal(a, b)


# ---------------------------------------------------------------------------
# fixtures written for the project (tests/data/xml)
# ---------------------------------------------------------------------------
def test_fixture_grants_all_fields():
    corpus, report = read_uspto_xml(DATA / "grants.xml")
    report.check()
    p = corpus.patents.set_index("patent_id")
    assert p.index.tolist() == ["11990001", "11990002", "D590003"]
    assert p.loc["11990001", "title"] == "Widget with two hinges"
    assert p.loc["11990001", "patent_type"] == "utility"
    assert p.loc["D590003", "patent_type"] == "design"
    assert p.loc["D590003", "kind"] == "S1"
    assert p.loc["11990002", "application_id"] == "17000001"
    assert str(p.loc["11990002", "filing_date"].date()) == "2021-03-15"
    assert p.loc["11990002", "year"] == 2023
    assert p.loc["11990002", "source"] == "grants.xml"
    inv = corpus.inventors
    first = inv[inv["patent_id"] == "11990001"]
    assert first["name"].tolist() == ["Zhang, Wei", "Smith, Ann"]
    assert first["sequence"].tolist() == [0, 1]
    assert first["state"].tolist()[1] == "TX"
    # 2006-era layout: applicant-inventors only, the legal representative (sequence 002)
    # is not an inventor; sequence numbers stay as written (0 and 2)
    old = inv[inv["patent_id"] == "D590003"]
    assert old["name"].tolist() == ["Chen, Mei", "Okafor, Ada"]
    assert old["sequence"].tolist() == [0, 2]
    assert old["country"].tolist() == ["TW", "NG"]
    app = corpus.applicants
    assert app.loc[app["patent_id"] == "11990002", "country"].tolist() == ["US", "NA"]  # Namibia
    assert app.loc[app["patent_id"] == "11990002", "type_code"].tolist() == ["2", "3"]
    assert app.loc[app["patent_id"] == "D590003", "name"].tolist() == ["Direct Child Holdings Inc."]
    assert (app["sector"] == "unknown").all()
    cls = corpus.classes
    got = {(r.patent_id, r.scheme, r.code, bool(r.is_main)) for r in cls.itertuples()}
    assert ("11990001", "ipc", "H01L 21/02", True) in got
    assert ("11990001", "ipc", "G06F 3/041", False) in got
    assert ("11990001", "cpc", "H01L 21/0217", True) in got
    assert ("11990001", "cpc", "G06F 3/0416", False) in got
    assert ("D590003", "ipc", "A45F 5/04", True) in got     # IPC-7 fixed width
    assert ("D590003", "ipc", "A43B 13/14", False) in got
    assert ("D590003", "uspc", "D2/969", True) in got
    assert ("D590003", "uspc", "2/216", False) in got


def test_date_basis_filing():
    corpus, _ = read_uspto_xml(DATA / "grants.xml", date_basis="filing")
    assert corpus.date_basis == "filing"
    assert corpus.patents.set_index("patent_id").loc["11990002", "year"] == 2021


@pytest.mark.parametrize("errors", ["report", "raise"])
def test_not_grants_are_skipped_and_counted(errors):
    corpus, report = read_uspto_xml(DATA / "mixed_application.xml", errors=errors)
    report.check()
    assert corpus.n_patents == 2
    d = report.dropped
    assert d["reason"].tolist() == ["not a patent grant (root element <us-patent-application>)",
                                    "not a patent grant (root element <sequence-cwu>)"]
    assert d["line"].tolist() == [74, 88]
    assert report.rows_read["documents"] == 4 and report.rows_loaded["documents"] == 2


def test_malformed_document_report_keeps_the_rest():
    corpus, report = read_uspto_xml(DATA / "malformed.xml", errors="report")
    report.check()
    assert corpus.patents["patent_id"].tolist() == ["11990001", "11990002"]
    d = report.dropped
    assert len(d) == 1
    row = d.iloc[0]
    assert row["table"] == "documents" and row["reason"] == "malformed XML document"
    assert row["line"] == 74 and row["file"] == "malformed.xml"
    assert "mismatched tag" in row["value"]


def test_malformed_document_raise_names_file_and_line():
    with pytest.raises(PatnetInputError, match="mismatched tag") as info:
        read_uspto_xml(DATA / "malformed.xml", errors="raise")
    assert info.value.line == 74
    assert info.value.file == "malformed.xml"
    assert "line 74" in str(info.value)


def test_entities_are_refused_report():
    corpus, report = read_uspto_xml(DATA / "entities.xml", errors="report")
    report.check()
    assert corpus.n_patents == 2
    d = report.dropped
    assert d["line"].tolist() == [74, 88]
    assert d["reason"].str.contains("entity").all()
    assert d["value"].tolist() == ["the document declares the entity 'lol'",
                                   "the document declares the entity 'xxe'"]
    # nothing was expanded or read from disk
    assert not corpus.patents["title"].str.contains("lol|root:", regex=True).any()


def test_entities_are_refused_raise():
    with pytest.raises(PatnetInputError, match="entity") as info:
        read_uspto_xml(DATA / "entities.xml", errors="raise")
    assert info.value.line == 74


def test_latin1_report_and_raise():
    corpus, report = read_uspto_xml(DATA / "latin1.xml", errors="report")
    report.check()
    assert corpus.patents["patent_id"].tolist() == ["11990001", "D590003"]
    row = report.dropped.iloc[0]
    assert row["reason"] == "not UTF-8" and row["line"] == 74
    assert "0xfc" in row["value"]
    with pytest.raises(PatnetInputError, match="UTF-8") as info:
        read_uspto_xml(DATA / "latin1.xml", errors="raise")
    assert info.value.line == 74
    assert "iconv" in str(info.value) and "1252" in str(info.value)


def test_utf16_with_bom_is_read():
    corpus, report = read_uspto_xml(DATA / "utf16.xml")
    a, _ = read_uspto_xml(DATA / "grants.xml")
    assert corpus.patents["patent_id"].tolist() == ["11990001", "11990002"]
    assert corpus.inventors["name"].tolist() == a.inventors["name"].tolist()[:3]
    assert any("UTF-16" in k for k in report.normalisations)


def test_utf8_bom_and_crlf_are_read(tmp_path):
    text = (DATA / "grants.xml").read_bytes().replace(b"\n", b"\r\n")
    f = tmp_path / "bom.xml"
    f.write_bytes(b"\xef\xbb\xbf" + text)
    corpus, report = read_uspto_xml(f)
    assert corpus.n_patents == 3
    report.check()


@pytest.mark.parametrize("name", ["empty.xml", "blank.xml"])
def test_empty_files_give_an_empty_corpus_and_a_warning(name):
    with pytest.warns(PatnetWarning, match="no XML documents"):
        corpus, report = read_uspto_xml(DATA / name)
    assert corpus.n_patents == 0
    assert len(corpus.inventors) == 0
    report.check()
    assert report.rows_read.get("documents", 0) == 0


def test_text_file_is_one_malformed_document():
    corpus, report = read_uspto_xml(DATA / "not_xml.xml", errors="report")
    assert corpus.n_patents == 0
    assert report.rows_read["documents"] == 1
    assert report.dropped["reason"].tolist() == ["malformed XML document"]
    with pytest.raises(PatnetInputError, match="line 1"):
        read_uspto_xml(DATA / "not_xml.xml")


def test_duplicate_documents_are_dropped_once(tmp_path):
    f = tmp_path / "twice.xml"
    text = (DATA / "grants.xml").read_text(encoding="utf-8")
    f.write_text(text + text, encoding="utf-8")
    corpus, report = read_uspto_xml(f)
    report.check()
    assert corpus.n_patents == 3 and len(corpus.inventors) == 5
    d = report.dropped
    n = text.count("\n")
    assert d["line"].tolist() == [n + 1, n + 74, n + 147]
    assert d["value"].iloc[0].endswith("line 1)")


def test_folder_and_list_inputs(tmp_path):
    shutil.copy(DATA / "grants.xml", tmp_path / "b.xml")
    shutil.copy(DATA / "mixed_application.xml", tmp_path / "a.XML")
    (tmp_path / "notes.txt").write_text("not read")
    (tmp_path / "._b.xml").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    with pytest.warns(PatnetWarning, match="hidden file"):
        corpus, report = read_uspto_xml(tmp_path)
    assert corpus.n_patents == 3
    assert report.rows_read["documents"] == 7
    d = report.dropped
    # a.XML is read first (sorted): its 2 grants are loaded, and the same 2 grants in
    # b.xml are dropped as duplicate documents
    assert d["file"].tolist() == ["a.XML", "a.XML", "b.xml", "b.xml"]
    assert d["reason"].str.startswith("duplicate document").sum() == 2
    corpus2, _ = read_uspto_xml([str(tmp_path / "a.XML"), tmp_path / "b.xml"])  # no warning
    pn.testing.assert_corpus_equal(corpus, corpus2)
    # a repeated grant is kept from the first file read: only its source changes
    corpus3, _ = read_uspto_xml([tmp_path / "b.xml", tmp_path / "a.XML"])
    assert set(corpus3.patents["source"]) == {"b.xml"}
    pn.testing.assert_corpus_equal(corpus.replace(patents=corpus.patents.drop(columns="source")),
                                   corpus3.replace(patents=corpus3.patents.drop(columns="source")))


def test_zip_with_junk_members():
    with pytest.warns(PatnetWarning):
        corpus, report = read_uspto_xml(DATA / "grants_with_junk.zip")
    report.check()
    assert corpus.n_patents == 3
    warned = " ".join(report.warnings)
    assert "__MACOSX/._ipg230103.xml" in warned and "readme.txt" in warned
    sources = set(corpus.patents["source"])
    assert sources == {"grants_with_junk.zip:extra/ipg230110.xml",
                       "grants_with_junk.zip:ipg230103.xml"}
    assert set(report.dropped["file"]) <= sources


def test_zip_path_traversal_is_refused():
    for errors in ("raise", "report"):
        with pytest.raises(PatnetInputError, match=r"\.\./evil\.xml.* leaves the archive"):
            read_uspto_xml(DATA / "traversal.zip", errors=errors)


def test_zip_absolute_member_is_refused(tmp_path):
    f = tmp_path / "abs.zip"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("/etc/ipg.xml", (DATA / "grants.xml").read_bytes())
    with pytest.raises(PatnetInputError, match="leaves the archive"):
        read_uspto_xml(f)


def test_zip_bomb_is_refused(tmp_path):
    f = tmp_path / "bomb.zip"
    with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_BZIP2) as z:
        z.writestr("ipg.xml", b"\n" * (8 * 2**20))
    with pytest.raises(PatnetInputError, match="zip bomb") as info:
        read_uspto_xml(f, errors="report")
    assert "expands" in str(info.value)


def test_zip_absurd_size_is_refused(tmp_path, monkeypatch):
    f = tmp_path / "big.zip"
    shutil.copy(DATA / "grants_with_junk.zip", f)
    monkeypatch.setattr(ux, "ZIP_MAX_BYTES", 1000)
    with pytest.raises(PatnetInputError, match="over the limit"):
        read_uspto_xml(f)


def test_damaged_zip_is_an_input_error(tmp_path):
    data = bytearray((DATA / "grants_with_junk.zip").read_bytes())
    f = tmp_path / "cut.zip"
    f.write_bytes(bytes(data[: len(data) // 2]))
    with pytest.raises(PatnetInputError, match="zip"):
        read_uspto_xml(f)
    # flip bytes inside the compressed data of the first member: CRC or inflate error
    with zipfile.ZipFile(DATA / "grants_with_junk.zip") as z:
        info = z.getinfo("ipg230103.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 10, start + 40):
        data[i] ^= 0xFF
    g = tmp_path / "bad.zip"
    g.write_bytes(bytes(data))
    with pytest.raises(PatnetInputError):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PatnetWarning)
            read_uspto_xml(g, errors="report")


def test_gzip_is_refused_with_a_hint(tmp_path):
    import gzip

    f = tmp_path / "ipg.xml"
    f.write_bytes(gzip.compress((DATA / "grants.xml").read_bytes()))
    with pytest.raises(PatnetInputError, match="gzip"):
        read_uspto_xml(f)


def test_bad_options_and_paths(tmp_path):
    with pytest.raises(PatnetInputError, match="errors"):
        read_uspto_xml(DATA / "grants.xml", errors="ignore")
    with pytest.raises(pn.SchemaError, match="grant"):
        read_uspto_xml(DATA / "grants.xml", date_basis="grnt")
    with pytest.raises(PatnetInputError, match="progress"):
        read_uspto_xml(DATA / "grants.xml", progress="yes")
    with pytest.raises(PatnetInputError, match="no such file"):
        read_uspto_xml(tmp_path / "missing.xml")
    with pytest.raises(PatnetInputError, match="no .xml or .zip"):
        read_uspto_xml(tmp_path)
    with pytest.raises(PatnetInputError, match="no paths"):
        read_uspto_xml([])


def test_progress_bar(capsys, monkeypatch):
    read_uspto_xml(DATA / "grants.xml", progress=True)
    assert "USPTO XML" in capsys.readouterr().err
    read_uspto_xml(DATA / "grants.xml")  # small input: no bar by default
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(ux, "PROGRESS_MIN_BYTES", 100)  # as if the input were large
    read_uspto_xml(DATA / "grants.xml")
    assert "USPTO XML" in capsys.readouterr().err
    read_uspto_xml(DATA / "grants.xml", progress=False)
    assert capsys.readouterr().err == ""


def test_unreadable_values_follow_errors(tmp_path):
    text = (DATA / "grants.xml").read_text(encoding="utf-8")
    text = text.replace("<date>20230103</date>", "<date>20231399</date>", 1)
    f = tmp_path / "baddate.xml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(PatnetInputError, match="date") as info:
        read_uspto_xml(f)
    assert info.value.line == 1
    with pytest.warns(PatnetWarning, match="unreadable date"):
        corpus, report = read_uspto_xml(f, errors="report")
    assert corpus.n_patents == 3
    assert corpus.patents["grant_date"].isna().sum() == 1


def test_sequence_attribute_fallbacks(tmp_path):
    text = (DATA / "grants.xml").read_text(encoding="utf-8")
    text = text.replace('<inventor sequence="001"', '<inventor sequence="x"', 1)
    text = text.replace('<inventor sequence="001"', '<inventor sequence="000"', 1)
    f = tmp_path / "seq.xml"
    f.write_text(text, encoding="utf-8")
    corpus, report = read_uspto_xml(f)
    inv = corpus.inventors.set_index("patent_id")
    assert inv.loc["11990001", "sequence"].tolist() == [0, 1]  # positions
    assert inv.loc[["11990002"], "sequence"].tolist() == [0]   # already 0-based
    assert any("sequence" in k for k in report.normalisations)


# ---------------------------------------------------------------------------
# property: damaged real files give a conserved report or a PatnetInputError
# ---------------------------------------------------------------------------
_DAMAGE_SOURCE = XML / "PatentsView-DB__xml_ipg120327.two.xml"


def _damaged_file_outcome(path, errors):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PatnetWarning)
        try:
            corpus, report = read_uspto_xml(path, errors=errors)
        except PatnetInputError:
            return None
    assert report.conserved, str(report)
    report.check()
    assert corpus.n_patents <= 2
    return corpus


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=40)),
                      min_size=1, max_size=4),
       append=st.binary(max_size=30))
def test_random_bytes_never_crash(tmp_path, edits, append):
    if not _DAMAGE_SOURCE.exists():
        pytest.skip(SKIP_REASON)
    data = bytearray(_DAMAGE_SOURCE.read_bytes())
    for where, junk in edits:
        i = int(where * len(data))
        data[i:i] = junk
    data += append
    f = tmp_path / "damaged.xml"
    f.write_bytes(bytes(data))
    _damaged_file_outcome(f, "report")
    _damaged_file_outcome(f, "raise")


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(0, 1), junk=st.binary(max_size=20))
def test_truncated_zip_never_crashes(tmp_path, cut, junk):
    data = (DATA / "grants_with_junk.zip").read_bytes()
    i = int(cut * len(data))
    f = tmp_path / "t.zip"
    f.write_bytes(data[:i] + junk + data[i + len(junk):])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PatnetWarning)
        try:
            _, report = read_uspto_xml(f, errors="report")
        except PatnetInputError:
            return
    report.check()


# ---------------------------------------------------------------------------
# round trip with the synthetic generator's XML writer
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def synthetic():
    writers = pytest.importorskip("patnet.datasets.writers")
    if not hasattr(writers, "write_uspto_xml"):
        pytest.skip("patnet.datasets.writers.write_uspto_xml is not available")
    make = getattr(pytest.importorskip("patnet.datasets"), "synthetic_corpus", None)
    if make is None:
        pytest.skip("patnet.datasets.synthetic_corpus is not available")
    return make(200, seed=3), writers.write_uspto_xml


@pytest.mark.parametrize("dtd", ["v4.0", "v4.2", "v4.7", "auto"])
def test_round_trip_with_synthetic_writer(tmp_path, synthetic, dtd):
    corpus, write_uspto_xml = synthetic
    path = tmp_path / "synthetic.xml"
    write_uspto_xml(corpus, path, dtd=dtd)
    back, report = read_uspto_xml(path)
    report.check()
    assert report.rows_dropped == {}
    assert sorted(back.patents["patent_id"]) == sorted(corpus.patents["patent_id"])
    fields = {"patents": ["grant_date", "filing_date", "application_id", "title", "kind"],
              "inventors": ["name", "sequence", "city", "state", "country"],
              "applicants": ["name", "sequence", "city", "country"]}
    for table, cols in fields.items():
        for col in cols:
            ours = _per_patent(getattr(back, table), "patent_id", col)
            theirs = _per_patent(getattr(corpus, table), "patent_id", col)
            assert ours == theirs, (table, col)
    # the writer pads assignee types as USPTO does ("3" -> "03"); read as written
    unpadded = back.applicants.assign(type_code=back.applicants["type_code"].str.lstrip("0"))
    assert _per_patent(unpadded, "patent_id", "type_code") == \
        _per_patent(corpus.applicants, "patent_id", "type_code")
    ipc = back.classes[back.classes["scheme"] == "ipc"]
    assert _per_patent(ipc, "patent_id", "code") == _per_patent(corpus.classes, "patent_id", "code")


def test_stream_splitter_cuts_at_declarations_only():
    lines = [b"\n", b'<?xml version="1.0"?>\n', b"<a/>\n", b"<?xml-stylesheet href='x'?>\n",
             b'  <?xml version="1.0"?><us-patent-grant>\n', b"</us-patent-grant>\n",
             b'<?xml version="1.0"?>']
    text = b"".join(lines)
    # however the bytes arrive (cut anywhere), the documents are the same
    for size in (1, 2, 3, 7, 64, len(text)):
        blocks = [text[i:i + size] for i in range(0, len(text), size)]
        docs = list(ux._documents(iter(blocks)))
        assert [d.line for d in docs] == [2, 5, 7]
        assert [d.root for d in docs] == ["a", "us-patent-grant", None]
        assert docs[0].data is None  # not a grant: not kept in memory
        assert docs[1].data == b"".join(lines[4:6])
        assert docs[2].data == lines[6]
        assert sum(d.nbytes for d in docs) == len(text) - 1


def test_stream_splitter_text_before_first_declaration():
    text = b"\n  \n  <us-patent-grant>\n</us-patent-grant>\n<?xml version='1.0'?>\n<x/>\n"
    docs = list(ux._documents(iter([text])))
    assert [d.line for d in docs] == [3, 5]
    assert docs[0].data == b"  <us-patent-grant>\n</us-patent-grant>\n"
    assert docs[0].root == "us-patent-grant"
    assert list(ux._documents(iter([b"\n \n", b"\t"]))) == []
    assert [d.line for d in ux._documents(iter([b"<?xml ?><?xml ?>\n"]))] == [1]
