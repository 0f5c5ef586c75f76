"""patnet.build named graphs: geography, organisations, sectors, inventors, slices."""

from __future__ import annotations

import copy
from math import sqrt

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patnet import build
from patnet.exceptions import PatnetInputError
from patnet.testing import make_corpus


def cn(*provinces):
    """Chinese inventors in these provinces (None: province not resolved)."""
    return [{"country": "CN"} if p is None else {"country": "CN", "province": f"CN-{p}"}
            for p in provinces]


@pytest.fixture(scope="module")
def toy():
    return make_corpus({"P1": cn("BJ", "BJ", "SH"), "P2": cn("BJ", "GD"),
                        "P3": cn("SH", "GD", "JS", "JS"), "P4": cn("BJ")})


def weights(G, attr="weight"):
    return {(G.nodes[u]["label"], G.nodes[v]["label"]) if u < v else
            (G.nodes[v]["label"], G.nodes[u]["label"]): w for u, v, w in G.edges(data=attr)}


def public(G):
    return {k: v for k, v in G.graph.items() if not k.startswith("_")}


def same_graph(G, H):
    return (list(G.nodes(data=True)) == list(H.nodes(data=True))
            and list(G.edges(data=True)) == list(H.edges(data=True)) and public(G) == public(H))


# ------------------------------------------------------------------ toy corpus
def test_toy_province_graph(toy):
    G = build.geo_graph(toy, level="province")
    assert list(G.nodes) == ["province:CN-BJ", "province:CN-GD", "province:CN-JS", "province:CN-SH"]
    assert weights(G) == {("Beijing", "Shanghai"): 1, ("Beijing", "Guangdong"): 1,
                          ("Guangdong", "Shanghai"): 1, ("Jiangsu", "Shanghai"): 1,
                          ("Guangdong", "Jiangsu"): 1}
    assert list(G.edges) == sorted(G.edges)  # edges in sorted order
    frac = {G.nodes[n]["label"]: round(G.nodes[n]["fractional_count"], 4) for n in G}
    assert frac == {"Beijing": 2.1667, "Shanghai": 0.5833, "Guangdong": 0.75, "Jiangsu": 0.5}
    assert sum(d for _, d in G.nodes(data="fractional_count")) == pytest.approx(4)
    assert dict(G.nodes(data="n_patents")) == {"province:CN-BJ": 3, "province:CN-GD": 2,
                                               "province:CN-JS": 1, "province:CN-SH": 2}
    assert G.nodes["province:CN-BJ"]["internal_patents"] == 1  # two Beijing inventors on P1
    assert nx.number_of_selfloops(G) == 0


@pytest.mark.parametrize("kw, expected", [
    ({"counting": "fractional"}, {("Beijing", "Shanghai"): 1, ("Beijing", "Guangdong"): 1,
                                  ("Guangdong", "Shanghai"): 0.5, ("Jiangsu", "Shanghai"): 0.5,
                                  ("Guangdong", "Jiangsu"): 0.5}),
    ({"counting": "patent_share"}, {("Beijing", "Shanghai"): 1, ("Beijing", "Guangdong"): 1,
                                    ("Guangdong", "Shanghai"): 1 / 3, ("Jiangsu", "Shanghai"): 1 / 3,
                                    ("Guangdong", "Jiangsu"): 1 / 3}),
])
def test_toy_countings(toy, kw, expected):
    G = build.geo_graph(toy, level="province", **kw)
    assert weights(G) == pytest.approx(expected)
    assert all(isinstance(n, int) for n in weights(G, "n_patents").values())
    assert set(weights(G, "n_patents").values()) == {1}


@pytest.mark.parametrize("method, bj_sh", [
    ("salton", 1 / sqrt(6)), ("jaccard", 0.25), ("association_strength", 10 / 6),
    ("occurrence_association", 1 / 6), ("inclusion", 0.5), ("equivalence", 1 / 6)])
def test_toy_normalisations(toy, method, bj_sh):
    G = build.geo_graph(toy, level="province", normalize=method)
    assert G["province:CN-BJ"]["province:CN-SH"]["weight"] == pytest.approx(bj_sh)
    assert G["province:CN-BJ"]["province:CN-SH"]["link_weight"] == 1
    assert G.graph["normalize"] == method
    assert method.split("_")[0] in G.graph["weight_definition"].lower()


def test_toy_self_loops(toy):
    G = build.geo_graph(toy, level="province", self_loops=True)
    assert sorted(nx.selfloop_edges(G, data="weight")) == [
        ("province:CN-BJ", "province:CN-BJ", 1), ("province:CN-JS", "province:CN-JS", 1)]
    assert build.edge_patents(G, "province:CN-JS", "province:CN-JS") == ["P3"]
    assert list(G.edges) == sorted(G.edges)
    with pytest.raises(PatnetInputError, match="self-loops"):
        build.geo_graph(toy, level="province", self_loops=True, counting="fractional")


def test_toy_min_weight_and_top_k(toy):
    G = build.geo_graph(toy, level="province", counting="fractional", min_weight=1)
    assert weights(G) == {("Beijing", "Shanghai"): 1, ("Beijing", "Guangdong"): 1}
    assert G.number_of_nodes() == 4  # nodes stay
    T = build.geo_graph(toy, level="province", normalize="association_strength", top_k=1)
    assert G.graph["min_weight"] == 1 and T.graph["top_k"] == 1
    assert all(T.degree(n) >= 1 for n in T)


def test_toy_provenance(toy):
    G = build.geo_graph(toy, level="province")
    assert build.edge_patents(G, "province:CN-BJ", "province:CN-SH") == ["P1"]
    assert build.edge_patents(G, "province:CN-GD", "province:CN-JS") == ["P3"]
    assert build.edge_patents(G, "province:CN-BJ", "province:CN-JS") == []
    assert build.node_patents(G, "province:CN-BJ") == ["P1", "P2", "P4"]
    for u, v, n in G.edges(data="n_patents"):
        assert len(build.edge_patents(G, u, v)) == n
    with pytest.raises(PatnetInputError, match="not a node"):
        build.edge_patents(G, "province:CN-BJ", "country:SG")
    H = nx.Graph(G)
    H.graph = public(G)
    with pytest.raises(PatnetInputError, match="provenance"):
        build.edge_patents(H, "province:CN-BJ", "province:CN-SH")


def test_graph_attributes_are_exportable(toy):
    G = build.geo_graph(toy)
    for k, v in G.graph.items():
        if not k.startswith("_"):
            assert isinstance(v, (str, int, float, bool)), k
    for k in build.GRAPH_KEYS:
        assert k in G.graph, k
    for _, d in G.nodes(data=True):
        assert tuple(d) == build.NODE_ATTRIBUTES
        assert all(isinstance(x, (str, int, float)) and x is not None for x in d.values())
    nx.write_graphml(G.__class__(G.edges(data=True)), __import__("io").BytesIO())
    assert copy.deepcopy(G).graph["_provenance"].shape == G.graph["_provenance"].shape


# ------------------------------------------------------------------ geography
@pytest.fixture(scope="module")
def mixed():
    return make_corpus({
        "1": cn("JS") + ["SG"],
        "2": cn("BJ", "BJ") + ["SG", "US"],
        "3": cn("BJ", "JS"),
        "4": cn(None) + ["IN"],
        "5": cn("SH") + [None],
        "6": ["US", "JP"],
    })


def test_mixed_geography(mixed):
    G = build.geo_graph(mixed)
    assert list(G.nodes) == ["country:IN", "country:JP", "country:SG", "country:US",
                             "province:CN-BJ", "province:CN-JS", "province:CN-SH",
                             "province:unresolved"]
    assert G.has_edge("province:unresolved", "country:IN")  # the cooperation is not lost
    assert G.graph["rows_unresolved"] == 1 and G.graph["unresolved"] == "node"
    assert G.graph["rows_dropped_missing_country"] == 1
    assert G.graph["rows_read"] == 14 and G.graph["rows_used"] == 13
    assert G.nodes["province:unresolved"]["country"] == "CN"
    assert G.nodes["country:SG"]["region"] == "ASEAN" and G.nodes["country:US"]["region"] == ""
    assert G.nodes["province:CN-JS"]["label"] == "Jiangsu"
    assert G.nodes["country:US"]["label"] == "United States"
    D = build.geo_graph(mixed, unresolved="drop")
    assert "province:unresolved" not in D and "country:IN" in D and D.degree("country:IN") == 0
    assert D.graph["rows_dropped_unresolved_province"] == 1 and D.graph["rows_unresolved"] == 1


def test_country_and_province_levels(mixed):
    C = build.geo_graph(mixed, level="country")
    assert C.nodes["country:CN"]["n_patents"] == 5
    assert C.nodes["country:CN"]["internal_patents"] == 2  # patents 2 and 3
    assert C["country:CN"]["country:SG"]["n_patents"] == 2
    P = build.geo_graph(mixed, level="province")
    assert all(G_kind == "province" for _, G_kind in P.nodes(data="kind"))
    assert P.graph["rows_dropped_outside_focal"] == 7
    assert weights(P) == {("Beijing", "Jiangsu"): 1}


def test_region_level(mixed):
    R = build.geo_graph(mixed, level="region")
    assert set(R) == {"region:ASEAN", "region:South Asia", "country:CN", "country:US",
                      "country:JP"}
    assert R.nodes["region:ASEAN"]["region"] == "ASEAN" and R.nodes["region:ASEAN"]["kind"] == "region"
    D = build.geo_graph(mixed, level="region", outside="drop")
    assert set(D) == {"region:ASEAN", "region:South Asia"}
    assert D.graph["rows_dropped_outside_group"] == 10


def test_focal_restriction(mixed):
    G = build.geo_graph(mixed, restrict=True, partners="bri")
    assert set(G) == {"country:IN", "country:SG", "province:CN-BJ", "province:CN-JS",
                      "province:CN-SH", "province:unresolved"}
    assert sorted(G.edges) == [("country:IN", "province:unresolved"),
                               ("country:SG", "province:CN-BJ"), ("country:SG", "province:CN-JS")]
    assert G.graph["restrict"] is True and G.graph["partners"] == "bri"
    # node attributes come from the whole corpus
    assert G.nodes["province:CN-BJ"]["n_patents"] == 2
    A = build.geo_graph(mixed, restrict=True)
    assert ("country:US", "province:CN-BJ") in A.edges or ("province:CN-BJ", "country:US") in A.edges
    assert not A.has_edge("country:SG", "country:US") and not A.has_edge("province:CN-BJ",
                                                                          "province:CN-JS")
    L = build.geo_graph(mixed, restrict=True, partners=["SG"])
    assert L.graph["partners"] == "SG" and set(L) >= {"country:SG"} and "country:IN" not in L
    C = build.geo_graph(mixed, level="country", restrict=True, partners=["SG", "US"])
    assert sorted(C.edges) == [("country:CN", "country:SG"), ("country:CN", "country:US")]
    with pytest.raises(PatnetInputError, match="restrict"):
        build.geo_graph(mixed, partners="bri")
    with pytest.raises(PatnetInputError):
        build.geo_graph(mixed, level="province", restrict=True)


def test_extra_nodes(mixed):
    G = build.geo_graph(mixed, level="province", nodes="provinces")
    assert G.number_of_nodes() == 31 + 1  # the 31 mainland provinces + unresolved
    assert G.nodes["province:CN-XZ"] == {"label": "Tibet", "kind": "province", "country": "CN",
                                         "province": "CN-XZ", "region": "", "sector": "",
                                         "n_patents": 0, "fractional_count": 0.0,
                                         "internal_patents": 0}
    assert list(G.nodes) == sorted(G.nodes)
    assert G.graph["nodes_added"] == 28  # BJ, JS and SH are in the corpus
    with pytest.raises(PatnetInputError):
        build.geo_graph(mixed, nodes=["CN-XZ"])


def test_applicant_geography():
    c = make_corpus({"1": ["US"]}, applicants={
        "1": [{"name": "A", "country": "CN", "province": "CN-JS"}, {"name": "B", "country": "SG"}]})
    G = build.geo_graph(c, table="applicants")
    assert list(G.edges) == [("country:SG", "province:CN-JS")]
    assert G.graph["table"] == "applicants"


def test_bad_options(mixed):
    with pytest.raises(PatnetInputError, match="did you mean 'province'"):
        build.geo_graph(mixed, level="provnce")
    with pytest.raises(PatnetInputError, match="focal"):
        build.geo_graph(mixed, focal="US")
    with pytest.raises(PatnetInputError, match="group"):
        build.geo_graph(mixed, group="bir")
    with pytest.raises(PatnetInputError, match="unresolved"):
        build.geo_graph(mixed, unresolved="guess")
    with pytest.raises(PatnetInputError, match="table"):
        build.graph(mixed, "inventor", table="applicants")
    with pytest.raises(PatnetInputError, match="PatentCorpus"):
        build.geo_graph(pd.DataFrame())


# ------------------------------------------------------------------ organisations
@pytest.fixture(scope="module")
def orgs():
    inv = {"1": [{"inventor_id": "a"}, {"inventor_id": "b"}],
           "2": [{"inventor_id": "a"}],
           "3": [{"inventor_id": "c"}, {"inventor_id": "b"}],
           "4": [{"inventor_id": "d"}]}
    app = {"1": [{"applicant_id": "F1", "name": "Acme Co., Ltd.", "sector": "firm", "country": "CN"},
                 {"applicant_id": "U1", "name": "Tsinghua University", "sector": "university",
                  "country": "CN"}],
           "2": [{"applicant_id": "F1", "name": "Acme Co. Ltd", "sector": "firm", "country": "CN"}],
           "3": [{"applicant_id": "G1", "name": "Ministry", "sector": "government",
                  "country": "SG"}],
           "4": [{"applicant_id": "F2", "name": "Beta Inc.", "sector": "firm", "country": "US"},
                 {"applicant_id": "F3", "name": "Gamma Inc.", "sector": "firm", "country": "US"}]}
    return make_corpus(inv, applicants=app)


def test_org_co_application(orgs):
    G = build.org_graph(orgs)
    assert list(G.nodes) == ["org:F1", "org:F2", "org:F3", "org:G1", "org:U1"]
    assert list(G.edges(data="sector_pair")) == [("org:F1", "org:U1", "firm|university"),
                                                 ("org:F2", "org:F3", "firm|firm")]
    assert G.nodes["org:F1"]["sector"] == "firm" and G.nodes["org:F1"]["n_patents"] == 2
    assert G.nodes["org:F1"]["label"] in {"Acme Co., Ltd.", "Acme Co. Ltd"}
    assert G.nodes["org:G1"]["country"] == "SG" and G.nodes["org:G1"]["region"] == "ASEAN"
    assert G.graph["ties"] == "co_application" and G.graph["key"] == "applicant_id"
    N = build.org_graph(orgs, key="name")
    assert "org:Acme Co., Ltd." in N and "org:Acme Co. Ltd" in N
    S = build.org_graph(orgs, sectors=["firm", "university"])
    assert "org:G1" not in S and S.graph["sectors"] == "firm,university"


def test_nodes_without_a_name_are_labelled_by_their_key_and_regions_follow_countries():
    inv = {"1": [{"inventor_id": "i1", "name": "Wang, Li", "country": "SG"},
                 {"inventor_id": "i2", "name": None, "country": "CN", "province": "CN-JS"}],
           "2": [{"inventor_id": "i2", "name": None, "country": "CN", "province": "CN-JS"},
                 {"inventor_id": "i3", "name": "", "country": None}],
           "3": [{"inventor_id": "i4", "name": "Kim", "country": "PL"},
                 {"inventor_id": "i1", "name": "Wang, Li", "country": "IN"}]}
    app = {"1": [{"applicant_id": "F1", "name": None, "country": "TH"},
                 {"applicant_id": "F2", "name": "Beta", "country": "US"}]}
    G = build.inventor_graph(make_corpus(inv, applicants=app))
    nodes = {n: (d["label"], d["country"], d["region"]) for n, d in G.nodes(data=True)}
    assert nodes == {"inventor:i1": ("Wang, Li", "IN", "South Asia"),  # a tie: smallest wins
                     "inventor:i2": ("i2", "CN", ""),
                     "inventor:i3": ("i3", "", ""),
                     "inventor:i4": ("Kim", "PL", "Central and Eastern Europe")}
    O = build.org_graph(make_corpus(inv, applicants=app))
    assert dict(O.nodes(data="label")) == {"org:F1": "F1", "org:F2": "Beta"}
    assert dict(O.nodes(data="region")) == {"org:F1": "ASEAN", "org:F2": ""}


def test_org_co_invention(orgs):
    G = build.org_graph(orgs, ties="co_invention")
    # inventor b invents for U1 (patent 1) and G1 (patent 3): patent 3 reaches F1, U1, G1
    assert sorted(G.edges) == [("org:F1", "org:G1"), ("org:F1", "org:U1"), ("org:F2", "org:F3"),
                               ("org:G1", "org:U1")]
    assert build.edge_patents(G, "org:G1", "org:U1") == ["1", "3"]
    assert G.graph["ties"] == "co_invention"
    with pytest.raises(PatnetInputError, match="ties"):
        build.org_graph(orgs, ties="co-invention")


def test_org_key_missing():
    c = make_corpus({"1": ["CN"]}, applicants={"1": ["A", "B"]})
    with pytest.raises(PatnetInputError, match="key='name'"):
        build.org_graph(c)
    assert build.org_graph(c, key="name").number_of_edges() == 1


def test_sector_matrix(orgs):
    m = build.sector_matrix(orgs)
    assert m.index.tolist() == ["firm", "university", "research", "government", "hospital",
                                "individual"]
    assert m.loc["firm", "university"] == 1 and m.loc["university", "firm"] == 1
    assert m.loc["firm", "firm"] == 1  # F2 and F3 on patent 4
    assert m.loc["firm", "government"] == 0
    assert m.attrs["occurrences"]["firm"] == 3 and m.attrs["counting"] == "full"
    share = build.sector_matrix(orgs, value="share")
    assert share.loc["firm", "firm"] + share.loc["firm", "university"] == pytest.approx(1)
    ci = build.sector_matrix(orgs, ties="co_invention")
    assert ci.loc["government", "university"] == 2 and ci.loc["firm", "government"] == 2
    f = build.sector_matrix(orgs, counting="fractional")
    assert f.attrs["diagonal"] == "zero" and f.loc["firm", "firm"] == 0
    with pytest.raises(PatnetInputError, match="counting='full'"):
        build.sector_matrix(orgs, counting="fractional", diagonal="internal")
    u = build.sector_matrix(make_corpus({"1": ["CN"]}, applicants={
        "1": [{"name": "x", "sector": "unknown"}, {"name": "y", "sector": "firm"}]}),
        include_unknown=True)
    assert u.loc["firm", "unknown"] == 1


def test_sector_combinations(orgs):
    t = build.sector_combinations(orgs)
    assert t["patents"].to_dict() == {"firm": 2, "government": 1, "firm+university": 1}
    assert t["share"].sum() == pytest.approx(1)


def test_sector_and_field_graphs(orgs):
    c = make_corpus({"1": ["CN"], "2": ["CN"], "3": ["CN"]},
                    classes={"1": ["H01L 21/02", "G06F 3/01"], "2": ["H04L 9/00", "G06F 1/00"],
                             "3": ["A61K 31/40"]})
    F = build.graph(c, "field")
    assert list(F.edges(data="weight")) == [("field:G", "field:H", 2.0)]
    assert F.nodes["field:A"]["label"] == "Human necessities"
    W = build.graph(c, "field", field_level="wipo_field")
    assert W.nodes["field:16"]["label"] == "Pharmaceuticals"
    S = build.graph(orgs, "sector")
    assert S.has_edge("sector:firm", "sector:university")
    assert S.nodes["sector:firm"]["internal_patents"] == 1


# ------------------------------------------------------------------ inventors, bipartite
def test_inventor_graph(orgs):
    G = build.inventor_graph(orgs)
    assert list(G.edges) == [("inventor:a", "inventor:b"), ("inventor:b", "inventor:c")]
    assert G.graph["level"] == "inventor"
    c = make_corpus({"1": [{"inventor_id": "x"}, {"country": "CN"}]})
    H = build.inventor_graph(c)
    assert H.graph["rows_dropped_missing_inventor_id"] == 1 and H.number_of_nodes() == 1


def test_bipartite_matches_projection(mixed):
    B = build.bipartite(mixed)
    units = [n for n, b in B.nodes(data="bipartite") if b == 1]
    G = build.geo_graph(mixed)
    P = nx.bipartite.weighted_projected_graph(B, units)
    assert {frozenset(e): w for *e, w in P.edges(data="weight")} == {
        frozenset((u, v)): n for u, v, n in G.edges(data="n_patents")}
    assert B.nodes["patent:2"]["year"] == 2010 and B.nodes["patent:2"]["n_rows"] == 4
    assert B["patent:2"]["province:CN-BJ"] == {"weight": 2, "share": 0.5}
    assert build.edge_patents(B, "patent:2", "province:CN-BJ") == ["2"]
    assert sum(s for *_, s in B.edges(data="share")) == pytest.approx(B.graph["n_patents_linked"])


# ------------------------------------------------------------------ properties on corpora
provinces = st.sampled_from(["BJ", "SH", "GD", "JS", None, "SG", "IN", "US"])
corpus_specs = st.dictionaries(st.text("0123456789", min_size=1, max_size=3),
                               st.lists(provinces, min_size=1, max_size=5), min_size=1, max_size=8)


def spec_corpus(spec, order=None):
    items = list(spec.items()) if order is None else [list(spec.items())[i] for i in order]
    inv = {p: [cn(x)[0] if x not in ("SG", "IN", "US") else {"country": x} for x in xs]
           for p, xs in items}
    return make_corpus(inv)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus_specs, st.randoms(use_true_random=False), st.sampled_from(build.COUNTINGS))
def test_graph_shuffle_invariance(spec, rnd, counting):
    c = spec_corpus(spec)
    inv = c.inventors.sample(frac=1.0, random_state=rnd.randint(0, 2**31 - 1))
    pat = c.patents.sample(frac=1.0, random_state=rnd.randint(0, 2**31 - 1))
    shuffled = c.replace(inventors=inv, patents=pat)
    assert same_graph(build.geo_graph(c, counting=counting),
                      build.geo_graph(shuffled, counting=counting))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus_specs)
def test_graph_invariants(spec):
    c = spec_corpus(spec)
    G = build.geo_graph(c)
    F = build.geo_graph(c, counting="fractional")
    P = build.geo_graph(c, counting="patent_share")
    inc = G.graph["_provenance"]
    n_multi = G.graph["n_patents_multi"]
    assert P.size(weight="weight") == pytest.approx(n_multi)
    D = (inc.matrix > 0).toarray()
    multi = D.sum(axis=1) >= 2
    for j, u in enumerate(inc.units):
        assert F.degree(u, weight="weight") == pytest.approx(D[multi, j].sum())
    assert sum(d for _, d in G.nodes(data="fractional_count")) == pytest.approx(
        G.graph["n_patents_linked"])
    for u, v, n in G.edges(data="n_patents"):
        assert len(build.edge_patents(G, u, v)) == n


# ------------------------------------------------------------------ slices
@pytest.fixture(scope="module")
def timed():
    return make_corpus({
        "1": cn("JS") + ["SG"], "2": cn("BJ") + ["IN"], "3": cn("BJ", "SH"),
        "4": cn("GD") + ["SG"], "5": cn("BJ") + ["SG"]},
        years={"1": 2001, "2": 2003, "3": 2007, "4": 2014, "5": 2017})


def test_slices_stages(timed):
    stages = {"start-up": (2001, 2006), "volatile growth": (2007, 2013),
              "rapid growth": (2014, 2017)}
    gs = build.slices(timed, build.geo_graph, periods=stages)
    assert list(gs) == list(stages)
    universe = list(build.geo_graph(timed).nodes)
    for label, G in gs.items():
        assert list(G.nodes) == universe
        assert G.graph["period"] == label and G.graph["builder"] == "geo_graph"
        assert set(G.nodes["province:CN-BJ"]) == set(build.NODE_ATTRIBUTES)
    assert gs["start-up"].nodes["province:CN-GD"]["n_patents"] == 0
    assert gs["start-up"].degree("province:CN-GD") == 0
    assert gs["rapid growth"].nodes["province:CN-GD"]["n_patents"] == 1
    assert (gs["start-up"].graph["start"], gs["start-up"].graph["end"]) == (2001, 2006)
    assert build.edge_patents(gs["rapid growth"], "country:SG", "province:CN-BJ") == ["5"]
    assert build.edge_patents(gs["start-up"], "country:SG", "province:CN-GD") == []
    total = sum(G.size(weight="weight") for G in gs.values())
    assert total == build.geo_graph(timed).size(weight="weight")


def test_slices_windows_and_years(timed):
    fixed = build.slices(timed, "province+country", window=5)
    assert list(fixed) == ["2001-2005", "2006-2010", "2011-2015", "2016-2017"]
    sliding = build.slices(timed, build.geo_graph, window=10, step=5, level="country")
    assert list(sliding) == ["2001-2010", "2006-2015"]
    assert all(G.graph["level"] == "country" for G in sliding.values())
    yearly = build.slices(timed, build.geo_graph, periods="year")
    assert len(yearly) == 17 and yearly["2002"].number_of_edges() == 0
    listed = build.slices(timed, build.geo_graph, periods=[(2001, 2003), (2004, 2017)],
                          nodes="provinces")
    assert all(G.number_of_nodes() == 31 + 2 for G in listed.values())
    table = pd.DataFrame({"stage": ["a", "b"], "start": [2001, 2010], "end": [2009, 2017]})
    assert list(build.slices(timed, build.geo_graph, periods=table)) == ["a", "b"]


def test_slices_errors(timed):
    with pytest.raises(PatnetInputError):
        build.slices(timed, build.geo_graph)
    with pytest.raises(PatnetInputError):
        build.slices(timed, build.geo_graph, periods={"x": (2005, 2001)})
    with pytest.raises(PatnetInputError):
        build.slices(timed, build.geo_graph, periods="month")
    with pytest.raises(PatnetInputError):
        build.windows(2001, 2005, size=0)


def test_slices_count_patents_without_year():
    c = make_corpus({"1": ["CN", "SG"], "2": ["CN", "IN"]}, years={"1": 2005})
    gs = build.slices(c, "country", periods=[(2000, 2010)])
    G = gs["2000-2010"]
    assert G.graph["patents_without_year"] == 1
    assert set(G) == {"country:CN", "country:SG", "country:IN"}
    assert G.degree("country:IN") == 0
