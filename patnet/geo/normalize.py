"""Apply the country and province normalisers to a corpus: :func:`normalize`."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..corpus import PatentCorpus, links_checked
from ..exceptions import PatnetInputError
from .china import PROVINCES, _resolve_codes
from .countries import _dates_at, _match_codes
from .countries import _tables as _country_tables

__all__ = ["normalize", "GeoReport"]

_HK_MO_TW = {"CN-HK": "HK", "CN-MO": "MO", "CN-TW": "TW"}
_GIVEN = "given in source"


@dataclass(eq=False)
class GeoReport:
    """What :func:`normalize` did, per table.

    Attributes
    ----------
    countries : pandas.DataFrame
        Rows per ``table`` x country ``method`` (how each raw value was read)
        with the number flagged for attention.
    provinces : pandas.DataFrame
        Rows of Chinese residents per ``table`` x ``status`` (resolved /
        ambiguous / unresolved / not_china) with their share.
    unresolved, ambiguous : pandas.DataFrame
        The most frequent city strings (with their state) that were not
        resolved or were ambiguous, with row counts and candidates.
    moved : int
        Rows coded CN whose city is in Hong Kong, Macao or Taiwan, moved to
        that code (USPTO records often code Hong Kong inventors as CN).

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> corpus = make_corpus({"1": [{"country": "CN", "city": "Nanjing"}, "SG"],
    ...                       "2": [{"country": "CN", "city": "Suzhou"}, "IN"],
    ...                       "3": [{"country": "CN", "city": "Hong Kong"}, "SG"]})
    >>> out, report = pn.geo.normalize(corpus)
    >>> report.provinces  # doctest: +NORMALIZE_WHITESPACE
           table     status  rows     share
    0  inventors   resolved     1  0.333333
    1  inventors  ambiguous     1  0.333333
    2  inventors  not_china     1  0.333333
    >>> report.moved, report.ambiguous.loc[0, "candidates"]
    (1, 'CN-JS|CN-AH|CN-GS')
    >>> out.inventors["country"].tolist()
    ['CN', 'SG', 'CN', 'IN', 'HK', 'SG']
    """

    countries: pd.DataFrame
    provinces: pd.DataFrame
    unresolved: pd.DataFrame
    ambiguous: pd.DataFrame
    moved: int = 0
    options: dict = field(default_factory=dict)

    def __str__(self) -> str:
        lines = ["Geography normalisation"]
        lines.append("countries, by how the raw value was read:")
        lines.append(self.countries.to_string())
        lines.append("Chinese provinces, by status:")
        lines.append(self.provinces.to_string())
        if self.moved:
            lines.append(f"{self.moved} row(s) coded CN moved to HK/MO/TW by their city")
        if len(self.unresolved):
            lines.append("most frequent unresolved city strings:")
            lines.append(self.unresolved.to_string(index=False))
        if len(self.ambiguous):
            lines.append("most frequent ambiguous city strings:")
            lines.append(self.ambiguous.to_string(index=False))
        return "\n".join(lines)

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        import html

        return "<pre>" + html.escape(str(self)) + "</pre>"


def _patent_dates(corpus: PatentCorpus, patent_ids: pd.Series) -> pd.Series:
    dates = corpus.patents.drop_duplicates("patent_id").set_index("patent_id")["grant_date"]
    return patent_ids.map(dates)


def _strings(values, codes: np.ndarray, dtype="string"):
    """``values[codes]`` as a text array of ``dtype`` (code -1: missing), built by one take."""
    return pd.array(list(values), dtype=dtype).take(codes, allow_fill=True)


def _normalize_table(corpus, table, *, fold_china, overrides, top):
    """One table normalised, with its report rows.

    Every rule runs once per distinct value (country per raw text, province
    per city and state) and the results are mapped back to the rows by
    integer codes, so the columns are built by one ``take`` each instead of
    row by row.
    """
    df = getattr(corpus, table).copy()
    n = len(df)
    raw = df["country_raw"].where(df["country_raw"].notna(), df["country"])

    def dates_at(rows):
        # grant dates, looked up only for the rows with a historic country code
        pid = df["patent_id"].iloc[rows].reset_index(drop=True)
        return _dates_at(_patent_dates(corpus, pid), np.arange(len(rows)))

    ccodes, matches = _match_codes(raw, dates_at, _country_tables(), {}, fold_china)
    countries = [m.country for m in matches]
    methods = [m.method for m in matches]
    flags = np.array([m.flag for m in matches], dtype=bool)[ccodes]

    # a valid province given by the source (not by an earlier run of normalize) is kept
    prior_method = df["province_method"] if "province_method" in df.columns else None
    given = df["province"].where(df["province"].isin(PROVINCES).fillna(False).astype(bool))
    if prior_method is not None:
        given = given.where(prior_method.isna() | (prior_method == _GIVEN))
    china = np.array([c == "CN" for c in countries], dtype=bool)[ccodes]
    keep_given = china & given.notna().to_numpy(dtype=bool)
    china = china & ~keep_given
    pos = np.flatnonzero(china)

    # per row: a code into each column's list of values (-1: missing)
    prov_codes = np.full(n, -1, dtype=np.int64)
    status_codes = np.full(n, -1, dtype=np.int64)
    method_codes = np.full(n, -1, dtype=np.int64)
    cand_codes = np.full(n, -1, dtype=np.int64)
    prov_values: list = []
    status_values: list = ["resolved"]
    method_values: list = [_GIVEN]
    cand_values: list = []
    moved = 0
    if keep_given.any():
        gcodes, guniques = pd.factorize(given[keep_given], use_na_sentinel=True)
        prov_codes[keep_given] = gcodes
        prov_values = list(guniques)
        status_codes[keep_given] = 0
        method_codes[keep_given] = 0
    if len(pos):
        r_codes, results, _city = _resolve_codes(df["city"].iloc[pos], df["state"].iloc[pos],
                                                 overrides=overrides)
        k = len(prov_values)
        prov_codes[pos] = k + r_codes
        prov_values += [r[0] for r in results]
        status_codes[pos] = len(status_values) + r_codes
        status_values += [r[1] for r in results]
        method_codes[pos] = len(method_values) + r_codes
        method_values += [r[2] for r in results]
        cand_codes[pos] = r_codes
        cand_values = ["|".join(r[3]) or None for r in results]
        # Hong Kong, Macao and Taiwan are countries of their own in patnet
        where = [r[4] for r in results]
        outside = np.array([w in _HK_MO_TW.values() for w in where], dtype=bool)[r_codes]
        if outside.any():
            oi = pos[outside]
            if fold_china:
                method_codes[oi] = len(method_values)
                method_values.append("not_china (kept as CN: fold_china=True)")
            else:
                # new codes for the moved rows: their country, and method "moved by city"
                base = len(countries)
                countries = countries + where
                ccodes = ccodes.copy()
                ccodes[oi] = base + r_codes[outside]
                methods = methods + ["moved by city"] * len(where)
                moved = len(oi)

    df["country"] = _strings(countries, ccodes)
    # as pandas reads a column of Python strings (what earlier versions assigned)
    df["country_method"] = (_strings(methods, ccodes, dtype="str") if n
                            else np.array([], dtype=object))
    df["country_flag"] = flags
    df["province_status"] = _strings(status_values, status_codes)
    df["province_method"] = _strings(method_values, method_codes)
    df["province_candidates"] = _strings(cand_values, cand_codes)
    df["province"] = _strings(prov_values, prov_codes)

    counts = (pd.DataFrame({"method": df["country_method"], "flag": df["country_flag"]})
              .groupby("method", sort=True, dropna=False)
              .agg(rows=("flag", "size"), flagged=("flag", "sum")).reset_index())
    counts.insert(0, "table", table)

    cn_rows = df.loc[china | keep_given, ["city", "state", "province_status", "province_candidates"]]
    status = cn_rows["province_status"].value_counts(sort=False).rename("rows").reset_index()
    status.columns = ["status", "rows"]
    status["share"] = status["rows"] / max(len(cn_rows), 1)
    status.insert(0, "table", table)

    def top_strings(which):
        sub = cn_rows[(cn_rows["province_status"] == which).fillna(False).to_numpy(dtype=bool)]
        if not len(sub):
            return pd.DataFrame(columns=["table", "city", "state", "rows", "candidates"])
        g = (sub.assign(city=sub["city"].fillna(""), state=sub["state"].fillna(""),
                        candidates=sub["province_candidates"].fillna(""))
             .groupby(["city", "state", "candidates"], sort=True).size().rename("rows").reset_index()
             .sort_values(["rows", "city"], ascending=[False, True], kind="stable").head(top))
        g.insert(0, "table", table)
        return g[["table", "city", "state", "rows", "candidates"]]

    return df, counts, status, top_strings("unresolved"), top_strings("ambiguous"), moved


def normalize(corpus: PatentCorpus, *, fold_china: bool = False, overrides=None, top: int = 20):
    """Normalise countries and resolve Chinese provinces of inventors and applicants.

    For each of ``inventors`` and ``applicants``: ``country`` becomes the ISO
    3166-1 alpha-2 code read from ``country_raw`` by
    :func:`~patnet.geo.normalize_country` (dated by the patent's grant date,
    for historic codes), with ``country_method`` and ``country_flag``
    recording how; rows in China get ``province`` (ISO 3166-2:CN) from
    :func:`~patnet.geo.resolve_province`, with ``province_status``,
    ``province_method`` and ``province_candidates``. Ambiguous and
    unresolved rows keep a missing ``province``: nothing is guessed. A valid
    province that the source itself gives (a column filled before
    ``normalize`` first ran) is kept, with ``province_method`` "given in
    source".

    A row coded CN whose city is in Hong Kong, Macao or Taiwan is given that
    code (USPTO records often code Hong Kong inventors as CN), unless
    ``fold_china=True``, which keeps all four as CN.

    Parameters
    ----------
    corpus : PatentCorpus
    fold_china : bool
        Fold HK, MO and TW into CN (an explicit choice, e.g. to match
        statistics that count "China incl. Hong Kong").
    overrides : pandas.DataFrame or path, optional
        Your own city -> province decisions (see :func:`~patnet.geo.resolve_province`).
    top : int
        How many unresolved / ambiguous strings to list in the report.

    Returns
    -------
    corpus : PatentCorpus
    report : GeoReport

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": [{"country_raw": "CN", "city": "Kunshan"},
    ...                        {"country_raw": "SG", "city": "Singapore"}],
    ...                  "2": [{"country_raw": "CN", "city": "Suzhou"}]})
    >>> out, report = pn.geo.normalize(c)
    >>> out.inventors[["country", "province", "province_status"]].values.tolist()
    [['CN', 'CN-JS', 'resolved'], ['SG', <NA>, <NA>], ['CN', <NA>, 'ambiguous']]
    """
    if not isinstance(corpus, PatentCorpus):
        raise PatnetInputError(f"normalize() takes a PatentCorpus, got {type(corpus).__name__}")
    tables, counts, status, unres, amb = {}, [], [], [], []
    moved = 0
    for t in ("inventors", "applicants"):
        df, c, s, u, a, m = _normalize_table(corpus, t, fold_china=fold_china,
                                             overrides=overrides, top=top)
        tables[t] = df
        counts.append(c)
        status.append(s)
        unres.append(u)
        amb.append(a)
        moved += m
    report = GeoReport(
        countries=pd.concat(counts, ignore_index=True),
        provinces=pd.concat(status, ignore_index=True),
        unresolved=pd.concat(unres, ignore_index=True),
        ambiguous=pd.concat(amb, ignore_index=True),
        moved=moved,
        options={"fold_china": fold_china, "top": top},
    )
    # only columns other than patent_id changed: the links of the valid input corpus still hold
    with links_checked():
        out = corpus.replace(**tables)
    return out, report
