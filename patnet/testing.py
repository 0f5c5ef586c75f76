"""Public helpers for testing code that uses patnet.

``make_corpus`` builds a tiny corpus from a compact description;
``assert_corpus_equal`` compares two corpora table by table.
"""

from __future__ import annotations

import pandas as pd

from . import schema
from .corpus import TABLE_NAMES, PatentCorpus

__all__ = ["make_corpus", "assert_corpus_equal", "check_measure"]


def make_corpus(inventors: dict, *, years=None, applicants: dict | None = None,
                classes: dict | None = None, date_basis: str = "grant") -> PatentCorpus:
    """A small corpus from ``{patent_id: [inventor, ...]}``.

    Parameters
    ----------
    inventors : dict
        ``patent_id -> list`` of inventors, each a country code (``"CN"``)
        or a dict of inventors columns (``{"country": "CN", "province":
        "CN-JS", "inventor_id": "i1"}``).
    years : int or dict, optional
        Grant year of every patent, or ``patent_id -> year`` (grant date set
        to 1 July of that year). Default 2010.
    applicants : dict, optional
        ``patent_id -> list`` of applicant names or dicts of applicants columns.
    classes : dict, optional
        ``patent_id -> list`` of IPC codes (the first is the main class).

    Examples
    --------
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN", "SG"], "2": [{"country": "CN", "province": "CN-JS"}]},
    ...                 years={"1": 2005, "2": 2016}, classes={"1": ["H01L 21/02"]})
    >>> c.n_patents, len(c.inventors), c.year_span
    (2, 3, (2005, 2016))
    """
    ids = list(inventors)
    if years is None:
        years = 2010
    if isinstance(years, int):
        years = {p: years for p in ids}
    patents = pd.DataFrame({
        "patent_id": pd.array([str(p) for p in ids], dtype="string"),
        "office": pd.array(["US"] * len(ids), dtype="string"),
        "grant_date": pd.array([pd.Timestamp(year=int(years[p]), month=7, day=1) if p in years
                                else pd.NaT for p in ids], dtype="datetime64[ns]"),
    })

    def rows(spec, key):
        out = []
        for p, items in (spec or {}).items():
            for i, item in enumerate(items):
                row = {"patent_id": str(p), "sequence": i}
                row.update(item if isinstance(item, dict) else {key: item})
                out.append(row)
        return out

    inv = pd.DataFrame(rows(inventors, "country"))
    app = pd.DataFrame(rows(applicants, "name"))
    cls = pd.DataFrame([
        {"patent_id": str(p), "scheme": "ipc", "code": code, "is_main": i == 0, "sequence": i}
        for p, codes in (classes or {}).items() for i, code in enumerate(codes)
    ])
    tables = {"patents": patents}
    for name, df in (("inventors", inv), ("applicants", app), ("classes", cls)):
        tables[name] = df if len(df) else None
    return PatentCorpus(**tables, date_basis=date_basis)


def assert_corpus_equal(left: PatentCorpus, right: PatentCorpus, *, check_order: bool = True,
                        canonical_only: bool = False) -> None:
    """Raise ``AssertionError`` naming the table if two corpora differ.

    Parameters
    ----------
    check_order : bool
        Compare rows in order; with False, both sides are sorted first.
    canonical_only : bool
        Compare only the schema's columns (ignore extra columns).

    Examples
    --------
    >>> from patnet.testing import assert_corpus_equal, make_corpus
    >>> a = make_corpus({"1": ["CN", "SG"]})
    >>> assert_corpus_equal(a, make_corpus({"1": ["CN", "SG"]}))   # equal: no error
    >>> try:
    ...     assert_corpus_equal(a, make_corpus({"1": ["CN", "IN"]}))
    ... except AssertionError as err:
    ...     print(str(err).splitlines()[0])
    table 'inventors' differs: DataFrame.iloc[:, 6] (column name="country") are different
    """
    if left.date_basis != right.date_basis:
        raise AssertionError(f"date basis differs: {left.date_basis!r} != {right.date_basis!r}")
    for t in TABLE_NAMES:
        a, b = getattr(left, t), getattr(right, t)
        if canonical_only:
            cols = schema.column_names(t)
            a, b = a[cols], b[cols]
        if not check_order:
            cols = list(a.columns)
            a = a.sort_values(cols, kind="stable", na_position="last").reset_index(drop=True)
            b = b[cols].sort_values(cols, kind="stable", na_position="last").reset_index(drop=True)
        try:
            pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
        except AssertionError as exc:
            raise AssertionError(f"table {t!r} differs: {exc}") from None


def check_measure(measure, **kwargs):
    """Run the contract every patnet measure passes (see :func:`patnet.measures.check_measure`).

    Examples
    --------
    >>> from patnet.testing import check_measure
    >>> check_measure("ei_index").name
    'ei_index'
    """
    from .measures.contract import check_measure as _check

    return _check(measure, **kwargs)
