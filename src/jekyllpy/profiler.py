"""`--profile`: Jekyll's Liquid rendering table — per template file: count, bytes, time.

Times are inclusive (a layout's time includes the includes it renders), as in Jekyll's
`LiquidRenderer` stats; rows are sorted by time, slowest first.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator


class _Result:
    output: str | None = None


class LiquidProfiler:
    def __init__(self) -> None:
        self.stats: dict[str, list[float]] = {}  # name → [count, bytes, seconds]

    @contextmanager
    def measure(self, name: str, buffer=None) -> Iterator[_Result]:
        result = _Result()
        start_pos = buffer.tell() if buffer is not None else 0
        start = time.perf_counter()
        try:
            yield result
        finally:
            elapsed = time.perf_counter() - start
            size = (buffer.tell() - start_pos) if buffer is not None else len(result.output or "")
            row = self.stats.setdefault(name, [0, 0, 0.0])
            row[0] += 1
            row[1] += size
            row[2] += elapsed

    def merge(self, other: dict[str, list[float]]) -> None:
        for name, (count, size, seconds) in other.items():
            row = self.stats.setdefault(name, [0, 0, 0.0])
            row[0] += count
            row[1] += size
            row[2] += seconds

    def table(self, limit: int = 50) -> str:
        rows = sorted(self.stats.items(), key=lambda kv: -kv[1][2])[:limit]
        width = max([len("Filename")] + [len(name) for name, _ in rows])
        lines = [f"{'Filename':<{width}} | Count |      Bytes |  Time",
                 f"{'-' * width}-+-------+------------+------"]
        for name, (count, size, seconds) in rows:
            lines.append(f"{name:<{width}} | {count:5d} | {_bytes(size):>10} | {seconds:5.3f}")
        return "\n".join(lines)


def _bytes(size: float) -> str:
    return f"{size / 1024:.2f}K" if size >= 1024 else f"{int(size)}B"
