"""v0 keys -> v1 keys, on whole (small) recipes converted end to end."""

import pytest

from recipegen.convert import Folder, convert_text
from recipegen.yamlio import parse_yaml, to_plain

HEAD = "package:\n  name: demo\n  version: '1.0'\n"


def convert(text, files=()):
    result = convert_text(HEAD + text, folder=Folder(frozenset(files)))
    assert result.issues == [], result.issues
    return to_plain(parse_yaml(result.text, "recipe.yaml")), result


def test_the_python_test_takes_pip_check_and_python_min():  # conda-forge's CFEP-25 noarch layout
    data, _ = convert(
        "test:\n  requires:\n    - python {{ python_min }}\n    - pip\n  imports:\n    - demo\n"
        "  commands:\n    - pip check\n    - demo --help\n"
    )
    assert data["tests"] == [
        {"python": {"imports": ["demo"], "python_version": "${{ python_min }}.*"}},
        {"script": ["demo --help"], "requirements": {"run": ["python ${{ python_min }}.*"]}},
    ]


def test_imports_without_pip_check_say_so():
    data, _ = convert("test:\n  imports:\n    - demo\n")
    assert data["tests"] == [{"python": {"imports": ["demo"], "pip_check": False}}]


def test_run_test_files_and_test_files():
    data, _ = convert(
        "test:\n  requires:\n    - pytest\n  source_files:\n    - tests/\n  files:\n    - data.csv\n",
        files=("meta.yaml", "run_test.py", "run_test.bat"),
    )
    files = {"source": ["tests/"], "recipe": ["data.csv"]}
    assert data["tests"] == [
        {"script": "run_test.py", "requirements": {"run": ["pytest", "python"]}, "files": files},
        {"if": "win", "then": {"script": "run_test.bat", "requirements": {"run": ["pytest"]}, "files": files}},
    ]


def test_downstreams():
    data, _ = convert("test:\n  downstreams:\n    - other\n")
    assert data["tests"] == [{"downstream": "other"}]


def test_build_keys_move_where_v1_has_them():
    data, _result = convert(
        "build:\n  number: 1\n  skip: true  # [win]\n  skip: true  # [py<310]\n  entry_points:\n    - demo = demo:main\n"
        "  run_exports:\n    - {{ pin_subpackage('demo', max_pin='x.x') }}\n  ignore_run_exports_from:\n    - zlib\n"
        "  missing_dso_whitelist:\n    - '*/R.dll'  # [win]\n  merge_build_host: true\n  script_env:\n    - FOO=bar\n"
        "requirements:\n  run_constrained:\n    - other >=2\n"
    )
    assert data["build"] == {
        "number": 1,
        "skip": ["win", 'match(python, "<3.10")'],
        "script": {"env": {"FOO": "bar"}, "file": "build"},
        "python": {"entry_points": ["demo = demo:main"]},
        "merge_build_and_host_envs": True,
        "dynamic_linking": {"missing_dso_allowlist": [{"if": "win", "then": "*/R.dll"}]},
    }
    assert data["requirements"] == {
        "run_constraints": ["other >=2"],
        "run_exports": ['${{ pin_subpackage("demo", upper_bound="x.x") }}'],
        "ignore_run_exports": {"from_package": ["zlib"]},
    }


def test_platform_scripts_of_the_same_name_become_one():  # abseil-cpp-feedstock's outputs
    data, _ = convert("build:\n  script: install.sh  # [unix]\n  script: install.bat  # [win]\n")
    assert data["build"]["script"] == "install"


def test_about_and_source_keys():
    data, result = convert(
        "source:\n  - url: https://example.org/demo-1.0.tar.gz\n    fn: demo.tar.gz\n    sha256: " + "a" * 64 + "\n"
        "  - git_url: https://example.org/data.git\n    git_rev: v1\n    folder: data\n"
        "about:\n  home: https://example.org, https://github.com/o/demo\n  doc_url: https://docs.example.org\n"
        "  license: MIT\n  license_family: MIT\n  summary: Demo\n"
    )
    assert data["source"] == [
        {"url": "https://example.org/demo-1.0.tar.gz", "sha256": "a" * 64},
        {"git": "https://example.org/data.git", "rev": "v1", "target_directory": "data"},
    ]
    assert data["about"] == {
        "homepage": "https://example.org",
        "repository": "https://github.com/o/demo",
        "documentation": "https://docs.example.org",
        "license": "MIT",
        "summary": "Demo",
    }
    notes = " ".join(n.message for n in result.notes)
    assert "`source.fn` dropped" in notes and "`about.license_family` dropped" in notes


def test_adjacent_branches_merge_and_negations_become_else():
    data, _ = convert(
        "requirements:\n  build:\n    - python  # [build_platform != target_platform]\n"
        "    - cross-python_{{ target_platform }}  # [build_platform != target_platform]\n"
        "    - m2-make  # [win]\n    - make  # [not win]\n"
    )
    assert data["requirements"]["build"] == [
        {"if": "build_platform != target_platform", "then": ["python", "cross-python_${{ target_platform }}"]},
        {"if": "win", "then": "m2-make", "else": "make"},
    ]


def test_comments_stay_next_to_what_they_described():
    result = convert_text(
        HEAD + "requirements:\n  host:\n    # the C library\n    - zlib  # for compression\n    - openssl  # [unix]\n"
    )
    assert "    # the C library\n    - zlib  # for compression\n" in result.text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("build:\n  features:\n    - debug\n", "`features` were removed in v1"),
        ("source:\n  hg_url: https://example.org/repo\n", "Mercurial sources have no v1 form"),
        ("outputs:\n  - name: demo-wheel\n    type: wheel\n", "outputs with `type: wheel` have no v1 form"),
    ],
)
def test_refused_keys(text, message):
    result = convert_text(HEAD + text)
    assert result.text == ""
    assert any(message in issue.message for issue in result.issues), result.issues


def test_imports_of_a_perl_or_r_package_are_tested_in_that_language():  # conda-build's create_test
    perl, _ = convert("requirements:\n  host:\n    - perl\n  run:\n    - perl\ntest:\n  imports:\n    - JSON::PP\n")
    assert perl["tests"] == [{"perl": {"uses": ["JSON::PP"]}}]
    r, _ = convert("requirements:\n  run:\n    - r-base\ntest:\n  imports:\n    - glue\n")
    assert r["tests"] == [{"r": {"libraries": ["glue"]}}]


def test_an_unquoted_float_version_keeps_its_text():  # conda-build reads `version: 4.10` as "4.10"
    result = convert_text("package:\n  name: demo\n  version: 4.10\n")
    assert 'version: "4.10"' in result.text


def test_build_numbers_and_checksums_keep_their_types():  # conda-build reads every number as text
    data, _ = convert("source:\n  url: https://example.org/x.tar.gz\n  sha256: " + "1" * 64 + "\nbuild:\n  number: 3\n")
    assert data["source"]["sha256"] == "1" * 64 and data["build"]["number"] == 3


def test_conda_py_is_the_python_build_string_and_pkg_buildnum_stays_the_build_number():
    data, _ = convert("build:\n  string: py{{ CONDA_PY }}_{{ PKG_BUILDNUM }}\n  number: 2\n")
    assert data["build"]["string"] == "py${{ python | version_to_buildstring }}_${{ build_number }}"
    assert data["build"]["number"] == "${{ build_number }}" and data["context"]["build_number"] == 2


# --- review 1 --------------------------------------------------------------------------------------


def test_a_pin_followed_by_a_template_takes_it_as_one_expression():  # netcdf-fortran's run_exports
    data, _ = convert(
        "{% set mpi_prefix = 'nompi' %}\n"
        "build:\n  run_exports:\n    - {{ pin_subpackage('demo', max_pin='x.x') }} {{ mpi_prefix }}_*\n"
    )
    assert data["requirements"]["run_exports"] == [
        '${{ pin_subpackage("demo", upper_bound="x.x", build=mpi_prefix ~ "_*") }}'
    ]


def test_pkg_buildnum_in_platform_build_strings_reads_the_build_number():  # pyzmq's string
    data, _ = convert(
        "build:\n  number: 4\n  {% if win %}\n  string: win_{{ PKG_BUILDNUM }}\n  {% else %}\n"
        "  string: unix_{{ PKG_BUILDNUM }}\n  {% endif %}\n"
    )
    assert data["context"] == {"build_number": 4}
    assert data["build"] == {
        "number": "${{ build_number }}",
        "string": '${{ "win_" ~ build_number if win else "unix_" ~ build_number }}',
    }


def test_a_build_number_nothing_reads_stays_a_literal():
    data, _ = convert("build:\n  number: 4\n  string: py_0\n")
    assert data["build"]["number"] == 4 and "context" not in data


def test_the_comment_of_a_dropped_test_requirement_goes_to_the_one_after_it():
    result = convert_text(
        HEAD + "test:\n  imports:\n    - demo\n  # pip check is run by the CI\n  requires:\n    - pip\n"
        "    - pytest\n  commands:\n    - pip check\n    - pytest --pyargs demo\n"
    )
    assert "    requirements:\n      run:\n        # pip check is run by the CI\n        - pytest\n" in result.text


def test_comments_closing_the_last_block_stay_in_it():
    result = convert_text(
        HEAD + "extra:\n  recipe-maintainers:\n    - minrk\n    # emeritus:\n    # - msarahan\n# end of file\n"
    )
    assert result.text.endswith(
        "extra:\n  recipe-maintainers:\n    - minrk\n    # emeritus:\n    # - msarahan\n\n# end of file\n"
    )


def test_a_line_under_a_selector_that_is_never_true_is_dropped_with_its_comment():  # requests
    data, result = convert(
        "test:\n  commands:\n    - demo --help\n    # make sure requests can find certs\n"
        "    - conda create -v --dry-run -n requests-test numpy  # [False]\n"
        "requirements:\n  run:\n    - futures  # [py2k]\n    - idna\n"
    )
    assert data["tests"] == [{"script": ["demo --help"]}]
    assert data["requirements"]["run"] == ["idna"]
    assert "requests can find certs" not in result.text
    assert [n.line for n in result.notes if "never true" in n.message] == [8, 11]


def test_home_with_a_site_and_a_repository_keeps_both():  # CRAN's URL field (r-glue)
    data, result = convert("about:\n  home: https://github.com/tidyverse/glue, https://glue.tidyverse.org/\n")
    assert data["about"] == {
        "homepage": "https://glue.tidyverse.org/",
        "repository": "https://github.com/tidyverse/glue",
    }
    data, result = convert(
        "about:\n  home: https://a.org, https://docs.a.org, https://b.org\n  dev_url: https://github.com/o/a\n"
    )
    assert data["about"] == {
        "homepage": "https://a.org",
        "documentation": "https://docs.a.org",
        "repository": "https://github.com/o/a",
    }
    assert "not kept: https://b.org" in " ".join(n.message for n in result.notes)


def test_run_test_files_get_the_interpreter_conda_build_installed():
    data, _ = convert("", files=("meta.yaml", "run_test.pl", "run_test.r", "run_test.lua"))
    assert data["tests"] == [
        {"script": "run_test.pl", "requirements": {"run": ["perl"]}},
        {"script": "run_test.r", "requirements": {"run": ["r-base"]}},
        {"script": ["lua run_test.lua"], "requirements": {"run": ["lua"]}, "files": {"recipe": ["run_test.lua"]}},
    ]


def test_platform_commands_become_one_list_of_conditional_commands():  # CRAN recipes' R CMD INSTALL
    data, _ = convert(
        "build:\n  merge_build_host: true  # [win]\n  script: R CMD INSTALL --build .  # [not win]\n"
        '  script: "\\"%R%\\" CMD INSTALL --build ."  # [win]\n'
    )
    assert data["build"]["script"] == [
        {"if": "not win", "then": "R CMD INSTALL --build .", "else": '"%R%" CMD INSTALL --build .'}
    ]
    assert data["build"]["merge_build_and_host_envs"] == "${{ win }}"


def test_a_passed_through_credential_becomes_a_secret():
    data, _ = convert(
        "build:\n  script_env:\n    - SETUPTOOLS_SCM_PRETEND_VERSION=1.0\n    - GITHUB_TOKEN\n    - CUDA_HOME\n"
        "  script: python -m pip install .\n"
    )
    assert data["build"]["script"] == {
        "env": {
            "SETUPTOOLS_SCM_PRETEND_VERSION": "1.0",
            "CUDA_HOME": '${{ env.get("CUDA_HOME", default="") }}',
        },
        "secrets": ["GITHUB_TOKEN"],
        "content": "python -m pip install .",
    }


def test_a_loop_over_outputs_joins_the_known_parts_of_names():
    data, _ = convert(
        '{% set fonts = ["regular", "bold"] %}\noutputs:\n{% for font in fonts %}\n  - name: font-{{ font }}\n'
        "{% endfor %}\n  - name: fonts\n    requirements:\n      run:\n{% for font in fonts %}\n"
        '        - {{ pin_subpackage("font-" ~ font, exact=True) }}\n{% endfor %}\n'
    )
    assert [o["package"]["name"] for o in data["outputs"]] == ["font-regular", "font-bold", "fonts"]
    assert data["outputs"][2]["requirements"]["run"] == [
        '${{ pin_subpackage("font-regular", exact=true) }}',
        '${{ pin_subpackage("font-bold", exact=true) }}',
    ]
