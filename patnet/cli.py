"""The ``patnet`` command, built on the public API only.

Examples
--------
::

    patnet --version
    patnet info sample                      # the bundled sample corpus
    patnet info path/to/patentsview/folder  # g_*.tsv or g_*.tsv.zip
    patnet info ipg230404.xml               # USPTO grant XML (plain or zipped)
    patnet info my-corpus/                  # a folder written by patnet.io.write_corpus
    patnet report --sample --out patnet-report
    patnet report --patentsview data/pv --years 2001 2017 --province CN-JS --out jiangsu
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


def _step(message: str) -> None:
    print(f"patnet: {message}", file=sys.stderr, flush=True)


def _report(args) -> int:
    import patnet as pn

    sources = [(k, v) for k, v in (("sample", args.sample), ("patentsview", args.patentsview),
                                   ("xml", args.xml), ("corpus", args.corpus)) if v]
    if len(sources) != 1:
        raise pn.PatnetInputError(
            "give exactly one source",
            hint="Use --sample, --patentsview DIR, --xml FILE [FILE ...] or --corpus DIR")
    kind, value = sources[0]
    _step(f"loading {'the bundled sample' if kind == 'sample' else value} ...")
    if kind == "sample":
        corpus, report = load_source("sample")
    elif kind == "xml":
        corpus, report = pn.io.read_uspto_xml(value, errors=args.errors)
    else:
        corpus, report = load_source(value, kind, errors=args.errors)
    _step(f"{corpus.n_patents:,} patents loaded; normalising places and selecting cooperation patents ...")
    level = args.field_level
    if level == "study1":
        level = pn.classify.STUDY1_TABLE4
    partners = args.partners
    if "," in partners or (len(partners) == 2 and partners.isupper()):
        partners = [p.strip() for p in partners.split(",") if p.strip()]
    province = None if args.province.lower() == "none" else args.province
    study = pn.report.cooperation_study(
        corpus, focal=args.focal, partners=partners, province=province,
        years=tuple(args.years) if args.years else None, group=args.group, field_level=level,
        counting=args.counting, residence=args.residence, date_basis=args.date_basis,
        exclude_others=args.exclude_others, breaks=args.breaks, n_stages=args.stages,
        published=pn.report.STUDY1_PUBLISHED if args.compare == "study1" else None,
        load_report=report)
    _step(f"{study.cooperation.n_patents:,} cooperation patents; writing the report ...")
    out = study.save(args.out)
    print(f"Report written to {out}/: open {out / 'index.html'} in a browser "
          f"(Markdown: {out / 'report.md'}; tables as CSV in {out / 'tables'}; "
          f"figures in {out / 'figures'}).")
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

    rep = sub.add_parser("report", help="run a co-invention study and write its report",
                         description="Run a cooperation study (selection, tables, figures) and "
                                     "write it as Markdown, HTML, CSV and PNG/SVG.")
    src = rep.add_argument_group("source (one of)")
    src.add_argument("--sample", action="store_true", help="the bundled sample corpus")
    src.add_argument("--patentsview", metavar="DIR", help="a folder of PatentsView g_*.tsv(.zip) tables")
    src.add_argument("--xml", metavar="FILE", nargs="+", help="USPTO grant XML files (plain or zipped)")
    src.add_argument("--corpus", metavar="DIR", help="a folder written by patnet.io.write_corpus")
    rep.add_argument("--out", default="patnet-report", help="output folder (default: patnet-report)")
    rep.add_argument("--focal", default="CN", help="focal country, ISO code (default: CN)")
    rep.add_argument("--partners", default="bri",
                     help="partner group name or comma-separated ISO codes (default: bri)")
    rep.add_argument("--group", default="bri", help="region group for the region tables (default: bri)")
    rep.add_argument("--province", default="CN-JS",
                     help="focal province, ISO 3166-2 code, or 'none' (default: CN-JS)")
    rep.add_argument("--years", nargs=2, type=int, metavar=("FIRST", "LAST"), default=[2001, 2017],
                     help="period, inclusive (default: 2001 2017)")
    rep.add_argument("--date-basis", choices=("grant", "filing"), default="grant")
    rep.add_argument("--residence", choices=("inventors", "applicants", "either"), default="inventors")
    rep.add_argument("--counting", choices=("full", "fractional"), default="full")
    rep.add_argument("--field-level", default="section",
                     choices=("section", "wipo_field", "wipo_sector", "study1"),
                     help="technology level; 'study1' is the paper's mix of sections and classes")
    rep.add_argument("--exclude-others", action="store_true",
                     help="drop patents with inventors from third countries")
    rep.add_argument("--breaks", nargs="+", type=int, metavar="YEAR",
                     help="first years of stages 2, 3, ... (default: find them)")
    rep.add_argument("--stages", type=int, default=3, help="number of stages to find (default: 3)")
    rep.add_argument("--compare", choices=("study1",),
                     help="show published values beside the computed ones")
    rep.add_argument("--errors", choices=("raise", "report"), default="report",
                     help="unreadable rows: stop, or drop and report them (default)")
    rep.set_defaults(func=_report)
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
