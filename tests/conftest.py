"""Shared by every test folder: the application wired as the commands wire it."""

import recipegen.generators  # noqa: F401  (sets the linter of the generator checks, as the commands do)
