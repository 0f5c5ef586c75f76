"""Where: countries, Chinese provinces, region groups."""

from .countries import normalize_country, summarize_countries, country_table
from .groups import group, groups, region_of
from .china import province_table, resolve_province
from .normalize import GeoReport, normalize

__all__ = [
    "normalize",
    "GeoReport",
    "resolve_province",
    "province_table",
    "normalize_country",
    "summarize_countries",
    "country_table",
    "group",
    "groups",
    "region_of",
]
