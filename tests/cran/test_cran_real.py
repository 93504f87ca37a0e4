"""Recipes from real CRAN tarballs (stripped copies in fixtures/cran/real, from Debian's archive).

These exercise what the synthetic tarballs of cran_repo.py cannot: real src/ file lists
(compiler detection), real src/Makevars* and configure scripts (linked libraries, tools).
"""

from __future__ import annotations

import pytest
from recipegen.generators.cran.description import parse_description
from recipegen.generators.cran.generate import CranGenerator
from recipegen.generators.cran.package import CranPackage
from recipegen.generators.cran.recipe import RecipeOptions
from recipegen.generators.cran.repository import CranRepository
from recipegen.generators.cran.sysreqs import map_configure
from ruamel.yaml import YAML

from recipegen.generate import check_recipe_text
from tests.cran.real_tarballs import REAL, build_real_repository, real_package_names, real_tarballs, strip_tarball

OPENMP = [{"if": "linux", "then": "libgomp"}, {"if": "osx", "then": "llvm-openmp"}]


@pytest.fixture(scope="module")
def real_generator(tmp_path_factory) -> CranGenerator:
    root = build_real_repository(tmp_path_factory.mktemp("cran-real"))
    return CranGenerator(CranRepository.from_dir(root), RecipeOptions(use_r=False))


@pytest.fixture(scope="module")
def recipes(real_generator) -> dict[str, dict]:
    return {name: YAML(typ="safe").load(real_generator.generate(name).text()) for name in real_package_names()}


def _flat(items: list) -> list:
    out = []
    for item in items:
        if isinstance(item, dict) and "then" in item:
            value = item["then"]
            out += _flat(value if isinstance(value, list) else [value])
        else:
            out.append(item)
    return out


def _compilers(recipe: dict) -> set[str]:
    unix = next(i for i in recipe["requirements"]["build"] if isinstance(i, dict) and i.get("if") == "unix")
    return {c.split("'")[1] for c in unix["then"] if "compiler(" in c}


@pytest.mark.parametrize("package", real_package_names())
def test_golden_recipe_from_real_tarball(real_generator, package, file_regression):
    recipe = real_generator.generate(package)
    text = recipe.text()
    file_regression.check(text, basename=recipe.name, extension=".yaml")
    assert check_recipe_text(text, f"{recipe.name}/recipe.yaml") == []


def test_data_table_matches_its_feedstock(recipes):
    """OpenMP and zlib from src/Makevars.in, pkg-config from configure, C only (feedstock r-data.table)."""
    recipe = recipes["data.table"]
    assert recipe["requirements"]["host"] == ["r-base", *OPENMP, "zlib"]
    assert "pkg-config" in recipe["requirements"]["build"]
    assert _compilers(recipe) == {"c"}


@pytest.mark.parametrize(
    "package, compilers",
    [
        ("Rcpp", {"c", "cxx"}),  # only .cpp files; R's C compiler is always listed (feedstock r-rcpp)
        ("digest", {"c", "cxx"}),
        ("jsonlite", {"c"}),  # bundled yajl/ is C and built through yajl/*.o in Makevars
        ("rlang", {"c"}),  # src/rlang/cpp/*.cpp is listed in Makevars but never compiled
        ("stringi", {"c", "cxx"}),
        ("sf", {"c", "cxx"}),
    ],
)
def test_compilers_from_real_sources(recipes, package, compilers):
    assert _compilers(recipes[package]) == compilers


def test_ggplot2_is_noarch(recipes):
    recipe = recipes["ggplot2"]
    assert recipe["build"]["noarch"] == "generic"
    assert "compiler" not in str(recipe["requirements"]["build"])


@pytest.mark.parametrize(
    "package, libraries",
    [
        ("xml2", {"libxml2"}),
        ("curl", {"libcurl"}),
        ("openssl", {"openssl"}),
        ("sf", {"libgdal-core", "geos", "proj", "libsqlite"}),
        ("units", {"udunits2", "expat"}),
        ("stringi", {"icu"}),
    ],
)
def test_system_libraries_in_host(recipes, package, libraries):
    host = {name for name in _flat(recipes[package]["requirements"]["host"]) if not name.startswith("r-")}
    assert host == libraries


def test_linking_to_is_host_only(recipes):
    sf = recipes["sf"]["requirements"]
    assert "r-rcpp" in sf["host"] and not any(str(s).startswith("r-rcpp") for s in sf["run"])
    units = recipes["units"]["requirements"]  # Imports Rcpp as well: stays in run
    assert "r-rcpp" in units["run"]


def test_stripped_fixtures_are_small_deterministic_and_listed():
    listed = (REAL / "SOURCES.md").read_text("utf-8")
    for tarball in real_tarballs():
        assert tarball.stat().st_size < 64 * 1024, tarball.name
        assert f"`{tarball.name}`" in listed
        package, version, data = strip_tarball(tarball)  # stripping a stripped copy changes nothing
        assert f"{package}_{version}.tar.gz" == tarball.name and data == tarball.read_bytes()


def _package(files: list[str], makevars: str = "", windows: str = "") -> CranPackage:
    description = parse_description(b"Package: pkg\nVersion: 1.0\nLicense: MIT\nNeedsCompilation: yes\n")
    return CranPackage(description=description, files=files, makevars=makevars, windows_makevars=windows)


@pytest.mark.parametrize(
    "files, makevars, windows, languages",
    [
        (["src/a.c", "src/lib/b.cpp"], "", "", {"c"}),
        (["src/a.c", "src/lib/b.cpp"], "OBJECTS = a.o lib/b.o", "", {"c", "cxx"}),
        (["src/a.c", "src/lib/b.cpp"], "", "SRC = $(wildcard lib/*.cpp)", {"c", "cxx"}),
        (["src/a.c", "src/lib/b.cpp"], "SRC = $(wildcard *.c ./*/*.cpp)", "", {"c", "cxx"}),
        (["src/a.c", "src/lib/x/b.cpp"], "SRC = $(wildcard */*.cpp)", "", {"c"}),
        (["src/a.c", "src/lib/b.cpp"], "SRC = lib/b.cpp\nOBJ = $(SRC:.cpp=.o)", "", {"c", "cxx"}),
        (["src/a.c", "src/lib/b.cpp"], "# lib/b.cpp is not built", "", {"c"}),
        (["src/a.c", "src/lib/b.f90"], "OBJECTS=@PKG_SOURCES@", "", {"c", "fortran"}),
        (["src/Makefile", "src/lib/b.cpp"], "", "", {"cxx"}),
        (["src/x/a.o", "src/sub/a.cpp"], "OBJ = sub/a.o", "", {"cxx"}),
    ],
)
def test_languages_of_subfolder_sources(files, makevars, windows, languages):
    assert _package(files, makevars, windows).languages == languages


def test_configure_tools():
    assert map_configure("if pkg-config --exists zlib; then\n").build == ["pkg-config"]
    assert map_configure('PKG_CONFIG_NAME="libcurl"\nPKG_CFLAGS=$(${PKG_CONFIG} --cflags x)').build == ["pkg-config"]
    assert map_configure("#!/bin/sh\n# no pkg-config needed\necho ok\n").build == []
