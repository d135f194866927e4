"""A tiny base for plugin Liquid tags that render from their markup and the context.

Why: the plugin tags (`feed_meta`, `seo`, `gist`) are all "read the markup once, compute a
string at render time" tags; this keeps each plugin to a `render(context, markup)` function.
"""
from __future__ import annotations

from typing import Any, Callable

from jekyllpy.deferred import import_liquid

import_liquid()  # first: liquid without what deferred.py lists

from liquid.ast import Node  # noqa: E402
from liquid.tag import Tag  # noqa: E402
from liquid.token import TOKEN_EXPRESSION  # noqa: E402


class _SimpleNode(Node):
    __slots__ = ("markup", "func")

    def __init__(self, token, markup: str, func) -> None:
        super().__init__(token)
        self.markup = markup
        self.func = func
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        return buffer.write(self.func(context, self.markup))


def simple_tag(tag_name: str, func: Callable[[Any, str], str]) -> type[Tag]:
    """A Liquid tag class `{% tag_name markup %}` that outputs `func(context, markup)`."""

    class SimpleTag(Tag):
        name = tag_name
        block = False

        def parse(self, stream) -> Node:
            # Leave the stream on the last token of this tag (the parser advances past it).
            token = stream.current
            markup = ""
            if stream.peek.kind == TOKEN_EXPRESSION:
                stream.next_token()
                markup = stream.current.value
            return _SimpleNode(token, markup, func)

    SimpleTag.__name__ = f"{tag_name.title().replace('_', '')}Tag"
    return SimpleTag


class _BlockNode(Node):
    __slots__ = ("markup", "func", "block")

    def __init__(self, token, markup: str, func, block) -> None:
        super().__init__(token)
        self.markup = markup
        self.func = func
        self.block = block
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        buf = context.get_buffer(buffer)
        self.block.render(context, buf)
        return buffer.write(self.func(context, self.markup, buf.getvalue()))


def simple_block_tag(tag_name: str, func: Callable[[Any, str, str], str]) -> type[Tag]:
    """A block tag `{% name markup %}body{% endname %}` that outputs
    `func(context, markup, rendered_body)` (the body is rendered as Liquid first, as
    Jekyll's `Liquid::Block#render` → `super` does)."""
    from liquid.parser import get_parser
    from liquid.token import TOKEN_TAG

    end_name = "end" + tag_name

    class SimpleBlockTag(Tag):
        name = tag_name
        end = end_name
        block = True

        def parse(self, stream) -> Node:
            token = stream.eat(TOKEN_TAG)
            markup = ""
            if stream.current.kind == TOKEN_EXPRESSION:
                markup = stream.current.value
                next(stream)
            body = get_parser(self.env).parse_block(stream, (end_name,))
            stream.expect(TOKEN_TAG, value=end_name)
            return _BlockNode(token, markup, func, body)

    SimpleBlockTag.__name__ = f"{tag_name.title().replace('_', '')}BlockTag"
    return SimpleBlockTag
