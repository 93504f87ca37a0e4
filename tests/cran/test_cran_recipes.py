"""Golden recipes for the 24 real CRAN packages, generated from the local CRAN-like repository."""

from __future__ import annotations

import pytest
from recipegen.generators.cran.description import Dependency
from recipegen.generators.cran.generate import CranGenerator
from recipegen.generators.cran.recipe import RecipeOptions, conda_version, dependency_spec
from recipegen.generators.cran.repository import CranRepository
from recipegen.generators.cran.rsession import r_available
from ruamel.yaml import YAML

from recipegen.generate import check_recipe_text
from tests.cran.cran_repo import package_names

PURE_R = {"R6", "withr", "ggplot2", "cpp11", "DBI", "knitr"}


def _load(text: str) -> dict:
    return YAML(typ="safe").load(text)


@pytest.mark.parametrize("package", package_names())
def test_golden_recipe(generator, package, file_regression):
    recipe = generator.generate(package)
    text = recipe.text()
    file_regression.check(text, basename=recipe.name, extension=".yaml")
    assert check_recipe_text(text, f"{recipe.name}/recipe.yaml") == []


@pytest.mark.parametrize("package", package_names())
def test_conventions(generator, package):
    data = _load(generator.generate(package).text())
    assert data["package"]["name"] == "r-" + package.lower()
    assert len(data["source"]["url"]) == 2 and "/Archive/" in data["source"]["url"][1]
    assert (data["build"].get("noarch") == "generic") == (package in PURE_R)
    build = data["requirements"]["build"]
    flat = str(build)
    if package in PURE_R:
        assert "compiler" not in flat and "dynamic_linking" not in data["build"]
    else:
        assert "${{ compiler('c') }}" in flat and "${{ stdlib('c') }}" in flat and "m2w64_c" in flat
        assert "cross-r-base ${{ r_base }}.*" in flat
        assert data["build"]["dynamic_linking"]["rpaths"] == ["lib/R/lib/", "lib/"]
    assert data["requirements"]["host"][0] == "r-base" and data["requirements"]["run"][0] == "r-base"
    assert "conda-forge/r" in data["extra"]["recipe-maintainers"]


def _single(tmp_path, description: bytes, files: dict[str, bytes]):
    """Generator over a one-package repository (for cases the 24 real packages do not cover)."""
    from tests.cran.cran_repo import make_tarball

    fields = dict(line.split(": ", 1) for line in description.decode().splitlines() if ": " in line)
    name, version = fields["Package"], fields["Version"]
    contrib = tmp_path / "src" / "contrib"
    contrib.mkdir(parents=True)
    members = {f"{name}/DESCRIPTION": description, **{f"{name}/{k}": v for k, v in files.items()}}
    (contrib / f"{name}_{version}.tar.gz").write_bytes(make_tarball(members))
    (contrib / "PACKAGES").write_text(f"Package: {name}\nVersion: {version}\n")
    return CranGenerator(CranRepository.from_dir(tmp_path), RecipeOptions(use_r=False))


def test_linking_to_is_host_and_cross_build_only(tmp_path):
    generator = _single(
        tmp_path,
        b"Package: lt\nVersion: 1.0\nLicense: GPL-3\nTitle: T\nDescription: D.\n"
        b"NeedsCompilation: yes\nImports: Matrix (>= 1.6-1)\nLinkingTo: BH, RcppEigen\n",
        {"src/a.cpp": b"//\n"},
    )
    data = _load(generator.generate("lt").text())
    assert data["requirements"]["host"] == ["r-base", "r-bh", "r-matrix >=1.6_1", "r-rcppeigen"]
    assert data["requirements"]["run"] == ["r-base", "r-matrix >=1.6_1"]
    cross = data["requirements"]["build"][0]
    assert cross == {
        "if": "build_platform != target_platform",
        "then": ["cross-r-base ${{ r_base }}.*", "r-bh", "r-matrix >=1.6_1", "r-rcppeigen"],
    }


def test_cross_r_base_pin_renders_on_cross_compiled_platforms(tmp_path):
    """Regression: `cross-r-base ${{ r_base }}` rendered as `cross-r-base 4.4`, which rattler-build
    refuses (missing range specifier) on osx-arm64 and linux-aarch64."""
    from recipegen.render import PLATFORMS, render_recipe

    generator = _single(
        tmp_path,
        b"Package: cc\nVersion: 1.0\nLicense: MIT + file LICENSE\nTitle: T\nDescription: D.\nNeedsCompilation: yes\n",
        {"src/a.c": b"int a;\n", "LICENSE": b"YEAR: 2024\n"},
    )
    result = render_recipe(generator.generate("cc").text(), "r-cc/recipe.yaml")
    assert result.failures == []
    cross = {
        v.platform.target: v.recipe["requirements"]["build"]
        for v in result.variants
        if v.platform.target != v.platform.build
    }
    assert set(cross) == {p.target for p in PLATFORMS if p.target != p.build}
    assert all(
        any(spec.startswith("cross-r-base 4.") and spec.endswith(".*") for spec in build) for build in cross.values()
    )


def test_needs_compilation_absent_falls_back_to_sources(tmp_path):
    generator = _single(
        tmp_path, b"Package: nc\nVersion: 1.0\nLicense: GPL-3\nTitle: T\nDescription: D.\n", {"src/a.c": b"/**/\n"}
    )
    assert "noarch" not in generator.generate("nc").data["build"]


def test_cxx_sources_add_cxx_compilers(generator):
    build = _load(generator.generate("dplyr").text())["requirements"]["build"]
    assert "${{ compiler('cxx') }}" in build[1]["then"] and "${{ compiler('m2w64_cxx') }}" in build[2]["then"]
    build = _load(generator.generate("data.table").text())["requirements"]["build"]
    assert "${{ compiler('cxx') }}" not in build[1]["then"]


def test_system_requirements_become_host_libraries(generator):
    host = _load(generator.generate("sf").text())["requirements"]["host"]
    assert {"libgdal-core", "geos", "proj", "libsqlite"} <= set(host)
    assert "r-rcpp" in host
    assert "libxml2" in _load(generator.generate("xml2").text())["requirements"]["host"]
    assert "libcurl" in _load(generator.generate("curl").text())["requirements"]["host"]


def test_base_packages_dropped_but_recommended_kept(generator):
    # zoo: Depends: stats (base) → dropped; Imports: lattice (recommended) → kept
    data = _load(generator.generate("zoo").text())
    assert "r-lattice >=0.20_27" in data["requirements"]["run"]
    assert not any(
        d.startswith(("r-stats", "r-utils", "r-graphics", "r-grdevices")) for d in data["requirements"]["run"]
    )


def test_version_and_constraints_use_underscores():
    assert conda_version("1.8-14") == "1.8_14"
    assert dependency_spec(Dependency("Rcpp", ((">=", "1.2-3"),))) == "r-rcpp >=1.2_3"
    assert dependency_spec(Dependency("data.table", ((">=", "1.9"), ("<", "2.0-1")))) == "r-data.table >=1.9,<2.0_1"


def test_unsure_license_is_commented_and_reported(generator):
    recipe = generator.generate("stringi")
    assert recipe.data["about"]["license"] == "LicenseRef-file-LICENSE"
    assert "CRAN License: file LICENSE" in recipe.text()
    assert any("no sure SPDX form" in note for note in recipe.notes)


def test_unmapped_system_requirement_is_a_comment_and_a_note(tmp_path):
    generator = _single(
        tmp_path,
        b"Package: odd\nVersion: 0.1\nLicense: MIT + file LICENSE\nTitle: Odd\n"
        b"Description: Odd.\nNeedsCompilation: yes\nSystemRequirements: libfrobnicate (>= 2), C++17\n",
        {"LICENSE": b"YEAR: 2024\n", "src/a.f90": b"! f\n"},
    )
    recipe = generator.generate("odd")
    text = recipe.text()
    assert "# SystemRequirements not mapped to conda packages (add them by hand): libfrobnicate (>= 2)" in text
    assert recipe.notes == ["SystemRequirements not mapped: libfrobnicate (>= 2)"]
    assert "${{ compiler('fortran') }}" in text and "${{ compiler('m2w64_fortran') }}" in text
    assert check_recipe_text(text, "odd/recipe.yaml") == []


def test_maintainers_and_mirror_option(cran_root):
    options = RecipeOptions(use_r=False, maintainers=("alice",), cran_mirror="https://cloud.r-project.org/")
    data = CranGenerator(CranRepository.from_dir(cran_root), options).generate("R6").data
    assert data["extra"]["recipe-maintainers"] == ["conda-forge/r", "alice"]
    assert data["context"]["cran_mirror"] == "https://cloud.r-project.org"


@pytest.mark.skipif(not r_available(), reason="R and rpy2 (recipegen[r]) are not installed")
@pytest.mark.needs_r
@pytest.mark.parametrize("package", package_names())
def test_r_backend_gives_the_same_recipe(cran_root, generator, package):
    with_r = CranGenerator(CranRepository.from_dir(cran_root), RecipeOptions(use_r=True))
    assert with_r.generate(package).text() == generator.generate(package).text()


def test_libraries_linked_in_makevars_go_to_host(tmp_path):
    generator = _single(
        tmp_path,
        b"Package: omp\nVersion: 2.0-1\nLicense: GPL (>= 2)\nTitle: T\nDescription: D.\nNeedsCompilation: yes\n",
        {
            "src/a.c": b"/**/\n",
            "src/Makevars.in": b"PKG_CFLAGS = @openmp_cflags@\n"
            b"PKG_LIBS = @openmp_cflags@ -lz $(LAPACK_LIBS) $(BLAS_LIBS) $(FLIBS)\n",
            "src/Makevars.win": b"PKG_LIBS = -lbz2\n",
        },
    )
    text = generator.generate("omp").text()
    host = _load(text)["requirements"]["host"]
    assert host == [
        "r-base",
        {"if": "linux", "then": "libgomp"},
        {"if": "osx", "then": "llvm-openmp"},
        "zlib",
        "liblapack",
        "libblas",
    ]
    assert check_recipe_text(text, "omp/recipe.yaml") == []


@pytest.mark.parametrize("compiled", [True, False])
def test_r_floor_above_the_pinning_is_expressed(tmp_path, compiled):
    # conda-forge's pinning builds for r_base 4.4 and 4.5; R (>= 4.1) says nothing, R (>= 4.5.0) does.
    description = (
        b"Package: new\nVersion: 1.0\nLicense: GPL-3\nTitle: T\nDescription: D.\n"
        b"Depends: R (>= 4.5.0), methods\nNeedsCompilation: " + (b"yes" if compiled else b"no") + b"\n"
    )
    generator = _single(tmp_path, description, {"src/a.c": b"/**/\n"} if compiled else {})
    text = generator.generate("new").text()
    data = _load(text)
    if compiled:
        assert data["build"]["skip"] == ['match(r_base, "<4.5")']
        assert data["requirements"]["run"][0] == "r-base"
    else:
        assert "skip" not in data["build"]
        assert data["requirements"]["run"][0] == "r-base >=4.5"
    assert check_recipe_text(text, "new/recipe.yaml") == []


@pytest.mark.parametrize(
    "urls, bug_reports, homepage, repository",
    [
        # URL only names the repository: homepage is CRAN's page, the repository goes to `repository`
        (
            "https://github.com/owner/solo",
            "",
            "https://cran.r-project.org/package=solo",
            "https://github.com/owner/solo",
        ),
        (
            "https://github.com/owner/solo, https://solo.example.org",
            "",
            "https://solo.example.org",
            "https://github.com/owner/solo",
        ),
        (
            "",
            "https://github.com/owner/solo/issues",
            "https://cran.r-project.org/package=solo",
            "https://github.com/owner/solo",
        ),
        ("", "", "https://cran.r-project.org/package=solo", None),
    ],
)
def test_homepage_is_the_package_site_or_the_cran_page(tmp_path, urls, bug_reports, homepage, repository):
    description = (
        f"Package: solo\nVersion: 1.0\nLicense: MIT\nTitle: Solo\nDescription: Solo.\n"
        f"NeedsCompilation: no\nURL: {urls}\nBugReports: {bug_reports}\n"
    )
    about = _single(tmp_path, description.encode(), {}).generate("solo").data["about"]
    assert (about["homepage"], about.get("repository")) == (homepage, repository)


def test_unsure_license_still_lists_the_texts_r_ships(tmp_path):
    generator = _single(
        tmp_path,
        b"Package: multi\nVersion: 1.0\nLicense: Artistic-2.0 | AGPL-3 | CC0 | Unlimited\n"
        b"Title: Multi\nDescription: Multi.\nNeedsCompilation: no\n",
        {},
    )
    recipe = generator.generate("multi")
    assert recipe.data["about"]["license_file"] == [
        "${{ PREFIX }}/lib/R/share/licenses/Artistic-2.0",
        "${{ PREFIX }}/lib/R/share/licenses/AGPL-3",
    ]
    assert not any("R has none" in n or "no license text" in n for n in recipe.notes)
    assert "R has none" not in recipe.text()
