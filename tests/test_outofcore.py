"""The out-of-core path (DuckDB) gives the in-memory path's edges and counts on the same data."""

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
    return {"pv": pv, "plain": plain, "corpus": folder, "csv": csv_folder,
            "memory": normalised}


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
