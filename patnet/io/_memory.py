"""The memory a load needs, and whether this machine has it.

Loading a whole release into memory peaks at about 11 GiB (9 million patents,
26 million inventor rows; see ``docs/scale.md``). On a machine with less, the
operating system ends the process after minutes of work, with no message
a researcher can act on. :func:`check_load` looks before the load starts: it
estimates the peak from the number of rows in the files (sampled from their
first megabyte and their size) and refuses, with the figures and the ways
out, when the estimate exceeds the memory available.

The bytes per row (:data:`BYTES_PER_ROW`) are peak resident memory measured
by loading the benchmark release of ``benchmarks/data.py`` (scale 1: 9,000,000
patents) one table group at a time on 2026-11-22, less the 116 MiB of the
interpreter: patents alone peaked at 2,670 MiB; with the inventors 8,364 MiB
(25.7 million rows), with the assignees 5,017 MiB (9.5 million rows), with
the IPC classes 4,688 MiB (16.1 million rows). All together peaked at 11,244
MiB, 12% under the sum of the parts, so the estimate errs on the high side
when several tables are read (13.0 GiB for that load, against 10.5-11.0
GiB measured in three runs).

A corpus read back from Parquet (a cache hit of :func:`patnet.io.read_patentsview`,
or :func:`patnet.io.read_corpus`) needs less: the tables as they are held
(:data:`HELD_BYTES_PER_ROW`) plus, while the largest is read, Arrow's copy of it
(:data:`READ_BYTES_PER_ROW`). :func:`check_stored` compares that with the
memory available before anything is read. Its figures were measured on the
same release's cache on 2026-11-22, reading one table at a time in a fresh
process: held 150, 128, 180 and 56 bytes per row (patents, inventors,
applicants, classes), peaks 223, 185, 277 and 91; rounded up here. The
whole cached load peaked at 8.4 GB, and the estimate for it is 9.6 GB.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..exceptions import PatnetInputError

#: Peak resident bytes per row of a table read into memory, by the role it plays in the
#: load (a location table's rows are kept in a lookup beside the people rows).
BYTES_PER_ROW = {
    "patents": 300,
    "application": 60,
    "inventors": 230,
    "applicants": 260,
    "locations": 260,
    "classes": 130,
}

#: Memory a load takes whatever its size: the interpreter and libraries (116 MiB), Arrow's
#: pools, the reader threads' buffers and the cache writer's (a load of 1% of a release,
#: 0.6 million rows, peaks at 470 MiB).
BASE_BYTES = 400 * 2**20

#: Bytes read from the start of each file to measure its bytes per row.
SAMPLE_BYTES = 2**20


def sampled_rows(source) -> int | None:
    """Rows in a text file (header excluded), estimated from its first megabyte and its
    size; exact for a file shorter than the sample. None when the size is unknown or no
    line ends within the sample.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from patnet.io._archive import open_source
    >>> from patnet.io._memory import sampled_rows
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "t.tsv"
    >>> _ = f.write_text("a\\tb\\n" + "1\\tx\\n" * 10)
    >>> sampled_rows(open_source(f))
    10
    """
    if not source.size:
        return None if source.size is None else 0
    with source.open() as stream:
        head = stream.read(SAMPLE_BYTES)
    if len(head) >= source.size:
        return max(head.count(b"\n") + (0 if head.endswith(b"\n") else 1) - 1, 0)
    # the rows of the sample's complete lines, the header left out, stand for the rest
    header, last = head.find(b"\n") + 1, head.rfind(b"\n") + 1
    complete = head.count(b"\n") - 1
    if complete <= 0:
        return None  # lines longer than the sample: the reader will say what is wrong
    return round((source.size - header) * complete / (last - header))


def load_estimate(plan: dict) -> tuple[int, dict]:
    """Estimated peak bytes of loading a PatentsView plan in memory, and the rows estimated
    for each file read (file name -> rows)."""
    total = BASE_BYTES
    rows: dict = {}
    roles = [("patents", plan["patents"]), ("application", plan.get("application"))]
    for role in ("inventors", "applicants"):
        roles.append((role, plan.get(role)))
        roles.append(("locations", plan.get(role + "_locations")))
    roles += [("classes", source) for _, source in plan["classes"]]
    seen = set()
    for role, source in roles:
        if source is None or (source.path, source.member) in seen:
            continue
        seen.add((source.path, source.member))
        n = sampled_rows(source)
        if n is None:
            continue
        rows[source.name] = n
        total += n * BYTES_PER_ROW[role]
    return total, rows


def available_memory(meminfo="/proc/meminfo", cgroup="/sys/fs/cgroup") -> int | None:
    """Bytes this process can still take without swapping: the kernel's ``MemAvailable``,
    lowered to the room left under a cgroup (container) limit; None where the system does
    not tell (then nothing is checked).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from patnet.io._memory import available_memory
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "meminfo"
    >>> _ = f.write_text("MemTotal: 8000000 kB\\nMemAvailable: 6000000 kB\\n")
    >>> available_memory(f, cgroup=f.parent)
    6144000000
    """
    found = None
    try:
        for line in Path(meminfo).read_text().splitlines():
            if line.startswith("MemAvailable:"):
                found = int(line.split()[1]) * 1024
                break
    except (OSError, ValueError, IndexError):
        found = None
    if found is None:
        try:
            found = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        except (AttributeError, ValueError, OSError):
            return None
    try:
        limit = Path(cgroup, "memory.max").read_text().strip()
        used = int(Path(cgroup, "memory.current").read_text().strip())
        if limit != "max":
            found = min(found, max(int(limit) - used, 0))
    except (OSError, ValueError):
        pass
    return found


#: Bytes per row a table read from a stored corpus holds once read (pandas columns of
#: Arrow strings, nullable integers and dates).
HELD_BYTES_PER_ROW = {"patents": 160, "inventors": 135, "applicants": 190, "classes": 60}

#: Bytes per row a table needs on top while it is read (Arrow's table before pandas takes
#: it over); tables are read one after another, so only the largest counts.
READ_BYTES_PER_ROW = {"patents": 80, "inventors": 60, "applicants": 100, "classes": 40}


def stored_estimate(rows: dict) -> int:
    """Estimated peak bytes of reading a stored corpus with ``rows`` (table -> rows).

    Examples
    --------
    >>> from patnet.io._memory import stored_estimate, BASE_BYTES
    >>> stored_estimate({"patents": 1000, "inventors": 3000}) - BASE_BYTES
    745000
    """
    held = sum(n * HELD_BYTES_PER_ROW[t] for t, n in rows.items())
    reading = max((n * READ_BYTES_PER_ROW[t] for t, n in rows.items()), default=0)
    return BASE_BYTES + held + reading


def check_stored(rows: dict, where, hint: str, available: int | None = None
                 ) -> tuple[int, int | None]:
    """Refuse to read a stored corpus (Parquet cache or corpus folder) that will not fit:
    :func:`stored_estimate` of ``rows`` against ``available`` bytes (default:
    :func:`available_memory`). Returns ``(estimate, available)``.

    Raises
    ------
    PatnetInputError
        Naming ``where``, the estimate, the memory available and the largest
        tables; ``hint`` says how to proceed.
    """
    return _refuse_above(stored_estimate(rows), rows, available, where, hint,
                         "reading this corpus into memory", "read")


def _gb(n: int) -> str:
    return f"{n / 1e9:.1f} GB"


def _refuse_above(estimate: int, rows: dict, available, where, hint: str, doing: str,
                  noun: str) -> tuple[int, int | None]:
    """Raise when ``estimate`` exceeds ``available`` (default: :func:`available_memory`;
    nothing is checked when the system does not tell), naming both and the largest of
    ``rows`` (label -> rows); return ``(estimate, available)``."""
    if available is None:
        available = available_memory()
    if available is not None and estimate > available:
        largest = sorted(rows.items(), key=lambda kv: -kv[1])[:3]
        listed = ", ".join(f"{label} ({n:,} rows)" for label, n in largest)
        raise PatnetInputError(
            f"{doing} needs about {_gb(estimate)} at its peak, and {_gb(available)} are "
            f"available: the system would stop the {noun} part way (largest: {listed})",
            file=where, hint=hint)
    return estimate, available


#: The ways out every refusal offers: aggregate out of core, or load without the check.
OUT_OF_CORE_WAY = ("for geographic graphs, edge lists and counts over everything use "
                   "patnet.outofcore (DuckDB, spills to disk; patnet build: --out-of-core)")
NO_CHECK_WAY = "or pass memory_check=False (patnet: --no-memory-check) to load anyway (with swap, say)"

#: How to proceed when a load from the files does not fit in memory.
LOAD_HINT = ("Load the patents a study needs with years=(first, last) and/or countries=[...] "
             "(filtered while reading); read fewer tables with tables=[...]; "
             f"{OUT_OF_CORE_WAY}; {NO_CHECK_WAY}")

#: How to proceed when a cached corpus does not fit in memory.
CACHE_HINT = ("Load fewer patents with years=(first, last) and/or countries=[...] (a smaller "
              f"corpus, cached apart) or fewer tables with tables=[...]; {OUT_OF_CORE_WAY}; "
              f"{NO_CHECK_WAY}")

#: How to proceed when a corpus folder does not fit in memory.
CORPUS_HINT = f"Read it on a machine with more memory; {OUT_OF_CORE_WAY}; {NO_CHECK_WAY}"


def check_load(plan: dict, folder, available: int | None = None) -> tuple[int, int | None]:
    """Refuse a whole-release load that will not fit: estimate its peak
    (:func:`load_estimate`) and compare it with ``available`` bytes (default:
    :func:`available_memory`). Returns ``(estimate, available)``.

    Raises
    ------
    PatnetInputError
        The estimate exceeds the memory available; the message gives both
        and the largest files, the hint the ways to proceed.
    """
    estimate, rows = load_estimate(plan)
    return _refuse_above(estimate, rows, available, folder, LOAD_HINT,
                         "loading these tables in memory", "load")
