"""The out-of-core path (DuckDB) gives the in-memory path's edges and counts on the same data."""

import json

import numpy as np
import pandas as pd
import pytest

import patnet as pn
from patnet.exceptions import PatnetInputError

pytest.importorskip("duckdb")
from patnet import outofcore  # noqa: E402

LEVELS = ["country", "province", "province+country", "inventor", "org"]
COUNTINGS = ["full", "fractional", "patent_share"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("ooc")
    corpus = pn.datasets.synthetic_corpus(2500, seed=11)
    pv = root / "pv"
    pn.datasets.write_patentsview(corpus, pv, zipped=True)
    plain = root / "pv_plain"
    pn.datasets.write_patentsview(corpus, plain, zipped=False)
    loaded, _ = pn.io.read_patentsview(pv, cache=False)
    normalised, _ = pn.geo.normalize(loaded)
    folder = pn.io.write_corpus(normalised, root / "corpus")
    csv_folder = pn.io.write_corpus(normalised, root / "corpus_csv", format="csv")
    classified, _ = pn.classify.assign_sectors(normalised)
    sectors = pn.io.write_corpus(classified, root / "corpus_sectors")
    return {"pv": pv, "plain": plain, "corpus": folder, "csv": csv_folder,
            "memory": normalised, "classified": classified, "sectors": sectors}


def _in_memory(corpus, level, counting, years=None):
    if years is not None:
        corpus = corpus.filter_years(*years)
    if level == "inventor":
        G = pn.build.inventor_graph(corpus, counting=counting)
    elif level == "org":
        G = pn.build.org_graph(corpus, counting=counting)
    else:
        G = pn.build.geo_graph(corpus, level=level, counting=counting)
    rows = [(u, v, d["weight"], d["n_patents"]) for u, v, d in G.edges(data=True)]
    df = pd.DataFrame(rows, columns=["source", "target", "weight", "n_patents"])
    nodes = pd.DataFrame.from_dict(dict(G.nodes(data=True)), orient="index")
    return df, G, nodes


def _same(got, want):
    assert got["source"].tolist() == want["source"].tolist()
    assert got["target"].tolist() == want["target"].tolist()
    assert got["n_patents"].tolist() == want["n_patents"].tolist()
    np.testing.assert_allclose(got["weight"].to_numpy(float), want["weight"].to_numpy(float),
                               rtol=1e-12, atol=0)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("counting", COUNTINGS)
@pytest.mark.parametrize("source", ["pv", "corpus"])
def test_edges_equal_in_memory(data, level, counting, source):
    want, G, _ = _in_memory(data["memory"], level, counting)
    got = outofcore.edges(data[source], level, counting=counting, memory_limit="512MB")
    assert len(want) > 0
    _same(got, want)


@pytest.mark.parametrize("level", ["country", "province+country", "inventor"])
def test_unit_counts_equal_node_attributes(data, level):
    _, G, nodes = _in_memory(data["memory"], level, "full")
    got = outofcore.unit_counts(data["corpus"], level)
    used = nodes[nodes["n_patents"] > 0]
    assert got.index.tolist() == sorted(used.index)
    assert got["n_patents"].tolist() == used.loc[got.index, "n_patents"].tolist()
    assert got["internal_patents"].tolist() == used.loc[got.index, "internal_patents"].tolist()
    np.testing.assert_allclose(got["fractional_count"], used.loc[got.index, "fractional_count"],
                               rtol=1e-12)


@pytest.mark.parametrize("source", ["plain", "csv"])
def test_plain_tsv_and_csv_sources(data, source):
    want, _, _ = _in_memory(data["memory"], "province+country", "fractional")
    _same(outofcore.edges(data[source], "province+country", counting="fractional"), want)


def test_years_filter(data):
    want, _, _ = _in_memory(data["memory"], "country", "full", years=(2005, 2010))
    _same(outofcore.edges(data["pv"], "country", years=(2005, 2010)), want)
    _same(outofcore.edges(data["corpus"], "country", years=(2005, 2010)), want)


def test_spills_under_a_tiny_memory_limit(data, tmp_path):
    want, _, _ = _in_memory(data["memory"], "inventor", "fractional")
    got = outofcore.edges(data["corpus"], "inventor", counting="fractional",
                          memory_limit="64MB", temp_directory=tmp_path, threads=1)
    _same(got, want)


def _bytes(text: str) -> float:
    """DuckDB's way of writing a size ("768MB", "732.4 MiB", "134217728B") in bytes."""
    import re

    number, unit = re.fullmatch(r"([\d.]+)\s*([KMGT]i?B|B)", text.strip()).groups()
    scale = {"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
             "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40}[unit]
    return float(number) * scale


def test_connection_keeps_freed_memory_up_to_its_budget():
    """DuckDB's allocator hands freed memory back only above the budget (its defaults are
    128 MiB and 512 MiB); the budget itself is the one asked for."""
    import duckdb

    names = ("memory_limit", "allocator_flush_threshold",
             "allocator_bulk_deallocation_flush_threshold")
    query = f"SELECT name, value FROM duckdb_settings() WHERE name IN {names}"
    default = dict(duckdb.connect(":memory:").execute(query).fetchall())
    con = outofcore.connect("768MB", threads=1)
    got = dict(con.execute(query).fetchall())
    con.close()
    assert set(got) == set(names)
    for name in names:
        assert _bytes(got[name]) == pytest.approx(768e6, rel=1e-3), (name, got[name])
        assert _bytes(default[name]) != pytest.approx(768e6, rel=1e-3)


def test_zip_conversion_is_cached(data):
    cache = data["pv"] / ".patnet-cache" / "outofcore"
    outofcore.edges(data["pv"], "country")
    stamp = (cache / "g_patent.parquet").stat().st_mtime_ns
    outofcore.edges(data["pv"], "country")
    assert (cache / "g_patent.parquet").stat().st_mtime_ns == stamp


def test_clear_errors(tmp_path):
    with pytest.raises(PatnetInputError, match="cannot tell"):
        outofcore.edges(tmp_path, "country")
    with pytest.raises(PatnetInputError, match="unknown level"):
        outofcore.edges(tmp_path, "field")
    with pytest.raises(PatnetInputError, match="unknown counting"):
        outofcore.edges(tmp_path, "country", counting="half")


def test_edges_written_to_parquet(data, tmp_path):
    want, _, _ = _in_memory(data["memory"], "inventor", "fractional")
    path = outofcore.edges(data["corpus"], "inventor", counting="fractional",
                           out=tmp_path / "sub" / "edges.parquet")
    assert path.exists() and not path.with_name("edges.parquet.tmp").exists()
    _same(pd.read_parquet(path), want)
    full = pd.read_parquet(outofcore.edges(data["corpus"], "country", out=tmp_path / "c.parquet"))
    assert full["weight"].tolist() == full["n_patents"].tolist()


# -- graph: the geographic graph built from the out-of-core edges and counts -------------
def _same_graph(got, want):
    """Same nodes and edges in the same order, equal attributes (floats to 1e-12)."""
    assert list(got.nodes) == list(want.nodes)
    assert list(got.edges) == list(want.edges)
    for n, d in want.nodes(data=True):
        g = got.nodes[n]
        assert sorted(g) == sorted(d)
        for k, v in d.items():
            if isinstance(v, float):
                assert g[k] == pytest.approx(v, rel=1e-12), (n, k)
            else:
                assert g[k] == v and type(g[k]) is type(v), (n, k)
    for u, v, d in want.edges(data=True):
        g = got.edges[u, v]
        assert sorted(g) == sorted(d)
        assert g["n_patents"] == d["n_patents"]
        for k in d.keys() - {"n_patents"}:
            if isinstance(d[k], str):  # an organisation edge's sector_pair
                assert g[k] == d[k], (u, v, k)
            else:
                assert g[k] == pytest.approx(d[k], rel=1e-12), (u, v, k)
    # the graph attributes this path knows are the in-memory graph's, the builder aside
    shared = (got.graph.keys() & want.graph.keys()) - {"builder"}
    assert {k: got.graph[k] for k in shared} == {k: want.graph[k] for k in shared}
    assert got.graph["engine"] == "duckdb" and got.graph["builder"] == "outofcore.graph"
    assert not (want.graph.keys() - got.graph.keys() - {"_provenance"}) - {
        k for k in want.graph if k.startswith("rows_")}


@pytest.mark.parametrize("level", ["country", "province", "province+country"])
@pytest.mark.parametrize("counting,normalize", [
    ("full", None), ("fractional", None), ("patent_share", None), ("full", "salton"),
    ("full", "jaccard"), ("fractional", "association_strength")])
def test_graph_equals_geo_graph(data, level, counting, normalize):
    want = pn.build.geo_graph(data["memory"], level=level, counting=counting,
                              normalize=normalize)
    assert want.number_of_edges() > 0
    got = outofcore.graph(data["pv"], level, counting=counting, normalize=normalize)
    _same_graph(got, want)
    if counting == "full" and normalize is None:  # the corpus folder gives the same graph
        _same_graph(outofcore.graph(data["corpus"], level), want)


def test_graph_min_weight_years_and_igraph(data):
    memory = data["memory"].filter_years(2005, 2012)
    want = pn.build.geo_graph(memory, level="province+country", counting="fractional",
                              min_weight=0.5)
    got = outofcore.graph(data["corpus"], "province+country", counting="fractional",
                          min_weight=0.5, years=(2005, 2012))
    assert 0 < got.number_of_edges() < pn.build.geo_graph(memory).number_of_edges()
    _same_graph(got, want)
    ig_want = pn.build.geo_graph(data["memory"], level="country", output="igraph")
    ig_got = outofcore.graph(data["pv"], "country", output="igraph")
    assert ig_got.vs["name"] == ig_want.vs["name"]
    assert ig_got.get_edgelist() == ig_want.get_edgelist()
    assert ig_got.es["weight"] == ig_want.es["weight"]
    assert ig_got.vs["region"] == ig_want.vs["region"]


@pytest.mark.parametrize("level", ["inventor", "org"])
@pytest.mark.parametrize("counting,normalize", [
    ("full", None), ("fractional", None), ("full", "salton"), ("patent_share", None)])
def test_graph_equals_inventor_and_org_graph(data, level, counting, normalize):
    """Node labels, countries, provinces and sectors are the modes of the rows, found in
    DuckDB; from PatentsView, of the values the loaders, geo.normalize and assign_sectors make."""
    build = pn.build.inventor_graph if level == "inventor" else pn.build.org_graph
    want = build(data["classified"], counting=counting, normalize=normalize)
    assert want.number_of_edges() > 0
    got = outofcore.graph(data["pv"], level, counting=counting, normalize=normalize)
    _same_graph(got, want)
    if counting == "full" and normalize is None:  # corpus folders, as written
        _same_graph(outofcore.graph(data["sectors"], level), want)
        # a folder without sectors has them assigned, as patnet build does in memory
        _same_graph(outofcore.graph(data["csv"], level), want)


def test_entity_attributes_are_modes_with_ties_to_the_smallest(tmp_path):
    rows = {"1": [{"inventor_id": "a", "name": "Wang, Li", "country": "CN", "province": "CN-JS"},
                  {"inventor_id": "b", "name": "Tan, Mei", "country": "SG"}],
            "2": [{"inventor_id": "a", "name": "Wang, L.", "country": "CN", "province": "CN-BJ"},
                  {"inventor_id": "b", "name": None, "country": "MY"}],
            "3": [{"inventor_id": "a", "name": "Wang, L.", "country": "US"},
                  {"inventor_id": "c", "name": None, "country": None}]}
    c = pn.testing.make_corpus(rows)
    folder = pn.io.write_corpus(c, tmp_path / "c")
    want = pn.build.inventor_graph(c)
    got = outofcore.graph(folder, "inventor")
    _same_graph(got, want)
    a, b, cc = (got.nodes[f"inventor:{k}"] for k in "abc")
    assert (a["label"], a["country"], a["province"]) == ("Wang, L.", "CN", "CN-BJ")
    assert (b["label"], b["country"], b["region"]) == ("Tan, Mei", "MY", "ASEAN")
    assert (cc["label"], cc["country"]) == ("c", "")
    assert got.graph["rows_read"] == 6 and got.graph["rows_used"] == 6


def test_entity_graph_of_rows_without_ids_is_refused(tmp_path):
    folder = pn.io.write_corpus(pn.testing.make_corpus({"1": ["CN", "SG"]}), tmp_path / "c")
    with pytest.raises(PatnetInputError, match="every row lacks 'inventor_id'"):
        outofcore.graph(folder, "inventor")


def test_zip_conversion_grows_its_columns(data, tmp_path):
    """A graph's node attributes read name columns an edge list does not: the cached
    conversion gains them once, and keeps serving the edge list."""
    import shutil

    pv = tmp_path / "pv"
    shutil.copytree(data["pv"], pv, ignore=shutil.ignore_patterns(".patnet-cache"))
    outofcore.edges(pv, "inventor")
    cache = pv / ".patnet-cache" / "outofcore" / "g_inventor_disambiguated.parquet"
    first = cache.stat().st_mtime_ns
    outofcore.graph(pv, "inventor")
    grown = cache.stat().st_mtime_ns
    assert grown != first
    outofcore.edges(pv, "inventor")
    outofcore.graph(pv, "inventor")
    assert cache.stat().st_mtime_ns == grown


def test_graph_refuses_what_it_cannot_build(data):
    with pytest.raises(PatnetInputError, match="unknown level 'region'") as e:
        outofcore.graph(data["corpus"], "region")
    assert "inventor" in e.value.hint
    with pytest.raises(PatnetInputError, match="memory_limit='lots'") as e:
        outofcore.graph(data["corpus"], "country", memory_limit="lots")
    assert "4GB" in e.value.hint
    with pytest.raises(PatnetInputError):
        outofcore.graph(data["corpus"], "country", normalize="cosine")


def test_graph_of_no_patents_is_empty(data):
    G = outofcore.graph(data["corpus"], "country", years=(1800, 1801))
    assert (G.number_of_nodes(), G.number_of_edges(), G.graph["n_patents"]) == (0, 0, 0)
    assert outofcore.graph(data["pv"], "province", years=(1800, 1801), output="igraph").vcount() == 0


@pytest.mark.parametrize("counting", ["full", "fractional"])
def test_edges_of_no_patents_are_an_empty_frame_with_the_same_columns(data, counting):
    some = outofcore.edges(data["corpus"], "inventor", counting=counting)
    none = outofcore.edges(data["corpus"], "inventor", counting=counting, years=(1800, 1801))
    assert len(some) > 0 and len(none) == 0
    assert none.columns.tolist() == some.columns.tolist() == ["source", "target", "weight",
                                                               "n_patents"]
    assert none.dtypes.tolist() == some.dtypes.tolist()


def test_edge_frame_equals_the_edge_list_written_by_duckdb(data, tmp_path):
    """The frame looks node ids up after sorting pairs on integers; the Parquet file is
    written by DuckDB joining and sorting the ids itself: same rows, same order."""
    for level in ("inventor", "province+country"):
        got = outofcore.edges(data["pv"], level, counting="patent_share")
        want = pd.read_parquet(outofcore.edges(data["pv"], level, counting="patent_share",
                                               out=tmp_path / f"{level}.parquet"))
        assert len(got) > 0
        assert got["source"].tolist() == want["source"].tolist()
        assert got["target"].tolist() == want["target"].tolist()
        assert got["n_patents"].tolist() == want["n_patents"].tolist()
        # two aggregations of the same sums, possibly in another order
        np.testing.assert_allclose(got["weight"], want["weight"], rtol=1e-12, atol=0)


def test_namibia_is_a_country_not_a_missing_value(tmp_path):
    # "NA" is Namibia's code: the zip's conversion to Parquet must keep it, as the loaders do
    c = pn.testing.make_corpus({"1": ["CN", "NA"], "2": ["NA", "SG"]})
    pn.datasets.write_patentsview(c, tmp_path / "pv", zipped=True)
    want, _, _ = _in_memory(pn.geo.normalize(pn.io.read_patentsview(tmp_path / "pv",
                                                                    cache=False)[0])[0],
                            "country", "full")
    assert want["target"].tolist() == ["country:NA", "country:SG"]
    _same(outofcore.edges(tmp_path / "pv", "country"), want)


def test_ids_are_cleaned_as_the_loaders_clean_them(tmp_path):
    """Ids with whitespace around them (tabs, ideographic spaces) or written as a
    placeholder ("N/A", "NULL") mean what the loaders make of them: the stripped id, or
    a row without an id. A corpus folder's ids are taken as written, as read_corpus
    takes them; an empty id is a row without one on both paths."""
    inv = {"1": [{"inventor_id": "a", "name": "Li, Wei", "country": "CN"},
                 {"inventor_id": "\tb\u3000", "name": "Tan, Mei", "country": "SG"},
                 {"inventor_id": "N/A", "name": "Ng, Al", "country": "MY"}],
           "2": [{"inventor_id": " b", "name": "Tan, Mei", "country": "SG"},
                 {"inventor_id": "c\xa0", "name": "Ong, Bo", "country": "MY"},
                 {"inventor_id": "NULL", "name": "Ng, Al", "country": "MY"}],
           "3": [{"inventor_id": "N/A", "country": "CN"}, {"inventor_id": "a", "country": "CN"},
                 {"inventor_id": "", "country": "CN"}]}
    app = {"1": [{"applicant_id": "x", "name": "Acme"}, {"applicant_id": " y\t", "name": "Bolt"}],
           "2": [{"applicant_id": "y", "name": "Bolt"}, {"applicant_id": "None", "name": "Cog"},
                 {"applicant_id": "z\u2003", "name": "Dune"}],
           "3": [{"applicant_id": "\\N", "name": "Cog"}, {"applicant_id": "x", "name": "Acme"},
                 {"applicant_id": "", "name": "Eel"}]}
    c = pn.testing.make_corpus(inv, applicants=app)
    pn.datasets.write_patentsview(c, tmp_path / "pv", zipped=True)
    loaded = pn.geo.normalize(pn.io.read_patentsview(tmp_path / "pv", cache=False)[0])[0]
    assert sorted(loaded.inventors["inventor_id"].dropna().unique()) == ["a", "b", "c"]
    csv = pn.io.write_corpus(c, tmp_path / "csv", format="csv")
    as_written = pn.classify.assign_sectors(pn.io.read_corpus(csv)[0])[0]
    for level, build in (("inventor", pn.build.inventor_graph), ("org", pn.build.org_graph)):
        want = build(pn.classify.assign_sectors(loaded)[0])
        assert want.number_of_edges() > 0
        got = outofcore.graph(tmp_path / "pv", level)
        _same_graph(got, want)
        key = "inventor_id" if level == "inventor" else "applicant_id"
        table = loaded.inventors if level == "inventor" else loaded.applicants
        # inventors: two "N/A", a "NULL" and a ""; applicants: a "None", a "\\N" and a ""
        assert (got.graph[f"rows_dropped_missing_{key}"] == table[key].isna().sum()
                == {"inventor": 4, "org": 3}[level])
        want = build(as_written)
        assert want.graph[f"rows_dropped_missing_{key}"] == 1
        assert "inventor:N/A" in want or "org:None" in want
        _same_graph(outofcore.graph(csv, level), want)


def _respell_patent_ids(folder, table, spellings):
    """Rewrite the patent ids of a plain PatentsView table (first column) as spelled."""
    path = folder / f"{table}.tsv"
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines[1:], start=1):
        if line:
            pid, rest = line.split("\t", 1)
            lines[i] = spellings.get(pid, pid) + "\t" + rest
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("zipped", [False, True])
def test_patent_ids_are_made_canonical_as_the_loaders_make_them(tmp_path, zipped):
    """A patent number spelled another way ("0456", "US 456 B2", "d0123") is the same
    patent on both paths, in whichever table; an unreadable one (a spreadsheet's
    "1.23E+12") raises, or under errors="report" its rows are dropped and counted."""
    import zipfile

    inv = {"456": [{"inventor_id": "a", "country": "CN"}, {"inventor_id": "b", "country": "SG"}],
           "D123": [{"inventor_id": "b", "country": "SG"}, {"inventor_id": "c", "country": "MY"}],
           "789": [{"inventor_id": "a", "country": "CN"}, {"inventor_id": "c", "country": "MY"}],
           "999": [{"inventor_id": "a", "country": "CN"}, {"inventor_id": "d", "country": "TH"}]}
    app = {p: [{"applicant_id": x, "name": x.upper()} for x in xs]
           for p, xs in {"456": "xy", "D123": "yz", "789": "xz", "999": "xw"}.items()}
    c = pn.testing.make_corpus(inv, applicants=app)
    pv = tmp_path / "pv"
    pn.datasets.write_patentsview(c, pv, zipped=False)
    _respell_patent_ids(pv, "g_patent", {"456": "0456", "D123": "d0123", "999": "1.23E+12"})
    for table in ("g_inventor_disambiguated", "g_assignee_disambiguated"):
        _respell_patent_ids(pv, table, {"456": " US 456 B2", "789": "0789", "999": "1.23E+12"})
    if zipped:
        for f in sorted(pv.glob("*.tsv")):
            with zipfile.ZipFile(f.with_name(f.name + ".zip"), "w") as z:
                z.write(f, f.name)
            f.unlink()
    loaded, report = pn.io.read_patentsview(pv, cache=False, errors="report")
    assert sorted(loaded.patents["patent_id"]) == ["456", "789", "D123"]
    corpus = pn.classify.assign_sectors(pn.geo.normalize(loaded)[0])[0]
    with pytest.raises(PatnetInputError, match="unreadable patent number") as err:
        outofcore.graph(pv, "country")
    assert err.value.value == "1.23E+12" and err.value.column == "patent_id"
    assert err.value.file.startswith("g_patent.tsv")
    # the physical line, as the loader names it (header on line 1)
    with pytest.raises(PatnetInputError, match="unreadable patent number") as loader_err:
        pn.io.read_patentsview(pv, cache=False)
    assert err.value.line == loader_err.value.line == 1 + 4
    assert err.value.file == loader_err.value.file
    dropped = report.rows_dropped
    for level, build in (("inventor", pn.build.inventor_graph), ("org", pn.build.org_graph),
                         ("country", lambda x: pn.build.geo_graph(x, "country"))):
        want = build(corpus)
        assert want.number_of_edges() == 3
        with pytest.warns(pn.PatnetWarning, match="unreadable patent number"):
            got = outofcore.graph(pv, level, errors="report")
        _same_graph(got, want)
        table = "g_assignee_disambiguated" if level == "org" else "g_inventor_disambiguated"
        assert got.graph["rows_dropped_unreadable_patent_id"] == 3 == 1 + 2
        assert dropped["patents"] == 1
        with pytest.warns(pn.PatnetWarning, match=f"{table}: 2, g_patent: 1"):
            e = outofcore.edges(pv, level, errors="report")
        assert e.attrs["rows_dropped_unreadable_patent_id"] == {table: 2, "g_patent": 1}
    assert dropped["inventors"] == dropped["applicants"] == 2

    # a corpus folder is read as written, as read_corpus reads it
    written = pn.testing.make_corpus({"0456": ["CN", "SG"], "D0123": ["SG", "MY"],
                                      "456": ["CN", "SG"]})
    folder = pn.io.write_corpus(written, tmp_path / "corpus", format="csv")
    read = pn.io.read_corpus(folder)[0]
    assert sorted(read.patents["patent_id"]) == ["0456", "456", "D0123"]
    want = _in_memory(read, "country", "full")[0]
    assert want["n_patents"].tolist() == [2, 1]  # "0456" and "456" are two patents
    _same(outofcore.edges(folder, "country"), want)
    # CSV files without corpus.json are cleaned as read_corpus reads them: not out of core
    (folder / "corpus.json").unlink()
    with pytest.raises(PatnetInputError, match="without corpus.json"):
        outofcore.edges(folder, "country")


@pytest.mark.parametrize("damage", ["", "{\"size\": 1", "[1, 2]", "{\"columns\": 3}"])
def test_a_damaged_conversion_stamp_makes_the_conversion_again(data, tmp_path, damage):
    import shutil

    pv = tmp_path / "pv"
    shutil.copytree(data["pv"], pv, ignore=shutil.ignore_patterns(".patnet-cache"))
    want = outofcore.edges(pv, "country")
    stamp = pv / ".patnet-cache" / "outofcore" / "g_inventor_disambiguated.json"
    stamp.write_text(damage)
    _same(outofcore.edges(pv, "country"), want)
    assert json.loads(stamp.read_text())["columns"]  # written again, whole
