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

from ._fast import arrow_text, map_blocks, positions

__all__ = ["normalize_patent_id", "normalize_patent_ids", "normalized_ids", "CANONICAL_PATENT_ID",
           "patent_keys", "id_positions", "IdIndex"]

_TEXT = pd.StringDtype("pyarrow")

#: What to do about an unreadable patent number (the hint of every reader's error).
UNREADABLE_HINT = ("A spreadsheet may have rounded it (e.g. 1.23457E+12): re-export the column "
                   "as text, or pass errors='report' to drop such rows")

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
    ids, where, labels = normalized_ids(values)
    changed = np.empty(len(ids), dtype=object)  # every entry None
    changed[where] = labels
    return ids, pd.Series(changed, index=ids.index, dtype=object, copy=False)


def normalized_ids(values) -> tuple[pd.Series, np.ndarray, list]:
    """:func:`normalize_patent_ids` for large columns: ``(ids, where, labels)``.

    ``where`` holds the positions of the values that changed (or are
    missing), ``labels`` their ``what_changed`` labels. A column whose every
    value is already canonical, as in PatentsView's tables, costs one pass
    over it and is returned without a copy.

    Examples
    --------
    >>> from patnet.ids import normalized_ids
    >>> ids, where, labels = normalized_ids(["6836899", " 06836899", None])
    >>> ids.tolist(), where.tolist(), labels
    (['6836899', '6836899', <NA>], [1, 2], ['leading zeros', 'missing'])
    """
    s = pd.Series(values, copy=False)
    s = s if s.dtype == _TEXT else s.astype(_TEXT)
    raw = arrow_text(s, combine=False)
    # already canonical (the usual case): plain numbers without a leading zero, checked
    # without a regex, and the few others (designs, reissues, plants) with it
    plain = np.array(pc.fill_null(pc.and_not(pc.ascii_is_decimal(raw), pc.starts_with(raw, "0")),
                                  False).to_numpy(zero_copy_only=False), dtype=bool)
    others = np.flatnonzero(~plain)
    if not len(others) or pc.all(pc.fill_null(pc.match_substring_regex(
            pc.take(raw, others), CANONICAL_PATENT_ID.pattern), False)).as_py():
        return s, np.zeros(0, dtype=np.int64), []
    stripped = pc.utf8_upper(pc.utf8_trim_whitespace(raw))
    # plain numbers without a leading zero (almost every id) without a regex; the rest with it
    ok = np.array(pc.fill_null(pc.and_not(pc.ascii_is_decimal(stripped),
                                          pc.starts_with(stripped, "0")), False)
                  .to_numpy(zero_copy_only=False), dtype=bool)
    missing = np.asarray(s.isna().to_numpy(), dtype=bool)
    rest = ~ok & ~missing
    if rest.any():
        ok[rest] = pc.fill_null(pc.match_substring_regex(
            pc.array_filter(stripped, pa.array(rest)), CANONICAL_PATENT_ID.pattern), False
        ).to_numpy(zero_copy_only=False)
    ids = pd.Series(pd.arrays.ArrowStringArray(stripped), index=s.index, dtype=_TEXT)
    todo = np.flatnonzero(~ok & ~missing)
    res = [normalize_patent_id(v) for v in ids.iloc[todo].tolist()]
    if len(todo):
        ids = ids.copy()
        ids.iloc[todo] = pd.array([r[0] for r in res], dtype=_TEXT)
    where = np.flatnonzero(missing | ~ok)  # in position order: missing ones and todo ones
    by_pos = dict(zip(todo.tolist(), (r[1] for r in res)))
    labels = [by_pos.get(i, "missing") for i in where.tolist()]
    return ids, where, labels


# type prefixes as key codes: a canonical id is code * 10**15 + its number
_KEY_PREFIXES = ("", "RE", "PP", "AI", "RX", "D", "H", "T", "X", "P")
_KEY_RE = r"^(?P<p>[A-Z]{0,2})(?P<n>[1-9][0-9]{0,14})$"


def patent_keys(ids) -> np.ndarray:
    """Canonical patent ids as 64-bit integer keys; -1 where missing or not canonical.

    The key of ``"D513425"`` is ``5 * 10**15 + 513425`` (the prefix's code
    times 10**15 plus the number), so equal keys mean equal ids and integer
    work (sorting, searching) replaces string work on millions of rows.
    Numbers of more than 15 digits get -1, like non-canonical text.

    Examples
    --------
    >>> from patnet.ids import patent_keys
    >>> patent_keys(["6836899", "D513425", "0123", None, "X"]).tolist()
    [6836899, 5000000000513425, -1, -1, -1]
    """
    return map_blocks(arrow_text(ids, combine=False), _block_keys)


def _block_keys(arr) -> np.ndarray:
    """:func:`patent_keys` of one Arrow string array."""
    n = len(arr)
    out = np.full(n, -1, dtype=np.int64)
    if not n:
        return out
    plain = pc.fill_null(pc.and_(
        pc.and_not(pc.ascii_is_decimal(arr), pc.starts_with(arr, "0")),
        pc.less_equal(pc.utf8_length(arr), 15)), False).to_numpy(zero_copy_only=False)
    if plain.all():
        return pc.cast(arr, pa.int64()).to_numpy(zero_copy_only=False)
    if plain.any():
        out[plain] = pc.cast(arr.filter(pa.array(plain)), pa.int64()).to_numpy(zero_copy_only=False)
    rest = ~plain & ~np.asarray(arr.is_null().to_numpy(zero_copy_only=False))
    if rest.any():
        parts = pc.extract_regex(arr.filter(pa.array(rest)), _KEY_RE)
        code = pc.index_in(pc.struct_field(parts, "p"),
                           value_set=pa.array(_KEY_PREFIXES, pa.large_string()))
        ok = pc.fill_null(pc.and_(pc.is_valid(parts), pc.is_valid(code)), False)
        num = pc.cast(pc.if_else(ok, pc.struct_field(parts, "n"),
                                 pa.scalar("0", pa.large_string())), pa.int64())
        key = pc.add(pc.multiply(pc.cast(pc.fill_null(code, 0), pa.int64()), 10**15), num)
        key = key.to_numpy(zero_copy_only=False).copy()
        key[~ok.to_numpy(zero_copy_only=False)] = -1
        out[rest] = key
    return out


class IdIndex:
    """Patent ids prepared for matching many columns against them (see :func:`id_positions`).

    The ids' integer keys (:func:`patent_keys`), and their lookup table or
    sort order, are computed once here, so matching several link tables
    against the same patents does that work once.

    Parameters
    ----------
    ids : sequence of str
        The ids to match against (canonical, or any text).
    keys : numpy.ndarray, optional
        ``patent_keys(ids)``, when the caller has them already.

    Examples
    --------
    >>> from patnet.ids import IdIndex
    >>> index = IdIndex(["D5", "9", "X1"])
    >>> index.positions(["7", "D5", None]).tolist(), index.positions(["X1", "9"]).tolist()
    ([-1, 0, -1], [2, 1])
    """

    def __init__(self, ids, *, keys=None):
        self.pool = arrow_text(ids)
        pk = patent_keys(self.pool) if keys is None else np.asarray(keys, dtype=np.int64)
        self.keys = pk
        self.text = bool((pk < 0).any())  # ids that are not canonical: match text
        self.table = None
        self.top = -1
        if self.text or not len(pk):
            return
        # plain numbers (keys below 10**15) through a lookup table when it is small enough
        # (US grant numbers: one entry per number up to the largest, 4 bytes each while the
        # positions fit), the rest by binary search
        plain = pk < 10**15
        top = int(pk[plain].max()) if plain.any() else -1
        if 0 <= top < max(16 * len(pk), 1 << 24):
            small = len(pk) < np.iinfo(np.int32).max
            self.table = np.full(top + 1, -1, dtype=np.int32 if small else np.int64)
            self.table[pk[plain]] = np.flatnonzero(plain)
            self.top = top
            rest = np.flatnonzero(~plain)
        else:
            rest = np.arange(len(pk))
        self.order = rest[np.argsort(pk[rest], kind="stable")]
        self.sorted_keys = pk[self.order]

    def positions(self, values) -> np.ndarray:
        """Position of each id of ``values`` among the index's ids (-1 where absent or missing)."""
        vals = arrow_text(values, combine=False)
        if self.text or not len(self.pool):  # ids that are not canonical: match the text
            return positions(vals, self.pool)
        return map_blocks(vals, lambda block: self._find(_block_keys(block)))

    def _find(self, vk: np.ndarray) -> np.ndarray:
        """Positions of the keys ``vk`` (-1 where absent or not canonical)."""
        out = np.full(len(vk), -1, dtype=np.int64)
        if self.table is not None:
            hit = (vk >= 0) & (vk <= self.top)
            out[hit] = self.table[vk[hit]]
            todo = np.flatnonzero(vk > self.top)
        else:
            todo = np.flatnonzero(vk >= 0)
        sk = self.sorted_keys
        if len(sk) and len(todo):
            want = vk[todo]
            j = np.minimum(np.searchsorted(sk, want), len(sk) - 1)
            out[todo] = np.where(sk[j] == want, self.order[j], -1)
        # a value that is not a canonical id (key -1) cannot equal one of these canonical ids
        return out


def id_positions(values, ids, *, ids_keys=None) -> np.ndarray:
    """Position of each patent id of ``values`` in ``ids`` (-1 where absent or missing).

    A repeated id in ``ids`` matches at one of its places. Canonical ids are matched as integer keys
    (:func:`patent_keys`: a lookup table or a binary search instead of
    hashing strings); anything else falls back to matching the text.
    ``ids_keys``, ``patent_keys(ids)`` computed once, saves computing it
    again; to match several columns against the same ids, build an
    :class:`IdIndex` once and call its ``positions``.

    Examples
    --------
    >>> from patnet.ids import id_positions
    >>> id_positions(["7", "D5", None, "9", "X1"], ["D5", "9", "X1"]).tolist()
    [-1, 0, -1, 1, 2]
    """
    return IdIndex(ids, keys=ids_keys).positions(values)
