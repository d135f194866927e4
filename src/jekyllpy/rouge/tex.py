"""Rouge's TeX lexer (rouge/lexers/tex.rb, 3.30: `tex`, `TeX`, `LaTeX`, `latex`): commands
are `k` (`nv` inside math), `\\begin{...}` is `nt`, math text `nb`, comments `c`."""
from __future__ import annotations

import re

from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

from jekyllpy.rouge.engine import RougeLexer, Rule, include

COMMAND = r"\\([a-z]+|\s+|.)"


class TexLexer(RougeLexer):
    name = "TeX (Rouge)"
    aliases = ["tex", "latex"]
    ruby_classes = "wds"

    states = {
        "general": [
            Rule(r"%.*$", Comment),
            Rule(r"[{}&_^]", Punctuation),
        ],
        "root": [
            Rule(r"\\\[", Punctuation, "displaymath"),
            Rule(r"\\\(", Punctuation, "inlinemath"),
            Rule(r"\$\$", Punctuation, "displaymath"),
            Rule(r"\$", Punctuation, "inlinemath"),
            Rule(r"\\(begin|end)\{.*?\}", Name.Tag),
            Rule(r"(\\verb)\b(\S)(.*?)(\2)",
                 lambda lx, m: lx.groups(Name.Builtin, Keyword.Pseudo, String.Other, Keyword.Pseudo)),
            Rule(COMMAND, Keyword, "command", flags=re.I),
            include("general"),
            Rule(r"[^\\$%&_^{}]+", Text),
        ],
        "math": [
            Rule(COMMAND, Name.Variable, flags=re.I),
            include("general"),
            Rule(r"[0-9]+", Number),
            Rule(r"[-=!+*/()\[\]]", Operator),
            Rule(r"[^=!+*/()\[\]\\$%&_^{}0-9-]+", Name.Builtin),
        ],
        "inlinemath": [
            Rule(r"\\\)", Punctuation, "#pop"),
            Rule(r"\$", Punctuation, "#pop"),
            include("math"),
        ],
        "displaymath": [
            Rule(r"\\\]", Punctuation, "#pop"),
            Rule(r"\$\$", Punctuation, "#pop"),
            Rule(r"\$", Name.Builtin),
            include("math"),
        ],
        "command": [
            Rule(r"\[.*?\]", Name.Attribute),
            Rule(r"\*", Keyword),
            Rule(r"", lambda lx, m: lx.pop()),
        ],
    }
