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

from jekyllpy.markdown.parser import (BLOCK_FIRST, BLOCK_PARSERS, METHOD, QUOTE_LED, SPAN_FIRST, SPAN_PARSERS,
                                      SPAN_START, SPAN_TRIGGER, START, STOP_TRIGGER, KramdownParser,
                                      StartSearch, _possessive_lines)


def _spec(regex: re.Pattern) -> str:
    """A start pattern as registry text; a DOTALL pattern keeps its flag in a scoped group."""
    return f"(?s:{regex.pattern})" if regex.flags & re.S else regex.pattern


class KramdownRules(Parser):
    def __init__(self) -> None:
        super().__init__()
        self.funcs: dict = {}
        self.span_starts: dict[str, str] = {}
        self.first: dict[str, str | None] = {}
        self.triggers: dict[str, str] = {}
        self._cache: dict = {}

    def register(self, name, pattern, func, before=None, span_start: str | None = None,
                 first: str | None = None, trigger: str | None = None) -> None:
        """mistune's `register`, plus kramdown's span start. `first`: the characters the start
        pattern can begin with (None: any — always tried); `trigger`: `span_start` as an
        alternation of literal-first branches, each matching only where `span_start` matches
        (StartSearch's prefilter), else `span_start` itself."""
        super().register(name, pattern, func, before=before)
        self.funcs[name] = func
        if span_start is not None:
            self.span_starts[name] = span_start
            self.triggers[name] = trigger if trigger is not None else span_start
        self.first[name] = first
        self._cache = {}

    def replace(self, old: str, new: str) -> None:
        """Swap a rule in place, as the GFM parser swaps kramdown's (same position)."""
        index = self.rules.index(old)
        self.rules.remove(old)
        _register_builtin(self, new)
        self.rules.remove(new)
        self.rules.insert(index, new)

    def _cached(self, key, build):
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = build()
        return found

    def table(self) -> list[tuple[re.Pattern, object]]:
        """[(compiled start pattern, rule function)] in rule order (cached)."""
        return self.entries(self.rules)

    def entries(self, names: list[str]) -> list[tuple[re.Pattern, object]]:
        return self._cached(("entries", tuple(names)), lambda: [
            (re.compile(_possessive_lines(self.specification[n]), re.M), self.funcs[n]) for n in names])

    def start_alternatives(self, names: list[str] | None = None) -> str:
        return "|".join(self.span_starts[n] for n in (self.rules if names is None else names))

    def dispatch(self, names: list[str] | None = None) -> "Dispatch":
        """The rules `names` (default: all, in rule order) indexed by their first character."""
        names = self.rules if names is None else names
        return self._cached(("dispatch", tuple(names)), lambda: Dispatch(
            self.entries(names), [self.first.get(n) for n in names], [n in QUOTE_LED for n in names]))

    def start_search(self, names: list[str] | None = None, stop: re.Pattern | None = None) -> StartSearch:
        """kramdown's span-start regexp for `parse_spans(el, stop, names)`: `(?=stop|starts)`,
        searched through a literal-first prefilter (cached per registry)."""
        key = ("search", tuple(names) if names is not None else None, stop.pattern if stop is not None else None)
        return self._cached(key, lambda: self._start_search(names, stop))

    def all_rules_search(self, stop: re.Pattern | None) -> StartSearch:
        """`start_search(None, stop)`, looked up by the stop pattern's text alone (hot path)."""
        searches = self._cache.get("searches")
        if searches is None:
            searches = self._cache["searches"] = {}
        key = None if stop is None else stop.pattern
        found = searches.get(key)
        if found is None:
            found = searches[key] = self.start_search(None, stop)
        return found

    def _start_search(self, names, stop) -> StartSearch:
        all_rules = names is None
        names = self.rules if all_rules else names
        alts = self.start_alternatives(names)
        triggers = "|".join(self.triggers[n] for n in names)
        # built-in triggers narrow their span starts (tests/test_markdown_dispatch.py), and a
        # rule registered without one uses its span start itself
        exact = True
        if stop is None:
            flags = re.M | re.S if all_rules else re.M
            return StartSearch(re.compile(f"(?={alts})", flags), re.compile(triggers, flags), exact)
        flags = re.M | re.S
        stop_trigger = STOP_TRIGGER.get(stop.pattern, stop.pattern)
        return StartSearch(re.compile(f"(?=(?:{stop.pattern})|{alts})", flags),
                           re.compile(f"{stop_trigger}|{triggers}", flags), exact)


class Dispatch:
    """Rule entries by the character at the current position: `candidates(string, pos)` is the
    ordered sub-list of entries whose start pattern can match there (`first` sets in parser.py),
    so the dispatch loop skips the start patterns that cannot match instead of trying each."""

    __slots__ = ("table", "default", "quoted", "quoted_default")

    def __init__(self, entries: list, firsts: list, quote_led: list) -> None:
        chars = set().union(*(f for f in firsts if f is not None))

        def pick(ch, quoted: bool) -> list:
            return [e for e, f, q in zip(entries, firsts, quote_led)
                    if f is None or (ch is not None and ch in f) or (quoted and q and ch != "\\")]
        self.table = {c: pick(c, False) for c in chars}
        self.default = pick(None, False)
        self.quoted = {c: pick(c, True) for c in chars}
        self.quoted_default = pick(None, True)

    def candidates(self, string: str, pos: int) -> list:
        after = string[pos + 1: pos + 2]
        if after == '"' or after == "'":
            return self.quoted.get(string[pos: pos + 1], self.quoted_default)
        return self.table.get(string[pos: pos + 1], self.default)


def _builtin(name: str):
    return getattr(KramdownParser, "parse_" + METHOD.get(name, name))


def _register_builtin(rules: KramdownRules, name: str) -> None:
    first = BLOCK_FIRST[name] if name in BLOCK_FIRST else SPAN_FIRST[name]
    rules.register(name, _spec(START[name]), _builtin(name), span_start=SPAN_START.get(name), first=first,
                   trigger=SPAN_TRIGGER.get(name))


def block_rules(gfm: bool, paragraph_end_quirk: bool) -> KramdownRules:
    rules = KramdownRules()
    for name in BLOCK_PARSERS:
        _register_builtin(rules, name)
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
        _register_builtin(rules, name)
    if gfm:
        rules.replace("escaped_chars", "escaped_chars_gfm")
        _register_builtin(rules, "strikethrough_gfm")
    return rules
