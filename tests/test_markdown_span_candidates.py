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

