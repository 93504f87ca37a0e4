"""Defects found running `recipegen pypi` on 25 more packages nobody had looked at (pypi7 round,
2026-12-07); the inputs are verbatim extracts of the named releases' sdists or their recordings
in benchmarks/pypi_heldout (upstream packages under their own licenses)."""

from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.generators.pypi.layout import detect_build
from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.native import native_libraries
from recipegen.generators.pypi.sources import SourceTree

HELDOUT = Path(__file__).resolve().parents[2] / "benchmarks" / "pypi_heldout"

# lupa 2.8's setup.py: a pkg-config command with a computed module and an error message
LUPA_SETUP = """
def lua_include(package='luajit'):
    cmd_output('pkg-config %s --exists' % package)
    raise RuntimeError("pkg-config cannot find an installed %s" % package)
"""
# httptools 0.9.0's setup.py: Cython imported inside build_ext, only when a .pyx has no .c
HTTPTOOLS_SETUP = """import setuptools
from setuptools.command.build_ext import build_ext as setuptools_build_ext


class httptools_build_ext(setuptools_build_ext):
    def finalize_options(self):
        if need_cythonize:
            try:
                import Cython
            except ImportError:
                raise setuptools.build_meta.SetupRequirementsError([CYTHON_DEPENDENCY])

            from Cython.Build import cythonize

setup(ext_modules=[Extension("httptools.parser.parser", sources=["httptools/parser/parser.pyx"])])
"""
HTTPTOOLS_PATHS = ["setup.py", "httptools/parser/parser.pyx", "httptools/parser/parser.c"]


def _generate(package: str, spec: str, tmp_path: Path):
    from recipegen.generators.pypi.generator import Options, PypiGenerator
    from recipegen.generators.pypi.record import replay_transport

    from recipegen.generate import check_generated
    from recipegen.http import Fetcher

    fetcher = Fetcher(transport=replay_transport(HELDOUT / package), use_cache=False, retries=0, cache_dir=tmp_path)
    recipe = PypiGenerator(fetcher, Options(extras=("none",))).generate(spec)
    assert check_generated(recipe, recipe.text()) == []  # schema, lint and rattler-build's render
    return recipe.data["outputs"][0] if "outputs" in recipe.data else recipe.data


def test_a_pkg_config_error_message_or_placeholder_is_no_library_name():
    found = native_libraries("lupa", SourceTree("lupa-2.8", ["setup.py"], {"setup.py": LUPA_SETUP}))
    # before: '%s', 'cannot', 'find', 'an', 'installed', 'found' reported as unknown native libraries
    assert [name for name, _ in found.unresolved] == ["(a pkg-config module named at build time)"]
    assert found.host == []


def test_a_pkg_config_command_still_names_its_modules():
    text = "subprocess.check_output('pkg-config --libs libffi')"
    assert native_libraries("p", SourceTree("p", ["setup.py"], {"setup.py": text})).host == ["libffi"]


@pytest.mark.parametrize(
    ("paths", "needed"),
    [
        (HTTPTOOLS_PATHS, False),  # the shipped parser.c is built
        (["setup.py", "httptools/parser/parser.pyx"], True),  # no generated file: Cython runs
    ],
)
def test_cython_only_when_a_pyx_lacks_its_generated_file(paths, needed):
    tree = SourceTree("httptools-0.9.0", paths, {"setup.py": HTTPTOOLS_SETUP})
    build = detect_build(UpstreamMetadata(name="httptools"), tree, [])
    assert build.compiled
    assert ("cython" in [*build.setup_imports, *(["cython"] if build.cython else [])]) is needed


def test_a_top_level_cython_import_stays_a_build_input():
    text = "from Cython.Build import cythonize\nsetup(ext_modules=cythonize('m.pyx'))\n"
    tree = SourceTree("t", ["setup.py", "m.pyx", "m.c"], {"setup.py": text})
    assert "cython" in detect_build(UpstreamMetadata(name="t"), tree, []).setup_imports


def test_find_package_of_the_packages_own_name_is_its_cpp_library(tmp_path):
    # rapidfuzz 3.14.6's CMakeLists: find_package(rapidfuzz 3.3.4 QUIET) is rapidfuzz-cpp, and the
    # bundled .cxx files need no Cython; before: host held `rapidfuzz` itself and `cython`
    output = _generate("rapidfuzz", "rapidfuzz==3.14.6", tmp_path)
    host = [str(item).split(" ")[0] for item in output["requirements"]["host"]]
    assert "rapidfuzz-cpp" in host and "taskflow" in host
    assert "rapidfuzz" not in host and "cython" not in host


def test_brotli_links_its_system_libraries_with_the_switch_its_setup_py_reads(tmp_path):
    # brotli 1.2.1's setup.py builds the bundled C sources unless USE_SYSTEM_BROTLI is set;
    # before: libbrotlienc/libbrotlidec in host, the build using the bundled copy anyway
    output = _generate("brotli", "brotli==1.2.1", tmp_path)
    assert {"libbrotlicommon", "libbrotlienc", "libbrotlidec"} <= set(output["requirements"]["host"])
    assert output["build"]["script"]["env"] == {"USE_SYSTEM_BROTLI": "1"}


def test_markdown_it_py_linkify_extra_is_linkify_it_py(tmp_path):
    # textual 8.2.8: `markdown-it-py[linkify] (>=2.1.0)`; conda-forge has no markdown-it-py-with-linkify
    output = _generate("textual", "textual==8.2.8", tmp_path)
    run = [str(item).split(" ")[0] for item in output["requirements"]["run"]]
    assert "markdown-it-py" in run and "linkify-it-py" in run
