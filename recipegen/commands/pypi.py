"""`recipegen pypi SPEC...`: v1 recipes for Python packages from PyPI, local sdists, wheels or folders."""

from __future__ import annotations

from pathlib import Path

import click

from recipegen.commands._options import fail, generator_options


@click.command("pypi")
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@click.option("--version", "version", metavar="V", help="Release to use (default: the newest final release).")
@click.option(
    "--extras",
    "extras",
    multiple=True,
    metavar="split|groups|none|all|NAME...",
    help="pip extras: `split` (default when the package has extras) = one `<name>-with-<extra>` "
    "output each; `groups` = CEP 44 `requirements.extras` (needs a v3-capable builder, "
    "rattler-build --v3); `none` = ignore them; `all` = add every extra's dependencies to run; "
    "NAME (repeatable or comma-separated) = add those extras' dependencies to run.",
)
@click.option(
    "--name-map",
    "name_map",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="PyPI -> conda name overrides (JSON object or 'pypi: conda' lines).",
)
@click.option(
    "--index-url",
    metavar="URL",
    help="PyPI-compatible index (simple URL like https://host/simple, or the JSON base /pypi).",
)
@click.option(
    "--wheel-source", is_flag=True, help="For a wheel-only release with a pure wheel, use that wheel as the source."
)
@click.option(
    "--license",
    "license_expression",
    metavar="EXPR",
    help="SPDX license expression to use when upstream's metadata and license files do not settle it.",
)
@click.option(
    "--license-file",
    "license_file",
    metavar="PATH",
    help="about.license_file: a path in the sdist, or a local file (copied next to recipe.yaml) "
    "when the sdist ships none.",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=4, show_default=True, help="Packages generated at once."
)
@click.option("--verbose", "-v", is_flag=True, help="Say where every field and name mapping came from.")
@generator_options
def command(
    specs: tuple[str, ...],
    version: str | None,
    extras: tuple[str, ...],
    name_map: Path | None,
    index_url: str | None,
    wheel_source: bool,
    license_expression: str | None,
    license_file: str | None,
    jobs: int,
    verbose: bool,
    output: Path,
    to_stdout: bool,
    force: bool,
    recursive: bool,
    maintainers: tuple[str, ...],
    offline: bool,
    timeout: float,
) -> None:
    """Generate recipe.yaml for SPEC...: PyPI names, name==version, sdists, wheels or project folders."""
    from recipegen.condaforge import exists_on_conda_forge
    from recipegen.generate import Target, run_pipeline
    from recipegen.generators.pypi.generator import Options, PypiGenerator
    from recipegen.generators.pypi.names import NameMapError, load_user_map
    from recipegen.http import Fetcher

    if version and len(specs) > 1:
        raise click.UsageError("--version applies to one SPEC; use name==version for several")
    if license_expression is not None:
        from recipegen.licenses import check_expression, normalize_expression

        if len(specs) > 1:
            raise click.UsageError("--license applies to one SPEC")
        normalized = normalize_expression(license_expression)
        if not normalized or not check_expression(normalized).valid:
            raise click.BadParameter(
                f"{license_expression!r} is not a valid SPDX license expression", param_hint="--license"
            )
        license_expression = normalized
    if license_file is not None and len(specs) > 1:
        raise click.UsageError("--license-file applies to one SPEC")
    try:
        user_map = load_user_map(name_map) if name_map else {}
    except NameMapError as exc:  # a file the user gave that cannot be read: unusable input
        from recipegen.guard import UNUSABLE_EXIT

        fail(str(exc), UNUSABLE_EXIT)
    options = Options(
        version=version,
        extras=extras,
        maintainers=maintainers,
        index_url=index_url,
        wheel_source=wheel_source,
        verbose=verbose,
        name_map=user_map,
        license=license_expression,
        license_file=license_file,
    )
    generator = PypiGenerator(Fetcher(offline=offline, timeout=timeout), options)
    target = Target(output, to_stdout, force, recursive, jobs, on_conda_forge=exists_on_conda_forge)
    raise SystemExit(run_pipeline(generator, specs, target))
