"""The memory check before a whole PatentsView load, and before reading a stored corpus (a cache
hit, a corpus folder): row estimates, available memory, refusal."""

from __future__ import annotations

import os
import zipfile
import pandas as pd
import pytest

import patnet as pn
from patnet.corpus import TABLE_NAMES
from patnet.exceptions import PatnetInputError
from patnet.io import _memory
from patnet.io._archive import open_source
from patnet.io.loadreport import LoadReport
from patnet.io.patentsview import _discover, _plan


def _lines(n: int) -> bytes:
    # rows of uneven length, as real tables have
    return b"".join(b"%07d\tinventor-%07d\t%s\n" % (i, i * 7, b"x" * (i % 23)) for i in range(n))


@pytest.mark.parametrize("zipped", [False, True])
def test_rows_are_estimated_from_the_first_megabyte(tmp_path, zipped):
    n = 200_000  # about 5 MB: the sample is a fifth of the file
    data = b"patent_id\tinventor_id\tnote\n" + _lines(n)
    assert len(data) > 4 * _memory.SAMPLE_BYTES
    path = tmp_path / "g_inventor_disambiguated.tsv"
    if zipped:
        with zipfile.ZipFile(str(path) + ".zip", "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(path.name, data)
        source = open_source(str(path) + ".zip")
    else:
        path.write_bytes(data)
        source = open_source(path)
    est = _memory.sampled_rows(source)
    assert abs(est - n) / n < 0.02


@pytest.mark.parametrize("text,rows", [(b"", 0), (b"a\tb\n", 0), (b"a\tb", 0),
                                       (b"a\tb\n1\t2\n", 1), (b"a\tb\n1\t2", 1),
                                       (b"a\n1\n2\n3\n", 3)])
def test_a_file_within_the_sample_is_counted_exactly(tmp_path, text, rows):
    path = tmp_path / "t.tsv"
    path.write_bytes(text)
    assert _memory.sampled_rows(open_source(path)) == rows


def test_no_line_end_in_the_sample_is_no_estimate(tmp_path, monkeypatch):
    path = tmp_path / "t.tsv"
    path.write_bytes(b"a" * 100 + b"\n1\n")
    monkeypatch.setattr(_memory, "SAMPLE_BYTES", 50)
    assert _memory.sampled_rows(open_source(path)) is None
    monkeypatch.setattr(_memory, "SAMPLE_BYTES", 102)  # the header and the start of a row
    assert _memory.sampled_rows(open_source(path)) is None
    monkeypatch.setattr(_memory, "SAMPLE_BYTES", 103)
    assert _memory.sampled_rows(open_source(path)) == 1  # exactly: the whole file was read


def test_available_memory_reads_meminfo_and_a_container_limit(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16000000 kB\nMemFree:   1 kB\nMemAvailable:    9000000 kB\n")
    cg = tmp_path / "cg"
    cg.mkdir()
    assert _memory.available_memory(meminfo, cg) == 9_000_000 * 1024
    (cg / "memory.max").write_text("max\n")
    (cg / "memory.current").write_text("1000\n")
    assert _memory.available_memory(meminfo, cg) == 9_000_000 * 1024
    (cg / "memory.max").write_text("4000000000\n")
    assert _memory.available_memory(meminfo, cg) == 4_000_000_000 - 1000
    (cg / "memory.current").write_text("5000000000\n")
    assert _memory.available_memory(meminfo, cg) == 0


def test_available_memory_without_meminfo_asks_the_system(tmp_path):
    got = _memory.available_memory(tmp_path / "none", tmp_path / "none")
    try:
        want = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        want = None
    assert got == want


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    corpus = pn.datasets.synthetic_corpus(3000, seed=4)
    folder = tmp_path_factory.mktemp("pv")
    pn.datasets.write_patentsview(corpus, folder)
    return folder


def _plan_of(folder, tables=None):
    return _plan(_discover(folder, LoadReport(source=str(folder))), "auto", tables, "grant",
                 None, folder)


def _estimate(folder, tables=None):
    return _memory.load_estimate(_plan_of(folder, tables))


def _held(corpus) -> int:
    return sum(int(df.memory_usage(deep=True).sum()) for df in corpus.tables.values())


def test_the_estimate_counts_every_file_read_and_covers_what_the_corpus_holds(release):
    estimate, rows = _estimate(release)
    corpus, report = pn.io.read_patentsview(release, cache=False)
    # every file read is counted, with its exact rows (these files are shorter than the sample)
    read = report.rows_read
    assert rows.pop("g_patent.tsv") == read["patents"]
    assert rows.pop("g_application.tsv") == read["g_application"]
    assert rows.pop("g_inventor_disambiguated.tsv") == read["inventors"]
    assert rows.pop("g_assignee_disambiguated.tsv") == read["applicants"]
    assert rows.pop("g_location_disambiguated.tsv") == read["g_location_disambiguated"]
    assert sum(rows.values()) == read["classes"] and rows  # the class tables
    held = _held(corpus)
    assert held < estimate - _memory.BASE_BYTES
    # fewer tables, a smaller estimate
    assert _estimate(release, ["inventors"])[0] < estimate


def test_a_load_that_does_not_fit_is_refused_with_the_figures_and_the_ways_out(release,
                                                                                monkeypatch):
    monkeypatch.setattr(_memory, "available_memory", lambda: 1_000_000)
    with pytest.raises(PatnetInputError) as err:
        pn.io.read_patentsview(release, cache=False)
    text = str(err.value)
    estimate = _estimate(release)[0]
    assert f"needs about {estimate / 1e9:.1f} GB" in text and "0.0 GB are available" in text
    assert "g_inventor_disambiguated.tsv" in text and str(release) in text
    for way in ("years=", "countries=", "tables=", "patnet.outofcore", "memory_check=False"):
        assert way in text
    # the ways out: no check without it, or with filters (applied while reading)
    corpus, _ = pn.io.read_patentsview(release, cache=False, memory_check=False)
    assert corpus.n_patents > 0
    assert pn.io.read_patentsview(release, cache=False, years=(2001, 2018))[0].n_patents \
        == corpus.n_patents
    assert pn.io.read_patentsview(release, cache=False, countries=["CN"])[0].n_patents > 0


def test_a_cached_load_is_checked_against_the_rows_it_holds(release, tmp_path, monkeypatch):
    from patnet.io import _cache

    first, _ = pn.io.read_patentsview(release, cache_dir=tmp_path)
    rows = {t: len(df) for t, df in first.tables.items()}
    estimate = _memory.stored_estimate(rows)
    # a read back needs less than the first load, and more than the corpus holds
    assert _held(first) < estimate - _memory.BASE_BYTES < _estimate(release)[0]
    (entry,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert _cache.stored_rows(entry) == rows

    monkeypatch.setattr(_memory, "available_memory", lambda: estimate - 1)
    with pytest.raises(PatnetInputError) as err:
        pn.io.read_patentsview(release, cache_dir=tmp_path)
    text = str(err.value)
    assert f"needs about {estimate / 1e9:.1f} GB" in text and str(entry) in text
    assert f"inventors ({rows['inventors']:,} rows)" in text
    for way in ("years=", "tables=", "patnet.outofcore", "memory_check=False"):
        assert way in text
    # the entry is kept, and read without the check, or with enough memory
    again, report = pn.io.read_patentsview(release, cache_dir=tmp_path, memory_check=False)
    assert report.options["cache"] == "hit"
    pd.testing.assert_frame_equal(first.patents, again.patents)
    monkeypatch.setattr(_memory, "available_memory", lambda: estimate)
    assert pn.io.read_patentsview(release, cache_dir=tmp_path)[1].options["cache"] == "hit"


def test_a_filtered_cached_load_is_checked_too(release, tmp_path, monkeypatch):
    some, _ = pn.io.read_patentsview(release, cache_dir=tmp_path, years=(2005, 2010))
    monkeypatch.setattr(_memory, "available_memory", lambda: 1_000_000)
    with pytest.raises(PatnetInputError, match="reading this corpus"):
        pn.io.read_patentsview(release, cache_dir=tmp_path, years=(2005, 2010))
    # a first load with years is filtered while reading, and not checked
    assert pn.io.read_patentsview(release, cache=False, years=(2005, 2010))[0].n_patents \
        == some.n_patents


def test_a_damaged_cache_entry_is_rebuilt_not_refused(release, tmp_path, monkeypatch):
    pn.io.read_patentsview(release, cache_dir=tmp_path)
    (entry,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    (entry / "inventors.parquet").write_bytes(b"not parquet")
    from patnet.io import _cache

    assert _cache.stored_rows(entry) is None
    _, report = pn.io.read_patentsview(release, cache_dir=tmp_path)
    assert report.options["cache"] == "miss"


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_a_corpus_folder_too_large_is_refused_before_reading(release, tmp_path, monkeypatch, fmt):
    corpus, _ = pn.io.read_patentsview(release, cache=False)
    folder = pn.io.write_corpus(corpus, tmp_path / "c", format=fmt)
    rows = {t: len(df) for t, df in corpus.tables.items()}
    estimate = _memory.stored_estimate(rows)
    monkeypatch.setattr(_memory, "available_memory", lambda: estimate - 1)
    read = []
    monkeypatch.setattr(pd, "read_parquet", lambda *a, **k: read.append(a) or 1 / 0)
    with pytest.raises(PatnetInputError) as err:
        pn.io.read_corpus(folder)
    assert not read  # refused before any table is read
    text = str(err.value)
    assert f"needs about {estimate / 1e9:.1f} GB" in text and str(folder) in text
    assert "patnet.outofcore" in text and "memory_check=False" in text
    monkeypatch.undo()
    monkeypatch.setattr(_memory, "available_memory", lambda: estimate - 1)
    back, _ = pn.io.read_corpus(folder, memory_check=False)
    pn.testing.assert_corpus_equal(back, corpus)
    monkeypatch.setattr(_memory, "available_memory", lambda: estimate)
    pn.testing.assert_corpus_equal(pn.io.read_corpus(folder)[0], corpus)
    monkeypatch.setattr(_memory, "available_memory", lambda: None)  # no figure: no check
    pn.testing.assert_corpus_equal(pn.io.read_corpus(folder)[0], corpus)


def test_the_stored_estimate_by_hand():
    rows = {"patents": 10, "inventors": 30, "applicants": 20, "classes": 40}
    held = 10 * 160 + 30 * 135 + 20 * 190 + 40 * 60
    largest_read = max(10 * 80, 30 * 60, 20 * 100, 40 * 40)  # the applicants, 2,000
    assert _memory.stored_estimate(rows) == _memory.BASE_BYTES + held + largest_read
    assert _memory.stored_estimate({}) == _memory.BASE_BYTES
    assert set(_memory.HELD_BYTES_PER_ROW) == set(_memory.READ_BYTES_PER_ROW) \
        == set(TABLE_NAMES)


def test_no_figure_from_the_system_means_no_check(release, monkeypatch):
    monkeypatch.setattr(_memory, "available_memory", lambda: None)
    assert pn.io.read_patentsview(release, cache=False)[0].n_patents > 0


def test_the_check_is_refused_only_above_what_is_available(release):
    plan = _plan_of(release)
    estimate, _ = _memory.load_estimate(plan)
    assert _memory.check_load(plan, release, available=estimate) == (estimate, estimate)
    with pytest.raises(PatnetInputError, match="needs about"):
        _memory.check_load(plan, release, available=estimate - 1)


def test_bytes_per_row_cover_every_role_a_plan_has(release):
    plan = _plan_of(release)
    roles = {"patents", "application", "inventors", "applicants", "locations", "classes"}
    assert set(_memory.BYTES_PER_ROW) == roles
    assert {k for k in plan if not k.endswith(("_table", "_loc_name"))} <= \
        roles | {"inventors_locations", "applicants_locations"}
