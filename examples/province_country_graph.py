"""Build the province-country co-invention graph of study 1 and export it for Gephi and VOSviewer.

Run: python examples/province_country_graph.py   (writes into the current folder)
"""

import patnet as pn

corpus, geo_report = pn.geo.normalize(pn.datasets.load_sample())
print(geo_report.provinces)

coop, selection = pn.select.cooperation(corpus, focal="CN", partners="bri", period=(2001, 2017))
print(selection)

# Chinese inventors are their province, foreign inventors their country; only CN-partner links
G = pn.build.geo_graph(coop, level="province+country", restrict=True, partners="bri")
print(G.graph["level"], G.graph["counting"], G.number_of_nodes(), "nodes", G.number_of_edges(), "edges")

table = pn.measures.compute(G, ["strength", "betweenness", "pagerank"])
print(table.sort_values("strength", ascending=False).head(10))

communities = pn.measures.communities(G, "leiden", seed=1)
print("modularity", round(communities.attrs["modularity"], 3))

pn.export.write_gexf(G, "province_country.gexf")
pn.export.write_vosviewer(G, "province_country_map.txt", "province_country_network.txt",
                          partition=communities.to_dict())
print("wrote province_country.gexf and the VOSviewer map and network files")
