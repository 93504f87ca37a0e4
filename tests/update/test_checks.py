"""Nothing is written when the edited recipe would not parse, validate, lint or render; problems
the recipe already had do not block an update."""

from __future__ import annotations

from recipegen.textedit import TextEdit
from recipegen.update import edits
from recipegen.update.checks import check_state, new_problems
from recipegen.update.pipeline import Options, update_recipe

from .conftest import RECIPES, make_services, recipe_copy


def test_an_edit_that_breaks_rendering_is_refused(tmp_path, monkeypatch):
    path = recipe_copy(tmp_path, "pytest-v1")
    before = path.read_text()

    def broken_insertion(recipe, index, lst, item, condition, label, *args, **kwargs):
        line = [e for e in lst.entries if e.own_line][-1].line
        _start, end = index.line_range(line, line)
        return TextEdit(end, end, "    - pygments >>=2.7\n", label)

    monkeypatch.setattr(edits, "insertion", broken_insertion)
    result = update_recipe(path, Options(version="8.4.0"), make_services(tmp_path, "pytest"))
    assert result.status == "refused"
    assert result.error.startswith("nothing written: the edited recipe would")
    assert "\n" not in result.error
    assert path.read_text() == before


def test_problems_the_recipe_already_has_do_not_count(tmp_path):
    folder = RECIPES / "nbformat-v0"
    text = (folder / "meta.yaml").read_text().replace("  license_file: LICENSE\n", "")  # a lint error...
    state = check_state(text, folder / "meta.yaml", "v0", [])
    assert state.lint
    bumped = text.replace('{% set version = "5.8.0" %}', '{% set version = "5.9.0" %}')
    assert new_problems(state, check_state(bumped, folder / "meta.yaml", "v0", [])) == ""  # ...that is not new


def test_a_new_lint_error_is_named(tmp_path):
    folder = RECIPES / "nbformat-v0"
    text = (folder / "meta.yaml").read_text()
    before = check_state(text, folder / "meta.yaml", "v0", [])
    after = check_state(text.replace("  license: BSD-3-Clause\n", ""), folder / "meta.yaml", "v0", [])
    problem = new_problems(before, after)
    assert problem.startswith("the edited recipe would add lint error ")
