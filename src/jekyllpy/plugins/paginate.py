"""jekyll-paginate (v1.1): `paginate`, `paginate_path`, `paginator.*` on one index.html.

As the Ruby generator (`:lowest`): when `paginate` is set, the template page is the
`index.html` in `paginate_path`'s folder or nearest ancestor (the longest path wins); posts
are `site.posts` newest first without `hidden: true` ones; page 1 is the template itself,
pages 2..n are fresh reads of the same file whose directory becomes `paginate_path` with
`:num` replaced (so `/page:num/` gives `/page2/index.html`). `paginator.previous_page_path`
of page 2 is the template's URL.
"""
from __future__ import annotations

import math
import os

from jekyllpy.documents import Page
from jekyllpy.plugins import PRIORITY, Generator


def register(site) -> None:
    site.generators.append(PaginationGenerator())


def _leading_slash(path: str) -> str:
    return path if path.startswith("/") else "/" + path


class Pager:
    def __init__(self, site, number: int, all_posts: list, total_pages: int, first_url: str | None) -> None:
        self.site = site
        self.page = number
        self.per_page = int(site.config.get("paginate"))
        self.total_pages = total_pages
        init = (number - 1) * self.per_page
        self.total_posts = len(all_posts)
        self.posts = all_posts[init:init + self.per_page]
        self.previous_page = number - 1 if number != 1 else None
        self.next_page = number + 1 if number != total_pages else None
        self.previous_page_path = self.path_for(site, self.previous_page, first_url)
        self.next_page_path = self.path_for(site, self.next_page, first_url)

    @staticmethod
    def path_for(site, number: int | None, first_url: str | None) -> str | None:
        if number is None:
            return None
        if number <= 1:
            return first_url
        fmt = str(site.config.get("paginate_path") or "/page:num")
        return _leading_slash(fmt.replace(":num", str(number), 1))

    def to_liquid(self) -> dict:
        return {
            "page": self.page, "per_page": self.per_page,
            "posts": [p.to_liquid() for p in self.posts],
            "total_posts": self.total_posts, "total_pages": self.total_pages,
            "previous_page": self.previous_page, "previous_page_path": self.previous_page_path,
            "next_page": self.next_page, "next_page_path": self.next_page_path,
        }


def _in_hierarchy(page_dir: str, paginate_dir: str) -> bool:
    while True:
        if paginate_dir == os.path.dirname(paginate_dir):
            return False
        if page_dir == paginate_dir:
            return True
        paginate_dir = os.path.dirname(paginate_dir)


def template_page(site):
    source = str(site.source)
    paginate_path = os.path.normpath(os.path.join(source, _leading_slash(str(site.config.get("paginate_path") or "/page:num"))[1:]))
    candidates = []
    for page in site.pages:
        if page.name != "index.html":
            continue
        page_dir = os.path.dirname(os.path.normpath(os.path.join(source, _leading_slash(str(page.page_path))[1:])))
        if _in_hierarchy(page_dir, os.path.dirname(paginate_path)):
            candidates.append(page)
    candidates.sort(key=lambda p: -len(str(p.page_path)))
    return candidates[0] if candidates else None


class PaginationGenerator(Generator):
    name = "jekyll-paginate"
    priority = PRIORITY["lowest"]

    def generate(self, site) -> None:
        if site.config.get("paginate") is None or not site.pages:
            return
        template = template_page(site)
        if template is None:
            site.logger.warn("Pagination:", "Pagination is enabled, but I couldn't find an index.html "
                                            "page to use as the pagination template. Skipping pagination.")
            return
        per_page = int(site.config.get("paginate"))
        all_posts = [p for p in reversed(site.posts.docs) if not p.data.get("hidden")]
        total = math.ceil(len(all_posts) / per_page) if per_page else 0
        first_url = template.url
        source_dir = template.dir_
        for number in range(1, total + 1):
            pager = Pager(site, number, all_posts, total, first_url)
            if number == 1:
                template.pager = pager
                continue
            page = Page(site, site.source, source_dir, template.name)
            page.pager = pager
            page.dir_ = Pager.path_for(site, number, first_url)
            page._url = None
            site.pages.append(page)
