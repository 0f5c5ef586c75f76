"""Figures for co-invention studies (matplotlib).

Every function takes plain pandas objects (the tidy tables of
:mod:`patnet.stats` or your own), draws on ``ax`` (a new journal-column
figure when ``ax=None``) and returns the Axes. Figures are drawn in the
patnet style (:func:`style`) without changing matplotlib's global settings,
render Chinese labels when a font with Chinese glyphs is installed (and warn
once, saying what to install, when none is), and never call ``plt.show()``.

=========================  ===================================================
:func:`ranked_bars`        counts per country / province / field, largest first
:func:`yearly`             yearly series with stages shaded, growth annotated
:func:`grouped_bars`       several series side by side per region
:func:`heatmap`            a crosstab such as province x partner country
:func:`province_tiles`     provinces as a tile grid (a map without a map)
:func:`style`              the style as a context manager
:func:`save`               save PNG / SVG / PDF at 300 dpi, tight
:func:`country_labels`     ISO country code -> short name (English / Chinese)
:func:`province_labels`    ISO 3166-2:CN code -> province name
:func:`region_labels`      Belt and Road region -> Chinese name
=========================  ===================================================

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> import pandas as pd
>>> import patnet as pn
>>> counts = pd.Series({"CN-BJ": 595, "CN-SH": 471, "CN-GD": 154, "CN-JS": 87})
>>> ax = pn.plot.ranked_bars(counts, highlight="CN-JS")
>>> ax.get_yticklabels()[-1].get_text()
'Jiangsu'
>>> plt.close("all")
"""

from __future__ import annotations

from ._style import FIGSIZES, PALETTE, find_cjk_font, has_cjk, save, style
from .bars import grouped_bars, ranked_bars
from .heatmap import heatmap
from .labels import country_labels, province_labels, region_labels
from .series import yearly
from .tiles import PROVINCE_GRID, province_tiles

__all__ = [
    "ranked_bars",
    "yearly",
    "grouped_bars",
    "heatmap",
    "province_tiles",
    "style",
    "save",
    "find_cjk_font",
    "has_cjk",
    "country_labels",
    "province_labels",
    "region_labels",
    "FIGSIZES",
    "PALETTE",
    "PROVINCE_GRID",
]
