"""Comments travel with their items: inserting and removing requirement entries in a model recipe
(hand-made, and generated from real C/C++ sources) keeps every comment on its own item; a comment
on a key the recipe does not write is an error, never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.generators.cxx.api import recipe_from_tree
from recipegen.generators.cxx.source import from_folder

from recipegen.emit import emit
from recipegen.recipe import About, CommentTargetError, If, Output, Recipe, Req, Requirements

from .comment_travel import assert_comments_travel, check_comments, expected_comments
from .recipes import small_recipe

CXX = Path(__file__).resolve().parents[2] / "fixtures" / "cxx"


def commented_recipe() -> Recipe:
    recipe = small_recipe("demo")
    recipe.requirements = Requirements(
        build=[Req("${{ compiler('c') }}", comment="C sources"), Req("make")],
        host=[
            Req("zlib", comment="AC_CHECK_LIB(z)"),
            Req("libpng", above="the PNG reader\nfound by pkg-config"),
            Req("libiconv", condition="win", comment="win only"),
            If("unix", then=[Req("libuuid", comment="uuid on unix")], otherwise=[Req("rpcrt4")], comment="per OS"),
            Req("bzip2", comment="BZ2 support"),
        ],
        run=[Req("python", comment="interpreter"), Req("numpy"), Req("scipy", comment="optional upstream")],
    )
    return recipe


def test_hand_made_recipe_keeps_every_comment_on_its_item():
    recipe = commented_recipe()
    assert len(expected_comments(recipe)) == 9
    assert assert_comments_travel(recipe) > 0
    text = emit(recipe)
    assert "# AC_CHECK_LIB(z)" in text and "    - zz-inserted-first\n    - zlib  # AC_CHECK_LIB(z)" in text


def test_removing_an_item_removes_only_its_comment():
    recipe = commented_recipe()
    assert recipe.requirements is not None
    recipe.requirements.host.pop(0)  # zlib and its comment
    text = emit(recipe)
    assert "AC_CHECK_LIB(z)" not in text
    check_comments(text, expected_comments(recipe))


def test_outputs_keep_their_comments_when_reordered():
    recipe = commented_recipe()
    recipe.outputs = [
        Output("libdemo", requirements=Requirements(run=[Req("libzlib", comment="links zlib"), Req("libpng")])),
        Output("demo-tools", requirements=Requirements(run=[Req("bash", above="scripts")])),
    ]
    recipe.requirements = None
    recipe.outputs.reverse()
    assert assert_comments_travel(recipe) == 3


def test_a_comment_on_a_key_that_is_not_written_is_an_error():
    recipe = small_recipe("demo")
    recipe.about = About(homepage="https://example.org", summary="x", license="MIT")
    recipe.about.comment("license_file", "not written: no such key in the text")
    with pytest.raises(CommentTargetError, match="license_file"):
        emit(recipe)


@pytest.mark.parametrize(
    ("project", "comments"),
    [("real/libsndfile-1.2.0", 8), ("real/libpsl-0.21.2", 3), ("real/mpc-1.3.1", 2), ("json-glib-1.8.0", 1)],
)
def test_generated_cxx_recipes_keep_their_comments(project, comments):
    recipe = recipe_from_tree(from_folder(CXX / project), maintainers=("octocat",))
    assert len(expected_comments(recipe)) == comments
    assert_comments_travel(recipe)
