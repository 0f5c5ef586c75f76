"""Users' own tables -> corpus: :func:`from_dataframes`."""

from __future__ import annotations

import pandas as pd

from .. import schema
from ..corpus import TABLE_NAMES
from ..exceptions import PatnetInputError
from ._assemble import assemble, check_errors
from .loadreport import LoadReport

__all__ = ["from_dataframes"]


def _rename_map(columns, table):
    if columns is None:
        return {}
    if any(k in TABLE_NAMES and isinstance(v, dict) for k, v in columns.items()):
        return dict(columns.get(table, {}))
    return dict(columns)


def _as_text(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Every non-date column as text, so the cleaning rules apply uniformly."""
    out = {}
    kinds = {c.name: c.kind for c in schema.TABLES[table]}
    for c in df.columns:
        s = df[c]
        if kinds.get(c) == "date" and pd.api.types.is_datetime64_any_dtype(s):
            out[c] = s
        elif kinds.get(c) == "bool" and pd.api.types.is_bool_dtype(s):
            out[c] = s
        elif c in kinds and not pd.api.types.is_string_dtype(s):
            obj = s.astype(object)
            out[c] = obj.where(obj.notna(), None).map(lambda v: v if v is None else str(v)).astype("string")
        else:
            out[c] = s
    return pd.DataFrame(out, index=df.index)


def from_dataframes(patents=None, inventors=None, applicants=None, classes=None, *,
                    columns=None, errors="raise", date_basis="grant", name=None,
                    source="dataframes"):
    """Build a corpus from your own tables, with the loaders' guarantees.

    Values are cleaned as every loader cleans them (patent numbers in one
    form, dates in any common format, placeholders such as ``"N/A"`` read as
    missing, IPC codes as ``"H01L 21/02"``); exact duplicate rows, rows whose
    patent is not in ``patents`` and repeated patents with conflicting values
    are dropped and recorded in the report, never silently.

    Parameters
    ----------
    patents, inventors, applicants, classes : pandas.DataFrame, optional
        Tables with canonical column names (or names mapped by ``columns``).
        When ``patents`` is None, it is made of the distinct patent ids of
        the other tables (with no dates).
    columns : dict, optional
        Renames, ``{"yours": "canonical"}`` for every table, or per table:
        ``{"inventors": {"Patent": "patent_id", ...}, ...}``.
    errors : {"raise", "report"}
        An unreadable value (a rounded patent number, a date that is not a
        date) raises :class:`~patnet.PatnetInputError` naming the table, row,
        column and value, or with ``"report"`` is dropped / read as missing
        and recorded.
    date_basis : {"grant", "filing"}
    name : str, optional
    source : str
        Label used as the ``file`` of report lines; ``line`` is the 1-based
        row position in your table.

    Returns
    -------
    corpus : PatentCorpus
    report : LoadReport

    Examples
    --------
    >>> import pandas as pd, patnet as pn
    >>> inv = pd.DataFrame({"Patent": ["03858241", "03858241", "03858242"],
    ...                     "Country": ["US", "JP", "NA"]})
    >>> pat = pd.DataFrame({"Patent": ["03858241", "03858242"],
    ...                     "GDate": ["1975-01-07", "1975-01-07"]})
    >>> corpus, report = pn.io.from_dataframes(
    ...     patents=pat, inventors=inv,
    ...     columns={"Patent": "patent_id", "Country": "country", "GDate": "grant_date"})
    >>> corpus.patents["patent_id"].tolist()
    ['3858241', '3858242']
    >>> corpus.inventors["country"].tolist()   # "NA" is Namibia, not missing
    ['JP', 'US', 'NA']
    >>> report.conserved
    True
    """
    check_errors(errors)
    given = {"patents": patents, "inventors": inventors, "applicants": applicants, "classes": classes}
    report = LoadReport(source=source, options={"errors": errors, "date_basis": date_basis})
    raw = {}
    for t, df in given.items():
        if df is None:
            continue
        if not isinstance(df, pd.DataFrame):
            raise PatnetInputError(f"{t} must be a pandas DataFrame, got {type(df).__name__}",
                                   hint="Read your file with pandas first, with dtype=str and "
                                        "keep_default_na=False")
        ren = _rename_map(columns, t)
        df = df.rename(columns={k: v for k, v in ren.items() if k in df.columns})
        dup = df.columns[df.columns.duplicated()].tolist()
        if dup:
            raise PatnetInputError(f"table {t!r} has the column {dup[0]!r} more than once",
                                   column=dup[0], hint="Rename or drop the repeated columns")
        for c in schema.required_columns(t):
            if c not in df.columns:
                raise PatnetInputError(
                    f"table {t!r} has no column {c!r}"
                    f"{schema.did_you_mean(c, list(map(str, df.columns)))}",
                    column=c,
                    hint=f"Map yours with columns={{'your_name': '{c}'}}; required columns of "
                         f"{t} are {schema.required_columns(t)}",
                )
        df = _as_text(df.reset_index(drop=True), t)
        df["_file"] = f"{source}:{t}"
        df["_line"] = pd.array(range(1, len(df) + 1), dtype="Int64")
        raw[t] = df
    if "patents" not in raw:
        ids = [raw[t]["patent_id"] for t in raw]
        if not ids:
            raise PatnetInputError("no tables given", hint="Pass at least patents= or inventors=")
        allids = pd.concat(ids, ignore_index=True).astype("string")
        raw["patents"] = pd.DataFrame({"patent_id": pd.unique(allids.dropna())}).astype("string")
        report.note("patents: made of the distinct patent ids of the other tables (no patents "
                    "table given)", len(raw["patents"]))
    return assemble(raw, report, errors=errors, date_basis=date_basis, name=name), report
