"""`jekyllpy serve`: GitHub Pages' URL rules, request safety, live reload, rebuild on change.

Requests that must reach the server unnormalised (`/../`, `%2e%2e`, backslashes) are sent on
raw sockets: HTTP client libraries clean such paths before sending them.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
from pathlib import Path

import pytest

aiohttp = pytest.importorskip("aiohttp")

from jekyllpy.logger import Logger  # noqa: E402
from jekyllpy.serve import DevServer  # noqa: E402
from jekyllpy.serve.http import BadPath, clean_url_path  # noqa: E402
from jekyllpy.serve.livereload import PROTOCOL, WS_PATH, inject_script  # noqa: E402
from jekyllpy.site import Site  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "incremental"


@pytest.fixture(autouse=True)
def _pinned(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture
def src(tmp_path):
    out = tmp_path / "src"
    shutil.copytree(FIXTURE, out)
    (out / "404.html").write_text("---\nlayout: page\ntitle: Lost\npermalink: /404.html\n---\nNothing here.\n")
    return out


@contextlib.asynccontextmanager
async def running(src: Path, **kw):
    site = Site.from_path(src, logger=Logger("error"), destination=str(src.parent / "out"), jobs=1,
                          **kw.pop("overrides", {}))
    server = DevServer(site, "127.0.0.1", 0, debounce=0.02, **kw)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def raw_request(port: int, request: bytes) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), timeout=10)
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def get(port: int, path: str, method: str = "GET") -> tuple[int, bytes]:
    request = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode("latin-1")
    return raw_request(port, request)


# ---------------------------------------------------------------------------------------
# URL rules
# ---------------------------------------------------------------------------------------

def test_github_pages_url_rules(src):
    async def main():
        async with running(src) as server:
            port = server.port
            status, data = await get(port, "/")
            assert status == 200 and b"Welcome home" in data
            status, data = await get(port, "/about")
            assert status == 301 and b"Location: /about/" in data
            status, data = await get(port, "/about/")
            assert status == 200 and b"About text" in data
            status, data = await get(port, "/standalone")   # a folder: its slash is added
            assert status == 301 and b"Location: /standalone/" in data
            status, data = await get(port, "/feed.xml")
            assert status == 200 and b"Content-Type: application/xml; charset=utf-8" in data
            status, data = await get(port, "/assets/css/main.css")
            assert status == 200 and b"text/css" in data and b"Cache-Control: no-cache" in data
            status, data = await get(port, "/missing/page/")
            assert status == 404 and b"Nothing here." in data          # the site's 404.html
            status, data = await get(port, "/", method="HEAD")
            assert status == 200 and data.endswith(b"\r\n\r\n")          # no body
    asyncio.run(main())


def test_extensionless_html(src):
    (src / "plain.html").write_text("---\npermalink: /plain.html\n---\nplain page\n")

    async def main():
        async with running(src) as server:
            status, data = await get(server.port, "/plain")
            assert status == 200 and b"plain page" in data
    asyncio.run(main())


def test_baseurl(src):
    async def main():
        async with running(src, overrides={"baseurl": "/blog-base"}) as server:
            port = server.port
            assert (await get(port, "/blog-base/"))[0] == 200
            status, data = await get(port, "/blog-base")
            assert status == 301 and b"Location: /blog-base/" in data
            assert (await get(port, "/about/"))[0] == 404
            assert (await get(port, "/blog-base/about/"))[0] == 200
    asyncio.run(main())


# ---------------------------------------------------------------------------------------
# safety
# ---------------------------------------------------------------------------------------

TRAVERSALS = [
    "/../etc/passwd", "/..%2fetc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/secret",
    "/assets/../../secret", "/..\\..\\secret", "/%5c..%5csecret", "/a/%2e%2e/%2e%2e/secret",
    "/%252e%252e/secret", "/%00", "/index.html%00.txt", "/./../secret", "/..;/secret",
    "/%c0%ae%c0%ae/secret", "/" + "a/" * 100, "/" + "x" * 5000,
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_nothing_outside_the_destination(src, path):
    (src.parent / "secret").write_text("TOP SECRET")

    async def main():
        async with running(src) as server:
            status, data = await get(server.port, path)
            assert 400 <= status < 500, (path, status)
            assert b"TOP SECRET" not in data and b"root:" not in data
    asyncio.run(main())


def test_symlink_out_of_the_destination_is_a_miss(src):
    async def main():
        async with running(src) as server:
            (src.parent / "secret").write_text("TOP SECRET")
            os.symlink(src.parent / "secret", server.site.dest / "leak.txt")
            status, data = await get(server.port, "/leak.txt")
            assert status == 404 and b"TOP SECRET" not in data
    asyncio.run(main())


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND"])
def test_only_get_and_head(src, method):
    async def main():
        async with running(src) as server:
            target = "127.0.0.1:1" if method == "CONNECT" else "/"
            request = (f"{method} {target} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            status, data = await raw_request(server.port, request.encode())
            assert status in (400, 405), (method, status)
            if status == 405:
                assert b"Allow: GET, HEAD" in data
    asyncio.run(main())


def test_clean_url_path_unit():
    assert clean_url_path("/a/b%20c/") == "/a/b c/"
    for bad in ["/..", "/a/../b", "/%2e%2e/", "\\", "/a%5cb", "/%00", "a", "/%252e%252e/"]:
        with pytest.raises(BadPath):
            clean_url_path(bad)


def test_binds_loopback_by_default():
    import inspect

    from jekyllpy.serve import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_public_host_warns(src, capsys):
    async def main():
        site = Site.from_path(src, logger=Logger("info"), destination=str(src.parent / "out"), jobs=1)
        server = DevServer(site, "0.0.0.0", 0, watch=False)
        await server.start()
        await server.stop()
    asyncio.run(main())
    captured = capsys.readouterr()
    assert "all interfaces" in captured.err + captured.out


# ---------------------------------------------------------------------------------------
# live reload
# ---------------------------------------------------------------------------------------

def test_script_is_injected_only_with_livereload(src):
    async def main():
        async with running(src) as server:
            assert b"livereload.js" not in (await get(server.port, "/"))[1]
        async with running(src, livereload=True) as server:
            data = (await get(server.port, "/"))[1]
            assert b'<script src="/__jekyllpy/livereload.js" defer></script></body>' in data
            assert (await get(server.port, "/feed.xml"))[1].count(b"livereload") == 0
    asyncio.run(main())
    assert inject_script(b"<p>x") == b'<p>x<script src="/__jekyllpy/livereload.js" defer></script>'


async def _ws(server, path="/", protocols=(PROTOCOL,), headers=None):
    session = aiohttp.ClientSession()
    ws = await session.ws_connect(f"http://127.0.0.1:{server.port}{WS_PATH}", protocols=protocols,
                                  headers=headers or {})
    await ws.send_json({"type": "hello", "path": path})
    return session, ws


async def _next(ws, kind, timeout=20.0):
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while True:
        msg = await ws.receive(timeout=max(0.1, end - loop.time()))
        if msg.type != aiohttp.WSMsgType.TEXT:
            raise AssertionError(f"socket closed waiting for {kind}: {msg}")
        data = json.loads(msg.data)
        if data.get("type") == kind:
            return data


def test_websocket_accepts_only_its_protocol(src):
    async def main():
        async with running(src, livereload=True) as server:
            base = f"http://127.0.0.1:{server.port}{WS_PATH}"
            async with aiohttp.ClientSession() as session:
                with pytest.raises(aiohttp.WSServerHandshakeError):
                    await session.ws_connect(base)                      # no subprotocol
                with pytest.raises(aiohttp.WSServerHandshakeError):
                    await session.ws_connect(base, protocols=("other",))
                with pytest.raises(aiohttp.WSServerHandshakeError):
                    await session.ws_connect(base, protocols=(PROTOCOL,), headers={"Origin": "http://evil.example"})
                async with session.get(base) as response:              # plain GET
                    assert response.status == 400
                ws = await session.ws_connect(base, protocols=(PROTOCOL,))
                await ws.send_str("rm -rf /")
                msg = await ws.receive(timeout=5)
                assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
                assert ws.close_code == 1008
                ws = await session.ws_connect(base, protocols=(PROTOCOL,))
                await ws.send_bytes(b"\x00" * 10)
                msg = await ws.receive(timeout=5)
                assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    asyncio.run(main())


def test_edit_reloads_the_open_page_and_serves_new_bytes(src):
    async def main():
        async with running(src, livereload=True) as server:
            session, ws = await _ws(server, "/notes/alpha/")
            await asyncio.sleep(0.2)
            note = src / "_notes" / "alpha.md"
            note.write_text(note.read_text().replace("Alpha note content", "Edited alpha content"))
            await _next(ws, "reload")
            status, data = await get(server.port, "/notes/alpha/")
            assert status == 200 and b"Edited alpha content" in data
            await session.close()
    asyncio.run(main())


def test_css_change_swaps_stylesheets(src):
    async def main():
        async with running(src, livereload=True) as server:
            session, ws = await _ws(server, "/about/")
            await asyncio.sleep(0.2)
            (src / "_sass" / "_vars.scss").write_text("$color: #123456;\n")
            await _next(ws, "css")
            assert b"#123456" in (await get(server.port, "/assets/css/main.css"))[1]
            await session.close()
    asyncio.run(main())


def test_error_overlay_and_recovery(src):
    async def main():
        async with running(src, livereload=True) as server:
            session, ws = await _ws(server, "/about/")
            await asyncio.sleep(0.2)
            include = src / "_includes" / "footer.html"
            good = include.read_text()
            include.write_text("<footer>{% if %}</footer>\n")
            error = await _next(ws, "error")
            entry = error["errors"][0]
            assert entry["file"] == "_includes/footer.html" and entry["line"] == 1 and "Liquid" in entry["message"]
            assert (await get(server.port, "/about/"))[0] == 200      # the server lives on
            session2, ws2 = await _ws(server, "/")                  # a new page gets the overlay too
            assert (await _next(ws2, "error"))["errors"]
            include.write_text(good.replace("<footer>", "<footer class='ok'>"))
            await _next(ws, "clear")
            assert b"footer class='ok'" in (await get(server.port, "/about/"))[1]
            await session.close()
            await session2.close()
    asyncio.run(main())


def test_request_for_a_page_being_rebuilt_waits(src):
    """A request that arrives while its page is planned for rebuilding gets the new bytes."""
    async def main():
        async with running(src) as server:
            state = server.state
            state.begin()
            state.plan({"notes/alpha/index.html"})
            task = asyncio.create_task(get(server.port, "/notes/alpha/"))
            await asyncio.sleep(0.3)
            assert not task.done()
            other = await get(server.port, "/about/")                # not pending: served
            assert other[0] == 200
            path = server.site.dest / "notes" / "alpha" / "index.html"
            path.write_text("<p>fresh bytes</p>")
            state.written("notes/alpha/index.html")
            status, data = await task
            assert status == 200 and b"fresh bytes" in data
            state.end()
    asyncio.run(main())


def test_deleted_page_goes_404(src):
    async def main():
        async with running(src, livereload=True) as server:
            session, ws = await _ws(server, "/notes/beta/")
            await asyncio.sleep(0.2)
            (src / "_notes" / "beta.md").unlink()
            await _next(ws, "reload")
            assert (await get(server.port, "/notes/beta/"))[0] == 404
            await session.close()
    asyncio.run(main())


def test_editor_temp_files_are_ignored():
    from jekyllpy.watch import SourceFilter, is_temp_file

    for name in ["a.md.swp", ".a.md.swx", "4913", "a.md~", ".#a.md", "#a.md#", "a.tmp",
                 "x___jb_tmp___", ".goutputstream-ABC"]:
        assert is_temp_file(f"/s/{name}"), name
    f = SourceFilter(Path("/s"), Path("/s/_site"))
    assert f.ignored("/s/_site/index.html") and f.ignored("/s/.git/HEAD")
    assert f.ignored("/s/.jekyll-cache/x") and f.ignored("/s/._site.jekyllpy-123/x")
    assert not f.ignored("/s/_posts/2024-01-01-a.md")


def test_debouncer_merges_a_burst():
    import time

    from jekyllpy.watch import Debouncer

    batches = []
    d = Debouncer(batches.append, debounce=0.05)
    for i in range(5):
        d.add([f"f{i}"])
        time.sleep(0.005)
    time.sleep(0.3)
    d.stop()
    assert batches == [{f"f{i}" for i in range(5)}]


@pytest.mark.parametrize("polling", [False, True])
def test_watcher_reports_changes(tmp_path, polling):
    import time

    from jekyllpy.watch import Watcher

    (tmp_path / "_site").mkdir()
    batches = []
    w = Watcher(tmp_path, tmp_path / "_site", batches.append, polling=polling, poll_interval=0.1).start()
    try:
        time.sleep(0.3)
        (tmp_path / "page.md").write_text("x")
        (tmp_path / "page.md.swp").write_text("x")
        (tmp_path / "_site" / "out.html").write_text("x")
        for _ in range(50):
            if batches:
                break
            time.sleep(0.1)
    finally:
        w.stop()
    seen = set().union(*batches) if batches else set()
    assert str(tmp_path / "page.md") in seen
    assert not any(p.endswith((".swp", "out.html")) for p in seen)
