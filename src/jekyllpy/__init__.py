"""jekyllpy: build Jekyll sites exactly as Jekyll 4.3 does, in Python.

    import jekyllpy
    site = jekyllpy.Site.from_path("path/to/site")   # reads _config.yml
    site.read()                                       # pages, posts, collections, data
    for doc in site.collections["publications"].docs:
        print(doc.data["title"], doc.date, doc.url)
    html = site.render_document("_pages/about.md")    # one page, in memory
    jekyllpy.build("path/to/site", "/tmp/out")        # the whole site
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Site", "build", "serve", "JekyllpyError", "__version__"]

if TYPE_CHECKING:
    from jekyllpy.errors import JekyllpyError
    from jekyllpy.site import Site


def build(source: str | os.PathLike = ".", destination: str | os.PathLike | None = None, **config: Any) -> "Site":
    """Build `source` into `destination` (default `source/_site`) and return the site."""
    from jekyllpy.site import Site

    if destination is not None:
        config["destination"] = os.path.abspath(destination)
    site = Site.from_path(source, **config)
    site.process()
    return site


def serve(source: str | os.PathLike = ".", host: str = "127.0.0.1", port: int = 4000, **config: Any) -> int:
    """Build `source`, serve it on host:port and rebuild on changes (blocks)."""
    from jekyllpy.serve import serve as _serve
    from jekyllpy.site import Site

    return _serve(Site.from_path(source, **config), host=host, port=port)


def __getattr__(name: str):
    # Lazy, so `import jekyllpy` stays cheap (no Liquid/Pygments/Sass until needed).
    if name == "Site":
        from jekyllpy.site import Site

        return Site
    if name == "JekyllpyError":
        from jekyllpy.errors import JekyllpyError

        return JekyllpyError
    raise AttributeError(name)
