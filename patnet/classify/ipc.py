"""IPC codes: parse and normalise them, and give their sections and WIPO technology fields.

:func:`ipc` reads IPC codes in the forms real data use and describes each
one (section, class, subclass, main group, section title, WIPO technology
field and sector). :func:`assign_fields` gives every patent of a corpus its
technical field(s) at a chosen level, with whole or fractional counting.

Forms read (case and surrounding blanks do not matter), all normalised to
``"H01L 21/02"`` (subclass, space, main group, slash, subgroup):

- spaced or padded, as in PATSTAT and DOCDB: ``"H01L 21/02"``, ``"H01L  21/02"``;
- unspaced: ``"H01L21/02"``;
- zero-padded main group (USPTO XML of 2001-2005): ``"G06F015/16"`` -> ``"G06F 15/16"``;
- the official 14-character form: ``"H01L0021020000"``;
- the IPC-7 fixed-width form of grants up to 2005: ``"A45F  504"`` -> ``"A45F 5/04"``,
  ``"H01L 21302"`` -> ``"H01L 21/302"``, ``"C07C24900"`` -> ``"C07C 249/00"``;
- with a version or an EPO date block: ``"H01L 21/02 (2006.01)"``,
  ``"H01L  21/02        20060101AFI20051220BHEP"``;
- full-width characters (read after Unicode NFKC normalisation);
- a subclass alone, ``"H01L"``, which stays ``"H01L"``.

The IPC-7 fixed-width form is read by position (four characters of
subclass, the main group right-aligned in three, then the subgroup), so its
spaces are part of the code: ``"A45F  504"`` is A45F 5/04, while the
whitespace-collapsed ``"A45F 504"`` gives a missing code rather than a
guess. Keep those spaces when cleaning data: a collapsed string with a long
subgroup can look like another valid code. Subgroups are written with at least two digits
(``21/2`` -> ``21/02``, as a subgroup read as a number would be) and
without trailing zeros beyond the second digit (``21/020`` -> ``21/02``,
as in the official form). A string holding several codes
(``"A61B5/11;A61B3/113"``) is not a code: split it first.

Examples
--------
>>> from patnet.classify.ipc import ipc
>>> t = ipc(["H01L21/02", "A45F  504", "A61K0008970000", "junk"])
>>> t["code"].tolist()
['H01L 21/02', 'A45F 5/04', 'A61K 8/97', <NA>]
>>> t["wipo_field_title"].tolist()
['Semiconductors', 'Other consumer goods', 'Organic fine chemistry', <NA>]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

import numpy as np
import pandas as pd
import pyarrow as pa

from ..corpus import PatentCorpus
from ..exceptions import PatnetInputError
from ..schema import did_you_mean

__all__ = [
    "ipc",
    "normalize_code",
    "normalize_codes",
    "assign_fields",
    "ipc_sections",
    "wipo_fields",
    "wipo_concordance",
    "LEVELS",
    "COUNTINGS",
    "STUDY1_TABLE4",
]

#: Named levels of :func:`assign_fields` (a mapping is also accepted).
LEVELS = ("section", "class", "subclass", "wipo_field", "wipo_sector")
#: Counting rules of :func:`assign_fields`.
COUNTINGS = ("whole", "fractional")
_SCHEMES = ("ipc", "cpc", "wipo")

# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_FLAGS = re.ASCII
# trailing version "(2006.01)" as printed on grants, or an EPO/DOCDB date block
_SUFFIX = r"(?:\s*\(\s*\d{4}\.\d{2}\s*\)|\s+(?:19|20)\d{6}\S*(?:\s.*)?)?"
_SLASH = re.compile(
    r"^([A-Z])\s*(\d{2})\s*([A-Z])\s*(\d{1,4})\s*/\s*(\d{1,6})" + _SUFFIX + r"$", _FLAGS)
_OFFICIAL = re.compile(r"^([A-Z])(\d{2})([A-Z])(\d{4})(\d{6})$", _FLAGS)
_IPC7 = re.compile(r"^([A-H])(\d{2})([A-Z])( \d{2}|  \d|\d{3})(\d{2,4})$", _FLAGS)
_SUBCLASS = re.compile(r"^([A-Z])\s*(\d{2})\s*([A-Z])$", _FLAGS)
_SECTIONS = {"ipc": frozenset("ABCDEFGH"), "cpc": frozenset("ABCDEFGHY")}


def _subgroup(sg: str) -> str:
    if len(sg) < 2:
        return sg.zfill(2)
    return sg[:2] + sg[2:].rstrip("0")


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return bool(np.isnan(value))
    return False


def normalize_code(code, *, scheme: str = "ipc") -> str | None:
    """Return one IPC (or CPC) code in ``"H01L 21/02"`` form, or ``None``.

    Parameters
    ----------
    code : object
        The code as written in the source (see the forms in
        :mod:`patnet.classify.ipc`). Anything that cannot be read (including
        non-text values and missing values) gives ``None``; this function
        never raises on a value.
    scheme : {"ipc", "cpc"}
        ``"cpc"`` also accepts section ``Y`` (``"Y02E 10/50"``).

    Returns
    -------
    str or None
        ``"H01L 21/02"`` (subclass, space, main group, slash, subgroup), the
        subclass alone (``"H01L"``) when that is all the code gives, or
        ``None``. Normalising a normalised code returns it unchanged.

    Examples
    --------
    >>> from patnet.classify.ipc import normalize_code
    >>> normalize_code("H01L21/02"), normalize_code("A45F  504"), normalize_code("C07C24900")
    ('H01L 21/02', 'A45F 5/04', 'C07C 249/00')
    >>> normalize_code("H01L0021020000"), normalize_code("g06f015/16 (2006.01)")
    ('H01L 21/02', 'G06F 15/16')
    >>> normalize_code("H01L"), normalize_code("A45F 504"), normalize_code(None)
    ('H01L', None, None)
    >>> normalize_code("Y02E 10/50"), normalize_code("Y02E 10/50", scheme="cpc")
    (None, 'Y02E 10/50')
    """
    if scheme not in _SECTIONS:
        raise PatnetInputError(f"unknown scheme {scheme!r}{did_you_mean(scheme, _SECTIONS)}",
                               hint="Use scheme='ipc' or scheme='cpc'")
    s = _text(code)
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", s).upper().strip()
    if len(s) > 80:
        return None
    sections = _SECTIONS[scheme]
    m = _SLASH.match(s) or _OFFICIAL.match(s) or _IPC7.match(s)
    if m:
        sec, cls, sub, mg, sg = m.groups()
        mg = int(mg)
        if sec not in sections or cls == "00" or mg < 1:
            return None
        if m.re is _OFFICIAL:
            sg = sg.rstrip("0").ljust(2, "0")
        return f"{sec}{cls}{sub} {mg}/{_subgroup(sg)}"
    m = _SUBCLASS.match(s)
    if m:
        sec, cls, sub = m.groups()
        if sec not in sections or cls == "00":
            return None
        return f"{sec}{cls}{sub}"
    return None


def _as_series(values) -> pd.Series:
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, (str, bytes)) or not np.iterable(values):
        return pd.Series([values], dtype=object)
    return pd.Series(list(values), dtype=object)


def _text(value) -> str | None:
    """``str(value)``, or None for a missing value or one whose text cannot be made."""
    if _is_missing(value):
        return None
    if isinstance(value, str):
        return value
    try:
        return str(value)
    except Exception:  # noqa: BLE001 - such a value is unreadable, not an error
        return None


def _factorize(s: pd.Series):
    try:
        return pd.factorize(s, use_na_sentinel=True)
    except TypeError:  # unhashable values (lists, dicts): read them through their text
        return pd.factorize(s.map(_text).astype(object), use_na_sentinel=True)


def normalize_codes(values, *, scheme: str = "ipc") -> pd.Series:
    """Normalise many codes (vectorised over the distinct values).

    Parameters
    ----------
    values : array-like or pandas.Series
        Codes in any of the forms :func:`normalize_code` reads.
    scheme : {"ipc", "cpc"}

    Returns
    -------
    pandas.Series of string dtype
        Normalised codes, ``<NA>`` where unreadable; the index of ``values``
        is kept when it is a Series.

    Examples
    --------
    >>> from patnet.classify.ipc import normalize_codes
    >>> normalize_codes(["H01L 2102", "H01L21/02", "?"]).tolist()
    ['H01L 21/02', 'H01L 21/02', <NA>]
    """
    s = _as_series(values)
    codes, uniques = _factorize(s)
    norm = pa.array([normalize_code(u, scheme=scheme) for u in uniques] + [None],
                    type=pa.large_string())
    # one Arrow gather of the few distinct results (no Python string per value)
    out = norm.take(np.where(codes >= 0, codes, len(norm) - 1))
    return pd.Series(pd.arrays.ArrowStringArray(out), index=s.index, name=s.name,
                     dtype=pd.StringDtype("pyarrow"))


# ---------------------------------------------------------------------------
# Reference tables
# ---------------------------------------------------------------------------

def _read_data(name: str) -> pd.DataFrame:
    path = resources.files(__package__).joinpath("data", name)
    with path.open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False, comment="#")


@cache
def _tables():
    sections = _read_data("ipc_sections.csv")
    conc = _read_data("wipo_fields.csv")
    conc["field"] = conc["field"].astype(int)
    fields = (conc[["field", "field_title", "sector"]].drop_duplicates()
              .sort_values("field").reset_index(drop=True))
    return {
        "section_titles": dict(zip(sections["section"], sections["title"])),
        "sections": sections,
        "concordance": conc,
        "fields": fields,
        "prefix_field": dict(zip(conc["prefix"], conc["field"])),
        "field_title": dict(zip(fields["field"], fields["field_title"])),
        "field_sector": dict(zip(fields["field"], fields["sector"])),
    }


def ipc_sections() -> pd.DataFrame:
    """The eight IPC sections and their titles.

    Returns
    -------
    pandas.DataFrame
        Columns ``section`` (``"A"`` .. ``"H"``) and ``title`` (sentence
        case, e.g. ``"Performing operations; transporting"``).

    Examples
    --------
    >>> from patnet.classify.ipc import ipc_sections
    >>> ipc_sections().set_index("section")["title"]["H"]
    'Electricity'
    """
    return _tables()["sections"].astype("string")


def wipo_fields() -> pd.DataFrame:
    """The 35 WIPO technology fields with their titles and sectors.

    Returns
    -------
    pandas.DataFrame
        Columns ``field`` (1..35), ``field_title`` and ``sector`` (one of
        Electrical engineering, Instruments, Chemistry, Mechanical
        engineering, Other fields), ordered by field.

    Examples
    --------
    >>> from patnet.classify.ipc import wipo_fields
    >>> f = wipo_fields()
    >>> len(f), f["sector"].nunique(), f.loc[f["field"] == 8, "field_title"].item()
    (35, 5, 'Semiconductors')
    """
    f = _tables()["fields"].copy()
    f["field"] = f["field"].astype("Int64")
    f[["field_title", "sector"]] = f[["field_title", "sector"]].astype("string")
    return f


def wipo_concordance() -> pd.DataFrame:
    """WIPO's IPC -> technology field concordance as patnet uses it.

    One row per pattern of the concordance (Schmoch 2008, updated by WIPO to
    2019, as shipped by PatentsView): ``prefix`` (a prefix of normalised
    codes: a subclass ``"F21H"`` or a main group ``"A61K 8/"``), ``field``,
    ``field_title``, ``sector``, the source's ``pattern`` (an SQL LIKE
    pattern such as ``"A61K   8/%"``), ``updated_on`` and ``remark``.

    Notes
    -----
    No subclass has both a subclass-level and a main-group-level pattern.
    Six subclasses are split among fields by main group (A61K, B01D, C13B,
    E01F, G01N, H04N); a code that gives only one of those subclasses has no
    field. The concordance keeps a few withdrawn IPC entries (C12S,
    C13C-C13J, F24J, B01D 52/, H04N 15/), which helps with old grants, and
    predates the IPC 2023 subclasses H10B, H10K and H10N, which have no
    field.

    Examples
    --------
    >>> from patnet.classify.ipc import wipo_concordance
    >>> c = wipo_concordance()
    >>> c.loc[c["prefix"] == "A61K 8/", ["pattern", "field", "field_title"]].values.tolist()
    [['A61K   8/%', 14, 'Organic fine chemistry']]
    """
    c = _tables()["concordance"].copy()
    c["field"] = c["field"].astype("Int64")
    for col in c.columns:
        if col != "field":
            c[col] = c[col].astype("string")
    return c


#: A reconstruction of the technical fields of Chen's Table 4 (Study 1) as a
#: prefix -> label table for :func:`assign_fields`. The paper gives its
#: categories (Electricity, Human necessities, Physics, Chemistry,
#: Operations, Metallurgy, Mechanical engineering, Transport, Lighting) but
#: not how it formed them. Here each IPC section title is split at its
#: semicolons and each part gets the classes of the matching IPC subsection:
#: B60-B68 Transport (rest of B: Operations), C21-C30 Metallurgy (rest of C:
#: Chemistry), D21 Paper (rest of D: Textiles), F21 Lighting, F22-F28
#: Heating, F41 Weapons, F42 Blasting (rest of F: Mechanical engineering).
#: The longest prefix wins. Read-only: copy it to edit,
#: ``{**STUDY1_TABLE4, "F21": "Illumination"}``.
STUDY1_TABLE4 = MappingProxyType({
    "A": "Human necessities",
    "B": "Operations",
    **{f"B{c}": "Transport" for c in range(60, 69)},
    "C": "Chemistry",
    **{c: "Metallurgy" for c in ("C21", "C22", "C23", "C25", "C30")},
    "D": "Textiles",
    "D21": "Paper",
    "E": "Fixed constructions",
    "F": "Mechanical engineering",
    "F21": "Lighting",
    **{f"F{c}": "Heating" for c in range(22, 29)},
    "F41": "Weapons",
    "F42": "Blasting",
    "G": "Physics",
    "H": "Electricity",
})

# ---------------------------------------------------------------------------
# Prefix tables (longest prefix wins, on code components)
# ---------------------------------------------------------------------------

_REASON_MISSING = "missing"
_REASON_UNREADABLE = "unreadable code"
_REASON_SPLIT = "subclass only, and the table splits this subclass by main group"
_REASON_NO_PREFIX = "no matching prefix in the table"

_PREFIX_SECTION = re.compile(r"^[A-HY]$", _FLAGS)
_PREFIX_CLASS = re.compile(r"^[A-HY]\d{2}$", _FLAGS)
_PREFIX_MAIN_GROUP = re.compile(r"^([A-HY]\d{2}[A-Z])\s*(\d{1,4})\s*/?$", _FLAGS)


def _normalize_prefix(prefix) -> str:
    """A mapping key in canonical form: 'H', 'H01', 'H01L', 'H01L 21/' or 'H01L 21/02'."""
    if not isinstance(prefix, str):
        raise PatnetInputError("mapping prefixes must be text", value=prefix,
                               hint="Write prefixes as 'H', 'H01', 'H01L', 'H01L 21/' or 'H01L 21/02'")
    p = unicodedata.normalize("NFKC", prefix).upper().strip().rstrip("%*").rstrip()
    if _PREFIX_SECTION.match(p) or _PREFIX_CLASS.match(p):
        return p
    m = _PREFIX_MAIN_GROUP.match(p)
    if m and int(m.group(2)) >= 1:
        return f"{m.group(1)} {int(m.group(2))}/"
    code = normalize_code(p, scheme="cpc")
    if code is not None:
        return code
    raise PatnetInputError(
        "cannot read mapping prefix", value=prefix,
        hint="Write prefixes as a section 'H', class 'H01', subclass 'H01L', main group "
             "'H01L 21/' or group 'H01L 21/02' (SQL LIKE patterns such as 'A61K   8/%' also work)",
    )


def _as_mapping(level) -> dict:
    if isinstance(level, pd.DataFrame):
        cols = list(level.columns)
        if "prefix" in cols and ("label" in cols or "field" in cols):
            keys, labels = level["prefix"], level["label" if "label" in cols else "field"]
        elif len(cols) == 2:
            keys, labels = level[cols[0]], level[cols[1]]
        else:
            raise PatnetInputError(
                f"a mapping table needs columns 'prefix' and 'label', got {cols}",
                hint="Pass a DataFrame with columns prefix, label (or a dict prefix -> label)")
        items = list(zip(keys.tolist(), labels.tolist()))
    elif isinstance(level, pd.Series):
        items = list(level.items())
    else:
        items = list(level.items())
    out: dict[str, str] = {}
    for key, label in items:
        if _is_missing(label):
            raise PatnetInputError("mapping labels must not be missing", value=key,
                                   hint="Give every prefix a label, or leave the prefix out")
        k = _normalize_prefix(key)
        label = str(label)
        if k in out and out[k] != label:
            raise PatnetInputError(
                f"prefix {k!r} is given two labels ({out[k]!r} and {label!r})", value=key,
                hint="Keep one label per prefix")
        out[k] = label
    if not out:
        raise PatnetInputError("the mapping is empty", hint="Give at least one prefix -> label")
    return out


def _lookup_one(code, table: Mapping, split: frozenset):
    """(label, reason) of one normalised code (or None) by longest prefix in ``table``."""
    if code is None:
        return None, _REASON_UNREADABLE
    if "/" in code:
        main = code.split("/", 1)[0] + "/"
        for key in (code, main, code[:4], code[:3], code[:1]):
            label = table.get(key)
            if label is not None:
                return label, None
        return None, _REASON_NO_PREFIX
    if code[:4] in split:
        return None, _REASON_SPLIT
    for key in (code[:4], code[:3], code[:1]):
        label = table.get(key)
        if label is not None:
            return label, None
    return None, _REASON_NO_PREFIX


def _prefix_lookup(codes: pd.Series, table: Mapping) -> tuple[pd.Series, pd.Series]:
    """Labels of normalised ``codes`` by longest prefix in ``table`` (canonical keys).

    Prefixes match on whole components (section, class, subclass, main group
    ``'H01L 21/'``, group ``'H01L 21/02'``), so ``'A61K 8/'`` never matches
    ``'A61K 80/12'`` and ``'H01L 21/02'`` does not match ``'H01L 21/025'``.
    A subclass-only code gets no label when the table splits its subclass
    by main group or group. Returns the labels and, where a code has no
    label, the reason (object Series, ``None`` where not applicable);
    worked out once per distinct code.
    """
    split = frozenset(k[:4] for k in table if len(k) > 4)
    idx, uniques = pd.factorize(codes.astype("string"), use_na_sentinel=True)
    pairs = [_lookup_one(u, table, split) for u in uniques] + [(None, _REASON_UNREADABLE)]
    take = np.where(idx >= 0, idx, len(pairs) - 1)
    labels = np.array([p[0] for p in pairs], dtype=object)[take]
    reasons = np.array([p[1] for p in pairs], dtype=object)[take]
    return (pd.Series(labels, index=codes.index, dtype=object),
            pd.Series(reasons, index=codes.index, dtype=object))


# ---------------------------------------------------------------------------
# ipc()
# ---------------------------------------------------------------------------

_IPC_COLUMNS = ("input", "code", "section", "class", "subclass", "main_group", "group",
                "section_title", "wipo_field", "wipo_field_title", "wipo_sector", "valid",
                "wipo_reason")


def _describe(codes: pd.Index) -> pd.DataFrame:
    """One row per distinct normalised code."""
    t = _tables()
    s = pd.Series(codes, dtype="string")
    has_group = s.str.contains("/", regex=False).fillna(False).astype(bool)
    fields, reason = _prefix_lookup(s, t["prefix_field"])
    fields = pd.array(fields.tolist(), dtype="Int64")
    section = s.str[:1]
    return pd.DataFrame({
        "code": s,
        "section": section,
        "class": s.str[:3],
        "subclass": s.str[:4],
        "main_group": s.str.split("/", n=1).str[0].astype("string").where(has_group),
        "group": s.where(has_group),
        "section_title": section.map(t["section_titles"]).astype("string"),
        "wipo_field": fields,
        "wipo_field_title": pd.Series(fields).map(t["field_title"]).astype("string"),
        "wipo_sector": pd.Series(fields).map(t["field_sector"]).astype("string"),
        "wipo_reason": reason.astype("string"),
    })


def ipc(codes) -> pd.DataFrame:
    """Parse IPC codes and describe each one: parts, section title, WIPO field.

    Parameters
    ----------
    codes : str or array-like or pandas.Series
        IPC codes in any form :func:`normalize_code` reads. Unreadable
        values (and missing ones) give a row of missing values with
        ``valid`` False; this function never raises on a value.

    Returns
    -------
    pandas.DataFrame
        One row per input, in input order (the index of a Series input is
        kept), with columns

        - ``input``: the value as given (as text);
        - ``code``: normalised, ``"H01L 21/02"``, or ``"H01L"`` when only
          the subclass is known;
        - ``section`` ``"H"``, ``class`` ``"H01"``, ``subclass`` ``"H01L"``,
          ``main_group`` ``"H01L 21"``, ``group`` ``"H01L 21/02"`` (the last
          two missing for a subclass-only code);
        - ``section_title``: ``"Electricity"``;
        - ``wipo_field`` (1..35, ``Int64``), ``wipo_field_title``,
          ``wipo_sector``: WIPO technology field by the longest matching
          prefix of the concordance (see :func:`wipo_concordance`);
        - ``valid``: whether the code could be read;
        - ``wipo_reason``: why ``wipo_field`` is missing, else ``<NA>``:
          ``"missing"``, ``"unreadable code"``, ``"subclass only, and the
          table splits this subclass by main group"`` (e.g. ``"A61K"``:
          A61K 8/ is Organic fine chemistry, the rest of A61K
          Pharmaceuticals; patnet does not pick the likelier one) or ``"no
          matching prefix in the table"`` (e.g. the IPC 2023 subclass H10K).

    Notes
    -----
    The work is done once per distinct code. ``valid`` checks the form of a
    code (section A-H, two-digit class other than 00, subclass letter, main
    group from 1), not that the IPC edition in force lists it.

    Examples
    --------
    >>> from patnet.classify.ipc import ipc
    >>> t = ipc(["H01L 21/02", "A61K", "A61K 31/40", "F21V 8/00", None])
    >>> t[["code", "main_group", "section_title", "wipo_field"]].values.tolist()
    [['H01L 21/02', 'H01L 21', 'Electricity', 8], ['A61K', <NA>, 'Human necessities', <NA>], \
['A61K 31/40', 'A61K 31', 'Human necessities', 16], ['F21V 8/00', 'F21V 8', \
'Mechanical engineering; lighting; heating; weapons; blasting', 1], [<NA>, <NA>, <NA>, <NA>]]
    >>> t["valid"].tolist()
    [True, True, True, True, False]
    >>> t.loc[1, "wipo_reason"]
    'subclass only, and the table splits this subclass by main group'
    """
    s = _as_series(codes)
    raw_idx, raw_uniques = _factorize(s)
    text = [_text(u) for u in raw_uniques]
    canon = pd.array([normalize_code(u) for u in raw_uniques], dtype="string")
    code_idx, code_uniques = pd.factorize(canon, use_na_sentinel=True)
    desc = _describe(pd.Index(code_uniques))
    # row -> distinct input -> distinct code; -1 (missing / unreadable) -> the appended NA row
    per_input = np.append(np.where(code_idx >= 0, code_idx, len(desc)), len(desc))
    take = per_input[np.where(raw_idx >= 0, raw_idx, len(text))]
    out = {"input": pd.array(text + [None], dtype="string").take(
        np.where(raw_idx >= 0, raw_idx, len(text)))}
    for col in _IPC_COLUMNS[1:]:
        if col == "valid":
            out[col] = take < len(desc)
        else:
            arr = desc[col].array
            out[col] = pd.array(list(arr) + [pd.NA], dtype=arr.dtype).take(take)
    out = pd.DataFrame(out, index=s.index)
    out.loc[~out["valid"].to_numpy(), "wipo_reason"] = _REASON_UNREADABLE
    out.loc[out["input"].isna().to_numpy(), "wipo_reason"] = _REASON_MISSING
    return out


# ---------------------------------------------------------------------------
# assign_fields()
# ---------------------------------------------------------------------------

_WIPO_NUMBER = re.compile(r"^0*([1-9]|[12]\d|3[0-5])$", _FLAGS)


def _labeller(level, scheme: str):
    """``(label_of, titles, mapping)``: ``label_of(raw) -> (label or None, reason or None)``."""
    t = _tables()
    field_titles = {str(k): v for k, v in t["field_title"].items()}
    if scheme == "wipo":
        if not (isinstance(level, str) and level in ("wipo_field", "wipo_sector")):
            raise PatnetInputError(
                f"classes of scheme 'wipo' are technology fields and cannot give level {level!r}",
                hint="Use level='wipo_field' or level='wipo_sector' with scheme='wipo', "
                     "or scheme='ipc' for IPC-based levels")

        def label_of(raw):
            m = None if _is_missing(raw) else _WIPO_NUMBER.match(str(raw).strip())
            if m is None:
                return None, _REASON_UNREADABLE
            n = int(m.group(1))
            return (str(n) if level == "wipo_field" else t["field_sector"][n]), None

        return label_of, (field_titles if level == "wipo_field" else {}), None

    def with_code(fn):
        def label_of(raw):
            code = normalize_code(raw, scheme=scheme)
            if code is None:
                return None, _REASON_UNREADABLE
            return fn(code)
        return label_of

    if isinstance(level, str):
        if level == "section":
            return with_code(lambda c: (c[0], None)), dict(t["section_titles"]), None
        if level == "class":
            return with_code(lambda c: (c[:3], None)), {}, None
        if level == "subclass":
            return with_code(lambda c: (c[:4], None)), {}, None
        if level in ("wipo_field", "wipo_sector"):
            table = t["prefix_field"]
            split = frozenset(k[:4] for k in table if len(k) > 4)

            def wipo(code):
                n, reason = _lookup_one(code, table, split)
                if n is None:
                    return None, reason
                return (str(n) if level == "wipo_field" else t["field_sector"][n]), None

            return with_code(wipo), (field_titles if level == "wipo_field" else {}), None
        raise PatnetInputError(
            f"unknown level {level!r}{did_you_mean(level, LEVELS)}",
            hint=f"Valid levels are {', '.join(map(repr, LEVELS))}, or a mapping prefix -> label")
    if isinstance(level, (Mapping, pd.Series, pd.DataFrame)):
        table = _as_mapping(level)
        split = frozenset(k[:4] for k in table if len(k) > 4)
        return with_code(lambda c: _lookup_one(c, table, split)), {}, table
    raise PatnetInputError(
        f"level must be a level name or a mapping, got {type(level).__name__}",
        hint=f"Valid levels are {', '.join(map(repr, LEVELS))}, or a dict prefix -> label")


def _resolve(codes: pd.Series, label_of):
    """Labels and reasons (object arrays, None where not applicable), once per distinct code."""
    idx, uniques = _factorize(codes)
    pairs = [label_of(u) for u in uniques] + [label_of(None)]
    take = np.where(idx >= 0, idx, len(pairs) - 1)
    labels = np.array([p[0] for p in pairs], dtype=object)[take]
    reasons = np.array([p[1] for p in pairs], dtype=object)[take]
    return labels, reasons


def assign_fields(corpus: PatentCorpus, level="section", *, scheme: str = "ipc",
                  counting: str = "whole", main_only: bool = False) -> pd.DataFrame:
    """The technical field(s) of every patent, as a tidy long table.

    Parameters
    ----------
    corpus : PatentCorpus
    level : {"section", "class", "subclass", "wipo_field", "wipo_sector"} or mapping
        What a field is: an IPC section (``"H"``), class (``"H01"``),
        subclass (``"H01L"``), WIPO technology field (``"8"``, of 35) or
        WIPO sector (``"Electrical engineering"``, of 5); or the user's own
        table as a dict / Series ``prefix -> label`` or a DataFrame with
        columns ``prefix`` and ``label``. Prefixes are sections, classes,
        subclasses, main groups (``"A61K 8/"``, ``"A61K 8"`` or the SQL LIKE
        ``"A61K   8/%"``) or groups (``"H01L 21/02"``, matched exactly); the
        longest matching prefix wins, on whole parts of the code (``"A61K
        8/"`` does not match ``"A61K 80/12"``). A code that gives only a
        subclass which the table splits below the subclass level (WIPO:
        A61K, B01D, C13B, E01F, G01N, H04N) gets no field rather than a
        guess. :data:`STUDY1_TABLE4` is an example.
    scheme : {"ipc", "cpc", "wipo"}
        Which rows of ``corpus.classes`` to read. CPC codes are read with
        the IPC tables (they share IPC's form; section Y maps to no WIPO
        field). ``"wipo"`` reads rows whose codes are WIPO field numbers
        (``"1"`` .. ``"35"``), for ``level="wipo_field"`` or ``"wipo_sector"``.
    counting : {"whole", "fractional"}
        ``"whole"``: weight 1 for each distinct field of a patent (a patent
        with k fields counts k times in total); ``"fractional"``: weight
        1/k for each of its k distinct fields, so a patent's weights sum
        to 1. ``"full"`` is accepted as another name for ``"whole"``.
    main_only : bool
        Use only each patent's main class (``is_main``); patents whose
        classes have no main class are then unclassified.

    Returns
    -------
    pandas.DataFrame
        Columns ``patent_id``, ``field`` (string) and ``weight`` (float),
        one row per patent x distinct field, sorted by patent and field.
        Every patent of the corpus is in it: a patent with no field at this
        level (no class of the scheme, or none that maps) has one row with
        ``field`` missing and weight 1, so the table's weights sum to the
        number of patents under fractional counting; ``groupby("field")``
        leaves those rows out unless given ``dropna=False``.

        ``df.attrs`` records ``level`` (``"mapping"`` for a user table, which
        is then in ``mapping``), ``scheme``, ``counting``, ``main_only``,
        ``n_patents``, ``unclassified`` (patents without a field),
        ``unclassified_without_codes`` (those of them with no class row to
        read at all), ``unmapped_codes`` (class rows that gave no field),
        ``unmapped_reasons`` (reason -> rows) and ``titles`` (field ->
        title, for sections and WIPO fields).

    Raises
    ------
    PatnetInputError
        An unknown level, counting or scheme, or an unreadable mapping.

    Examples
    --------
    >>> from patnet.classify.ipc import STUDY1_TABLE4, assign_fields
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN"], "2": ["CN"], "3": ["SG"]},
    ...                 classes={"1": ["H01L 21/02", "G06F 3/01"], "2": ["A61K 31/40"]})
    >>> f = assign_fields(c, "section", counting="fractional")
    >>> f.values.tolist()
    [['1', 'G', 0.5], ['1', 'H', 0.5], ['2', 'A', 1.0], ['3', <NA>, 1.0]]
    >>> f.attrs["unclassified"], f.attrs["counting"]
    (1, 'fractional')
    >>> w = assign_fields(c, "wipo_field")
    >>> w.dropna().values.tolist()
    [['1', '6', 1.0], ['1', '8', 1.0], ['2', '16', 1.0]]
    >>> w.attrs["titles"]["16"]
    'Pharmaceuticals'
    >>> t = assign_fields(c, STUDY1_TABLE4, main_only=True)
    >>> t.dropna().groupby("field")["weight"].sum().to_dict()
    {'Electricity': 1.0, 'Human necessities': 1.0}
    """
    if not isinstance(corpus, PatentCorpus):
        raise PatnetInputError(f"assign_fields() takes a PatentCorpus, got {type(corpus).__name__}",
                               hint="Build one with patnet.PatentCorpus(...) or a patnet.io loader")
    if counting == "full":
        counting = "whole"
    if counting not in COUNTINGS:
        raise PatnetInputError(
            f"unknown counting {counting!r}{did_you_mean(counting, COUNTINGS)}",
            hint="Valid countings are 'whole' and 'fractional'")
    if scheme not in _SCHEMES:
        raise PatnetInputError(
            f"unknown scheme {scheme!r}{did_you_mean(scheme, _SCHEMES)}",
            hint=f"Valid schemes are {', '.join(map(repr, _SCHEMES))}")
    cls = corpus.classes
    cls = cls[(cls["scheme"] == scheme).fillna(False).to_numpy(dtype=bool)]
    if main_only:
        cls = cls[cls["is_main"].fillna(False).to_numpy(dtype=bool)]
    cls = cls.reset_index(drop=True)
    label_of, titles, mapping = _labeller(level, scheme)
    labels, reasons = _resolve(cls["code"], label_of)

    mapped = pd.DataFrame({"patent_id": cls["patent_id"].astype("string"),
                           "field": pd.array(labels, dtype="string")})
    mapped = mapped[mapped["field"].notna().to_numpy()].drop_duplicates()
    ids = pd.Index(corpus.patents["patent_id"].astype("string").unique())
    have = pd.Index(mapped["patent_id"].unique())
    unclassified = ids.difference(have)
    with_codes = pd.Index(cls["patent_id"].astype("string").unique())

    k = mapped.groupby("patent_id")["field"].transform("size").to_numpy()
    weight = np.ones(len(mapped)) if counting == "whole" else 1.0 / k
    out = pd.concat([
        mapped.assign(weight=weight),
        pd.DataFrame({"patent_id": pd.array(list(unclassified), dtype="string"),
                      "field": pd.array([pd.NA] * len(unclassified), dtype="string"),
                      "weight": np.ones(len(unclassified))}),
    ], ignore_index=True)
    distinct = out["field"].dropna().unique().tolist()
    if isinstance(level, str) and level == "wipo_field":
        distinct.sort(key=int)
    else:
        distinct.sort()
    rank = {f: i for i, f in enumerate(distinct)}
    out = (out.assign(_key=out["field"].map(rank))
           .sort_values(["patent_id", "_key"], kind="stable", na_position="last")
           .drop(columns="_key").reset_index(drop=True))
    out["weight"] = out["weight"].astype("float64")

    reasons = pd.Series(reasons[pd.notna(reasons)], dtype=object).value_counts()
    out.attrs = {
        "level": level if isinstance(level, str) else "mapping",
        "scheme": scheme,
        "counting": counting,
        "main_only": bool(main_only),
        "n_patents": int(len(ids)),
        "unclassified": int(len(unclassified)),
        "unclassified_without_codes": int(len(unclassified.difference(with_codes))),
        "unmapped_codes": int(reasons.sum()),
        "unmapped_reasons": {str(r): int(n) for r, n in reasons.items()},
        "titles": titles,
    }
    if mapping is not None:
        out.attrs["mapping"] = mapping
    return out
