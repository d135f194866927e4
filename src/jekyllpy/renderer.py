"""One document through Jekyll's pipeline: Liquid → converter → layouts."""
from __future__ import annotations

from typing import TYPE_CHECKING

import re

from jekyllpy.errors import JekyllpyError, LayoutError
from jekyllpy.utils import deep_merge

if TYPE_CHECKING:
    from jekyllpy.site import Site


class Renderer:
    def __init__(self, site: Site, document, payload: dict | None = None) -> None:
        self.site = site
        self.document = document
        # The build shares one payload across documents, as Jekyll does; a nested render
        # (an excerpt rendered while a page renders) gets its own (Jekyll: site.site_payload).
        self.payload = site.payload if payload is None else payload

    def run(self) -> str:
        doc = self.document
        site = self.site
        payload = self.payload
        payload["page"] = doc.to_liquid() if not getattr(doc, "is_page", False) else doc.to_liquid(doc.content)
        payload["paginator"] = doc.pager.to_liquid() if getattr(doc, "pager", None) else None
        # Jekyll's Markdown converter declares highlighter_prefix/suffix "\n": `{% highlight %}`
        # output in a Markdown document (and its layouts) is wrapped in newlines.
        newline = "\n" if site.converters.kind(doc.extname) == "markdown" else None
        payload["highlighter_prefix"] = payload["highlighter_suffix"] = newline
        if payload is site.payload:
            site.site_drop.current_document = doc
        layout = site.layouts.get(_layout_key(doc.data.get("layout")))
        if layout is not None:
            payload["layout"] = deep_merge(layout.data, payload.get("layout") or {})
        site.hooks.trigger(_owner(doc), "pre_render", doc, payload)
        return self.render_document(payload)

    def render_document(self, payload: dict) -> str:
        doc = self.document
        output = doc.content
        if doc.render_with_liquid():
            output = self.site.liquid.render_source(output, doc.path, payload, doc.content_line)
        output = self.site.converters.convert(output or "", doc.extname, doc)
        doc.content = output
        self.site.hooks.trigger(_owner(doc), "post_convert", doc)
        output = doc.content
        if doc.place_in_layout():
            output = self.place_in_layouts(output, payload)
        return output

    def place_in_layouts(self, content: str, payload: dict) -> str:
        doc = self.document
        name = doc.data.get("layout")
        layout = self.site.layouts.get(_layout_key(name))
        if name is not None and layout is None and not hasattr(doc, "doc"):
            # Jekyll's validate_layout only warns and writes the page without a layout; we
            # do the same (same output), naming the file:line of the `layout:` key.
            path, line = _key_location(doc.path, "layout")
            where = self.site.liquid.display_name(path) + (f":{line}" if line else "")
            self.site.logger.warn("Build Warning:", f"Layout '{_layout_key(name)}' requested in "
                                  f"{where} does not exist.")
        chain: list = []
        payload["layout"] = None
        output = content
        while layout is not None:
            chain.append(layout)
            payload["content"] = output
            payload["layout"] = deep_merge(layout.data, payload.get("layout") or {})
            output = self._render_layout(layout, payload)
            parent = layout.data.get("layout")
            layout = self.site.layouts.get(_layout_key(parent)) if parent is not None else None
            if parent is not None and layout is None and _layout_key(parent) not in ("none", ""):
                self.site.logger.warn("Build Warning:", f"Layout '{_layout_key(parent)}' requested in "
                                      f"{chain[-1].relative_path} does not exist.")
            if layout is not None and any(layout is seen for seen in chain):
                # Jekyll's place_in_layouts stops silently at a layout already used; the
                # output is the same here, with a warning so the cycle does not go unseen.
                names = " → ".join(l.relative_path for l in chain + [layout])
                path, line = _key_location(chain[-1].path, "layout")
                self.site.logger.warn("Build Warning:", f"Layout cycle in {chain[-1].relative_path}"
                                      f"{f':{line}' if line else ''}: {names} (stopped at the repeated layout)")
                break
        return output


    def _render_layout(self, layout, payload: dict) -> str:
        if layout.is_compress and self.site.config.get("jekyllpy_native_compress", True):
            from jekyllpy.compress_html import compress

            fast = compress(payload["content"], self.site.config.get("compress_html"), self.site.environment)
            if fast is not None:
                return fast
        return self.site.liquid.render_source(layout.content, layout.path, payload, layout.content_line)


def _key_location(path: str, key: str) -> tuple[str, int | None]:
    """Where `key:` is set in a file's front matter (for errors about its value)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().split("\n")
    except OSError:
        return path, None
    if not lines or not lines[0].startswith("---"):
        return path, None
    for number, text in enumerate(lines[1:], start=2):
        if text.rstrip() in ("---", "..."):
            break
        if re.match(rf"{key}\s*:", text):
            return path, number
    return path, None


def _layout_key(name) -> str:
    if name is None:
        return ""
    if name is True:
        return "true"
    if name is False:
        return "false"
    return str(name)


def _owner(doc) -> str:
    if getattr(doc, "is_page", False):
        return "pages"
    collection = getattr(doc, "collection", None)
    return "posts" if collection is not None and collection.label == "posts" else "documents"
