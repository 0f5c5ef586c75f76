"""Write a corpus in the layouts patent data are downloaded in.

:func:`write_patentsview` writes PatentsView's bulk "granted patent" tables
(``g_patent.tsv.zip``, ...) and :func:`write_uspto_xml` a USPTO weekly grant
file (concatenated ``us-patent-grant`` XML documents). Both write what the
corpus holds, as the source would: city strings as written, raw country codes
where the corpus has them, identifiers unchanged. They are used to test the
loaders of :mod:`patnet.io` and to benchmark them on large synthetic files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import PatentCorpus
from ..exceptions import PatnetInputError

__all__ = ["write_patentsview", "write_uspto_xml", "PATENTSVIEW_COLUMNS", "USPTO_DTDS"]

# Column names and order of the PatentsView bulk tables: one definition, shared with the loader.
from ..io.patentsview import PATENTSVIEW_COLUMNS  # noqa: E402

#: USPTO grant DTDs: version -> (DTD file name, ``dtd-version`` attribute, first grant date
#: the ``"auto"`` choice uses it for).
USPTO_DTDS = {
    "v4.0": ("us-patent-grant-v40-2004-12-02.dtd", "v40 2004-12-02", None),
    "v4.1": ("us-patent-grant-v41-2005-08-25.dtd", "v4.1 2005-08-25", "2005-09-01"),
    "v4.2": ("us-patent-grant-v42-2006-08-23.dtd", "v4.2 2006-08-23", "2007-01-01"),
    "v4.3": ("us-patent-grant-v43-2012-12-04.dtd", "v4.3 2012-12-04", "2013-01-01"),
    "v4.4": ("us-patent-grant-v44-2013-05-16.dtd", "v4.4 2013-05-16", "2013-07-01"),
    "v4.5": ("us-patent-grant-v45-2014-04-03.dtd", "v4.5 2014-04-03", "2014-07-01"),
    "v4.6": ("us-patent-grant-v46-2021-08-30.dtd", "v4.6 2021-08-30", "2021-10-01"),
    "v4.7": ("us-patent-grant-v47-2022-02-17.dtd", "v4.7 2022-02-17", "2022-07-01"),
}
_PARTIES_V43 = ("v4.3", "v4.4", "v4.5", "v4.6", "v4.7")
#: Applications filed on or after this date follow the AIA rules: the
#: assignee may be the applicant.
_AIA = np.datetime64("2012-09-16")
_IPC_RE = r"^\s*([A-HY])\s*(\d{2})\s*([A-Z])\s*(?:(\d{1,4})\s*/\s*(\d{1,6}))?\s*$"
_CTRL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INDIVIDUAL_TYPES = {"1", "4", "5", "14", "15", "01", "04", "05"}


def _check_corpus(corpus):
    if not isinstance(corpus, PatentCorpus):
        raise PatnetInputError(f"expected a PatentCorpus, got {type(corpus).__name__}",
                               hint="Build one with patnet.PatentCorpus(...) or a patnet.io reader")


# ---------------------------------------------------------------------------
# column formatting (vectorised; missing -> "")
# ---------------------------------------------------------------------------

def _text(s: pd.Series) -> np.ndarray:
    """A column as an object array of str, '' for missing."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        days = s.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
        out = np.datetime_as_string(days, unit="D").astype(object)
        out[np.isnat(days)] = ""
        return out
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.map({True: "1", False: "0"}).astype(object).where(s.notna(), "").to_numpy(dtype=object)
    out = s.astype("string")
    return out.fillna("").to_numpy(dtype=object)


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    """A column of ``df``, or an all-missing string column."""
    if name in df.columns:
        return df[name]
    return pd.Series(pd.array([None] * len(df), dtype="string"), index=df.index)


def _const(value: str, n: int) -> np.ndarray:
    out = np.empty(n, dtype=object)
    out[:] = value
    return out


def _location_ids(city, state, country) -> np.ndarray:
    """Deterministic string ids of (city, state, country) triples ('' when all are empty)."""
    key = pd.Series(city, dtype=object) + "\x1f" + pd.Series(state, dtype=object) + "\x1f" + \
        pd.Series(country, dtype=object)
    codes, uniques = pd.factorize(key, sort=False)
    ids = np.array([_hash_id(k) if k != "\x1f\x1f" else "" for k in uniques], dtype=object)
    return ids[codes] if len(codes) else np.zeros(0, dtype=object)


def _hash_id(text: str) -> str:
    h = hashlib.md5(text.encode("utf-8")).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def _split_names(df: pd.DataFrame):
    """(first, last) arrays: ``first_name`` / ``last_name`` columns where given, else 'Last, First'."""
    name = _text(_col(df, "name"))
    parts = [s.partition(", ") for s in name]
    last = np.array([p[0] for p in parts], dtype=object)
    first = np.array([p[2] for p in parts], dtype=object)
    if "first_name" in df.columns or "last_name" in df.columns:
        fn = _col(df, "first_name")
        ln = _col(df, "last_name")
        given = (fn.notna() | ln.notna()).to_numpy()
        first = np.where(given, _text(fn), first)
        last = np.where(given, _text(ln), last)
    return first, last


def _is_individual(df: pd.DataFrame) -> np.ndarray:
    """Applicant rows that are people, not organisations."""
    n = len(df)
    out = np.zeros(n, dtype=bool)
    if "first_name" in df.columns or "last_name" in df.columns:
        out |= (_col(df, "first_name").notna() | _col(df, "last_name").notna()).to_numpy()
    out |= _col(df, "type_code").isin(list(_INDIVIDUAL_TYPES)).fillna(False).to_numpy(dtype=bool)
    for c in ("sector", "true_sector"):
        if c in df.columns:
            out |= (df[c] == "individual").fillna(False).to_numpy(dtype=bool)
    return out


def _within_patent_rank(df: pd.DataFrame) -> np.ndarray:
    return df.groupby("patent_id", sort=False).cumcount().to_numpy()


def _sequence(df: pd.DataFrame) -> np.ndarray:
    """The ``sequence`` column where present, the row's rank within its patent otherwise."""
    rank = _within_patent_rank(df)
    if "sequence" not in df.columns:
        return np.array([str(r) for r in rank], dtype=object)
    seq = df["sequence"]
    text = _text(seq)
    return np.where(seq.isna().to_numpy(), rank.astype(str).astype(object), text)


# ---------------------------------------------------------------------------
# TSV sinks
# ---------------------------------------------------------------------------

class _Sink:
    """One PatentsView table file: tab-separated, header row, minimal double-quote quoting."""

    def __init__(self, folder: Path, table: str, zipped: bool, compresslevel: int):
        self.table = table
        self.columns = PATENTSVIEW_COLUMNS[table]
        member = f"{table}.tsv"
        self._zip: zipfile.ZipFile | None
        self._fh: io.TextIOWrapper
        if zipped:
            self.path = folder / f"{member}.zip"
            self._zip = zipfile.ZipFile(self.path, "w", compression=zipfile.ZIP_DEFLATED,
                                        compresslevel=compresslevel)
            raw = self._zip.open(member, "w", force_zip64=True)
            self._fh = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        else:
            self.path = folder / member
            self._zip = None
            self._fh = open(self.path, "w", encoding="utf-8", newline="")
        self._w = csv.writer(self._fh, delimiter="\t", quotechar='"', doublequote=True,
                             quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        self._w.writerow(self.columns)
        self.rows = 0

    def write(self, cols: dict):
        arrays = [cols[c] for c in self.columns]
        n = len(arrays[0]) if arrays else 0
        for a in arrays:
            if len(a) != n:
                raise AssertionError(f"{self.table}: column lengths differ")
        self._w.writerows(zip(*arrays))
        self.rows += n

    def close(self):
        self._fh.close()
        if self._zip is not None:
            self._zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _chunks(df: pd.DataFrame, size: int):
    for start in range(0, len(df), size):
        yield df.iloc[start:start + size]
    if not len(df):
        yield df


def write_patentsview(corpus: PatentCorpus, folder, *, zipped: bool = True,
                      disambiguated: bool = True, chunk_rows: int = 200_000,
                      compresslevel: int = 6) -> dict:
    """Write a corpus as PatentsView bulk granted-patent tables.

    The files have the names, columns (in order), quoting and value formats
    of the tables users download from PatentsView: tab-separated with a
    header row, a field quoted with double quotes only when it holds a tab,
    a quote or a line break (quotes inside doubled), dates as
    ``YYYY-MM-DD``, missing values as empty fields, every id a string. With
    ``zipped=True`` each table is ``g_xxx.tsv.zip`` holding one member
    ``g_xxx.tsv``. Rows are written in chunks, so corpora with millions of
    rows are written in bounded memory per chunk.

    Parameters
    ----------
    corpus : PatentCorpus
        What to write.
    folder : str or path-like
        Output folder (created if needed); existing files are overwritten.
    zipped : bool
        Write ``.tsv.zip`` files (default) or plain ``.tsv``.
    disambiguated : bool
        ``True``: ``g_inventor_disambiguated``, ``g_assignee_disambiguated``
        and ``g_location_disambiguated`` (locations with the clean ``country``).
        ``False``: the ``*_not_disambiguated`` tables, one raw location per
        inventor / assignee row with the raw country (``country_raw``) and a
        ``location_id`` that links to the disambiguated location.
    chunk_rows : int
        Rows formatted and written at a time.
    compresslevel : int
        Deflate level of the zip files (1 fastest ... 9 smallest).

    Returns
    -------
    dict
        Table name -> path of the file written. Always ``g_patent``,
        ``g_application``, the inventor, assignee and location tables and
        ``g_ipc_at_issue``; ``g_cpc_current`` and ``g_wipo_technology`` only
        when the corpus has ``cpc`` / ``wipo`` classes.

    Notes
    -----
    Columns patnet does not hold are written empty (abstracts, latitude /
    longitude, gender) or with PatentsView's usual constants
    (``withdrawn`` 0; IPC ``classification_level`` "A",
    ``classification_value`` "I", ``classification_status`` "B",
    ``classification_data_source`` "H", ``ipc_version_indicator``
    2006-01-01, ``action_date`` the grant date). ``filename`` is the
    ``source`` of the patent, or the weekly file name ``ipgYYMMDD.xml`` of
    its grant date. Location ids are deterministic hashes of (city, state,
    country). Inventor and assignee names are split into first and last
    names from the ``first_name`` / ``last_name`` columns where present,
    else from ``name`` written as "Last, First".

    Examples
    --------
    >>> import tempfile, zipfile
    >>> import patnet as pn
    >>> c = pn.datasets.synthetic_corpus(50, seed=2)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = pn.datasets.write_patentsview(c, d)
    ...     with zipfile.ZipFile(paths["g_patent"]) as z:
    ...         header = z.read("g_patent.tsv").decode().splitlines()[0]
    >>> sorted(paths)[:3]
    ['g_application', 'g_assignee_disambiguated', 'g_inventor_disambiguated']
    >>> header.split("\\t")[:3]
    ['patent_id', 'patent_type', 'patent_date']
    """
    _check_corpus(corpus)
    if chunk_rows < 1:
        raise PatnetInputError("chunk_rows must be a positive integer", value=chunk_rows)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    p = corpus.patents
    grant_of = pd.Series(p["grant_date"].to_numpy(), index=p["patent_id"].to_numpy())
    grant_of = grant_of[~grant_of.index.duplicated()]

    def sink(table):
        s = _Sink(folder, table, zipped, compresslevel)
        out[table] = s.path
        return s

    # g_patent
    with sink("g_patent") as s:
        for ch in _chunks(p, chunk_rows):
            n = len(ch)
            source = _text(_col(ch, "source"))
            weekly = ch["grant_date"].dt.strftime("ipg%y%m%d.xml")
            weekly = weekly.astype(object).where(weekly.notna(), "").to_numpy(dtype=object)
            s.write({
                "patent_id": _text(ch["patent_id"]),
                "patent_type": _text(_col(ch, "patent_type")),
                "patent_date": _text(ch["grant_date"]),
                "patent_title": _text(_col(ch, "title")),
                "patent_abstract": _text(_col(ch, "abstract")),
                "wipo_kind": _text(_col(ch, "kind")),
                "num_claims": _text(_col(ch, "num_claims")),
                "withdrawn": _const("0", n),
                "filename": np.where(source == "", weekly, source),
            })
    # g_application
    with sink("g_application") as s:
        for ch in _chunks(p, chunk_rows):
            n = len(ch)
            app = _text(ch["application_id"])
            series = np.array([a[:2] if len(a) == 8 and a.isdigit() else "" for a in app], dtype=object)
            s.write({
                "application_id": app, "patent_id": _text(ch["patent_id"]),
                "patent_application_type": series, "filing_date": _text(ch["filing_date"]),
                "series_code": series, "rule_47_flag": _const("0", n),
            })

    locations = {}  # location_id -> (city, state, country)

    def people(df, table_d, table_nd, kind):
        if disambiguated:
            s = sink(table_d)
        else:
            s = sink(table_nd)
        with s:
            for ch in _chunks(df, chunk_rows):
                n = len(ch)
                city, state = _text(_col(ch, "city")), _text(_col(ch, "state"))
                country = _text(_col(ch, "country"))
                raw_country = _text(_col(ch, "country_raw"))
                raw_country = np.where(raw_country == "", country, raw_country)
                loc = _location_ids(city, state, country)
                if n:
                    first_pos = pd.Series(np.arange(n)).groupby(loc, sort=False).first()
                    for lid, pos in first_pos.items():
                        if lid and lid not in locations:
                            locations[lid] = (city[pos], state[pos], country[pos])
                seq = _sequence(ch)
                cols = {"patent_id": _text(ch["patent_id"])}
                if kind == "inventor":
                    first, last = _split_names(ch)
                    ids = _text(_col(ch, "inventor_id"))
                    cols.update({"inventor_sequence": seq, "inventor_id": ids})
                    if disambiguated:
                        cols.update({"disambig_inventor_name_first": first,
                                     "disambig_inventor_name_last": last,
                                     "gender_code": _const("", n), "location_id": loc})
                    else:
                        cols.update({"raw_inventor_name_first": first,
                                     "raw_inventor_name_last": last,
                                     "deceased_flag": _const("", n)})
                else:
                    indiv = _is_individual(ch)
                    first, last = _split_names(ch)
                    name = _text(_col(ch, "name"))
                    first = np.where(indiv, first, "")
                    last = np.where(indiv, last, "")
                    org = np.where(indiv, "", name)
                    typ = _text(_col(ch, "type_code"))
                    typ = np.array([t.lstrip("0") or t for t in typ], dtype=object)
                    pre = "disambig" if disambiguated else "raw"
                    cols.update({"assignee_sequence": seq,
                                 "assignee_id": _text(_col(ch, "applicant_id")),
                                 f"{pre}_assignee_individual_name_first": first,
                                 f"{pre}_assignee_individual_name_last": last,
                                 f"{pre}_assignee_organization": org,
                                 "assignee_type": typ})
                    if disambiguated:
                        cols["location_id"] = loc
                if not disambiguated:
                    tag = "i" if kind == "inventor" else "a"
                    rank = _within_patent_rank(ch)
                    rid = np.array([f"rl-{pid}-{tag}{r}" for pid, r in zip(cols["patent_id"], rank)],
                                   dtype=object)
                    cols["rawlocation_id"] = rid
                    raw_sink.write({"rawlocation_id": rid, "location_id": loc, "raw_city": city,
                                    "raw_state": state, "raw_country": raw_country})
                s.write(cols)

    raw_sink = None if disambiguated else sink("g_location_not_disambiguated")
    try:
        people(corpus.inventors, "g_inventor_disambiguated", "g_inventor_not_disambiguated", "inventor")
        people(corpus.applicants, "g_assignee_disambiguated", "g_assignee_not_disambiguated",
               "assignee")
    finally:
        if raw_sink is not None:
            raw_sink.close()
    if disambiguated:
        with sink("g_location_disambiguated") as s:
            ids = list(locations)
            n = len(ids)
            s.write({"location_id": np.array(ids, dtype=object),
                     "disambig_city": np.array([locations[i][0] for i in ids], dtype=object),
                     "disambig_state": np.array([locations[i][1] for i in ids], dtype=object),
                     "disambig_country": np.array([locations[i][2] for i in ids], dtype=object),
                     "latitude": _const("", n), "longitude": _const("", n), "county": _const("", n),
                     "state_fips": _const("", n), "county_fips": _const("", n)})
    # classes
    cls = corpus.classes
    ipc = cls[cls["scheme"] == "ipc"]
    with sink("g_ipc_at_issue") as s:
        for ch in _chunks(ipc, chunk_rows):
            n = len(ch)
            parts = ch["code"].astype("string").str.extract(_IPC_RE)
            parts = parts.fillna("")
            main = _main_flags(ch)
            s.write({
                "patent_id": _text(ch["patent_id"]), "ipc_sequence": _sequence(ch),
                "classification_level": _const("A", n),
                "section": parts[0].to_numpy(dtype=object),
                "ipc_class": parts[1].to_numpy(dtype=object),
                "subclass": parts[2].to_numpy(dtype=object),
                "main_group": parts[3].to_numpy(dtype=object),
                "subgroup": parts[4].to_numpy(dtype=object),
                "symbol_position": np.where(main, "F", "L").astype(object),
                "classification_value": _const("I", n), "classification_status": _const("B", n),
                "classification_data_source": _const("H", n),
                "action_date": _text(pd.Series(grant_of.reindex(ch["patent_id"].to_numpy()).to_numpy(),
                                               dtype="datetime64[ns]")),
                "ipc_version_indicator": _const("2006-01-01", n),
            })
    cpc = cls[cls["scheme"] == "cpc"]
    if len(cpc):
        with sink("g_cpc_current") as s:
            for ch in _chunks(cpc, chunk_rows):
                code = ch["code"].astype("string").str.replace(" ", "", regex=False).fillna("")
                main = _main_flags(ch)
                s.write({
                    "patent_id": _text(ch["patent_id"]), "cpc_sequence": _sequence(ch),
                    "cpc_section": code.str[:1].to_numpy(dtype=object),
                    "cpc_class": code.str[:3].to_numpy(dtype=object),
                    "cpc_subclass": code.str[:4].to_numpy(dtype=object),
                    "cpc_group": code.to_numpy(dtype=object),
                    "cpc_type": np.where(main, "inventive", "additional").astype(object),
                    "cpc_symbol_position": np.where(main, "F", "L").astype(object),
                })
    wipo = cls[cls["scheme"] == "wipo"]
    if len(wipo):
        with sink("g_wipo_technology") as s:
            for ch in _chunks(wipo, chunk_rows):
                n = len(ch)
                s.write({"patent_id": _text(ch["patent_id"]), "wipo_field_sequence": _sequence(ch),
                         "wipo_field_id": _text(ch["code"]), "wipo_sector_title": _const("", n),
                         "wipo_field_title": _const("", n)})
    return out


def _main_flags(df: pd.DataFrame) -> np.ndarray:
    """``is_main`` where known, else the first row of each patent."""
    first = _within_patent_rank(df) == 0
    if "is_main" not in df.columns:
        return first
    m = df["is_main"]
    return np.where(m.isna().to_numpy(), first, m.fillna(False).to_numpy(dtype=bool))


# ---------------------------------------------------------------------------
# USPTO XML
# ---------------------------------------------------------------------------

def _x(value) -> str:
    """Escape text for XML (and drop characters XML 1.0 cannot hold)."""
    s = _CTRL.sub("", str(value))
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _doc_number(patent_id: str) -> str:
    """'6836899' -> '06836899', 'D513425' -> 'D0513425' (8 characters, as in grant XML)."""
    m = re.match(r"^([A-Z]*)(\d+)$", patent_id)
    if not m:
        return patent_id
    prefix, digits = m.groups()
    return prefix + digits.zfill(max(8 - len(prefix), len(digits)))


def _ymd(ts) -> str:
    return "" if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime("%Y%m%d")


def _records(df: pd.DataFrame, cols) -> dict:
    """patent_id -> list of row dicts (in sequence order); missing values -> None."""
    if not len(df):
        return {}
    d = df.copy()
    d["_rank"] = _within_patent_rank(d)
    if "sequence" in d.columns:
        d["_key"] = d["sequence"].astype("Float64").fillna(-1).to_numpy(dtype=float)
        d = d.sort_values(["_key", "_rank"], kind="stable")
    present = [c for c in cols if c in d.columns]
    data = {c: d[c].astype(object).where(d[c].notna(), None).tolist() for c in present}
    pids = d["patent_id"].tolist()
    out: dict = {}
    for i, pid in enumerate(pids):
        out.setdefault(pid, []).append({c: data[c][i] for c in present})
    return out


def _address(r, country_key="country_raw") -> str:
    parts = []
    if r.get("city"):
        parts.append(f"<city>{_x(r['city'])}</city>")
    if r.get("state"):
        parts.append(f"<state>{_x(r['state'])}</state>")
    country = r.get(country_key) or r.get("country")
    if country:
        parts.append(f"<country>{_x(country)}</country>")
    return "<address>\n" + "\n".join(parts) + "\n</address>\n" if parts else ""


def _name_xml(first, last) -> str:
    out = f"<last-name>{_x(last)}</last-name>\n" if last else ""
    return out + (f"<first-name>{_x(first)}</first-name>\n" if first else "")


def _person_names(r) -> tuple:
    first, last = r.get("first_name"), r.get("last_name")
    if first is None and last is None:
        name = r.get("name") or ""
        last, _, first = name.partition(", ")
    return (first or ""), (last or "")


def _ipc_parts(code):
    m = re.match(_IPC_RE, code or "")
    return m.groups() if m else None


def write_uspto_xml(corpus: PatentCorpus, path, *, dtd: str = "v4.5") -> Path:
    """Write a corpus as a USPTO weekly grant file (concatenated grant XML documents).

    Each patent becomes one document -- ``<?xml ...?>``, ``<!DOCTYPE
    us-patent-grant ...>`` and a ``<us-patent-grant>`` element -- as in the
    ``ipgYYMMDD.xml`` files USPTO publishes, with the bibliographic part
    patnet holds: ``publication-reference`` (doc-number zero-padded to 8
    characters, kind, grant date), ``application-reference`` (number, filing
    date, ``appl-type``), ``us-application-series-code``, the IPC codes
    (``classifications-ipcr``; IPC-7 ``classification-ipc`` for DTD v4.0),
    ``invention-title``, ``number-of-claims``, inventors and assignees with
    their addresses (city and country as written: ``country_raw`` where
    present). Special characters are escaped; characters XML 1.0 cannot
    hold are dropped.

    Parameters
    ----------
    corpus : PatentCorpus
        What to write.
    path : str or path-like
        Output file (overwritten).
    dtd : {"v4.0", "v4.1", ..., "v4.7", "auto"}
        Grant DTD version. Up to v4.2 inventors are
        ``parties/applicants/applicant[@app-type="applicant-inventor"]``;
        from v4.3 they are ``us-parties/inventors/inventor``, and
        ``us-parties/us-applicants`` lists the inventors (pre-AIA filings) or
        the organisations that own the patent (filings from 16 September
        2012). ``"auto"`` picks, per patent, the version USPTO used at its
        grant date (v4.0 for grants before September 2005, which USPTO
        actually published in older formats).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, os
    >>> import xml.etree.ElementTree as ET
    >>> import patnet as pn
    >>> c = pn.datasets.synthetic_corpus(20, seed=2)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pn.datasets.write_uspto_xml(c, os.path.join(d, "ipg.xml"))
    ...     docs = p.read_text(encoding="utf-8").split("<?xml")[1:]
    ...     roots = [ET.fromstring("<?xml" + doc) for doc in docs]
    >>> len(roots), roots[0].tag
    (20, 'us-patent-grant')
    """
    _check_corpus(corpus)
    if dtd != "auto" and dtd not in USPTO_DTDS:
        raise PatnetInputError(
            f"unknown dtd {dtd!r}", value=dtd,
            hint=f"Valid choices are {', '.join(repr(v) for v in USPTO_DTDS)} and 'auto'")
    path = Path(path)
    p = corpus.patents
    inv = _records(corpus.inventors, ["name", "first_name", "last_name", "city", "state",
                                      "country", "country_raw"])
    app = _records(corpus.applicants, ["name", "first_name", "last_name", "city", "state",
                                       "country", "country_raw", "type_code", "sector",
                                       "true_sector"])
    cls = corpus.classes
    ipc = _records(cls[cls["scheme"] == "ipc"], ["code", "is_main"])
    cols = {c: (p[c].astype(object).where(p[c].notna(), None).tolist() if c in p.columns
                else [None] * len(p))
            for c in ("patent_id", "kind", "patent_type", "grant_date", "filing_date",
                      "application_id", "title", "num_claims")}
    switch = [(np.datetime64(v[2]), k) for k, v in USPTO_DTDS.items() if v[2]]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        buf = []
        for i in range(len(p)):
            rec = {c: cols[c][i] for c in cols}
            version = dtd
            if dtd == "auto":
                version = "v4.0"
                g = rec["grant_date"]
                if g is not None:
                    g64 = np.datetime64(pd.Timestamp(g).date())
                    for start, k in switch:
                        if g64 >= start:
                            version = k
            pid = rec["patent_id"]
            buf.append(_document(rec, version, inv.get(pid, []), app.get(pid, []),
                                 ipc.get(pid, [])))
            if len(buf) >= 2000:
                fh.write("".join(buf))
                buf = []
        fh.write("".join(buf))
    return path


def _document(rec, version, inventors, applicants, ipc) -> str:
    dtd_file, dtd_attr, _ = USPTO_DTDS[version]
    pid = str(rec["patent_id"])
    doc = _doc_number(pid)
    gdate = _ymd(rec["grant_date"])
    produced = _ymd(pd.Timestamp(rec["grant_date"]) - pd.Timedelta(days=14)) \
        if rec["grant_date"] is not None else ""
    attrs = f'lang="EN" dtd-version="{dtd_attr}" file="US{_x(doc)}-{gdate}.XML" status="PRODUCTION" ' \
            f'id="us-patent-grant" country="US"'
    if gdate:
        attrs += f' date-produced="{produced}" date-publ="{gdate}"'
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<!DOCTYPE us-patent-grant SYSTEM "{dtd_file}" [ ]>\n',
           f"<us-patent-grant {attrs}>\n<us-bibliographic-data-grant>\n"]
    # publication reference
    out.append("<publication-reference>\n<document-id>\n<country>US</country>\n"
               f"<doc-number>{_x(doc)}</doc-number>\n")
    if rec["kind"]:
        out.append(f"<kind>{_x(rec['kind'])}</kind>\n")
    if gdate:
        out.append(f"<date>{gdate}</date>\n")
    out.append("</document-id>\n</publication-reference>\n")
    # application reference
    appl_type = f' appl-type="{_x(rec["patent_type"])}"' if rec["patent_type"] else ""
    out.append(f"<application-reference{appl_type}>\n<document-id>\n<country>US</country>\n")
    if rec["application_id"]:
        out.append(f"<doc-number>{_x(rec['application_id'])}</doc-number>\n")
    fdate = _ymd(rec["filing_date"])
    if fdate:
        out.append(f"<date>{fdate}</date>\n")
    out.append("</document-id>\n</application-reference>\n")
    a = str(rec["application_id"] or "")
    if len(a) == 8 and a.isdigit():
        out.append(f"<us-application-series-code>{a[:2]}</us-application-series-code>\n")
    # classification
    parsed = [(r, _ipc_parts(r.get("code"))) for r in ipc]
    parsed = [(r, g) for r, g in parsed if g is not None]
    if parsed and version == "v4.0":
        out.append("<classification-ipc>\n<edition>7</edition>\n")
        for j, (_, g) in enumerate(parsed):
            tag = "main-classification" if j == 0 else "further-classification"
            group = f"{g[3].rjust(3)}{g[4].ljust(2, '0')}" if g[3] else ""
            out.append(f"<{tag}>{g[0]}{g[1]}{g[2]}{group}</{tag}>\n")
        out.append("</classification-ipc>\n")
    elif parsed:
        out.append("<classifications-ipcr>\n")
        for j, (r, g) in enumerate(parsed):
            is_main = r.get("is_main")
            pos = "F" if (is_main if is_main is not None else j == 0) else "L"
            group = (f"<main-group>{g[3]}</main-group>\n<subgroup>{g[4]}</subgroup>\n"
                     if g[3] else "")
            action = f"<action-date><date>{gdate}</date></action-date>\n" if gdate else ""
            out.append(
                "<classification-ipcr>\n<ipc-version-indicator><date>20060101</date>"
                "</ipc-version-indicator>\n<classification-level>A</classification-level>\n"
                f"<section>{g[0]}</section>\n<class>{g[1]}</class>\n<subclass>{g[2]}</subclass>\n"
                f"{group}<symbol-position>{pos}</symbol-position>\n"
                f"<classification-value>I</classification-value>\n{action}"
                "<generating-office><country>US</country></generating-office>\n"
                "<classification-status>B</classification-status>\n"
                "<classification-data-source>H</classification-data-source>\n"
                "</classification-ipcr>\n")
        out.append("</classifications-ipcr>\n")
    if rec["title"] is not None:
        out.append(f'<invention-title id="d2e43">{_x(rec["title"])}</invention-title>\n')
    if rec["num_claims"] is not None:
        out.append(f"<number-of-claims>{int(rec['num_claims'])}</number-of-claims>\n")
    # parties
    people = []
    for j, r in enumerate(inventors):
        first, last = _person_names(r)
        people.append((j, first, last, r))
    if version in _PARTIES_V43:
        out.append("<us-parties>\n<us-applicants>\n")
        fdate64 = rec["filing_date"]
        aia = fdate64 is not None and np.datetime64(pd.Timestamp(fdate64).date()) >= _AIA
        orgs = [r for r in applicants if not _applicant_is_person(r)]
        if aia and orgs:
            for j, r in enumerate(orgs):
                country = r.get("country_raw") or r.get("country")
                res = f"<residence>\n<country>{_x(country)}</country>\n</residence>\n" if country else ""
                out.append(f'<us-applicant sequence="{j + 1:03d}" app-type="applicant" '
                           'designation="us-only" applicant-authority-category="assignee">\n'
                           f"<addressbook>\n<orgname>{_x(r.get('name') or '')}</orgname>\n"
                           f"{_address(r)}</addressbook>\n{res}</us-applicant>\n")
        else:
            for j, first, last, r in people:
                country = r.get("country_raw") or r.get("country")
                res = f"<residence>\n<country>{_x(country)}</country>\n</residence>\n" if country else ""
                out.append(f'<us-applicant sequence="{j + 1:03d}" app-type="applicant" '
                           f'designation="us-only">\n<addressbook>\n{_name_xml(first, last)}'
                           f"{_address(r)}</addressbook>\n"
                           f"{res}</us-applicant>\n")
        out.append("</us-applicants>\n")
        if people:
            out.append("<inventors>\n")
            for j, first, last, r in people:
                out.append(f'<inventor sequence="{j + 1:03d}" designation="us-only">\n'
                           f"<addressbook>\n{_name_xml(first, last)}{_address(r)}</addressbook>\n"
                           "</inventor>\n")
            out.append("</inventors>\n")
        out.append("</us-parties>\n")
    else:
        out.append("<parties>\n")
        if people:
            out.append("<applicants>\n")
            for j, first, last, r in people:
                country = r.get("country_raw") or r.get("country")
                nat = f"<nationality>\n<country>{_x(country)}</country>\n</nationality>\n" \
                      f"<residence>\n<country>{_x(country)}</country>\n</residence>\n" if country else ""
                out.append(f'<applicant sequence="{j + 1:03d}" app-type="applicant-inventor" '
                           f'designation="us-only">\n<addressbook>\n{_name_xml(first, last)}'
                           f"{_address(r)}</addressbook>\n"
                           f"{nat}</applicant>\n")
            out.append("</applicants>\n")
        out.append("</parties>\n")
    if applicants:
        out.append("<assignees>\n")
        for r in applicants:
            role = r.get("type_code")
            role = f"<role>{_x(str(role).zfill(2))}</role>\n" if role else ""
            if _applicant_is_person(r):
                first, last = _person_names(r)
                book = _name_xml(first, last)
            else:
                book = f"<orgname>{_x(r.get('name') or '')}</orgname>\n"
            out.append(f"<assignee>\n<addressbook>\n{book}{role}{_address(r)}</addressbook>\n"
                       "</assignee>\n")
        out.append("</assignees>\n")
    out.append("</us-bibliographic-data-grant>\n</us-patent-grant>\n")
    return "".join(out)


def _applicant_is_person(r) -> bool:
    if r.get("first_name") is not None or r.get("last_name") is not None:
        return True
    if r.get("type_code") is not None and str(r["type_code"]) in _INDIVIDUAL_TYPES:
        return True
    return r.get("sector") == "individual" or r.get("true_sector") == "individual"
