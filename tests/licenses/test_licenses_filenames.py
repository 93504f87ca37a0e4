"""is_license_file_name."""

import pytest

from recipegen.licenses import is_license_file_name


@pytest.mark.parametrize(
    "name",
    [
        "LICENSE",
        "LICENCE",
        "COPYING",
        "COPYING.LESSER",
        "COPYING.LIB",
        "NOTICE",
        "COPYRIGHT",
        "UNLICENSE",
        "LICENSE-MIT",
        "LICENSE.APACHE2",
        "LICENSE_BSD",
        "LICENSE.note",
        "LICENSES/MIT.txt",
        "LICENSES/Apache-2.0.txt",
        "sub/LICENSES/CC0-1.0.md",
        "license",
        "License.md",
        "LICENSE.txt",
        "license.rst",
        "NOTICE.txt",
        "MIT-LICENSE",
        "MIT-LICENSE.txt",
        "LICENSE-THIRD-PARTY.md",
        "pkg/LICENSE",
        "src\\vendor\\COPYING",
    ],
)
def test_licence_file_names(name):
    assert is_license_file_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "README",
        "README.md",
        "AUTHORS",
        "CHANGELOG.md",
        "license.py",
        "licenses.json",
        "src/license_checker.py",
        "LICENSES/foo.py",
        "licensing.md",
        ".license",
        "",
        "LICENSE.html",
        "setup.cfg",
        "pyproject.toml",
        "LICENSES/",
    ],
)
def test_other_file_names(name):
    assert not is_license_file_name(name)
