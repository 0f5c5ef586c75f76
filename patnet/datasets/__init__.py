"""Synthetic patent data: a seeded USPTO-like generator, a bundled sample, and
writers to the layouts patent data are downloaded in.

**All data here are synthetic.** :func:`synthetic_corpus` invents patents
whose marginal distributions (countries by year, Chinese prefectures,
technology fields, team sizes, patent numbers) are calibrated on real USPTO
aggregates, with an over-sampled share of China-Belt and Road co-invention
patents; :func:`load_sample` returns a fixed one. :func:`write_patentsview`
and :func:`write_uspto_xml` write any corpus as PatentsView bulk tables or a
USPTO weekly grant XML file.

Examples
--------
>>> import patnet as pn
>>> c = pn.datasets.synthetic_corpus(100, seed=0)
>>> c.n_patents
100
"""

from ._sample import load_sample
from .synthetic import synthetic_corpus
from .writers import write_patentsview, write_uspto_xml

__all__ = ["synthetic_corpus", "load_sample", "write_patentsview", "write_uspto_xml"]
