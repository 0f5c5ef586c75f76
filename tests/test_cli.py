"""The patnet command."""

from __future__ import annotations

import re
import subprocess
import shutil
import sys

import pytest

import patnet as pn
from patnet.cli import detect_source, main
from patnet.testing import make_corpus

FAST = ["--years", "2001", "2004"]  # 168 sample patents: quick to normalise and build


def _one_error_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("patnet: error: "), err
    assert "Traceback" not in err
    return err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert pn.__version__ in capsys.readouterr().out
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "info" in out and "build" in out and "download" in out


@pytest.mark.parametrize("command", [[], ["info"], ["report"], ["build"], ["download"],
                                     ["download", "patentsview"]])
def test_every_help_ends_with_examples(command, capsys):
    with pytest.raises(SystemExit) as e:
        main([*command, "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    last = out.rstrip().split("\n\n")[-1]
    assert last.startswith("examples:\n")
    assert all(line.startswith(("  patnet ", "  PATNET_"))
               for line in last.splitlines()[1:])
    if command:
        assert f"patnet {command[0]}" in last


def test_info_on_a_corpus_folder(tmp_path, capsys):
    pn.io.write_corpus(make_corpus({"1": ["CN", "SG"], "2": ["CN"]}), tmp_path / "c")
    assert main(["info", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert "2 patents" in out and "rows_read" in out and "CN 2" in out


def test_info_on_the_sample(capsys):
    assert main(["info", "sample"]) == 0
    out = capsys.readouterr().out
    assert "PatentCorpus" in out and "LoadReport" in out


def test_info_still_prints_what_it_was_asked_for_when_quiet(capsys):
    assert main(["info", "sample", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "PatentCorpus" in captured.out and captured.err == ""


def test_data_errors_are_one_line_with_status_1(tmp_path, capsys):
    assert main(["info", str(tmp_path / "missing")]) == 1
    err = _one_error_line(capsys.readouterr().err)
    assert "does not exist" in err and f"(file '{tmp_path / 'missing'}')" in err
    assert "; give a PatentsView folder" in err
    (tmp_path / "empty").mkdir()
    assert main(["info", str(tmp_path / "empty")]) == 1
    assert "cannot tell what" in _one_error_line(capsys.readouterr().err)


def test_a_release_too_large_for_memory_is_refused_unless_asked(tmp_path, capsys, monkeypatch):
    from patnet.io import _memory

    folder = tmp_path / "pv"
    pn.datasets.write_patentsview(pn.datasets.synthetic_corpus(200, seed=1), folder)
    monkeypatch.setattr(_memory, "available_memory", lambda: 1_000_000)
    for command in (["info", str(folder)],
                    ["build", str(folder), "--level", "country", "--out", str(tmp_path / "g.csv")]):
        shutil.rmtree(folder / ".patnet-cache", ignore_errors=True)  # a first load, not a hit
        assert main(command) == 1
        err = _one_error_line(capsys.readouterr().err)
        assert "needs about" in err and "--no-memory-check" in err and "--out-of-core" in err
        assert main([*command, "--no-memory-check"]) == 0
        capsys.readouterr()
    # years are filtered while reading, so a build of some years is not refused
    shutil.rmtree(folder / ".patnet-cache")
    assert main(["build", str(folder), "--level", "country", "--years", "2005", "2010",
                 "--out", str(tmp_path / "y.csv")]) == 0
    capsys.readouterr()
    # a corpus folder, and the report on a release once cached (by the first run, whose
    # years are filtered while reading), are checked too
    corpus_dir = pn.io.write_corpus(pn.datasets.synthetic_corpus(200, seed=1), tmp_path / "c")
    for command in (["info", str(corpus_dir)],
                    ["report", "--corpus", str(corpus_dir), "--out", str(tmp_path / "r1"), "-q"],
                    ["report", "--patentsview", str(folder), "--out", str(tmp_path / "r2"),
                     "-q"]):
        assert main([*command, "--no-memory-check"]) == 0, command
        capsys.readouterr()
        assert main(command) == 1, command
        err = _one_error_line(capsys.readouterr().err)
        assert "reading this corpus" in err and "--no-memory-check" in err, command


def test_build_out_of_core_writes_the_in_memory_graph(tmp_path, capsys):
    """--out-of-core: the same nodes, attributes and edges as the in-memory build, and
    the refusal mentions it."""
    pytest.importorskip("duckdb")
    import numpy as np
    import pandas as pd

    folder = tmp_path / "pv"
    pn.datasets.write_patentsview(pn.datasets.synthetic_corpus(400, seed=2), folder)
    common = ["build", str(folder), "--level", "province+country", "--counting", "fractional",
              "--years", "2003", "2012", "--format", "csv"]
    assert main([*common, "--out", str(tmp_path / "mem")]) == 0
    assert main([*common, "--out", str(tmp_path / "ooc"), "--out-of-core",
                 "--memory-limit", "256MB"]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0].split("; wrote")[0] == said[1].split("; wrote")[0]  # same counts announced
    for part, exact in (("edges", ["source", "target", "n_patents"]),
                        ("nodes", ["id", "label", "kind", "country", "province", "region",
                                   "n_patents", "internal_patents"])):
        mem = pd.read_csv(tmp_path / f"mem_{part}.csv")
        ooc = pd.read_csv(tmp_path / f"ooc_{part}.csv")
        assert len(mem) > 10 and list(ooc.columns) == list(mem.columns)
        pd.testing.assert_frame_equal(ooc[exact], mem[exact])
        fl = "weight" if part == "edges" else "fractional_count"
        np.testing.assert_allclose(ooc[fl], mem[fl], rtol=1e-12)


@pytest.mark.parametrize("level", ["org", "inventor"])
def test_build_out_of_core_entity_levels(tmp_path, capsys, level):
    """Organisations and inventors: labels, countries, provinces and sectors as in memory."""
    pytest.importorskip("duckdb")
    import pandas as pd

    folder = tmp_path / "pv"
    pn.datasets.write_patentsview(pn.datasets.synthetic_corpus(300, seed=4), folder)
    common = ["build", str(folder), "--level", level, "--format", "csv"]
    assert main([*common, "--out", str(tmp_path / "mem")]) == 0
    assert main([*common, "--out", str(tmp_path / "ooc"), "--out-of-core"]) == 0
    capsys.readouterr()
    for part in ("nodes", "edges"):
        mem = pd.read_csv(tmp_path / f"mem_{part}.csv", keep_default_na=False)
        ooc = pd.read_csv(tmp_path / f"ooc_{part}.csv", keep_default_na=False)
        assert len(mem) > 10
        pd.testing.assert_frame_equal(ooc, mem)
    nodes = pd.read_csv(tmp_path / "ooc_nodes.csv", keep_default_na=False)
    assert (nodes["province"] != "").any()
    if level == "org":
        assert nodes["sector"].nunique() > 3


def test_build_out_of_core_drops_and_reports_unreadable_patent_numbers(tmp_path, capsys):
    """--errors report (the default) drops rows with an unreadable patent number and says
    how many, as the in-memory build drops them; --errors raise stops with the value."""
    pytest.importorskip("duckdb")
    c = pn.testing.make_corpus({"1": ["CN", "SG"], "2": ["CN", "MY"], "3": ["SG", "MY"]})
    folder = tmp_path / "pv"
    pn.datasets.write_patentsview(c, folder, zipped=False)
    for table in ("g_patent", "g_inventor_disambiguated"):
        path = folder / f"{table}.tsv"
        path.write_text(path.read_text().replace("\n3\t", "\n3.4E+12\t"))
    common = ["build", str(folder), "--level", "country", "--format", "csv"]
    assert main([*common, "--out", str(tmp_path / "mem")]) == 0
    assert main([*common, "--out", str(tmp_path / "ooc"), "--out-of-core"]) == 0
    said = capsys.readouterr().out
    assert "dropped 3 rows with an unreadable patent number" in said
    assert (tmp_path / "ooc_edges.csv").read_text() == (tmp_path / "mem_edges.csv").read_text()
    assert "2 edges" in said
    assert main([*common, "--out", str(tmp_path / "x"), "--out-of-core", "--errors", "raise"]) == 1
    err = _one_error_line(capsys.readouterr().err)
    assert "unreadable patent number" in err and "'3.4E+12'" in err and "g_patent.tsv" in err


def test_build_out_of_core_usage_errors(tmp_path, capsys):
    folder = tmp_path / "pv"
    pn.datasets.write_patentsview(pn.datasets.synthetic_corpus(50, seed=2), folder)
    assert main(["build", str(folder), "--level", "sector", "--out-of-core"]) == 2
    err = _one_error_line(capsys.readouterr().err)
    assert "not --level sector" in err and "inventor" in err
    assert main(["build", "sample", "--level", "country", "--out-of-core"]) == 2
    assert "not the bundled sample" in _one_error_line(capsys.readouterr().err)


def test_detect_source(tmp_path):
    (tmp_path / "pv").mkdir()
    (tmp_path / "pv" / "g_patent.tsv.zip").write_bytes(b"")
    assert detect_source(str(tmp_path / "pv")) == "patentsview"
    (tmp_path / "x.xml").write_text("")
    assert detect_source(str(tmp_path / "x.xml")) == "xml"


def test_console_script_runs():
    out = subprocess.run([sys.executable, "-m", "patnet.cli", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("patnet ")


# -- build -------------------------------------------------------------------------------------
def _summary(out: str):
    m = re.fullmatch(r"patnet build: ([\d,]+) nodes, ([\d,]+) edges \(.*\); wrote (.*)\n", out)
    assert m, out
    return int(m.group(1).replace(",", "")), int(m.group(2).replace(",", "")), m.group(3)


READERS = {
    "graphml": (["g.graphml"], lambda p: pn.export.read_graphml(p[0])),
    "gexf": (["g.gexf"], lambda p: pn.export.read_gexf(p[0])),
    "pajek": (["g.net"], lambda p: pn.export.read_pajek(p[0])),
    "vosviewer": (["g_map.txt", "g_network.txt"], lambda p: pn.export.read_vosviewer(*p)),
    "csv": (["g_nodes.csv", "g_edges.csv"], lambda p: pn.export.read_csv(*p)),
}


@pytest.mark.parametrize("fmt", list(READERS))
def test_build_writes_each_format(fmt, tmp_path, capsys):
    """Each format reads back with patnet's reader, with the nodes and edges announced."""
    assert main(["build", "sample", "--level", "country", "--format", fmt,
                 "--out", str(tmp_path / "g"), *FAST]) == 0
    nodes, edges, wrote = _summary(capsys.readouterr().out)
    names, read = READERS[fmt]
    paths = [tmp_path / n for n in names]
    assert wrote == " and ".join(map(str, paths))
    G = read(paths)
    assert G.number_of_nodes() == nodes > 5 and G.number_of_edges() == edges > 5
    assert "country:CN" in G or any(G.nodes[n].get("label") == "China" for n in G)


def test_build_format_from_the_suffix_and_default_name(tmp_path, capsys, monkeypatch):
    assert main(["build", "sample", "--level", "country", "--out", str(tmp_path / "c.gexf"),
                 *FAST]) == 0
    assert pn.export.read_gexf(tmp_path / "c.gexf").number_of_nodes() == _summary(
        capsys.readouterr().out)[0]
    monkeypatch.chdir(tmp_path)
    assert main(["build", "sample", "--level", "province+country", *FAST]) == 0
    assert (tmp_path / "patnet-province-country.graphml").is_file()


def test_build_org_level(tmp_path, capsys):
    out = tmp_path / "orgs.json"
    assert main(["build", "sample", "--level", "org", "--counting", "fractional",
                 "--normalize", "association_strength", "--format", "vosviewer",
                 "--out", str(out), "--years", "2001", "2010"]) == 0
    nodes, edges, _ = _summary(capsys.readouterr().out)
    G = pn.export.read_vosviewer_json(out)
    assert G.number_of_nodes() == nodes and G.number_of_edges() == edges > 0


def test_build_org_level_classifies_sectors(tmp_path, capsys):
    assert main(["build", "sample", "--level", "org", "--out", str(tmp_path / "o.graphml"),
                 *FAST]) == 0
    G = pn.export.read_graphml(tmp_path / "o.graphml")
    assert {"firm", "university"} <= {d["sector"] for _, d in G.nodes(data=True)}


def test_build_on_a_corpus_folder_with_min_weight(tmp_path, capsys):
    c = make_corpus({"1": ["CN", "SG"], "2": ["CN", "SG"], "3": ["CN", "US"]})
    pn.io.write_corpus(c, tmp_path / "c")
    assert main(["build", str(tmp_path / "c"), "--level", "country", "--min-weight", "2",
                 "--format", "csv", "--out", str(tmp_path / "g.csv")]) == 0
    assert _summary(capsys.readouterr().out)[:2] == (3, 1)
    G = pn.export.read_csv(tmp_path / "g_nodes.csv", tmp_path / "g_edges.csv")
    assert list(G.edges(data="weight")) == [("country:CN", "country:SG", 2.0)]


def test_build_quiet_prints_nothing(tmp_path, capsys):
    assert main(["--quiet", "build", "sample", "--level", "country", *FAST,
                 "--out", str(tmp_path / "a.graphml")]) == 0
    assert main(["build", "sample", "--level", "sector", "--quiet", *FAST,
                 "--out", str(tmp_path / "b.net")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert (tmp_path / "a.graphml").is_file() and (tmp_path / "b.net").is_file()


def test_build_shows_progress_on_a_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["build", "sample", "--level", "field", "--out", str(tmp_path / "f.gexf")]) == 0
    captured = capsys.readouterr()
    assert "patnet build: loading the bundled sample" in captured.err
    assert captured.out.startswith("patnet build: 8 nodes")


def test_build_passes_progress_on_to_the_builder(tmp_path, capsys, monkeypatch):
    from patnet.build import graphs

    monkeypatch.setattr(graphs, "PROGRESS_ROWS", 0)  # every corpus is "large"
    assert main(["--quiet", "build", "sample", "--level", "country", *FAST,
                 "--out", str(tmp_path / "a.graphml")]) == 0
    assert capsys.readouterr().err == ""  # quiet: no bar from the builder either
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["build", "sample", "--level", "country", *FAST,
                 "--out", str(tmp_path / "b.graphml")]) == 0
    assert "country graph" in capsys.readouterr().err


def test_build_bad_path_is_one_line_with_status_1(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "--out", str(tmp_path / "g.gexf")]) == 1
    err = _one_error_line(capsys.readouterr().err)
    assert "does not exist" in err and str(tmp_path / "nope") in err
    assert not (tmp_path / "g.gexf").exists()


def test_build_unwritable_output_is_one_line_with_status_1(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert main(["--quiet", "build", "sample", "--level", "sector", *FAST,
                 "--out", str(tmp_path / "file" / "g.graphml")]) == 1
    err = _one_error_line(capsys.readouterr().err)
    assert str(tmp_path / "file") in err and "; check the path" in err


def test_debug_shows_the_traceback(tmp_path, capsys):
    assert main(["--debug", "build", str(tmp_path / "nope")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):") and "PatnetInputError" in err
    assert err.splitlines()[-1].startswith("patnet: error: ")
    assert main(["info", str(tmp_path / "nope"), "--debug"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_usage_errors_are_one_line_with_status_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["build", "sample", "--level", "planet"])
    assert e.value.code == 2
    err = _one_error_line(capsys.readouterr().err)
    assert "'planet'" in err and "(patnet build)" in err and "--help" in err
    assert main(["build", "sample", "--counting", "fractional", "--normalize", "salton"]) == 2
    err = _one_error_line(capsys.readouterr().err)
    assert "--counting full" in err and "association_strength" in err
    assert main(["build", "sample", "--years", "2010", "2001"]) == 2
    _one_error_line(capsys.readouterr().err)
    assert main(["report", "--sample", "--corpus", "x"]) == 2
    assert "exactly one source" in _one_error_line(capsys.readouterr().err)


def test_report_quiet_prints_nothing(tmp_path, capsys):
    assert main(["report", "--sample", "--quiet", "--years", "2001", "2008",
                 "--out", str(tmp_path / "rep")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert (tmp_path / "rep" / "index.html").is_file()
