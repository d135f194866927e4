"""End to end in a real browser: Debian's chromium + chromium-driver, driven by selenium.

Open a served page, edit its source, see the new text without touching the browser; break the
front matter, see the error overlay naming the file and line; fix it, see the overlay go. Skips
(with the reason) where chromium, chromedriver or selenium are missing; .ci/run installs them.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)

try:
    import selenium  # noqa: F401
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover - depends on the machine
    webdriver = None

def body_text(driver) -> str:
    """The page's text in one script call (an element found before a reload goes stale)."""
    return driver.execute_script("return document.body ? document.body.innerText : ''") or ""


def overlay_text(driver) -> str | None:
    return driver.execute_script(
        "var o = document.getElementById('jekyllpy-error-overlay'); return o ? o.innerText : null;")


pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(DRIVER is None, reason="chromedriver is not installed (apt-get install chromium-driver)"),
    pytest.mark.skipif(webdriver is None, reason="selenium is not installed (pip install selenium)"),
]

FIXTURE = Path(__file__).parent / "fixtures" / "incremental"


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1200,900", "--disable-extensions", "--no-first-run"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(DRIVER), options=options)


@pytest.fixture
def browser():
    try:
        driver = make_driver()
    except Exception as exc:  # noqa: BLE001 - a browser that cannot start on this machine
        pytest.skip(f"chromium could not start: {exc}")
    try:
        yield driver
    finally:
        driver.quit()


def test_live_reload_and_error_overlay(tmp_path, monkeypatch, browser):
    from jekyllpy.logger import Logger
    from jekyllpy.serve.background import BackgroundServer
    from jekyllpy.site import Site

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    src = tmp_path / "src"
    shutil.copytree(FIXTURE, src)
    site = Site.from_path(src, logger=Logger("error"), destination=str(tmp_path / "out"), jobs=1)
    wait = WebDriverWait(browser, 20, poll_frequency=0.05)
    with BackgroundServer(site, livereload=True, debounce=0.02) as server:
        browser.get(server.url("/notes/alpha/"))
        assert "Alpha note content" in body_text(browser)
        # the client says hello over the WebSocket; wait until the server knows the open page
        wait.until(lambda d: server.server.state.open_snapshot)
        browser.execute_script("window.__notReloaded = true;")
        note = src / "_notes" / "alpha.md"
        original = note.read_text()

        # 1. an edit shows up by itself
        note.write_text(original.replace("Alpha note content", "Text edited while the browser watched"))
        wait.until(lambda d: "Text edited while the browser watched" in body_text(d))
        assert browser.execute_script("return window.__notReloaded === undefined")  # it reloaded itself

        # 2. broken front matter: the overlay names the file and line
        note.write_text("---\ntitle: [unclosed\n---\nBroken note.\n")
        wait.until(lambda d: "_notes/alpha.md" in (overlay_text(d) or ""))
        text = overlay_text(browser)
        assert "_notes/alpha.md:3" in text and "flow sequence" in text

        # 3. fixed: the overlay goes and the page shows the fix
        note.write_text(original.replace("Alpha note content", "Fixed and back"))
        wait.until(lambda d: overlay_text(d) is None and "Fixed and back" in body_text(d))


def test_css_edit_swaps_the_stylesheet_without_reload(tmp_path, monkeypatch, browser):
    from jekyllpy.logger import Logger
    from jekyllpy.serve.background import BackgroundServer
    from jekyllpy.site import Site

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    src = tmp_path / "src"
    shutil.copytree(FIXTURE, src)
    site = Site.from_path(src, logger=Logger("error"), destination=str(tmp_path / "out"), jobs=1)
    wait = WebDriverWait(browser, 20, poll_frequency=0.05)
    with BackgroundServer(site, livereload=True, debounce=0.02) as server:
        browser.get(server.url("/about/"))
        wait.until(lambda d: server.server.state.open_snapshot)
        color = lambda d: d.execute_script("return getComputedStyle(document.body).color")  # noqa: E731
        assert color(browser) == "rgb(51, 51, 51)"
        browser.execute_script("window.__stillHere = true;")
        (src / "_sass" / "_vars.scss").write_text("$color: #ff0000;\n")
        wait.until(lambda d: color(d) == "rgb(255, 0, 0)")
        assert browser.execute_script("return window.__stillHere === true")  # no reload
        time.sleep(0.1)
