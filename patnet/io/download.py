"""Download PatentsView granted-patent bulk tables: :func:`download_patentsview`.

The files are fetched with the standard library (:mod:`urllib.request`)
from the PatentsView bulk-download bucket,
``https://s3.amazonaws.com/data.patentsview.org/download/`` by default
(:data:`DEFAULT_BASE_URL`); the ``base_url`` argument, or else the
``PATNET_PATENTSVIEW_URL`` environment variable, points elsewhere (a mirror,
a local copy). Each file is

- **resumable**: it is written to ``NAME.part`` and a later call (or an
  automatic retry after a broken connection) asks the server for the rest
  with ``Range: bytes=N-``; a server that ignores the range (HTTP 200)
  sends the whole file again, which is then written from the start;
- **verified**: the size must match what the server announced
  (``Content-Length`` of a HEAD request, ``Content-Range`` of the
  transfer); when the server publishes a checksum it is checked too: a
  ``SHA256SUMS`` or ``checksums.txt`` file in the same folder, a
  ``NAME.md5`` file beside the file, or an ``ETag`` that is a plain MD5
  (32 hexadecimal digits: a single-part upload to S3). A file that fails
  either check is deleted, never left in place;
- **atomic**: ``NAME.part`` is renamed to ``NAME`` only once it is complete
  and verified, so a file with the final name is always whole.

A file already at the destination with the size the server announces is
skipped (``overwrite=True`` downloads it again).

The files can equally be downloaded by hand from
https://patentsview.org/download/data-download-tables into one folder;
:func:`patnet.io.read_patentsview` reads that folder either way.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .. import __version__
from ..exceptions import PatnetInputError

__all__ = [
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_TABLES",
    "MANUAL_DOWNLOAD_PAGE",
    "PATENTSVIEW_FILES",
    "PatnetDownloadError",
    "download_patentsview",
]

#: Where PatentsView serves its bulk ``g_*.tsv.zip`` files.
DEFAULT_BASE_URL = "https://s3.amazonaws.com/data.patentsview.org/download/"
#: Environment variable that replaces :data:`DEFAULT_BASE_URL` (an explicit ``base_url`` wins).
BASE_URL_ENV = "PATNET_PATENTSVIEW_URL"
#: The PatentsView page listing the same files, for downloading by hand.
MANUAL_DOWNLOAD_PAGE = "https://patentsview.org/download/data-download-tables"

#: Short table name -> PatentsView granted-patent table (the file is ``<table>.tsv.zip``).
PATENTSVIEW_FILES = {
    "patents": "g_patent",
    "applications": "g_application",
    "inventors": "g_inventor_disambiguated",
    "locations": "g_location_disambiguated",
    "assignees": "g_assignee_disambiguated",
    "ipc": "g_ipc_at_issue",
    "cpc": "g_cpc_current",
    "wipo": "g_wipo_technology",
    "inventors_raw": "g_inventor_not_disambiguated",
    "locations_raw": "g_location_not_disambiguated",
    "assignees_raw": "g_assignee_not_disambiguated",
}

#: What :func:`download_patentsview` fetches by default: enough for geographic
#: and organisation networks with IPC fields.
DEFAULT_TABLES = ("inventors", "locations", "assignees", "patents", "ipc")

_COLUMNS = ["table", "file", "url", "bytes", "status", "verified", "seconds"]
_CHUNK = 1 << 20
_LIST_MAX_BYTES = 1 << 20
_SUM_LISTS = ("SHA256SUMS", "checksums.txt")
_HEX = {"md5": re.compile(r"^[0-9a-f]{32}$"), "sha256": re.compile(r"^[0-9a-f]{64}$")}
_CONTENT_RANGE = re.compile(r"^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$", re.IGNORECASE)
#: Seconds to wait before the n-th automatic retry is ``n * _RETRY_WAIT`` (at most 10 s).
_RETRY_WAIT = 1.0


class PatnetDownloadError(PatnetInputError):
    """A file could not be downloaded, or what arrived did not verify.

    ``file`` is the local file concerned, ``url`` where it was fetched from,
    and the message says what to do (check the network and run again, which
    resumes; or download the file by hand into the folder).
    """

    def __init__(self, message, *, file=None, url=None, hint=None):
        self.url = url
        super().__init__(message, file=file, hint=hint)


class _Interrupted(Exception):
    """The transfer broke off; what arrived is in the ``.part`` file."""


class _Restart(Exception):
    """The ``.part`` file cannot be resumed; start again from zero."""


# -- names and URLs ---------------------------------------------------------------
def _resolve(tables) -> list[tuple[str, str]]:
    """Requested names -> [(short name, PatentsView table)], in order, without repeats."""
    if isinstance(tables, str):
        tables = tables.split(",")
    official = {v: k for k, v in PATENTSVIEW_FILES.items()}
    out, bad = [], []
    for name in tables:
        key = str(name).strip().lower()
        for suffix in (".zip", ".tsv"):
            key = key.removesuffix(suffix)
        if not key:
            continue
        if key in PATENTSVIEW_FILES:
            pair = (key, PATENTSVIEW_FILES[key])
        elif key in official:
            pair = (official[key], key)
        else:
            bad.append(str(name))
            continue
        if pair not in out:
            out.append(pair)
    if bad or not out:
        valid = ", ".join(f"{k} ({v})" for k, v in PATENTSVIEW_FILES.items())
        what = (f"unknown PatentsView table{'s' if len(bad) > 1 else ''} "
                f"{', '.join(map(repr, bad))}" if bad else "no PatentsView table given")
        raise PatnetInputError(what, hint=f"Valid names are {valid}")
    return out


def _base_url(base_url) -> str:
    if base_url is None:
        base_url = os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    base_url = str(base_url).strip()
    if not urllib.parse.urlsplit(base_url).scheme:
        raise PatnetInputError(f"base URL {base_url!r} has no scheme",
                               hint="Give a full URL such as " + DEFAULT_BASE_URL)
    return base_url if base_url.endswith("/") else base_url + "/"


def _request(url, *, method="GET", headers=None):
    h = {"User-Agent": f"patnet/{__version__}", "Accept-Encoding": "identity"}
    h.update(headers or {})
    return urllib.request.Request(url, headers=h, method=method)


# -- errors ---------------------------------------------------------------------------
def _by_hand(dest: Path) -> str:
    return f"or download it by hand from {MANUAL_DOWNLOAD_PAGE} and put it in {dest}"


def _reason(exc) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    text = str(reason).strip() or type(reason).__name__
    return text


def _not_found(name, url, final, code):
    return PatnetDownloadError(
        f"{name} is not on the server (HTTP {code}) at {url}", file=final, url=url,
        hint=f"Check the table name and the base URL (set it with base_url= / --base-url or "
             f"{BASE_URL_ENV}; PatentsView may have moved its files), "
             f"{_by_hand(final.parent)}")


def _unreachable(name, url, final, exc, *, partial=None):
    kept = (f"; the {partial:,} bytes received are kept in {final.name}.part and the next run "
            f"resumes from there" if partial else "")
    return PatnetDownloadError(
        f"cannot download {name} from {url}: {_reason(exc)}{kept}", file=final, url=url,
        hint=f"Check the network connection and the base URL, then run again, {_by_hand(final.parent)}")


def _http_failed(name, url, final, exc):
    if exc.code in (401, 403, 404, 410):
        return _not_found(name, url, final, exc.code)
    return PatnetDownloadError(
        f"the server refused {name} (HTTP {exc.code} {exc.reason}) at {url}", file=final, url=url,
        hint=f"Try again later, {_by_hand(final.parent)}")


# -- server metadata ---------------------------------------------------------------
def _head(name, url, final, timeout) -> dict:
    """Size and ETag the server announces for ``url`` (empty if it does not answer HEAD)."""
    try:
        with urllib.request.urlopen(_request(url, method="HEAD"), timeout=timeout) as resp:
            headers = resp.headers
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code in (405, 501):  # HEAD not allowed: learn the size from the transfer
            return {"size": None, "etag": None}
        raise _http_failed(name, url, final, exc) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, FileNotFoundError):  # file:// URL
            raise _not_found(name, url, final, 404) from None
        raise _unreachable(name, url, final, exc) from None
    except (OSError, http.client.HTTPException) as exc:  # timeout, reset
        raise _unreachable(name, url, final, exc) from None
    length = headers.get("Content-Length")
    return {"size": int(length) if length and length.strip().isdigit() else None,
            "etag": headers.get("ETag")}


def _etag_md5(etag):
    """The MD5 in an ETag, if it is one (S3: quoted 32 hex digits, no ``-N`` part count)."""
    if not etag or etag.startswith("W/"):
        return None
    value = etag.strip().strip('"').lower()
    return value if _HEX["md5"].match(value) else None


def _fetch_text(url, timeout):
    """A small text file from the server, or None if it is absent or unreadable."""
    try:
        with urllib.request.urlopen(_request(url), timeout=timeout) as resp:
            data = resp.read(_LIST_MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        exc.close()
        return None
    except (OSError, http.client.HTTPException, ValueError):
        return None
    if len(data) > _LIST_MAX_BYTES:
        return None
    return data.decode("utf-8", errors="replace")


def _parse_sums(text) -> dict:
    """file name -> (algorithm, hex digest) from ``sha256sum``/``md5sum`` or BSD-style lines."""
    out = {}
    for line in text.splitlines():
        line = line.strip()
        m = re.match(r"^(MD5|SHA256)\s*\((.+)\)\s*=\s*([0-9A-Fa-f]+)$", line)
        if m:
            algo, name, digest = m.group(1).lower(), m.group(2), m.group(3).lower()
        else:
            parts = line.split(None, 1)
            if len(parts) != 2:
                continue
            digest, name = parts[0].lower(), parts[1].strip().lstrip("*")
            algo = "md5" if len(digest) == 32 else "sha256" if len(digest) == 64 else None
            if algo is None:
                continue
        if _HEX[algo].match(digest):
            out[Path(name).name] = (algo, digest)
    return out


class _Checksums:
    """Checksums the server publishes, looked up once per folder."""

    def __init__(self, base, timeout):
        self.base, self.timeout, self._lists = base, timeout, None

    def lists(self) -> dict:
        if self._lists is None:
            self._lists = {}
            for name in _SUM_LISTS:
                text = _fetch_text(self.base + name, self.timeout)
                for file, value in (_parse_sums(text) if text else {}).items():
                    self._lists.setdefault(file, value)
        return self._lists

    def find(self, file, url, etag):
        """(algorithm, hex digest, where) for ``file``, or None: SHA256 > MD5 file > ETag."""
        listed = self.lists().get(file)
        if listed and listed[0] == "sha256":
            return (*listed, "checksum list")
        text = _fetch_text(url + ".md5", self.timeout)
        if text:
            digest = text.split()[0].lower() if text.split() else ""
            if _HEX["md5"].match(digest):
                return ("md5", digest, f"{file}.md5")
        if listed:
            return (*listed, "checksum list")
        md5 = _etag_md5(etag)
        return ("md5", md5, "ETag") if md5 else None


def _file_digest(path: Path, algo: str) -> str:
    h = hashlib.new(algo)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            h.update(block)
    return h.hexdigest()


# -- one transfer ----------------------------------------------------------------------
def _progress_bar(show, name, total, initial):
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="B", unit_scale=True, unit_divisor=1024,
                desc=name, leave=False, dynamic_ncols=True)


def _transfer(name, url, final, part, etag, timeout, progress):
    """Fetch ``url`` into ``part`` (resuming); return (HTTP status, offset, total or None)."""
    have = part.stat().st_size if part.exists() else 0
    headers = {}
    if have:
        headers["Range"] = f"bytes={have}-"
        if etag and not etag.startswith("W/"):
            headers["If-Range"] = etag  # a changed file comes back whole (200)
    try:
        resp = urllib.request.urlopen(_request(url, headers=headers), timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 416 and have:
            raise _Restart(f"the server cannot resume from byte {have:,}") from None
        raise _http_failed(name, url, final, exc) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, FileNotFoundError):
            raise _not_found(name, url, final, 404) from None
        raise _Interrupted(_reason(exc)) from None
    except (OSError, http.client.HTTPException) as exc:
        raise _Interrupted(_reason(exc)) from None
    with resp:
        status = resp.status or 200  # file:// responses carry no status
        if status == 206 and have:
            m = _CONTENT_RANGE.match(resp.headers.get("Content-Range") or "")
            if not m or int(m.group(1)) != have:
                raise _Restart("the server answered a different byte range")
            offset, mode = have, "ab"
            total = None if m.group(3) == "*" else int(m.group(3))
        elif status in (200, 206):  # 200: the server ignored the range; start from zero
            offset, mode, total = 0, "wb", None
        else:
            raise PatnetDownloadError(
                f"unexpected answer HTTP {status} for {name} at {url}", file=final, url=url,
                hint=f"Try again later, {_by_hand(final.parent)}")
        length = resp.headers.get("Content-Length")
        body = int(length) if length and length.strip().isdigit() else None
        if total is None and body is not None:
            total = offset + body
        bar = _progress_bar(progress, name, total, offset)
        received = 0
        try:
            with open(part, mode) as fh:
                while True:
                    try:
                        chunk = resp.read(_CHUNK)
                    except http.client.IncompleteRead as exc:
                        fh.write(exc.partial)  # keep every byte that arrived
                        raise _Interrupted("the connection closed early") from None
                    except (OSError, http.client.HTTPException) as exc:
                        raise _Interrupted(_reason(exc)) from None
                    if not chunk:
                        break
                    fh.write(chunk)
                    received += len(chunk)
                    if bar is not None:
                        bar.update(len(chunk))
        finally:
            if bar is not None:
                bar.close()
    if body is not None and received < body:
        # urllib returns a short body without an error when the server hangs up
        raise _Interrupted(f"the connection closed after {offset + received:,} of "
                           f"{offset + body:,} bytes")
    return status, offset, total


def _fail_verify(part, final, url, message, dest):
    part.unlink(missing_ok=True)
    return PatnetDownloadError(
        message, file=final, url=url,
        hint=f"The incomplete or corrupt download was deleted; run again to download it "
             f"afresh; if it fails again the file on the server may be changing or damaged: "
             f"{_by_hand(dest)}")


def _fetch(name, url, final, part, etag, *, timeout, progress, retries):
    """:func:`_transfer` with automatic resumption; return (offset, total or None)."""
    failures = restarts = 0
    progressed = part.stat().st_size if part.exists() else 0
    while True:
        try:
            _, offset, total = _transfer(name, url, final, part, etag, timeout, progress)
            return offset, total
        except _Restart:
            part.unlink(missing_ok=True)
            restarts += 1
            if restarts > 1:
                raise PatnetDownloadError(
                    f"the server does not resume {name} consistently at {url}", file=final,
                    url=url, hint=f"Run again later, {_by_hand(final.parent)}") from None
        except _Interrupted as exc:
            partial = part.stat().st_size if part.exists() else 0
            # a transfer that made progress starts a fresh round of retries
            failures = 1 if partial > progressed else failures + 1
            progressed = partial
            if failures > retries:
                raise _unreachable(name, url, final, exc, partial=partial) from None
            time.sleep(min(failures * _RETRY_WAIT, 10.0))


def _download_one(short, table, base, dest, sums, *, overwrite, timeout, progress, retries):
    started = time.monotonic()
    name = f"{table}.tsv.zip"
    url = base + urllib.parse.quote(name)
    final, part = dest / name, dest / f"{name}.part"

    def row(status, verified, size):
        return {"table": short, "file": name, "url": url, "bytes": int(size), "status": status,
                "verified": verified, "seconds": round(time.monotonic() - started, 3)}

    info = _head(name, url, final, timeout)
    if final.is_file() and not overwrite:
        size = final.stat().st_size
        if info["size"] is None:
            return row("skipped", "none", size)
        if size == info["size"]:
            return row("skipped", "size", size)
    if overwrite:
        part.unlink(missing_ok=True)

    have = part.stat().st_size if part.exists() else 0
    if info["size"] is not None and have > info["size"]:
        part.unlink()  # longer than the file: not a prefix of it
        have = 0
    if part.exists() and have == info["size"]:
        offset, total = have, None  # already whole: a run stopped before renaming it
    else:
        offset, total = _fetch(name, url, final, part, info["etag"], timeout=timeout,
                               progress=progress, retries=retries)
    got = part.stat().st_size if part.exists() else 0
    for announced, where in ((total, "the transfer"), (info["size"], "the file listing (HEAD)")):
        if announced is not None and got != announced:
            raise _fail_verify(
                part, final, url,
                f"{name} arrived with {got:,} bytes but {where} announced {announced:,} "
                f"bytes ({url})", dest)
    verified = "size" if total is not None or info["size"] is not None else "none"
    published = sums.find(name, url, info["etag"])
    if published is not None:
        algo, expected, source = published
        actual = _file_digest(part, algo)
        if actual != expected:
            raise _fail_verify(
                part, final, url,
                f"{name} does not match its published {algo.upper()} checksum (from the "
                f"{source}: expected {expected}, got {actual}; {url})", dest)
        verified = algo
    os.replace(part, final)
    return row("resumed" if offset else "downloaded", verified, got)


# -- public ------------------------------------------------------------------------------
def download_patentsview(tables: str | Sequence[str] = DEFAULT_TABLES,
                         dest: str | os.PathLike[str] = "data/pv", *, base_url: str | None = None,
                         progress: bool = True, overwrite: bool = False, timeout: float = 60,
                         retries: int = 3) -> pd.DataFrame:
    """Download PatentsView granted-patent bulk tables into a folder.

    Each table is one ``g_*.tsv.zip`` file (left zipped: :func:`read_patentsview`
    reads it as it is). Downloads resume, are checked against the size and
    any checksum the server publishes, and appear under their final name only
    when complete (see :mod:`patnet.io.download`).

    Parameters
    ----------
    tables : str or list of str
        Short names or PatentsView table names (a string may list several,
        comma-separated):

        =================  ======================================
        short name         file
        =================  ======================================
        ``patents``        ``g_patent.tsv.zip``
        ``applications``   ``g_application.tsv.zip``
        ``inventors``      ``g_inventor_disambiguated.tsv.zip``
        ``locations``      ``g_location_disambiguated.tsv.zip``
        ``assignees``      ``g_assignee_disambiguated.tsv.zip``
        ``ipc``            ``g_ipc_at_issue.tsv.zip``
        ``cpc``            ``g_cpc_current.tsv.zip``
        ``wipo``           ``g_wipo_technology.tsv.zip``
        ``inventors_raw``  ``g_inventor_not_disambiguated.tsv.zip``
        ``locations_raw``  ``g_location_not_disambiguated.tsv.zip``
        ``assignees_raw``  ``g_assignee_not_disambiguated.tsv.zip``
        =================  ======================================

        Default: inventors, locations, assignees, patents and ipc.
    dest : str or path-like
        Folder to write to (created if needed).
    base_url : str, optional
        The server folder holding the files. Default: the environment
        variable ``PATNET_PATENTSVIEW_URL`` if set, else
        ``https://s3.amazonaws.com/data.patentsview.org/download/``.
    progress : bool
        Show a progress bar per file (on standard error).
    overwrite : bool
        Download files already present again (and discard any ``.part``
        left by an earlier run instead of resuming it).
    timeout : float
        Seconds to wait for the server on each request.
    retries : int
        How many times a broken transfer is resumed automatically before
        giving up (the ``.part`` file is kept, so running again resumes).

    Returns
    -------
    pandas.DataFrame
        One row per table, in the order asked: ``table`` (short name),
        ``file``, ``url``, ``bytes`` (size of the file at ``dest``),
        ``status`` (``"downloaded"``, ``"resumed"`` from a ``.part`` file, or
        ``"skipped"``: already present with the announced size),
        ``verified`` (``"sha256"`` or ``"md5"`` when a published checksum
        matched, ``"size"`` when only the size could be checked, ``"none"``
        when the server announced neither) and ``seconds``.

    Raises
    ------
    PatnetInputError
        An unknown table name (the message lists the valid ones).
    PatnetDownloadError
        The server cannot be reached, does not have the file (HTTP 404), or
        what arrived has the wrong size or checksum (the partial file is
        deleted). The message names the file and URL and says what to do.

    Notes
    -----
    A full set of the default tables is several gigabytes. Files are
    requested with ``Accept-Encoding: identity`` so that sizes and
    checksums refer to the bytes on the server.

    Examples
    --------
    Any URL urllib reads will do as ``base_url``; here a local folder
    stands in for the server:

    >>> import tempfile
    >>> from pathlib import Path
    >>> import patnet as pn
    >>> server, dest = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> _ = pn.datasets.write_patentsview(pn.datasets.synthetic_corpus(30, seed=1), server)
    >>> done = pn.io.download_patentsview(["patents", "g_ipc_at_issue"], dest,
    ...                                   base_url=server.as_uri(), progress=False)
    >>> done[["table", "file", "status", "verified"]]
         table                    file      status verified
    0  patents        g_patent.tsv.zip  downloaded     size
    1      ipc  g_ipc_at_issue.tsv.zip  downloaded     size
    >>> pn.io.download_patentsview("patents", dest, base_url=server.as_uri(),
    ...                            progress=False)["status"].tolist()
    ['skipped']
    >>> corpus, report = pn.io.read_patentsview(dest, cache=False)
    >>> corpus.n_patents
    30
    >>> import shutil
    >>> shutil.rmtree(server), shutil.rmtree(dest)
    (None, None)

    Names are checked before anything is fetched:

    >>> pn.io.download_patentsview(["patent"], dest)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    patnet.exceptions.PatnetInputError: unknown PatentsView table 'patent'. Valid names are patents (g_patent), ...
    """
    pairs = _resolve(tables)
    base = _base_url(base_url)
    try:
        retries = int(retries)
        timeout = float(timeout)
    except (TypeError, ValueError):
        raise PatnetInputError("retries must be a whole number and timeout a number of seconds",
                               hint="e.g. retries=3, timeout=60") from None
    if retries < 0 or timeout <= 0:
        raise PatnetInputError("retries must be >= 0 and timeout > 0",
                               hint="e.g. retries=3, timeout=60")
    dest = Path(os.fspath(dest))
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PatnetInputError(f"cannot create the folder ({exc.strerror})", file=dest,
                               hint="Choose a folder you can write to") from None
    sums = _Checksums(base, timeout)
    rows = [_download_one(short, table, base, dest, sums, overwrite=overwrite, timeout=timeout,
                          progress=bool(progress), retries=retries)
            for short, table in pairs]
    out = pd.DataFrame(rows, columns=_COLUMNS)
    out["bytes"] = out["bytes"].astype("int64")
    out["seconds"] = out["seconds"].astype("float64")
    return out
