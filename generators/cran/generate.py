"""One CRAN package name → Recipe: fetch, read the tarball, build the recipe."""

from __future__ import annotations

from dataclasses import dataclass, field

from recipegen.generators.cran.description import DescriptionError, collapse
from recipegen.generators.cran.package import PackageError, read_package
from recipegen.generators.cran.recipe import RecipeOptions, build_recipe
from recipegen.generators.cran.repository import CranRepository, NotCached, NotFound, Refused, RepositoryError

from recipegen.generate import GenerationError, UnusableInput
from recipegen.recipe import Recipe


@dataclass
class CranGenerator:
    repository: CranRepository
    options: RecipeOptions = field(default_factory=RecipeOptions)
    versions: dict[str, str] = field(default_factory=dict)  # lower-cased name → requested version

    def generate(self, name: str) -> Recipe:
        """The recipe of CRAN package `name`; errors are one-line GenerationErrors naming it
        (UnusableInput for what a local repository holds that cannot be read)."""
        try:
            return self._generate(name)
        except GenerationError as exc:
            raise type(exc)(collapse(str(exc))) from None  # values quoted from files may span lines

    def _failure(self, message: str, exc: Exception) -> GenerationError:
        unusable = self.repository.local and not isinstance(exc, (NotFound, NotCached, Refused))
        return UnusableInput(message) if unusable else GenerationError(message)

    def _generate(self, name: str) -> Recipe:
        try:
            tarball = self.repository.fetch(name, self.versions.get(name.lower()))
        except RepositoryError as exc:
            raise self._failure(f"{name}: {exc}", exc) from None
        try:
            package = read_package(tarball.data, tarball.location, expected=tarball.package)
        except PackageError as exc:
            raise self._failure(f"{tarball.package}: {exc}", exc) from None
        description = package.description
        if description.package.lower() != tarball.package.lower() or description.version != tarball.version:
            raise GenerationError(
                f"{tarball.package}: {tarball.location} holds {description.package} {description.version}, "
                f"expected {tarball.package} {tarball.version}"
            )
        package.sha256 = tarball.sha256
        package.archived = tarball.archived
        try:
            return build_recipe(package, self.options)
        except DescriptionError as exc:
            raise self._failure(f"{tarball.package}: {exc}", exc) from None
