"""Cases for recipegen's own rules: build/host placement and static libraries (CFEP-18)."""

from .rules_a_helpers import Case

PLACEMENT = [
    Case(
        "compiler-outside-build",
        """
        requirements:
          build:
            - ${{ stdlib('c') }}
          host:
            - ${{ compiler('cxx') }}  # <-
          run:
            - ${{ stdlib('c') }}  # <-
        """,
    ),
    Case(
        "compiler-outside-build",
        """
        requirements:
          build:
            - ${{ compiler('cxx') }}
            - ${{ stdlib('c') }}
        """,
    ),
    Case(
        "compiler-outside-build",
        """
        package:
          name: c-compiler
        requirements:
          run:
            - ${{ compiler('c') }}
        """,
        name="compiler-metapackage",
    ),
    Case(
        "compiler-outside-build",
        """
        package:
          name: mpich
        requirements:
          host:
            # the wrappers (mpicc) are built against the target compiler
            - ${{ compiler('c') }}
            - ${{ stdlib('c') }}  # needed at link time for the wrappers
            - ${{ compiler('cxx') }}  # [unix]  # <-
        """,
        name="comment-says-why",
    ),
    Case(
        "library-in-build",
        """
        requirements:
          build:
            - ${{ compiler('c') }}
            - ${{ stdlib('c') }}
            - cmake
            - libtool
            - zlib  # <-
            - libpng >=1.6  # <-
            - foo-devel  # <-
          host:
            - openssl
        """,
    ),
    Case(
        "library-in-build",
        """
        requirements:
          build:
            - ${{ compiler('c') }}
            - cmake
            - pkg-config
            - libprotobuf
            - xz-tools
            - zlib
          host:
            - zlib
        """,
        name="in-both-or-tools",
    ),
    Case(
        "library-in-build",
        """
        requirements:
          build:
            - ${{ compiler('c') }}
            - if: build_platform != host_platform
              then: libfoo
          host:
            - libbar
        """,
        fmt="v1",
        name="cross-only",
    ),
    Case(
        "python-in-build-not-host",
        """
        requirements:
          build:
            - python  # <-
            - pip
          run:
            - python
        """,
    ),
    Case(
        "python-in-build-not-host",
        """
        requirements:
          build:
            - python
            - ${{ compiler('c') }}
          host:
            - python
            - pip
          run:
            - python
        """,
    ),
    Case(
        "python-in-build-not-host",
        """
        requirements:
          build:
            - python
            - cmake
        """,
        name="python-as-tool",
    ),
    Case(
        "python-build-input-in-build",
        """
        requirements:
          build:
            - ${{ compiler('c') }}
            - cython  # <-
            - numpy >=2  # <-
          host:
            - python
            - pip
        """,
    ),
    Case(
        "python-build-input-in-build",
        """
        requirements:
          build:
            - ${{ compiler('c') }}
            - if: build_platform != host_platform
              then:
                - python
                - cross-python_${{ host_platform }}
                - cython
          host:
            - python
            - cython
        """,
        fmt="v1",
    ),
    Case(
        "python-build-input-in-build",
        """
        requirements:
          build:
            - {{ compiler('c') }}
            - cython  # [build_platform != target_platform]
          host:
            - python
            - cython
        """,
        fmt="v0",
    ),
    Case(
        "cross-python-placement",
        """
        requirements:
          build:
            - cross-python_${{ host_platform }}  # <-
          host:
            - python
        """,
        fmt="v1",
    ),
    Case(
        "cross-python-placement",
        """
        requirements:
          build:
            - if: build_platform != host_platform
              then:
                - cross-python_${{ host_platform }}  # <-
          host:
            - pip
        """,
        fmt="v1",
        name="no-python-in-host",
    ),
    Case(
        "cross-python-placement",
        """
        requirements:
          build:
            - if: build_platform != host_platform
              then:
                - python
                - cross-python_${{ host_platform }}
          host:
            - python
        """,
        fmt="v1",
    ),
    Case(
        "cross-python-placement",
        """
        requirements:
          build:
            - cross-python_{{ target_platform }}  # <-
          host:
            - python
        """,
        fmt="v0",
    ),
    Case(
        "cross-python-placement",
        """
        requirements:
          build:
            - cross-python_{{ target_platform }}    # [build_platform != target_platform]
          host:
            - python
        """,
        fmt="v0",
    ),
    Case(
        "python-build-tool-placement",
        """
        package:
          name: foo
        requirements:
          build:
            - ${{ compiler('c') }}
            - pip  # <-
          host:
            - python
          run:
            - python
            - hatchling  # <-
            - setuptools
        """,
    ),
    Case(
        "python-build-tool-placement",
        """
        package:
          name: foo
        requirements:
          build:
            - ${{ compiler('c') }}
          host:
            - python
            - pip
            - scikit-build-core
          run:
            - python
        """,
    ),
    Case(
        "runtime-dep-in-host",
        """
        requirements:
          host:
            - python
            - pip
            - requests  # <-
          run:
            - python
            - requests
        """,
    ),
    Case(
        "runtime-dep-in-host",
        """
        requirements:
          host:
            - python
            - pip
          run:
            - python
            - requests
        """,
    ),
    Case(
        "host-pin-overrides-global",
        """
        requirements:
          host:
            - openssl >=3.0  # <-
            - zlib
            - libcurl *
        """,
    ),
    Case(
        "host-pin-overrides-global",
        """
        requirements:
          host:
            - openssl
            - hdf5 ${{ hdf5 }}
            - libxml2
            - libxml2 >=2.12
        """,
    ),
    Case(
        "numpy-pin-compatible",
        """
        requirements:
          host:
            - numpy
          run:
            - ${{ pin_compatible('numpy') }}  # <-
        """,
    ),
    Case(
        "numpy-pin-compatible",
        """
        requirements:
          host:
            - numpy
          run:
            - numpy >=1.25
        """,
    ),
]

STATIC = [
    Case(
        "static-build-not-split",
        """
        build:
          number: 0
          script:  # <-
            - ./configure --prefix=$PREFIX --enable-static
            - make install
        """,
    ),
    Case(
        "static-build-not-split",
        """
        build:
          script:  # <-
            - cmake -DBUILD_SHARED_LIBS:BOOL=OFF -Ddefault_library=both .
        """,
        name="cmake",
    ),
    Case(
        "static-build-not-split",
        """
        build:
          script:
            - ./configure --prefix=$PREFIX --enable-static
            - make install
            - rm -f $PREFIX/lib/libfoo.a
        """,
        name="deleted",
    ),
    Case(
        "static-build-not-split",
        """
        build:
          script:
            - ./configure --prefix=$PREFIX --disable-static --enable-static-link=no
            - cmake -DBUILD_SHARED_LIBS=ON -DBoost_USE_STATIC_LIBS=ON .
        """,
    ),
    Case(
        "static-build-not-split",
        """
        recipe:
          name: foo-split
        build:
          script:
            - cmake -DFOO_BUILD_STATIC=ON .
        outputs:
          - package:
              name: libfoo
          - package:
              name: libfoo-static
        """,
        fmt="v1",
        name="has-static-output",
    ),
    Case(
        "static-output-run-exports",
        """
        outputs:
          - package:
              name: libfoo
          - package:
              name: libfoo-static
            requirements:
              run_exports:  # <-
                - ${{ pin_subpackage('libfoo-static') }}
        """,
        fmt="v1",
    ),
    Case(
        "static-output-run-exports",
        """
        outputs:
          - package:
              name: libfoo
            requirements:
              run_exports:
                - ${{ pin_subpackage('libfoo') }}
          - package:
              name: libfoo-static
        """,
        fmt="v1",
    ),
    Case(
        "static-output-run-exports",
        """
        outputs:
          - name: libfoo
          - name: libfoo-static
            build:
              run_exports:  # <-
                - {{ pin_subpackage('libfoo-static') }}
        """,
        fmt="v0",
    ),
    Case(
        "static-output-run-exports",
        """
        outputs:
          - name: libfoo
            build:
              run_exports:
                - {{ pin_subpackage('libfoo') }}
          - name: libfoo-static
        """,
        fmt="v0",
    ),
    Case(
        "static-output-headers",
        """
        outputs:
          - package:
              name: libfoo-static
            build:
              files:
                - lib/libfoo.a
                - include/foo.h  # <-
        """,
        fmt="v1",
    ),
    Case(
        "static-output-headers",
        """
        outputs:
          - package:
              name: libfoo-static
            build:
              files:
                - lib/libfoo.a
            tests:
              - package_contents:
                  include:
                    - foo.h  # <-
        """,
        fmt="v1",
        name="package-contents",
    ),
    Case(
        "static-output-headers",
        """
        outputs:
          - package:
              name: libfoo-static
            build:
              files:
                include:
                  - lib/libfoo.a
                exclude:
                  - include/
        """,
        fmt="v1",
    ),
    Case(
        "static-output-headers",
        """
        outputs:
          - name: libfoo-static
            files:
              - lib/libfoo.a
              - include  # <-
        """,
        fmt="v0",
    ),
    Case(
        "static-output-headers",
        """
        outputs:
          - name: libfoo-static
            files:
              - lib/libfoo.a
        """,
        fmt="v0",
    ),
    Case(
        "static-output-unpinned",
        """
        outputs:
          - package:
              name: libfoo
          - package:
              name: libfoo-static
            requirements:
              run:  # <-
                - libfoo
        """,
        fmt="v1",
    ),
    Case(
        "static-output-unpinned",
        """
        outputs:
          - package:
              name: libfoo
          - package:
              name: libfoo-static
            requirements:
              run:
                - ${{ pin_subpackage("libfoo", exact=True) }}
        """,
        fmt="v1",
    ),
    Case(
        "static-output-unpinned",
        """
        outputs:
          - name: libfoo
          - name: libfoo-static
            requirements:
              run:  # <-
                - {{ pin_subpackage('libfoo') }}
        """,
        fmt="v0",
    ),
    Case(
        "static-output-unpinned",
        """
        outputs:
          - name: libfoo
          - name: libfoo-static
            requirements:
              run:
                - {{ pin_subpackage('libfoo', exact=True) }}
        """,
        fmt="v0",
    ),
    Case(
        "static-archive-in-files",
        """
        outputs:
          - package:
              name: libfoo
            build:
              files:
                - lib/libfoo.so.*
                - lib/libfoo.a  # <-
                - Library/lib/foo_static.lib  # <-
                - Library/lib/libfoo.dll.a
            tests:
              - package_contents:
                  files:
                    exists:
                      - lib/libfoo.a*  # <-
                    not_exists:
                      - lib/libbar.a
          - package:
              name: libfoo-static
            build:
              files:
                - lib/libfoo.a
        """,
        fmt="v1",
    ),
    Case(
        "static-archive-in-files",
        """
        outputs:
          - package:
              name: libfoo
            build:
              files:
                - lib/libfoo.so.*
                - Library/lib/foo.lib
        """,
        fmt="v1",
    ),
    Case(
        "static-archive-in-files",
        """
        outputs:
          - name: libfoo
            files:
              - lib/libfoo.so.*
              - lib/libfoo.a  # <-
          - name: libfoo-static
            files:
              - lib/libfoo.a
        """,
        fmt="v0",
    ),
    Case(
        "static-archive-in-files",
        """
        outputs:
          - name: libfoo
            files:
              - lib/libfoo.so.*
          - name: libfoo-static
            files:
              - lib/libfoo.a
        """,
        fmt="v0",
    ),
    Case(
        "devel-suffix-dev",
        """
        outputs:
          - package:
              name: libfoo-dev  # <-
          - package:
              name: cuda-foo-dev
        """,
        fmt="v1",
    ),
    Case(
        "devel-suffix-dev",
        """
        outputs:
          - package:
              name: libfoo-devel
        """,
        fmt="v1",
    ),
    Case(
        "devel-suffix-dev",
        """
        outputs:
          - name: libfoo-dev  # <-
          - name: libcublas-dev
        """,
        fmt="v0",
    ),
    Case(
        "devel-suffix-dev",
        """
        outputs:
          - name: libfoo-devel
        """,
        fmt="v0",
    ),
    Case(  # review2 #13: rattler-build builds no package from `recipe.name`
        "recipe-name-equals-output",
        """
        context:
          name: foo
        recipe:
          name: ${{ name }}
        outputs:
          - package:
              name: libfoo
          - package:
              name: ${{ name }}
        """,
        fmt="v1",
    ),
    Case(
        "recipe-name-equals-output",
        """
        recipe:
          name: foo-split
        outputs:
          - package:
              name: foo
        """,
        fmt="v1",
    ),
    Case(
        "recipe-name-equals-output",
        """
        {% set name = "foo" %}
        package:
          name: {{ name }}  # <-
        outputs:
          - name: {{ name }}
        """,
        fmt="v0",
    ),
    Case(
        "recipe-name-equals-output",
        """
        package:
          name: foo-split
        outputs:
          - name: foo
        """,
        fmt="v0",
    ),
]

ALL = PLACEMENT + STATIC
