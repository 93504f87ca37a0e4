"""The Jinja template stage: selectors and `{% if %}` become conditions, static `{% for %}` loops
are written out, `{% set %}` becomes context (snippets from real conda-forge recipes)."""

import pytest

from recipegen.convert.template import convert_template


def lines_of(text, **kwargs):
    result = convert_template(text, **kwargs)
    assert result.issues == [], result.issues
    return [(line.text.strip(), line.condition) for line in result.lines if line.text.strip()], result


def context_of(result):
    return {c.key: (c.value if not c.expression else "${{ " + c.expression + " }}") for c in result.context}


def test_selectors_become_conditions_and_keep_other_comment_text():
    lines, _ = lines_of("requirements:\n  build:\n    - cmake  # [win]\n    - make  # needed [unix]\n")
    assert lines == [("requirements:", ()), ("build:", ()), ("- cmake", ("win",)), ("- make  # needed", ("unix",))]


def test_if_else_blocks_condition_every_line_inside():
    text = "host:\n{% if mpi != 'nompi' %}\n  - {{ mpi }}\n{% else %}\n  - nompi-stub\n{% endif %}\n"
    lines, _ = lines_of(text)
    assert lines == [("host:", ()), ("- ${{ mpi }}", ('mpi != "nompi"',)), ("- nompi-stub", ('mpi == "nompi"',))]


def test_static_if_is_decided_here():
    text = '{% set flavour = "full" %}\nrun:\n{% if flavour == "full" %}\n  - extra\n{% endif %}\n'
    lines, _ = lines_of(text)
    assert lines == [("run:", ()), ("- extra", ())]


def test_a_static_loop_is_written_out():  # openssl-feedstock's (de)activation scripts check
    text = '{% for task in ["activate", "deactivate"] %}\n- check {{ task }}.d/x_{{ task }}.sh  # [win]\n{% endfor %}\n'
    lines, result = lines_of(text)
    assert lines == [("- check activate.d/x_activate.sh", ("win",)), ("- check deactivate.d/x_deactivate.sh", ("win",))]
    assert result.context == []


def test_a_loop_over_a_list_set_under_conditions_gets_each_branch():  # hdf5-feedstock's h5 compilers
    text = (
        "{% if mpi == 'nompi' %}\n{% set tools = ['h5cc'] %}\n{% else %}\n{% set tools = ['h5pcc'] %}\n{% endif %}\n"
        "{% for t in tools + ['h5dump'] %}\n- command -v {{ t }}\n{% endfor %}\n"
    )
    lines, result = lines_of(text)
    assert lines == [
        ("- command -v h5cc", ('mpi == "nompi"',)),
        ("- command -v h5pcc", ('mpi != "nompi"',)),
        ("- command -v h5dump", ()),
    ]
    assert "tools" not in context_of(result)  # only the expanded loop read it


def test_a_loop_over_a_comparison_of_variant_values_tries_both_ways():  # arrow-cpp-feedstock
    text = '{% for lib in ["arrow"] + (cuda_compiler_version != "None") * ["arrow_cuda"] %}\n- test -f lib{{ lib }}.so\n{% endfor %}\n'
    lines, _ = lines_of(text)
    assert lines == [
        ("- test -f libarrow.so", ()),
        ("- test -f libarrow_cuda.so", ('cuda_compiler_version != "None"',)),
    ]


def test_a_loop_over_values_only_conda_build_knows_is_refused_at_its_line():  # boost-feedstock
    text = '{% set libs = ["python%s" % py] %}\n\n{% for lib in libs %}\n- {{ lib }}\n{% endfor %}\n'
    result = convert_template(text)
    assert [(i.line, i.message) for i in result.issues] == [
        (
            3,
            "`{% for %}` over `libs` has values only conda-build knows when it renders (it depends on `py`): "
            "v1 has no loops; write the items out",
        )
    ]


def test_sets_become_context_with_literals_kept_as_values():
    _, result = lines_of(
        '{% set version = "1.3.2" %}\n{% set build_num = 2 %}\n{% set major = version.split(".")[0] %}\n'
    )
    assert context_of(result) == {"version": "1.3.2", "build_num": 2, "major": '${{ (version | split("."))[0] }}'}


def test_an_if_else_pair_of_sets_is_one_expression():  # libxml2-feedstock
    _, result = lines_of(
        '{% if win %}\n{% set prefix = "Library/" %}\n{% else %}\n{% set prefix = "" %}\n{% endif %}\n'
    )
    assert context_of(result) == {"prefix": '${{ "Library/" if win else "" }}'}


def test_conditional_additions_fold_into_one_expression():  # hdf5's build number, pillow's skipped tests
    text = (
        "{% set build = 5 %}\n{% if mpi == 'nompi' %}\n{% set build = build + 100 %}\n{% endif %}\n"
        '{% set skip = "a" %}\n{% set skip = skip + " or b" %}  # [win]\n{% set skip = skip + " or c" %}\n'
    )
    _, result = lines_of(text)
    assert context_of(result) == {
        "build": '${{ 5 + (100 if mpi == "nompi" else 0) }}',
        "skip": '${{ "a" + (" or b" if win else "") + " or c" }}',
    }


def test_a_reassigned_variable_someone_read_gets_a_new_key():
    text = '{% set libs = "a" %}\n- {{ libs }}\n{% set libs = "b" %}\n- {{ libs }}\n'
    lines, result = lines_of(text)
    assert [t for t, _ in lines] == ["- ${{ libs }}", "- ${{ libs_2 }}"]
    assert context_of(result) == {"libs": "a", "libs_2": "b"}


def test_a_default_for_a_variant_key_is_dropped():
    result = convert_template("{% set mpi = mpi or 'nompi' %}\n- {{ mpi }}\n", variant_keys=frozenset({"mpi"}))
    assert result.context == [] and "the variant files define `mpi`" in result.notes[0].message


def test_comments_above_a_set_go_with_its_context_entry():  # abseil-cpp-feedstock
    _, result = lines_of("# needs to match across packages\n{% set cxx_standard = 17 %}  # C++17\n")
    assert (result.context[0].before, result.context[0].eol) == ("needs to match across packages", "C++17")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("{% macro x() %}{% endmacro %}\n", 1, "`{% macro %}` has no v1 form"),
        ("a: 1\n{% include 'other.yaml' %}\n", 2, "`{% include %}` has no v1 form"),
        ("{% if win %}\na: 1\n", 1, "`{% if %}` without `{% endif %}`"),
        ("a: 1\n{% endif %}\n", 2, "`{% endif %}` without its opening statement"),
        ("{% if win %}  # [unix]\na: 1\n{% endif %}\n", 1, "a `# [selector]` on an `{% if %}` line has no v1 form"),
        ("{% set data = load_setup_py_data() %}\n", 1, "`load_setup_py_data()` reads setup.py at render time"),
        ("{% for i in range(10**9) %}\n- {{ i }}\n{% endfor %}\n", 1, "range()"),
    ],
)
def test_refusals_name_the_line(text, line, message):
    result = convert_template(text)
    assert result.issues, text
    assert result.issues[0].line == line
    assert message in result.issues[0].message


def test_a_selector_reading_a_set_variable_is_refused_at_its_line():  # conda-build reads it as False
    text = '{% set cuda_enabled = cuda_compiler_version != "None" %}\nbuild:\n  - nvcc  # [cuda_enabled]\n'
    result = convert_template(text, frozenset({"cuda_compiler_version"}))
    assert [(i.line, i.message.split(":")[0]) for i in result.issues] == [
        (3, "selector [cuda_enabled] reads `cuda_enabled`, a `{% set %}` variable")
    ]
    assert convert_template(text.replace("# [cuda_enabled]", '# [cuda_compiler_version != "None"]')).issues == []
