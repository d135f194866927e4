"""Syntax highlighting with Pygments, written in Rouge's HTML (what Jekyll 4.3 emits).

Rouge and Pygments share their short CSS classes (`k`, `nf`, `p`, `s2` …), so a token stream
from Pygments written the way Rouge's HTML formatter writes it — escaped text, `Text` left
unwrapped, adjacent tokens of the same class merged — gives Rouge's markup shape. But lexers
tokenise differently (Rouge's Python lexer calls every string `s`, Pygments `s2`/`s1`), so the
languages that matter most use Rouge's own lexers rewritten for Pygments (jekyllpy.rouge);
the rest use Pygments' lexers. docs/highlighting.md has per-language figures.
"""
from __future__ import annotations

import functools
import html

from pygments.token import STANDARD_TYPES, Text, Token, Whitespace

_ALIASES = {"plaintext": "text", "plain": "text", "shell": "bash", "sh": "bash", "console": "console",
            "yml": "yaml", "js": "javascript", "c++": "cpp"}


_CAPITALISED_TAGS = frozenset({"Dockerfile", "HAML", "Isabelle", "OCL", "R", "S", "TeX", "LaTeX"})


@functools.lru_cache(maxsize=None)
def _lexer(lang: str):
    """Rouge's own lexer rewritten for Pygments when there is one (jekyllpy.rouge), else
    Pygments' lexer for the language."""
    from jekyllpy.rouge import lexer_for

    ported = lexer_for(lang)
    if ported is not None:
        return ported
    # here, not at the top: pygments.lexers looks up plugins with importlib.metadata (~10 ms)
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    name = _ALIASES.get(lang, lang)
    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


def _css_class(lang: str, ttype) -> str:
    while ttype not in STANDARD_TYPES and ttype.parent is not None:
        ttype = ttype.parent
    short = STANDARD_TYPES.get(ttype, "")
    return short


def highlight_html(code: str, lang: str | None) -> str | None:
    """Rouge's inner token HTML for `code`, or None when there is no lexer for `lang`."""
    lang = lang or "plaintext"
    if lang != lang.lower():
        # Rouge looks languages up by exact name: `Swift` is no lexer (kramdown then writes a
        # plain code block); only these tags are registered with capitals.
        if lang not in _CAPITALISED_TAGS:
            return None
        lang = lang.lower()
    if _ALIASES.get(lang, lang) == "text":  # Rouge's plaintext lexer (Pygments always has `text`)
        return html.escape(code, quote=False)
    lexer = _lexer(lang)
    if lexer is None:
        return None
    if getattr(lexer, "rouge_port", False):
        # the text as it is: Pygments' get_tokens would turn \r\n into \n and drop a BOM,
        # which Rouge keeps
        return _write_rouge_tokens((ttype, value) for _, ttype, value in lexer.get_tokens_unprocessed(code))
    out: list[str] = []
    current_cls, buf = None, []
    for ttype, value in lexer.get_tokens(code):
        cls = "" if ttype in (Text, Whitespace, Token) else _css_class(lang, ttype)
        if cls != current_cls and buf:
            out.append(_span(current_cls, "".join(buf)))
            buf = []
        current_cls = cls
        buf.append(value)
    if buf:
        out.append(_span(current_cls, "".join(buf)))
    return "".join(out)


# Rouge's token tree with its short CSS classes (lib/rouge/token.rb), by Pygments token path:
# mostly Pygments' own names, plus the types Pygments lacks (`mx`, `nx`, `sx`, `kv`, `pi` …).
_ROUGE_TREE = """
Escape esc|Error err|Other x|Text.Whitespace w|Keyword k|Keyword.Constant kc|Keyword.Declaration kd
Keyword.Namespace kn|Keyword.Pseudo kp|Keyword.Reserved kr|Keyword.Type kt|Keyword.Variable kv
Name n|Name.Attribute na|Name.Builtin nb|Name.Builtin.Pseudo bp|Name.Class nc|Name.Constant no
Name.Decorator nd|Name.Entity ni|Name.Exception ne|Name.Function nf|Name.Function.Magic fm
Name.Property py|Name.Label nl|Name.Namespace nn|Name.Other nx|Name.Tag nt|Name.Variable nv
Name.Variable.Class vc|Name.Variable.Global vg|Name.Variable.Instance vi|Name.Variable.Magic vm
Literal l|Literal.Date ld|Literal.String s|Literal.String.Affix sa|Literal.String.Backtick sb
Literal.String.Char sc|Literal.String.Delimiter dl|Literal.String.Doc sd|Literal.String.Double s2
Literal.String.Escape se|Literal.String.Heredoc sh|Literal.String.Interpol si
Literal.String.Other sx|Literal.String.Regex sr|Literal.String.Single s1|Literal.String.Symbol ss
Literal.Number m|Literal.Number.Bin mb|Literal.Number.Float mf|Literal.Number.Hex mh
Literal.Number.Integer mi|Literal.Number.Integer.Long il|Literal.Number.Oct mo
Literal.Number.Other mx|Operator o|Operator.Word ow|Punctuation p|Punctuation.Indicator pi
Comment c|Comment.Hashbang ch|Comment.Doc cd|Comment.Multiline cm|Comment.Preproc cp
Comment.PreprocFile cpf|Comment.Single c1|Comment.Special cs|Generic g|Generic.Deleted gd
Generic.Emph ge|Generic.Error gr|Generic.Heading gh|Generic.Inserted gi|Generic.Output go
Generic.Prompt gp|Generic.Strong gs|Generic.Subheading gu|Generic.Traceback gt|Generic.Lineno gl"""
_ROUGE_CLASSES = {tuple(path.split(".")): short for path, short in
                  (entry.split() for line in _ROUGE_TREE.strip().splitlines() for entry in line.split("|"))}


def _rouge_class(ttype) -> str:
    """Rouge's class for a token type of a ported lexer (the nearest listed ancestor)."""
    while ttype is not None and tuple(ttype) not in _ROUGE_CLASSES:
        ttype = ttype.parent
    return "" if ttype is None else _ROUGE_CLASSES[tuple(ttype)]


def _write_rouge_tokens(tokens) -> str:
    """Rouge's lexer output as its HTML formatter writes it: consecutive tokens of one type
    merged (Rouge's `Lexer#lex`), plain `Text` bare, every other type in a span with its
    short class — `Text.Whitespace` included (`w`)."""
    out: list[str] = []
    current, buf = None, []
    for ttype, value in tokens:
        if ttype is not current and buf:
            out.append(_span(_rouge_class(current) if current is not Text else "", "".join(buf)))
            buf = []
        current = ttype
        buf.append(value)
    if buf:
        out.append(_span(_rouge_class(current) if current is not Text else "", "".join(buf)))
    return "".join(out)


def _span(cls: str | None, text: str) -> str:
    escaped = html.escape(text, quote=False)
    return f'<span class="{cls}">{escaped}</span>' if cls else escaped


def kramdown_block(code: str, lang: str | None) -> str:
    """A fenced or indented code block as kramdown + Rouge write it in Jekyll."""
    lang = lang or "plaintext"
    if not code.endswith("\n"):
        code += "\n"
    inner = highlight_html(code, lang)
    if inner is None:  # Rouge has no lexer: kramdown's plain code block
        return f'<pre><code class="language-{html.escape(lang)}">{html.escape(code, quote=False)}</code></pre>\n'
    return (f'<div class="language-{lang} highlighter-rouge"><div class="highlight"><pre class="highlight">'
            f"<code>{inner}</code></pre></div></div>\n")


def liquid_highlight(code: str, lang: str, linenos: bool = False) -> str:
    """Jekyll's `{% highlight lang [linenos] %}` tag output."""
    inner = highlight_html(code, lang)
    if inner is None:
        inner = html.escape(code, quote=False)
    if linenos:
        body = inner if inner.endswith("\n") else inner + "\n"
        count = body.count("\n")
        numbers = "".join(f"{i}\n" for i in range(1, count + 1))
        inner = ('<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">'
                 f'{numbers}</pre></td><td class="code"><pre>{body}</pre></td></tr></tbody></table>')
    return (f'<figure class="highlight"><pre><code class="language-{lang}" data-lang="{lang}">'
            f"{inner}</code></pre></figure>")
