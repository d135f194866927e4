r"""Rouge's Mathematica lexer (rouge/lexers/mathematica.rb, 3.30: `mathematica`, `wl`) on the
Rouge run loop, with Rouge's list of builtin symbols (data/mathematica_builtins.txt).

Why a port: Pygments' Mathematica lexer classes symbols otherwise (`nf`/`nv`/`nb` by its own
lists, `Module` not `bp`), treats numbers with precision marks and `In[1]:=` prompts in other
ways, and has no `wl` alias (Rouge's tag for the Wolfram Language) at all. Rouge's lexer is a
single state of ordered rules plus nested comments; a newline inside a comment matches no
rule there (Rouge's `.` is not multi-line) and is an `err` character in Rouge's output, so it
is here too.
"""
from __future__ import annotations

import functools
from importlib import resources

from pygments.token import Comment, Generic, Name, Number, Operator, Punctuation, String, Text

from jekyllpy.rouge.engine import RougeLexer, Rule

BASE = r"(?:\d+)"
NUMBER = r"(?:\.\d+|\d+\.\d*|\d+)"
NUMBER_BASE = r"(?:\.\w+|\w+\.\w*|\w+)"
PRECISION = rf"(?:`(`?{NUMBER})?)"
OPERATORS = r"[+\-*/|,;.:@~=><&`'^?!_%]"
BRACES = r"[\[\](){}]"
STRING = r'(?:"(\\\\|\\"|[^"])*")'
IDENTIFIER = r"(?:[a-zA-Z$][$a-zA-Z0-9]*)"
NAMED_CHARACTER = rf"(?:\\\[{IDENTIFIER}\])"
SYMBOL = rf"(?:({IDENTIFIER}|{NAMED_CHARACTER})+)"
CONTEXT_SYMBOL = rf"(?:`?{SYMBOL}(`{SYMBOL})*`?)"
ASSOCIATION_SLOT = rf"(?:#({IDENTIFIER}|\"{IDENTIFIER}\"))"
SLOT = rf"{ASSOCIATION_SLOT}|#[0-9]*"
MESSAGE = rf"::({IDENTIFIER}|{STRING})"
IN_OUT = r"(In|Out)\[[0-9]+\]:?="

# Module, With and Block are builtins, but Rouge marks them apart (they define local variables)
KEYWORDS = frozenset(("Module", "With", "Block"))


@functools.lru_cache(maxsize=1)
def builtins() -> frozenset:
    text = resources.files("jekyllpy.rouge").joinpath("data/mathematica_builtins.txt").read_text()
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def _symbol(lexer, m) -> None:
    word = m.group(0)
    if word in KEYWORDS:
        lexer.token(Name.Builtin.Pseudo)
    elif word in builtins():
        lexer.token(Name.Builtin)
    else:
        lexer.token(Name.Variable)


class MathematicaLexer(RougeLexer):
    name = "Mathematica (Rouge)"
    aliases = ["mathematica", "wl"]
    ruby_classes = "wds"

    states = {
        "root": [
            Rule(r"\s+", Text.Whitespace),
            Rule(r"\(\*", Comment, "comment"),
            Rule(rf"{BASE}\^\^{NUMBER_BASE}{PRECISION}?(\*\^[+-]?\d+)?", Number),
            Rule(rf"(?:{NUMBER}{PRECISION}?(?:\*\^[+-]?\d+)?)", Number),
            Rule(MESSAGE, Name.Tag),
            Rule(IN_OUT, Generic.Prompt),
            Rule(CONTEXT_SYMBOL, _symbol),
            Rule(SLOT, Name.Function),
            Rule(OPERATORS, Operator),
            Rule(BRACES, Punctuation),
            Rule(STRING, String),
        ],
        "comment": [
            Rule(r"\(\*", Comment, "comment"),
            Rule(r"\*\)", Comment, "#pop"),
            Rule(rf"::{IDENTIFIER}::", Comment.Preproc),
            Rule(rf"[ ]:({IDENTIFIER}|[^\S])+:[ ]", Comment.Preproc),
            Rule(r".", Comment),
        ],
    }
