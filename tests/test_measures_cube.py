"""The S x P x T strategy cube: exact counts on a hand corpus, not-observed cells, properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patnet import schema
from patnet.exceptions import PatnetInputError
from patnet.measures.cube import PATENT_TYPES, PROCESSES, strategy_cube
from patnet.testing import make_corpus


def app(aid, sector=None):
    row = {"applicant_id": aid, "name": f"Org {aid}"}
    if sector is not None:
        row["sector"] = sector
    return row


def hand_corpus(types=True):
    """Six patents.

    P1 utility: F1 (firm), U1 (university)      co-owned
    P2 utility: F1                              single owner
    P3 design:  F1, F2 (firm)                   co-owned
    P4 plant:   U1, G1 (government)             co-owned
    P5 utility: F2, F2 (the same applicant twice: not co-owned)
    P6 utility: X (no sector), F1               co-owned
    """
    apps = {"P1": [app("F1", "firm"), app("U1", "university")],
            "P2": [app("F1", "firm")],
            "P3": [app("F1", "firm"), app("F2", "firm")],
            "P4": [app("U1", "university"), app("G1", "government")],
            "P5": [app("F2", "firm"), app("F2", "firm")],
            "P6": [app("X"), app("F1", "firm")]}
    c = make_corpus({p: ["CN"] for p in apps}, applicants=apps)
    if types:
        p = c.patents.copy()
        p["patent_type"] = pd.array(["utility", "utility", "design", "plant", "utility",
                                     "utility"], dtype="string")
        c = c.replace(patents=p)
    return c


CLUSTER = {"F1", "U1", "X"}


def cell(cube, s, p, t):
    return cube.loc[(s, p, t), "patents"], bool(cube.loc[(s, p, t), "observed"])


def test_cube_exact_patent_tool():
    cube = strategy_cube(hand_corpus(), CLUSTER)
    assert cube.index.names == ["subject", "process", "tool"]
    assert list(cube.columns) == ["patents", "observed"]
    assert str(cube["patents"].dtype) == "Int64" and cube["observed"].dtype == bool
    # creation: firm (F1) P1, P2, P3, P6; university (U1) P1, P4; unknown (X) P6;
    # government: G1 is not in the cluster
    assert cell(cube, "firm", "creation", "patent") == (4, True)
    assert cell(cube, "university", "creation", "patent") == (2, True)
    assert cell(cube, "unknown", "creation", "patent") == (1, True)
    assert cell(cube, "government", "creation", "patent") == (0, True)
    # management: co-owned P1, P3, P4, P6 (P2 single, P5 the same applicant twice)
    assert cell(cube, "firm", "management", "patent") == (3, True)
    assert cell(cube, "university", "management", "patent") == (2, True)
    assert cell(cube, "unknown", "management", "patent") == (1, True)
    # use: not observed, never zero
    for s in schema.SECTORS:
        n, ok = cell(cube, s, "use", "patent")
        assert n is pd.NA and ok is False
    assert list(cube.index.get_level_values("subject").unique()) == list(schema.SECTORS)
    assert len(cube) == len(schema.SECTORS) * 3
    assert cube.attrs["n_patents"] == 5 and cube.attrs["n_applicants"] == 3
    assert cube.attrs["n_ids_not_found"] == 0
    assert "co-ownership" in cube.attrs["definitions"]["management"]


def test_cube_exact_by_type_and_other_rights():
    cube = strategy_cube(hand_corpus(), CLUSTER, processes=PROCESSES,
                         tools=("patent", "types", "trademark"))
    tools = list(cube.index.get_level_values("tool").unique())
    assert tools == ["patent", "utility", "design", "plant", "trademark"]
    assert cell(cube, "firm", "creation", "utility") == (3, True)      # P1, P2, P6
    assert cell(cube, "firm", "creation", "design") == (1, True)       # P3
    assert cell(cube, "firm", "creation", "plant") == (0, True)
    assert cell(cube, "university", "creation", "plant") == (1, True)  # P4
    assert cell(cube, "firm", "management", "utility") == (2, True)    # P1, P6
    assert cell(cube, "university", "management", "utility") == (1, True)
    assert cell(cube, "firm", "management", "design") == (1, True)
    # not observed: other rights, protection, use
    for s, p, t in [("firm", "creation", "trademark"), ("firm", "protection", "patent"),
                    ("university", "use", "utility"), ("government", "management", "trademark")]:
        n, ok = cell(cube, s, p, t)
        assert n is pd.NA and not ok
    assert (cube["patents"].isna() == ~cube["observed"]).all()
    assert cube.attrs["patents_without_type"] == 0
    assert "not observed" in cube.attrs["tools"]["trademark"]


def test_cube_without_patent_types():
    cube = strategy_cube(hand_corpus(types=False), CLUSTER, tools=("patent", "types", "design"))
    assert list(cube.index.get_level_values("tool").unique()) == ["patent", "utility", "design",
                                                                  "plant"]
    assert cell(cube, "firm", "creation", "patent") == (4, True)
    n, ok = cell(cube, "firm", "creation", "design")
    assert n is pd.NA and not ok
    assert cube.attrs["patents_without_type"] == 5


def test_cube_without_applicants_is_not_observed():
    c = make_corpus({"1": ["CN"], "2": ["CN", "SG"]})
    cube = strategy_cube(c)
    assert not cube["observed"].any() and cube["patents"].isna().all()
    assert cube.attrs["n_patents"] == 0


def test_cluster_forms_agree():
    c = hand_corpus()
    by_ids = strategy_cube(c, CLUSTER)
    mask = c.applicants["applicant_id"].isin(sorted(CLUSTER)).to_numpy(dtype=bool)
    by_mask = strategy_cube(c, mask)
    by_series = strategy_cube(c, pd.Series(mask))
    by_func = strategy_cube(c, lambda a: a["applicant_id"].isin(sorted(CLUSTER)))
    for other in (by_mask, by_series, by_func):
        pd.testing.assert_frame_equal(by_ids, other)
    assert by_func.attrs["cluster"].startswith("function")
    by_name = strategy_cube(c, {"Org F1", "Org U1", "Org X"}, key="name")
    pd.testing.assert_frame_equal(by_ids, by_name)


def test_nullable_boolean_masks():
    apps = {"1": [{"applicant_id": "A", "sector": "firm", "province": "CN-JS"},
                  {"applicant_id": "B", "sector": "university"}],
            "2": [{"applicant_id": "B", "sector": "university", "province": "CN-BJ"}]}
    c = make_corpus({"1": ["CN"], "2": ["CN"]}, applicants=apps)
    js = c.applicants["province"] == "CN-JS"   # missing province: <NA>, not a member
    for cluster in (js, lambda a: a["province"] == "CN-JS"):
        cube = strategy_cube(c, cluster)
        assert cell(cube, "firm", "creation", "patent") == (1, True)
        assert cell(cube, "firm", "management", "patent") == (1, True)
        assert cell(cube, "university", "creation", "patent") == (0, True)
        assert cube.attrs["n_applicants"] == 1
    with pytest.raises(PatnetInputError, match="index of corpus.applicants"):
        strategy_cube(c, js.iloc[::-1])


def test_whole_corpus_and_not_found_ids():
    c = hand_corpus()
    cube = strategy_cube(c)
    # all applicants: firm P1, P2, P3, P5, P6; government P4
    assert cell(cube, "firm", "creation", "patent") == (5, True)
    assert cell(cube, "government", "management", "patent") == (1, True)
    assert cell(cube, "firm", "management", "patent") == (3, True)  # P1, P3, P6 (not P5)
    some = strategy_cube(c, {"F2", "nobody"})
    assert some.attrs["n_ids_not_found"] == 1
    assert cell(some, "firm", "creation", "patent") == (2, True)    # P3, P5
    assert cell(some, "firm", "management", "patent") == (1, True)  # P3
    none = strategy_cube(c, set())
    assert (none.loc[none["observed"], "patents"] == 0).all()


def test_subjects_option_and_errors():
    c = hand_corpus()
    cube = strategy_cube(c, CLUSTER, subjects=["firm", "university"], processes="creation")
    assert len(cube) == 2 and cube["patents"].tolist() == [4, 2]
    with pytest.raises(PatnetInputError, match="did you mean 'creation'"):
        strategy_cube(c, processes=("creaton",))
    with pytest.raises(PatnetInputError, match="did you mean 'design'"):
        strategy_cube(c, tools=("desing",))
    with pytest.raises(PatnetInputError, match="subject"):
        strategy_cube(c, subjects=["company"])
    with pytest.raises(PatnetInputError, match="single string"):
        strategy_cube(c, "F1")
    with pytest.raises(PatnetInputError, match="one value per applicant row"):
        strategy_cube(c, np.array([True, False]))
    with pytest.raises(PatnetInputError, match="no column"):
        strategy_cube(c, {"F1"}, key="org_code")


@st.composite
def corpora(draw):
    n = draw(st.integers(1, 8))
    ids = ["A", "B", "C", "D", "E"]
    sectors = {"A": "firm", "B": "university", "C": "government", "D": "firm", "E": None}
    apps, types = {}, []
    for i in range(n):
        who = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=4))
        apps[f"P{i}"] = [app(a, sectors[a]) for a in who]
        types.append(draw(st.sampled_from(["utility", "design", "plant", None])))
    c = make_corpus({p: ["CN"] for p in apps}, applicants=apps)
    p = c.patents.copy()
    p["patent_type"] = pd.array(types, dtype="string")
    cluster = draw(st.sets(st.sampled_from(ids)))
    return c.replace(patents=p), cluster


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_cube_properties(cc):
    c, cluster = cc
    cube = strategy_cube(c, cluster, processes=PROCESSES, tools=("patent", "types", "copyright"))
    n = cube["patents"]
    assert (n.isna() == ~cube["observed"]).all()
    obs = cube[cube["observed"]]
    assert (obs["patents"] >= 0).all() and (obs["patents"] <= cube.attrs["n_patents"]).all()
    wide = n.unstack("process")
    ok = wide["creation"].notna()
    assert (wide.loc[ok, "creation"] >= wide.loc[ok, "management"]).all()
    by_tool = n.unstack("tool")
    typed = by_tool[[t for t in PATENT_TYPES[:3] if t in by_tool.columns]]
    rows = by_tool["patent"].notna() & typed.notna().all(axis=1)
    assert (typed[rows].sum(axis=1) <= by_tool.loc[rows, "patent"]).all()
    if cube.attrs["patents_without_type"] == 0:
        pd.testing.assert_series_equal(typed[rows].sum(axis=1), by_tool.loc[rows, "patent"],
                                       check_names=False, check_dtype=False)
