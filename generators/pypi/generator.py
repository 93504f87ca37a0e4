"""One SPEC → one Recipe: resolve, fetch (index, metadata, sdist), read, build.

SPEC is a PyPI name, `name==version`, a local sdist (.tar.gz/.zip), a wheel or a project folder.
A bare name is the PyPI package even when a folder of that name exists (the previous run's
output), unless the folder is a Python project; a path is written as one (`./rich`, `rich/`).
Network access goes through one `Fetcher` (cache, retries, --offline); nothing downloaded
is imported or executed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from packaging.utils import canonicalize_name
from recipegen.generators.pypi import layout
from recipegen.generators.pypi.index import PypiIndex, Release, ReleaseFile, ReleaseNotFound, index_urls
from recipegen.generators.pypi.license_info import LicenseDecision, decide
from recipegen.generators.pypi.metadata import MetadataError, UpstreamMetadata
from recipegen.generators.pypi.names import NameMapper
from recipegen.generators.pypi.native import NativeLibraries, native_libraries
from recipegen.generators.pypi.recipe import Facts, build_recipe
from recipegen.generators.pypi.runtime_libraries import runtime_loads, runtime_needs
from recipegen.generators.pypi.scripts import (
    base_requirement_names,
    indirect_providers,
    missing_modules,
    script_imports,
)
from recipegen.generators.pypi.sources import (
    SourceError,
    SourceTree,
    WheelContents,
    read_folder,
    read_sdist,
    read_wheel,
)
from recipegen.generators.pypi.upstream import collect

from recipegen.condaforge import global_python_min
from recipegen.endpoints import pypi_url
from recipegen.generate import GenerationError, UnusableInput
from recipegen.http import Fetcher, FetchError
from recipegen.recipe import Recipe

SMALL_WHEEL_BYTES = 8 * 1024 * 1024
SDIST_SUFFIXES = (".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz")


@dataclass
class Options:
    version: str | None = None
    extras: tuple[str, ...] = ()  # () = default (split when the package has extras)
    maintainers: tuple[str, ...] = ()
    index_url: str | None = None
    wheel_source: bool = False
    verbose: bool = False
    name_map: dict[str, str] = field(default_factory=dict)
    license: str | None = None  # --license: the SPDX expression to use when upstream's is unclear
    license_file: str | None = None  # --license-file: a path in the source, or a local file to ship


def extras_mode(values: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    if not values or values == ("split",):
        return "split", ()
    if values in (("none",), ("all",), ("groups",)):
        return values[0], ()
    names = tuple(v for value in values for v in value.split(",") if v)
    return "names", names


class PypiGenerator:
    def __init__(self, fetcher: Fetcher, options: Options) -> None:
        self.fetcher = fetcher
        self.options = options
        json_base, simple_base = index_urls(options.index_url, pypi_url())
        self.index = PypiIndex(fetcher, json_base, simple_base)
        self.mapper = NameMapper(options.name_map)
        # sdist file name -> member paths read beyond the metadata files (kept by the recorder)
        self.loaded_sources: dict[str, set[str]] = {}

    def generate(self, spec: str) -> Recipe:
        """The recipe of SPEC; failures are one-line GenerationErrors naming it (UnusableInput
        for a local path that is not an sdist, wheel or Python project)."""
        if is_local_spec(spec):
            try:
                return self._from_local(Path(spec))
            except (SourceError, MetadataError) as exc:  # a local file that cannot be read
                raise UnusableInput(_with_spec(spec, str(exc))) from None
            except GenerationError as exc:
                raise type(exc)(str(exc)) from None
        try:
            name, version = _parse_spec(spec, self.options.version)
            return self._from_release(self.index.release(name, version))
        except (FetchError, ReleaseNotFound, SourceError, MetadataError) as exc:
            raise GenerationError(_with_spec(spec, str(exc))) from None

    # PyPI ----------------------------------------------------------------------------------
    def _from_release(self, release: Release, later_notes: tuple[str, ...] = ()) -> Recipe:
        sdist = release.sdist()
        wheel_file = metadata_wheel(release)
        if sdist is None:
            return self._wheel_only(release, wheel_file)
        wheel, wheel_metadata = wheel_facts(self.fetcher, wheel_file)
        download = self.fetcher.get(sdist.url, sha256=sdist.sha256)  # a digest that differs is refused
        tree = read_sdist(download.content, sdist.filename)
        meta = collect(tree, wheel_metadata, wheel, release.info)
        pypi_name = canonicalize_name(release.name or meta.name)
        version = release.version
        # A wheel's RECORD is the truth: one that installs no module (a meta-package such as
        # apache-airflow) has nothing to import, whatever the sdist's name suggests.
        imports = layout.imports_from_wheel(wheel, release.name) if wheel else layout.imports_from_tree(tree, meta)
        return self._assemble(
            meta,
            tree,
            pypi_name,
            version,
            sdist.filename,
            sdist.sha256 or download.sha256,
            imports,
            [w.filename for w in release.wheels()],
            wheel,
            later_notes=later_notes,
        )

    def _wheel_only(self, release: Release, wheel_file: ReleaseFile | None) -> Recipe:
        name = canonicalize_name(release.name)
        if wheel_file is None:
            raise GenerationError(f"{name} {release.version}: the index lists no sdist and no wheel")
        pure = release.pure_wheel()
        if not self.options.wheel_source or pure is None:
            hint = (
                " (--wheel-source builds a noarch recipe from the pure wheel)"
                if pure is not None
                else "; its wheels are platform-specific, and conda-forge forbids wheels as sources "
                "of compiled packages (R-028): build from the upstream repository instead"
            )
            raise GenerationError(f"{name} {release.version}: wheel-only release, no sdist on the index{hint}")
        download = self.fetcher.get(pure.url, sha256=pure.sha256)
        wheel = read_wheel(download.content, pure.filename)
        meta = collect(None, wheel.metadata, wheel, release.info)
        pure.sha256 = pure.sha256 or download.sha256
        imports = layout.imports_from_wheel(wheel, name)
        return self._assemble(
            meta,
            None,
            name,
            release.version,
            pure.filename,
            pure.sha256,
            imports,
            [pure.filename],
            wheel,
            wheel_file=pure,
        )

    # Local sources ---------------------------------------------------------------------------
    def _from_local(self, path: Path) -> Recipe:
        if not path.exists():
            raise UnusableInput(f"{path}: no such file or folder")
        if path.is_dir():
            if not is_python_project(path):
                raise UnusableInput(f"{path}: not a Python project (no pyproject.toml, setup.cfg or setup.py)")
            tree = read_folder(path)
            meta = collect(tree)
            if not meta.name or not meta.version:
                raise GenerationError(
                    f"{path}: name or version is not static metadata (dynamic); build an sdist and pass it instead"
                )
            return self._assemble(
                meta,
                tree,
                canonicalize_name(meta.name),
                meta.version,
                "",
                "",
                layout.imports_from_tree(tree, meta),
                [],
                None,
                source_path=str(path.resolve()),
                later_notes=(
                    "source is a local folder (source.path): switch it to the released sdist URL "
                    "before submitting to conda-forge",
                ),
            )
        if not path.is_file():
            raise UnusableInput(f"{path}: not an sdist (.tar.gz/.zip) or wheel (.whl)")
        data = path.read_bytes()
        if not _looks_like_source_archive(path.name, data):
            raise UnusableInput(f"{path}: not an sdist (.tar.gz/.zip) or wheel (.whl)")
        sha = hashlib.sha256(data).hexdigest()
        if path.name.endswith(".whl"):
            wheel = read_wheel(data, path.name)
            meta = collect(None, wheel.metadata, wheel)
            from_index = self._sdist_of_wheel(path, meta, sha)
            if from_index is not None:
                return from_index
            if not path.name.endswith("-none-any.whl"):
                raise GenerationError(
                    f"{path}: a platform wheel cannot be a conda-forge source (R-028); "
                    "pass the sdist or the project folder"
                )
            file = ReleaseFile(path.name, "", sha, "bdist_wheel", len(data))
            return self._assemble(
                meta,
                None,
                canonicalize_name(meta.name),
                meta.version,
                path.name,
                sha,
                layout.imports_from_wheel(wheel, meta.name),
                [path.name],
                wheel,
                wheel_file=file,
            )
        tree = read_sdist(data, path.name)
        meta = collect(tree)
        if not meta.name or not meta.version:
            raise GenerationError(f"{path}: no name/version in PKG-INFO or pyproject.toml")
        return self._assemble(
            meta,
            tree,
            canonicalize_name(meta.name),
            meta.version,
            path.name,
            sha,
            layout.imports_from_tree(tree, meta),
            [],
            None,
            later_notes=("sha256 is that of the local sdist: it must be the file published on PyPI",),
        )

    def _sdist_of_wheel(self, path: Path, meta: UpstreamMetadata, sha: str) -> Recipe | None:
        """A local wheel names a release: when the index has that release's sdist, build from it
        (conda-forge builds from sources, R-028/R-029); None when the index has no sdist or
        cannot be reached (the wheel itself is then the source)."""
        if not meta.name or not meta.version:
            return None
        try:
            release = self.index.release(meta.name, meta.version)
        except (FetchError, ReleaseNotFound):
            return None
        if release.sdist() is None:
            return None
        note = (
            f"{path.name} is {canonicalize_name(meta.name)} {meta.version}, whose sdist is on the index: "
            "the recipe builds from the sdist"
            + (
                ""
                if any(f.sha256 == sha for f in release.wheels())
                else " (the local wheel is not one the index lists)"
            )
        )
        return self._from_release(release, later_notes=(note,))

    def _license(
        self,
        meta: UpstreamMetadata,
        tree: SourceTree | None,
        wheel: WheelContents | None,
        pypi_name: str,
        version: str,
        source_path: str,
    ) -> tuple[LicenseDecision, list[dict], dict[str, str]]:
        """The license decision, extra sources (a license file from the repository) and files to
        write next to recipe.yaml (a --license-file that is not in the source)."""
        if self.options.license_file:
            decision, extra_files = self._given_license_file(meta, tree, pypi_name, version)
            return self._license_override(decision, pypi_name, version), [], extra_files
        if tree is None and wheel is not None:
            # A wheel source: its license files sit in the .dist-info folder, which the build
            # script unpacks into the work folder (_use_wheel_source) so license_file finds them.
            wheel_licenses = _wheel_license_tree(wheel)
            decision = decide(meta, wheel_licenses)
            decision.files = [
                p.replace(f"-{version}.dist-info/", "-${{ version }}.dist-info/", 1) for p in wheel_licenses.paths
            ]
        else:
            decision = decide(meta, tree)
        extra_sources: list[dict] = []
        if tree is not None and not decision.files and not source_path:
            found = self._license_from_repository(meta, pypi_name, version)
            if found:
                extra_sources.append(found.source)
                decision = decide(
                    meta, SourceTree(tree.label, [*tree.paths, found.name], {**tree.texts, found.name: found.text})
                )
                decision.files = [found.name]
        if not decision.files:
            what = "wheel" if tree is None else "sdist" if not source_path else "project folder"
            raise GenerationError(
                f"{pypi_name} {version}: the {what} ships no license file"
                + ("" if tree is None or source_path else " and the repository's could not be fetched")
                + " (conda-forge requires one); pass --license-file PATH with a copy of the license text "
                "(written next to recipe.yaml)"
            )
        return self._license_override(decision, pypi_name, version), extra_sources, {}

    def _given_license_file(
        self, meta: UpstreamMetadata, tree: SourceTree | None, pypi_name: str, version: str
    ) -> tuple[LicenseDecision, dict[str, str]]:
        """--license-file: a path in the source, else a local file copied next to recipe.yaml
        (rattler-build looks for license files in the recipe folder too)."""
        given = str(self.options.license_file)
        if tree is not None and given in set(tree.paths):
            text = tree.read([given]).get(given, "")
            name, extra_files = given, {}
        else:
            local = Path(given)
            if not local.is_file():
                where = "in the sdist" if tree is not None else "in the source"
                raise GenerationError(
                    f"{pypi_name} {version}: --license-file {given}: not {where} and no such local file"
                )
            try:
                text = local.read_bytes()[: 2 * 1024 * 1024].decode("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise GenerationError(f"{given}: cannot read the license file as UTF-8 text ({exc})") from None
            name, extra_files = local.name, {local.name: text}
        label = tree.label if tree is not None else pypi_name
        paths = [*(tree.paths if tree else []), name]
        decision = decide(meta, SourceTree(label, paths, {**(tree.texts if tree else {}), name: text}))
        decision.files = [name]
        return decision, extra_files

    def _license_override(self, decision: LicenseDecision, pypi_name: str, version: str) -> LicenseDecision:
        """--license wins; without it an undetermined license stops the generation (nothing written)."""
        if self.options.license:
            return LicenseDecision(self.options.license, "--license", decision.files)
        if decision.undetermined:
            seen = "; ".join(decision.candidates) or "nothing"
            raise GenerationError(
                f"{pypi_name} {version}: the license could not be determined ({decision.problem}; "
                f"seen: {seen}); pass --license EXPR with the SPDX expression"
            )
        return decision

    def _license_from_repository(self, meta: UpstreamMetadata, pypi_name: str, version: str):
        return license_from_repository(self.fetcher, meta, pypi_name, version)

    # Shared ------------------------------------------------------------------------------------
    def _assemble(
        self,
        meta: UpstreamMetadata,
        tree: SourceTree | None,
        pypi_name: str,
        version: str,
        filename: str,
        sha256: str,
        imports: list[str],
        wheel_names: list[str],
        wheel: WheelContents | None,
        source_path: str = "",
        wheel_file: ReleaseFile | None = None,
        later_notes: tuple[str, ...] = (),
    ) -> Recipe:
        build = layout.detect_build(meta, tree, wheel_names)
        own = layout.own_top_levels(wheel, tree)
        mapped = self.mapper.map(pypi_name)
        mode, selected = extras_mode(self.options.extras)
        license_decision, extra_sources, license_files = self._license(
            meta, tree, wheel, pypi_name, version, source_path
        )
        script_needs = script_imports(tree, meta.console_scripts, own, layout.source_roots(tree))
        facts = Facts(
            meta=meta,
            pypi_name=pypi_name,
            conda_name=mapped.conda,
            conda_name_source=mapped.source,
            version=version,
            sdist_filename=filename,
            sha256=sha256,
            build=build,
            imports=layout.order_imports(imports, pypi_name),
            license=license_decision,
            global_python_min=global_python_min(),
            extras_mode=mode,
            extras_selected=selected,
            maintainers=self.options.maintainers,
            source_path=source_path,
            extra_sources=extra_sources,
            stubs=layout.stub_packages(wheel, tree),
            native=native_libraries(pypi_name, tree) if build.compiled else NativeLibraries(),
            own_modules=own,
            runtime=runtime_needs(runtime_loads(tree, layout.source_roots(tree), own)),
            script_needs=script_needs,
            indirect_modules=self._indirect_modules(meta, script_needs, own),
            wheel_source=wheel_file,
            license_files=license_files,
            later_notes=[*self._verbose_notes(meta, license_decision), *later_notes],
        )
        if tree is not None and tree.loaded:
            self.loaded_sources.setdefault(tree.label, set()).update(tree.loaded)
        return build_recipe(facts, self.mapper)

    def _indirect_modules(
        self, meta: UpstreamMetadata, script_needs: dict[str, frozenset[str] | None], own: set[str]
    ) -> dict[str, str]:
        """Modules the console scripts import that no run requirement installs itself but one
        of them requires (asked of the index only when a script would otherwise go untested)."""
        run_names = base_requirement_names(meta.requires_dist)
        missing = {m for needed in script_needs.values() if needed for m in missing_modules(needed, own, run_names)}
        if not missing:
            return {}
        return indirect_providers(missing, run_names, self._requirements_of)

    def _requirements_of(self, name: str) -> list[str]:
        """A distribution's Requires-Dist from the index's project JSON (newest release); [] when
        the index has none or cannot be reached: the script is then left out, as before."""
        try:
            data = self.fetcher.get(f"{self.index.json_base}/{name}/json").json()
        except (FetchError, ValueError):
            return []
        info = data.get("info") if isinstance(data, dict) else None
        requires = info.get("requires_dist") if isinstance(info, dict) else None
        return [r for r in requires if isinstance(r, str)] if isinstance(requires, list) else []

    def _verbose_notes(self, meta: UpstreamMetadata, license_decision: LicenseDecision) -> list[str]:
        """--verbose: where every field came from."""
        if not self.options.verbose:
            return []
        return [
            *(f"{key} from {origin}" for key, origin in sorted(meta.origin.items())),
            f"license {license_decision.expression} from {license_decision.source}",
        ]


@dataclass
class RepositoryLicense:
    name: str
    text: str
    source: dict


def _github_repository(meta: UpstreamMetadata, pypi_name: str) -> str | None:
    from recipegen.generators.pypi.recipe import project_urls

    for url in [project_urls(meta, pypi_name).get("repository", ""), *meta.project_urls.values(), meta.home_page]:
        match = re.match(r"https?://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?(?:[/#?].*)?$", url or "")
        if match:
            return f"{match.group(1)}/{match.group(2)}"
    return None


LICENSE_NAMES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENSE.rst", "COPYING")


def license_from_repository(
    fetcher: Fetcher, meta: UpstreamMetadata, pypi_name: str, version: str
) -> RepositoryLicense | None:
    """The sdist ships no license file: take it from the upstream GitHub repository at the release tag.

    Added to the recipe as a second source (`file_name` keeps it next to the sdist's files).
    Any network failure ends the search at once (no retries): the recipe then lacks the file
    and the check before writing says so.
    """
    from recipegen.endpoints import endpoint

    repository = _github_repository(meta, pypi_name)
    if repository is None:
        return None
    quick = Fetcher(
        cache_dir=fetcher.cache_dir,
        offline=fetcher.offline,
        retries=0,
        timeout=fetcher.timeout,
        transport=fetcher.transport,
        use_cache=fetcher.use_cache,
    )
    base = endpoint("RECIPEGEN_GITHUB_RAW_URL")
    for tag in (f"v{version}", version):
        for name in LICENSE_NAMES:
            url = f"{base}/{repository}/{tag}/{name}"
            try:
                response = quick.get(url)
            except FetchError as exc:
                if exc.status == 404:
                    continue
                return None  # offline, unreachable or failing: give up quietly
            templated = url.replace(f"/{tag}/", "/" + tag.replace(version, "${{ version }}") + "/")
            return RepositoryLicense(
                name,
                response.text,
                {"url": templated, "sha256": hashlib.sha256(response.content).hexdigest(), "file_name": name},
            )
    return None


# NAME or NAME==VERSION (NAME@VERSION)
SPEC_PATTERN = re.compile(
    r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:(?:==|@)\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*))?\s*"
)


def _parse_spec(spec: str, version: str | None) -> tuple[str, str | None]:
    match = SPEC_PATTERN.fullmatch(spec)
    if not match:
        raise UnusableInput(
            f"invalid SPEC {spec!r}: expected NAME, NAME==VERSION, an sdist (.tar.gz/.zip), "
            "a wheel (.whl) or a project folder"
        )
    if match.group(2) and version and match.group(2) != version:
        raise UnusableInput(f"{spec}: conflicts with --version {version}")
    return match.group(1), match.group(2) or version


def metadata_wheel(release: Release) -> ReleaseFile | None:
    """The wheel whose metadata represents the release: the pure one, else a common platform one."""
    wheels = release.wheels()
    if not wheels:
        return None
    pure = release.pure_wheel()
    if pure:
        return pure

    def rank(f: ReleaseFile) -> tuple:
        name = f.filename
        return ("manylinux" not in name, "x86_64" not in name, "cp312" not in name, name)

    return sorted(wheels, key=rank)[0]


def wheel_facts(fetcher: Fetcher, wheel_file: ReleaseFile | None) -> tuple[WheelContents | None, str]:
    """(the wheel's contents when it is small and pure, its METADATA text) of the release's
    metadata wheel: a small pure wheel is read whole, else its PEP 658 metadata file."""
    if wheel_file is None:
        return None, ""
    if wheel_file.is_pure_wheel and (wheel_file.size or 0) <= SMALL_WHEEL_BYTES:
        # A small pure wheel gives METADATA, RECORD and entry_points.txt in one download.
        contents = read_wheel(fetcher.get(wheel_file.url, sha256=wheel_file.sha256).content, wheel_file.filename)
        return contents, contents.metadata
    if wheel_file.core_metadata:
        try:
            return None, fetcher.get(wheel_file.url + ".metadata").text
        except FetchError as exc:
            if exc.status != 404:
                raise
    return None, ""  # no PEP 658 file: the sdist alone is read


PROJECT_FILES = ("pyproject.toml", "setup.cfg", "setup.py")


def is_python_project(folder: Path) -> bool:
    return any((folder / f).is_file() for f in PROJECT_FILES)


def is_local_spec(spec: str) -> bool:
    """A path rather than a PyPI name: written as a path (`./rich`, `rich/`, `/abs`, `..`), an
    archive or wheel file name, or a bare name whose folder is a Python project. A bare valid
    PyPI name is the PyPI package otherwise, even when a folder or file of that name exists (a
    previous run's output folder holds only recipe.yaml)."""
    if spec.startswith(("./", "../", "/", "~")) or spec in (".", "..") or "/" in spec or "\\" in spec:
        return True
    if spec.endswith((*SDIST_SUFFIXES, ".whl")):
        return True
    path = Path(spec)
    if not SPEC_PATTERN.fullmatch(spec):
        return path.exists()
    return path.is_dir() and is_python_project(path)


def _wheel_license_tree(wheel: WheelContents) -> SourceTree:
    """The wheel's license files as a tree (paths inside the wheel, texts for the decision)."""
    texts = {f"{wheel.dist_info}/{rel}": text for rel, text in sorted(wheel.license_files.items())}
    texts = {p: t for p, t in texts.items() if p.rsplit("/", 1)[-1] not in {"METADATA", "RECORD", "WHEEL"}}
    return SourceTree(wheel.label, list(texts), texts)


def _with_spec(spec: str, message: str) -> str:
    """`spec: message`, naming the spec once (index messages already start with the project name)."""
    head, sep, rest = message.partition(": ")
    name = re.split(r"[=@\s]", spec.strip(), maxsplit=1)[0]
    if sep and name and (canonicalize_name(head) == canonicalize_name(name) or head == Path(spec).name):
        return f"{spec}: {rest}"
    return f"{spec}: {message}"


# Magic numbers of the archive formats an sdist or wheel comes in.
_ARCHIVE_MAGIC = {"gzip": b"\x1f\x8b", "bzip2": b"BZh", "xz": b"\xfd7zXZ\x00", "zip": b"PK\x03\x04"}


def _looks_like_source_archive(filename: str, data: bytes) -> bool:
    """An sdist/wheel by extension and by content (before libarchive guesses at any file)."""
    if filename.endswith(".whl") or filename.endswith(".zip"):
        return data.startswith(_ARCHIVE_MAGIC["zip"])
    if filename.endswith((".tar.gz", ".tgz")):
        return data.startswith(_ARCHIVE_MAGIC["gzip"])
    if filename.endswith(".tar.bz2"):
        return data.startswith(_ARCHIVE_MAGIC["bzip2"])
    if filename.endswith(".tar.xz"):
        return data.startswith(_ARCHIVE_MAGIC["xz"])
    return False
