"""Rouge's R lexer (rouge/lexers/r.rb, 3.30): whitespace is its own `w` token, numbers are
plain `m`, primitive functions are `nf` only when called, `%op%` operators are `o`."""
from __future__ import annotations

import re

from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Whitespace

from jekyllpy.rouge.engine import RougeLexer, Rule

KEYWORDS = frozenset("if else for while repeat in next break function".split())
KEYWORD_CONSTANTS = frozenset("""NULL Inf TRUE FALSE NaN NA NA_integer_ NA_real_ NA_complex_
NA_character_""".split())
BUILTIN_CONSTANTS = frozenset("LETTERS letters month.abb month.name pi T F".split())
# Joined unescaped, as Rouge does: the dots match any character.
PRIMITIVE_FUNCTIONS = "|".join("""
abs acos acosh all any anyNA Arg as.call as.character as.complex as.double as.environment
as.integer as.logical as.null.default as.numeric as.raw asin asinh atan atanh attr attributes
baseenv browser c call ceiling class Conj cos cosh cospi cummax cummin cumprod cumsum digamma dim
dimnames emptyenv exp expression floor forceAndCall gamma gc.time globalenv Im interactive
invisible is.array is.atomic is.call is.character is.complex is.double is.environment
is.expression is.finite is.function is.infinite is.integer is.language is.list is.logical
is.matrix is.na is.name is.nan is.null is.numeric is.object is.pairlist is.raw is.recursive
is.single is.symbol lazyLoadDBfetch length lgamma list log max min missing Mod names nargs nzchar
oldClass on.exit pos.to.env proc.time prod quote range Re rep retracemem return round seq_along
seq_len seq.int sign signif sin sinh sinpi sqrt standardGeneric substitute sum switch tan tanh
tanpi tracemem trigamma trunc unclass untracemem UseMethod xtfrm""".split())


def _word(lexer, m) -> None:
    word = m.group(0)
    if word in KEYWORDS:
        lexer.token(Keyword)
    elif word in KEYWORD_CONSTANTS:
        lexer.token(Keyword.Constant)
    elif word in BUILTIN_CONSTANTS:
        lexer.token(Name.Builtin)
    else:
        lexer.token(Name)


class RLexer(RougeLexer):
    name = "R (Rouge)"
    aliases = ["r", "R", "s", "S"]
    ruby_classes = "s"

    states = {
        "root": [
            Rule(r"#'.*?$", Comment.Doc),
            Rule(r"#.*?$", Comment.Single),
            Rule(r"\s+", Whitespace),
            Rule(r"`[^`]+?`", Name),
            Rule(r"'(\\.|.)*?'", String.Single, flags=re.S),
            Rule(r'"(\\.|.)*?"', String.Double, flags=re.S),
            Rule(r"%[^%]*?%", Operator),
            Rule(r"0[xX][a-fA-F0-9]+([pP][0-9]+)?[Li]?", Number.Hex),
            Rule(r"[+-]?(\d+([.]\d+)?|[.]\d+)([eE][+-]?\d+)?[Li]?", Number),
            Rule(rf"\b(?<!.)({PRIMITIVE_FUNCTIONS})(?=\()", Name.Function),
            Rule(r"(?:(?:[^\W\d_]|[.](?:[._]|[^\W\d_]))[\w.]*)|[.]", _word),
            Rule(r"[\[\]{}();,]", Punctuation),
            Rule(r"[-<>?*+^/!=~$@:%&|]", Operator),
        ],
    }
