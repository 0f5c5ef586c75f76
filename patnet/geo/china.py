"""The Chinese province of an inventor's or applicant's city string.

:func:`resolve_province` reads city strings as they occur in patent records
("ShenZhen", "Zhang Jia Gang", "Xi'an", "Haidian District, Beijing",
"Kunshan Suzhou", "Peking", "深圳市", "蘇州") and returns the province as an
ISO 3166-2:CN code, with a status, the rule that matched, and the candidate
provinces when a name is shared by places in different provinces.

The gazetteer
-------------
patnet's own table (``patnet/geo/data/cn_gazetteer.csv.gz``, written by
``tools/derive_cn_gazetteer.py``; sources and licences in
``cn_gazetteer.SOURCE.txt``) holds the provinces, the prefecture-level and
county-level units of the national statistics division codes with their
Chinese names and pinyin, GeoNames' other spellings of them (Wade-Giles,
postal, English, traditional characters) and its populated places below
county level, well-known towns and parks, and the names of places in Hong
Kong, Macao and Taiwan. Every entry has a *rank*:

====  ===================================================================
rank  entries
====  ===================================================================
0     provinces (and Hong Kong, Macao, Taiwan)
1     prefecture-level cities, municipalities, prefectures, with their
      postal and Wade-Giles names ("Peking", "Canton", "Amoy")
2     county-level units: county-level cities, counties, urban districts
2.5   well-known towns, subdistricts and parks ("Songgang", "Humen",
      "Zhangjiang", "Suzhou Industrial Park", "Shatin", "Tu-Cheng")
2.7   other names of a city or county-level unit from GeoNames (historic
      names, other romanisations, common misspellings such as "Shenzen")
3     other populated places (GeoNames, population 500 or more)
====  ===================================================================

and a *weight*: how likely a Chinese inventor's city string is to mean that
place (USPTO inventors per prefecture, shared out to its units by type and
population; see the source note). Weights order candidates and say whether
a better-ranked place is also the more likely one; they never choose
between two places of the same rank.

Reading a string
----------------
Latin text is folded (accents and apostrophes dropped, case ignored,
``camelCase`` split), cut into words, and matched longest-first against the
gazetteer, so that "Zhang Jia Gang", "ZhangJiaGang" and "Zhangjiagang", or
"Xi'an", "Xi An" and "Xian", are the same key. A word that says what kind of
place precedes it ("District", "Qu", "City", "Shi", "County", "Town",
"Zhen", "Province", ...) keeps only the places of that kind when there are
any. A name followed by a street word ("Zhongshan Road", "Beijing Lu") is a
street, not a place. Chinese characters are converted to simplified ones and
matched longest-first in the same way ("江苏省苏州市昆山市" gives three
names). Six-digit postcodes are read too.

Rules, in the order they apply
------------------------------
1. **User override.** A row of the overrides table (the packaged
   ``cn_overrides.csv`` plus the ``overrides`` argument) whose city (and
   state, when it gives one) equals the input, compared without case and
   extra spaces, decides. ``method="user_override"``.
2. **Not China by the caller.** A ``country`` other than China (``"HK"``,
   ``"TW"``, ``"US"``, ...) gives ``status="not_china"``, ``method="country"``.
3. **Names in the city string.** Every name found in the city string is a
   set of candidate places. A name with a place of rank below 3 is *strong*
   (its rank-3 namesakes are then dropped), a name of rank-3 places only is
   *weak*. The provinces of all strong names, of the ``state`` field
   and of a postcode are intersected: "Kunshan Suzhou" is Jiangsu because
   Kunshan is only in Jiangsu; "Suzhou, Anhui" is Anhui; "Taizhou" with
   state "Zhejiang" is Zhejiang. If they contradict each other ("Shenzhen,
   Jiangsu") the string is ``ambiguous`` with all their provinces as
   candidates. Weak names (towns and villages from GeoNames) are used only
   when the string has no strong name, so that a village never overrules a
   city or a district.
4. **Deciding among the remaining places.** If they lie in one province,
   that province. Otherwise, if the best-ranked places lie in two or more
   provinces (Suzhou 苏州/宿州, Taizhou 泰州/台州, Fuzhou, Yichun, Yulin, the
   districts Gulou and Nanshan, "Shanxi" for 山西/陕西) the string is
   ``ambiguous``. If the best-ranked places lie in one province and that
   province is also at least as likely as all the others together (half
   the weight of the candidates; among rank-3 places only: 90 %), it is
   chosen: "Wuxi" is the city in Jiangsu, not the county 巫溪 in Chongqing;
   "Nanjing" is not the county 南靖 in Fujian; "Yongkang" is the city in
   Zhejiang, not the district of Tainan. Otherwise the string is
   ``ambiguous`` ("Chaoyang": a prefecture in Liaoning, but much more
   likely the district of Beijing or of Changchun; "Xixiang": a county in
   Shaanxi or a subdistrict of Shenzhen). Candidates are listed by weight,
   most likely first.
5. **Settling an ambiguous city.** When the city string is ambiguous, the
   provinces named in ``address`` settle it if they can ("Suzhou" with an
   address in Suzhou Industrial Park), and so do misspelt words of the city
   string corrected as in rule 7.
6. **Address instead of city.** When the city string names no strong place,
   the ``address`` is read like a city string.
7. **Fuzzy spelling.** Words left unmatched ("Guandong", "Shangahi",
   "Gaungzhou", "Chongquing") are compared with the official names of
   provinces, cities and county-level units and with the names of places in
   Hong Kong, Macao and Taiwan (towns are too many to correct towards):
   first by a sound key (zh/z, ch/c, sh/s, ng/n), then by edit distance
   (one edit, transpositions included, for words of 5-7 letters, two from 8
   letters on; none below 5 or above 24). The corrected names go through
   rules 3 and 4 (with the state), ``method="fuzzy_spelling"``.
8. **State alone.** With no strong or corrected name in the city, a
   province named in ``state`` decides (``method="state"``); a weak name
   of the city inside that province gives ``method="town"``.
9. **Villages.** A city string with weak names only is decided among them
   by rule 4 (``method="town"``), unless its word is a misspelling of a
   city at least ten times as likely as those villages ("Nanjin": Nanjing,
   not a village of Chongqing; ``method="fuzzy_spelling"``).
10. Otherwise ``status="unresolved"``, ``method="none"``.

Hong Kong, Macao and Taiwan are places of their own in patnet. A string
resolved to one of them ("Kowloon", "Shatin", "Hsinchu", "Taipei Hsien", or
state "Hong Kong") gets ``status="not_china"``, ``province`` missing and
``country`` ``"HK"``, ``"MO"`` or ``"TW"``; USPTO records often code Hong
Kong inventors as CN. ``province`` only ever holds one of the 31 mainland
codes; ``candidates`` may list ``CN-HK``, ``CN-MO`` or ``CN-TW`` when one
reading of an ambiguous name lies there.

The ``method`` of a resolved row names the most specific place that matched:
``exact_city`` (prefecture-level city or municipality, incl. old spellings
such as "Peking"), ``county_level`` (county-level city or county),
``district``, ``town`` (town, subdistrict, park, village),
``province_name`` (only a province is named), ``chinese_characters`` (the
string was read in Chinese characters), ``fuzzy_spelling``, ``state``,
``user_override``, ``country``; ``none`` when nothing matched.
"""

from __future__ import annotations

import csv
import functools
import gzip
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import PatnetInputError

__all__ = ["resolve_province", "province_table", "PROVINCES", "STATUSES", "METHODS"]

_DATA = Path(__file__).resolve().parent / "data"

#: The 34 ISO 3166-2:CN codes (31 mainland provinces, Hong Kong, Macao, Taiwan).
PROVINCES = (
    "CN-AH", "CN-BJ", "CN-CQ", "CN-FJ", "CN-GD", "CN-GS", "CN-GX", "CN-GZ", "CN-HA",
    "CN-HB", "CN-HE", "CN-HI", "CN-HK", "CN-HL", "CN-HN", "CN-JL", "CN-JS", "CN-JX",
    "CN-LN", "CN-MO", "CN-NM", "CN-NX", "CN-QH", "CN-SC", "CN-SD", "CN-SH", "CN-SN",
    "CN-SX", "CN-TJ", "CN-TW", "CN-XJ", "CN-XZ", "CN-YN", "CN-ZJ",
)
#: Values of the ``status`` column.
STATUSES = ("resolved", "ambiguous", "unresolved", "not_china")
#: Values of the ``method`` column.
METHODS = (
    "user_override", "exact_city", "county_level", "district", "town", "province_name",
    "chinese_characters", "fuzzy_spelling", "state", "country", "none",
)

_OUTSIDE = frozenset({"HK", "MO", "TW"})
_SUFFIXES = frozenset(code[3:] for code in PROVINCES)

#: Share of the candidates' weight the best-ranked province needs to be chosen.
_DOMINANCE = 0.5
_DOMINANCE_TOWNS = 0.9

_UTYPE_METHOD = {
    "province": "province_name", "city": "exact_city", "county": "county_level",
    "district": "district", "town": "town",
}
_SPECIFICITY = {"province": 0, "city": 1, "county": 2, "district": 2, "town": 3}

# --------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------

_APOS_RE = re.compile("['\u2019\u2018`\u00b4\u02bc\u02bb\u2032]")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TOKEN_RE = re.compile(r"[a-z]+|[0-9]+")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _latin_tokens(text: str) -> list[str]:
    """Lower-case ASCII words and digit runs of ``text`` (accents, apostrophes dropped).

    >>> _latin_tokens("Xi'an, ShenZhen Nanshan-District 518057")
    ['xian', 'shen', 'zhen', 'nanshan', 'district', '518057']
    """
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = _APOS_RE.sub("", t)
    t = _CAMEL_RE.sub(" ", t)
    return _TOKEN_RE.findall(t.lower())


def _to_simplified_with(text: str, table: Mapping[str, str]) -> str:
    return "".join(table.get(c, c) for c in text)


# Words that say what kind of place the name before them is.
_MARKERS = {
    "province": "province", "prov": "province", "sheng": "province",
    "city": "city", "shi": "city", "municipality": "city",
    "district": "district", "dist": "district", "qu": "district", "xinqu": "district",
    "county": "county", "xian": "county", "hsien": "county",
    "town": "town", "township": "town", "zhen": "town", "jiedao": "town",
    "subdistrict": "town", "village": "town", "cun": "town",
}
_MARKER_KEEP = {
    "province": {"province"},
    "city": {"city", "county"},
    "district": {"district", "town"},
    "county": {"county", "city"},  # a Taiwanese county (hsien) is prefecture-level
    "town": {"town"},
}
# Words after a name that make it a street name.
_STREET = frozenset({
    "road", "rd", "street", "st", "avenue", "ave", "av", "lu", "jie", "dajie", "dadao",
    "boulevard", "blvd", "lane", "ln", "alley", "hutong",
})
_DIRECTION = frozenset({
    "east", "west", "north", "south", "middle", "mid", "e", "w", "n", "s",
    "dong", "xi", "nan", "bei", "zhong", "first", "second", "third", "1st", "2nd", "3rd",
})
# Words that carry no place information (never corrected by fuzzy matching).
_GENERIC = frozenset({
    "china", "chn", "prc", "pr", "p", "r", "c", "peoples", "people", "republic", "of", "the",
    "and", "in", "at", "hi", "tech", "high", "technology", "technological", "industrial",
    "industry", "park", "development", "economic", "zone", "area", "new", "free", "trade",
    "science", "scientific", "region", "autonomous", "prefecture", "special", "administrative",
    "sar", "floor", "fl", "room", "rm", "building", "bldg", "no", "number", "unit", "apt",
    "apartment", "block", "office", "box", "po", "mail", "company", "co", "ltd", "inc",
    "corp", "corporation", "group", "university", "univ", "institute", "inst", "college",
    "school", "hospital", "lab", "laboratory", "center", "centre", "base", "province",
    "city", "district", "county", "town", "township", "village", "street", "road",
    "avenue", "lane", "mainland", "zhongguo", "na", "n", "a", "none", "unknown", "other",
    "east", "west", "north", "south", "central", "middle", "upper", "lower", "tower",
    "plaza", "square", "garden", "gardens", "estate", "kaifaqu", "gaoxin",
    "jingji", "jishu", "chanye", "yuanqu", "yuan", "hao", "lou", "shi", "qu", "xian",
    "zhen", "sheng", "cun", "jiedao", "shequ", "xiaoqu", "dasha", "international",
})

# Chinese words after a name that make it a street or an organisation's name.
_HANZI_STREET = ("路", "大道", "大街", "巷", "弄", "胡同")


def _phonetic(key: str) -> str:
    """Sound key for typo matching: zh/z, ch/c, sh/s and ng/n fall together."""
    return key.replace("zh", "z").replace("ch", "c").replace("sh", "s").replace("ng", "n")


def _osa(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (edits incl. transpositions), capped at limit + 1."""
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    prev2 = None
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        best = cur[0]
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if (prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2]
                    and a[i - 2] == b[j - 1]):
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[lb]


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        nxt = set()
        for w in frontier:
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1:])
        out |= nxt
        frontier = nxt
    return out


# --------------------------------------------------------------------------
# The gazetteer
# --------------------------------------------------------------------------

class _Gazetteer:
    __slots__ = ("latin", "hanzi", "t2s", "hanzi_maxlen", "max_tokens")

    def __init__(self, latin, hanzi, t2s):
        self.latin = latin
        self.hanzi = hanzi
        self.t2s = t2s
        self.hanzi_maxlen = max(len(k) for k in hanzi)
        self.max_tokens = 6


@functools.lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    with gzip.open(_DATA / "cn_gazetteer.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        assert header == ["key", "script", "province", "rank", "utype", "weight", "code", "name"]
        latin: dict[str, list] = defaultdict(list)
        hanzi: dict[str, list] = defaultdict(list)
        for key, script, prov, rank, utype, weight, code, _name in reader:
            entry = (prov, float(rank), utype, float(weight), code)
            (latin if script == "l" else hanzi)[key].append(entry)
    with open(_DATA / "cn_gazetteer.t2s.csv", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        t2s = {t: s for t, s in reader}
    return _Gazetteer(
        {k: tuple(v) for k, v in latin.items()},
        {k: tuple(v) for k, v in hanzi.items()},
        t2s,
    )


@functools.lru_cache(maxsize=1)
def _fuzzy_index():
    gaz = _gazetteer()
    deletes: dict[str, set] = defaultdict(set)
    sounds: dict[str, set] = defaultdict(set)
    for key, entries in gaz.latin.items():
        # official names of provinces, cities and county-level units, and the names of
        # places in Hong Kong, Macao and Taiwan: towns are too many to correct towards
        if len(key) < 5 or not any(e[1] <= 2 or (e[0] in _OUTSIDE and e[1] < 3) for e in entries):
            continue
        for d in _deletes(key, 2 if len(key) >= 8 else 1):
            deletes[d].add(key)
        sounds[_phonetic(key)].add(key)
    return deletes, sounds


def _fuzzy_keys(word: str) -> list[str]:
    """Gazetteer keys that ``word`` is a likely misspelling of (best first)."""
    if len(word) < 5 or len(word) > 24:
        return []
    gaz = _gazetteer()
    deletes, sounds = _fuzzy_index()
    same_sound = sorted(k for k in sounds.get(_phonetic(word), ()) if k != word)
    if same_sound:
        return same_sound
    limit = 2 if len(word) >= 8 else 1
    found = set()
    for d in _deletes(word, limit):
        found |= deletes.get(d, set())
    best, keys = limit + 1, []
    for k in sorted(found):
        allowed = 2 if min(len(k), len(word)) >= 8 else 1
        dist = _osa(word, k, allowed)
        if dist > allowed or k not in gaz.latin:
            continue
        if dist < best:
            best, keys = dist, [k]
        elif dist == best:
            keys.append(k)
    return keys


# --------------------------------------------------------------------------
# Reading one field
# --------------------------------------------------------------------------

class _Span:
    """One name found in a field: its candidate places."""

    __slots__ = ("entries", "source", "strong", "key")

    def __init__(self, entries, source, key=""):
        self.strong = min(e[1] for e in entries) < 3
        if self.strong:
            # a city, county or district of this name: villages of the same name do not count
            entries = tuple(e for e in entries if e[1] < 3)
        self.entries = entries
        self.source = source  # "latin", "hanzi", "fuzzy", "state"
        self.key = key

    def provinces(self):
        return {e[0] for e in self.entries}


def _filter_marker(entries, marker):
    if marker is None:
        return entries
    keep = _MARKER_KEEP[marker]
    sub = tuple(e for e in entries if e[2] in keep)
    return sub or entries


def _read_latin(text: str, gaz: _Gazetteer):
    toks = _latin_tokens(text)
    spans, leftovers, postcodes = [], [], []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t.isdigit():
            if len(t) == 6:
                postcodes.append(t)
            i += 1
            continue
        hit = None
        for j in range(min(n, i + gaz.max_tokens), i, -1):
            key = "".join(toks[i:j])  # keys are letters only: spans with digits never match
            if key in gaz.latin:
                hit = (j, key)
                break
        if hit is None:
            if t not in _GENERIC and t not in _MARKERS:
                leftovers.append((i, t))
            i += 1
            continue
        j, key = hit
        # a street named after a place: "Zhongshan Road", "Beijing East Road"
        k = j
        while k < n and toks[k] in _DIRECTION:
            k += 1
        if k < n and toks[k] in _STREET:
            i = k + 1
            continue
        marker = None
        k = j
        while k < n and toks[k] in _MARKERS:
            marker = marker or _MARKERS[toks[k]]
            k += 1
        spans.append(_Span(_filter_marker(gaz.latin[key], marker), "latin", key))
        i = k
    return spans, leftovers, toks, postcodes


def _read_hanzi(text: str, gaz: _Gazetteer):
    spans = []
    simple = _to_simplified_with(unicodedata.normalize("NFKC", text), gaz.t2s)
    for run in _CJK_RE.findall(simple):
        i, n = 0, len(run)
        while i < n:
            hit = None
            for L in range(min(gaz.hanzi_maxlen, n - i), 1, -1):
                if run[i:i + L] in gaz.hanzi:
                    hit = L
                    break
            if hit is None:
                i += 1
                continue
            rest = run[i + hit:]
            if rest.startswith(_HANZI_STREET) or (rest.startswith("街") and not rest.startswith("街道")):
                i += hit
                continue
            spans.append(_Span(gaz.hanzi[run[i:i + hit]], "hanzi"))
            i += hit
    return spans


class _Reading:
    __slots__ = ("spans", "leftovers", "tokens", "postcodes")

    def __init__(self, text: str, gaz: _Gazetteer):
        self.spans, self.leftovers, self.tokens, self.postcodes = [], [], [], []
        if not text:
            return
        if _CJK_RE.search(text):
            self.spans.extend(_read_hanzi(text, gaz))
        spans, self.leftovers, self.tokens, self.postcodes = _read_latin(text, gaz)
        self.spans.extend(spans)


# GB/T postcodes: first two digits -> province
_POSTCODE = {}
for _codes, _prov in (
    (("10",), "BJ"), (("20",), "SH"), (("30",), "TJ"), (("40",), "CQ"), (("01", "02"), "NM"),
    (("03", "04"), "SX"), (("05", "06", "07"), "HE"), (("11", "12"), "LN"), (("13",), "JL"),
    (("15", "16"), "HL"), (("21", "22"), "JS"), (("23", "24"), "AH"),
    (("25", "26", "27"), "SD"), (("31", "32"), "ZJ"), (("33", "34"), "JX"), (("35", "36"), "FJ"),
    (("41", "42"), "HN"), (("43", "44"), "HB"), (("45", "46", "47"), "HA"), (("51", "52"), "GD"),
    (("53", "54"), "GX"), (("55", "56"), "GZ"), (("57",), "HI"), (("61", "62", "63", "64"), "SC"),
    (("65", "66", "67"), "YN"), (("71", "72"), "SN"), (("73", "74"), "GS"), (("75",), "NX"),
    (("81",), "QH"), (("83", "84"), "XJ"), (("85",), "XZ"),
):
    for _c in _codes:
        _POSTCODE[_c] = _prov


# --------------------------------------------------------------------------
# Deciding
# --------------------------------------------------------------------------

def _decide(entries):
    """(status, province or None, candidates ordered by weight) for one pool of places."""
    weight: dict[str, float] = defaultdict(float)
    rank: dict[str, float] = {}
    for prov, r, _u, w, _c in entries:
        weight[prov] += w
        rank[prov] = min(rank.get(prov, 9.0), r)
    order = sorted(weight, key=lambda p: (-weight[p], rank[p], p))
    if len(order) == 1:
        return "resolved", order[0], order
    best = min(rank.values())
    top = [p for p in order if rank[p] == best]
    if len(top) == 1:
        share = weight[top[0]] / sum(weight.values())
        need = _DOMINANCE_TOWNS if best >= 3 else _DOMINANCE
        if share >= need:
            return "resolved", top[0], order
    return "ambiguous", None, order


def _method_for(spans, prov):
    """The rule that found ``prov``: the most specific of the best-ranked names in it."""
    sources = set()
    best = None
    for s in spans:
        mine = [e for e in s.entries if e[0] == prov]
        if not mine:
            continue
        sources.add(s.source)
        top = min(e[1] for e in mine)
        utypes = {e[2] for e in mine if e[1] == top}
        if utypes == {"province"} and any(e[2] == "city" and e[1] <= 1 for e in mine):
            utypes = {"city"}  # a municipality
        spec, utype = max((_SPECIFICITY[u], u) for u in utypes)
        if best is None or spec > best[0]:
            best = (spec, utype)
    if "fuzzy" in sources:
        return "fuzzy_spelling"
    if "hanzi" in sources and "latin" not in sources:
        return "chinese_characters"
    if best is None:
        return "state"
    if sources == {"state"}:
        return "state"
    return _UTYPE_METHOD[best[1]]


def _combine(spans, extra=()):
    """Decide on spans whose provinces must agree; ``extra`` are province sets that may settle."""
    sets = [s.provinces() for s in spans]
    inter = set.intersection(*sets) if sets else set()
    if not inter:
        # contradicting names: every province named is a candidate
        pool = [e for s in spans for e in s.entries]
        weight = defaultdict(float)
        for e in pool:
            weight[e[0]] += e[3]
        order = sorted(weight, key=lambda p: (-weight[p], p))
        return "ambiguous", None, order, spans
    for x in extra:
        if inter & x:
            inter = inter & x
    pool = [e for s in spans for e in s.entries if e[0] in inter]
    status, prov, order = _decide(pool)
    return status, prov, order, spans


def _state_reading(state: str, gaz: _Gazetteer):
    """Spans of the state field (province names, ISO codes, Hong Kong/Taiwan names)."""
    if not state:
        return []
    raw = state.strip().upper()
    if raw.startswith("CN-"):
        raw = raw[3:]
    if raw in _SUFFIXES:
        return [_Span(((raw, 0.0, "province", 1.0, raw),), "state")]
    r = _Reading(state, gaz)
    out = []
    for s in r.spans:
        if s.strong:
            out.append(_Span(s.entries, "state"))
    return out


_CHINA_WORDS = frozenset({
    "", "cn", "chn", "china", "prc", "prchina", "peoplesrepublicofchina",
    "thepeoplesrepublicofchina", "mainlandchina", "chinamainland", "zhongguo",
})
_COUNTRY_OUTSIDE = {
    "hk": "HK", "hkg": "HK", "hongkong": "HK", "hongkongsar": "HK", "hongkongchina": "HK",
    "mo": "MO", "mac": "MO", "macau": "MO", "macao": "MO", "macaosar": "MO", "macausar": "MO",
    "tw": "TW", "twn": "TW", "taiwan": "TW", "roc": "TW", "taiwanroc": "TW",
    "republicofchina": "TW", "chinesetaipei": "TW",
}


def _country_outside(country: str):
    """None when the country is China or not given, else (code or None) of the other country."""
    if not country:
        return None
    if _CJK_RE.search(country):
        if "中国" in country or "中華人民" in country or "中华人民" in country:
            return None
        for word, code in (("香港", "HK"), ("澳门", "MO"), ("澳門", "MO"), ("台湾", "TW"),
                           ("臺灣", "TW"), ("台灣", "TW")):
            if word in country:
                return (code,)
        return (None,)
    key = "".join(_latin_tokens(country))
    if key in _CHINA_WORDS:
        return None
    if key in _COUNTRY_OUTSIDE:
        return (_COUNTRY_OUTSIDE[key],)
    if len(key) == 2 and key.isalpha():
        return (key.upper(),)
    return (None,)


def _finish(status, prov, order, method):
    """Turn a decision into the output tuple (province, status, method, candidates, country)."""
    if status == "resolved":
        if prov in _OUTSIDE:
            return (None, "not_china", method, (), prov)
        return ("CN-" + prov, "resolved", method, (), "CN")
    if status == "ambiguous":
        if all(p in _OUTSIDE for p in order):
            return (None, "not_china", method, (), order[0] if len(order) == 1 else None)
        country = None if any(p in _OUTSIDE for p in order) else "CN"
        return (None, "ambiguous", method, tuple("CN-" + p for p in order), country)
    return (None, "unresolved", "none", (), None)


def _fuzzy_spans(reading: _Reading, gaz: _Gazetteer):
    """Spans for misspelt words among the leftovers (longest runs of adjacent words first)."""
    spans = []
    left = reading.leftovers
    used = set()
    for size in (3, 2, 1):
        for a in range(len(left) - size + 1):
            run = left[a:a + size]
            idx = [p for p, _ in run]
            if any(p in used for p in idx) or idx != list(range(idx[0], idx[0] + size)):
                continue
            word = "".join(t for _, t in run)
            keys = _fuzzy_keys(word)
            if not keys:
                continue
            entries = tuple(e for k in keys for e in gaz.latin[k])
            entries = tuple(e for e in entries if e[1] <= 2 or (e[0] in _OUTSIDE and e[1] < 3))
            if entries:
                spans.append(_Span(entries, "fuzzy"))
                used.update(idx)
    return spans


@functools.lru_cache(maxsize=1 << 18)
def _resolve_core(city: str, state: str, address: str, country: str):
    outside = _country_outside(country)
    if outside is not None:
        return (None, "not_china", "country", (), outside[0])
    gaz = _gazetteer()
    cr = _Reading(city, gaz)
    state_spans = _state_reading(state, gaz)
    extra = []
    for pc in cr.postcodes:
        p = _POSTCODE.get(pc[:2])
        if p:
            extra.append({p})
    strong = [s for s in cr.spans if s.strong]
    weak = [s for s in cr.spans if not s.strong]

    if strong:
        status, prov, order, used = _combine(strong + state_spans, extra)
        if status == "ambiguous" and address:
            ar = _Reading(address, gaz)
            a_strong = [s for s in ar.spans if s.strong]
            if a_strong:
                st2, p2, o2, u2 = _combine(strong + state_spans + a_strong, extra)
                if st2 == "resolved":
                    return _finish(st2, p2, o2, _method_for(strong, p2))
        if status == "ambiguous" and cr.leftovers:
            fz = _fuzzy_spans(cr, gaz)
            if fz:
                st2, p2, o2, u2 = _combine(strong + state_spans + fz, extra)
                if st2 == "resolved":
                    return _finish(st2, p2, o2, _method_for(strong + fz, p2))
        return _finish(status, prov, order, _method_for(strong + state_spans, prov or order[0]))

    if address:
        ar = _Reading(address, gaz)
        a_strong = [s for s in ar.spans if s.strong]
        if a_strong:
            status, prov, order, used = _combine(a_strong + state_spans, extra)
            return _finish(status, prov, order, _method_for(a_strong, prov or order[0]))

    # fuzzy spelling of the words left over
    if cr.leftovers:
        fz = _fuzzy_spans(cr, gaz)
        if fz:
            status, prov, order, used = _combine(fz + state_spans, extra)
            return _finish(status, prov, order, "fuzzy_spelling")

    if state_spans:
        if weak:
            sp = set.intersection(*[s.provinces() for s in state_spans])
            kept = [tuple(e for e in s.entries if e[0] in sp) for s in weak]
            ws = [_Span(entries, "latin") for entries in kept if entries]
            if ws:
                status, prov, order, used = _combine(ws)
                if status == "resolved":
                    return _finish(status, prov, order, "town")
        status, prov, order, used = _combine(state_spans)
        return _finish(status, prov, order, "state")

    if weak:
        # a village whose name is a misspelling of a city ("Nanjin"): the city, when it is
        # at least ten times as likely as the villages
        wsum = sum(e[3] for s in weak for e in s.entries)
        fz = []
        for s in weak:
            keys = [k for k in _fuzzy_keys(s.key) if k != s.key] if s.key else []
            entries = tuple(e for k in keys for e in gaz.latin[k]
                            if e[1] <= 2 or (e[0] in _OUTSIDE and e[1] < 3))
            if entries:
                fz.append(_Span(entries, "fuzzy"))
        if fz and 0.1 * sum(e[3] for s in fz for e in s.entries) >= wsum:
            status, prov, order, used = _combine(fz, extra)
            return _finish(status, prov, order, "fuzzy_spelling")
        status, prov, order, used = _combine(weak, extra)
        return _finish(status, prov, order, _method_for(weak, prov or order[0]))
    return _finish("unresolved", None, [], "none")


# --------------------------------------------------------------------------
# Overrides
# --------------------------------------------------------------------------

_OVERRIDE_COLUMNS = ("city", "state", "province", "status", "note")


def _norm_override(text) -> str:
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return " ".join(str(text).split()).casefold()


def _read_override_table(table, source: str) -> dict:
    """{(city, state): (province, status)} from a DataFrame with the override columns."""
    out = {}
    if "city" not in table.columns or "province" not in table.columns:
        raise PatnetInputError(
            "an overrides table needs the columns 'city' and 'province' ('state', 'status', "
            "'note' are optional)", file=source, value=list(table.columns))
    for i, row in enumerate(table.to_dict("records")):
        city = _norm_override(row.get("city"))
        if not city:
            continue
        state = _norm_override(row.get("state"))
        prov = _norm_override(row.get("province")).upper()
        status = _norm_override(row.get("status")) or ("resolved" if prov else "unresolved")
        if prov and prov not in PROVINCES:
            raise PatnetInputError(
                "unknown province code in overrides", file=source, line=i + 2, column="province",
                value=row.get("province"), hint=f"use one of {', '.join(PROVINCES)}")
        if status not in STATUSES:
            raise PatnetInputError(
                "unknown status in overrides", file=source, line=i + 2, column="status",
                value=row.get("status"), hint=f"use one of {', '.join(STATUSES)}")
        if status == "resolved" and (not prov or prov in ("CN-HK", "CN-MO", "CN-TW")):
            if prov in ("CN-HK", "CN-MO", "CN-TW"):
                status = "not_china"
            else:
                raise PatnetInputError(
                    "an override with status 'resolved' needs a province", file=source,
                    line=i + 2, column="province", value=row.get("city"))
        out[(city, state)] = (prov or None, status)
    return out


@functools.lru_cache(maxsize=1)
def _packaged_overrides() -> dict:
    path = _DATA / "cn_overrides.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    return _read_override_table(table, str(path))


def _user_overrides(overrides) -> dict:
    if overrides is None:
        return {}
    if isinstance(overrides, pd.DataFrame):
        return _read_override_table(overrides, "overrides")
    if isinstance(overrides, (str, PathLike)):
        table = pd.read_csv(overrides, dtype=str, keep_default_na=False, comment="#")
        return _read_override_table(table, str(overrides))
    if isinstance(overrides, Mapping):
        table = pd.DataFrame({"city": list(overrides.keys()), "province": list(overrides.values())})
        return _read_override_table(table, "overrides")
    raise PatnetInputError(
        "overrides must be a DataFrame, a path to a CSV file or a mapping {city: province}",
        value=type(overrides).__name__)


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------

def _column(values, name: str):
    """(object array of str with "" for missing, index or None, was_scalar) for one input."""
    if values is None:
        return None, None, True
    if isinstance(values, pd.DataFrame):
        raise PatnetInputError(f"{name} must be a scalar or a one-dimensional array, not a DataFrame")
    if isinstance(values, bytes):
        values = values.decode("utf-8", "replace")
    if isinstance(values, str) or np.ndim(values) == 0:
        return np.array([_text(values)], dtype=object), None, True
    index = values.index if isinstance(values, pd.Series) else None
    ser = pd.Series(np.asarray(values, dtype=object) if not isinstance(values, pd.Series)
                    else values.to_numpy(dtype=object), dtype=object)
    if ser.ndim != 1:
        raise PatnetInputError(f"{name} must be one-dimensional")
    is_str = ser.map(type).eq(str).to_numpy() if len(ser) else np.zeros(0, dtype=bool)
    arr = ser.to_numpy(dtype=object)
    if not is_str.all():
        arr = arr.copy()
        for i in np.flatnonzero(~is_str):
            arr[i] = _text(arr[i])
    return arr, index, False


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _distinct_codes(code_columns):
    """Codes of the distinct rows of equal-length integer code columns (from 0, in order of
    first appearance), and the first row of each code."""
    codes = None
    for c in code_columns:
        c = np.asarray(c, dtype=np.int64)
        if codes is None:
            codes, _ = pd.factorize(c)
        else:
            codes, _ = pd.factorize(codes * (int(c.max()) + 1) + c)
        codes = codes.astype(np.int64)
    assert codes is not None  # callers pass at least one column
    _u, first = np.unique(codes, return_index=True)
    return codes, first


def _column_codes(values, name: str):
    """One input as (codes, uniques, index, was_scalar), or None when not given.

    ``uniques`` is an object array of ``str`` (``""`` for missing values) and
    ``uniques[codes]`` equals the ``_column`` reading of the input. A text
    Series (``string`` dtype) is factorised natively, without turning every
    row into a Python object; missing values may then get a code of their own
    next to that of an empty string (both read as ``""``).
    """
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.StringDtype) and values.ndim == 1:
        codes, uniq = pd.factorize(values, use_na_sentinel=True)
        uniques = np.empty(len(uniq) + 1, dtype=object)
        uniques[:-1] = list(uniq)
        uniques[-1] = ""
        codes = np.where(codes < 0, len(uniq), codes).astype(np.int64)
        return codes, uniques, values.index, False
    arr, index, scalar = _column(values, name)
    if arr is None:
        return None
    codes, uniq = pd.factorize(arr)
    uniques = np.empty(len(uniq), dtype=object)
    uniques[:] = list(uniq)
    return np.asarray(codes, dtype=np.int64), uniques, index, scalar


def resolve_province(city, state=None, address=None, *, country=None, overrides=None):
    """Resolve Chinese city strings to provinces (ISO 3166-2:CN).

    The rules, in the order they apply, are described in the module
    docstring (:mod:`patnet.geo.china`). Each distinct (city, state,
    address, country) combination is resolved once and mapped back, so
    millions of rows with tens of thousands of distinct strings are fast.

    Parameters
    ----------
    city : str or array-like of str
        City as written in the source (Latin letters in any spelling or
        Chinese characters). Missing values count as empty strings.
    state : str or array-like of str, optional
        State / province field. Settles shared names ("Suzhou" with state
        "Jiangsu") and marks Hong Kong, Macao and Taiwan. A scalar applies to
        every row; an array must have one value per city (matched by position).
    address : str or array-like of str, optional
        Street address, read like a city string when the city names no
        place, and used to settle an ambiguous city.
    country : str or array-like of str, optional
        Country of the record. Empty, ``"CN"``, ``"CHN"`` or ``"China"``
        mean China; any other value (``"HK"``, ``"TW"``, ``"US"``) gives
        ``status="not_china"``.
    overrides : DataFrame, path or mapping, optional
        Extra override rows with columns ``city``, ``province`` and
        optionally ``state`` (empty: any state), ``status``, ``note``; or a
        mapping ``{city: province}``. They come before the packaged
        ``patnet/geo/data/cn_overrides.csv`` and before every other rule.

    Returns
    -------
    pandas.DataFrame
        One row per input, with the index of ``city`` when it is a Series
        (else a RangeIndex), and string columns:

        ``city``
            the input city;
        ``province``
            ISO 3166-2:CN code of a mainland province (e.g. ``"CN-JS"``)
            when ``status == "resolved"``, else missing;
        ``status``
            ``"resolved"``, ``"ambiguous"``, ``"unresolved"`` or
            ``"not_china"``;
        ``method``
            the rule that matched (see :data:`METHODS`);
        ``candidates``
            for ambiguous rows, the candidate provinces joined by ``"|"``,
            most likely first; ``""`` otherwise;
        ``country``
            ``"CN"`` for resolved rows (and ambiguous ones within the
            mainland), ``"HK"`` / ``"MO"`` / ``"TW"`` (or the given
            country) for ``not_china`` rows, missing otherwise.

    Raises
    ------
    PatnetInputError
        If the inputs have different lengths or an overrides table is
        malformed.

    See Also
    --------
    PROVINCES : the 34 ISO 3166-2:CN codes.

    Examples
    --------
    >>> from patnet.geo.china import resolve_province
    >>> out = resolve_province(["Zhang Jia Gang", "Kunshan Suzhou", "Suzhou", "Kowloon", "深圳市"])
    >>> out[["province", "status", "method"]]
      province     status              method
    0    CN-JS   resolved        county_level
    1    CN-JS   resolved        county_level
    2     <NA>  ambiguous          exact_city
    3     <NA>  not_china       province_name
    4    CN-GD   resolved  chinese_characters
    >>> out.loc[2, "candidates"].split("|")[:2]
    ['CN-JS', 'CN-AH']
    >>> resolve_province("Suzhou", state="Jiangsu").loc[0, "province"]
    'CN-JS'
    >>> resolve_province("Taizhou, Zhejiang").loc[0, "province"]
    'CN-ZJ'
    >>> resolve_province("Shenzehn")[["province", "method"]].iloc[0].tolist()
    ['CN-GD', 'fuzzy_spelling']
    >>> resolve_province("Kunsan", overrides={"Kunsan": "CN-JS"}).loc[0, "method"]
    'user_override'
    """
    codes, results, (city_codes, city_uniques, index) = _resolve_codes(
        city, state, address, country, overrides)

    def take(pos, convert=lambda x: x):
        arr = np.empty(len(results), dtype=object)
        arr[:] = [convert(r[pos]) for r in results]
        return pd.array(arr, dtype="string").take(codes)

    out = pd.DataFrame({
        "city": pd.array(city_uniques, dtype="string").take(city_codes),
        "province": take(0),
        "status": take(1),
        "method": take(2),
        "candidates": take(3, lambda t: "|".join(t)),
        "country": take(4),
    })
    if index is not None:
        out.index = index
    return out


def _resolve_codes(city, state=None, address=None, country=None, overrides=None):
    """The work of :func:`resolve_province`, once per distinct input.

    Returns
    -------
    codes : numpy.ndarray
        For each row, the position of its result in ``results``.
    results : list of tuple
        ``(province, status, method, candidates, country)`` per distinct
        (city, state, address, country) combination.
    city : tuple
        ``(codes, uniques, index)`` of the city input (``uniques[codes]`` are
        the cities as read, ``""`` for missing), and the index of ``city``
        when it is a Series, else None.
    """
    got = _column_codes(city, "city")
    if got is None:
        raise PatnetInputError("city is required (a string or an array of strings)")
    city_codes, city_uniques, index, scalar = got
    n = len(city_codes)
    others: list = []
    code_columns = [city_codes]
    for values, name in ((state, "state"), (address, "address"), (country, "country")):
        got = _column_codes(values, name)
        if got is None:
            others.append(None)
            continue
        vcodes, vuniques, _idx, was_scalar = got
        if was_scalar:
            others.append(vuniques[vcodes[0]] or None)
        else:
            if scalar:
                raise PatnetInputError(
                    f"{name} has {len(vcodes)} values but city is a single value", column=name,
                    hint="give a single value, or pass city as an array")
            if len(vcodes) != n:
                raise PatnetInputError(
                    f"{name} has {len(vcodes)} values but city has {n}", column=name,
                    hint="give one value per city (matched by position), or a single value for all")
            others.append((vcodes, vuniques))
            code_columns.append(vcodes)

    user = _user_overrides(overrides)
    packaged = _packaged_overrides()

    if n:
        codes, first = _distinct_codes(code_columns)
    else:
        codes, first = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)

    def value(k, i):
        o = others[k]
        if o is None:
            return ""
        if isinstance(o, tuple):
            return o[1][o[0][i]]
        return o

    results = []
    for i in first:
        c, s_, a, k = city_uniques[city_codes[i]], value(0, i), value(1, i), value(2, i)
        hit = None
        if user or packaged:
            kc, ks = _norm_override(c), _norm_override(s_)
            for table in (user, packaged):
                hit = table.get((kc, ks)) or table.get((kc, ""))
                if hit:
                    break
        if hit:
            prov, status = hit
            if status == "resolved":
                res = (prov, "resolved", "user_override", (), "CN")
            elif status == "not_china":
                res = (None, "not_china", "user_override", (), prov[3:] if prov else None)
            else:
                res = (None, status, "user_override", (), None)
        else:
            res = _resolve_core(c, s_, a, k)
        results.append(res)
    return codes, results, (city_codes, city_uniques, index)


@functools.lru_cache(maxsize=1)
def _province_table() -> pd.DataFrame:
    from importlib.resources import files

    with files("patnet.geo").joinpath("data/cn_provinces.csv").open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, comment="#", dtype="string", keep_default_na=False)


def province_table() -> pd.DataFrame:
    """The 34 ISO 3166-2:CN codes with English and Chinese names and their type (a fresh copy).

    Examples
    --------
    >>> from patnet.geo.china import province_table
    >>> t = province_table().set_index("code")
    >>> t.loc["CN-JS", "name"], t.loc["CN-JS", "name_zh"], len(t)
    ('Jiangsu', '江苏', 34)
    """
    return _province_table().copy()
