"""Built-in measures: importing the topic modules registers them."""

from . import centrality, community, cooperation, structural, summary  # noqa: F401
