"""The bundled sample corpus."""

from __future__ import annotations

import functools

from ..corpus import PatentCorpus
from .synthetic import synthetic_corpus

__all__ = ["load_sample", "SAMPLE_SEED", "SAMPLE_SIZE"]

#: Seed and size of the sample (changing them changes the sample).
SAMPLE_SEED = 20180228
SAMPLE_SIZE = 3000


@functools.lru_cache(maxsize=1)
def _sample() -> PatentCorpus:
    return synthetic_corpus(
        SAMPLE_SIZE, seed=SAMPLE_SEED, start_year=2001, end_year=2018, focal="CN",
        cooperation_share=0.5, focal_share=0.3, name="patnet sample (synthetic)")


def load_sample() -> PatentCorpus:
    """A ready-made synthetic corpus for examples and tests.

    3,000 synthetic USPTO-like grants of 2001-2018 built by
    :func:`synthetic_corpus` with a fixed seed: half of them China-Belt and
    Road co-invention patents (the material of cooperation studies), 30%
    Chinese patents without a Belt and Road partner, the rest drawn from the
    world-wide USPTO mix. **The data are synthetic** (see
    :func:`synthetic_corpus` for how they are calibrated).

    The corpus is generated once per process (in well under a second) and
    cached; every call returns a new :class:`~patnet.PatentCorpus` over the
    same tables, so changing one result does not change the next.

    Returns
    -------
    PatentCorpus
        With the extra columns of :func:`synthetic_corpus` (``true_province``,
        ``true_sector``, ...).

    Examples
    --------
    >>> import patnet as pn
    >>> c = pn.datasets.load_sample()
    >>> c.n_patents, c.year_span
    (3000, (2001, 2018))
    >>> c.inventors["country"].eq("CN").any()
    True
    """
    return _sample().replace()
