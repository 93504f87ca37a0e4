from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.generators.cran.generate import CranGenerator
from recipegen.generators.cran.recipe import RecipeOptions
from recipegen.generators.cran.repository import CranRepository

from tests.cran.cran_repo import build_repository


@pytest.fixture(scope="session")
def cran_root(tmp_path_factory) -> Path:
    """A CRAN-like repository built once from fixtures/cran (never modify it in a test)."""
    return build_repository(tmp_path_factory.mktemp("cran"))


@pytest.fixture
def generator(cran_root) -> CranGenerator:
    """Generation from the local repository with the data-file backend (deterministic without R)."""
    return CranGenerator(CranRepository.from_dir(cran_root), RecipeOptions(use_r=False))


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RECIPEGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RECIPEGEN_CRAN_URL", raising=False)
