"""Rouge's YAML lexer (rouge/lexers/yaml.rb, 3.30: `yaml`, `yml`) on the Rouge run loop.

Why a port: Rouge's lexer follows YAML's block structure with an indentation stack (a key is
`na` only where a mapping may start, a scalar that runs on over lines stays one `l`/`s`
token, dedents end block scalars), and names things its own way (`pi` indicators, `l` plain
scalars, `nv` for flow-context scalars). Pygments' YAML lexer tracks indentation too but
emits other types at other boundaries (about 43% of characters classed alike on our
fixture), so no remapping reaches Rouge's output.
"""
from __future__ import annotations

from pygments.token import Comment, Error, Keyword, Literal, Name, Number, Punctuation, String, Text

from jekyllpy.rouge.engine import RougeLexer, Rule, include

Indicator = Punctuation.Indicator
PLAIN_SCALAR_START = r"""[^ \t\n\r\f\v?:,\[\]{}#&*!|>'"%@`]"""
SPECIAL_VALUES = r"true|false|null"
ANCHOR_CHARS = r"[\w-]"  # Rouge: [\p{L}\p{Nl}\p{Nd}_-]


def _reset_indent(lexer) -> None:
    lexer.indent_stack = [0]
    lexer.next_indent = 0
    lexer.block_scalar_indent = None


def _save_indent(lexer, match: str) -> tuple[str, str]:
    """A possible indentation level; a dedent pops the stack, and the part of the spaces
    beyond the level dedented to is an error (Rouge's `save_indent`)."""
    lexer.next_indent = len(match)
    if lexer.next_indent < lexer.indent_stack[-1]:
        while lexer.next_indent < lexer.indent_stack[-1]:
            lexer.indent_stack.pop()
        indent = lexer.indent_stack[-1]
        return match[:indent], match[indent:]
    return match, ""


def _set_indent(lexer, match: str, implicit: bool = False) -> None:
    if lexer.indent_stack[-1] < lexer.next_indent:
        lexer.indent_stack.append(lexer.next_indent)
    if not implicit:
        lexer.next_indent += len(match)


def _directive(tag_state):
    def action(lexer, m) -> None:
        lexer.token(Name.Tag)
        _reset_indent(lexer)
        lexer.push(tag_state)
    return action


def _document_marker(lexer, m) -> None:
    lexer.token(Name.Namespace)
    _reset_indent(lexer)
    lexer.push("block_line")


def _indentation_spaces(lexer, m) -> None:
    text, err = _save_indent(lexer, m.group(0))
    lexer.token(Text, text)
    lexer.token(Error, err)
    lexer.push("block_line")
    lexer.push("indentation")


def _continue_indent(lexer, m) -> None:
    lexer.token(Text)
    lexer.next_indent += len(m.group(0))


def _collection_indicator(lexer, m) -> None:
    _set_indent(lexer, m.group(0))
    lexer.token(Indicator)


def _line_start(lexer, m) -> None:
    lexer.token(Text)
    lexer.next_indent += len(m.group(0))
    lexer.pop()


def _implicit_key(lexer, m) -> None:
    lexer.groups(Name.Attribute, Indicator)
    _set_indent(lexer, m.group(0), implicit=True)


def _block_scalar(lexer, m) -> None:
    lexer.token(Indicator)
    lexer.push("block_scalar_content")
    lexer.push("block_scalar_header")


def _blank_scalar_line(lexer, m) -> None:
    text = m.group(0)
    mark = lexer.block_scalar_indent if lexer.block_scalar_indent is not None else len(text)
    lexer.token(Text, text[:mark])
    lexer.token(Name.Constant, text[mark:])


def _scalar_line_start(lexer, m) -> None:
    lexer.token(Text)
    size = len(m.group(0))
    dedent_level = lexer.block_scalar_indent if lexer.block_scalar_indent is not None else lexer.indent_stack[-1]
    if lexer.block_scalar_indent is None:
        lexer.block_scalar_indent = size
    if size < dedent_level:
        _save_indent(lexer, m.group(0))
        lexer.pop()
        lexer.push("indentation")


def _block_scalar_header(lexer, m) -> None:
    lexer.block_scalar_indent = None
    lexer.goto("ignored_line")
    if not m.group(0):
        return
    increment = m.group(2) or m.group(3)
    if increment:
        lexer.block_scalar_indent = lexer.indent_stack[-1] + int(increment)
    lexer.token(Indicator)


def _plain_scalar_newline(lexer, m) -> None:
    lexer.token(Text)
    lexer.push("plain_scalar_in_block_context_new_line")


def _plain_scalar_dedent(lexer, m) -> None:
    lexer.token(Text)
    lexer.pop()
    if len(m.group(0)) <= lexer.indent_stack[-1]:
        lexer.pop()
        _save_indent(lexer, m.group(0))
        lexer.push("indentation")


class YamlLexer(RougeLexer):
    name = "YAML (Rouge)"
    aliases = ["yaml", "yml"]
    ruby_classes = "s"

    def reset(self) -> None:
        _reset_indent(self)

    states = {
        "basic": [Rule(r"#.*$", Comment.Single)],
        "root": [
            include("basic"),
            Rule(r"\n+", Text),
            Rule(r"[ ]+(?=#|$)", Text),
            Rule(r"^%YAML\b", _directive("yaml_directive")),
            Rule(r"^%TAG\b", _directive("tag_directive")),
            Rule(r"^(?:---|\.\.\.)(?= |$)", _document_marker),
            Rule(r"[ ]*(?!\s|$)", _indentation_spaces),
        ],
        "indentation": [
            Rule(r"\s*?\n", lambda lx, m: (lx.token(Text), lx.pop(2))),
            Rule(r"[ ]+(?=[-:?](?:[ ]|$))", _continue_indent),
            Rule(r"[?:-](?=[ ]|$)", _collection_indicator),
            Rule(r"[ ]*", _line_start),
        ],
        "block_line": [
            Rule(r"[ ]*(?=#|$)", Text, "#pop"),
            Rule(r"[ ]+", Text),
            include("descriptors"),
            include("block_nodes"),
            include("flow_nodes"),
            Rule(rf"(?={PLAIN_SCALAR_START}|[?:-][^ \t\n\r\f\v])", Name.Variable, "plain_scalar_in_block_context"),
        ],
        "descriptors": [
            Rule(r"!<[0-9A-Za-z;/?:@&=+$,_.!~*'()\[\]%-]+>", Keyword.Type),
            Rule(r"(?:![\w-]+)?!(?:[\w;/?:@&=+$,.!~*'()\[\]%-]*)", Keyword.Type),
            Rule(rf"&{ANCHOR_CHARS}+", Name.Label),
            Rule(rf"\*{ANCHOR_CHARS}+", Name.Variable),
        ],
        "block_nodes": [
            Rule(r"""([^#,:?\[\]{}"'\n]+)(:)(?=\s|$)""", _implicit_key),
            Rule(r"[|>][+-]?", _block_scalar),
        ],
        "flow_nodes": [
            Rule(r"\[", Indicator, "flow_sequence"),
            Rule(r"\{", Indicator, "flow_mapping"),
            Rule(r"'", String.Single, "single_quoted_scalar"),
            Rule(r'"', String.Double, "double_quoted_scalar"),
        ],
        "flow_collection": [
            Rule(r"\s+", Text),
            include("basic"),
            Rule(r"[?:,]", Indicator),
            include("descriptors"),
            include("flow_nodes"),
            Rule(rf"(?={PLAIN_SCALAR_START})", lambda lx, m: lx.push("plain_scalar_in_flow_context")),
        ],
        "flow_sequence": [Rule(r"\]", Indicator, "#pop"), include("flow_collection")],
        "flow_mapping": [Rule(r"\}", Indicator, "#pop"), include("flow_collection")],
        "block_scalar_content": [
            Rule(r"\n+", Text),
            Rule(r"^[ ]+$", _blank_scalar_line),
            Rule(r"^[ ]*", _scalar_line_start),
            Rule(r"[^\n\r\f\v]+", String),
        ],
        "block_scalar_header": [
            Rule(r"(([1-9])[+-]?|[+-]?([1-9])?)(?=[ ]|$)", _block_scalar_header),
        ],
        "ignored_line": [
            include("basic"),
            Rule(r"[ ]+", Text),
            Rule(r"\n", Text, "#pop"),
        ],
        "quoted_scalar_whitespaces": [
            Rule(r"^[ ]+", Text),
            Rule(r"[ ]+$", Text),
            Rule(r"\n+", Text),
            Rule(r"[ ]+", Name.Variable),
        ],
        "single_quoted_scalar": [
            include("quoted_scalar_whitespaces"),
            Rule(r"\\'", String.Escape),
            Rule(r"'", String, "#pop"),
            Rule(r"[^\s']+", String),
        ],
        "double_quoted_scalar": [
            Rule(r'"', String, "#pop"),
            include("quoted_scalar_whitespaces"),
            Rule(r'\\[0abt\tn\nvfre "\\N_LP]', String.Escape),
            Rule(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})", String.Escape),
            Rule(r'[^ \t\n\r\f\v"\\]+', String),
        ],
        "plain_scalar_in_block_context_new_line": [
            Rule(r"^[ ]+\n", Text),
            Rule(r"\n+", Text),
            Rule(r"^(?=---|\.\.\.)", lambda lx, m: lx.pop(3)),
            Rule(r"^[ ]*", _plain_scalar_dedent),
        ],
        "plain_scalar_in_block_context": [
            Rule(r"[ ]*(?=:[ \n]|:$)", Text, "#pop"),
            Rule(r"[ ]*:\S+", String),
            Rule(r"[ ]+(?=#)", Text, "#pop"),
            Rule(r"[ ]+$", Text),
            Rule(r"\n+", _plain_scalar_newline),
            Rule(r"[ ]+", String),
            Rule(SPECIAL_VALUES, Name.Constant),
            Rule(r"\d+(?:\.\d+)?(?=(\r?\n)| +#)", Literal.Number, "#pop"),
            Rule(r"[^\s:]+", String),
        ],
        "plain_scalar_in_flow_context": [
            Rule(r"[ ]*(?=[,:?\[\]{}])", Text, "#pop"),
            Rule(r"[ ]+(?=#)", Text, "#pop"),
            Rule(r"^[ ]+", Text),
            Rule(r"[ ]+$", Text),
            Rule(r"\n+", Text),
            Rule(r"[ ]+", Name.Variable),
            Rule(r"[^\s,:?\[\]{}]+", Name.Variable),
        ],
        "yaml_directive": [
            Rule(r"([ ]+)(\d+\.\d+)", lambda lx, m: (lx.groups(Text, Number), lx.goto("ignored_line"))),
        ],
        "tag_directive": [
            Rule(r"([ ]+)(!|![\w-]*!)([ ]+)(!|!?[\w;/?:@&=+$,.!~*'()\[\]%-]+)",
                 lambda lx, m: (lx.groups(Text, Keyword.Type, Text, Keyword.Type), lx.goto("ignored_line"))),
        ],
    }
