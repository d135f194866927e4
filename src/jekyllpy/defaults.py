"""Front matter defaults (`defaults:` in _config.yml), with Jekyll's precedence rules.

A set applies when its scope's type matches (pages, posts, drafts or a collection label) and
its path is a prefix of the file's relative path (globs expanded against the source). Longer
paths win; with equal paths a set with a type wins. Results are cached per (path, type).
"""
from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Any

from jekyllpy.utils import deep_merge

_DEPRECATED_TYPES = {"page": "pages", "post": "posts", "draft": "drafts"}


def _sanitize(path: Any) -> str:
    if not path:
        return ""
    path = str(path)
    if path.startswith("/"):
        path = path[1:]
        return path
    return path


class FrontMatterDefaults:
    def __init__(self, config: dict, source: Path) -> None:
        self.source = source
        self.collections_dir = config.get("collections_dir") or ""
        self.sets = self._valid_sets(config.get("defaults"))
        self._cache: dict[tuple[str, str | None], dict] = {}
        self._glob_cache: dict[str, list[str]] = {}

    def _valid_sets(self, sets: Any) -> list[dict]:
        if not isinstance(sets, list):
            return []
        valid = []
        for entry in sets:
            if not (isinstance(entry, dict) and isinstance(entry.get("values"), dict)):
                continue
            scope = entry.get("scope")
            if isinstance(scope, dict) and "type" in scope:
                scope = dict(scope)
                scope["type"] = _DEPRECATED_TYPES.get(scope["type"], scope["type"])
                entry = dict(entry, scope=scope)
            valid.append(entry)
        return valid

    def all(self, relative_path: str, type_: str | None) -> dict:
        """Every default value for a file, merged by precedence (Jekyll's `all`)."""
        key = (relative_path, type_)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        result: dict = {}
        old_scope = None
        for entry in self._matching(relative_path, type_):
            scope = entry.get("scope") or {}
            if self._has_precedence(old_scope, scope):
                result = deep_merge(result, entry["values"])
                old_scope = scope
            else:
                result = deep_merge(entry["values"], result)
        self._cache[key] = result
        return result

    def _matching(self, path: str, type_: str | None) -> list[dict]:
        out = []
        for entry in self.sets:
            scope = entry.get("scope")
            if not isinstance(scope, dict) or self._applies(scope, path, type_):
                out.append(entry)
        return out

    def _applies(self, scope: dict, path: str, type_: str | None) -> bool:
        if "type" in scope and str(scope["type"]) != (type_ or ""):
            return False
        scope_path = scope.get("path")
        if not isinstance(scope_path, str) or not scope_path:
            return True
        sanitized = _sanitize(path)
        if "*" in scope_path:
            for match in self._glob(scope_path):
                if sanitized.startswith(self._strip_collections_dir(match)):
                    return True
            return False
        return sanitized.startswith(self._strip_collections_dir(scope_path))

    def _glob(self, scope_path: str) -> list[str]:
        found = self._glob_cache.get(scope_path)
        if found is None:
            pattern = os.path.join(str(self.source), scope_path)
            found = [os.path.relpath(p, self.source) for p in glob.glob(pattern)]
            self._glob_cache[scope_path] = found
        return found

    def _strip_collections_dir(self, path: str) -> str:
        cdir = self.collections_dir
        if cdir and path.startswith(cdir + "/"):
            return path[len(cdir) + 1 :]
        return path

    @staticmethod
    def _has_precedence(old_scope: dict | None, new_scope: dict) -> bool:
        if old_scope is None:
            return True
        new_path = _sanitize(new_scope.get("path"))
        old_path = _sanitize(old_scope.get("path"))
        if len(new_path) != len(old_path):
            return len(new_path) >= len(old_path)
        if "type" in new_scope:
            return True
        return "type" not in old_scope
