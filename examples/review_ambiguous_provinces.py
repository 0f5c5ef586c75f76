"""List the Chinese city strings that fit several provinces, decide them, and apply the decisions.

pn.geo.normalize never guesses: "Suzhou" (Jiangsu, Anhui or Gansu) keeps a missing province and
its candidates. This script writes every ambiguous string to province_review.csv (city, state,
rows, candidates and an empty province column), fills in a few decisions as a researcher would
in a spreadsheet, and applies the filled-in file with the overrides= option of pn.geo.normalize.

Run: python examples/review_ambiguous_provinces.py   (writes province_review.csv into the current folder)
"""

import pandas as pd

import patnet as pn

sample = pn.datasets.load_sample()
corpus, report = pn.geo.normalize(sample, top=10_000)  # top: list every ambiguous string
print(report.provinces)

# one line per distinct (city, state) string; rows summed over inventors and applicants
review = (report.ambiguous.groupby(["city", "state", "candidates"], as_index=False)["rows"].sum()
          .sort_values(["rows", "city"], ascending=[False, True], ignore_index=True))
review["province"] = ""   # to fill in: one ISO 3166-2:CN code, or leave empty to keep it open
review["note"] = ""
review.to_csv("province_review.csv", index=False)
print(f"\n{len(review)} ambiguous strings written to province_review.csv:")
print(review.head(10).to_string(index=False))

# Stand-in for the researcher's decisions: here, the first (most likely) candidate of the
# strings seen at least 10 times. In a real study, check addresses and assignees first.
filled = pd.read_csv("province_review.csv", dtype=str, keep_default_na=False)
frequent = filled["rows"].astype(int) >= 10
filled.loc[frequent, "province"] = filled.loc[frequent, "candidates"].str.split("|").str[0]
filled.loc[frequent, "note"] = "first candidate (example decision)"

# Rows left empty must be dropped: an override without a province marks the string unresolved.
decided = filled[filled["province"].str.strip() != ""][["city", "state", "province", "note"]]
print("\ndecisions:\n" + decided.to_string(index=False))

# An override with an empty state applies to every state, also to rows such as "Taizhou" with
# state "Zhejiang" that were already resolved: keep those with (city, state) rows of their own.
rows = pd.concat([corpus.inventors, corpus.applicants])
settled = rows[rows["city"].isin(decided["city"]) & rows["state"].notna()
               & rows["province_status"].eq("resolved")]
keep = settled[["city", "state", "province"]].drop_duplicates().assign(note="settled by state")
overrides = pd.concat([decided, keep], ignore_index=True)
check = pn.geo.resolve_province(overrides["city"], overrides["state"], overrides=overrides)
print("\noverrides:\n" + overrides.assign(status=check["status"].to_numpy()).to_string(index=False))
corpus2, report2 = pn.geo.normalize(sample, overrides=overrides)

before = report.provinces.set_index(["table", "status"])["rows"]
after = report2.provinces.set_index(["table", "status"])["rows"]
table = pd.DataFrame({"before": before, "after": after}).fillna(0).astype(int)
table["change"] = table["after"] - table["before"]
print("\nChinese rows by province status, before and after the decisions:\n" + table.to_string())
moved = (corpus.inventors["province_status"].eq("resolved")
         & corpus2.inventors["province"].ne(corpus.inventors["province"])).sum()
print(f"\nresolved inventor rows whose province the decisions changed: {moved}")
