"""patnet: co-invention networks and cooperation measures from patent records.

>>> import patnet as pn
>>> pn.__version__ >= "0.1"
True
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

from . import exceptions, schema  # noqa: E402
from .corpus import PatentCorpus, concat  # noqa: E402
from .exceptions import PatnetError, PatnetInputError, PatnetWarning, SchemaError  # noqa: E402
from . import geo, classify  # noqa: E402
from . import io, datasets, testing  # noqa: E402

# Imported on first use: plotting pulls in matplotlib, which computation never needs.
_LAZY = ("select", "stats", "build", "measures", "plot", "export", "report", "outofcore")


def __getattr__(name):
    if name in _LAZY:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'patnet' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


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
