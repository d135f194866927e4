"""One error shape for every user-facing failure.

Users fix their sites from our messages, so every error names the file, and where known the
line and column, in the `path:line:col: message` form editors and terminals can jump to.
"""
from __future__ import annotations

from pathlib import Path


class JekyllpyError(Exception):
    """A problem in the user's site (not a bug in jekyllpy)."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        *,
        source_line: str | None = None,
        context: list[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.source_line = source_line
        self.context = list(context or [])  # e.g. ["included in _layouts/single.html"]

    @property
    def location(self) -> str:
        parts = [self.path or "<unknown>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        for ctx in self.context:
            text += f", {ctx}"
        if self.source_line is not None:
            text += f"\n  {self.source_line.rstrip()}"
            if self.column is not None:
                text += "\n  " + " " * max(self.column - 1, 0) + "^"
        return text


class ConfigError(JekyllpyError):
    """Invalid configuration."""


class YAMLError(JekyllpyError):
    """YAML that Psych would reject."""


class LiquidError(JekyllpyError):
    """Liquid syntax or render error."""


class LayoutError(JekyllpyError):
    """Unknown layout or a layout cycle."""
