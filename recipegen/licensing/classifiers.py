"""PyPI `License :: ...` trove classifiers -> SPDX ids (PEP 639 appendix, data file)."""

from __future__ import annotations

from collections.abc import Iterable

from recipegen.licensing.data import classifier_table


def _normalize(classifier: str) -> str:
    return " :: ".join(part.strip() for part in str(classifier).split("::"))


def spdx_from_classifiers(classifiers: Iterable[str]) -> list[str]:
    """SPDX ids that the licence classifiers determine, in order, without repeats.

    Classifiers that name no single licence (`License :: OSI Approved :: BSD License`)
    give nothing here; `classifier_ambiguity` lists them.
    """
    table = classifier_table()
    found: list[str] = []
    for classifier in classifiers:
        spdx_id, _ = table.get(_normalize(classifier), ("", ""))
        if spdx_id and spdx_id not in found:
            found.append(spdx_id)
    return found


def classifier_ambiguity(classifiers: Iterable[str]) -> list[str]:
    """The `License ::` classifiers that do not determine one SPDX id.

    Unknown `License ::` classifiers (not in the trove list) are ambiguous too.
    """
    table = classifier_table()
    ambiguous: list[str] = []
    for classifier in classifiers:
        key = _normalize(classifier)
        if not key.startswith("License ::"):
            continue
        spdx_id, _ = table.get(key, ("", ""))
        if not spdx_id and key not in ambiguous:
            ambiguous.append(key)
    return ambiguous


def classifier_ambiguity_reason(classifier: str) -> str:
    """Why a classifier does not determine one id ('' when it does or is unknown)."""
    return classifier_table().get(_normalize(classifier), ("", ""))[1]
