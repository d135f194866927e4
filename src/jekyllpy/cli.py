"""The `jekyllpy` command: Jekyll's commands and flags, as a thin layer over `Site`."""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path
from typing import NoReturn

from jekyllpy.errors import JekyllpyError
from jekyllpy.logger import Logger, replay_records


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-s", "--source", default=".", help="Source directory (defaults to ./)")
    parser.add_argument("-d", "--destination", help="Destination directory (defaults to ./_site)")
    parser.add_argument("--config", help="Custom configuration file(s), comma separated")
    parser.add_argument("-D", "--drafts", action="store_true", help="Render posts in the _drafts folder")
    parser.add_argument("--future", action="store_true", help="Publishes posts with a future date")
    parser.add_argument("--unpublished", action="store_true", help="Render posts that were marked as unpublished")
    parser.add_argument("--limit_posts", type=int, help="Limits the number of posts to parse and publish")
    parser.add_argument("-b", "--baseurl", help="Serve the website from the given base URL")
    parser.add_argument("-t", "--trace", action="store_true", help="Show the full backtrace when an error occurs")
    parser.add_argument("-q", "--quiet", action="store_true", help="Silence output.")
    parser.add_argument("-V", "--verbose", action="store_true", help="Print verbose output.")
    parser.add_argument("--profile", action="store_true", help="Generate a Liquid rendering profile")
    parser.add_argument("--safe", action="store_true", help="Safe mode (defaults to false)")
    parser.add_argument("--github-pages", action="store_true",
                        help="Build as GitHub Pages would: its defaults, safe mode, its plugins, production")
    parser.add_argument("--unsafe-plugins", action="store_true",
                        help="Run the site's own Python plugins (_plugins/*.py); off by default")
    parser.add_argument("-j", "--jobs", type=int, help="Render on N processes (default: the number of cores; 1 = serial)")
    parser.add_argument("--disable-disk-cache", action="store_true",
                        help="Do not read or write the cache in .jekyll-cache")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jekyllpy", description="Build Jekyll sites exactly as Jekyll does, in Python.")
    parser.add_argument("--version", action="version", version="jekyllpy 0.1.0 (Jekyll 4.3 compatible)")
    sub = parser.add_subparsers(dest="command")
    build = sub.add_parser("build", aliases=["b"], help="Build your site")
    _common(build)
    serve = sub.add_parser("serve", aliases=["s", "server"], help="Serve your site locally")
    _common(serve)
    serve.add_argument("-H", "--host", default="127.0.0.1", help="Host to bind to (127.0.0.1; 0.0.0.0 exposes it)")
    serve.add_argument("-P", "--port", type=int, default=4000, help="Port to listen on (4000)")
    serve.add_argument("--skip-initial-build", action="store_true", help="Serve _site/ as it is; build on the first change")
    serve.add_argument("-l", "--livereload", action="store_true", help="Reload open pages when they change")
    serve.add_argument("-o", "--open-url", action="store_true", help="Open the site in your browser")
    serve.add_argument("--force_polling", "--force-polling", action="store_true", dest="force_polling",
                       help="Poll for changes (network drives, WSL, containers)")
    serve.add_argument("--no-watch", action="store_true", help="Do not rebuild on changes")
    serve.add_argument("-I", "--incremental", action="store_true", help="Accepted for Jekyll's sake: serve always rebuilds incrementally")
    build.add_argument("-I", "--incremental", action="store_true",
                       help="Rebuild only what changed since the last build (graph in .jekyll-cache/)")
    doctor = sub.add_parser("doctor", aliases=["hyde"], help="Report what will differ or break before building")
    _common(doctor)
    doctor.add_argument("--format", choices=("text", "json"), default="text")
    doctor.add_argument("--links", action="store_true", help="Also render and check internal links and images")
    clean = sub.add_parser("clean", help="Clean the site (removes site output and metadata file) without building.")
    _common(clean)
    new = sub.add_parser("new", help="Creates a new Jekyll site scaffold in PATH")
    new.add_argument("path")
    new.add_argument("--force", action="store_true", help="Add to a non-empty folder (existing files are kept)")
    new.add_argument("--blank", action="store_true", help="Jekyll's blank site instead of the academic homepage")
    new.add_argument("-t", "--trace", action="store_true")
    return parser


def overrides_from(args: argparse.Namespace) -> dict:
    overrides: dict = {}
    if getattr(args, "destination", None):
        overrides["destination"] = os.path.abspath(args.destination)
    if getattr(args, "drafts", False):
        overrides["show_drafts"] = True
    if getattr(args, "future", False):
        overrides["future"] = True
    if getattr(args, "unpublished", False):
        overrides["unpublished"] = True
    if getattr(args, "limit_posts", None) is not None:
        overrides["limit_posts"] = args.limit_posts
    if getattr(args, "baseurl", None) is not None:
        overrides["baseurl"] = args.baseurl
    if getattr(args, "safe", False):
        overrides["safe"] = True
    if getattr(args, "github_pages", False):
        overrides["github_pages"] = True
    if getattr(args, "unsafe_plugins", False):
        overrides["unsafe_plugins"] = True
    if getattr(args, "jobs", None):
        overrides["jobs"] = args.jobs
    if getattr(args, "profile", False):
        overrides["profile"] = True
    if getattr(args, "disable_disk_cache", False):
        overrides["disable_disk_cache"] = True
    if getattr(args, "serve_url", None):
        overrides["url"] = args.serve_url
    return overrides


def load_site(args: argparse.Namespace, logger: Logger, head_start: bool = False):
    """The site the command line describes. With `head_start`, the site's Sass pages start
    compiling on another core as soon as the configuration is loaded, before this process
    imports Liquid and the rest (prefetch.SassHeadStart: on a small site that compile is
    the longest task)."""
    from jekyllpy.config import load_site_config

    config_files = [c.strip() for c in args.config.split(",")] if getattr(args, "config", None) else None
    if config_files:
        config_files = [c if os.path.isabs(c) else os.path.abspath(c) for c in config_files]
    loaded = load_site_config(args.source, config_files, overrides_from(args))
    early = None
    if head_start:
        from jekyllpy.prefetch import SassHeadStart

        early = SassHeadStart.start(loaded.config)
    from jekyllpy.site import Site

    try:
        site = Site.from_loaded(loaded, logger)
    except BaseException:
        if early is not None:
            early.close()
        raise
    site.sass_head_start = early  # Site.process takes it up, and closes it
    return site


def cmd_build(args: argparse.Namespace, logger: Logger) -> int:
    start = time.perf_counter()
    from jekyllpy import uptodate

    if uptodate.eligible(args):
        stamp = uptodate.check(args)
        if stamp is not None:
            return _report_up_to_date(stamp, logger, start)
        snapshot = uptodate.Snapshot(args)
    else:
        snapshot = None
    if snapshot is not None:
        logger.records = snapshot.log  # what this build prints, for a skipped one to repeat
    site = load_site(args, logger, head_start=not getattr(args, "incremental", False))
    files = [str(site.source / "_config.yml")] if (site.source / "_config.yml").exists() else []
    logger.info("Configuration file:", files[0] if files else "none")
    logger.info("Source:", str(site.source))
    logger.info("Destination:", str(site.dest))
    logger.info("Incremental build:", "enabled" if getattr(args, "incremental", False) else "disabled. Enable with --incremental")
    logger.info("Generating...")
    start = time.perf_counter()
    from jekyllpy.progress import for_terminal

    site.progress = for_terminal(sys.stderr, quiet=bool(getattr(args, "quiet", False)))
    try:
        if getattr(args, "incremental", False):
            from jekyllpy.incremental import build_incremental

            result = build_incremental(site)
            if result.error is not None:
                raise result.error
            logger.info("Incremental build:", f"{result.mode}, {len(result.rendered)} rendered, "
                                              f"{len(result.deleted)} removed")
        else:
            site.process()
    finally:
        site.progress.close()
        logger.records = None
    logger.flush()
    if snapshot is not None:
        snapshot.write(site)
    logger.info("", f"done in {time.perf_counter() - start:.3f} seconds.")
    if site.liquid.profiler is not None:
        print("\n" + site.liquid.profiler.table() + "\n")
    logger.info("Auto-regeneration:", "disabled. Use --watch to enable.")
    return 0


def _report_up_to_date(stamp: dict, logger: Logger, start: float) -> int:
    """A build skipped as up to date (uptodate.py) prints what the last build printed."""
    replay_records(logger, stamp["log"])
    logger.flush()
    logger.info("", f"done in {time.perf_counter() - start:.3f} seconds.")
    logger.info("Auto-regeneration:", "disabled. Use --watch to enable.")
    return 0


def cmd_clean(args: argparse.Namespace, logger: Logger) -> int:
    site = load_site(args, logger)
    source = os.path.realpath(site.source)
    for target in (site.dest, site.in_source_dir(".jekyll-metadata"), site.in_source_dir(str(site.config.get("cache_dir")))):
        real = os.path.realpath(target)
        if source == real or source.startswith(real.rstrip(os.sep) + os.sep):
            # `cache_dir: .` (or "" or "..") names the source itself: Jekyll would delete it
            logger.warn("Cleaner:", f"Not removing {target}: it is or contains the source.")
            continue
        if target.is_symlink():
            target.unlink()  # the link, never what it points to
            logger.info("Cleaner:", f"Removing {target}...")
        elif target.exists():
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()
            logger.info("Cleaner:", f"Removing {target}...")
        else:
            logger.info("Cleaner:", f"Nothing to do for {target}.")
    return 0


def cmd_serve(args: argparse.Namespace, logger: Logger) -> int:
    from jekyllpy.serve import serve

    if os.environ.get("JEKYLL_ENV", "development") == "development" and not getattr(args, "github_pages", False):
        # Jekyll serve's default_url: absolute URLs point at the local server while developing
        host = "localhost" if args.host == "127.0.0.1" else args.host
        args.serve_url = f"http://{host}:{args.port}"
    site = load_site(args, logger)
    return serve(site, host=args.host, port=args.port, skip_initial_build=args.skip_initial_build,
                 livereload=args.livereload, watch=not args.no_watch, force_polling=args.force_polling,
                 open_url=args.open_url)


def cmd_doctor(args: argparse.Namespace, logger: Logger) -> int:
    from jekyllpy.doctor import run_doctor

    site = load_site(args, Logger("error"))
    return run_doctor(site, fmt=args.format, links=args.links)


def cmd_new(args: argparse.Namespace, logger: Logger) -> int:
    from jekyllpy.scaffold import new_site

    return new_site(Path(args.path), force=args.force, blank=args.blank, logger=logger)


COMMANDS = {
    "build": cmd_build, "b": cmd_build,
    "serve": cmd_serve, "s": cmd_serve, "server": cmd_serve,
    "doctor": cmd_doctor, "hyde": cmd_doctor,
    "clean": cmd_clean,
    "new": cmd_new,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    level = "error" if getattr(args, "quiet", False) else ("debug" if getattr(args, "verbose", False) else "info")
    logger = Logger(level, grouped=True)
    logger.debug("Logging at level:", "debug")  # Jekyll's first --verbose lines
    logger.debug("jekyllpy Version:", "0.1.0 (Jekyll 4.3 compatible)")
    try:
        return COMMANDS[args.command](args, logger)
    except JekyllpyError as err:
        logger.flush()
        if getattr(args, "trace", False):
            raise
        print(f"{'Error:'.rjust(20)} {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `jekyllpy doctor | head`
        sys.stderr.close()
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug of ours: one line, traceback on request
        logger.flush()
        if getattr(args, "trace", False):
            raise
        print(f"{'Error:'.rjust(20)} internal error ({type(exc).__name__}: {exc}); --trace shows where "
              "(unless a plugin caused it, please report it with that output)", file=sys.stderr)
        return 1
    finally:
        logger.flush()


def entry() -> NoReturn:
    """The `jekyllpy` command (and `python -m jekyllpy`): `main()`, then a quick exit.

    Tearing the interpreter down — freeing every object of the built site, module by module
    — took ~60 ms after a 0.4 s build of a small site. Nothing needs it: every file written
    is closed by then, and the exit handlers still run here; so the process ends the way a
    forked worker does. (`main()` itself returns normally, for callers in Python.)"""
    import atexit

    code = main()
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)

