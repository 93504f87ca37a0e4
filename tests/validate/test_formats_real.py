"""Every real file of fixtures/formats/ (226 files of 14 kinds from public repositories) is told
apart by its name and validates clean against its schema; so do the packages rattler-build built
for these tests, validated in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from recipegen.validate import validate_file
from recipegen.validation.kinds import kind_for_path

from .conftest import FIXTURES

FORMATS = FIXTURES / "formats"
PACKAGES = FORMATS / "packages"
# folder of fixtures/formats -> the schema its files need
FOLDER_KIND = {
    "conda-forge.yml": "conda-forge",
    "environment.yml": "environment",
    "condarc": "condarc",
    "info-index.json": "package-index",
    "info-about.json": "package-about",
    "info-paths.json": "package-paths",
    "info-run_exports.json": "package-run-exports",
    "info-link.json": "package-link",
    "repodata.json": "repodata",
    "channeldata.json": "channeldata",
    "channel-run_exports.json": "channel-run-exports",
    "conda-lock.yml": "conda-lock",
    "conda_build_config.yaml": "variants",
    "variants.yaml": "variants",
}
REAL = sorted(p for folder in FOLDER_KIND for p in (FORMATS / folder).rglob("*") if p.is_file())
ARTIFACTS = [*sorted(PACKAGES.glob("*.conda")), *sorted(PACKAGES.glob("*.tar.bz2"))]


def _id(path: Path) -> str:
    return str(path.relative_to(FORMATS))


def test_every_kind_has_its_real_files():
    counts = {folder: sum(1 for p in REAL if p.relative_to(FORMATS).parts[0] == folder) for folder in FOLDER_KIND}
    assert sum(counts.values()) == 226
    assert min(counts.values()) >= 1 and counts["conda-forge.yml"] == 27 and counts["repodata.json"] == 21


@pytest.mark.parametrize("path", REAL, ids=_id)
def test_real_file_is_recognised_by_its_name_and_validates_clean(path):
    kind = kind_for_path(str(path))
    assert kind is not None and kind.name == FOLDER_KIND[path.relative_to(FORMATS).parts[0]]
    problems = validate_file(path)
    assert problems == [], "\n".join(p.one_line() for p in problems)


def test_rattler_build_packages_are_present():
    assert [p.name for p in ARTIFACTS] == [
        "hello-demo-0.1.0-h5600cae_0.conda",
        "libsplit-demo-2.1.0-h4616a5c_0.conda",
        "split-demo-tools-2.1.0-h2fd8851_0.conda",
        "hello-demo-0.1.0-h5600cae_0.tar.bz2",
    ]


@pytest.mark.parametrize("path", ARTIFACTS, ids=lambda p: p.name)
def test_package_built_by_rattler_build_validates_in_place(path):
    from recipegen.validation.load import load_artifact

    documents, missing = load_artifact(str(path))
    assert missing == []
    kinds = sorted(document.kind.name for document in documents)
    assert {"package-index", "package-about", "package-paths", "rendered-recipe"} <= set(kinds)
    assert validate_file(path) == []


@pytest.mark.parametrize("path", sorted((PACKAGES / "recipes").glob("*/recipe.yaml")), ids=lambda p: p.parent.name)
def test_recipes_of_the_packages_are_valid(path):
    assert validate_file(path) == []
