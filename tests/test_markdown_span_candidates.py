"""The span-start search with a candidate prefilter finds exactly what the full lookahead
regex finds (markdown/parser.py `Scanner.scan_until_span_start`), for every span rule set."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jekyllpy.markdown.parser import Scanner
from jekyllpy.markdown.rules import span_rules

ALPHABET = list("ab *_`<>[]!\"'$&{}:-.\\~\n\t") + ["  \n", "<<", ">>", "--", "...", "{:", "![", "~~", "&amp;"]


@pytest.mark.parametrize("gfm,hard_wrap,typographic", [(False, False, True), (True, False, True),
                                                         (True, True, False), (True, False, False)])
def test_prefiltered_search_equals_full_search(gfm, hard_wrap, typographic):
    rules = span_rules(gfm, hard_wrap, typographic)
    full = re.compile(f"(?={rules.start_alternatives()})", re.M | re.S)

    @settings(max_examples=1500, derandomize=True, deadline=None)
    @given(st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join), st.integers(0, 40))
    def check(text, pos):
        pos = min(pos, len(text))
        want = full.search(text, pos)
        scanner = Scanner(text)
        scanner.pos = pos
        got = scanner.scan_until_span_start(full)
        if want is None:
            assert got is None and scanner.pos == pos
        else:
            assert got == text[pos:want.start()] and scanner.pos == want.start()

    check()



@pytest.mark.parametrize("gfm", [False, True])
def test_block_first_character_table(gfm):
    """At the start of a line beginning with a non-space character, every block parser whose
    start pattern matches there is among those BLOCK_FIRST allows for that character."""
    from jekyllpy.markdown.parser import _NO_TABLE_OR_SETEXT, BLOCK_FIRST
    from jekyllpy.markdown.rules import block_rules

    rules = block_rules(gfm, False)
    table = list(zip(rules.rules, rules.table()))
    lines = ["# h", "#x", "## a #", "> q", "- a", "* b", "+ c", "1. x", "12) y", ": d", "<div>", "</p>",
             "<!-- c -->", "---", "***", "___", "~~~", "```", "$$x$$", "\\$$x$$", "| a | b |", "a | b",
             "[x]: /u", "[^1]: n", "*[HTML]: H", "{: .c}", "{::comment}", "^", "text", "===", "x\n===",
             "x\n---", "\ttab", "    code", "   > q", "é", "`code`", "!", "&amp;", "_x_"]

    @settings(max_examples=1500, derandomize=True, deadline=None)
    @given(st.lists(st.sampled_from(lines), min_size=1, max_size=6).map(lambda ls: "\n".join(ls) + "\n"))
    def check(text):
        for pos in [0] + [i + 1 for i, ch in enumerate(text[:-1]) if ch == "\n"]:
            char = text[pos]
            if char in " \t\n\r\f\v":
                continue
            scanner = Scanner(text)
            scanner.pos = pos
            matching = [name for name, (regex, _f) in table if scanner.check(regex)]
            allowed = [name for name in matching if BLOCK_FIRST.get(name) is None or char in BLOCK_FIRST[name]]
            assert allowed == matching, (char, matching)
            if _NO_TABLE_OR_SETEXT(text, pos):
                assert not {"table", "setext_header"} & set(matching), (text[pos:], matching)

    check()
