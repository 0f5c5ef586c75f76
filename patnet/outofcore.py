"""Link tables -> edge lists and unit counts in DuckDB, for inputs larger than memory.

The in-memory path (:func:`patnet.io.read_patentsview`, then
:mod:`patnet.build`) holds the whole corpus: about 12 GiB at the peak for a
full PatentsView release (see ``docs/scale.md``). When that does not fit
(PATSTAT, ten times larger, or a laptop), :func:`edges` and
:func:`unit_counts` compute the same numbers from the files without loading
them: DuckDB reads the link tables, joins them to the patents (orphan rows
and patents outside ``years`` drop out), keeps each patent's distinct units,
and aggregates the pairs, spilling to ``temp_directory`` under
``memory_limit``.

What each unit *is* comes from the same code as the in-memory path, applied
to the distinct values only (a few hundred thousand at most): for the
geographic levels, each distinct (city, state, country) of a PatentsView
location is cleaned by the loaders' own assembly step and resolved by
:func:`patnet.geo.normalize`, and the resulting (country, province) is
turned into a node id by :func:`patnet.build.level_incidence`'s rules. So
the edge list equals the one of

* ``pn.build.geo_graph(pn.geo.normalize(pn.io.read_patentsview(folder))[0], level)``
  for a PatentsView folder, and
* ``pn.build.geo_graph(pn.io.read_corpus(folder)[0], level)`` for a corpus
  folder written by :func:`patnet.io.write_corpus` (its country and
  province columns are used as they are);

(``inventor_graph`` / ``org_graph`` for the other levels): the same node
pairs and patent counts, and weights equal up to floating-point summation
order (about 1e-15 relative). ``tests/test_outofcore.py`` checks this on the
same data both ways.

Sources
-------
A PatentsView folder: ``g_patent`` plus the inventor (and location) or
assignee tables, as plain ``.tsv`` (read by DuckDB directly) or as the
downloaded ``.tsv.zip`` (each needed member is converted once, batch by
batch, to a Parquet file under ``.patnet-cache/outofcore`` beside the data,
reused while the zip is unchanged). Ids are cleaned as the loader cleans them:
patent numbers made canonical (``"06836899"`` is ``"6836899"``; an
unreadable one raises, or its rows are dropped and counted under
``errors="report"``), inventor, assignee and location ids stripped of
whitespace, placeholders such as ``"N/A"`` read as missing.

A corpus folder of Parquet or CSV files written by :func:`patnet.io.write_corpus`
(with its ``corpus.json``), read as written, as :func:`patnet.io.read_corpus`
reads it.

DuckDB is an optional dependency: ``pip install "patnet[duckdb]"``.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .exceptions import PatnetInputError
from .ids import UNREADABLE_HINT

__all__ = ["LEVELS", "GRAPH_LEVELS", "edges", "unit_counts", "graph", "connect"]

#: Levels the out-of-core path aggregates.
LEVELS = ("country", "province", "province+country", "inventor", "org")
_COUNTINGS = ("full", "fractional", "patent_share")

_PV_TABLES = {
    "g_patent": ["patent_id", "patent_date"],
    "g_inventor_disambiguated": ["patent_id", "inventor_id", "location_id"],
    "g_location_disambiguated": ["location_id", "disambig_city", "disambig_state",
                                 "disambig_country"],
    "g_assignee_disambiguated": ["patent_id", "assignee_id", "location_id"],
}


#: Columns the node attributes of inventor and organisation graphs read besides those:
#: the name parts (and the assignee type) the loaders compose names (and sectors) from.
_PV_ATTRIBUTES = {
    "g_inventor_disambiguated": ["disambig_inventor_name_last", "disambig_inventor_name_first"],
    "g_assignee_disambiguated": ["disambig_assignee_organization",
                                 "disambig_assignee_individual_name_last",
                                 "disambig_assignee_individual_name_first", "assignee_type"],
}


def connect(memory_limit: str = "4GB", temp_directory=None, threads: int | None = None):
    """A DuckDB connection that spills to ``temp_directory`` beyond ``memory_limit``.

    Examples
    --------
    >>> from patnet.outofcore import connect
    >>> con = connect("1GB")
    >>> con.execute("SELECT 1 + 1").fetchone()
    (2,)
    """
    try:
        import duckdb
    except ImportError:  # pragma: no cover - duckdb is in the test extras
        raise PatnetInputError("the out-of-core path needs DuckDB",
                               hint='Install it: pip install "patnet[duckdb]"') from None
    config: dict = {"memory_limit": str(memory_limit), "preserve_insertion_order": False}
    if temp_directory is not None:
        config["temp_directory"] = str(temp_directory)
    if threads is not None:
        config["threads"] = int(threads)
    try:
        con = duckdb.connect(":memory:", config=config)
    except duckdb.Error as exc:
        raise PatnetInputError(
            f"DuckDB refused the settings memory_limit={memory_limit!r}, "
            f"temp_directory={temp_directory!r}, threads={threads!r}: {exc}",
            hint="Give the memory limit as a number and a unit, such as '4GB' or '500MB'") from None
    _keep_freed_memory(con, str(memory_limit))
    return con


#: DuckDB settings that hand memory freed by a query back to the system once it exceeds them
#: (128 MiB and 512 MiB by default).
_FLUSH_SETTINGS = ("allocator_flush_threshold", "allocator_bulk_deallocation_flush_threshold")


def _keep_freed_memory(con, memory_limit: str) -> None:
    """Let DuckDB's allocator keep memory it freed, up to ``memory_limit``, for the next query.

    By default it hands back everything above 128 MiB after each task; the
    next query then pays the system again to zero fresh pages. On the
    inventor edge list of a whole PatentsView release (33.5 million pairs,
    ``memory_limit="6GB"``) that was 27-44 s of system time in three runs
    (61-71 s in all); with the thresholds at the budget, 23-28 s in four
    runs (53-59 s), with the same peak (8.8-9.2 GB): ``memory_limit`` still
    bounds what DuckDB's buffers hold. A DuckDB without these settings
    keeps its defaults.
    """
    import duckdb

    for name in _FLUSH_SETTINGS:
        try:
            con.execute(f"SET {name} = {_sql_text(memory_limit)}")
        except duckdb.Error:  # pragma: no cover - a DuckDB before the setting
            pass


# -- sources -----------------------------------------------------------------------
def _sql_text(text: str) -> str:
    """A SQL string literal of ``text``."""
    return "'" + str(text).replace("'", "''") + "'"


def _sql_path(path: Path) -> str:
    return _sql_text(str(path))


def _corpus_id(col: str) -> str:
    """SQL of an id column of a corpus folder: as written (as :func:`patnet.io.read_corpus`
    reads it), an empty one missing (as the graph builders take it)."""
    return f"nullif({col}, '')"


def _cleaning_macros(con) -> None:
    """Define the SQL macros that clean text as the loaders do.

    ``pn_strip(x)`` strips whitespace from both ends, as
    :func:`patnet.io._clean.strip_text` (DuckDB's own ``trim`` strips spaces
    only); ``pn_clean(x)`` also reads empty values and placeholders such as
    ``"N/A"`` as missing, as :func:`patnet.io._clean.clean_text` does to ids.
    """
    from .io._clean import PLACEHOLDERS, WHITESPACE

    missing = ", ".join(_sql_text(p) for p in sorted(PLACEHOLDERS))
    # trimming a set of characters is several times slower than reading a value: a value
    # whose first and last characters are printable ASCII (never WHITESPACE) is taken as it is
    con.execute("CREATE OR REPLACE TEMP MACRO pn_strip(x) AS CASE WHEN ord(x[1]) BETWEEN 33 "
                "AND 126 AND ord(x[-1]) BETWEEN 33 AND 126 THEN x "
                f"ELSE trim(x, {_sql_text(WHITESPACE)}) END")
    con.execute("CREATE OR REPLACE TEMP MACRO pn_clean(x) AS "
                f"CASE WHEN pn_strip(x) IN ({missing}) THEN NULL ELSE pn_strip(x) END")


def _patent_id_macro(con) -> dict:
    """Define ``pn_patent(x, table)``: the canonical patent id of ``x``, as the loaders
    make it (:func:`patnet.ids.normalize_patent_id`), missing where ``x`` is empty or
    unreadable.

    An id already canonical (PatentsView's are) is only matched against
    :data:`patnet.ids.CANONICAL_PATENT_ID`; the others (``"06836899"``,
    ``"US 6,836,899 B2"``) go through :func:`~patnet.ids.normalize_patent_id`.
    Returns the dict the unreadable ones are recorded in while queries run:
    ``{table: first unreadable value}``.
    """
    from duckdb import sqltypes

    from .ids import CANONICAL_PATENT_ID, normalize_patent_id

    unreadable: dict = {}

    def canonical(value: str, table: str):
        canon, _ = normalize_patent_id(value)
        if canon is None:
            unreadable.setdefault(table, value)
        return canon

    text = sqltypes.VARCHAR
    con.create_function("pn_patent_slow", canonical, [text, text], text, side_effects=True,
                        null_handling="special")
    pattern = CANONICAL_PATENT_ID.pattern.lstrip("^").rstrip("$")
    con.execute("CREATE OR REPLACE TEMP MACRO pn_patent(x, t) AS CASE "
                f"WHEN regexp_full_match(pn_strip(x), {_sql_text(pattern)}) THEN pn_strip(x) "
                "WHEN coalesce(pn_strip(x), '') = '' THEN NULL "
                "ELSE pn_patent_slow(pn_strip(x), t) END")
    return unreadable


def _pv_file(folder: Path, table: str):
    for suffix in (".tsv", ".tsv.zip"):
        p = folder / f"{table}{suffix}"
        if p.exists():
            return p
    return None


#: Version of the Parquet files made from a ``.tsv.zip`` (part of their stamp): 2 reads
#: only empty fields as missing (1 read pyarrow's default placeholders, "NA" among them).
_PARQUET_FORMAT = 2


def _stamp(meta: Path) -> dict:
    """What a Parquet conversion was made from, as its stamp file says; ``{}`` when the file
    is missing or damaged (the conversion is then made again)."""
    try:
        stamp = json.loads(meta.read_text())
    except (OSError, ValueError):
        return {}
    ok = isinstance(stamp, dict) and isinstance(stamp.get("columns", []), list)
    return stamp if ok else {}


def _zip_to_parquet(zpath: Path, table: str, columns, cache: Path, progress) -> Path:
    """Stream the needed columns of a ``.tsv.zip`` member into Parquet (once; bounded memory)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    st = zpath.stat()
    same = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "format": _PARQUET_FORMAT}
    out = cache / f"{table}.parquet"
    meta = cache / f"{table}.json"
    old = _stamp(meta) if out.exists() else {}
    if {k: old.get(k) for k in same} == same:  # made from this file: its columns are kept
        if set(columns) <= set(old.get("columns", ())):
            return out
        columns = list(old["columns"]) + [c for c in columns if c not in old["columns"]]
    stamp = {**same, "columns": list(columns)}
    cache.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".parquet.tmp")
    with zipfile.ZipFile(zpath) as z:
        member = next((n for n in z.namelist() if n.endswith(".tsv")), None)
        if member is None:
            raise PatnetInputError(f"{zpath.name} holds no .tsv file", file=str(zpath),
                                   hint="Download the file again")
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=z.getinfo(member).file_size, unit="B", unit_scale=True,
                       desc=f"{table} -> Parquet")
        with z.open(member) as fh:
            reader = pacsv.open_csv(
                fh, read_options=pacsv.ReadOptions(block_size=1 << 24),
                parse_options=pacsv.ParseOptions(delimiter="\t", newlines_in_values=True),
                convert_options=pacsv.ConvertOptions(
                    include_columns=list(columns),
                    column_types={c: pa.string() for c in columns},
                    # only an empty field is missing: "NA" is Namibia, as in the loaders
                    null_values=[""], strings_can_be_null=True,
                    quoted_strings_can_be_null=False))
            with pq.ParquetWriter(tmp, reader.schema) as w:
                for batch in reader:
                    w.write_batch(batch)
                    if bar is not None:
                        bar.n = fh.tell() if hasattr(fh, "tell") else bar.n
                        bar.refresh()
        if bar is not None:
            bar.close()
    os.replace(tmp, out)
    meta.write_text(json.dumps(stamp))
    return out


def _pv_relation(folder: Path, table: str, progress, extra=()) -> str:
    """A DuckDB relation (SQL text) over one PatentsView table, all columns as text
    (from a ``.tsv.zip``: the columns the path reads, plus ``extra``)."""
    path = _pv_file(folder, table)
    if path is None:
        raise PatnetInputError(f"the folder has no {table}.tsv or {table}.tsv.zip",
                               file=str(folder),
                               hint="Download it (patnet download patentsview) into the folder")
    if path.suffix == ".zip":
        pq_path = _zip_to_parquet(path, table, _PV_TABLES[table] + list(extra),
                                  folder / ".patnet-cache" / "outofcore", progress)
        return f"read_parquet({_sql_path(pq_path)})"
    return (f"read_csv({_sql_path(path)}, delim='\\t', header=true, all_varchar=true, "
            "quote='\"', escape='\"')")


def _corpus_relation(folder: Path, table: str) -> str:
    for fmt in ("parquet", "csv"):
        p = folder / f"{table}.{fmt}"
        if p.exists():
            if fmt == "parquet":
                return f"read_parquet({_sql_path(p)})"
            return f"read_csv({_sql_path(p)}, header=true, all_varchar=true)"
    raise PatnetInputError(f"the corpus folder has no {table}.parquet or {table}.csv",
                           file=str(folder), hint="Write it with patnet.io.write_corpus")


def _kind(folder: Path) -> str:
    if not folder.is_dir():
        raise PatnetInputError(f"{folder} is not a folder", file=str(folder),
                               hint="Give a PatentsView folder or a folder written by "
                                    "patnet.io.write_corpus")
    if _pv_file(folder, "g_patent") is not None:
        return "patentsview"
    if (folder / "corpus.json").exists():
        return "corpus"
    if (folder / "patents.csv").exists():
        raise PatnetInputError(
            f"{folder} holds CSV files without corpus.json: patnet.io.read_corpus cleans such "
            "files as it reads them (patent numbers, ids, dates), which the out-of-core path "
            "does not do", file=str(folder),
            hint="Read the folder once with patnet.io.read_corpus and write it with "
                 "patnet.io.write_corpus; the out-of-core path reads that folder as written")
    raise PatnetInputError(f"cannot tell what {folder} holds", file=str(folder),
                           hint="Expected g_patent.tsv(.zip) (PatentsView) or corpus.json "
                                "(patnet.io.write_corpus)")


# -- units ---------------------------------------------------------------------------
def _resolve_locations(combos: pd.DataFrame) -> pd.DataFrame:
    """(city, state, country) as PatentsView writes them -> (country, province) after the
    loaders' cleaning and :func:`patnet.geo.normalize` (one row per combination)."""
    from . import geo, io

    n = len(combos)
    ids = [str(i + 1) for i in range(n)]
    inv = pd.DataFrame({"patent_id": ids, "inventor_id": ids,
                        "city": combos["city"].to_numpy(dtype=object),
                        "state": combos["state"].to_numpy(dtype=object),
                        "country": combos["country"].to_numpy(dtype=object)}).astype("string")
    pat = pd.DataFrame({"patent_id": ids}, dtype="string")
    corpus, _ = io.from_dataframes(patents=pat, inventors=inv, errors="report")
    corpus, _ = geo.normalize(corpus)
    got = corpus.inventors.set_index("patent_id")[["country", "province"]]
    got = got.reindex(ids)
    return pd.DataFrame({"country": got["country"].to_numpy(dtype=object),
                         "province": got["province"].to_numpy(dtype=object)})


def _geo_unit_table(pairs: pd.DataFrame, level, focal) -> pd.Series:
    """Node id of each (country, province) row, by the in-memory path's own rule."""
    from .build._levels import _geo_units

    df = pd.DataFrame({"country": pd.array(pairs["country"], dtype="string"),
                       "province": pd.array(pairs["province"], dtype="string")})
    code, ids = _geo_units(df, level, focal=focal, unresolved="node", group=None,
                           outside="country", reasons={}, info={})
    out = np.full(len(df), None, dtype=object)
    ok = code >= 0
    out[ok] = np.asarray(ids, dtype=object)[code[ok]]
    return pd.Series(out, index=pairs.index, dtype=object)


def _pv_locations(con, folder: Path, progress) -> None:
    """The temporary table ``_loc``: city, state and country of each PatentsView location."""
    loc = _pv_relation(folder, "g_location_disambiguated", progress)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _loc AS SELECT pn_strip(location_id) AS location_id, "
        "any_value(disambig_city) AS city, any_value(disambig_state) AS state, "
        f"any_value(disambig_country) AS country FROM {loc} GROUP BY 1")


def _patent_sql(kind: str, table: str) -> str:
    """SQL of the patent id of a row of ``table``: canonical, as the PatentsView loader
    makes it, or as written in a corpus folder (as :func:`patnet.io.read_corpus` reads it)."""
    return f"pn_patent(patent_id, {_sql_text(table)})" if kind == "patentsview" else "patent_id"


def _links_sql(con, folder: Path, kind: str, level: str, years, focal,
              progress) -> tuple[str, str]:
    """SQL of the (pid, unit) link rows of the level, patents filtered by years, and the
    prefix that makes a unit a node id (added to the distinct units only)."""
    if kind == "patentsview":
        pat = _pv_relation(folder, "g_patent", progress)
        year = "year(TRY_CAST(pn_strip(patent_date) AS DATE))"
        pid = _patent_sql(kind, "g_patent")
    else:
        pat = _corpus_relation(folder, "patents")
        year, pid = "TRY_CAST(year AS INTEGER)", "patent_id"
    patents = (f"SELECT DISTINCT patent_id, year FROM (SELECT {pid} AS patent_id, {year} AS "
               f"year FROM {pat}) WHERE patent_id IS NOT NULL")
    if years is not None:
        a, b = years
        cond = []
        if a is not None:
            cond.append(f"year >= {int(a)}")
        if b is not None:
            cond.append(f"year <= {int(b)}")
        if cond:
            patents = f"SELECT * FROM ({patents}) WHERE {' AND '.join(cond)}"
    con.execute(f"CREATE OR REPLACE TEMP VIEW _patents AS {patents}")
    # each patent an integer (pid): the self-join and the grouping below compare
    # integers, not text
    con.execute("CREATE OR REPLACE TEMP TABLE _pid AS SELECT patent_id, "
                "(row_number() OVER ())::BIGINT AS pid "
                "FROM (SELECT DISTINCT patent_id FROM _patents)")

    if level in ("inventor", "org"):
        if kind == "patentsview":
            table, col = (("g_inventor_disambiguated", "inventor_id") if level == "inventor"
                          else ("g_assignee_disambiguated", "assignee_id"))
            rel = _pv_relation(folder, table, progress)
            unit = f"pn_clean({col})"
        else:
            table, col = (("inventors", "inventor_id") if level == "inventor"
                          else ("applicants", "applicant_id"))
            rel = _corpus_relation(folder, table)
            unit = _corpus_id(col)
        prefix = "inventor:" if level == "inventor" else "org:"
        return (f"SELECT p.pid, l.u AS unit FROM (SELECT {_patent_sql(kind, table)} AS "
                f"patent_id, {unit} AS u FROM {rel}) l "
                "JOIN _pid p USING (patent_id) WHERE l.u IS NOT NULL", prefix)

    # geographic levels: distinct location values -> node ids in Python, joined back
    if kind == "patentsview":
        inv = _pv_relation(folder, "g_inventor_disambiguated", progress)
        _pv_locations(con, folder, progress)
        con.execute(
            "CREATE OR REPLACE TEMP VIEW _rows AS SELECT "
            "pn_patent(i.patent_id, 'g_inventor_disambiguated') AS patent_id, "
            "l.city, l.state, l.country FROM "
            f"{inv} i LEFT JOIN _loc l ON pn_strip(i.location_id) = l.location_id")
        combos = con.execute("SELECT DISTINCT city, state, country FROM _rows").df()
        resolved = _resolve_locations(combos)
        combos["unit"] = _geo_unit_table(resolved, level, focal).to_numpy()
        con.register("_units_df", combos[["city", "state", "country", "unit"]])
        con.execute("CREATE OR REPLACE TEMP TABLE _units AS SELECT * FROM _units_df")
        on = ("r.city IS NOT DISTINCT FROM u.city AND r.state IS NOT DISTINCT FROM u.state "
              "AND r.country IS NOT DISTINCT FROM u.country")
    else:
        rel = _corpus_relation(folder, "inventors")
        con.execute(f"CREATE OR REPLACE TEMP VIEW _rows AS SELECT patent_id, country, province "
                    f"FROM {rel}")
        combos = con.execute("SELECT DISTINCT country, province FROM _rows").df()
        combos["unit"] = _geo_unit_table(combos, level, focal).to_numpy()
        con.register("_units_df", combos[["country", "province", "unit"]])
        con.execute("CREATE OR REPLACE TEMP TABLE _units AS SELECT * FROM _units_df")
        on = "r.country IS NOT DISTINCT FROM u.country AND r.province IS NOT DISTINCT FROM u.province"
    return ("SELECT p.pid, u.unit FROM _rows r JOIN _units u ON " + on +
            " JOIN _pid p USING (patent_id) WHERE u.unit IS NOT NULL", "")


def _first_row_with(path: Path, value: str) -> tuple[str, int | None]:
    """The file label and the physical line of the first row of a PatentsView table whose
    ``patent_id`` (stripped) is ``value``, as the loaders name them in an error (the line
    is None if no row has it: the file changed since it was read).

    DuckDB reads the table from Parquet, or from text without line numbers; the file
    is read again here, as far as that row, with the loaders' reader.
    """
    from .io._clean import strip_text
    from .io._text import DelimitedReader

    with DelimitedReader(path, sep="\t", columns=["patent_id"], required=["patent_id"],
                         errors="report") as reader:
        for df in reader:
            hit = np.flatnonzero((strip_text(df["patent_id"]) == value)
                                 .fillna(False).to_numpy(dtype=bool))
            if len(hit):
                return str(df["_file"].iloc[hit[0]]), int(df["_line"].iloc[hit[0]])
    return path.name, None


def _unreadable_rows(con, folder: Path, unreadable: dict, errors: str, progress) -> dict:
    """Rows of the PatentsView tables read so far whose patent id is unreadable: raised
    (the first one found, as the loader raises) or counted per table, ``{table: rows}``.
    (A corpus folder's ids are read as written: none is recorded.)"""
    if not unreadable:
        return {}
    if errors == "raise":
        table, value = next(iter(unreadable.items()))
        con.close()
        path = _pv_file(folder, table)
        file, line = (table, None) if path is None else _first_row_with(path, value)
        raise PatnetInputError(
            "unreadable patent number", file=file, line=line, column="patent_id", value=value,
            hint=f"{UNREADABLE_HINT} (they are counted in the result's "
                 "rows_dropped_unreadable_patent_id)")
    counts = {}
    for table in sorted(unreadable):
        rel = _pv_relation(folder, table, progress)
        (n,) = _row(con, f"SELECT count(*) FROM {rel} WHERE coalesce(pn_strip(patent_id), '') "
                         f"<> '' AND pn_patent(patent_id, {_sql_text(table)}) IS NULL")
        counts[table] = int(n)
    return counts


def _prepare(source, level, counting, years, focal, memory_limit, temp_directory, threads,
             progress, errors="raise"):
    """A connection with the tables ``_pid`` (patents), ``_u`` (units), ``_pu`` (each
    patent's distinct units, with their numbers of link rows) and ``_n`` (each patent's
    number of units), and the rows dropped for an unreadable patent id per table."""
    if errors not in ("raise", "report"):
        raise PatnetInputError(f"unknown errors={errors!r}",
                               hint="Use errors='raise' (stop at an unreadable patent number) "
                                    "or errors='report' (drop and count such rows)")
    if level not in LEVELS:
        raise PatnetInputError(f"unknown level {level!r}",
                               hint=f"The out-of-core path aggregates {', '.join(LEVELS)}")
    if counting not in _COUNTINGS:
        raise PatnetInputError(f"unknown counting {counting!r}",
                               hint=f"Use one of {', '.join(_COUNTINGS)}")
    if level in ("province", "province+country") and focal != "CN":
        raise PatnetInputError("provinces are Chinese provinces: focal must be 'CN'")
    folder = Path(os.fspath(source))
    kind = _kind(folder)
    con = connect(memory_limit, temp_directory or tempfile.gettempdir(), threads)
    _cleaning_macros(con)
    unreadable = _patent_id_macro(con)
    links, prefix = _links_sql(con, folder, kind, level, years, focal, progress)
    if errors == "raise":  # the patents are read: an error there comes before the aggregation
        _unreadable_rows(con, folder, unreadable, errors, progress)
    # one row per patent and distinct unit, with its number of link rows
    con.execute(f"CREATE OR REPLACE TEMP TABLE _lu AS SELECT pid, unit, count(*) AS rows "
                f"FROM ({links}) GROUP BY pid, unit")
    # each unit an integer (uid) in the order of the unit ids, so that uid order is
    # node-id order (the prefix is the same for all): the pairs are found, grouped and
    # sorted on integers
    con.execute(f"CREATE OR REPLACE TEMP TABLE _u AS SELECT unit, '{prefix}' || unit AS node, "
                "(row_number() OVER (ORDER BY unit))::BIGINT AS uid "
                "FROM (SELECT DISTINCT unit FROM _lu)")
    con.execute("CREATE OR REPLACE TEMP TABLE _pu AS SELECT l.pid, u.uid, l.rows "
                "FROM _lu l JOIN _u u USING (unit)")
    con.execute("DROP TABLE _lu")
    con.execute("CREATE OR REPLACE TEMP TABLE _n AS SELECT pid, count(*) AS n, "
                "sum(rows) AS total FROM _pu GROUP BY pid")
    return con, _unreadable_rows(con, folder, unreadable, errors, progress)


def _warn_dropped(dropped: dict) -> None:
    if any(dropped.values()):
        import warnings

        from .exceptions import PatnetWarning
        parts = ", ".join(f"{t}: {n}" for t, n in dropped.items())
        warnings.warn(f"rows dropped for an unreadable patent number ({parts})", PatnetWarning,
                      stacklevel=3)


def _row(con, query: str) -> tuple:
    """The one row of a query, fetched to the end (the connection is free for the next)."""
    return con.execute(query).fetchall()[0]


def _arrow(con, query: str):
    """The rows of a query as an Arrow table."""
    rel = con.sql(query)
    arrow = getattr(rel, "to_arrow_table", None) or rel.arrow  # the name before DuckDB 1.4
    return arrow()


def _frame(con, query: str) -> pd.DataFrame:
    """The rows of a query as a DataFrame, through Arrow: text columns stay Arrow strings
    instead of becoming millions of Python objects (several times faster)."""
    return _arrow(con, query).to_pandas()


def _pairs_query(counting: str) -> str:
    """SQL of the unit pairs ``s < t`` (uids) with their weight and patent count."""
    weight = {"full": "count(*)", "fractional": "sum(1.0 / (n.n - 1))",
              "patent_share": "sum(2.0 / (n.n * (n.n - 1)))"}[counting]
    return ("SELECT a.uid AS s, b.uid AS t, " + weight + " AS weight, "
            "count(*) AS n_patents FROM _pu a JOIN _pu b ON a.pid = b.pid "
            "AND a.uid < b.uid JOIN _n n ON n.pid = a.pid GROUP BY 1, 2")


def _edges_query(counting: str) -> str:
    """SQL of the edge list (on the tables :func:`_prepare` made), in node-id order."""
    return ("SELECT us.node AS source, ut.node AS target, e.weight, e.n_patents "
            f"FROM ({_pairs_query(counting)}) e JOIN _u us ON us.uid = e.s "
            "JOIN _u ut ON ut.uid = e.t ORDER BY e.s, e.t")


_UNIT_COUNTS = (
    "SELECT u.node, c.n_patents, c.fractional_count, c.internal_patents FROM "
    "(SELECT p.uid, count(*) AS n_patents, "
    "sum(p.rows::DOUBLE / n.total) AS fractional_count, "
    "count(*) FILTER (WHERE p.rows >= 2) AS internal_patents "
    "FROM _pu p JOIN _n n USING (pid) GROUP BY 1) c JOIN _u u USING (uid) "
    "ORDER BY c.uid")


def _edge_frame(con, counting: str, positions: bool = False) -> pd.DataFrame:
    """The edge list; with ``positions``, ``s`` and ``t`` are the ends' positions in uid
    order (uid - 1) instead of their node ids.

    The pairs are sorted on their integer positions and the node ids looked up
    afterwards (Arrow's ``take`` on the ids in uid order): sorting rows that carry
    two text ids made DuckDB spill on a whole release's inventor list (33.5 million
    pairs, 1.9 GB written to disk under a 6 GB budget), and took 32 s of its 60 s.
    """
    import pyarrow as pa

    df = _frame(con, f"SELECT s - 1 AS s, t - 1 AS t, weight, n_patents FROM "
                     f"({_pairs_query(counting)}) ORDER BY s, t")
    if counting == "full":
        df["weight"] = df["n_patents"].astype(np.int64)
    df["n_patents"] = df["n_patents"].astype(np.int64)
    if positions:
        for c in ("s", "t"):
            df[c] = df[c].astype(np.int64)
        return df
    nodes = _arrow(con, "SELECT node FROM _u ORDER BY uid").column(0).combine_chunks()
    ends = {c: nodes.take(pa.array(df[k].to_numpy(np.int64)))
            for c, k in (("source", "s"), ("target", "t"))}
    out = pa.table(ends).to_pandas()
    out["weight"] = df["weight"].to_numpy()
    out["n_patents"] = df["n_patents"].to_numpy()
    return out


def _count_frame(con) -> pd.DataFrame:
    df = _frame(con, _UNIT_COUNTS)
    for c in ("n_patents", "internal_patents"):
        df[c] = df[c].astype(np.int64)
    return df.set_index("node")


# -- node attributes of inventors and organisations --------------------------------------
#: Distinct values mapped through Python at a time (bounded memory at any size).
_MAP_BATCH = 500_000


def _text(frame: pd.DataFrame, col: str) -> pd.Series:
    return frame[col].astype("string")


def _map_distinct(con, rows: str, cols, fn, out: str, batch: int = _MAP_BATCH) -> None:
    """The temporary table ``out``: each distinct ``cols`` of ``rows`` and what ``fn`` makes of
    them (a dict of columns), computed by the loaders' own Python code on ``batch`` distinct
    values at a time."""
    names = ", ".join(cols)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _distinct AS SELECT row_number() OVER () AS k, "
                f"{names} FROM (SELECT DISTINCT {names} FROM {rows})")
    (n,) = _row(con, "SELECT count(*) FROM _distinct")
    made = False
    for lo in range(0, max(n, 1), batch):
        frame = _frame(con, f"SELECT {names} FROM _distinct WHERE k > {lo} AND k <= {lo + batch} "
                            "ORDER BY k")
        got = fn({c: _text(frame, c) for c in cols})
        df = pd.DataFrame({**{c: _text(frame, c).array for c in cols},
                           **{k: pd.array(v, dtype="string") for k, v in got.items()}})
        con.register("_batch", df)
        if not made:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {out} AS SELECT * FROM _batch")
            made = True
        else:
            con.execute(f"INSERT INTO {out} SELECT * FROM _batch")
        con.unregister("_batch")
    con.execute("DROP TABLE _distinct")


def _same_values(a: str, b: str, cols) -> str:
    return " AND ".join(f"{a}.{c} IS NOT DISTINCT FROM {b}.{c}" for c in cols)


def _inventor_names(v: dict) -> dict:
    """Names as the PatentsView reader composes and the assembly step cleans them."""
    from .io._clean import clean_text
    from .io.patentsview import _name

    return {"name": clean_text(_name(v["last"], v["first"])[0])[0]}


def _applicant_names(v: dict) -> dict:
    from .io._clean import clean_text
    from .io.patentsview import _applicant_name

    return {"name": clean_text(_applicant_name(v["org"], v["last"], v["first"])[0])[0]}


def _type_codes(v: dict) -> dict:
    from .io._assemble import _clean_type_code
    from .io._clean import clean_text
    from .io.loadreport import LoadReport
    from .io.patentsview import _strip_float

    code = clean_text(_strip_float(v["atype"])[0])[0]
    return {"type_code": _clean_type_code(LoadReport(source=""), code)}


def _places(v: dict) -> dict:
    got = _resolve_locations(pd.DataFrame(v))
    return {"r_country": got["country"], "r_province": got["province"]}


def _sectors(v: dict) -> dict:
    from .classify import sector

    return {"sector": sector(v["name"], country=v["country"],
                             assignee_type=v["type_code"])["label"].to_numpy(dtype=object)}


def _attribute_rows(con, folder: Path, kind: str, level: str, progress) -> int:
    """The temporary table ``_attr``: one row per link row of a patent in ``_pid`` with a
    unit, with the values its node's attributes are the most frequent of: ``unit, name,
    country, province`` (and ``sector`` for organisations). Returns the number of link rows
    of those patents, with a unit or not.

    From a corpus folder the columns are read as written. From a PatentsView folder they
    are what the in-memory path makes of the raw rows, found for each distinct value by its
    own code: the reader's names, :func:`patnet.geo.normalize`'s country and province, and
    for organisations :func:`patnet.classify.sector` of the name, country and type code (as
    :func:`patnet.classify.assign_sectors` does).
    """
    org = level == "org"
    if kind == "corpus":
        table, col = ("applicants", "applicant_id") if org else ("inventors", "inventor_id")
        rel = _corpus_relation(folder, table)
        have = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {rel}").fetchall()}
        wanted = ["name", "country", "province"] + (["sector", "type_code"] if org else [])
        cols = ", ".join(f"{c}" if c in have else f"NULL::VARCHAR AS {c}" for c in wanted)
        (rows,) = _row(con, f"SELECT count(*) FROM {rel} JOIN _pid USING (patent_id)")
        con.execute(f"CREATE OR REPLACE TEMP TABLE _attr AS SELECT {_corpus_id(col)} AS "
                    f"unit, {cols} FROM {rel} JOIN _pid USING (patent_id) "
                    f"WHERE {_corpus_id(col)} IS NOT NULL")
        if org:  # sectors as written; a folder without any is classified (as the CLI does)
            (known,) = _row(con, "SELECT count(*) FROM _attr WHERE sector <> 'unknown'")
            if not known:
                _assign_sectors(con)
        return int(rows)
    table = "g_assignee_disambiguated" if org else "g_inventor_disambiguated"
    idcol = "assignee_id" if org else "inventor_id"
    rel = _pv_relation(folder, table, progress, extra=_PV_ATTRIBUTES[table])
    (rows,) = _row(con, f"SELECT count(*) FROM {rel} r JOIN _pid p "
                        f"ON pn_patent(r.patent_id, '{table}') = p.patent_id")
    _pv_locations(con, folder, progress)
    if org:
        parts = ["org", "last", "first"]
        raw = ("r.disambig_assignee_organization AS org, "
               "r.disambig_assignee_individual_name_last AS last, "
               "r.disambig_assignee_individual_name_first AS first, r.assignee_type AS atype")
    else:
        parts = ["last", "first"]
        raw = "r.disambig_inventor_name_last AS last, r.disambig_inventor_name_first AS first"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _raw AS SELECT pn_clean(r.{idcol}) AS "
                f"unit, {raw}, l.city, l.state, l.country FROM {rel} r "
                f"JOIN _pid p ON pn_patent(r.patent_id, '{table}') = p.patent_id "
                "LEFT JOIN _loc l ON pn_strip(r.location_id) = l.location_id "
                f"WHERE pn_clean(r.{idcol}) IS NOT NULL")
    place = ["city", "state", "country"]
    _map_distinct(con, "_raw", parts, _applicant_names if org else _inventor_names, "_names")
    _map_distinct(con, "_raw", place, _places, "_places")
    joins = (f"LEFT JOIN _names n ON {_same_values('r', 'n', parts)} "
             f"LEFT JOIN _places g ON {_same_values('r', 'g', place)}")
    if org:
        _map_distinct(con, "_raw", ["atype"], _type_codes, "_types")
        joins += " LEFT JOIN _types t ON r.atype IS NOT DISTINCT FROM t.atype"
    con.execute("CREATE OR REPLACE TEMP TABLE _attr AS SELECT r.unit, n.name, "
                "g.r_country AS country, g.r_province AS province"
                f"{', t.type_code' if org else ''} FROM _raw r {joins}")
    con.execute("DROP TABLE _raw")
    if org:
        _assign_sectors(con)
    return int(rows)


def _assign_sectors(con) -> None:
    """``_attr.sector`` from :func:`patnet.classify.sector` of each distinct name, country
    and type code (as :func:`patnet.classify.assign_sectors` fills it)."""
    trio = ["name", "country", "type_code"]
    _map_distinct(con, "_attr", trio, _sectors, "_sect")
    con.execute("CREATE OR REPLACE TEMP TABLE _attr AS SELECT a.unit, a.name, a.country, "
                f"a.province, s.sector FROM _attr a LEFT JOIN _sect s ON "
                f"{_same_values('a', 's', trio)}")


def _mode_sql(col: str, exclude: str | None = None) -> str:
    """The most frequent known value of ``col`` per unit of ``_attr``, ties to the smallest
    (as :func:`patnet.build.level_incidence` breaks them)."""
    skip = f" AND {col} <> '{exclude}'" if exclude else ""
    return (f"SELECT unit, v FROM (SELECT unit, {col} AS v, count(*) AS k FROM _attr "
            f"WHERE {col} IS NOT NULL{skip} GROUP BY unit, {col}) "
            "QUALIFY row_number() OVER (PARTITION BY unit ORDER BY k DESC, v ASC) = 1")


def _entity_nodes(con, level: str, group) -> pd.DataFrame:
    """Node table of the units of ``_u``, in node order: the attributes of
    :func:`patnet.build.level_incidence` from the modes of ``_attr`` (the label falls back to
    the unit's id; a region per distinct country)."""
    from .build._levels import NODE_COLUMNS, _regions

    org = level == "org"
    cols = ["name", "country", "province"] + (["sector"] if org else [])
    modes = " ".join(f"LEFT JOIN ({_mode_sql(c, 'unknown' if c == 'sector' else None)}) m_{c} "
                     "USING (unit)" for c in cols)
    con.execute("CREATE OR REPLACE TEMP TABLE _modes AS SELECT u.uid, u.node, "
                "coalesce(nullif(m_name.v, ''), u.unit) AS label, "
                "coalesce(m_country.v, '') AS country, coalesce(m_province.v, '') AS province, "
                + ("coalesce(nullif(m_sector.v, ''), 'unknown')" if org else "''")
                + f" AS sector FROM _u u {modes}")
    places = _frame(con, "SELECT DISTINCT country FROM _modes")
    country = places["country"].astype("string")
    places["region"] = pd.array(_regions(country.replace("", pd.NA), group), dtype="string")
    con.register("_regions_df", places)
    df = _frame(con, "SELECT m.node, m.label, m.country, m.province, r.region, m.sector "
                     "FROM _modes m JOIN _regions_df r USING (country) ORDER BY m.uid")
    con.unregister("_regions_df")
    con.execute("DROP TABLE _modes")
    n = len(df)
    kind = np.full(n, "org" if org else "inventor", dtype=object)
    return pd.DataFrame({c: kind if c == "kind" else df[c].to_numpy(dtype=object)
                         for c in NODE_COLUMNS},
                        index=pd.Index(df["node"].to_numpy(dtype=object), name="id", dtype=object),
                        dtype=object)


def edges(source, level="country", *, counting="full", years=None, focal="CN",
          memory_limit="4GB", temp_directory=None, threads=None, progress=False,
          out=None, errors="raise") -> pd.DataFrame | Path:
    """The co-invention edge list of a level, aggregated out of core in DuckDB.

    Parameters
    ----------
    source : str or path-like
        A PatentsView folder or a corpus folder (see the module docstring).
    level : {"country", "province", "province+country", "inventor", "org"}
        As in :func:`patnet.build.level_incidence` (inventor geography;
        unresolved Chinese rows are the node ``"province:unresolved"``).
    counting : {"full", "fractional", "patent_share"}
        Weight of a pair on a patent with n distinct units: 1, 1/(n-1) or
        1/C(n, 2).
    years : (int, int), optional
        Grant years (PatentsView) or the corpus's ``year``, inclusive.
    memory_limit, temp_directory, threads
        DuckDB's budget: beyond ``memory_limit`` it spills to
        ``temp_directory`` (default: the system's temporary folder).
    progress : bool
        Show a bar while a ``.tsv.zip`` is converted to Parquet.
    out : str or path-like, optional
        Write the edge list to this Parquet file from DuckDB instead of
        returning it: an inventor edge list of a whole release has tens of
        millions of rows, which as a DataFrame of text ids takes several
        GB. The file has the same columns and order.
    errors : {"raise", "report"}
        Patent ids are made canonical as the loaders make them
        (``"06836899"`` is ``"6836899"``). An unreadable one (such as a
        spreadsheet's ``1.23457E+12``) raises :class:`~patnet.PatnetInputError`
        under ``"raise"``, as the loaders do; under ``"report"`` its rows are
        dropped, counted per table in ``attrs["rows_dropped_unreadable_patent_id"]``
        and announced by a :class:`~patnet.PatnetWarning`.

    Returns
    -------
    pandas.DataFrame or pathlib.Path
        ``source, target`` (node ids, ``source < target``), ``weight`` (by
        ``counting``; an integer under full counting) and ``n_patents``
        (patents the pair shares), sorted by source and target: the edges of
        the matching :mod:`patnet.build` graph, in its order. With ``out=``,
        the path of the Parquet file written.

    Examples
    --------
    >>> import tempfile, patnet as pn
    >>> from patnet.outofcore import edges
    >>> c = pn.testing.make_corpus({"1": ["CN", "SG", "SG"], "2": ["CN", "US", "SG"]})
    >>> folder = pn.io.write_corpus(c, tempfile.mkdtemp() + "/c")
    >>> edges(folder, "country", counting="fractional")
           source      target  weight  n_patents
    0  country:CN  country:SG     1.5          2
    1  country:CN  country:US     0.5          1
    2  country:SG  country:US     0.5          1
    """
    con, dropped = _prepare(source, level, counting, years, focal, memory_limit,
                            temp_directory, threads, progress, errors)
    _warn_dropped(dropped)
    query = _edges_query(counting)
    if out is not None:
        path = Path(os.fspath(out))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        con.execute(f"COPY ({query}) TO {_sql_path(tmp)} (FORMAT PARQUET)")
        con.close()
        os.replace(tmp, path)
        return path
    df = _edge_frame(con, counting)
    con.close()
    df.attrs.update({"level": level, "counting": counting, "engine": "duckdb",
                     "rows_dropped_unreadable_patent_id": dropped})
    return df


def unit_counts(source, level="country", *, years=None, focal="CN", memory_limit="4GB",
                temp_directory=None, threads=None, progress=False,
                errors="raise") -> pd.DataFrame:
    """Patents per unit, full and fractional, aggregated out of core in DuckDB.

    The node attributes ``n_patents``, ``fractional_count`` and
    ``internal_patents`` of the matching :mod:`patnet.build` graph: patents
    with the unit; each patent's one unit of credit shared among its link
    rows (two Beijing inventors of three give Beijing 2/3, see
    :func:`patnet.build.fractional_counts`); patents with two or more link
    rows of the unit. Parameters as in :func:`edges`.

    Returns
    -------
    pandas.DataFrame
        Indexed by node id (sorted): ``n_patents``, ``fractional_count``,
        ``internal_patents``.

    Examples
    --------
    >>> import tempfile, patnet as pn
    >>> from patnet.outofcore import unit_counts
    >>> c = pn.testing.make_corpus({"1": ["CN", "CN", "SG"], "2": ["CN"]})
    >>> folder = pn.io.write_corpus(c, tempfile.mkdtemp() + "/c")
    >>> unit_counts(folder, "country").round(4)  # doctest: +NORMALIZE_WHITESPACE
                n_patents  fractional_count  internal_patents
    node
    country:CN          2            1.6667                 1
    country:SG          1            0.3333                 0
    """
    con, dropped = _prepare(source, level, "full", years, focal, memory_limit, temp_directory,
                            threads, progress, errors)
    _warn_dropped(dropped)
    df = _count_frame(con)
    con.close()
    df.attrs["rows_dropped_unreadable_patent_id"] = dropped
    return df


#: Levels :func:`graph` builds (all of :data:`LEVELS`).
GRAPH_LEVELS = LEVELS


def graph(source, level="province+country", *, counting="full", normalize=None,
          min_weight=None, years=None, focal="CN", group="bri", output="networkx",
          memory_limit="4GB", temp_directory=None, threads=None, progress=False,
          errors="raise"):
    """A co-invention graph aggregated out of core: the graph of
    :func:`patnet.build.geo_graph`, :func:`~patnet.build.inventor_graph` or
    :func:`~patnet.build.org_graph`, without loading the corpus.

    DuckDB computes the edge list and the unit counts (:func:`edges`,
    :func:`unit_counts`) from one reading of the files; the graph is then made
    by the builders' own code, with weights normalised by
    :func:`patnet.build.weights.normalized_values`. Node attributes:

    * geographic levels: from the node ids (:func:`patnet.build.static_nodes`:
      label, kind, country, province, region);
    * ``"inventor"`` and ``"org"``: ``label``, ``country``, ``province`` (and
      the organisation's ``sector``) are the most frequent values of the
      unit's rows, ties to the smallest, as in
      :func:`patnet.build.level_incidence`; DuckDB counts them. From a
      PatentsView folder the values are what the in-memory path makes of the
      rows, each distinct value passed once through the same code (the
      reader's names, :func:`patnet.geo.normalize`'s places, and
      :func:`patnet.classify.sector` of name, country and assignee type, as
      :func:`patnet.classify.assign_sectors` does); from a corpus folder they
      are read as written. Organisation edges carry ``sector_pair``.

    The nodes, their attributes, the edges and their attributes equal those of
    the builder on the loaded corpus (weights up to floating-point summation
    order): ``geo_graph(corpus, level, ...)``, ``inventor_graph(corpus, ...)``
    or ``org_graph(corpus, ...)`` with ``corpus`` the normalised load of a
    PatentsView folder (for ``"org"``, with sectors assigned), or the corpus
    folder as read by :func:`patnet.io.read_corpus` (with sectors assigned if
    it has none). Organisations are
    identified by ``applicant_id`` and tied by co-application.

    Parameters
    ----------
    source : str or path-like
        A PatentsView folder or a corpus folder (see the module docstring).
    level : {"province+country", "country", "province", "inventor", "org"}
    counting : {"full", "fractional", "patent_share"}
    normalize : str, optional
        As in :func:`patnet.build.graph` (``link_weight`` then keeps the
        counted weight).
    min_weight : float, optional
        Leave out edges whose (normalised) weight is below this.
    years, focal, memory_limit, temp_directory, threads, progress, errors
        As in :func:`edges` (``G.graph["rows_dropped_unreadable_patent_id"]``
        is the number of rows dropped under ``errors="report"``, all tables
        together).
    group : str, DataFrame or None
        Region group of the ``region`` node attribute.
    output : {"networkx", "igraph"}
        An inventor graph of a whole release has millions of nodes: build
        it as an igraph graph.

    Returns
    -------
    networkx.Graph or igraph.Graph
        ``G.graph["engine"] == "duckdb"``. There is no patent provenance
        (:func:`patnet.build.edge_patents` needs the in-memory graph).

    Examples
    --------
    >>> import tempfile, patnet as pn
    >>> from patnet.outofcore import graph
    >>> c = pn.testing.make_corpus({"1": ["CN", "SG", "SG"], "2": ["CN", "US", "SG"]})
    >>> folder = pn.io.write_corpus(c, tempfile.mkdtemp() + "/c")
    >>> G = graph(folder, "country", counting="fractional")
    >>> sorted(G.edges(data="weight"))  # doctest: +NORMALIZE_WHITESPACE
    [('country:CN', 'country:SG', 1.5), ('country:CN', 'country:US', 0.5),
     ('country:SG', 'country:US', 0.5)]
    >>> sg = G.nodes["country:SG"]
    >>> sg["label"], sg["region"], sg["n_patents"], sg["internal_patents"]
    ('Singapore', 'ASEAN', 2, 1)

    Inventors, with their most frequent name and country:

    >>> c = pn.testing.make_corpus({
    ...     "1": [{"inventor_id": "a", "name": "Li, Wei", "country": "CN"},
    ...           {"inventor_id": "b", "name": "Tan, Mei", "country": "SG"}],
    ...     "2": [{"inventor_id": "a", "name": "Li, Wei", "country": "CN"}]})
    >>> I = graph(pn.io.write_corpus(c, tempfile.mkdtemp() + "/c"), "inventor")
    >>> list(I.edges), I.nodes["inventor:a"]["label"], I.nodes["inventor:a"]["n_patents"]
    ([('inventor:a', 'inventor:b')], 'Li, Wei', 2)
    """
    from . import __version__
    from .build._levels import _check_group, _group_label, static_nodes
    from .build.graphs import _scalar, _sector_pairs, check_options, make_graph
    from .build.weights import describe_weight, normalized_values

    if level not in GRAPH_LEVELS:
        raise PatnetInputError(f"unknown level {level!r}",
                               hint=f"The out-of-core path builds {', '.join(GRAPH_LEVELS)}")
    check_options(counting, normalize, min_weight, output)
    group = _check_group(group)
    con, dropped = _prepare(source, level, counting, years, focal, memory_limit,
                            temp_directory, threads, progress, errors)
    _warn_dropped(dropped)
    try:
        counts = _count_frame(con)
        e = _edge_frame(con, counting, positions=True)  # rows of counts (uid order)
        n_patents, linked, multi = _row(
            con, "SELECT (SELECT count(*) FROM _pid), count(*), count(*) FILTER (WHERE n >= 2) "
                 "FROM _n")
        entity, rows = None, {}
        if level in ("inventor", "org"):
            folder = Path(os.fspath(source))
            rows_read = _attribute_rows(con, folder, _kind(folder), level, progress)
            (rows_used,) = _row(con, "SELECT count(*) FROM _attr")
            column = "inventor_id" if level == "inventor" else "applicant_id"
            if rows_read and not rows_used:
                raise PatnetInputError(
                    f"every row lacks {column!r}: no {level} can be identified", column=column,
                    hint="Inventor graphs need disambiguated inventor ids" if level == "inventor"
                    else "Organisations are identified by applicant_id out of core: fill it, "
                         "or load the corpus and pass key='name' to pn.build.org_graph")
            entity = _entity_nodes(con, level, group)
            rows = {"rows_read": rows_read, "rows_used": rows_used,
                    "rows_dropped": rows_read - rows_used,
                    f"rows_dropped_missing_{column}": rows_read - rows_used}
    finally:
        con.close()

    ids = counts.index.to_numpy(dtype=object)
    n = len(ids)
    er, ec = e["s"].to_numpy(), e["t"].to_numpy()
    link = e["weight"].to_numpy(dtype=np.float64)
    full = e["n_patents"].to_numpy(dtype=np.int64)
    if normalize is None:
        value = link
    else:  # the triplet form wants both triangles; the upper one is kept
        both = normalized_values(normalize, np.concatenate([er, ec]), np.concatenate([ec, er]),
                                 np.concatenate([link, link]), n,
                                 counts["n_patents"].to_numpy(dtype=np.float64))
        value = both[:len(er)]
    keep = np.ones(len(er), dtype=bool) if min_weight is None else value >= float(min_weight)
    er, ec = er[keep], ec[keep]
    cols = {"weight": value[keep], "n_patents": full[keep]}
    if normalize is not None:
        cols["link_weight"] = link[keep]

    if entity is None:
        table = static_nodes(ids, focal=focal, group=group)
    else:
        assert entity.index.tolist() == ids.tolist()  # both in uid order
        table = entity
    for c in ("n_patents", "fractional_count", "internal_patents"):
        table[c] = counts[c].to_numpy()
    if level == "org":
        cols.update(_sector_pairs(table["sector"].to_numpy(dtype=object))(er, ec))
    # the graph attributes of the in-memory builder that this path knows (not the row
    # counts of level_incidence, nor the patent provenance)
    attrs = {"builder": "outofcore.graph", "level": level, "counting": counting,
             "normalize": normalize, "self_loops": False, "min_weight": min_weight,
             "top_k": None}
    if level == "inventor":
        attrs["table"] = "inventors"
    elif level == "org":
        attrs.update(table="applicants", key="applicant_id", ties="co_application",
                     sectors="all")
    else:
        attrs.update(partners="all", restrict=False, table="inventors", focal=focal,
                     group=_group_label(group), unresolved="node")
    attrs.update({"years": years, "n_patents": int(n_patents), "n_patents_linked": int(linked),
                  "weight_definition": describe_weight(counting, normalize),
                  "n_patents_multi": int(multi), "extra_nodes": "none", "nodes_added": 0,
                  "engine": "duckdb", "source": str(source), "patnet_version": __version__})
    attrs.update(rows)
    attrs["rows_dropped_unreadable_patent_id"] = sum(dropped.values())
    return make_graph(table, ids, er, ec, cols, {k: _scalar(v) for k, v in attrs.items()},
                      output)
