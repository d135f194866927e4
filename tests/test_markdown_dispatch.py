"""The kramdown parser's shortcuts must not change which rule runs where.

parse_blocks/parse_spans try only the rules whose first-character set admits the character at
the current position (rules.Dispatch), and find the next span start through a literal-first
prefilter (parser.StartSearch). Both are exact only if the hand-written tables in parser.py
(BLOCK_FIRST, SPAN_FIRST, QUOTE_LED, SPAN_TRIGGER, STOP_TRIGGER) over-approximate the start
patterns. These properties check that on random text made of the grammar's punctuation.
"""
from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jekyllpy.markdown import patterns as P
from jekyllpy.markdown.parser import R, Scanner
from jekyllpy.markdown.rules import block_rules, span_rules

ALPHABET = " \t\n\r\\\"'`*_~-.:#<>[]()!$&{}|+=^/;?@0123456789aAzZé\u00a0"
# grammar fragments, so that multi-character starts (`\$$`, `{::`, `  \n`, `<!--`) occur often
TOKENS = ["\\$$", "$$", "```", "~~~", "    ", "\t", "* ", "- ", "1. ", ": ", "[^a]", "[a]: b", "*[", "{:",
          "{::comment}", "{:/}", "<div>", "</div>", "<span>", "</SPAN>", "<!--", "-->", "--", "...", "<< ",
          " >>", "\\<<", "&amp;", "&#x41;", "\\\n", "  \n", "# ", "| a |", "|---|", "^\n", "> ", "***\n",
          "![", "](", "<http://a>", "~~", "`", "**", "__"]
TEXT = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(alphabet=ALPHABET, max_size=3)), max_size=14).map("".join)

BLOCK_RULES = [block_rules(gfm, quirk) for gfm, quirk in ((False, False), (True, False), (True, True))]
SPAN_RULES = [span_rules(gfm, hard_wrap, typo) for gfm, hard_wrap, typo in
              ((False, False, True), (True, False, True), (True, True, False))]
# every (parsers, stop pattern) combination parse_spans is called with
SUBSETS = [None, ["codespan"], ["codespan", "span_html"], ["span_html"]]
STOPS = [None, re.compile(r"\*"), re.compile(r"\*\*"), re.compile("_"), re.compile("__"), R["LINK_BRACKET_STOP_RE"],
         re.compile(r"</span[ \t\n\r\f\v]*>", re.I), re.compile(r"</foo[ \t\n\r\f\v]*>")]


def _matching(entries, text: str, pos: int) -> list:
    """The entries whose start pattern matches at `pos` (Scanner semantics), in order."""
    found = []
    for entry in entries:
        src = Scanner(text)
        src.pos = pos
        if src.check(entry[0]):
            found.append(entry)
    return found


@settings(max_examples=400, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=40))
def test_block_dispatch_keeps_every_rule_that_can_start(text, pos):
    pos = min(pos, len(text))
    for rules in BLOCK_RULES:
        candidates = rules.dispatch().candidates(text, pos)
        assert _matching(rules.table(), text, pos) == _matching(candidates, text, pos)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=40))
def test_span_dispatch_keeps_every_rule_that_can_start(text, pos):
    pos = min(pos, len(text))
    for rules in SPAN_RULES:
        for names in SUBSETS:
            candidates = rules.dispatch(names).candidates(text, pos)
            assert _matching(rules.entries(names or rules.rules), text, pos) == _matching(candidates, text, pos)


def _full(rules, names, stop) -> re.Pattern:
    """parse_spans' search pattern as it was written before the prefilter."""
    alts = rules.start_alternatives(names)
    if stop is None:
        return re.compile(f"(?={alts})", re.M | re.S if names is None else re.M)
    return re.compile(f"(?=(?:{stop.pattern})|{alts})", re.M | re.S)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=40))
def test_start_search_finds_what_the_full_pattern_finds(text, pos):
    pos = min(pos, len(text))
    for rules in SPAN_RULES:
        for names in SUBSETS:
            for stop in STOPS:
                expected = _full(rules, names, stop).search(text, pos)
                searcher = rules.start_search(names, stop)
                got = searcher.search(text, pos)
                assert (got and (got.span(), got.groups())) == (expected and (expected.span(), expected.groups()))
                assert searcher.position(text, pos) == (expected.start() if expected else -1)
                if searcher.exact:  # every prefilter hit is a match of the full pattern
                    for hit in searcher.prefilter.finditer(text, pos):
                        assert searcher.full.match(text, hit.start()), (hit.group(0), text)


def _first_chars(items) -> tuple[set | None, bool]:
    """(characters a parsed pattern can begin with — None for any —, whether it can match empty),
    from `re`'s parse tree; zero-width assertions are ignored (a superset is fine here)."""
    from re import _constants as C

    chars: set = set()
    for op, av in items:
        if op is C.LITERAL:
            first, nullable = {chr(av)}, False
        elif op is C.IN:
            first, nullable = set(), False
            for kind, value in av:
                if kind is C.LITERAL:
                    first.add(chr(value))
                elif kind is C.RANGE and value[1] - value[0] < 256:
                    first.update(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    first = None
                    break
        elif op in (C.SUBPATTERN, C.ATOMIC_GROUP):
            first, nullable = _first_chars(av[-1] if op is C.SUBPATTERN else av)
        elif op is C.BRANCH:
            parts = [_first_chars(branch) for branch in av[1]]
            first = None if any(f is None for f, _ in parts) else set().union(*(f for f, _ in parts))
            nullable = any(n for _, n in parts)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            first, nullable = _first_chars(av[2])
            nullable = nullable or av[0] == 0
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            first, nullable = set(), True
        else:  # ANY, NOT_LITERAL, GROUPREF, ...
            first, nullable = None, False
        if first is None:
            return None, False
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


@pytest.mark.skipif(sys.version_info < (3, 11), reason="re._parser/_constants are Python 3.11+")
def test_first_sets_cover_the_start_patterns():
    """Statically: every character a start pattern can begin with is in its rule's set."""
    from re import _parser

    from jekyllpy.markdown.parser import BLOCK_FIRST, QUOTE_LED, SPAN_FIRST, START

    for name, first in {**BLOCK_FIRST, **SPAN_FIRST}.items():
        if first is None or name in QUOTE_LED:
            continue
        chars, nullable = _first_chars(_parser.parse(START[name].pattern, START[name].flags))
        assert chars is not None and not nullable and chars <= set(first), (name, chars)


def test_triggers_begin_with_a_literal():
    """Otherwise `re` cannot scan for the prefilter's first characters in C (slow, not wrong)."""
    from jekyllpy.markdown.parser import SPAN_TRIGGER, STOP_TRIGGER

    for trigger in list(SPAN_TRIGGER.values()) + list(STOP_TRIGGER.values()):
        for branch in trigger.split("|"):
            assert branch and (branch[0] not in "([.?*+^$" or branch[:2] in ("\\*", "\\[", "\\$", "\\.")), branch
    assert P.LINK_BRACKET_STOP_RE in STOP_TRIGGER


def _scanner_patterns() -> list[re.Pattern]:
    from jekyllpy.markdown.parser import SQ_RULES, START

    return list(R.values()) + [regex for regex, _ in SQ_RULES] + list(START.values())


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=40))
def test_context_free_patterns_match_in_place_as_on_the_rest(text, pos):
    """Scanner matches a pattern `_context_free` accepts in place mid-line (no copy of the rest
    of the text); that must equal matching the rest, which is what strscan sees."""
    from jekyllpy.markdown.parser import _context_free

    pos = min(pos, len(text))
    for regex in _scanner_patterns():
        if _context_free(regex):
            here, rest = regex.match(text, pos), regex.match(text[pos:])
            assert (here and (here.end() - pos, here.groups())) == (rest and (rest.end(), rest.groups())), regex


def test_anchor_reading():
    from jekyllpy.markdown.parser import _has_anchor

    assert not _has_anchor(r"!?\[(?=[^^])") and not _has_anchor(r"[\b]") and not _has_anchor(r"[]^]x")
    assert _has_anchor("^a") and _has_anchor(r"a\b") and _has_anchor(r"[^a]|^") and _has_anchor(r"\Ax")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1_-²½ é\n&<>\";#x", max_size=12))
def test_shortcuts_equal_kramdowns_expressions(text):
    """escape_html's replace path equals the entity-keeping regex; emphasis's word test on the
    last two characters equals kramdown's test on the whole text before the delimiter."""
    from jekyllpy.markdown import converter
    from jekyllpy.markdown.parser import _WORD_END

    for kind, regex in (("text", converter._ESC_TEXT), ("attribute", converter._ESC_ATTR)):
        slow = regex.sub(lambda m: converter._ESC_MAP.get(m.group(0), m.group(0)), text)
        assert converter.escape_html(text, kind) == slow
    assert bool(_WORD_END.search(text[-2:])) == bool(re.search(r"[^\W\d_]-?[^\W\d_]*\Z", text))


def _rewritten() -> list[tuple[str, re.Pattern, re.Pattern]]:
    """(name, kramdown's pattern as written in patterns.py, the compiled one the parser uses)
    for every pattern the parser compiles differently (possessive line runs, table pipe check)."""
    from jekyllpy.markdown.parser import R

    found = []
    for name, regex in R.items():
        written = getattr(P, name, None)
        if isinstance(written, str) and written != regex.pattern:
            found.append((name, re.compile(written, regex.flags), regex))
    return found


REWRITTEN = _rewritten()


@settings(max_examples=400, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=40))
def test_rewritten_patterns_match_as_kramdowns(text, pos):
    """Every pattern compiled differently from kramdown's text must match exactly as the
    original (same span and groups) wherever it is tried."""
    pos = min(pos, len(text))
    for name, written, used in REWRITTEN:
        a, b = written.match(text, pos), used.match(text, pos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), name


def test_rewrites_are_in_use():
    names = {name for name, _, _ in REWRITTEN}
    assert {"PARAGRAPH_MATCH", "PARAGRAPH_START", "SETEXT_HEADER_START", "TABLE_START", "TABLE_LINE"} <= names


def test_a_conversion_leaves_no_reference_cycles():
    """A converted tree must be freed by reference counting as soon as the HTML is written: a
    cycle (bound methods cached on the converter, recursive closures) kept whole trees alive
    until the cyclic collector ran, which cost every build's Markdown time."""
    import gc

    from jekyllpy.markdown import MarkdownConverter
    from jekyllpy.markdown.converter import HtmlConverter
    from jekyllpy.markdown.elements import Element

    text = ("# Title {#t}\n\nSome *em*, **strong**, `code`, [a link](http://x) and \"quotes\" -- ok...\n\n"
            "* item\n* item [^1]\n\nTerm\n: definition\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            "```python\nx = 1\n```\n\n<div markdown=\"1\">*x*</div>\n\n* TOC\n{:toc}\n\n[^1]: note\n")
    conv = MarkdownConverter({})
    conv.convert("warm up\n")
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        conv.convert(text)
        root, options = conv.parse(text)
        HtmlConverter(root, options, None).convert(root)
        del root
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        leaked = [o for o in gc.garbage if isinstance(o, (Element, HtmlConverter))]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()
    assert leaked == []


def test_renderer_plugins_registered_the_mistune_way_still_run():
    from jekyllpy.markdown import MarkdownConverter
    from jekyllpy.markdown.converter import HtmlConverter
    from jekyllpy.markdown.elements import Element

    root, options = MarkdownConverter({}).parse("text\n")
    root.children.append(Element("shout", "hi"))
    converter = HtmlConverter(root, options, None)
    converter.register("convert_shout", lambda self, el, indent: el.value.upper())
    assert converter.convert(root).endswith("HI")


def test_possessive_lines_leaves_dotall_classes_and_escapes_alone():
    from jekyllpy.markdown.parser import _possessive_lines as rewrite

    assert rewrite(r"^.*?\n") == r"^.*+\n" and rewrite(r"^(.*)\n(-)") == r"^(.*+)\n(-)"
    assert rewrite(r"(?m)^.*?\n") == r"(?m)^.*+\n"
    for kept in (r"(?s:^.*?\n)", r"(?ms)^.*?\n", r"[.*?\n]", r"\.*?\n", r"(.*?)[ \t]*\n", r".*x\n"):
        assert rewrite(kept) == kept
