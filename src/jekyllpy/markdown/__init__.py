"""Markdown as Jekyll's kramdown (GFM input) writes it — baseline converter on mistune 3.

mistune parses (block and inline grammar, GFM tables and strikethrough); our emitter writes
kramdown's HTML layout instead of mistune's: blocks separated by a blank line, children of
lists/quotes/tables indented two spaces per level, GFM-style header ids, typographic symbols
and smart quotes, Rouge's code wrappers, XHTML-style void tags. See docs/decisions.md
("Markdown") for why the emitter is ours; docs/markdown-differences.md tracks what differs.
"""
from __future__ import annotations

import html
import re
from typing import Any

import mistune

from jekyllpy.markdown.lists import install as _install_list_hooks
from jekyllpy.markdown.lists import transparent_items
from jekyllpy.markdown.tables import install as install_kramdown_tables

__all__ = ["MarkdownConverter"]

KRAMDOWN_DEFAULTS = {
    "auto_ids": True, "auto_id_prefix": "", "toc_levels": [1, 2, 3, 4, 5, 6], "entity_output": "as_char",
    "smart_quotes": "lsquo,rsquo,ldquo,rdquo", "input": "GFM", "hard_wrap": False, "footnote_nr": 1,
}
_QUOTE = re.compile(r"['\"]")
_NON_WORD = re.compile(r"[^\w\- \t]", re.UNICODE)
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);")


class MarkdownConverter:
    """`MarkdownConverter(site_config).convert(text) -> html`, built once per site."""

    def __init__(self, config: dict) -> None:
        options = dict(KRAMDOWN_DEFAULTS)
        options.update(config.get("kramdown") or {})
        self.options = options
        quotes = str(options.get("smart_quotes") or KRAMDOWN_DEFAULTS["smart_quotes"]).split(",")
        names = {"lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "apos": "'", "quot": '"'}
        self.quotes = [names.get(q.strip(), html.unescape(f"&{q.strip()};")) for q in quotes]
        self.hard_wrap = bool(options.get("hard_wrap"))
        self.auto_ids = options.get("auto_ids", True) is not False
        _install_list_hooks()
        self._parse = mistune.create_markdown(renderer=None, plugins=["table", "strikethrough"])
        install_kramdown_tables(self._parse)

    def convert(self, text: str) -> str:
        tokens = self._parse(text)
        out = _Emitter(self).blocks(tokens, 0)
        if tokens and _swallows_blank(tokens[-1]) and re.search(r"\n[ \t]*\n\s*\Z", text):
            out += "\n"  # the trailing blank lines mistune folded into the last list
        return out


class _Emitter:
    def __init__(self, conv: MarkdownConverter) -> None:
        self.conv = conv
        self.ids: dict[str, int] = {}

    # blocks --------------------------------------------------------------------------------
    def blocks(self, tokens: list[dict], depth: int) -> str:
        """kramdown writes a run of blank source lines as one newline, nothing otherwise
        (mistune folds the blank lines after a list or an indented code block into it, so
        they come back here)."""
        parts: list[str] = []
        for i, tok in enumerate(tokens):
            if tok["type"] == "blank_line":
                parts.append("\n")
                continue
            text = self.block(tok, depth)
            if text is not None:
                parts.append(text)
            if _swallows_blank(tok) and i + 1 < len(tokens) and tokens[i + 1]["type"] != "blank_line":
                parts.append("\n")
        return "".join(parts)

    def block(self, tok: dict, depth: int) -> str | None:
        pad = "  " * depth
        kind = tok["type"]
        if kind == "paragraph":
            return f"{pad}<p>{self.inline(tok['children'])}</p>\n"
        if kind == "heading":
            level = tok["attrs"]["level"]
            inner = self.inline(tok["children"])
            ident = self.header_id(tok["children"]) if self.conv.auto_ids else ""
            attr = f' id="{ident}"' if ident else ""
            return f"{pad}<h{level}{attr}>{inner}</h{level}>\n"
        if kind == "thematic_break":
            return f"{pad}<hr />\n"
        if kind == "block_code":
            info = (tok.get("attrs") or {}).get("info") or ""
            lang = info.split()[0] if info.strip() else ("plaintext" if tok.get("style") == "indent" else None)
            return pad + code_block(tok["raw"], lang) + "\n"
        if kind == "block_quote":
            return f"{pad}<blockquote>\n{self.blocks(tok['children'], depth + 1)}{pad}</blockquote>\n"
        if kind == "list":
            return self.list(tok, depth)
        if kind == "block_html":
            return normalize_tags(tok["raw"].rstrip("\n")) + "\n"
        if kind == "table":
            return self.table(tok, depth)
        return None

    def list(self, tok: dict, depth: int) -> str:
        pad = "  " * depth
        attrs = tok.get("attrs") or {}
        tag = "ol" if attrs.get("ordered") else "ul"
        start = attrs.get("start")
        start_attr = f' start="{start}"' if tag == "ol" and start not in (None, 1) else ""
        items = []
        for item, transparent in zip(tok["children"], transparent_items(tok["children"])):
            children = list(item["children"])
            while children and children[-1]["type"] == "blank_line":
                children.pop()  # an item's trailing blank lines belong after the list
            while children and children[0]["type"] == "blank_line":
                children.pop(0)
            if transparent and children:
                first = self.inline(children[0]["children"])
                rest = children[1:]
                if not rest:
                    items.append(f"{pad}  <li>{first}</li>\n")
                else:
                    items.append(f"{pad}  <li>{first}\n{self.blocks(rest, depth + 2)}{pad}  </li>\n")
            else:
                blocks = [dict(c, type="paragraph") if c["type"] == "block_text" else c for c in children]
                items.append(f"{pad}  <li>\n{self.blocks(blocks, depth + 2)}{pad}  </li>\n")
        return f"{pad}<{tag}{start_attr}>\n{''.join(items)}{pad}</{tag}>\n"

    def table(self, tok: dict, depth: int) -> str:
        pad = "  " * depth
        out = [f"{pad}<table>\n"]
        for section in tok["children"]:
            name = "thead" if section["type"] == "table_head" else "tbody"
            out.append(f"{pad}  <{name}>\n")
            rows = [section["children"]] if section["type"] == "table_head" else [r["children"] for r in section["children"]]
            cell_tag = "th" if name == "thead" else "td"
            for cells in rows:
                out.append(f"{pad}    <tr>\n")
                for cell in cells:
                    align = (cell.get("attrs") or {}).get("align")
                    style = f' style="text-align: {align}"' if align else ""
                    out.append(f"{pad}      <{cell_tag}{style}>{self.inline(cell['children'])}</{cell_tag}>\n")
                out.append(f"{pad}    </tr>\n")
            out.append(f"{pad}  </{name}>\n")
        out.append(f"{pad}</table>\n")
        return "".join(out)

    def header_id(self, children: list[dict]) -> str:
        """kramdown's GFM header ids: lower-cased text, punctuation dropped, spaces → '-'."""
        text = self.plain_text(children).lower()
        ident = _NON_WORD.sub("", text).replace(" ", "-").replace("\t", "-")
        count = self.ids.get(ident, 0)
        self.ids[ident] = count + 1
        if count:
            ident = f"{ident}-{count}"
        return str(self.conv.options.get("auto_id_prefix") or "") + ident

    def plain_text(self, children: list[dict]) -> str:
        out = []
        for c in children:
            if c["type"] in ("text", "codespan"):
                out.append(c.get("raw", ""))
            elif "children" in c:
                out.append(self.plain_text(c["children"]))
        return "".join(out)

    # inline --------------------------------------------------------------------------------
    def inline(self, children: list[dict]) -> str:
        out = []
        prev = ""
        for c in children:
            piece = self.span(c, prev)
            out.append(piece)
            prev = piece[-1:] if piece else prev
        return "".join(out)

    def span(self, tok: dict, prev: str) -> str:
        kind = tok["type"]
        if kind == "text":
            return self.typography(tok["raw"], prev)
        if kind == "emphasis":
            return f"<em>{self.inline(tok['children'])}</em>"
        if kind == "strong":
            return f"<strong>{self.inline(tok['children'])}</strong>"
        if kind == "strikethrough":
            return f"<del>{self.inline(tok['children'])}</del>"
        if kind == "codespan":
            return f'<code class="language-plaintext highlighter-rouge">{escape(tok["raw"])}</code>'
        if kind == "softbreak":
            return "<br />\n" if self.conv.hard_wrap else "\n"
        if kind == "linebreak":
            return "<br />\n"
        if kind == "link":
            attrs = tok["attrs"]
            title = f' title="{escape_attr(attrs["title"])}"' if attrs.get("title") else ""
            return f'<a href="{escape_attr(attrs["url"])}"{title}>{self.inline(tok["children"])}</a>'
        if kind == "image":
            attrs = tok["attrs"]
            alt = escape_attr(self.plain_text(tok["children"]))
            title = f' title="{escape_attr(attrs["title"])}"' if attrs.get("title") else ""
            return f'<img src="{escape_attr(attrs["url"])}" alt="{alt}"{title} />'
        if kind == "inline_html":
            return normalize_tags(tok["raw"])
        if "children" in tok:
            return self.inline(tok["children"])
        return escape(tok.get("raw", ""))

    def typography(self, text: str, prev: str) -> str:
        """kramdown's typographic symbols and smart quotes, on escaped text."""
        text = escape(text)
        if "--" in text:
            text = text.replace("---", "—").replace("--", "–")
        if "..." in text:
            text = text.replace("...", "…")
        if "&lt;&lt;" in text or "&gt;&gt;" in text:
            text = text.replace("&lt;&lt;", "«").replace("&gt;&gt;", "»")
        if "'" not in text and '"' not in text:
            return text
        lsquo, rsquo, ldquo, rdquo = self.conv.quotes

        def quote(m: re.Match) -> str:
            i = m.start()
            before = text[i - 1] if i else prev
            opening = not before or before.isspace() or before in "([{—–"
            if m.group(0) == "'":
                return lsquo if opening else rsquo
            return ldquo if opening else rdquo

        return _QUOTE.sub(quote, text)


_START_TAG = re.compile(
    r"<([A-Za-z][\w:-]*)((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*(/?)>")
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_COMMENT = re.compile(r"(<!--.*?(?:-->|\Z))", re.S)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}


def normalize_tags(raw: str) -> str:
    """kramdown parses raw HTML and writes its tags back: attributes double-quoted, a bare `&`
    escaped (entities kept), bare attributes as `=""`, void elements closed with ` />`."""
    if "<!--" not in raw:
        return _START_TAG.sub(_rewrite_tag, raw)
    # comments are kept verbatim, tags in them included
    parts = _COMMENT.split(raw)
    return "".join(part if part.startswith("<!--") else _START_TAG.sub(_rewrite_tag, part) for part in parts)


def _rewrite_tag(m: re.Match) -> str:
    name, attrs = m.group(1), m.group(2)
    parts = [f"<{name}"]
    for a in _ATTRIBUTE.finditer(attrs):
        value = next((v for v in a.group(2, 3, 4) if v is not None), "")
        parts.append(f' {a.group(1)}="{escape(value).replace(chr(34), "&quot;")}"')
    if name.lower() in _VOID:
        return "".join(parts) + " />"
    return "".join(parts) + ("/>" if m.group(3) else ">")


def _swallows_blank(tok: dict) -> bool:
    return tok["type"] == "list" or (tok["type"] == "block_code" and tok.get("style") == "indent")


def escape(text: str) -> str:
    """kramdown escapes <, > and bare & but keeps entities the author wrote."""
    parts = []
    pos = 0
    for m in _ENTITY.finditer(text):
        parts.append(text[pos:m.start()].replace("&", "&amp;"))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(text[pos:].replace("&", "&amp;"))
    return "".join(parts).replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(text: str) -> str:
    return escape(text).replace('"', "&quot;")


def code_block(code: str, lang: str | None) -> str:
    """Rouge's wrapper, as kramdown writes it in Jekyll (highlighted when possible)."""
    try:
        from jekyllpy.highlight import kramdown_block
    except ImportError:
        kramdown_block = None
    if kramdown_block is not None:
        return kramdown_block(code, lang).rstrip("\n")
    body = html.escape(code if code.endswith("\n") else code + "\n", quote=False)
    cls = f"language-{lang} highlighter-rouge" if lang else "highlighter-rouge"
    return f'<div class="{cls}"><div class="highlight"><pre class="highlight"><code>{body}</code></pre></div></div>'
