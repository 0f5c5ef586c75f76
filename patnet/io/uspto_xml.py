"""USPTO grant full-text XML -> corpus: :func:`read_uspto_xml`.

The USPTO publishes every week one file of granted patents (``ipgYYMMDD.xml``,
full text; ``ipgbYYYYMMDD.xml``, bibliographic data only), usually inside a
``.zip``. A file is many XML documents written one after the other, each
starting with its own ``<?xml ...?>`` declaration line::

    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v47-2022-02-17.dtd" [ ]>
    <us-patent-grant ...> ... </us-patent-grant>
    <?xml version="1.0" encoding="UTF-8"?>
    ...

This module reads such files document by document (never the whole file at
once, never extracting an archive to disk), parses each document with
:mod:`defusedxml` and maps DTD versions 4.0 (2005) to 4.7 (today) onto the
canonical tables. Every document is accounted for in the ``"documents"``
table of the :class:`~patnet.io.LoadReport`.
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import lzma
import os
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

import pandas as pd
from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring as _safe_fromstring

from ..corpus import DATE_BASES
from ..exceptions import PatnetInputError, SchemaError
from ..schema import did_you_mean
from ._archive import Source, open_source, zip_members
from ._assemble import assemble, check_errors
from .loadreport import LoadReport

__all__ = ["read_uspto_xml"]

#: Root element of a patent grant document.
GRANT_ROOT = "us-patent-grant"
#: A zip member (over 1 MiB) whose uncompressed size is more than this many
#: times its compressed size is refused (USPTO archives compress about 5-15 times).
ZIP_MAX_RATIO = 1000
#: A zip member larger than this (uncompressed, in bytes) is refused; the
#: largest weekly full-text file is about 1.5 GB.
ZIP_MAX_BYTES = 32 * 2**30
#: With ``progress=None``, a progress bar is shown for inputs larger than this.
PROGRESS_MIN_BYTES = 50 * 2**20

_READ_BUFFER = 1 << 20
_APPL_TYPES = {"sir": "statutory invention registration"}
_ROOT_RE = re.compile(rb"<(!DOCTYPE[ \t\r\n]+)?([A-Za-z_][A-Za-z0-9_.:\-]*)")
_DECL_AT_RE = re.compile(rb"[ \t\r\f\v]*(?:\xef\xbb\xbf)?<\?xml(?:[ \t\r\n?]|\Z)")
_DECL_ENCODING_RE = re.compile(rb"""(<\?xml\s[^>]*?encoding\s*=\s*)(["'])([^"']*)\2""")
_UTF8_NAMES = {"utf-8", "utf8", ""}


# ---------------------------------------------------------------------------
# public function
# ---------------------------------------------------------------------------
def read_uspto_xml(paths, *, errors="raise", date_basis="grant", progress=None, name=None):
    """Read USPTO patent grant XML (DTD v4.0 of 2005 to v4.7) into a corpus.

    Parameters
    ----------
    paths : str or path-like, or list of them
        A weekly file (``ipg050104.xml``, ``ipgb20230404.xml``), a ``.zip``
        holding such files, a folder (every ``*.xml`` and ``*.zip`` in it,
        sorted by name, not recursive) or a list of files and folders.
    errors : {"raise", "report"}
        What an unreadable document or value does. With ``"raise"``, a
        malformed document, a document that declares XML entities, bytes that
        are not UTF-8, an unreadable patent number or date raise
        :class:`~patnet.PatnetInputError` naming the file, the line where the
        document starts and the parser's message. With ``"report"``, the
        document (or value) is dropped, the rest is read, and the drop is a
        line of ``report.dropped``.
    date_basis : {"grant", "filing"}
        Which date the corpus counts years on.
    progress : bool, optional
        Show a progress bar (over bytes read). ``None`` (default) shows it
        only when the input is larger than about 50 MB.
    name : str, optional
        A label for the corpus.

    Returns
    -------
    corpus : PatentCorpus
        ``patents``: patent number (PatentsView form: ``"06836899"`` is read
        as ``"6836899"``, ``"D0513425"`` as ``"D513425"``), kind, grant and
        filing dates, office, ``patent_type`` (``appl-type``: ``"utility"``,
        ``"design"``, ``"plant"``, ``"reissue"``; ``"sir"`` is written
        ``"statutory invention registration"`` as PatentsView does),
        application number, title and ``source`` (the file name, or
        ``"archive.zip:member.xml"``; the same label names the file in
        ``report.dropped`` and in errors).
        ``inventors``: from ``<inventors>`` (DTD v4.3 and later), else from
        the applicants with ``app-type="applicant-inventor"`` (v4.0 to v4.2),
        never both; ``sequence`` is the ``sequence`` attribute made 0-based
        (``"001"`` -> 0); ``name`` is ``"Last, First"``; extra columns
        ``last_name`` and ``first_name``; no ``inventor_id`` (the XML has
        none).
        ``applicants``: the assignees (``<assignees>``), with the USPTO
        assignee type in ``type_code`` in PatentsView's form (``"02"`` in
        the XML is ``"2"``);
        ``sequence`` is the position (0-based). Applicants in the sense of
        the AIA (``<us-applicants>``) who are not inventors are not read.
        ``classes``: IPC (``scheme="ipc"``) from ``<classifications-ipcr>``
        (``is_main`` where ``symbol-position`` is ``F``, else the first) or,
        in 2005-era grants, the IPC-7 ``<classification-ipc>`` (main and
        further); CPC (``scheme="cpc"``) from ``<main-cpc>`` (``is_main``)
        and ``<further-cpc>``, without the codes of CPC combination sets;
        US classes (``scheme="uspc"``) from ``<classification-national>``,
        written ``"class/subclass"`` without the fixed-width padding
        (``"  2  216"`` -> ``"2/216"``, ``"D 2969"`` -> ``"D2/969"``). IPC and
        CPC codes are normalised like ``"H01L 21/02"``. Locarno classes of
        designs are not read.
    report : LoadReport
        Its ``"documents"`` table counts the XML documents: read = loaded +
        dropped. Documents are dropped when they are not a patent grant
        (``us-patent-application``, sequence listings ``sequence-cwu``, ...),
        when they repeat a grant already read with the same content (weekly
        files and their excerpts often overlap; the grant is kept from the
        first file read, in the order given, folders sorted by name), and, with
        ``errors="report"``, when they are malformed, declare XML entities
        or are not UTF-8. The canonical tables are counted as every loader
        counts them.

    Raises
    ------
    PatnetInputError
        A path does not exist or a folder holds no ``.xml``/``.zip`` file; a
        zip archive is damaged, has a member named with an absolute path or
        ``..`` (path traversal), an encrypted member, or a member that would
        expand to an absurd size (over :data:`ZIP_MAX_BYTES`) or, above 1 MiB,
        to more than 1000 times its compressed size (zip bomb): such archives
        are refused whatever ``errors`` says, before anything is read. With
        ``errors="raise"``, also an unreadable document or value (see
        ``errors``).

    Notes
    -----
    XML entity declarations are refused (USPTO files never contain any): a
    document whose DOCTYPE declares ``<!ENTITY ...>`` is treated as unreadable
    (``errors`` decides), so that "billion laughs" expansion and external
    entities cannot be used against the reader. The DOCTYPE line that USPTO
    writes (a SYSTEM identifier and an empty internal subset) is accepted, and
    the DTD is never fetched.

    A file that starts with a UTF-16 (or UTF-32) byte order mark is read in
    that encoding (it is valid XML, as some editors save it). A document
    whose bytes are not UTF-8 (for example Latin-1, after a conversion) and
    whose XML declaration does not name another encoding is unreadable: the
    error names the physical line of the first bad byte and suggests an
    encoding to convert from.

    Zip members that are not ``.xml`` files (``__MACOSX/`` clutter, read-me
    files) and hidden files of a folder (macOS ``._`` files) are skipped with
    a warning.

    Memory use is bounded by the largest document (plus the rows extracted),
    whatever the file size: files and archive members are streamed in blocks
    and split into documents as they come, and documents that are not grants
    are skipped without being kept. Parsing dominates the time (about 10 MB
    of XML a second).

    Examples
    --------
    >>> import pathlib, tempfile, patnet as pn
    >>> doc = '''<?xml version="1.0" encoding="UTF-8"?>
    ... <!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v42-2006-08-23.dtd" [ ]>
    ... <us-patent-grant lang="EN" dtd-version="v4.2 2006-08-23">
    ... <us-bibliographic-data-grant>
    ... <publication-reference><document-id><country>US</country>
    ... <doc-number>{num}</doc-number><kind>B2</kind><date>20120327</date>
    ... </document-id></publication-reference>
    ... <application-reference appl-type="utility"><document-id><country>US</country>
    ... <doc-number>12345678</doc-number><date>20100105</date></document-id>
    ... </application-reference>
    ... <invention-title id="d2e53">Widget</invention-title>
    ... <parties><applicants>
    ... <applicant sequence="001" app-type="applicant-inventor" designation="us-only">
    ... <addressbook><last-name>Li</last-name><first-name>Wei</first-name>
    ... <address><city>Suzhou</city><country>CN</country></address></addressbook>
    ... </applicant></applicants></parties>
    ... </us-bibliographic-data-grant>
    ... </us-patent-grant>
    ... '''
    >>> tmp = tempfile.TemporaryDirectory()
    >>> folder = pathlib.Path(tmp.name)
    >>> _ = (folder / "ipg120327.xml").write_text(
    ...     doc.format(num="08141234") + doc.format(num="08141235"), encoding="utf-8")
    >>> corpus, report = pn.io.read_uspto_xml(folder)
    >>> corpus.patents["patent_id"].tolist()
    ['8141234', '8141235']
    >>> first = corpus.inventors.iloc[0]
    >>> first["name"], first["city"], first["country"], int(first["sequence"])
    ('Li, Wei', 'Suzhou', 'CN', 0)
    >>> report.rows_read["documents"], report.conserved
    (2, True)
    >>> tmp.cleanup()
    """
    check_errors(errors)
    if date_basis not in DATE_BASES:
        raise SchemaError(
            f"unknown date basis {date_basis!r}{did_you_mean(date_basis, DATE_BASES)}",
            hint=f"Valid date bases are {', '.join(map(repr, DATE_BASES))}",
        )
    if progress not in (None, True, False):
        raise PatnetInputError(
            f"unknown progress={progress!r}",
            hint="Use progress=True, progress=False or progress=None (automatic)")
    files, hidden = _expand(paths)
    report = LoadReport(
        source=_describe_source(paths, files),
        options={"loader": "uspto_xml", "errors": errors, "date_basis": date_basis},
    )
    if hidden:
        report.warn(f"skipped {len(hidden)} hidden file(s) (such as macOS '._' files): "
                    + ", ".join(str(h) for h in hidden[:5]) + (" ..." if len(hidden) > 5 else ""))
    # Open (and check) every archive before reading anything: a zip that must
    # be refused is refused before minutes of work.
    units = []
    for f in files:
        units.extend(_sources(f, report))
    total = sum(u.size or 0 for u in units)
    show = total > PROGRESS_MIN_BYTES if progress is None else bool(progress)
    reader = _Reader(report, errors)
    bar = _progress_bar(show, total)
    try:
        for unit in units:
            n_docs = reader.read_unit(unit, bar)
            if n_docs == 0:
                report.warn(f"{unit.label}: no XML documents found")
    finally:
        if bar is not None:
            bar.close()
    tables = reader.tables()
    corpus = assemble(tables, report, errors=errors, date_basis=date_basis, name=name)
    return corpus, report


# ---------------------------------------------------------------------------
# inputs: paths -> files -> readable units (plain files, zip members)
# ---------------------------------------------------------------------------
def _expand(paths) -> tuple[list[Path], list[Path]]:
    """The files to read (folders expanded), and the hidden files of folders left out."""
    if isinstance(paths, (str, os.PathLike)):
        items = [paths]
    elif isinstance(paths, bytes):
        raise PatnetInputError("paths must be str or path-like, not bytes",
                               hint="Decode the path, or pass a pathlib.Path")
    else:
        try:
            items = list(paths)
        except TypeError:
            raise PatnetInputError(
                f"cannot read paths from a {type(paths).__name__}",
                hint="Pass a file, a folder or a list of them") from None
    if not items:
        raise PatnetInputError("no paths given", hint="Pass a file, a folder or a list of them")
    out: list[Path] = []
    hidden: list[Path] = []
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise PatnetInputError(f"not a path: {item!r}",
                                   hint="Pass file or folder names as str or pathlib.Path")
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.iterdir()
                           if q.is_file() and q.suffix.lower() in (".xml", ".zip"))
            hidden.extend(q for q in found if q.name.startswith("."))
            found = [q for q in found if not q.name.startswith(".")]
            if not found:
                raise PatnetInputError(f"no .xml or .zip files in folder {str(p)!r}",
                                       hint="Point to the folder holding the USPTO weekly files")
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise PatnetInputError(f"no such file or folder: {str(p)!r}",
                                   file=p, hint="Check the path")
    return out, hidden


def _describe_source(paths, files):
    if isinstance(paths, (str, os.PathLike)):
        return str(paths)
    if len(files) <= 3:
        return ", ".join(str(f) for f in files)
    return f"{files[0]} and {len(files) - 1} more files"


def _is_zip(path: Path) -> bool:
    if path.suffix.lower() == ".zip":
        return True
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _sources(path: Path, report: LoadReport) -> list[Source]:
    """The XML texts of one file: the file itself, or the ``.xml`` members of a zip."""
    if not _is_zip(path):
        src = open_source(path)
        try:
            with open(path, "rb") as fh:
                head = fh.read(2)
        except OSError as exc:
            raise PatnetInputError(f"cannot read the file: {exc}", file=path) from None
        if head == b"\x1f\x8b":
            raise PatnetInputError(
                "the file is gzip-compressed", file=path,
                hint="Decompress it first (gunzip), or zip it: .zip archives are read directly")
        return [src]
    members = zip_members(path, report=report, max_ratio=ZIP_MAX_RATIO, max_size=ZIP_MAX_BYTES)
    xml = [m for m in members if m.name.lower().endswith(".xml")]
    other = [m.member for m in members
             if not m.name.lower().endswith(".xml") and m.member is not None]
    if other:
        shown = ", ".join(other[:5]) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
        report.warn(f"{path.name}: skipped {len(other)} archive member(s) that are not .xml "
                    f"files: {shown}", stacklevel=4)
    if not xml:
        report.warn(f"{path.name}: the archive holds no .xml file", stacklevel=4)
    return xml


def _progress_bar(show, total):
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024,
                desc="USPTO XML", leave=False)


# ---------------------------------------------------------------------------
# streams -> blocks of bytes -> documents
# ---------------------------------------------------------------------------
def _sniff_encoding(head: bytes):
    if head.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        return "utf-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(b"<\x00?\x00"):
        return "utf-16-le"
    if head.startswith(b"\x00<\x00?"):
        return "utf-16-be"
    return None


def _blocks(stream, src: Source, report: LoadReport):
    """The bytes of a stream in blocks, as UTF-8 (UTF-16/32 with a byte order mark transcoded)."""
    block = stream.read(_READ_BUFFER)
    encoding = _sniff_encoding(block[:4])
    if encoding is None:
        if block.startswith(b"\xef\xbb\xbf"):
            block = block[3:]
        while block:
            yield block
            block = stream.read(_READ_BUFFER)
        return
    report.note(f"documents: file read as {encoding.upper()} (byte order mark)")
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    lines_done = 0
    pending = ""
    first = True
    try:
        while True:
            final = not block
            part = decoder.decode(block, final=final)
            if first and part:
                part, first = part.lstrip("\ufeff"), False
            buf = pending + part
            cut = len(buf) if final else buf.rfind("\n") + 1
            out, pending = buf[:cut], buf[cut:]
            if out:
                lines_done += out.count("\n")
                yield _declare_utf8(out.encode("utf-8"))
            if final:
                break
            block = stream.read(_READ_BUFFER)
    except UnicodeError as exc:
        raise PatnetInputError(
            f"the file starts as {encoding.upper()} but cannot be read in it: {exc}",
            file=src.label, line=lines_done + 1,
            hint=f"Convert it to UTF-8 (e.g. iconv -f {encoding.upper()} -t UTF-8), as the USPTO "
                 "writes it",
        ) from None


def _declare_utf8(block: bytes) -> bytes:
    """Rewrite ``encoding="UTF-16"`` in the XML declarations of transcoded text."""
    return _DECL_ENCODING_RE.sub(rb'\1"UTF-8"', block) if b"<?xml" in block else block


def _declarations(block: bytes):
    """Offsets of the lines of ``block`` that start with an XML declaration."""
    last = -1
    i = block.find(b"<?xml")
    while i >= 0:
        start = block.rfind(b"\n", 0, i) + 1
        if start != last and _DECL_AT_RE.match(block, start) is not None:
            yield start
            last = start
        i = block.find(b"<?xml", i + 5)


@dataclass
class _Document:
    line: int               # physical line (1-based) where the document starts
    data: bytes | None      # None when the document was skipped unparsed
    root: str | None        # root element name seen in the text, if any
    nbytes: int


class _Splitter:
    """State of :func:`_documents`: the document being accumulated."""

    def __init__(self):
        self.pieces = []
        self.line = None        # where the document starts (None: nothing but blanks yet)
        self.trim = 0           # leading blank bytes of text before the first declaration
        self.size = 0
        self.root = None
        self.skipping = False

    def add(self, seg: bytes, seg_line: int):
        if self.line is None:
            stripped = seg.lstrip()
            if not stripped:
                self.size += len(seg)
                return
            k = len(seg) - len(stripped)
            ls = seg.rfind(b"\n", 0, k) + 1
            self.line = seg_line + seg.count(b"\n", 0, ls)
            self.trim = self.size + ls
        self.size += len(seg)
        if self.skipping:
            return
        self.pieces.append(seg)
        if self.root is None:
            m = _ROOT_RE.search(seg)
            if m is not None:
                self.root = m.group(2).decode("ascii", errors="replace")
                if self.root != GRANT_ROOT:
                    self.skipping, self.pieces = True, []

    def finish(self):
        if self.line is None:
            return None
        data = None
        if not self.skipping:
            data = b"".join(self.pieces)
            if self.trim:
                data = data[self.trim:]
        return _Document(self.line, data, self.root, self.size)


def _documents(blocks):
    """Split a stream of bytes into documents at each line starting with ``<?xml``.

    Text before the first declaration is a document too when it is not
    blank. Documents whose root element (read from the DOCTYPE or the first
    start tag) is not a patent grant are not kept in memory. ``blocks`` may
    be cut anywhere; lines are counted with ``\\n``.
    """
    doc = _Splitter()
    line = 1  # physical line at the start of the next block
    pending = b""
    for chunk in itertools.chain(blocks, [None]):
        if chunk is None:
            block, pending = pending, b""
            if not block:
                break
        else:
            buf = pending + chunk if pending else chunk
            cut = buf.rfind(b"\n") + 1
            if cut == 0:
                pending = buf
                continue
            block, pending = (buf, b"") if cut == len(buf) else (buf[:cut], buf[cut:])
        pos, pos_line = 0, line
        for start in _declarations(block):
            if start > pos:
                doc.add(block[pos:start], pos_line)
                pos_line += block.count(b"\n", pos, start)
            done = doc.finish()
            if done is not None:
                yield done
            doc = _Splitter()
            doc.line = pos_line
            pos = start
        if pos < len(block):
            doc.add(block[pos:], pos_line)
        line = pos_line + block.count(b"\n", pos)
    done = doc.finish()
    if done is not None:
        yield done


# ---------------------------------------------------------------------------
# documents -> rows
# ---------------------------------------------------------------------------
_PATENT_COLS = ("patent_id", "office", "kind", "patent_type", "grant_date", "filing_date",
                "application_id", "title", "source")
_INVENTOR_COLS = ("patent_id", "sequence", "name", "last_name", "first_name", "city", "state",
                  "country", "country_raw")
_APPLICANT_COLS = ("patent_id", "sequence", "name", "type_code", "city", "state", "country",
                   "country_raw")
_CLASS_COLS = ("patent_id", "scheme", "code", "is_main", "sequence")
_COLS = {"patents": _PATENT_COLS, "inventors": _INVENTOR_COLS,
         "applicants": _APPLICANT_COLS, "classes": _CLASS_COLS}
_INT_COLS = {"sequence"}
_BOOL_COLS = {"is_main"}


class _Reader:
    """Accumulates the rows of every grant read, and accounts for documents."""

    def __init__(self, report: LoadReport, errors: str):
        self.report = report
        self.errors = errors
        self.rows: dict[str, dict[str, list]] = {
            t: {c: [] for c in cols + ("_file", "_line")} for t, cols in _COLS.items()}
        self.seen: dict[str, tuple] = {}  # raw doc-number -> (digest, file, line)

    # -- accounting ---------------------------------------------------------
    def _unreadable(self, unit, doc, reason, detail, hint):
        if self.errors == "raise":
            raise PatnetInputError(
                f"{reason}: {detail}", file=unit.label, line=doc.line,
                hint=hint + "; or pass errors='report' to drop the document and read the rest")
        self.report.drop("documents", reason, file=unit.label, line=doc.line, value=detail)

    # -- reading ------------------------------------------------------------
    def read_unit(self, unit: Source, bar) -> int:
        n = 0
        try:
            with unit.open() as stream:
                for doc in _documents(_blocks(stream, unit, self.report)):
                    n += 1
                    self.report.read("documents")
                    self._document(unit, doc)
                    if bar is not None:
                        bar.update(doc.nbytes)
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, NotImplementedError,
                RuntimeError, zlib.error, lzma.LZMAError) as exc:
            raise PatnetInputError(
                f"cannot read the zip member: {exc}", file=unit.label,
                hint="The archive is damaged or uses an unsupported compression: "
                     "download it again") from None
        except OSError as exc:
            raise PatnetInputError(f"cannot read the file: {exc}", file=unit.label) from None
        return n

    def _document(self, unit, doc):
        if doc.data is None:
            root = doc.root or "?"
            self.report.drop("documents", f"not a patent grant (root element <{root}>)",
                             file=unit.label, line=doc.line)
            return
        try:
            tree = _safe_fromstring(doc.data, forbid_dtd=False, forbid_entities=True,
                                    forbid_external=True)
        except (EntitiesForbidden, ExternalReferenceForbidden) as exc:
            what = getattr(exc, "name", None)
            self._unreadable(
                unit, doc,
                "XML entity declaration refused (USPTO documents declare no entities)",
                f"the document declares the entity {what!r}" if what else str(exc),
                "Entity declarations can expand without bound (billion laughs) or read local "
                "files; remove them")
            return
        except (ParseError, DefusedXmlException, ValueError, LookupError) as exc:
            self._parse_failed(unit, doc, exc)
            return
        if tree.tag != GRANT_ROOT:
            self.report.drop("documents", f"not a patent grant (root element <{tree.tag}>)",
                             file=unit.label, line=doc.line)
            return
        biblio = tree.find("us-bibliographic-data-grant")
        if biblio is None:
            self._unreadable(unit, doc, "no bibliographic data",
                             "the grant has no <us-bibliographic-data-grant> element",
                             "Check the file: every USPTO grant has one")
            return
        rows, notes = _extract(biblio)
        docnum = rows["patents"][0][0]
        digest = hashlib.blake2b(repr(rows).encode("utf-8", "surrogatepass"),
                                 digest_size=16).digest()
        if docnum is not None:
            first = self.seen.get(docnum)
            if first is not None and first[0] == digest:
                self.report.drop(
                    "documents", "duplicate document: the same grant was already read",
                    file=unit.label, line=doc.line,
                    value=f"{docnum} (first read in {first[1]} line {first[2]})")
                return
            if first is None:
                self.seen[docnum] = (digest, unit.label, doc.line)
        self._add(rows, unit, doc)
        for key, n in notes.items():
            self.report.note(key, n)
        self.report.loaded("documents")

    def _parse_failed(self, unit, doc, exc):
        data = doc.data
        declared = _declared_encoding(data)
        if declared in _UTF8_NAMES:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as uexc:
                bad_line = doc.line + data.count(b"\n", 0, uexc.start)
                byte = data[uexc.start]
                guess = _guess_encoding(data)
                self._unreadable(
                    unit, doc, "not UTF-8",
                    f"byte 0x{byte:02x} on line {bad_line} is not UTF-8"
                    + (f" (the text looks {guess})" if guess else ""),
                    "USPTO files are UTF-8: convert the file"
                    + (f" from {guess} (e.g. iconv -f {_ICONV.get(guess, guess)} -t UTF-8)"
                       if guess else ""))
                return
        message = str(exc) if str(exc) else type(exc).__name__
        pos = getattr(exc, "position", None)
        if pos and isinstance(pos, tuple) and pos[0]:
            message = f"{_strip_position(message)} at line {doc.line + pos[0] - 1}, column {pos[1]}"
        self._unreadable(unit, doc, "malformed XML document", message,
                         "Fix or remove the document (the USPTO file may be truncated)")

    def _add(self, rows, unit, doc):
        for table, tuples in rows.items():
            cols = self.rows[table]
            names = _COLS[table]
            for tup in tuples:
                for c, v in zip(names, tup):
                    cols[c].append(v)
                cols["_file"].append(unit.label)
                cols["_line"].append(doc.line)
        self.rows["patents"]["source"][-1] = unit.label

    def tables(self) -> dict:
        out = {}
        for table, cols in self.rows.items():
            data = {}
            for c, values in cols.items():
                if c in _INT_COLS or c == "_line":
                    data[c] = pd.array(values, dtype="Int64")
                elif c in _BOOL_COLS:
                    data[c] = pd.array(values, dtype="boolean")
                else:
                    data[c] = pd.array(values, dtype="string")
            out[table] = pd.DataFrame(data)
        return out


_ICONV = {"Windows-1252 / Latin-1": "WINDOWS-1252"}


def _declared_encoding(data: bytes) -> str:
    head = data[:300].lstrip(b" \t\r\n\f\v")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    m = _DECL_ENCODING_RE.match(head)
    return m.group(3).decode("ascii", "replace").strip().lower() if m else ""


def _guess_encoding(data: bytes):
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "Windows-1252 / Latin-1"


def _strip_position(message: str) -> str:
    return re.sub(r":? ?line \d+, column \d+$", "", message).rstrip(": ")


def _text(el, path=None):
    """Text of an element (nested markup joined), stripped; None if absent or empty."""
    e = el if path is None else el.find(path)
    if e is None:
        return None
    t = "".join(e.itertext()).strip()
    return t or None


def _raw_text(el, path):
    """Text as written (fixed-width class codes keep their spaces)."""
    e = el.find(path)
    if e is None or e.text is None:
        return None
    t = e.text.strip("\r\n")
    return t if t.strip() else None


def _sequences(elements, notes, table):
    """0-based sequence numbers from the ``sequence`` attributes (position if unusable)."""
    raw = [e.get("sequence") for e in elements]
    try:
        vals = [int(s) for s in raw]
    except (TypeError, ValueError):
        vals = None
    if vals is not None and vals and (len(set(vals)) != len(vals) or min(vals) < 0
                                      or max(vals) > 100_000):
        vals = None
    if vals is None:
        if elements:
            notes[f"{table}.sequence: position used (sequence attribute missing or "
                  "unreadable)"] += len(elements)
        return list(range(len(elements)))
    if vals and 0 not in vals:
        vals = [v - 1 for v in vals]
    return vals


def _person(ab):
    last = _text(ab, "last-name")
    first = _text(ab, "first-name")
    if last and first:
        name = f"{last}, {first}"
    else:
        name = last or first or _text(ab, "orgname") or _text(ab, "name")
    return name, last, first


def _address(ab):
    addr = ab.find("address")
    if addr is None:
        return None, None, None
    return _text(addr, "city"), _text(addr, "state"), _text(addr, "country")


def _extract(biblio):
    """Rows (tuples in the order of ``_COLS``) of one grant, and normalisation notes."""
    notes = Counter()
    pub = biblio.find("publication-reference/document-id")
    app = biblio.find("application-reference")
    app_doc = app.find("document-id") if app is not None else None
    docnum = _text(pub, "doc-number") if pub is not None else None
    appl_type = app.get("appl-type") if app is not None else None
    if appl_type is not None:
        appl_type = appl_type.strip().lower() or None
        if appl_type in _APPL_TYPES:
            notes[f"patents.patent_type: {appl_type!r} written as "
                  f"{_APPL_TYPES[appl_type]!r}"] += 1
            appl_type = _APPL_TYPES[appl_type]
    title_el = biblio.find("invention-title")
    title = " ".join("".join(title_el.itertext()).split()) or None if title_el is not None else None
    patent = (
        docnum,
        _text(pub, "country") if pub is not None else None,
        _text(pub, "kind") if pub is not None else None,
        appl_type,
        _text(pub, "date") if pub is not None else None,
        _text(app_doc, "date") if app_doc is not None else None,
        _text(app_doc, "doc-number") if app_doc is not None else None,
        title,
        None,  # source: set by the reader
    )

    # inventors: <inventors> when present (v4.3+), else applicant-inventors
    parties = [p for p in (biblio.find("us-parties"), biblio.find("parties")) if p is not None]
    people = []
    for p in parties:
        people.extend(p.findall("inventors/inventor"))
    if not people:
        for p in parties:
            people.extend(a for a in p.findall("us-applicants/us-applicant")
                          if a.get("app-type") == "applicant-inventor")
            people.extend(a for a in p.findall("applicants/applicant")
                          if a.get("app-type") == "applicant-inventor")
        if people:
            notes["inventors: read from applicants with app-type='applicant-inventor' "
                  "(DTD before v4.3)"] += len(people)
    inventors = []
    for seq, person in zip(_sequences(people, notes, "inventors"), people):
        ab = person.find("addressbook")
        if ab is None:
            ab = person
        name, last, first = _person(ab)
        city, state, country = _address(ab)
        inventors.append((docnum, seq, name, last, first, city, state, country, country))

    applicants = []
    for seq, assignee in enumerate(biblio.findall("assignees/assignee")):
        ab = assignee.find("addressbook")
        if ab is None:
            ab = assignee
        org = _text(ab, "orgname")
        name = org if org else _person(ab)[0]
        role = _text(ab, "role") or _text(assignee, "role")
        city, state, country = _address(ab)
        applicants.append((docnum, seq, name, role, city, state, country, country))

    classes = []
    ipcr = biblio.findall("classifications-ipcr/classification-ipcr")
    if ipcr:
        positions = [_text(c, "symbol-position") for c in ipcr]
        has_first = any(p == "F" for p in positions)
        for seq, (c, pos) in enumerate(zip(ipcr, positions)):
            main = pos == "F" if has_first else seq == 0
            classes.append((docnum, "ipc", _split_code(c), main, seq))
    else:
        ipc7 = biblio.find("classification-ipc")
        if ipc7 is not None:
            codes = [(_raw_text(ipc7, "main-classification"), True)]
            codes += [(e.text.strip("\r\n") if e.text else None, False)
                      for e in ipc7.findall("further-classification")]
            for seq, (code, main) in enumerate(c for c in codes if c[0] is not None):
                classes.append((docnum, "ipc", code, main, seq))
    cpc = [(c, True) for c in biblio.findall("classifications-cpc/main-cpc/classification-cpc")]
    cpc += [(c, False)
            for c in biblio.findall("classifications-cpc/further-cpc/classification-cpc")]
    for seq, (c, main) in enumerate(cpc):
        classes.append((docnum, "cpc", _split_code(c), main, seq))
    national = biblio.find("classification-national")
    if national is not None:
        codes = [(_raw_text(national, "main-classification"), True)]
        codes += [(e.text, False) for e in national.findall("further-classification")]
        seq = 0
        for code, main in codes:
            code = _uspc(code)
            if code is not None:
                classes.append((docnum, "uspc", code, main, seq))
                seq += 1
    rows = {"patents": [patent], "inventors": inventors, "applicants": applicants,
            "classes": classes}
    return rows, notes


def _split_code(el):
    """``H01L 21/02``-like text from the split parts of an IPCR / CPC entry.

    Written as found (only the class zero-padded); the shared cleaning step
    normalises it and reports what it cannot read.
    """
    sec = _text(el, "section") or ""
    cls = _text(el, "class") or ""
    sub = _text(el, "subclass") or ""
    mg = _text(el, "main-group")
    sg = _text(el, "subgroup")
    head = f"{sec}{cls.zfill(2) if cls.isdigit() else cls}{sub}"
    if mg is None:
        return head or None
    return f"{head} {mg}/{sg or '00'}"


def _uspc(code):
    """USPC fixed-width ``"CCCsss..."`` -> ``"class/subclass"`` (``"  2  216"`` -> ``"2/216"``)."""
    if code is None:
        return None
    code = code.strip("\r\n").rstrip()
    if not code.strip():
        return None
    if len(code) < 6:
        # the left padding was lost (re-serialised files): restore the fixed width
        code = code.rjust(6)
    cls = code[:3].replace(" ", "")
    sub = "".join(code[3:].split())
    if not cls:
        return None
    return f"{cls}/{sub}" if sub else cls
