"""Jekyll-style log lines: a right-aligned topic, then the message."""
from __future__ import annotations

import sys


class Logger:
    LEVELS = {"debug": 0, "info": 1, "warn": 2, "error": 3}

    def __init__(self, level: str = "info", stream=None) -> None:
        self.level = self.LEVELS[level]
        self.stream = stream or sys.stderr
        self.warnings: list[tuple[str, str]] = []

    def _emit(self, level: str, topic: str, message: str) -> None:
        if self.LEVELS[level] >= self.level:
            print(f"{topic.rjust(20)} {message}", file=self.stream)

    def debug(self, topic: str, message: str = "") -> None:
        self._emit("debug", topic, message)

    def info(self, topic: str, message: str = "") -> None:
        self._emit("info", topic, message)

    def warn(self, topic: str, message: str = "") -> None:
        self.warnings.append((topic, message))
        self._emit("warn", topic, message)

    def error(self, topic: str, message: str = "") -> None:
        self._emit("error", topic, message)
