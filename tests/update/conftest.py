"""Shared helpers for the `recipegen update` tests: recorded responses, recipe copies, no network."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from recipegen.generators.pypi.record import replay_transport

from recipegen.http import Fetcher
from recipegen.update.pipeline import Options, UpdateResult, update_recipe
from recipegen.update.record import replay_downloader
from recipegen.update.resolve import Services

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "update"
RECIPES = FIXTURES / "recipes"
RESPONSES = FIXTURES / "responses"


def recorded(*labels: str) -> list[Path]:
    return [RESPONSES / label for label in labels] if labels else sorted(p for p in RESPONSES.iterdir() if p.is_dir())


def make_services(tmp_path: Path, *labels: str, transport=None, **kwargs) -> Services:
    folders = recorded(*labels)
    transport = transport or replay_transport(*folders)
    fetcher = Fetcher(transport=transport, use_cache=False, retries=0, cache_dir=tmp_path / "cache")
    return Services(fetcher, replay_downloader(folders, transport), **kwargs)


def recipe_copy(tmp_path: Path, label: str, feedstock: str | None = None) -> Path:
    """A copy of fixtures/update/recipes/<label> as <tmp>/<feedstock>/recipe/; the recipe file."""
    target = tmp_path / (feedstock or f"{label}-feedstock") / "recipe"
    shutil.copytree(RECIPES / label, target)
    for path in target.iterdir():
        path.chmod(0o644)
    return next(target / name for name in ("recipe.yaml", "meta.yaml") if (target / name).exists())


def run_update(tmp_path: Path, label: str, responses: str, **options) -> tuple[UpdateResult, str, str]:
    """(result, recipe text before, text after) of one update on a copy."""
    path = recipe_copy(tmp_path, label)
    before = path.read_text()
    result = update_recipe(path, Options(**options), make_services(tmp_path, responses))
    return result, before, path.read_text()


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Any real network access in these tests is a failure."""

    def refuse(self, url):
        raise AssertionError(f"test tried to reach the network: {url}")

    monkeypatch.setattr(Fetcher, "_network_get", refuse)
