"""Messages that carry advice: SPDX replacements, case fixes, the output a finding is about."""

from __future__ import annotations

import pytest

from recipegen.linters.api import lint_document, load_v1


def messages(text: str, rule: str) -> list[str]:
    doc = load_v1(text, "recipe.yaml")
    return [p.message for p in lint_document(doc, select=[rule]) if p.rule_id == rule]


@pytest.mark.parametrize(("license_", "advice"), [
    ("GPL-2.0+", "use `GPL-2.0-or-later`"),
    ("LGPL-2.1", "use `LGPL-2.1-only`"),
    ("mit", "should be spelled `MIT`"),
    ("apache-2.0 OR MIT", "should be spelled `Apache-2.0`"),
    ("Net-SNMP", "is a deprecated SPDX id"),
    ("Foo-1.0", "is not an SPDX license id"),
])
def test_spdx_advice(license_: str, advice: str) -> None:
    [message] = messages(f"about:\n  license: {license_}\n", "license-not-spdx")
    assert advice in message


def test_deprecated_exception_named() -> None:
    [message] = messages("about:\n  license: LGPL-2.1-only WITH Nokia-Qt-exception-1.1\n",
                         "license-exception-not-spdx")
    assert "Qt-LGPL-exception-1.1" in message


def test_library_in_build_names_the_package() -> None:
    text = "requirements:\n  build:\n    - libxml2 >=2.12\n"
    assert messages(text, "library-in-build") == [
        "`libxml2` is a library but is only in build: move it to host (libraries in build add no run "
        "dependency and break cross-compilation)."]


def test_compiler_in_run_is_a_warning_in_host_an_error() -> None:
    from recipegen.problems import Severity

    text = "requirements:\n  host:\n    - ${{ compiler('c') }}\n  run:\n    - ${{ compiler('c') }}\n"
    doc = load_v1(text, "recipe.yaml")
    found = {p.line: p.severity for p in lint_document(doc, select=["compiler-outside-build"])}
    assert found == {3: Severity.ERROR, 5: Severity.WARNING}
