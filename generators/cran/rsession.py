"""The optional embedded R (extra `recipegen[r]`: rpy2 + an R installation) and R's base packages.

rpy2 is imported only when R is asked something. Calls go through `rpy2.rinterface`
(no conversion rules, which rpy2 keeps per thread) under one lock: R is single-threaded.
Without R, the same facts come from data files in this package.
"""

from __future__ import annotations

import os
import threading
from functools import cache, lru_cache
from importlib import resources

DATA_PACKAGE = "recipegen.generators.cran.data"
R_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def r_session():
    """rpy2's rinterface with an initialised R, or None when rpy2 or R is missing."""
    saved = {name: os.environ.get(name) for name in ENV_SET_BY_R}
    try:
        import rpy2.rinterface as ri  # optional extra recipegen[r]
    except Exception:  # ImportError, or rpy2 failing to load libR
        return None
    try:
        with R_LOCK:
            ri.initr_simple()
        return ri
    except Exception:
        return None
    finally:
        _restore_environment(saved)


# R puts its own library folders (and the system's) on LD_LIBRARY_PATH when it starts. Left in
# our environment, every child process (another Python, a compiler) would load the system's
# shared libraries instead of its own, e.g. a different libpython.
ENV_SET_BY_R = ("LD_LIBRARY_PATH", "R_HOME")


def _restore_environment(saved: dict[str, str | None]) -> None:
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def r_available() -> bool:
    return r_session() is not None


def r_strings(value, ri) -> list[str]:
    return [] if value is ri.NULL else [str(v) for v in value]


@cache
def base_packages_from_data() -> frozenset[str]:
    text = resources.files(DATA_PACKAGE).joinpath("base-packages.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def base_packages_from_r() -> frozenset[str]:
    ri = r_session()
    if ri is None:
        raise RuntimeError("R is not available (install R and recipegen[r])")
    with R_LOCK:
        names = ri.evalr('rownames(installed.packages(priority = "base"))')
        return frozenset(r_strings(names, ri))


def base_packages(use_r: bool | None = None) -> frozenset[str]:
    """R's base packages (shipped inside r-base): from R when `use_r` (None: if available)."""
    if use_r is None:
        use_r = r_available()
    return base_packages_from_r() if use_r else base_packages_from_data()
