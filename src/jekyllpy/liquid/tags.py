"""Jekyll's own Liquid tags on python-liquid: `include`, `include_relative`, `highlight`."""
from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, TextIO

from liquid.ast import BlockNode, Node
from liquid.exceptions import LiquidSyntaxError, TemplateNotFoundError
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG

from jekyllpy.liquid.values import to_liquid_string

if TYPE_CHECKING:
    from liquid.context import RenderContext

_VALID_PARAM = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))"""
)
_VARIABLE_SYNTAX = re.compile(r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S)
_FULL_VALID = re.compile(r"\A\s*(?:" + _VALID_PARAM.pattern + r"(?=\s|\Z)\s*)*\Z")
_VALID_FILENAME = re.compile(r"^[\w/.\-()+~#@]+$")
_INVALID_SEQ = re.compile(r"[./]{2,}")


class IncludeNode(Node):
    __slots__ = ("file", "params", "relative")

    def __init__(self, token, file: str, params: str | None, relative: bool) -> None:
        super().__init__(token)
        self.file = file
        self.params = params
        self.relative = relative
        self.blank = False

    def _file_name(self, context: RenderContext) -> str:
        if _VARIABLE_SYNTAX.match(self.file):
            template = context.env.from_string(self.file)
            buf = context.get_buffer()
            template.render_with_context(context, buf, partial=True)
            return buf.getvalue()
        return self.file

    def _params(self, context: RenderContext) -> dict:
        params = {}
        for key, dq, sq, var in _VALID_PARAM.findall(self.params or ""):
            if dq or (not sq and not var and '"' in self.params):
                value = dq.replace('\\"', '"')
            elif sq:
                value = sq.replace("\\'", "'")
            else:
                value = context.resolve(var) if var else ""
                value = _resolve_path(context, var)
            params[key] = value
        return params

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        renderer = context.env.renderer  # type: ignore[attr-defined]
        name = self._file_name(context).strip()
        if _INVALID_SEQ.search(name) or not _VALID_FILENAME.match(name):
            raise LiquidSyntaxError(
                f"Invalid syntax for include tag. File contains invalid characters or sequences: {name}",
                token=self.token,
            )
        if self.relative:
            current = context.template.path or context.template.name
            base = os.path.dirname(str(current))
            template = renderer.load_relative_include(base, name, self.token)
        else:
            template = renderer.load_include(name, self.token)
        namespace = {"include": self._params(context)} if self.params else {}
        with context.extend(namespace, template=template):
            template.render_with_context(context, buffer, partial=True)
        return True

    async def render_to_output_async(self, context, buffer):  # pragma: no cover - sync only
        return self.render_to_output(context, buffer)


def _resolve_path(context: RenderContext, path: str):
    """`context[variable]` in Ruby Liquid: a dotted lookup, missing → nil."""
    from liquid.undefined import Undefined

    parts = path.split(".")
    try:
        value = context.resolve(parts[0])
    except Exception:
        return None
    for part in parts[1:]:
        if isinstance(value, Undefined) or value is None:
            return None
        try:
            value = context.get_item(value, int(part) if part.isdigit() else part)
        except Exception:
            return None
    return None if isinstance(value, Undefined) else value


class IncludeTag(Tag):
    name = "include"
    block = False
    relative = False

    def parse(self, stream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = ""
        if stream.current.kind == TOKEN_EXPRESSION:
            # Leave the expression as the current token: the parser advances past it.
            markup = stream.current.value.strip()
        m = _VARIABLE_SYNTAX.match(markup)
        if m:
            file, params = m.group("variable").strip(), m.group("params").strip()
        else:
            parts = markup.split(None, 1)
            file = parts[0] if parts else ""
            params = parts[1] if len(parts) > 1 else None
        if params is not None and not _FULL_VALID.match(params):
            raise LiquidSyntaxError(
                f"Invalid syntax for include tag: {params} — valid syntax: "
                f"{{% {self.name} file.ext param='value' param2='value' %}}",
                token=token,
            )
        return IncludeNode(token, file, params or None, self.relative)


class IncludeRelativeTag(IncludeTag):
    name = "include_relative"
    relative = True


class HighlightNode(Node):
    __slots__ = ("lang", "options", "block")

    def __init__(self, token, lang: str, options: dict, block) -> None:
        super().__init__(token)
        self.lang, self.options, self.block = lang, options, block
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        from jekyllpy import highlight

        buf = context.get_buffer(buffer)
        self.block.render(context, buf)
        # Jekyll strips leading and trailing line terminators of the rendered body.
        code = re.sub(r"\A(\n|\r)+|(\n|\r)+\Z", "", buf.getvalue())
        return buffer.write(highlight.liquid_highlight(code, self.lang, linenos=bool(self.options.get("linenos"))))


class HighlightTag(Tag):
    """`{% highlight lang [linenos] %}…{% endhighlight %}`: the body is Liquid, then highlighted."""

    name = "highlight"
    end = "endhighlight"
    block = True

    def parse(self, stream) -> Node:
        from liquid.parser import get_parser

        token = stream.eat(TOKEN_TAG)
        markup = ""
        if stream.current.kind == TOKEN_EXPRESSION:
            markup = stream.current.value.strip()
            next(stream)
        m = re.match(r"^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|\"([0-9]+\s)*[0-9]+\"))?)*)$", markup)
        if not m:
            raise LiquidSyntaxError(
                f"Syntax Error in tag 'highlight' while parsing the following markup: {markup}",
                token=token,
            )
        lang = m.group(1).lower()
        options = {}
        for opt in (m.group(2) or "").split():
            key, _, value = opt.partition("=")
            options[key] = value or True
        block = get_parser(self.env).parse_block(stream, (self.end,))
        stream.expect(TOKEN_TAG, value=self.end)
        return HighlightNode(token, lang, options, block)
