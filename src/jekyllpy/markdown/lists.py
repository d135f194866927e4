"""kramdown's list-item "transparency": which items print their first paragraph without <p>.

kramdown (parser/kramdown/list.rb) decides per item: the first paragraph is transparent
unless a blank line follows it inside the item (or, for all but the last item, before the
next item); the last item is transparent only if an earlier item is. CommonMark — and so
mistune — decides looseness per list, and its AST drops the blank lines between items. We
record them: mistune's list parser learns, per item, whether a blank line precedes the next
item (`_collect_list_item_lines(...).loose`); wrapping its two internal list functions stores
that on the item token as `blank_after`. The wrappers depend on mistune 3's internals
(pinned `mistune>=3,<4`); tests/test_kramdown_layout.py fails loudly if they change.
"""
from __future__ import annotations

import threading

from mistune import list_parser

_stack = threading.local()


def _collect(*args, **kwargs):
    lines = _original_collect(*args, **kwargs)
    _values().append(bool(getattr(lines, "loose", False)))
    return lines


def _parse_item(block, bullet, item, token, state, rules):
    values = _values()
    depth = len(values)
    result = _original_parse_item(block, bullet, item, token, state, rules)
    blank_after = values[depth] if len(values) > depth else False
    del values[depth:]
    if token.get("children"):
        token["children"][-1]["blank_after"] = blank_after
    return result


def _values() -> list:
    values = getattr(_stack, "values", None)
    if values is None:
        values = _stack.values = []
    return values


_original_collect = list_parser._collect_list_item_lines
_original_parse_item = list_parser._parse_list_item


def install() -> None:
    if list_parser._collect_list_item_lines is not _collect:
        list_parser._collect_list_item_lines = _collect
        list_parser._parse_list_item = _parse_item


def transparent_items(items: list[dict]) -> list[bool]:
    """kramdown's rule, item by item (items are mistune list_item tokens)."""
    flags: list[bool] = []
    for index, item in enumerate(items):
        children = list(item["children"])
        first = next((c for c in children if c["type"] != "blank_line"), None)
        is_p = first is not None and first["type"] in ("paragraph", "block_text")
        last = index == len(items) - 1
        if not is_p:
            flags.append(False)
            continue
        after_first = children[children.index(first) + 1:] if first in children else []
        blank_inside = bool(after_first) and after_first[0]["type"] == "blank_line" and len(after_first) > 1
        blank_next = bool(item.get("blank_after")) and not last
        ok = not blank_inside and not blank_next
        if ok and last and len(items) > 1:  # only if an earlier item is transparent (or no p)
            ok = any(flag or not _starts_with_p(it) for flag, it in zip(flags, items[:-1]))
        flags.append(ok)
    return flags


def _starts_with_p(item: dict) -> bool:
    first = next((c for c in item["children"] if c["type"] != "blank_line"), None)
    return first is not None and first["type"] in ("paragraph", "block_text")
