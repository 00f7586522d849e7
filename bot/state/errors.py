"""Errors of the state database. Every message is written for the bot's owner to read."""

from __future__ import annotations


class StateDBError(Exception):
    """The state database could not be read or written; the message names the file and the SQLite cause."""


class StateDBWriteError(StateDBError):
    """A write was refused (disk full, read-only file, locked too long); the transaction was rolled back."""


class MigrationError(StateDBError):
    """A schema migration failed or was unsafe; it was rolled back and the database keeps its old version."""
