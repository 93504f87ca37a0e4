"""Golden recipes for real packages replayed from fixtures/pypi (no network)."""

from __future__ import annotations

import pytest

from recipegen.generate import check_generated

# (spec, extra options): pure Python with/without extras, compiled C/Cython/Rust, setup.py-only,
# Poetry, hatch, flit, PEP 639, name-mapped, wheel-only.
CASES = [
    ("requests==2.34.2", {}),  # setuptools, extras (split), License field + classifier
    ("click==8.5.1", {}),  # flit, PEP 639 License-Expression, no deps
    ("attrs==26.1.0", {}),  # hatch, dev extras skipped
    ("typing-extensions==4.16.0", {}),  # name-mapped: typing_extensions
    ("tomli==2.5.0", {}),
    ("packaging==26.3", {}),
    ("idna==3.20", {}),
    ("certifi==2026.10.18", {}),
    ("six==1.17.0", {}),  # setup.py + setup.cfg legacy
    ("docopt==0.6.2", {}),  # setup.py only, no pyproject
    ("black==26.10.1", {}),  # hatch, entry points, extras, python markers
    ("rich==15.0.0", {}),  # poetry-core backend
    ("httpx==0.28.1", {}),  # hatch, entry point needing an extra
    ("jinja2==3.1.6", {}),
    ("pyyaml==6.0.3", {}),  # compiled C/Cython, name case
    ("msgpack==1.2.4", {}),  # compiled C++ , name-mapped msgpack-python
    ("markupsafe==3.0.4", {}),  # compiled C with a pure fallback
    ("frozenlist==1.8.0", {}),  # Cython
    ("pybind11==3.1.0", {}),  # scikit-build-core but header-only: noarch
    ("numpy==2.5.5", {}),  # meson-python, C/C++, python floor above global
    ("pydantic-core==2.50.4", {}),  # Rust/maturin
    ("cryptography==50.0.2", {}),  # Rust + cffi, python-version marker on a compiled package
    ("pytest==9.2.0", {}),  # platform marker in noarch
    ("ipykernel==7.4.0", {}),
    ("tqdm==4.70.1", {}),
    ("beautifulsoup4==4.15.0", {}),  # name-mapped dependency
    ("poetry-core==2.5.0", {}),
    ("psutil==7.2.2", {}),  # compiled C, setup.py
    ("cleo==2.1.0", {}),  # Poetry project, python cap <4 dropped
    ("dunamai==1.26.5", {}),  # Poetry, marker below the floor dropped
    ("tensorboard==2.21.0", {"wheel_source": True}),  # wheel-only, pure wheel as source
    ("click==8.1.8", {}),  # colorama on Windows: __unix/__win variants + conda-forge.yml
    ("ipython==9.18.1", {}),  # colorama on win32, pexpect elsewhere: unix/win variants
    ("keyring==25.7.0", {}),  # linux-only and win-only deps: linux/osx/win variants
    ("desktop-notifier==6.2.0", {}),  # sys_platform == "darwin" dep: linux/osx/win variants
    ("orjson==3.13.0", {"extras": ("none",)}),  # maturin python-source = "pysrc": imports orjson
    ("python-dateutil==2.8.2", {}),  # setup.cfg setup_requires setuptools_scm → host
    ("fonttools==4.68.0", {"extras": ("none",)}),  # pure fallback wheel + platform wheels + Cython: compiled
    ("pyzmq==27.3.0", {}),  # scikit-build-core + Cython; top-level helper .py is not an import
    ("types-requests==2.33.0.20261030", {}),  # PEP 561 stubs only: pip check, no guessed import
    (
        "setuptools==84.2.1",
        {"extras": ("none",)},
    ),  # only a pure wheel (launcher .c not built): noarch; not its own host
    ("coverage==7.17.3", {"extras": ("none",)}),  # `coverage-3.11` entry point left out
    ("requests==2.34.2", {"extras": ("none",)}),
    ("black==26.10.1", {"extras": ("all",)}),
    ("requests==2.34.2", {"extras": ("socks",)}),
    ("pandas==3.1.1", {}),  # meson-python: meson/ninja/pkg-config in build; pandas[all] pins other extras
    ("psycopg2==2.9.13", {}),  # ambiguous LGPL classifier settled by the LICENSE statement; libpq in host
    ("charset-normalizer==3.5.2", {}),  # Cython only behind an env var + pure wheel: noarch
    ("hatchling==1.33.0", {}),  # backend-path: builds itself, its run dependencies in host
    ("aiohttp==3.14.5", {"extras": ("none",)}),  # pkgconfig (Python module) in host, pkg-config in build
    # issue 10: reviewed on real packages
    ("apache-airflow==3.3.2", {"extras": ("none",)}),  # wheel installs no module: pip check, no guessed import
    ("python-Levenshtein==0.27.5", {}),  # meta-package: pip check only
    ("jupyterlab==4.4.10", {"extras": ("none",)}),  # hatch hook dependency in host; jupyter-labhub not run
    ("zope.interface==5.4.0", {"extras": ("none",)}),  # Zope Public License classifier + ZPL 2.1
    ("zope.event==4.5.0", {"extras": ("none",)}),
    ("transaction==3.0.1", {"extras": ("none",)}),
    ("xxhash==4.1.0", {}),  # XXHASH_LINK_SO=1 links conda-forge's xxhash
    ("brotlicffi==1.2.1.0", {}),  # cffi build script: USE_SHARED_BROTLI=1, cffi in host and run
    ("pyrsistent==0.20.0", {"extras": ("none",)}),  # opt-out switch: compiled
    ("whenever==0.11.0", {"extras": ("none",)}),  # setuptools-rust extension built by default
]


def _case_id(spec: str, options: dict) -> str:
    parts = [spec.split("==")[0] if spec != "click==8.1.8" else "click-8.1"]
    if options.get("wheel_source"):
        parts.append("wheel-source")
    parts += [f"extras-{e}" for e in options.get("extras", ())]
    return "-".join(parts)


@pytest.mark.parametrize("spec,options", CASES, ids=[_case_id(spec, options) for spec, options in CASES])
def test_golden_recipe(spec, options, make_generator, file_regression):
    recipe = make_generator(**options).generate(spec)
    text = recipe.text()
    assert check_generated(recipe, text) == []
    for name, content in recipe.extra_files.items():  # conda-forge.yml with noarch_platforms
        text += f"# --- {name} ---\n{content}"
    file_regression.check(text, extension=".yaml")


MACHINE_MARKERS_PROJECT = """\
[build-system]
requires = ["flit_core >=3.2,<4"]
build-backend = "flit_core.buildapi"

[project]
name = "machine-markers"
version = "1.0"
description = "A pure package whose dependencies carry platform_machine markers"
license = "MIT"
requires-python = ">=3.10"
dependencies = [
    "greenlet >=3; platform_machine == 'x86_64' or platform_machine == 'aarch64' or platform_machine == 'AMD64'",
    "tensorflow-cpu-aws; platform_system == 'Linux' and (platform_machine == 'arm64' or platform_machine == 'aarch64')",
    "colorama; platform_system == 'Windows' and platform_machine != 'ARM64'",
]
"""


def test_golden_platform_machine_markers(tmp_path, make_generator, file_regression):
    """Arch markers in a noarch recipe: an arch-only split is listed with its marker; a marker
    that also picks an OS puts the dependency into that OS's build (linux/osx/win variants)."""
    project = tmp_path / "machine-markers"
    (project / "machine_markers").mkdir(parents=True)
    (project / "machine_markers" / "__init__.py").write_text("")
    (project / "LICENSE").write_text("MIT License\n")
    (project / "pyproject.toml").write_text(MACHINE_MARKERS_PROJECT)
    recipe = make_generator().generate(str(project))
    text = recipe.text()
    assert check_generated(recipe, text) == []
    assert any("greenlet" in note and "arch" in note for note in recipe.notes)
    text = text.replace(str(project.resolve()), "<project>")
    for name, content in recipe.extra_files.items():
        text += f"# --- {name} ---\n{content}"
    file_regression.check(text, extension=".yaml")


@pytest.mark.parametrize("spec", ["brotlicffi==1.2.1.0", "cryptography==50.0.2", "desktop-notifier==6.2.0"])
def test_comments_stay_on_their_items_when_requirements_change(spec, make_generator):
    from tests.core.comment_travel import assert_comments_travel

    assert assert_comments_travel(make_generator().generate(spec)) >= 1
