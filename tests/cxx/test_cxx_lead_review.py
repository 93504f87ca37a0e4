"""Defects the lead found running `recipegen cxx` on Debian tarballs in no set (2026-12-07):
libopenmpt 0.6.9 (PKG_CHECK_MODULES(libpulse)) and Debian pre-release version spellings."""

from __future__ import annotations

import pytest
from recipegen.generators.cxx.depmap import map_dependency
from recipegen.generators.cxx.versions import archive_version, clean_version


@pytest.mark.parametrize("name", ["libpulse", "libpulse-simple"])
def test_pulseaudio_client_libraries_map_to_the_client_package(name):
    # before: the same-name fallback dropped "lib" and took `pulse`, not the PulseAudio client libraries
    assert map_dependency(name).conda == "pulseaudio-client"


@pytest.mark.parametrize(
    ("debian", "upstream"),
    [("2.0~rc1", "2.0rc1"), ("1.0~beta2", "1.0beta2"), ("3.1~a1", "3.1a1"), ("2.9.14+dfsg", "2.9.14")],
)
def test_a_debian_pre_release_tilde_is_dropped(debian, upstream):
    # before: 2.0~rc1 stayed, and rattler-build refuses `~` in a version
    assert clean_version(debian) == upstream


def test_an_archive_named_with_a_pre_release():
    assert archive_version("foo_2.0~rc1.orig.tar.gz") == ("foo", "2.0rc1")
