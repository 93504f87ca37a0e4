"""A CRAN package → v1 recipe data, following conda-forge's R conventions (docs/cran.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from recipegen.generators.cran.description import Dependency
from recipegen.generators.cran.licenses import license_from_description
from recipegen.generators.cran.package import LICENSE_FILE_NAMES, CranPackage
from recipegen.generators.cran.rsession import base_packages
from recipegen.generators.cran.sysreqs import map_configure, map_makevars, map_system_requirements

from recipegen.recipe import About, Build, If, Recipe, Requirements, ScriptTest, Source, compiler, maintainers, stdlib

R_TEAM = "conda-forge/r"
R_LICENSE_DIR = "${{ PREFIX }}/lib/R/share/licenses"
CROSS = "build_platform != target_platform"
# MSYS2 tools every compiled R package needs on Windows (conda_r_skeleton_helper's set).
WINDOWS_TOOLS = ("filesystem", "sed", "coreutils", "zip")
REPOSITORY_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")
WINDOWS_DLLS = ("*/R.dll", "*/Rblas.dll", "*/Rlapack.dll")


@dataclass(frozen=True)
class RecipeOptions:
    cran_mirror: str = "https://cran.r-project.org"
    maintainers: tuple[str, ...] = ()
    use_r: bool | None = None  # None: ask R when it is available


def conda_name(r_name: str) -> str:
    """CRAN name → conda-forge name: `r-` + lower case, dots kept (`data.table` → `r-data.table`)."""
    return "r-" + r_name.lower()


def conda_version(r_version: str) -> str:
    """R version → conda version: `-` becomes `_` (`1.8-14` → `1.8_14`)."""
    return r_version.replace("-", "_")


def dependency_spec(dependency: Dependency) -> str:
    """`Rcpp (>= 1.0-2)` → `r-rcpp >=1.0_2`."""
    constraints = ",".join(f"{op}{conda_version(version)}" for op, version in dependency.constraints)
    return conda_name(dependency.name) + (f" {constraints}" if constraints else "")


def r_dependencies(package: CranPackage, fields: tuple[str, ...], use_r: bool | None) -> list[Dependency]:
    """Dependencies in `fields` without R itself and R's base packages, merged by name, sorted."""
    base = base_packages(use_r)
    merged: dict[str, Dependency] = {}
    for field_name in fields:
        for dependency in package.description.dependencies(field_name):
            if dependency.name == "R" or dependency.name in base:
                continue
            key = dependency.name.lower()
            if key in merged:
                extra = tuple(c for c in dependency.constraints if c not in merged[key].constraints)
                merged[key] = Dependency(merged[key].name, merged[key].constraints + extra)
            else:
                merged[key] = dependency
    return [merged[key] for key in sorted(merged)]


def is_compiled(package: CranPackage) -> bool:
    """NeedsCompilation decides; when absent, sources in src/ (or LinkingTo with a src/) do."""
    needs = package.description.needs_compilation
    if needs is not None:
        return needs
    return bool(package.languages) or (package.has_src and bool(package.description.get("LinkingTo").strip()))


def _repository_url(url: str) -> str:
    parsed = urlparse(url)
    parts = [p for p in parsed.path.split("/") if p]
    if parsed.netloc.lower().removeprefix("www.") not in REPOSITORY_HOSTS or len(parts) < 2:
        return ""
    return f"https://{parsed.netloc.lower().removeprefix('www.')}/{parts[0]}/{parts[1].removesuffix('.git')}"


def about_links(package: CranPackage, cran_mirror: str) -> dict[str, str]:
    """homepage and repository from URL and BugReports, as conda-forge's R feedstocks have them.

    homepage: the first URL entry that is not a code repository, else CRAN's package page
    (never the repository: that is `repository`, from URL or else BugReports).
    """
    description = package.description
    urls = description.urls
    repository = next((r for r in map(_repository_url, urls) if r), "")
    if not repository and description.bug_reports:
        repository = _repository_url(re.sub(r"/issues/?$", "", description.bug_reports))
    others = [u for u in urls if not _repository_url(u)]
    homepage = others[0] if others else f"{cran_mirror}/package={description.package}"
    links = {"homepage": homepage}
    if repository:
        links["repository"] = repository
    return links


def _unique(items: list) -> list:
    """Items in order without repeats (items may be conditional dicts)."""
    result: list = []
    for item in items:
        if item not in result:
            result.append(item)
    return result


def license_ref(r_license: str) -> str:
    """A `LicenseRef-` id keeping the CRAN string readable, for licenses with no sure SPDX form."""
    return "LicenseRef-" + (re.sub(r"[^A-Za-z0-9.]+", "-", r_license).strip("-.") or "unknown")


def r_floor_above_pinning(package: CranPackage) -> str:
    """`Depends: R (>= x.y)` as "x.y" when it excludes an R of conda-forge's `r_base` pinning, else ''."""
    from recipegen.condaforge import global_pinning_lines

    def key(version: str) -> tuple[int, ...]:
        return tuple(int(p) for p in re.findall(r"\d+", version)[:2])

    floors = [
        v
        for dep in package.description.dependencies("Depends")
        if dep.name == "R"
        for op, v in dep.constraints
        if op in (">=", ">")
    ]
    pinned = [value for name, value, _ in global_pinning_lines() if name == "r_base"]
    if not floors or not pinned:
        return ""
    floor = max(floors, key=key)
    return ".".join(map(str, key(floor))) if key(floor) > min(map(key, pinned)) else ""


def _compilers(languages: set[str]) -> tuple[list[str], list[str]]:
    unix = [compiler("c"), stdlib("c")]
    win = [compiler("m2w64_c"), stdlib("m2w64_c")]
    for language in ("cxx", "fortran"):
        if language in languages:
            unix.append(compiler(language))
            win.append(compiler(f"m2w64_{language}"))
    return unix, win


def _build_section(compiled: bool, r_floor: str) -> Build:
    build = Build(script=[If("win", "R CMD INSTALL --build . %R_ARGS%", "R CMD INSTALL --build . ${R_ARGS}")])
    if r_floor and compiled:
        build.skip = [f'match(r_base, "<{r_floor}")']
    if not compiled:
        build.noarch = "generic"
    if compiled:
        build.dynamic_linking = {
            "rpaths": ["lib/R/lib/", "lib/"],
            "missing_dso_allowlist": [If("win", list(WINDOWS_DLLS))],
        }
    return build


def _requirements(
    package: CranPackage, options: RecipeOptions, compiled: bool, r_floor: str, notes: list[str]
) -> tuple[Requirements, list[Dependency]]:
    host_deps = r_dependencies(package, ("Depends", "Imports", "LinkingTo"), options.use_r)
    run_deps = r_dependencies(package, ("Depends", "Imports"), options.use_r)
    system = map_system_requirements(package.description.system_requirements)
    host = ["r-base", *map(dependency_spec, host_deps), *system.host]
    if compiled:
        host += map_makevars(package.makevars).host
    # noarch: no r_base variant to skip, so the R floor goes into run (allowed for noarch).
    run = [
        f"r-base >={r_floor}" if r_floor and not compiled else "r-base",
        *map(dependency_spec, run_deps),
        *system.run,
    ]
    if compiled:
        unix, win = _compilers(package.languages | {"c"})
        build: list = [
            If(CROSS, ["cross-r-base ${{ r_base }}.*", *map(dependency_spec, host_deps)]),
            If("unix", unix),
            If("win", win),
            "${{ posix }}make",
            If("win", [f"${{{{ posix }}}}{tool}" for tool in WINDOWS_TOOLS]),
            *system.build,
            *map_configure(package.configure).build,
        ]
    else:
        # Pure R: nothing to compile; zip (m2-zip on Windows) as in conda-forge's R recipes.
        build = ["${{ posix }}zip", *system.build]
    requirements = Requirements(build=_unique(build), host=_unique(host), run=_unique(run))
    if system.unmapped:
        requirements.comment(
            "host",
            above="SystemRequirements not mapped to conda packages (add them by hand): " + "; ".join(system.unmapped),
        )
        notes.append("SystemRequirements not mapped: " + "; ".join(system.unmapped))
    notes.extend(f"SystemRequirements {note}" for note in system.notes)
    return requirements, host_deps


def _license_section(about: About, package: CranPackage, options: RecipeOptions, notes: list[str]) -> None:
    """about.license and license_file (R's own license texts, else the package's files)."""
    description = package.description
    licensing = license_from_description(description.license, options.use_r)
    notes.extend(licensing.problems)
    files = [f"{R_LICENSE_DIR}/{f}" for f in licensing.r_files]
    for named in licensing.package_files:
        if package.has_file(named):
            files.append(named)
        else:
            notes.append(f"License names file {named!r}, which the tarball does not have")
    if not files:
        present = [f for f in LICENSE_FILE_NAMES if package.has_file(f)]
        files = present or ["LICENSE"]
        if not present:
            about.comment(
                "license_file",
                above=f"{description.package} ships no license text and R has none for "
                f"{licensing.spdx or description.license}: add it to the recipe folder as LICENSE",
            )
            notes.append("no license text in the package or in R: add it to the recipe folder as LICENSE")
    if not licensing.spdx:
        about.comment("license", f"CRAN License: {description.license} (no sure SPDX form: check and replace)")
    about.license, about.license_file = licensing.spdx or license_ref(description.license), files


def build_recipe(package: CranPackage, options: RecipeOptions = RecipeOptions()) -> Recipe:
    description = package.description
    pkg = description.package
    compiled = is_compiled(package)
    r_floor = r_floor_above_pinning(package)
    notes: list[str] = []
    requirements, host_deps = _requirements(package, options, compiled, r_floor, notes)
    mirror = options.cran_mirror.rstrip("/")
    about = About.of(
        {**about_links(package, mirror), "summary": description.title or pkg, "description": description.text}
    )
    _license_section(about, package, options, notes)
    library = If("unix", f"$R -e \"library('{pkg}')\"", f'"%R%" -e "library(\'{pkg}\')"')
    return Recipe(
        folder=conda_name(pkg),
        name=conda_name(pkg),
        version='${{ version | replace("-", "_") }}',
        context={"version": description.version, "posix": "${{ 'm2-' if win else '' }}", "cran_mirror": mirror},
        source=[
            Source(
                url=[
                    f"${{{{ cran_mirror }}}}/src/contrib/{pkg}_${{{{ version }}}}.tar.gz",
                    f"${{{{ cran_mirror }}}}/src/contrib/Archive/{pkg}/{pkg}_${{{{ version }}}}.tar.gz",
                ],
                sha256=package.sha256,
            )
        ],
        build=_build_section(compiled, r_floor),
        requirements=requirements,
        tests=[ScriptTest(script=[library])],
        about=about,
        extra=maintainers(options.maintainers, always=[R_TEAM]),
        notes=notes,
        dependencies=[(d.name, conda_name(d.name)) for d in host_deps],
    )
