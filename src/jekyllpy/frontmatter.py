"""Jekyll's front matter split, byte for byte (Jekyll 4.3 `Document::YAML_FRONT_MATTER_REGEXP`).

Rules reproduced (verified against real Jekyll 4.3.1):

* A file *is a page* (rather than a static file) iff its first line matches `\\A---\\s*\\r?\\n`
  (`Utils.has_yaml_header?`, which reads the raw bytes: a UTF-8 BOM before `---` therefore
  makes the file a static file, copied as is).
* The block is `\\A(---\\s*\\n.*?\\n?)^((---|\\.\\.\\.)\\s*$\\n?)` (Ruby `m` = dot matches newline;
  Ruby `\\s` is ASCII whitespace). Group 1, *including* the opening `---` line, is what Jekyll
  hands to Psych, so we do the same: YAML line numbers are then file line numbers, and
  `---\\n--- a\\n---` reads as Psych reads it (first document only). The closing `\\s*$\\n?` can
  swallow blank lines after the closing `---`, which Jekyll also drops from the content.
* Everything after the closing line is the content, untouched (CRLF, trailing newlines).
* Front matter that loads as nothing (`---\\n---`, only comments, `null`, `false`) is `{}`.
  Anything else that is not a mapping is an error: for pages and layouts Jekyll stops with
  "Invalid YAML front matter in FILE" (collection documents only log it).

`JekyllYAMLHandler` is a python-frontmatter handler whose `split`/`load` follow Jekyll, for
callers of python-frontmatter. We split and load with this module's functions rather than
`frontmatter.loads`, because `frontmatter.parse` strips the whole text first, which would
lose the content's leading and trailing whitespace; and the handler class is made on first
use, because python-frontmatter imports PyYAML, which a build does not otherwise need.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jekyllpy import yaml11
from jekyllpy.errors import JekyllpyError, YAMLError

__all__ = ["has_front_matter", "split", "read", "read_lenient", "invalid_utf8", "InvalidEncoding", "JekyllYAMLHandler", "FrontMatterError"]

_WS = r"[ \t\r\n\f\v]"  # Ruby's \s
_HEADER = re.compile(rf"\A---{_WS}*\r?\n")
_BLOCK = re.compile(rf"\A(---{_WS}*\n.*?\n?)^((---|\.\.\.){_WS}*$\n?)", re.S | re.M)
_HEADER_WS = frozenset(b" \t\r\f\v")


class FrontMatterError(JekyllpyError):
    """Front matter that is not a mapping (Jekyll's InvalidYAMLFrontMatterError)."""


class InvalidEncoding(JekyllpyError):
    """A file that is not valid UTF-8 (Ruby: "invalid byte sequence in UTF-8")."""


def _split_block(text: str) -> tuple[str, str]:
    """(front matter text including the opening `---` line, content); ValueError if none."""
    match = _BLOCK.match(text)
    if match is None:
        raise ValueError("no Jekyll front matter")
    return match.group(1), text[match.end():]


def _handler_class() -> type:
    """`JekyllYAMLHandler`; python-frontmatter is imported here, as it imports PyYAML."""
    from frontmatter.default_handlers import YAMLHandler

    class JekyllYAMLHandler(YAMLHandler):
        """python-frontmatter handler that splits and loads as Jekyll 4.3 does."""

        FM_BOUNDARY = re.compile(rf"^(?:---|\.\.\.){_WS}*$", re.M)
        START_DELIMITER = END_DELIMITER = "---"

        def detect(self, text: str) -> bool:
            return _HEADER.match(text) is not None

        def split(self, text: str) -> tuple[str, str]:
            """(front matter text including the opening `---` line, content); ValueError if none."""
            return _split_block(text)

        def load(self, fm: str, **kwargs: object) -> Any:
            return yaml11.load(fm, kwargs.get("path"))  # type: ignore[arg-type]

    JekyllYAMLHandler.__qualname__ = "JekyllYAMLHandler"  # as if defined at module level
    return JekyllYAMLHandler


def __getattr__(name: str):
    # `JekyllYAMLHandler`, made (and python-frontmatter imported) on first use
    if name == "JekyllYAMLHandler":
        cls = globals()["JekyllYAMLHandler"] = _handler_class()
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def has_front_matter(path: str | Path) -> bool:
    """Jekyll's `Utils.has_yaml_header?`: first line is `---`, optional whitespace, newline.

    Reads only as far as the first non-whitespace byte after `---` (never a whole large
    binary file), on raw bytes, so a BOM means "no front matter" as in Jekyll.
    """
    try:
        with open(path, "rb") as fh:
            if fh.read(3) != b"---":
                return False
            while True:
                chunk = fh.read(256)
                if not chunk:
                    return False  # no newline: Jekyll's readline gives "---" alone
                for byte in chunk:
                    if byte == 0x0A:
                        return True
                    if byte not in _HEADER_WS:
                        return False
    except (OSError, IsADirectoryError):
        return False


def split(raw: str) -> tuple[str | None, str, int]:
    """(YAML text or None, content, 1-based line of the file where the content starts).

    The YAML text is exactly what Jekyll passes to Psych: it starts with the opening `---`
    line, so its line numbers are the file's.
    """
    try:
        yaml_text, content = _split_block(raw)
    except ValueError:
        return None, raw, 1
    consumed = len(raw) - len(content)
    return yaml_text, content, raw.count("\n", 0, consumed) + 1


def read(raw: str, path: str | Path | None = None) -> tuple[dict | None, str, int]:
    """Split and parse: (data or None without front matter, content, content line).

    Raises `YAMLError` (file line/column) for YAML Psych rejects, and `FrontMatterError` for
    front matter that is not a mapping. Both carry `.content` and `.content_line`, so a caller
    that wants Jekyll's lenient mode (warn, keep going with `{}`) still has the content.
    """
    yaml_text, content, line = split(raw)
    if yaml_text is None:
        return None, content, line
    try:
        data = yaml11.load(yaml_text, None if path is None else str(path))
    except YAMLError as exc:
        exc.content, exc.content_line = content, line  # type: ignore[attr-defined]
        raise
    if data is None or data is False:
        return {}, content, line
    if not isinstance(data, dict):
        at = _first_value_line(yaml_text)
        err = FrontMatterError(
            f"Invalid YAML front matter (a {_kind(data)}, not a mapping of keys to values)",
            path, at, 1, source_line=yaml_text.splitlines()[at - 1] if at else None,
        )
        err.content, err.content_line = content, line  # type: ignore[attr-defined]
        raise err
    return data, content, line


_BAD_UTF8 = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (surrogateescape)


def invalid_utf8(text: str, path: str | Path | None = None) -> InvalidEncoding | None:
    """A located "invalid byte sequence in UTF-8" error for the first undecodable byte of
    `text` (read with surrogateescape), or None when the text was valid UTF-8."""
    if text.isascii():
        return None
    bad = _BAD_UTF8.search(text)
    if bad is None:
        return None
    index = bad.start()
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    source_line = text[start:] if end < 0 else text[start:end]
    byte = ord(bad.group()) - 0xDC00
    return InvalidEncoding(
        f"invalid byte sequence in UTF-8 (byte 0x{byte:02x})", path, text.count("\n", 0, index) + 1,
        index - start + 1, source_line=source_line.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
    )


def read_lenient(raw: str, path: str | Path | None = None) -> tuple[dict | None, str, int, JekyllpyError | None]:
    """`read` with Jekyll's tolerance (Convertible#read_yaml, Document#read_content).

    Jekyll does not stop the build for front matter Psych rejects: it logs the problem and
    goes on with no front matter data, the content being what follows the front matter.
    A file that is not valid UTF-8 makes Ruby's front matter regex itself raise, so there
    the content is the *whole* file and the data is empty. Returns (data, content,
    content line, the error to report or None); the caller logs it, or raises it under
    `strict_front_matter`. Front matter that is not a mapping still raises
    `FrontMatterError`: what happens then differs between pages and documents.
    """
    bad = invalid_utf8(raw, path)
    if bad is not None:
        return None, raw, 1, bad
    try:
        data, content, line = read(raw, path)
    except YAMLError as exc:
        return None, exc.content, exc.content_line, exc  # type: ignore[attr-defined]
    return data, content, line, None


def _first_value_line(yaml_text: str) -> int:
    """Line (in the file) of the first line of YAML after `---` that is not blank or a comment."""
    lines = yaml_text.splitlines()
    for number, text in enumerate(lines[1:], start=2):
        stripped = text.strip()
        if stripped and not stripped.startswith("#"):
            return number
    return 1


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__
