"""Pages, collection documents (posts included) and excerpts — Jekyll's `Page`, `Document`
and `Excerpt`, with the same data merging, URL and destination rules.
"""
from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jekyllpy import frontmatter, permalinks
from jekyllpy.dates import parse_date
from jekyllpy.errors import JekyllpyError
from jekyllpy.utils import deep_merge, has_liquid_construct, pluralized_array, safe_join, slugify, titleize_slug

if TYPE_CHECKING:
    from jekyllpy.collection import Collection
    from jekyllpy.site import Site

HTML_EXTENSIONS = (".html", ".xhtml", ".htm")
SASS_EXTS = (".sass", ".scss")
YAML_EXTS = (".yaml", ".yml")
DATE_FILENAME_RE = re.compile(r"^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")
DATELESS_FILENAME_RE = re.compile(r"^(?:.+/)*(.*)(\.[^.]+)$")


def _strip_trailing_dots(text: str) -> str:
    return re.sub(r"\.*\Z", "", text)


def report_read_error(site: Site, err: JekyllpyError, document: bool = False) -> None:
    """Front matter Jekyll could not read: logged and the build goes on (Jekyll's
    Convertible#read_yaml warns, Document#handle_read_error logs an error), unless
    `strict_front_matter` is set, which makes it fatal as in Jekyll."""
    if site.config.get("strict_front_matter"):
        raise err
    problems = site.__dict__.setdefault("read_problems", [])  # for `jekyllpy doctor`
    problems.append(err)
    if isinstance(err, frontmatter.InvalidEncoding):
        topic = "Error reading file"
    elif isinstance(err, frontmatter.FrontMatterError):
        topic = "Invalid front matter"
    else:
        topic = "YAML Exception"
    if document:
        site.logger.error("Error:", f"{topic}: {err}")
    else:
        site.logger.warn(f"{topic}:", str(err))


class Convertible:
    """What pages and documents share: content, output, converters and layouts."""

    site: Site
    data: dict
    content: str
    output: str | None
    extname: str
    relative_path: str
    path: str
    content_line: int = 1

    @property
    def permalink(self) -> Any:
        return self.data.get("permalink")

    @property
    def output_ext(self) -> str:
        """A permalink's own extension wins, else the converter's (Jekyll's Renderer)."""
        return self._output_ext_for(self.permalink)

    def _output_ext_for(self, permalink: Any) -> str:
        if permalink and isinstance(permalink, str) and not permalink.endswith("/"):
            ext = os.path.splitext(permalink)[1]
            if ext:
                return ext
        return self.site.converters.output_ext(self.extname)

    @property
    def asset_file(self) -> bool:
        return self.extname in SASS_EXTS or self.extname == ".coffee"

    @property
    def no_layout(self) -> bool:
        return self.data.get("layout") == "none"

    def render_with_liquid(self) -> bool:
        if self.data.get("render_with_liquid") is False:
            return False
        return has_liquid_construct(self.content)

    def place_in_layout(self) -> bool:
        return not (self.asset_file or self.no_layout)

    @property
    def display_path(self) -> str:
        """Path used in messages: relative to the source, as users know their files."""
        try:
            return os.path.relpath(self.path, self.site.source)
        except ValueError:
            return self.path


class Page(Convertible):
    """A file with front matter outside collections (Jekyll's `Page`)."""

    type = "pages"
    is_page = True

    def __init__(self, site: Site, base: Path, dir: str, name: str, *, read: bool = True) -> None:
        self.site = site
        self.base = base
        self.dir_ = dir
        self.name = name
        self.path = str(safe_join(Path(base), dir, name))
        self.ext = os.path.splitext(name)[1]
        self.basename = _strip_trailing_dots(name[: len(name) - len(self.ext)] if self.ext else name)
        self.content = ""
        self.output: str | None = None
        self.data: dict = {}
        self.pager = None
        self.added_by: int | None = None  # render position of the item that added this page
        self._defaults: dict = {}
        self._url: str | None = None
        if read:
            self._read()

    @property
    def extname(self) -> str:
        return self.ext

    @property
    def liquid_data(self) -> dict:
        """What Liquid sees (Jekyll's Page#to_liquid): defaults deep-merged under the data,
        computed on access so data added later by plugins shows."""
        return deep_merge(self._defaults, self.data) if self._defaults else self.data

    @property
    def relative_path(self) -> str:
        return "/".join(p for p in (self.dir_, self.name) if p).lstrip("/")

    def _read(self) -> None:
        raw = self.site.read_text(self.path)
        data, content, line, problem = frontmatter.read_lenient(raw, self.display_path)
        if problem is not None:
            report_read_error(self.site, problem)
        self.content = content
        self.content_line = line
        data = data or {}
        if not isinstance(data, dict):
            raise JekyllpyError("Invalid YAML front matter", self.display_path, 1, 1)
        self._apply_data(data)

    def _apply_data(self, data: dict) -> None:
        # Jekyll keeps a page's front matter as its data and consults defaults only for keys
        # the front matter lacks (a Hash default_proc), so `layout: null` beats a default
        # layout; Liquid sees defaults deep-merged under the data, where nil never overrides.
        self._defaults = self.site.frontmatter_defaults.all(self.relative_path, self.type)
        self.data = dict(data)
        for key, value in self._defaults.items():
            self.data.setdefault(key, value)
        if self.data.get("permalink") == "":
            raise JekyllpyError("Invalid permalink", self.display_path)

    # URLs -------------------------------------------------------------------------------
    @property
    def html(self) -> bool:
        return self.output_ext in HTML_EXTENSIONS

    @property
    def template(self) -> str:
        if not self.html:
            return "/:path/:basename:output_ext"
        if self.basename == "index":
            return "/:path/"
        return permalinks.add_permalink_suffix("/:path/:basename", self.site.permalink_style)

    @property
    def url(self) -> str:
        if self._url is None:
            placeholders = {"path": self.dir_, "basename": self.basename, "output_ext": self.output_ext}
            self._url = permalinks.generate(
                self.template,
                str(self.permalink) if self.permalink else None,
                lambda t: permalinks.url_from_hash(t, placeholders),
            )
        return self._url

    @property
    def dir(self) -> str:
        url = self.url
        if url.endswith("/"):
            return url
        value = os.path.dirname(url)
        return value if value.endswith("/") else value + "/"

    @property
    def page_path(self) -> str:
        return self.data.get("path") or self.relative_path

    def destination(self, dest: Path) -> Path:
        url = self.url
        path = permalinks.unescape_path(url)
        if url.endswith("/"):
            path = path + "index"
        if not path.endswith(self.output_ext):
            path += self.output_ext
        return _located_join(self, dest, path)

    @property
    def excerpt(self) -> str | None:
        value = self.data.get("excerpt")
        return None if value is None else str(value)

    def write_enabled(self) -> bool:
        return True

    def to_liquid(self, content_snapshot: str | None = None):
        from jekyllpy.liquid.drops import PageDrop

        return PageDrop(self, content_snapshot)

    def __repr__(self) -> str:
        return f"<Page {self.relative_path}>"


class PageWithoutAFile(Page):
    """A page made by a generator or plugin (redirect stubs, feeds, sitemaps)."""

    def __init__(self, site: Site, dir: str, name: str, content: str = "", data: dict | None = None) -> None:
        super().__init__(site, site.source, dir, name, read=False)
        self.content = content
        self._apply_data(dict(data or {}))


class Document(Convertible):
    """A file in a collection (posts, drafts, `_publications` …): Jekyll's `Document`."""

    is_page = False

    def __init__(self, path: Path, site: Site, collection: Collection) -> None:
        self.site = site
        self.path = str(path)
        self.collection = collection
        self.type = collection.label
        self.extname = os.path.splitext(self.path)[1]
        rel = os.path.relpath(self.path, site.collections_path)
        self.relative_path = rel.replace(os.sep, "/")
        self.basename = os.path.basename(self.path)
        self.basename_without_ext = os.path.splitext(self.basename)[0]
        self.content = ""
        self.output: str | None = None
        self.data: dict = {}
        self._url: str | None = None
        self._drop = None
        # Jekyll's `draft?` runs at construction and stores its answer in the data.
        self.data["draft"] = self.is_draft
        special = "_drafts" if self.is_draft else collection.relative_directory
        self._categories_from_path(special)

    # reading -----------------------------------------------------------------------------
    @property
    def is_draft(self) -> bool:
        return self.collection.label == "posts" and self.collection.relative_directory not in self.relative_path

    @property
    def yaml_file(self) -> bool:
        return self.extname in YAML_EXTS

    def read(self) -> None:
        if self.yaml_file:
            from jekyllpy import yaml11

            loaded = yaml11.load(self.site.read_text(self.path), self.display_path)
            self.data = loaded if isinstance(loaded, dict) else {}
            return
        defaults = self.site.frontmatter_defaults.all(self.relative_path, self.type)
        if defaults:
            try:
                self.merge_data(defaults, "front matter defaults")
            except _NotAnArray as err:  # raised before read_content: Jekyll keeps no content
                if self.site.config.get("strict_front_matter"):
                    raise
                self.site.logger.error("Error:", f"could not read file: {err}")
                self.content, self.content_line = "", 1
                self.content_missing = True  # Jekyll's content is nil: PostReader skips the post
                return
        raw = self.site.read_text(self.path)
        try:
            data, content, line, problem = frontmatter.read_lenient(raw, self.display_path)
        except frontmatter.FrontMatterError as exc:  # Jekyll: merge_data! fails, logged
            data, content, line, problem = None, exc.content, exc.content_line, exc  # type: ignore[attr-defined]
        self.content = content
        self.content_line = line
        if problem is not None:
            # Document#read_content raised: Jekyll logs it and skips read_post_data (no date,
            # slug or title from the file name); a post that is not UTF-8 is then left out.
            report_read_error(self.site, problem, document=True)
            self.invalid_encoding = isinstance(problem, frontmatter.InvalidEncoding)
            return
        if data:
            try:
                self.merge_data(data, "YAML front matter")
            except _NotAnArray as err:  # Jekyll's handle_read_error: logged, the document kept bare
                if self.site.config.get("strict_front_matter"):
                    raise
                self.site.logger.error("Error:", f"could not read file: {err}")
                return
        self._read_post_data()

    def merge_data(self, other: dict, source: str = "YAML front matter") -> None:
        other = dict(other)
        cats = other.get("categories")
        if cats is not None:
            if isinstance(cats, str):
                cats = cats.split()
            if isinstance(self.data.get("categories"), list):
                if not isinstance(cats, list):  # Ruby's `Array | 7` raises TypeError
                    from jekyllpy.renderer import _key_location

                    line = _key_location(self.path, "categories")[1] if source == "YAML front matter" else None
                    raise _NotAnArray(f"no implicit conversion of {_ruby_class(cats)} into Array",
                                      self.display_path, line, 1 if line else None)
                cats = _union(self.data["categories"], cats)
            other["categories"] = cats
        self.data = deep_merge(self.data, other)
        if "date" in self.data and self.data["date"] is not None:
            try:
                self.data["date"] = parse_date(
                    self.data["date"], self.site.zone,
                    f"Document '{self.relative_path}' does not have a valid date in the {source}.",
                    self.display_path,
                )
            except JekyllpyError as err:
                if source == "YAML front matter" and err.line is None:  # point at `date:`
                    from jekyllpy.renderer import _key_location

                    err.line = _key_location(self.path, "date")[1]
                    err.column = 1 if err.line else None
                raise

    def _categories_from_path(self, special_dir: str) -> None:
        rel = self.relative_path
        if rel.startswith(special_dir):
            superdirs: list[str] = []
        else:
            idx = rel.find(special_dir)
            head = rel[:idx] if idx >= 0 else rel
            superdirs = [c for c in head.split("/") if c and c != special_dir and c != self.basename]
        self.merge_data({"categories": superdirs}, "file path")

    def _read_post_data(self) -> None:
        # title, slug, ext and the file-name date
        m = DATE_FILENAME_RE.match(self.relative_path)
        slug = ext = None
        if m:
            date_str, slug, ext = m.groups()
            current = self.data.get("date")
            if not current or int(current.timestamp()) == int(self.site.time.timestamp()):
                self.merge_data({"date": date_str}, "filename")
        else:
            m = DATELESS_FILENAME_RE.match(self.relative_path)
            if m:
                slug, ext = m.groups()
        if slug is None:
            slug = self.basename_without_ext
        slug = _strip_trailing_dots(slug)
        if self.data.get("title") is None or self.data.get("title") is False:  # Ruby's ||=: "" stays
            self.data["title"] = titleize_slug(slug)
        if not self.data.get("slug"):
            self.data["slug"] = slug
        if not self.data.get("ext"):
            self.data["ext"] = ext
        # categories and tags
        cats = self.data.get("categories")
        categories = (cats if isinstance(cats, list) else ([] if cats is None else [cats]))
        categories = categories + pluralized_array(self.data, "category", "categories")
        flat: list = []
        for c in categories:
            if isinstance(c, list):
                flat.extend(str(x) for x in c)
            else:
                flat.append(_ruby_to_s(c))
        self.merge_data({"categories": list(dict.fromkeys(flat))})
        self.data["tags"] = pluralized_array(self.data, "tag", "tags")
        # excerpt
        # Ruby's `data["excerpt"] ||= Excerpt.new(self)`: only nil/false are replaced, so an
        # empty `excerpt: ''` stays empty (and `{% if post.excerpt %}` is still true).
        current = self.data.get("excerpt")
        if self.excerpt_separator and (current is None or current is False):
            self.data["excerpt"] = Excerpt(self)

    # dates -------------------------------------------------------------------------------
    @property
    def date(self) -> datetime:
        value = self.data.get("date")
        if not value:
            if self.is_draft:
                value = self.site.file_mtime(self.path)
            else:
                value = self.site.time
                self.site.clock_read = True
            self.data["date"] = value
        return value

    @property
    def excerpt_separator(self) -> str:
        sep = self.data.get("excerpt_separator")
        if sep is None or sep is False:  # Ruby's `||`
            sep = self.site.config.get("excerpt_separator")
        return "" if sep is None else str(sep)

    def published(self) -> bool:
        return self.data.get("published", True) is not False

    # URLs -------------------------------------------------------------------------------
    @property
    def cleaned_relative_path(self) -> str:
        rel = self.relative_path[: len(self.relative_path) - len(self.extname)] if self.extname else self.relative_path
        rel = rel.replace(self.collection.relative_directory, "", 1)
        return _strip_trailing_dots(rel)

    @property
    def url(self) -> str:
        if self._url is None:
            from jekyllpy.liquid.drops import UrlPlaceholders

            ph = UrlPlaceholders(self)
            self._url = permalinks.generate(
                self.collection.url_template,
                str(self.permalink) if self.permalink else None,
                lambda t: permalinks.url_from_drop(t, ph.get, ph.has, self.display_path),
            )
        return self._url

    @property
    def id(self) -> str:
        slug = self.data.get("slug") or self.basename_without_ext
        return ruby_join(ruby_dirname(self.url), str(slug))

    def destination(self, dest: Path) -> Path:
        url = self.url
        path = permalinks.unescape_path(url)
        if url.endswith("/"):
            path = path + "index.html"
        elif not path.endswith(self.output_ext):
            path += self.output_ext
        return _located_join(self, dest, path)

    def write_enabled(self) -> bool:
        return self.collection.write and self.site.publisher.publish(self)

    def place_in_layout(self) -> bool:
        return not (self.asset_file or self.yaml_file or self.no_layout)

    def render_with_liquid(self) -> bool:
        if self.data.get("render_with_liquid") is False:
            return False
        return not (self.extname == ".coffee" or self.yaml_file) and has_liquid_construct(self.content)

    def sort_key(self):
        return (self.date, self.path)

    def next_doc(self):
        docs = self.collection.docs
        pos = self.collection.index_of(self)
        return docs[pos + 1] if pos is not None and pos < len(docs) - 1 else None

    def previous_doc(self):
        docs = self.collection.docs
        pos = self.collection.index_of(self)
        return docs[pos - 1] if pos is not None and pos > 0 else None

    def to_liquid(self):
        if self._drop is None:
            from jekyllpy.liquid.drops import DocumentDrop

            self._drop = DocumentDrop(self)
        return self._drop

    def __str__(self) -> str:
        return self.output if self.output is not None else (self.content or "NO CONTENT")

    def __repr__(self) -> str:
        return f"<Document {self.relative_path} collection={self.collection.label}>"


class Excerpt(Convertible):
    """The part of a document before `excerpt_separator`, rendered lazily like Jekyll's."""

    is_page = False
    _LIQUID_TAG_RE = re.compile(r"{%-?\s*(\w+)\s*.*?-?%}", re.S)
    _LINK_REF_RE = re.compile(r"^ {0,3}(?:(\[[^\]]+\])(:.+))$", re.M)
    _BLOCK_TAGS = {"if", "unless", "for", "case", "capture", "comment", "raw", "tablerow",
                   "highlight", "ifchanged"}

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.site = doc.site
        self.content = self._extract(doc.content)
        self._output: str | None = None
        self._data: dict | None = None

    @property
    def data(self) -> dict:
        if self._data is None:
            data = dict(self.doc.data)
            data.pop("layout", None)
            data.pop("excerpt", None)
            self._data = data
        return self._data

    @property
    def extname(self) -> str:
        return self.doc.extname

    @property
    def path(self) -> str:
        return os.path.join(self.doc.path, "#excerpt")

    @property
    def relative_path(self) -> str:
        return os.path.join(self.doc.relative_path, "#excerpt")

    @property
    def url(self) -> str:
        return self.doc.url

    @property
    def content_line(self) -> int:
        return self.doc.content_line

    def place_in_layout(self) -> bool:
        return False

    def render_with_liquid(self) -> bool:
        if self.data.get("render_with_liquid") is False:
            return False
        return not (self.extname == ".coffee" or self.doc.yaml_file) and has_liquid_construct(self.content)

    def _extract(self, content: str) -> str:
        sep = self.doc.excerpt_separator
        head, found, tail = (content or "").partition(sep)
        if not found or not tail:
            return head
        if "{%" in head:
            for name in reversed(self._LIQUID_TAG_RE.findall(head)):
                if name in self._BLOCK_TAGS and not re.search(r"{%-?\s*end" + name + r".*?\s*-?%}", head, re.S):
                    head += "\n{% end" + name + " %}"
        defs = [a + b for a, b in self._LINK_REF_RE.findall(tail) if a in head]
        if not defs:
            return head
        return head + "\n\n" + "\n".join(defs)

    @property
    def output(self) -> str:
        if self._output is None:
            from jekyllpy.renderer import Renderer

            self._output = Renderer(self.site, self, self.site.new_payload()).run()
        return self._output

    def to_liquid(self):
        from jekyllpy.liquid.drops import ExcerptDrop

        return ExcerptDrop(self)

    def __str__(self) -> str:
        return self.output


def ruby_dirname(path: str) -> str:
    """Ruby's File.dirname: trailing slashes are ignored ("/a/b/" → "/a")."""
    stripped = path.rstrip("/")
    if not stripped:
        return "/" if path.startswith("/") else "."
    head = os.path.dirname(stripped)
    return head.rstrip("/") or ("/" if head.startswith("/") else ".")


def ruby_join(*parts: str) -> str:
    """Ruby's File.join: exactly one slash between parts."""
    out = parts[0]
    for part in parts[1:]:
        out = out.rstrip("/") + "/" + part.lstrip("/")
    return out


def _located_join(item, dest: Path, path: str) -> Path:
    """`safe_join(dest, path)` for an item's output; its error (a NUL byte from a permalink)
    names the item's file, and the `permalink:` line when the file sets one."""
    try:
        return safe_join(dest, path)
    except JekyllpyError as err:
        if err.path is None:
            from jekyllpy.renderer import _key_location

            line = _key_location(item.path, "permalink")[1] if getattr(item, "path", None) else None
            err.path, err.line, err.column = getattr(item, "relative_path", None), line, 1 if line else None
        raise


def _union(a: list, b: list) -> list:
    """Ruby's `a | b`: first occurrences, by value and class (`1` and `true` differ), lists
    and mappings included (categories: [{a: 1}] must not crash on an unhashable)."""
    out: list = []
    for x in list(a) + list(b):
        if not any(type(y) is type(x) and y == x for y in out):
            out.append(x)
    return out


class _NotAnArray(JekyllpyError):
    """`categories:` that is neither a string nor a list, merged into a post's categories."""


def _ruby_class(value: Any) -> str:
    """The name Ruby's TypeError uses for a YAML value."""
    if value is True or value is False:
        return str(value).lower()
    from datetime import date

    names = {int: "Integer", float: "Float", dict: "Hash", datetime: "Time", date: "Date"}
    return next((n for k, n in names.items() if isinstance(value, k)), type(value).__name__)


def _ruby_to_s(value: Any) -> str:
    from jekyllpy.liquid.values import to_liquid_string

    return to_liquid_string(value)
