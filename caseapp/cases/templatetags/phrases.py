"""Whole sentences around links: `{% capture as name %}…{% endcapture %}` renders a piece of
markup (links, a list of links) into a variable, so one `{% blocktranslate %}` sentence can hold
it as a placeholder and a translator can move it where the language wants it."""

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        # The nodelist's output is already escaped where it needed to be.
        rendered: SafeString = mark_safe(self.nodelist.render(context))
        context[self.name] = rendered
        return ""


@register.tag
def capture(parser: template.base.Parser, token: template.base.Token) -> CaptureNode:
    """`{% capture as links %}…{% endcapture %}`: sets `links` to the rendered markup."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
