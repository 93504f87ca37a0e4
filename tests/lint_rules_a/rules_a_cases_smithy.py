"""Cases for the rules that match conda-smithy's checks (lint-rules.md sections 1, 2, 4, 5)."""

from .rules_a_helpers import Case

LICENSING = [
    Case(
        "license-missing",
        """
        about:  # <-
          summary: no license
        """,
    ),
    Case(
        "license-missing",
        """
        about:
          license: MIT
        """,
    ),
    Case(
        "license-unknown",
        """
        about:
          license: Unknown  # <-
        """,
    ),
    Case(
        "license-unknown",
        """
        about:
          license: MIT
        """,
    ),
    Case(
        "license-word-license",
        """
        about:
          license: MIT License  # <-
        """,
    ),
    Case(
        "license-word-license",
        """
        about:
          license: BSD-3-Clause-No-Nuclear-License OR LicenseRef-Foo-License OR Unlicense
        """,
    ),
    Case(
        "license-file-missing",
        """
        about:  # <-
          license: MIT
        """,
    ),
    Case(
        "license-file-missing",
        """
        about:
          license: MIT
          license_file: LICENSE
        """,
    ),
    Case(
        "license-file-missing",
        """
        about:  # <-
          license: Zlib
        """,
        fmt="v1",
        name="v1-always",
    ),
    Case(
        "license-file-missing",
        """
        about:
          license: Zlib
        """,
        fmt="v0",
        name="v0-only-some-families",
    ),
    Case(
        "license-family-invalid",
        """
        about:
          license: BSD-3-Clause
          license_family: BSD3  # <-
        """,
        fmt="v0",
    ),
    Case(
        "license-family-invalid",
        """
        about:
          license: BSD-3-Clause
          license_family: public-domain
        """,
        fmt="v0",
    ),
    Case(
        "license-not-spdx",
        """
        about:
          license: GPL-2.0  # <-
        """,
        name="deprecated",
    ),
    Case(
        "license-not-spdx",
        """
        about:
          license: MIT | Apache  # <-
        """,
        name="unparseable",
    ),
    Case(
        "license-not-spdx",
        """
        about:
          license: (MIT OR Apache-2.0) AND LicenseRef-Custom
        """,
    ),
    Case(
        "license-exception-not-spdx",
        """
        about:
          license: GPL-2.0-or-later WITH Foo-exception  # <-
        """,
    ),
    Case(
        "license-exception-not-spdx",
        """
        about:
          license: GPL-2.0-or-later WITH Classpath-exception-2.0
        """,
    ),
    Case(
        "rust-licenses-not-bundled",
        """
        requirements:
          build:
            - ${{ compiler("rust") }}  # <-
            - ${{ stdlib("c") }}
        """,
    ),
    Case(
        "rust-licenses-not-bundled",
        """
        requirements:
          build:
            - ${{ compiler('rust') }}
            - cargo-bundle-licenses
        """,
    ),
    Case(
        "go-licenses-not-bundled",
        """
        requirements:
          build:
            - ${{ compiler('go') }}  # <-
        """,
    ),
    Case(
        "go-licenses-not-bundled",
        """
        requirements:
          build:
            - ${{ compiler('go') }}
            - go-licenses
        """,
    ),
]

PLACEMENT = [
    Case(
        "requirements-section-order",
        """
        requirements:  # <-
          run:
            - python
          build:
            - cmake
        """,
    ),
    Case(
        "requirements-section-order",
        """
        requirements:
          build:
            - cmake
          host:
            - zlib
          run_constraints:
            - foo
          run:
            - python
        """,
        fmt="v1",
    ),
    Case(
        "requirements-section-order",
        """
        requirements:
          build:
            - cmake
          run_constrained:
            - foo
          host:
            - zlib
        """,
        fmt="v0",
    ),
    Case(
        "stdlib-missing",
        """
        requirements:
          build:
            - ${{ compiler('cxx') }}  # <-
            - cmake
        """,
    ),
    Case(
        "stdlib-missing",
        """
        requirements:
          build:
            - ${{ compiler('cxx') }}
            - ${{ stdlib('c') }}
        """,
    ),
    Case(
        "stdlib-missing",
        """
        package:
          name: foo
        requirements:
          build:
            - ${{ compiler('c') }}
            - ${{ stdlib('c') }}
        outputs:
          - package:
              name: libfoo
            requirements:
              build:
                - ${{ compiler('c') }}  # <-
        """,
        fmt="v1",
        name="per-output",
    ),
    Case(
        "stdlib-sysroot-direct",
        """
        requirements:
          build:
            - sysroot_linux-64 2.17  # <-
        """,
    ),
    Case(
        "stdlib-sysroot-direct",
        """
        requirements:
          build:
            - ${{ stdlib('c') }}
        """,
    ),
    Case(
        "stdlib-osx-virtual-direct",
        """
        requirements:
          run:
            - __osx >=10.13  # <-
        """,
    ),
    Case(
        "stdlib-osx-virtual-direct",
        """
        requirements:
          run:
            - __osx
        """,
    ),
    Case(
        "legacy-toolchain",
        """
        requirements:
          build:
            - toolchain  # <-
        """,
    ),
    Case(
        "legacy-toolchain",
        """
        requirements:
          build:
            - toolchain-foo
        """,
    ),
    Case(
        "language-host-not-run",
        """
        requirements:
          host:
            - python  # <-
          run:
            - numpy
        """,
    ),
    Case(
        "language-host-not-run",
        """
        requirements:
          host:
            - r-base
          run:
            - r-base
        """,
    ),
    Case(
        "language-runtime-pinned",
        """
        requirements:
          host:
            - python >=3.10  # <-
          run:
            - python
        """,
    ),
    Case(
        "language-runtime-pinned",
        """
        requirements:
          host:
            - python 3.12
          run:
            - python
            - python >=3.10
        """,
    ),
    Case(
        "noarch-python-lower-bound",
        """
        build:
          noarch: python
        requirements:
          run:
            - python  # <-
        """,
    ),
    Case(
        "noarch-python-lower-bound",
        """
        build:
          noarch: python
        requirements:
          run:
            - python >=3.10
        """,
    ),
    Case(
        "noarch-python-min-syntax",
        """
        build:
          noarch: python
        requirements:  # <-
          host:
            - python >=3.9
          run:
            - python >=3.9
        """,
    ),
    Case(
        "noarch-python-min-syntax",
        """
        build:
          noarch: python
        requirements:
          host:
            - python ${{ python_min }}.*
          run:
            - python >=${{ python_min }}
        tests:
          - python:
              imports: [foo]
              python_version: ${{ python_min }}.*
        """,
        fmt="v1",
    ),
    Case(
        "noarch-python-min-syntax",
        """
        build:
          noarch: python
        requirements:
          host:
            - python {{ python_min }}
          run:
            - python >={{ python_min }}
        test:
          requires:
            - python {{ python_min }}
        """,
        fmt="v0",
    ),
    Case(
        "noarch-python-test-latest",
        """
        build:
          noarch: python
        tests:
          - python:  # <-
              imports: [foo]
              python_version: ${{ python_min }}.*
        """,
        fmt="v1",
    ),
    Case(
        "noarch-python-test-latest",
        """
        build:
          noarch: python
        tests:
          - python:
              imports: [foo]
              python_version: ["${{ python_min }}.*", "*"]
        """,
        fmt="v1",
    ),
    Case(
        "abi3-test-latest",
        """
        build:
          python:
            version_independent: true
        tests:
          - python:  # <-
              imports: [foo]
              python_version: "3.10.*"
        """,
        fmt="v1",
    ),
    Case(
        "abi3-test-latest",
        """
        build:
          python:
            version_independent: true
        tests:
          - python:
              imports: [foo]
              python_version: ["3.10.*", "*"]
        """,
        fmt="v1",
    ),
    Case(
        "abi3-cross-python-ignore-run-exports",
        """
        build:
          noarch: python
        requirements:
          ignore_run_exports:
            from_package:
              - cross-python_${{ host_platform }}  # <-
        """,
        fmt="v1",
    ),
    Case(
        "abi3-cross-python-ignore-run-exports",
        """
        build:
          noarch: python
        requirements:
          ignore_run_exports:
            from_package:
              - cross-pythonic
        """,
        fmt="v1",
    ),
    Case(
        "abi3-missing-abi3audit",
        """
        build:
          python:
            version_independent: true
        requirements:
          host:
            - python-abi3  # <-
        tests:
          - python:
              imports: [foo]
        """,
        fmt="v1",
    ),
    Case(
        "abi3-missing-abi3audit",
        """
        build:
          python:
            version_independent: true
        requirements:
          host:
            - python-abi3
        tests:
          - script:
              - abi3audit $SP_DIR/foo/_foo.abi3.so -s
        """,
        fmt="v1",
    ),
    Case(
        "abi3-missing-abi3audit",
        """
        build:
          python_version_independent: true
        requirements:
          host:
            - python-abi3  # <-
        test:
          imports:
            - foo
        """,
        fmt="v0",
    ),
    Case(
        "abi3-missing-abi3audit",
        """
        build:
          python_version_independent: true
        requirements:
          host:
            - python-abi3
        test:
          requires:
            - abi3audit
        """,
        fmt="v0",
    ),
    Case(
        "python-min-redundant",
        """
        context:
          python_min: "3.8"  # <-
        """,
        fmt="v1",
    ),
    Case(
        "python-min-redundant",
        """
        context:
          python_min: "3.99"
        """,
        fmt="v1",
    ),
    Case(
        "python-min-redundant",
        """
        {% set python_min = "3.9" %}  # <-
        package:
          name: foo
        """,
        fmt="v0",
    ),
    Case(
        "python-min-redundant",
        """
        {% set python_min = "3.99" %}
        package:
          name: foo
        """,
        fmt="v0",
    ),
    Case(
        "is-abi3-string-compare",
        """
        build:
          skip: is_abi3 == "true"  # <-
        """,
        fmt="v1",
    ),
    Case(
        "is-abi3-string-compare",
        """
        build:
          skip: is_abi3 and win
        """,
        fmt="v1",
    ),
    Case(
        "is-abi3-string-compare",
        """
        build:
          number: 0
          skip: true  # [is_abi3 != 'false']
        """,
        fmt="v0",
        lines=(3,),
    ),
    Case(
        "is-abi3-string-compare",
        """
        build:
          skip: true  # [is_abi3]
        """,
        fmt="v0",
    ),
    Case(
        "pip-build-backend-missing",
        """
        package:
          name: foo
        requirements:
          host:
            - python
            - pip  # <-
        """,
    ),
    Case(
        "pip-build-backend-missing",
        """
        package:
          name: foo
        requirements:
          host:
            - python
            - pip
            - flit_core
        """,
    ),
    Case(
        "pip-build-backend-missing",
        """
        package:
          name: poetry-core
        requirements:
          host:
            - python
            - pip
        """,
        name="self-bootstrapping",
    ),
    Case(
        "pip-build-backend-missing",
        """
        package:
          name: foo
        source:
          url: https://files.pythonhosted.org/packages/py3/f/foo/foo-1.0-py3-none-any.whl
        requirements:
          host:
            - python
            - pip
        """,
        name="wheel-source",
    ),
    Case(
        "use-pip",
        """
        build:
          script: python setup.py install  # <-
        """,
    ),
    Case(
        "use-pip",
        """
        build:
          script: python -m pip install . --no-deps
        """,
    ),
    Case(
        "suggest-noarch-python",
        """
        requirements:
          build:
            - python
            - pip  # <-
        """,
    ),
    Case(
        "suggest-noarch-python",
        """
        requirements:
          build:
            - ${{ compiler('c') }}
            - pip
        """,
    ),
    Case(
        "noarch-value-invalid",
        """
        build:
          noarch: true  # <-
        """,
    ),
    Case(
        "noarch-value-invalid",
        """
        build:
          noarch: generic
        """,
    ),
    Case(
        "noarch-selectors-v0",
        """
        build:
          noarch: python
        requirements:
          run:
            - python
            - pywin32  # [win]
        """,
        fmt="v0",
        lines=(6,),
    ),
    Case(
        "noarch-selectors-v0",
        """
        build:
          noarch: python
          skip: true  # [py<38]
        """,
        fmt="v0",
        lines=(3,),
        name="skip",
    ),
    Case(
        "noarch-selectors-v0",
        """
        build:
          noarch: python
        requirements:
          build:
            - git  # [win]
          run:
            - python
        """,
        fmt="v0",
    ),
    Case(
        "noarch-selectors-v1",
        """
        build:
          noarch: python
        requirements:
          run:
            - python
            - if: win  # <-
              then: pywin32
        """,
        fmt="v1",
    ),
    Case(
        "noarch-selectors-v1",
        """
        build:
          noarch: python
          skip: win  # <-
        """,
        fmt="v1",
        name="skip",
    ),
    Case(
        "noarch-selectors-v1",
        """
        build:
          noarch: python
        requirements:
          run:
            - python
        """,
        fmt="v1",
    ),
]

IDENTITY = [
    Case(
        "about-missing-home",
        """
        about:  # <-
          summary: foo
        """,
    ),
    Case(
        "about-missing-home",
        """
        about:
          homepage: https://example.org
        """,
        fmt="v1",
    ),
    Case(
        "about-missing-home",
        """
        about:
          home: https://example.org
        """,
        fmt="v0",
    ),
    Case(
        "about-missing-summary",
        """
        about:
          summary: ""  # <-
        """,
    ),
    Case(
        "about-missing-summary",
        """
        about:
          summary: Foo does things
        """,
    ),
    Case(
        "maintainers-missing",
        """
        extra:
          recipe-maintainers: []  # <-
        """,
    ),
    Case(
        "maintainers-missing",
        """
        extra:
          recipe-maintainers:
            - octocat
        """,
    ),
    Case(
        "maintainers-not-list",
        """
        extra:
          recipe-maintainers: octocat  # <-
        """,
    ),
    Case(
        "maintainers-not-list",
        """
        extra:
          recipe-maintainers: [octocat]
        """,
    ),
    Case(
        "feedstock-name-suffix",
        """
        extra:
          feedstock-name: foo-feedstock  # <-
        """,
    ),
    Case(
        "feedstock-name-suffix",
        """
        extra:
          feedstock-name: foo
        """,
    ),
    Case(
        "package-name-invalid",
        """
        package:
          name: Foo_Bar  # <-
        """,
    ),
    Case(
        "package-name-invalid",
        """
        package:
          name: foo_bar.baz-1
        """,
    ),
    Case(
        "package-name-invalid",
        """
        context:
          name: Foo
        recipe:
          name: ${{ name }}  # <-
        """,
        fmt="v1",
        name="rendered-context",
    ),
    Case(
        "package-version-missing",
        """
        package:  # <-
          name: foo
        """,
    ),
    Case(
        "package-version-missing",
        """
        package:
          name: foo
          version: 0
        """,
    ),
    Case(
        "package-version-invalid",
        """
        package:
          name: foo
          version: 2.0.0~alpha0  # <-
        """,
    ),
    Case(
        "package-version-invalid",
        """
        package:
          name: foo
          version: 2.0.0a0
        """,
    ),
    Case(
        "build-number-missing",
        """
        build:  # <-
          script: build.sh
        """,
    ),
    Case(
        "build-number-missing",
        """
        build:
          number: 0
        """,
    ),
]

SOURCE = [
    Case(
        "source-hash-missing",
        """
        source:
          url:
        """,
        name="url-without-value-downloads-nothing",
    ),
    Case(
        "source-hash-missing",
        """
        source:
          url: https://example.org/a.tar.gz
          sha256:
        """,
        name="checksum-key-there-as-conda-smithy",
    ),
    Case(
        "source-hash-missing",
        """
        source:
          - url: https://example.org/a.tar.gz  # <-
            sha512: abc
          - git: https://github.com/org/foo
          - url: https://example.org/b.tar.gz
            sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
        """,
    ),
    Case(
        "source-hash-missing",
        """
        source:
          url: https://example.org/a.tar.gz
          md5: 0123456789abcdef0123456789abcdef
        """,
    ),
    Case(
        "source-hash-missing",
        """
        source:
          - if: win
            then:
              url: https://example.org/a.zip  # <-
            else:
              url: https://example.org/a.tar.gz
              sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
        """,
        fmt="v1",
        name="if-branch",
    ),
    Case(
        "source-compiled-wheel",
        """
        source:
          url: https://files.pythonhosted.org/packages/cp312/f/foo/foo-1.0-cp312-cp312-win_amd64.whl  # <-
        """,
    ),
    Case(
        "source-compiled-wheel",
        """
        source:
          url: https://files.pythonhosted.org/packages/py3/f/foo/foo-1.0-py3-none-any.whl
        """,
    ),
    Case(
        "source-pure-wheel",
        """
        source:
          url: https://files.pythonhosted.org/packages/py3/f/foo/foo-1.0-py3-none-any.whl  # <-
        """,
    ),
    Case(
        "source-pure-wheel",
        """
        build:
          noarch: python
        source:
          url: https://files.pythonhosted.org/packages/py3/f/foo/foo-1.0-py3-none-any.whl
        """,
    ),
    Case(
        "source-pure-wheel-noarch",
        """
        build:
          noarch: python
        source:
          url: https://files.pythonhosted.org/packages/py3/f/foo/foo-1.0-py3-none-any.whl  # <-
        """,
    ),
    Case(
        "source-pure-wheel-noarch",
        """
        build:
          noarch: python
        source:
          url: https://files.pythonhosted.org/packages/source/f/foo/foo-1.0.tar.gz
        """,
    ),
    Case(
        "source-legacy-pypi-url",
        """
        source:
          url:
            - https://pypi.io/packages/source/f/foo/foo-1.0.tar.gz  # <-
            - https://example.org/foo-1.0.tar.gz
        """,
    ),
    Case(
        "source-legacy-pypi-url",
        """
        source:
          url: https://pypi.org/packages/source/f/foo/foo-1.0.tar.gz
        """,
    ),
    Case(
        "source-hash-missing",
        """
        source:
          url: https://example.org/foo-1.0.tar.gz
          sha256: 0000000000000000000000000000000000000000000000000000000000000000
        """,
        fmt="v0",
        name="numeric-checksum-is-not-missing",
    ),
    Case(
        "source-hash-not-text",
        """
        source:
          url: https://example.org/foo-1.0.tar.gz
          sha256: 0000000000000000000000000000000000000000000000000000000000000000  # <-
        """,
        fmt="v0",
    ),
    Case(
        "source-hash-not-text",
        """
        source:
          - url: https://example.org/foo-1.0.tar.gz
            md5: 1e10  # <-
          - url: https://example.org/bar-1.0.tar.gz
            sha256: "0000000000000000000000000000000000000000000000000000000000000000"
        """,
        fmt="v0",
        name="float-in-list",
    ),
    Case(
        "source-hash-not-text",
        """
        source:
          url: https://example.org/foo-1.0.tar.gz
          sha256: "0000000000000000000000000000000000000000000000000000000000000000"
        """,
        fmt="v0",
    ),
]

ALL = LICENSING + PLACEMENT + IDENTITY + SOURCE
