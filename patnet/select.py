"""Study selections: the cooperation patents of a focal country and its partners.

:func:`cooperation` takes a corpus and returns the corpus of *cooperation
patents* of a focal country (``"CN"``) with a set of partner countries (the
Belt and Road countries, a region, any list), together with a
:class:`SelectionRecord` that says how many patents each rule kept and
removed, in the order the rules were applied:

1. ``dedup`` -- records with the same patent number are merged (a study that
   runs one database search per partner country retrieves a patent once per
   partner on it; Chen's study removed 21 of 1,751 records this way);
2. ``date`` and ``period`` -- patents whose year (grant or filing, as asked)
   lies in the study period;
3. ``focal`` -- at least one inventor (or applicant) resident in the focal
   country;
4. ``partner`` -- at least one resident of a partner country;
5. ``exclude_others`` (optional) -- no resident of any third country.

The focal country is never a partner: it is taken out of the partner set
automatically. Countries are compared as ISO 3166-1 alpha-2 codes, so the
corpus should have been through :func:`patnet.geo.normalize` (a
:class:`~patnet.PatnetWarning` says so when the residence table has no
``country_method`` column). Rows without a country are ignored by every
rule: they neither qualify a patent nor make it a third-country patent
(:attr:`SelectionRecord.options` counts the kept patents that have such rows).

:func:`provinces` keeps the patents with a resident in given Chinese
provinces (the Jiangsu subset of a national selection).

Examples
--------
>>> import patnet as pn
>>> from patnet.testing import make_corpus
>>> corpus = make_corpus({"1": ["CN"], "2": ["CN", "SG"], "3": ["CN", "SG", "US"],
...                       "4": ["SG"], "5": ["CN", "DE"]})
>>> coop, record = pn.select.cooperation(corpus, focal="CN", partners=["SG", "IN"],
...                                      check_normalized=False)
>>> sorted(coop.patents["patent_id"])
['2', '3']
>>> record.steps[["step", "patents_before", "patents_kept", "patents_removed"]]
      step  patents_before  patents_kept  patents_removed
0    dedup               5             5                0
1    focal               5             4                1
2  partner               4             2                2
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from ._fast import isin
from .corpus import PatentCorpus, check_date_basis, links_checked
from .exceptions import PatnetInputError, PatnetWarning
from .geo.countries import country_table
from .geo.groups import group as _group
from .geo.groups import groups as _groups
from .schema import did_you_mean

__all__ = [
    "cooperation",
    "SelectionRecord",
    "partner_codes",
    "provinces",
    "RESIDENCE",
    "STEP_COLUMNS",
]

#: Which table(s) define where a patent's people reside.
RESIDENCE = ("inventors", "applicants", "either")
#: Columns of :attr:`SelectionRecord.steps`.
STEP_COLUMNS = ("step", "rule", "patents_before", "patents_kept", "patents_removed")


# ---------------------------------------------------------------------------
# The record
# ---------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class SelectionRecord:
    """What :func:`cooperation` did.

    Attributes
    ----------
    steps : pandas.DataFrame
        One row per rule, in the order applied, with columns ``step`` (a
        short name: ``dedup``, ``date``, ``period``, ``focal``, ``partner``,
        ``exclude_others``), ``rule`` (what it kept, in words),
        ``patents_before``, ``patents_kept`` and ``patents_removed``
        (``before == kept + removed``; each row's ``before`` is the previous
        row's ``kept``). The ``dedup`` row counts patent *records* before
        merging (1,751 in Chen's study) and distinct patents after (1,730);
        every later row counts distinct patents.
    focal : str
        The focal country.
    partners : tuple of str
        The partner countries used (focal country removed), sorted.
    options : dict
        The options of the call and a few facts: ``residence``,
        ``date_basis``, ``period``, ``exclude_others``, ``dedup``,
        ``focal_removed_from_partners`` and ``kept_with_unknown_country``
        (kept patents with a residence row that has no country).
    merged : pandas.DataFrame
        The dedup record (see :meth:`patnet.PatentCorpus.dedup`): one row per
        merged record.
    others : pandas.DataFrame
        Third countries on the kept patents: ``country`` and ``patents``
        (full counting), largest first. Empty with ``exclude_others=True``.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> corpus = make_corpus({"1": ["CN", "SG"], "2": ["CN", "SG", "US"], "3": ["CN"],
    ...                       "4": ["SG", "IN"]})
    >>> coop, record = pn.select.cooperation(corpus, focal="CN", partners="bri",
    ...                                      check_normalized=False)
    >>> record.n_input, record.n_selected, len(record.partners)
    (4, 2, 65)
    >>> print(record)
    Cooperation patents of CN with 65 partner countries (residence: inventors, grant dates)
      merge records with the same patent_id                       4 ->        4  (-0)
      a resident of CN among the inventors                        4 ->        3  (-1)
      a resident of a partner country among the inventors         3 ->        2  (-1)
      third countries on kept patents: US 1
    """

    steps: pd.DataFrame
    focal: str
    partners: tuple
    options: dict = field(default_factory=dict)
    merged: pd.DataFrame = None
    others: pd.DataFrame = None

    @property
    def n_input(self) -> int:
        """Patent records given (before deduplication)."""
        return int(self.steps["patents_before"].iloc[0])

    @property
    def n_selected(self) -> int:
        """Patents selected."""
        return int(self.steps["patents_kept"].iloc[-1])

    def to_dict(self) -> dict:
        """A JSON-ready summary (what :func:`cooperation` stores in ``corpus.meta["selection"]``)."""
        return {
            "focal": self.focal,
            "partners": list(self.partners),
            "options": {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.options.items()},
            "steps": [{k: (int(v) if isinstance(v, (int, np.integer)) else str(v))
                       for k, v in row.items()} for row in self.steps.to_dict("records")],
        }

    def __str__(self) -> str:
        o = self.options
        n = len(self.partners)
        lines = [f"Cooperation patents of {self.focal} with {n} partner "
                 f"{'country' if n == 1 else 'countries'} (residence: {o.get('residence')}, "
                 f"{o.get('date_basis')} dates)"]
        width = max(len(r) for r in self.steps["rule"]) if len(self.steps) else 4
        for _, r in self.steps.iterrows():
            lines.append(f"  {r['rule']:<{width}}  {r['patents_before']:>8,} -> "
                         f"{r['patents_kept']:>8,}  (-{r['patents_removed']:,})")
        if self.others is not None and len(self.others):
            top = ", ".join(f"{c} {n:,}" for c, n in self.others.head(8).itertuples(index=False))
            lines.append(f"  third countries on kept patents: {top}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        import html

        return "<pre>" + html.escape(str(self)) + "</pre>"


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def _check_choice(value, choices, what):
    if value not in choices:
        raise PatnetInputError(
            f"unknown {what} {value!r}{did_you_mean(value, choices)}",
            hint=f"Valid values are {', '.join(map(repr, choices))}",
        )
    return value


def _focal_code(focal) -> str:
    if not isinstance(focal, str) or not focal.strip():
        raise PatnetInputError("focal must be one ISO 3166-1 alpha-2 country code", value=focal,
                               hint="For example focal='CN'")
    return focal.strip().upper()


def partner_codes(partners, *, focal=None) -> tuple:
    """The partner countries as a sorted tuple of ISO codes, without the focal country.

    Parameters
    ----------
    partners : str, pandas.DataFrame or iterable of str
        A built-in group name (``"bri"``, ``"asean"``; see
        :func:`patnet.geo.groups`), a group table with an ``iso2`` column
        (e.g. ``pn.geo.group("bri", region="ASEAN")``), one country code, or
        a list of codes.
    focal : str, optional
        Removed from the partners if present.

    Returns
    -------
    tuple of str

    Warns
    -----
    PatnetWarning
        A code that is not ISO 3166-1 alpha-2 (no normalised corpus holds it).

    Examples
    --------
    >>> from patnet.select import partner_codes
    >>> len(partner_codes("bri")), partner_codes(["sg", "CN", "IN"], focal="CN")
    (65, ('IN', 'SG'))
    """
    if isinstance(partners, pd.DataFrame):
        if "iso2" not in partners.columns:
            raise PatnetInputError(
                "a partner table needs an 'iso2' column",
                hint="Pass a group table such as pn.geo.group('bri'), a group name or a list of codes")
        codes = partners["iso2"].tolist()
    elif isinstance(partners, str):
        key = partners.strip().lower()
        names = set(_groups()["name"].tolist())
        if key in names:
            codes = _group(key)["iso2"].tolist()
        elif len(partners.strip()) == 2:
            codes = [partners]
        else:
            codes = _group(partners)["iso2"].tolist()  # raises with "did you mean"
    elif partners is None:
        raise PatnetInputError("no partner countries given",
                               hint="Pass partners='bri', a group table or a list of codes")
    else:
        try:
            codes = list(partners)
        except TypeError:
            raise PatnetInputError(
                f"cannot read partner countries from a {type(partners).__name__}",
                hint="Pass a group name, a group table or a list of codes") from None
    out = set()
    for c in codes:
        if c is None or (not isinstance(c, str)) or not c.strip():
            raise PatnetInputError("partner codes must be non-empty text", value=c,
                                   hint="Use ISO 3166-1 alpha-2 codes such as 'SG'")
        out.add(c.strip().upper())
    valid = _iso2()
    unknown = sorted(out - valid)
    if unknown:
        warnings.warn(
            f"partner code(s) {', '.join(unknown)} are not ISO 3166-1 alpha-2: a normalised "
            "corpus never holds them (convert legacy codes with pn.geo.normalize_country)",
            PatnetWarning, stacklevel=2,
        )
    if focal is not None:
        out.discard(_focal_code(focal))
    return tuple(sorted(out))


@lru_cache(maxsize=1)
def _iso2() -> frozenset:
    return frozenset(country_table()["iso2"])


def _residence_rows(corpus: PatentCorpus, residence: str) -> pd.DataFrame:
    """``patent_id, country, province`` rows of the residence table(s)."""
    if residence == "either":
        parts = [getattr(corpus, t)[["patent_id", "country", "province"]]
                 for t in ("inventors", "applicants")]
        return pd.concat(parts, ignore_index=True)
    return getattr(corpus, residence)[["patent_id", "country", "province"]]


def _warn_not_normalized(corpus: PatentCorpus, tables, *, stacklevel: int = 3) -> None:
    """Warn (PatnetWarning) if a non-empty table of ``tables`` has no ``country_method`` column."""
    missing = [t for t in tables
               if len(getattr(corpus, t)) and "country_method" not in getattr(corpus, t).columns]
    if missing:
        warnings.warn(
            f"countries of the {' and '.join(missing)} table were not normalised (no "
            "country_method column): codes are compared as written. Run pn.geo.normalize(corpus) "
            "first, or pass check_normalized=False if they already are ISO 3166-1 alpha-2 codes",
            PatnetWarning, stacklevel=stacklevel,
        )


def _any_by(codes: np.ndarray, mask, n: int) -> np.ndarray:
    """For each of ``n`` groups, whether any row (``codes``: group per row, -1 for none) is in ``mask``."""
    out = np.zeros(n, dtype=bool)
    hit = np.asarray(mask, dtype=bool) & (codes >= 0)
    out[codes[hit]] = True
    return out


def _id_array(ids) -> np.ndarray:
    """Patent ids as an object array (``None`` for missing), which :meth:`PatentCorpus._subset`
    reads much faster than a text Index or Arrow array."""
    return pd.Series(ids, dtype="string").to_numpy(dtype=object, na_value=None)


def _patents_with(rows: pd.DataFrame, mask) -> pd.Index:
    mask = pd.Series(mask, index=rows.index).fillna(False).astype(bool).to_numpy()
    return pd.Index(rows.loc[mask, "patent_id"].unique())


def _to_bound(value, *, end: bool, what: str):
    """A period bound as ``(kind, value)``: ("year", int) or ("date", Timestamp)."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        raise PatnetInputError(f"cannot read {what} of the period", value=value,
                               hint="Use a year (2001) or a date ('2018-02-28')")
    if isinstance(value, (int, np.integer)):
        return ("year", int(value))
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        ts = None
    if ts is None or pd.isna(ts):
        raise PatnetInputError(f"cannot read {what} of the period", value=value,
                               hint="Use a year (2001), a date ('2018-02-28') or None")
    return ("date", ts.normalize())


def _period_rule(period, basis: str, patents: pd.DataFrame):
    """(mask of patents in the period, rule text, has-date mask)."""
    if not (isinstance(period, (tuple, list)) and len(period) == 2):
        raise PatnetInputError("period must be a pair (start, end)", value=period,
                               hint="For example period=(2001, 2017) or "
                                    "period=('2001-01-01', '2018-02-28'); None leaves a side open")
    lo = _to_bound(period[0], end=False, what="the start")
    hi = _to_bound(period[1], end=True, what="the end")
    date = patents[check_date_basis(basis)]
    year = patents["year"]
    have = year.notna().to_numpy(dtype=bool)
    mask = np.ones(len(patents), dtype=bool)
    texts = []
    for bound, is_end in ((lo, False), (hi, True)):
        if bound is None:
            continue
        kind, v = bound
        if kind == "year":
            vals = year.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            ok = vals <= v if is_end else vals >= v
            texts.append(("to " if is_end else "from ") + str(v))
        else:
            vals = date.to_numpy()
            if is_end:
                ok = vals < np.datetime64(v + pd.Timedelta(days=1))
            else:
                ok = vals >= np.datetime64(v)
            ok = ok & ~pd.isna(vals)
            texts.append(("to " if is_end else "from ") + v.strftime("%Y-%m-%d"))
        mask &= np.asarray(ok, dtype=bool)
    if lo is not None and hi is not None:
        if (lo[0] == hi[0] and lo[1] > hi[1]) or (
                lo[0] == "date" and hi[0] == "year" and lo[1].year > hi[1]) or (
                lo[0] == "year" and hi[0] == "date" and lo[1] > hi[1].year):
            raise PatnetInputError("the period ends before it starts", value=period,
                                   hint="Give period=(start, end) with start <= end")
    mask &= have
    return mask, f"{basis} date {' '.join(texts)} (inclusive)", have


# ---------------------------------------------------------------------------
# cooperation()
# ---------------------------------------------------------------------------

def cooperation(corpus: PatentCorpus, focal: str = "CN", partners="bri", *,
                residence: str = "inventors", exclude_others: bool = False,
                date_basis: str | None = None, period=None, dedup="patent_id",
                check_normalized: bool = True):
    """The cooperation patents of a focal country with partner countries.

    A *cooperation patent* has at least one resident of the focal country
    and at least one resident of a partner country; residents of third
    countries may also be on it unless ``exclude_others=True`` (Chen's
    definition: "regardless of whether there are other non-Belt and Road
    countries").

    Parameters
    ----------
    corpus : PatentCorpus
        Ideally with normalised countries (:func:`patnet.geo.normalize`).
        May hold repeated records (from :func:`patnet.concat` of one search
        per partner country).
    focal : str, default "CN"
        The focal country (ISO 3166-1 alpha-2).
    partners : str, pandas.DataFrame or list of str, default "bri"
        A group name, a group table (``iso2`` column) or country codes; see
        :func:`partner_codes`. The focal country is removed from it.
    residence : {"inventors", "applicants", "either"}
        Whose country of residence counts: the inventors' (as in Chen's
        study), the applicants', or either (a patent qualifies if its
        inventors or its applicants include the country).
    exclude_others : bool, default False
        Also require that no resident (of the residence table(s)) is from
        a third country, i.e. every resident with a known country is from
        the focal country or a partner country.
    date_basis : {"grant", "filing"}, optional
        Count years on grant or filing dates (default: the corpus's own
        basis). The returned corpus is on this basis.
    period : (start, end), optional
        Keep patents whose date lies in ``[start, end]``, both inclusive.
        Each bound is a year (``2001``: from 1 January / to 31 December) or
        a date (``"2018-02-28"``), or None for an open side. Patents without
        a date on the basis are left out when a period is given (the
        ``date`` step counts them, and a warning says how many).
    dedup : {"patent_id", "application"} or str or list or None
        Merge repeated records first, by patent number (default; what Chen
        did), by application, or by patents column(s) (see
        :meth:`patnet.PatentCorpus.dedup`). None: no merging (repeated
        records then stay and the counts of later steps are of distinct
        patents).
    check_normalized : bool, default True
        Warn when the residence table has no ``country_method`` column.

    Returns
    -------
    coop : PatentCorpus
        The selected patents, whole (all their inventors, applicants and
        classes). ``coop.meta["selection"]`` holds :meth:`SelectionRecord.to_dict`,
        which :mod:`patnet.stats` reads for its default focal and partner
        countries.
    record : SelectionRecord
        Patents kept and removed by each rule (``record.steps``), the
        partner set, the merged records and the third countries present.

    Warns
    -----
    PatnetWarning
        The residence table was not normalised; patents without a date
        were left out by ``period``; a partner code is not ISO alpha-2.

    Notes
    -----
    The rules are applied in the order of the record. Shuffling the rows of
    the input changes neither the selected patents nor the record.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> a = make_corpus({"1": ["CN", "SG"], "2": ["CN", "SG", "US"], "3": ["SG"]},
    ...                 years={"1": 2005, "2": 2016, "3": 2010})
    >>> b = make_corpus({"1": ["CN", "SG"]}, years=2005)
    >>> stacked = pn.concat([a, b])                 # a search run twice
    >>> coop, record = pn.select.cooperation(stacked, "CN", ["SG"], period=(2001, 2017),
    ...                                      exclude_others=True, check_normalized=False)
    >>> print(record)  # doctest: +NORMALIZE_WHITESPACE
    Cooperation patents of CN with 1 partner country (residence: inventors, grant dates)
      merge records with the same patent_id                  4 ->        3  (-1)
      grant date from 2001 to 2017 (inclusive)               3 ->        3  (-0)
      a resident of CN among the inventors                   3 ->        2  (-1)
      a resident of a partner country among the inventors    2 ->        2  (-0)
      no resident of a third country among the inventors     2 ->        1  (-1)
    >>> coop.patents["patent_id"].tolist(), coop.meta["selection"]["partners"]
    (['1'], ['SG'])
    """
    if not isinstance(corpus, PatentCorpus):
        raise PatnetInputError(f"cooperation() takes a PatentCorpus, got {type(corpus).__name__}",
                               hint="Build one with pn.PatentCorpus(...) or a pn.io loader")
    focal = _focal_code(focal)
    _check_choice(residence, RESIDENCE, "residence")
    tables = ("inventors", "applicants") if residence == "either" else (residence,)
    if check_normalized:
        _warn_not_normalized(corpus, tables)
    raw_partners = partner_codes(partners)
    partner_set = tuple(p for p in raw_partners if p != focal)
    if not partner_set:
        raise PatnetInputError("no partner countries left once the focal country is removed",
                               value=partners, hint="Give at least one country other than focal")
    basis = corpus.date_basis if date_basis is None else date_basis
    check_date_basis(basis)

    steps = []

    def add(step, rule, before, kept):
        steps.append({"step": step, "rule": rule, "patents_before": int(before),
                      "patents_kept": int(kept), "patents_removed": int(before) - int(kept)})

    # 1. dedup
    merged = pd.DataFrame(columns=["key", "kept", "merged", "conflicts"]).astype("string")
    c = corpus
    if dedup is not None and dedup is not False:
        before = len(c.patents)
        if not (dedup == "patent_id" and c.n_duplicates == 0):
            c, merged = c.dedup(dedup)
        key_text = {"patent_id": "patent_id", "application": "application_id"}.get(
            dedup, dedup if isinstance(dedup, str) else "+".join(dedup))
        add("dedup", f"merge records with the same {key_text}", before, len(c.patents))

    # 2. date basis and period
    if basis != c.date_basis:
        c = c.with_date_basis(basis)
    # patents and residence rows as integer codes of their distinct ids (order of first
    # appearance), so every rule is a NumPy mask over patents instead of a text join
    pcodes, ids = pd.factorize(c.patents["patent_id"], use_na_sentinel=True)
    in_ids = np.ones(len(ids), dtype=bool)
    if period is not None:
        mask, rule, have = _period_rule(period, basis, c.patents)
        n_before = len(ids)
        no_date = _any_by(pcodes, ~have, len(ids))
        n_no_date = int(no_date.sum())
        if n_no_date:
            warnings.warn(f"{n_no_date} patent(s) have no {basis} date and were left out "
                          "by the period", PatnetWarning, stacklevel=2)
            in_ids &= ~no_date
            add("date", f"has a {basis} date", n_before, int(in_ids.sum()))
        in_ids &= _any_by(pcodes, mask, len(ids))
        add("period", rule, n_before - n_no_date, int(in_ids.sum()))
    n_ids = int(in_ids.sum())

    # 3-5. residence rules
    who = {"inventors": "the inventors", "applicants": "the applicants",
           "either": "the inventors or applicants"}[residence]
    rows = _residence_rows(c, residence)
    rcodes, rids = pd.factorize(rows["patent_id"], use_na_sentinel=True)
    # the residence rows' patents that are still in the selection
    selected = isin(pd.Series(rids, dtype="string"), ids[in_ids]) if len(rids) else \
        np.zeros(0, dtype=bool)
    country = rows["country"]
    kept = selected & _any_by(rcodes, (country == focal).fillna(False).to_numpy(dtype=bool),
                              len(rids))
    add("focal", f"a resident of {focal} among {who}", n_ids, int(kept.sum()))
    kept2 = kept & _any_by(rcodes, isin(country, partner_set), len(rids))
    add("partner", f"a resident of a partner country among {who}", int(kept.sum()),
        int(kept2.sum()))
    allowed = set(partner_set) | {focal}
    other_rows = country.notna().to_numpy(dtype=bool) & ~isin(country, allowed)
    final_mask = kept2
    if exclude_others:
        final_mask = kept2 & ~_any_by(rcodes, other_rows, len(rids))
        add("exclude_others", f"no resident of a third country among {who}", int(kept2.sum()),
            int(final_mask.sum()))
    final = rids[final_mask]

    out = c._subset(_id_array(final))
    in_final = np.zeros(len(rcodes), dtype=bool)
    coded = rcodes >= 0
    in_final[coded] = final_mask[rcodes[coded]]
    sel_rows = rows[in_final]
    unknown_country = int(sel_rows.loc[sel_rows["country"].isna().to_numpy(dtype=bool),
                                       "patent_id"].nunique())
    others_rows = sel_rows[sel_rows["country"].notna().to_numpy(dtype=bool)
                           & ~isin(sel_rows["country"], allowed)]
    others = (others_rows[["patent_id", "country"]].drop_duplicates()
              .groupby("country", sort=True).size().rename("patents").reset_index())
    others = others.sort_values(["patents", "country"], ascending=[False, True],
                                kind="stable").reset_index(drop=True)
    others["country"] = others["country"].astype("string")
    others["patents"] = others["patents"].astype("int64")

    steps_df = pd.DataFrame(steps, columns=list(STEP_COLUMNS))
    steps_df["step"] = steps_df["step"].astype("string")
    steps_df["rule"] = steps_df["rule"].astype("string")
    for col in STEP_COLUMNS[2:]:
        steps_df[col] = steps_df[col].astype("int64")
    options = {
        "residence": residence,
        "date_basis": basis,
        "period": None if period is None else tuple(
            p if p is None or isinstance(p, (int, np.integer)) else str(p) for p in period),
        "exclude_others": bool(exclude_others),
        "dedup": dedup if isinstance(dedup, (str, type(None), bool)) else list(dedup),
        "focal_removed_from_partners": focal in raw_partners,
        "kept_with_unknown_country": unknown_country,
    }
    record = SelectionRecord(steps=steps_df, focal=focal, partners=partner_set,
                             options=options, merged=merged, others=others)
    meta = dict(out.meta)
    meta["selection"] = record.to_dict()
    with links_checked():  # the tables of a subset just built: only meta changes
        out = out.replace(meta=meta)
    return out, record


def provinces(corpus: PatentCorpus, provinces, *, table: str = "inventors") -> PatentCorpus:
    """Patents with at least one resident in the given Chinese province(s).

    Parameters
    ----------
    corpus : PatentCorpus
    provinces : str or iterable of str
        ISO 3166-2:CN codes such as ``"CN-JS"``.
    table : {"inventors", "applicants", "either"}

    Returns
    -------
    PatentCorpus
        Whole patents (all their rows); ``meta`` is kept.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": [{"country": "CN", "province": "CN-JS"}, "SG"],
    ...                  "2": [{"country": "CN", "province": "CN-BJ"}, "IN"]})
    >>> pn.select.provinces(c, "CN-JS").patents["patent_id"].tolist()
    ['1']
    """
    _check_choice(table, RESIDENCE, "table")
    wanted = _province_list(provinces)
    rows = _residence_rows(corpus, table)
    return corpus._subset(_id_array(_patents_with(rows, isin(rows["province"], wanted))))


def _province_list(provinces) -> list:
    items = [provinces] if isinstance(provinces, str) else list(provinces)
    out = []
    for p in items:
        if not isinstance(p, str) or not p.strip():
            raise PatnetInputError("province codes must be non-empty text", value=p,
                                   hint="Use ISO 3166-2:CN codes such as 'CN-JS'")
        p = p.strip().upper()
        if not p.startswith("CN-"):
            raise PatnetInputError("not an ISO 3166-2:CN province code", value=p,
                                   hint="Use codes such as 'CN-JS' (Jiangsu) or 'CN-BJ' (Beijing)")
        out.append(p)
    return out
