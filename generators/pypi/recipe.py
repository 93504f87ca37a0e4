"""Upstream facts → a v1 recipe (recipegen.recipe model), following generator-conventions.md.

noarch python per CFEP-25 (host `python ${{ python_min }}.*`, run `python >=${{ python_min }}`,
tests on `python_min` and the newest Python; `context.python_min` only above the global
floor); compiled packages get their compilers with `stdlib('c')`, unpinned python and the
build-time Python inputs in host (and in build for cross-compiling). Which requirements and how
they are written: requirements.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from recipegen.generators.pypi.deps import Dependency
from recipegen.generators.pypi.index import ReleaseFile
from recipegen.generators.pypi.layout import Build as BuildFacts
from recipegen.generators.pypi.license_info import LicenseDecision
from recipegen.generators.pypi.markers import conda_forge_yml, noarch_variants, supported_pythons
from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.names import NameMapper
from recipegen.generators.pypi.native import NativeLibraries
from recipegen.generators.pypi.requirements import (
    DepContext,
    collect_requirements,
    host_and_build,
    is_dev_extra,
    noarch_memberships,
    noarch_unavailable,
    normalize_extra,
    platform_limited,
    render_dependencies,
)
from recipegen.generators.pypi.runtime_libraries import RuntimeNeeds

from recipegen.endpoints import endpoint
from recipegen.recipe import (
    About,
    Build,
    Commented,
    If,
    Item,
    Output,
    PythonTest,
    Recipe,
    Req,
    Requirements,
    ScriptTest,
    Source,
    Test,
    extra_output,
    maintainers,
    multi_output,
    names_of,
    pin_subpackage,
)

PIP_SCRIPT = "${{ PYTHON }} -m pip install . -vv --no-deps --no-build-isolation"

URL_KEYS = {
    "homepage": ("homepage", "home", "home-page", "website", "web", "main", "project", "url"),
    "repository": (
        "repository",
        "source",
        "source-code",
        "sourcecode",
        "code",
        "github",
        "gitlab",
        "git",
        "repo",
        "source-repository",
    ),
    "documentation": (
        "documentation",
        "docs",
        "doc",
        "readthedocs",
        "read-the-docs",
        "api-reference",
        "documentation-url",
    ),
}


@dataclass
class Facts:
    """Everything the recipe is built from, already fetched and read."""

    meta: UpstreamMetadata
    pypi_name: str  # canonical PyPI name
    conda_name: str
    conda_name_source: str
    version: str
    sdist_filename: str
    sha256: str
    build: BuildFacts
    imports: list[str]
    license: LicenseDecision
    global_python_min: str
    extras_mode: str = "split"  # split | none | all | names
    extras_selected: tuple[str, ...] = ()
    maintainers: tuple[str, ...] = ()
    source_path: str = ""  # a local project folder (source.path) instead of the PyPI URL
    extra_sources: list[dict[str, Any]] = field(default_factory=list)  # e.g. a license file from GitHub
    stubs: list[str] = field(default_factory=list)  # PEP 561 `<module>-stubs` folders (nothing to import)
    native: NativeLibraries = field(default_factory=NativeLibraries)  # C libraries the extensions link
    runtime: RuntimeNeeds = field(default_factory=lambda: RuntimeNeeds([], []))  # libraries loaded with ctypes/cffi
    own_modules: set[str] = field(default_factory=set)  # every top-level module the package installs
    # console script -> external modules its import needs (None: its sources were not read)
    script_needs: dict[str, frozenset[str] | None] = field(default_factory=dict)
    # module a console script needs -> the run requirement that requires its distribution
    indirect_modules: dict[str, str] = field(default_factory=dict)
    wheel_source: ReleaseFile | None = None  # a pure wheel is the source (no sdist on the index)
    license_files: dict[str, str] = field(default_factory=dict)  # --license-file copied next to recipe.yaml
    later_notes: list[str] = field(default_factory=list)  # the generator's notes, said after the recipe's


# Small pieces ----------------------------------------------------------------------------------
def source_url(facts: Facts) -> str:
    """The canonical PyPI sdist URL with templated name and version (conventions §2.4)."""
    base = endpoint("RECIPEGEN_PYPI_FILES_URL")
    templated = f"{facts.pypi_name.replace('-', '_')}-{facts.version}"
    filename = facts.sdist_filename
    suffix = filename[len(filename.rsplit("-", 1)[0]) + 1 + len(facts.version) :] if facts.version in filename else ""
    if filename == templated + suffix and suffix:
        tail = "${{ name | replace('-', '_') }}-${{ version }}" + suffix
    elif f"-{facts.version}" in filename:
        tail = filename.replace(f"-{facts.version}", "-${{ version }}", 1)
    else:
        tail = filename
    return f"{base}/${{{{ name[0] }}}}/${{{{ name }}}}/{tail}"


FORGE_REPOSITORY = re.compile(r"(https?://(?:www\.)?(?:github\.com|bitbucket\.org|codeberg\.org)/[^/#?]+/[^/#?]+)")


def forge_repository(url: str) -> str:
    """The repository a code forge URL points into (a changelog's `/blob/main/CHANGES.md` or an
    issue tracker gives its repository), or '' for other URLs."""
    found = FORGE_REPOSITORY.match(url)
    if found:
        return found.group(1).removesuffix(".git")
    if re.match(r"https?://(?:www\.)?gitlab\.com/[^/#?]+/[^#?]+", url):
        return url.split("/-/")[0].split("#")[0].split("?")[0].rstrip("/").removesuffix(".git")
    return ""


def project_urls(meta: UpstreamMetadata, pypi_name: str) -> dict[str, str]:
    found: dict[str, str] = {}
    normalized = {
        "".join(ch for ch in label.lower().replace(" ", "-").replace("_", "-") if ch.isalnum() or ch == "-"): url
        for label, url in meta.project_urls.items()
    }
    for key, labels in URL_KEYS.items():
        for label in labels:
            url = normalized.get(label)
            if url and url.startswith(("http://", "https://")):
                found[key] = url
                break
    home = meta.home_page if meta.home_page.startswith(("http://", "https://")) else ""
    if "homepage" not in found and home:
        found["homepage"] = home
    if "repository" not in found:
        for url in [home, *meta.project_urls.values()]:
            root = forge_repository(url) if url else ""
            if root:
                found["repository"] = root
                break
    if "homepage" not in found:
        found["homepage"] = found.get("repository") or f"https://pypi.org/project/{pypi_name}/"
    return found


# The recipe ------------------------------------------------------------------------------------
@dataclass
class _Draft:
    """What the parts of build_recipe share while the recipe is put together."""

    facts: Facts
    mapper: NameMapper
    ctx: DepContext
    noarch: bool
    floor: str
    upper: str
    raise_floor: bool
    base_deps: list[Dependency]
    extra_deps: dict[str, tuple[list[Dependency], list[str]]]
    extra_files: dict[str, str] = field(default_factory=dict)

    @property
    def notes(self) -> list[str]:
        return self.ctx.notes


def build_recipe(facts: Facts, mapper: NameMapper) -> Recipe:
    """The recipe: one output, `<name>-with-<extra>` outputs (--extras split) or CEP 44
    `requirements.extras` (--extras groups)."""
    from recipegen.generators.pypi.deps import python_constraint

    noarch = not facts.build.compiled
    floor, upper = python_constraint(facts.meta.requires_python)
    raise_floor = bool(floor) and _minor(floor) > _minor(facts.global_python_min)
    pythons = supported_pythons(floor if raise_floor else facts.global_python_min)
    ctx = DepContext(mapper, pythons, noarch, list(facts.build.notes), facts.pypi_name)
    extras = list(dict.fromkeys(normalize_extra(e) for e in facts.meta.provides_extra))
    extra_deps = collect_requirements(facts.meta, extras, ctx)
    base_deps = extra_deps.pop("")[0]
    draft = _Draft(facts, mapper, ctx, noarch, floor, upper, raise_floor, base_deps, extra_deps)
    wanted_outputs, groups = _choose_extras(draft, extras)
    if noarch:  # OS-specific dependencies: one noarch build per OS group (conda-forge.yml)
        _noarch_variants(draft, [*wanted_outputs, *groups])
    requirements = _requirements(draft)
    draft.notes.extend(_unknown_to_conda_forge(requirements, facts.conda_name))
    build = _build_section(draft)
    tests = _tests(facts, noarch, upper, [d.pypi for d in draft.base_deps], draft.notes)
    about = _about(facts, draft.notes)
    dependencies = [(d.pypi, d.conda) for d in draft.base_deps]
    if groups:
        requirements.extras = _extras_groups(draft, groups, requirements)
        dependencies += [(d.pypi, d.conda) for e in groups for d in draft.extra_deps[e][0]]
    head: dict[str, Any] = {
        "folder": facts.conda_name,
        "context": _context(draft),
        "source": _source(facts, draft.notes),
        "about": about,
        "needs_v3": bool(groups),
    }
    if facts.wheel_source is not None:
        head["source"] = [_use_wheel_source(facts, build, requirements)]
    if not wanted_outputs:
        package_name = "${{ name }}" if facts.conda_name == facts.pypi_name else facts.conda_name
        recipe = Recipe(
            name=package_name,
            build=build,
            requirements=requirements,
            tests=tests,
            extra=maintainers(facts.maintainers),
            **head,
        )
        recipe.comment("build", above=_build_explained(facts.build))
    else:
        first = Output(facts.conda_name, build=build, requirements=requirements, tests=tests)
        first.comment("build", above=_build_explained(facts.build))
        build.number = None
        outputs = [first, *_extra_outputs_for(draft, wanted_outputs, dependencies)]
        for output in outputs[1:]:
            draft.notes.extend(_unknown_to_conda_forge(output.requirements, facts.conda_name, output.name))
        recipe = multi_output(facts.conda_name, outputs, extra=maintainers(facts.maintainers), **head)
    recipe.notes, recipe.extra_files = draft.notes, draft.extra_files
    recipe.dependencies = list(dict.fromkeys(dependencies))
    _license_files(recipe, facts)
    return recipe


def _license_files(recipe: Recipe, facts: Facts) -> None:
    """A --license-file that is not in the source goes next to recipe.yaml; then the notes of a
    wheel source and the generator's own."""
    if facts.license_files:
        recipe.extra_files.update(facts.license_files)
        recipe.notes.append(
            f"license_file {', '.join(facts.license_files)} is not in the sdist: it goes next to recipe.yaml "
            "(rattler-build reads license files from the recipe folder too)"
        )
    if facts.wheel_source is not None:
        recipe.notes.append("source is a pure wheel (no sdist on the index): conda-forge discourages this (R-029)")
    recipe.notes += facts.later_notes


def _use_wheel_source(facts: Facts, build: Build, requirements: Requirements) -> Source:
    """A pure wheel as the source: pip installs it, its .dist-info (with the license files) is
    unpacked next to it; host needs only python and pip."""
    wheel = facts.wheel_source
    assert wheel is not None
    base = endpoint("RECIPEGEN_PYPI_FILES_URL").rsplit("/source", 1)[0]
    filename = wheel.filename.replace(f"-{facts.version}-", "-${{ version }}-", 1)
    python_tag = wheel.filename[:-4].split("-")[-3]
    build.script = [
        "${{ PYTHON }} -m pip install " + filename + " -vv --no-deps --no-build-isolation",
        Commented("${{ PYTHON }} -m zipfile -e " + filename + " .", "license_file is in the wheel's .dist-info"),
    ]
    requirements.host = [h for h in requirements.host if isinstance(h, str) and h.split(" ")[0] in {"python", "pip"}]
    return Source(
        url=f"{base}/{python_tag}/${{{{ name[0] }}}}/${{{{ name }}}}/{filename}",
        sha256=wheel.sha256,
        file_name=filename,
    )


def _choose_extras(draft: _Draft, extras: list[str]) -> tuple[list[str], list[str]]:
    """Which extras become `-with-` outputs (split) or CEP 44 groups (groups); for `all` and
    NAME... their dependencies join the base run requirements here."""
    facts, extra_deps, mode = draft.facts, draft.extra_deps, draft.facts.extras_mode
    merged: list[str] = []
    chosen: list[str] = []
    if mode in ("split", "groups"):
        noarch = draft.noarch

        def usable(d: Dependency) -> bool:  # a noarch recipe gets OS variants; a compiled one cannot
            return not noarch_unavailable(d) if noarch else d.applies.always or not platform_limited(d)

        dev = [e for e in extras if is_dev_extra(e, [d.pypi for d in extra_deps[e][0]])]
        chosen = [e for e in extras if e not in dev and (extra_deps[e][1] or any(usable(d) for d in extra_deps[e][0]))]
        # twine's `keyring` extra repeats a base requirement: an output would install nothing more
        repeated = [e for e in chosen if mode == "split" and _in_base_run(extra_deps[e], draft.base_deps)]
        chosen = [e for e in chosen if e not in repeated]
        for extra in repeated:
            draft.notes.append(
                f"extra {extra!r}: its dependencies are all run requirements of {facts.conda_name} already; "
                "no output of its own"
            )
        skipped = dev
        if skipped:
            what = "outputs" if mode == "split" else "groups"
            draft.notes.append(f"extras not turned into {what} (development/test/docs groups): {', '.join(skipped)}")
    elif mode == "all":
        merged = [e for e in extras if not is_dev_extra(e, [d.pypi for d in extra_deps[e][0]])]
    elif mode == "names":
        unknown = [e for e in facts.extras_selected if normalize_extra(e) not in extras]
        if unknown:
            from recipegen.generate import GenerationError

            raise GenerationError(
                f"{facts.pypi_name}: no extra named {', '.join(unknown)} (extras: {', '.join(extras) or 'none'})"
            )
        merged = [normalize_extra(e) for e in facts.extras_selected]
    for extra in _expand_self(merged, extra_deps):
        draft.base_deps += [d for d in extra_deps[extra][0] if d.conda not in {b.conda for b in draft.base_deps}]
    return (chosen, []) if mode == "split" else ([], chosen)


def _noarch_variants(draft: _Draft, extras: list[str]) -> None:
    """OS builds (conda-forge.yml noarch_platforms) for the OS-specific run dependencies. An
    extra's OS-specific dependency that installs everywhere (pydantic[timezone]'s tzdata on
    Windows) does not make the whole recipe build per OS: its `-with-` output lists it plainly
    (with a note), as a noarch recipe does for Python-version markers; a platform-only package
    (pywin32) still does."""
    memberships = noarch_memberships(draft.base_deps)
    for extra in extras:
        memberships += noarch_memberships([d for d in draft.extra_deps[extra][0] if platform_limited(d)])
    draft.ctx.variants = noarch_variants(memberships)
    if draft.ctx.variants:
        draft.extra_files["conda-forge.yml"] = conda_forge_yml(draft.ctx.variants)
        draft.notes.append(
            "OS-specific run dependencies: conda-forge.yml sets noarch_platforms "
            f"({', '.join(v.platform for v in draft.ctx.variants)}); write it next to recipe.yaml"
        )


def _requirements(draft: _Draft) -> Requirements:
    facts, build, noarch = draft.facts, draft.facts.build, draft.noarch
    run_python = "python >=${{ python_min }}" if noarch else "python"
    if noarch and draft.upper:
        run_python += "," + draft.upper
    elif not noarch and draft.upper:
        draft.notes.append(f"upstream caps Python ({draft.upper}); add a skip for newer Pythons if needed")
    cffi_needed = build.compiled and build.cffi and facts.pypi_name != "cffi"
    if cffi_needed and not any(d.conda == "cffi" for d in draft.base_deps):
        # a cffi-built extension imports `_cffi_backend` when it runs (API and ABI mode alike)
        draft.base_deps.append(Dependency("cffi", "cffi"))
        draft.notes.append("the extension is built with cffi, which it imports at run time: cffi added to run")
    run_items = render_dependencies(draft.base_deps, draft.ctx)
    run_items += _runtime_libraries(facts, names_of(run_items), draft.notes)
    needed = [e for e in facts.meta.build_needs_extras if e in draft.extra_deps]
    build_time = draft.base_deps + [d for e in needed for d in draft.extra_deps[e][0]]
    host, build_reqs = host_and_build(facts, draft.mapper, draft.notes, build_time)
    return Requirements(build=build_reqs, host=host, run=[run_python, *run_items])


def _runtime_libraries(facts: Facts, present: list[str], notes: list[str]) -> list[Item]:
    """Shared libraries the package's modules load with ctypes/cffi (psycopg's libpq): run."""
    notes += facts.runtime.notes
    return [
        Req(package, f"loaded at run time ({where})")
        for package, where in facts.runtime.run
        if package not in present and package != facts.conda_name
    ]


def _context(draft: _Draft) -> dict[str, Any]:
    facts = draft.facts
    context: dict[str, Any] = {"name": facts.pypi_name, "version": facts.version}
    if draft.raise_floor and draft.noarch:
        context["python_min"] = draft.floor
    if facts.conda_name != facts.pypi_name and facts.conda_name_source:
        draft.notes.append(f"package name {facts.conda_name} (PyPI {facts.pypi_name}, from {facts.conda_name_source})")
    return context


def _unknown_to_conda_forge(requirements: Requirements | None, own: str, output: str = "") -> list[str]:
    """A note for each host or run package that conda-forge's name snapshot
    (recipegen/data/conda-forge-names.txt.gz) lacks: the recipe (or the `output`) cannot be solved
    until it has a recipe of its own (virtualenv's build requirement `python-sbom`, reuse's
    `file-magic` extra)."""
    from recipegen.condaforge import exists_on_conda_forge

    notes = []
    where = f" of output {output}" if output else ""
    for section in ("host", "run"):
        for name in dict.fromkeys(names_of(getattr(requirements, section, None) or [])):
            if name != own and not name.startswith(("__", "$")) and not exists_on_conda_forge(name):
                notes.append(
                    f"{section} requirement {name}{where} is not in conda-forge's package list (recipegen's snapshot):"
                    " it needs a recipe of its own first (recipegen pypi NAME, or --recursive)"
                )
    return notes


def _build_section(draft: _Draft) -> Build:
    facts, build, meta = draft.facts, draft.facts.build, draft.facts.meta
    entry_points = {**meta.console_scripts, **meta.gui_scripts}
    scripts = {k: v.split("[")[0].strip() for k, v in entry_points.items() if not _python_versioned(k)}
    versioned = [k for k in entry_points if _python_versioned(k)]
    if versioned:
        draft.notes.append(f"left out entry points named after the Python that built the sdist: {', '.join(versioned)}")
    section = Build(entry_points=[f"{k} = {v}" for k, v in scripts.items()])
    if draft.noarch:
        section.noarch = "python"
    elif draft.raise_floor:
        section.skip = f'match(python, "<{draft.floor}")'
    pip: Any = PIP_SCRIPT
    options = facts.native.build_options if build.compiled else []
    if options:  # setup.py options that link the system library (zstandard's --system-zstd)
        settings = " ".join(f"--config-settings=--build-option={option}" for option in options)
        pip = Commented(f"{PIP_SCRIPT} {settings}", "link the system library in host, not the bundled copy")
    script: Any = pip
    if "rust" in build.compilers and build.crate_dir:  # cargo finds the crate from its own folder
        depth = "/".join([".."] * (build.crate_dir.count("/") + 1))
        bundle = f"cargo-bundle-licenses --format yaml --output {depth}/THIRDPARTY.yml"
        script = [f"cd {build.crate_dir}", bundle, f"cd {depth}", pip]
    elif "rust" in build.compilers:
        script = ["cargo-bundle-licenses --format yaml --output THIRDPARTY.yml", pip]
    # opt-in extensions (mypy's MYPY_USE_MYPYC=1) and switches that link the system libraries in
    # host instead of bundled copies (xxhash's XXHASH_LINK_SO=1)
    native_env = facts.native.env if build.compiled else {}
    if build.script_env or native_env:
        why = "link the system library in host, not the bundled copy"
        env = {**build.script_env, **{k: Commented(v, why) for k, v in native_env.items()}}
        script = {"env": env, "content": script}
    section.script = script
    return section


def _source(facts: Facts, notes: list[str]) -> list[Source]:
    source = Source(path=facts.source_path) if facts.source_path else Source(url=source_url(facts), sha256=facts.sha256)
    if not facts.extra_sources:
        return [source]
    notes.append(
        "the sdist has no license file: added the repository's "
        f"{facts.extra_sources[0].get('file_name')} at the release tag as a second source"
    )
    return [source, *(Source(**extra) for extra in facts.extra_sources)]


def _extra_outputs_for(draft: _Draft, wanted: list[str], dependencies: list[tuple[str, str]]) -> list[Output]:
    """One `<name>-with-<extra>` output per extra (conventions §3.5)."""
    facts = draft.facts
    outputs: list[Output] = []
    alias = _same_extras(draft, wanted)
    for extra in wanted:
        deps, self_extras = draft.extra_deps[extra]
        if alias[extra] != extra:  # fsspec's gs = gcs, ssh = sftp: one package under two names
            draft.notes.append(f"extra {extra!r} has the same dependencies as {alias[extra]!r}: no output of its own")
            continue
        # In a compiled recipe (built per platform and Python anyway) an extra whose dependencies
        # differ by OS or Python is a per-platform output with `if:` selectors (asyncpg[gssauth]:
        # gssapi on unix, sspilib on Windows; fastavro[zstandard]: backports.zstd, which has no
        # Python 3.14 build, below 3.14); otherwise it is noarch: generic.
        per_platform = not draft.noarch and any(
            d.applies.platform_dependent or d.applies.python_dependent for d in deps
        )
        extra_ctx = DepContext(
            draft.mapper, draft.ctx.pythons, not per_platform, draft.notes, facts.pypi_name, draft.ctx.variants
        )
        items = render_dependencies(deps, extra_ctx)
        pins = [pin_subpackage(facts.conda_name, exact=True)]
        pins += [
            pin_subpackage(f"{facts.conda_name}-with-{e}", exact=True)
            for e in dict.fromkeys(alias.get(e, e) for e in self_extras)
            if e in wanted and e != extra
        ]
        virtuals = [v.virtual for v in draft.ctx.variants]
        if all(isinstance(i, If) and i.then in virtuals for i in items) and len(pins) == 1:
            draft.notes.append(f"extra {extra!r}: none of its dependencies fits a noarch output; no output made")
            continue
        tests = _extra_tests(extra_imports(facts, extra, deps))
        tests += _extra_script_tests(
            facts, extra, [d.pypi for d in draft.base_deps], [d.pypi for d in deps], draft.noarch
        )
        output = extra_output(facts.conda_name, extra, [*pins, *items], tests, noarch=not per_platform)
        if per_platform and draft.raise_floor and any(d.applies.python_dependent for d in deps):
            # built per Python like the package it pins: not for the Pythons the package skips
            output.build = Build(number=None, skip=f'match(python, "<{draft.floor}")')
        outputs.append(output)
        dependencies += [(d.pypi, d.conda) for d in deps]
    if outputs:
        outputs[0].above = "pip extras as outputs: `<name>-with-<extra>` (conda-forge's optional-dependencies how-to)"
    return outputs


def _in_base_run(extra_deps: tuple[list[Dependency], list[str]], base: list[Dependency]) -> bool:
    """Every dependency of the extra is a base run requirement with the same constraint, needed everywhere."""
    deps, self_extras = extra_deps
    everywhere = {(b.conda, b.spec, b.extras) for b in base if b.applies.always}
    return bool(deps) and not self_extras and all((d.conda, d.spec, d.extras) in everywhere for d in deps)


def _same_extras(draft: _Draft, wanted: list[str]) -> dict[str, str]:
    """Each wanted extra -> the first wanted extra with exactly its dependencies (itself if none)."""
    first: dict[tuple, str] = {}
    alias: dict[str, str] = {}
    for extra in wanted:
        deps, self_extras = draft.extra_deps[extra]
        key = (tuple(sorted((d.conda, d.spec, d.marker) for d in deps)), tuple(sorted(self_extras)))
        alias[extra] = first.setdefault(key, extra) if deps or self_extras else extra
    return alias


def _extras_groups(draft: _Draft, groups: list[str], requirements: Requirements) -> dict[str, list[Item]]:
    """CEP 44 optional dependency groups (`requirements.extras`): per extra its dependencies
    (those of the package's own extras it names included), as `pkg[extras=[name]]` selects them.
    OS-specific items keep their `if:` blocks; the virtual packages of noarch OS builds stay in run."""
    found: dict[str, list[Item]] = {}
    virtuals = {v.virtual for v in draft.ctx.variants}
    for extra in groups:
        deps: list[Dependency] = []
        for name in _expand_self([extra], draft.extra_deps):
            deps += [d for d in draft.extra_deps[name][0] if d.conda not in {x.conda for x in deps}]
        kept = [_without(item, virtuals) for item in render_dependencies(deps, draft.ctx)]
        if any(item is not None for item in kept):
            found[extra] = [item for item in kept if item is not None]
    if found:
        requirements.comment(
            "extras",
            above="CEP 44 optional dependency groups: `conda install 'pkg[extras=[name]]'`; needs a v3-capable "
            "builder (rattler-build --v3)",
        )
    draft.notes.append(
        "extras written as CEP 44 requirements.extras: the recipe needs a builder with v3 support "
        "(rattler-build --v3); conda-forge's pipeline does not build such recipes yet"
    )
    return found


def _without(item: Item, virtuals: set[str]) -> Item:
    """A run item without the virtual packages of noarch OS builds (None when nothing is left);
    the items left keep their comments."""
    if not isinstance(item, If):
        return None if isinstance(item, str) and item in virtuals else item
    then = item.then if isinstance(item.then, list) else [item.then]
    then = [t for t in then if not (isinstance(t, str) and t in virtuals)]
    if not then:
        return None
    return If(item.condition, then if len(then) > 1 else then[0], comment=item.comment)


@lru_cache(maxsize=1)
def _import_names() -> dict[str, str]:
    text = resources.files("recipegen.generators.pypi").joinpath("data/import-names.json").read_text()
    return {k: v for k, v in json.loads(text).items() if not k.startswith("//")}


def extra_imports(facts: Facts, extra: str, deps: list[Dependency]) -> list[str]:
    """What a `-with-<extra>` output imports: a module only the extra makes importable, when known.

    1. the package's own module behind an entry point declared for the extra (black's `blackd`);
    2. else the module of the extra's first dependency (needed everywhere) whose module is known
       from the shipped table (requests[socks] → `socks`);
    3. else the package itself.
    """
    base = facts.imports[:1]  # nothing importable (a meta-package): the extra is tested with pip check
    for target in {**facts.meta.console_scripts, **facts.meta.gui_scripts}.values():
        module, _, rest = target.partition(":")
        wanted = {normalize_extra(e) for e in rest.partition("[")[2].rstrip("]").split(",") if e.strip()}
        module = module.strip()
        if extra in wanted and module and module.split(".")[0] not in {b.split(".")[0] for b in base}:
            return [module]
    names = _import_names()
    for dep in deps:
        if dep.applies.always and dep.pypi in names:
            return [names[dep.pypi]]
    return base


def _extra_script_tests(facts: Facts, extra_name: str, base: list[str], extra: list[str], noarch: bool) -> list[Test]:
    """`NAME --help` in a `-with-<extra>` output for each console script the base output cannot
    run and the extra's dependencies make runnable (httpx's `httpx` with httpx[cli]), and for
    each entry point declared for this extra (watchdog's `watchmedo = ...:main [watchmedo]`)."""
    from recipegen.generators.pypi.scripts import missing_modules

    scripts = []
    for name, target in facts.meta.console_scripts.items():
        needed = facts.script_needs.get(name)
        if _python_versioned(name):
            continue
        if "[" in target:
            declared = {normalize_extra(e) for e in target.partition("[")[2].rstrip("] ").split(",") if e.strip()}
            if extra_name in declared and not (needed and missing_modules(needed, facts.own_modules, [*base, *extra])):
                scripts.append(name)
            continue
        if not needed:
            continue
        needed = frozenset(needed - facts.indirect_modules.keys())  # brought by a run requirement
        if missing_modules(needed, facts.own_modules, base) and not missing_modules(
            needed, facts.own_modules, [*base, *extra]
        ):
            scripts.append(name)
    if not scripts:
        return []
    return [
        ScriptTest(script=[f"{name} --help" for name in scripts], run=["python ${{ python_min }}.*"] if noarch else [])
    ]


def _extra_tests(imports: list[str]) -> list[Test]:
    if not imports:  # nothing importable we know of (stubs, a meta-package): pip check only
        return [ScriptTest(script=["pip check"], run=["pip"])]
    return [PythonTest(imports=imports)]


def _python_versioned(script: str) -> bool:
    """`coverage-3.11`: a script name setup.py derived from the Python that built the sdist."""
    return re.search(r"-?3\.\d+$", script) is not None


def _build_explained(build: BuildFacts) -> str:
    """Why the recipe is compiled (or a note of the build check), for a comment above `build`."""
    if build.compiled and build.reasons:
        where = f" (on {', '.join(build.compiler_oses)} only: the other wheels hold no extension)"
        return "compiled: " + ", ".join(dict.fromkeys(build.reasons)) + (where if build.compiler_oses else "")
    return build.notes[0] if build.notes else ""


def _expand_self(names: list[str], extra_deps: dict[str, tuple[list, list[str]]]) -> list[str]:
    out: list[str] = []
    stack = list(names)
    while stack:
        name = stack.pop(0)
        if name in out or name not in extra_deps:
            continue
        out.append(name)
        stack += extra_deps[name][1]
    return out


def _tests(facts: Facts, noarch: bool, upper: str, run_names: list[str], notes: list[str]) -> list[Test]:
    if not facts.imports:
        # Stubs only, or a meta-package whose wheel holds no module (apache-airflow,
        # python-Levenshtein): nothing to import, and a guessed module name would fail the
        # build; `pip check` still proves it installs cleanly.
        python = ["python ${{ python_min }}.*"] if noarch else ["python"]
        tests: list[Test] = [ScriptTest(script=["pip check"], run=[*python, "pip"])]
        return tests + _script_tests(facts, noarch, run_names, notes)
    python_version = ["${{ python_min }}.*"] + ([] if upper else ["*"]) if noarch else []
    return [
        PythonTest(imports=facts.imports, python_version=python_version),
        *_script_tests(facts, noarch, run_names, notes),
    ]


def _script_tests(facts: Facts, noarch: bool, run_names: list[str], notes: list[str]) -> list[Test]:
    """`NAME --help` for each console script that can run with the run requirements.

    Entry points that need an extra (`module:func [extra]`) are left out, and so are those
    whose module imports something neither the package nor its run requirements provide
    (jupyterlab's `jupyter-labhub` needs jupyterhub), each with a note. A module a run
    requirement brings with its own requirements counts (nbconvert: jupyter_client via nbclient).
    """
    from recipegen.generators.pypi.scripts import missing_modules

    console = []
    for name, target in facts.meta.console_scripts.items():
        if "[" in target or _python_versioned(name):
            continue
        needed = facts.script_needs.get(name)
        missing = missing_modules(needed, facts.own_modules, run_names) if needed else []
        indirect = [m for m in missing if m in facts.indirect_modules]
        missing = [m for m in missing if m not in facts.indirect_modules]
        if indirect and not missing:
            via = ", ".join(f"{m} (required by {facts.indirect_modules[m]})" for m in indirect)
            notes.append(f"script test: `{name} --help` relies on {via}")
        if missing:
            notes.append(
                f"script test: left out `{name} --help` of the base output: {target.split(':')[0].strip()} imports "
                f"{', '.join(missing)}, which the run requirements do not provide"
            )
            continue
        console.append(name)
    if not console:
        return []
    return [
        ScriptTest(script=[f"{name} --help" for name in console], run=["python ${{ python_min }}.*"] if noarch else [])
    ]


def _about(facts: Facts, notes: list[str]) -> About:
    about = About.of(project_urls(facts.meta, facts.pypi_name))
    if str(about.homepage or "").startswith("https://pypi.org/project/"):
        notes.append(
            "about.homepage: upstream's metadata names no URL, so it is the PyPI project page; "
            "point it at the project's own site or repository"
        )
    summary = " ".join((facts.meta.summary or "").split())
    if not summary:
        notes.append("upstream gives no summary")
    about.summary = summary or f"The {facts.pypi_name} Python package"
    decision = facts.license
    about.license = decision.expression
    if decision.problem:
        notes.append(f"license: {decision.problem}")
        about.comment("license", "CHECK: " + decision.problem)
    files = list(decision.files)
    bundled = [f for f in facts.build.bundled_licenses if f not in files]
    if bundled:
        files += bundled
        notes.append(
            f"license_file: added the license files of bundled code the extensions compile ({', '.join(bundled)}); "
            "check that `license` covers that code too"
        )
    if "rust" in facts.build.compilers:
        files.append("THIRDPARTY.yml")
    if files:
        about.license_file = files if len(files) > 1 else files[0]
    else:
        notes.append("no license file found in the sdist; add one (conda-forge requires license_file)")
    return about


def _minor(version: str) -> int:
    try:
        return int(version.split(".")[1])
    except (IndexError, ValueError):
        return 0
