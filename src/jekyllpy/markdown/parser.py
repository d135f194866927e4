"""kramdown's parser (default `kramdown` input and the `GFM` input), producing an Element tree.

kramdown is a *try each parser in order* machine: at every block position it tries its block
parsers in a fixed order (each guarded by a start pattern, a parser may decline), and inside
text it scans to the next position where any span parser could start, then tries the span
parsers in order. That dispatch is what makes kramdown's output differ from CommonMark's (lazy
lines everywhere, per-item list rules, HTML re-emitted, `{: ...}` attribute lists), so it is
reproduced here rather than approximated with mistune's CommonMark state machine. The rule
tables are mistune `Parser` registries (`register(name, pattern, func, before=...)`) built in
`rules.py`; KramdownParser calls their rule functions with itself. See docs/decisions.md.

Speed (docs/performance.md), without changing what matches where: rules are tried only when
the character at the position can start them (rules.Dispatch, BLOCK_FIRST/SPAN_FIRST), the
next span start is found through a literal-first prefilter (StartSearch), line runs in the
grammar are compiled possessive (`_possessive_lines`), and a paragraph's end is one search.
tests/test_markdown_dispatch.py checks each of these against kramdown's plain formulation.
"""
from __future__ import annotations

import re

from jekyllpy.markdown import html_native
from jekyllpy.markdown import patterns as P
from jekyllpy.markdown.elements import Element
from jekyllpy.markdown.entities import CP1252, NAMES


# Ruby's String#strip family trims ASCII whitespace (rstrip also NUL), never U+00A0 & co.
RUBY_WS = " \t\n\v\f\r"
RUBY_WS0 = RUBY_WS + "\0"


class StopBlockParsing(Exception):
    pass


class Scanner:
    """Ruby's StringScanner as kramdown uses it: anchored matches at `pos`, where `^` holds at
    `pos` even mid-line and look-behind sees nothing before `pos` (strscan's default)."""

    __slots__ = ("string", "pos", "m", "base", "_tail_pos", "_tail")

    def __init__(self, string: str) -> None:
        self.string = string
        self.pos = 0
        self.m: re.Match | None = None
        self.base = 0
        self._tail_pos = -1
        self._tail = ""

    def _match(self, regex: re.Pattern):
        """Match at `pos`. Mid-line, only patterns that look at `pos`'s surroundings (`^`,
        look-behind, `\\b`, `\\A`) need the rest of the string as a copy; copying for every
        pattern made long single-line HTML quadratic (a 1 MB page took seconds)."""
        s, pos = self.string, self.pos
        if pos and s[pos - 1] != "\n":
            free = _CONTEXT_FREE.get(id(regex))
            if free is None:
                free = _context_free(regex)
            if not free:
                if self._tail_pos != pos:
                    self._tail_pos, self._tail = pos, s[pos:]
                return regex.match(self._tail), pos
        return regex.match(s, pos), 0

    def check(self, regex: re.Pattern):
        """strscan's `check`: the match at `pos` (kept in `m`), `pos` unchanged. The common
        case — a line start or a pattern that cannot see before `pos` — is inlined (hot)."""
        s, pos = self.string, self.pos
        if pos and s[pos - 1] != "\n" and not _CONTEXT_FREE.get(id(regex), False):
            self.m, self.base = self._match(regex)
            return self.m
        self.base = 0
        m = self.m = regex.match(s, pos)
        return m

    def scan(self, regex: re.Pattern) -> str | None:
        s, pos = self.string, self.pos
        if pos and s[pos - 1] != "\n" and not _CONTEXT_FREE.get(id(regex), False):
            m, base = self._match(regex)
        else:
            m, base = regex.match(s, pos), 0
        self.m, self.base = m, base
        if m is None:
            return None
        self.pos = base + m.end()
        return m.group(0)

    def lines_until(self, end: re.Pattern) -> str:
        """From a line start, the whole lines before the first line start where `end` matches —
        kramdown's `result << @src.scan(PARAGRAPH_MATCH) until @src.check(end)` as one search
        for a newline followed by `end` (the loop cost two matches per line)."""
        start = self.pos
        m = _after_newline(end).search(self.string, start - 1) if start and self.string[start - 1] == "\n" else None
        if m is None:  # not at a line start, or no line start ends it: kramdown's loop as written
            parts = []
            while not self.check(end):
                parts.append(self.scan(R["PARAGRAPH_MATCH"]))
            return "".join(parts)
        self.m, self.base, self.pos = m, 0, m.start() + 1
        return self.string[start:self.pos]

    def scan_until(self, regex: re.Pattern) -> str | None:
        m = regex.search(self.string, self.pos)
        self.m, self.base = m, 0
        if m is None:
            return None
        start = self.pos
        self.pos = m.end()
        return self.string[start:self.pos]

    def __getitem__(self, i):
        m = self.m
        return None if m is None else m.group(i)

    @property
    def matched(self) -> str:
        return self.m.group(0)

    def pre_match(self) -> str:
        return self.string[: self.base + self.m.start()]

    def eos(self) -> bool:
        return self.pos >= len(self.string)

    def getch(self) -> str:
        c = self.string[self.pos: self.pos + 1]
        self.pos += 1
        return c

    def rest(self) -> str:
        return self.string[self.pos:]


# Keyed by id(): hashing a compiled pattern hashes its whole code, on every match. The patterns
# are pinned in _PINNED so that an id cannot be reused by another pattern while it is a key.
_CONTEXT_FREE: dict[int, bool] = {}
_PINNED: list[re.Pattern] = []
_FREE_ANYWAY: list[re.Pattern] = []  # patterns the text reading cannot see are context-free


def _context_free(regex: re.Pattern) -> bool:
    """True when matching `regex` at a position cannot depend on the text before it: no `^`
    outside a character class, no look-behind, `\\b`, `\\B` or `\\A` (a conservative reading
    of the pattern text; `[^^]` is a class, not an anchor)."""
    known = _CONTEXT_FREE.get(id(regex))
    if known is None:
        known = any(regex is free for free in _FREE_ANYWAY) or (
            "(?<" not in regex.pattern and not _has_anchor(regex.pattern))
        _set_context_free(regex, known)
    return known


def _set_context_free(regex: re.Pattern, free: bool) -> None:
    if len(_PINNED) > 20000:  # per-document patterns (abbreviations) must not pile up in a server
        _PINNED.clear()
        _CONTEXT_FREE.clear()
    _PINNED.append(regex)
    _CONTEXT_FREE[id(regex)] = free


def _has_anchor(pattern: str) -> bool:
    """Whether `pattern` has `^`, `\\b`, `\\B` or `\\A` outside character classes."""
    i, n, in_class = 0, len(pattern), False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if not in_class and pattern[i + 1: i + 2] in ("b", "B", "A"):
                return True
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1
            if pattern[i: i + 1] == "^":  # a negated class; a `]` right after `[` or `[^` is literal
                i += 1
            if pattern[i: i + 1] == "]":
                i += 1
            continue
        elif ch == "^":
            return True
        i += 1
    return False


class StartSearch:
    """`search(string, pos)` with the result of `full.search(string, pos)`, found faster.

    kramdown's span loop searches a lookahead alternation of every span start (`(?=\\*|_|…|
    [^\\\\]?["'])`), which `re` must try at every position: it was the largest single cost of
    Markdown. `prefilter` is an alternation whose branches all begin with a literal character,
    which `re` scans for in C; it must hit at every position where `full` matches — or one
    character later, when that character is a quote (smart quotes start on the character before
    a quote). Each hit is then confirmed with `full.match`, so the result is exactly `full`'s
    leftmost match (tests/test_markdown_dispatch.py checks the prefilters)."""

    __slots__ = ("full", "prefilter", "pattern", "exact")

    def __init__(self, full: re.Pattern, prefilter: re.Pattern, exact: bool = False) -> None:
        """`exact`: every prefilter hit is a position where `full` matches too (its branches are
        narrowings of `full`'s alternatives), so `position` need not confirm hits."""
        self.full = full
        self.prefilter = prefilter
        self.pattern = full.pattern
        self.exact = exact

    def position(self, string: str, pos: int = 0) -> int:
        """The start of `search(string, pos)`, or -1; for an exact prefilter, only a hit on a
        quote is checked with `full` (the match may begin on the character before it)."""
        if not self.exact:
            m = self.search(string, pos)
            return -1 if m is None else m.start()
        hit = self.prefilter.search(string, pos)
        if hit is None:
            return -1
        q = hit.start()
        if q > pos and string[q] in "\"'" and self.full.match(string, q - 1) is not None:
            return q - 1
        return q

    def search(self, string: str, pos: int = 0):
        """Invariant: `full` matches nowhere in [pos, lo); a match at p needs a hit at p or p+1."""
        full_match = self.full.match
        prefilter = self.prefilter.search
        lo = pos
        while True:
            hit = prefilter(string, lo)
            if hit is None:
                return None
            q = hit.start()
            if q > lo and string[q] in "\"'":
                m = full_match(string, q - 1)
                if m is not None:
                    return m
            m = full_match(string, q)
            if m is not None:
                return m
            lo = q + 1


_AFTER_NEWLINE: dict[str, re.Pattern] = {}


def _after_newline(regex: re.Pattern) -> re.Pattern:
    """A newline where `regex` matches right after it (`\\n(?=…)`): searched for with `re`'s
    literal-prefix scan, it finds the next line start where `regex` matches."""
    found = _AFTER_NEWLINE.get(regex.pattern)
    if found is None:
        found = _AFTER_NEWLINE[regex.pattern] = re.compile(f"\\n(?=(?:{regex.pattern}))", regex.flags | re.M)
    return found


_DOTALL_FLAG = re.compile(r"\(\?[aiLmsux-]*s")


def _possessive_lines(pattern: str) -> str:
    """Runs of `.` up to a newline made possessive: `.*?\\n`, `.*\\n` (also with a group
    closing before the `\\n`) as `.*+\\n`, outside character classes and not for DOTALL
    patterns. `.` cannot match a newline, so every form ends at the first newline — the same
    match — but `re` runs the lazy one character by character and backtracks the greedy one
    through the whole line when what follows the newline fails (e.g. setext headers: 6x)."""
    if _DOTALL_FLAG.search(pattern):  # `(?s)`, `(?s:…)`, `(?ms)`…: `.` matches newlines there
        return pattern
    out, i, n, in_class = [], 0, len(pattern), False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i: i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            j = i + 1
            j += pattern[j: j + 1] == "^"
            j += pattern[j: j + 1] == "]"
            out.append(pattern[i:j])
            i, in_class = j, True
            continue
        elif ch == "." and pattern.startswith(".*", i):
            j = i + 2 + pattern.startswith("?", i + 2)
            tail = pattern[j: j + 3]
            if tail.startswith("\\n") or tail == ")\\n":
                out.append(".*+")
                i = j
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _c(p: str) -> re.Pattern:
    return re.compile(_possessive_lines(p), re.M)


def _cs(p: str) -> re.Pattern:
    return re.compile(p, re.M | re.S)


R = {name: _c(getattr(P, name)) for name in (
    "BLANK_LINE", "EOB_MARKER", "IAL_BLOCK_START", "LAZY_END", "LIST_START_UL", "LIST_START_OL", "LIST_START",
    "DEFINITION_LIST_START", "PARAGRAPH_START", "PARAGRAPH_MATCH", "PARAGRAPH_END", "BLOCKQUOTE_START",
    "ATX_HEADER_START", "ATX_HEADER_START_GFM", "SETEXT_HEADER_START", "FENCED_CODEBLOCK_START",
    "FENCED_CODEBLOCK_START_GFM", "CODEBLOCK_MATCH", "HR_START", "HTML_TAG_CLOSE_RE", "HTML_BLOCK_START",
    "TRAILING_WHITESPACE", "TABLE_SEP_LINE", "TABLE_HSEP_ALIGN", "TABLE_FSEP_LINE", "TABLE_ROW_LINE",
    "TABLE_LINE", "TABLE_START", "LINK_DEFINITION_START", "ABBREV_DEFINITION_START", "ALD_START",
    "EXT_BLOCK_START", "BLOCK_EXTENSIONS_START", "EXT_SPAN_START", "IAL_SPAN_START", "SPAN_EXTENSIONS_START",
    "LIST_ITEM_IAL", "LIST_ITEM_IAL_CHECK", "EMPHASIS_START", "CODESPAN_DELIMITER", "AUTOLINK_START",
    "FOOTNOTE_MARKER_START", "LINK_START", "SMART_QUOTES_RE", "TYPOGRAPHIC_SYMS_RE", "LINE_BREAK",
    "ESCAPED_CHARS", "ESCAPED_CHARS_GFM", "LINK_BRACKET_STOP_RE", "LINK_PAREN_STOP_RE", "LINK_INLINE_ID_RE",
    "HTML_ENTITY_RE", "HTML_SPAN_START", "ALD_TYPE_ANY", "ALD_TYPE_ID_OR_CLASS", "INDENT",
    "FOOTNOTE_DEFINITION_START",
)}
R.update({name: _cs(getattr(P, name)) for name in (
    "FENCED_CODEBLOCK_MATCH", "FENCED_CODEBLOCK_MATCH_GFM", "HTML_COMMENT_RE", "HTML_INSTRUCTION_RE",
    "HTML_TAG_RE", "HTML_ATTRIBUTE_RE", "HTML_RAW_START", "HTML_CDATA_RE", "BLOCK_MATH_START",
    "INLINE_MATH_START", "STRIKETHROUGH_MATCH", "LINK_INLINE_TITLE_RE",
)})
# A table line needs a `|` on the line: checked first with one possessive run, instead of
# TABLE_PIPE_CHECK's lazy scan for a pipe after a non-backslash at every character.
_PIPE_AHEAD = r"(?=[^\n|]*+\|)"
R["TABLE_LINE"] = _c(_PIPE_AHEAD + P.TABLE_LINE)
R["TABLE_START"] = _c(P.TABLE_START.replace(P.TABLE_LINE, _PIPE_AHEAD + P.TABLE_LINE, 1))
R["HEADER_ID"] = re.compile(P.HEADER_ID)
# parse_raw_html's search for the next tag, through a prefilter for `<` (see StartSearch)
_HTML_RAW_START = StartSearch(R["HTML_RAW_START"], re.compile("<"))
_NOT_A_NAME = ("!", "?", "/", "")  # HTML_TAG_RE needs a name (a letter or `_`) after the `<`
R["PARAGRAPH_END_GFM"] = _c(P.union(P.LAZY_END, P.LIST_START, P.ATX_HEADER_START_GFM, P.DEFINITION_LIST_START,
                                    P.BLOCKQUOTE_START, P.FENCED_CODEBLOCK_START_GFM))
R["BLOCK_BOUNDARY"] = _c(P.union(P.BLANK_LINE, P.EOB_MARKER, P.IAL_BLOCK_START, P.RZ))
R["HTML_BLOCK_TAG"] = _cs(f"^{P.OPT_SPACE}{P.HTML_TAG_RE}")
R["HTML_BLOCK_CLOSE"] = _cs(f"^{P.OPT_SPACE}{P.HTML_TAG_CLOSE_RE}")
R["MATH_ESCAPE"] = _c(rf"^{P.OPT_SPACE}\\")
R["TABLE_PIPE_LINE"] = _c(f"^{P.TABLE_PIPE_CHECK}")
SQ_RULES = [(_c(p), subst) for p, subst in P.SQ_RULES]
SQ_RULES[-1] = (_cs(P.SQ_RULES[-1][0]), SQ_RULES[-1][1])
SQ_RULES[-2] = (_cs(P.SQ_RULES[-2][0]), SQ_RULES[-2][1])
# These two start with a consumed quote and test `\b`/`\B` only after it, so they cannot see
# before `pos`: matched in place, without copying the rest of the text for every quote.
_FREE_ANYWAY.extend((SQ_RULES[1][0], SQ_RULES[7][0]))
SQ_SUBSTS = {("rquote1", '"'): "rdquo", ("rquote1", "'"): "rsquo", ("rquote2", '"'): "rdquo",
             ("rquote2", "'"): "rsquo", ("lquote1", '"'): "ldquo", ("lquote1", "'"): "lsquo",
             ("lquote2", '"'): "ldquo", ("lquote2", "'"): "lsquo"}
TYPO = {"---": "mdash", "--": "ndash", "...": "hellip", "<< ": "laquo_space", " >>": "raquo_space",
        "<<": "laquo", ">>": "raquo"}

_LIST_PATTERNS: dict[int, tuple] = {}


def _list_patterns(indentation: int):
    pats = _LIST_PATTERNS.get(indentation)
    if pats is None:
        n = indentation
        content = _c(rf"^(?:(?:\t| {{4}}){{{n // 4}}} {{{n % 4}}}|(?:\t| {{4}}){{{n // 4 + 1}}}).*[^ \t\n\r\f\v].*\n")
        lazy = _c(rf"(?!^ {{0,{min(n, 3)}}}(?:{P.IAL_BLOCK}|{P.LAZY_END_HTML_STOP}|{P.LAZY_END_HTML_START}))"
                  r".*[^ \t\n\r\f\v].*\n")
        pats = _LIST_PATTERNS[indentation] = (content, lazy, _c(rf"^ {{{n}}}"))
    return pats


_FETCH = {}
for _kind, _mark in (("ul", "[+*-]"), ("ol", r"[0-9]+\."), ("dl", ":")):
    for _ind in (1, 2, 3, 4):
        _FETCH[(_kind, _ind)] = _c(rf"^( {{0,{_ind - 1}}}{_mark})({P.PATTERN_TAIL})")


def fetch_pattern(kind: str, indentation: int) -> re.Pattern:
    return _FETCH[(kind, min(max(indentation, 1), 4))]


BLOCK_PARSERS = ["blank_line", "codeblock", "codeblock_fenced", "blockquote", "atx_header", "horizontal_rule",
                 "list", "definition_list", "block_html", "setext_header", "block_math", "table",
                 "footnote_definition", "link_definition", "abbrev_definition", "block_extensions",
                 "eob_marker", "paragraph"]
SPAN_PARSERS = ["emphasis", "codespan", "autolink", "span_html", "footnote_marker", "link", "smart_quotes",
                "inline_math", "span_extensions", "html_entity", "typographic_syms", "line_break",
                "escaped_chars"]
# name -> (start pattern, span start pattern)
START = {
    "blank_line": R["BLANK_LINE"], "codeblock": R["INDENT"], "codeblock_fenced": R["FENCED_CODEBLOCK_START"],
    "codeblock_fenced_gfm": R["FENCED_CODEBLOCK_START_GFM"], "blockquote": R["BLOCKQUOTE_START"],
    "atx_header": R["ATX_HEADER_START"], "atx_header_gfm": R["ATX_HEADER_START_GFM"],
    "atx_header_gfm_quirk": R["ATX_HEADER_START_GFM"], "horizontal_rule": R["HR_START"],
    "list": R["LIST_START"], "definition_list": R["DEFINITION_LIST_START"], "block_html": R["HTML_BLOCK_START"],
    "setext_header": R["SETEXT_HEADER_START"], "block_math": R["BLOCK_MATH_START"], "table": R["TABLE_START"],
    "footnote_definition": R["FOOTNOTE_DEFINITION_START"], "link_definition": R["LINK_DEFINITION_START"],
    "abbrev_definition": R["ABBREV_DEFINITION_START"], "block_extensions": R["BLOCK_EXTENSIONS_START"],
    "eob_marker": R["EOB_MARKER"], "paragraph": R["PARAGRAPH_START"],
    "emphasis": R["EMPHASIS_START"], "codespan": R["CODESPAN_DELIMITER"], "autolink": R["AUTOLINK_START"],
    "span_html": R["HTML_SPAN_START"], "footnote_marker": R["FOOTNOTE_MARKER_START"], "link": R["LINK_START"],
    "smart_quotes": R["SMART_QUOTES_RE"], "inline_math": R["INLINE_MATH_START"],
    "span_extensions": R["SPAN_EXTENSIONS_START"], "html_entity": R["HTML_ENTITY_RE"],
    "typographic_syms": R["TYPOGRAPHIC_SYMS_RE"], "line_break": R["LINE_BREAK"],
    "escaped_chars": R["ESCAPED_CHARS"], "escaped_chars_gfm": R["ESCAPED_CHARS_GFM"],
    "strikethrough_gfm": R["STRIKETHROUGH_MATCH"],
}
SPAN_START = {
    "emphasis": r"\*|_", "codespan": "`", "autolink": "<", "span_html": "<", "footnote_marker": r"\[",
    "link": r"!?\[", "smart_quotes": r"[^\\]?[\"']", "inline_math": r"\$", "span_extensions": r"\{:",
    "html_entity": "&", "typographic_syms": r"--|\.\.\.|(?:\\| )?(?:<<|>>)", "line_break": r"(  |\\)(?=\n)",
    "escaped_chars": r"\\", "escaped_chars_gfm": r"\\", "strikethrough_gfm": "~~",
}
# First-character dispatch (rules.py): the characters a rule's start pattern can begin with at
# the current position, None when it can begin with any. A rule is tried only when the next
# character is in its set, in rule order; the start patterns are still checked, so a set may be
# larger than needed but never smaller (tests/test_markdown_dispatch.py).
BLOCK_FIRST = {
    "blank_line": " \t\n\r\f\v", "codeblock": " \t", "codeblock_fenced": "~", "codeblock_fenced_gfm": " ~`",
    "blockquote": " >", "atx_header": "#", "atx_header_gfm": "#", "atx_header_gfm_quirk": "#",
    "horizontal_rule": " *-_", "list": " +*-0123456789", "definition_list": " :", "block_html": " <",
    "setext_header": None, "block_math": " $\\", "table": None, "footnote_definition": " [",
    "link_definition": " [", "abbrev_definition": " *", "block_extensions": " {", "eob_marker": "^",
    "paragraph": None,
}
SPAN_FIRST = {
    "emphasis": "*_", "codespan": "`", "autolink": "<", "span_html": "<", "footnote_marker": "[", "link": "![",
    "smart_quotes": "\"'", "inline_math": "$", "span_extensions": "{", "html_entity": "&",
    "typographic_syms": "-.\\< >", "line_break": " \\", "escaped_chars": "\\", "escaped_chars_gfm": "\\",
    "strikethrough_gfm": "~",
}
# Span rules that also start on any character but a backslash when a quote follows it.
QUOTE_LED = {"smart_quotes"}
# SPAN_START as alternations whose branches begin with a literal character (StartSearch's
# prefilter); smart quotes' trigger is the quote itself, one character after the match.
SPAN_TRIGGER = {
    "emphasis": r"\*|_", "codespan": "`", "autolink": "<", "span_html": "<", "footnote_marker": r"\[",
    "link": r"!\[|\[", "smart_quotes": "\"|'", "inline_math": r"\$", "span_extensions": r"\{:",
    "html_entity": "&", "typographic_syms": r"--|\.\.\.|\\<<|\\>>| <<| >>|<<|>>",
    "line_break": r"  (?=\n)|\\(?=\n)", "escaped_chars": r"\\", "escaped_chars_gfm": r"\\",
    "strikethrough_gfm": "~~",
}
# Stop patterns of parse_spans whose own text does not begin with a literal character.
STOP_TRIGGER = {P.LINK_BRACKET_STOP_RE: r"\]|!\[|\["}
METHOD = {"codeblock_fenced_gfm": "codeblock_fenced", "atx_header_gfm": "atx_header",
          "escaped_chars_gfm": "escaped_chars"}


class KramdownParser:
    """One parse: `KramdownParser(options, gfm).parse(text) -> (root, warnings)`."""

    def __init__(self, options: dict, gfm: bool, block_rules, span_rules) -> None:
        self.options = options
        self.gfm = gfm
        self.block_rules = block_rules
        self.span_rules = span_rules
        self.warnings: list[str] = []
        self.root = Element("root", None, None, {"encoding": "UTF-8", "abbrev_defs": {}, "abbrev_attr": {}})
        self.alds: dict = {}
        self.footnotes: dict = {}
        self.link_defs: dict = {}
        for key, val in (options.get("link_defs") or {}).items():  # predefined link definitions
            val = list(val) if isinstance(val, (list, tuple)) else [val]
            self.link_defs[normalize_link_id(str(key))] = [val[0], val[1] if len(val) > 1 else None, None]
        self.id_counter: dict[str, int] = {}
        self.src: Scanner | None = None
        self.tree: Element | None = None
        self.block_ial = None
        self.stack: list = []
        self.text_type = "raw_text"
        self.paragraph_end = R["PARAGRAPH_END_GFM"] if gfm and "paragraph_end" in options["gfm_quirks"] \
            else R["PARAGRAPH_END"]
        # Dispatch tables and span-start searches are built once per registry (per converter),
        # not per parse; rule functions are called with the parser as argument.
        self.block_dispatch = block_rules.dispatch()
        self.span_candidates = span_rules.dispatch().candidates

    # ------------------------------------------------------------------ driver
    def parse(self, source: str) -> Element:
        source = _CRLF.sub("\n", source) if "\r" in source else source
        if source.endswith("\n"):
            source = source[:-1]
        source += "\n"
        self.parse_blocks(self.root, source)
        self.update_tree(self.root)
        self.correct_abbreviations_attributes()
        self.replace_abbreviations(self.root)
        for data in self.footnotes.values():
            self.update_tree(data["content"])
            self.replace_abbreviations(data["content"])
        self.root.options["footnote_count"] = sum(1 for d in self.footnotes.values() if "marker" in d)
        if self.gfm:
            self.update_elements(self.root)
        return self.root

    def parse_blocks(self, el: Element, text: str | None = None) -> bool | None:
        self.stack.append((self.tree, self.src, self.block_ial))
        self.tree, self.block_ial = el, None
        if text is not None:
            self.src = Scanner(text)
        status = None
        try:
            src = self.src
            candidates = self.block_dispatch.candidates
            string = src.string
            end = len(string)
            while src.pos < end:
                for regex, func in candidates(string, src.pos):
                    if src.check(regex) and func(self):
                        break
                else:
                    self.add_text(src.scan(_ANY_LINE) or src.rest())
        except StopBlockParsing:
            status = True
        self.tree, self.src, self.block_ial = self.stack.pop()
        return status

    def new_block_el(self, *args, **kw) -> Element:
        el = Element(*args, **kw)
        if self.block_ial is not None:
            el.options["ial"] = self.block_ial
            self.block_ial = None
        return el

    def add_text(self, text: str, tree: Element | None = None, type: str | None = None) -> None:
        tree = self.tree if tree is None else tree
        type = self.text_type if type is None else type
        children = tree.children
        if children and children[-1].type == type:
            children[-1].value += text
        elif text:
            children.append(Element(type, text))

    def warning(self, text: str) -> None:
        self.warnings.append(text)

    # ------------------------------------------------------------------ tree updates
    def update_tree(self, element: Element) -> None:
        last_blank = None
        out = []
        for child in element.children:
            t = child.type
            if t == "raw_text":
                last_blank = None
                self.reset_env(Scanner(child.value), "text")
                self.parse_spans(child)
                out.extend(child.children)
            elif t == "eob":
                if child.options.get("ial"):
                    self.update_attr_with_ial(child.attr, child.options["ial"])
            elif t == "blank":
                if last_blank is not None:
                    last_blank.value += child.value
                else:
                    last_blank = child
                    out.append(child)
            else:
                last_blank = None
                self.update_tree(child)
                if child.options.get("ial"):
                    self.update_attr_with_ial(child.attr, child.options["ial"])
                if child.type == "dt" or (child.type == "header" and self.options.get("auto_id_stripping")):
                    self.update_raw_text(child)
                out.append(child)
        element.children = out

    def update_raw_text(self, item: Element) -> None:
        parts: list[str] = []
        (_gfm_raw_text if self.gfm else _raw_text)(item, parts)
        item.options["raw_text"] = "".join(parts)

    def update_attr_with_ial(self, attr: dict, ial: dict) -> None:
        for ref in ial.get(":refs", []):
            ref_ial = self.alds.get(ref)
            if ref_ial is not None:
                self.update_attr_with_ial(attr, ref_ial)
        for k, v in ial.items():
            if k == "class":
                attr[k] = f"{attr.get(k, '')} {v}".lstrip(RUBY_WS)
            elif not k.startswith(":"):
                attr[k] = v

    # GFM post-processing: header ids and backslash hard breaks
    def update_elements(self, element: Element) -> None:
        hard = "\n" if self.options.get("hard_wrap") else "\\\n"
        out = []
        for child in element.children:
            if child.type == "text" and hard in child.value:
                out.extend(self.update_text_type(element, child, hard))
            elif child.type == "html_element":
                out.append(child)
            elif child.type == "header" and self.options.get("auto_ids") and "id" not in child.attr:
                child.attr["id"] = self.generate_gfm_header_id(child.options.get("raw_text", ""))
                out.append(child)
            else:
                if child.children:  # (a leaf would only get a new empty list)
                    self.update_elements(child)
                out.append(child)
        element.children = out

    def update_text_type(self, element: Element, child: Element, hard: str) -> list[Element]:
        lines = child.value.split(hard)
        is_block = element.type in _BLOCK_TYPES or element.options.get("category") == "block"
        omit = (lines[-1] == "" and is_block and element.children[-1] is child)
        result = []
        for index, line in enumerate(lines):
            result.append(Element("text", ("\n" + line) if index > 0 else line))
            if index < len(lines) - 2 or (index == len(lines) - 2 and not omit):
                result.append(Element("br"))
        return result

    def generate_gfm_header_id(self, text: str) -> str:
        result = _NOT_ID_CHAR.sub("", text.lower()).replace(" ", "-").replace("\t", "-")
        count = self.id_counter.get(result, -1) + 1
        self.id_counter[result] = count
        if count > 0:
            result += f"-{count}"
        return str(self.options.get("auto_id_prefix") or "") + result

    # ------------------------------------------------------------------ attribute lists
    def parse_attribute_list(self, text: str, opts: dict) -> None:
        if not text.strip(RUBY_WS0) or text.strip(RUBY_WS0) == ":":
            return
        found = False
        for m in R["ALD_TYPE_ANY"].finditer(text):
            found = True
            key, sep, val, ref, id_and_class = m.group(1, 2, 3, 4, 5)
            if ref:
                opts.setdefault(":refs", []).append(ref)
            elif id_and_class:
                for im in R["ALD_TYPE_ID_OR_CLASS"].finditer(id_and_class):
                    if im.group(2):
                        opts["class"] = f"{opts.get('class', '')} {im.group(2)}".lstrip(RUBY_WS)
                    else:
                        opts["id"] = im.group(1)
            else:
                val = re.sub(r"\\(\}|" + re.escape(sep) + ")", r"\1", val)
                opts[key] = val
        if not found:
            self.warning(f"No or invalid attributes found in IAL/ALD content: {text}")

    def update_ial_with_ial(self, ial: dict, opts: dict) -> None:
        if ":refs" in opts:
            ial.setdefault(":refs", []).extend(opts[":refs"])
        for k, v in opts.items():
            if k == "class":
                ial[k] = f"{ial.get(k, '')} {v}".lstrip(RUBY_WS)
            elif not k.startswith(":"):
                ial[k] = v

    # ------------------------------------------------------------------ block parsers
    def after_block_boundary(self) -> bool:
        children = self.tree.children
        last = children[-1] if children else None
        return (last is None or last.type == "blank" or (last.type == "eob" and last.value is None)
                or bool(self.block_ial))

    def before_block_boundary(self):
        return self.src.check(R["BLOCK_BOUNDARY"])

    def parse_blank_line(self) -> bool:
        src = self.src
        matched = src.matched
        src.pos += len(matched)
        children = self.tree.children
        if children and children[-1].type == "blank":
            children[-1].value += matched
        else:
            children.append(self.new_block_el("blank", matched))
        return True

    def parse_eob_marker(self) -> bool:
        self.src.pos += len(self.src.matched)
        self.tree.children.append(self.new_block_el("eob"))
        return True

    def parse_paragraph(self) -> bool:
        src = self.src
        pos = src.pos
        result = src.scan(R["PARAGRAPH_MATCH"])
        result = (result + src.lines_until(self.paragraph_end)).rstrip(RUBY_WS0)
        children = self.tree.children
        last = children[-1] if children else None
        if last is not None and last.type == "p":
            inner = last.children[-1] if last.children else None
            if inner is not None and inner.type == self.text_type:
                joiner = "  \n" if src.string[max(pos - 3, 0):pos] == "  \n" else "\n"
                inner.value += joiner + result
            else:
                self.add_text(result, last)
        else:
            p = self.new_block_el("p")
            children.append(p)
            self.add_text(result.lstrip(RUBY_WS), p)
        return True

    def parse_header_contents(self):
        text = self.src["contents"].rstrip(RUBY_WS0)
        m = R["HEADER_ID"].search(text)
        ident = None
        if m:
            ident = m.group("id")
            text = text[: m.start()].rstrip(RUBY_WS0)
        return text, ident

    def add_header(self, level: int, text: str, ident) -> None:
        src = self.src
        src.pos = src.base + src.m.end()
        el = self.new_block_el("header", None, None, {"level": level, "raw_text": text})
        self.add_text(text, el)
        if ident:
            el.attr["id"] = ident
        self.tree.children.append(el)

    def parse_setext_header(self) -> bool:
        if not self.after_block_boundary():
            return False
        text, ident = self.parse_header_contents()
        if not text:
            return False
        self.add_header(2 if self.src["level"] == "-" else 1, text, ident)
        return True

    def parse_atx_header(self) -> bool:
        if not self.after_block_boundary():
            return False
        text, ident = self.parse_header_contents()
        new = _CLOSING_HASHES.sub("", text)
        if new != text:
            text = new.rstrip(RUBY_WS0)
        if not text:
            return False
        self.add_header(len(self.src["level"]), text, ident)
        return True

    def parse_atx_header_gfm_quirk(self) -> bool:
        text, ident = self.parse_header_contents()
        new = _CLOSING_HASHES_GFM.sub("", text)
        if new != text:
            text = new.rstrip(RUBY_WS0)
        if not text:
            return False
        self.add_header(len(self.src["level"]), text, ident)
        return True

    def parse_blockquote(self) -> bool:
        src = self.src
        result = src.scan(R["PARAGRAPH_MATCH"])
        result = R["BLOCKQUOTE_START"].sub("", result + src.lines_until(R["LAZY_END"]))
        el = self.new_block_el("blockquote")
        self.tree.children.append(el)
        self.parse_blocks(el, result)
        return True

    def parse_codeblock(self) -> bool:
        data = self.src.scan(R["CODEBLOCK_MATCH"])
        data = re.sub(r"\n( {0,3}[^ \t\n\r\f\v])", r" \1", data)
        data = R["INDENT"].sub("", data)
        self.tree.children.append(self.new_block_el("codeblock", data))
        return True

    def parse_codeblock_fenced(self) -> bool:
        src = self.src
        regex = R["FENCED_CODEBLOCK_MATCH_GFM"] if self.gfm else R["FENCED_CODEBLOCK_MATCH"]
        if not src.check(regex):
            return False
        src.pos = src.base + src.m.end()
        el = self.new_block_el("codeblock", src[5], None, {"fenced": True})
        lang = (src[3] or "").strip(RUBY_WS0)
        if lang:
            el.options["lang"] = lang
            el.attr["class"] = f"language-{src[4]}"
        self.tree.children.append(el)
        return True

    def parse_horizontal_rule(self) -> bool:
        self.src.pos += len(self.src.matched)
        self.tree.children.append(self.new_block_el("hr"))
        return True

    def parse_first_list_line(self, indentation: int, content: str):
        if R["LIST_ITEM_IAL_CHECK"].match(content):
            indentation = 4
        else:
            while _SPACES_TAB.match(content):
                temp = len(content) - len(content.lstrip(" ")) + indentation

                def repl(m, temp=temp):
                    return m.group(1) + " " * (4 - (temp % 4) + (len(m.group(2)) - 1) * 4)
                content = _SPACES_TABS.sub(repl, content, count=1)
            indentation += len(content) - len(content.lstrip(" "))
        content = content.lstrip(RUBY_WS)
        return (content, indentation) + _list_patterns(indentation)

    def parse_list(self) -> bool:
        src = self.src
        if src.check(R["LIST_START_UL"]):
            kind, list_start_re = "ul", R["LIST_START_UL"]
        else:
            kind, list_start_re = "ol", R["LIST_START_OL"]
        lst = self.new_block_el(kind)
        item = None
        content_re = lazy_re = indent_re = None
        indentation = 0
        eob_found = False
        nested_list_found = False
        last_is_blank = False
        while not src.eos():
            if last_is_blank and src.check(R["HR_START"]):
                break
            elif src.scan(R["EOB_MARKER"]):
                eob_found = True
                break
            elif src.scan(list_start_re):
                lst.options.setdefault("first_list_marker", src[1].strip(RUBY_WS0))
                item = Element("li")
                value, indentation, content_re, lazy_re, indent_re = self.parse_first_list_line(len(src[1]), src[2])
                lst.children.append(item)
                m = R["LIST_ITEM_IAL"].match(value)
                if m:
                    self.parse_attribute_list(m.group(1), _ial(item))
                    value = value[: m.start()] + value[m.end():]
                list_start_re = fetch_pattern(kind, indentation)
                nested_list_found = bool(R["LIST_START"].search(value))
                last_is_blank = False
                item.value = [value]
            elif (result := src.scan(content_re) if content_re is not None else None) is not None or \
                    (not last_is_blank and lazy_re is not None and (result := src.scan(lazy_re)) is not None):
                if result[:1] == "\t":
                    result = _LEADING_TABS.sub(_tabs_to_spaces, result, count=1)
                new = indent_re.sub("", result, count=1)
                indentation_found = new != result or indent_re.match(result) is not None
                result = new
                if not nested_list_found and indentation_found and R["LIST_START"].search(result):
                    item.value.append("")
                    nested_list_found = True
                elif nested_list_found and not indentation_found and R["LIST_START"].search(result):
                    result = " " * (indentation + 4) + result
                item.value[-1] += result
                last_is_blank = False
            elif (result := src.scan(R["BLANK_LINE"])) is not None:
                nested_list_found = True
                last_is_blank = True
                item.value[-1] += result
            else:
                break
        self.tree.children.append(lst)

        last = None
        items = lst.children
        for it in items:
            temp = Element("temp")
            saved = self.save_env()
            for val in it.value:
                self.src = Scanner(val)
                self.parse_blocks(temp)
            self.restore_env(saved)
            it.children = temp.children
            it.value = None
            ch = it.children
            if not ch:
                continue
            if ch[0].type == "p" and len(ch) >= 2 and ch[1].type == "eob" and ch[0].options.get("ial"):
                del ch[1]
            if ch[0].type == "p" and \
                    (len(ch) < 2 or ch[1].type != "blank" or (it is items[-1] and len(ch) == 2 and not eob_found)) and \
                    (items[-1] is not it or len(items) == 1 or
                     any(not c.children or c.children[0].type != "p" or c.children[0].options.get("transparent")
                         for c in items[:-1])):
                if len(ch) > 1 and ch[1].type != "blank":
                    ch[0].children[0].value += "\n"
                ch[0].options["transparent"] = True
            last = ch.pop() if ch[-1].type == "blank" else None
        if last is not None and not eob_found:
            self.tree.children.append(last)
        if self.gfm:
            self._gfm_task_list()
        return True

    def _gfm_task_list(self) -> None:
        current = [e for e in self.tree.children if e.type in ("ul", "ol")][-1]
        is_tasklist = False
        unchecked_box = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />'
        checked_box = ('<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" '
                       'checked="checked" />')
        for li in current.children:
            ch = li.children
            if not ch or ch[0].type != "p":
                continue
            desc = ch[0].children[0]
            v, n1 = _TASK_UNCHECKED.subn(unchecked_box, desc.value)
            v, n2 = _TASK_CHECKED.subn(checked_box, v)
            desc.value = v
            is_tasklist = is_tasklist or bool(n1 or n2)
            if is_tasklist:
                li.attr["class"] = "task-list-item"
        if is_tasklist:
            current.attr["class"] = "task-list"

    def parse_definition_list(self) -> bool:
        children = self.tree.children
        if not children or (len(children) == 1 and children[-1].type != "p") or \
                (len(children) >= 2 and children[-1].type != "p" and
                 (children[-1].type != "blank" or children[-1].value != "\n" or children[-2].type != "p")):
            return False
        src = self.src
        first_as_para = False
        deflist = self.new_block_el("dl")
        para = children.pop()
        if para.type == "blank":
            para = children.pop()
            first_as_para = True
        for term in para.children[0].value.split("\n"):
            el = Element("dt")
            m = R["LIST_ITEM_IAL"].match(term)
            if m:
                self.parse_attribute_list(m.group(1), _ial(el))
                term = term[: m.start()] + term[m.end():]
            el.options["raw_text"] = term
            el.children.append(Element("raw_text", term))
            deflist.children.append(el)
        deflist.options["ial"] = para.options.get("ial")  # replaces a block IAL new_block_el attached
        item = None
        content_re = lazy_re = indent_re = None
        def_start_re = R["DEFINITION_LIST_START"]
        last_is_blank = False
        while not src.eos():
            if src.scan(def_start_re):
                item = Element("dd")
                item.options["first_as_para"] = first_as_para
                value, indentation, content_re, lazy_re, indent_re = self.parse_first_list_line(len(src[1]), src[2])
                deflist.children.append(item)
                m = R["LIST_ITEM_IAL"].match(value)
                if m:
                    self.parse_attribute_list(m.group(1), _ial(item))
                    value = value[: m.start()] + value[m.end():]
                item.value = value
                def_start_re = fetch_pattern("dl", indentation)
                first_as_para = False
                last_is_blank = False
            elif src.check(R["EOB_MARKER"]):
                break
            elif (result := src.scan(content_re) if content_re is not None else None) is not None or \
                    (not last_is_blank and lazy_re is not None and (result := src.scan(lazy_re)) is not None):
                if result[:1] == "\t":
                    result = _LEADING_TABS.sub(_tabs_to_spaces, result, count=1)
                result = indent_re.sub("", result, count=1)
                item.value += result
                first_as_para = False
                last_is_blank = False
            elif (result := src.scan(R["BLANK_LINE"])) is not None:
                first_as_para = True
                item.value += result
                last_is_blank = True
            else:
                break
        last = None
        for it in deflist.children:
            if it.type == "dt":
                continue
            self.parse_blocks(it, it.value)
            it.value = None
            ch = it.children
            if not ch:
                continue
            last = ch.pop() if ch[-1].type == "blank" else None
            fap = it.options.pop("first_as_para", False)
            if ch and ch[0].type == "p" and not fap:
                if len(ch) > 1:
                    ch[0].children[0].value += "\n"
                ch[0].options["transparent"] = True
        children = self.tree.children
        if children and children[-1].type == "dl":
            children[-1].children.extend(deflist.children)
        elif len(children) >= 2 and children[-1].type == "blank" and children[-2].type == "dl":
            children.pop()
            children[-1].children.extend(deflist.children)
        else:
            children.append(deflist)
        if last is not None:
            children.append(last)
        return True

    # HTML ----------------------------------------------------------------
    def parse_html_attributes(self, text: str, in_html_tag: bool = True) -> dict:
        attrs: dict = {}
        for m in R["HTML_ATTRIBUTE_RE"].finditer(text):
            name = m.group(1)
            if in_html_tag:
                name = name.lower()
            val = m.group(2) if m.group(2) is not None else m.group(4)
            attrs[name] = val if val is not None else ""
        return attrs

    def handle_html_start_tag(self, handler) -> None:
        src = self.src
        name = src[1]
        if name.lower() in P.HTML_ELEMENT:
            name = name.lower()
        closed = src[4] is not None
        attrs = self.parse_html_attributes(src[2], name in P.HTML_ELEMENT)
        el = Element("html_element", name, attrs, {"category": "block"})
        self.tree.children.append(el)
        if not closed and name in P.HTML_ELEMENTS_WITHOUT_BODY:
            closed = True
        if name in ("script", "style"):
            self.handle_raw_html_tag(name)
            handler(el, False, False)
        else:
            handler(el, closed, True)

    def handle_raw_html_tag(self, name: str) -> None:
        src = self.src
        curpos = src.pos
        if src.scan_until(re.compile(rf"(?=</{re.escape(name)}[ \t\n\r\f\v]*>)", re.I)) is not None:
            self.add_text(src.string[curpos:src.pos], self.tree.children[-1], "raw")
            src.scan(R["HTML_TAG_CLOSE_RE"])
        else:
            self.add_text(src.rest(), self.tree.children[-1], "raw")
            src.pos = len(src.string)

    def parse_raw_html(self, el: Element, handler) -> None:
        self.stack.append(self.tree)
        self.tree = el
        src = self.src
        done = False
        string = src.string
        while not src.eos() and not done:
            result = src.scan_until(_HTML_RAW_START)
            if result is not None:
                self.add_text(result, self.tree, "text")
                # kramdown tries comment, instruction, tag, closing tag; the character after
                # the `<` rules out all but one of them (`!`, `?`, `/`, else a name)
                after = string[src.pos + 1: src.pos + 2]
                if after == "!" and (result := src.scan(R["HTML_COMMENT_RE"])) is not None:
                    self.tree.children.append(Element("xml_comment", result, None, {"category": "block"}))
                elif after == "?" and (result := src.scan(R["HTML_INSTRUCTION_RE"])) is not None:
                    self.tree.children.append(Element("xml_pi", result, None, {"category": "block"}))
                elif after not in _NOT_A_NAME and src.scan(R["HTML_TAG_RE"]) is not None:
                    self.handle_html_start_tag(handler)
                elif after == "/" and src.scan(R["HTML_TAG_CLOSE_RE"]) is not None:
                    closing = src[1].lower() if self.tree.value in P.HTML_ELEMENT else src[1]
                    if self.tree.value == closing:
                        done = True
                    else:
                        self.add_text(src.matched, self.tree, "text")
                else:
                    self.add_text(src.getch(), self.tree, "text")
            else:
                self.add_text(src.rest(), self.tree, "text")
                src.pos = len(src.string)
                done = True
        self.tree = self.stack.pop()

    def handle_kramdown_html_tag(self, el: Element, closed: bool, handle_body: bool) -> None:
        src = self.src
        if self.block_ial is not None:
            el.options["ial"] = self.block_ial
            self.block_ial = None
        if self.tree.type != "html_element" or self.tree.options.get("content_model") != "raw":
            model = P.content_model(el.value) if self.options.get("parse_block_html") else "raw"
        else:
            model = "raw"
        val = _MARKDOWN_ATTR.get(el.attr.pop("markdown", None)) if "markdown" in el.attr else None
        if val:
            model = P.content_model(el.value) if val == "default" else val
        if model == "block":
            src.scan(R["TRAILING_WHITESPACE"])
        el.options["content_model"] = model
        el.options["is_closed"] = closed
        if not closed and handle_body:
            if model == "block":
                if not self.parse_blocks(el):
                    self.warning(f"Found no end tag for '{el.value}' - auto-closing it")
            elif model == "span":
                curpos = src.pos
                if src.scan_until(re.compile(rf"(?=</{re.escape(el.value)}[ \t\n\r\f\v]*>)", re.I | re.S)) is not None:
                    self.add_text(src.string[curpos:src.pos], el)
                    src.scan(R["HTML_TAG_CLOSE_RE"])
                else:
                    self.add_text(src.rest(), el)
                    src.pos = len(src.string)
            else:
                self.parse_raw_html(el, self.handle_kramdown_html_tag)
            if not (self.tree.type == "html_element" and self.tree.options.get("content_model") == "raw"):
                src.scan(R["TRAILING_WHITESPACE"])

    def parse_block_html(self) -> bool:
        src = self.src
        if (result := src.scan(R["HTML_COMMENT_RE"])) is not None:
            self.tree.children.append(Element("xml_comment", result, None, {"category": "block"}))
            src.scan(R["TRAILING_WHITESPACE"])
            return True
        if src.check(R["HTML_BLOCK_TAG"]) and src[1].lower() not in P.HTML_SPAN_ELEMENTS:
            src.pos = src.base + src.m.end()
            self.handle_html_start_tag(self.handle_kramdown_html_tag)
            if self.options.get("html_to_native"):
                html_native.convert(self.tree.children[-1])
            return True
        if src.check(R["HTML_BLOCK_CLOSE"]) and src[1].lower() not in P.HTML_SPAN_ELEMENTS:
            name = src[1].lower()
            if self.tree.type == "html_element" and self.tree.value == name:
                src.pos = src.base + src.m.end()
                raise StopBlockParsing
            return False
        return False

    # math, tables, definitions, extensions -----------------------------------
    def parse_block_math(self) -> bool:
        src = self.src
        if not self.after_block_boundary():
            return False
        if src[1]:
            if src[3]:
                src.scan(R["MATH_ESCAPE"])
            return False
        saved = src.pos
        m, base = src.m, src.base
        src.pos = base + m.end()
        data = m.group(2).strip(RUBY_WS0)
        if self.before_block_boundary():
            self.tree.children.append(self.new_block_el("math", data, None, {"category": "block"}))
            return True
        src.pos = saved
        return False

    def parse_table(self) -> bool:
        if not self.after_block_boundary():
            return False
        src = self.src
        saved = orig_pos = src.pos
        table = self.new_block_el("table", None, None, {"alignment": []})
        m = src.check(R["TABLE_LINE"])
        leading_pipe = bool(re.match(r"^[ \t\n\r\f\v]*\|", m.group(0))) if m else False
        src.scan(R["TABLE_SEP_LINE"])
        rows: list = []
        has_footer = False
        columns = 0

        def add_container(kind, force):
            nonlocal rows
            if not has_footer or kind != "tbody" or force:
                cont = Element(kind)
                cont.children, rows = rows, []
                table.children.append(cont)

        while not src.eos():
            if not src.check(R["TABLE_LINE"]):
                break
            if src.scan(R["TABLE_SEP_LINE"]) is not None:
                if not rows:
                    pass
                elif not table.options["alignment"] and not has_footer:
                    sep = src[1]
                    add_container("thead", False)
                    aligns = []
                    for left, right in R["TABLE_HSEP_ALIGN"].findall(sep):
                        if not left and not right:
                            aligns.append("default")
                        elif not right:
                            aligns.append("left")
                        elif not left:
                            aligns.append("right")
                        else:
                            aligns.append("center")
                    table.options["alignment"] = aligns
                else:
                    add_container("tbody", False)
            elif src.scan(R["TABLE_FSEP_LINE"]) is not None:
                if rows:
                    add_container("tbody", True)
                has_footer = True
            elif src.scan(R["TABLE_ROW_LINE"]) is not None:
                trow = Element("tr")
                line = src[1]
                cells: list[str] = []
                saved_env = self.save_env()
                for i, piece in enumerate(re.split(r"(<code.*?>.*?</code>)", line)):
                    if i % 2 == 1:
                        if cells:
                            cells[-1] += piece
                        else:
                            cells.append(piece)
                        continue
                    self.reset_env(Scanner(piece), "raw_text")
                    root = Element("root")
                    self.parse_spans(root, None, ["codespan"])
                    for c in root.children:
                        if c.type == "raw_text":
                            f, *rest = [t.replace("\\|", "|") for t in re.split(r"(?<!\\)\|", c.value)]
                            if cells:
                                cells[-1] += f
                            else:
                                cells.append(f)
                            cells.extend(rest)
                        else:
                            runs = re.findall(r"`+", c.value)
                            delim = (max(runs) if runs else "") + "`"
                            sp = " " if len(delim) > 1 else ""
                            tmp = f"{delim}{sp}{c.value}{sp}{delim}"
                            if cells:
                                cells[-1] += tmp
                            else:
                                cells.append(tmp)
                self.restore_env(saved_env)
                if leading_pipe and cells and not cells[0].strip(RUBY_WS0):
                    cells.pop(0)
                if cells and not cells[-1].strip(RUBY_WS0):
                    cells.pop()
                for cell_text in cells:
                    tcell = Element("td")
                    tcell.children.append(Element("raw_text", cell_text.strip(RUBY_WS0)))
                    trow.children.append(tcell)
                columns = max(columns, len(cells))
                rows.append(trow)
            else:
                break
        if not self.before_block_boundary():
            src.pos = saved
            return False
        # kramdown re-checks that every line really has a pipe outside code spans
        saved_env = self.save_env()
        self.reset_env(Scanner(src.string[orig_pos:src.pos - 1]), "raw_text")
        root = Element("root")
        self.parse_spans(root, None, ["codespan", "span_html"])
        self.restore_env(saved_env)
        pipe_on_line = False
        for c in root.children:
            lines_v = c.value
            if not lines_v or not isinstance(lines_v, str):
                continue
            lines = lines_v.split("\n")
            while lines and lines[-1] == "":
                lines.pop()  # Ruby's String#split drops trailing empty fields
            if c.type == "codespan":
                if len(lines) > 2 or (len(lines) == 2 and not pipe_on_line):
                    break
                elif len(lines) == 2 and pipe_on_line:
                    pipe_on_line = False
            else:
                if len(lines) > 1 and not pipe_on_line and not R["TABLE_PIPE_LINE"].match(lines[0]):
                    break
                last_line = lines[-1] if lines else ""
                pipe_on_line = (False if len(lines) > 1 else pipe_on_line) or \
                    bool(R["TABLE_PIPE_LINE"].match(last_line))
        if not pipe_on_line:
            src.pos = saved
            return False
        if rows:
            add_container("tfoot" if has_footer else "tbody", False)
        if not any(el.type == "tbody" for el in table.children):
            self.warning("Found table without body - ignoring it")
            src.pos = saved
            return False
        for kind in table.children:
            for row in kind.children:
                for _ in range(columns - len(row.children)):
                    row.children.append(Element("td"))
        al = table.options["alignment"]
        if len(al) > columns:
            table.options["alignment"] = al[:columns]
        else:
            table.options["alignment"] = al + ["default"] * (columns - len(al))
        self.tree.children.append(table)
        return True

    def parse_footnote_definition(self) -> bool:
        src = self.src
        m = src.m
        src.pos = src.base + m.end()
        name = m.group(1)
        el = Element("footnote_def")
        self.parse_blocks(el, R["INDENT"].sub("", m.group(2)))
        self.tree.children.append(self.new_block_el("eob", "footnote_def"))
        self.footnotes[name] = {"content": el, "eob": self.tree.children[-1]}
        return True

    def parse_link_definition(self) -> bool:
        src = self.src
        m = src.m
        if m.group(3) and re.search(r"[ \t]+[\"']", m.group(3)):
            return False
        src.pos = src.base + m.end()
        link_id = normalize_link_id(m.group(1))
        url = m.group(2) if m.group(2) is not None else m.group(3)
        self.tree.children.append(self.new_block_el("eob", "link_def"))
        self.link_defs[link_id] = [url, m.group(5), self.tree.children[-1]]
        return True

    def parse_abbrev_definition(self) -> bool:
        src = self.src
        m = src.m
        src.pos = src.base + m.end()
        abbrev_id, text = m.group(1), m.group(2).strip(RUBY_WS0)
        self.tree.children.append(self.new_block_el("eob", "abbrev_def"))
        self.root.options["abbrev_defs"][abbrev_id] = text
        self.root.options["abbrev_attr"][abbrev_id] = self.tree.children[-1]
        return True

    def correct_abbreviations_attributes(self) -> None:
        attrs = self.root.options["abbrev_attr"]
        for k in list(attrs):
            attrs[k] = attrs[k].attr

    def replace_abbreviations(self, el: Element, regexps=None) -> None:
        defs = self.root.options["abbrev_defs"]
        if not defs:
            return
        if regexps is None:
            keys = sorted(defs, key=len, reverse=True)
            alts = "|".join(re.escape(k) for k in keys)
            first = re.compile(f"(?:{alts})")
            regexps = (first, re.compile(rf"(?=(?:[^A-Za-z0-9_]|^){first.pattern}(?![A-Za-z0-9_]))", re.M))
        out = []
        for child in el.children:
            if child.type == "text" and el.options.get("content_model") != "raw":
                if regexps[0].search(child.value):
                    sc = Scanner(child.value)
                    while (temp := sc.scan_until(regexps[1])) is not None:
                        abbr = sc.scan(regexps[0])
                        if abbr is None:
                            temp += sc.scan(re.compile(r"[^A-Za-z0-9_]|^", re.M)) or ""
                            abbr = sc.scan(regexps[0]) or ""
                        out.append(Element("text", temp))
                        out.append(Element("abbreviation", abbr))
                    out.append(Element("text", sc.rest()))
                else:
                    out.append(child)
            else:
                self.replace_abbreviations(child, regexps)
                out.append(child)
        el.children = out

    def parse_block_extensions(self) -> bool:
        src = self.src
        if src.scan(R["ALD_START"]) is not None:
            self.parse_attribute_list(src[2], self.alds.setdefault(src[1], {}))
            self.tree.children.append(self.new_block_el("eob", "ald"))
            return True
        if src.check(R["EXT_BLOCK_START"]):
            return self.parse_extension_start_tag("block")
        if src.scan(R["IAL_BLOCK_START"]) is not None:
            children = self.tree.children
            last = children[-1] if children else None
            if last is not None and last.type != "blank" and \
                    (last.type != "eob" or last.value in ("link_def", "abbrev_def", "footnote_def")):
                self.parse_attribute_list(src[1], _ial(last))
                if not src.check(R["IAL_BLOCK_START"]):
                    children.append(self.new_block_el("eob", "ial"))
            else:
                if self.block_ial is None:
                    self.block_ial = {}
                self.parse_attribute_list(src[1], self.block_ial)
            return True
        return False

    def parse_extension_start_tag(self, kind: str) -> bool:
        src = self.src
        m, base = src.m, src.base
        saved = src.pos
        src.pos = base + m.end()
        matched = m.group(0)

        def error(msg):
            self.warning(msg)
            src.pos = saved
            if kind == "span":
                self.add_text(src.getch())
            return False

        if m.group(4) is not None or matched == "{:/}":
            return error("Invalid extension stop tag")
        ext = m.group(1) or ""  # kramdown's @src[1] may be nil ("{:/}" at a block start); "%s" % nil is ""
        opts: dict = {}
        body = None
        self.parse_attribute_list(m.group(2) or "", opts)
        if m.group(3) is None:
            stop = (P.EXT_BLOCK_STOP_STR if kind == "block" else P.EXT_STOP_STR) % re.escape(ext)
            stop_re = re.compile(stop, re.M)
            result = src.scan_until(stop_re)
            if result is not None:
                body = result[: len(result) - len(src.matched)]
                if kind == "block" and body.endswith("\n"):
                    body = body[:-1]
            else:
                return error(f"No stop tag for extension '{ext}' found - ignoring it")
        if self.handle_extension(ext, opts, body, kind):
            return True
        return error(f"Invalid extension with name '{ext}' specified - ignoring it")

    def handle_extension(self, name: str, opts: dict, body, kind: str) -> bool:
        if name == "comment":
            if isinstance(body, str):
                self.tree.children.append(Element("comment", body, None, {"category": kind}))
            return True
        if name == "nomarkdown":
            if isinstance(body, str):
                self.tree.children.append(Element("raw", body, None, {"category": kind,
                                                                      "type": str(opts.get("type", "")).split()}))
            return True
        if name == "options":
            for k, v in opts.items():
                if k.startswith(":"):
                    continue
                parsed = _parse_option(k, v)
                if parsed is not _UNKNOWN:
                    self.options[k] = parsed
                    self.root.options.setdefault("options", {})[k] = parsed
            if kind == "block":
                self.tree.children.append(self.new_block_el("eob", "extension"))
            return True
        return False

    # ------------------------------------------------------------------ spans
    def save_env(self):
        return (self.src, self.tree, self.block_ial, self.stack, self.text_type)

    def restore_env(self, env) -> None:
        self.src, self.tree, self.block_ial, self.stack, self.text_type = env

    def reset_env(self, src: Scanner | None = None, text_type: str = "raw_text") -> None:
        self.src = src
        self.tree = None
        self.block_ial = None
        self.stack = []
        self.text_type = text_type

    def parse_spans(self, el: Element, stop_re: re.Pattern | None = None, parsers: list[str] | None = None,
                    text_type: str | None = None, stop_check=None) -> bool:
        if self.tree is not None:
            self.stack.append((self.tree, self.text_type))
        self.tree = el
        if text_type is not None:
            self.text_type = text_type
        rules = self.span_rules
        if parsers is None:
            candidates = self.span_candidates
            used_re = rules.all_rules_search(stop_re)
        else:
            candidates = rules.dispatch(parsers).candidates
            used_re = rules.start_search(parsers, stop_re)
        src = self.src
        string = src.string
        end = len(string)
        position = used_re.position
        text_type = self.text_type
        stop_found = False
        # Scanner.scan_until and add_text inlined (this loop runs once per span start); nested
        # span parsers restore self.tree (= el) and self.text_type before they return. (The
        # search's match is never read: the stop check or a rule's start check comes first.)
        while src.pos < end:
            pos = src.pos
            start = position(string, pos)
            if start < 0:
                src.m = None
                if stop_re is None:
                    self.add_text(string[pos:])
                    src.pos = end
                break
            src.pos = start
            if start > pos:
                children = el.children
                if children and children[-1].type == text_type:
                    children[-1].value += string[pos:start]
                else:
                    children.append(Element(text_type, string[pos:start]))
            if stop_re is not None and src.check(stop_re):
                stop_found = stop_check() if stop_check is not None else True
                if stop_found:
                    break
            for regex, func in candidates(string, start):
                if src.check(regex):
                    func(self)
                    break
            else:
                self.add_text(src.getch())
        if self.stack:
            self.tree, self.text_type = self.stack.pop()
        else:
            self.tree = None
        return stop_found

    def _in_stack(self, types) -> bool:
        for t, _ in self.stack:
            if t is not None and t.type in types:
                return True
        return False

    def parse_emphasis(self) -> None:
        src = self.src
        saved = src.pos
        m = src.m  # the dispatch's match of the start pattern (EMPHASIS_START) at `pos`
        start = src.base + m.start()
        src.pos = src.base + m.end()
        result = m.group(0)
        element = "strong" if len(result) == 2 else "em"
        kind = result[0]
        string = src.string
        # kramdown tests `pre_match =~ /[[:alpha:]]-?[[:alpha:]]*\z/`, which only the last two
        # characters before the delimiter can decide (copying the whole prefix was quadratic),
        # and `@src.check(/\s/)`, a whitespace character next
        if (kind == "_" and _WORD_END.search(string[max(start - 2, 0):start])) or \
                _is_space(string[src.pos: src.pos + 1]) or self.tree.type == element or self._in_stack((element,)):
            self.add_text(result)
            return

        def sub_parse(delim, elem):
            el = Element(elem)
            stop_re, double, alnum = _emphasis_patterns(delim)
            if self._plain_emphasis(el, stop_re, double if elem == "em" else None, alnum if kind == "_" else None):
                return True, el, stop_re

            def check():
                at = src.base + src.m.start()
                before = src.string[at - 1:at] if at > 0 else ""
                return (not _is_space(before)) and \
                    (elem != "em" or not src.check(double)) and \
                    (kind != "_" or not src.check(alnum)) and bool(el.children)
            found = self.parse_spans(el, stop_re, stop_check=check)
            return found, el, stop_re

        found, el, stop_re = sub_parse(result, element)
        if not found and element == "strong" and self.tree.type != "em":
            src.pos = saved + 1
            found, el, stop_re = sub_parse(kind, "em")
        if found:
            el.options["char"] = kind
            src.scan(stop_re)
            self.tree.children.append(el)
        else:
            src.pos = saved + len(result)
            self.add_text(result)

    def _plain_emphasis(self, el: Element, stop_re: re.Pattern, double, alnum) -> bool:
        """What `parse_spans(el, stop_re, stop_check=check)` does when the next span start is a
        closing delimiter that passes the check and only text comes before it — most emphasis —
        done in one step; False (nothing changed) when it is not that case."""
        src = self.src
        string, pos = src.string, src.pos
        q = self.span_rules.all_rules_search(stop_re).position(string, pos)
        if q <= pos or stop_re.match(string, q) is None or _is_space(string[q - 1]) or \
                (double is not None and double.match(string, q)) or (alnum is not None and alnum.match(string, q)):
            return False
        el.children.append(Element(self.text_type, string[pos:q]))
        src.pos = q
        return True

    def parse_codespan(self) -> None:
        src = self.src
        result = src.scan(R["CODESPAN_DELIMITER"])
        simple = len(result) == 1
        saved = src.pos
        start = src.base + src.m.start()
        if simple and (start == 0 or _is_space(src.string[start - 1:start])) and src.check(_WS):
            self.add_text(result)
            return
        text = src.scan_until(re.compile(re.escape(result)))
        if text is not None:
            text = text[: -len(result)]
            if not simple:
                if text[:1] == " ":
                    text = text[1:]
                if text[-1:] == " ":
                    text = text[:-1]
            self.tree.children.append(Element("codespan", text, None, {"codespan_delimiter": result}))
        else:
            src.pos = saved
            self.add_text(result)

    def parse_autolink(self) -> None:
        src = self.src
        m = src.m
        src.pos = src.base + m.end()
        href = f"mailto:{m.group(1)}" if m.group(2) is None else m.group(1)
        el = Element("a", None, {"href": href})
        self.add_text(re.sub(r"^mailto:", "", m.group(1), count=1), el)
        self.tree.children.append(el)

    def parse_span_html(self) -> None:
        src = self.src
        if (result := src.scan(R["HTML_COMMENT_RE"])) is not None:
            self.tree.children.append(Element("xml_comment", result, None, {"category": "span"}))
        elif (result := src.scan(R["HTML_TAG_CLOSE_RE"])) is not None:
            self.add_text(result)
        elif (result := src.scan(R["HTML_TAG_RE"])) is not None:
            m = src.m
            tag_name = m.group(1)
            if tag_name.lower() in P.HTML_ELEMENT:
                tag_name = tag_name.lower()
            if tag_name in P.HTML_BLOCK_ELEMENTS:
                self.add_text(result)
                return
            attrs = self.parse_html_attributes(m.group(2), tag_name in P.HTML_ELEMENT)
            for k, v in attrs.items():
                if v:
                    attrs[k] = re.sub(r"\n+", " ", v)
            if P.content_model(tag_name) == "raw" or self.tree.options.get("content_model") == "raw":
                do_parsing = False
            else:
                do_parsing = self.options.get("parse_span_html", True)
            if "markdown" in attrs:
                val = _MARKDOWN_ATTR.get(attrs.pop("markdown"))
                if val == "span":
                    do_parsing = True
                elif val == "default":
                    do_parsing = P.content_model(tag_name) != "raw"
                elif val == "raw":
                    do_parsing = False
            closed = m.group(4) is not None
            el = Element("html_element", tag_name, attrs, {"category": "span",
                                                           "content_model": "span" if do_parsing else "raw",
                                                           "is_closed": closed})
            self.tree.children.append(el)
            stop_re = re.compile(rf"</{re.escape(tag_name)}[ \t\n\r\f\v]*>",
                                 re.I if tag_name in P.HTML_ELEMENT else 0)
            if not closed and tag_name not in P.HTML_ELEMENTS_WITHOUT_BODY:
                if self.parse_spans(el, stop_re, None if do_parsing else ["span_html"]):
                    src.scan(stop_re)
                else:
                    self.add_text(src.rest(), el)
                    src.pos = len(src.string)
            if self.options.get("html_to_native"):
                html_native.convert(el)
        else:
            self.add_text(src.getch())

    def parse_footnote_marker(self) -> None:
        src = self.src
        m = src.m
        src.pos = src.base + m.end()
        name = m.group(1)
        fn = self.footnotes.get(name)
        if fn is not None:
            if "eob" in fn:
                eob = fn.pop("eob")
                self.update_attr_with_ial(eob.attr, eob.options.get("ial") or {})
                fn["attr"] = eob.attr
                fn["options"] = eob.options
            fn.setdefault("marker", [])
            opts = dict(fn["options"])
            opts["name"] = name
            el = Element("footnote", fn["content"], fn["attr"], opts)
            fn["marker"].append(el)
            self.tree.children.append(el)
        else:
            self.add_text(m.group(0))

    def parse_link(self) -> None:
        src = self.src
        result = src.scan(R["LINK_START"])
        cur_pos = src.pos
        saved = src.pos
        link_type = "img" if result.startswith("!") else "a"
        if link_type == "a" and (self.tree.type in ("img", "a") or self._in_stack(("img", "a"))):
            self.add_text(result)
            return
        el = Element(link_type)
        count = 1

        def check():
            nonlocal count
            count += -1 if src[1] else 1
            return count - sum(1 for c in el.children if c.type == "img") == 0

        found = self.parse_spans(el, R["LINK_BRACKET_STOP_RE"], stop_check=check)
        if not found:
            src.pos = saved
            self.add_text(result)
            return
        alt_text = R["ESCAPED_CHARS"].sub(r"\1", src.string[cur_pos:src.pos])
        src.scan(R["LINK_BRACKET_STOP_RE"])
        if src.scan(R["LINK_INLINE_ID_RE"]) is not None or not src.check(_PAREN):
            ref = src[1] if src.m is not None and src.m.re is R["LINK_INLINE_ID_RE"] else None
            link_id = normalize_link_id(ref or alt_text)
            if link_id in self.link_defs:
                url, title, eob = self.link_defs[link_id]
                self.add_link(el, url, title, alt_text, eob.options.get("ial") if eob is not None else None)
            else:
                src.pos = saved
                self.add_text(result)
            return
        link_url = None
        if src.scan(_ANGLE_URL) is not None:
            link_url = src[1]
            if src.scan(_PAREN_CLOSE) is not None:
                self.add_link(el, link_url, None, alt_text)
                return
        else:
            parts = []
            nr = 0
            while (temp := src.scan_until(R["LINK_PAREN_STOP_RE"])) is not None:
                parts.append(temp)
                if src[2]:
                    nr -= 1
                    if nr == 0:
                        break
                elif src[1]:
                    nr += 1
                else:
                    break
            link_url = "".join(parts)[1:-1].strip(" \t\n\r\f\v\0")
            if nr == 0:
                self.add_link(el, link_url, None, alt_text)
                return
        if src.scan(R["LINK_INLINE_TITLE_RE"]) is not None:
            self.add_link(el, link_url, src[2], alt_text)
        else:
            src.pos = saved
            self.add_text(result)

    def add_link(self, el: Element, href, title, alt_text=None, ial=None) -> None:
        if ial:
            el.options["ial"] = ial
            self.update_attr_with_ial(el.attr, ial)
        if el.type == "a":
            el.attr["href"] = href
        else:
            el.attr["src"] = href
            el.attr["alt"] = alt_text
            el.children = []
        if title is not None:
            el.attr["title"] = title
        self.tree.children.append(el)

    def parse_smart_quotes(self) -> None:
        src = self.src
        for regex, substs in SQ_RULES:
            if src.scan(regex) is not None:
                break
        for subst in substs:
            if isinstance(subst, int):
                self.add_text(src[subst])
            else:
                idx = subst[-1]
                group = src[int(idx)] if idx.isdigit() else src[0]
                val = SQ_SUBSTS.get((subst, group), subst)
                self.tree.children.append(Element("smart_quote", val))

    def parse_inline_math(self) -> None:
        src = self.src
        m = src.m
        src.pos = src.base + m.end()
        self.tree.children.append(Element("math", m.group(1).strip(RUBY_WS0), None, {"category": "span"}))

    def parse_span_extensions(self) -> None:
        src = self.src
        if src.check(R["EXT_SPAN_START"]):
            self.parse_extension_start_tag("span")
        elif src.check(R["IAL_SPAN_START"]):
            children = self.tree.children
            last = children[-1] if children else None
            if last is not None and last.type != "text":
                src.pos = src.base + src.m.end()
                attr: dict = {}
                self.parse_attribute_list(src[1], attr)
                self.update_ial_with_ial(_ial(last), attr)
                self.update_attr_with_ial(last.attr, attr)
            else:
                self.add_text(src.getch())
        else:
            self.add_text(src.getch())

    def parse_html_entity(self) -> None:
        src = self.src
        m = src.m
        src.pos = src.base + m.end()
        if m.group(1) is not None:
            cp = NAMES.get(m.group(1))
        elif m.group(2) is not None:
            cp = CP1252.get(int(m.group(2)), int(m.group(2)))
        else:
            n = int(m.group(3), 16)
            cp = CP1252.get(n, n)
        if cp is None:
            self.tree.children.append(Element("entity", ord("&"), None, {}))
            self.add_text(m.group(0)[1:])
        else:
            self.tree.children.append(Element("entity", cp, None, {"original": m.group(0)}))

    def parse_typographic_syms(self) -> None:
        src = self.src
        matched = src.m.group(0)
        src.pos = src.base + src.m.end()
        val = TYPO.get(matched)
        if val is not None:
            self.tree.children.append(Element("typographic_sym", val))
        elif matched == "\\<<":
            self.tree.children.append(Element("entity", ord("<")))
            self.tree.children.append(Element("entity", ord("<")))
        else:
            self.tree.children.append(Element("entity", ord(">")))
            self.tree.children.append(Element("entity", ord(">")))

    def parse_line_break(self) -> None:
        self.tree.children.append(Element("br"))
        self.src.pos = self.src.base + self.src.m.end()

    def parse_escaped_chars(self) -> None:
        src = self.src
        src.pos = src.base + src.m.end()
        self.add_text(src[1])

    def parse_strikethrough_gfm(self) -> None:
        src = self.src
        matched = src.m.group(0)
        src.pos = src.base + src.m.end()
        el = Element("html_element", "del", {}, {"category": "span"})
        self.tree.children.append(el)
        saved = self.save_env()
        self.reset_env(Scanner(matched[2:-2]), "text")
        self.parse_spans(el)
        self.restore_env(saved)


_BLOCK_TYPES = {"blank", "p", "header", "blockquote", "codeblock", "ul", "ol", "li", "dl", "dt", "dd", "table",
                "td", "hr"}  # kramdown's Element::CATEGORY (others by their :category option)
_MARKDOWN_ATTR = {"0": "raw", "1": "default", "span": "span", "block": "block"}
_WS = re.compile(r"[ \t\n\r\f\v]")
_ANY_LINE = re.compile(r".*\n", re.M)
_CRLF = re.compile(r"\r\n?")
_NOT_ID_CHAR = re.compile(r"[^\w\- \t]")
_CLOSING_HASHES = re.compile(r"(?<!\\)#+\Z")
_CLOSING_HASHES_GFM = re.compile(r"[\t ]#+\Z")
_SPACES_TAB = re.compile(r"^ *\t")
_SPACES_TABS = re.compile(r"^( *)(\t+)")
_LEADING_TABS = re.compile(r"^(\t+)")
_TASK_UNCHECKED = re.compile(r"\A[ \t\n\r\f\v]*\[ \][ \t\n\r\f\v]+")
_TASK_CHECKED = re.compile(r"\A[ \t\n\r\f\v]*\[[xX]\][ \t\n\r\f\v]+")
_WS_RUN = re.compile(r"[ \t\n\r\f\v]+")


def _tabs_to_spaces(m: re.Match) -> str:
    return " " * 4 * len(m.group(1))
_WORD_END = re.compile(r"[^\W\d_]-?[^\W\d_]*\Z")
_EMPHASIS: dict[str, tuple] = {}


def _emphasis_patterns(delim: str) -> tuple:
    """(closing delimiter, doubled delimiter, delimiter before an alphanumeric) for emphasis."""
    found = _EMPHASIS.get(delim)
    if found is None:
        found = _EMPHASIS[delim] = (re.compile(re.escape(delim)),
                                    re.compile(re.escape(delim * 2) + "(?!" + re.escape(delim) + ")"),
                                    re.compile(re.escape(delim) + r"[^\W_]"))
    return found
_PAREN = re.compile(r"\(")
_PAREN_CLOSE = re.compile(r"\)")
_ANGLE_URL = re.compile(r"\(<(.*?)>")
_UNKNOWN = object()


def _raw_text(el: Element, parts: list[str]) -> None:
    """kramdown's raw text of a header/term: its text elements (module-level, not a recursive
    closure: those are reference cycles left to the cyclic collector)."""
    if el.type == "text":
        parts.append(el.value)
    else:
        for c in el.children:
            _raw_text(c, parts)


_GFM_TYPO_TEXT = {"laquo_space": "«\u00a0", "raquo_space": "\u00a0»"}


def _gfm_raw_text(el: Element, parts: list[str]) -> None:
    """kramdown-parser-gfm's raw text: also code, math, entities and typographic characters."""
    t = el.type
    if t in ("text", "codespan", "math"):
        parts.append(el.value)
    elif t == "entity":
        parts.append(chr(el.value))
    elif t == "smart_quote":
        parts.append(chr(NAMES[el.value]))
    elif t == "typographic_sym":
        parts.append(_GFM_TYPO_TEXT.get(el.value) or chr(NAMES[el.value]))
    else:
        for c in el.children:
            _gfm_raw_text(c, parts)


def _ial(el: Element) -> dict:
    """Ruby's `el.options[:ial] ||= {}` (an explicit nil counts as unset)."""
    ial = el.options.get("ial")
    if ial is None:
        ial = el.options["ial"] = {}
    return ial


def _is_space(ch: str) -> bool:
    return ch != "" and ch in " \t\n\r\f\v"


def normalize_link_id(text: str) -> str:
    return _WS_RUN.sub(" ", text).lower()


_BOOL_OPTS = {"auto_ids", "parse_block_html", "parse_span_html", "html_to_native", "hard_wrap",
              "transliterated_header_ids", "footnote_backlink_inline", "remove_block_html_tags",
              "remove_span_html_tags", "auto_id_stripping", "enable_coderay", "gfm_emojis", "remove_line_breaks_for_cjk"}
_INT_OPTS = {"footnote_nr", "header_offset"}
_STR_OPTS = {"auto_id_prefix", "footnote_prefix", "footnote_backlink", "entity_output", "math_engine",
             "syntax_highlighter", "smart_quotes", "toc_levels", "template", "typographic_symbols",
             "link_defs", "syntax_highlighter_opts", "math_engine_opts", "gfm_quirks", "latex_headers",
             "line_width", "list_indent", "coderay", "forbidden_inline_options"}


def str_to_sym(value):
    """kramdown's Options.str_to_sym for Symbol options (`:symbolic`, `nil`, ``)."""
    if value is None or value is False:
        return None
    text = str(value).strip(RUBY_WS0)
    if text.startswith(":"):
        text = text[1:]
    return None if text in ("", "nil") else text


_SYM_OPTS = {"entity_output", "syntax_highlighter", "math_engine"}


def _parse_option(key: str, value: str):
    """`{::options key="value" /}`: kramdown's option parsing for the options that matter here."""
    if key in _SYM_OPTS:
        return str_to_sym(value)
    if key in _BOOL_OPTS:
        return value.strip(RUBY_WS0).lower() not in ("false", "", "nil")
    if key in _INT_OPTS:
        try:
            return int(value)
        except ValueError:
            return _UNKNOWN
    if key in ("syntax_highlighter_opts", "math_engine_opts", "typographic_symbols"):
        from jekyllpy import yaml11  # kramdown parses these with YAML (Psych)
        try:
            loaded = yaml11.load(value.replace("\\}", "}"))
        except Exception:
            return _UNKNOWN
        return loaded if isinstance(loaded, dict) else _UNKNOWN
    if key in _STR_OPTS:
        return value
    return _UNKNOWN
