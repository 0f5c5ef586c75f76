"""Triple-helix synergy: closed forms, tables from corpora, groups, bootstrap."""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
import pytest

import patnet as pn
from patnet.exceptions import PatnetInputError
from patnet.measures.triple_helix import (
    CELLS,
    DEFAULT_HELIX,
    helix_cells,
    triple_helix,
    triple_helix_from_table,
    triple_helix_table,
)
from patnet.testing import make_corpus

EXCLUSIVE = {"U": 300, "I": 500, "G": 100, "UI": 60, "UG": 20, "IG": 15, "UIG": 5}
SECTORS_OF = {"U": ["university"], "I": ["firm"], "G": ["government"],
              "UI": ["university", "firm"], "UG": ["university", "government"],
              "IG": ["firm", "government"], "UIG": ["university", "firm", "government"]}


def _h(*p):
    return -sum(x * math.log2(x) for x in p if x > 0)


def corpus_of(plan, *, years=None, extra=None):
    """A corpus with one patent per entry of ``plan`` (cell names, or lists of sectors)."""
    applicants = {}
    for k, cell in enumerate(plan):
        sectors = SECTORS_OF[cell] if isinstance(cell, str) else cell
        if sectors:
            applicants[f"P{k:04d}"] = [{"name": f"{s}-{j}", "sector": s}
                                       for j, s in enumerate(sectors)]
    ids = [f"P{k:04d}" for k in range(len(plan))]
    yrs = None if years is None else {p: years[k] for k, p in enumerate(ids)}
    return make_corpus({p: ["CN"] for p in ids}, years=yrs, applicants=applicants)


# --------------------------------------------------------------------------
# closed forms

def test_independent_uniform_is_zero():
    assert triple_helix_from_table(np.ones((2, 2, 2)))["T_uig"] == pytest.approx(0, abs=1e-12)
    assert triple_helix_from_table(np.full((2, 2, 2), 125))["T_uig"] == pytest.approx(0, abs=1e-12)


def test_independent_nonuniform_is_zero():
    pu, pi, pg = 0.3, 0.6, 0.15
    cube = np.einsum("a,b,c->abc", [1 - pu, pu], [1 - pi, pi], [1 - pg, pg])
    t = triple_helix_from_table(cube * 1e4)
    for k in ("T_uig", "T_ui", "T_ug", "T_ig"):
        assert t[k] == pytest.approx(0, abs=1e-12)


def test_copies_give_plus_one_bit():
    cube = np.zeros((2, 2, 2))
    cube[0, 0, 0] = cube[1, 1, 1] = 7
    t = triple_helix_from_table(cube)
    assert t["T_uig"] == pytest.approx(1.0, abs=1e-7)
    assert t["T_ui"] == t["T_ug"] == t["T_ig"] == pytest.approx(1.0)
    assert not t["synergy"]
    # the same as a dict of cells
    assert triple_helix_from_table({"none": 7, "UIG": 7})["T_uig"] == pytest.approx(1.0, abs=1e-7)


def test_xor_gives_minus_one_bit():
    cube = np.zeros((2, 2, 2))
    for u in (0, 1):
        for i in (0, 1):
            cube[u, i, u ^ i] = 3
    t = triple_helix_from_table(cube)
    assert t["T_uig"] == pytest.approx(-1.0, abs=1e-7)
    assert t["synergy"]
    # pairwise independent
    assert t["T_ui"] == pytest.approx(0, abs=1e-12)
    assert triple_helix_from_table({"none": 1, "IG": 1, "UG": 1, "UI": 1})["T_uig"] \
        == pytest.approx(-1.0, abs=1e-7)


def test_exclusive_sector_table():
    t = triple_helix_from_table(EXCLUSIVE)
    assert t["T_uig"] == pytest.approx(-0.2335735, abs=1e-7)
    assert t["n"] == 1000 and t["n_none"] == 0 and t["synergy"]
    # no none cell given: including or excluding it is the same
    assert triple_helix_from_table(EXCLUSIVE, none="exclude")["T_uig"] == t["T_uig"]
    assert triple_helix_from_table({**EXCLUSIVE, "none": 0})["T_uig"] == t["T_uig"]
    # letters in any order, scale does not matter
    shuffled = {"".join(reversed(k)): 2 * v for k, v in EXCLUSIVE.items()}
    assert triple_helix_from_table(shuffled)["T_uig"] == pytest.approx(t["T_uig"], abs=1e-12)
    assert triple_helix_from_table(pd.Series(EXCLUSIVE))["T_uig"] == t["T_uig"]


def test_entropies_and_pairwise_against_hand_computation():
    t = triple_helix_from_table(EXCLUSIVE)
    n = 1000
    pu = (300 + 60 + 20 + 5) / n
    pi = (500 + 60 + 15 + 5) / n
    pg = (100 + 20 + 15 + 5) / n
    assert t["H_u"] == pytest.approx(_h(pu, 1 - pu))
    assert t["H_i"] == pytest.approx(_h(pi, 1 - pi))
    assert t["H_g"] == pytest.approx(_h(pg, 1 - pg))
    # (u, i) joint: UI+UIG, U+UG, I+IG, G
    h_ui = _h(65 / n, 320 / n, 515 / n, 100 / n)
    assert t["T_ui"] == pytest.approx(_h(pu, 1 - pu) + _h(pi, 1 - pi) - h_ui, abs=1e-12)
    assert t["T_ui"] == pytest.approx(0.3353638, abs=1e-7)


def test_pairwise_hand_case():
    # four patents: U, U, I, UI -> p(u) = 3/4, p(i) = 1/2, joint 2/4, 1/4, 1/4
    t = triple_helix_from_table({"U": 2, "I": 1, "UI": 1})
    expected = _h(0.75, 0.25) + 1.0 - 1.5
    assert t["T_ui"] == pytest.approx(expected, abs=1e-12)
    assert t["T_ui"] == pytest.approx(0.3112781, abs=1e-7)
    # g is constant: no information with it, and T_uig = 0
    assert t["T_ug"] == t["T_ig"] == 0.0
    assert t["T_uig"] == pytest.approx(0, abs=1e-12)
    # university and industry never together: one bit shared
    assert triple_helix_from_table({"U": 5, "I": 5})["T_ui"] == pytest.approx(1.0)


def test_none_cell_choice():
    with_none = {**EXCLUSIVE, "none": 100}
    inc = triple_helix_from_table(with_none)
    exc = triple_helix_from_table(with_none, none="exclude")
    assert exc["T_uig"] == pytest.approx(-0.2335735, abs=1e-7)
    assert exc["n"] == 1000 and exc["n_none"] == 100
    assert inc["n"] == 1100 and inc["T_uig"] == pytest.approx(-0.0755608, abs=1e-7)


def test_empty_table_is_nan():
    t = triple_helix_from_table({})
    assert math.isnan(t["T_uig"]) and t["n"] == 0 and not t["synergy"]
    t = triple_helix_from_table({"none": 4}, none="exclude", bootstrap=10)
    assert math.isnan(t["T_uig"]) and math.isnan(t["ci_low"])


@pytest.mark.parametrize("bad, match", [
    ({"UX": 1}, "unknown helix cell"),
    ({"U": -1}, "finite and >= 0"),
    ({"U": "many"}, "not a number"),
    ({"UI": 1, "IU": 2}, "given twice"),
    (np.ones((2, 2)), "2 x 2 x 2"),
])
def test_table_errors(bad, match):
    with pytest.raises(PatnetInputError, match=match):
        triple_helix_from_table(bad)


def test_option_errors():
    with pytest.raises(PatnetInputError, match="did you mean 'exclude'"):
        triple_helix_from_table(EXCLUSIVE, none="exclud")
    with pytest.raises(PatnetInputError, match="ci must be"):
        triple_helix_from_table(EXCLUSIVE, bootstrap=10, ci=95)
    with pytest.raises(PatnetInputError, match="bootstrap must be"):
        triple_helix_from_table(EXCLUSIVE, bootstrap=-1)
    with pytest.raises(PatnetInputError, match="whole numbers"):
        triple_helix_from_table({"U": 0.5, "I": 1}, bootstrap=10)


# --------------------------------------------------------------------------
# bootstrap

def test_bootstrap_contains_estimate_and_is_reproducible():
    before = (random.getstate(), np.random.get_state()[1].copy())
    a = triple_helix_from_table(EXCLUSIVE, bootstrap=500, seed=7)
    b = triple_helix_from_table(EXCLUSIVE, bootstrap=500, seed=7)
    c = triple_helix_from_table(EXCLUSIVE, bootstrap=500, seed=8)
    assert random.getstate() == before[0]
    assert (np.random.get_state()[1] == before[1]).all()
    assert a["ci_low"] < a["T_uig"] < a["ci_high"] < 0
    assert (a["ci_low"], a["ci_high"]) == (b["ci_low"], b["ci_high"])
    assert (a["ci_low"], a["ci_high"]) != (c["ci_low"], c["ci_high"])
    wide = triple_helix_from_table(EXCLUSIVE, bootstrap=500, seed=7, ci=0.99)
    assert wide["ci_low"] <= a["ci_low"] and wide["ci_high"] >= a["ci_high"]
    g = triple_helix_from_table(EXCLUSIVE, bootstrap=500, seed=np.random.default_rng(7))
    assert g["ci_low"] < g["T_uig"] < g["ci_high"]


def test_bootstrap_matches_resampling_patents():
    """Multinomial draws of the cells = resampling patents with replacement."""
    small = {"U": 6, "I": 10, "G": 2, "UI": 2, "IG": 1, "UIG": 1}
    codes = np.repeat(np.arange(6), list(small.values()))
    rng = np.random.default_rng(0)
    direct = []
    for _ in range(4000):
        draw = np.bincount(rng.choice(codes, size=len(codes)), minlength=6)
        direct.append(triple_helix_from_table(dict(zip(small, draw.tolist())))["T_uig"])
    lo, hi = np.quantile(direct, [0.025, 0.975])
    t = triple_helix_from_table(small, bootstrap=4000, seed=1)
    assert t["ci_low"] == pytest.approx(lo, abs=0.03)
    assert t["ci_high"] == pytest.approx(hi, abs=0.03)


# --------------------------------------------------------------------------
# from a corpus

def scaled_plan():
    # the exclusive table divided by 5 (T does not depend on scale)
    return [cell for cell, n in EXCLUSIVE.items() for _ in range(n // 5)]


def test_corpus_reproduces_the_closed_form():
    plan = scaled_plan()
    # patents whose sectors are none of the three, unknown only, and without applicants
    plan += [["individual"]] * 7 + [["research", "hospital"]] * 3 + [["unknown"]] * 4 + [[]] * 2
    c = corpus_of(plan)
    out = triple_helix(c, bootstrap=200, seed=1)
    row = out.loc["all"]
    assert row["T_uig"] == pytest.approx(-0.2335735, abs=1e-7)
    assert row["n_patents"] == 216 and row["n_table"] == 200
    assert row["none"] == 10 and row["n_unclassified"] == 6
    assert [row[k] for k in CELLS[:-1]] == [v // 5 for v in EXCLUSIVE.values()]
    assert row["ci_low"] < row["T_uig"] < row["ci_high"]
    assert bool(row["synergy"])
    assert "negative T_uig means synergy" in out.attrs["note"]
    assert out.attrs["none"] == "exclude" and out.attrs["unit"] == "bits"
    # the none patents join the probability space on request
    inc = triple_helix(c, none="include", bootstrap=0).loc["all"]
    ref = triple_helix_from_table({**{k: v // 5 for k, v in EXCLUSIVE.items()}, "none": 10})
    assert inc["T_uig"] == pytest.approx(ref["T_uig"], abs=1e-12)
    assert inc["n_table"] == 210
    # the table and the cells agree
    tab = triple_helix_table(c)
    assert tab.to_dict() == {**{k: v // 5 for k, v in EXCLUSIVE.items()}, "none": 10}
    assert tab.attrs["n_unclassified"] == 6 and tab.attrs["n_patents"] == 216
    cells = helix_cells(c)
    assert cells.isna().sum() == 6 and (cells == "UIG").sum() == 1


def test_columns_and_types():
    out = triple_helix(corpus_of(scaled_plan()), bootstrap=10)
    assert list(out.columns) == ["T_uig", "T_ui", "T_ug", "T_ig", "ci_low", "ci_high", "synergy",
                                 "n_patents", "n_table", "n_unclassified", *CELLS]
    assert out.index.name == "group"
    assert str(out["synergy"].dtype) == "boolean"
    assert out["n_patents"].dtype == np.int64


def test_unknown_sectors_raise_a_clear_error():
    c = make_corpus({"1": ["CN"], "2": ["CN"]},
                    applicants={"1": ["Tsinghua University"], "2": ["Huawei Co., Ltd."]})
    with pytest.raises(PatnetInputError, match="assign_sectors"):
        triple_helix(c)
    with pytest.raises(PatnetInputError, match="no applicants"):
        triple_helix(make_corpus({"1": ["CN"]}))
    # after classification it works
    c2, _ = pn.classify.assign_sectors(c)
    row = triple_helix(c2, bootstrap=0).loc["all"]
    assert (row["U"], row["I"]) == (1, 1)
    assert row["T_ui"] == pytest.approx(1.0)


def test_helix_mapping():
    plan = [["research", "firm"]] * 4 + [["research"]] * 3 + [["university"]] * 2 + [["firm"]] * 5
    c = corpus_of(plan)
    default = triple_helix_table(c)
    assert default["I"] == 9 and default["none"] == 3 and default["U"] == 2
    as_gov = triple_helix_table(c, helix={"research": "G"})
    assert (as_gov["IG"], as_gov["G"], as_gov["none"]) == (4, 3, 0)
    as_uni = triple_helix_table(c, helix={"research": "U", "firm": None})
    assert (as_uni["U"], as_uni["none"]) == (9, 5)
    assert DEFAULT_HELIX["research"] is None  # unchanged
    with pytest.raises(PatnetInputError, match="did you mean 'research'"):
        triple_helix(c, helix={"reserch": "U"})
    with pytest.raises(PatnetInputError, match="'U', 'I', 'G' or None"):
        triple_helix(c, helix={"research": "R"})
    with pytest.raises(PatnetInputError, match="cannot be a helix"):
        triple_helix(c, helix={"unknown": "I"})


# --------------------------------------------------------------------------
# groups

def test_per_year_series():
    plan = ["U", "I", "UI", "G", "UIG", "I", "U", "IG", "I", "UI"]
    years = [2001, 2001, 2001, 2001, 2001, 2003, 2003, 2003, 2003, 2003]
    c = corpus_of(plan, years=years)
    out = triple_helix(c, by="year", bootstrap=100, seed=3)
    assert out.index.tolist() == [2001, 2002, 2003]          # the empty year is kept
    assert out["n_patents"].tolist() == [5, 0, 5]
    assert math.isnan(out.loc[2002, "T_uig"])
    assert out["synergy"].isna().tolist() == [False, True, False]
    for y in (2001, 2003):
        cells = {}
        for cell, yy in zip(plan, years):
            if yy == y:
                cells[cell] = cells.get(cell, 0) + 1
        assert out.loc[y, "T_uig"] == pytest.approx(triple_helix_from_table(cells)["T_uig"])
    again = triple_helix(c, by="year", bootstrap=100, seed=3)
    pd.testing.assert_frame_equal(out, again)
    assert out.attrs["by"] == "year"


def test_periods_and_windows():
    plan = ["U", "I", "UI", "G", "UIG", "I", "U", "IG"]
    years = [2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008]
    c = corpus_of(plan, years=years)
    out = triple_helix(c, by="period", periods={"early": (2001, 2004), "late": (2005, 2008)},
                       bootstrap=0)
    assert out.index.tolist() == ["early", "late"]
    assert out["start"].tolist() == [2001, 2005] and out["n_patents"].tolist() == [4, 4]
    slide = triple_helix(c, by="period", window=3, step=1, bootstrap=0)
    assert slide.index[0] == "2001-2003" and (slide["n_patents"] == 3).all()
    with pytest.raises(PatnetInputError, match="periods= or window="):
        triple_helix(c, by="period")
    with pytest.raises(PatnetInputError, match="need by='period'"):
        triple_helix(c, periods=[(2001, 2002)])


def test_groups_from_mappings_and_columns():
    plan = ["U", "I", "UI", "G", "UIG", "I"]
    c = corpus_of(plan)
    ids = [f"P{k:04d}" for k in range(6)]
    region = {ids[0]: "east", ids[1]: "east", ids[2]: ["east", "west"], ids[3]: "west",
              ids[4]: "west"}
    out = triple_helix(c, by=region, bootstrap=0)
    assert out.index.tolist() == ["east", "west"]
    assert out["n_patents"].tolist() == [3, 3]
    assert out.loc["east", ["U", "I", "UI"]].tolist() == [1, 1, 1]
    assert out.attrs["patents_without_group"] == 1
    series = pd.Series(["east", "east", "west"], index=ids[:3])
    assert triple_helix(c, by=series, bootstrap=0)["n_patents"].to_dict() == {"east": 2, "west": 1}
    frame = pd.DataFrame({"patent_id": ids[:2] + ["nope"], "group": ["a", "b", "a"]})
    res = triple_helix(c, by=frame, bootstrap=0)
    assert res["n_patents"].to_dict() == {"a": 1, "b": 1}
    assert res.attrs["mapping_ids_not_in_data"] == 1
    by_office = triple_helix(c, by="office", bootstrap=0)
    assert by_office.index.tolist() == ["US"] and by_office["n_patents"].tolist() == [6]
    with pytest.raises(PatnetInputError, match="did you mean 'office'"):
        triple_helix(c, by="ofice")
    with pytest.raises(PatnetInputError, match="unknown by"):
        triple_helix(c, by=3)


def test_group_bootstrap_is_reproducible_and_contains_estimates():
    rng = np.random.default_rng(5)
    cells = list(SECTORS_OF)
    plan = [cells[k] for k in rng.choice(7, size=400, p=[.25, .35, .1, .12, .06, .07, .05])]
    years = rng.integers(2001, 2004, size=400).tolist()
    c = corpus_of(plan, years=years)
    a = triple_helix(c, by="year", bootstrap=300, seed=11)
    b = triple_helix(c, by="year", bootstrap=300, seed=11)
    pd.testing.assert_frame_equal(a, b)
    assert ((a["ci_low"] <= a["T_uig"]) & (a["T_uig"] <= a["ci_high"])).all()
    assert not a["ci_low"].equals(triple_helix(c, by="year", bootstrap=300, seed=12)["ci_low"])


def test_incidence_input_and_co_invention():
    plan = scaled_plan()
    c = corpus_of(plan)
    org = pn.build.level_incidence(c, "org", key="name")
    assert triple_helix_table(org).to_dict() == triple_helix_table(c).to_dict()
    assert triple_helix(org, bootstrap=0).loc["all", "T_uig"] == pytest.approx(-0.2335735, abs=1e-7)
    with pytest.raises(PatnetInputError, match="needs a corpus"):
        triple_helix(org, by="year")
    geo = pn.build.level_incidence(c, "country")
    with pytest.raises(PatnetInputError, match="assign_sectors"):
        triple_helix_table(geo)
    with pytest.raises(PatnetInputError, match="PatentCorpus or an Incidence"):
        triple_helix(EXCLUSIVE)
    with pytest.raises(PatnetInputError, match="unknown ties"):
        triple_helix(c, ties="both")


def test_co_invention_ties():
    # patent 3 has no applicant, but its inventors patent for a firm and a university
    c = make_corpus(
        {"1": [{"country": "CN", "inventor_id": "i1"}],
         "2": [{"country": "CN", "inventor_id": "i2"}],
         "3": [{"country": "CN", "inventor_id": "i1"}, {"country": "CN", "inventor_id": "i2"}]},
        applicants={"1": [{"name": "F", "sector": "firm"}],
                    "2": [{"name": "T", "sector": "university"}]})
    assert helix_cells(c).tolist() == ["I", "U", pd.NA]
    assert helix_cells(c, ties="co_invention", key="name").tolist() == ["I", "U", "UI"]
    out = triple_helix(c, ties="co_invention", key="name", bootstrap=0)
    assert out.loc["all", "UI"] == 1 and out.attrs["ties"] == "co_invention"


def test_independent_margins_give_exactly_zero():
    # u, i, g independent (every cell 1/8): T is 0 in exact arithmetic, and must not
    # come out as a rounding-size negative number read as synergy
    t = pn.measures.triple_helix_from_table(np.full((2, 2, 2), 7.0))
    assert t["T_uig"] == 0.0 and t["synergy"] is False
