"""The one error type the domain and the service raise for bad user input."""

from __future__ import annotations


class DomainError(ValueError):
    """A human-readable refusal; ``field`` names the input at fault when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
