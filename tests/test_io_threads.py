"""Tables cleaned two at a time give the corpus, report and errors of one at a time."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet.io import _assemble
from patnet.testing import assert_corpus_equal


def _load(threads, errors="report", **tables):
    old = _assemble.THREADS
    _assemble.THREADS = threads
    try:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            c, r = pn.io.from_dataframes(errors=errors, **{k: v.copy() for k, v in tables.items()})
    finally:
        _assemble.THREADS = old
    return c, r, [str(w.message) for w in seen if issubclass(w.category, pn.PatnetWarning)]


def _same(a, b):
    (c1, r1, w1), (c2, r2, w2) = a, b
    assert_corpus_equal(c1, c2)
    assert r1.summary().equals(r2.summary())
    pd.testing.assert_frame_equal(r1.dropped, r2.dropped)
    assert list(r1.normalisations.items()) == list(r2.normalisations.items())
    assert r1.warnings == r2.warnings and w1 == w2
    assert list(r1.rows_read.items()) == list(r2.rows_read.items())
    assert list(r1.rows_loaded.items()) == list(r2.rows_loaded.items())


ids = st.sampled_from(["1", "2", "3", "10", "D5", "7", "1.2E+12", "", None])
small = st.one_of(st.none(), st.sampled_from(["a", "b", "N/A", " Wuxi ", "cn", "US"]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(ids, st.sampled_from(["2001-01-02", "20050104", "soon", None])),
                min_size=1, max_size=8),
       st.lists(st.tuples(ids, st.sampled_from(["0", "1", "x", None]), small, small), max_size=25),
       st.lists(st.tuples(ids, small, st.sampled_from(["2", "02", "2.0", None])), max_size=12),
       st.lists(st.tuples(ids, st.sampled_from(["H01L 21/02", "H01L0021020000", "junk", None])),
                max_size=15))
def test_two_threads_equal_one(prows, irows, arows, crows):
    tables = dict(
        patents=pd.DataFrame(prows, columns=["patent_id", "grant_date"], dtype=object),
        inventors=pd.DataFrame(irows, columns=["patent_id", "sequence", "name", "country"],
                               dtype=object),
        applicants=pd.DataFrame(arows, columns=["patent_id", "name", "type_code"], dtype=object),
        classes=pd.DataFrame(crows, columns=["patent_id", "code"], dtype=object).assign(
            scheme="IPC"),
    )
    _same(_load(1, **tables), _load(2, **tables))


def test_the_first_error_in_table_order_is_raised_whichever_thread_finishes_first():
    pat = pd.DataFrame({"patent_id": ["1", "2"]})
    # the classes table is small (its thread finishes first); the inventors table comes first
    inv = pd.DataFrame({"patent_id": ["1"] * 5000 + ["1.2E+12"], "sequence": "0"})
    cls = pd.DataFrame({"patent_id": ["2"], "scheme": ["IPC"], "code": ["junk"]})
    messages = []
    for threads in (1, 2):
        with pytest.raises(pn.PatnetInputError) as err:
            _load(threads, errors="raise", patents=pat, inventors=inv, classes=cls)
        messages.append(str(err.value))
    assert messages[0] == messages[1]
    assert "inventors" in messages[0] and "1.2E+12" in messages[0]


def test_tables_are_taken_out_of_the_callers_dict():
    from patnet.io.loadreport import LoadReport

    raw = {"patents": pd.DataFrame({"patent_id": ["1", "2"]}),
           "inventors": pd.DataFrame({"patent_id": ["1", "2", "3"]}), "classes": None}
    report = LoadReport("t")
    c = _assemble.assemble(raw, report, errors="report")
    assert raw == {}
    assert c.n_patents == 2 and len(c.inventors) == 2
    assert report.rows_dropped == {"inventors": 1} and report.conserved
    assert list(report.rows_loaded) == ["patents", "inventors"]


# -- reading ahead on a thread ----------------------------------------------------------
def test_prefetch_keeps_order_and_raises_at_the_failing_item():
    from patnet._fast import prefetch

    def items():
        yield from range(5)
        raise ValueError("line 6: bad")

    got = []
    with pytest.raises(ValueError, match="line 6"):
        for x in prefetch(items(), depth=2):
            got.append(x)
    assert got == [0, 1, 2, 3, 4]


def test_prefetch_stops_the_producer_and_closes_the_source_when_left_early():
    import threading

    from patnet._fast import prefetch

    produced, closed = [], []

    def items():
        try:
            for i in range(1000):
                produced.append(i)
                yield i
        finally:
            closed.append(threading.current_thread().name)

    it = prefetch(items())
    assert next(it) == 0
    it.close()
    assert closed  # closed before close() returned
    assert len(produced) <= 3  # the item taken, one waiting, one being made
    assert not [t for t in threading.enumerate() if t.name == "patnet-prefetch"]


def test_a_patentsview_load_is_the_same_read_ahead_or_not(tmp_path, monkeypatch):
    """Bad lines (recorded by the reading thread) and notes land in the same report."""
    import zipfile

    from patnet.io import patentsview

    rows = {
        "g_patent": "patent_id\tpatent_type\tpatent_date\tpatent_title\twipo_kind\n"
                    "7\tutility\t2005-01-04\tA\tB2\n8\tutility\t2005-01-04\tB\tB2\n"
                    "9\tutility\t2005-01-04\n\n8\tutility\t2005-01-04\tB\tB2\n",
        "g_inventor_disambiguated": "patent_id\tinventor_sequence\tinventor_id\t"
                    "disambig_inventor_name_first\tdisambig_inventor_name_last\tgender_code\t"
                    "location_id\n7\t0\tfl:a\tAnn\tLi\tF\tL1\n7\t1\tfl:b\tN/A\tWu\tM\tL2\n"
                    "8\t0\tfl:a\tAnn\tLi\tF\tL1\textra\n99\t0\tfl:c\tBo\tMa\tM\tL1\n",
        "g_location_disambiguated": "location_id\tdisambig_city\tdisambig_state\t"
                    "disambig_country\tlatitude\tlongitude\tcounty\tstate_fips\tcounty_fips\n"
                    "L1\tWuxi\t\tCN\t0\t0\t\t\t\nL2\tBoston\tMA\tUS\t0\t0\t\t\t\n",
    }
    for name, text in rows.items():
        with zipfile.ZipFile(tmp_path / f"{name}.tsv.zip", "w") as z:
            z.writestr(f"{name}.tsv", text)

    def load():
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            c, r = pn.io.read_patentsview(tmp_path, errors="report", cache=False)
        return c, r, [str(w.message) for w in seen if issubclass(w.category, pn.PatnetWarning)]

    ahead = load()
    monkeypatch.setattr(patentsview, "prefetch", lambda items, depth=1: items)
    _same(ahead, load())
    assert ahead[1].rows_dropped == {"patents": 2, "inventors": 2}


def test_jobs_wait_for_what_they_need_and_raise_the_first_error_in_job_order():
    import threading
    import time

    from patnet.io.loadreport import LoadReport

    ran, lock = [], threading.Lock()

    def job(name, seconds=0.0, fail=False):
        def run(rep):
            time.sleep(seconds)
            with lock:
                ran.append(name)
            rep.warn(f"{name} ran")
            if fail:
                raise ValueError(name)
        return run

    J = _assemble._Job
    for threads in (1, 2):
        ran.clear()
        old = _assemble.THREADS
        _assemble.THREADS = threads
        try:
            report = LoadReport("t")
            with warnings.catch_warnings(record=True):
                warnings.simplefilter("always")
                with pytest.raises(ValueError, match="^a$"):
                    _assemble._run_jobs([
                        J("a", (), (1,), job("a", 0.2, fail=True)),  # slow, fails first in order
                        J("b", (), (0,), job("b", fail=True)),  # fast, fails first in time
                        J("c", ("a",), (0,), job("c")),  # waits for a, which fails
                    ], report)
        finally:
            _assemble.THREADS = old
        assert "c" not in ran and "a" in ran
        assert report.warnings == ["a ran"]  # only the jobs up to the error are merged

        ran.clear()
        report = LoadReport("t")
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            _assemble._run_jobs([J("a", (), (1,), job("a", 0.1)), J("b", (), (2,), job("b")),
                                 J("c", ("a", "b"), (0,), job("c"))], report)
        assert ran[-1] == "c" and sorted(ran) == ["a", "b", "c"]
        assert report.warnings == ["a ran", "b ran", "c ran"]  # job order, not finishing order


@pytest.mark.parametrize("cpus, threaded", [(1, False), (2, True), (8, True)])
def test_jobs_run_on_threads_only_with_two_processors_to_run_on(monkeypatch, cpus, threaded):
    """The processors this process may run on (its affinity, as a container or ``taskset``
    sets it), not the machine's, decide whether the jobs run on threads."""
    import threading

    from patnet.io.loadreport import LoadReport

    monkeypatch.setattr(_assemble, "cpus", lambda: cpus)
    where = []

    def run(rep):
        where.append(threading.current_thread() is threading.main_thread())

    J = _assemble._Job
    _assemble._run_jobs([J("a", (), (0,), run), J("b", (), (1,), run)], LoadReport("t"))
    assert where == [not threaded] * 2
