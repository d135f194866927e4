r"""Rouge's `RegexLexer` run loop as a Pygments lexer, for lexers whose rules need more than
Pygments' declarative `RegexLexer` offers (callbacks that look up word lists, push states and
keep their own registers, as Rouge's Python lexer does).

What it reproduces of Rouge 3.30 (lib/rouge/regex_lexer.rb):
- at each position the current state's rules are tried in order, each anchored at the
  position with Ruby StringScanner semantics: the regex sees the text as if it began at the
  position (`^` and `\A` hold there, look-behind sees nothing before it, `\b` there means
  "a word character follows"). `Rule` rewrites those constructs at the start of a pattern
  into their meaning at the position, so most rules match the whole text in place; the few
  with such constructs further in match a copy of the text from the position on;
- a rule whose regex starts with `^` only applies at the beginning of a line;
- a rule's action is a token type (the whole match), a callable `(lexer, match)` that calls
  `token`/`groups`/`push`/`pop`/`recurse`, and an optional next state (`"#pop"`, `"#push"`
  or a name);
- when no rule matches, one character is an `Error` token and the state stays;
- `mixin` (here `("include", name)`) inserts another state's rules in place;
- more than five empty matches in a row count as no match (Rouge's `MAX_NULL_SCANS`): the
  action has run, but one character becomes an `Error` token;
- states made at lex time (Ruby's `%r{…}` strings push an anonymous state built from their
  delimiters) are registered with `define_state` under a name that says how they were built.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

from pygments.lexer import Lexer
from pygments.token import Error



def _group_end(pattern: str, start: int) -> int:
    """The index just after the group opening at `start` (escapes and classes skipped)."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced group in {pattern!r}")


def anchor_at_position(pattern: str) -> str:
    r"""`pattern` with the position-sensitive constructs at its start replaced by what they
    mean at a StringScanner position (the text seen as starting there): `^` and `\A` always
    hold, a negative look-behind always holds, a positive one never does, `\b` means a word
    character follows and `\B` that none does."""
    while True:
        if pattern.startswith("^"):
            pattern = pattern[1:]
        elif pattern.startswith("\\A"):
            pattern = pattern[2:]
        elif pattern.startswith("(?<!"):
            pattern = pattern[_group_end(pattern, 0):]
        elif pattern.startswith("(?<="):  # this alternative never matches (others may)
            return "(?!)" + pattern[_group_end(pattern, 0):]
        elif pattern.startswith("\\b"):
            return "(?=\\w)" + pattern[2:]
        elif pattern.startswith("\\B"):
            return "(?!\\w)" + pattern[2:]
        else:
            return pattern


_POSITIONAL = re.compile(r"\\(.)|\(\?<[=!]|(?<!\[)\^", re.S)


def _position_free(pattern: str) -> bool:
    """True when no construct in `pattern` can look before where the match starts (a `^`
    that negates a class is not an anchor; other escapes are skipped whole)."""
    return all(m.group(1) is not None and m.group(1) not in "AbB" for m in _POSITIONAL.finditer(pattern))


_RUBY_CLASSES = {"w": "a-zA-Z0-9_", "d": "0-9", "s": " \\t\\n\\x0b\\f\\r"}


_NOT_NONSPACE = re.compile(r"\[\^\\S((?:[^\]\\]|\\.)*)\]")


def ruby_classes(pattern: str, kinds: str = "wds") -> str:
    r"""`pattern` with Ruby's ASCII meaning of `\w`, `\d`, `\s` and their negations (Python's
    are Unicode: `é` is `\w`, a no-break space `\s`; in Ruby neither is), for the class
    letters in `kinds`. `\b` keeps its Unicode meaning, as in Ruby."""
    if "s" in kinds:  # `[^\S\n]`: whitespace but a newline
        pattern = _NOT_NONSPACE.sub(lambda m: f"(?:(?![{m.group(1)}])[{_RUBY_CLASSES['s']}])" if m.group(1)
                                    else f"[{_RUBY_CLASSES['s']}]", pattern)
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            e = pattern[i + 1]
            if e.lower() in kinds:
                chars = _RUBY_CLASSES[e.lower()]
                if not in_class:
                    out.append(f"[{chars}]" if e.islower() else f"[^{chars}]")
                elif e.islower():
                    out.append(chars)
                else:
                    raise ValueError(f"negated class escape inside a class: {pattern!r}")
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                out.append("[^")
                i += 2
                if pattern[i:i + 1] == "]":
                    out.append("]")
                    i += 1
                continue
            if pattern[i + 1:i + 2] == "]":
                out.append("[]")
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)


class Rule:
    __slots__ = ("regex", "action", "next_state", "bol", "in_place", "pattern", "flags", "_ascii")

    def __init__(self, pattern: str, action, next_state: str | None = None, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self.bol = pattern.startswith("^")  # Rouge: such a rule is tried only at a line start
        anchored = anchor_at_position(pattern)
        self.regex = re.compile(anchored, flags | re.MULTILINE)
        self.in_place = _position_free(anchored)
        self.action = action
        self.next_state = next_state
        self._ascii = None

    def with_ruby_classes(self, kinds: str) -> "Rule":
        """This rule with Ruby's ASCII `\\w`/`\\d`/`\\s` for `kinds` (made once, kept)."""
        if self._ascii is None:
            self._ascii = Rule(ruby_classes(self.pattern, kinds), self.action, self.next_state, self.flags)
        return self._ascii


def include(name: str) -> tuple[str, str]:
    return ("include", name)


class RougeLexer(Lexer):
    """Subclasses define `states`: {name: [Rule | include(name), ...]} with a "root"."""

    rouge_port = True
    states: dict[str, list] = {}
    start_states: tuple[str, ...] = ()  # Rouge's `start { push :state }`
    # Which of the port's `\w`, `\d`, `\s` stand for Ruby's (ASCII) classes: all three ("wds")
    # when the Rouge lexer has no Unicode classes (`\p{…}`, `[[:alpha:]]`); only "s" when the
    # port wrote such classes with Python's Unicode `\w`/`\d`
    ruby_classes = ""
    _compiled: dict[str, list[Rule]]

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls._compiled = {}
        cls._dynamic: dict[str, list] = {}

    @classmethod
    def define_state(cls, name: str, build: Callable[[], list]) -> str:
        """A state made at lex time (Rouge's `push do … end`), built once per name and kept
        with the class so its regexes compile once."""
        if name not in cls._dynamic:
            cls._dynamic[name] = build()
        return name

    def rules(self, state: str) -> list[Rule]:
        cached = self._compiled.get(state)
        if cached is None:
            cached = []
            for entry in self.states.get(state) or self._dynamic[state]:
                if isinstance(entry, tuple) and entry[0] == "include":
                    cached.extend(self.rules(entry[1]))
                else:
                    cached.append(entry.with_ruby_classes(self.ruby_classes) if self.ruby_classes else entry)
            self._compiled[state] = cached
        return cached

    # ---- what actions call -------------------------------------------------------------
    def token(self, ttype, value: str | None = None) -> None:
        value = self._match.group(0) if value is None else value
        if value:
            self._out.append((self._pos, ttype, value))

    def groups(self, *types) -> None:
        m = self._match
        for i, ttype in enumerate(types, start=1):
            value = m.group(i)
            if value:
                self._out.append((self._pos + m.start(i) - m.start(0), ttype, value))

    def push(self, state: str) -> None:
        self.stack.append(state)

    def goto(self, state: str) -> None:
        """Rouge's `goto`: replace the current state."""
        self.stack[-1] = state

    def in_state(self, state: str) -> bool:
        """Rouge's `state?`: is `state` on top of the stack."""
        return self.stack[-1] == state

    def pop(self, times: int = 1) -> None:
        for _ in range(times):
            if len(self.stack) > 1:
                self.stack.pop()

    def recurse(self, text: str) -> None:
        """Rouge's `recurse`: the text lexed by a fresh lexer of the same language."""
        self.delegate(type(self), text)

    def delegate(self, lexer, text: str | None = None) -> None:
        """Rouge's `delegate`: `text` (default: the whole match) lexed by another lexer — a
        class gets a fresh instance; an instance continues where its last text ended (HTML's
        embedded JavaScript and CSS keep their state across a page's `<script>` pieces)."""
        text = self._match.group(0) if text is None else text
        tokens = lexer(**self.options).get_tokens_unprocessed(text) if isinstance(lexer, type) \
            else lexer.continue_lex(text)
        for index, ttype, value in tokens:
            self._out.append((self._pos + index, ttype, value))

    def restart(self) -> None:
        """Rouge's `reset!`: the start states and a clean per-text state."""
        self.stack = ["root", *self.start_states]
        self.reset()

    def reset(self) -> None:
        """Per-text state a subclass keeps (Rouge keeps it on the lexer instance)."""

    # ---- the run loop ------------------------------------------------------------------
    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, object, str]]:
        self.restart()
        return self.continue_lex(text)

    def continue_lex(self, text: str) -> Iterator[tuple[int, object, str]]:
        """Lex `text` from the current state stack (Rouge's `continue_lex`)."""
        self._out: list = []
        null_steps = 0
        pos, end = 0, len(text)
        tail_pos, tail = 0, text
        while pos < end:
            at_bol = pos == 0 or text[pos - 1] == "\n"
            for rule in self.rules(self.stack[-1]):
                if rule.bol and not at_bol:
                    continue
                if rule.in_place:
                    m, base = rule.regex.match(text, pos), 0
                else:
                    if tail_pos != pos:
                        tail_pos, tail = pos, text[pos:]
                    m, base = rule.regex.match(tail), pos
                if m is None:
                    continue
                self._match, self._pos = m, base + m.start()
                pos = base + m.end()
                action: Callable | object = rule.action
                if callable(action) and not hasattr(action, "split"):
                    action(self, m)
                else:
                    self.token(action)
                if rule.next_state == "#pop":
                    self.pop()
                elif rule.next_state == "#push":  # Rouge's `:push`: the current state again
                    self.push(self.stack[-1])
                elif rule.next_state is not None:
                    self.push(rule.next_state)
                if m.end() > m.start():
                    null_steps = 0
                    break
                null_steps += 1
                if null_steps <= 5:
                    break
                self._out.append((pos, Error, text[pos]))
                pos += 1
            else:
                self._out.append((pos, Error, text[pos]))
                pos += 1
            if self._out:
                yield from self._out
                self._out = []
