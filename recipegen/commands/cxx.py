"""`recipegen cxx SOURCE`: a v1 recipe with conda-forge split outputs for a C/C++ library."""

from __future__ import annotations

from pathlib import Path

import click

from recipegen.commands._library_recipe import about_options, given_about, write_options


@click.command("cxx")
@click.argument("source", metavar="SOURCE")
@click.option("--version", "version", default="", help="Version, when the build files do not say it.")
@click.option("--name", default="", help="Package base name (default: the project name).")
@click.option("--static", is_flag=True, help="Also build static libraries into a <name>-static output (CFEP-18).")
@write_options
@click.option("--offline", is_flag=True, help="Use only the local download cache.")
@about_options("the source does", license_from="the license files do")
def command(
    source: str,
    version: str,
    name: str,
    static: bool,
    output: Path,
    to_stdout: bool,
    force: bool,
    maintainers: tuple[str, ...],
    offline: bool,
    homepage: str,
    summary: str,
    license_: str,
    license_file: str,
) -> None:
    """Generate a recipe for the C/C++ library in SOURCE (URL, tarball/zip, or folder).

    Reads CMake, Meson, Autotools or a plain Makefile (never runs them): name, version,
    library targets, installed programs and dependencies (mapped to conda-forge packages).

    About fields come from the download URL, the build files, a checkout's git remote, a
    pkg-config template and the README; the recipe is validated and linted before it is
    written, and fields still unknown must be given with the options below.

    \b
    Exit status: 0 written, 1 the recipe fails its own checks (or misses about fields) or
    exists, 2 unusable input.
    """
    import sys

    from recipegen.generators.cxx.api import CxxError, cxx_recipe

    recipe_dir = None if to_stdout else str((output / "_").resolve().parent)
    try:
        recipe = cxx_recipe(
            source,
            version=version,
            name=name,
            static=static,
            maintainers=maintainers,
            offline=offline,
            recipe_root=recipe_dir,
            about=given_about(homepage, summary, license_, license_file),
        )
    except CxxError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    sys.exit(_write(recipe, output=output, to_stdout=to_stdout, force=force, what=f"the source ({source})"))


def _write(recipe, *, output: Path, to_stdout: bool, force: bool, what: str = "the source") -> int:
    from recipegen.commands._library_recipe import check_and_write
    from recipegen.emit import emit_recipe

    text = emit_recipe(recipe.data, eol_comments=recipe.eol_comments, before_comments=recipe.before_comments)
    return check_and_write(
        recipe.name,
        text,
        target=output / recipe.name / "recipe.yaml",
        notes=recipe.notes,
        to_stdout=to_stdout,
        force=force,
        what=what,
        errors=recipe.errors,
    )
