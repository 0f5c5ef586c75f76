"""Write the delimited-text fixtures of tests/test_io_text.py (run from this folder).

Each fixture is a few lines of bytes chosen to show one awkward property of
real files; the tests pin the exact behaviour on each.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

FIXTURES = {
    # UTF-8 byte-order mark, CRLF line endings, a quoted field with an embedded
    # CRLF (row 2 spans lines 3-4) and doubled quotes inside a quoted field.
    "bom_crlf.tsv": (b"\xef\xbb\xbfpatent_id\tcountry\ttitle\r\n"
                     b"0001234\tNA\tPlain title\r\n"
                     b'7654321\tCN\t"Two\r\nline title"\r\n'
                     b'D512345\tUS\t"A ""quoted"" word"\r\n'),
    # Chinese names in GB18030 (GBK): the first undecodable byte is on line 3.
    "gb18030.tsv": ("patent_id\tname\tcity\n"
                    "1\tSmith, John\tBoston\n"
                    "2\t王, 小明\t北京\n").encode("gb18030"),
    # UTF-16 with a byte-order mark (decoded automatically) and without one.
    "utf16_bom.tsv": "patent_id\tname\n1\tMüller\n2\t李\n".encode("utf-16"),
    "utf16le_nobom.tsv": "patent_id\tname\n1\tMüller\n".encode("utf-16-le"),
    # Line 3 has too few fields, line 4 too many.
    "bad_fields.tsv": (b"patent_id\tsequence\tcountry\n"
                       b"1\t0\tUS\n"
                       b"2\t0\n"
                       b"3\t0\tJP\textra\n"
                       b"4\t1\tDE\n"),
    # A quote opened on line 3 is never closed.
    "unterminated.tsv": (b"patent_id\tsequence\tcountry\n"
                         b"1\t0\tUS\n"
                         b'2\t"0\tJP\n'
                         b"3\t0\tDE\n"
                         b"4\t1\tFR\n"),
    # The header repeated on line 4 (two files concatenated).
    "repeated_header.tsv": (b"patent_id\tsequence\tcountry\n"
                            b"1\t0\tUS\n"
                            b"2\t0\tJP\n"
                            b"patent_id\tsequence\tcountry\n"
                            b"3\t0\tDE\n"),
    "duplicate_columns.tsv": b"patent_id\tcountry\tcountry\n1\tUS\tJP\n",
    "missing_required.tsv": b"patent_idd\tcountry\n1\tUS\n",
    "empty.tsv": b"",
    "header_only.tsv": b"patent_id\tsequence\tcountry\n",
    # Blank lines before the header, between rows and at the end; an all-empty row (line 6).
    "blank_lines.tsv": (b"\n"
                        b"patent_id\tsequence\tcountry\n"
                        b"1\t0\tUS\n"
                        b"\n"
                        b"2\t0\tJP\n"
                        b"\t\t\n"
                        b"\r\n"
                        b"3\t0\tDE\n"
                        b"\n"),
    # Values that must stay text: Namibia, leading zeros, a rounded id, a float code.
    "text_values.csv": (b"patent_id,country,type\n"
                        b"0001234,NA,02\n"
                        b"1.23457E+12,na,2.0\n"),
    # Old Mac line endings (a lone CR ends a line).
    "cr_only.tsv": b"patent_id\tcountry\r1\tUS\r2\tJP\r",
    # A NUL byte on line 2 (binary or damaged file).
    "nul.tsv": b"patent_id\tcountry\n1\tU\x00S\n",
    # Line 3 has a byte that is not UTF-8 in a column that is not read.
    "bad_byte_unused_column.tsv": b"patent_id\tabstract\n1\tok\n2\tcaf\xe9\n",
}


def main():
    for name, data in FIXTURES.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
