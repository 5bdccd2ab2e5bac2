"""A stored report version shown inside a page: its headings move down below the page's own, so the page keeps one
h1 and an unbroken order of headings."""

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

KOP = re.compile(r"<(/?)h([1-6])\b")


@register.filter
def koppen_lager(html, stappen):
    """The version's HTML (made by the report's own templates, so trusted) with every heading `stappen` lower."""
    return mark_safe(KOP.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + int(stappen))}", html))
