"""Jekyll-style log lines, with warnings grouped so a recurring problem reads as one line.

The format is Jekyll's `LogAdapter`: the topic and a space right-aligned to 20 columns, then
the message; debug and info lines go to standard output, warnings and errors to standard
error (Jekyll's `Stevenson`), so `jekyllpy build 2>/dev/null` and `>/dev/null` behave as
with Jekyll. Levels: `--verbose` is debug, `--quiet` is error.

A site with a recurring problem should not bury the build in hundreds of identical lines.
A grouped logger (the CLI's, unless `--verbose`) holds warnings back and prints one line per
kind (topic) with how many more there were; identical warnings are counted, never repeated.
Held warnings are printed before the next info line, so they stay next to the phase that
caused them and a long-running `serve` shows them after each rebuild, not at exit.

Colour, as Jekyll (whole line yellow for warnings, red for errors), only when the stream is
a terminal and `NO_COLOR` is not set (no-color.org).

Render workers (parallel.py) run in forked processes whose output would bypass the grouping
and be lost at `os._exit`: `hold_records` makes a worker's logger keep its lines, which travel
back with the worker's results and are replayed into the parent's logger (`replay_records`).
"""
from __future__ import annotations

import os
import sys

YELLOW, RED, RESET = "\033[33m", "\033[31m", "\033[0m"
WIDTH = 20  # Jekyll's LogAdapter#formatted_topic: "#{topic} ".rjust(20)
# Never grouped: each is a different fix (a line of _config.yml to correct), and there are few.
UNGROUPED = {"Configuration:"}


def format_line(topic: str, message: str = "") -> str:
    """One log line as Jekyll prints it: `"#{topic} ".rjust(20) + message`."""
    return f"{topic} ".rjust(WIDTH) + message


class Logger:
    LEVELS = {"debug": 0, "info": 1, "warn": 2, "error": 3}

    def __init__(self, level: str = "info", stream=None, *, grouped: bool = False) -> None:
        self.level = self.LEVELS[level]
        # None: Jekyll's split (stdout / stderr), looked up at each line so a progress
        # display that redirects sys.stdout/sys.stderr keeps log lines above itself
        self.stream = stream
        self.grouped = grouped and level != "debug"
        self.warnings: list[tuple[str, str]] = []
        self._pending: dict[str, dict[str, int]] = {}  # topic -> message -> count, in order
        self._shown: set[tuple[str, str]] = set()      # ungrouped warnings already printed once
        self._held: list[tuple[str, str, str]] | None = None  # a render worker's lines
        # every call (level, topic, message) while a build runs: replayed when a later build
        # is skipped as up to date (uptodate.py), so it prints what this one printed
        self.records: list[tuple[str, str, str]] | None = None

    def _stream_for(self, level: str):
        if self.stream is not None:
            return self.stream
        return sys.stderr if level in ("warn", "error") else sys.stdout

    @property
    def color(self) -> bool:
        """Whether warnings and errors are coloured: on a terminal, unless NO_COLOR is set."""
        return _is_terminal(self._stream_for("warn"))

    def _emit(self, level: str, topic: str, message: str) -> None:
        if self.LEVELS[level] < self.level:
            return
        if self._held is not None:
            self._held.append((level, topic, message))
            return
        stream = self._stream_for(level)
        line = format_line(topic, message)
        if level in ("warn", "error") and _is_terminal(stream):
            line = (YELLOW if level == "warn" else RED) + line + RESET
        try:
            print(line, file=stream, flush=True)  # stdout and stderr stay in order in `2>&1` logs
        except (ValueError, BrokenPipeError, AttributeError):  # the reader went away (`| head`)
            pass

    def _record(self, level: str, topic: str, message: str) -> None:
        if self.records is not None and self._held is None:  # held lines count when replayed
            self.records.append((level, topic, message))

    def debug(self, topic: str, message: str = "") -> None:
        self._record("debug", topic, message)
        self._emit("debug", topic, message)

    def info(self, topic: str, message: str = "") -> None:
        self._record("info", topic, message)
        if self._pending and self.level <= self.LEVELS["info"]:
            self.flush()
        self._emit("info", topic, message)

    def warn(self, topic: str, message: str = "") -> None:
        self._record("warn", topic, message)
        self.warnings.append((topic, message))
        if self._held is not None:
            self._emit("warn", topic, message)
        elif self.grouped and topic not in UNGROUPED:
            group = self._pending.setdefault(topic, {})
            group[message] = group.get(message, 0) + 1
        elif (topic, message) not in self._shown:  # --verbose (or UNGROUPED): each distinct one, once
            self._shown.add((topic, message))
            self._emit("warn", topic, message)

    def error(self, topic: str, message: str = "") -> None:
        self._record("error", topic, message)
        self.flush()
        self._emit("error", topic, message)

    def flush(self) -> None:
        """Print held warnings: one line per topic, with how many more there were."""
        pending, self._pending = self._pending, {}
        for topic, messages in pending.items():
            first, total = next(iter(messages)), sum(messages.values())
            text = first
            if len(messages) > 1:
                text += f" (and {total - 1} more like it; --verbose shows all)"
            elif total > 1:
                text += f" ({total} times)"
            self._emit("warn", topic, text)


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty()) and not os.environ.get("NO_COLOR")
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def hold_records(logger) -> list[tuple[str, str, str]]:
    """In a render worker: keep the logger's lines (level, topic, message) instead of printing
    them; the returned list fills as the worker logs. Loggers of other kinds keep printing."""
    held: list[tuple[str, str, str]] = []
    if isinstance(logger, Logger):
        logger._pending = {}  # the parent's held warnings are the parent's to print
        logger._held = held
    return held


def hold_in_parent(logger) -> list | None:
    """While the parent renders its share of a parallel phase: keep its lines too (without
    dropping warnings held from before), so every item's lines can be replayed in Jekyll's
    order once the workers' are in. Returns the list the lines go to (None: not a Logger)."""
    if not isinstance(logger, Logger):
        return None
    logger._held = []
    return logger._held


def release(logger) -> None:
    if isinstance(logger, Logger):
        logger._held = None


def replay_records(logger, records) -> None:
    """In the parent: log a worker's lines as if they had been logged here."""
    for level, topic, message in records or ():
        getattr(logger, level)(topic, message)
