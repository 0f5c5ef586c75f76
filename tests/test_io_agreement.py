"""The same 483 real grants, read from grant XML and from PatentsView tables, agree."""

from __future__ import annotations

import pytest

import patnet as pn


@pytest.fixture(scope="module")
def both():
    from conftest import SHARED_DATA

    base = SHARED_DATA / "uspto-grant-samples"
    if not base.is_dir():
        pytest.skip(f"reference data folder {SHARED_DATA} not found (it sits beside the repository)")
    xml, xr = pn.io.read_uspto_xml(base / "xml")
    pv, pr = pn.io.read_patentsview(base / "patentsview_format", cache=False)
    return xml, xr, pv, pr


def per_patent(df, col):
    return {k: sorted(v.fillna("").tolist()) for k, v in df.groupby("patent_id")[col]}


def test_same_patents(both):
    xml, xr, pv, pr = both
    assert xml.n_patents == pv.n_patents == 483
    assert sorted(xml.patents["patent_id"]) == sorted(pv.patents["patent_id"])
    assert xr.conserved and pr.conserved
    x = xml.patents.set_index("patent_id").sort_index()
    p = pv.patents.set_index("patent_id").sort_index()
    assert (x["grant_date"] == p["grant_date"]).all()


def test_same_inventor_counts_and_countries(both):
    xml, _, pv, _ = both
    xs = xml.inventors.groupby("patent_id").size()
    ps = pv.inventors.groupby("patent_id").size()
    assert xs.sort_index().equals(ps.sort_index())
    assert per_patent(xml.inventors, "country") == per_patent(pv.inventors, "country")
    assert per_patent(xml.inventors, "city") == per_patent(pv.inventors, "city")


# Known flaws of the PatentsView-layout copy in ../shared (it was derived from the XML):
# 1. four <assignee> elements hold <orgname> directly, without <addressbook>; the copy has
#    rows with every name field empty there (the XML, checked by hand, names them);
NAMELESS_IN_COPY = {"6859910", "D656301", "PP34694", "RE49258"}
# 2. three IPC-7 codes were split in the wrong place ("H01L 21302" -> main group 213,
#    subgroup 02; the IPC scheme has H01L 21/302), on these patents:
MISSPLIT_IPC7_IN_COPY = {"6838391", "6838741"}


def test_same_assignee_names(both):
    xml, _, pv, _ = both
    x, p = per_patent(xml.applicants, "name"), per_patent(pv.applicants, "name")
    assert set(x) == set(p)
    for k in NAMELESS_IN_COPY:
        assert p[k] == [""] and x[k] != [""]
    keep = set(x) - NAMELESS_IN_COPY
    assert len(keep) > 390
    assert {k: x[k] for k in keep} == {k: p[k] for k in keep}


def test_same_ipc_codes(both):
    xml, _, pv, _ = both
    xi = xml.classes[xml.classes["scheme"] == "ipc"]
    pi = pv.classes[pv.classes["scheme"] == "ipc"]
    x, p = per_patent(xi, "code"), per_patent(pi, "code")
    assert set(x) == set(p)
    for k in MISSPLIT_IPC7_IN_COPY:
        assert x[k] != p[k]
    keep = set(x) - MISSPLIT_IPC7_IN_COPY
    assert {k: x[k] for k in keep} == {k: p[k] for k in keep}
    assert "H01L 21/302" in x["6838391"]
