"""Import tests and script tests only for what the package really provides (issue 10).

Recorded packages: apache-airflow 3.3.2 and python-Levenshtein 0.27.5 (meta-packages whose
wheels install no module), jupyterlab 4.4.10 (`jupyter-labhub` needs the undeclared jupyterhub).
"""

from __future__ import annotations

import pytest
from recipegen.generators.pypi.scripts import fails_without, missing_modules, needed_imports


def _main(recipe) -> dict:
    return recipe.data["outputs"][0] if "outputs" in recipe.data else recipe.data


@pytest.mark.parametrize("spec", ["apache-airflow==3.3.2", "python-Levenshtein==0.27.5"])
def test_a_wheel_without_modules_gets_pip_check_and_no_guessed_import(make_generator, spec):
    recipe = make_generator().generate(spec)
    assert not any("python" in test for test in _main(recipe)["tests"])  # never `imports: [apache_airflow]`
    first = _main(recipe)["tests"][0]
    assert first["script"] == ["pip check"] and "pip" in first["requirements"]["run"]
    assert "apache_airflow" not in recipe.text() and "python_levenshtein" not in recipe.text()


def test_airflow_script_test_keeps_its_entry_point(make_generator):
    recipe = make_generator(extras=("none",)).generate("apache-airflow==3.3.2")
    scripts = [t["script"] for t in recipe.data["tests"] if "script" in t]
    assert ["pip check"] in scripts


def test_script_importing_an_undeclared_package_is_left_out_with_a_note(make_generator):
    recipe = make_generator(extras=("none",)).generate("jupyterlab==4.4.10")
    scripts = [line for test in recipe.data["tests"] for line in test.get("script", [])]
    assert "jupyter-labhub --help" not in scripts
    assert {"jupyter-lab --help", "jupyter-labextension --help"} <= set(scripts)
    assert any("jupyter-labhub" in note and "jupyterhub" in note for note in recipe.notes)


LABHUB = """
import os
from traitlets import default
from .labapp import LabApp
try:
    from jupyterhub.singleuser.mixins import make_singleuser_app
except ImportError:
    try:
        from jupyterhub.singleuser import SingleUserNotebookApp
    except ImportError as e:
        raise ImportError("install jupyterhub") from e
try:
    import ujson as json
except ImportError:
    import json
if sys.platform == "win32":
    import colorama
if TYPE_CHECKING:
    import mypy_extensions
def main():
    import lazyloaded
"""


def test_needed_imports_follow_what_fails_without_the_module():
    needed = needed_imports(LABHUB, "jupyterlab.labhubapp", False, {"jupyterlab"})
    # a guarded import with a fallback (ujson), platform and TYPE_CHECKING branches and imports
    # inside functions are not needed; one whose fallback re-raises (jupyterhub) is
    assert {"os", "traitlets", "jupyterlab.labapp", "jupyterhub"} <= needed
    assert not needed & {"ujson", "json", "colorama", "mypy_extensions", "lazyloaded"}


def test_fails_without_a_module_only_when_no_handler_carries_on():
    import ast

    body = ast.parse("try:\n    import a\nexcept ImportError:\n    a = None\n").body
    assert not fails_without(body, "a", "", set())
    body = ast.parse("try:\n    import a\nexcept ValueError:\n    pass\n").body
    assert fails_without(body, "a", "", set())


def test_missing_modules_counts_stdlib_own_and_run_providers():
    needed = {"os", "yaml", "dateutil", "attr", "jupyter_server", "_black_version", "jupyterhub"}
    run = ["pyyaml", "python-dateutil", "attrs", "jupyter-server"]
    assert missing_modules(needed, {"black", "_black_version"}, run) == ["jupyterhub"]


@pytest.mark.parametrize(
    "extra,skipped",
    [("docker", False), ("docstrings", False), ("testimony", False), ("dev-tools", True), ("docs-api", True)],
)
def test_extras_are_classified_by_whole_words(extra, skipped):
    from recipegen.generators.pypi.requirements import is_dev_extra

    assert is_dev_extra(extra) is skipped


def test_airflow_docker_extra_is_an_output(make_generator):
    recipe = make_generator().generate("apache-airflow==3.3.2")
    names = [o["package"]["name"] for o in recipe.data["outputs"]]
    assert "apache-airflow-with-docker" in names
    assert not any("docker" in note and "development" in note for note in recipe.notes)


# httpx 0.28's own files (BSD-3-Clause, encode/httpx), cut to the lines that matter.
HTTPX_INIT = """
from ._api import *
try:
    from ._main import main
except ImportError:  # pragma: no cover

    def main() -> None:  # type: ignore
        import sys

        print("The httpx command line client could not run because the required dependencies were not installed.")
        sys.exit(1)
"""
HTTPX_MAIN = """
import functools
import click
import pygments.lexers
import rich.console
from ._client import Client
"""


def test_an_entry_point_whose_fallback_is_a_stub_needs_what_its_try_imports():
    """smoke review: httpx's base output tested `httpx --help`, which only prints "install
    httpx[cli]" and exits 1 without click, rich and pygments: the stub is no entry point."""
    from recipegen.generators.pypi.scripts import script_imports
    from recipegen.generators.pypi.sources import SourceTree

    files = {"httpx/__init__.py": HTTPX_INIT, "httpx/_main.py": HTTPX_MAIN, "httpx/_api.py": "", "httpx/_client.py": ""}
    tree = SourceTree("httpx", paths=list(files), loader=lambda wanted: {p: files[p] for p in wanted})
    needs = script_imports(tree, {"httpx": "httpx:main"}, {"httpx"}, [""])["httpx"]
    assert needs is not None and {"click", "pygments", "rich"} <= needs
    assert missing_modules(needs, {"httpx"}, ["httpcore", "idna"]) == ["click", "pygments", "rich"]
    assert not missing_modules(needs, {"httpx"}, ["httpcore", "idna", "click", "pygments", "rich"])
    # the same fallback without the entry point's name defined in it is a plain optional import
    assert not needed_imports(HTTPX_INIT, "httpx", True, {"httpx"}) & {"httpx._main"}


@pytest.mark.parametrize(
    ("url", "repository"),
    [
        ("https://github.com/hukkin/tomli-w/blob/master/CHANGELOG.md", "https://github.com/hukkin/tomli-w"),
        ("https://github.com/psf/requests", "https://github.com/psf/requests"),
        ("https://github.com/org/repo.git", "https://github.com/org/repo"),
        ("https://gitlab.com/group/sub/project/-/issues", "https://gitlab.com/group/sub/project"),
        ("https://codeberg.org/a/b/releases", "https://codeberg.org/a/b"),
        ("https://example.org/docs", ""),
    ],
)
def test_a_forge_url_gives_the_repository_it_points_into(url, repository):
    """smoke review: tomli-w's `repository` was its Changelog's blob URL."""
    from recipegen.generators.pypi.recipe import forge_repository

    assert forge_repository(url) == repository


def test_extras_with_the_same_dependencies_get_one_output(make_generator):
    """smoke review: fsspec's gcs/gs, sftp/ssh were one package under two names; tqdm's discord
    and telegram both need requests and envwrap."""
    recipe = make_generator().generate("tqdm")
    names = [output["package"]["name"] for output in recipe.data["outputs"]]
    assert "tqdm-with-discord" in names and "tqdm-with-telegram" not in names
    assert any("'telegram' has the same dependencies as 'discord'" in note for note in recipe.notes)
