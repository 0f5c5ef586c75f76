"""The ``patnet`` command, built on the public API only.

Examples
--------
::

    patnet --version
    patnet info sample                      # the bundled sample corpus
    patnet info path/to/patentsview/folder  # g_*.tsv or g_*.tsv.zip
    patnet info ipg230404.xml               # USPTO grant XML (plain or zipped)
    patnet info my-corpus/                  # a folder written by patnet.io.write_corpus
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["main", "detect_source", "load_source"]

SOURCES = ("auto", "sample", "patentsview", "xml", "corpus")


def detect_source(path: str) -> str:
    """Which loader reads ``path``: ``"sample"``, ``"corpus"``, ``"patentsview"`` or ``"xml"``.

    Examples
    --------
    >>> from patnet.cli import detect_source
    >>> detect_source("sample")
    'sample'
    """
    from .exceptions import PatnetInputError

    if path == "sample":
        return "sample"
    p = Path(path)
    if not p.exists():
        raise PatnetInputError(f"{path} does not exist", file=path,
                               hint="Give a PatentsView folder, a grant XML file or folder, "
                                    "a corpus folder, or 'sample'")
    if p.is_dir():
        names = [q.name for q in p.iterdir()]
        if "corpus.json" in names or "patents.csv" in names:
            return "corpus"
        if any(n.startswith("g_patent.") for n in names):
            return "patentsview"
        if any(n.lower().endswith((".xml", ".zip")) for n in names):
            return "xml"
        raise PatnetInputError(
            f"cannot tell what {path} holds", file=path,
            hint="Expected g_patent.tsv(.zip) (PatentsView), *.xml / *.zip (USPTO grant XML) or "
                 "corpus.json (patnet.io.write_corpus); pass --source to choose")
    if p.suffix.lower() in (".xml", ".zip"):
        return "xml"
    raise PatnetInputError(f"cannot tell what {path} holds", file=path,
                           hint="Pass --source patentsview|xml|corpus")


def load_source(path: str, source: str = "auto", *, errors: str = "raise"):
    """Load ``path`` with the loader ``source`` names; return ``(corpus, report)``."""
    import patnet as pn

    if source == "auto":
        source = detect_source(path)
    if source == "sample":
        corpus = pn.datasets.load_sample()
        report = pn.io.LoadReport(source="patnet bundled sample (synthetic)")
        for t, df in corpus.tables.items():
            report.read(t, len(df))
            report.loaded(t, len(df))
        return corpus, report
    if source == "patentsview":
        return pn.io.read_patentsview(path, errors=errors)
    if source == "xml":
        return pn.io.read_uspto_xml(path, errors=errors)
    if source == "corpus":
        return pn.io.read_corpus(path, errors=errors)
    raise pn.PatnetInputError(f"unknown source {source!r}", hint=f"Use one of {', '.join(SOURCES)}")


def _info(args) -> int:
    corpus, report = load_source(args.path, args.source, errors=args.errors)
    print(repr(corpus))
    print()
    print(corpus.summary().to_string())
    print()
    print(report)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="patnet",
        description="Co-invention networks, cooperation measures and study reports from patent records.",
    )
    parser.add_argument("--version", action="version", version=f"patnet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    info = sub.add_parser("info", help="load a source and print what it holds and its load report")
    info.add_argument("path", help="PatentsView folder, grant XML file/folder, corpus folder, or 'sample'")
    info.add_argument("--source", choices=SOURCES, default="auto", help="loader to use (default: detect)")
    info.add_argument("--errors", choices=("raise", "report"), default="report",
                      help="unreadable rows: stop with an error, or drop and report them (default)")
    info.set_defaults(func=_info)
    return parser


def main(argv=None) -> int:
    """Run the ``patnet`` command; return the exit status."""
    import warnings

    from .exceptions import PatnetError, PatnetWarning

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    with warnings.catch_warnings():
        # warnings are part of the load report printed at the end
        warnings.simplefilter("ignore", PatnetWarning)
        try:
            return args.func(args)
        except PatnetError as exc:
            print(f"patnet: error: {exc}", file=sys.stderr)
            return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
