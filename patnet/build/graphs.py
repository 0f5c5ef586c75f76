"""Named co-invention graphs: geography, organisations, sectors, inventors, two-mode.

Every builder returns a :class:`networkx.Graph` built in sorted order, with

node attributes (every node has all of them; ``""`` where not applicable)
    ``label`` (readable name), ``kind`` (``"province"``, ``"country"``,
    ``"region"``, ``"inventor"``, ``"org"``, ``"sector"``, ``"field"``),
    ``country`` (ISO alpha-2; a province's is ``"CN"``), ``province``
    (ISO 3166-2:CN), ``region`` (region of the node's country in
    ``group``), ``sector``, ``n_patents`` (patents on which the unit
    appears, full counting), ``fractional_count`` (each patent's link rows
    kept at the level share one patent: two Beijing inventors of three give
    Beijing 2/3; the counts of all units sum to ``G.graph["n_patents_linked"]``) and
    ``internal_patents`` (patents with at least two link rows of the unit:
    a province co-inventing with itself);

edge attributes
    ``weight`` (what the ``counting`` and ``normalize`` options say;
    ``G.graph["weight_definition"]`` spells it out), ``n_patents`` (patents
    on which both ends appear), ``link_weight`` (the weight before
    normalisation; only when ``normalize`` is set) and, in organisation
    graphs, ``sector_pair`` (e.g. ``"firm|university"``);

graph attributes (``G.graph``)
    every build parameter and what was read and left out (see
    :data:`GRAPH_KEYS`); public values are str, int, float or bool only
    (``None`` is recorded as ``"none"``), so exporters can write them.
    One private entry, ``G.graph["_provenance"]``, holds the
    :class:`~patnet.build.Incidence` the graph was projected from, so that
    :func:`edge_patents` can say which patents made an edge; exporters and
    :func:`~patnet.build.to_igraph` drop entries whose key starts with
    ``"_"``.

Examples
--------
>>> import patnet as pn
>>> from patnet.testing import make_corpus
>>> toy = make_corpus({
...     "P1": [{"country": "CN", "province": p} for p in ("CN-BJ", "CN-BJ", "CN-SH")],
...     "P2": [{"country": "CN", "province": p} for p in ("CN-BJ", "CN-GD")],
...     "P3": [{"country": "CN", "province": p} for p in ("CN-SH", "CN-GD", "CN-JS", "CN-JS")],
...     "P4": [{"country": "CN", "province": "CN-BJ"}]})
>>> G = pn.build.geo_graph(toy, level="province")
>>> list(G.nodes)
['province:CN-BJ', 'province:CN-GD', 'province:CN-JS', 'province:CN-SH']
>>> G.nodes["province:CN-BJ"]["label"], G.nodes["province:CN-BJ"]["n_patents"]
('Beijing', 3)
>>> round(G.nodes["province:CN-BJ"]["fractional_count"], 4)
2.1667
>>> G.has_edge("province:CN-BJ", "province:CN-JS")
False
>>> pn.build.edge_patents(G, "province:CN-SH", "province:CN-GD")
['P3']
"""

from __future__ import annotations

import itertools

import numpy as np
import networkx as nx
import pandas as pd
import scipy.sparse as sp

from .. import __version__, schema
from .._fast import gc_paused, kept_memory
from .._progress import LARGE_ROWS, Stages, wanted
from ..corpus import PatentCorpus
from ..schema import did_you_mean
from ..exceptions import PatnetInputError
from ._levels import (
    MAINLAND_PROVINCES, NODE_COLUMNS, TIES, check_choice, level_incidence,
    resolve_partners, static_nodes,
)
from .incidence import (
    Incidence, _csr, _projections, fractional_counts, internal_counts, occurrences, project,
    split_node, units_per_patent,
)
from .weights import (
    check_counting, check_normalization, describe_weight, normalized_values, top_k_mask,
)

__all__ = [
    "NODE_ATTRIBUTES",
    "COUNT_ATTRIBUTES",
    "EDGE_ATTRIBUTES",
    "GRAPH_KEYS",
    "SECTOR_ORDER",
    "graph",
    "geo_graph",
    "org_graph",
    "inventor_graph",
    "sector_matrix",
    "sector_combinations",
    "bipartite",
    "edge_patents",
    "node_patents",
]

#: Attributes of every node of a one-mode graph, in order.
NODE_ATTRIBUTES = NODE_COLUMNS + ("n_patents", "fractional_count", "internal_patents")
#: The node attributes that count patents (zero for a node absent from a time slice).
COUNT_ATTRIBUTES = ("n_patents", "fractional_count", "internal_patents")
#: Attributes of every edge (``link_weight`` only when normalised, ``sector_pair`` in org graphs).
EDGE_ATTRIBUTES = ("weight", "n_patents", "link_weight", "sector_pair")
#: Sectors in the order of tables and ``sector_pair`` labels.
SECTOR_ORDER = schema.SECTORS
#: Rows of the corpus's largest link table from which the one-mode builders show a
#: progress bar by default (``progress=None``): about 1.5 s for an inventor graph here.
PROGRESS_ROWS = LARGE_ROWS

#: Keys of ``G.graph`` written by every one-mode builder (others depend on the level:
#: ``table``, ``focal``, ``group``, ``unresolved``, ``outside``, ``key``, ``ties``,
#: ``include_unknown``, ``field_level``, ``scheme``, ``main_only``, ``partners``,
#: ``restrict``, ``sectors``, ``rows_unresolved``, ``rows_dropped_<reason>``, ...).
GRAPH_KEYS = (
    "builder", "level", "counting", "normalize", "self_loops", "min_weight", "top_k",
    "weight_definition", "n_patents", "n_patents_linked", "n_patents_multi", "rows_read",
    "rows_used", "rows_dropped", "extra_nodes", "nodes_added", "patnet_version",
)


def _scalar(value):
    """An exportable graph attribute value: str, int, float or bool."""
    if value is None:
        return "none"
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(map(str, sorted(value) if isinstance(value, (set, frozenset)) else value))
    return str(value)


def _extra_nodes(nodes, focal):
    if nodes is None:
        return []
    if isinstance(nodes, str):
        if nodes == "provinces":
            return [f"province:{p}" for p in MAINLAND_PROVINCES]
        raise PatnetInputError(f"unknown nodes={nodes!r}",
                               hint="Pass 'provinces' (the 31 mainland provinces) or a list of "
                                    "node ids such as ['province:CN-XZ', 'country:SG']")
    if isinstance(nodes, nx.Graph):
        return list(nodes.nodes)
    out = [str(n) for n in nodes]
    for n in out:
        split_node(n)  # raises for ids without a namespace
    return out


def _entries(W):
    """Row, column and value arrays of a canonical CSR matrix, in row-major order."""
    W = sp.csr_array(W)
    W.sort_indices()
    r = np.repeat(np.arange(W.shape[0], dtype=np.int64), np.diff(W.indptr))
    return r, W.indices.astype(np.int64), W.data, W


#: What the one-mode builders return: ``"networkx"`` (default) or ``"igraph"``.
OUTPUTS = ("networkx", "igraph")


def check_output(output):
    """Validate an ``output=`` option."""
    if output not in OUTPUTS:
        raise PatnetInputError(f"unknown output={output!r}{did_you_mean(str(output), OUTPUTS)}",
                               hint="Use output='networkx' (default) or output='igraph' (fast "
                                    "on graphs of millions of edges)")
    return output


#: Edges turned into Python pairs at a time when building ``output="igraph"`` graphs (they
#: reach igraph in one call, streamed).
IGRAPH_EDGE_CHUNK = 1 << 20


#: Columns shorter than this are converted to Python lists as they are (see :func:`_py_list`).
SHARE_VALUES_FROM = 1 << 16


def _py_list(values) -> list:
    """``values.tolist()``, but with one Python object per distinct value when most values
    repeat one another.

    Node and edge attributes are Python lists (in networkx's dictionaries and in igraph
    alike), and a list made by ``tolist`` holds an object of its own for every value: 30-60
    bytes for each of tens of millions of edges weighing ``1.0`` or nodes of kind
    ``"inventor"``. The values are equal either way; only their number differs.

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.build.graphs import _py_list
    >>> _py_list(pd.Series(["CN", None, "CN"], dtype="string"))
    ['CN', <NA>, 'CN']
    """
    s = pd.Series(values, copy=False)
    if len(s) < SHARE_VALUES_FROM or s.dtype == bool:
        return s.tolist()
    if s.dtype.kind in "iu" and s.min() >= -5 and s.max() <= 256:
        return s.tolist()  # Python has one object for each of these already
    step = len(s) // 4096
    if step > 1:  # a sample that is mostly distinct (names, ids): the column is, too
        sample = s.iloc[::step]
        if sample.nunique(dropna=False) * 2 > len(sample):
            return s.tolist()
    codes, uniques = pd.factorize(s)
    if len(uniques) * 4 > len(s):  # mostly distinct: nothing to share
        return s.tolist()
    pool = np.empty(len(uniques) + 1, dtype=object)
    pool[:-1] = pd.Series(uniques, dtype=s.dtype).tolist()
    missing = codes < 0
    pool[-1] = s[missing].iloc[:1].tolist()[0] if missing.any() else None  # code -1: the last
    return pool[codes].tolist()


def _igraph_output(ids, table, unit_ids, er, ec, cols, attrs):
    """The same graph as an :class:`igraph.Graph`: vertex ``name`` = node id, in node order,
    edges in the networkx graph's edge order, every node, edge and graph attribute."""
    import igraph as ig

    # vertex of each unit code (units are looked up once, not once per edge end)
    if len(ids) == len(unit_ids) and np.array_equal(np.asarray(ids, dtype=object),
                                                    np.asarray(unit_ids, dtype=object)):
        vertex = np.arange(len(ids), dtype=np.int64)
    else:
        vertex = pd.Index(ids).get_indexer(unit_ids)
    src, dst = vertex[er], vertex[ec]
    g = ig.Graph(n=len(ids), directed=False)
    # igraph reads Python int pairs (a NumPy array goes through Python lists too), and it
    # re-indexes all its edges on every add_edges call: the pairs are streamed into one call,
    # made a chunk at a time (a list of all pairs would take about 120 bytes an edge)
    pairs = itertools.chain.from_iterable(
        zip(src[a:a + IGRAPH_EDGE_CHUNK].tolist(), dst[a:a + IGRAPH_EDGE_CHUNK].tolist())
        for a in range(0, len(src), IGRAPH_EDGE_CHUNK))
    with gc_paused():  # tens of millions of short-lived pairs: nothing cyclic to collect
        g.add_edges(pairs)
    del src, dst
    g.vs["name"] = ids
    for col in NODE_ATTRIBUTES:
        g.vs[col] = _py_list(table[col])
    for k, v in cols.items():
        g.es[k] = _py_list(v)
    for k, v in attrs.items():
        g[k] = v
    return g


def _edge_arrays(B, n_units, occ, internal, *, counting, normalize, self_loops, min_weight,
                 top_k, node_keep, edge_keep, edge_extra):
    """The graph's edges (upper triangle, row-major) and their attribute columns."""
    projected = _projections(B, ("full",) if counting == "full" else ("full", counting))
    r, c, full, F = _entries(projected[0])
    if counting == "full":
        link = full
    else:
        r2, c2, link, W = _entries(projected[1])
        if not (np.array_equal(F.indptr, W.indptr) and np.array_equal(F.indices, W.indices)):
            raise AssertionError("projections under two countings differ in pattern")  # pragma: no cover
    value = link if normalize is None else normalized_values(normalize, r, c, link, n_units, occ)

    keep = np.ones(len(r), dtype=bool)
    if node_keep is not None:
        keep &= node_keep[r] & node_keep[c]
    if edge_keep is not None:
        keep &= edge_keep(r, c)
    if min_weight is not None:
        keep &= value >= float(min_weight)
    if top_k is not None:
        sub = np.flatnonzero(keep)
        mask = top_k_mask(r[sub], c[sub], value[sub], n_units, top_k)
        keep[:] = False
        keep[sub[mask]] = True
    upper = keep & (r < c)
    er, ec = r[upper], c[upper]
    cols = {"weight": value[upper], "n_patents": full[upper].astype(np.int64)}
    if normalize is not None:
        cols["link_weight"] = link[upper]
    if self_loops:
        loops = np.flatnonzero(internal > 0)
        if node_keep is not None:
            loops = loops[node_keep[loops]]
        er = np.concatenate([er, loops])
        ec = np.concatenate([ec, loops])
        order = np.lexsort((ec, er))
        er, ec = er[order], ec[order]
        for k in cols:
            add = internal[loops].astype(cols[k].dtype)
            cols[k] = np.concatenate([cols[k], add])[order]
    if edge_extra is not None:
        cols.update(edge_extra(er, ec))
    return er, ec, cols


def _stages(corpus, what: str, progress) -> Stages:
    """The progress bar of a one-mode build, at its first stage (units; then projection and
    graph, from :func:`_assemble`). Shown by default from :data:`PROGRESS_ROWS`."""
    rows = (max(len(corpus.inventors), len(corpus.applicants), len(corpus.classes))
            if isinstance(corpus, PatentCorpus) else 0)  # not a corpus: level_incidence says so
    bar = Stages(what, ["units", "projection", "graph"],
                 show=wanted(progress, size=rows, threshold=PROGRESS_ROWS))
    bar.stage("units")
    return bar


def check_options(counting, normalize, min_weight, output, self_loops=False) -> None:
    """Refuse, before any work, a graph's options that do not go together (shared by the
    builders and :func:`patnet.outofcore.graph`)."""
    check_counting(counting)
    check_output(output)
    check_normalization(normalize, counting)
    if self_loops and (counting != "full" or normalize is not None):
        raise PatnetInputError(
            "self-loops count patents with two link rows of the same unit; they need "
            "counting='full' and no normalisation",
            hint="Leave self_loops=False: the count is kept as the node attribute "
                 "'internal_patents' whatever the counting")
    if min_weight is not None and not np.isfinite(float(min_weight)):
        raise PatnetInputError(f"min_weight must be a number, got {min_weight!r}")


def _assemble(inc: Incidence, *, builder, counting="full", normalize=None, self_loops=False,
              min_weight=None, top_k=None, nodes=None, node_keep=None, edge_keep=None,
              edge_extra=None, graph_extra=None, focal="CN", group="bri", output="networkx",
              bar=None):
    check_options(counting, normalize, min_weight, output, self_loops)
    B = _csr(inc.matrix)  # canonical once: the counts below take it as it is
    n_units = B.shape[1]
    occ = occurrences(B)
    frac = fractional_counts(B)
    internal = internal_counts(B)
    if bar is not None:
        bar.stage("projection")

    # the edges' arrays only: the projections and their entries, as long as the graph has
    # edges and held twice under fractional counting, are freed before the graph is built
    er, ec, cols = _edge_arrays(B, n_units, occ, internal, counting=counting,
                                normalize=normalize, self_loops=self_loops,
                                min_weight=min_weight, top_k=top_k, node_keep=node_keep,
                                edge_keep=edge_keep, edge_extra=edge_extra)

    # nodes: the units (restricted) plus requested isolates, in sorted id order
    unit_ids = inc.units
    keep_nodes = np.ones(n_units, dtype=bool) if node_keep is None else node_keep
    assert inc.nodes is not None  # level_incidence always gives the node table
    table = inc.nodes[list(NODE_COLUMNS)].iloc[np.flatnonzero(keep_nodes)].copy()
    table["n_patents"] = occ[keep_nodes]
    table["fractional_count"] = frac[keep_nodes]
    table["internal_patents"] = internal[keep_nodes]
    extra = [n for n in dict.fromkeys(_extra_nodes(nodes, focal)) if n not in inc.unit_index]
    if extra:
        add = static_nodes(extra, focal=focal, group=group)
        add["n_patents"] = 0
        add["fractional_count"] = 0.0
        add["internal_patents"] = 0
        table = pd.concat([table, add[table.columns]])
        table = table.iloc[np.argsort(table.index.to_numpy(dtype=str), kind="stable")]

    info = dict(inc.info)
    level = info.pop("level", "links")
    attrs = {"builder": builder, "level": level}
    attrs.update({"counting": counting, "normalize": normalize, "self_loops": bool(self_loops),
                  "min_weight": min_weight, "top_k": top_k})
    attrs.update(graph_extra or {})
    attrs.update(info)
    attrs["weight_definition"] = describe_weight(counting, normalize)
    attrs["n_patents_multi"] = int((units_per_patent(B) >= 2).sum())
    attrs["extra_nodes"] = ("none" if nodes is None else nodes if isinstance(nodes, str)
                            else "graph" if isinstance(nodes, nx.Graph) else "list")
    attrs["nodes_added"] = len(extra)
    attrs["patnet_version"] = __version__
    attrs = {k: _scalar(v) for k, v in attrs.items()}
    attrs["_provenance"] = inc

    if bar is not None:
        bar.stage(f"{output} graph")
    return make_graph(table, unit_ids, er, ec, cols, attrs, output)


def make_graph(table, unit_ids, er, ec, cols, attrs, output="networkx"):
    """The graph of a node table and edge arrays, as every builder returns it.

    ``table`` (indexed by node id, in node order) holds :data:`NODE_ATTRIBUTES`;
    edge k joins ``unit_ids[er[k]]`` and ``unit_ids[ec[k]]`` and has the
    attributes ``cols[name][k]``; ``attrs`` become the graph attributes.
    Shared with :func:`patnet.outofcore.graph`, which gets the same arrays from
    DuckDB.
    """
    ids = table.index.tolist()
    if output == "igraph":
        return _igraph_output(ids, table, unit_ids, er, ec, cols, attrs)
    G = nx.Graph()
    G.graph = attrs
    values = [_py_list(table[col]) for col in NODE_ATTRIBUTES]
    names = list(cols)
    edge_values = [_py_list(cols[k]) for k in names]
    with gc_paused():
        G.add_nodes_from(zip(ids, (dict(zip(NODE_ATTRIBUTES, row)) for row in zip(*values))))
        G.add_edges_from(zip(unit_ids[er].tolist(), unit_ids[ec].tolist(),
                             (dict(zip(names, row)) for row in zip(*edge_values))))
    return G


def graph(corpus, level, *, counting="full", normalize=None, self_loops=False, min_weight=None,
          top_k=None, nodes=None, output="networkx", progress=None, **options):
    """A one-mode co-invention graph of a corpus at any level.

    The generic builder behind :func:`geo_graph`, :func:`org_graph` and
    :func:`inventor_graph`; ``level="field"`` gives the technology-field
    graph (fields tied by patents classified in both) and ``level="sector"``
    the sector graph.

    Parameters
    ----------
    corpus : PatentCorpus
    level : str
        See :func:`patnet.build.level_incidence`.
    counting : {"full", "fractional", "patent_share"}
        How a patent with n distinct units weighs each of its pairs: 1,
        1/(n-1) or 1/C(n, 2) (see :func:`patnet.build.project`).
    normalize : {None, "association_strength", "occurrence_association", \
"salton", "jaccard", "inclusion", "equivalence"}
        Replace the weight by a normalised value (see
        :mod:`patnet.build.weights`); computed on the whole projection,
        before any edge is left out. ``link_weight`` keeps the weight before
        normalisation.
    self_loops : bool
        Default False: a unit "co-inventing with itself" (two Beijing
        inventors on a patent) is the node attribute ``internal_patents``,
        not an edge. True adds a self-loop of that weight as well (needs
        ``counting="full"`` and no normalisation).
    min_weight : float, optional
        Leave out edges whose (final) weight is below this.
    top_k : int, optional
        Keep each node's ``top_k`` heaviest edges (union rule; see
        :func:`patnet.build.backbone`). Applied after ``min_weight``.
    nodes : list of str, "provinces" or Graph, optional
        Extra nodes to include as isolates when absent (``"provinces"``:
        the 31 mainland provinces), so that graphs share a node universe.
    output : {"networkx", "igraph"}
        What to return. ``"igraph"`` gives an :class:`igraph.Graph` with the
        same nodes (vertex attribute ``name``, in the same order), edges (in
        the same order) and node, edge and graph attributes; it is built
        straight from the sparse projection, without networkx's per-edge
        dictionaries, so it is many times faster and smaller on graphs of
        millions of edges. Every measure in :mod:`patnet.measures` takes
        either kind.
    progress : bool, optional
        Show a progress bar over the stages of the build (units,
        projection, graph); by default shown when the corpus's largest
        link table has :data:`PROGRESS_ROWS` (a million) rows or more.
    **options
        Level options of :func:`patnet.build.level_incidence` (``table``,
        ``focal``, ``unresolved``, ``group``, ``outside``, ``key``,
        ``ties``, ``field_level``, ``scheme``, ``main_only``,
        ``include_unknown``).

    Returns
    -------
    networkx.Graph or igraph.Graph
        Attributes as described in :mod:`patnet.build.graphs`.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN"], "2": ["CN"]},
    ...                 classes={"1": ["H01L 21/02", "G06F 3/01"], "2": ["H04L 9/00"]})
    >>> G = pn.build.graph(c, "field")
    >>> list(G.edges(data="n_patents")), G.nodes["field:H"]["label"]
    ([('field:G', 'field:H', 1)], 'Electricity')
    >>> g = pn.build.graph(c, "field", output="igraph")
    >>> g.vs["name"], g.es["n_patents"], g["level"]
    (['field:G', 'field:H'], [1], 'field')
    """
    with _stages(corpus, f"{level} graph", progress) as bar, kept_memory():
        inc = level_incidence(corpus, level, **options)
        return _assemble(inc, builder="graph", counting=counting, normalize=normalize,
                         self_loops=self_loops, min_weight=min_weight, top_k=top_k, nodes=nodes,
                         focal=options.get("focal", "CN"), group=options.get("group", "bri"),
                         output=output, bar=bar)


def on_focal_side(kinds: np.ndarray, countries: np.ndarray, focal) -> np.ndarray:
    """Which nodes are on the focal side of a ``restrict=True`` geographic graph: the
    provinces and the focal country's own node (from the nodes' ``kind`` and ``country``)."""
    kinds, countries = np.asarray(kinds, dtype=object), np.asarray(countries, dtype=object)
    return (kinds == "province") | ((kinds == "country") & (countries == focal))


def geo_graph(corpus, level="province+country", *, table="inventors", focal="CN",
              partners=None, restrict=False, unresolved="node", group="bri", outside="country",
              counting="full", normalize=None, self_loops=False, min_weight=None, top_k=None,
              nodes=None, output="networkx", progress=None):
    """The geographic co-invention graph: provinces and countries (study 1).

    Parameters
    ----------
    corpus : PatentCorpus
        Usually a corpus normalised by :func:`patnet.geo.normalize` (which
        fills ``province``) and selected to the study's cooperation patents.
    level : {"province+country", "country", "province", "region"}
        ``"province+country"`` (the seed study's view): Chinese inventors
        are their province (``"province:CN-JS"``), foreign inventors their
        country (``"country:SG"``). ``"country"``: countries only.
        ``"province"``: Chinese provinces only (other rows left out).
        ``"region"``: countries of ``group`` merged into their region
        (``"region:ASEAN"``); other countries as ``outside`` says.
    table : {"inventors", "applicants"}
        Whose location counts (inventors: co-invention; applicants:
        co-application geography).
    focal : str
        The focal country (``"CN"`` for the province levels).
    partners : list of str, group name or group table, optional
        Partner countries, for ``restrict`` (default: every other country).
    restrict : bool
        Keep only the focal country's links with partners: edges with one
        end on the focal side (a province, or the focal country's node) and
        the other a partner country (or region); nodes that are neither are
        left out. Node attributes and normalisations are computed on the
        whole corpus first.
    unresolved : {"node", "drop"}
        Chinese inventors whose province is missing (ambiguous or
        unresolved): one node ``"province:unresolved"`` (default), or left
        out. ``G.graph["rows_unresolved"]`` counts them either way.
    group : str, DataFrame or None
        Region group for ``level="region"`` and the ``region`` attribute.
    outside : {"country", "drop"}
        At ``level="region"``: countries outside the group stay countries,
        or are left out.
    counting, normalize, self_loops, min_weight, top_k, nodes, output, progress
        As in :func:`graph`; ``nodes="provinces"`` keeps all 31 mainland
        provinces as nodes.

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({
    ...     "1": [{"country": "CN", "province": "CN-JS"}, "SG"],
    ...     "2": [{"country": "CN", "province": "CN-BJ"}, "SG", "US"],
    ...     "3": [{"country": "CN", "province": "CN-BJ"}, {"country": "CN", "province": "CN-JS"}]})
    >>> G = pn.build.geo_graph(c)
    >>> sorted(G.edges(data="weight"))  # doctest: +NORMALIZE_WHITESPACE
    [('country:SG', 'country:US', 1.0), ('country:SG', 'province:CN-BJ', 1.0),
     ('country:SG', 'province:CN-JS', 1.0), ('country:US', 'province:CN-BJ', 1.0),
     ('province:CN-BJ', 'province:CN-JS', 1.0)]
    >>> H = pn.build.geo_graph(c, restrict=True, partners="bri")   # China's links with BRI countries
    >>> sorted(H.edges), H.graph["partners"]
    ([('country:SG', 'province:CN-BJ'), ('country:SG', 'province:CN-JS')], 'bri')
    >>> pn.build.geo_graph(c, level="country").nodes["country:CN"]["internal_patents"]
    1
    """
    check_choice("level", level, ("province+country", "country", "province", "region"))
    with _stages(corpus, f"{level} graph", progress) as bar, kept_memory():
        inc = level_incidence(corpus, level, table=table, focal=focal, unresolved=unresolved,
                              group=group, outside=outside)
        return _geo_assemble(inc, level, focal, partners, restrict, group, bar,
                             counting=counting, normalize=normalize, self_loops=self_loops,
                             min_weight=min_weight, top_k=top_k, nodes=nodes, output=output)


def _geo_assemble(inc, level, focal, partners, restrict, group, bar, **options):
    """:func:`geo_graph` from its incidence: the ``restrict`` rule, then the graph."""
    extra = {}
    node_keep = edge_keep = None
    if restrict:
        if level == "province":
            raise PatnetInputError("restrict=True needs partner countries; level='province' has none",
                                   hint="Use level='province+country'")
        codes, label = resolve_partners(partners)
        if level == "region" and codes is not None:
            raise PatnetInputError("at level='region' the partners are the regions of group=",
                                   hint="Leave partners=None, or use level='country'")
        kinds = inc.nodes["kind"].to_numpy(dtype=object)
        countries = inc.nodes["country"].to_numpy(dtype=object)
        focal_side = on_focal_side(kinds, countries, focal)
        if codes is None:
            partner_side = ~focal_side
        else:
            partner_side = (kinds == "country") & np.isin(countries, list(codes)) & ~focal_side
        node_keep = focal_side | partner_side

        def edge_keep(r, c):
            return (focal_side[r] & partner_side[c]) | (partner_side[r] & focal_side[c])

        extra.update(partners=label, restrict=True)
    else:
        if partners is not None:
            raise PatnetInputError("partners= only acts with restrict=True",
                                   hint="Pass restrict=True to keep the focal country's links with "
                                        "these partners, or select patents first")
        extra.update(partners="all", restrict=False)
    return _assemble(inc, builder="geo_graph", node_keep=node_keep, edge_keep=edge_keep,
                     graph_extra=extra, focal=focal, group=group, bar=bar, **options)


def _sector_pairs(sectors: np.ndarray):
    """``edge_extra`` giving each edge its ``"a|b"`` sector pair, in :data:`SECTOR_ORDER`
    (sectors outside it last, the pair's order kept on ties). Distinct sectors are coded
    once, so the per-edge work is integer indexing."""
    distinct: dict = {}
    codes = np.fromiter((distinct.setdefault(x, len(distinct)) for x in sectors),
                        dtype=np.int64, count=len(sectors))
    names = list(distinct)
    order = {s: i for i, s in enumerate(SECTOR_ORDER)}
    rank = np.array([order.get(x, len(order)) for x in names], dtype=np.int64)
    k = len(names)
    labels = np.array([f"{x}|{y}" for x in names for y in names], dtype=object)

    def pairs(er, ec):
        a, b = codes[er], codes[ec]
        swap = rank[b] < rank[a]
        first = np.where(swap, b, a)
        second = np.where(swap, a, b)
        return {"sector_pair": labels[first * k + second]}

    return pairs


def org_graph(corpus, *, ties="co_application", key="applicant_id", sectors=None,
              counting="full", normalize=None, self_loops=False, min_weight=None, top_k=None,
              nodes=None, group="bri", output="networkx", progress=None):
    """Organisations (applicants) tied by the patents they share, with their sectors.

    Parameters
    ----------
    corpus : PatentCorpus
        Sectors come from ``applicants.sector`` (fill it with
        :func:`patnet.classify.assign_sectors`).
    ties : {"co_application", "co_invention"}
        ``"co_application"``: two organisations are tied by each patent
        they apply for together. ``"co_invention"``: a patent reaches every
        organisation for which one of its inventors has patented anywhere
        in the corpus, and two organisations are tied by each patent that
        reaches both: their inventors invented together (a firm-university
        tie through an academic inventor on a firm's patent is counted even
        without co-application). Needs ``inventor_id``. Recorded as
        ``G.graph["ties"]``.
    key : {"applicant_id", "name"}
        What identifies an organisation (node ``"org:<key>"``). Names are
        used as written (normalise them first if needed).
    sectors : list of str, optional
        Keep only organisations of these sectors (e.g. ``["firm",
        "university", "government"]``); computed on the whole corpus first.
    counting, normalize, self_loops, min_weight, top_k, nodes, group, output, progress
        As in :func:`graph`.

    Returns
    -------
    networkx.Graph
        Node attribute ``sector`` is the organisation's most frequent known
        sector (``"unknown"`` when none); ``label`` its most frequent name.
        Edges carry ``sector_pair`` (``"firm|university"``; sectors in the
        order of :data:`SECTOR_ORDER`).

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN"], "2": ["CN"]}, applicants={
    ...     "1": [{"name": "Tsinghua University", "sector": "university"},
    ...           {"name": "Huawei Technologies Co., Ltd.", "sector": "firm"}],
    ...     "2": [{"name": "Huawei Technologies Co., Ltd.", "sector": "firm"}]})
    >>> G = pn.build.org_graph(c, key="name")
    >>> list(G.edges(data="sector_pair"))
    [('org:Huawei Technologies Co., Ltd.', 'org:Tsinghua University', 'firm|university')]
    >>> G.nodes["org:Huawei Technologies Co., Ltd."]["n_patents"], G.graph["ties"]
    (2, 'co_application')
    """
    check_choice("ties", ties, TIES)
    chosen = None if sectors is None else [sectors] if isinstance(sectors, str) else list(sectors)
    for s in chosen or ():
        check_choice("sector", s, schema.SECTORS)
    with _stages(corpus, "org graph", progress) as bar, kept_memory():
        inc = level_incidence(corpus, "org", key=key, ties=ties, group=group)
        node_keep = None
        extra = {"sectors": "all"}
        if chosen is not None:
            node_keep = inc.nodes["sector"].isin(chosen).to_numpy(dtype=bool)
            extra["sectors"] = ",".join(chosen)
        return _assemble(inc, builder="org_graph", counting=counting, normalize=normalize,
                         self_loops=self_loops, min_weight=min_weight, top_k=top_k, nodes=nodes,
                         node_keep=node_keep, graph_extra=extra, group=group,
                         edge_extra=_sector_pairs(inc.nodes["sector"].to_numpy(dtype=object)),
                         output=output, bar=bar)


def inventor_graph(corpus, *, counting="full", normalize=None, min_weight=None, top_k=None,
                   nodes=None, group="bri", output="networkx", progress=None):
    """Inventors tied by the patents they invent together.

    Nodes are ``"inventor:<inventor_id>"`` (rows without an id are left
    out and counted in ``G.graph["rows_dropped_missing_inventor_id"]``);
    ``label`` is the inventor's most frequent name, ``country`` and
    ``province`` their most frequent ones. Sparse throughout: graphs of
    millions of inventors are built without dense matrices.

    Parameters
    ----------
    corpus : PatentCorpus
    counting, normalize, min_weight, top_k, nodes, group, output, progress
        As in :func:`graph`.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": [{"inventor_id": "a", "name": "Li, Wei"},
    ...                        {"inventor_id": "b", "name": "Tan, Mei"}],
    ...                  "2": [{"inventor_id": "a", "name": "Li, Wei"}]})
    >>> G = pn.build.inventor_graph(c, counting="fractional")
    >>> list(G.edges(data="weight")), G.nodes["inventor:a"]["label"]
    ([('inventor:a', 'inventor:b', 1.0)], 'Li, Wei')
    """
    with _stages(corpus, "inventor graph", progress) as bar, kept_memory():
        inc = level_incidence(corpus, "inventor", group=group)
        return _assemble(inc, builder="inventor_graph", counting=counting, normalize=normalize,
                         min_weight=min_weight, top_k=top_k, nodes=nodes, group=group,
                         output=output, bar=bar)


def _sector_list(include_unknown):
    return [s for s in SECTOR_ORDER if include_unknown or s != "unknown"]


def sector_matrix(corpus, *, ties="co_application", counting="full", diagonal=None,
                  include_unknown=False, value="count") -> pd.DataFrame:
    """The sector x sector cooperation table (firm, university, research, ...).

    Cell (i, j), i != j, is the weight of the tie between sectors i and j
    under ``counting`` (``"full"``: the number of patents whose applicants
    include both an i and a j). With n the number of distinct sectors on a
    patent, see :func:`patnet.build.project` for the other countings.

    Parameters
    ----------
    corpus : PatentCorpus
        With ``applicants.sector`` filled (:func:`patnet.classify.assign_sectors`).
    ties : {"co_application", "co_invention"}
        See :func:`org_graph`.
    counting : {"full", "fractional", "patent_share"}
    diagonal : {"internal", "occurrences", "zero"}, optional
        ``"internal"``: patents with at least two applicants of the sector
        (firm-firm co-application); ``"occurrences"``: patents with the
        sector; ``"zero"``. Both non-zero diagonals count patents, so they
        need ``counting="full"``; the default is ``"internal"`` under full
        counting and ``"zero"`` otherwise.
    include_unknown : bool
        Keep applicants of sector ``"unknown"`` as a row and column
        (default: left out, counted in ``attrs["rows_dropped_unknown_sector"]``).
    value : {"count", "share"}
        ``"share"`` divides every cell by the sum of the distinct cells (the
        upper triangle with the diagonal), so the shares of the distinct
        sector pairs sum to 1.

    Returns
    -------
    pandas.DataFrame
        Square and symmetric, index and columns named ``"sector"`` in the
        order of :data:`SECTOR_ORDER` (every sector, zeros included).
        ``attrs`` records the options, ``n_patents``, ``n_patents_linked``
        (patents with a known sector), ``n_patents_multi`` (with two or more
        sectors), the row counts of :func:`patnet.build.level_incidence`, and
        per sector ``occurrences``, ``fractional_count`` and
        ``internal_patents`` (dicts).

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> apps = {"1": [{"name": "A", "sector": "firm"}, {"name": "U", "sector": "university"}],
    ...         "2": [{"name": "A", "sector": "firm"}, {"name": "B", "sector": "firm"}],
    ...         "3": [{"name": "U", "sector": "university"}, {"name": "G", "sector": "government"},
    ...               {"name": "A", "sector": "firm"}]}
    >>> c = make_corpus({"1": ["CN"], "2": ["CN"], "3": ["CN"]}, applicants=apps)
    >>> m = pn.build.sector_matrix(c)
    >>> m.loc[["firm", "university", "government"], ["firm", "university", "government"]]
    ... # doctest: +NORMALIZE_WHITESPACE
    sector      firm  university  government
    sector
    firm         1.0         2.0         1.0
    university   2.0         0.0         1.0
    government   1.0         1.0         0.0
    >>> float(pn.build.sector_matrix(c, value="share").loc["firm", "university"])
    0.4
    """
    check_counting(counting)
    check_choice("value", value, ("count", "share"))
    if diagonal is None:
        diagonal = "internal" if counting == "full" else "zero"
    check_choice("diagonal", diagonal, ("internal", "occurrences", "zero"))
    if diagonal != "zero" and counting != "full":
        raise PatnetInputError(
            f"diagonal={diagonal!r} counts patents and needs counting='full', not {counting!r}",
            hint="Pass diagonal='zero' with fractional countings")
    inc = level_incidence(corpus, "sector", ties=ties, include_unknown=include_unknown)
    W = project(inc.matrix, counting).toarray() if inc.shape[1] else np.zeros((0, 0))
    occ = occurrences(inc.matrix)
    internal = internal_counts(inc.matrix)
    frac = fractional_counts(inc.matrix)
    if diagonal == "internal":
        np.fill_diagonal(W, internal)
    elif diagonal == "occurrences":
        np.fill_diagonal(W, occ)
    names = [split_node(u)[1] for u in inc.units]
    order = _sector_list(include_unknown)
    out = pd.DataFrame(W, index=names, columns=names, dtype=np.float64)
    out = out.reindex(index=order, columns=order, fill_value=0.0)
    total = float(np.triu(out.to_numpy()).sum())
    if value == "share":
        out = out / total if total else out
    out.index.name = "sector"
    out.columns.name = "sector"
    per = lambda arr: {s: v for s, v in zip(order, pd.Series(arr, index=names).reindex(  # noqa: E731
        order, fill_value=0).tolist(), strict=True)}
    info = {k: v for k, v in inc.info.items() if k != "level"}
    out.attrs = {"builder": "sector_matrix", "ties": ties, "counting": counting,
                 "diagonal": diagonal, "value": value, "total": total, **info,
                 "n_patents_multi": int((units_per_patent(inc.matrix) >= 2).sum()),
                 "occurrences": per(occ), "fractional_count": per(frac),
                 "internal_patents": per(internal)}
    return out


def sector_combinations(corpus, *, ties="co_application", include_unknown=False) -> pd.DataFrame:
    """Patents by the set of sectors among their applicants (input of triple-helix measures).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sectors`` (e.g. ``"firm+university"``, sectors joined
        with ``+`` in the order of :data:`SECTOR_ORDER`), with columns
        ``n_sectors``, ``patents`` and ``share`` (of the patents with at
        least one sector), sorted by number of sectors and then that order.
        ``attrs["n_patents_without_sector"]`` counts the patents left out.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN"], "2": ["CN"], "3": ["CN"]}, applicants={
    ...     "1": [{"name": "A", "sector": "firm"}, {"name": "U", "sector": "university"}],
    ...     "2": [{"name": "A", "sector": "firm"}],
    ...     "3": [{"name": "U", "sector": "university"}, {"name": "A", "sector": "firm"}]})
    >>> pn.build.sector_combinations(c)  # doctest: +NORMALIZE_WHITESPACE
                     n_sectors  patents     share
    sectors
    firm                     1        1  0.333333
    firm+university          2        2  0.666667
    """
    inc = level_incidence(corpus, "sector", ties=ties, include_unknown=include_unknown)
    order = _sector_list(include_unknown)
    names = [split_node(u)[1] for u in inc.units]
    rank = np.array([order.index(s) for s in names], dtype=np.int64)
    D = sp.csr_array(inc.matrix)
    bits = (D > 0).astype(np.int64) @ (np.int64(1) << rank) if len(names) else np.zeros(D.shape[0])
    bits = np.asarray(bits, dtype=np.int64)
    linked = bits > 0
    codes, counts = np.unique(bits[linked], return_counts=True)
    labels, sizes = [], []
    for code in codes.tolist():
        members = [order[i] for i in range(len(order)) if code >> i & 1]
        labels.append("+".join(members))
        sizes.append(len(members))
    out = pd.DataFrame({"n_sectors": np.array(sizes, dtype=np.int64),
                        "patents": counts.astype(np.int64)},
                       index=pd.Index(labels, name="sectors", dtype=object))
    out["share"] = out["patents"] / max(int(linked.sum()), 1)
    key = [tuple(order.index(s) for s in lab.split("+")) for lab in labels]
    out = out.iloc[sorted(range(len(out)), key=lambda i: (sizes[i], key[i]))]
    out.attrs = {"builder": "sector_combinations", "ties": ties,
                 "include_unknown": bool(include_unknown), "n_patents": inc.info["n_patents"],
                 "n_patents_without_sector": int((~linked).sum())}
    return out


def bipartite(corpus, level="province+country", **options) -> nx.Graph:
    """The two-mode patent x unit graph.

    Patent nodes ``"patent:<id>"`` (attribute ``bipartite=0``, ``kind="patent"``,
    ``label``, ``year`` when known, ``n_units`` distinct units, ``n_rows``
    link rows) come first, then unit nodes (``bipartite=1`` and the
    attributes of one-mode graphs), each in sorted order. An edge joins a
    patent to each of its units, with ``weight`` = the number of link rows
    (two Beijing inventors: 2) and ``share`` = that number over the
    patent's link rows (the fractional count it contributes). Only patents
    with at least one unit are nodes.

    Parameters
    ----------
    corpus : PatentCorpus
    level : str
        See :func:`patnet.build.level_incidence`.
    **options
        Its level options.

    Examples
    --------
    >>> import networkx as nx
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN", "SG", "SG"], "2": ["SG"]})
    >>> G = pn.build.bipartite(c, "country")
    >>> list(G.edges(data="weight"))
    [('patent:1', 'country:CN', 1), ('patent:1', 'country:SG', 2), ('patent:2', 'country:SG', 1)]
    >>> units = [n for n, b in G.nodes(data="bipartite") if b == 1]
    >>> list(nx.bipartite.weighted_projected_graph(G, units).edges(data="weight"))
    [('country:CN', 'country:SG', 1)]
    """
    inc = level_incidence(corpus, level, **options)
    B = inc.matrix
    n_rows = np.asarray(B.sum(axis=1)).ravel()
    n_units = np.diff(B.indptr)
    linked = np.flatnonzero(n_units > 0)
    years = (corpus.patents.drop_duplicates("patent_id").set_index("patent_id")["year"]
             .reindex(pd.Index(inc.patents[linked], dtype="string")))
    G = nx.Graph()
    info = dict(inc.info)
    G.graph.update({"builder": "bipartite", "level": info.pop("level"), **info,
                    "patnet_version": __version__})
    G.graph = {k: _scalar(v) for k, v in G.graph.items()}
    G.graph["_provenance"] = inc
    pids = inc.patents[linked].tolist()
    year_list = years.tolist()
    assert inc.nodes is not None  # level_incidence always gives the node table
    table = inc.nodes[list(NODE_COLUMNS)].copy()
    table["n_patents"] = occurrences(B)
    table["fractional_count"] = fractional_counts(B)
    table["internal_patents"] = internal_counts(B)
    values = [table[col].tolist() for col in NODE_ATTRIBUTES]
    r, c, data, _ = _entries(B)
    share = data / n_rows[r]

    def patent_attrs(pid, y, nu, nr):
        attrs = {"bipartite": 0, "kind": "patent", "label": pid}
        if not pd.isna(y):
            attrs["year"] = int(y)
        attrs.update(n_units=nu, n_rows=nr)
        return attrs

    with gc_paused():
        G.add_nodes_from((f"patent:{pid}", patent_attrs(pid, y, nu, nr)) for pid, y, nu, nr in zip(
            pids, year_list, n_units[linked].tolist(), n_rows[linked].tolist()))
        G.add_nodes_from((u, {"bipartite": 1, **dict(zip(NODE_ATTRIBUTES, row))})
                         for u, row in zip(inc.units.tolist(), zip(*values)))
        G.add_edges_from(zip((f"patent:{p}" for p in inc.patents[r].tolist()),
                             inc.units[c].tolist(),
                             ({"weight": w, "share": s} for w, s in zip(data.tolist(),
                                                                        share.tolist()))))
    return G


def _provenance(G) -> Incidence:
    prov = G.graph.get("_provenance") if isinstance(G, nx.Graph) else None
    if not isinstance(prov, Incidence):
        raise PatnetInputError(
            "this graph carries no provenance (G.graph['_provenance'])",
            hint="Build it with patnet.build (exporters and igraph conversion drop private "
                 "entries; to_igraph(G, private=True) keeps them)")
    return prov


def edge_patents(G, u, v) -> list:
    """The patents behind the edge (u, v) of a graph built by :mod:`patnet.build`.

    Returns the sorted ids of the patents on which both u and v appear (for
    ``co_invention`` organisation graphs: that reach both); for ``u == v``
    the patents with at least two link rows of u (its internal patents);
    in a two-mode graph, the patent of a patent-unit edge. Computed from the
    incidence matrix kept in ``G.graph["_provenance"]`` (two sparse column
    look-ups), so it works for every pair of units, edge or not.

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> c = make_corpus({"1": ["CN", "SG"], "2": ["SG", "CN", "US"], "3": ["SG"]})
    >>> G = pn.build.geo_graph(c, level="country")
    >>> pn.build.edge_patents(G, "country:CN", "country:SG")
    ['1', '2']
    """
    prov = _provenance(G)
    for n in (u, v):
        if n not in G:
            raise PatnetInputError(f"{n!r} is not a node of this graph")
    if G.graph.get("builder") == "bipartite":
        if not G.has_edge(u, v):
            return []
        p = u if str(u).startswith("patent:") else v
        return [split_node(p)[1]]
    return prov.patents_of(u, v)


def node_patents(G, u) -> list:
    """The sorted ids of the patents on which node ``u`` appears (its ``n_patents``).

    Examples
    --------
    >>> import patnet as pn
    >>> from patnet.testing import make_corpus
    >>> G = pn.build.geo_graph(make_corpus({"1": ["CN", "SG"], "2": ["SG"]}), level="country")
    >>> pn.build.node_patents(G, "country:SG")
    ['1', '2']
    """
    prov = _provenance(G)
    if u not in G:
        raise PatnetInputError(f"{u!r} is not a node of this graph")
    return prov.patents_of(u)
