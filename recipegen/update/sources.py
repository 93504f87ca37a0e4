"""The sources of a version bump: new URLs where they cannot follow the version, new digests.

The version is set first and the sources rendered again. A PyPI source must then name the
index's sdist of the new release; where it does not, the URL is rewritten in the text:

- a hashed `files.pythonhosted.org/packages/ab/cd/<hash>/` folder → the new file's folder;
- an old version written literally in the URL → the new version;
- a file name PyPI now spells differently (PEP 625: `PyYAML-` → `pyyaml-`) → the new spelling,
  as a filter on the recipe's own expression (`{{ name | lower }}`) or literally.

The recipe is rendered once more with those edits and the URL it renders to is what is
downloaded and hashed: a PyPI file must match the index's sha256. Only where that URL cannot
be reached from here (`pypi.io` behind a proxy, a mirror without PyPI's `/packages/source/`
redirects) and it names the index's file exactly is the index's own URL downloaded instead.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from packaging.utils import canonicalize_name

from recipegen.http import FetchError
from recipegen.textedit import TextEdit, apply_edits
from recipegen.update import edits
from recipegen.update.model import Recipe, RenderedSource, UpdateError
from recipegen.update.upstream import HASHED_PATH, pypi_project

_STEM_BEFORE_VERSION = re.compile(r"(?P<expr>\$?\{\{\s*(?P<body>[^{}]*?)\s*\}\})-\$?\{\{\s*version\s*\}\}")


@dataclass
class SourceUpdate:
    old_urls: tuple[str, ...]
    new_urls: tuple[str, ...]
    old_digest: str
    new_digest: str = ""
    kind: str = "sha256"  # the digest the recipe writes: sha256 or md5
    verified: str = ""  # how the new file was checked, e.g. "matches the index's sha256"


@dataclass
class Bump:
    """What the source step needs to know about the update."""

    recipe: Recipe
    version_edit: TextEdit
    old_version: str  # as the recipe writes it
    new_version: str
    files: dict[str, Any]  # PyPI's files of the new release by file name ({} for other upstreams)
    variant_files: list
    project: str = ""  # the PyPI project ("" for other upstreams)

    def own(self, url: str) -> bool:
        """A PyPI sdist URL of the project being updated."""
        project = pypi_project(url)
        return bool(self.files and project and canonicalize_name(project) == canonicalize_name(self.project))


def rendered_sources(recipe: Recipe, text: str, variant_files: list) -> list[RenderedSource]:
    if recipe.format == "v0":
        from recipegen.update.read_v0 import read_v0

        return read_v0(recipe.path, text).sources
    from recipegen.update.read_v1 import _render, _sources

    return _sources(_render(recipe.path, text, variant_files))


def source_edits(bump: Bump, download: Any, updates: list[SourceUpdate], notes: list[str]) -> list[TextEdit]:
    """URL and digest edits for every source that follows the version (downloaded and hashed)."""
    recipe = bump.recipe
    after = rendered_sources(recipe, apply_edits(recipe.text, [bump.version_edit]), bump.variant_files)
    hashed = [s for s in recipe.sources if s.sha256 or s.md5]
    url_edits: list[TextEdit] = []
    for source in hashed:
        url_edits += url_fixes(bump, source, _same_source(after, source, bump.new_version))
    if url_edits:
        final = apply_edits(recipe.text, [bump.version_edit, *url_edits])
        after = rendered_sources(recipe, final, bump.variant_files)
    notes += git_notes(recipe.sources, after, bump.new_version)
    found = list(url_edits)
    for source in hashed:
        found += _digest_edits(bump, source, _same_source(after, source, bump.new_version), download, updates)
    return found


def _same_source(after: list[RenderedSource], source: RenderedSource, version: str) -> RenderedSource:
    digest = source.sha256 or source.md5
    new = next((s for s in after if (s.sha256 or s.md5) == digest), None)
    if new is None:
        raise UpdateError(f"the source with digest {digest[:12]}… is gone once the version is {version}")
    return new


# --- git sources -------------------------------------------------------------------------------


def git_notes(before: list[RenderedSource], after: list[RenderedSource], version: str) -> list[str]:
    """A git source has no digest to check: say where its revision now points."""
    notes = []
    later = [s for s in after if s.git]
    for position, source in enumerate(s for s in before if s.git):
        same = [s for s in later if s.git == source.git]
        new = same[0] if len(same) == 1 else (later[position] if position < len(later) else source)
        if new.rev != source.rev:
            notes.append(f"git source {source.git}: rev {source.rev} → {new.rev}; check that it exists upstream")
        else:
            rev = f"rev {source.rev}" if source.rev else "its default branch"
            notes.append(f"git source {source.git} stays at {rev}: check it for {version}")
    return notes


# --- URLs that cannot follow the version by themselves -------------------------------------------


def index_sdist(files: dict[str, Any]) -> Any:
    sdists = [f for f in files.values() if f.is_sdist]
    sdists.sort(key=lambda f: (not f.filename.endswith(".tar.gz"), f.filename))
    return sdists[0] if sdists else None


def names_index_file(url: str, files: dict[str, Any]) -> Any:
    """The index's file a PyPI URL resolves to (None when it names none): a hashed URL by its
    folder and file name, a `/packages/source/<c>/<project>/<file>` URL by its file name."""
    path = unquote(urlsplit(url).path)
    name = os.path.basename(path)
    listed = files.get(name)
    if listed is None:
        return None
    hashed = HASHED_PATH.search(path)
    if hashed:
        wanted = HASHED_PATH.search(unquote(urlsplit(listed.url).path))
        return listed if wanted and wanted.group(0) == hashed.group(0) else None
    return listed


def url_fixes(bump: Bump, old: RenderedSource, new: RenderedSource) -> list[TextEdit]:
    """Edits of the recipe's URL text so that each PyPI URL names the index's new sdist."""
    sdist = index_sdist(bump.files)
    if sdist is None:
        return []
    found: list[TextEdit] = []
    for position, url in enumerate(new.urls):
        if not bump.own(url) or names_index_file(url, bump.files) is not None:
            continue
        before = old.urls[position] if position < len(old.urls) else url
        fixes, url = _folder_and_version(bump, before, url, sdist)
        found += fixes
        if os.path.basename(urlsplit(url).path) != sdist.filename:
            found += _renamed_file(bump.recipe.text, url, sdist.filename)
    return _unique(found)


def _unique(found: list[TextEdit]) -> list[TextEdit]:
    """Mirror URLs written once in the text give the same edit twice: keep one."""
    seen: dict[tuple[int, int], TextEdit] = {}
    for edit in found:
        seen.setdefault((edit.start, edit.end), edit)
    return list(seen.values())


def _folder_and_version(bump: Bump, before: str, url: str, sdist: Any) -> tuple[list[TextEdit], str]:
    """A hashed folder replaced by the new file's; an old version written in a literal URL
    replaced by the new one. (edits, the URL as it will render)."""
    text = bump.recipe.text
    found: list[TextEdit] = []
    literal = url == before and before in text
    hashed = HASHED_PATH.search(urlsplit(url).path)
    if hashed:
        new_folder = HASHED_PATH.search(urlsplit(sdist.url).path)
        old_folder = hashed.group("folder")
        if new_folder is None or old_folder not in text:
            raise UpdateError(
                f"{url}: a hashed PyPI URL whose folder is not written literally: cannot point it at {sdist.filename}"
            )
        start = text.index(old_folder)
        found.append(TextEdit(start, start + len(old_folder), new_folder.group("folder"), "hashed PyPI folder"))
        url = url.replace(old_folder, new_folder.group("folder"))
    if literal and bump.old_version in os.path.basename(url):
        start = text.index(before)
        offset = before.rindex(bump.old_version)
        begin = start + offset
        found.append(TextEdit(begin, begin + len(bump.old_version), bump.new_version, "version in a literal URL"))
        url = url[:offset] + bump.new_version + url[offset + len(bump.old_version) :]
    return found, url


def _renamed_file(text: str, url: str, index_name: str) -> list[TextEdit]:
    """The URL's file name as PyPI now spells the sdist (PEP 625: `PyYAML-6.0.4.tar.gz` →
    `pyyaml-6.0.4.tar.gz`): the stem written before the version, on the URL's lines."""
    name = os.path.basename(urlsplit(url).path)
    stem_match = re.match(r"(.+?)-\d", name)
    new_stem = re.sub(r"\.(tar\.gz|tgz|zip|tar\.bz2|tar\.xz)$", "", index_name).rsplit("-", 1)[0]
    stem = stem_match.group(1) if stem_match else ""
    if not stem or canonicalize_name(stem) != canonicalize_name(new_stem):
        raise UpdateError(f"{url}: PyPI's sdist of the new release is {index_name}, not this file: fix the URL")
    found = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if "://" in line:
            found += _stem_edits(line, offset, stem, new_stem)
        offset += len(line)
    if not found:
        raise UpdateError(f"PyPI names the new sdist {index_name}, the recipe's URL gives {name}: fix the URL")
    return found


def _stem_edits(line: str, offset: int, stem: str, new_stem: str) -> list[TextEdit]:
    """On one URL line: `stem-` written literally before the version, or the expression that
    renders it (`{{ name }}` → `{{ name | lower }}`)."""
    found = []
    for match in re.finditer(re.escape(stem) + r"-(?=\$?\{\{\s*version|\d)", line):
        start = offset + match.start()
        found.append(TextEdit(start, start + len(stem), new_stem, "sdist file name (PEP 625)"))
    if found:
        return found
    for match in _STEM_BEFORE_VERSION.finditer(line):
        body = match.group("body")
        filters = _filters(stem, new_stem)
        if body == "version" or filters is None:
            continue
        expr = match.group("expr")
        dollar = "$" if expr.startswith("$") else ""
        start = offset + match.start("expr")
        new = f"{dollar}{{{{ {body}{filters} }}}}"
        found.append(TextEdit(start, start + len(expr), new, "sdist file name (PEP 625)"))
    return found


def _filters(stem: str, new_stem: str) -> str | None:
    """Jinja filters turning the rendered stem into PyPI's new spelling (None: none would)."""
    result, filters = stem, ""
    for old in "-.":
        if old in result and old not in new_stem:
            result, filters = result.replace(old, "_"), filters + f' | replace("{old}", "_")'
    if result != new_stem and result.lower() == new_stem:
        result, filters = result.lower(), filters + " | lower"
    return filters if result == new_stem and filters else None


# --- new digests ------------------------------------------------------------------------------------


def _digest_edits(
    bump: Bump, old: RenderedSource, new: RenderedSource, download: Any, updates: list[SourceUpdate]
) -> list[TextEdit]:
    kind = "sha256" if old.sha256 else "md5"
    digest = old.sha256 or old.md5
    if new.urls == old.urls:
        _refuse_old_pypi_file(bump, new.urls)
        return []  # not versioned: the same file, the same digest
    update = SourceUpdate(old.urls, new.urls, digest, kind=kind)
    got, listed, direct = _download(bump, new.urls, download)
    update.new_digest = got.sha256 if kind == "sha256" else got.md5
    if listed is not None and listed.sha256:
        if got.sha256 != listed.sha256:
            raise UpdateError(f"{got.url}: sha256 {got.sha256} does not match the index's {listed.sha256}")
        update.verified = f"{'its sha256 ' if kind == 'md5' else ''}matches the index's sha256"
        if not direct:
            update.verified += "; the recipe's URL names that file but does not answer here"
    updates.append(update)
    found = edits.digest_edits(bump.recipe.text, digest, update.new_digest, f"{kind} of {new.urls[0]}")
    if not found:
        raise UpdateError(f"the digest {digest} is not written literally in the recipe: cannot update it")
    return found


def _refuse_old_pypi_file(bump: Bump, urls: tuple[str, ...]) -> None:
    """A PyPI sdist URL of the project that does not follow the version would keep the old file."""
    if any(bump.own(u) and names_index_file(u, bump.files) is None for u in urls):
        sdist = index_sdist(bump.files)
        raise UpdateError(f"{urls[0]} does not follow the version: point it at {sdist.filename if sdist else '?'}")


def _download(bump: Bump, urls: tuple[str, ...], download: Any) -> tuple[Any, Any, bool]:
    """(the downloaded file, the index's entry it must match or None, whether the recipe's URL
    answered). A PyPI URL must name the index's file; when it cannot be reached from here, the
    index's URL of that same file is downloaded."""
    pypi_urls = [u for u in urls if bump.own(u)]
    listed = None
    if pypi_urls:
        listed = names_index_file(pypi_urls[0], bump.files)
        if listed is None:
            sdist = index_sdist(bump.files)
            wanted = sdist.filename if sdist else "?"
            raise UpdateError(f"{pypi_urls[0]} is not PyPI's file of {bump.new_version} ({wanted})")
    try:
        return download(urls), listed, True
    except FetchError:
        if listed is None or not listed.url:
            raise
    return download((listed.url,)), listed, False
