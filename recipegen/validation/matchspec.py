"""MatchSpec strings (CEP 29) read by py-rattler's parser, the one rattler-build and pixi use.

Schemas mark the strings that are MatchSpecs with `"format": "conda-matchspec"` (and a
lockfile's `name: constraint` pairs with `conda-matchspec-constraint`); the validator asks
`parse_error` about each. The parser is read leniently (`strict=False`), as conda and rattler
read specs in environment files and package metadata.

`import rattler` loads every binding of the library (about 0.15 s); only the native module
holds the parser, so it is loaded on its own (a few milliseconds), falling back to the public
`rattler.MatchSpec` if the package's layout is not the expected one.
"""

from __future__ import annotations

import functools
import sys
from typing import Any


@functools.cache
def _parser() -> Any:
    """A callable spec -> object that raises on a spec rattler cannot read."""
    native = sys.modules.get("rattler.rattler") or _load_native()
    parser = getattr(native, "PyMatchSpec", None) if native is not None else None
    if parser is not None:
        return lambda spec: parser(spec, False, True, True, True, True)
    from rattler import MatchSpec

    return lambda spec: MatchSpec(spec, strict=False)


def _load_native() -> Any:
    import importlib.machinery
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("rattler")
        if spec is None or not spec.submodule_search_locations:
            return None
        for folder in spec.submodule_search_locations:
            for candidate in sorted(Path(folder).glob("rattler.*")):
                if candidate.suffix in (".so", ".pyd"):
                    loader = importlib.machinery.ExtensionFileLoader("rattler.rattler", str(candidate))
                    module_spec = importlib.util.spec_from_file_location("rattler.rattler", candidate, loader=loader)
                    if module_spec is None:
                        continue
                    module = importlib.util.module_from_spec(module_spec)
                    loader.exec_module(module)
                    sys.modules["rattler.rattler"] = module
                    return module
    except (ImportError, OSError):
        return None
    return None


@functools.lru_cache(maxsize=65536)
def parse_error(spec: str) -> str | None:
    """Why rattler cannot read `spec` as a MatchSpec, or None when it can."""
    if not spec.strip():
        return "an empty string is not a MatchSpec"
    try:
        _parser()(spec)
    except Exception as exc:  # the parser's own error type lives in the native module
        reason = " ".join(str(exc).split()).split(" Caused by: ")[0]  # rattler repeats the cause
        return reason or type(exc).__name__
    return None


def constraint_error(constraint: str) -> str | None:
    """Why `NAME CONSTRAINT` is no MatchSpec (a lockfile writes the name and the rest apart)."""
    if not constraint.strip():
        return None
    return parse_error(f"_ {constraint}")
