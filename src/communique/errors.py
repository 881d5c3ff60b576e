"""The exception tree: bugs and usage errors only. Bad input data is a Problem, not an exception."""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base of every error Communique raises on purpose."""


class UsageError(CommuniqueError):
    """The user asked for something that cannot be done: a missing path, a bad flag value."""


class PackError(CommuniqueError):
    """A language pack or data file is malformed; the message names the file and line."""


class StoreError(CommuniqueError):
    """The store cannot be opened or written (not a problem with one document)."""


class MissingExtra(CommuniqueError):
    """An optional feature was asked for without its extra installed."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs the '{extra}' extra: pip install 'communique[{extra}]'")
