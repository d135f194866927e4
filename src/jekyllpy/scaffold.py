"""`jekyllpy new PATH`: a ready-to-edit academic homepage (the embedded demo site), or with
`--blank` exactly what Jekyll 4.3's `jekyll new --blank` makes.

As Jekyll, a folder is refused when it holds anything but hidden entries (Jekyll's check is
`Dir["PATH/**/*"]`, which skips dotfiles — so a fresh `git init` folder is fine), unless
`--force`. Unlike Jekyll's `--force`, existing files are never overwritten: the scaffold only
adds what is missing, so a mistyped path cannot destroy anyone's work.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from jekyllpy.errors import JekyllpyError

# The demo site lives at the root of the jekyllpy repository (src/jekyllpy/ → ../../).
DEMO_ROOT = Path(__file__).resolve().parent.parent.parent
DEMO_ENTRIES = ("_config.yml", "_pages", "_data", "_layouts", "_includes", "_posts", "_publications",
                "_talks", "_sass", "assets", "images", "404.md")
# Jekyll's site template ignores these; the demo homepage gets the same .gitignore.
GITIGNORE = "_site\n.sass-cache\n.jekyll-cache\n.jekyll-metadata\nvendor\n"

# Jekyll 4.3's lib/blank_template, file for file, and the folders `create_blank_site` adds.
BLANK = {
    "_config.yml": 'url: "" # the base hostname & protocol for your site, e.g. http://example.com\n'
                   'baseurl: "" # the subpath of your site, e.g. /blog\n'
                   'title: "" # the name of your site, e.g. ACME Corp.\n',
    "_layouts/default.html": '<!DOCTYPE html>\n<html lang="{{ site.lang | default: "en-US" }}">\n  <head>\n'
                             '    <meta name="viewport" content="width=device-width, initial-scale=1">\n'
                             '    <meta charset="utf-8">\n    <title>{{ page.title }} - {{ site.title }}</title>\n'
                             '    <link rel="stylesheet" href="{{ "/assets/css/main.css" | relative_url }}">\n'
                             '  </head>\n  <body>\n    {{ content }}\n  </body>\n</html>\n',
    "_sass/main.scss": '$backgroundColor: #ffffff;\n$bodyColor: #000000;\n$bodyFont: -apple-system,BlinkMacSystemFont,'
                       '"Segoe UI",Helvetica,Arial,sans-serif,"Apple Color Emoji","Segoe UI Emoji","Segoe UI Symbol";\n\n'
                       'body {\n  background: $backgroundColor;\n  color: $bodyColor;\n  font-family: $bodyFont;\n}\n',
    "assets/css/main.scss": '---\n---\n\n@import "main";\n',
    "index.md": '---\nlayout: default\ntitle: "Happy Jekylling!"\n---\n\n## You\'re ready to go!\n\n'
                'Start developing your Jekyll website.\n',
}
BLANK_FOLDERS = ("_data", "_drafts", "_includes", "_posts")


def demo_available() -> bool:
    return (DEMO_ROOT / "_config.yml").is_file() and (DEMO_ROOT / "_layouts").is_dir()


def new_site(path: Path, *, force: bool = False, blank: bool = False, logger=None) -> int:
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise JekyllpyError("exists and is not a folder", path)
    if _has_visible_entries(path) and not force:
        raise JekyllpyError("Conflict: the folder exists and is not empty; use --force to add a site to it "
                            "(existing files are kept).", path)
    path.mkdir(parents=True, exist_ok=True)
    kept: list[Path] = []
    if not blank and not demo_available():
        if logger:
            logger.warn("New site:", "the demo homepage ships with a source checkout of jekyllpy (pip install -e), "
                                     "not with this installation: creating a blank site instead")
        blank = True
    if blank:
        for rel, content in BLANK.items():
            _write_new(path / rel, content, kept)
        for folder in BLANK_FOLDERS:
            (path / folder).mkdir(exist_ok=True)
        what = "blank site"
    else:
        for entry in DEMO_ENTRIES:
            src = DEMO_ROOT / entry
            if src.is_dir():
                for file in sorted(src.rglob("*")):
                    if file.is_file() and "__pycache__" not in file.parts:
                        _copy_new(file, path / file.relative_to(DEMO_ROOT), kept)
            elif src.is_file():
                _copy_new(src, path / entry, kept)
        if not kept or path / "_config.yml" not in kept:
            _strip_repo_excludes(path / "_config.yml")
        _write_new(path / ".gitignore", GITIGNORE, kept)
        what = "academic homepage"
    if logger:
        if kept:
            logger.info("Kept:", f"{len(kept)} existing file(s) left as they were, e.g. {kept[0].relative_to(path)}")
        logger.info("New jekyllpy site", f"({what}) installed in {path.resolve()}.")
        logger.info("Next:", f"jekyllpy serve -s {path}   (or: cd {path} && jekyllpy build)")
    return 0


def _has_visible_entries(path: Path) -> bool:
    """Jekyll's `!Dir["#{path}/**/*"].empty?`: hidden entries (.git, .DS_Store) do not count."""
    if not path.is_dir():
        return False
    return any(not entry.name.startswith(".") for entry in path.iterdir())


def _write_new(target: Path, content: str, kept: list[Path]) -> None:
    if target.exists():
        kept.append(target)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")


def _copy_new(src: Path, target: Path, kept: list[Path]) -> None:
    if target.exists():
        kept.append(target)
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
