"""What the build needs beyond [build-system] (issue 10): backend plugins and hook dependencies,
system libraries behind probes and "use system X" switches, cffi at run time, and compilers only
for backends the default build uses.

Recorded: jupyterlab 4.4.10 (hatch-jupyter-builder as a build-hook dependency), black 26.10.1
(mypyc hook disabled by default), xxhash 4.1.0 (XXHASH_LINK_SO), brotlicffi 1.2.1.0 (cffi
build script, USE_SHARED_BROTLI), pyrsistent 0.20.0 (opt-out switch), whenever 0.11.0
(setuptools-rust extension with an opt-out switch), charset-normalizer 3.5.2 (opt-in).
"""

from __future__ import annotations

import pytest
from recipegen.generators.pypi.layout import detect_build
from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.plugins import backend_plugins
from recipegen.generators.pypi.probes import LibraryUse, python_library_uses
from recipegen.generators.pypi.sources import SourceTree

from recipegen.generate import check_generated


def _main(recipe) -> dict:
    return recipe.data["outputs"][0] if "outputs" in recipe.data else recipe.data


def _names(items) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, dict):
            then = item["then"]
            out += _names(then if isinstance(then, list) else [then])
        else:
            out.append(item.split(" ")[0])
    return out


def test_hatch_build_hook_dependencies_reach_host(make_generator):
    recipe = make_generator(extras=("none",)).generate("jupyterlab==4.4.10")
    assert "hatch-jupyter-builder >=0.3.2" in recipe.data["requirements"]["host"]


def test_hook_disabled_by_default_adds_nothing(make_generator):
    host = _main(make_generator(extras=("none",)).generate("black==26.10.1"))["requirements"]["host"]
    assert not any(h.startswith(("hatch-mypyc", "mypy ")) for h in host)


@pytest.mark.parametrize(
    "pyproject,backend,expected",
    [
        ({"tool": {"hatch": {"version": {"source": "vcs"}}}}, "hatchling", ["hatch-vcs"]),
        (
            {"tool": {"hatch": {"metadata": {"hooks": {"fancy-pypi-readme": {}}}}}},
            "hatchling",
            ["hatch-fancy-pypi-readme"],
        ),
        (
            {
                "tool": {
                    "hatch": {"build": {"targets": {"wheel": {"hooks": {"custom": {"dependencies": ["cffi>=1"]}}}}}}
                }
            },
            "hatchling",
            ["cffi>=1"],
        ),
        (
            {
                "tool": {
                    "scikit-build": {"metadata": {"version": {"provider": "scikit_build_core.metadata.setuptools_scm"}}}
                }
            },
            "scikit_build_core",
            ["setuptools-scm"],
        ),
        ({"tool": {"poetry-dynamic-versioning": {"enable": True}}}, "poetry", ["poetry-dynamic-versioning"]),
        ({"tool": {"setuptools_scm": {}}}, "setuptools", ["setuptools-scm"]),
    ],
)
def test_backend_plugins(pyproject, backend, expected):
    assert backend_plugins(pyproject, backend, version_dynamic=True).requirements == expected


def test_hook_requiring_runtime_dependencies_puts_them_in_host():
    hooks = {"tool": {"hatch": {"build": {"hooks": {"custom": {"require-runtime-dependencies": True}}}}}}
    assert backend_plugins(hooks, "hatchling", True).needs_run_dependencies


def test_use_system_switch_links_the_conda_library(make_generator):
    recipe = make_generator().generate("xxhash==4.1.0")
    assert "xxhash" in recipe.data["requirements"]["host"]
    assert recipe.data["build"]["script"]["env"] == {"XXHASH_LINK_SO": "1"}
    assert check_generated(recipe, recipe.text()) == []


def test_cffi_build_script_switch_and_cffi_at_run_time(make_generator):
    recipe = make_generator().generate("brotlicffi==1.2.1.0")
    requirements = recipe.data["requirements"]
    assert {"libbrotlienc", "libbrotlidec", "cffi"} <= set(_names(requirements["host"]))
    assert "cffi" in _names(requirements["run"])
    assert recipe.data["build"]["script"]["env"] == {"USE_SHARED_BROTLI": "1"}


def test_python_build_file_library_uses():
    text = (
        "import os, sys\nfrom ctypes.util import find_library\n"
        "if os.getenv('X_LINK_SO'):\n    libraries = ['xxhash']\nelse:\n    libraries = []\n"
        "if sys.platform == 'win32':\n    libraries.append('ws2_32')\n"
        "found = find_library('z')\n"
        "setup(libraries=[('bundled', {'sources': ['a.c']})])\n"
    )
    assert python_library_uses(text) == [LibraryUse("xxhash", (("X_LINK_SO", "1"),)), LibraryUse("z")]


def test_cffi_modules_make_cffi_a_run_requirement(make_generator):
    meta = UpstreamMetadata(name="p", build_backend="setuptools.build_meta", ext_modules=True)
    tree = SourceTree("t", ["setup.py", "src/p/_build.py"], {"setup.py": "setup(cffi_modules=['src/p/_build.py:ffi'])"})
    assert detect_build(meta, tree, []).cffi


def test_opt_out_switch_with_platform_test_stays_compiled(make_generator):
    recipe = make_generator(extras=("none",)).generate("pyrsistent==0.20.0")
    assert "noarch" not in recipe.data["build"]
    assert "${{ compiler('c') }}" in recipe.data["requirements"]["build"]


def test_rust_extension_built_by_default_keeps_the_rust_compiler(make_generator):
    build = _main(make_generator(extras=("none",)).generate("whenever==0.11.0"))["requirements"]["build"]
    assert "${{ compiler('rust') }}" in build


def test_opt_in_c_extension_is_noarch(make_generator):
    recipe = make_generator(extras=("none",)).generate("charset-normalizer==3.5.2")
    assert recipe.data["build"]["noarch"] == "python"


def test_rust_crate_no_build_step_compiles_needs_no_rust_compiler():
    meta = UpstreamMetadata(name="p", build_backend="setuptools.build_meta", ext_modules=True)
    tree = SourceTree("t", ["setup.py", "rust/Cargo.toml", "src/p/_c.c"], {"setup.py": "setup(ext_modules=[...])"})
    build = detect_build(meta, tree, ["p-1-cp312-cp312-manylinux_2_28_x86_64.whl"])
    assert build.compilers == ["c"] and any("Rust crate" in n for n in build.notes)


def test_vendored_fortran_sources_need_no_fortran_compiler():
    meta = UpstreamMetadata(name="p", build_backend="scikit_build_core.build")
    paths = ["CMakeLists.txt", "src/p/_c.cpp", "extern/taskflow/3rd-party/eigen/blas/dot.f"]
    build = detect_build(meta, SourceTree("t", paths, {}), ["p-1-cp312-cp312-manylinux_2_28_x86_64.whl"])
    assert "fortran" not in build.compilers


def test_os_specific_extra_of_a_compiled_recipe_is_a_per_platform_output(make_generator):
    recipe = make_generator().generate("asyncpg==0.32.0")
    output = next(o for o in recipe.data["outputs"] if o["package"]["name"] == "asyncpg-with-gssauth")
    assert "build" not in output  # not noarch: built on each platform with its selectors
    assert {"if": "unix", "then": "python-gssapi"} in output["requirements"]["run"]
    assert {"if": "win", "then": "sspilib"} in output["requirements"]["run"]
    assert check_generated(recipe, recipe.text()) == []
