"""Known, user-facing failures: each carries a Vietnamese message that says what to do."""

from __future__ import annotations


class UserError(Exception):
    """A failure the officer can act on; `str(err)` is one Vietnamese sentence."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(UserError):
    pass


class InvalidPlanFile(UserError):
    pass


class InvalidInput(UserError):
    pass


class FileLocked(UserError):
    pass


class DatabaseError(UserError):
    pass
