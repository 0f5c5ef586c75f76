"""The canonical patent corpus: four tables that stay consistent.

:class:`PatentCorpus` holds the ``patents``, ``inventors``, ``applicants``
and ``classes`` tables of :mod:`patnet.schema`, validates them on
construction, and every filter returns a new corpus whose link tables only
refer to patents it holds.
"""

from __future__ import annotations

import contextvars
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import schema
from .exceptions import PatnetWarning, SchemaError
from ._fast import isin, sort_order
from .ids import IdIndex, normalize_patent_ids

__all__ = ["PatentCorpus", "concat", "check_date_basis", "DATE_BASES", "LINK_TABLES"]

#: Date bases a corpus can count years on, and the patents column each uses.
DATE_BASES = {"grant": "grant_date", "filing": "filing_date"}
#: Tables that link patents to something (one row per patent x thing).
LINK_TABLES = ("inventors", "applicants", "classes")
TABLE_NAMES = ("patents",) + LINK_TABLES


def check_date_basis(basis):
    """Return the patents date column of ``basis``; raise SchemaError for an unknown basis."""
    if basis not in DATE_BASES:
        raise SchemaError(
            f"unknown date basis {basis!r}{schema.did_you_mean(basis, DATE_BASES)}",
            hint=f"Valid date bases are {', '.join(map(repr, DATE_BASES))}",
        )
    return DATE_BASES[basis]


_LINKS_CHECKED = contextvars.ContextVar("patnet_links_checked", default=False)


@contextmanager
def links_checked():
    """Build corpora whose link tables are known to have no orphan rows (skips that check).

    For code that has just removed orphans itself (the loaders) or takes a
    subset of a valid corpus; every other check still runs.
    """
    token = _LINKS_CHECKED.set(True)
    try:
        yield
    finally:
        _LINKS_CHECKED.reset(token)


@dataclass(frozen=True, eq=False)
class PatentCorpus:
    """A set of patents with their inventors, applicants and classes.

    Parameters
    ----------
    patents, inventors, applicants, classes : pandas.DataFrame, optional
        Canonical tables (see :func:`patnet.schema.describe`). Missing
        optional columns are added; extra columns are kept. Link tables may
        be omitted (empty).
    date_basis : {"grant", "filing"}
        Which date the ``year`` column counts. Where the basis date is
        known, ``year`` is set from it; where it is missing, a given
        ``year`` is kept.
    name : str, optional
        A label shown in the repr.

    Raises
    ------
    SchemaError
        A table breaks the schema, or a link table refers to a patent that
        is not in ``patents`` (loaders drop and report such orphan rows; use
        :func:`patnet.io.from_dataframes` to get that behaviour).

    Notes
    -----
    ``patent_id`` is normally unique. :func:`patnet.concat` of overlapping
    searches can produce repeated ids (as a database search run once per
    partner country does); :attr:`n_duplicates` counts them and
    :meth:`dedup` merges them, returning a record of what it merged.

    Examples
    --------
    >>> import pandas as pd
    >>> import patnet as pn
    >>> c = pn.PatentCorpus(
    ...     patents=pd.DataFrame({"patent_id": ["1", "2"],
    ...                           "grant_date": ["2010-05-04", "2012-01-03"]}),
    ...     inventors=pd.DataFrame({"patent_id": ["1", "1", "2"],
    ...                             "country": ["CN", "SG", "CN"]}))
    >>> c.n_patents, c.year_span
    (2, (2010, 2012))
    >>> c.filter_years(2011, 2012).n_patents
    1
    """

    patents: pd.DataFrame = None
    inventors: pd.DataFrame = None
    applicants: pd.DataFrame = None
    classes: pd.DataFrame = None
    date_basis: str = "grant"
    name: str | None = None
    meta: dict = field(default_factory=dict)

    def __post_init__(self):
        date_col = check_date_basis(self.date_basis)
        tables = {}
        for t in TABLE_NAMES:
            df = getattr(self, t)
            if df is None:
                df = schema.empty_table(t)
            tables[t] = schema.coerce_table(t, df)
        p = tables["patents"]
        basis_year = p[date_col].dt.year.astype("Int64")
        p["year"] = basis_year.where(basis_year.notna(), p["year"])
        ids = p["patent_id"] if not _LINKS_CHECKED.get() else None
        index = None
        for t in LINK_TABLES:
            link = tables[t]
            if len(link) and ids is not None:
                index = IdIndex(ids) if index is None else index
                orphan = pd.Series(index.positions(link["patent_id"]) < 0, index=link.index)
                if orphan.any():
                    first = link.loc[orphan, "patent_id"].iloc[0]
                    raise SchemaError(
                        f"{int(orphan.sum())} row(s) refer to patents not in the patents table",
                        table=t, column="patent_id", value=first,
                        hint="Add those patents, drop the rows, or load through "
                             "patnet.io.from_dataframes, which drops and reports orphans",
                    )
        bad_scheme = pd.Series(~isin(tables["classes"]["scheme"], schema.CLASS_SCHEMES),
                               index=tables["classes"].index)
        if bad_scheme.any():
            v = tables["classes"].loc[bad_scheme, "scheme"].iloc[0]
            raise SchemaError(
                f"unknown classification scheme{schema.did_you_mean(v, schema.CLASS_SCHEMES)}",
                table="classes", column="scheme", value=v,
                hint=f"Valid schemes are {', '.join(schema.CLASS_SCHEMES)}",
            )
        sector = tables["applicants"]["sector"]
        bad_sector = pd.Series(~isin(sector, schema.SECTORS) & sector.notna().to_numpy(),
                               index=sector.index)
        if bad_sector.any():
            v = tables["applicants"].loc[bad_sector, "sector"].iloc[0]
            raise SchemaError(
                f"unknown sector{schema.did_you_mean(v, schema.SECTORS)}",
                table="applicants", column="sector", value=v,
                hint=f"Valid sectors are {', '.join(schema.SECTORS)}",
            )
        for t, df in tables.items():
            object.__setattr__(self, t, df)
        object.__setattr__(self, "meta", dict(self.meta))

    # -- basic facts ---------------------------------------------------
    @property
    def tables(self) -> dict:
        """The four tables by name."""
        return {t: getattr(self, t) for t in TABLE_NAMES}

    @property
    def n_patents(self) -> int:
        """Number of distinct patent ids."""
        return int(self.patents["patent_id"].nunique())

    def __len__(self) -> int:
        return self.n_patents

    @property
    def n_duplicates(self) -> int:
        """Number of patent rows whose id repeats an earlier row (0 after :meth:`dedup`)."""
        return int(self.patents["patent_id"].duplicated().sum())

    @property
    def year_span(self):
        """``(first, last)`` year on the corpus's date basis, or ``(None, None)``."""
        y = self.patents["year"].dropna()
        if not len(y):
            return (None, None)
        return (int(y.min()), int(y.max()))

    def countries(self, table: str = "inventors") -> pd.Series:
        """Number of patents per country in ``table`` (full counting), largest first."""
        if table not in ("inventors", "applicants"):
            raise SchemaError(f"table {table!r} has no countries",
                              hint="Use 'inventors' or 'applicants'")
        df = getattr(self, table)[["patent_id", "country"]].dropna().drop_duplicates()
        out = df.groupby("country", sort=True).size().sort_values(ascending=False, kind="stable")
        out.index.name = "country"
        out.name = "patents"
        return out

    def summary(self) -> pd.DataFrame:
        """Rows per table and distinct patents each table covers."""
        rows = []
        for t, df in self.tables.items():
            rows.append({"table": t, "rows": len(df),
                         "patents": int(df["patent_id"].nunique())})
        return pd.DataFrame(rows).set_index("table")

    def __repr__(self) -> str:
        first, last = self.year_span
        span = "no years" if first is None else f"{first}-{last} ({self.date_basis} year)"
        counts = ", ".join(f"{len(getattr(self, t)):,} {t}" for t in TABLE_NAMES[1:])
        top = self.countries().head(8)
        ctext = ", ".join(f"{c} {n:,}" for c, n in top.items()) if len(top) else "none"
        n_c = len(self.countries())
        more = f" (+{n_c - len(top)} more)" if n_c > len(top) else ""
        label = f" {self.name!r}" if self.name else ""
        lines = [
            f"<PatentCorpus{label}: {self.n_patents:,} patents, {span}>",
            f"  tables: {len(self.patents):,} patents, {counts}",
            f"  inventor countries (patents): {ctext}{more}",
        ]
        if self.n_duplicates:
            lines.append(f"  {self.n_duplicates:,} repeated patent ids: call .dedup() to merge them")
        return "\n".join(lines)

    # -- building new corpora -----------------------------------------
    def replace(self, **changes) -> PatentCorpus:
        """A new corpus with some tables or attributes replaced (validated again)."""
        kw = {t: getattr(self, t) for t in TABLE_NAMES}
        kw.update(date_basis=self.date_basis, name=self.name, meta=self.meta)
        kw.update(changes)
        return PatentCorpus(**kw)

    def _subset(self, keep_ids) -> PatentCorpus:
        if isinstance(keep_ids, (pd.Series, pd.Index, np.ndarray, pd.api.extensions.ExtensionArray)):
            keep = pd.Series(np.asarray(keep_ids, dtype=object) if isinstance(keep_ids, np.ndarray)
                             else keep_ids, copy=False).astype("string")
        else:  # any other iterable of ids (a set, a generator)
            keep = pd.Series(list(keep_ids), dtype="string")
        keep = keep.dropna()
        out = {}
        for t in TABLE_NAMES:
            df = getattr(self, t)
            out[t] = df[isin(df["patent_id"], keep)].reset_index(drop=True)
        with links_checked():  # a subset of the patents and of their links: no orphans
            return self.replace(**out)

    def with_date_basis(self, basis: str) -> PatentCorpus:
        """The same corpus with ``year`` counted on another date (``"grant"`` or ``"filing"``)."""
        check_date_basis(basis)
        p = self.patents.copy()
        p["year"] = pd.array([pd.NA] * len(p), dtype="Int64")
        return self.replace(patents=p, date_basis=basis)

    def filter_years(self, start=None, end=None, *, basis=None) -> PatentCorpus:
        """Patents whose year lies in ``[start, end]`` (both inclusive).

        Parameters
        ----------
        start, end : int, optional
            First and last year kept; ``None`` leaves that side open.
        basis : {"grant", "filing"}, optional
            Date the year is read from; the corpus's own basis by default.
            Patents without that date are left out (and counted in a
            warning).
        """
        if basis is None or basis == self.date_basis:
            year = self.patents["year"]
        else:
            year = self.patents[check_date_basis(basis)].dt.year.astype("Int64")
        mask = pd.Series(True, index=year.index)
        if start is not None:
            mask &= year >= int(start)
        if end is not None:
            mask &= year <= int(end)
        mask = mask.fillna(False).astype(bool)
        missing = int(year.isna().sum())
        if missing and (start is not None or end is not None):
            warnings.warn(
                f"{missing} patent(s) have no {basis or self.date_basis} year and were left out",
                PatnetWarning, stacklevel=2,
            )
        return self._subset(self.patents.loc[mask, "patent_id"])

    def filter_patents(self, patent_ids) -> PatentCorpus:
        """Patents whose id is in ``patent_ids`` (ids are normalised first: ``'06836899'`` finds ``'6836899'``)."""
        ids, _ = normalize_patent_ids(pd.Series(list(patent_ids), dtype="string"))
        return self._subset(ids)

    def filter_countries(self, countries, *, table: str = "inventors", how: str = "any") -> PatentCorpus:
        """Patents with inventors (or applicants) in ``countries``.

        Whole patents are kept, with all their rows: a CN-SG patent kept for
        ``"CN"`` still lists its Singapore inventor.

        Parameters
        ----------
        countries : str or iterable of str
            ISO 3166-1 alpha-2 codes.
        table : {"inventors", "applicants"}
        how : {"any", "all"}
            ``"any"``: at least one row in ``countries``; ``"all"``: every
            row with a known country is in ``countries``.
        """
        if isinstance(countries, str):
            countries = [countries]
        wanted = set(countries)
        if table not in ("inventors", "applicants"):
            raise SchemaError(f"cannot filter countries of table {table!r}",
                              hint="Use table='inventors' or table='applicants'")
        df = getattr(self, table)[["patent_id", "country"]]
        hit = df["country"].isin(wanted).fillna(False).astype(bool)
        if how == "any":
            ids = df.loc[hit, "patent_id"].unique()
        elif how == "all":
            known = df[df["country"].notna()]
            ok = known.assign(hit=known["country"].isin(wanted)).groupby("patent_id")["hit"].all()
            ids = ok.index[ok.to_numpy()]
        else:
            raise SchemaError(f"unknown how={how!r}", hint="Use how='any' or how='all'")
        return self._subset(ids)

    # -- duplicates ----------------------------------------------------
    def dedup(self, key="patent_id"):
        """Merge patents that are the same record.

        Parameters
        ----------
        key : {"patent_id", "application"} or str or list of str
            ``"patent_id"``: rows with the same patent number (what a study
            does after running one search per partner country);
            ``"application"``: patents granted on the same application
            (``application_id``); any patents column name(s): rows that
            agree on all of them (missing values never match).

        Returns
        -------
        corpus : PatentCorpus
            One patent per key value. The kept record is, deterministically,
            the most complete row (fewest missing fields), then the earliest
            grant date, then the smallest patent id. Link rows of merged
            patents move to the kept patent; exact duplicate link rows are
            removed.
        merged : pandas.DataFrame
            One row per removed patent row: ``key`` value, ``kept`` id,
            ``merged`` id, and ``conflicts`` (patents columns whose values
            differed from the kept row). Empty when nothing was merged.
            Running ``dedup`` again merges nothing (it is idempotent).

        Examples
        --------
        >>> import pandas as pd, patnet as pn
        >>> a = pn.PatentCorpus(patents=pd.DataFrame({"patent_id": ["1", "2"]}))
        >>> b = pn.PatentCorpus(patents=pd.DataFrame({"patent_id": ["2", "3"]}))
        >>> both = pn.concat([a, b])
        >>> both.n_duplicates
        1
        >>> deduped, merged = both.dedup()
        >>> len(deduped.patents), len(merged)
        (3, 1)
        """
        if key == "patent_id":
            cols = ["patent_id"]
        elif key == "application":
            cols = ["application_id"]
        else:
            cols = [key] if isinstance(key, str) else list(key)
            unknown = [c for c in cols if c not in self.patents.columns]
            if unknown:
                raise SchemaError(
                    f"cannot dedup on {unknown[0]!r}{schema.did_you_mean(unknown[0], self.patents.columns)}",
                    table="patents", column=unknown[0],
                    hint="Use key='patent_id', key='application' or patents column names",
                )
        p = self.patents.reset_index(drop=True)
        canon = schema.column_names("patents")
        rest = [c for c in canon if c not in ("grant_date", "patent_id")]
        ranked = sort_order(p.assign(_nmiss=p[canon].isna().sum(axis=1)),
                            ["_nmiss", "grant_date", "patent_id", *rest])
        keyed = p[cols].notna().all(axis=1).to_numpy()[ranked]
        k = p.iloc[ranked[keyed]]
        dup = k.duplicated(subset=cols, keep="first")
        dropped, kept = k[dup.to_numpy()], k[~dup.to_numpy()]
        if len(dropped):
            pairs = dropped[cols + [c for c in canon if c not in cols]].merge(
                kept[cols + [c for c in canon if c not in cols]], on=cols, how="left",
                suffixes=("", "__kept"))
            conflicts = pd.Series("", index=pairs.index, dtype=object)
            for c in canon:
                if c in cols:
                    continue
                a, b = pairs[c], pairs[f"{c}__kept"]
                same = (a.isna() & b.isna()) | (a == b).fillna(False).astype(bool)
                conflicts = conflicts + np.where(same.to_numpy(), "", c + ",")
            key_text = pairs[cols[0]].astype("string")
            for c in cols[1:]:
                key_text = key_text + "|" + pairs[c].astype("string")
            kept_id = pairs["patent_id__kept"] if "patent_id" not in cols else pairs["patent_id"]
            record = pd.DataFrame({"key": key_text.to_numpy(), "kept": kept_id.to_numpy(),
                                   "merged": pairs["patent_id"].to_numpy(),
                                   "conflicts": conflicts.str.rstrip(",").to_numpy()}).astype("string")
        else:
            record = pd.DataFrame({c: pd.Series([], dtype="string")
                                   for c in ("key", "kept", "merged", "conflicts")})
        moved = record[record["kept"] != record["merged"]]
        id_map = dict(zip(moved["merged"].tolist(), moved["kept"].tolist()))
        new_p = p.drop(index=dropped.index).sort_index().reset_index(drop=True)
        out = {"patents": new_p}
        touched = set(record["kept"].tolist())
        for t in LINK_TABLES:
            df = getattr(self, t)
            if id_map:
                df = df.assign(patent_id=df["patent_id"].replace(id_map))
            if touched:
                subset = [c for c in df.columns if c != "sequence"]
                repeated = df.duplicated(subset=subset, keep="first") & df["patent_id"].isin(touched)
                df = df[~repeated.to_numpy()].reset_index(drop=True)
            out[t] = df
        record.attrs["key"] = key
        return self.replace(**out), record


def concat(corpora, *, name=None) -> PatentCorpus:
    """Stack corpora into one.

    Patents that occur in more than one input are kept as repeated rows (the
    result's :attr:`~PatentCorpus.n_duplicates` says how many, and so does
    its repr); call :meth:`PatentCorpus.dedup` to merge them with a
    record of what was merged. All inputs must share a date basis.

    Examples
    --------
    >>> import pandas as pd, patnet as pn
    >>> a = pn.PatentCorpus(patents=pd.DataFrame({"patent_id": ["1"]}))
    >>> b = pn.PatentCorpus(patents=pd.DataFrame({"patent_id": ["2"]}))
    >>> pn.concat([a, b]).n_patents
    2
    """
    corpora = list(corpora)
    if not corpora:
        raise SchemaError("concat() needs at least one corpus", hint="Pass a list of PatentCorpus")
    for c in corpora:
        if not isinstance(c, PatentCorpus):
            raise SchemaError(f"concat() takes PatentCorpus objects, got {type(c).__name__}")
    bases = {c.date_basis for c in corpora}
    if len(bases) > 1:
        raise SchemaError(
            f"corpora have different date bases {sorted(bases)}",
            hint="Re-base them first with corpus.with_date_basis(...)",
        )
    tables = {t: pd.concat([getattr(c, t) for c in corpora], ignore_index=True) for t in TABLE_NAMES}
    return PatentCorpus(**tables, date_basis=bases.pop(), name=name)
