"""Reading the source tree the way Jekyll's `Reader` and `EntryFilter` do.

Order matters for identical output: layouts, then directories (posts, subdirectories, pages,
static files), then files named in `include:`, then sorting, then collections, then data.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from jekyllpy import csvdata, frontmatter, yaml11
from jekyllpy.documents import DATE_FILENAME_RE, DATELESS_FILENAME_RE, Document, Page
from jekyllpy.errors import JekyllpyError
from jekyllpy.layout import Layout
from jekyllpy.static_file import StaticFile
from jekyllpy.utils import ruby_fnmatch

if TYPE_CHECKING:
    from jekyllpy.site import Site

_SPECIAL_RE = re.compile(r"^[._#~]")


class EntryFilter:
    """Which directory entries Jekyll reads: include wins, exclude, specials, backups."""

    def __init__(self, site: Site, base_directory: str = "") -> None:
        self.site = site
        self.source = str(site.source)
        # Jekyll's derive_base_directory: a base given as a full path is made source-relative.
        if base_directory.startswith(self.source):
            base_directory = base_directory[len(self.source):]
        self.base = base_directory.lstrip("/")
        include = [str(p) for p in site.config.get("include") or []]
        self.include = include
        self.exclude = [str(p) for p in site.config.get("exclude") or [] if str(p) not in include]

    def relative_to_source(self, entry: str) -> str:
        return os.path.join(self.base, entry) if self.base else entry

    def filter(self, entries: list[str]) -> list[str]:
        kept = []
        for e in entries:
            if e.endswith("."):
                continue
            included = self.included(e)
            if self.excluded(e) and not included:
                continue
            if self.symlink(e):
                continue
            if included:
                kept.append(e)
                continue
            base = os.path.basename(e)
            if _SPECIAL_RE.match(e) or _SPECIAL_RE.match(base) or e.endswith("~"):
                continue
            kept.append(e)
        return kept

    def included(self, entry: str) -> bool:
        return self._glob_include(self.include, entry) or self._glob_include(self.include, os.path.basename(entry))

    def excluded(self, entry: str) -> bool:
        return self._glob_include(self.exclude, self.relative_to_source(entry))

    def symlink(self, entry: str) -> bool:
        """Links are never followed out of the source (GitHub Pages' safe behaviour) — the
        entry's own link or a linked folder above it — unless the site opts in."""
        return escapes_source(self.site, os.path.join(self.source, self.relative_to_source(entry)))

    def _glob_include(self, patterns: list[str], entry: str) -> bool:
        entry_with_source = _join(self.source, entry)
        is_dir = None
        for pattern in patterns:
            pattern_with_source = _join(self.source, pattern)
            if ruby_fnmatch(pattern_with_source, entry_with_source) or entry_with_source.startswith(pattern_with_source):
                return True
            if pattern_with_source.endswith("/"):
                if is_dir is None:
                    is_dir = os.path.isdir(entry_with_source)
                if is_dir and pattern_with_source == entry_with_source + "/":
                    return True
        return False


def _join(base: str, item: str) -> str:
    """Ruby's File.join: exactly one slash between the parts."""
    if not item:
        return base + "/" if not base.endswith("/") else base
    return base.rstrip("/") + "/" + item.lstrip("/")


class Reader:
    def __init__(self, site: Site) -> None:
        self.site = site

    def entry_filter(self, base: str = "") -> EntryFilter:
        return EntryFilter(self.site, base)

    def read(self) -> None:
        site = self.site
        site.layouts = self.read_layouts()
        self.read_directories("")
        self.read_included_files()
        site.pages.sort(key=lambda p: p.name)
        site.static_files.sort(key=lambda f: f.relative_path)
        for label, collection in site.collections.items():
            if label not in ("posts", "data"):
                collection.read()
        site.collections["posts"].sort_docs()
        site.data = self.read_data(site.in_source_dir(site.config["data_dir"]))

    # layouts ----------------------------------------------------------------------------
    def read_layouts(self) -> dict[str, Layout]:
        base = self.site.in_source_dir(self.site.config["layouts_dir"])
        layouts: dict[str, Layout] = {}
        if not base.is_dir():
            return layouts
        ef = self.entry_filter()
        for rel in sorted(self._glob_files(base)):
            if "." not in os.path.basename(rel):
                continue
            if not ef.filter([rel]) or escapes_source(self.site, base / rel):
                continue
            name = ".".join(rel.split(".")[:-1])
            layouts[name] = Layout(self.site, base, rel)
        return layouts

    @staticmethod
    def _glob_files(base: Path, dot_match: bool = False) -> Iterator[str]:
        for root, dirs, files in os.walk(base, followlinks=False):
            rel_root = os.path.relpath(root, base)
            if not dot_match:
                dirs[:] = [d for d in dirs if not d.startswith(".")]
            dirs.sort()
            for name in sorted(files):
                if not dot_match and name.startswith("."):
                    continue
                yield name if rel_root == "." else f"{rel_root}/{name}"

    def walk_files(self, base: Path, entry_filter: EntryFilter, dot_match: bool = False) -> list[str]:
        """All files below base (relative), filtered as Jekyll filters `Dir["**/*"]`."""
        entries = list(self._glob_files(base, dot_match))
        return [e for e in entry_filter.filter(entries) if not (base / e).is_dir()]

    # directories -------------------------------------------------------------------------
    def read_directories(self, dir: str) -> None:
        site = self.site
        base = site.in_source_dir(dir)
        if not base.is_dir():
            return
        try:
            # Jekyll uses Dir.entries — the filesystem's order, unsorted. It shows through
            # only where Jekyll's later sorts tie (pages with the same name).
            names = os.listdir(base)
        except OSError as exc:
            raise JekyllpyError(f"cannot read directory: {exc.strerror}", base) from exc
        entries = EntryFilter(site, dir.lstrip("/")).filter(names)
        dirs, pages, statics = [], [], []
        for entry in entries:
            full = base / entry
            if full.is_dir():
                dirs.append(entry)
            elif frontmatter.has_front_matter(full):
                pages.append(entry)
            else:
                statics.append(entry)
        self.retrieve_posts(dir)
        for entry in dirs:
            full = base / entry
            if full.resolve() == site.dest.resolve():
                continue
            self.read_directories(_join(dir, entry) if dir else "/" + entry)
        for entry in pages:
            page = Page(site, site.source, dir, entry)
            if site.publisher.publish(page):
                site.pages.append(page)
        for entry in statics:
            site.static_files.append(StaticFile(site, site.source, dir, entry))

    def retrieve_posts(self, dir: str) -> None:
        site = self.site
        cdir = site.config.get("collections_dir") or ""
        if cdir and not dir.startswith("/" + cdir):
            return
        posts = site.collections["posts"]
        posts.docs.extend(self._read_publishable(dir, "_posts", DATE_FILENAME_RE))
        if site.show_drafts:
            posts.docs.extend(self._read_publishable(dir, "_drafts", DATELESS_FILENAME_RE))

    def _read_publishable(self, dir: str, magic: str, matcher: re.Pattern) -> list[Document]:
        site = self.site
        base = site.in_source_dir(dir, magic)
        if not base.exists():
            return []
        docs = []
        for entry in self.walk_files(base, EntryFilter(site, str(base))):
            if not matcher.match(entry):
                continue
            doc = Document(base / entry, site, site.collections["posts"])
            doc.read()
            if getattr(doc, "invalid_encoding", False) or getattr(doc, "content_missing", False):
                continue  # Jekyll's PostReader#processable?: content nil or not valid UTF-8, skipped
            if site.publisher.publish(doc):
                docs.append(doc)
            elif site.publisher.hidden_in_the_future(doc):
                site.logger.warn("Skipping:", f"{doc.relative_path} has a future date")
        return docs

    def read_included_files(self) -> None:
        site = self.site
        for entry in site.config.get("include") or []:
            path = site.in_source_dir(str(entry))
            if path.is_dir() or not path.is_file():
                continue
            if EntryFilter(site).symlink(str(entry)):
                continue
            container = site.pages if frontmatter.has_front_matter(path) else site.static_files
            if any(str(site.in_source_dir(item.relative_path)) == str(path) for item in container):
                continue
            dir = os.path.dirname(str(path))[len(str(site.source)):]
            name = os.path.basename(str(path))
            if container is site.pages:
                page = Page(site, site.source, dir, name)
                if site.publisher.publish(page):
                    site.pages.append(page)
            else:
                site.static_files.append(StaticFile(site, site.source, dir, name))

    # data --------------------------------------------------------------------------------
    def read_data(self, base: Path) -> dict:
        data: dict = {}
        self._read_data_to(base, data)
        return data

    def _read_data_to(self, dir: Path, data: dict) -> None:
        if not dir.is_dir() or os.path.islink(dir):
            return
        names = sorted(os.listdir(dir))
        # Ruby's Dir["*.{yaml,yml,json,csv,tsv}"] expands the braces in order: all .yaml
        # files first, then .yml … (later keys win when two files share a name).
        files = [n for ext in (".yaml", ".yml", ".json", ".csv", ".tsv") for n in names
                 if n.endswith(ext) and (dir / n).is_file()]
        subdirs = [n for n in names if (dir / n).is_dir()]
        for entry in files + subdirs:
            path = dir / entry
            if os.path.islink(path):
                continue
            if path.is_dir():
                sub: dict = {}
                data[_sanitize_data_name(entry)] = sub
                self._read_data_to(path, sub)
            else:
                data[_sanitize_data_name(os.path.splitext(entry)[0])] = self.read_data_file(path)

    def read_data_file(self, path: Path):
        """Jekyll's DataReader#read_data_file: CSV/TSV through Ruby's strict CSV (see
        csvdata.py), everything else, `.json` included, through Psych (`SafeYAML.load_file`):
        JSON is YAML to Jekyll, so a trailing comma or an empty file is fine there."""
        ext = path.suffix.lower()
        rel = os.path.relpath(path, self.site.source)
        if ext in (".csv", ".tsv"):
            try:
                raw = path.read_bytes()  # as CSV.read: a byte order mark stays in the first header
            except OSError as exc:
                raise JekyllpyError(f"could not read file: {exc.strerror}", rel) from exc
            key = "tsv_reader" if ext == ".tsv" else "csv_reader"
            options = self.site.config.get(key) if isinstance(self.site.config.get(key), dict) else {}
            return csvdata.load(raw.decode("utf-8", "surrogateescape"), "\t" if ext == ".tsv" else ",",
                                rel, headers=options.get("headers", True) is not False)
        return yaml11.load(self.site.read_text(str(path)), rel)


def escapes_source(site: Site, path: str | Path) -> bool:
    """Whether `path`, with every link on the way resolved, lies outside the site source.

    Such files are skipped: a link to /etc/passwd must not end up in `_site/` (GitHub Pages
    never follows them; Jekyll outside safe mode does). `follow_external_symlinks: true`
    opts in to Jekyll's non-safe behaviour; `safe` mode overrides it."""
    if site.config.get("follow_external_symlinks") is True and not site.config.get("safe"):
        return False
    root = os.path.realpath(site.source)
    real = os.path.realpath(path)
    return not (real == root or real.startswith(root + os.sep))


def _sanitize_data_name(name: str) -> str:
    name = re.sub(r"[^\w\s-]+|(?:^|(?<=\b\s))\s+(?=$|\s?\b)", "", name)
    return re.sub(r"\s+", "_", name)
