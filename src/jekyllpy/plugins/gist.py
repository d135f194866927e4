"""jekyll-gist (1.5): `{% gist [user/]id [filename] %}`.

The tag writes `<noscript>` + `<script src="https://gist.github.com/<id>.js[?file=<name>]"> </script>`.
The noscript part needs the gist's raw code from gist.githubusercontent.com. jekyllpy never
fetches it (builds stay offline and reproducible), so it does what the Ruby plugin does when
the fetch fails: it logs the plugin's warning — and, as the plugin does, puts the logger's
return value where the noscript would be. In Jekyll that value is `true` when warnings are
printed and `false` when they are not (`--quiet`), so a failed gist shows as
`true<script …>` or `false<script …>`; we print the same words by the same rule.
With `gist: {noscript: false}` there is no fetch, no warning and nothing before the script.

Both arguments are first tried as Liquid expressions (`page.gist`, a variable): when that
gives a value, the value is used (Ruby's `context.key?`/`context[...]`).
"""
from __future__ import annotations

import re
from typing import Any

from jekyllpy.plugins import add_tag

_ARGS = re.compile(r"\A(\S+|.*(?=/).+)\s?(\S*)\Z")
_SYNTAX_HELP = """  Syntax error in tag 'gist' while parsing the following markup:

    {markup}

  Valid syntax:
    {{% gist user/1234567 %}}
    {{% gist user/1234567 foo.js %}}
    {{% gist 28949e1d5ee2273f9fd3 %}}
    {{% gist 28949e1d5ee2273f9fd3 best.md %}}
"""


def register(site) -> None:
    add_tag(site, "gist", render_gist)


def _evaluate(context, text: str) -> Any:
    """`context[text]` when it is not nil, else the text itself."""
    if not text:
        return text
    try:
        from liquid.undefined import Undefined

        from jekyllpy.liquid.quirks import parse_expression

        value = parse_expression(text).evaluate(context)
    except Exception:
        return text
    if value is None or isinstance(value, Undefined):
        return text
    return value


def _to_s(value: Any) -> str:
    from jekyllpy.liquid.rubyish import to_s

    return to_s(value)


def render_gist(context, markup: str) -> str:
    from liquid.exceptions import LiquidError

    site = context.env.site
    m = _ARGS.match(markup.strip())
    if not m:
        # Jekyll prints the plugin's multi-line message with whitespace squeezed; so do we.
        raise LiquidError(" ".join(_SYNTAX_HELP.format(markup=markup).split()), token=None)
    gist_id = _to_s(_evaluate(context, m.group(1).strip()))
    filename = _to_s(_evaluate(context, m.group(2).strip()))
    return noscript(site, gist_id) + script(gist_id, filename)


def script(gist_id: str, filename: str) -> str:
    url = f"https://gist.github.com/{gist_id}.js"
    if filename:
        url += f"?file={filename}"
    return f'<script src="{url}"> </script>'


def noscript(site, gist_id: str) -> str:
    settings = site.config.get("gist")
    if isinstance(settings, dict) and settings.get("noscript") is False:
        return ""
    site.logger.warn("Warning:", f"The <noscript> tag for your gist {gist_id} could not be generated "
                                 "(jekyllpy does not fetch gists). This will affect users who do not "
                                 "have JavaScript enabled in their browsers.")
    logger = site.logger
    shown = logger.level <= logger.LEVELS["warn"]
    return "true" if shown else "false"
