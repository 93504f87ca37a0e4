"""Messages that carry advice: SPDX replacements, case fixes, the output a finding is about."""

from __future__ import annotations

import pytest
from recipegen.linters.api import lint_document, load_v1


def messages(text: str, rule: str) -> list[str]:
    doc = load_v1(text, "recipe.yaml")
    return [p.message for p in lint_document(doc, select=[rule]) if p.rule_id == rule]


@pytest.mark.parametrize(
    ("license_", "advice"),
    [
        ("GPL-2.0+", "use `GPL-2.0-or-later`"),
        ("LGPL-2.1", "use `LGPL-2.1-only`"),
        ("mit", "should be spelled `MIT`"),
        ("apache-2.0 OR MIT", "should be spelled `Apache-2.0`"),
        ("Net-SNMP", "is a deprecated SPDX id"),
        ("Foo-1.0", "is not an SPDX license id"),
    ],
)
def test_spdx_advice(license_: str, advice: str) -> None:
    [message] = messages(f"about:\n  license: {license_}\n", "license-not-spdx")
    assert advice in message


def test_deprecated_exception_named() -> None:
    [message] = messages("about:\n  license: LGPL-2.1-only WITH Nokia-Qt-exception-1.1\n", "license-exception-not-spdx")
    assert "Qt-LGPL-exception-1.1" in message


def test_library_in_build_names_the_package() -> None:
    text = "requirements:\n  build:\n    - libxml2 >=2.12\n"
    assert messages(text, "library-in-build") == [
        "`libxml2` is a library but is only in build: move it to host (libraries in build add no run "
        "dependency and break cross-compilation)."
    ]


def test_compiler_in_run_is_a_warning_in_host_an_error() -> None:
    from recipegen.problems import Severity

    text = "requirements:\n  host:\n    - ${{ compiler('c') }}\n  run:\n    - ${{ compiler('c') }}\n"
    doc = load_v1(text, "recipe.yaml")
    found = {p.line: p.severity for p in lint_document(doc, select=["compiler-outside-build"])}
    assert found == {3: Severity.ERROR, 5: Severity.WARNING}


# conda-smithy verdicts (license-expression symbols, exact case, LicenseRef pattern),
# now computed from recipegen.licenses.check_expression
@pytest.mark.parametrize(
    ("license_", "r044", "r045"),
    [
        ("MIT", False, False),
        ("mit", True, False),
        ("Zlib OR zlib", True, False),
        ("LicenseRef-Foo", False, False),
        ("LicenseRefFoo", False, False),  # smithy's pattern needs no dash
        ("licenseref-foo", True, False),  # ... but is case-sensitive
        ("DocumentRef-a:LicenseRef-b", True, False),
        ("GPL-2.0", True, False),
        ("MIT | Apache-2.0", True, False),
        ("MIT Apache-2.0", True, False),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", False, False),
        ("GPL-2.0-or-later WITH classpath-exception-2.0", False, True),
        ("LGPL-2.1-only WITH Nokia-Qt-exception-1.1", False, True),
        ("MIT WITH Apache-2.0", False, True),
        ("LLVM-exception", True, False),
    ],
)
def test_spdx_verdicts_match_conda_smithy(license_: str, r044: bool, r045: bool) -> None:
    text = f"about:\n  license: {license_}\n"
    assert bool(messages(text, "license-not-spdx")) is r044
    assert bool(messages(text, "license-exception-not-spdx")) is r045


def test_legacy_pypi_url_suggests_the_file_host() -> None:
    text = "source:\n  url: https://pypi.io/packages/source/f/foo/foo-1.0.tar.gz\n"
    [problem] = list(lint_document(load_v1(text, "recipe.yaml"), select=["source-legacy-pypi-url"]))
    assert (problem.line, problem.column) == (2, 8)
    assert "`https://files.pythonhosted.org/`" in problem.message
    assert problem.fix == "https://files.pythonhosted.org/packages/source/f/foo/foo-1.0.tar.gz"


def test_pypi_org_and_file_host_urls_pass() -> None:
    for url in (
        "https://pypi.org/packages/source/f/foo/foo-1.0.tar.gz",
        "https://files.pythonhosted.org/packages/source/f/foo/foo-1.0.tar.gz",
    ):
        assert messages(f"source:\n  url: {url}\n", "source-legacy-pypi-url") == []


def test_numeric_checksum_is_named_for_what_it_is(tmp_path) -> None:
    from recipegen.linters.v0 import load_v0

    text = (
        "source:\n  url: https://example.org/foo-1.0.tar.gz\n"
        "  sha256: 0000000000000000000000000000000000000000000000000000000000000000\n"
    )
    doc = load_v0(text, str(tmp_path / "meta.yaml"), recipe_dir=tmp_path)
    found = [
        (p.rule_id, p.line, p.column, p.message)
        for p in lint_document(doc, select=["source-hash-missing", "source-hash-not-text"])
    ]
    assert found == [
        ("source-hash-not-text", 3, 11, "`sha256` is read by YAML as the number 0, not as checksum text: quote it.")
    ]


def test_numeric_checksum_in_v1_is_the_schema_error_only() -> None:
    zeros = "0" * 64
    text = (
        f"package:\n  name: foo\n  version: '1.0'\nsource:\n  url: https://example.org/foo-1.0.tar.gz\n"
        f"  sha256: {zeros}\n"
    )
    found = [
        (p.rule_id, p.line, p.column, p.end_column, p.message)
        for p in lint_document(load_v1(text, "recipe.yaml"))
        if p.rule_id in ("schema", "source-hash-missing", "source-hash-not-text")
    ]
    message = f'source.sha256: expected a string, got the number 0 (quote it: "{zeros}")'
    assert found == [("schema", 6, 11, 75, message)]
