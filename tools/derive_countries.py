"""Derive the country tables of :mod:`patnet.geo` from ISO 3166 and the shared BRI list.

Run from the repository root::

    pip install pycountry            # only this script needs it; patnet does not
    python tools/derive_countries.py [--shared ../shared/data] [--out DIR]

Tables written to ``patnet/geo/data/`` (each starts with ``# source:`` lines;
the output is deterministic, so running the script twice gives the same bytes):

countries.csv
    ISO 3166-1: every current country code (alpha-2, alpha-3, numeric), the
    English short, official and common names, and a Chinese name (the iso-codes
    ``zh_CN`` translation). From pycountry, which packages Debian's iso-codes.
historic_countries.csv
    ISO 3166-3: codes withdrawn from ISO 3166-1 (USSR, Czechoslovakia, East
    Germany, Yugoslavia, Zaire, ...), with the dates and successors written
    below in :data:`HISTORIC` (facts curated for patnet; ISO 3166-3 itself only
    says whether there is one successor). Yugoslavia has two rows (the
    Socialist Federal Republic to 27 April 1992, then the Federal Republic,
    which kept the code until 2003) and ``CS`` has two (Czechoslovakia, then
    Serbia and Montenegro from 4 February 2003).
us_states.csv
    The US states and the District of Columbia with their postal codes, and
    whether the code is also an ISO 3166-1 country code (CA, IN, DE, GA, ...).
group_bri.csv
    The 65 Belt and Road partner countries of the seed study in its 7 regions,
    from ``bri-countries/bri_countries_7regions.csv`` in the shared data, with
    notes on the codes USPTO records use for them (:data:`USPTO_NOTES`).

``country_aliases.csv`` (names, legacy codes, pseudo-codes) is written by hand
and is not touched here; the script checks that every alias points at a code
that exists.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import io
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "patnet" / "geo" / "data"
DEFAULT_SHARED = REPO.parent / "shared" / "data"

#: ISO 3166-3 entities: alpha-4 -> (code as written, alpha-3, English name,
#: valid_from, valid_to, successors, kind). ``valid_to`` is the day the entity
#: ended (the date its code stopped describing a living state), not ISO's
#: withdrawal date; year-only events are written as 1 January. ``kind``:
#: "rename" (same territory under a new code), "merger" (absorbed into the
#: successor), "split" (several successors).
HISTORIC = [
    ("AIDJ", "AI", "AFI", "French Afars and Issas", "", "1977-06-27", "DJ", "rename"),
    ("ANHH", "AN", "ANT", "Netherlands Antilles", "", "2010-10-10", "AW BQ CW SX", "split"),
    ("BQAQ", "BQ", "ATB", "British Antarctic Territory", "", "1979-01-01", "AQ", "merger"),
    ("BUMM", "BU", "BUR", "Burma", "", "1989-06-18", "MM", "rename"),
    ("BYAA", "BY", "BYS", "Byelorussian SSR", "", "1991-08-25", "BY", "rename"),
    ("CSHH", "CS", "CSK", "Czechoslovakia", "", "1993-01-01", "CZ SK", "split"),
    ("CSXX", "CS", "SCG", "Serbia and Montenegro", "2003-02-04", "2006-06-03", "ME RS", "split"),
    ("CTKI", "CT", "CTE", "Canton and Enderbury Islands", "", "1979-07-12", "KI", "merger"),
    ("DDDE", "DD", "DDR", "German Democratic Republic", "", "1990-10-03", "DE", "merger"),
    ("DYBJ", "DY", "DHY", "Dahomey", "", "1975-11-30", "BJ", "rename"),
    ("FQHH", "FQ", "ATF", "French Southern and Antarctic Territories", "", "1979-01-01", "AQ TF",
     "split"),
    ("FXFR", "FX", "FXX", "France, Metropolitan", "", "1997-07-14", "FR", "rename"),
    ("GEHH", "GE", "GEL", "Gilbert and Ellice Islands", "", "1976-01-01", "KI TV", "split"),
    ("HVBF", "HV", "HVO", "Upper Volta", "", "1984-08-04", "BF", "rename"),
    ("JTUM", "JT", "JTN", "Johnston Island", "", "1986-01-01", "UM", "merger"),
    ("MIUM", "MI", "MID", "Midway Islands", "", "1986-01-01", "UM", "merger"),
    ("NHVU", "NH", "NHB", "New Hebrides", "", "1980-07-30", "VU", "rename"),
    ("NQAQ", "NQ", "ATN", "Dronning Maud Land", "", "1983-01-01", "AQ", "merger"),
    ("NTHH", "NT", "NTZ", "Neutral Zone", "", "1991-12-26", "IQ SA", "split"),
    ("PCHH", "PC", "PCI", "Pacific Islands (trust territory)", "", "1986-11-03", "FM MH MP PW",
     "split"),
    ("PUUM", "PU", "PUS", "US Miscellaneous Pacific Islands", "", "1986-01-01", "UM", "merger"),
    ("PZPA", "PZ", "PCZ", "Panama Canal Zone", "", "1979-10-01", "PA", "merger"),
    ("RHZW", "RH", "RHO", "Southern Rhodesia", "", "1980-04-18", "ZW", "rename"),
    ("SKIN", "SK", "SKM", "Sikkim", "", "1975-05-16", "IN", "merger"),
    ("SUHH", "SU", "SUN", "USSR", "", "1991-12-26",
     "AM AZ BY EE GE KG KZ LT LV MD RU TJ TM UA UZ", "split"),
    ("TPTL", "TP", "TMP", "East Timor", "", "2002-05-20", "TL", "rename"),
    ("VDVN", "VD", "VDR", "North Vietnam", "", "1976-07-02", "VN", "merger"),
    ("WKUM", "WK", "WAK", "Wake Island", "", "1986-01-01", "UM", "merger"),
    ("YDYE", "YD", "YMD", "South Yemen", "", "1990-05-22", "YE", "merger"),
    ("YUCS", "YU", "YUG", "Socialist Federal Republic of Yugoslavia", "", "1992-04-27",
     "BA HR ME MK RS SI", "split"),
    ("YUCS", "YU", "YUG", "Federal Republic of Yugoslavia", "1992-04-27", "2003-02-04", "ME RS",
     "split"),
    ("ZRCD", "ZR", "ZAR", "Zaire", "", "1997-05-17", "CD", "rename"),
]

#: Notes on the USPTO codes of BRI countries (group_bri.csv, column uspto_note).
_SOVIET = "records before 1992 may carry SU (USSR), which has no single successor"
_YUGO = "records before 1992 may carry YU (Yugoslavia)"
USPTO_NOTES = {
    "PS": "the seed study found no USPTO country code for Palestine and left it out",
    "RS": ("older records carry YU (Yugoslavia, to 2003) or CS (Serbia and Montenegro, "
           "2003-2006); the seed study found no USPTO code and left it out"),
    "ME": ("older records carry YU (Yugoslavia, to 2003) or CS (Serbia and Montenegro, "
           "2003-2006); the seed study found no USPTO code and left it out"),
    "CZ": "records before 1993 may carry CS (Czechoslovakia)",
    "SK": "records before 1993 may carry CS (Czechoslovakia)",
    "BA": _YUGO, "HR": _YUGO, "SI": _YUGO, "MK": _YUGO,
    "MM": "older records may carry BU (Burma)",
    "YE": "records before 1990 may carry YD (South Yemen)",
    **{c: _SOVIET for c in "AM AZ BY EE GE KG KZ LT LV MD RU TJ TM UA UZ".split()},
}

#: BRI regions in the order of the seed study (Chen, Figures 3-4).
BRI_REGIONS = ["East Asia", "ASEAN", "South Asia", "Central Asia", "West Asia", "CIS",
               "Central and Eastern Europe"]


def _write(path: Path, source_lines, header, rows) -> None:
    buf = io.StringIO()
    for line in source_lines:
        buf.write(f"# source: {line}\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {path} ({len(rows)} rows)")


def countries_rows():
    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        rows.append([c.alpha_2, c.alpha_3, c.numeric, c.name,
                     getattr(c, "official_name", ""), getattr(c, "common_name", ""),
                     zh.gettext(c.name) if zh.gettext(c.name) != c.name else ""])
    return rows


def historic_rows():
    known = {h.alpha_4: h for h in pycountry.historic_countries}
    rows = []
    for alpha4, code, alpha3, name, start, end, successors, kind in HISTORIC:
        iso = known[alpha4]  # every row must be an ISO 3166-3 entity
        assert iso.alpha_2 == code and iso.alpha_3 == alpha3, alpha4
        current = {c.alpha_2 for c in pycountry.countries}
        assert all(s in current for s in successors.split()), alpha4
        rows.append([code, alpha4, alpha3, name, start, end, successors, kind,
                     iso.name, getattr(iso, "withdrawal_date", "")])
    assert {r[1] for r in rows} == set(known), set(known) ^ {r[1] for r in rows}
    return rows


def us_state_rows():
    current = {c.alpha_2 for c in pycountry.countries}
    rows = []
    for s in sorted(pycountry.subdivisions.get(country_code="US"), key=lambda s: s.code):
        if s.type not in ("State", "District"):
            continue  # outlying areas (PR, GU, VI, AS, MP, UM) are ISO 3166-1 codes themselves
        code = s.code[3:]
        rows.append([code, s.name, code if code in current else ""])
    assert len(rows) == 51, len(rows)
    return rows


def bri_rows(shared: Path):
    src = shared / "bri-countries" / "bri_countries_7regions.csv"
    with open(src, encoding="utf-8", newline="") as fh:
        data = list(csv.DictReader(fh))
    current = {c.alpha_2: c for c in pycountry.countries}
    rows = []
    for region in BRI_REGIONS:
        for r in data:
            if r["region_en"] != region:
                continue
            iso = current[r["iso2"]]
            assert iso.alpha_3 == r["iso3"], r
            rows.append([r["iso2"], r["iso3"], r["country_en"], r["country_zh"], region,
                         r["region_zh"], USPTO_NOTES.get(r["iso2"], "")])
    assert len(rows) == 65 == len(data), len(rows)
    return rows


def check_aliases(out: Path):
    """Every alias points at an ISO code, a historic code or nothing (pseudo-codes)."""
    current = {c.alpha_2 for c in pycountry.countries}
    historic = {h[1] for h in HISTORIC} | {h[0] for h in HISTORIC}
    path = out / "country_aliases.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("# "):
        lines.pop(0)  # leading source notes; '#N/A' further down is data
    bad = []
    for r in csv.DictReader(lines):
        codes = [c for c in r["code"].split("|") if c]
        kind = r["kind"]
        if kind in ("pseudo-code", "placeholder"):
            ok = not codes
        elif kind == "historic":
            ok = len(codes) == 1 and codes[0] in historic
        elif kind == "ambiguous":
            ok = len(codes) >= 2 and all(c in current for c in codes)
        elif kind in ("name", "legacy code", "us state"):
            ok = len(codes) == 1 and codes[0] in current
        else:
            ok = False
        if not ok:
            bad.append(r)
    if bad:
        raise SystemExit(f"bad alias rows: {bad}")
    print(f"checked {path}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    ver = getattr(pycountry, "__version__", None)
    if ver is None:
        from importlib.metadata import version
        ver = version("pycountry")
    iso_note = (f"ISO 3166-1 as packaged by pycountry {ver} (data from Debian iso-codes); "
                "name_zh = the iso-codes zh_CN translation of the short name")
    _write(args.out / "countries.csv",
           [iso_note, "written by tools/derive_countries.py; facts only (codes and names)"],
           ["iso2", "iso3", "numeric", "name", "official_name", "common_name", "name_zh"],
           countries_rows())
    _write(args.out / "historic_countries.csv",
           [f"ISO 3166-3 (withdrawn country codes) as packaged by pycountry {ver}",
            "valid_from / valid_to / successors / kind written for patnet in "
            "tools/derive_countries.py (HISTORIC); valid_to is the day the entity ended; "
            "year-only events are given as 1 January",
            "kind: rename = same territory under a new code; merger = absorbed into the "
            "successor; split = several successors"],
           ["code", "alpha4", "alpha3", "name", "valid_from", "valid_to", "successors", "kind",
            "iso_name", "iso_withdrawal_date"],
           historic_rows())
    _write(args.out / "us_states.csv",
           [f"ISO 3166-2:US states and district as packaged by pycountry {ver}",
            "iso_country = the ISO 3166-1 country that has the same two-letter code, if any"],
           ["code", "name", "iso_country"],
           us_state_rows())
    _write(args.out / "group_bri.csv",
           ["the 65 Belt and Road partner countries (China excluded) in the 7 regions of "
            "Chen's study of Jiangsu-BRI patent cooperation (East Asia 1, ASEAN 10, South Asia 8, "
            "Central Asia 5, West Asia 18, CIS 7, Central and Eastern Europe 16)",
            "compiled list (shared data bri-countries/bri_countries_7regions.csv), cross-checked "
            "there against two public lists of the same 65 countries; published lists differ by "
            "a country or two (e.g. Egypt in Africa, Greece or Timor-Leste added or not): this "
            "one follows the classic 65 of the seed study",
            "uspto_note written for patnet (tools/derive_countries.py, USPTO_NOTES)"],
           ["iso2", "iso3", "name", "name_zh", "region", "region_zh", "uspto_note"],
           bri_rows(args.shared))
    if (args.out / "country_aliases.csv").exists():
        check_aliases(args.out)


if __name__ == "__main__":
    main()
