"""Compare China's Belt and Road co-invention in two periods: partners, provinces and network.

The cooperation patents of the bundled sample are split into 2001-2009 and 2010-2017; for each
period the script counts patents, partner countries and provinces, their concentration, and
describes the province-country network (one graph per period on the same node universe, from
pn.build.slices). It prints one tidy table: one row per quantity, one column per period.

Run: python examples/compare_two_periods.py
"""

import pandas as pd

import patnet as pn

PERIODS = {"2001-2009": (2001, 2009), "2010-2017": (2010, 2017)}

corpus, _ = pn.geo.normalize(pn.datasets.load_sample())
coop, selection = pn.select.cooperation(corpus, focal="CN", partners="bri", period=(2001, 2017))
graphs = pn.build.slices(coop, pn.build.geo_graph, periods=PERIODS, level="province+country",
                         restrict=True, partners="bri")

rows = {}
for label, (start, end) in PERIODS.items():
    part = coop.filter_years(start, end)
    partners = pn.stats.by_partner(part)
    provinces = pn.stats.by_province(part)
    provinces = provinces[provinces.index.notna()]          # patents without a resolved province
    G = graphs[label]
    active = G.subgraph([n for n, k in G.degree() if k > 0])   # slices keep every node
    summary = pn.measures.network_summary(active)
    strength = pd.Series(dict(active.degree(weight="weight")))
    rows[label] = {
        "cooperation patents": part.n_patents,
        "partner countries": len(partners),
        "top partner": partners.index[0],
        "top-5 partner share (of patents)": pn.stats.top_share(partners, 5, denominator="patents"),
        "provinces": len(provinces),
        "top province": provinces.index[0],
        "Jiangsu patents": int(provinces["patents"].get("CN-JS", 0)),
        "network nodes (with a tie)": summary["nodes"],
        "network edges": summary["edges"],
        "density": summary["density"],
        "strongest node": strength.idxmax(),
    }

table = pd.DataFrame(rows)
table.index.name = "quantity"
numeric = pd.to_numeric(table.iloc[:, 1], errors="coerce") - pd.to_numeric(table.iloc[:, 0],
                                                                            errors="coerce")
table["change"] = numeric.map(lambda v: "" if pd.isna(v) else f"{v:+.3g}")
with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 120):
    print(selection, end="\n\n")
    print(table.to_string())

# the ties that appear only in the second period, strongest first
first, second = graphs.values()
new = [(u, v, d["weight"]) for u, v, d in second.edges(data=True) if not first.has_edge(u, v)]
print("\nnew ties in 2010-2017:", sorted(new, key=lambda e: -e[2])[:5])
