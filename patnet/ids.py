"""Identifiers: patent numbers in one canonical form.

USPTO writes a patent number in several ways: ``06836899`` in grant XML,
``6836899`` in PatentsView, ``US 6,836,899 B2`` in citations, ``D0513425``
and ``D513425`` for a design, and spreadsheets turn it into ``6836899.0`` or
``6.8369E+06``. patnet keeps the PatentsView form: an optional type prefix
(``D``, ``RE``, ``PP``, ``H``, ``T``, ``X``, ``AI``, ``RX``) followed by the
number without leading zeros.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["normalize_patent_id", "normalize_patent_ids", "CANONICAL_PATENT_ID"]

_PREFIXES = "RE|PP|AI|RX|D|H|T|X|P"
#: A patent id already in canonical form.
CANONICAL_PATENT_ID = re.compile(rf"^(?:{_PREFIXES})?[1-9][0-9]*$")
_FLOAT_FORM = re.compile(r"^([0-9]+)\.0+$")
_SCI_FORM = re.compile(r"^[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+$")
_GENERAL = re.compile(rf"^(?:US)?[\s-]*({_PREFIXES})?[\s-]*0*([1-9][0-9,\s]*?)(?:[\s-]*(?:[ABSEPH][0-9]?))?$")


def normalize_patent_id(value):
    """Return ``(canonical_id, what_changed)`` for one patent number.

    ``what_changed`` is ``None`` when the value was already canonical, a
    short label otherwise (``"leading zeros"``, ``"float form"``, ``"US
    prefix / kind / separators"``), or ``"unrecoverable"`` (with
    ``canonical_id`` None) for values such as ``1.23457E+12`` that a
    spreadsheet rounded: the digits are gone and no rule can bring them back.

    Examples
    --------
    >>> from patnet.ids import normalize_patent_id
    >>> normalize_patent_id("06836899")
    ('6836899', 'leading zeros')
    >>> normalize_patent_id("D0513425")
    ('D513425', 'leading zeros')
    >>> normalize_patent_id("6836899.0")
    ('6836899', 'float form')
    >>> normalize_patent_id("US 6,836,899 B2")
    ('6836899', 'US prefix / kind / separators')
    >>> normalize_patent_id("1.23457E+12")
    (None, 'unrecoverable')
    """
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None, "missing"
    s = str(value).strip().upper()
    if CANONICAL_PATENT_ID.match(s):
        return s, None
    m = _FLOAT_FORM.match(s)
    if m:
        return normalize_patent_id(m.group(1))[0], "float form"
    if _SCI_FORM.match(s):
        return None, "unrecoverable"
    m = re.match(rf"^({_PREFIXES})?0+([1-9][0-9]*)$", s)
    if m:
        return (m.group(1) or "") + m.group(2), "leading zeros"
    m = _GENERAL.match(s)
    if m:
        digits = re.sub(r"[,\s]", "", m.group(2))
        if digits.isdigit():
            return (m.group(1) or "") + digits, "US prefix / kind / separators"
    return None, "unrecoverable"


def normalize_patent_ids(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Vectorised :func:`normalize_patent_id`.

    Returns
    -------
    ids : pandas.Series of string
        Canonical ids (missing where unrecoverable).
    changed : pandas.Series of object
        The ``what_changed`` label per value (``None`` where unchanged).

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.ids import normalize_patent_ids
    >>> ids, changed = normalize_patent_ids(pd.Series(["6836899", "06836899"]))
    >>> ids.tolist(), changed.tolist()
    (['6836899', '6836899'], [None, 'leading zeros'])
    """
    s = pd.Series(values, copy=False).astype("string")
    arr = pa.array(s.array, from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if arr.type != pa.large_string():
        arr = arr.cast(pa.large_string())
    stripped = pc.utf8_upper(pc.utf8_trim_whitespace(arr))
    # plain numbers without a leading zero (almost every id) without a regex; the rest with it
    ok = pc.fill_null(pc.and_not(pc.ascii_is_decimal(stripped), pc.starts_with(stripped, "0")),
                      False).to_numpy(zero_copy_only=False).copy()
    missing = s.isna().to_numpy()
    rest = ~ok & ~missing
    if rest.any():
        ok[rest] = pc.fill_null(pc.match_substring_regex(
            stripped.filter(pa.array(rest)), CANONICAL_PATENT_ID.pattern), False
        ).to_numpy(zero_copy_only=False)
    ids = pd.Series(pd.arrays.ArrowStringArray(stripped), index=s.index, dtype="string")
    changed = pd.Series(np.full(len(s), None, dtype=object), index=s.index)
    changed[missing] = "missing"
    todo = ~ok & ~missing
    if todo.any():
        res = [normalize_patent_id(v) for v in ids[todo].tolist()]
        ids = ids.copy()
        ids.loc[todo] = pd.array([r[0] for r in res], dtype="string")
        changed.loc[todo] = [r[1] for r in res]
    return ids, changed
