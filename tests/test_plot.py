"""patnet.plot: figures for the tables of a co-invention study."""

from __future__ import annotations

import subprocess
import sys
import types

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.offsetbox import AnchoredText  # noqa: E402

import patnet as pn  # noqa: E402
from patnet.exceptions import PatnetInputError, PatnetWarning  # noqa: E402
from patnet.geo.china import PROVINCES  # noqa: E402
from patnet.plot import _style  # noqa: E402

# ---------------------------------------------------------------------------
# data from the Belt and Road study (STUDIES.md, study 1)
# ---------------------------------------------------------------------------

TABLE1 = pd.DataFrame({
    "country": ["IN", "SG", "RU", "IL", "MY", "PL", "PH", "TH", "CZ", "HU", "TR", "UA"],
    "patents": [349, 663, 153, 148, 87, 49, 42, 41, 35, 24, 20, 18],
})
TABLE2 = pd.DataFrame({
    "province": ["CN-BJ", "CN-SH", "CN-GD", "CN-JS", "CN-ZJ", "CN-TJ", "CN-SC"],
    "patents": [595, 471, 154, 87, 39, 35, 21],
})
YEARS = range(2001, 2018)
NATIONAL = pd.Series([10, 14, 20, 25, 30, 45, 60, 70, 85, 100, 110, 120, 130, 150, 180, 210, 250],
                     index=YEARS, name="China")
JIANGSU = pd.Series([1, 2, 1, 3, 2, 2, 4, 6, 5, 7, 6, 4, 6, 8, 9, 10, 11], index=YEARS,
                    name="Jiangsu")
STAGES = pd.DataFrame({"first_year": [2001, 2007, 2014], "last_year": [2006, 2013, 2017],
                       "name": ["start-up", "volatile growth", "rapid growth"],
                       "mean": [1.83, 5.43, 9.5]})
REGIONS = pd.DataFrame({
    "region": ["East Asia", "ASEAN", "South Asia", "Central Asia", "West Asia", "CIS",
               "Central and Eastern Europe"],
    "national": [2, 880, 360, 3, 215, 175, 180],
    "Jiangsu": [0, 64, 6, 0, 13, 2, 7],
})
CROSSTAB = pd.DataFrame(
    {"SG": [41, 300, 0], "PH": [13, 0, 2], "IL": [8, 60, 0], "RU": [2, 90, 1]},
    index=pd.Index(["CN-JS", "CN-BJ", "CN-SC"], name="province"))


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    monkeypatch.setattr(_style, "_warned", False)
    yield
    plt.close("all")


def _rc():
    return {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}


def _labels(ticklabels):
    return [t.get_text() for t in ticklabels]


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def _bars(ax):
    return [p for p in ax.patches if p.get_gid() not in ("stage", "tile")]


# ---------------------------------------------------------------------------
# import boundaries
# ---------------------------------------------------------------------------

def test_import_patnet_does_not_import_matplotlib():
    code = ("import sys, patnet; assert 'matplotlib' not in sys.modules, 'eager'; "
            "import patnet.plot; assert 'matplotlib' in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# ---------------------------------------------------------------------------
# ranked bars
# ---------------------------------------------------------------------------

def test_ranked_bars_sorted_with_country_names():
    ax = pn.plot.ranked_bars(TABLE1)
    assert isinstance(ax, matplotlib.axes.Axes)
    bars = _bars(ax)
    assert [b.get_width() for b in bars] == sorted(TABLE1["patents"], reverse=True)
    assert _labels(ax.get_yticklabels())[:4] == ["Singapore", "India", "Russia", "Israel"]
    assert _texts(ax)[:2] == ["663", "349"]
    # largest at the top; value axis hidden because the values are printed
    assert ax.get_ylim()[0] > ax.get_ylim()[1]
    assert list(ax.get_xticks()) == []
    # the bar-end numbers fit inside the axes limits
    assert ax.get_xlim()[1] > 663


def test_ranked_bars_top_other_and_shares():
    ax = pn.plot.ranked_bars(TABLE1, top=5, other=True, annotate="both", total=1730)
    bars = _bars(ax)
    assert len(bars) == 6
    assert bars[-1].get_width() == TABLE1["patents"].sum() - (663 + 349 + 153 + 148 + 87)
    assert _labels(ax.get_yticklabels())[-1] == "Others (7)"
    assert to_hex(bars[-1].get_facecolor()) == _style.GREY_MID.lower()
    assert _texts(ax)[0] == "663 (38.3%)"
    ax = pn.plot.ranked_bars(TABLE1, top=3, annotate="share")
    assert len(_bars(ax)) == 3
    assert _texts(ax)[0] == f"{663 / TABLE1['patents'].sum():.1%}"


def test_ranked_bars_provinces_highlight_and_vertical():
    ax = pn.plot.ranked_bars(TABLE2, highlight="CN-JS", horizontal=False, annotate=False)
    assert _labels(ax.get_xticklabels())[:4] == ["Beijing", "Shanghai", "Guangdong", "Jiangsu"]
    bars = _bars(ax)
    assert [b.get_height() for b in bars] == [595, 471, 154, 87, 39, 35, 21]
    colors = [to_hex(b.get_facecolor()) for b in bars]
    assert colors[3] == _style.PALETTE[1].lower()
    assert set(colors[:3] + colors[4:]) == {_style.PALETTE[0].lower()}
    assert ax.get_ylabel() == "Patents"
    ticks = ax.get_yticks()
    assert np.all(np.mod(ticks, 1) == 0)  # whole-number ticks for counts
    assert len(ax.texts) == 0


@pytest.mark.parametrize("labels, first", [
    (None, "CN-BJ"), ("province_zh", "北京"), ({"CN-BJ": "Peking"}, "Peking"),
    (str.lower, "cn-bj"), ("zh", "北京"),
])
def test_ranked_bars_labels(labels, first, monkeypatch):
    monkeypatch.setattr(_style, "find_cjk_font", lambda: "DejaVu Sans")
    ax = pn.plot.ranked_bars(TABLE2, labels=labels)
    assert _labels(ax.get_yticklabels())[0] == first


def test_ranked_bars_inputs():
    series = TABLE1.set_index("country")["patents"]
    ax = pn.plot.ranked_bars(series, top=2)
    assert _labels(ax.get_yticklabels()) == ["Singapore", "India"]
    indexed = TABLE1.set_index("country")
    ax = pn.plot.ranked_bars(indexed, top=1)
    assert _labels(ax.get_yticklabels()) == ["Singapore"]
    two_text = TABLE1.assign(name=TABLE1["country"].str.lower())
    ax = pn.plot.ranked_bars(two_text, label="name", top=1, labels=None)
    assert _labels(ax.get_yticklabels()) == ["sg"]
    filtered = TABLE1[TABLE1["patents"] > 100]  # unnamed integer index: not the units
    ax = pn.plot.ranked_bars(filtered)
    assert _labels(ax.get_yticklabels()) == ["Singapore", "India", "Russia", "Israel"]
    fields = pd.DataFrame({"field": ["Electricity", "Physics"], "patents": [38.5, 13.25]})
    ax = pn.plot.ranked_bars(fields)
    assert _texts(ax) == ["38.5", "13.2"]
    ax = pn.plot.ranked_bars(fields, sort=False, annotate=False)
    assert _labels(ax.get_yticklabels()) == ["Electricity", "Physics"]


@pytest.mark.parametrize("bad, kwargs, match", [
    (TABLE1, {"value": "count"}, "no column 'count'"),
    (TABLE1.assign(patents=[np.nan] + [1] * 11), {}, "missing value"),
    (pd.concat([TABLE1, TABLE1.head(1)]), {}, "more than once"),
    (TABLE1.assign(patents=TABLE1["patents"].astype(str)), {}, "numeric"),
    (TABLE1.assign(other=TABLE1["country"]), {}, "which column"),
    (TABLE1, {"label": "nation"}, "no column or index level 'nation'"),
    (TABLE1, {"top": 0}, "positive integer"),
    (TABLE1, {"annotate": "values"}, "unknown annotate"),
    (TABLE1, {"labels": "countries"}, "unknown labels"),
    ([1, 2], {}, "expected a pandas"),
])
def test_ranked_bars_errors(bad, kwargs, match):
    with pytest.raises(PatnetInputError, match=match):
        pn.plot.ranked_bars(bad, **kwargs)


def test_empty_input_draws_a_no_data_panel():
    empty = TABLE1.iloc[:0]
    for ax in (pn.plot.ranked_bars(empty),
               pn.plot.grouped_bars(REGIONS.iloc[:0], columns=["national", "Jiangsu"]),
               pn.plot.yearly(pd.Series([], dtype=float)),
               pn.plot.yearly({}),
               pn.plot.heatmap(CROSSTAB.iloc[:0])):
        assert _texts(ax) == ["No data"]
        assert _bars(ax) == []
        assert ax.get_lines() == []


# ---------------------------------------------------------------------------
# yearly series
# ---------------------------------------------------------------------------

def test_yearly_one_series_with_stages_and_growth():
    ax = pn.plot.yearly(JIANGSU, stages=STAGES, growth={"CAGR 2001–2017": 0.4772},
                        stage_note="mean {mean:.2f}/yr")
    (line,) = ax.get_lines()
    assert list(line.get_xdata()) == list(YEARS)
    assert list(line.get_ydata()) == list(JIANGSU)
    spans = [p for p in ax.patches if p.get_gid() == "stage"]
    assert len(spans) == 3
    x0, x1 = spans[0].get_x(), spans[0].get_x() + spans[0].get_width()
    assert (x0, x1) == (2000.5, 2006.5)
    names = [t.get_text() for t in ax.texts if t.get_gid() == "stage"]
    assert names[0] == "start-up\nmean 1.83/yr"
    assert names[2].endswith("mean 9.50/yr")
    (box,) = [a for a in ax.artists if isinstance(a, AnchoredText)]
    assert box.txt.get_text() == "CAGR 2001–2017: 47.72%"
    assert ax.get_legend() is None
    assert ax.get_ylim()[0] == 0
    assert np.all(np.mod(ax.get_yticks(), 1) == 0)
    assert ax.get_xlim() == (2000.4, 2017.6)


def test_yearly_two_series_secondary_axis():
    growth = {"China": {"CAGR": 0.2058}, "Jiangsu": {"CAGR": 0.4772}}
    ax = pn.plot.yearly({"China": NATIONAL, "Jiangsu": JIANGSU}, stages=STAGES, growth=growth,
                        secondary=True)
    right = ax.right_ax
    assert right.left_ax is ax
    assert list(ax.get_lines()[0].get_ydata()) == list(NATIONAL)
    assert list(right.get_lines()[0].get_ydata()) == list(JIANGSU)
    assert ax.get_ylabel() == "Patents (China)"
    assert right.get_ylabel() == "Patents (Jiangsu)"
    assert right.get_ylim()[1] < 30 < ax.get_ylim()[1]
    texts = _labels(right.get_legend().get_texts())
    assert texts == ["China", "Jiangsu", "China, CAGR: 20.58%", "Jiangsu, CAGR: 47.72%"]


def test_yearly_same_axis_frames_and_bars():
    wide = pd.DataFrame({"year": list(YEARS), "China": NATIONAL.to_numpy(),
                         "Jiangsu": JIANGSU.to_numpy()})
    ax = pn.plot.yearly(wide)
    assert [ln.get_label() for ln in ax.get_lines()] == ["China", "Jiangsu"]
    assert not hasattr(ax, "right_ax")
    long = wide.melt(id_vars="year", var_name="scope", value_name="patents")
    ax = pn.plot.yearly(long, by="scope")
    assert sorted(ln.get_label() for ln in ax.get_lines()) == ["China", "Jiangsu"]
    one = wide.rename(columns={"Jiangsu": "patents"})
    ax = pn.plot.yearly(one, kind="bar")
    assert [b.get_height() for b in _bars(ax)] == list(JIANGSU)
    ax = pn.plot.yearly({"China": NATIONAL, "Jiangsu": JIANGSU}, kind="bar")
    assert len(_bars(ax)) == 34
    ax = pn.plot.yearly({"China": NATIONAL, "Jiangsu": JIANGSU}, kind="bar", secondary=True)
    assert len(_bars(ax)) == 17 and len(ax.right_ax.get_lines()) == 1


def test_yearly_gaps_dates_and_stage_forms():
    gappy = JIANGSU.drop([2005, 2006])
    ax = pn.plot.yearly(gappy, stages=[(2001, 2006, "start-up"), (2007, 2017, "growth")])
    y = ax.get_lines()[0].get_ydata()
    assert len(y) == 17 and np.isnan(y[4]) and np.isnan(y[5])
    assert len([p for p in ax.patches if p.get_gid() == "stage"]) == 2
    dated = JIANGSU.copy()
    dated.index = pd.to_datetime([f"{y}-06-30" for y in YEARS])
    ax = pn.plot.yearly(dated, stages={"all": (2001, 2017)})
    assert list(ax.get_lines()[0].get_xdata()) == list(YEARS)


@pytest.mark.parametrize("data, kwargs, match", [
    (JIANGSU, {"secondary": True}, "exactly two series"),
    (JIANGSU, {"kind": "area"}, "unknown kind"),
    (pd.Series([1, 2], index=[2001.5, 2002]), {}, "whole numbers"),
    (pd.Series([1, 2], index=["a", "b"]), {}, "integers"),
    (pd.Series([1, 2], index=[2001, 2001]), {}, "a year appears twice"),
    (JIANGSU, {"stages": [(2010, 2005, "back")]}, "ends before it starts"),
    (JIANGSU, {"stages": pd.DataFrame({"from_": [1], "to_": [2]})}, "first_year"),
    (JIANGSU, {"stages": STAGES, "stage_note": "{median}"}, "stage_note"),
    (JIANGSU, {"growth": 0.2}, "growth must be a dict"),
    (JIANGSU, {"growth": {"CAGR": "fast"}}, "numbers"),
    ([1, 2, 3], {}, "expected a Series"),
])
def test_yearly_errors(data, kwargs, match):
    with pytest.raises(PatnetInputError, match=match):
        pn.plot.yearly(data, **kwargs)


# ---------------------------------------------------------------------------
# grouped bars
# ---------------------------------------------------------------------------

def test_grouped_bars_counts():
    ax = pn.plot.grouped_bars(REGIONS, columns=["national", "Jiangsu"])
    bars = _bars(ax)
    assert len(bars) == 14
    assert [b.get_height() for b in bars[:7]] == list(REGIONS["national"])
    assert [b.get_height() for b in bars[7:]] == list(REGIONS["Jiangsu"])
    assert _labels(ax.get_legend().get_texts()) == ["national", "Jiangsu"]
    labels = _labels(ax.get_xticklabels())
    assert labels[1] == "ASEAN" and labels[-1] == "Central and\nEastern\nEurope"
    assert "880" in _texts(ax)
    # side by side: the Jiangsu bar is right of the national bar of the same region
    assert bars[7].get_x() > bars[0].get_x()


def test_grouped_bars_normalize_order_horizontal(monkeypatch):
    monkeypatch.setattr(_style, "find_cjk_font", lambda: "DejaVu Sans")
    ax = pn.plot.grouped_bars(REGIONS, normalize=True, annotate=False,
                              order=["ASEAN", "West Asia"])
    bars = _bars(ax)
    assert len(bars) == 4
    assert bars[0].get_height() == pytest.approx(880 / REGIONS["national"].sum() * 100)
    assert ax.get_ylabel() == "Share of patents (%)"
    ax = pn.plot.grouped_bars(REGIONS.set_index("region")[["Jiangsu"]], horizontal=True,
                              labels="region_zh")
    assert _labels(ax.get_yticklabels())[:2] == ["东亚", "东盟"]
    assert [b.get_width() for b in _bars(ax)] == list(REGIONS["Jiangsu"])
    assert ax.get_legend() is None


@pytest.mark.parametrize("frame, kwargs, match", [
    (REGIONS, {"columns": ["national", "Zhejiang"]}, "no column 'Zhejiang'"),
    (REGIONS, {"index": "area"}, "no column or index named 'area'"),
    (REGIONS.assign(Jiangsu=[np.nan, 1, 1, 1, 1, 1, 1]), {}, "missing values"),
    (REGIONS, {"order": ["Africa"]}, "not in the table"),
    (pd.concat([REGIONS, REGIONS.head(1)]), {}, "more than once"),
    ("regions", {}, "expected a pandas DataFrame"),
])
def test_grouped_bars_errors(frame, kwargs, match):
    with pytest.raises(PatnetInputError, match=match):
        pn.plot.grouped_bars(frame, **kwargs)


# ---------------------------------------------------------------------------
# heatmap
# ---------------------------------------------------------------------------

def test_heatmap_wide():
    ax = pn.plot.heatmap(CROSSTAB)
    assert _labels(ax.get_yticklabels()) == ["Jiangsu", "Beijing", "Sichuan"]
    assert _labels(ax.get_xticklabels()) == ["Singapore", "Philippines", "Israel", "Russia"]
    values = CROSSTAB.to_numpy()
    assert sorted(_texts(ax)) == sorted(str(v) for v in values[values > 0])
    zero_layer, mesh = ax.collections
    assert mesh.get_array().count() == (values > 0).sum()  # zeros masked in the colour layer
    assert zero_layer.get_array().count() == (values == 0).sum()  # drawn in light grey
    (cax,) = ax.child_axes  # the colour bar, beside the cells
    assert cax.get_ylabel() == "Patents"
    # 300 / 2 >= 100: logarithmic colours by default
    assert type(mesh.norm).__name__ == "LogNorm"


def test_heatmap_long_sort_and_options():
    long = CROSSTAB.reset_index().melt(id_vars="province", var_name="country",
                                       value_name="patents")
    long = pd.concat([long, long.head(1)])  # pairs are summed
    ax = pn.plot.heatmap(long, index="province", columns="country", values="patents",
                         sort=True, log=False, colorbar=False, annotate=False)
    assert _labels(ax.get_yticklabels())[0] == "Beijing"
    assert _labels(ax.get_xticklabels())[0] == "Singapore"
    assert len(ax.texts) == 0
    assert ax.child_axes == []
    mesh = ax.collections[1]
    assert type(mesh.norm).__name__ == "Normalize"
    js = _labels(ax.get_yticklabels()).index("Jiangsu")
    sg = _labels(ax.get_xticklabels()).index("Singapore")
    assert mesh.get_array().reshape(3, 4)[js, sg] == 82
    assert ax.get_ylabel() == "Province"


def test_heatmap_floats_and_nan():
    t = CROSSTAB.astype(float) / 3
    t.iloc[0, 0] = np.nan
    ax = pn.plot.heatmap(t, fmt=".1f", row_labels=None)
    assert "4.3" in _texts(ax) and "13.7" not in _texts(ax)  # the NaN cell has no number
    assert len(_texts(ax)) == (CROSSTAB.to_numpy() > 0).sum() - 1
    assert _labels(ax.get_yticklabels())[0] == "CN-JS"


@pytest.mark.parametrize("kwargs, match", [
    ({"values": "patents"}, "needs index=, columns= and values="),
    ({"index": "nope"}, "no column 'nope'"),
    ({"columns": ["SG", "XX"]}, "no column 'XX'"),
    ({"row_labels": 3}, "row_labels must be"),
])
def test_heatmap_errors(kwargs, match):
    with pytest.raises(PatnetInputError, match=match):
        pn.plot.heatmap(CROSSTAB, **kwargs)


# ---------------------------------------------------------------------------
# province tiles
# ---------------------------------------------------------------------------

def test_province_tiles():
    assert set(pn.plot.PROVINCE_GRID) == set(PROVINCES)
    assert len(set(pn.plot.PROVINCE_GRID.values())) == len(PROVINCES)  # no two on one tile
    ax = pn.plot.province_tiles(TABLE2, highlight="CN-JS")
    tiles = [p for p in ax.patches if p.get_gid() == "tile"]
    assert len(tiles) == 34
    texts = _texts(ax)
    assert "JS" in texts and "87" in texts and "595" in texts
    js = tiles[list(pn.plot.PROVINCE_GRID).index("CN-JS")]
    assert js.get_linewidth() > 0
    assert len(ax.figure.axes) == 2


def test_province_tiles_warns_about_units_it_cannot_place():
    counts = pd.concat([TABLE2, pd.DataFrame({"province": ["unresolved"], "patents": [12]})])
    with pytest.warns(PatnetWarning, match="1 unit.*'unresolved'.*total 12"):
        pn.plot.province_tiles(counts, colorbar=False)
    with pytest.raises(PatnetInputError, match="tile_labels"):
        pn.plot.province_tiles(TABLE2, tile_labels="pinyin")


# ---------------------------------------------------------------------------
# common contracts
# ---------------------------------------------------------------------------

CALLS = {
    "ranked_bars": lambda **kw: pn.plot.ranked_bars(TABLE1, **kw),
    "ranked_bars_vertical": lambda **kw: pn.plot.ranked_bars(TABLE2, horizontal=False, **kw),
    "yearly": lambda **kw: pn.plot.yearly({"China": NATIONAL, "Jiangsu": JIANGSU},
                                          stages=STAGES, growth={"CAGR": 0.2058},
                                          secondary=True, **kw),
    "grouped_bars": lambda **kw: pn.plot.grouped_bars(REGIONS, **kw),
    "heatmap": lambda **kw: pn.plot.heatmap(CROSSTAB, **kw),
    "province_tiles": lambda **kw: pn.plot.province_tiles(TABLE2, **kw),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_rcparams_unchanged_and_no_stray_figures(name):
    before = _rc()
    n_figs = len(plt.get_fignums())
    ax = CALLS[name]()
    assert _rc() == before
    assert len(plt.get_fignums()) == n_figs + 1
    assert ax.figure.get_size_inches()[0] <= 7.2


@pytest.mark.parametrize("name", sorted(CALLS))
def test_draws_on_the_axes_given(name):
    fig, (left, right) = plt.subplots(1, 2, figsize=(7, 3))
    n_figs = len(plt.get_fignums())
    ax = CALLS[name](ax=right)
    assert ax is right
    assert len(plt.get_fignums()) == n_figs
    assert not left.has_data()


@pytest.mark.parametrize("name", sorted(CALLS))
def test_saves_png_and_svg(name, tmp_path):
    ax = CALLS[name](title="Figure")
    paths = pn.plot.save(ax, tmp_path / name, formats=("png", "svg"))
    assert [p.suffix for p in paths] == [".png", ".svg"]
    png = paths[0].read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert 300 <= width <= 7.5 * 300  # 300 dpi, journal widths
    assert paths[1].read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_save_single_path(tmp_path):
    ax = pn.plot.ranked_bars(TABLE2)
    (path,) = pn.plot.save(ax.figure, tmp_path / "t2.pdf")
    assert path.read_bytes()[:4] == b"%PDF"


# ---------------------------------------------------------------------------
# Chinese labels and fonts
# ---------------------------------------------------------------------------

def test_cjk_warning_without_a_cjk_font(monkeypatch):
    monkeypatch.setattr(_style, "find_cjk_font", lambda: None)
    counts = pd.DataFrame({"province": ["江苏", "北京"], "patents": [87, 595]})
    with pytest.warns(PatnetWarning, match="fonts-noto-cjk") as record:
        ax = pn.plot.ranked_bars(counts)
    assert len(record) == 1
    assert "'北京'" in str(record[0].message)
    assert _labels(ax.get_yticklabels()) == ["北京", "江苏"]  # still drawn
    # once per session
    pn.plot.heatmap(pd.DataFrame({"新加坡": [41]}, index=["江苏"]))
    # English labels never warn
    _style._warned = False
    pn.plot.ranked_bars(TABLE2)


def test_cjk_font_is_used_when_present(monkeypatch):
    monkeypatch.setattr(_style, "find_cjk_font", lambda: "DejaVu Sans Mono")
    ax = pn.plot.ranked_bars(TABLE2, labels="zh", title="合作专利")
    label = ax.get_yticklabels()[0]
    assert label.get_text() == "北京"
    assert label.get_fontfamily()[-1] == "DejaVu Sans Mono"
    assert ax.title.get_fontfamily()[-1] == "DejaVu Sans Mono"
    # the style puts it in the family list; leaving restores the global settings
    with pn.plot.style():
        assert matplotlib.rcParams["font.family"][-1] == "DejaVu Sans Mono"
    assert matplotlib.rcParams["font.family"] != ["sans-serif", "DejaVu Sans Mono"]


def _fake_fonts(monkeypatch, names):
    entries = [types.SimpleNamespace(name=n, fname=f"/nowhere/{i}.ttf")
               for i, n in enumerate(names)]
    monkeypatch.setattr(_style.font_manager, "fontManager",
                        types.SimpleNamespace(ttflist=entries))
    monkeypatch.setattr(_style, "_cjk_cache", {})


def test_find_cjk_font_by_name(monkeypatch):
    _fake_fonts(monkeypatch, ["DejaVu Sans", "WenQuanYi Zen Hei", "Noto Sans CJK JP"])
    assert _style.find_cjk_font() == "Noto Sans CJK JP"
    _fake_fonts(monkeypatch, ["DejaVu Sans", "STIXGeneral"])
    assert _style.find_cjk_font() is None
    # an unknown family whose name suggests CJK is checked for the glyphs
    _fake_fonts(monkeypatch, ["Some Hei Font"])
    monkeypatch.setattr(_style, "_font_has_glyphs", lambda path: True)
    assert _style.find_cjk_font() == "Some Hei Font"


def test_has_cjk():
    assert pn.plot.has_cjk("江苏省")
    assert pn.plot.has_cjk("Jiangsu（江苏）")
    assert not pn.plot.has_cjk("Jiangsu – 2001–2017 · 20.58%")
    assert not pn.plot.has_cjk("")


def test_style_restores_and_overrides():
    before = _rc()
    with pn.plot.style({"font.size": 11}):
        assert matplotlib.rcParams["font.size"] == 11
        assert matplotlib.rcParams["savefig.dpi"] == 300
        assert matplotlib.rcParams["axes.spines.top"] is False
    assert _rc() == before


# ---------------------------------------------------------------------------
# labels
# ---------------------------------------------------------------------------

def test_province_labels_cover_iso_codes_and_resolve_back():
    en = pn.plot.province_labels()
    zh = pn.plot.province_labels("zh")
    assert set(en) == set(zh) == set(PROVINCES)
    resolved = pn.geo.resolve_province(list(zh.values()))
    for code, row in zip(zh, resolved.itertuples()):
        if code in ("CN-HK", "CN-MO", "CN-TW"):
            assert row.status == "not_china"
        else:
            assert row.province == code, (code, row)
    resolved = pn.geo.resolve_province(list(en.values()))
    for code, row in zip(en, resolved.itertuples()):
        if code in ("CN-HK", "CN-MO", "CN-TW"):
            continue
        assert code in (str(row.province), *str(row.candidates).split("|")), (code, row)
    with pytest.raises(PatnetInputError, match="unknown language"):
        pn.plot.province_labels("fr")


def test_province_labels_come_from_geo():
    t = pn.geo.province_table()
    assert pn.plot.province_labels() == dict(zip(t["code"], t["name"]))
    assert pn.plot.province_labels("zh") == dict(zip(t["code"], t["name_zh"]))
    assert len(t) == 34


def test_country_and_region_labels():
    en = pn.plot.country_labels()
    assert len(en) == len(pn.geo.country_table())
    assert (en["SG"], en["RU"], en["KR"], en["NA"]) == ("Singapore", "Russia", "South Korea",
                                                          "Namibia")
    assert pn.plot.country_labels("zh")["SG"] == "新加坡"
    regions = pn.plot.region_labels()
    from patnet.geo.groups import BRI_REGIONS

    assert tuple(regions) == BRI_REGIONS
    assert regions["Central and Eastern Europe"] == "中东欧"
    assert pn.plot.region_labels("en")["CIS"] == "CIS"


# ---------------------------------------------------------------------------
# tables shaped like those of patnet.stats (index named by the unit, a share
# column, attrs["labels"], a two-level index for crosses)
# ---------------------------------------------------------------------------

def _stats_table(index_name, units, patents, n_patents, labels=None):
    t = pd.DataFrame({"patents": patents, "share": [p / n_patents for p in patents]},
                     index=pd.Index(pd.array(units, dtype="string"), name=index_name))
    t.attrs = {"counting": "full", "n_patents": n_patents, "labels": labels or {}}
    return t


def test_stats_shaped_counts_use_their_shares_and_labels():
    t = _stats_table("field", ["H", "A", "G", pd.NA], [38, 14, 13, 2], 87,
                     labels={"H": "Electricity", "A": "Human necessities", "G": "Physics"})
    ax = pn.plot.ranked_bars(t, annotate="both")
    assert _labels(ax.get_yticklabels()) == ["Electricity", "Human necessities", "Physics",
                                             "(unknown)"]
    assert _texts(ax)[0] == "38 (43.7%)"  # 38 / 87 from the table, not 38 / 67
    ax = pn.plot.ranked_bars(t, top=2, other=True, annotate="share")
    assert _texts(ax)[-1] == f"{15 / 87:.1%}"


def test_stats_shaped_tables_for_regions_crosses_years():
    nat = _stats_table("region", ["ASEAN", "South Asia", "CIS"], [880, 360, 175], 1730)
    js = _stats_table("region", ["ASEAN", "CIS"], [64, 2], 87)
    ax = pn.plot.grouped_bars({"China": nat, "Jiangsu": js})
    assert [b.get_height() for b in _bars(ax)] == [880, 360, 175, 64, 0, 2]
    assert _labels(ax.get_legend().get_texts()) == ["China", "Jiangsu"]
    with pytest.raises(PatnetInputError, match="no column 'patents'"):
        pn.plot.grouped_bars({"China": nat[["share"]]})

    idx = pd.MultiIndex.from_arrays(
        [pd.array(["CN-JS", "CN-JS", pd.NA], dtype="string"), pd.array(["SG", "PH", "SG"],
                                                                       dtype="string")],
        names=["province", "partner"])
    cross = pd.DataFrame({"patents": [41, 13, 5], "share": [0.5, 0.2, 0.1]}, index=idx)
    ax = pn.plot.heatmap(cross)
    assert _labels(ax.get_yticklabels()) == ["Jiangsu", "(unknown)"]  # nothing dropped
    assert _labels(ax.get_xticklabels()) == ["Singapore", "Philippines"]
    assert (ax.get_ylabel(), ax.get_xlabel()) == ("Province", "Partner")
    assert sorted(_texts(ax)) == ["13", "41", "5"]

    by_year = pd.DataFrame({"patents": JIANGSU.to_numpy(), "share": JIANGSU.to_numpy() / 87},
                           index=pd.Index(pd.array(list(YEARS), dtype="Int64"), name="year"))
    growth = pd.DataFrame({"value": [0.4772, 0.31], "first_year": [2001, 2001],
                           "last_year": [2017, 2017]},
                          index=pd.Index(["cagr", "loglinear"], name="definition"))
    stages = STAGES.rename(columns={"name": "label"}).rename_axis("stage")
    ax = pn.plot.yearly({"Jiangsu": by_year, "again": by_year}, growth={"Jiangsu": growth},
                        stages=stages)
    assert list(ax.get_lines()[0].get_ydata()) == list(JIANGSU)
    assert _labels(ax.get_legend().get_texts())[2:] == [
        "Jiangsu, CAGR 2001–2017: 47.72%", "Jiangsu, Log-linear trend growth 2001–2017: 31.00%"]
    assert [t.get_text() for t in ax.texts if t.get_gid() == "stage"][0] == "start-up"
    ax = pn.plot.yearly(by_year, growth=growth.loc[["cagr"]])
    (box,) = ax.artists
    assert box.txt.get_text() == "CAGR 2001–2017: 47.72%"


def test_ax_must_be_an_axes():
    with pytest.raises(PatnetInputError, match="ax must be a matplotlib Axes"):
        pn.plot.ranked_bars(TABLE1, ax=plt.figure())


def test_axes_made_outside_the_style_get_its_look():
    fig, ax = plt.subplots()  # default rcParams: 10 pt ticks, four spines
    pn.plot.yearly(JIANGSU, ax=ax)
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert ax.xaxis.get_major_ticks()[0].label1.get_fontsize() == 7
    assert ax.yaxis.label.get_fontsize() == 8
