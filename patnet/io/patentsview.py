"""PatentsView granted-patent bulk tables (``g_*.tsv`` / ``g_*.tsv.zip``) -> corpus: :func:`read_patentsview`.

How it reads a release
----------------------
Every table goes through :class:`patnet.io._text.DelimitedReader` (every
field as text, physical line numbers, zip members streamed, only the
columns used are kept). The order is chosen so that filters act before
rows pile up:

1. ``g_patent``: the set of all patent ids (as 64-bit integer keys) and, with
   ``years`` on the grant date, the patents kept;
2. ``g_application``: filing dates and application ids (and the
   ``years`` filter on the filing date);
3. the inventor and assignee tables, chunk by chunk, keeping only rows of
   kept patents (and orphans, which the assemble step reports row by row);
   names are composed per chunk so the raw name columns are never held;
4. the location table(s), once, keeping only the ids those rows use, joined
   with Arrow (``index_in`` / ``take``);
5. the ``countries`` filter on the joined inventor countries;
6. the class tables, chunk by chunk, keeping rows of the final patents;
7. :func:`patnet.io._assemble.assemble`.

Rows removed by a filter are summarised in one drop line per table, reason
and file (``line`` missing). The lookup tables are reported under their
PatentsView names: ``g_application`` (rows read; rows attached to a patent
or of a kept patent; orphans, duplicates and filtered rows dropped) and
``g_location_*`` (rows read; rows used by a loaded inventor or assignee;
the rest summarised as "not used by a loaded inventor or assignee row",
duplicates dropped row by row).

Measured on 2 cores (synthetic releases written by ``benchmarks/data.py``,
disambiguated, zipped; see ``docs/scale.md``): 900 k patents (2.6 M
inventor, 0.95 M assignee, 1.6 M IPC rows) load in 6.4 s with a peak of
1.7 GB, and a cache hit takes 0.7 s; a whole release of 9 M patents (25.7 M
inventor rows) loads in 64 s with a peak of 11.6 GB, and a cache hit
takes 9 s. Files are read a batch ahead on a thread (pyarrow parses on
its own threads), tables are cleaned and sorted two at a time, and zip
members are inflated with ISA-L when the optional ``isal`` package is
installed.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from .._fast import (arrow_text, lean_arrow_memory, positions, prefetch, strings,
                     unique_sorted)
from ..exceptions import PatnetInputError
from ..ids import UNREADABLE_HINT, IdIndex, normalized_ids, patent_keys
from . import _cache, _memory
from ._archive import Source, open_source, zip_members
from ._assemble import assemble, check_errors, drop_rows
from ._clean import _ints_arrow, clean_text, format_ipc, parse_dates, strip_text
from ._text import STRING_DTYPE, DelimitedReader
from .loadreport import LoadReport

__all__ = ["read_patentsview", "PATENTSVIEW_COLUMNS"]

#: Column names and order of the PatentsView bulk tables read here (from
#: PatentsView's ``table_config_bulk_exp_granted.json``).
PATENTSVIEW_COLUMNS = {
    "g_patent": ("patent_id", "patent_type", "patent_date", "patent_title", "patent_abstract",
                 "wipo_kind", "num_claims", "withdrawn", "filename"),
    "g_application": ("application_id", "patent_id", "patent_application_type", "filing_date",
                      "series_code", "rule_47_flag"),
    "g_inventor_disambiguated": ("patent_id", "inventor_sequence", "inventor_id",
                                 "disambig_inventor_name_first", "disambig_inventor_name_last",
                                 "gender_code", "location_id"),
    "g_inventor_not_disambiguated": ("patent_id", "inventor_sequence", "inventor_id",
                                     "raw_inventor_name_first", "raw_inventor_name_last",
                                     "deceased_flag", "rawlocation_id"),
    "g_location_disambiguated": ("location_id", "disambig_city", "disambig_state",
                                 "disambig_country", "latitude", "longitude", "county",
                                 "state_fips", "county_fips"),
    "g_location_not_disambiguated": ("rawlocation_id", "location_id", "raw_city", "raw_state",
                                     "raw_country"),
    "g_assignee_disambiguated": ("patent_id", "assignee_sequence", "assignee_id",
                                 "disambig_assignee_individual_name_first",
                                 "disambig_assignee_individual_name_last",
                                 "disambig_assignee_organization", "assignee_type", "location_id"),
    "g_assignee_not_disambiguated": ("patent_id", "assignee_sequence", "assignee_id",
                                     "raw_assignee_individual_name_first",
                                     "raw_assignee_individual_name_last",
                                     "raw_assignee_organization", "assignee_type",
                                     "rawlocation_id"),
    "g_ipc_at_issue": ("patent_id", "ipc_sequence", "classification_level", "section",
                       "ipc_class", "subclass", "main_group", "subgroup", "symbol_position",
                       "classification_value", "classification_status",
                       "classification_data_source", "action_date", "ipc_version_indicator"),
    "g_cpc_current": ("patent_id", "cpc_sequence", "cpc_section", "cpc_class", "cpc_subclass",
                      "cpc_group", "cpc_type", "cpc_symbol_position"),
    "g_cpc_at_issue_from_xml": ("patent_id", "cpc_sequence", "cpc_section", "cpc_class",
                                "cpc_subclass", "cpc_group", "cpc_type", "cpc_symbol_position"),
    "g_wipo_technology": ("patent_id", "wipo_field_sequence", "wipo_field_id",
                          "wipo_sector_title", "wipo_field_title"),
}

#: Version of this loader's output; part of the cache key.
_LOADER_VERSION = 1

# role -> (columns read, required columns)
_READ = {
    "g_patent": (["patent_id", "patent_type", "patent_date", "patent_title", "wipo_kind"],
                 ["patent_id"]),
    "g_application": (["application_id", "patent_id", "filing_date"], ["patent_id"]),
    "g_inventor_disambiguated": (["patent_id", "inventor_sequence", "inventor_id",
                                  "disambig_inventor_name_first", "disambig_inventor_name_last",
                                  "location_id"], ["patent_id"]),
    "g_inventor_not_disambiguated": (["patent_id", "inventor_sequence", "inventor_id",
                                      "raw_inventor_name_first", "raw_inventor_name_last",
                                      "rawlocation_id"], ["patent_id"]),
    "g_location_disambiguated": (["location_id", "disambig_city", "disambig_state",
                                  "disambig_country"], ["location_id"]),
    "g_location_not_disambiguated": (["rawlocation_id", "raw_city", "raw_state", "raw_country"],
                                     ["rawlocation_id"]),
    "g_assignee_disambiguated": (["patent_id", "assignee_sequence", "assignee_id",
                                  "disambig_assignee_individual_name_first",
                                  "disambig_assignee_individual_name_last",
                                  "disambig_assignee_organization", "assignee_type",
                                  "location_id"], ["patent_id"]),
    "g_assignee_not_disambiguated": (["patent_id", "assignee_sequence", "assignee_id",
                                      "raw_assignee_individual_name_first",
                                      "raw_assignee_individual_name_last",
                                      "raw_assignee_organization", "assignee_type",
                                      "rawlocation_id"], ["patent_id"]),
    "g_ipc_at_issue": (["patent_id", "ipc_sequence", "section", "ipc_class", "subclass",
                        "main_group", "subgroup"], ["patent_id"]),
    "g_cpc_current": (["patent_id", "cpc_sequence", "cpc_subclass", "cpc_group"], ["patent_id"]),
    "g_cpc_at_issue_from_xml": (["patent_id", "cpc_sequence", "cpc_subclass", "cpc_group"],
                                ["patent_id"]),
    "g_wipo_technology": (["patent_id", "wipo_field_sequence", "wipo_field_id"], ["patent_id"]),
}

_LOCATION_KEY = {"g_location_disambiguated": "location_id",
                 "g_location_not_disambiguated": "rawlocation_id"}
#: A location table with more keys than this is joined to the inventor or assignee rows
#: once, not chunk by chunk (:class:`_Locations`).
_JOIN_AT_ONCE = 1 << 20

_LOCATION_COLS = {
    "g_location_disambiguated": ("disambig_city", "disambig_state", "disambig_country"),
    "g_location_not_disambiguated": ("raw_city", "raw_state", "raw_country"),
}

#: Optional table groups a user can ask for with ``tables=``.
TABLE_GROUPS = {
    "application": ("g_application",),
    "inventors": ("g_inventor_disambiguated", "g_inventor_not_disambiguated"),
    "applicants": ("g_assignee_disambiguated", "g_assignee_not_disambiguated"),
    "classes": ("g_ipc_at_issue", "g_cpc_current", "g_cpc_at_issue_from_xml", "g_wipo_technology"),
}
_OPTIONAL = tuple(t for g in TABLE_GROUPS.values() for t in g)

_FILE_RE = re.compile(r"^(g_[a-z0-9_]+?)(\.tsv)?(\.zip)?$", re.IGNORECASE)
_AUTO_PROGRESS_BYTES = 100 * 1024**2


# -- files ------------------------------------------------------------------
def _discover(path: Path, report: LoadReport) -> dict:
    """PatentsView table name -> Source, for a folder of g_* files or one zip of them."""
    found: dict = {}
    if path.is_file():
        if path.suffix.lower() != ".zip":
            raise PatnetInputError(
                "expected a folder of PatentsView g_*.tsv files (or a zip of them)", file=path,
                hint="Pass the folder that holds g_patent.tsv(.zip)")
        for m in zip_members(path, report=report):
            mt = _FILE_RE.match(m.name)
            if mt and m.name.lower().endswith(".tsv"):
                found.setdefault(mt.group(1).lower(), m.with_label(f"{path.name}:{m.member}"))
        return found
    if not path.is_dir():
        raise PatnetInputError("folder not found", file=path,
                               hint="Check the path to the PatentsView download folder")
    plain, zipped = {}, {}
    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        if not entry.is_file() or entry.name.startswith("."):
            continue
        mt = _FILE_RE.match(entry.name)
        if not mt or not (mt.group(2) or mt.group(3)):
            continue
        table = mt.group(1).lower()
        if mt.group(3):
            zipped[table] = Path(entry.path)
        elif mt.group(2):
            plain[table] = Path(entry.path)
    for table in sorted(set(plain) | set(zipped)):
        if table not in PATENTSVIEW_COLUMNS:
            continue
        zsrc = None
        if table in zipped:
            zsrc = open_source(zipped[table], report=report,
                               member=_pick_member(zipped[table], table, report))
        if table in plain:
            psrc = open_source(plain[table])
            if zsrc is not None and zsrc.size != psrc.size:
                report.warn(
                    f"{plain[table].name} ({psrc.size:,} bytes) differs in size from the "
                    f"{zsrc.member} in {zipped[table].name} ({zsrc.size:,} bytes): an "
                    f"interrupted unzip? Reading the zip")
                found[table] = zsrc
            else:
                found[table] = psrc
        else:
            found[table] = zsrc
    return found


def _pick_member(zpath: Path, table: str, report) -> str:
    members = zip_members(zpath)
    names = [m.member for m in members if m.member is not None]
    exact = [n for n in names if Path(n.replace("\\", "/")).name.lower() == f"{table}.tsv"]
    if len(exact) == 1:
        return exact[0]
    tsv = [n for n in names if n.lower().endswith(".tsv")]
    if len(tsv) == 1:
        return tsv[0]
    raise PatnetInputError(
        f"{zpath.name} should hold one {table}.tsv; it holds {', '.join(names) or 'no file'}",
        file=zpath, hint="Download the table again from PatentsView")


def _plan(found: dict, disambiguated, tables, date_basis, countries, folder) -> dict:
    """Which file serves which role."""
    if "g_patent" not in found:
        listed = ", ".join(sorted(found)) or "no g_*.tsv / g_*.tsv.zip file"
        raise PatnetInputError(
            "the PatentsView folder has no g_patent table", file=folder,
            hint=f"Found: {listed}. Download g_patent.tsv.zip from PatentsView's bulk "
                 "download page into this folder")
    wanted = set(_OPTIONAL)
    if tables is not None:
        if isinstance(tables, str):
            tables = [tables]
        wanted = set()
        for t in tables:
            if t in TABLE_GROUPS:
                wanted.update(TABLE_GROUPS[t])
            elif t in _OPTIONAL or t in _LOCATION_KEY:
                wanted.add(t)
            elif t == "g_patent" or t == "patents":
                continue
            else:
                choices = list(TABLE_GROUPS) + list(_OPTIONAL)
                raise PatnetInputError(
                    f"unknown table {t!r}{schema.did_you_mean(t, choices)}",
                    hint=f"Valid tables are {', '.join(choices)}")
    plan = {"patents": found["g_patent"]}

    def avail(t):
        return t in found and (t in wanted or t in _LOCATION_KEY)

    if date_basis == "filing" and "g_application" not in found:
        raise PatnetInputError(
            "date_basis='filing' needs the g_application table (filing dates)", file=folder,
            hint="Download g_application.tsv.zip, or use date_basis='grant'")
    if "g_application" in found and ("g_application" in wanted or date_basis == "filing"):
        plan["application"] = found["g_application"]
    for role, dis, nod in (("inventors", "g_inventor_disambiguated", "g_inventor_not_disambiguated"),
                           ("applicants", "g_assignee_disambiguated",
                            "g_assignee_not_disambiguated")):
        need_role = (dis in wanted or nod in wanted) or (role == "inventors" and countries)
        if not need_role:
            continue
        ldis, lnod = "g_location_disambiguated", "g_location_not_disambiguated"
        choice: str | None
        if disambiguated == "auto":
            if dis in found and (ldis in found or nod not in found):
                choice = dis
            elif nod in found:
                choice = nod
            else:
                choice = dis if dis in found else None
        elif disambiguated is True:
            choice = dis if dis in found else None
            if choice is None and (nod in found):
                raise PatnetInputError(
                    f"disambiguated=True but the folder has no {dis} table", file=folder,
                    hint=f"It has {nod}: pass disambiguated=False or 'auto'")
        else:
            choice = nod if nod in found else None
            if choice is None and dis in found:
                raise PatnetInputError(
                    f"disambiguated=False but the folder has no {nod} table", file=folder,
                    hint=f"It has {dis}: pass disambiguated=True or 'auto'")
        if choice is None or not (choice in wanted or (role == "inventors" and countries)):
            if role == "inventors" and countries:
                raise PatnetInputError(
                    "countries=... needs an inventor table (g_inventor_disambiguated or "
                    "g_inventor_not_disambiguated)", file=folder)
            continue
        plan[role] = found[choice]
        plan[role + "_table"] = choice
        loc = lnod if "not_" in choice else ldis
        plan[role + "_loc_name"] = loc
        if avail(loc):
            plan[role + "_locations"] = found[loc]
            plan[role + "_locations_table"] = loc
        elif role == "inventors" and countries:
            raise PatnetInputError(
                f"countries=... needs the {loc} table (inventor countries)", file=folder,
                hint=f"Download {loc}.tsv.zip into the folder")
    classes = []
    for t in ("g_ipc_at_issue", "g_cpc_current", "g_cpc_at_issue_from_xml", "g_wipo_technology"):
        if t in found and t in wanted:
            if t == "g_cpc_at_issue_from_xml" and "g_cpc_current" in found and "g_cpc_current" in wanted:
                continue
            classes.append(t)
    plan["classes"] = [(t, found[t]) for t in classes]
    return plan


# -- helpers ------------------------------------------------------------------
class _IdSet:
    """A set of canonical patent ids with a vectorised membership test.

    Ids are held as their sorted integer keys (:func:`~patnet.ids.patent_keys`): 8 bytes
    each, for the millions of patents of a release. The rare ids without a key (numbers of
    more than 15 digits) are matched as text, through an :class:`~patnet.ids.IdIndex`
    of those ids alone; an id with a key never equals one without.
    """

    def __init__(self, ids):
        ids = pd.Series(ids, dtype=STRING_DTYPE).dropna()
        keys = patent_keys(ids)
        self.keys = unique_sorted(keys[keys >= 0])
        keyless = keys < 0
        self.text = IdIndex(ids[keyless]) if keyless.any() else None

    def contains(self, norm: pd.Series) -> np.ndarray:
        keys = patent_keys(norm)
        out = np.zeros(len(keys), dtype=bool)
        if len(self.keys):
            pos = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
            out = (keys >= 0) & (self.keys[pos] == keys)
        if self.text is not None:
            rest = np.flatnonzero(keys < 0)
            if len(rest):
                out[rest] = self.text.positions(pd.Series(norm).iloc[rest]) >= 0
        return out


def _take_index(pos: np.ndarray) -> pa.Array:
    """Positions (-1 for none) as Arrow take indices, null where -1 (32-bit when they fit:
    half the memory of 64-bit ones, on as many rows as a link table has)."""
    small = len(pos) == 0 or int(pos.max()) <= np.iinfo(np.int32).max
    idx: np.ndarray = pos.astype(np.int32 if small else np.int64)
    missing = idx < 0
    idx[missing] = 0
    return pa.array(idx, mask=missing, type=pa.int32() if small else pa.int64())


def _take(values: pd.Series, pos) -> pd.Series:
    """``values[pos]`` as text, missing where ``pos`` is -1 (``pos`` as positions, or as
    :func:`_take_index` made of them)."""
    idx = pos if isinstance(pos, pa.Array) else _take_index(pos)
    return pd.Series(pd.arrays.ArrowStringArray(arrow_text(values).take(idx)), dtype=STRING_DTYPE)


def _take_dates(values: np.ndarray, pos: np.ndarray) -> np.ndarray:
    out = np.full(len(pos), np.datetime64("NaT"), dtype="datetime64[ns]")
    ok = pos >= 0
    if ok.any():
        out[ok] = values[pos[ok]]
    return out


def _norm(ids: pd.Series) -> pd.Series:
    return normalized_ids(ids)[0]


def _name(last: pd.Series, first: pd.Series) -> tuple[pd.Series, int]:
    """'Last, First' where both are known, else whichever is; and the placeholders removed."""
    last, n1 = clean_text(last)
    first, n2 = clean_text(first)
    la, fa = arrow_text(last, combine=False), arrow_text(first, combine=False)
    # one pass to join (missing where either is) and one to fill in from either
    both = pc.coalesce(pc.binary_join_element_wise(la, fa, pa.scalar(", ", la.type)), la, fa)
    return pd.Series(pd.arrays.ArrowStringArray(both), index=last.index, dtype=STRING_DTYPE), n1 + n2


def _applicant_name(org: pd.Series, last: pd.Series, first: pd.Series) -> tuple[pd.Series, int]:
    """The organisation's name, else the individual's 'Last, First'; and the placeholders
    removed (also used by :mod:`patnet.outofcore`, on distinct values)."""
    org, n1 = clean_text(org)
    person, n2 = _name(last, first)
    return org.fillna(person), n1 + n2


def _strip_float(s: pd.Series) -> tuple[pd.Series, int]:
    s = s.astype(STRING_DTYPE)
    st = strip_text(s)
    fl = st.str.match(r"^[+-]?\d+\.0*$").fillna(False).astype(bool)
    if not fl.any():
        return s, 0
    return s.where(~fl, st.str.replace(r"\.0*$", "", regex=True)), int(fl.sum())


def _batches(reader, rows=1_000_000):
    """The reader's chunks joined into frames of at least ``rows`` rows (fewer pandas calls)."""
    buf, n = [], 0
    for df in reader:
        buf.append(df)
        n += len(df)
        if n >= rows:
            yield pd.concat(buf, ignore_index=True) if len(buf) > 1 else buf[0]
            buf, n = [], 0
    if buf:
        yield pd.concat(buf, ignore_index=True) if len(buf) > 1 else buf[0]


class _Summary:
    """Rows removed by a filter: one drop line per table, reason and file."""

    def __init__(self, report):
        self.report = report
        self.counts = {}

    def add(self, table, reason, file, n, *, counted=False):
        """Record ``n`` rows; ``counted``: they were already counted as read."""
        if n:
            k = (table, reason, file, counted)
            self.counts[k] = self.counts.get(k, 0) + int(n)

    def flush(self):
        for (table, reason, file, counted), n in sorted(self.counts.items()):
            if not counted:
                self.report.read(table, n)
            self.report.drop(table, reason, file=file, count=n)
        self.counts.clear()


def _date_problem(df, bad, column):
    i = bad[bad].index[0]
    raise PatnetInputError(
        "unreadable date", file=df.at[i, "_file"], line=int(df.at[i, "_line"]), column=column,
        value=df.at[i, column],
        hint="Write dates as YYYY-MM-DD (or YYYYMMDD), or pass errors='report' to read them "
             "as missing")


# -- the loader -----------------------------------------------------------------
def read_patentsview(path, *, years=None, date_basis="grant", countries=None,
                     disambiguated="auto", tables=None, errors="raise", cache=True,
                     cache_dir=None, progress=None, name=None, memory_check=True):
    """Read a PatentsView granted-patent bulk download into a corpus.

    Parameters
    ----------
    path : str or path-like
        The folder holding the ``g_*.tsv`` / ``g_*.tsv.zip`` files as
        downloaded (or one ``.zip`` holding ``g_*.tsv`` members).
        ``g_patent`` is required; every other table is optional:
        ``g_application`` (filing dates, application ids),
        ``g_inventor_disambiguated`` + ``g_location_disambiguated`` or
        ``g_inventor_not_disambiguated`` + ``g_location_not_disambiguated``,
        the matching ``g_assignee_*`` table, ``g_ipc_at_issue``,
        ``g_cpc_current`` (or ``g_cpc_at_issue_from_xml``) and
        ``g_wipo_technology``.
    years : (int, int), optional
        Keep patents whose year on ``date_basis`` lies in ``[start, end]``
        (either may be None). Applied while reading, so that only the kept
        patents' rows are held in memory.
    date_basis : {"grant", "filing"}
        The date ``year`` counts (``"filing"`` needs ``g_application``).
    countries : str or list of str, optional
        Keep patents with at least one inventor whose country (as written,
        stripped and upper-cased) is one of these.
    disambiguated : {"auto", True, False}
        Which inventor / assignee tables to use; ``"auto"`` prefers the
        disambiguated ones when they and their location table are present.
    tables : list of str, optional
        Optional tables to read: groups ``"application"``, ``"inventors"``,
        ``"applicants"``, ``"classes"`` or PatentsView table names. Default:
        every one present. Groups with no table in the folder are listed in
        ``report.options["missing_tables"]``; that is not an error (an
        inventor table without its location table is read, with a warning,
        without city, state and country).
    errors : {"raise", "report"}
        What an unreadable row or value does (see :func:`patnet.io.from_dataframes`).
    cache : bool
        Store the assembled corpus (Parquet) and reuse it while the files and
        options are unchanged; ``report.options["cache"]`` says ``"hit"``,
        ``"miss"`` or ``"off"``.
    cache_dir : str or path-like, optional
        Where the cache lives (default: ``.patnet-cache`` in the data folder
        if writable, else ``~/.cache/patnet``).
    progress : bool, optional
        Show a progress bar; by default shown when the files total over
        100 MB.
    name : str, optional
        The corpus label.
    memory_check : bool
        Before a load without ``years`` and ``countries``, estimate its peak
        memory from the rows in the files and refuse it when that exceeds
        the memory available (``MemAvailable``, or a container's limit): a
        load that does not fit is otherwise stopped by the system part way,
        with no message. The estimate is about 250 bytes per row read (13-14
        GB for a whole release). A load from the cache is checked too, with
        or without filters, against the rows it holds (about 150 bytes a
        row: 9.6 GB for a whole release, which peaks at 8.4 GB). False loads
        anyway (with swap, say).

    Returns
    -------
    corpus : PatentCorpus
    report : LoadReport
        Tables ``patents``, ``inventors``, ``applicants``, ``classes`` (rows
        of the PatentsView tables feeding them) and the lookup tables
        ``g_application`` and ``g_location_*`` (rows read, rows used, rows
        dropped). Rows removed by ``years`` / ``countries`` are summarised in
        one drop line per table, reason and file.

    Notes
    -----
    Inventor and assignee names are written ``"Last, First"``; an assignee
    that is an organisation takes the organisation name. City, state and
    country come from the location table through ``location_id`` (or
    ``rawlocation_id``); ``country`` is upper-cased and the original kept in
    ``country_raw``. ``type_code`` is ``assignee_type`` as written, except
    that a spreadsheet float form (``"2.0"``) becomes ``"2"``. IPC codes are
    built from section, class, subclass, main group and subgroup
    (``"H01L 21/02"``), ``is_main`` for ``ipc_sequence`` 0; CPC codes come
    from ``cpc_group``; WIPO fields are scheme ``"wipo"`` with the field
    number as code. Withdrawn patents are kept (as PatentsView lists them).

    Examples
    --------
    >>> import pathlib, tempfile, patnet as pn
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "g_patent.tsv").write_text(
    ...     "patent_id\\tpatent_type\\tpatent_date\\n10000000\\tutility\\t2018-06-19\\n")
    >>> _ = (folder / "g_inventor_disambiguated.tsv").write_text(
    ...     "patent_id\\tinventor_sequence\\tinventor_id\\tdisambig_inventor_name_first\\t"
    ...     "disambig_inventor_name_last\\tgender_code\\tlocation_id\\n"
    ...     "10000000\\t0\\tfv1\\tJoseph\\tMarron\\tM\\tloc1\\n")
    >>> _ = (folder / "g_location_disambiguated.tsv").write_text(
    ...     "location_id\\tdisambig_city\\tdisambig_state\\tdisambig_country\\n"
    ...     "loc1\\tManhattan Beach\\tCA\\tUS\\n")
    >>> corpus, report = pn.io.read_patentsview(folder, cache=False)
    >>> corpus.inventors[["name", "city", "country"]].values.tolist()
    [['Marron, Joseph', 'Manhattan Beach', 'US']]
    >>> report.conserved
    True
    """
    check_errors(errors)
    if date_basis not in ("grant", "filing"):
        raise PatnetInputError(
            f"unknown date_basis={date_basis!r}{schema.did_you_mean(date_basis, ['grant', 'filing'])}",
            hint="Use date_basis='grant' or 'filing'")
    if disambiguated not in ("auto", True, False):
        raise PatnetInputError(f"unknown disambiguated={disambiguated!r}",
                               hint="Use 'auto', True or False")
    if years is not None:
        try:
            start, end = years
            start = None if start is None else int(start)
            end = None if end is None else int(end)
        except (TypeError, ValueError):
            raise PatnetInputError(f"years must be (start, end), got {years!r}",
                                   hint="e.g. years=(2001, 2018); both inclusive") from None
        years = (start, end)
        if start is None and end is None:
            years = None
    if countries is not None:
        if isinstance(countries, str):
            countries = [countries]
        countries = sorted({str(c).strip().upper() for c in countries})
        if not countries:
            raise PatnetInputError("countries= is empty", hint="Pass ISO codes such as ['CN']")
    path = Path(os.fspath(path))
    report = LoadReport(source=str(path))
    found = _discover(path, report)
    plan = _plan(found, disambiguated, tables, date_basis, countries, path)
    sources = [plan["patents"]] + [plan[k] for k in sorted(plan) if isinstance(plan[k], Source)
                                   and k != "patents"] + [s for _, s in plan["classes"]]
    sources = list({(s.path, s.member): s for s in sources}.values())
    files = {k: v.label for k, v in plan.items() if isinstance(v, Source)}
    for t, s in plan["classes"]:
        files[t] = s.label
    options = {
        "loader": "patentsview", "years": list(years) if years else None,
        "date_basis": date_basis, "countries": countries, "disambiguated": disambiguated,
        "tables": None if tables is None else sorted([tables] if isinstance(tables, str) else tables),
        "errors": errors, "name": name, "files": files,
    }
    report.options.update(options)
    missing = [g for g, ts in TABLE_GROUPS.items()
               if not any(t in found for t in ts)
               and (tables is None or g in (tables if not isinstance(tables, str) else [tables]))]
    if missing:
        report.options["missing_tables"] = missing
    key = root = None
    if cache:
        root = Path(cache_dir) if cache_dir is not None else _cache.default_cache_dir(path)
        key = _cache.cache_key(sources, options, loader=f"patentsview-{_LOADER_VERSION}")
        hit = _cache.load(root, key, str(path.resolve()), memory_check=memory_check)
        if hit is not None:
            return hit
    report.options["cache"] = "miss" if cache else "off"
    if memory_check and years is None and countries is None:
        _memory.check_load(plan, path)

    total = sum(s.size or 0 for s in sources)
    bar = None
    if progress is True or (progress is None and total > _AUTO_PROGRESS_BYTES):
        from tqdm.auto import tqdm

        bar = tqdm(total=total, unit="B", unit_scale=True, desc="PatentsView")
    try:
        with lean_arrow_memory():
            corpus = _load(plan, report, errors=errors, years=years, date_basis=date_basis,
                           countries=countries, name=name, bar=bar)
    finally:
        if bar is not None:
            bar.close()
    if cache:
        _cache.store(root, key, str(path.resolve()), corpus, report)
    return corpus, report


def _reader(source, role, report, table, errors, bar):
    cols, req = _READ[role]
    return DelimitedReader(source, sep="\t", columns=cols, required=req, errors=errors,
                           report=report, table=table, progress=bar)


@contextlib.contextmanager
def _read_ahead(source, role, report, table, errors, bar):
    """``(reader, batches)`` of one file: the next batch is read and parsed on a thread
    while the caller works on this one. The reader records into a report of its own,
    merged when the file is done (so the report does not depend on thread timing)."""
    sub = report.deferred()
    with _reader(source, role, sub, table, errors, bar) as r:
        batches = prefetch(_batches(r))
        try:
            yield r, batches
        finally:
            batches.close()  # the reading thread stops before the file is closed
    report.merge(sub)


def _people_chunk(df, role, table, report, locs=None):
    """One chunk of an inventor / assignee table -> compact raw rows: name composed, and
    city, state and country joined from ``locs`` (a :class:`_Locations`) when given."""
    key = "rawlocation_id" if "not_" in table else "location_id"
    if role == "inventors":
        pre = "raw_inventor" if "not_" in table else "disambig_inventor"
        names, n_ph = _name(df[f"{pre}_name_last"], df[f"{pre}_name_first"])
        report.note("inventors.name: placeholder read as missing", n_ph)
        out = {"patent_id": df["patent_id"], "inventor_id": df["inventor_id"],
               "sequence": df["inventor_sequence"], "name": names}
    else:
        pre = "raw_assignee" if "not_" in table else "disambig_assignee"
        name, n_ph = _applicant_name(df[f"{pre}_organization"],
                                     df[f"{pre}_individual_name_last"],
                                     df[f"{pre}_individual_name_first"])
        report.note("applicants.name: placeholder read as missing", n_ph)
        type_code, n_float = _strip_float(df["assignee_type"])
        report.note("applicants.type_code: float form such as '2.0' written as an integer",
                    n_float)
        out = {"patent_id": df["patent_id"], "applicant_id": df["assignee_id"],
               "sequence": df["assignee_sequence"], "name": name,
               "type_code": type_code}
    if locs is not None and locs.at_once:
        out["_key"] = strip_text(df[key])  # joined by the caller (Locations.join_all)
    elif locs is not None:
        out.update(locs.join(strip_text(df[key])))
    out["_file"] = df["_file"]
    out["_line"] = df["_line"]
    return pd.DataFrame(out)


def _load(plan, report, *, errors, years, date_basis, countries, name, bar):
    summary = _Summary(report)
    filtering = years is not None or countries is not None
    years_reason = nodate_reason = countries_reason = "filtered"
    if years is not None:
        a, b = years
        years_reason = f"outside years {a if a is not None else '...'}-{b if b is not None else '...'}"
        nodate_reason = f"no {date_basis} date (years filter)"
    if countries is not None:
        countries_reason = f"no inventor in {', '.join(countries)}"

    def in_years(y: pd.Series) -> np.ndarray:
        ok = y.notna()
        if years[0] is not None:
            ok &= y >= years[0]
        if years[1] is not None:
            ok &= y <= years[1]
        return ok.fillna(False).to_numpy(dtype=bool)

    def year_filter(pnorm, year, label):
        """Summarise patents rows outside the years; return the mask of rows kept."""
        known = pnorm.notna().to_numpy()
        out = ~in_years(year) & known
        nodate = year.isna().to_numpy()
        summary.add("patents", nodate_reason, label, int((out & nodate).sum()))
        summary.add("patents", years_reason, label, int((out & ~nodate).sum()))
        return ~out

    # 1. patents ------------------------------------------------------------------------
    src = plan["patents"]
    parts, all_keys = [], []
    with _read_ahead(src, "g_patent", report, "patents", errors, bar) as (r, batches):
        for df in batches:
            norm = _norm(df["patent_id"])
            if filtering or "application" in plan:
                all_keys.append(norm.dropna())
            if years is not None and date_basis == "grant":
                dates, _, bad = parse_dates(clean_text(df["patent_date"])[0])
                if bad.any() and errors == "raise":
                    _date_problem(df, bad, "patent_date")
                df = df[year_filter(norm, dates.dt.year.astype("Int64"), src.label)]
            parts.append(df)
        empty = r.empty_frame()
    patents = pd.concat(parts, ignore_index=True) if parts else empty
    del parts
    all_set = _IdSet(pd.concat(all_keys, ignore_index=True) if all_keys else [])
    del all_keys
    patents = patents.rename(columns={"patent_date": "grant_date", "patent_title": "title",
                                      "wipo_kind": "kind"})
    patents["office"] = strings("US", len(patents))
    patents["source"] = strings(src.name, len(patents))
    pnorm = _norm(patents["patent_id"])

    # 2. applications (filing dates, and the filing-basis years filter) -----------------------
    apps = None
    if "application" in plan:
        apps = _read_applications(plan["application"], report, errors, all_set, bar)
        if years is not None and date_basis == "filing":
            pos = positions(pnorm, apps["patent_id"])
            fd = pd.Series(_take_dates(apps["filing_date"].to_numpy(), pos))
            keep = year_filter(pnorm, fd.dt.year.astype("Int64"), src.label)
            patents = patents[keep].reset_index(drop=True)
            pnorm = pnorm[keep].reset_index(drop=True)
    kept_years = _IdSet(pnorm.dropna()) if filtering else None

    def split(df, table, label, kept):
        """Rows of kept patents, plus orphans (assemble reports those); summarise the rest."""
        norm = _norm(df["patent_id"])
        known = all_set.contains(norm)
        in_years_ = kept_years.contains(norm)
        keep = ~known | kept.contains(norm)
        summary.add(table, years_reason, label, int((known & ~in_years_).sum()))
        summary.add(table, countries_reason, label, int((in_years_ & ~keep).sum()))
        return df[keep]

    # 3. location tables (small; each read once), then inventors and assignees as compact
    # raw rows with their city, state and country joined chunk by chunk (while the next
    # chunk is parsed), so that no column of location keys is ever held
    by_table: dict = {}
    for role in ("inventors", "applicants"):
        if role in plan and role + "_locations" in plan:
            by_table.setdefault(plan[role + "_locations_table"], []).append(role)
    locations = {ltable: _Locations(plan[roles[0] + "_locations"], ltable, report, errors, bar)
                 for ltable, roles in by_table.items()}
    people, unknown = {}, {}
    for role in ("inventors", "applicants"):
        if role not in plan:
            continue
        parts = []
        table = plan[role + "_table"]
        locs = (locations[plan[role + "_locations_table"]] if role + "_locations" in plan
                else None)
        with _read_ahead(plan[role], table, report, role, errors, bar) as (r, batches):
            for df in batches:
                if filtering:
                    df = split(df, role, plan[role].label, kept_years)
                parts.append(_people_chunk(df, role, table, report, locs))
            if not parts:
                parts.append(_people_chunk(r.empty_frame(), role, table, report, locs))
        people[role] = pd.concat(parts, ignore_index=True)
        del parts
        if locs is not None and locs.at_once:
            people[role] = locs.join_all(people[role])
        if locs is not None:
            unknown[role], locs.unknown = locs.unknown, 0

    # 4. account for the location tables' rows (read, used or not, duplicates) -----------------
    for role in people:
        if role + "_locations" not in plan:
            report.warn(f"{role}: the folder has no {plan[role + '_loc_name']} table; city, "
                        "state and country are missing")
            for c in ("city", "state", "country"):
                people[role][c] = pd.Series(pd.NA, index=people[role].index, dtype=STRING_DTYPE)
    for ltable, roles in by_table.items():
        locations[ltable].account(report)
        for ro in roles:
            if unknown.get(ro):
                report.warn(f"{ro}: {unknown[ro]} row(s) name a {_LOCATION_KEY[ltable]} that "
                            f"is not in {ltable}; their city, state and country are missing")
    del locations

    # 5. countries filter -------------------------------------------------------------------
    kept_final = kept_years
    if countries is not None:
        inv = people["inventors"]
        c = inv["country"].str.strip().str.upper()
        hit = c.isin(countries).fillna(False).to_numpy(dtype=bool)
        inv_norm = _norm(inv["patent_id"])
        kept_final = _IdSet(inv_norm[hit & kept_years.contains(inv_norm)])
        out = ~kept_final.contains(pnorm) & pnorm.notna().to_numpy()
        summary.add("patents", countries_reason, src.label, int(out.sum()))
        patents = patents[~out].reset_index(drop=True)
        pnorm = pnorm[~out].reset_index(drop=True)
        for role in list(people):
            df = people[role]
            norm = _norm(df["patent_id"])
            drop = kept_years.contains(norm) & ~kept_final.contains(norm)
            summary.add(role, countries_reason, plan[role].label, int(drop.sum()))
            people[role] = df[~drop].reset_index(drop=True)

    # 6. application id and filing date onto patents; account for g_application rows -------------
    if apps is not None:
        pos = positions(pnorm, apps["patent_id"])
        patents["application_id"] = _take(apps["application_id"], pos)
        patents["filing_date"] = _take_dates(apps["filing_date"].to_numpy(), pos)
        used = np.zeros(len(apps), dtype=bool)
        used[pos[pos >= 0]] = True
        label = plan["application"].label
        if filtering:
            ky = kept_years.contains(apps["patent_id"])
            kf = kept_final.contains(apps["patent_id"])
            summary.add("g_application", years_reason, label, int((~used & ~ky).sum()),
                        counted=True)
            summary.add("g_application", countries_reason, label, int((~used & ky & ~kf).sum()),
                        counted=True)
            used |= ky & kf
        else:
            used[:] = True
        report.loaded("g_application", int(used.sum()))
        del apps

    # 7. classes ----------------------------------------------------------------------------
    class_parts = []
    for t, csrc in plan["classes"]:
        with _read_ahead(csrc, t, report, "classes", errors, bar) as (r, batches):
            for df in batches:
                if filtering:
                    df = split(df, "classes", csrc.label, kept_final)
                class_parts.append(_classes_frame(df, t, report))
    summary.flush()

    pnorm = all_set = kept_years = kept_final = None  # free them (split() is done)
    raw = {"patents": patents[[c for c in ("patent_id", "office", "kind", "patent_type",
                                          "grant_date", "filing_date", "application_id",
                                          "title", "source", "_file", "_line")
                               if c in patents.columns]]}
    del patents
    raw.update(people)
    del people
    if plan["classes"]:
        raw["classes"] = (pd.concat(class_parts, ignore_index=True) if class_parts
                          else _classes_frame(None, None, report))
    del class_parts
    return assemble(raw, report, errors=errors, date_basis=date_basis, name=name, keep_extra=False)


def _read_applications(src, report, errors, all_set, bar):
    """g_application -> one row per known patent: patent_id (canonical), application_id, filing_date."""
    table = "g_application"
    parts = []
    with _reader(src, "g_application", report, table, errors, bar) as r:
        for df in r:
            parts.append(df)
    df = pd.concat(parts, ignore_index=True) if parts else r.empty_frame()
    report.read(table, len(df))
    norm = _norm(df["patent_id"])
    raw_id = strip_text(df["patent_id"].astype("string"))
    missing = raw_id.isna() | (raw_id == "")
    df = drop_rows(report, table, df, missing.to_numpy(), "missing patent id", "patent_id")
    norm = norm[df.index]
    bad = norm.isna()
    if bad.any() and errors == "raise":
        i = bad[bad].index[0]
        raise PatnetInputError(
            "unreadable patent number", file=df.at[i, "_file"], line=int(df.at[i, "_line"]),
            column="patent_id", value=df.at[i, "patent_id"], hint=UNREADABLE_HINT)
    df = drop_rows(report, table, df, bad.to_numpy(), "unreadable patent id", "patent_id")
    norm = norm[df.index]
    orphan = ~all_set.contains(norm)
    df = drop_rows(report, table, df, orphan, "orphan: patent not in g_patent", "patent_id")
    norm = norm[df.index]
    fdate, n_ph = clean_text(df["filing_date"])
    report.note("g_application.filing_date: placeholder read as missing", n_ph)
    dates, formats, badd = parse_dates(fdate)
    if badd.any():
        if errors == "raise":
            _date_problem(df, badd, "filing_date")
        i = badd[badd].index[0]
        report.warn(f"g_application.filing_date: {int(badd.sum())} unreadable date(s) read as "
                    f"missing (first: {df.at[i, 'filing_date']!r} at {df.at[i, '_file']} line "
                    f"{df.at[i, '_line']})")
        report.note("g_application.filing_date: unreadable date read as missing", int(badd.sum()))
    for label, n in formats.items():
        report.note(f"g_application.filing_date: date in {label} format", n)
    app_id, _ = clean_text(df["application_id"])
    out = pd.DataFrame({"patent_id": norm.array, "application_id": app_id.array,
                        "filing_date": dates.to_numpy(), "_file": df["_file"].array,
                        "_line": df["_line"].to_numpy()})
    # one row per patent: exact duplicates, then the most complete record
    dup = out.duplicated(subset=["patent_id", "application_id", "filing_date"], keep="first")
    out = drop_rows(report, table, out, dup.to_numpy(), "duplicate row", "patent_id")
    if out["patent_id"].duplicated().any():
        nmiss = out[["application_id", "filing_date"]].isna().sum(axis=1)
        key = out["application_id"].fillna("\x00") + "|" + out["filing_date"].astype(str)
        order = out.assign(_n=nmiss.to_numpy(), _k=key.to_numpy()).sort_values(
            ["patent_id", "_n", "_k"], kind="stable")
        extra = order["patent_id"].duplicated(keep="first")
        extra = extra.reindex(out.index)
        frame = out[extra.to_numpy()]
        kept = order[~order["patent_id"].duplicated(keep="first")].set_index("patent_id")
        values = [f"{r.patent_id}: application {r.application_id} (kept "
                  f"{kept.at[r.patent_id, 'application_id']})" for r in frame.itertuples()]
        out = drop_rows(report, table, out, extra.to_numpy(),
                        "conflicting duplicate: patent has another application row (kept the "
                        "most complete)", "patent_id", values=values)
        report.warn(f"g_application: {len(frame)} patent(s) have more than one application row; "
                    "kept the most complete (see report.dropped)")
    return out.reset_index(drop=True)


class _Locations:
    """A location table, read whole (it is small) and resolved to one row per key before
    the inventor and assignee tables are read, so that their rows are joined to it chunk
    by chunk (:meth:`join`). Which keys those rows use is recorded as they are joined;
    :meth:`account` then reports the table's rows as before: read, not used by a loaded
    row, duplicate, or conflicting duplicate (among the keys used only)."""

    def __init__(self, src, ltable, report, errors, bar):
        self.src, self.table, self.key = src, ltable, _LOCATION_KEY[ltable]
        self.sub = report.deferred()  # merged in account(), where the table used to be read
        parts = []
        with _reader(src, ltable, self.sub, ltable, errors, bar) as r:
            for df in _batches(r, 2_000_000):
                df[self.key] = strip_text(df[self.key])
                parts.append(df)
        raw = pd.concat(parts, ignore_index=True) if parts else r.empty_frame()
        del parts
        # resolved for the join; reported in account(), for the keys used only (when every
        # key is used, that is this report). The rows are the table's own (values cleaned),
        # the rows not kept hidden from the join by the index: a table of raw locations
        # holds tens of millions of rows, and a resolved copy would double it
        self.resolved = report.deferred()
        self.rows, self.kept = _location_rows(raw, ltable, self.resolved)
        del raw
        keys = self.rows[self.key]
        # an empty key names no location; a row not kept is found by no key
        hidden = ~self.kept | (keys == "").to_numpy(dtype=bool, na_value=False)
        self.index = keys.mask(hidden) if hidden.any() else keys
        self.used = np.zeros(len(self.rows), dtype=bool)
        self.unknown = 0  # rows naming a key the table does not have (per role)
        # each join hashes every key of the table: a table with more keys than a chunk of
        # people rows has (raw locations: one per inventor or assignee row) is joined once,
        # after the people table is read (see join_all)
        self.at_once = len(self.rows) > _JOIN_AT_ONCE

    def join(self, keys: pd.Series) -> dict:
        """``city``, ``state`` and ``country`` of each (stripped) key; records the keys used."""
        pos = positions(keys, self.index)
        hit = pos[pos >= 0]
        self.used[hit] = True
        miss = np.flatnonzero(pos < 0)  # few: only these keys need looking at
        if len(miss):
            self.unknown += int((keys.iloc[miss].fillna("") != "").sum())
        idx = _take_index(pos)  # made once for the three columns
        return {out_c: _take(self.rows[in_c], idx).set_axis(keys.index)
                for out_c, in_c in zip(("city", "state", "country"), _LOCATION_COLS[self.table])}

    def join_all(self, df: pd.DataFrame) -> pd.DataFrame:
        """``df`` with the columns of :meth:`join` in place of its column ``_key``."""
        cols = self.join(df["_key"])
        out: dict = {}
        for c in df.columns:
            if c == "_key":
                out.update(cols)
            else:
                out[c] = df[c]
        return pd.DataFrame(out, copy=False)

    def account(self, report):
        """Report the rows read, those of keys no loaded row uses, and the duplicates."""
        report.merge(self.sub)
        keys = arrow_text(self.rows[self.key], combine=False)
        used = pc.filter(keys, pa.array(self.used))
        hit = pc.fill_null(pc.is_in(keys, value_set=used), False).to_numpy(zero_copy_only=False)
        n_unref = int((~hit).sum())
        report.read(self.table, len(self.rows))
        if n_unref:
            report.drop(self.table, "not used by a loaded inventor or assignee row",
                        file=self.src.label, count=n_unref)
        if hit.all():  # the rows resolved for the join: the same report
            report.merge(self.resolved)
            n_kept = int(self.kept.sum())
        else:  # (cleaning the values again changes nothing)
            n_kept = int(_location_rows(self.rows[hit].reset_index(drop=True), self.table,
                                        report)[1].sum())
        report.loaded(self.table, n_kept)


def _repeats(values: pd.Series) -> np.ndarray:
    """Whether each value occurs more than once (missing values count as one value)."""
    codes, _ = pd.factorize(values)
    codes = codes + 1  # missing (-1) becomes a value of its own
    return np.bincount(codes)[codes] > 1


def _missing_if_blank(values: pd.Series) -> pd.Series:
    """Whitespace stripped, and empty values read as missing (no copy when none is)."""
    s = strip_text(values)
    blank = (s == "").fillna(False).to_numpy(dtype=bool)
    return s.mask(blank) if blank.any() else s


def _location_rows(df, ltable, report) -> tuple[pd.DataFrame, np.ndarray]:
    """``df`` with its values stripped (empty read as missing), and which of its rows are
    kept: one per location key, exact duplicates dropped, then of rows that share a key
    the most complete kept; each drop recorded.

    Only the rows whose key occurs more than once can be either kind of duplicate, so only
    those are compared and ranked (a table of raw locations has tens of millions of rows,
    nearly all with a key of their own), and the rows are not copied.
    """
    key = _LOCATION_KEY[ltable]
    vals = list(_LOCATION_COLS[ltable])
    df = df.assign(**{c: _missing_if_blank(df[c]) for c in vals})
    kept = np.ones(len(df), dtype=bool)
    rep = _repeats(df[key])
    if not rep.any():
        return df, kept
    at = np.flatnonzero(rep)  # the rows that can be duplicates
    sub = df.iloc[at]
    dup = sub.duplicated(subset=[key] + vals, keep="first").to_numpy()
    drop_rows(report, ltable, sub, dup, "duplicate row", key)
    kept[at[dup]] = False
    at, sub = at[~dup], sub[~dup]
    rep = _repeats(sub[key])  # a key some of whose rows were exact duplicates may not repeat
    if rep.any():
        at, cand = at[rep], sub[rep]
        nmiss = cand[vals].isna().sum(axis=1)
        rowkey = cand[vals[0]].fillna("\x00")
        for c in vals[1:]:
            rowkey = rowkey + "\x1f" + cand[c].fillna("\x00")
        order = cand.assign(_n=nmiss.to_numpy(), _k=rowkey.to_numpy(), _at=at).sort_values(
            [key, "_n", "_k"], kind="stable")
        first = ~order[key].duplicated(keep="first").to_numpy()
        best = order[first].set_index(key)
        worse = order[~first].sort_values("_at")  # reported in the table's order
        values = [f"{getattr(r, key)}: {', '.join(str(getattr(r, c)) for c in vals)} (kept "
                  f"{', '.join(str(best.at[getattr(r, key), c]) for c in vals)})"
                  for r in worse.itertuples()]
        drop_rows(report, ltable, worse, np.ones(len(worse), dtype=bool),
                  "conflicting duplicate: location id with other values (kept the most "
                  "complete)", key, values=values)
        kept[worse["_at"].to_numpy()] = False
        report.warn(f"{ltable}: {len(worse)} location id(s) repeat with different values; "
                    "kept the most complete (see report.dropped)")
    return df, kept


def _sequence_numbers(seq: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Which sequence values are whole numbers (``"3"``, ``"3.0"``), and which are zero."""
    ints = _ints_arrow(seq.astype(STRING_DTYPE))  # the usual case: one cast, no regex
    if ints is None:
        st_ = seq.astype(STRING_DTYPE).str.strip()
        number = st_.str.fullmatch(r"[+-]?\d+(\.0*)?").fillna(False).to_numpy(dtype=bool)
        zero = st_.str.fullmatch(r"[+-]?0+(\.0*)?").fillna(False).to_numpy(dtype=bool)
        return number, zero
    return ints.notna().to_numpy(), (ints == 0).fillna(False).to_numpy(dtype=bool)


def _classes_frame(df, table, report):
    """One PatentsView class table chunk -> raw canonical classes rows."""
    if df is None:
        return pd.DataFrame({c: pd.Series([], dtype=STRING_DTYPE) for c in
                             ("patent_id", "scheme", "code", "sequence", "_file")}
                            ).assign(is_main=pd.Series([], dtype="boolean"),
                                     _line=pd.Series([], dtype="int64"))
    df = df.reset_index(drop=True)
    n = len(df)
    if table == "g_ipc_at_issue":
        code = format_ipc(df["section"], df["ipc_class"], df["subclass"], df["main_group"],
                          df["subgroup"]).astype(STRING_DTYPE)
        bad = code.isna().to_numpy()
        if bad.any():  # keep what was written, for the assemble step to report
            sub = df[bad]
            head = (sub["section"].fillna("").str.strip() + sub["ipc_class"].fillna("").str.strip()
                    + sub["subclass"].fillna("").str.strip())
            mg = sub["main_group"].fillna("").str.strip()
            sg = sub["subgroup"].fillna("").str.strip()
            raw = head.where((mg == "") & (sg == ""), head + " " + mg + "/" + sg)
            code[bad] = raw.mask(raw.str.strip() == "")
        seq = df["ipc_sequence"]
        scheme = "ipc"
    elif table in ("g_cpc_current", "g_cpc_at_issue_from_xml"):
        code, _ = clean_text(df["cpc_group"])
        code = code.fillna(clean_text(df["cpc_subclass"])[0])
        seq = df["cpc_sequence"]
        scheme = "cpc"
    else:
        code, n_float = _strip_float(df["wipo_field_id"].str.strip())
        report.note("classes.code: WIPO field written as float ('2.0') read as '2'", n_float)
        code = code.mask(code == "")
        seq = df["wipo_field_sequence"]
        scheme = "wipo"
    number, zero = _sequence_numbers(seq)
    is_main = pd.array(zero, dtype="boolean")
    is_main[~number] = pd.NA
    return pd.DataFrame({
        "patent_id": df["patent_id"],
        "scheme": strings(scheme, n),
        "code": code.astype(STRING_DTYPE), "is_main": is_main, "sequence": seq,
        "_file": df["_file"], "_line": df["_line"],
    })
