"""A tiny base for plugin Liquid tags that render from their markup and the context.

Why: the plugin tags (`feed_meta`, `seo`, `gist`) are all "read the markup once, compute a
string at render time" tags; this keeps each plugin to a `render(context, markup)` function.
"""
from __future__ import annotations

from typing import Any, Callable

from liquid.ast import Node
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION


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
