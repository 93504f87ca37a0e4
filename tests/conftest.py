"""What every test shares: no contained crash passes unnoticed.

recipegen contains an unexpected exception at each edge (a command, a file linted or
validated, a package generated, a lint rule) as one line "internal error, please report"
(`recipegen.guard`). Such a line is a bug, so any test during which one is produced fails, as
does any CliRunner result whose output says "internal error", unless the test is marked
`@pytest.mark.internal_error_expected` (tests of the guard itself).
"""

from __future__ import annotations

import os

import pytest
import recipegen.generators  # noqa: F401  (sets the linter of the generator checks, as the commands do)
from click.testing import CliRunner

from recipegen import guard

# `recipegen lint` keeps a result cache in the user's cache folder: tests never use it (a test
# that patches a rule would read another test's results); tests of the cache give their own folder.
os.environ["RECIPEGEN_NO_CACHE"] = "1"

# Hypothesis for tests/reliability: derandomized (the same examples every run) and small in CI;
# RECIPEGEN_FUZZ_EXAMPLES=5000 asks for more, with fresh random seeds (a failure prints its seed,
# `--hypothesis-seed=N` replays it).
FUZZ_EXAMPLES = os.environ.get("RECIPEGEN_FUZZ_EXAMPLES")
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "recipegen",
        derandomize=not FUZZ_EXAMPLES,
        max_examples=int(FUZZ_EXAMPLES or 0) or 60,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    settings.load_profile("recipegen")
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    pass


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "internal_error_expected: the test provokes recipegen's internal-error guard on purpose"
    )


@pytest.fixture(autouse=True)
def _fail_on_internal_errors(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """Fail the test when recipegen reports an internal error (a contained crash) during it."""
    if request.node.get_closest_marker("internal_error_expected"):
        yield
        return
    seen: list[str] = []
    undo = guard.watch(lambda subject, exc: seen.append(f"{subject}: {guard.describe(exc)}"))
    original = CliRunner.invoke

    def invoke(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        if guard.INTERNAL_ERROR in (result.output or ""):
            seen.append(f"CLI output: {result.output.strip()[-500:]}")
        return result

    monkeypatch.setattr(CliRunner, "invoke", invoke)
    try:
        yield
    finally:
        undo()
    if seen:
        pytest.fail("recipegen reported internal error(s) (a bug):\n" + "\n".join(seen[:10]), pytrace=False)
