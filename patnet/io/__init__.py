"""Loaders: raw patent data -> :class:`~patnet.PatentCorpus` + :class:`LoadReport`.

One module per source; each reads, normalises to the canonical tables, and
accounts for every row it did not keep. Nothing else happens here.
"""

from .loadreport import LoadReport
from .dataframes import from_dataframes
from .canonical import read_corpus, write_corpus
from .patentsview import read_patentsview
from .uspto_xml import read_uspto_xml
from .download import download_patentsview

__all__ = [
    "LoadReport",
    "from_dataframes",
    "read_corpus",
    "write_corpus",
    "read_patentsview",
    "read_uspto_xml",
    "download_patentsview",
]
