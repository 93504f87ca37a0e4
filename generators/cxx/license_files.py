"""The licence of a C/C++ source, from its licence files (plain functions over text).

* Each top-level licence file is identified as a whole (`recipegen.licenses.identify_license_text`);
  a file that wraps licences in prose (libuv's "licensed for use as follows: ==== MIT ===="
  with notices for bundled parts, pcre2's LICENCE sections) is cut at its separator lines and its
  first identified section is the project's licence.
* Files for parts the package does not ship (`LICENSE-docs`, `COPYING.FDL`, test data) and
  notices (`PATENTS`, `NOTICE`) are listed in `license_file` but are not the package's licence.
* A REUSE `LICENSES/` folder holds every licence used anywhere in the repository (tests, docs,
  build scripts): the package's licence is the top-level file's, else the
  `SPDX-License-Identifier` of its headers; the other `LICENSES/` files are named in a note.
* A top-level file that states licences per folder (lz4) gives way to the licence file of the
  library's own folder (`lib/LICENSE`).
* "dual-licensed" in the README or a licence file joins two licences with OR; a GNU licence
  becomes `-or-later` when the README, a licence file or a header grants "any later version".
* Text that cannot be identified is an error naming the file and the closest SPDX licences.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from recipegen.generators.cxx.license_grants import CHOICE as GRANT_CHOICE
from recipegen.generators.cxx.license_grants import (
    PUBLIC_DOMAIN_STATEMENT,
    alternative_grant,
    choice_grant,
    flat,
    header_grant,
    public_domain_statement,
    subject_licence,
)

HEADING = re.compile(r"^#{1,6} \S.*$", re.M)  # a Markdown heading starts a section too
SEPARATOR = re.compile(r"^\s*[-=*#_~]{3,}\s*$", re.M)
NOTICE_FILE = re.compile(r"^(patents|notice|authors|contributors|thanks|credits)([._-].*)?$", re.I)
PART_FILE = re.compile(
    r"(^|[._-])(docs?|documentation|fdl|tests?|testdata|examples?|buildtools|build-tools)([._-]|$)", re.I
)
SPDX_TAG = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+()\- ]+?)\s*(?:\*/|-->|$)", re.M)
DUAL = re.compile(
    r"\bdual[- ]licen[cs]ed\b|\blicen[cs]ed under (?:either|both)\b|\bmutually exclusive (?:open[- ]source )?licen[cs]es\b"
    r"|\bunder the terms of either\b",
    re.I,
)
LATER = re.compile(r"(?:or|and)\s*\(?at your option\)?\s*any later version|version\s+\d(?:\.\d)?\s+or\s+later", re.I)
CHOICE = re.compile(r"\bmay choose\b|\bat your option\b|\bchoose to accept\b", re.I)
LIBRARY_DIRS = ("lib", "src", "library", "libs")
MIN_SECTION_WORDS = 25
MAX_PARAGRAPHS = 40
GNU_STATEMENT = re.compile(
    r"GNU (?:(Lesser|Library|Affero) General Public Licen[sc]e|General Public Licen[sc]e|(L|A)?GPL)(?: \([\"'\u201c]?[A-Z]+[\"'\u201d]?\))?,? "
    r"(?:as published by the Free Software Foundation[,;]? )?(?:either )?version (\d(?:\.\d)?)(?: of (?:the )?Licen[sc]e)?"
    r"(,? or (?:\(at your option\) )?(?:any )?later)?",
    re.I,
)


BULLET = re.compile(r"^(\s{0,8})(?:[-*\u2022+]|\d{1,2}[.)])\s+(.*)$")
LISTING_LEAD = re.compile(
    r"licen[sc]es?\b[^.]*:\s*$|different licen[sc]es apply|covered by|(?:following|these) licen[sc]es"
    r"|licen[sc]es? described below",
    re.I,
)
CHOOSE_ONE = re.compile(r"mutually exclusive|\bchoose\b[^.]*\bone\b|\bdual[- ]licen[sc]ed\b", re.I)
COMPARED = re.compile(r"(?:in)?compatible (?:to|with)\s+(?:the\s+)?$", re.I)
# A part of the source that the built package does not ship: its licence is not the package's.
PART_SUBJECT = re.compile(
    r"\b(documentation|docs?|manuals?|tests?|test (?:files|code|suite)|build system|translat\w*|examples?|"
    r"debug\w*|extra|toolchain|web ?site|fuzz\w*)\b",
    re.I,
)
PRIMARY = re.compile(
    r"\b(?:primarily|mainly|mostly)\s+(?:licen[sc]ed\s+under\s+(?:the\s+)?)?([^.;:]{1,60}?)\s*(?:licen[sc]ed|licen[sc]e)\b",
    re.I,
)
GNU_SHORT = re.compile(r"\b(?:GNU )?(L|A)?GPL ?v?(\d(?:\.\d)?)(\+|,? or (?:any )?later)?", re.I)


@dataclass
class LicenseFindings:
    expression: str = ""
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str = ""  # one line: text that could not be identified, with the closest licences


def _license_names(texts: dict[str, str], folder: str) -> list[str]:
    from recipegen.licenses import is_license_file_name

    prefix = "" if folder in ("", ".") else folder.rstrip("/") + "/"
    return sorted(
        p
        for p in texts
        if p.startswith(prefix) and "/" not in p[len(prefix) :] and is_license_file_name(PurePosixPath(p).name)
    )


def identify(text: str) -> tuple[str, list[str]]:
    """(SPDX id, ids of further sections) of a licence file; ('', []) when nothing is identified."""
    from recipegen.licenses import identify_license_text

    match = identify_license_text(text)
    if match:
        return match.spdx_id, []
    alternative = _with_alternative(text)
    if alternative:
        return alternative, []
    if public_domain_statement(text):
        return "LicenseRef-Public-Domain", []
    found: list[str] = []
    for section in sections(text):
        match = identify_license_text(section)
        for spdx_id in [match.spdx_id] if match else _tail_licence(section):
            if spdx_id not in found:
                found.append(spdx_id)
    if not found:
        found = _tail_licence(text) or gnu_statements(text)
    return (found[0], found[1:]) if found else ("", [])


def _with_alternative(text: str) -> str:
    """`A OR B` for a licence text followed by "Alternatively, the contents of this package may
    be used under the terms of B" (libev's LICENSE), else ''."""
    from recipegen.licenses import identify_license_text

    before, alternative = alternative_grant(text)
    if len(alternative) != 1 or not before.strip():
        return ""
    match = identify_license_text(before)
    first = match.spdx_id if match else ""
    return f"{first} OR {alternative[0]}" if first and first != alternative[0] else ""


def _tail_licence(text: str) -> list[str]:
    """A licence text that ends the file after paragraphs of prose (libarchive's COPYING)."""
    from recipegen.licenses import identify_license_text

    starts = [m.end() for m in re.finditer(r"\n\s*\n", text)][:MAX_PARAGRAPHS]
    for start in starts:
        match = identify_license_text(text[start:])
        if match:
            return [match.spdx_id]
    return []


def gnu_statements(text: str) -> list[str]:
    """GNU licences a statement names with their version ("released under the GNU Lesser General
    Public License (LGPL) version 2.1 or later"), in the order written."""
    return list(dict.fromkeys(spdx_id for _, spdx_id in _gnu_matches(" ".join(text.split()))))


def _gnu_matches(flat: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for m in GNU_STATEMENT.finditer(flat):
        word = (m.group(1) or m.group(2) or "").lower()
        kind = {"lesser": "LGPL", "library": "LGPL", "l": "LGPL", "affero": "AGPL", "a": "AGPL"}.get(word, "GPL")
        version = m.group(3) if "." in m.group(3) else m.group(3) + ".0"
        found.append((m.start(), f"{kind}-{version}-{'or-later' if m.group(4) else 'only'}"))
    return found


def _first_list(text: str) -> tuple[str, list[str]]:
    """(the text before it, the items) of a file's first bulleted list; an item runs on over
    lines indented deeper than its bullet."""
    lines = text.splitlines()
    for start, line in enumerate(lines):
        m = BULLET.match(line)
        if not m:
            continue
        indent, items = len(m.group(1)), [m.group(2)]
        for line in lines[start + 1 :]:
            bullet = BULLET.match(line)
            if bullet and len(bullet.group(1)) == indent:
                items.append(bullet.group(2))
            elif not line.strip() or len(line) - len(line.lstrip()) > indent:
                items[-1] += " " + line.strip()
            else:
                break
        return "\n".join(lines[:start]), [" ".join(item.split()) for item in items]
    return "", []


def _names_in(text: str) -> list[str]:
    """SPDX ids of the licences a sentence names (data/license_names.toml, GNU licences)."""
    from recipegen.generators.cxx.data import load

    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # Markdown links
    found: list[tuple[int, str]] = []
    for entry in load("license_names.toml")["name"]:
        found += [(m.start(), entry["spdx"]) for m in re.finditer(entry["pattern"], text, re.I)]
    found += _gnu_matches(text)
    for m in GNU_SHORT.finditer(text):
        kind = (m.group(1) or "").upper() + "GPL"
        version = m.group(2) if "." in m.group(2) else m.group(2) + ".0"
        found.append((m.start(), f"{kind}-{version}-{'or-later' if m.group(3) else 'only'}"))
    said = [(at, spdx) for at, spdx in sorted(found) if not COMPARED.search(text[max(0, at - 40) : at])]
    return list(dict.fromkeys(spdx for _, spdx in said))


def statement_licences(text: str) -> list[str]:
    """The licences a statement lists for the parts of the package (libjpeg-turbo: "covered by
    three ... licenses: - The IJG License ... - The Modified (3-clause) BSD License ... - The zlib
    License"; xz: "liblzma is in the public domain", "... under GNU LGPLv2.1+"), leaving out the
    items about parts that are not shipped (documentation, tests, the build system ...); [] when
    the file holds no such list of two licences or more."""
    lead, items = _first_list(text)
    lead = " ".join(lead.split()[-80:])
    if len(items) < 2 or not LISTING_LEAD.search(lead):
        return []
    ids: list[str] = []
    for item in items:
        subject = re.split(r"\b(?:is|are|contains?|may contain|ha(?:ve|s) been|which|covers?)\b", item, maxsplit=1)[0]
        subject = re.sub(r"`[^`]*`|\S*[/\\]\S*|\S+\.(?:txt|TXT|md)\b", " ", subject)  # file names say nothing
        if PART_SUBJECT.search(subject):
            continue
        if re.search(r"\b(?:directory|folder)\b", subject, re.I):
            return []  # licences per folder: the library folder's own file says (lz4)
        ids += [i for i in _names_in(item) if i not in ids]
    if len(ids) < 2:
        return []
    return [" OR ".join(ids)] if CHOOSE_ONE.search(lead) or GRANT_CHOICE.search(lead) else ids


def primary_licence(text: str) -> str:
    """The licence a statement calls the project's main one ("Eigen is primarily MPL2
    licensed ... Some files contain third-party code under BSD or LGPL licenses"), or ''."""
    for m in PRIMARY.finditer(" ".join(text.split())):
        named = _names_in(m.group(1) + " licence")
        if len(named) == 1:
            return named[0]
    return ""


DEP5 = re.compile(r"^Format:\s*https?://www\.debian\.org/doc/packaging-manuals/copyright-format/", re.M)
# Debian short names (the copyright-format spec's list, variants with a suffix) -> SPDX
DEP5_NAMES = (
    (r"BSD-([234])-clause", r"BSD-\1-Clause"),
    (r"Expat|MIT", "MIT"),
    (r"ISC", "ISC"),
    (r"Zlib", "Zlib"),
    (r"Apache-2\.0", "Apache-2.0"),
    (r"Beerware", "Beerware"),
    (r"public[- ]domain", "LicenseRef-Public-Domain"),
    (r"(L|A)?GPL-(\d(?:\.\d)?)\+", r"\1GPL-\2-or-later"),
    (r"(L|A)?GPL-(\d(?:\.\d)?)", r"\1GPL-\2-only"),
)


def dep5_licences(text: str) -> list[str]:
    """The licences of a Debian machine-readable copyright file's `Files:` stanzas (libmd's
    COPYING), leaving out stanzas only about man pages, tests, documentation and build files."""
    if not DEP5.search(text[:500]):
        return []
    ids: list[str] = []
    for stanza in re.split(r"\n\s*\n", text):
        files = re.search(r"^Files:((?:.*\n?)(?:[ \t].*\n?)*)", stanza, re.M)
        licence = re.search(r"^License:\s*(\S.*)$", stanza, re.M)
        if not files or not licence:
            continue
        paths = files.group(1).split()
        if paths and all(re.match(r"(man|tests?|docs?|m4|build-aux|debian)/|.*\.[1-9]$", f) for f in paths):
            continue
        for name in re.split(r"\s+(?:and|or)\s+", licence.group(1).strip()):
            spdx = _dep5_name(name)
            if spdx and spdx not in ids:
                ids.append(spdx)
    return ids


def _dep5_name(name: str) -> str:
    for pattern, spdx in DEP5_NAMES:
        m = re.match(rf"^{pattern}(?:[-_ ].*)?$", name, re.I)
        if m:
            return m.expand(spdx)
    return ""


def with_exception(spdx_id: str, text: str) -> str:
    """`GPL-2.0-only WITH GCC-exception-2.0` when the file adds a known linking exception."""
    from recipegen.generators.cxx.data import load

    if not re.match(r"(L|A)?GPL-", spdx_id):
        return spdx_id
    flat = " ".join(text.split())
    for entry in load("license_names.toml")["exception"]:
        if re.search(entry["pattern"], flat, re.I):
            return f"{spdx_id} WITH {entry['spdx']}"
    return spdx_id


def sections(text: str) -> list[str]:
    """The parts of a file between separator lines (`====`, `----`)."""
    cuts = [0, *(m.start() for m in SEPARATOR.finditer(text)), *(m.start() for m in HEADING.finditer(text)), len(text)]
    cuts.sort()
    parts = [text[a:b] for a, b in itertools.pairwise(cuts)]
    return [p for p in parts if len(p.split()) >= MIN_SECTION_WORDS]


def _closest(text: str) -> str:
    from recipegen.licenses import closest_licenses

    found = closest_licenses(text)
    return ", ".join(f"{spdx_id} {score:.2f}" for spdx_id, score in found) or "none"


@dataclass
class _FileReading:
    """What the licence files say one by one."""

    ids: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # every licence a file names, bundled parts too
    unidentified: list[str] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)
    exceptions: dict[str, str] = field(default_factory=dict)
    statements: list[str] = field(default_factory=list)  # files that are prose, not one licence text


def _read_files(texts: dict[str, str], names: list[str], result: LicenseFindings) -> _FileReading:
    from recipegen.licenses import identify_license_text

    reading = _FileReading()
    for path in names:
        base = PurePosixPath(path).name
        result.files.append(path)
        if NOTICE_FILE.match(base):
            continue
        if not PART_FILE.search(base) and not reading.listed:
            reading.listed = dep5_licences(texts[path]) or statement_licences(texts[path])
            if reading.listed:
                result.notes.append(f"licences of the package's parts as {path} lists them: check them")
        spdx_id, others = identify(texts[path])
        if PART_FILE.search(base):
            result.notes.append(f"{path} ({spdx_id or 'unidentified'}) covers a part the package does not ship")
            continue
        if not identify_license_text(texts[path]) or len(texts[path].split()) < MAX_NOTICE_WORDS:
            reading.statements.append(path)
        reading.named += [i for i in [spdx_id, *others] if i]
        if spdx_id:
            reading.ids.append(spdx_id)
            if with_exception(spdx_id, texts[path]) != spdx_id:
                reading.exceptions[_gnu_base(spdx_id)] = with_exception(spdx_id, texts[path]).split(" WITH ")[1]
            if others:
                result.notes.append(f"{path} also names {', '.join(others)} for bundled parts: check them")
        else:
            reading.unidentified.append(path)
    return reading


def find_license(texts: dict[str, str], folder: str = ".") -> LicenseFindings:
    result = LicenseFindings()
    names = _license_names(texts, folder)
    if folder not in ("", "."):
        names += [n for n in _license_names(texts, ".") if n not in names]
    reading = _read_files(texts, names, result)
    reuse = _reuse(texts, folder, reading.ids, result)
    ids = reading.ids or reuse
    granted = "" if reading.listed else _granted(texts, folder, reading, ids, result)
    if granted:
        ids = [granted]
    if reading.unidentified and not ids:
        ids = _library_folder_license(texts, folder, result)
    if reading.unidentified and not ids:
        path = reading.unidentified[0]
        result.error = (
            f"license file {path}: text not recognised as an SPDX licence (closest: {_closest(texts[path])}); "
            "pass --license SPDX"
        )
    elif reading.unidentified and not granted:
        result.notes.append(f"license file(s) {', '.join(reading.unidentified)} not identified: check the licence")
    primary = next((primary_licence(texts[p]) for p in names if primary_licence(texts[p])), "")
    if primary and len(set(ids)) > 1 and not reading.listed:
        others = sorted(set(ids) - {primary})
        result.notes.append(
            f"the project is primarily {primary}, as its licence statement says; {', '.join(others)} cover third-party files"
        )
        ids = [primary]
    ids = reading.listed or _lgpl3_with_its_base(list(dict.fromkeys(ids)), result)
    if reading.listed:
        result.error = ""
    if not names:
        result.notes.append("no license file found at the top of the source")
    combined = _combine(ids, texts, folder, result)
    exceptions = reading.exceptions
    result.expression = " ".join(
        f"{t} WITH {exceptions[_gnu_base(t)]}" if _gnu_base(t) in exceptions else t for t in combined.split(" ")
    )
    return result


MAX_NOTICE_WORDS = 400  # a licence file this short is a notice or a statement, not a licence's full text
FSF_NOTICE = re.compile(r"^FSF(?:AP|UL|ULLR)")  # a build or doc file's own all-permissive notice


def _granted(texts: dict[str, str], folder: str, reading: _FileReading, ids: list[str], result: LicenseFindings) -> str:
    """The licence a grant in prose gives the package, when the licence files leave a choice or
    part licences: a choice in a statement or README ("either ... or ...", "dual-licensed"), the
    library's own licence ("The library part is distributed under ..."), the choice most of the
    project's headers grant (Nettle, TagLib); '' when none applies."""
    from recipegen.generators.cxx.cmake_interp import TEST_DIRS, VENDORED_DIRS

    own = [i for i in ids if not FSF_NOTICE.match(i)]
    prefix = "" if folder in ("", ".") else folder.rstrip("/") + "/"
    readme = [p for p in texts if _is_statement(p, folder) and PurePosixPath(p).name.lower().startswith("readme")]
    statements = [texts[p] for p in [*reading.statements, *sorted(readme, key=lambda p: not p.startswith(prefix))]]
    for text in statements:
        choice = choice_grant(text)
        if choice:
            result.notes.append(f"{choice}: the choice of licences the package's licence statement offers")
            return choice
    for text in statements:
        subject = subject_licence(text)
        if subject and (not own or subject in reading.named or set(_bases(subject)) >= set(_bases(*own))):
            if len(set(own) - {subject}) > 0:
                result.notes.append(f"{subject}: the library's own licence, as its licence statement says")
            return subject
    gnu = all(re.match(r"(L|A)?GPL-", i) for i in own)
    grant, count = header_grant(texts, folder, TEST_DIRS | VENDORED_DIRS) if own and (gnu or len(own) > 1) else ("", 0)
    covered = set(_bases(*own)) <= set(_bases(grant)) | ({"GPL-3.0"} if "LGPL-3.0" in _bases(grant) else set())
    if " OR " in grant and covered:
        result.notes.append(f"{grant}: the choice of licences {count} of the project's headers grant")
        return grant
    if own != ids and own:
        result.notes.append("an all-permissive notice of a build or documentation file is not the package's licence")
        ids[:] = own
    return ""


def _bases(*expressions: str) -> list[str]:
    return [
        _gnu_base(t)
        for e in expressions
        for t in e.replace("(", " ").replace(")", " ").split()
        if t not in ("OR", "AND")
    ]


def _lgpl3_with_its_base(ids: list[str], result: LicenseFindings) -> list[str]:
    """LGPL-3.0 is a set of permissions on top of GPL-3.0, so GNU libraries ship the GPL-3.0
    text with it (COPYING next to COPYING.LESSER): that text is not a licence of its own."""
    if any(i.startswith("LGPL-3.0") for i in ids) and any(i.startswith("GPL-3.0") for i in ids):
        result.notes.append("the GPL-3.0 text is there because LGPL-3.0 builds on it, not as a licence of its own")
        return [i for i in ids if not i.startswith("GPL-3.0")]
    return ids


def _gnu_base(spdx_id: str) -> str:
    return spdx_id.removesuffix("-only").removesuffix("-or-later")


def _reuse(texts: dict[str, str], folder: str, ids: list[str], result: LicenseFindings) -> list[str]:
    """REUSE `LICENSES/<id>.txt`: the package's licence is its own files', the rest is noted."""
    prefix = "" if folder in ("", ".") else folder.rstrip("/") + "/"
    reuse = {
        PurePosixPath(p).stem: p
        for p in texts
        if p.startswith(prefix + "LICENSES/") and p.count("/") == prefix.count("/") + 1
    }
    if not reuse:
        return []
    own = ids or [i for i in _header_tags(texts) if i in reuse]
    if not ids:
        result.files.extend(reuse[i] for i in own if reuse[i] not in result.files)
    rest = sorted(set(reuse) - set(own))
    if rest:
        result.notes.append(
            f"LICENSES/ (REUSE) also holds {', '.join(rest)}: licences of files the package does not ship "
            "(tests, docs, build scripts); add them if it does"
        )
    return own


def _header_tags(texts: dict[str, str]) -> list[str]:
    """SPDX-License-Identifier values of the project's headers, most frequent first."""
    counts: dict[str, int] = {}
    for path, text in texts.items():
        if path.endswith((".h", ".hpp", ".hh", ".hxx")) and not re.search(r"(^|/)(tests?|third_party|extern)/", path):
            for m in SPDX_TAG.finditer(text[:4000]):
                counts[m.group(1).strip()] = counts.get(m.group(1).strip(), 0) + 1
    return sorted(counts, key=lambda k: -counts[k])


def _library_folder_license(texts: dict[str, str], folder: str, result: LicenseFindings) -> list[str]:
    prefix = "" if folder in ("", ".") else folder.rstrip("/") + "/"
    for sub in LIBRARY_DIRS:
        for path in _license_names(texts, prefix + sub):
            spdx_id, _ = identify(texts[path])
            if spdx_id:
                result.files.append(path)
                result.notes.append(f"licence taken from the library's folder ({path}: {spdx_id}): check it")
                return [spdx_id]
    return []


def _combine(ids: list[str], texts: dict[str, str], folder: str, result: LicenseFindings) -> str:
    if not ids:
        return ""
    from recipegen.licenses import license_families

    statements = [t for p, t in texts.items() if _is_statement(p, folder)]
    ids = _or_later(ids, [t for p, t in texts.items() if _is_statement(p, folder) or p.endswith((".h", ".hpp"))])
    if len(ids) == 2 and any(DUAL.search(" ".join(t.split())) for t in statements):
        ids = sorted(ids, key=lambda i: "permissive" not in license_families(i))  # permissive first
        result.notes.append(f"dual-licensed ({ids[0]} OR {ids[1]}), as the source says")
        return f"{ids[0]} OR {ids[1]}"
    if len(ids) == 1 and any(PUBLIC_DOMAIN_STATEMENT.search(t) and CHOICE.search(t) for t in statements):
        result.notes.append(f"public domain where recognised, else {ids[0]}, as the licence file says")
        return f"LicenseRef-Public-Domain OR {ids[0]}"
    return " AND ".join(ids)


def _or_later(ids: list[str], grants: list[str]) -> list[str]:
    """GNU licences made -or-later when a statement or header grants "any later version" (its
    comment marks and line breaks ignored); each licence once."""
    later = any(LATER.search(flat(t[:6000])) for t in grants)
    out: list[str] = []
    for spdx_id in ids:
        if spdx_id.endswith("-only") and re.match(r"(A|L)?GPL-", spdx_id) and later:
            spdx_id = spdx_id.removesuffix("-only") + "-or-later"
        if _gnu_base(spdx_id) not in {_gnu_base(o) for o in out}:
            out.append(spdx_id)
    return out


def _is_statement(path: str, folder: str) -> bool:
    from recipegen.licenses import is_license_file_name

    name = PurePosixPath(path).name.lower()
    depth_ok = path.count("/") <= (0 if folder in ("", ".") else folder.count("/") + 1)
    return depth_ok and (name.startswith("readme") or is_license_file_name(name))
