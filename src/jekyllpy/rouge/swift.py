"""Rouge's Swift lexer (rouge/lexers/swift.rb, 3.30). Unicode classes (`\\p{Alpha}`,
`[[:upper:]]`) are written with Python's `[^\\W\\d]`/`\\w` and ASCII capitals."""
from __future__ import annotations

import re

from pygments.token import (Comment, Error, Keyword, Name, Number, Operator, Punctuation,
                            String, Text)

from jekyllpy.rouge.engine import RougeLexer, Rule, include

KEYWORDS = frozenset("""
await break case continue default do else fallthrough if in for return switch where while try
catch throw guard defer repeat as dynamicType is new super self Self Type __COLUMN__ __FILE__
__FUNCTION__ __LINE__ associativity async didSet get infix inout isolated mutating none
nonmutating operator override postfix precedence prefix set unowned weak willSet throws rethrows
precedencegroup""".split())
DECLARATIONS = frozenset("""
actor class deinit enum convenience extension final func import init internal lazy let
nonisolated optional private protocol public required static struct subscript typealias var
dynamic indirect associatedtype open fileprivate some""".split())
CONSTANTS = frozenset("true false nil".split())

ID = r"(?:[^\W\d]|[^\u0000-\uFFFF])(?:\w|[^\u0000-\uFFFF])*"
UPPER = "[A-Z]"


def _access(lexer, m) -> None:
    if m.group(3) == "set":
        lexer.token(Keyword.Declaration)
    else:
        lexer.groups(Keyword.Declaration, Keyword.Declaration, Error, Keyword.Declaration)


def _unowned(lexer, m) -> None:
    if m.group(2) in ("safe", "unsafe"):
        lexer.token(Keyword.Declaration)
    else:
        lexer.groups(Keyword.Declaration, Error, Keyword.Declaration)


def _call(lexer, m) -> None:
    lexer.token(Keyword.Type if re.match(UPPER, m.group(0)) else Name.Function)


def _word(lexer, m) -> None:
    word = m.group(0)
    if word in KEYWORDS:
        lexer.token(Keyword)
    elif word in DECLARATIONS:
        lexer.token(Keyword.Declaration)
    elif word in CONSTANTS:
        lexer.token(Keyword.Constant)
    elif re.match(UPPER, word):
        lexer.token(Keyword.Type)
    else:
        lexer.token(Name)


class SwiftLexer(RougeLexer):
    name = "Swift (Rouge)"
    aliases = ["swift"]
    ruby_classes = "s"
    start_states = ("bol",)

    states = {
        "bol": [
            Rule(r"#.*", Comment.Preproc),
            include("inline_whitespace"),
            Rule(r"", lambda lx, m: lx.pop()),
        ],
        "inline_whitespace": [
            Rule(r"\s+", Text),
            include("has_comments"),
        ],
        "whitespace": [
            Rule(r"\n+", Text, "bol"),
            Rule(r"//.*?$", Comment.Single, "bol"),
            include("inline_whitespace"),
        ],
        "has_comments": [Rule(r"/[*]", Comment.Multiline, "nested_comment")],
        "nested_comment": [
            include("has_comments"),
            Rule(r"[*]/", Comment.Multiline, "#pop"),
            Rule(r"[^*/]+", Comment.Multiline),
            Rule(r".", Comment.Multiline),
        ],
        "root": [
            include("whitespace"),
            Rule(r"\$(([1-9]\d*)?\d)", Name.Variable),
            Rule(r"[()\[\]{}:;,?\\]", Punctuation),
            Rule(r"[-/=+*%<>!&|^.~]+", Operator),
            Rule(r'@?"', String, "dq"),
            Rule(r"'(\\.|.)'", String.Char),
            Rule(r"(\d+(?:_\d+)*\*|(?:\d+(?:_\d+)*)*\.\d+(?:_\d)*)(e[+-]?\d+(?:_\d)*)?", Number.Float, flags=re.I),
            Rule(r"\d+e[+-]?[0-9]+", Number.Float, flags=re.I),
            Rule(r"0o?[0-7]+(?:_[0-7]+)*", Number.Oct),
            Rule(r"0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*((\.[0-9A-F]+(?:_[0-9A-F]+)*)?p[+-]?\d+)?", Number.Hex),
            Rule(r"0b[01]+(?:_[01]+)*", Number.Bin),
            Rule(r"[\d]+(?:_\d+)*", Number.Integer),
            Rule(rf"@{ID}", Keyword.Declaration),
            Rule(r"(private|internal)(\([ ]*)(\w+)([ ]*\))", _access),
            Rule(r"(unowned\([ ]*)(\w+)([ ]*\))", _unowned),
            Rule(r"#available\([^)]+\)", Keyword.Declaration),
            Rule(r"(#(?:selector|keyPath)\()([^)]+?(?:[(].*?[)])?)(\))",
                 lambda lx, m: lx.groups(Keyword.Declaration, Name.Function, Keyword.Declaration)),
            Rule(r"#(line|file|column|function|dsohandle)", Keyword.Declaration),
            Rule(rf"(let|var)\b(\s*)({ID})", lambda lx, m: lx.groups(Keyword, Text, Name.Variable)),
            Rule(r"(let|var)\b(\s*)([(])", lambda lx, m: lx.groups(Keyword, Text, Punctuation), "tuple"),
            Rule(rf"(?!\b(if|while|for|private|internal|unowned|switch|case)\b)\b{ID}(?=(\?|!)?\s*[(])", _call),
            Rule(r"as[?!]?(?=\s)", Keyword),
            Rule(r"try[!]?(?=\s)", Keyword),
            Rule(rf"(#?(?!default)(?!{UPPER}){ID})(\s*)(:)", lambda lx, m: lx.groups(Name.Variable, Text, Punctuation)),
            Rule(ID, _word),
            Rule(rf"(`)({ID})(`)", lambda lx, m: lx.groups(Punctuation, Name.Variable, Punctuation)),
        ],
        "tuple": [
            Rule(rf"({ID})", Name.Variable),
            Rule(rf"(`)({ID})(`)", lambda lx, m: lx.groups(Punctuation, Name.Variable, Punctuation)),
            Rule(r",", Punctuation),
            Rule(r"[(]", Punctuation, "#push"),
            Rule(r"[)]", Punctuation, "#pop"),
            include("inline_whitespace"),
        ],
        "dq": [
            Rule(r"""\\[\\0tnr'"]""", String.Escape),
            Rule(r"\\[(]", String.Escape, "interp"),
            Rule(r"\\u\{[0-9a-fA-F]{1,8}\}", String.Escape),
            Rule(r'[^\\"]+', String),
            Rule(r'"""', String, "#pop"),
            Rule(r'"', String, "#pop"),
        ],
        "interp": [
            Rule(r"[(]", Punctuation, "interp_inner"),
            Rule(r"[)]", String.Escape, "#pop"),
            include("root"),
        ],
        "interp_inner": [
            Rule(r"[(]", Punctuation, "#push"),
            Rule(r"[)]", Punctuation, "#pop"),
            include("root"),
        ],
    }
