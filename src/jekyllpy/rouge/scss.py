"""Rouge's SCSS lexer (rouge/lexers/scss.rb on sass/common.rb, 3.30: `scss`).

Why a port: Rouge decides per statement whether it reads a selector, a property or a value
by look-ahead (`x: y;` is an attribute, `a:hover {` a selector), every `;`, `{` or `}` returns
to the top state, and values use CSS's word lists (`nb`/`no`) while properties are `nl` when
CSS knows them and `na` when not. Pygments' SCSS lexer classes selectors, properties and
numbers differently (about 62% of characters alike on our fixture).
"""
from __future__ import annotations

import re

from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

from jekyllpy.rouge.css import names
from jekyllpy.rouge.engine import RougeLexer, Rule, include

ID = r"[\w-]+"


def _groups_then_push(*types, state: str):
    def action(lexer, m) -> None:
        lexer.groups(*types)
        lexer.push(state)
    return action


def _end_section(lexer, m) -> None:
    """Rouge's `reset_stack`: `;`, `{` and `}` end whatever statement was being read."""
    lexer.token(Punctuation)
    lexer.stack = ["root"]


def _value_word(lexer, m) -> None:
    word = m.group(0)
    if word in names()["builtins"]:
        lexer.token(Name.Builtin)
    elif word in names()["constants"]:
        lexer.token(Name.Constant)
    else:
        lexer.token(Name)


def _attribute_word(lexer, m) -> None:
    lexer.token(Name.Label if m.group(0) in names()["attributes"] else Name.Attribute)


class ScssLexer(RougeLexer):
    name = "SCSS (Rouge)"
    aliases = ["scss"]
    ruby_classes = "wds"

    states = {
        "root": [
            Rule(r"\s+", Text),
            Rule(r"//.*?$", Comment.Single),
            Rule(r"/[*].*?[*]/", Comment.Multiline, flags=re.S),
            Rule(r"@import\b", Keyword, "value"),
            include("content_common"),
            Rule(r"(?=[^;{}][;}])", lambda lx, m: lx.push("attribute")),
            Rule(r"(?=[^;{}:\[]+:[^a-z])", lambda lx, m: lx.push("attribute")),
            Rule(r"", lambda lx, m: lx.push("selector")),
        ],
        "end_section": [
            Rule(r"\n", Text),
            Rule(r"[;{}]", _end_section),
        ],
        "content_common": [
            Rule(r"@for\b", Keyword, "for"),
            Rule(r"@(debug|warn|if|each|while|else|return|media)", Keyword, "value"),
            Rule(rf"(@mixin)(\s+)({ID})", _groups_then_push(Keyword, Text, Name.Function, state="value")),
            Rule(rf"(@function)(\s+)({ID})", _groups_then_push(Keyword, Text, Name.Function, state="value")),
            Rule(r"@extend\b", Keyword, "selector"),
            Rule(rf"(@include)(\s+)({ID})", _groups_then_push(Keyword, Text, Name.Decorator, state="value")),
            Rule(rf"@{ID}", Keyword, "selector"),
            Rule(r"&", Keyword, "selector"),
            Rule(rf"([$]{ID})([ \t]*)(:)", _groups_then_push(Name.Variable, Text, Punctuation, state="value")),
        ],
        "value": [
            include("end_section"),
            Rule(r"[ \t]+", Text),
            Rule(rf"[$]{ID}", Name.Variable),
            Rule(r"url[(]", String.Other, "string_url"),
            Rule(rf"{ID}(?=\s*[(])", Name.Function),
            Rule(rf"%{ID}", Name.Decorator),
            Rule(r"(true|false)\b", Name.Builtin.Pseudo),
            Rule(r"(and|or|not)\b", Operator.Word),
            Rule(r"#[a-z0-9]{1,6}", Number.Hex, flags=re.I),
            Rule(r"-?\d+(%|[a-z]+)?", Number),
            Rule(r"-?\d*\.\d+(%|[a-z]+)?", Number.Integer),
            include("has_strings"),
            include("has_interp"),
            Rule(r"[~^*!&%<>|+=@:,./?-]+", Operator),
            Rule(r"[\[\]()]+", Punctuation),
            Rule(r"/[*]", Comment.Multiline, "inline_comment"),
            Rule(r"//[^\n]*", Comment.Single),
            Rule(ID, _value_word),
        ],
        "has_interp": [Rule(r"[#][{]", String.Interpol, "interpolation")],
        "has_strings": [
            Rule(r'"', String.Double, "dq"),
            Rule(r"'", String.Single, "sq"),
        ],
        "interpolation": [Rule(r"\}", String.Interpol, "#pop"), include("value")],
        "selector": [
            include("end_section"),
            include("has_strings"),
            include("has_interp"),
            Rule(r"[ \t]+", Text),
            Rule(r":", Name.Decorator, "pseudo_class"),
            Rule(r"[.]", Name.Class, "class"),
            Rule(r"#", Name.Namespace, "id"),
            Rule(r"%", Name.Variable, "placeholder"),
            Rule(ID, Name.Tag),
            Rule(r"&", Keyword),
            Rule(r"[~^*!&\[\]()<>|+=@:;,./?-]", Operator),
        ],
        "dq": [
            Rule(r'"', String.Double, "#pop"),
            include("has_interp"),
            Rule(r'(\\.|#(?![{])|[^\n"#])+', String.Double),
        ],
        "sq": [
            Rule(r"'", String.Single, "#pop"),
            include("has_interp"),
            Rule(r"(\\.|#(?![{])|[^\n'#])+", String.Single),
        ],
        "string_url": [
            Rule(r"[)]", String.Other, "#pop"),
            Rule(r"(\\.|#(?![{])|[^\n)#])+", String.Other),
            include("has_interp"),
        ],
        "selector_piece": [
            include("has_interp"),
            Rule(r"", lambda lx, m: lx.pop()),
        ],
        "pseudo_class": [Rule(ID, Name.Decorator), include("selector_piece")],
        "class": [Rule(ID, Name.Class), include("selector_piece")],
        "id": [Rule(ID, Name.Namespace), include("selector_piece")],
        "placeholder": [Rule(ID, Name.Variable), include("selector_piece")],
        "for": [Rule(r"(from|to|through)", Operator.Word), include("value")],
        "attr_common": [include("has_interp"), Rule(ID, _attribute_word)],
        "attribute": [
            include("attr_common"),
            Rule(r"([ \t]*)(:)", _groups_then_push(Text, Punctuation, state="value")),
        ],
        "inline_comment": [
            Rule(r"(\\#|#(?=[^\n{])|\*(?=[^\n/])|[^\n#*])+", Comment.Multiline),
            include("has_interp"),
            Rule(r"[*]/", Comment.Multiline, "#pop"),
        ],
    }
