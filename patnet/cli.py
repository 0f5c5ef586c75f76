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
    patnet build sample --level province+country --format gexf --out cooperation.gexf
    patnet build data/pv --level org --counting fractional --format vosviewer --out orgs
    patnet build my-corpus/ --level country --years 2001 2017 --format csv --out countries
    patnet download patentsview --tables inventors,locations,assignees,patents,ipc --dest data/pv
    patnet --quiet build sample --level country --out countries.graphml   # errors only

Long steps show progress bars on standard error when it is a terminal.
Every command takes ``--quiet`` (no progress bars or messages: only errors,
and what ``info`` was asked to print) and ``--debug`` (the traceback with an
error), before or after the command name. An error is one line on standard
error, ``patnet: error: <what> (<where>); <how to fix>``, with exit status 1
for a problem with the data, the files or the network and 2 for a problem
with the command line.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import traceback
from pathlib import Path

__all__ = ["build_parser", "detect_source", "load_source", "main"]

SOURCES = ("auto", "sample", "patentsview", "xml", "corpus")

#: ``patnet build --level`` choices.
BUILD_LEVELS = ("country", "province+country", "province", "region", "org", "sector",
                "inventor", "field")
_GEO_LEVELS = ("country", "province+country", "province", "region")
#: ``patnet build --format`` choices and the suffix each adds to ``--out`` when it has none.
BUILD_FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "pajek": ".net", "vosviewer": "",
                 "csv": ""}
_FORMAT_OF_SUFFIX = {".graphml": "graphml", ".gexf": "gexf", ".net": "pajek", ".paj": "pajek",
                     ".json": "vosviewer", ".csv": "csv"}
_NORMALIZE = ("none", "association_strength", "salton", "jaccard", "inclusion", "equivalence")


class UsageError(Exception):
    """A problem with the command line that argparse cannot see (exit status 2)."""

    def __init__(self, message, *, where=None, hint=None):
        self.message, self.where, self.hint = message, where, hint
        super().__init__(message)


# -- sources ----------------------------------------------------------------------------
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


def load_source(path: str, source: str = "auto", *, errors: str = "raise", progress=None,
                years=None, memory_check: bool = True):
    """Load ``path`` with the loader ``source`` names; return ``(corpus, report)``.

    ``progress`` is passed to the loaders that show one (``None``: only for
    large inputs; ``False``: never). ``years`` is passed to
    :func:`patnet.io.read_patentsview` (which filters while reading; the other
    loaders read every patent), ``memory_check`` to it and to
    :func:`patnet.io.read_corpus`.
    """
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
        return pn.io.read_patentsview(path, errors=errors, progress=progress,
                                      years=tuple(years) if years else None,
                                      memory_check=memory_check)
    if source == "xml":
        return pn.io.read_uspto_xml(path, errors=errors, progress=progress)
    if source == "corpus":
        return pn.io.read_corpus(path, errors=errors, memory_check=memory_check)
    raise pn.PatnetInputError(f"unknown source {source!r}", hint=f"Use one of {', '.join(SOURCES)}")


# -- progress -----------------------------------------------------------------------------
class _Steps:
    """A progress bar over the steps of a command (on standard error; none with --quiet)."""

    def __init__(self, quiet: bool, total: int, name: str):
        self.quiet, self.total, self.name, self.bar = quiet, total, name, None

    def __call__(self, what: str) -> None:
        if self.quiet or not _interactive():
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, desc=what, file=sys.stderr, leave=False,
                            dynamic_ncols=True,
                            bar_format=f"patnet {self.name}: " + "{desc} ({n_fmt}/{total_fmt} "
                                       "steps done, {elapsed})")
        else:
            self.bar.set_description_str(what, refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(1)
            self.bar.close()


def _interactive() -> bool:
    """Progress bars only on a terminal, so logs and pipes get plain lines."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _loader_progress(args):
    """``progress=`` for the loaders and builders: automatic (large inputs) on a terminal,
    else off."""
    return None if not args.quiet and _interactive() else False


def _say(args, text: str) -> None:
    if not args.quiet:
        print(text)


# -- info -------------------------------------------------------------------------------------
def _info(args) -> int:
    corpus, report = load_source(args.path, args.source, errors=args.errors,
                                 progress=_loader_progress(args),
                                 memory_check=not args.no_memory_check)
    print(repr(corpus))
    print()
    print(corpus.summary().to_string())
    print()
    print(report)
    return 0


# -- report -----------------------------------------------------------------------------------
def _report(args) -> int:
    import patnet as pn

    sources = [(k, v) for k, v in (("sample", args.sample), ("patentsview", args.patentsview),
                                   ("xml", args.xml), ("corpus", args.corpus)) if v]
    if len(sources) != 1:
        raise UsageError("give exactly one source", where="patnet report",
                         hint="use --sample, --patentsview DIR, --xml FILE [FILE ...] or --corpus DIR")
    kind, value = sources[0]
    step = _Steps(args.quiet, 3, "report")
    try:
        step(f"loading {'the bundled sample' if kind == 'sample' else value}")
        if kind == "sample":
            corpus, report = load_source("sample")
        elif kind == "xml":
            corpus, report = pn.io.read_uspto_xml(value, errors=args.errors,
                                                  progress=_loader_progress(args))
        elif kind == "patentsview":
            # filter while streaming: the study only reads the focal country's patents of the
            # period, so a full release loads in a fraction of its memory and time
            corpus, report = pn.io.read_patentsview(
                value, errors=args.errors, progress=_loader_progress(args),
                years=tuple(args.years) if args.years else None, date_basis=args.date_basis,
                countries=[args.focal] if args.residence == "inventors" else None,
                memory_check=not args.no_memory_check)
        else:
            corpus, report = load_source(value, kind, errors=args.errors,
                                         progress=_loader_progress(args),
                                         memory_check=not args.no_memory_check)
        step(f"{corpus.n_patents:,} patents; normalising places, selecting cooperation patents")
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
            main_only=args.main_only, counting=args.counting, residence=args.residence,
            date_basis=args.date_basis, exclude_others=args.exclude_others, breaks=args.breaks,
            n_stages=args.stages,
            published=pn.report.STUDY1_PUBLISHED if args.compare == "study1" else None,
            load_report=report, progress=_loader_progress(args))
        step(f"{study.cooperation.n_patents:,} cooperation patents; writing the report")
        out = study.save(args.out)
    finally:
        step.close()
    _say(args, f"Report written to {out}/: open {out / 'index.html'} in a browser "
               f"(Markdown: {out / 'report.md'}; tables as CSV in {out / 'tables'}; "
               f"figures in {out / 'figures'}).")
    return 0


# -- build ------------------------------------------------------------------------------------
def _outputs(out, fmt, level):
    """(format, writer kind, [paths]) for ``--out`` / ``--format``."""
    if out is None:
        fmt = fmt or "graphml"
        out = Path(f"patnet-{level.replace('+', '-')}{BUILD_FORMATS[fmt]}")
    else:
        out = Path(out)
        if fmt is None:
            fmt = _FORMAT_OF_SUFFIX.get(out.suffix.lower(), "graphml")
        elif BUILD_FORMATS[fmt] and not out.suffix:
            out = out.with_name(out.name + BUILD_FORMATS[fmt])
    if out.exists() and out.is_dir() and fmt not in ("vosviewer", "csv"):
        raise UsageError(f"--out {out} is a folder", where="patnet build",
                         hint=f"give a file name such as {out / ('graph' + BUILD_FORMATS[fmt])}")
    stem = out.name.removesuffix(".csv").removesuffix(".txt")
    if fmt == "vosviewer":
        if out.suffix.lower() == ".json":
            return fmt, "vosviewer_json", [out]
        return fmt, "vosviewer", [out.with_name(f"{stem}_map.txt"),
                                  out.with_name(f"{stem}_network.txt")]
    if fmt == "csv":
        return fmt, "csv", [out.with_name(f"{stem}_nodes.csv"), out.with_name(f"{stem}_edges.csv")]
    return fmt, fmt, [out]


def _needs_sectors(corpus) -> bool:
    apps = corpus.applicants
    if "sector" not in apps.columns or not len(apps):
        return "sector" not in apps.columns
    known = apps["sector"].dropna()
    return bool((known.astype(str) == "unknown").all())


def _graph(pn, corpus, args, normalize):
    common = {"counting": args.counting, "normalize": normalize, "min_weight": args.min_weight,
              "progress": _loader_progress(args)}
    if args.level in _GEO_LEVELS:
        return pn.build.geo_graph(corpus, level=args.level, **common)
    if args.level == "org":
        return pn.build.org_graph(corpus, **common)
    if args.level == "inventor":
        return pn.build.inventor_graph(corpus, **common)
    return pn.build.graph(corpus, args.level, **common)  # "sector", "field"


def _write(pn, G, kind, paths) -> None:
    for p in paths:
        p.parent.mkdir(parents=True, exist_ok=True)
    if kind == "graphml":
        pn.export.write_graphml(G, paths[0])
    elif kind == "gexf":
        pn.export.write_gexf(G, paths[0])
    elif kind == "pajek":
        pn.export.write_pajek(G, paths[0])
    elif kind == "vosviewer":
        pn.export.write_vosviewer(G, paths[0], paths[1])
    elif kind == "vosviewer_json":
        pn.export.write_vosviewer_json(G, paths[0])
    else:
        pn.export.write_csv(G, paths[0], paths[1])


def _build(args) -> int:
    import patnet as pn

    normalize = None if args.normalize == "none" else args.normalize
    try:
        pn.build.weights.check_normalization(normalize, args.counting)
    except pn.PatnetInputError:
        raise UsageError(f"--normalize {args.normalize} divides by patent counts and needs "
                         f"--counting full, not {args.counting}", where="patnet build",
                         hint="use --counting full, or --normalize association_strength, "
                              "which works under any counting") from None
    if args.years and args.years[0] > args.years[1]:
        raise UsageError(f"--years {args.years[0]} {args.years[1]}: the first year is after the last",
                         where="patnet build", hint="give the first year, then the last")
    fmt, kind, paths = _outputs(args.out, args.format, args.level)
    if args.out_of_core:
        return _build_out_of_core(args, normalize, fmt, kind, paths)
    # inventors and organisations have a country and province too (their most frequent)
    needs_geo = args.level in _GEO_LEVELS or args.level in ("inventor", "org")
    step = _Steps(args.quiet, 3 + needs_geo, "build")
    try:
        step(f"loading {'the bundled sample' if args.source_path == 'sample' else args.source_path}")
        corpus, _ = load_source(args.source_path, args.source, errors=args.errors,
                                progress=_loader_progress(args), years=args.years,
                                memory_check=not args.no_memory_check)
        if args.years:
            corpus = corpus.filter_years(*args.years)
        if needs_geo:
            step(f"{corpus.n_patents:,} patents; normalising countries and provinces")
            corpus, _ = pn.geo.normalize(corpus)
        step(f"building the {args.level} graph")
        if args.level in ("org", "sector") and _needs_sectors(corpus):
            corpus, _ = pn.classify.assign_sectors(corpus)
        G = _graph(pn, corpus, args, normalize)
        step(f"writing {fmt}")
        _write(pn, G, kind, paths)
    finally:
        step.close()
    _built(args, G, normalize, paths)
    return 0


def _built(args, G, normalize, paths) -> None:
    files = " and ".join(str(p) for p in paths)
    _say(args, f"patnet build: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges "
               f"({args.level}, {args.counting} counting"
               f"{', ' + normalize if normalize else ''}); wrote {files}")


def _build_out_of_core(args, normalize, fmt, kind, paths) -> int:
    """``patnet build --out-of-core``: the graph from :func:`patnet.outofcore.graph`."""
    import patnet as pn
    from . import outofcore

    if args.level not in outofcore.GRAPH_LEVELS:
        raise UsageError(
            f"--out-of-core builds the levels {', '.join(outofcore.GRAPH_LEVELS)}, "
            f"not --level {args.level}", where="patnet build",
            hint="build without --out-of-core on the years you need (--years)")
    source = detect_source(args.source_path) if args.source == "auto" else args.source
    if source not in ("patentsview", "corpus"):
        raise UsageError(
            f"--out-of-core reads a PatentsView folder or a corpus folder, not "
            f"{'the bundled sample' if source == 'sample' else 'grant XML'}",
            where="patnet build",
            hint="leave out --out-of-core (this source is read in memory), or write the corpus "
                 "with patnet.io.write_corpus and build from that folder")
    step = _Steps(args.quiet, 2, "build")
    try:
        step(f"aggregating the {args.level} graph of {args.source_path} in DuckDB "
             f"(memory limit {args.memory_limit}, spilling to disk beyond it)")
        G = outofcore.graph(args.source_path, args.level, counting=args.counting,
                            normalize=normalize, min_weight=args.min_weight,
                            years=tuple(args.years) if args.years else None,
                            memory_limit=args.memory_limit, errors=args.errors,
                            progress=_loader_progress(args) is not False)
        dropped = G.graph["rows_dropped_unreadable_patent_id"]
        if dropped:
            _say(args, f"patnet build: dropped {dropped:,} rows with an unreadable patent "
                       "number (--errors raise stops at the first)")
        step(f"writing {fmt}")
        _write(pn, G, kind, paths)
    finally:
        step.close()
    _built(args, G, normalize, paths)
    return 0


# -- download ---------------------------------------------------------------------------------
def _tables_arg(text: str) -> list:
    from .io.download import PATENTSVIEW_FILES

    known = set(PATENTSVIEW_FILES) | set(PATENTSVIEW_FILES.values())
    names = [t.strip() for t in text.split(",") if t.strip()]
    bad = [t for t in names
           if t.lower().removesuffix(".zip").removesuffix(".tsv") not in known]
    if bad or not names:
        what = f"unknown table {', '.join(map(repr, bad))}" if bad else "no table given"
        raise argparse.ArgumentTypeError(
            f"{what}; valid names are {', '.join(PATENTSVIEW_FILES)} (or the PatentsView "
            f"names, such as g_patent)")
    return names


def _download(args) -> int:
    import patnet as pn

    out = pn.io.download_patentsview(args.tables, args.dest, base_url=args.base_url,
                                     progress=not args.quiet and _interactive(),
                                     overwrite=args.overwrite,
                                     timeout=args.timeout)
    if not args.quiet:
        print(out[["table", "file", "bytes", "status", "verified", "seconds"]]
              .to_string(index=False))
        print(f"{len(out)} file(s) in {args.dest}; load them with: patnet info {args.dest}")
    return 0


# -- the parser -------------------------------------------------------------------------------
class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line: ``patnet: error: ...``."""

    def error(self, message):
        self.exit(2, f"patnet: error: {_one_line(message)} ({self.prog}); "
                     f"see '{self.prog} --help'\n")


def _wrap(text: str) -> str:
    return textwrap.fill(text, 79)


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _common() -> _Parser:
    """--quiet and --debug, accepted after a command name as well as before it."""
    p = _Parser(add_help=False)
    p.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                   help="no progress bars or messages; only errors")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show the traceback with an error")
    return p


def build_parser() -> argparse.ArgumentParser:
    """The ``patnet`` argument parser (commands info, report, build, download)."""
    from . import __version__

    raw = argparse.RawDescriptionHelpFormatter
    common = _common()
    parser = _Parser(
        prog="patnet", formatter_class=raw,
        description="Co-invention networks, cooperation measures and study reports from patent "
                    "records.",
        epilog=_examples(
            "patnet info sample",
            "patnet report --sample --out patnet-report",
            "patnet build sample --level province+country --format gexf --out cooperation.gexf",
            "patnet download patentsview --dest data/pv",
            "patnet --quiet build data/pv --level country --out countries.graphml"))
    parser.add_argument("--version", action="version", version=f"patnet {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bars or messages; only errors")
    parser.add_argument("--debug", action="store_true", help="show the traceback with an error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    info = sub.add_parser(
        "info", parents=[common], formatter_class=raw,
        help="load a source and print what it holds and its load report",
        description="Load a source and print what it holds and its load report.",
        epilog=_examples("patnet info sample",
                         "patnet info data/pv                 # PatentsView g_*.tsv(.zip) folder",
                         "patnet info ipg180102.zip           # USPTO grant XML",
                         "patnet info my-corpus/ --errors raise"))
    info.add_argument("path", help="PatentsView folder, grant XML file/folder, corpus folder, or 'sample'")
    info.add_argument("--source", choices=SOURCES, default="auto", help="loader to use (default: detect)")
    info.add_argument("--errors", choices=("raise", "report"), default="report",
                      help="unreadable rows: stop with an error, or drop and report them (default)")
    info.add_argument("--no-memory-check", action="store_true",
                      help="load a PatentsView folder or a corpus folder even when its "
                           "estimated peak memory exceeds what is available")
    info.set_defaults(func=_info)

    rep = sub.add_parser(
        "report", parents=[common], formatter_class=raw,
        help="run a co-invention study and write its report",
        description="Run a cooperation study (selection, tables, figures) and write it as "
                    "Markdown, HTML, CSV and PNG/SVG.",
        epilog=_examples(
            "patnet report --sample --out patnet-report",
            "patnet report --patentsview data/pv --years 2001 2017 --province CN-JS --out jiangsu",
            "patnet report --xml ipg180102.zip ipg180109.zip --counting fractional --out weekly",
            "patnet report --corpus my-corpus/ --partners SG,MY,TH --province none"))
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
    rep.add_argument("--main-only", action="store_true",
                     help="count each patent in the field of its main (first) IPC code only")
    rep.add_argument("--exclude-others", action="store_true",
                     help="drop patents with inventors from third countries")
    rep.add_argument("--breaks", nargs="+", type=int, metavar="YEAR",
                     help="first years of stages 2, 3, ... (default: find them)")
    rep.add_argument("--stages", type=int, default=3, help="number of stages to find (default: 3)")
    rep.add_argument("--compare", choices=("study1",),
                     help="show published values beside the computed ones")
    rep.add_argument("--errors", choices=("raise", "report"), default="report",
                     help="unreadable rows: stop, or drop and report them (default)")
    rep.add_argument("--no-memory-check", action="store_true",
                     help="load even when the estimated peak memory exceeds what is available")
    rep.set_defaults(func=_report)

    bld = sub.add_parser(
        "build", parents=[common], formatter_class=raw,
        help="build a co-invention network and write it for Gephi, Pajek, VOSviewer or as CSV",
        description=_wrap(
            "Load a source, build a co-invention network at one level and write it. "
            "Geographic levels normalise countries and Chinese provinces first; the "
            "org and sector levels classify applicants into sectors when the source "
            "has none. GraphML, GEXF and Pajek write one file; VOSviewer writes "
            "OUT_map.txt and OUT_network.txt (or one JSON file if OUT ends in .json); "
            "CSV writes OUT_nodes.csv, OUT_edges.csv and OUT_nodes.meta.json."),
        epilog=_examples(
            "patnet build sample --level province+country --format gexf --out cooperation.gexf",
            "patnet build data/pv --level country --years 2001 2017 --out countries.graphml",
            "patnet build data/pv --level province+country --out-of-core --out provinces.gexf",
            "patnet build data/pv --level org --counting fractional --format vosviewer --out orgs",
            "patnet build my-corpus/ --level field --normalize association_strength --format csv "
            "--out fields",
            "patnet build ipg180102.zip --level inventor --min-weight 2 --format pajek --out inv.net"))
    bld.add_argument("source_path", metavar="SOURCE",
                     help="PatentsView folder, grant XML file/folder, corpus folder, or 'sample'")
    bld.add_argument("--source", choices=SOURCES, default="auto", help="loader to use (default: detect)")
    bld.add_argument("--level", choices=BUILD_LEVELS, default="province+country",
                     help="what a node is (default: province+country)")
    bld.add_argument("--counting", choices=("full", "fractional", "patent_share"), default="full",
                     help="how a patent with n units weighs each pair: 1, 1/(n-1) or 1/C(n,2) "
                          "(default: full)")
    bld.add_argument("--normalize", choices=_NORMALIZE, default="none",
                     help="replace weights by a similarity (all but association_strength need "
                          "--counting full; default: none)")
    bld.add_argument("--format", choices=tuple(BUILD_FORMATS),
                     help="file format (default: from the --out suffix, else graphml)")
    bld.add_argument("--out", metavar="PATH",
                     help="file to write (default: patnet-LEVEL.graphml); see above for "
                          "vosviewer and csv")
    bld.add_argument("--years", nargs=2, type=int, metavar=("FIRST", "LAST"),
                     help="keep patents of these years, inclusive (default: all)")
    bld.add_argument("--min-weight", type=float, metavar="W",
                     help="leave out edges lighter than W")
    bld.add_argument("--errors", choices=("raise", "report"), default="report",
                     help="unreadable rows: stop, or drop and report them (default)")
    bld.add_argument("--no-memory-check", action="store_true",
                     help="load a PatentsView folder or a corpus folder even when its "
                          "estimated peak memory exceeds what is available")
    bld.add_argument("--out-of-core", action="store_true",
                     help="aggregate the graph in DuckDB from the files, without loading them "
                          "(a PatentsView or corpus folder larger than memory; every level "
                          "but region, sector and field; needs patnet[duckdb])")
    bld.add_argument("--memory-limit", default="4GB", metavar="SIZE",
                     help="with --out-of-core: DuckDB's memory budget, beyond which it spills "
                          "to the temporary folder (default: 4GB)")
    bld.set_defaults(func=_build)

    dl_examples = _examples(
        "patnet download patentsview --dest data/pv",
        "patnet download patentsview --tables patents,inventors,locations,cpc --dest data/pv",
        "patnet download patentsview --tables inventors_raw,locations_raw --dest data/pv "
        "--base-url https://mirror.example.org/patentsview/",
        "PATNET_PATENTSVIEW_URL=https://mirror.example.org/pv/ patnet download patentsview")
    dl = sub.add_parser(
        "download", parents=[common], formatter_class=raw,
        help="download patent data (PatentsView bulk tables)",
        description="Download patent data. Interrupted downloads resume when run again.",
        epilog=dl_examples)
    dl_sub = dl.add_subparsers(dest="data_source", metavar="SOURCE", required=True)
    pv = dl_sub.add_parser(
        "patentsview", parents=[common], formatter_class=raw,
        help="PatentsView granted-patent bulk tables (g_*.tsv.zip)",
        description=_wrap(
            "Download PatentsView granted-patent bulk tables (g_*.tsv.zip, left "
            "zipped) into a folder that 'patnet info' and 'patnet build' read. "
            "Downloads resume, are checked against the size (and any checksum) the "
            "server publishes, and files already complete are skipped. Tables: "
            "patents, applications, inventors, locations, assignees, ipc, cpc, wipo, "
            "inventors_raw, locations_raw, assignees_raw (or the PatentsView names, "
            "e.g. g_patent)."),
        epilog=dl_examples)
    pv.add_argument("--tables", type=_tables_arg,
                    default=["inventors", "locations", "assignees", "patents", "ipc"],
                    help="comma-separated tables (default: inventors,locations,assignees,"
                         "patents,ipc)")
    pv.add_argument("--dest", default="data/pv", metavar="DIR",
                    help="folder to write to (default: data/pv)")
    pv.add_argument("--base-url", metavar="URL",
                    help="server folder holding the files (default: $PATNET_PATENTSVIEW_URL, "
                         "else https://s3.amazonaws.com/data.patentsview.org/download/)")
    pv.add_argument("--overwrite", action="store_true",
                    help="download files already present again")
    pv.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                    help="seconds to wait for the server (default: 60)")
    pv.set_defaults(func=_download)
    return parser


# -- errors ---------------------------------------------------------------------------------------
def _one_line(text) -> str:
    return " ".join(str(text).split())


def _lower_first(text: str) -> str:
    text = text.strip().rstrip(".")
    if text[:1].isupper() and not text[1:2].isupper():
        return text[0].lower() + text[1:]
    return text


def _where_input(exc) -> str:
    parts = []
    if exc.file is not None:
        parts.append(f"file {exc.file!r}")
    if exc.line is not None:
        parts.append(f"line {exc.line}")
    if exc.column is not None:
        parts.append(f"column {exc.column!r}")
    if exc.value is not None:
        shown = str(exc.value)
        parts.append(f"value {shown[:77] + '...' if len(shown) > 80 else shown!r}")
    return ", ".join(parts)


def _error_line(exc, command):
    """(exit status, one-line message) for a user error; (None, None) for anything else."""
    from .exceptions import PatnetError, PatnetInputError

    where = f"patnet {command}"
    if isinstance(exc, UsageError):
        code, what, where, hint = 2, exc.message, exc.where or where, exc.hint
    elif isinstance(exc, PatnetInputError):
        code, what, where, hint = 1, exc.message, _where_input(exc), exc.hint
    elif isinstance(exc, PatnetError):
        code, what, hint = 1, str(exc), None
    elif isinstance(exc, FileNotFoundError):
        code, what = 1, exc.strerror or "file not found"
        where = f"file {exc.filename!r}" if exc.filename else where
        hint = "check the path"
    elif isinstance(exc, OSError):
        code, what = 1, exc.strerror or str(exc)
        where = f"file {exc.filename!r}" if exc.filename else where
        hint = "check the path, its permissions and the free space"
    elif isinstance(exc, ValueError):
        code, what, hint = 2, str(exc), f"see 'patnet {command} --help' for the options"
    else:
        return None, None
    line = f"patnet: error: {_one_line(what)}"
    if where:
        line += f" ({_one_line(where)})"
    if hint:
        line += f"; {_lower_first(_one_line(hint))}"
    return code, line


def main(argv=None) -> int:
    """Run the ``patnet`` command; return the exit status.

    User errors print one line to standard error and return 1 (data, files,
    network) or 2 (command line); ``--debug`` prints the traceback first.
    Errors argparse finds itself exit with status 2 (``SystemExit``).

    Examples
    --------
    >>> from patnet.cli import main
    >>> main(["info", "no/such/folder"])   # prints the error line on standard error
    1
    """
    import warnings

    from .exceptions import PatnetWarning

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
        except KeyboardInterrupt:
            print("patnet: interrupted", file=sys.stderr)
            return 130
        except Exception as exc:
            code, line = _error_line(exc, args.command)
            if code is None:
                raise
            if args.debug:
                traceback.print_exc()
            print(line, file=sys.stderr)
            return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
