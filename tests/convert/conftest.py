import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
CORPUS = FIXTURES / "recipes" / "v0"
CONVERT = FIXTURES / "convert"


@pytest.fixture
def recipe_copy(tmp_path):
    """A copy of a fixture recipe folder (`name` under fixtures/convert or fixtures/recipes/v0)."""

    def copy(name: str) -> Path:
        source = CONVERT / name if (CONVERT / name).is_dir() else CORPUS / name
        target = tmp_path / name
        shutil.copytree(source, target)
        return target

    return copy
