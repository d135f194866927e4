"""Rouge's Java lexer (rouge/lexers/java.rb, 3.30): a method signature is found by one
pattern whose return-type part is lexed again by the same lexer; `.name` is `na`, capitalised
names are classes or constants."""
from __future__ import annotations

import re

from pygments.token import Comment, Keyword, Name, Number, Operator, String, Text

from jekyllpy.rouge.engine import RougeLexer, Rule

KEYWORDS = "assert break case catch continue default do else finally for if goto instanceof new return switch this throw try while".split()
DECLARATIONS = """abstract const enum extends final implements native private protected public static strictfp
super synchronized throws transient volatile""".split()
TYPES = "boolean byte char double float int long short var void".split()

ID = r"[^\W\d]\w*"
CONST_NAME = r"[A-Z][A-Z0-9_]*\b"
CLASS_NAME = r"[A-Z][^\W_]*\b"
DIGIT = r"(?:[0-9]_+[0-9]|[0-9])"
BIN_DIGIT = r"(?:[01]_+[01]|[01])"
OCT_DIGIT = r"(?:[0-7]_+[0-7]|[0-7])"
HEX_DIGIT = r"(?:[0-9a-f]_+[0-9a-f]|[0-9a-f])"


def _signature(lexer, m) -> None:
    lexer.delegate(JavaLexer, m.group(1))
    lexer.token(Name.Function, m.group(2))
    lexer.token(Text, m.group(3))
    lexer.token(Operator, m.group(4))


class JavaLexer(RougeLexer):
    name = "Java (Rouge)"
    aliases = ["java"]
    ruby_classes = "s"

    states = {
        "root": [
            Rule(r"[^\S\n]+", Text),
            Rule(r"//.*?$", Comment.Single),
            Rule(r"/\*.*?\*/", Comment.Multiline, flags=re.S),
            Rule(rf"(?:{'|'.join(KEYWORDS)})\b", Keyword),
            Rule(r"(\s*(?:[a-zA-Z_][a-zA-Z0-9_.\[\]<>]*\s+)+?)([a-zA-Z_][a-zA-Z0-9_]*)(\s*)(\()", _signature,
                 flags=re.S),
            Rule(rf"@{ID}", Name.Decorator),
            Rule(rf"(?:{'|'.join(DECLARATIONS)})\b", Keyword.Declaration),
            Rule(rf"(?:{'|'.join(TYPES)})\b", Keyword.Type),
            Rule(r"(?:true|false|null)\b", Keyword.Constant),
            Rule(r"(?:class|interface)\b", Keyword.Declaration, "class"),
            Rule(r"(?:import|package)\b", Keyword.Namespace, "import"),
            Rule(r'"(\\\\|\\"|[^"])*"', String),
            Rule(r"'(?:\\.|[^\\]|\\u[0-9a-f]{4})'", String.Char),
            Rule(rf"(\.)({ID})", lambda lx, m: lx.groups(Operator, Name.Attribute)),
            Rule(rf"{ID}:", Name.Label),
            Rule(CONST_NAME, Name.Constant),
            Rule(CLASS_NAME, Name.Class),
            Rule(rf"\$?{ID}", Name),
            Rule(r"[~^*!%&\[\](){}<>|+=:;,./?-]", Operator),
            Rule(rf"{DIGIT}+\.{DIGIT}+([eE]{DIGIT}+)?[fd]?", Number.Float),
            Rule(rf"0b{BIN_DIGIT}+", Number.Bin, flags=re.I),
            Rule(rf"0x{HEX_DIGIT}+", Number.Hex, flags=re.I),
            Rule(rf"0{OCT_DIGIT}+", Number.Oct),
            Rule(rf"{DIGIT}+L?", Number.Integer),
            Rule(r"\n", Text),
        ],
        "class": [
            Rule(r"\s+", Text),
            Rule(ID, Name.Class, "#pop"),
        ],
        "import": [
            Rule(r"\s+", Text),
            Rule(r"[a-z0-9_.]+\*?", Name.Namespace, "#pop", flags=re.I),
        ],
    }
