"""`jekyllpy doctor`: problems found before building (the migration report grows here)."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from jekyllpy.plugins.registry import BUILTIN

if TYPE_CHECKING:
    from jekyllpy.site import Site


def find_problems(site: Site) -> list[str]:
    problems: list[str] = []
    for name in site.config.get("plugins") or []:
        if str(name) not in BUILTIN:
            problems.append(f"Plugin '{name}' is Ruby-only: jekyllpy will build without it.")
    plugins_dir = site.in_source_dir(str(site.config.get("plugins_dir") or "_plugins"))
    if plugins_dir.is_dir():
        for rb in sorted(plugins_dir.glob("*.rb")):
            problems.append(f"{os.path.relpath(rb, site.source)}: Ruby plugins are not run by jekyllpy.")
    site.read()
    site.generate()
    seen: dict[str, list[str]] = {}
    for item in site.each_site_file():
        dest = os.path.relpath(item.destination(site.dest), site.dest)
        seen.setdefault(dest, []).append(os.path.relpath(getattr(item, "path", ""), site.source))
    for dest, sources in sorted(seen.items()):
        if len(sources) > 1:
            problems.append(f"Conflict: {dest} is written by {', '.join(sources)}")
    return problems


def run_doctor(site: Site) -> int:
    problems = find_problems(site)
    for problem in problems:
        site.logger.warn("Warning:", problem)
    if not problems:
        site.logger.info("", "Everything looks fine.")
    return 0
