"""Applicant sectors from names: firm, university, research, government, hospital, individual.

The sector of an applicant (assignee) is decided by a table of rules, which
is data: :func:`sector_rules` returns it, users read it, add rows and pass
the extended table back as ``rules=``. The default table
(``patnet/classify/data/sector_rules.csv``) is written by
``tools/derive_sector_rules.py`` from public word lists (NBER Patent Data
Project organisation-type patterns, the legal forms of Magerman, Van Looy &
Song, the TU Delft university word list, the US federal agencies of
PatentsView, the USPTO assignee-type codes) and from hand-written rules for
Chinese names, Belt and Road countries, famous research organisations and
the hard cases listed below.

How a name is matched
---------------------
Each name is normalised once (:func:`normalize_name`): Unicode NFKC, accents
removed from Latin letters, upper case, apostrophes dropped (``L'Oreal`` ->
``LOREAL``), ``&`` kept as a word, every other punctuation mark and symbol a
space, runs of spaces collapsed. Rules are tried **in ascending
``priority``; rows of equal priority in table order**; the first rule that
matches decides. A rule's ``match`` says how its ``pattern`` is used:

``word``
    whole words: ``UNIVERSITY`` matches ``TSINGHUA UNIVERSITY`` but not
    ``UNIVERSITYX`` (the pattern is normalised like a name).
``legal_form``
    like ``word``; marks a company legal form (``GMBH``, ``CO LTD``).
``prefix``
    the start of a word: ``UNIVERSIT`` matches ``UNIVERSITAT``.
``substring``
    anywhere, also inside words; used for Chinese (``大学``) and for
    compounds (``FORSCHUNG`` in ``KREBSFORSCHUNGSZENTRUM``).
``regex``
    a Python regular expression searched in the normalised name with one
    space added before and after it (``" TSINGHUA UNIVERSITY "``).
``raw_regex``
    a regular expression searched in the name with punctuation kept (upper
    case, NFKC, accents removed, spaces collapsed, one space before and
    after): for shapes such as ``"LAST, FIRST"``.
``type_code``
    the source's assignee type code (PatentsView / USPTO: ``"4"`` US
    individual, ``"6"`` US federal government; ``"02"`` and ``"2.0"`` are
    read as ``"2"``).

A rule with a ``countries`` value (ISO codes separated by spaces) only
applies to names whose country is one of them (``AS`` is a legal form in
Norway, a word elsewhere); it never applies when the country is unknown.

Precedence of the default table
-------------------------------
=========  ===========================================================
priority   rules
=========  ===========================================================
10         named organisations and families (Fraunhofer, Max Planck,
           CNRS, CEA, A*STAR, ITRI, ETRI, KIST and the other "Korea
           Institute of" bodies, CSIR / CSIRO, MIMOS, NSTDA, KACST,
           RIKEN, AIST, national-laboratory operators, university
           technology-transfer companies such as Yissum, Ramot, Yeda,
           Technion R&D, Isis Innovation; University of Chinese Academy of
           Sciences; hospital TTOs such as Hadasit; Samsung Advanced
           Institute of Technology is a firm)
20         the state as owner: "United States of America", "as
           represented by", "Her Majesty", "Secretary of State for",
           "Bundesrepublik Deutschland", "Etat francais", "Republic of"
29         firms selling to hospitals ("Hospital Systems", "Hospital
           Products")
30         hospitals: HOSPITAL, MEDICAL CENTER, CANCER CENTER, KLINIKUM,
           ZIEKENHUIS, IRCCS, 医院 ... (before universities: university
           hospitals are hospitals)
38         Chinese / Japanese / Korean company forms: 公司, 集团, 株式会社,
           주식회사 (a 研究院 or 大学 that is a 有限公司 is a firm)
40         research, strong: academies of sciences (ACADEMY OF ... SCIENCES,
           AKADEMII NAUK, AKADEMIE VED), FORSCHUNG, NATIONAL LABORATORY,
           研究院 / 研究所 / 科学院 / 实验室
44         university technology-transfer bodies: a university word and a
           transfer word (RESEARCH FOUNDATION, INNOVATION, ENTERPRISE, R&DB
           FOUNDATION, INDUSTRY-ACADEMIC COOPERATION ...)
46         university-owned companies: a university word followed by GROUP,
           HOLDINGS, CO LTD ... (Peking University Founder Group) are firms
50         universities: UNIVERSITY and its forms in many languages, COLLEGE,
           INSTITUTE OF TECHNOLOGY, INSTITUTE OF SCIENCE (AND TECHNOLOGY),
           POLYTECHNIC, HOCHSCHULE, REGENTS OF, TRUSTEES OF, 大学, 学院 ...
60         government, strong: ministries, US federal agencies (names of
           three words or more), GOVERNMENT OF, 局 / 部 / 委员会 / 政府
70         legal forms: INC, LTD, CO, GMBH, AG, SA, KABUSHIKI KAISHA, BERHAD,
           ANONIM SIRKETI ... (so "X Research Institute, Inc." is a firm)
72         research phrases: INSTITUTE, INSTITUT, ISTITUTO, RESEARCH CENTER,
           RESEARCH COUNCIL, KENKYUSHO, USTAV ...
75         assignee type codes: 1, 4, 5 (and 11, 14, 15) individual; 6-9
           (and 16-19) government. Codes 2 / 3 ("company") decide nothing:
           universities carry them.
76         individuals, "LAST, FIRST" / "LAST; FIRST" with no other word
79-80      weak words: CLINIC, HEALTH SYSTEM (hospital); ACADEMY,
           LABORATORY, FOUNDATION, STIFTUNG, E.V. (research); AGENCY,
           AUTHORITY, COMMISSION, COUNCIL, STATE OF, CITY OF (government);
           SCHOOL, REGENTS (university)
85         firm words without a legal form: INDUSTRIES, TECHNOLOGIES,
           INTERNATIONAL, GROUP, ENGINEERING, LABORATORIES, ...
88-90      individuals: "LAST FIRST M" with one initial; titles DR, PROF,
           DIPL ING, JR
=========  ===========================================================

Names that no rule matches are ``unknown``: a name is never defaulted to
``firm``.

Hard cases decided
------------------
Academies of sciences and their institutes are research, not universities,
while the University of Chinese Academy of Sciences is a university.
State-owned enterprises (Sinopec, State Grid, Rosatom) are firms. University
hospitals (Seoul National University Hospital, Universitätsklinikum) and
university medical centres are hospitals; a university's school of medicine
is the university. "The United States of America as represented by the
Secretary of ..." is government; US federal agencies named as such
(NIST, NIH) are government, while foreign public research bodies named as
themselves (KACST, CSIR, A*STAR, NSTDA) are research. "Regents of the
University of ...", "Board of Trustees of ..." and university
technology-transfer companies (Yissum, Ramot, Technion R&D Foundation,
Yeda of the Weizmann Institute, which Israel recognises as a university)
are universities; hospital transfer companies (Hadasit) are hospitals.
Fraunhofer, CNRS, CEA, A*STAR, ITRI, ETRI, KIST, CSIR, VTT, TNO, Max Planck,
INSERM, CNR, CSIC and the operators of US national laboratories are
research. "Institute of Technology" names (MIT, Caltech, IITs, KAIST,
Technion) are universities, as are the Korean "Institutes of Science and
Technology" (GIST, DGIST, UNIST) but not KIST. An institute that carries a
company legal form ("Toyota Research Institute, Inc.", "Nomura Research
Institute, Ltd.", a 研究院有限公司) is a firm unless it is named at
priority 10 (Electric Power Research Institute, Broad Institute, VTT Oy);
German public research centres (Forschungszentrum Jülich GmbH) are research.
The Mayo Foundation for Medical Education and Research is a hospital.

References
----------
Hall, B. H., Jaffe, A. B. and Trajtenberg, M. (2001). The NBER patent
citation data file. NBER Working Paper 8498 (organisation-type patterns of
the NBER Patent Data Project).

Magerman, T., Van Looy, B. and Song, X. (2006). Data production methods for
harmonised patent statistics: patentee name harmonisation. Eurostat.

Examples
--------
>>> from patnet.classify.sectors import sector
>>> sector(["Tsinghua University", "Huawei Technologies Co., Ltd."])["label"].tolist()
['university', 'firm']
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from .. import schema
from ..exceptions import PatnetInputError

__all__ = [
    "MATCH_KINDS",
    "RULE_COLUMNS",
    "DEFAULT_RULES_PATH",
    "normalize_name",
    "sector_rules",
    "sector",
    "assign_sectors",
]

#: How a rule's pattern is matched (see the module docstring).
MATCH_KINDS = ("word", "legal_form", "prefix", "substring", "regex", "raw_regex", "type_code")
#: Columns of a rules table; the first five are required.
RULE_COLUMNS = ("rule_id", "priority", "label", "match", "pattern",
                "countries", "language", "note", "source")
_REQUIRED = RULE_COLUMNS[:5]
#: The rules table shipped with patnet.
DEFAULT_RULES_PATH = Path(__file__).resolve().parent / "data" / "sector_rules.csv"
_UNMATCHED = "unmatched"

# -- normalisation ---------------------------------------------------------

_EXTRA_FOLD = {"Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ł": "L",
               "ł": "l", "Œ": "OE", "œ": "oe", "Þ": "TH", "þ": "th", "ı": "i", "Ħ": "H",
               "ħ": "h", "Ŧ": "T", "ŧ": "t", "Ŋ": "NG", "ŋ": "ng", "ĸ": "q"}
_APOSTROPHES = "'’‘`´ʼʻ′"


def _fold_table():
    """Translate table: accented Latin letters -> base letters."""
    table = {}
    for lo, hi in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for cp in range(lo, hi):
            ch = chr(cp)
            base = "".join(c for c in unicodedata.normalize("NFKD", ch)
                           if not unicodedata.combining(c))
            if base and base != ch and base.isascii():
                table[cp] = base
    for k, v in _EXTRA_FOLD.items():
        table[ord(k)] = v
    return table


def _space_table():
    """Translate table: punctuation, symbols, separators and controls -> space."""
    table = {}
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        cat = unicodedata.category(chr(cp))
        if cat[0] in "PSZC":
            table[cp] = " "
    for ch in _APOSTROPHES:
        table[ord(ch)] = None
    table[ord("&")] = " & "
    table[ord("_")] = " "
    return table


_FOLD = _fold_table()
_SPACE = _space_table()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_FOLD).upper()


def normalize_name(name) -> str:
    """The form of a name that sector rules are matched against.

    Unicode NFKC, accents removed from Latin letters, upper case,
    apostrophes dropped, ``&`` kept as a word, other punctuation and symbols
    replaced by spaces, runs of spaces collapsed. Missing values give ``""``.

    Parameters
    ----------
    name : str or None

    Returns
    -------
    str

    Examples
    --------
    >>> from patnet.classify.sectors import normalize_name
    >>> normalize_name("Universität  Stuttgart")
    'UNIVERSITAT STUTTGART'
    >>> normalize_name("Commissariat à l'Energie Atomique")
    'COMMISSARIAT A LENERGIE ATOMIQUE'
    >>> normalize_name("AT&T Corp.")
    'AT & T CORP'
    """
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return ""
    return " ".join(_fold(str(name)).translate(_SPACE).split())


def _raw_key(name) -> str:
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return "  "
    return " " + " ".join(_fold(str(name)).split()) + " "


def _norm_code(code):
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        return None
    s = str(code).strip()
    if not s:
        return None
    m = re.fullmatch(r"0*(\d+)(?:\.0*)?", s)
    if m:
        return str(int(m.group(1)))
    return s.upper()


def _norm_country(c):
    if c is None or (not isinstance(c, str) and pd.isna(c)):
        return None
    s = str(c).strip().upper()
    return s or None


# -- the rules table -------------------------------------------------------

def _read_rules_csv(path) -> pd.DataFrame:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PatnetInputError("rules file not found", file=path,
                               hint="Pass a CSV with columns " + ", ".join(RULE_COLUMNS)
                               + ", or a DataFrame") from None
    lines = text.splitlines(keepends=True)
    skip = 0
    while skip < len(lines) and lines[skip].startswith("#"):
        skip += 1
    return pd.read_csv(io.StringIO("".join(lines[skip:])), dtype=str, keep_default_na=False)


def _validate_rules(df: pd.DataFrame, origin="rules") -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise PatnetInputError(f"rules must be a DataFrame or a path, got {type(df).__name__}",
                               hint="Start from patnet.classify.sectors.sector_rules() and "
                                    "add rows with pandas.concat")
    missing = [c for c in _REQUIRED if c not in df.columns]
    if missing:
        raise PatnetInputError(
            f"{origin} lack column(s) {missing}"
            f"{schema.did_you_mean(missing[0], [str(c) for c in df.columns])}",
            column=missing[0], hint="A rules table needs the columns " + ", ".join(_REQUIRED))
    out = df.reset_index(drop=True).copy()
    for c in RULE_COLUMNS:
        if c not in out.columns:
            out[c] = ""
        out[c] = out[c].astype("object").where(out[c].notna(), "").astype(str).str.strip()
    out = out[list(RULE_COLUMNS) + [c for c in df.columns if c not in RULE_COLUMNS]]
    pr = pd.to_numeric(out["priority"], errors="coerce")
    if pr.isna().any():
        i = int(np.flatnonzero(pr.isna().to_numpy())[0])
        raise PatnetInputError(f"{origin}: priority must be a number (row {i}, rule "
                               f"{out.at[i, 'rule_id']!r})",
                               column="priority", value=out.at[i, "priority"],
                               hint="Lower numbers are tried first, e.g. 10 or 75")
    out["priority"] = pr.astype(float)
    for col, valid in (("label", schema.SECTORS), ("match", MATCH_KINDS)):
        bad = ~out[col].isin(valid)
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            v = out.at[i, col]
            raise PatnetInputError(
                f"{origin}: unknown {col} {v!r}{schema.did_you_mean(v, valid)} (row {i}, rule "
                f"{out.at[i, 'rule_id']!r})",
                column=col, value=v,
                hint=f"Valid values are {', '.join(valid)}")
    empty = out["pattern"] == ""
    if empty.any():
        i = int(np.flatnonzero(empty.to_numpy())[0])
        raise PatnetInputError(f"{origin}: empty pattern (row {i}, rule {out.at[i, 'rule_id']!r})",
                               column="pattern", hint="Give every rule a pattern")
    noid = out["rule_id"] == ""
    if noid.any():
        out.loc[noid, "rule_id"] = [f"row-{i}" for i in np.flatnonzero(noid.to_numpy())]
    return out


@functools.lru_cache(maxsize=4)
def _default_rules_cached(path: str, mtime: float) -> pd.DataFrame:
    return _validate_rules(_read_rules_csv(path), origin=f"rules file {path!r}")


def sector_rules(path=None) -> pd.DataFrame:
    """The sector rules table (the default one shipped with patnet, or a file).

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A CSV file with the columns of :data:`RULE_COLUMNS` (``rule_id``,
        ``priority``, ``label``, ``match``, ``pattern`` are required). Lines
        starting with ``#`` at the top are a source note and are skipped.
        Default: ``patnet/classify/data/sector_rules.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per rule, in table order, ``priority`` as a float.

    Raises
    ------
    PatnetInputError
        The file is missing, or a row has an unknown label or match kind,
        an empty pattern or a priority that is not a number.

    Examples
    --------
    Add a rule and pass the extended table to :func:`sector`:

    >>> import pandas as pd
    >>> from patnet.classify.sectors import sector, sector_rules
    >>> rules = sector_rules()
    >>> rules.columns.tolist()[:5]
    ['rule_id', 'priority', 'label', 'match', 'pattern']
    >>> sector("Mintek", rules=rules)["label"].iloc[0]
    'unknown'
    >>> mine = pd.DataFrame({"rule_id": ["my-mintek"], "priority": [10],
    ...                      "label": ["research"], "match": ["word"], "pattern": ["Mintek"]})
    >>> sector("Mintek", rules=pd.concat([rules, mine]))[["label", "rule"]].iloc[0].tolist()
    ['research', 'my-mintek']
    """
    p = DEFAULT_RULES_PATH if path is None else Path(path)
    if not p.is_file():
        raise PatnetInputError("rules file not found", file=p,
                               hint="Pass a CSV with columns " + ", ".join(RULE_COLUMNS))
    return _default_rules_cached(str(p), p.stat().st_mtime).copy()


# -- compiling rules into matching steps ------------------------------------

def _trie_regex(words) -> str:
    """One regular expression matching any of ``words`` (longest first)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def rec(node):
        end = "" in node
        branches = [re.escape(ch) + rec(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if end else body

    return rec(trie)


class _Step:
    __slots__ = ("kind", "label", "countries", "regex", "lookup", "rule_id", "codes", "priority")

    def __init__(self, kind, label, countries, priority):
        self.kind = kind
        self.label = label
        self.countries = countries
        self.priority = priority
        self.regex = None
        self.lookup = None
        self.rule_id = None
        self.codes = None


def _countries(text):
    parts = [p for p in re.split(r"[\s,;]+", text.upper()) if p]
    return frozenset(parts) if parts else None


def _compile(rules: pd.DataFrame) -> list:
    """Turn a validated rules table into an ordered list of matching steps."""
    order = np.argsort(rules["priority"].to_numpy(), kind="stable")
    r = rules.iloc[order].reset_index(drop=True)
    steps: list = []
    literal = {"word", "legal_form", "prefix", "substring"}
    run_key = None
    run_rows: list = []

    def flush():
        if not run_rows:
            return
        prio, label, match, ctry = run_key
        step = _Step("literal" if match in literal else match, label, _countries(ctry), prio)
        if match in literal:
            lookup = {}
            for rid, pat in run_rows:
                key = normalize_name(pat)
                if not key:
                    raise PatnetInputError("rule pattern is empty after normalisation",
                                           column="pattern", value=pat,
                                           hint=f"Rule {rid!r}: use letters or digits")
                lookup.setdefault(key, rid)
            body = _trie_regex(sorted(lookup))
            if match in ("word", "legal_form"):
                rx = rf"(?<= )(?P<p>{body})(?= )"
            elif match == "prefix":
                rx = rf"(?<= )(?P<p>{body})[^ ]*"
            else:
                rx = rf"(?P<p>{body})"
            step.regex = re.compile(rx)
            step.lookup = lookup
            steps.append(step)
        elif match == "type_code":
            step.lookup = {}
            for rid, pat in run_rows:
                for code in re.split(r"[\s,;]+", pat):
                    c = _norm_code(code)
                    if c is not None:
                        step.lookup.setdefault(c, rid)
            step.codes = frozenset(step.lookup)
            steps.append(step)
        else:
            for rid, pat in run_rows:
                s = _Step(match, label, _countries(ctry), prio)
                try:
                    s.regex = re.compile(pat)
                except re.error as exc:
                    raise PatnetInputError(f"rule {rid!r} has an invalid regular expression: {exc}",
                                           column="pattern", value=pat,
                                           hint="Fix the expression (Python re syntax)") from None
                s.rule_id = rid
                steps.append(s)

    for row in r.itertuples(index=False):
        key = (row.priority, row.label, row.match, row.countries)
        if key != run_key:
            flush()
            run_key, run_rows = key, []
        run_rows.append((row.rule_id, row.pattern))
    flush()
    return steps


@functools.lru_cache(maxsize=4)
def _default_steps(path: str, mtime: float) -> tuple:
    return tuple(_compile(_default_rules_cached(path, mtime)))


def _steps_for(rules):
    if rules is None:
        p = DEFAULT_RULES_PATH
        if not p.is_file():
            raise PatnetInputError("the default sector rules file is missing", file=p,
                                   hint="Reinstall patnet, or pass rules=")
        return _default_steps(str(p), p.stat().st_mtime), "default"
    if isinstance(rules, (str, Path)):
        p = Path(rules)
        if not p.is_file():
            raise PatnetInputError("rules file not found", file=p,
                                   hint="Pass a CSV with columns " + ", ".join(RULE_COLUMNS))
        return _default_steps(str(p), p.stat().st_mtime), str(p)
    return tuple(_compile(_validate_rules(rules))), "custom"


# -- classification --------------------------------------------------------

def _as_list(values, n, what):
    if values is None or isinstance(values, str) or np.isscalar(values):
        return [values] * n
    vals = list(values.tolist() if hasattr(values, "tolist") else values)
    if len(vals) != n:
        raise PatnetInputError(f"{what} has {len(vals)} values for {n} names",
                               column=what, hint=f"Give one {what} per name, or a single value")
    return vals


def _classify_keys(keys, raws, countries, codes, steps):
    n = len(keys)
    label = np.full(n, "unknown", dtype=object)
    rule = np.full(n, _UNMATCHED, dtype=object)
    evidence = np.full(n, None, dtype=object)
    todo = np.arange(n)
    for step in steps:
        if not len(todo):
            break
        cand = todo
        if step.countries is not None:
            cand = np.array([i for i in cand if countries[i] in step.countries], dtype=int)
            if not len(cand):
                continue
        hit = []
        if step.kind == "literal":
            rx, lookup = step.regex, step.lookup
            for i in cand:
                m = rx.search(keys[i])
                if m is not None:
                    hit.append(i)
                    rule[i] = lookup[m.group("p")]
                    evidence[i] = m.group(0).strip()
        elif step.kind in ("regex", "raw_regex"):
            rx = step.regex
            src = keys if step.kind == "regex" else raws
            for i in cand:
                m = rx.search(src[i])
                if m is not None:
                    hit.append(i)
                    rule[i] = step.rule_id
                    evidence[i] = m.group(0).strip() or src[i].strip()
        else:  # type_code
            for i in cand:
                c = codes[i]
                if c is not None and c in step.codes:
                    hit.append(i)
                    rule[i] = step.lookup[c]
                    evidence[i] = f"assignee_type={c}"
        if hit:
            hit = np.asarray(hit, dtype=int)
            label[hit] = step.label
            todo = np.setdiff1d(todo, hit, assume_unique=True)
    return label, rule, evidence


def sector(names, *, country=None, assignee_type=None, rules=None) -> pd.DataFrame:
    """Classify applicant names into sectors, with the rule and evidence behind each.

    Parameters
    ----------
    names : str or sequence of str or pandas.Series
        Applicant (assignee) names: organisation names, or ``"Last, First"``
        for persons. Missing values are allowed.
    country : str or sequence, optional
        ISO 3166-1 alpha-2 country of each name (or one for all). Only
        country-specific rules (``countries`` column) use it.
    assignee_type : str or sequence, optional
        Assignee type code of each name (PatentsView / USPTO ``assignee_type``:
        ``"4"`` / ``"5"`` individual, ``"6"``-``"9"`` government; ``"2"`` /
        ``"3"`` company, which universities also carry, so it decides
        nothing). Names that match a rule of lower priority number win over
        the code.
    rules : pandas.DataFrame or path, optional
        A rules table (see :func:`sector_rules`); default the table shipped
        with patnet.

    Returns
    -------
    pandas.DataFrame
        One row per name, in input order (index of ``names`` if it is a
        Series), with columns ``name``; ``label``, one of
        :data:`patnet.schema.SECTORS`; ``rule``, the ``rule_id`` that
        decided (``"unmatched"`` for ``unknown``); ``evidence``, the matched
        text or ``"assignee_type=<code>"`` (missing when unmatched).

    Raises
    ------
    PatnetInputError
        ``country`` or ``assignee_type`` has a different length than
        ``names``, or the rules table is invalid.

    Notes
    -----
    Rules are tried in ascending priority and the first match decides
    (module docstring: precedence and hard cases). Work is done once per
    distinct (name, country, type code).

    Examples
    --------
    >>> from patnet.classify.sectors import sector
    >>> out = sector(["Institute of Microelectronics, Chinese Academy of Sciences",
    ...               "University of Chinese Academy of Sciences",
    ...               "Seoul National University Hospital",
    ...               "Regents of the University of California",
    ...               "China Petroleum & Chemical Corporation",
    ...               "The United States of America as represented by the Secretary of the Navy",
    ...               "Smith, John", "Zorblax"])
    >>> out["label"].tolist()
    ['research', 'university', 'hospital', 'university', 'firm', 'government', 'individual', 'unknown']
    >>> out.loc[2, "evidence"], out.loc[7, "rule"]
    ('HOSPITAL', 'unmatched')
    >>> sector(["Lee, Kevin", "Acme"], assignee_type=["4", "2"])["evidence"].tolist()
    ['assignee_type=4', <NA>]
    """
    if isinstance(names, pd.Series):
        index = names.index
        values = names.tolist()
    elif names is None or isinstance(names, str) or (np.isscalar(names) and pd.isna(names)):
        index = pd.RangeIndex(1)
        values = [names]
    elif isinstance(names, Iterable) and not isinstance(names, (bytes, dict)):
        values = list(names.tolist() if hasattr(names, "tolist") else names)
        index = pd.RangeIndex(len(values))
    else:
        raise PatnetInputError(f"names must be a string or a sequence of strings, "
                               f"got {type(names).__name__}")
    n = len(values)
    steps, origin = _steps_for(rules)
    ctry = [_norm_country(c) for c in _as_list(country, n, "country")]
    codes = [_norm_code(c) for c in _as_list(assignee_type, n, "assignee_type")]
    # lone surrogates (from text decoded with errors="surrogateescape") cannot be stored
    # as Arrow strings: they are replaced by U+FFFD
    text = [None if (v is None or (not isinstance(v, str) and pd.isna(v)))
            else str(v).encode("utf-8", "replace").decode("utf-8") for v in values]
    seen: dict = {}
    pos = np.empty(n, dtype=np.intp)
    for i, triple in enumerate(zip(text, ctry, codes)):
        j = seen.get(triple)
        if j is None:
            j = seen[triple] = len(seen)
        pos[i] = j
    uniq = list(seen)
    keys = [" " + normalize_name(t[0]) + " " for t in uniq]
    raws = [_raw_key(t[0]) for t in uniq]
    lab, rid, evd = _classify_keys(keys, raws, [t[1] for t in uniq], [t[2] for t in uniq], steps)
    out = pd.DataFrame({
        "name": pd.array(text, dtype="string"),
        "label": pd.array(lab[pos], dtype="string"),
        "rule": pd.array(rid[pos], dtype="string"),
        "evidence": pd.array(evd[pos], dtype="string"),
    }, index=index)
    out.attrs = {"rules": origin, "n_rules": len(steps)}
    return out


def assign_sectors(corpus, *, rules=None, top_unknown: int = 20):
    """Fill ``applicants.sector`` of a corpus from the names (and type codes).

    Parameters
    ----------
    corpus : PatentCorpus
    rules : pandas.DataFrame or path, optional
        Rules table (default: :func:`sector_rules`).
    top_unknown : int, default 20
        How many of the most frequent unclassified names the summary lists.

    Returns
    -------
    corpus : PatentCorpus
        A new corpus whose ``applicants`` table has ``sector`` filled
        (replacing what it held) and two extra columns, ``sector_rule`` and
        ``sector_evidence``, that say why.
    summary : pandas.DataFrame
        Indexed by (``part``, ``item``): part ``"label"`` has one row per
        sector (all seven, zeros included) and part ``"unknown"`` the most
        frequent unclassified names; columns ``rows`` (applicant rows),
        ``names`` (distinct names) and ``share`` (of applicant rows).

    Examples
    --------
    >>> import pandas as pd
    >>> import patnet as pn
    >>> from patnet.classify.sectors import assign_sectors
    >>> c = pn.PatentCorpus(
    ...     patents=pd.DataFrame({"patent_id": ["1", "2"]}),
    ...     applicants=pd.DataFrame({"patent_id": ["1", "1", "2"],
    ...                              "name": ["Tsinghua University", "ZTE Corporation", "Zorblax"],
    ...                              "type_code": ["3", "3", "3"]}))
    >>> c2, summary = assign_sectors(c)
    >>> c2.applicants["sector"].tolist()
    ['university', 'firm', 'unknown']
    >>> summary.loc["label", "rows"].to_dict()
    {'firm': 1, 'university': 1, 'research': 0, 'government': 0, 'hospital': 0, 'individual': 0, 'unknown': 1}
    >>> summary.loc["unknown"].index.tolist()
    ['Zorblax']
    """
    from ..corpus import PatentCorpus

    if not isinstance(corpus, PatentCorpus):
        raise PatnetInputError(f"expected a PatentCorpus, got {type(corpus).__name__}",
                               hint="Build one with patnet.PatentCorpus or a patnet.io reader")
    app = corpus.applicants
    res = sector(app["name"], country=app["country"], assignee_type=app["type_code"], rules=rules)
    new = app.copy()
    new["sector"] = res["label"].to_numpy()
    new["sector_rule"] = pd.array(res["rule"].to_numpy(), dtype="string")
    new["sector_evidence"] = pd.array(res["evidence"].to_numpy(), dtype="string")
    total = len(new)
    rows = []
    for lab in schema.SECTORS:
        m = new["sector"] == lab
        rows.append(("label", lab, int(m.sum()), int(new.loc[m, "name"].nunique()),
                     (m.sum() / total) if total else 0.0))
    unk = new.loc[new["sector"] == "unknown", "name"].dropna()
    if len(unk) and top_unknown:
        vc = unk.value_counts(sort=False)
        vc = vc.iloc[np.lexsort((vc.index.to_numpy(dtype=str), -vc.to_numpy()))][:top_unknown]
        for name, k in vc.items():
            rows.append(("unknown", str(name), int(k), 1, k / total))
    summary = pd.DataFrame(rows, columns=["part", "item", "rows", "names", "share"])
    summary = summary.set_index(["part", "item"])
    summary.attrs = {"rules": res.attrs.get("rules"), "applicant_rows": total}
    return corpus.replace(applicants=new), summary
