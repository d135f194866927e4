"""`jekyllpy new PATH`: a ready-to-edit site (`--blank`: just the folders Jekyll makes)."""
from __future__ import annotations

from pathlib import Path

from jekyllpy.errors import JekyllpyError

BLANK = {
    "_config.yml": "title: My site\n",
    "_layouts/default.html": "<!DOCTYPE html>\n<html>\n<head><title>{{ page.title | default: site.title }}</title></head>\n<body>\n{{ content }}\n</body>\n</html>\n",
    "index.md": "---\nlayout: default\ntitle: Home\n---\n\nHello from jekyllpy.\n",
    "_posts/.keep": "",
    "_drafts/.keep": "",
    "_data/.keep": "",
    "_sass/.keep": "",
    "assets/css/main.scss": "---\n---\n\nbody { margin: 0 auto; max-width: 40em; }\n",
}


def new_site(path: Path, *, force: bool = False, blank: bool = False, logger=None) -> int:
    path = Path(path)
    if path.exists() and any(path.iterdir()) and not force:
        raise JekyllpyError("Conflict: folder exists and is not empty. Ensure it is empty or pass --force.", path)
    for rel, content in BLANK.items():
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_text(content, encoding="utf-8")
    if logger:
        logger.info("New jekyllpy site installed in", str(path.resolve()))
    return 0
