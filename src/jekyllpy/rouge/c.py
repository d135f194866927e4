"""Rouge's C and C++ lexers (rouge/lexers/c.rb and cpp.rb, 3.30).

Rouge's C lexer has quirks Pygments' does not: `3.14f` is `3` `.` `14` `f` (a float needs an
exponent), `-1` is an operator and an integer, `label:` at a line start is one `nl` token, and
`struct node` is a plain name. C++ is C with more keywords and rules put in front of C's
(`prepend` in Rouge), written here as a copy of C's states with those rules added.
"""
from __future__ import annotations

import re

from pygments.token import Comment, Error, Keyword, Name, Number, Operator, Punctuation, String, Text

from jekyllpy.rouge.engine import RougeLexer, Rule, include

ID = r"[a-zA-Z_][a-zA-Z0-9_]*"
WS = r"(?:\s|//.*?\n|/[*].*?[*]/)+"

C_KEYWORDS = frozenset("""
auto break case const continue default do else enum extern for goto if register restricted
return sizeof static struct switch typedef union volatile virtual while _Alignas _Alignof _Atomic
_Generic _Imaginary _Noreturn _Static_assert _Thread_local""".split())
C_TYPES = frozenset("""
int long float short double char unsigned signed void jmp_buf FILE DIR div_t ldiv_t mbstate_t
sig_atomic_t fpos_t clock_t time_t va_list size_t ssize_t off_t wchar_t ptrdiff_t wctrans_t
wint_t wctype_t _Bool _Complex int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t
int_least8_t int_least16_t int_least32_t int_least64_t uint_least8_t uint_least16_t
uint_least32_t uint_least64_t int_fast8_t int_fast16_t int_fast32_t int_fast64_t uint_fast8_t
uint_fast16_t uint_fast32_t uint_fast64_t intptr_t uintptr_t intmax_t uintmax_t char16_t
char32_t""".split())
C_RESERVED = frozenset("""
__asm __int8 __based __except __int16 __stdcall __cdecl __fastcall __int32 __declspec __finally
__int61 __try __leave inline _inline __inline naked _naked __naked restrict _restrict __restrict
thread _thread __thread typename _typename __typename""".split())

CPP_KEYWORDS = C_KEYWORDS | frozenset("""
asm auto catch char8_t concept consteval constexpr constinit const_cast co_await co_return
co_yield delete dynamic_cast explicit export friend mutable namespace new operator private
protected public reinterpret_cast requires restrict size_of static_cast this throw throws typeid
typename using virtual final override alignas alignof decltype noexcept static_assert
thread_local try""".split())
CPP_TYPES = C_TYPES | {"bool"}
CPP_RESERVED = C_RESERVED | frozenset("""
__virtual_inheritance __uuidof __super __single_inheritance __multiple_inheritance __interface
__event""".split())


def _word(lexer, m) -> None:
    name = m.group(0)
    if name in lexer.keywords:
        lexer.token(Keyword)
    elif name in lexer.keyword_types:
        lexer.token(Keyword.Type)
    elif name in lexer.reserved:
        lexer.token(Keyword.Reserved)
    else:
        lexer.token(Name)


def _function(lexer, m) -> None:
    lexer.recurse(m.group(1))
    lexer.token(Name.Function, m.group(2))
    lexer.recurse(m.group(3))
    lexer.recurse(m.group(4))
    lexer.token(Punctuation, m.group(5))
    if m.group(5) == "{":
        lexer.push("function")


def _include_groups(lexer, m) -> None:
    lexer.groups(Comment.Preproc, Text, Comment.PreprocFile, Comment.Single)


C_STATES: dict[str, list] = {
    "expr_bol": [
        include("inline_whitespace"),
        Rule(r"#if\s0", Comment, "if_0"),
        Rule(r"#", Comment.Preproc, "macro"),
        Rule(r"", lambda lx, m: lx.pop()),
    ],
    "bol": [
        Rule(rf"{ID}:(?!:)", Name.Label),
        include("expr_bol"),
    ],
    "inline_whitespace": [
        Rule(r"[ \t\r]+", Text),
        Rule(r"\\\n", Text),
        Rule(r"/(\\\n)?[*].*?[*](\\\n)?/", Comment.Multiline, flags=re.S),
    ],
    "whitespace": [
        Rule(r"\n+", Text, "bol"),
        Rule(r"//(\\.|.)*?$", Comment.Single, "bol"),
        include("inline_whitespace"),
    ],
    "expr_whitespace": [
        Rule(r"\n+", Text, "expr_bol"),
        include("whitespace"),
    ],
    "statements": [
        include("whitespace"),
        Rule(r'(u8|u|U|L)?"', String, "string"),
        Rule(r"(u8|u|U|L)?'(\\.|\\[0-7]{1,3}|\\x[a-f0-9]{1,2}|[^\\'\n])'", String.Char, flags=re.I),
        Rule(r"(\d+[.]\d*|[.]?\d+)e[+-]?\d+[lu]*", Number.Float, flags=re.I),
        Rule(r"\d+e[+-]?\d+[lu]*", Number.Float, flags=re.I),
        Rule(r"0x[0-9a-f]+[lu]*", Number.Hex, flags=re.I),
        Rule(r"0[0-7]+[lu]*", Number.Oct, flags=re.I),
        Rule(r"\d+[lu]*", Number.Integer, flags=re.I),
        Rule(r"\*/", Error),
        Rule(r"[~!%^&*+=|?:<>/-]", Operator),
        Rule(r"[()\[\],.;]", Punctuation),
        Rule(r"\bcase\b", Keyword, "case"),
        Rule(r"(?:true|false|NULL)\b", Name.Builtin),
        Rule(ID, _word),
    ],
    "case": [
        Rule(r":", Punctuation, "#pop"),
        include("statements"),
    ],
    "root": [
        include("expr_whitespace"),
        Rule(rf"([\w*\s]+?[\s*])({ID})(\s*\([^;]*?\))((?:{WS})?)({{|;)", _function, flags=re.S),
        Rule(r"\{", Punctuation, "function"),
        include("statements"),
    ],
    "function": [
        include("whitespace"),
        include("statements"),
        Rule(r";", Punctuation),
        Rule(r"\{", Punctuation, "function"),
        Rule(r"\}", Punctuation, "#pop"),
    ],
    "string": [
        Rule(r'"', String, "#pop"),
        Rule(r"""\\([\\abfnrtv"']|x[a-fA-F0-9]{2,4}|[0-7]{1,3})""", String.Escape),
        Rule(r'[^\\"\n]+', String),
        Rule(r"\\\n", String),
        Rule(r"\\", String),
    ],
    "macro": [
        include("include"),
        Rule(r"[^/\n\\]+", Comment.Preproc),
        Rule(r"\\.", Comment.Preproc, flags=re.S),
        include("inline_whitespace"),
        Rule(r"/", Comment.Preproc),
        Rule(r"\n", Comment.Preproc, "#pop"),
    ],
    "include": [
        Rule(r"(include)(\s*)(<[^>]+>)([^\n]*)", _include_groups),
        Rule(r'(include)(\s*)("[^"]+")([^\n]*)', _include_groups),
    ],
    "if_0": [
        Rule(r"^\s*#if", Comment, "if_0"),
        Rule(r"^\s*#\s*el(?:se|if)", Comment, "#pop"),
        Rule(r"^\s*#\s*endif\b.*?(?<!\\)\n", Comment, "#pop", flags=re.S),
        Rule(r".*?\n", Comment),
    ],
}


class CLexer(RougeLexer):
    name = "C (Rouge)"
    aliases = ["c"]
    ruby_classes = "wds"
    start_states = ("bol",)
    keywords, keyword_types, reserved = C_KEYWORDS, C_TYPES, C_RESERVED
    states = C_STATES


DQ = r"\d(?:'?\d)*"
HEX = "[0-9a-fA-F]"

CPP_STATES = dict(C_STATES)
CPP_STATES["root"] = [Rule(r"(?:__offload|__blockingoffload|__outer)\b", Keyword.Pseudo)] + C_STATES["root"]
CPP_STATES["statements"] = [
    Rule(r"(class|struct)\b", Keyword, "classname"),
    Rule(r"template\b", Keyword, "template"),
    Rule(rf"{DQ}(\.{DQ})?(?:y|d|h|(?:min)|s|(?:ms)|(?:us)|(?:ns)|i|(?:if)|(?:il))\b", Number.Other),
    Rule(rf"({DQ}[.](?:{DQ})?|[.]{DQ})(e[+-]?{DQ}[lu]*)?", Number.Float, flags=re.I),
    Rule(rf"{DQ}e[+-]?{DQ}[lu]*", Number.Float, flags=re.I),
    Rule(rf"0x{HEX}('?{HEX})*[lu]*", Number.Hex, flags=re.I),
    Rule(r"0b[01]+('[01]+)*", Number.Bin),
    Rule(r"0[0-7]('?[0-7])*[lu]*", Number.Oct, flags=re.I),
    Rule(rf"{DQ}[lu]*", Number.Integer, flags=re.I),
    Rule(r"\bnullptr\b", Name.Builtin),
    Rule(r"""(?:u8|u|U|L)?R"([a-zA-Z0-9_{}\[\]#<>%:;.?*+\-/^&|~!=,"']{0,16})\(.*?\)\1\"""", String, flags=re.S),
    Rule(r"(::|<=>)", Operator),
    Rule(r"[{}]", Punctuation),
] + C_STATES["statements"]
CPP_STATES["classname"] = [
    Rule(ID, Name.Class, "#pop"),
    include("whitespace"),
    Rule(r"[.]{3}", Operator),
    Rule(r",", Punctuation, "#pop"),
    Rule(r"", lambda lx, m: lx.pop()),
]
CPP_STATES["template"] = [
    Rule(r"[>;]", Punctuation, "#pop"),
    Rule(r"typename\b", Keyword, "classname"),
    include("statements"),
]
CPP_STATES["case"] = [
    Rule(r":(?!:)", Punctuation, "#pop"),
    include("statements"),
]


class CppLexer(CLexer):
    name = "C++ (Rouge)"
    aliases = ["cpp", "c++"]
    keywords, keyword_types, reserved = CPP_KEYWORDS, CPP_TYPES, CPP_RESERVED
    states = CPP_STATES
