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
]
