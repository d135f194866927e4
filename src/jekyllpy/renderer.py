"""One document through Jekyll's pipeline: Liquid → converter → layouts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from jekyllpy.errors import JekyllpyError
from jekyllpy.utils import deep_merge

if TYPE_CHECKING:
    from jekyllpy.site import Site


class Renderer:
    def __init__(self, site: Site, document) -> None:
        self.site = site
        self.document = document

    def run(self) -> str:
        doc = self.document
        site = self.site
        payload = site.payload
        payload["page"] = doc.to_liquid() if not getattr(doc, "is_page", False) else doc.to_liquid(doc.content)
        payload["paginator"] = doc.pager.to_liquid() if getattr(doc, "pager", None) else None
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
            self.site.logger.warn(
                "Build Warning:",
                f"Layout '{_layout_key(name)}' requested in {doc.relative_path} does not exist.",
            )
        used = set()
        payload["layout"] = None
        output = content
        while layout is not None:
            used.add(id(layout))
            payload["content"] = output
            payload["layout"] = deep_merge(layout.data, payload.get("layout") or {})
            output = self.site.liquid.render_source(layout.content, layout.path, payload, layout.content_line)
            parent = layout.data.get("layout")
            layout = self.site.layouts.get(_layout_key(parent)) if parent is not None else None
            if layout is not None and id(layout) in used:
                break
        return output


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
