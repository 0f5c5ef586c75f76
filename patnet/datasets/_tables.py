"""The package tables behind :mod:`patnet.datasets` (read once, cached).

The CSV files in ``patnet/datasets/data/`` start with ``# source:`` comment
lines; ``tools/derive_synthetic_tables.py`` writes them from the shared
reference data.
"""

from __future__ import annotations

import functools
import io
from importlib import resources

import numpy as np
import pandas as pd

__all__ = ["read_table", "tables", "Sampler"]


def read_table(name: str) -> pd.DataFrame:
    """One package table as strings (leading ``#`` lines skipped, "NA" kept as text)."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    return pd.read_csv(io.StringIO("".join(lines[i:])), dtype=str, keep_default_na=False)


class Sampler:
    """Weighted draws of items within groups, vectorised.

    Parameters
    ----------
    groups : array of int
        Group number (0..G-1) of every item.
    weights : array of float
        Non-negative weight of every item; every group that is drawn from must
        have a positive total.
    """

    def __init__(self, groups, weights):
        groups = np.asarray(groups, dtype=np.int64)
        weights = np.asarray(weights, dtype=float)
        order = np.argsort(groups, kind="stable")
        g = groups[order]
        self.order = order
        self.cum = np.cumsum(weights[order])
        n_groups = int(g.max()) + 1 if len(g) else 0
        self.start = np.searchsorted(g, np.arange(n_groups), "left")
        self.end = np.searchsorted(g, np.arange(n_groups), "right")
        before = np.concatenate([[0.0], self.cum])
        self.lo = before[self.start]
        self.hi = before[self.end]

    def draw(self, rng, groups):
        """One item index per entry of ``groups``."""
        groups = np.asarray(groups, dtype=np.int64)
        u = rng.random(len(groups))
        x = self.lo[groups] + u * (self.hi[groups] - self.lo[groups])
        idx = np.searchsorted(self.cum, x, side="right")
        idx = np.clip(idx, self.start[groups], self.end[groups] - 1)
        return self.order[idx]


def _codes(values, universe):
    pos = {v: i for i, v in enumerate(universe)}
    return np.array([pos[v] for v in values], dtype=np.int64)


class _Tables:
    """All package tables, in array form."""

    def __init__(self):
        cw = read_table("country_year_weights.csv")
        self.years = np.array([int(c) for c in cw.columns[1:]])
        self.countries = cw["country"].to_numpy(dtype=object)
        self.country_index = {c: i for i, c in enumerate(self.countries)}
        self.country_year = cw.iloc[:, 1:].astype(float).to_numpy()  # countries x years

        pr = read_table("partners.csv")
        self.bri = pr["country"].tolist()
        self.bri_region = dict(zip(pr["country"], pr["region"]))
        self.bri_name = dict(zip(pr["country"], pr["name"]))
        self.cn_partner_weight = dict(zip(pr["country"], pr["cn_weight"].astype(float)))

        pf = read_table("cn_prefectures.csv")
        self.pref_code = pf["adcode"].to_numpy(dtype=object)
        self.pref_name = pf["name"].to_numpy(dtype=object)
        self.pref_province = pf["province_iso"].to_numpy(dtype=object)
        self.pref_province_name = pf["province"].to_numpy(dtype=object)
        self.pref_weight = pf["weight"].astype(float).to_numpy()
        pref_pos = {c: i for i, c in enumerate(self.pref_code)}

        cv = read_table("cn_city_variants.csv")
        self.variant_city = cv["city"].to_numpy(dtype=object)
        self.variant_kind = cv["kind"].to_numpy(dtype=object)
        self.variant_sampler = Sampler([pref_pos[c] for c in cv["adcode"]],
                                       cv["weight"].astype(float).to_numpy())

        ci = read_table("cities.csv")
        self.city_country = ci["country"].to_numpy(dtype=object)
        self.city_name = ci["city"].to_numpy(dtype=object)
        self.city_state = ci["state"].to_numpy(dtype=object)
        self.city_countries = sorted(set(self.city_country))
        self.city_sampler = Sampler(_codes(self.city_country, self.city_countries),
                                    ci["weight"].astype(float).to_numpy())

        voc = read_table("vocabulary.csv")
        names = voc[voc["key"].isin(["first", "last"])]
        self.cultures = sorted(set(names["group"]))
        self.name_value = names["value"].to_numpy(dtype=object)
        kinds = names["key"].to_numpy()
        grp = _codes(names["group"], self.cultures) * 2 + (kinds == "first")
        rank = names.groupby(["group", "key"]).cumcount().to_numpy()
        self.name_sampler = Sampler(grp, 1.0 / np.sqrt(rank + 1.0))
        self.culture_of = dict(zip(voc.loc[voc["group"] == "culture_of", "key"],
                                   voc.loc[voc["group"] == "culture_of", "value"]))
        self.culture_mix = {}
        for g, d in voc[voc["group"].str.startswith("mix:")].groupby("group", sort=True):
            self.culture_mix[g[4:]] = (d["key"].tolist(), d["value"].astype(float).to_numpy())

        org = read_table("organisations.csv")
        self.org = org

        ipc = read_table("ipc_codes.csv").sort_values("code", kind="stable").reset_index(drop=True)
        self.ipc_code = ipc["code"].to_numpy(dtype=object)
        self.ipc_w_world = ipc["w_world"].astype(float).to_numpy()
        self.ipc_w_cn = ipc["w_cn"].astype(float).to_numpy()
        sub = ipc["code"].str[:4].to_numpy(dtype=object)
        _, first, counts = np.unique(sub, return_index=True, return_counts=True)
        starts = np.repeat(first, counts)
        self.ipc_sub_start = starts
        self.ipc_sub_len = np.repeat(counts, counts)

        pn = read_table("patent_numbers.csv")
        self.pn_year = pn["year"].astype(int).to_numpy()
        self.pn_utility = pn["first_utility"].astype(float).to_numpy()
        self.pn_design = pn["first_design"].astype(float).to_numpy()

    def year_weights(self, country, years):
        """Weight of each year in ``years`` for ``country`` (``None``: all countries).

        Years outside the calibration range take the nearest calibrated year.
        """
        cols = np.clip(np.asarray(years) - self.years[0], 0, len(self.years) - 1)
        if country is None:
            w = self.country_year.sum(axis=0)
        elif country in self.country_index:
            w = self.country_year[self.country_index[country]]
        else:
            w = np.ones(len(self.years))
        return w[cols]

    def country_weights(self, year):
        """Weights of all countries in one grant year (nearest calibrated year)."""
        col = int(np.clip(year - self.years[0], 0, len(self.years) - 1))
        return self.country_year[:, col]


@functools.lru_cache(maxsize=1)
def tables() -> _Tables:
    """The package tables (read once per process)."""
    return _Tables()
