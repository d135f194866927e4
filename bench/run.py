#!/usr/bin/env python3
"""Benchmark jekyllpy against real Jekyll on the same machine, in one run, as ratios.

    python bench/run.py                 # leigao + synthetic 1,000 and 5,000 documents
    python bench/run.py --quick         # leigao + 100 documents, fewer runs
    python bench/run.py --sizes 1000 --runs 3 --json bench/results/latest.json

Each case builds the same source alternately with `../shared/tools/jekyll-build` and with
`python -m jekyllpy build` (same frozen clock), takes medians of wall time and peak RSS of the
build process tree, and prints `Jekyll ÷ jekyllpy`. On leigao and the 1,000-document site it
also measures a warm rebuild (a plain build again, nothing changed: jekyllpy finds it up to
date, uptodate.py), "warm, full" (the same with that check off, `JEKYLLPY_UPTODATE=0`: every
page rendered again with warm caches), a rebuild with nothing changed under `--incremental`,
and an incremental rebuild after a one-page edit (`--incremental` on both sides).
A JSON record is written so runs can be compared over time (bench/results/).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TOOLS = SHARED / "tools"
FROZEN = {"SOURCE_DATE_EPOCH": "1767225600", "JEKYLL_ENV": "production", "TZ": "UTC"}


def run_timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process tree (wait4's rusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({code}):\n{stderr[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024.0


def jekyll_cmd(src: Path, dest: Path) -> list[str]:
    return [str(TOOLS / "jekyll-build"), str(src), str(dest)]


JEKYLLPY = [sys.executable, "-m", "jekyllpy"]


def jekyllpy_cmd(src: Path, dest: Path, *extra: str) -> list[str]:
    return [*JEKYLLPY, "build", "-q", "-s", str(src), "-d", str(dest), *extra]


def supports_incremental() -> bool:
    out = subprocess.run([*JEKYLLPY, "build", "--help"], capture_output=True, text=True)
    return "--incremental" in out.stdout


def edit_one_page(src: Path) -> None:
    """A writer's edit: one sentence appended to one page (about.md, else the first post)."""
    candidates = [src / "_pages" / "about.md"] + sorted((src / "_posts").glob("*.md"))
    page = next(p for p in candidates if p.exists())
    with page.open("a", encoding="utf-8") as fh:
        fh.write("\nOne more sentence from the benchmark.\n")


def measure(name: str, src: Path, runs: int, work: Path, rebuilds: bool) -> dict:
    """Cold full build (fresh copy, no cache); then, when `rebuilds`, a warm rebuild with
    nothing changed, and an incremental rebuild after a one-page edit (each implementation's
    `--incremental`, primed by one untimed incremental build)."""
    env = dict(os.environ, **FROZEN, PYTHONPATH=str(ROOT / "src"))
    # Installed packages have their bytecode compiled (pip does it); some environments set
    # PYTHONDONTWRITEBYTECODE, which would make every run recompile jekyllpy (~0.1 s).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    kinds = ["cold"] + (["warm", "rerender", "noop", "incremental"] if rebuilds else [])
    full_env = dict(env, JEKYLLPY_UPTODATE="0")  # "rerender": jekyllpy renders all again
    times = {(k, impl): [] for k in kinds for impl in ("jekyll", "jekyllpy")}
    rss = {(k, impl): [] for k in kinds for impl in ("jekyll", "jekyllpy")}
    incremental_ok = {"jekyll": True, "jekyllpy": supports_incremental()}
    for i in range(runs):
        for impl in ("jekyll", "jekyllpy"):
            dest = work / f"{name}-{impl}"
            shutil.rmtree(dest, ignore_errors=True)
            copy = work / f"{name}-{impl}-src"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(src, copy)  # cold: no cache from an earlier run
            build = (lambda *extra: jekyll_cmd(copy, dest) + list(extra)) if impl == "jekyll" else \
                (lambda *extra: jekyllpy_cmd(copy, dest, *extra))
            for kind in kinds:
                if kind in ("noop", "incremental") and not incremental_ok[impl]:
                    continue
                if kind == "noop":  # `--incremental` twice: the second finds nothing changed
                    run_timed(build("--incremental"), env=env)
                    seconds, peak = run_timed(build("--incremental"), env=env)
                elif kind == "incremental":  # then one page edited
                    edit_one_page(copy)
                    seconds, peak = run_timed(build("--incremental"), env=env)
                elif kind == "rerender":
                    seconds, peak = run_timed(build(), env=full_env)
                else:
                    seconds, peak = run_timed(build(), env=env)
                times[(kind, impl)].append(seconds)
                rss[(kind, impl)].append(peak)
    result: dict = {"case": name, "runs": runs}
    for kind in kinds:
        prefix = "" if kind == "cold" else f"{kind}_"
        for impl in ("jekyll", "jekyllpy"):
            if times[(kind, impl)]:
                result[f"{prefix}{impl}_s"] = statistics.median(times[(kind, impl)])
                result[f"{prefix}{impl}_rss_mib"] = statistics.median(rss[(kind, impl)])
        if times[(kind, "jekyll")] and times[(kind, "jekyllpy")]:
            result[f"{prefix}ratio"] = result[f"{prefix}jekyll_s"] / result[f"{prefix}jekyllpy_s"]
    return result


def report(res: dict) -> None:
    name = res["case"]
    for prefix, label in (("", "cold"), ("warm_", "warm"), ("rerender_", "warm, full"), ("noop_", "no change -I"),
                          ("incremental_", "one edit -I")):
        if f"{prefix}ratio" not in res:
            continue
        print(f"{name:16} {label:11} jekyll {res[prefix + 'jekyll_s']:7.2f}s  jekyllpy {res[prefix + 'jekyllpy_s']:7.2f}s  "
              f"ratio {res[prefix + 'ratio']:5.2f}x  RSS {res[prefix + 'jekyll_rss_mib']:6.0f} / "
              f"{res[prefix + 'jekyllpy_rss_mib']:6.0f} MiB", flush=True)


def make_synthetic(n: int, work: Path) -> Path:
    dest = work / f"synthetic-{n}"
    if not dest.exists():
        subprocess.run([sys.executable, str(TOOLS / "make-site"), str(n), str(dest)], check=True,
                       stdout=subprocess.DEVNULL)
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,5000", help="synthetic site sizes, comma separated")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "latest.json"))
    parser.add_argument("--cmd", help="command that runs jekyllpy (default: python -m jekyllpy)")
    args = parser.parse_args(argv)
    if args.cmd:
        JEKYLLPY[:] = args.cmd.split()
    if not (TOOLS / "jekyll-build").exists() or shutil.which("jekyll") is None:
        print("bench: real Jekyll is needed (../shared/tools/install-jekyll)", file=sys.stderr)
        return 2
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    runs = 1 if args.quick else args.runs
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=False)
    work = Path(tempfile.mkdtemp(prefix="jekyllpy-bench-"))
    results = []
    try:
        cases = [("leigao", SHARED / "sites" / "leigao")] + [(f"synthetic-{n}", make_synthetic(n, work)) for n in sizes]
        for name, src in cases:
            res = measure(name, src, runs, work, rebuilds=name in ("leigao", "synthetic-1000", "synthetic-100"))
            results.append(res)
            report(res)
        synth = {r["case"]: r for r in results if r["case"].startswith("synthetic-")}
        if "synthetic-1000" in synth and "synthetic-5000" in synth:
            growth = synth["synthetic-5000"]["jekyllpy_s"] / synth["synthetic-1000"]["jekyllpy_s"]
            print(f"jekyllpy growth 5,000 ÷ 1,000 documents: {growth:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    record = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": platform.node(),
              "cpus": os.cpu_count(), "python": platform.python_version(), "results": results}
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
