"""One recipe file → one `UpdateResult`: read, resolve upstream, edit, check, write.

Steps (each a plain function; network through `Services`, disk only in `read_recipe_file`
and `write_result`):

1. read the recipe (v0 rendered per platform, v1 as written) with positions;
2. find its upstream and the newest final release (or `--version`);
3. edit the version, re-render the sources with it, download every source whose URL changed
   and put in its new digest (PyPI's digest must match), set the build number to 0;
4. read upstream's requirements of the old and the new release, take their delta and turn it
   into edits and hints on the recipe (recipegen.update.apply);
5. check the edited text (parse, schema, lint, rattler-build) against the original: nothing is
   written when the edit would break something.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

from recipegen.textedit import LineIndex, TextEdit, apply_edits, unified_diff
from recipegen.update import edits
from recipegen.update.apply import Proposal, Settings, plan
from recipegen.update.model import Recipe, Refused, UpdateError, canonical
from recipegen.update.requirements import Change, delta, same_license
from recipegen.update.resolve import (
    Resolved,
    Services,
    fetch_errors,
    metadata,
    newer,
    python_floor,
    requirements,
    resolve,
)
from recipegen.update.sources import SourceUpdate


@dataclass
class Options:
    version: str | None = None
    check: bool = False  # only say whether an update exists
    dry_run: bool = False  # compute the diff, write nothing
    deps: str = "apply"  # apply | hint | off
    license_policy: Any = None  # recipegen.linters.policy.LicensePolicy
    verify: bool = True  # parse/validate/lint/render gate before writing


@dataclass
class UpdateResult:
    path: str
    status: str = ""  # updated, up-to-date, available, dry-run, refused, failed
    package: str = ""
    format: str = ""
    upstream: str = ""
    old_version: str = ""
    new_version: str = ""
    sources: list[SourceUpdate] = field(default_factory=list)
    build_numbers: list[str] = field(default_factory=list)  # old values reset to 0
    proposals: list[Proposal] = field(default_factory=list)
    license: tuple[str, str] | None = None  # (old, new) when upstream's license changed
    yanked: bool = False  # the new release is yanked upstream (PEP 592)
    deps_compared: bool = False  # upstream's requirements of both releases were compared
    backend: tuple[str, str] | None = None
    notes: list[str] = field(default_factory=list)
    error: str = ""
    diff: str = ""
    text: str = ""  # the edited recipe

    @property
    def changed(self) -> bool:
        return self.status in ("updated", "dry-run", "available")


def update_recipe(path: Path, options: Options, services: Services) -> UpdateResult:
    """Never raises: problems become `status = "failed"` with a one-line `error`."""
    result = UpdateResult(str(path))
    try:
        _update(path, options, services, result)
    except Refused as exc:
        result.status, result.error = "refused", " ".join(str(exc).split())
    except fetch_errors() as exc:
        result.status, result.error = "failed", " ".join(str(exc).split())
    except Exception as exc:  # a bug must not cost the other recipes their update
        where = exc.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        line = f" at {where.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{where.tb_lineno}" if where else ""
        result.status = "failed"
        result.error = f"internal error ({type(exc).__name__}: {' '.join(str(exc).split())}{line}); please report it"
    return result


def read_recipe_file(path: Path) -> tuple[str, str]:
    """(text, BOM) of a recipe file; the BOM is put back when writing."""
    from recipegen.problems import InputError
    from recipegen.yamlio import read_text

    try:
        text = read_text(path)
    except InputError as exc:
        raise UpdateError(f"{path}: {exc.message}") from None
    bom = "\ufeff" if path.read_bytes().startswith(b"\xef\xbb\xbf") else ""
    return text, bom


def read_recipe(path: Path, text: str, variant_files: list) -> Recipe:
    if not text.strip():
        raise UpdateError(f"{path}: the file is empty")
    if path.name == "meta.yaml":
        from recipegen.update.read_v0 import read_v0

        return read_v0(path, text)
    from recipegen.update.read_v1 import read_v1

    return read_v1(path, text, variant_files)


def _update(path: Path, options: Options, services: Services, result: UpdateResult) -> None:
    from recipegen.render import recipe_folder_variant_files

    text, bom = read_recipe_file(path)
    variant_files = recipe_folder_variant_files(path.parent)
    recipe = read_recipe(path, text, variant_files)
    result.package, result.format, result.old_version = recipe.name, recipe.format, recipe.version
    resolved = resolve(recipe, services, options.version)
    result.upstream = resolved.upstream.describe()
    target = _target_version(resolved, options, services)
    result.new_version = _recipe_spelling(recipe, resolved, target)
    if not newer(target, resolved.current):
        if target != resolved.current and options.version:
            raise UpdateError(f"--version {target} is not newer than the recipe's {resolved.current}")
        result.status = "up-to-date"
        return
    result.yanked = _yanked(resolved, target, services)
    if options.check:
        result.status = "available"
        return
    index = LineIndex(text)
    all_edits = [edits.version_edit(recipe, index, result.new_version)]
    all_edits += _source_edits(recipe, resolved, target, variant_files, services, result)
    all_edits += edits.build_number_edits(recipe, index)
    all_edits += _registry_edits(recipe, index, resolved, target)
    result.build_numbers = [s.value for s in recipe.build_numbers if s.value != "0"]
    all_edits += _dependency_edits(recipe, index, resolved, target, options, services, result)
    _license_gate(options, result)
    result.text = apply_edits(text, all_edits)
    if options.verify:
        _verify(path, recipe, text, result.text, variant_files)
    result.diff = unified_diff(text, result.text, _display(path))
    if options.dry_run:
        result.status = "dry-run"
        return
    write_result(path, bom + result.text)
    result.status = "updated"


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _target_version(resolved: Resolved, options: Options, services: Services) -> str:
    if not options.version:
        return resolved.newest
    wanted = options.version.strip().removeprefix("v") if resolved.upstream.kind != "cran" else options.version
    if resolved.upstream.kind == "pypi":
        try:
            Version(wanted)
        except InvalidVersion:
            raise UpdateError(f"--version {wanted}: not a PEP 440 version (PyPI's)") from None
        return services.pypi().release(resolved.upstream.name, wanted).version
    return wanted


def _yanked(resolved: Resolved, target: str, services: Services) -> bool:
    from recipegen.update.pypi import is_yanked

    return resolved.upstream.kind == "pypi" and is_yanked(services.pypi().release(resolved.upstream.name, target))


def _recipe_spelling(recipe: Recipe, resolved: Resolved, version: str) -> str:
    """Upstream's version as the recipe writes it (`-` → `_` when the recipe does so)."""
    if resolved.current != recipe.version and resolved.current.replace("-", "_") == recipe.version:
        return version.replace("-", "_")
    return version


def _registry_edits(recipe: Recipe, index: LineIndex, resolved: Resolved, target: str) -> list[TextEdit]:
    """`extra.julia` (written by `recipegen julia`): the version and the registered tree hash."""
    if resolved.upstream.kind != "julia" or resolved.package is None or target not in resolved.package.versions:
        return []
    found = []
    version = recipe.extra_spots.get("julia.version")
    if version is not None:
        found.append(edits.spot_edit(index, version, target, "extra.julia.version"))
    tree = recipe.extra_spots.get("julia.git-tree-sha1")
    if tree is not None:
        new_tree = resolved.package.versions[target].git_tree_sha1
        found += edits.digest_edits(recipe.text, tree.value, new_tree, "registered git-tree-sha1")
    return found


# --- sources ------------------------------------------------------------------------------------


def _source_edits(
    recipe: Recipe, resolved: Resolved, target: str, variant_files: list, services: Services, result: UpdateResult
) -> list[TextEdit]:
    """New URLs where they cannot follow the version, new digests of every source that does."""
    from recipegen.update.sources import Bump, source_edits

    index = LineIndex(recipe.text)
    files: dict[str, Any] = {}
    if resolved.upstream.kind == "pypi":
        release = services.pypi().release(resolved.upstream.name, target)
        files = {f.filename: f for f in release.files}
    version_edit = edits.version_edit(recipe, index, result.new_version)
    project = resolved.upstream.name if resolved.upstream.kind == "pypi" else ""
    bump = Bump(recipe, version_edit, recipe.version, result.new_version, files, variant_files, project)
    download = services.download
    if resolved.upstream.kind == "julia" and resolved.package is not None and target in resolved.package.versions:
        from recipegen.update.julia import verified_downloader

        download = verified_downloader(download, resolved.package, target)
    return source_edits(bump, download, result.sources, result.notes)


# --- dependencies -----------------------------------------------------------------------------


def _dependency_edits(
    recipe: Recipe,
    index: LineIndex,
    resolved: Resolved,
    target: str,
    options: Options,
    services: Services,
    result: UpdateResult,
) -> list[TextEdit]:
    from recipegen.condaforge import global_python_min
    from recipegen.generators.pypi.markers import supported_pythons

    noarch = any(o.noarch == "python" for o in recipe.outputs)
    try:
        before, after = metadata(resolved, resolved.current, services), metadata(resolved, target, services)
        pythons = supported_pythons(_marker_floor(recipe, noarch, python_floor(after)))
        old = requirements(resolved, before, services, pythons, compiled=not noarch)
        new = requirements(resolved, after, services, pythons, compiled=not noarch)
    except fetch_errors() as exc:
        result.notes.append(f"{_unread(options)}: {' '.join(str(exc).split())}")
        return []
    if old is None or new is None:
        result.notes.append(f"{_unread(options)}: {resolved.upstream.describe()} publishes no metadata")
        return []
    changes = delta(old, new)
    _report_changes(changes, result)
    if result.license and same_license(recipe.license, result.license[1]):
        result.notes.append(f"upstream's license metadata now says {result.license[1]}, as the recipe does")
        result.license = None
    if options.deps == "off":  # the license is compared all the same
        result.notes.append("dependencies not compared (--deps off)")
        return []
    result.deps_compared = True
    settings = Settings(options.deps, global_python_min(), pythons)
    result.proposals = plan(recipe, index, old, new, changes, resolved.upstream.name, settings)
    applied = [p for p in result.proposals if p.applied and p.edit is not None]
    # items added at one place go in name order (apply_edits keeps the given order there)
    applied.sort(key=lambda p: (p.edit.start, p.edit.end, canonical(p.name) if p.kind == "add" else ""))  # type: ignore[union-attr]
    return [p.edit for p in applied if p.edit is not None]


def _unread(options: Options) -> str:
    return "license not compared" if options.deps == "off" else "dependencies not compared"


def _marker_floor(recipe: Recipe, noarch: bool, upstream_floor: str) -> str:
    """The oldest Python the recipe builds for, which upstream's markers are evaluated from: a
    noarch recipe's own `python >=X` (raised to upstream's new floor), else its `python_min`,
    else conda-forge's."""
    from recipegen.condaforge import global_python_min
    from recipegen.update.constraints import lower_bound, version_key

    if not noarch:
        return global_python_min()
    explicit = [
        lower_bound(e.constraint)
        for e in recipe.entries("run")
        if e.key == "python" and e.constraint and not e.templated
    ]
    found = [v for v in explicit if v is not None]
    if not found:
        return recipe.python_min.value if recipe.python_min else global_python_min()
    floor = min(found)
    if upstream_floor and version_key(upstream_floor) > floor:
        return upstream_floor
    return ".".join(str(p) for p in floor.release[:2])


def _report_changes(changes: list[Change], result: UpdateResult) -> None:
    for change in changes:
        if change.kind == "license":
            result.license = (change.old_text, change.new_text)
        elif change.kind == "backend":
            result.backend = (change.old_text, change.new_text)


def _license_gate(options: Options, result: UpdateResult) -> None:
    if options.license_policy is None or result.license is None:
        return
    verdict = options.license_policy.evaluate(result.license[1])
    if not verdict.allowed:
        raise Refused(f"{result.new_version}'s license {result.license[1]} is refused: {verdict.reason}")


def _verify(path: Path, recipe: Recipe, before: str, after: str, variant_files: list) -> None:
    from recipegen.update.checks import check_state, new_problems

    edited = check_state(after, path, recipe.format, variant_files)
    if not (edited.unusable or edited.schema or edited.lint or edited.render):
        return  # nothing at all: no need to look at the original
    problem = new_problems(check_state(before, path, recipe.format, variant_files), edited)
    if problem:
        raise Refused(f"nothing written: {problem}")


def write_result(path: Path, text: str) -> None:
    from recipegen.writing import write_atomically

    write_atomically(path, text, force=True)
