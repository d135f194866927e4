"""Jekyll's own Liquid tags on python-liquid: `include`, `include_relative`, `highlight`."""
from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, TextIO

from liquid.ast import BlockNode, Node
from liquid.exceptions import (ContextDepthError, LiquidError, LiquidInterrupt, LiquidSyntaxError, StopRender,
                               TemplateNotFoundError)
from liquid.builtin.tags.capture_tag import CaptureNode, CaptureTag
from liquid.tag import Tag
from liquid.template import BoundTemplate
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG

from jekyllpy.liquid.pure import render_memoised
from jekyllpy.liquid.quirks import parse_expression
from jekyllpy.errors import LiquidError as JekyllLiquidError
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
    __slots__ = ("file", "params", "relative", "_file_template", "_dynamic", "_param_spec")

    def __init__(self, token, file: str, params: str | None, relative: bool) -> None:
        super().__init__(token)
        self.file = file
        self.params = params
        self.relative = relative
        self.blank = False
        self._file_template = None
        # Decided once here: an include renders tens of thousands of times on a big site.
        self._dynamic = bool(_VARIABLE_SYNTAX.match(file))
        self._param_spec = self._parse_params(params)

    @staticmethod
    def _parse_params(params: str | None) -> list[tuple[str, str | None, object]]:
        """(key, literal value or None, expression to evaluate) per `key=value` parameter."""
        spec: list[tuple[str, str | None, object]] = []
        for key, dq, sq, var in _VALID_PARAM.findall(params or ""):
            if dq or (not sq and not var and '"' in (params or "")):
                spec.append((key, dq.replace('\\"', '"'), None))
            elif sq:
                spec.append((key, sq.replace("\\'", "'"), None))
            elif var:
                # Ruby's `context[variable]`: Expression.parse, so `3`, `true`, `a.b[0]` all work.
                try:
                    spec.append((key, None, parse_expression(var)))
                except Exception:  # noqa: BLE001 - reported when (if ever) the include renders
                    spec.append((key, None, _LazyExpression(var)))
            else:
                spec.append((key, "", None))
        return spec

    def _file_name(self, context: RenderContext) -> str:
        if self._dynamic:
            template = self._file_template  # parsed once: rendering is the hot path
            if template is None:
                template = self._file_template = context.env.from_string(self.file)
            buf = context.get_buffer()
            template.render_with_context(context, buf, partial=True)
            return buf.getvalue()
        return self.file

    def _params(self, context: RenderContext) -> dict:
        return {key: literal if expression is None else expression.evaluate(context)
                for key, literal, expression in self._param_spec}

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        renderer = context.env.renderer  # type: ignore[attr-defined]
        name = self._file_name(context).strip()
        if _INVALID_SEQ.search(name) or not _VALID_FILENAME.match(name):
            raise LiquidSyntaxError(
                f"Invalid syntax for include tag. File contains invalid characters or sequences: {name}",
                token=self.token,
            )
        including = context.template.name
        try:
            if self.relative:
                current = context.template.path or context.template.name
                base = os.path.dirname(str(current))
                template = renderer.load_relative_include(base, name, self.token)
            else:
                template = renderer.load_include(name, self.token)
            namespace = {"include": self._params(context)} if self.params else {}
            if renderer.profiler is None and _plain_partial(template):
                if not (self.params or self.relative or renderer.include_memo is None) and render_memoised(
                        template, context, buffer, lambda out: _render_partial(template, context, out, namespace)):
                    return True
                _render_partial(template, context, buffer, namespace)
            else:
                with context.extend(namespace, template=template):
                    if renderer.profiler is None:
                        template.render_with_context(context, buffer, partial=True)
                    else:
                        with renderer.profiler.measure(template.name, buffer):
                            template.render_with_context(context, buffer, partial=True)
        except LiquidError as err:
            # Record who included the failing template, innermost first, for the message.
            chain = getattr(err, "include_chain", None)
            if chain is None:
                chain = err.include_chain = []
            chain.append(including)
            raise
        except JekyllLiquidError as err:  # a syntax error found when the include was parsed
            err.context.append(f"included in {including}")
            raise
        return True

    async def render_to_output_async(self, context, buffer):  # pragma: no cover - sync only
        return self.render_to_output(context, buffer)


def _plain_partial(template) -> bool:
    cls = type(template)
    return cls.render_with_context is BoundTemplate.render_with_context and \
        cls.make_partial_namespace is BoundTemplate.make_partial_namespace


def _render_partial(template, context, buffer, namespace: dict) -> None:
    """`with context.extend(namespace, template=template): template.render_with_context(
    context, buffer, partial=True)`, unrolled: the same two scope pushes (so the nesting limit
    trips at the same depth), template swap and per-node error handling, without two
    generator-based context managers and a keyword-argument call per include — a Minimal
    Mistakes page makes ~40 includes, a 1,000-page site 40,000."""
    scope, limit = context.scope, context.env.context_depth_limit
    if scope.size() > limit:
        raise ContextDepthError("maximum context depth reached, possible recursive include", token=None)
    saved = context.template
    context.template = template
    scope.push(namespace)
    try:
        if scope.size() > limit:
            raise ContextDepthError("maximum context depth reached, possible recursive include", token=None)
        scope.push({"partial": True})
        try:
            for node in template.nodes:
                try:
                    node.render(context, buffer)
                except StopRender:
                    break
                except LiquidInterrupt:
                    raise  # a `break`/`continue` for a loop in the including template
                except LiquidError as err:
                    template.env.error(err, token=node.token)
        finally:
            scope.pop()
    finally:
        context.template = saved
        scope.pop()


class _LazyExpression:
    """An include parameter whose expression fails to parse: the error belongs to the render
    that uses it, as in Ruby Liquid, not to parsing the template."""

    def __init__(self, text: str) -> None:
        self.text = text

    def evaluate(self, context):
        return parse_expression(self.text).evaluate(context)


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
        html = highlight.liquid_highlight(code, self.lang, linenos=bool(self.options.get("linenos")))
        prefix = _resolve_path(context, "highlighter_prefix") or ""
        suffix = _resolve_path(context, "highlighter_suffix") or ""
        return buffer.write(f"{prefix}{html}{suffix}")


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


# ---------------------------------------------------------------------------------------
# link / post_url: URLs of site files, resolved at render time as Jekyll's tags do
# ---------------------------------------------------------------------------------------


def _relative_url(context, item) -> str:
    """Jekyll's `relative_url` on a page/document: the site's filter when registered."""
    url = getattr(item, "url", item)
    func = context.env.filters.get("relative_url")
    if func is not None:
        return context.filter("relative_url", token=None)(url)
    base = str(context.env.site.config.get("baseurl") or "").rstrip("/")
    if base and not base.startswith("/"):
        base = "/" + base
    return base + (url if url.startswith("/") else "/" + url)


class LinkNode(Node):
    __slots__ = ("markup",)

    def __init__(self, token, markup: str) -> None:
        super().__init__(token)
        self.markup = markup
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        markup = self.markup
        if "{" in markup:  # Jekyll renders the markup as a template first
            buf = context.get_buffer()
            context.env.from_string(markup).render_with_context(context, buf, partial=True)
            markup = buf.getvalue()
        with_slash = "/" + markup.lstrip("/") if markup else "/"
        for item in context.env.site.each_site_file():
            rel = item.relative_path
            if rel == markup or rel == with_slash:
                return buffer.write(_relative_url(context, item))
        raise LiquidError(
            f"Could not find document '{markup}' in tag 'link'.\n\n"
            "Make sure the document exists and the path is correct.\n",
            token=self.token,
        )


class LinkTag(Tag):
    """`{% link path/in/source.md %}`: the URL of the page, document or static file."""

    name = "link"
    block = False

    def parse(self, stream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = stream.current.value.strip() if stream.current.kind == TOKEN_EXPRESSION else ""
        return LinkNode(token, markup)


_POST_NAME = re.compile(r"^(.+/)*(\d+-\d+-\d+)-(.*)$")


class PostUrlNode(Node):
    __slots__ = ("orig", "path", "date", "slug", "regex")

    def __init__(self, token, orig: str) -> None:
        super().__init__(token)
        self.orig = orig
        self.blank = False
        m = _POST_NAME.match(re.sub(r"^/", "", orig))
        self.path, self.date, self.slug = (m.group(1) or ""), m.group(2), m.group(3)
        base = re.escape(self.date) + "-" + re.escape(self.slug) + r"\.[^.]+"
        path = re.escape(self.path)
        # Ruby's `^` is a line anchor; relative paths have no newlines, so `\A` is the same.
        self.regex = re.compile(rf"^_posts/{path}{base}|^{path}_posts/?{base}")

    def render_to_output(self, context, buffer) -> int:
        posts = context.env.site.posts.docs
        for doc in posts:
            if self.regex.match(doc.relative_path):
                return buffer.write(_relative_url(context, doc))
        # Jekyll's deprecated fallback: same slug and same calendar day.
        y, mo, d = (int(x) for x in self.date.split("-")[:3])
        for doc in posts:
            parent = "/".join(doc.basename.split("/")[:-1])
            slug = str(doc.data.get("slug"))
            doc_slug = f"{parent}/{slug}" if parent else slug
            when = doc.date
            if doc_slug == self.slug and (when.year, when.month, when.day) == (y, mo, d):
                context.env.site.logger.warn(
                    "Deprecation:",
                    f"A call to '{{% post_url {self.orig} %}}' did not match a post using the new "
                    "matching method of checking name (path-date-slug) equality. Please make sure "
                    "that you change this tag to match the post's name exactly.")
                return buffer.write(_relative_url(context, doc))
        raise LiquidError(
            f'Could not find post "{self.orig}" in tag \'post_url\'.\n'
            "Make sure the post exists and the name is correct.\n",
            token=self.token,
        )


class PostUrlTag(Tag):
    """`{% post_url [subdir/]2010-07-21-name %}`: the URL of a post, matched by path-date-slug."""

    name = "post_url"
    block = False

    def parse(self, stream) -> Node:
        token = stream.eat(TOKEN_TAG)
        orig = stream.current.value.strip() if stream.current.kind == TOKEN_EXPRESSION else ""
        if not _POST_NAME.match(re.sub(r"^/", "", orig)):
            raise LiquidSyntaxError(
                f'Could not parse name of post "{orig}" in tag \'post_url\'.\n'
                " Make sure the post exists and the name is correct.\n",
                token=token,
            )
        return PostUrlNode(token, orig)


class RenderTag(Tag):
    """Liquid 5's `render`: Jekyll gives Liquid no file system, so it always fails to load."""

    name = "render"
    block = False

    def parse(self, stream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = stream.current.value.strip() if stream.current.kind == TOKEN_EXPRESSION else ""
        if not re.match(r"""\A(?:"[^"]*"|'[^']*')""", markup):
            raise LiquidSyntaxError(
                "Syntax error in tag 'render' - Template name must be a quoted string", token=token)
        return _RenderFailNode(token)


class _RenderFailNode(Node):
    __slots__ = ()

    def render_to_output(self, context, buffer) -> int:
        raise LiquidError("This liquid context does not allow includes.", token=self.token)


class RubyCaptureNode(CaptureNode):
    """Ruby Liquid keeps a captured whitespace-only body (`{% capture lf %}\n{% endcapture %}`
    is a newline, which compress.html relies on); python-liquid suppresses blank blocks."""

    __slots__ = ()

    def render_to_output(self, context, buffer) -> int:
        buf = context.get_buffer(buffer)
        for node in self.block.nodes:
            node.render(context, buf)
        self._assign(context, buf)
        return False


class RubyCaptureTag(CaptureTag):
    node_class = RubyCaptureNode


JEKYLL_TAGS = (IncludeTag, IncludeRelativeTag, HighlightTag, LinkTag, PostUrlTag, RenderTag, RubyCaptureTag)


class UnclosedRawTag(Tag):
    """A `{% raw %}` the lexer could not pair with an `{% endraw %}`."""

    name = "raw"
    block = False

    def parse(self, stream) -> Node:
        raise LiquidSyntaxError("'raw' tag was never closed", token=stream.current)


JEKYLL_TAGS = JEKYLL_TAGS + (UnclosedRawTag,)
