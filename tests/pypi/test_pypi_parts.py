"""Unit tests of the PyPI generator's pure functions: versions, markers, readers, names, licenses, layout."""

from __future__ import annotations

import io
import tarfile
from types import SimpleNamespace

import pytest
from packaging.markers import Marker
from recipegen.generators.pypi import layout
from recipegen.generators.pypi.deps import conda_constraint, python_constraint
from recipegen.generators.pypi.license_info import decide, spdx_from_legacy
from recipegen.generators.pypi.markers import evaluate, python_selector, selector_for, supported_pythons
from recipegen.generators.pypi.metadata import (
    UpstreamMetadata,
    parse_egg_requires,
    parse_setup_cfg,
    parse_setup_py,
    poetry_constraint,
    poetry_requirements,
)
from recipegen.generators.pypi.names import NameMapError, NameMapper, load_user_map
from recipegen.generators.pypi.sources import SourceError, SourceTree, WheelContents, read_sdist
from recipegen.generators.pypi.upstream import collect


@pytest.mark.parametrize(
    "pep440,conda",
    [
        (">=1.2,<2", ">=1.2,<2"),
        ("<2,>=1.2", ">=1.2,<2"),
        ("~=1.4.2", ">=1.4.2,<1.5"),
        ("~=2.2", ">=2.2,<3"),
        ("==1.2.*", "1.2.*"),
        ("==1.2", "==1.2"),
        ("===1.0", "==1.0"),
        ("!=1.5.7,>=1.5.6", ">=1.5.6,!=1.5.7"),
    ],
)
def test_conda_constraint(pep440, conda):
    assert conda_constraint(pep440) == conda


@pytest.mark.parametrize(
    "requires,expected",
    [
        (">=3.8", ("3.8", "")),
        (">=3.12,<3.14", ("3.12", "<3.14")),
        (">=3.7,<4.0", ("3.7", "")),
        ("", ("", "")),
        ("~=3.11", ("3.11", "")),
    ],
)
def test_python_constraint(requires, expected):
    assert python_constraint(requires) == expected


def test_markers_platform_python_and_never():
    pythons = supported_pythons("3.10")
    win = evaluate(Marker('sys_platform == "win32"'), pythons)
    assert win.platform_dependent and win.platforms == {"win-64"} and selector_for(win.platforms) == "win"
    unix = evaluate(Marker('os_name != "nt"'), pythons)
    assert selector_for(unix.platforms) == "unix"
    old = evaluate(Marker('python_version < "3.8"'), pythons)
    assert old.never
    always = evaluate(Marker('python_version >= "3.6"'), pythons)
    assert always.always
    tomli = evaluate(Marker('python_version < "3.11"'), pythons)
    assert tomli.python_dependent and tomli.pythons == ("3.10",)
    assert python_selector(tomli.pythons, pythons) == 'match(python, "<3.11")'
    arm = evaluate(Marker('platform_machine == "arm64" and sys_platform == "darwin"'), pythons)
    assert selector_for(arm.platforms) == "(osx and arm64)"


@pytest.mark.parametrize(
    "poetry,pep440",
    [
        ("^1.2.3", ">=1.2.3,<2.0.0"),
        ("^0.2.3", ">=0.2.3,<0.3.0"),
        ("^0.0.3", ">=0.0.3,<0.0.4"),
        ("~1.2", ">=1.2,<1.3.0"),
        ("1.2", "==1.2"),
        (">=1,<2", ">=1,<2"),
        ("*", ""),
    ],
)
def test_poetry_constraint(poetry, pep440):
    assert poetry_constraint(poetry) == pep440


def test_poetry_requirements_with_optional_extras():
    poetry = {
        "dependencies": {
            "python": "^3.9",
            "requests": "^2.31",
            "ujson": {"version": "^5", "optional": True},
            "tomli": {"version": ">=1", "python": "<3.11"},
        },
        "extras": {"fast": ["ujson"]},
    }
    requirements, extras, python = poetry_requirements(poetry)
    assert python == ">=3.9,<4.0.0"
    assert "requests>=2.31,<3.0.0" in requirements
    assert 'ujson>=5,<6.0.0; extra == "fast"' in requirements
    assert any(r.startswith("tomli>=1; python_version <") for r in requirements)
    assert extras == ["fast"]


def test_setup_py_is_read_not_run():
    text = """
import os
os.system("echo should never run")
deps = ["requests>=2", "six"]
extras = {"yaml": ["pyyaml"], ":sys_platform == 'win32'": ["colorama"]}
setup(name="demo", version="1.0", install_requires=deps + ["idna"], extras_require=extras,
      python_requires=">=3.9", entry_points={"console_scripts": ["demo = demo.cli:main"]},
      packages=["demo", "demo.sub"], ext_modules=[Extension("demo._x", ["x.c"])])
"""
    setup = parse_setup_py(text)
    assert setup["install_requires"] == ["requests>=2", "six", "idna"]
    assert setup["extras_require"]["yaml"] == ["pyyaml"]
    assert setup["python_requires"] == ">=3.9"
    assert setup["ext_modules"] is True
    meta = collect(SourceTree("demo", ["setup.py", "demo/__init__.py"], {"setup.py": text}))
    assert 'pyyaml; extra == "yaml"' in meta.requires_dist
    assert "colorama; (sys_platform == 'win32')" in meta.requires_dist
    assert meta.console_scripts == {"demo": "demo.cli:main"}
    assert meta.build_requires == ["setuptools"]


def test_setup_cfg_and_egg_info():
    cfg = parse_setup_cfg(
        "[metadata]\nname = demo\nlicense = MIT\n[options]\ninstall_requires =\n    attrs>=20\n"
        "    six\n[options.extras_require]\nfast = ujson\n"
        "[options.entry_points]\nconsole_scripts =\n    demo = demo:main\n"
    )
    assert cfg["install_requires"] == ["attrs>=20", "six"]
    assert cfg["extras_require"] == {"fast": ["ujson"]}
    assert cfg["entry_points"]["console_scripts"] == {"demo": "demo:main"}
    requires, extras = parse_egg_requires('six\n\n[:python_version < "3.8"]\nimportlib-metadata\n\n[yaml]\npyyaml\n')
    assert requires == ["six", 'importlib-metadata; (python_version < "3.8")', 'pyyaml; extra == "yaml"']
    assert extras == ["yaml"]


def test_pkg_info_dynamic_fields_fall_through_to_pyproject():
    pkg_info = "Metadata-Version: 2.2\nName: demo\nVersion: 1.0\nDynamic: Requires-Dist\n"
    pyproject = (
        '[project]\nname = "demo"\nversion = "1.0"\ndependencies = ["rich>=13"]\n'
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
    )
    meta = collect(
        SourceTree("demo", ["PKG-INFO", "pyproject.toml"], {"PKG-INFO": pkg_info, "pyproject.toml": pyproject})
    )
    assert meta.requires_dist == ["rich>=13"]
    assert meta.origin["requires_dist"] == "pyproject.toml [project]"
    assert meta.build_backend == "hatchling.build"


def test_name_map_sources_and_user_override(tmp_path):
    mapper = NameMapper()
    assert mapper.map("msgpack").conda == "msgpack-python"
    assert mapper.map("msgpack").source == "grayskull map"
    assert mapper.map("PyYAML").conda == "pyyaml" and mapper.map("PyYAML").is_identity
    assert mapper.map("typing_extensions").conda == "typing_extensions"
    assert mapper.map("ruamel.yaml").conda == "ruamel.yaml"
    user = tmp_path / "map.txt"
    user.write_text("# mine\nmsgpack: my-msgpack\n")
    mapped = NameMapper(load_user_map(user)).map("msgpack")
    assert (mapped.conda, mapped.source) == ("my-msgpack", "--name-map")
    bad = tmp_path / "bad.txt"
    bad.write_text("no separator here\n")
    with pytest.raises(NameMapError, match="bad.txt:1"):
        load_user_map(bad)


def test_legacy_license_names():
    assert spdx_from_legacy("MIT License") == "MIT"
    assert spdx_from_legacy("Apache 2.0") == "Apache-2.0"
    assert spdx_from_legacy("BSD") is None  # ambiguous: never guessed


BSD3 = """Copyright (c) 2020, Someone
All rights reserved.

Redistribution and use in source and binary forms, with or without modification, are permitted provided that
the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this list of conditions and the
following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice, this list of conditions and the
following disclaimer in the documentation and/or other materials provided with the distribution.

3. Neither the name of the copyright holder nor the names of its contributors may be used to endorse or promote
products derived from this software without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED
WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A
PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY
DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO,
PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR
OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""


def test_license_order_and_ambiguity():
    tree = SourceTree("demo", ["LICENSE", "demo/__init__.py"], {"LICENSE": BSD3})
    pep639 = UpstreamMetadata(
        license_expression="mit OR apache-2.0", classifiers=["License :: OSI Approved :: BSD License"]
    )
    assert decide(pep639, tree).expression == "MIT OR Apache-2.0"
    bsd = UpstreamMetadata(classifiers=["License :: OSI Approved :: BSD License"])
    decision = decide(bsd, tree)
    assert (decision.expression, decision.problem, decision.files) == ("BSD-3-Clause", "", ["LICENSE"])
    unresolved = decide(bsd, SourceTree("demo", ["README"], {}))
    assert unresolved.problem and "BSD License" in unresolved.problem
    nothing = decide(UpstreamMetadata(license="Proprietary-ish"), SourceTree("demo", [], {}))
    assert nothing.expression == "LicenseRef-Unknown" and nothing.problem


def test_imports_from_wheel_record_and_tree():
    wheel = WheelContents(
        "w",
        record=[
            "google/cloud/storage/__init__.py",
            "google/cloud/storage/blob.py",
            "google_cloud_storage-1.0.dist-info/METADATA",
            "tests/__init__.py",
        ],
    )
    assert layout.imports_from_wheel(wheel) == ["google.cloud.storage"]
    tree = SourceTree("s", ["setup.py", "src/demo/__init__.py", "src/demo/x.py", "tests/__init__.py", "docs/conf.py"])
    assert layout.imports_from_tree(tree, UpstreamMetadata(name="demo")) == ["demo"]
    assert layout.order_imports(["blackd", "black", "blib2to3"], "black") == ["black"]


def test_detect_build():
    meta = UpstreamMetadata(build_backend="scikit_build_core.build")
    headers_only = SourceTree("s", ["include/x.h", "pybind11/__init__.py"])
    assert not layout.detect_build(meta, headers_only, ["x-1.0-py3-none-any.whl"]).compiled
    c_sources = SourceTree("s", ["src/demo/_speedups.c", "tests/test.c"])
    # only a pure wheel on the index: the C sources are not part of what upstream ships (setuptools'
    # launcher sources); with platform wheels too, or no wheel at all, they are compiled
    assert not layout.detect_build(UpstreamMetadata(), c_sources, ["x-1.0-py3-none-any.whl"]).compiled
    both = ["x-1.0-py3-none-any.whl", "x-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"]
    assert layout.detect_build(UpstreamMetadata(), c_sources, both).compilers == ["c"]
    assert layout.detect_build(UpstreamMetadata(), c_sources, []).compilers == ["c"]
    only_platform = layout.detect_build(
        UpstreamMetadata(), SourceTree("s", ["demo/__init__.py"]), ["x-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"]
    )
    assert only_platform.compiled
    rust = layout.detect_build(UpstreamMetadata(build_backend="maturin"), SourceTree("s", ["Cargo.toml"]), [])
    assert rust.compilers == ["c", "rust"]
    vendored_tests = SourceTree("s", ["vendored-meson/meson/test cases/x.f90", "pkg/__init__.py"])
    assert not layout.detect_build(UpstreamMetadata(), vendored_tests, []).compiled


def _tar(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return out.getvalue()


def test_sdist_with_parent_member_is_an_error():
    data = _tar({"demo-1.0/PKG-INFO": b"Name: demo\n", "../evil.py": b"x"})
    with pytest.raises(SourceError, match=r"\.\."):
        read_sdist(data, "demo-1.0.tar.gz")


def test_sdist_top_folder_is_stripped():
    tree = read_sdist(
        _tar(
            {
                "demo-1.0/PKG-INFO": b"Metadata-Version: 2.1\nName: demo\n",
                "demo-1.0/demo/__init__.py": b"",
                "demo-1.0/LICENSE": b"MIT",
            }
        ),
        "demo-1.0.tar.gz",
    )
    assert tree.paths == ["LICENSE", "PKG-INFO", "demo/__init__.py"]
    assert set(tree.texts) == {"PKG-INFO", "LICENSE"}


def test_bsd_classifier_with_extra_text_in_license_file():
    text = BSD3 + "\n\nThis project also bundles mpmath, under its own license:\n" + "lorem ipsum " * 300
    tree = SourceTree("demo", ["LICENSE"], {"LICENSE": text})
    decision = decide(UpstreamMetadata(classifiers=["License :: OSI Approved :: BSD License"]), tree)
    assert (decision.expression, decision.problem) == ("BSD-3-Clause", "")


def rendered(items: list) -> tuple[list, dict[tuple, str]]:
    """Rendered requirement items as plain data, and their end-of-line comments by path as they
    stand under requirements.run."""
    from recipegen.emit import locate_comments

    data, eol, _ = locate_comments(items)
    return data, {("requirements", "run", *path): text for path, text in eol.items()}


def test_dependency_extras_use_conda_forge_with_outputs():
    from recipegen.generators.pypi.deps import Dependency
    from recipegen.generators.pypi.requirements import DepContext, render_dependencies

    ctx = DepContext(NameMapper(), supported_pythons("3.10"), True, [], "demo")
    deps = [
        Dependency("rich", "rich", ">=13", extras=("jupyter",)),
        Dependency("dask", "dask-core", "", extras=("nonexistent-extra",)),
    ]
    items, comments = rendered(render_dependencies(deps, ctx))
    assert items == ["rich >=13", "rich-with-jupyter", "dask-core"]
    assert comments[("requirements", "run", 2)] == "upstream asks for dask[nonexistent-extra]"


def test_license_file_one_folder_down_when_none_at_top():
    from recipegen.generators.pypi.license_info import license_file_paths

    tree = SourceTree("s", ["core/LICENSE.txt", "third_party/LICENSE", "pkg/__init__.py"])
    assert license_file_paths(UpstreamMetadata(), tree) == ["core/LICENSE.txt"]
    top = SourceTree("s", ["COPYING", "core/LICENSE.txt"])
    assert license_file_paths(UpstreamMetadata(), top) == ["COPYING"]


def test_noarch_variants_from_os_groups():
    from recipegen.generators.pypi.markers import conda_forge_yml, noarch_variants

    win, unix, osx = frozenset({"win"}), frozenset({"linux", "osx"}), frozenset({"osx"})
    everywhere = frozenset({"linux", "osx", "win"})
    assert noarch_variants([everywhere]) == []
    assert [(v.selector, v.virtual, v.platform) for v in noarch_variants([win])] == [
        ("unix", "__unix", "linux_64"),
        ("win", "__win", "win_64"),
    ]
    assert [v.virtual for v in noarch_variants([win, unix])] == ["__unix", "__win"]
    # darwin-only: linux and win are alike, but no virtual package covers both
    assert [v.virtual for v in noarch_variants([osx])] == ["__linux", "__osx", "__win"]
    assert conda_forge_yml(noarch_variants([win])).endswith("noarch_platforms:\n  - linux_64\n  - win_64\n")


def test_noarch_render_puts_os_deps_into_variant_blocks():
    from packaging.markers import Marker
    from recipegen.generators.pypi.deps import Dependency
    from recipegen.generators.pypi.markers import noarch_variants, os_groups
    from recipegen.generators.pypi.requirements import DepContext, render_dependencies

    pythons = supported_pythons("3.10")
    colorama = Dependency(
        "colorama",
        "colorama",
        applies=evaluate(Marker('platform_system == "Windows"'), pythons),
        marker='platform_system == "Windows"',
    )
    pywinpty = Dependency(
        "pywinpty", "pywinpty", applies=evaluate(Marker('os_name != "nt"'), pythons), marker='os_name != "nt"'
    )  # exists only on win: needed elsewhere → left out
    plain = Dependency("rich", "rich")
    notes: list[str] = []
    variants = noarch_variants([os_groups(d.applies) for d in (colorama, plain)])
    ctx = DepContext(NameMapper(), pythons, True, notes, "demo", variants)
    items, comments = rendered(render_dependencies([plain, colorama, pywinpty], ctx))
    assert items == ["rich", {"if": "unix", "then": "__unix"}, {"if": "win", "then": ["__win", "colorama"]}]
    assert comments[("requirements", "run", 2, "then", 1)] == 'upstream: platform_system == "Windows"'
    assert any("pywinpty" in n and "left out" in n for n in notes)


def test_extra_output_imports_a_module_the_extra_enables():
    from recipegen.generators.pypi.deps import Dependency
    from recipegen.generators.pypi.recipe import extra_imports

    meta = UpstreamMetadata(console_scripts={"black": "black:main", "blackd": "blackd:patched_main [d]"})
    facts = SimpleNamespace(imports=["black"], pypi_name="black", meta=meta, stubs=[])
    assert extra_imports(facts, "d", [Dependency("aiohttp", "aiohttp")]) == ["blackd"]
    assert extra_imports(facts, "socks", [Dependency("pysocks", "pysocks")]) == ["socks"]
    assert extra_imports(facts, "other", [Dependency("unknown-dist", "unknown-dist")]) == ["black"]


def test_pure_fallback_wheel_of_a_cython_build_is_compiled():
    meta = UpstreamMetadata(build_requires=["setuptools", "cython>=3"], has_build_system=True)
    tree = SourceTree("s", ["lib/sqlalchemy/__init__.py"])
    wheels = ["SQLAlchemy-2.1.0-py3-none-any.whl", "sqlalchemy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.whl"]
    assert layout.detect_build(meta, tree, wheels).compiled
    assert not layout.detect_build(meta, tree, wheels[:1]).compiled


def test_declared_authors_file_is_not_a_license_file():
    from recipegen.generators.pypi.license_info import license_file_paths

    tree = SourceTree("s", ["LICENSE", "AUTHORS.rst", "pkg/__init__.py"])
    meta = UpstreamMetadata(license_files=["LICENSE", "AUTHORS.rst"])
    assert license_file_paths(meta, tree) == ["LICENSE"]


@pytest.mark.parametrize(
    "files,expected",
    [
        (
            {"setup.py": "from setuptools import setup\nsetup(name='demo', version='1', use_scm_version=True)\n"},
            ["setuptools", "setuptools-scm"],
        ),
        (
            {
                "setup.py": "from setuptools import setup\nsetup(name='demo', setup_requires=['setuptools_scm>=6', 'pytest-runner'])\n"
            },
            ["setuptools", "setuptools_scm>=6"],
        ),
        (
            {"setup.cfg": "[metadata]\nname = demo\n[options]\nsetup_requires =\n    setuptools_scm\n    wheel\n"},
            ["setuptools", "setuptools_scm"],
        ),
        (
            {
                "pyproject.toml": '[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n'
                "[tool.setuptools_scm]\n"
            },
            ["setuptools>=64", "setuptools-scm"],
        ),
        (
            {
                "pyproject.toml": '[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n'
                '[project]\nname = "setuptools"\nversion = "80.0"\n[tool.setuptools_scm]\n'
            },
            ["setuptools>=64"],
        ),
        (
            {
                "pyproject.toml": '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
                '[tool.hatch.version]\nsource = "vcs"\n'
            },
            ["hatchling", "hatch-vcs"],
        ),
        (
            {
                "pyproject.toml": '[build-system]\nrequires = ["hatchling", "hatch-vcs"]\nbuild-backend = "hatchling.build"\n'
                '[tool.hatch.version]\nsource = "vcs"\n[tool.setuptools_scm]\n'
            },
            ["hatchling", "hatch-vcs"],
        ),
    ],
)
def test_version_plugins_and_setup_requires_reach_host(files, expected):
    meta = collect(SourceTree("demo", list(files), files))
    assert meta.build_requires == expected


def test_maturin_python_source_and_top_level_helpers_are_not_imports():
    maturin = SourceTree(
        "s",
        ["pyproject.toml", "pysrc/orjson/__init__.py", "src/lib.rs"],
        {"pyproject.toml": '[tool.maturin]\npython-source = "pysrc"\n'},
    )
    assert layout.imports_from_tree(maturin, UpstreamMetadata(name="orjson")) == ["orjson"]
    helpers = SourceTree("s", ["zmq/__init__.py", "zmqversion.py", "setup.py"], {})
    assert layout.imports_from_tree(helpers, UpstreamMetadata(name="pyzmq")) == ["zmq"]


@pytest.mark.parametrize(
    "extra,skipped",
    [
        ("test", True),
        ("tests", True),
        ("testing", True),
        ("dev", True),
        ("docs", True),
        ("doc", True),
        ("lint", True),
        ("typing", True),
        ("cover", True),
        ("enabler", True),
        ("type-check", True),
        ("test-all", True),
        ("docs-extra", True),
        ("socks", False),
        ("cli", False),
        ("all", False),
        ("jupyter", False),
        ("typed-ast", False),
    ],
)
def test_development_extras_are_not_outputs(extra, skipped):
    from recipegen.generators.pypi.requirements import is_dev_extra

    assert is_dev_extra(extra) is skipped


def test_dependency_extras_from_the_shipped_table():
    from recipegen.generators.pypi.deps import Dependency
    from recipegen.generators.pypi.requirements import DepContext, render_dependencies

    ctx = DepContext(NameMapper(), supported_pythons("3.10"), True, [], "demo")
    deps = [
        Dependency("uvicorn", "uvicorn", ">=0.30", extras=("standard",)),
        Dependency("requests", "requests", "", extras=("socks",)),
        Dependency("psycopg", "psycopg", "", extras=("binary",)),
    ]
    items, comments = rendered(render_dependencies(deps, ctx))
    assert items == ["uvicorn >=0.30", "uvicorn-standard", "requests", "pysocks", "psycopg"]
    assert comments[("requirements", "run", 1)] == "upstream asks for uvicorn[standard]"
    assert "covers" in comments[("requirements", "run", 4)]


def test_stub_only_package_is_tested_with_pip_check():
    from recipegen.generators.pypi.recipe import _tests

    wheel = WheelContents(
        "w",
        record=["requests-stubs/__init__.pyi", "requests-stubs/api.pyi", "types_requests-2.32.0.dist-info/METADATA"],
    )
    assert layout.stub_packages(wheel, None) == ["requests-stubs"]
    assert layout.imports_from_wheel(wheel, "types-requests") == []
    facts = SimpleNamespace(imports=[], stubs=["requests-stubs"], pypi_name="types-requests", meta=UpstreamMetadata())
    assert [test.tree() for test in _tests(facts, True, "", [], [])] == [
        {"script": ["pip check"], "requirements": {"run": ["python ${{ python_min }}.*", "pip"]}}
    ]
