"""Native host libraries, backend build tools, opt-in extensions, license fallbacks and bad SPECs."""

from __future__ import annotations

import gzip

import pytest
from click.testing import CliRunner
from recipegen.generators.pypi.layout import env_gated_extensions
from recipegen.generators.pypi.license_info import gnu_statement
from recipegen.generators.pypi.native import build_tools, curated, native_libraries
from recipegen.generators.pypi.sources import SourceTree

from recipegen.cli import main
from recipegen.generate import GenerationError, check_generated


def _requirements(recipe) -> dict:
    data = recipe.data
    return data["requirements"] if "requirements" in data else data["outputs"][0]["requirements"]


# Native libraries -------------------------------------------------------------------------------
def test_curated_table_names_a_source_for_every_entry():
    table = curated()
    assert len(table) >= 50
    for name, entry in table.items():
        assert entry["host"] and entry["source"].startswith("conda-forge/") and entry["reason"], name


@pytest.mark.parametrize(
    "spec,libraries",
    [
        ("cryptography==50.0.2", ["openssl"]),
        ("pyzmq==27.3.0", ["zeromq"]),
        ("psycopg2==2.9.13", ["libpq"]),
        ("pyyaml==6.0.3", ["yaml"]),
        ("numpy==2.5.5", ["libblas", "libcblas", "liblapack"]),
    ],
)
def test_curated_libraries_go_to_host_unversioned(make_generator, spec, libraries):
    recipe = make_generator(extras=("none",)).generate(spec)
    host = _requirements(recipe)["host"]
    assert [h for h in host if h in libraries] == libraries


SETUP_PY = """
import sys, pkgconfig
from setuptools import setup, Extension
if sys.platform == "win32":
    extra = Extension("w", ["w.c"], libraries=["ws2_32", "advapi32"])
elif sys.platform.startswith("freebsd"):
    extra = Extension("b", ["b.c"], libraries=["kvm", "jemalloc"])
setup(name="fastthing", version="1.0",
      ext_modules=[Extension("fastthing._c", ["src/c.c"], libraries=["xml2", "m", "frobnicate"]),
                   Extension("fastthing._z", ["src/z.c"], **pkgconfig.parse("libzstd"))])
"""
MESON = (
    "project('x', 'c')\nblas = dependency('openblas')\npy = import('python').find_installation()\n"
    "dep_py = py.dependency()\nthreads = dependency('threads')\n"
)
CMAKE = (
    "find_package(Python COMPONENTS Interpreter Development.Module)\nfind_package(ZLIB REQUIRED)\n"
    "pkg_check_modules(FFI REQUIRED IMPORTED_TARGET libffi)\n"
)


def test_static_detection_maps_build_file_names():
    tree = SourceTree(
        "t",
        ["setup.py", "meson.build", "src/CMakeLists.txt"],
        {"setup.py": SETUP_PY, "meson.build": MESON, "src/CMakeLists.txt": CMAKE},
    )
    found = native_libraries("fastthing", tree)
    assert found.host == ["libblas", "libxml2-devel", "zstd", "zlib", "libffi"]  # file order, then text order
    assert [name for name, _ in found.unresolved] == ["frobnicate"]
    assert "detected in" in found.source


def test_unresolvable_library_is_reported(tmp_path, make_generator):
    project = tmp_path / "fastthing"
    (project / "src").mkdir(parents=True)
    (project / "src" / "c.c").write_text("")
    (project / "fastthing").mkdir()
    (project / "fastthing" / "__init__.py").write_text("")
    (project / "LICENSE").write_text("MIT License\n")
    (project / "setup.py").write_text(SETUP_PY)
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools", "pkgconfig"]\n'
        'build-backend = "setuptools.build_meta"\n[project]\nname = "fastthing"\n'
        'version = "1.0"\nlicense = "MIT"\n'
    )
    recipe = make_generator().generate(str(project))
    requirements = _requirements(recipe)
    assert {"libxml2-devel", "zstd", "pkgconfig"} <= set(requirements["host"])
    assert "kvm" not in requirements["host"] and "jemalloc" not in requirements["host"]
    assert "pkg-config" in requirements["build"]
    assert any("frobnicate" in note and "may be missing" in note for note in recipe.notes)


# Build tools ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "backend,requires,tools",
    [
        ("scikit_build_core.build", ["scikit-build-core"], ["cmake", "ninja"]),
        ("mesonpy", ["meson-python"], ["meson", "ninja", "pkg-config"]),
        ("maturin", ["maturin"], ["cargo-bundle-licenses"]),
        ("setuptools.build_meta", ["setuptools", "setuptools-rust"], ["cargo-bundle-licenses"]),
        ("setuptools.build_meta", ["setuptools"], []),
    ],
)
def test_backend_build_tools(backend, requires, tools):
    assert [t for t, _ in build_tools(backend, requires)] == tools


def test_cmake_and_ninja_requirements_are_build_tools(make_generator):
    requirements = _requirements(make_generator().generate("pyzmq==27.3.0"))
    assert {"cmake", "ninja"} <= {b for b in requirements["build"] if isinstance(b, str)}
    assert not {"cmake", "ninja"} & {h.split(" ")[0] for h in requirements["host"]}


# Opt-in extensions --------------------------------------------------------------------------------
OPT_IN = """
import os
from setuptools import setup, Extension
USE_CYTHON = os.getenv("PKG_USE_CYTHON") == "1"
MODULES = None
if USE_CYTHON:
    from Cython.Build import cythonize
    MODULES = cythonize([Extension("pkg.md", ["src/pkg/md.pyx"])])
if __name__ == "__main__":
    setup(name="pkg", ext_modules=MODULES)
"""
MYPYC = """
import os, sys
USE_MYPYC = False
if len(sys.argv) > 1 and "--use-mypyc" in sys.argv:
    USE_MYPYC = True
if os.getenv("TOOL_USE_MYPYC", None) == "1":
    USE_MYPYC = True
if USE_MYPYC:
    from mypyc.build import mypycify
    ext_modules = mypycify(["tool/a.py"])
else:
    ext_modules = []
"""
OPT_OUT = """
import os
from setuptools import setup, Extension
compile_extension = os.getenv("PKG_DISABLE_EXTENSION", None) is None
if compile_extension:
    setup(ext_modules=[Extension("pkg._c", ["pkg/c.c"])])
"""
OPT_OUT_NOT = """
import os
ext_modules = []
if not PYPY and not os.environ.get("PKG_PUREPYTHON"):
    ext_modules.append(Extension("pkg._c", sources=["pkg/_c.c"]))
"""


@pytest.mark.parametrize(
    "text,gate",
    [
        (OPT_IN, "PKG_USE_CYTHON"),
        (MYPYC, "TOOL_USE_MYPYC"),
        (OPT_OUT, None),
        (OPT_OUT_NOT, None),
        ("from setuptools import setup\nsetup()\n", None),
    ],
)
def test_env_gated_extensions(text, gate):
    assert env_gated_extensions(text) == gate


def test_opt_in_extensions_with_pure_wheel_are_noarch(make_generator):
    recipe = make_generator().generate("charset-normalizer==3.5.2")
    assert recipe.data["build"]["noarch"] == "python"
    assert any("CHARSET_NORMALIZER_USE_CYTHON" in note for note in recipe.notes)


def test_opt_out_extensions_stay_compiled(make_generator):
    assert "noarch" not in make_generator(extras=("none",)).generate("msgpack==1.2.4").data["build"]


# Self-building backends ---------------------------------------------------------------------------
def test_self_building_backend_has_its_run_dependencies_in_host(make_generator):
    requirements = _requirements(make_generator().generate("hatchling==1.33.0"))
    run = {r.split(" ")[0] for r in requirements["run"] if isinstance(r, str)} - {"python"}
    assert run and run <= {h.split(" ")[0] for h in requirements["host"]}


# License ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,spdx",
    [
        (
            "under the terms of the GNU Lesser General Public License as published by the Free Software "
            "Foundation, either version 3 of the License, or (at your option) any later version.",
            "LGPL-3.0-or-later",
        ),
        (
            "the GNU Lesser General Public License as published by the Free Software Foundation; either "
            "version 2.1 of the License, or (at your option) any later version.",
            "LGPL-2.1-or-later",
        ),
        ("under the terms of the GNU General Public License version 2 as published by the FSF.", "GPL-2.0-only"),
        ("MIT License", None),
    ],
)
def test_gnu_statement(text, spdx):
    assert gnu_statement(text) == spdx


def test_ambiguous_classifier_settled_by_the_license_statement(make_generator):
    recipe = make_generator().generate("psycopg2==2.9.13")
    assert recipe.data["about"]["license"] == "LGPL-3.0-or-later"
    assert recipe.data["about"]["license_file"] == ["LICENSE", "doc/COPYING.LESSER"]


UNCLEAR = """[build-system]
requires = ["flit_core >=3.2,<4"]
build-backend = "flit_core.buildapi"
[project]
name = "unclear"
version = "1.0"
description = "x"
classifiers = ["License :: OSI Approved :: BSD License"]
"""


def _unclear_project(tmp_path):
    project = tmp_path / "unclear"
    (project / "unclear").mkdir(parents=True)
    (project / "unclear" / "__init__.py").write_text("")
    (project / "LICENSE").write_text("All rights reserved by the authors, use at will.\n")
    (project / "pyproject.toml").write_text(UNCLEAR)
    return project


def test_undetermined_license_fails_unless_given(tmp_path, make_generator):
    project = _unclear_project(tmp_path)
    with pytest.raises(GenerationError, match=r"license could not be determined.*BSD License.*--license"):
        make_generator().generate(str(project))
    recipe = make_generator(license="BSD-2-Clause").generate(str(project))
    assert recipe.data["about"]["license"] == "BSD-2-Clause"
    assert check_generated(recipe, recipe.text()) == []


def test_undetermined_license_cli_writes_nothing(tmp_path):
    project = _unclear_project(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["pypi", "--offline", str(project), "-o", str(out)])
    assert result.exit_code == 1 and "license could not be determined" in result.output
    assert not out.exists() or not any(out.iterdir())
    bad = CliRunner().invoke(main, ["pypi", "--offline", str(project), "--license", "Not A License"])
    assert bad.exit_code == 2 and "--license" in bad.output


# Bad SPECs ----------------------------------------------------------------------------------------
def test_file_that_is_not_an_archive_is_one_line(tmp_path, capfd):
    text = tmp_path / "passwd"
    text.write_text("root:x:0:0:root:/root:/bin/bash\n" * 20)
    fake = tmp_path / "fake-1.0.tar.gz"
    fake.write_text("not gzip\n")
    for path in (text, fake):
        result = CliRunner().invoke(main, ["pypi", "--offline", str(path), "--stdout"])
        assert result.exit_code == 2  # unusable input
        assert result.output.strip() == f"error: {path}: not an sdist (.tar.gz/.zip) or wheel (.whl)"
    assert "mtree" not in capfd.readouterr().err


def test_gzip_that_is_not_a_tar_stays_quiet(tmp_path, capfd):
    path = tmp_path / "passwd-1.0.tar.gz"
    path.write_bytes(gzip.compress(b"root:x:0:0:root:/root:/bin/bash\n" * 20))
    result = CliRunner().invoke(main, ["pypi", "--offline", str(path), "--stdout"])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "mtree" not in capfd.readouterr().err


def test_invalid_spec_and_spec_named_once(make_generator):
    with pytest.raises(GenerationError, match=r"^invalid SPEC 'click===': "):
        make_generator().generate("click===")
    with pytest.raises(GenerationError) as raised:
        make_generator().generate("no-such-package-xyz")
    assert str(raised.value).count("no-such-package-xyz:") == 1


def test_opt_in_extensions_conda_forge_compiles_stay_compiled():
    """data/opt-in-extensions.toml: mypy's mypyc build is opted in with MYPY_USE_MYPYC=1 on conda-forge."""
    from recipegen.generators.pypi.layout import detect_build
    from recipegen.generators.pypi.metadata import UpstreamMetadata

    meta = UpstreamMetadata(name="mypy", build_backend="setuptools.build_meta", build_requires=["setuptools"])
    tree = SourceTree("t", ["setup.py", "mypy/__init__.py"], {"setup.py": MYPYC.replace("TOOL_", "MYPY_")})
    wheels = ["mypy-1.0-py3-none-any.whl", "mypy-1.0-cp312-cp312-manylinux_2_28_x86_64.whl"]
    build = detect_build(meta, tree, wheels)
    assert build.compiled and build.script_env == {"MYPY_USE_MYPYC": "1"}
    assert not detect_build(UpstreamMetadata(name="other", build_requires=["setuptools"]), tree, wheels).compiled


def test_pkg_config_with_a_computed_name_is_reported():
    setup_py = (
        'import subprocess\nfor pkg in ["mysqlclient", "mariadb"]:\n'
        '    subprocess.check_output(f"pkg-config --libs {pkg}", shell=True)\n'
    )
    found = native_libraries("dbthing", SourceTree("t", ["setup.py"], {"setup.py": setup_py}))
    assert found.host == [] and found.unresolved and "pkg-config" in found.unresolved[0][0]
