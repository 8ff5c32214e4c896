"""A printable HTML outline: one self-contained page, styles inline, no scripts."""

from __future__ import annotations

from html import escape

from outliner.document import Outline
from outliner.structures import DEFAULT_STRUCTURE
from outliner.writers.printable import Style, blocks
from outliner.writers.text import flat

_TAGS = {
    Style.TITLE: "h1",
    Style.ACT: "h2",
    Style.PART: "h3",
    Style.BEAT: "h4",
}

CSS = """
body { font-family: "Courier Prime", Courier, monospace; max-width: 42em; margin: 2em auto;
       line-height: 1.4; color: #111; }
h1 { text-align: center; text-transform: uppercase; margin-top: 3em; }
.meta, .logline { text-align: center; }
.logline { font-style: italic; margin-bottom: 3em; }
h2 { text-transform: uppercase; text-decoration: underline; margin-top: 2.5em;
     break-before: page; page-break-before: always; }
h3 { margin-top: 1.8em; border-bottom: 1px solid #999; }
h4 { margin: 1.2em 0 0.4em; font-weight: bold; }
.heading { font-weight: bold; text-transform: uppercase; }
.note { color: #555; font-style: italic; }
.note::before { content: "[["; } .note::after { content: "]]"; }
.empty { color: #888; font-style: italic; }
p { margin: 0.4em 0; }
"""


def to_html(outline: Outline, structure: str = DEFAULT_STRUCTURE) -> str:
    page = outline.title_page
    title = page.title if page is not None else outline.document.source
    body = []
    for block in blocks(outline, structure):
        tag = _TAGS.get(block.style, "p")
        body.append(f'<{tag} class="{block.style.value}">{escape(block.text)}</{tag}>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(flat(title))}</title>\n"
        '<meta name="generator" content="outliner">\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
