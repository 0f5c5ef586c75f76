"""patnet benchmarks: every step of a study at 1%, 10% and 100% of a full release.

Run from the repository root::

    python benchmarks/run.py                       # 1% and 10% (about 15 minutes)
    python benchmarks/run.py --scales 0.01 0.1 1   # and the full release (hours, 24 GiB)
    python benchmarks/run.py --scales 0.01 --steps load_first scan_tsv
    python benchmarks/run.py --scales 1 --steps load_first --repeat 3   # best of 3

Inputs are synthetic PatentsView bulk folders (``benchmarks/data.py``),
written once and reused. Each step runs in a fresh Python process, so its
peak resident memory (VmHWM) is its own; the time is the step's wall-clock
time measured inside the process (imports and the untimed set-up of a step,
such as reading the cached corpus before building graphs, are not in the
seconds but are in ``peak_rss_mb``; ``timed_peak_rss_mb`` is the peak of the
timed part alone, the process's peak being reset when timing starts;
``cpu_user_s``, ``cpu_system_s`` and ``minor_faults`` are the timed part's CPU
seconds in user and kernel mode and its page faults). Each patnet step is set
against a baseline that does the least work that could give the same answer:

===================  ==========================================================
step                 baseline
===================  ==========================================================
load_first           scan_tsv: pyarrow's CSV reader over the same columns of
                     the same ``.tsv.zip`` members (text, no conversion)
load_cached          read_parquet: pyarrow reading the cache's Parquet files, in
                     a fresh process (the cache made by another one)
study                none (an absolute goal: the whole report)
graph_*              sparse_*: one ``B.T @ B`` on the same integer codes
pagerank_*, leiden_* igraph_pagerank_*, igraph_leiden_*: the bare igraph call
                     on an igraph graph built from the same edge arrays
ooc_*                sparse_pq_*: ``B.T @ B`` on codes read from the Parquet
                     files the out-of-core path reads (no corpus in memory)
===================  ==========================================================

Results: ``benchmarks/results/results.json`` (every run appended) and
``benchmarks/results/results.md`` (the table of the last run): seconds, peak
RSS, ratio to the baseline, and the growth exponent of each step's time
between scales (slope of log time on log size; 1 is linear).
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import data  # noqa: E402  (benchmarks/data.py)

RESULTS = HERE / "results"
TABLES = ["inventors", "applicants", "classes"]   # + patents and locations: the needed tables
FILES = ["g_patent", "g_inventor_disambiguated", "g_location_disambiguated",
         "g_assignee_disambiguated", "g_ipc_at_issue"]

#: Leiden passes in both patnet's call and the bare igraph call (igraph's default; running
#: to convergence, n_iterations=-1, takes minutes on the unstructured synthetic inventor graph).
LEIDEN_ITERATIONS = 2
STEPS: dict = {}
BASELINE = {
    "load_first": "scan_tsv",
    "load_cached": "read_parquet",
    "graph_country": "sparse_country", "graph_country_frac": "sparse_country",
    "graph_province_country": "sparse_province_country",
    "graph_province_country_frac": "sparse_province_country",
    "graph_org": "sparse_org", "graph_org_frac": "sparse_org",
    "graph_inventor": "sparse_inventor", "graph_inventor_frac": "sparse_inventor",
    "graph_org_igraph": "sparse_org", "graph_org_frac_igraph": "sparse_org",
    "graph_inventor_igraph": "sparse_inventor", "graph_inventor_frac_igraph": "sparse_inventor",
    "pagerank_org": "igraph_pagerank_org", "leiden_org": "igraph_leiden_org",
    "pagerank_inventor": "igraph_pagerank_inventor",
    "leiden_inventor": "igraph_leiden_inventor",
    "ooc_country_frac": "sparse_pq_country",
    "ooc_province_country_frac": "sparse_pq_country",
    "ooc_graph_province_country_frac": "sparse_pq_country",
    "ooc_graph_inventor_frac_igraph": "sparse_pq_inventor",
    "ooc_inventor_frac": "sparse_pq_inventor",
}


def step(name):
    def deco(f):
        STEPS[name] = f
        return f
    return deco


#: Peak resident memory (MB) of the timed part of the step, when the system can tell.
TIMED_PEAK: dict = {}

#: CPU seconds in user and kernel mode of the timed part, and its page faults (each timed
#: block of a step adds to them; processes the block waits for count too).
TIMED_CPU: dict = {}


def _cpu() -> tuple[float, float, int]:
    """(user s, kernel s, minor page faults) of this process and the children it waited for."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (me.ru_utime + kids.ru_utime, me.ru_stime + kids.ru_stime,
            me.ru_minflt + kids.ru_minflt)


def _reset_peak() -> bool:
    """Reset this process's VmHWM (Linux >= 4.0), so the next reading is the timed part's own."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


class Timer:
    """Wall-clock seconds of a block, and (on Linux) its own peak resident memory.

    The process's peak is reset on entry, so untimed set-up (reading the cached
    corpus before building a graph) does not count in ``TIMED_PEAK``. The block's
    CPU time, user and kernel apart, and its page faults go to ``TIMED_CPU``: where
    a step's time grows faster than its input, they tell computation from the
    kernel's work of providing memory.
    """

    def __init__(self):
        self.seconds = None

    def __enter__(self):
        # the process's peak so far (set-up included), read before it is reset
        TIMED_PEAK["setup_mb"] = max(TIMED_PEAK.get("setup_mb", 0.0), _peak_rss_mb())
        self.reset = _reset_peak()
        self.cpu0 = _cpu()
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        user, system, faults = (b - a for a, b in zip(self.cpu0, _cpu()))
        TIMED_CPU["cpu_user_s"] = TIMED_CPU.get("cpu_user_s", 0.0) + user
        TIMED_CPU["cpu_system_s"] = TIMED_CPU.get("cpu_system_s", 0.0) + system
        TIMED_CPU["minor_faults"] = TIMED_CPU.get("minor_faults", 0) + faults
        if self.reset:
            TIMED_PEAK["mb"] = _peak_rss_mb()


# -- shared set-up --------------------------------------------------------------
def _cache_dir(folder: Path) -> Path:
    return folder / ".bench-cache"


def _load(folder, cache=True, cache_dir=None):
    import patnet as pn

    return pn.io.read_patentsview(folder, tables=TABLES, cache=cache,
                                  cache_dir=cache_dir or _cache_dir(folder), progress=False)


def _normalised(folder):
    import patnet as pn

    corpus, _ = _load(folder)
    corpus, _ = pn.geo.normalize(corpus)
    return corpus


# -- ingestion --------------------------------------------------------------------
@step("scan_tsv")
def scan_tsv(folder, out):
    import zipfile

    import pyarrow as pa
    import pyarrow.csv as pacsv

    from patnet.io.patentsview import _READ

    rows = 0
    with Timer() as t:
        for f in FILES:
            cols = _READ[f][0]
            with zipfile.ZipFile(folder / f"{f}.tsv.zip") as z, z.open(f"{f}.tsv") as fh:
                reader = pacsv.open_csv(
                    fh, read_options=pacsv.ReadOptions(block_size=1 << 24),
                    parse_options=pacsv.ParseOptions(delimiter="\t", newlines_in_values=True),
                    convert_options=pacsv.ConvertOptions(
                        include_columns=cols, column_types={c: pa.string() for c in cols},
                        strings_can_be_null=False, quoted_strings_can_be_null=False))
                for batch in reader:
                    rows += batch.num_rows
    out["rows"] = rows
    return t.seconds


@step("load_first")
def load_first(folder, out):
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        with Timer() as t:
            corpus, report = _load(folder, cache_dir=tmp)
        out["rows"] = {k: len(v) for k, v in corpus.tables.items()}
    out["memory_estimate_mb"] = round(_memory_estimate(folder) / 2**20)
    return t.seconds


def _memory_estimate(folder):
    """The peak memory read_patentsview's check expects of this load (bytes)."""
    from patnet.io import _memory
    from patnet.io.loadreport import LoadReport
    from patnet.io.patentsview import _discover, _plan

    plan = _plan(_discover(folder, LoadReport(source=str(folder))), "auto", TABLES, "grant",
                 None, folder)
    return _memory.load_estimate(plan)[0]


def _fill_cache(folder):
    """Make sure the cached corpus exists, in another process (this one stays fresh)."""
    subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                    "import run; run._load(__import__('pathlib').Path(sys.argv[2]))",
                    str(HERE), str(folder)], check=True)


@step("load_cached")
def load_cached(folder, out):
    _fill_cache(folder)               # untimed, and not in this process's memory
    with Timer() as t:
        corpus, report = _load(folder)
    out["cache"] = report.options.get("cache")
    return t.seconds


@step("read_parquet")
def read_parquet(folder, out):
    import pyarrow.parquet as pq

    # the cache is made (or found) in another process, as for load_cached: a load in this
    # process would leave the allocator holding the memory the read then reuses, and the
    # read would not pay for fresh memory as the cached load does (a third of its time at 10%)
    _fill_cache(folder)
    files = sorted(_cache_dir(folder).rglob("*.parquet"))
    with Timer() as t:
        n = sum(pq.read_table(f).num_rows for f in files)
    out["rows"] = n
    return t.seconds


# -- the study ----------------------------------------------------------------------
@step("study")
def study(folder, out):
    import patnet as pn

    corpus, report = _load(folder)
    with Timer() as t:
        pn.report.cooperation_study(corpus, load_report=report, progress=False)
    return t.seconds


#: Runs the command and prints its own peak resident memory (VmHWM) on its last line.
_CLI_WITH_PEAK = (
    "import sys\n"
    "from patnet.cli import main\n"
    "try:\n"
    "    rc = main(sys.argv[1:])\n"
    "finally:\n"
    "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
    "    print('PEAK', int(hwm[0].split()[1]) // 1024 if hwm else -1)\n"
    "sys.exit(rc)\n"
)


@step("report_cli")
def report_cli(folder, out):
    args = ["report", "--patentsview", str(folder)]
    cmd = [str(Path(sys.executable).with_name("patnet"))] + args
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(cmd + ["--out", tmp], check=True, capture_output=True)  # fills the cache
    with tempfile.TemporaryDirectory() as tmp, Timer() as t:
        p = subprocess.run(cmd + ["--out", tmp], check=True, capture_output=True, text=True)
    # the command's own peak, from a second run of the same command (untimed)
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.run([sys.executable, "-c", _CLI_WITH_PEAK] + args + ["--out", tmp],
                           check=True, capture_output=True, text=True)
    peak = [ln for ln in p.stdout.splitlines() if ln.startswith("PEAK ")]
    if peak and int(peak[-1].split()[1]) >= 0:
        out["command_peak_rss_mb"] = int(peak[-1].split()[1])
    return t.seconds


# -- graphs ---------------------------------------------------------------------------
_GRAPHS = {
    "country": ("geo", "country"),
    "province_country": ("geo", "province+country"),
    "org": ("org", None),
    "inventor": ("inventor", None),
}


def _graph(corpus, kind, counting, output="networkx"):
    import patnet as pn

    what, level = _GRAPHS[kind]
    opts = {"counting": counting, "output": output, "progress": False}
    if what == "geo":
        return pn.build.geo_graph(corpus, level=level, **opts)
    if what == "org":
        return pn.build.org_graph(corpus, **opts)
    return pn.build.inventor_graph(corpus, **opts)


def _record_size(G, out):
    """Nodes and edges of a networkx or igraph graph, into the step's row."""
    if hasattr(G, "vcount"):
        out["nodes"], out["edges"] = G.vcount(), G.ecount()
    else:
        out["nodes"], out["edges"] = G.number_of_nodes(), G.number_of_edges()


def _make_graph_step(kind, counting, output="networkx"):
    def run(folder, out):
        corpus = _normalised(folder)
        with Timer() as t:
            G = _graph(corpus, kind, counting, output)
        _record_size(G, out)
        return t.seconds
    return run


for _k in _GRAPHS:
    STEPS[f"graph_{_k}"] = _make_graph_step(_k, "full")
    STEPS[f"graph_{_k}_frac"] = _make_graph_step(_k, "fractional")
for _k in ("org", "inventor"):
    STEPS[f"graph_{_k}_igraph"] = _make_graph_step(_k, "full", "igraph")
    STEPS[f"graph_{_k}_frac_igraph"] = _make_graph_step(_k, "fractional", "igraph")


def _codes(corpus, kind):
    """(patent codes, unit codes) of the incidence the graph is projected from."""
    import numpy as np
    import pandas as pd

    if kind in ("country", "province_country"):
        df = corpus.inventors
        unit = df["country"].astype("string")
        if kind == "province_country":
            unit = unit.where(unit != "CN", "CN-" + df["province"].astype("string").fillna(""))
    elif kind == "org":
        df = corpus.applicants
        unit = df["applicant_id"].astype("string")
    else:
        df = corpus.inventors
        unit = df["inventor_id"].astype("string")
    ok = unit.notna().to_numpy()
    p = pd.factorize(df["patent_id"].to_numpy()[ok])[0]
    u = pd.factorize(unit.to_numpy()[ok])[0]
    return p.astype(np.int64), u.astype(np.int64)


def _make_sparse_step(kind):
    def run(folder, out):
        import numpy as np
        import scipy.sparse as sp

        corpus = _normalised(folder)
        p, u = _codes(corpus, kind)
        with Timer() as t:
            B = sp.csr_matrix((np.ones(len(p)), (p, u)), shape=(p.max() + 1, u.max() + 1))
            B.data[:] = 1.0  # distinct units per patent
            W = (B.T @ B).tocoo()
        out["nnz"] = int(W.nnz)
        return t.seconds
    return run


for _k in _GRAPHS:
    STEPS[f"sparse_{_k}"] = _make_sparse_step(_k)


# -- measures -------------------------------------------------------------------------
def _measure_graph(folder, kind):
    """The graph measured: patnet's igraph output (the path for graphs of this size)."""
    corpus = _normalised(folder)
    return _graph(corpus, kind, "full", "igraph")


def _ig_from(G):
    """A bare igraph graph with the same edges and weights and nothing else (untimed)."""
    import igraph as ig

    g = ig.Graph(n=G.vcount(), edges=G.get_edgelist(), directed=False)
    g.es["weight"] = G.es["weight"]
    return g


def _make_measure_steps(kind):
    def pagerank(folder, out):
        import patnet as pn

        G = _measure_graph(folder, kind)
        with Timer() as t:
            pn.measures.pagerank(G, backend="igraph")
        out["nodes"], out["edges"] = G.vcount(), G.ecount()
        return t.seconds

    def leiden(folder, out):
        import patnet as pn

        G = _measure_graph(folder, kind)
        with Timer() as t:
            part = pn.measures.communities(G, method="leiden", seed=1, n_starts=1,
                                           n_iterations=LEIDEN_ITERATIONS, progress=False)
        out["communities"] = int(part.nunique())
        return t.seconds

    def ig_pagerank(folder, out):
        g = _ig_from(_measure_graph(folder, kind))
        with Timer() as t:
            g.pagerank(weights="weight")
        return t.seconds

    def ig_leiden(folder, out):
        import random

        random.seed(1)
        g = _ig_from(_measure_graph(folder, kind))
        with Timer() as t:
            g.community_leiden(objective_function="modularity", weights="weight",
                               n_iterations=LEIDEN_ITERATIONS)
        return t.seconds

    def clusters(folder, out):
        import patnet as pn

        G = _measure_graph(folder, kind)
        part = pn.measures.communities(G, method="leiden", seed=1, n_starts=1,
                                       n_iterations=LEIDEN_ITERATIONS, progress=False)
        with Timer() as t:
            for name in ("internal_share", "ei_index", "conductance"):
                getattr(pn.measures, name)(G, part)
        return t.seconds

    STEPS[f"pagerank_{kind}"] = pagerank
    STEPS[f"leiden_{kind}"] = leiden
    STEPS[f"igraph_pagerank_{kind}"] = ig_pagerank
    STEPS[f"igraph_leiden_{kind}"] = ig_leiden
    STEPS[f"clusters_{kind}"] = clusters


for _k in ("org", "inventor"):
    _make_measure_steps(_k)


@step("triple_helix")
def triple_helix(folder, out):
    import patnet as pn

    corpus = _normalised(folder)
    corpus, _ = pn.classify.assign_sectors(corpus)
    with Timer() as t:
        res = pn.measures.triple_helix(corpus)
    out["T_uig"] = float(res["T_uig"].iloc[0])
    return t.seconds


# -- out of core (DuckDB): the path for inputs larger than memory -------------------------
def _ooc_ready(folder):
    from patnet import outofcore

    outofcore.edges(folder, "country", memory_limit=OOC_MEMORY)   # zips -> Parquet, once


#: DuckDB's memory budget in the out-of-core steps (it spills to disk beyond it).
OOC_MEMORY = "6GB"


@step("ooc_prepare")
def ooc_prepare(folder, out):
    import shutil

    shutil.rmtree(folder / ".patnet-cache" / "outofcore", ignore_errors=True)
    with Timer() as t:
        _ooc_ready(folder)
    return t.seconds


def _make_ooc_step(level, counting):
    def run(folder, out):
        from patnet import outofcore

        _ooc_ready(folder)
        with Timer() as t:
            df = outofcore.edges(folder, level, counting=counting, memory_limit=OOC_MEMORY)
        out["edges"] = len(df)
        return t.seconds
    return run


for _lvl, _name in (("country", "country"), ("province+country", "province_country"),
                    ("inventor", "inventor")):
    STEPS[f"ooc_{_name}_frac"] = _make_ooc_step(_lvl, "fractional")


def _make_ooc_graph_step(level, counting, output):
    def run(folder, out):
        """The whole graph out of core (what ``patnet build --out-of-core`` builds): edges,
        unit counts and the graph with its node attributes (for inventors, their modes)."""
        from patnet import outofcore

        _ooc_ready(folder)
        # the columns node attributes read (names) converted too, untimed, as for the others
        outofcore.graph(folder, level, years=(1800, 1800), memory_limit=OOC_MEMORY)
        with Timer() as t:
            G = outofcore.graph(folder, level, counting=counting, output=output,
                                memory_limit=OOC_MEMORY)
        _record_size(G, out)
        return t.seconds
    return run


STEPS["ooc_graph_province_country_frac"] = _make_ooc_graph_step(
    "province+country", "fractional", "networkx")
STEPS["ooc_graph_inventor_frac_igraph"] = _make_ooc_graph_step(
    "inventor", "fractional", "igraph")


def _make_pq_sparse_step(kind):
    """B.T @ B on integer codes read from the same Parquet files (no corpus in memory)."""
    def run(folder, out):
        import numpy as np
        import pyarrow.compute as pc
        import pyarrow.parquet as pq
        import scipy.sparse as sp

        _ooc_ready(folder)
        cache = folder / ".patnet-cache" / "outofcore"
        inv = pq.read_table(cache / "g_inventor_disambiguated.parquet",
                            columns=["patent_id", "inventor_id", "location_id"])
        p = pc.dictionary_encode(inv["patent_id"]).combine_chunks().indices
        if kind == "inventor":
            u = pc.dictionary_encode(inv["inventor_id"]).combine_chunks().indices
        else:
            loc = pq.read_table(cache / "g_location_disambiguated.parquet",
                                columns=["location_id", "disambig_country"])
            pos = pc.index_in(inv["location_id"], value_set=loc["location_id"].combine_chunks())
            country = pc.dictionary_encode(loc["disambig_country"]).combine_chunks().indices
            u = pc.take(country, pc.fill_null(pos, 0))
        p = np.asarray(p, dtype=np.int64)
        u = np.asarray(u, dtype=np.int64)
        del inv
        with Timer() as t:
            B = sp.csr_matrix((np.ones(len(p)), (p, u)), shape=(p.max() + 1, u.max() + 1))
            B.data[:] = 1.0
            W = (B.T @ B).tocoo()
        out["nnz"] = int(W.nnz)
        return t.seconds
    return run


STEPS["sparse_pq_country"] = _make_pq_sparse_step("country")
STEPS["sparse_pq_inventor"] = _make_pq_sparse_step("inventor")


# -- driver -----------------------------------------------------------------------------
def _status_kb(pid, field: str):
    """A memory field (``VmRSS``, ``VmHWM``) of /proc/<pid>/status in kB; None if unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited over exec)."""
    kb = _status_kb("self", "VmHWM")
    if kb is None:
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024, 1)


def _child(name, scale, root):
    folder = data.folder_for(scale, root)
    # imports are paid once per session, not per call: load them before any timing
    import igraph  # noqa: F401
    import matplotlib
    matplotlib.use("Agg")
    import patnet as pn
    for module in ("select", "stats", "build", "measures", "report", "plot", "export"):
        getattr(pn, module)
    out = {}
    seconds = STEPS[name](folder, out)
    # VmHWM was reset when timing started: the process's peak is the larger of the two
    peak = max(_peak_rss_mb(), TIMED_PEAK.get("setup_mb", 0.0))
    out.update(step=name, scale=scale, seconds=round(seconds, 3), peak_rss_mb=peak)
    if "mb" in TIMED_PEAK:
        out["timed_peak_rss_mb"] = TIMED_PEAK["mb"]
    out.update({k: round(v, 3) if isinstance(v, float) else v for k, v in TIMED_CPU.items()})
    print("RESULT " + json.dumps(out))


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (MB), from /proc."""
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _status_kb(p, "VmRSS") or 0
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue  # the process ended meanwhile
    return total / 1024


def _supervise(cmd, timeout, max_rss_mb=None, poll=0.25):
    """Run ``cmd``; return ``(stdout, stderr, error)``. The command and its child processes
    are killed when they run over ``timeout`` seconds or, every ``poll`` seconds, are found
    holding more than ``max_rss_mb`` of resident memory (``error`` says which)."""
    # a session of its own, so that the whole tree can be stopped at once
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)

    def stop():
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    deadline = time.monotonic() + timeout
    error = None
    try:
        while True:
            try:
                out, err = p.communicate(timeout=poll)
                return out, err, error
            except subprocess.TimeoutExpired:
                pass
            if error is None:
                rss = _tree_rss_mb(p.pid) if max_rss_mb else 0.0
                if max_rss_mb and rss > max_rss_mb:
                    error = (f"stopped: resident memory reached {rss:,.0f} MB, over the cap of "
                             f"{max_rss_mb / 1024:g} GB")
                elif time.monotonic() > deadline:
                    error = f"timeout after {timeout:g}s"
                if error is not None:
                    stop()
    except BaseException:  # Ctrl-C: the step's session does not get the terminal's signal
        stop()
        p.communicate()  # reaps it and closes the pipes
        raise


def _run_step(name, scale, root, timeout, max_memory_gb=None):
    cmd = [sys.executable, __file__, "--child", name, "--scales", str(scale)]
    if root:
        cmd += ["--data", str(root)]
    out, err, error = _supervise(cmd, timeout, max_memory_gb * 1024 if max_memory_gb else None)
    if error:
        return {"step": name, "scale": scale, "error": error}
    for line in out.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    last = (err.strip().splitlines() or ["no output"])[-1]
    return {"step": name, "scale": scale, "error": last}


def _best_of(repeat, run_once):
    """The fastest of ``repeat`` runs of a step (an error if every run failed), with the
    seconds of every successful run in ``all_seconds``."""
    runs = [run_once() for _ in range(max(1, repeat))]
    ok = [r for r in runs if "seconds" in r]
    if not ok:
        return runs[-1]
    best = dict(min(ok, key=lambda r: r["seconds"]))
    if len(runs) > 1:
        best["all_seconds"] = [r["seconds"] for r in ok]
        best["failed_runs"] = len(runs) - len(ok)
    return best


def _exponent(rows, name, lo, hi):
    t = {r["scale"]: r.get("seconds") for r in rows if r["step"] == name and "seconds" in r}
    if lo in t and hi in t and t[lo] and t[hi] and t[lo] > 0.05:
        return math.log(t[hi] / t[lo]) / math.log(hi / lo)
    return None


def _by_step(rows, scales) -> tuple[dict, list]:
    """``{(step, scale): row}`` and the steps that have a row at one of ``scales``, in
    the order of :data:`STEPS`."""
    by = {(r["step"], r["scale"]): r for r in rows}
    return by, [s for s in STEPS if any((s, sc) in by for sc in scales)]


def table(rows, scales) -> str:
    by, names = _by_step(rows, scales)
    head = ["step"] + [f"{sc:g}: s / RSS MB / x base" for sc in scales]
    pairs = list(zip(scales, scales[1:]))
    head += [f"exp {a:g}->{b:g}" for a, b in pairs]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in names:
        cells = [s]
        for sc in scales:
            r = by.get((s, sc))
            if r is None:
                cells.append("")
            elif "error" in r:
                cells.append("error: " + r["error"][:60])
            else:
                base = by.get((BASELINE.get(s), sc))
                ratio = (f" / {r['seconds'] / base['seconds']:.2f}x"
                         if base and base.get("seconds") else "")
                cells.append(f"{r['seconds']:.2f} / {r['peak_rss_mb']:.0f}{ratio}")
        for a, b in pairs:
            e = _exponent(rows, s, a, b)
            cells.append("" if e is None else f"{e:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cpu_table(rows, scales) -> str:
    """Where each step's processor time went: user and kernel seconds and page faults
    (millions) of the timed part, at each scale. On a virtual machine the kernel's share
    is mostly the zeroing and mapping of fresh memory; a row without these figures (an
    error, or a run before they were recorded) is left blank."""
    by, names = _by_step(rows, scales)
    head = ["step"] + [f"{sc:g}: user s / kernel s / faults M" for sc in scales]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in names:
        cells = [s]
        for sc in scales:
            r = by.get((s, sc)) or {}
            if r.get("cpu_user_s") is None or "error" in r:
                cells.append("")
            else:
                cells.append(f"{r['cpu_user_s']:.1f} / {r['cpu_system_s']:.1f} / "
                             f"{r['minor_faults'] / 1e6:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scales", type=float, nargs="+", default=[0.01, 0.1])
    ap.add_argument("--steps", nargs="+", default=None, help="subset of steps (default: all)")
    ap.add_argument("--data", default=None, help="where the input folders live")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per step")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each step this many times (each in a fresh process) and keep the "
                         "fastest; every time is recorded in 'all_seconds'")
    ap.add_argument("--max-memory-gb", type=float, default=None,
                    help="stop a step whose resident memory (with its child processes) goes "
                         "over this many GB, before it pushes the machine into swap or the OOM "
                         "killer; checked four times a second")
    ap.add_argument("--summary", action="store_true",
                    help="print the table of the latest result of every step and scale over all "
                         "recorded runs (no step is run)")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.summary:
        runs = json.loads((RESULTS / "results.json").read_text())
        latest = {}
        for run in runs:
            for r in run["rows"]:
                # a success replaces anything; an error replaces only an earlier error
                if "seconds" in r or "seconds" not in latest.get((r["step"], r["scale"]), {}):
                    latest[(r["step"], r["scale"])] = r
        scales = sorted(a.scales)
        print(table([r for r in latest.values() if r["scale"] in scales], scales))
        return None
    if a.child:
        return _child(a.child, a.scales[0], a.data)
    names = a.steps or list(STEPS)
    unknown = [n for n in names if n not in STEPS]
    if unknown:
        ap.error(f"unknown steps {unknown}; known: {', '.join(STEPS)}")
    # every chosen step brings its baseline along
    names += [BASELINE[n] for n in list(names) if n in BASELINE and BASELINE[n] not in names]
    names = [n for n in STEPS if n in names]
    rows = []
    for sc in a.scales:
        print(f"== scale {sc:g} ({data.n_patents(sc):,} patents)", flush=True)
        # generated in a child process, so that its memory is not counted in any step
        subprocess.run([sys.executable, str(HERE / "data.py"), str(sc)]
                       + ([a.data] if a.data else []), check=True)
        folder = data.folder_for(sc, a.data)
        for n in names:
            r = _best_of(a.repeat, functools.partial(_run_step, n, sc, a.data, a.timeout,
                                                    a.max_memory_gb))
            rows.append(r)
            shown = r.get("error") or f"{r['seconds']:.2f} s, {r['peak_rss_mb']:.0f} MB"
            print(f"  {n:32s} {shown}", flush=True)
        print(f"  (data: {folder})")
    RESULTS.mkdir(exist_ok=True)
    import patnet

    run = {"date": time.strftime("%Y-%m-%d %H:%M"), "patnet": patnet.__version__,
           "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                       "platform": platform.platform()},
           "scales": a.scales, "release_patents": data.RELEASE_PATENTS, "rows": rows}
    path = RESULTS / "results.json"
    runs = json.loads(path.read_text()) if path.exists() else []
    runs.append(run)
    path.write_text(json.dumps(runs, indent=1))
    md = table(rows, a.scales)
    (RESULTS / "results.md").write_text(
        f"# Benchmark run {run['date']} (patnet {run['patnet']}, {run['machine']['cpus']} CPUs)\n\n"
        f"Scale 1 = {data.RELEASE_PATENTS:,} patents. Cells: seconds / peak RSS (MB) / ratio "
        "to the step's baseline.\n\n" + md + "\n\n"
        "Processor time of the timed part of each step (the kernel's share is mostly fresh "
        "memory being zeroed and mapped):\n\n" + cpu_table(rows, a.scales) + "\n")
    print(md)


if __name__ == "__main__":
    main()
