"""The fast `properties` / `additionalProperties` of recipegen.validation.check skip only values
that certainly pass: on mutated real files every error is the one the standard keywords give."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest

from recipegen.validation import check
from recipegen.validation.kinds import kind_for_path
from recipegen.validation.load import load_text

FORMATS = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
MUTATIONS = (5, "", "has space", None, True, [], {"x": 1}, "=1.0=bad", "https://", "conda", "linux-64")


def _leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _set(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _messages(data, schema):
    return sorted((list(e.absolute_path), e.message) for e in check.errors(data, schema))


def _standard_messages(data, schema, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(check, "_fast_properties", lambda standard, targets: standard)
        patched.setattr(check, "_fast_additional", lambda standard, targets: standard)
        check.validator.cache_clear()
        try:
            return _messages(data, schema)
        finally:
            check.validator.cache_clear()


KINDS = ("conda-lock.yml", "environment.yml", "repodata.json", "info-index.json", "conda-forge.yml")


@pytest.mark.parametrize("folder", KINDS)
def test_fast_keywords_report_what_the_standard_ones_report(folder, monkeypatch):
    files = sorted(p for p in (FORMATS / folder).rglob("*") if p.is_file() and p.stat().st_size < 60_000)[:2]
    assert files, folder
    rng = random.Random(folder)
    found = 0
    for file in files:
        kind = kind_for_path(str(file))
        data = load_text(file.read_text(encoding="utf-8"), str(file), kind)[0].data
        leaves = list(_leaves(data))
        for _ in range(12):
            broken = copy.deepcopy(data)
            for path in rng.sample(leaves, k=min(3, len(leaves))):
                if path:
                    _set(broken, path, rng.choice(MUTATIONS))
            fast = _messages(broken, kind.name)
            assert fast == _standard_messages(broken, kind.name, monkeypatch), (file, fast)
            found += len(fast)
    assert found  # the mutations broke something: the comparison is not of empty lists only
