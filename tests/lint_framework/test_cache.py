"""The on-disk lint result cache (linters/cache.py): a hit gives the same findings as linting
again, and every input the findings depend on invalidates it. Each test has its own cache folder.

The recipe is the real libsodium feedstock recipe (fixtures/recipes/v1, conda-forge, BSD-3-Clause).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from recipegen.linters import cache
from recipegen.linters.api import LintRequest, lint_paths

from recipegen.cli import main

FIXTURE = Path(__file__).parents[2] / "fixtures" / "recipes" / "v1" / "libsodium-feedstock" / "recipe.yaml"


@pytest.fixture
def recipe(tmp_path: Path) -> Path:
    folder = tmp_path / "feedstock" / "recipe"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURE, folder / "recipe.yaml")
    return folder / "recipe.yaml"


def _lint(recipe: Path, cache_dir: Path, **options) -> tuple[list[tuple], bool]:
    result = lint_paths([str(recipe)], LintRequest(cache_dir=cache_dir, **options), jobs=1)
    [found] = result.files
    return [(p.file, p.line, p.column, p.rule_id, p.message) for p in found.problems], found.from_cache


def _entries(cache_dir: Path) -> list[Path]:
    return sorted(p for p in cache_dir.rglob("*.json"))


def test_a_hit_gives_the_findings_of_linting_again(recipe: Path, tmp_path: Path) -> None:
    recipe.write_text(recipe.read_text() + "unknown_section: 1\n")
    cold, cold_cached = _lint(recipe, tmp_path / "cache")
    warm, warm_cached = _lint(recipe, tmp_path / "cache")
    fresh = lint_paths([str(recipe)], LintRequest(), jobs=1).problems
    assert (cold_cached, warm_cached) == (False, True)
    assert cold == warm == [(p.file, p.line, p.column, p.rule_id, p.message) for p in fresh]
    assert any(rule == "schema" for _, _, _, rule, _ in warm)
    assert len(_entries(tmp_path / "cache")) == 1


def test_editing_the_recipe_recomputes(recipe: Path, tmp_path: Path) -> None:
    before, _ = _lint(recipe, tmp_path / "cache")
    recipe.write_text(recipe.read_text() + "unknown_section: 1\n")
    after, cached = _lint(recipe, tmp_path / "cache")
    assert not cached
    assert before == [] and [rule for *_, rule, _ in after] == ["schema"]


def test_editing_variants_yaml_recomputes(recipe: Path, tmp_path: Path) -> None:
    variants = recipe.parent / "variants.yaml"
    variants.write_text("c_stdlib_version:\n  - '2.17'\n")
    good, _ = _lint(recipe, tmp_path / "cache")
    variants.write_text("c_stdlib_version: [\n")  # same size class, not YAML any more
    bad, cached = _lint(recipe, tmp_path / "cache")
    assert not cached and good == []
    assert any(file.endswith("variants.yaml") for file, *_ in bad)


def test_changing_rule_options_recomputes(recipe: Path, tmp_path: Path) -> None:
    recipe.write_text(recipe.read_text() + "unknown_section: 1\n")
    everything, _ = _lint(recipe, tmp_path / "cache")
    ignored, cached = _lint(recipe, tmp_path / "cache", ignore=("schema",))
    assert not cached
    assert "schema" in {rule for *_, rule, _ in everything} - {rule for *_, rule, _ in ignored}
    (recipe.parents[1] / "recipegen.toml").write_text('[lint]\nignore = ["schema"]\n')
    configured, cached = _lint(recipe, tmp_path / "cache")
    assert not cached and configured == ignored


def test_a_file_near_the_recipe_recomputes(recipe: Path, tmp_path: Path) -> None:
    _lint(recipe, tmp_path / "cache")
    (recipe.parents[1] / "conda-forge.yml").write_text("linter:\n  skip: [lint_noarch]\n")
    _, cached = _lint(recipe, tmp_path / "cache")
    assert not cached
    (recipe.parent / "build.sh").write_text("make\n")
    _, cached = _lint(recipe, tmp_path / "cache")
    assert not cached
    _, cached = _lint(recipe, tmp_path / "cache")
    assert cached


@pytest.mark.parametrize("damage", ["", "{not json", '{"key": "another", "problems": [], "subjects": []}'])
def test_a_damaged_entry_is_a_miss_and_goes(recipe: Path, tmp_path: Path, damage: str) -> None:
    recipe.write_text(recipe.read_text() + "unknown_section: 1\n")
    first, _ = _lint(recipe, tmp_path / "cache")
    [entry] = _entries(tmp_path / "cache")
    entry.write_text(damage)
    again, cached = _lint(recipe, tmp_path / "cache")
    assert not cached and again == first
    assert _lint(recipe, tmp_path / "cache") == (first, True)  # written again, whole


def test_a_cache_that_cannot_be_written_is_no_cache(recipe: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    assert _lint(recipe, blocked) == ([], False)
    assert _lint(recipe, blocked) == ([], False)


def test_runs_reading_packages_or_the_network_are_not_cached(recipe: Path, tmp_path: Path) -> None:
    assert not LintRequest(cache_dir=tmp_path, fetch_sources=True).cacheable
    assert not LintRequest(cache_dir=tmp_path, online=True).cacheable
    assert not LintRequest(cache_dir=tmp_path, artifacts=(tmp_path / "x.conda",)).cacheable
    assert not LintRequest().cacheable


def test_the_cache_is_bounded(tmp_path: Path) -> None:
    for number in range(30):
        cache.store(tmp_path, f"{number:02d}" + "0" * 62, [], {})
    assert cache.prune(tmp_path, limit=20) == 12  # down to 90% of the limit
    assert len(_entries(tmp_path)) == 18
    assert cache.prune(tmp_path, limit=20) == 0


def test_cli_uses_the_cache_folder_and_no_cache_bypasses_it(
    recipe: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cache.NO_CACHE_VARIABLE, raising=False)
    monkeypatch.setenv("RECIPEGEN_CACHE_DIR", str(tmp_path / "user-cache"))
    bypassed = CliRunner().invoke(main, ["lint", str(recipe), "--no-cache"])
    assert bypassed.exit_code == 0 and not (tmp_path / "user-cache").exists()
    first = CliRunner().invoke(main, ["lint", str(recipe), "--format", "json"])
    second = CliRunner().invoke(main, ["lint", str(recipe), "--format", "json"])
    assert first.exit_code == second.exit_code == 0 and first.output == second.output
    assert len(_entries(tmp_path / "user-cache" / "lint")) == 1
    monkeypatch.setenv(cache.NO_CACHE_VARIABLE, "1")
    assert cache.default_cache_dir() is None


def test_concurrent_writers_never_leave_half_an_entry(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from recipegen.problems import Problem

    key = "ab" * 32
    problems = [Problem("recipe.yaml", line, 1, "x" * 5000, rule_id="schema") for line in range(1, 40)]

    def write_and_read(count: int) -> bool:
        cache.store(tmp_path, key, problems[:count], {})
        found = cache.load(tmp_path, key)
        return found is not None and found[0] == problems[: len(found[0])]

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(write_and_read, [i % 39 + 1 for i in range(64)]))
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(["v1", "ab", f"{key}.json"])  # no temporary files
