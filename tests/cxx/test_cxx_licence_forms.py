"""Licences stated in forms SPDX's texts do not match word for word, on verbatim extracts
(fixtures/cxx/real): BSD conditions with their own disclaimer (libpcap, lzlib), a licence
only a program declares (lzlib's minilzip), a README section holding a licence among prose
(libgc), the main header holding the licence (lua)."""

from __future__ import annotations

from recipegen.generators.cxx.license_files import Programs, find_license

from recipegen.licenses import contained_license, identify_license_text
from recipegen.licensing.bsd_clauses import bsd_by_conditions

from .conftest import text, tree

BSD_3 = """Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:
1. Redistributions of source code must retain the above copyright notice,
   this list of conditions and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.
3. The names of the authors may not be used to endorse or promote products
   derived from this software without specific prior written permission.
{extra}
THIS SOFTWARE IS PROVIDED ``AS IS'' AND WITHOUT ANY EXPRESS OR IMPLIED WARRANTIES.
"""


def test_bsd_with_a_short_disclaimer_is_bsd_3_clause():
    # libpcap 1.10.3's LICENSE: "License: BSD", the three conditions, a one-sentence disclaimer
    match = identify_license_text(text("libpcap-1.10.3", "LICENSE"))
    assert match is not None and match.spdx_id == "BSD-3-Clause"


def test_bsd_with_the_gpl_disclaimer_is_bsd_2_clause():
    match = identify_license_text(text("lzlib-1.13", "COPYING"))
    assert match is not None and match.spdx_id == "BSD-2-Clause"


def test_bsd_conditions_with_one_more_condition_are_refused():
    assert bsd_by_conditions(BSD_3.format(extra="")) == "BSD-3-Clause"
    extra = "4. This software may not be used in the design of any nuclear facility.\n"
    assert bsd_by_conditions(BSD_3.format(extra=extra)) == ""
    assert bsd_by_conditions(BSD_3.format(extra="4. Modified versions must be plainly marked.\n")) == ""


def test_bsd_conditions_after_another_licence_are_refused():
    assert bsd_by_conditions("The tools are GPL. The library:\n" + BSD_3.format(extra="")) == ""


def test_a_gnu_licence_only_a_program_that_is_not_installed_declares_is_dropped():
    # lzlib: minilzip.c (a program: it defines main) is the only source under the GPL, and
    # `make install` installs the library alone
    source = tree("lzlib-1.13")
    assert source.programs == {"minilzip.c"}
    programs = Programs(installed=False, heads=source.source_heads, mains=frozenset(source.programs))
    found = find_license(source.texts, programs=programs)
    assert found.expression == "BSD-2-Clause"
    assert any("programs the build does not install (minilzip.c)" in note for note in found.notes)
    installed = Programs(installed=True, heads=source.source_heads, mains=frozenset(source.programs))
    assert find_license(source.texts, programs=installed).expression == "BSD-2-Clause AND GPL-2.0-only"


def test_readme_section_holding_the_licence_among_prose():
    # libgc 8.2.2 has no licence file; README.md's "## Copyright & Warranty" lists copyright
    # lines as `*` bullets, then the Boehm-GC text, then a paragraph on its build files
    found = find_license(tree("gc-8.2.2").texts, name="gc")
    assert found.expression == "Boehm-GC"
    assert found.files == ["README.md"]


def test_main_header_holding_the_licence():
    # lua 5.4.4 has no licence file; src/lua.h ends with the MIT text (not JSON, which adds a sentence)
    found = find_license(tree("lua-5.4.4").texts, name="lua5.4")
    assert found.expression == "MIT"
    assert found.files == ["src/lua.h"]


def test_two_whole_licences_in_one_section_are_refused():
    mit = text("lua-5.4.4", "src/lua.h").rsplit("/****", 1)[1]
    isc = text("libsodium-1.0.18", "LICENSE")
    assert contained_license(mit) == "MIT"
    assert contained_license(mit + "\n\n" + isc) == ""


def test_a_licence_held_inside_a_longer_one_is_not_taken_for_it():
    # 0BSD's text is ISC's without "provided that the above copyright notice ... appear in all copies":
    # libsodium's ISC text holds both, and neither is taken (identify_license_text says ISC)
    assert contained_license(text("libsodium-1.0.18", "LICENSE")) == ""
