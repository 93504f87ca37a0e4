"""The proof finds what a wrong conversion would get wrong (it is not a rubber stamp)."""

import pytest

from recipegen.convert import Folder, convert_text
from recipegen.convert.proof import PROOF_PLATFORMS, prove

from .conftest import CORPUS

CURL = CORPUS / "curl-feedstock"


@pytest.fixture(scope="module")
def curl():
    text = (CURL / "meta.yaml").read_text()
    converted = convert_text(text, str(CURL / "meta.yaml"), folder=Folder(frozenset({"meta.yaml"})))
    assert converted.issues == []
    return text, converted.text


def proof_of(curl, old, new):
    meta, recipe = curl
    assert old in recipe
    return prove(meta, recipe.replace(old, new, 1), recipe_dir=CURL, variants_text=None)


def test_the_faithful_conversion_has_no_difference_on_five_platforms(curl):
    proof = prove(*curl, recipe_dir=CURL, variants_text=None)
    assert proof.equivalent and proof.compared == 15  # three outputs x five platforms
    assert [p.target for p in PROOF_PLATFORMS] == ["linux-64", "osx-64", "win-64", "osx-arm64", "linux-aarch64"]


def test_a_wrong_condition_is_found_on_the_platforms_it_changes(curl):
    proof = proof_of(curl, "- if: unix\n          then: openssl", "- if: linux\n          then: openssl")
    assert {(d.platform, d.field) for d in proof.differences} == {
        ("osx-64", "requirements.host"),
        ("osx-arm64", "requirements.host"),
    }


def test_a_wrong_checksum_pin_and_test_are_found(curl):
    _, _recipe = curl
    assert not proof_of(curl, "ad6f2f94", "bd6f2f94").equivalent
    pinned = proof_of(curl, "${{ pin_subpackage('libcurl') }}", "${{ pin_subpackage('libcurl', upper_bound='x.x') }}")
    assert {d.field for d in pinned.differences} == {"run_exports"}
    tested = proof_of(curl, "- curl --help", "- curl --version")
    assert {d.field for d in tested.differences} == {"commands"}


def test_an_output_skipped_on_one_side_only_is_found(curl):
    head = "      name: curl\n    inherit: curl_split_recipe-build\n    build:\n"
    proof = proof_of(curl, head, head + "      skip: win\n")
    assert [(d.platform, d.output, d.field, d.v1) for d in proof.differences] == [
        ("win-64", "curl", "built", "skipped")
    ]


def test_a_recipe_rattler_build_cannot_render_is_a_failure(curl):
    proof = proof_of(curl, "${{ compiler('c') }}", "${{ compiler('c') ")
    assert proof.failures and not proof.equivalent


# --- conda-build as the proof models it (review 1) -------------------------------------------------


def test_conda_build_runs_the_shell_test_file_of_the_platform_only():
    from recipegen.convert.proof import run_test_files

    files = frozenset({"meta.yaml", "run_test.sh", "run_test.bat", "run_test.py", "run_test.r"})
    assert run_test_files(files, "win-64") == ["file:run_test.py", "file:run_test.r", "file:run_test.bat"]
    assert run_test_files(files, "osx-arm64") == ["file:run_test.py", "file:run_test.r", "file:run_test.sh"]


def test_run_test_sh_and_bat_next_to_commands_prove_equivalent(recipe_copy):
    from recipegen.convert.run import convert_path

    folder = recipe_copy("runtest-both")
    outcome = convert_path(str(folder), folder / "meta.yaml")
    assert outcome.status == "converted", outcome.problems + outcome.differences
    assert outcome.compared == 5


def test_versions_compare_as_versions():  # rattler-build prints `>=2021.09.0` as `>=2021.9.0`
    from recipegen.convert.proof import spec

    assert spec("fsspec >=2021.09.0") == spec("fsspec >=2021.9.0")
    assert spec("certifi >=2017.04.17") == spec("certifi >=2017.4.17")
    assert spec("certifi >=2017.04.17") != spec("certifi >=2017.4.18")
    assert spec("python 3.10") == spec("python 3.10.*")  # conda-build's star first


def test_a_calver_floor_with_a_leading_zero_converts(tmp_path):
    from recipegen.convert.run import convert_path

    (tmp_path / "meta.yaml").write_text(
        "package:\n  name: demo\n  version: '1.0'\nsource:\n  url: https://example.org/demo-1.0.tar.gz\n"
        "  sha256: " + "a" * 64 + "\nbuild:\n  number: 0\n  noarch: python\n"
        "  script: python -m pip install . -vv\nrequirements:\n  host:\n    - python {{ python_min }}\n    - pip\n"
        "  run:\n    - python >={{ python_min }}\n    - certifi >=2017.04.17\n    - fsspec >=2021.09.0\n"
        "test:\n  imports:\n    - demo\n  requires:\n    - python {{ python_min }}\n"
        "about:\n  home: https://example.org\n  license: MIT\n  license_file: LICENSE\n  summary: demo\n"
        "extra:\n  recipe-maintainers:\n    - someone\n"
    )
    outcome = convert_path(str(tmp_path), tmp_path / "meta.yaml")
    assert outcome.status == "converted", outcome.problems + outcome.differences
    assert "certifi >=2017.04.17" in outcome.recipe_text  # written as the maintainers wrote it


def test_several_home_urls_prove_against_any_of_them():
    from recipegen.convert.proof import about, compare_facts

    v0 = {"about": about({"home": "https://github.com/tidyverse/glue, https://glue.tidyverse.org/"})}
    facts = dict.fromkeys(
        ("version", "sources", "number", "noarch", "run_exports", "ignore_run_exports", "imports", "commands")
    )
    base = {**facts, "staging": {}, "requirements": {}}
    ok = about({"homepage": "https://glue.tidyverse.org/", "repository": "https://github.com/tidyverse/glue"})
    assert compare_facts({**base, **v0}, {**base, "about": ok}) == []
    wrong = about({"homepage": "https://example.org"})
    assert [f[0] for f in compare_facts({**base, **v0}, {**base, "about": wrong})] == ["about.homepage"]


def test_mpi_variants_with_a_templated_pin_build_prove_equivalent(recipe_copy):
    from recipegen.convert.run import convert_path

    folder = recipe_copy("mpi-variants")  # nompi + mpich everywhere, openmpi on linux; win skipped
    outcome = convert_path(str(folder), folder / "meta.yaml")
    assert outcome.status == "converted", outcome.problems + outcome.differences
    assert outcome.compared == 10
    assert 'build=mpi_prefix ~ "_*"' in outcome.recipe_text


def test_conda_build_renders_environ_with_the_variant_values():
    from recipegen.convert.render_v0 import render_v0

    text = 'package:\n  name: a\n  version: "{{ environ.get("cuda_compiler_version", "0") }}"\n'
    data = render_v0(text, "linux-64", None, {"cuda_compiler_version": "12.6"})
    assert data["package"]["version"] == "12.6"


def test_nothing_compared_is_not_proven(tmp_path):
    from recipegen.convert.run import convert_path

    (tmp_path / "meta.yaml").write_text(
        'package:\n  name: a\n  version: "1"\nbuild:\n  number: 0\n  skip: true  # [cuda_compiler_version == "None"]\n'
        "test:\n  commands:\n    - a --help\n"
        "about:\n  home: https://a.org\n  license: MIT\n  license_file: LICENSE\n  summary: a\n"
    )
    outcome = convert_path(str(tmp_path), tmp_path / "meta.yaml")
    assert outcome.status == "different" and outcome.compared == 0
    assert "nothing could be compared" in outcome.differences[0]


def test_duplicate_keys_next_to_a_build_string_glob_render_as_conda_build_reads_them():
    from recipegen.convert.render_v0 import render_v0

    text = (
        "package:\n  name: a\n  version: '1'\nbuild:\n  skip: true  # [osx]\n  skip: true  # [unix]\n"
        "  run_exports:\n    - a >=1 *_cpu\n"
    )
    data = render_v0(text, "osx-64", None, {})
    assert data["build"] == {"skip": True, "run_exports": ["a >=1 *_cpu"]}  # `*_cpu` is no alias
