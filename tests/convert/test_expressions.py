"""conda-build Jinja -> rattler-build Jinja, one construct at a time."""

import pytest

from recipegen.convert.expressions import Scope, Untranslatable, translate


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("version", "version"),  # untouched text stays as written
        ("name|lower", "name|lower"),
        ('version.split(".")[0]', '(version | split("."))[0]'),
        ('"_".join(version.split(".")[:2])', '(version | split("."))[:2] | join("_")'),
        ('name.replace("-", "_")', 'name | replace("-", "_")'),
        ("name.upper()", "name | upper"),
        ('version.startswith("1.")', 'version is startingwith("1.")'),
        ('int(version.split(".")[0]) + 1', '(version | split("."))[0] | int + 1'),
        ("pin_subpackage('x', max_pin='x.x')", 'pin_subpackage("x", upper_bound="x.x")'),
        (
            "pin_compatible('numpy', min_pin='x.x', max_pin='x')",
            'pin_compatible("numpy", lower_bound="x.x", upper_bound="x")',
        ),
        ('environ["PREFIX"]', "PREFIX"),
        ('environ.get("GIT_DESCRIBE_TAG", "0")', 'env.get("GIT_DESCRIBE_TAG", default="0")'),
        ('os.environ.get("X")', 'env.get("X", default="")'),
        ("PKG_HASH", "hash"),
        ("compiler('c')", "compiler('c')"),
    ],
)
def test_expressions(source, expected):
    assert translate(source) == expected


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("win", "win"),
        ("py>=38", 'match(python, ">=3.8")'),
        ("py<310 and not win", 'match(python, "<3.10") and not win'),
        ("py==39", 'match(python, "3.9.*")'),
        ("py!=312", 'not match(python, "3.12.*")'),
        ("310 <= py", 'match(python, ">=3.10")'),
        ("np >= 125", 'match(numpy, ">=1.25")'),
        ("x86 and not win", "(x86 or x86_64) and not win"),  # conda-build's x86 includes x86_64
        ("py3k", "true"),
        ("py2k", "false"),
        ("py27", 'match(python, "2.7.*")'),
        ("not (win and arm64)", "not (win and arm64)"),
        ('cuda_compiler_version != "None"', 'cuda_compiler_version != "None"'),
    ],
)
def test_selectors(selector, expected):
    assert translate(selector, selector=True) == expected


def test_loop_variables_and_renamed_context_keys():
    scope = Scope(constants={"lib": "z"}, renames={"build": "build_2"})
    assert translate('"lib" ~ lib ~ build', scope) == '"libz" ~ build_2'  # known parts joined


def test_package_variables_take_the_recipe_values():
    scope = Scope(build_number="build_number", package_version="version")
    assert translate("PKG_VERSION ~ '_' ~ PKG_BUILDNUM", scope) == 'version ~ "_" ~ build_number'


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("load_setup_py_data()", "reads setup.py at render time"),
        ("load_file_regex(load_file='x', regex_pattern='y')", "reads a source file"),
        ("version.format(1)", "the Python method `.format()` has no v1 form"),
        ("cmp(python, '3.8')", "`cmp()` has no v1 form"),
        ("version.split(", "cannot read the Jinja expression"),
        # conda-pack's own recipe: `version: {{ environ.get('VERSION_OVERRIDE', '') or GIT_DESCRIBE_TAG }}`
        ("environ.get('VERSION_OVERRIDE', '') or GIT_DESCRIBE_TAG", "`GIT_DESCRIBE_TAG` is set by conda-build"),
        ("GIT_DESCRIBE_NUMBER|int", "v1 recipes have no such variable"),
    ],
)
def test_what_has_no_v1_form(source, reason):
    with pytest.raises(Untranslatable, match=None) as caught:
        translate(source)
    assert reason in str(caught.value)


def test_rsplit_with_a_literal_count_becomes_split_and_join():  # gnome's `version.rsplit('.', 1)[0]`
    assert translate("version.rsplit('.', 1)[0]") == '(version | split("."))[:-1] | join(".")'
    assert translate("version.rsplit('.', 1)[-1]") == '(version | split("."))[-1]'
    assert translate("version.rsplit('.')[0]") == '(version | split("."))[0]'
    with pytest.raises(Untranslatable, match="rsplit"):
        translate("version.rsplit(sep, 1)[0]")


def test_pins_print_minijinja_booleans():
    assert translate("pin_subpackage('lib', exact=True)") == 'pin_subpackage("lib", exact=true)'


def test_environ_of_a_variant_key_is_the_variant_value():  # conda-build's environ holds the variant
    scope = Scope(variant_keys=frozenset({"cuda_compiler_version"}))
    assert (
        translate('environ.get("cuda_compiler_version", "12.6").split(".")[0]|int', scope)
        == '(cuda_compiler_version | default("12.6") | split("."))[0] | int'
    )
    assert translate('environ.get("CUDA_HOME", "")', scope) == 'env.get("CUDA_HOME", default="")'
