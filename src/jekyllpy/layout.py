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
        self.site = site
        self.name = name
        self.path = str(base / name)
        self.relative_path = os.path.relpath(self.path, site.source)
        self.ext = os.path.splitext(name)[1]
        raw = site.read_text(self.path)
        data, content, line = frontmatter.read(raw, self.relative_path)
        self.data: dict = data if isinstance(data, dict) else {}
        self.content = content
        self.content_line = line

    def __repr__(self) -> str:
        return f"<Layout {self.relative_path}>"
