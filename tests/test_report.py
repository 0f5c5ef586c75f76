"""pn.report.cooperation_study and `patnet report`: exact tables on a hand-built corpus, files on disk."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

import patnet as pn
from patnet.cli import main
from patnet.testing import make_corpus


def hand_corpus():
    """Seven patents whose study tables are known by hand.

    p1 CN(Jiangsu)+SG 2010, p2 CN(Beijing)+SG+US 2011, p3 CN(Jiangsu)+IN 2012,
    p4 CN(Beijing)+CN(Jiangsu)+RU 2012, p5 CN only 2012, p6 SG+IN (no CN) 2013,
    p7 CN(Shanghai)+DE 2013 (DE is not a partner).
    """
    js = {"country_raw": "CN", "city": "Kunshan"}
    bj = {"country_raw": "CN", "city": "Beijing"}
    sh = {"country_raw": "CN", "city": "Shanghai"}
    return make_corpus(
        {"p1": [js, "SG"], "p2": [bj, "SG", "US"], "p3": [js, "IN"], "p4": [bj, js, "RU"],
         "p5": [bj], "p6": ["SG", "IN"], "p7": [sh, "DE"]},
        years={"p1": 2010, "p2": 2011, "p3": 2012, "p4": 2012, "p5": 2012, "p6": 2013, "p7": 2013},
        classes={"p1": ["H01L 21/02"], "p3": ["G06F 3/048", "H04L 5/00"], "p4": ["A61K 8/00"]},
    )


def _fix_country_raw(c):
    inv = c.inventors.copy()
    inv["country_raw"] = inv["country_raw"].fillna(inv["country"])
    return c.replace(inventors=inv)


@pytest.fixture
def study():
    c = _fix_country_raw(hand_corpus())
    return pn.report.cooperation_study(c, years=(2010, 2013), n_stages=None,
                                       published=pn.report.STUDY1_PUBLISHED)


def test_tables_are_exact(study):
    assert study.cooperation.n_patents == 4
    t1 = study.table("partners").set_index("partner")["patents"].to_dict()
    assert t1 == {"SG": 2, "IN": 1, "RU": 1}
    t2 = study.table("provinces").set_index("province")["patents"].to_dict()
    assert t2 == {"CN-JS": 3, "CN-BJ": 2}          # p4 counts for both provinces
    t3 = study.table("province_partners").set_index("partner")["patents"].to_dict()
    assert t3 == {"IN": 1, "RU": 1, "SG": 1}
    assert study.values["focal_province_patents"] == 3
    assert study.values["focal_province_share"] == pytest.approx(0.75)
    fields = study.table("province_fields").set_index("field")["patents"].to_dict()
    assert fields == {"A": 1, "G": 1, "H": 2}      # p3 has G and H
    years = study.table("years").set_index("year")
    assert years["CN"].tolist() == [1, 1, 2, 0] and years["CN-JS"].tolist() == [1, 0, 2, 0]
    regions = study.table("regions").set_index("region")
    assert regions.loc["ASEAN", "CN"] == 2 and regions.loc["South Asia", "CN"] == 1
    assert regions.loc["CIS", "CN-JS"] == 1
    steps = study.table("selection").set_index("step")["patents_kept"].to_dict()
    assert steps["focal"] == 6 and steps["partner"] == 4
    conc = study.table("partners_concentration").set_index("measure")["value"]
    assert conc["CR1"] == pytest.approx(0.5)       # SG 2 of 4 cooperation patents


def test_fractional_counting_sums_to_patents():
    c = _fix_country_raw(hand_corpus())
    rep = pn.report.cooperation_study(c, years=(2010, 2013), n_stages=None, counting="fractional")
    assert rep.table("provinces")["patents"].sum() == pytest.approx(4)
    assert "Fractional counting" in rep.definitions["counting"]


def test_main_only_counts_each_patent_in_its_main_field():
    c = _fix_country_raw(hand_corpus())
    rep = pn.report.cooperation_study(c, years=(2010, 2013), n_stages=None, main_only=True)
    fields = rep.table("province_fields").set_index("field")["patents"].to_dict()
    assert fields == {"A": 1, "G": 1, "H": 1}      # p3's main class is G06F: its H is left out
    assert sum(fields.values()) == rep.values["focal_province_patents"]  # all three classified
    assert rep.inputs["technology fields"] == "main class only"
    assert "main (first-listed) IPC code only" in rep.tables["province_fields"].note
    every = pn.report.cooperation_study(c, years=(2010, 2013), n_stages=None)
    assert every.inputs["technology fields"] == "every class"
    assert "once in every field" in every.tables["province_fields"].note
    frac = pn.report.cooperation_study(c, years=(2010, 2013), n_stages=None, counting="fractional")
    assert frac.table("province_fields")["patents"].sum() == pytest.approx(3)
    assert "counts 1/k in each" in frac.tables["province_fields"].note


def test_cli_report_main_only(tmp_path):
    out = tmp_path / "rep"
    assert main(["report", "--sample", "--out", str(out), "--main-only", "--quiet"]) == 0
    fields = (out / "tables" / "province_fields.csv").read_text(encoding="utf-8")
    meta = json.loads((out / "report.json").read_text())
    assert meta["inputs"]["technology fields"] == "main class only"
    assert "main (first-listed) IPC code only" in (out / "report.md").read_text(encoding="utf-8")
    assert fields.startswith("field,")


def test_replication_tables(study):
    rep = study.table("replication_totals").set_index("quantity")
    assert rep.loc["cooperation patents", "published"] == 1730
    assert rep.loc["cooperation patents", "computed"] == 4
    part = study.table("replication_partners").set_index("partner")
    assert part.loc["SG", "difference"] == 2 - 663


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.links, self.tables = [], [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a.get("src", ""))
        if tag in ("link", "script") or (tag == "a" and a.get("href", "").startswith("http")):
            self.links.append(a)
        if tag == "table":
            self.tables += 1


def test_cli_report_on_the_sample(tmp_path, capsys):
    out = tmp_path / "rep"
    assert main(["report", "--sample", "--out", str(out), "--compare", "study1"]) == 0
    assert "index.html" in capsys.readouterr().out
    meta = json.loads((out / "report.json").read_text())
    for f in meta["figures"]:
        assert (out / "figures" / f"{f}.png").stat().st_size > 1000
        assert (out / "figures" / f"{f}.svg").exists()
    for t in meta["tables"]:
        assert (out / "tables" / f"{t}.csv").exists()
    page = _Page()
    page.feed((out / "index.html").read_text(encoding="utf-8"))
    assert len(page.images) == len(meta["figures"]) >= 6
    for src in page.images:      # self-contained: every figure embedded as a PNG
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.links == [] and page.tables == len(meta["tables"])
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "Full counting" in md and "Table 1" in md and "province resolution" in md
    assert main(["report", "--sample", "--xml", "x.xml", "--out", str(out)]) == 2


def test_html_opens_in_a_headless_browser(tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed (Debian package 'chromium')")
    out = pn.report.cooperation_study(pn.datasets.load_sample()).save(tmp_path / "rep")
    png = tmp_path / "shot.png"
    res = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}",
         "--window-size=1200,3000", (out / "index.html").as_uri()],
        capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert png.stat().st_size > 10_000
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         f"--user-data-dir={tmp_path / 'profile2'}", "--dump-dom", (out / "index.html").as_uri()],
        capture_output=True, text=True, timeout=120)
    assert dom.stdout.count("<img") >= 6 and "data:image/png;base64," in dom.stdout


def test_report_csv_cells_are_never_live_formulas(tmp_path):
    import pandas as pd

    from patnet.report import Report

    rep = Report(title="t")
    rep.add_table("cells", pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "@cmd", "plain"],
                                         "value": [-1.5, 2, 3]}), "cells")
    out = rep.save(tmp_path / "r")
    lines = (out / "tables" / "cells.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("\"'=HYPERLINK") and lines[1].endswith(",-1.5")
    assert lines[2] == "'@cmd,2.0" and lines[3] == "plain,3.0"


def test_cli_report_filters_patentsview_while_loading_and_gets_the_same_tables(tmp_path):
    """`patnet report --patentsview` loads only the focal country's patents of the period;
    every table except the selection account equals the study on the unfiltered corpus."""
    import pandas as pd

    from patnet.cli import main

    corpus = pn.datasets.synthetic_corpus(1500, seed=5)
    pn.datasets.write_patentsview(corpus, tmp_path / "pv")
    assert main(["--quiet", "report", "--patentsview", str(tmp_path / "pv"),
                 "--out", str(tmp_path / "cli")]) == 0
    full, report = pn.io.read_patentsview(tmp_path / "pv", cache=False)
    pn.report.cooperation_study(full, load_report=report).save(tmp_path / "api")
    for name in ("partners", "provinces", "province_partners", "regions", "years",
                 "province_fields", "growth", "stages"):
        a = pd.read_csv(tmp_path / "cli" / "tables" / f"{name}.csv")
        b = pd.read_csv(tmp_path / "api" / "tables" / f"{name}.csv")
        pd.testing.assert_frame_equal(a, b, obj=name)
