"""Screenshots of `jekyllpy serve` for the README: the demo site as served, and the error
overlay a broken edit shows. Headless Debian chromium through selenium (see tests/test_browser.py).

    python docs/screenshots/take_screenshots.py      # writes docs/screenshots/*.png

The demo site (the repository root) is copied to a temporary folder first: nothing in the
repository is edited or built into.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

IGNORE = shutil.ignore_patterns(".git", "_site", ".jekyll-cache", "__pycache__", ".pytest_cache", "*.egg-info",
                                ".venv", "node_modules")


def main() -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from jekyllpy.logger import Logger
    from jekyllpy.serve.background import BackgroundServer
    from jekyllpy.site import Site
    from tests.test_browser import make_driver

    work = Path(tempfile.mkdtemp(prefix="jekyllpy-shots-"))
    try:
        src = work / "site"
        shutil.copytree(ROOT, src, ignore=IGNORE)
        site = Site.from_path(src, logger=Logger("error"), destination=str(work / "out"))
        driver = make_driver()
        driver.set_window_size(1280, 860)
        wait = WebDriverWait(driver, 30, poll_frequency=0.05)
        try:
            with BackgroundServer(site, livereload=True) as server:
                driver.get(server.url("/"))
                wait.until(lambda d: server.server.state.open_snapshot)
                time.sleep(0.5)
                driver.save_screenshot(str(HERE / "serve-demo-site.png"))
                index = src / "_pages" / "about.md"  # permalink: / (the home page)
                original = index.read_text()
                # an unclosed Liquid tag in the page: the build fails and the overlay says where
                index.write_text(original + "\n{% if site.title %}\nforgot to close it\n")
                wait.until(lambda d: d.find_elements(By.ID, "jekyllpy-error-overlay"))
                time.sleep(0.3)
                driver.save_screenshot(str(HERE / "serve-error-overlay.png"))
                index.write_text(original)
                wait.until(lambda d: not d.find_elements(By.ID, "jekyllpy-error-overlay"))
        finally:
            driver.quit()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name in ("serve-demo-site.png", "serve-error-overlay.png"):
        print(HERE / name, os.path.getsize(HERE / name), "bytes")


if __name__ == "__main__":
    main()
