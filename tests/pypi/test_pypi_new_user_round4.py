"""Defects found running `recipegen pypi` on 25 more packages nobody had looked at (pypi9 round,
2026-12-07); the inputs are the named releases' recordings in benchmarks/pypi_heldout (upstream
packages under their own licenses)."""

from __future__ import annotations

from recipegen.emit import emit


def _script_tests(recipe) -> list[str]:
    return [line for test in recipe.data.get("tests", []) if "script" in test for line in test["script"]]


def test_a_module_toolz_installs_satisfies_a_console_script(heldout_generator):
    # dask 2026.11.0's `dask` script imports `tlz`, which toolz's wheel installs next to `toolz`:
    # before, the script test was left out ("imports tlz, which the run requirements do not provide")
    recipe = heldout_generator("dask").generate("dask==2026.11.0")
    assert _script_tests(recipe) == ["dask --help"]
    assert not [note for note in recipe.notes if "script test" in note]
    assert "- dask --help" in emit(recipe)
