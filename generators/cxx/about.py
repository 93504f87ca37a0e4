"""What a C/C++ source says about itself for `about:` when its build files do not: the git
remote of a checkout (homepage/repository), a pkg-config template's or meson `pkgconfig.generate`
description, or the README's first sentence (summary). Plain functions over text."""

from __future__ import annotations

import configparser
import re
from pathlib import PurePosixPath

MAX_SUMMARY = 160


def git_remote_url(config_text: str) -> str:
    """The https URL of the `origin` remote (else the first remote) in a .git/config, or ''."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(config_text)
    except configparser.Error:
        return ""
    remotes = [s for s in parser.sections() if re.fullmatch(r'remote\s+"[^"]+"', s)]
    remotes.sort(key=lambda s: s != 'remote "origin"')
    for section in remotes:
        url = https_url(parser.get(section, "url", fallback="").strip())
        if url:
            return url
    return ""


def https_url(remote: str) -> str:
    """`git@github.com:o/r.git`, `ssh://git@host/o/r.git`, `https://host/o/r.git` -> `https://host/o/r`."""
    m = re.fullmatch(r"(?:ssh://)?[\w.-]+@([\w.-]+)[:/](.+?)(?:\.git)?/?", remote) or re.fullmatch(
        r"(?:https?|git)://(?:[^@/]+@)?([\w.-]+(?::\d+)?)/(.+?)(?:\.git)?/?", remote
    )
    if not m or "/" not in m.group(2).strip("/"):
        return ""
    return f"https://{m.group(1)}/{m.group(2).strip('/')}"


def pkg_config_description(texts: dict[str, str], name: str) -> tuple[str, str]:
    """(description, file) of a pkg-config template (`foo.pc.in`, `zlib.pc.cmakein`), the one
    named after the project first; templated values (`@X@`) are not a description."""
    templates = [p for p in texts if re.search(r"\.pc\.(in|cmakein)$", p)]
    wanted = name.lower().removeprefix("lib")
    templates.sort(key=lambda p: (PurePosixPath(p).name.split(".")[0].lower().removeprefix("lib") != wanted, p))
    for path in templates:
        m = re.search(r"^Description:[ \t]*(.+)$", texts[path], re.MULTILINE)
        if m and "@" not in m.group(1) and "${" not in m.group(1):
            return one_line(m.group(1)), path
    return "", ""


def meson_pkgconfig_description(texts: dict[str, str]) -> tuple[str, str]:
    """(description, file) from `pkg.generate(..., description: '...')` in meson.build files."""
    for path in sorted((p for p in texts if PurePosixPath(p).name == "meson.build"), key=lambda p: (p.count("/"), p)):
        text = texts[path]
        for m in re.finditer(r"\.generate\s*\(", text):
            args = _balanced(text, m.end())
            d = re.search(r"\bdescription\s*:\s*'((?:[^'\\]|\\.)*)'", args)
            if d and d.group(1).strip():
                return one_line(d.group(1)), path
    return "", ""


def one_line(text: str) -> str:
    """A summary line: whitespace collapsed, no final full stop (as conda-forge summaries read)."""
    text = " ".join(text.split())
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def _balanced(text: str, start: int) -> str:
    depth, i = 1, start
    while i < len(text) and depth:
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        i += 1
    return text[start : i - 1]


_README_NAMES = ("readme.md", "readme.rst", "readme.txt", "readme", "readme.markdown")


def readme_file(texts: dict[str, str], prefix: str = "") -> str:
    """The project's README (README.md, README.rst, ... first; README.1ST and the like after)."""
    names = [p for p in sorted(texts) if p.startswith(prefix) and "/" not in p[len(prefix) :]]
    for wanted in _README_NAMES:
        for path in names:
            if path[len(prefix) :].lower() == wanted:
                return path
    return next((p for p in names if p[len(prefix) :].lower().startswith("readme")), "")


def readme_summary(text: str, name: str = "") -> str:
    """The README's first sentence of prose: headings, badges, HTML, code and lists skipped,
    Markdown/reST markup removed, sections on building, installing or the licence (and theirs)
    skipped; '' when there is none or it is too long for a summary."""
    paragraph: list[str] = []
    in_code = False
    blocked: int | None = None  # the level of a heading whose section is no description
    for line in [*text.splitlines(), ""]:
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            continue
        if not stripped:
            if blocked is None and _title_block(paragraph):
                return _first_sentence(paragraph[0])
            if _prose(paragraph, name) and blocked is None:
                return _first_sentence(" ".join(paragraph))
            paragraph = []
            continue
        if _skipped_line(stripped):
            if stripped.startswith("#"):  # a Markdown heading
                blocked = _blocked_after(stripped, blocked)
            paragraph = []
            continue
        paragraph.append(stripped)
    return ""


def _blocked_after(heading: str, blocked: int | None) -> int | None:
    """After a heading, the level whose section (and subsections) holds no description: libcvd's
    `## Compiling and installing` and its `### Ubuntu 16.04 / gcc 5`; box2d's `# Build Status`
    only until `# Box2D`."""
    level = len(heading) - len(heading.lstrip("#")) or 1
    if _NOT_A_DESCRIPTION_SECTION.search(_heading_words(heading)):
        return level if blocked is None else min(level, blocked)
    return blocked if blocked is not None and level > blocked else None


# sections whose prose is about building, installing or the licence, not what the library is
# (libcvd's "## Compiling and installing": "libCVD currently has both an autoconf and cmake based build system")
_NOT_A_DESCRIPTION_SECTION = re.compile(
    r"\b(?:compil\w*|build\w*|install\w*|usage|licen[cs]\w*|contribut\w*|requirements|dependencies|compatib\w*"
    r"|prerequisites?|documentation|docs|changes|changelog|news|authors?)\b",
    re.I,
)


def _heading_words(heading: str) -> str:
    """A heading's words, without its badges and links (libccd's `# libccd [![Build Status](...)](...)`)."""
    return _plain(re.sub(r"\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)|!\[[^\]]*\]\([^)]*\)|https?://\S+", " ", heading))


def _skipped_line(line: str) -> bool:
    return (
        line.startswith(("#", "<", "[![", "![", "..", "|", "- ", "* ", "+ ", ">", ":"))
        or re.fullmatch(r"[=\-~^*#+`]{3,}", line) is not None
        or re.match(r"^\d+[.)] ", line) is not None
    )


def _plain(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](url), images
    text = re.sub(r"`_+", "", re.sub(r"`([^`<]*?)\s*<[^>]+>`_+", r"\1", text))  # reST links
    text = re.sub(r"(\*\*\*|\*\*|__|\*|``|`)(.+?)\1", r"\2", text)  # ***bold italic*** too
    return " ".join(text.split())


def _prose(lines: list[str], name: str) -> bool:
    text = _plain(" ".join(lines))
    words = text.split()
    sentence_like = re.search(r"[.!?](\s|$)", text) is not None or len(words) >= 6
    return (
        len(words) >= 3
        and sentence_like
        and not text.isupper()
        and text.lower().rstrip(".") != name.lower()
        and not _only_names_the_release(text, name)
        and not _NOT_A_DESCRIPTION.match(text)
        and not text.rstrip().endswith(":")  # a lead-in to a list or a link ("The online home for GF-Complete is:")
    )


# a paragraph of credits or contacts, not a description (gf-complete's "Authors: James S. Plank ...")
# ... or a pointer to other reading or to building (gf-complete's "The user's manual is in the file Manual.pdf")
# ... or a notice about branches or releases
_NOT_A_DESCRIPTION = re.compile(
    r"^(?:authors?|maintainers?|contributors?|credits|copyright|contact|e-?mail|written by"
    r"|the (?:user'?s )?manual|(?:the )?documentation|to (?:compile|build|install)|see |please |for more |read "
    r"|note\b|warning\b|important\b|caution\b)\b",  # libcvd's "Note, the master branch is now libCVD-2.0 ..."
    re.I,
)


_RELEASE_WORDS = re.compile(
    r"^(?:this|is|the|a|an|of|version|revision|release|rev|v?\d[\w.]*|january|february|march|april|may|june|"
    r"july|august|september|october|november|december)$",
    re.I,
)


def _only_names_the_release(text: str, name: str) -> bool:
    """gf-complete's README: "This is GF-Complete, Revision 1.03. January 1, 2015." says nothing of the
    library: its words are the project's name, a version and a date."""
    plain_name = re.sub(r"[^a-z0-9]", "", name.lower())
    words = [re.sub(r"[^\w.]", "", w).strip(".") for w in text.split()]
    rest = [w for w in words if w and not _RELEASE_WORDS.match(w) and re.sub(r"[^a-z0-9]", "", w.lower()) != plain_name]
    return len(rest) < 2


_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b|^\d{4}-\d{2}-\d{2}$", re.I
)


def _title_block(lines: list[str]) -> bool:
    """A README's opening lines of title, version and date, no sentence (libantlr3c's "ANTLR v3.0.1 C
    Runtime" / "ANTLR 3.0.1" / "January 1, 2008"): its first line, when it has words enough, is the
    summary, not the three lines run together."""
    return (
        2 <= len(lines) <= 4
        and all(len(line.split()) <= 6 and not re.search(r"[.!?:]$", line) for line in lines)
        and any(_DATE.search(line) for line in lines[1:])
        and len(_plain(re.sub(r"\bv?\d+(?:\.\d+)+\b", "", lines[0])).split()) >= 3
    )


def _first_sentence(text: str) -> str:
    text = _plain(text)
    m = re.match(r"^(.+?[.!?])(?:\s|$)", text)
    sentence = (m.group(1) if m else text).strip()
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    sentence = re.sub(r"^(\S+) v?\d+(?:\.\d+)+ ", r"\1 ", sentence)  # "zlib 1.3.1 is ...": no version
    return sentence if len(sentence) <= MAX_SUMMARY else _main_clause(sentence)


def _main_clause(sentence: str) -> str:
    """A long sentence cut before its last trailing clause that fits ("..., allowing to ..."):
    '' when what is left would be too short to say what the project is."""
    for pattern in (r", ", r" (?:but|which|with|while|whereas) "):  # doctest's "... framework but is ..."
        cuts = [m.start() for m in re.finditer(pattern, sentence[: MAX_SUMMARY + 1])]
        for cut in reversed(cuts):
            head = sentence[:cut].rstrip(",")
            if head.count(" ") < 6:
                break
            if not re.search(r"\b(such as|like|e\.g|i\.e|and|or)$", head):
                return head
    return ""


# --- home page ------------------------------------------------------------------------------------

_URL = re.compile(r"https?://[^\s<>\"')\]`,;]+")
_LABELLED = re.compile(
    r"(?:home\s*page|homepage|web\s*page|webpage|web\s*site|website|project page|official site|[\"'“]?home[\"'”]?)\s*"
    r"(?:is\s+(?:located\s+|available\s+|found\s+)?(?:at\s+)?|:|at)?\s*[:\-]?\s*<?"
    r"(https?://[^\s<>\"')\]`,;]+)"
    r"|(?:are|is)\s+(?:currently\s+|now\s+)?hosted\s+(?:at|on|by)\s*:?\s*<?(https?://[^\s<>\"')\]`,;]+)"
    # libscrypt's "Official project page, including stable tarballs found here:\nhttp://..."
    r"|(?:project\s+page|home\s*page|web\s*site|website)\b[^\n.:]{0,60}?\b(?:here|at)\s*:\s*<?(https?://[^\s<>\"')\]`,;]+)"
    # libcap's "More information on capabilities ..., links to the official git repository ... can be found at:"
    r"|\bmore information\b[^.:]{0,200}?\bcan be found (?:at|here)\s*:\s*<?(https?://[^\s<>\"')\]`,;]+)",
    re.I,
)
# A CI service's page of a GitHub repository (libccd's Travis badge travis-ci.org/danfis/libccd)
_CI_REPOSITORY = re.compile(
    r"^https?://(?:api\.)?(?:travis-ci\.(?:org|com)|ci\.appveyor\.com/project|codecov\.io/gh|coveralls\.io/github)"
    r"/([\w.-]+)/([\w.-]+?)(?:\.svg|\.png)?(?:[/?#].*)?$",
    re.I,
)
# A Texinfo manual's link labelled with the project's name (lzlib's `@uref{http://www.nongnu.org/lzip/lzlib.html,,Lzlib}`)
_TEXINFO_LINK = re.compile(r"@uref\{(https?://[^,}\s]+),\s*,\s*([^,}]+)\}")
# A README section about the home page: "Homepage\n--------\n\n    https://..." (libunistring)
# a source notice's pointer: "For more information about HEALPix see http://..."
_SEE_MORE = re.compile(r"\bfor more information\b[^\n]{0,60}?\bsee\s+<?(https?://[^\s<>\"')\]`,;]+)", re.I)
_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:home\s*page|homepage|web\s*site|website|project\s+page)\s*:?\s*#*\s*\n"
    r"(?:[=\-~^*]{3,}\s*\n)?(?:\s*\n){0,2}[ \t]*<?(https?://[^\s<>\"')\]`,;]+)",
    re.I | re.M,
)
# Packaging metadata that names the home page: (file name pattern, value pattern)
_METADATA = (
    (r"[^/]+\.doap", r"<homepage\s+rdf:resource=\"(https?://[^\"]+)\""),
    (r"(?:package|library|vcpkg)\.json", r"\"homepage\"\s*:\s*\"(https?://[^\"]+)\""),
    (r"conanfile\.py", r"^\s*homepage\s*=\s*[\"'](https?://[^\"']+)[\"']"),
    # a ROS package manifest (REP 149): `<url type="website">`, the default type (orocos-kdl's wiki.ros.org page)
    (r"package\.xml", r"<url(?:\s+type=\"website\")?\s*>\s*(https?://[^<\s]+)\s*</url>"),
    # a Linux Software Map entry (shhopt-1.1.7.lsm's `Primary-site: http://shh.thathost.com/pub-unix/`)
    (r"[^/]+\.lsm", r"^Primary-site:[ \t]*(https?://\S+)"),
    (
        r"(?:CMakeLists\.txt|[^/]+\.cmake)",
        r"\bset\s*\(\s*CPACK_(?:PACKAGE_HOMEPAGE_URL|DEBIAN_PACKAGE_HOMEPAGE|RPM_PACKAGE_URL)\s+\"?(https?://[^\s\")]+)",
    ),
)


def hosts() -> dict:
    from recipegen.generators.cxx.data import load

    return load("hosts.toml")


def _host(url: str) -> str:
    return re.sub(r"^https?://([^/:]+).*$", r"\1", url).lower()


def is_mirror(url: str) -> bool:
    return _host(url) in hosts()["mirrors"]


def _elsewhere(url: str) -> bool:
    """A mirror, a CI/badge/tracker host, or a link to a file: not a home page."""
    host = _host(url)
    return (
        host in hosts()["mirrors"]
        or host in hosts()["not_homepages"]
        or host.startswith(("lists.", "bugs.", "bugzilla."))
        or re.search(r"\.(?:tar(?:\.\w+)?|t[gbx]z|zip|gz|bz2|xz|pdf|png|svg|jpe?g|gif|txt|patch|diff)$", url, re.I)
        is not None
    )


def forge_repository(url: str) -> str:
    """https://github.com/o/r for any URL below a forge repository (issues, tree, .git), else ''."""
    forges = "|".join(re.escape(h) for h in hosts()["forges"])
    m = re.match(rf"^https?://(?:www\.)?({forges})/([\w.-]+)/([\w.-]+)", url)
    if not m or m.group(2) in ("orgs", "topics", "sponsors", "features", "settings"):
        return ""
    return f"https://{m.group(1)}/{m.group(2)}/{m.group(3).removesuffix('.git')}"


def _clean(url: str) -> str:
    return url.rstrip(".:").removesuffix("/")


def _names(*names: str) -> set[str]:
    out: set[str] = set()
    for name in names:
        plain = re.sub(r"[^a-z0-9]", "", name.lower())
        if plain:
            for core in (
                plain,
                plain.removeprefix("lib"),
                re.sub(r"(cpp|cxx|c)$", "", plain),
                plain.rstrip("0123456789"),
            ):
                out |= {core, f"lib{core}"}
    return out


def _repo_matches(repo: str, names: set[str]) -> bool:
    owner, name = repo.rstrip("/").split("/")[-2:]
    plain = re.sub(r"[^a-z0-9]", "", name.lower())
    return bool({plain, re.sub(r"(cpp|cxx)$", "", plain), re.sub(r"[^a-z0-9]", "", (owner + name).lower())} & names)


def _site_matches(url: str, names: set[str]) -> str:
    """https://host when the URL's host is named after the project (www.libpng.org, curl.se,
    modplug-xmms.sf.net)."""
    m = re.match(r"^(https?)://(?:www\.)?([a-z0-9-]+)\.[a-z.]+(?::\d+)?(?:/|$)", url, re.I)
    if not m or _elsewhere(url):
        return ""
    label = m.group(2).lower()
    if re.sub(r"[^a-z0-9]", "", label) in names or label.split("-")[0] in names:
        return re.match(r"^https?://[^/]+", url).group(0)  # type: ignore[union-attr]
    return ""


def _path_matches(url: str, names: set[str]) -> str:
    """The URL up to a path folder named after the project (sourceware.org/bzip2/,
    www.gnu.org/software/glpk/glpk.html, sourceforge.net/projects/giflib), else ''."""
    m = re.match(r"^(https?://[^/]+)((?:/[^/?#]*){1,4})", url)
    if not m or _elsewhere(url):
        return ""
    parts = m.group(2).split("/")[1:]
    for depth, part in enumerate(parts[:3]):
        plain = re.sub(r"[^a-z0-9]", "", part.lower())
        if plain in names and (depth < len(parts) - 1 or "." not in part):
            return m.group(1) + "/" + "/".join(parts[: depth + 1])
    return ""


def page_of(url: str, name: str) -> str:
    """The URL when it is the project's own page: a page file or folder named after it
    (libudfread's AC_INIT address www.videolan.org/developers/libudfread.html), else ''."""
    names = _names(name)
    page = re.match(r"^https?://[^/]+/(?:[^/?#]+/){0,3}([^/?#]+)\.s?html?$", url)
    if page and not _elsewhere(url) and re.sub(r"[^a-z0-9]", "", page.group(1).lower()) in names:
        return url
    return _path_matches(url, names)


def _metadata_homepage(texts: dict[str, str]) -> tuple[str, str]:
    """(URL, file) of a home page packaging metadata states: a DOAP file, package.json,
    library.json, vcpkg.json, a conanfile's `homepage`, a ROS package.xml's website `<url>`,
    CPack's home page variables."""
    for name_pattern, value_pattern in _METADATA:
        for path in sorted(p for p in texts if p.count("/") <= 1 and re.fullmatch(name_pattern, PurePosixPath(p).name)):
            m = re.search(value_pattern, texts[path], re.M | re.I)
            if m and not _elsewhere(m.group(1)) and "${" not in m.group(1) and "@" not in m.group(1):
                return _clean(m.group(1)), path
    return "", ""


def _other_projects_template(path: str, name: str) -> bool:
    """Is a pkg-config template in a subfolder named after another project (a bundled one)?"""
    own = re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("lib"))
    base = re.sub(r"[^a-z0-9]", "", PurePosixPath(path).name.split(".")[0].lower().removeprefix("lib"))
    return "/" in path and bool(own) and own not in base and base not in own


def _spec_macros(value: str, spec: str) -> str:
    """An RPM spec's `%name`/`%{name}` in a value, from its `Name:` (log4c's `http://%name.sourceforge.net`)."""
    m = re.search(r"^Name:[ \t]*([\w.+-]+)[ \t]*$", spec, re.M | re.I)
    return re.sub(r"%\{?name\}?", m.group(1), value) if m else value


def homepage_from_sources(texts: dict[str, str], name: str, root: str = ".", other_name: str = "") -> tuple[str, str]:
    """(URL, where) the sources give as the home page, in this order: a pkg-config template's or
    meson `pkgconfig.generate(url:)`, an RPM spec's or setup.py's URL, packaging metadata (DOAP,
    package.json, conanfile, CPack), a labelled URL or "Homepage" section in the README
    ("Homepage: ...", "is hosted at ..."), the forge repository of the project's name the README
    links most, a site named after the project (www.libpng.org), a page in a folder named after
    it (sourceware.org/bzip2/); ('', '') when none."""
    prefix = "" if root in ("", ".") else root.rstrip("/") + "/"
    for path in sorted(p for p in texts if re.search(r"\.pc\.(in|cmakein)$", p) and p.count("/") <= 2):
        if _other_projects_template(path, name):
            continue  # log4cplus' bundled catch/CMake/catch2.pc.in: Catch2's home page
        m = re.search(r"^URL:[ \t]*(https?://\S+)\s*$", texts[path], re.M)
        if m and "@" not in m.group(1) and "${" not in m.group(1):
            return _clean(m.group(1)), path
    for path in sorted(p for p in texts if re.search(r"\.spec(\.in)?$", p) and p.count("/") <= 1):
        m = re.search(r"^URL:[ \t]*(https?://\S+)\s*$", texts[path], re.M | re.I)
        url = _spec_macros(m.group(1), texts[path]) if m else ""
        if url and "@" not in url and "%" not in url:
            return _clean(url), path
    for path in sorted(p for p in texts if PurePosixPath(p).name in ("setup.py", "setup.cfg") and p.count("/") <= 1):
        m = re.search(r"^\s*url\s*[=:]\s*['\"]?(https?://[^'\"\s]+)", texts[path], re.M)
        if m and not is_mirror(m.group(1)):
            return _clean(m.group(1)), path
    for path in sorted(p for p in texts if PurePosixPath(p).name == "meson.build" and p.count("/") <= 1):
        m = re.search(r"\.generate\s*\([^)]*?\burl\s*:\s*'(https?://[^']+)'", texts[path], re.S)
        if m:
            return _clean(m.group(1)), path
    url, where = _metadata_homepage(texts)
    if url:
        return url, where
    readmes = list(dict.fromkeys(p for p in (readme_file(texts, prefix), readme_file(texts)) if p))
    for path in readmes:
        for m in [*_HEADING.finditer(texts[path]), *_LABELLED.finditer(texts[path])]:
            url = next(g for g in m.groups() if g)
            if not _elsewhere(url):
                return _clean(url), f"{path} (labelled)"
    names = _names(name, other_name)
    for path in readmes:
        urls = [_clean(u) for u in _URL.findall(texts[path])]
        repos = [r for r in (forge_repository(u) for u in urls) if r and _repo_matches(r, names)]
        if repos:
            return max(dict.fromkeys(repos), key=repos.count), f"{path} (link to the repository)"
        for kind, match in (("site", _site_matches), ("page", _path_matches)):
            sites = [s for s in (match(u, names) for u in urls) if s]
            if sites:
                return max(dict.fromkeys(sites), key=sites.count), f"{path} ({kind} named after the project)"
    return _named_elsewhere(texts, readmes, names)


def _named_elsewhere(texts: dict[str, str], readmes: list[str], names: set[str]) -> tuple[str, str]:
    """The GitHub repository of the project's name a README's CI badge is for, or the page a
    Texinfo manual links under the project's name; ('', '') when neither."""
    for path in readmes:
        for url in _URL.findall(texts[path]):
            m = _CI_REPOSITORY.match(_clean(url))
            if m and _repo_matches(f"{m.group(1)}/{m.group(2)}", names):
                return f"https://github.com/{m.group(1)}/{m.group(2)}", f"{path} (the repository its CI badge is for)"
    for path in sorted(p for p in texts if p.endswith(".texi") and p.count("/") <= 1):
        for url, label in _TEXINFO_LINK.findall(texts[path]):
            if re.sub(r"[^a-z0-9]", "", label.lower()) in names and not _elsewhere(url):
                return _clean(url), f"{path} (a link under the project's name)"
    if not readmes:  # chealpix.h: "For more information about HEALPix see http://healpix.sourceforge.net"
        for path in sorted(p for p in texts if p.endswith((".h", ".hpp")) and p.count("/") <= 1):
            if re.sub(r"^lib", "", PurePosixPath(path).stem.lower()) in names:
                m = _SEE_MORE.search(texts[path][:3000])
                if m and not _elsewhere(m.group(1)):
                    return _clean(m.group(1)), f"{path} (its notice's pointer)"
    return "", ""
