"""Rouge's shell lexer (rouge/lexers/shell.rb, 3.30: `shell`, `bash`, `zsh`, `ksh`, `sh`).

Unlike Pygments' bash lexer it knows coreutils as builtins (`ls`, `grep`, `sed` are `nb`),
calls options `nt` (`--destination`), whole comments `c`, and keeps unquoted words as text.
"""
from __future__ import annotations

import re

from pygments.token import (Comment, Keyword, Name, Number, Operator, Punctuation, String,
                            Text)

from jekyllpy.rouge.engine import RougeLexer, Rule, include

KEYWORDS = "|".join("""if fi else while do done for then return function select continue until esac
elif in""".split())
BUILTINS = "|".join("""
alias bg bind break builtin caller cd command compgen complete declare dirs disown enable eval
exec exit export false fc fg getopts hash help history jobs let local logout mapfile popd pushd
pwd read readonly set shift shopt source suspend test time times trap true type typeset ulimit
umask unalias unset wait
cat tac nl od base32 base64 fmt pr fold head tail split csplit wc sum cksum b2sum md5sum sha1sum
sha224sum sha256sum sha384sum sha512sum sort shuf uniq comm ptx tsort cut paste join tr expand
unexpand ls dir vdir dircolors cp dd install mv rm shred link ln mkdir mkfifo mknod readlink rmdir
unlink chown chgrp chmod touch df du stat sync truncate echo printf yes expr tee basename dirname
pathchk mktemp realpath pwd stty printenv tty id logname whoami groups users who date arch nproc
uname hostname hostid uptime chcon runcon chroot env nice nohup stdbuf timeout kill sleep factor
numfmt seq tar grep sudo awk sed gzip gunzip""".split())


def _heredoc_start(lexer, m) -> None:
    lexer.groups(Operator, Text, String.Heredoc, String.Heredoc, Name.Constant, String.Heredoc)
    lexer.heredoc = m.group(5)
    lexer.push("heredoc")


def _heredoc_line(lexer, m) -> None:
    if m.group(1) == lexer.heredoc:
        lexer.token(Name.Constant)
        lexer.pop(2)
    else:
        lexer.token(String.Heredoc)


class ShellLexer(RougeLexer):
    name = "Shell (Rouge)"
    aliases = ["shell", "bash", "zsh", "ksh", "sh"]
    ruby_classes = "wds"

    def reset(self) -> None:
        self.heredoc = ""

    states = {
        "basic": [
            Rule(r"#.*$", Comment),
            Rule(rf"\b({KEYWORDS})\s*\b", Keyword),
            Rule(r"\bcase\b", Keyword, "case"),
            Rule(rf"\b({BUILTINS})\s*\b(?!(\.|-))", Name.Builtin),
            Rule(r"[.](?=\s)", Name.Builtin),
            Rule(r"(\b\w+)(=)", lambda lx, m: lx.groups(Name.Variable, Operator)),
            Rule(r"[\[\]{}()!=>]", Operator),
            Rule(r"&&|\|\|", Operator),
            Rule(r"<<<", Operator),
            Rule(r"""(<<-?)(\s*)(['"]?)(\\?)(\w+)(\3)""", _heredoc_start),
        ],
        "heredoc": [
            Rule(r"\n", String.Heredoc, "heredoc_nl"),
            Rule(r"[^$\n\\]+", String.Heredoc),
            include("interp"),
            Rule(r"[$]", String.Heredoc),
        ],
        "heredoc_nl": [
            Rule(r"\s*(\w+)\s*\n", _heredoc_line),
            Rule(r"", lambda lx, m: lx.pop()),
        ],
        "double_quotes": [
            Rule(r'(?:\$#?)?"', String.Double, "#pop"),
            include("interp"),
            Rule(r'[^"`\\$]+', String.Double),
        ],
        "ansi_string": [
            Rule(r"\\.", String.Escape),
            Rule(r"[^\\']+", String.Single),
            include("single_quotes"),
        ],
        "single_quotes": [
            Rule(r"'", String.Single, "#pop"),
            Rule(r"[^']+", String.Single),
        ],
        "data": [
            Rule(r"\s+", Text),
            Rule(r"\\.", String.Escape),
            Rule(r'\$?"', String.Double, "double_quotes"),
            Rule(r"\$'", String.Single, "ansi_string"),
            Rule(r"'", String.Single, "single_quotes"),
            Rule(r"\*", Keyword),
            Rule(r";", Punctuation),
            Rule(r"--?[\w-]+", Name.Tag),
            Rule(r"""[^=*\s{}()$"'`;\\<]+""", Text),
            Rule(r"\d+(?= |\n?\Z)", Number),
            Rule(r"<", Text),
            include("interp"),
        ],
        "curly": [
            Rule(r"\}", Keyword, "#pop"),
            Rule(r":-", Keyword),
            Rule(r"[a-zA-Z0-9_]+", Name.Variable),
            Rule(r"""[^}:"`'$]+""", Punctuation),
            include("root"),
        ],
        "paren_interp": [
            Rule(r"\)", String.Interpol, "#pop"),
            Rule(r"\(", Operator, "paren_inner"),
            include("root"),
        ],
        "paren_inner": [
            Rule(r"\(", Operator, "#push"),
            Rule(r"\)", Operator, "#pop"),
            include("root"),
        ],
        "math": [
            Rule(r"\)\)", Keyword, "#pop"),
            Rule(r"[-+*/%^|&!]|\*\*|\|\|", Operator),
            Rule(r"\d+(#\w+)?", Number),
            include("root"),
        ],
        "case": [
            Rule(r"\besac\b", Keyword, "#pop"),
            Rule(r"\|", Punctuation),
            Rule(r"\)", Punctuation, "case_stanza"),
            include("root"),
        ],
        "case_stanza": [
            Rule(r";;", Punctuation, "#pop"),
            include("root"),
        ],
        "backticks": [
            Rule(r"`", String.Backtick, "#pop"),
            include("root"),
        ],
        "interp": [
            Rule(r"\\$", String.Escape),
            Rule(r"\\.", String.Escape),
            Rule(r"\$\(\(", Keyword, "math"),
            Rule(r"\$\(", String.Interpol, "paren_interp"),
            Rule(r"\$\{#?", Keyword, "curly"),
            Rule(r"`", String.Backtick, "backticks"),
            Rule(r"\$#?(\w+|.)", Name.Variable),
            Rule(r"\$[*@]", Name.Variable),
        ],
        "root": [include("basic"), include("data")],
    }
