"""Hand-broken copies of real files, one or more per kind: each is rejected with one problem, at
the line and column of the broken value or key (YAML and JSON alike), with a message that names
the key path and says what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from recipegen.validate import validate_file

from .conftest import FIXTURES

FORMATS = FIXTURES / "formats"
FLASK = "info-{}.json/conda__conda-index__tests__archives__flask-0.11.1-py_0.tar.bz2/info/{}.json"
RENDERED = "packages/hello-demo-0.1.0-h5600cae_0.conda"

# id, source (under fixtures/formats/, or a package whose rendered recipe is used), file name to
# write, text replaced, replacement, where in the replacement the problem points, message part
CASES = [
    (
        "conda-forge-unknown-key",
        "conda-forge.yml/conda-forge__llvmdev-feedstock/conda-forge.yml",
        "conda-forge.yml",
        "\nprovider:",
        "\nproviders:",
        "providers",
        "unknown key 'providers' at top level (did you mean 'provider'?)",
    ),
    (
        "conda-forge-enum",
        "conda-forge.yml/conda-forge__llvmdev-feedstock/conda-forge.yml",
        "conda-forge.yml",
        "test: native_and_emulated",
        "test: native_and_emulate",
        "native_and_emulate",
        'test: expected one of "all", "native", "native_and_emulated", got \'native_and_emulate\' (did you mean',
    ),
    (
        "conda-forge-workflow-os",
        "conda-forge.yml/conda-forge__llvmdev-feedstock/conda-forge.yml",
        "conda-forge.yml",
        "  pagefile_size:\n    - value: 16\n      os: win",
        "  pagefile_size:\n    - value: 16\n      os: windows",
        "windows",
        "workflow_settings.pagefile_size[0].os: expected 'linux', 'osx', 'win' or a list of them",
    ),
    (
        "environment-matchspec",
        "environment.yml/geopandas__geopandas/environment.yml",
        "environment.yml",
        "  - pyproj\n",
        "  - pyproj >=\n",
        "pyproj",
        "dependencies[3]: 'pyproj >=' is not a valid MatchSpec",
    ),
    (
        "environment-typo",
        "environment.yml/geopandas__geopandas/environment.yml",
        "environment.yml",
        "channels:",
        "chanels:",
        "chanels",
        "unknown key 'chanels' at top level (did you mean 'channels'?)",
    ),
    (
        "environment-name",
        "environment.yml/geopandas__geopandas/environment.yml",
        "environment.yml",
        "name: geopandas",
        "name: geo pandas",
        "geo pandas",
        "name: expected an environment name without '/', spaces",
    ),
    (
        "condarc-enum",
        "condarc/2goodAP__dotfiles/.condarc",
        ".condarc",
        "channel_priority: strict",
        "channel_priority: strikt",
        "strikt",
        "(did you mean 'strict'?)",
    ),
    (
        "condarc-list",
        "condarc/conda__conda-build__.github/condarc",
        "condarc",
        "channels:\n  - defaults",
        "channels: defaults",
        "defaults",
        "channels: expected a list, got 'defaults'",
    ),
    (
        "condarc-typo",
        "condarc/conda__conda-build__.github/condarc",
        ".condarc",
        "always_yes:",
        "alwayss_yes:",
        "alwayss_yes",
        "unknown key 'alwayss_yes' at top level (did you mean 'always_yes'?)",
    ),
    (
        "condarc-pinned-spec",
        "condarc/DTOcean__dtocean-core/.condarc",
        ".condarc",
        "  - decorator<5",
        "  - decorator<<5",
        "decorator",
        "pinned_packages[1]: 'decorator<<5' is not a valid MatchSpec",
    ),
    (
        "conda-lock-manager",
        "conda-lock.yml/conda__conda-lock__example__zlib/conda-lock.yml",
        "conda-lock.yml",
        "  manager: conda\n  name: _libgcc_mutex",
        "  manager: mamba\n  name: _libgcc_mutex",
        "mamba",
        'package[0].manager: expected one of "conda", "pip", got \'mamba\'',
    ),
    (
        "conda-lock-constraint",
        "conda-lock.yml/conda__conda-lock__example__zlib/conda-lock.yml",
        "conda-lock.yml",
        "    libgomp: '>=7.5.0'",
        "    libgomp: '>=7.5.0,,'",
        "'>=",
        "package[2].dependencies.libgomp: 'libgomp >=7.5.0,,' is not a valid MatchSpec",
    ),
    (
        "conda-lock-channel-key",
        "conda-lock.yml/conda__conda-lock__example__zlib/conda-lock.yml",
        "conda-lock.yml",
        "  - url: defaults\n    used_env_vars: []",
        "  - url: defaults\n    used_env_var: []",
        "used_env_var",
        "unknown key 'used_env_var' in metadata.channels[1] (did you mean 'used_env_vars'?)",
    ),
    (  # review2 #18: metadata.platforms is checked as package[].platform is
        "conda-lock-platform",
        "conda-lock.yml/conda__conda-lock__example__zlib/conda-lock.yml",
        "conda-lock.yml",
        "  - osx-64\n",
        "  - osx-65\n",
        "osx-65",
        "metadata.platforms[1]: expected a platform such as 'linux-64' (not 'noarch'), got 'osx-65' (did you mean",
    ),
    (
        "conda-lock-url-scheme",
        "conda-lock.yml/conda__conda-lock__example__zlib/conda-lock.yml",
        "conda-lock.yml",
        "  url: https://conda.anaconda.org/conda-forge/linux-64/_libgcc_mutex",
        "  url: htps://conda.anaconda.org/conda-forge/linux-64/_libgcc_mutex",
        "htps",
        "package[0].url: expected a URL (http, https, file, s3, ftp, gs or oci)",
    ),
    (
        "conda-lock-name-space",
        "conda-lock.yml/conda__conda-lock__example__zlib/conda-lock.yml",
        "conda-lock.yml",
        "  name: zlib\n",
        "  name: z lib\n",
        "z lib",
        "name: expected a package name",
    ),
    (
        "rendered-recipe-typo",
        RENDERED,
        "rendered_recipe.yaml",
        "  build:\n    number: 0",
        "  biuld:\n    number: 0",
        "biuld",
        "unknown key 'biuld' in recipe (did you mean 'build'?)",
    ),
    (
        "rendered-recipe-finalized-spec",
        RENDERED,
        "rendered_recipe.yaml",
        "    - source: __unix",
        "    - source: __unix >=",
        "__unix",
        "finalized_dependencies.run.depends[0].source: '__unix >=' is not a valid MatchSpec",
    ),
    (
        "rendered-recipe-priority",
        RENDERED,
        "rendered_recipe.yaml",
        "channel_priority: strict",
        "channel_priority: strictest",
        "strictest",
        'build_configuration.channel_priority: expected one of "strict", "disabled", "flexible", got \'strictest\'',
    ),
    (
        "rendered-recipe-spec",
        RENDERED,
        "rendered_recipe.yaml",
        "      weak:\n      - hello-demo >=0.1\nfinalized_sources",
        "      weak:\n      - hello-demo >=0.1,\nfinalized_sources",
        "hello-demo",
        "finalized_dependencies.run.run_exports.weak[0]: 'hello-demo >=0.1,' is not a valid MatchSpec",
    ),
    (
        "index-type",
        FLASK.format("index", "index"),
        "info/index.json",
        '"build_number": 0',
        '"build_number": "0"',
        '"0"',
        "build_number: expected an integer, got '0'",
    ),
    (
        "index-spec",
        FLASK.format("index", "index"),
        "info/index.json",
        '"jinja2 >=2.4"',
        '"jinja2 >="',
        '"jinja2',
        "depends[2]: 'jinja2 >=' is not a valid MatchSpec (unable to parse",
    ),
    (
        "index-typo",
        FLASK.format("index", "index"),
        "info/index.json",
        '"depends": [',
        '"constraints": [], "depends": [',
        '"constraints"',
        "unknown key 'constraints' at top level (did you mean 'constrains'?)",
    ),
    (
        "index-extra-depends-needs-v3",
        FLASK.format("index", "index"),
        "info/index.json",
        '"depends": [',
        '"extra_depends": {"test": ["pytest"]}, "depends": [',
        (1, 1),
        "missing required key 'schema_version' at top level",
    ),
    (
        "about-type",
        FLASK.format("about", "about"),
        "info/about.json",
        '"conda_build_version": "2.0.11+21.g945b199"',
        '"conda_build_version": 2',
        "2",
        "conda_build_version: expected a string",
    ),
    (
        "paths-enum",
        "info-paths.json/conda__menuinst__tests__data__pkgs__noarch__package_1-0.1-0.tar.bz2/info/paths.json",
        "info/paths.json",
        '"path_type": "hardlink"',
        '"path_type": "hard-link"',
        '"hard-link"',
        'paths[0].path_type: expected one of "hardlink", "softlink", "directory", got \'hard-link\'',
    ),
    (
        "paths-sha256",
        "info-paths.json/conda__menuinst__tests__data__pkgs__noarch__package_1-0.1-0.tar.bz2/info/paths.json",
        "info/paths.json",
        '"sha256": "29ff115b',
        '"sha256": "29ff115',
        '"29ff',
        "paths[0].sha256: expected a SHA256 hex digest",
    ),
    (
        "link-entry-point",
        "info-link.json/conda__conda-index__tests__archives__spiffy-test-app-0.5-pyh6afbcc8_0.tar.bz2/info/link.json",
        "info/link.json",
        '"spiffy-test-helper = spiffy_test_app:helper"',
        '"spiffy-test-helper = spiffy_test_app.helper"',
        '"spiffy-test-helper',
        "noarch.entry_points[1]: expected an entry point 'name = module:function'",
    ),
    (
        "run-exports-type",
        "info-run_exports.json/conda__conda__tests__data__conda_format_repo__linux-64__zlib-1.2.11-h7b6447c_3.conda/info/run_exports.json",
        "info/run_exports.json",
        '{"weak": [',
        '{"weak": "zlib", "strong": [',
        '"zlib"',
        "weak: expected a list, got 'zlib'",
    ),
    (
        "run-exports-key",
        "info-run_exports.json/conda__conda__tests__data__conda_format_repo__linux-64__zlib-1.2.11-h7b6447c_3.conda/info/run_exports.json",
        "info/run_exports.json",
        '{"weak": [',
        '{"week": [',
        '"week"',
        "unknown key 'week' at top level (did you mean 'weak'?)",
    ),
    (
        "channel-run-exports-spec",
        "channel-run_exports.json/conda__rattler__test-data__channels__openssl-run-exports-test__linux-64/run_exports.json",
        "linux-64/run_exports.json",
        '"packages": {}',
        '"packages": {"a-1-0.tar.bz2": {"run_exports": {"weak": ["a >=1,<"]}}}',
        '"a >=1',
        "packages.a-1-0.tar.bz2.run_exports.weak[0]: 'a >=1,<' is not a valid MatchSpec",
    ),
    (
        "channel-run-exports-name",
        "channel-run_exports.json/conda__rattler__test-data__channels__openssl-run-exports-test__linux-64/run_exports.json",
        "linux-64/run_exports.json",
        '"packages.conda": {}',
        '"packages.conda": {"a-1-0.tar.bz2": {"run_exports": {}}}',
        '"a-1-0',
        "packages.conda: key 'a-1-0.tar.bz2' is not a '.conda' file name",
    ),
    (
        "repodata-size",
        "repodata.json/conda__conda__tests__data__conda_format_repo__linux-64/repodata.json",
        "repodata.json",
        '"size": 122456',
        '"size": -1',
        "-1",
        "size: expected at least 0, got the number -1",
    ),
    (
        "repodata-spec",
        "repodata.json/conda__conda__tests__data__conda_format_repo__linux-64/repodata.json",
        "repodata.json",
        '"libgcc-ng >=7.3.0"',
        '"libgcc-ng >=7.3.0,<"',
        '"libgcc-ng',
        "'libgcc-ng >=7.3.0,<' is not a valid MatchSpec",
    ),
    (
        "channeldata-type",
        "channeldata.json/conda__conda__tests__data__conda_format_repo/channeldata.json",
        "channeldata.json",
        '"channeldata_version": 1',
        '"channeldata_version": "1"',
        '"1"',
        "channeldata_version: expected an integer, got '1'",
    ),
    (
        "variants-zip-keys",
        "variants.yaml/conda-forge__libpnetcdf-feedstock__recipe/variants.yaml",
        "variants.yaml",
        "zip_keys:\n- [mpi, mpi_prefix]",
        "zip_keys: mpi",
        "mpi",
        "zip_keys: expected a list, got 'mpi'",
    ),
]


def _broken_text(source: str, old: str, new: str) -> str:
    if source.startswith("packages/"):
        from recipegen.validation.load import artifact_members

        text = artifact_members(str(FORMATS / source))["info/recipe/rendered_recipe.yaml"].decode()
    else:
        text = (FORMATS / source).read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def _position(text: str, new: str, point_at: str | tuple[int, int]) -> tuple[int, int]:
    if isinstance(point_at, tuple):
        return point_at
    offset = text.index(new) + new.index(point_at)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_broken_file_is_rejected_at_the_right_place(case, tmp_path):
    _, source, name, old, new, point_at, message = case
    text = _broken_text(source, old, new)
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = validate_file(path)
    got = [(p.line, p.column, p.message) for p in problems]
    assert len(problems) == 1, got
    (problem,) = problems
    assert message in problem.message, got
    assert (problem.line, problem.column) == _position(text, new, point_at), got
    assert problem.file == str(path) and problem.rule_id == "schema"
    assert (problem.end_line, problem.end_column) >= (problem.line, problem.column + 1)


def test_every_kind_has_broken_cases():
    from recipegen.validation.kinds import kind_for_path

    kinds = {kind_for_path(str(Path("x") / case[2])).name for case in CASES}  # type: ignore[union-attr]
    assert kinds >= {
        "conda-forge",
        "environment",
        "condarc",
        "conda-lock",
        "rendered-recipe",
        "package-index",
        "package-about",
        "package-paths",
        "package-link",
        "package-run-exports",
        "channel-run-exports",
        "repodata",
        "channeldata",
        "variants",
    }
