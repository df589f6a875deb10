"""`{% scrolltable "caption-id" %}<table>…</table>{% endscrolltable %}`: the accessible wrapper for every data table.

The id may be given in parts, joined without spaces (`{% scrolltable "indicator-" indicator.uuid "-caption" %}`),
and extra classes as `class="…"`.

A wide table scrolls on its own on a phone instead of the page (WCAG 1.4.10), inside a region that keyboard
users can reach (tabindex="0", WCAG 2.1.1) and screen readers announce by the table's caption
(aria-labelledby). Every template table sits in one; `common/tests/test_table_markup.py` checks that.
"""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


class ScrollTableNode(template.Node):
    def __init__(self, id_parts: list[FilterExpression], classes: str, nodelist: NodeList) -> None:
        self.id_parts = id_parts
        self.classes = classes
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        caption_id = "".join(str(part.resolve(context)) for part in self.id_parts)
        content = mark_safe(self.nodelist.render(context))
        return format_html(
            '<div class="{}" tabindex="0" role="region" aria-labelledby="{}">{}</div>',
            " ".join(["table-scroll", *self.classes.split()]),
            caption_id,
            content,
        )


@register.tag
def scrolltable(parser: Parser, token: Token) -> ScrollTableNode:
    """Wrap a table in a focusable scroll region named by the caption whose id is given."""
    name, *bits = token.split_contents()
    classes = ""
    if bits and bits[-1].startswith("class="):
        classes = bits.pop()[len("class=") :].strip("\"'")
    if not bits:
        raise template.TemplateSyntaxError(f"{name} needs the id of the table's caption.")
    nodelist = parser.parse(("endscrolltable",))
    parser.delete_first_token()
    return ScrollTableNode([parser.compile_filter(bit) for bit in bits], classes, nodelist)
