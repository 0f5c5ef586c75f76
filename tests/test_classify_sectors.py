"""Tests of patnet.classify.sectors: the applicant-sector rules.

The labelled set ``tests/data/sector_labels.csv`` holds real USPTO assignee
names (from the shared USPTO grant and Harvard inventor samples, and well-known
assignees of China, the Belt and Road countries and elsewhere), each labelled
by what the organisation is, not by the classifier's output. Its ``split``
column (a hash of the name) keeps a ``test`` half that the rules were not
tuned on.
"""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import patnet as pn
from patnet import schema
from patnet.classify import sectors as sectors_mod
from patnet.classify.sectors import (
    MATCH_KINDS,
    RULE_COLUMNS,
    assign_sectors,
    normalize_name,
    sector,
    sector_rules,
)
from patnet.exceptions import PatnetInputError

REPO = Path(__file__).resolve().parents[1]
ORGANISATION_SECTORS = {"firm", "university", "research", "government", "hospital"}


def label_of(name, **kw):
    return sector([name], **kw)["label"].iloc[0]


# -- hard cases --------------------------------------------------------------

HARD_CASES = [
    # academies of sciences and their institutes are research, not universities
    ("Chinese Academy of Sciences", "research"),
    ("Institute of Microelectronics, Chinese Academy of Sciences", "research"),
    ("Institute of Physics, Chinese Academy of Sciences", "research"),
    ("Shenzhen Institutes of Advanced Technology", "research"),
    ("Shenzhen Institutes of Advanced Technology, Chinese Academy of Sciences", "research"),
    ("Russian Academy of Sciences", "research"),
    ("Chinese Academy of Agricultural Sciences", "research"),
    ("Polska Akademia Nauk", "research"),
    ("Institut Elektrosvarki Imeni E.O. Patona Natsionalnoi Akademii Nauk Ukrainy", "research"),
    ("Ustav Organicke Chemie a Biochemie Akademie Ved CR, v.v.i.", "research"),
    ("Academia Sinica", "research"),
    # ... but the academy's university is a university
    ("University of Chinese Academy of Sciences", "university"),
    ("Graduate University of Chinese Academy of Sciences", "university"),
    # state-owned enterprises are firms
    ("China Petroleum & Chemical Corporation", "firm"),
    ("State Grid Corporation of China", "firm"),
    ("China National Petroleum Corporation", "firm"),
    ('State Atomic Energy Corporation "Rosatom"', "firm"),
    ("Saudi Arabian Oil Company", "firm"),
    ("Petroliam Nasional Berhad (Petronas)", "firm"),
    ("Bharat Heavy Electricals Limited", "firm"),
    # university hospitals are hospitals
    ("Seoul National University Hospital", "hospital"),
    ("University Hospital Heidelberg", "hospital"),
    ("Universitätsklinikum Hamburg-Eppendorf", "hospital"),
    ("Charite - Universitaetsmedizin Berlin", "hospital"),
    ("West China Hospital, Sichuan University", "hospital"),
    ("National Taiwan University Hospital", "hospital"),
    ("Massachusetts General Hospital", "hospital"),
    ("The General Hospital Corporation", "hospital"),
    ("Mayo Foundation for Medical Education and Research", "hospital"),
    ("The Cleveland Clinic Foundation", "hospital"),
    ("Memorial Sloan-Kettering Cancer Center", "hospital"),
    ("Hadasit Medical Research Services & Development Ltd.", "hospital"),
    # ... a university's school of medicine is the university
    ("Johns Hopkins University School of Medicine", "university"),
    # the United States (and other states) as owner
    ("The United States of America as represented by the Secretary of the Navy", "government"),
    ("The United States of America, as represented by the Secretary, Department of Health and "
     "Human Services", "government"),
    ("The Government of the United States of America, as represented by the Secretary of the Air "
     "Force", "government"),
    ("UNITED STATES OF AMERICA ARMY", "government"),
    ("Her Majesty the Queen in Right of Canada as represented by the Minister of National Defence",
     "government"),
    ("The Secretary of State for Defence", "government"),
    ("Bundesrepublik Deutschland, vertreten durch das Bundesministerium der Verteidigung",
     "government"),
    ("Tennessee Valley Authority", "government"),
    # universities under their legal names and their technology-transfer companies
    ("The Regents of the University of California", "university"),
    ("Regents of the University of Minnesota", "university"),
    ("Board of Trustees of the Leland Stanford Junior University", "university"),
    ("The Board of Trustees of the University of Illinois", "university"),
    ("President and Fellows of Harvard College", "university"),
    ("Arizona Board of Regents on behalf of Arizona State University", "university"),
    ("Yissum Research Development Company of the Hebrew University of Jerusalem Ltd.", "university"),
    ("Ramot at Tel-Aviv University Ltd.", "university"),
    ("Technion Research & Development Foundation Ltd.", "university"),
    ("Yeda Research and Development Co. Ltd.", "university"),
    ("Isis Innovation Limited", "university"),
    ("University of Central Florida Research Foundation, Inc.", "university"),
    ("Wisconsin Alumni Research Foundation", "university"),
    ("Georgia Tech Research Corporation", "university"),
    ("Industry-Academic Cooperation Foundation, Yonsei University", "university"),
    ("Seoul National University R&DB Foundation", "university"),
    ("Research and Business Foundation, Korea University", "university"),
    ("The State of Oregon acting by and through the State Board of Higher Education on behalf of "
     "Oregon State University", "university"),
    # ... but a university-owned company is a firm
    ("Peking University Founder Group Co., Ltd.", "firm"),
    # "Institute of Technology" names are universities
    ("Massachusetts Institute of Technology", "university"),
    ("California Institute of Technology", "university"),
    ("Indian Institute of Technology Bombay", "university"),
    ("Korea Advanced Institute of Science and Technology", "university"),
    ("Gwangju Institute of Science and Technology", "university"),
    ("Harbin Institute of Technology", "university"),
    ("Royal Melbourne Institute of Technology Limited", "university"),
    # ... except corporate laboratories and research companies
    ("Samsung Advanced Institute of Technology", "firm"),
    ("AIT Austrian Institute of Technology GmbH", "research"),
    # research organisations
    ("Fraunhofer-Gesellschaft zur Förderung der angewandten Forschung e.V.", "research"),
    ("Max-Planck-Gesellschaft zur Foerderung der Wissenschaften e.V.", "research"),
    ("Centre National de la Recherche Scientifique (CNRS)", "research"),
    ("CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE", "research"),
    ("Commissariat à l'Énergie Atomique et aux Énergies Alternatives", "research"),
    ("Commissariat a l'Energie Atomique", "research"),
    ("COMMISSARIAT A LENERGIE ATOMIQUE", "research"),
    ("Agency for Science, Technology and Research", "research"),
    ("Industrial Technology Research Institute", "research"),
    ("Electronics and Telecommunications Research Institute", "research"),
    ("Korea Institute of Science and Technology", "research"),
    ("Council of Scientific & Industrial Research", "research"),
    ("Commonwealth Scientific and Industrial Research Organisation", "research"),
    ("MIMOS Berhad", "research"),
    ("National Science and Technology Development Agency", "research"),
    ("King Abdulaziz City for Science and Technology", "research"),
    ("Institut National de la Sante et de la Recherche Medicale (INSERM)", "research"),
    ("Consiglio Nazionale delle Ricerche", "research"),
    ("Consejo Superior de Investigaciones Cientificas", "research"),
    ("Nederlandse Organisatie voor toegepast-natuurwetenschappelijk onderzoek TNO", "research"),
    ("Teknologian tutkimuskeskus VTT Oy", "research"),
    ("Forschungszentrum Jülich GmbH", "research"),
    ("National Institute of Advanced Industrial Science and Technology", "research"),
    ("RIKEN", "research"),
    ("Battelle Memorial Institute", "research"),
    ("UT-Battelle, LLC", "research"),
    ("Lawrence Livermore National Security, LLC", "research"),
    ("Sandia Corporation", "research"),
    ("Electric Power Research Institute, Inc.", "research"),
    # an institute with a company legal form is a firm
    ("Toyota Research Institute, Inc.", "firm"),
    ("Nomura Research Institute, Ltd.", "firm"),
    ("China Electric Power Research Institute Co., Ltd.", "firm"),
    ("Institut Straumann AG", "firm"),
    ("Genetics Institute, LLC", "firm"),
    ("Riken Keiki Co., Ltd.", "firm"),
    # words that look like sectors but are not
    ("Universal Display Corporation", "firm"),
    ("National Semiconductor Corporation", "firm"),
    ("State Farm Mutual Automobile Insurance Company", "firm"),
    ("Government Employees Insurance Company", "firm"),
    ("College Park Industries, Inc.", "firm"),
    ("Intelligent Hospital Systems Ltd", "firm"),
    ("Purdue Pharma L.P.", "firm"),
    ("Purdue Research Foundation", "university"),
    ("Cornell Dubilier Electronics, Inc.", "firm"),
    # firms of the brief
    ("Huawei Technologies Co., Ltd.", "firm"),
    ("ZTE Corporation", "firm"),
    ("BOE Technology Group Co., Ltd.", "firm"),
    ("Infosys Limited", "firm"),
    ("Wipro Limited", "firm"),
    ("Tata Consultancy Services Limited", "firm"),
    ("Samsung Electronics Co., Ltd.", "firm"),
    ("LG Electronics Inc.", "firm"),
    # universities of the brief
    ("Tsinghua University", "university"),
    ("Peking University", "university"),
    ("Zhejiang University", "university"),
    ("Shanghai Jiao Tong University", "university"),
    ("National University of Singapore", "university"),
    ("Nanyang Technological University", "university"),
    ("King Fahd University of Petroleum and Minerals", "university"),
    ("Politechnika Warszawska", "university"),
    ("Budapesti Muszaki es Gazdasagtudomanyi Egyetem", "university"),
    ("Ceske Vysoke Uceni Technicke v Praze", "university"),
    ("Universiti Sains Malaysia", "university"),
    ("Weizmann Institute of Science", "university"),
]


@pytest.mark.parametrize("name, expected", HARD_CASES)
def test_hard_cases(name, expected):
    out = sector([name])
    assert out["label"].iloc[0] == expected, out.to_dict("records")


def test_hard_cases_all_at_once_match_one_by_one():
    names = [n for n, _ in HARD_CASES]
    together = sector(names)["label"].tolist()
    assert together == [label_of(n) for n in names]


CHINESE = [
    ("清华大学", "university"),
    ("中国科学技术大学", "university"),
    ("南京航空航天大学", "university"),
    ("浙江工业大学", "university"),
    ("北京理工大学", "university"),
    ("中国科学院大学", "university"),
    ("深圳职业技术学院", "university"),
    ("中国科学院", "research"),
    ("中国科学院微电子研究所", "research"),
    ("中国科学院深圳先进技术研究院", "research"),
    ("中国农业科学院", "research"),
    ("中国工程物理研究院", "research"),
    ("之江实验室", "research"),
    ("北京大学第一医院", "hospital"),
    ("中国人民解放军总医院", "hospital"),
    ("上海交通大学医学院附属瑞金医院", "hospital"),
    ("國立臺灣大學醫學院附設醫院", "hospital"),
    ("国家知识产权局", "government"),
    ("中华人民共和国工业和信息化部", "government"),
    ("国务院国有资产监督管理委员会", "government"),
    ("深圳市人民政府", "government"),
    ("华为技术有限公司", "firm"),
    ("国家电网公司", "firm"),
    ("中国石油化工股份有限公司", "firm"),
    ("中国石油化工股份有限公司北京化工研究院", "firm"),
    ("北京大学方正集团有限公司", "firm"),
    ("国网智能电网研究院有限公司", "firm"),
    ("京东方科技集团股份有限公司", "firm"),
    ("鸿海精密工业股份有限公司", "firm"),
    ("株式会社東芝", "firm"),
    ("国立大学法人東京大学", "university"),
    ("삼성전자주식회사", "firm"),
    ("서울대학교", "university"),
    ("서울대학교병원", "hospital"),
]


@pytest.mark.parametrize("name, expected", CHINESE)
def test_chinese_japanese_korean_names(name, expected):
    assert label_of(name) == expected


LEGAL_FORMS = [
    "Robert Bosch GmbH", "Siemens Aktiengesellschaft", "Canon Kabushiki Kaisha", "Kone Oyj",
    "Volvo Lastvagnar AB", "Piaggio & C. S.p.A.", "Koninklijke Philips N.V.", "ASML Holding B.V.",
    "L'Oreal S.A.", "Valois SAS", "Binda Italia S.R.L.", "Johnson Matthey PLC",
    "Andreas Stihl AG & Co. KG", "Henkel KGaA", "Busless Computers SARL",
    "Obshchestvo s ogranichennoi otvetstvennostyu Yandex", "Kaspersky Lab ZAO",
    "Aselsan Elektronik Sanayi ve Ticaret Anonim Sirketi", "Richter Gedeon Nyrt.",
    "77 Elektronika Muszeripari Kft.", "Pliva Hrvatska d.o.o.", "PT Pertamina (Persero)",
    "Marvell Asia Pte Ltd", "Petroleo Brasileiro S.A. - Petrobras", "Truper Herramientas, SA DE CV",
    "Fractus, S.A.", "Siemens SE", "Statoil ASA", "Gencore FZE",
]


@pytest.mark.parametrize("name", LEGAL_FORMS)
def test_legal_forms_are_firms(name):
    assert label_of(name) == "firm"


@pytest.mark.parametrize("name, country", [("Sway AS", "NO"), ("Skoda Auto a.s.", "CZ"),
                                           ("Zentiva, k.s.", "CZ"),
                                           ("Krka, tovarna zdravil, d.d., Novo mesto", "SI"),
                                           ("Akademia Gorniczo-Hutnicza", "PL")])
def test_country_specific_rules_need_the_country(name, country):
    expected = "university" if "Akademia" in name else "firm"
    assert label_of(name, country=country) == expected
    assert label_of(name) != expected


INDIVIDUALS = ["Carreira, Erick M.", "Lee; Kevin", "O'Rear, Dennis J.", "Müller, Hans-Peter",
               "Soler Castany, Jordi", "Leung, Sue-Anne Tean", "Cheng, Louis C. H.",
               "Hood, III, Charles D.", "Smith, John, Jr.", "Hwang, Se Jin", "Kim, Doo Hyun",
               "Sohn, Jae Min", "Pinkus, A. G.", "JONES ROBERT A", "ROBERT M JONES",
               "Dr. Hans Müller"]


@pytest.mark.parametrize("name", INDIVIDUALS)
def test_person_names_are_individuals(name):
    assert label_of(name) == "individual"


def test_unmatched_names_are_unknown_never_firm():
    out = sector(["Zorblax", "Decathlon", "Mintek", "", None, float("nan"), "  ", "!!!"])
    assert out["label"].tolist() == ["unknown"] * 8
    assert (out["rule"] == "unmatched").all()
    assert out["evidence"].isna().all()


# -- assignee type codes -----------------------------------------------------

def test_type_codes_are_evidence_for_individuals_and_government():
    out = sector(["Sandrine Thibaud", "Sandrine Thibaud", "", "", "Acme", "Acme"],
                 assignee_type=["5", "3", "6", "07", "2", "2.0"])
    assert out["label"].tolist() == ["individual", "unknown", "government", "government",
                                     "unknown", "unknown"]
    assert out["evidence"].tolist()[:4] == ["assignee_type=5", pd.NA, "assignee_type=6",
                                            "assignee_type=7"]


def test_names_decide_over_type_codes():
    # universities carry the company code; an organisation name beats an individual code
    assert label_of("Tsinghua University", assignee_type="3") == "university"
    assert label_of("Tsinghua University", assignee_type="4") == "university"
    assert label_of("XYZ Widgets, Inc.", assignee_type="4") == "firm"
    assert label_of("Council of Scientific & Industrial Research", assignee_type="7") == "research"
    # but a code beats weak words
    assert label_of("Smith Foundation", assignee_type="4") == "individual"
    assert label_of("Smith Foundation") == "research"


def test_type_code_forms():
    codes = ["04", "4", "4.0", 4, " 4 ", np.int64(4)]
    assert sector(["x"] * len(codes), assignee_type=codes)["label"].tolist() == ["individual"] * 6


# -- the labelled set --------------------------------------------------------

@pytest.fixture(scope="module")
def labels():
    path = Path(__file__).resolve().parent / "data" / "sector_labels.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _classify_labels(df):
    return sector(df["name"], country=df["country"].replace("", None),
                  assignee_type=df["assignee_type"].replace("", None))


def test_labelled_set_is_well_formed(labels):
    assert list(labels.columns) == ["name", "country", "assignee_type", "expected", "split", "note"]
    assert len(labels) >= 400
    assert set(labels["expected"]) <= set(schema.SECTORS) - {"unknown"}
    assert set(labels["split"]) == {"dev", "test"}
    assert not labels["name"].duplicated().any()
    assert labels["country"].nunique() >= 40
    for s in ("firm", "university", "research", "government", "hospital", "individual"):
        assert (labels["expected"] == s).sum() >= 20
    assert labels["country"].isin(["CN", "SG", "IN", "RU", "IL", "MY", "PL", "TH", "CZ", "HU"]).sum() >= 100


@pytest.mark.parametrize("split, target", [("test", 0.92), ("dev", 0.92)])
def test_agreement_with_expert_labels(labels, split, target):
    df = labels[labels["split"] == split]
    out = _classify_labels(df)
    agreement = (out["label"].to_numpy() == df["expected"].to_numpy()).mean()
    assert agreement >= target, f"{split}: {agreement:.3f}"


@pytest.mark.parametrize("split", ["test", "dev"])
def test_organisations_and_individuals_are_not_confused(labels, split):
    df = labels[labels["split"] == split]
    got = _classify_labels(df)["label"].to_numpy()
    exp = df["expected"].to_numpy()
    org_as_ind = ((exp != "individual") & (got == "individual")).sum()
    ind_as_org = ((exp == "individual") & np.isin(got, list(ORGANISATION_SECTORS))).sum()
    assert (org_as_ind + ind_as_org) / len(df) < 0.02


def test_real_inventor_names_are_individuals(shared_data):
    inv = pd.read_csv(shared_data / "uspto-grant-samples" / "flat" / "inventors.csv",
                      dtype=str, keep_default_na=False)
    names = (inv["last_name"] + ", " + inv["first_name"]).drop_duplicates()
    got = sector(names)["label"]
    assert got.isin(ORGANISATION_SECTORS).mean() < 0.005
    assert (got == "individual").mean() > 0.98


def test_real_organisation_names_are_not_individuals(shared_data):
    a = pd.read_csv(shared_data / "uspto-grant-samples" / "flat" / "assignees.csv",
                    dtype=str, keep_default_na=False)
    orgs = a.loc[a["orgname"] != "", "orgname"].drop_duplicates()
    got = sector(orgs)["label"]
    assert (got == "individual").sum() == 0
    assert (got == "unknown").mean() < 0.05


# -- the rules table -----------------------------------------------------------

def test_rules_table_loads():
    rules = sector_rules()
    assert list(rules.columns[: len(RULE_COLUMNS)]) == list(RULE_COLUMNS)
    assert len(rules) > 1000
    assert rules["rule_id"].is_unique
    assert set(rules["label"]) <= set(schema.SECTORS)
    assert set(rules["match"]) <= set(MATCH_KINDS)
    assert set(rules["match"]) >= {"word", "legal_form", "prefix", "substring", "regex",
                                   "raw_regex", "type_code"}
    assert (rules["priority"].diff().dropna() >= 0).all()  # written in the order it is tried
    for src in ("NBER", "Magerman", "TU Delft", "PatentsView", "USPTO", "hand-written"):
        assert rules["source"].str.contains(src).any(), src
    # the brief's Chinese keywords are rows users can read
    zh = dict(zip(rules.loc[rules["match"] == "substring", "pattern"],
                  rules.loc[rules["match"] == "substring", "label"]))
    for word, lab in [("大学", "university"), ("学院", "university"), ("研究院", "research"),
                      ("研究所", "research"), ("科学院", "research"), ("医院", "hospital"),
                      ("局", "government"), ("部", "government"), ("委员会", "government"),
                      ("公司", "firm")]:
        assert zh[word] == lab


def test_sector_rules_returns_a_copy():
    a = sector_rules()
    first = a.loc[0, ["rule_id", "label"]].tolist()
    assert first == ["hand-res-001", "research"]  # FRAUNHOFER
    a.loc[0, "label"] = "firm"
    assert sector_rules().loc[0, ["rule_id", "label"]].tolist() == first
    assert label_of("Fraunhofer-Gesellschaft") == "research"


def test_rules_file_is_reproducible(shared_data, tmp_path):
    out = tmp_path / "rules.csv"
    subprocess.run([sys.executable, str(REPO / "tools" / "derive_sector_rules.py"),
                    "--shared", str(shared_data), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == sectors_mod.DEFAULT_RULES_PATH.read_bytes()


def test_user_added_rule_changes_a_decision():
    rules = sector_rules()
    assert label_of("Zhejiang Lab") == "firm"  # wrong: 'LAB' is an NBER business word
    mine = pd.DataFrame({"rule_id": ["my-zhejiang-lab"], "priority": [5], "label": ["research"],
                         "match": ["word"], "pattern": ["Zhejiang Lab"]})
    out = sector(["Zhejiang Lab", "Huawei Technologies Co., Ltd."],
                 rules=pd.concat([rules, mine], ignore_index=True))
    assert out["label"].tolist() == ["research", "firm"]
    assert out["rule"].iloc[0] == "my-zhejiang-lab"
    assert out["evidence"].iloc[0] == "ZHEJIANG LAB"
    assert out.attrs["rules"] == "custom"


def test_priority_decides_and_ties_go_to_table_order():
    rules = sector_rules()
    late = pd.DataFrame({"rule_id": ["late"], "priority": [1000], "label": ["research"],
                         "match": ["word"], "pattern": ["TSINGHUA"]})
    assert label_of("Tsinghua University", rules=pd.concat([rules, late])) == "university"
    early = late.assign(rule_id="early", priority=1)
    assert label_of("Tsinghua University", rules=pd.concat([rules, early])) == "research"
    tie = pd.DataFrame({"rule_id": ["a", "b"], "priority": [1, 1], "label": ["firm", "research"],
                        "match": ["word", "word"], "pattern": ["ACME", "ACME"]})
    assert sector("Acme", rules=tie)["rule"].iloc[0] == "a"
    assert sector("Acme", rules=tie.iloc[::-1])["rule"].iloc[0] == "b"


@pytest.mark.parametrize("match, pattern, name", [
    ("word", "acme widgets", "The Acme Widgets Company"),
    ("prefix", "ACMEW", "Acmewidgets"),
    ("substring", "MEWID", "Acmewidgets"),
    ("regex", r" ACME .* WIDGETS ", "Acme Blue Widgets"),
    ("raw_regex", r"ACME\(TM\)", "Acme(TM)"),
    ("legal_form", "ACME KG", "Mueller Acme KG"),
])
def test_match_kinds(match, pattern, name):
    rules = pd.DataFrame({"rule_id": ["r"], "priority": [1], "label": ["hospital"],
                          "match": [match], "pattern": [pattern]})
    assert label_of(name, rules=rules) == "hospital"
    assert label_of("Something else", rules=rules) == "unknown"


def test_word_rules_respect_word_boundaries():
    rules = pd.DataFrame({"rule_id": ["r"], "priority": [1], "label": ["firm"],
                          "match": ["word"], "pattern": ["CO"]})
    assert label_of("Acme Co.", rules=rules) == "firm"
    assert label_of("Acme Cola", rules=rules) == "unknown"
    assert label_of("Coca", rules=rules) == "unknown"


def test_rules_from_a_file(tmp_path):
    p = tmp_path / "rules.csv"
    p.write_text("# source: mine\nrule_id,priority,label,match,pattern\n"
                 "x,1,government,word,ZORBLAX\n", encoding="utf-8")
    assert label_of("Zorblax Agency", rules=p) == "government"
    assert label_of("Zorblax Agency", rules=str(p)) == "government"
    assert sector_rules(p)["rule_id"].tolist() == ["x"]


@pytest.mark.parametrize("change, message", [
    ({"label": "universty"}, "did you mean 'university'"),
    ({"match": "words"}, "did you mean 'word'"),
    ({"priority": "high"}, "priority must be a number"),
    ({"pattern": ""}, "empty pattern"),
    ({"match": "regex", "pattern": "("}, "invalid regular expression"),
    ({"pattern": "!!!"}, "empty after normalisation"),
])
def test_invalid_rules_are_reported(change, message):
    row = {"rule_id": "r", "priority": 1, "label": "firm", "match": "word", "pattern": "ACME"}
    row.update(change)
    with pytest.raises(PatnetInputError, match=message):
        sector("Acme", rules=pd.DataFrame([row]))


def test_rules_missing_columns_or_files():
    with pytest.raises(PatnetInputError, match="lack column"):
        sector("Acme", rules=pd.DataFrame({"rule_id": ["r"], "priority": [1], "label": ["firm"],
                                           "pattern": ["ACME"]}))
    with pytest.raises(PatnetInputError, match="not found"):
        sector("Acme", rules="/nonexistent/rules.csv")
    with pytest.raises(PatnetInputError, match="DataFrame or a path"):
        sector("Acme", rules=[("r", 1, "firm", "word", "ACME")])


# -- the API -----------------------------------------------------------------

def test_output_shape_and_dtypes():
    s = pd.Series(["Tsinghua University", None, "ZTE Corporation"], index=[10, 20, 30])
    out = sector(s)
    assert list(out.columns) == ["name", "label", "rule", "evidence"]
    assert out.index.tolist() == [10, 20, 30]
    assert all(str(out[c].dtype) == "string" for c in out.columns)
    assert out["label"].tolist() == ["university", "unknown", "firm"]
    assert out["name"].isna().tolist() == [False, True, False]
    assert len(sector("Tsinghua University")) == 1
    assert len(sector([])) == 0


def test_lengths_must_match():
    with pytest.raises(PatnetInputError, match="country has 1 values for 2 names"):
        sector(["a", "b"], country=["CN"])
    with pytest.raises(PatnetInputError, match="assignee_type"):
        sector(["a", "b"], assignee_type=["2", "3", "4"])
    with pytest.raises(PatnetInputError, match="names must be"):
        sector(12.5j)


def test_scalar_country_and_type_broadcast():
    out = sector(["Sway AS", "Tsinghua University"], country="NO", assignee_type="3")
    assert out["label"].tolist() == ["firm", "university"]


def test_normalize_name():
    assert normalize_name("  Ústav   makromolekulární chemie  ") == "USTAV MAKROMOLEKULARNI CHEMIE"
    assert normalize_name("ＡＢＣ　株式会社") == "ABC 株式会社"
    assert normalize_name("Straße") == "STRASSE"
    assert normalize_name(None) == "" and normalize_name(float("nan")) == ""
    assert normalize_name("Łódź Politechnika") == "LODZ POLITECHNIKA"


def test_module_doctests():
    res = doctest.testmod(sectors_mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert res.attempted > 5 and res.failed == 0


# -- assign_sectors ----------------------------------------------------------

@pytest.fixture
def corpus():
    return pn.PatentCorpus(
        patents=pd.DataFrame({"patent_id": ["1", "2", "3"]}),
        applicants=pd.DataFrame({
            "patent_id": ["1", "1", "2", "2", "3", "3"],
            "name": ["Tsinghua University", "Huawei Technologies Co., Ltd.", "Lee, Kevin",
                     "Zorblax", "Zorblax", None],
            "country": ["CN", "CN", "US", "US", "US", None],
            "type_code": ["03", "03", "04", "02", "02", "06"],
        }))


def test_assign_sectors_fills_sector(corpus):
    new, summary = assign_sectors(corpus)
    app = new.applicants
    assert app["sector"].tolist() == ["university", "firm", "individual", "unknown", "unknown",
                                      "government"]
    assert app["sector_rule"].iloc[5].startswith("type-")
    assert app["sector_evidence"].iloc[0] == "UNIVERSITY"
    assert app["sector_evidence"].iloc[5] == "assignee_type=6"
    assert corpus.applicants["sector"].eq("unknown").all()  # the input is unchanged
    assert isinstance(new, pn.PatentCorpus) and new is not corpus
    lab = summary.loc["label"]
    assert lab.index.tolist() == list(schema.SECTORS)
    assert lab["rows"].sum() == len(app)
    assert lab.loc["unknown", "rows"] == 2 and lab.loc["unknown", "names"] == 1
    assert lab["share"].sum() == pytest.approx(1.0)
    assert summary.loc["unknown"].index.tolist() == ["Zorblax"]
    assert summary.loc[("unknown", "Zorblax"), "rows"] == 2
    assert summary.index.names == ["part", "item"]


def test_assign_sectors_on_empty_corpus_and_options(corpus):
    empty = pn.PatentCorpus(patents=pd.DataFrame({"patent_id": ["1"]}))
    new, summary = assign_sectors(empty)
    assert len(new.applicants) == 0
    assert summary.loc["label", "rows"].sum() == 0
    _, s2 = assign_sectors(corpus, top_unknown=0)
    assert "unknown" not in s2.index.get_level_values("part")
    rules = pd.DataFrame({"rule_id": ["z"], "priority": [1], "label": ["research"],
                          "match": ["word"], "pattern": ["ZORBLAX"]})
    new, _ = assign_sectors(corpus, rules=rules)
    assert new.applicants["sector"].tolist()[3:5] == ["research", "research"]
    with pytest.raises(PatnetInputError, match="PatentCorpus"):
        assign_sectors(corpus.applicants)


def test_assign_sectors_on_real_grants(shared_data):
    a = pd.read_csv(shared_data / "uspto-grant-samples" / "patentsview_format"
                    / "g_assignee_not_disambiguated.tsv", sep="\t", dtype=str, keep_default_na=False)
    person = (a["raw_assignee_individual_name_last"] + ", "
              + a["raw_assignee_individual_name_first"]).where(a["raw_assignee_organization"] == "")
    name = a["raw_assignee_organization"].where(a["raw_assignee_organization"] != "", person)
    c = pn.PatentCorpus(patents=pd.DataFrame({"patent_id": a["patent_id"].unique()}),
                        applicants=pd.DataFrame({"patent_id": a["patent_id"], "name": name,
                                                 "type_code": a["assignee_type"]}))
    new, summary = assign_sectors(c)
    lab = summary.loc["label", "rows"]
    assert lab["firm"] > 350 and lab["individual"] >= 8
    assert lab["university"] >= 4 and lab["government"] >= 1 and lab["research"] >= 2
    assert lab["unknown"] / lab.sum() < 0.05


# -- properties --------------------------------------------------------------

NAME_POOL = [n for n, _ in HARD_CASES[:40]] + [n for n, _ in CHINESE[:10]] + INDIVIDUALS[:5] + [
    "Zorblax", "", "Sway AS"]
names_st = st.lists(st.one_of(st.sampled_from(NAME_POOL), st.text(max_size=40), st.none()),
                    max_size=25)
PROPS = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(names=names_st)
def test_labels_are_sectors(names):
    out = sector(names)
    assert set(out["label"]) <= set(schema.SECTORS)
    assert len(out) == len(names)
    assert out["rule"].notna().all()
    assert ((out["label"] == "unknown") == (out["rule"] == "unmatched")).all()


@PROPS
@given(names=names_st)
def test_idempotent(names):
    a = sector(names)
    b = sector(names)
    pd.testing.assert_frame_equal(a, b)
    again = sector(a["name"])
    assert again["label"].tolist() == a["label"].tolist()


@PROPS
@given(data=st.data(), names=names_st)
def test_order_free(data, names):
    countries = data.draw(st.lists(st.sampled_from(["CN", "NO", "US", None]),
                                   min_size=len(names), max_size=len(names)))
    codes = data.draw(st.lists(st.sampled_from(["2", "3", "4", "06", None]),
                               min_size=len(names), max_size=len(names)))
    perm = data.draw(st.permutations(range(len(names))))
    a = sector(names, country=countries, assignee_type=codes)
    b = sector([names[i] for i in perm], country=[countries[i] for i in perm],
               assignee_type=[codes[i] for i in perm])
    for col in ("label", "rule", "evidence"):
        assert b[col].tolist() == [a[col].iloc[i] for i in perm]


@PROPS
@given(names=st.lists(st.text(alphabet=st.characters(), max_size=60), max_size=20),
       country=st.one_of(st.none(), st.text(max_size=4)),
       code=st.one_of(st.none(), st.text(max_size=6), st.integers(-5, 40)))
def test_arbitrary_unicode_never_raises(names, country, code):
    out = sector(names, country=country, assignee_type=code)
    assert set(out["label"]) <= set(schema.SECTORS)
    for n in names:
        normalize_name(n)


@PROPS
@given(names=st.lists(st.sampled_from(NAME_POOL), min_size=1, max_size=10))
def test_duplicates_get_the_same_answer(names):
    out = sector(names + names)
    k = len(names)
    assert out["label"].iloc[:k].tolist() == out["label"].iloc[k:].tolist()
