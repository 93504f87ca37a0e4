"""Whole updates of real recipes against recorded PyPI responses (fixtures/update)."""

from __future__ import annotations

import json

from recipegen.generators.pypi.record import replay_transport

from recipegen.http import Response
from recipegen.update.download import FetchingDownloader
from recipegen.update.pipeline import Options, update_recipe

from .conftest import RESPONSES, make_services, recipe_copy, recorded, run_update


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """(old, new) for every line that differs, when the line count is the same."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new) if a != b]


def added_and_removed(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("+ ")], [d[2:] for d in diff if d.startswith("- ")]


def sha_of(label: str, url_part: str) -> str:
    digests = json.loads((RESPONSES / label / "digests.json").read_text())
    return next(v["sha256"] for url, v in digests.items() if url_part in url)


def test_v0_noarch_byte_identical_except_the_changed_lines(tmp_path):
    result, before, after = run_update(tmp_path, "nbformat-v0", "nbformat", version="5.9.0")
    assert result.status == "updated", result.error
    added, removed = added_and_removed(before, after)
    sha = sha_of("nbformat", "nbformat-5.9.0")
    assert removed == [
        '{% set version = "5.8.0" %}',
        "  sha256: 46dac64c781f1c34dfd8acba16547024110348f9fc7eab0f31981c2a3dc48d1f",
        "    - python >=3.7",
        "    - importlib-metadata >=3.6",
        "    - python >=3.7",
    ]
    assert added == ['{% set version = "5.9.0" %}', f"  sha256: {sha}", "    - python >=3.8", "    - python >=3.8"]
    assert result.sources[0].verified.startswith("matches the index's sha256")
    assert {p.kind for p in result.proposals} == {"constraint", "remove"}


def test_v1_newest_release_and_a_build_backend_change(tmp_path):
    result, before, after = run_update(tmp_path, "narwhals-v1", "narwhals")
    assert result.status == "updated", result.error
    newest = json.loads((RESPONSES / "narwhals" / "narwhals.json").read_text())["info"]["version"]
    assert result.new_version == newest and f'version: "{newest}"' in after
    assert result.backend == ("hatchling.build", "uv_build")
    added, removed = added_and_removed(before, after)
    assert "    - hatchling" in removed and any(line.startswith("    - uv-build") for line in added)


def test_v0_multi_output_changes_land_in_the_right_output(tmp_path):
    result, _before, after = run_update(tmp_path, "python-lsp-server-v0", "python-lsp-server", version="1.8.0")
    assert result.status == "updated", result.error
    by_name = {(p.output, p.name): p for p in result.proposals}
    assert by_name[("python-lsp-server-base", "jedi")].new == ">=0.17.2,<0.20.0"
    assert by_name[("python-lsp-server-base", "setuptools")].kind == "remove"
    assert by_name[("python-lsp-server", "pyflakes")].new == ">=3.1.0,<3.2.0"  # the full output bundles the extras
    assert all(p.applied for p in result.proposals)
    assert "{{ pin_subpackage(" in after and after.count("python >=3.8") == 5


def test_compiled_v0_with_selectors_and_host_mirroring_run(tmp_path):
    result, before, after = run_update(tmp_path, "mypy-v0", "mypy", version="1.16.0")
    assert result.status == "updated", result.error
    added, removed = added_and_removed(before, after)
    assert added.count("        - pathspec >=0.9.0") == 2  # host (mypyc compiles against it) and run
    assert "        - tomli >=1.1.0  # [py<311]" in after  # the selector line is untouched
    assert all(line in after for line in removed if "version" not in line and "sha256" not in line)


def test_v1_extras_outputs(tmp_path):
    result, before, after = run_update(tmp_path, "ibis-framework-v1", "ibis-framework", version="12.0.0")
    assert result.status == "updated", result.error
    pyspark = next(p for p in result.proposals if p.name == "pyspark")
    assert pyspark.output == "ibis-pyspark" and pyspark.applied  # the extra's own output
    hints = {p.new for p in result.proposals if p.section == "outputs"}
    assert {"materialize", "singlestoredb"} <= hints  # new extras: reported, no output invented
    assert after.count("- package:") == before.count("- package:")


def test_v1_if_then_branch_edited_in_place(tmp_path):
    result, _before, after = run_update(tmp_path, "pytest-v1", "pytest", version="8.4.0")
    assert result.status == "updated", result.error
    assert '        - colorama >=0.4  # upstream: sys_platform == "win32"' in after
    assert "    - exceptiongroup >=1  # upstream:" in after
    assert "    - pygments >=2.7.2\n" in after
    assert after.index("pygments") < after.index("tomli")  # sorted in like its neighbours


def test_compiled_v1_license_and_backend_change(tmp_path):
    result, before, after = run_update(tmp_path, "pyzmq-v1", "pyzmq", version="26.0.0")
    assert result.status == "updated", result.error
    assert result.license == ("BSD-3-Clause AND LGPL-3.0-only", "BSD-3-Clause")
    added, removed = added_and_removed(before, after)
    assert {"    - setuptools", "    - setuptools-scm"} <= set(removed)
    assert {"    - scikit-build-core", "    - cmake", "    - ninja"} <= set(added)
    cython = [p for p in result.proposals if p.name == "cython"]
    assert cython and not any(p.applied for p in cython)  # a build tool's floor: a hint


def test_license_policy_refuses_the_update(tmp_path):
    from recipegen.linters.policy import parse_policy

    path = recipe_copy(tmp_path, "pyzmq-v1")
    before = path.read_text()
    policy = parse_policy({"deny": ["BSD-3-Clause"]}, "policy.toml")
    result = update_recipe(path, Options(version="26.0.0", license_policy=policy), make_services(tmp_path, "pyzmq"))
    assert result.status == "refused"
    assert "BSD-3-Clause" in result.error and "\n" not in result.error
    assert path.read_text() == before


def test_github_source_with_pypi_metadata(tmp_path):
    result, _before, after = run_update(tmp_path, "pybind11-v1", "pybind11", version="3.0.3")
    assert result.status == "updated", result.error
    assert result.upstream == "pybind11 on PyPI"
    assert sha_of("pybind11", "github.com") in after
    assert result.sources[0].new_urls == ("https://github.com/pybind/pybind11/archive/v3.0.3.tar.gz",)


def test_a_failed_download_writes_nothing(tmp_path):
    """The new sdist answers 404: one line naming the file, the recipe untouched."""
    replay = replay_transport(*recorded("nbformat"))

    def transport(url: str) -> Response:
        return Response(url, 404, b"") if url.endswith("nbformat-5.9.0.tar.gz") else replay(url)

    path = recipe_copy(tmp_path, "nbformat-v0")
    before = path.read_text()
    services = make_services(tmp_path, "nbformat", transport=transport)
    services.download = FetchingDownloader(services.fetcher)  # the real downloader, on the 404
    result = update_recipe(path, Options(version="5.9.0"), services)
    assert result.status == "failed"
    assert "nbformat-5.9.0.tar.gz" in result.error and "404" in result.error and "\n" not in result.error
    assert path.read_text() == before


def test_deps_hint_edits_only_version_digest_and_build_number(tmp_path):
    result, before, after = run_update(tmp_path, "nbformat-v0", "nbformat", version="5.9.0", deps="hint")
    assert result.status == "updated"
    assert len(changed_lines(before, after)) == 2
    assert result.proposals and not any(p.applied for p in result.proposals)
    assert all(p.reason == "--deps hint" for p in result.proposals)


def test_deps_off_compares_nothing(tmp_path):
    result, before, after = run_update(tmp_path, "nbformat-v0", "nbformat", version="5.9.0", deps="off")
    assert result.status == "updated" and result.proposals == []
    assert len(changed_lines(before, after)) == 2


def test_check_and_dry_run_write_nothing(tmp_path):
    checked, before, after = run_update(tmp_path / "a", "nbformat-v0", "nbformat", check=True)
    assert checked.status == "available" and before == after
    assert checked.new_version == json.loads((RESPONSES / "nbformat" / "nbformat.json").read_text())["info"]["version"]
    dry, before, after = run_update(tmp_path / "b", "nbformat-v0", "nbformat", version="5.9.0", dry_run=True)
    assert dry.status == "dry-run" and before == after
    assert '-{% set version = "5.8.0" %}' in dry.diff and '+{% set version = "5.9.0" %}' in dry.diff


def test_same_version_is_up_to_date(tmp_path):
    result, before, after = run_update(tmp_path, "nbformat-v0", "nbformat", version="5.8.0")
    assert result.status == "up-to-date" and before == after


def test_every_versioned_source_gets_its_new_digest(tmp_path):
    """tox's second source (a man page at the release tag) follows the version too."""
    result, before, after = run_update(tmp_path, "tox-v1", "tox", version="4.51.0")
    assert result.status == "updated", result.error
    assert [s.new_digest for s in result.sources] == [
        sha_of("tox", "tox-4.51.0.tar.gz"),
        sha_of("tox", "raw.githubusercontent.com"),  # a stand-in: github is not reachable when recording
    ]
    added, removed = added_and_removed(before, after)
    assert len(removed) == 3 and all(("sha256" in r) or ("version" in r) for r in removed)
    assert added[-1] == "    - python-discovery >=1.2.1"
    assert "    target_directory: docs/man" in after


def test_crlf_line_endings_and_a_bom_survive(tmp_path):
    path = recipe_copy(tmp_path, "nbformat-v0")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text().replace("\n", "\r\n").encode())
    result = update_recipe(path, Options(version="5.9.0"), make_services(tmp_path, "nbformat"))
    assert result.status == "updated", result.error
    data = path.read_bytes()
    assert data.startswith(b'\xef\xbb\xbf{% set version = "5.9.0" %}\r\n')
    assert data.count(b"\n") == data.count(b"\r\n")


def test_a_raised_python_floor_becomes_python_min_and_an_extra_output_follows(tmp_path):
    """uvicorn 0.30.0 → 0.55.0 needs Python >= 3.11 (above conda-forge's 3.10): `python_min` in
    context, next to the version; its [standard] extra's output follows the extra's changes."""
    result, _before, after = run_update(tmp_path, "uvicorn-v1", "uvicorn", version="0.55.0")
    assert result.status == "updated", result.error
    assert '  version: "0.55.0"\n  python_min: "3.11"\n' in after
    standard = {p.name: p for p in result.proposals if p.output == "uvicorn-standard"}
    assert standard["websockets"].new == ">=13.0" and standard["websockets"].applied
    dropped = next(p for p in result.proposals if p.name == "typing_extensions")
    assert dropped.kind == "remove" and dropped.output == "uvicorn"  # only needed below Python 3.11


def test_index_url_is_the_index_asked(tmp_path):
    """--index-url: every index request goes to the mirror (here answering with PyPI's recordings)."""
    replay = replay_transport(*recorded("nbformat"))
    asked: list[str] = []

    def mirror(url: str) -> Response:
        asked.append(url)
        return replay(url.replace("https://mirror.example/", "https://pypi.org/"))

    path = recipe_copy(tmp_path, "nbformat-v0")
    services = make_services(tmp_path, "nbformat", transport=mirror, index_url="https://mirror.example/simple")
    result = update_recipe(path, Options(version="5.9.0"), services)
    assert result.status == "updated", result.error
    assert asked and all(url.startswith("https://mirror.example/pypi/") for url in asked if "/json" in url)
