"""Design-system template tags, available in every template (TEMPLATES builtins)."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def icon(name: str, label: str = "", size: int = 20):
    """An icon from the local SVG sprite; decorative unless a label is given."""
    href = f"{static('icons/sprite.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="icon" width="{}" height="{}" role="img" aria-label="{}"><use href="{}"></use></svg>',
            size,
            size,
            label,
            href,
        )
    return format_html(
        '<svg class="icon" width="{}" height="{}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>',
        size,
        size,
        href,
    )
