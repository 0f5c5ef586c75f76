"""Safe access to input files, plain or inside ``.zip`` archives.

A :class:`Source` is one readable text file: a plain file on disk, or one
member of a zip archive, opened as a stream (never extracted). Listing an
archive checks every member before anything is read:

* member names that would escape a folder (absolute paths, drive letters,
  ``..`` components) are refused with :class:`~patnet.PatnetInputError`;
* zip bombs are refused: a member whose declared uncompressed size is over
  ``max_size`` bytes, or (for members over 1 MiB) whose uncompressed /
  compressed size ratio is over ``max_ratio`` (default 1000; plain text
  compresses about 5-20 times, deflate cannot exceed about 1032);
* encrypted members and unreadable archives are refused with a clear error;
* junk members (``__MACOSX/`` resource forks, dotfiles such as
  ``.DS_Store``) are skipped with one warning in the
  :class:`~patnet.io.LoadReport`; folder entries are skipped silently.

While a member is read, :mod:`zipfile` never returns more than the declared
size and checks the CRC at the end, so a member that lies about its size
fails instead of filling the memory. A deflated member is inflated with
ISA-L when the optional ``isal`` package is installed (``pip install
"patnet[fast]"``): about twice as fast as zlib, which takes most of the time
of reading a zipped PatentsView table. The bytes are the same either way
(the CRC check stays).

Examples
--------
>>> import zipfile, tempfile, pathlib
>>> from patnet.io._archive import open_source
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with zipfile.ZipFile(folder / "g_patent.tsv.zip", "w") as z:
...     z.writestr("g_patent.tsv", "patent_id\\n6836899\\n")
>>> src = open_source(folder / "g_patent.tsv.zip")
>>> src.label, src.size
('g_patent.tsv.zip:g_patent.tsv', 18)
>>> with src.open() as f:
...     f.read()
b'patent_id\\n6836899\\n'
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..exceptions import PatnetInputError

_isal_zlib: Any
try:  # ISA-L's inflate: the same interface as zlib's, about twice as fast
    from isal import isal_zlib as _isal_zlib
except ImportError:  # pragma: no cover - the optional "fast" extra is not installed
    _isal_zlib = None

#: Errors a damaged deflate stream raises (zlib's, and ISA-L's when it is used).
_INFLATE_ERRORS: tuple = (zlib.error,) + ((_isal_zlib.error,) if _isal_zlib is not None else ())

__all__ = [
    "Source",
    "open_source",
    "zip_members",
    "is_junk",
    "DEFAULT_MAX_RATIO",
    "DEFAULT_MAX_SIZE",
]

#: Largest uncompressed / compressed size ratio accepted for a zip member.
DEFAULT_MAX_RATIO = 1000
#: Largest declared uncompressed size of a zip member (bytes): 64 GiB, above
#: the largest table of a PatentsView release.
DEFAULT_MAX_SIZE = 64 * 1024**3
#: Members smaller than this are never refused for their ratio.
_RATIO_MIN_SIZE = 1024**2

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Source:
    """One text file to read: a plain file or a zip member.

    Attributes
    ----------
    path : pathlib.Path
        The file on disk (the archive, for a member).
    member : str or None
        The member name inside the archive, or None for a plain file.
    size : int or None
        Uncompressed size in bytes, when known.
    compressed_size : int or None
        Size on disk of the member (or file).
    label : str
        How the file is named in errors and in the LoadReport
        (``"g_patent.tsv"``, ``"g_patent.tsv.zip:g_patent.tsv"``).
    """

    path: Path
    member: str | None = None
    size: int | None = None
    compressed_size: int | None = None
    label: str = ""

    @property
    def name(self) -> str:
        """The file name of the text itself (the member's base name for archives)."""
        if self.member is not None:
            return PurePosixPath(self.member.replace("\\", "/")).name
        return self.path.name

    def open(self):
        """Open the text as a binary stream (a zip member is decompressed on the fly)."""
        if self.member is None:
            try:
                return open(self.path, "rb")
            except OSError as exc:
                raise PatnetInputError(f"cannot open the file: {exc.strerror or exc}",
                                       file=self.label or self.path) from None
        try:
            zf = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, NotImplementedError) as exc:
            raise _bad_zip(self.path, exc) from None
        try:
            stream = zf.open(self.member)
        except NotImplementedError as exc:
            zf.close()
            raise PatnetInputError(
                f"zip member {self.member!r} uses a compression method Python cannot read ({exc})",
                file=self.path, hint="Unzip the archive with another tool and read the extracted file",
            ) from None
        except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
            zf.close()
            raise _bad_zip(self.path, exc) from None
        _fast_inflate(stream)
        return _MemberStream(stream, zf, self)

    def with_label(self, label: str) -> Source:
        """The same source named ``label`` in messages."""
        return Source(self.path, self.member, self.size, self.compressed_size, label)


def _fast_inflate(stream) -> bool:
    """Inflate a deflated member with ISA-L instead of zlib, when ``isal`` is installed.

    :mod:`zipfile` keeps its size and CRC checks: only the decompressor it
    has just made (nothing is read yet) is replaced by one with the same
    interface. A seek backwards makes a zlib one again, which is correct,
    only slower. Returns whether the stream now inflates with ISA-L.
    """
    if (_isal_zlib is None or getattr(stream, "_compress_type", None) != zipfile.ZIP_DEFLATED
            or not hasattr(stream, "_decompressor")):
        return False
    stream._decompressor = _isal_zlib.decompressobj(-15)
    return True


class _MemberStream:
    """A zip member stream that closes its archive and turns zip errors into PatnetInputError."""

    def __init__(self, stream, zf, source):
        self._stream = stream
        self._zf = zf
        self._source = source

    def read(self, n=-1):
        try:
            return self._stream.read(n)
        except (zipfile.BadZipFile, *_INFLATE_ERRORS, OSError, EOFError, NotImplementedError) as exc:
            raise PatnetInputError(
                f"the zip member {self._source.member!r} is damaged ({exc})",
                file=self._source.path,
                hint="The download may be incomplete: download the archive again",
            ) from None

    def seekable(self):
        return self._stream.seekable()

    def seek(self, offset, whence=0):
        return self._stream.seek(offset, whence)

    def tell(self):
        return self._stream.tell()

    def close(self):
        try:
            self._stream.close()
        finally:
            self._zf.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _bad_zip(path, exc):
    return PatnetInputError(
        f"not a readable zip archive ({exc})", file=path,
        hint="The download may be incomplete or the file is not a zip: download it again",
    )


def is_junk(name: str) -> bool:
    """Whether a zip member is operating-system clutter (``__MACOSX/``, dotfiles)."""
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    if not parts:
        return True
    return parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts)


def _unsafe(name: str) -> bool:
    n = name.replace("\\", "/")
    if n.startswith("/") or _DRIVE.match(n):
        return True
    return any(p == ".." for p in n.split("/"))


def zip_members(path, *, report=None, max_ratio: float = DEFAULT_MAX_RATIO,
                max_size: int = DEFAULT_MAX_SIZE) -> list[Source]:
    """The readable file members of a zip archive, each checked for safety.

    Parameters
    ----------
    path : str or path-like
        The ``.zip`` file.
    report : LoadReport, optional
        Receives one warning naming skipped junk members.
    max_ratio : float
        Largest uncompressed / compressed ratio (members over 1 MiB).
    max_size : int
        Largest declared uncompressed size of a member, in bytes.

    Returns
    -------
    list of Source
        In archive order; folder entries and junk members left out.

    Raises
    ------
    PatnetInputError
        The archive is unreadable, or a member has an unsafe name, is
        encrypted, or looks like a zip bomb.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, NotImplementedError) as exc:
        raise _bad_zip(path, exc) from None
    out, junk = [], []
    for info in infos:
        name = info.filename
        if _unsafe(name):
            raise PatnetInputError(
                f"zip member {name!r} has a path that leaves the archive folder", file=path,
                hint="patnet refuses such archives (they can overwrite files when extracted); "
                     "re-create the archive with plain member names",
            )
        if info.is_dir():
            continue
        if is_junk(name):
            junk.append(name)
            continue
        if info.flag_bits & 0x1:
            raise PatnetInputError(f"zip member {name!r} is encrypted", file=path,
                                   hint="Extract it with its password and read the extracted file")
        if info.file_size > max_size:
            raise PatnetInputError(
                f"zip member {name!r} declares {info.file_size:,} bytes uncompressed, over the "
                f"limit of {max_size:,}", file=path,
                hint="If the archive is genuine, raise the limit (max_size=...) or extract it first",
            )
        if info.file_size > _RATIO_MIN_SIZE:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > max_ratio:
                raise PatnetInputError(
                    f"zip member {name!r} expands {ratio:,.0f} times ({info.compress_size:,} -> "
                    f"{info.file_size:,} bytes): refused as a possible zip bomb", file=path,
                    hint=f"Text compresses far less; if the archive is genuine, raise max_ratio "
                         f"(now {max_ratio}) or extract it first",
                )
        out.append(Source(path=path, member=name, size=info.file_size,
                          compressed_size=info.compress_size, label=f"{path.name}:{name}"))
    if junk and report is not None:
        shown = ", ".join(junk[:5]) + (f" and {len(junk) - 5} more" if len(junk) > 5 else "")
        report.warn(f"{path.name}: skipped {len(junk)} junk member(s) of the archive: {shown}")
    return out


def open_source(path, *, member: str | None = None, report=None,
                max_ratio: float = DEFAULT_MAX_RATIO, max_size: int = DEFAULT_MAX_SIZE,
                label: str | None = None) -> Source:
    """A :class:`Source` for a plain text file, or for the text inside a ``.zip``.

    Parameters
    ----------
    path : str or path-like
        A text file, or a ``.zip`` archive.
    member : str, optional
        The member to read from an archive; by default the archive must hold
        exactly one file (after junk members are skipped).
    report, max_ratio, max_size
        See :func:`zip_members`.
    label : str, optional
        Name used in messages (default: the file name, ``archive:member``
        for a member).

    Raises
    ------
    PatnetInputError
        The file does not exist, the archive is unsafe, or it holds no
        file / several files and ``member`` was not given.
    """
    path = Path(os.fspath(path))
    if not path.exists():
        raise PatnetInputError("file not found", file=path,
                               hint="Check the path (and the working directory)")
    if path.is_dir():
        raise PatnetInputError("expected a file, got a folder", file=path)
    if path.suffix.lower() != ".zip":
        if member is not None:
            raise PatnetInputError(f"member={member!r} given but the file is not a zip archive",
                                   file=path)
        size = path.stat().st_size
        return Source(path=path, size=size, compressed_size=size, label=label or path.name)
    members = zip_members(path, report=report, max_ratio=max_ratio, max_size=max_size)
    if member is not None:
        found = [m for m in members if m.member == member]
        if not found:
            from ..schema import did_you_mean

            names = [m.member for m in members if m.member is not None]
            raise PatnetInputError(
                f"the archive has no member {member!r}{did_you_mean(member, names)}", file=path,
                hint=f"Members: {', '.join(names) or 'none'}",
            )
        src = found[0]
    elif len(members) == 1:
        src = members[0]
    elif not members:
        raise PatnetInputError("the zip archive holds no file", file=path)
    else:
        names = [m.member for m in members if m.member is not None]
        raise PatnetInputError(
            f"the zip archive holds {len(names)} files; say which to read with member=...",
            file=path, hint=f"Members: {', '.join(names[:10])}",
        )
    return src.with_label(label) if label else src
