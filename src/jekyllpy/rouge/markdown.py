r"""Rouge's Markdown lexer (rouge/lexers/markdown.rb, 3.30: `markdown`, `md`, `mkd`) on the
Rouge run loop.

Why a port: Pygments' Markdown lexer has other rules and classes (Rouge marks headings
`gh`/`gu`, list markers and rules `p`, block quotes `gt`, link texts `nv` and URLs `sx`,
inline HTML through its HTML lexer), and a fenced block inside Markdown is highlighted by the
lexer Rouge picks for its info string: a ported one where we have it, Pygments' for another
language Rouge knows, Rouge's plain `sb` string for a name Rouge does not know, and for a
fence without a name Rouge's guess from the code (shebangs, doctypes …; `guess` below).
"""
from __future__ import annotations

import functools
import re
from importlib import resources

from pygments.token import Generic, Name, Punctuation, String, Text

from jekyllpy.rouge.engine import RougeLexer, Rule

EDOT = r"(?:\\.|[^\\\n])"


@functools.lru_cache(maxsize=1)
def rouge_names() -> frozenset:
    """Every tag and alias Rouge's `Lexer.find` knows (data/rouge_lexer_names.txt)."""
    text = resources.files("jekyllpy.rouge").joinpath("data/rouge_lexer_names.txt").read_text()
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


_SHEBANGS = [(r"(ba|z|k)?sh", "shell"), (r"pythonw?(?:[23](?:\.\d+)?)?", "python"), ("ruby", "ruby"),
             ("node", "javascript"), ("jsc", "javascript"), ("Rscript", "r"), ("perl", "perl"),
             ("php", "php"), ("lua", "lua"), ("julia", "julia"), ("awk", "awk"), ("sed", "sed"),
             ("rustc", "rust"), ("groovy", "groovy"), ("crystal", "crystal"), ("tclsh", "tcl"),
             ("wish", "tcl"), ("coffee", "coffeescript"), ("runhaskell", "haskell")]


def guess(code: str | None) -> str:
    """The lexer Rouge's `Lexer.guess(source:)` picks for a fence without a language: the
    lexers whose `detect?` accepts the code (by shebang, doctype, a leading `<?xml`, a TeX
    preamble, a diff header …), else plain text."""
    if not code:
        return "plaintext"
    shebang = re.match(r"\s*#!(.*)", code)
    if shebang:
        for pattern, tag in _SHEBANGS:
            if re.search(rf"\b{pattern}(\s|$)", shebang.group(1)):
                return tag
    doctype = re.match(r"\s*(?:<\?.*?\?>\s*)?<!DOCTYPE\s+(.+?)>", code, re.S | re.I)
    if doctype and re.search(r"\bhtml\b", doctype.group(1), re.I):
        return "html"
    if re.match(r"<\?xml\b", code):
        return "xml"
    if re.search(r"<\s*html\b", code):
        return "html"
    if doctype:
        return "xml"
    if re.match(r"\s*\\(documentclass|input|documentstyle|relax|ProvidesPackage|ProvidesClass)", code):
        return "tex"
    if re.match(r"\s*%YAML", code):
        return "yaml"
    if code.startswith("Index: ") or re.match(r"diff[^\n]*?\ba/[^\n]*\bb/", code) \
            or re.search(r"---.*?\n[+][+][+]", code) or re.search(r"[+][+][+].*?\n---", code):
        return "diff"
    if re.search(r"^<\?php", code, re.M):
        return "php"
    if re.search(r"^\s*(model|package)\s+", code, re.M):
        return "mosel"
    if re.search(r"^%!", code, re.M):
        return "postscript"
    return "plaintext"


class _Sublexer:
    """What a fence's code is lexed with, continuing across the lines of an unclosed fence
    (Rouge keeps one sublexer per fence)."""

    def __init__(self, name: str | None, code: str | None, options: dict) -> None:
        from jekyllpy.highlight import _lexer
        from jekyllpy.rouge import lexer_for

        name = name.split("?", 1)[0] if name and "?" in name else name
        self.plain = None
        self.ported = self.pygments = None
        if not name or name == "guess":
            name = guess(code)
        elif name not in rouge_names():
            self.plain = String.Backtick  # Rouge: PlainText with token: Str::Backtick
            return
        if name in ("plaintext", "text"):
            self.plain = Text
            return
        # Rouge's capitalised aliases (`R`, `TeX` …) name lexers we register in lower case
        self.ported = lexer_for(name) or lexer_for(name.lower())
        if self.ported is not None:
            if hasattr(self.ported, "restart"):
                self.ported.restart()
            return
        self.pygments = _lexer(name) or _lexer(name.lower())
        if self.pygments is None:
            self.plain = Text

    def tokens(self, text: str):
        if self.plain is not None:
            return [(0, self.plain, text)] if text else []
        if self.ported is not None:
            if hasattr(self.ported, "continue_lex"):
                return self.ported.continue_lex(text)
            return self.ported.get_tokens_unprocessed(text)
        return self.pygments.get_tokens_unprocessed(text)


def _emit(lexer, sub: _Sublexer, text: str, offset: int) -> None:
    for index, ttype, value in sub.tokens(text):
        lexer._out.append((offset + index, ttype, value))


def _fence(lexer, m) -> None:
    sub = _Sublexer(m.group(3).strip(), m.group(5), lexer.options)
    base = lexer._pos - m.start()
    lexer.token(Text, m.group(1))
    lexer._pos = base + m.start(2)
    lexer.token(Punctuation, m.group(2))
    lexer._pos = base + m.start(3)
    lexer.token(Name.Label, m.group(3))
    if m.group(5) is not None:
        _emit(lexer, sub, m.group(5), base + m.start(5))
    if m.group(6) is not None:
        lexer._pos = base + m.start(6)
        lexer.token(Text, m.group(6))
    if m.group(7) is not None:
        lexer._pos = base + m.start(7)
        lexer.token(Punctuation, m.group(7))
    else:
        lexer.fence_sublexer = sub
        fence = m.group(2)
        lexer.push(MarkdownLexer.define_state(f"fence {fence}", lambda: [
            Rule(rf"^([ \t]*)({re.escape(fence)})", _fence_end),
            Rule(r"^.*\n", lambda lx, mb: _emit(lx, lx.fence_sublexer, mb.group(0), lx._pos)),
        ]))


def _fence_end(lexer, m) -> None:
    lexer.pop()
    lexer.groups(Text, Punctuation)


def _reference(lexer, m) -> None:
    lexer.groups(Text, Punctuation, String.Symbol, Punctuation, Text, Punctuation)
    lexer.push("title")
    lexer.push("url")


def _link(lexer, m) -> None:
    lexer.groups(Punctuation, Name.Variable, Punctuation)
    lexer.push("link")


def _link_ref(lexer, m) -> None:
    lexer.groups(Punctuation, String.Symbol, Punctuation)
    lexer.pop()


def _inline_link(lexer, m) -> None:
    lexer.token(Punctuation)
    lexer.push("inline_title")
    lexer.push("inline_url")


def _url(lexer, m) -> None:
    lexer.groups(Name.Tag, String.Other, Name.Tag)
    lexer.pop()


def _pop(lexer, m) -> None:
    lexer.pop()


def _yaml(lexer, m) -> None:
    from jekyllpy.rouge.yaml import YamlLexer

    lexer.delegate(YamlLexer)


class MarkdownLexer(RougeLexer):
    name = "Markdown (Rouge)"
    aliases = ["markdown", "md", "mkd"]
    ruby_classes = "wds"

    def reset(self) -> None:
        from jekyllpy.rouge.html import HtmlLexer

        self.html = HtmlLexer(**self.options)
        self.html.restart()
        self.fence_sublexer = None

    states = {
        "root": [
            Rule(r"\A(---\s*\n.*?\n?)^(---\s*$\n?)", _yaml, flags=re.S),
            Rule(r"\\.", String.Escape),
            Rule(r"^[^\t\n\v\f\r]+\n(?:---*)\n", Generic.Heading),
            Rule(r"^[^\t\n\v\f\r]+\n(?:===*)\n", Generic.Subheading),
            Rule(r"^#(?=[^#]).*?$", Generic.Heading),
            Rule(r"^##*.*?$", Generic.Subheading),
            Rule(r"^([ \t]*)(`{3,}|~{3,})([^\n]*\n)((.*?)(\n\1)(\2))?", _fence, flags=re.S),
            Rule(r"\n\n((    |\t).*?\n|\n)+", String.Backtick),
            Rule(rf"(`+)(?:{EDOT}|\n)+?\1", String.Backtick),
            Rule(r"^(\s*[*]){3,}\s*$", Punctuation),
            Rule(r"^(\s*[-]){3,}\s*$", Punctuation),
            Rule(r"^\s*[*+-](?=\s)", Punctuation),
            Rule(r"^\s*\d+\.", Punctuation),
            Rule(r"^\s*>.*?$", Generic.Traceback),
            Rule(rf"^(\s*)(\[)({EDOT}+?)(\])(\s*)(:)", _reference),
            Rule(rf"(!?\[)({EDOT}*?|[^\]]*?)(\])(?=[\[(])", _link),
            Rule(rf"[*][*]{EDOT}*?[*][*]", Generic.Strong),
            Rule(rf"__{EDOT}*?__", Generic.Strong),
            Rule(rf"[*]{EDOT}*?[*]", Generic.Emph),
            Rule(rf"_{EDOT}*?_", Generic.Emph),
            Rule(r"<.*?@.+[.].+>", Name.Variable),
            Rule(rf"<(https?|mailto|ftp)://{EDOT}*?>", Name.Variable),
            Rule(r"[^\\`\[*\n&<]+", Text),
            Rule(r"&\S*;", lambda lx, m: lx.delegate(lx.html)),
            Rule(rf"<{EDOT}*?>", lambda lx, m: lx.delegate(lx.html)),
            Rule(r"[&<]", Text),
            Rule(r"\[", Text),
            Rule(r"\n", Text),
        ],
        "link": [
            Rule(rf"(\[)({EDOT}*?)(\])", _link_ref),
            Rule(r"[(]", _inline_link),
            Rule(r"[ \t]+", Text),
            Rule(r"", _pop),
        ],
        "url": [
            Rule(r"[ \t]+", Text),
            Rule(rf"(<)({EDOT}*?)(>)", _url),
            Rule(r"\S+", String.Other, "#pop"),
        ],
        "title": [
            Rule(rf'"{EDOT}*?"', Name.Namespace),
            Rule(rf"'{EDOT}*?'", Name.Namespace),
            Rule(rf"[(]{EDOT}*?[)]", Name.Namespace),
            Rule(r"""\s*(?=["'()])""", Text),
            Rule(r"", _pop),
        ],
        "inline_title": [
            Rule(r"[)]", Punctuation, "#pop"),
            Rule(rf'"{EDOT}*?"', Name.Namespace),
            Rule(rf"'{EDOT}*?'", Name.Namespace),
            Rule(rf"[(]{EDOT}*?[)]", Name.Namespace),
            Rule(r"""\s*(?=["'()])""", Text),
            Rule(r"", _pop),
        ],
        "inline_url": [
            Rule(r"[^<\s)]+", String.Other, "#pop"),
            Rule(r"\s+", Text),
            Rule(r"[ \t]+", Text),
            Rule(rf"(<)({EDOT}*?)(>)", _url),
            Rule(r"\S+", String.Other, "#pop"),
        ],
    }
