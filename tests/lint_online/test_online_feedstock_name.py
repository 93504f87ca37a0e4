"""feedstock-name-mismatch (CF-013): git configs written in tmp_path, no network, no git binary."""

from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.linters.api import lint_document, lint_text, load_document
from recipegen.linters.model import LintOptions
from recipegen.linters.rules._git import github_feedstock, remote_urls

RULE = "feedstock-name-mismatch"

V1 = """\
package:
  name: foo
  version: "1.0"
"""
V1_FEEDSTOCK_NAME = V1 + "\nextra:\n  feedstock-name: {name}\n"
V0 = """\
{% set version = "1.0" %}
package:
  name: foo
  version: {{ version }}
"""
V1_MULTI = """\
schema_version: 1
recipe:
  name: foo-split
  version: "1.0"
outputs:
  - package:
      name: libfoo
"""


def git_config(*remotes: tuple[str, str]) -> str:
    text = "[core]\n\trepositoryformatversion = 0\n\tbare = false\n"
    for name, url in remotes:
        text += f'[remote "{name}"]\n\turl = {url}\n\tfetch = +refs/heads/*:refs/remotes/{name}/*\n'
    return text + '[branch "main"]\n\tremote = origin\n\tmerge = refs/heads/main\n'


def feedstock(root: Path, config: str, text: str, name: str = "recipe.yaml") -> Path:
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "config").write_text(config)
    (root / "recipe").mkdir()
    path = root / "recipe" / name
    path.write_text(text)
    return path


def findings(path: Path, conda_forge: bool = True) -> list[tuple[int, str]]:
    problems = lint_document(load_document(path), LintOptions(conda_forge=conda_forge), select=[RULE])
    return [(p.line, p.message) for p in problems if p.rule_id == RULE]


def test_https_remote_mismatch_fails_at_the_name(tmp_path):
    path = feedstock(
        tmp_path / "bar-feedstock", git_config(("origin", "https://github.com/conda-forge/bar-feedstock.git")), V1
    )
    assert findings(path) == [
        (
            2,
            "Feedstock name mismatch: the recipe name is `foo` but this checkout's `origin` "
            "remote is `conda-forge/bar-feedstock`; set `extra.feedstock-name: bar`.",
        )
    ]


def test_matching_name_passes(tmp_path):
    path = feedstock(tmp_path / "x", git_config(("origin", "https://github.com/conda-forge/foo-feedstock")), V1)
    assert findings(path) == []


@pytest.mark.parametrize(
    "url",
    [
        "git@github.com:someone/bar-feedstock.git",
        "ssh://git@github.com/someone/bar-feedstock.git",
        "https://user@github.com/someone/bar-feedstock/",
    ],
)
def test_other_url_forms(url, tmp_path):
    path = feedstock(tmp_path / "x", git_config(("origin", url)), V1)
    assert [line for line, _ in findings(path)] == [2]


def test_upstream_wins_over_origin(tmp_path):
    config = git_config(
        ("origin", "git@github.com:me/bar-feedstock.git"),
        ("upstream", "https://github.com/conda-forge/foo-feedstock.git"),
    )
    path = feedstock(tmp_path / "a", config, V1)
    assert findings(path) == []
    path = feedstock(tmp_path / "b", config, V1.replace("name: foo", "name: bar"))
    found = findings(path)
    assert [line for line, _ in found] == [2] and "`upstream` remote is `conda-forge/foo-feedstock`" in found[0][1]


def test_non_feedstock_upstream_is_not_replaced_by_origin(tmp_path):
    config = git_config(
        ("origin", "git@github.com:me/bar-feedstock.git"),
        ("upstream", "https://github.com/conda-forge/staged-recipes.git"),
    )
    assert findings(feedstock(tmp_path / "x", config, V1)) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/conda-forge/staged-recipes.git",
        "https://gitlab.com/someone/bar-feedstock.git",
        "/srv/git/bar-feedstock.git",
    ],
)
def test_non_feedstock_remotes_give_no_finding(url, tmp_path):
    assert findings(feedstock(tmp_path / "x", git_config(("origin", url)), V1)) == []


def test_no_git_checkout_gives_no_finding(tmp_path):
    (tmp_path / "recipe").mkdir()
    path = tmp_path / "recipe" / "recipe.yaml"
    path.write_text(V1)
    assert findings(path) == []


def test_feedstock_name_is_compared_when_given(tmp_path):
    config = git_config(("origin", "https://github.com/conda-forge/foo-feedstock.git"))
    assert findings(feedstock(tmp_path / "a", config, V1_FEEDSTOCK_NAME.format(name="foo"))) == []
    found = findings(feedstock(tmp_path / "b", config, V1_FEEDSTOCK_NAME.format(name="foo-core")))
    assert [line for line, _ in found] == [6] and "`extra.feedstock-name` is `foo-core`" in found[0][1]


def test_v0_recipe(tmp_path):
    config = git_config(("origin", "https://github.com/conda-forge/bar-feedstock.git"))
    assert [line for line, _ in findings(feedstock(tmp_path / "a", config, V0, "meta.yaml"))] == [3]
    config = git_config(("origin", "https://github.com/conda-forge/foo-feedstock.git"))
    assert findings(feedstock(tmp_path / "b", config, V0, "meta.yaml")) == []


def test_v1_multi_output_uses_recipe_name(tmp_path):
    config = git_config(("origin", "https://github.com/conda-forge/libfoo-feedstock.git"))
    assert [line for line, _ in findings(feedstock(tmp_path / "a", config, V1_MULTI))] == [3]
    config = git_config(("origin", "https://github.com/conda-forge/foo-split-feedstock.git"))
    assert findings(feedstock(tmp_path / "b", config, V1_MULTI)) == []


def test_worktree_dot_git_file_reads_the_common_config(tmp_path):
    main = tmp_path / "main"
    feedstock(main, git_config(("origin", "https://github.com/conda-forge/bar-feedstock.git")), V1)
    worktree_git = main / ".git" / "worktrees" / "wt"
    worktree_git.mkdir(parents=True)
    (worktree_git / "commondir").write_text("../..\n")
    tree = tmp_path / "wt"
    (tree / "recipe").mkdir(parents=True)
    (tree / ".git").write_text(f"gitdir: {worktree_git}\n")
    (tree / "recipe" / "recipe.yaml").write_text(V1)
    assert [line for line, _ in findings(tree / "recipe" / "recipe.yaml")] == [2]


def test_submodule_style_relative_gitdir(tmp_path):
    modules = tmp_path / "super" / ".git" / "modules" / "sub"
    modules.mkdir(parents=True)
    (modules / "config").write_text(git_config(("origin", "https://github.com/o/bar-feedstock")))
    sub = tmp_path / "super" / "sub"
    (sub / "recipe").mkdir(parents=True)
    (sub / ".git").write_text("gitdir: ../.git/modules/sub\n")
    (sub / "recipe" / "recipe.yaml").write_text(V1)
    assert [line for line, _ in findings(sub / "recipe" / "recipe.yaml")] == [2]


def test_recipe_deeper_in_the_checkout(tmp_path):
    """Walks up from the recipe folder to the repository root."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "config").write_text(git_config(("origin", "https://github.com/o/bar-feedstock.git")))
    (root / "recipes" / "foo").mkdir(parents=True)
    path = root / "recipes" / "foo" / "recipe.yaml"
    path.write_text(V1)
    assert [line for line, _ in findings(path)] == [2]


def test_only_with_conda_forge_and_only_on_disk(tmp_path):
    path = feedstock(tmp_path / "x", git_config(("origin", "https://github.com/o/bar-feedstock.git")), V1)
    assert findings(path, conda_forge=False) == []
    problems = lint_text(V1, str(tmp_path / "elsewhere" / "recipe.yaml"), LintOptions(conda_forge=True))
    assert not [p for p in problems if p.rule_id == RULE]


def test_remote_urls_parser_handles_real_config_syntax():
    text = (
        '[core]\n\tbare = false\n[remote "origin"]\n\turl = "git@github.com:o/a-feedstock.git" ; comment\n'
        "\tfetch = +refs/heads/*:refs/remotes/origin/*\n\tfetch = +refs/tags/*:refs/tags/*\n"
        '[remote "fork"]\nurl=https://github.com/me/a-feedstock # mine\n[Remote "upstream"]\n'
        '  URL = https://github.com/conda-forge/a-feedstock\n[branch "x"]\n\turl = not-a-remote\n'
    )
    assert remote_urls(text) == {
        "origin": "git@github.com:o/a-feedstock.git",
        "fork": "https://github.com/me/a-feedstock",
        "upstream": "https://github.com/conda-forge/a-feedstock",
    }


def test_github_feedstock_url_forms():
    assert github_feedstock("https://github.com/conda-forge/foo-bar-feedstock") == ("conda-forge", "foo-bar")
    assert github_feedstock("git@github.com:me/foo-feedstock.git") == ("me", "foo")
    assert github_feedstock("https://github.com/conda-forge/-feedstock") is None
    assert github_feedstock("https://github.com/conda-forge/foo-feedstock/issues") is None
