"""Converters chosen by file extension, as Jekyll's are: Markdown, Sass/SCSS, identity.

Jekyll sorts matching converters by priority (Markdown and Sass before Identity) and takes
the output extension from the first; conversion runs through all of them in order.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jekyllpy.site import Site


class Converters:
    def __init__(self, site: Site) -> None:
        self.site = site
        exts = str(site.config.get("markdown_ext") or "").split(",")
        self.markdown_exts = {"." + e.strip().lower() for e in exts if e.strip()}
        self._markdown = None
        self._sass = None

    def plugin_for(self, ext: str):
        """The highest-priority plugin converter (jekyllpy.plugins.add_converter) for `ext`."""
        for converter in getattr(self.site, "plugin_converters", ()):
            if converter.matches(ext):
                return converter
        return None

    def kind(self, ext: str) -> str:
        if self.plugin_for(ext) is not None:
            return "plugin"
        low = ext.lower()
        if low in self.markdown_exts:
            return "markdown"
        if low in (".scss", ".sass"):
            return "sass"
        return "identity"

    def output_ext(self, ext: str) -> str:
        kind = self.kind(ext)
        if kind == "markdown":
            return ".html"
        if kind == "sass":
            return ".css"
        if kind == "plugin":
            return self.plugin_for(ext).output_ext(ext)
        return ext

    @property
    def markdown(self):
        if self._markdown is None:
            from jekyllpy.markdown import MarkdownConverter

            converter = MarkdownConverter(self.site.config)
            converter.store = self.site.disk_cache("markdown", converter.cache_salt())
            self._markdown = converter
        return self._markdown

    @property
    def sass(self):
        if self._sass is None:
            from jekyllpy.sass import SassConverter

            self._sass = SassConverter(self.site.source, self.site.config)
            self._sass.store = self.site.disk_cache("sass", "sass")
        self._sass.head_start = getattr(self.site, "sass_head_start", None)
        return self._sass

    def convert(self, content: str, ext: str, document=None) -> str:
        kind = self.kind(ext)
        if kind == "markdown":
            return self._convert_markdown(content, document)
        if kind == "sass":
            return self.site.sass_convert(content, document)
        if kind == "plugin":
            return self.plugin_for(ext).convert(content)
        return content

    def _convert_markdown(self, content: str, document) -> str:
        """kramdown refuses text that is not valid UTF-8 (we name the byte); deep nesting
        gets a deep stack (kramdown on Ruby's stack converts 1000 nested quotes)."""
        from jekyllpy.errors import JekyllpyError
        from jekyllpy.frontmatter import invalid_utf8
        from jekyllpy.utils import call_with_deep_stack

        where = getattr(document, "display_path", None) or getattr(document, "relative_path", None)
        bad = invalid_utf8(content, where)
        if bad is not None:
            bad.message = ("Markdown: the source text contains invalid characters for the used "
                           "encoding UTF-8" + bad.message[len("invalid byte sequence in UTF-8"):])
            if bad.line is not None:
                bad.line += getattr(document, "content_line", 1) - 1
            raise bad
        try:
            return call_with_deep_stack(self.markdown.convert, content)
        except RecursionError:
            raise JekyllpyError("Markdown: nesting is too deep to convert", where) from None
