"""Jekyll's `StaticFile`: copied byte for byte, modification time kept."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from jekyllpy import permalinks
from jekyllpy.utils import safe_join

if TYPE_CHECKING:
    from jekyllpy.collection import Collection
    from jekyllpy.site import Site


class StaticFile:
    def __init__(self, site: Site, base: Path, dir: str, name: str, collection: Collection | None = None) -> None:
        self.site = site
        self.base = base
        self.dir = dir
        self.name = name
        self.collection = collection
        # Ruby's File.join(dir, name): File.join("", "a") is "/a", as Jekyll's paths are.
        self.relative_path = f"{dir.rstrip('/')}/{name}" if dir is not None else name
        self.extname = os.path.splitext(name)[1]
        cdir = site.config.get("collections_dir") or ""
        parts = [dir, name] if collection is None or not cdir else [cdir, dir, name]
        self.path = str(safe_join(Path(base), *parts))
        self._url: str | None = None
        self._data: dict | None = None

    @property
    def basename(self) -> str:
        return re.sub(r"\.*\Z", "", os.path.splitext(self.name)[0] if self.extname else self.name)

    @property
    def modified_time(self):
        return self.site.file_mtime(self.path)

    @property
    def cleaned_relative_path(self) -> str:
        rel = self.relative_path
        if self.extname:
            rel = rel[: len(rel) - len(self.extname)]
        rel = re.sub(r"\.*\Z", "", rel)
        if self.collection is not None:
            rel = rel.replace(self.collection.relative_directory, "", 1)
        return rel

    @property
    def url(self) -> str:
        if self._url is None:
            if self.collection is None:
                base = self.cleaned_relative_path
            else:
                placeholders = {
                    "collection": self.collection.label,
                    "path": self.cleaned_relative_path,
                    "output_ext": "",
                    "name": self.basename,
                    "title": "",
                }
                base = permalinks.generate(
                    self.collection.url_template, None,
                    lambda t: permalinks.url_from_hash(t, placeholders),
                )
            self._url = (base[:-1] if base.endswith("/") else base) + self.extname
        return self._url

    @property
    def type(self) -> str | None:
        return None if self.collection is None else self.collection.label

    @property
    def data(self) -> dict:
        if self._data is None:
            self._data = self.site.frontmatter_defaults.all(self.relative_path, self.type)
        return self._data

    def write_enabled(self) -> bool:
        defaults = self.site.frontmatter_defaults.all(self.url, self.type)
        publishable = defaults.get("published", True)
        if self.collection is None:
            return bool(publishable)
        return bool(publishable) and self.collection.write

    def destination(self, dest: Path) -> Path:
        return safe_join(dest, permalinks.unescape_path(self.url))

    def write(self, dest: Path) -> None:
        target = self.destination(dest)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(self.path, target)

    def to_liquid(self):
        from jekyllpy.liquid.drops import StaticFileDrop

        return StaticFileDrop(self)

    def __repr__(self) -> str:
        return f"<StaticFile {self.relative_path}>"
