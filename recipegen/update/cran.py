"""CRAN: the current version from the repository index, a release's DESCRIPTION, and its
requirements the way `recipegen cran` maps them (Depends + Imports → run, LinkingTo → host,
`R (>= x)` → r-base, base packages dropped, names `r-<lowercase>`, versions `-` → `_`)."""

from __future__ import annotations

from recipegen.generators.cran.description import Description

from recipegen.update.model import canonical, split_spec
from recipegen.update.requirements import BUILD, RUN, Req, UpstreamRequirements


def repository(root: str, fetcher):
    from recipegen.generators.cran.repository import CranRepository

    return CranRepository.from_url(root, fetcher)


def newest(repo, name: str) -> str | None:
    record = repo.resolve(name)
    return record.version if record is not None else None


def description_of(data: bytes, label: str, name: str) -> Description:
    from recipegen.generators.cran.package import read_package

    return read_package(data, label, expected=name).description


def requirements(description: Description, use_r: bool | None = False) -> UpstreamRequirements:
    from recipegen.generators.cran.licenses import license_from_description
    from recipegen.generators.cran.package import CranPackage
    from recipegen.generators.cran.recipe import dependency_spec, r_dependencies
    from recipegen.generators.cran.sysreqs import map_system_requirements

    package = CranPackage(description=description)
    result = UpstreamRequirements(description.version, source="DESCRIPTION")
    for group, fields in ((RUN, ("Depends", "Imports")), (BUILD, ("LinkingTo",))):
        for dependency in r_dependencies(package, fields, use_r):
            name, spec = split_spec(dependency_spec(dependency))
            result.group(group)[canonical(name)] = Req(name, spec, dependency.name)
    floors = [
        f"{op}{version.replace('-', '_')}"
        for dep in description.dependencies("Depends")
        if dep.name == "R"
        for op, version in dep.constraints
    ]
    if floors:
        result.interpreter = Req("r-base", ",".join(floors), "R")
    try:
        result.license = license_from_description(description.license, use_r).spdx or ""
    except Exception:
        result.license = ""
    system = map_system_requirements(description.system_requirements)
    result.native = dict.fromkeys((h for h in system.host if isinstance(h, str)), "SystemRequirements")
    return result
