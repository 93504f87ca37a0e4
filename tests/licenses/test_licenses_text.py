"""identify_license_text against SPDX texts (disguised), real licence files and garbage."""

import re
import textwrap
from pathlib import Path

import pytest

from recipegen.licenses import LicenseMatch, corpus_info, identify_license_text

FIXTURES = Path(__file__).parents[2] / "fixtures" / "licenses"
REQUIRED = [
    "0BSD",
    "AGPL-3.0-only",
    "Apache-2.0",
    "Artistic-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSD-4-Clause",
    "BSL-1.0",
    "CC0-1.0",
    "EPL-2.0",
    "GPL-2.0-only",
    "GPL-3.0-only",
    "ISC",
    "LGPL-2.1-only",
    "LGPL-3.0-only",
    "MIT",
    "MIT-0",
    "MPL-2.0",
    "PSF-2.0",
    "Unlicense",
    "Zlib",
]


def spdx_text(spdx_id: str) -> str:
    return (FIXTURES / "spdx" / f"{spdx_id}.txt").read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def with_copyright(text: str) -> str:
    return "Copyright (c) 2019-2024 Jane Doe <jane@example.org>\nAll rights reserved.\n\n" + text


def rewrapped(text: str) -> str:
    return "\n\n".join(textwrap.fill(p, 58) for p in paragraphs(text))


def as_markdown(text: str) -> str:
    parts = paragraphs(text)
    styled = [f"* {p}" if i % 3 == 0 else f"**{p}**" if i % 3 == 1 else f"1. {p}" for i, p in enumerate(parts)]
    return "# License\n\n---\n\n" + "\n\n".join(styled)


@pytest.mark.parametrize("spdx_id", REQUIRED)
@pytest.mark.parametrize("disguise", [str, with_copyright, rewrapped, as_markdown])
def test_spdx_texts_are_recognised(spdx_id, disguise):
    match = identify_license_text(disguise(spdx_text(spdx_id)))
    assert isinstance(match, LicenseMatch)
    assert match.spdx_id == spdx_id
    assert match.score >= 0.8
    assert match.candidates[0][0] in {spdx_id, spdx_id.replace("-only", "-or-later")}


def test_gnu_only_and_or_later_are_both_candidates():
    match = identify_license_text(spdx_text("GPL-3.0-only"))
    ids = [spdx_id for spdx_id, _ in match.candidates]
    assert match.spdx_id == "GPL-3.0-only"
    assert {"GPL-3.0-only", "GPL-3.0-or-later"} <= set(ids[:2])


@pytest.mark.parametrize(
    ("preamble", "expected"),
    [
        (
            "This program is licensed under the GNU General Public License, either version 3 "
            "of the License, or (at your option) any later version.",
            "GPL-3.0-or-later",
        ),
        ("foo is free software under the GNU GPL version 3 or later.", "GPL-3.0-or-later"),
        ("This program is licensed under the GNU General Public License version 3 only.", "GPL-3.0-only"),
        ("Released as GPL v3 or later.", "GPL-3.0-or-later"),
        ("License: GPL-3.0-or-later", "GPL-3.0-or-later"),
        ("Requires Python 3.8 or later.", "GPL-3.0-only"),
        ("", "GPL-3.0-only"),
    ],
)
def test_or_later_only_when_the_file_says_so(preamble, expected):
    text = spdx_text("GPL-3.0-only")
    assert identify_license_text(preamble + "\n\n" + text).spdx_id == expected
    assert identify_license_text(text + "\n\n" + preamble).spdx_id == expected


def test_gpl_without_how_to_apply_appendix():
    text = spdx_text("GPL-2.0-only")
    assert identify_license_text(text[: text.index("How to Apply")]).spdx_id == "GPL-2.0-only"


GPL2_LATER_NOTICE = """\
    frobnicate - does things
    Copyright (C) 2001 Jane Doe

    This program is free software; you can redistribute it and/or modify
    it under the terms of the GNU General Public License as published by
    the Free Software Foundation; either version 2 of the License, or
    (at your option) any later version.

    This program is distributed in the hope that it will be useful,
    but WITHOUT ANY WARRANTY; without even the implied warranty of
    MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
    GNU General Public License for more details.

    You should have received a copy of the GNU General Public License along
    with this program; if not, write to the Free Software Foundation, Inc.,
    51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA.
"""


def test_gpl_header_notices():
    assert identify_license_text(GPL2_LATER_NOTICE).spdx_id == "GPL-2.0-or-later"
    only = GPL2_LATER_NOTICE.replace(
        "either version 2 of the License, or\n    (at your option) any later version.", "version 2."
    )
    assert identify_license_text(only).spdx_id == "GPL-2.0-only"


def test_apache_variants():
    text = spdx_text("Apache-2.0")
    appendix = text.index("APPENDIX: How to apply")
    assert identify_license_text(text[:appendix]).spdx_id == "Apache-2.0"  # not Pixar
    assert identify_license_text(text[appendix:]).spdx_id == "Apache-2.0"
    header = spdx_text("Apache-2.0.header").replace("[yyyy] [name of copyright owner]", "2020 Foo Inc.")
    assert identify_license_text(header).spdx_id == "Apache-2.0"


def test_bsd_clause_counts_are_told_apart():
    bsd3 = spdx_text("BSD-3-Clause")
    assert identify_license_text(bsd3).spdx_id == "BSD-3-Clause"
    assert identify_license_text(spdx_text("BSD-2-Clause")).spdx_id == "BSD-2-Clause"
    assert identify_license_text(spdx_text("BSD-4-Clause")).spdx_id == "BSD-4-Clause"
    named = bsd3.replace("the copyright holder nor the names of its", "Google Inc. nor the names of its")
    assert identify_license_text(named).spdx_id == "BSD-3-Clause"


def test_mit_family_is_told_apart():
    assert identify_license_text(spdx_text("MIT")).spdx_id == "MIT"
    assert identify_license_text(spdx_text("MIT-0")).spdx_id == "MIT-0"
    assert identify_license_text(spdx_text("ISC")).spdx_id == "ISC"


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("real/julia-CSV-LICENSE.md", "MIT"),
        ("real/julia-DataStructures-License.md", "MIT"),
        ("real/julia-HTTP-LICENSE.md", "MIT"),
        ("real/julia-HDF5-LICENSE.txt", "MIT"),
        ("real/julia-Zlib_jll-LICENSE", "MIT"),  # MIT after a paragraph about the binaries
        ("real/cran-data.table-LICENSE", "MPL-2.0"),
        ("real/cran-rlang-LICENSE.note", "BSD-2-Clause"),  # xxHash's licence quoted in a note
        ("debian/Apache-2.0", "Apache-2.0"),
        ("debian/BSD", "BSD-3-Clause"),
        ("debian/GPL-2", "GPL-2.0-only"),
        ("debian/LGPL-2.1", "LGPL-2.1-only"),
        ("debian/LGPL-3", "LGPL-3.0-only"),  # the LGPL part alone (SPDX's text appends the GPL)
        ("debian/MPL-2.0", "MPL-2.0"),
        ("debian/Artistic", "Artistic-1.0-Perl"),
    ],
)
def test_real_licence_files(fixture, expected):
    match = identify_license_text((FIXTURES / fixture).read_text(encoding="utf-8"))
    assert match is not None and match.spdx_id == expected


@pytest.mark.parametrize(
    "fixture",
    [
        "real/cran-R6-LICENSE",  # CRAN's "YEAR: / COPYRIGHT HOLDER:" MIT template: no text
        "real/cran-stringi-LICENSE",  # several licences in one file
        "real/cran-yaml-COPYING",  # BSD-3 plus libyaml's MIT terms
        "real/cran-cli-LICENSE.note",  # a note naming licences, no licence text
    ],
)
def test_unclear_real_files_give_none(fixture):
    assert identify_license_text((FIXTURES / fixture).read_text(encoding="utf-8")) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "MIT License",
        "\x00\x01\xff" * 1000,
        "# foo\n\nA Python package. Install with pip install foo. Licensed under MIT, see LICENSE.\n" * 3,
        "lorem ipsum dolor sit amet " * 500,
    ],
)
def test_garbage_gives_none(text):
    assert identify_license_text(text) is None


def test_two_licences_in_one_file_give_none():
    assert identify_license_text(spdx_text("MIT") + "\n\n" + spdx_text("BSD-3-Clause")) is None


def test_corpus_provenance():
    info = corpus_info()
    assert info["license_list_version"] and "license-list-data" in info["source"]
