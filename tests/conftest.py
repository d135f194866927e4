"""Test-wide settings."""
from __future__ import annotations

import os

import pytest

# Builds in tests (in-process and `python -m jekyllpy` children alike) never skip as up to
# date nor leave an up-to-date stamp in fixture sites; tests/test_uptodate.py turns it on.
os.environ["JEKYLLPY_UPTODATE"] = "0"


@pytest.fixture(autouse=True)
def _no_disk_cache_in_sources(request, monkeypatch):
    """Builds in tests read fixture sites and ../shared sites in place; the disk cache
    (.jekyll-cache) must not be written into them. tests/test_cache.py opts back in."""
    if request.module.__name__.endswith("test_cache"):
        return
    from jekyllpy.cache import DiskCache
    from jekyllpy.site import Site

    monkeypatch.setattr(Site, "disk_cache", lambda self, namespace, salt: DiskCache(None, namespace, salt))
