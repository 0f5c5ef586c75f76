"""Yearly series with stages shaded and growth annotated (Figures 1–2 of the BRI study)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib import transforms
from matplotlib.lines import Line2D
from matplotlib.offsetbox import AnchoredText

from ..exceptions import PatnetInputError
from . import _style
from ._data import all_integral, numeric_frame, pretty

__all__ = ["yearly"]

_KINDS = ("line", "bar")
_STAGE_NAME = ("name", "label", "stage")
_STAGE_FIRST = ("first_year", "start", "first", "from")
_STAGE_LAST = ("last_year", "end", "last", "to")


def _years(index, where) -> np.ndarray:
    if isinstance(index, pd.DatetimeIndex):
        return index.year.to_numpy()
    if isinstance(index, pd.PeriodIndex):
        return index.year.to_numpy()
    try:
        years = pd.to_numeric(pd.Series(np.asarray(index, dtype=object)), errors="raise")
    except (TypeError, ValueError) as err:
        raise PatnetInputError(f"{where}: the years must be integers", value=index[0]) from err
    arr = years.to_numpy(dtype=float)
    if np.isnan(arr).any() or not np.all(np.mod(arr, 1) == 0):
        bad = index[np.isnan(arr) | (np.mod(np.nan_to_num(arr), 1) != 0)][0]
        raise PatnetInputError(f"{where}: the years must be whole numbers", value=bad)
    return arr.astype(int)


def _as_wide(data, *, value, by, where) -> pd.DataFrame:
    """One column per series, indexed by year (int), sorted, every year in the range."""
    if isinstance(data, pd.Series):
        frame = data.to_frame(name=data.name if data.name is not None else value)
    elif isinstance(data, Mapping):
        if not data:
            return pd.DataFrame(index=pd.Index([], dtype=int))
        parts = {}
        for name, s in data.items():
            if isinstance(s, pd.DataFrame):
                s = _as_wide(s, value=value, by=None, where=where)
                if s.shape[1] != 1:
                    raise PatnetInputError(
                        f"{where}: series {name!r} has {s.shape[1]} columns; "
                        "pass one series per name")
                s = s.iloc[:, 0]
            elif not isinstance(s, pd.Series):
                raise PatnetInputError(
                    f"{where}: series {name!r} must be a pandas Series indexed by year, "
                    f"not {type(s).__name__}")
            s = s.copy()
            s.index = _years(s.index, where)
            if s.index.has_duplicates:
                raise PatnetInputError(f"{where}: series {name!r} has a year twice",
                                       value=s.index[s.index.duplicated()][0])
            parts[name] = s
        frame = pd.concat(parts, axis=1, sort=True)
    elif isinstance(data, pd.DataFrame):
        frame = data
        if "year" in frame.columns:
            frame = frame.set_index("year")
        if by is not None:
            if by not in frame.columns or value not in frame.columns:
                missing = by if by not in frame.columns else value
                raise PatnetInputError(f"{where}: no column {missing!r}", column=missing,
                                       hint=f"Columns are {list(map(str, frame.columns))}")
            frame = frame.reset_index().pivot_table(
                index=frame.index.name or "index", columns=by, values=value, aggfunc="sum",
                sort=False)
            frame.columns = [str(c) for c in frame.columns]
        elif value in frame.columns:
            frame = frame[[value]]
        else:
            numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c].dtype)
                       and not pd.api.types.is_bool_dtype(frame[c].dtype)]
            if not numeric and len(frame.columns):
                raise PatnetInputError(
                    f"{where}: no numeric column to draw",
                    hint=f"Columns are {list(map(str, frame.columns))}")
            frame = frame[numeric]
    else:
        raise PatnetInputError(
            f"{where}: expected a Series, a dict of Series or a DataFrame indexed by year, "
            f"not {type(data).__name__}")
    frame = numeric_frame(frame, list(frame.columns), where)
    if len(frame) == 0:
        return frame
    years = _years(frame.index, where)
    frame.index = years
    if frame.index.has_duplicates:
        raise PatnetInputError(f"{where}: a year appears twice",
                               value=frame.index[frame.index.duplicated()][0],
                               hint="Aggregate by year first, or pass by=<series column>")
    frame = frame.sort_index()
    full = pd.RangeIndex(int(years.min()), int(years.max()) + 1)
    return frame.reindex(full)


def _stage_rows(stages, where) -> list[dict]:
    if stages is None:
        return []
    rows = []
    if isinstance(stages, pd.DataFrame):
        cols = {c.lower() if isinstance(c, str) else c: c for c in stages.columns}

        def pick(options, required=True):
            for o in options:
                if o in cols:
                    return cols[o]
            if required:
                raise PatnetInputError(
                    f"{where}: stages need a column {options[0]!r}", column=options[0],
                    hint=f"Stage tables have columns first_year, last_year, name; "
                         f"got {list(map(str, stages.columns))}")
            return None

        first, last, name = pick(_STAGE_FIRST), pick(_STAGE_LAST), pick(_STAGE_NAME, False)
        for rec in stages.to_dict("records"):
            row = dict(rec)
            row.update(first_year=rec[first], last_year=rec[last],
                       name="" if name is None or pd.isna(rec[name]) else str(rec[name]))
            rows.append(row)
    elif isinstance(stages, Mapping):
        for name, span in stages.items():
            first, last = span
            rows.append({"name": str(name), "first_year": first, "last_year": last})
    else:
        for item in stages:
            item = tuple(item)
            if len(item) not in (2, 3):
                raise PatnetInputError(
                    f"{where}: a stage must be (first_year, last_year, name)", value=item)
            rows.append({"first_year": item[0], "last_year": item[1],
                         "name": str(item[2]) if len(item) == 3 else ""})
    for row in rows:
        for key in ("first_year", "last_year"):
            v = row[key]
            if isinstance(v, bool) or pd.isna(v) or float(v) != int(float(v)):
                raise PatnetInputError(f"{where}: stage {row['name']!r} has {key} {v!r}",
                                       value=v, hint="Years must be whole numbers")
            row[key] = int(float(v))
        if row["first_year"] > row["last_year"]:
            raise PatnetInputError(
                f"{where}: stage {row['name']!r} ends before it starts",
                value=f"{row['first_year']}-{row['last_year']}")
        row["n_years"] = row["last_year"] - row["first_year"] + 1
    return rows


#: How the definitions of :func:`patnet.stats.growth_table` are printed.
GROWTH_NAMES = {"cagr": "CAGR", "mean_yoy": "Mean year-on-year growth",
                "loglinear": "Log-linear trend growth"}


def _growth_from_table(table: pd.DataFrame, where) -> dict:
    """A growth table (index definition; columns value, first_year, last_year) -> dict."""
    if "value" not in table.columns:
        raise PatnetInputError(f"{where}: a growth table needs a column 'value'",
                               hint=f"Columns are {list(map(str, table.columns))}")
    out = {}
    for key, row in table.iterrows():
        name = GROWTH_NAMES.get(str(key), str(key))
        first, last = row.get("first_year"), row.get("last_year")
        if first is not None and last is not None and not pd.isna(first) and not pd.isna(last):
            name = f"{name} {int(first)}–{int(last)}"
        out[name] = row["value"]
    return out


def _growth_lines(growth, fmt, where) -> list[str]:
    if growth is None:
        return []
    if isinstance(growth, pd.DataFrame):
        growth = _growth_from_table(growth, where)
    if isinstance(growth, pd.Series):
        growth = growth.to_dict()
    if not isinstance(growth, Mapping):
        raise PatnetInputError(
            f"{where}: growth must be a dict like {{'CAGR 2001–2017': 0.2058}}, "
            f"not {type(growth).__name__}")

    def show(v):
        try:
            v = float(v)
        except (TypeError, ValueError) as err:
            raise PatnetInputError(f"{where}: growth values must be numbers", value=v) from err
        return fmt.format(v) if math.isfinite(v) else "n/a"

    lines = []
    for name, v in growth.items():
        if isinstance(v, pd.DataFrame):
            v = _growth_from_table(v, where)
        elif isinstance(v, pd.Series):
            v = v.to_dict()
        if isinstance(v, Mapping):
            for inner, w in v.items():
                lines.append(f"{name}, {inner}: {show(w)}")
        else:
            lines.append(f"{name}: {show(v)}")
    return lines


def _year_ticks(ax, first, last):
    span = last - first
    # as many year labels as fit side by side (four digits at 7 pt, a little gap)
    fits = max(2, int(_axes_width_in(ax) * 72 / (4 * 0.62 * 7 + 2)))
    step = next((st for st in (1, 2, 5, 10, 20, 25, 50, 100) if span // st + 1 <= fits), 200)
    start = first if step <= 2 else int(math.ceil(first / step) * step)
    ax.xaxis.set_major_locator(ticker.FixedLocator(np.arange(start, last + 1, step)))
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _p: f"{x:.0f}"))
    if step > 1 and span <= 60:
        ax.xaxis.set_minor_locator(ticker.MultipleLocator(1))


def _count_axis(ax, values, color=None):
    values = np.asarray(values, dtype=float)
    finite = values[np.isfinite(values)]
    hi = float(finite.max()) if finite.size else 1.0
    lo = min(0.0, float(finite.min())) if finite.size else 0.0
    ax.yaxis.set_major_locator(_style.value_locator(all_integral(finite), nbins=5))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _p: _style.format_number(x)))
    ax.set_ylim(lo, (hi if hi > 0 else 1.0) * 1.1)
    if color is not None:
        ax.tick_params(axis="y", colors=color)
        ax.yaxis.label.set_color(color)


def yearly(data, *, stages=None, growth=None, ax=None, secondary=False, kind="line",
           value="patents", by=None, title=None, ylabel=None, stage_note=None,
           growth_format="{:.2%}", colors=None, markers=True):
    """Yearly counts of one or two series, with stages shaded and growth annotated.

    Draws Figures 1–2 of the Belt and Road study: the yearly number of
    cooperation patents of the focal country and of the focal province,
    the province's stages (start-up, volatile growth, rapid growth) as
    shaded spans named above the plot, and growth rates in a small box.

    Parameters
    ----------
    data : Series, dict of Series or DataFrame
        Numbers indexed by year (int, or dates / periods whose year is
        used). A Series is one series (its name is the legend label); a
        dict maps series name -> Series; a DataFrame has the years in a
        ``year`` column or in its index, and either one column per series
        (wide), or a column *value* (one series), or long rows
        ``year | <by> | <value>`` with ``by=``. Years missing inside the range
        are left as gaps (fill them with 0 first if a missing year means no
        patents).
    stages : DataFrame, list of tuples or dict, optional
        Spans to shade: a DataFrame with columns ``first_year, last_year,
        name`` (``start``/``end`` and ``label``/``stage`` also accepted, so
        a :func:`patnet.stats.stages` table works as it is), a list of
        ``(first_year, last_year, name)`` or a dict ``name -> (first, last)``.
    growth : dict, Series or DataFrame, optional
        Rates to print as percentages, e.g. ``{"CAGR 2001–2017": 0.2058}``;
        a nested dict ``{"Jiangsu": {"CAGR": 0.4772}}`` names the series. A
        table of :func:`patnet.stats.growth_table` (index ``definition``,
        columns ``value``, ``first_year``, ``last_year``) prints each
        definition with its years ("CAGR 2001–2017: 20.58%"); select rows
        to print fewer. Dict values may be such tables too.
    ax : matplotlib.axes.Axes, optional
    secondary : bool, default False
        With two series of very different size, draw the second on its own
        right-hand axis (tick labels coloured like its line). The right Axes
        is available as ``ax.right_ax`` (as in pandas).
    kind : {"line", "bar"}, default "line"
        Lines with markers, or bars (series side by side; with *secondary*
        the second series is a line on the right axis).
    value : str, default "patents"
        Column with the numbers in one-series or long DataFrames.
    by : str, optional
        Column naming the series in a long DataFrame.
    title : str, optional
    ylabel : str, optional
        Label of the value axis (default: "Patents"; with *secondary*, each
        axis is labelled with its series name).
    stage_note : str, optional
        Format string for a second line under each stage name, filled with
        the stage's fields (``first_year``, ``last_year``, ``n_years``,
        ``name`` and any column of a stage DataFrame), e.g.
        ``"mean {mean:.2f}/yr"``.
    growth_format : str, default "{:.2%}"
        How a growth rate is printed (0.2058 -> "20.58%").
    colors : list of str, optional
        One colour per series (default: the patnet palette).
    markers : bool, default True
        Mark each year's value on lines.

    Returns
    -------
    matplotlib.axes.Axes
        The (left) Axes.

    Raises
    ------
    PatnetInputError
        For years that are not whole numbers, a year given twice, non-numeric
        values, a stage without years, ``secondary=True`` without exactly two
        series, or an unknown *kind*. No rows give an empty panel that says
        "No data".

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> import patnet as pn
    >>> js = pd.Series([1, 2, 1, 3, 2, 2, 4, 6, 5, 7, 6, 4, 6, 8, 9, 10, 11],
    ...                index=range(2001, 2018), name="Jiangsu")
    >>> stages = [(2001, 2006, "start-up"), (2007, 2013, "volatile growth"),
    ...           (2014, 2017, "rapid growth")]
    >>> ax = pn.plot.yearly(js, stages=stages, growth={"CAGR 2001–2017": 0.1618})
    >>> line = ax.get_lines()[0]
    >>> int(line.get_xdata()[0]), int(line.get_ydata()[-1])
    (2001, 11)
    >>> plt.close(ax.figure)
    """
    where = "yearly"
    if kind not in _KINDS:
        raise PatnetInputError(f"{where}: unknown kind {kind!r}", value=kind,
                               hint=f"Use one of {', '.join(map(repr, _KINDS))}")
    frame = _as_wide(data, value=value, by=by, where=where)
    stage_rows = _stage_rows(stages, where)
    lines = _growth_lines(growth, growth_format, where)
    k = frame.shape[1]
    if secondary and k != 2:
        raise PatnetInputError(f"{where}: secondary=True needs exactly two series, got {k}",
                               hint="Pass two series (e.g. national and focal province)")
    palette = list(colors) if colors is not None else list(_style.PALETTE)

    with _style.style():
        ax, _ = _style.new_axes(ax, _style.FIGSIZES["single"])
        if len(frame) == 0 or k == 0 or frame.isna().all().all():
            _style.no_data(ax)
            if title:
                ax.set_title(title)
            _style.finish(ax)
            return ax
        years = frame.index.to_numpy()
        first, last = int(years.min()), int(years.max())
        if stage_rows:
            first = min(first, min(r["first_year"] for r in stage_rows))
            last = max(last, max(r["last_year"] for r in stage_rows))
        names = [str(c) for c in frame.columns]
        handles = []
        axes_for = [ax] * k
        right = None
        if secondary:
            right = ax.twinx()
            right.spines["right"].set_visible(True)
            right.spines["top"].set_visible(False)
            axes_for = [ax, right]
            ax.right_ax = right
            right.left_ax = ax
        n_bar = (1 if secondary else k) if kind == "bar" else 0
        slot = 0.8 / max(n_bar, 1)
        for j, (col, name) in enumerate(zip(frame.columns, names)):
            target = axes_for[j]
            color = palette[j % len(palette)]
            vals = frame[col].to_numpy(dtype=float)
            as_bar = kind == "bar" and j < n_bar
            if as_bar:
                offset = (j - (n_bar - 1) / 2) * slot
                bars = target.bar(years + offset, np.nan_to_num(vals), width=slot * 0.9,
                                  color=color, label=name, zorder=2)
                handles.append(bars)
            else:
                (line,) = target.plot(years, vals, color=color, label=name, zorder=3,
                                      marker=("o", "s", "^", "D")[j % 4] if markers else None,
                                      markersize=3.2, markeredgewidth=0, clip_on=False)
                handles.append(line)
        # stages: shaded spans, names above the plot area
        label_lines = 0
        if stage_rows:
            blend = transforms.blended_transform_factory(ax.transData, ax.transAxes)
            width_in = _axes_width_in(ax)
            per_year_in = width_in / max(last - first + 1.2, 1)
            for i, row in enumerate(stage_rows):
                lo, hi = row["first_year"] - 0.5, row["last_year"] + 0.5
                ax.axvspan(lo, hi, facecolor=_style.GREY_LIGHT if i % 2 == 0 else "#F7F7F7",
                           edgecolor="none", zorder=0, gid="stage")
                text = row["name"]
                room = row["n_years"] * per_year_in
                max_chars = max(6, int(room / (6.5 * 0.55 / 72)))
                if len(text) > max_chars:
                    text = textwrap.fill(text, max_chars)
                if stage_note:
                    try:
                        note = stage_note.format(**row)
                    except (KeyError, IndexError, ValueError) as err:
                        raise PatnetInputError(
                            f"{where}: stage_note {stage_note!r} cannot be filled from the "
                            f"stage fields {sorted(row)}", value=stage_note) from err
                    text = f"{text}\n{note}" if text else note
                label_lines = max(label_lines, text.count("\n") + 1 if text else 0)
                ax.text((lo + hi) / 2, 1.015, text, transform=blend, ha="center", va="bottom",
                        fontsize=6.5, color=_style.GREY_TEXT, linespacing=1.1, gid="stage")
        ax.set_xlim(first - 0.6, last + 0.6)
        _year_ticks(ax, first, last)
        ax.tick_params(axis="x", which="minor", length=1.5)
        if secondary:
            _count_axis(ax, frame.iloc[:, 0], palette[0])
            _count_axis(right, frame.iloc[:, 1], palette[1 % len(palette)])
            base = ylabel if ylabel is not None else pretty(value)
            ax.set_ylabel(f"{base} ({names[0]})", color=palette[0])
            right.set_ylabel(f"{base} ({names[1]})", color=palette[1 % len(palette)])
        else:
            _count_axis(ax, frame.to_numpy().ravel())
            ax.set_ylabel(ylabel if ylabel is not None else pretty(value))
        if not secondary:  # the two axes' ticks do not line up: no grid then
            _style.grid(ax, "y")
        legend_ax = right if secondary else ax
        if k > 1:
            entries = list(handles)
            labels = list(names)
            for text in lines:
                entries.append(Line2D([], [], linestyle="none", marker=None))
                labels.append(text)
            legend_ax.legend(entries, labels, loc="upper left", frameon=True, framealpha=0.9,
                             edgecolor="none", facecolor="white", borderpad=0.4)
        elif lines:
            box = AnchoredText("\n".join(lines), loc="upper left", frameon=True,
                               prop={"fontsize": 7, "color": "#222222"}, borderpad=0.4,
                               pad=0.3)
            box.set_gid("growth")
            box.patch.set_edgecolor("none")
            box.patch.set_alpha(0.9)
            legend_ax.add_artist(box)
        if k > 1 or lines:
            # headroom so the box in the upper left does not sit on the data
            for a in ([ax, right] if secondary else [ax]):
                lo, hi = a.get_ylim()
                a.set_ylim(lo, lo + (hi - lo) * (1.12 + 0.07 * (len(lines) + (k if k > 1 else 0))))
        if title:
            ax.set_title(title, pad=6 + 8.5 * label_lines)
        _style.finish(ax)
    return ax


def _axes_width_in(ax) -> float:
    fig = _style.root_figure(ax)
    return max(ax.get_position().width * fig.get_size_inches()[0], 0.5)
