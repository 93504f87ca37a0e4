"""Defects found running `recipegen pypi` on 20 more packages nobody had looked at (pypi8 round,
2026-12-08); the inputs are verbatim extracts of the named releases' sdists or their recordings
in benchmarks/pypi_heldout (upstream packages under their own licenses)."""

from __future__ import annotations

import tarfile
from pathlib import Path

from recipegen.generators.pypi.license_info import decide
from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.native import native_libraries
from recipegen.generators.pypi.sources import SourceTree

HELDOUT = Path(__file__).resolve().parents[2] / "benchmarks" / "pypi_heldout"

# pikepdf 10.18.0's CMakeLists.txt (extract): qpdf is linked by its bare name, no find_package
PIKEPDF_CMAKE = """find_package(Python 3.11 COMPONENTS Interpreter Development.Module REQUIRED)
find_package(nanobind CONFIG REQUIRED)
nanobind_add_module(_core
    NB_DOMAIN pikepdf
    src/core/pikepdf.cpp)
target_link_libraries(_core PRIVATE qpdf)
target_link_libraries(_core PRIVATE Python::Module $<$<CONFIG:Debug>:dbghelp> _core m)
"""


def _pygit2_copying() -> str:
    """pygit2 1.21.0's COPYING (GPL-2.0 text with libgit2's linking exception), from its recording."""
    with tarfile.open(HELDOUT / "pygit2" / "pygit2-1.21.0.tar.gz") as sdist:
        member = sdist.extractfile("pygit2-1.21.0/COPYING")
        assert member is not None
        return member.read().decode()


def test_cmake_links_a_library_by_its_bare_name():
    tree = SourceTree("pikepdf-10.18.0", ["CMakeLists.txt"], {"CMakeLists.txt": PIKEPDF_CMAKE})
    found = native_libraries("pikepdf", tree)
    # before: host had no qpdf, so a --no-build-isolation build could not link
    assert found.host == ["qpdf"]
    assert found.unresolved == []  # Python::Module, the own target _core and libm are no libraries to add


def test_a_license_field_with_a_linking_exception_keeps_it():
    meta = UpstreamMetadata(name="pygit2", license="GPLv2 with linking exception", license_files=["COPYING"])
    tree = SourceTree("pygit2-1.21.0", ["COPYING"], {"COPYING": _pygit2_copying()})
    # before: GPL-2.0-only, the exception dropped
    assert decide(meta, tree).expression == "GPL-2.0-only WITH GCC-exception-2.0"


def test_a_license_expression_is_upstreams_word_and_stays():
    meta = UpstreamMetadata(name="p", license_expression="GPL-2.0-only", license_files=["COPYING"])
    tree = SourceTree("p", ["COPYING"], {"COPYING": _pygit2_copying()})
    assert decide(meta, tree).expression == "GPL-2.0-only"


def test_a_requirement_conda_forge_lacks_gets_a_note(heldout_generator):
    # virtualenv 21.15.14's build requirement `python-sbom` (python_version >= '3.11') has no
    # conda-forge package: before, it went to host with no word, and the recipe could not be solved
    recipe = heldout_generator("virtualenv").generate("virtualenv==21.15.14")
    unknown = [n for n in recipe.notes if "not in conda-forge's package list" in n]
    assert unknown == [
        "host requirement python-sbom is not in conda-forge's package list (recipegen's snapshot):"
        " it needs a recipe of its own first (recipegen pypi NAME, or --recursive)"
    ]
