"""Jekyll-style log lines (a right-aligned topic, then the message), with warnings grouped.

A site with a recurring problem should not bury the build in hundreds of identical lines:
unless `--verbose`, warnings are collected and `flush()` prints one line per kind (topic)
with how many more there were. Colour is used only when the stream is a terminal.
"""
from __future__ import annotations

import os
import sys

YELLOW, RED, RESET = "\033[33m", "\033[31m", "\033[0m"


class Logger:
    LEVELS = {"debug": 0, "info": 1, "warn": 2, "error": 3}

    def __init__(self, level: str = "info", stream=None, *, grouped: bool = False) -> None:
        self.level = self.LEVELS[level]
        self.stream = stream or sys.stderr
        self.grouped = grouped and level != "debug"
        self.warnings: list[tuple[str, str]] = []
        self._pending: dict[str, list[str]] = {}

    @property
    def color(self) -> bool:
        """Colours on a terminal only, and never with NO_COLOR set (no-color.org)."""
        return hasattr(self.stream, "isatty") and self.stream.isatty() and not os.environ.get("NO_COLOR")

    def _emit(self, level: str, topic: str, message: str) -> None:
        if self.LEVELS[level] < self.level:
            return
        label = topic.rjust(20)
        if self.color and level in ("warn", "error"):
            label = (YELLOW if level == "warn" else RED) + label + RESET
        try:
            print(f"{label} {message}", file=self.stream)
        except (ValueError, BrokenPipeError):  # the reader went away (`| head`)
            pass

    def debug(self, topic: str, message: str = "") -> None:
        self._emit("debug", topic, message)

    def info(self, topic: str, message: str = "") -> None:
        self._emit("info", topic, message)

    def warn(self, topic: str, message: str = "") -> None:
        self.warnings.append((topic, message))
        if self.grouped:
            self._pending.setdefault(topic, []).append(message)
        else:
            self._emit("warn", topic, message)

    def error(self, topic: str, message: str = "") -> None:
        self.flush()
        self._emit("error", topic, message)

    def flush(self) -> None:
        """Print grouped warnings: one line per topic, with a count of the others."""
        pending, self._pending = self._pending, {}
        for topic, messages in pending.items():
            text = messages[0]
            if len(messages) > 1:
                text += f" (and {len(messages) - 1} more like it; --verbose shows all)"
            self._emit("warn", topic, text)
