"""Exports: every format written then read back, on fixed and random graphs with awkward attributes."""

from __future__ import annotations

import csv
import json
import math
import tempfile
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from patnet import export
from patnet.exceptions import PatnetInputError
from patnet.export._common import FORMULA_TRIGGERS, clean_text, guard, one_line, unguard

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def canon(x):
    """Type-strict comparable form (1, 1.0 and True differ)."""
    return json.dumps(x, sort_keys=True, ensure_ascii=False)


def assert_same_graph(H, E):
    """H equals E: node order, node attributes, edges with attributes, graph attributes (strict types)."""
    assert list(H) == list(E)
    for n in E:
        assert canon(dict(H.nodes[n])) == canon(dict(E.nodes[n])), n
    assert {frozenset(e) for e in H.edges} == {frozenset(e) for e in E.edges}
    for u, v, d in E.edges(data=True):
        assert canon(dict(H.edges[u, v])) == canon(dict(d)), (u, v)
    assert canon(dict(H.graph)) == canon(dict(E.graph))


def edge_weights(G, weight="weight"):
    return {frozenset((u, v)): d.get(weight) for u, v, d in G.edges(data=True)}


def study_graph():
    """A small province-country-organisation graph like the ones patnet.build makes."""
    G = nx.Graph(level="province_country", counting="fractional", years=[2010, 2018],
                 params={"min_weight": 0, "focal": "CN"}, directed=False, _cache=object())
    G.add_node("province:CN-JS", label="Jiangsu", kind="province", country="CN", province="CN-JS",
               n_patents=np.int64(120), fractional=np.float64(80.25))
    G.add_node("province:CN-BJ", label="Beijing", kind="province", country="CN", province="CN-BJ",
               n_patents=98, fractional=71.5)
    G.add_node("country:SG", label="Singapore", kind="country", country="SG", n_patents=40, fractional=12.0)
    G.add_node("country:IN", label="India", kind="country", country="IN", n_patents=0, fractional=0.0)
    G.add_node("org:12", label="=HYPERLINK(\"x\")", kind="org", country="SG", sector="university",
               n_patents=5, fractional=2.5, _row=3)
    G.add_node("org:13", label="Lee, Tan & Co; \"Ltd\"", kind="org", country="SG", sector=None,
               n_patents=2, fractional=float("nan"))
    G.add_edge("province:CN-JS", "country:SG", weight=12, patents=12)
    G.add_edge("province:CN-BJ", "country:SG", weight=7.5, patents=9)
    G.add_edge("province:CN-JS", "province:CN-BJ", weight=3, patents=3, _patent_ids=["US1", "US2"])
    G.add_edge("org:12", "org:13", weight=np.float32(0.5), patents=1)
    return G


# ---------------------------------------------------------------------------
# strategies: random graphs with awkward attributes
# ---------------------------------------------------------------------------

AWKWARD = [
    "", " ", "  lead", "trail ", "=SUM(A1:A9)", "+1", "-1", "-0.5", "@cmd", "'", "''", "'=", "'s-Hertogenbosch",
    "\t", "a\tb", "a\nb", "a\r\nb", "\r", "x\x00y", "\x1f", "\x7f", "\x85", "\ufffe", '"', '""', 'say "hi"',
    "a,b;c", "<b>&amp;</b>", "&#10;", "\\", "C:\\temp\\", "null", "NA", "None", "nan", "1", "0012", "True",
    "[1, 2]", '{"a": 1}', "中文 江苏", "é", "\ufeff", "\u2028", "%comment", "*Vertices 3", "#", "weight<x>",
]
awkward_text = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=6))
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
any_float = st.one_of(st.floats(width=64), st.floats(width=32).map(np.float32), finite.map(np.float64))
any_int = st.one_of(st.integers(-10**6, 10**6), st.integers(0, 10**6).map(np.int64),
                    st.integers(-2**70, 2**70))
json_like = st.one_of(
    st.lists(st.one_of(st.integers(-5, 5), awkward_text, st.none()), max_size=3),
    st.tuples(st.integers(0, 9), awkward_text),
    st.dictionaries(st.sampled_from(["", " ", "a", "=b", "中文", 'q"', "\t"]), st.integers(0, 5), max_size=2),
)


@st.composite
def node_ids(draw, min_size=1, max_size=8):
    raw = draw(st.lists(awkward_text, min_size=min_size, max_size=max_size,
                        unique_by=lambda s: one_line(s)))
    prefix = draw(st.sampled_from(["province:", "country:", "org:", "org: ", "", "="]))
    ids = [prefix + s for s in raw]
    assume(len({one_line(i) for i in ids}) == len(ids))
    return ids


@st.composite
def awkward_graphs(draw, min_nodes=1):
    ids = draw(node_ids(min_size=min_nodes))
    G = nx.Graph()
    G.graph.update(draw(st.dictionaries(
        st.sampled_from(["level", "counting", "years", "params", "min", "flag", "=x", "_private"]),
        st.one_of(awkward_text, any_int, finite, st.booleans(), json_like), max_size=4)))
    keys = draw(st.lists(st.sampled_from(
        ["label", "kind", "sector", "n_patents", "fractional", "flag", "tags", "mixed", "=key", "a b", "_private"]),
        unique=True, max_size=7))
    values = {
        "label": st.one_of(awkward_text, st.none()),
        "kind": st.sampled_from(["province", "country", "org"]),
        "sector": st.one_of(awkward_text, st.none()),
        "n_patents": st.one_of(any_int, st.none()),
        "fractional": any_float,
        "flag": st.one_of(st.booleans(), st.booleans().map(np.bool_), st.none()),
        "tags": st.one_of(json_like, st.none()),
        "mixed": st.one_of(awkward_text, st.integers(-3, 3), finite, st.booleans()),
        "=key": awkward_text,
        "a b": st.one_of(st.integers(0, 3), st.none()),
        "_private": st.just(object()),
    }
    for n in ids:
        present = draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
        G.add_node(n, **{k: draw(values[k]) for k in present})
    pairs = [(u, v) for i, u in enumerate(ids) for v in ids[i + 1:]]
    if pairs:
        chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=min(10, len(pairs))))
        for u, v in chosen:
            attrs = {"weight": draw(st.one_of(st.integers(-5, 50), finite, st.floats(0, 1).map(np.float32),
                                              st.integers(0, 9).map(np.int64), st.none()))}
            if draw(st.booleans()):
                attrs["patents"] = draw(st.one_of(st.integers(0, 9), st.none()))
            if draw(st.booleans()):
                attrs["years"] = draw(json_like)
            if draw(st.booleans()):
                attrs["note"] = draw(awkward_text)
            G.add_edge(u, v, **attrs)
    return G


# ---------------------------------------------------------------------------
# sanitising and formula guard
# ---------------------------------------------------------------------------

@given(st.text())
def test_guard_round_trips_and_defuses(s):
    g = guard(s)
    assert unguard(g) == s
    assert not g or g[0] not in FORMULA_TRIGGERS


def test_clean_text():
    assert clean_text("a\r\nb\rc\x00\x1f\x7f\x85\ufffe\ud800d\te\n") == "a\nb\ncd\te\n"
    assert one_line("a\tb\r\nc") == "a b c"


def test_sanitize_drops_private_missing_and_casts():
    H = export.sanitize(study_graph())
    assert "_cache" not in H.graph
    assert "_row" not in H.nodes["org:12"]
    assert "sector" not in H.nodes["org:13"] and "fractional" not in H.nodes["org:13"]
    assert type(H.nodes["province:CN-JS"]["n_patents"]) is int
    assert type(H.edges["org:12", "org:13"]["weight"]) is float
    assert "_patent_ids" not in H.edges["province:CN-JS", "province:CN-BJ"]


@pytest.mark.parametrize("bad", [
    nx.DiGraph([("a", "b")]),
    nx.MultiGraph([("a", "b")]),
    nx.Graph([(1, 2)]),
])
def test_writers_refuse_directed_multi_and_non_text_ids(tmp_path, bad):
    with pytest.raises(PatnetInputError):
        export.write_graphml(bad, tmp_path / "g.graphml")
    with pytest.raises(PatnetInputError):
        export.write_pajek(bad, tmp_path / "g.net")


def test_nan_and_text_weights_refused(tmp_path):
    G = nx.Graph()
    G.add_edge("a", "b", weight=float("nan"))
    for write in (lambda: export.write_graphml(G, tmp_path / "g.graphml"),
                  lambda: export.write_csv(G, tmp_path / "n.csv", tmp_path / "e.csv"),
                  lambda: export.write_pajek(G, tmp_path / "g.net")):
        with pytest.raises(PatnetInputError, match="NaN"):
            write()
    G.edges["a", "b"]["weight"] = "3"
    with pytest.raises(PatnetInputError, match="must be a number"):
        export.write_gexf(G, tmp_path / "g.gexf")


def test_unexportable_value_is_named(tmp_path):
    G = nx.Graph()
    G.add_node("a", blob=object())
    with pytest.raises(PatnetInputError, match="blob"):
        export.write_graphml(G, tmp_path / "g.graphml")


def test_ids_that_collide_after_cleaning_are_refused(tmp_path):
    G = nx.Graph()
    G.add_nodes_from(["a\x00b", "ab"])
    with pytest.raises(PatnetInputError, match="same text"):
        export.write_graphml(G, tmp_path / "g.graphml")
    G = nx.Graph()
    G.add_nodes_from(["a\tb", "a b"])
    export.write_graphml(G, tmp_path / "g.graphml")  # fine in XML
    with pytest.raises(PatnetInputError, match="same text"):
        export.write_pajek(G, tmp_path / "g.net")


# ---------------------------------------------------------------------------
# GraphML
# ---------------------------------------------------------------------------

def test_graphml_study_graph(tmp_path):
    G = study_graph()
    export.write_graphml(G, tmp_path / "g.graphml")
    H = export.read_graphml(tmp_path / "g.graphml")
    assert_same_graph(H, export.sanitize(G))
    assert H.graph["params"] == {"min_weight": 0, "focal": "CN"}
    assert H.graph["directed"] is False
    raw = nx.read_graphml(tmp_path / "g.graphml")
    assert list(raw) == list(G)
    assert {k: float(v) for k, v in edge_weights(raw).items()} == {k: float(v) for k, v in edge_weights(G).items()}
    assert raw.nodes["org:12"]["label"] == '=HYPERLINK("x")'


@SETTINGS
@given(awkward_graphs())
def test_graphml_round_trip(G):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.graphml"
        export.write_graphml(G, path)
        H = export.read_graphml(path)
        raw = nx.read_graphml(path)
    E = export.sanitize(G)
    assert_same_graph(H, E)
    # networkx's own reader: same nodes, edges and weights; JSON attributes as text
    assert list(raw) == list(E)
    assert {frozenset(e) for e in raw.edges} == {frozenset(e) for e in E.edges}
    for u, v, d in E.edges(data=True):
        if "weight" in d:
            assert raw.edges[u, v]["weight"] == d["weight"]


# ---------------------------------------------------------------------------
# GEXF
# ---------------------------------------------------------------------------

def test_gexf_study_graph(tmp_path):
    G = study_graph()
    export.write_gexf(G, tmp_path / "g.gexf")
    H = export.read_gexf(tmp_path / "g.gexf")
    assert_same_graph(H, export.sanitize(G))
    raw = nx.read_gexf(tmp_path / "g.gexf")
    assert list(raw) == list(G)
    assert raw.nodes["org:13"]["label"] == 'Lee, Tan & Co; "Ltd"'
    assert raw.edges["province:CN-JS", "country:SG"]["weight"] == 12.0
    assert raw.nodes["country:IN"]["n_patents"] == 0


@SETTINGS
@given(awkward_graphs())
def test_gexf_round_trip(G):
    labels = {n: d.get("label") for n, d in G.nodes(data=True)}
    assume(all(v is None or isinstance(v, str) for v in labels.values()))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.gexf"
        export.write_gexf(G, path)
        H = export.read_gexf(path)
        raw = nx.read_gexf(path)
    E = export.sanitize(G)
    assert_same_graph(H, E)
    assert list(raw) == list(E)
    for n, d in E.nodes(data=True):
        assert raw.nodes[n].get("label") == d.get("label")
    for u, v, d in E.edges(data=True):
        if "weight" in d:
            assert raw.edges[u, v]["weight"] == d["weight"]


def test_gexf_is_reproducible(tmp_path):
    G = study_graph()
    export.write_gexf(G, tmp_path / "a.gexf")
    export.write_gexf(G, tmp_path / "b.gexf")
    assert (tmp_path / "a.gexf").read_bytes() == (tmp_path / "b.gexf").read_bytes()


def slice_graphs(weights_by_period, n_patents_by_period):
    """Slices over one node universe (every node in every slice)."""
    nodes = ["province:CN-JS", "province:CN-BJ", "country:SG", "country:IN"]
    out = {}
    for period, weights in weights_by_period.items():
        G = nx.Graph(period=str(period))
        for n in nodes:
            G.add_node(n, label=n.split(":")[1], kind=n.split(":")[0])
            if n_patents_by_period[period].get(n) is not None:
                G.nodes[n]["n_patents"] = n_patents_by_period[period][n]
        for (u, v), w in weights.items():
            G.add_edge(u, v, weight=w)
        out[period] = G
    return out


def test_gexf_slices_spells_and_dynamic_weights(tmp_path):
    slices = slice_graphs(
        {2016: {("province:CN-JS", "country:SG"): 2}, 2017: {("province:CN-JS", "country:SG"): 5,
                                                             ("province:CN-BJ", "country:IN"): 1},
         2018: {}},
        {2016: {"country:SG": 3}, 2017: {"country:SG": 4}, 2018: {"country:SG": 4}},
    )
    path = tmp_path / "t.gexf"
    export.write_gexf(slices, path)
    text = path.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="integer"' in text
    assert '<spell start="2016" end="2016" />' in text
    assert 'title="weight"' in text
    back = export.read_gexf_slices(path)
    assert list(back) == [2016, 2017, 2018]
    for period, G in slices.items():
        assert_same_graph(back[period], export.sanitize(G))
    union = nx.read_gexf(path)
    assert union.edges["province:CN-JS", "country:SG"]["weight"] == [(2, 2016, 2016), (5, 2017, 2017)]
    assert union.nodes["country:SG"]["n_patents"] == [(3, 2016, 2016), (4, 2017, 2017), (4, 2018, 2018)]
    assert union.nodes["country:SG"]["kind"] == "country"  # static: same in every slice
    assert union.nodes["country:IN"]["spells"] == [(2016, 2016), (2017, 2017), (2018, 2018)]


@pytest.mark.parametrize("labels,timeformat", [
    (["2010-2012", "2013-2015"], "integer"),
    ([(2010.0, 2012.5), (2012.75, 2015.0)], "double"),
    (["2015-01-01", "2016-01-01"], "date"),
    ([np.int64(2010), np.int64(2011)], "integer"),
])
def test_gexf_slice_labels(tmp_path, labels, timeformat):
    slices = [(label, G) for label, G in zip(labels, slice_graphs(
        {0: {("country:SG", "country:IN"): 1}, 1: {("country:SG", "country:IN"): 2.5}},
        {0: {}, 1: {}}).values())]
    export.write_gexf(slices, tmp_path / "t.gexf")
    assert f'timeformat="{timeformat}"' in (tmp_path / "t.gexf").read_text(encoding="utf-8")
    back = export.read_gexf_slices(tmp_path / "t.gexf")
    assert list(back) == [label.item() if isinstance(label, np.generic) else label for label in labels]
    assert [H.edges["country:SG", "country:IN"]["weight"] for H in back.values()] == [1.0, 2.5]


@pytest.mark.parametrize("labels", [["2010-2014", "2012-2016"], [2015, "2015"], ["spring", "autumn"],
                                    [2015, "2016-01-01"]])
def test_gexf_bad_slices_refused(tmp_path, labels):
    G = nx.Graph([("a", "b")])
    with pytest.raises(PatnetInputError):
        export.write_gexf([(label, G) for label in labels], tmp_path / "t.gexf")


def test_gexf_named_periods_use_graph_start_and_end(tmp_path):
    slices = {}
    for name, (start, end), w in (("start-up", (2001, 2006), 1), ("growth", (2007, 2012), 4)):
        G = nx.Graph(period=name, start=np.int64(start), end=end)
        G.add_edge("country:SG", "province:CN-JS", weight=w)
        slices[name] = G
    export.write_gexf(slices, tmp_path / "t.gexf")
    assert '<spell start="2007" end="2012" />' in (tmp_path / "t.gexf").read_text(encoding="utf-8")
    back = export.read_gexf_slices(tmp_path / "t.gexf")
    assert list(back) == ["start-up", "growth"]
    for name, G in slices.items():
        assert_same_graph(back[name], export.sanitize(G))


def test_gexf_labels_must_agree_between_slices(tmp_path):
    A, B = nx.Graph(), nx.Graph()
    A.add_node("x", label="one")
    B.add_node("x", label="two")
    with pytest.raises(PatnetInputError, match="label"):
        export.write_gexf({2010: A, 2011: B}, tmp_path / "t.gexf")


@SETTINGS
@given(st.data())
def test_gexf_slices_round_trip(data):
    universe = data.draw(node_ids(min_size=2, max_size=6))
    periods = data.draw(st.lists(st.integers(1990, 2030), min_size=1, max_size=4, unique=True))
    weight_kind = data.draw(st.sampled_from([st.integers(0, 20), finite]))
    pairs = [(u, v) for i, u in enumerate(universe) for v in universe[i + 1:]]
    slices = []
    for p in periods:
        G = nx.Graph(period=p, _private=1)
        for n in universe:
            G.add_node(n, label=one_line(n)[:3], n=data.draw(st.one_of(st.integers(0, 3), st.none())),
                       tag=data.draw(st.one_of(awkward_text, json_like, st.none())))
        for u, v in data.draw(st.lists(st.sampled_from(pairs), unique=True, max_size=5)):
            G.add_edge(u, v, weight=data.draw(weight_kind), note=data.draw(st.one_of(awkward_text, st.none())))
        slices.append((p, G))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "t.gexf"
        export.write_gexf(slices, path)
        back = export.read_gexf_slices(path)
        nx.read_gexf(path)  # networkx reads the dynamic file too
    assert list(back) == periods
    for p, G in slices:
        E = export.sanitize(G)
        H = back[p]
        assert list(H) == list(E)
        assert {frozenset(e) for e in H.edges} == {frozenset(e) for e in E.edges}
        for n, dd in E.nodes(data=True):
            assert canon(H.nodes[n]) == canon(dd)
        for u, v, dd in E.edges(data=True):
            assert canon(H.edges[u, v]) == canon(dd)
        assert H.graph == E.graph


def test_read_gexf_of_networkx_file(tmp_path):
    G = nx.Graph()
    G.add_node("a", label="A", size=1.5)
    G.add_edge("a", "b", weight=2.0)
    nx.write_gexf(G, tmp_path / "nx.gexf")
    H = export.read_gexf(tmp_path / "nx.gexf")
    assert H.nodes["a"]["size"] == 1.5 and H.edges["a", "b"]["weight"] == 2.0


# ---------------------------------------------------------------------------
# Pajek
# ---------------------------------------------------------------------------

def test_pajek_study_graph_and_partition(tmp_path):
    G = study_graph()
    part = {n: ("cn" if n.startswith("province") else "abroad") for n in G}
    export.write_pajek(G, tmp_path / "g.net", partition=part)
    text = (tmp_path / "g.net").read_text(encoding="utf-8")
    assert text.startswith("*Vertices 6\n1 \"province:CN-JS\"\n")
    assert "*Edges\n" in text
    clu = (tmp_path / "g.clu").read_text(encoding="utf-8").split()
    assert clu[:2] == ["*Vertices", "6"]
    # renumbered from the largest community: "abroad" (4 nodes) is 1, "cn" (2 nodes) is 2
    assert clu[2:] == ["2", "2", "1", "1", "1", "1"]
    H = export.read_pajek(tmp_path / "g.net", clu_path=tmp_path / "g.clu")
    assert list(H) == list(G)
    assert edge_weights(H) == {k: (float(v) if isinstance(v, np.floating) else v)
                               for k, v in edge_weights(G).items()}
    assert [H.nodes[n]["cluster"] for n in H] == [2, 2, 1, 1, 1, 1]
    raw = nx.read_pajek(tmp_path / "g.net")
    assert list(raw) == list(G)
    assert {frozenset((u, v)): d["weight"] for u, v, d in raw.edges(data=True)} == pytest.approx(
        {k: float(v) for k, v in edge_weights(G).items()})


def test_pajek_labels_option_and_integer_partition(tmp_path):
    G = study_graph()
    export.write_pajek(G, tmp_path / "g.net", labels="label", partition={n: i % 3 for i, n in enumerate(G)})
    H = export.read_pajek(tmp_path / "g.net", clu_path=tmp_path / "g.clu")
    assert list(H) == [one_line(d["label"]) for _, d in G.nodes(data=True)]
    assert [d["cluster"] for _, d in H.nodes(data=True)] == [0, 1, 2, 0, 1, 2]
    raw = nx.read_pajek(tmp_path / "g.net")
    assert list(raw) == list(H)


@SETTINGS
@given(awkward_graphs())
def test_pajek_round_trip(G):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.net"
        export.write_pajek(G, path, partition=[set(G)])
        H = export.read_pajek(path, clu_path=path.with_suffix(".clu"))
        raw = nx.read_pajek(path)
    names = {n: one_line(n) for n in G}
    assert list(H) == [names[n] for n in G]
    assert list(raw) == list(H)
    expected = {frozenset((names[u], names[v])): d.get("weight") for u, v, d in G.edges(data=True)}
    assert {k: v for k, v in edge_weights(H).items()} == {
        k: (None if v is None else (int(v) if isinstance(v, (int, np.integer)) else float(v)))
        for k, v in expected.items()}
    for u, v, d in raw.edges(data=True):
        w = expected[frozenset((u, v))]
        assert d.get("weight") == (None if w is None else float(w))
    assert all(d["cluster"] == 0 for _, d in H.nodes(data=True))


# ---------------------------------------------------------------------------
# VOSviewer
# ---------------------------------------------------------------------------

def test_vosviewer_study_graph(tmp_path):
    G = study_graph()
    G.nodes["org:13"]["fractional"] = 1.0
    m, n = tmp_path / "map.txt", tmp_path / "network.txt"
    layout = {node: (i / 10, -i / 7) for i, node in enumerate(G)}
    part = {node: ("cn" if node.startswith("province") else "abroad") for node in G}
    export.write_vosviewer(G, m, n, partition=part, layout=layout)
    lines = m.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["id", "label", "description", "x", "y", "cluster", "weight<Links>",
                                    "weight<Total link strength>", "weight<n_patents>", "weight<fractional>"]
    assert lines[5].split("\t")[1] == '"\'=HYPERLINK(""x"")"'  # guarded, and quoted for its quotes
    assert lines[6].split("\t")[1] == '"Lee, Tan & Co; ""Ltd"""'
    net = [line.split("\t") for line in n.read_text(encoding="utf-8").splitlines()]
    assert net[0] == ["1", "3", "12"] and len(net) == G.number_of_edges()
    H = export.read_vosviewer(m, n)
    assert list(H) == list(G)
    for node, d in G.nodes(data=True):
        h = H.nodes[node]
        assert h["label"] == d["label"]
        assert h["n_patents"] == d["n_patents"] and h["fractional"] == d["fractional"]
        assert (h["x"], h["y"]) == layout[node]
        assert h["Links"] == G.degree(node)
        assert h["Total link strength"] == pytest.approx(G.degree(node, weight="weight"))
    assert [H.nodes[x]["cluster"] for x in H] == [2, 2, 1, 1, 1, 1]
    assert edge_weights(H) == pytest.approx({k: float(v) for k, v in edge_weights(G).items()})


@st.composite
def vos_graphs(draw):
    G = draw(awkward_graphs())
    for node in G:
        G.nodes[node]["occ"] = draw(st.integers(0, 10**6))
        G.nodes[node]["share"] = draw(st.floats(0, 1e9))
        G.nodes[node]["z"] = draw(st.one_of(finite, st.integers(-100, 100).map(np.int64)))
    for _, _, d in G.edges(data=True):
        # strengths whose sums stay finite (an overflowing sum is refused, tested apart)
        w = abs(d["weight"]) if d.get("weight") is not None else 1
        d["weight"] = w if float(w) <= 1e300 else 1e300
    return G


def _vos_expected(G, H, ids):
    assert list(H) == ids
    negative_z = any(d["z"] < 0 for _, d in G.nodes(data=True))
    for node, d in G.nodes(data=True):
        h = H.nodes[clean_text(node)]
        assert h["occ"] == d["occ"] and h["share"] == d["share"] and h["z"] == d["z"]
        assert h["Links"] == G.degree(node)
        assert h["Total link strength"] == pytest.approx(sum(float(w) for _, _, w in G.edges(node, data="weight")))
        for k in ("n_patents", "fractional", "a b"):  # written when numeric and finite on every node
            values = [x.get(k) for _, x in G.nodes(data=True)]
            auto = all(isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, (bool, np.bool_))
                       and math.isfinite(x) for x in values)
            assert (k in h) == auto
            if auto:
                assert h[k] == d[k]
    return negative_z


@SETTINGS
@given(vos_graphs(), st.integers(1, 4))
def test_vosviewer_round_trip(G, k):
    part = {node: i % k + 1 for i, node in enumerate(G)}
    with tempfile.TemporaryDirectory() as d:
        m, n = Path(d) / "map.txt", Path(d) / "network.txt"
        export.write_vosviewer(G, m, n, partition=part)
        H = export.read_vosviewer(m, n)
        header = m.read_text(encoding="utf-8").splitlines()[0].split("\t")
        with m.open(encoding="utf-8", newline="") as fh:
            cells = list(csv.reader(fh, delimiter="\t"))
    ids = [clean_text(x) for x in G]
    negative_z = _vos_expected(G, H, ids)
    assert ("score<z>" in header) == negative_z and ("weight<z>" in header) != negative_z
    for node, h in zip(G, H.nodes.values()):
        label = G.nodes[node].get("label")
        assert h["label"] == one_line(node if label is None else label)
        assert h["cluster"] == part[node]
    for u, v, dd in G.edges(data=True):
        assert H.edges[clean_text(u), clean_text(v)]["weight"] == dd["weight"]
    # no live formula in any text cell
    for row in cells:
        for c in row[1:3]:
            assert not c or c[0] not in FORMULA_TRIGGERS


@SETTINGS
@given(vos_graphs())
def test_vosviewer_json_round_trip(G):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.json"
        export.write_vosviewer_json(G, path, partition=[set(G)], info={"title": "t"})
        H = export.read_vosviewer_json(path)
        doc = json.loads(path.read_text(encoding="utf-8"))
    _vos_expected(G, H, [clean_text(x) for x in G])
    assert doc["network"]["clusters"] == [{"cluster": 1, "label": "0"}]
    assert doc["config"]["terminology"]["item"] == "unit" and doc["info"] == {"title": "t"}
    for u, v, dd in G.edges(data=True):
        assert H.edges[clean_text(u), clean_text(v)]["weight"] == dd["weight"]


def test_vosviewer_refuses_what_it_cannot_carry(tmp_path):
    m, n = tmp_path / "m.txt", tmp_path / "n.txt"
    G = nx.Graph()  # finite strengths whose sum at node "a" is not
    G.add_edges_from([("a", "b", {"weight": 1e308}), ("a", "c", {"weight": 1e308})])
    for write in (lambda: export.write_vosviewer(G, m, n),
                  lambda: export.write_vosviewer_json(G, tmp_path / "g.json")):
        with pytest.raises(PatnetInputError, match="total link strength") as err:
            write()
        assert err.value.value == "node 'a'"
    G = nx.Graph()
    G.add_edge("a", "b", weight=-1)
    with pytest.raises(PatnetInputError, match="non-negative"):
        export.write_vosviewer(G, m, n)
    G = nx.Graph()
    G.add_edge("a", "a", weight=1)
    with pytest.raises(PatnetInputError, match="self-links"):
        export.write_vosviewer(G, m, n)
    G = nx.Graph()
    G.add_edge("a", "b", weight=1)
    G.add_edge("b", "c")
    with pytest.raises(PatnetInputError, match="some edges"):
        export.write_vosviewer(G, m, n)
    G = nx.Graph()
    G.add_nodes_from(str(i) for i in range(1001))
    with pytest.raises(PatnetInputError, match="1000"):
        export.write_vosviewer(G, m, n, partition={str(i): f"c{i}" for i in range(1001)})
    with pytest.raises(PatnetInputError, match="no community"):
        export.write_vosviewer(G, m, n, partition={"0": 1})
    G = nx.Graph()
    G.add_node("a", n=-1)
    with pytest.raises(PatnetInputError, match="non-negative"):
        export.write_vosviewer(G, m, n, weights=["n"])
    G.nodes["a"]["m"] = None
    with pytest.raises(PatnetInputError, match="finite number"):
        export.write_vosviewer(G, m, n, scores=["m"])
    with pytest.raises(PatnetInputError, match="reserved"):
        export.write_vosviewer(G, m, n, scores={"Links": "n"})


def test_vosviewer_unweighted_and_explicit_columns(tmp_path):
    G = nx.path_graph(["a", "b", "c"])
    for i, node in enumerate(G):
        G.nodes[node]["docs"] = i
        G.nodes[node]["year"] = 2010.5 + i
    m, n = tmp_path / "m.txt", tmp_path / "n.txt"
    export.write_vosviewer(G, m, n, weights={"Documents": "docs"}, scores={"Avg. pub. year": "year"})
    header = m.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header[-2:] == ["weight<Documents>", "score<Avg. pub. year>"]
    assert n.read_text(encoding="utf-8") == "1\t2\t1\n2\t3\t1\n"
    H = export.read_vosviewer(m, n)
    assert H.nodes["c"]["Documents"] == 2 and H.nodes["c"]["Avg. pub. year"] == 2012.5


def test_read_vosviewer_of_foreign_files(tmp_path):
    m = tmp_path / "map.csv"
    m.write_text('id,label,x,y,cluster,weight<Documents>,score<Avg. citations>\n'
                 '1,"Univ. of X, Dept. Y",0.5,-0.25,1,10,3.5\n'
                 "2,'s-Hertogenbosch,0.1,0.2,2,3,\n", encoding="utf-8-sig")
    n = tmp_path / "network.txt"
    n.write_text("1 2 4\n", encoding="utf-8")
    H = export.read_vosviewer(m, n)
    assert list(H) == ["1", "2"]
    assert H.nodes["1"] == {"label": "Univ. of X, Dept. Y", "x": 0.5, "y": -0.25, "cluster": 1,
                            "Documents": 10, "Avg. citations": 3.5}
    assert H.nodes["2"]["label"] == "'s-Hertogenbosch" and "Avg. citations" not in H.nodes["2"]
    assert H.edges["1", "2"]["weight"] == 4
    assert list(export.read_vosviewer(m, node_id="label")) == ["Univ. of X, Dept. Y", "'s-Hertogenbosch"]
    with pytest.raises(PatnetInputError, match="node_id"):
        export.read_vosviewer(m, node_id="name")
    n.write_text("1\t3\t4\n", encoding="utf-8")
    with pytest.raises(PatnetInputError) as err:
        export.read_vosviewer(m, n)
    assert err.value.line == 1


# ---------------------------------------------------------------------------
# CSV and DataFrames
# ---------------------------------------------------------------------------

def _assert_no_live_formulas(path, meta_columns):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = [unguard(h) for h in rows[0]]
    for row in rows:
        for h, c in zip(header, row):
            if not c:
                continue
            if row is not rows[0] and meta_columns.get(h) in ("int", "float", "number"):
                float(c)  # a number, never text
            else:
                assert c[0] not in FORMULA_TRIGGERS, (h, c)


def test_csv_study_graph(tmp_path):
    G = study_graph()
    n, e = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    export.write_csv(G, n, e)
    meta = json.loads((tmp_path / "nodes.meta.json").read_text(encoding="utf-8"))
    assert meta["nodes"]["columns"]["n_patents"] == "int"
    assert "_cache" not in meta["graph"]
    H = export.read_csv(n, e)
    assert_same_graph(H, export.sanitize(G))
    nodes = pd.read_csv(n, dtype=str, keep_default_na=False)
    assert nodes.loc[4, "label"] == "'=HYPERLINK(\"x\")"
    assert nodes.loc[5, "sector"] == ""
    edges = pd.read_csv(e)
    assert edges["weight"].dtype == float


def test_csv_negative_numbers_stay_numbers(tmp_path):
    G = nx.Graph()
    G.add_node("-1", code="-1", score=-2)
    G.add_edge("-1", "=2", weight=-0.5)
    n, e = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    export.write_csv(G, n, e)
    assert n.read_text(encoding="utf-8-sig").splitlines() == ["id,code,score", "'-1,'-1,-2", "'=2,,"]
    assert e.read_text(encoding="utf-8-sig").splitlines() == ["source,target,weight", "'-1,'=2,-0.5"]
    assert_same_graph(export.read_csv(n, e), export.sanitize(G))


@SETTINGS
@given(awkward_graphs())
def test_csv_round_trip(G):
    with tempfile.TemporaryDirectory() as d:
        n, e = Path(d) / "nodes.csv", Path(d) / "edges.csv"
        export.write_csv(G, n, e)
        H = export.read_csv(n, e)
        meta = json.loads((Path(d) / "nodes.meta.json").read_text(encoding="utf-8"))
        _assert_no_live_formulas(n, meta["nodes"]["columns"])
        _assert_no_live_formulas(e, meta["edges"]["columns"])
        plain = export.read_csv(n, e, meta_path=False)
    assert_same_graph(H, export.sanitize(G))
    assert list(plain) == list(H)
    assert {frozenset(x) for x in plain.edges} == {frozenset(x) for x in H.edges}


def test_csv_without_sidecar_reads_text_and_numeric_weight(tmp_path):
    n, e = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    n.write_text("id,n_patents,code\na,3,007\nb,,NA\n", encoding="utf-8")
    e.write_text("source,target,weight\na,b,2\n", encoding="utf-8")
    H = export.read_csv(n, e)
    assert H.nodes["a"] == {"n_patents": "3", "code": "007"}
    assert H.nodes["b"] == {"code": "NA"}
    assert H.edges["a", "b"]["weight"] == 2


def test_csv_reader_errors_name_file_line_column(tmp_path):
    n, e = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    G = nx.Graph()
    G.add_node("a", n=1)
    G.add_edge("a", "b\nc", weight=1)
    export.write_csv(G, n, e)
    n.write_text(n.read_text(encoding="utf-8-sig") + "x,notanumber\n", encoding="utf-8")
    with pytest.raises(PatnetInputError) as err:
        export.read_csv(n, e)
    assert (err.value.line, err.value.column, err.value.value) == (5, "n", "notanumber")  # "b\nc" spans 2 lines
    with pytest.raises(PatnetInputError, match="clashes"):
        export.write_csv(nx.Graph([("a", "b", {"source": 1})]), n, e)


def test_to_dataframes():
    nodes, edges = export.to_dataframes(study_graph())
    assert list(nodes.columns) == ["id", "label", "kind", "country", "province", "n_patents", "fractional",
                                   "sector"]
    assert str(nodes["n_patents"].dtype) == "Int64" and str(nodes["fractional"].dtype) == "Float64"
    assert nodes["province"].isna().sum() == 4 and pd.isna(nodes.loc[5, "fractional"])
    assert list(edges.columns) == ["source", "target", "weight", "patents"]
    assert edges["weight"].tolist() == [float(w) for _, _, w in study_graph().edges(data="weight")]


# ---------------------------------------------------------------------------
# every format on one graph with isolates
# ---------------------------------------------------------------------------

def test_every_format_keeps_isolates_and_order(tmp_path):
    G = nx.Graph()
    G.add_nodes_from(["country:TL", "country:SG", "province:CN-XZ"])
    G.add_edge("country:SG", "province:CN-XZ", weight=1)
    export.write_graphml(G, tmp_path / "g.graphml")
    export.write_gexf(G, tmp_path / "g.gexf")
    export.write_pajek(G, tmp_path / "g.net")
    export.write_vosviewer(G, tmp_path / "m.txt", tmp_path / "n.txt")
    export.write_vosviewer_json(G, tmp_path / "g.json")
    export.write_csv(G, tmp_path / "nodes.csv", tmp_path / "edges.csv")
    for H in (export.read_graphml(tmp_path / "g.graphml"), export.read_gexf(tmp_path / "g.gexf"),
              export.read_pajek(tmp_path / "g.net"), export.read_vosviewer(tmp_path / "m.txt", tmp_path / "n.txt"),
              export.read_vosviewer_json(tmp_path / "g.json"),
              export.read_csv(tmp_path / "nodes.csv", tmp_path / "edges.csv"),
              nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf"),
              nx.Graph(nx.read_pajek(tmp_path / "g.net"))):
        assert list(H) == list(G)
        assert [frozenset(e) for e in H.edges] == [frozenset(("country:SG", "province:CN-XZ"))]
        assert math.isclose(H.edges["country:SG", "province:CN-XZ"]["weight"], 1)
