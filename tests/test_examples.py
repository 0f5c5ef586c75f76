"""Every script in examples/ runs on the bundled sample, without warnings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.py"))

#: Files a script must leave in its working folder.
WRITES = {
    "province_country_graph.py": ["province_country.gexf", "province_country_map.txt",
                                  "province_country_network.txt"],
    "review_ambiguous_provinces.py": ["province_review.csv"],
}


def _run(script: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-W", "error", str(script)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_examples_found():
    names = {p.name for p in EXAMPLES}
    assert {"load_and_inspect.py", "province_country_graph.py", "review_ambiguous_provinces.py",
            "compare_two_periods.py"} <= names


def _check_review(stdout, folder):
    import pandas as pd

    review = pd.read_csv(folder / "province_review.csv", dtype=str, keep_default_na=False)
    assert list(review.columns) == ["city", "state", "candidates", "rows", "province", "note"]
    assert len(review) and (review["province"] == "").all()
    assert review["candidates"].str.contains("|", regex=False).all()
    assert "resolved inventor rows whose province the decisions changed: 0" in stdout


def _check_periods(stdout, folder):
    assert "2001-2009" in stdout and "2010-2017" in stdout
    rows = [line.split("  ")[0] for line in stdout.splitlines()]
    assert "cooperation patents" in rows and "density" in rows


#: Script-specific checks of what it printed and wrote.
CHECKS = {"review_ambiguous_provinces.py": _check_review, "compare_two_periods.py": _check_periods}


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(script, tmp_path):
    res = _run(script, tmp_path)
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip(), "the script printed nothing"
    doc = script.read_text(encoding="utf-8").split('"""')
    assert len(doc) >= 3 and "Run:" in doc[1], "the docstring says how to run the script"
    for name in WRITES.get(script.name, []):
        assert (tmp_path / name).is_file(), f"{script.name} did not write {name}"
    if script.name in CHECKS:
        CHECKS[script.name](res.stdout, tmp_path)
