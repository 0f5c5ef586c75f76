"""Tests of :func:`patnet.geo.china.resolve_province`.

The labelled set ``tests/data/cn_city_labels.csv`` holds city strings of
Chinese (and Hong Kong / Macao / Taiwan) inventors with labels written from
geography; its ``test`` rows were held out while the rules were written.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patnet.exceptions import PatnetInputError
from patnet.geo import china
from patnet.geo.china import METHODS, PROVINCES, STATUSES, resolve_province

HERE = Path(__file__).resolve().parent
LABELS = HERE / "data" / "cn_city_labels.csv"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLES = SHARED / "data" / "uspto-grant-samples"
MAINLAND = set(PROVINCES) - {"CN-HK", "CN-MO", "CN-TW"}


def _labels() -> pd.DataFrame:
    return pd.read_csv(LABELS, dtype=str, keep_default_na=False, comment="#")


def _one(city, state=None, **kw):
    return resolve_province(city, state, **kw).iloc[0]


# --------------------------------------------------------------------------
# The cases named in the issue
# --------------------------------------------------------------------------

RESOLVED = [
    # pinyin with or without spaces / apostrophes, any case
    ("Beijing", "CN-BJ"), ("BeiJing", "CN-BJ"), ("Bei Jing", "CN-BJ"), ("BEIJING", "CN-BJ"),
    ("Zhang Jia Gang", "CN-JS"), ("ZhangJiaGang", "CN-JS"), ("ShenZhen", "CN-GD"),
    ("Shen Zhen", "CN-GD"), ("ShenZhen City", "CN-GD"), ("Xi'an", "CN-SN"), ("Xian", "CN-SN"),
    ("Xi An", "CN-SN"),
    # old spellings
    ("Peking", "CN-BJ"), ("Canton", "CN-GD"), ("Kwangtung", "CN-GD"), ("Nanking", "CN-JS"),
    ("Tientsin", "CN-TJ"), ("Chungking", "CN-CQ"), ("Sian", "CN-SN"), ("Tsingtao", "CN-SD"),
    ("Amoy", "CN-FJ"),
    # provinces written in the city field
    ("Guangdong", "CN-GD"), ("Jiangsu Province", "CN-JS"), ("Guandong", "CN-GD"),
    ("Shaanxi", "CN-SN"),
    # districts and towns
    ("Haidian District", "CN-BJ"), ("Haidian District, Beijing", "CN-BJ"),
    ("Pudong New Area", "CN-SH"), ("Pudong", "CN-SH"), ("Songgang Town", "CN-GD"),
    ("Nanshan District, Shenzhen", "CN-GD"), ("Chang'an Town, Dongguan", "CN-GD"),
    ("Zhangjiang", "CN-SH"), ("Suzhou Industrial Park", "CN-JS"),
    # county-level cities
    ("Kunshan", "CN-JS"), ("Ruian", "CN-ZJ"), ("Cixi", "CN-ZJ"), ("Yuyao", "CN-ZJ"),
    ("Zhangjiagang", "CN-JS"), ("Changshu", "CN-JS"), ("Jiangyin", "CN-JS"),
    # combined strings
    ("Kunshan Suzhou", "CN-JS"), ("Hangzhou Zhejiang", "CN-ZJ"), ("Suzhou, Jiangsu", "CN-JS"),
    ("Taizhou, Zhejiang", "CN-ZJ"), ("Fuzhou, Fujian", "CN-FJ"), ("Gulou District, Nanjing", "CN-JS"),
    ("Chaoyang District, Beijing", "CN-BJ"), ("Xian, Shanxi", "CN-SN"),
    # typos
    ("Bejing", "CN-BJ"), ("Shangai", "CN-SH"), ("Shenzen", "CN-GD"), ("Kunsan", "CN-JS"),
    ("Shangahi", "CN-SH"), ("Hangzou", "CN-ZJ"), ("Gaungzhou", "CN-GD"), ("Nanjin", "CN-JS"),
    # big cities beat villages and small counties of the same name
    ("Shenzhen", "CN-GD"), ("Shanghai", "CN-SH"), ("Hangzhou", "CN-ZJ"), ("Nanjing", "CN-JS"),
    ("Wuxi", "CN-JS"), ("Jinan", "CN-SD"), ("Chongqing", "CN-CQ"), ("Chengdu", "CN-SC"),
    ("Wuhan", "CN-HB"), ("Hefei", "CN-AH"), ("Qingdao", "CN-SD"), ("Dalian", "CN-LN"),
    ("Shenyang", "CN-LN"), ("Harbin", "CN-HL"), ("Changchun", "CN-JL"), ("Taiyuan", "CN-SX"),
    ("Kunming", "CN-YN"), ("Xiamen", "CN-FJ"), ("Guangzhou", "CN-GD"), ("Dongguan", "CN-GD"),
    ("Foshan", "CN-GD"), ("Ningbo", "CN-ZJ"), ("Wenzhou", "CN-ZJ"), ("Tianjin", "CN-TJ"),
    # Chinese characters, simplified and traditional
    ("北京", "CN-BJ"), ("深圳市", "CN-GD"), ("蘇州", "CN-JS"), ("廣州", "CN-GD"),
    ("江苏省苏州市昆山市", "CN-JS"), ("宿州", "CN-AH"),
]


@pytest.mark.parametrize(("city", "province"), RESOLVED)
def test_named_cases_resolve(city, province):
    row = _one(city)
    assert row["status"] == "resolved", (city, row.to_dict())
    assert row["province"] == province
    assert row["candidates"] == ""


AMBIGUOUS = [
    ("Suzhou", {"CN-JS", "CN-AH"}), ("Taizhou", {"CN-JS", "CN-ZJ"}), ("Fuzhou", {"CN-FJ", "CN-JX"}),
    ("Yichun", {"CN-JX", "CN-HL"}), ("Yulin", {"CN-GX", "CN-SN"}),
    ("Chaoyang", {"CN-BJ", "CN-LN", "CN-JL"}), ("Gulou", {"CN-JS", "CN-FJ"}),
    ("Shanxi", {"CN-SX", "CN-SN"}), ("Suzhou City", {"CN-JS", "CN-AH"}),
    ("Tongzhou", {"CN-BJ", "CN-JS"}), ("Chaoyang District", {"CN-BJ", "CN-JL"}),
]


@pytest.mark.parametrize(("city", "must"), AMBIGUOUS)
def test_shared_names_are_ambiguous(city, must):
    row = _one(city)
    assert row["status"] == "ambiguous"
    assert pd.isna(row["province"])
    cands = row["candidates"].split("|")
    assert must <= set(cands)
    assert set(cands) <= set(PROVINCES)
    assert len(cands) == len(set(cands))


def test_candidates_in_order_of_likelihood():
    assert _one("Suzhou")["candidates"].split("|")[0] == "CN-JS"
    assert _one("Chaoyang")["candidates"].split("|")[0] == "CN-BJ"


@pytest.mark.parametrize(("city", "state", "province"), [
    ("Suzhou", "Jiangsu", "CN-JS"), ("Suzhou", "Anhui", "CN-AH"), ("Taizhou", "Zhejiang", "CN-ZJ"),
    ("Taizhou", "Jiangsu", "CN-JS"), ("Fuzhou", "Fujian", "CN-FJ"), ("Yulin", "Shaanxi", "CN-SN"),
    ("Yichun", "Heilongjiang", "CN-HL"), ("Suzhou", "JS", "CN-JS"), ("Suzhou", "CN-AH", "CN-AH"),
    ("Suzhou", "江苏", "CN-JS"), ("", "Guangdong", "CN-GD"), ("Tianjin", "N/A", "CN-TJ"),
])
def test_state_settles(city, state, province):
    row = _one(city, state)
    assert (row["status"], row["province"]) == ("resolved", province)


@pytest.mark.parametrize(("city", "state", "country"), [
    ("Hong Kong", None, "HK"), ("Kowloon", None, "HK"), ("Shatin", None, "HK"),
    ("Sha Tin", None, "HK"), ("Tsuen Wan", None, "HK"), ("Hsinchu", None, "TW"),
    ("Taipei", None, "TW"), ("Taipei Hsien", None, "TW"), ("Tu-Cheng", None, "TW"),
    ("Macau", None, "MO"), ("香港", None, "HK"), ("臺北市", None, "TW"),
    ("Central", "Hong Kong", "HK"), ("Anything", "Taiwan", "TW"), ("", "HK", "HK"),
])
def test_hong_kong_macao_taiwan_are_not_china(city, state, country):
    row = _one(city, state)
    assert row["status"] == "not_china"
    assert pd.isna(row["province"])
    assert row["country"] == country


def test_country_argument():
    out = resolve_province(["Beijing", "Beijing", "Beijing", "Beijing"],
                           country=["CN", "China", "US", "HK"])
    assert out["status"].tolist() == ["resolved", "resolved", "not_china", "not_china"]
    assert out["method"].tolist()[2:] == ["country", "country"]
    assert out["country"].tolist() == ["CN", "CN", "US", "HK"]
    assert _one("Shenzhen", country="P.R. China")["province"] == "CN-GD"


@pytest.mark.parametrize("city", ["", "N/A", "China", "P.R. China", "PRC", "Unknown", "518057"])
def test_nothing_to_resolve(city):
    row = _one(city)
    assert row["status"] == "unresolved"
    assert row["method"] == "none"
    assert pd.isna(row["province"])


def test_contradicting_fields_are_ambiguous():
    row = _one("Beijing", "Taiwan")
    assert row["status"] == "ambiguous"
    assert set(row["candidates"].split("|")) == {"CN-BJ", "CN-TW"}


def test_street_names_are_not_places():
    assert _one("Zhongshan Road")["status"] == "unresolved"
    assert _one("No. 1 Zhongshan Road, Nanjing")["province"] == "CN-JS"
    assert _one("Beijing East Road, Shanghai")["province"] == "CN-SH"


def test_address_settles_or_stands_in():
    assert _one("Suzhou", address="88 Xinghu Street, Suzhou Industrial Park")["province"] == "CN-JS"
    assert _one("", address="Nanshan District, Shenzhen")["province"] == "CN-GD"


@pytest.mark.parametrize(("city", "method"), [
    ("Peking", "exact_city"), ("Shanghai", "exact_city"), ("Kunshan", "county_level"),
    ("Haidian District", "district"), ("Songgang Town", "town"), ("Guangdong", "province_name"),
    ("深圳", "chinese_characters"), ("Guandong", "fuzzy_spelling"), ("Kunshan Suzhou", "county_level"),
])
def test_methods(city, method):
    assert _one(city)["method"] == method


def test_state_method():
    row = _one("", "Jiangsu")
    assert (row["province"], row["method"]) == ("CN-JS", "state")


# --------------------------------------------------------------------------
# Overrides
# --------------------------------------------------------------------------

def test_packaged_overrides_table_reads():
    table = pd.read_csv(china._DATA / "cn_overrides.csv", dtype=str, keep_default_na=False,
                        comment="#")
    assert list(table.columns) == ["city", "state", "province", "status", "note"]
    china._read_override_table(table, "cn_overrides.csv")


def test_user_overrides(tmp_path):
    table = pd.DataFrame({
        "city": ["Suzhou", "Gulou", "Foo Town", "Tai Ping"],
        "state": ["", "", "", ""],
        "province": ["CN-JS", "", "CN-HN", "CN-TW"],
        "status": ["", "unresolved", "resolved", ""],
    })
    out = resolve_province(["suzhou ", "Gulou", "Foo  Town", "Tai Ping", "Fuzhou"], overrides=table)
    assert out["province"].tolist()[:3] == ["CN-JS", pd.NA, "CN-HN"]
    assert out["status"].tolist() == ["resolved", "unresolved", "resolved", "not_china", "ambiguous"]
    assert out["method"].tolist()[:4] == ["user_override"] * 4
    path = tmp_path / "ov.csv"
    table.to_csv(path, index=False)
    assert resolve_province("Suzhou", overrides=path).loc[0, "province"] == "CN-JS"
    assert resolve_province("Suzhou", overrides={"Suzhou": "CN-AH"}).loc[0, "province"] == "CN-AH"
    # an override with a state applies only with that state
    by_state = pd.DataFrame({"city": ["Taizhou"], "state": ["Zhejiang"], "province": ["CN-ZJ"]})
    out = resolve_province(["Taizhou", "Taizhou"], ["Zhejiang", ""], overrides=by_state)
    assert out["method"].tolist() == ["user_override", "exact_city"]


@pytest.mark.parametrize("bad", [
    pd.DataFrame({"city": ["X"], "province": ["CN-XX"]}),
    pd.DataFrame({"city": ["X"], "province": ["CN-JS"], "status": ["maybe"]}),
    pd.DataFrame({"city": ["X"], "province": [""], "status": ["resolved"]}),
    pd.DataFrame({"town": ["X"]}),
    42,
])
def test_bad_overrides_raise(bad):
    with pytest.raises(PatnetInputError):
        resolve_province("Beijing", overrides=bad)


# --------------------------------------------------------------------------
# Inputs and output
# --------------------------------------------------------------------------

def test_output_columns_index_and_dtypes():
    cities = pd.Series(["Beijing", None, "Suzhou", np.nan, "Kowloon"], index=[10, 11, 12, 13, 14])
    out = resolve_province(cities)
    assert list(out.columns) == ["city", "province", "status", "method", "candidates", "country"]
    assert out.index.tolist() == [10, 11, 12, 13, 14]
    assert all(str(t) == "string" for t in out.dtypes)
    assert out["status"].tolist() == ["resolved", "unresolved", "ambiguous", "unresolved", "not_china"]
    assert resolve_province([]).shape == (0, 6)
    assert len(resolve_province(np.array(["Beijing", "Shanghai"]))) == 2
    assert resolve_province(("Beijing",), state="Beijing").loc[0, "province"] == "CN-BJ"


def test_scalar_state_applies_to_every_row():
    out = resolve_province(["Suzhou", "Taizhou"], state="Jiangsu")
    assert out["province"].tolist() == ["CN-JS", "CN-JS"]


def test_lengths_must_match():
    with pytest.raises(PatnetInputError):
        resolve_province(["Beijing", "Shanghai"], state=["Beijing"])
    with pytest.raises(PatnetInputError):
        resolve_province("Beijing", state=["a", "b"])
    with pytest.raises(PatnetInputError):
        resolve_province(None)
    with pytest.raises(PatnetInputError):
        resolve_province(pd.DataFrame({"a": ["x"]}))


def test_many_rows_resolve_each_distinct_string_once():
    lab = _labels()
    rng = np.random.default_rng(1)
    cities = rng.choice(lab["city"].to_numpy(dtype=object), size=200_000)
    out = resolve_province(pd.Series(cities))
    small = resolve_province(lab["city"]).set_index("city")
    small = small[~small.index.duplicated()]
    expect = small.loc[cities, "status"].to_numpy()
    assert (out["status"].to_numpy() == expect).all()


# --------------------------------------------------------------------------
# Measured on the labelled set
# --------------------------------------------------------------------------

def _metrics(lab: pd.DataFrame) -> dict:
    out = resolve_province(lab["city"], lab["state"])
    out.index = lab.index
    known = lab["expected_status"] == "resolved"
    right = known & (out["status"] == "resolved") & (out["province"] == lab["expected_province"])
    wrong = known & (out["status"] == "resolved") & (out["province"] != lab["expected_province"])
    amb = lab["expected_status"] == "ambiguous"
    nc = lab["expected_status"] == "not_china"
    # a string that is not mainland China (or is ambiguous) resolved to a province is a wrong answer too
    guessed = (~known) & (out["status"] == "resolved")
    return {
        "known": int(known.sum()),
        "correct": right.sum() / known.sum(),
        "wrong": wrong.sum() / known.sum(),
        "ambiguous": int(amb.sum()),
        "ambiguous_kept": (out["status"][amb] == "ambiguous").mean(),
        "not_china": (out["status"][nc] == "not_china").mean(),
        "guessed": int(guessed.sum()),
    }


def test_labelled_set_is_large_and_honestly_split():
    lab = _labels()
    assert len(lab) >= 400
    assert (lab["expected_status"] == "ambiguous").sum() >= 40
    assert set(lab["split"]) == {"dev", "test"}
    assert set(lab["expected_status"]) <= set(STATUSES)
    assert set(lab.loc[lab["expected_status"] == "resolved", "expected_province"]) <= MAINLAND
    assert not lab.duplicated(["city", "state"]).any()


@pytest.mark.parametrize("split", ["dev", "test", "all"])
def test_target_metrics(split):
    lab = _labels()
    if split != "all":
        lab = lab[lab["split"] == split]
    m = _metrics(lab)
    assert m["correct"] >= 0.97, m
    assert m["wrong"] <= 0.005, m
    assert m["ambiguous_kept"] >= 0.80, m
    assert m["not_china"] >= 0.95, m


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

_LAB_CITIES = _labels()["city"].tolist()
_city_text = st.one_of(
    st.sampled_from(_LAB_CITIES),
    st.text(max_size=30),
    st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz '-,ZSHX")), max_size=25),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=8),
)
_state_text = st.one_of(st.none(), st.sampled_from(["", "Jiangsu", "Zhejiang", "HK", "Taiwan", "N/A"]),
                        st.text(max_size=10))


def _check_ranges(out: pd.DataFrame):
    assert set(out["status"]) <= set(STATUSES)
    assert set(out["method"]) <= set(METHODS)
    prov = out["province"].dropna()
    assert set(prov) <= set(PROVINCES)
    assert set(prov) <= MAINLAND
    assert (out["status"] == "resolved").eq(out["province"].notna()).all()
    for cands, status in zip(out["candidates"], out["status"]):
        if status == "ambiguous":
            parts = cands.split("|")
            assert len(parts) >= 2 and set(parts) <= set(PROVINCES)
        else:
            assert cands == ""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_city_text, _state_text), min_size=1, max_size=12))
def test_properties(rows):
    cities = [c for c, _ in rows]
    states = [s for _, s in rows]
    out = resolve_province(cities, states)
    _check_ranges(out)
    # resolving again gives the same answer
    again = resolve_province(cities, states)
    pd.testing.assert_frame_equal(out, again)
    # and so does resolving the echoed city column
    echo = resolve_province(out["city"], states)
    assert echo["status"].tolist() == out["status"].tolist()
    # unchanged by row order
    order = np.random.default_rng(len(rows)).permutation(len(rows))
    shuffled = resolve_province([cities[i] for i in order], [states[i] for i in order])
    pd.testing.assert_frame_equal(shuffled.reset_index(drop=True),
                                  out.iloc[order].reset_index(drop=True))


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()))
def test_arbitrary_unicode_never_raises(city, state, address):
    out = resolve_province(city, state, address)
    assert len(out) == 1
    _check_ranges(out)


# --------------------------------------------------------------------------
# Package data
# --------------------------------------------------------------------------

def test_package_data_is_small_and_documented():
    data = china._DATA
    size = sum(p.stat().st_size for p in data.glob("cn_*"))
    assert size < 1.5e6
    source = (data / "cn_gazetteer.SOURCE.txt").read_text(encoding="utf-8")
    assert "GeoNames" in source and "CC BY 4.0" in source and "MIT" in source
    with gzip.open(data / "cn_gazetteer.csv.gz", "rt", encoding="utf-8") as fh:
        head = fh.readline().strip()
    assert head == "key,script,province,rank,utype,weight,code,name"


# --------------------------------------------------------------------------
# Real data (../shared beside the repository)
# --------------------------------------------------------------------------

def _need_shared():
    if not SAMPLES.is_dir():
        pytest.skip(f"real USPTO samples not found: {SAMPLES} (../shared sits beside the repository)")


def test_real_grants_chinese_inventors():
    """Every inventor coded CN (or HK / TW) on the 483 real grants."""
    _need_shared()
    inv = pd.read_csv(SAMPLES / "flat" / "inventors.csv", dtype=str, keep_default_na=False)
    cn = inv[inv["country"] == "CN"]
    assert len(cn) > 0
    out = resolve_province(cn["city"], cn["state"])
    expected = {"Beijing": "CN-BJ", "Shanghai": "CN-SH", "Shenzhen": "CN-GD", "Ningbo": "CN-ZJ",
                "Kunsan": "CN-JS"}
    for city, row in zip(cn["city"], out.itertuples()):
        if city == "Hong Kong":  # Hong Kong inventors coded CN
            assert row.status == "not_china"
        else:
            assert (row.status, row.province) == ("resolved", expected[city]), city
    # Taiwan inventors: their city strings alone say Taiwan
    tw = inv[inv["country"] == "TW"]
    assert (resolve_province(tw["city"], tw["state"])["status"] == "not_china").all()
    # and with the country given, every non-CN row is not China
    other = inv[inv["country"] != "CN"]
    out = resolve_province(other["city"], other["state"], country=other["country"])
    assert (out["status"] == "not_china").all()


def test_real_grants_patentsview_layout_and_ppubs():
    _need_shared()
    loc = pd.read_csv(SAMPLES / "patentsview_format" / "g_location_not_disambiguated.tsv",
                      sep="\t", dtype=str, keep_default_na=False)
    cn = loc[loc["raw_country"] == "CN"]
    out = resolve_province(cn["raw_city"], cn["raw_state"])
    got = dict(zip(cn["raw_city"], zip(out["status"], out["province"])))
    assert got["Huizhou, Guangdong"] == ("resolved", "CN-GD")
    assert got["Hong Kong"][0] == "not_china"
    pp = pd.read_csv(SAMPLES / "flat" / "ppubs_inventors.csv", dtype=str, keep_default_na=False)
    pcn = pp[pp["country"] == "CN"]
    out = resolve_province(pcn["city"], pcn["state"])
    assert set(out["province"]) == {"CN-TJ", "CN-JS"}


def test_casa0010_prefecture_names():
    """The prefecture names of the CASA0010 aggregate: never resolved to a wrong province."""
    path = SHARED / "data" / "casa0010-cn-prefecture-inventor-counts" / "China_final.csv"
    if not path.is_file():
        pytest.skip(f"CASA0010 aggregate not found: {path}")
    casa = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    names = casa["city"].str.replace(r"\d+$", "", regex=True)
    iso = {"11": "BJ", "12": "TJ", "13": "HE", "14": "SX", "15": "NM", "21": "LN", "22": "JL",
           "23": "HL", "31": "SH", "32": "JS", "33": "ZJ", "34": "AH", "35": "FJ", "36": "JX",
           "37": "SD", "41": "HA", "42": "HB", "43": "HN", "44": "GD", "45": "GX", "46": "HI",
           "50": "CQ", "51": "SC", "52": "GZ", "53": "YN", "54": "XZ", "61": "SN", "62": "GS",
           "63": "QH", "64": "NX", "65": "XJ", "71": "TW", "81": "HK", "82": "MO"}
    expected = "CN-" + casa["city_code"].str[:2].map(iso)
    out = resolve_province(names)
    resolved = out["status"] == "resolved"
    assert resolved.mean() > 0.85
    wrong = resolved & (out["province"] != expected.to_numpy())
    # "Hainan" (the Tibetan prefecture of Qinghai) reads as the province
    assert set(names[wrong.to_numpy()]) <= {"Hainan"}
    # those that are not resolved are shared names, with the right province among the candidates
    amb = out["status"] == "ambiguous"
    for cands, exp in zip(out["candidates"][amb], expected[amb.to_numpy()]):
        assert exp in cands.split("|")


def test_derivation_rebuilds_the_package_table(tmp_path):
    """tools/derive_cn_gazetteer.py gives the packaged bytes again."""
    if not (SHARED / "data" / "china-gazetteer").is_dir():
        pytest.skip("china-gazetteer reference data not found beside the repository")
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "derive_cn_gazetteer", Path(__file__).resolve().parents[1] / "tools" / "derive_cn_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--shared", str(SHARED / "data"), "--out", str(tmp_path)]) == 0
    for name in ("cn_gazetteer.csv.gz", "cn_gazetteer.t2s.csv", "cn_gazetteer.SOURCE.txt"):
        assert (tmp_path / name).read_bytes() == (china._DATA / name).read_bytes(), name
