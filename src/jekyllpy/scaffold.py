"""`jekyllpy new PATH`: a ready-to-edit academic homepage (the embedded demo site), or with
`--blank` just the folders Jekyll's `new --blank` makes. A non-empty folder is refused
unless `--force`; existing files are never overwritten.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from jekyllpy.errors import JekyllpyError

# The demo site lives at the root of the jekyllpy repository (src/jekyllpy/ → ../../).
DEMO_ROOT = Path(__file__).resolve().parent.parent.parent
DEMO_ENTRIES = ("_config.yml", "_pages", "_data", "_layouts", "_includes", "_posts", "_publications",
                "_talks", "_sass", "assets", "images", "404.md")

BLANK = {
    "_config.yml": "title: My site\n",
    "_layouts/default.html": "<!DOCTYPE html>\n<html>\n<head><title>{{ page.title | default: site.title }}</title></head>\n"
                             "<body>\n{{ content }}\n</body>\n</html>\n",
    "index.md": "---\nlayout: default\ntitle: Home\n---\n\nHello from jekyllpy.\n",
    "_posts/.keep": "",
    "_drafts/.keep": "",
    "_data/.keep": "",
    "_sass/.keep": "",
    "assets/css/main.scss": "---\n---\n\nbody { margin: 0 auto; max-width: 40em; }\n",
}


def demo_available() -> bool:
    return (DEMO_ROOT / "_config.yml").is_file() and (DEMO_ROOT / "_layouts").is_dir()


def new_site(path: Path, *, force: bool = False, blank: bool = False, logger=None) -> int:
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise JekyllpyError("exists and is not a folder", path)
    if path.exists() and any(path.iterdir()) and not force:
        raise JekyllpyError("Conflict: the folder exists and is not empty; use --force to add a site to it.", path)
    path.mkdir(parents=True, exist_ok=True)
    if blank or not demo_available():
        for rel, content in BLANK.items():
            _write_new(path / rel, content)
        what = "blank site"
    else:
        for entry in DEMO_ENTRIES:
            src = DEMO_ROOT / entry
            if src.is_dir():
                for file in sorted(src.rglob("*")):
                    if file.is_file():
                        _copy_new(file, path / file.relative_to(DEMO_ROOT))
            elif src.is_file():
                _copy_new(src, path / entry)
        _strip_repo_excludes(path / "_config.yml")
        what = "academic homepage"
    if logger:
        logger.info("New jekyllpy site", f"({what}) installed in {path.resolve()}")
    return 0


def _write_new(target: Path, content: str) -> None:
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")


def _copy_new(src: Path, target: Path) -> None:
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, target)


def _strip_repo_excludes(config: Path) -> None:
    """The demo's `exclude:` lists the repository's own folders (src/, tests/ …); a new site
    has none of them, so that block is left out of its copy."""
    if not config.exists():
        return
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        if line.startswith("exclude:"):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "-", "\t")) or not line.strip()):
            if not line.strip():
                skipping = False
                out.append(line)
            continue
        skipping = False
        out.append(line)
    config.write_text("".join(out), encoding="utf-8")
