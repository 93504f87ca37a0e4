"""Defects found running `recipegen pypi` on 30 packages nobody had looked at (pypi6 round,
2026-12-07); the inputs are the real upstream metadata of the named releases, cut to what each
check reads (upstream packages under their own licenses)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from packaging.requirements import Requirement
from recipegen.generators.pypi.deps import to_dependency
from recipegen.generators.pypi.layout import crate_folder, detect_build
from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.names import NameMapper
from recipegen.generators.pypi.requirements import build_system_requires, is_dev_extra, merged_per_python
from recipegen.generators.pypi.sources import SourceTree

# zstandard 0.25.0's [build-system] requires and its `cffi` extra (PKG-INFO)
ZSTANDARD_BUILD = [
    "cffi~=1.17; platform_python_implementation != 'PyPy' and python_version < '3.14'",
    "cffi>=2.0.0b; platform_python_implementation != 'PyPy' and python_version >= '3.14'",
    "packaging",
    "setuptools>=77.0.0",
]
ZSTANDARD_CFFI_EXTRA = [
    'cffi~=1.17; (platform_python_implementation != "PyPy" and python_version < "3.14")',
    'cffi>=2.0.0b; (platform_python_implementation != "PyPy" and python_version >= "3.14")',
]
PYTHONS = ["3.10", "3.11", "3.12", "3.13", "3.14"]


def test_a_build_input_constrained_per_python_is_unversioned_in_host():
    facts = SimpleNamespace(
        meta=UpstreamMetadata(name="zstandard", build_requires=ZSTANDARD_BUILD), pypi_name="zstandard"
    )
    host, _, _ = build_system_requires(facts, NameMapper(), [])
    specs = [getattr(item, "spec", item) for item in host]
    # before: only the first, `cffi >=1.17,<2`, which no Python 3.14 build can install
    assert "cffi" in specs and not any(s.startswith("cffi >") for s in specs)
    assert "setuptools >=77.0.0" in specs


def test_a_noarch_dependency_constrained_per_python_is_one_unversioned_entry():
    deps = [to_dependency(Requirement(text), NameMapper(), PYTHONS, "") for text in ZSTANDARD_CFFI_EXTRA]
    merged = merged_per_python(deps)
    assert [d.matchspec() for d in merged] == ["cffi"]
    assert ">=2.0.0b" in merged[0].marker and "<2" in merged[0].marker


def test_same_constraint_under_two_markers_keeps_its_version():
    texts = ['tomli>=1.1; python_version < "3.11"', 'tomli>=1.1; sys_platform == "win32"']
    deps = [to_dependency(Requirement(t), NameMapper(), PYTHONS, "") for t in texts]
    assert [d.matchspec() for d in merged_per_python(deps)] == ["tomli >=1.1"]


def test_linter_and_minimum_version_extras_are_development_groups():
    # python-lz4 4.4.5's `flake8` extra, mkdocs 1.6.1's `min-versions` (every dependency pinned ==)
    assert is_dev_extra("flake8") and is_dev_extra("min-versions")
    assert not is_dev_extra("i18n")


# pendulum 3.3.0's sdist: maturin finds the crate in rust/ by itself (no manifest-path)
PENDULUM_PATHS = [
    "LICENSE",
    "PKG-INFO",
    "pyproject.toml",
    "rust/Cargo.lock",
    "rust/Cargo.toml",
    "rust/src/lib.rs",
    "src/pendulum/__init__.py",
]
PENDULUM_PYPROJECT = """[build-system]
requires = ["maturin>=1.0,<2.0"]
build-backend = "maturin"

[tool.maturin]
module-name = "pendulum._pendulum"
features = ["pyo3/extension-module"]
python-packages = ["pendulum"]
"""


def test_a_crate_below_the_top_is_where_cargo_bundle_licenses_runs():
    tree = SourceTree("pendulum-3.3.0", PENDULUM_PATHS, {"pyproject.toml": PENDULUM_PYPROJECT})
    meta = UpstreamMetadata(name="pendulum", build_backend="maturin", build_requires=["maturin>=1.0,<2.0"])
    build = detect_build(meta, tree, ["pendulum-3.3.0-cp312-cp312-manylinux_2_17_x86_64.whl"])
    assert "rust" in build.compilers and build.crate_dir == "rust"


def test_crate_folder_follows_manifest_path_and_the_top():
    declared = PENDULUM_PYPROJECT + 'manifest-path = "native/Cargo.toml"\n'
    assert crate_folder(SourceTree("t", ["native/Cargo.toml"], {"pyproject.toml": declared})) == "native"
    assert crate_folder(SourceTree("t", ["Cargo.toml", "rust/Cargo.toml"], {"pyproject.toml": ""})) == ""


def test_a_curated_build_option_reaches_the_pip_command(heldout_generator):
    # zstandard 0.25.0's setup.py builds its bundled libzstd unless given `--system-zstd` on its
    # command line: before, the recipe put zstd in host while the build used the bundled copy
    from recipegen.generate import check_generated

    recipe = heldout_generator("zstandard").generate("zstandard==0.25.0")
    data = recipe.data["outputs"][0] if "outputs" in recipe.data else recipe.data
    assert "zstd" in data["requirements"]["host"]
    assert data["build"]["script"].endswith("--no-build-isolation --config-settings=--build-option=--system-zstd")
    assert "--system-zstd  # link the system library in host, not the bundled copy" in recipe.text()
    assert check_generated(recipe, recipe.text()) == []


def _license_of(paths_and_texts: dict[str, str], classifiers: list[str]) -> str:
    from recipegen.generators.pypi.license_info import decide

    tree = SourceTree("t", list(paths_and_texts), dict(paths_and_texts))
    meta = UpstreamMetadata(name="p", classifiers=classifiers, license_files=list(paths_and_texts))
    return decide(meta, tree).expression


GPL3_TEXT = (Path(__file__).resolve().parents[2] / "fixtures" / "licenses" / "spdx" / "GPL-3.0-only.txt").read_text()
# docutils 0.23.1's COPYING.rst (an overview, not a licence text), the part about the GPL file
DOCUTILS_OVERVIEW = """* tools/editors/emacs/rst.el

  copyright by Free Software Foundation, Inc.,
  released under the `GNU General Public License`_ version 3 or later
  (`local copy`__).

  __ licenses/gpl-3-0.rst
"""
GPL_CLASSIFIER = ["License :: OSI Approved :: GNU General Public License (GPL)"]


def test_an_overview_granting_version_3_or_later_makes_the_gpl_text_or_later():
    # before: GPL-3.0-only, from the full text alone, though COPYING.rst says "version 3 or later"
    texts = {"COPYING.rst": DOCUTILS_OVERVIEW, "licenses/gpl-3-0.txt": GPL3_TEXT}
    assert _license_of(texts, GPL_CLASSIFIER) == "GPL-3.0-or-later"


def test_the_gpl_texts_own_how_to_apply_appendix_grants_nothing():
    # the full text says "either version 3 of the License, or (at your option) any later
    # version" in its appendix: that is an example notice, not the project's grant
    assert _license_of({"COPYING": GPL3_TEXT}, GPL_CLASSIFIER) == "GPL-3.0-only"
