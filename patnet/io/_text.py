"""Delimited text (TSV / CSV), read robustly: every field as text, every row with its physical line.

Every text loader reads through :class:`DelimitedReader` (or its wrappers
:func:`iter_delimited` and :func:`read_delimited`). It yields pandas
DataFrames whose columns are the requested header columns, always as text
(``string`` dtype: ``"NA"`` stays Namibia, ``"0001234"`` keeps its zeros,
``1.23457E+12`` stays what the spreadsheet wrote, for the assemble step to
judge), plus the provenance columns of the loader contract
(:mod:`patnet.io._assemble`):

``_file``
    the file label (``"g_patent.tsv"``, ``"g_patent.tsv.zip:g_patent.tsv"``);
``_line``
    the *physical* line where the row starts (1-based; the header is line 1;
    a quoted field with line breaks makes its row span several lines; ``\\n``,
    ``\\r\\n`` and a lone ``\\r`` each end a line).

What it does with awkward input
-------------------------------
* A UTF-8 byte-order mark is dropped. A UTF-16 byte-order mark (``FF FE`` /
  ``FE FF``) is unambiguous, so such a file is decoded as UTF-16 even with
  the default ``encoding="utf-8"`` (:attr:`DelimitedReader.encoding` says
  which encoding was used).
* Text that is not valid in ``encoding`` raises
  :class:`~patnet.PatnetInputError` naming the file, the line of the first
  undecodable byte and the likely encoding (``"gb18030"`` for Chinese
  GBK/GB18030 text, ``"utf-16-le"``/``"utf-16-be"`` for UTF-16 without a
  byte-order mark, ``"cp1252"`` otherwise), in both ``errors`` modes: a
  wrong encoding is a property of the file, not of a row. With the default
  UTF-8, only the columns that are read are checked; other encodings are
  decoded whole. A NUL byte (binary data, UTF-16 read as UTF-8) raises the
  same way.
* Blank lines, and rows whose every field is empty, are not rows: they are
  skipped, counted in :attr:`DelimitedReader.blank_lines` and (with a
  ``report``) in ``report.normalisations["<table>: blank line skipped"]``;
  they still count as physical lines. Blank lines before the header are
  skipped too.
* A row with too many or too few fields raises
  :class:`~patnet.PatnetInputError` with its physical line
  (``errors="raise"``), or is dropped into the report with reason ``"too
  many fields"`` / ``"too few fields"``, the line, and the raw text
  (truncated to 200 characters) as value (``errors="report"``). No attempt
  is made to repair it: trailing empty fields are extra fields too.
* A quote that is never closed (it runs to the end of the file, or past
  ``max_field_size`` characters) raises an error naming the line where the
  record with the quote starts, or (``errors="report"``) drops that one line
  as ``"unterminated quote"`` and reads on from the next line, so a stray
  quote does not swallow the rest of the file.
* A row equal to the header (files concatenated with their headers) is
  dropped as ``"repeated header"`` in both modes; it is not an error.
* The header: duplicate names (after stripping spaces) raise; a ``required``
  column that is missing raises with the closest name ("did you mean");
  requested, not required columns that are absent come back all missing.
  A 0-byte file, or one with only blank lines, raises (a truncated
  download is the usual cause, and there is no header to build a table
  from); a file with only a header gives an empty table.
* Every dropped row is counted as read *and* dropped in ``report`` under
  ``table``, so the report still adds up after the assemble step counts
  the rows it receives.

Fast path and exact path
------------------------
Two parsers produce identical rows and lines:

*exact* (the reference)
    Python's :mod:`csv` module fed one physical line at a time, so every
    record's first and last physical line is known; it handles every
    problem above. About 0.3 M rows/s (7 narrow columns, frames included).
*fast*
    ``pyarrow.csv.open_csv`` streaming over the same bytes, every column as
    text (columns that are not requested as ``binary``, so their bytes are
    neither validated nor kept), ``ignore_empty_lines=False`` so that blank
    lines come back as all-empty rows and every physical line is accounted
    for. A row's line is the previous row's line plus the number of line
    breaks inside the previous row's fields plus one; those breaks are only
    counted once a quote character has been seen in the bytes read so far
    (without quotes no field can hold a line break), and then only in
    columns whose data buffer holds one. The end of the data is marked by
    a sentinel row appended after the last byte: if it comes back inside a
    field, a quote was left open. pyarrow parses blocks of ``block_size``
    bytes (8 MiB) on its own threads (``use_threads=True``: a whole
    PatentsView release loads about 15% faster than with one thread, as
    the loader's other work waits on the reading). On 2 cores 8 MiB blocks
    read the 2 GB inventor table of a whole release (joined into frames of
    a million rows) in 8.3 s, against 10.4 s with 4 MiB and 12-13 s with
    32-64 MiB.

A row's physical line needs no byte offsets: the fast path counts lines the
way the exact path does (every row spans one line plus the line breaks in
its fields; blank lines are rows of empty fields), so both give the same
``_line`` for every row, including rows after quoted line breaks and blank
lines. Only problems need the exact path.

The fast path never reports a problem itself. A row with the wrong number of
fields makes pyarrow raise (no invalid-row handler: pyarrow cannot pass it a
row that is not UTF-8), as do invalid UTF-8 in a read column and a record
straddling blocks; a swallowed sentinel means an open quote. Then the fast
path stops before yielding any row it cannot vouch for (a batch is yielded
only once the next one has arrived cleanly), and the exact path takes over
from the first unyielded row's line: the file is re-opened and positioned by
counting line breaks from a byte offset remembered on the way, so a plain
file is not read again from its start. Once the exact path has met the
problem (or passed the point pyarrow had read to) and read ``handoff``
clean records after it, it hands the rest of the stream back to the fast
path. A file that keeps failing (more than 16 switches) is read exactly to
its end. Files smaller than 2 MiB are read with the exact path only
(``engine="auto"``); ``engine="exact"`` and ``engine="fast"`` force one
(the tests run both on every fixture and on random input, and compare).

``newlines_in_values=False`` is tried first because it is 2-3 times faster.
Without it pyarrow may cut a quoted value at a block boundary (it then
raises "out of sync") or silently accept an unclosed quote at the end of a
line; so as soon as any value holds a line break, the fast path restarts at
the same line with ``newlines_in_values=True``.

Measured on 2 cores with one pyarrow thread and 4 MiB blocks: 2 M inventor-like rows (7 columns,
176 MB) in 0.7-1.6 s fast vs 6.5-8 s exact (the machine was shared, hence
the ranges); with every field quoted and some quoted line breaks, 1.5 s;
with three bad rows (errors="report"), 2.1 s; 300 k patent rows with
800-character abstracts (264 MB, abstract not requested) in 0.7-1.6 s.

Examples
--------
>>> import tempfile, pathlib
>>> from patnet.io._text import read_delimited
>>> p = pathlib.Path(tempfile.mkdtemp()) / "inv.tsv"
>>> _ = p.write_bytes(b'patent_id\\tcountry\\n0001234\\tNA\\n\\n"7654321"\\tCN\\n')
>>> df = read_delimited(p, sep="\\t")
>>> df[["patent_id", "country", "_line"]].values.tolist()
[['0001234', 'NA', 2], ['7654321', 'CN', 4]]
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections import deque

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .._fast import strings, text_buffers
from ..exceptions import PatnetInputError
from ..schema import did_you_mean
from ._archive import Source, open_source
from .loadreport import LoadReport

__all__ = ["DelimitedReader", "iter_delimited", "read_delimited", "STRING_DTYPE"]

#: dtype of every text column produced here.
STRING_DTYPE = pd.StringDtype("pyarrow")

_SENTINEL = "\ue000patnet:end-of-data\ue000"
_BREAK_RE = re.compile(rb"\r\n|\r|\n")
_SURROGATE_RE = re.compile("[\udc80-\udcff]")
_UTF8 = {"utf-8", "utf8", "utf_8", "u8", "utf-8-sig", "utf_8_sig"}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_VALUE_CHARS = 200
_AUTO_EXACT_BELOW = 2 * 1024**2
_MAX_SWITCHES = 16
_READ_CHUNK = 1 << 20
_CHECKPOINT_EVERY = 32 * 1024**2


def _count_breaks(data: bytes) -> int:
    """Line breaks in ``data``: ``\\n``, ``\\r\\n`` and a lone ``\\r`` count one each."""
    # NumPy counts a large chunk's bytes about four times as fast as bytes.count, and
    # ``in`` finds a \r (or its absence, the usual case) faster still
    if len(data) > 1 << 16:
        n = int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) == 10))
    else:
        n = data.count(b"\n")
    if b"\r" in data:
        n += data.count(b"\r") - data.count(b"\r\n")
    return n


def _norm_encoding(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise PatnetInputError(
            f"unknown encoding {encoding!r}",
            hint="Use a Python codec name such as 'utf-8', 'gb18030', 'utf-16' or 'cp1252'",
        ) from None


def _suggest_encoding(sample: bytes) -> str:
    """A hint naming the encoding that ``sample`` (bytes around a decoding failure) is likely in."""
    if sample.count(b"\x00") * 4 >= max(len(sample), 1):
        odd = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
        even = sum(1 for i in range(0, len(sample), 2) if sample[i] == 0)
        enc = "utf-16-le" if odd >= even else "utf-16-be"
        return (f"It looks like UTF-16 text without a byte-order mark: pass encoding={enc!r} "
                "(or encoding='utf-16' if it has one)")
    try:
        text = sample.decode("gb18030")
        if re.search("[\u4e00-\u9fff]", text):
            return ("It looks like Chinese text in GBK/GB18030: pass encoding='gb18030' "
                    "(or save the file as UTF-8)")
    except UnicodeDecodeError:
        pass
    return ("Pass the file's encoding, e.g. encoding='gb18030' (Chinese GBK), 'utf-16' or "
            "'cp1252' (Windows Western), or save the file as UTF-8")


class _Stream:
    """The UTF-8 bytes of one source, with line counting, push-back and checks.

    ``line`` is the physical line of the next byte returned by :meth:`read`.
    Chunks returned never end between ``\\r`` and ``\\n``.
    """

    def __init__(self, owner: DelimitedReader):
        self.owner = owner
        src = owner.source
        self.raw = src.open()
        self.raw_pos = 0
        self.pos = 0
        self.line = 1
        self.buf = b""
        self.eof = False
        self.quote = owner._quote_bytes
        self.quote_seen = False
        self.decoder = None
        self.offset = 0  # raw offset of output position 0 (a skipped byte-order mark)
        try:
            self._start(owner)
        except BaseException:
            self.raw.close()
            raise

    def _start(self, owner):
        head = self._raw_read(4)
        if not head:
            self.eof = True
        enc = owner._encoding
        if enc == "utf-8" and head.startswith(codecs.BOM_UTF8):
            self.offset = 3
            head = head[3:]
        elif enc in ("utf-8", "utf-16") and head[:2] in _UTF16_BOMS:
            enc = "utf-16"
        owner.encoding = enc
        if enc != "utf-8":
            self.decoder = codecs.getincrementaldecoder(enc)("strict")
            self.buf = self._decode(head, final=self.eof)
        else:
            self.buf = head
        self._check(self.buf)

    # -- raw input -------------------------------------------------------
    def _raw_read(self, n):
        data = self.raw.read(n)
        self.raw_pos += len(data)
        self.owner._progress_to(self.raw_pos)
        return data

    def _decode(self, data, final):
        try:
            text = self.decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            good = exc.object[:exc.start]
            line = self.line + _count_breaks(self.buf) + good.decode(
                self.owner.encoding, "replace").count("\n")
            bad = exc.object[exc.start:exc.start + 4]
            raise PatnetInputError(
                f"the text is not valid {self.owner.encoding} ({exc.reason})",
                file=self.owner.label, line=line, value=bad.hex(" "),
                hint="Check the file's encoding (encoding=...)",
            ) from None
        return text.encode("utf-8", "surrogatepass")

    def _check(self, fresh):
        """Check bytes just appended to the buffer for NUL; note quotes."""
        if b"\x00" in fresh:
            i = fresh.index(b"\x00")
            # fresh is the tail of self.buf: line of the NUL from the current position
            start = len(self.buf) - len(fresh)
            line = self.line + _count_breaks(self.buf[:start + i])
            sample = fresh[max(0, i - 40):i + 40]
            raise PatnetInputError(
                "the file contains a NUL byte: it is not UTF-8 text (binary, UTF-16 or damaged)",
                file=self.owner.label, line=line,
                hint=_suggest_encoding(sample) if self.decoder is None else
                "Check the file's encoding (encoding=...)",
            )
        if not self.quote_seen and self.quote is not None and self.quote in fresh:
            self.quote_seen = True

    def _fill(self, want):
        while len(self.buf) < want and not self.eof:
            data = self._raw_read(max(_READ_CHUNK, want - len(self.buf)))
            if not data:
                self.eof = True
                if self.decoder is not None:
                    tail = self._decode(b"", final=True)
                    if tail:
                        self.buf += tail
                        self._check(tail)
                break
            if self.decoder is not None:
                data = self._decode(data, final=False)
            self.buf += data
            self._check(data)

    # -- output ----------------------------------------------------------
    def read(self, n=-1) -> bytes:
        if n is None or n < 0:
            n = _READ_CHUNK
        if self.decoder is None and self.pos % _CHECKPOINT_EVERY < n:
            self.owner._checkpoint(self.pos + self.offset, self.pos, self.line)
        self._fill(n + 1)
        out = self.buf[:n]
        if out.endswith(b"\r") and self.buf[n:n + 1] == b"\n":
            out = self.buf[:n + 1]
        self.buf = self.buf[len(out):]
        self.pos += len(out)
        self.line += _count_breaks(out)
        return out

    def unread(self, data: bytes) -> None:
        if data:
            self.buf = data + self.buf
            self.pos -= len(data)
            self.line -= _count_breaks(data)

    def skip_to_line(self, line: int) -> None:
        """Advance to the first byte of physical ``line`` (>= the current line)."""
        while self.line < line:
            self._fill(_READ_CHUNK + 1)
            if not self.buf:
                return
            need = line - self.line
            chunk = self.buf[:_READ_CHUNK]
            if chunk.endswith(b"\r") and self.buf[len(chunk):len(chunk) + 1] == b"\n":
                chunk = self.buf[:len(chunk) + 1]
            k = _count_breaks(chunk)
            if k < need:
                cut = len(chunk)
            else:
                cut = None
                for i, m in enumerate(_BREAK_RE.finditer(chunk)):
                    if i + 1 == need:
                        cut = m.end()
                        break
            assert cut is not None  # k >= need: the loop always finds the break
            self.buf = self.buf[cut:]
            self.pos += cut
            self.line += min(k, need)

    def seek_raw(self, raw_offset, pos, line):
        """Jump to a remembered position (plain UTF-8 sources only)."""
        self.raw.seek(raw_offset)
        self.raw_pos = raw_offset
        self.buf = b""
        self.eof = False
        self.pos = pos
        self.line = line

    def close(self):
        self.raw.close()


class _ArrowFeed(io.RawIOBase):
    """A file object for pyarrow: the stream's bytes, then one sentinel row."""

    def __init__(self, stream: _Stream, sentinel: bytes):
        self.stream = stream
        self.sentinel = sentinel
        self.tail = None
        self.last = b"\n"

    def readable(self):
        return True

    def detach_stream(self):
        """Stop feeding (pyarrow may still read ahead after a segment is abandoned)."""
        self.stream = None

    def read(self, n=-1):
        if self.stream is None:
            return b""
        if self.tail is None:
            data = self.stream.read(n)
            if data:
                self.last = data[-1:]
                return data
            prefix = b"" if self.last in (b"\n", b"\r") else b"\n"
            self.tail = prefix + self.sentinel + b"\n"
        if n is None or n < 0:
            n = len(self.tail)
        out, self.tail = self.tail[:n], self.tail[n:]
        return out

    def readinto(self, b):
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)


class _LineReader:
    """Physical lines of a stream as text, for :func:`csv.reader`.

    Undecodable UTF-8 bytes become surrogates (and the line is flagged); after
    the last line comes one sentinel line (not counted).
    """

    def __init__(self, stream: _Stream, line: int):
        self.stream = stream
        self.line = line - 1
        self.parts: deque[bytes] = deque()
        self.rest = b""
        self.pending: deque[tuple[str, bool, bool]] = deque()
        self.record: list[tuple[str, bool, bool]] = []
        self.done = False

    def __iter__(self):
        return self

    def __next__(self):
        if self.pending:
            item = self.pending.popleft()
        else:
            while not self.parts:
                chunk = self.stream.read(_READ_CHUNK)
                if not chunk:
                    if self.rest:
                        self.parts.append(self.rest)
                        self.rest = b""
                        break
                    if self.done:
                        raise StopIteration
                    self.done = True
                    item = (_SENTINEL + "\n", False, True)
                    self.record.append(item)
                    return item[0]
                data = self.rest + chunk
                pieces = data.splitlines(keepends=True)
                if pieces and not pieces[-1].endswith((b"\n", b"\r")):
                    self.rest = pieces.pop()
                else:
                    self.rest = b""
                self.parts.extend(pieces)
            raw = self.parts.popleft()
            try:
                item = (raw.decode("utf-8"), False, False)
            except UnicodeDecodeError:
                item = (raw.decode("utf-8", "surrogateescape"), True, False)
        if not item[2]:
            self.line += 1
        self.record.append(item)
        return item[0]

    def push_back(self, items, line):
        """Hand ``items`` out again, the first as physical line ``line``."""
        self.pending.extendleft(reversed(items))
        self.line = line - 1
        if any(it[2] for it in items):
            self.done = True

    def release(self) -> bytes:
        """Unconsumed bytes (for a hand-over); only valid without pending lines."""
        assert not self.pending
        data = b"".join(self.parts) + self.rest
        self.parts.clear()
        self.rest = b""
        return data


@contextlib.contextmanager
def _field_limit(limit):
    old = csv.field_size_limit()
    csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _row_text(items):
    text = "".join(it[0] for it in items if not it[2]).rstrip("\r\n")
    if _SURROGATE_RE.search(text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text[:_VALUE_CHARS] + ("..." if len(text) > _VALUE_CHARS else "")


def _make_progress(progress, source):
    if progress is None or progress is False:
        return None, None
    if progress is True:
        from tqdm.auto import tqdm

        bar = tqdm(total=source.size, unit="B", unit_scale=True, desc=source.label, leave=False)
        return bar, bar
    if hasattr(progress, "update"):
        return progress, None
    raise PatnetInputError(f"progress must be True, False, None or a tqdm bar, got {progress!r}")


class DelimitedReader:
    """Read a delimited text file in chunks of text columns with physical line numbers.

    The header is read (and checked) when the reader is created; iterate
    over it for DataFrame chunks. See the module docstring for what happens
    with awkward input.

    Parameters
    ----------
    source : str, path-like or Source
        A text file, a ``.zip`` holding one text file (or see ``member``), or
        a :class:`~patnet.io._archive.Source`.
    sep : str
        The one-character field separator (``"\\t"``, ``","``).
    columns : list of str, optional
        Header columns to return, in this order (default: all). Requested
        columns that are not in the header and not ``required`` come back
        all missing.
    required : iterable of str
        Columns the header must have.
    errors : {"raise", "report"}
        What a malformed row does: raise :class:`~patnet.PatnetInputError`,
        or be dropped and recorded in ``report``. Encoding errors and NUL
        bytes always raise.
    encoding : str
        The text encoding. UTF-8 (default) also accepts a UTF-8 BOM and
        decodes a file with a UTF-16 BOM as UTF-16.
    quote_char : str or None
        Quote character (doubled inside a quoted field), or None for none.
    report : LoadReport, optional
        Receives dropped rows (counted as read and dropped under ``table``)
        and the count of blank lines. A fresh one (:attr:`report`) is used
        when not given.
    table : str, optional
        The report table the rows belong to (default: the file label).
    chunk_rows : int
        Rows per chunk of the exact path. Fast-path chunks follow
        ``block_size``.
    block_size : int
        Bytes per pyarrow block.
    engine : {"auto", "fast", "exact"}
        See the module docstring.
    progress : bool, tqdm bar or None
        ``True`` shows a byte progress bar; a tqdm bar is advanced by the
        bytes read.
    label : str, optional
        The name of the file in messages and in ``_file``.
    member : str, optional
        The member to read when ``source`` is a zip archive with several.
    max_field_size : int
        Longest field (characters) the exact path accepts; a longer one is
        treated as an unterminated quote.
    handoff : int
        Clean records the exact path reads before handing back to the fast
        path.

    Attributes
    ----------
    header : list of str
        The header names (stripped), in file order.
    columns : list of str
        The columns of every chunk (before ``_file`` and ``_line``).
    encoding : str
        The encoding used.
    rows, blank_lines : int
        Rows yielded and blank lines skipped so far.
    segments : list of tuple
        ``(engine, first_line)`` of each stretch read, for diagnostics.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from patnet.io._text import DelimitedReader
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "p.csv"
    >>> _ = p.write_text('id,title\\n1,"two\\nlines"\\n2,x\\n')
    >>> with DelimitedReader(p, sep=",") as r:
    ...     df = next(iter(r))
    >>> r.header, df["_line"].tolist()
    (['id', 'title'], [2, 4])
    """

    def __init__(self, source, *, sep="\t", columns=None, required=(), errors="raise",
                 encoding="utf-8", quote_char='"', report=None, table=None,
                 chunk_rows=100_000, block_size=8 * 1024**2, engine="auto", progress=None,
                 label=None, member=None, max_field_size=16 * 1024**2, handoff=10_000):
        if errors not in ("raise", "report"):
            raise PatnetInputError(
                f"unknown errors={errors!r}",
                hint="Use errors='raise' or errors='report'")
        if engine not in ("auto", "fast", "exact"):
            raise PatnetInputError(f"unknown engine={engine!r}{did_you_mean(engine, ['auto', 'fast', 'exact'])}",
                                   hint="Use engine='auto', 'fast' or 'exact'")
        if not isinstance(sep, str) or len(sep) != 1 or sep in "\r\n":
            raise PatnetInputError(f"sep must be one character other than a line break, got {sep!r}")
        if quote_char is not None and (len(quote_char) != 1 or quote_char in "\r\n" + sep):
            raise PatnetInputError(f"quote_char must be one character (or None), got {quote_char!r}")
        if isinstance(source, Source):
            self.source = source if label is None else source.with_label(label)
        else:
            self.source = open_source(source, member=member, report=report, label=label)
        self.label = self.source.label
        self.sep = sep
        self.quote_char = quote_char
        self._quote_bytes = None if quote_char is None else quote_char.encode()
        self.errors = errors
        self.report = report if report is not None else LoadReport(source=self.label)
        self.table = table or self.label
        self.chunk_rows = max(1, int(chunk_rows))
        self.block_size = max(64, int(block_size))
        self.max_field_size = int(max_field_size)
        self.handoff = max(1, int(handoff))
        self._encoding = _norm_encoding(encoding)
        if self._encoding == "utf-8-sig":
            self._encoding = "utf-8"
        self.encoding = self._encoding
        self.rows = 0
        self.blank_lines = 0
        self.segments = []
        self._checkpoints = []
        self._hw = 0
        self._bar, self._own_bar = _make_progress(progress, self.source)
        if engine == "auto":
            size = self.source.size
            engine = "exact" if size is not None and size < _AUTO_EXACT_BELOW else "fast"
        self.engine = engine
        self._dialect = dict(delimiter=sep, doublequote=True, strict=False,
                             skipinitialspace=False)
        if quote_char is None:
            self._dialect.update(quoting=csv.QUOTE_NONE, quotechar=None)
        else:
            self._dialect.update(quoting=csv.QUOTE_MINIMAL, quotechar=quote_char)
        self._stream = None
        self._started = False
        try:
            self._read_header(columns, required)
        except BaseException:
            self.close()
            raise

    # -- plumbing ----------------------------------------------------------
    def _progress_to(self, raw_pos):
        if self._bar is not None and raw_pos > self._hw:
            self._bar.update(raw_pos - self._hw)
            self._hw = raw_pos

    def _checkpoint(self, raw_offset, pos, line):
        if not self._checkpoints or self._checkpoints[-1][1] < pos:
            self._checkpoints.append((raw_offset, pos, line))

    def _open_at(self, line):
        stream = _Stream(self)
        try:
            seekable = getattr(stream.raw, "seekable", None)
            if stream.decoder is None and seekable is not None and seekable():
                best = None
                for cp in self._checkpoints:
                    if cp[2] < line:
                        best = cp
                if best is not None and best[1] > stream.pos + len(stream.buf):
                    stream.seek_raw(*best)
            stream.skip_to_line(line)
        except BaseException:
            stream.close()
            raise
        return stream

    def close(self):
        """Close the file (and a progress bar the reader made)."""
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        if self._own_bar is not None:
            self._own_bar.close()
            self._own_bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- header --------------------------------------------------------------
    def _read_header(self, columns, required):
        stream = self._stream = _Stream(self)
        stream._fill(1)
        if not stream.buf:
            raise PatnetInputError(
                "the file is empty (0 bytes): there is no header line", file=self.label,
                hint="A complete file starts with a header line; the download may be incomplete",
            )
        lr = _LineReader(stream, 1)
        reader = csv.reader(lr, **self._dialect)
        while True:
            lr.record = []
            start = lr.line + 1
            try:
                with _field_limit(self.max_field_size):
                    rec = next(reader)
            except (StopIteration, csv.Error):
                raise PatnetInputError(
                    "the header line has a quote that is never closed", file=self.label, line=start,
                    hint="Fix the quote in the first line of the file") from None
            if len(rec) == 1 and rec[0] == _SENTINEL:
                raise PatnetInputError(
                    "the file has no header line (it holds only blank lines)", file=self.label,
                    line=start, hint="A complete file starts with a header line")
            if any(_SENTINEL in f for f in rec):
                raise PatnetInputError(
                    "the header line has a quote that is never closed", file=self.label, line=start,
                    hint="Fix the quote in the first line of the file")
            if any(it[1] for it in lr.record):
                bad = next(it for it in lr.record if it[1])
                self._encoding_error(start + lr.record.index(bad), bad[0])
            if not rec or all(f == "" for f in rec):
                self.blank_lines += 1
                continue
            break
        self.header_raw = list(rec)
        self.header_line = start
        names = [h.strip() for h in rec]
        seen = {}
        for i, nm in enumerate(names):
            if nm in seen:
                raise PatnetInputError(
                    f"the header names the column {nm!r} twice (columns {seen[nm] + 1} and {i + 1})",
                    file=self.label, line=start, column=nm,
                    hint="Rename or remove one of them",
                )
            seen[nm] = i
        self.header = names
        for c in required:
            if c not in seen:
                raise PatnetInputError(
                    f"required column {c!r} is missing from the header{did_you_mean(c, names)}",
                    file=self.label, line=start, column=c,
                    hint=f"The header has: {', '.join(names)}",
                )
        if columns is None:
            columns = list(names)
        else:
            columns = list(columns)
            dup = [c for i, c in enumerate(columns) if c in columns[:i]]
            if dup:
                raise PatnetInputError(f"columns= names {dup[0]!r} twice")
        self.columns = columns
        self._needed = [c for c in columns if c in seen]
        self._needed_idx = [seen[c] for c in self._needed]
        self._absent = [c for c in columns if c not in seen]
        self._multiline = lr.line > start
        stream.unread(lr.release())
        self.data_line = lr.line + 1
        if self.report is not None and self.blank_lines:
            self.report.note(f"{self.table}: blank line skipped", self.blank_lines)

    def _encoding_error(self, line, text):
        m = _SURROGATE_RE.search(text)
        raw = text.encode("utf-8", "surrogateescape")
        byte = raw[m.start():m.start() + 1] if m else b""
        # position of the byte in the raw line
        pos = len(text[:m.start()].encode("utf-8", "surrogateescape")) if m else 0
        raise PatnetInputError(
            f"the text is not valid UTF-8 (byte 0x{byte.hex().upper()} at byte {pos + 1} of the line)",
            file=self.label, line=line,
            hint=_suggest_encoding(raw[max(0, pos - 40):pos + 40]),
        )

    # -- drops ---------------------------------------------------------------
    _BAD = {
        "too many fields": (
            "the row has {got} fields, the header {want}",
            "A separator inside an unquoted value? Fix the row, or pass errors='report' to "
            "drop it"),
        "too few fields": (
            "the row has {got} fields, the header {want}",
            "A cut or wrapped line? Fix the row, or pass errors='report' to drop it"),
        "unterminated quote": (
            "a quoted value that starts in the row on this line is never closed",
            "Fix the quote, or pass errors='report' to drop this line and read on"),
    }

    def _bad(self, reason, line, text, got=None):
        if self.errors == "raise":
            msg, hint = self._BAD[reason]
            raise PatnetInputError(msg.format(got=got, want=len(self.header)), file=self.label,
                                   line=line, value=text, hint=hint)
        self.report.read(self.table, 1)
        self.report.drop(self.table, reason, file=self.label, line=line, value=text)

    def _drop_header_rows(self, lines):
        for ln in lines:
            self.report.read(self.table, 1)
            self.report.drop(self.table, "repeated header", file=self.label, line=int(ln),
                             value=self.sep.join(self.header_raw)[:_VALUE_CHARS])

    def _blank(self, n):
        if n:
            self.blank_lines += n
            self.report.note(f"{self.table}: blank line skipped", n)

    # -- frames --------------------------------------------------------------
    def _frame(self, arrays: dict, lines) -> pd.DataFrame:
        n = len(lines)
        out = {}
        for c in self.columns:
            if c in arrays:
                a = arrays[c]
                if isinstance(a, list):
                    a = pa.array(a, type=pa.string())
                out[c] = pd.Series(pd.arrays.ArrowStringArray(a) if isinstance(a, pa.Array)
                                   else pd.array(a, dtype=STRING_DTYPE), dtype=STRING_DTYPE)
            else:
                out[c] = strings(None, n)
        df = pd.DataFrame(out)
        df["_file"] = pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[self.label])
        df["_line"] = np.asarray(lines, dtype=np.int64)
        self.rows += n
        return df

    def empty_frame(self) -> pd.DataFrame:
        """A chunk with no rows and the reader's columns."""
        return self._frame({}, np.array([], dtype=np.int64))

    # -- iteration -----------------------------------------------------------
    def __iter__(self):
        if self._started:
            raise PatnetInputError("a DelimitedReader can be iterated only once",
                                   hint="Create a new reader to read the file again")
        self._started = True
        try:
            yield from self._run()
        finally:
            self.close()

    def _run(self):
        stream = self._stream
        line = self.data_line
        mode = self.engine
        nl = len(self.header) == 1 or self._multiline
        switches = 0
        horizon = 0
        while True:
            if mode == "exact":
                allow = self.engine != "exact" and switches < _MAX_SWITCHES
                self.segments.append(("exact", line))
                status = yield from self._exact(stream, line, allow, horizon)
                if status[0] == "eof":
                    return
                line = status[1]
                mode = "fast"
                nl = nl or self._multiline
                continue
            self.segments.append(("fast", line))
            status = yield from self._fast(stream, line, nl)
            if status[0] == "eof":
                return
            _, line, why, horizon = status
            stream.close()
            stream = self._stream = self._open_at(line)
            switches += 1
            if why == "newlines" and not nl:
                nl = True
            else:
                mode = "exact"

    # -- exact path ------------------------------------------------------------
    def _exact(self, stream, line, allow_handoff, horizon=0):
        lr = _LineReader(stream, line)
        reader = csv.reader(lr, **self._dialect)
        n = len(self.header)
        idx = self._needed_idx
        cols = [[] for _ in idx]
        lines = []
        clean = 0
        seen_problem = False
        header_raw = self.header_raw
        blanks = 0

        def flush():
            nonlocal cols, lines, blanks
            self._blank(blanks)
            blanks = 0
            if lines:
                df = self._frame(dict(zip(self._needed, cols)), lines)
                cols = [[] for _ in idx]
                lines = []
                return df
            return None

        while True:
            batch_done = False
            with _field_limit(self.max_field_size):
                while len(lines) < self.chunk_rows:
                    lr.record = []
                    start = lr.line + 1
                    try:
                        rec = next(reader)
                    except StopIteration:
                        batch_done = "eof"
                        break
                    except csv.Error:
                        items = lr.record
                        self._bad("unterminated quote", start, _row_text(items[:1]))
                        lr.push_back(items[1:], start + 1)
                        reader = csv.reader(lr, **self._dialect)
                        clean = 0
                        seen_problem = True
                        continue
                    if len(rec) == 1 and rec[0] == _SENTINEL:
                        batch_done = "eof"
                        break
                    items = lr.record
                    if lr.done and any(_SENTINEL in f for f in rec):
                        self._bad("unterminated quote", start, _row_text(items[:1]))
                        lr.push_back(items[1:], start + 1)
                        reader = csv.reader(lr, **self._dialect)
                        clean = 0
                        seen_problem = True
                        continue
                    if lr.line > start:
                        self._multiline = True
                    if any(it[1] for it in items):
                        for i in idx:
                            if i < len(rec) and _SURROGATE_RE.search(rec[i]):
                                bad = next(k for k, it in enumerate(items) if it[1])
                                self._encoding_error(start + bad, items[bad][0])
                    if len(rec) != n:
                        seen_problem = True
                    if not rec or (not rec[0] and len(rec) <= n and not any(rec)):
                        blanks += 1
                        continue
                    if len(rec) != n:
                        reason = "too many fields" if len(rec) > n else "too few fields"
                        self._bad(reason, start, _row_text(items), len(rec))
                        clean = 0
                        continue
                    if rec == header_raw:
                        self._drop_header_rows([start])
                        continue
                    for j, i in enumerate(idx):
                        cols[j].append(rec[i])
                    lines.append(start)
                    clean += 1
                    if (allow_handoff and clean >= self.handoff and not lr.pending
                            and (seen_problem or lr.line >= horizon)):
                        batch_done = "handoff"
                        break
            df = flush()
            if df is not None:
                yield df
            if batch_done == "eof":
                return ("eof",)
            if batch_done == "handoff":
                stream.unread(lr.release())
                return ("handoff", lr.line + 1)

    # -- fast path -------------------------------------------------------------
    def _fast(self, stream, line, nl):
        names = [f"c{i}" for i in range(len(self.header))]
        needed = set(self._needed_idx)
        types = {nm: (pa.string() if i in needed else pa.binary()) for i, nm in enumerate(names)}
        sentinel = self.sep.join([_SENTINEL] * len(names)).encode("utf-8")
        feed = _ArrowFeed(stream, sentinel)

        def bail(at, why):
            horizon = stream.line
            feed.detach_stream()
            return ("bail", at, why, horizon)

        try:
            reader = pacsv.open_csv(
                feed,
                read_options=pacsv.ReadOptions(column_names=names, block_size=self.block_size,
                                               use_threads=True),
                parse_options=pacsv.ParseOptions(
                    delimiter=self.sep, quote_char=self.quote_char or False, double_quote=True,
                    escape_char=False, newlines_in_values=nl, ignore_empty_lines=False),
                convert_options=pacsv.ConvertOptions(
                    column_types=types, include_columns=names, strings_can_be_null=False,
                    quoted_strings_can_be_null=False, null_values=[], true_values=[],
                    false_values=[]),
            )
        except PatnetInputError:
            raise
        except (pa.ArrowException, ValueError, OSError) as exc:
            return bail(line, _why(exc))
        # A batch is yielded only once the next one has arrived (or the end of the
        # data, with the sentinel row, has): a row with the wrong number of fields
        # makes pyarrow raise, at the latest when its batch is asked for, and a
        # batch delivered before that is complete and clean.
        held = None
        next_line = line
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                batch = None
            except PatnetInputError:
                raise
            except (pa.ArrowException, ValueError, OSError) as exc:
                why = _why(exc)
                if why == "newlines" or held is None:
                    return bail(held["start"] if held else next_line, why)
                yield from self._commit(held)
                return bail(next_line, why)
            if batch is None:
                if held is None or not held["sentinel"]:
                    return bail(held["start"] if held else next_line, "exact")
                yield from self._commit(held)
                return ("eof",)
            if held is not None:
                if held["sentinel"]:  # rows after the sentinel: never in clean data
                    return bail(held["start"], "exact")
                yield from self._commit(held)
                held = None
            held = self._process(batch, next_line, stream.quote_seen)
            if held["breaks"] and not nl:
                # A line break inside a value: without newlines_in_values pyarrow may
                # have cut a quoted value at a block boundary; read it again with them.
                return bail(held["start"], "newlines")
            next_line = held["end"]

    def _process(self, batch, start, quotes):
        n = batch.num_rows
        cols = batch.columns
        breaks = False
        if quotes and n:
            spans = np.ones(n, dtype=np.int64)
            for col in cols:
                if _has_break(col):
                    breaks = True
                    cnt = (pc.count_substring(col, "\n").to_numpy(zero_copy_only=False)
                           + pc.count_substring(col, "\r").to_numpy(zero_copy_only=False)
                           - pc.count_substring(col, "\r\n").to_numpy(zero_copy_only=False))
                    spans += cnt.astype(np.int64)
            ends = np.cumsum(spans)
            lines = start + ends - spans
            end = start + int(ends[-1])
        else:
            lines = start + np.arange(n, dtype=np.int64)
            end = start + n
        keep = np.ones(n, dtype=bool)
        sentinel = False
        if n and all(_text_of(c[n - 1].as_py()) == _SENTINEL for c in cols):
                sentinel = True
                keep[n - 1] = False
                end = int(lines[n - 1])
        # blank rows: every field empty
        blank = np.asarray(pc.equal(pc.binary_length(cols[0]), 0).to_numpy(zero_copy_only=False))
        for c in cols[1:]:
            if not blank.any():
                break
            blank &= np.asarray(pc.equal(pc.binary_length(c), 0).to_numpy(zero_copy_only=False))
        keep &= ~blank
        # repeated header rows
        hdr = np.asarray(pc.equal(pc.cast(cols[0], pa.binary()),
                                  pa.scalar(self.header_raw[0].encode(), pa.binary()))
                         .to_numpy(zero_copy_only=False))
        for c, h in zip(cols[1:], self.header_raw[1:]):
            if not hdr.any():
                break
            hdr &= np.asarray(pc.equal(pc.cast(c, pa.binary()), pa.scalar(h.encode(), pa.binary()))
                              .to_numpy(zero_copy_only=False))
        hdr &= keep
        keep &= ~hdr
        n_blank = int(blank.sum())
        arrays = {}
        mask = pa.array(keep)
        for name, i in zip(self._needed, self._needed_idx):
            col = cols[i]
            arrays[name] = col.filter(mask) if not keep.all() else col
        return {"start": start, "end": end, "arrays": arrays, "lines": lines[keep],
                "header_lines": lines[hdr], "blank": n_blank, "sentinel": sentinel,
                "breaks": breaks}

    def _commit(self, held):
        self._blank(held["blank"])
        if len(held["header_lines"]):
            self._drop_header_rows(held["header_lines"])
        if len(held["lines"]):
            yield self._frame(held["arrays"], held["lines"])


def _text_of(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _why(exc) -> str:
    text = str(exc)
    if "out of sync" in text or "straddl" in text:
        return "newlines"
    return "exact"


def _has_break(col) -> bool:
    """Whether any value of a string/binary array holds a line break (checks the data buffer)."""
    if len(col) == 0:
        return False
    off, data = text_buffers(col)
    data = data[off[0]:off[-1]]
    return bool(np.any(data == 10) or np.any(data == 13))


def iter_delimited(source, **kwargs):
    """Iterate over DataFrame chunks of a delimited text file.

    Takes the arguments of :class:`DelimitedReader`; the header is checked
    before the first chunk.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from patnet.io._text import iter_delimited
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.tsv"
    >>> _ = p.write_text("a\\tb\\n1\\t2\\n3\\t4\\n")
    >>> [len(df) for df in iter_delimited(p, sep="\\t", chunk_rows=1)]
    [1, 1]
    """
    reader = DelimitedReader(source, **kwargs)
    yield from reader


def read_delimited(source, **kwargs) -> pd.DataFrame:
    """Read a whole delimited text file into one DataFrame of text columns.

    Takes the arguments of :class:`DelimitedReader`. The result has the
    requested columns (``string`` dtype), ``_file`` and ``_line``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from patnet.io._text import read_delimited
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_text("id,code\\n0001234,2.0\\n")
    >>> read_delimited(p, sep=",")[["id", "code"]].values.tolist()
    [['0001234', '2.0']]
    """
    reader = DelimitedReader(source, **kwargs)
    parts = list(reader)
    if not parts:
        return reader.empty_frame()
    if len(parts) == 1:
        return parts[0]
    return pd.concat(parts, ignore_index=True)
