"""The fast YAML reader (parse_yaml without comments) matches ruamel exactly; the committed rules
page is up to date."""

from __future__ import annotations

import pytest
from recipegen.linters.api import load_document
from recipegen.linters.docs import render_rules_page

from recipegen import fastyaml
from recipegen.problems import InputError
from recipegen.yamlio import key_span, locate, parse_yaml

from .conftest import REAL_RECIPES, ROOT


def fast_parse(text, filename="<string>"):
    return parse_yaml(text, filename, keep_comments=False)


def _walk(node, trail=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*trail, key)
            yield from _walk(value, (*trail, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*trail, index)
            yield from _walk(value, (*trail, index))


def _kind(value):
    """The type, with the fast containers counted as the ruamel ones they subclass."""
    kind = type(value)
    return kind.__mro__[1] if kind in (fastyaml.FastSeq, fastyaml.FastMap) else kind


def _leaves(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    else:
        yield node


def test_schema_problems_identical_on_fixtures():
    from recipegen.validate import validate_document

    checked = 0
    for path in sorted((ROOT / "fixtures").rglob("*.yaml")):
        if not path.is_file() or "formats" in path.parts:  # fixtures/formats: folders named by kind
            continue
        text = path.read_text(encoding="utf-8")
        try:
            slow = parse_yaml(text, str(path))
        except InputError:
            continue
        assert validate_document(slow, str(path)) == validate_document(fast_parse(text, str(path)), str(path))
        checked += 1
    assert checked > 20


def _texts():
    for path in sorted(REAL_RECIPES.rglob("*.yaml")):
        if path.name == "meta.yaml":
            yield from (v.text for v in load_document(path).views)
        else:
            yield path.read_text(encoding="utf-8")


@pytest.mark.skipif(not fastyaml.available(), reason="PyYAML with libyaml not installed")
def test_same_data_and_positions_as_ruamel():
    for text in _texts():
        slow, fast = parse_yaml(text), fast_parse(text)
        assert slow == fast
        assert [type(v) for v in _leaves(slow)] == [type(v) for v in _leaves(fast)]
        for trail in _walk(slow):
            assert locate(slow, trail) == locate(fast, trail), trail
            assert key_span(slow, trail) == key_span(fast, trail), trail


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "a: [1, 2\n",  # syntax error
        "a: " + "[" * 3000 + "]" * 3000 + "\n",  # too deep
    ],
)
def test_errors_are_input_errors(text):
    with pytest.raises(InputError) as fast_error:
        fast_parse(text, "r.yaml")
    assert fast_error.value.file == "r.yaml"


@pytest.mark.parametrize(
    "text",
    [
        "a: yes\nb: 1.10\nc: 007\nd: ~\ne: TRUE\nf: '1.0'\ng: -.5e3\nh: .inf\ni: 0\nj: |\n  x\n",
        "a: [1, {b: 2}]\nc: 1e3\nd: 0x1F\ne: 1_000\n",
        "a: 0x1F\n",
        "f: 2024-01-01\n",
        "base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n",
        # the plain-decimal shortcut: signs, a leading 0, 18 and 19 digits, underscores
        "a: 12\nb: -5\nc: +7\nd: 0\ne: -0\nf: 08\ng: 123456789012345678\nh: 1234567890123456789\ni: 1_2\n",
    ],
)
def test_scalars_like_ruamel(text):
    fast, slow = fast_parse(text), parse_yaml(text)
    assert fast == slow
    assert [_kind(v) for v in fast.values()] == [_kind(v) for v in slow.values()]


def test_explicit_tags_use_ruamel():
    fast = fast_parse("a: !!str 12\nb: x\n")
    assert type(fast["a"]).__name__ == "TaggedScalar"


def test_rules_page_is_up_to_date():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_page(), "run: python -m recipegen.linters.docs > docs/rules.md"


def test_every_rule_documented():
    from recipegen.linters.registry import described_rules, rule_summary

    for rule in described_rules():
        assert rule.ID.lower() == rule.ID and " " not in rule.ID
        assert rule_summary(rule) != rule.ID, f"{rule.ID} has no docstring"


def test_pre_commit_hooks_file():
    from ruamel.yaml import YAML

    hooks = {h["id"]: h for h in YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"recipegen-lint", "recipegen-validate"}
    assert hooks["recipegen-lint"]["entry"] == "recipegen lint"
    assert hooks["recipegen-validate"]["entry"] == "recipegen validate"
    import re

    assert re.search(hooks["recipegen-lint"]["files"], "recipes/foo/meta.yaml")
    assert re.search(hooks["recipegen-lint"]["files"], "recipe/recipe.yaml")
    assert not re.search(hooks["recipegen-validate"]["files"], "recipe/meta.yaml")


def test_lint_results_same_without_libyaml(monkeypatch):
    """RECIPEGEN_NO_LIBYAML=1 (or no PyYAML): the pure ruamel path gives the same problems."""
    from recipegen.linters.api import lint_file

    paths = sorted(p for p in REAL_RECIPES.rglob("*.yaml") if p.name in ("recipe.yaml", "meta.yaml"))
    assert len(paths) > 10
    with_fast = [lint_file(p).problems for p in paths]
    monkeypatch.setenv("RECIPEGEN_NO_LIBYAML", "1")
    assert not fastyaml.available()
    assert [lint_file(p).problems for p in paths] == with_fast
