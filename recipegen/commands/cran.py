"""`recipegen cran NAME...`: v1 recipes for CRAN packages (conda-forge's R conventions)."""

from __future__ import annotations

from pathlib import Path

import click

from recipegen.commands._options import fail, generator_options


@click.command("cran")
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@click.option("--version", "version", metavar="V", help="Package version (older ones come from Archive/<Pkg>/).")
@click.option(
    "--cran-url",
    metavar="URL",
    help="CRAN-like repository URL (default: $RECIPEGEN_CRAN_URL or https://cran.r-project.org).",
)
@click.option(
    "--cran-dir",
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Local CRAN-like repository folder (src/contrib/PACKAGES, tarballs, Archive/).",
)
@click.option(
    "--r-backend",
    type=click.Choice(["auto", "r", "data"]),
    default="auto",
    show_default=True,
    help="Standardise licenses and list base packages with R itself (rpy2), the shipped data "
    "files, or R when available.",
)
@generator_options
def command(
    names: tuple[str, ...],
    version: str | None,
    cran_url: str | None,
    cran_dir: Path | None,
    r_backend: str,
    output: Path,
    to_stdout: bool,
    force: bool,
    recursive: bool,
    maintainers: tuple[str, ...],
    offline: bool,
    timeout: float,
) -> None:
    """Generate recipe.yaml for CRAN packages NAME... (case-insensitive names)."""
    from recipegen.endpoints import cran_url as default_cran_url
    from recipegen.generate import Target, run_pipeline
    from recipegen.generators.cran.generate import CranGenerator
    from recipegen.generators.cran.recipe import RecipeOptions
    from recipegen.generators.cran.repository import CranRepository, RepositoryError
    from recipegen.generators.cran.rsession import r_available

    if cran_url and cran_dir:
        raise click.UsageError("give --cran-url or --cran-dir, not both")
    if version and len(names) > 1:
        raise click.UsageError("--version applies to one NAME; generate the others separately")
    use_r: bool | None = {"auto": None, "r": True, "data": False}[r_backend]
    if use_r and not r_available():
        raise click.UsageError("--r-backend r: R is not available (install R and recipegen[r], i.e. rpy2)")
    if use_r is None:
        use_r = r_available()
    mirror = (cran_url or default_cran_url()).rstrip("/")
    try:
        if cran_dir is not None:
            repository = CranRepository.from_dir(cran_dir)
        else:
            from recipegen.http import Fetcher

            repository = CranRepository.from_url(mirror, Fetcher(offline=offline, timeout=timeout))
    except RepositoryError as exc:
        from recipegen.guard import FAILED_EXIT, UNUSABLE_EXIT

        fail(str(exc), UNUSABLE_EXIT if cran_dir is not None else FAILED_EXIT)

    options = RecipeOptions(cran_mirror=mirror, maintainers=maintainers, use_r=use_r)
    generator = CranGenerator(repository, options, versions={names[0].lower(): version} if version else {})

    from recipegen.condaforge import exists_on_conda_forge

    target = Target(output, to_stdout, force, recursive, on_conda_forge=exists_on_conda_forge)
    raise SystemExit(run_pipeline(generator, names, target))
