"""Pajek ``.net`` (vertices and weighted edges) and ``.clu`` (a partition)."""

from __future__ import annotations

import shlex

import networkx as nx

from ..exceptions import PatnetInputError
from ._common import (
    as_path,
    check_graph,
    cluster_codes,
    format_number,
    node_ids,
    one_line,
    parse_number,
    partition_map,
    weight_value,
)

__all__ = ["write_pajek", "read_pajek"]


def _quote(label: str) -> str:
    """A Pajek vertex label in double quotes; backslash and quote escaped.

    The escapes are those of POSIX shell words, which networkx's Pajek reader
    (``shlex.split``) and :func:`read_pajek` undo.
    """
    return '"' + label.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_pajek(G, path, *, partition=None, clu_path=None, labels=None, weight="weight") -> None:
    """Write a graph as a Pajek ``.net`` file, and a partition as a ``.clu`` file.

    The ``.net`` file has a ``*Vertices n`` section (``number "label"``, one
    line per node in graph order, numbers from 1) and an ``*Edges`` section
    (``i j weight``, one line per edge; the weight is left out when the edge
    has none, which Pajek reads as 1). With ``partition``, a ``.clu`` file
    (``*Vertices n`` then one integer per vertex) is written beside it.

    Parameters
    ----------
    G : networkx.Graph
        Undirected simple graph with text node ids.
    path : str or path-like
        The ``.net`` file (UTF-8, no byte order mark).
    partition : mapping or iterable of sets, optional
        Community of every node (``{node: community}``, or communities as
        node sets as networkx returns them). Integer community ids are kept;
        other ids are numbered 1, 2, ... from the largest community.
    clu_path : str or path-like, optional
        Where to write the partition; default ``path`` with suffix ``.clu``.
    labels : str, optional
        Node attribute to use as vertex label. Default: the node id, so that
        the file reads back with the same nodes.
    weight : str or None
        Edge attribute written as the edge value (None: no values).

    Raises
    ------
    PatnetInputError
        If two vertex labels would be the same (Pajek readers would merge the
        vertices), a weight is not a number or is NaN, or the partition does
        not cover the graph exactly.

    See Also
    --------
    read_pajek, networkx.read_pajek

    Notes
    -----
    Pajek carries vertex labels, edge weights and (in ``.clu``) a partition
    only: other attributes and graph attributes are not written. Labels are
    one line: control characters are removed, tabs and line breaks become
    spaces; ``"`` and ``\\`` are escaped with a backslash (networkx reads the
    escapes back; Pajek itself shows them).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph()
    >>> G.add_edge("country:SG", "province:CN-JS", weight=3)
    >>> G.add_edge("country:SG", "org:Lee Kong", weight=0.5)
    >>> G.add_node("country:IN")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pn.export.write_pajek(G, Path(d) / "g.net", partition={"country:SG": 1,
    ...         "province:CN-JS": 1, "org:Lee Kong": 2, "country:IN": 3})
    ...     print((Path(d) / "g.net").read_text())
    ...     print((Path(d) / "g.clu").read_text())
    ...     H = pn.export.read_pajek(Path(d) / "g.net", clu_path=Path(d) / "g.clu")
    *Vertices 4
    1 "country:SG"
    2 "province:CN-JS"
    3 "org:Lee Kong"
    4 "country:IN"
    *Edges
    1 2 3
    1 3 0.5
    <BLANKLINE>
    *Vertices 4
    1
    1
    2
    3
    <BLANKLINE>
    >>> list(H.edges(data=True))
    [('country:SG', 'province:CN-JS', {'weight': 3}), ('country:SG', 'org:Lee Kong', {'weight': 0.5})]
    >>> dict(H.nodes(data="cluster"))
    {'country:SG': 1, 'province:CN-JS': 1, 'org:Lee Kong': 2, 'country:IN': 3}
    """
    check_graph(G)
    path = as_path(path)
    if labels is None:
        names = node_ids(G, text=one_line, what="vertex label")
    else:
        values = {}
        for n, d in G.nodes(data=True):
            lab = d.get(labels)
            if not isinstance(lab, str):
                raise PatnetInputError(f"node attribute {labels!r} must be text on every node",
                                       value=f"node {n!r}: {lab!r}", hint="Use labels=None to write node ids")
            values[n] = lab
        names = {}
        seen: dict[str, object] = {}
        for n, lab in values.items():
            t = one_line(lab)
            if t in seen:
                raise PatnetInputError("two vertex labels are the same; Pajek readers would merge the vertices",
                                       value=f"{seen[t]!r} and {n!r} -> {t!r}",
                                       hint="Use labels=None to write node ids")
            seen[t] = n
            names[n] = t
    part = partition_map(partition, G)
    number = {n: i for i, n in enumerate(G, start=1)}
    lines = [f"*Vertices {G.number_of_nodes()}"]
    lines += [f"{number[n]} {_quote(names[n])}" for n in G]
    lines.append("*Edges")
    for u, v, d in G.edges(data=True):
        w = None
        if weight is not None and weight in d:
            w = weight_value(d[weight], where=f"edge ({u!r}, {v!r})", name=weight)
        lines.append(f"{number[u]} {number[v]}" + ("" if w is None else f" {format_number(w)}"))
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
    if part is not None:
        codes, _ = cluster_codes(part, G)
        clu = as_path(clu_path) if clu_path is not None else path.with_suffix(".clu")
        with open(clu, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(f"*Vertices {G.number_of_nodes()}\n")
            fh.write("".join(f"{codes[n]}\n" for n in G))


def _split(line, path, lineno):
    try:
        return shlex.split(line)
    except ValueError as err:
        raise PatnetInputError("a Pajek line cannot be split into fields", file=path, line=lineno,
                               value=line, hint=str(err)) from err


def read_pajek(path, *, clu_path=None) -> nx.Graph:
    """Read a Pajek ``.net`` file (and optionally a ``.clu`` partition).

    Nodes are keyed by vertex label (as :func:`networkx.read_pajek` does),
    in file order; a vertex without a label is keyed by its number. Edge
    values become the ``weight`` attribute: an int for integer text, a float
    otherwise; an edge without a value gets no weight. Extra ``key value``
    pairs after the weight become text attributes, as in networkx. With
    ``clu_path``, the partition becomes the int node attribute ``cluster``.

    Parameters
    ----------
    path : str or path-like
    clu_path : str or path-like, optional

    Returns
    -------
    networkx.Graph

    Raises
    ------
    PatnetInputError
        For ``*Arcs`` or matrix sections (directed or matrix networks), an
        edge listed twice, an unknown vertex number or an unreadable value,
        with the file and line.

    Examples
    --------
    Pajek carries the labels (here the node ids) and the weights; see
    :func:`write_pajek` for the file and a partition.

    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> import patnet as pn
    >>> G = nx.Graph(counting="full")
    >>> G.add_node("country:SG", label="Singapore", n_patents=7)
    >>> G.add_node("province:CN-JS", label="Jiangsu", n_patents=12)
    >>> G.add_edge("country:SG", "province:CN-JS", weight=3)
    >>> folder = Path(tempfile.mkdtemp())
    >>> pn.export.write_pajek(G, folder / "g.net")
    >>> H = pn.export.read_pajek(folder / "g.net")
    >>> list(H.nodes), list(H.edges(data=True))
    (['country:SG', 'province:CN-JS'], [('country:SG', 'province:CN-JS', {'weight': 3})])
    """
    path = as_path(path)
    G = nx.Graph()
    names = {}
    section = None
    with open(path, encoding="utf-8-sig") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("%"):
                continue
            if line.startswith("*"):
                head = line.split(None, 1)[0].lower()
                if head == "*network":
                    parts = line.split(None, 1)
                    if len(parts) > 1:
                        G.graph["name"] = parts[1].strip()
                    section = None
                elif head == "*vertices":
                    section = "vertices"
                elif head in ("*edges",):
                    section = "edges"
                else:
                    raise PatnetInputError(
                        f"Pajek section {head} is not supported (patnet reads undirected *Edges lists)",
                        file=path, line=lineno, value=line,
                        hint="Read directed or matrix networks with networkx.read_pajek")
                continue
            fields = _split(line, path, lineno)
            if section == "vertices":
                num = fields[0]
                if num in names:
                    raise PatnetInputError("a vertex number appears twice", file=path, line=lineno, value=num)
                label = fields[1] if len(fields) > 1 else num
                if label in G:
                    raise PatnetInputError("two vertices have the same label", file=path, line=lineno,
                                           value=label, hint="Read the file with networkx.read_pajek")
                names[num] = label
                G.add_node(label)
            elif section == "edges":
                if len(fields) < 2:
                    raise PatnetInputError("an edge line needs two vertex numbers", file=path,
                                           line=lineno, value=line)
                try:
                    u, v = names[fields[0]], names[fields[1]]
                except KeyError as err:
                    raise PatnetInputError("an edge names an unknown vertex", file=path, line=lineno,
                                           value=line) from err
                if G.has_edge(u, v):
                    raise PatnetInputError("an edge is listed twice", file=path, line=lineno, value=line,
                                           hint="Read the file with networkx.read_pajek (a multigraph)")
                data = {}
                if len(fields) > 2:
                    try:
                        data["weight"] = parse_number(fields[2])
                    except ValueError as err:
                        raise PatnetInputError("an edge value is not a number", file=path, line=lineno,
                                               column=3, value=fields[2]) from err
                    data.update(zip(fields[3::2], fields[4::2]))
                G.add_edge(u, v, **data)
            else:
                raise PatnetInputError("a line outside the *Vertices and *Edges sections",
                                       file=path, line=lineno, value=line)
    if clu_path is not None:
        clu_path = as_path(clu_path)
        values = []
        with open(clu_path, encoding="utf-8-sig") as fh:
            for lineno, raw in enumerate(fh, start=1):
                line = raw.strip()
                if not line or line.startswith("%") or line.lower().startswith("*vertices"):
                    continue
                try:
                    values.append((int(line), lineno))
                except ValueError as err:
                    raise PatnetInputError("a cluster number is not an integer", file=clu_path,
                                           line=lineno, value=line) from err
        if len(values) != G.number_of_nodes():
            raise PatnetInputError(
                f"the partition has {len(values)} values for {G.number_of_nodes()} vertices",
                file=clu_path, hint="Pass the .clu file written with this .net file")
        try:
            order = [names[k] for k in sorted(names, key=int)]
        except ValueError as err:
            raise PatnetInputError("vertex numbers must be integers to match a .clu file", file=path) from err
        for n, (c, _) in zip(order, values):
            G.nodes[n]["cluster"] = c
    return G
