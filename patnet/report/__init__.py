"""Whole studies as reports: tables, figures, definitions and the data's account, on disk.

:func:`cooperation_study` runs a co-invention study like Chen's Jiangsu–Belt
and Road paper (focal country, focal province, partner group, period) and
returns a :class:`StudyReport`; ``report.save(folder)`` writes Markdown, a
self-contained HTML page, CSV of every table and PNG/SVG of every figure.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .. import __version__
from .._progress import LARGE_ROWS, Stages, wanted
from ..corpus import PatentCorpus
from ..exceptions import PatnetInputError, PatnetWarning
from .render import Report, ReportFigure, ReportTable

__all__ = ["cooperation_study", "StudyReport", "STUDY1_PUBLISHED", "Report", "ReportTable",
           "ReportFigure"]

#: Inventor rows from which :func:`cooperation_study` shows a progress bar by default.
PROGRESS_ROWS = LARGE_ROWS

#: What Chen's paper reports (``../shared/STUDIES.md``), for ``published=``: table -> unit -> value.
STUDY1_PUBLISHED = {
    "partners": {"SG": 663, "IN": 349, "RU": 153, "IL": 148, "MY": 87, "PL": 49, "PH": 42,
                 "TH": 41, "CZ": 35, "HU": 24},
    "provinces": {"CN-BJ": 595, "CN-SH": 471, "CN-GD": 154, "CN-JS": 87, "CN-ZJ": 39,
                  "CN-TJ": 35, "CN-SC": 21},
    "province_partners": {"SG": 41, "PH": 13, "IL": 8, "IN": 6, "CZ": 6, "MY": 5, "SA": 5,
                          "RU": 2, "PL": 1},
    "fields": {"Electricity": 38, "Human necessities": 14, "Physics": 13, "Chemistry": 7,
               "Operations": 7, "Metallurgy": 3, "Mechanical engineering": 2, "Transport": 2,
               "Lighting": 1},
    "totals": {"cooperation patents": 1730, "focal province patents": 87},
}

_COUNTING_NOTE = {
    "full": ("Full counting: a patent counts once for every unit it involves (a patent with "
             "inventors in Beijing and Jiangsu counts for both), so shares can add up to more than 1."),
    "fractional": ("Fractional counting: each patent is split equally over the distinct units it "
                   "involves, so the counts add up to the number of patents."),
}


@dataclass
class StudyReport(Report):
    """A :class:`~patnet.report.render.Report` with the study's data attached.

    Attributes
    ----------
    cooperation : PatentCorpus
        The cooperation patents the statistics were computed on.
    selection : object
        The :class:`patnet.select.SelectionRecord` (how many patents each rule kept).
    geo_report : object or None
        The :class:`patnet.geo.GeoReport` when the study normalised the corpus.
    values : dict
        Single numbers of the study (``focal_province_patents``,
        ``focal_province_share``).

    Examples
    --------
    >>> import patnet as pn
    >>> rep = pn.report.cooperation_study(pn.datasets.load_sample(), province="CN-JS",
    ...                                   years=(2001, 2017))
    >>> rep.selection.n_selected == rep.cooperation.n_patents
    True
    >>> rep.table("partners").head(3)  # doctest: +NORMALIZE_WHITESPACE
      partner       name  patents     share
    0      SG  Singapore      460  0.380795
    1      IN      India      230  0.190397
    2      IL     Israel      114  0.094371
    >>> rep.values["focal_province_patents"]
    94
    """

    cooperation: PatentCorpus | None = None
    selection: object = None
    geo_report: object = None
    values: dict = field(default_factory=dict)

    def table(self, name) -> pd.DataFrame:
        """The DataFrame of table ``name``."""
        try:
            return self.tables[name].frame
        except KeyError:
            raise PatnetInputError(f"no table {name!r} in this report",
                                   hint=f"Tables: {', '.join(self.tables)}") from None


def _labelled(df: pd.DataFrame, key: str, labels: dict | None) -> pd.DataFrame:
    out = df.reset_index()
    if labels:
        out.insert(1, "name", out[key].map(lambda v: labels.get(v, v) if isinstance(v, str) else v))
    return out


def _comparison(computed: pd.DataFrame, key: str, published: dict, value="patents") -> pd.DataFrame:
    comp = computed.set_index(key)[value] if key in computed.columns else computed[value]
    keys = list(published) + [k for k in comp.index if k not in published]
    rows = []
    for k in keys:
        pub = published.get(k)
        got = comp.get(k, 0)
        rows.append({key: k, "published": pub, "computed": got,
                     "difference": None if pub is None else got - pub})
    out = pd.DataFrame(rows)
    return out[out["published"].notna() | (out["computed"] > 0)].reset_index(drop=True)


#: How the field table (Table 4) counts a patent, by ``main_only`` / ``counting``.
_FIELD_NOTE = {
    "main": "a patent counts in the field of its main (first-listed) IPC code only.",
    "full": "a patent counts once in every field of its IPC codes (full counting).",
    "fractional": "a patent with IPC codes in k fields counts 1/k in each (fractional counting).",
}


def cooperation_study(corpus: PatentCorpus, *, focal: str = "CN", partners="bri",
                      province: str | None = "CN-JS", years=(2001, 2017), group: str = "bri",
                      field_level="section", main_only: bool = False, counting: str = "full",
                      residence: str = "inventors", date_basis: str = "grant",
                      exclude_others: bool = False, breaks=None, n_stages: int | None = 3,
                      normalize: bool = True, top: int = 10, published: dict | None = None,
                      load_report=None, title: str | None = None,
                      progress=None) -> StudyReport:
    """Every table and figure of a co-invention study, by stated definitions.

    The study of Chen (Jiangsu and the Belt and Road countries, USPTO
    2001–2017) is the default: ``focal="CN"``, ``partners="bri"``,
    ``province="CN-JS"``. Steps:

    1. unless the corpus is already normalised (``country_method`` present),
       countries and Chinese provinces are normalised (:func:`patnet.geo.normalize`);
    2. cooperation patents are selected (:func:`patnet.select.cooperation`);
    3. tables: the selection, partners (Table 1), provinces of the focal
       country (Table 2), the focal province's partners (Table 3), regions of
       the group (Figures 3–4), technology fields of the focal province
       (Table 4), yearly counts with named growth rates and stages (Figures 1–2),
       concentration (CR1, CR3, CR5, HHI) with the number of patents as denominator;
    4. figures for each;
    5. with ``published=`` (e.g. :data:`STUDY1_PUBLISHED`), the published
       values beside the computed ones with their differences.

    Parameters
    ----------
    corpus : PatentCorpus
    focal : str
        ISO code of the focal country.
    partners : str, list or DataFrame
        Partner countries: a group name (``"bri"``), ISO codes, or a group table.
    province : str or None
        ISO 3166-2 code of the focal province (``"CN-JS"``), or None to skip its tables.
    years : (int, int)
        First and last year, inclusive, on ``date_basis``.
    group : str
        Region group for the region tables.
    field_level : str or mapping
        ``"section"``, ``"wipo_field"``, ``"wipo_sector"`` or a prefix -> label
        mapping (:data:`patnet.classify.STUDY1_TABLE4` reproduces the paper's mix).
    main_only : bool
        Count each patent in the field of its main (first-listed) class only,
        so the field table adds up to the number of classified patents (as
        Chen's Table 4 does); by default a patent counts for every field of
        its classes.
    counting : {"full", "fractional"}
        How patents are counted per unit (see the report's definitions).
    residence : {"inventors", "applicants", "either"}
        Whose residence makes a patent a cooperation patent.
    date_basis : {"grant", "filing"}
    exclude_others : bool
        Drop patents that also have inventors outside the focal and partner countries.
    breaks : list of int, optional
        First years of the stages after the first (``[2007, 2014]``); if None,
        ``n_stages`` stages are found by exact change-point segmentation.
    n_stages : int or None
        Number of stages to find when ``breaks`` is None (None: no stages).
    normalize : bool
        Normalise countries and provinces first when the corpus is not yet normalised.
    top : int
        Rows shown in the ranked figures.
    published : dict, optional
        Published values to compare against (see :data:`STUDY1_PUBLISHED`).
    load_report : LoadReport, optional
        The loader's report, summarised in the report's inputs.
    title : str, optional
    progress : bool, optional
        Show a progress bar over the steps above; by default shown when the
        corpus has :data:`PROGRESS_ROWS` (a million) inventor rows or more.

    Returns
    -------
    StudyReport

    Examples
    --------
    On the bundled (synthetic) sample, with the paper's published values beside
    the computed ones:

    >>> import tempfile
    >>> from pathlib import Path
    >>> import patnet as pn
    >>> rep = pn.report.cooperation_study(pn.datasets.load_sample(),
    ...                                   published=pn.report.STUDY1_PUBLISHED)
    >>> rep.table("replication_totals")  # doctest: +NORMALIZE_WHITESPACE
                     quantity  published  computed  difference
    0     cooperation patents       1730      1208        -522
    1  focal province patents         87        94           7
    >>> out = rep.save(Path(tempfile.mkdtemp()) / "jiangsu-bri")
    >>> sorted(p.name for p in out.iterdir())
    ['figures', 'index.html', 'report.json', 'report.md', 'tables']
    """
    is_corpus = isinstance(corpus, PatentCorpus)  # (_study says when it is not)
    normalizing = bool(normalize) and is_corpus and "country_method" not in corpus.inventors.columns
    show = wanted(progress, size=len(corpus.inventors) if is_corpus else 0,
                  threshold=PROGRESS_ROWS)
    # stages: normalising (when needed), selecting, partners, provinces, the province's
    # tables (with a province), regions, years; each draws its figures
    with Stages("cooperation study", 5 + normalizing + bool(province), show=show) as bar, \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PatnetWarning)
        rep = _study(corpus, focal=focal, partners=partners, province=province, years=years,
                     group=group, field_level=field_level, main_only=main_only, counting=counting,
                     residence=residence, date_basis=date_basis, exclude_others=exclude_others,
                     breaks=breaks, n_stages=n_stages, normalizing=normalizing, top=top,
                     published=published, load_report=load_report, title=title, bar=bar)
    seen = set()
    for w in caught:
        if issubclass(w.category, PatnetWarning):
            text = str(w.message)
            if text not in seen:
                seen.add(text)
                rep.notes.append(f"Warning: {text}")
        else:  # not ours: pass it on
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return rep


def _study(corpus, *, focal, partners, province, years, group, field_level, main_only, counting,
           residence, date_basis, exclude_others, breaks, n_stages, normalizing, top, published,
           load_report, title, bar):
    from .. import geo, plot, select, stats

    if counting not in _COUNTING_NOTE:
        raise PatnetInputError(f"unknown counting={counting!r}",
                               hint="Use counting='full' or counting='fractional'")
    if not isinstance(corpus, PatentCorpus):
        raise PatnetInputError(f"cooperation_study() takes a PatentCorpus, got {type(corpus).__name__}")
    first, last = (None, None) if years is None else (int(years[0]), int(years[1]))
    geo_report = None
    if normalizing:
        bar.stage("normalising places")
        corpus, geo_report = geo.normalize(corpus)

    bar.stage("selecting cooperation patents")
    coop, record = select.cooperation(corpus, focal=focal, partners=partners, residence=residence,
                                      exclude_others=exclude_others, date_basis=date_basis,
                                      period=years)
    n = coop.n_patents
    title = title or (f"Patent cooperation of {focal}"
                      + (f" and {province}" if province else "")
                      + f" with {partners if isinstance(partners, str) else 'partner'} countries"
                      + (f", {first}-{last}" if first is not None else ""))
    labels_country = plot.country_labels()
    labels_province = plot.province_labels()
    rep = StudyReport(title=title, cooperation=coop, selection=record, geo_report=geo_report)
    rep.inputs = {
        "corpus": f"{corpus.n_patents:,} patents ({corpus.name or 'unnamed'})",
        "focal country": focal, "focal province": province or "none",
        "partners": f"{partners if isinstance(partners, str) else 'custom list'} "
                    f"({len(record.partners)} countries)",
        "period": f"{first}-{last} ({date_basis} year)" if first is not None else "all years",
        "residence": residence, "counting": counting,
        "technology fields": "main class only" if main_only else "every class",
        "third countries": "excluded" if exclude_others else "allowed",
        "cooperation patents": f"{n:,}",
        "patnet": __version__, "date": date.today().isoformat(),
    }
    if load_report is not None:
        summ = load_report.summary()
        rep.inputs["load report"] = "; ".join(
            f"{t}: read {r.rows_read:,}, loaded {r.rows_loaded:,}, dropped {r.rows_dropped:,}"
            for t, r in summ.iterrows())
    rep.definitions = {
        "cooperation patent": (f"at least one {residence[:-1] if residence != 'either' else 'inventor or applicant'} "
                               f"resident in {focal} and at least one in a partner country"
                               + ("; no other countries" if exclude_others else
                                  "; inventors from other countries may also be present")),
        "counting": _COUNTING_NOTE[counting],
        "province": ("Chinese inventors are attributed to provinces by their city string; "
                     "ambiguous or unresolved strings are not guessed and count as unassigned"),
        "share": "count divided by the number of cooperation patents",
        "CR_k": "share of the k largest units, with the number of cooperation patents as denominator",
        "HHI": "sum of squared shares of the counted total",
        "growth": "; ".join(f"{k}: {v}" for k, v in stats.DEFINITIONS.items()),
    }

    rep.add_table("selection", record.steps, "How the cooperation patents were selected",
                  "Each rule applied in turn; patents before and after it.")

    # Table 1: partners
    bar.stage("partners")
    t1 = stats.by_partner(coop, counting=counting, years=years)
    t1_show = _labelled(t1, "partner", labels_country)
    rep.add_table("partners", t1_show, "Cooperation patents by partner country (Table 1)",
                  _COUNTING_NOTE[counting])
    conc = stats.concentration(t1, denominator="patents")
    rep.add_table("partners_concentration", conc.reset_index(),
                  "Concentration of partners", f"{int(conc.loc['n_units', 'value'])} partner "
                  "countries have any cooperation; denominator: cooperation patents.")
    fig = _fig(plot.ranked_bars, t1, top=top, title="Partners")
    rep.add_figure("partners", fig, "Cooperation patents by partner country",
                   f"Top {top} partners; {_COUNTING_NOTE[counting]}")

    # Table 2: provinces of the focal country
    bar.stage("provinces")
    t2 = stats.by_province(coop, counting=counting, years=years)
    rep.add_table("provinces", _labelled(t2, "province", labels_province),
                  f"Cooperation patents by province of the {focal} inventors (Table 2)",
                  _COUNTING_NOTE[counting] + " Patents whose Chinese inventors have no resolved "
                  "province appear as a missing province.")
    rep.add_table("provinces_concentration",
                  stats.concentration(t2, denominator="patents").reset_index(),
                  "Concentration of provinces", "Denominator: cooperation patents.")
    fig = _fig(plot.ranked_bars, t2[t2.index.notna()], top=top, title="Provinces",
               highlight=province)
    rep.add_figure("provinces", fig, f"Cooperation patents by province of {focal} inventors")

    national = stats.by_year(coop, years=years, counting=counting)
    series = {focal: national}
    growth = {focal: stats.growth_table(national)}
    if province:
        bar.stage("province tables")
        n_prov = int((t2.index == province).sum() and t2.loc[province, "patents"])
        rep.values["focal_province_patents"] = n_prov
        rep.values["focal_province_share"] = n_prov / n if n else float("nan")
        t3 = stats.by_province_partner(coop, province=province, counting=counting, years=years)
        rep.add_table("province_partners", _labelled(t3, "partner", labels_country),
                      f"{province} cooperation patents by partner country (Table 3)",
                      f"Patents with at least one inventor in {province}; shares of those patents.")
        rep.add_table("province_partners_concentration",
                      stats.concentration(t3, denominator="patents").reset_index(),
                      f"Concentration of {province}'s partners", "Denominator: the province's patents.")
        cross = stats.by_province_partner(coop, counting=counting, years=years)
        fig = _heatmap(plot, cross, top)
        if fig is not None:
            rep.add_figure("province_partner_heatmap", fig, "Provinces by partner country",
                           f"The {top} largest provinces and partners.")
        t4 = stats.by_field(coop, level=field_level, province=province, counting=counting,
                            years=years, main_only=main_only)
        rep.add_table("province_fields", t4.reset_index(),
                      f"{province} cooperation patents by technology field (Table 4)",
                      f"Field level: {field_level if isinstance(field_level, str) else 'user mapping'}; "
                      + _FIELD_NOTE["main" if main_only else counting])
        fig = _fig(plot.ranked_bars, t4, top=top, title="Fields")
        rep.add_figure("province_fields", fig, f"{province} cooperation patents by field")
        prov_years = stats.by_year(coop, years=years, province=province, counting=counting)
        series[province] = prov_years
        growth[province] = stats.growth_table(prov_years)

    # regions (Figures 3-4)
    bar.stage("regions")
    regions = {focal: stats.by_region(coop, group=group, counting=counting, years=years)}
    if province:
        regions[province] = stats.by_region(coop, group=group, counting=counting, years=years,
                                            province=province)
    wide = pd.concat({k: v["patents"] for k, v in regions.items()}, axis=1).fillna(0)
    wide.index.name = "region"
    rep.add_table("regions", wide.reset_index(), f"Cooperation patents by {group} region (Figures 3-4)",
                  _COUNTING_NOTE[counting])
    fig = _fig(plot.grouped_bars, regions, normalize=bool(province), title="Regions")
    rep.add_figure("regions", fig, f"Cooperation patents by {group} region",
                   "Shares of each series' own total." if province else "")

    # years, growth and stages (Figures 1-2)
    bar.stage("years and stages")
    years_tbl = pd.concat({k: v["patents"] for k, v in series.items()}, axis=1)
    years_tbl.index.name = "year"
    rep.add_table("years", years_tbl.reset_index(), "Cooperation patents by year (Figures 1-2)")
    gt = pd.concat({k: v[["value", "first_year", "last_year"]] for k, v in growth.items()},
                   names=["series", "definition"]).reset_index()
    rep.add_table("growth", gt, "Growth, by named definition",
                  "cagr: compound annual growth between the first and last years with data; "
                  "mean_yoy: mean of year-on-year rates; loglinear: exp(slope)-1 of a log-linear trend.")
    stage_series = series[province] if province else national
    stage_tbl = None
    if breaks is not None:
        stage_tbl = stats.stages(stage_series, breaks,
                                 labels=[f"Stage {i + 1}" for i in range(len(breaks) + 1)])
    elif n_stages:
        found, stage_tbl = stats.find_stages(stage_series, n_stages=n_stages,
                                             labels=[f"Stage {i + 1}" for i in range(n_stages)])
        rep.notes.append(f"Stages of the {province or focal} series found by exact change-point "
                         f"segmentation into {n_stages} stages (least squares); breaks at {found}.")
    if stage_tbl is not None:
        rep.add_table("stages", stage_tbl.reset_index(), f"Stages of the {province or focal} series")
    names = {focal: labels_country.get(focal, focal)}
    if province:
        names[province] = labels_province.get(province, province)
    fig = _fig(plot.yearly, {names[k]: v for k, v in series.items()}, stages=stage_tbl,
               secondary=len(series) == 2,
               growth={names[k]: {"CAGR": float(v.loc["cagr", "value"])} for k, v in growth.items()},
               title="Cooperation patents per year")
    rep.add_figure("years", fig, "Cooperation patents per year",
                   "Stages shaded; compound annual growth annotated.")

    if published:
        _add_replication(rep, published, t1, t2, t3 if province else None,
                         t4 if province else None, n)
    if geo_report is not None:
        p = geo_report.provinces
        inv = p[p["table"] == "inventors"].set_index("status")["rows"]
        rep.inputs["province resolution (inventor rows in China)"] = ", ".join(
            f"{k} {int(v):,}" for k, v in inv.items())
        if len(geo_report.unresolved):
            rep.add_table("unresolved_cities", geo_report.unresolved,
                          "Most frequent unresolved city strings",
                          "Add them to an overrides table if you know their province.")
        if len(geo_report.ambiguous):
            rep.add_table("ambiguous_cities", geo_report.ambiguous,
                          "Most frequent ambiguous city strings",
                          "Names shared by places in several provinces; never guessed.")
    return rep


def _fig(fn, *args, **kwargs):
    ax = fn(*args, **kwargs)
    fig = ax.get_figure()
    import matplotlib.pyplot as plt

    plt.close(fig)
    return fig


def _heatmap(plot, cross, top):
    c = cross.reset_index().dropna(subset=["province", "partner"])
    if not len(c):
        return None
    prov = c.groupby("province")["patents"].sum().nlargest(top).index
    part = c.groupby("partner")["patents"].sum().nlargest(top).index
    sub = c[c["province"].isin(prov) & c["partner"].isin(part)]
    table = sub.pivot_table(index="province", columns="partner", values="patents",
                            aggfunc="sum", fill_value=0)
    table = table.loc[prov.intersection(table.index, sort=False),
                      part.intersection(table.columns, sort=False)]
    return _fig(plot.heatmap, table)


def _add_replication(rep, published, t1, t2, t3, t4, n):
    rows = []
    for name, key, computed in (("partners", "partner", t1), ("provinces", "province", t2),
                                ("province_partners", "partner", t3)):
        if name in published and computed is not None:
            cmp = _comparison(computed.reset_index(), key, published[name])
            rep.add_table(f"replication_{name}", cmp, f"Published vs computed: {name}",
                          "published: the paper's value; difference = computed - published.")
    if "fields" in published and t4 is not None:
        cmp = _comparison(t4.reset_index(), "field", published["fields"])
        rep.add_table("replication_fields", cmp, "Published vs computed: fields",
                      "Field names must match the level chosen (use a mapping such as "
                      "patnet.classify.STUDY1_TABLE4 for the paper's mix).")
    totals = published.get("totals", {})
    if "cooperation patents" in totals:
        rows.append({"quantity": "cooperation patents", "published": totals["cooperation patents"],
                     "computed": n})
    if "focal province patents" in totals and "focal_province_patents" in rep.values:
        rows.append({"quantity": "focal province patents",
                     "published": totals["focal province patents"],
                     "computed": rep.values["focal_province_patents"]})
    if rows:
        df = pd.DataFrame(rows)
        df["difference"] = df["computed"] - df["published"]
        rep.add_table("replication_totals", df, "Published vs computed: totals")
