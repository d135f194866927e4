"""Ruby Liquid 5.4's expression grammar and its "warn" mode, on python-liquid's tag machinery.

Jekyll runs Liquid with `error_mode: warn`: every tag first tries Liquid's strict parser and,
when that fails, records a warning and re-parses the markup with the old regex-based "lax"
parser, which accepts nearly anything and silently drops what it does not understand
(`{% for x in list | sort %}` loops over `list` unsorted; `{{ x | "text" }}` applies a filter
named `text`'s first word, usually unknown and therefore ignored). python-liquid's own LAX mode
instead drops the whole node, so real themes rendered differently. Here both of Ruby's parsers
are re-implemented (our code, following Liquid 5.4's documented behaviour) and produce
expression objects whose evaluation follows Ruby Liquid's: `VariableLookup` (`size`/`first`/
`last` as commands, `[k, v]` pairs, nil for anything missing), `Condition` (`blank`/`empty`
method literals, `contains`, mixed-type comparisons raising as Ruby raises) and Ruby truthiness.

The tags that parse expressions (output, assign, echo, if/elsif/unless, case/when, for,
tablerow, cycle) are subclasses of python-liquid's tags that only swap the expression parser;
their nodes (and so rendering, blank-block suppression, forloop drops) stay python-liquid's.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Iterable

from liquid.ast import ConditionalBlockNode, IllegalNode
from liquid.builtin.expressions import FilteredExpression, LoopExpression
from liquid.builtin.expressions.arguments import KeywordArgument, PositionalArgument
from liquid.builtin.expressions.filtered import Filter
from liquid.builtin.expressions.primitive import StringLiteral
from liquid.builtin.tags.assign_tag import AssignNode, AssignTag
from liquid.builtin.tags.case_tag import CaseNode, CaseTag, MultiExpressionBlockNode
from liquid.builtin.tags.cycle_tag import CycleNode, CycleTag
from liquid.builtin.tags.echo_tag import EchoNode, EchoTag
from liquid.builtin.tags.for_tag import ForNode, ForTag
from liquid.builtin.tags.if_tag import IfNode, IfTag
from liquid.builtin.tags.tablerow_tag import TablerowNode, TablerowTag
from liquid.builtin.tags.unless_tag import UnlessNode, UnlessTag
from liquid.exceptions import UndefinedError
from liquid.exceptions import LiquidError, LiquidSyntaxError, LiquidTypeError
from liquid.expression import Expression
from liquid.parser import get_parser
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token
from liquid.undefined import Undefined
from liquid.utils import ReadOnlyChainMap

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.stream import TokenStream

A = re.ASCII  # Ruby's \w, \s and \d are ASCII-only
QUOTED_STRING = r"\"[^\"]*\"|'[^']*'"
QUOTED_FRAGMENT = rf"(?:{QUOTED_STRING})|(?:[^\s,|'\"]|{QUOTED_STRING})+"
TAG_ATTRIBUTES = re.compile(rf"(\w[\w-]*)\s*:\s*({QUOTED_FRAGMENT})", A)
_INTEGER = re.compile(r"-?\d+", A)
_FLOAT = re.compile(r"-?\d[\d.]+", A)
_FLOAT_PREFIX = re.compile(r"-?\d+(?:\.\d+)?", A)
_RANGE = re.compile(r"\(\s*(?>(\S+)\s*\.\.)\s*(\S+)\s*\)", A)
_VARIABLE_PARSER = re.compile(r"\[[^\]]+\]|[\w-]+\??", A)
_COMMANDS = ("size", "first", "last")


class RubySyntaxError(Exception):
    """A Ruby-Liquid strict-parser failure; in warn mode it becomes a warning + lax parse."""


# --------------------------------------------------------------------------------------
# expressions
# --------------------------------------------------------------------------------------


class Literal(Expression):
    """A constant: Ruby's `Expression.parse` returned a plain value."""

    __slots__ = ("value", "text")

    def __init__(self, token, value, text: str) -> None:
        self.token = token
        self.value = value
        self.text = text

    def evaluate(self, context):
        return self.value

    def children(self):
        return []

    def __str__(self) -> str:
        return self.text


class RangeLookup(Expression):
    """`(a..b)` with non-literal ends: both converted with Ruby's `to_i` at render time."""

    __slots__ = ("start", "stop", "text")

    def __init__(self, token, start: Expression, stop: Expression, text: str) -> None:
        self.token = token
        self.start, self.stop, self.text = start, stop, text

    def evaluate(self, context):
        return range(_range_int(self.start.evaluate(context)), _range_int(self.stop.evaluate(context)) + 1)

    def children(self):
        return [self.start, self.stop]

    def __str__(self) -> str:
        return self.text


def _range_int(value) -> int:
    if value is None or isinstance(value, Undefined):
        return 0
    if isinstance(value, bool):
        raise LiquidTypeError("invalid integer", token=None)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*[-+]?\d+", value)
        return int(m.group()) if m else 0
    if isinstance(value, float):
        return int(value)
    raise LiquidTypeError("invalid integer", token=None)


class Lookup(Expression):
    """Ruby's `VariableLookup`: `a.b[0].size` resolved as Liquid 5.4 does.

    Hash keys win over commands (`hash.size` is the `size` key when present); `size`,
    `first` and `last` written with a dot (not in brackets) are Ruby method calls; anything
    missing is nil, never an error.
    """

    __slots__ = ("name", "lookups", "commands", "text", "_plain")

    def __init__(self, token, name, lookups: list, commands: int, text: str) -> None:
        self.token = token
        self.name = name
        self.lookups = lookups
        self.commands = commands
        self.text = text
        # `page.title`, `site.data.navigation.main`: a name and keys, no commands or
        # brackets — most lookups in a theme; `evaluate` takes a short path for them.
        self._plain = name.__class__ is str and not commands and all(k.__class__ is str for k in lookups)

    def evaluate(self, context):
        if self._plain:
            obj = _scope_get(context.scope._maps, self.name)
            if obj is not _MISSING and not getattr(context.env, "strict_variables", False):
                for key in self.lookups:
                    obj = obj.get(key) if obj.__class__ is dict else _lookup(obj, key, 0)
                    if obj is None:
                        return None
                if obj.__class__ not in _PLAIN and isinstance(obj, Undefined):
                    return None
                return obj
        return self._evaluate(context)

    def _evaluate(self, context):
        name = self.name
        if name.__class__ is not str:
            if name is None:
                return None
            name = name.evaluate(context)
            if not isinstance(name, str):
                return None
        obj = _scope_get(context.scope._maps, name)
        if obj is _MISSING:
            # `increment`/`decrement` counters live in Ruby's outermost environment, which
            # plain lookups see when no assign of the same name shadows them.
            obj = context.counters.get(name)
            if obj is None and getattr(context.env, "strict_variables", False):
                raise UndefinedError(f"undefined variable {name}", token=self.token)
        strict = getattr(context.env, "strict_variables", False)
        for i, key in enumerate(self.lookups):
            if key.__class__ is not str:
                key = key.evaluate(context)
            command = self.commands & (1 << i)
            if strict and isinstance(obj, Mapping) and not command and key not in obj:
                raise UndefinedError(f"undefined variable {key}", token=self.token)
            obj = _lookup(obj, key, command)
            if obj is None:
                return None
        if obj.__class__ not in _PLAIN and isinstance(obj, Undefined):
            return None
        return obj

    def children(self):
        out = [k for k in self.lookups if isinstance(k, Expression)]
        if isinstance(self.name, Expression):
            out.insert(0, self.name)
        return out

    def __str__(self) -> str:
        return self.text


_MISSING = object()
_PLAIN = frozenset((str, int, float, bool, list, dict, tuple, type(None)))


def _scope_get(maps, name):
    """`context.scope[name]` without python-liquid's ReadOnlyChainMap raising and catching a
    KeyError at every level it misses: an include inside an include inside a layout nests
    chain maps three deep, and those exceptions were ~5% of a Minimal Mistakes build. Same
    order, same answer; `_MISSING` when no map has the name."""
    for mapping in maps:
        cls = mapping.__class__
        if cls is dict:
            value = mapping.get(name, _MISSING)
        elif cls is ReadOnlyChainMap:
            value = _scope_get(mapping._maps, name)
        else:
            try:
                value = mapping[name]
            except KeyError:
                continue
        if value is not _MISSING:
            return value
    return _MISSING


def _lookup(obj, key, command: int):
    if obj.__class__ is dict:  # the common case, without the ABC check below
        try:
            return obj[key]
        except KeyError:
            if not command:
                return None
        except TypeError:
            return None
    if isinstance(obj, Mapping):
        try:
            if key in obj:
                return obj[key]
        except TypeError:
            return None
        if command:
            if key == "size":
                return len(obj)
            if key == "first":
                for k in obj:
                    return [k, obj[k]]
        return None
    if isinstance(obj, (list, tuple)):
        if isinstance(key, int) and not isinstance(key, bool):
            try:
                return obj[key]
            except IndexError:
                return None
        if command:
            if key == "size":
                return len(obj)
            if key == "first":
                return obj[0] if obj else None
            if key == "last":
                return obj[-1] if obj else None
        return None
    if command:
        if isinstance(obj, str):
            return len(obj) if key == "size" else None
        if isinstance(obj, int) and not isinstance(obj, bool):
            return 8 if key == "size" else None  # Integer#size: bytes in a machine word
        if isinstance(obj, range):
            if key == "size":
                return len(obj)
            if not obj:
                return None
            return obj[0] if key == "first" else obj[-1]
    if obj is not None and not isinstance(obj, (str, int, float, date, Undefined)) and hasattr(obj, "__getitem__"):
        try:
            return obj[key]
        except (KeyError, IndexError, TypeError):
            return None
    return None


class MethodLiteral(Expression):
    """`blank` / `empty` on one side of `==`: Ruby calls `blank?`/`empty?` on the other side."""

    __slots__ = ("method",)

    def __init__(self, token, method: str) -> None:
        self.token = token
        self.method = method

    def evaluate(self, context):
        return self

    def children(self):
        return []

    def __str__(self) -> str:
        return self.method


def _call_method_literal(lit: MethodLiteral, value):
    """`value.empty?` / `value.blank?`, or nil when Ruby's value lacks the method.

    Jekyll does not load ActiveSupport, so nothing responds to `blank?`: `x == blank` is
    always false in Jekyll, whatever x is (verified against Jekyll 4.3).
    """
    if lit.method == "empty" and isinstance(value, (str, list, tuple, dict, Mapping)):
        return len(value) == 0
    return None


def parse_expression(markup: str | None, token=None) -> Expression:
    """Ruby's `Expression.parse`: literals by regex, everything else a variable lookup."""
    if markup is None:
        return Literal(token, None, "")
    markup = markup.strip(" \t\r\n\f\v\0")
    if len(markup) >= 2 and markup[0] == markup[-1] and markup[0] in "\"'":
        return Literal(token, markup[1:-1], markup)
    if markup in ("nil", "null", ""):
        return Literal(token, None, markup)
    if markup == "true":
        return Literal(token, True, markup)
    if markup == "false":
        return Literal(token, False, markup)
    if markup in ("blank", "empty"):
        return Literal(token, "", markup)
    if _INTEGER.fullmatch(markup):
        return Literal(token, int(markup), markup)
    m = _RANGE.fullmatch(markup)
    if m:
        start, stop = parse_expression(m.group(1), token), parse_expression(m.group(2), token)
        if isinstance(start, Literal) and isinstance(stop, Literal) and _is_int(start.value) and _is_int(stop.value):
            return Literal(token, range(start.value, stop.value + 1), markup)
        return RangeLookup(token, start, stop, markup)
    if _FLOAT.fullmatch(markup):
        return Literal(token, float(_FLOAT_PREFIX.match(markup).group()), markup)
    return parse_lookup(markup, token)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def parse_lookup(markup: str, token=None) -> Lookup:
    parts = _VARIABLE_PARSER.findall(markup)
    name: Any = parts.pop(0) if parts else None
    if name is not None and name.startswith("[") and name.endswith("]"):
        name = parse_expression(name[1:-1], token)
    lookups: list = []
    commands = 0
    for i, part in enumerate(parts):
        if part.startswith("[") and part.endswith("]"):
            lookups.append(parse_expression(part[1:-1], token))
        else:
            lookups.append(part)
            if part in _COMMANDS:
                commands |= 1 << i
    return Lookup(token, name, lookups, commands, markup)


def parse_condition_operand(markup: str | None, token=None) -> Expression:
    """`Condition.parse_expression`: bare `blank`/`empty` are method literals."""
    if markup in ("blank", "empty"):
        return MethodLiteral(token, markup)
    return parse_expression(markup, token)


# --------------------------------------------------------------------------------------
# Ruby's strict lexer/parser (Liquid::Lexer, Liquid::Parser)
# --------------------------------------------------------------------------------------

_LEXER = re.compile(
    r"\s*(?:(?P<comparison>==|!=|<>|<=?|>=?|contains(?=\s))"
    r"|(?P<string>'[^']*'|\"[^\"]*\")"
    r"|(?P<number>-?\d+(?:\.\d+)?)"
    r"|(?P<id>[a-zA-Z_][\w-]*\??)"
    r"|(?P<dotdot>\.\.)"
    r"|(?P<special>[|.:,\[\]()?-])"
    r"|(?P<other>\S))",
    A,
)
_SPECIALS = {"|": "pipe", ".": "dot", ":": "colon", ",": "comma", "[": "open_square",
             "]": "close_square", "(": "open_round", ")": "close_round", "?": "question", "-": "dash"}
_END = ("end_of_string", "")


def ruby_tokenize(markup: str) -> list[tuple[str, str]]:
    out = []
    pos, n = 0, len(markup)
    while pos < n:
        m = _LEXER.match(markup, pos)
        if m is None:  # only trailing whitespace left
            break
        pos = m.end()
        kind = m.lastgroup
        text = m.group(kind)
        if kind == "special":
            kind = _SPECIALS[text]
        elif kind == "other":
            raise RubySyntaxError(f"Unexpected character {text}")
        out.append((kind, text))
    out.append(_END)
    return out


class RubyParser:
    __slots__ = ("toks", "p")

    def __init__(self, markup: str) -> None:
        self.toks = ruby_tokenize(markup)
        self.p = 0

    def consume(self, kind: str | None = None) -> str:
        tok = self.toks[self.p]
        if kind and tok[0] != kind:
            raise RubySyntaxError(f"Expected {kind} but found {tok[0]}")
        self.p += 1
        return tok[1]

    def consume_q(self, kind: str):
        tok = self.toks[self.p]
        if tok[0] != kind:
            return False
        self.p += 1
        return tok[1]

    def id_q(self, text: str):
        tok = self.toks[self.p]
        if tok[0] != "id" or tok[1] != text:
            return False
        self.p += 1
        return text

    def look(self, kind: str, ahead: int = 0) -> bool:
        i = self.p + ahead
        return i < len(self.toks) and self.toks[i][0] == kind

    def expression(self) -> str:
        kind = self.toks[self.p][0]
        if kind == "id":
            return self.consume() + self.variable_lookups()
        if kind == "open_square":
            s = self.consume() + self.expression() + self.consume("close_square")
            return s + self.variable_lookups()
        if kind in ("string", "number"):
            return self.consume()
        if kind == "open_round":
            self.consume()
            first = self.expression()
            self.consume("dotdot")
            last = self.expression()
            self.consume("close_round")
            return f"({first}..{last})"
        tok = self.toks[self.p]
        shown = f"[:{tok[0]}, {tok[1]!r}]".replace("'", '"') if tok[0] != "end_of_string" else "[:end_of_string]"
        raise RubySyntaxError(f"{shown} is not a valid expression")

    def argument(self) -> str:
        s = ""
        if self.look("id") and self.look("colon", 1):
            s = self.consume() + self.consume() + " "
        return s + self.expression()

    def variable_lookups(self) -> str:
        s = ""
        while True:
            if self.look("open_square"):
                s += self.consume() + self.expression() + self.consume("close_square")
            elif self.look("dot"):
                s += self.consume() + self.consume("id")
            else:
                return s


# --------------------------------------------------------------------------------------
# variables: `{{ … }}`, assign, echo
# --------------------------------------------------------------------------------------

_MARKUP_WITH_QF = re.compile(rf"({QUOTED_FRAGMENT})(.*)", A | re.S)
_FILTER_MARKUP = re.compile(r"\|\s*(.*)", re.S)
_FILTER_PARSER = re.compile(rf"(?:\s+|{QUOTED_FRAGMENT}|,)+", A)
_FILTER_ARGS = re.compile(rf"(?::|,)\s*((?:\w+\s*:\s*)?{QUOTED_FRAGMENT})", A)
_JUST_TAG_ATTRIBUTES = re.compile(rf"(\w[\w-]*)\s*:\s*({QUOTED_FRAGMENT})", A)
_WORD = re.compile(r"\w+", A)


def _strict_variable(markup: str) -> tuple[str | None, list[tuple[str, list[str]]]]:
    p = RubyParser(markup)
    if p.look("end_of_string"):
        return None, []
    name = p.expression()
    filters = []
    while p.consume_q("pipe"):
        fname = p.consume("id")
        args = []
        if p.consume_q("colon"):
            args.append(p.argument())
            while p.consume_q("comma"):
                args.append(p.argument())
        filters.append((fname, args))
    p.consume("end_of_string")
    return name, filters


def _lax_variable(markup: str) -> tuple[str | None, list[tuple[str, list[str]]]]:
    m = _MARKUP_WITH_QF.search(markup)
    if not m:
        return None, []
    filters = []
    fm = _FILTER_MARKUP.search(m.group(2))
    if fm:
        for f in _FILTER_PARSER.findall(fm.group(1)):
            w = _WORD.search(f)
            if not w:
                continue
            filters.append((w.group(), _FILTER_ARGS.findall(f)))
    return m.group(1), filters


def parse_variable(env, markup: str, token) -> FilteredExpression:
    """`Liquid::Variable.new(markup)` in warn mode: strict, else warn and parse lax."""
    try:
        name, filters = _strict_variable(markup)
    except RubySyntaxError as err:
        warn(env, err, f"{{{{ {markup} }}}}", token)
        name, filters = _lax_variable(markup)
    left = parse_expression(name, token)
    built = []
    for fname, args in filters:
        arguments: list = []
        for arg in args:
            kw = _JUST_TAG_ATTRIBUTES.fullmatch(arg)
            if kw:
                arguments.append(KeywordArgument(token, kw.group(1), parse_expression(kw.group(2), token)))
            else:
                arguments.append(PositionalArgument(parse_expression(arg, token)))
        built.append(Filter(token, fname, arguments))
    return FilteredExpression(token, left, built or None)


def warn(env, err: Exception, context: str, token) -> None:
    """Record a Ruby-style parse warning; `LiquidRenderer.parse` logs it with the file name."""
    mode = getattr(env, "liquid_error_mode", "warn")
    if mode == "strict":
        raise LiquidSyntaxError(f"{err} in \"{context.strip()}\"", token=token)
    sink = getattr(env, "parse_warnings", None)
    if sink is not None and mode != "lax":
        sink.append((f"{err} in \"{context.strip()}\"", token))


def _expression_token(stream: TokenStream, tag: Token) -> tuple[str, Token]:
    """The tag's markup and the token to blame in errors (the markup, else the tag name)."""
    if stream.current.kind == TOKEN_EXPRESSION:
        tok = stream.current
        return tok.value, tok
    return "", tag


# --------------------------------------------------------------------------------------
# conditions: if / elsif / unless / case-when
# --------------------------------------------------------------------------------------


class Condition(Expression):
    """Ruby's `Liquid::Condition` chain: `left op right`, then `and`/`or` the next condition.

    Chains associate to the right (`a or b and c` is `a or (b and c)`), as Ruby does.
    `evaluate` returns the Ruby value of the last evaluated condition; `ConditionExpression`
    turns it into a Python bool with Ruby truthiness.
    """

    __slots__ = ("left", "op", "right", "relation", "child")

    def __init__(self, token, left: Expression, op: str | None = None, right: Expression | None = None) -> None:
        self.token = token
        self.left, self.op, self.right = left, op, right
        self.relation: str | None = None
        self.child: Condition | None = None

    def evaluate(self, context):
        cond = self
        while True:
            result = cond._interpret(context)
            rel = cond.relation
            if rel == "or":
                if result is not None and result is not False:
                    return result
            elif rel == "and":
                if result is None or result is False:
                    return result
            else:
                return result
            cond = cond.child

    def _interpret(self, context):
        if self.op is None:
            value = self.left.evaluate(context)
            return None if isinstance(value, Undefined) else value
        left = self.left.evaluate(context)
        right = self.right.evaluate(context) if self.right is not None else None
        op = self.op
        if op == "==":
            return ruby_equal(left, right)
        if op in ("!=", "<>"):
            r = ruby_equal(left, right)
            return r is None or r is False
        if op == "contains":
            return ruby_contains(left, right)
        if op in ("<", ">", "<=", ">="):
            return ruby_compare(op, left, right, self.token)
        raise LiquidError(f"Unknown operator {op}", token=self.token)

    def children(self):
        out = [self.left] + ([self.right] if self.right is not None else [])
        if self.child is not None:
            out.append(self.child)
        return out

    def __str__(self) -> str:
        s = str(self.left) if self.op is None else f"{self.left} {self.op} {self.right}"
        return f"{s} {self.relation} {self.child}" if self.child is not None else s


class ConditionExpression(Expression):
    __slots__ = ("condition",)

    def __init__(self, token, condition: Condition) -> None:
        self.token = token
        self.condition = condition

    def evaluate(self, context) -> bool:
        v = self.condition.evaluate(context)
        return v is not None and v is not False and not isinstance(v, Undefined)

    def children(self):
        return [self.condition]

    def __str__(self) -> str:
        return str(self.condition)


def ruby_equal(left, right):
    if isinstance(left, MethodLiteral):
        return _call_method_literal(left, right)
    if isinstance(right, MethodLiteral):
        return _call_method_literal(right, left)
    if isinstance(left, Undefined):
        left = None
    if isinstance(right, Undefined):
        right = None
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if left is None or right is None:
        return left is right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return left == right
    if type(left) is not type(right) and (isinstance(left, (int, float)) or isinstance(right, (int, float))):
        return False
    try:
        return bool(left == right)
    except Exception:  # noqa: BLE001 - exotic drops
        return False


def ruby_contains(left, right) -> bool:
    if left is None or left is False or right is None or right is False:
        return False
    if isinstance(left, Undefined) or isinstance(right, Undefined) or isinstance(left, MethodLiteral):
        return False
    if isinstance(left, str):
        from jekyllpy.liquid.values import to_ruby_s

        return to_ruby_s(right) in left
    if isinstance(left, Mapping):
        try:
            return right in left
        except TypeError:
            return False
    if isinstance(left, (list, tuple)):
        return any(ruby_equal(item, right) is True for item in left)
    if isinstance(left, range):
        return _is_int(right) and right in left
    return False


_RUBY_CLASS = {int: "Integer", float: "Float", str: "String", datetime: "Time", date: "Date"}


def _ruby_class(v) -> str:
    if v is None:
        return "nil"
    if isinstance(v, bool):
        return "true" if v else "false"
    for t, name in _RUBY_CLASS.items():
        if isinstance(v, t):
            return name
    if isinstance(v, Mapping):
        return "Hash"
    if isinstance(v, (list, tuple)):
        return "Array"
    return type(v).__name__


def ruby_compare(op: str, left, right, token):
    """`left.send(op, right)` when both respond to it (numbers, strings, times), else nil."""
    def comparable(v):
        return isinstance(v, (int, float, str, date)) and not isinstance(v, bool)

    if not (comparable(left) and comparable(right)):
        return None
    ln = isinstance(left, (int, float))
    rn = isinstance(right, (int, float))
    if ln != rn or (not ln and type(left) is not type(right) and not (isinstance(left, date) and isinstance(right, date))):
        from jekyllpy.liquid.values import ruby_inspect

        # Ruby: String#< names the argument with #inspect, Integer#< names its class.
        shown = ruby_inspect(right) if isinstance(left, str) else _ruby_class(right)
        raise LiquidError(f"comparison of {_ruby_class(left)} with {shown} failed", token=token)
    if isinstance(left, float) and math.isnan(left) or isinstance(right, float) and math.isnan(right):
        return False
    try:
        if op == "<":
            return left < right
        if op == ">":
            return left > right
        if op == "<=":
            return left <= right
        return left >= right
    except TypeError:  # naive vs aware datetimes, date vs datetime
        raise LiquidError(f"comparison of {_ruby_class(left)} with {_ruby_class(right)} failed", token=token) from None


_IF_SYNTAX = re.compile(rf"({QUOTED_FRAGMENT})\s*([=!<>a-z_]+)?\s*({QUOTED_FRAGMENT})?", A)
_EXPRESSIONS_AND_OPERATORS = re.compile(
    rf"(?:\b(?:\s?and\s?|\s?or\s?)\b|(?:\s*(?!\b(?:\s?and\s?|\s?or\s?)\b)(?:{QUOTED_FRAGMENT}|\S+)\s*)+)", A
)
IF_SYNTAX_ERROR = "Syntax Error in tag 'if' - Valid syntax: if [expression]"


def _strict_condition(markup: str, token) -> Condition:
    p = RubyParser(markup)

    def comparison() -> Condition:
        a = parse_condition_operand(p.expression(), token)
        op = p.consume_q("comparison")
        if op:
            return Condition(token, a, op, parse_condition_operand(p.expression(), token))
        return Condition(token, a)

    first = cond = comparison()
    while True:
        op = p.id_q("and") or p.id_q("or")
        if not op:
            break
        child = comparison()
        cond.relation, cond.child = op, child
        cond = child
    p.consume("end_of_string")
    return first


def _lax_condition(markup: str, token) -> Condition:
    parts = [m.group() for m in _EXPRESSIONS_AND_OPERATORS.finditer(markup)]

    def cond_from(text: str | None) -> Condition:
        m = _IF_SYNTAX.search(text or "")
        if not m:
            raise LiquidSyntaxError(IF_SYNTAX_ERROR, token=token)
        right = parse_condition_operand(m.group(3), token) if m.group(3) is not None else None
        if m.group(2) and right is None:
            right = parse_expression(None, token)
        return Condition(token, parse_condition_operand(m.group(1), token), m.group(2), right)

    condition = cond_from(parts.pop() if parts else None)
    while parts:
        operator = parts.pop().strip()
        new = cond_from(parts.pop() if parts else None)
        if operator not in ("and", "or"):
            raise LiquidSyntaxError(IF_SYNTAX_ERROR, token=token)
        new.relation, new.child = operator, condition
        condition = new
    return condition


def parse_condition(env, markup: str, token) -> ConditionExpression:
    try:
        cond = _strict_condition(markup, token)
    except RubySyntaxError as err:
        warn(env, err, markup, token)
        cond = _lax_condition(markup, token)
    return ConditionExpression(token, cond)


# --------------------------------------------------------------------------------------
# loops: for / tablerow
# --------------------------------------------------------------------------------------

_FOR_SYNTAX = re.compile(rf"\A([\w-]+)\s+in\s+((?:{QUOTED_FRAGMENT})+)\s*(reversed)?", A)
_TABLEROW_SYNTAX = re.compile(rf"(\w+)\s+in\s+((?:{QUOTED_FRAGMENT})+)", A)
FOR_SYNTAX_ERROR = "Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]"


def _offset_expr(value: str, token) -> Expression:
    if value == "continue":
        return StringLiteral(token=token, value="continue")
    return parse_expression(value, token)


def parse_loop(env, markup: str, token) -> LoopExpression:
    try:
        p = RubyParser(markup)
        var = p.consume("id")
        if not p.id_q("in"):
            raise RubySyntaxError("For loops require an 'in' clause")
        collection = p.expression()
        reversed_ = bool(p.id_q("reversed"))
        attrs: dict[str, str] = {}
        while p.look("id") and p.look("colon", 1):
            attr = p.id_q("limit") or p.id_q("offset")
            if not attr:
                raise RubySyntaxError("Invalid attribute in for loop. Valid attributes are limit and offset")
            p.consume()
            attrs[attr] = p.expression()
        p.consume("end_of_string")
    except RubySyntaxError as err:
        warn(env, err, markup, token)
        m = _FOR_SYNTAX.match(markup)
        if not m:
            raise LiquidSyntaxError(FOR_SYNTAX_ERROR, token=token) from None
        var, collection, reversed_ = m.group(1), m.group(2), bool(m.group(3))
        attrs = {k: v for k, v in TAG_ATTRIBUTES.findall(markup) if k in ("limit", "offset")}
    iterable = parse_expression(collection, token)  # str(iterable) names the loop, as Ruby's
    return LoopExpression(
        token, var, iterable,
        limit=parse_expression(attrs["limit"], token) if "limit" in attrs else None,
        offset=_offset_expr(attrs["offset"], token) if "offset" in attrs else None,
        reversed_=reversed_, cols=None,
    )


def parse_tablerow(env, markup: str, token) -> LoopExpression:
    m = _TABLEROW_SYNTAX.search(markup)
    if not m:
        raise LiquidSyntaxError(
            "Syntax Error in 'table_row loop' - Valid syntax: table_row [item] in [collection] cols=3", token=token
        )
    attrs = dict(TAG_ATTRIBUTES.findall(markup))
    return LoopExpression(
        token, m.group(1), parse_expression(m.group(2), token),
        limit=parse_expression(attrs["limit"], token) if "limit" in attrs else None,
        offset=parse_expression(attrs["offset"], token) if "offset" in attrs else None,
        reversed_=False,
        cols=parse_expression(attrs["cols"], token) if "cols" in attrs else None,
    )


# --------------------------------------------------------------------------------------
# tags
# --------------------------------------------------------------------------------------


class RubyAssignTag(AssignTag):
    """`assign` with Ruby's target syntax (`VariableSignature+ = …`) and warn-mode value."""

    _SYNTAX = re.compile(r"((?:\(?[\w\-.\[\]]\)?)+)\s*=\s*(.*)\s*", A | re.S)

    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        markup, tok = _expression_token(stream, token)
        m = self._SYNTAX.search(markup)
        if not m:
            raise LiquidSyntaxError("Syntax Error in 'assign' - Valid syntax: assign [var] = [source]", token=tok)
        return AssignNode(token, name=m.group(1), expression=parse_variable(self.env, m.group(2), tok))


class RubyEchoTag(EchoTag):
    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        markup, tok = _expression_token(stream, token)
        return EchoNode(token, parse_variable(self.env, markup, tok))


_ENDIF = frozenset(("endif", "elsif", "else", TOKEN_EOF))
_ENDUNLESS = frozenset(("endunless", "elsif", "else", TOKEN_EOF))


def _parse_if_like(tag, stream, end_name: str, block_ends, node_class):
    """Shared by `if` and `unless` (Ruby's `Unless < If`): elsif branches, one else."""
    token = stream.eat(TOKEN_TAG)
    markup, tok = _expression_token(stream, token)
    if stream.current.kind == TOKEN_EXPRESSION:
        next(stream)
    if not markup:
        raise LiquidSyntaxError(IF_SYNTAX_ERROR, token=tok)
    condition = parse_condition(tag.env, markup, tok)
    parse_block = get_parser(tag.env).parse_block
    consequence = parse_block(stream, block_ends)
    alternatives = []
    default = None
    while stream.current.kind == TOKEN_TAG and stream.current.value == "elsif":
        etok = next(stream)
        emarkup, etok = _expression_token(stream, etok)
        if stream.current.kind == TOKEN_EXPRESSION:
            next(stream)
        expr = parse_condition(tag.env, emarkup, etok)
        alt_tok = stream.current
        alternatives.append(ConditionalBlockNode(alt_tok, expression=expr, block=parse_block(stream, block_ends)))
    if stream.current.kind == TOKEN_TAG and stream.current.value == "else":
        next(stream)
        if stream.current.kind == TOKEN_EXPRESSION:  # Ruby ignores markup after else
            next(stream)
        default = parse_block(stream, block_ends)
        # Ruby: blocks after an else are parsed but never rendered (the else always wins).
        while stream.current.kind == TOKEN_TAG and stream.current.value in ("elsif", "else"):
            next(stream)
            if stream.current.kind == TOKEN_EXPRESSION:
                next(stream)
            parse_block(stream, block_ends)
    stream.expect(TOKEN_TAG, value=end_name)
    return node_class(token, condition, consequence, alternatives, default)


class RubyIfTag(IfTag):
    def parse(self, stream):
        return _parse_if_like(self, stream, "endif", _ENDIF, IfNode)


class _NotCondition(Expression):
    __slots__ = ("inner",)

    def __init__(self, inner: ConditionExpression) -> None:
        self.token = inner.token
        self.inner = inner

    def evaluate(self, context) -> bool:
        return not self.inner.evaluate(context)

    def children(self):
        return [self.inner]


class RubyUnlessTag(UnlessTag):
    def parse(self, stream):
        node = _parse_if_like(self, stream, "endunless", _ENDUNLESS,
                              lambda t, c, cons, alts, d: UnlessNode(token=t, condition=c, consequence=cons,
                                                                     alternatives=alts, default=d))
        return node


_CASE_SYNTAX = re.compile(rf"({QUOTED_FRAGMENT})", A)
_WHEN_SYNTAX = re.compile(rf"({QUOTED_FRAGMENT})(?:(?:\s+or\s+|\s*,\s*)((?:{QUOTED_FRAGMENT}).*))?", A | re.S)


class _WhenExpression(Expression):
    """One `when` tag: a list of `left == value` results, one per value (Ruby renders each)."""

    __slots__ = ("left", "values")

    def __init__(self, token, left: Expression, values: list[Expression]) -> None:
        self.token = token
        self.left, self.values = left, values

    def evaluate(self, context) -> list[bool]:
        left = self.left.evaluate(context)
        out = []
        for v in self.values:
            r = ruby_equal(left, v.evaluate(context))
            out.append(r is not None and r is not False)
        return out

    def children(self):
        return [self.left, *self.values]


class RubyCaseTag(CaseTag):
    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        markup, tok = _expression_token(stream, token)
        if stream.current.kind == TOKEN_EXPRESSION:
            next(stream)
        m = _CASE_SYNTAX.search(markup)
        if not m:
            raise LiquidSyntaxError("Syntax Error in 'case' - Valid syntax: case [condition]", token=tok)
        left = parse_expression(m.group(1), tok)
        # Content between `case` and the first `when` is parsed but never rendered.
        parse_block = get_parser(self.env).parse_block
        ends = ("when", "else", "endcase")
        parse_block(stream, ends)
        blocks: list = []
        while not (stream.current.kind == TOKEN_TAG and stream.current.value == "endcase"):
            if stream.current.kind == TOKEN_EOF:
                raise LiquidSyntaxError("'case' tag was never closed", token=token)
            if stream.current.value == "else":
                etok = next(stream)
                if stream.current.kind == TOKEN_EXPRESSION and stream.current.value.strip():
                    raise LiquidSyntaxError(
                        "Syntax Error in tag 'case' - Valid else condition: {% else %} (no parameters) ",
                        token=stream.current)
                if stream.current.kind == TOKEN_EXPRESSION:
                    next(stream)
                blocks.append(parse_block(stream, ends))
            else:
                wtok = next(stream)
                wmarkup, wtok = _expression_token(stream, wtok)
                if stream.current.kind == TOKEN_EXPRESSION:
                    next(stream)
                values = []
                rest: str | None = wmarkup
                while rest is not None:
                    wm = _WHEN_SYNTAX.search(rest)
                    if not wm:
                        raise LiquidSyntaxError(
                            "Syntax Error in tag 'case' - Valid when condition: "
                            "{% when [condition] [or condition2...] %}", token=wtok)
                    values.append(parse_condition_operand(wm.group(1), wtok))
                    rest = wm.group(2)
                body = parse_block(stream, ends)
                blocks.append(MultiExpressionBlockNode(wtok, body, _WhenExpression(wtok, left, values)))
        return CaseNode(token, left, blocks)


class RubyForTag(ForTag):
    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        markup, tok = _expression_token(stream, token)
        if stream.current.kind == TOKEN_EXPRESSION:
            next(stream)
        expr = parse_loop(self.env, markup, tok)
        parse_block = get_parser(self.env).parse_block
        block = parse_block(stream, ("endfor", "else", TOKEN_EOF))
        default = None
        if stream.current.kind == TOKEN_TAG and stream.current.value == "else":
            next(stream)
            if stream.current.kind == TOKEN_EXPRESSION:
                next(stream)
            default = parse_block(stream, ("endfor", TOKEN_EOF))
        stream.expect(TOKEN_TAG, value="endfor")
        return ForNode(token, expression=expr, block=block, default=default)


def _ruby_to_i(value) -> int:
    """Ruby's `to_i` as tablerow uses it: nil → 0, "3px" → 3, 2.7 → 2."""
    if value is None or isinstance(value, (bool, Undefined)):
        return 0
    if isinstance(value, (int, float)):
        return int(value)
    m = re.match(r"\s*[-+]?\d+", str(value))
    return int(m.group()) if m else 0


def _slice_collection(collection, start: int, stop: int | None) -> list:
    """Liquid's `Utils.slice_collection` (strings are one item; hashes yield [k, v] pairs)."""
    if isinstance(collection, str):
        items = [collection] if collection else []
    elif isinstance(collection, Mapping):
        items = [[k, v] for k, v in collection.items()]
    elif isinstance(collection, (list, tuple, range)):
        items = list(collection)
    else:
        items = []
    return items[max(start, 0):stop if stop is None else max(stop, 0)]


class TablerowLoop(Mapping):
    """Ruby's `TablerowloopDrop`: without `cols` the column count is 0, so no row ever ends."""

    __slots__ = ("length", "cols", "index0", "col", "row")
    _keys = ("length", "col", "col0", "col_first", "col_last", "first", "last", "index", "index0",
             "rindex", "rindex0", "row")

    def __init__(self, length: int, cols: int) -> None:
        self.length, self.cols = length, cols
        self.index0, self.col, self.row = 0, 1, 1

    def __getitem__(self, key):
        if key == "length":
            return self.length
        if key == "col":
            return self.col
        if key == "col0":
            return self.col - 1
        if key == "col_first":
            return self.col == 1
        if key == "col_last":
            return self.col == self.cols
        if key == "first":
            return self.index0 == 0
        if key == "last":
            return self.index0 == self.length - 1
        if key == "index":
            return self.index0 + 1
        if key == "index0":
            return self.index0
        if key == "rindex":
            return self.length - self.index0
        if key == "rindex0":
            return self.length - self.index0 - 1
        if key == "row":
            return self.row
        raise KeyError(key)

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def increment(self) -> None:
        self.index0 += 1
        if self.col == self.cols:
            self.col = 1
            self.row += 1
        else:
            self.col += 1


class RubyTablerowNode(TablerowNode):
    """Liquid 5.4's tablerow output, including its quirks (see `TablerowLoop`)."""

    __slots__ = ()

    def render_to_output(self, context, buffer) -> int:
        expr = self.expression
        collection = expr.iterable.evaluate(context)
        if collection is None or isinstance(collection, Undefined):
            return 0
        start = _ruby_to_i(expr.offset.evaluate(context)) if expr.offset is not None else 0
        stop = start + _ruby_to_i(expr.limit.evaluate(context)) if expr.limit is not None else None
        items = _slice_collection(collection, start, stop)
        cols = _ruby_to_i(expr.cols.evaluate(context)) if expr.cols is not None else 0
        loop = TablerowLoop(len(items), cols)
        namespace = {"tablerowloop": loop}
        write = buffer.write
        write('<tr class="row1">\n')
        with context.extend(namespace):
            for item in items:
                namespace[expr.identifier] = item
                write(f'<td class="col{loop.col}">')
                self.block.render(context, buffer)
                write("</td>")
                if loop.col == loop.cols and loop.index0 != loop.length - 1:
                    write(f'</tr>\n<tr class="row{loop.row + 1}">')
                loop.increment()
        write("</tr>\n")
        return 1


class RubyTablerowTag(TablerowTag):
    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        markup, tok = _expression_token(stream, token)
        if stream.current.kind == TOKEN_EXPRESSION:
            next(stream)
        expr = parse_tablerow(self.env, markup, tok)
        block = get_parser(self.env).parse_block(stream, ("endtablerow", TOKEN_EOF))
        stream.expect(TOKEN_TAG, value="endtablerow")
        return RubyTablerowNode(token, expression=expr, block=block)


_CYCLE_NAMED = re.compile(rf"\A({QUOTED_FRAGMENT})\s*:\s*(.*)", A | re.S)
_CYCLE_SIMPLE = re.compile(rf"\A(?:{QUOTED_FRAGMENT})+", A)
_CYCLE_VAR = re.compile(rf"\s*({QUOTED_FRAGMENT})\s*", A)


class RubyCycleTag(CycleTag):
    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        markup, tok = _expression_token(stream, token)

        def variables(text: str) -> list[Expression]:
            out = []
            for part in text.split(","):
                m = _CYCLE_VAR.search(part)
                if m:
                    out.append(parse_expression(m.group(1), tok))
            return out

        m = _CYCLE_NAMED.match(markup)
        if m:
            return CycleNode(token, parse_expression(m.group(1), tok), variables(m.group(2)))
        if _CYCLE_SIMPLE.match(markup):
            return CycleNode(token, None, variables(markup))
        raise LiquidSyntaxError("Syntax Error in 'cycle' - Valid syntax: cycle [name :] var [, var2, var3 ...]",
                                token=tok)


RUBY_TAGS = (RubyAssignTag, RubyEchoTag, RubyIfTag, RubyUnlessTag, RubyCaseTag, RubyForTag,
             RubyTablerowTag, RubyCycleTag)
