"""Region groups of countries: the Belt and Road partner countries and others.

A *group* is a tidy table with one row per country: ``iso2`` (ISO 3166-1
alpha-2) and ``region``, plus ``iso3, name, name_zh, region_zh`` and
``uspto_note``. Built-in groups are listed by :func:`groups`; :func:`group`
returns a fresh copy that can be edited and passed back as ``table=``, and
:func:`region_of` maps country codes to their region.

The default group, ``"bri"``, holds the 65 Belt and Road partner countries
(China excluded) in the seven regions of the seed study (Chen, Jiangsu and
the Belt and Road countries, USPTO grants 2001-2018): East Asia 1 (Mongolia),
ASEAN 10, South Asia 8, Central Asia 5, West Asia 18 (with Greece, Cyprus and
Egypt), CIS 7 and Central and Eastern Europe 16. Published lists of the "65
countries" differ by a country or two (Egypt placed in Africa, Greece or
Timor-Leste added or left out, Palestine missing); the built-in list follows
the classic 65 of the seed study. Records of some of them need care on USPTO
data (column ``uspto_note``): the seed study found no USPTO code for
Palestine, Serbia or Montenegro and searched 62 countries; Serbia and
Montenegro appear under ``YU`` (Yugoslavia, to 2003) and ``CS`` (Serbia and
Montenegro, 2003-2006) in older records, and ex-Soviet countries under
``SU`` before 1992 (see :func:`patnet.geo.countries.normalize_country`).

Examples
--------
>>> from patnet.geo.groups import group, region_of
>>> bri = group("bri")
>>> len(bri), int((bri["region"] == "West Asia").sum())
(65, 18)
>>> region_of(["SG", "RU", "US", "NA"]).tolist()
['ASEAN', 'CIS', <NA>, <NA>]
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import pandas as pd

from ..exceptions import PatnetInputError, SchemaError
from ..schema import did_you_mean
from .countries import country_table

__all__ = [
    "GROUP_COLUMNS",
    "BRI_REGIONS",
    "groups",
    "group",
    "region_of",
]

#: Columns of every group table, in order (``iso2`` and ``region`` are required).
GROUP_COLUMNS = ("iso2", "iso3", "name", "name_zh", "region", "region_zh", "uspto_note")

#: The seven regions of the BRI group, in the order of the seed study.
BRI_REGIONS = ("East Asia", "ASEAN", "South Asia", "Central Asia", "West Asia", "CIS",
               "Central and Eastern Europe")

_BUILTIN = {
    "bri": {
        "description": "Belt and Road partner countries (China excluded) in the 7 regions of "
                       "the seed study: East Asia 1, ASEAN 10, South Asia 8, Central Asia 5, "
                       "West Asia 18, CIS 7, Central and Eastern Europe 16",
        "source": "compiled list of the classic 65 BRI countries (patnet/geo/data/group_bri.csv); "
                  "published lists differ by a country or two",
    },
    "asean": {
        "description": "the 10 ASEAN member states (the ASEAN region of the BRI group)",
        "source": "ASEAN membership since 1999 (Brunei, Cambodia, Indonesia, Laos, Malaysia, "
                  "Myanmar, Philippines, Singapore, Thailand, Vietnam); Timor-Leste's accession "
                  "is not included: pass your own table if you need it",
    },
}


def _read_group_file(name: str) -> list[dict]:
    text = resources.files("patnet.geo").joinpath("data", name).read_text(encoding="utf-8")
    lines = text.splitlines()
    while lines and lines[0].startswith("# "):
        lines.pop(0)
    return list(csv.DictReader(lines))


@cache
def _builtin(name: str) -> pd.DataFrame:
    if name == "bri":
        df = pd.DataFrame(_read_group_file("group_bri.csv"), columns=list(GROUP_COLUMNS))
    elif name == "asean":
        df = _builtin("bri")
        df = df[df["region"] == "ASEAN"]
    else:  # pragma: no cover - guarded by _check_name
        raise AssertionError(name)
    df = df.astype("string").replace("", pd.NA).reset_index(drop=True)
    return df


def _check_name(name) -> str:
    key = str(name).strip().lower()
    if key not in _BUILTIN:
        raise PatnetInputError(
            f"unknown group {name!r}{did_you_mean(key, _BUILTIN)}",
            value=name,
            hint=f"Built-in groups are {', '.join(_BUILTIN)} (see patnet.geo.groups.groups()); "
                 "or pass your own table with group(table=df)",
        )
    return key


def groups() -> pd.DataFrame:
    """The built-in region groups.

    Returns
    -------
    pandas.DataFrame
        Columns ``name, description, n_countries, n_regions, source``.

    Examples
    --------
    >>> from patnet.geo.groups import groups
    >>> groups()[["name", "n_countries", "n_regions"]]
        name  n_countries  n_regions
    0    bri           65          7
    1  asean           10          1
    """
    rows = []
    for name, meta in _BUILTIN.items():
        df = _builtin(name)
        rows.append({"name": name, "description": meta["description"],
                     "n_countries": len(df), "n_regions": df["region"].nunique(),
                     "source": meta["source"]})
    out = pd.DataFrame(rows)
    for c in ("name", "description", "source"):
        out[c] = out[c].astype("string")
    return out


def _validate(table) -> pd.DataFrame:
    label = "group table"
    if not isinstance(table, pd.DataFrame):
        raise SchemaError(f"expected a pandas DataFrame, got {type(table).__name__}", table=label,
                          hint="Start from a copy of a built-in group: df = group('bri')")
    present = [str(c) for c in table.columns]
    lower = {c.lower().strip(): c for c in present}
    for col in ("iso2", "region"):
        if col not in table.columns:
            if col in lower:
                hint = f"Rename column {lower[col]!r} to {col!r}"
            else:
                hint = (f"A group table needs columns 'iso2' (ISO 3166-1 alpha-2 codes) and "
                        f"'region'{did_you_mean(col, present)}")
            raise SchemaError(f"required column {col!r} is missing", table=label, column=col,
                              hint=hint)
    df = table.copy()
    iso = country_table()
    valid = set(iso["iso2"])
    codes = df["iso2"].astype("string").str.strip().str.upper()
    for i, (raw, code) in enumerate(zip(df["iso2"], codes, strict=True)):
        if pd.isna(code) or not code:
            raise SchemaError(f"row {i}: iso2 is missing", table=label, column="iso2",
                              hint="Give every row an ISO 3166-1 alpha-2 code, or drop it")
        if code not in valid:
            raise SchemaError(
                f"row {i}: {raw!r} is not an ISO 3166-1 alpha-2 code", table=label,
                column="iso2", value=raw,
                hint="Convert names or legacy codes first with "
                     "patnet.geo.countries.normalize_country(...)['country']",
            )
    dup = codes[codes.duplicated()]
    if len(dup):
        raise SchemaError(
            f"country {dup.iloc[0]!r} appears more than once", table=label, column="iso2",
            value=dup.iloc[0], hint="Each country belongs to one region of a group; drop the "
                                    "duplicate rows",
        )
    region = df["region"].astype("string").str.strip()
    if region.isna().any() or (region == "").any():
        i = int(((region.isna()) | (region == "")).to_numpy().nonzero()[0][0])
        raise SchemaError(f"row {i}: region is missing", table=label, column="region",
                          value=df["iso2"].iloc[i], hint="Give every country a region")
    df["iso2"] = codes
    df["region"] = region
    by_code = iso.set_index("iso2")
    if "iso3" not in df.columns:
        df["iso3"] = by_code["iso3"].reindex(codes.to_numpy()).to_numpy()
    if "name" not in df.columns:
        df["name"] = by_code["name"].reindex(codes.to_numpy()).to_numpy()
    if "name_zh" not in df.columns:
        df["name_zh"] = by_code["name_zh"].reindex(codes.to_numpy()).to_numpy()
    for c in ("region_zh", "uspto_note"):
        if c not in df.columns:
            df[c] = pd.NA
    for c in GROUP_COLUMNS:
        df[c] = df[c].astype("string")
    extra = [c for c in df.columns if c not in GROUP_COLUMNS]
    return df[list(GROUP_COLUMNS) + extra].reset_index(drop=True)


def _select_regions(df: pd.DataFrame, region, name: str) -> pd.DataFrame:
    if region is None:
        return df
    wanted = [region] if isinstance(region, str) else list(region)
    known = list(dict.fromkeys(df["region"].dropna()))
    by_lower = {str(r).lower(): r for r in known}
    by_lower.update({str(z).lower(): r for z, r in zip(df["region_zh"], df["region"], strict=True)
                     if not pd.isna(z)})
    chosen = []
    for w in wanted:
        r = by_lower.get(str(w).strip().lower())
        if r is None:
            raise PatnetInputError(
                f"group {name!r} has no region {w!r}{did_you_mean(w, known)}", value=w,
                hint=f"Its regions are {', '.join(known)}",
            )
        chosen.append(r)
    return df[df["region"].isin(chosen)].reset_index(drop=True)


def group(name="bri", *, table=None, region=None) -> pd.DataFrame:
    """A region group as a tidy table (a fresh copy on every call).

    Parameters
    ----------
    name : str, default "bri"
        A built-in group (see :func:`groups`): ``"bri"`` (65 Belt and Road
        partner countries in 7 regions) or ``"asean"``. Ignored when
        ``table`` is given.
    table : pandas.DataFrame, optional
        Your own group: at least columns ``iso2`` (ISO 3166-1 alpha-2, any
        case) and ``region``, one row per country. Missing ``iso3``, ``name``
        and ``name_zh`` are filled from the ISO table; other columns are kept
        after the standard ones.
    region : str or list of str, optional
        Keep only these regions (English or Chinese names, any case), e.g.
        ``region="ASEAN"``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`GROUP_COLUMNS` (``string`` dtype), one row per
        country, in region order.

    Raises
    ------
    PatnetInputError
        Unknown group or region name (with the closest one).
    SchemaError
        ``table`` lacks ``iso2`` or ``region``, holds a code that is not ISO
        alpha-2, a country twice or a country without a region.

    Examples
    --------
    >>> from patnet.geo.groups import group
    >>> group("bri").groupby("region", sort=False).size()
    region
    East Asia                      1
    ASEAN                         10
    South Asia                     8
    Central Asia                   5
    West Asia                     18
    CIS                            7
    Central and Eastern Europe    16
    dtype: int64
    >>> group("bri", region="中亚")["iso2"].tolist()
    ['KZ', 'UZ', 'TM', 'TJ', 'KG']

    Your own grouping, checked and completed:

    >>> import pandas as pd
    >>> mine = pd.DataFrame({"iso2": ["sg", "MY"], "region": ["Near", "Near"]})
    >>> group(table=mine)[["iso2", "iso3", "name", "region"]]
      iso2 iso3       name region
    0   SG  SGP  Singapore   Near
    1   MY  MYS   Malaysia   Near
    """
    if table is not None:
        df = _validate(table)
        label = "table"
    else:
        label = _check_name(name)
        df = _builtin(label).copy()
    return _select_regions(df, region, label)


def region_of(countries, group="bri") -> pd.Series:
    """The region of each country in a group (missing outside the group).

    Parameters
    ----------
    countries : array-like or pandas.Series
        ISO 3166-1 alpha-2 codes (convert names first with
        :func:`~patnet.geo.countries.normalize_country`).
    group : str or pandas.DataFrame, default "bri"
        A built-in group name or a group table (see :func:`group`).

    Returns
    -------
    pandas.Series
        ``string`` dtype, named ``"region"``, with the index of
        ``countries`` when it is a Series.

    Examples
    --------
    >>> from patnet.geo.groups import region_of
    >>> region_of(["IN", "PL", "CN", None]).tolist()
    ['South Asia', 'Central and Eastern Europe', <NA>, <NA>]
    """
    table = _group_table(group)
    mapping = dict(zip(table["iso2"], table["region"], strict=True))
    if isinstance(countries, pd.Series):
        s = countries
    elif isinstance(countries, str):
        s = pd.Series([countries], dtype=object)
    else:
        s = pd.Series(list(countries), dtype=object)
    keys = s.astype("string").str.strip().str.upper()
    out = keys.map(mapping).astype("string")
    out.name = "region"
    out.index = s.index
    return out


def _group_table(g) -> pd.DataFrame:
    if isinstance(g, pd.DataFrame):
        return _validate(g)
    return _builtin(_check_name(g))
