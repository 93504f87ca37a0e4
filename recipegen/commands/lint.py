"""`recipegen lint PATH...`: the checks a conda-forge reviewer makes, with positions.

Top-level imports stay at click only so the command starts fast; the linter, the rules and
ruamel.yaml load inside the function.
"""

from __future__ import annotations

import click

SEVERITIES = ["error", "warning", "hint"]


@click.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for workflow annotations, sarif for code scanning.",
)
@click.option(
    "--conda-forge",
    "conda_forge",
    is_flag=True,
    help="Also run the conda-forge-only checks (as conda-smithy --conda-forge does).",
)
@click.option(
    "--select", "select", multiple=True, metavar="ID", help="Run only these rules (repeat or comma-separate)."
)
@click.option("--ignore", "ignore", multiple=True, metavar="ID", help="Skip these rules (repeat or comma-separate).")
@click.option(
    "--severity-threshold",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Lowest severity that fails the run (default: error; hints never fail).",
)
@click.option(
    "--license-policy",
    type=click.Path(path_type=str),
    default=None,
    help="TOML/YAML file with allow/deny lists of SPDX ids or families (see docs/lint.md).",
)
@click.option(
    "--artifact",
    "artifacts",
    multiple=True,
    type=click.Path(path_type=str),
    metavar="PKG",
    help="A built .conda/.tar.bz2 whose files are checked too (repeatable).",
)
@click.option("--fetch-sources", is_flag=True, help="Download sources to check license files (network).")
@click.option(
    "--online",
    is_flag=True,
    help="With --conda-forge: also the checks that ask GitHub (maintainers exist; GH_TOKEN or "
    "GITHUB_TOKEN used when set). Off by default so tests and offline CI never use the network.",
)
@click.option("--no-config", is_flag=True, help="Ignore recipegen.toml / pyproject.toml / conda-forge.yml.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Lint every file again instead of reusing the results cached for unchanged files "
    "(cache: $RECIPEGEN_CACHE_DIR/lint or ~/.cache/recipegen/lint; RECIPEGEN_NO_CACHE=1 also bypasses it).",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, help="Parallel processes (default: the number of CPUs)."
)
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal).")
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the mechanical fixes (text edits; comments and formatting kept) and report them; "
    "a fix is kept only when the recipe still parses and gains no new error. Then lint as usual.",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print what --fix would change as a diff on stdout and write nothing; the report (of the "
    "files as they are) goes to stderr and the exit status is the usual one.",
)
def command(
    paths: tuple[str, ...],
    fmt: str,
    conda_forge: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity_threshold: str | None,
    license_policy: str | None,
    artifacts: tuple[str, ...],
    fetch_sources: bool,
    online: bool,
    no_config: bool,
    no_cache: bool,
    jobs: int | None,
    color: bool | None,
    fix: bool,
    show_diff: bool,
) -> None:
    """Lint recipes (recipe.yaml and legacy meta.yaml) the way a conda-forge reviewer would.

    PATH is a recipe file, a recipe folder, a feedstock (its recipe/), or a staged-recipes
    checkout (every recipes/*/). Configuration: [tool.recipegen.lint] in pyproject.toml or a
    recipegen.toml above the recipe, conda-forge.yml's `linter: skip:`, and
    `# recipegen: ignore[rule-id]` on a line.

    Exit status: 0 nothing at or above the threshold, 1 problems, 2 unusable input, 3 internal
    error (a bug of recipegen; please report it).
    """
    import sys
    from pathlib import Path

    from recipegen.linters.api import LintRequest, lint_paths
    from recipegen.linters.cache import default_cache_dir
    from recipegen.problems import InputError, Severity
    from recipegen.reporters import sort_problems, write_report

    select_ids = _split_ids(select)
    ignore_ids = _split_ids(ignore)
    unknown = _unknown_ids((*select_ids, *ignore_ids))
    if unknown:
        click.echo(f"error: unknown rule id(s): {', '.join(unknown)} (see docs/rules.md for the list)", err=True)
        sys.exit(2)
    policy_path = None
    if license_policy:
        from recipegen.linters.policy import load_policy

        try:
            load_policy(license_policy)  # fail early, once, on a bad policy file
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        policy_path = Path(license_policy).resolve()
    request = LintRequest(
        select=select_ids,
        ignore=ignore_ids,
        severity_threshold=Severity(severity_threshold) if severity_threshold else None,
        license_policy=policy_path,
        conda_forge=conda_forge,
        fetch_sources=fetch_sources,
        artifacts=tuple(Path(a) for a in artifacts),
        use_config=not no_config,
        online=online,
        cache_dir=None if no_cache else default_cache_dir(),
    )
    if fix or show_diff:
        _apply_fixes(paths, request, write=not show_diff, report_to_stderr=fmt != "text" or show_diff)
    result = lint_paths(paths, request, jobs=jobs, progress=True)
    problems = sort_problems(result.problems)
    stream = sys.stderr if show_diff else sys.stdout  # with --diff, stdout is the diff alone
    if fmt == "text":
        checked = sum(1 for f in result.files if not f.unusable)
        write_report(problems, "text", color=color, files_checked=checked, stream=stream)
    elif fmt == "sarif":
        from recipegen.linters.registry import sarif_rules

        write_report(problems, "sarif", rules=sarif_rules(), stream=stream)
    else:
        write_report(problems, fmt, stream=stream)
    sys.exit(result.exit_code)


def _split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    ids: list[str] = []
    for value in values:
        ids.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(dict.fromkeys(ids))


def _unknown_ids(ids: tuple[str, ...]) -> list[str]:
    if not ids:
        return []
    from recipegen.linters.registry import known_ids

    known = known_ids()
    return sorted({i for i in ids if i not in known})


def _apply_fixes(paths: tuple[str, ...], request: object, write: bool, report_to_stderr: bool) -> None:
    """`--fix` / `--diff`: fix each recipe found under `paths`, report every fix tried."""
    from recipegen.discover import find_recipe_files
    from recipegen.linters.api import RECIPE_NAMES
    from recipegen.linters.fixing import fix_file
    from recipegen.problems import InputError
    from recipegen.textedit import unified_diff

    files = []
    for raw in paths:
        try:
            files.extend(find_recipe_files([raw], names=RECIPE_NAMES))
        except InputError:
            continue  # the lint run after the fixes reports it
    applied = refused = 0
    for file in dict.fromkeys(files):
        result = fix_file(file, request, write=write)
        for report in result.reports:
            p = report.problem
            where = f"{p.file}:{p.line}:{p.column}"
            if report.applied:
                applied += 1
                line = f"{where}: {'fixed' if write else 'would fix'} {p.rule_id}: {report.title}"
            else:
                refused += 1
                line = f"{where}: not fixed {p.rule_id}: {report.title} ({report.reason})"
            click.echo(line, err=report_to_stderr)
        if not write:
            for changed, (old, new) in result.changed.items():
                click.echo(unified_diff(old, new, str(changed)), nl=False)
    verb = "applied" if write else "possible"
    click.echo(f"{applied} fix(es) {verb}, {refused} refused", err=report_to_stderr)
