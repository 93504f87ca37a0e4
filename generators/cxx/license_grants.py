"""What a licence *grant* in prose says: the sentences of a README, a licence statement or a
source file's notice that give the licence, as a careful reader takes them.

* a choice: "under the terms of either: the GNU Lesser General Public License ... version 3 ...
  or the GNU General Public License ... version 2 ... or both in parallel" (GNU MP, Nettle,
  Libidn), "dual-licensed under the GNU LGPLv3+ or the GNU GPLv2+" (libunistring), "one of two
  licenses as you choose: 1. ... 2. ..." (LibRaw) -> `A OR B`;
* an alternative after a licence: "<licence text> ... Alternatively, the contents of this
  package may be used under the terms of the GNU General Public License version 2 or any later
  version" (libev), "Alternatively, this file is available under the Mozilla Public License"
  (TagLib's headers) -> `A OR B`;
* a subject and its licence: "The library part is distributed under LGPLv2.1 or later"
  (liburcu), "RapidJSON source code is licensed under the MIT License, except for the
  third-party components listed below" -> the project's own licence;
* a public-domain statement ("ModPlug-XMMS and libmodplug are now in the public domain").

Plain functions over text; the licence names come from `license_files._names_in`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import PurePosixPath

CHOICE = re.compile(
    r"\bunder the terms of either\b|\beither\s*:|\bdual[- ]licen[cs](?:ed|e\b)|\bor both in parallel\b"
    r"|\bone of (?:the |these )?(?:two |three )?(?:following )?licen[sc]es\b|\bas you choose\b"
    # calceph's README: 'The library is "triple-licensed" (CeCILL-C,CeCILL-B or CeCILL)' (not libarchive's
    # "The following source files are triple-licensed ...")
    r"|\b(?:library|package|software|project|code)\s+is\s+[\"“]?(?:triple|tri)[- ]licen[cs]ed\b"
    r"|\breleased under any of the\b"  # MeCab's COPYING: "released under any of the GPL ..., the LGPL ..., or the BSD License"
    r"|\bone or the other of (?:these |the )?(?:two )?licen[sc]es\b"  # libcap's License
    r"|\bchoose whichever licen[sc]e\b"  # blitz++'s "Please choose whichever license best suits your needs"
    r"|\bat your (?:choice|option),? (?:either|one of)\b|\bmutually exclusive (?:open[- ]source )?licen[cs]es\b"
    r"|\bunder your choice of\b"  # dbus' COPYING: "licensed to you under your choice of the Academic Free License ..."
    r"|\ba dual\b(?=[^.]{0,40}\blicen[cs]e\b)"  # libfreenect's README: "covered under a dual Apache v2/GPL v2 license"
    r"|\bor,\s*at your (?:choice|option),"  # "the Apache License, version 2.0, or, at your option, the terms of the GNU ..."
    r"|\bor\b(?:[^.;()]|(?<=\d)\.(?=\d)){3,80},\s*at your (?:choice|option)\b",  # argon2's "CC0 1.0 ... or the Apache ..., at your option"
    re.I,
)
ALTERNATIVELY = re.compile(
    r"\bAlternatively,?\s+(?:the contents of\s+)?(?:this|the|these)\s+(?:file|files|package|library|software|product|"
    r"program|code|source code|work)\b|\bAlternatively,?\s+you\s+(?:can|may)\b",
    re.I,
)
PREDICATE = re.compile(
    r"\b(?:is|are)\s+(?:now\s+|hereby\s+|also\s+)?(?:distributed|licen[sc]ed|released|available|provided|made available|covered)"
    r"(?:\s+to\s+you)?\s+under\s+",  # scotch's "is licensed to you under the terms of the CeCILL-C ... license"
    re.I,
)
SENTENCE_START = re.compile(r"(?:[.!?:]|\s\*)\s+(?=[A-Z])")
MAX_SUBJECT = 100
OWN_SUBJECT = re.compile(
    r"\b(?:library|libraries|source code|the code|all (?:the )?(?:source )?(?:files|code)|this (?:package|software|project))\b",
    re.I,
)
PAST_RELEASES = re.compile(r"\b(?:up to|until|before|prior to|through)\s+(?:v|version\s*|release\s*)?\d", re.I)
EXCEPT = re.compile(r",?\s*(?:except|with the exception)\b.*$", re.I)
PUBLIC_DOMAIN_STATEMENT = re.compile(
    r"\b(?:is|are)\s+(?:now\s+|hereby\s+)?(?:in|placed in(?:to)?|released in(?:to)?|dedicated to)\s+the public domain\b"
    r"|\b(?:released|dedicated|placed) (?:in)?to the public domain\b"
    r"|\b(?:is|are)\s+public[- ]domain\b",  # LibTomCrypt's "LibTomCrypt is public domain."
    re.I,
)
_COMMENT_MARKS = re.compile(r"(?m)^[ \t]*(?:/\*+|\*+/?|#+|//+|/(?=\s)|;+|--|!|dnl\b)[ \t]?")
# Licences spoken of by name (to tell whether every one of them was identified)
MENTIONED = re.compile(
    r"\b(?:[A-Z][a-z]+ )?(?:[A-Z][a-z]+ )?Public Licen[sc]e\b|\b[A-Z][a-z]+ Licen[sc]e\b(?! (?:is|for|at|along))"
)
GRANT_WINDOW = 700
MAX_STATEMENT_WORDS = 120
# folders of bundled helpers (gnulib, libtool's libltdl copy: libmcrypt's) and build and doc files
NOT_PROJECT_DIRS = {
    "gl",
    "gnulib",
    "gnulib-local",
    "gltests",
    "lib/gl",
    "m4",
    "build-aux",
    "doc",
    "docs",
    "fuzz",
    "libltdl",
}


_BOX_EDGE = re.compile(r"(?m)[ \t]*\*+/?[ \t]*$")  # the right edge of a boxed comment


@lru_cache(maxsize=2048)
def flat(text: str) -> str:
    """A notice's words on one line: comment marks, box edges and line breaks gone."""
    return " ".join(_COMMENT_MARKS.sub(" ", _BOX_EDGE.sub("", text)).split())


def _names(text: str) -> list[str]:
    from recipegen.generators.cxx.license_files import _names_in

    return _names_in(text)


def choice_grant(text: str) -> str:
    """`A OR B` when the text offers a choice of licences ("under the terms of either ...",
    "dual-licensed under ...", "one of two licenses as you choose"), else ''."""
    words = flat(text)
    for m in CHOICE.finditer(words):
        sentence = re.split(r"[,;]?\s+(?:while|whereas)\s+", _sentence(words, m.start(), m.end()))[0]
        named = _unique(_names(sentence))
        if len(named) < 2 and m.group(0).lower().startswith("choose"):  # the choice follows the sentence listing them
            named = _unique(_names(_previous_sentence(words, m.start())))
        if len(named) < 2:
            window = words[m.start() : m.end() + GRANT_WINDOW]
            end = re.search(r"\bor both in parallel\b", window)
            named = _unique(_names(window[: end.end()] if end else _cut_at_unrelated(window)))
        if len(named) >= 2:
            return " OR ".join(named)
    return ""


def _sentence(words: str, start: int, end: int) -> str:
    """The sentence around words[start:end] (a full stop inside "v2.1" does not end it)."""
    before = [b.end() for b in re.finditer(r"(?<=[^.\d][.!?])\s", words[:start])]
    after = re.search(r"(?<=[^.\d][.!?])\s", words[end:])
    return words[before[-1] if before else 0 : end + after.start() if after else len(words)]


def _previous_sentence(words: str, start: int) -> str:
    """The sentence before the one holding words[start]."""
    ends = [b.end() for b in re.finditer(r"(?<=[^.\d][.!?])\s", words[:start])]
    return words[ends[-2] if len(ends) > 1 else 0 : ends[-1]] if ends else ""


def _unique(ids: list[str]) -> list[str]:
    """Each licence once: a GNU licence's -or-later reading wins over its -only one; a later
    version "or later" of a licence an earlier "or later" already covers is the same grant
    (libcmis' "GNU Lesser General Public License Version 2 or later (the "LGPLv2+")")."""
    out: list[str] = []
    for spdx_id in ids:
        base = spdx_id.removesuffix("-only").removesuffix("-or-later")
        family = base.rpartition("-")[0]
        covering = [o for o in out if o.endswith("-or-later") and o.startswith(family + "-")]
        if spdx_id.endswith("-or-later") and covering:
            if base < covering[0].removesuffix("-or-later"):  # the earlier version covers the later
                out[out.index(covering[0])] = spdx_id
            continue
        same = [o for o in out if o.removesuffix("-only").removesuffix("-or-later") == base]
        if not same:
            out.append(spdx_id)
        elif spdx_id.endswith("-or-later") and same[0].endswith("-only"):
            out[out.index(same[0])] = spdx_id
    return out


def _cut_at_unrelated(window: str) -> str:
    """The grant up to the sentence where another part of the package is spoken of ("The
    command line tool ... are licensed under ...")."""
    cut = re.search(
        r"[.!?]\s+(?=(?:The|This|All|Other|Some)\s+[^.]{0,60}?\b(?:is|are)\s+(?:licen|distrib|releas))"
        r"|\b(?=Third[- ]party\s+(?:libraries|code|components|software)\b)",  # ode's COPYING: its bundled libraries
        window,
        re.I,
    )
    return window[: cut.start()] if cut else window


def alternative_grant(text: str) -> tuple[str, list[str]]:
    """(the text before it, the licences it names) of an "Alternatively, this file/package may be
    used under ..." sentence; ('', []) when there is none."""
    m = ALTERNATIVELY.search(text)
    if not m:
        return "", []
    sentence = flat(_sentence(text[m.start() : m.start() + 600], 0, len(m.group(0))))
    named = _unique(_names(sentence))
    if len(named) < len(MENTIONED.findall(sentence)):
        return "", []  # a licence named without its version ("the Mozilla Public License"): not sure which
    return text[: m.start()], named


def subject_licence(text: str, project: str = "") -> str:
    """The licence a sentence gives the library itself ("The library part is distributed under
    LGPLv2.1 or later"; "RapidJSON source code is licensed under the MIT License, except for
    ..."), when it names one licence (or a choice); else ''."""
    from recipegen.generators.cxx.license_files import PART_SUBJECT

    plain = re.sub(r"[^a-z0-9]", "", project.lower())
    words = flat(text)
    for m in PREDICATE.finditer(words):
        head = words[max(0, m.start() - MAX_SUBJECT) : m.start()]
        subject = SENTENCE_START.split(head)[-1]
        if PART_SUBJECT.search(subject) or re.search(r"\b(?:except|third[- ]party|bundled)\b", subject, re.I):
            continue
        if PAST_RELEASES.search(subject):  # SVT-AV1's "Up to v0.8.7, SVT-AV1 is licensed under ..."
            continue
        own = OWN_SUBJECT.search(subject) or (
            plain and plain.removeprefix("lib") in re.sub(r"[^a-z0-9]", "", subject.lower())
        )
        if not own:
            continue
        # a sentence ends at a version too when the next one starts (cdparanoia's "... under the GPLv2.  The
        # interface and paranoia libraries ..."), not inside one ("version 2. 1")
        sentence, *following = re.split(
            r"(?<=[^.\d][.!?])\s|(?<=\d[.!?])\s+(?=[A-Z])", words[m.end() : m.end() + 600], maxsplit=1
        )
        rest = EXCEPT.sub("", sentence)
        own_part = _without_part_clause(rest, PART_SUBJECT)
        # a GNU licence without a version only where the grant sets the library against a part it does not
        # ship, in a clause or in the next sentence (libirman's README: "The files which make up the library
        # are covered under the GNU Library General Public License ... The files which make up the test
        # programs and the documentation are covered under the GNU General Public License")
        apart = own_part != rest or (
            bool(following and PART_SUBJECT.search(" ".join(following[0].split()[:10])))
            and len([family for pattern, family in _UNVERSIONED_GNU if pattern.search(own_part)]) == 1
        )  # not FLAC's "... distributed under the LGPL or GPL ... The documentation is ..."
        named = _names(own_part) or (_unversioned_gnu(own_part) if apart else [])
        rest = own_part
        if len(named) == 1:
            return named[0]
        if len(named) == 2 and re.search(r"\bor\b(?![- ](?:any )?later)", rest, re.I):  # not gmobile's "GPL-3-or-later"
            return " OR ".join(named)
    return ""


# libESMTP's README: "LibESMTP is licensed under the GNU Lesser General Public License and the example
# programs are under the GNU General Public Licence."
_CLAUSE = re.compile(r",?\s+(?:and|while|whereas|but)\s+")
_UNVERSIONED_GNU = (
    (re.compile(r"\bGNU (?:Lesser|Library) General Public Licen[sc]e\b|\bLGPL\b", re.I), "LGPL"),
    (re.compile(r"\bGNU Affero General Public Licen[sc]e\b|\bAGPL\b", re.I), "AGPL"),
    (re.compile(r"\bGNU General Public Licen[sc]e\b|\bGPL\b", re.I), "GPL"),
)


def _without_part_clause(rest: str, part_subject: re.Pattern) -> str:
    """A grant's words up to a clause about a part the package does not ship ("... and the
    example programs are under the GNU General Public Licence")."""
    for m in _CLAUSE.finditer(rest):
        if part_subject.search(" ".join(rest[m.end() :].split()[:4])):
            return rest[: m.start()]
    return rest


def _unversioned_gnu(rest: str) -> list[str]:
    """The GNU licence family ("LGPL") a grant names without a version; the licence file gives it."""
    return [family for pattern, family in _UNVERSIONED_GNU if pattern.search(rest)][:1]


def public_domain_statement(text: str) -> bool:
    """A short statement that the package is in the public domain, naming no licence."""
    words = flat(text)
    return (
        len(words.split()) <= MAX_STATEMENT_WORDS
        and bool(PUBLIC_DOMAIN_STATEMENT.search(words))
        and not [n for n in _names(words) if n != "LicenseRef-Public-Domain"]
    )


SPDX_TAG = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+()\- ]+?)\s*(?:\*/|-->|$)", re.M)


def notice_grant(text: str) -> str:
    """The licence a source file's opening notice grants: a choice, a licence with an
    alternative, or one GNU licence; '' when the notice names none."""
    return _notice_grant(text[:5000])  # each file's is asked for several times (libexplain's 1287 headers)


@lru_cache(maxsize=2048)
def _notice_grant(head: str) -> str:
    from recipegen.licenses import check_expression

    tagged = SPDX_TAG.search(head[:1000])  # libgpiod's `/* SPDX-License-Identifier: LGPL-2.1-or-later */`
    if tagged and check_expression(tagged.group(1).strip()).valid:
        return tagged.group(1).strip()
    comments = re.findall(r"/\*.*?\*/|(?:^[ \t]*//.*\n)+", head, re.S | re.M)
    notice = "\n".join(comments) if comments else head[:3000]
    grant = licence_or_alternatives(flat(notice)) or choice_grant(notice)
    if grant:
        return grant
    named = _names(flat(notice))
    return named[0] if len(named) == 1 else ""


def licence_or_alternatives(words: str) -> str:
    """`A OR B OR C` for one licence followed by "Alternatively, ... under the terms of either
    the GPL ... or the LGPL ..." (Mozilla's tri-licence block: FreeXL's headers, Hunspell's
    license.hunspell), else ''."""
    before, alternative = alternative_grant(words)
    offered = {a.removesuffix("-only").removesuffix("-or-later") for a in alternative}
    first = [f for f in _unique(_names(before)) if f.removesuffix("-only").removesuffix("-or-later") not in offered]
    return " OR ".join(first + alternative) if len(first) == 1 and alternative else ""


def grant_counts(texts: dict[str, str], folder: str, excluded: set[str], suffixes: tuple[str, ...]) -> Counter[str]:
    """How many of the project's own files (by `suffixes`; vendored, test, example and gnulib
    folders left out) give each grant in their notices ('' for none)."""
    prefix = "" if folder in ("", ".") else folder.rstrip("/") + "/"
    own = []
    for path in sorted(texts):
        if not path.startswith(prefix) or not path.lower().endswith(suffixes):  # libptytty's ptytty.C
            continue
        parts = {p.lower() for p in PurePosixPath(path[len(prefix) :]).parts[:-1]}
        if not parts & (excluded | NOT_PROJECT_DIRS):
            own.append(path)
    return Counter(notice_grant(texts[path]) for path in evenly_sampled(own))


MAX_NOTICES_READ = 400  # reading a notice costs about 2 ms: libexplain's 1287 headers took 2.6 s a pass


def evenly_sampled(items: list[str], limit: int = MAX_NOTICES_READ) -> list[str]:
    """At most `limit` of `items`, spread evenly over them (all when they are fewer)."""
    if len(items) <= limit:
        return items
    return [items[i * len(items) // limit] for i in range(limit)]


def grants_of_files(texts: dict[str, str], folder: str, excluded: set[str], suffixes: tuple[str, ...]) -> set[str]:
    """The grants the project's own files by `suffixes` give (a file with no notice left out)."""
    return {g for g in grant_counts(texts, folder, excluded, suffixes) if g}


def header_grant(texts: dict[str, str], folder: str, excluded: set[str]) -> tuple[str, int]:
    """(grant, how many headers give it) most of the project's own headers give in their
    notices; ('', 0) when none does."""
    counts = grant_counts(texts, folder, excluded, (".h", ".hpp", ".hh", ".hxx"))
    total = sum(counts.values())
    grants = [(g, n) for g, n in counts.most_common() if g]
    if not grants or 2 * grants[0][1] < total:
        return "", 0
    return grants[0]


def unanimous_grant(
    texts: dict[str, str], folder: str, excluded: set[str], suffixes: tuple[str, ...]
) -> tuple[str, int]:
    """(grant, how many files give it) when every one of the project's own files by `suffixes`
    gives the same grant (libvolatilestream's one library source); ('', 0) otherwise."""
    counts = grant_counts(texts, folder, excluded, suffixes)
    return next(iter(counts.items())) if len(counts) == 1 and "" not in counts else ("", 0)
