"""Co-invention networks from a corpus: sparse incidence, projections, named graphs.

The core (:mod:`patnet.build.incidence`, :mod:`patnet.build.weights`) turns a
patent x unit link table into a sparse incidence matrix ``B`` and projects it
(``D.T @ diag(w) @ D``) with a named counting and normalisation; the same
code serves every level. The graph builders (:mod:`patnet.build.graphs`)
return :class:`networkx.Graph` objects with namespaced node ids
(``"province:CN-JS"``, ``"country:SG"``, ``"org:..."``, ``"inventor:..."``,
``"sector:firm"``, ``"field:H"``), readable labels, patent counts, and every
build parameter in ``G.graph``.

Examples
--------
>>> import patnet as pn
>>> from patnet.testing import make_corpus
>>> c = make_corpus({"1": [{"country": "CN", "province": "CN-JS"}, "SG"],
...                  "2": [{"country": "CN", "province": "CN-BJ"}, "SG"]})
>>> G = pn.build.geo_graph(c, level="province+country")
>>> sorted(G.edges)
[('country:SG', 'province:CN-BJ'), ('country:SG', 'province:CN-JS')]
>>> G.graph["counting"], G.graph["level"]
('full', 'province+country')
"""

from .incidence import (
    KINDS,
    Incidence,
    binary,
    fractional_counts,
    incidence,
    internal_counts,
    node_id,
    occurrences,
    project,
    split_node,
    units_per_patent,
)
from .weights import (
    COUNTINGS,
    NORMALIZATIONS,
    association_strength,
    backbone,
    equivalence,
    inclusion,
    jaccard,
    normalize,
    occurrence_association,
    pair_weights,
    salton,
)
from ._levels import LEVELS, TIES, UNRESOLVED_NODE, level_incidence
from .graphs import (
    COUNT_ATTRIBUTES,
    EDGE_ATTRIBUTES,
    GRAPH_KEYS,
    NODE_ATTRIBUTES,
    SECTOR_ORDER,
    bipartite,
    edge_patents,
    geo_graph,
    graph,
    inventor_graph,
    node_patents,
    org_graph,
    sector_combinations,
    sector_matrix,
)
from .slices import periods_table, slices, windows
from .convert import from_igraph, to_igraph

__all__ = [
    # core
    "Incidence",
    "incidence",
    "level_incidence",
    "project",
    "binary",
    "occurrences",
    "fractional_counts",
    "internal_counts",
    "units_per_patent",
    "node_id",
    "split_node",
    "KINDS",
    "LEVELS",
    "TIES",
    "UNRESOLVED_NODE",
    # counting and normalisation
    "COUNTINGS",
    "NORMALIZATIONS",
    "pair_weights",
    "normalize",
    "association_strength",
    "occurrence_association",
    "salton",
    "jaccard",
    "inclusion",
    "equivalence",
    "backbone",
    # graphs
    "graph",
    "geo_graph",
    "org_graph",
    "inventor_graph",
    "sector_matrix",
    "sector_combinations",
    "bipartite",
    "edge_patents",
    "node_patents",
    "NODE_ATTRIBUTES",
    "COUNT_ATTRIBUTES",
    "EDGE_ATTRIBUTES",
    "GRAPH_KEYS",
    "SECTOR_ORDER",
    # time
    "slices",
    "windows",
    "periods_table",
    # conversion
    "to_igraph",
    "from_igraph",
]
