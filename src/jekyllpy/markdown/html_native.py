"""kramdown's `html_to_native` option: raw HTML elements turned into kramdown's own elements.

With the option on (off in Jekyll's defaults), kramdown rewrites parsed HTML where it has a
native equivalent — `<p>`, `<em>`/`<i>`, `<strong>`/`<b>`, `<a href>`, headers, lists, simple
tables, `<code>`/`<pre>` with plain text, MathJax `<script type="math/tex">` — and normalises
whitespace in the text it touches (Parser::Html::ElementConverter). Behaviour follows kramdown
2.4.0 as observed through Jekyll; the element names and lists below are kramdown's.
"""
from __future__ import annotations

import re

from jekyllpy.markdown import patterns as P
from jekyllpy.markdown.elements import Element
from jekyllpy.markdown.entities import CP1252, NAMES

REMOVE_TEXT_CHILDREN = set("html head hgroup ol ul dl table colgroup tbody thead tfoot tr select optgroup".split())
WRAP_TEXT_CHILDREN = set("""body section nav article aside header footer address div li dd blockquote figure
    figcaption fieldset form""".split())
REMOVE_WHITESPACE_CHILDREN = set("""body section nav article aside header footer address div li dd blockquote
    figure figcaption td th fieldset form""".split())
STRIP_WHITESPACE = set("""address article aside blockquote body caption dd div dl dt fieldset figcaption form
    footer header h1 h2 h3 h4 h5 h6 legend li nav p section td th""".split())
SIMPLE_ELEMENTS = set("em strong blockquote hr br img p thead tbody tfoot tr td th ul ol dl li dt dd".split())
EMPHASIS_TYPE = {"em": "em", "i": "em", "strong": "strong", "b": "strong"}
_BLOCK_TYPES = {"blank", "p", "header", "blockquote", "codeblock", "ul", "ol", "li", "dl", "dt", "dd", "table",
                "td", "hr"}
_SPAN_TYPES = {"text", "a", "br", "img", "codespan", "footnote", "em", "strong", "entity", "typographic_sym",
               "smart_quote", "abbreviation"}
_ENTITY = re.compile(P.HTML_ENTITY_RE)
_WS_RUN = re.compile(r"[ \t\n\r\f\v]+")


def category(el: Element):
    if el.type in _BLOCK_TYPES:
        return "block"
    if el.type in _SPAN_TYPES:
        return "span"
    return el.options.get("category")


def convert(el: Element) -> None:
    _process(el)


def _process(el: Element, do_conversion: bool = True, preserve_text: bool = False, parent=None) -> None:
    if el.type in ("xml_comment", "xml_pi"):
        if parent is None:
            ptype = "div"
        elif parent.type == "html_element":
            ptype = parent.value
        else:
            ptype = {"codespan": "code", "codeblock": "pre", "header": "h1"}.get(parent.type, parent.type)
        el.options = {"category": "span" if P.HTML_CONTENT_MODEL.get(ptype) == "span" else "block"}
        return
    if el.type != "html_element":
        return
    name = el.value
    method = _CONVERTERS.get(name) if do_conversion else None
    if method is not None:
        method(el)
        return
    if do_conversion and name in REMOVE_TEXT_CHILDREN:
        el.children = [c for c in el.children if c.type != "text"]
    if do_conversion and name in SIMPLE_ELEMENTS:
        _set_basics(el, name)
        _process_children(el, do_conversion, preserve_text)
    else:
        _process_html_element(el, do_conversion, preserve_text)
    if do_conversion:
        if name in STRIP_WHITESPACE:
            _strip_whitespace(el)
        if name in REMOVE_WHITESPACE_CHILDREN:
            _remove_whitespace_children(el)
        if name in WRAP_TEXT_CHILDREN:
            _wrap_text_children(el)


def _process_children(el: Element, do_conversion: bool = True, preserve_text: bool = False) -> None:
    out = []
    for c in el.children:
        if c.type == "text":
            out.extend(process_text(c.value, preserve_text or not do_conversion))
        else:
            _process(c, do_conversion, preserve_text, el)
            out.append(c)
    el.children = out


def process_text(raw: str, preserve: bool = False) -> list[Element]:
    if not preserve:
        raw = _WS_RUN.sub(" ", raw)
    result: list[Element] = []
    pos = 0
    while pos < len(raw):
        m = _ENTITY.search(raw, pos)
        if m is None:
            result.append(Element("text", raw[pos:]))
            break
        result.append(Element("text", raw[pos:m.start()]))
        name = m.group(1)
        if name in ("lsquo", "rsquo", "ldquo", "rdquo"):
            result.append(Element("smart_quote", name))
        elif name in ("mdash", "ndash", "hellip", "laquo", "raquo"):
            result.append(Element("typographic_sym", name))
        else:
            if name is not None:
                cp = NAMES.get(name)
            elif m.group(2) is not None:
                cp = CP1252.get(int(m.group(2)), int(m.group(2)))
            else:
                n = int(m.group(3), 16)
                cp = CP1252.get(n, n)
            if cp is None:  # unknown name: `&` alone, the rest is scanned again as text
                result.append(Element("entity", ord("&")))
                pos = m.start() + 1
                continue
            result.append(Element("entity", cp, None, {"original": m.group(0)}))
        pos = m.end()
    return result


def _process_html_element(el: Element, do_conversion: bool = True, preserve_text: bool = False) -> None:
    el.options = {"category": "span" if el.value in P.HTML_SPAN_ELEMENTS else "block",
                  "content_model": P.content_model(el.value) if do_conversion else "raw"}
    _process_children(el, do_conversion, preserve_text)


def _set_basics(el: Element, type: str, opts: dict | None = None) -> None:
    el.type = type
    el.options = dict(opts or {})
    el.value = None


def _strip_whitespace(el: Element) -> None:
    if not el.children:
        return
    if el.children[0].type == "text":
        el.children[0].value = el.children[0].value.lstrip(" \t\n\v\f\r")
    if el.children[-1].type == "text":
        el.children[-1].value = el.children[-1].value.rstrip(" \t\n\v\f\r\0")


def _remove_whitespace_children(el: Element) -> None:
    ch = el.children
    keep = []
    for i, c in enumerate(ch):
        if c.type == "text" and not c.value.strip(" \t\n\v\f\r\0") and \
                (i == 0 or i == len(ch) - 1 or (category(ch[i - 1]) == "block" and category(ch[i + 1]) == "block")):
            continue
        keep.append(c)
    el.children = keep


def _wrap_text_children(el: Element) -> None:
    out: list[Element] = []
    last_is_p = False
    for c in el.children:
        if category(c) != "block" or c.type == "text":
            if not last_is_p:
                out.append(Element("p", None, None, {"transparent": True}))
                last_is_p = True
            out[-1].children.append(c)
        else:
            out.append(c)
            last_is_p = False
    el.children = out


def _extract_text(el: Element, parts: list[str]) -> None:
    if el.type == "text":
        parts.append(str(el.value))
    for c in el.children:
        _extract_text(c, parts)


def _text_of(el: Element) -> str:
    parts: list[str] = []
    _extract_text(el, parts)
    return "".join(parts)


def _convert_textarea(el: Element) -> None:
    _process_html_element(el, True, True)


def _convert_a(el: Element) -> None:
    if el.attr.get("href") is not None:
        _set_basics(el, "a")
        _process_children(el)
    else:
        _process_html_element(el, False)


def _convert_em(el: Element) -> None:
    text = _text_of(el)
    if re.match(r"\A[ \t\n\r\f\v]", text) or re.search(r"[ \t\n\r\f\v]\Z", text):
        _process_html_element(el, False)
    else:
        _set_basics(el, EMPHASIS_TYPE[el.value])
        _process_children(el)


def _convert_header(el: Element) -> None:
    level = int(el.value[1])
    raw = _text_of(el)
    _set_basics(el, "header", {"level": level, "raw_text": raw})
    _process_children(el)


def _convert_code(el: Element) -> None:
    result = process_text(_text_of(el), True)
    text = None
    try:
        parts = []
        for c in result:
            if c.type == "text":
                parts.append(c.value)
            elif c.type == "entity":
                parts.append(chr(c.value))
            elif c.type in ("smart_quote", "typographic_sym"):
                parts.append(chr(NAMES[c.value]))
            else:
                raise ValueError(c.type)
        text = "".join(parts)
    except (ValueError, KeyError):
        text = None
    if text is None and (len(result) > 1 or result[0].type != "text"):
        _process_html_element(el, False, True)
        return
    if text is None:
        text = result[0].value
    if el.value == "code":
        _set_basics(el, "codespan")
        if "class" in el.attr and el.attr["class"] is not None:
            el.attr["class"] = re.sub(r"[ \t\n\r\f\v]+\bhighlighter-\w+\b|\bhighlighter-\w+\b[ \t\n\r\f\v]*", "",
                                      el.attr["class"])
    else:
        child = el.children[0] if len(el.children) == 1 else None
        _set_basics(el, "codeblock")
        if child is not None and child.type == "html_element" and child.value == "code":
            m = re.search(r"\blanguage-[^ \t\n\r\f\v]+", child.attr.get("class") or "")
            if m:
                el.attr["class"] = f"{m.group(0)} {el.attr.get('class') or ''}".rstrip(" \t\n\v\f\r\0")
    el.value = text
    el.children = []


def _convert_script(el: Element) -> None:
    if not re.search(r"\bmath/tex\b", str(el.attr.get("type", ""))):
        _process_html_element(el)
        return
    display = "mode=display" in str(el.attr.get("type", ""))
    _set_basics(el, "math", {"category": "block" if display else "span"})
    first = el.children.pop(0) if el.children else Element("raw", "")
    el.value = re.sub(r"\A(?:%\s*)?<!\[CDATA\[\n?(.*?)(?:\s%)?\]\]>\Z", r"\1", first.value or "", flags=re.S)
    el.attr.pop("type", None)


def _convert_table(el: Element) -> None:
    if not _is_simple_table(el):
        _process_html_element(el, False)
        return
    el.children = [c for c in el.children if c.type != "text"]
    _process_children(el)
    _set_basics(el, "table")

    def calc_alignment(c):
        if c.type == "tr":
            aligns = []
            for td in c.children:
                style = td.attr.get("style")
                if style is not None:
                    m = re.search(r"(?:;\s*)?text-align:\s+(center|left|right)", style)
                    if m:
                        td.attr["style"] = style[:m.start()] + style[m.end():]
                    if not td.attr["style"].strip(" \t\n\v\f\r\0"):
                        del td.attr["style"]
                    aligns.append(m.group(1) if m else "default")
                else:
                    aligns.append("default")
            el.options["alignment"] = aligns
        else:
            for cc in c.children:
                calc_alignment(cc)
    calc_alignment(el)
    el.children = [c for c in el.children if c.type != "html_element"]

    def change_th(c):
        if c.type == "th":
            c.type = "td"
        else:
            for cc in c.children:
                change_th(cc)
    change_th(el)
    if el.children and el.children[0].type == "tr":
        tbody = Element("tbody")
        tbody.children = el.children
        el.children = [tbody]


def _is_simple_table(el: Element) -> bool:
    def only_phrasing(c):
        return all((cc.type == "text" or cc.value not in P.HTML_BLOCK_ELEMENTS) and only_phrasing(cc)
                   for cc in c.children)

    def cells_ok(c):
        if c.value in ("th", "td"):
            return only_phrasing(c)
        return all(cells_ok(cc) for cc in c.children)
    if not cells_ok(el):
        return False
    nr_cells = 0
    bad = False

    def check_nr(t):
        nonlocal nr_cells, bad
        if bad:
            return
        if t.value == "tr":
            count = sum(1 for cc in t.children if cc.value in ("th", "td"))
            if count != nr_cells:
                if nr_cells == 0:
                    nr_cells = count
                else:
                    bad = True
        else:
            for cc in t.children:
                check_nr(cc)
    check_nr(el)
    if bad:
        return False
    alignment = None

    def check_alignment(t) -> bool:
        nonlocal alignment
        if t.value == "tr":
            cur = []
            for cell in (cc for cc in t.children if cc.value in ("th", "td")):
                m = re.search(r"text-align:\s+(center|left|right|justify|inherit)", str(cell.attr.get("style") or ""))
                if m and m.group(1) in ("justify", "inherit"):
                    return False
                cur.append(m.group(1) if m else "default")
            if alignment is None:
                alignment = cur
            if alignment != cur:
                return False
            return True
        return all(check_alignment(cc) for cc in t.children)
    if not check_alignment(el):
        return False

    def check_rows(t, kind):
        return all((r.value == "tr" or r.type == "text") and all(c.value == kind or c.type == "text" for c in r.children)
                   for r in t.children)
    return check_rows(el, "td") or (
        all(t.type == "text" or (t.value == "thead" and check_rows(t, "th")) or
            (t.value in ("tfoot", "tbody") and check_rows(t, "td")) for t in el.children)
        and any(t.value == "tbody" for t in el.children))


_CONVERTERS = {"textarea": _convert_textarea, "a": _convert_a, "em": _convert_em, "i": _convert_em,
               "b": _convert_em, "strong": _convert_em, "code": _convert_code, "pre": _convert_code,
               "table": _convert_table, "script": _convert_script,
               **{f"h{i}": _convert_header for i in range(1, 7)}}
