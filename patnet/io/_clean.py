"""Value-level cleaning shared by the loaders: text, placeholders, dates, integers, class codes.

Every function here returns the cleaned values *and* a mask of what it
changed or could not read, so the caller can count it in a LoadReport.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .._fast import arrow_text, chunks_of, text_buffers

__all__ = [
    "PLACEHOLDERS",
    "WHITESPACE",
    "clean_text",
    "strip_text",
    "upper_text",
    "parse_dates",
    "parse_ints",
    "normalize_class_code",
    "format_ipc",
]

#: Cell values read as missing. "NA" is deliberately absent: it is Namibia.
PLACEHOLDERS = frozenset({"", "N/A", "n/a", "NULL", "null", "\\N", "None"})
_PLACEHOLDER_ARRAY = pa.array(sorted(PLACEHOLDERS), pa.large_string())

#: The characters stripped from both ends of a value: those Arrow's ``utf8_trim_whitespace``
#: strips (ASCII 9-13, 28-32, and the Unicode spaces such as no-break and ideographic
#: space). Spelt out for code that strips text elsewhere (the out-of-core path's SQL).
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
              "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def clean_text(values: pd.Series) -> tuple[pd.Series, int]:
    """Strip whitespace and read placeholders as missing.

    Returns the cleaned ``string`` Series and the number of non-empty
    placeholders (``"N/A"``, ``"NULL"``, ...) that became missing.

    A column with nothing to change is returned without a copy: the length
    and the first and last byte of every value tell which values could need
    stripping (only those are stripped to find out) and which could be a
    placeholder (only those are looked up).

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.io._clean import clean_text
    >>> s, n = clean_text(pd.Series([" Kunshan ", "N/A", "NA", ""]))
    >>> s.tolist(), n
    (['Kunshan', <NA>, 'NA', <NA>], 1)
    """
    s = pd.Series(values, copy=False)
    st, length, first = _strip(arrow_text(s, combine=False))
    blank = length == 0
    short = np.flatnonzero((length > 0) & (length <= _PLACEHOLDER_BYTES)
                           & _PLACEHOLDER_FIRST_BYTE[first])
    n_named = 0
    if len(short):
        hit = np.asarray(pc.is_in(pc.take(st, short), value_set=_PLACEHOLDER_ARRAY)
                         .to_numpy(zero_copy_only=False), dtype=bool)
        n_named = int(hit.sum())
        blank[short[hit]] = True
    if blank.any():
        st = pc.if_else(pa.array(blank), pa.scalar(None, st.type), st)
    return pd.Series(pd.arrays.ArrowStringArray(st), index=s.index,
                     dtype=pd.StringDtype("pyarrow")), n_named


def strip_text(values: pd.Series) -> pd.Series:
    """Whitespace stripped from both ends; a column with nothing to strip is returned
    without a copy (see :func:`clean_text`).

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.io._clean import strip_text
    >>> strip_text(pd.Series([" loc1", "loc2 ", None, "\u3000loc3"])).tolist()
    ['loc1', 'loc2', <NA>, 'loc3']
    """
    s = pd.Series(values, copy=False)
    st = _strip(arrow_text(s, combine=False))[0]
    return pd.Series(pd.arrays.ArrowStringArray(st), index=s.index,
                     dtype=pd.StringDtype("pyarrow"))


def _strip(st):
    """``(stripped, length, first byte)`` of Arrow text (see :func:`_ends`); ``st`` itself
    when no value starts or ends with whitespace."""
    length, first, last = _ends(st)
    # whitespace is ASCII 9-13 and 32, or a character of two bytes or more (no-break and
    # ideographic spaces, for instance) whose first byte is non-ASCII and whose last byte
    # is a continuation byte: a value whose end bytes are printable ASCII cannot change
    maybe = np.flatnonzero((length > 0) & ((first <= 32) | (first >= 127)
                                           | (last <= 32) | (last >= 127)))
    if len(maybe):
        sub = pc.take(st, maybe)
        if not pc.all(pc.equal(pc.utf8_trim_whitespace(sub), sub)).as_py():
            st = pc.utf8_trim_whitespace(st)
            length, first, _ = _ends(st)
    return st, length, first


def upper_text(values: pd.Series) -> pd.Series:
    """Text in upper case; a column that has no lower-case letter is returned without a copy.

    Only the bytes of the values are scanned for that (ASCII ``a``-``z``, or
    any non-ASCII byte, sends the column through Arrow's ``utf8_upper``).

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.io._clean import upper_text
    >>> upper_text(pd.Series(["cn", "US", None, "é"], dtype="string")).tolist()
    ['CN', 'US', <NA>, 'É']
    """
    s = pd.Series(values, copy=False)
    s = s if s.dtype == pd.StringDtype("pyarrow") else s.astype(pd.StringDtype("pyarrow"))
    arr = arrow_text(s, combine=False)
    for chunk in chunks_of(arr):
        off, data = text_buffers(chunk)
        b = data[off[0]:off[-1]] if len(chunk) else data[:0]
        if ((b >= 97) & (b <= 122)).any() or (b >= 128).any():
            return pd.Series(pd.arrays.ArrowStringArray(pc.utf8_upper(arr)), index=s.index,
                             dtype=pd.StringDtype("pyarrow"))
    return s


#: The longest placeholder, in bytes, and the first bytes of the non-empty ones.
_PLACEHOLDER_BYTES = max(len(p.encode()) for p in PLACEHOLDERS)
_PLACEHOLDER_FIRST = np.array(sorted({p.encode()[0] for p in PLACEHOLDERS if p}), dtype=np.uint8)
#: Whether a byte starts a placeholder, by byte value (a lookup per value: several times
#: faster than ``np.isin`` on tens of millions of first bytes).
_PLACEHOLDER_FIRST_BYTE = np.zeros(256, dtype=bool)
_PLACEHOLDER_FIRST_BYTE[_PLACEHOLDER_FIRST] = True


def _ends(arr) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Byte length (-1 for a null), first byte and last byte of every value (of a value
    that is empty or null, the end bytes are meaningless: check the length first).

    Read straight from the offsets and data buffers of each chunk, with NumPy.
    """
    lengths, firsts, lasts = [], [], []
    for chunk in chunks_of(arr):
        n = len(chunk)
        if not n:
            continue
        off, data = text_buffers(chunk)
        length = off[1:] - off[:-1]
        if chunk.null_count:
            length[~np.asarray(chunk.is_valid().to_numpy(zero_copy_only=False), dtype=bool)] = -1
        # the end bytes of every value at once (of an empty value: a neighbour's, not used)
        first = data.take(off[:-1], mode="clip") if len(data) else np.zeros(n, np.uint8)
        last = data.take(off[1:] - 1, mode="clip") if len(data) else np.zeros(n, np.uint8)
        lengths.append(length)
        firsts.append(first)
        lasts.append(last)
    if not lengths:
        return np.zeros(0, np.int64), np.zeros(0, np.uint8), np.zeros(0, np.uint8)
    if len(lengths) == 1:
        return lengths[0], firsts[0], lasts[0]
    return np.concatenate(lengths), np.concatenate(firsts), np.concatenate(lasts)


_DATE_FORMATS = (
    ("iso", r"^\d{4}-\d{2}-\d{2}$", "%Y-%m-%d"),
    ("compact", r"^\d{8}$", "%Y%m%d"),
    ("slash ymd", r"^\d{4}/\d{1,2}/\d{1,2}$", "%Y/%m/%d"),
    ("us m/d/y", r"^\d{1,2}/\d{1,2}/\d{4}$", "%m/%d/%Y"),
    ("dotted d.m.y", r"^\d{1,2}\.\d{1,2}\.\d{4}$", "%d.%m.%Y"),
    ("iso datetime", r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$", None),
    ("day-month-year", r"^\d{1,2}[- ][A-Za-z]{3}[- ]\d{4}$", None),
)


def parse_dates(values: pd.Series) -> tuple[pd.Series, dict, pd.Series]:
    """Parse dates written in any of the formats patent data use.

    Accepted: ``2005-01-04``, ``20050104`` (USPTO XML), ``2005/01/04``,
    ``01/04/2005`` (US month/day/year), ``04.01.2005``, ISO date-times and
    ``4-Jan-2005``. A date of ``00000000`` or day/month 00 (USPTO writes
    unknown parts this way) is unreadable.

    Returns
    -------
    dates : pandas.Series of datetime64[ns]
    formats : dict
        Non-ISO format label -> number of values read in it.
    bad : pandas.Series of bool
        Present but unreadable values (their date is missing).
    """
    s = pd.Series(values, copy=False).astype("string").str.strip()
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    done = (s.isna() | s.isin(PLACEHOLDERS)).fillna(True).astype(bool)
    iso = _iso_dates(s)
    if iso is not None:  # the usual case: read in one Arrow pass
        ok = ~np.isnat(iso)
        out = pd.Series(iso, index=s.index)
        done |= ok
    formats = {}
    for label, pattern, fmt in _DATE_FORMATS:
        todo = ~done
        if not todo.any():
            break
        hit = todo & s.str.match(pattern).fillna(False).astype(bool)
        if not hit.any():
            continue
        if fmt is None:
            parsed = pd.to_datetime(s[hit], errors="coerce", format="mixed")
        else:
            parsed = pd.to_datetime(s[hit], errors="coerce", format=fmt)
        # a date a nanosecond clock cannot hold (before 1677, after 2262) is unreadable
        ok = parsed.notna() & (parsed >= pd.Timestamp.min) & (parsed <= pd.Timestamp.max)
        out.loc[parsed.index[ok.to_numpy()]] = parsed[ok].astype("datetime64[ns]")
        done.loc[parsed.index[ok.to_numpy()]] = True
        if label != "iso" and int(ok.sum()):
            formats[label] = int(ok.sum())
    bad = (~done).astype(bool)
    return out, formats, bad


#: The earliest and latest dates a nanosecond clock holds (as seconds since 1970).
_NS_RANGE = (pd.Timestamp.min.ceil("s").value // 10**9, pd.Timestamp.max.floor("s").value // 10**9)


def _iso_dates(s: pd.Series) -> np.ndarray | None:
    """The ``YYYY-MM-DD`` dates of ``s`` (stripped text) as datetime64[ns], NaT elsewhere
    (and for a date a nanosecond clock cannot hold); None when none is in that form or
    one is not a real day (``2005-02-30``): the caller's general path reads those."""
    arr = arrow_text(s, combine=False)
    iso = pc.fill_null(pc.match_substring_regex(arr, _DATE_FORMATS[0][1]), False)
    if not pc.any(iso).as_py():
        return None
    try:
        secs = pc.cast(pc.if_else(iso, arr, pa.scalar(None, arr.type)), pa.timestamp("s"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    raw = pc.fill_null(pc.cast(secs, pa.int64()), _NS_RANGE[0] - 1).to_numpy(zero_copy_only=False)
    out = np.full(len(raw), np.datetime64("NaT"), dtype="datetime64[ns]")
    ok = (raw >= _NS_RANGE[0]) & (raw <= _NS_RANGE[1])
    out[ok] = (raw[ok] * 10**9).view("datetime64[ns]")
    return out


_INT = re.compile(r"^[+-]?\d+$")
_FLOATISH = re.compile(r"^[+-]?\d+\.0*$")


def _ints_arrow(s: pd.Series):
    """All values plain integers (or missing): parse them in one Arrow cast; else None."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(s.array, from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    try:
        ints = pc.cast(pc.utf8_trim_whitespace(arr), pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    mask = ints.is_null().to_numpy(zero_copy_only=False)
    data = pc.fill_null(ints, 0).to_numpy(zero_copy_only=False)
    return pd.Series(pd.arrays.IntegerArray(data, mask), index=s.index)


def parse_ints(values: pd.Series) -> tuple[pd.Series, int, pd.Series]:
    """Parse integers, accepting spreadsheet float forms such as ``"2.0"``.

    Returns the ``Int64`` Series, the number of float-form values repaired,
    and a mask of present but unreadable values (set missing).
    """
    s = pd.Series(values, copy=False).astype("string")
    fast = _ints_arrow(s)
    if fast is not None:
        return fast, 0, pd.Series(False, index=s.index)
    s = s.str.strip()
    present = (s.notna() & ~s.isin(PLACEHOLDERS)).fillna(False).astype(bool)
    is_int = s.str.match(_INT.pattern).fillna(False).astype(bool)
    is_float = (~is_int) & s.str.match(_FLOATISH.pattern).fillna(False).astype(bool)
    cleaned = s.where(~is_float, s.str.replace(r"\.0*$", "", regex=True))
    good = is_int | is_float
    out = pd.to_numeric(cleaned.where(good), errors="coerce").astype("Int64")
    return out, int(is_float.sum()), (present & ~good).astype(bool)


def format_ipc(section, cls, subclass, main_group, subgroup) -> pd.Series:
    """Join split IPC/CPC parts into ``"H01L 21/02"`` form (vectorised).

    ``cls`` may be ``"1"``, ``"01"`` or ``"H01"``; ``subclass`` may be ``"L"``
    or ``"H01L"``; ``main_group`` may be ``"21"`` or ``"H01L21"``. Rows
    missing the section, class or subclass give missing; rows without a
    group give the subclass alone (``"H01L"``). The work is done once per
    distinct combination of parts (a class table repeats a few tens of
    thousands of codes over millions of rows).

    Examples
    --------
    >>> from patnet.io._clean import format_ipc
    >>> format_ipc(["H", "h", "H", None], ["1", "01", "H01", "1"], ["L", "l", "H01L", "L"],
    ...            ["21", "021", None, "21"], ["02", "2", None, "02"]).tolist()
    ['H01L 21/02', 'H01L 21/02', 'H01L', <NA>]
    """
    index = section.index if isinstance(section, pd.Series) else None
    parts = [arrow_text(v) for v in (section, cls, subclass, main_group, subgroup)]
    if len({len(p) for p in parts}) > 1:
        raise ValueError("the IPC parts must have the same length")
    # one integer per row naming its combination of parts: each part's dictionary code
    # (0 for missing), combined in mixed radix (compacted first if it could overflow)
    key = np.zeros(len(parts[0]), dtype=np.int64)
    span = 1
    for p in parts:
        enc = pc.dictionary_encode(p)
        m = len(enc.dictionary) + 1
        if span * m >= 2**62:
            key, seen = pd.factorize(key)
            span = len(seen)
        key = key * m + pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False) + 1
        span *= m
    inverse, seen = pd.factorize(key)
    first = np.empty(len(seen), dtype=np.int64)  # the first row of each combination
    first[inverse[::-1]] = np.arange(len(key) - 1, -1, -1)
    idx = pa.array(first)
    distinct = _format_ipc_rows(*[pd.Series(pd.arrays.ArrowStringArray(p.take(idx)))
                                  for p in parts])
    out = arrow_text(distinct).take(pa.array(inverse.astype(np.int64)))
    return pd.Series(pd.arrays.ArrowStringArray(out), index=index, dtype=pd.StringDtype("pyarrow"))


def _format_ipc_rows(section, cls, subclass, main_group, subgroup) -> pd.Series:
    sec = pd.Series(section, copy=False).astype("string").str.strip().str.upper()
    c = pd.Series(cls, copy=False).astype("string").str.strip().str.upper()
    sub = pd.Series(subclass, copy=False).astype("string").str.strip().str.upper()
    c = c.str.replace(r"^[A-H]", "", regex=True).str.zfill(2)
    sub = sub.str[-1:]
    head = sec + c + sub
    mg = pd.Series(main_group, copy=False).astype("string").str.strip().str.upper()
    mg = mg.str.replace(r"^[A-H]\d{2}[A-Z]", "", regex=True).str.lstrip("0").replace("", "0")
    sg = pd.Series(subgroup, copy=False).astype("string").str.strip()
    sg = sg.str.replace(r"^.*/", "", regex=True)
    sg = sg.where(sg.notna() & (sg != ""), "00")
    sg = sg.where(sg.str.len() >= 2, sg.str.zfill(2))
    full = head + " " + mg + "/" + sg
    out = full.where(mg.notna() & (mg != ""), head)
    valid = head.str.match(r"^[A-H]\d{2}[A-Z]$").fillna(False).astype(bool)
    return out.where(valid)


def normalize_class_code(code, scheme: str = "ipc"):
    """Return an IPC/CPC code in ``"H01L 21/02"`` form, or ``None`` if unreadable.

    The rules live in :func:`patnet.classify.ipc.normalize_code` (one
    implementation for the loaders and the classifier): ``"H01L21/02"``,
    ``"H01L0021020000"``, IPC-7 fixed width (``"A45F  504"`` is A45F 5/04),
    a bare subclass; CPC also has section Y.

    Examples
    --------
    >>> from patnet.io._clean import normalize_class_code
    >>> normalize_class_code("H01L21/02"), normalize_class_code("A45F  504")
    ('H01L 21/02', 'A45F 5/04')
    >>> normalize_class_code("Y02E 10/50", "cpc")
    'Y02E 10/50'
    """
    from ..classify.ipc import normalize_code

    return normalize_code(code, scheme=scheme)
