"""Time slices: one graph per period, all on the same node universe.

Examples
--------
>>> import patnet as pn
>>> from patnet.testing import make_corpus
>>> c = make_corpus({"1": [{"country": "CN", "province": "CN-JS"}, "SG"],
...                  "2": [{"country": "CN", "province": "CN-BJ"}, "IN"]},
...                 years={"1": 2005, "2": 2015})
>>> gs = pn.build.slices(c, pn.build.geo_graph, periods={"early": (2001, 2010),
...                                                      "late": (2011, 2018)})
>>> list(gs)
['early', 'late']
>>> list(gs["early"].nodes) == list(gs["late"].nodes)   # same universe
True
>>> gs["late"].nodes["province:CN-JS"]["n_patents"], gs["late"].degree("province:CN-JS")
(0, 0)
"""

from __future__ import annotations

import warnings

import pandas as pd

from ..corpus import PatentCorpus
from ..exceptions import PatnetInputError, PatnetWarning
from .graphs import COUNT_ATTRIBUTES, _extra_nodes, _scalar, graph
from ._levels import static_nodes

__all__ = ["slices", "windows", "periods_table"]

_LABEL_COLUMNS = ("stage", "label", "period", "name")


def windows(first: int, last: int, *, size: int, step: int | None = None) -> list[tuple[int, int]]:
    """Year windows ``(start, end)`` (inclusive) of ``size`` years every ``step`` years.

    ``step=size`` (the default) gives fixed, non-overlapping windows (the
    last one may be shorter); ``step < size`` gives sliding windows, which
    all have the full size.

    Examples
    --------
    >>> from patnet.build import windows
    >>> windows(2001, 2010, size=4)
    [(2001, 2004), (2005, 2008), (2009, 2010)]
    >>> windows(2001, 2005, size=3, step=1)
    [(2001, 2003), (2002, 2004), (2003, 2005)]
    """
    first, last, size = int(first), int(last), int(size)
    step = size if step is None else int(step)
    if size < 1 or step < 1:
        raise PatnetInputError(f"window size and step must be positive, got size={size}, step={step}")
    if last < first:
        raise PatnetInputError(f"empty year range {first}-{last}")
    out: list[tuple[int, int]] = []
    start = first
    while start <= last:
        end = start + size - 1
        if end > last:
            if step < size and out:
                break
            end = last
        out.append((start, end))
        start += step
    return out


def _label(start, end):
    return str(start) if start == end else f"{start}-{end}"


def periods_table(periods, *, first=None, last=None) -> pd.DataFrame:
    """Normalise a periods specification to a table with ``period, start, end``.

    Parameters
    ----------
    periods : "year", list of (start, end), dict or DataFrame
        ``"year"``: one period per year from ``first`` to ``last``; a list
        of ``(start, end)`` year pairs (inclusive; labelled ``"2001-2006"``);
        a dict ``label -> (start, end)`` (e.g. the stages of a study); or a
        DataFrame with ``start`` and ``end`` columns and a label in
        ``stage``, ``label``, ``period`` or ``name`` (else its index).

    Examples
    --------
    >>> from patnet.build import periods_table
    >>> periods_table({"start-up": (2001, 2006), "rapid growth": (2014, 2017)})
             period  start   end
    0      start-up   2001  2006
    1  rapid growth   2014  2017
    """
    if isinstance(periods, str):
        if periods != "year":
            raise PatnetInputError(f"unknown periods={periods!r}",
                                   hint="Use 'year', a list of (start, end), a dict or a DataFrame")
        if first is None or last is None:
            raise PatnetInputError("periods='year' needs a year span (the corpus has no years)")
        rows = [(str(y), y, y) for y in range(int(first), int(last) + 1)]
    elif isinstance(periods, pd.DataFrame):
        missing = [c for c in ("start", "end") if c not in periods.columns]
        if missing:
            raise PatnetInputError(f"periods table lacks column {missing[0]!r}",
                                   hint="Give columns start, end and a label (stage/label/period)")
        col = next((c for c in _LABEL_COLUMNS if c in periods.columns), None)
        labels = periods[col] if col else periods.index
        rows = [(str(lab), s, e) for lab, s, e in zip(labels, periods["start"], periods["end"])]
    elif isinstance(periods, dict):
        rows = []
        for lab, pair in periods.items():
            s, e = _pair(pair)
            rows.append((str(lab), s, e))
    else:
        rows = []
        for pair in periods:
            s, e = _pair(pair)
            rows.append((_label(s, e), s, e))
    out = []
    for lab, s, e in rows:
        try:
            s, e = int(s), int(e)
        except (TypeError, ValueError):
            raise PatnetInputError(f"period {lab!r} has non-integer years ({s!r}, {e!r})") from None
        if e < s:
            raise PatnetInputError(f"period {lab!r} ends ({e}) before it starts ({s})")
        out.append((lab, s, e))
    table = pd.DataFrame(out, columns=["period", "start", "end"])
    if table["period"].duplicated().any():
        dup = table.loc[table["period"].duplicated(), "period"].iloc[0]
        raise PatnetInputError(f"period label {dup!r} is used twice")
    if not len(table):
        raise PatnetInputError("no periods given")
    return table


def _pair(pair):
    if isinstance(pair, (int,)) or not hasattr(pair, "__len__") or len(pair) != 2:
        raise PatnetInputError(f"a period is a (start, end) pair of years, got {pair!r}")
    return pair[0], pair[1]


def _subset(corpus: PatentCorpus, start: int, end: int) -> PatentCorpus:
    with warnings.catch_warnings():
        # patents without a year are counted in G.graph["patents_without_year"]
        warnings.simplefilter("ignore", PatnetWarning)
        return corpus.filter_years(start, end)


def slices(corpus, builder=None, periods=None, *, window=None, step=None, first=None, last=None,
           nodes=None, **options) -> dict:
    """One graph per period, every slice on the same node universe.

    Parameters
    ----------
    corpus : PatentCorpus
    builder : callable or str
        A builder such as :func:`~patnet.build.geo_graph`,
        :func:`~patnet.build.org_graph` (any function ``corpus, **options
        -> networkx.Graph``), or a level name for :func:`~patnet.build.graph`.
    periods : "year", list of (start, end), dict or DataFrame, optional
        See :func:`periods_table`: yearly slices, fixed periods, or named
        stages (``{"start-up": (2001, 2006), ...}``). Years are the corpus's
        ``year`` (its date basis); both ends are included.
    window, step : int, optional
        Instead of ``periods``: windows of ``window`` years every ``step``
        years (default ``step=window``, fixed windows; smaller steps slide),
        over ``first``..``last`` (default: the corpus's year span).
    nodes : list of str, "provinces" or Graph, optional
        Nodes every slice must have besides the whole-corpus graph's.
    **options
        Passed to the builder.

    Returns
    -------
    dict
        ``period label -> networkx.Graph``, in period order. The node
        universe is the union of the nodes of the builder's graph on the
        whole corpus, of every slice and of ``nodes``; each slice lists
        all of them, in sorted order. A node absent from a period (a
        province with no cooperation then) is an isolate whose attributes
        are those of the whole-corpus graph with ``n_patents``,
        ``fractional_count`` and ``internal_patents`` set to 0. Each
        ``G.graph`` adds ``period``, ``start``, ``end``, ``universe_size``
        and ``patents_without_year`` (patents of the corpus no period can
        hold). :func:`~patnet.build.edge_patents` works on every slice.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN", "SG"], "2": ["CN", "IN"], "3": ["CN", "SG"]},
    ...                 years={"1": 2001, "2": 2002, "3": 2003})
    >>> gs = pn.build.slices(c, "country", window=2, step=1)
    >>> {k: g.number_of_edges() for k, g in gs.items()}
    {'2001-2002': 2, '2002-2003': 2}
    >>> gs["2001-2002"].graph["start"], gs["2001-2002"].graph["level"]
    (2001, 'country')
    """
    if not isinstance(corpus, PatentCorpus):
        raise PatnetInputError(f"expected a PatentCorpus, got {type(corpus).__name__}")
    if builder is None:
        raise PatnetInputError("slices() needs a builder",
                               hint="Pass e.g. patnet.build.geo_graph or a level name")
    if isinstance(builder, str):
        level = builder

        def build(c, **kw):
            return graph(c, level, **kw)

        name = f"graph({level!r})"
    elif callable(builder):
        build = builder
        name = getattr(builder, "__name__", type(builder).__name__)
    else:
        raise PatnetInputError(f"builder must be a function or a level name, got {builder!r}")
    span = corpus.year_span
    lo = span[0] if first is None else first
    hi = span[1] if last is None else last
    if window is not None:
        if periods is not None:
            raise PatnetInputError("give either periods= or window=, not both")
        if lo is None:
            raise PatnetInputError("the corpus has no years to cut into windows")
        table = periods_table(windows(lo, hi, size=window, step=step))
    elif periods is not None:
        table = periods_table(periods, first=lo, last=hi)
    else:
        raise PatnetInputError("slices() needs periods= or window=",
                               hint="e.g. periods='year', periods=[(2001, 2006), (2007, 2013)], "
                                    "or window=3, step=1")
    without_year = int(corpus.patents.drop_duplicates("patent_id")["year"].isna().sum())

    whole = build(corpus, **options)
    parts = [build(_subset(corpus, s, e), **options) for s, e in zip(table["start"], table["end"])]
    universe = dict.fromkeys(whole.nodes)
    for g in parts:
        universe.update(dict.fromkeys(g.nodes))
    focal = whole.graph.get("focal", "CN")
    group = options.get("group", "bri")
    extra = [n for n in _extra_nodes(nodes, focal) if n not in universe]
    extra_attrs = static_nodes(extra, focal=focal, group=group) if extra else None
    universe.update(dict.fromkeys(extra))
    order = sorted(universe, key=str)

    out = {}
    for (label, s, e), g in zip(table.itertuples(index=False), parts):
        H = g.__class__()
        H.graph.update(g.graph)
        H.graph.update({"period": label, "start": int(s), "end": int(e),
                        "universe_size": len(order), "patents_without_year": without_year,
                        "slice_builder": name})
        for n in order:
            if n in g:
                attrs = g.nodes[n]
            elif n in whole:
                attrs = {k: (0.0 if k == "fractional_count" else 0) if k in COUNT_ATTRIBUTES else v
                         for k, v in whole.nodes[n].items()}
            else:
                attrs = dict(extra_attrs.loc[n]) if extra_attrs is not None and n in extra_attrs.index \
                    else {}
                attrs.update({k: (0.0 if k == "fractional_count" else 0) for k in COUNT_ATTRIBUTES})
            H.add_node(n, **attrs)
        H.add_edges_from(g.edges(data=True))
        H.graph = {k: (v if k.startswith("_") else _scalar(v)) for k, v in H.graph.items()}
        out[label] = H
    return out
