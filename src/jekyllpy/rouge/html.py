"""Rouge's HTML lexer (rouge/lexers/html.rb, 3.30): `<` and tag names are one `nt` token,
attribute names include ` = ` (`na`), and `<script>`/`<style>` bodies go to one JavaScript and
one CSS lexer per page that keep their state from piece to piece."""
from __future__ import annotations

import re

from pygments.token import Comment, Name, String, Text

from jekyllpy.rouge.css import CssLexer
from jekyllpy.rouge.engine import RougeLexer, Rule, include
from jekyllpy.rouge.javascript import JavascriptLexer

CF = r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
NAME = rf"(?:[^\W\d]|[:_-])[\w{CF}:.·-]*"


def _script(lexer, m) -> None:
    lexer.token(Name.Tag)
    lexer.javascript.restart()
    lexer.push("script_content")
    lexer.push("tag")


def _style(lexer, m) -> None:
    lexer.token(Name.Tag)
    lexer.css.restart()
    lexer.push("style_content")
    lexer.push("tag")


def _goto(state, ttype=None):
    def action(lexer, m) -> None:
        if ttype is not None:
            lexer.token(ttype)
        lexer.goto(state)
    return action


class HtmlLexer(RougeLexer):
    name = "HTML (Rouge)"
    aliases = ["html"]
    ruby_classes = "s"

    def reset(self) -> None:
        self.javascript = JavascriptLexer(**self.options)
        self.css = CssLexer(**self.options)

    states = {
        "root": [
            Rule(r"[^<&]+", Text),
            Rule(r"&\S*?;", Name.Entity),
            Rule(r"<!DOCTYPE .*?>", Comment.Preproc, flags=re.I | re.S),
            Rule(r"<!\[CDATA\[.*?\]\]>", Comment.Preproc, flags=re.S),
            Rule(r"<!--", Comment, "comment"),
            Rule(r"<\?.*?\?>", Comment.Preproc, flags=re.S),
            Rule(r"<\s*script\s*", _script),
            Rule(r"<\s*style\s*", _style),
            Rule(r"</", Name.Tag, "tag_end"),
            Rule(r"<", Name.Tag, "tag_start"),
            Rule(rf"<\s*{NAME}", Name.Tag, "tag"),
            Rule(rf"<\s*/\s*{NAME}\s*>", Name.Tag),
        ],
        "tag_end": [
            include("tag_end_end"),
            Rule(NAME, _goto("tag_end_end", Name.Tag)),
        ],
        "tag_end_end": [
            Rule(r"\s+", Text),
            Rule(r">", Name.Tag, "#pop"),
        ],
        "tag_start": [
            Rule(r"\s+", Text),
            Rule(NAME, _goto("tag", Name.Tag)),
            Rule(r"", _goto("tag")),
        ],
        "comment": [
            Rule(r"[^-]+", Comment),
            Rule(r"-->", Comment, "#pop"),
            Rule(r"-", Comment),
        ],
        "tag": [
            Rule(r"\s+", Text),
            Rule(rf"(?:[^\W\d]|[:_\[\]()*.-])[\w{CF}:.·\[\]()*-]*\s*=\s*", Name.Attribute, "attr"),
            Rule(rf"(?:[^\W\d]|[:_*#-])[\w{CF}:.·*#-]*", Name.Attribute),
            Rule(r"/?\s*>", Name.Tag, "#pop"),
        ],
        "attr": [
            Rule(r'"', _goto("dq", String)),
            Rule(r"'", _goto("sq", String)),
            Rule(r"[^\s>]+", String, "#pop"),
        ],
        "dq": [
            Rule(r'"', String, "#pop"),
            Rule(r'[^"]+', String),
        ],
        "sq": [
            Rule(r"'", String, "#pop"),
            Rule(r"[^']+", String),
        ],
        "script_content": [
            Rule(r"[^<]+", lambda lx, m: lx.delegate(lx.javascript)),
            Rule(r"<\s*/\s*script\s*>", Name.Tag, "#pop"),
            Rule(r"<", lambda lx, m: lx.delegate(lx.javascript)),
        ],
        "style_content": [
            Rule(r"[^<]+", lambda lx, m: lx.delegate(lx.css)),
            Rule(r"<\s*/\s*style\s*>", Name.Tag, "#pop"),
            Rule(r"<", lambda lx, m: lx.delegate(lx.css)),
        ],
    }
