"""`--extras groups`: pip extras as CEP 44 `requirements.extras`, rendered by rattler-build in V3 mode."""

from __future__ import annotations

import pytest

from recipegen.generate import check_generated


def _render(text: str, platform: str, v3: bool) -> list[dict]:
    import rattler_build as rb

    revision = rb.RepodataRevision.V3 if v3 else rb.RepodataRevision.LEGACY
    recipe = rb.Stage0Recipe.from_yaml(text, repodata_revision=revision)
    variants = rb.VariantConfig(
        {
            "python_min": ["3.10"],
            "python": ["3.12"],
            "c_compiler": ["gcc"],
            "cxx_compiler": ["gxx"],
            "c_stdlib": ["sysroot"],
            "c_stdlib_version": ["2.17"],
        }
    )
    config = rb.RenderConfig(
        platform=rb.PlatformConfig(target_platform=platform, build_platform=platform, host_platform=platform),
        repodata_revision=revision,
    )
    return [rendered.recipe.to_dict() for rendered in recipe.render(variants, config)]


def test_groups_are_requirements_extras_of_one_output(make_generator):
    recipe = make_generator(extras=("groups",)).generate("requests==2.34.2")
    assert "outputs" not in recipe.data and recipe.needs_v3
    assert recipe.data["requirements"]["extras"] == {
        "socks": ["pysocks >=1.5.6,!=1.5.7"],
        "use-chardet-on-py3": ["chardet >=3.0.2,<8"],
    }
    assert any("v3" in note for note in recipe.notes)
    assert "rattler-build --v3" in recipe.text()
    assert check_generated(recipe, recipe.text()) == []


def test_split_stays_the_default(make_generator):
    recipe = make_generator().generate("requests==2.34.2")
    assert "outputs" in recipe.data and not recipe.needs_v3


def test_a_group_naming_other_extras_holds_their_dependencies(make_generator):
    recipe = make_generator(extras=("groups",)).generate("pandas==3.1.1")
    groups = recipe.data["requirements"]["extras"]
    names = {item.split(" ")[0] for item in groups["all"] if isinstance(item, str)}
    for other in ("performance", "plot"):
        assert {item.split(" ")[0] for item in groups[other] if isinstance(item, str)} <= names


@pytest.mark.parametrize("spec", ["requests==2.34.2", "keyring==25.7.0", "pandas==3.1.1"])
def test_groups_recipe_renders_with_rattler_build_in_v3_mode(make_generator, spec):
    recipe = make_generator(extras=("groups",)).generate(spec)
    rendered = _render(recipe.text(), "linux-64", v3=True)
    assert rendered and rendered[0]["requirements"]["extras"]


def test_groups_recipe_needs_v3_mode():
    import rattler_build as rb

    text = "package: {name: a, version: '1'}\nrequirements:\n  extras:\n    x: [b]\n"
    with pytest.raises(rb.RattlerBuildError, match="v3"):
        _render(text, "linux-64", v3=False)


def test_os_specific_extra_keeps_its_condition_without_virtual_packages(make_generator):
    recipe = make_generator(extras=("groups",)).generate("keyring==25.7.0")
    text = recipe.text()
    groups = recipe.data["requirements"]["extras"]
    flat = str(groups)
    assert "__win" not in flat and "__linux" not in flat and "__unix" not in flat
    win = _render(text, "win-64", v3=True)[0]["requirements"]["extras"]
    linux = _render(text, "linux-64", v3=True)[0]["requirements"]["extras"]
    assert win.keys() == linux.keys()
