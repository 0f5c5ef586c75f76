"""An on-disk cache of assembled corpora (Parquet tables + the LoadReport).

A loader that reads gigabytes of text (a PatentsView release) stores what
it built under a key made of

* every input file's name, size, modification time (ns) and a BLAKE2 hash
  of its first and last MiB (for a zip member: the archive's fingerprint,
  the member name and the member's CRC-32 from the archive directory);
* the loader's options and its own format version;
* :data:`patnet.schema.SCHEMA_VERSION` and the patnet version.

Trade-off: hashing whole files would cost about as much as parsing them
(several GB). Size + mtime catch every re-download and every edit made by a
program that writes the file; the head/tail hashes catch a file replaced
with one of the same size and a preserved mtime (``cp -p``) whose start or
end differ. An edit in the middle of a file that keeps its size and then
restores its mtime would go unnoticed; pass ``cache=False`` (or delete the
cache folder) after such surgery.

An entry is a folder written under a temporary name and renamed into place
once complete; a ``manifest.json`` written last lists every part and its
size. Reading checks the manifest, the parts and their sizes and reads
everything before anything is returned: a missing, truncated or unreadable
part makes the entry a miss (it is deleted and rebuilt), never half-used.
Tables come back through :func:`patnet.schema.coerce_table` (via
:class:`~patnet.PatentCorpus`), so canonical dtypes survive.

Examples
--------
>>> import tempfile, pandas as pd, patnet as pn
>>> from patnet.io import _cache
>>> root = tempfile.mkdtemp()
>>> corpus = pn.PatentCorpus(patents=pd.DataFrame({"patent_id": ["1"]}))
>>> report = pn.io.LoadReport("demo")
>>> _ = _cache.store(root, "abc", "demo", corpus, report)
>>> hit = _cache.load(root, "abc", "demo")
>>> hit[0].patents["patent_id"].tolist(), hit[1].options["cache"]
(['1'], 'hit')
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from .. import schema
from ..corpus import links_checked, TABLE_NAMES, PatentCorpus
from ..exceptions import PatnetWarning
from . import _memory
from .loadreport import DROP_COLUMNS, LoadReport

__all__ = ["fingerprint", "cache_key", "default_cache_dir", "load", "store", "entry_path"]

#: Bumped whenever the layout of an entry changes.
CACHE_FORMAT = 1
_EDGE = 1024**2
#: Entries kept per data source (older ones are removed when a new one is stored).
KEEP_PER_SOURCE = 3


def _file_hash(path: Path, size: int) -> str:
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as f:
        h.update(f.read(_EDGE))
        if size > 2 * _EDGE:
            f.seek(size - _EDGE)
            h.update(f.read(_EDGE))
        elif size > _EDGE:
            h.update(f.read())
    return h.hexdigest()


def fingerprint(source) -> dict:
    """What identifies one input file (a :class:`~patnet.io._archive.Source`) for the cache."""
    path = Path(source.path)
    st = path.stat()
    out = {"label": source.label, "file": path.name, "size": st.st_size,
           "mtime_ns": st.st_mtime_ns, "edges": _file_hash(path, st.st_size)}
    if source.member is not None:
        import zipfile

        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(source.member)
        out.update(member=source.member, crc=info.CRC, member_size=info.file_size)
    return out


def cache_key(sources, options: dict, *, loader: str) -> str:
    """A hex key for ``sources`` (list of Source) read with ``options`` by ``loader``."""
    from .. import __version__

    payload = {
        "format": CACHE_FORMAT,
        "loader": loader,
        "schema": schema.SCHEMA_VERSION,
        "patnet": __version__,
        "options": options,
        "files": [fingerprint(s) for s in sources],
    }
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def default_cache_dir(data_path) -> Path:
    """``.patnet-cache`` beside the data if that folder is writable, else the user cache folder.

    The user cache folder is ``$PATNET_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/patnet``, else ``~/.cache/patnet``.
    """
    data_path = Path(data_path)
    folder = data_path if data_path.is_dir() else data_path.parent
    if os.access(folder, os.W_OK):
        return folder / ".patnet-cache"
    env = os.environ.get("PATNET_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "patnet"


def _source_tag(source_id: str) -> str:
    return hashlib.blake2b(str(source_id).encode(), digest_size=4).hexdigest()


def entry_path(root, key: str, source_id: str) -> Path:
    """The folder of the entry ``key`` for the data source ``source_id``."""
    return Path(root) / f"corpus-{_source_tag(source_id)}-{key[:24]}"


def _report_json(report: LoadReport) -> dict:
    return {
        "source": report.source,
        "rows_read": dict(report.rows_read),
        "rows_loaded": dict(report.rows_loaded),
        "normalisations": dict(report.normalisations),
        "warnings": list(report.warnings),
        "options": {k: v for k, v in report.options.items() if k != "cache"},
    }


#: Tables written at once (Parquet encoding runs without the GIL; one table's writer
#: uses one core).
WRITE_THREADS = 2


def _write_tables(folder: Path, corpus: PatentCorpus) -> dict:
    """Write each table to ``<table>.parquet``, largest first on :data:`WRITE_THREADS`
    threads; return ``{file name: size}`` in table order.

    No column statistics are written: the cache is always read whole, and
    computing them costs about a fifth of the writing time. Pages are
    compressed with LZ4, which writes faster than Parquet's default (Snappy)
    for files about as small: on a whole PatentsView release, 7.2 s against
    8.9 s, and 987 MB against 948 MB.
    """
    def write(t):
        p = folder / f"{t}.parquet"
        getattr(corpus, t).to_parquet(p, index=False, write_statistics=False, compression="lz4")
        return p.stat().st_size

    order = sorted(TABLE_NAMES, key=lambda t: -len(getattr(corpus, t)))
    with ThreadPoolExecutor(WRITE_THREADS, thread_name_prefix="patnet-cache") as pool:
        sizes = dict(zip(order, pool.map(write, order)))
    return {f"{t}.parquet": sizes[t] for t in TABLE_NAMES}


def store(root, key: str, source_id: str, corpus: PatentCorpus, report: LoadReport):
    """Write ``corpus`` and ``report`` as the entry ``key``; return its folder (None on failure).

    A failure to write (no space, no permission) is issued as a
    :class:`~patnet.PatnetWarning` and otherwise ignored.
    """
    root = Path(root)
    final = entry_path(root, key, source_id)
    tmp = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{final.name}-", dir=root))
        parts = _write_tables(tmp, corpus)
        p = tmp / "dropped.parquet"
        report.dropped.to_parquet(p, index=False)
        parts[p.name] = p.stat().st_size
        p = tmp / "report.json"
        p.write_text(json.dumps(_report_json(report), default=str))
        parts[p.name] = p.stat().st_size
        manifest = {
            "format": CACHE_FORMAT, "key": key, "source": str(source_id), "parts": parts,
            "date_basis": corpus.date_basis, "name": corpus.name,
            "meta": corpus.meta,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, default=str))
        if final.exists():
            shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
        tmp = None
        _prune(root, source_id, keep=final)
        return final
    except OSError as exc:
        warnings.warn(f"could not write the corpus cache in {str(root)!r}: {exc}; "
                      "the corpus is returned uncached", PatnetWarning, stacklevel=3)
        return None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _prune(root: Path, source_id: str, keep: Path):
    """Keep the newest entries of this source; remove temporary folders a crash left behind."""
    tag = _source_tag(source_id)
    entries = [p for p in root.glob(f"corpus-{tag}-*") if p.is_dir() and p != keep]
    entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for p in entries[KEEP_PER_SOURCE - 1:]:
        shutil.rmtree(p, ignore_errors=True)
    now = time.time()
    for p in root.glob(".tmp-corpus-*"):
        try:
            if now - p.stat().st_mtime > 24 * 3600:
                shutil.rmtree(p, ignore_errors=True)
        except OSError:
            pass


def stored_rows(folder) -> dict | None:
    """Rows of each table file of a cache entry, from the Parquet footers (nothing else is
    read); None when a file is missing or unreadable (the entry is then damaged, and
    :func:`load` finds it so)."""
    import pyarrow.parquet as pq

    try:
        return {t: pq.read_metadata(Path(folder) / f"{t}.parquet").num_rows for t in TABLE_NAMES}
    except Exception:  # pyarrow raises several types for missing or damaged files
        return None


def load(root, key: str, source_id: str, memory_check: bool = False):
    """The entry ``key`` as ``(corpus, report)`` with ``report.options["cache"] == "hit"``, or None.

    Warnings recorded in the stored report are issued again, as a fresh
    load would. An incomplete or unreadable entry is deleted and None is
    returned. With ``memory_check``, an entry too large for the memory
    available raises :class:`~patnet.PatnetInputError` before anything is
    read, and is kept.
    """
    final = entry_path(root, key, source_id)
    if not final.is_dir():
        return None
    if memory_check:
        rows = stored_rows(final)
        if rows is not None:
            _memory.check_stored(rows, final, _memory.CACHE_HINT)
    try:
        manifest = json.loads((final / "manifest.json").read_text())
        if manifest.get("format") != CACHE_FORMAT or manifest.get("key") != key:
            raise ValueError("stale entry")
        for name, size in manifest["parts"].items():
            if (final / name).stat().st_size != size:
                raise ValueError(f"{name} has the wrong size")
        tables = {t: pd.read_parquet(final / f"{t}.parquet") for t in TABLE_NAMES}
        dropped = pd.read_parquet(final / "dropped.parquet")
        rep = json.loads((final / "report.json").read_text())
        with links_checked():  # stored from a validated corpus; sizes checked above
            corpus = PatentCorpus(**tables, date_basis=manifest["date_basis"],
                                  name=manifest["name"], meta=manifest.get("meta") or {})
    except Exception:  # any damage means: rebuild
        shutil.rmtree(final, ignore_errors=True)
        return None
    report = LoadReport(source=rep["source"], options={**rep["options"], "cache": "hit"})
    report.rows_read.update(rep["rows_read"])
    report.rows_loaded.update(rep["rows_loaded"])
    report.normalisations = Counter(rep["normalisations"])
    if len(dropped):
        report.drop_frame(dropped[DROP_COLUMNS])
    for w in rep["warnings"]:
        report.warn(w, stacklevel=4)
    try:
        os.utime(final)
    except OSError:
        pass
    return corpus, report
