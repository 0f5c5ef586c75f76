"""The S x P x T strategy cube of a cluster (study 2): subjects x processes x tools.

Cheng's model of a cluster's IP strategy is a three-dimensional network of
**subjects** S (government, enterprises, universities, research
institutions, ...), **processes** P (creation, management, protection, use)
and **tools** T (patent, trademark, copyright, other IP); a strategy is a
cell :math:`S_i P_j T_k`. With patent data, patnet fills the cells the data
can observe and reports every other cell as *not observed* (``observed``
False, ``patents`` missing), never as zero:

subjects
    applicant sectors (:data:`patnet.schema.SECTORS`; an applicant without
    a sector is ``"unknown"``).
processes
    ``"creation"``: patents filed, i.e. patents with an applicant of the
    cluster in that sector; ``"management"``: co-ownership, i.e. patents
    with at least two distinct applicants (inside or outside the cluster)
    of which one is of the cluster and in that sector; ``"protection"``
    (litigation, oppositions, renewals) and ``"use"`` (citations, licences,
    transfers): the canonical data model holds no such records, so they are
    not observed.
tools
    ``"patent"``: every patent; a patent type (``"utility"``, ``"design"``,
    ``"plant"``, ... from ``patents.patent_type``; ``"types"`` expands to
    every type), observed when the source gives types; ``"trademark"``,
    ``"copyright"``, ``"other_ip"``: not in the data model, not observed.

A patent counts once in a cell however many applicants of the sector it
has, and once in each sector of its cluster applicants (full counting), so
the cells of one process and tool do not sum to the cluster's patents
(``attrs["n_patents"]``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from ..exceptions import PatnetInputError
from ..schema import did_you_mean

__all__ = ["PROCESSES", "TOOLS", "PATENT_TYPES", "strategy_cube"]

#: The processes of the model; only the first two are observed in patent data.
PROCESSES = ("creation", "management", "protection", "use")
#: Processes patent records can show.
OBSERVED_PROCESSES = ("creation", "management")
#: Patent types in the order of tables (others found in the data follow, sorted).
PATENT_TYPES = ("utility", "design", "plant", "reissue", "statutory invention registration",
                "defensive publication")
#: Rights other than patents; no patnet source supplies them.
OTHER_RIGHTS = ("trademark", "copyright", "other_ip")
#: Tool names accepted besides patent types (``"types"`` expands to every type).
TOOLS = ("patent", "types") + OTHER_RIGHTS

_PROCESS_TEXT = {
    "creation": "patents with an applicant of the cluster in the sector (patents filed)",
    "management": "patents with at least two distinct applicants, one of them of the cluster "
                  "and in the sector (co-ownership)",
    "protection": "not observed: the data model holds no litigation, opposition or renewal "
                  "records",
    "use": "not observed: the data model holds no citation, licence or transfer records",
}


def _norm_type(v):
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    v = str(v).strip().lower()
    return v or None


def _tools(tools, types_known, types_found):
    if isinstance(tools, str):
        tools = (tools,)
    out = []
    valid = set(TOOLS) | set(PATENT_TYPES) | set(types_found)
    for t in tools:
        if not isinstance(t, str):
            raise PatnetInputError(f"tools must be names, got {t!r}",
                                   hint=f"Use {', '.join(map(repr, TOOLS))} or a patent type")
        key = t.strip().lower()
        if key == "types":
            found = [x for x in PATENT_TYPES if x in types_found] if types_known \
                else list(PATENT_TYPES[:3])
            found += sorted(set(types_found) - set(PATENT_TYPES))
            out.extend(found)
        elif key in valid:
            out.append(key)
        else:
            choices = sorted(valid)
            raise PatnetInputError(
                f"unknown tool {t!r}{did_you_mean(key, choices)}",
                hint=f"Valid tools are {', '.join(map(repr, TOOLS))} and the patent types "
                     f"{', '.join(map(repr, PATENT_TYPES))} (or a type found in "
                     "patents.patent_type)")
    return list(dict.fromkeys(out))


def _processes(processes):
    if isinstance(processes, str):
        processes = (processes,)
    out = []
    for p in processes:
        if p not in PROCESSES:
            raise PatnetInputError(
                f"unknown process {p!r}{did_you_mean(p, PROCESSES)}",
                hint=f"Valid processes are {', '.join(map(repr, PROCESSES))}")
        out.append(p)
    return list(dict.fromkeys(out))


def _selection(app, cluster, key):
    """Boolean mask over applicant rows, a description, and ids not found."""
    n = len(app)
    if cluster is None:
        return np.ones(n, dtype=bool), "all applicants", 0
    if callable(cluster):
        mask = cluster(app)
        what = f"function {getattr(cluster, '__name__', repr(cluster))}"
    elif isinstance(cluster, str):
        raise PatnetInputError(
            f"cluster={cluster!r} is a single string",
            hint="Pass a set of applicant ids (e.g. {'A1', 'A2'}), a boolean mask over "
                 "corpus.applicants, or a function of the applicants table returning one")
    else:
        if isinstance(cluster, (pd.Series, pd.Index, np.ndarray)) and \
                pd.api.types.is_bool_dtype(cluster.dtype):
            mask, what = cluster, "mask"
        else:
            ids = {str(x) for x in cluster}
            if key not in app.columns:
                raise PatnetInputError(f"the applicants table has no column {key!r}",
                                       hint="Pass key='applicant_id' or key='name'")
            col = app[key].astype("string")
            mask = col.isin(list(ids)).fillna(False).to_numpy(dtype=bool)
            present = set(col.dropna().tolist())
            return mask, f"{len(ids)} applicant ids ({key})", len(ids - present)
    if isinstance(mask, pd.Series) and not mask.index.equals(app.index):
        raise PatnetInputError(
            "a cluster mask given as a Series must have the index of corpus.applicants",
            hint="Build it from corpus.applicants itself, or pass mask.to_numpy()")
    if isinstance(mask, (pd.Series, pd.Index)) and pd.api.types.is_bool_dtype(mask.dtype):
        mask = mask.fillna(False)
        mask = mask.to_numpy(dtype=bool)  # nullable booleans: a missing value is not a member
    mask = np.asarray(mask)
    if mask.dtype != bool or mask.shape != (n,):
        raise PatnetInputError(
            f"a cluster mask must be boolean with one value per applicant row ({n}), got "
            f"dtype {mask.dtype} and shape {mask.shape}",
            hint="Build it from corpus.applicants, e.g. corpus.applicants['province'] == 'CN-JS'")
    return mask, what, 0


def strategy_cube(corpus, cluster=None, *, processes=("creation", "management", "use"),
                  tools=("patent",), subjects=None, key="applicant_id") -> pd.DataFrame:
    """Patents of a cluster by subject (applicant sector) x process x tool.

    Parameters
    ----------
    corpus : PatentCorpus
        With ``applicants.sector`` filled (:func:`patnet.classify.assign_sectors`).
    cluster : set of str, boolean mask, callable or None
        The organisations of the cluster: applicant identifiers (values of
        ``key``), a boolean mask over the rows of ``corpus.applicants``, or
        a function taking that table and returning such a mask (e.g.
        ``lambda a: a["province"] == "CN-JS"``). ``None``: every applicant.
    processes : sequence of {"creation", "management", "protection", "use"}
        See the module docstring. ``"protection"`` and ``"use"`` are
        reported as not observed.
    tools : sequence of str
        ``"patent"`` (all patents), patent types (``"utility"``,
        ``"design"``, ``"plant"``, ...; ``"types"`` for all), or
        ``"trademark"``, ``"copyright"``, ``"other_ip"`` (not observed).
    subjects : sequence of str, optional
        Sectors to report (default: every sector of
        :data:`patnet.schema.SECTORS`, in that order).
    key : str
        The applicants column identifying an organisation (``cluster``
        ids, and distinct applicants for co-ownership). A row whose key is
        missing is identified by its name, else counts as its own applicant.

    Returns
    -------
    pandas.DataFrame
        Tidy: index ``(subject, process, tool)``, every combination in the
        order asked; columns ``patents`` (``Int64``, missing where not
        observed) and ``observed`` (bool). ``attrs`` records the cluster
        (``cluster``, ``n_applicants``, ``n_patents``,
        ``n_ids_not_found``), ``patents_without_type`` (patents of the
        cluster whose type is missing, not in any type cell),
        ``definitions`` (per process) and the options.

    Examples
    --------
    >>> from patnet.measures.cube import strategy_cube
    >>> from patnet.testing import make_corpus
    >>> apps = {"1": [{"applicant_id": "F", "sector": "firm"},
    ...               {"applicant_id": "U", "sector": "university"}],
    ...         "2": [{"applicant_id": "F", "sector": "firm"}]}
    >>> c = make_corpus({"1": ["CN"], "2": ["CN"]}, applicants=apps)
    >>> cube = strategy_cube(c, {"F", "U"}, processes=("creation", "management", "use"))
    >>> cube.loc[["firm", "university"]]  # doctest: +NORMALIZE_WHITESPACE
                                   patents  observed
    subject    process    tool
    firm       creation   patent         2      True
               management patent         1      True
               use        patent      <NA>     False
    university creation   patent         1      True
               management patent         1      True
               use        patent      <NA>     False
    >>> cube["patents"].unstack(["process", "tool"]).loc["firm"].tolist()
    [2, 1, <NA>]
    """
    procs = _processes(processes)
    app = corpus.applicants
    pats = corpus.patents
    types = pats["patent_type"] if "patent_type" in pats.columns else pd.Series(dtype="string")
    type_of = {}
    for pid, t in zip(pats["patent_id"].tolist(), types.tolist(), strict=True):
        t = _norm_type(t)
        if t is not None or pid not in type_of:
            type_of[pid] = t
    types_found = {t for t in type_of.values() if t is not None}
    types_known = bool(types_found)
    tool_list = _tools(tools, types_known, types_found)

    mask, what, not_found = _selection(app, cluster, key)
    pid = app["patent_id"].astype("string").to_numpy(dtype=object)
    # identity of each applicant row: key, else name, else the row itself
    ident = pd.Series(app[key] if key in app.columns else pd.NA, index=app.index,
                      dtype="string")
    if "name" in app.columns:
        ident = ident.fillna("name:" + app["name"].astype("string"))
    ident = ident.fillna(pd.Series([f"row:{i}" for i in range(len(app))], index=app.index,
                                   dtype="string")).to_numpy(dtype=object)
    sector = app["sector"].astype("string").fillna("unknown").str.strip() \
        if "sector" in app.columns else pd.Series("unknown", index=app.index, dtype="string")
    sector = sector.mask(sector == "", "unknown").to_numpy(dtype=object)

    n_owners = pd.Series(ident).groupby(pid).nunique() if len(app) else pd.Series(dtype=int)
    co_owned = set(n_owners.index[n_owners.to_numpy() >= 2].tolist())

    sel = pd.DataFrame({"patent_id": pid[mask], "sector": sector[mask]}).drop_duplicates()
    cluster_patents = set(sel["patent_id"].tolist())
    if subjects is None:
        subj = list(schema.SECTORS)
    else:
        subj = [subjects] if isinstance(subjects, str) else list(dict.fromkeys(subjects))
        for s in subj:
            if s not in schema.SECTORS:
                raise PatnetInputError(
                    f"unknown subject {s!r}{did_you_mean(s, schema.SECTORS)}",
                    hint=f"Subjects are applicant sectors: {', '.join(schema.SECTORS)}")

    applicants_observed = len(app) > 0
    counts = {}
    for proc in OBSERVED_PROCESSES:
        part = sel if proc == "creation" else sel[sel["patent_id"].isin(co_owned)]
        ptype = part["patent_id"].map(type_of)
        for tool in tool_list:
            if tool == "patent":
                sub = part
            elif tool in OTHER_RIGHTS:
                continue
            else:
                sub = part[(ptype == tool).fillna(False).to_numpy(dtype=bool)]
            vc = sub.groupby("sector")["patent_id"].nunique()
            counts[(proc, tool)] = vc.to_dict()

    rows = []
    for s in subj:
        for proc in procs:
            for tool in tool_list:
                tool_ok = tool == "patent" or (tool not in OTHER_RIGHTS and types_known)
                ok = applicants_observed and proc in OBSERVED_PROCESSES and tool_ok
                n = int(counts.get((proc, tool), {}).get(s, 0)) if ok else pd.NA
                rows.append((s, proc, tool, n, ok))
    index = pd.MultiIndex.from_tuples([r[:3] for r in rows],
                                      names=["subject", "process", "tool"]) if rows else \
        pd.MultiIndex.from_tuples([], names=["subject", "process", "tool"])
    out = pd.DataFrame({"patents": pd.array([r[3] for r in rows], dtype="Int64"),
                        "observed": np.array([r[4] for r in rows], dtype=bool)}, index=index)
    tool_text = {}
    for tool in tool_list:
        if tool == "patent":
            tool_text[tool] = "every patent"
        elif tool in OTHER_RIGHTS:
            tool_text[tool] = "not observed: no patnet source supplies this right"
        elif types_known:
            tool_text[tool] = f"patents whose patents.patent_type is {tool!r}"
        else:
            tool_text[tool] = "not observed: the corpus has no patent types"
    definitions = {p: _PROCESS_TEXT[p] for p in procs}
    if not applicants_observed:
        definitions = {p: "not observed: the corpus has no applicant records" for p in procs}
    out.attrs = {
        "builder": "strategy_cube", "cluster": what, "key": key,
        "n_applicants": int(len(set(ident[mask].tolist()))),
        "n_patents": len(cluster_patents), "n_ids_not_found": int(not_found),
        "patents_without_type": int(sum(type_of.get(p) is None for p in cluster_patents)),
        "definitions": definitions, "tools": tool_text,
        "counting": "a patent counts once per cell, in each sector of its cluster applicants",
    }
    return out
