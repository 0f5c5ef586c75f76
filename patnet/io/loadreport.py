"""What a loader read, kept, dropped and changed: :class:`LoadReport`."""

from __future__ import annotations

import warnings as _warnings
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from ..exceptions import PatnetWarning

__all__ = ["LoadReport", "DROP_COLUMNS"]

#: Columns of :attr:`LoadReport.dropped`.
DROP_COLUMNS = ["table", "reason", "file", "line", "column", "value", "count"]


@dataclass(eq=False)
class LoadReport:
    """The account of one load: nothing is lost without a line here.

    For every source table ``t``::

        rows_read[t] == rows_loaded[t] + rows_dropped[t]

    where :attr:`rows_dropped` sums the ``count`` column of :attr:`dropped`.
    A row is *dropped* when it is unreadable, an exact duplicate, a
    conflicting duplicate (the first by physical line is kept), an orphan
    (its patent is not in the patent table) or outside a filter the user
    asked for. Rows removed by a filter are summarised in one line per
    reason (``line`` missing, ``count`` = how many); every other drop has one
    line per source row, naming the physical line.

    Attributes
    ----------
    source : str
        What was loaded (folder, file(s) or ``"dataframes"``).
    rows_read, rows_loaded : dict of str to int
        Per source table.
    normalisations : collections.Counter
        ``"table.column: what"`` -> number of values changed (e.g. ids
        restored from a float form, dates in a non-ISO format, placeholders
        such as ``"N/A"`` read as missing).
    warnings : list of str
        Things the user should read; also issued as :class:`PatnetWarning`
        by :meth:`warn`.
    options : dict
        The loader options, for the record.

    Examples
    --------
    >>> from patnet.io import LoadReport
    >>> r = LoadReport("example")
    >>> r.read("patents", 3); r.loaded("patents", 2)
    >>> r.drop("patents", "duplicate row", file="p.csv", line=4, column="patent_id", value="1")
    >>> r.conserved
    True
    >>> r.rows_dropped
    {'patents': 1}
    """

    source: str = ""
    rows_read: dict = field(default_factory=dict)
    rows_loaded: dict = field(default_factory=dict)
    normalisations: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)
    options: dict = field(default_factory=dict)
    _drops: list = field(default_factory=list, repr=False)
    _dropped_cache: pd.DataFrame | None = field(default=None, repr=False)

    # -- recording -----------------------------------------------------
    def read(self, table: str, n: int = 1) -> None:
        """Count ``n`` rows read from ``table``."""
        self.rows_read[table] = self.rows_read.get(table, 0) + int(n)

    def loaded(self, table: str, n: int = 1) -> None:
        """Count ``n`` rows of ``table`` kept in the corpus."""
        self.rows_loaded[table] = self.rows_loaded.get(table, 0) + int(n)

    def drop(self, table, reason, *, file=None, line=None, column=None, value=None, count=1):
        """Record one dropped row (or ``count`` rows summarised in one line)."""
        self._drops.append(
            {"table": table, "reason": reason, "file": None if file is None else str(file),
             "line": line, "column": column, "value": None if value is None else str(value),
             "count": int(count)}
        )
        self._dropped_cache = None

    def drop_frame(self, frame: pd.DataFrame) -> None:
        """Record many dropped rows at once (a frame with :data:`DROP_COLUMNS`)."""
        if len(frame):
            missing = [c for c in DROP_COLUMNS if c not in frame.columns]
            frame = frame.assign(**{c: (1 if c == "count" else None) for c in missing})
            self._drops.append(frame[DROP_COLUMNS].copy())
            self._dropped_cache = None

    def note(self, key: str, n: int = 1) -> None:
        """Count ``n`` values changed by the normalisation ``key``."""
        if n:
            self.normalisations[key] += int(n)

    def warn(self, message: str, *, stacklevel: int = 3) -> None:
        """Record ``message`` and issue it as a :class:`PatnetWarning`."""
        self.warnings.append(message)
        _warnings.warn(message, PatnetWarning, stacklevel=stacklevel)

    def merge(self, other: LoadReport) -> LoadReport:
        """Add the counts, drops, normalisations and warnings of ``other`` to this report.

        The held warnings of a :meth:`deferred` report are issued now.
        """
        for t, n in other.rows_read.items():
            self.read(t, n)
        for t, n in other.rows_loaded.items():
            self.loaded(t, n)
        self._drops.extend(other._drops)
        self._dropped_cache = None
        self.normalisations.update(other.normalisations)
        if isinstance(other, _Deferred):
            for message in other.warnings:
                self.warn(message, stacklevel=4)
        else:
            self.warnings.extend(other.warnings)
        return self

    def deferred(self) -> LoadReport:
        """An empty report for work done on another thread, to :meth:`merge` back.

        Its warnings are held, not issued, until it is merged: merging the
        reports of several threads in a fixed order gives the same report
        (and the same warnings, in the same order) whichever finished first.

        Examples
        --------
        >>> import warnings
        >>> from patnet.io import LoadReport
        >>> r = LoadReport("example")
        >>> sub = r.deferred()
        >>> with warnings.catch_warnings(record=True) as seen:
        ...     warnings.simplefilter("always")
        ...     sub.warn("3 rows repeat a key")
        ...     held = len(seen)
        ...     _ = r.merge(sub)
        >>> held, len(seen), r.warnings
        (0, 1, ['3 rows repeat a key'])
        """
        return _Deferred(self.source)

    # -- reading -------------------------------------------------------
    @property
    def dropped(self) -> pd.DataFrame:
        """Every drop: ``table, reason, file, line, column, value, count``."""
        if self._dropped_cache is None:
            parts = [p if isinstance(p, pd.DataFrame) else pd.DataFrame([p]) for p in self._drops]
            parts = [p for p in parts if len(p)]
            if parts:
                df = pd.concat(parts, ignore_index=True)
            else:
                df = pd.DataFrame({c: [] for c in DROP_COLUMNS})
            df = df[DROP_COLUMNS].astype(
                {"table": "string", "reason": "string", "file": "string", "line": "Int64",
                 "column": "string", "value": "string", "count": "int64"}
            )
            self._drops = [df] if len(df) else []
            self._dropped_cache = df
        return self._dropped_cache

    @property
    def rows_dropped(self) -> dict:
        """Rows dropped per table (sum of ``count``)."""
        d = self.dropped
        if not len(d):
            return {}
        return {str(k): int(v) for k, v in d.groupby("table", sort=True)["count"].sum().items()}

    @property
    def tables(self) -> list:
        """Every table the report has counted."""
        return sorted(set(self.rows_read) | set(self.rows_loaded) | set(self.rows_dropped))

    @property
    def conserved(self) -> bool:
        """Whether ``rows_read == rows_loaded + rows_dropped`` for every table."""
        dropped = self.rows_dropped
        return all(
            self.rows_read.get(t, 0) == self.rows_loaded.get(t, 0) + dropped.get(t, 0)
            for t in self.tables
        )

    def check(self) -> LoadReport:
        """Raise ``AssertionError`` naming the table if conservation fails; return self."""
        dropped = self.rows_dropped
        for t in self.tables:
            r, l, d = self.rows_read.get(t, 0), self.rows_loaded.get(t, 0), dropped.get(t, 0)
            if r != l + d:
                raise AssertionError(
                    f"load report of {self.source!r} does not add up for table {t!r}: "
                    f"read {r} != loaded {l} + dropped {d}"
                )
        return self

    def summary(self) -> pd.DataFrame:
        """One row per table: ``rows_read, rows_loaded, rows_dropped``."""
        dropped = self.rows_dropped
        rows = [
            {"table": t, "rows_read": self.rows_read.get(t, 0),
             "rows_loaded": self.rows_loaded.get(t, 0), "rows_dropped": dropped.get(t, 0)}
            for t in self.tables
        ]
        return pd.DataFrame(rows, columns=["table", "rows_read", "rows_loaded", "rows_dropped"]).set_index("table")

    def __str__(self) -> str:
        lines = [f"LoadReport of {self.source}"]
        summ = self.summary()
        if len(summ):
            lines.append(summ.to_string())
        d = self.dropped
        if len(d):
            lines.append("dropped, by reason:")
            by = d.groupby(["table", "reason"], sort=True)["count"].sum()
            for (t, reason), n in by.items():
                lines.append(f"  {t}: {reason}: {n}")
        if self.normalisations:
            lines.append("normalised values:")
            for k, n in sorted(self.normalisations.items()):
                lines.append(f"  {k}: {n}")
        for w in self.warnings:
            lines.append(f"warning: {w}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        import html

        return "<pre>" + html.escape(str(self)) + "</pre>"


class _Deferred(LoadReport):
    """A :class:`LoadReport` whose warnings wait for :meth:`LoadReport.merge`."""

    def warn(self, message: str, *, stacklevel: int = 3) -> None:
        self.warnings.append(message)
