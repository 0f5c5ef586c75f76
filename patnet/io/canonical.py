"""patnet's own on-disk format: the four canonical tables, losslessly.

A corpus folder holds ``patents``, ``inventors``, ``applicants`` and
``classes`` as Parquet (``*.parquet``) or CSV (``*.csv``) files and a
``corpus.json`` that records the format, the schema version, the date
basis, the name, and the dtype of every column, so that reading restores
the corpus exactly (dtypes, missing values, empty strings, leading zeros).

A folder of canonical CSV files *without* ``corpus.json`` (tables written by
hand or by another program) is read like any other source: every value as
text, cleaned and accounted for in the :class:`~patnet.io.LoadReport`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .. import __version__, schema
from ..corpus import TABLE_NAMES, PatentCorpus
from ..exceptions import PatnetInputError
from . import _memory
from ._assemble import assemble, check_errors
from .loadreport import LoadReport

__all__ = ["read_corpus", "write_corpus"]

_META = "corpus.json"
FORMATS = ("parquet", "csv")


def _dtype_label(s: pd.Series) -> str:
    if isinstance(s.dtype, pd.StringDtype) or pd.api.types.is_string_dtype(s.dtype):
        return "string"
    return str(s.dtype)


def write_corpus(corpus: PatentCorpus, path, *, format: str = "parquet", overwrite: bool = False) -> Path:
    """Write ``corpus`` to the folder ``path`` in patnet's canonical format.

    Parameters
    ----------
    corpus : PatentCorpus
    path : str or path-like
        Folder to create. It must not exist unless ``overwrite=True``.
    format : {"parquet", "csv"}
        Parquet is compact and fast; CSV is readable anywhere (UTF-8,
        comma-separated, text quoted, missing values as empty unquoted
        fields, so that an empty string and a missing value stay distinct).
    overwrite : bool

    Returns
    -------
    pathlib.Path
        The folder written.

    Examples
    --------
    >>> import tempfile, pandas as pd, patnet as pn
    >>> c = pn.PatentCorpus(patents=pd.DataFrame({"patent_id": ["0001234"]}))
    >>> d = pn.io.write_corpus(c, tempfile.mkdtemp() + "/c", format="csv")
    >>> back, report = pn.io.read_corpus(d)
    >>> back.patents["patent_id"].tolist()
    ['0001234']
    """
    if format not in FORMATS:
        raise PatnetInputError(f"unknown format {format!r}{schema.did_you_mean(format, FORMATS)}",
                               hint=f"Use one of {', '.join(FORMATS)}")
    if not isinstance(corpus, PatentCorpus):
        raise PatnetInputError(f"write_corpus() takes a PatentCorpus, got {type(corpus).__name__}")
    path = Path(path)
    if path.exists():
        if not overwrite:
            raise PatnetInputError(f"{path} already exists", file=path,
                                   hint="Choose a new folder or pass overwrite=True")
        if not (path / _META).exists() and any(path.iterdir()):
            raise PatnetInputError(f"{path} is not a patnet corpus folder; refusing to overwrite it",
                                   file=path, hint="Choose a new folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".patnet-write-", dir=path.parent))
    try:
        meta: dict = {"patnet_version": __version__, "schema_version": schema.SCHEMA_VERSION,
                "format": format, "date_basis": corpus.date_basis, "name": corpus.name,
                "meta": corpus.meta, "tables": {}}
        for t in TABLE_NAMES:
            df = getattr(corpus, t)
            meta["tables"][t] = {"rows": len(df),
                                 "dtypes": {str(c): _dtype_label(df[c]) for c in df.columns}}
            if format == "parquet":
                df.to_parquet(tmp / f"{t}.parquet", index=False)
            else:
                out = df.copy()
                for c in out.columns:
                    if pd.api.types.is_datetime64_any_dtype(out[c]):
                        out[c] = out[c].dt.strftime("%Y-%m-%dT%H:%M:%S.%f").astype("string")
                _write_csv(out, tmp / f"{t}.csv")
        (tmp / _META).write_text(json.dumps(meta, indent=2, default=str), encoding="utf-8")
        if path.exists():
            shutil.rmtree(path)
        os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


def _write_csv(df: pd.DataFrame, file: Path) -> None:
    """Every value quoted, a missing one an unquoted empty field: the two stay distinct.

    Values are written as ``str`` writes them (pandas' conversion to text), by
    Arrow's CSV writer (a tenth of the benchmark release, 6 million rows: 15 s
    cell by cell in Python, about 2 s this way; the same bytes).
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    cols = [str(c) for c in df.columns]
    text = pa.table({c: pa.array(df[c].astype("string").array, type=pa.large_string())
                     for c in cols} if cols else {})
    header = io.StringIO()
    csv.writer(header, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerow(cols)
    with open(file, "wb") as fh:
        fh.write(header.getvalue().encode("utf-8"))
        if text.num_rows:
            pacsv.write_csv(text, fh, pacsv.WriteOptions(include_header=False,
                                                          quoting_style="all_valid"))


def _read_csv_exact(file: Path, columns) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    conv = pacsv.ConvertOptions(
        column_types={c: pa.string() for c in columns},
        null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=False,
    )
    parse = pacsv.ParseOptions(newlines_in_values=True)
    try:
        table = pacsv.read_csv(file, parse_options=parse, convert_options=conv,
                               read_options=pacsv.ReadOptions(use_threads=True))
    except (pa.ArrowInvalid, OSError) as exc:
        raise PatnetInputError(f"{file.name} cannot be read: {exc}", file=file,
                               hint="The folder is damaged; write the corpus again") from None
    if table.column_names != list(columns):
        raise PatnetInputError(
            f"{file.name} has columns {table.column_names[:12]}, {_META} lists {list(columns)[:12]}",
            file=file, hint="The folder is damaged; write the corpus again")
    # Arrow's strings as they are (not a Python object per value, then Arrow again)
    return pd.DataFrame({c: pd.arrays.ArrowStringArray(table.column(c)) for c in columns},
                        copy=False)


def _restore(df: pd.DataFrame, dtypes: dict) -> pd.DataFrame:
    out = {}
    for c, label in dtypes.items():
        s = df[c]
        if label == "string":
            out[c] = s.astype("string")
        elif label.startswith("datetime64"):
            out[c] = pd.to_datetime(s, format="ISO8601").astype(label)
        elif label in ("boolean", "bool") and pd.api.types.is_string_dtype(s.dtype):
            out[c] = s.map({"True": True, "False": False}, na_action="ignore").astype(label)
        elif label in ("boolean", "bool"):
            out[c] = s.astype(label)
        else:
            out[c] = pd.to_numeric(s).astype(label)
    return pd.DataFrame(out, columns=list(dtypes))


def read_corpus(path, *, errors: str = "raise", date_basis: str | None = None,
                memory_check: bool = True):
    """Read a corpus folder written by :func:`write_corpus` (or canonical CSVs).

    Parameters
    ----------
    path : str or path-like
        Folder with ``corpus.json`` and the table files; or a folder of
        canonical CSV files (``patents.csv`` required, others optional)
        without ``corpus.json``, which are read as text and cleaned like any
        source.
    errors : {"raise", "report"}
        For folders without ``corpus.json``: see :func:`patnet.io.from_dataframes`.
    date_basis : {"grant", "filing"}, optional
        Re-base the corpus's years; default: as written.
    memory_check : bool
        Before reading a folder with ``corpus.json``, estimate the memory the
        read needs from the rows it lists (about 150 bytes a row, measured on
        Parquet: 9.6 GB for a whole PatentsView release, which peaks at 8.4
        GB) and refuse it when that exceeds the memory available, rather
        than be stopped by the system part way. A CSV corpus peaks about where
        its Parquet form does (a tenth of the benchmark release: 1.18 GB
        against 1.07-1.15 GB, estimate 1.28 GB). False reads anyway.

    Returns
    -------
    corpus : PatentCorpus
    report : LoadReport

    Examples
    --------
    A corpus comes back exactly as written (leading zeros, missing values, dtypes):

    >>> import tempfile, patnet as pn
    >>> c = pn.testing.make_corpus({"0001": ["CN", "SG"], "0002": ["US"]})
    >>> folder = pn.io.write_corpus(c, tempfile.mkdtemp() + "/c")
    >>> back, report = pn.io.read_corpus(folder)
    >>> pn.testing.assert_corpus_equal(back, c)
    >>> back.patents["patent_id"].tolist(), report.rows_loaded["inventors"]
    (['0001', '0002'], 3)
    """
    check_errors(errors)
    path = Path(path)
    if not path.is_dir():
        raise PatnetInputError(f"{path} is not a folder", file=path,
                               hint="Pass the folder written by patnet.io.write_corpus")
    meta_file = path / _META
    report = LoadReport(source=str(path), options={"errors": errors})
    if not meta_file.exists():
        return _read_foreign_csv(path, report, errors, date_basis or "grant")
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        fmt = meta["format"]
        tables_meta = meta["tables"]
    except (ValueError, KeyError) as exc:
        raise PatnetInputError(f"unreadable {_META}: {exc}", file=meta_file,
                               hint="Write the corpus again with patnet.io.write_corpus") from None
    if meta.get("schema_version") != schema.SCHEMA_VERSION:
        raise PatnetInputError(
            f"corpus written with schema version {meta.get('schema_version')}, this patnet reads "
            f"version {schema.SCHEMA_VERSION}", file=meta_file,
            hint="Load the original source again with this version of patnet")
    if memory_check:
        try:
            rows = {t: int(tables_meta[t]["rows"]) for t in TABLE_NAMES if t in tables_meta}
        except (KeyError, TypeError, ValueError):
            rows = None  # the read below names what is wrong with corpus.json
        if rows is not None:
            _memory.check_stored(rows, path, _memory.CORPUS_HINT)
    tables = {}
    for t in TABLE_NAMES:
        tm = tables_meta.get(t)
        if tm is None:
            continue
        file = path / f"{t}.{fmt}"
        if not file.exists():
            raise PatnetInputError(f"table file {file.name} is missing", file=file,
                                   hint="The folder is incomplete; write the corpus again")
        dtypes = tm["dtypes"]
        if fmt == "parquet":
            try:
                df = pd.read_parquet(file)
            except Exception as exc:  # pyarrow raises several types for damaged files
                raise PatnetInputError(f"{file.name} cannot be read: {exc}", file=file,
                                       hint="The folder is damaged; write the corpus again") from None
            if list(df.columns) != list(dtypes):
                raise PatnetInputError(f"{file.name} has other columns than {_META} lists",
                                       file=file, hint="The folder is damaged; write the corpus again")
        else:
            df = _read_csv_exact(file, list(dtypes))
        df = _restore(df, dtypes)
        if len(df) != tm["rows"]:
            raise PatnetInputError(f"{file.name} holds {len(df)} rows, {_META} says {tm['rows']}",
                                   file=file, hint="The folder is damaged; write the corpus again")
        report.read(t, len(df))
        report.loaded(t, len(df))
        tables[t] = df
    corpus = PatentCorpus(**tables, date_basis=meta.get("date_basis", "grant"),
                          name=meta.get("name"), meta=meta.get("meta") or {})
    if date_basis is not None and date_basis != corpus.date_basis:
        corpus = corpus.with_date_basis(date_basis)
    return corpus, report


def _read_foreign_csv(path, report, errors, date_basis):
    from ._text import read_delimited

    files = {t: path / f"{t}.csv" for t in TABLE_NAMES if (path / f"{t}.csv").exists()}
    if "patents" not in files:
        found = sorted(p.name for p in path.iterdir())
        raise PatnetInputError(
            f"{path} has neither {_META} nor patents.csv", file=path,
            hint=f"Found {found[:10]}; write a corpus with patnet.io.write_corpus, or use "
                 "patnet.io.read_patentsview / read_uspto_xml for those sources")
    raw = {}
    for t, f in files.items():
        raw[t] = read_delimited(f, sep=",", required=schema.required_columns(t),
                                errors=errors, report=report, table=t)
    return assemble(raw, report, errors=errors, date_basis=date_basis), report
