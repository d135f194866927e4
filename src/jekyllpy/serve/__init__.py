"""`jekyllpy serve`: build, serve `_site/` as GitHub Pages does, rebuild incrementally on
change, reload the browsers that show what changed.

Threads: the event loop (HTTP + live-reload WebSockets, serve/http.py and livereload.py),
watchdog's observer and the debouncer (watch.py), and one rebuild thread running
`IncrementalBuilder.rebuild` (incremental.py). The rebuild thread reports to the loop through
`call_soon_threadsafe`: the plan (outputs about to change — requests for them wait), each
output as it lands (requests are released; browsers showing that page reload at once), and the
result (stylesheet swaps, error overlay or its removal). A failed build never stops the server.
See docs/serve.md.
"""
from __future__ import annotations

import asyncio
import os
import queue
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from jekyllpy.errors import JekyllpyError
from jekyllpy.serve.http import clean_url_path, make_app, resolve_request_path  # noqa: F401
from jekyllpy.serve.state import ServeState

if TYPE_CHECKING:
    from jekyllpy.incremental import RebuildResult
    from jekyllpy.site import Site

__all__ = ["DevServer", "serve", "make_app", "resolve_request_path", "error_entries"]

PUBLIC_HOSTS = {"0.0.0.0", "::", ""}


def error_entries(result: "RebuildResult | None", error: BaseException | None = None) -> list[dict]:
    """The overlay's entries: the build's error, then front matter problems (logged by
    Jekyll and us, not fatal, but a writer wants to see them)."""
    out = []
    errors = []
    if error is not None:
        errors.append(error)
    if result is not None:
        if result.error is not None:
            errors.append(result.error)
        errors.extend(result.problems)
    for err in errors:
        if isinstance(err, JekyllpyError):
            message = err.message + "".join(f", {c}" for c in err.context)
            if err.source_line:
                message += "\n  " + err.source_line.rstrip()
            out.append({"file": err.path, "line": err.line, "column": err.column, "message": message})
        else:
            out.append({"file": None, "line": None, "column": None,
                        "message": f"internal error: {type(err).__name__}: {err}"})
    return out


class DevServer:
    """A running `jekyllpy serve` (also usable from tests and the latency benchmark)."""

    def __init__(self, site: Site, host: str = "127.0.0.1", port: int = 4000, *,
                 livereload: bool = False, skip_initial_build: bool = False, watch: bool = True,
                 force_polling: bool = False, factory: Callable[[], Site] | None = None,
                 debounce: float = 0.03, on_event: Callable[[str, dict], None] | None = None) -> None:
        from jekyllpy.incremental import IncrementalBuilder, reload_site

        self.host, self.port = host, port
        self.livereload = livereload
        self.skip_initial_build = skip_initial_build
        self.watch = watch
        self.force_polling = force_polling
        self.debounce = debounce
        self.on_event = on_event or (lambda kind, data: None)
        self.state = ServeState()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.builder = IncrementalBuilder(
            site, factory=factory or (lambda: reload_site(self.builder.site)),
            on_output=self._on_output, on_plan=self._on_plan, priority=lambda: self.state.open_snapshot)
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._watcher = None
        self._runner = None
        self.last_result: RebuildResult | None = None
        self.rebuilds = 0
        self._reloaded: set[int] = set()
        self._stopped = threading.Event()

    @property
    def site(self) -> Site:
        return self.builder.site

    @property
    def logger(self):
        return self.site.logger

    # lifecycle --------------------------------------------------------------------------
    async def start(self) -> None:
        from aiohttp import web

        from jekyllpy.serve import livereload as lr

        self.loop = asyncio.get_running_loop()
        if self.host in PUBLIC_HOSTS:
            self.logger.warn("Server:", f"listening on all interfaces ({self.host or '*'}): anyone on your "
                                        "network can read the site (and its drafts).")
        if not self.skip_initial_build:
            await self._initial_build()
        inject = lr.inject_script if self.livereload else None

        def routes(app):
            lr.add_routes(app, self.state, self.url_to_dest)

        app = make_app(lambda: self.site.dest, self.baseurl, self.state, inject=inject,
                       extra_routes=routes if self.livereload else None)
        self._runner = web.AppRunner(app, access_log=None, keepalive_timeout=15, shutdown_timeout=2)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, backlog=256, reuse_address=True)
        await site.start()
        if self.port == 0:  # tests: the port the OS chose
            server = getattr(site, "_server", None)
            sockets = getattr(server, "sockets", None) or []
            if sockets:
                self.port = sockets[0].getsockname()[1]
        self._thread = threading.Thread(target=self._rebuild_loop, name="jekyllpy-rebuild", daemon=True)
        self._thread.start()
        if self.watch:
            self._start_watcher()
        self.logger.info("Server address:", self.address)
        self.logger.info("Server running...", "press ctrl-c to stop.")

    async def _initial_build(self) -> None:
        start = time.perf_counter()
        self.state.begin(full=True)
        try:
            result = await asyncio.to_thread(self.builder.build)
            self.last_result = result
            self.state.errors.errors = error_entries(result)
            self.logger.info("", f"done in {time.perf_counter() - start:.3f} seconds.")
        except JekyllpyError as err:
            self.builder.needs_full = True
            self.state.errors.errors = error_entries(None, err)
            self.logger.error("Error:", str(err))
        finally:
            self.state.end()

    def _start_watcher(self) -> None:
        from jekyllpy.watch import Watcher, excluded_filter

        site = self.site
        ignore_excluded = excluded_filter(site)

        def ignore(rel: str) -> bool:
            return ignore_excluded(rel) if rel != "_config.yml" else False

        self._watcher = Watcher(site.source, site.dest, self.changed, ignore=ignore,
                                polling=self.force_polling, debounce=self.debounce).start()
        self.logger.info("Auto-regeneration:", f"enabled for '{site.source}'"
                         + (" (polling)" if self.force_polling else ""))

    async def stop(self) -> None:
        self._stopped.set()
        self._queue.put(None)
        if self._watcher is not None:
            await asyncio.to_thread(self._watcher.stop)
        for client in list(self.state.clients):
            try:
                await client.ws.close()
            except Exception:  # noqa: BLE001
                pass
        if self._runner is not None:
            await self._runner.cleanup()
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, 30)

    @property
    def address(self) -> str:
        host = self.host if self.host not in PUBLIC_HOSTS else "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}{self.baseurl()}/"

    def baseurl(self) -> str:
        return str(self.site.config.get("baseurl") or "").rstrip("/")

    def url_to_dest(self, url_path: str) -> str | None:
        """The destination file a browser's page comes from (relative), if any."""
        try:
            path = clean_url_path(url_path)
        except Exception:  # noqa: BLE001 - a bad path shows no page of ours
            return None
        base = self.baseurl()
        if base:
            if not path.startswith(base + "/") and path != base:
                return None
            path = path[len(base):] or "/"
        file, _status = resolve_request_path(self.site.dest, path)
        if file is None:
            return "404.html"
        return os.path.relpath(file, os.path.realpath(self.site.dest)).replace(os.sep, "/")

    # changes ---------------------------------------------------------------------------
    def changed(self, paths: set[str]) -> None:
        """A batch of changed source paths (from the watcher, or a caller)."""
        self._queue.put(set(paths))

    def _rebuild_loop(self) -> None:
        while not self._stopped.is_set():
            batch = self._queue.get()
            if batch is None:
                return
            while True:  # merge what queued up meanwhile
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._stopped.set()
                    break
                batch |= more
            if self._stopped.is_set():
                return
            self._rebuild(batch)

    def _call(self, fn, *args) -> None:
        if self.loop is not None and not self.loop.is_closed():
            try:
                self.loop.call_soon_threadsafe(fn, *args)
            except RuntimeError:
                pass

    def _rebuild(self, batch: set[str]) -> None:
        site = self.site
        rels = sorted(os.path.relpath(p, site.source) if os.path.isabs(p) else p for p in batch)
        started = time.perf_counter()
        self._call(self._begin, bool(self.builder._needs_full_build(set(rels))) or self.builder.graph is None)
        self.logger.info("Regenerating:", f"{len(rels)} file(s) changed at {time.strftime('%Y-%m-%d %H:%M:%S')}")
        for rel in rels[:8]:
            self.logger.info("", rel)
        try:
            result = self.builder.rebuild(batch)
            error = None
        except Exception as exc:  # noqa: BLE001 - a bug of ours must not stop the server
            result, error = None, exc
            self.builder.needs_full = True
        self.rebuilds += 1
        self.last_result = result
        elapsed = time.perf_counter() - started
        if result is not None and result.error is None and error is None:
            self.logger.info("", f"...done in {elapsed:.3f} seconds ({result.mode}, "
                                 f"{len(result.rendered)} rendered).")
        else:
            shown = error if error is not None else (result.error if result is not None else None)
            self.logger.error("Error:", str(shown))
        self._call(self._finish, result, error)

    # on the loop ---------------------------------------------------------------------
    def _begin(self, full: bool) -> None:
        self._reloaded = set()
        self.state.begin(full=full)

    def _on_plan(self, rels: set[str]) -> None:
        self._call(self.state.plan, set(rels))

    def _on_output(self, rel: str) -> None:
        self._call(self._output_ready, rel)

    def _output_ready(self, rel: str) -> None:
        self.state.written(rel)
        if rel.endswith((".html", ".htm")) or "." not in os.path.basename(rel):
            targets = [c for c in self.state.clients if c.dest == rel and id(c) not in self._reloaded]
            for client in targets:
                self._reloaded.add(id(client))
            if targets:
                self._send({"type": "reload"}, targets)
                self.on_event("reload", {"dest": rel, "clients": len(targets)})

    def _finish(self, result: "RebuildResult | None", error: BaseException | None) -> None:
        state = self.state
        state.end()
        had_errors = bool(state.errors.errors)
        entries = error_entries(result, error)
        state.errors.errors = entries
        rest = [c for c in state.clients if id(c) not in self._reloaded]
        if entries:
            self._send(state.errors.payload(), list(state.clients))
            self.on_event("error", {"errors": entries})
        elif had_errors:
            self._send({"type": "clear"}, list(state.clients))
            self.on_event("clear", {})
        if result is not None and result.error is None:
            changed = result.outputs
            if result.mode == "full":
                self._send({"type": "reload"}, rest)
            elif any(not rel.endswith((".html", ".htm", ".css", ".map", ".xml", ".txt", ".json"))
                     and "." in os.path.basename(rel) for rel in changed):
                self._send({"type": "reload"}, rest)   # scripts, images: reload everything open
            elif any(rel.endswith(".css") for rel in changed):
                self._send({"type": "css"}, rest)
                self.on_event("css", {"clients": len(rest)})
        self.on_event("done", {"result": result, "error": error})

    def _send(self, message: dict, clients: list) -> None:
        from jekyllpy.serve.livereload import broadcast

        if not clients or self.loop is None:
            return
        wanted = set(map(id, clients))
        self.loop.create_task(broadcast(self.state, message, lambda c: id(c) in wanted))


def serve(site: Site, host: str = "127.0.0.1", port: int = 4000, *, skip_initial_build: bool = False,
          livereload: bool = False, watch: bool = True, force_polling: bool = False,
          open_url: bool = False) -> int:
    """Run the development server until interrupted."""
    server = DevServer(site, host, port, livereload=livereload, skip_initial_build=skip_initial_build,
                       watch=watch, force_polling=force_polling)

    async def main() -> None:
        await server.start()
        if open_url:
            import webbrowser

            webbrowser.open(server.address)
        try:
            await asyncio.Event().wait()
        finally:
            await server.stop()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    return 0
