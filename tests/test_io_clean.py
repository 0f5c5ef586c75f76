"""Value cleaning shared by the loaders (patnet.io._clean): the fast paths agree with the plain rule."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patnet.io._clean import (_PLACEHOLDER_ARRAY, PLACEHOLDERS, WHITESPACE, clean_text,
                              strip_text, upper_text)

# ASCII and Unicode blanks, control bytes, accented and CJK letters, and the placeholders
_PIECES = st.sampled_from(["a", "Z", "7", " ", "\t", "\n", "\x0b", "\x1c", "\x7f", "\x85", "\xa0",
                           "\u2003", "\u3000", "é", "江苏", "-", *sorted(PLACEHOLDERS)])
_VALUES = st.one_of(st.none(), st.lists(_PIECES, max_size=5).map("".join))


def _plain_rule(values: list) -> tuple[list, int]:
    """Strip every value with Arrow, then read placeholders as missing."""
    arr = pc.utf8_trim_whitespace(pa.array(values, pa.large_string()))
    hit = pc.fill_null(pc.is_in(arr, value_set=_PLACEHOLDER_ARRAY), False).to_pylist()
    named = sum(1 for h, v in zip(hit, arr.to_pylist()) if h and v != "")
    return [None if h else v for h, v in zip(hit, arr.to_pylist())], named


@settings(max_examples=300, deadline=None)
@given(st.lists(_VALUES, max_size=25), st.integers(0, 3), st.booleans())
def test_clean_text_equals_stripping_everything(values, cut, large):
    want, named = _plain_rule(values)
    kind = pa.large_string() if large else pa.string()
    # the same values as one array, and as sliced chunks (chunks with an offset into their buffers)
    padded = pa.array(["x"] * cut + values + ["y"], kind)
    chunks = pa.chunked_array([padded.slice(cut, len(values) // 2),
                               padded.slice(cut + len(values) // 2, len(values) - len(values) // 2)],
                              kind)
    for data in (pa.array(values, kind), chunks):
        s = pd.Series(pd.arrays.ArrowStringArray(data.cast(pa.large_string())), dtype="string")
        got, n = clean_text(s)
        assert [None if v is pd.NA else v for v in got.tolist()] == want
        assert n == named


@settings(max_examples=200, deadline=None)
@given(st.lists(_VALUES, max_size=25), st.integers(0, 3))
def test_strip_text_equals_arrow_trim(values, cut):
    want = pc.utf8_trim_whitespace(pa.array(values, pa.large_string())).to_pylist()
    padded = pa.array([" x "] * cut + values, pa.large_string())  # blanks before the slice
    for data in (pa.array(values, pa.large_string()), padded.slice(cut),
                 pa.chunked_array([padded.slice(cut, len(values) // 2),
                                   padded.slice(cut + len(values) // 2)], pa.large_string())):
        got = strip_text(pd.Series(pd.arrays.ArrowStringArray(data), dtype="string"))
        assert [None if v is pd.NA else v for v in got.tolist()] == want


def test_strip_text_returns_clean_values_without_a_copy():
    arr = pa.chunked_array([pa.array(["loc-1", "江苏", "José"], pa.large_string()),
                            pa.array(["", None], pa.large_string())])
    got = strip_text(pd.Series(pd.arrays.ArrowStringArray(arr), dtype="string"))
    assert got.tolist() == ["loc-1", "江苏", "José", "", pd.NA]
    out = got.array._pa_array
    assert out.chunk(0).buffers()[2].address == arr.chunk(0).buffers()[2].address
    dirty = strip_text(pd.Series(["loc-1 ", "\u3000loc-2"], dtype="string"))
    assert dirty.tolist() == ["loc-1", "loc-2"]


def test_clean_values_are_returned_without_a_copy():
    arr = pa.chunked_array([pa.array(["Kunshan", "江苏", "José"], pa.large_string()),
                            pa.array(["NA", None], pa.large_string())])
    got, n = clean_text(pd.Series(pd.arrays.ArrowStringArray(arr), dtype="string"))
    out = got.array._pa_array
    assert got.tolist() == ["Kunshan", "江苏", "José", "NA", pd.NA] and n == 0
    assert out.chunk(0).buffers()[2].address == arr.chunk(0).buffers()[2].address


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet="aZcN 9-éÉß江", max_size=4)), max_size=20),
       st.integers(0, 2))
def test_upper_text_equals_arrow_upper(values, cut):
    padded = pa.array(["x"] * cut + values, pa.large_string())  # lower case before the slice
    for data in (pa.array(values, pa.large_string()), padded.slice(cut)):
        got = upper_text(pd.Series(pd.arrays.ArrowStringArray(data), dtype="string"))
        want = pc.utf8_upper(pa.array(values, pa.large_string())).to_pylist()
        assert [None if v is pd.NA else v for v in got.tolist()] == want


def test_assignee_type_codes_already_plain_are_kept_as_they_are():
    from patnet.io._assemble import _clean_type_code
    from patnet.io.loadreport import LoadReport

    report = LoadReport("x")
    plain = pd.Series(["2", "0", None, "14"], dtype="string")
    assert _clean_type_code(report, plain).tolist() == ["2", "0", pd.NA, "14"]
    assert not report.normalisations
    assert _clean_type_code(report, pd.Series(["02", "3.0", "2"], dtype="string")).tolist() == [
        "2", "3", "2"]
    assert report.normalisations["applicants.type_code: written without leading zeros or decimals"] == 2


@pytest.mark.parametrize("schemes", [["ipc"] * 4, ["ipc", "cpc", "wipo", "cpc"]])
def test_class_codes_are_normalised_per_scheme_and_counted(schemes):
    from patnet.io.loadreport import LoadReport
    from patnet.io._assemble import _clean_classes

    df = pd.DataFrame({"patent_id": ["1", "2", "3", "4"], "scheme": schemes,
                       "code": ["H01L0021020000", "Y02E 10/50", "12", "junk"]})
    report = LoadReport("t")
    out = _clean_classes(report, df, "report")
    want = {"ipc": ["H01L 21/02", None, None, None],  # Y is a CPC-only section
            "cpc": ["H01L 21/02", "Y02E 10/50", None, None]}
    expect = []
    for i, s in enumerate(schemes):
        expect.append("12" if s == "wipo" else want[s][i])
    kept = [e for e in expect if e is not None]
    assert out["code"].tolist() == kept
    assert out["code"].dtype == "string"
    assert report.normalisations.get("classes.code: written in canonical form") == 1
    assert report.rows_dropped.get("classes") == len(expect) - len(kept)


_DATES = st.one_of(
    st.none(), st.sampled_from(["", "N/A", " 2005-01-04 ", "2005-02-30", "2004-02-29", "0001-01-01",
                                "1677-09-21", "2262-04-12", "9999-12-31", "20050104", "01/04/2005",
                                "2005-1-4", "2005-01-04T10:00", "4-Jan-2005", "soon"]),
    st.dates().map(lambda d: d.isoformat()))


@settings(max_examples=200, deadline=None)
@given(st.lists(_DATES, max_size=20))
def test_iso_dates_read_in_arrow_equal_the_general_path(values):
    from unittest import mock

    from patnet.io import _clean

    s = pd.Series(values, dtype="string")
    fast = _clean.parse_dates(s)
    with mock.patch.object(_clean, "_iso_dates", lambda s: None):
        slow = _clean.parse_dates(s)
    pd.testing.assert_series_equal(fast[0], slow[0])
    assert fast[1] == slow[1]
    pd.testing.assert_series_equal(fast[2], slow[2])


def test_whitespace_is_what_arrow_strips():
    """WHITESPACE (spelt out for the out-of-core path's SQL) is exactly the set of
    characters the loaders' stripping removes, over every Unicode code point."""
    points = [c for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    stripped = pc.utf8_trim_whitespace(pa.array(["x" + chr(c) for c in points])).to_pylist()
    assert WHITESPACE == "".join(chr(c) for c, s in zip(points, stripped) if s == "x")
    # the out-of-core path takes a value that starts and ends in printable ASCII as stripped
    assert not any(33 <= ord(c) <= 126 for c in WHITESPACE)
