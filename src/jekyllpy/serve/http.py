"""Serving `_site/` as GitHub Pages does, and nothing else.

URL rules: a folder serves its `index.html` (a folder URL without its slash is redirected to
it), `.html` is optional, a miss serves `404.html` with status 404. Safety: the request path
is checked *raw*, before and after one percent-decoding, so `/../`, `%2e%2e`, `%2f`, backslashes,
NUL and control characters, absurd lengths and depths all end in 4xx without touching the
disk; the resolved file must lie under the destination's real path (a symlink out is a miss);
only GET and HEAD are allowed (405 with `Allow`). Each request has a time limit and file
serving is bounded by a semaphore, so a slow or abusive client cannot starve the others.
"""
from __future__ import annotations

import asyncio
import mimetypes
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import unquote

from jekyllpy.serve.state import ServeState, dest_candidates

if TYPE_CHECKING:
    from aiohttp import web

MAX_PATH = 2048
MAX_DEPTH = 64
REQUEST_TIMEOUT = 150.0   # seconds; covers waiting for a rebuild (ServeState.WAIT_LIMIT)
MAX_CONCURRENT_FILES = 64
LIVERELOAD_PREFIX = "/__jekyllpy/"

MIME_OVERRIDES = {
    ".html": "text/html", ".htm": "text/html", ".css": "text/css", ".js": "application/javascript",
    ".mjs": "application/javascript", ".json": "application/json", ".map": "application/json",
    ".xml": "application/xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml",
    ".svg": "image/svg+xml", ".txt": "text/plain", ".md": "text/markdown", ".woff": "font/woff",
    ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf", ".ico": "image/x-icon",
    ".webp": "image/webp", ".avif": "image/avif", ".pdf": "application/pdf", ".wasm": "application/wasm",
    ".yml": "text/yaml", ".yaml": "text/yaml", ".csv": "text/csv", ".webmanifest": "application/manifest+json",
}
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
              "application/rss+xml", "application/atom+xml", "image/svg+xml", "application/manifest+json")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class BadPath(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def clean_url_path(raw_path: str) -> str:
    """The decoded URL path, or BadPath. `raw_path` is the path as sent (query cut off)."""
    path = raw_path.split("?", 1)[0].split("#", 1)[0]
    if len(path) > MAX_PATH:
        raise BadPath(414, "URI Too Long")
    if not path.startswith("/"):
        raise BadPath(400, "Bad Request")
    if "\\" in path or _CONTROL.search(path) or "%00" in path:
        raise BadPath(400, "Bad Request")
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        raise BadPath(400, "Bad Request") from None
    if "\\" in decoded or _CONTROL.search(decoded) or "%" in decoded and re.search(r"%[0-9a-fA-F]{2}", decoded):
        raise BadPath(400, "Bad Request")  # double encoding is an attack, never a page
    segments = decoded.split("/")
    if len(segments) > MAX_DEPTH:
        raise BadPath(400, "Bad Request")
    if any(seg in ("..", ".") or seg.strip() in ("..",) for seg in segments):
        raise BadPath(400, "Bad Request")
    if any(seg.startswith("..") and seg.strip(".") == "" for seg in segments):
        raise BadPath(400, "Bad Request")
    return decoded


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root + os.sep)


def resolve_request_path(root: Path, url_path: str) -> tuple[Path | None, int]:
    """Map a decoded URL path to a file under root (GitHub Pages' rules).

    Returns (file, 200), (folder index, 301) when a folder URL lacks its slash, or (None,
    404/403). Never follows a link out of root."""
    real_root = os.path.realpath(root)
    parts = [p for p in url_path.split("/") if p]
    target = os.path.join(real_root, *parts) if parts else real_root
    candidates: list[tuple[str, int]] = []
    if os.path.isdir(target):
        status = 200 if url_path.endswith("/") or not parts else 301
        candidates.append((os.path.join(target, "index.html"), status))
    else:
        candidates.append((target, 200))
        if not os.path.splitext(target)[1]:
            candidates.append((target + ".html", 200))
    for candidate, status in candidates:
        real = os.path.realpath(candidate)
        if not _inside(real, real_root):
            return None, 404
        if os.path.isfile(real):
            return Path(real), status
    return None, 404


def content_type(path: Path) -> str:
    ext = path.suffix.lower()
    ctype = MIME_OVERRIDES.get(ext) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if ctype.startswith(TEXT_TYPES):
        ctype += "; charset=utf-8"
    return ctype


def make_app(root_of: Callable[[], Path], baseurl_of: Callable[[], str], state: ServeState | None = None,
             *, inject: Callable[[bytes], bytes] | None = None,
             extra_routes: Callable[["web.Application"], None] | None = None) -> "web.Application":
    """The aiohttp application. `root_of()`/`baseurl_of()` are read per request (a config
    change can move them); `inject(html)` adds the live-reload script to HTML responses."""
    from aiohttp import web

    state = state or ServeState()
    files = asyncio.Semaphore(MAX_CONCURRENT_FILES)

    @web.middleware
    async def guard(request: web.Request, handler):
        if request.method not in ("GET", "HEAD"):
            return web.Response(status=405, text="Method Not Allowed\n", headers={"Allow": "GET, HEAD"})
        try:
            return await asyncio.wait_for(handler(request), timeout=REQUEST_TIMEOUT)
        except asyncio.TimeoutError:
            return web.Response(status=503, text="Service Unavailable\n")

    async def handle(request: web.Request) -> web.StreamResponse:
        try:
            path = clean_url_path(request.raw_path)
        except BadPath as bad:
            return web.Response(status=bad.status, text=bad.reason + "\n")
        baseurl = (baseurl_of() or "").rstrip("/")
        if baseurl:
            if path == baseurl:
                return _redirect(request, baseurl + "/")
            if not path.startswith(baseurl + "/"):
                return await _not_found(request, root_of(), inject, state)
            path = path[len(baseurl):]
        await state.wait_fresh(dest_candidates(path))
        root = root_of()
        file, status = resolve_request_path(root, path)
        if file is None:
            return await _not_found(request, root, inject, state)
        if status == 301:
            location = (baseurl + path + "/")
            query = request.raw_path.partition("?")[2]
            return _redirect(request, location + ("?" + query if query else ""))
        async with files:
            return await _serve_file(request, file, 200, inject)

    app = web.Application(client_max_size=1024)
    app.middlewares.append(guard)
    if extra_routes is not None:
        extra_routes(app)
    app.router.add_route("*", "/{tail:.*}", handle)
    app["state"] = state
    return app


def _redirect(request, location: str):
    from aiohttp import web

    return web.Response(status=301, headers={"Location": location}, text="Moved Permanently\n")


async def _not_found(request, root: Path, inject, state: ServeState):
    from aiohttp import web

    await state.wait_fresh(["404.html"])
    page = Path(os.path.realpath(root)) / "404.html"
    if page.is_file():
        return await _serve_file(request, page, 404, inject)
    return web.Response(status=404, text="Not Found\n")


async def _serve_file(request, file: Path, status: int, inject):
    """Read the file whole (outputs are replaced atomically, so this is one version) and
    send it with validators; HTML gets the live-reload script."""
    from aiohttp import web

    try:
        with open(file, "rb") as fh:
            stat = os.fstat(fh.fileno())
            data = fh.read() if stat.st_size <= 64 * 1024 * 1024 else None
    except OSError:
        return web.Response(status=404, text="Not Found\n")
    ctype = content_type(file)
    etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}{"-lr" if inject else ""}"'
    headers = {"Content-Type": ctype, "Cache-Control": "no-cache", "ETag": etag,
               "X-Content-Type-Options": "nosniff"}
    if status == 200 and request.headers.get("If-None-Match") == etag:
        return web.Response(status=304, headers={"ETag": etag, "Cache-Control": "no-cache"})
    if data is None:  # very large: stream it (aiohttp opens and closes the file)
        response = web.FileResponse(file, status=status, headers=headers)
        return response
    if inject is not None and ctype.startswith("text/html"):
        data = inject(data)
    return web.Response(status=status, body=data, headers=headers)  # HEAD: aiohttp sends no body
