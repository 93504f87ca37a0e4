"""Shared helpers for the PyPI generator tests: recorded index responses, no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.generators.pypi.generator import Options, PypiGenerator
from recipegen.generators.pypi.record import replay_transport

from recipegen.http import Fetcher

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pypi"


def recorded_folders() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if (p / "responses.json").is_file())


@pytest.fixture(scope="session")
def transport():
    return replay_transport(*recorded_folders())


@pytest.fixture
def make_generator(transport, tmp_path):
    def make(**options) -> PypiGenerator:
        fetcher = Fetcher(transport=transport, use_cache=False, retries=0, cache_dir=tmp_path / "cache")
        return PypiGenerator(fetcher, Options(**options))

    return make


@pytest.fixture
def heldout_generator(tmp_path):
    """A generator replaying one package's recording in benchmarks/pypi_heldout (held-out
    packages are not in fixtures/pypi, so a regression test found on one reads it there)."""

    def make(package: str, extras: tuple[str, ...] = ("none",)) -> PypiGenerator:
        recorded = FIXTURES.parents[1] / "benchmarks" / "pypi_heldout" / package
        fetcher = Fetcher(
            transport=replay_transport(recorded), use_cache=False, retries=0, cache_dir=tmp_path / "cache"
        )
        return PypiGenerator(fetcher, Options(extras=extras))

    return make


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Any real network access in these tests is a failure."""

    def refuse(self, url, deadline=None):
        raise AssertionError(f"test tried to reach the network: {url}")

    monkeypatch.setattr(Fetcher, "_network_get", refuse)
