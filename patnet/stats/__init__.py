"""Descriptive statistics of co-invention corpora, as tidy DataFrames.

- :mod:`~patnet.stats.counts`: patents per partner country, province,
  region, technical field, year, and any cross of them, with full or
  fractional counting (:func:`count` and the ``by_*`` views);
- :mod:`~patnet.stats.concentration`: top-k shares (CR_k), the
  Herfindahl-Hirschman index and the number of units with any patents;
- :mod:`~patnet.stats.growth`: growth rates under named definitions
  (:func:`cagr`, :func:`mean_yoy`, :func:`loglinear_growth`,
  :func:`growth_table`);
- :mod:`~patnet.stats.stages`: stages of a yearly series, from given break
  years (:func:`stages`) or found by exact change-point segmentation
  (:func:`find_stages`).

Every count says how it counted (``df.attrs["counting"]``); every growth
rate says which definition it is.
"""

from .counts import (
    COUNTINGS,
    UNITS,
    by_country,
    by_field,
    by_partner,
    by_province,
    by_province_partner,
    by_region,
    by_year,
    count,
    from_counts,
)
from .concentration import concentration, hhi, n_units, top_share
from .growth import DEFINITIONS, as_series, cagr, growth_table, loglinear_growth, mean_yoy
from .stages import COSTS, find_stages, stages

__all__ = [
    "count",
    "by_partner",
    "by_country",
    "by_province",
    "by_province_partner",
    "by_region",
    "by_field",
    "by_year",
    "from_counts",
    "concentration",
    "top_share",
    "hhi",
    "n_units",
    "cagr",
    "mean_yoy",
    "loglinear_growth",
    "growth_table",
    "as_series",
    "stages",
    "find_stages",
    "UNITS",
    "COUNTINGS",
    "DEFINITIONS",
    "COSTS",
]
