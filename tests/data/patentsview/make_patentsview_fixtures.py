"""Write the small PatentsView-layout fixtures of tests/test_io_patentsview.py.

``messy/`` loads in both error modes and carries the quirks the loader must
account for: dates in several formats, zero-padded ids, exact duplicate
rows, an id repeated with conflicting values (a patent and a location),
orphan rows, float forms ("2.0"), placeholders ("N/A"), Namibia ("NA"), a
blank line, a repeated header and an unused location.

``excel_ids/`` has a patent number a spreadsheet rounded (1.23457E+12) on
line 3 of the inventor table; ``bad_rows/`` a row with too few fields on
line 3 of the inventor table.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

H = {
    "g_patent": "patent_id\tpatent_type\tpatent_date\tpatent_title\tpatent_abstract\twipo_kind"
                "\tnum_claims\twithdrawn\tfilename",
    "g_application": "application_id\tpatent_id\tpatent_application_type\tfiling_date"
                     "\tseries_code\trule_47_flag",
    "g_inventor_disambiguated": "patent_id\tinventor_sequence\tinventor_id"
                                "\tdisambig_inventor_name_first\tdisambig_inventor_name_last"
                                "\tgender_code\tlocation_id",
    "g_location_disambiguated": "location_id\tdisambig_city\tdisambig_state\tdisambig_country"
                                "\tlatitude\tlongitude\tcounty\tstate_fips\tcounty_fips",
    "g_assignee_disambiguated": "patent_id\tassignee_sequence\tassignee_id"
                                "\tdisambig_assignee_individual_name_first"
                                "\tdisambig_assignee_individual_name_last"
                                "\tdisambig_assignee_organization\tassignee_type\tlocation_id",
    "g_ipc_at_issue": "patent_id\tipc_sequence\tclassification_level\tsection\tipc_class"
                      "\tsubclass\tmain_group\tsubgroup\tsymbol_position\tclassification_value"
                      "\tclassification_status\tclassification_data_source\taction_date"
                      "\tipc_version_indicator",
    "g_cpc_current": "patent_id\tcpc_sequence\tcpc_section\tcpc_class\tcpc_subclass\tcpc_group"
                     "\tcpc_type\tcpc_symbol_position",
    "g_wipo_technology": "patent_id\twipo_field_sequence\twipo_field_id\twipo_sector_title"
                         "\twipo_field_title",
}

MESSY = {
    "g_patent": [
        "10000001\tutility\t2018-06-19\tWidget\t\tB2\t10\t0\tipg180619.xml",         # 2
        "10000002\tutility\t20180619\tGadget\t\tB2\t5\t0\tipg180619.xml",            # 3 compact date
        "D0800001\tdesign\t06/19/2018\tOrnamental lamp\t\tS1\t1\t0\tipg180619.xml",  # 4 zero-padded, m/d/y
        "10000003\tutility\t2019-01-01\tThing\t\tB1\t3\t0\tipg190101.xml",           # 5
        "10000003\tutility\t2019-01-01\tThing (corrected)\t\tB1\t3\t0\tipg190101.xml",  # 6 conflict
        "10000001\tutility\t2018-06-19\tWidget\t\tB2\t10\t0\tipg180619.xml",         # 7 exact duplicate
        "",                                                                           # 8 blank
        H["g_patent"],                                                                # 9 header again
        "10000005\tutility\t2020/03/03\tGizmo\t\tB2\t7\t0\tipg200303.xml",           # 10 slash ymd
    ],
    "g_application": [
        "15000001\t10000001\tutility\t2016-01-05\t15\t0",     # 2
        "15000002\t10000002\tutility\t20160105\t15\t0",       # 3 compact
        "29000003\tD800001\tdesign\t2017-02-03\t29\t0",       # 4
        "15000004\t10000003\tutility\tN/A\t15\t0",            # 5 placeholder date
        "15999999\t99999999\tutility\t2017-05-06\t15\t0",     # 6 orphan
        "15000005\t10000005\tutility\t2019-03-04\t15\t0",     # 7
    ],
    "g_inventor_disambiguated": [
        "10000001\t0\tinv1\tJohn\tSmith\tM\tloc1",            # 2
        "10000001\t1\tinv2\tWei\tWang\tM\tloc2",              # 3
        "10000001\t1\tinv2\tWei\tWang\tM\tloc2",              # 4 exact duplicate
        "10000002\t2.0\tinv3\tAnna\tKowalski\tF\tloc3",       # 5 float sequence
        "D0800001\t0\tinv4\tNa\tLi\tF\tloc4",                 # 6 zero-padded id, Namibia
        "10000003\t0\tinv5\tN/A\tTanaka\tM\tloc5",            # 7 placeholder first name
        "77777777\t0\tinv6\tGhost\tWriter\tM\tloc1",          # 8 orphan
        "10000005\t0\tinv7\tLi\tChen\tM\tloc6",               # 9 location not in the table
    ],
    "g_location_disambiguated": [
        "loc1\tBoston\tMA\tUS\t42.36\t-71.06\t\t\t",          # 2
        "loc2\tBeijing\t\tCN\t\t\t\t\t",                      # 3
        "loc3\tWarsaw\t\tPL\t\t\t\t\t",                       # 4
        "loc4\tWindhoek\t\tNA\t\t\t\t\t",                     # 5 Namibia
        "loc5\tTokyo\t\tJP\t\t\t\t\t",                        # 6
        "loc5\tTokyo-to\t\tJP\t\t\t\t\t",                     # 7 conflicting duplicate
        "loc1\tBoston\tMA\tUS\t42.36\t-71.06\t\t\t",          # 8 exact duplicate
        "loc9\tParis\t\tFR\t\t\t\t\t",                        # 9 not used
    ],
    "g_assignee_disambiguated": [
        "10000001\t0\tas1\t\t\tAcme Corp\t2.0\tloc1",         # 2 float type
        "10000002\t0\tas2\tJane\tDoe\t\t4\tloc3",             # 3 a person
        "10000003\t0\tas3\t\t\tTsinghua University\t3\tloc2",  # 4
    ],
    "g_ipc_at_issue": [
        "10000001\t0\t\tH\t01\tL\t21\t02\t\t\t\t\t\t",        # 2
        "10000001\t1\t\tG\t06\tF\t17\t30\t\t\t\t\t\t",        # 3
        "10000002\t0\t\tA\t61\tB\t5\t0205\t\t\t\t\t\t",       # 4
    ],
    "g_cpc_current": [
        "10000001\t0\tH\tH01\tH01L\tH01L21/02\tinventive\tF",  # 2
        "10000002\t0\tA\tA61\tA61B\tA61B5/0205\tinventive\tF",  # 3
    ],
    "g_wipo_technology": [
        "10000001\t0\t8.0\tElectrical engineering\tSemiconductors",  # 2 float form
        "10000002\t0\t13\tInstruments\tMedical technology",          # 3
    ],
}

EXCEL = {
    "g_patent": ["1234567\tutility\t2005-01-04\tA\t\tB1\t1\t0\tx",
                 "1234568\tutility\t2005-01-04\tB\t\tB1\t1\t0\tx"],
    "g_inventor_disambiguated": ["1234567\t0\ti1\tA\tB\tM\t",
                                 "1.23457E+12\t0\ti2\tC\tD\tF\t",   # line 3: rounded id
                                 "1234568\t0\ti3\tE\tF\tM\t"],
}

BAD_ROWS = {
    "g_patent": ["1234567\tutility\t2005-01-04\tA\t\tB1\t1\t0\tx",
                 "1234568\tutility\t2005-01-04\tB\t\tB1\t1\t0\tx"],
    "g_inventor_disambiguated": ["1234567\t0\ti1\tA\tB\tM\t",
                                 "1234567\t1\ti2\tC",               # line 3: too few fields
                                 "1234568\t0\ti3\tE\tF\tM\t"],
}


def write(folder, tables):
    folder = HERE / folder
    folder.mkdir(exist_ok=True)
    for table, rows in tables.items():
        text = "\n".join([H[table]] + rows) + "\n"
        (folder / f"{table}.tsv").write_text(text, encoding="utf-8")


def main():
    write("messy", MESSY)
    write("excel_ids", EXCEL)
    write("bad_rows", BAD_ROWS)


if __name__ == "__main__":
    main()
