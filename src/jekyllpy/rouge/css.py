"""Rouge's CSS lexer (rouge/lexers/css.rb, 3.30), with Rouge's word lists (data/css_names.json):
selectors are `nt`/`nc`/`nf`/`nd`, known properties `nl` and unknown ones `py`, colour names
`no`, keywords `nb`, numbers with their unit one `m` token."""
from __future__ import annotations

import functools
import json
import re
from importlib import resources

from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

from jekyllpy.rouge.engine import RougeLexer, Rule, include

IDENT = r"(?:[^\W\d]|-)[\w\u00ad\u0600-\u0605\u061c\u06dd\u070f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff-]*"
NUMBER = r"-?(?:[0-9]+(\.[0-9]+)?|\.[0-9]+)"
UNITS = "em|px|pt|pc|in|mm|cm|ex|rem|ch|vw|vh|vmin|vmax|dpi|dpcm|dppx|deg|grad|rad|turn|s|ms|Hz|kHz"


@functools.lru_cache(maxsize=1)
def names() -> dict:
    data = json.loads(resources.files("jekyllpy.rouge").joinpath("data/css_names.json").read_text())
    return {key: (tuple(value) if key == "vendor_prefixes" else frozenset(value))
            for key, value in data.items() if not key.startswith("_")}


def _value_word(lexer, m) -> None:
    word = m.group(0)
    if word in names()["constants"]:
        lexer.token(Name.Constant)
    elif word in names()["builtins"]:
        lexer.token(Name.Builtin)
    else:
        lexer.token(Name)


def _property(lexer, m) -> None:
    name = m.group(1)
    known = name in names()["attributes"] or name.startswith(names()["vendor_prefixes"])
    lexer.groups(Name.Label if known else Name.Property, Text, Punctuation)
    lexer.push("stanza_value")


def _close_at(lexer, m) -> None:
    lexer.token(Punctuation)
    lexer.pop(2)


class CssLexer(RougeLexer):
    name = "CSS (Rouge)"
    aliases = ["css"]
    ruby_classes = "s"

    states = {
        "root": [
            include("basics"),
            Rule(r"\{", Punctuation, "stanza"),
            Rule(rf":[:]?{IDENT}", Name.Decorator),
            Rule(rf"\.{IDENT}", Name.Class),
            Rule(rf"#{IDENT}", Name.Function),
            Rule(rf"@{IDENT}", Keyword, "at_rule"),
            Rule(IDENT, Name.Tag),
            Rule(r"[~^*!%&\[\]()<>|+=@:;,./?-]", Operator),
            Rule(r'"(\\\\|\\"|[^"])*"', String.Single),
            Rule(r"'(\\\\|\\'|[^'])*'", String.Double),
        ],
        "value": [
            include("basics"),
            Rule(r"url\(.*?\)", String.Other),
            Rule(r"#[0-9a-f]{1,6}", Number, flags=re.I),
            Rule(rf"{NUMBER}(?:%|(?:{UNITS})\b)?", Number),
            Rule(r"[\[\]():/.,]", Punctuation),
            Rule(r'"(\\\\|\\"|[^"])*"', String.Single),
            Rule(r"'(\\\\|\\'|[^'])*'", String.Double),
            Rule(IDENT, _value_word),
        ],
        "at_rule": [
            Rule(rf"\{{(?=\s*{IDENT}\s*:)", Punctuation, "at_stanza", flags=re.S),
            Rule(r"\{", Punctuation, "at_body"),
            Rule(r";", Punctuation, "#pop"),
            include("value"),
        ],
        "at_body": [include("at_content"), include("root")],
        "at_stanza": [include("at_content"), include("stanza")],
        "at_content": [Rule(r"\}", _close_at)],
        "basics": [
            Rule(r"\s+", Text),
            Rule(r"/\*(?:.*?)\*/", Comment, flags=re.S),
        ],
        "stanza": [
            include("basics"),
            Rule(r"\}", Punctuation, "#pop"),
            Rule(rf"({IDENT})(\s*)(:)", _property, flags=re.S),
        ],
        "stanza_value": [
            Rule(r";", Punctuation, "#pop"),
            Rule(r"(?=\})", lambda lx, m: lx.pop()),
            Rule(r"!\s*important\b", Comment.Preproc),
            Rule(r"^@.*?$", Comment.Preproc),
            include("value"),
        ],
    }
