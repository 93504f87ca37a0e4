"""Test ids are the same in every collection (pytest-xdist workers must collect identical ids).

A parameter whose bytes hold the current time (gzip's header does) made the CRAN repository
tests collect different ids a second apart; collect that module twice, in different seconds
and with different hash seeds, and compare.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULE = "tests/cran/test_cran_repository.py"


def _collect(seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", MODULE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in run.stdout.splitlines() if "::" in line]


def test_collected_ids_do_not_change_between_runs():
    first = _collect("1")
    time.sleep(1.1)  # gzip stores the time in whole seconds
    second = _collect("2")
    assert first and first == second
    assert any("gzip-not-tar" in test_id for test_id in first)
