"""Rouge's Ruby lexer (rouge/lexers/ruby.rb, 3.30: `ruby`, `rb`) on the Rouge run loop.

Why a port: Rouge decides between division and a regex, `?x` characters and the ternary,
and `%w(…)` sigils by tracking whether an expression may start (`expr_start`,
`method_call` states); it queues heredocs opened on one line and resolves them from the
next; method names after `def`/`.` are `nf`, constants `no`, keyword-style hash keys `ss`.
Pygments' Ruby lexer makes other choices at each of these points (about 87% of characters
classed alike on our fixture), so only Rouge's own state machine gives Rouge's output.
"""
from __future__ import annotations

import re

from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

from jekyllpy.rouge.engine import RougeLexer, Rule, include

KEYWORDS = r"""BEGIN END alias begin break case defined\? do else elsif end ensure for if in next redo
rescue raise retry return super then undef unless until when while yield""".split()
KEYWORDS_PSEUDO = """loop include extend raise alias_method attr catch throw private module_function
public protected true false nil __FILE__ __LINE__""".split()
BUILTINS_G = r"""attr_reader attr_writer attr_accessor
__id__ __send__ abort ancestors at_exit autoload binding callcc caller catch chomp chop class_eval
class_variables clone const_defined\? const_get const_missing const_set constants display dup eval
exec exit extend fail fork format freeze getc gets global_variables gsub hash id included_modules
inspect instance_eval instance_method instance_methods instance_variable_get instance_variable_set
instance_variables lambda load local_variables loop method method_missing methods module_eval name
object_id open p print printf private_class_method private_instance_methods private_methods proc
protected_instance_methods protected_methods public_class_method public_instance_methods
public_methods putc puts raise rand readline readlines require require_relative scan select self
send set_trace_func singleton_methods sleep split sprintf srand sub syscall system taint test throw
to_a to_s trace_var trap untaint untrace_var warn""".split()
BUILTINS_Q = """autoload block_given const_defined eql equal frozen include instance_of is_a iterator
kind_of method_defined nil private_method_defined protected_method_defined public_method_defined
respond_to tainted""".split()
BUILTINS_B = "chomp chop exit gsub sub".split()

DECIMAL = r"[\d]+(?:_\d+)*"
EXP = r"(?i:e[+-]?\d+)"
ESCAPE = r"""\\([\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})"""
_DELIMITERS = {"{": "}", "[": "]", "(": ")", "<": ">"}


def _sigil_state(lexer_class, kind: str, open_char: str) -> str:
    """The state Rouge pushes for `%<kind><open>…<close>` (built per delimiter and kind):
    escapes of the delimiters, nesting for bracket pairs, interpolation for r/Q/W/x/I."""
    close_char = _DELIMITERS.get(open_char, open_char)
    toktype = String.Regex if kind == "r" else String.Other
    interp = kind in ("r", "Q", "W", "x", "I")

    def build() -> list:
        uniq = "" if open_char == close_char == "#" else "".join(dict.fromkeys(open_char + close_char))
        chars = "".join(re.escape(c) for c in uniq)
        rules = [Rule(rf"\\[#{chars}\\]", String.Escape)]
        if open_char != close_char:
            rules.append(Rule(re.escape(open_char), lambda lx, m: (lx.token(toktype), lx.push(lx.stack[-1]))))
        rules.append(Rule(re.escape(close_char), toktype, "#pop"))
        if interp:
            rules += [include("string_intp_escaped"), Rule(r"#", toktype)]
        else:
            rules.append(Rule(r"[\\#]", toktype))
        rules.append(Rule(rf"[^#{chars}\\]+", toktype))
        return rules

    return lexer_class.define_state(f"sigil {kind}{open_char}", build)


def _sigil(lexer, m) -> None:
    kind = m.group(1) or ""
    state = _sigil_state(type(lexer), kind, m.group(2))
    if kind == "r":
        lexer.token(String.Regex)
        lexer.push("regex_flags")
    else:
        lexer.token(String.Other)
    lexer.push(state)


def _heredoc(lexer, m) -> None:
    """`<<NAME`, `<<-NAME`, `<<~'NAME'` (and `<<""`): queued, read from the next line on."""
    named = m.re.groups == 4
    lexer.token(Operator, m.group(1))
    lexer.token(Name.Constant, m.group(2) + m.group(3) + (m.group(4) if named else ""))
    lexer.heredoc_queue.append((m.group(1) in ("<<-", "<<~"), m.group(3) if named else ""))
    if not lexer.in_state("heredoc_queue"):
        lexer.push("heredoc_queue")


def _heredoc_end_check(lexer, m) -> None:
    tolerant, name = lexer.heredoc_queue[0]
    line = m.group(0)
    check = line.strip() if tolerant else line.rstrip()
    if check == name:
        lexer.heredoc_queue.pop(0)
        if not lexer.heredoc_queue:
            lexer.pop()
        lexer.token(Name.Constant)
    else:
        lexer.token(String.Heredoc)
    lexer.pop()


def _then(*steps):
    """An action made of Rouge's calls in order: token types, ("push", s), ("goto", s),
    ("pop",), ("groups", *types)."""
    def action(lexer, m) -> None:
        for step in steps:
            if type(step) is not tuple:  # a token type (Pygments types are tuple subclasses)
                lexer.token(step)
            elif step[0] == "groups":
                lexer.groups(*step[1:])
            elif step[0] == "pop":
                lexer.pop()
            else:
                getattr(lexer, step[0])(step[1])
    return action


def _words(words: list[str]) -> str:
    return "|".join(words)


class RubyLexer(RougeLexer):
    name = "Ruby (Rouge)"
    aliases = ["ruby", "rb"]
    ruby_classes = "wds"
    start_states = ("expr_start",)

    def reset(self) -> None:
        self.heredoc_queue: list[tuple[bool, str]] = []

    states = {
        "symbols": [
            Rule(r":@{0,2}[a-z_]\w*[!?]?", String.Symbol, flags=re.I),
            Rule(r":(?:\*\*|[-+]@|[/%&|^`~]|\[\]=?|<<|>>|<=?>|<=?|===?)", String.Symbol),
            Rule(r":'(\\\\|\\'|[^'])*'", String.Symbol),
            Rule(r':"', String.Symbol, "simple_sym"),
        ],
        "sigil_strings": [Rule(r"%([rqswQWxiI])?([^\w\s])", _sigil)],
        "strings": [
            include("symbols"),
            Rule(r"\b[a-z_]\w*?[?!]?:\s+", String.Symbol, "expr_start"),
            Rule(r"'(\\\\|\\'|[^'])*'", String.Single),
            Rule(r'"', String.Double, "simple_string"),
            Rule(r"(?<!\.)`", String.Backtick, "simple_backtick"),
        ],
        "regex_flags": [Rule(r"[mixounse]*", String.Regex, "#pop")],
        "simple_string": [
            include("string_intp_escaped"),
            Rule(r'[^\\"#]+', String.Double),
            Rule(r"[\\#]", String.Double),
            Rule(r'"', String.Double, "#pop"),
        ],
        "simple_sym": [
            include("string_intp_escaped"),
            Rule(r'[^\\"#]+', String.Symbol),
            Rule(r"[\\#]", String.Symbol),
            Rule(r'"', String.Symbol, "#pop"),
        ],
        "simple_backtick": [
            include("string_intp_escaped"),
            Rule(r"[^\\`#]+", String.Backtick),
            Rule(r"[\\#]", String.Backtick),
            Rule(r"`", String.Backtick, "#pop"),
        ],
        "whitespace": [
            include("inline_whitespace"),
            Rule(r"\n\s*", Text, "expr_start"),
            Rule(r"#.*$", Comment.Single),
            Rule(r"=begin\b.*?\n=end\b", Comment.Multiline, flags=re.S),
        ],
        "inline_whitespace": [Rule(r"[ \t\r]+", Text)],
        "root": [
            include("whitespace"),
            Rule(r"__END__", Comment.Preproc, "end_part"),
            Rule(r"0_?[0-7]+(?:_[0-7]+)*", Number.Oct),
            Rule(r"0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*", Number.Hex),
            Rule(r"0b[01]+(?:_[01]+)*", Number.Bin),
            Rule(rf"{DECIMAL}(?:\.{DECIMAL}{EXP}?|{EXP})", Number.Float),
            Rule(DECIMAL, Number.Integer),
            Rule(r"@@[a-z_]\w*", Name.Variable.Class, flags=re.I),
            Rule(r"@[a-z_]\w*", Name.Variable.Instance, flags=re.I),
            Rule(r"\$\w+", Name.Variable.Global),
            Rule(r"""\$[!@&`'+~=/\\,;.<>_*$?:"]""", Name.Variable.Global),
            Rule(r"\$-[0adFiIlpvw]", Name.Variable.Global),
            Rule(r"::", Operator),
            include("strings"),
            Rule(rf"(?:{_words(KEYWORDS)})(?=\W|$)", Keyword, "expr_start"),
            Rule(rf"(?:{_words(KEYWORDS_PSEUDO)})\b", Keyword.Pseudo, "expr_start"),
            Rule(r"(module)(\s+)([a-zA-Z_][a-zA-Z0-9_]*(::[a-zA-Z_][a-zA-Z0-9_]*)*)",
                 _then(("groups", Keyword, Text, Name.Namespace))),
            Rule(r"(def\b)(\s*)", _then(("groups", Keyword, Text), ("push", "funcname"))),
            Rule(r"(class\b)(\s*)", _then(("groups", Keyword, Text), ("push", "classname"))),
            Rule(rf"(?:{_words(BUILTINS_Q)})[?]", Name.Builtin, "expr_start"),
            Rule(rf"(?:{_words(BUILTINS_B)})!", Name.Builtin, "expr_start"),
            Rule(rf"(?<!\.)(?:{_words(BUILTINS_G)})\b", Name.Builtin, "method_call"),
            include("has_heredocs"),
            Rule(r"\.{2,3}", Operator, "expr_start"),
            Rule(r"[A-Z][a-zA-Z0-9_]*", Name.Constant, "method_call"),
            Rule(r"(\.|::)(\s*)([a-z_]\w*[!?]?|[*%&^`~+-/\[<>=])",
                 _then(("groups", Punctuation, Text, Name.Function), ("push", "method_call"))),
            Rule(r"[a-zA-Z_]\w*[?!]", Name, "expr_start"),
            Rule(r"[a-zA-Z_]\w*", Name, "method_call"),
            Rule(r"\*\*|<<?|>>?|>=|<=|<=>|=~|={3}|!~|&&?|\|\||\.", Operator, "expr_start"),
            Rule(r"[-+/*%=<>&!^|~]=?", Operator, "expr_start"),
            Rule(r"[?]", _then(Punctuation, ("push", "ternary"), ("push", "expr_start"))),
            Rule(r"[\[({,:\\;/]", Punctuation, "expr_start"),
            Rule(r"[\])}]", Punctuation),
        ],
        "has_heredocs": [
            Rule(r"""(?<!\w)(<<[-~]?)(["`']?)([a-zA-Z_]\w*)(\2)""", _heredoc),
            Rule(r"""(<<[-~]?)(["'])(\2)""", _heredoc),
        ],
        "heredoc_queue": [
            Rule(r"(?=\n)", lambda lx, m: lx.goto("resolve_heredocs")),
            include("root"),
        ],
        "resolve_heredocs": [
            include("string_intp_escaped"),
            Rule(r"\n", String.Heredoc, "test_heredoc"),
            Rule(r"[#\\\n]", String.Heredoc),
            Rule(r"[^#\\\n]+", String.Heredoc),
        ],
        "test_heredoc": [
            Rule(r"[^#\\\n]*$", _heredoc_end_check),
            Rule(r"", lambda lx, m: lx.pop()),
        ],
        "funcname": [
            Rule(r"\s+", Text),
            Rule(r"\(", Punctuation, "defexpr"),
            Rule(r"(?:([a-zA-Z_]\w*)(\.))?([a-zA-Z_]\w*[!?]?|\*\*?|[-+]@?|[/%&|^`~]|\[\]=?|<<?|>>?|<=>?|>=|===?)",
                 _then(("groups", Name.Class, Operator, Name.Function), ("pop",))),
            Rule(r"", lambda lx, m: lx.pop()),
        ],
        "classname": [
            Rule(r"\s+", Text),
            Rule(r"\w+(::\w+)+", Name.Class),
            Rule(r"\(", _then(Punctuation, ("push", "defexpr"), ("push", "expr_start"))),
            Rule(r"<<", _then(Operator, ("goto", "expr_start"))),
            Rule(r"[A-Z_]\w*", Name.Class, "#pop"),
            Rule(r"", lambda lx, m: lx.pop()),
        ],
        "ternary": [
            Rule(r"(:)(\s+)", _then(("groups", Punctuation, Text), ("goto", "expr_start"))),
            Rule(r":(?![^#\n]*?[:\\])", _then(Punctuation, ("goto", "expr_start"))),
            include("root"),
        ],
        "defexpr": [
            Rule(r"(\))(\.|::)?", _then(("groups", Punctuation, Operator), ("pop",))),
            Rule(r"\(", _then(Punctuation, ("push", "defexpr"), ("push", "expr_start"))),
            include("root"),
        ],
        "in_interp": [Rule(r"\}", String.Interpol, "#pop"), include("root")],
        "string_intp": [
            Rule(r"[#][{]", String.Interpol, "in_interp"),
            Rule(r"#(@@?|\$)[a-z_]\w*", String.Interpol, flags=re.I),
        ],
        "string_intp_escaped": [
            include("string_intp"),
            Rule(ESCAPE, String.Escape),
            Rule(r"\\.", String.Escape),
        ],
        "method_call": [
            Rule(r"/|%", _then(Operator, ("goto", "expr_start"))),
            Rule(r"(?=\n)", lambda lx, m: lx.pop()),
            Rule(r"", lambda lx, m: lx.goto("method_call_spaced")),
        ],
        "method_call_spaced": [
            include("whitespace"),
            Rule(r"[%/]=", _then(Operator, ("goto", "expr_start"))),
            Rule(r"(/)(?=\S|\s*/)", _then(String.Regex, ("goto", "slash_regex"))),
            include("sigil_strings"),
            Rule(r"(?=\s*/)", lambda lx, m: lx.pop()),
            Rule(r"\s+", _then(Text, ("goto", "expr_start"))),
            Rule(r"", lambda lx, m: lx.pop()),
        ],
        "expr_start": [
            include("inline_whitespace"),
            Rule(r"/", _then(String.Regex, ("goto", "slash_regex"))),
            Rule(rf"[?](\\[MC]-)*({ESCAPE}|\S)(?!\w)", String.Char, "#pop"),
            Rule(r"(\s*)(%[rqswQWxiI]? \S* )", _then(("groups", Text, String.Other), ("pop",))),
            include("sigil_strings"),
            Rule(r"", lambda lx, m: lx.pop()),
        ],
        "slash_regex": [
            include("string_intp"),
            Rule(r"\\\\", String.Regex),
            Rule(r"\\/", String.Regex),
            Rule(r"[\\#]", String.Regex),
            Rule(r"[^\\/#]+", String.Regex),
            Rule(r"/", _then(String.Regex, ("goto", "regex_flags"))),
        ],
        "end_part": [Rule(r".+", Comment.Preproc, "#pop", flags=re.S)],
    }
