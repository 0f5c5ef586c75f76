"""The notebooks in notebooks/ are committed clean and run from top to bottom on the bundled data.

Each notebook is executed with nbclient in a kernel that runs this interpreter (a kernelspec is
written into a temporary folder, so whatever kernels the machine has installed do not matter).
Its last code cell, tagged ``key-numbers``, prints the values it computed as JSON; the tests
check them against the library run here.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="needs the notebooks extra (nbformat)")
nbclient = pytest.importorskip("nbclient", reason="needs the notebooks extra (nbclient)")
pytest.importorskip("ipykernel", reason="needs the notebooks extra (ipykernel)")

import patnet as pn

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
EXPECTED = {"01_cooperation_study", "02_cluster_cooperation", "03_new_measure",
            "04_patentsview_to_gephi"}
KEY_TAG = "key-numbers"


def test_notebooks_found():
    assert EXPECTED <= set(IDS)


# --------------------------------------------------------------------------
# committed files stay clean


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "a title cell first"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        assert cell.outputs == [], f"cell {i} has outputs: clear them before committing"
        assert cell.execution_count is None, f"cell {i} has an execution count"
        assert "execution" not in cell.metadata, f"cell {i} has execution timings"
    tagged = [c for c in nb.cells if KEY_TAG in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is nb.cells[-1], "one key-numbers cell, the last one"


# --------------------------------------------------------------------------
# execution


@pytest.fixture(scope="session")
def kernel_dir(tmp_path_factory):
    """A folder with a ``python3`` kernelspec that runs this very interpreter."""
    from ipykernel.kernelspec import write_kernel_spec

    base = tmp_path_factory.mktemp("kernels")
    write_kernel_spec(base / "python3", overrides={
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (patnet tests)"})
    return base


def _execute(path, kernel_dir, workdir):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    nb = nbformat.read(path, as_version=4)
    km = AsyncKernelManager(kernel_name="python3",
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernel_dir)]))
    assert km.kernel_spec.argv[0] == sys.executable
    client = nbclient.NotebookClient(nb, km=km, kernel_name="python3", timeout=300,
                                     startup_timeout=120,
                                     resources={"metadata": {"path": str(workdir)}})
    # the client does not own km: ask it to stop the channels and the kernel all the same
    client.execute(cleanup_kc=True)
    return nb


def _key_numbers(nb):
    cell = next(c for c in nb.cells if KEY_TAG in c.metadata.get("tags", []))
    text = "".join(o.get("text", "") for o in cell.outputs
                   if o.output_type == "stream" and o.name == "stdout")
    return json.loads(text)


@pytest.fixture(scope="session")
def sample():
    corpus, _ = pn.geo.normalize(pn.datasets.load_sample())
    return corpus


def _check_01(keys, sample, workdir):
    coop, _ = pn.select.cooperation(sample, focal="CN", partners="bri", period=(2001, 2017))
    jiangsu = int(pn.stats.by_province(coop).loc["CN-JS", "patents"])
    assert keys["cooperation_patents"] == coop.n_patents == keys["study_cooperation_patents"]
    assert keys["partner_countries"] == len(pn.stats.by_partner(coop))
    assert keys["jiangsu_patents"] == jiangsu == keys["study_jiangsu_patents"]
    assert keys["table4_total"] == jiangsu          # main classes: one field per patent
    assert math.isclose(keys["jiangsu_share"], jiangsu / coop.n_patents, abs_tol=1e-6)
    # the paper's own numbers, recomputed from its printed tables
    assert keys["paper_cr5_partners"] == 0.8092
    assert keys["paper_cr5_jiangsu_partners"] == 0.8506
    assert keys["paper_top7_provinces"] == 0.8104
    assert keys["report_files"] > 10


def _check_02(keys, sample, workdir):
    labelled, _ = pn.classify.assign_sectors(sample)
    t = pn.measures.triple_helix(labelled, bootstrap=0).loc["all", "T_uig"]
    assert math.isclose(keys["T_uig"], float(t), abs_tol=1e-6)
    low, high = keys["T_uig_ci"]
    assert low <= keys["T_uig"] <= high
    assert keys["years"] == labelled.year_span[1] - labelled.year_span[0] + 1
    m = pn.build.sector_matrix(labelled)
    assert keys["firm_university_co_application"] == int(m.loc["firm", "university"])
    assert keys["organisations"] == labelled.applicants["applicant_id"].nunique()
    assert keys["province_field_clusters"] > 0 and keys["communities"] > 1
    assert 0 < keys["modularity"] < 1
    assert 0 < keys["null_p_value"] <= 1
    assert 0 < keys["cube_observed_cells"] < keys["cube_cells"]


def _check_03(keys, sample, workdir):
    assert keys["contract"] == {"partner_diversity": "passes", "boundary_spanners": "passes",
                                "tie_count_of_connected": "FAILS", "cached_strength": "FAILS",
                                "position_in_graph": "FAILS"}
    msgs = keys["contract_messages"]
    assert "one row per node" in msgs["tie_count_of_connected"]
    assert "mutates the graph" in msgs["cached_strength"]
    assert "insertion order" in msgs["position_in_graph"]
    assert 1 <= keys["jiangsu_partner_diversity"] <= keys["jiangsu_partner_countries"]
    assert keys["boundary_spanners_in_range"] and keys["communities"] > 1
    assert keys["registered"] == ["boundary_spanners", "partner_diversity"]


def _check_04(keys, sample, workdir):
    assert keys["rows_conserved"] is True
    assert keys["cache"] == ["miss", "hit"]
    assert keys["roundtrip_ok"] is True and keys["report_index"] is True
    assert 0 < keys["cooperation_patents"] < keys["patents_loaded"]
    exports = set(keys["exports"])
    assert {"province_country.gexf", "province_country.net", "province_country.clu",
            "province_country_map.txt", "province_country_network.txt",
            "province_country.json", "province_country_periods.gexf"} <= exports
    out = workdir / "output"
    for name in exports:
        assert (out / "exports" / name).is_file()
    assert (out / "report" / "index.html").is_file()
    G = pn.export.read_gexf(out / "exports" / "province_country.gexf")
    assert (G.number_of_nodes(), G.number_of_edges()) == (keys["graph_nodes"], keys["graph_edges"])


CHECKS = {"01_cooperation_study": _check_01, "02_cluster_cooperation": _check_02,
          "03_new_measure": _check_03, "04_patentsview_to_gephi": _check_04}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs(path, kernel_dir, sample, tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("PATNET_NOTEBOOK_OUTPUT", str(tmp_path / "output"))
    nb = _execute(path, kernel_dir, tmp_path)
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"cell {i}: {out.get('ename')}: {out.get('evalue')}"
            if out.output_type == "stream" and out.name == "stderr":
                pytest.fail(f"cell {i} wrote to stderr (a warning?):\n{out.text[:2000]}")
    keys = _key_numbers(nb)
    CHECKS[path.stem](keys, sample, tmp_path)
