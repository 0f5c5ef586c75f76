"""Load a source, look at what it holds and what the loader dropped.

Run: python examples/load_and_inspect.py [PATH]   (default: the bundled sample)
"""

import sys

from patnet.cli import load_source

path = sys.argv[1] if len(sys.argv) > 1 else "sample"
corpus, report = load_source(path, errors="report")
print(corpus)
print(report.summary())
print(report.dropped.groupby(["table", "reason"])["count"].sum())

# a study-style selection: China with Singapore, 2010-2018, then the per-partner searches merged
cn_sg = corpus.filter_countries("CN").filter_countries("SG").filter_years(2010, 2018)
print(cn_sg)
