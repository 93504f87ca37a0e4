"""Hostile or broken input never hangs, crashes or escapes the sandbox."""

from __future__ import annotations

import time

import pytest
from recipegen.linters.api import LintRequest, lint_file
from recipegen.linters.v0 import load_v0

from .conftest import run_json, write_recipe

HOSTILE = {
    "endless-range": "{% for i in range(100000000) %}{% endfor %}\npackage:\n  name: x\n",
    "nested-loops": (
        '{% set l = "abcdefghij" * 100 %}\n'
        "{% for a in l %}{% for b in l %}{% for c in l %}{% endfor %}{% endfor %}{% endfor %}\n"
        "package:\n  name: x\n"
    ),
    "doubling-concat": '{% set s = "aaaaaaaaaa" %}\n' + "{% set s = s ~ s %}\n" * 40 + "package:\n  name: x\n",
    "doubling-list": "{% set s = [1, 2] %}\n" + "{% set s = s + s %}\n" * 40 + "package:\n  name: x\n",
    "big-multiply": 'package:\n  name: {{ "a" * 10**10 }}\n',
    "big-power": "package:\n  name: {{ 10 ** 100000000 }}\n",
    "big-power-chain": "package:\n  name: {{ (((10 ** 64) ** 64) ** 64) ** 64 }}\n",
    "star-width": 'package:\n  name: {{ "%*d" % (2000000000, 1) }}\n',
    "nested-format-width": 'package:\n  name: {{ "{:>{w}}".format(1, w=2000000000) }}\n',
    "format-width": 'package:\n  name: {{ "%2000000000d" % 1 }}\n',
    "str-format-width": 'package:\n  name: {{ "{:>2000000000}".format(1) }}\n',
    "filter-width": 'package:\n  name: {{ "x"|center(2000000000) }}\n',
    "method-width": 'package:\n  name: {{ "x".ljust(2000000000) }}\n',
    "replace-blowup": 'package:\n  name: {{ ("x" * 900000)|replace("x", "x" * 900000) }}\n',
    "exponential-macro": "{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}\npackage:\n  name: {{ f(1) }}\n",
    "namespace-growth": (
        '{% set ns = namespace(s="a") %}\n'
        "{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}\npackage:\n  name: x\n"
    ),
    "include-file": '{% include "/etc/passwd" %}\npackage:\n  name: x\n',
    "import-module": '{% import "os" as os %}\npackage:\n  name: x\n',
    "huge-output": "{% for i in range(10000) %}" + "x" * 1000 + "{% endfor %}\npackage:\n  name: x\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_template_is_one_problem_quickly(tmp_path, name):
    path = write_recipe(tmp_path / name, HOSTILE[name], name="meta.yaml")
    start = time.monotonic()
    result = lint_file(path, LintRequest(select=("recipe-not-renderable",), use_config=False))
    assert time.monotonic() - start < 5
    assert result.failed and not result.unusable
    assert [p.rule_id for p in result.problems] == ["recipe-not-renderable"]
    assert result.problems[0].message


def test_big_numbers_are_fine_where_they_are_values(tmp_path):
    text = (
        '{% set stamp = 20260107 %}\npackage:\n  name: x\n  version: "{{ "%s" % stamp }}"\n'
        '  b: "{{ "{}".format(stamp) }}"\n  c: {{ stamp * 3 }}\n'
    )
    doc = load_v0(text, str(tmp_path / "meta.yaml"))
    assert doc.render_problems == []
    assert doc.views[0].data["package"]["version"] == "20260107"


def test_sandbox_hides_the_machine(tmp_path):
    text = (
        "package:\n"
        "  a: v-{{ ''.__class__.__mro__ }}\n"
        "  b: v-{{ os.environ.get('HOME', 'nohome') }}|{{ environ['PATH'] }}\n"
        "  c: v-{{ load_file_data('/etc/passwd') }}\n"
        "  d: v-{{ os.path.exists('/etc/passwd') }}\n"
        "  e: v-{{ lipsum.__globals__ }}\n"
    )
    doc = load_v0(text, str(tmp_path / "meta.yaml"))
    assert doc.views, doc.render_problems
    rendered = doc.views[0].text
    assert "root:" not in rendered and "/usr/bin" not in rendered and "<class" not in rendered
    data = doc.views[0].data["package"]
    assert data["b"] == "v-nohome|" and data["d"] == "v-False"


def test_yaml_bomb_is_unusable(tmp_path):
    rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdef", "bcdefg"):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write_recipe(tmp_path / "bomb", "\n".join(rows) + "\n")
    code, problems = run_json(str(path))
    assert code == 2 and "alias" in problems[0]["message"]


def test_yaml_bomb_in_meta_yaml_is_a_problem(tmp_path):
    rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdef", "bcdefg"):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write_recipe(tmp_path / "bomb", "\n".join(rows) + "\n", name="meta.yaml")
    code, problems = run_json("--select", "recipe-not-renderable", str(path))
    assert code == 1 and "alias" in problems[0]["message"]


def test_huge_file_is_unusable(tmp_path):
    path = write_recipe(tmp_path / "huge", "a: " + "x" * 3_000_000 + "\n")
    code, problems = run_json(str(path))
    assert code == 2 and "bytes" in problems[0]["message"]


def test_not_utf8_is_unusable(tmp_path):
    folder = tmp_path / "latin"
    folder.mkdir()
    (folder / "meta.yaml").write_bytes("package:\n  name: caf\xe9\n".encode("latin-1"))
    code, problems = run_json(str(folder))
    assert code == 2 and "UTF-8" in problems[0]["message"]


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path):
    path = write_recipe(tmp_path / "deep", "a: " + "[" * 5000 + "]" * 5000 + "\n")
    code, problems = run_json(str(path))
    assert code in (1, 2) and problems


@pytest.mark.internal_error_expected
def test_broken_rule_does_not_stop_the_others(tmp_path, only_rules):
    from .conftest import CLEAN_V1, fake_rule, finding_at

    def explode(doc, options):
        raise KeyError("boom")
        yield  # pragma: no cover

    only_rules(fake_rule("fake-broken", explode), fake_rule("fake-ok", finding_at(("package", "name"))))
    path = write_recipe(tmp_path / "foo", CLEAN_V1)
    result = lint_file(path, LintRequest(use_config=False))
    by_id = {p.rule_id: p for p in result.problems}
    assert by_id["fake-broken"].severity.value == "warning" and "internal error" in by_id["fake-broken"].message
    assert "fake-ok" in by_id
