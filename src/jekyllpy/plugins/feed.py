"""jekyll-feed (0.17): Atom feeds (`feed.xml`, per collection/category/tag) and `{% feed_meta %}`.

The Ruby generator (`:lowest` priority) adds, for each configured collection (`posts` always,
last unless listed) and each of its `categories` then the collection itself, a page at
`/feed.xml` (or `feed.path`), `/feed/<category>.xml`, `/feed/<collection>.xml`,
`/feed/<collection>/<category>.xml`, plus `/feed/by_tag/<tag>.xml` pages when `feed.tags` is
set — skipping any path that exists in the source. Each page renders the plugin's template
minified by `(?<=>|})\\s+`, so the output is one line of XML with no whitespace after any
`>`; `build_feed` writes that same text, field by field, with the template's Liquid
semantics (`default` replaces nil/false/""/[], `if` is false only for nil/false,
`where`/`sort`/`reverse`/`limit`). The page is built just before it renders, which in the
core (as in Jekyll) is after every post has been rendered, so `post.content` is the
converted post body and `post.excerpt` its rendered excerpt.
"""
from __future__ import annotations

import os
import re
from typing import Any

from jekyllpy.plugins import PRIORITY, Generator, register_liquid
from jekyllpy.plugins._liquid_tags import simple_tag
from jekyllpy.plugins._pages import GeneratedPage
from jekyllpy.plugins._urls import (absolute_url, normalize_whitespace, ruby_strip, strip_html,
                                    xml_attr, xml_escape, xmlschema)

JEKYLL_VERSION = "4.3.1"


def register(site) -> None:
    site.generators.append(FeedGenerator())
    register_liquid(site, lambda env: env.add_tag(FeedMetaTag))


# -- Liquid value helpers ------------------------------------------------------------------
def _truthy(value: Any) -> bool:
    return value is not None and value is not False


def _empty(value: Any) -> bool:
    if value is None or value is False:
        return True
    if isinstance(value, (str, list, tuple, dict)):
        return len(value) == 0
    return False


def _default(value: Any, fallback: Any) -> Any:
    return fallback if _empty(value) else value


def _lookup(obj: Any, key: str) -> Any:
    """`obj.key` in Liquid: hashes and drops answer, anything else gives nil."""
    if obj is None or isinstance(obj, (str, int, float, bool, list)):
        return None
    try:
        return obj.get(key)
    except AttributeError:
        return None


def _to_s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)) or value is True or value is False:
        from jekyllpy.liquid.values import to_liquid_string

        return to_liquid_string(value)
    return str(value)


def _capitalize(value: Any) -> str:
    text = _to_s(value)
    return text[:1].upper() + text[1:].lower()


def smartify(site, value: Any) -> str:
    """Jekyll's `smartify`: the site's filter when registered, else SmartyPants basics."""
    text = _to_s(value)
    liquid = getattr(site, "liquid", None)
    func = getattr(getattr(liquid, "env", None), "filters", {}).get("smartify")
    if func is not None and not getattr(func, "with_context", False):
        try:
            return str(func(text))
        except Exception:  # fall through to the built-in approximation
            pass
    return _smarty(text)


_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


_TAG_OR_ENTITY_RE = re.compile(r"<[A-Za-z/!?][^>]*>|" + _ENTITY_RE.pattern)


def _smarty(text: str) -> str:
    """kramdown's SmartyPants parser for plain titles (used until the site's `smartify` filter
    exists): HTML tags and entities pass through, `---`/`--`/`...` become — – …, straight
    quotes curl, and other `&`, `<`, `>` are escaped as kramdown's text output does."""
    out, last = [], 0
    for m in _TAG_OR_ENTITY_RE.finditer(text):
        out.append(_smarty_text(text[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_smarty_text(text[last:]))
    return "".join(out)


def _smarty_text(text: str) -> str:
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    text = re.sub(r"(?<![\w\]\)])'(?=\w)", "\u2018", text)
    text = text.replace("'", "\u2019")
    text = re.sub(r'(?<![\w\]\)])"(?=\S)', "\u201c", text)
    text = text.replace('"', "\u201d")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- the feed ------------------------------------------------------------------------------
def _site_tags(site) -> dict[str, list]:
    """`site.tags`: tag → posts, in the order Jekyll builds the hash (posts in date order)."""
    tags: dict[str, list] = {}
    for post in site.posts.docs:
        for tag in post.data.get("tags") or []:
            tags.setdefault(tag, []).append(post)
    return tags


def _posts_for(site, page) -> list:
    tags = page.data.get("tags")
    if _truthy(tags):
        posts = list(_site_tags(site).get(tags, []))
    else:
        label = page.data.get("collection")
        if label == "posts":
            posts = list(reversed(site.posts.docs))  # site.posts is newest first
        elif label in site.collections:
            posts = list(site.collections[label].docs)
        else:
            posts = []
    category = page.data.get("category")
    if _truthy(category):
        posts = [p for p in posts
                 if any(_to_s(c) == _to_s(category) for c in _as_array(p.data.get("categories")))]
    if not site.show_drafts:
        posts = [p for p in posts if p.data.get("draft") is not True]
    posts.sort(key=lambda p: p.date)
    posts.reverse()
    return posts


def _as_array(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _limit(value: Any) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return 0


def build_feed(site, page) -> str:
    cfg = site.config.get("feed") if isinstance(site.config.get("feed"), dict) else {}
    lang = site.config.get("lang")
    out = ['<?xml version="1.0" encoding="utf-8"?>']
    if _truthy(page.data.get("xsl")):
        out.append('<?xml-stylesheet type="text/xml" href="' + absolute_url(site, "/feed.xslt.xml") + '"?>')
    out.append('<feed xmlns="http://www.w3.org/2005/Atom" ')
    if _truthy(lang):
        out.append('xml:lang="' + _to_s(lang) + '"')
    out.append('><generator uri="https://jekyllrb.com/" version="' + JEKYLL_VERSION + '">Jekyll</generator>')
    out.append('<link href="' + absolute_url(site, page.url) + '" rel="self" type="application/atom+xml" />')
    out.append('<link href="' + absolute_url(site, "/") + '" rel="alternate" type="text/html" ')
    if _truthy(lang):
        out.append('hreflang="' + _to_s(lang) + '" ')
    out.append("/>")
    site.clock_read = True
    out.append("<updated>" + xmlschema(site, site.time) + "</updated>")
    out.append("<id>" + xml_escape(absolute_url(site, page.url)) + "</id>")

    title = _default(site.config.get("title"), site.config.get("name"))
    collection = page.data.get("collection")
    if collection != "posts":
        title = _to_s(title) + " | " + _capitalize(collection)
    category = page.data.get("category")
    if _truthy(category):
        title = _to_s(title) + " | " + _capitalize(category)
    if _truthy(title):
        out.append('<title type="html">' + xml_escape(smartify(site, title)) + "</title>")
    description = site.config.get("description")
    if _truthy(description):
        out.append("<subtitle>" + xml_escape(description) + "</subtitle>")
    author = site.config.get("author")
    if _truthy(author):
        out.append("<author><name>" + xml_escape(_to_s(_default(_lookup(author, "name"), author))) + "</name>")
        if _truthy(_lookup(author, "email")):
            out.append("<email>" + xml_escape(_to_s(_lookup(author, "email"))) + "</email>")
        if _truthy(_lookup(author, "uri")):
            out.append("<uri>" + xml_escape(_to_s(_lookup(author, "uri"))) + "</uri>")
        out.append("</author>")

    limit = _limit(_default(cfg.get("posts_limit"), 10))
    authors_data = (site.data or {}).get("authors") if isinstance(site.data, dict) else None
    for post in _posts_for(site, page)[:max(limit, 0)]:
        out.append(_entry(site, post, cfg, author, authors_data))
    out.append("</feed>")
    return "".join(out)


def _entry(site, post, cfg: dict, site_author: Any, authors_data: Any) -> str:
    data = post.data
    out = ["<entry"]
    if _truthy(data.get("lang")):
        out.append(' xml:lang="' + _to_s(data.get("lang")) + '"')
    out.append(">")
    post_title = xml_escape(normalize_whitespace(strip_html(smartify(site, data.get("title")))))
    url = absolute_url(site, post.url)
    out.append('<title type="html">' + post_title + "</title>")
    out.append('<link href="' + url + '" rel="alternate" type="text/html" title="' + post_title + '" />')
    out.append("<published>" + xmlschema(site, post.date) + "</published>")
    out.append("<updated>" + xmlschema(site, _default(data.get("last_modified_at"), post.date)) + "</updated>")
    out.append("<id>" + xml_escape(absolute_url(site, post.id)) + "</id>")
    excerpt_only = _default(_lookup(data.get("feed"), "excerpt_only"), cfg.get("excerpt_only"))
    if not _truthy(excerpt_only):
        out.append('<content type="html" xml:base="' + xml_escape(url) + '"><![CDATA['
                   + ruby_strip(_to_s(post.content)) + "]]></content>")

    authors = data.get("authors")
    post_author = _default(data.get("author"), authors[0] if isinstance(authors, list) and authors else None)
    post_author = _default(post_author, site_author)
    looked_up = None
    if isinstance(authors_data, dict) and isinstance(post_author, (str, int, float)):
        looked_up = authors_data.get(post_author)
    post_author = _default(looked_up, post_author)
    email = _default(_lookup(post_author, "email"), None)
    uri = _default(_lookup(post_author, "uri"), None)
    name = _default(_lookup(post_author, "name"), post_author)
    out.append("<author><name>" + xml_escape(_to_s(_default(name, ""))) + "</name>")
    if _truthy(email):
        out.append("<email>" + xml_escape(_to_s(email)) + "</email>")
    if _truthy(uri):
        out.append("<uri>" + xml_escape(_to_s(uri)) + "</uri>")
    out.append("</author>")

    if _truthy(data.get("category")):
        out.append('<category term="' + xml_escape(_to_s(data.get("category"))) + '" />')
    elif _truthy(data.get("categories")):
        for cat in _as_array(data.get("categories")):
            out.append('<category term="' + xml_escape(_to_s(cat)) + '" />')
    for tag in _as_array(data.get("tags")):
        out.append('<category term="' + xml_escape(_to_s(tag)) + '" />')

    summary = _default(data.get("description"), data.get("excerpt"))
    if _truthy(summary) and not (isinstance(summary, (str, list, dict)) and len(summary) == 0):
        out.append('<summary type="html"><![CDATA[' + normalize_whitespace(strip_html(_to_s(summary)))
                   + "]]></summary>")

    image = data.get("image")
    post_image = _default(_lookup(image, "path"), image)
    if _truthy(post_image):
        text = _to_s(post_image)
        if "://" not in text:
            text = absolute_url(site, text)
        out.append('<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="' + xml_escape(text)
                   + '" /><media:content medium="image" url="' + xml_escape(text)
                   + '" xmlns:media="http://search.yahoo.com/mrss/" />')
    out.append("</entry>")
    return "".join(out)


class FeedGenerator(Generator):
    name = "jekyll-feed"
    priority = PRIORITY["lowest"]

    def generate(self, site) -> None:
        cfg = site.config.get("feed")
        cfg = cfg if isinstance(cfg, dict) else {}
        if cfg.get("disable_in_development") and site.environment == "development":
            site.logger.info("Jekyll Feed:", "Skipping feed generation in development")
            return
        for name, meta in self.collections(cfg).items():
            for category in list(meta["categories"]) + [None]:
                path = self.feed_path(cfg, name, category)
                if self.file_exists(site, path):
                    continue
                site.pages.append(self.make_page(site, path, collection=name, category=category))
        if cfg.get("tags") and _site_tags(site):
            tags_cfg = cfg["tags"] if isinstance(cfg["tags"], dict) else {}
            except_ = tags_cfg.get("except") or []
            only = tags_cfg.get("only") or list(_site_tags(site))
            prefix = tags_cfg.get("path") or "/feed/by_tag/"
            for tag in [t for t in only if t not in except_]:
                if re.search(r"[^a-zA-Z0-9_]", _to_s(tag)):
                    continue
                path = f"{prefix}{tag}"
                path += ".xml"
                if self.file_exists(site, path):
                    continue
                site.pages.append(self.make_page(site, path, tags=tag))

    @staticmethod
    def collections(cfg: dict) -> dict:
        raw = cfg.get("collections")
        if isinstance(raw, list):
            cols = {str(c): {} for c in raw}
        elif isinstance(raw, dict):
            cols = {k: dict(v) if isinstance(v, dict) else {} for k, v in raw.items()}
        else:
            cols = {}
        posts = cols.setdefault("posts", {})
        if not posts.get("path"):
            posts["path"] = cfg.get("path")
        if not posts.get("categories"):
            posts["categories"] = cfg.get("categories")
        for meta in cols.values():
            meta["categories"] = list(dict.fromkeys(_as_array(meta.get("categories"))))
        return cols

    def feed_path(self, cfg: dict, collection: str, category: Any) -> str:
        prefix = "/feed" if collection == "posts" else f"/feed/{collection}"
        if category is not None:
            return f"{prefix}/{_to_s(category)}.xml"
        path = self.collections(cfg).get(collection, {}).get("path")
        return _to_s(path) if path else f"{prefix}.xml"

    @staticmethod
    def file_exists(site, path: str) -> bool:
        try:
            return os.path.exists(site.in_source_dir(path.lstrip("/")))
        except Exception:
            return False

    @staticmethod
    def make_page(site, path: str, collection: str = "posts", category: Any = None, tags: Any = None):
        dirname, _, name = path.rpartition("/")
        page = GeneratedPage(site, dirname.strip("/"), name, build_feed)
        page.data.update({
            "layout": None, "sitemap": False,
            "xsl": FeedGenerator.file_exists(site, "feed.xslt.xml"),
            "collection": collection, "category": category, "tags": tags,
        })
        return page


def feed_meta(context, markup: str) -> str:
    """`{% feed_meta %}`: the `<link rel="alternate">` for the main feed."""
    site = context.env.site
    feed = site.config.get("feed")
    path = (feed.get("path") if isinstance(feed, dict) else None) or "feed.xml"
    title = site.config.get("title")
    if title is None or title is False:
        title = site.config.get("name")
    attrs = [("type", "application/atom+xml"), ("rel", "alternate"), ("href", absolute_url(site, path))]
    if title is not None and title is not False:
        attrs.append(("title", title))
    return "<link " + " ".join(f"{k}={xml_attr(_to_s(v))}" for k, v in attrs) + " />"


FeedMetaTag = simple_tag("feed_meta", feed_meta)
