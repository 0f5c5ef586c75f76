"""Benchmark inputs: synthetic PatentsView bulk folders at a fraction of a full release.

A full USPTO release in PatentsView's bulk tables holds about 9 million
granted patents (about 25 million inventor rows, 8 million assignee rows and
20 million classification rows). ``scale=0.01`` is 1% of that, ``scale=1``
the whole of it. Folders are written once, under ``DATA_ROOT/scale-<s>``,
and reused while the generator's settings are unchanged.

Corpora of more than :data:`CHUNK` patents are generated in chunks (one
:func:`patnet.datasets.synthetic_corpus` call each, seeds ``SEED + k``) so
that generation runs in bounded memory; the chunks are appended to one zip
member per table. Chunks never share a patent number: chunk 0 keeps the
generator's numbers (utility patents 6.2 to 10.2 million, as granted from 2001
to 2017), chunk ``k >= 1`` numbers its utility patents consecutively from
``UTILITY_START + (k - 1) * CHUNK`` in their order, so the whole release's
utility numbers end below 19 million, near a real release's (about 12.5
million at the end of 2024), and its design numbers get ``k * 10**8`` added.
Until generator version 2 the utility numbers got ``k * 10**8`` added too: up
to 810 million at scale 1, a range that no real release has, which sent patent
id matching at scale 1 down another path than at 10% (a binary search over
sorted keys instead of a lookup table by number; see
:class:`patnet.ids.IdIndex`). Location rows are written once per
``location_id``. Organisation ids are kept as generated (an id is the firm's
country and name, so the same firm in two chunks is one organisation, as in a
real release). People are not: each chunk's inventors are people of their own,
so chunk ``k``'s inventor ids get ``k * 10**6`` added to their counter
(``fl:ja_ln:smith-3`` -> ``fl:ja_ln:smith-1000003`` for k = 1), and the ids of
individual owners, made from an inventor's id, are made again with the chunk.
Without that, the k-th "J. Smith" of every chunk was one inventor: at scale 1
the median inventor id stood for five unrelated people of up to nine chunks
(278,000 ids had more than one country), and the inventor graph had 2.2
million nodes with a median degree of 28 against 5 at every scale made in one
chunk (generator version 1).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import zipfile
from pathlib import Path

RELEASE_PATENTS = 9_000_000
CHUNK = 1_000_000
SEED = 20261121
GENERATOR_VERSION = 3
#: First utility patent number of chunk 1 (above chunk 0's, which end near 10.2 million).
UTILITY_START = 11_000_000
DATA_ROOT = Path(os.environ.get("PATNET_BENCH_DATA", Path(__file__).parent / ".data"))


def n_patents(scale: float) -> int:
    return int(round(RELEASE_PATENTS * scale))


def folder_for(scale: float, root=None) -> Path:
    return Path(root or DATA_ROOT) / f"scale-{scale:g}"


def _offset_ids(corpus, k: int):
    """Chunk ``k``'s patent numbers (utility: consecutive from ``UTILITY_START + (k - 1) *
    CHUNK`` in their order; design: + k * 10**8, ``D123`` -> ``D100000123`` for k = 1), its
    inventor ids' counters + k * 10**6 and its individual owners' ids made with ``k``."""
    if k == 0:
        return corpus
    import numpy as np
    import pandas as pd

    from patnet.datasets.synthetic import _uuid  # the generator's own ids

    ids = corpus.patents["patent_id"].astype(str)
    prefix = ids.str.extract(r"^([A-Z]*)")[0].fillna("")
    number = ids.str.replace(r"^[A-Z]*", "", regex=True).astype("int64")
    utility = (prefix == "").to_numpy()
    if utility.sum() > CHUNK:
        raise ValueError(f"chunk {k} has more than {CHUNK:,} utility patents")
    renumbered = number.to_numpy().copy()
    rank = np.argsort(np.argsort(renumbered[utility], kind="stable"), kind="stable")
    renumbered[utility] = UTILITY_START + (k - 1) * CHUNK + rank
    renumbered[~utility] += k * 10**8
    new = prefix + pd.Series(renumbered, index=ids.index).astype(str)
    mapping = dict(zip(ids, new))
    tables = {}
    for name, df in corpus.tables.items():
        df = df.copy()
        df["patent_id"] = pd.array(df["patent_id"].astype(str).map(mapping), dtype="string")
        tables[name] = df
    inv = tables["inventors"]
    parts = inv["inventor_id"].astype(str).str.rsplit("-", n=1, expand=True)
    inv["inventor_id"] = pd.array(parts[0] + "-" + (parts[1].astype("int64") + k * 10**6)
                                  .astype(str), dtype="string")
    app = tables["applicants"]
    person = (app["true_sector"] == "individual").fillna(False).to_numpy(dtype=bool)
    if person.any():
        owner = app["applicant_id"].to_numpy(dtype=object, copy=True)
        owner[person] = [_uuid(f"{i}|chunk {k}") for i in owner[person]]
        app["applicant_id"] = pd.array(owner, dtype="string")
    return corpus.replace(**tables)


def _append(dest_zip: Path, member: str, parts: list, key_first_column: bool):
    """Write ``parts`` (plain TSV files with one header line each) as one zip member."""
    seen = set()
    with zipfile.ZipFile(dest_zip, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open(member, "w", force_zip64=True) as out:
            for i, part in enumerate(parts):
                with open(part, "rb") as f:
                    header = f.readline()
                    if i == 0:
                        out.write(header)
                    if not key_first_column:
                        shutil.copyfileobj(f, out, 1 << 22)
                        continue
                    for line in f:
                        key = line.split(b"\t", 1)[0]
                        if key not in seen:
                            seen.add(key)
                            out.write(line)


def ensure(scale: float, root=None, *, log=print) -> Path:
    """The folder of PatentsView tables at ``scale`` (written if missing or stale)."""
    import patnet as pn

    folder = folder_for(scale, root)
    stamp = folder / "bench.json"
    want = {"scale": scale, "n_patents": n_patents(scale), "seed": SEED, "chunk": CHUNK,
            "generator": GENERATOR_VERSION, "patnet": pn.__version__}
    if stamp.exists():
        have = json.loads(stamp.read_text())
        if {k: have.get(k) for k in want} == want:
            return folder
    if folder.exists():
        shutil.rmtree(folder)
    work = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    n = n_patents(scale)
    t0 = time.perf_counter()
    sizes = [CHUNK] * (n // CHUNK) + ([n % CHUNK] if n % CHUNK else [])
    if len(sizes) == 1:
        corpus = pn.datasets.synthetic_corpus(n, seed=SEED)
        pn.datasets.write_patentsview(corpus, work, zipped=True, compresslevel=1)
    else:
        plain = {}
        for k, size in enumerate(sizes):
            log(f"  chunk {k + 1}/{len(sizes)}: {size:,} patents")
            corpus = _offset_ids(pn.datasets.synthetic_corpus(size, seed=SEED + k), k)
            out = work / f"chunk-{k}"
            for table, path in pn.datasets.write_patentsview(corpus, out, zipped=False).items():
                plain.setdefault(table, []).append(Path(path))
            del corpus
        for table, parts in plain.items():
            _append(work / f"{table}.tsv.zip", f"{table}.tsv", parts,
                    key_first_column=table.startswith("g_location"))
        for k in range(len(sizes)):
            shutil.rmtree(work / f"chunk-{k}")
    want["generated_seconds"] = round(time.perf_counter() - t0, 1)
    (work / "bench.json").write_text(json.dumps(want, indent=1))
    work.rename(folder)
    return folder


if __name__ == "__main__":
    import sys

    ensure(float(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)
