"""Rouge's lexers (3.30, what Jekyll 4.3 highlights with), rewritten as Pygments lexers.

Pygments' own lexers split code into tokens differently from Rouge's (another rule order,
other token types: Pygments' JSON lexer calls keys `nt`, Rouge `nl`, and Rouge marks
whitespace `w`), and Jekyll's output is Rouge's. Rouge's lexers are regex state machines of
the same design as Pygments' `RegexLexer`, so for the languages where identity matters we
express Rouge's states and rules in Pygments' vocabulary (`include` for Rouge's `mixin`,
`bygroups` for `groups`, `#pop` for `:pop!`) and let Pygments run them. Every other language
uses Pygments' own lexer (highlight.py), with the class adjustments made there.

A lexer here has `rouge_port = True`: its tokens are Rouge's, so the writer takes them as
they are (whitespace tokens keep their `w` class, as Rouge's HTML formatter writes them).
"""
from __future__ import annotations

import importlib

# language name or alias -> (module, class)
_PORTS = {
    "json": ("json", "JSONLexer"),
    "python": ("python", "PythonLexer"),
    "py": ("python", "PythonLexer"),
    **{name: ("shell", "ShellLexer") for name in ("shell", "bash", "zsh", "ksh", "sh")},
    **{name: ("r", "RLexer") for name in ("r", "s")},
    "swift": ("swift", "SwiftLexer"),
    "matlab": ("matlab", "MatlabLexer"),
    "m": ("matlab", "MatlabLexer"),
    "tex": ("tex", "TexLexer"),
    "java": ("java", "JavaLexer"),
    "c": ("c", "CLexer"),
    "cpp": ("c", "CppLexer"),
    "c++": ("c", "CppLexer"),
    "javascript": ("javascript", "JavascriptLexer"),
    "js": ("javascript", "JavascriptLexer"),
    "css": ("css", "CssLexer"),
    "html": ("html", "HtmlLexer"),
    "latex": ("tex", "TexLexer"),
    "yaml": ("yaml", "YamlLexer"),
    "ruby": ("ruby", "RubyLexer"),
    "scss": ("scss", "ScssLexer"),
    **{name: ("console", "ConsoleLexer") for name in ("console", "terminal", "shell_session", "shell-session")},
    "rb": ("ruby", "RubyLexer"),
    "yml": ("yaml", "YamlLexer"),
    "ini": ("ini", "IniLexer"),
    **{name: ("mathematica", "MathematicaLexer") for name in ("mathematica", "wl")},
    **{name: ("markdown", "MarkdownLexer") for name in ("markdown", "md", "mkd")},
    "liquid": ("liquid", "LiquidLexer"),
}


def lexer_for(lang: str):
    """An instance of the ported lexer for `lang`, or None."""
    spec = _PORTS.get(lang)
    if spec is None:
        return None
    module = importlib.import_module(f"jekyllpy.rouge.{spec[0]}")
    return getattr(module, spec[1])(stripnl=False, ensurenl=False)
