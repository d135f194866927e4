"""Rouge's Python lexer (rouge/lexers/python.rb, 3.30) on the Rouge run loop (engine.py).

Where it differs from Pygments' lexer, and so why it exists: strings are `s` whatever their
quotes, docstrings are plain strings (only `:` + `\"\"\"` at a line start is `sd`), `@name`
decorators are `nd`, `print`/`exec` are keywords, dunder names are plain names, a shebang is
a `c1` comment, comments end with their newline, and format specs inside f-strings are lexed
as code.
"""
from __future__ import annotations

import re

from pygments.token import (Comment, Keyword, Name, Number, Operator, Punctuation, String,
                            Text)

from jekyllpy.rouge.engine import RougeLexer, Rule, include

KEYWORDS = frozenset("""
assert break continue del elif else except exec finally for global if lambda pass print raise
return try while yield as with from import yield async await nonlocal""".split())
BUILTINS = frozenset("""
__import__ abs all any apply ascii basestring bin bool buffer bytearray bytes callable chr
classmethod cmp coerce compile complex delattr dict dir divmod enumerate eval execfile exit file
filter float format frozenset getattr globals hasattr hash hex id input int intern isinstance
issubclass iter len list locals long map max memoryview min next object oct open ord pow
property range raw_input reduce reload repr reversed round set setattr slice sorted staticmethod
str sum super tuple type unichr unicode vars xrange zip""".split())
BUILTINS_PSEUDO = frozenset("self None Ellipsis NotImplemented False True".split())
EXCEPTIONS = frozenset("""
ArithmeticError AssertionError AttributeError BaseException BlockingIOError BrokenPipeError
BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError
ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError EnvironmentError Exception
FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError
ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError
KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError
NotImplemented NotImplementedError OSError OverflowError OverflowWarning
PendingDeprecationWarning ProcessLookupError RecursionError ReferenceError ResourceWarning
RuntimeError RuntimeWarning StandardError StopAsyncIteration StopIteration SyntaxError
SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError
UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning
UserWarning ValueError VMSError Warning WindowsError ZeroDivisionError""".split())

IDENT = r"[^\W\d]\w*"              # [[:alpha:]_][[:alnum:]_]*
DOTTED = r"(?:[^\W\d]|\.)[\w.]*"   # [[:alpha:]_.][[:alnum:]_.]*
DIGITS = r"[0-9](?:_?[0-9])*"
DECIMAL = rf"(?:(?:{DIGITS})?\.{DIGITS}|{DIGITS}\.)"
EXPONENT = rf"e[+-]?{DIGITS}"


def _name(lexer, m) -> None:
    word = m.group(0)
    if word in KEYWORDS:
        lexer.token(Keyword)
    elif word in EXCEPTIONS or word in BUILTINS:
        lexer.token(Name.Builtin)
    elif word in BUILTINS_PSEUDO:
        lexer.token(Name.Builtin.Pseudo)
    else:
        lexer.token(Name)


def _string_start(lexer, m) -> None:
    lexer.groups(String.Affix, String)
    lexer.strings.append((m.group(1).lower(), m.group(2)))
    lexer.push("generic_string")


def _string_quote(lexer, m) -> None:
    lexer.token(String)
    if lexer.strings and lexer.strings[-1][1] == m.group(0):
        lexer.strings.pop()
        lexer.pop()


def _string_brace(lexer, m) -> None:
    if lexer.strings and "f" in lexer.strings[-1][0]:
        lexer.token(String.Interpol)
        lexer.push("generic_interpol")
    else:
        lexer.token(String)


def _escape(lexer, m) -> None:
    lexer.token(String if lexer.strings and "r" in lexer.strings[-1][0] else String.Escape)
    lexer.pop()


class PythonLexer(RougeLexer):
    name = "Python (Rouge)"
    aliases = ["python", "py"]
    ruby_classes = "s"

    def reset(self) -> None:
        self.strings: list[tuple[str, str]] = []  # Rouge's StringRegister: (prefix, delimiter)

    states = {
        "root": [
            Rule(r"\n+", Text),
            Rule(r'^(:)(\s*)([ru]{0,2}""".*?""")', lambda lx, m: lx.groups(Punctuation, Text, String.Doc),
                 flags=re.S | re.I),
            Rule(r"[^\S\n]+", Text),
            Rule(r"#(.*)?\n?", Comment.Single),
            Rule(r"[\[\]{}:(),;.]", Punctuation),
            Rule(r"\\\n", Text),
            Rule(r"\\", Text),
            Rule(r"(in|is|and|or|not)\b", Operator.Word),
            Rule(r"(<<|>>|//|\*\*)=?", Operator),
            Rule(r"[-~+/*%=<>&^|@]=?|!=", Operator),
            Rule(rf"(from)((?:\\\s|\s)+)({DOTTED})((?:\\\s|\s)+)(import)",
                 lambda lx, m: lx.groups(Keyword.Namespace, Text, Name.Namespace, Text, Keyword.Namespace)),
            Rule(rf"(import)(\s+)({DOTTED})", lambda lx, m: lx.groups(Keyword.Namespace, Text, Name.Namespace)),
            Rule(r"(def)((?:\s|\\\s)+)", lambda lx, m: lx.groups(Keyword, Text), "funcname"),
            Rule(r"(class)((?:\s|\\\s)+)", lambda lx, m: lx.groups(Keyword, Text), "classname"),
            Rule(r"`.*?`", String.Backtick),
            Rule(r"([rfbu]{0,2})('''|\"\"\"|['\"])", _string_start, flags=re.I),
            Rule(rf"@{DOTTED}", Name.Decorator, flags=re.I),
            Rule(rf"(?<!\.){IDENT}", _name),
            Rule(IDENT, Name),
            Rule(rf"{DECIMAL}(?:{EXPONENT})?j?", Number.Float, flags=re.I),
            Rule(rf"{DIGITS}{EXPONENT}j?", Number.Float, flags=re.I),
            Rule(rf"{DIGITS}j", Number.Float, flags=re.I),
            Rule(r"0b(?:_?[0-1])+", Number.Bin, flags=re.I),
            Rule(r"0o(?:_?[0-7])+", Number.Oct, flags=re.I),
            Rule(r"0x(?:_?[a-f0-9])+", Number.Hex, flags=re.I),
            Rule(r"\d+L", Number.Integer.Long),
            Rule(r"(?:[1-9](?:_?[0-9])*|0(?:_?0)*)", Number.Integer),
        ],
        "funcname": [Rule(IDENT, Name.Function, "#pop")],
        "classname": [Rule(IDENT, Name.Class, "#pop")],
        "generic_string": [
            Rule(r"[^'\"\\{]+", String),
            Rule(r"\{\{", String),
            Rule(r"'''|\"\"\"|['\"]", _string_quote),
            Rule(r"(?=\\)", String, "generic_escape"),
            Rule(r"\{", _string_brace),
        ],
        "generic_escape": [
            Rule(r"""\\(?:[\\abfnrtv"']|\n|newline|N\{[a-zA-Z][a-zA-Z ]+[a-zA-Z]\}|u[a-fA-F0-9]{4}"""
                 r"""|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})""", _escape),
            Rule(r"\\.", String, "#pop"),
        ],
        "generic_interpol": [
            Rule(r"[^{}!:]+", lambda lx, m: lx.recurse(m.group(0))),
            Rule(r"![asr]", String.Interpol),
            Rule(r":", String.Interpol),
            Rule(r"\{", String.Interpol, "generic_interpol"),
            Rule(r"\}", String.Interpol, "#pop"),
        ],
    }
