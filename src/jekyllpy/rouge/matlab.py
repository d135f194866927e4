"""Rouge's MATLAB lexer (rouge/lexers/matlab.rb, 3.30), with Rouge's list of builtin names
(data/matlab_builtins.txt): `zeros`, `disp` are `nb`; `%` comments; `'` is a string only when
another quote follows on the line, else the transpose operator."""
from __future__ import annotations

import functools
import re
from importlib import resources

from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

from jekyllpy.rouge.engine import RougeLexer, Rule

KEYWORDS = frozenset("""
arguments break case catch classdef continue else elseif end for function global if import
methods otherwise parfor persistent properties return spmd switch try while""".split())


@functools.lru_cache(maxsize=1)
def builtins() -> frozenset:
    text = resources.files("jekyllpy.rouge").joinpath("data/matlab_builtins.txt").read_text()
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def _word(lexer, m) -> None:
    word = m.group(0)
    if word in KEYWORDS:
        lexer.token(Keyword)
    elif word in builtins():
        lexer.token(Name.Builtin)
    else:
        lexer.token(Name)


def _shell_escape(lexer, m) -> None:
    from jekyllpy.rouge.shell import ShellLexer

    lexer.token(Keyword, m.group(1))
    lexer._pos += len(m.group(1))
    lexer.delegate(ShellLexer, m.group(2))


class MatlabLexer(RougeLexer):
    name = "MATLAB (Rouge)"
    aliases = ["matlab", "m"]
    ruby_classes = "wds"

    states = {
        "root": [
            Rule(r"\s+", Text),
            Rule(r"[{]%.*?%[}]", Comment.Multiline, flags=re.S),
            Rule(r"%.*$", Comment.Single),
            Rule(r"([.][.][.])(.*?)$", lambda lx, m: lx.groups(Keyword, Comment)),
            Rule(r"^(!)(.*?)(?=%|$)", _shell_escape),
            Rule(r"[a-zA-Z][_a-zA-Z0-9]*", _word),
            Rule(r"[(){};:,/\\\]\[]", Punctuation),
            Rule(r"~=|==|<<|>>|[-~+/*%=<>&^|.@]", Operator),
            Rule(r"(\d+\.\d*|\d*\.\d+)(e[+-]?[0-9]+)?", Number.Float, flags=re.I),
            Rule(r"\d+e[+-]?[0-9]+", Number.Float, flags=re.I),
            Rule(r"\d+L", Number.Integer.Long),
            Rule(r"\d+", Number.Integer),
            Rule(r"'(?=(.*'))", String.Single, "chararray"),
            Rule(r'"(?=(.*"))', String.Double, "string"),
            Rule(r"'", Operator),
        ],
        "chararray": [
            Rule(r"[^']+", String.Single),
            Rule(r"''", String.Escape),
            Rule(r"'", String.Single, "#pop"),
        ],
        "string": [
            Rule(r'[^"]+', String.Double),
            Rule(r'""', String.Escape),
            Rule(r'"', String.Double, "#pop"),
        ],
    }
