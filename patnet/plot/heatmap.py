"""Heatmap of a crosstab, e.g. Chinese province x partner country."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import colormaps, colors as mcolors, ticker

from ..exceptions import PatnetInputError
from . import _style
from ._data import all_integral, attrs_labels, numeric_frame, pretty
from .labels import resolve_labels

__all__ = ["heatmap"]

#: Colour of cells that hold 0.
ZERO_COLOR = "#F1F1F1"


def _as_table(table, *, index, columns, values, where) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise PatnetInputError(f"{where}: expected a pandas DataFrame, not {type(table).__name__}")
    if values is not None and table.index.nlevels == 2 and index is None and columns is None:
        table = table[[values]]
    elif values is not None:
        if index is None or columns is None:
            raise PatnetInputError(
                f"{where}: a long table needs index=, columns= and values=",
                hint="e.g. heatmap(df, index='province', columns='country', values='patents')")
        for c in (index, columns, values):
            if c not in table.columns:
                raise PatnetInputError(f"{where}: no column {c!r}", column=c,
                                       hint=f"Columns are {list(map(str, table.columns))}")
        numeric_frame(table, [values], where)
        wide = table.pivot_table(index=index, columns=columns, values=values, aggfunc="sum",
                                 fill_value=0, sort=False, observed=True,
                                dropna=False)
        wide.columns.name = columns
        return wide
    if table.index.nlevels == 2 and index is None and columns is None:
        # a statistics table indexed by (row unit, column unit), e.g. by_province_partner
        numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c].dtype)]
        col = "patents" if "patents" in table.columns else (numeric[0] if len(numeric) == 1
                                                            else None)
        if col is None:
            raise PatnetInputError(
                f"{where}: which column holds the values? (a two-level index and "
                f"columns {list(map(str, table.columns))})", hint="Pass values=<column>")
        rows, cols = table.index.names
        flat = table.reset_index()
        numeric_frame(flat, [col], where)
        wide = flat.pivot_table(index=rows, columns=cols, values=col, aggfunc="sum",
                                fill_value=0, sort=False, observed=True,
                                dropna=False)
        return wide
    if index is not None:
        if index not in table.columns:
            raise PatnetInputError(f"{where}: no column {index!r}", column=index,
                                   hint=f"Columns are {list(map(str, table.columns))}")
        table = table.set_index(index)
    if columns is not None:
        cols = [columns] if isinstance(columns, str) else list(columns)
        missing = [c for c in cols if c not in table.columns]
        if missing:
            raise PatnetInputError(f"{where}: no column {missing[0]!r}", column=missing[0],
                                   hint=f"Columns are {list(map(str, table.columns))}")
        table = table[cols]
    return table


def heatmap(table, *, ax=None, annotate=True, cmap="Blues", log=None, index=None,
            columns=None, values=None, row_labels="auto", col_labels="auto", sort=False,
            colorbar=True, value_label=None, fmt=None, title=None):
    """Heatmap of a crosstab such as Chinese province x partner country.

    Zero cells are drawn in light grey without a number, so the few
    cooperating pairs stand out; missing (NaN) cells are left white.

    Parameters
    ----------
    table : pandas.DataFrame
        Wide: rows x columns of numbers (e.g. ``pd.crosstab`` output), row
        names in the index (or in column *index*). Long: one row per pair
        with ``index=``, ``columns=`` and ``values=`` naming the three
        columns; pairs are summed. Or indexed by the pair (a two-level
        index, as :func:`patnet.stats.by_province_partner` returns) with the
        values in ``patents`` (or the column *values*).
    ax : matplotlib.axes.Axes, optional
    annotate : bool, default True
        Print the value in every non-zero cell (white on dark cells).
    cmap : str or Colormap, default "Blues"
        Its lightest 15% is skipped so that small counts stay distinct from
        the grey of zero cells.
    log : bool, optional
        Logarithmic colour scale; by default used when the largest value is
        at least 100 times the smallest positive one.
    index, columns, values : str, optional
        Column names of a long table (all three), or the row-name column and
        the columns to keep of a wide table.
    row_labels, col_labels : str, mapping, callable or None, default "auto"
        Tick labels, as *labels* in :func:`ranked_bars` ("auto" names ISO
        country and province codes).
    sort : bool, default False
        Order rows and columns by their totals, largest first.
    colorbar : bool, default True
    value_label : str, optional
        Colour bar label (default "Patents", or *values* capitalised).
    fmt : str, optional
        Format of the cell numbers, e.g. ``".1f"`` (default: integers as
        integers, others to 3 significant digits).
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
        The heatmap Axes (the colour bar has its own Axes in the figure).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> import patnet as pn
    >>> t = pd.DataFrame({"SG": [41, 120], "PH": [13, 0], "IL": [8, 35]},
    ...                  index=["CN-JS", "CN-BJ"])
    >>> ax = pn.plot.heatmap(t)
    >>> [x.get_text() for x in ax.get_yticklabels()]
    ['Jiangsu', 'Beijing']
    >>> sorted(x.get_text() for x in ax.texts)
    ['120', '13', '35', '41', '8']
    >>> plt.close(ax.figure)
    """
    where = "heatmap"
    wide = _as_table(table, index=index, columns=columns, values=values, where=where)
    if wide.index.has_duplicates or wide.columns.has_duplicates:
        raise PatnetInputError(f"{where}: row or column names appear more than once",
                               hint="Aggregate first, e.g. table.groupby(level=0).sum()")
    data = numeric_frame(wide, list(wide.columns), where)
    if sort and data.size:
        rows = data.sum(axis=1).sort_values(ascending=False, kind="stable").index
        cols = data.sum(axis=0).sort_values(ascending=False, kind="stable").index
        data = data.loc[rows, cols]
    nrow, ncol = data.shape
    known = attrs_labels(table)
    ylabels = resolve_labels(data.index, row_labels, argument="row_labels", known=known)
    xlabels = resolve_labels(data.columns, col_labels, argument="col_labels", known=known)
    longest_row = max((len(s) for s in ylabels), default=0)
    longest_col = max((len(s) for s in xlabels), default=0)
    row_label_in = longest_row * 7 * 0.56 / 72 + 0.1
    # rotated column labels take about 0.72 of their length in height
    col_label_in = min(longest_col, 20) * 7 * 0.56 / 72 * (0.72 if longest_col > 3 else 0.2)
    col_label_in += 0.15
    extra_w = row_label_in + (0.75 if colorbar else 0.15)
    cell = max(0.1, min(0.26, (7.2 - extra_w) / max(ncol, 1),
                        (9.0 - col_label_in - 0.3) / max(nrow, 1)))
    figsize = (max(2.0, ncol * cell + extra_w), max(1.2, nrow * cell + col_label_in + 0.3))

    with _style.style():
        ax, _ = _style.new_axes(ax, figsize)
        arr = data.to_numpy(dtype=float)
        positive = arr[np.isfinite(arr) & (arr > 0)]
        if nrow == 0 or ncol == 0 or not np.isfinite(arr).any():
            _style.no_data(ax)
            if title:
                ax.set_title(title)
            _style.finish(ax)
            return ax
        vmax = float(np.nanmax(arr)) if positive.size else 1.0
        vmin_pos = float(positive.min()) if positive.size else 1.0
        negative = bool((arr[np.isfinite(arr)] < 0).any())
        if log is None:
            log = not negative and positive.size > 0 and vmax / vmin_pos >= 100
        if log and negative:
            raise PatnetInputError(f"{where}: log=True needs non-negative values")
        base = colormaps[cmap] if isinstance(cmap, str) else cmap
        cm = mcolors.LinearSegmentedColormap.from_list(
            f"{base.name}_patnet", base(np.linspace(0.15, 1.0, 256)))
        if log:
            norm = mcolors.LogNorm(vmin=vmin_pos, vmax=max(vmax, vmin_pos * 1.0001))
        else:
            lo = float(np.nanmin(arr)) if negative else 0.0
            norm = mcolors.Normalize(vmin=lo, vmax=vmax if vmax > lo else lo + 1)
        xedges = np.arange(ncol + 1)
        yedges = np.arange(nrow + 1)
        zero = np.ma.masked_where(~(arr == 0), np.ones_like(arr))
        ax.pcolormesh(xedges, yedges, zero, cmap=mcolors.ListedColormap([ZERO_COLOR]),
                      vmin=0, vmax=1, edgecolors="white", linewidth=0.6)
        shown = np.ma.masked_where(~np.isfinite(arr) | (arr == 0), arr)
        mesh = ax.pcolormesh(xedges, yedges, shown, cmap=cm, norm=norm, edgecolors="white",
                             linewidth=0.6)
        ax.set_xlim(0, ncol)
        ax.set_ylim(nrow, 0)
        ax.set_aspect("equal")
        for spine in ax.spines.values():
            spine.set_visible(False)
        rotate = longest_col > 3
        ax.set_xticks(np.arange(ncol) + 0.5, labels=xlabels, rotation=45 if rotate else 0,
                      ha="right" if rotate else "center",
                      rotation_mode="anchor" if rotate else "default")
        ax.set_yticks(np.arange(nrow) + 0.5, labels=ylabels)
        ax.tick_params(length=0, pad=2)
        if data.index.name is not None and data.columns.name is not None:
            ax.set_ylabel(pretty(data.index.name))
            ax.set_xlabel(pretty(data.columns.name))
        if annotate:
            fig = _style.root_figure(ax)
            fw, fh = fig.get_size_inches()
            pos = ax.get_position()
            cell_pt = min(pos.width * fw / ncol, pos.height * fh / nrow) * 72
            size = max(4.0, min(7.0, cell_pt * 0.42))
            for i in range(nrow):
                for j in range(ncol):
                    v = arr[i, j]
                    if not np.isfinite(v) or v == 0:
                        continue
                    dark = norm(v) > 0.6
                    text = _style.format_number(v, fmt)
                    ax.text(j + 0.5, i + 0.5, text, ha="center", va="center", fontsize=size,
                            color="white" if dark else "#1A1A1A")
        if colorbar:
            fig = _style.root_figure(ax)
            # a thin bar beside the cells, as tall as they are (an inset follows the
            # box that the equal aspect leaves)
            fw, fh = fig.get_size_inches()
            pos = ax.get_position()
            box_w = min(pos.width * fw, pos.height * fh * ncol / max(nrow, 1))
            frac = 0.1 / max(box_w, 0.3)
            cax = ax.inset_axes([1 + 0.12 / max(box_w, 0.3), 0, frac, 1])
            cbar = fig.colorbar(mesh, cax=cax)
            cbar.outline.set_visible(False)
            cbar.ax.tick_params(labelsize=6.5, length=2, width=0.5)
            if not log and all_integral(positive):
                cbar.locator = _style.value_locator(True, nbins=5)
                cbar.formatter = ticker.FuncFormatter(lambda x, _p: _style.format_number(x))
                cbar.update_ticks()
            elif log:
                cbar.formatter = ticker.FuncFormatter(lambda x, _p: _style.format_number(x))
                cbar.update_ticks()
            default = pretty(values) if values is not None else "Patents"
            cbar.set_label(value_label if value_label is not None else default, fontsize=7)
        if title:
            ax.set_title(title)
        _style.finish(ax)
    return ax
