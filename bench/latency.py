"""Live-reload latency: from a file save to the reload message, and to the rebuilt bytes.

    python bench/latency.py                       # leigao + a 5,000-document site
    python bench/latency.py --sites leigao --runs 20

For each site a copy is served by `DevServer` (watcher, debounce, incremental rebuild, live
reload — everything `jekyllpy serve --livereload` runs) with one WebSocket client that says it
shows the page under test. Each run edits a source file, then measures
  save → reload: until the client receives `{"type": "reload"}`;
  save → bytes:  until a GET of the page returns the edited text (such a request waits while
                 the page is being rebuilt, so the first answer is already the new one).
Scenarios: a one-page edit (the open page's own text) on each site, and a layout edit on the
large site with the open page using that layout (the other 5,000 documents render after it;
the next run waits for them). Targets (issue 7): median save→reload < 100 ms for a one-page
edit, < 300 ms for the open page after a layout edit on the large site.
Results go to bench/results/latency-latest.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from jekyllpy.logger import Logger  # noqa: E402
from jekyllpy.serve import DevServer  # noqa: E402
from jekyllpy.serve.livereload import PROTOCOL, WS_PATH  # noqa: E402
from jekyllpy.site import Site  # noqa: E402


def prepare(name: str, work: Path) -> Path:
    dest = work / name
    if name == "leigao":
        shutil.copytree(SHARED / "sites" / "leigao", dest)
    elif name.startswith("make-site-"):
        count = name.rsplit("-", 1)[1]
        subprocess.run([str(SHARED / "tools" / "make-site"), count, str(dest)], check=True,
                       stdout=subprocess.DEVNULL)
    else:
        raise SystemExit(f"unknown site {name}")
    return dest


def pick_post(site: Site):
    docs = sorted(site.posts.docs, key=lambda d: d.path)
    return docs[len(docs) // 2]


async def measure(server: DevServer, session, url_path: str, path: Path, make_text, marker_of, runs: int,
                  settle: bool) -> dict:
    import aiohttp

    base = f"http://127.0.0.1:{server.port}"
    ws = await session.ws_connect(base + WS_PATH, protocols=(PROTOCOL,))
    await ws.send_json({"type": "hello", "path": url_path})
    for _ in range(100):
        if server.state.open_snapshot:
            break
        await asyncio.sleep(0.02)
    original = path.read_text()
    to_reload, to_bytes, rebuild_total = [], [], []
    try:
        for run in range(runs):
            marker = marker_of(run)
            text = make_text(original, marker)
            done_before = server.rebuilds
            t0 = time.perf_counter()
            path.write_text(text)
            saved = time.perf_counter()
            while True:
                msg = await ws.receive(timeout=600)
                if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    # as the browser script does: reconnect and say hello again
                    ws = await session.ws_connect(base + WS_PATH, protocols=(PROTOCOL,))
                    await ws.send_json({"type": "hello", "path": url_path})
                    continue
                if msg.type == aiohttp.WSMsgType.TEXT and json.loads(msg.data).get("type") == "reload":
                    break
            t_reload = time.perf_counter()
            async with session.get(base + url_path) as response:
                body = await response.text()
            t_bytes = time.perf_counter()
            if marker not in body:
                raise RuntimeError(f"run {run}: the page does not show the edit")
            to_reload.append((t_reload - saved) * 1000)
            to_bytes.append((t_bytes - saved) * 1000)
            # wait for the whole rebuild before the next save (a layout edit re-renders all)
            while server.rebuilds == done_before or server.state.building or server.state.pending:
                await asyncio.sleep(0.01)
            rebuild_total.append((time.perf_counter() - t0) * 1000)
            await asyncio.sleep(0.15 if settle else 0.05)
    finally:
        path.write_text(original)
        await ws.close()
    return {"runs": runs,
            "save_to_reload_ms": {"median": round(statistics.median(to_reload), 1), "min": round(min(to_reload), 1),
                                  "max": round(max(to_reload), 1)},
            "save_to_bytes_ms": {"median": round(statistics.median(to_bytes), 1), "min": round(min(to_bytes), 1),
                                 "max": round(max(to_bytes), 1)},
            "whole_rebuild_ms": {"median": round(statistics.median(rebuild_total), 1)}}


async def bench_site(name: str, work: Path, runs: int, layout_runs: int) -> dict:
    import aiohttp

    src = prepare(name, work)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    site = Site.from_path(src, logger=Logger("error"), destination=str(work / f"{name}-out"))
    server = DevServer(site, "127.0.0.1", 0, livereload=True)
    started = time.perf_counter()
    await server.start()
    initial = time.perf_counter() - started
    results: dict = {"site": name, "initial_build_s": round(initial, 2),
                     "outputs": len(server.builder.graph.records) + len(server.builder.graph.statics)}
    async with aiohttp.ClientSession() as session:
        if name == "leigao":
            page = src / "_pages" / "about.md"
            url = "/"
            results["one_page_edit"] = await measure(
                server, session, url, page,
                lambda text, m: text.replace("Lei Gao is", f"Lei Gao ({m}) is", 1) if "Lei Gao is" in text
                else text + f"\n\n{m}\n", lambda run: f"edit-{run}-marker", runs, settle=False)
        else:
            post = pick_post(server.site)
            url = post.url
            results["one_page_edit"] = await measure(
                server, session, url, Path(post.path),
                lambda text, m: text + f"\n\n{m}\n", lambda run: f"edit-{run}-marker", runs, settle=False)
            layout_name = post.data.get("layout") or "single"
            layout = src / "_layouts" / f"{layout_name}.html"
            print(json.dumps({"site": name, "one_page_edit": results["one_page_edit"]}), flush=True)
            results["layout_edit"] = await measure(
                server, session, url, layout,
                # visible text: compress.html-style layouts drop HTML comments
                lambda text, m: text.replace("</article>", f"<span hidden>{m}</span></article>", 1)
                if "</article>" in text else text + f"<span hidden>{m}</span>",
                lambda run: f"layout-{run}-marker", layout_runs, settle=True)
            results["layout_edit"]["layout"] = layout.name
    await server.stop()
    results["open_page"] = url
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", default="leigao,make-site-5000")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--layout-runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jekyllpy-latency-"))
    all_results = []
    try:
        for name in args.sites.split(","):
            result = asyncio.run(bench_site(name, work, args.runs, args.layout_runs))
            all_results.append(result)
            print(json.dumps(result, indent=2), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = ROOT / "bench" / "results" / "latency-latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"date": time.strftime("%Y-%m-%d"), "cpus": os.cpu_count(),
                               "results": all_results}, indent=2) + "\n")
    print("\nsite                 scenario        save->reload median   save->bytes median   whole rebuild")
    for r in all_results:
        for scenario in ("one_page_edit", "layout_edit"):
            if scenario in r:
                s = r[scenario]
                print(f"{r['site']:<20} {scenario:<15} {s['save_to_reload_ms']['median']:>12.1f} ms"
                      f" {s['save_to_bytes_ms']['median']:>16.1f} ms {s['whole_rebuild_ms']['median']:>12.0f} ms")


if __name__ == "__main__":
    main()
