"""Export co-invention graphs to the tools researchers use, and read them back.

Every writer starts from the same view of the graph, :func:`sanitize`:
control characters removed (carriage returns become line feeds), private
``_`` attributes dropped (on the graph, nodes and edges), None/NaN/NA
omitted, NumPy scalars made Python scalars, tuples/sets/arrays made lists.
Each format then carries what it can; every export reads back (with the
networkx reader where one exists, or patnet's own) with the nodes in order,
the edges, the weights and the attributes the format carries.

==================  ==============================================  ==============================================
format              writer / reader                                 carries (and limits)
==================  ==============================================  ==============================================
GraphML             :func:`write_graphml` / :func:`read_graphml`    everything: typed attributes (boolean, long,
                    (``networkx.read_graphml`` reads it too)        double, string); lists, dicts and mixed
                                                                    attributes as JSON text, parsed back by
                                                                    patnet's reader (names in ``patnet_json``);
                                                                    CR line breaks become LF
GEXF 1.3            :func:`write_gexf` / :func:`read_gexf`,         everything, as GraphML; graph attributes in
                    :func:`read_gexf_slices`                        ``<meta><description>``; the GEXF label must
                    (``networkx.read_gexf`` reads it too)           be text; time slices as one dynamic graph
                                                                    with spells and per-period weights
Pajek               :func:`write_pajek` / :func:`read_pajek`        vertex labels (node ids by default), edge
                    (``networkx.read_pajek`` reads it too)          weights, a partition in ``.clu``; labels are
                                                                    one line (tabs, line breaks -> spaces)
VOSviewer           :func:`write_vosviewer` /                       node ids (in ``description``), labels (one
map + network       :func:`read_vosviewer`                          line), cluster, coordinates, numeric weights
                                                                    (>= 0) and scores, link strengths (>= 0);
                                                                    formula-guarded text cells
VOSviewer JSON      :func:`write_vosviewer_json` /                  as the map and network files, ids as text
                    :func:`read_vosviewer_json`
CSV                 :func:`write_csv` / :func:`read_csv`,           everything, typed through a JSON sidecar;
                    :func:`to_dataframes`                           formula-guarded text cells; empty text and
                                                                    missing values stay distinct
==================  ==============================================  ==============================================

Spreadsheet safety: in CSV and VOSviewer map files, a text cell starting
with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or an apostrophe
gets a leading apostrophe (OWASP advice on CSV injection), which patnet's
readers remove; numbers (such as a ``-0.5`` weight) are written as numbers.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> import networkx as nx
>>> import patnet as pn
>>> G = nx.Graph(counting="full", _cache="private")
>>> G.add_node("province:CN-JS", label="Jiangsu", kind="province", n_patents=12)
>>> G.add_node("country:SG", label="Singapore", kind="country", n_patents=7)
>>> G.add_edge("province:CN-JS", "country:SG", weight=3)
>>> with tempfile.TemporaryDirectory() as d:
...     pn.export.write_graphml(G, Path(d) / "g.graphml")
...     H = nx.read_graphml(Path(d) / "g.graphml")
>>> H.graph, H.edges["province:CN-JS", "country:SG"]
({'node_default': {}, 'edge_default': {}, 'counting': 'full'}, {'weight': 3})
"""

from __future__ import annotations

from ._common import sanitize
from .gexf import read_gexf, read_gexf_slices, write_gexf
from .graphml import read_graphml, write_graphml
from .pajek import read_pajek, write_pajek
from .tables import read_csv, to_dataframes, write_csv
from .vosviewer import read_vosviewer, read_vosviewer_json, write_vosviewer, write_vosviewer_json

__all__ = [
    "sanitize",
    "write_graphml",
    "read_graphml",
    "write_gexf",
    "read_gexf",
    "read_gexf_slices",
    "write_pajek",
    "read_pajek",
    "write_vosviewer",
    "read_vosviewer",
    "write_vosviewer_json",
    "read_vosviewer_json",
    "write_csv",
    "read_csv",
    "to_dataframes",
]
