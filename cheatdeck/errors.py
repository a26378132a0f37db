"""Errors the library raises; `build.py` turns them into one-line messages.

A NotesError is a problem in the notes themselves (exit status 1); a SetupError is a
problem with how cheatdeck was asked to run: a folder that is missing or cannot be
written (exit status 2).
"""

from __future__ import annotations


class CheatdeckError(Exception):
    """Base of the errors cheatdeck reports to people. The message says what to do."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(where, message)  # both in args, so that it survives pickling
        self.where = where
        self.message = message

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class NotesError(CheatdeckError):
    """The notes cannot be read or built (exit status 1)."""


class SetupError(CheatdeckError):
    """Bad arguments, folders or environment (exit status 2)."""
