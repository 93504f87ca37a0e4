from recipegen.convert.variants import convert_variants
from recipegen.yamlio import parse_yaml, to_plain

from .conftest import CORPUS


def test_selectors_become_items_and_numbers_stay_text():
    text, issues = convert_variants(
        "python:\n  - 3.10  # [not win]\n  - 3.12\nlibunwind:  # [linux]\n  - 1.6  # [linux]\n"
    )
    assert issues == []
    assert to_plain(parse_yaml(text, "variants.yaml")) == {
        "python": [{"if": "not win", "then": "3.10"}, "3.12"],
        "libunwind": [{"if": "linux", "then": "1.6"}],
    }


def test_a_real_conda_build_config():  # zlib-feedstock: the bootstrap compilers
    text, issues = convert_variants((CORPUS / "zlib-feedstock" / "conda_build_config.yaml").read_text())
    assert issues == []
    assert text.startswith("# compilers depends on zlib itself -> use the bootstrap compiler\nc_compiler:\n")
    assert to_plain(parse_yaml(text, "variants.yaml")) == {
        "c_compiler": [{"if": "osx", "then": "clang_bootstrap"}, {"if": "linux", "then": "gcc_bootstrap"}]
    }
