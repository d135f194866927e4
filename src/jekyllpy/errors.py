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
            line, caret = _echo(self.source_line.rstrip(), self.column)
            text += f"\n  {line}"
            if caret is not None:
                text += "\n  " + " " * caret + "^"
        return text


_ECHO_WIDTH = 160


def _echo(line: str, column: int | None) -> tuple[str, int | None]:
    """The source line as shown under a message, and the caret's offset in it.

    A binary file or a minified one can put megabytes or terminal control bytes on one
    "line": show a window of it around the column, with unprintable characters replaced.
    """
    caret = max(column - 1, 0) if column is not None else None
    if len(line) > _ECHO_WIDTH:
        start = max(0, min((caret or 0) - _ECHO_WIDTH // 2, len(line) - _ECHO_WIDTH))
        window = line[start:start + _ECHO_WIDTH]
        prefix = "..." if start else ""
        line = prefix + window + ("..." if start + _ECHO_WIDTH < len(line) else "")
        if caret is not None:
            caret = caret - start + len(prefix)
    if not line.isprintable():
        line = "".join(ch if ch.isprintable() or ch == "\t" else "\ufffd" for ch in line)
    return line, caret


class ConfigError(JekyllpyError):
    """Invalid configuration."""


class YAMLError(JekyllpyError):
    """YAML that Psych would reject."""


class LiquidError(JekyllpyError):
    """Liquid syntax or render error."""


class LayoutError(JekyllpyError):
    """Unknown layout or a layout cycle."""
