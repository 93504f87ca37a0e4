"""One Julia package name → Recipe: registry lookup, version choice, source fetch, recipe."""

from __future__ import annotations

from dataclasses import dataclass, field

from recipegen.generators.julia.recipe import RecipeOptions, build_recipe
from recipegen.generators.julia.registry import NoSuchPackage, Package, Registry, RegistryError
from recipegen.generators.julia.source import candidates, fetch_source
from recipegen.generators.julia.versions import VersionSyntaxError, parse_version

from recipegen.generate import GenerationError, UnusableInput
from recipegen.recipe import Recipe


def choose_version(package: Package, wanted: str | None) -> str:
    """The requested version (an error if unknown or yanked), else the newest non-yanked one."""
    if wanted:
        text = _completed(wanted.strip().removeprefix("v"))
        try:
            parse_version(text)
        except VersionSyntaxError:
            raise GenerationError(f"{package.name}: {wanted!r} is not a version (expected e.g. 1.2.3)") from None
        if text not in package.versions:
            newest = package.newest_version() or "none"
            raise GenerationError(f"{package.name} has no registered version {text} (newest: {newest})")
        if package.versions[text].yanked:
            raise GenerationError(f"{package.name} {text} is yanked in the registry; pick another version")
        return text
    newest = package.newest_version()
    if newest is None:
        raise GenerationError(f"{package.name}: every registered version is yanked")
    return newest


def _completed(text: str) -> str:
    """`0.21` → `0.21.0`, `1` → `1.0.0`: Julia's VersionNumber fills missing parts with 0."""
    parts = text.split(".")
    if all(part.isdigit() for part in parts) and len(parts) < 3:
        return ".".join(parts + ["0"] * (3 - len(parts)))
    return text


@dataclass
class JuliaGenerator:
    registry: Registry
    fetcher: object
    options: RecipeOptions
    versions: dict[str, str] = field(default_factory=dict)  # lower-cased NAME → --version

    def generate(self, spec: str) -> Recipe:
        """The recipe of Julia package `spec`; errors are one-line GenerationErrors (UnusableInput
        for a file of a local registry that cannot be read)."""
        try:
            package = self.registry.find(spec)
            version = choose_version(package, self.versions.get(spec.lower()))
            info = package.versions[version]
            found = candidates(package.name, package.uuid, version, package.repo, package.subdir, info.git_tree_sha1)
            if self.options.no_fetch:
                return build_recipe(self.registry, package, version, (found[0], None), self.options)
            archive, reasons = fetch_source(self.fetcher, found, info.git_tree_sha1)
            if archive is None:
                raise GenerationError(
                    f"{package.name} {version}: cannot download the source ({'; '.join(reasons)}); "
                    "pass --no-fetch to write the recipe without its sha256"
                )
            return build_recipe(self.registry, package, version, (archive.candidate, archive), self.options)
        except NoSuchPackage as exc:
            raise GenerationError(str(exc)) from None
        except RegistryError as exc:
            raise (UnusableInput if self.registry.local else GenerationError)(str(exc)) from None
