"""The proof finds what a wrong conversion would get wrong (it is not a rubber stamp)."""

import pytest

from recipegen.convert import Folder, convert_text
from recipegen.convert.proof import PROOF_PLATFORMS, prove

from .conftest import CORPUS

CURL = CORPUS / "curl-feedstock"


@pytest.fixture(scope="module")
def curl():
    text = (CURL / "meta.yaml").read_text()
    converted = convert_text(text, str(CURL / "meta.yaml"), folder=Folder(frozenset({"meta.yaml"})))
    assert converted.issues == []
    return text, converted.text


def proof_of(curl, old, new):
    meta, recipe = curl
    assert old in recipe
    return prove(meta, recipe.replace(old, new, 1), recipe_dir=CURL, variants_text=None)


def test_the_faithful_conversion_has_no_difference_on_five_platforms(curl):
    proof = prove(*curl, recipe_dir=CURL, variants_text=None)
    assert proof.equivalent and proof.compared == 15  # three outputs x five platforms
    assert [p.target for p in PROOF_PLATFORMS] == ["linux-64", "osx-64", "win-64", "osx-arm64", "linux-aarch64"]


def test_a_wrong_condition_is_found_on_the_platforms_it_changes(curl):
    proof = proof_of(curl, "- if: unix\n          then: openssl", "- if: linux\n          then: openssl")
    assert {(d.platform, d.field) for d in proof.differences} == {
        ("osx-64", "requirements.host"),
        ("osx-arm64", "requirements.host"),
    }


def test_a_wrong_checksum_pin_and_test_are_found(curl):
    _, _recipe = curl
    assert not proof_of(curl, "ad6f2f94", "bd6f2f94").equivalent
    pinned = proof_of(curl, "${{ pin_subpackage('libcurl') }}", "${{ pin_subpackage('libcurl', upper_bound='x.x') }}")
    assert {d.field for d in pinned.differences} == {"run_exports"}
    tested = proof_of(curl, "- curl --help", "- curl --version")
    assert {d.field for d in tested.differences} == {"commands"}


def test_an_output_skipped_on_one_side_only_is_found(curl):
    head = "      name: curl\n    inherit: curl_split_recipe-build\n    build:\n"
    proof = proof_of(curl, head, head + "      skip: win\n")
    assert [(d.platform, d.output, d.field, d.v1) for d in proof.differences] == [
        ("win-64", "curl", "built", "skipped")
    ]


def test_a_recipe_rattler_build_cannot_render_is_a_failure(curl):
    proof = proof_of(curl, "${{ compiler('c') }}", "${{ compiler('c') ")
    assert proof.failures and not proof.equivalent
