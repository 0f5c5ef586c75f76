"""Country codes and names -> ISO 3166-1 alpha-2, saying how each value was read.

Patent records write the country of an inventor or applicant in many ways:
ISO codes, pre-1978 WIPO codes (``JA`` Japan, ``DT`` Germany, ``SF``
Finland), codes with a suffix (``JPX``, ``TWX``, ``GB2``), US state codes in
the country field, codes of countries that no longer exist (``SU``, ``DD``,
``CS``, ``YU``), codes of patent offices (``EP``, ``WO``), placeholders
(``N/A``) and names ("P.R. China", "Republic of Korea", "Holland", "Macau",
"台湾"). :func:`normalize_country` turns each into an ISO 3166-1 alpha-2 code
or a missing value, and says which rule did it, so that every value that was
not read with certainty can be counted and looked at.

How values are matched
----------------------
Matching is exact, never fuzzy: a value is case-folded, accents are removed,
``&`` reads as "and", "St." as "Saint", a leading "The" / trailing ", The" is
dropped, and then everything but letters and digits (any script) is removed,
so ``"P.R. China"``, ``"PR China"`` and ``"p r china"`` are one key. The key
is looked up, in this order of precedence:

1. current ISO 3166-1 codes: alpha-2 (method ``"iso2"``), alpha-3
   (``"iso3"``) and three-digit numeric codes (``"numeric"``, written with
   three digits, e.g. ``"392"``). ``"NA"`` is Namibia;
2. the hand-written aliases (``data/country_aliases.csv``): names and
   variants (``"name"``), legacy codes (``"legacy code"``), pseudo-codes
   (``"pseudo-code"``), ambiguous names (``"ambiguous"``), historic names,
   placeholders for a missing value (``"empty"``);
3. US state codes that are not ISO country codes (``"us state"``);
4. codes of ISO 3166-3 (withdrawn) countries (``"historic"``);
5. ISO short, official and common English names and the iso-codes Chinese
   name (``"name"``);
6. US state names (``"us state"``).

A three-character key not found so far that is two letters followed by ``X``
or a digit is read as its first two letters (``JPX`` -> ``JP``, ``GB2`` ->
``GB``: method ``"suffixed code"``; ``JAX`` -> legacy ``JA`` -> ``JP``:
``"legacy code"``). ISO alpha-3 codes come first, so ``MEX`` is Mexico, not
Montenegro with a suffix. Anything else is ``"unknown"``.

Decisions, and why
------------------
* **US state codes.** USPTO records often carry a US inventor's state in the
  country field. A two-letter value that is a valid ISO country code is read
  as that country, always: ``CA`` is Canada, ``IN`` India, ``DE`` Germany,
  ``GA`` Gabon, ``MO`` Macao, ``PA`` Panama (26 state codes collide, see
  ``data/us_states.csv``; compare with the state column to find the US rows
  among them). The 25 state codes that are not country codes (``TX``, ``NY``,
  ``FL``, ``MI``, ``CT``, ``NH``, ...) are read as ``"US"``, method
  ``"us state"``, flagged. ``CT``, ``MI`` and ``NH`` are also ISO 3166-3
  codes (Canton and Enderbury, Midway, New Hebrides) and ``FL`` and ``HI``
  pre-1978 codes (Liechtenstein, Haiti): in patent records the state is far
  likelier. ``KS`` (Kansas, and the pre-1978 code of South Korea) is
  ambiguous. The name "Georgia" is ambiguous too (the country ``GE`` or the
  US state); "Republic of Georgia" and "格鲁吉亚" are the country.
* **Pre-1978 codes.** WIPO's codes before 1978 (``JA``, ``DT``, ``SF``,
  ``SW``, ``OE``, ``EI``, ...) are mapped where the code was not reused.
  Codes reused for another country after 1978 are read with today's meaning
  whatever the date (``NA`` Namibia, not Nicaragua; ``RU`` Russia, not
  Romania): cleaned data sets of 1970s grants already use today's codes
  (the Harvard inventor file codes Leningrad inventors of 1975 ``RU``).
* **Historic codes** (ISO 3166-3) map to their successor only when there is
  exactly one: ``DD`` (and the older ``DL``) -> ``DE``, ``BU`` -> ``MM``,
  ``ZR`` -> ``CD``, ``TP`` -> ``TL``, ``YD`` -> ``YE``. A code whose country
  split (``SU``, ``CS``, ``YU``, ``AN``) gives a missing country, flagged,
  with the candidates in ``note``: the code alone cannot tell Moscow from
  Kyiv, and counting every USSR inventor as Russian would inflate one BRI
  partner. Pass ``successors={"SU": "RU"}`` to apply such a convention
  explicitly (the rows stay flagged). ``date`` decides what ``CS`` and ``YU``
  stood for: ``CS`` is Czechoslovakia before 4 February 2003 (after 1992 a
  stale code) and Serbia and Montenegro from then on; ``YU`` is the
  Socialist Federal Republic of Yugoslavia before 27 April 1992 and the
  Federal Republic (Serbia and Montenegro) until 2003. ISO 3166-3 alpha-4
  keys (``"CSHH"``, ``"CSXX"``) in ``successors`` address one of them only.
* **Flags.** ``flag`` is True whenever ``country`` is missing (empty,
  pseudo-code, ambiguous, unknown, split historic country) and whenever the
  code rests on a guess or a convention: a US state read as ``US``, a legacy
  code marked uncertain, a historic country that merged into its successor
  (East Germany counted as ``DE``) for a record dated before the merger or
  undated, any ``successors=`` choice. Renames (``BU`` -> ``MM``,
  ``JA`` -> ``JP``) are not flagged.
* **China.** Hong Kong (``HK``), Macao (``MO``) and Taiwan (``TW``) keep
  their own codes. ``fold_china=True`` counts them as ``CN`` (method
  ``"folded into CN"``, the original code in ``note``), as some statistics
  do: NCSES's patent tables, for instance, report "China" with Hong Kong.
  "Republic of China" is Taiwan; "People's Republic of China", "P.R. China"
  and "PRC" are ``CN``.

References
----------
ISO 3166-1 and ISO 3166-3 (as packaged by pycountry / Debian iso-codes);
WIPO Standard ST.3 (two-letter codes, including former codes and codes of IP
organisations); the pre-1978 code list of the USPTO's PatentPublicData
project. Sources are noted at the top of every table in ``patnet/geo/data``.

Examples
--------
>>> from patnet.geo.countries import normalize_country
>>> out = normalize_country(["JP", "JPX", "JA", "P.R. China", "NA", "N/A", "TX", "Korea"])
>>> out[["country", "method", "flag"]]
  country         method   flag
0      JP           iso2  False
1      JP  suffixed code  False
2      JP    legacy code  False
3      CN           name  False
4      NA           iso2  False
5    <NA>          empty   True
6      US       us state   True
7    <NA>      ambiguous   True
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import math
import re
import unicodedata
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from ..exceptions import PatnetInputError
from ..schema import did_you_mean

__all__ = [
    "METHODS",
    "normalize_country",
    "summarize_countries",
    "country_table",
]

#: Every value the ``method`` column can take.
METHODS = (
    "iso2", "iso3", "numeric", "name", "legacy code", "suffixed code", "historic",
    "us state", "pseudo-code", "ambiguous", "empty", "unknown", "folded into CN",
)

_CHINA_PARTS = ("HK", "MO", "TW")


@dataclasses.dataclass(frozen=True)
class _Match:
    country: str | None
    method: str
    flag: bool
    note: str | None = None
    historic: str | None = None  # code or alpha-4 whose reading depends on the date


_EMPTY = _Match(None, "empty", True, None)
_UNKNOWN = _Match(None, "unknown", True, "not a known code or name (matching is exact)")


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------

def _read_table(name: str) -> list[dict]:
    """Rows of ``patnet/geo/data/<name>`` (leading ``# source:`` lines skipped)."""
    text = resources.files("patnet.geo").joinpath("data", name).read_text(encoding="utf-8")
    lines = text.splitlines()
    while lines and lines[0].startswith("# "):
        lines.pop(0)
    return list(csv.DictReader(lines))


_ST = re.compile(r"\bst\b\.?\s*(?=\w)")
_THE_START = re.compile(r"^the\s+")
_THE_END = re.compile(r",\s*the$")
_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    """Case-, accent- and punctuation-free matching key of a text."""
    s = unicodedata.normalize("NFKC", text).casefold().strip()
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = s.replace("&", " and ")
    s = _THE_START.sub("", s)
    s = _THE_END.sub("", s)
    s = _ST.sub("saint ", s)
    return "".join(ch for ch in s if ch.isalnum())


@dataclasses.dataclass(frozen=True)
class _Tables:
    iso2: frozenset
    lookup: dict          # key -> _Match
    codes: dict           # two-letter key -> _Match, for the suffix rule (no US states)
    placeholders: dict    # compact casefolded raw text -> _Match
    historic: dict        # code or alpha-4 -> list of entity dicts (sorted by valid_from)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    countries = _read_table("countries.csv")
    iso2 = frozenset(r["iso2"] for r in countries)
    lookup: dict = {}
    origin: dict = {}

    def add(key, match, source):
        if not key:
            return
        lookup[key] = match
        origin[key] = source

    # 6. US state names (lowest precedence)
    states = _read_table("us_states.csv")
    for r in states:
        note: str | None = f"US state {r['name']} in the country field"
        add(_key(r["name"]), _Match("US", "us state", True, note), "us state name")
    # 5. ISO names (short, official, common, Chinese)
    for r in countries:
        m = _Match(r["iso2"], "name", False)
        for col in ("name", "official_name", "common_name", "name_zh"):
            add(_key(r[col]), m, "iso name")
    # 4. ISO 3166-3 codes and names
    historic: dict = {}
    for r in _read_table("historic_countries.csv"):
        ent = {
            "code": r["code"], "alpha4": r["alpha4"], "name": r["name"],
            "valid_from": pd.Timestamp(r["valid_from"]) if r["valid_from"] else None,
            "valid_to": pd.Timestamp(r["valid_to"]),
            "successors": tuple(r["successors"].split()), "kind": r["kind"],
        }
        historic.setdefault(r["code"], []).append(ent)
        historic.setdefault(r["alpha4"], []).append(ent)
        add(_key(r["alpha3"]), _Match(None, "historic", True, None, r["alpha4"]), "historic alpha-3")
        add(_key(r["name"]), _Match(None, "historic", True, None, r["alpha4"]), "historic name")
        add(_key(r["iso_name"]), _Match(None, "historic", True, None, r["alpha4"]), "historic name")
    for code in {r["code"] for r in _read_table("historic_countries.csv")}:
        add(_key(code), _Match(None, "historic", True, None, code), "historic code")
    for ents in historic.values():
        ents.sort(key=lambda e: e["valid_from"] or pd.Timestamp.min)
    # 3. US state codes that are not ISO country codes
    for r in states:
        if not r["iso_country"]:
            note = f"US state code {r['code']} ({r['name']}) in the country field"
            add(_key(r["code"]), _Match("US", "us state", True, note), "us state code")
    # 2. hand-written aliases
    placeholders = {}
    seen: dict = {}
    for r in _read_table("country_aliases.csv"):
        kind, code, note = r["kind"], r["code"], r["note"] or None
        if kind == "placeholder":
            placeholders[_SPACE.sub("", r["alias"]).casefold()] = _Match(
                None, "empty", True, note or "placeholder for a missing value")
            continue
        if kind in ("name", "legacy code"):
            uncertain = note is not None and "uncertain" in note  # flagged, see the file header
            m = _Match(code, kind, uncertain, note)
        elif kind == "pseudo-code":
            m = _Match(None, "pseudo-code", True, note)
        elif kind == "ambiguous":
            m = _Match(None, "ambiguous", True, f"{note} (candidates {code.replace('|', ', ')})")
        elif kind == "historic":
            m = _Match(None, "historic", True, note, code)
        else:  # pragma: no cover - guarded by the table test
            raise AssertionError(f"unknown alias kind {kind!r}")
        k = _key(r["alias"])
        if k in seen and seen[k] != (m.country, m.method, m.historic):
            raise AssertionError(f"conflicting aliases for key {k!r}")  # pragma: no cover
        seen[k] = (m.country, m.method, m.historic)
        add(k, m, "alias")
    # 1. current ISO codes (highest precedence)
    for r in countries:
        add(_key(r["iso2"]), _Match(r["iso2"], "iso2", False), "iso2")
        add(_key(r["iso3"]), _Match(r["iso2"], "iso3", False), "iso3")
        add(r["numeric"], _Match(r["iso2"], "numeric", False), "numeric")
    codes = {k: m for k, m in lookup.items()
             if len(k) == 2 and k.isalpha() and m.method != "us state"
             and origin[k] in ("iso2", "alias", "historic code")}
    return _Tables(iso2, lookup, codes, placeholders, historic)


def country_table() -> pd.DataFrame:
    """The ISO 3166-1 table shipped with patnet (a fresh copy).

    Returns
    -------
    pandas.DataFrame
        Columns ``iso2, iso3, numeric, name, official_name, common_name,
        name_zh`` (``string`` dtype; missing where ISO has no such name).

    Examples
    --------
    >>> from patnet.geo.countries import country_table
    >>> t = country_table()
    >>> len(t), t.loc[t["iso2"] == "NA", "name"].item()
    (249, 'Namibia')
    """
    return _country_table().copy()


@lru_cache(maxsize=1)
def _country_table() -> pd.DataFrame:
    df = pd.DataFrame(_read_table("countries.csv"), dtype="string")
    return df.replace("", pd.NA)


# ---------------------------------------------------------------------------
# matching one distinct value
# ---------------------------------------------------------------------------

def _is_missing(raw) -> bool:
    if raw is None or raw is pd.NA or raw is pd.NaT:
        return True
    if isinstance(raw, float | np.floating):
        return math.isnan(raw)
    if isinstance(raw, np.datetime64):
        return bool(np.isnat(raw))
    return False


def _resolve(raw, t: _Tables) -> _Match:
    if _is_missing(raw):
        return _EMPTY
    text = raw if isinstance(raw, str) else str(raw)
    if not text.strip():
        return _EMPTY
    compact = _SPACE.sub("", text).casefold()
    if compact in t.placeholders:
        return t.placeholders[compact]
    key = _key(text)
    if not key:
        return dataclasses.replace(_EMPTY, note="no letters or digits")
    m = t.lookup.get(key)
    if m is not None:
        return m
    if len(key) == 3 and key[:2].isascii() and key[:2].isalpha() and (key[2] == "x" or key[2].isdigit()):
        base = t.codes.get(key[:2])
        if base is not None:
            note = f"suffix {key[2].upper()!r} removed"
            if base.note:
                note = f"{note}; {base.note}"
            method = "suffixed code" if base.method == "iso2" else base.method
            return dataclasses.replace(base, method=method, note=note)
    return _UNKNOWN


# ---------------------------------------------------------------------------
# historic codes, by date
# ---------------------------------------------------------------------------

def _to_timestamp(v):
    if _is_missing(v):
        return pd.NaT
    if isinstance(v, bool | np.bool_):
        raise ValueError("a boolean is not a date")
    if isinstance(v, int | np.integer):
        return pd.Timestamp(year=int(v), month=1, day=1)
    if isinstance(v, str) and not v.strip():
        return pd.NaT
    ts = pd.Timestamp(v)
    return ts.tz_localize(None) if ts.tzinfo is not None else ts


def _is_scalar_date(date) -> bool:
    return isinstance(date, str | int | np.integer | datetime.date | np.datetime64)


def _bad_date(v, row):
    return PatnetInputError(
        "date cannot be read", column="date", value=v,
        hint=f"Row {int(row)}: pass dates (or years as integers) that pandas.Timestamp reads",
    )


def _dates_at(date, rows: np.ndarray) -> np.ndarray:
    """``datetime64[ns]`` values (NaT where unknown) of ``date`` at positions ``rows``."""
    if date is None:
        return np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[ns]")
    if _is_scalar_date(date):
        try:
            ts = _to_timestamp(date)
        except (ValueError, TypeError, OverflowError):
            raise _bad_date(date, 0) from None
        return np.full(len(rows), np.datetime64(ts, "ns") if not pd.isna(ts) else np.datetime64("NaT"),
                       dtype="datetime64[ns]")
    arr = date.to_numpy() if isinstance(date, pd.Series | pd.Index) else np.asarray(date)
    sub = arr[rows]
    if np.issubdtype(sub.dtype, np.datetime64):
        return sub.astype("datetime64[ns]")
    codes, uniq = pd.factorize(sub.astype(object), use_na_sentinel=True)
    conv = []
    for j, v in enumerate(uniq):
        try:
            ts = _to_timestamp(v)
        except (ValueError, TypeError, OverflowError):
            raise _bad_date(v, rows[int(np.flatnonzero(codes == j)[0])]) from None
        conv.append(np.datetime64(ts, "ns") if not pd.isna(ts) else np.datetime64("NaT"))
    conv.append(np.datetime64("NaT"))
    return np.array(conv, dtype="datetime64[ns]")[np.where(codes < 0, len(uniq), codes)]


def _historic_rows(m: _Match, whens: np.ndarray, t: _Tables, successors: dict):
    """Outcomes of a historic match for the dates ``whens``: (outcome id per row, outcomes)."""
    assert m.historic is not None  # callers pass historic matches only
    ents = t.historic[m.historic]
    froms = np.array([e["valid_from"] or pd.Timestamp("1000-01-01") for e in ents],
                     dtype="datetime64[ns]")
    tos = np.array([e["valid_to"] for e in ents], dtype="datetime64[ns]")
    nat = np.isnat(whens)
    idx = np.clip(np.searchsorted(froms, whens, side="right") - 1, 0, len(ents) - 1)
    stale = ~nat & (whens >= tos[idx])
    combo = np.where(nat, -1, idx * 2 + stale.astype(int))
    ids, inverse = np.unique(combo, return_inverse=True)
    outcomes = []
    for c in ids:
        when = pd.NaT if c < 0 else pd.Timestamp(whens[np.flatnonzero(combo == c)[0]])
        out = _historic_outcome(m.historic, when, t, successors)
        note = f"{m.note}; {out.note}" if m.note else out.note
        outcomes.append(dataclasses.replace(out, method=m.method, note=note))
    return inverse.reshape(-1), outcomes


def _historic_outcome(target: str, when, t: _Tables, successors: dict) -> _Match:
    ents = t.historic[target]
    if pd.isna(when):
        if len(ents) > 1:
            names = " or ".join(e["name"] for e in ents)
            choices = [successors.get(e["alpha4"], successors.get(e["code"])) for e in ents]
            if len(set(choices)) == 1 and choices[0] is not None:
                return _Match(choices[0], "historic", True,
                              f"{names}: counted as {choices[0]} (successors=)")
            return _Match(None, "historic", True, f"{names}: pass date= to tell them apart")
        ent = ents[0]
        stale = False
    else:
        ent = ents[0]
        for e in ents:
            if e["valid_from"] is None or e["valid_from"] <= when:
                ent = e
        stale = when >= ent["valid_to"]
    label = f"{ent['name']} ({ent['alpha4']}, to {ent['valid_to'].date()})"
    if stale:
        label += "; code used after that date"
    chosen = successors.get(ent["alpha4"], successors.get(ent["code"]))
    if chosen is not None:
        return _Match(chosen, "historic", True, f"{label}: counted as {chosen} (successors=)")
    if len(ent["successors"]) == 1:
        succ = ent["successors"][0]
        flag = ent["kind"] != "rename" and not stale
        return _Match(succ, "historic", flag, f"{label}: now {succ}")
    cands = ", ".join(ent["successors"])
    return _Match(None, "historic", True,
                  f"{label}: successor unknown ({cands}); pass successors= to choose")


def _check_successors(successors, t: _Tables) -> dict:
    if successors is None:
        return {}
    if not isinstance(successors, dict):
        raise PatnetInputError(
            f"successors must be a dict, got {type(successors).__name__}",
            hint="For example successors={'SU': 'RU', 'CSHH': 'CZ'}",
        )
    out = {}
    for k, v in successors.items():
        ks = str(k).strip().upper()
        if ks not in t.historic:
            raise PatnetInputError(
                f"successors: {k!r} is not a historic country code{did_you_mean(ks, t.historic)}",
                value=k, hint=f"Valid keys are {', '.join(sorted(t.historic))}",
            )
        vs = str(v).strip().upper()
        if vs not in t.iso2:
            raise PatnetInputError(
                f"successors: {v!r} (for {k!r}) is not an ISO 3166-1 alpha-2 code", value=v,
                hint="Give the current two-letter code of the successor, e.g. 'RU'",
            )
        out[ks] = vs
    return out


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------

def _as_series(values) -> pd.Series:
    if isinstance(values, pd.DataFrame):
        raise PatnetInputError(
            "normalize_country takes one column, not a DataFrame",
            hint="Pass a single column, e.g. normalize_country(df['country'])",
        )
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, str) or values is None or _is_missing(values):
        return pd.Series([values], dtype=object)
    if isinstance(values, pd.Index):
        return pd.Series(values.to_numpy(dtype=object), dtype=object)
    try:
        return pd.Series(list(values), dtype=object)
    except TypeError:
        raise PatnetInputError(
            f"cannot read countries from a {type(values).__name__}",
            hint="Pass a list, an array or a pandas Series of codes or names",
        ) from None


def _match_codes(s: pd.Series, dates_at, t: _Tables, succ: dict, fold_china: bool):
    """One match per distinct reading of ``s``: (code per row, list of matches).

    ``dates_at(rows)`` gives the ``datetime64[ns]`` dates of the rows at
    positions ``rows``; it is only called for values that are historic codes,
    so the dates of the other rows are never looked up.
    """
    if isinstance(s.dtype, pd.StringDtype):
        # text columns factorise natively (Arrow); same codes and uniques as the object path
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
    else:
        codes, uniques = pd.factorize(s.to_numpy(dtype=object), use_na_sentinel=True)
    k = len(uniques)
    matches = [_resolve(u, t) for u in uniques] + [_EMPTY]
    codes = np.where(codes < 0, k, codes)
    # values whose reading depends on the date: one new "distinct value" per outcome
    for u in [u for u, m in enumerate(matches) if m.historic is not None]:
        rows = np.flatnonzero(codes == u)
        inverse, outcomes = _historic_rows(matches[u], dates_at(rows), t, succ)
        codes[rows] = len(matches) + inverse
        matches.extend(outcomes)
    if fold_china:
        matches = [dataclasses.replace(m, country="CN", method="folded into CN",
                                       note=f"{m.country} ({m.method}) folded into CN")
                   if m.country in _CHINA_PARTS else m for m in matches]
    return codes, matches


def normalize_country(values, *, date=None, fold_china=False, successors=None) -> pd.DataFrame:
    """Read country codes and names as ISO 3166-1 alpha-2, saying how.

    Each distinct value is matched once (exactly, after case folding and
    removal of accents, punctuation and spaces; never by fuzzy search), so
    millions of rows cost about as much as their distinct values. The rules
    and the decisions behind them are in the module documentation
    (:mod:`patnet.geo.countries`).

    Parameters
    ----------
    values : array-like or pandas.Series
        Codes or names as written in the source. Missing values (``None``,
        ``NaN``, ``pd.NA``), blank text and placeholders such as ``"N/A"``
        give method ``"empty"``; the text ``"NA"`` is Namibia.
    date : scalar or array-like, optional
        The date each address refers to (filing or grant date; a year as an
        integer reads as 1 January of that year), one per value or a single
        one for all. It is only read for codes of countries that no longer
        exist, where it decides what ``CS`` and ``YU`` stood for and whether
        a merged country's code was already out of use.
    fold_china : bool, default False
        Count Hong Kong, Macao and Taiwan as ``CN`` (method
        ``"folded into CN"``). By default they keep their own codes.
    successors : dict, optional
        Conventions for historic countries that split, e.g.
        ``{"SU": "RU", "YU": "RS"}``; keys are the historic two-letter code
        or an ISO 3166-3 alpha-4 code (``"CSHH"`` Czechoslovakia,
        ``"CSXX"`` Serbia and Montenegro). Rows read this way stay flagged.

    Returns
    -------
    pandas.DataFrame
        One row per value, with the index of ``values`` when it is a Series:

        ``value``
            the value as given;
        ``country``
            ISO 3166-1 alpha-2 code (``string`` dtype), missing when the
            value names no single current country;
        ``method``
            how it was read, one of :data:`METHODS`;
        ``flag``
            True when ``country`` is missing or rests on a guess or a
            convention (US state, uncertain legacy code, merged historic
            country, ``successors=``);
        ``note``
            why, for every value that is not a plain ISO code.

        ``attrs`` records ``fold_china`` and ``successors``.

    Raises
    ------
    PatnetInputError
        ``values`` is a DataFrame or not iterable; ``date`` has another
        length than ``values`` or a date that cannot be read; ``successors``
        names an unknown historic code or a non-ISO successor.

    See Also
    --------
    summarize_countries : the distinct values with their counts, flagged first.

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.geo.countries import normalize_country
    >>> out = normalize_country(pd.Series(["TWX", "Republic of China", "Macau", "EP"]))
    >>> out[["country", "method", "flag"]]
      country         method   flag
    0      TW  suffixed code  False
    1      TW           name  False
    2      MO           name  False
    3    <NA>    pseudo-code   True

    Hong Kong, Macao and Taiwan are folded into China only on request:

    >>> normalize_country(["HK", "Macao", "CN"], fold_china=True)["country"].tolist()
    ['CN', 'CN', 'CN']

    The date settles what ``CS`` stood for; with ``successors`` a split
    country can be given one successor explicitly:

    >>> for note in normalize_country(["CS", "CS"], date=["1990-05-01", "2004-05-01"])["note"]:
    ...     print(note)
    Czechoslovakia (CSHH, to 1993-01-01): successor unknown (CZ, SK); pass successors= to choose
    Serbia and Montenegro (CSXX, to 2006-06-03): successor unknown (ME, RS); pass successors= to choose
    >>> normalize_country(["SU"], successors={"SU": "RU"})[["country", "flag"]]
      country  flag
    0      RU  True
    """
    if not isinstance(fold_china, bool | np.bool_):
        raise PatnetInputError(f"fold_china must be True or False, got {fold_china!r}",
                               value=fold_china)
    t = _tables()
    succ = _check_successors(successors, t)
    s = _as_series(values)
    n = len(s)
    if date is not None and not _is_scalar_date(date):
        if isinstance(date, pd.DataFrame):
            raise PatnetInputError("date must be one column or a scalar, not a DataFrame",
                                   column="date")
        try:
            m = len(date)
        except TypeError:
            raise PatnetInputError(f"date must be a date, a year or a sequence of them, "
                                   f"got {type(date).__name__}", column="date") from None
        if m != n:
            raise PatnetInputError(
                f"date has {m} values but there are {n} countries", column="date",
                hint="Pass one date per value (in the same order) or a single date for all",
            )
        if isinstance(date, pd.Series) and isinstance(values, pd.Series) and not date.index.equals(s.index):
            raise PatnetInputError(
                "date and values are Series with different indexes", column="date",
                hint="Align them first (date.reindex(values.index)) or pass date.to_numpy()",
            )

    codes, matches = _match_codes(s, lambda rows: _dates_at(date, rows), t, succ, bool(fold_china))

    def column(attr, dtype="string"):
        return pd.array([getattr(m, attr) for m in matches], dtype=dtype).take(codes)

    index = s.index
    out = pd.DataFrame(
        {
            "value": s.copy(),
            "country": column("country"),
            "method": column("method"),
            "flag": np.array([m.flag for m in matches], dtype=bool)[codes],
            "note": column("note"),
        },
        index=index,
    )
    out.attrs = {"fold_china": bool(fold_china), "successors": dict(succ)}
    return out


def summarize_countries(result: pd.DataFrame) -> pd.DataFrame:
    """Distinct values of a :func:`normalize_country` result with their row counts.

    Parameters
    ----------
    result : pandas.DataFrame
        The output of :func:`normalize_country`.

    Returns
    -------
    pandas.DataFrame
        Columns ``value, country, method, flag, note, n``: one row per
        distinct value, flagged values first, then by decreasing ``n``.

    Examples
    --------
    >>> from patnet.geo.countries import normalize_country, summarize_countries
    >>> res = normalize_country(["US", "US", "TX", "XX", "JP"])
    >>> summarize_countries(res)[["value", "country", "method", "n"]]
      value country       method  n
    0    TX      US     us state  1
    1    XX    <NA>  pseudo-code  1
    2    US      US         iso2  2
    3    JP      JP         iso2  1
    """
    cols = ["value", "country", "method", "flag", "note"]
    missing = [c for c in cols if c not in getattr(result, "columns", [])]
    if missing:
        raise PatnetInputError(
            f"not a normalize_country result: column {missing[0]!r} is missing",
            column=missing[0], hint="Pass the DataFrame returned by normalize_country",
        )
    df = result[cols].copy()
    df["value"] = df["value"].astype(object)
    counts = df.groupby(cols, dropna=False, sort=False).size().rename("n").reset_index()
    counts = counts.sort_values(["flag", "n"], ascending=[False, False], kind="stable")
    counts = counts.reset_index(drop=True)
    counts["n"] = counts["n"].astype("int64")
    return counts
