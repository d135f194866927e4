"""kramdown's parser lists as mistune rule registries.

mistune 3's `Parser` keeps an ordered rule list plus a name → pattern table and lets plugins
add rules with `register(name, pattern, func, before=...)`. kramdown is organised the same way
(an ordered list of named block parsers and span parsers, each with a start pattern), so the
order and the start patterns live here, on mistune's registry. What mistune does *not* offer
is kramdown's dispatch — try the rules in order at the current position, a rule may decline —
and kramdown's nested span parsing with stop patterns; that loop is ours (parser.py).
"""
from __future__ import annotations

from mistune.core import Parser

from jekyllpy.markdown.parser import SPAN_START, START


class _Rules(Parser):
    def __init__(self, names: list[str]) -> None:
        super().__init__()
        for name in names:
            self.register(name, START[name].pattern, _kramdown_method(name))


def _kramdown_method(name: str):
    def method(parser, m, state):  # pragma: no cover - dispatch happens in KramdownParser
        raise NotImplementedError(f"kramdown rule {name} runs inside KramdownParser")
    return method


class BlockRules(_Rules):
    """Block parsers in kramdown's order (blank_line … paragraph)."""


class SpanRules(_Rules):
    """Span parsers in kramdown's order; `span_start` is the pattern that stops plain text."""

    def span_start(self, name: str) -> str:
        return SPAN_START[name]
