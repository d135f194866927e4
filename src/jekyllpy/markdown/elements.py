"""kramdown's element tree: the parser builds it, the HTML converter walks it.

Elements mirror kramdown's `Kramdown::Element` (type, value, attr, options, children) because
the converter's output depends on the same distinctions kramdown makes (e.g. a transparent
paragraph, an HTML element's content model, a block vs span comment).
"""
from __future__ import annotations


class Element:
    __slots__ = ("type", "value", "attr", "options", "children")

    def __init__(self, type: str, value=None, attr: dict | None = None, options: dict | None = None) -> None:
        self.type = type
        self.value = value
        self.attr = attr if attr is not None else {}
        self.options = options if options is not None else {}
        self.children: list[Element] = []

    def __repr__(self) -> str:  # debugging aid
        return f"<{self.type} {self.value!r} {self.attr} {self.children}>"

    def deep_copy(self) -> "Element":
        el = Element(self.type, self.value, dict(self.attr), dict(self.options))
        el.children = [c.deep_copy() for c in self.children]
        return el
