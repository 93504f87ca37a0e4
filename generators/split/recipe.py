"""A SplitPlan → v1 multi-output recipe data (or only its `outputs:` section).

The recipe builds once in a staging output (CEP 41) and each package output inherits the
staged files and picks its own with `build.files`. The globs come from the classified
files of one platform's tree, so the recipe is skipped on the other platforms until their
file names are added (a note says so).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from recipegen.generators.split import classify as C
from recipegen.generators.split.globs import escape
from recipegen.generators.split.inputs import InstallTree
from recipegen.generators.split.outputs import (
    DEVEL,
    HEADERS,
    RUNTIME,
    STATIC,
    TOOLS,
    SplitPlan,
    output_names,
    recipe_name,
)
from recipegen.generators.split.pkgconfig import parse_pc, required_modules
from recipegen.generators.split.sections import SUMMARIES, package_output, relations

from recipegen.generate import GenerationError
from recipegen.recipe import (
    About,
    Build,
    ContentsTest,
    Recipe,
    Requirements,
    Source,
    Test,
    compiler,
    multi_output,
    staging_output,
    stdlib,
)
from recipegen.recipe import (
    maintainers as recipe_maintainers,
)

MAX_TEST_ITEMS = 3
PLATFORM_NAMES = {"linux": "Linux", "osx": "macOS", "win": "Windows"}
CXX_HEADER_SUFFIXES = (".hpp", ".hh", ".hxx", ".h++", ".ipp", ".tcc")


def pkg_config_files(tree: InstallTree, plan: SplitPlan) -> list[tuple[str, dict[str, str]]]:
    """The tree's pkg-config files with their fields, the one named after the library first."""
    return _pc_files(tree, plan.classified, plan.name)


def _pc_files(tree: InstallTree, classified: list[C.Classified], name: str) -> list[tuple[str, dict[str, str]]]:
    files = tree.by_path()
    pcs = [c.path for c in classified if c.category == C.PKG_CONFIG and files[c.path].data]
    wanted = name.lower().removeprefix("lib")
    pcs.sort(key=lambda p: (PurePosixPath(p).stem.lower().removeprefix("lib") != wanted, p))
    return [(path, parse_pc(files[path].data.decode("utf-8", "replace"))) for path in pcs]


def package_version(
    tree: InstallTree, classified: list[C.Classified], name: str, override: str = ""
) -> tuple[str, str]:
    """(version, where it came from): --version, the package metadata, pkg-config, the SONAME."""
    if override:
        return override, "--version"
    if tree.version:
        return tree.version, tree.metadata_file or "package metadata"
    for path, fields in _pc_files(tree, classified, name):
        version = fields.get("Version", "")
        if re.match(r"^\d[\w.+]*$", version):
            return version, PurePosixPath(path).name
    versions = []
    for c in classified:
        m = re.match(r"^.+?\.so\.(\d+\.\d+(?:\.\d+)*)$", PurePosixPath(c.path).name)
        if c.category == C.SHARED_LIBRARY and m:
            versions.append(m.group(1))
    if versions:
        return max(versions, key=len), "shared library file name (library version, may differ from the release)"
    return "", ""


def host_requirements(tree: InstallTree, plan: SplitPlan) -> tuple[list[str], list[str]]:
    """Host packages from the tree's pkg-config `Requires`; notes for names with no package."""
    from recipegen.generators.cxx.depmap import map_dependency

    files = tree.by_path()
    own = {PurePosixPath(c.path).stem for c in plan.classified if c.category == C.PKG_CONFIG}
    host: list[str] = []
    notes: list[str] = []
    for c in plan.classified:
        if c.category != C.PKG_CONFIG or not files[c.path].data:
            continue
        for module in required_modules(parse_pc(files[c.path].data.decode("utf-8", "replace"))):
            if module in own:
                continue
            mapped = map_dependency(module)
            if mapped.conda:
                host.append(mapped.conda)
            elif not mapped.known:
                notes.append(f"pkg-config requirement {module!r} of {PurePosixPath(c.path).name}: {mapped.reason}")
    return sorted(dict.fromkeys(host)), notes


def uses_cxx(plan: SplitPlan, tree: InstallTree | None = None) -> bool:
    """C++ headers: `.hpp`-like names, or extensionless ones (`<vector>`-style) that are files,
    not links to header folders (Debian's `include/libpng -> libpng16`)."""
    links = {f.path for f in tree.files if f.is_symlink} if tree else set()
    for c in plan.classified:
        name = PurePosixPath(c.path).name
        extensionless = "." not in name and c.path not in links
        if c.category == C.HEADER and (name.endswith(CXX_HEADER_SUFFIXES) or extensionless):
            return True
    return False


def _library_kinds(plan: Any) -> str:
    """What the build script must build: static libraries too when an output packages them."""
    if any(output.role == STATIC for output in plan.outputs):
        return "shared and static libraries on"
    return "shared libraries on, static off"


def _tests(plan: SplitPlan, role: str) -> list[Test]:
    """package_contents checks: what must be in the output, and what must not."""
    by_cat: dict[str, list[str]] = {}
    for c in plan.classified:
        by_cat.setdefault(c.category, []).append(c.path)
    mine = set(next(o.files for o in plan.outputs if o.role == role))
    headers = sorted(p for p in by_cat.get(C.HEADER, []))
    statics = sorted(by_cat.get(C.STATIC_LIBRARY, []))
    links = sorted(by_cat.get(C.DEV_LINK, []) + by_cat.get(C.IMPORT_LIBRARY, []))
    shared = sorted(by_cat.get(C.SHARED_LIBRARY, []))
    contents = ContentsTest()
    exists = contents.exists
    not_exists = contents.not_exists

    def include_name(path: str) -> str:
        rel = path.removeprefix("Library/")
        return rel.split("/", 1)[1] if rel.startswith("include/") else rel

    def pick(paths: list[str]) -> list[str]:
        return [escape(p) for p in paths[:MAX_TEST_ITEMS]]

    if role == RUNTIME:
        exists += pick([p for p in shared if p in mine])
        not_exists += pick(headers[:1]) + pick(links[:1]) + pick(statics)
    elif role in (DEVEL, HEADERS):
        own_headers = [h for h in headers if h in mine]
        if own_headers:
            contents.include = [include_name(h) for h in own_headers[:MAX_TEST_ITEMS]]
        own_links = [p for p in links if p in mine]
        if own_links and plan.platform in ("linux", "osx"):
            # `lib: [foo]` checks lib/libfoo.so / lib/libfoo.dylib: only for links right in lib/
            stems = sorted(
                {
                    PurePosixPath(p).name.split(".")[0].removeprefix("lib")
                    for p in own_links
                    if p.endswith((".so", ".dylib")) and p.count("/") == 1 and p.startswith("lib/")
                }
            )
            if stems:
                contents.lib = stems[:MAX_TEST_ITEMS]
        exists += pick([p for p in links if p in mine and plan.platform == "win"])
        exists += pick([c.path for c in plan.classified if c.category == C.PKG_CONFIG and c.path in mine][:1])
        not_exists += pick(statics)
        if role == HEADERS:
            not_exists += pick(shared[:1])
    elif role == STATIC:
        exists += pick([p for p in statics if p in mine])
        not_exists += pick(headers[:1]) + pick(shared[:1])
    elif role == TOOLS:
        tools = sorted(c.path for c in plan.classified if c.category == C.EXECUTABLE and c.path in mine)
        programs = []
        for path in tools:
            rel = path.removeprefix("Library/")
            if rel.startswith("bin/") and rel.count("/") == 1:
                programs.append(PurePosixPath(rel).name.removesuffix(".exe"))
        if programs:
            contents.bin = programs[:MAX_TEST_ITEMS]
        else:
            exists += pick(tools)
        not_exists += pick(headers[:1]) + pick(statics)
    return [contents] if contents else []


def license_texts(tree: InstallTree, plan: SplitPlan) -> dict[str, str]:
    """License texts: the conda package's info/licenses, else the tree's license files."""
    if tree.license_texts:
        return dict(tree.license_texts)
    files = tree.by_path()
    return {
        c.path: files[c.path].data.decode("utf-8", "replace")
        for c in plan.classified
        if c.category == C.LICENSE and files[c.path].data
    }


def about_section(tree: InstallTree, plan: SplitPlan, given: dict[str, str] | None = None) -> tuple[About, list[str]]:
    """about: the options given on the command line, else the package's info/about.json, else
    the main pkg-config file (URL, Description); the license from the license files' texts.

    Fields nobody says stay out: the command's lint check names them and refuses to write.
    """
    about: dict[str, Any] = {}
    notes: list[str] = []
    info = tree.about or {}
    for src, dst in (
        ("home", "homepage"),
        ("dev_url", "repository"),
        ("doc_url", "documentation"),
        ("summary", "summary"),
    ):
        if isinstance(info.get(src), str) and info[src].strip():
            about[dst] = info[src].strip()
    for path, fields in pkg_config_files(tree, plan)[:1]:
        url, description = fields.get("URL", "").strip(), " ".join(fields.get("Description", "").split())
        if "homepage" not in about and re.match(r"^https?://\S+$", url):
            about["homepage"] = url
            notes.append(f"about.homepage taken from {PurePosixPath(path).name} (URL)")
        if "summary" not in about and description:
            about["summary"] = description
            notes.append(f"about.summary taken from {PurePosixPath(path).name} (Description)")
    about.update({k: v for k, v in (given or {}).items() if v})
    texts = license_texts(tree, plan)
    license_files = sorted(dict.fromkeys(PurePosixPath(p).name for p in texts))
    license_id = about.get("license") or tree.license
    if not license_id and texts:
        from recipegen.licenses import identify_license_text

        ids = []
        for path, text in sorted(texts.items()):
            match = identify_license_text(text)
            if match:
                ids.append(match.spdx_id)
            else:
                notes.append(f"license file {path}: text not recognised as an SPDX license")
        license_id = " AND ".join(dict.fromkeys(ids))
    if license_id:
        about["license"] = license_id
    if license_files and "license_file" not in about:
        # The upstream file the install copied (share/licenses/foo/LICENSE, share/doc/foo/COPYING)
        # comes from the source folder: license_file names it there, as conda-forge recipes do.
        about["license_file"] = license_files if len(license_files) > 1 else license_files[0]
    return About.of(about), notes


def build_split_recipe(
    tree: InstallTree,
    plan: SplitPlan,
    *,
    version: str = "",
    maintainers: tuple[str, ...] = (),
    about: dict[str, str] | None = None,
) -> Recipe:
    names = output_names(plan.name)
    roles = [o.role for o in plan.outputs]
    staging = f"{plan.name}-build"
    notes = list(plan.notes)

    found_version, version_source = package_version(tree, plan.classified, plan.name, version)
    if not found_version:
        raise GenerationError(
            f"{tree.label}: cannot tell the version (no package metadata, pkg-config file or "
            "versioned library name); pass --version"
        )
    if version_source and version_source not in ("--version", "info/index.json", tree.metadata_file):
        notes.append(f"version {found_version} taken from {version_source}")

    host, host_notes = host_requirements(tree, plan)
    notes += host_notes
    compilers = [compiler("c")] + ([compiler("cxx")] if uses_cxx(plan, tree) else [])
    script = "build.bat" if plan.platform == "win" else "build.sh"
    archives = sorted(p for p, why in plan.omitted.items() if why.startswith("static archive"))
    left_out = (
        f". Left out (CFEP-18, --static packages them): {', '.join(archives[:3])}"
        + (", ..." if len(archives) > 3 else "")
        if archives
        else ""
    )
    outputs = [
        staging_output(
            staging,
            Requirements(build=[*compilers, stdlib("c")], host=host),
            script,
            above=f"{script} builds and installs into $PREFIX once ({_library_kinds(plan)}); "
            f"the outputs below pick their files{left_out}",
        )
    ]
    for output in plan.outputs:
        requirements = relations(output.role, names, roles, plan.pin_width)
        if output.role == RUNTIME:
            requirements.comment("run_exports", above=f"pin width: {plan.pin_reason}")
        outputs.append(
            package_output(
                output.name,
                output.role,
                staging=staging,
                files=output.globs,
                requirements=requirements,
                tests=_tests(plan, output.role),
                summary=SUMMARIES[output.role].format(name=plan.name),
            )
        )
    about_fields, about_notes = about_section(tree, plan, about)
    build = Build(skip=[f"not {plan.platform}"])
    build.comment(
        "skip",
        above=f"file lists below come from a {PLATFORM_NAMES[plan.platform]} tree; add the other platforms' names "
        "to build there",
    )
    recipe = multi_output(
        plan.name,
        outputs,
        extra=recipe_maintainers(maintainers),
        folder=recipe_name(plan.name),
        context={"version": found_version},
        build=build,
        about=about_fields,
        notes=notes + about_notes,
        about_from=f"the input ({tree.label})",
    )
    recipe.notes.append(_add_source(recipe, tree, found_version, script))
    return recipe


def _add_source(recipe: Recipe, tree: InstallTree, version: str, script: str) -> str:
    """`source` from the package's rendered recipe when it has one; the note says what the user
    still has to add."""
    if not tree.source:
        return (
            "no upstream source is known from an install tree: add a `source:` section and "
            f"{script} (or merge the outputs into your recipe with --outputs-only)"
        )
    url = tree.source["url"].replace(version, "${{ version }}")
    recipe.source = [Source(url=url, sha256=tree.source.get("sha256", ""))]
    return f"source taken from the package's rendered recipe; add {script} (the feedstock's build script) next to the recipe"
