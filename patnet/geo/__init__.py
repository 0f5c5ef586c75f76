"""Where: countries, Chinese provinces, region groups."""

from .countries import normalize_country, summarize_countries, country_table
from .groups import group, groups, region_of

__all__ = [
    "normalize_country",
    "summarize_countries",
    "country_table",
    "group",
    "groups",
    "region_of",
]
