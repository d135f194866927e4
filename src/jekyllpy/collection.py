"""Jekyll's `Collection`: a `_label` folder of documents (and static files) with metadata."""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from jekyllpy import frontmatter, permalinks

if TYPE_CHECKING:
    from jekyllpy.documents import Document
    from jekyllpy.site import Site


class Collection:
    def __init__(self, site: Site, label: str) -> None:
        self.site = site
        self.label = re.sub(r"[^a-z0-9_\-.]", "", label, flags=re.I)
        meta = site.config.get("collections")
        self.metadata: dict = dict(meta.get(label) or {}) if isinstance(meta, dict) else {}
        self.docs: list[Document] = []
        self.files: list = []
        self._index: dict[int, int] | None = None

    @property
    def relative_directory(self) -> str:
        return f"_{self.label}"

    @property
    def directory(self) -> Path:
        return self.site.in_source_dir(self.site.config.get("collections_dir") or "", self.relative_directory)

    @property
    def write(self) -> bool:
        return bool(self.metadata.get("output", False))

    @property
    def url_template(self) -> str:
        if "permalink" in self.metadata and self.metadata["permalink"]:
            return str(self.metadata["permalink"])
        return permalinks.add_permalink_suffix("/:collection/:path", self.site.permalink_style)

    def read(self) -> None:
        """Documents (files with front matter) and static files under `_label/`."""
        from jekyllpy.documents import Document
        from jekyllpy.static_file import StaticFile

        base = self.directory
        if not base.is_dir():
            return
        entry_filter = self.site.reader.entry_filter(self.relative_directory)
        for rel in self.site.reader.walk_files(base, entry_filter, dot_match=True):
            full = base / rel
            if frontmatter.has_front_matter(full):
                doc = Document(full, self.site, self)
                doc.read()
                if self.site.unpublished or doc.published():
                    self.docs.append(doc)
            else:
                rel_dir = os.path.dirname(rel)
                reldir = f"{self.relative_directory}/{rel_dir}" if rel_dir else self.relative_directory
                self.files.append(StaticFile(self.site, self.site.source, reldir, os.path.basename(rel), self))
        self.site.static_files.extend(self.files)
        self.sort_docs()

    def sort_docs(self) -> None:
        order = self.metadata.get("order")
        sort_by = self.metadata.get("sort_by")
        if isinstance(order, list):
            table = {d.relative_path: d for d in sorted(self.docs, key=Document_key)}
            ordered = []
            for entry in order:
                key = f"{self.relative_directory}/{entry}"
                if key in table:
                    ordered.append(table.pop(key))
            self.docs = ordered + list(table.values())
        elif isinstance(sort_by, str):
            self.docs.sort(key=functools.cmp_to_key(lambda a, b: _cmp_by_key(sort_by, a, b)))
        else:
            self.docs.sort(key=Document_key)
        self._index = None

    def index_of(self, doc) -> int | None:
        if self._index is None or len(self._index) != len(self.docs):
            self._index = {id(d): i for i, d in enumerate(self.docs)}
        return self._index.get(id(doc))

    def to_liquid(self):
        from jekyllpy.liquid.drops import CollectionDrop

        return CollectionDrop(self)


def _compare_docs(a, b) -> int:
    """Jekyll's Document#<=>: by `data["date"]` (not the lazy `date`, so a document without
    one compares as nil), falling back to the path when dates are equal or missing."""
    da, db = a.data.get("date"), b.data.get("date")
    if da is not None and db is not None:
        cmp = _cmp(da, db)
        if cmp:
            return cmp
    return _cmp(a.path, b.path)


Document_key = functools.cmp_to_key(_compare_docs)


def _cmp(a, b) -> int:
    try:
        return (a > b) - (a < b)
    except TypeError:
        return 0


def _cmp_by_key(key: str, a, b) -> int:
    va, vb = a.data.get(key), b.data.get(key)
    if va is None and vb is not None:
        return 1
    if va is not None and vb is None:
        return -1
    order = 0 if va is None else _cmp(va, vb)
    return order or _compare_docs(a, b)
