"""Units of a corpus at each level: link rows -> integer codes -> :class:`Incidence`.

Private: the public entry point is :func:`patnet.build.level_incidence`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from .. import schema
from .._fast import BLOCK, arrow_text, factorize_sorted, factorize_text, text_order
from ..corpus import PatentCorpus
from ..exceptions import PatnetInputError
from ..geo.china import PROVINCES, province_table
from ..geo.countries import country_table
from ..geo.groups import group as _group_table
from ..geo.groups import region_of
from ..ids import id_positions
from ..schema import did_you_mean
from .incidence import (
    Incidence, binary, from_codes, occurrences, sorted_distinct, split_node,
)

__all__ = [
    "LEVELS", "GEO_LEVELS", "TIES", "NODE_COLUMNS", "UNRESOLVED_NODE", "province_names",
    "MAINLAND_PROVINCES", "level_incidence", "static_nodes", "check_choice",
]

#: Levels a graph can be built at (the unit a node stands for).
LEVELS = ("inventor", "org", "country", "province", "province+country", "region", "sector", "field")
#: The geographic levels.
GEO_LEVELS = ("country", "province", "province+country", "region")
#: How two organisations (or sectors) are tied.
TIES = ("co_application", "co_invention")
#: Attribute columns every node has (strings; "" when not applicable or unknown).
NODE_COLUMNS = ("label", "kind", "country", "province", "region", "sector")
#: The node that stands for focal-country rows whose province is not resolved.
UNRESOLVED_NODE = "province:unresolved"

#: The 31 mainland provinces (Hong Kong, Macao and Taiwan are countries in patnet).
MAINLAND_PROVINCES = tuple(p for p in PROVINCES if p not in ("CN-HK", "CN-MO", "CN-TW"))

_SECTORS_KNOWN = tuple(s for s in schema.SECTORS if s != "unknown")


def check_choice(name, value, choices):
    """Raise PatnetInputError naming the valid choices unless ``value`` is one of them."""
    if value not in choices:
        raise PatnetInputError(
            f"unknown {name}={value!r}{did_you_mean(value, choices)}",
            hint=f"Valid values of {name} are {', '.join(map(repr, choices))}")
    return value


@lru_cache(maxsize=1)
def province_names() -> dict:
    """English names of the ISO 3166-2:CN codes (from :func:`patnet.geo.province_table`)."""
    t = province_table()
    return dict(zip(t["code"].tolist(), t["name"].tolist(), strict=True))


@lru_cache(maxsize=1)
def _country_names() -> dict:
    t = country_table()
    name = t["common_name"].fillna(t["name"]).fillna(t["iso2"])
    return dict(zip(t["iso2"].tolist(), name.tolist(), strict=True))


def _group_label(group) -> str:
    if group is None:
        return "none"
    if isinstance(group, pd.DataFrame):
        return "table"
    return str(group)


def _check_group(group):
    if group is None or isinstance(group, pd.DataFrame):
        return group
    if not isinstance(group, str):
        raise PatnetInputError(f"group must be a group name, a group table or None, got {group!r}",
                               hint="Built-in groups are listed by patnet.geo.groups()")
    _group_table(group)  # raises PatnetInputError with the closest name
    return group


def _regions(countries, group) -> np.ndarray:
    """Region of each country ("" outside ``group``), looked up once per distinct country."""
    countries = pd.Series(countries, dtype=object, copy=False)
    if group is None or not len(countries):
        return np.full(len(countries), "", dtype=object)
    codes, distinct = pd.factorize(countries)  # missing values: code -1
    lookup = np.empty(len(distinct) + 1, dtype=object)
    lookup[:-1] = region_of(pd.Series(distinct, dtype="string"), group).fillna("").to_numpy(
        dtype=object)
    lookup[-1] = ""
    return lookup[codes]


def _prefixed(prefix: str, values) -> np.ndarray:
    s = pd.Series(values, dtype="string")
    return (prefix + s).to_numpy(dtype=object)


def static_nodes(ids, *, focal="CN", group="bri", titles=None) -> pd.DataFrame:
    """Attributes of nodes that follow from their ids (geography, sectors, fields, others).

    Parameters
    ----------
    ids : sequence of str
        Namespaced node ids.
    focal : str
        Country of province nodes.
    group : str, DataFrame or None
        Region group for the ``region`` attribute of nodes with a country.
    titles : dict, optional
        Field code -> title, for field labels.

    Returns
    -------
    pandas.DataFrame
        Indexed by id, columns :data:`NODE_COLUMNS`.
    """
    ids = list(ids)
    names = _country_names()
    titles = titles or {}
    rows = []
    for node in ids:
        kind, key = split_node(node)
        label, country, province, region, sector = key, "", "", "", ""
        if kind == "province":
            country = focal
            if node == UNRESOLVED_NODE:
                label = f"Unresolved province ({focal})"
            else:
                label, province = province_names().get(key, key), key
        elif kind == "country":
            label, country = names.get(key, key), key
        elif kind == "region":
            region = key
        elif kind == "sector":
            sector = key
        elif kind == "field":
            label = str(titles.get(key, key))
        rows.append((node, label, kind, country, province, region, sector))
    df = pd.DataFrame(rows, columns=("id",) + NODE_COLUMNS).set_index("id")
    has_country = (df["country"] != "").to_numpy() & (df["kind"] != "region").to_numpy()
    if has_country.any():
        df.loc[has_country, "region"] = _regions(df.loc[has_country, "country"], group)
    return df.astype(object)


def _mode(code: np.ndarray, values: pd.Series, n_units: int, exclude=None) -> np.ndarray:
    """Most frequent value per unit code ("" where none); ties go to the smallest value.

    Most units have one value on all their rows (an inventor's name, a firm's
    country): those are read off directly, and only the rows of units with
    several values are counted and ranked (on the sorted order of just the
    values they use).
    """
    out = np.full(n_units, "", dtype=object)
    if not n_units or not len(code):
        return out
    v = pd.Series(values, copy=False).astype("string")
    if exclude is not None:
        v = v.mask(v == exclude)
    vcodes, vuniq = factorize_text(v)  # in order of appearance: no sort of every value
    ok = (code >= 0) & (vcodes >= 0)
    if not ok.any():
        return out
    c, vc = code[ok].astype(np.int64), vcodes[ok]
    # a value of each unit (whichever row wrote last); a unit is mixed if a row differs
    some = np.full(n_units, -1, dtype=np.int64)
    some[c] = vc
    differs = vc != some[c]
    mixed = np.zeros(n_units, dtype=bool)
    mixed[c[differs]] = True
    single = np.flatnonzero((some >= 0) & ~mixed)
    # one Python object per distinct value, shared by the units that have it (a country
    # code is one object, not one per inventor)
    out[single] = vuniq.to_numpy(zero_copy_only=False)[some[single]]
    if not differs.any():
        return out
    rows = mixed[c]
    c, vc = c[rows], vc[rows]
    used, vc = np.unique(vc, return_inverse=True)  # the values mixed units use
    rank, ranked = factorize_sorted(vuniq.take(pa.array(used)))  # distinct: codes are ranks
    m = np.int64(len(ranked))
    key = c * m + rank[vc]
    uk, counts = np.unique(key, return_counts=True)
    u, val = uk // m, uk % m
    order = np.lexsort((val, -counts, u))
    us = u[order]
    first = np.ones(len(us), dtype=bool)
    first[1:] = us[1:] != us[:-1]
    out[us[first]] = ranked[val[order][first]]
    return out


def _compact(code: np.ndarray, ids: np.ndarray):
    """Keep only ids used by ``code``, sorted; return (new codes, sorted ids).

    When every id is used and the ids are sorted already (the usual case),
    ``code`` is returned as it is.
    """
    code = np.asarray(code, dtype=np.int64)
    ids = np.asarray(ids, dtype=object)
    # shifted by one, so that code -1 counts in a slot of its own; block by block, so
    # that the shifted copy is never as long as the column
    counts = np.zeros(len(ids) + 1, dtype=np.int64)
    for a in range(0, len(code), BLOCK):
        counts += np.bincount(code[a:a + BLOCK] + 1, minlength=len(ids) + 1)
    used = np.flatnonzero(counts[1:])
    sub = ids[used]
    arr = pa.array(sub, type=pa.large_string())
    if len(sub) < 2 or pc.all(pc.less(arr[:-1], arr[1:])).as_py():
        order = np.arange(len(sub), dtype=np.int64)  # sorted already (the usual case)
    else:
        order = text_order(arr)
    if len(used) == len(ids) and (order[1:] > order[:-1]).all():
        return code, sub
    remap = np.full(len(ids) + 1, -1, dtype=np.int64)  # remap[-1]: code -1 stays -1
    remap[used[order]] = np.arange(len(used), dtype=np.int64)
    return remap[code], sub[order]


def _patent_codes(df: pd.DataFrame, patents: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Row of each link row's patent in ``patents`` (sorted distinct ids); -1 where not there.

    Link tables are often grouped by patent in patent order, with every
    patent present (the PatentsView reader's inventor table is); then the
    codes are the run numbers of the column, found with two vectorised
    comparisons instead of hashing every id. Any other table is looked up
    by :func:`patnet.ids.id_positions` (integer keys of canonical ids).
    """
    links = arrow_text(df["patent_id"], combine=False)
    if links.type != patents.type:
        patents = patents.cast(links.type)
    n = len(links)
    if n and not links.null_count and len(patents):
        starts = np.ones(n, dtype=bool)
        starts[1:] = pc.not_equal(links[1:], links[:-1]).to_numpy(zero_copy_only=False)
        runs = links.filter(pa.array(starts))
        # the runs are the patents, in order: each patent appears in one block of rows
        if len(runs) == len(patents) and pc.all(pc.equal(runs, patents)).as_py():
            codes = np.cumsum(starts, dtype=np.int64)
            codes -= 1  # in place: a second column-long array costs as much as the sum
            return codes
    # canonical ids are matched as integer keys (any other id by its text)
    return id_positions(links, patents)


def _link_table(corpus, level, table):
    defaults = {"inventor": "inventors", "org": "applicants", "sector": "applicants",
                "field": "classes"}
    allowed = {"inventor": ("inventors",), "org": ("applicants",), "sector": ("applicants",),
               "field": ("classes",)}
    if table is None:
        table = defaults.get(level, "inventors")
    ok = allowed.get(level, ("inventors", "applicants"))
    if table not in ok:
        raise PatnetInputError(f"level {level!r} reads table {' or '.join(map(repr, ok))}, "
                               f"not {table!r}", hint=f"Pass table={ok[0]!r} (or leave it out)")
    return table


def _geo_units(df, level, *, focal, unresolved, group, outside, reasons, info):
    country = df["country"].astype("string")
    c_codes, c_uniq = factorize_sorted(country)
    c_codes = np.asarray(c_codes, dtype=np.int64)
    n = len(df)
    # rows of the focal country, from the codes (no second pass over the strings)
    focal_at = np.flatnonzero(np.asarray(c_uniq == focal))
    is_focal = c_codes == (focal_at[0] if len(focal_at) else -2)
    no_country = c_codes < 0
    if level == "country":
        ids = _prefixed("country:", c_uniq)
        code = c_codes
        reasons["missing_country"] = int(no_country.sum())
    elif level in ("province", "province+country"):
        focal_rows = np.flatnonzero(is_focal)
        # only focal rows are split into provinces: the others' provinces are never read
        focal_p, p_uniq = factorize_sorted(df["province"].iloc[focal_rows].astype("string"))
        n_c, n_p = len(c_uniq), len(p_uniq)
        ids = np.concatenate([_prefixed("country:", c_uniq), _prefixed("province:", p_uniq),
                              np.array([UNRESOLVED_NODE], dtype=object)])
        # unit of each province code; the last entry is for code -1 (no province)
        p_units = np.append(np.arange(n_c, n_c + n_p, dtype=np.int64),
                            n_c + n_p if unresolved == "node" else -1)
        n_unres = int(np.count_nonzero(focal_p < 0))
        if level == "province+country":
            code = c_codes  # other rows are their country (focal rows all have one)
            reasons["missing_country"] = int(no_country.sum())
        else:
            code = np.full(n, -1, dtype=np.int64)
            reasons["outside_focal"] = n - len(focal_rows)
        code[focal_rows] = p_units[focal_p]
        reasons["unresolved_province"] = n_unres if unresolved == "drop" else 0
        info["rows_unresolved"] = n_unres
    elif level == "region":
        regions = region_of(country, group) if group is not None else pd.Series(
            pd.NA, index=country.index, dtype="string")
        r_codes, r_uniq = factorize_sorted(regions.astype("string"))
        r_codes = r_codes.astype(np.int64)
        ids = np.concatenate([_prefixed("region:", r_uniq), _prefixed("country:", c_uniq)])
        code = np.full(n, -1, dtype=np.int64)
        in_group = r_codes >= 0
        code[in_group] = r_codes[in_group]
        rest = ~in_group & ~no_country
        if outside == "country":
            code[rest] = len(r_uniq) + c_codes[rest]
            reasons["outside_group"] = 0
        else:
            reasons["outside_group"] = int(rest.sum())
        reasons["missing_country"] = int(no_country.sum())
    else:  # pragma: no cover - checked by the caller
        raise AssertionError(level)
    return code, ids


def _entity_units(df, level, *, key, reasons):
    if level == "inventor":
        raw = df["inventor_id"].astype("string")
        prefix, reason = "inventor:", "missing_inventor_id"
    else:
        col = key
        raw = df[col].astype("string")
        if col == "name":
            raw = raw.str.strip().replace("", pd.NA)
        prefix, reason = "org:", f"missing_{'applicant_id' if col == 'applicant_id' else 'name'}"
    codes, uniq = factorize_sorted(raw, prefix=prefix)
    codes = codes.astype(np.int64)
    if len(uniq) and uniq[0] == prefix:  # an empty id identifies no one (it sorts first)
        codes -= 1
        codes[codes < -1] = -1
        uniq = uniq[1:]
    reasons[reason] = int((codes < 0).sum())
    if len(df) and (codes < 0).all():
        column = "inventor_id" if level == "inventor" else key
        hint = ("Inventor graphs need disambiguated inventor ids" if level == "inventor" else
                "Pass key='name' to identify organisations by their names")
        raise PatnetInputError(f"every row lacks {column!r}: no {level} can be identified",
                               column=column, hint=hint)
    return codes, uniq


def _sector_units(df, *, include_unknown, reasons):
    sector = df["sector"].astype("string").fillna("unknown")
    if not include_unknown:
        reasons["unknown_sector"] = int((sector == "unknown").sum())
        sector = sector.mask(sector == "unknown")
    codes, uniq = factorize_sorted(sector)
    return codes.astype(np.int64), _prefixed("sector:", uniq)


def _entity_nodes(df, code, ids, level):
    n = len(ids)
    prefix = "inventor:" if level == "inventor" else "org:"
    label = _mode(code, df["name"], n)
    nameless = np.flatnonzero(label == "")  # labelled by their key (the id without prefix)
    label[nameless] = [key[len(prefix):] for key in ids[nameless].tolist()]
    country = _mode(code, df["country"], n)
    province = _mode(code, df["province"], n)
    if level == "org":
        sector = _mode(code, df["sector"], n, exclude="unknown")
        sector = np.where(sector == "", "unknown", sector)
    else:
        sector = np.full(n, "", dtype=object)
    return pd.DataFrame({"label": label, "kind": "inventor" if level == "inventor" else "org",
                         "country": country, "province": province,
                         "region": np.full(n, "", dtype=object), "sector": sector},
                        index=pd.Index(ids, name="id"), dtype=object)


def _via_inventors(corpus, df, org_code, code, inc: Incidence, info: dict,
                   patents: pa.Array | pa.ChunkedArray) -> Incidence:
    """Re-link an applicant-based incidence through inventors (co-invention ties).

    ``R[p, o] = 1`` when one of p's inventors is an inventor on any patent of
    organisation o; the new ``B[p, u]`` is the number of distinct reached
    organisations whose applicant rows carry unit u (for ``level="org"``,
    0 or 1).
    """
    n_units = len(inc.units)
    n_org = int(org_code.max()) + 1 if len(org_code) and (org_code >= 0).any() else 0
    valid = (org_code >= 0) & (code >= 0)
    M = binary(sp.csr_array((np.ones(int(valid.sum())), (org_code[valid], code[valid])),
                            shape=(n_org, n_units)))
    pcodes = _patent_codes(df, patents)
    Ba = binary(from_codes(pcodes, org_code, patents, np.arange(n_org)).matrix)
    inv = corpus.inventors
    icodes, iuniq = factorize_sorted(inv["inventor_id"].astype("string"))
    icodes = icodes.astype(np.int64)
    info["inventor_rows_without_id"] = int((icodes < 0).sum())
    Bi = binary(from_codes(_patent_codes(inv, patents), icodes, patents,
                           np.arange(len(iuniq))).matrix)
    R = binary(Bi @ binary(Bi.T @ Ba))
    out = sp.csr_array(R @ M)
    out = sp.csr_array((np.rint(out.data).astype(np.int64), out.indices, out.indptr),
                       shape=out.shape)
    out.eliminate_zeros()
    out.sort_indices()
    keep = np.flatnonzero(occurrences(out) > 0)
    info["units_unreached"] = int(n_units - len(keep))
    out = sp.csr_array(out[:, keep])
    out.sort_indices()
    nodes = inc.nodes.iloc[keep] if inc.nodes is not None else None
    return Incidence(out, patents, inc.units[keep], nodes=nodes, info=info)


def level_incidence(corpus, level, *, table=None, focal="CN", unresolved="node", group="bri",
                    outside="country", key="applicant_id", ties="co_application",
                    field_level="section", scheme="ipc", main_only=False,
                    include_unknown=False) -> Incidence:
    """The patent x unit incidence matrix of a corpus at a named level.

    Parameters
    ----------
    corpus : PatentCorpus
    level : {"inventor", "org", "country", "province", "province+country", \
"region", "sector", "field"}
        What a unit (node) is; node ids are namespaced:

        - ``"inventor"``: ``"inventor:<inventor_id>"`` (inventors table);
        - ``"org"``: an applicant, ``"org:<applicant_id>"`` (or
          ``"org:<name>"`` with ``key="name"``);
        - ``"country"``: ``"country:SG"``, by the rows' ``country``;
        - ``"province"``: ``"province:CN-JS"``; rows of other countries are
          left out (counted as ``rows_dropped_outside_focal``);
        - ``"province+country"``: the mixed geography of the seed study:
          focal-country rows are their province, other rows their country;
        - ``"region"``: ``"region:ASEAN"`` for countries of ``group``; other
          countries stay ``"country:XX"`` (``outside="country"``) or are left
          out (``outside="drop"``);
        - ``"sector"``: ``"sector:firm"``, by the applicants' ``sector``;
        - ``"field"``: ``"field:H"``, by :func:`patnet.classify.assign_fields`.
    table : {"inventors", "applicants"}, optional
        Whose geography the geographic levels read (default inventors).
    focal : str
        The country whose rows are split into provinces (``"CN"``: provinces
        are ISO 3166-2:CN codes).
    unresolved : {"node", "drop"}
        Focal-country rows whose province is missing (ambiguous or
        unresolved, see :func:`patnet.geo.normalize`): ``"node"`` (default)
        keeps them as one node ``"province:unresolved"``, so a patent's
        cooperation is not lost; ``"drop"`` leaves them out. Either way
        ``info["rows_unresolved"]`` counts them.
    group : str, DataFrame or None
        Region group (see :func:`patnet.geo.group`) for ``level="region"``
        and for the ``region`` node attribute.
    outside : {"country", "drop"}
        At ``level="region"``, what countries outside the group become.
    key : {"applicant_id", "name"}
        How organisations are identified.
    ties : {"co_application", "co_invention"}
        For ``"org"`` and ``"sector"``: ``"co_application"`` links a patent
        to its applicants; ``"co_invention"`` links it to every
        organisation one of its inventors has patented for anywhere in the
        corpus (the corpus is the affiliation record), so two organisations
        are tied when their inventors share a patent. Then ``B[p, u]`` is the
        number of distinct organisations of unit u that patent p reaches
        (0 or 1 at ``level="org"``), and rows without an ``inventor_id``
        cannot reach anything (``info["inventor_rows_without_id"]``).
    field_level, scheme, main_only
        Passed to :func:`patnet.classify.assign_fields` for ``"field"``.
    include_unknown : bool
        For ``"sector"``: keep applicants of sector ``"unknown"`` as a node
        (default: leave them out, counted as ``rows_dropped_unknown_sector``).

    Notes
    -----
    Only the rows kept at the level enter the matrix, so the distinct-unit
    count ``n`` of a patent and its fractional counts are shares of those
    rows: at ``level="province"`` a patent with one Beijing and one
    Singapore inventor gives Beijing 1, at ``level="province+country"`` 1/2.

    Returns
    -------
    Incidence
        With ``nodes`` (attributes ``label, kind, country, province, region,
        sector``; ``""`` where not applicable or unknown) and ``info``:
        the options used, ``n_patents`` (patents of the corpus),
        ``n_patents_linked`` (patents with at least one unit), ``rows_read``,
        ``rows_used``, ``rows_dropped`` and one ``rows_dropped_<reason>`` per
        reason that applies at the level.

    Examples
    --------
    >>> from patnet.testing import make_corpus
    >>> from patnet.build import level_incidence
    >>> c = make_corpus({"1": [{"country": "CN", "province": "CN-JS"}, "SG"],
    ...                  "2": ["CN", None]})
    >>> inc = level_incidence(c, "province+country")
    >>> inc.units.tolist()
    ['country:SG', 'province:CN-JS', 'province:unresolved']
    >>> inc.info["rows_unresolved"], inc.info["rows_dropped_missing_country"]
    (1, 1)
    >>> inc.nodes.loc["province:CN-JS", ["label", "country"]].tolist()
    ['Jiangsu', 'CN']
    """
    if not isinstance(corpus, PatentCorpus):
        raise PatnetInputError(f"expected a PatentCorpus, got {type(corpus).__name__}",
                               hint="Build one with patnet.PatentCorpus or a patnet.io reader")
    check_choice("level", level, LEVELS)
    check_choice("unresolved", unresolved, ("node", "drop"))
    check_choice("outside", outside, ("country", "drop"))
    check_choice("key", key, ("applicant_id", "name"))
    check_choice("ties", ties, TIES)
    group = _check_group(group)
    table = _link_table(corpus, level, table)
    if level in ("province", "province+country") and focal != "CN":
        raise PatnetInputError(
            f"level {level!r} splits the focal country into Chinese provinces (ISO 3166-2:CN); "
            f"focal must be 'CN', not {focal!r}",
            hint="Use level='country' or 'region' for another focal country")
    if ties == "co_invention" and level not in ("org", "sector") and table != "applicants":
        raise PatnetInputError(f"ties='co_invention' applies to applicant-based levels, not {level!r}",
                               hint="Use level='org' or 'sector', or table='applicants'")

    # the ids stay an Arrow array: Incidence.patents makes the object array only when read
    patents = sorted_distinct(corpus.patents["patent_id"])
    info = {"level": level, "table": table}
    if level in GEO_LEVELS:
        info["focal"] = focal
        info["group"] = _group_label(group)
        if level in ("province", "province+country"):
            info["unresolved"] = unresolved
        if level == "region":
            info["outside"] = outside
    if level == "org":
        info["key"] = key
    if level in ("org", "sector") or (level in GEO_LEVELS and table == "applicants"):
        info["ties"] = ties
    if level == "sector":
        info["include_unknown"] = bool(include_unknown)
    titles = None
    reasons: dict = {}

    if level == "field":
        from ..classify import assign_fields

        f = assign_fields(corpus, field_level, scheme=scheme, counting="whole", main_only=main_only)
        info.update(field_level=field_level if isinstance(field_level, str) else "mapping",
                    scheme=scheme, main_only=bool(main_only))
        titles = f.attrs.get("titles") or {}
        df = f
        codes, uniq = factorize_sorted(f["field"].astype("string"))
        code, ids = codes.astype(np.int64), _prefixed("field:", uniq)
        reasons["unclassified"] = int((code < 0).sum())
    else:
        df = getattr(corpus, table)
        if level in GEO_LEVELS:
            code, ids = _geo_units(df, level, focal=focal, unresolved=unresolved, group=group,
                                   outside=outside, reasons=reasons, info=info)
        elif level in ("inventor", "org"):
            code, ids = _entity_units(df, level, key=key, reasons=reasons)
        else:
            code, ids = _sector_units(df, include_unknown=include_unknown, reasons=reasons)

    code, units = _compact(code, ids)
    if level in ("inventor", "org"):
        nodes = _entity_nodes(df, code, units, level)
        nodes["region"] = _regions(nodes["country"].replace("", pd.NA), group)
    else:
        nodes = static_nodes(units, focal=focal, group=group, titles=titles)
    nodes.index.name = "id"

    dropped = int((code < 0).sum())
    info.update(rows_read=int(len(df)), rows_used=int(len(df)) - dropped, rows_dropped=dropped)
    for reason, n in reasons.items():
        info[f"rows_dropped_{reason}"] = int(n)
    inc = from_codes(_patent_codes(df, patents), code, patents, units, nodes=nodes, info=info)
    if ties == "co_invention" and "ties" in info:
        if level == "org":
            org_code = code
        else:
            info["key"] = key
            org_code, _ = _entity_units(df, "org", key=key, reasons={})
            org_code, _ = _compact(org_code, _)
            info["rows_without_org_key"] = int(((org_code < 0) & (code >= 0)).sum())
        inc = _via_inventors(corpus, df, org_code, code, inc, dict(info), patents)
    info = dict(inc.info)
    info["n_patents"] = int(len(patents))
    info["n_patents_linked"] = int((np.diff(inc.matrix.indptr) > 0).sum())
    return Incidence(inc.matrix, patents, inc.units, nodes=inc.nodes, info=info)


def resolve_partners(partners):
    """ISO codes of ``partners`` (None, a list of codes, a group name or table) and a label."""
    if partners is None:
        return None, "all"
    if isinstance(partners, pd.DataFrame):
        t = _group_table(table=partners)
        return frozenset(t["iso2"].tolist()), "table"
    if isinstance(partners, str):
        _check_group(partners)
        return frozenset(_group_table(partners)["iso2"].tolist()), partners
    codes = [str(c) for c in partners]
    return frozenset(codes), ",".join(sorted(codes))
