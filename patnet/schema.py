"""The canonical patnet data model, as data.

One definition serves the validator (:func:`coerce_table`), the docs
(:func:`describe`) and the test helpers (:func:`empty_table`). Four tables:

``patents``
    one row per patent (or per application, for corpora of applications);
``inventors``
    one row per patent x inventor;
``applicants``
    one row per patent x applicant (assignee / owner);
``classes``
    one row per patent x classification code.

All identifiers are strings, never numbers: ``"D512345"``, ``"RE45678"``
and ``"0001234"`` must survive unchanged. Text columns use pandas' nullable
``string`` dtype, where a missing value is ``pd.NA`` (and the text ``"NA"``
is Namibia, not a missing value).

Examples
--------
>>> from patnet import schema
>>> schema.column_names("classes")
['patent_id', 'scheme', 'code', 'is_main', 'sequence']
>>> schema.empty_table("classes").dtypes["is_main"]
BooleanDtype
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._fast import strings
from .exceptions import SchemaError

__all__ = [
    "SCHEMA_VERSION",
    "Column",
    "TABLES",
    "SECTORS",
    "CLASS_SCHEMES",
    "column_names",
    "required_columns",
    "empty_table",
    "coerce_table",
    "describe",
    "did_you_mean",
    "to_markdown",
]

#: Bumped whenever a table definition changes; part of every cache key.
SCHEMA_VERSION = 1

#: Applicant sectors (the subjects of a triple-helix analysis).
SECTORS = (
    "firm",
    "university",
    "research",
    "government",
    "hospital",
    "individual",
    "unknown",
)

#: Classification schemes a ``classes`` row may carry.
CLASS_SCHEMES = ("ipc", "cpc", "wipo", "uspc", "other")

_DTYPES = {
    "string": pd.StringDtype(),
    "int": pd.Int64Dtype(),
    "bool": pd.BooleanDtype(),
    "date": np.dtype("datetime64[ns]"),
}


@dataclass(frozen=True)
class Column:
    """One column of a canonical table.

    Attributes
    ----------
    name : str
        Column name.
    kind : {"string", "int", "bool", "date"}
        Logical type; the pandas dtype is :attr:`dtype`.
    required : bool
        Whether a table given to :class:`~patnet.PatentCorpus` must have it.
        Optional columns are added, all missing, when absent.
    nullable : bool
        Whether missing values are allowed.
    description : str
        What the column holds (used in the docs).

    Examples
    --------
    >>> from patnet import schema
    >>> col = schema.TABLES["patents"][0]
    >>> col.name, col.kind, col.required, col.nullable, str(col.dtype)
    ('patent_id', 'string', True, False, 'string')
    """

    name: str
    kind: str
    required: bool = False
    nullable: bool = True
    description: str = ""

    @property
    def dtype(self):
        """The pandas dtype of the column."""
        return _DTYPES[self.kind]


_ID = "a string identifier (never cast to a number)"

TABLES: dict[str, tuple[Column, ...]] = {
    "patents": (
        Column("patent_id", "string", True, False,
               "Patent number in PatentsView form ('6836899', 'D513425', 'RE45678'); " + _ID),
        Column("office", "string", description="Issuing office, e.g. 'US'."),
        Column("kind", "string", description="Document kind code, e.g. 'B1', 'B2', 'S1'."),
        Column("patent_type", "string",
               description="'utility', 'design', 'plant', 'reissue', 'statutory invention registration', ..."),
        Column("grant_date", "date", description="Date of grant."),
        Column("filing_date", "date", description="Filing date of the application."),
        Column("year", "int",
               description="Year on the corpus's date basis (grant year unless the corpus was "
                           "re-based with PatentCorpus.with_date_basis)."),
        Column("application_id", "string", description="Application number; " + _ID),
        Column("title", "string", description="Title of the invention."),
        Column("source", "string", description="File (or source) the record was read from."),
    ),
    "inventors": (
        Column("patent_id", "string", True, False, "Patent the row belongs to."),
        Column("inventor_id", "string",
               description="Inventor identifier (disambiguated id where the source has one)."),
        Column("sequence", "int", description="Position of the inventor on the patent (0-based)."),
        Column("name", "string", description="Full name as 'Last, First' where both are known."),
        Column("city", "string", description="City as written in the source."),
        Column("state", "string", description="State / province / region as written in the source."),
        Column("country", "string",
               description="Country of residence, ISO 3166-1 alpha-2 where recognised."),
        Column("country_raw", "string", description="Country as written in the source."),
        Column("province", "string",
               description="Chinese province as ISO 3166-2:CN (e.g. 'CN-JS'); missing until resolved."),
    ),
    "applicants": (
        Column("patent_id", "string", True, False, "Patent the row belongs to."),
        Column("applicant_id", "string", description="Applicant / assignee identifier."),
        Column("sequence", "int", description="Position of the applicant on the patent (0-based)."),
        Column("name", "string", description="Organisation name, or 'Last, First' for a person."),
        Column("city", "string", description="City as written in the source."),
        Column("state", "string", description="State / province as written in the source."),
        Column("country", "string", description="Country, ISO 3166-1 alpha-2 where recognised."),
        Column("country_raw", "string", description="Country as written in the source."),
        Column("province", "string", description="Chinese province as ISO 3166-2:CN, if resolved."),
        Column("sector", "string",
               description="One of " + ", ".join(SECTORS) + "; 'unknown' until classified."),
        Column("type_code", "string",
               description="Assignee type code of the source (USPTO: '2' US company, '3' foreign "
                           "company, '4'/'5' individual, '6'-'9' government, ...)."),
    ),
    "classes": (
        Column("patent_id", "string", True, False, "Patent the row belongs to."),
        Column("scheme", "string", True, False, "One of " + ", ".join(CLASS_SCHEMES) + "."),
        Column("code", "string", True, False,
               "Code, IPC/CPC normalised like 'H01L 21/02' (subclass, space, group/subgroup); "
               "WIPO field numbers as '1'..'35'."),
        Column("is_main", "bool", description="Whether this is the main (first / inventive) class."),
        Column("sequence", "int", description="Position in the source's list (0-based)."),
    ),
}

#: Default values of optional columns that are not simply missing.
_DEFAULTS = {("applicants", "sector"): "unknown"}


def _table(name):
    try:
        return TABLES[name]
    except KeyError:
        raise SchemaError(
            f"unknown table {name!r}",
            hint=f"Valid tables are {', '.join(TABLES)}",
        ) from None


def column_names(table: str) -> list[str]:
    """Names of the canonical columns of ``table``, in order.

    Examples
    --------
    >>> from patnet import schema
    >>> schema.column_names("patents")[:4]
    ['patent_id', 'office', 'kind', 'patent_type']
    """
    return [c.name for c in _table(table)]


def required_columns(table: str) -> list[str]:
    """Names of the columns ``table`` must have.

    Examples
    --------
    >>> from patnet import schema
    >>> schema.required_columns("classes")
    ['patent_id', 'scheme', 'code']
    """
    return [c.name for c in _table(table) if c.required]


def empty_table(table: str) -> pd.DataFrame:
    """An empty canonical table with the right columns and dtypes.

    Examples
    --------
    >>> from patnet import schema
    >>> schema.empty_table("classes").dtypes.astype(str).to_dict()
    {'patent_id': 'string', 'scheme': 'string', 'code': 'string', 'is_main': 'boolean', 'sequence': 'Int64'}
    """
    return pd.DataFrame({c.name: pd.Series([], dtype=c.dtype) for c in _table(table)})


def did_you_mean(value, choices, n=1):
    """Return ``" (did you mean 'x'?)"`` for the closest choice, or ``""``.

    Examples
    --------
    >>> from patnet import schema
    >>> schema.did_you_mean("inventor", schema.TABLES), schema.did_you_mean("xyz", schema.TABLES)
    (" (did you mean 'inventors'?)", '')
    """
    match = difflib.get_close_matches(str(value), [str(c) for c in choices], n=n, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _cast(series: pd.Series, col: Column, table: str) -> pd.Series:
    if series.dtype == col.dtype:
        return series
    try:
        if col.kind == "string":
            if pd.api.types.is_float_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype):
                raise SchemaError(
                    f"column {col.name!r} holds numbers ({series.dtype}) but is {_ID}",
                    table=table, column=col.name,
                    hint="Read the source with dtype=str (and keep_default_na=False) so that "
                         "leading zeros and codes such as 'NA' survive",
                )
            out = series.astype("object")
            out = out.where(out.notna(), None)
            return out.astype(col.dtype)
        if col.kind == "int":
            if pd.api.types.is_float_dtype(series.dtype):
                vals = series.dropna()
                if not (vals == vals.round()).all():
                    bad = vals[vals != vals.round()].iloc[0]
                    raise SchemaError(f"column {col.name!r} must hold integers", table=table,
                                      column=col.name, value=bad)
            if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
                return pd.to_numeric(series, errors="raise").astype(col.dtype)
            return series.astype(col.dtype)
        if col.kind == "bool":
            return series.astype(col.dtype)
        if col.kind == "date":
            return pd.to_datetime(series, errors="raise").astype(col.dtype)
    except SchemaError:
        raise
    except (TypeError, ValueError) as exc:
        raise SchemaError(
            f"column {col.name!r} cannot be read as {col.kind}: {exc}",
            table=table, column=col.name,
            hint=f"Convert it to {col.kind} first, or pass the raw table through "
                 "patnet.io.from_dataframes, which reports unreadable values",
        ) from None
    raise AssertionError(col.kind)  # pragma: no cover


def coerce_table(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Check ``df`` against the schema of ``table`` and return it with canonical dtypes.

    Canonical columns come first, in schema order; extra columns are kept
    after them unchanged. Missing optional columns are added (missing values,
    or the documented default). The index is reset.

    Raises
    ------
    SchemaError
        A required column is missing (with the closest existing name), a
        column is duplicated, a value cannot take the column's type, or a
        non-nullable column has missing values.

    Examples
    --------
    Identifiers stay text (leading zeros kept); extra columns follow the
    canonical ones:

    >>> import pandas as pd
    >>> from patnet import schema
    >>> t = schema.coerce_table("inventors", pd.DataFrame(
    ...     {"patent_id": ["0007000001"], "sequence": ["0"], "extra": [1]}))
    >>> list(t.columns)[-3:], t.loc[0, "patent_id"], str(t["sequence"].dtype)
    (['country_raw', 'province', 'extra'], '0007000001', 'Int64')
    """
    cols = _table(table)
    if not isinstance(df, pd.DataFrame):
        raise SchemaError(f"expected a pandas DataFrame, got {type(df).__name__}", table=table)
    dup = df.columns[df.columns.duplicated()].tolist()
    if dup:
        raise SchemaError(f"duplicate column(s) {dup}", table=table, column=dup[0],
                          hint="Rename or drop the repeated columns")
    present = [str(c) for c in df.columns]
    for c in cols:
        if c.required and c.name not in df.columns:
            raise SchemaError(
                f"required column {c.name!r} is missing{did_you_mean(c.name, present)}",
                table=table, column=c.name,
                hint=f"Required columns are {required_columns(table)}; pass columns={{'yours': "
                     f"'{c.name}'}} to patnet.io.from_dataframes to rename",
            )
    n = len(df)
    out = {}
    for c in cols:
        if c.name in df.columns:
            s = _cast(df[c.name].reset_index(drop=True), c, table)
        else:
            default = _DEFAULTS.get((table, c.name))
            if c.kind == "string":
                s = strings(default, n)  # built in Arrow: a list of n values is slow
            else:
                s = pd.Series(pd.NA if default is None else default, index=pd.RangeIndex(n),
                              dtype=c.dtype)
        if not c.nullable and s.isna().any():
            row = int(np.flatnonzero(s.isna().to_numpy())[0])
            raise SchemaError(f"column {c.name!r} has missing values (first at row {row})",
                              table=table, column=c.name,
                              hint="Drop or fill those rows before building the corpus")
        out[c.name] = s
    extra = [c for c in df.columns if c not in out]
    result = pd.DataFrame(out, copy=False)  # copy-on-write: sharing the columns is safe
    for c in extra:
        result[c] = df[c].reset_index(drop=True)
    return result


def describe() -> pd.DataFrame:
    """The whole schema as a tidy table (table, column, kind, required, nullable, description).

    Examples
    --------
    >>> from patnet import schema
    >>> d = schema.describe()
    >>> sorted(d["table"].unique())
    ['applicants', 'classes', 'inventors', 'patents']
    """
    rows = [
        {"table": t, "column": c.name, "kind": c.kind, "dtype": str(c.dtype),
         "required": c.required, "nullable": c.nullable, "description": c.description}
        for t, cols in TABLES.items() for c in cols
    ]
    return pd.DataFrame(rows)


def to_markdown() -> str:
    """The schema as the Markdown page ``docs/data_model.md`` (kept in sync by a test).

    Examples
    --------
    >>> from patnet import schema
    >>> schema.to_markdown().splitlines()[0]
    '# The canonical data model'
    """
    lines = [
        "# The canonical data model",
        "",
        "Generated from `patnet.schema` (`python -m patnet.schema > docs/data_model.md`);",
        "the validator and the test helpers use the same definition.",
        f"Schema version {SCHEMA_VERSION}. All identifiers are text; missing values are `pd.NA`.",
        "",
    ]
    for t, cols in TABLES.items():
        lines += [f"## `{t}`", "", "| column | type | required | missing allowed | meaning |",
                  "|---|---|---|---|---|"]
        for c in cols:
            desc = c.description.replace("|", "\\|")
            lines.append(f"| `{c.name}` | {c.kind} | {'yes' if c.required else 'no'} | "
                         f"{'yes' if c.nullable else 'no'} | {desc} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(to_markdown(), end="")
