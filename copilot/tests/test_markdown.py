"""Markdown from people and models becomes HTML with nothing that runs, fetches or restyles the page."""

from __future__ import annotations

import re

import pytest

from copilot.markdown import render_markdown

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "![t](http://remote.example/track.png)",
    "![t](data:image/png;base64,AAAA)",
    '<div hx-get="/admin/" hx-trigger="load">x</div>',
    '<a href="#" onclick="alert(1)">c</a>',
    '<iframe src="http://evil.example"></iframe>',
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style>",
    '<form action="/accounts/logout/" method="post"><button>x</button></form>',
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<details open ontoggle=alert(1)>",
    "<!-- <script>x</script> -->",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markup_renders_inert(text):
    html = render_markdown(text)
    tags = re.findall(r"<\s*([a-z0-9]+)", html, flags=re.IGNORECASE)
    assert set(tags) <= {"p", "a", "br", "h3"}, html
    for tag in re.findall(r"<[a-z][^>]*>", html, flags=re.IGNORECASE):  # real tags, not escaped text
        assert not re.search(r"\s(on\w+|hx-[\w-]+|style|src|class|id)\s*=", tag, flags=re.IGNORECASE), html
    for href in re.findall(r'<a href="([^"]*)"', html):
        assert href.startswith(("http://", "https://", "mailto:")), html


def test_images_never_render_and_remote_ones_stay_a_plain_link():
    html = render_markdown("![tracking pixel](http://remote.example/track.png)")
    assert "<img" not in html
    assert 'href="http://remote.example/track.png"' in html


def test_script_text_is_shown_escaped():
    assert render_markdown("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"


def test_links_are_http_https_or_mailto_and_nofollow():
    html = render_markdown("[a](https://example.com) [b](mailto:me@example.com) [c](/admin/) [d](#top)")
    assert '<a href="https://example.com" rel="nofollow noopener noreferrer">a</a>' in html
    assert '<a href="mailto:me@example.com" rel="nofollow noopener noreferrer">b</a>' in html
    assert 'href="/admin/"' not in html
    assert 'href="#top"' not in html


def test_the_useful_subset_survives():
    text = "# Big\n## Plan\n\n**bold** *em* `code`\n\n> quote\n\n1. one\n2. two\n\n- a\n\n```\nx < y\n```\n\n"
    text += "| a | b |\n|:-|-:|\n| 1 | 2 |\n"
    html = render_markdown(text)
    for fragment in (
        "<h3>Big</h3>",
        "<h3>Plan</h3>",  # h1/h2 never outrank the page's own headings
        "<strong>bold</strong>",
        "<em>em</em>",
        "<code>code</code>",
        "<blockquote>",
        "<ol>",
        "<ul>",
        "<pre><code>x &lt; y\n</code></pre>",
        "<th>a</th>",
        "<td>2</td>",
    ):
        assert fragment in html
    assert "style=" not in html  # table alignment styles are dropped


def test_an_ordered_list_keeps_its_start_number():
    assert '<ol start="3">' in render_markdown("3. three\n4. four")


def test_empty_and_huge_inputs():
    assert render_markdown("") == ""
    assert len(render_markdown("a " * 100_000)) < 70_000
