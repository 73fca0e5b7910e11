"""Design-system template tags, available in every template (TEMPLATES builtins).

Each component is a small template under ``templates/components/``; the tags only pick and
check arguments. Classes in ``static/css/app.css`` are the real design system — when a tag does
not fit, write the markup with the same classes.
"""

import functools

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()

BUTTON_VARIANTS = frozenset({"primary", "secondary", "ghost", "danger"})
TONES = frozenset({"neutral", "info", "success", "warning", "danger", "accent"})
CARD_TAGS = frozenset({"section", "article", "div", "li", "aside"})
MESSAGE_TONES = {"debug": "neutral", "info": "info", "success": "success", "warning": "warning", "error": "danger"}
TONE_ICONS = {"neutral": "info", "info": "info", "success": "check", "warning": "alert", "danger": "alert"}


def _pick(value: str, allowed: frozenset[str], default: str) -> str:
    return value if value in allowed else default


@register.simple_tag
def icon(name: str, label: str = "", size: int = 20):
    """An icon from the local SVG sprite; decorative unless a label is given."""
    try:
        return _icon_markup(name, label, size)
    except TypeError:  # an unhashable argument: build it uncached
        return _icon_markup.__wrapped__(name, label, size)


# Pages draw dozens of icons from a handful of (name, label, size) triples; building each one costs a
# static() lookup and a format_html. The markup depends on those and the static settings only.
@functools.lru_cache(maxsize=1024)
def _icon_markup(name: str, label: str, size: int):
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


@receiver(setting_changed)
def _forget_icons(*, setting: str, **kwargs) -> None:
    if setting in {"STATIC_URL", "STORAGES", "STATICFILES_STORAGE"}:
        _icon_markup.cache_clear()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str, icon_name: str, section: str):
    """A main-navigation link, marked ``aria-current="page"`` while inside its app namespace."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = match is not None and match.namespace == section
    return format_html(
        '<a class="site-nav__link" href="{}"{}>{}<span>{}</span></a>',
        reverse(url_name),
        format_html(' aria-current="{}"', "page") if current else "",
        icon(icon_name),
        label,
    )


@register.simple_block_tag
def card(
    content, *, title: str = "", icon: str = "", tag: str = "section", level: int = 2, tone: str = "", extra: str = ""
):
    """A glass panel: ``{% card title="Game Tape" icon="video" %}body{% endcard %}``."""
    return render_to_string(
        "components/card.html",
        {
            "content": content,
            "title": title,
            "icon": icon,
            "tag": _pick(tag, CARD_TAGS, "section"),
            "level": min(max(int(level), 2), 4),
            "tone": _pick(tone, TONES, ""),
            "extra": extra,
        },
    )


@register.inclusion_tag("components/button.html")
def button(
    label: str,
    *,
    href: str = "",
    variant: str = "primary",
    icon: str = "",
    icon_end: str = "",
    type: str = "button",
    size: str = "",
    name: str = "",
    value: str = "",
    block: bool = False,
    extra: str = "",
):
    """``<a>`` when given ``href``, else ``<button>``: ``{% button "Save" type="submit" icon="check" %}``."""
    return {
        "label": label,
        "href": href,
        "variant": _pick(variant, BUTTON_VARIANTS, "primary"),
        "icon": icon,
        "icon_end": icon_end,
        "type": type if type in {"button", "submit", "reset"} else "button",
        "size": size if size in {"sm", "lg"} else "",
        "name": name,
        "value": value,
        "block": block,
        "extra": extra,
    }


@register.inclusion_tag("components/progress.html")
def progress(value, total: int = 100, label: str = "Progress", show_value: bool = True, tone: str = "primary"):
    """A progress bar with ARIA values; its width is a class per 5 % step (no inline style under CSP)."""
    try:
        value_num = float(value or 0)
        max_num = float(total) or 100.0
    except (TypeError, ValueError):
        value_num, max_num = 0.0, 100.0
    value_num = min(max(value_num, 0.0), max_num)
    percent = round(value_num / max_num * 100)
    return {
        "value": value_num,
        "max": max_num,
        "percent": percent,
        "step": int(round(percent / 5) * 5),
        "label": label,
        "show_value": show_value,
        "tone": tone if tone in {"primary", "success", "warning", "accent"} else "primary",
    }


@register.inclusion_tag("components/badge.html")
def badge(label: str, tone: str = "neutral", icon: str = ""):
    """A small chip: ``{% badge "Verified" tone="success" icon="check" %}``."""
    return {"label": label, "tone": _pick(tone, TONES, "neutral"), "icon": icon}


@register.inclusion_tag("components/stat_tile.html")
def stat_tile(label: str, value, *, icon: str = "", unit: str = "", hint: str = "", tone: str = "accent"):
    """A number with its label; ``value`` may be ``0`` or ``"—"`` for an empty state, never invented."""
    return {
        "label": label,
        "value": value,
        "icon": icon,
        "unit": unit,
        "hint": hint,
        "tone": _pick(tone, TONES, "accent"),
    }


@register.inclusion_tag("components/toast.html")
def toast(message, tone: str = ""):
    """One dismissible status toast, from a ``django.contrib.messages`` message or a plain string."""
    level_tag = getattr(message, "level_tag", "") or "info"
    tone = _pick(tone, TONES, MESSAGE_TONES.get(level_tag, "info"))
    return {"message": message, "tone": tone, "icon": TONE_ICONS.get(tone, "info")}


@register.simple_block_tag
def coming_soon(content, title: str, icon: str = "sparkles", lead: str = ""):
    """The honest placeholder for a section that is not built yet; the body lists what it will do."""
    return render_to_string(
        "components/coming_soon.html", {"content": content, "title": title, "icon": icon, "lead": lead}
    )
