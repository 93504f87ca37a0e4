"""SPDX licences: expressions, PyPI classifiers, licence texts, file names, families.

The one place generators and lint rules ask licence questions (docs/licenses.md).
Importing this module is cheap: data and the parsing library load on first use.
"""

from __future__ import annotations

from recipegen.licensing.classifiers import (
    classifier_ambiguity,
    classifier_ambiguity_reason,
    spdx_from_classifiers,
)
from recipegen.licensing.expressions import (
    LicenseCheck,
    check_expression,
    expression_ids,
    normalize_expression,
)
from recipegen.licensing.families import FAMILIES, license_families
from recipegen.licensing.filenames import is_license_file_name
from recipegen.licensing.textmatch import LicenseMatch, corpus_info, identify_license_text

__all__ = [
    "FAMILIES",
    "LicenseCheck",
    "LicenseMatch",
    "check_expression",
    "classifier_ambiguity",
    "classifier_ambiguity_reason",
    "corpus_info",
    "expression_ids",
    "identify_license_text",
    "is_license_file_name",
    "license_families",
    "normalize_expression",
    "spdx_from_classifiers",
]
