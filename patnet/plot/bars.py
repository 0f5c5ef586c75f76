"""Bar charts: ranked counts per unit, and several series side by side per group."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib import ticker

from ..exceptions import PatnetInputError
from . import _style
from ._data import all_integral, attrs_labels, numeric_frame, pretty, unit_values
from .labels import resolve_labels

__all__ = ["ranked_bars", "grouped_bars"]

_ANNOTATE = (True, False, "value", "share", "both")


def _check_annotate(annotate):
    if annotate is None:
        return False
    if not any(annotate is a or (isinstance(annotate, str) and annotate == a)
               for a in _ANNOTATE):
        raise PatnetInputError(f"unknown annotate {annotate!r}", value=annotate,
                               hint="Use True, False, 'value', 'share' or 'both'")
    return "value" if annotate is True else annotate


def _text_width_in(texts, fontsize) -> float:
    """Rough width in inches of the widest of *texts* at *fontsize* points."""
    longest = max((len(t) for t in texts), default=0)
    return longest * fontsize * 0.56 / 72


def _axes_size_in(ax):
    fig = _style.root_figure(ax)
    w, h = fig.get_size_inches()
    pos = ax.get_position()
    return max(pos.width * w, 0.1), max(pos.height * h, 0.1)


def _hide_value_axis(ax, horizontal):
    if horizontal:
        ax.spines["bottom"].set_visible(False)
        ax.set_xticks([])
    else:
        ax.spines["left"].set_visible(False)
        ax.set_yticks([])


def ranked_bars(counts, *, label=None, value="patents", top=None, ax=None, title=None,
                labels="auto", annotate=True, horizontal=True, total=None, other=False,
                highlight=None, color=None, value_label=None, sort=True):
    """Ranked bars: one bar per unit (country, province, field), largest first.

    Parameters
    ----------
    counts : pandas.DataFrame or pandas.Series
        One row per unit with a numeric column *value* (int or float). The
        units are the column *label*; with ``label=None``, the index when it
        is named or holds text, otherwise the only text column (an unnamed
        integer index, as left by filtering, is never taken for the units).
        A Series is read as unit -> value. Each unit may appear once.
    label : str, optional
        Column (or index level) naming the units.
    value : str, default "patents"
        Column with the numbers.
    top : int, optional
        Draw only the *top* largest units.
    ax : matplotlib.axes.Axes, optional
        Draw here; by default on a new figure sized for a journal column.
    title : str, optional
    labels : str, mapping, callable or None, default "auto"
        How units are shown: ``"auto"`` turns ISO country codes ("SG") and
        ISO 3166-2:CN province codes ("CN-JS") into short English names and
        leaves anything else as it is; ``"zh"`` does the same in Chinese;
        ``"country"``, ``"country_zh"``, ``"province"``, ``"province_zh"``
        and ``"region_zh"`` apply one table; a mapping or a function gives
        your own labels; ``None`` shows the units as they are. ``"auto"``
        also uses a table's ``attrs["labels"]`` (IPC section titles of
        :func:`patnet.stats.by_field`) for other units.
    annotate : bool or {"value", "share", "both"}, default True
        Print each bar's value (``True`` = ``"value"``), its share of
        *total*, or both, at the end of the bar. Annotated bars hide the
        value axis (the numbers are on the bars).
    horizontal : bool, default True
        Horizontal bars, largest at the top; ``False`` for columns.
    total : float, optional
        Denominator of the shares. By default the table's own ``share``
        column when it has one (the tables of :mod:`patnet.stats`: shares of
        the patents counted), else the sum of *value* over all units (before
        *top*). Pass the number of patents when a patent can count for
        several units (full counting).
    other : bool or str, default False
        With *top*, add one grey bar for the units left out, labelled
        ``"Others (k)"`` or the string given.
    highlight : str or list of str, optional
        Units (codes or display labels) drawn in the accent colour, e.g. the
        focal province.
    color : str, optional
        Bar colour (default: the first colour of the patnet palette).
    value_label : str, optional
        Label of the value axis when it is shown (default: *value*
        capitalised).
    sort : bool, default True
        Sort by value, largest first (ties keep their order); ``False``
        keeps the order given.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    PatnetInputError
        For a missing or non-numeric value column, missing values,
        duplicated units or an unknown option. An empty table gives an
        empty panel that says "No data".

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> import patnet as pn
    >>> counts = pd.DataFrame({"country": ["IN", "SG", "RU"], "patents": [349, 663, 153]})
    >>> ax = pn.plot.ranked_bars(counts)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Singapore', 'India', 'Russia']
    >>> [int(p.get_width()) for p in ax.patches]
    [663, 349, 153]
    >>> plt.close(ax.figure)
    """
    mode = _check_annotate(annotate)
    series = unit_values(counts, label=label, value=value, where="ranked_bars")
    value_name = series.name
    if top is not None:
        if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1:
            raise PatnetInputError(f"top must be a positive integer, not {top!r}", value=top)
    if sort:
        series = series.sort_values(ascending=False, kind="stable")
    if (total is None and isinstance(counts, pd.DataFrame) and "share" in counts.columns
            and value != "share"):
        # a patnet statistics table: its shares are of the patents counted
        shares = unit_values(counts, label=label, value="share", where="ranked_bars")
    else:
        grand_total = float(series.sum()) if total is None else float(total)
        shares = series / grand_total if grand_total else series * np.nan
    is_other = np.zeros(len(series), dtype=bool)
    if top is not None and len(series) > top:
        rest = series.iloc[top:]
        series = series.iloc[:top]
        if other:
            name = other if isinstance(other, str) else f"Others ({len(rest)})"
            shares = pd.concat([shares, pd.Series([shares[rest.index].sum()], index=[name])])
            series = pd.concat([series, pd.Series([rest.sum()], index=[name])])
            is_other = np.r_[np.zeros(top, dtype=bool), True]
        else:
            is_other = np.zeros(len(series), dtype=bool)

    n = len(series)
    display = resolve_labels(series.index, labels, known=attrs_labels(counts))
    if is_other.any():
        display[-1] = str(series.index[-1])
    if horizontal:
        figsize = (_style.FIGSIZES["single"][0], min(9.0, max(1.3, 0.45 + 0.2 * n)))
    else:
        figsize = (min(7.2, max(3.5, 0.9 + 0.3 * n)), 2.6)

    with _style.style():
        ax, _ = _style.new_axes(ax, figsize)
        if n == 0:
            _style.no_data(ax)
            if title:
                ax.set_title(title)
            _style.finish(ax)
            return ax
        values = series.to_numpy(dtype=float)
        base = color or _style.PALETTE[0]
        wanted = set()
        if highlight is not None:
            wanted = {highlight} if isinstance(highlight, str) else set(highlight)
        colors = []
        for unit, shown, oth in zip(series.index, display, is_other):
            if oth:
                colors.append(_style.GREY_MID)
            elif unit in wanted or shown in wanted:
                colors.append(_style.PALETTE[1])
            else:
                colors.append(base)
        pos = np.arange(n)
        if horizontal:
            bars = ax.barh(pos, values, height=0.72, color=colors, label=str(value_name))
            ax.set_yticks(pos, labels=display)
            ax.set_ylim(n - 0.5, -0.5)  # largest at the top
            ax.tick_params(axis="y", length=0, pad=3)
            ax.spines["left"].set_linewidth(0.6)
        else:
            bars = ax.bar(pos, values, width=0.72, color=colors, label=str(value_name))
            rotate = n > 4 and max(len(s) for s in display) > 3
            ax.set_xticks(pos, labels=display, rotation=45 if rotate else 0,
                          ha="right" if rotate else "center",
                          rotation_mode="anchor" if rotate else "default")
            ax.set_xlim(-0.5, n - 0.5)
            ax.tick_params(axis="x", length=0, pad=3)
        value_axis = ax.xaxis if horizontal else ax.yaxis
        lo = min(0.0, float(values.min()))
        hi = max(0.0, float(values.max()))
        if mode:
            texts = []
            for unit, v in zip(series.index, values):
                parts = []
                if mode in ("value", "both"):
                    parts.append(_style.format_number(v))
                if mode in ("share", "both"):
                    share = float(shares[unit])
                    parts.append(f"{share:.1%}" if np.isfinite(share) else "–")
                texts.append(parts[0] if len(parts) == 1 else f"{parts[0]} ({parts[1]})")
            size = 7
            for bar, v, text in zip(bars, values, texts):
                if horizontal:
                    ax.annotate(text, (v, bar.get_y() + bar.get_height() / 2),
                                xytext=(3 if v >= 0 else -3, 0), textcoords="offset points",
                                ha="left" if v >= 0 else "right", va="center", fontsize=size,
                                color="#222222", annotation_clip=False)
                else:
                    ax.annotate(text, (bar.get_x() + bar.get_width() / 2, v),
                                xytext=(0, 2 if v >= 0 else -2), textcoords="offset points",
                                ha="center", va="bottom" if v >= 0 else "top", fontsize=size,
                                color="#222222", annotation_clip=False)
            _hide_value_axis(ax, horizontal)
            # room for the numbers at the bar ends
            width_in, height_in = _axes_size_in(ax)
            span = (hi - lo) or 1.0
            if horizontal:
                frac = min(0.6, (_text_width_in(texts, size) + 0.06) / width_in)
            else:
                frac = min(0.5, 0.16 / height_in)
            limits = (lo - (span * frac if lo < 0 else 0), hi + (span * frac if hi > 0 else 0))
            if horizontal:
                ax.set_xlim(*limits)
            else:
                ax.set_ylim(*limits)
        else:
            value_axis.set_major_locator(_style.value_locator(all_integral(values)))
            value_axis.set_major_formatter(ticker.FuncFormatter(
                lambda x, _pos: _style.format_number(x)))
            _style.grid(ax, "x" if horizontal else "y")
            (ax.set_xlabel if horizontal else ax.set_ylabel)(
                value_label if value_label is not None else pretty(value_name))
            if horizontal:
                ax.set_xlim(left=lo)
            else:
                ax.set_ylim(bottom=lo)
        if title:
            ax.set_title(title)
        _style.finish(ax)
    return ax


def _from_tables(tables, index, value, where) -> pd.DataFrame:
    """Mapping series name -> one-series table (or Series) -> one wide frame."""
    parts = {}
    for name, t in tables.items():
        if isinstance(t, pd.DataFrame):
            if index is not None and index in t.columns:
                t = t.set_index(index)
            if value not in t.columns:
                raise PatnetInputError(f"{where}: table {name!r} has no column {value!r}",
                                       column=value,
                                       hint=f"Columns are {list(map(str, t.columns))}")
            t = t[value]
        elif not isinstance(t, pd.Series):
            raise PatnetInputError(f"{where}: {name!r} must be a DataFrame or Series, "
                                   f"not {type(t).__name__}")
        if t.index.has_duplicates:
            raise PatnetInputError(f"{where}: groups appear more than once in {name!r}",
                                   value=", ".join(map(str, pd.unique(t.index[
                                       t.index.duplicated()])[:5])))
        parts[name] = t
    # a group missing from one table has no patents there
    wide = pd.concat(parts, axis=1, sort=False).fillna(0)
    wide.index.name = index
    return wide


def _group_frame(frame, index, where):
    if not isinstance(frame, pd.DataFrame):
        if isinstance(frame, pd.Series):
            frame = frame.to_frame()
        else:
            raise PatnetInputError(
                f"{where}: expected a pandas DataFrame, not {type(frame).__name__}")
    if index is not None and index in frame.columns:
        frame = frame.set_index(index)
    elif index is not None and index not in (frame.index.names or []) and (
            isinstance(frame.index, pd.RangeIndex) and frame.index.name is None):
        raise PatnetInputError(
            f"{where}: no column or index named {index!r}", column=index,
            hint=f"Columns are {list(map(str, frame.columns))}; pass index=<group column>")
    if frame.index.nlevels > 1:
        raise PatnetInputError(f"{where}: expected one group per row, got a MultiIndex",
                               hint="Reset the index or pivot the table first")
    return frame


def grouped_bars(frame, *, index="region", columns=None, ax=None, labels="auto",
                 normalize=False, annotate=True, horizontal=False, order=None, title=None,
                 value_label=None, colors=None, value="patents"):
    """Bars side by side: several series (e.g. national and focal province) per group.

    Reproduces Figures 3–4 of the Belt and Road study (patents by region,
    China and Jiangsu) in one panel.

    Parameters
    ----------
    frame : pandas.DataFrame or dict
        Wide table, one row per group: the group names in column *index* (or
        the index) and one numeric column per series, e.g.
        ``region | national | Jiangsu``. Long tables pivot first:
        ``df.pivot(index="region", columns="scope", values="patents")``.
        Or a dict series name -> one-series table (such as
        :func:`patnet.stats.by_region` results, indexed by group, with a
        column *value*) or Series; a group absent from one of them counts 0
        there.
    index : str, default "region"
        Column (or index name) with the groups; if there is no such column
        the frame's index is used.
    columns : list of str, optional
        The series to draw, in order (default: every numeric column).
    ax : matplotlib.axes.Axes, optional
    labels : str, mapping, callable or None, default "auto"
        Group labels, as in :func:`ranked_bars` (``"region_zh"`` gives the
        Chinese names of the BRI regions). Long labels are wrapped.
    normalize : bool, default False
        Draw each series as percentages of its own total (over all groups of
        the table, also those *order* leaves out), so that series of very
        different size (national vs one province) can be compared.
    annotate : bool, default True
        Print the values (or percentages) above the bars and hide the value
        axis.
    horizontal : bool, default False
    order : list, optional
        Groups to draw, in this order (default: the frame's order).
    title : str, optional
    value_label : str, optional
        Label of the value axis when shown (default "Patents", or
        "Share of patents (%)" with *normalize*).
    colors : list of str, optional
        One colour per series (default: the patnet palette).
    value : str, default "patents"
        The column taken from each table of a dict *frame*.

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
    >>> df = pd.DataFrame({"region": ["ASEAN", "West Asia", "CIS"],
    ...                    "national": [870, 190, 160], "Jiangsu": [18, 13, 2]})
    >>> ax = pn.plot.grouped_bars(df, columns=["national", "Jiangsu"])
    >>> len(ax.patches), ax.get_legend().texts[1].get_text()
    (6, 'Jiangsu')
    >>> plt.close(ax.figure)
    """
    where = "grouped_bars"
    if isinstance(frame, Mapping):
        frame = _from_tables(frame, index, value, where)
    frame = _group_frame(frame, index, where)
    if columns is None:
        columns = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c].dtype)
                   and not pd.api.types.is_bool_dtype(frame[c].dtype)]
    else:
        columns = [columns] if isinstance(columns, str) else list(columns)
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise PatnetInputError(
                f"{where}: no column {missing[0]!r}", column=missing[0],
                hint=f"Columns are {list(map(str, frame.columns))}")
    if frame.index.has_duplicates:
        dup = frame.index[frame.index.duplicated()]
        raise PatnetInputError(f"{where}: groups appear more than once",
                               value=", ".join(map(str, pd.unique(dup)[:5])),
                               hint="Aggregate first, e.g. frame.groupby(<group>).sum()")
    data = numeric_frame(frame, columns, where)
    if data.isna().any().any():
        col = data.columns[data.isna().any()][0]
        raise PatnetInputError(f"{where}: missing values in column {col!r}", column=col,
                               hint="Fill them (e.g. .fillna(0) when missing means none)")
    if normalize:  # shares of each series' total over all groups, before order= selects
        totals = data.sum()
        data = data.div(totals.where(totals != 0)).mul(100).fillna(0.0)
    if order is not None:
        absent = [g for g in order if g not in data.index]
        if absent:
            raise PatnetInputError(f"{where}: groups in order= not in the table",
                                   value=", ".join(map(str, absent[:5])))
        data = data.loc[list(order)]
    n, k = data.shape
    display = resolve_labels(data.index, labels)
    width = 11 if not horizontal else 24
    display = [textwrap.fill(s, width) if len(s) > width else s for s in display]
    if horizontal:
        figsize = (3.5, min(9.0, max(1.6, 0.5 + 0.16 * n * max(k, 1))))
    else:
        # each group as wide as its label and its k bars with their numbers need
        label_in = max((_text_width_in(s.split("\n"), 7) for s in display), default=0.3)
        group_in = max(label_in + 0.12, 0.34 * k if annotate else 0.2 * k, 0.4)
        figsize = (min(7.2, max(3.5, 0.7 + group_in * n)), 2.6)
    palette = list(colors) if colors is not None else list(_style.PALETTE)
    mode = _check_annotate(annotate)

    with _style.style():
        ax, _ = _style.new_axes(ax, figsize)
        if n == 0 or k == 0:
            _style.no_data(ax)
            if title:
                ax.set_title(title)
            _style.finish(ax)
            return ax
        pos = np.arange(n)
        slot = 0.8 / k
        texts = []
        for j, col in enumerate(data.columns):
            offset = (j - (k - 1) / 2) * slot
            vals = data[col].to_numpy()
            color = palette[j % len(palette)]
            if horizontal:
                bars = ax.barh(pos + offset, vals, height=slot * 0.92, color=color,
                               label=str(col))
            else:
                bars = ax.bar(pos + offset, vals, width=slot * 0.92, color=color,
                              label=str(col))
            if mode:
                for bar, v in zip(bars, vals):
                    text = f"{v:.1f}%" if normalize else _style.format_number(v)
                    texts.append(text)
                    if horizontal:
                        xy = (v, bar.get_y() + bar.get_height() / 2)
                        ax.annotate(text, xy, xytext=(2, 0), textcoords="offset points",
                                    ha="left", va="center", fontsize=6, color="#222222",
                                    annotation_clip=False)
                    else:
                        xy = (bar.get_x() + bar.get_width() / 2, v)
                        ax.annotate(text, xy, xytext=(0, 1.5), textcoords="offset points",
                                    ha="center", va="bottom", fontsize=6, color="#222222",
                                    annotation_clip=False)
        if horizontal:
            ax.set_yticks(pos, labels=display)
            ax.set_ylim(n - 0.5, -0.5)
            ax.tick_params(axis="y", length=0, pad=3)
        else:
            ax.set_xticks(pos, labels=display)
            ax.set_xlim(-0.5, n - 0.5)
            ax.tick_params(axis="x", length=0, pad=3)
        values = data.to_numpy().ravel()
        lo = min(0.0, float(np.nanmin(values)))
        hi = max(0.0, float(np.nanmax(values)))
        if mode:
            _hide_value_axis(ax, horizontal)
            width_in, height_in = _axes_size_in(ax)
            span = (hi - lo) or 1.0
            if horizontal:
                frac = min(0.6, (_text_width_in(texts, 6) + 0.05) / width_in)
                ax.set_xlim(lo, hi + span * frac)
            else:
                ax.set_ylim(lo, hi + span * min(0.5, 0.14 / height_in))
        else:
            value_axis = ax.xaxis if horizontal else ax.yaxis
            if normalize:
                value_axis.set_major_formatter(ticker.FuncFormatter(lambda x, _p: f"{x:g}"))
            else:
                value_axis.set_major_locator(_style.value_locator(all_integral(values)))
                value_axis.set_major_formatter(ticker.FuncFormatter(
                    lambda x, _p: _style.format_number(x)))
            _style.grid(ax, "x" if horizontal else "y")
            if horizontal:
                ax.set_xlim(left=lo)
            else:
                ax.set_ylim(bottom=lo)
            default = "Share of patents (%)" if normalize else "Patents"
            (ax.set_xlabel if horizontal else ax.set_ylabel)(
                value_label if value_label is not None else default)
        if k > 1:
            ax.legend(ncols=k, loc="lower left", bbox_to_anchor=(0.0, 1.0), frameon=False,
                      borderaxespad=0.2, handlelength=1.0, handleheight=0.8, columnspacing=1.2)
        if title:
            ax.set_title(title, pad=16 if k > 1 else 6)
        _style.finish(ax)
    return ax
