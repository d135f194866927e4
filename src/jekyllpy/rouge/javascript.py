"""Rouge's JavaScript lexer (rouge/lexers/javascript.rb, 3.30: `javascript`, `js`).

Rouge decides between division and a regex literal by state (`expr_start` after operators,
`(`, `,` and keywords), names plain identifiers `nx`, strings' quotes `dl`, object keys `na`
and statement labels `nl` — all different from Pygments' lexer.
"""
from __future__ import annotations

from pygments.token import (Comment, Error, Keyword, Name, Number, Operator, Punctuation,
                            String, Text)

from jekyllpy.rouge.engine import RougeLexer, Rule, include

KEYWORDS = frozenset("""
as async await break case catch continue debugger default delete do else export finally from for
if import in instanceof new of return super switch this throw try typeof void while yield""".split())
DECLARATIONS = frozenset("var let const with function class extends constructor get set static".split())
RESERVED = frozenset("enum implements interface package private protected public".split())
CONSTANTS = frozenset("true false null NaN Infinity undefined".split())
BUILTINS = frozenset("""
Array Boolean Date Error Function Math netscape Number Object Packages RegExp String sun
decodeURI decodeURIComponent encodeURI encodeURIComponent Error eval isFinite isNaN parseFloat
parseInt document window navigator self global Promise Set Map WeakSet WeakMap Symbol Proxy
Reflect Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Uint16ClampedArray
Int32Array Uint32Array Uint32ClampedArray Float32Array Float64Array DataView ArrayBuffer""".split())

ID = r"(?:[^\W\d]|[$])\w*"


def _goto(state, ttype):
    def action(lexer, m) -> None:
        lexer.token(ttype)
        lexer.goto(state)
    return action


def _word(lexer, m) -> None:
    word = m.group(0)
    if word in KEYWORDS:
        lexer.token(Keyword)
        lexer.push("expr_start")
    elif word in DECLARATIONS:
        lexer.token(Keyword.Declaration)
        lexer.push("expr_start")
    elif word in RESERVED:
        lexer.token(Keyword.Reserved)
    elif word in CONSTANTS:
        lexer.token(Keyword.Constant)
    elif word in BUILTINS:
        lexer.token(Name.Builtin)
    else:
        lexer.token(Name.Other)


def _ternary(lexer, m) -> None:
    lexer.token(Punctuation)
    lexer.push("ternary")
    lexer.push("expr_start")


def _decorator(lexer, m) -> None:
    lexer.groups(Punctuation, Name.Decorator)
    lexer.push("expr_start")


def _regex_group_break(lexer, m) -> None:
    lexer.token(Error)
    lexer.pop(2)


def _object_key(lexer, m) -> None:
    lexer.groups(Name.Attribute, Text, Punctuation)
    lexer.push("expr_start")


def _template(lexer, m) -> None:
    lexer.token(String.Double)
    lexer.push("template_string")


class JavascriptLexer(RougeLexer):
    name = "JavaScript (Rouge)"
    aliases = ["javascript", "js"]
    ruby_classes = "s"

    states = {
        "multiline_comment": [
            Rule(r"[*]/", Comment.Multiline, "#pop"),
            Rule(r"[^*/]+", Comment.Multiline),
            Rule(r"[*/]", Comment.Multiline),
        ],
        "comments_and_whitespace": [
            Rule(r"\s+", Text),
            Rule(r"<!--", Comment),
            Rule(r"//.*?$", Comment.Single),
            Rule(r"/[*]", Comment.Multiline, "multiline_comment"),
        ],
        "expr_start": [
            include("comments_and_whitespace"),
            Rule(r"/", _goto("regex", String.Regex)),
            Rule(r"[{]", _goto("object", Punctuation)),
            Rule(r"", Text, "#pop"),
        ],
        "regex": [
            Rule(r"/", _goto("regex_end", String.Regex)),
            Rule(r"[^/]\n", Error, "#pop"),
            Rule(r"\n", Error, "#pop"),
            Rule(r"\[\^", String.Escape, "regex_group"),
            Rule(r"\[", String.Escape, "regex_group"),
            Rule(r"\\.", String.Escape),
            Rule(r"[(][?][:=<!]", String.Escape),
            Rule(r"[{][\d,]+[}]", String.Escape),
            Rule(r"[()?]", String.Escape),
            Rule(r".", String.Regex),
        ],
        "regex_end": [
            Rule(r"[gimuy]+", String.Regex, "#pop"),
            Rule(r"", lambda lx, m: lx.pop()),
        ],
        "regex_group": [
            Rule(r"/", String.Escape),
            Rule(r"[^/]\n", _regex_group_break),
            Rule(r"\]", String.Escape, "#pop"),
            Rule(r"\\.", String.Escape),
            Rule(r".", String.Regex),
        ],
        "root": [
            Rule(r"\A\s*#!.*?\n", Comment.Preproc, "statement"),
            Rule(r"(?<=\n)(?=\s|/|<!--)", Text, "expr_start"),
            include("comments_and_whitespace"),
            Rule(r"\+\+|--|~|\?\?=?|&&|\|\||\\(?=\n)|<<|>>>?|===|!==", Operator, "expr_start"),
            Rule(r"[-<>+*%&|\^/!=]=?", Operator, "expr_start"),
            Rule(r"[(\[,]", Punctuation, "expr_start"),
            Rule(r";", Punctuation, "statement"),
            Rule(r"[)\].]", Punctuation),
            Rule(r"`", _template),
            Rule(r"[?][.]", Punctuation),
            Rule(r"[?]", _ternary),
            Rule(r"(\@)(\w+)?", _decorator),
            Rule(r"[{}]", Punctuation, "statement"),
            Rule(ID, _word),
            Rule(r"[0-9][0-9]*\.[0-9]+([eE][0-9]+)?[fd]?", Number.Float),
            Rule(r"(?i)0x[0-9a-fA-F]+", Number.Hex),
            Rule(r"(?i)0o[0-7][0-7_]*", Number.Oct),
            Rule(r"(?i)0b[01][01_]*", Number.Bin),
            Rule(r"[0-9]+", Number.Integer),
            Rule(r'"', String.Delimiter, "dq"),
            Rule(r"'", String.Delimiter, "sq"),
            Rule(r":", Punctuation),
        ],
        "dq": [
            Rule(r'\\[\\nrt"]?', String.Escape),
            Rule(r'[^\\"]+', String.Double),
            Rule(r'"', String.Delimiter, "#pop"),
        ],
        "sq": [
            Rule(r"\\[\\nrt']?", String.Escape),
            Rule(r"[^\\']+", String.Single),
            Rule(r"'", String.Delimiter, "#pop"),
        ],
        "statement": [
            Rule(r"case\b", _goto("expr_start", Keyword)),
            Rule(rf"({ID})(\s*)(:)", lambda lx, m: lx.groups(Name.Label, Text, Punctuation)),
            include("expr_start"),
        ],
        "object": [
            include("comments_and_whitespace"),
            Rule(r"[{]", Punctuation, "#push"),
            Rule(r"[}]", _goto("statement", Punctuation)),
            Rule(rf"({ID})(\s*)(:)", _object_key),
            Rule(r":", Punctuation),
            include("root"),
        ],
        "ternary": [
            Rule(r":", _goto("expr_start", Punctuation)),
            include("root"),
        ],
        "template_string": [
            Rule(r"[$]\{", Punctuation, "template_string_expr"),
            Rule(r"`", String.Double, "#pop"),
            Rule(r"\\[$`]", String.Escape),
            Rule(r"[^$`\\]+", String.Double),
            Rule(r"[\\$]", String.Double),
        ],
        "template_string_expr": [
            Rule(r"\}", Punctuation, "#pop"),
            include("root"),
        ],
    }
