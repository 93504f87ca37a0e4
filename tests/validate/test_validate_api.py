"""The library API other areas call: validate_document / validate_text / validate_file."""

import pytest

from recipegen.problems import InputError
from recipegen.validate import schema_name_for, validate_document, validate_file, validate_text
from recipegen.yamlio import parse_yaml

from .conftest import BROKEN, REAL_V1

GOOD = 'package:\n  name: foo\n  version: "1.0"\n'


def test_validate_document_takes_a_round_trip_document():
    assert validate_document(parse_yaml(GOOD), "recipe.yaml") == []
    bad = parse_yaml(GOOD + "build:\n  number: abc\n")
    (problem,) = validate_document(bad, "some/recipe.yaml")
    assert problem.file == "some/recipe.yaml"
    assert (problem.line, problem.column, problem.end_line, problem.end_column) == (5, 11, 5, 14)
    assert problem.to_dict()["rule_id"] == "schema"


def test_validate_text_raises_input_error_for_unusable_yaml():
    with pytest.raises(InputError) as info:
        validate_text("a: [1\n", "r.yaml")
    assert info.value.line >= 1 and "invalid YAML" in info.value.message


@pytest.mark.parametrize("name", ["not-yaml.yaml", "duplicate-keys.yaml", "alias-bomb.yaml"])
def test_validate_file_raises_input_error(name):
    with pytest.raises(InputError):
        validate_file(BROKEN / "unusable" / name)


def test_validate_file_missing():
    with pytest.raises(InputError, match="no such file"):
        validate_file(BROKEN / "does-not-exist.yaml")


def test_variant_files_use_the_variants_schema():
    assert schema_name_for("x/variants.yaml") == "variants"
    assert schema_name_for("conda_build_config.yaml") == "variants"
    assert schema_name_for("recipe.yaml") == "recipe-v1"
    # a variant file is not a recipe: it has no `package`
    assert validate_text("python:\n  - '3.12'\n", "variants.yaml") == []
    assert validate_text("", "conda_build_config.yaml") == []
    (problem,) = validate_text("python: {a: 1}\n", "variants.yaml")
    assert problem.message == "python: expected a string, a number, a boolean (true/false) or a list, got a mapping"


def test_warm_validation_does_not_rebuild_the_validator():
    from recipegen.validation import check

    validate_file(REAL_V1 / "numpy-feedstock" / "recipe.yaml")
    before = check.validator.cache_info().misses
    validate_file(REAL_V1 / "zstd-feedstock" / "recipe.yaml")
    assert check.validator.cache_info().misses == before


def test_variants_schema_accepts_conditionals_zip_keys_and_conda_build_keys():
    text = (
        "noarch_platform:\n  - if: win\n    then: win\n    else:\n      - unix\n      - if: linux\n        then: linux\n"
        "python: ['3.10', '3.11']\nnumpy: [2]\nzip_keys:\n  - [python, numpy]\n"
        "pin_run_as_build:\n  libfoo: {max_pin: x.x}\nc_stdlib_version: 2.17\ncuda: null\n"
    )
    assert validate_text(text, "variants.yaml") == []
    (problem,) = validate_text("python:\n  - if: win\n", "variants.yaml")
    assert (problem.line, problem.column) == (2, 5)
    assert problem.message == "missing required key 'then' in python[0] (a conditional item needs both 'if' and 'then')"


def test_validation_never_imports_the_linters():
    import subprocess
    import sys

    code = (
        "import sys; from recipegen.validate import validate_text; "
        "validate_text('a:  # [osx]\\n  - 1  # [osx]\\na:  # [linux]\\n  - 2  # [linux]\\n', 'conda_build_config.yaml'); "
        "validate_text('{\"name\": \"x\"}', 'info/index.json'); "
        "print(any(m.startswith('recipegen.linters') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
