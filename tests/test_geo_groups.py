"""Tests of patnet.geo.groups: the Belt and Road group and other region groups."""

from __future__ import annotations

import pandas as pd
import pytest

from patnet.exceptions import PatnetInputError, SchemaError
from patnet.geo.countries import country_table, normalize_country
from patnet.geo.groups import BRI_REGIONS, GROUP_COLUMNS, group, groups, region_of

REGION_COUNTS = {
    "East Asia": 1, "ASEAN": 10, "South Asia": 8, "Central Asia": 5, "West Asia": 18, "CIS": 7,
    "Central and Eastern Europe": 16,
}


def test_groups_listing():
    g = groups()
    assert list(g.columns) == ["name", "description", "n_countries", "n_regions", "source"]
    assert g.set_index("name")["n_countries"].to_dict() == {"bri": 65, "asean": 10}
    assert g.set_index("name")["n_regions"].to_dict() == {"bri": 7, "asean": 1}
    assert g["source"].notna().all()


def test_bri_has_65_countries_in_7_regions():
    bri = group("bri")
    assert list(bri.columns) == list(GROUP_COLUMNS)
    assert len(bri) == 65 and bri["iso2"].is_unique
    assert bri.groupby("region", sort=False).size().to_dict() == REGION_COUNTS
    assert list(dict.fromkeys(bri["region"])) == list(BRI_REGIONS)  # rows in region order
    assert "CN" not in set(bri["iso2"])
    assert set(bri["iso2"]) <= set(country_table()["iso2"])
    assert bri[["iso3", "name", "name_zh", "region_zh"]].notna().all().all()
    assert all(str(bri[c].dtype) == "string" for c in GROUP_COLUMNS)


def test_bri_members_and_notes():
    bri = group().set_index("iso2")
    assert bri.loc["MN", "region"] == "East Asia"
    assert bri.loc["EG", "region"] == "West Asia" and bri.loc["GR", "region"] == "West Asia"
    assert bri.loc["GE", "region"] == "CIS" and bri.loc["RU", "region_zh"] == "独联体"
    # the seed study's Table 1 partners are all in the group
    assert {"SG", "IN", "RU", "IL", "MY", "PL", "PH", "TH", "CZ", "HU", "SA"} <= set(bri.index)
    for code in ("PS", "RS", "ME"):
        assert "seed study" in bri.loc[code, "uspto_note"]
    assert "YU" in bri.loc["RS", "uspto_note"] and "CS" in bri.loc["ME", "uspto_note"]
    assert "CS" in bri.loc["CZ", "uspto_note"]
    assert "SU" in bri.loc["UA", "uspto_note"]
    assert pd.isna(bri.loc["SG", "uspto_note"])


def test_group_returns_a_fresh_copy():
    a = group("bri")
    a.loc[0, "region"] = "Elsewhere"
    a["iso2"] = a["iso2"].str.lower()
    b = group("bri")
    assert len(b) == 65 and b.loc[0, "region"] == "East Asia"


def test_names_are_case_insensitive():
    assert len(group("BRI")) == 65
    assert len(group(" Asean ")) == 10


def test_asean():
    asean = group("asean")
    assert len(asean) == 10 and set(asean["region"]) == {"ASEAN"}
    assert set(asean["iso2"]) == set(group("bri", region="ASEAN")["iso2"])
    assert set(asean["iso2"]) == {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"}


def test_region_selection():
    assert len(group("bri", region="ASEAN")) == 10
    assert len(group("bri", region="asean")) == 10
    assert len(group("bri", region="东盟")) == 10
    two = group("bri", region=["CIS", "Central Asia"])
    assert len(two) == 12 and set(two["region"]) == {"CIS", "Central Asia"}
    with pytest.raises(PatnetInputError, match="did you mean 'West Asia'"):
        group("bri", region="West Asai")


def test_unknown_group_name():
    with pytest.raises(PatnetInputError, match="unknown group 'bir' \\(did you mean 'bri'\\?\\)"):
        group("bir")
    with pytest.raises(PatnetInputError, match="Built-in groups are bri, asean"):
        region_of(["SG"], group="nato")


def test_own_table_is_checked_and_completed():
    mine = pd.DataFrame({"iso2": ["sg", " MY", "NA"], "region": ["A", "A", "B"],
                         "weight": [1, 2, 3]})
    out = group(table=mine)
    assert list(out.columns) == list(GROUP_COLUMNS) + ["weight"]
    assert out["iso2"].tolist() == ["SG", "MY", "NA"]
    assert out["iso3"].tolist() == ["SGP", "MYS", "NAM"]
    assert out["name"].tolist() == ["Singapore", "Malaysia", "Namibia"]
    assert out["region_zh"].isna().all() and out["weight"].tolist() == [1, 2, 3]
    assert mine["iso2"].tolist() == ["sg", " MY", "NA"]  # the input is not changed
    assert group(table=mine, region="B")["iso2"].tolist() == ["NA"]


def test_edited_copy_round_trips():
    mine = group("bri")
    mine.loc[mine["iso2"] == "EG", "region"] = "Africa"
    out = group(table=mine)
    assert out.set_index("iso2").loc["EG", "region"] == "Africa"
    assert region_of(["EG"], group=mine).tolist() == ["Africa"]


@pytest.mark.parametrize(
    ("table", "match"),
    [
        (pd.DataFrame({"ISO2": ["SG"], "region": ["A"]}), "required column 'iso2'.*Rename column 'ISO2'"),
        (pd.DataFrame({"iso": ["SG"], "region": ["A"]}), "required column 'iso2'.*did you mean 'iso'"),
        (pd.DataFrame({"iso2": ["SG"]}), "required column 'region'"),
        (pd.DataFrame({"iso2": ["Singapore"], "region": ["A"]}), "'Singapore' is not an ISO 3166-1"),
        (pd.DataFrame({"iso2": ["SG", None], "region": ["A", "A"]}), "row 1: iso2 is missing"),
        (pd.DataFrame({"iso2": ["SU"], "region": ["A"]}), "'SU' is not an ISO"),
        (pd.DataFrame({"iso2": ["SG", "sg"], "region": ["A", "B"]}), "'SG' appears more than once"),
        (pd.DataFrame({"iso2": ["SG", "MY"], "region": ["A", None]}), "row 1: region is missing"),
        ([("SG", "A")], "expected a pandas DataFrame"),
    ],
)
def test_own_table_errors(table, match):
    with pytest.raises(SchemaError, match=match) as err:
        group(table=table)
    assert "group table" in str(err.value)


def test_own_table_error_names_the_fix():
    with pytest.raises(SchemaError, match="normalize_country"):
        group(table=pd.DataFrame({"iso2": ["Singapore"], "region": ["A"]}))


def test_region_of():
    assert region_of(["SG", "RU", "US", None, "na", "sg"]).tolist() == [
        "ASEAN", "CIS", pd.NA, pd.NA, pd.NA, "ASEAN"]
    s = pd.Series(["IN", "PL"], index=["a", "b"])
    out = region_of(s)
    assert out.index.tolist() == ["a", "b"] and out.name == "region"
    assert str(out.dtype) == "string"
    assert region_of("MN").tolist() == ["East Asia"]
    assert region_of(["SG", "IN"], group="asean").tolist() == ["ASEAN", pd.NA]


def test_region_of_after_normalize_country():
    raw = pd.Series(["Singapore", "RUX", "P.R. China", "Republic of Korea", "KAZ"])
    codes = normalize_country(raw)["country"]
    assert region_of(codes).tolist() == ["ASEAN", "CIS", pd.NA, pd.NA, "Central Asia"]


def test_bri_matches_the_shared_list(shared_data):
    src = pd.read_csv(shared_data / "bri-countries" / "bri_countries_7regions.csv", dtype=str,
                      keep_default_na=False)
    bri = group("bri").set_index("iso2")
    assert set(src["iso2"]) == set(bri.index)
    for r in src.itertuples():
        assert bri.loc[r.iso2, "region"] == r.region_en
        assert bri.loc[r.iso2, "name_zh"] == r.country_zh
        assert bri.loc[r.iso2, "iso3"] == r.iso3


def test_bri_countries_in_ncses_groupings(shared_data):
    """Cross-check: the BRI countries among the countries NCSES table 1916 names."""
    df = pd.read_csv(shared_data / "ncses-uspto-aggregates" / "1916" / "data.csv", dtype=str,
                     keep_default_na=False)
    names = {v.strip() for c in df.columns if c.startswith("field_") for v in df[c]}
    codes = set(normalize_country(sorted(names))["country"].dropna())
    missing = set(group("bri")["iso2"]) - codes
    # NCSES 1916 names neither Palestine, the Maldives, Bhutan, Mongolia nor Turkmenistan
    assert missing == {"PS", "MV", "BT", "MN", "TM"}, missing
