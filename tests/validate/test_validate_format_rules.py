"""What the recipe schema accepts and rejects where CEPs, rattler-build and the upstream schema
disagree (docs/recipe-format.md §17): accept what rattler-build accepts, reject what it rejects."""

import textwrap

import pytest

from recipegen.validate import validate_text

SINGLE = """\
context:
  version: "1.0"
  build_number: 0
package:
  name: foo
  version: ${{ version }}
"""
MULTI = """\
recipe:
  name: foo-split
  version: "1.0"
"""


def problems(text, filename="recipe.yaml"):
    return validate_text(textwrap.dedent(text), filename)


ACCEPTED = {
    "nested if inside then (polars)": SINGLE
    + """\
source:
  - if: unix
    then:
      - if: linux
        then:
          url: https://example.org/foo-linux.tar.gz
          sha256: 3f8a5c1d2e4b6a7980c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3
        else:
          url: https://example.org/foo-osx.tar.gz
    else:
      path: ../src
""",
    "jinja noarch (chardet)": SINGLE + "build:\n  noarch: ${{ 'python' if use_noarch }}\n",
    "templated number and booleans": SINGLE
    + """\
build:
  number: ${{ build_number }}
  merge_build_and_host_envs: ${{ win }}
tests:
  - python:
      imports: foo
      pip_check: ${{ not win }}
""",
    "if item in python_version (pyzmq)": SINGLE
    + """\
tests:
  - python:
      imports: [foo]
      python_version:
        - ${{ python_min }}.*
        - if: not win
          then: "*"
""",
    "license_family is accepted (linted, not a schema error)": SINGLE + "about:\n  license_family: BSD\n",
    "filter on url and git sources": SINGLE
    + """\
source:
  - url: https://example.org/a.tar.gz
    filter: ["src/**"]
  - git: https://github.com/example/foo.git
    tag: v1.0
    submodules: false
    filter:
      include: ["src/**"]
      exclude: ["tests/**"]
""",
    "rattler-build extensions": SINGLE
    + """\
build:
  flags: [cuda, "blas:mkl"]
  post_process:
    - files: ["*.pc"]
      regex: /old
      replacement: /new
  script:
    content: make
    cwd: src
    interpreter: bash
    secrets: [TOKEN]
requirements:
  extras:
    cli: [click]
tests:
  - ruby:
      requires: [json]
  - perl:
      uses: [Test::More]
  - r:
      libraries: [stats]
  - downstream: bar
""",
    "build.files as include/exclude": SINGLE + "build:\n  files:\n    include: [lib/**]\n    exclude: ['**/*.a']\n",
    "null requirement lists count as absent (icu)": SINGLE + "requirements:\n  host:\n  run:\n",
    "run_exports as a mapping": SINGLE
    + "requirements:\n  run_exports:\n    weak: [foo]\n    strong_constraints: [bar]\n",
    "script as a single string, list and mapping": SINGLE
    + """\
build:
  script: build_output
tests:
  - script:
      - echo hi
      - if: win
        then: dir
        else: ls
  - script:
      file: run_test.py
    files:
      recipe: [run_test.py]
""",
    "$schema key": "$schema: https://example.org/schema.json\n" + SINGLE,
    "free-form extra and context lists": SINGLE.replace("  build_number: 0\n", '  pys: ["3.10", "3.11"]\n')
    + "extra:\n  recipe-maintainers: [a]\n  anything:\n    nested: [1, 2]\n",
    "staging output with inherit": MULTI
    + """\
outputs:
  - staging:
      name: foo-build
    requirements:
      build: [cmake]
      host: [zlib]
    build:
      script: build.sh
  - package:
      name: libfoo
    inherit: foo-build
    build:
      files: [lib/libfoo*]
  - package:
      name: foo-dev
      version: "2.0"
    inherit:
      from: foo-build
      run_exports: false
""",
    "top-level tests and version in a multi-output recipe": """\
version: "1.0"
tests:
  - script: echo hi
outputs:
  - package:
      name: foo
""",
    "output-level extra (linted)": MULTI + "outputs:\n  - package:\n      name: foo\n    extra:\n      x: 1\n",
    "schema_version 1": "schema_version: 1\n" + SINGLE,
}


@pytest.mark.parametrize("text", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted(text):
    assert [p.one_line() for p in problems(text)] == []


REJECTED = {
    "bare scalar where rattler-build wants a list": (
        SINGLE + "requirements:\n  host: python\n",
        8,
        9,
        "requirements.host: expected a list, got 'python'",
    ),
    "single non-list output": (
        MULTI + "outputs:\n  package:\n    name: foo\n",
        4,
        1,
        "outputs: expected a list, got a mapping",
    ),
    "unquoted float version in an output": (
        MULTI + "outputs:\n  - package:\n      name: foo\n      version: 2.10\n",
        7,
        16,
        'outputs[0].package.version: expected a string, got the number 2.10 (quote it: "2.10")',
    ),
    "then holding a mapping in a string list": (
        SINGLE + "requirements:\n  run:\n    - if: win\n      then: {a: b}\n",
        10,
        13,
        "requirements.run[0].then: expected a string, got a mapping",
    ),
    "unknown key in a conditional item": (
        SINGLE + "requirements:\n  run:\n    - if: win\n      then: a\n      elif: b\n",
        11,
        7,
        "unknown key 'elif' in requirements.run[0]",
    ),
    "build string as a list": (
        SINGLE + "build:\n  string: [a]\n",
        8,
        11,
        "build.string: expected a string, got a list",
    ),
    "negative build number": (
        SINGLE + "build:\n  number: -1\n",
        8,
        11,
        "build.number: expected a non-negative integer",
    ),
    "file and content in a script": (
        SINGLE + "build:\n  script:\n    file: a.sh\n    content: make\n",
        8,
        3,
        "build.script: use either 'file' or 'content', not both",
    ),
    "unknown requirement section": (
        SINGLE + "requirements:\n  run_constrained: [a]\n",
        8,
        3,
        "unknown key 'run_constrained' in requirements (did you mean 'run_constraints'?)",
    ),
    "staging output with about": (
        MULTI + "outputs:\n  - staging:\n      name: b\n    about:\n      summary: x\n",
        7,
        5,
        "unknown key 'about' in outputs[0]",
    ),
    "empty document": ("", 1, 1, "empty document"),
    "requirements at top level of a multi-output recipe": (
        MULTI + "requirements:\n  run: [a]\noutputs:\n  - package:\n      name: foo\n",
        4,
        1,
        "unknown key 'requirements' at top level ('requirements' belongs in outputs[])",
    ),
    "run at top level of a multi-output recipe": (
        MULTI + "run: [a]\noutputs:\n  - package:\n      name: foo\n",
        4,
        1,
        "unknown key 'run' at top level ('run' belongs in outputs[].requirements)",
    ),
    "v0 test section": (
        SINGLE + "test:\n  imports: [foo]\n",
        7,
        1,
        "unknown key 'test' at top level (did you mean 'tests'?)",
    ),
}


@pytest.mark.parametrize("case", REJECTED.values(), ids=REJECTED.keys())
def test_rejected(case):
    text, line, column, message = case
    found = problems(text)
    assert len(found) == 1, [p.one_line() for p in found]
    assert (found[0].line, found[0].column) == (line, column), found[0].one_line()
    assert message in found[0].message


def test_unknown_key_without_a_close_match_lists_the_allowed_keys():
    (problem,) = problems(SINGLE + "requirements:\n  zzz: [a]\n")
    assert "unknown key 'zzz' in requirements; expected one of: build, host, run" in problem.message


def test_several_problems_are_all_reported_in_position_order():
    found = problems(SINGLE + "build:\n  number: x\n  noarch: no\nabout:\n  homepag: x\n")
    assert [(p.line, p.column) for p in found] == [(8, 11), (9, 11), (11, 3)]
