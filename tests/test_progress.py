"""Progress bars of the graph builders and of community detection."""

import networkx as nx
import pandas as pd
import pytest

import patnet as pn
from patnet import PatnetInputError
from patnet._progress import Stages, wanted
from patnet.build import graphs
from patnet.measures import community
from patnet.testing import make_corpus


@pytest.fixture
def corpus():
    return make_corpus({
        "1": [{"inventor_id": "a", "country": "CN", "province": "CN-JS"},
              {"inventor_id": "b", "country": "SG"}],
        "2": [{"inventor_id": "a", "country": "CN", "province": "CN-JS"},
              {"inventor_id": "c", "country": "US"}],
        "3": [{"inventor_id": "b", "country": "SG"}, {"inventor_id": "c", "country": "US"}]},
        applicants={"1": [{"name": "Tsinghua University", "sector": "university"},
                          {"name": "Huawei", "sector": "firm"}],
                    "2": [{"name": "Huawei", "sector": "firm"}]})


def test_wanted():
    assert wanted(None, size=99, threshold=100) is False
    assert wanted(None, size=100, threshold=100) is True
    assert wanted(True, size=0, threshold=100) is True
    assert wanted(False, size=10**9, threshold=1) is False
    for bad in ("yes", 1, 0.5):
        with pytest.raises(PatnetInputError, match="progress must be True, False or None"):
            wanted(bad, size=0, threshold=1)


def test_stages_count_without_a_bar():
    with Stages("x", ["a", "b", "c"], show=False) as bar:
        bar.stage("a")
        assert bar.done == 0
        bar.stage("b")
        assert bar.done == 1
        bar.stage("c")
    assert bar.done == 3 and bar.total == 3


def test_a_failed_stage_is_not_counted(capsys):
    with pytest.raises(ValueError):
        with Stages("x", 2, show=True) as bar:
            bar.stage("a")
            bar.stage("b")
            raise ValueError
    assert bar.done == 1
    assert "1/2" in capsys.readouterr().err


def test_stages_bar_on_stderr(capsys):
    with Stages("build", ["a", "b"], show=True) as bar:
        bar.stage("first")
        bar.note("first, detail")
        bar.stage("second")
    err = capsys.readouterr().err
    assert "build" in err and "2/2" in err
    assert "first, detail" in err and "second" in err


@pytest.mark.parametrize("build", [
    lambda c, **k: pn.build.inventor_graph(c, **k),
    lambda c, **k: pn.build.geo_graph(c, **k),
    lambda c, **k: pn.build.geo_graph(c, restrict=True, partners="bri", **k),
    lambda c, **k: pn.build.org_graph(c, key="name", **k),
    lambda c, **k: pn.build.graph(c, "country", **k),
    lambda c, **k: pn.build.inventor_graph(c, output="igraph", **k),
])
def test_builders_show_their_stages(corpus, build, capsys):
    quiet = build(corpus, progress=False)
    auto = build(corpus)  # a small corpus: no bar by default
    assert capsys.readouterr().err == ""
    shown = build(corpus, progress=True)
    err = capsys.readouterr().err
    assert "graph" in err and "3/3" in err
    assert "projection" in err
    for other in (auto, shown):  # the bar changes nothing in the graph
        if isinstance(quiet, nx.Graph):
            assert list(other.nodes(data=True)) == list(quiet.nodes(data=True))
            assert list(other.edges(data=True)) == list(quiet.edges(data=True))
            assert ({k: v for k, v in other.graph.items() if k != "_provenance"}
                    == {k: v for k, v in quiet.graph.items() if k != "_provenance"})
        else:
            assert other.get_edgelist() == quiet.get_edgelist()
            assert other.vs["name"] == quiet.vs["name"]


def test_builders_show_a_bar_by_default_on_large_corpora(corpus, capsys, monkeypatch):
    monkeypatch.setattr(graphs, "PROGRESS_ROWS", len(corpus.inventors))
    pn.build.inventor_graph(corpus)
    assert "inventor graph" in capsys.readouterr().err
    monkeypatch.setattr(graphs, "PROGRESS_ROWS", len(corpus.inventors) + 1)
    pn.build.inventor_graph(corpus)
    assert capsys.readouterr().err == ""


def test_builders_refuse_a_bad_progress(corpus):
    with pytest.raises(PatnetInputError, match="progress must be"):
        pn.build.inventor_graph(corpus, progress="yes")


def test_a_failing_build_closes_its_bar(corpus, capsys):
    with pytest.raises(PatnetInputError, match="restrict=True needs partner countries"):
        pn.build.geo_graph(corpus, level="province", restrict=True, progress=True)
    err = capsys.readouterr().err
    assert "province graph" in err and "3/3" not in err


def test_communities_show_starts_and_stability(capsys):
    G = nx.karate_club_graph()
    quiet = community.communities(G, seed=3, n_starts=3, progress=False)
    assert capsys.readouterr().err == ""
    shown = community.communities(G, seed=3, n_starts=3, progress=True)
    err = capsys.readouterr().err
    assert "leiden communities" in err and "4/4" in err  # three starts and the stability
    assert "start 3/3 (seed 5)" in err and "stability" in err
    assert "pass 2" in err  # n_iterations=-1 chains passes
    pd.testing.assert_series_equal(quiet, shown)
    assert quiet.attrs == shown.attrs


def test_communities_bar_by_default_and_deterministic_methods(capsys, monkeypatch):
    G = nx.karate_club_graph()
    monkeypatch.setattr(community, "PROGRESS_EDGES", G.number_of_edges() * 2)
    community.communities(G, seed=0, n_starts=1)
    assert capsys.readouterr().err == ""
    community.communities(G, seed=0, n_starts=2)  # edges x starts reaches the threshold
    err = capsys.readouterr().err
    assert "leiden communities" in err and "3/3" in err
    community.communities(G, "greedy", progress=True)
    err = capsys.readouterr().err
    assert "greedy communities" in err and "1/1" in err and "start 1/1" in err
    with pytest.raises(PatnetInputError, match="progress must be"):
        community.communities(G, progress="auto")


def test_the_study_shows_its_steps(capsys, monkeypatch):
    from patnet import report

    sample = pn.datasets.load_sample()
    assert "country_method" not in sample.inventors.columns  # normalised by the study
    quiet = report.cooperation_study(sample, progress=False)
    assert capsys.readouterr().err == ""
    shown = report.cooperation_study(sample, progress=True)
    err = capsys.readouterr().err
    assert "cooperation study" in err and "7/7" in err
    assert "normalising places" in err and "province tables" in err
    for name in quiet.tables:
        pd.testing.assert_frame_equal(quiet.table(name), shown.table(name))
    report.cooperation_study(sample, province=None, progress=True)
    err = capsys.readouterr().err
    assert "6/6" in err and "province tables" not in err
    normalised, _ = pn.geo.normalize(sample)
    report.cooperation_study(normalised, province=None, progress=True)
    err = capsys.readouterr().err
    assert "5/5" in err and "normalising" not in err
    monkeypatch.setattr(report, "PROGRESS_ROWS", len(sample.inventors))
    report.cooperation_study(sample)
    assert "cooperation study" in capsys.readouterr().err
    with pytest.raises(PatnetInputError, match="progress must be"):
        report.cooperation_study(sample, progress=1)
