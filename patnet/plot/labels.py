"""Display labels for the codes in patnet tables (countries, provinces, regions).

Tables carry codes (ISO 3166-1 ``"SG"``, ISO 3166-2:CN ``"CN-JS"``); figures
need names. These helpers map codes to short English or Chinese names from
the data shipped with :mod:`patnet.geo`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

import pandas as pd

from ..exceptions import PatnetInputError

__all__ = ["country_labels", "province_labels", "region_labels", "LABEL_CHOICES"]

#: The string values accepted by the ``labels=`` arguments of :mod:`patnet.plot`.
LABEL_CHOICES = ("auto", "zh", "country", "country_zh", "province", "province_zh",
                 "region_zh")

_LANGS = ("en", "zh")


def _check_lang(lang) -> int:
    if lang == "en":
        return 0
    if lang == "zh":
        return 1
    raise PatnetInputError(f"unknown language {lang!r}", value=lang,
                           hint=f"Use one of {', '.join(map(repr, _LANGS))}")


def province_labels(lang="en") -> dict[str, str]:
    """Short names of the Chinese provinces, keyed by ISO 3166-2:CN code.

    Parameters
    ----------
    lang : {"en", "zh"}, default "en"

    Returns
    -------
    dict
        ``{"CN-JS": "Jiangsu", ...}`` for the 34 codes of
        ``patnet.geo.china.PROVINCES`` (31 provinces, Hong Kong, Macao, Taiwan),
        from :func:`patnet.geo.china.province_table`.

    Examples
    --------
    >>> from patnet.plot import province_labels
    >>> province_labels()["CN-JS"], province_labels("zh")["CN-JS"]
    ('Jiangsu', '江苏')
    >>> province_labels()["CN-SN"], province_labels()["CN-SX"]
    ('Shaanxi', 'Shanxi')
    """
    i = _check_lang(lang)
    return dict(_province_names()[i])


@lru_cache(maxsize=1)
def _province_names() -> tuple:
    from ..geo.china import province_table

    t = province_table()
    table = {code: (en, zh) for code, en, zh in zip(t["code"], t["name"], t["name_zh"])}
    en = tuple(sorted((code, names[0]) for code, names in table.items()))
    zh = tuple(sorted((code, names[1]) for code, names in table.items()))
    return en, zh


@lru_cache(maxsize=2)
def _country_labels(i: int) -> tuple:
    from ..geo.countries import country_table
    from ..geo.groups import group

    table = country_table()
    bri = group("bri").set_index("iso2")
    out = {}
    for row in table.itertuples(index=False):
        code = row.iso2
        if i == 0:
            # common name ("Vietnam"), then the short name of the BRI list ("Russia"),
            # then the ISO name.
            candidates = (row.common_name, bri["name"].get(code), row.name)
        else:
            candidates = (bri["name_zh"].get(code), row.name_zh, row.name)
        out[code] = next(str(c) for c in candidates if c is not None and not pd.isna(c))
    return tuple(sorted(out.items()))


def country_labels(lang="en") -> dict[str, str]:
    """Short country names keyed by ISO 3166-1 alpha-2 code.

    Uses :func:`patnet.geo.country_table` (``common_name`` where ISO's name
    is long, e.g. "Vietnam" for "Viet Nam") and the short names of the Belt
    and Road list (e.g. "Russia" rather than "Russian Federation").

    Parameters
    ----------
    lang : {"en", "zh"}, default "en"

    Returns
    -------
    dict

    Examples
    --------
    >>> from patnet.plot import country_labels
    >>> names = country_labels()
    >>> names["SG"], names["RU"], names["VN"], names["NA"]
    ('Singapore', 'Russia', 'Vietnam', 'Namibia')
    >>> country_labels("zh")["IR"]
    '伊朗'
    """
    return dict(_country_labels(_check_lang(lang)))


@lru_cache(maxsize=2)
def _region_labels(i: int) -> tuple:
    from ..geo.groups import group

    bri = group("bri")
    pairs = bri[["region", "region_zh"]].drop_duplicates("region")
    return tuple((r, (r, z)[i]) for r, z in pairs.itertuples(index=False))


def region_labels(lang="zh") -> dict[str, str]:
    """Names of the Belt and Road regions (``patnet.geo.groups.BRI_REGIONS``).

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"

    Examples
    --------
    >>> from patnet.plot import region_labels
    >>> region_labels()["ASEAN"]
    '东盟'
    """
    return dict(_region_labels(_check_lang(lang)))


def _auto(zh: bool, known: Mapping | None = None) -> Callable[[str], str]:
    i = "zh" if zh else "en"
    provinces = province_labels(i)
    countries = country_labels(i)
    regions = region_labels(i)
    known = {} if known is None else {str(k): v for k, v in known.items()}

    def label(unit: str) -> str:
        if unit in provinces:
            return provinces[unit]
        if len(unit) == 2 and unit.isupper() and unit in countries:
            return countries[unit]
        if unit in regions:
            return regions[unit]
        shown = known.get(unit)
        return unit if shown is None or pd.isna(shown) else str(shown)

    return label


def resolve_labels(units, labels, *, argument="labels", known=None) -> list[str]:
    """Display strings for *units* according to a ``labels=`` argument.

    *labels* is ``None`` (units as they are), one of :data:`LABEL_CHOICES`,
    a mapping (units it lacks stay as they are) or a callable. With
    ``"auto"``/``"zh"``, units that are not country, province or region codes
    are looked up in *known* (e.g. the ``attrs["labels"]`` of a statistics
    table: IPC section "H" -> "Electricity").
    """
    units = ["(unknown)" if pd.isna(u) else str(u) for u in units]
    if labels is None:
        return units
    if isinstance(labels, str):
        if labels == "auto":
            fn = _auto(False, known)
        elif labels == "zh":
            fn = _auto(True, known)
        elif labels in ("country", "country_zh"):
            table = country_labels("zh" if labels.endswith("_zh") else "en")
            fn = lambda u: table.get(u, u)  # noqa: E731
        elif labels in ("province", "province_zh"):
            table = province_labels("zh" if labels.endswith("_zh") else "en")
            fn = lambda u: table.get(u, u)  # noqa: E731
        elif labels == "region_zh":
            table = region_labels("zh")
            fn = lambda u: table.get(u, u)  # noqa: E731
        else:
            raise PatnetInputError(
                f"unknown {argument} {labels!r}", value=labels,
                hint=f"Use one of {', '.join(map(repr, LABEL_CHOICES))}, None, a mapping "
                     "from code to label or a function")
        return [fn(u) for u in units]
    if isinstance(labels, Mapping):
        return [str(labels.get(u, u)) for u in units]
    if callable(labels):
        return [str(labels(u)) for u in units]
    raise PatnetInputError(
        f"{argument} must be None, a string, a mapping or a function, "
        f"not {type(labels).__name__}",
        hint=f"String choices: {', '.join(map(repr, LABEL_CHOICES))}")
