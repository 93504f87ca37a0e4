"""`recipegen update PATH...`: carry upstream's newest release into existing recipes."""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path
from typing import Any

import click

# what a release's version may look like (PEP 440, CRAN's `1.0-14`, a tag's `v1.2`): no blanks,
# no URL syntax; the index decides whether it exists
VERSION_TEXT = re.compile(r"(?:\d+!)?[A-Za-z0-9][A-Za-z0-9._+-]*")


@click.command("update")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="PATH...")
@click.option("--version", "version", metavar="V", help="Update to this release (default: the newest final one).")
@click.option("--check", is_flag=True, help="Change nothing; exit 1 when an update is available.")
@click.option("--dry-run", is_flag=True, help="Print the unified diff instead of writing.")
@click.option(
    "--deps",
    type=click.Choice(["apply", "hint", "off"]),
    default="apply",
    show_default=True,
    help="Upstream's requirement changes: apply those it is sure of (and report the rest), only report them, or skip.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
    help="text for people, json for bots, markdown for a PR body.",
)  # fmt: skip
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=4, show_default=True, help="Recipes updated at once.")
@click.option("--offline", is_flag=True, help="Use only the local download cache.")
@click.option("--index-url", metavar="URL", help="PyPI-compatible index (simple URL or JSON base).")
@click.option(
    "--license-policy",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Refuse an update whose new license the policy denies (same file as `lint --license-policy`).",
)
@click.option(
    "--registry", metavar="PATH|URL", help="Julia registry for julia-* recipes (default: the General registry)."
)
def command(
    paths: tuple[Path, ...],
    version: str | None,
    check: bool,
    dry_run: bool,
    deps: str,
    fmt: str,
    jobs: int,
    offline: bool,
    index_url: str | None,
    license_policy: Path | None,
    registry: str | None,
) -> None:
    """Update the recipes at PATH... to upstream's newest release.

    PATH is a recipe file (recipe.yaml or meta.yaml), a recipe folder, a feedstock, or a folder
    of feedstocks. Version, every source's sha256 and the build number are updated in place;
    upstream's requirement changes between the two releases are applied where the recipe has
    them, or reported. Nothing is written when the edited recipe would not parse, validate,
    lint or render.

    \b
    Exit codes: 0 done; 1 an update is available (--check), or a recipe failed or was not
    written; 2 bad arguments.
    """
    from recipegen.update.locate import find_recipes

    recipes, problems = find_recipes(list(paths))
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if not recipes:
        raise SystemExit(2)
    if version and len(recipes) > 1:
        raise click.UsageError("--version applies to one recipe; run once per recipe")
    if version is not None and not VERSION_TEXT.fullmatch(version.strip()):
        raise click.BadParameter(f"{version!r} is not a version", param_hint="'--version'")
    options = _options(version, check, dry_run, deps, license_policy)
    make_services = functools.partial(_services, offline, index_url, registry)
    progress = sys.stderr.isatty() and len(recipes) > 1
    results = run_updates([(path, options) for path in recipes], make_services, jobs, progress)
    _print(results, fmt, dry_run)
    raise SystemExit(_exit_code(results, check, bool(problems)))


def _options(version, check, dry_run, deps, license_policy):
    from recipegen.problems import InputError
    from recipegen.update.pipeline import Options

    policy = None
    if license_policy is not None:
        from recipegen.linters.policy import load_policy

        try:
            policy = load_policy(license_policy)
        except InputError as exc:
            raise click.BadParameter(f"{exc.file}: {exc.message}", param_hint="'--license-policy'") from None
    return Options(version=version, check=check, dry_run=dry_run, deps=deps, license_policy=policy)


def _services(offline: bool, index_url: str | None, registry: str | None):
    from recipegen.http import Fetcher
    from recipegen.update.resolve import Services

    return Services(Fetcher(offline=offline), index_url=index_url, registry_spec=registry)


PROCESSES_FROM = 8  # fewer recipes than this: threads (a process pool costs more than it saves)
_worker_services = None


def _in_worker(path: Path, options, make_services):
    """One update in a pool process, with services made once per process."""
    global _worker_services
    from recipegen.update.pipeline import update_recipe

    if _worker_services is None:
        _worker_services = make_services()
    return update_recipe(path, options, _worker_services)


def run_updates(work: list[tuple[Path, Any]], make_services: Any, jobs: int, progress: bool = False) -> list:
    """Update every (recipe, options), `jobs` at once: processes for many recipes (the checks are
    CPU-bound), threads for a few; results in the order given. `make_services` builds the shared
    Fetcher/index/registry (once per process)."""
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed

    from recipegen.update.pipeline import update_recipe
    from recipegen.update.report import STATUS_WORDS

    results: dict[int, object] = {}
    processes = jobs > 1 and len(work) >= PROCESSES_FROM
    pool = ProcessPoolExecutor(max_workers=jobs) if processes else ThreadPoolExecutor(max_workers=max(1, jobs))
    with pool:
        services: Any = None if processes else make_services()
        futures = {
            (
                pool.submit(_in_worker, path, options, make_services)
                if processes
                else pool.submit(update_recipe, path, options, services)
            ): number
            for number, (path, options) in enumerate(work)
        }
        for done, future in enumerate(as_completed(futures), 1):
            result = future.result()
            results[futures[future]] = result
            if progress:
                click.echo(f"[{done}/{len(work)}] {result.path}: {STATUS_WORDS[result.status]}", err=True)
    return [results[number] for number in range(len(work))]


def _print(results: list, fmt: str, dry_run: bool) -> None:
    from recipegen.update import report

    if fmt == "json":
        click.echo(report.json_report(results), nl=False)
    elif fmt == "markdown":
        click.echo("".join(report.markdown_report(r) for r in results), nl=False)
    else:
        for result in results:
            click.echo(report.text_report(result, show_diff=dry_run), nl=False)
    if len(results) > 1 or fmt != "text":
        click.echo(report.summary(results), err=True)


def _exit_code(results: list, check: bool, had_problems: bool) -> int:
    if check and any(r.status == "available" for r in results):
        return 1
    if had_problems or any(r.status in ("failed", "refused") for r in results):
        return 1
    return 0
