"""Counts of patents per unit: partner country, province, region, field, year, and crosses.

:func:`count` is the core; the ``by_*`` functions are named views of it for
the tables of a co-invention study (Chen's Tables 1-4 and Figures 1-4).

How patents are counted
-----------------------
For every patent, each unit type gives a *set* of distinct units: the
partner countries of its inventors, the provinces of its focal-country
inventors, its IPC sections, its year. Two Beijing inventors make one
Beijing; an inventor from Singapore and one from India make two partners.

``counting="full"``
    A patent counts 1 for every unit it involves (for crosses: for every
    combination of its units). A patent with inventors in Beijing and in
    Jiangsu counts once for Beijing *and* once for Jiangsu, so the counts
    can add up to more than the number of patents. This is how co-invention
    studies (Chen's Tables 1-3) count.
``counting="fractional"``
    A patent with ``n`` distinct units (``n`` combinations in a cross) gives
    ``1/n`` to each, so each patent adds up to 1 and the counts add up to
    the number of patents. Shares are equal per distinct unit, not weighted
    by the number of inventors.

Full counts are never below fractional ones. A patent with no unit of a
type (a Chinese inventor whose province is unresolved, a patent without
classes) is counted under a missing key (``<NA>``, last row) rather than
dropped; ``df.attrs["unassigned"]`` counts such patents and ``dropna=True``
removes those rows. A patent with some units known and some not counts for
the known ones only.

Every result is a tidy DataFrame indexed by the unit column(s) with columns
``patents`` (int for full counting, float for fractional) and ``share``
(``patents / n_patents``, the number of patents counted; under full counting
shares can add up to more than 1). ``df.attrs`` records ``counting``,
``by``, ``denominator`` (``"patents"``), ``n_patents`` and the options.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .._fast import isin
from ..classify.ipc import assign_fields, ipc_sections, wipo_fields
from ..corpus import PatentCorpus
from ..exceptions import PatnetInputError, PatnetWarning
from ..geo.countries import country_table
from ..geo.groups import group as _group
from ..schema import SECTORS, did_you_mean
from ..select import (RESIDENCE, _id_array, _province_list, _residence_rows, _warn_not_normalized,
                      partner_codes)

__all__ = [
    "UNITS",
    "COUNTINGS",
    "count",
    "by_partner",
    "by_country",
    "by_province",
    "by_province_partner",
    "by_region",
    "by_field",
    "by_year",
    "from_counts",
]

#: Unit types :func:`count` can count by.
UNITS = ("partner", "country", "province", "region", "field", "year", "sector")
#: Counting rules.
COUNTINGS = ("full", "fractional")
_MAINLAND = ("CN-AH", "CN-BJ", "CN-CQ", "CN-FJ", "CN-GD", "CN-GS", "CN-GX", "CN-GZ", "CN-HA",
             "CN-HB", "CN-HE", "CN-HI", "CN-HL", "CN-HN", "CN-JL", "CN-JS", "CN-JX", "CN-LN",
             "CN-NM", "CN-NX", "CN-QH", "CN-SC", "CN-SD", "CN-SH", "CN-SN", "CN-SX", "CN-TJ",
             "CN-XJ", "CN-XZ", "CN-YN", "CN-ZJ")


def _check_counting(counting) -> str:
    if counting == "whole":
        counting = "full"
    if counting not in COUNTINGS:
        raise PatnetInputError(
            f"unknown counting {counting!r}{did_you_mean(counting, COUNTINGS)}",
            hint="Valid countings are 'full' (a patent counts 1 for every unit on it) and "
                 "'fractional' (1/n for each of its n units)")
    return counting


def _selection(corpus) -> dict:
    sel = corpus.meta.get("selection") if isinstance(corpus.meta, dict) else None
    return sel if isinstance(sel, dict) else {}


def _resolve_focal(corpus, focal) -> str:
    if focal is None:
        focal = _selection(corpus).get("focal", "CN")
    if not isinstance(focal, str) or not focal.strip():
        raise PatnetInputError("focal must be one ISO 3166-1 alpha-2 code", value=focal,
                               hint="For example focal='CN'")
    return focal.strip().upper()


def _resolve_partners(corpus, partners, focal):
    """Partner codes, or None meaning every country other than the focal one."""
    if partners is None:
        sel = _selection(corpus).get("partners")
        if sel is None:
            return None
        return tuple(p for p in sel if p != focal)
    return partner_codes(partners, focal=focal)


def _key_frame(ids, values, name) -> pd.DataFrame:
    return pd.DataFrame({"patent_id": pd.array(ids, dtype="string"),
                         name: pd.array(values, dtype="string")})


def _units(corpus, unit, ctx) -> tuple[pd.DataFrame, dict]:
    """Distinct (patent_id, unit) pairs with known units, and extra attrs."""
    extra: dict = {}
    if unit in ("partner", "country", "province", "region"):
        rows = _residence_rows(corpus, ctx["table"])
        known = rows["country"].notna().to_numpy(dtype=bool)
        rows = rows[known]
        if unit == "country":
            df = _key_frame(rows["patent_id"], rows["country"], unit)
            extra["labels"] = _country_labels(df[unit])
        elif unit == "partner":
            focal, partners = ctx["focal"], ctx["partners"]
            if partners is None:
                keep = rows["country"] != focal
            else:
                keep = pd.Series(isin(rows["country"], partners), index=rows.index)
                extra["partners"] = tuple(partners)
            rows = rows[keep.fillna(False).to_numpy(dtype=bool)]
            df = _key_frame(rows["patent_id"], rows["country"], unit)
            extra["focal"] = focal
            extra["labels"] = _country_labels(df[unit])
        elif unit == "province":
            focal = ctx["focal"]
            keep = (rows["country"] == focal) & rows["province"].notna()
            rows = rows[keep.fillna(False).to_numpy(dtype=bool)]
            df = _key_frame(rows["patent_id"], rows["province"], unit)
            extra["focal"] = focal
        else:  # region
            g = ctx["group_table"]
            mapping = dict(zip(g["iso2"], g["region"], strict=True))
            mapping.pop(ctx["focal"], None)
            # each distinct country looked up once, then spread to the rows by code
            codes, uniq = pd.factorize(rows["country"], use_na_sentinel=True)
            reg = pd.array([mapping.get(u) for u in uniq] + [None], dtype="string")
            reg = reg.take(np.where(codes < 0, len(uniq), codes))
            keep = ~np.asarray(reg.isna(), dtype=bool)
            df = _key_frame(rows.loc[keep, "patent_id"], reg[keep], unit)
            extra["group"] = ctx["group_name"]
            extra["focal"] = ctx["focal"]
    elif unit == "field":
        f = assign_fields(corpus, ctx["level"], scheme=ctx["scheme"], counting="whole",
                          main_only=ctx["main_only"])
        f = f[f["field"].notna().to_numpy(dtype=bool)]
        df = _key_frame(f["patent_id"], f["field"], unit)
        extra["level"] = f.attrs["level"]
        extra["labels"] = dict(f.attrs.get("titles", {}))
        extra["field_order"] = _field_order(ctx["level"])
    elif unit == "year":
        p = corpus.patents
        p = p[p["year"].notna().to_numpy(dtype=bool)]
        df = pd.DataFrame({"patent_id": pd.array(p["patent_id"], dtype="string"),
                           "year": pd.array(p["year"], dtype="Int64")})
    elif unit == "sector":
        a = corpus.applicants
        a = a[a["sector"].notna().to_numpy(dtype=bool)]
        df = _key_frame(a["patent_id"], a["sector"], unit)
    else:  # pragma: no cover - checked by the caller
        raise AssertionError(unit)
    return df.drop_duplicates().reset_index(drop=True), extra


@lru_cache(maxsize=1)
def _country_names() -> dict:
    t = country_table()
    return dict(zip(t["iso2"], t["name"], strict=True))


def _country_labels(codes) -> dict:
    names = _country_names()
    return {c: names[c] for c in pd.unique(codes.dropna()) if c in names}


def _field_order(level):
    if isinstance(level, str):
        if level == "section":
            return list(ipc_sections()["section"])
        if level == "wipo_field":
            return [str(int(f)) for f in wipo_fields()["field"]]
        if level == "wipo_sector":
            return list(dict.fromkeys(wipo_fields()["sector"]))
        return None
    if isinstance(level, pd.DataFrame):
        col = "label" if "label" in level.columns else ("field" if "field" in level.columns
                                                        else level.columns[-1])
        return [str(v) for v in dict.fromkeys(level[col].tolist())]
    values = level.values() if hasattr(level, "values") else []
    return [str(v) for v in dict.fromkeys(list(values))]


def _universe(unit, ctx, extra, observed):
    """The fixed list of units for ``complete=True`` (observed units added after)."""
    if unit == "partner":
        base = list(ctx["partners"]) if ctx["partners"] is not None else []
    elif unit == "province":
        base = list(_MAINLAND) if ctx["focal"] == "CN" else []
    elif unit == "region":
        g = ctx["group_table"]
        base = list(dict.fromkeys(g.loc[g["iso2"] != ctx["focal"], "region"]))
    elif unit == "field":
        base = extra.get("field_order") or []
    elif unit == "sector":
        base = list(SECTORS)
    else:
        base = []
    return list(dict.fromkeys(base + sorted(set(observed) - set(base))))


def _year_span(years, observed):
    if years is not None:
        return list(range(years[0], years[1] + 1))
    obs = [int(y) for y in observed if not pd.isna(y)]
    if not obs:
        return []
    return list(range(min(obs), max(obs) + 1))


def _check_years(years):
    if years is None:
        return None
    if not (isinstance(years, (tuple, list)) and len(years) == 2
            and all(isinstance(y, (int, np.integer)) and not isinstance(y, bool) for y in years)):
        raise PatnetInputError("years must be a pair of integers (first, last)", value=years,
                               hint="For example years=(2001, 2017)")
    a, b = int(years[0]), int(years[1])
    if a > b:
        raise PatnetInputError("years end before they start", value=years,
                               hint="Give years=(first, last) with first <= last")
    return (a, b)


def count(corpus: PatentCorpus, by, *, counting: str = "full", table: str = "inventors",
          focal: str | None = None, partners=None, group="bri", level="section",
          scheme: str = "ipc", main_only: bool = False, province=None, years=None,
          complete: bool = False, dropna: bool = False,
          check_normalized: bool = True) -> pd.DataFrame:
    """Patents per unit, or per combination of units, with full or fractional counting.

    Parameters
    ----------
    corpus : PatentCorpus
        Usually the result of :func:`patnet.select.cooperation`.
    by : str or list of str
        Unit type(s), from :data:`UNITS`:

        - ``"partner"``: partner countries of the residents (the
          ``partners`` given, else the selection's partners stored in
          ``corpus.meta["selection"]``, else every country other than the
          focal one);
        - ``"country"``: every country of the residents, the focal one
          included;
        - ``"province"``: provinces (ISO 3166-2:CN) of the focal-country
          residents;
        - ``"region"``: regions of ``group`` of the residents' countries
          (the focal country left out); a patent with two ASEAN partners
          counts once for ASEAN;
        - ``"field"``: technical fields at ``level`` (via
          :func:`patnet.classify.assign_fields`);
        - ``"year"``: the patent's year (on the corpus's date basis);
        - ``"sector"``: applicant sectors.

        Several give a cross (``["province", "year"]``).
    counting : {"full", "fractional"}
        ``"full"``: 1 per unit (per combination) of a patent;
        ``"fractional"``: 1/n for each of a patent's n units (combinations).
        ``"whole"`` is accepted for ``"full"``.
    table : {"inventors", "applicants", "either"}
        Whose residence gives countries, provinces and regions.
    focal : str, optional
        The focal country; default the selection's focal country, else "CN".
    partners : str, DataFrame or list, optional
        For ``"partner"``: see :func:`patnet.select.partner_codes`.
    group : str or DataFrame, default "bri"
        For ``"region"``: a group name or table (:func:`patnet.geo.group`).
    level, scheme, main_only
        For ``"field"``: passed to :func:`patnet.classify.assign_fields`
        (``level`` is ``"section"``, ``"class"``, ``"subclass"``,
        ``"wipo_field"``, ``"wipo_sector"`` or a mapping such as
        :data:`patnet.classify.STUDY1_TABLE4`).
    province : str or list of str, optional
        Count only patents with a resident (of ``table``) in these
        provinces, e.g. ``"CN-JS"`` for Jiangsu's tables.
    years : (first, last), optional
        Count only patents of these years (inclusive); with ``"year"`` in
        ``by`` every year of the span is a row (zeros filled).
    complete : bool, default False
        Add zero rows for every unit of a fixed universe: the partner set,
        the 31 mainland provinces, the group's regions, the level's fields
        (sections A-H, WIPO fields 1-35, the mapping's labels), the sectors.
        Crosses then hold every combination. Without it, rows are the
        observed units (and combinations), except that years always run
        over the whole span for each observed combination of the other keys.
    dropna : bool, default False
        Drop the rows of patents that have no unit of some type (missing
        key). By default they are kept, last.
    check_normalized : bool, default True
        Warn when a residence table used has no ``country_method`` column.

    Returns
    -------
    pandas.DataFrame
        Indexed by the unit column(s) (named as in ``by``; ``year`` is
        ``Int64``, the others ``string``), with columns

        - ``patents``: the count (``int64`` for full, ``float64`` for
          fractional counting);
        - ``share``: ``patents / n_patents`` (``float64``).

        Rows are sorted by ``patents`` (largest first), then key; with
        ``"year"`` in ``by``, by the total of the other keys (largest
        first), then key, then year (ascending). Rows with a missing key
        come last. ``df.attrs``: ``counting``, ``by``, ``table``,
        ``denominator`` (``"patents"``), ``n_patents`` (the denominator:
        patents counted, after ``province`` and ``years``), ``unassigned``
        (patents without a unit of some type), ``outside_years``,
        ``province``, ``years``, ``labels`` (unit -> name, where known:
        country names, IPC section titles, WIPO field titles) and, where
        used, ``focal``, ``partners``, ``group``, ``level``.

    Notes
    -----
    With ``n_p`` the set of distinct units of patent ``p`` (for crosses,
    the Cartesian product of its unit sets), the count of unit ``u`` is

    .. math::

        N_u^{full} = \\sum_p [u \\in n_p], \\qquad
        N_u^{frac} = \\sum_p [u \\in n_p] / |n_p|,

    so :math:`\\sum_u N_u^{frac}` is the number of patents and
    :math:`N_u^{full} \\ge N_u^{frac}`.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> js, bj = {"country": "CN", "province": "CN-JS"}, {"country": "CN", "province": "CN-BJ"}
    >>> c = make_corpus({"1": [js, bj, "SG"], "2": [js, js, "SG", "IN"], "3": [bj, "IN"]},
    ...                 years={"1": 2010, "2": 2012, "3": 2012})
    >>> pn.stats.count(c, "province", check_normalized=False)  # doctest: +NORMALIZE_WHITESPACE
              patents     share
    province
    CN-BJ           2  0.666667
    CN-JS           2  0.666667
    >>> f = pn.stats.count(c, "province", counting="fractional", check_normalized=False)
    >>> f["patents"].tolist(), float(f["patents"].sum())
    ([1.5, 1.5], 3.0)
    >>> t = pn.stats.count(c, ["province", "year"], check_normalized=False)
    >>> t["patents"].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {('CN-BJ', 2010): 1, ('CN-BJ', 2011): 0, ('CN-BJ', 2012): 1,
     ('CN-JS', 2010): 1, ('CN-JS', 2011): 0, ('CN-JS', 2012): 1}
    """
    if not isinstance(corpus, PatentCorpus):
        raise PatnetInputError(f"count() takes a PatentCorpus, got {type(corpus).__name__}",
                               hint="Pass the corpus returned by pn.select.cooperation(...)")
    keys = [by] if isinstance(by, str) else list(by)
    if not keys:
        raise PatnetInputError("by is empty", hint=f"Count by one or more of {', '.join(UNITS)}")
    for k in keys:
        if k not in UNITS:
            raise PatnetInputError(f"unknown unit {k!r}{did_you_mean(k, UNITS)}",
                                   hint=f"Valid units are {', '.join(map(repr, UNITS))}")
    if len(set(keys)) != len(keys):
        raise PatnetInputError("a unit appears twice in by", value=keys,
                               hint="Give each unit type once")
    counting = _check_counting(counting)
    if table not in RESIDENCE:
        raise PatnetInputError(f"unknown table {table!r}{did_you_mean(table, RESIDENCE)}",
                               hint=f"Valid tables are {', '.join(map(repr, RESIDENCE))}")
    years = _check_years(years)
    focal = _resolve_focal(corpus, focal)
    uses_residence = bool(set(keys) & {"partner", "country", "province", "region"}) or province is not None
    if check_normalized and uses_residence:
        _warn_not_normalized(corpus, ("inventors", "applicants") if table == "either" else (table,))

    attrs: dict = {"counting": counting, "by": list(keys), "table": table, "denominator": "patents"}
    # restrict
    c = corpus
    if province is not None:
        wanted = _province_list(province)
        rows = _residence_rows(c, table)
        hit = isin(rows["province"], wanted)
        c = c._subset(_id_array(rows.loc[hit, "patent_id"].unique()))
        attrs["province"] = wanted[0] if isinstance(province, str) else wanted
    else:
        attrs["province"] = None
    outside = 0
    if years is not None:
        y = c.patents["year"]
        inside = ((y >= years[0]) & (y <= years[1])).fillna(False).to_numpy(dtype=bool)
        no_year = int(c.patents.loc[y.isna().to_numpy(dtype=bool), "patent_id"].nunique())
        if no_year:
            warnings.warn(f"{no_year} patent(s) have no {c.date_basis} year and were not counted",
                          PatnetWarning, stacklevel=2)
        if not inside.all():  # else the subset is the corpus itself
            before = c.n_patents
            c = c._subset(_id_array(c.patents.loc[inside, "patent_id"].unique()))
            outside = before - c.n_patents
    attrs["years"] = years
    attrs["outside_years"] = int(outside)

    ctx = {"table": table, "focal": focal, "partners": None, "level": level, "scheme": scheme,
           "main_only": main_only}
    if "partner" in keys:
        ctx["partners"] = _resolve_partners(c, partners, focal)
    if "region" in keys:
        gt = group if isinstance(group, pd.DataFrame) else None
        ctx["group_table"] = _group(table=gt) if gt is not None else _group(group)
        ctx["group_name"] = "table" if gt is not None else str(group)

    ids = pd.Index(pd.unique(c.patents["patent_id"].astype("string")))
    n_patents = len(ids)
    labels: dict = {}
    universes = {}
    unassigned = np.zeros(n_patents, dtype=bool)
    # the combinations (rows) of each patent, built key by key: ``patent`` holds the position
    # in ``ids`` of each row's patent, ``columns`` the unit of each key
    patent = np.arange(n_patents, dtype=np.int64)
    columns: dict = {}
    for k in keys:
        df, extra = _units(c, k, ctx)
        labels.update(extra.pop("labels", {}) or {})
        order = extra.pop("field_order", None)
        attrs.update(extra)
        if k == "partner" and ctx["partners"] is None:
            attrs["partners"] = None
        patent, columns, missing = _expand(patent, columns, ids, df, k)
        unassigned |= missing
        observed = df[k].dropna().unique().tolist()
        if k == "year":
            universes[k] = _year_span(years, observed)
        elif complete:
            universes[k] = _universe(k, ctx, {"field_order": order}, observed)
    attrs["n_patents"] = int(n_patents)
    attrs["unassigned"] = int(unassigned.sum())
    attrs["labels"] = labels

    combos = pd.DataFrame({k: columns[k] for k in keys})
    if counting == "full":
        combos["_w"] = 1.0
    else:
        size = np.bincount(patent, minlength=n_patents)[patent]
        combos["_w"] = 1.0 / size.astype(float)
    out = combos.groupby(keys, dropna=False, sort=False)["_w"].sum()
    if not isinstance(out.index, pd.MultiIndex):
        out.index = pd.Index(out.index, name=keys[0])
    out = out.rename("patents").to_frame()

    out = _fill(out, keys, universes)
    if dropna:
        out = out[~_na_rows(out.index)]
    out = _sort(out, keys)
    if counting == "full":
        out["patents"] = np.rint(out["patents"].to_numpy(dtype=float)).astype("int64")
    else:
        out["patents"] = out["patents"].astype("float64")
    denom = n_patents if n_patents else np.nan
    out["share"] = (out["patents"].to_numpy(dtype=float) / denom).astype("float64")
    out.columns.name = None
    out.attrs = attrs
    return out


def _positions(values: pd.Series, ids: pd.Index) -> np.ndarray:
    """Position of each value in the distinct ``ids`` (-1: not there), by Arrow's hash lookup.

    ``ids.get_indexer(values)`` without pandas' conversion of text to Python objects.
    """
    if not len(values):
        return np.zeros(0, dtype=np.int64)
    left = pa.array(pd.array(values, dtype="string"))
    right = pa.array(pd.array(ids, dtype="string"))
    if isinstance(left, pa.ChunkedArray):
        left = left.combine_chunks()
    if isinstance(right, pa.ChunkedArray):
        right = right.combine_chunks()
    if left.type != right.type:
        right = right.cast(left.type)
    found = pc.index_in(left, value_set=right, skip_nulls=True)
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def _expand(patent: np.ndarray, columns: dict, ids: pd.Index, df: pd.DataFrame, key: str):
    """Join the units ``df`` (``patent_id``, ``key``) to the combination rows, by position.

    Every combination row of a patent is repeated once per unit of that patent,
    in the order of ``df``; a patent with no unit gets one missing unit (and is
    marked in the third result, one flag per id). The
    rows come out in the order of a left merge of the rows with ``df`` on
    ``patent_id`` (rows in order, each followed by its units in ``df``
    order), so the sums over them are the same to the last bit; the text join
    is done once, by ``ids.get_indexer``, instead of once per merge.
    """
    n = len(ids)
    pos = _positions(df["patent_id"], ids)
    values = df[key].array
    known = pos >= 0
    if not known.all():  # units of patents not counted (never in the left merge either)
        pos, values = pos[known], values[known]
    per = np.bincount(pos, minlength=n)
    per_missing = per == 0
    missing = np.flatnonzero(per_missing)
    if len(missing):
        pos = np.concatenate([pos, missing])
        values = values.take(np.concatenate([np.arange(len(values)), np.full(len(missing), -1)]),
                             allow_fill=True)
        per[missing] = 1
    order = np.argsort(pos, kind="stable")        # unit rows grouped by patent, df order within
    starts = np.cumsum(per) - per                 # first of each patent's units in ``order``
    cnt = per[patent]                             # units of each combination row's patent
    left = np.repeat(np.arange(len(patent)), cnt)
    offset = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    right = order[np.repeat(starts[patent], cnt) + offset]
    out = {k: v.take(left) for k, v in columns.items()}
    out[key] = values.take(right)
    return patent[left], out, per_missing


def _na_rows(index) -> np.ndarray:
    if isinstance(index, pd.MultiIndex):
        mask = np.zeros(len(index), dtype=bool)
        for i in range(index.nlevels):
            mask |= pd.isna(index.get_level_values(i))
        return mask
    return np.asarray(pd.isna(index), dtype=bool)


def _level_array(values, key):
    if key == "year":
        return pd.array(values, dtype="Int64")
    return pd.array(values, dtype="string")


def _fill(out: pd.DataFrame, keys, universes) -> pd.DataFrame:
    """Typed index, plus zero rows for the units of ``universes`` (years always; others if complete).

    Keys with a universe are completed; the other keys keep their observed
    combinations. Rows with a missing key of a completed type are kept as
    they are (they never multiply).
    """
    frame = out.index.to_frame(index=False)
    frame["patents"] = out["patents"].to_numpy(dtype=float)
    for k in keys:
        frame[k] = _level_array(frame[k].tolist(), k)
    if universes:
        fixed = [k for k in keys if k in universes]
        free = [k for k in keys if k not in universes]
        held_mask = np.zeros(len(frame), dtype=bool)
        for k in fixed:
            held_mask |= frame[k].isna().to_numpy(dtype=bool)
        rest, held = frame[~held_mask], frame[held_mask]
        base = rest[free].drop_duplicates() if free else pd.DataFrame({"_one": [1]})
        for k in fixed:
            vals = list(dict.fromkeys(list(universes[k]) + rest[k].tolist()))
            base = base.merge(pd.DataFrame({k: _level_array(vals, k)}), how="cross")
        base = base.drop(columns=["_one"], errors="ignore")
        merged = base.merge(rest, on=keys, how="left")
        merged["patents"] = merged["patents"].fillna(0.0)
        frame = pd.concat([merged, held], ignore_index=True)
        for k in keys:
            frame[k] = _level_array(frame[k].tolist(), k)
    return frame.set_index(keys)[["patents"]]


def _sort(out: pd.DataFrame, keys) -> pd.DataFrame:
    frame = out.index.to_frame(index=False)
    frame["_n"] = out["patents"].to_numpy(dtype=float)
    frame["_row"] = np.arange(len(frame))
    na = _na_rows(out.index)
    if "year" in keys:
        others = [k for k in keys if k != "year"]
        if others:
            tot = frame.groupby(others, dropna=False, sort=False)["_n"].transform("sum")
            frame["_tot"] = -tot.to_numpy(dtype=float)
            other_na = np.zeros(len(frame), dtype=bool)
            for k in others:
                other_na |= frame[k].isna().to_numpy(dtype=bool)
            frame["_na"] = other_na
            order = ["_na", "_tot"] + others + ["year"]
        else:
            order = ["year"]
    else:
        frame["_na"] = na
        frame["_neg"] = -frame["_n"]
        order = ["_na", "_neg"] + keys
    ranked = frame.sort_values(order, kind="stable", na_position="last")["_row"].to_numpy()
    return out.iloc[ranked]


# ---------------------------------------------------------------------------
# Named views
# ---------------------------------------------------------------------------

def by_partner(corpus, focal=None, partners=None, *, counting="full", table="inventors",
               province=None, years=None, complete=False, **kwargs) -> pd.DataFrame:
    """Patents per partner country (Chen's Table 1).

    A patent with inventors from Singapore and India counts once for each
    under full counting (1/2 each under fractional counting); the focal
    country is never a partner.

    Parameters
    ----------
    corpus : PatentCorpus
    focal : str, optional
        Default: the selection's focal country (``corpus.meta["selection"]``), else "CN".
    partners : str, DataFrame or list, optional
        Default: the selection's partners, else every country other than focal.
    complete : bool
        List every partner country, with zeros.
    counting : {"full", "fractional"}
        See :func:`count`.
    table : {"inventors", "applicants", "either"}
        Whose residence counts.
    province : str or list of str, optional
        Only patents with a resident in these provinces (``"CN-JS"``).
    years : (first, last), optional
        Only patents of these years (inclusive).
    **kwargs
        Other options of :func:`count` (``dropna``, ``check_normalized``, ...).

    Returns
    -------
    pandas.DataFrame
        Index ``partner``; columns ``patents``, ``share`` (see :func:`count`).

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN", "SG", "IN"], "2": ["CN", "SG"], "3": ["CN", "SG", "US"]})
    >>> pn.stats.by_partner(c, "CN", ["SG", "IN"], check_normalized=False)["patents"].to_dict()
    {'SG': 3, 'IN': 1}
    """
    return count(corpus, "partner", counting=counting, table=table, focal=focal,
                 partners=partners, province=province, years=years, complete=complete, **kwargs)


def by_country(corpus, *, counting="full", table="inventors", province=None, years=None,
               **kwargs) -> pd.DataFrame:
    """Patents per country of residence, the focal country included.

    Parameters
    ----------
    corpus : PatentCorpus
    counting : {"full", "fractional"}
        See :func:`count`.
    table : {"inventors", "applicants", "either"}
        Whose residence counts.
    province : str or list of str, optional
        Only patents with a resident in these provinces (``"CN-JS"``).
    years : (first, last), optional
        Only patents of these years (inclusive).
    **kwargs
        Other options of :func:`count` (``dropna``, ``check_normalized``, ...).

    Returns
    -------
    pandas.DataFrame
        Index ``country``; columns ``patents``, ``share``.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN", "SG"], "2": ["CN", "US"]})
    >>> pn.stats.by_country(c, check_normalized=False)["patents"].to_dict()
    {'CN': 2, 'SG': 1, 'US': 1}
    """
    return count(corpus, "country", counting=counting, table=table, province=province,
                 years=years, **kwargs)


def by_province(corpus, focal=None, *, counting="full", table="inventors", years=None,
                complete=False, **kwargs) -> pd.DataFrame:
    """Patents per province of the focal-country residents (Chen's Table 2).

    A patent with inventors in two provinces counts once for each under
    full counting (so the counts can add up to more than the number of
    patents) and 1/2 for each under fractional counting. Patents whose
    Chinese residents have no resolved province are counted under
    ``<NA>`` (last row).

    Parameters
    ----------
    corpus : PatentCorpus
    focal : str, optional
        Default: the selection's focal country, else "CN".
    complete : bool
        List all 31 mainland provinces, with zeros.
    counting, table, years, **kwargs
        See :func:`count`.

    Returns
    -------
    pandas.DataFrame
        Index ``province`` (ISO 3166-2:CN); columns ``patents``, ``share``.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> js, bj = {"country": "CN", "province": "CN-JS"}, {"country": "CN", "province": "CN-BJ"}
    >>> c = make_corpus({"1": [js, bj, "SG"], "2": [bj, "SG"], "3": ["CN", "IN"]})
    >>> pn.stats.by_province(c, check_normalized=False)  # doctest: +NORMALIZE_WHITESPACE
              patents     share
    province
    CN-BJ           2  0.666667
    CN-JS           1  0.333333
    <NA>            1  0.333333
    """
    return count(corpus, "province", counting=counting, table=table, focal=focal, years=years,
                 complete=complete, **kwargs)


def by_province_partner(corpus, province=None, partners=None, *, focal=None, counting="full",
                        table="inventors", years=None, **kwargs) -> pd.DataFrame:
    """Partner countries of one province's patents (Chen's Table 3), or province x partner.

    Parameters
    ----------
    corpus : PatentCorpus
    province : str or list of str, optional
        Count only patents with a resident in this province (``"CN-JS"``);
        the result is then indexed by ``partner`` and ``share`` is of that
        province's patents (``attrs["n_patents"]``). Without it, the cross
        ``province x partner`` over the whole corpus.
    partners : optional
        As in :func:`by_partner`.
    focal, counting, table, years, **kwargs
        See :func:`count`.

    Returns
    -------
    pandas.DataFrame
        Index ``partner`` (or ``province, partner``); columns ``patents``, ``share``.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> js, bj = {"country": "CN", "province": "CN-JS"}, {"country": "CN", "province": "CN-BJ"}
    >>> c = make_corpus({"1": [js, "SG"], "2": [js, "SG", "PH"], "3": [bj, "IN"]})
    >>> t = pn.stats.by_province_partner(c, "CN-JS", check_normalized=False)
    >>> t["patents"].to_dict(), t.attrs["n_patents"]
    ({'SG': 2, 'PH': 1}, 2)
    """
    if province is not None:
        return count(corpus, "partner", counting=counting, table=table, focal=focal,
                     partners=partners, province=province, years=years, **kwargs)
    return count(corpus, ["province", "partner"], counting=counting, table=table, focal=focal,
                 partners=partners, years=years, **kwargs)


def by_region(corpus, group="bri", *, focal=None, counting="full", table="inventors",
              province=None, years=None, complete=True, **kwargs) -> pd.DataFrame:
    """Patents per region of a country group (Chen's Figures 3 and 4).

    A patent counts once for a region however many of the region's
    countries are on it, so a region's count can be below the sum of its
    countries' counts.

    Parameters
    ----------
    corpus : PatentCorpus
    group : str or DataFrame, default "bri"
        A group name or table (:func:`patnet.geo.group`).
    complete : bool, default True
        List every region of the group, with zeros.
    focal, counting, table, province, years, **kwargs
        See :func:`count`.

    Returns
    -------
    pandas.DataFrame
        Index ``region``; columns ``patents``, ``share``.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN", "SG", "MY"], "2": ["CN", "IN"]})
    >>> r = pn.stats.by_region(c, check_normalized=False)
    >>> r["patents"].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'ASEAN': 1, 'South Asia': 1, 'CIS': 0, 'Central Asia': 0, 'Central and Eastern Europe': 0,
     'East Asia': 0, 'West Asia': 0}
    """
    return count(corpus, "region", counting=counting, table=table, focal=focal, group=group,
                 province=province, years=years, complete=complete, **kwargs)


def by_field(corpus, level="section", *, scheme="ipc", main_only=False, counting="full",
             province=None, years=None, complete=False, **kwargs) -> pd.DataFrame:
    """Patents per technical field (Chen's Table 4).

    Parameters
    ----------
    corpus : PatentCorpus
    level : str or mapping, default "section"
        ``"section"``, ``"class"``, ``"subclass"``, ``"wipo_field"``,
        ``"wipo_sector"`` or a mapping prefix -> label such as
        :data:`patnet.classify.STUDY1_TABLE4` (see
        :func:`patnet.classify.assign_fields`).
    scheme : {"ipc", "cpc", "wipo"}
    main_only : bool
        Only each patent's main class (one field per patent: the counts
        then add up to the number of classified patents, as Chen's Table 4 does).
    complete : bool
        List every field of the level, with zeros.
    counting, province, years, **kwargs
        See :func:`count`. A patent with classes in k fields counts once
        for each (full) or 1/k for each (fractional); patents with no
        field are counted under ``<NA>``.

    Returns
    -------
    pandas.DataFrame
        Index ``field`` (section letter, WIPO field number as text, or the
        mapping's label); columns ``patents``, ``share``;
        ``attrs["labels"]`` gives section and WIPO field titles.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN"], "2": ["CN"]},
    ...                 classes={"1": ["H01L 21/02", "G06F 3/01"], "2": ["H04L 9/00"]})
    >>> t = pn.stats.by_field(c)
    >>> t["patents"].to_dict(), t.attrs["labels"]["H"]
    ({'H': 2, 'G': 1}, 'Electricity')
    >>> pn.stats.by_field(c, main_only=True)["patents"].to_dict()
    {'H': 2}
    """
    return count(corpus, "field", counting=counting, level=level, scheme=scheme,
                 main_only=main_only, province=province, years=years, complete=complete, **kwargs)


def by_year(corpus, years=None, *, counting="full", province=None, table="inventors",
            **kwargs) -> pd.DataFrame:
    """Patents per year (Chen's Figures 1 and 2), every year of the span present.

    Parameters
    ----------
    corpus : PatentCorpus
    years : (first, last), optional
        The span (inclusive); patents outside it are not counted
        (``attrs["outside_years"]``). Default: the corpus's first to last year.
    province : str or list of str, optional
        Only patents with a resident in these provinces (Jiangsu's series:
        ``province="CN-JS"``).
    counting, table, **kwargs
        See :func:`count`. Each patent has one year, so both countings agree.

    Returns
    -------
    pandas.DataFrame
        Index ``year`` (``Int64``, ascending, zeros filled); columns
        ``patents``, ``share``. Feed ``df["patents"]`` (or the frame) to the
        growth and stage functions.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN"], "2": ["CN"], "3": ["CN"]},
    ...                 years={"1": 2010, "2": 2012, "3": 2012})
    >>> pn.stats.by_year(c, years=(2009, 2012))  # doctest: +NORMALIZE_WHITESPACE
          patents     share
    year
    2009        0  0.000000
    2010        1  0.333333
    2011        0  0.000000
    2012        2  0.666667
    """
    return count(corpus, "year", counting=counting, province=province, years=years,
                 table=table, **kwargs)


def from_counts(counts, *, by: str = "unit", n_patents=None, counting: str = "full") -> pd.DataFrame:
    """A count table from published aggregates, in the form :func:`count` returns.

    Use it to feed a paper's tables to the same functions as a corpus's
    counts (:func:`patnet.stats.concentration`, :func:`patnet.stats.top_share`).

    Parameters
    ----------
    counts : dict, pandas.Series or list of pairs
        ``unit -> number of patents``.
    by : str, default "unit"
        Name of the index (``"partner"``, ``"province"``, ...).
    n_patents : int, optional
        The number of patents the counts are of (the ``share`` denominator,
        ``attrs["n_patents"]``). Default: the sum of the counts (right for
        fractional counting or one unit per patent; under full counting the
        number of patents can be smaller than the sum).
    counting : {"full", "fractional"}
        Recorded in ``attrs["counting"]``.

    Returns
    -------
    pandas.DataFrame
        Index ``by``; columns ``patents`` and ``share``; sorted and with
        attrs as in :func:`count` (``attrs["source"] = "given"``).

    Examples
    --------
    >>> from patnet.stats import from_counts
    >>> t = from_counts({"Beijing": 595, "Jiangsu": 87}, by="province", n_patents=1730)
    >>> round(float(t.loc["Jiangsu", "share"]), 4)
    0.0503
    """
    counting = _check_counting(counting)
    if isinstance(counts, pd.Series):
        items = list(counts.items())
    elif hasattr(counts, "items"):
        items = list(counts.items())
    else:
        items = [tuple(x) for x in counts]
    keys = [str(k) for k, _ in items]
    if len(set(keys)) != len(keys):
        raise PatnetInputError("a unit appears twice", hint="Give each unit once")
    try:
        values = np.array([float(v) for _, v in items], dtype=float)
    except (TypeError, ValueError):
        raise PatnetInputError("counts must be numbers") from None
    if np.isnan(values).any() or (values < 0).any():
        raise PatnetInputError("counts must be numbers >= 0")
    total = float(values.sum())
    if n_patents is None:
        n = total
    else:
        n = float(n_patents)
        if not n > 0:
            raise PatnetInputError("n_patents must be positive", value=n_patents)
    out = pd.DataFrame({"patents": values}, index=pd.Index(pd.array(keys, dtype="string"), name=by))
    out = _sort(out, [by])
    if counting == "full" and np.allclose(values, np.round(values)):
        out["patents"] = np.round(out["patents"].to_numpy()).astype("int64")
    out["share"] = out["patents"].to_numpy(dtype=float) / n if n else np.nan
    out.attrs = {"counting": counting, "by": [by], "denominator": "patents",
                 "n_patents": int(n) if float(n).is_integer() else n, "source": "given",
                 "unassigned": 0, "labels": {}}
    return out
