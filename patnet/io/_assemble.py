"""Raw rows -> canonical corpus, with every dropped row and changed value accounted for.

Every loader ends here. A loader turns its source into up to four *raw
tables* named like the canonical ones (``patents``, ``inventors``,
``applicants``, ``classes``), with canonical column names, values as text
(or already typed), and two provenance columns:

``_file``
    the file (or archive member) the row came from;
``_line``
    the *physical* line (1-based; for XML the line where the document
    starts) of the row.

:func:`assemble` then cleans values, drops what cannot be kept (each drop a
line in the :class:`~patnet.io.LoadReport`), sorts every table into a
canonical order (so that shuffled input gives identical tables) and builds
the :class:`~patnet.PatentCorpus`. It counts each raw row it receives as
read; the loader counts (and drops) the rows it could not even parse.

The work runs as jobs, two at a time on threads (the Arrow and NumPy work
releases the GIL): each table is cleaned; the patents are de-duplicated and
indexed as soon as they are clean, while the other tables are still being
cleaned; then each link table is matched against them and sorted. Each job
records into a report of its own, merged in a fixed order: the corpus, the
report and the error raised are those of running the jobs one after another.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from .. import schema
from ..corpus import LINK_TABLES, TABLE_NAMES, PatentCorpus, links_checked
from ..exceptions import PatnetInputError
from .._fast import arrow_text, cpus, pair_order, repeats_previous, sort_order, take_rows
from ..ids import UNREADABLE_HINT, IdIndex, normalized_ids
from ._clean import clean_text, parse_dates, parse_ints, upper_text
from .loadreport import LoadReport

__all__ = ["assemble", "drop_rows", "check_errors"]

_TRUE = {"1", "TRUE", "T", "Y", "YES", "MAIN", "MAIN-CLASSIFICATION", "FIRST", "INVENTIVE"}
_FALSE = {"0", "FALSE", "F", "N", "NO", "FURTHER", "FURTHER-CLASSIFICATION", "ADDITIONAL"}


def check_errors(errors: str) -> str:
    """Validate an ``errors=`` option."""
    if errors not in ("raise", "report"):
        raise PatnetInputError(
            f"unknown errors={errors!r}",
            hint="Use errors='raise' (stop at the first unreadable value) or "
                 "errors='report' (drop it and record it in the LoadReport)",
        )
    return errors


def _prov(df: pd.DataFrame, col: str):
    if col in df.columns:
        return df[col]
    return pd.Series([None] * len(df), index=df.index, dtype=object)


def drop_rows(report: LoadReport, table: str, df: pd.DataFrame, mask, reason: str,
              column: str | None = None, values=None) -> pd.DataFrame:
    """Record the rows of ``df`` under ``mask`` as dropped; return the rest."""
    mask = pd.Series(mask, index=df.index).fillna(False).astype(bool)
    if not mask.any():
        return df
    sub = df[mask]
    if values is None and column is not None and column in sub.columns:
        values = sub[column]
    frame = pd.DataFrame({
        "table": table,
        "reason": reason,
        "file": _prov(sub, "_file").astype("string").to_numpy(),
        "line": pd.array(_prov(sub, "_line").to_numpy(), dtype="Int64"),
        "column": column,
        "value": (pd.Series(values, index=sub.index).astype("string").to_numpy()
                  if values is not None else None),
        "count": 1,
    })
    report.drop_frame(frame)
    return df[~mask]


def _raise_first(df, mask, message, column, hint):
    i = mask[mask].index[0]
    raise PatnetInputError(
        message, file=df.at[i, "_file"] if "_file" in df.columns else None,
        line=(int(df.at[i, "_line"]) if "_line" in df.columns and pd.notna(df.at[i, "_line"]) else None),
        column=column, value=df.at[i, column] if column in df.columns else None, hint=hint,
    )


def _clean_ids(report, table, df, errors):
    raw = df["patent_id"]
    ids, where, labels = normalized_ids(raw)
    if not len(where):  # every id canonical already (the usual case)
        return df.assign(patent_id=ids.array)
    bad = np.zeros(len(df), dtype=bool)
    bad[where] = ids.iloc[where].isna().to_numpy()
    if bad.any():
        text = raw.astype("string").str.strip()
        missing = (raw.isna() | (text == "")).fillna(True).to_numpy(dtype=bool)
        if errors == "raise" and (bad & ~missing).any():
            _raise_first(df, pd.Series(bad & ~missing, index=df.index), "unreadable patent number",
                         "patent_id", UNREADABLE_HINT)
    else:
        missing = np.zeros(len(df), dtype=bool)
    counted = pd.Series(labels)[~bad[where]].value_counts()
    for label, n in counted.items():
        report.note(f"{table}.patent_id: {label}", int(n))
    if not bad.any():
        return df.assign(patent_id=ids.array)
    # dropped rows are reported with the value as written; kept rows get the canonical id
    miss = pd.Series(bad & missing, index=df.index)
    unreadable = pd.Series(bad & ~missing, index=df.index)
    kept = ids.array[~bad]
    df = drop_rows(report, table, df, miss, "missing patent id", "patent_id")
    df = drop_rows(report, table, df, unreadable, "unreadable patent id", "patent_id")
    return df.assign(patent_id=kept)


def _clean_strings(report, table, df):
    for c in schema.TABLES[table]:
        if c.kind != "string" or c.name == "patent_id" or c.name not in df.columns:
            continue
        s, n = clean_text(df[c.name])
        report.note(f"{table}.{c.name}: placeholder read as missing", n)
        df[c.name] = s
    return df


def _clean_dates(report, table, df, errors):
    for c in schema.TABLES[table]:
        if c.kind != "date" or c.name not in df.columns:
            continue
        if pd.api.types.is_datetime64_any_dtype(df[c.name]):
            continue
        dates, formats, bad = parse_dates(df[c.name])
        if bad.any():
            if errors == "raise":
                _raise_first(df, bad, "unreadable date", c.name,
                             "Write dates as YYYY-MM-DD (or YYYYMMDD), or pass errors='report' "
                             "to read them as missing")
            i = bad[bad].index[0]
            report.warn(
                f"{table}.{c.name}: {int(bad.sum())} unreadable date(s) read as missing "
                f"(first: {df.at[i, c.name]!r}"
                + (f" at {df.at[i, '_file']} line {df.at[i, '_line']}" if "_line" in df.columns else "")
                + ")"
            )
            report.note(f"{table}.{c.name}: unreadable date read as missing", int(bad.sum()))
        for label, n in formats.items():
            report.note(f"{table}.{c.name}: date in {label} format", n)
        df[c.name] = dates
    return df


def _clean_ints(report, table, df, errors):
    for c in schema.TABLES[table]:
        if c.kind != "int" or c.name not in df.columns:
            continue
        if pd.api.types.is_integer_dtype(df[c.name]):
            continue
        vals, n_float, bad = parse_ints(df[c.name])
        if bad.any():
            if errors == "raise":
                _raise_first(df, bad, "not an integer", c.name,
                             "Fix the value, or pass errors='report' to read it as missing")
            report.note(f"{table}.{c.name}: unreadable integer read as missing", int(bad.sum()))
            report.warn(f"{table}.{c.name}: {int(bad.sum())} unreadable integer(s) read as missing")
        report.note(f"{table}.{c.name}: float form such as '2.0' read as integer", n_float)
        df[c.name] = vals
    return df


def _clean_bools(report, table, df):
    for c in schema.TABLES[table]:
        if c.kind != "bool" or c.name not in df.columns:
            continue
        if pd.api.types.is_bool_dtype(df[c.name]):
            continue
        s = df[c.name].astype("string").str.strip().str.upper()
        out = pd.Series(pd.NA, index=s.index, dtype="boolean")
        out[s.isin(_TRUE).fillna(False).astype(bool)] = True
        out[s.isin(_FALSE).fillna(False).astype(bool)] = False
        df[c.name] = out
    return df


def _row_keys(df, cols):
    """One string per row (for content-based ordering); missing as \\x00."""
    if not len(df) or not cols:
        return pd.Series([""] * len(df), index=df.index, dtype=object)
    parts = [df[c].astype("string").fillna("\x00") for c in cols]
    out = parts[0]
    for p in parts[1:]:
        out = out + "\x1f" + p
    return out


def _sort_keys(table, df):
    """Canonical row order: patent, sequence, then every other canonical column."""
    canon = [c for c in schema.column_names(table) if c in df.columns]
    lead = ["patent_id", "sequence"] if "sequence" in canon else ["patent_id"]
    return lead + [c for c in canon if c not in lead]


def _dedup(report, table, df, key_cols, codes=None, unneeded=()):
    """Sort into canonical order and drop exact duplicates (the first in input order stays);
    then keep one row per key by a content-based rule. Returns the table sorted.

    Without ``key_cols``, the ``unneeded`` columns (provenance the caller drops next) are
    left out instead of being reordered. ``codes`` is emptied once the order is known (its
    arrays are as long as the table).

    Sorting first makes exact duplicates neighbours (``source``, which does not
    count, is the last sort key), so the check is one comparison of adjacent
    rows instead of a hash over every column.
    """
    canon = [c for c in schema.column_names(table) if c in df.columns and c != "source"]
    keys = [c for c in _sort_keys(table, df) if c != "source"]
    keys += [c for c in _sort_keys(table, df) if c == "source"]
    order = None
    if codes and keys[:2] == ["patent_id", "sequence"]:
        order = pair_order(codes["patent_id"], df["sequence"].array)
    if order is not None:  # no two rows share (patent, sequence): none repeats another
        dup = np.zeros(len(df), dtype=bool)
    else:
        order = sort_order(df, keys, codes=codes)
        dup = repeats_previous(df, [c for c in keys if c in canon], order, keys=codes)
    if codes:  # as long as the table, and not needed any more: freed before it is reordered
        codes.clear()
    drop_rows(report, table, df, dup, "duplicate row", "patent_id")
    if not key_cols:
        df = df.drop(columns=[c for c in unneeded if c in df.columns])
    kept = order[~dup[order]] if dup.any() else order
    del order, dup
    df = take_rows(df, kept)  # column by column: the table is never held twice
    del kept
    if not key_cols:
        return df
    keyed = df[key_cols].notna().all(axis=1)
    if keys[:len(key_cols)] == list(key_cols):  # sorted on the key first: repeats are neighbours
        clash = (repeats_previous(df, key_cols, np.arange(len(df))) & keyed.to_numpy()).any()
    else:
        clash = df[keyed].duplicated(subset=key_cols, keep=False).any()
    if not clash:
        return df
    ranked = df.assign(
        _nmiss=df[canon].isna().sum(axis=1).to_numpy(),
        _rowkey=_row_keys(df, canon).to_numpy(),
    ).sort_values(["_nmiss", "_rowkey"], kind="stable")
    dup = ranked[keyed[ranked.index]].duplicated(subset=key_cols, keep="first")
    idx = dup[dup].index
    kept = ranked[keyed[ranked.index]].drop_duplicates(subset=key_cols, keep="first").set_index(key_cols)
    conflict_cols, conflict_vals, reasons = [], [], []
    for i in idx:
        row = df.loc[i]
        k = tuple(row[c] for c in key_cols)
        kr = kept.loc[k if len(k) > 1 else k[0]]
        col = next((c for c in canon if c not in key_cols and not (
            (pd.isna(row[c]) and pd.isna(kr[c])) or (pd.notna(row[c]) and pd.notna(kr[c]) and row[c] == kr[c]))), None)
        conflict_cols.append(col)
        where = ""
        if "_line" in kr.index and "_file" in kr.index and pd.notna(kr["_line"]):
            where = f"; kept {kr['_file']} line {int(kr['_line'])}"
        kept_val = None if col is None else kr[col]
        conflict_vals.append(
            f"{'/'.join(map(str, k))}: {col}={row[col] if col else ''!s} (kept {kept_val!s}{where})")
        reasons.append("conflicting duplicate: kept the most complete record")
    sub = df.loc[idx]
    frame = pd.DataFrame({
        "table": table, "reason": reasons,
        "file": _prov(sub, "_file").astype("string").to_numpy(),
        "line": pd.array(_prov(sub, "_line").to_numpy(), dtype="Int64"),
        "column": conflict_cols,
        "value": conflict_vals,
        "count": 1,
    })
    report.drop_frame(frame)
    if len(idx):
        report.warn(f"{table}: {len(idx)} row(s) repeat a key with different values; "
                    "kept the most complete record of each (see report.dropped)")
    return df.drop(index=idx)


def assemble(tables: dict, report: LoadReport, *, errors: str = "raise", date_basis: str = "grant",
             name: str | None = None, keep_extra: bool = True) -> PatentCorpus:
    """Clean raw tables, account for every dropped row, and build the corpus.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Raw ``patents`` (required), ``inventors``, ``applicants``,
        ``classes`` tables (see the module docstring). The dict is emptied:
        each table is taken out of it when it is read, so that the raw
        tables can be freed while the corpus is built.
    report : LoadReport
        Receives counts, drops, normalisations and warnings.
    errors : {"raise", "report"}
        What an unreadable *value* does (a patent number a spreadsheet
        rounded, a date that is not a date): raise a
        :class:`~patnet.PatnetInputError` naming file, line, column and
        value, or drop the row / read the value as missing and record it.
        Exact duplicate rows, conflicting duplicates (the most complete
        record is kept) and orphan rows are always dropped and recorded.
    date_basis, name
        Passed to :class:`~patnet.PatentCorpus`.
    keep_extra : bool
        Keep non-canonical columns (other than ``_file`` / ``_line``).
    """
    check_errors(errors)
    if "patents" not in tables or tables["patents"] is None:
        raise PatnetInputError("no patents table", hint="Every corpus needs a patents table")
    names = [t for t in TABLE_NAMES if tables.get(t) is not None]
    for t in TABLE_NAMES:
        if t in tables and tables[t] is None:
            tables.pop(t)
    # Up to two jobs at a time (Arrow and NumPy work without the GIL): each table is
    # cleaned; the patents are de-duplicated and indexed as soon as they are clean (while
    # the other tables are cleaned), then each link table is matched against that index
    # and sorted. Each job records into a report of its own, merged in the order of the
    # jobs below, so that the report (and the error raised, if any) does not depend on
    # which thread finished first.
    out: dict = {}
    index: list = []

    def unneeded(df, t):
        """The columns of table ``t`` (``df``) the corpus does not keep."""
        drop = [c for c in ("_file", "_line") if c in df.columns]
        if not keep_extra:
            drop += [c for c in df.columns if c not in schema.column_names(t) and c not in drop]
        return drop

    def clean(t):
        def job(rep):
            out[t] = _clean_table(rep, t, tables, errors)
        return job

    def patents(rep):
        df = _dedup(rep, "patents", out.pop("patents"), ["patent_id"])
        # patents are now unique and sorted: a link row's position among them tells at once
        # whether it is an orphan and where it sorts (integers sort much faster than text)
        index.append(IdIndex(df["patent_id"]))  # once for every link table
        out["patents"] = df

    def link(t):
        def job(rep):
            out[t] = _link_table(rep, t, out, index[0], unneeded(out[t], t))
        return job

    size = {t: len(tables[t]) for t in names}
    links = [t for t in LINK_TABLES if t in names]
    jobs = [_Job(("clean", t), (), (1 if t == "patents" else 2, -size[t]), clean(t))
            for t in names]
    jobs.append(_Job(("dedup", "patents"), (("clean", "patents"),), (0, 0), patents))
    # link tables wait for every table to be clean: a large table sorted while another is
    # still raw would hold both at once (the peak memory of a whole release rose by 1.5 GB)
    cleaned = tuple(("clean", t) for t in names)
    jobs += [_Job(("link", t), cleaned + (("dedup", "patents"),), (0, -size[t]), link(t))
             for t in links]
    _run_jobs(jobs, report)

    final = {}
    for t in [t for t in TABLE_NAMES if t in out]:
        df = out.pop(t)
        df = df.drop(columns=unneeded(df, t))  # already in canonical order (see _dedup)
        report.loaded(t, len(df))
        final[t] = df
    with links_checked():  # orphans were dropped (and reported) above
        return PatentCorpus(**final, date_basis=date_basis, name=name)


def _clean_table(report, t, tables, errors):
    """Every value check of one raw table (ids, text, dates, integers, flags, codes).

    The table is taken out of ``tables`` here, so that no other name holds the raw
    frame while it is cleaned (it is freed as its columns are replaced).
    """
    df = tables.pop(t).reset_index(drop=True)
    report.read(t, len(df))
    if "patent_id" not in df.columns:
        raise PatnetInputError(
            f"table {t!r} has no patent_id column{schema.did_you_mean('patent_id', list(map(str, df.columns)))}",
            column="patent_id", hint="Map your id column with columns={'yours': 'patent_id'}",
        )
    df = _clean_ids(report, t, df, errors)
    df = _clean_strings(report, t, df)
    df = _clean_dates(report, t, df, errors)
    df = _clean_ints(report, t, df, errors)
    df = _clean_bools(report, t, df)
    if t == "classes":
        df = _clean_classes(report, df, errors)
    if t in ("inventors", "applicants") and "country" in df.columns:
        if "country_raw" not in df.columns:
            df["country_raw"] = df["country"]
        df["country"] = upper_text(df["country"])
    if t == "applicants" and "type_code" in df.columns:
        df["type_code"] = _clean_type_code(report, df["type_code"])
    if t == "applicants" and "sector" in df.columns:
        df["sector"] = df["sector"].fillna("unknown")
    return df


def _link_table(report, t, tables, index, unneeded=()):
    """Drop a link table's orphans, sort it and drop its duplicate rows (taken out of
    ``tables`` here, like :func:`_clean_table`); ``index`` is the patents' :class:`IdIndex`."""
    df = tables.pop(t)
    pos = index.positions(df["patent_id"])
    orphan = pos < 0
    df = drop_rows(report, t, df, orphan, "orphan: patent not in the patents table", "patent_id")
    # rebound, not passed as a temporary: _dedup frees the columns of the one frame
    # that holds them while it reorders the table (and empties ``codes``)
    df = df.reset_index(drop=True)
    codes = {"patent_id": pos[~orphan] if orphan.any() else pos}
    del pos, orphan
    return _dedup(report, t, df, [], codes=codes, unneeded=unneeded)


#: Jobs run at once (two: the work is memory-bound, and each table in flight
#: holds its temporaries).
THREADS = 2


class _Job(NamedTuple):
    """One step of :func:`assemble`: ``run(report)`` once the jobs named in ``after`` are done;
    of the jobs that could start, the one with the lowest ``priority`` starts first."""
    name: tuple
    after: tuple
    priority: tuple
    run: Callable


def _run_jobs(jobs: list, report) -> None:
    """Run ``jobs`` (:class:`_Job`), up to :data:`THREADS` at a time.

    Each job records into a report of its own; these are merged into
    ``report`` in the order of ``jobs``, and their warnings are issued then,
    so the result never depends on which thread finished first. The error
    raised is the one running the jobs one after another in that order would
    raise: after a failure, the jobs listed before it still run (every job
    must come after the jobs it waits for), the others do not.
    """
    place = {j.name: i for i, j in enumerate(jobs)}
    subs = {j.name: report.deferred() for j in jobs}
    done: set = set()
    failed: dict = {}
    threads = min(THREADS, len(jobs), cpus())  # the processors this process may use
    if threads <= 1:
        for j in jobs:
            try:
                j.run(subs[j.name])
                done.add(j.name)
            except Exception as exc:  # re-raised below, after the reports are merged
                failed[j.name] = exc
                break
    else:
        waiting = list(jobs)
        running: dict = {}
        with ThreadPoolExecutor(threads, thread_name_prefix="patnet-load") as pool:
            while True:
                stop = min((place[n] for n in failed), default=len(jobs))
                ready = sorted((j for j in waiting
                                if place[j.name] < stop and all(a in done for a in j.after)),
                               key=lambda j: j.priority)
                for j in ready[:threads - len(running)]:
                    waiting.remove(j)
                    running[pool.submit(j.run, subs[j.name])] = j.name
                if not running:
                    break
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for f in finished:
                    name = running.pop(f)
                    try:
                        f.result()
                        done.add(name)
                    except Exception as exc:  # re-raised below, in job order
                        failed[name] = exc
    for j in jobs:
        if j.name not in done and j.name not in failed:
            break
        report.merge(subs[j.name])
        if j.name in failed:
            raise failed[j.name]


def _clean_type_code(report, codes):
    """Assignee type codes in one form: ``"02"`` (grant XML) and ``"2.0"`` become ``"2"``."""
    s = codes.astype("string")
    arr = arrow_text(s, combine=False)
    plain = pc.and_(pc.ascii_is_decimal(arr),
                    pc.or_(pc.invert(pc.starts_with(arr, "0")), pc.equal(arr, "0")))
    if pc.all(pc.fill_null(plain, True)).as_py():  # "2", "0", missing: nothing to rewrite
        return s
    numeric = s.str.fullmatch(r"0*\d+(?:\.0*)?").fillna(False).astype(bool)
    new = s.where(~numeric, s.str.replace(r"\.0*$", "", regex=True).str.lstrip("0").replace("", "0"))
    report.note("applicants.type_code: written without leading zeros or decimals",
                int((new != s).fillna(False).sum()))
    return new


def _clean_classes(report, df, errors):
    if "scheme" in df.columns:
        df["scheme"] = df["scheme"].astype("string").str.strip().str.lower()
    if "code" not in df.columns:
        return df
    scheme = df["scheme"] if "scheme" in df.columns else pd.Series("ipc", index=df.index)
    codes = df["code"].astype("string")
    hier = scheme.isin(["ipc", "cpc"]).fillna(False).astype(bool)
    if hier.any():
        from ..classify.ipc import normalize_codes

        for sch in ("ipc", "cpc"):
            sel = (scheme == sch).fillna(False).astype(bool)
            if sel.all():  # the usual case, one scheme: no masked copies of the column
                new = normalize_codes(codes, scheme=sch)
                break
        else:
            new = pd.Series(pd.NA, index=codes.index, dtype="string")
            for sch in ("ipc", "cpc"):
                sel = (scheme == sch).fillna(False).astype(bool)
                if sel.any():
                    new[sel] = normalize_codes(codes[sel], scheme=sch)
        new = new.astype("string")
        changed = int(((new != codes) & new.notna() & hier).sum())
        report.note("classes.code: written in canonical form", changed)
        codes = new.where(hier, codes) if not hier.all() else new
        bad = hier & codes.isna() & df["code"].notna()
        if bad.any() and errors == "raise":
            _raise_first(df, bad, "unreadable IPC/CPC code", "code",
                         "Write codes like 'H01L 21/02', or pass errors='report' to drop them")
        raw_codes = df["code"]
        df = df.assign(code=codes)
        df = drop_rows(report, "classes", df, bad, "unreadable class code", "code",
                       values=raw_codes[bad[bad].index] if bad.any() else None)
    df = drop_rows(report, "classes", df, df["code"].isna(), "missing class code", "code")
    return df
