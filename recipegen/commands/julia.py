"""`recipegen julia NAME...`: v1 recipes for Julia packages of the General registry."""

from __future__ import annotations

from pathlib import Path

import click

from recipegen.commands._options import fail, generator_options


@click.command("julia")
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@click.option("--version", "version", metavar="V", help="Package version (default: the newest non-yanked one).")
@click.option(
    "--registry",
    "registry_spec",
    metavar="PATH_OR_URL",
    help="Registry folder, General.toml + tarball pair, tarball, or URL "
    "(default: ~/.julia/registries/General, else the public General registry).",
)
@click.option(
    "--julia-version",
    metavar="X.Y",
    help="Julia version whose standard libraries are dropped from the dependencies "
    "(default: conda-forge's julia, see docs/julia.md).",
)
@click.option(
    "--no-fetch", is_flag=True, help="Do not download the source: write the recipe without sha256 (to be filled in)."
)
@generator_options
def command(
    names: tuple[str, ...],
    version: str | None,
    registry_spec: str | None,
    julia_version: str | None,
    no_fetch: bool,
    output: Path,
    to_stdout: bool,
    force: bool,
    recursive: bool,
    maintainers: tuple[str, ...],
    offline: bool,
    timeout: float,
) -> None:
    """Generate recipe.yaml for Julia packages NAME... (case-insensitive, `.jl` accepted)."""
    from recipegen.condaforge import exists_on_conda_forge
    from recipegen.generate import Target, run_pipeline
    from recipegen.generators.julia.generate import JuliaGenerator
    from recipegen.generators.julia.recipe import RecipeOptions
    from recipegen.generators.julia.registry import RegistryError, open_registry
    from recipegen.generators.julia.stdlibs import JuliaVersionError, default_julia_version, parse_julia_version
    from recipegen.http import Fetcher

    # One spelling per package, so `--recursive` does not generate a package twice (CSV vs csv.jl).
    stripped = [n[:-3] if n.lower().endswith(".jl") else n for n in names]
    names = tuple({n.lower(): n for n in reversed(stripped)}[key] for key in dict.fromkeys(n.lower() for n in stripped))
    if version and len(names) > 1:
        raise click.UsageError("--version applies to one NAME; generate the others separately")
    try:
        julia = parse_julia_version(julia_version or default_julia_version())
    except JuliaVersionError as exc:
        raise click.UsageError(str(exc)) from None
    fetcher = Fetcher(offline=offline, timeout=timeout)
    try:
        registry = open_registry(registry_spec, fetcher)
    except RegistryError as exc:
        from recipegen.guard import FAILED_EXIT, UNUSABLE_EXIT

        local = registry_spec and not registry_spec.startswith(("http://", "https://"))
        fail(str(exc), UNUSABLE_EXIT if local else FAILED_EXIT)

    options = RecipeOptions(julia_version=julia, maintainers=maintainers, no_fetch=no_fetch)
    versions = {names[0].lower(): version} if version else {}
    generator = JuliaGenerator(registry, fetcher, options, versions)
    target = Target(output, to_stdout, force, recursive, on_conda_forge=exists_on_conda_forge)
    raise SystemExit(run_pipeline(generator, names, target))
