"""A map-free geographic view: Chinese provinces as a grid of equal tiles.

Each of the 34 province-level units is one square placed roughly where it
lies (north up, east right), so the view needs no boundary files and every
province, Macao as much as Xinjiang, gets the same room for its label.
"""

from __future__ import annotations

import warnings

import numpy as np
from matplotlib import colormaps, colors as mcolors, ticker
from matplotlib.cm import ScalarMappable
from matplotlib.patches import Rectangle

from ..exceptions import PatnetInputError, PatnetWarning
from . import _style
from ._data import pretty, unit_values
from .labels import province_labels

__all__ = ["province_tiles", "PROVINCE_GRID"]

#: (row, column) of each province's tile; row 0 is the north, column 0 the west.
#: Placed by the position of the provincial capital, adjusted so that neighbours
#: stay next to each other.
PROVINCE_GRID = {
    "CN-HL": (0, 7),
    "CN-NM": (1, 4), "CN-BJ": (1, 5), "CN-JL": (1, 7),
    "CN-XJ": (2, 1), "CN-NX": (2, 3), "CN-SX": (2, 4), "CN-HE": (2, 5), "CN-TJ": (2, 6),
    "CN-LN": (2, 7),
    "CN-QH": (3, 2), "CN-GS": (3, 3), "CN-SN": (3, 4), "CN-HA": (3, 5), "CN-SD": (3, 6),
    "CN-XZ": (4, 2), "CN-SC": (4, 3), "CN-CQ": (4, 4), "CN-HB": (4, 5), "CN-AH": (4, 6),
    "CN-JS": (4, 7), "CN-SH": (4, 8),
    "CN-YN": (5, 3), "CN-GZ": (5, 4), "CN-HN": (5, 5), "CN-JX": (5, 6), "CN-ZJ": (5, 7),
    "CN-GX": (6, 4), "CN-GD": (6, 5), "CN-FJ": (6, 6), "CN-TW": (6, 8),
    "CN-HI": (7, 4), "CN-MO": (7, 5), "CN-HK": (7, 6),
}

_TILE_LABELS = ("code", "zh", "en")


def province_tiles(counts, *, label=None, value="patents", ax=None, cmap="Blues", log=None,
                   annotate=True, tile_labels="code", highlight=None, colorbar=True,
                   value_label=None, title=None):
    """Provinces as a tile grid coloured by a count (a map without a map).

    Parameters
    ----------
    counts : pandas.DataFrame or pandas.Series
        One row per province: ISO 3166-2:CN codes ("CN-JS") as the units
        (column *label*, the index, or the only text column, as in
        :func:`ranked_bars`) and a numeric column *value*. Provinces not in
        the table (all of them, for an empty table) are drawn as 0. Rows
        whose unit is not a province code (e.g. unresolved) cannot be
        placed: they are left out with a
        :class:`~patnet.exceptions.PatnetWarning` that says how many.
    label : str, optional
    value : str, default "patents"
    ax : matplotlib.axes.Axes, optional
    cmap : str or Colormap, default "Blues"
    log : bool, optional
        Logarithmic colour scale; by default when the largest value is at
        least 100 times the smallest positive one.
    annotate : bool, default True
        Print each province's value under its label.
    tile_labels : {"code", "zh", "en"}, default "code"
        The two-letter code (``JS``), the Chinese short name (江苏) or the
        English name (long names are small).
    highlight : str or list of str, optional
        Province codes outlined in the accent colour.
    colorbar : bool, default True
    value_label : str, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> import patnet as pn
    >>> counts = pd.DataFrame({"province": ["CN-BJ", "CN-SH", "CN-JS"],
    ...                        "patents": [595, 471, 87]})
    >>> ax = pn.plot.province_tiles(counts)
    >>> len([p for p in ax.patches if p.get_gid() == "tile"])
    34
    >>> plt.close(ax.figure)
    """
    where = "province_tiles"
    if tile_labels not in _TILE_LABELS:
        raise PatnetInputError(f"{where}: unknown tile_labels {tile_labels!r}",
                               value=tile_labels,
                               hint=f"Use one of {', '.join(map(repr, _TILE_LABELS))}")
    series = unit_values(counts, label=label, value=value, where=where)
    outside = series[[u not in PROVINCE_GRID for u in series.index]]
    if len(outside):
        warnings.warn(
            f"{where}: {len(outside)} unit(s) are not province codes and are not drawn "
            f"({', '.join(map(repr, outside.index[:5]))}; "
            f"total {_style.format_number(outside.sum())})",
            PatnetWarning, stacklevel=2)
    vals = {code: float(series.get(code, 0.0)) for code in PROVINCE_GRID}
    arr = np.array(list(vals.values()))
    positive = arr[arr > 0]
    negative = bool((arr < 0).any())
    if log is None:
        log = not negative and positive.size > 0 and positive.max() / positive.min() >= 100
    if log and negative:
        raise PatnetInputError(f"{where}: log=True needs non-negative values")
    names = {"code": {c: c[3:] for c in PROVINCE_GRID},
             "zh": province_labels("zh"), "en": province_labels("en")}[tile_labels]
    wanted = set() if highlight is None else ({highlight} if isinstance(highlight, str)
                                              else set(highlight))

    with _style.style():
        ax, _ = _style.new_axes(ax, (3.5, 3.3))
        base = colormaps[cmap] if isinstance(cmap, str) else cmap
        cm = mcolors.LinearSegmentedColormap.from_list(
            f"{base.name}_patnet", base(np.linspace(0.15, 1.0, 256)))
        vmax = float(positive.max()) if positive.size else 1.0
        if log:
            low = float(positive.min())
            norm = mcolors.LogNorm(vmin=low, vmax=max(vmax, low * 1.0001))
        else:
            lo = float(arr.min()) if negative else 0.0
            norm = mcolors.Normalize(vmin=lo, vmax=vmax if vmax > lo else lo + 1)
        gap = 0.06
        for code, (row, col) in PROVINCE_GRID.items():
            v = vals[code]
            face = cm(norm(v)) if v > 0 or (negative and v != 0) else mcolors.to_rgba("#F1F1F1")
            tile = Rectangle((col + gap / 2, row + gap / 2), 1 - gap, 1 - gap, facecolor=face,
                             edgecolor=_style.PALETTE[1] if code in wanted else "none",
                             linewidth=1.2 if code in wanted else 0, gid="tile")
            ax.add_patch(tile)
            dark = (v > 0 or (negative and v != 0)) and norm(v) > 0.6
            color = "white" if dark else "#1A1A1A"
            name = names[code]
            if tile_labels == "en":
                size = max(3.5, min(5.5, 30 / max(len(name), 1)))
            else:
                size = 6.5 if len(name) <= 2 else 5.5
            if annotate:
                ax.text(col + 0.5, row + 0.36, name, ha="center", va="center", fontsize=size,
                        color=color, fontweight="bold")
                ax.text(col + 0.5, row + 0.68, _style.format_number(v), ha="center",
                        va="center", fontsize=5.5, color=color)
            else:
                ax.text(col + 0.5, row + 0.5, name, ha="center", va="center", fontsize=size,
                        color=color, fontweight="bold")
        ax.set_xlim(0, 9)
        ax.set_ylim(8, 0)
        ax.set_aspect("equal")
        ax.axis("off")
        if colorbar:
            mappable = ScalarMappable(norm=norm, cmap=cm)
            fig = _style.root_figure(ax)
            cbar = fig.colorbar(mappable, ax=ax, fraction=0.035, pad=0.02, shrink=0.6,
                                aspect=18)
            cbar.outline.set_visible(False)
            cbar.ax.tick_params(labelsize=6.5, length=2, width=0.5)
            cbar.formatter = ticker.FuncFormatter(
                lambda x, _p: _style.format_number(x))
            cbar.update_ticks()
            cbar.set_label(value_label if value_label is not None else pretty(series.name),
                           fontsize=7)
        if title:
            ax.set_title(title)
        _style.finish(ax)
    return ax
