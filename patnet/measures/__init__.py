"""Measures of cooperation networks: a registry of plain functions, and the built-in ones.

See :mod:`patnet.measures.registry` for how to add your own measure.
"""

from .registry import (
    LEVELS,
    Measure,
    available_measures,
    compute,
    compute_clusters,
    compute_edges,
    compute_graph,
    get_measure,
    register_measure,
    unregister_measure,
)
from .contract import check_measure, contract_graphs
from . import _builtin  # noqa: F401  (registers the built-in measures)
from .centrality import (authority, betweenness, closeness, degree, eigenvector, hub, pagerank,
                         strength)
from .structural import burt_efficiency, constraint, effective_size
from .summary import network_summary
from .community import METHODS, cluster_modularity, communities, modularity
from .partitions import compare_partitions
from .cooperation import (cluster_matrix, conductance, cross_sector_share, ei_index,
                          external_weight, internal_density, internal_share, internal_weight,
                          openness, openness_by_region, participation, sector_mix)
from .cube import strategy_cube
from .triple_helix import (CELLS, DEFAULT_HELIX, HELICES, helix_cells, triple_helix,
                           triple_helix_from_table, triple_helix_table)
from .null import edge_significance, measure_significance, metric_significance, null_model

__all__ = [
    "LEVELS",
    "Measure",
    "register_measure",
    "unregister_measure",
    "get_measure",
    "available_measures",
    "compute",
    "compute_edges",
    "compute_clusters",
    "compute_graph",
    "check_measure",
    "contract_graphs",
    "degree", "strength", "betweenness", "closeness", "eigenvector", "pagerank", "hub",
    "authority", "constraint", "effective_size", "burt_efficiency", "network_summary",
    "communities", "modularity", "cluster_modularity", "compare_partitions", "METHODS",
    "internal_weight", "external_weight", "internal_share", "ei_index", "internal_density",
    "conductance", "cluster_matrix", "participation", "sector_mix", "cross_sector_share",
    "openness", "openness_by_region", "strategy_cube",
    "triple_helix", "triple_helix_from_table", "triple_helix_table", "helix_cells",
    "DEFAULT_HELIX", "HELICES", "CELLS",
    "null_model", "edge_significance", "metric_significance", "measure_significance",
]
