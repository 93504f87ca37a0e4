"""`recipegen convert` as a user runs it: what is written where, what is never written."""

import json

from click.testing import CliRunner

from recipegen.cli import main


def run(*args):
    return CliRunner().invoke(main, ["convert", *map(str, args)])


def test_writes_recipe_next_to_meta_yaml_and_keeps_it(recipe_copy):
    folder = recipe_copy("nox")
    result = run(folder)
    assert result.exit_code == 0, result.output
    text = (folder / "recipe.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=") and "\n\nschema_version: 1\n" in text
    assert "python ${{ python_min }}.*" in text
    assert (folder / "meta.yaml").is_file()
    assert "no difference" in result.output


def test_never_overwrites_without_force(recipe_copy):
    folder = recipe_copy("nox")
    (folder / "recipe.yaml").write_text("mine\n")
    result = run(folder)
    assert result.exit_code == 1
    assert "already exists; pass --force" in result.output
    assert (folder / "recipe.yaml").read_text() == "mine\n"
    assert run("--force", folder).exit_code == 0
    assert (folder / "recipe.yaml").read_text() != "mine\n"


def test_in_place_replaces_meta_yaml_and_conda_build_config(recipe_copy):
    folder = recipe_copy("zlib-feedstock")
    result = run("--in-place", folder)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["recipe.yaml", "variants.yaml"]
    variants = (folder / "variants.yaml").read_text()
    assert "if: osx" in variants and "clang_bootstrap" in variants


def test_in_place_keeps_everything_when_refused(recipe_copy):
    folder = recipe_copy("boost-feedstock")
    before = sorted(p.name for p in folder.iterdir())
    result = run("--in-place", folder)
    assert result.exit_code == 1
    assert "meta.yaml:74:" in result.output and "cannot be converted; nothing written" in result.output
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_result_conda_forge_would_refuse_is_never_written(recipe_copy):
    folder = recipe_copy("ipykernel")  # `{% if noarch_platform == "osx" %}` in a noarch: python recipe
    result = run("--in-place", folder)
    assert result.exit_code == 1
    assert "noarch-selectors-v1" in result.output and "fails its checks; nothing written" in result.output
    assert not (folder / "recipe.yaml").exists() and (folder / "meta.yaml").is_file()


def test_check_only_checks(recipe_copy):
    folder = recipe_copy("mypy")
    result = run("--check", folder)
    assert result.exit_code == 0, result.output
    assert "nothing written (--check)" in result.output
    assert not (folder / "recipe.yaml").exists()


def test_stdout_prints_the_recipe(recipe_copy):
    folder = recipe_copy("python-lsp-server")
    result = run("--stdout", folder / "meta.yaml")
    assert result.exit_code == 0, result.output
    assert "recipe:\n  name: ${{ name|lower }}-meta" in result.output
    assert '${{ pin_subpackage("python-lsp-server-base", exact=true) }}' in result.output
    assert not (folder / "recipe.yaml").exists()


def test_output_folder_and_several_paths(recipe_copy, tmp_path):
    nox, curl = recipe_copy("nox"), recipe_copy("curl-feedstock")
    single = tmp_path / "single"
    assert run("--output", single, nox).exit_code == 0
    assert (single / "recipe.yaml").is_file()
    several = tmp_path / "several"
    result = run("--output", several, nox, curl)
    assert result.exit_code == 0, result.output
    assert (several / "nox" / "recipe.yaml").is_file() and (several / "curl-feedstock" / "recipe.yaml").is_file()


def test_feedstock_layout(recipe_copy, tmp_path):
    feedstock = tmp_path / "nox-feedstock"
    feedstock.mkdir()
    recipe_copy("nox").rename(feedstock / "recipe")
    assert run("--check", feedstock).exit_code == 0


def test_json_report(recipe_copy):
    folder = recipe_copy("pybind11")
    result = run("--check", "--format", "json", folder)
    report = json.loads(result.stdout)
    assert report[0]["status"] == "checked" and report[0]["differences"] == []
    assert report[0]["compared"] > 0


def test_unusable_input_is_one_line_and_exit_2(tmp_path):
    result = run(tmp_path / "nowhere")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[0] == f"error: {tmp_path / 'nowhere'}: no such file or folder"
    (tmp_path / "meta.yaml").write_bytes(b"\x00\x01")
    result = run(tmp_path / "meta.yaml")
    assert result.exit_code == 2 and "binary file" in result.output and "Traceback" not in result.output


def test_a_v1_recipe_is_not_converted_again(tmp_path):
    (tmp_path / "recipe.yaml").write_text("package: {name: x, version: '1'}\n")
    result = run(tmp_path)
    assert result.exit_code == 2 and "already a v1 recipe" in result.output


def test_options_exclude_each_other(recipe_copy):
    result = run("--in-place", "--stdout", recipe_copy("nox"))
    assert result.exit_code == 2 and "use one of --output, --in-place and --stdout" in result.output


def test_differences_are_printed_and_nothing_is_written(tmp_path):
    # conda-build reads `np` as the digits of the numpy variant ("2" -> 2), so `np >= 125` is false;
    # `match(numpy, ">=1.25")` is true: the proof says so instead of writing the recipe.
    (tmp_path / "meta.yaml").write_text(
        "package:\n  name: demo\n  version: '1.0'\nbuild:\n  number: 0\nrequirements:\n  host:\n"
        "    - python\n    - numpy\n  run:\n    - python\n    - numpy-extra  # [np >= 125]\n"
        "about:\n  home: https://example.org\n  license: MIT\n  license_file: LICENSE\n  summary: demo\n"
        "test:\n  commands:\n    - demo --help\n"
        "extra:\n  recipe-maintainers:\n    - someone\n"
    )
    result = run(tmp_path)
    assert result.exit_code == 1
    assert "requirements.run" in result.output and "difference(s) remain" in result.output
    assert not (tmp_path / "recipe.yaml").exists()


def _meta(tmp_path, text):
    (tmp_path / "meta.yaml").write_text(text)
    return run("--check", tmp_path)


def test_an_empty_recipe_is_refused(tmp_path):
    result = _meta(tmp_path, "")
    assert result.exit_code == 1 and "the recipe is empty" in result.output


def test_a_template_that_expands_without_end_is_refused_quickly(tmp_path):
    result = _meta(
        tmp_path,
        "{% for i in range(9999) %}\n{% for j in range(9999) %}\n- {{ i }}{{ j }}\n{% endfor %}\n{% endfor %}\n",
    )
    assert result.exit_code == 1 and "the template expands to more than 20000 lines" in result.output


def test_work_the_sandbox_refuses_never_reaches_rattler_build(tmp_path):
    result = _meta(tmp_path, 'package:\n  name: x\n  version: {{ "a" * 100000000 }}\n')
    assert result.exit_code == 1 and "refused to render" in result.output and "Traceback" not in result.output


def test_in_place_renames_bld_bat(recipe_copy):
    folder = recipe_copy("nox")
    (folder / "bld.bat").write_text("python -m pip install .\n")
    result = run("--in-place", folder)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["build.bat", "recipe.yaml"]
    assert "renamed bld.bat to build.bat" in result.output


# --- review 1 --------------------------------------------------------------------------------------


def test_the_feedstock_conda_forge_yml_counts_for_the_lint_of_the_result(recipe_copy):
    # noarch: python with `__unix # [unix]` / `__win # [win]`: conda-forge's documented pattern
    # when conda-forge.yml lists several noarch_platforms
    feedstock = recipe_copy("noarch-platforms-feedstock")
    result = run("--check", feedstock)
    assert result.exit_code == 0 and "noarch-selectors" not in result.output, result.output
    (feedstock / "conda-forge.yml").unlink()  # now both recipes break the rule: not the conversion's doing
    result = run("--check", feedstock)
    assert result.exit_code == 0 and "[noarch-selectors-v1] (meta.yaml has it too)" in result.output


def test_the_checks_bring_their_own_linter(recipe_copy, monkeypatch):
    # the command must not rely on `recipegen.generators` having been imported (it was not, in a
    # fresh process, and every conversion ended in an internal error)
    from recipegen import generate
    from recipegen.convert.run import convert_path

    monkeypatch.setattr(generate, "_linter", [])
    folder = recipe_copy("nox")
    assert convert_path(str(folder), folder / "meta.yaml").status == "converted"


def test_the_final_line_says_meta_yaml_must_go(recipe_copy):
    folder = recipe_copy("nox")
    result = run(folder)
    assert result.exit_code == 0, result.output
    assert "meta.yaml kept: remove it (or convert with --in-place)" in result.output.strip().splitlines()[-1]
    assert "kept" not in run("--in-place", recipe_copy("mypy")).output
