from recipegen.emit import emit_recipe
from recipegen.yamlio import parse_yaml, to_plain

SINGLE = {
    "about": {
        "license_file": ["LICENSE"],
        "license": "MIT",
        "summary": "A tiny example: with a colon",
        "homepage": "https://example.org",
        "description": "Example is a package that shows how recipegen writes long descriptions, "
        "which are folded into block scalars so that they stay readable in review.",
    },
    "requirements": {
        "run": ["python >=${{ python_min }}", {"if": "win", "then": ["pywin32"], "else": ["__unix"]}],
        "host": ["python ${{ python_min }}.*", "pip", "hatchling"],
    },
    "package": {"version": "${{ version }}", "name": "${{ name }}"},
    "context": {"name": "example", "version": "1.10"},
    "source": {"sha256": "0" * 64, "url": "https://pypi.org/packages/source/e/example/example-${{ version }}.tar.gz"},
    "build": {
        "script": "${{ PYTHON }} -m pip install . -vv --no-deps --no-build-isolation",
        "noarch": "python",
        "number": 0,
        "python": {"entry_points": ["example = example.cli:main"]},
    },
    "tests": [
        {"python": {"python_version": ["${{ python_min }}.*", "*"], "pip_check": True, "imports": ["example"]}},
        {"requirements": {"run": ["pytest"]}, "script": ["example --help"]},
    ],
    "extra": {"recipe-maintainers": ["someone"]},
    "schema_version": 1,
}

MULTI = {
    "outputs": [
        {
            "requirements": {"run": ["${{ pin_subpackage('libfoo', exact=True) }}"]},
            "package": {"name": "libfoo-devel"},
            "build": {"files": ["include/**", "lib/libfoo.so"]},
        },
        {"package": {"name": "libfoo"}, "build": {"files": ["lib/libfoo.so.*"]}},
    ],
    "recipe": {"version": "${{ version }}", "name": "foo-split"},
    "context": {"version": "2.0"},
    "about": {"license": "Zlib", "summary": "foo", "homepage": "https://foo.example"},
    "build": {"number": 0},
}


def test_single_output_golden(file_regression):
    file_regression.check(emit_recipe(SINGLE), basename="single_output", extension=".yaml")


def test_multi_output_golden(file_regression):
    file_regression.check(emit_recipe(MULTI), basename="multi_output", extension=".yaml")


def test_deterministic():
    assert emit_recipe(SINGLE) == emit_recipe(dict(reversed(list(SINGLE.items()))))


def test_round_trip_keeps_data():
    for recipe in (SINGLE, MULTI):
        text = emit_recipe(recipe)
        data = to_plain(parse_yaml(text))
        assert data == to_plain(recipe)


def test_first_line_points_at_schema():
    first = emit_recipe(MULTI).splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=https://")
    assert first.endswith("recipe-v1.schema.json")


def test_canonical_top_level_order():
    text = emit_recipe(SINGLE)
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == [
        "schema_version",
        "context",
        "package",
        "source",
        "build",
        "requirements",
        "tests",
        "about",
        "extra",
    ]


def test_quoting_only_where_needed():
    text = emit_recipe({"context": {"version": "1.10", "name": "yes", "star": "*", "plain": "abc"}}, header=False)
    assert 'version: "1.10"' in text
    assert 'name: "yes"' in text
    assert 'star: "*"' in text
    assert "plain: abc" in text
    assert "${{" not in text or "'${{" not in text


def test_comments_attached():
    text = emit_recipe(
        {"requirements": {"run": ["pyyaml"]}, "extra": {"recipe-maintainers": ["x"]}},
        eol_comments={("requirements", "run", 0): "PyPI name: PyYAML"},
        before_comments={("extra", "recipe-maintainers"): "add yourself"},
        header=False,
    )
    assert "- pyyaml  # PyPI name: PyYAML" in text
    assert "  # add yourself\n  recipe-maintainers:" in text
