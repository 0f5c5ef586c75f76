"""A seeded generator of synthetic, USPTO-like patent corpora.

The data are **synthetic**: every patent, inventor and firm is invented.
Only the marginal distributions are taken from real aggregates (see
:func:`synthetic_corpus`), so that descriptive statistics, networks and the
messy-data code paths of patnet have realistic material to work on.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from ..corpus import PatentCorpus
from ..exceptions import PatnetInputError
from ._tables import tables

__all__ = ["synthetic_corpus"]

#: Team-size distribution (1..10 inventors), before conditioning.
_TEAM_PMF = np.array([0.32, 0.27, 0.16, 0.10, 0.06, 0.035, 0.02, 0.015, 0.01, 0.005])
#: Number of IPC codes (1..4) on a utility patent.
_NCLASS_PMF = np.array([0.42, 0.30, 0.17, 0.11])
#: Chance that a co-inventor of a single-country team lives abroad, by lead country.
_FOREIGN_RATE = {"US": 0.04, "JP": 0.03, "KR": 0.04, "TW": 0.05, "CN": 0.07}
_FOREIGN_RATE_DEFAULT = 0.14
#: Countries of multinational owners of patents invented elsewhere.
_HQ = {"US": 50, "JP": 14, "DE": 8, "KR": 6, "CH": 4, "NL": 4, "FR": 4, "GB": 4, "TW": 3,
       "SE": 2, "CN": 1}
_SECTORS = np.array(["firm", "university", "research", "government", "hospital",
                     "individual"], dtype=object)
_SECTOR_P = {
    None: [0.90, 0.040, 0.025, 0.010, 0.005, 0.020],
    "US": [0.90, 0.045, 0.015, 0.015, 0.012, 0.013],
    "CN": [0.80, 0.110, 0.060, 0.010, 0.005, 0.015],
    "HK": [0.85, 0.100, 0.030, 0.000, 0.005, 0.015],
    "TW": [0.86, 0.050, 0.060, 0.010, 0.005, 0.015],
    "SG": [0.80, 0.080, 0.080, 0.010, 0.010, 0.020],
    "IN": [0.82, 0.060, 0.070, 0.020, 0.005, 0.025],
    "RU": [0.75, 0.080, 0.100, 0.030, 0.005, 0.035],
    "IL": [0.85, 0.080, 0.020, 0.020, 0.020, 0.010],
    "MY": [0.82, 0.100, 0.050, 0.010, 0.000, 0.020],
    "SA": [0.75, 0.150, 0.050, 0.030, 0.000, 0.020],
    "KR": [0.88, 0.060, 0.040, 0.005, 0.005, 0.010],
    "JP": [0.95, 0.020, 0.015, 0.005, 0.002, 0.008],
    "DE": [0.88, 0.020, 0.070, 0.005, 0.005, 0.020],
    "FR": [0.86, 0.020, 0.090, 0.005, 0.005, 0.020],
}
_TITLE_TOPICS = {
    "A": ["wearable health monitoring device", "pharmaceutical composition for treating diabetes",
          "oral care implement", "surgical stapler", "medical imaging catheter", "infant car seat",
          "herbal extract composition", "shoe sole structure", "garment with adjustable fit",
          "animal feed additive", "toothbrush head", "insulin delivery pump"],
    "B": ["robotic gripper", "printing apparatus", "vehicle seat adjustment mechanism",
          "separation membrane", "catalyst carrier", "3D printing nozzle", "conveyor belt tensioner",
          "packaging container", "grinding wheel", "drone propeller assembly", "microfluidic chip",
          "bicycle frame"],
    "C": ["lithium salt electrolyte", "recombinant antibody", "polymer composite",
          "organic light-emitting compound", "steel alloy", "graphene coating",
          "fermentation process", "zeolite catalyst", "biodegradable plastic",
          "crystalline form of a kinase inhibitor", "guide RNA construct", "cement additive"],
    "D": ["nonwoven fabric", "yarn spinning apparatus", "paper coating composition",
          "washing machine drum", "textile dyeing process"],
    "E": ["prefabricated wall panel", "door lock assembly", "drilling tool for oil wells",
          "window frame", "bridge bearing", "tunnel boring machine cutter"],
    "F": ["LED lamp", "heat exchanger", "turbine blade", "air conditioner", "gear transmission",
          "fuel injection valve", "heat pipe", "refrigerator door seal", "compressor rotor",
          "lighting fixture"],
    "G": ["image recognition method", "semiconductor test apparatus", "touch panel",
          "optical lens module", "data storage system", "machine learning model",
          "navigation system", "display driving circuit", "gas sensor", "memory controller",
          "electronic payment system", "speech recognition engine"],
    "H": ["semiconductor device", "thin film transistor array substrate",
          "wireless communication method", "lithium ion battery", "antenna module",
          "power converter", "light emitting diode package", "channel state information feedback",
          "video coding method", "printed circuit board", "network slicing",
          "uplink transmission method"],
    "design": ["mobile phone", "lamp", "shoe", "bottle", "chair", "display screen with graphical "
               "user interface", "earphone", "vehicle wheel", "toy", "handbag", "speaker", "watch"],
}
_TEMPLATES = [("{T}", 30), ("{T} and method of manufacturing the same", 12),
              ("Method and apparatus for {t}", 12), ("{T} and method thereof", 8),
              ("System and method for {t}", 8), ("Method for producing {t}", 6),
              ("{T} with improved reliability", 4), ("{T}, and electronic device including the same", 4),
              ("{T} & control method therefor", 1.5), ('{T} for so-called "smart" devices', 0.5),
              ("{T} <first embodiment>", 0.2)]
_INDUSTRIES = ["Electronics", "Technology", "Semiconductor", "Pharmaceutical", "Biotech",
               "Materials", "Optoelectronics", "Communication Technology", "Precision Machinery",
               "Medical Devices", "Software", "Display", "New Energy", "Intelligent Technology",
               "Chemical", "Instruments", "Automotive Parts", "Photonics", "Network Technology",
               "Information Technology", "Power", "Lighting", "Electric Appliances"]
_PINYIN = ["Hua", "Xin", "Tian", "Yu", "Zhong", "Ke", "Da", "Rui", "Jia", "He", "Hai", "Wei",
           "Kai", "Lian", "Chuang", "Heng", "Tong", "Sheng", "Long", "Feng", "Bo", "Yuan",
           "Guang", "Ming", "Jin", "Tai", "An", "Kang", "Mei", "Li", "Xing", "Hong", "Chang"]
_WEST_A = ["Acu", "Bio", "Cyber", "Data", "Digi", "Electro", "Flex", "Gen", "Hydro", "Info",
           "Inno", "Lumi", "Medi", "Micro", "Nano", "Neuro", "Opti", "Photo", "Quanta", "Sono",
           "Tera", "Veri", "Vita", "Xeno", "Zeta", "Aero", "Cardio", "Terra", "Omni", "Syn"]
_WEST_B = ["tek", "tronix", "logic", "metrics", "wave", "core", "link", "sense", "vision",
           "nova", "cell", "flow", "path", "dyne", "lab", "matic", "works", "quest"]
_EAST_A = {"ja": ["Nichi", "Toyo", "Dai", "Nippon", "Fuji", "Mitsu", "Sumi", "Hira", "Yama",
                  "Kawa", "Taka", "Shin", "Sei", "Koku", "Asa", "Oki", "Hoku", "Kyo"],
           "ko": ["Sam", "Hyun", "Dae", "Han", "Kyung", "Sung", "Woo", "Jin", "Dong", "Il", "Kum",
                  "Hwa", "Seo", "Young"],
           "tw": ["Hon", "Tai", "Yuan", "Chi", "Mei", "Wis", "Lite", "Ever", "Gold", "Asia",
                  "Chung", "Hwa", "Sheng", "Nan", "Ya", "Far", "Kuang", "Fu"]}
_EAST_B = {"ja": ["den", "kogyo", "seiki", "kasei", "denki", "tsu", "moto"],
           "ko": ["sung", "tech", "tron", "won", "jin", "il", "san"],
           "tw": ["tek", "tron", "wan", "on", "win", "tech", "hua", "star"]}
_LEGAL = {
    "US": [("{b} Technologies, Inc.", 3), ("{b} Corporation", 3), ("{b}, Inc.", 3),
           ("{b} LLC", 2), ("{b} Systems, Inc.", 1), ("{s} {i}, Inc.", 2), ("{s} & {s2} Co.", 0.4)],
    "CN": [("{city} {p} {i} Co., Ltd.", 60), ("{p} {i} Co., Ltd.", 15),
           ("{prov} {p} {i} Group Co., Ltd.", 8), ("{p} {i} Corporation", 6),
           ("{p} {i} ({city}) Co., Ltd.", 5), ("{u} {p} {i} Co., Ltd.", 3),
           ("{city} {p} {i} Co., Ltd", 3)],
    "HK": [("{b} Limited", 5), ("{b} {i} Company Limited", 3), ("{b} (Hong Kong) Limited", 2)],
    "TW": [("{b} {i} Corp.", 4), ("{b} {i} Co., Ltd.", 4), ("{b} Inc.", 2)],
    "JP": [("{b} Corporation", 4), ("Kabushiki Kaisha {b}", 2), ("{b} Co., Ltd.", 3),
           ("{b} {i} Co., Ltd.", 2)],
    "KR": [("{b} Electronics Co., Ltd.", 3), ("{b} Corp.", 2), ("{b} {i} Co., Ltd.", 3)],
    "DE": [("{s} GmbH", 3), ("{b} AG", 2), ("{s} GmbH & Co. KG", 1), ("{b} {i} GmbH", 2)],
    "GB": [("{b} Limited", 4), ("{b} PLC", 1), ("{s} Ltd", 2)],
    "FR": [("{b} SA", 3), ("{b} SAS", 3), ("Societe {b}", 1)],
    "NL": [("{b} B.V.", 4), ("{b} N.V.", 1)], "BE": [("{b} NV", 2), ("{b} SA", 2)],
    "IT": [("{b} S.p.A.", 3), ("{b} S.r.l.", 2)], "SE": [("{b} AB", 1)], "FI": [("{b} Oy", 1)],
    "DK": [("{b} A/S", 1)], "NO": [("{b} AS", 1)], "AT": [("{b} GmbH", 1)],
    "CH": [("{b} AG", 2), ("{b} SA", 1)], "ES": [("{b} S.L.", 1), ("{b} S.A.", 1)],
    "IN": [("{b} Private Limited", 3), ("{b} Limited", 2), ("{b} Technologies Pvt. Ltd.", 1)],
    "SG": [("{b} Pte. Ltd.", 4), ("{b} Pte Ltd", 2), ("{b} Technologies Pte. Ltd.", 1)],
    "MY": [("{b} Sdn. Bhd.", 4), ("{b} Berhad", 1)],
    "RU": [('Obshchestvo S Ogranichennoi Otvetstvennostyu "{b}"', 2),
           ('Limited Liability Company "{b}"', 2), ('Joint Stock Company "{b}"', 1)],
    "IL": [("{b} Ltd.", 4), ("{b} Technologies Ltd.", 2)],
    "PL": [("{b} Sp. z o.o.", 3), ("{b} S.A.", 1)], "CZ": [("{b} s.r.o.", 3), ("{b} a.s.", 1)],
    "SK": [("{b} s.r.o.", 1)], "HU": [("{b} Kft.", 3), ("{b} Zrt.", 1)],
    "TH": [("{b} Co., Ltd.", 3), ("{b} Public Company Limited", 1)],
    "PH": [("{b} Inc.", 2), ("{b} Corporation", 1)],
    "SA": [("{b} Company", 2), ("Saudi {b} Company", 1)],
    "AE": [("{b} LLC", 1), ("{b} FZE", 1)],
    "TR": [("{b} Sanayi ve Ticaret A.S.", 2), ("{b} Anonim Sirketi", 1)],
    "BR": [("{b} Ltda.", 1), ("{b} S.A.", 1)], "AU": [("{b} Pty Ltd", 1)],
    "CA": [("{b} Inc.", 2), ("{b} Ltd.", 1)],
    None: [("{b} Ltd.", 3), ("{b} Co.", 1)],
}
_UNIV_SHORT = ["Tsinghua", "Peking University", "Zhejiang University", "Tongji", "Fudan"]
_SERIES = [("1993-01-01", "08"), ("1997-10-01", "09"), ("2001-12-01", "10"), ("2004-12-01", "11"),
           ("2007-12-01", "12"), ("2011-01-01", "13"), ("2013-12-01", "14"), ("2015-12-01", "15"),
           ("2017-12-01", "16"), ("2019-12-01", "17"), ("2022-12-01", "18"), ("2025-12-01", "19"),
           ("2028-12-01", "20")]


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------

def _choice(rng, items, p, size):
    p = np.asarray(p, dtype=float)
    return np.asarray(items, dtype=object)[rng.choice(len(items), size=size, p=p / p.sum())]


def _segments(sizes):
    """For groups of ``sizes``: (group index of each element, position within group, starts)."""
    sizes = np.asarray(sizes, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]) if len(sizes) else np.zeros(0, np.int64)
    group = np.repeat(np.arange(len(sizes)), sizes)
    pos = np.arange(int(sizes.sum())) - np.repeat(starts, sizes)
    return group, pos, starts


def _group_any(mask, sizes, starts):
    """Per group: whether any element of ``mask`` is true."""
    if not len(sizes):
        return np.zeros(0, bool)
    counts = np.add.reduceat(mask.astype(np.int64), starts) if len(mask) else np.zeros(len(sizes))
    counts = np.where(sizes > 0, counts, 0)
    return counts > 0


def _by_value(values, idx=None):
    """``[(value, indices), ...]`` for each distinct value, in sorted order."""
    values = np.asarray(values, dtype=object)
    idx = np.arange(len(values)) if idx is None else np.asarray(idx)
    if not len(idx):
        return []
    uniq, inv = np.unique(values[idx].astype(str), return_inverse=True)
    order = np.argsort(inv, kind="stable")
    bounds = np.searchsorted(inv[order], np.arange(len(uniq) + 1))
    return [(u, idx[order[bounds[i]:bounds[i + 1]]]) for i, u in enumerate(uniq)]


def _uuid(text):
    h = hashlib.md5(text.encode("utf-8")).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def _tuesdays(rng, years):
    """A random Tuesday (USPTO's issue day) in each year."""
    years = np.asarray(years, dtype=np.int64)
    jan1 = (years - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    dec31 = (years - 1969).astype("datetime64[Y]").astype("datetime64[D]") - np.timedelta64(1, "D")
    d = jan1.astype(np.int64)
    weekday = (d + 3) % 7                      # Monday = 0; 1970-01-01 was a Thursday
    first = d + (1 - weekday) % 7              # first Tuesday
    n = (dec31.astype(np.int64) - first) // 7 + 1
    k = np.floor(rng.random(len(years)) * n).astype(np.int64)
    return (first + 7 * k).astype("datetime64[D]")


def _unique_increasing(values):
    """Make sorted integer values strictly increasing with the least change."""
    v = np.asarray(values, dtype=np.int64)
    idx = np.arange(len(v))
    return np.maximum.accumulate(v - idx) + idx


# ---------------------------------------------------------------------------
# the generator
# ---------------------------------------------------------------------------

def synthetic_corpus(n_patents: int = 2000, *, seed=0, start_year: int = 2001,
                     end_year: int = 2018, focal: str = "CN", partners=None,
                     cooperation_share: float = 0.25, focal_share: float = 0.25,
                     design_share: float = 0.02, repeat_team_share: float = 0.15,
                     name: str | None = None) -> PatentCorpus:
    """Generate a synthetic, USPTO-like corpus of granted patents.

    **The data are synthetic.** Every patent, inventor and firm is invented;
    the generator is calibrated so that its marginal distributions look like
    USPTO grants, and so that China's co-invention with Belt and Road (BRI)
    partner countries, the subject of many cooperation studies, is
    over-sampled to give such studies material to work on. Names of real
    public organisations (universities, research institutes, government
    bodies, hospitals) are used as vocabulary only.

    Parameters
    ----------
    n_patents : int
        Number of patents.
    seed : int or numpy.random.SeedSequence
        Seed of the generator's own :func:`numpy.random.default_rng`; global
        random state is never used or changed. The same seed and arguments
        give an identical corpus.
    start_year, end_year : int
        Range of grant years (both inclusive).
    focal : str
        ISO 3166-1 alpha-2 code of the focal country of the over-sampled
        cooperation (default China).
    partners : iterable of str, optional
        ISO codes of the partner countries; default the 65 Belt and Road
        partner countries (minus ``focal``).
    cooperation_share : float
        Share of patents with at least one inventor in ``focal`` and at least
        one in ``partners``.
    focal_share : float
        Share of patents with inventors in ``focal`` (alone or with non-partner
        countries such as the US, Hong Kong or Japan) and none in ``partners``.
        The remaining patents are drawn from the world-wide USPTO mix, with no
        focal-partner co-invention among them.
    design_share : float
        Share of design patents among the non-cooperation patents (designs
        carry no IPC codes, as in USPTO data). Cooperation patents are all
        utility patents.
    repeat_team_share : float
        Share of patents whose whole inventor team is that of another patent
        (teams repeat); inventors also recur individually.
    name : str, optional
        Label of the corpus.

    Returns
    -------
    PatentCorpus
        The four canonical tables, plus extra columns: ``patents.num_claims``;
        ``inventors.first_name``, ``last_name`` and ``true_province`` (ISO
        3166-2:CN of mainland Chinese inventors, while the canonical
        ``province`` stays missing for a resolver to fill);
        ``applicants.first_name``, ``last_name`` (individual owners),
        ``true_sector`` (while ``sector`` is ``"unknown"`` for a classifier
        to fill) and ``true_province``. ``corpus.meta`` records the
        arguments.

    Notes
    -----
    Calibration (tables in ``patnet/datasets/data/``, derived by
    ``tools/derive_synthetic_tables.py`` from real aggregates):

    * grant years and the inventor-country mix of ordinary patents follow
      USPTO grants by inventor country and year, 1998-2018 (NCSES Science &
      Engineering Indicators table 1917, fractional counts); the years of
      focal-country and cooperation patents follow the focal country's
      growth in the same table;
    * China's BRI partners follow the published partner counts of USPTO
      China-BRI co-invention patents 2001-2018 (Singapore, India, Russia,
      Israel, Malaysia, ...); other partners by their USPTO volume;
    * Chinese inventors' prefectures follow CASA0010's counts of Chinese
      inventors on USPTO grants by prefecture 2001-2018 (PatentsView geocodes,
      corrected for province-centroid geocodes and pinyin collisions), and
      their city strings are drawn from a table of real-world spellings:
      districts ("Haidian District"), county-level cities ("Kunshan"),
      province names, combined strings ("Kunshan Suzhou"), case and spacing
      variants ("ShenZhen"), typos ("Bejing"), old spellings ("Peking") and
      Chinese characters; "Suzhou" and "Taizhou" are ambiguous as in real data;
    * IPC codes are real IPC groups weighted by USPTO patents per WIPO
      technology field (NCSES tables 1902-1941; China's mix for focal and
      cooperation patents, the world mix otherwise);
    * patent numbers lie in the real range of each grant year, increase with
      the grant date and fall on Tuesdays; filing dates are 1-4 years before
      grant; application numbers carry the series code of the filing date.

    Team sizes (1-10, mean about 2.7-3), foreign co-inventor rates, applicant
    sectors and the shares of messy spellings are set by hand, not measured.

    Examples
    --------
    >>> import patnet as pn
    >>> c = pn.datasets.synthetic_corpus(200, seed=1)
    >>> c.n_patents
    200
    >>> c.year_span[0] >= 2001 and c.year_span[1] <= 2018
    True
    >>> c2 = pn.datasets.synthetic_corpus(200, seed=1)
    >>> c.inventors["inventor_id"].equals(c2.inventors["inventor_id"])
    True
    """
    n = _check_int(n_patents, "n_patents", 0)
    start_year = _check_int(start_year, "start_year", 1976)
    end_year = _check_int(end_year, "end_year", start_year)
    for label, v in (("cooperation_share", cooperation_share), ("focal_share", focal_share),
                     ("design_share", design_share), ("repeat_team_share", repeat_team_share)):
        if not (0.0 <= float(v) <= 1.0):
            raise PatnetInputError(f"{label} must lie in [0, 1]", value=v)
    if cooperation_share + focal_share > 1.0 + 1e-12:
        raise PatnetInputError(
            "cooperation_share + focal_share must not exceed 1",
            value=cooperation_share + focal_share, hint="Lower one of the two shares")
    if not isinstance(focal, str) or len(focal.strip()) != 2:
        raise PatnetInputError("focal must be an ISO 3166-1 alpha-2 code such as 'CN'", value=focal)
    focal = focal.strip().upper()
    T = tables()
    if partners is None:
        partner_list = [c for c in T.bri if c != focal]
    else:
        if isinstance(partners, str):
            partners = [partners]
        partner_list = sorted({str(c).strip().upper() for c in partners} - {focal})
        if not partner_list:
            raise PatnetInputError("partners must name at least one country other than focal",
                                   value=partners)
    rng = np.random.default_rng(seed)
    gen = _Generator(T, rng, n, start_year, end_year, focal, partner_list,
                     float(cooperation_share), float(focal_share), float(design_share),
                     float(repeat_team_share))
    patents, inventors, applicants, classes = gen.run()
    meta = {
        "synthetic": True,
        "generator": "patnet.datasets.synthetic_corpus",
        "seed": seed if isinstance(seed, (int, np.integer)) else repr(seed),
        "n_patents": n, "start_year": start_year, "end_year": end_year, "focal": focal,
        "partners": partner_list, "cooperation_share": float(cooperation_share),
        "focal_share": float(focal_share), "design_share": float(design_share),
        "repeat_team_share": float(repeat_team_share),
        "groups": gen.group_counts,
    }
    label = name if name is not None else f"synthetic (seed={meta['seed']})"
    return PatentCorpus(patents=patents, inventors=inventors, applicants=applicants,
                        classes=classes, name=label, meta=meta)


def _check_int(value, label, minimum):
    try:
        out = int(value)
    except (TypeError, ValueError):
        raise PatnetInputError(f"{label} must be an integer", value=value) from None
    if out != value or out < minimum:
        raise PatnetInputError(f"{label} must be an integer >= {minimum}", value=value)
    return out


class _Generator:
    def __init__(self, T, rng, n, start_year, end_year, focal, partners, coop_share,
                 focal_share, design_share, repeat_share):
        self.T, self.rng, self.n = T, rng, n
        self.years = np.arange(start_year, end_year + 1)
        self.focal, self.partners = focal, partners
        self.partner_set = set(partners)
        self.coop_share, self.focal_share = coop_share, focal_share
        self.design_share, self.repeat_share = design_share, repeat_share
        self.countries = T.countries
        self.cidx = dict(T.country_index)
        # countries that are neither focal nor partner get their own code space
        self.is_partner_c = np.array([c in self.partner_set for c in self.countries])
        self.is_focal_c = self.countries == focal

    # -- helpers -------------------------------------------------------
    def code(self, country):
        if country not in self.cidx:
            self.cidx[country] = len(self.countries)
            self.countries = np.append(self.countries, country)
            self.is_partner_c = np.append(self.is_partner_c, country in self.partner_set)
            self.is_focal_c = np.append(self.is_focal_c, country == self.focal)
        return self.cidx[country]

    def draw_countries(self, years, exclude=None):
        """Inventor countries drawn from the USPTO mix of each year."""
        out = np.empty(len(years), dtype=np.int64)
        nc = len(self.T.countries)
        for y in np.unique(years):
            m = years == y
            w = self.T.country_weights(int(y)).copy()
            if exclude is not None:
                w[exclude[:nc]] = 0.0
            out[m] = self.rng.choice(nc, size=int(m.sum()), p=w / w.sum())
        return out

    # -- main ----------------------------------------------------------
    def run(self):
        rng, n, T = self.rng, self.n, self.T
        n_coop = int(round(n * self.coop_share))
        n_focal = min(int(round(n * self.focal_share)), n - n_coop)
        group = np.repeat(np.array([2, 1, 0], dtype=np.int8), [n_coop, n_focal, n - n_coop - n_focal])
        self.group_counts = {"cooperation": n_coop, "focal": n_focal,
                             "background": n - n_coop - n_focal}
        # years
        year = np.empty(n, dtype=np.int64)
        for g in (0, 1, 2):
            m = group == g
            w = T.year_weights(None if g == 0 else self.focal, self.years)
            year[m] = rng.choice(self.years, size=int(m.sum()), p=w / w.sum())
        design = (group != 2) & (rng.random(n) < self.design_share)
        grant = _tuesdays(rng, year)
        pend_years = np.where(design, rng.gamma(6.0, 0.28, n), rng.gamma(6.0, 0.45, n))
        pend_days = np.round(np.clip(pend_years, 1.0, 4.0) * 365.25).astype(np.int64)
        filing = grant - pend_days.astype("timedelta64[D]")
        # order everything by grant date (then randomly within a day)
        order = np.lexsort((rng.random(n), grant))
        group, year, design, grant, filing = (a[order] for a in (group, year, design, grant, filing))
        self.group, self.year, self.design = group, year, design
        patent_id = self.patent_numbers(grant, year, design)
        patents = self.patent_table(patent_id, grant, filing, year, design)
        inv, lead = self.inventors(patent_id)
        app = self.applicants(patent_id, inv, lead)
        cls, main_section = self.classes(patent_id)
        patents["title"] = pd.array(self.titles(main_section), dtype="string")
        return patents, inv, app, cls

    # -- patents -------------------------------------------------------
    def patent_numbers(self, grant, year, design):
        T, rng = self.T, self.rng
        yrs = T.pn_year

        def anchor(first, y):
            i = np.clip(y - yrs[0], 0, len(yrs) - 2)
            lo, hi = first[i], first[i + 1]
            span = hi - lo
            return lo + (y - yrs[i]) * span, span  # extrapolates beyond the table

        out = np.empty(len(grant), dtype=object)
        doy = (grant - grant.astype("datetime64[Y]").astype("datetime64[D]")).astype(np.int64)
        for is_d, first, prefix in ((False, T.pn_utility, ""), (True, T.pn_design, "D")):
            m = design == is_d
            if not m.any():
                continue
            lo, span = anchor(first, year[m])
            num = lo + (doy[m] / 366.0) * span + rng.random(int(m.sum())) * span / 53.0
            num = np.floor(num).astype(np.int64)
            num = _unique_increasing(num)  # rows are in grant-date order
            out[m] = [f"{prefix}{v}" for v in num]
        return out

    def patent_table(self, patent_id, grant, filing, year, design):
        rng, n = self.rng, len(patent_id)
        b1 = rng.random(n) < np.clip(0.9 - 0.1 * (year - 2001), 0.08, 0.9)
        kind = np.where(design, np.where(year >= 2001, "S1", "S"),
                        np.where(year < 2001, "A", np.where(b1, "B1", "B2"))).astype(object)
        ptype = np.where(design, "design", "utility").astype(object)
        claims = np.where(design, 1, np.clip(np.round(rng.gamma(3.5, 5.0, n)), 1, 90)).astype(np.int64)
        return pd.DataFrame({
            "patent_id": pd.array(patent_id, dtype="string"),
            "office": pd.array(["US"] * n, dtype="string"),
            "kind": pd.array(kind, dtype="string"),
            "patent_type": pd.array(ptype, dtype="string"),
            "grant_date": grant.astype("datetime64[ns]"),
            "filing_date": filing.astype("datetime64[ns]"),
            "year": pd.array(year, dtype="Int64"),
            "application_id": pd.array(self.application_ids(filing, design), dtype="string"),
            "num_claims": pd.array(claims, dtype="Int64"),
        })

    def application_ids(self, filing, design):
        rng = self.rng
        n = len(filing)
        starts = np.array([np.datetime64(s) for s, _ in _SERIES])
        codes = np.array([c for _, c in _SERIES], dtype=object)
        f = filing.astype("datetime64[D]")
        i = np.clip(np.searchsorted(starts, f, side="right") - 1, 0, len(starts) - 2)
        frac = (f - starts[i]).astype(np.int64) / (starts[i + 1] - starts[i]).astype(np.int64)
        num = np.floor(np.clip(frac, 0, 0.999) * 990000).astype(np.int64) + 1000
        series = codes[i]
        # designs: series 29, numbers rising about 27,000 a year
        t = f.astype(np.int64) / 365.25 + 1970.0
        dnum = np.clip(231270 + (t - 2005.42) * 27000, 1000, 998000).astype(np.int64)
        series = np.where(design, "29", series)
        num = np.where(design, dnum, num) + rng.integers(0, 900, n)
        key = np.array([int(s) for s in series], dtype=np.int64) * 10_000_000 + num
        order = np.argsort(key, kind="stable")
        key_sorted = _unique_increasing(key[order])
        key = np.empty_like(key)
        key[order] = key_sorted
        return np.array([f"{k // 10_000_000:02d}{k % 10_000_000:06d}" for k in key], dtype=object)

    # -- inventors -----------------------------------------------------
    def inventors(self, patent_id):
        rng, T, n = self.rng, self.T, self.n
        group = self.group
        # team size
        k = rng.choice(np.arange(1, 11), size=n, p=_TEAM_PMF / _TEAM_PMF.sum())
        pmf2 = _TEAM_PMF[1:] / _TEAM_PMF[1:].sum()
        coop = group == 2
        k[coop] = rng.choice(np.arange(2, 11), size=int(coop.sum()), p=pmf2)
        # templates: repeated teams copy another patent's team (same group)
        repeat = rng.random(n) < self.repeat_share
        template = np.arange(n)
        for g in (0, 1, 2):
            members = np.flatnonzero(group == g)
            originals = members[~repeat[members]]
            reps = members[repeat[members]]
            if len(reps) and len(originals):
                template[reps] = rng.choice(originals, size=len(reps))
            elif len(reps):
                repeat[reps] = False
        tmpl = np.flatnonzero(~repeat)
        tk = k[tmpl]
        slot_t, slot_pos, t_starts = _segments(tk)   # slot -> template number (0..len(tmpl)-1)
        tg = group[tmpl]
        tyear = self.year[tmpl]
        country = self.slot_countries(tmpl, tk, tg, tyear, slot_t, slot_pos, t_starts)
        # inventor identities
        inv_of_slot, people = self.people(country, slot_t)
        # expand templates to all patents
        t_index = np.full(n, -1, dtype=np.int64)
        t_index[tmpl] = np.arange(len(tmpl))
        tp = t_index[template]                       # template number of each patent
        sizes = tk[tp]
        row_p, row_pos, _ = _segments(sizes)
        row_slot = t_starts[tp][row_p] + row_pos
        person = inv_of_slot[row_slot]
        pc = people["country"][person]
        n_rows = len(person)
        # city as written on this patent
        city = people["city"][person].copy()
        state = people["state"][person].copy()
        is_cn = pc == "CN"
        if is_cn.any():
            v = T.variant_sampler.draw(rng, people["pref"][person[is_cn]])
            city[is_cn] = T.variant_city[v]
            prov_in_state = rng.random(int(is_cn.sum())) < 0.02
            st = np.full(int(is_cn.sum()), None, dtype=object)
            st[prov_in_state] = T.pref_province_name[people["pref"][person[is_cn]][prov_in_state]]
            state[is_cn] = st
        for cc in ("HK", "MO", "TW"):
            m = (pc == cc) & (rng.random(n_rows) < 0.3)
            if m.any() and cc in T.city_countries:
                g = T.city_countries.index(cc)
                city[m] = T.city_name[T.city_sampler.draw(rng, np.full(int(m.sum()), g))]
        # raw country codes, with a few real-world quirks
        raw = pc.copy()
        gy = self.year[row_p]
        raw[(pc == "HK") & (rng.random(n_rows) < 0.10)] = "CN"
        for cc in ("RS", "ME"):
            raw[(pc == cc) & (gy < 2003)] = "YU"
            raw[(pc == cc) & (gy >= 2003) & (gy < 2007)] = "CS"
        true_prov = np.full(n_rows, None, dtype=object)
        true_prov[is_cn] = T.pref_province[people["pref"][person[is_cn]]]
        first, last = people["first"][person], people["last"][person]
        inventors = pd.DataFrame({
            "patent_id": pd.array(patent_id[row_p], dtype="string"),
            "inventor_id": pd.array(people["id"][person], dtype="string"),
            "sequence": pd.array(row_pos, dtype="Int64"),
            "name": pd.array(last + ", " + first, dtype="string"),
            "city": pd.array(city, dtype="string"),
            "state": pd.array(state, dtype="string"),
            "country": pd.array(pc, dtype="string"),
            "country_raw": pd.array(raw, dtype="string"),
            "province": pd.array([None] * n_rows, dtype="string"),
            "first_name": pd.array(first, dtype="string"),
            "last_name": pd.array(last, dtype="string"),
            "true_province": pd.array(true_prov, dtype="string"),
        })
        lead = {"row_p": row_p, "person": person, "country": pc, "people": people,
                "first_row": np.concatenate([[0], np.cumsum(sizes)[:-1]]) if n else np.zeros(0, int),
                "sizes": sizes}
        return inventors, lead

    def slot_countries(self, tmpl, tk, tg, tyear, slot_t, slot_pos, t_starts):
        rng = self.rng
        nslot = len(slot_t)
        g_slot = tg[slot_t]
        y_slot = tyear[slot_t]
        country = np.empty(nslot, dtype=np.int64)
        focal_code = self.code(self.focal)
        partner_codes = np.array([self.code(c) for c in self.partners], dtype=np.int64)
        excl_fp = np.zeros(len(self.countries), dtype=bool)
        excl_fp[partner_codes] = True
        excl_fp[focal_code] = True

        # background: lead country, co-inventors mostly from the same country
        bg_t = np.flatnonzero(tg == 0)
        lead_bg = np.full(len(tmpl), -1, dtype=np.int64)
        if len(bg_t):
            lead_bg[bg_t] = self.draw_countries(tyear[bg_t])
        m = g_slot == 0
        if m.any():
            lead_c = lead_bg[slot_t[m]]
            rate = np.array([_FOREIGN_RATE.get(c, _FOREIGN_RATE_DEFAULT) for c in self.countries])
            foreign = (slot_pos[m] > 0) & (rng.random(int(m.sum())) < rate[lead_c])
            c = lead_c.copy()
            if foreign.any():
                c[foreign] = self.draw_countries(y_slot[m][foreign])
            country[m] = c
        # focal-only: focal inventors with some non-partner co-inventors
        m = g_slot == 1
        if m.any():
            c = np.full(int(m.sum()), focal_code, dtype=np.int64)
            foreign = (slot_pos[m] > 0) & (rng.random(int(m.sum())) < 0.12)
            if foreign.any():
                c[foreign] = self.draw_countries(y_slot[m][foreign], exclude=excl_fp)
            country[m] = c
        # cooperation: >= 1 focal, >= 1 partner, sometimes third countries
        coop_t = np.flatnonzero(tg == 2)
        if len(coop_t):
            k = tk[coop_t]
            n_third = np.where(k >= 3, rng.binomial(np.maximum(k - 2, 0), 0.1), 0)
            rest = k - n_third
            n_f = 1 + rng.binomial(rest - 2, 0.5)
            n_p = rest - n_f
            role = self._roles(n_f, n_p, n_third)
            # shuffle roles within each team
            owner = np.repeat(np.arange(len(coop_t)), k)
            order = np.lexsort((rng.random(len(role)), owner))
            role = role[order]
            pw = self.partner_weights()
            p1 = rng.choice(len(self.partners), size=len(coop_t), p=pw)
            two = (n_p >= 2) & (rng.random(len(coop_t)) < 0.12)
            p2 = rng.choice(len(self.partners), size=len(coop_t), p=pw)
            same = p2 == p1
            p2[same] = (p2[same] + 1) % len(self.partners)
            slot_c = np.empty(len(role), dtype=np.int64)
            slot_c[role == 0] = focal_code
            pc = partner_codes[p1][owner]
            # second partner on the last partner slot of the team
            is_p = role == 1
            last_p = np.zeros(len(role), dtype=bool)
            if is_p.any():
                idx = np.flatnonzero(is_p)
                o = owner[idx]
                last_of = np.r_[o[1:] != o[:-1], True]
                last_p[idx[last_of]] = True
            use2 = last_p & two[owner]
            pc = np.where(use2, partner_codes[p2][owner], pc)
            slot_c[is_p] = pc[is_p]
            third = role == 2
            if third.any():
                slot_c[third] = self.draw_countries(tyear[coop_t][owner[third]], exclude=excl_fp)
            m = g_slot == 2
            country[m] = slot_c   # slots of coop templates are in template order
        # background patents must not be focal-partner cooperation patents
        if len(bg_t):
            m = g_slot == 0
            idx = np.flatnonzero(m)
            f_mask = np.zeros(nslot, dtype=bool)
            f_mask[idx[self.is_focal_c[country[idx]]]] = True
            p_mask = np.zeros(nslot, dtype=bool)
            p_mask[idx[self.is_partner_c[country[idx]]]] = True
            bad = _group_any(f_mask, tk, t_starts) & _group_any(p_mask, tk, t_starts) & (tg == 0)
            if bad.any():
                bad_slot = bad[slot_t]
                lead_is_p = self.is_partner_c[lead_bg[slot_t]]
                fix_f = bad_slot & self.is_focal_c[country] & lead_is_p
                fix_p = bad_slot & self.is_partner_c[country] & ~lead_is_p
                country[fix_f | fix_p] = lead_bg[slot_t[fix_f | fix_p]]
        return self.countries[country]

    @staticmethod
    def _roles(n_f, n_p, n_t):
        counts = np.stack([n_f, n_p, n_t], axis=1).ravel()
        kinds = np.tile(np.array([0, 1, 2], dtype=np.int8), len(n_f))
        return np.repeat(kinds, counts)

    def partner_weights(self):
        T = self.T
        if self.focal == "CN":
            w = np.array([T.cn_partner_weight.get(c, 0.0) for c in self.partners])
        else:
            w = np.zeros(len(self.partners))
        if w.sum() <= 0:
            w = np.array([T.country_year[T.country_index[c]].sum() if c in T.country_index else 0.0
                          for c in self.partners])
        if w.sum() <= 0:
            w = np.ones(len(self.partners))
        return w / w.sum()

    def people(self, country, slot_t):
        """Draw recurring inventors per country; return slot -> person and person attributes."""
        rng = self.rng
        inv_of_slot = np.empty(len(country), dtype=np.int64)
        cols = {k: [] for k in ("country", "first", "last", "city", "state", "pref")}
        offset = 0
        for c, idx in _by_value(country):
            m = len(idx)
            pool = max(1, int(np.ceil(m / 1.2)))
            # productivity: lognormal, so the most prolific share shrinks with the pool
            cum = np.cumsum(rng.lognormal(0.0, 1.0, pool))
            draw = np.minimum(np.searchsorted(cum, rng.random(m) * cum[-1], side="right"), pool - 1)
            # the same person twice on one team: give the repeats new people
            key = slot_t[idx].astype(np.int64) * (pool + m) + draw
            _, first_pos = np.unique(key, return_index=True)
            dup = np.ones(m, dtype=bool)
            dup[first_pos] = False
            n_new = int(dup.sum())
            draw[dup] = pool + np.arange(n_new)
            size = pool + n_new
            inv_of_slot[idx] = offset + draw
            offset += size
            first, last = self.names(c, size)
            cols["country"].append(np.full(size, c, dtype=object))
            cols["first"].append(first)
            cols["last"].append(last)
            city, state, pref = self.homes(c, size)
            cols["city"].append(city)
            cols["state"].append(state)
            cols["pref"].append(pref)
        people = {k: (np.concatenate(v) if v else np.zeros(0, dtype=object)) for k, v in cols.items()}
        people["pref"] = people["pref"].astype(np.int64) if len(people["pref"]) else np.zeros(0, np.int64)
        people["id"] = self.inventor_ids(people["first"], people["last"])
        return inv_of_slot, people

    def names(self, country, size):
        rng, T = self.rng, self.T
        if country in T.culture_mix:
            cultures, p = T.culture_mix[country]
        else:
            cultures, p = [T.culture_of.get(country, "western")], np.array([1.0])
        cult = _choice(rng, cultures, p, size)
        codes = np.array([T.cultures.index(c) for c in cult], dtype=np.int64)
        last = T.name_value[T.name_sampler.draw(rng, codes * 2)]
        first = T.name_value[T.name_sampler.draw(rng, codes * 2 + 1)]
        west = (cult == "western") & (rng.random(size) < 0.4)
        if west.any():
            letters = np.array(list("ABCDEFGHJKLMNPRSTW"), dtype=object)
            first = first.copy()
            first[west] = first[west] + " " + letters[rng.integers(0, len(letters), int(west.sum()))] + "."
        return first.astype(object), last.astype(object)

    def homes(self, country, size):
        rng, T = self.rng, self.T
        pref = np.full(size, -1, dtype=np.int64)
        state = np.full(size, None, dtype=object)
        if country == "CN":
            w = T.pref_weight
            pref = rng.choice(len(w), size=size, p=w / w.sum())
            city = T.pref_name[pref].astype(object)
            return city, state, pref
        if country in T.city_countries:
            g = T.city_countries.index(country)
            i = T.city_sampler.draw(rng, np.full(size, g))
            city = T.city_name[i].astype(object)
            st = T.city_state[i].astype(object)
            st[st == ""] = None
            return city, st, pref
        return np.full(size, None, dtype=object), state, pref

    @staticmethod
    def inventor_ids(first, last):
        """PatentsView-like ids 'fl:ja_ln:smith-3', unique per person."""
        if not len(first):
            return np.zeros(0, dtype=object)
        f2 = pd.Series(first, dtype=object).str.replace(r"[^A-Za-z]", "", regex=True).str[:2].str.lower()
        ln = pd.Series(last, dtype=object).str.lower().str.replace(" ", "-", regex=False)
        base = "fl:" + f2 + "_ln:" + ln
        k = base.groupby(base, sort=False).cumcount() + 1
        return (base + "-" + k.astype(str)).to_numpy(dtype=object)

    # -- applicants ----------------------------------------------------
    def applicants(self, patent_id, inv, lead):
        rng, n = self.rng, self.n
        group = self.group
        p0 = np.select([group == 2, group == 1], [0.03, 0.06], 0.10)
        none = rng.random(n) < p0
        cnt = np.where(group == 2, rng.choice([1, 2, 3], size=n, p=[0.82, 0.15, 0.03]),
                       np.where(group == 1, rng.choice([1, 2, 3], size=n, p=[0.88, 0.10, 0.02]),
                                rng.choice([1, 2, 3], size=n, p=[0.92, 0.07, 0.01])))
        cnt[none] = 0
        row_p, row_pos, _ = _segments(cnt)
        nr = len(row_p)
        inv_country = lead["country"]
        first_row = lead["first_row"]
        sizes = lead["sizes"]
        # a random inventor row of the patent (for countries and individual owners)
        pick = first_row[row_p] + np.floor(rng.random(nr) * sizes[row_p]).astype(np.int64)
        pick = np.where(row_pos == 0, first_row[row_p], pick)
        country = inv_country[pick].astype(object)
        hq_c = np.array(list(_HQ), dtype=object)
        hq_w = np.array(list(_HQ.values()), dtype=float)
        g = group[row_p]
        u = rng.random(nr)
        hq_p = np.select([g == 2, g == 1], [0.30, 0.35], 0.15)
        hq_p = np.where(row_pos > 0, 0.2, hq_p)
        use_hq = u < hq_p
        country[use_hq] = _choice(rng, hq_c, hq_w, int(use_hq.sum()))
        # cooperation patents: first owner mostly from the focal or a partner country
        # (the picked inventor's country already gives that mix)
        sector = np.empty(nr, dtype=object)
        for c, m in _by_value(country):
            sector[m] = _choice(rng, _SECTORS, _SECTOR_P.get(c, _SECTOR_P[None]), len(m))
        # a second owner of a firm-owned patent is more often a university
        second = (row_pos > 0) & (sector == "firm") & (rng.random(nr) < 0.15)
        sector[second] = "university"
        out = {k: np.full(nr, None, dtype=object) for k in
               ("id", "name", "city", "state", "first", "last", "type", "prov")}
        # individuals: the picked inventor owns the patent
        ind = sector == "individual"
        if ind.any():
            people = lead["people"]
            per = lead["person"][pick[ind]]
            country[ind] = people["country"][per]
            out["first"][ind] = people["first"][per]
            out["last"][ind] = people["last"][per]
            out["name"][ind] = people["last"][per] + ", " + people["first"][per]
            out["city"][ind] = inv["city"].to_numpy(dtype=object)[pick[ind]]
            out["state"][ind] = inv["state"].astype(object).to_numpy()[pick[ind]]
            out["prov"][ind] = inv["true_province"].astype(object).to_numpy()[pick[ind]]
            out["id"][ind] = np.array([_uuid("person|" + i) for i in people["id"][per]], dtype=object)
            out["type"][ind] = np.where(country[ind] == "US", "4", "5")
        # organisations
        orgs = self.organisations(country, sector, ~ind)
        for key in ("id", "name", "city", "state", "prov"):
            out[key][~ind] = orgs[key][~ind]
        sector = np.where(ind, sector, orgs["sector"])
        typ = out["type"]
        org = ~ind
        us = country == "US"
        typ[org & (sector != "government")] = np.where(us, "2", "3")[org & (sector != "government")]
        gov = org & (sector == "government")
        typ[gov] = np.where(us[gov], np.where(rng.random(int(gov.sum())) < 0.9, "6", "9"), "7")
        multi = cnt[row_p] >= 2
        known = np.array([t is not None for t in typ], dtype=bool)
        part = multi & (rng.random(nr) < 0.05) & known
        typ[part] = np.array(["1" + t for t in typ[part]], dtype=object)
        upper = org & (sector == "firm") & (rng.random(nr) < 0.03)
        out["name"][upper] = np.array([s.upper() for s in out["name"][upper]], dtype=object)
        df = pd.DataFrame({
            "patent_id": pd.array(patent_id[row_p], dtype="string"),
            "applicant_id": pd.array(out["id"], dtype="string"),
            "sequence": pd.array(row_pos, dtype="Int64"),
            "name": pd.array(out["name"], dtype="string"),
            "city": pd.array(out["city"], dtype="string"),
            "state": pd.array(out["state"], dtype="string"),
            "country": pd.array(country, dtype="string"),
            "country_raw": pd.array(country, dtype="string"),
            "province": pd.array([None] * nr, dtype="string"),
            "sector": pd.array(["unknown"] * nr, dtype="string"),
            "type_code": pd.array(typ, dtype="string"),
            "first_name": pd.array(out["first"], dtype="string"),
            "last_name": pd.array(out["last"], dtype="string"),
            "true_sector": pd.array(sector, dtype="string"),
            "true_province": pd.array(out["prov"], dtype="string"),
        })
        # one row per owner and patent
        df = df[~df.duplicated(["patent_id", "applicant_id"])].reset_index(drop=True)
        df["sequence"] = pd.array(df.groupby("patent_id", sort=False).cumcount().to_numpy(),
                                  dtype="Int64")
        return df

    def organisations(self, country, sector, mask):
        """Pick an organisation for every row in ``mask`` (country x sector)."""
        rng, T = self.rng, self.T
        nr = len(country)
        res = {k: np.full(nr, None, dtype=object) for k in ("id", "name", "city", "state", "prov")}
        res_sector = np.array(sector, dtype=object).copy()
        org = T.org
        listed = {}
        for (c, s), d in org.groupby(["country", "sector"], sort=True):
            listed[(c, s)] = d
        # rows whose sector has no vocabulary in that country
        for _, s in enumerate(("university", "research", "government", "hospital")):
            m = np.flatnonzero(mask & (res_sector == s))
            for c, mm in _by_value(country, m):
                if (c, s) in listed:
                    d = listed[(c, s)]
                    w = 1.0 / np.power(np.arange(1, len(d) + 1), 0.8)
                    j = rng.choice(len(d), size=len(mm), p=w / w.sum())
                    names = d["name"].to_numpy(dtype=object)[j]
                    res["name"][mm] = names
                    res["city"][mm] = d["city"].to_numpy(dtype=object)[j]
                    st = d["state"].to_numpy(dtype=object)[j]
                    res["state"][mm] = np.where(st == "", None, st)
                elif s in ("university", "hospital"):
                    cities, _, _ = self.org_cities(c, 6)
                    cities = [x for x in cities if x] or [None]
                    j = rng.integers(0, len(cities), len(mm))
                    if s == "university":
                        tmpl = np.array(["University of {c}", "{c} University"], dtype=object)
                    else:
                        tmpl = np.array(["{c} General Hospital", "{c} University Hospital"], dtype=object)
                    t = tmpl[rng.integers(0, 2, len(mm))]
                    names, cs = [], []
                    for tt, jj in zip(t, j):
                        cc = cities[jj]
                        names.append(tt.format(c=cc if cc else c))
                        cs.append(cc)
                    res["name"][mm] = np.array(names, dtype=object)
                    res["city"][mm] = np.array(cs, dtype=object)
                else:
                    res_sector[mm] = "firm"
        # firms: a generated pool per country
        m = np.flatnonzero(mask & (res_sector == "firm"))
        for c, mm in _by_value(country, m):
            k = len(mm)
            pool = max(3, int(np.ceil(k / 3)))
            names, cities, states, provs = self.firm_pool(c, pool)
            w = 1.0 / np.arange(1, pool + 1)
            j = rng.choice(pool, size=k, p=w / w.sum())
            res["name"][mm] = names[j]
            res["city"][mm] = cities[j]
            res["state"][mm] = states[j]
            res["prov"][mm] = provs[j]
        # ids, and provinces of listed Chinese organisations
        sel = np.flatnonzero(mask)
        res["id"][sel] = [_uuid(f"{country[i]}|{res['name'][i]}") for i in sel]
        cn_listed = mask & (country == "CN") & (res_sector != "firm")
        if cn_listed.any():
            lookup = dict(zip(T.pref_name, T.pref_province))
            res["prov"][cn_listed] = [lookup.get(x) for x in res["city"][cn_listed]]
        res["sector"] = res_sector
        return res

    def org_cities(self, country, size):
        T = self.T
        if country == "CN":
            w = T.pref_weight
            pref = self.rng.choice(len(w), size=size, p=w / w.sum())
            return T.pref_name[pref].astype(object), np.full(size, None, dtype=object), pref
        city, state, pref = self.homes(country, size)
        return city, state, pref

    def firm_pool(self, country, size):
        rng, T = self.rng, self.T
        legal = _LEGAL.get(country, _LEGAL[None])
        pats = [p for p, _ in legal]
        pw = np.array([w for _, w in legal], dtype=float)
        chosen = rng.choice(len(pats), size=size, p=pw / pw.sum())
        cities, states, pref = self.org_cities(country, size)
        provs = np.full(size, None, dtype=object)
        if country == "CN":
            provs = T.pref_province[pref].astype(object)
        culture = T.culture_of.get(country, "western")
        last_pool = self._surnames(culture)
        names = np.empty(size, dtype=object)
        ia = rng.integers(0, 1 << 30, size=(size, 6))
        for i in range(size):
            a = ia[i]
            if country in ("CN",):
                brand = _PINYIN[a[0] % len(_PINYIN)] + _PINYIN[a[1] % len(_PINYIN)].lower()
            elif culture in _EAST_A:
                brand = _EAST_A[culture][a[0] % len(_EAST_A[culture])] + \
                    _EAST_B[culture][a[1] % len(_EAST_B[culture])]
            elif culture in ("hk", "sg", "my"):
                brand = _PINYIN[a[0] % len(_PINYIN)] + _PINYIN[a[1] % len(_PINYIN)].lower()
                if a[5] % 2:
                    brand = _WEST_A[a[2] % len(_WEST_A)] + _WEST_B[a[3] % len(_WEST_B)]
            else:
                brand = _WEST_A[a[0] % len(_WEST_A)] + _WEST_B[a[1] % len(_WEST_B)]
            city = cities[i] or ""
            prov = T.pref_province_name[pref[i]] if country == "CN" and pref[i] >= 0 else ""
            names[i] = pats[chosen[i]].format(
                b=brand, p=brand, i=_INDUSTRIES[a[2] % len(_INDUSTRIES)], city=city, prov=prov,
                s=last_pool[a[3] % len(last_pool)], s2=last_pool[a[4] % len(last_pool)],
                u=_UNIV_SHORT[a[4] % len(_UNIV_SHORT)]).replace("  ", " ").strip()
        return names, cities, states, provs

    def _surnames(self, culture):
        T = self.T
        if culture not in T.cultures:
            culture = "western"
        g = T.cultures.index(culture) * 2
        s = T.name_sampler
        items = s.order[s.start[g]:s.end[g]]
        return [T.name_value[i] for i in items]

    # -- classes -------------------------------------------------------
    def classes(self, patent_id):
        rng, T, n = self.rng, self.T, self.n
        util = ~self.design
        ncls = np.where(util, rng.choice([1, 2, 3, 4], size=n, p=_NCLASS_PMF), 0)
        row_p, row_pos, starts = _segments(ncls)
        nr = len(row_p)
        w_cn_cum = np.cumsum(T.ipc_w_cn)
        w_w_cum = np.cumsum(T.ipc_w_world)
        cn_mix = self.group[row_p] > 0
        u = rng.random(nr)
        code = np.where(cn_mix, np.searchsorted(w_cn_cum, u * w_cn_cum[-1], side="right"),
                        np.searchsorted(w_w_cum, u * w_w_cum[-1], side="right"))
        code = np.minimum(code, len(T.ipc_code) - 1)
        # later codes: often in the main code's subclass
        if nr:
            main = code[starts[row_p]]
            same = (row_pos > 0) & (rng.random(nr) < 0.55)
            alt = T.ipc_sub_start[main] + np.floor(rng.random(nr) * T.ipc_sub_len[main]).astype(np.int64)
            code = np.where(same, alt, code)
        df = pd.DataFrame({"patent_id": patent_id[row_p], "code": T.ipc_code[code], "p": row_p})
        df = df[~df.duplicated(["patent_id", "code"])].reset_index(drop=True)
        seq = df.groupby("p", sort=False).cumcount().to_numpy()
        main_section = np.full(n, None, dtype=object)
        firsts = df[seq == 0]
        main_section[firsts["p"].to_numpy()] = firsts["code"].str[0].to_numpy(dtype=object)
        out = pd.DataFrame({
            "patent_id": pd.array(df["patent_id"].to_numpy(dtype=object), dtype="string"),
            "scheme": pd.array(["ipc"] * len(df), dtype="string"),
            "code": pd.array(df["code"].to_numpy(dtype=object), dtype="string"),
            "is_main": pd.array(seq == 0, dtype="boolean"),
            "sequence": pd.array(seq, dtype="Int64"),
        })
        return out, main_section

    def titles(self, main_section):
        rng = self.rng
        n = len(main_section)
        sec = np.where(self.design, "design", main_section)
        sec = np.where(pd.isna(sec), "G", sec)
        out = np.empty(n, dtype=object)
        tw = np.array([w for _, w in _TEMPLATES], dtype=float)
        tpl = rng.choice(len(_TEMPLATES), size=n, p=tw / tw.sum())
        topic_u = rng.random(n)
        for i in range(n):
            topics = _TITLE_TOPICS[sec[i]]
            t = topics[int(topic_u[i] * len(topics))]
            if sec[i] == "design":
                out[i] = t.capitalize()
                continue
            out[i] = _TEMPLATES[tpl[i]][0].format(T=t[0].upper() + t[1:], t=t)
        return out
