"""Defects a conda-forge reviewer would flag, found reading `recipegen pypi` recipes of 20 live
packages nobody here had tried (pypirev round, 2026-12-07); the inputs are verbatim extracts of
the named releases' sdists and index listings (upstream packages under their own licenses)."""

from __future__ import annotations

from recipegen.generators.pypi.layout import detect_build
from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.sources import SourceTree

# reuse 6.2.0's pyproject.toml (extract): poetry-core runs `_build.py`, which compiles gettext
# catalogues; poetry then tags the wheel for the platform
REUSE_PYPROJECT = """[tool.poetry.build]
generate-setup-file = false
script = "_build.py"

[build-system]
requires = ["poetry-core>=1.1.0"]
build-backend = "poetry.core.masonry.api"
"""
# reuse 6.2.0's sdist (some of its paths; the only C file is test data) and its one wheel on PyPI
REUSE_PATHS = [
    "PKG-INFO",
    "pyproject.toml",
    "_build.py",
    "po/de.po",
    "src/reuse/__init__.py",
    "src/reuse/cli/main.py",
    "src/reuse/resources/reuse.spdx.jinja2",
    "tests/resources/fake_repository/src/source_code.c",
    "LICENSES/GPL-3.0-or-later.txt",
]
REUSE_WHEELS = ["reuse-6.2.0-cp310-cp310-manylinux_2_41_x86_64.whl"]


def _reuse_meta() -> UpstreamMetadata:
    return UpstreamMetadata(
        name="reuse", build_backend="poetry.core.masonry.api", build_requires=["poetry-core>=1.1.0"]
    )


def test_a_platform_wheel_without_code_to_compile_is_noarch():
    tree = SourceTree("reuse-6.2.0", REUSE_PATHS, {"pyproject.toml": REUSE_PYPROJECT})
    build = detect_build(_reuse_meta(), tree, REUSE_WHEELS)
    # before: compiled with a C compiler and nothing to compile, one build per Python
    assert not build.compiled and build.compilers == []
    assert "no code to compile" in build.notes[0]


def test_a_platform_wheel_with_c_sources_stays_compiled():
    tree = SourceTree("reuse-6.2.0", [*REUSE_PATHS, "src/reuse/_speedups.c"], {"pyproject.toml": REUSE_PYPROJECT})
    assert detect_build(_reuse_meta(), tree, REUSE_WHEELS).compiled


def test_a_platform_wheel_of_a_hatch_build_hook_stays_compiled():
    # a hatch hook (mypyc, a custom one) may compile without a C file in the sdist
    pyproject = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
    pyproject += '[tool.hatch.build.targets.wheel.hooks.custom]\npath = "hatch_build.py"\n'
    meta = UpstreamMetadata(name="p", build_backend="hatchling.build", build_requires=["hatchling"])
    tree = SourceTree("p-1", ["pyproject.toml", "src/p/__init__.py"], {"pyproject.toml": pyproject})
    assert detect_build(meta, tree, ["p-1-cp312-cp312-manylinux_2_17_x86_64.whl"]).compiled
