"""The recipe's `license` and `license_file`: PEP 639 expression → classifiers → legacy field → texts.

Never a silent guess: when the sources disagree or do not determine one SPDX expression, the
result carries a `problem` that the generator reports (stderr) and writes next to the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import PurePosixPath

from recipegen.generators.pypi.metadata import UpstreamMetadata
from recipegen.generators.pypi.sources import SourceTree, is_license_name

from recipegen import licenses

UNKNOWN = "LicenseRef-Unknown"
NOT_THE_PROJECT = {
    "test",
    "tests",
    "doc",
    "docs",
    "example",
    "examples",
    "third_party",
    "thirdparty",
    "vendor",
    "vendored",
    "external",
    "extern",
    "deps",
    "3rdparty",
    "benchmarks",
}


@dataclass
class LicenseDecision:
    expression: str
    source: str
    files: list[str] = field(default_factory=list)
    problem: str = ""  # reported to the user when not empty
    candidates: list[str] = field(default_factory=list)  # what was seen, when nothing settled it

    @property
    def undetermined(self) -> bool:
        return self.expression == UNKNOWN or self.source == "undetermined"


@lru_cache(maxsize=1)
def legacy_names() -> dict[str, str]:
    """Free-text License field values seen on PyPI → SPDX (data/legacy-licenses.json)."""
    text = resources.files("recipegen.generators.pypi").joinpath("data/legacy-licenses.json").read_text()
    return {_key(k): v for k, v in json.loads(text).items() if not k.startswith("//")}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9.+]+", " ", text.lower()).strip()


def spdx_from_legacy(value: str) -> str | None:
    """The SPDX expression a short legacy License value names, or None."""
    value = value.strip()
    if not value or len(value) > 120 or "\n" in value:
        return None
    normalized = licenses.normalize_expression(value)
    if normalized and licenses.check_expression(normalized).valid:
        return normalized
    key = _key(value)
    key = re.sub(r"^(the )|( license| licence)$", "", key).strip()
    return legacy_names().get(key) or legacy_names().get(_key(value))


def license_file_paths(meta: UpstreamMetadata, tree: SourceTree | None) -> list[str]:
    """License files present in the source: declared PEP 639 License-File entries, else conventional names."""
    if tree is None:
        return []
    present = set(tree.paths)
    declared = [p for p in meta.license_files if p in present]
    # setuptools declares AUTHORS* as License-File by default: a list of names, not a license.
    declared = [p for p in declared if not _authors(p) or not _other_license(declared, p)]
    if declared:
        return declared
    top = [p for p in tree.paths if "/" not in p and is_license_name(p)]
    top = [p for p in top if not p.lower().startswith(("authors", "notice")) or not _other_license(top, p)]
    if top:
        return sorted(top, key=lambda p: (not p.upper().startswith(("LICEN", "COPYING")), p))
    reuse = [p for p in tree.paths if p.count("/") == 1 and p.split("/")[0].lower() in {"licenses", "license"}]
    if reuse:
        return reuse
    # Last resort: a license file one folder down, outside tests, docs and vendored code.
    nested = [
        p
        for p in tree.paths
        if p.count("/") == 1 and is_license_name(p) and p.split("/")[0].lower() not in NOT_THE_PROJECT
    ]
    return sorted(nested, key=lambda p: (not p.upper().rsplit("/", 1)[-1].startswith(("LICEN", "COPYING")), p))[:1]


def _authors(path: str) -> bool:
    return path.rsplit("/", 1)[-1].lower().startswith("authors")


def _other_license(files: list[str], current: str) -> bool:
    return any(f != current and f.upper().startswith(("LICEN", "COPYING")) for f in files)


def decide(meta: UpstreamMetadata, tree: SourceTree | None) -> LicenseDecision:
    """The license decision (see the module doc), with deprecated SPDX ids replaced."""
    decision = _decide(meta, tree)
    if not decision.undetermined:
        decision.expression = modernize(decision.expression, decision.files, tree)
        if not meta.license_expression:
            decision.expression = linking_exception(decision.expression, decision.files, tree)
    return decision


def linking_exception(expression: str, files: list[str], tree: SourceTree | None) -> str:
    """`GPL-2.0-only WITH GCC-exception-2.0` when a lone GNU id comes from a field or classifier
    that cannot say WITH (pygit2's "GPLv2 with linking exception") and a license file adds a
    known linking exception; a PEP 639 License-Expression is upstream's own word and is kept."""
    from recipegen.generators.cxx.license_files import with_exception

    if tree is None or " " in expression:
        return expression
    for text in tree.read(files).values():
        extended = with_exception(expression, text)
        if extended != expression:
            return extended
    return expression


def modernize(expression: str, files: list[str], tree: SourceTree | None) -> str:
    """Deprecated SPDX ids replaced: a GNU id without -only/-or-later (`LGPL-2.1`, paramiko's
    License field) takes the version statement of the license files when it names the same
    license ("or (at your option) any later version" → `LGPL-2.1-or-later`), else SPDX's own
    replacement (`LGPL-2.1-only`, `GPL-2.0+` → `GPL-2.0-or-later`)."""
    from recipegen.licensing.expressions import replace_deprecated

    if not licenses.check_expression(expression).deprecated:
        return expression
    stated = [gnu_statement(tree.text(p) or "") for p in files] if tree is not None else []

    def choose(old: str, replacement: str) -> str | None:
        family = replacement.rsplit("-", 1)[0].removesuffix("-or")
        return next((s for s in stated if s and s.startswith(family + "-")), None) if not old.endswith("+") else None

    return replace_deprecated(expression, choose)


def _decide(meta: UpstreamMetadata, tree: SourceTree | None) -> LicenseDecision:
    files = license_file_paths(meta, tree)
    if meta.license_expression:
        normalized = licenses.normalize_expression(meta.license_expression)
        if normalized:
            return LicenseDecision(normalized, "License-Expression (PEP 639)", files)
        problem = f"License-Expression {meta.license_expression!r} is not valid SPDX"
    else:
        problem = ""
    ids = licenses.spdx_from_classifiers(meta.classifiers)
    ambiguous = licenses.classifier_ambiguity(meta.classifiers)
    legacy = spdx_from_legacy(meta.license) if meta.license else None
    long_legacy = None
    if meta.license and not legacy and len(meta.license) > 200:
        match = licenses.identify_license_text(meta.license)
        long_legacy = match.spdx_id if match else None
    if ids and not ambiguous:
        if len(ids) == 1:
            return LicenseDecision(ids[0], "license classifier", files, problem)
        if legacy and set(licenses.expression_ids(legacy)) == set(ids):
            return LicenseDecision(legacy, "License field (agrees with the classifiers)", files, problem)
        return _several_classifiers(ids, files, tree, problem)
    # Ambiguous classifiers (e.g. "BSD License") or none: the License field, then the texts.
    for candidate, source in ((legacy, "License field"), (long_legacy, "License field text")):
        if candidate and _fits(candidate, ambiguous):
            return LicenseDecision(candidate, source, files, problem)
    text_ids = _text_ids(files, tree)  # the SPDX corpus loads only when the metadata falls short
    if text_ids:
        expression = " AND ".join(text_ids)
        if _fits(expression, ambiguous):
            return LicenseDecision(expression, "license file text", files, problem)
    bsd = _bsd_variant(files, tree) if any("BSD" in c for c in ambiguous) else None
    if bsd:
        return LicenseDecision(bsd, "BSD classifier + the clauses of the license file", files, problem)
    if ambiguous:  # e.g. "LGPL": the files' own words ("version 3 ... or any later version"), then texts
        resolved = _from_license_texts(files, tree, ambiguous)
        if resolved:
            expression, source, others = resolved
            return LicenseDecision(expression, source, [*files, *others], problem)
    if ids:
        return LicenseDecision(
            " OR ".join(ids),
            "license classifiers",
            files,
            problem or (f"license classifiers {ambiguous} do not name one license; check the license files"),
        )
    if ambiguous:
        reason = licenses.classifier_ambiguity_reason(ambiguous[0]) or "it names no single SPDX license"
        guess = legacy or (text_ids[0] if text_ids else UNKNOWN)
        return LicenseDecision(
            guess, "undetermined", files, f"classifier {ambiguous[0]!r}: {reason}", _candidates(meta, files, text_ids)
        )
    if legacy or long_legacy:
        return LicenseDecision(legacy or long_legacy or UNKNOWN, "License field", files, problem)
    detail = f"License field {meta.license!r} is not an SPDX id" if meta.license else "no license metadata"
    return LicenseDecision(
        UNKNOWN,
        "undetermined",
        files,
        f"{detail} and no license file text was recognised",
        _candidates(meta, files, text_ids),
    )


def _several_classifiers(ids: list[str], files: list[str], tree: SourceTree | None, problem: str) -> LicenseDecision:
    """`A OR B` from several classifiers: a GNU `-or-later` classifier takes the version of the
    text the sdist ships (pyphen's LGPLv2+ classifier and LGPL 2.1 text: `LGPL-2.1-or-later`), and
    an overview among the license files that offers a choice ("tri-license") settles the OR."""
    texts = {p: t for p in files if (t := tree.text(p) if tree else None)}
    if any(i.endswith("-or-later") for i in ids):
        shipped = [m.spdx_id for t in texts.values() if (m := licenses.identify_license_text(t))]
        ids = [_shipped_version(i, shipped) for i in ids]
    expression = " OR ".join(dict.fromkeys(ids))
    if any(_CHOICE.search(" ".join(t.split())) for t in texts.values() if len(t) < 3000):
        return LicenseDecision(expression, "license classifiers (the license files offer a choice)", files, problem)
    return LicenseDecision(
        expression,
        "license classifiers",
        files,
        problem
        or f"several license classifiers ({', '.join(ids)}): wrote {expression}; check whether upstream means OR or AND",
    )


# An overview that offers a choice of licenses (not a GNU text's "at your option) any later version")
_CHOICE = re.compile(
    r"\b(?:dual|tri|triple|multi)[\s-]?licen[sc]|\bat\s+your\s+(?:option|choice)\b(?!\s*\)?\s*any\s+later)", re.I
)


def _shipped_version(spdx: str, shipped: list[str]) -> str:
    """`LGPL-2.0-or-later` → `LGPL-2.1-or-later` when the license text shipped is LGPL 2.1."""
    match = re.fullmatch(r"(.+)-(\d+\.\d+)-or-later", spdx)
    if not match:
        return spdx
    for other in shipped:
        found = re.fullmatch(r"(.+)-(\d+\.\d+)(?:-only|-or-later)?", other)
        if found and found.group(1) == match.group(1) and float(found.group(2)) > float(match.group(2)):
            return f"{match.group(1)}-{found.group(2)}-or-later"
    return spdx


def _candidates(meta: UpstreamMetadata, files: list[str], text_ids: list[str]) -> list[str]:
    """What the metadata and the files said, for the error that asks the user to choose."""
    seen = [f"classifier {c.split('::')[-1].strip()!r}" for c in meta.classifiers if c.startswith("License ::")]
    if meta.license and len(meta.license) <= 120:
        seen.append(f"License field {meta.license.strip()!r}")
    seen += [f"license text {i}" for i in text_ids]
    seen += [f"file {f} (not recognised)" for f in files if not text_ids]
    return seen


# "...either version 3 of the License, or (at your option) any later version": the GNU
# licenses' own statement of which version applies (the license texts are the same for
# -only and -or-later).
_GNU_STATEMENT = re.compile(
    r"GNU\s+(?:(?P<kind>Lesser|Library|Affero)\s+)?General\s+Public\s+License\b(?P<between>[^.]{0,200}?)"
    r"\bversion\s+(?P<version>\d(?:\.\d)?)\b(?P<rest>[^.]{0,120})",
    re.I,
)
_LATER = re.compile(r"\bor\s+\(?\s*at\s+your\s+option\s*\)?\s+any\s+later\s+version|\bor\s+(?:any\s+)?later\b", re.I)


def gnu_statement(text: str) -> str | None:
    """The SPDX id the first GNU license notice in `text` states (`LGPL-3.0-or-later`), or None."""
    return next(gnu_statements(text), None)


def gnu_statements(text: str) -> Iterator[str]:
    """The SPDX ids the GNU license notices in `text` state, in order."""
    for match in _GNU_STATEMENT.finditer(" ".join(text.split())):
        kind = (match.group("kind") or "").lower()
        family = {"lesser": "LGPL", "library": "LGPL", "affero": "AGPL"}.get(kind, "GPL")
        version = match.group("version")
        version = version if "." in version else f"{version}.0"
        if family == "LGPL" and version == "2.0" and (kind == "lesser"):
            version = "2.1"  # the Lesser GPL starts at 2.1; "version 2" means the Library GPL
        suffix = "-or-later" if _LATER.search(match.group("rest")) else "-only"
        spdx = f"{family}-{version}{suffix}"
        if licenses.check_expression(spdx).valid:
            yield spdx


def _from_license_texts(
    files: list[str], tree: SourceTree | None, ambiguous: list[str]
) -> tuple[str, str, list[str]] | None:
    """An ambiguous classifier settled by the license files: an explicit GNU version statement,
    else a license text (also those one folder down, e.g. psycopg2's doc/COPYING.LESSER)."""
    if tree is None:
        return None
    # doc/ counts here: GNU notices point to the full text there ("see the doc/ directory").
    others = [
        p
        for p in tree.texts
        if p not in files
        and is_license_name(p)
        and p.count("/") <= 1
        and p.split("/")[0].lower() not in NOT_THE_PROJECT - {"doc", "docs"}
    ]
    for path in [*files, *sorted(others)]:
        stated = gnu_statement(tree.text(path) or "")
        if stated and _fits(stated, ambiguous):
            # The full license text the statement refers to (doc/COPYING.LESSER) is shipped too.
            texts = [
                o
                for o in sorted(others)
                if _fits(" AND ".join(_text_ids([o], tree)) or "X", [stated]) and _text_ids([o], tree)
            ]
            return stated, f"the version statement in {path}", texts
    for path in [*files, *sorted(others)]:
        text_ids = _text_ids([path], tree)
        if text_ids and _fits(text_ids[0], ambiguous):
            return text_ids[0], f"license file text ({path})", [path] if path not in files else []
    return None


def _fits(expression: str, ambiguous: list[str]) -> bool:
    """Whether an id agrees with an ambiguous classifier's family (e.g. BSD-3-Clause for 'BSD License')."""
    if not ambiguous:
        return True
    words = {w.lower() for c in ambiguous for w in re.findall(r"[A-Za-z]+", c.split("::")[-1])}
    ids = licenses.expression_ids(expression)
    keys = {
        "bsd": "bsd",
        "gnu": "gpl",
        "gpl": "gpl",
        "lgpl": "lgpl",
        "apache": "apache",
        "mozilla": "mpl",
        "mit": "mit",
        "academic": "afl",
        "artistic": "artistic",
        "zope": "zpl",  # "Zope Public License": ZPL-1.1, ZPL-2.0 or ZPL-2.1
        "eiffel": "efl",
        "eclipse": "epl",
    }
    families = {v for k, v in keys.items() if k in words}
    if {"public", "domain"} <= words:  # "Public Domain" (not the "public" of "Zope Public License")
        families.add("unlicense")
    if not families:
        return True
    return any(
        any(f in i.lower() or (f == "unlicense" and i in {"Unlicense", "CC0-1.0"}) for f in families) for i in ids
    )


def _bsd_variant(files: list[str], tree: SourceTree | None) -> str | None:
    """Which BSD license a file holds when it also carries other text (so whole-text matching fails).

    Decided by the clauses themselves: the advertising clause makes BSD-4-Clause, the
    no-endorsement clause BSD-3-Clause, the two redistribution clauses alone BSD-2-Clause.
    """
    for path in files:
        text = " ".join((tree.text(path) or "").split()).lower() if tree else ""
        if "redistribution and use in source and binary forms" not in text:
            continue
        if "all advertising materials" in text:
            return "BSD-4-Clause"
        if "neither the name" in text or "endorse or promote" in text:
            return "BSD-3-Clause"
        if "redistributions in binary form" in text:
            return "BSD-2-Clause"
    return None


def _text_ids(files: list[str], tree: SourceTree | None) -> list[str]:
    ids: list[str] = []
    stated: set[str] = set()  # GNU licences that files which are not a licence text state
    if tree is None:
        return ids
    for path in files:
        text = tree.text(path)
        if not text or PurePosixPath(path).name.upper().startswith(("AUTHORS", "NOTICE")):
            continue
        match = licenses.identify_license_text(text)
        if match is None:
            stated.update(gnu_statements(text))
        elif match.spdx_id not in ids:
            ids.append(match.spdx_id)
    return [_granted_later(spdx, stated) for spdx in ids]


def _granted_later(spdx: str, stated: set[str]) -> str:
    """A GNU text read as `-only` is `-or-later` when an overview among the license files (not a
    licence text: the GNU texts' own how-to-apply appendix says "any later version") states that
    licence "version 3 or later", as docutils' COPYING.rst does."""
    later = spdx.removesuffix("-only") + "-or-later"
    return later if spdx.endswith("-only") and later in stated else spdx
