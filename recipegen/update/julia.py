"""Julia's registry: the newest registered version and a version's requirements the way
`recipegen julia` maps them (Deps.toml + Compat.toml → `julia-<dep> <bounds>`, stdlibs
dropped, JLLs → the conda-forge library they wrap, `julia` compat → the julia bounds)."""

from __future__ import annotations

from recipegen.update.model import canonical, split_spec
from recipegen.update.requirements import BUILD, RUN, Req, UpstreamRequirements


def find(registry, name: str, uuid: str = ""):
    if uuid and registry.is_registered(uuid):
        return registry.load(uuid)
    return registry.find(name)


def newest(package) -> str | None:
    """The newest registered, non-yanked release (pre-releases `1.0.0-rc1` left out)."""
    live = [v for v in package.sorted_versions() if not package.versions[v].yanked and "-" not in v]
    return live[-1] if live else package.newest_version()


def requirements(registry, package, version: str, julia: tuple[int, int]) -> UpstreamRequirements:
    from recipegen.generators.julia.recipe import resolve_dependencies

    deps = resolve_dependencies(registry, package, version, julia)
    result = UpstreamRequirements(version, source="registry Deps.toml/Compat.toml")
    for requirement in deps.julia_deps:
        name, spec = split_spec(requirement.spec)
        result.group(RUN)[canonical(name)] = Req(name, spec, name.removeprefix("julia-"))
    for jll, (host, run, _) in deps.libraries.items():
        for item in host:
            name, spec = split_spec(item)
            result.group(BUILD)[canonical(name)] = Req(name, spec, jll)
        for item in run:
            name, spec = split_spec(item)
            result.group(RUN).setdefault(canonical(name), Req(name, spec, jll))
    name, spec = split_spec(deps.julia)
    if spec:
        result.interpreter = Req(name, spec, "julia compat")
    return result


def verified_downloader(download, package, version: str):
    """`download`, refusing an archive whose git tree hash is not the tree the registry records
    for `version` (its only digest: a moved tag or a tampered download is a wrong digest)."""
    from recipegen.archives import ArchiveError
    from recipegen.generators.julia.source import Candidate, read_archive
    from recipegen.update.model import UpdateError

    registered = package.versions[version].git_tree_sha1

    def verified(urls: tuple[str, ...]):
        got = download(urls)
        kind = "pkg-server" if "/package/" in got.url else "tag"
        try:
            archive = read_archive(got.data, Candidate(got.url, kind, package.subdir or ""), got.url)
        except ArchiveError as exc:
            raise UpdateError(str(exc)) from None
        if registered and archive.tree_hash not in ("", registered):
            raise UpdateError(
                f"{got.url}: git tree hash {archive.tree_hash} is not the registered {registered} of "
                f"{package.name} {version}; refused"
            )
        return got

    return verified
