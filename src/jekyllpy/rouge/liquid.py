r"""Rouge's Liquid lexer (rouge/lexers/liquid.rb, 3.30: `liquid`) on the Rouge run loop.

Why a port: Pygments' Liquid lexer classes tags, filters and variables otherwise (Rouge: tag
names `nt`, control words `kr`, filters `nf`, `{%`/`%}` `p`, whitespace inside tags `w`, a
`for` loop's collection by whether it holds a quoted string), and the end of every tag resets
the state stack to the root (Rouge's `reset_stack`), which a Pygments `#pop` cannot express.
"""
from __future__ import annotations

import re

from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

from jekyllpy.rouge.engine import RougeLexer, Rule, include

W = Text.Whitespace


def _groups(*types, push=None, pop=False):
    def action(lexer, m) -> None:
        lexer.groups(*types)
        if pop:
            lexer.pop()
        if push:
            lexer.push(push)
    return action


def _reset_stack(*types):
    """Rouge's `reset_stack`: the end of a tag returns to the root, however deep the stack."""
    def action(lexer, m) -> None:
        if types:
            lexer.groups(*types)
        else:
            lexer.token(Punctuation)
        lexer.stack[:] = ["root"]
    return action


def _quoted_class(text: str | None):
    """Rouge's `case … when /'[^']*'/`: a quoted part anywhere decides the string type."""
    if text and re.search(r"'[^']*'", text):
        return String.Single
    if text and re.search(r'"[^"]*"', text):
        return String.Double
    return None


def _cycle(lexer, m) -> None:
    lexer.groups(Name.Tag, W, _quoted_class(m.group(3)) or Name.Attribute, W, Punctuation, W)
    lexer.push("variable_tag_markup")


def _for(lexer, m) -> None:
    lexer.groups(Name.Tag, W, Name.Variable, W, Name.Tag, W)
    lexer.token(_quoted_class(m.group(7)) or Name.Variable, m.group(7))
    lexer.token(W, m.group(8))
    lexer.push("tag_markup")


class LiquidLexer(RougeLexer):
    name = "Liquid (Rouge)"
    aliases = ["liquid"]
    ruby_classes = "wds"

    states = {
        "root": [
            Rule(r"[^{]+", Text),
            Rule(r"(\{%-?)(\s*)", _groups(Punctuation, W, push="tag_or_block")),
            Rule(r"(\{\{-?)(\s*)", _groups(Punctuation, W, push="output")),
            Rule(r"\{", Text),
        ],
        "tag_or_block": [
            Rule(r"(if|elsif|unless|case)\b", Keyword.Reserved, "condition"),
            Rule(r"(when)\b", Keyword.Reserved, "when"),
            Rule(r"(else)(\s*)(-?%\})", _groups(Keyword.Reserved, W, Punctuation, pop=True)),
            Rule(r"(capture|(?:in|de)crement)(\s+)([^\s%]+)(\s*)(-?%\})",
                 _groups(Name.Tag, W, Name.Variable, W, Punctuation, pop=True)),
            Rule(r"(comment)(\s*)(-?%\})", _groups(Name.Tag, W, Punctuation, push="comment")),
            Rule(r"(raw)(\s*)(-?%\})", _groups(Name.Tag, W, Punctuation, push="raw")),
            Rule(r"(end(?:if|unless|case))(\s*)(-?%\})", _groups(Keyword.Reserved, W, Punctuation, pop=True)),
            Rule(r"(end(?:[^\s%]+))(\s*)(-?%\})", _groups(Name.Tag, W, Punctuation, pop=True)),
            Rule(r"(assign|echo)\b", Name.Tag, "assign"),
            Rule(r"(include|render)\b", Name.Tag, "include"),
            Rule(r"(cycle)(\s+)(?:([^\s:]*)(\s*)(:))?(\s*)", _cycle),
            Rule(r"""(for|tablerow)(\s+)([\w-]+)(\s+)(in)(\s+)((?:[^\s%,|'"]|(?:"[^"]*"|'[^']*'))+)(\s*)""", _for),
            Rule(r"([^\s%]+)(\s*)", _groups(Name.Tag, W, push="tag_markup")),
        ],
        "output": [
            Rule(r"(\|)(\s*)([a-zA-Z_][^\s}|:]*)", _groups(Punctuation, W, Name.Function, push="filters")),
            include("end_of_tag"),
            include("generic"),
        ],
        "filters": [
            Rule(r"(\|)(\s*)([a-zA-Z_][^\s%}|:]*)", _groups(Punctuation, W, Name.Function)),
            include("end_of_tag"),
            include("end_of_block"),
            include("variable_param_markup"),
        ],
        "condition": [
            Rule(r"([=!]=|[<>]=?)", Operator),
            Rule(r"(and|or|contains)\b", Operator.Word),
            include("end_of_block"),
            include("generic"),
        ],
        "when": [
            include("end_of_block"),
            include("generic"),
        ],
        "end_of_tag": [Rule(r"-?\}\}", _reset_stack())],
        "end_of_block": [Rule(r"-?%\}", _reset_stack())],
        "param_markup": [
            include("whitespace"),
            include("keyword"),
            include("string"),
            include("number"),
            Rule(r"([^\s=:]+)(\s*)(=|:)", _groups(Name.Attribute, W, Operator)),
            Rule(r"[,:]", Punctuation),
        ],
        "default_param_markup": [
            include("param_markup"),
            Rule(r"\S+", Text),
        ],
        "variable_param_markup": [
            include("param_markup"),
            include("variable"),
            Rule(r"\S+", Text),
        ],
        "tag_markup": [
            Rule(r"(reversed)\b", Name.Attribute),
            include("end_of_block"),
            include("default_param_markup"),
        ],
        "variable_tag_markup": [
            include("end_of_block"),
            include("variable_param_markup"),
        ],
        "keyword": [Rule(r"(false|true|nil)\b", Keyword.Constant)],
        "variable": [
            Rule(r"(empty|blank|forloop\.[^\s%}|:]+)\b", Name.Builtin),
            Rule(r"\.(?=\w)|\[|\]", Punctuation),
            Rule(r"(first|last|size)\b", Name.Function),
            Rule(r"[a-zA-Z_][\w-]*\??", Name.Variable),
        ],
        "string": [
            Rule(r"'[^']*'", String.Single),
            Rule(r'"[^"]*"', String.Double),
        ],
        "number": [
            Rule(r"-", Operator),
            Rule(r"\d+\.\d+", Number.Float),
            Rule(r"\d+", Number.Integer),
        ],
        "generic": [
            include("whitespace"),
            include("keyword"),
            include("string"),
            include("number"),
            include("variable"),
        ],
        "whitespace": [Rule(r"[ \t]+", W)],
        "comment": [
            Rule(r"[^{]+", Comment),
            Rule(r"(\{%-?)(\s*)(endcomment)(\s*)(-?%\})", _reset_stack(Punctuation, W, Name.Tag, W, Punctuation)),
            Rule(r"\{", Comment),
        ],
        "raw": [
            Rule(r"[^{]+", Text),
            Rule(r"(\{%-?)(\s*)(endraw)(\s*)(-?%\})", _reset_stack(Punctuation, W, Name.Tag, W, Punctuation)),
            Rule(r"\{", Text),
        ],
        "assign": [
            Rule(r"=", Operator),
            Rule(r"(\|)(\s*)([a-zA-Z_][^\s%|:]*)", _groups(Punctuation, W, Name.Function, push="filters")),
            include("end_of_block"),
            include("generic"),
        ],
        "include": [
            Rule(r"(\{\{-?)(\s*)", _groups(Punctuation, W, push="output_embed")),
            Rule(r"(with|for)\b", Name.Tag),
            Rule(r"[/\w-]+(\.[\w-]+)+\b", Text),
            include("variable_tag_markup"),
        ],
        "output_embed": [
            Rule(r"(\|)(\s*)([a-zA-Z_][^\s}|:]*)", _groups(Punctuation, W, Name.Function)),
            Rule(r"-?\}\}", Punctuation, "#pop"),
            include("variable_param_markup"),
        ],
    }
