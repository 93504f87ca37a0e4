"""Every real conda-forge v0 recipe of the corpus converts with no difference on any of the five
platforms, or is refused with its reason at the right line."""

import pytest

from recipegen.convert.run import convert_path

from .conftest import CORPUS

# feedstock -> (status, text the reason must contain)
REFUSED = {
    # `{% for each_lib in boost_libs + ... + boost_libs_py %}` with `boost_libs_py` built from `py`
    "boost-feedstock": (
        "refused",
        "meta.yaml:74: `{% for %}` over `boost_libs + boost_libs_static_only + boost_libs_py`",
    ),
    # `noarch: generic` with `{{ posix }}zip  # [win]` in build: conda-forge's v1 linter refuses
    # selectors in a noarch recipe (its v0 check only looks at host/run)
    "r-ggplot2-feedstock": ("broken", "[noarch-selectors-v1]"),
}
FEEDSTOCKS = sorted(p.name for p in CORPUS.iterdir() if (p / "meta.yaml").is_file())


def test_the_corpus_is_complete():
    assert len(FEEDSTOCKS) == 14


@pytest.mark.parametrize("feedstock", FEEDSTOCKS)
def test_corpus_recipe_converts_with_no_difference_or_a_clear_reason(feedstock):
    folder = CORPUS / feedstock
    outcome = convert_path(str(folder), folder / "meta.yaml")
    if feedstock in REFUSED:
        status, reason = REFUSED[feedstock]
        assert outcome.status == status
        assert any(reason in problem for problem in outcome.problems), outcome.problems
        assert outcome.differences == []
        return
    assert outcome.status == "converted", outcome.problems + outcome.differences
    assert outcome.differences == []
    assert outcome.compared >= 5  # at least one output on each platform
    assert outcome.recipe_text.startswith("# yaml-language-server: $schema=")
