"""kramdown's parser lists as mistune rule registries: the dispatch tables KramdownParser runs.

mistune 3's `Parser` keeps an ordered rule list plus a name → pattern table and lets plugins
add rules with `register(name, pattern, func, before=...)`. kramdown is organised the same way
(an ordered list of named block parsers and span parsers, each with a start pattern), so the
order, the start patterns and the rule functions live here, on mistune's registry, and
KramdownParser reads its dispatch table from it. What mistune does *not* offer is kramdown's
dispatch itself — try the rules in order at the current position, a rule may decline — and
kramdown's nested span parsing with stop patterns; that loop is ours (parser.py).

A kramdown rule function is called as `func(kramdown_parser) -> bool` (block rules: True if it
consumed input) with the start pattern's match in `kramdown_parser.src.m`; span rules also
carry `span_start`, the pattern that stops plain text in front of them.
"""
from __future__ import annotations

import re

from mistune.core import Parser

from jekyllpy.markdown.parser import BLOCK_PARSERS, METHOD, SPAN_PARSERS, SPAN_START, START, KramdownParser


def _spec(regex: re.Pattern) -> str:
    """A start pattern as registry text; a DOTALL pattern keeps its flag in a scoped group."""
    return f"(?s:{regex.pattern})" if regex.flags & re.S else regex.pattern


class KramdownRules(Parser):
    def __init__(self) -> None:
        super().__init__()
        self.funcs: dict = {}
        self.span_starts: dict[str, str] = {}
        self._table = None
        self._entries: dict = {}

    def register(self, name, pattern, func, before=None, span_start: str | None = None) -> None:
        super().register(name, pattern, func, before=before)
        self.funcs[name] = func
        if span_start is not None:
            self.span_starts[name] = span_start
        self._table = None
        self._entries = {}
        self.__dict__.pop("_by_first_char", None)  # KramdownParser._block_methods_for

    def replace(self, old: str, new: str) -> None:
        """Swap a rule in place, as the GFM parser swaps kramdown's (same position)."""
        index = self.rules.index(old)
        self.rules.remove(old)
        self.register(new, _spec(START[new]), _builtin(new), span_start=SPAN_START.get(new))
        self.rules.remove(new)
        self.rules.insert(index, new)

    def table(self) -> list[tuple[re.Pattern, object]]:
        """[(compiled start pattern, rule function)] in rule order (cached)."""
        if self._table is None:
            self._table = [(re.compile(self.specification[n], re.M), self.funcs[n]) for n in self.rules]
        return self._table

    def entries(self, names: list[str]) -> list[tuple[re.Pattern, object]]:
        key = tuple(names)
        found = self._entries.get(key)
        if found is None:
            found = self._entries[key] = [(re.compile(self.specification[n], re.M), self.funcs[n]) for n in names]
        return found

    def start_alternatives(self, names: list[str] | None = None) -> str:
        return "|".join(self.span_starts[n] for n in (self.rules if names is None else names))


def _builtin(name: str):
    return getattr(KramdownParser, "parse_" + METHOD.get(name, name))


def block_rules(gfm: bool, paragraph_end_quirk: bool) -> KramdownRules:
    rules = KramdownRules()
    for name in BLOCK_PARSERS:
        rules.register(name, _spec(START[name]), _builtin(name))
    if gfm:
        rules.replace("codeblock_fenced", "codeblock_fenced_gfm")
        rules.replace("atx_header", "atx_header_gfm_quirk" if paragraph_end_quirk else "atx_header_gfm")
    return rules


def span_rules(gfm: bool, hard_wrap: bool, typographic: bool) -> KramdownRules:
    rules = KramdownRules()
    names = list(SPAN_PARSERS)
    if gfm:
        if hard_wrap:
            names.remove("line_break")
        if not typographic:
            names.remove("typographic_syms")
    for name in names:
        rules.register(name, _spec(START[name]), _builtin(name), span_start=SPAN_START[name])
    if gfm:
        rules.replace("escaped_chars", "escaped_chars_gfm")
        rules.register("strikethrough_gfm", _spec(START["strikethrough_gfm"]), _builtin("strikethrough_gfm"),
                       span_start=SPAN_START["strikethrough_gfm"])
    return rules
