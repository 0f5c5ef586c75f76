"""The benchmark harness's bookkeeping: best of N runs, ratios and growth exponents."""

from __future__ import annotations

import importlib.util
import math
import time
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def run():
    sys.path.insert(0, str(HERE))
    try:
        spec = importlib.util.spec_from_file_location("bench_run", HERE / "run.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        yield mod
    finally:
        sys.path.remove(str(HERE))


def test_best_of_keeps_the_fastest_run_and_records_every_time(run):
    results = iter([{"step": "s", "scale": 1, "seconds": 3.0, "peak_rss_mb": 10},
                    {"step": "s", "scale": 1, "error": "timeout after 9s"},
                    {"step": "s", "scale": 1, "seconds": 2.0, "peak_rss_mb": 12}])
    best = run._best_of(3, lambda: next(results))
    assert best["seconds"] == 2.0 and best["peak_rss_mb"] == 12
    assert best["all_seconds"] == [3.0, 2.0] and best["failed_runs"] == 1
    # one run: the row as it came; every run failed: the error
    assert run._best_of(1, lambda: {"seconds": 1.0}) == {"seconds": 1.0}
    assert "error" in run._best_of(2, lambda: {"step": "s", "error": "x"})


def test_table_gives_ratio_to_the_baseline_and_the_growth_exponent(run):
    rows = [{"step": "load_first", "scale": 0.1, "seconds": 2.0, "peak_rss_mb": 100},
            {"step": "load_first", "scale": 1.0, "seconds": 20.0, "peak_rss_mb": 900},
            {"step": "scan_tsv", "scale": 0.1, "seconds": 1.0, "peak_rss_mb": 50},
            {"step": "scan_tsv", "scale": 1.0, "seconds": 4.0, "peak_rss_mb": 60}]
    md = run.table(rows, [0.1, 1.0])
    line = next(ln for ln in md.splitlines() if ln.startswith("| load_first"))
    assert "2.00 / 100 / 2.00x" in line and "20.00 / 900 / 5.00x" in line
    assert line.rstrip(" |").endswith("1.00")  # ten times the time for ten times the data
    assert math.isclose(run._exponent(rows, "scan_tsv", 0.1, 1.0), math.log10(4))


def test_cpu_table_gives_user_and_kernel_seconds_and_faults(run):
    rows = [{"step": "load_first", "scale": 0.1, "seconds": 2.0, "peak_rss_mb": 100,
             "cpu_user_s": 3.04, "cpu_system_s": 1.26, "minor_faults": 567_000},
            {"step": "load_first", "scale": 1.0, "error": "stopped"},
            {"step": "scan_tsv", "scale": 0.1, "seconds": 1.0, "peak_rss_mb": 50}]
    md = run.cpu_table(rows, [0.1, 1.0]).splitlines()
    assert md[0] == "| step | 0.1: user s / kernel s / faults M | 1: user s / kernel s / faults M |"
    assert "| load_first | 3.0 / 1.3 / 0.57 |  |" in md
    assert "| scan_tsv |  |  |" in md  # no figures recorded: blank, not zero


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux only)")
def test_supervise_stops_a_step_over_the_resident_memory_cap(run):
    # a child process (not the command itself) fills 400 MB: the whole tree is counted
    grow = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
            "'import time; b = bytearray(400 << 20); time.sleep(60)'])")
    t = time.monotonic()
    out, err, error = run._supervise([sys.executable, "-c", grow], timeout=60, max_rss_mb=200,
                                     poll=0.05)
    assert error.startswith("stopped: resident memory") and "cap of" in error
    assert time.monotonic() - t < 30  # killed, not waited for


def test_supervise_returns_the_output_and_stops_at_the_timeout(run):
    out, err, error = run._supervise([sys.executable, "-c", "print('RESULT {}')"], timeout=60,
                                     max_rss_mb=10_000)
    assert out.strip() == "RESULT {}" and error is None
    out, err, error = run._supervise([sys.executable, "-c", "import time; time.sleep(60)"],
                                     timeout=0.5, poll=0.05)
    assert error == "timeout after 0.5s"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux only)")
def test_tree_rss_counts_this_process(run):
    import os

    assert run._tree_rss_mb(os.getpid()) > 10
    assert run._tree_rss_mb(2**22 + 12345) == 0  # no such process


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux only)")
def test_supervise_stops_the_step_when_interrupted(run, tmp_path, monkeypatch):
    # the step runs in a session of its own, out of reach of the terminal's Ctrl-C
    pidfile = tmp_path / "pid"
    code = ("import os, pathlib, time; "
            f"pathlib.Path({str(pidfile)!r}).write_text(str(os.getpid())); time.sleep(60)")

    def interrupt(pid):
        for _ in range(400):
            if pidfile.exists() and pidfile.read_text():
                break
            time.sleep(0.05)
        raise KeyboardInterrupt

    monkeypatch.setattr(run, "_tree_rss_mb", interrupt)
    with pytest.raises(KeyboardInterrupt):
        run._supervise([sys.executable, "-c", code], timeout=60, max_rss_mb=1, poll=0.05)
    status = Path(f"/proc/{int(pidfile.read_text())}/status")
    assert not status.exists()  # killed and reaped


def test_chunked_release_keeps_people_of_each_chunk_apart(run, tmp_path, monkeypatch):
    """A release made in chunks: patents and people never shared between chunks, firms are."""
    import pandas as pd

    import patnet as pn

    data = sys.modules["data"]
    monkeypatch.setattr(data, "CHUNK", 400)
    monkeypatch.setattr(data, "RELEASE_PATENTS", 1000)
    folder = data.ensure(1.0, tmp_path, log=lambda *a: None)  # chunks of 400, 400, 200
    corpus, report = pn.io.read_patentsview(folder)
    assert len(corpus.patents) == 1000 and report.conserved
    chunks = [data._offset_ids(pn.datasets.synthetic_corpus(n, seed=data.SEED + k), k)
              for k, n in enumerate([400, 400, 200])]
    inventors = [set(c.inventors["inventor_id"]) for c in chunks]
    assert not (inventors[0] & inventors[1]) and not (inventors[1] & inventors[2])
    assert corpus.inventors["inventor_id"].nunique() == sum(map(len, inventors))
    firms = [set(c.applicants.loc[c.applicants["true_sector"] != "individual", "applicant_id"])
             for c in chunks]
    people = [set(c.applicants.loc[c.applicants["true_sector"] == "individual",
                                   "applicant_id"]) for c in chunks]
    assert firms[0] & firms[1]  # the same firm recurs in another chunk
    assert not (people[0] & people[1]) and not (people[1] & people[2])
    # the ids of chunk 0 are the generator's own; chunk 1's counters are offset
    plain = pn.datasets.synthetic_corpus(400, seed=data.SEED + 1)
    moved = pd.Series(sorted(chunks[1].inventors["inventor_id"].str.rsplit("-", n=1).str[1]
                             .astype(int) - 10**6))
    assert moved.tolist() == sorted(plain.inventors["inventor_id"].str.rsplit("-", n=1).str[1]
                                    .astype(int))
    # individual owners' ids are made again; firms' ids are the generator's own
    own = plain.applicants["true_sector"] == "individual"
    assert own.any()
    assert not set(plain.applicants.loc[own, "applicant_id"]) & people[1]
    assert set(plain.applicants.loc[~own, "applicant_id"]) == firms[1]


def test_timer_counts_cpu_time_and_page_faults_of_its_block(run, monkeypatch):
    import numpy as np

    monkeypatch.setattr(run, "TIMED_CPU", {})
    with run.Timer():
        a = np.ones(64 << 17)  # 64 MB, touched: page faults
        end = time.perf_counter() + 0.2
        while time.perf_counter() < end:  # busy: user time
            a += 1.0
    first = dict(run.TIMED_CPU)
    assert first["cpu_user_s"] > 0.1
    assert first["cpu_system_s"] >= 0 and first["minor_faults"] > 0
    assert first["cpu_user_s"] + first["cpu_system_s"] <= 0.2 * 1.5 + 1.0
    with run.Timer():  # a second timed block of the same step adds to the first
        pass
    assert run.TIMED_CPU["cpu_user_s"] >= first["cpu_user_s"]
    assert run.TIMED_CPU["minor_faults"] >= first["minor_faults"]
