"""License rules beyond conda-smithy: license files in the source, their text, bundled
dependencies' licenses, and the license policy."""

from __future__ import annotations

import hashlib
import io
import tarfile

import pytest
from recipegen.linters.policy import parse_policy

from recipegen.problems import Severity

from .rule_cases_b import Case, finding_lines, lint_case, params

MIT = """\
MIT License

Copyright (c) 2024 Foo Authors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

APACHE = """\
Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
"""

SRC_MIT = {"src/LICENSE": MIT, "src/setup.py": "", "src/LICENSES/BSD.txt": "x"}
DENY_COPYLEFT = parse_policy({"deny": ["copyleft"], "message": "see the wiki"}, "policy.toml")
ALLOW_PERMISSIVE = parse_policy({"allow": ["permissive"]}, "policy.yaml")

CASES = [
    # --- license-file-not-found
    Case(
        "license-file-not-found",
        """
        source:
          path: src
        about:
          license: MIT
          license_file:
            - LICENSE
            - LICENSE.txt  # <-
            - LICENSES/
            - LICENSES/*.txt
            - THIRDPARTY.yml
        """,
        fmt="both",
        files={**SRC_MIT, "THIRDPARTY.yml": "x"},
    ),
    Case(
        "license-file-not-found",
        """
        source:
          path: src
        build:
          script:
            - cargo-bundle-licenses --format yaml --output THIRDPARTY.yml
        about:
          license: MIT
          license_file:
            - LICENSE
            - THIRDPARTY.yml
            - library_licenses/
        """,
        fmt="both",
        files={**SRC_MIT, "build.sh": "go-licenses save . --save_path=library_licenses\n"},
        name="written-by-the-build",
    ),
    Case(
        "license-file-not-found",
        """
        source:
          url: https://example.org/foo-1.0.tar.gz
          sha256: 0000000000000000000000000000000000000000000000000000000000000000
        about:
          license: MIT
          license_file: LICENSE.txt
        """,
        fmt="both",
        name="source-not-available",
    ),
    Case(
        "license-file-not-found",
        """
        source:
          path: src
        about:
          license: MIT
          license_file: {{ RECIPE_DIR }}/LICENSE  # <-
        """,
        fmt="v0",
        files=SRC_MIT,
        name="recipe-dir-missing",
    ),
    Case(
        "license-file-not-found",
        """
        source:
          path: src
          target_directory: sub
        outputs:
          - package:
              name: foo
            about:
              license_file: sub/LICENSE
          - package:
              name: bar
            about:
              license_file: LICENSE  # <-
        """,
        files=SRC_MIT,
        name="target-directory-and-outputs",
    ),
    # --- license-text-mismatch
    Case(
        "license-text-mismatch",
        """
        source:
          path: src
        about:
          license: MIT
          license_file: LICENSE  # <-
        """,
        fmt="both",
        files={"src/LICENSE": APACHE},
    ),
    Case(
        "license-text-mismatch",
        """
        source:
          path: src
        about:
          license: MIT OR Apache-2.0
          license_file:
            - LICENSE
            - LICENSE-APACHE
        """,
        fmt="both",
        files={"src/LICENSE": MIT, "src/LICENSE-APACHE": APACHE},
    ),
    Case(
        "license-text-mismatch",
        """
        about:
          license: Apache-2.0
          license_file: LICENSE  # <-
        """,
        fmt="both",
        files={"LICENSE": MIT},
        name="recipe-folder-file",
    ),
    Case(
        "license-text-mismatch",
        """
        source:
          url: https://example.org/foo-1.0.tar.gz
        about:
          license: Apache-2.0
          license_file: LICENSE
        """,
        fmt="both",
        name="source-not-available",
    ),
    # --- license-policy
    Case(
        "license-policy",
        """
        about:
          license: GPL-3.0-only  # <-
        """,
        fmt="both",
        options={"license_policy": DENY_COPYLEFT},
    ),
    Case(
        "license-policy",
        """
        about:
          license: MIT OR GPL-3.0-only
        """,
        fmt="both",
        options={"license_policy": DENY_COPYLEFT},
        name="or-alternative",
    ),
    Case(
        "license-policy",
        """
        context:
          lic: MPL-2.0
        about:
          license: ${{ lic }}  # <-
        """,
        options={"license_policy": ALLOW_PERMISSIVE},
        name="allow-list",
    ),
    Case(
        "license-policy",
        """
        about:
          license: GPL-3.0-only
        """,
        fmt="both",
        name="no-policy",
    ),
    # --- vendored-licenses-missing
    Case(
        "vendored-licenses-missing",
        """
        requirements:
          host:
            - nodejs
        build:
          script:
            - ${{ PYTHON }} -m pip install . -vv
        tests:
          - script:
              - npm install && npm test
        """,
        files={"run_test.sh": "npm ci\nnpm test\n"},
        name="nodejs-only-for-tests",
    ),
    Case(
        "vendored-licenses-missing",
        """
        requirements:
          build:
            - nodejs  # <-
        build:
          script:
            - npm install -g .
        """,
        fmt="both",
    ),
    Case(
        "vendored-licenses-missing",
        """
        requirements:
          build:
            - nodejs
            - pnpm
            - pnpm-licenses
        build:
          script:
            - npm install -g .
            - pnpm install
            - pnpm-licenses generate-disclaimer --prod --output-file=third-party-licenses.txt
        """,
        fmt="both",
    ),
    Case(
        "vendored-licenses-missing",
        """
        requirements:
          build:
            - nodejs
        build:
          script:
            - npm install -g .
        """,
        fmt="both",
        files={"build.sh": "pnpm-licenses generate-disclaimer --prod > tpl.txt\n"},
        name="tool-in-build-script",
    ),
    Case(
        "vendored-licenses-missing",
        """
        requirements:
          build:
            - rust  # <-
        """,
        fmt="both",
        files={"build.sh": "cargo install --path . --root $PREFIX\n"},
        name="rust-plain",
    ),
    Case(
        "vendored-licenses-missing",
        """
        requirements:
          build:
            - ${{ compiler('rust') }}
            - rust
        """,
        fmt="both",
        files={"build.sh": "cargo install --path . --root $PREFIX\n"},
        name="rust-compiler-left-to-R-031",
    ),
    Case(
        "vendored-licenses-missing",
        """
        requirements:
          build:
            - go-nocgo  # <-
        """,
        fmt="both",
        files={"build.sh": "go build -o $PREFIX/bin/foo\n"},
        name="go-plain",
    ),
    Case(
        "vendored-licenses-missing",
        """
        source:
          path: src
        requirements:
          build:
            - nodejs  # <-
        build:
          script:
            - mkdir -p $PREFIX/lib/foo && cp -r . $PREFIX/lib/foo
        about:
          license_file: LICENSE
        """,
        fmt="both",
        files={**SRC_MIT, "src/node_modules/left-pad/package.json": "{}"},
        name="node-modules-in-source",
    ),
    Case(
        "vendored-licenses-missing",
        """
        source:
          path: src
        requirements:
          build:
            - nodejs
        build:
          script:
            - mkdir -p $PREFIX/lib/foo && cp -r . $PREFIX/lib/foo
        about:
          license_file:
            - LICENSE
            - third-party-licenses.txt
        """,
        fmt="both",
        files={**SRC_MIT, "src/node_modules/left-pad/package.json": "{}", "third-party-licenses.txt": "..."},
        name="node-modules-covered",
    ),
    Case(
        "vendored-licenses-missing",
        """
        source:
          path: src
        requirements:
          build:
            - nodejs
        """,
        fmt="both",
        files=SRC_MIT,
        name="no-node-modules",
    ),
    Case(
        "vendored-licenses-missing",
        """
        requirements:
          build:
            - go-nocgo
            - go-licenses
        """,
        fmt="both",
        files={"build.sh": "go build -o $PREFIX/bin/foo\ngo-licenses save . --save_path lic\n"},
        name="go-with-tool",
    ),
]


@pytest.mark.parametrize(("case", "fmt"), params(CASES))
def test_rule(case: Case, fmt: str, tmp_path):
    problems = lint_case(case, fmt, tmp_path)
    assert finding_lines(problems, case.rule) == case.expected(fmt), problems


def test_mismatch_of_an_extra_file_is_a_warning(tmp_path):
    case = Case(
        "license-text-mismatch",
        """
        source:
          path: src
        about:
          license: MIT
          license_file:
            - LICENSE
            - vendor/LICENSE  # <-
        """,
        files={"src/LICENSE": MIT, "src/vendor/LICENSE": APACHE},
    )
    (problem,) = lint_case(case, "v1", tmp_path)
    assert (problem.line, problem.severity) == (7, Severity.WARNING)
    assert "Apache-2.0" in problem.message


def test_mismatch_names_both_licenses(tmp_path):
    case = Case("license-text-mismatch", "about:\n  license: MIT\n  license_file: LICENSE\n", files={"LICENSE": APACHE})
    (problem,) = lint_case(case, "v1", tmp_path)
    assert problem.severity is Severity.ERROR
    assert "Apache-2.0" in problem.message and "MIT" in problem.message


def test_source_dir_option(tmp_path):
    source = tmp_path / "unpacked"
    source.mkdir()
    (source / "COPYING").write_text(MIT)
    text = (
        "source:\n  url: https://example.org/foo.tar.gz\nabout:\n  license: MIT\n  license_file:\n"
        "    - COPYING\n    - LICENSE\n"
    )
    case = Case("license-file-not-found", text, options={"source_dir": source})
    assert finding_lines(lint_case(case, "v1", tmp_path), case.rule) == (7,)


def _tarball(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"foo-1.0/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_fetch_sources_reads_the_archive_in_memory(tmp_path, monkeypatch):
    from recipegen.linters.rules import _sources

    from recipegen import http

    url = "https://example.org/foo-1.0.tar.gz"
    archive = _tarball({"LICENSE": APACHE, "src/foo.c": "int x;\n"})
    requested = []

    def fake_get(self, wanted, **kwargs):
        requested.append(wanted)
        return http.Response(wanted, 200, archive)

    monkeypatch.setattr(http.Fetcher, "get", fake_get)
    _sources.fetched_archive.cache_clear()
    text = (
        f"source:\n  url: {url}\n  sha256: {hashlib.sha256(archive).hexdigest()}\nabout:\n  license: MIT\n"
        "  license_file:\n    - LICENSE\n    - COPYING\n"
    )
    for rule, lines in (
        ("license-file-not-found", (8,)),
        ("license-text-mismatch", (7,)),
        ("source-hash-mismatch", ()),
    ):
        case = Case(rule, text, options={"fetch_sources": True})
        assert finding_lines(lint_case(case, "v1", tmp_path / rule), rule) == lines
    assert requested == [url]  # fetched once, cached for the other rules
    _sources.fetched_archive.cache_clear()


def test_a_download_with_another_digest_is_reported_and_not_read(tmp_path, monkeypatch):
    """Every download's hash is verified: bytes the recipe's sha256 does not name are a
    `source-hash-mismatch` at the sha256, and the license rules read nothing from them."""
    from recipegen.linters.rules import _sources

    from recipegen import http

    archive = _tarball({"LICENSE": APACHE})
    monkeypatch.setattr(http.Fetcher, "get", lambda self, wanted, **kwargs: http.Response(wanted, 200, archive))
    _sources.fetched_archive.cache_clear()
    text = (
        f"source:\n  url: https://example.org/foo-1.0.tar.gz\n  sha256: {'ab' * 32}\nabout:\n  license: MIT\n"
        "  license_file:\n    - LICENSE\n"
    )
    for rule, lines in (("source-hash-mismatch", (3,)), ("license-text-mismatch", ()), ("license-file-not-found", ())):
        case = Case(rule, text, options={"fetch_sources": True})
        assert finding_lines(lint_case(case, "v1", tmp_path / rule), rule) == lines
    (problem,) = [
        p
        for p in lint_case(Case("source-hash-mismatch", text, options={"fetch_sources": True}), "v1", tmp_path / "m")
        if p.rule_id == "source-hash-mismatch"
    ]
    assert hashlib.sha256(archive).hexdigest() in problem.message
    _sources.fetched_archive.cache_clear()


def test_policy_message_names_policy_and_reason(tmp_path):
    case = Case("license-policy", "about:\n  license: GPL-3.0-only\n", options={"license_policy": DENY_COPYLEFT})
    (problem,) = lint_case(case, "v1", tmp_path)
    assert "policy.toml" in problem.message and "copyleft" in problem.message and "see the wiki" in problem.message


def test_vendored_licenses_severity_follows_the_evidence(tmp_path):
    """Rust and Go link their dependencies: an error; an npm install may only build assets: a warning."""
    node = Case(
        "vendored-licenses-missing",
        "requirements:\n  build:\n    - nodejs\nbuild:\n  script:\n    - npm install -g .\n",
    )
    rust = Case(
        "vendored-licenses-missing",
        "requirements:\n  build:\n    - rust\n",
        files={"build.sh": "cargo install --path . --root $PREFIX\n"},
    )
    severities = []
    for number, case in enumerate((node, rust)):
        found = lint_case(case, "v1", tmp_path / str(number))
        severities += [p.severity.value for p in found if p.rule_id == "vendored-licenses-missing"]
    assert severities == ["warning", "error"]


RUST_OUTPUT = """
recipe:
  name: foo
  version: "1.0"
outputs:
  - package:
      name: foo-cli
    requirements:
      build:
        - ${{ compiler('rust') }}
        - ${{ stdlib('c') }}
    about:
      license: MIT
      license_file:
        - LICENSE
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # conda-smithy's own condition: an error, whatever license_file says
        (
            "requirements:\n  build:\n    - ${{ compiler('rust') }}\nabout:\n  license_file:\n    - license-files/\n",
            ["error"],
        ),
        # beyond conda-smithy (an output): a warning ...
        (RUST_OUTPUT, ["warning"]),
        # ... and nothing when license_file ships the crates' licenses as a folder of files
        (RUST_OUTPUT + "        - license-files/\n", []),
        (RUST_OUTPUT.replace("- LICENSE", "- LICENSE\n        - THIRDPARTY.yml"), []),
    ],
    ids=["smithy-top-level", "output", "output-license-folder", "output-thirdparty-file"],
)
def test_rust_licenses_severity_and_license_folders(text, expected, tmp_path):
    found = lint_case(Case("rust-licenses-not-bundled", text), "v1", tmp_path)
    assert [p.severity.value for p in found if p.rule_id == "rust-licenses-not-bundled"] == expected
