"""check_expression's shortcut for one licence id gives exactly what the parser gives (the
license rules call it on every recipe)."""

from __future__ import annotations

import dataclasses

import pytest

from recipegen.licensing import expressions


def _parsed(text: str) -> expressions.LicenseCheck:
    """check_expression without the shortcut."""
    original = expressions._single_licence_id
    expressions._single_licence_id = lambda text, check: False
    try:
        return expressions.check_expression(text)
    finally:
        expressions._single_licence_id = original


def _every_id_in_three_cases() -> list[str]:
    ids = list(expressions.spdx_ids().values()) + list(expressions.spdx_exception_ids().values())
    return [variant for key in ids for variant in (key, key.lower(), key.upper())]


def test_single_ids_match_the_parser() -> None:
    differ = []
    for text in [*_every_id_in_three_cases(), "AND", "or", "LicenseRef-Foo", "Foo-1.0", "MIT ", " mit"]:
        fast, slow = expressions.check_expression(text), _parsed(text)
        if dataclasses.asdict(fast) != dataclasses.asdict(slow):
            differ.append((text, fast, slow))
    assert differ == []


@pytest.mark.parametrize("text", ["MIT", "gpl-2.0+", "Apache-2.0"])
def test_shortcut_is_taken(text: str) -> None:
    check = expressions.LicenseCheck(expression=text)
    assert expressions._single_licence_id(text, check)
