"""Tests of patnet.geo.countries: country codes and names -> ISO 3166-1 alpha-2."""

from __future__ import annotations

import csv
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patnet.exceptions import PatnetInputError
from patnet.geo.countries import (
    METHODS,
    _key,
    _read_table,
    country_table,
    normalize_country,
    summarize_countries,
)

ISO2 = set(country_table()["iso2"])


def one(value, **kw):
    """(country, method, flag) of a single value."""
    row = normalize_country([value], **kw).iloc[0]
    country = None if pd.isna(row["country"]) else row["country"]
    return country, row["method"], bool(row["flag"])


# ---------------------------------------------------------------------------
# every case of the requirement
# ---------------------------------------------------------------------------

CASES = [
    # ISO codes
    ("JP", "JP", "iso2", False),
    ("jp", "JP", "iso2", False),
    (" de ", "DE", "iso2", False),
    ("J.P.", "JP", "iso2", False),
    ("JPN", "JP", "iso3", False),
    ("USA", "US", "iso3", False),
    ("U.S.A.", "US", "iso3", False),
    ("MEX", "MX", "iso3", False),          # alpha-3 wins over "ME" + suffix
    ("LUX", "LU", "iso3", False),
    ("392", "JP", "numeric", False),
    ("056", "BE", "numeric", False),
    # "NA" is Namibia, never missing
    ("NA", "NA", "iso2", False),
    ("na", "NA", "iso2", False),
    ("Namibia", "NA", "name", False),
    ("NAM", "NA", "iso3", False),
    # legacy codes
    ("JA", "JP", "legacy code", False),
    ("DT", "DE", "legacy code", False),
    ("SF", "FI", "legacy code", False),
    ("SW", "SE", "legacy code", False),
    ("EN", "GB", "legacy code", False),
    ("UK", "GB", "legacy code", False),
    ("OE", "AT", "legacy code", False),
    ("EI", "IE", "legacy code", False),
    ("TA", "TZ", "legacy code", True),     # uncertain: flagged
    ("CB", "CD", "legacy code", True),
    ("DL", "DE", "historic", True),        # pre-1978 code of East Germany
    # suffixed codes
    ("JPX", "JP", "suffixed code", False),
    ("TWX", "TW", "suffixed code", False),
    ("KRX", "KR", "suffixed code", False),
    ("CNX", "CN", "suffixed code", False),
    ("DEX", "DE", "suffixed code", False),
    ("GB2", "GB", "suffixed code", False),
    ("jp x", "JP", "suffixed code", False),
    ("JAX", "JP", "legacy code", False),
    ("EPX", None, "pseudo-code", True),
    ("TXX", None, "unknown", True),        # no suffix rule for US states
    ("QQX", None, "unknown", True),
    # US state codes in the country column
    ("TX", "US", "us state", True),
    ("NY", "US", "us state", True),
    ("DC", "US", "us state", True),
    ("CT", "US", "us state", True),        # also ISO 3166-3 Canton and Enderbury
    ("MI", "US", "us state", True),        # also ISO 3166-3 Midway Islands
    ("NH", "US", "us state", True),        # also ISO 3166-3 New Hebrides
    ("FL", "US", "us state", True),        # also pre-1978 Liechtenstein
    ("HI", "US", "us state", True),        # also pre-1978 Haiti
    ("KS", None, "ambiguous", True),       # Kansas or pre-1978 South Korea
    ("Texas", "US", "us state", True),
    ("New Jersey", "US", "us state", True),
    # state codes that are ISO country codes stay countries
    ("CA", "CA", "iso2", False),
    ("IN", "IN", "iso2", False),
    ("DE", "DE", "iso2", False),
    ("GA", "GA", "iso2", False),
    ("PA", "PA", "iso2", False),
    ("PR", "PR", "iso2", False),
    # historic codes without a date
    ("DD", "DE", "historic", True),
    ("SU", None, "historic", True),
    ("CS", None, "historic", True),
    ("YU", None, "historic", True),
    ("AN", None, "historic", True),
    ("BU", "MM", "historic", False),       # a rename: not flagged
    ("ZR", "CD", "historic", False),
    ("TP", "TL", "historic", False),
    ("YD", "YE", "historic", True),        # a merger
    ("SUN", None, "historic", True),
    ("USSR", None, "historic", True),
    ("Soviet Union", None, "historic", True),
    ("Czechoslovakia", None, "historic", True),
    ("Yugoslavia", None, "historic", True),
    ("East Germany", "DE", "historic", True),
    ("Zaire", "CD", "historic", False),
    # pseudo-codes
    ("EP", None, "pseudo-code", True),
    ("WO", None, "pseudo-code", True),
    ("XX", None, "pseudo-code", True),
    ("EA", None, "pseudo-code", True),
    ("EU", None, "pseudo-code", True),
    ("ZZ", None, "pseudo-code", True),
    ("Unknown", None, "pseudo-code", True),
    ("Kosovo", None, "pseudo-code", True),
    # empty values and placeholders
    ("", None, "empty", True),
    ("   ", None, "empty", True),
    (None, None, "empty", True),
    (float("nan"), None, "empty", True),
    (pd.NA, None, "empty", True),
    ("N/A", None, "empty", True),
    ("n/a", None, "empty", True),
    ("N.A.", None, "empty", True),
    ("#N/A", None, "empty", True),
    ("omitted", None, "empty", True),
    ("-", None, "empty", True),
    ("?", None, "empty", True),
    # names and variants
    ("P.R. China", "CN", "name", False),
    ("PR China", "CN", "name", False),
    ("People's Republic of China", "CN", "name", False),
    ("PRC", "CN", "name", False),
    ("China", "CN", "name", False),
    ("中国", "CN", "name", False),
    ("Republic of China", "TW", "name", False),
    ("Taiwan, Province of China", "TW", "name", False),
    ("Taiwan", "TW", "name", False),
    ("台湾", "TW", "name", False),
    ("Republic of Korea", "KR", "name", False),
    ("South Korea", "KR", "name", False),
    ("Korea, Republic of", "KR", "name", False),
    ("North Korea", "KP", "name", False),
    ("Korea", None, "ambiguous", True),
    ("Congo", None, "ambiguous", True),
    ("Democratic Republic of the Congo", "CD", "name", False),
    ("Republic of the Congo", "CG", "name", False),
    ("Holland", "NL", "name", False),
    ("The Netherlands", "NL", "name", False),
    ("Ivory Coast", "CI", "name", False),
    ("Côte d'Ivoire", "CI", "name", False),
    ("Cote d’Ivoire", "CI", "name", False),
    ("Macau", "MO", "name", False),
    ("Macao", "MO", "name", False),
    ("Hong Kong SAR", "HK", "name", False),
    ("Hong Kong", "HK", "name", False),
    ("Georgia", "GE", "name", False),
    ("Republic of Georgia", "GE", "name", False),
    ("Bahamas, The", "BS", "name", False),
    ("St. Lucia", "LC", "name", False),
    ("ST", "ST", "iso2", False),           # "St" -> "Saint" only before a name
    ("Bosnia & Herzegovina", "BA", "name", False),
    ("TÜRKİYE", "TR", "name", False),
    ("Virgin Islands", None, "ambiguous", True),
    ("Tokyo, Japan", None, "unknown", True),  # no fuzzy search
    ("Chinaa", None, "unknown", True),
    ("RC", None, "ambiguous", True),
]


@pytest.mark.parametrize(("value", "country", "method", "flag"), CASES,
                         ids=[repr(c[0]) for c in CASES])
def test_cases(value, country, method, flag):
    assert one(value) == (country, method, flag)


def test_output_shape_and_dtypes():
    s = pd.Series(["JP", "NA", None, "TX"], index=[10, 20, 30, 40], name="country_raw")
    out = normalize_country(s)
    assert list(out.columns) == ["value", "country", "method", "flag", "note"]
    assert out.index.tolist() == [10, 20, 30, 40]
    assert str(out["country"].dtype) == "string"
    assert str(out["method"].dtype) == "string"
    assert out["flag"].dtype == bool
    assert out["value"].tolist()[:2] == ["JP", "NA"]
    assert set(out["method"]) <= set(METHODS)
    assert out.attrs == {"fold_china": False, "successors": {}}


def test_string_dtype_input_keeps_namibia():
    s = pd.Series(["NA", pd.NA, "N/A"], dtype="string")
    out = normalize_country(s)
    assert out["country"].iloc[0] == "NA"
    assert out["method"].tolist() == ["iso2", "empty", "empty"]


def test_namibia_survives_a_careful_read(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("country\nNA\nJP\n\n", encoding="utf-8")
    df = pd.read_csv(p, dtype=str, keep_default_na=False)
    assert normalize_country(df["country"])["country"].tolist() == ["NA", "JP"]


def test_inputs_of_other_kinds():
    assert normalize_country("JP")["country"].tolist() == ["JP"]
    assert normalize_country(np.array(["DE", "FR"]))["country"].tolist() == ["DE", "FR"]
    assert normalize_country(pd.Index(["DE"]))["country"].tolist() == ["DE"]
    assert normalize_country(("DE", 392))["country"].tolist() == ["DE", "JP"]
    empty = normalize_country([])
    assert len(empty) == 0 and list(empty.columns) == ["value", "country", "method", "flag", "note"]


def test_dataframe_and_non_iterables_are_refused():
    with pytest.raises(PatnetInputError, match="one column"):
        normalize_country(pd.DataFrame({"a": ["JP"]}))
    with pytest.raises(PatnetInputError, match="cannot read countries"):
        normalize_country(3.5)
    with pytest.raises(PatnetInputError, match="fold_china"):
        normalize_country(["JP"], fold_china="yes")


def test_every_non_iso_value_has_a_note():
    out = normalize_country([c[0] for c in CASES])
    plain = out["method"].isin(["iso2", "iso3", "numeric", "name", "empty"])
    assert out.loc[~plain, "note"].notna().all()


# ---------------------------------------------------------------------------
# dates and historic countries
# ---------------------------------------------------------------------------

def test_dd_flag_depends_on_date():
    out = normalize_country(["DD", "DD", "DD"], date=["1985-06-01", "1995-06-01", None])
    assert out["country"].tolist() == ["DE", "DE", "DE"]
    assert out["flag"].tolist() == [True, False, True]
    assert "code used after that date" in out["note"].iloc[1]


def test_cs_by_date():
    out = normalize_country(["CS"] * 4, date=["1990-01-01", "1996-01-01", "2004-01-01", None])
    notes = out["note"].tolist()
    assert notes[0].startswith("Czechoslovakia (CSHH")
    assert notes[1].startswith("Czechoslovakia (CSHH") and "used after" in notes[1]
    assert notes[2].startswith("Serbia and Montenegro (CSXX")
    assert "pass date=" in notes[3]
    assert out["country"].isna().all() and out["flag"].all()


def test_cs_with_successors_by_entity():
    conv = {"CSHH": "CZ", "CSXX": "RS"}
    out = normalize_country(["CS", "CS", "CS"], date=[1990, 2004, None], successors=conv)
    assert out["country"].tolist()[:2] == ["CZ", "RS"]
    assert pd.isna(out["country"].iloc[2])  # no date: could be either
    assert out["flag"].all()
    same = normalize_country(["CS"], successors={"CSHH": "CZ", "CSXX": "CZ"})
    assert same["country"].tolist() == ["CZ"]


def test_yu_by_date_and_successors():
    out = normalize_country(["YU", "YU"], date=["1985-01-01", "1999-01-01"])
    assert "Socialist Federal Republic" in out["note"].iloc[0]
    assert "(BA, HR, ME, MK, RS, SI)" in out["note"].iloc[0]
    assert out["note"].iloc[1].startswith("Federal Republic of Yugoslavia")
    assert "(ME, RS)" in out["note"].iloc[1]
    conv = normalize_country(["YU", "Yugoslavia"], date="1999-01-01", successors={"YU": "RS"})
    assert conv["country"].tolist() == ["RS", "RS"]


def test_su_successors_convention():
    assert one("SU") == (None, "historic", True)
    assert one("SU", successors={"SU": "RU"}) == ("RU", "historic", True)
    assert one("USSR", successors={"su": "ru"}) == ("RU", "historic", True)
    out = normalize_country(["SU"], successors={"SU": "RU"})
    assert out.attrs["successors"] == {"SU": "RU"}


def test_successors_are_checked():
    with pytest.raises(PatnetInputError, match="not a historic country code"):
        normalize_country(["SU"], successors={"SV": "RU"})
    with pytest.raises(PatnetInputError, match="not an ISO 3166-1 alpha-2"):
        normalize_country(["SU"], successors={"SU": "Russia"})
    with pytest.raises(PatnetInputError, match="must be a dict"):
        normalize_country(["SU"], successors=[("SU", "RU")])


def test_date_kinds():
    for date in ("1985-01-01", 1985, np.int64(1985), pd.Timestamp("1985-01-01"),
                 np.datetime64("1985-01-01"), pd.Timestamp("1985-01-01", tz="UTC").to_pydatetime()):
        assert normalize_country(["DD"], date=date)["flag"].tolist() == [True], date
    years = pd.Series([1985, 1995])
    assert normalize_country(["DD", "DD"], date=years)["flag"].tolist() == [True, False]
    dates = pd.to_datetime(pd.Series(["1985-01-01", "1995-01-01"]))
    assert normalize_country(["DD", "DD"], date=dates)["flag"].tolist() == [True, False]
    assert normalize_country(["DD", "DD"], date=pd.DatetimeIndex(dates))["flag"].tolist() == [True, False]
    mixed = normalize_country(["DD", "DD", "DD"], date=[1995, "1985-02-03", float("nan")])
    assert mixed["flag"].tolist() == [False, True, True]


def test_date_errors():
    with pytest.raises(PatnetInputError, match="date has 1 values but there are 2"):
        normalize_country(["DD", "JP"], date=["1990-01-01"])
    with pytest.raises(PatnetInputError, match="date cannot be read") as err:
        normalize_country(["JP", "DD"], date=["1990-01-01", "not a date"])
    assert "Row 1" in str(err.value)
    with pytest.raises(PatnetInputError, match="different indexes"):
        normalize_country(pd.Series(["DD"], index=[5]), date=pd.Series(["1990"], index=[6]))
    with pytest.raises(PatnetInputError, match="not a DataFrame"):
        normalize_country(["DD"], date=pd.DataFrame({"d": ["1990"]}))


def test_date_is_only_read_where_needed():
    # dates of values that do not depend on them are not parsed
    out = normalize_country(["JP", "DD"], date=["garbage", "1995-01-01"])
    assert out["country"].tolist() == ["JP", "DE"]


# ---------------------------------------------------------------------------
# China
# ---------------------------------------------------------------------------

def test_hk_mo_tw_keep_their_codes_by_default():
    out = normalize_country(["HK", "MO", "TW", "CN", "Hong Kong, China"])
    assert out["country"].tolist() == ["HK", "MO", "TW", "CN", "HK"]


def test_fold_china():
    out = normalize_country(["HK", "Macau", "TWX", "CN", "JP", "Taiwan"], fold_china=True)
    assert out["country"].tolist() == ["CN", "CN", "CN", "CN", "JP", "CN"]
    assert out["method"].tolist()[:4] == ["folded into CN", "folded into CN", "folded into CN", "iso2"]
    assert out["note"].iloc[0] == "HK (iso2) folded into CN"
    assert out["note"].iloc[1] == "MO (name) folded into CN"
    assert not out["flag"].any()
    assert out.attrs["fold_china"] is True


# ---------------------------------------------------------------------------
# summary
# ---------------------------------------------------------------------------

def test_summarize_countries():
    res = normalize_country(["US", "US", "TX", "XX", "JP", None, None, None])
    summary = summarize_countries(res)
    assert summary["n"].sum() == len(res)
    assert summary["flag"].tolist() == [True, True, True, False, False]
    assert summary["method"].iloc[0] == "empty" and summary["n"].iloc[0] == 3
    with pytest.raises(PatnetInputError, match="not a normalize_country result"):
        summarize_countries(pd.DataFrame({"value": []}))


# ---------------------------------------------------------------------------
# the shipped tables
# ---------------------------------------------------------------------------

def test_country_table():
    t = country_table()
    assert len(t) == 249
    assert t["iso2"].is_unique and t["iso3"].is_unique and t["numeric"].is_unique
    assert t["iso2"].str.fullmatch("[A-Z]{2}").all()
    assert t["name_zh"].notna().all()
    t.loc[0, "name"] = "changed"
    assert country_table().loc[0, "name"] != "changed"


def test_every_iso_name_reads_as_its_code():
    t = country_table()
    for col in ("name", "official_name", "common_name", "name_zh"):
        sub = t[t[col].notna()]
        out = normalize_country(sub[col])
        ok = (out["country"] == sub["iso2"]).fillna(False)
        # the only exceptions are names that the aliases mark ambiguous ("Congo")
        assert set(sub.loc[~ok.to_numpy(), col]) <= {"Congo"}, col


def _aliases():
    return _read_table("country_aliases.csv")


def test_aliases_point_at_what_they_say():
    iso_keys = {_key(v) for r in _read_table("countries.csv") for v in (r["iso2"], r["iso3"])}
    hist = {r["code"] for r in _read_table("historic_countries.csv")}
    hist |= {r["alpha4"] for r in _read_table("historic_countries.csv")}
    for r in _aliases():
        kind, code = r["kind"], r["code"]
        if kind != "placeholder":
            assert _key(r["alias"]) not in iso_keys, r  # ISO codes always win
        country, method, flag = one(r["alias"])
        if kind in ("name", "legacy code"):
            assert code in ISO2 and (country, method) == (code, kind), r
        elif kind == "pseudo-code":
            assert (country, method, flag) == (None, "pseudo-code", True), r
        elif kind == "placeholder":
            assert (country, method) == (None, "empty"), r
        elif kind == "ambiguous":
            cands = code.split("|")
            assert len(cands) >= 2 and set(cands) <= ISO2, r
            assert (country, method, flag) == (None, "ambiguous", True), r
            assert ", ".join(cands) in normalize_country([r["alias"]])["note"].iloc[0]
        elif kind == "historic":
            assert code in hist and method == "historic", r
        else:
            pytest.fail(f"unknown kind in {r}")


def test_alias_keys_do_not_conflict():
    seen = {}
    for r in _aliases():
        k = (_key(r["alias"]) if r["kind"] != "placeholder" else r["alias"].casefold())
        target = (r["code"], r["kind"])
        assert seen.setdefault(k, target) == target, r


def test_us_state_table():
    states = _read_table("us_states.csv")
    assert len(states) == 51
    colliding = {r["code"] for r in states if r["iso_country"]}
    assert {"CA", "IN", "DE", "GA", "AL", "AR", "MO", "PA"} <= colliding
    assert "TX" not in colliding
    for r in states:
        country, method, _ = one(r["code"])
        if r["code"] == "KS":
            assert method == "ambiguous"
        elif r["iso_country"]:
            assert (country, method) == (r["code"], "iso2")
        else:
            assert (country, method) == ("US", "us state")


def test_historic_table():
    rows = _read_table("historic_countries.csv")
    assert {r["alpha4"] for r in rows} >= {"SUHH", "CSHH", "CSXX", "DDDE", "YUCS", "ANHH"}
    for r in rows:
        assert set(r["successors"].split()) <= ISO2
        assert r["kind"] in ("rename", "merger", "split")
        assert (len(r["successors"].split()) > 1) == (r["kind"] == "split")


def test_data_files_start_with_a_source_note():
    from importlib import resources
    for name in ("countries.csv", "country_aliases.csv", "historic_countries.csv",
                 "us_states.csv", "group_bri.csv"):
        text = resources.files("patnet.geo").joinpath("data", name).read_text(encoding="utf-8")
        assert text.startswith("# source: "), name


# ---------------------------------------------------------------------------
# real data
# ---------------------------------------------------------------------------

def _read(path, sep=","):
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False)


def test_uspto_grant_samples(shared_data):
    """Every country value of the 483 real grants maps or is flagged; which are flagged."""
    base = shared_data / "uspto-grant-samples"
    cols = []
    for f in sorted((base / "flat").glob("*.csv")):
        df = _read(f)
        cols += [df[c] for c in df.columns if c in ("country", "residence_country", "nationality")]
    cols.append(_read(base / "patentsview_format" / "g_location_not_disambiguated.tsv",
                      sep="\t")["raw_country"])
    values = pd.concat(cols, ignore_index=True)
    out = normalize_country(values)
    ok = out["country"].notna() & ~out["flag"]
    assert (ok | out["flag"]).all()
    flagged = summarize_countries(out[out["flag"]])
    # only missing-value markers are flagged: "omitted" (XML nationality), "N/A" (PPUBS), blanks
    assert set(flagged["value"]) == {"omitted", "N/A", ""}
    assert set(flagged["method"]) == {"empty"}
    assert set(out.loc[ok, "method"]) == {"iso2"}
    assert {"US", "JP", "KR", "DE", "TW", "CN", "HK", "IL", "IN"} <= set(out["country"].dropna())


def test_harvard_inventor_files(shared_data):
    base = shared_data / "harvard-invpat-samples"
    values = pd.concat([_read(base / f)["Country"] for f in ("invpat2.txt", "invpat.csv", "rjones.csv")],
                       ignore_index=True)
    out = normalize_country(values)
    assert set(out.loc[out["flag"], "method"]) == {"empty"}
    assert set(out.loc[~out["flag"], "method"]) == {"iso2"}


def test_bri_source_names_read_as_their_codes(shared_data):
    path = shared_data / "bri-countries" / "bri_countries_7regions.csv"
    df = _read(path)
    for col in ("country_en", "country_zh", "iso_official_name", "iso3", "iso_numeric"):
        out = normalize_country(df[col])
        assert out["country"].tolist() == df["iso2"].tolist(), col
        assert not out["flag"].any(), col


NCSES_AGGREGATES = {"All others", "EU", "Other Europe", "Former Soviet Union", "&#160;", ""}


def test_ncses_1916_country_names(shared_data):
    """Cross-check: every country named in NCSES table 1916 reads as one ISO code."""
    path = shared_data / "ncses-uspto-aggregates" / "1916" / "data.csv"
    df = _read(path)
    cols = [c for c in df.columns if c.startswith("field_")]
    cols += ["north_america_level_1", "north_america_level_2"]
    names = sorted({v.strip() for c in cols for v in df[c]} - {"&#160; -> &#160;"})
    names = [n for n in names if n not in NCSES_AGGREGATES]
    out = normalize_country(names)
    bad = out[out["flag"] | out["country"].isna()]
    assert bad.empty, bad[["value", "method"]].to_string()
    got = dict(zip(out["value"], out["country"], strict=True))
    assert got["Mainland China"] == "CN" and got["Macau"] == "MO" and got["Burma"] == "MM"
    assert got["Congo, Democratic Republic of the"] == "CD"
    assert got["Congo, Republic of the"] == "CG"
    assert got["Côte d’Ivoire"] == "CI" and got["Vatican City"] == "VA"
    assert got["Macedonia"] == "MK" and got["Gambia, The"] == "GM"
    # the aggregate rows are flagged, never mapped
    agg = normalize_country(["All others", "Other Europe", "EU", "Former Soviet Union"])
    assert agg["flag"].all() and agg["country"].isna().all()


# ---------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------

CODES = sorted(ISO2)
SOME_VALUES = [c[0] for c in CASES if isinstance(c[0], str)]
_letters = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdexyz0129 .-/", max_size=4)
values_strategy = st.lists(
    st.one_of(st.sampled_from(CODES), st.sampled_from(SOME_VALUES), _letters, st.text(max_size=12),
              st.none()),
    max_size=30,
)


@settings(deadline=None, max_examples=150)
@given(values_strategy)
def test_output_is_iso_or_missing(values):
    out = normalize_country(values)
    assert len(out) == len(values)
    assert set(out["country"].dropna()) <= ISO2
    assert set(out["method"]) <= set(METHODS)
    assert (out["flag"] | out["country"].notna()).all()  # a missing country is always flagged


@settings(deadline=None, max_examples=150)
@given(values_strategy, st.booleans())
def test_idempotent(values, fold):
    out = normalize_country(values, fold_china=fold)
    codes = out["country"].dropna()
    again = normalize_country(codes, fold_china=fold)
    assert again["country"].tolist() == codes.tolist()
    assert set(again["method"]) <= {"iso2"}
    assert not again["flag"].any()


@settings(deadline=None, max_examples=100)
@given(values_strategy, st.randoms(use_true_random=False))
def test_order_free(values, rnd):
    dates = [rnd.choice([None, "1985-01-01", "1999-06-01", "2005-01-01"]) for _ in values]
    out = normalize_country(values, date=dates)
    order = list(range(len(values)))
    rnd.shuffle(order)
    shuffled = normalize_country([values[i] for i in order], date=[dates[i] for i in order])
    for col in ("country", "method", "flag", "note"):
        a = out[col].iloc[order].tolist()
        b = shuffled[col].tolist()
        assert [None if pd.isna(x) else x for x in a] == [None if pd.isna(x) else x for x in b], col


@settings(deadline=None, max_examples=300)
@given(st.lists(st.text(), max_size=10))
def test_random_text_never_raises(values):
    out = normalize_country(values)
    assert len(out) == len(values)


def test_all_iso_codes_round_trip():
    out = normalize_country(CODES)
    assert out["country"].tolist() == CODES
    assert set(out["method"]) == {"iso2"}


def test_many_rows_cost_their_distinct_values():
    rng = random.Random(0)
    pool = ["US", "JPX", "N/A", "TX", "SU", "P.R. China", "NA", ""]
    values = [rng.choice(pool) for _ in range(200_000)]
    out = normalize_country(values, date="1995-01-01")
    assert len(out) == 200_000
    first = {v: i for i, v in reversed(list(enumerate(values)))}
    ref = normalize_country(list(first), date="1995-01-01")
    got = out.iloc[list(first.values())]
    assert got["country"].fillna("-").tolist() == ref["country"].fillna("-").tolist()


def test_alias_file_parses_as_csv():
    from importlib import resources
    text = resources.files("patnet.geo").joinpath("data", "country_aliases.csv").read_text("utf-8")
    rows = [ln for ln in text.splitlines() if not ln.startswith("# source")]
    header = next(csv.reader(rows[:1]))
    assert header == ["alias", "code", "kind", "note"]
