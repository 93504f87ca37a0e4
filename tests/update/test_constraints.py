"""recipegen.update.constraints: the recipe's constraint follows upstream's change part by part."""

from __future__ import annotations

import pytest

from recipegen.update.constraints import follow, version_key


@pytest.mark.parametrize(
    ("recipe", "old", "new", "expected"),
    [
        (">=1.4.0", ">=1.4.0", ">=2.0.0", ">=2.0.0"),  # followed upstream before: follows again
        ("", "", ">=4.12,!=5.0.*", ">=4.12,!=5.0.*"),  # a new floor and a new exclusion
        (">=1.5.3,<3", ">=1.5.3,<3", ">=1.5.3,<4", ">=1.5.3,<4"),  # a raised cap
        (">=1", ">=1,<2", ">=1,<3", ">=1"),  # the maintainers dropped the cap: it stays dropped
        ("", ">=61", ">=77", ""),  # the maintainers left it unpinned: it stays unpinned
        (">=1.0_2", ">=1.0-2", ">=1.1", ">=1.1"),  # R versions in conda spelling
        (">=4.1", ">=4.1.0", ">=4.1.0", ">=4.1"),  # nothing changed upstream
        (">=1.0.0rc8", ">=1.0.0rc8", ">=1", ">=1"),  # a pre-release floor is not 1
    ],
)
def test_follow(recipe, old, new, expected):
    assert follow(recipe, old, new).constraint == expected


def test_a_deliberate_floor_that_upstream_now_exceeds_is_a_conflict():
    followed = follow(">=1.22", ">=1.22.4", ">=1.24")
    assert not followed.changed
    assert followed.conflict == "upstream now needs >=1.24, the recipe allows >=1.22"


def test_a_result_no_version_satisfies_is_not_proposed():
    assert follow("<60", "<60", ">=60").constraint == ">=60"  # upstream flipped its bound: followed
    assert not follow("<60.0.0", "", ">=60.0").changed  # the recipe's own cap and upstream's new floor clash


def test_a_cap_or_pin_below_upstreams_new_floor_is_a_conflict():
    """upfix: the recipe's own cap or exact pin that no version upstream now allows matches is
    reported (a hint), never silently kept: ipykernel's host `python 3.9` when 7.x needs >=3.11."""
    clash = follow("<60.0.0", "", ">=60.0")
    assert clash.conflict == "upstream now needs >=60.0, the recipe caps it at <60.0.0"
    assert clash.suggestion == ">=60.0" and not clash.changed
    assert follow("3.9", ">=3.8", ">=3.11").conflict == "upstream now needs >=3.11, the recipe pins 3.9"
    assert follow("3.9.*", ">=3.8", ">=3.11").conflict.endswith("the recipe pins 3.9.*")
    assert follow("<3.10", ">=3.8", ">=3.11").conflict.endswith("the recipe caps it at <3.10")
    assert not follow("3.10.*", ">=3.8", ">=3.10").conflict  # 3.10.x satisfies >=3.10
    assert not follow("3.12", ">=3.8", ">=3.11").conflict
    assert follow("<60", "<60", ">=60").constraint == ">=60"  # upstream's own old cap: followed


def test_version_keys():
    assert version_key("1.4.0") == version_key("1.4")
    assert version_key("1.0_2") == version_key("1.0-2") > version_key("1.0")
    assert version_key("1.0.0rc8") < version_key("1")


def test_an_exact_pin_that_upstreams_range_admits_is_kept_as_written():
    """upfix: `follow("1.2.3", "", ">=1.0")` gave `>=1.0,1.2.3`, a floor added to the maintainers'
    exact pin; a pin inside upstream's new range needs no change."""
    for pin in ("1.2.3", "==1.2.3", "1.2.*"):
        followed = follow(pin, "", ">=1.0,<2")
        assert followed.constraint == pin and not followed.changed and not followed.conflict
