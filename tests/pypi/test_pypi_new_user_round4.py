"""Defects found running `recipegen pypi` on 25 more packages nobody had looked at (pypi9 round,
2026-12-07); the inputs are the named releases' recordings in benchmarks/pypi_heldout (upstream
packages under their own licenses)."""

from __future__ import annotations

from recipegen.emit import emit


def _script_tests(recipe) -> list[str]:
    return [line for test in recipe.data.get("tests", []) if "script" in test for line in test["script"]]


def test_a_module_toolz_installs_satisfies_a_console_script(heldout_generator):
    # dask 2026.11.0's `dask` script imports `tlz`, which toolz's wheel installs next to `toolz`:
    # before, the script test was left out ("imports tlz, which the run requirements do not provide")
    recipe = heldout_generator("dask").generate("dask==2026.11.0")
    assert _script_tests(recipe) == ["dask --help"]
    assert not [note for note in recipe.notes if "script test" in note]
    assert "- dask --help" in emit(recipe)


def _output(recipe, name: str) -> dict:
    return next(o for o in recipe.data["outputs"] if o["package"]["name"] == name)


def test_an_extra_that_names_the_test_and_docs_groups_leaves_their_dependencies_out(heldout_generator):
    # nbconvert 7.17.2: `all = ["nbconvert[qtpdf,webpdf,test,serve,docs]"]`, which hatchling writes
    # out in PKG-INFO; before, nbconvert-with-all pulled pytest, flaky, sphinx, ipykernel, ...
    recipe = heldout_generator("nbconvert", extras=("split",)).generate("nbconvert==7.17.2")
    run = [r for r in _output(recipe, "nbconvert-with-all")["requirements"]["run"] if isinstance(r, str)]
    assert [r.split(" ")[0] for r in run[1:]] == ["playwright-python", "pyqtwebengine", "tornado"]
    assert (
        "extra 'all' holds every dependency of the development groups docs, test: those are left out of it"
        in recipe.notes
    )
    # the extras that are real keep their own dependencies
    assert _output(recipe, "nbconvert-with-serve")["requirements"]["run"][1] == "tornado >=6.1"


def test_an_extras_os_marker_does_not_make_a_noarch_recipe_build_per_os(heldout_generator):
    # pydantic 2.14.4: only the `timezone` extra has an OS marker (tzdata on Windows); before, the
    # whole recipe became one noarch build per OS (__unix/__win blocks in every output and a
    # conda-forge.yml), which pydantic's own dependencies never need
    recipe = heldout_generator("pydantic", extras=("split",)).generate("pydantic==2.14.4")
    assert "conda-forge.yml" not in recipe.extra_files
    text = emit(recipe)
    assert "__win" not in text and "__unix" not in text
    timezone = _output(recipe, "pydantic-with-timezone")["requirements"]["run"]
    assert timezone[1] == "python-tzdata"
    assert '# PyPI tzdata (parselmouth map); upstream: platform_system == "Windows"' in text


def test_a_base_os_marker_still_builds_per_os(heldout_generator):
    # humanfriendly 10.0's own requirement pyreadline3 (win32) keeps the per-OS builds
    recipe = heldout_generator("humanfriendly", extras=("split",)).generate("humanfriendly==10.0")
    assert "conda-forge.yml" in recipe.extra_files
    assert "__win" in emit(recipe)


def test_a_native_library_conda_forge_builds_for_unix_only_is_conditional(heldout_generator):
    # pyodbc 5.5.0 links unixODBC on linux and macOS and the system's odbc32 on Windows; before,
    # host listed unixodbc for every platform, which no win-64 build can install
    recipe = heldout_generator("pyodbc").generate("pyodbc==5.5.0")
    host = recipe.data["requirements"]["host"]
    assert {"if": "unix", "then": "unixodbc"} in host
    assert "unixodbc" not in host
    assert "    - if: unix\n      then: unixodbc  # linked native libraries, curated" in emit(recipe)


def test_imports_under_suppress_import_error_are_optional_for_a_script(heldout_generator):
    # jsonschema 4.23.0's `jsonschema` script imports jsonschema._format, whose format checkers
    # import fqdn, idna, webcolors, ... under `with suppress(ImportError):`; before, these read as
    # hard imports and the script test was left out
    recipe = heldout_generator("jsonschema").generate("jsonschema==4.23.0")
    assert _script_tests(recipe) == ["jsonschema --help"]
    assert not [note for note in recipe.notes if "script test" in note]


def test_a_module_named_unlike_its_distribution_satisfies_a_script(heldout_generator):
    # python-lsp-server 1.13.2's `pylsp` imports pylsp_jsonrpc, which its run requirement
    # python-lsp-jsonrpc installs; before, `pylsp --help` was left out
    recipe = heldout_generator("python-lsp-server").generate("python-lsp-server==1.13.2")
    assert _script_tests(recipe) == ["pylsp --help"]


def test_a_module_a_run_requirement_requires_satisfies_a_script(heldout_generator):
    # nbconvert 7.17.2's scripts import jupyter_client, which nbconvert does not list but its
    # requirement nbclient does (the recording holds nbclient's index JSON); before, both
    # `--help` tests were left out
    recipe = heldout_generator("nbconvert").generate("nbconvert==7.17.2")
    assert _script_tests(recipe) == ["jupyter-dejavu --help", "jupyter-nbconvert --help"]
    assert "script test: `jupyter-nbconvert --help` relies on jupyter_client (required by nbclient)" in recipe.notes


def test_an_entry_point_whose_import_fallback_is_none_needs_that_import(heldout_generator):
    # fastapi 0.165.0: `try: from fastapi_cli.cli import main as cli_main / except ImportError:
    # cli_main = None`, and `main` raises when cli_main is None; the note named only
    # pydantic_core before, so a run requirement bringing pydantic_core would have let a
    # failing `fastapi --help` in
    recipe = heldout_generator("fastapi").generate("fastapi==0.165.0")
    assert _script_tests(recipe) == []
    left_out = [note for note in recipe.notes if "left out `fastapi --help`" in note]
    assert left_out and "imports fastapi_cli" in left_out[0]


def test_indirect_providers_asks_each_run_requirement_once():
    from recipegen.generators.pypi.scripts import indirect_providers

    asked: list[str] = []
    requires = {"nbclient": ["jupyter-client>=6.1.12", "sphinx; extra == 'docs'"], "jinja2": ["markupsafe>=2.0"]}

    def requirements_of(name: str) -> list[str]:
        asked.append(name)
        return requires.get(name, [])

    found = indirect_providers({"jupyter_client", "sphinx", "zmq"}, ["jinja2", "nbclient"], requirements_of)
    assert found == {"jupyter_client": "nbclient"}  # sphinx only in an extra; zmq nowhere
    assert asked == ["jinja2", "nbclient"]


def test_a_projects_own_recording_wins_over_another_recordings_copy_of_its_json(tmp_path):
    # nbconvert's recording holds bleach's project JSON (asked for its requirements); replaying
    # every held-out folder at once, as benchmarks/pypi_accuracy.py does, must still give
    # bleach==6.4.0 from bleach's own recording (before: "no version 6.4.0 on the index")
    from pathlib import Path

    from recipegen.generators.pypi.generator import Options, PypiGenerator
    from recipegen.generators.pypi.record import json_project, replay_transport

    from recipegen.http import Fetcher

    heldout = Path(__file__).resolve().parents[2] / "benchmarks" / "pypi_heldout"
    assert json_project("https://pypi.org/pypi/Bleach/6.4.0/json") == "bleach"
    for folders in ([heldout / "bleach", heldout / "nbconvert"], [heldout / "nbconvert", heldout / "bleach"]):
        fetcher = Fetcher(transport=replay_transport(*folders), use_cache=False, retries=0, cache_dir=tmp_path)
        recipe = PypiGenerator(fetcher, Options(extras=("none",))).generate("bleach==6.4.0")
        assert recipe.context["version"] == "6.4.0"


def test_an_extra_with_dependencies_of_its_own_keeps_those_a_test_extra_shares():
    # the nbconvert rule must not empty a real `pytest` extra that shares pytest with `test`
    from recipegen.generators.pypi.metadata import UpstreamMetadata
    from recipegen.generators.pypi.names import NameMapper
    from recipegen.generators.pypi.requirements import DepContext, collect_requirements

    meta = UpstreamMetadata(name="demo", version="1.0")
    meta.requires_dist = [
        "pytest>=7; extra == 'pytest'",
        "pytest-xdist; extra == 'pytest'",
        "pytest>=7; extra == 'test'",
        "pytest>=7; extra == 'all'",
        "pytest-xdist; extra == 'all'",
        "tornado; extra == 'serve'",
        "tornado; extra == 'all'",
    ]
    notes: list[str] = []
    ctx = DepContext(NameMapper(), ["3.10", "3.14"], True, notes, "demo")
    groups = collect_requirements(meta, ["pytest", "test", "serve", "all"], ctx)
    assert [d.conda for d in groups["pytest"][0]] == ["pytest", "pytest-xdist"]
    # `all` is an aggregate of pytest, test and serve: pytest stays, the `pytest` extra needs it
    assert [d.conda for d in groups["all"][0]] == ["pytest", "pytest-xdist", "tornado"]
