"""Subcommands of `recipegen`; each module exposes `command` (see recipegen.cli)."""
