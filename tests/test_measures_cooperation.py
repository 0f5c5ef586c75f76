"""Cluster-level cooperation measures: exact values on hand-made graphs, and properties."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet.exceptions import PatnetInputError
from patnet.geo.groups import BRI_REGIONS
from patnet.measures import available_measures, check_measure, compute, compute_clusters
from patnet.measures import cooperation as co
from patnet.testing import make_corpus

# ---------------------------------------------------------------------------
# hand-made graphs


def two_triangles():
    """Triangle X = a, b, c (weights 1, 2, 1), triangle Y = d, e, f (1, 3, 1), bridge c-d 0.5."""
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 1.0), ("b", "c", 2.0), ("a", "c", 1.0), ("c", "d", 0.5),
                               ("d", "e", 1.0), ("e", "f", 3.0), ("d", "f", 1.0)])
    part = {n: ("X" if n in "abc" else "Y") for n in G}
    return G, part


def three_clusters():
    """A hub h in cluster A with ties into B and C; one B-C tie; A also holds a.

    edges: h-a 2 (A-A), h-b1 1 (A-B), h-c1 1 (A-C), b1-b2 4 (B-B), c1-c2 1 (C-C),
    b2-c2 3 (B-C).
    """
    G = nx.Graph()
    G.add_weighted_edges_from([("h", "a", 2.0), ("h", "b1", 1.0), ("h", "c1", 1.0),
                               ("b1", "b2", 4.0), ("c1", "c2", 1.0), ("b2", "c2", 3.0)])
    part = {"h": "A", "a": "A", "b1": "B", "b2": "B", "c1": "C", "c2": "C"}
    return G, part


def test_internal_external_two_triangles():
    G, part = two_triangles()
    # I_X = 1 + 2 + 1 = 4, I_Y = 1 + 3 + 1 = 5; the bridge is external to both: E = 0.5
    assert co.internal_weight(G, part).to_dict() == {"X": 4.0, "Y": 5.0}
    assert co.external_weight(G, part).to_dict() == {"X": 0.5, "Y": 0.5}
    # share = I / (I + E): 4 / 4.5 and 5 / 5.5
    s = co.internal_share(G, part)
    assert s["X"] == pytest.approx(8 / 9) and s["Y"] == pytest.approx(10 / 11)
    assert s.index.name == "cluster" and s.name == "internal_share"


def test_ei_index_exact():
    G, part = two_triangles()
    # weighted: (0.5 - 4) / 4.5 = -7/9, (0.5 - 5) / 5.5 = -9/11
    ei = co.ei_index(G, part)
    assert ei["X"] == pytest.approx(-7 / 9) and ei["Y"] == pytest.approx(-9 / 11)
    # whole partition: E = 0.5, I = 9 -> (0.5 - 9) / 9.5 = -17/19
    assert ei.attrs["graph"] == pytest.approx(-17 / 19)
    # ties: 1 external, 3 internal -> (1 - 3) / 4 = -0.5 for both; graph (1 - 6) / 7
    eu = co.ei_index(G, part, weighted=False)
    assert eu.tolist() == [-0.5, -0.5]
    assert eu.attrs["graph"] == pytest.approx(-5 / 7)
    pd.testing.assert_series_equal(eu, co.ei_index(G, part, weight=None))


def test_ei_index_three_clusters():
    G, part = three_clusters()
    # A: I = 2, E = 1 + 1 = 2 -> 0;  B: I = 4, E = 1 + 3 = 4 -> 0;  C: I = 1, E = 1 + 3 = 4 -> 3/5
    ei = co.ei_index(G, part)
    assert ei.to_dict() == {"A": 0.0, "B": 0.0, "C": pytest.approx(0.6)}
    # ties: A: 1 in, 2 out -> 1/3;  B: 1 in, 2 out -> 1/3;  C: 1 in, 2 out -> 1/3
    assert co.ei_index(G, part, weighted=False).tolist() == pytest.approx([1 / 3] * 3)


def test_ei_index_all_inside_and_all_outside():
    G = nx.Graph([("a", "b"), ("c", "d"), ("a", "c")])
    ei = co.ei_index(G, {"a": 0, "b": 0, "c": 1, "d": 2})
    # cluster 0: 1 in, 1 out -> 0; cluster 1 (c): 0 in, 2 out -> 1; cluster 2 (d): 0 in, 1 out -> 1
    assert ei.tolist() == [0.0, 1.0, 1.0]
    H = nx.Graph([("a", "b")])
    H.add_node("z")
    ei = co.ei_index(H, {"a": 0, "b": 0, "z": 1})
    assert ei[0] == -1.0 and math.isnan(ei[1])


def test_participation_exact():
    G, part = three_clusters()
    p = co.participation(G, part)
    # h: strength 4 = 2 (A) + 1 (B) + 1 (C): 1 - (1/4 + 1/16 + 1/16) = 5/8
    assert p["h"] == pytest.approx(5 / 8)
    # b2: 4 (B) + 3 (C): 1 - (16 + 9)/49 = 24/49; c2: 1 (C) + 3 (B): 1 - (1 + 9)/16 = 3/8
    assert p["b2"] == pytest.approx(24 / 49)
    assert p["c2"] == pytest.approx(3 / 8)
    # b1: 1 (A) + 4 (B): 1 - (1 + 16)/25 = 8/25; a: only A -> 0
    assert p["b1"] == pytest.approx(8 / 25)
    assert p["a"] == 0.0
    assert list(p.index) == list(G) and p.index.name == "node"
    # two triangles: c has 3 inside and 0.5 out: 1 - (9 + 0.25)/12.25 = 12/49
    G2, part2 = two_triangles()
    assert co.participation(G2, part2)["c"] == pytest.approx(12 / 49)


def test_participation_unweighted_and_isolate():
    G, part = three_clusters()
    G.add_node("z")
    part = {**part, "z": "C"}
    p = co.participation(G, part, weight=None)
    # h: degree 3 spread over three clusters: 1 - 3 * (1/3)^2 = 2/3
    assert p["h"] == pytest.approx(2 / 3)
    assert math.isnan(p["z"])


def test_participation_through_compute():
    G, part = three_clusters()
    nx.set_node_attributes(G, part, "community")
    by_attr = compute(G, ["participation"], partition="community")["participation"]
    by_dict = compute(G, ["participation"], partition=part)["participation"]
    pd.testing.assert_series_equal(by_attr, by_dict)
    assert by_attr["h"] == pytest.approx(5 / 8)
    with pytest.raises(PatnetInputError, match="needs a partition"):
        compute(G, ["participation"])


def test_cluster_matrix_exact():
    G, part = three_clusters()
    m = co.cluster_matrix(G, part)
    # diagonal: internal weight (A: h-a 2; B: b1-b2 4; C: c1-c2 1)
    # A-B: h-b1 1; A-C: h-c1 1; B-C: b2-c2 3
    want = pd.DataFrame([[2.0, 1.0, 1.0], [1.0, 4.0, 3.0], [1.0, 3.0, 1.0]],
                        index=pd.Index(["A", "B", "C"], name="cluster"),
                        columns=pd.Index(["A", "B", "C"], name="cluster"))
    pd.testing.assert_frame_equal(m, want)
    assert m.attrs["total_weight"] == 12.0


def test_cluster_matrix_association_strength_exact():
    G, part = three_clusters()
    a = co.cluster_matrix(G, part, normalize="association_strength")
    # m = 12; s = row sums of K = M'AM (diagonal twice the internal weight):
    # s_A = 4 + 1 + 1 = 6, s_B = 1 + 8 + 3 = 12, s_C = 1 + 3 + 2 = 6 (sum 24 = 2m)
    # AS_cd = 2m K_cd / (s_c s_d): A-B 24 * 1 / 72 = 1/3; A-C 24 / 36 = 2/3; B-C 24 * 3 / 72 = 1
    # diagonal 2m * 2 I_c / s_c^2: A 24 * 4 / 36 = 8/3; B 24 * 8 / 144 = 4/3; C 24 * 2 / 36 = 4/3
    want = np.array([[8 / 3, 1 / 3, 2 / 3], [1 / 3, 4 / 3, 1.0], [2 / 3, 1.0, 4 / 3]])
    np.testing.assert_allclose(a.to_numpy(), want)
    assert a.attrs["normalize"] == "association_strength"
    # two triangles: m = 9.5, s_X = 8.5, s_Y = 10.5: AS_XY = 19 * 0.5 / 89.25
    G2, part2 = two_triangles()
    a2 = co.cluster_matrix(G2, part2, normalize="association_strength")
    assert a2.loc["X", "Y"] == pytest.approx(9.5 / 89.25)
    assert a2.loc["X", "X"] == pytest.approx(4 * 9.5 * 4 / 8.5**2)


def test_cluster_matrix_isolated_cluster_is_nan_when_normalised():
    G, part = two_triangles()
    G.add_node("z")
    part = {**part, "z": "Z"}
    raw = co.cluster_matrix(G, part)
    assert raw.loc["Z"].tolist() == [0.0, 0.0, 0.0]
    a = co.cluster_matrix(G, part, normalize="association_strength")
    assert a.loc["Z"].isna().all() and a["Z"].isna().all()
    assert not a.loc[["X", "Y"], ["X", "Y"]].isna().any().any()
    with pytest.raises(PatnetInputError, match="association_strength"):
        co.cluster_matrix(G, part, normalize="association")


def test_conductance_exact_and_networkx():
    G, part = two_triangles()
    # cut 0.5; vol(X) = 2 * 4 + 0.5 = 8.5, vol(Y) = 10.5; min = 8.5 for both -> 1/17
    c = co.conductance(G, part)
    assert c.tolist() == pytest.approx([1 / 17, 1 / 17])
    G3, part3 = three_clusters()
    c3 = co.conductance(G3, part3)
    for k in "ABC":
        S = {n for n, v in part3.items() if v == k}
        assert c3[k] == pytest.approx(nx.conductance(G3, S, weight="weight"))
    # one cluster: the rest has volume 0
    assert co.conductance(G, {n: 0 for n in G}).isna().all()


def test_internal_density_exact():
    G, part = three_clusters()
    G.add_edge("h", "a", weight=5.0)  # same pair, not counted twice
    G.add_node("a2")
    part = {**part, "a2": "A"}
    # A = {h, a, a2}: 1 edge of C(3, 2) = 3 pairs; B, C: 1 of 1
    assert co.internal_density(G, part).tolist() == pytest.approx([1 / 3, 1.0, 1.0])
    single = co.internal_density(nx.Graph([("a", "b")]), {"a": 0, "b": 1})
    assert single.isna().all()


def test_self_loops_and_multigraphs():
    G = nx.Graph()
    G.add_edge("a", "a", weight=2.0)
    G.add_edge("a", "b", weight=1.0)
    part = {"a": 0, "b": 1}
    # the loop is internal, once; volumes count it twice (as G.degree does)
    assert co.internal_weight(G, part).tolist() == [2.0, 0.0]
    assert co.conductance(G, part)[0] == pytest.approx(nx.conductance(G, {"a"}, weight="weight"))
    assert co.internal_density(G, part).isna().all()
    M = nx.MultiGraph()
    M.add_edge("a", "b", weight=1.0)
    M.add_edge("a", "b", weight=2.0)
    M.add_edge("b", "c", weight=1.0)
    mp = {"a": 0, "b": 0, "c": 1}
    assert co.internal_weight(M, mp).tolist() == [3.0, 0.0]
    assert co.internal_density(M, mp).tolist()[0] == 1.0


def test_partition_forms_agree():
    G, part = three_clusters()
    nx.set_node_attributes(G, part, "community")
    blocks = [{"h", "a"}, {"b1", "b2"}, {"c1", "c2"}]
    by_dict = co.internal_weight(G, part)
    by_series = co.internal_weight(G, pd.Series(part))
    by_attr = co.internal_weight(G, "community")
    by_sets = co.internal_weight(G, blocks)
    pd.testing.assert_series_equal(by_dict, by_series)
    pd.testing.assert_series_equal(by_dict, by_attr)
    assert by_sets.tolist() == by_dict.tolist() and list(by_sets.index) == [0, 1, 2]
    # extra nodes in the partition are ignored
    pd.testing.assert_series_equal(by_dict, co.internal_weight(G, {**part, "nobody": "Q"}))


def test_partition_errors():
    G, part = three_clusters()
    with pytest.raises(PatnetInputError, match="no cluster"):
        co.internal_weight(G, {k: v for k, v in part.items() if k != "a"})
    with pytest.raises(PatnetInputError, match="missing cluster"):
        co.internal_weight(G, {**part, "a": None})
    with pytest.raises(PatnetInputError, match="two clusters"):
        co.internal_weight(G, [{"h", "a", "b1"}, {"b1", "b2", "c1", "c2"}])
    with pytest.raises(PatnetInputError, match="node attribute 'community'"):
        co.internal_weight(G, "community")
    with pytest.raises(PatnetInputError, match="cannot read a partition"):
        co.internal_weight(G, 3)
    with pytest.raises(PatnetInputError, match="undirected"):
        co.internal_weight(nx.DiGraph([("a", "b")]), {"a": 0, "b": 0})
    G.add_edge("a", "h", weight=-1.0)
    with pytest.raises(PatnetInputError, match="non-negative"):
        co.internal_weight(G, part)
    G.add_edge("a", "h", weight="two")
    with pytest.raises(PatnetInputError, match="non-numeric"):
        co.internal_weight(G, part)
    with pytest.raises(PatnetInputError, match="weighted"):
        co.ei_index(nx.Graph([("a", "b")]), {"a": 0, "b": 0}, weighted="yes")


def test_compute_clusters_table():
    G, part = two_triangles()
    t = compute_clusters(G, list(co.COOPERATION_MEASURES), part)
    assert list(t.index) == ["X", "Y"] and t.index.name == "cluster"
    assert t.loc["X", "internal_weight"] == 4.0
    assert t.loc["X", "ei_index"] == pytest.approx(-7 / 9)
    assert t["cross_sector_share"].isna().all()  # no sectors on these nodes
    mt = compute_clusters(G, ["cluster_matrix"], part)
    assert mt.loc["X", "cluster_matrix.Y"] == 0.5


# ---------------------------------------------------------------------------
# sectors


def sector_graph():
    """Cluster 0: f1 (firm), f2 (firm), u (university), g (government), r (research), q (no
    sector); cluster 1: x (firm), v (university).

    Internal edges of 0: f1-u 2, f1-f2 1, u-g 1, f2-r 3, g-q 4; of 1: x-v 1; between: r-x 5.
    """
    G = nx.Graph()
    G.add_weighted_edges_from([("f1", "u", 2.0), ("f1", "f2", 1.0), ("u", "g", 1.0),
                               ("f2", "r", 3.0), ("g", "q", 4.0), ("x", "v", 1.0),
                               ("r", "x", 5.0)])
    sectors = {"f1": "firm", "f2": "firm", "u": "university", "g": "government",
               "r": "research", "x": "firm", "v": "university", "q": ""}
    nx.set_node_attributes(G, sectors, "sector")
    part = {n: (1 if n in ("x", "v") else 0) for n in G}
    return G, part


def test_sector_mix():
    G, part = sector_graph()
    n = co.sector_mix(G, part, value="count")
    assert list(n.columns) == list(pn.schema.SECTORS) and n.columns.name == "sector"
    assert n.loc[0].to_dict() == {"firm": 2, "university": 1, "research": 1, "government": 1,
                                  "hospital": 0, "individual": 0, "unknown": 1}
    assert n.loc[1, "firm"] == 1 and n.loc[1, "university"] == 1
    s = co.sector_mix(G, part)
    assert s.loc[0, "firm"] == pytest.approx(2 / 6)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    assert s.attrs["n_nodes"] == {0: 6, 1: 2}
    with pytest.raises(PatnetInputError, match="value"):
        co.sector_mix(G, part, value="shares")


def test_sector_mix_other_labels_follow():
    G = nx.Graph([("a", "b")])
    nx.set_node_attributes(G, {"a": "firm", "b": "ngo"}, "sector")
    m = co.sector_mix(G, {"a": 0, "b": 0}, value="count")
    assert list(m.columns)[-1] == "ngo" and m.loc[0, "ngo"] == 1


def test_cross_sector_share_exact():
    G, part = sector_graph()
    # cluster 0 internal known-sector ties: f1-u 2 (cross), f1-f2 1 (same), u-g 1 (cross),
    # f2-r 3 (cross); g-q 4 has an unknown end and is left out: (2 + 1 + 3) / 7
    x = co.cross_sector_share(G, part)
    assert x[0] == pytest.approx(6 / 7)
    assert x[1] == 1.0  # x-v firm-university
    assert x.attrs["unknown_weight"] == {0: 4.0, 1: 0.0}
    # firm-university-government only: f1-u 2 and u-g 1 -> 3 / 7 (firm-research is not)
    th = co.cross_sector_share(G, part, sectors="triple_helix")
    assert th[0] == pytest.approx(3 / 7)
    assert th.attrs["sectors"] == "triple_helix"
    fu = co.cross_sector_share(G, part, sectors=["university", "firm"])
    assert fu[0] == pytest.approx(2 / 7) and fu.attrs["sectors"] == "firm,university"
    with pytest.raises(PatnetInputError, match="triple_helix"):
        co.cross_sector_share(G, part, sectors="triple-helix")
    with pytest.raises(PatnetInputError, match="university"):
        co.cross_sector_share(G, part, sectors=["universty"])


def test_cross_sector_share_on_an_org_graph():
    apps = {"1": [{"applicant_id": "F", "sector": "firm"},
                  {"applicant_id": "U", "sector": "university"}],
            "2": [{"applicant_id": "F", "sector": "firm"},
                  {"applicant_id": "F2", "sector": "firm"}],
            "3": [{"applicant_id": "U", "sector": "university"},
                  {"applicant_id": "G", "sector": "government"}]}
    c = make_corpus({"1": ["CN"], "2": ["CN"], "3": ["CN"]}, applicants=apps)
    G = pn.build.org_graph(c)
    part = {n: "all" for n in G}
    # ties F-U, F-F2, U-G of 1 patent each: two of three cross sectors
    assert co.cross_sector_share(G, part)["all"] == pytest.approx(2 / 3)
    assert co.sector_mix(G, part, value="count").loc["all", "firm"] == 2


# ---------------------------------------------------------------------------
# openness of provinces


JS = {"country": "CN", "province": "CN-JS"}
BJ = {"country": "CN", "province": "CN-BJ"}


def province_corpus():
    return make_corpus({
        "1": [JS, "SG"],
        "2": [JS, BJ],
        "3": [BJ, "US"],
        "4": [JS, "IN"],
        "5": [JS, "SG", "RU"],
        "6": [{"country": "CN"}, "SG"],        # a Chinese inventor without province
        "7": [JS, JS],                          # Jiangsu with itself
    })


def test_openness_province_country_graph():
    G = pn.build.geo_graph(province_corpus())
    o = co.openness(G)
    # JS: SG 2 (patents 1, 5), BJ 1, IN 1, RU 1 -> strength 5, foreign 4
    # BJ: JS 1, US 1 -> 2, foreign 1; unresolved: SG 1 -> foreign 1
    assert list(o.index) == ["province:CN-BJ", "province:CN-JS", "province:unresolved"]
    assert o.index.name == "node"
    assert o["strength"].tolist() == [2.0, 5.0, 1.0]
    assert o["domestic"].tolist() == [1.0, 1.0, 0.0]
    assert o["foreign"].tolist() == [1.0, 4.0, 1.0]
    assert o["unknown"].tolist() == [0.0, 0.0, 0.0]
    assert o["foreign_share"].tolist() == [0.5, 0.8, 1.0]
    assert o.loc["province:CN-JS", "label"] == "Jiangsu" and o["country"].eq("CN").all()


def test_openness_by_region_province_country_graph():
    G = pn.build.geo_graph(province_corpus())
    t = co.openness_by_region(G)
    assert t.index.names == ["node", "region"]
    regions = list(BRI_REGIONS) + ["other"]
    assert list(t.loc["province:CN-JS"].index) == regions
    js = t.loc["province:CN-JS", "weight"]
    assert js[js > 0].to_dict() == {"ASEAN": 2.0, "South Asia": 1.0, "CIS": 1.0}
    assert t.loc[("province:CN-JS", "ASEAN"), "share_of_foreign"] == 0.5
    assert t.loc[("province:CN-JS", "ASEAN"), "share_of_strength"] == pytest.approx(0.4)
    assert t.loc[("province:CN-BJ", "other"), "weight"] == 1.0  # the US is outside the BRI
    o = co.openness(G)
    sums = t["share_of_strength"].groupby(level="node").sum()
    pd.testing.assert_series_equal(sums, o["foreign_share"], check_names=False)
    # looked up from the country when the attribute is not used
    pd.testing.assert_frame_equal(t, co.openness_by_region(G, region=None),
                                  check_like=False, obj="region lookup")
    # only the regions found on nodes
    found = co.openness_by_region(G, group=None)
    assert set(found.index.get_level_values("region")) == {"ASEAN", "South Asia", "CIS", "other"}


def test_openness_countries_self_loops_and_regions():
    c = province_corpus()
    G = pn.build.geo_graph(c, level="country", self_loops=True)
    o = co.openness(G, focal_attr="country", focal="CN")
    # CN: SG 3 (1, 5, 6), US 1, IN 1, RU 1; the self-loop (patents 2, 7: two provinces or
    # two Jiangsu inventors) is domestic and counted once
    assert list(o.index) == ["country:CN"]
    loop = G.edges["country:CN", "country:CN"]["weight"]
    assert o.loc["country:CN", "domestic"] == loop
    assert o.loc["country:CN", "foreign"] == 6.0
    assert o.loc["country:CN", "foreign_share"] == pytest.approx(6 / (6 + loop))
    # every country as a focal unit, each against its own country
    allc = co.openness(G, focal_attr="country")
    assert allc.loc["country:SG", "foreign_share"] == 1.0
    # region level: region nodes have no country; they are foreign to China
    R = pn.build.geo_graph(c, level="region")
    r = co.openness_by_region(R, focal_attr="country", focal="CN")
    w = r.loc["country:CN", "weight"]
    assert w[w > 0].to_dict() == {"ASEAN": 3.0, "South Asia": 1.0, "CIS": 1.0, "other": 1.0}
    assert co.openness(R, focal_attr="country", focal="CN")["foreign_share"].tolist() == [1.0]


def test_openness_without_kind_attributes_and_empty():
    G = nx.Graph()
    G.add_node("js", province="CN-JS", country="CN")
    G.add_node("sg", country="SG")
    G.add_node("xx")
    G.add_edge("js", "sg", weight=2.0)
    G.add_edge("js", "xx", weight=1.0)
    o = co.openness(G)
    assert o.loc["js", ["foreign", "unknown", "strength"]].tolist() == [2.0, 1.0, 3.0]
    e = co.openness(nx.Graph())
    assert len(e) == 0 and "foreign_share" in e.columns
    assert len(co.openness_by_region(nx.Graph())) == 0


# ---------------------------------------------------------------------------
# the contract


def _module_measures():
    t = available_measures()
    return t.loc[t["source"].str.startswith("patnet.measures.cooperation."), "name"].tolist()


def test_every_measure_is_registered():
    assert set(_module_measures()) == {
        "internal_weight", "external_weight", "internal_share", "ei_index", "internal_density",
        "conductance", "participation", "cluster_matrix", "sector_mix", "cross_sector_share"}


@pytest.mark.parametrize("name", sorted(["internal_weight", "external_weight", "internal_share",
                                         "ei_index", "internal_density", "conductance",
                                         "participation", "cluster_matrix", "sector_mix",
                                         "cross_sector_share"]))
def test_check_measure(name):
    check_measure(name)


@pytest.mark.parametrize("name, options", [
    ("ei_index", {"weighted": False}),
    ("cluster_matrix", {"normalize": "association_strength"}),
    ("sector_mix", {"value": "count"}),
    ("cross_sector_share", {"sectors": "triple_helix"}),
    ("participation", {"weight": None}),
])
def test_check_measure_options(name, options):
    check_measure(name, **options)


# ---------------------------------------------------------------------------
# properties


@st.composite
def graphs(draw, loops=True):
    n = draw(st.integers(1, 10))
    nodes = [f"n{i}" for i in range(n)]
    G = nx.Graph()
    G.add_nodes_from(nodes)
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                                    st.sampled_from([0.5, 1.0, 2.0, 3.0, 0.25])),
                          max_size=25))
    for i, j, w in pairs:
        if i != j or loops:
            G.add_edge(nodes[i], nodes[j], weight=w)
    part = {v: draw(st.integers(0, 3)) for v in nodes}
    return G, part


SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(graphs())
def test_weights_add_up(gp):
    G, part = gp
    I = co.internal_weight(G, part)
    E = co.external_weight(G, part)
    total = G.size(weight="weight")
    assert I.sum() + E.sum() / 2 == pytest.approx(total)
    share = co.internal_share(G, part)
    ei = co.ei_index(G, part)
    ok = (I + E) > 0
    np.testing.assert_allclose(ei[ok], 1 - 2 * share[ok])
    assert ((share[ok] >= 0) & (share[ok] <= 1)).all()
    assert share[~ok].isna().all() and ei[~ok].isna().all()


@SETTINGS
@given(graphs())
def test_participation_range(gp):
    G, part = gp
    p = co.participation(G, part)
    strength = pd.Series(dict(G.degree(weight="weight")))
    has = strength.reindex(p.index) > 0
    assert ((p[has] >= 0) & (p[has] < 1)).all()
    assert p[~has].isna().all()
    k = len(set(part.values()))
    assert (p[has] <= 1 - 1 / k + 1e-12).all()


@SETTINGS
@given(graphs())
def test_matrix_properties(gp):
    G, part = gp
    m = co.cluster_matrix(G, part)
    a = m.to_numpy()
    np.testing.assert_allclose(a, a.T)
    total = G.size(weight="weight")
    between = co.external_weight(G, part).sum() / 2
    assert np.triu(a).sum() == pytest.approx(total)
    assert a.sum() == pytest.approx(total + between)
    np.testing.assert_allclose(np.diag(a), co.internal_weight(G, part).to_numpy())
    # association strength: sum_cd s_c s_d AS_cd / 2m = sum_cd K_cd = 2m
    s = a.sum(axis=1) + np.diag(a)
    if total > 0:
        asm = co.cluster_matrix(G, part, normalize="association_strength").to_numpy()
        keep = s > 0
        sub = asm[np.ix_(keep, keep)]
        assert np.nansum(sub * np.outer(s[keep], s[keep])) / (2 * total) == pytest.approx(2 * total)
        np.testing.assert_allclose(sub, sub.T)


@SETTINGS
@given(graphs())
def test_conductance_matches_networkx(gp):
    G, part = gp
    c = co.conductance(G, part)
    for k in c.index:
        S = {v for v in G if part[v] == k}
        T = set(G) - S
        vs, vt = nx.volume(G, S, weight="weight"), nx.volume(G, T, weight="weight") if T else 0
        if min(vs, vt) > 0:
            assert c[k] == pytest.approx(nx.conductance(G, S, T, weight="weight"))
        else:
            assert math.isnan(c[k])


@SETTINGS
@given(graphs(loops=False))
def test_unit_weights_count_ties(gp):
    G, part = gp
    H = G.copy()
    nx.set_edge_attributes(H, 1.0, "weight")
    for f in (co.internal_weight, co.external_weight, co.ei_index, co.conductance):
        pd.testing.assert_series_equal(f(G, part, weight=None), f(H, part), check_exact=False)
    d = co.internal_density(G, part)
    n = pd.Series(part).value_counts()
    ok = n.reindex(d.index) >= 2
    assert ((d[ok] >= 0) & (d[ok] <= 1)).all() and d[~ok].isna().all()


@st.composite
def labelled(draw):
    """A graph and a Series partition of int, float or text labels, in any order, maybe with
    extra nodes, a node left out or a missing label."""
    G, part = draw(graphs())
    kind = draw(st.sampled_from(["int", "float", "str"]))
    shift = draw(st.sampled_from([0, -2, 10**6]))  # community numbers, negative, sparse
    conv = {"int": lambda v: int(v) + shift, "float": lambda v: v / 2.0,
            "str": lambda v: f"c{v}"}[kind]
    s = pd.Series({v: conv(k) for v, k in part.items()})
    if kind == "str":
        s = s.astype("str")
    if draw(st.booleans()):
        s = pd.concat([s, pd.Series({"outsider": conv(9)}).astype(s.dtype)])
    s = s.iloc[draw(st.permutations(range(len(s))))]
    flaw = draw(st.sampled_from([None, None, "drop", "nan"]))
    if flaw == "drop":
        s = s.drop(draw(st.sampled_from(sorted(part))))
    elif flaw == "nan" and kind != "int":
        s[draw(st.sampled_from(sorted(part)))] = None
    return G, s


def _codes_by_node(G, partition):
    labels = co.partition_labels(G, partition)
    clusters = co._sorted(dict.fromkeys(labels))
    return clusters, np.array([clusters.index(v) for v in labels])


@SETTINGS
@given(labelled())
def test_partition_series_coded_in_bulk_as_node_by_node(gs):
    G, s = gs
    nodes = list(G)
    try:
        expected = _codes_by_node(G, s.to_dict())
    except PatnetInputError as e:
        with pytest.raises(PatnetInputError) as got:
            co._label_codes_bulk(nodes, s)
        assert (str(got.value.args[0]), got.value.value) == (str(e.args[0]), e.value)
        return
    bulk = co._label_codes_bulk(nodes, s)
    assert bulk is not None
    assert bulk[0] == expected[0] and [type(c) for c in bulk[0]] == [type(c) for c in expected[0]]
    np.testing.assert_array_equal(bulk[1], expected[1])


@SETTINGS
@given(graphs())
def test_cluster_sums_equal_the_sparse_product(gp):
    G, part = gp
    agg = co._aggregate(G, part)
    K = (agg.M.T @ agg.A @ agg.M).toarray()
    np.testing.assert_allclose(agg.K.toarray(), K)
    np.testing.assert_allclose(agg.internal, np.diag(K) / 2)
    np.testing.assert_allclose(agg.volume, K.sum(axis=1))
    np.testing.assert_allclose(agg.external, K.sum(axis=1) - np.diag(K), atol=1e-12)


@SETTINGS
@given(graphs())
def test_compute_clusters_igraph_equals_networkx(gp):
    G, part = gp
    g = pn.build.to_igraph(G)
    names = ["internal_weight", "external_weight", "internal_share", "ei_index", "conductance",
             "internal_density"]
    expected = compute_clusters(G, names, part)
    pd.testing.assert_frame_equal(compute_clusters(g, names, part), expected)
    g.vs["community"] = [part[v] for v in g.vs["name"]]
    pd.testing.assert_frame_equal(compute_clusters(g, names, "community"), expected)


def test_compute_clusters_igraph_node_without_cluster():
    G, part = three_clusters()
    g = pn.build.to_igraph(G)
    with pytest.raises(PatnetInputError, match="no cluster") as e:
        compute_clusters(g, ["internal_share"], {k: v for k, v in part.items() if k != "b2"})
    assert e.value.value == "b2"


def _clusters_by_dict(G, names, partition):
    """compute_clusters as it was: every measure handed the partition as a dict."""
    from patnet.measures import get_measure, registry

    nodes = list(G)
    part = pd.Series(partition)
    missing = [n for n in nodes if n not in part.index]
    if missing:
        raise PatnetInputError(f"{len(missing)} node(s) have no cluster in the partition",
                               value=missing[0], hint="Give every node of the graph a cluster")
    labels = list(pd.unique(part.reindex(nodes).to_numpy()))
    try:
        labels = sorted(labels)
    except TypeError:
        labels = sorted(labels, key=str)
    res = [(m, get_measure(m).func(G, part.to_dict())) for m in names]
    return registry._join(res, pd.Index(labels, name="cluster"), "cluster")


_WEIGHT_ONLY = ["internal_weight", "external_weight", "internal_share", "ei_index",
                "conductance", "internal_density", "modularity"]


@SETTINGS
@given(labelled(), st.booleans())
def test_compute_clusters_hands_a_series_as_it_handed_a_dict(gs, as_dict):
    """patnet's own measures get the partition as a Series in node order (coded in bulk):
    the table, or the error, is the one handing them a dict gave."""
    G, s = gs
    partition = s.to_dict() if as_dict else s
    try:
        expected = _clusters_by_dict(G, _WEIGHT_ONLY, partition)
    except PatnetInputError as e:
        with pytest.raises(PatnetInputError) as got:
            compute_clusters(G, _WEIGHT_ONLY, partition)
        assert (str(got.value.args[0]), got.value.value) == (str(e.args[0]), e.value)
        return
    got = compute_clusters(G, _WEIGHT_ONLY, partition)
    pd.testing.assert_frame_equal(got, expected)
    g = pn.build.to_igraph(G)
    pd.testing.assert_frame_equal(compute_clusters(g, _WEIGHT_ONLY, partition), expected)


def test_compute_clusters_gives_user_measures_a_dict():
    seen = []

    @pn.measures.register_measure(level="cluster", name="_kinds_seen")
    def kinds(G, partition):
        """The type of partition received."""
        seen.append(type(partition))
        return pd.Series(pd.Series(partition).reindex(list(G)).value_counts(), dtype=float)

    try:
        G, part = three_clusters()
        t = compute_clusters(G, ["_kinds_seen", "internal_share"], pd.Series(part))
    finally:
        pn.measures.unregister_measure("_kinds_seen")
    assert seen == [dict]
    assert t["_kinds_seen"].sum() == G.number_of_nodes()
