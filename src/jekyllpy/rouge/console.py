"""Rouge's console lexer (rouge/lexers/console.rb, 3.30: `console`, `terminal`,
`shell_session`, `shell-session`) with its default options.

Why a port: Rouge reads a session line by line. A line with a prompt character (`$`, `#`,
`>` or `;`, the first one on the line, whatever precedes it) is prompt (`gp`), whitespace
(`w`) and shell code, lexed by one shell lexer that continues across prompt lines (so a
heredoc or quote opened on one line goes on into the next prompt line); every other line is
output (`go`) and resets the shell lexer; `...` / `<...>` lines are comments. Pygments'
session lexer recognises prompts by another rule (`$ ` at line start, with continuation
lines), so the same text splits differently.
"""
from __future__ import annotations

import re

from pygments.lexer import Lexer
from pygments.token import Comment, Generic, Text

from jekyllpy.rouge.shell import ShellLexer

_LINE = re.compile(r"(.*?)(\n|$)")
_SNIP = re.compile(r"\A[ \t\n\v\f\r]*(?:<[.]+>|[.]+)[ \t\n\v\f\r]*\Z")  # Ruby's \s is ASCII
_PROMPT = re.compile(r"(?s:.*?)(?:\$|\#|>|;)")  # Rouge: /^#{/.*?/m}(?:\$|\#|>|;)/
_SPACE = re.compile(r"[ \t\n\v\f\r]*")


class ConsoleLexer(Lexer):
    name = "Console (Rouge)"
    aliases = ["console", "terminal", "shell_session", "shell-session"]
    rouge_port = True

    def get_tokens_unprocessed(self, text: str):
        shell = ShellLexer(**self.options)
        shell.restart()
        pos = 0
        while pos < len(text):
            line = _LINE.match(text, pos).group(0)
            start, pos = pos, pos + len(line)
            if _SNIP.match(line):
                shell.restart()
                yield start, Comment, line
                continue
            prompt = _PROMPT.match(line)
            if prompt is None:
                # Rouge's comment rule (`#` after spaces) never applies with the default prompt
                # characters, which include `#`; no error prefixes are set by default.
                shell.restart()
                yield start, Generic.Output, line
                continue
            yield start, Generic.Prompt, prompt.group(0)
            rest = prompt.end()
            space = _SPACE.match(line, rest).end()
            if space > rest:
                yield start + rest, Text.Whitespace, line[rest:space]
            for index, ttype, value in shell.continue_lex(line[space:]):
                yield start + space + index, ttype, value
