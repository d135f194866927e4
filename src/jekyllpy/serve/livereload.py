"""Live reload over a WebSocket on the server's own port (Jekyll uses a second port, 35729,
which breaks behind containers and proxies).

The script injected into HTML pages connects to `/__jekyllpy/livereload` with the subprotocol
`jekyllpy-livereload-1`, says which page it shows (`{"type": "hello", "path": ...}`) and obeys:

- `{"type": "reload"}` — reload the page (its bytes were rewritten);
- `{"type": "css"}` — only stylesheets changed: re-fetch each `<link rel=stylesheet>`, no reload;
- `{"type": "error", "errors": [{file, line, column, message}]}` — show the overlay;
- `{"type": "clear"}` — remove it (the next good build).

The server accepts only that: a WebSocket without our subprotocol, from another origin, or
sending anything but a small `hello` is closed; nothing a client sends reaches the build.
"""
from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Callable
from urllib.parse import urlsplit

from jekyllpy.serve.state import Client, ServeState

if TYPE_CHECKING:
    from aiohttp import web

PROTOCOL = "jekyllpy-livereload-1"
WS_PATH = "/__jekyllpy/livereload"
SCRIPT_PATH = "/__jekyllpy/livereload.js"
MAX_MESSAGE = 4096
MAX_CLIENTS = 256

SCRIPT = r"""(function () {
  "use strict";
  if (window.__jekyllpyLiveReload) return;
  window.__jekyllpyLiveReload = true;
  var OVERLAY = "jekyllpy-error-overlay";
  var delay = 250;
  function showErrors(errors) {
    var box = document.getElementById(OVERLAY);
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY;
      box.setAttribute("role", "alert");
      // all:initial first: the site's own CSS must not restyle the overlay
      box.style.cssText = "all:initial;display:block;position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,24,.97);color:#f8f8f2;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;" +
        "padding:32px;box-sizing:border-box";
      (document.body || document.documentElement).appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("h2");
    title.textContent = "jekyllpy: the site did not build";
    title.style.cssText = "all:initial;display:block;color:#ff6b6b;font:bold 18px/1.4 system-ui,sans-serif;margin:0 0 16px";
    box.appendChild(title);
    errors.forEach(function (e) {
      var item = document.createElement("div");
      item.className = "jekyllpy-error";
      item.style.cssText = "all:initial;display:block;border-left:4px solid #ff6b6b;padding:8px 12px;margin:0 0 12px;background:#2a2a30";
      var where = document.createElement("div");
      where.className = "jekyllpy-error-location";
      where.style.cssText = "all:initial;display:block;color:#8be9fd;margin-bottom:4px;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
      where.textContent = (e.file || "(site)") + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "");
      var msg = document.createElement("pre");
      msg.className = "jekyllpy-error-message";
      msg.style.cssText = "all:initial;display:block;margin:0;white-space:pre-wrap;color:#f8f8f2;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
      msg.textContent = e.message;
      item.appendChild(where);
      item.appendChild(msg);
      box.appendChild(item);
    });
    var hint = document.createElement("div");
    hint.style.cssText = "all:initial;display:block;color:#aaa;font:13px system-ui,sans-serif";
    hint.textContent = "Fix the file and save: this page updates by itself.";
    box.appendChild(hint);
  }
  function clearErrors() {
    var box = document.getElementById(OVERLAY);
    if (box) box.parentNode.removeChild(box);
  }
  function swapStyles() {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("jekyllpy", Date.now().toString(36));
      var fresh = link.cloneNode();
      fresh.href = url.toString();
      fresh.onload = fresh.onerror = function () { if (link.parentNode) link.parentNode.removeChild(link); };
      link.parentNode.insertBefore(fresh, link.nextSibling);
    });
  }
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var ws;
    try { ws = new WebSocket(scheme + location.host + "__WS_PATH__", "__PROTOCOL__"); }
    catch (err) { return; }
    ws.onopen = function () {
      delay = 250;
      ws.send(JSON.stringify({type: "hello", path: location.pathname}));
    };
    ws.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (err) { return; }
      if (msg.type === "reload") location.reload();
      else if (msg.type === "css") swapStyles();
      else if (msg.type === "error") showErrors(msg.errors || []);
      else if (msg.type === "clear") clearErrors();
    };
    ws.onclose = function () {
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  }
  connect();
})();
""".replace("__WS_PATH__", WS_PATH).replace("__PROTOCOL__", PROTOCOL)

TAG = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()


def inject_script(html: bytes) -> bytes:
    """Add the script before the last `</body>` (or at the end)."""
    lower = html.lower()
    at = lower.rfind(b"</body>")
    if at < 0:
        return html + TAG
    return html[:at] + TAG + html[at:]


def _same_origin(request: "web.Request") -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser; the protocol check still applies
    parts = urlsplit(origin)
    return parts.netloc == request.host and parts.scheme in ("http", "https")


def add_routes(app: "web.Application", state: ServeState, url_to_dest: Callable[[str], str | None]) -> None:
    from aiohttp import WSMsgType, web

    async def script(request: web.Request) -> web.Response:
        return web.Response(text=SCRIPT, content_type="application/javascript",
                            headers={"Cache-Control": "no-cache"})

    async def socket(request: web.Request) -> web.StreamResponse:
        offered = [p.strip() for p in request.headers.get("Sec-WebSocket-Protocol", "").split(",")]
        if request.headers.get("Upgrade", "").lower() != "websocket" or PROTOCOL not in offered:
            return web.Response(status=400, text="Bad Request: live reload WebSocket only\n")
        if not _same_origin(request):
            return web.Response(status=403, text="Forbidden\n")
        if len(state.clients) >= MAX_CLIENTS:
            return web.Response(status=503, text="Too many live reload clients\n")
        ws = web.WebSocketResponse(protocols=(PROTOCOL,), max_msg_size=MAX_MESSAGE, heartbeat=120,
                                   autoping=True)
        await ws.prepare(request)
        client = Client(ws)
        state.clients.add(client)
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    await ws.close(code=1003, message=b"text only")
                    break
                try:
                    data = json.loads(msg.data)
                except ValueError:
                    data = None
                if not isinstance(data, dict) or data.get("type") != "hello" or not isinstance(data.get("path"), str) \
                        or len(data["path"]) > 2048:
                    await ws.close(code=1008, message=b"unexpected message")
                    break
                client.url_path = data["path"]
                client.dest = url_to_dest(data["path"])
                state.refresh_open()
                if state.errors.errors:
                    await ws.send_str(json.dumps(state.errors.payload()))
        finally:
            state.clients.discard(client)
            state.refresh_open()
        return ws

    app.router.add_get(SCRIPT_PATH, script)
    app.router.add_get(WS_PATH, socket)


async def broadcast(state: ServeState, message: dict, only: Callable[[Client], bool] | None = None) -> int:
    """Send to every client (or those `only` picks); dead sockets are dropped."""
    text = json.dumps(message)
    sent = 0
    for client in list(state.clients):
        if only is not None and not only(client):
            continue
        try:
            await asyncio.wait_for(client.ws.send_str(text), timeout=5)
            sent += 1
        except Exception:  # noqa: BLE001 - a closed or stuck socket: forget it
            state.clients.discard(client)
    return sent
