"""SPDX licences: expressions, PyPI classifiers, licence texts, file names, families.

The one place generators and lint rules ask licence questions (docs/licenses.md).
Importing this module is cheap: each name loads its submodule of `recipegen.licensing` on
first use (PEP 562), and data and the parsing library load on first call.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers and editors; at run time names load lazily below
    pass

_SUBMODULE = {
    "classifier_ambiguity": "classifiers",
    "classifier_ambiguity_reason": "classifiers",
    "spdx_from_classifiers": "classifiers",
    "LicenseCheck": "expressions",
    "check_expression": "expressions",
    "expression_ids": "expressions",
    "normalize_expression": "expressions",
    "FAMILIES": "families",
    "license_families": "families",
    "is_license_file_name": "filenames",
    "LicenseMatch": "textmatch",
    "corpus_info": "textmatch",
    "identify_license_text": "textmatch",
    "contained_license": "textmatch",
    "closest_licenses": "textmatch",
}

__all__ = sorted(_SUBMODULE)


def __getattr__(name: str) -> Any:
    submodule = _SUBMODULE.get(name)
    if submodule is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"recipegen.licensing.{submodule}"), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SUBMODULE))
