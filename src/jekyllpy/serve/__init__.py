"""`jekyllpy serve`: build, then serve `_site/` as GitHub Pages does, rebuilding on change.

This is the foundation (static serving with Pages' URL rules + full rebuilds on change);
live reload and incremental rebuilds build on it (see docs/serve.md).
"""
from __future__ import annotations

import asyncio
import mimetypes
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from jekyllpy.errors import JekyllpyError

if TYPE_CHECKING:
    from aiohttp import web

    from jekyllpy.site import Site


def resolve_request_path(root: Path, url_path: str) -> tuple[Path | None, int]:
    """Map a URL path to a file under root like GitHub Pages: folder → index.html, `.html`
    optional; anything escaping root (`..`, encoded dots, backslashes, NUL) is refused."""
    path = unquote(url_path.split("?", 1)[0].split("#", 1)[0])
    if "\x00" in path or "\\" in path:
        return None, 400
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None, 403
    target = root.joinpath(*parts) if parts else root
    real_root = os.path.realpath(root)
    candidates = [target]
    if target.is_dir():
        candidates = [target / "index.html"]
    elif not target.suffix:
        candidates.append(target.with_name(target.name + ".html"))
    for candidate in candidates:
        real = os.path.realpath(candidate)
        if not (real == real_root or real.startswith(real_root + os.sep)):
            return None, 403
        if os.path.isfile(real):
            return Path(real), 200
    return None, 404


def make_app(site: Site) -> "web.Application":
    from aiohttp import web

    root = site.dest

    async def handler(request: web.Request) -> web.StreamResponse:
        if request.method not in ("GET", "HEAD"):
            return web.Response(status=405, text="Method Not Allowed", headers={"Allow": "GET, HEAD"})
        baseurl = (site.config.get("baseurl") or "").rstrip("/")
        path = request.path
        if baseurl:
            if not path.startswith(baseurl):
                return web.Response(status=404, text="Not Found")
            path = path[len(baseurl):] or "/"
        file, status = resolve_request_path(root, path)
        if status == 200 and file is not None:
            if file.name == "index.html" and not path.endswith("/") and (root / path.strip("/")).is_dir():
                return web.HTTPMovedPermanently(request.path + "/")
            ctype = mimetypes.guess_type(str(file))[0] or "application/octet-stream"
            return web.FileResponse(file, headers={"Content-Type": ctype, "Cache-Control": "no-cache"})
        if status == 404:
            not_found = root / "404.html"
            if not_found.is_file():
                return web.Response(status=404, body=not_found.read_bytes(), content_type="text/html")
            return web.Response(status=404, text="Not Found")
        return web.Response(status=status, text="Bad Request" if status == 400 else "Forbidden")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


def _watch(site: Site, stop: threading.Event) -> None:
    """Rebuild the whole site when a source file changes (debounced)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()
    dest = str(site.dest)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            path = str(getattr(event, "src_path", ""))
            if path.startswith(dest) or "/.jekyll-cache" in path or "/.git/" in path or os.path.basename(dest) + ".jekyllpy-" in path:
                return
            changed.set()

    observer = Observer()
    observer.schedule(Handler(), str(site.source), recursive=True)
    observer.start()
    try:
        while not stop.is_set():
            if changed.wait(0.2):
                time.sleep(0.1)
                changed.clear()
                start = time.perf_counter()
                try:
                    site.process()
                    site.logger.info("Regenerating:", f"done in {time.perf_counter() - start:.3f} seconds.")
                except JekyllpyError as err:
                    site.logger.error("Error:", str(err))
    finally:
        observer.stop()
        observer.join()


def serve(site: Site, host: str = "127.0.0.1", port: int = 4000, *, skip_initial_build: bool = False,
          livereload: bool = False, watch: bool = True) -> int:
    from aiohttp import web

    if host == "0.0.0.0":
        site.logger.warn("Server:", "listening on all interfaces (0.0.0.0): anyone on your network can read the site.")
    if not skip_initial_build:
        site.process()
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(site, stop), daemon=True) if watch else None
    if watcher:
        watcher.start()
    baseurl = (site.config.get("baseurl") or "").rstrip("/")
    site.logger.info("Server address:", f"http://{host}:{port}{baseurl}/")
    try:
        web.run_app(make_app(site), host=host, port=port, print=None)
    finally:
        stop.set()
    return 0
