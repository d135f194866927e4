"""Soak: 10,000 requests from 50 concurrent clients on loopback while source files change.

Every response must be a success (requests for pages being rebuilt wait for the new bytes),
and the process must hold as many file descriptors afterwards as before (no leaked files or
sockets). The figures are printed (`pytest -s` shows them) for the issue's closing note.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest

aiohttp = pytest.importorskip("aiohttp")

from jekyllpy.logger import Logger  # noqa: E402
from jekyllpy.serve import DevServer  # noqa: E402
from jekyllpy.site import Site  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "incremental"
REQUESTS = 10_000
CLIENTS = 50
URLS = ["/", "/about/", "/notes/", "/notes/alpha/", "/notes/beta/", "/blog/2024/01/first/",
        "/blog/2024/02/second/", "/blog/2024/03/third/", "/assets/css/main.css", "/feed.xml",
        "/sitemap.xml", "/images/readme.txt", "/standalone/"]


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to count file descriptors")
def test_soak(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    src = tmp_path / "src"
    shutil.copytree(FIXTURE, src)
    statuses: Counter = Counter()
    figures: dict = {}

    async def main():
        site = Site.from_path(src, logger=Logger("error"), destination=str(tmp_path / "out"), jobs=1)
        server = DevServer(site, "127.0.0.1", 0, livereload=True, debounce=0.02)
        await server.start()
        base = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession() as warm:  # first requests open what stays open
            for url in URLS:
                async with warm.get(base + url) as r:
                    await r.read()
        await asyncio.sleep(0.2)
        figures["fds_before"] = open_fds()
        stop = asyncio.Event()
        edits = 0

        async def editor():
            nonlocal edits
            note = src / "_notes" / "alpha.md"
            post = src / "_posts" / "2024-02-01-second.md"
            layout = src / "_layouts" / "page.html"
            originals = {p: p.read_text() for p in (note, post, layout)}
            while not stop.is_set():
                edits += 1
                target = (note, post, layout)[edits % 3]
                target.write_text(originals[target].replace("</", f"<!-- edit {edits} --></", 1))
                await asyncio.sleep(0.05)

        per_client = REQUESTS // CLIENTS

        async def client(n: int):
            connector = aiohttp.TCPConnector(limit=1, force_close=n % 5 == 0)
            async with aiohttp.ClientSession(connector=connector) as session:
                for i in range(per_client):
                    url = URLS[(n + i) % len(URLS)]
                    async with session.get(base + url) as response:
                        body = await response.read()
                        statuses[response.status] += 1
                        if response.status == 200 and url.endswith("/"):
                            assert b"</html>" in body or b"<p>" in body

        edit_task = asyncio.create_task(editor())
        started = time.perf_counter()
        await asyncio.gather(*(client(n) for n in range(CLIENTS)))
        figures["seconds"] = time.perf_counter() - started
        stop.set()
        await edit_task
        figures["edits"] = edits
        await asyncio.sleep(1.0)  # let the last rebuild finish
        while server.state.building or server.state.pending:
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
        figures["fds_after"] = open_fds()
        figures["rebuilds"] = server.rebuilds
        await server.stop()

    asyncio.run(main())
    total = sum(statuses.values())
    print(f"\nsoak: {total} requests, {CLIENTS} concurrent clients, {figures['seconds']:.1f} s "
          f"({total / figures['seconds']:.0f} req/s), {figures['edits']} edits, {figures['rebuilds']} rebuilds, "
          f"statuses {dict(statuses)}, file descriptors before {figures['fds_before']} after {figures['fds_after']}")
    assert total == REQUESTS
    assert statuses == Counter({200: REQUESTS})
    assert figures["rebuilds"] > 0
    assert figures["fds_after"] <= figures["fds_before"]
