"""Rouge's JSON lexer (rouge/lexers/json.rb): keys are `Name.Label` followed by optional
whitespace and the colon in one rule; whitespace is its own token."""
from __future__ import annotations

import re

from pygments.lexer import RegexLexer, bygroups, include
from pygments.token import Keyword, Name, Number, Punctuation, String, Whitespace


class JSONLexer(RegexLexer):
    name = "JSON (Rouge)"
    aliases = ["json"]
    flags = re.MULTILINE
    rouge_port = True

    tokens = {
        "whitespace": [(r"[ \t\n\v\f\r]+", Whitespace)],  # Ruby's \s: ASCII only
        "root": [
            include("whitespace"),
            (r"\{", Punctuation, "object"),
            (r"\[", Punctuation, "array"),
            include("name"),
            include("value"),
            (r"[\]}]", Punctuation),
        ],
        "object": [
            include("whitespace"),
            include("name"),
            include("value"),
            (r"\}", Punctuation, "#pop"),
            (r",", Punctuation),
        ],
        "name": [
            (r'("(?:\\.|[^"\\\n])*?")([ \t\n\v\f\r]*)(:)', bygroups(Name.Label, Whitespace, Punctuation)),
        ],
        "value": [
            include("whitespace"),
            include("constants"),
            (r'"', String.Double, "string"),
            (r"\[", Punctuation, "array"),
            (r"\{", Punctuation, "object"),
        ],
        "string": [
            (r'[^\\"]+', String.Double),
            (r"\\.", String.Escape),
            (r'"', String.Double, "#pop"),
        ],
        "array": [
            include("value"),
            (r"\]", Punctuation, "#pop"),
            (r",", Punctuation),
        ],
        "constants": [
            (r"(?:true|false|null)", Keyword.Constant),
            (r"(?i)-?(?:0|[1-9]\d*)\.\d+(?:e[+-]?\d+)?", Number.Float),
            (r"(?i)-?(?:0|[1-9]\d*)(?:e[+-]?\d+)?", Number.Integer),
        ],
    }
