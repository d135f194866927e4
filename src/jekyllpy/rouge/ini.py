"""Rouge's INI lexer (rouge/lexers/ini.rb, 3.30: `ini`) on the Rouge run loop.

Why a port: Rouge's INI lexer is small but decides differently from Pygments' (a key is
`py` only when followed by `=`, values are `s` tokens up to the line end with `se` escapes and
quoted parts, comments take their newline, whitespace is `Text`), so Pygments' token
boundaries and classes (`nn`/`na`/`o`/`s`) cannot be remapped to Rouge's.
"""
from __future__ import annotations

import re

from pygments.token import Comment, Name, Punctuation, String, Text

from jekyllpy.rouge.engine import RougeLexer, Rule, include

IDENTIFIER = r"[\w\-.]+"


def _key(lexer, m) -> None:
    lexer.groups(Name.Property, Text, Punctuation)
    lexer.push("value")


class IniLexer(RougeLexer):
    name = "INI (Rouge)"
    aliases = ["ini"]
    ruby_classes = "wds"

    states = {
        "basic": [
            Rule(r"[;#].*?\n", Comment),
            Rule(r"\s+", Text),
            Rule(r"\\\n", String.Escape),
        ],
        "root": [
            include("basic"),
            Rule(rf"({IDENTIFIER})(\s*)(=)", _key),
            Rule(r"\[.*?\]", Name.Namespace),
        ],
        "value": [
            Rule(r"\n", Text, "#pop"),
            include("basic"),
            Rule(r'"', String, "dq"),
            Rule(r"'.*?'", String),
            include("esc_str"),
            Rule(r"[^\\\n]+", String),
        ],
        "dq": [
            Rule(r'"', String, "#pop"),
            include("esc_str"),
            Rule(r'[^\\"]+', String),
        ],
        "esc_str": [
            Rule(r"\\.", String.Escape, flags=re.S),
        ],
    }
