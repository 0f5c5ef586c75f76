"""Derive patnet's applicant-sector rules table from the shared keyword lists.

Run from the repository root::

    python tools/derive_sector_rules.py [--shared ../shared/data] [--out FILE]

It reads ``sector-keywords/`` in the shared reference data (beside the
repository) and writes ``patnet/classify/data/sector_rules.csv``: one row per
rule with ``rule_id, priority, label, match, pattern, countries, language,
note, source``, preceded by ``# source:`` comment lines. The output is
deterministic (running the script twice gives the same bytes). How the rules
are used, and the precedence of the priorities written here, is documented
in :mod:`patnet.classify.sectors`.

Sources and what is taken from them
-----------------------------------
nber_pdp_org_type_patterns.csv
    NBER Patent Data Project organisation-type patterns (space-padded
    upper-case substrings of standardised names). Mapped: indiv ->
    individual, govt -> government, univ -> university, hosp -> hospital,
    inst -> research (research institutes, foundations, e.V.) or dropped
    (associations, churches, trusts, blood services: not a sector), firm ->
    firm, split into legal forms (priority 70) and business words (85).
    A pattern padded on both sides is a ``word`` rule; one padded only in
    front (``" UNIVERSI"``) a ``prefix`` rule. Patterns that misfire outside
    standardised names are dropped (``DROP`` below, with the reason): single
    letters, two-letter words of ordinary text (AS, IS, NA, SR), country
    names (UK, GERMANY), NATIONAL, STATE, CITY, KEN (a given name), and the
    prefix UNIVERSI (which matches UNIVERSAL). Some are re-labelled
    (``RELABEL``): academies are research, not universities; CNRS, DESY and
    the research councils are research, not government.
magerman_legal_entities.csv
    Legal forms removed from the end of names by Magerman et al. (2006,
    Appendix 2): every ``remove`` string, normalised like a name, is a
    ``legal_form`` rule (firm, priority 70), except those in ``DROP``.
tudelft_university_substrings.txt
    University substrings (lower case; TU Delft list): ``prefix`` rules at
    priority 50 for stems (``universit``), ``word`` rules for whole words,
    ``substring`` rules for compounds (``egyetem``). ``academ`` /
    ``acadaem`` are dropped (academies are research here); ``hadasit`` and
    ``yeda research`` are handled by named rules.
us_government_agencies_patentsview.csv
    US federal agencies, long forms: ``word`` rules, government; names of
    three words or more at priority 60 (above legal forms), shorter ones
    ("FOREST SERVICE") at 80. Acronyms are not used (AID, ARTS, ...).
uspto_assignee_type_codes.csv
    ``type_code`` rules at priority 75 from the ``suggested_sector`` column,
    for individual and government codes only; company codes decide nothing,
    because universities and research bodies carry them.
HAND (this file)
    Rules written for patnet: named organisations and the hard cases,
    Chinese / Japanese / Korean keywords, legal forms of Belt and Road
    countries, government phrases, university technology-transfer bodies,
    individual-name shapes.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from patnet.classify.sectors import normalize_name  # noqa: E402

OUT = REPO / "patnet" / "classify" / "data" / "sector_rules.csv"
COLUMNS = ["rule_id", "priority", "label", "match", "pattern", "countries", "language", "note",
           "source"]

SRC_NBER = "NBER PDP org-type patterns (nstandr nber-org-type-codes.csv)"
SRC_MAG = "Magerman et al. 2006 legal forms (nstandr magerman-legal-entities.csv)"
SRC_TUD = "TU Delft university substrings (pv_assignee-triplehelix.R)"
SRC_GOV = "PatentsView list_of_government_agencies.csv"
SRC_TYPE = "USPTO/PatentsView assignee type codes"
SRC_HAND = "patnet (hand-written)"

# --- NBER: what to drop or re-label -----------------------------------------

#: NBER / Magerman patterns (normalised) that are not used, with the reason.
DROP = {
    # single letters and two-letter words of ordinary text or initials
    **{k: "a single letter: initials of persons" for k in
       ("A", "B", "C", "D", "E", "H", "I", "L", "P", "S", "U")},
    **{k: "two letters that occur in ordinary text, initials or US state codes" for k in
       ("AS", "IS", "NA", "SR", "AD", "AE", "EG", "SC", "SL", "SP", "RO", "RT", "CC", "KY",
        "HB", "HF", "PC", "IN", "CA", "OF", "DE", "LA", "EN", "ET", "US", "MA", "AL", "BA",
        "E C", "A S", "S S", "U CO", "P C", "L C", "N A", "H S", "K S", "D D", "E V",
        "LC", "CV", "RL", "SR1", "SRI", "DD", "IS", "KB", "KB KY", "IN")},
    "INT": "abbreviation that also means 'international' or 'interior'",
    "EST": "ordinary word / abbreviation",
    "COMP": "abbreviation of many words (computer, compound)",
    "TEAM": "ordinary word in product and organisation names",
    "FILM": "ordinary word in product names",
    "SHOP": "ordinary word",
    "PLANTS": "ordinary word (botany)",
    "PRODUCE": "ordinary word",
    "USA": "a country, not a form: 'X USA' is a firm only with a legal form",
    "DEVELOP": "ordinary word",
    "PATENT OFFICE": "patent offices are government",
    "UGINE": "a place name",
    "GENERALE POUR LES TECHNIQUES NOUVELLE": "a single firm's name",
    "TOHO BUSINESS": "a single firm's name",
    "TECHNIQUES NOUVELLE": "a single firm's name",
    "CORPORATE": "also 'body corporate' in university names",
    "COOPERATION": "also in 'Industry-Academic Cooperation Foundation' (universities)",
    "LEGAL": "ordinary word",
    "GRAD": "ordinary word / abbreviation",
    "REPRESENTATIVE OF": "also in government names ('as representative of')",
    "LEGAL REPRESENTATIVE": "kept as a hand rule below priority of government phrases",
    "UK": "a country name, not a government",
    "GERMANY": "a country name, not a government",
    "NATIONAL": "'National Semiconductor', 'National University of Singapore'",
    "NACIONAL": "as NATIONAL",
    "NAZIONALE": "as NATIONAL",
    "STATE": "'Penn State', 'State Farm', 'State Grid' (an SOE): STATE OF is used instead",
    "CITY": "'City University', 'Silicon City Ltd': CITY OF is used instead",
    "COMMONWEALTH": "'Commonwealth Scientific and Industrial Research Organisation': "
                    "COMMONWEALTH OF is used instead",
    "REPUBLIC": "'Republic Steel': REPUBLIC OF is used instead",
    "KEN": "a given name ('Tanaka, Ken'); Japanese prefectures carry type code 7",
    "LA POSTE": "a state-owned company",
    "CHAMBRE": "chambers of commerce are not one of the sectors",
    "BOTANICAL GARDEN": "not one of the sectors",
    "COMMUNAUTE": "ordinary word",
    "CENTRE": "too general ('Centre National de la Recherche Scientifique')",
    "STANICA": "too general (station)",
    "STREDISKO": "too general (centre)",
    "ASBL": "associations are not one of the sectors",
    "ASOCIACION": "associations are not one of the sectors",
    "ASSOCIATION": "associations are not one of the sectors",
    "ASSOCIAZIONE": "associations are not one of the sectors",
    "BLOOD": "blood services are not one of the sectors",
    "BLOOD CENTER": "blood services are not one of the sectors",
    "BLOOD SERVICES": "blood services are not one of the sectors",
    "BLOOD TRANSFUSION SERVICE": "blood services are not one of the sectors",
    "TRANSFUSION": "blood services are not one of the sectors",
    "TRANSFUSION SANGUINE": "blood services are not one of the sectors",
    "CHURCH": "churches are not one of the sectors",
    "FEDERATION": "federations are not one of the sectors",
    "SOCIETY": "learned societies are not one of the sectors",
    "TRUST": "trusts are not one of the sectors (NHS trusts are hospitals: hand rule)",
    "VERENINING": "associations are not one of the sectors",
    "EV": "'EV' means electric vehicle; E V (e.V.) is a hand rule",
    "ACADEM": "academies are research here (hand rules)",
    "ACAD": "academies are research here (hand rules)",
    "AKAD": "academies are research here (hand rules)",
    "UNIVERSI": "matches UNIVERSAL; UNIVERSIT / UNIVERSID prefixes are hand rules",
    "INTERNUIVERSITAIR": "inter-university research centres (IMEC) are research",
    "INTERUNIVERITAIR": "inter-university research centres (IMEC) are research",
    "POLITEC": "matches company names (POLITEC GmbH); hand rules list the words",
    "POLYTEC": "matches company names (POLYTEC GmbH); hand rules list the words",
    "INST OF TECH": "kept: see hand rules",
    "FRAUNHOFER GES": "hand rule FRAUNHOFER",
    "MAX PLANCK GES": "hand rule MAX PLANCK",
    "INDUSTRIAL TECHNOLOGY RESEARCH": "hand rule INDUSTRIAL TECHNOLOGY RESEARCH INSTITUTE",
    "CITY OF HOPE": "hand rule",
    "HOSPITAL": "hand rule (with exceptions for hospital-supply firms)",
    "COLLEGE": "hand rule with place-name exceptions (College Park)",
    "SCHOOL": "weak hand rule ('School Specialty, Inc.')",
    "SCHULE": "weak hand rule",
    "REGENTS": "weak hand rule (REGENTS OF is strong)",
    "TRUSTEES": "weak hand rule (TRUSTEES OF is strong)",
    "CURATORS": "weak hand rule (CURATORS OF is strong)",
    "SUPERVISORS": "weak hand rule",
}
DROP.pop("INST OF TECH")  # kept after all (an abbreviation of "Institute of Technology")
DROP["CROP"] = "a misspelling of CORP that is also a word ('Crop Research Institute')"

#: Legal forms that are also syllables of personal names ('Hwang, Se Jin', 'Kim, Doo Hyun',
#: 'Sohn, Jae', 'Smith, Asa'): tried after the 'Last, First' rule (priority 77, not 70).
NAME_LIKE_FORMS = {"SE", "DOO", "SOHN", "ASA", "AMBA", "SAS"}
#: Legal forms written as single letters that are usually legal forms even after a comma
#: ('Fractus, S.A.'); other single-letter forms ('A G', 'A B', 'K G') are also initials of persons
#: ('Pinkus, A. G.') and are tried after the 'Last, First' rule (priority 77).
DOTTED_FORMS = {"S A", "N V", "B V", "L P", "S P A", "S R L", "S A S", "K K", "L L C", "P L C",
                "L L P", "S A R L", "S P R L", "S C A", "S N C", "G M B H", "S L", "A S", "K S",
                "D D", "D O O", "S R O", "S L U"}

#: NBER patterns whose label is changed (normalised pattern -> (label, priority, note)).
RELABEL = {
    "CNRS": ("research", 10, "CNRS is a research organisation (NBER: government)"),
    "CENT NAT DE LA RECH": ("research", 10, "Centre national de la recherche (NBER: government)"),
    "DESY": ("research", 10, "DESY is a research centre (NBER: government)"),
    "NAT RES COUNCIL": ("research", 72, "research councils are research (NBER: government)"),
    "NAT RES INST": ("research", 72, "research institutes are research (NBER: government)"),
    "NAT SCI INST": ("research", 72, "research institutes are research (NBER: government)"),
    "RESEARCH COUNCIL": ("research", 72, "research councils are research (NBER: both)"),
    "RES COUNCIL": ("research", 72, "research councils are research"),
    "CENT NAT DETUDES SPATIALES": ("government", 10, "the French space agency (CNES)"),
    "MINISTRIES": ("government", 60, "ministries are government (NBER: institution)"),
    "COOPERATIVE": ("firm", 85, "cooperatives are firms (NBER: institution)"),
    "COMMISSARIAT": ("government", 80, "weak: CEA (Commissariat a l'energie atomique) is a "
                                      "named research rule"),
}

#: NBER government patterns that are strong (priority 60, above legal forms).
NBER_GOV_STRONG = {"US ADMIN", "US DEPT", "US SEC", "UK SEC FOR", "MIN OF", "MIN FOR",
                   "COMMISSIONER OF PATENTS", "DEPARTMENT OF AGRICULTURE", "MINISTER",
                   "MINISTERO", "MINISTRE", "MINISTRI", "MINISTRO", "MINISTRY", "MINISTRIES",
                   "AMMINISTRAZIONE", "PRESIDENZA DEL CONSIGLIO DEI MINISTRI",
                   "PRESIDENZADEL CONSIGLIO DEL MINISTRI", "CONFEDERATED TRIBES",
                   "DEN PRAESIDENTEN", "MUNICIPAL UTILITY DISTRICT", "GEZONDHEIDSDIENST"}
#: NBER government patterns handled at priority 20 (the state as owner).
NBER_GOV_STATE = {"LETAT FR REPRESENTE", "HER MAJESTY", "THE QUEEN", "BUNDESREPUBLIK"}
#: NBER hospital words that are weak (below legal forms): "Clinique Laboratories LLC".
NBER_HOSP_WEAK = {"CLINIC", "CLINICA", "CLINIQUE", "KLINIK", "KLINIKA", "KLINIKKA", "KLIINIK",
                  "POLICLINICA", "POLICLINICO", "POLIKLINIK"}

#: NBER firm patterns that are business words, not legal forms (priority 85).
BUSINESS_WORDS = re.compile(
    r"ASSOC|ASSSOC|ASOCIAD|ATELIER|BANK|BANQUE|BEDRIJ|BETRIEB|BRAND|BROS|BUSINESS|COMER|COMMERC|"
    r"CONSORZ|CONZORZ|CONSTRUCT|CONSULT|DEVELOP|ELECTRON|ENGIN|ENNOBL|ENTERPRISE|ENTREPRISE|"
    r"ENTRE PRISES|ENTREPOSE|EQUIP|ESTAB|ETABL|FABRI|FACTORY|FEDERATED|FINANC|FIRM|GROEP|GROUP|"
    r"HANDEL|HOLDING|INDUS|INDIS|INUDS|INGEN|INTERN|INTL|INT L|INVEST|VENTURE|KONSTRUK|LAB|"
    r"MANUFACT|MARKETING|MASCHINEN|MERCHAND|MFG|OCTROOI|ONDERNEM|PARTNER|PARNER|PARNTER|PATNER|"
    r"PATENTVER|PHARM|PRODU|PUBLISH|RECHERCH|SALES|SERVICE|SERIVICES|TECHNOLOG|TRADING|"
    r"UNTERNEHM|USINES|VAKMAN|VERARB|VERKOOP|VERTRIEB|VERSICHER|WERK|WINKEL|WORKS|APPARATE|"
    r"APPERATE|ADVIES|INGENJ|INGENI|OPERATIVE|KOOPERAT|COOP|PRODUKT|PRODUT|PRODURA|GENOSSEN|"
    r"HANDELS|ELECTRONIQUE|ANLAGEN|WERKZEUG")
#: ... except these, which are legal forms after all.
LEGAL_DESPITE_WORD = {"COOP A RL", "S COOP", "S COOP LTDA", "SOC COOP A RL", "SOC COOP R L",
                      "SOC COOP RL", "SOC COOOP ARL", "SOC COOP A RESP LIM", "SOCCOOP ARL",
                      "SOCCOOPARL", "COOPERATIVA LIMITADA", "COOPERATIVA PER AZIONI",
                      "SOCIETA COOPERATIVA", "SOCIETA COOPERATIVA A", "SOCIETE COOPERATIVE",
                      "HANDELSBOLAG", "HANDELSBOLAGET", "HANDESBOLAG", "HANDELABOLAGET",
                      "HANDELSGESELLSCHAFT", "KOMM GES", "PATENTVERWALTUNGS GESELLSCHAFT MBH",
                      "PATENTVERWALTUNGSGESELLSCHAFT", "PATENTVERWERTUNGSGESELLSCHAFT",
                      "VERTRIEBSGESELLSCHAFT", "INGENIEURGESELLSCHAFT",
                      "PRODUKTIONSGESELLSCHAFT", "ANLAGENGESELLSCHAFT", "GENOSSENSCHAFT",
                      "MBH & CO", "AG & CO"}

# --- hand-written rules -------------------------------------------------------
# (priority, label, match, pattern, countries, language, note)

UNIV_WORD = (r"(?:UNIVERSIT\w*|UNIVERSID\w*|UNIV|UNIWERSYTET\w*|UNIVERZ\w*|COLLEGE|"
             r"POLYTECHNIC\w*|POLITECNIC\w*|POLITECHNIKA|INSTITUTE OF TECHNOLOGY|"
             r"HOCHSCHULE\w*|\w*EGYETEM\w*|YLIOPISTO|DAIGAKU)")
TTO_WORD = (r"(?:RESEARCH (?:AND |& )?(?:DEVELOPMENT|BUSINESS|TECHNOLOGY)|RESEARCH FOUNDATION|"
            r"RESEARCH CORPORATION|TECHNOLOGY TRANSFER|TECHNOLOGY LICENSING|LICENSING|"
            r"INNOVATI\w*|ENTERPRISES?|VENTURES|TECHNICAL SERVICES|INTELLECTUAL PROPERT\w*|"
            r"FOUNDATION|TLO|R & DB?|INDUSTRY (?:ACADEMIC|UNIVERSITY) COOPERATION|"
            r"ACADEMY INDUSTRY|UNIVERSITY INDUSTRY|TECHNOLOGY (?:CORPORATION|COMPANY))")
UNIV_COMPANY = r"(?:GROUP|HOLDINGS?|CO LTD|CO LIMITED|COMPANY LIMITED|CORPORATION LIMITED|CO INC)"

HAND = [
    # ---- 10: named organisations and families -----------------------------
    # research
    (10, "research", "word", "FRAUNHOFER", "", "de", "Fraunhofer-Gesellschaft and its institutes"),
    (10, "research", "word", "MAX PLANCK", "", "de", "Max-Planck-Gesellschaft and its institutes"),
    (10, "research", "word", "CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE", "", "fr", "CNRS"),
    (10, "research", "word", "ENERGIE ATOMIQUE", "", "fr",
     "CEA, Commissariat a l'energie atomique (et aux energies alternatives)"),
    (10, "research", "word", "LENERGIE ATOMIQUE", "", "fr",
     "CEA written with the elided article ('l'Energie' normalises to LENERGIE)"),
    (10, "research", "word", "ENERGIES ALTERNATIVES", "", "fr", "CEA"),
    (10, "research", "word", "AGENCY FOR SCIENCE TECHNOLOGY AND RESEARCH", "", "en", "A*STAR"),
    (10, "research", "word", "A STAR", "SG", "en", "A*STAR"),
    (10, "research", "word", "INDUSTRIAL TECHNOLOGY RESEARCH INSTITUTE", "", "en", "ITRI (Taiwan)"),
    (10, "research", "word", "ELECTRONICS AND TELECOMMUNICATIONS RESEARCH INSTITUTE", "", "en",
     "ETRI (Korea)"),
    (10, "research", "word", "KOREA INSTITUTE OF", "", "en",
     "Korean government research institutes (KIST, KIMM, KIER, KITECH ...); KAIST, GIST, "
     "DGIST, UNIST are universities and are not named 'Korea Institute of'"),
    (10, "research", "word", "SCIENTIFIC AND INDUSTRIAL RESEARCH", "", "en",
     "CSIR (India, South Africa), CSIRO (Australia)"),
    (10, "research", "word", "SCIENTIFIC & INDUSTRIAL RESEARCH", "", "en", "CSIR"),
    (10, "research", "word", "ACADEMIA SINICA", "", "en", "Taiwan"),
    (10, "research", "word", "KING ABDULAZIZ CITY FOR SCIENCE AND TECHNOLOGY", "", "en",
     "KACST, a government research body: research"),
    (10, "research", "word", "MIMOS", "", "ms", "MIMOS Berhad, Malaysia's applied research agency"),
    (10, "research", "word", "NATIONAL SCIENCE AND TECHNOLOGY DEVELOPMENT AGENCY", "", "en",
     "NSTDA (Thailand)"),
    (10, "research", "word", "ADVANCED INDUSTRIAL SCIENCE AND TECHNOLOGY", "", "en", "AIST (Japan)"),
    (10, "research", "word", "CONSEJO SUPERIOR DE INVESTIGACIONES CIENTIFICAS", "", "es", "CSIC"),
    (10, "research", "word", "CONSIGLIO NAZIONALE DELLE RICERCHE", "", "it", "CNR"),
    (10, "research", "word", "TOEGEPAST NATUURWETENSCHAPPELIJK ONDERZOEK", "", "nl", "TNO"),
    (10, "research", "word", "TNO", "", "nl", "TNO"),
    (10, "research", "word", "TEKNOLOGIAN TUTKIMUSKESKUS", "", "fi", "VTT (a limited company)"),
    (10, "research", "word", "TEKNILLINEN TUTKIMUSKESKUS", "", "fi", "VTT"),
    (10, "research", "word", "VTT", "", "fi", "VTT"),
    (10, "research", "word", "IMEC", "", "nl", "IMEC (an inter-university research centre)"),
    (10, "research", "prefix", "INTERUNIVERSITAIR MICRO", "", "nl", "IMEC"),
    (10, "research", "word", "SINTEF", "", "no", "SINTEF"),
    (10, "research", "word", "RESEARCH INSTITUTES OF SWEDEN", "", "en", "RISE (an AB)"),
    (10, "research", "word", "INSERM", "", "fr", "INSERM"),
    (10, "research", "regex", r" INSTITUT NATIONAL (?:DE |POUR )?(?:LA )?(?:RECHERCHE|SANTE) ", "",
     "fr", "French national research institutes (INSERM, INRA, INRIA, INRAE)"),
    (10, "research", "word", "IFP ENERGIES NOUVELLES", "", "fr",
     "IFP (formerly Institut francais du petrole)"),
    (10, "research", "word", "HELMHOLTZ ZENTRUM", "", "de", "Helmholtz centres (often GmbH)"),
    (10, "research", "prefix", "LEIBNIZ INSTITUT", "", "de",
     "Leibniz institutes (Leibniz Universitat Hannover is a university)"),
    (10, "research", "word", "ZENTRUM FUR LUFT UND RAUMFAHRT", "", "de", "DLR"),
    (10, "research", "word", "ZENTRUM FUER LUFT UND RAUMFAHRT", "", "de", "DLR"),
    (10, "research", "word", "DLR", "DE", "de", "DLR"),
    (10, "research", "word", "KURCHATOV", "", "ru", "Kurchatov Institute"),
    (10, "research", "word", "AIT AUSTRIAN INSTITUTE OF TECHNOLOGY", "", "en",
     "AIT is a research company, not a university"),
    (10, "research", "word", "AUSTRIAN INSTITUTE OF TECHNOLOGY", "", "en", "AIT"),
    (10, "research", "word", "EMBRAPA", "", "pt", "Brazilian agricultural research corporation"),
    (10, "research", "word", "EMPRESA BRASILEIRA DE PESQUISA AGROPECUARIA", "", "pt", "Embrapa"),
    (10, "research", "word", "TUBITAK", "", "tr", "TUBITAK (Turkey)"),
    (10, "research", "word", "BATTELLE", "", "en",
     "Battelle Memorial Institute and the national laboratories it operates (UT-Battelle, "
     "Battelle Energy Alliance)"),
    (10, "research", "word", "LAWRENCE LIVERMORE", "", "en", "national laboratory (operator LLC)"),
    (10, "research", "word", "LOS ALAMOS NATIONAL SECURITY", "", "en", "national laboratory operator"),
    (10, "research", "word", "TRIAD NATIONAL SECURITY", "", "en", "national laboratory operator"),
    (10, "research", "word", "SANDIA", "", "en", "Sandia National Laboratories (operators)"),
    (10, "research", "word", "ALLIANCE FOR SUSTAINABLE ENERGY", "", "en", "operator of NREL"),
    (10, "research", "word", "UCHICAGO ARGONNE", "", "en", "operator of Argonne"),
    (10, "research", "word", "BROOKHAVEN SCIENCE ASSOCIATES", "", "en", "operator of Brookhaven"),
    (10, "research", "word", "FERMI RESEARCH ALLIANCE", "", "en", "operator of Fermilab"),
    (10, "research", "word", "JEFFERSON SCIENCE ASSOCIATES", "", "en", "operator of JLab"),
    (10, "research", "word", "SRI INTERNATIONAL", "", "en", "non-profit research institute"),
    (10, "research", "word", "CHARLES STARK DRAPER LABORATORY", "", "en", "non-profit laboratory (Inc.)"),
    (10, "research", "word", "BROAD INSTITUTE", "", "en", "non-profit research institute (Inc.)"),
    (10, "research", "regex", r"^ (?:THE )?ELECTRIC POWER RESEARCH INSTITUTE ", "", "en",
     "EPRI, non-profit (Inc.); 'China Electric Power Research Institute Co., Ltd.' is a firm"),
    (10, "research", "word", "APPLIED SCIENCE AND TECHNOLOGY RESEARCH INSTITUTE", "", "en",
     "ASTRI (Hong Kong, a company limited by guarantee)"),
    (10, "research", "word", "NANO AND ADVANCED MATERIALS INSTITUTE", "", "en", "NAMI (Hong Kong)"),
    (10, "research", "word", "TEMASEK LIFE SCIENCES LABORATORY", "", "en", "Singapore (Limited)"),
    (10, "research", "word", "DANA FARBER CANCER INSTITUTE", "", "en", "cancer research institute (Inc.)"),
    (10, "research", "word", "CANCER RESEARCH TECHNOLOGY", "", "en",
     "commercial arm of Cancer Research UK (Ltd)"),
    (10, "research", "word", "MAX PLANCK INNOVATION", "", "de", "Max Planck technology transfer (GmbH)"),
    # university
    (10, "university", "regex", r" UNIVERSITY OF (?:THE )?CHINESE ACADEMY ", "", "en",
     "the University (and Graduate University) of Chinese Academy of Sciences is a university"),
    (10, "university", "word", "GRADUATE UNIVERSITY OF CHINESE ACADEMY", "", "en", "UCAS"),
    (10, "university", "substring", "中国科学院大学", "", "zh", "UCAS"),
    (10, "university", "substring", "中國科學院大學", "", "zh-Hant", "UCAS"),
    (10, "university", "word", "YISSUM", "", "en", "Hebrew University technology transfer"),
    (10, "university", "word", "RAMOT AT TEL AVIV", "", "en", "Tel Aviv University technology transfer"),
    (10, "university", "word", "TECHNION", "", "en", "Technion and its R&D foundation"),
    (10, "university", "word", "YEDA RESEARCH", "", "en",
     "Weizmann Institute technology transfer; Weizmann is recognised as a university in Israel"),
    (10, "university", "word", "B G NEGEV TECHNOLOGIES", "", "en",
     "Ben-Gurion University technology transfer"),
    (10, "university", "word", "BEN GURION UNIVERSITY", "", "en", "Ben-Gurion University"),
    (10, "university", "word", "ISIS INNOVATION", "", "en", "University of Oxford technology transfer"),
    (10, "university", "word", "OXFORD UNIVERSITY INNOVATION", "", "en", "University of Oxford"),
    (10, "university", "word", "CAMBRIDGE ENTERPRISE", "", "en",
     "University of Cambridge technology transfer"),
    (10, "university", "word", "UCL BUSINESS", "", "en", "University College London technology transfer"),
    (10, "university", "word", "UNIQUEST", "", "en", "University of Queensland technology transfer"),
    (10, "university", "word", "WASHINGTON RESEARCH FOUNDATION", "", "en",
     "University of Washington technology transfer"),
    (10, "university", "word", "WISCONSIN ALUMNI RESEARCH FOUNDATION", "", "en", "WARF"),
    (10, "university", "word", "KAROLINSKA INSTITUTET", "", "sv", "a medical university"),
    (10, "university", "word", "IMPERIAL INNOVATIONS", "", "en", "Imperial College technology transfer"),
    (10, "university", "word", "KEIO GIJUKU", "", "ja", "Keio University"),
    (10, "university", "word", "KAIST", "", "en", "Korea Advanced Institute of Science and Technology"),
    (10, "university", "word", "POSTECH", "", "en", "Pohang University of Science and Technology"),
    # hospital
    (10, "hospital", "word", "HADASIT", "", "en", "Hadassah hospital technology transfer"),
    (10, "hospital", "word", "TEL HASHOMER", "", "en", "Sheba Medical Center technology transfer"),
    (10, "hospital", "word", "MOR RESEARCH APPLICATIONS", "", "en", "Clalit hospitals technology transfer"),
    (10, "hospital", "word", "MAYO FOUNDATION", "", "en", "Mayo Clinic"),
    (10, "hospital", "word", "MAYO CLINIC", "", "en", "Mayo Clinic"),
    (10, "hospital", "word", "CITY OF HOPE", "", "en", "a cancer hospital (NBER)"),
    (10, "hospital", "word", "UNIVERSITY HEALTH NETWORK", "", "en", "Toronto hospital network"),
    (10, "hospital", "word", "ASSISTANCE PUBLIQUE", "", "fr", "Paris hospitals (AP-HP)"),
    (10, "hospital", "word", "CHARITE", "DE", "de", "Charite university hospital Berlin"),
    # firm
    (10, "firm", "word", "SAMSUNG ADVANCED INSTITUTE OF TECHNOLOGY", "", "en", "a corporate laboratory"),
    (10, "firm", "word", "CARL ZEISS", "", "de",
     "Carl Zeiss companies, including the Carl-Zeiss-Stiftung that traded as Carl Zeiss"),
    # government
    (10, "government", "word", "AGENCY OF INDUSTRIAL SCIENCE AND TECHNOLOGY", "", "en",
     "a MITI agency ('Director-General of ...')"),
    (10, "government", "regex", r" CENTRE NATIONALE? D ?ETUDES SPATIALES ", "", "fr", "CNES, space agency"),
    (10, "government", "word", "CNES", "FR", "fr", "CNES"),

    # ---- 20: the state as owner --------------------------------------------
    (20, "government", "word", "UNITED STATES OF AMERICA", "", "en", "the US as assignee"),
    (20, "government", "regex", r" (?:AS )?REPRESENTED BY (?:THE )?(?:SECRETARY|MINISTER|ADMINISTRATOR|"
     r"DIRECTOR|DEPARTMENT|UNITED STATES|HEAD|CHIEF|PRESIDENT OF THE (?:REPUBLIC|COUNCIL))", "", "en",
     "'... as represented by the Secretary of ...'"),
    (20, "government", "word", "GOVERNMENT OF THE UNITED STATES", "", "en", ""),
    (20, "government", "word", "HER MAJESTY", "", "en", ""),
    (20, "government", "word", "HIS MAJESTY", "", "en", ""),
    (20, "government", "word", "HER BRITANNIC MAJESTY", "", "en", ""),
    (20, "government", "word", "IN RIGHT OF", "", "en", "'Her Majesty the Queen in right of Canada'"),
    (20, "government", "word", "SECRETARY OF STATE FOR", "", "en", "UK secretaries of state"),
    (20, "government", "word", "BUNDESREPUBLIK DEUTSCHLAND", "", "de", ""),
    (20, "government", "word", "ETAT FRANCAIS", "", "fr", ""),
    (20, "government", "word", "REPUBLIQUE FRANCAISE", "", "fr", ""),
    (20, "government", "word", "DELEGUE GENERAL POUR LARMEMENT", "", "fr", ""),
    (20, "government", "word", "DELEGATION GENERALE POUR LARMEMENT", "", "fr", ""),
    (20, "government", "word", "REPUBLIC OF", "", "en", "'Republic of Korea (Management: ...)'"),
    (20, "government", "word", "PEOPLES REPUBLIC OF CHINA", "", "en", ""),
    (20, "government", "word", "STATE OF ISRAEL", "", "en", ""),
    (20, "government", "word", "KINGDOM OF", "", "en", ""),
    (20, "government", "word", "COMMONWEALTH OF AUSTRALIA", "", "en", ""),
    (20, "government", "word", "GOVERNMENT OF INDIA", "", "en", ""),

    # ---- 29-30: hospitals ---------------------------------------------------
    (29, "firm", "regex", r" (?:HOSPITAL|HOSPITALS|CLINIC|CLINICAL) (?:SYSTEMS?|SUPPLY|SUPPLIES|PRODUCTS|"
     r"EQUIPMENT|SPECIALTY|BEDS?|FURNITURE|SOLUTIONS|TECHNOLOGIES|DEVICES|CORPORATION OF AMERICA) ",
     "", "en", "firms that sell to hospitals"),
    (30, "hospital", "word", "HOSPITAL", "", "en", "NBER ' HOSPITAL '"),
    (30, "hospital", "word", "HOSPITALS", "", "en", ""),
    (30, "hospital", "substring", "HOSPITALET", "", "da", "Rigshospitalet"),
    (30, "hospital", "word", "MEDICAL CENTRE", "", "en", "university medical centres are hospitals"),
    (30, "hospital", "word", "CANCER CENTER", "", "en", "'Cancer Research Center' is research"),
    (30, "hospital", "word", "CANCER CENTRE", "", "en", ""),
    (30, "hospital", "word", "INFIRMARY", "", "en", ""),
    (30, "hospital", "word", "NHS TRUST", "", "en", ""),
    (30, "hospital", "word", "NHS FOUNDATION TRUST", "", "en", ""),
    (30, "hospital", "word", "IRCCS", "", "it", "Italian research hospitals"),
    (30, "hospital", "substring", "KLINIKUM", "", "de", "Universitatsklinikum"),
    (30, "hospital", "substring", "UNIVERSITATSKLINIK", "", "de", ""),
    (30, "hospital", "substring", "UNIVERSITAETSKLINIK", "", "de", ""),
    (30, "hospital", "substring", "UNIVERSITATSMEDIZIN", "", "de", "Charite - Universitatsmedizin"),
    (30, "hospital", "substring", "UNIVERSITAETSMEDIZIN", "", "de", ""),
    (30, "hospital", "substring", "UNIVERSITATSSPITAL", "", "de", ""),
    (30, "hospital", "substring", "KANTONSSPITAL", "", "de", ""),
    (30, "hospital", "substring", "医院", "", "zh", "hospital"),
    (30, "hospital", "substring", "醫院", "", "zh-Hant", "hospital"),
    (30, "hospital", "substring", "病院", "", "ja", "hospital"),
    (30, "hospital", "substring", "병원", "", "ko", "hospital"),
    (30, "hospital", "substring", "БОЛЬНИЦ", "", "ru", "hospital"),
    (30, "hospital", "word", "HOPITAL", "", "fr", ""),
    (30, "hospital", "word", "HOPITAUX", "", "fr", ""),
    (30, "hospital", "word", "CHU", "FR BE", "fr", "centre hospitalier universitaire"),
    (30, "hospital", "word", "CENTRE HOSPITALIER", "", "fr", ""),

    # ---- 38: company forms in Chinese, Japanese, Korean script --------------
    (38, "firm", "substring", "公司", "", "zh", "company (有限公司 limited company)"),
    (38, "firm", "substring", "集团", "", "zh", "group"),
    (38, "firm", "substring", "集團", "", "zh-Hant", "group"),
    (38, "firm", "substring", "股份", "", "zh", "joint-stock"),
    (38, "firm", "substring", "株式会社", "", "ja", "kabushiki kaisha"),
    (38, "firm", "substring", "有限会社", "", "ja", "yugen kaisha"),
    (38, "firm", "substring", "合同会社", "", "ja", "godo kaisha"),
    (38, "firm", "substring", "주식회사", "", "ko", "chusik hoesa"),
    (38, "firm", "substring", "유한회사", "", "ko", "yuhan hoesa"),

    # ---- 40: research, strong --------------------------------------------------
    (40, "research", "regex", r" ACADEMY OF (?:[^ ]+ ){0,4}SCIENCES? ", "", "en",
     "academies of sciences and their institutes (CAS, RAS, CAAS ...)"),
    (40, "research", "regex", r" AKADEMI[IJEYA]* NAUK ", "", "ru pl uk", "academies of sciences"),
    (40, "research", "regex", r" AKADEMIE? VED ", "", "cs", "Czech Academy of Sciences"),
    (40, "research", "word", "AV CR", "", "cs", "Czech Academy of Sciences"),
    (40, "research", "word", "V V I", "", "cs", "public research institution (v.v.i.)"),
    (40, "research", "word", "TUDOMANYOS AKADEMIA", "", "hu", "Hungarian Academy of Sciences"),
    (40, "research", "word", "POLSKA AKADEMIA NAUK", "", "pl", "Polish Academy of Sciences"),
    (40, "research", "word", "NATIONAL LABORATORY", "", "en", ""),
    (40, "research", "word", "NATIONAL LABORATORIES", "", "en", ""),
    (40, "research", "word", "NATIONAL LAB", "", "en", ""),
    (40, "research", "substring", "FORSCHUNG", "", "de",
     "Forschungszentrum, Forschungsinstitut, Forschungsgesellschaft (German public research "
     "centres are GmbH)"),
    (40, "research", "word", "NAUCHNO ISSLEDOVATELSKII", "", "ru", "research institute (NII)"),
    (40, "research", "word", "NAUCHNO ISSLEDOVATELSKIY", "", "ru", "research institute (NII)"),
    (40, "research", "prefix", "ISSLEDOVATELSK", "", "ru", "research"),
    (40, "research", "substring", "НАУЧНО-ИССЛЕДОВАТЕЛЬСК", "", "ru", "research"),
    (40, "research", "substring", "АКАДЕМИ", "", "ru", "academy (of sciences)"),
    (40, "research", "substring", "ИНСТИТУТ", "", "ru", "institute"),
    # Chinese: after 公司 (a corporatised institute is a firm), after 大学 at 45
    (45, "university", "substring", "大学", "", "zh ja", "university (also 中国科学院大学)"),
    (45, "university", "substring", "大學", "", "zh-Hant", "university"),
    (45, "university", "substring", "대학교", "", "ko", "university"),
    (47, "research", "substring", "科学院", "", "zh", "academy of sciences (before 学院)"),
    (47, "research", "substring", "科學院", "", "zh-Hant", "academy of sciences"),
    (47, "research", "substring", "研究院", "", "zh", "research institute"),
    (47, "research", "substring", "研究所", "", "zh ja", "research institute"),
    (47, "research", "substring", "研究中心", "", "zh", "research centre"),
    (47, "research", "substring", "实验室", "", "zh", "laboratory"),
    (47, "research", "substring", "實驗室", "", "zh-Hant", "laboratory"),
    (47, "research", "substring", "연구원", "", "ko", "research institute"),
    (47, "research", "substring", "연구소", "", "ko", "research institute"),

    # ---- 44-46: universities' companies -----------------------------------
    (44, "university", "regex", rf"(?<= ){UNIV_WORD}(?= ).*(?<= ){TTO_WORD}(?= )", "", "en",
     "a university word and a technology-transfer word: university technology-transfer body"),
    (44, "university", "regex", rf"(?<= ){TTO_WORD}(?= ).*(?<= ){UNIV_WORD}(?= )", "", "en",
     "a technology-transfer word and a university word"),
    (44, "university", "word", "RESEARCH AND BUSINESS FOUNDATION", "", "en", "Korean university foundations"),
    (44, "university", "word", "RESEARCH & BUSINESS FOUNDATION", "", "en", ""),
    (44, "university", "word", "R & DB FOUNDATION", "", "en", ""),
    (44, "university", "word", "INDUSTRY ACADEMIC COOPERATION", "", "en", ""),
    (44, "university", "word", "INDUSTRY UNIVERSITY COOPERATION", "", "en", ""),
    (44, "university", "word", "UNIVERSITY INDUSTRY COOPERATION", "", "en", ""),
    (44, "university", "word", "ACADEMY INDUSTRY FOUNDATION", "", "en", ""),
    (46, "firm", "regex", rf"(?<= )(?:UNIVERSIT\w*|UNIV)(?= ).*(?<= ){UNIV_COMPANY}(?= )", "", "en",
     "a university-owned company (Peking University Founder Group Co., Ltd.) is a firm"),

    # ---- 50: universities -----------------------------------------------------
    (50, "university", "prefix", "UNIVERSIT", "", "", "university, universitat, universite, "
     "universita, universiteit, universitet, universiti, universitesi ..."),
    (50, "university", "prefix", "UNIVERSID", "", "es pt", "universidad, universidade"),
    (50, "university", "prefix", "UNIVERZ", "", "cs sk sl", "univerzita, univerza"),
    (50, "university", "prefix", "UNIWERSYTET", "", "pl", ""),
    (50, "university", "word", "UNIV", "", "en", "abbreviation"),
    (50, "university", "regex", r" COLLEGE (?!PARK |STATION )", "", "en",
     "'College Park', 'College Station' are places"),
    (50, "university", "regex", r" COLLEGE $", "", "en", ""),
    (50, "university", "word", "INSTITUTE OF TECHNOLOGY", "", "en", "MIT, Caltech, IIT, Harbin ..."),
    (50, "university", "word", "INSTITUTES OF TECHNOLOGY", "", "en", ""),
    (50, "university", "word", "INSTITUTE OF SCIENCE AND TECHNOLOGY", "", "en",
     "GIST, DGIST, UNIST, Skoltech, Masdar (KIST is a named research rule)"),
    (50, "university", "word", "INSTITUT TEKNOLOGI", "", "id", "Institut Teknologi Bandung"),
    (50, "university", "word", "INSTITUTE OF PHYSICS AND TECHNOLOGY", "", "en",
     "Moscow Institute of Physics and Technology (a university); an academy's institute is "
     "research (priority 40)"),
    (50, "university", "word", "INSTITUTE OF MEDICAL SCIENCES", "", "en",
     "Indian medical universities (All India Institute of Medical Sciences)"),
    (50, "university", "word", "INSTITUT POLYTECHNIQUE", "", "fr", ""),
    (50, "university", "word", "INSTITUT NATIONAL POLYTECHNIQUE", "", "fr", ""),
    (50, "university", "word", "POLYTECHNIC", "", "en", ""),
    (50, "university", "word", "POLYTECHNICAL", "", "en", ""),
    (50, "university", "word", "POLYTECHNIQUE", "", "fr", ""),
    (50, "university", "word", "POLITECNICO", "", "it", ""),
    (50, "university", "word", "POLITECNICA", "", "es it", ""),
    (50, "university", "word", "POLITECHNIKA", "", "pl", ""),
    (50, "university", "word", "POLITEHNICA", "", "ro", ""),
    (50, "university", "word", "POLYTECHNICAL", "", "en", ""),
    (50, "university", "substring", "HOCHSCHULE", "", "de", "Hochschule, Fachhochschule"),
    (50, "university", "prefix", "HOGSKOL", "", "sv no", "hogskola, hogskolan, hogskole"),
    (50, "university", "word", "HOGESCHOOL", "", "nl", ""),
    (50, "university", "word", "VYSOKE UCENI", "", "cs", ""),
    (50, "university", "word", "VYSOKA SKOLA", "", "cs sk", ""),
    (50, "university", "word", "SZKOLA GLOWNA", "", "pl", ""),
    (50, "university", "word", "AKADEMIA", "PL", "pl", "Polish universities (Akademia "
     "Gorniczo-Hutnicza); Polska Akademia Nauk is research (priority 40)"),
    (50, "university", "word", "ULIKOOL", "", "et", ""),
    (50, "university", "word", "DAIGAKU", "", "ja", ""),
    (50, "university", "word", "DAXUE", "", "zh", ""),
    (50, "university", "word", "DAEHAKGYO", "", "ko", ""),
    (50, "university", "word", "GAKKO HOJIN", "", "ja", "school juridical person"),
    (50, "university", "word", "SCHOOL OF MEDICINE", "", "en", "a university's medical school"),
    (50, "university", "word", "MEDICAL SCHOOL", "", "en", ""),
    (50, "university", "word", "BOARD OF REGENTS", "", "en", ""),
    (50, "university", "word", "REGENTS OF", "", "en", ""),
    (50, "university", "word", "BOARD OF TRUSTEES", "", "en", ""),
    (50, "university", "word", "TRUSTEES OF", "", "en", ""),
    (50, "university", "word", "CURATORS OF", "", "en", ""),
    (50, "university", "word", "PRESIDENT AND FELLOWS", "", "en", "Harvard"),
    (50, "university", "word", "BOARD OF SUPERVISORS OF", "", "en", "Louisiana State University"),
    (50, "university", "word", "ETH ZURICH", "", "de", ""),
    (50, "university", "word", "EPFL", "", "fr", ""),
    (50, "university", "word", "RWTH", "", "de", ""),
    (50, "university", "word", "KU LEUVEN", "", "nl", ""),
    (50, "university", "substring", "УНИВЕРСИТЕТ", "", "ru", ""),
    (50, "university", "substring", "جامعة", "", "ar", "university"),
    (55, "university", "substring", "学院", "", "zh", "college, institute (after 科学院)"),
    (55, "university", "substring", "學院", "", "zh-Hant", "college"),

    # ---- 60: government, strong ------------------------------------------------
    (60, "government", "word", "GOVERNMENT OF", "", "en", ""),
    (60, "government", "word", "MINISTRY OF", "", "en", ""),
    (60, "government", "substring", "MINISTERIUM", "", "de", "Bundesministerium"),
    (60, "government", "word", "MINISTERE", "", "fr", ""),
    (60, "government", "word", "MINISTERIO", "", "es pt", ""),
    (60, "government", "word", "DEPARTMENT OF ENERGY", "", "en", ""),
    (60, "government", "word", "DEPARTMENT OF DEFENSE", "", "en", ""),
    (60, "government", "word", "DEPARTMENT OF DEFENCE", "", "en", ""),
    (60, "government", "word", "DEPARTMENT OF HEALTH", "", "en", ""),
    (60, "government", "word", "STATE INTELLECTUAL PROPERTY OFFICE", "", "en", ""),
    (60, "government", "substring", "人民政府", "", "zh", "people's government"),
    (60, "government", "substring", "政府", "", "zh ja", "government"),
    (60, "government", "substring", "委员会", "", "zh", "commission / committee"),
    (60, "government", "substring", "委員會", "", "zh-Hant", "commission"),
    (60, "government", "substring", "局", "", "zh", "bureau / administration"),
    (60, "government", "substring", "部", "", "zh", "ministry / department"),
    (60, "government", "substring", "ПРАВИТЕЛЬСТВ", "", "ru", "government"),
    (60, "government", "substring", "МИНИСТЕРСТВ", "", "ru", "ministry"),

    # ---- 70: legal forms (besides Magerman and NBER) ----------------------------
    (70, "firm", "legal_form", "BERHAD", "", "ms", ""),
    (70, "firm", "legal_form", "BHD", "", "ms", "Sdn Bhd"),
    (70, "firm", "legal_form", "SDN BHD", "", "ms", ""),
    (70, "firm", "legal_form", "PTE", "", "en", "Singapore private limited"),
    (70, "firm", "legal_form", "PVT", "", "en", "India private limited"),
    (70, "firm", "legal_form", "PRIVATE LIMITED", "", "en", ""),
    (70, "firm", "legal_form", "PUBLIC COMPANY LIMITED", "", "en", ""),
    (70, "firm", "legal_form", "JOINT STOCK COMPANY", "", "en", ""),
    (70, "firm", "legal_form", "LIMITED LIABILITY COMPANY", "", "en", ""),
    (70, "firm", "legal_form", "LIMITED LIABILITY PARTNERSHIP", "", "en", ""),
    (70, "firm", "legal_form", "JSC", "", "en", "joint-stock company (CIS)"),
    (70, "firm", "legal_form", "PJSC", "", "en", ""),
    (70, "firm", "legal_form", "OJSC", "", "en", ""),
    (70, "firm", "legal_form", "CJSC", "", "en", ""),
    (70, "firm", "legal_form", "OOO", "", "ru", "obshchestvo s ogranichennoi otvetstvennostyu"),
    (70, "firm", "legal_form", "ZAO", "", "ru", ""),
    (70, "firm", "legal_form", "OAO", "", "ru", ""),
    (70, "firm", "legal_form", "PAO", "", "ru", ""),
    (70, "firm", "legal_form", "AO", "RU KZ BY UA UZ KG AM AZ GE", "ru", "aktsionernoe obshchestvo"),
    (70, "firm", "legal_form", "TOO", "KZ", "kk", "limited liability partnership"),
    (70, "firm", "prefix", "OBSHCHESTV", "", "ru", "obshchestvo (company)"),
    (70, "firm", "prefix", "OBSCHESTV", "", "ru", ""),
    (70, "firm", "prefix", "AKTSIONERN", "", "ru", ""),
    (70, "firm", "legal_form", "PUBLICHNOE", "", "ru", ""),
    (70, "firm", "substring", "ОБЩЕСТВО", "", "ru", "company"),
    (70, "firm", "legal_form", "ООО", "", "ru", ""),
    (70, "firm", "legal_form", "ЗАО", "", "ru", ""),
    (70, "firm", "legal_form", "ОАО", "", "ru", ""),
    (70, "firm", "legal_form", "ПАО", "", "ru", ""),
    (70, "firm", "legal_form", "АО", "", "ru", ""),
    (70, "firm", "legal_form", "ANONIM SIRKETI", "", "tr", ""),
    (70, "firm", "legal_form", "SIRKETI", "", "tr", ""),
    (70, "firm", "legal_form", "NYRT", "", "hu", ""),
    (70, "firm", "legal_form", "ZRT", "", "hu", ""),
    (70, "firm", "legal_form", "S R O", "", "cs sk", "spolecnost s rucenim omezenym"),
    (70, "firm", "legal_form", "A S", "CZ SK DK NO TR", "", "akciova spolecnost, aktieselskab, "
     "anonim sirketi"),
    (70, "firm", "legal_form", "AS", "NO DK EE", "", "aksjeselskap, aktieselskab, aktsiaselts"),
    (70, "firm", "legal_form", "K S", "CZ SK", "cs", "komanditni spolecnost"),
    (70, "firm", "legal_form", "D D", "SI HR BA RS", "sl", "delniska druzba"),
    (70, "firm", "legal_form", "D O O", "", "sl hr sr", "druzba z omejeno odgovornostjo"),
    (70, "firm", "legal_form", "DOO", "", "", ""),
    (70, "firm", "legal_form", "AD", "BG MK RS", "bg", "aktsionerno druzhestvo"),
    (70, "firm", "legal_form", "EAD", "BG", "bg", ""),
    (70, "firm", "legal_form", "OOD", "BG", "bg", ""),
    (70, "firm", "legal_form", "EOOD", "BG", "bg", ""),
    (70, "firm", "legal_form", "SPOLKA", "", "pl", "spolka z o.o., spolka akcyjna"),
    (70, "firm", "legal_form", "SP Z O O", "", "pl", ""),
    (70, "firm", "legal_form", "TBK", "", "id", "Indonesian listed company"),
    (70, "firm", "legal_form", "PERSERO", "", "id", "state-owned limited company"),
    (70, "firm", "regex", r"^ PT ", "ID", "id", "perseroan terbatas"),
    (70, "firm", "legal_form", "PT", "ID", "id", "perseroan terbatas"),
    (70, "firm", "legal_form", "SE", "", "", "Societas Europaea"),
    (70, "firm", "legal_form", "FZE", "", "en", "UAE free-zone establishment"),
    (70, "firm", "legal_form", "FZCO", "", "en", "UAE free-zone company"),
    (70, "firm", "legal_form", "FZC", "", "en", ""),
    (70, "firm", "legal_form", "S L", "ES", "es", "sociedad limitada"),
    (70, "firm", "legal_form", "SL", "ES", "es", "sociedad limitada"),
    (70, "firm", "legal_form", "S L U", "ES", "es", ""),
    (70, "firm", "legal_form", "LTDA", "", "pt es", ""),
    (70, "firm", "legal_form", "EIRELI", "", "pt", ""),
    (70, "firm", "legal_form", "SA DE CV", "", "es", ""),
    (70, "firm", "legal_form", "S DE RL", "", "es", ""),
    (70, "firm", "legal_form", "CIA", "", "pt es", "companhia, compania"),
    (70, "firm", "legal_form", "GODO KAISHA", "", "ja", ""),
    (70, "firm", "legal_form", "CHUSIK HOESA", "", "ko", ""),
    (70, "firm", "legal_form", "JUSIK HOESA", "", "ko", ""),
    (70, "firm", "legal_form", "CHUSIKHOESA", "", "ko", ""),
    (70, "firm", "legal_form", "COMPANY", "", "en", ""),
    (70, "firm", "legal_form", "COMPANIES", "", "en", ""),
    (70, "firm", "legal_form", "CORPORATION", "", "en", ""),
    (70, "firm", "legal_form", "INCORPORATED", "", "en", ""),
    (70, "firm", "legal_form", "LIMITED", "", "en", ""),
    (70, "firm", "legal_form", "CORP", "", "en", ""),
    (70, "firm", "legal_form", "INC", "", "en", ""),
    (70, "firm", "legal_form", "LTD", "", "en", ""),
    (70, "firm", "legal_form", "CO", "", "en", ""),
    (70, "firm", "legal_form", "LLC", "", "en", ""),
    (70, "firm", "legal_form", "PLC", "", "en", ""),
    (70, "firm", "legal_form", "GMBH", "", "de", ""),
    (70, "firm", "legal_form", "MBH", "", "de", ""),
    (70, "firm", "legal_form", "AG", "", "de", ""),
    (70, "firm", "legal_form", "KG", "", "de", ""),
    (70, "firm", "legal_form", "SA", "", "fr es", ""),
    (70, "firm", "legal_form", "KABUSHIKI KAISHA", "", "ja", ""),

    # ---- 72: research phrases --------------------------------------------------
    (72, "research", "word", "RESEARCH INSTITUTE", "", "en", ""),
    (72, "research", "word", "RESEARCH INSTITUTES", "", "en", ""),
    (72, "research", "word", "INSTITUTE", "", "en", "below legal forms: 'Genetics Institute, LLC' is a firm"),
    (72, "research", "word", "INSTITUTES", "", "en", ""),
    (72, "research", "word", "INSTITUT", "", "de fr", ""),
    (72, "research", "word", "INSTITUTET", "", "sv", ""),
    (72, "research", "word", "INSTITUUT", "", "nl", ""),
    (72, "research", "word", "INSTITUTO", "", "es pt", ""),
    (72, "research", "word", "INSTITUTUL", "", "ro", ""),
    (72, "research", "word", "RESEARCH CENTER", "", "en", ""),
    (72, "research", "word", "RESEARCH CENTRE", "", "en", ""),
    (72, "research", "word", "RESEARCH CENTERS", "", "en", ""),
    (72, "research", "word", "RESEARCH LABORATORY", "", "en", ""),
    (72, "research", "word", "RESEARCH ASSOCIATION", "", "en", ""),
    (72, "research", "regex", r" RESEARCH (?:AND DEVELOPMENT |& DEVELOPMENT )?ORGANI[SZ]ATION ", "", "en",
     "CSIRO, DRDO, Agricultural Research Organization"),
    (72, "research", "word", "NATIONAL RESEARCH", "", "en", ""),
    (72, "research", "regex", r" COUNCIL (?:OF|FOR) (?:[^ ]+ ){0,4}RESEARCH ", "", "en",
     "research councils (Indian Council of Medical Research); before COUNCIL (government)"),
    (72, "research", "word", "USTAV", "", "cs sk", "institute"),
    (72, "research", "word", "RIKEN", "", "ja",
     "RIKEN; below legal forms because Riken Keiki, Riken Vitamin, Riken Corporation are firms"),
    (72, "research", "regex", r" CENT(?:RE|ER) FOR (?:[^ ]+ ){0,4}(?:RESEARCH|STUDIES) ", "", "en",
     "'Centre for Advanced Scientific Research'"),
    (72, "research", "word", "VYZKUMNY", "", "cs", "research (institute)"),
    (72, "research", "word", "VYSKUMNY", "", "sk", "research (institute)"),
    (72, "research", "substring", "KUTATOKOZPONT", "", "hu", "research centre"),
    (72, "research", "substring", "KUTATOINTEZET", "", "hu", "research institute"),
    (72, "research", "word", "KUTATO INTEZET", "", "hu", "research institute"),
    (72, "research", "prefix", "ARASTIRMA", "", "tr", "research"),

    # ---- 76: individuals, "Last, First" ---------------------------------------
    (76, "individual", "raw_regex",
     r"^ (?!.* (?:THE|OF|AND|FOR|&|UND|ET)[ ,;.])"
     r"[^\W\d_](?:[^\W\d_]|['.\-])*(?: [^\W\d_](?:[^\W\d_]|['.\-])*){0,3}"
     r"(?: ?, ?(?:JR|SR|II|III|IV)\.?)? ?[,;] ?"
     r"[^\W\d_](?:[^\W\d_]|['.\-])*(?: [^\W\d_](?:[^\W\d_]|['.\-])*){0,3}"
     r"(?: ?, ?(?:JR|SR|II|III|IV)\.?)? $",
     "", "", "a person written 'Last, First' (no other rule matched)"),

    # ---- 79-80: weak words --------------------------------------------------------
    (79, "hospital", "word", "HEALTH SYSTEM", "", "en", "Henry Ford Health System"),
    (79, "hospital", "word", "HEALTH NETWORK", "", "en", ""),
    (79, "hospital", "word", "HEALTHCARE SYSTEM", "", "en", ""),
    (80, "research", "word", "ACADEMY", "", "en",
     "academies (Chinese Academy of Agricultural Sciences ...) are research; "
     "an academy with a legal form is a firm"),
    (80, "research", "word", "ACADEMIE", "", "fr", ""),
    (80, "research", "word", "LABORATORY", "", "en",
     "a laboratory (singular) without a legal form: Cold Spring Harbor Laboratory"),
    (80, "research", "word", "LABORATOIRE NATIONAL", "", "fr", ""),
    (80, "research", "word", "E V", "", "de", "eingetragener Verein (Fraunhofer, DLR, Leibniz)"),
    (80, "research", "word", "VZW", "", "nl", "Belgian non-profit (IMEC vzw, VIB vzw)"),
    (80, "research", "word", "FOUNDATION", "", "en", "non-profit foundations (NBER: institution)"),
    (80, "research", "word", "STIFTUNG", "", "de", ""),
    (80, "research", "word", "STICHTING", "", "nl", ""),
    (80, "research", "prefix", "STIFTELSE", "", "sv no", ""),
    (80, "research", "word", "FONDATION", "", "fr", ""),
    (80, "research", "word", "FONDAZIONE", "", "it", ""),
    (80, "research", "word", "FUNDACION", "", "es", ""),
    (80, "research", "word", "FUNDACAO", "", "pt", ""),
    (80, "research", "word", "FUNDACIO", "", "ca", ""),
    (80, "government", "word", "STATE OF", "", "en", ""),
    (80, "government", "word", "CITY OF", "", "en", ""),
    (80, "government", "word", "COUNTY OF", "", "en", ""),
    (80, "government", "word", "COMMONWEALTH OF", "", "en", ""),
    (80, "government", "word", "REPUBLIQUE", "", "fr", ""),
    (80, "government", "word", "DEPARTMENT OF", "", "en", ""),
    (80, "government", "word", "ADMINISTRATION", "", "en", "'Rural Development Administration'"),
    (80, "government", "word", "MUNICIPALITY", "", "en", ""),
    (80, "government", "word", "GEMEENTE", "", "nl", ""),
    (80, "government", "word", "BUNDESAMT", "", "de", ""),
    (80, "university", "word", "SCHOOL", "", "en", "NBER ' SCHOOL ' (weak: 'School Specialty, Inc.')"),
    (80, "university", "word", "SCHULE", "", "de", ""),
    (80, "university", "word", "REGENTS", "", "en", "NBER"),
    (80, "university", "word", "TRUSTEES", "", "en", "NBER"),
    (80, "university", "word", "CURATORS", "", "en", "NBER"),
    (80, "university", "word", "SUPERVISORS", "", "en", "NBER"),

    # ---- 85: firm words -------------------------------------------------------------
    (85, "firm", "word", "ZAVOD", "", "ru cs", "plant, works"),
    (85, "firm", "word", "ZAVODY", "", "cs", "works"),
    (85, "firm", "word", "KOMBINAT", "", "de ru", "combine (state enterprise)"),
    (85, "firm", "word", "VEB", "", "de", "volkseigener Betrieb"),
    (85, "firm", "word", "SANAYI", "", "tr", "industry"),
    (85, "firm", "word", "TICARET", "", "tr", "trade"),
    (85, "firm", "word", "PREDPRIYATIE", "", "ru", "enterprise"),
    (85, "firm", "word", "INDUSTRIES", "", "en", ""),
    (85, "firm", "word", "LICENSING", "", "en", "licensing companies (Thomson Licensing)"),
    (85, "firm", "raw_regex", r"[A-Z0-9]\.COM\b", "", "en", "a company named by its web domain"),
    (85, "firm", "word", "TECHNOLOGIES", "", "en", ""),
    (85, "firm", "substring", "工厂", "", "zh", "factory"),
    (85, "firm", "substring", "厂", "", "zh", "factory"),

    # ---- 88-90: individuals -------------------------------------------------------------
    (88, "individual", "regex",
     r"^ (?:[^\W\d_]{2,} [^\W\d_]{2,} [^\W\d_]|[^\W\d_]{2,} [^\W\d_] [^\W\d_]{2,}) $",
     "", "", "a person written 'LAST FIRST M' or 'FIRST M LAST' (one initial, three words)"),
    (90, "individual", "word", "LEGALLY REPRESENTED BY", "", "en", ""),
    (90, "individual", "word", "LEGAL REPRESENTATIVE", "", "en", ""),
]


def _nber(shared: Path):
    rows = []
    with open(shared / "nber_pdp_org_type_patterns.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            raw = r["pattern"]
            norm = normalize_name(raw)
            if not norm:
                continue
            org = r["org_type"]
            match = "word" if raw.endswith(" ") else "prefix"
            if norm in DROP:
                continue
            if norm in RELABEL:
                label, prio, note = RELABEL[norm]
                rows.append((prio, label, match, norm, "", "", note, SRC_NBER))
                continue
            if org == "indiv":
                rows.append((90, "individual", match, norm, "", "", "title or family word", SRC_NBER))
            elif org == "govt":
                if norm in NBER_GOV_STATE:
                    prio = 20
                elif norm in NBER_GOV_STRONG:
                    prio = 60
                else:
                    prio = 80
                rows.append((prio, "government", match, norm, "", "", "", SRC_NBER))
            elif org == "univ":
                rows.append((50, "university", match, norm, "", "", "", SRC_NBER))
            elif org == "hosp":
                prio = 79 if norm in NBER_HOSP_WEAK else 30
                rows.append((prio, "hospital", match, norm, "", "", "", SRC_NBER))
            elif org == "inst":
                if re.search(r"INSTIT|INSITU|INTITU|ISTITU|INSTYTU|FORSKNING|KENKYU", norm):
                    rows.append((72, "research", match, norm, "", "", "research institute", SRC_NBER))
                elif re.search(r"FOUND|FONDA|FUNDA|STIFT|STICHT", norm):
                    rows.append((80, "research", match, norm, "", "", "foundation", SRC_NBER))
                elif norm in ("E V", "VZW"):
                    rows.append((80, "research", match, norm, "", "", "non-profit association",
                                 SRC_NBER))
                else:  # pragma: no cover - every inst pattern is dropped or mapped above
                    raise SystemExit(f"unmapped NBER institution pattern {norm!r}")
            elif org == "firm":
                business = bool(BUSINESS_WORDS.search(norm)) and norm not in LEGAL_DESPITE_WORD
                if business:
                    rows.append((85, "firm", match, norm, "", "", "business word", SRC_NBER))
                else:
                    rows.append((70, "firm", "legal_form" if match == "word" else "prefix", norm, "",
                                 "", "legal form", SRC_NBER))
            else:  # pragma: no cover
                raise SystemExit(f"unknown NBER org_type {org!r}")
    return rows


def _magerman(shared: Path):
    text = (shared / "magerman_legal_entities.csv").read_text(encoding="utf-8")
    body = [ln for ln in text.splitlines() if ln.startswith('"') or ln.startswith("'")]
    rows = []
    reader = csv.reader(io.StringIO("\n".join(body)), skipinitialspace=True)
    for rec in reader:
        if not rec or rec[0] == "remove":
            continue
        norm = normalize_name(rec[0])
        form = normalize_name(rec[1]) if len(rec) > 1 else ""
        if not norm or norm in DROP or len(norm.replace(" ", "")) < 2:
            continue
        rows.append((70, "firm", "legal_form", norm, "", "", f"legal form {form}".strip(), SRC_MAG))
    return rows


def _tudelft(shared: Path):
    rows = []
    special = {"academ": None, "acadaem": None, "hadasit": None, "yeda research": None,
               "eth z": None, "eth-z": None, "univ.": ("word", "UNIV"),
               "k.u. leuven": ("word", "K U LEUVEN"), "k.u.leuven": ("word", "KU LEUVEN"),
               "insitute of technology": ("word", "INSITUTE OF TECHNOLOGY"),
               "institute of technology": ("word", "INSTITUTE OF TECHNOLOGY"),
               "institute of science": ("word", "INSTITUTE OF SCIENCE"),
               "institute of medical": None,
               "institute for cancer": None, "institute of cancer": None, "cancer institut": None,
               "instituto cientifico": None, "instituto superior": ("word", "INSTITUTO SUPERIOR"),
               "school": None, "college": None, "kitasato": None,
               "cornell": ("word", "CORNELL RESEARCH FOUNDATION"),
               "purdue": ("word", "PURDUE RESEARCH FOUNDATION"), "alumni": ("word", "ALUMNI"),
               "des sciences appliq": ("prefix", "DES SCIENCES APPLIQ"),
               "egyetem": ("substring", "EGYETEM"), "tudomanyegyetem": None,
               "yliopisto": ("substring", "YLIOPISTO"), "korkeakoulu": ("substring", "KORKEAKOULU"),
               "skola": ("word", "SKOLA"), "szkola": ("word", "SZKOLA"),
               "hochschule": ("substring", "HOCHSCHULE"), "politec": None, "politechn": None,
               "polytechn": None, "ecole": ("word", "ECOLE"), "penn state": ("word", "PENN STATE"),
               "virginia tech": ("word", "VIRGINIA TECH"), "georgia tech": ("word", "GEORGIA TECH")}
    why = {"academ": "academies are research here", "acadaem": "academies are research here",
           "hadasit": "Hadassah hospital's company: hospital (named rule)",
           "yeda research": "named rule", "eth z": "matches 'SETH Z...': ETH ZURICH is a named rule",
           "eth-z": "as eth z", "institute for cancer": "cancer institutes are research",
           "institute of cancer": "cancer institutes are research",
           "cancer institut": "cancer institutes are research",
           "instituto cientifico": "research", "college": "hand rule with place-name exceptions",
           "school": "weak hand rule", "kitasato": "the Kitasato Institute is research; Kitasato "
           "University is caught by UNIVERSIT; Kitasato firms exist",
           "institute of medical": "research institutes",
           "cornell": "'Cornell Dubilier' is a firm: Cornell University is caught by UNIVERSIT",
           "purdue": "'Purdue Pharma' is a firm: Purdue University is caught by UNIVERSIT",
           "tudomanyegyetem": "covered by EGYETEM", "politec": "hand rules list the words",
           "politechn": "hand rules list the words", "polytechn": "hand rules list the words"}
    for line in (shared / "tudelft_university_substrings.txt").read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if not s:
            continue
        if s in special:
            spec = special[s]
            if spec is None:
                continue
            match, pat = spec
        else:
            norm = normalize_name(s)
            # stems of words are prefixes; multi-word phrases and names are words
            match = "word" if " " in norm or norm in {"TECHNION", "KAIST", "POSTECH", "SUNY",
                                                       "UCLA", "DOSHISHA"} else "prefix"
            pat = norm
        rows.append((50, "university", match, pat, "", "", "", SRC_TUD))
    return rows, why


def _agencies(shared: Path):
    rows = []
    with open(shared / "us_government_agencies_patentsview.csv", newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for rec in reader:
            if len(rec) < 2:
                continue
            long_form = normalize_name(rec[1])
            if not long_form:
                continue
            n_words = len(long_form.split())
            if long_form == "UNIFORMED SERVICES UNIVERSITY OF THE HEALTH SCIENCES":
                continue  # a federal university: the university rules decide
            prio = 60 if n_words >= 3 else 80
            rows.append((prio, "government", "word", long_form, "", "en",
                         f"US federal agency {rec[0].strip()}", SRC_GOV))
    return rows


def _type_codes(shared: Path):
    rows = []
    with open(shared / "uspto_assignee_type_codes.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            lab = r["suggested_sector"].strip()
            if lab in ("individual", "government"):
                rows.append((75, lab, "type_code", r["code"].strip(), "", "",
                             r["description"].strip(), SRC_TYPE))
    return rows


def build(shared: Path) -> list[list[str]]:
    kw = shared / "sector-keywords"
    hand = [(p, lab, m, pat, c, lang, note, SRC_HAND) for p, lab, m, pat, c, lang, note in HAND]
    tud, _ = _tudelft(kw)
    agency = _agencies(kw)  # whatever the country field says: the long names are unambiguous
    parts = [("hand", hand), ("nber", _nber(kw)), ("magerman", _magerman(kw)), ("tudelft", tud),
             ("usgov", agency), ("type", _type_codes(kw))]
    seen = set()
    out = []
    for prefix, rows in parts:
        counter: dict = {}
        for prio, lab, match, pat, ctry, lang, note, src in rows:
            key = (prio, lab, match if match != "legal_form" else "word",
                   pat if match in ("regex", "raw_regex") else normalize_name(pat)
                   if match != "type_code" else pat, ctry)
            if key in seen:
                continue
            seen.add(key)
            short = {"individual": "indiv", "government": "gov", "university": "univ",
                     "hospital": "hosp", "research": "res", "firm": "firm"}[lab]
            if match == "legal_form":
                short = "legal"
            counter[short] = counter.get(short, 0) + 1
            rid = f"{prefix}-{short}-{counter[short]:03d}"
            npat = normalize_name(pat) if match != "regex" else pat
            if lab == "firm" and prio == 70 and npat in NAME_LIKE_FORMS:
                prio = 77
                note = (note + "; " if note else "") + "also a personal-name syllable: after 'Last, First'"
            elif (lab == "firm" and prio == 70 and match in ("legal_form", "word")
                  and all(len(t) == 1 for t in npat.split()) and npat not in DOTTED_FORMS):
                prio = 77
                note = (note + "; " if note else "") + "also initials of a person: after 'Last, First'"
            out.append([rid, str(prio), lab, match, pat, ctry, lang, note, src])
    order = sorted(range(len(out)), key=lambda i: (int(out[i][1]), i))
    return [out[i] for i in order]


HEADER = """\
# source: written for patnet by tools/derive_sector_rules.py (run it to regenerate; do not edit by hand).
# Applicant-sector rules: lower priority is tried first, rows of equal priority in table order; the first
# match decides; names that no rule matches are 'unknown'. Match kinds and precedence: patnet/classify/sectors.py.
# Derived from ../shared/data/sector-keywords/: NBER Patent Data Project org-type patterns (B. H. Hall; CSV from
# stasvlasov/nstandr, MIT), Magerman, Van Looy & Song (2006) legal forms (same repository), TU Delft university
# substrings (pstek84/patentsview), US federal agencies (PatentsView/PatentsView-DB), USPTO assignee type codes;
# rows with source 'patnet (hand-written)' were written for patnet. Patterns are facts (words, names, codes).
"""


SOURCE_NOTE = """\
sector_rules.csv -- applicant-sector rules of patnet.classify.sectors
=====================================================================
Written by tools/derive_sector_rules.py (deterministic; run it to regenerate) from
../shared/data/sector-keywords/ and from rules written for patnet:

  nber_pdp_org_type_patterns.csv   NBER Patent Data Project organisation-type patterns
      (B. H. Hall, Stata programs non_corporates.do / corporates.do), as extracted in
      stasvlasov/nstandr (MIT licence) inst/nber-pdp-harmonization/nber-org-type-codes.csv,
      commit db30c568112ea3dcb47e7af03086ad0eff05145c.
  magerman_legal_entities.csv      legal forms of Magerman, Van Looy & Song (2006), Data
      production methods for harmonised patent statistics: patentee name harmonisation
      (Eurostat), Appendix 2; same repository and commit.
  tudelft_university_substrings.txt  university substrings (TU Delft list) as embedded in
      pstek84/patentsview pv_assignee-triplehelix.R (commit 1acc11bb...; no licence stated).
  us_government_agencies_patentsview.csv  US federal agency names, PatentsView/PatentsView-DB
      persistent_files/list_of_government_agencies.csv (commit f8aedf48...).
  uspto_assignee_type_codes.csv    USPTO / PatentsView assignee type codes.

Only facts are taken (words, organisation names, legal-form strings, codes), normalised
the way patnet normalises names; no code is copied. What was dropped or re-labelled, and
why, is listed in the DROP and RELABEL tables of the script; the precedence of the
priorities is documented in patnet/classify/sectors.py. Rules whose source is
'patnet (hand-written)' were written for patnet.
"""


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = build(args.shared)
    buf = io.StringIO()
    buf.write(HEADER)
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(buf.getvalue(), encoding="utf-8")
    args.out.with_name(args.out.stem + ".SOURCE.txt").write_text(SOURCE_NOTE, encoding="utf-8")
    counts: dict = {}
    for r in rows:
        counts[r[8]] = counts.get(r[8], 0) + 1
    print(f"wrote {len(rows)} rules to {args.out}: " + ", ".join(f"{k}: {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
