"""`recipegen cxx SOURCE`: a v1 recipe with conda-forge split outputs for a C/C++ library."""

from __future__ import annotations

from pathlib import Path

import click

from recipegen.commands._options import about_options, given_about, offline_option, timeout_option, write_options


@click.command("cxx")
@click.argument("source", metavar="SOURCE")
@click.option("--version", "version", default="", help="Version, when the build files do not say it.")
@click.option("--name", default="", help="Package base name (default: the project name).")
@click.option("--static", is_flag=True, help="Also build static libraries into a <name>-static output (CFEP-18).")
@write_options
@offline_option
@timeout_option
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
    timeout: float,
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
    written. Give fields the source does not say with the options below: without a licence
    nothing is written; a missing home page or summary is a note beside the written recipe
    (and a `recipegen lint` error until it is filled in).

    \b
    Exit status (docs/exit-codes.md): 0 written, 1 the recipe fails its own checks (or has no
    licence), exists, or the source cannot be downloaded, 2 unusable input, 3 a bug of
    recipegen.
    """
    from recipegen.generate import Target, run_pipeline
    from recipegen.generators.cxx.api import CxxGenerator
    from recipegen.http import Fetcher

    generator = CxxGenerator(
        version=version,
        name=name,
        static=static,
        maintainers=maintainers,
        recipe_root=None if to_stdout else str((output / "_").resolve().parent),
        about=given_about(homepage, summary, license_, license_file),
        fetcher=Fetcher(offline=offline, timeout=timeout),
        offline=offline,
    )
    raise SystemExit(run_pipeline(generator, [source], Target(output, to_stdout, force)))
