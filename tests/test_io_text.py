"""Delimited text reading (patnet.io._text) and safe zip access (patnet.io._archive)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patnet.exceptions import PatnetInputError, PatnetWarning
from patnet.io import LoadReport
from patnet.io import _archive
from patnet.io._archive import open_source, zip_members
from patnet.io._text import DelimitedReader, iter_delimited, read_delimited

DATA = Path(__file__).resolve().parent / "data" / "text"
ENGINES = ("exact", "fast")


def read(name_or_path, engine, **kw):
    path = name_or_path if isinstance(name_or_path, Path) else DATA / name_or_path
    kw.setdefault("sep", "," if str(path).endswith(".csv") else "\t")
    kw.setdefault("block_size", 64)
    kw.setdefault("handoff", 1)
    return read_delimited(path, engine=engine, **kw)


def rows(df, cols=None):
    cols = cols or [c for c in df.columns if c != "_file"]
    return [[None if pd.isna(v) else v for v in r] for r in df[cols].itertuples(index=False)]


# -- layout: BOM, CRLF, quotes, blank lines -------------------------------------------------
@pytest.mark.parametrize("engine", ENGINES)
def test_bom_crlf_embedded_newline_doubled_quotes(engine):
    df = read("bom_crlf.tsv", engine)
    assert list(df.columns) == ["patent_id", "country", "title", "_file", "_line"]
    assert rows(df) == [
        ["0001234", "NA", "Plain title", 2],
        ["7654321", "CN", "Two\r\nline title", 3],
        ["D512345", "US", 'A "quoted" word', 5],
    ]
    assert str(df["patent_id"].dtype) == "string"
    assert df["_file"].astype(str).unique().tolist() == ["bom_crlf.tsv"]


@pytest.mark.parametrize("engine", ENGINES)
def test_blank_lines_are_skipped_but_counted_as_lines(engine):
    report = LoadReport("t")
    df = read("blank_lines.tsv", engine, report=report, table="inventors")
    assert rows(df) == [["1", "0", "US", 3], ["2", "0", "JP", 5], ["3", "0", "DE", 8]]
    assert report.normalisations["inventors: blank line skipped"] == 5
    assert report.rows_read == {}  # blank lines are not rows


@pytest.mark.parametrize("engine", ENGINES)
def test_values_stay_text(engine):
    df = read("text_values.csv", engine)
    assert rows(df, ["patent_id", "country", "type"]) == [
        ["0001234", "NA", "02"], ["1.23457E+12", "na", "2.0"]]


@pytest.mark.parametrize("engine", ENGINES)
def test_lone_cr_line_endings(engine):
    assert rows(read("cr_only.tsv", engine)) == [["1", "US", 2], ["2", "JP", 3]]


@pytest.mark.parametrize("engine", ENGINES)
def test_header_only_gives_empty_table(engine):
    df = read("header_only.tsv", engine)
    assert len(df) == 0
    assert list(df.columns) == ["patent_id", "sequence", "country", "_file", "_line"]


def test_empty_file_is_an_error():
    with pytest.raises(PatnetInputError, match=r"empty \(0 bytes\).*empty.tsv"):
        read("empty.tsv", "exact")


def test_only_blank_lines_is_an_error(tmp_path):
    p = tmp_path / "blank.tsv"
    p.write_bytes(b"\n\r\n\n")
    with pytest.raises(PatnetInputError, match="no header line") as e:
        read(p, "fast")
    assert e.value.line == 4


# -- columns -----------------------------------------------------------------------------------
def test_columns_order_and_absent_optional_columns():
    df = read("bad_fields.tsv", "exact", columns=["country", "patent_id", "city"],
              errors="report")
    assert list(df.columns) == ["country", "patent_id", "city", "_file", "_line"]
    assert df["city"].isna().all()
    assert df["country"].tolist() == ["US", "DE"]


def test_duplicate_header_columns():
    with pytest.raises(PatnetInputError, match=r"column 'country' twice \(columns 2 and 3\)") as e:
        read("duplicate_columns.tsv", "exact")
    assert e.value.line == 1


def test_missing_required_column_did_you_mean():
    with pytest.raises(PatnetInputError, match=r"required column 'patent_id' is missing.*did "
                                               r"you mean 'patent_idd'"):
        read("missing_required.tsv", "exact", required=["patent_id"])


# -- bad rows ------------------------------------------------------------------------------------
@pytest.mark.parametrize("engine", ENGINES)
def test_wrong_field_count_raises_with_physical_line(engine):
    with pytest.raises(PatnetInputError, match="the row has 2 fields, the header 3") as e:
        read("bad_fields.tsv", engine)
    assert (e.value.file, e.value.line, e.value.value) == ("bad_fields.tsv", 3, "2\t0")


@pytest.mark.parametrize("engine", ENGINES)
def test_wrong_field_count_reported(engine):
    report = LoadReport("t")
    df = read("bad_fields.tsv", engine, errors="report", report=report, table="inventors")
    assert rows(df) == [["1", "0", "US", 2], ["4", "1", "DE", 5]]
    d = report.dropped
    assert d[["table", "reason", "file", "line", "value", "count"]].values.tolist() == [
        ["inventors", "too few fields", "bad_fields.tsv", 3, "2\t0", 1],
        ["inventors", "too many fields", "bad_fields.tsv", 4, "3\t0\tJP\textra", 1],
    ]
    assert report.rows_read == {"inventors": 2}
    assert report.rows_dropped == {"inventors": 2}


@pytest.mark.parametrize("engine", ENGINES)
def test_unterminated_quote(engine):
    with pytest.raises(PatnetInputError, match="never closed") as e:
        read("unterminated.tsv", engine)
    assert e.value.line == 3
    report = LoadReport("t")
    df = read("unterminated.tsv", engine, errors="report", report=report, table="t")
    # the line with the stray quote is dropped; reading goes on with the next line
    assert rows(df) == [["1", "0", "US", 2], ["3", "0", "DE", 4], ["4", "1", "FR", 5]]
    assert report.dropped[["reason", "line", "value"]].values.tolist() == [
        ["unterminated quote", 3, '2\t"0\tJP']]


@pytest.mark.parametrize("engine", ENGINES)
def test_unterminated_quote_in_last_field_at_end_of_file(engine, tmp_path):
    p = tmp_path / "eof.tsv"
    p.write_bytes(b'a\tb\n1\t2\n3\t"4\n')
    with pytest.raises(PatnetInputError, match="never closed") as e:
        read(p, engine)
    assert e.value.line == 3
    p.write_bytes(b'a\tb\n1\t2\n3\t"4')  # no final line break either
    with pytest.raises(PatnetInputError, match="never closed"):
        read(p, engine)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("errors", ["raise", "report"])
def test_repeated_header_is_dropped_in_both_modes(engine, errors):
    report = LoadReport("t")
    df = read("repeated_header.tsv", engine, errors=errors, report=report, table="t")
    assert rows(df) == [["1", "0", "US", 2], ["2", "0", "JP", 3], ["3", "0", "DE", 5]]
    assert report.dropped[["reason", "line", "count"]].values.tolist() == [
        ["repeated header", 4, 1]]
    assert report.rows_read == {"t": 1} and report.conserved


# -- encodings ---------------------------------------------------------------------------------
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("errors", ["raise", "report"])
def test_gb18030_names_the_line_and_the_encoding(engine, errors):
    with pytest.raises(PatnetInputError, match="encoding='gb18030'") as e:
        read("gb18030.tsv", engine, errors=errors)
    assert (e.value.file, e.value.line) == ("gb18030.tsv", 3)


@pytest.mark.parametrize("engine", ENGINES)
def test_gb18030_decoded_when_given(engine):
    df = read("gb18030.tsv", engine, encoding="gb18030")
    assert rows(df) == [["1", "Smith, John", "Boston", 2], ["2", "王, 小明", "北京", 3]]


@pytest.mark.parametrize("engine", ENGINES)
def test_utf16_with_bom_is_detected(engine):
    r = DelimitedReader(DATA / "utf16_bom.tsv", sep="\t", engine=engine, block_size=64)
    df = pd.concat(list(r))
    assert r.encoding == "utf-16"
    assert rows(df) == [["1", "Müller", 2], ["2", "李", 3]]


@pytest.mark.parametrize("engine", ENGINES)
def test_utf16_without_bom(engine):
    with pytest.raises(PatnetInputError, match="encoding='utf-16-le'") as e:
        read("utf16le_nobom.tsv", engine)
    assert e.value.line == 1
    df = read("utf16le_nobom.tsv", engine, encoding="utf-16-le")
    assert rows(df) == [["1", "Müller", 2]]


@pytest.mark.parametrize("engine", ENGINES)
def test_nul_byte(engine):
    with pytest.raises(PatnetInputError, match="NUL byte") as e:
        read("nul.tsv", engine, errors="report")
    assert e.value.line == 2


@pytest.mark.parametrize("engine", ENGINES)
def test_bad_bytes_in_a_column_not_read_are_ignored(engine):
    df = read("bad_byte_unused_column.tsv", engine, columns=["patent_id"])
    assert rows(df) == [["1", 2], ["2", 3]]
    with pytest.raises(PatnetInputError, match="not valid UTF-8") as e:
        read("bad_byte_unused_column.tsv", engine)
    assert e.value.line == 3


def test_unknown_encoding_and_options():
    with pytest.raises(PatnetInputError, match="unknown encoding"):
        read("bom_crlf.tsv", "exact", encoding="klingon")
    with pytest.raises(PatnetInputError, match="unknown errors"):
        read("bom_crlf.tsv", "exact", errors="ignore")
    with pytest.raises(PatnetInputError, match="did you mean 'fast'"):
        read("bom_crlf.tsv", "fastest")
    with pytest.raises(PatnetInputError, match="sep must be one character"):
        read("bom_crlf.tsv", "exact", sep="||")


# -- fast path == exact path on larger, messier files ----------------------------------------------
def _messy(n, seed, bad=True):
    """A TSV with quotes, quoted line breaks, CRLF, blank lines and (optionally) bad rows;
    returns the bytes and the expected (id, line) of every good row."""
    rng = np.random.default_rng(seed)
    out = [b"id\tname\tnote\n"]
    line = 2
    expected = []
    for i in range(n):
        r = rng.random()
        if r < 0.03:
            out.append(b"\n")
            line += 1
            continue
        if bad and r < 0.04:
            out.append(b"%d\tx\n" % i)
            line += 1
            continue
        if r < 0.15:
            k = int(rng.integers(1, 3))
            note = b'"multi' + b"\r\n" * k + b'line ""q"""'
            out.append(b"%d\tn%d\t%s\n" % (i, i, note))
            expected.append((str(i), line))
            line += 1 + k
            continue
        out.append(b"%d\t\"n%d\"\tplain\n" % (i, i))
        expected.append((str(i), line))
        line += 1
    return b"".join(out), expected


@pytest.mark.parametrize("bad,variant", [(False, "plain"), (True, "plain"), (True, "zip"),
                                         (True, "utf-16")])
def test_fast_and_exact_agree_on_messy_files(tmp_path, bad, variant):
    data, expected = _messy(3000, seed=1, bad=bad)
    p = tmp_path / "messy.tsv"
    encoding = "utf-8"
    if variant == "utf-16":
        data = data.decode("utf-8").encode("utf-16")
        encoding = "utf-16"
    p.write_bytes(data)
    if variant == "zip":
        p = _zip(tmp_path / "messy.tsv.zip", {"messy.tsv": data})
    frames, reports = {}, {}
    for engine in ENGINES:
        reports[engine] = LoadReport("t")
        r = DelimitedReader(p, sep="\t", engine=engine, block_size=512, handoff=50,
                            errors="report", report=reports[engine], table="t",
                            encoding=encoding)
        frames[engine] = pd.concat(list(r), ignore_index=True)
        if engine == "fast":
            assert r.segments[0][0] == "fast"
            if not bad:
                assert all(s[0] == "fast" for s in r.segments)
    pd.testing.assert_frame_equal(frames["fast"], frames["exact"])
    pd.testing.assert_frame_equal(reports["fast"].dropped, reports["exact"].dropped)
    got = list(zip(frames["fast"]["id"].tolist(), frames["fast"]["_line"].tolist()))
    assert got == expected
    if bad:
        assert (reports["fast"].dropped["reason"] == "too few fields").all()
        assert len(reports["fast"].dropped) > 10


def test_iter_delimited_chunks_and_single_iteration(tmp_path):
    p = tmp_path / "a.tsv"
    p.write_text("a\tb\n" + "".join(f"{i}\t{i}\n" for i in range(10)))
    assert [len(c) for c in iter_delimited(p, sep="\t", chunk_rows=4, engine="exact")] == [4, 4, 2]
    r = DelimitedReader(p, sep="\t")
    list(r)
    with pytest.raises(PatnetInputError, match="only once"):
        list(r)


def test_progress_bar_counts_bytes(tmp_path):
    p = tmp_path / "a.tsv"
    p.write_text("a\tb\n" + "".join(f"{i}\t{i}\n" for i in range(100)))

    class Bar:
        n = 0

        def update(self, k):
            self.n += k

    bar = Bar()
    read(p, "fast", progress=bar)
    assert bar.n == p.stat().st_size


_TSV_ALPHABET = st.sampled_from(["a", "b", "1", "\t", "\t", "\n", "\n", "\r\n", "\r", '"', '""',
                                 " ", "é", "名", "\x00", "\xff"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.lists(_TSV_ALPHABET, max_size=60), raw=st.binary(max_size=8),
       errors=st.sampled_from(["raise", "report"]))
def test_fast_and_exact_agree_on_random_text(tmp_path, body, raw, errors):
    text = "".join(body)
    data = b"id\tname\n" + text.replace("\xff", "").encode("utf-8") + raw
    p = tmp_path / "r.tsv"
    p.write_bytes(data)
    results = {}
    for engine in ENGINES:
        report = LoadReport("t")
        try:
            df = read(p, engine, errors=errors, report=report, table="t")
            assert report.conserved
            assert df["_line"].is_monotonic_increasing
            results[engine] = (rows(df), report.dropped.values.tolist())
        except PatnetInputError as exc:
            results[engine] = ("error", exc.line, exc.message)
    assert results["fast"] == results["exact"]


# -- zip archives --------------------------------------------------------------------------------
def _zip(path, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression=compression) as z:
        for name, data in members.items():
            if name.endswith("/"):
                z.writestr(zipfile.ZipInfo(name), b"")
            else:
                z.writestr(name, data)
    return path


@pytest.mark.parametrize("engine", ENGINES)
def test_zip_member_read_as_stream(tmp_path, engine):
    data = (DATA / "bom_crlf.tsv").read_bytes()
    z = _zip(tmp_path / "g_patent.tsv.zip", {"g_patent.tsv": data})
    df = read(z, engine, sep="\t")
    assert rows(df) == rows(read("bom_crlf.tsv", engine))
    assert df["_file"].astype(str).unique().tolist() == ["g_patent.tsv.zip:g_patent.tsv"]


def test_zip_junk_members_skipped_with_warning(tmp_path):
    z = _zip(tmp_path / "a.zip", {"data/": b"", "data/a.tsv": b"a\n1\n",
                                  "__MACOSX/data/._a.tsv": b"junk", "data/.DS_Store": b"junk"})
    report = LoadReport("t")
    with pytest.warns(PatnetWarning, match="skipped 2 junk member"):
        src = open_source(z, report=report)
    assert src.member == "data/a.tsv"
    assert "__MACOSX/data/._a.tsv" in report.warnings[0]


@pytest.mark.parametrize("name", ["../evil.tsv", "/etc/evil.tsv", "a/../../evil.tsv",
                                  "C:/evil.tsv", "..\\evil.tsv"])
def test_zip_path_traversal_refused(tmp_path, name):
    z = _zip(tmp_path / "a.zip", {name: b"a\n1\n"})
    with pytest.raises(PatnetInputError, match="leaves the archive folder"):
        zip_members(z)


def test_zip_bomb_refused(tmp_path):
    z = _zip(tmp_path / "bomb.zip", {"a.tsv": b"a\n" + b"0" * (3 * 1024**2)})
    with pytest.raises(PatnetInputError, match="zip bomb"):
        zip_members(z)  # about 3000:1
    assert len(zip_members(z, max_ratio=10_000)) == 1
    with pytest.raises(PatnetInputError, match="over the limit"):
        zip_members(z, max_ratio=10_000, max_size=1024)


def test_zip_with_several_files_needs_member(tmp_path):
    z = _zip(tmp_path / "two.zip", {"a.tsv": b"a\n1\n", "b.tsv": b"b\n2\n"})
    with pytest.raises(PatnetInputError, match="holds 2 files"):
        open_source(z)
    assert read(z, "exact", member="b.tsv")["b"].tolist() == ["2"]
    with pytest.raises(PatnetInputError, match="did you mean 'b.tsv'"):
        open_source(z, member="b.tsb")


_INFLATERS = ["zlib", pytest.param("isal", marks=pytest.mark.skipif(
    _archive._isal_zlib is None, reason="the optional 'fast' extra (isal) is not installed"))]


@pytest.fixture(params=_INFLATERS)
def inflater(request, monkeypatch):
    """Read zip members with zlib, and (when installed) with ISA-L."""
    if request.param == "zlib":
        monkeypatch.setattr(_archive, "_isal_zlib", None)
    return request.param


def test_deflated_members_read_the_same_with_either_inflater(tmp_path, inflater):
    rng = np.random.default_rng(3)
    text = b"".join(b"%d\t%s\n" % (i, bytes(rng.integers(97, 123, 40, dtype=np.uint8)))
                    for i in range(60_000))
    z = _zip(tmp_path / "a.zip", {"a.tsv": text})
    with open_source(z).open() as f:
        used = type(f._stream._decompressor).__module__
        parts = []
        while chunk := f.read(100_003):
            parts.append(chunk)
        assert b"".join(parts) == text
        f.seek(0)  # back to the start: zipfile inflates again from the first byte
        assert f.read() == text
    assert ("isal" in used) == (inflater == "isal")


def test_damaged_zip(tmp_path, inflater):
    p = tmp_path / "bad.zip"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(PatnetInputError, match="not a readable zip"):
        open_source(p)
    good = _zip(tmp_path / "g.zip", {"a.tsv": b"a\n" + b"1\n" * 5000})
    raw = bytearray(good.read_bytes())
    start = raw.index(b"a.tsv") + 5
    raw[start + 10:start + 40] = b"\x00" * 30  # corrupt the compressed data
    bad = tmp_path / "corrupt.zip"
    bad.write_bytes(bytes(raw))
    with pytest.raises(PatnetInputError, match="damaged|not a readable zip"):
        read(bad, "exact")


def test_missing_file():
    with pytest.raises(PatnetInputError, match="file not found"):
        open_source(DATA / "nope.tsv")


def test_stream_reads_member_without_extracting(tmp_path):
    z = _zip(tmp_path / "a.zip", {"a.tsv": b"a\n1\n"})
    with open_source(z).open() as f:
        assert f.read() == b"a\n1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.zip"]
    assert isinstance(io.BytesIO(b"").read(), bytes)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([b"a", b"\n", b"\r", b"\r\n", b"\t", b"\xc3\xa9"]), max_size=60),
       st.integers(0, 3000))
def test_line_breaks_are_counted_as_the_line_reader_splits_them(pieces, repeat):
    from patnet.io._text import _BREAK_RE, _count_breaks

    for data in (b"".join(pieces), b"".join(pieces) * repeat):  # small and (often) large chunks
        assert _count_breaks(data) == len(_BREAK_RE.findall(data))
