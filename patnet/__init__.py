"""patnet: co-invention networks and cooperation measures from patent records.

>>> import patnet as pn
>>> pn.__version__ >= "0.1"
True
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import exceptions, schema  # noqa: E402
from .corpus import PatentCorpus, concat  # noqa: E402
from .exceptions import PatnetError, PatnetInputError, PatnetWarning, SchemaError  # noqa: E402
from . import geo, classify  # noqa: E402
from . import io, datasets, testing  # noqa: E402

__all__ = [
    "__version__",
    "PatentCorpus",
    "concat",
    "PatnetError",
    "PatnetInputError",
    "PatnetWarning",
    "SchemaError",
    "schema",
    "exceptions",
    "geo",
    "classify",
    "io",
    "datasets",
    "testing",
]
