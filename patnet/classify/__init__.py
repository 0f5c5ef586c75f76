"""Who and what: applicant sectors, IPC sections and WIPO technology fields.

``pn.classify.ipc`` is the function :func:`patnet.classify.ipc.ipc` (the
module of the same name is reached with ``from patnet.classify.ipc import ...``).
"""

from .ipc import (  # noqa: F401  (the function shadows the module on purpose)
    STUDY1_TABLE4,
    assign_fields,
    ipc,
    ipc_sections,
    normalize_code,
    normalize_codes,
    wipo_concordance,
    wipo_fields,
)

from .sectors import assign_sectors, normalize_name, sector, sector_rules

__all__ = [
    "sector",
    "assign_sectors",
    "sector_rules",
    "normalize_name",
    "ipc",
    "normalize_code",
    "normalize_codes",
    "assign_fields",
    "ipc_sections",
    "wipo_fields",
    "wipo_concordance",
    "STUDY1_TABLE4",
]
