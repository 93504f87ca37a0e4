"""The shipped data files are exactly what build_data.py makes from the research data."""

from __future__ import annotations

import json
from importlib import resources

from recipegen.generators.julia import build_data, jll, stdlibs

from recipegen.condaforge import conda_forge_names

from .conftest import FIXTURES, REGISTRY_DIR


def shipped(name: str) -> dict:
    return json.loads(resources.files("recipegen.generators.julia.data").joinpath(name).read_text("utf-8"))


def test_shipped_stdlib_data_is_built_from_stdlibs_json():
    source = json.loads((FIXTURES / "registry" / "stdlibs.json").read_text())
    assert build_data.build_stdlibs(source) == shipped("stdlibs.json")


def test_shipped_jll_map_is_built_from_the_table_and_the_curation():
    table = json.loads((FIXTURES / "jll-conda-map.json").read_text())
    curation = shipped("jll_curation.json")
    built = build_data.build_jlls(table, curation, conda_forge_names(), build_data._registry_jlls(REGISTRY_DIR))
    assert built == shipped("jll_conda.json")
    assert len(built["jlls"]) == len(table) + 13  # + the Xorg family found in the slice


def test_stdlib_membership_by_julia_version():
    statistics = "10745b16-79ce-11e8-11f9-7d13ad32a3b2"
    openssl_jll = "458c3c95-2e84-50aa-8efc-19380b2a3a95"
    zstd_jll = "3161d3a3-bdf6-5164-811a-617609db77b4"
    assert stdlibs.is_stdlib(statistics, (1, 10)) and not stdlibs.is_stdlib(statistics, (1, 11))
    assert stdlibs.is_stdlib(openssl_jll, (1, 12)) and not stdlibs.is_stdlib(openssl_jll, (1, 11))
    assert stdlibs.is_stdlib(zstd_jll, (1, 13)) and not stdlibs.is_stdlib(zstd_jll, (1, 12))
    assert stdlibs.is_stdlib(zstd_jll, (1, 20))  # newer than the data: the newest known set
    assert stdlibs.default_julia_version() == "1.12"


def test_jll_mapping_rows():
    zlib = jll.lookup("Zlib_jll", "83775a58-1f1d-513f-b197-d71354ab007a")
    assert (zlib.host, zlib.run, zlib.artifact) == (("zlib",), ("libzlib",), "Zlib")
    libuv = jll.lookup("LibUV_jll", "")
    assert not libuv.mapped and "not a drop-in" in libuv.reason
    assert not jll.lookup("MicrosoftMPI_jll", "").mapped
    assert jll.lookup("freetype2_JLL", "").run == ("libfreetype6",)  # names are case-insensitive
