import pytest

from recipegen.generate import write_recipe_folder
from recipegen.writing import RefusedOverwrite


def test_writes_recipe_and_extra_files(tmp_path):
    folder = tmp_path / "pkg"
    write_recipe_folder(folder, "package: {}\n", {"conda-forge.yml": "noarch_platforms:\n  - linux_64\n"}, force=False)
    assert (folder / "recipe.yaml").read_text() == "package: {}\n"
    assert "linux_64" in (folder / "conda-forge.yml").read_text()


def test_refuses_when_any_target_exists_and_writes_nothing(tmp_path):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "conda-forge.yml").write_text("bot:\n  automerge: true\n")
    with pytest.raises(RefusedOverwrite):
        write_recipe_folder(folder, "package: {}\n", {"conda-forge.yml": "noarch_platforms: [linux_64]\n"}, force=False)
    assert not (folder / "recipe.yaml").exists()
    assert (folder / "conda-forge.yml").read_text() == "bot:\n  automerge: true\n"


def test_force_merges_settings_files_keeping_other_keys(tmp_path):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "conda-forge.yml").write_text(
        "# feedstock settings\nprovider:\n  linux_aarch64: default\nnoarch_platforms:\n  - linux_64\n"
    )
    write_recipe_folder(
        folder, "package: {}\n", {"conda-forge.yml": "noarch_platforms:\n  - linux_64\n  - win_64\n"}, force=True
    )
    merged = (folder / "conda-forge.yml").read_text()
    assert "# feedstock settings" in merged
    assert "linux_aarch64: default" in merged
    assert "win_64" in merged
