"""Registry metadata (+ the fetched source) → v1 recipe data for one Julia package version.

Layout (docs/julia.md): `julia-<name lower-cased>`, `noarch: generic`, not installable on
Windows (`__unix`), the package folder copied to `$PREFIX/share/julia/conda/packages/<Name>`
(in the depot conda-forge's julia puts on JULIA_DEPOT_PATH) and listed on JULIA_LOAD_PATH by
an activation script, so `using Name` works offline with no Pkg operation at build or install
time. Julia dependencies are `julia-<dep>` packages with bounds from Compat.toml; a JLL also
brings the conda-forge library it wraps, and the artifact is overridden to `$PREFIX`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from recipegen.generators.julia import jll, stdlibs
from recipegen.generators.julia.registry import Package, Registry
from recipegen.generators.julia.source import Candidate, SourceArchive, homepage
from recipegen.generators.julia.versions import EmptyRange, VersionSyntaxError, compat_to_conda, conda_version

from recipegen.generate import GenerationError
from recipegen.recipe import About, Build, Recipe, Req, Requirements, ScriptTest, Source, maintainers

DEPOT_PACKAGES = "share/julia/conda/packages"
OVERRIDES = "share/julia/conda/artifact-overrides"
OVERRIDES_MARK = "# written by the activation scripts of conda julia packages"


def conda_name(julia_name: str) -> str:
    """`julia-<name lower-cased>` (the julia-parsers precedent)."""
    return "julia-" + julia_name.lower()


@dataclass
class RecipeOptions:
    julia_version: tuple[int, int]
    maintainers: tuple[str, ...] = ()
    no_fetch: bool = False


@dataclass
class Dependencies:
    julia: str = "julia"
    julia_deps: list[Req] = field(default_factory=list)  # julia-<dep> run requirements
    libraries: dict[str, tuple[list[str], list[str], str]] = field(default_factory=dict)  # jll → host, run, comment
    overrides: list[jll.JllMapping] = field(default_factory=list)  # JLLs pointed at $PREFIX
    dropped_stdlibs: list[tuple[str, bool]] = field(default_factory=list)  # (name, registered)
    unmapped_jlls: list[tuple[str, str]] = field(default_factory=list)  # (jll, reason)
    unknown: list[str] = field(default_factory=list)  # neither registered nor a known stdlib
    recursive: list[tuple[str, str]] = field(default_factory=list)  # (Julia name, conda name)


def _bounds(compat: dict[str, object], name: str, package: Package, version: str) -> str:
    value = compat.get(name)
    if value is None:
        return ""
    try:
        return compat_to_conda(value)  # type: ignore[arg-type]
    except VersionSyntaxError as exc:
        raise GenerationError(f"{package.files['Compat.toml']}: {name} ({version}): {exc}") from None
    except EmptyRange:
        raise GenerationError(
            f"{package.files['Compat.toml']}: the compat entry of {name} for {version} admits no version"
        ) from None


def resolve_dependencies(registry: Registry, package: Package, version: str, julia: tuple[int, int]) -> Dependencies:
    """Classify the dependencies of one version: stdlibs (dropped), JLLs, other Julia packages."""
    compat = package.compat_of(version)
    result = Dependencies()
    julia_bounds = _bounds(compat, "julia", package, version)
    result.julia = f"julia {julia_bounds}" if julia_bounds else "julia"
    for name, uuid in sorted(package.deps_of(version).items(), key=lambda kv: kv[0].lower()):
        if not registry.is_registered(uuid) and not stdlibs.is_known_stdlib(uuid):
            result.unknown.append(name)  # Pkg would take it for a stdlib; a partial registry lacks it
            continue
        if not registry.is_registered(uuid) or stdlibs.is_stdlib(uuid, julia):
            result.dropped_stdlibs.append((name, registry.is_registered(uuid)))
            continue
        bounds = _bounds(compat, name, package, version)
        spec = f"{conda_name(name)} {bounds}".strip()
        result.recursive.append((name, conda_name(name)))
        if not jll.is_jll(name):
            result.julia_deps.append(Req(spec))
            continue
        mapping = jll.lookup(name, uuid)
        if mapping.mapped:
            libs = ", ".join(mapping.run)
            result.julia_deps.append(Req(spec, f"{name} wrapper; its library comes from conda-forge ({libs})"))
            result.libraries[name] = (list(mapping.host), list(mapping.run), f"library of {name}")
            result.overrides.append(mapping)
        else:
            result.julia_deps.append(Req(spec, f"{name}: Julia's own artifact ({mapping.reason})"))
            result.unmapped_jlls.append((name, mapping.reason))
    return result


def _own_library(package: Package) -> jll.JllMapping | None:
    """For a JLL itself: its conda-forge counterpart, if any."""
    if not package.is_jll:
        return None
    return jll.lookup(package.name, package.uuid)


# --- the build script -----------------------------------------------------------------------------


def _activation_script(conda: str) -> str:
    return f"""# {conda}: Julia packages installed by conda are a package folder on JULIA_LOAD_PATH
_conda_julia_pkgs="${{CONDA_PREFIX}}/{DEPOT_PACKAGES}"
case ":${{JULIA_LOAD_PATH-}}:" in
  *":${{_conda_julia_pkgs}}:"*) ;;
  *) export JULIA_LOAD_PATH="${{JULIA_LOAD_PATH-}}:${{_conda_julia_pkgs}}" ;;
esac
unset _conda_julia_pkgs
# JLL artifacts served by conda-forge libraries: merge every package's overrides (never over
# an Overrides.toml written by someone else)
_conda_julia_ovr="${{CONDA_PREFIX}}/share/julia/artifacts/Overrides.toml"
if [ -d "${{CONDA_PREFIX}}/{OVERRIDES}" ] &&
   {{ [ ! -e "$_conda_julia_ovr" ] || head -n 1 "$_conda_julia_ovr" | grep -qF "{OVERRIDES_MARK}"; }}; then
  mkdir -p "${{CONDA_PREFIX}}/share/julia/artifacts" 2>/dev/null &&
    {{ echo "{OVERRIDES_MARK} (merged from {OVERRIDES})"; cat "${{CONDA_PREFIX}}"/{OVERRIDES}/*.toml | sort -u; }} \\
      > "$_conda_julia_ovr" 2>/dev/null || true
fi
unset _conda_julia_ovr
"""


def _deactivation_script(conda: str) -> str:
    return f"""# {conda}: take conda's Julia package folder off JULIA_LOAD_PATH
_conda_julia_pkgs="${{CONDA_PREFIX}}/{DEPOT_PACKAGES}"
JULIA_LOAD_PATH="$(printf '%s' ":${{JULIA_LOAD_PATH-}}:" | sed "s|:${{_conda_julia_pkgs}}:|:|; s|^:||; s|:\\$||")"
if [ -z "${{JULIA_LOAD_PATH}}" ]; then unset JULIA_LOAD_PATH; else export JULIA_LOAD_PATH; fi
unset _conda_julia_pkgs
"""


def build_script(package: Package, conda: str, source_dir: str, overrides: list[jll.JllMapping]) -> str:
    lines = [
        f"# Install {package.name} into the Julia depot of the environment ($PREFIX/share/julia, which",
        "# conda-forge's julia puts on JULIA_DEPOT_PATH) as a package folder listed on JULIA_LOAD_PATH.",
        "# No network and no Pkg operation: the recipe's source is all that is used.",
        "set -euo pipefail",
        f'mkdir -p "$PREFIX/{DEPOT_PACKAGES}/{package.name}"',
        f'cp -R "{source_dir}/." "$PREFIX/{DEPOT_PACKAGES}/{package.name}/"',
    ]
    if overrides:
        lines += [
            "# Point the JLL artifacts at conda-forge's libraries in $PREFIX (artifacts/Overrides.toml,",
            "# merged from every package's file by the activation script).",
            f'mkdir -p "$PREFIX/{OVERRIDES}"',
            f'cat > "$PREFIX/{OVERRIDES}/{conda}.toml" <<EOF',
            *[f'{m.uuid} = {{ {m.artifact} = "$PREFIX" }}  # {m.jll}' for m in overrides],
            "EOF",
        ]
    lines += [
        'mkdir -p "$PREFIX/etc/conda/activate.d" "$PREFIX/etc/conda/deactivate.d"',
        f"cat > \"$PREFIX/etc/conda/activate.d/zz_{conda}_activate.sh\" <<'EOF'",
        *_activation_script(conda).splitlines(),
        "EOF",
        f"cat > \"$PREFIX/etc/conda/deactivate.d/zz_{conda}_deactivate.sh\" <<'EOF'",
        *_deactivation_script(conda).splitlines(),
        "EOF",
    ]
    return "\n".join(lines) + "\n"


# --- about ---------------------------------------------------------------------------------------------

_BADGE_OR_MARKUP = re.compile(r"^\s*(\[!\[|!\[|<|\||```|=+$|-+$|\*\*\*)")


def summary_from_readme(text: str) -> str:
    """The first sentence of the README's first prose paragraph (no headings, badges, HTML)."""
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.strip().splitlines()]
        if not lines or lines[0].startswith("#") or _BADGE_OR_MARKUP.match(lines[0]):
            continue
        prose = " ".join(lines)
        prose = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", prose)  # links → their text
        prose = re.sub(r"[*_`]+", "", prose).strip()
        if len(prose) < 12:
            continue
        sentence = re.split(r"(?<=[.!?])\s", prose, maxsplit=1)[0].rstrip(".")
        return sentence if len(sentence) <= 150 else sentence[:147].rsplit(" ", 1)[0] + "..."
    return ""


def _license(archive: SourceArchive | None, source_dir: str, subdir: str) -> tuple[str, str, str]:
    """(SPDX id, license_file path in the work folder, problem) from the fetched archive."""
    from recipegen.licenses import identify_license_text, is_license_file_name

    if archive is None:
        return "", "", "the source was not downloaded (--no-fetch)"
    folders = [subdir.strip("/"), ""] if subdir else [""]
    seen = []
    for folder in folders:
        prefix = folder + "/" if folder else ""
        names = sorted(
            n
            for n in archive.files
            if n.startswith(prefix) and "/" not in n[len(prefix) :] and is_license_file_name(n[len(prefix) :])
        )
        for name in names:
            seen.append(name)
            text = archive.files[name].decode("utf-8", errors="replace")
            match = identify_license_text(text)
            if match is not None:
                return match.spdx_id, f"{source_dir}/{name}", ""
    if seen:
        return "", f"{source_dir}/{seen[0]}", f"the license of {seen[0]} was not recognised"
    return "", "", "the source has no license file"


def _readme(archive: SourceArchive | None, subdir: str) -> str:
    if archive is None:
        return ""
    for folder in ([subdir.strip("/")] if subdir else []) + [""]:
        prefix = folder + "/" if folder else ""
        for name in sorted(archive.files):
            rest = name[len(prefix) :] if name.startswith(prefix) else None
            if rest and "/" not in rest and rest.lower() in ("readme.md", "readme"):
                return archive.files[name].decode("utf-8", errors="replace")
    return ""


# --- the recipe ----------------------------------------------------------------------------------------


def source_section(
    package: Package, version: str, candidate: Candidate, archive: SourceArchive | None, source_dir: str, recipe: Recipe
) -> Source:
    """url (templated on the version where it can be), sha256 of the fetched bytes, the tree check."""
    conda_ver = conda_version(version)
    url = candidate.url
    source = Source(
        url=url.replace(f"v{conda_ver}.tar.gz", "v${{ version }}.tar.gz") if version == conda_ver else url,
        sha256=archive.sha256 if archive is not None else "",
        target_directory=source_dir,
    )
    registered = package.versions[version].git_tree_sha1
    comment = f"registered tree: git-tree-sha1 {registered}"
    if archive is None:
        source.comment(
            "url", "sha256 still to be filled in: generated with --no-fetch", f"{comment} (not checked: --no-fetch)"
        )
        recipe.notes.append(
            "warning: the source was not downloaded (--no-fetch): the recipe has no sha256 yet; "
            "download the archive and add its sha256 before building"
        )
        recipe.accepted_rules |= {"source-hash-missing"}
    elif archive.tree_hash == registered:
        what = candidate.subdir.strip("/") or "tree"
        source.comment("url", above=f"{comment} (the archive's {what} matches it)")
    else:
        found = archive.tree_hash or "unknown"
        source.comment("url", above=f"{comment}; the archive's tree is {found}: check it")
        recipe.notes.append(
            f"warning: the downloaded tree ({found}) is not the registered tree {registered} "
            "(export-ignore files, submodules or a moved tag?)"
        )
    if candidate.kind == "pkg-server":
        recipe.notes.append(
            f"no tag archive found; the source is the Pkg server's tarball of the registered tree ({url})"
        )
    return source


def julia_admits(julia_spec: str, target: tuple[int, int]) -> bool:
    """Whether the `julia <bounds>` requirement admits some release of Julia `target` (X.Y)."""
    from rattler import Version, VersionSpec

    bounds = julia_spec.partition(" ")[2].strip()
    if not bounds:
        return True
    spec = VersionSpec(bounds)
    return any(spec.matches(Version(f"{target[0]}.{target[1]}.{patch}")) for patch in range(100))


def requirements_section(
    package: Package, deps: Dependencies, options: RecipeOptions, notes: list[str]
) -> tuple[Requirements, list[jll.JllMapping]]:
    """host (conda-forge libraries standing in for JLLs) and run; the JLLs to point at $PREFIX."""
    julia_text = ".".join(str(p) for p in options.julia_version)
    if not julia_admits(deps.julia, options.julia_version):
        notes.append(
            f"warning: {package.name} requires `{deps.julia}`, which excludes the targeted Julia "
            f"{julia_text} (--julia-version): the stdlibs dropped are those of {julia_text}"
        )
    unix = Req("__unix", "conda-forge's julia has no Windows build")
    requirements = Requirements(run=[Req(deps.julia), unix, *deps.julia_deps])
    libraries = dict(deps.libraries)
    overrides = list(deps.overrides)
    own = _own_library(package)
    if own is not None and own.mapped:
        libraries[package.name] = (list(own.host), list(own.run), f"the library {package.name} wraps")
        overrides.append(own)
    elif own is not None:
        notes.append(
            f"{package.name} has no usable conda-forge counterpart ({own.reason}); Julia downloads its own artifact"
        )
    for _name, (lib_host, lib_run, comment) in sorted(libraries.items(), key=lambda kv: kv[0].lower()):
        for target, libs in ((requirements.host, lib_host), (requirements.run, lib_run)):
            for lib in libs:
                if lib not in [r.spec for r in target]:
                    target.append(Req(lib, comment))
    _dependency_notes(package, deps, options, notes)
    return requirements, overrides


def _dependency_notes(package: Package, deps: Dependencies, options: RecipeOptions, notes: list[str]) -> None:
    """What was left out of the requirements, and why."""
    julia_text = ".".join(str(p) for p in options.julia_version)
    if stdlibs.is_stdlib(package.uuid, options.julia_version):
        notes.append(
            f"{package.name} is a standard library of Julia {julia_text}: Julia loads its own "
            "copy before this package's"
        )
    for name, reason in deps.unmapped_jlls:
        notes.append(f"{name} has no usable conda-forge counterpart ({reason}); left to Julia's artifact")
    if deps.unknown:
        notes.append(
            "warning: not in the registry and not a known Julia stdlib, so not listed: " + ", ".join(deps.unknown)
        )
    registered_stdlibs = [name for name, registered in deps.dropped_stdlibs if registered]
    if registered_stdlibs:
        notes.append(
            f"bundled with Julia {julia_text}, so not listed (--julia-version to target another): "
            + ", ".join(registered_stdlibs)
        )


def about_section(
    package: Package, candidate: Candidate, archive: SourceArchive | None, source_dir: str, recipe: Recipe
) -> About:
    """homepage/repository from the registry; summary and license from the fetched archive."""
    repository = homepage(package.repo)
    summary = summary_from_readme(_readme(archive, candidate.subdir))
    license_id, license_file, problem = _license(archive, source_dir, candidate.subdir)
    about = About(
        homepage=repository,
        repository=repository,
        summary=summary or f"The Julia package {package.name}.jl",
        license=license_id,
        license_file=license_file,
    )
    if problem:
        recipe.notes.append(f"warning: license not set: {problem}; fill in about.license")
        recipe.accepted_rules |= {"license-missing"} | (set() if license_file else {"license-file-missing"})
        about.comment("homepage", above=f"license still to be filled in: {problem}")
    return about


def build_recipe(
    registry: Registry,
    package: Package,
    version: str,
    source: tuple[Candidate, SourceArchive | None],
    options: RecipeOptions,
) -> Recipe:
    """The recipe of one version; `source` is the chosen candidate and its archive (None: --no-fetch)."""
    candidate, archive = source
    conda = conda_name(package.name)
    deps = resolve_dependencies(registry, package, version, options.julia_version)
    source_dir = f"{package.name}.jl"
    package_dir = f"{source_dir}/{candidate.subdir.strip('/')}" if candidate.subdir else source_dir

    recipe = Recipe(folder=conda, name=conda, context={"version": conda_version(version)}, dependencies=deps.recursive)
    recipe.source = [source_section(package, version, candidate, archive, source_dir, recipe)]
    recipe.requirements, overrides = requirements_section(package, deps, options, recipe.notes)
    recipe.about = about_section(package, candidate, archive, source_dir, recipe)
    recipe.extra = maintainers(options.maintainers)
    recipe.extra.more["julia"] = {
        "name": package.name,
        "uuid": package.uuid,
        "version": version,
        "git-tree-sha1": package.versions[version].git_tree_sha1,
    }
    recipe.build = Build(noarch="generic", script=build_script(package, conda, package_dir, overrides))
    recipe.tests = [ScriptTest(script=[f"julia -e 'using {package.name}'"])]
    return recipe
