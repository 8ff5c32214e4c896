"""A printable PDF outline, laid out with fpdf2.

fpdf2 is the maintained pure-Python PDF library fountain-py's own `pdf` extra uses; its
screenplay renderer drops sections and synopses (they are invisible in print), so the
outline's blocks are laid out here. The file is byte-stable: its creation date is the draft
date, not the clock. Text is set in the PDF core fonts (no font files to ship), which
cover Latin-1; other characters are transliterated (’ -> ', é stays é, others -> ?).
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, time

from outliner.document import Outline
from outliner.structures import DEFAULT_STRUCTURE
from outliner.writers.printable import Style, blocks

# (font family, style, size pt, space before in mm, left indent in mm)
_LOOK: dict[Style, tuple[str, str, float, float, float]] = {
    Style.TITLE: ("Courier", "B", 18, 50, 0),
    Style.META: ("Courier", "", 11, 2, 0),
    Style.LOGLINE: ("Courier", "I", 12, 12, 0),
    Style.ACT: ("Helvetica", "B", 16, 10, 0),
    Style.PART: ("Helvetica", "B", 13, 6, 0),
    Style.EMPTY: ("Helvetica", "I", 10, 1, 6),
    Style.BEAT: ("Helvetica", "B", 11, 4, 6),
    Style.HEADING: ("Courier", "B", 11, 2, 12),
    Style.NOTE: ("Courier", "I", 10, 2, 12),
    Style.ACTION: ("Courier", "", 11, 2, 12),
}
_CENTRED = {Style.TITLE, Style.META, Style.LOGLINE}
_PUNCTUATION = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "·": "-"}
)


def latin1(text: str) -> str:
    """Text the core fonts can set: typographic punctuation simplified, accents kept."""
    text = text.translate(_PUNCTUATION)
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
            continue
        base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
        out.append(base or "?")
    return "".join(out)


def to_pdf(outline: Outline, structure: str = DEFAULT_STRUCTURE) -> bytes:
    from fpdf import FPDF  # imported here: the CLI stays quick to start

    pdf = FPDF(format="letter", unit="mm")
    page = outline.title_page
    when = page.draft_date if page is not None else datetime(2000, 1, 1).date()
    pdf.set_creation_date(datetime.combine(when, time(), tzinfo=UTC))
    pdf.set_title(latin1(page.title if page is not None else outline.document.source))
    pdf.set_creator("outliner")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(auto=True, margin=25)
    pdf.add_page()
    for block in blocks(outline, structure):
        family, style, size, before, indent = _LOOK[block.style]
        if block.style is Style.ACT and pdf.page_no() > 0:
            pdf.add_page()  # acts start on a new page, the title page stands alone
            before = 0
        pdf.set_font(family, style, size)
        pdf.ln(before)
        pdf.set_x(pdf.l_margin + indent)
        align = "C" if block.style in _CENTRED else "L"
        pdf.multi_cell(
            w=pdf.epw - indent,
            h=size * 0.45,
            text=latin1(block.text),
            align=align,
            new_x="LMARGIN",
            new_y="NEXT",
        )
    return bytes(pdf.output())
