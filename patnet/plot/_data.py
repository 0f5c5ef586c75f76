"""Turning the tidy tables the plotting functions accept into plain arrays."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..exceptions import PatnetInputError


#: How a missing unit (a patent without a province, say) is labelled.
MISSING_LABEL = "(unknown)"


def pretty(name) -> str:
    """``"patents"`` -> ``"Patents"``, ``"n_links"`` -> ``"N links"``."""
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _numeric(values: pd.Series, what: str, where: str) -> pd.Series:
    if isinstance(values.dtype, pd.CategoricalDtype) or not (
            pd.api.types.is_numeric_dtype(values.dtype) or values.dtype == object):
        raise PatnetInputError(f"{where}: column {what!r} must be numeric, not {values.dtype}",
                               column=what)
    if pd.api.types.is_bool_dtype(values.dtype):
        raise PatnetInputError(f"{where}: column {what!r} must be numeric, not boolean",
                               column=what)
    try:
        out = pd.to_numeric(values, errors="raise").astype("float64")
    except (TypeError, ValueError) as err:
        bad = [v for v in values if not isinstance(v, (int, float, np.number)) and not pd.isna(v)]
        raise PatnetInputError(f"{where}: column {what!r} must be numeric", column=what,
                               value=bad[0] if bad else None) from err
    return out


def unit_values(counts, *, label, value, where) -> pd.Series:
    """One number per unit, as a float Series indexed by the unit (as str).

    *counts* is a DataFrame whose units are the column *label* or (when
    *label* is None and there is no single text column) its index, or a
    Series indexed by unit.
    """
    if isinstance(counts, pd.Series):
        series = counts
        units = series.index
        value_name = series.name if series.name is not None else value
    elif isinstance(counts, pd.DataFrame):
        if value not in counts.columns:
            raise PatnetInputError(
                f"{where}: no column {value!r}", column=value,
                hint=f"Columns are {list(map(str, counts.columns))}; pass value=<the count column>")
        if label is not None:
            if label in counts.columns:
                units = pd.Index(counts[label])
            elif label in (counts.index.names or []):
                units = counts.index.get_level_values(label)
            else:
                raise PatnetInputError(
                    f"{where}: no column or index level {label!r}", column=label,
                    hint=f"Columns are {list(map(str, counts.columns))}")
        else:
            # the index when it names the units (named, or text); else the only text
            # column (a filtered table keeps an unnamed integer index: not units)
            others = [c for c in counts.columns if c != value
                      and not pd.api.types.is_numeric_dtype(counts[c].dtype)
                      and not pd.api.types.is_bool_dtype(counts[c].dtype)]
            index = counts.index
            if index.nlevels > 1:
                raise PatnetInputError(
                    f"{where}: the index has {index.nlevels} levels",
                    hint="Pass label=<level or column that names the units>")
            meaningful = index.name is not None or not (
                pd.api.types.is_integer_dtype(index.dtype) or isinstance(index, pd.RangeIndex))
            if meaningful:
                units = index
            elif len(others) == 1:
                units = pd.Index(counts[others[0]])
            elif not others:
                units = index
            else:
                raise PatnetInputError(
                    f"{where}: cannot tell which column names the units "
                    f"(text columns: {list(map(str, others))})",
                    hint="Pass label=<column>, or put the units in the index")
        series = counts[value]
        value_name = value
    else:
        raise PatnetInputError(
            f"{where}: expected a pandas DataFrame or Series, not {type(counts).__name__}")
    values = _numeric(pd.Series(np.asarray(series, dtype=object)), str(value_name), where)
    keys = [MISSING_LABEL if pd.isna(u) else str(u) for u in units]
    out = pd.Series(values.to_numpy(), index=pd.Index(keys, dtype=object), name=value_name)
    missing = out.index[out.isna().to_numpy()]
    if len(missing):
        raise PatnetInputError(
            f"{where}: {len(missing)} missing value(s) in {value_name!r}",
            value=", ".join(missing[:5]),
            hint="Fill them (e.g. .fillna(0) when missing means none) or drop those rows")
    dup = out.index[out.index.duplicated()]
    if len(dup):
        raise PatnetInputError(
            f"{where}: units appear more than once", value=", ".join(pd.unique(dup)[:5]),
            hint="Aggregate first, e.g. counts.groupby(<unit>)[<value>].sum()")
    return out


def numeric_frame(frame: pd.DataFrame, columns, where) -> pd.DataFrame:
    """The *columns* of *frame* as float64, checked."""
    out = {}
    for c in columns:
        col = _numeric(frame[c], str(c), where)
        out[c] = col.to_numpy()
    result = pd.DataFrame(out, index=frame.index, columns=list(columns))
    result.columns.name = frame.columns.name
    return result


def attrs_labels(obj):
    """The ``attrs["labels"]`` mapping of a patnet statistics table, if any."""
    labels = getattr(obj, "attrs", {}).get("labels")
    return labels if isinstance(labels, Mapping) else None


def all_integral(values) -> bool:
    arr = np.asarray(values, dtype=float)
    arr = arr[np.isfinite(arr)]
    return bool(arr.size) and bool(np.all(np.mod(arr, 1) == 0))
