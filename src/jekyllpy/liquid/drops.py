"""Liquid views of site objects, with the keys Jekyll's drops expose.

Drops are read-only `Mapping`s so python-liquid resolves `page.title` natively; computed
keys (url, content, next …) are evaluated on access, so a drop always shows the object's
current state, as Jekyll's drops do.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from jekyllpy.utils import deep_merge, slugify

if TYPE_CHECKING:
    from jekyllpy.documents import Document, Excerpt, Page
    from jekyllpy.site import Site


class Drop(Mapping):
    """Base: computed keys from `_methods`, the rest from `_fallback()`."""

    _methods: tuple[str, ...] = ()
    # `_methods` as a set and with the accessor names: `page.title` is looked up thousands of
    # times per build, and a tuple scan plus a string concatenation per lookup showed up.
    _method_names: dict[str, str] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._method_names = {name: "m_" + name for name in cls._methods}

    def _fallback(self) -> Mapping:
        return {}

    def _call(self, key: str) -> Any:
        return getattr(self, "m_" + key)()

    def __getitem__(self, key: Any) -> Any:
        name = self._method_names.get(key) if isinstance(key, str) else None
        if name is not None:
            return getattr(self, name)()
        return self._fallback()[key]

    def get(self, key: Any, default: Any = None) -> Any:
        try:
            return self[key]
        except (KeyError, TypeError):
            return default

    def __contains__(self, key: object) -> bool:
        return (isinstance(key, str) and key in self._method_names) or key in self._fallback()

    def keys_list(self) -> list[str]:
        keys = list(self._methods)
        keys += [k for k in self._fallback() if k not in self._methods]
        return keys

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_list())

    def __len__(self) -> int:
        return len(self.keys_list())

    def to_dict(self) -> dict:
        return {k: self[k] for k in self.keys_list()}


class UrlPlaceholders:
    """Jekyll's `UrlDrop`: the values a permalink template can use for a document."""

    _DATE_FORMATS = {
        "year": "%Y", "month": "%m", "day": "%d", "hour": "%H", "minute": "%M", "second": "%S",
        "i_day": "%-d", "i_month": "%-m", "short_month": "%b", "long_month": "%B",
        "short_year": "%y", "w_year": "%G", "week": "%V", "w_day": "%u", "short_day": "%a",
        "long_day": "%A", "y_day": "%j",
    }
    _KEYS = {"collection", "path", "output_ext", "name", "title", "slug", "categories",
             "slugified_categories", *_DATE_FORMATS}

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def has(self, key: str) -> bool:
        return key in self._KEYS

    def get(self, key: str) -> str | None:
        doc = self.doc
        if key in self._DATE_FORMATS:
            return ruby_strftime(doc.date, self._DATE_FORMATS[key])
        if key == "collection":
            return doc.collection.label
        if key == "path":
            return doc.cleaned_relative_path
        if key == "output_ext":
            return doc.output_ext
        if key == "name":
            return slugify(doc.basename_without_ext)
        if key == "title":
            return slugify(doc.data.get("slug"), mode="pretty", cased=True) or slugify(
                doc.basename_without_ext, mode="pretty", cased=True)
        if key == "slug":
            return slugify(doc.data.get("slug")) or slugify(doc.basename_without_ext)
        cats = doc.data.get("categories")
        cats = cats if isinstance(cats, list) else ([] if cats is None else [cats])
        if key == "categories":
            return "/".join(dict.fromkeys(_to_s(c).lower() for c in cats))
        if key == "slugified_categories":
            return "/".join(dict.fromkeys(slugify(_to_s(c)) for c in cats))
        return None


def ruby_strftime(value, fmt: str) -> str:
    """strftime with Ruby's `%-d` style flags (glibc understands them too)."""
    return value.strftime(fmt)


def _to_s(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return str(value).lower()
    if isinstance(value, (dict, list)):  # Ruby's to_s is inspect: {"a"=>1}, not Python's repr
        from jekyllpy.liquid.values import to_liquid_string

        return to_liquid_string(value)
    return str(value)


class DocumentDrop(Drop):
    _methods = ("collection", "excerpt", "name", "previous", "next", "path", "id", "output",
                "content", "relative_path", "url", "date", "title", "categories", "tags")

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def _fallback(self) -> Mapping:
        return self.doc.data

    def m_collection(self): return self.doc.collection.label
    def m_excerpt(self):
        value = self.doc.data.get("excerpt")
        return "" if value is None else str(value)
    def m_name(self): return self.doc.data.get("name") or self.doc.basename
    def m_previous(self):
        other = self.doc.previous_doc()
        return other.to_liquid() if other else None
    def m_next(self):
        other = self.doc.next_doc()
        return other.to_liquid() if other else None
    def m_path(self): return self.doc.relative_path
    def m_relative_path(self): return self.doc.relative_path
    def m_id(self): return self.doc.id
    def m_output(self):
        view = self.doc.site.render_view
        return self.doc.output if view is None else view.output(self.doc)
    def m_content(self):
        view = self.doc.site.render_view
        return self.doc.content if view is None else view.content(self.doc)
    def m_url(self): return self.doc.url
    def m_date(self): return self.doc.date
    def m_title(self): return self.doc.data.get("title")
    def m_categories(self): return self.doc.data.get("categories")
    def m_tags(self): return self.doc.data.get("tags")

    def __str__(self) -> str:
        output = self.m_output()
        return output if output is not None else (self.m_content() or "NO CONTENT")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocumentDrop) and other.doc is self.doc

    def __hash__(self) -> int:
        return id(self.doc)

    def sort_key(self):
        return self.doc.sort_key()


class ExcerptDrop(DocumentDrop):
    _methods = DocumentDrop._methods + ("layout",)

    def __init__(self, excerpt: Excerpt) -> None:
        self.excerpt = excerpt
        self.doc = excerpt.doc

    def _fallback(self) -> Mapping:
        return self.excerpt.data

    def m_layout(self): return self.doc.data.get("layout")
    def m_excerpt(self): return None
    def m_content(self): return self.excerpt.content
    def m_output(self): return self.excerpt.output
    def m_path(self): return self.excerpt.relative_path
    def m_relative_path(self): return self.excerpt.relative_path
    def m_id(self): return self.doc.id + "#excerpt"

    def __str__(self) -> str:
        return str(self.excerpt)


class PageDrop(Drop):
    """Jekyll turns a Page into a Hash: defaults < data < {content dir excerpt name path url}."""

    _methods = ("content", "dir", "excerpt", "name", "path", "url")

    def __init__(self, page: Page, content_snapshot: str | None = None) -> None:
        self.page = page
        self.snapshot = content_snapshot
        self._data: Mapping | None = None

    def _fallback(self) -> Mapping:
        if self._data is None:
            self._data = self.page.liquid_data
        return self._data

    def m_content(self):
        if self.snapshot is not None:
            return self.snapshot
        view = self.page.site.render_view
        return self.page.content if view is None else view.content(self.page)
    def m_dir(self): return self.page.dir
    def m_excerpt(self): return self.page.excerpt
    def m_name(self): return self.page.name
    def m_path(self): return self.page.page_path
    def m_url(self): return self.page.url

    def keys_list(self) -> list[str]:
        keys = [k for k in self.page.liquid_data if k not in self._methods]
        return keys + list(self._methods)

    def __str__(self) -> str:
        from jekyllpy.liquid.values import ruby_inspect

        return ruby_inspect(self.to_dict())


class StaticFileDrop(Drop):
    _methods = ("name", "extname", "modified_time", "basename", "path", "collection")

    def __init__(self, static_file) -> None:
        self.file = static_file

    def _fallback(self) -> Mapping:
        return self.file.data

    def m_name(self): return self.file.name
    def m_extname(self): return self.file.extname
    def m_modified_time(self): return self.file.modified_time
    def m_basename(self): return self.file.basename
    def m_path(self): return self.file.relative_path
    def m_collection(self): return self.file.type


class CollectionDrop(Drop):
    _methods = ("output", "label", "docs", "files", "directory", "relative_directory")

    def __init__(self, collection) -> None:
        self.collection = collection

    def _fallback(self) -> Mapping:
        return self.collection.metadata

    def m_output(self): return self.collection.write
    def m_label(self): return self.collection.label
    def m_docs(self): return [d.to_liquid() for d in self.collection.docs]
    def m_files(self): return [f.to_liquid() for f in self.collection.files]
    def m_directory(self): return str(self.collection.directory)
    def m_relative_directory(self): return self.collection.relative_directory


class SiteDrop(Drop):
    """`site`: collections by label, sorted posts, pages, data, time … then config keys."""

    _methods = ("data", "time", "pages", "static_files", "tags", "categories", "posts",
                "html_pages", "collections", "documents", "related_posts")

    def __init__(self, site: Site) -> None:
        self.site = site
        self._cache: dict[str, Any] = {}
        self.current_document = None

    def invalidate(self) -> None:
        self._cache.clear()

    def __getitem__(self, key: Any) -> Any:
        site = self.site
        if isinstance(key, str) and key != "posts" and key in site.collections:
            cached = self._cache.get("c:" + key)
            if cached is None:
                cached = [d.to_liquid() for d in site.collections[key].docs]
                self._cache["c:" + key] = cached
            return cached
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        return (isinstance(key, str) and key != "posts" and key in self.site.collections) or super().__contains__(key)

    def _fallback(self) -> Mapping:
        return self.site.config

    def _cached(self, key, fn):
        value = self._cache.get(key)
        if value is None:
            value = fn()
            self._cache[key] = value
        return value

    def m_data(self): return self.site.config.get("data") or self.site.data
    def m_time(self):
        self.site.clock_read = True
        return self.site.time
    def m_pages(self):
        # Keyed by length: pages added while rendering (a Sass page's .css.map) show up for
        # the pages rendered after it, as Jekyll's live array does.
        pages = self._cached(("pages", len(self.site.pages)), lambda: [p.to_liquid() for p in self.site.pages])
        return self._visible(pages)
    def m_static_files(self): return self._cached("static", lambda: [f.to_liquid() for f in self.site.static_files])
    def m_posts(self):
        return self._cached("posts", lambda: [d.to_liquid() for d in reversed(self.site.posts.docs)])
    def m_tags(self): return self._cached("tags", lambda: self._post_attr_hash("tags"))
    def m_categories(self): return self._cached("categories", lambda: self._post_attr_hash("categories"))
    def m_html_pages(self):
        pages = self._cached(("html_pages", len(self.site.pages)),
                             lambda: [p.to_liquid() for p in self.site.pages if p.html or p.url.endswith("/")])
        return self._visible(pages)

    def _visible(self, drops: list) -> list:
        """In a parallel render, hide pages added by items that come later in serial order."""
        view = self.site.render_view
        if view is None or view.current is None:
            return drops
        view.current_lists_pages()
        current = view.current
        return [d for d in drops if getattr(d.page, "added_by", None) is None or d.page.added_by < current]
    def m_collections(self):
        return self._cached("collections", lambda: [c.to_liquid() for _, c in sorted(self.site.collections.items())])
    def m_documents(self):
        return self._cached("documents", lambda: [d.to_liquid() for d in self.site.documents()])
    def m_related_posts(self):
        doc = self.current_document
        if doc is None or getattr(doc, "is_page", True) or not hasattr(doc, "collection"):
            return None
        posts = [p for p in reversed(self.site.posts.docs) if p is not doc]
        return [p.to_liquid() for p in posts[:10]]

    def _post_attr_hash(self, attr: str) -> dict:
        table: dict[str, list] = {}
        for post in self.site.posts.docs:
            for value in post.data.get(attr) or []:
                table.setdefault(value, []).append(post)
        return {k: [p.to_liquid() for p in reversed(v)] for k, v in table.items()}


class JekyllDrop(Drop):
    _methods = ("version", "environment")

    def __init__(self, environment: str) -> None:
        self.environment = environment

    def m_version(self): return "4.3.1"
    def m_environment(self): return self.environment
