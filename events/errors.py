"""Typed domain errors, so every layer can name the field that is wrong."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises on bad input."""


class InvalidField(DomainError):
    """A field holds a value the domain cannot accept."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class UnknownEvent(DomainError):
    """A correction or retraction names an event this stream does not hold."""


class EventRetractedError(DomainError):
    """A correction or retraction names an event that is already retracted."""


class DuplicateEvent(DomainError):
    """The same fact (same natural key) is already recorded on this stream."""

    def __init__(self, version: int) -> None:
        super().__init__(f"already recorded as position {version}")
        self.version = version
        self.position = version  # the existing fact's position in the stream
