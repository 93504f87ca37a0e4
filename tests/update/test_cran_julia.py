"""Updates of CRAN and Julia recipes. CRAN and GitHub are not reachable from CI: the repository
and archives are built in the test from real files (fixtures/cran: DESCRIPTIONs and a CRAN
tarball; fixtures/julia: a slice of the General registry)."""

from __future__ import annotations

import hashlib
import io
import re
import tarfile
from pathlib import Path

from recipegen.http import Fetcher, Response
from recipegen.update.pipeline import Options, update_recipe
from recipegen.update.record import stand_in_archive
from recipegen.update.resolve import Services

from .conftest import recipe_copy

ROOT = Path(__file__).resolve().parents[2]
CRAN = ROOT / "fixtures" / "cran"
JULIA = ROOT / "fixtures" / "julia"
MIRROR = "https://cloud.r-project.org/src/contrib"


def tarball(folder: str, files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz", format=tarfile.USTAR_FORMAT) as tar:
        for name, body in sorted(files.items()):
            info = tarfile.TarInfo(f"{folder}/{name}")
            info.size, info.mtime = len(body), 0
            tar.addfile(info, io.BytesIO(body))
    return out.getvalue()


def cran_site(tmp_path: Path) -> tuple[dict[str, bytes], bytes]:
    """ggplot2 4.0.1 current (PACKAGES + tarball from its DESCRIPTION), 3.5.1 in the archive."""
    description = (CRAN / "ggplot2" / "DESCRIPTION").read_bytes()
    new = tarball("ggplot2", {"DESCRIPTION": description, "LICENSE": (CRAN / "ggplot2" / "LICENSE").read_bytes()})
    site = {
        f"{MIRROR}/PACKAGES": description,
        f"{MIRROR}/ggplot2_4.0.1.tar.gz": new,
        f"{MIRROR}/Archive/ggplot2/ggplot2_3.5.1.tar.gz": (CRAN / "real" / "ggplot2_3.5.1.tar.gz").read_bytes(),
    }
    return site, new


def serve(site: dict[str, bytes]):
    def transport(url: str) -> Response:
        return Response(url, 200, site[url]) if url in site else Response(url, 404, b"")

    return transport


def test_cran_v0_recipe_follows_description_changes(tmp_path):
    path = recipe_copy(tmp_path, "r-ggplot2-v0")
    path.write_text(path.read_text().replace('{% set version = "3.5.2" %}', '{% set version = "3.5.1" %}'))
    before = path.read_text()
    site, new = cran_site(tmp_path)
    services = Services(Fetcher(transport=serve(site), use_cache=False, retries=0, cache_dir=tmp_path / "c"))
    result = update_recipe(path, Options(version="4.0.1"), services)
    after = path.read_text()
    assert result.status == "updated", result.error
    assert result.upstream == "ggplot2 on CRAN"
    assert hashlib.sha256(new).hexdigest() in after and '{% set version = "4.0.1" %}' in after
    assert "  number: 0" in after and "  number: 1" in before
    for removed in ("r-mass", "r-mgcv", "r-tibble", "r-glue"):
        assert f"    - {removed}\n" in before and f"    - {removed}\n" not in after
    assert after.count("    - r-s7\n") == 2  # host and run, as the recipe lists imports in both
    assert after.count("    - r-gtable >=0.3.6\n") == 2
    scales = [p for p in result.proposals if p.name == "r-scales"]
    assert scales and not any(p.applied for p in scales)  # the recipe's own floor (>=1.2.0): a hint
    assert "    - r-scales >=1.2.0\n" in after


def test_cran_index_without_the_package_is_one_line(tmp_path):
    path = recipe_copy(tmp_path, "r-ggplot2-v0")
    site = {f"{MIRROR}/PACKAGES": b"Package: other\nVersion: 1.0\nLicense: MIT\n"}
    services = Services(Fetcher(transport=serve(site), use_cache=False, retries=0, cache_dir=tmp_path / "c"))
    result = update_recipe(path, Options(), services)
    assert result.status == "failed" and "ggplot2" in result.error and "\n" not in result.error


def julia_recipe(tmp_path: Path, site: dict[str, bytes]) -> Path:
    """`recipegen julia JSON --version 0.21.1` (the generator itself), as a feedstock."""
    from recipegen.generators.julia.generate import JuliaGenerator
    from recipegen.generators.julia.recipe import RecipeOptions
    from recipegen.generators.julia.registry import open_local

    registry = open_local(JULIA / "registry" / "General")
    fetcher = Fetcher(transport=serve(site), use_cache=False, retries=0, cache_dir=tmp_path / "g")
    options = RecipeOptions(julia_version=(1, 11), no_fetch=True)  # the stand-in is not the registered tree
    generator = JuliaGenerator(registry, fetcher, options, {"json": "0.21.1"})
    text = generator.generate("JSON").text()
    url = "https://github.com/JuliaIO/JSON.jl/archive/refs/tags/v0.21.1.tar.gz"
    digest = hashlib.sha256(site[url]).hexdigest()  # the maintainers filled it in, as the generator asks
    text = re.sub(r"(\n(\s*)url: .*\n)", lambda m: f"{m.group(1)}{m.group(2)}sha256: {digest}\n", text, count=1)
    folder = tmp_path / "julia-json-feedstock" / "recipe"
    folder.mkdir(parents=True)
    (folder / "recipe.yaml").write_text(text)
    return folder / "recipe.yaml"


REGISTERED_0_21_4 = "31e996f0a15c7b280ba9f76636b3ff9e2ae58c9a"  # JSON 0.21.4's git-tree-sha1 in the registry


def _registry_recording(tmp_path: Path, archive: bytes) -> Path:
    """A copy of the fixture registry whose JSON 0.21.4 is the tree of `archive` (a stand-in
    for the real release, as the registry records the real one's)."""
    from recipegen.generators.julia.source import Candidate, read_archive

    from tests.julia.conftest import copy_registry, rewrite

    registry = copy_registry(tmp_path / "General")
    tree = read_archive(archive, Candidate("stand-in", "tag", ""), "stand-in").tree_hash
    versions = next(registry.glob("J/JSON/Versions.toml"))
    rewrite(versions, versions.read_text().replace(REGISTERED_0_21_4, tree))
    return registry


def test_julia_registry_recipe(tmp_path):
    tags = "https://github.com/JuliaIO/JSON.jl/archive/refs/tags"
    site = {f"{tags}/v{v}.tar.gz": stand_in_archive(f"JSON.jl v{v}") for v in ("0.21.1", "0.21.4")}
    path = julia_recipe(tmp_path, site)
    before = path.read_text()
    assert "julia-parsers >=0.1.0,<0.4|>=1.0.0,<2" in before
    fetcher = Fetcher(transport=serve(site), use_cache=False, retries=0, cache_dir=tmp_path / "c")
    registry = _registry_recording(tmp_path, site[f"{tags}/v0.21.4.tar.gz"])
    services = Services(fetcher, registry_spec=str(registry), julia_version=(1, 11))
    result = update_recipe(path, Options(), services)
    after = path.read_text()
    assert result.status == "updated", result.error
    assert (result.old_version, result.new_version) == ("0.21.1", "0.21.4")
    assert hashlib.sha256(site[f"{tags}/v0.21.4.tar.gz"]).hexdigest() in after
    assert "julia-parsers >=1.0.0,<3" in after
    assert 'version: "0.21.4"' in after or "version: 0.21.4" in after
    assert "81690084b6198a2e1da36fcfda16eeca9f9f24e4" not in after


def test_a_julia_release_archive_of_another_tree_is_refused(tmp_path):
    """The registry's git-tree-sha1 is the only digest of a Julia release: a tag archive whose
    tree is another (a moved tag, a tampered download) is refused, the recipe left as it was."""
    tags = "https://github.com/JuliaIO/JSON.jl/archive/refs/tags"
    site = {f"{tags}/v{v}.tar.gz": stand_in_archive(f"JSON.jl v{v}") for v in ("0.21.1", "0.21.4")}
    path = julia_recipe(tmp_path, site)
    before = path.read_text()
    fetcher = Fetcher(transport=serve(site), use_cache=False, retries=0, cache_dir=tmp_path / "c")
    services = Services(fetcher, registry_spec=str(JULIA / "registry" / "General"), julia_version=(1, 11))
    result = update_recipe(path, Options(), services)
    assert result.status == "failed"
    assert f"is not the registered {REGISTERED_0_21_4}" in result.error and "refused" in result.error
    assert path.read_text() == before


def test_cran_v1_recipe_written_by_recipegen_cran(tmp_path):
    """`recipegen cran ggplot2 --version 3.5.1` (the generator, from a local repository), then
    updated to 4.0.1 from the mirror its URLs name."""
    from recipegen.generators.cran.generate import CranGenerator
    from recipegen.generators.cran.recipe import RecipeOptions
    from recipegen.generators.cran.repository import CranRepository

    site, new = cran_site(tmp_path)
    local = tmp_path / "cran"
    for url, body in site.items():
        target = local / url.removeprefix("https://cloud.r-project.org/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    options = RecipeOptions(cran_mirror="https://cloud.r-project.org", use_r=False)
    generated = CranGenerator(CranRepository.from_dir(local), options, {"ggplot2": "3.5.1"}).generate("ggplot2")
    folder = tmp_path / "r-ggplot2-feedstock" / "recipe"
    folder.mkdir(parents=True)
    (folder / "recipe.yaml").write_text(generated.text())
    services = Services(Fetcher(transport=serve(site), use_cache=False, retries=0, cache_dir=tmp_path / "c"))
    result = update_recipe(folder / "recipe.yaml", Options(), services)
    after = (folder / "recipe.yaml").read_text()
    assert result.status == "updated", result.error
    assert (result.old_version, result.new_version) == ("3.5.1", "4.0.1")
    assert hashlib.sha256(new).hexdigest() in after
    assert after.count("    - r-s7\n") == 2 and after.count("    - r-scales >=1.4.0\n") == 2
    assert "r-tibble" not in after and "r-mass" not in after
