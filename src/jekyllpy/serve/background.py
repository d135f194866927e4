"""The development server on a thread of its own, for code that is not async: the browser
tests, the latency benchmark, the screenshot script, a notebook.

    with BackgroundServer(site, livereload=True) as server:
        print(server.url("/about/"))
"""
from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Any

from jekyllpy.serve import DevServer

if TYPE_CHECKING:
    from jekyllpy.site import Site


class BackgroundServer:
    def __init__(self, site: Site, host: str = "127.0.0.1", port: int = 0, **kw: Any) -> None:
        self.server = DevServer(site, host, port, **kw)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    def __enter__(self) -> "BackgroundServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self.server.start())
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                self._error = exc
                self._ready.set()
                return
            self._ready.set()
            loop.run_forever()
            loop.run_until_complete(self.server.stop())
            loop.close()

        self._thread = threading.Thread(target=run, name="jekyllpy-serve", daemon=True)
        self._thread.start()
        self._ready.wait(timeout=600)
        if self._error is not None:
            raise self._error

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=60)

    def call(self, fn, *args) -> Any:
        """Run `fn(*args)` on the server's loop and return its result."""
        done = threading.Event()
        box: dict = {}

        def wrapper() -> None:
            try:
                box["value"] = fn(*args)
            except BaseException as exc:  # noqa: BLE001
                box["error"] = exc
            done.set()

        assert self._loop is not None
        self._loop.call_soon_threadsafe(wrapper)
        done.wait(timeout=60)
        if "error" in box:
            raise box["error"]
        return box.get("value")

    @property
    def port(self) -> int:
        return self.server.port

    def url(self, path: str = "/") -> str:
        base = self.server.baseurl()
        return f"http://127.0.0.1:{self.server.port}{base}{path}"
