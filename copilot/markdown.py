"""Markdown written by a person or a language model, rendered to HTML that is safe to put in a page.

Single newlines are line breaks (chat replies are written that way). Two layers, so a bug in one is caught by
the other: markdown-it-py with raw HTML off (a ``<script>`` in the text stays text) and no image rule, then nh3
with a tight allowlist. What survives: paragraphs, line breaks, emphasis, code, lists, quotes, h3–h6 (h1/h2
are shifted down so a reply never outranks the page's own headings), tables and links to http/https/mailto
only, with ``rel="nofollow noopener noreferrer"``. Never images (a remote image would be fetched by the
reader's browser), never ``style``, ``on*``, ``hx-*``, ``class`` or ``id`` attributes, never
``javascript:``/``data:``/relative URLs.
"""

from __future__ import annotations

from functools import cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "strong",
        "em",
        "code",
        "pre",
        "ul",
        "ol",
        "li",
        "blockquote",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_PREFIXES = ("http://", "https://", "mailto:")
LINK_REL = "nofollow noopener noreferrer"
MAX_SOURCE_CHARS = 60_000


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False, "breaks": True})
    parser.enable("table")
    parser.disable("image")  # ![alt](url) becomes a plain link, never a fetch
    return parser


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "rel":
        return LINK_REL  # nh3 adds it; the filter sees it too
    if tag == "a" and attribute == "href":
        return value if value.strip().lower().startswith(URL_PREFIXES) else None
    if tag == "ol" and attribute == "start":
        return value if value.isdigit() and len(value) < 7 else None
    return None


def render_markdown(text: str) -> str:
    """Sanitized HTML for ``text``; mark it safe only after this call (the ``|markdown`` filter does)."""
    parser = _parser()
    tokens = parser.parse((text or "")[:MAX_SOURCE_CHARS])
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{max(int(token.tag[1]), 3)}"
    html = parser.renderer.render(tokens, parser.options, {})
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
        strip_comments=True,
    )
