"""Jekyll's `Layout`: a template in `_layouts/` with optional front matter."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from jekyllpy import frontmatter

if TYPE_CHECKING:
    from jekyllpy.site import Site


class Layout:
    def __init__(self, site: Site, base: Path, name: str) -> None:
        path = str(base / name)
        raw = site.read_text(path)
        relative = os.path.relpath(path, site.source)
        data, content, line, problem = frontmatter.read_lenient(raw, relative)
        if problem is not None:
            from jekyllpy.documents import report_read_error

            report_read_error(site, problem)
        self._setup(site, name, path, relative, data if isinstance(data, dict) else {}, content, line)

    @classmethod
    def from_text(cls, site: Site, name: str, path: str, relative_path: str, content: str,
                  data: dict | None = None) -> "Layout":
        """A layout that is not a file of the site (plugins' built-in layouts)."""
        layout = cls.__new__(cls)
        layout._setup(site, name, path, relative_path, dict(data or {}), content, 1)
        return layout

    def _setup(self, site, name, path, relative_path, data, content, line) -> None:
        from jekyllpy.compress_html import is_compress_layout

        self.site = site
        self.name = name
        self.path = path
        self.relative_path = relative_path
        self.ext = os.path.splitext(name)[1]
        self.data: dict = data
        self.content = content
        self.content_line = line
        # Minimal Mistakes' compress.html is computed natively (see compress_html.py).
        self.is_compress = is_compress_layout(content)

    def __repr__(self) -> str:
        return f"<Layout {self.relative_path}>"
