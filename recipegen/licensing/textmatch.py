"""Which SPDX licence a licence file's text is, by comparing it with every SPDX text.

Method: both texts are normalised (normalize.py) and cut into overlapping 3-word
shingles; the score is the Dice coefficient of the two shingle sets (1.0 = same words
in the same order). Standard headers ("Licensed under the Apache License, Version 2.0
...", "This program is free software ...") are scored by how much of the header the
text contains, so a file holding only a header notice is recognised too.

Never a guess: below `MIN_SCORE`, or when another licence scores within `CLOSE` and the
words that set the two apart do not clearly favour the best (`_distinguished`), the
answer is None and the caller reports the file as unrecognised.
GNU `-only`/`-or-later` pairs share one text; the `-or-later` id is returned only when
words outside the licence body say "any later version" (see `_or_later_declared`).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from recipegen.licensing.normalize import license_words

MIN_SCORE = 0.80
# Licences scoring within CLOSE of the best must be told apart by their own words:
# the shingles that set the two apart must favour the best MIN_DISTINCTION times over
# (and by at least MIN_EVIDENCE shingles).
CLOSE = 0.12
MIN_DISTINCTION = 1.5
MIN_EVIDENCE = 3
SHINGLE = 3
# A text longer than this many times a header is a full licence, not a header notice.
HEADER_LENGTH_FACTOR = 4
ALIKE = 0.8  # shared share of two headers' shingles that makes them one notice in two versions (GPL / AGPL)
MAX_TEXT_CHARS = 2_000_000


@dataclass(frozen=True)
class LicenseMatch:
    spdx_id: str
    score: float
    candidates: list[tuple[str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class _Entry:
    ids: tuple[str, ...]  # several ids when SPDX ships the same text under each
    kind: str  # "text" or "header"
    words: int
    shingles: frozenset[int]
    first: int  # the text's first and last shingles (to find where it starts and ends)
    last: int


# Who a BSD/MIT-style disclaimer names is a replaceable part of the licence (SPDX matching
# guidelines: "COPYRIGHT HOLDERS AND CONTRIBUTORS" may read "THE AUTHOR", "THE REGENTS ..."):
# it is made one word on both sides of a comparison, so it tells no variant apart.
_HOLDER_SLOTS = (
    (re.compile(r" provided by (?:\S+ ){1,10}?as is "), " provided by holder as is "),
    (re.compile(r" in no event shall (?:\S+ ){1,10}?be liable "), " in no event shall holder be liable "),
)


def canonical_words(words: list[str]) -> list[str]:
    text = " " + " ".join(words) + " "
    if " as is " not in text and " be liable " not in text:
        return words
    for pattern, replacement in _HOLDER_SLOTS:
        text = pattern.sub(replacement, text)
    return text.split()


def _shingle_list(words: list[str]) -> list[int]:
    if len(words) < SHINGLE:
        return [hash(tuple(words))] if words else []
    return [hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)]


def _shingles(words: list[str]) -> frozenset[int]:
    return frozenset(_shingle_list(words))


def _entry(ids: tuple[str, ...], kind: str, text: str) -> _Entry:
    words = canonical_words(text.split())
    hashes = _shingle_list(words)
    return _Entry(ids, kind, len(words), frozenset(hashes), hashes[0], hashes[-1])


@cache
def corpus_info() -> dict[str, str]:
    data = _raw_corpus()
    return {k: data[k] for k in ("source", "license_list_version", "release_date")}


@cache
def _raw_corpus() -> dict:
    raw = resources.files("recipegen.data.licenses").joinpath("texts.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


@cache
def _entries() -> tuple[_Entry, ...]:
    by_text: dict[str, list[str]] = {}
    headers: list[tuple[str, str]] = []
    for spdx_id, item in _raw_corpus()["licenses"].items():
        for key in ("text", "short_text"):
            if item.get(key):
                by_text.setdefault(item[key], []).append(spdx_id)
        if item.get("header"):
            headers.append((spdx_id, item["header"]))
    entries = [_entry(tuple(sorted(ids)), "text", text) for text, ids in by_text.items()]
    entries += [_entry((spdx_id,), "header", header) for spdx_id, header in headers]
    return tuple(entries)


def _pair_key(spdx_id: str) -> str:
    """GPL-2.0-only and GPL-2.0-or-later compete as one licence ("GPL-2.0")."""
    for suffix in ("-only", "-or-later"):
        if spdx_id.endswith(suffix):
            return spdx_id[: -len(suffix)]
    return spdx_id


def _score(entry: _Entry, shingles: frozenset[int]) -> float:
    """How close the text is to the entry; for a header, the share of its notice the text holds
    (whether the text is short enough to be a header notice is decided once, in `_ranked`)."""
    if not entry.shingles or not shingles:
        return 0.0
    if entry.kind == "header":
        return len(entry.shingles & shingles) / len(entry.shingles)
    total = len(entry.shingles) + len(shingles)
    if 2 * min(len(entry.shingles), len(shingles)) / total < MIN_SCORE - 0.2:
        return 0.0  # lengths too different to ever reach MIN_SCORE; skip the intersection
    return 2 * len(entry.shingles & shingles) / total


RUN = 6
# A full text must be mostly there: a licence whose own paragraphs are missing (an export-control
# clause, a warranty disclaimer) is a different licence, however many words the rest shares.
MIN_COVERAGE = 0.8


def _coverage(entry: _Entry, shingles: frozenset[int]) -> float:
    if entry.kind != "text" or not entry.shingles:
        return 1.0
    return len(entry.shingles & shingles) / len(entry.shingles)


# "any later version", "version 3 or later", "GPLv3 or later", "GPL-2.0-or-later" (normalised
# words); not a bare "or later" ("Python 3.8 or later").
_LATER = re.compile(
    r" (?:any later version|(?:version|[al]?gpl) ?\d+(?: \d+)? or (?:any )?later|[al]?gpl ?v\d+ or (?:any )?later) "
)


def _or_later_declared(words: list[str], entry: _Entry) -> bool:
    """Do the words around the licence body (or a header notice) say "any later version"?

    The GNU texts themselves contain that phrase (section 9 and the how-to-apply
    appendix), so for a full text only the words before its first and after its last
    shingle count; a header notice is read whole.
    """
    if entry.kind == "text":
        hashes = _shingle_list(words)
        in_body = [h in entry.shingles for h in hashes]

        def starts_run(i: int, step: int) -> bool:  # RUN shingles of the body in a row
            run = in_body[i : i + RUN] if step > 0 else in_body[max(0, i - RUN + 1) : i + 1]
            return len(run) == RUN and all(run)

        start, end = _body_bounds(hashes, entry)
        if start is None:
            starts = [i for i, h in enumerate(hashes) if h == entry.first and starts_run(i, 1)]
            start = starts[0] if starts else 0
        if end is None:
            # a text cut short (LGPL-2.1 without its how-to-apply appendix: libseccomp's LICENSE)
            # ends where the last run of its body does; its section 14 says "any later version"
            ends = [i for i in range(len(hashes)) if in_body[i] and starts_run(i, -1)]
            end = ends[-1] if ends else len(hashes) - 1
        words = [*words[:start], "|", *words[end + SHINGLE :]]
    return bool(_LATER.search(" " + " ".join(words) + " "))


def _body_bounds(hashes: list[int], entry: _Entry) -> tuple[int | None, int | None]:
    """Where the licence's own first RUN shingles start and its last RUN shingles end, in
    their order (a phrase the body repeats is not its end); None when the text lacks them."""
    ordered = _shingle_list(list(_entry_words(entry.ids[0], entry.kind)))
    if len(ordered) < RUN:
        return None, None
    head, tail = ordered[:RUN], ordered[-RUN:]
    starts = [i for i in range(len(hashes)) if hashes[i : i + RUN] == head]
    ends = [i + RUN - 1 for i in range(len(hashes)) if hashes[i : i + RUN] == tail]
    return (starts[0] if starts else None), (ends[-1] if ends else None)


def _choose_variant(ids: tuple[str, ...], words: list[str], entry: _Entry) -> str | None:
    """One id out of ids that share a text, or None.

    SPDX lists some variants with the very same text (MPL-2.0 and
    MPL-2.0-no-copyleft-exception, OFL-1.1-RFN, GFDL-1.3-invariants-...): the variant is
    declared in a notice, not in the text, so the base id (the one every other id
    extends) is the answer. GNU -only/-or-later: see `_or_later_declared`.
    """
    if len(ids) == 1:
        return ids[0]
    keys = {_pair_key(i) for i in ids}
    bases = [k for k in keys if all(other.startswith(k) for other in keys)]
    if len(bases) != 1:
        return None
    in_base = [i for i in ids if _pair_key(i) == bases[0]]
    if len(in_base) == 1:
        return in_base[0]
    only = [i for i in in_base if i.endswith("-only")]
    later = [i for i in in_base if i.endswith("-or-later")]
    if len(only) == 1 and len(later) == 1:
        return later[0] if _or_later_declared(words, entry) else only[0]
    return None


def _distinguished(top: _Entry, other: _Entry, shingles: frozenset[int]) -> bool:
    """Does the text hold what sets `top` apart from `other`, and not the reverse?"""
    if top.kind != other.kind:
        return True  # a full text beats a header notice of a close licence and vice versa
    only_top = top.shingles - other.shingles
    only_other = other.shingles - top.shingles
    # Evidence for top: its own shingles present, the other's absent; and vice versa.
    for_top = len(only_top & shingles) + len(only_other - shingles)
    for_other = len(only_other & shingles) + len(only_top - shingles)
    return for_top >= MIN_DISTINCTION * for_other and for_top - for_other >= MIN_EVIDENCE


def _ranked(text: str) -> tuple[list[str], frozenset[int], list[tuple[str, tuple[float, _Entry]]]]:
    words = canonical_words(license_words(text[:MAX_TEXT_CHARS]))
    if len(words) < 8:
        return words, frozenset(), []
    shingles = _shingles(words)
    scored = [(entry, _score(entry, shingles)) for entry in _entries()]
    held = [entry for entry, score in scored if entry.kind == "header" and score >= MIN_SCORE]
    best_by_id: dict[str, tuple[float, _Entry]] = {}
    for entry, score in scored:
        if score <= 0 or (entry.kind == "header" and not _header_notice(entry, held, len(words))):
            continue
        for spdx_id in entry.ids:
            if score > best_by_id.get(spdx_id, (0.0, entry))[0]:
                best_by_id[spdx_id] = (score, entry)
    return words, shingles, sorted(best_by_id.items(), key=lambda kv: (-kv[1][0], kv[0]))


def _header_notice(entry: _Entry, held: list[_Entry], n_words: int) -> bool:
    """Is a text of n_words short enough to be this header's notice? At most HEADER_LENGTH_FACTOR
    times the header, or times a near-identical header the text holds: pcsc-lite's GPL-3.0 notice
    followed by a BSD notice (406 words) was over the cap of GPL-3.0's 99-word header but under
    that of AGPL-3.0's 102-word one, which differs from it by the word "Affero", and AGPL won."""
    alike = [h.words for h in held if len(h.shingles & entry.shingles) >= ALIKE * len(h.shingles | entry.shingles)]
    return n_words <= HEADER_LENGTH_FACTOR * max([entry.words, *alike])


def closest_licenses(text: str, count: int = 3) -> list[tuple[str, float]]:
    """The SPDX ids whose texts come closest to text, with their scores (for error messages)."""
    return [(spdx_id, round(score, 2)) for spdx_id, (score, _) in _ranked(text)[2][:count]]


@cache
def _entry_words(spdx_id: str, kind: str) -> tuple[str, ...]:
    item = _raw_corpus()["licenses"].get(spdx_id, {})
    text = (item.get("header") or "") if kind == "header" else item.get("text") or item.get("short_text") or ""
    return tuple(canonical_words(text.split()))


@cache
def _header_shingles(spdx_id: str) -> frozenset[int]:
    return _shingles(list(_entry_words(spdx_id, "header")))


def _clause_evidence(entry: _Entry, spdx_id: str, other: _Entry, shingles: frozenset[int], other_id: str = "") -> int:
    """Shingles of whole clauses (RUN or more in a row) that only entry's text has and the text holds.

    A text holding ISC's "provided that the above copyright notice ... appear in all copies" is
    not 0BSD, however close the rest: a clause is evidence, a replaced name ("ISC" / "the
    author") is not. Clauses of the other licence's own standard notice are no evidence (fast_float's
    Apache-2.0 text ends with Apache's notice, which ECL-2.0's appendix words alike)."""
    hashes = _shingle_list(list(_entry_words(spdx_id, entry.kind)))
    theirs = other.shingles | (_header_shingles(other_id) if other_id else frozenset())
    total = run = 0
    for h in [*hashes, None]:
        if h is not None and h not in theirs and h in shingles:
            run += 1
            continue
        total += run if run >= RUN else 0
        run = 0
    return total


def _clause_favours(top: tuple[str, _Entry], other: tuple[str, _Entry], shingles: frozenset[int]) -> bool:
    """Does the text hold whole clauses of top's text that other lacks, and none the reverse way?"""
    if top[1].kind != "text" or other[1].kind != "text":
        return False
    mine = _clause_evidence(top[1], top[0], other[1], shingles, other[0])
    return mine >= RUN and _clause_evidence(other[1], other[0], top[1], shingles, top[0]) == 0


def _clause_winner(ranked: list, shingles: frozenset[int]) -> int:
    """Index of the close candidate whose own clauses the text holds while the top's are absent."""
    top_id, (top_score, top_entry) = ranked[0]
    for index, (other_id, (other_score, other_entry)) in enumerate(ranked[1:6], start=1):
        if top_score - other_score >= CLOSE or other_entry.kind != "text" or top_entry.kind != "text":
            continue
        if _pair_key(other_id) == _pair_key(top_id) or other_entry is top_entry:
            continue
        if _coverage(other_entry, shingles) < MIN_COVERAGE:
            continue  # arpack's BSD text shares a clause's wording with Open MPI's, not its extra paragraphs
        if _clause_favours((other_id, other_entry), (top_id, top_entry), shingles):
            return index
    return 0


VARIANT_TIE = 0.01
# "Version 1.0", "Version 2, June 1991"; not "version 1 1" (normalised words say nothing)
_STATED_VERSION = re.compile(r"\bversion\s+(\d+\.\d+|\d+(?![\s.]*\d))", re.I)


def _family_version(spdx_id: str) -> tuple[str, str]:
    """("CDDL", "1.0") of CDDL-1.0; ("", "") for an id without a version."""
    m = re.fullmatch(r"(.+?)-(\d+(?:\.\d+)?)(?:-only|-or-later)?", spdx_id)
    if not m:
        return "", ""
    major, _, minor = m.group(2).partition(".")
    return m.group(1), f"{major}.{minor or '0'}"


def _stated_version_winner(ranked: list, text: str) -> int | None:
    """Index of the close candidate whose version the licence's own title states ("COMMON
    DEVELOPMENT AND DISTRIBUTION LICENSE (CDDL) Version 1.0" is CDDL-1.0, although a bundled
    notice shares clauses with CDDL-1.1's text); None when the title decides nothing."""
    m = _STATED_VERSION.search(text[:400])
    top_id, (top_score, _) = ranked[0]
    family = _family_version(top_id)[0]
    if not m or not family:
        return None
    major, _, minor = m.group(1).partition(".")
    stated = f"{major}.{minor or '0'}"
    close = [(i, other_id) for i, (other_id, (score, _)) in enumerate(ranked[:5]) if top_score - score < CLOSE]
    versions = [i for i, other_id in close if _family_version(other_id)[0] == family]
    if len({_family_version(ranked[i][0])[1] for i in versions}) < 2:
        return None  # no other version of the licence competes
    return next((i for i in versions if _family_version(ranked[i][0])[1] == stated), None)


def _base_of_variant(ranked: list) -> int:
    """Index of the base licence (X11) when the top is one of its variants (X11-swapped) and
    scores no more than VARIANT_TIE above it: the text does not show the variant's difference."""
    top_id, (top_score, _) = ranked[0]
    for index, (other_id, (other_score, _)) in enumerate(ranked[1:4], start=1):
        if top_id.startswith(other_id + "-") and top_score - other_score < VARIANT_TIE:
            return index
    return 0


def identify_license_text(text: str) -> LicenseMatch | None:
    """The SPDX id of a licence file's text, or None when not sure (see module doc); a BSD text
    whose prose strays from SPDX's is told by its conditions (`bsd_clauses`)."""
    match = _identify_by_words(text)
    if match is not None:
        return match
    from recipegen.licensing.bsd_clauses import bsd_by_conditions

    bsd = bsd_by_conditions(text)
    return LicenseMatch(bsd, 1.0, [(bsd, 1.0)]) if bsd else None


CONTAINED = 0.9  # share of a licence text's shingles a longer text must hold to contain it
MIN_CONTAINED_WORDS = 40
EDGE_SHINGLES = 2


def contained_license(text: str) -> str:
    """The SPDX id of the one whole licence text that text holds with prose around it (a README's
    licence section: libgc's copyright lines, its licence, a paragraph on build files); '' when
    none, or when two licences of different texts are held whole."""
    words = canonical_words(license_words(text[:MAX_TEXT_CHARS]))
    shingles = _shingles(words)
    held = [
        entry
        for entry in _entries()
        if entry.kind == "text" and entry.words >= MIN_CONTAINED_WORDS and _coverage(entry, shingles) >= CONTAINED
    ]
    if not held:
        return ""

    def stands(entry: _Entry, other: _Entry) -> bool:
        """The text holds entry's words beyond other's (JSON's "for Good, not Evil" beyond MIT's),
        and not other's beyond entry's (ISC's "provided that the above copyright notice ... appear
        in all copies" beyond 0BSD's); a few shingles where two texts end apart do not count."""
        own, theirs = entry.shingles - other.shingles, other.shingles - entry.shingles
        return len(own & shingles) >= CONTAINED * len(own) - EDGE_SHINGLES and len(theirs & shingles) <= EDGE_SHINGLES

    candidates = [e for e in held if all(stands(e, other) for other in held if other is not e)]
    if len(candidates) != 1:
        return ""  # two licences of different texts held whole, or none standing out
    return _choose_variant(candidates[0].ids, words, candidates[0]) or ""


def _identify_by_words(text: str) -> LicenseMatch | None:
    words, shingles, ranked = _ranked(text)
    if not ranked:
        return None
    candidates = [(spdx_id, round(score, 4)) for spdx_id, (score, _) in ranked[:5]]
    stated = _stated_version_winner(ranked, text)
    winner = stated if stated is not None else _clause_winner(ranked, shingles) or _base_of_variant(ranked)
    if winner:
        ranked = [ranked[winner], *ranked[:winner], *ranked[winner + 1 :]]
    top_id, (top_score, top_entry) = ranked[0]
    if top_score < MIN_SCORE or (winner == 0 and _coverage(top_entry, shingles) < MIN_COVERAGE):
        return None
    top_key = _pair_key(top_id)
    for other_id, (other_score, other_entry) in ranked[1:]:
        if winner or top_score - other_score >= CLOSE:
            break
        if stated is not None and _family_version(other_id)[0] == _family_version(top_id)[0]:
            continue  # another version of the licence its title does not state
        if other_entry is top_entry or _pair_key(other_id) == top_key:
            continue
        if other_id.startswith(top_id + "-") and other_score <= top_score:
            continue  # a variant (BSD-3-Clause-HP) no closer than its base: the base it is
        if not _distinguished(top_entry, other_entry, shingles) and not _clause_favours(
            (top_id, top_entry), (other_id, other_entry), shingles
        ):
            return None
    if top_entry.kind == "header":
        # -only and -or-later headers differ: pick by the words of the notice.
        ids = tuple(sorted(i for i, (s, e) in ranked if _pair_key(i) == top_key and e.kind == "header"))
        chosen = _choose_variant(ids, words, top_entry) if len(ids) == 2 else top_id
    else:
        chosen = _choose_variant(top_entry.ids, words, top_entry)
    if chosen is None:
        return None
    return LicenseMatch(chosen, round(top_score, 4), candidates)
